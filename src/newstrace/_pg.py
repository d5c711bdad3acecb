"""PostgreSQL back end: a connection with the sqlite3 API over psycopg 3.

:class:`PgConnection` is what ``store.conn`` is on PostgreSQL. Its ``execute``,
``executemany`` and ``cursor`` take newstrace's SQL (SQLite dialect, ``?``) and run it
through the dialect layer (:mod:`newstrace._dialect`); rows support ``row[0]``,
``row["col"]`` (any case), ``keys()`` and ``dict(row)`` like ``sqlite3.Row``; errors are
raised as the DB-API classes of the ``sqlite3`` module (``IntegrityError``,
``OperationalError``, ...) so that callers catch one family whatever the back end.
Python ``bool`` parameters are stored as 0/1 (SQLite's integers), ``numeric`` results
(``sum`` of integers) come back as ``int`` (``float`` when they have a fraction), and the
character U+0000, which PostgreSQL text cannot hold, is stored as U+FFFD.

A store lives in one schema of a database (``?schema=NAME`` in the URL; default: the
connection's current schema, normally ``public``); the schema also holds the text search
configuration ``newstrace`` and the ``nocase`` collation (see :data:`CORE_SCHEMA`).
"""
from __future__ import annotations

import logging
import re
import sqlite3
import threading
from typing import Any, Iterable, Iterator, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import _dialect
from .errors import StoreError

LOGGER = logging.getLogger(__name__)

__all__ = ["PgConnection", "Row", "is_url", "redact", "split_url"]

URL_SCHEMES = ("postgresql://", "postgres://")
#: statement_timeout while a progress handler is installed (see set_progress_handler)
HANDLER_TIMEOUT_S = 10.0


def is_url(target: Any) -> bool:
    return str(target).startswith(URL_SCHEMES)


def redact(url: str) -> str:
    """The URL without its password (for messages)."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def split_url(url: str) -> tuple[str, str | None]:
    """(libpq URL, schema): newstrace's own ``schema`` query parameter is taken out."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), None)
    if schema is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", schema):
        raise StoreError(f"{redact(url)}: schema must be a plain name (letters, digits, _), got {schema!r}")
    rest = urlencode([(k, v) for k, v in query if k != "schema"])
    return urlunsplit(parts._replace(query=rest)), schema


# ------------------------------------------------------------------------------ rows
class Row(tuple):
    """A result row: a tuple that also answers ``row["name"]`` and ``keys()``."""

    __slots__ = ()
    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._index[key])
            except KeyError:
                try:
                    return tuple.__getitem__(self, self._index[key.lower()])
                except KeyError:
                    raise IndexError("No item with that key") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


_ROW_CLASSES: dict[tuple[str, ...], type] = {}
_ROW_LOCK = threading.Lock()


def _row_class(names: tuple[str, ...]) -> type:
    cls = _ROW_CLASSES.get(names)
    if cls is None:
        index: dict[str, int] = {}
        for i, n in enumerate(names):
            index.setdefault(n, i)
            index.setdefault(n.lower(), i)
        cls = type("Row", (Row,), {"__slots__": (), "_names": names, "_index": index})
        with _ROW_LOCK:
            if len(_ROW_CLASSES) > 4096:
                _ROW_CLASSES.clear()
            _ROW_CLASSES[names] = cls
    return cls


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    cls = _row_class(tuple(d.name for d in desc))
    return lambda values: tuple.__new__(cls, values)


def _tuple_factory(cursor: Any) -> Any:
    return tuple


