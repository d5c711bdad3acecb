"""Which back end a ``--db`` value names, and the per-back-end parts of migrations.

``--db FILE`` is a SQLite file; ``--db postgresql://user@host/dbname[?schema=NAME]`` (or
``postgres://``) a PostgreSQL database. The environment variable ``NEWSTRACE_DB`` gives the
CLI's default.

Test hook: with ``NEWSTRACE_TEST_BACKEND=postgresql`` and ``NEWSTRACE_TEST_PG_URL`` set
(the test suite's conftest sets both, and CLI subprocesses inherit them), a file path is
mapped to its own schema of that database, named after the resolved path, and the file
itself becomes a small marker (so that "does the database exist" and "is this file a
newstrace database" keep their meaning); ``:memory:`` maps to a fresh schema dropped on
close. This lets the same test suite run on both back ends.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from . import _dialect
from ._pg import is_url, redact, split_url
from .errors import StoreError

__all__ = ["Target", "migration_steps", "resolve", "split_script"]

MARKER = "newstrace test store on PostgreSQL, schema "
TEST_BACKEND = "NEWSTRACE_TEST_BACKEND"
TEST_PG_URL = "NEWSTRACE_TEST_PG_URL"


@dataclass
class Target:
    backend: str            # "sqlite" | "postgresql"
    label: str              # for messages (no password)
    url: str | None = None  # libpq URL
    schema: str | None = None
    marker: Path | None = None   # test hook: the marker file standing for the database
    temp: bool = False           # test hook: a ":memory:" schema, dropped on close


def test_pg_url() -> str | None:
    if os.environ.get(TEST_BACKEND, "").lower() in ("postgresql", "postgres", "pg"):
        return os.environ.get(TEST_PG_URL) or None
    return None


def resolve(path: str, *, create: bool, read_only: bool) -> Target:
    if is_url(path):
        url, schema = split_url(path)
        return Target("postgresql", redact(path), url, schema)
    base = test_pg_url()
    if base is None:
        return Target("sqlite", path)
    url, _ = split_url(base)
    if path == ":memory:":
        return Target("postgresql", path, url, "m_" + uuid.uuid4().hex[:20], temp=True)
    p = Path(path).resolve()
    schema = "t_" + hashlib.sha1(str(p).encode()).hexdigest()[:24]
    if p.exists():
        try:
            head = p.read_bytes()[:len(MARKER)]
        except OSError as e:
            raise StoreError(f"{path}: not a usable newstrace database ({e})") from None
        if head != MARKER.encode():
            raise StoreError(f"{path}: not a usable newstrace database (file is not a database)")
    elif read_only or not create:
        raise StoreError(f"{path}: no such database; run `newstrace analyze PATH --db {path}` first")
    return Target("postgresql", path, url, schema, marker=p)


def connect_pg(target: Target, *, create: bool, read_only: bool) -> Any:
    from ._pg import PgConnection

    return PgConnection(target.url or "", target.schema, read_only=read_only,
                        create_schema=create and not read_only, label=target.label)


def created(target: Target) -> None:
    """After a store was opened: the test hook's marker file."""
    if target.marker is not None and not target.marker.exists():
        target.marker.write_text(MARKER + f"{target.schema}\n", encoding="utf-8")


def migration_steps(spec: Any, backend: str) -> list[str | Callable[[Any], None]]:
    """The steps of one migration for ``backend``: a script or callable, a list of them,
    or a dict ``{"sqlite": ..., "postgresql": ...}`` of those."""
    if isinstance(spec, dict):
        if backend not in spec:
            raise StoreError(f"migration has no {backend} variant")
        spec = spec[backend]
    return list(spec) if isinstance(spec, (list, tuple)) else [spec]


def split_script(script: str, backend: str = "sqlite") -> list[str]:
    """A migration script as statements (trigger bodies stay whole)."""
    if backend != "sqlite":
        return _dialect.split_script(script)
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
