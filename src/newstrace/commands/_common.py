"""Options and helpers shared by every CLI command module (and cli.py)."""
from __future__ import annotations

import json
import sys
from typing import Any, Callable

import click

from ..errors import NewstraceError

__all__ = ["db_option", "echo_json", "export_command", "json_option", "open_store", "with_store"]

db_option = click.option("--db", default="newstrace.db", show_default=True, envvar="NEWSTRACE_DB",
                         type=click.Path(dir_okay=False),
                         help="The database: a SQLite file, or postgresql://user@host/dbname "
                              "(default: $NEWSTRACE_DB, else newstrace.db).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")


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

        store = open_store(db)
        fh = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
        try:
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
                fh.close()
        if out:
            click.echo(f"wrote {what} to {out}", err=True)

    return cmd