# --------------------------------------------------------------------------- catalog
class Catalog:
    """Columns, keys and NOT NULL flags of the tables of the store's schema (what the
    dialect layer needs to write upserts and ORDER BYs). Reloaded after DDL."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self._cols: dict[str, list[tuple]] | None = None
        self._pk: dict[str, list[str]] = {}
        self._notnull: dict[str, bool] = {}
        self._ints: dict[str, bool] = {}

    def invalidate(self) -> None:
        self._cols = None

    def _load(self) -> None:
        cols: dict[str, list[tuple]] = {}
        for rel, att, notnull, ident, typ in self.raw.execute(
                "SELECT c.relname, a.attname, a.attnotnull, a.attidentity, a.atttypid::regtype::text "
                "FROM pg_class c "
                "JOIN pg_attribute a ON a.attrelid = c.oid "
                "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
                "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum",
                prepare=False).fetchall():
            cols.setdefault(rel, []).append((att, notnull, ident, typ))
        pk: dict[str, list[str]] = {}
        for rel, att in self.raw.execute(
                "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) "
                "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                "WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace "
                "ORDER BY c.relname, k.ord", prepare=False).fetchall():
            pk.setdefault(rel, []).append(att)
        notnull: dict[str, bool] = {}
        ints: dict[str, bool] = {}
        for rel, atts in cols.items():
            for att, nn, _, typ in atts:
                notnull[att] = notnull.get(att, True) and bool(nn)
                ints[att] = ints.get(att, True) and typ in ("bigint", "integer", "smallint")
        self._cols, self._pk, self._notnull, self._ints = cols, pk, notnull, ints

    def _table(self, table: str) -> list[tuple]:
        if self._cols is None or table not in self._cols:
            self._load()
        assert self._cols is not None
        return self._cols.get(table, [])

    def columns(self, table: str) -> list[str]:
        return [c[0] for c in self._table(table)]

    def primary_key(self, table: str) -> list[str]:
        self._table(table)
        return list(self._pk.get(table, []))

    def identity(self, table: str) -> str | None:
        return next((c[0] for c in self._table(table) if c[2]), None)

    def not_null(self, column: str) -> bool:
        if self._cols is None:
            self._load()
        return self._notnull.get(column, False)

    def has_column(self, column: str) -> bool:
        if self._cols is None:
            self._load()
        return column in self._notnull

    def int_column(self, column: str) -> bool:
        if self._cols is None:
            self._load()
        return self._ints.get(column, False)

    def tables(self) -> list[str]:
        self._load()
        assert self._cols is not None
        return sorted(self._cols)


# ---------------------------------------------------------------------------- errors
def _db_error(e: Exception, sql: str) -> sqlite3.Error:
    import psycopg

    msg = f"{getattr(e, 'diag', None) and e.diag.message_primary or e} [PostgreSQL: {sql.strip()[:200]}]"
    if isinstance(e, psycopg.errors.IntegrityError):
        err: sqlite3.Error = sqlite3.IntegrityError(msg)
    elif isinstance(e, psycopg.errors.QueryCanceled):
        err = sqlite3.OperationalError("interrupted: " + msg)
    elif isinstance(e, (psycopg.errors.DataError, psycopg.errors.NumericValueOutOfRange)):
        err = sqlite3.DataError(msg)
    elif isinstance(e, psycopg.errors.InternalError):
        err = sqlite3.InternalError(msg)
    elif isinstance(e, (psycopg.errors.ProgrammingError, psycopg.errors.OperationalError)):
        err = sqlite3.OperationalError(msg)
    else:
        err = sqlite3.DatabaseError(msg)
    err.pgcode = getattr(e, "sqlstate", None)  # type: ignore[attr-defined]
    return err


# ---------------------------------------------------------------------------- cursor
class PgCursor:
    """The part of ``sqlite3.Cursor`` that newstrace uses."""

    def __init__(self, conn: "PgConnection") -> None:
        self.connection = conn
        self._cur: Any = None
        self.row_factory: Any = _row_factory
        self.lastrowid: int | None = None
        self.rowcount = -1

    def _raw(self) -> Any:
        return self.connection.raw.cursor(row_factory=self.row_factory or _tuple_factory)

    def execute(self, sql: str, params: Sequence[Any] | dict | None = None) -> "PgCursor":
        self.connection.check_progress()
        t = self.connection.translate(sql)
        q = t.sql
        want_id = t.kind == "INSERT" and t.table is not None and "RETURNING" not in q.upper()
        ident = self.connection.catalog.identity(t.table) if want_id else None
        if ident:
            q += f' RETURNING "{ident}"'
        cur = self._raw()
        try:
            cur.execute(q, _params(params))
        except Exception as e:  # noqa: BLE001 - mapped to the sqlite3 classes
            raise _db_error(e, sql) from e
        if t.ddl:
            self.connection.schema_changed()
        self._cur = cur
        self.rowcount = cur.rowcount
        self.lastrowid = None
        if ident:
            row = cur.fetchone()
            self.lastrowid = row[0] if row else None
            self._cur = None
        return self

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> "PgCursor":
        self.connection.check_progress()
        t = self.connection.translate(sql)
        rows = [_params(p) for p in seq]
        if not rows:
            self.rowcount = 0
            return self
        cur = self._raw()
        try:
            cur.executemany(t.sql, rows)
        except Exception as e:  # noqa: BLE001
            raise _db_error(e, sql) from e
        self._cur = None
        self.rowcount = cur.rowcount
        return self

    @property
    def description(self) -> Any:
        return self._cur.description if self._cur is not None else None

    def fetchone(self) -> Any:
        if self._cur is None or self._cur.description is None:
            return None
        return self._cur.fetchone()

    def fetchall(self) -> list:
        if self._cur is None or self._cur.description is None:
            return []
        return self._cur.fetchall()

    def fetchmany(self, size: int = 100) -> list:
        if self._cur is None or self._cur.description is None:
            return []
        return self._cur.fetchmany(size)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    def close(self) -> None:
        if self._cur is not None:
            self._cur.close()


def _params(p: Any) -> Sequence[Any]:
    if p is None:
        return ()
    if isinstance(p, dict):
        raise _dialect.UnsupportedSQL("named parameters: use ? placeholders")
    return tuple(p)


# ------------------------------------------------------------------------ connection
def _adapters(raw: Any) -> None:
    from psycopg.adapt import Dumper, Loader
    from psycopg.types.string import StrDumperUnknown
    from psycopg.postgres import types

    class BoolAsInt(Dumper):
        oid = types["int8"].oid

        def dump(self, obj: Any) -> bytes:
            return b"1" if obj else b"0"

    class NumericAsNumber(Loader):
        def load(self, data: Any) -> Any:
            s = bytes(data).decode()
            try:
                return int(s)
            except ValueError:
                return float(s)

    class StrWithoutNul(StrDumperUnknown):
        """PostgreSQL text cannot hold U+0000: it is stored as U+FFFD."""

        def dump(self, obj: str) -> Any:
            return super().dump(obj.replace("\x00", "\ufffd") if "\x00" in obj else obj)

    raw.adapters.register_dumper(str, StrWithoutNul)
    raw.adapters.register_dumper(bool, BoolAsInt)
    raw.adapters.register_loader("numeric", NumericAsNumber)


class PgConnection:
    """``store.conn`` on PostgreSQL (autocommit; ``BEGIN``/``COMMIT`` are explicit, as
    with SQLite's ``isolation_level=None``)."""

    def __init__(self, url: str, schema: str | None, *, read_only: bool = False,
                 create_schema: bool = False, label: str | None = None) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError("PostgreSQL needs psycopg: pip install 'newstrace[postgres]'") from None
        self.url = url
        self.label = label or redact(url)
        self.schema = schema
        try:
            self.raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                                       application_name="newstrace", connect_timeout=20)
        except psycopg.Error as e:
            msg = str(e).strip()
            hint = ("; create it with `createdb NAME` (see README, PostgreSQL)"
                    if "does not exist" in msg and "database" in msg else "")
            raise StoreError(f"{self.label}: cannot connect to PostgreSQL ({msg}){hint}") from None
        _adapters(self.raw)
        if schema:
            if create_schema and not read_only:
                self.raw.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            self.raw.execute(f"SET search_path TO \"{schema}\", public")
        if read_only:
            self.raw.execute("SET default_transaction_read_only = on")
        self.catalog = Catalog(self.raw)
        self._cache: dict[str, _dialect.Translated] = {}
        self._lock = threading.Lock()
        self.row_factory = None  # sqlite3 compatibility; rows are always Row
        self._progress: Any = None

    # -- the sqlite3.Connection API ----------------------------------------------------
    def translate(self, sql: str) -> _dialect.Translated:
        t = self._cache.get(sql)
        if t is None:
            t = _dialect.translate(sql, self.catalog)
            if not t.ddl:
                with self._lock:
                    if len(self._cache) > 4096:
                        self._cache.clear()
                    self._cache[sql] = t
        return t

    def schema_changed(self) -> None:
        self.catalog.invalidate()
        with self._lock:
            self._cache.clear()

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        return PgCursor(self).execute(sql, params)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        return PgCursor(self).executemany(sql, seq)

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    def native(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """Run PostgreSQL SQL as it is (``%s`` placeholders, several statements when
        there are no parameters); returns the psycopg cursor."""
        try:
            return self.raw.execute(sql, params, prepare=False) if params is not None else self.raw.execute(sql)
        except Exception as e:  # noqa: BLE001
            raise _db_error(e, sql) from e

    def set_progress_handler(self, handler: Any, n: int = 0, *, timeout_s: float | None = None) -> None:
        """sqlite3's API, as far as PostgreSQL allows: the server cannot call back during
        a statement, so ``handler`` is asked before each statement (non-zero: the
        statement is not run and OperationalError "interrupted" is raised), and while a
        handler is installed each statement is bounded by ``statement_timeout``
        (``timeout_s``, default HANDLER_TIMEOUT_S), which also raises "interrupted"."""
        self._progress = handler
        ms = int((timeout_s or HANDLER_TIMEOUT_S) * 1000) if handler is not None else 0
        self.native(f"SET statement_timeout = {ms}")

    def check_progress(self) -> None:
        if self._progress is not None and self._progress():
            raise sqlite3.OperationalError("interrupted")

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()

    def commit(self) -> None:  # sqlite3 API: nothing to do in autocommit mode
        if self.in_transaction:
            self.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.execute("ROLLBACK")


# --------------------------------------------------------------------- schema objects
_WORD_TOKENS = ("asciiword, asciihword, hword_asciipart, word, hword, hword_part, "
                "numword, numhword, hword_numpart")


def _unaccent_schema(conn: PgConnection) -> str:
    """The schema of the unaccent extension, creating the extension when needed."""
    find = ("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'")
    row = conn.native(find).fetchone()
    if row is None:
        try:
            conn.native("SAVEPOINT nt_unaccent")
            conn.native("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
            conn.native("RELEASE SAVEPOINT nt_unaccent")
        except sqlite3.Error as e:
            conn.native("ROLLBACK TO SAVEPOINT nt_unaccent")
            raise StoreError(
                f"{conn.label}: the PostgreSQL extension unaccent is missing and could not be "
                f"created ({e}); install postgresql-contrib and run `CREATE EXTENSION unaccent` "
                "as the database owner") from None
        row = conn.native(find).fetchone()
    return row[0]


def create_core_objects(conn: PgConnection) -> None:
    """The ``nocase`` collation (SQLite's ``COLLATE NOCASE``; ICU, case-insensitive) and
    the ``newstrace`` text search configuration (``simple`` with ``unaccent``: every
    language, accents and case ignored) in the store's schema."""
    ext = _unaccent_schema(conn)
    has_icu = conn.native("SELECT 1 FROM pg_collation WHERE collprovider = 'i' LIMIT 1").fetchone()
    if has_icu:
        conn.native("CREATE COLLATION IF NOT EXISTS nocase "
                    "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)")
    else:  # a server built without ICU: NOCASE comparisons become case-sensitive
        LOGGER.warning("PostgreSQL has no ICU collations: COLLATE NOCASE compares case-sensitively")
        conn.native('CREATE COLLATION IF NOT EXISTS nocase FROM "C"')
    conn.native("CREATE TEXT SEARCH CONFIGURATION newstrace (COPY = pg_catalog.simple)")
    conn.native(f'ALTER TEXT SEARCH CONFIGURATION newstrace ALTER MAPPING FOR {_WORD_TOKENS} '
                f'WITH "{ext}".unaccent, simple')


def create_fts(conn: PgConnection) -> None:
    """``articles_fts``: one tsvector per article (title weight A, text D), kept by a
    trigger, GIN-indexed; ``fts_seq`` orders matches by when they were added."""
    conn.native("""
        CREATE TABLE articles_fts (
            article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            fts_seq BIGINT GENERATED ALWAYS AS IDENTITY,
            doc tsvector NOT NULL
        );
        CREATE INDEX articles_fts_doc ON articles_fts USING gin (doc);
        CREATE INDEX articles_fts_seq ON articles_fts (fts_seq);
        CREATE FUNCTION articles_fts_sync() RETURNS trigger LANGUAGE plpgsql
        SET search_path FROM CURRENT AS $$
        DECLARE v tsvector;
        BEGIN
            BEGIN
                v := setweight(to_tsvector('newstrace', coalesce(NEW.title, '')), 'A')
                     || to_tsvector('newstrace', coalesce(NEW.text, ''));
            EXCEPTION WHEN program_limit_exceeded THEN  -- a tsvector holds at most 1 MB
                v := setweight(to_tsvector('newstrace', coalesce(NEW.title, '')), 'A')
                     || to_tsvector('newstrace', left(coalesce(NEW.text, ''), 200000));
            END;
            INSERT INTO articles_fts (article_id, doc) VALUES (NEW.id, v)
            ON CONFLICT (article_id) DO UPDATE SET doc = EXCLUDED.doc;
            RETURN NULL;
        END $$;
        CREATE TRIGGER articles_fts_sync AFTER INSERT OR UPDATE OF title, text ON articles
        FOR EACH ROW EXECUTE FUNCTION articles_fts_sync();
    """)


def create_sqlite_master(conn: PgConnection) -> None:
    """A read-only ``sqlite_master`` view (type, name, tbl_name, sql) of the store's
    tables, views and indexes, so that catalogue look-ups written for SQLite still work."""
    conn.native("""
        CREATE VIEW sqlite_master AS
        SELECT CASE WHEN c.relkind = 'v' THEN 'view' WHEN c.relkind = 'i' THEN 'index' ELSE 'table' END AS type,
               c.relname::text COLLATE "C" AS name,
               coalesce(t.relname, c.relname)::text COLLATE "C" AS tbl_name,
               NULL::text AS sql
        FROM pg_class c
        LEFT JOIN pg_index i ON i.indexrelid = c.oid
        LEFT JOIN pg_class t ON t.oid = i.indrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'i')
          AND c.relname <> 'sqlite_master'
    """)
