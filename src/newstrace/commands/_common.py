"""Options and helpers shared by every CLI command module (and cli.py)."""
from __future__ import annotations

import json
from typing import Any

import click

from ..errors import NewstraceError

__all__ = ["db_option", "echo_json", "json_option", "open_store", "with_store"]

db_option = click.option("--db", default="newstrace.db", show_default=True,
                         type=click.Path(dir_okay=False), help="The newstrace database file.")
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
