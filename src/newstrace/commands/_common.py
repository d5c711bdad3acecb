"""Options and helpers shared by every CLI command module (and cli.py)."""
from __future__ import annotations

import json
import sys
from typing import Any, Callable

import click

from ..errors import NewstraceError

__all__ = ["DATE", "DATE_END", "db_option", "display", "echo_json", "export_command", "json_option",
           "lang_value", "open_store", "with_store"]

def _remember_db(ctx: click.Context, param: Any, value: str) -> str:
    ctx.meta["newstrace.db"] = value  # Context.meta is shared: error messages name the file
    return value


db_option = click.option("--db", default="newstrace.db", show_default=True, callback=_remember_db,
                         type=click.Path(dir_okay=False), help="The newstrace database file.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")


class DateBound(click.ParamType):
    """A date option: YYYY, YYYY-MM or YYYY-MM-DD, as the first day it covers (the last
    with ``end``: ``--until 2021`` is 2021-12-31)."""

    name = "date"

    def __init__(self, end: bool = False) -> None:
        self.end = end

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from .._published import date_bound

        try:
            return date_bound(str(value), end=self.end)
        except ValueError as e:
            self.fail(str(e), param, ctx)


DATE = DateBound()
DATE_END = DateBound(end=True)


def lang_value(ctx: Any, param: Any, value: str | None) -> str | None:
    """Language codes match in any letter case (`--lang DE` is `de`)."""
    return value.strip().lower() or None if value else None


def display(value: Any) -> str:
    """A value for a CLI table: bidirectional controls removed (see `_display`)."""
    from .._display import neutral

    return neutral("" if value is None else str(value))


def open_store(db: str, create: bool = False):
    """Open the database, turning a missing or unusable file into a clean CLI error."""
    from ..store import Store

    try:
        return Store(db, create=create)
    except NewstraceError as e:
        raise click.ClickException(str(e)) from None


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def with_store(db: str, fn):
    """Open the database, call ``fn(store)``, close it. Library errors become CLI errors
    through the top-level group."""
    store = open_store(db)
    try:
        return fn(store)
    finally:
        store.close()


def export_command(kind: str, rows_fn: Callable, help_text: str, graph_fn: Callable | None = None):
    """Build an `export KIND` subcommand from a rows function (and an optional graph
    function returning (nodes, edges) for GEXF/GraphML)."""
    formats = ["jsonl", "csv"] + (["gexf", "graphml"] if graph_fn else [])

    @click.command(name=kind, help=help_text)
    @db_option
    @click.option("--format", "fmt", type=click.Choice(formats), default="jsonl", show_default=True)
    @click.option("--out", type=click.Path(dir_okay=False), help="Write to this file (default stdout).")
    def cmd(db: str, fmt: str, out: str | None) -> None:
        from ..export import write_graph, write_rows

        from contextlib import nullcontext

        from ..export import open_output

        store = open_store(db)
        try:
            with open_output(out) if out else nullcontext(sys.stdout) as fh:
                if fmt in ("gexf", "graphml"):
                    nodes, edges = graph_fn(store)
                    n = write_graph(nodes, edges, fmt, fh)
                    what = f"{len(nodes)} nodes, {n} edges"
                else:
                    n = write_rows(rows_fn(store), fmt, fh)
                    what = f"{n} {kind}"
        finally:
            store.close()
        if out:
            click.echo(f"wrote {what} to {out}", err=True)

    return cmd
