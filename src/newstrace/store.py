"""The store: one SQLite file (WAL, foreign keys, FTS5, recorded migrations) or one
PostgreSQL database (``postgresql://...``: tsvector full-text search, advisory-locked
writers), behind the same interface.

Plain records in and out: `upsert_article(Article)`, `get_article(id) -> Article`. Tables
owned by other modules are created from their ``MIGRATIONS`` lists (see
`SCHEMA_MODULES`); each migration runs once, in its own transaction, and is recorded in
the ``migrations`` table. Writes happen in transactions, so a killed run leaves the
database consistent and a re-run completes it. Modules write SQL in one dialect
(SQLite's); on PostgreSQL the dialect layer (`newstrace._dialect`) rewrites it.
"""
from __future__ import annotations

import importlib
import json
import logging
import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import _backend, _fulltext, _pg
from ._fulltext import SearchError
from .errors import StoreBusy, StoreError
from .records import Article, DateRange, Mention, Paragraph, Quote, SourceLink, Span, TimeExpr

LOGGER = logging.getLogger(__name__)

__all__ = ["SCHEMA_MODULES", "SearchError", "Store", "StoreBusy", "copy_store", "is_url", "quote_act", "select_in"]

is_url = _pg.is_url  # a PostgreSQL URL rather than a SQLite file

#: How long a SQLite writer waits for another process's write lock before StoreBusy.
BUSY_TIMEOUT_MS = 10000


SCHEMA_MODULES = [
    "newstrace.store",
    "newstrace.pipeline",  # line_seen, article_keys (scale)
    "newstrace.mentions",
    "newstrace.actors",
    "newstrace.quotes",
    "newstrace.provenance",
    "newstrace.dates",
    "newstrace.timeline",
    "newstrace.reuse",
    "newstrace.stories",
    "newstrace.narratives",
    "newstrace.web.queries",  # indexes for the web pages (after the tables they index)
    "newstrace.spark.load",  # near_duplicates from the Spark job (scale)
]

# The core tables, in newstrace's SQL dialect (PostgreSQL gets them through the dialect layer).
_CORE_TABLES = """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT, url TEXT, outlet TEXT, outlet_source TEXT, title TEXT,
            lang TEXT, lang_method TEXT, published TEXT, published_source TEXT,
            range_earliest TEXT, range_latest TEXT, range_evidence TEXT,
            text TEXT NOT NULL, raw_text TEXT, boilerplate TEXT, content_hash TEXT NOT NULL,
            meta TEXT, paragraphs TEXT, sentences TEXT, chars INTEGER,
            added_at TEXT, updated_at TEXT,
            corpus_done INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_lang ON articles(lang);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, type TEXT,
            detector TEXT, local_id INTEGER, actor_id TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX mentions_actor ON mentions(actor_id);
        CREATE INDEX mentions_text ON mentions(text);
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, direct INTEGER,
            speaker TEXT, speaker_start INTEGER, speaker_end INTEGER, speaker_actor TEXT,
            speaker_kind TEXT, cue TEXT, cue_start INTEGER, cue_end INTEGER,
            channel TEXT, channel_start INTEGER, channel_end INTEGER, channel_actor TEXT,
            anonymous INTEGER, said_on_earliest TEXT, said_on_latest TEXT,
            said_on_evidence TEXT, method TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX quotes_speaker_actor ON quotes(speaker_actor);
        CREATE TABLE sources (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, cites TEXT, kind TEXT, start INTEGER, "end" INTEGER,
            text TEXT, cites_actor TEXT, anonymous INTEGER,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE times (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, kind TEXT,
            earliest TEXT, latest TEXT, method TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE skipped (
            id INTEGER PRIMARY KEY,
            run_id INTEGER, path TEXT NOT NULL, line INTEGER, stage TEXT, reason TEXT NOT NULL,
            at TEXT
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT, finished_at TEXT, paths TEXT, summary TEXT
        );
        """

# SQLite's full-text index: FTS5 over title and text, accents removed, kept by triggers.
_SQLITE_FTS = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
"""

MIGRATIONS: list[tuple[str, Any]] = [
    ("store_001_core", {"sqlite": [_CORE_TABLES, _SQLITE_FTS],
                        # PostgreSQL's full-text index: tsvector (unaccent, 'simple'), GIN
                        "postgresql": [_pg.create_core_objects, _CORE_TABLES, _pg.create_fts]}),
    # SQLite's catalogue, as a view on PostgreSQL: `SELECT ... FROM sqlite_master WHERE
    # type = 'table' AND name = ?` runs unchanged on both (prefer Store.has_table/tables)
    ("store_002_sqlite_master", {"sqlite": [], "postgresql": [_pg.create_sqlite_master]}),
    # which act a statement reports (`Quote.act`): rows written before it are speech acts
    ("store_003_quote_act", "ALTER TABLE quotes ADD COLUMN act TEXT NOT NULL DEFAULT 'say';"),
]

_MENTION_COLS = ["start", "end", "text", "type", "detector", "local_id", "actor_id"]
_SOURCE_COLS = ["cites", "kind", "start", "end", "text", "cites_actor", "anonymous"]
_TIME_COLS = ["start", "end", "text", "kind", "earliest", "latest", "method"]
_QUOTE_COLS = [
    "start", "end", "text", "direct", "speaker", "speaker_start", "speaker_end",
    "speaker_actor", "speaker_kind", "cue", "cue_start", "cue_end", "channel",
    "channel_start", "channel_end", "channel_actor", "anonymous", "method", "act",
]


def quote_act(row: Any) -> str:
    """The act a stored quote row reports (`Quote.act`): ``say`` for a row of a store
    opened read-only before the column existed."""
    return (row["act"] if "act" in row.keys() else None) or "say"


#: Values per ``IN (...)`` list: under SQLite's bound-parameter limit on every build.
IN_CHUNK = 500


def select_in(c: sqlite3.Connection, head: str, values: list, tail: str = "",
              after: Iterable[Any] = (), *, before: Iterable[Any] = ()) -> list:
    """All rows of ``{head} (?, ?, ...) {tail}`` over ``values``, queried IN_CHUNK values
    at a time; ``before``/``after``: parameters placed before/after the listed values."""
    out: list = []
    before, after = tuple(before), tuple(after)
    for k in range(0, len(values), IN_CHUNK):
        chunk = values[k:k + IN_CHUNK]
        out += c.execute(f"{head} ({','.join('?' * len(chunk))}) {tail}", (*before, *chunk, *after)).fetchall()
    return out


def _q(col: str) -> str:
    return f'"{col}"'


def _article_row(a: Article, now: str) -> dict[str, Any]:
    rng = a.published_range
    return {
        "id": a.id, "source": a.source, "url": a.url, "outlet": a.outlet,
        "outlet_source": a.outlet_source, "title": a.title, "lang": a.lang,
        "lang_method": a.lang_method, "published": a.published,
        "published_source": a.published_source,
        "range_earliest": rng.earliest if rng else None,
        "range_latest": rng.latest if rng else None,
        "range_evidence": json.dumps(rng.evidence, ensure_ascii=False) if rng else None,
        "text": a.text, "raw_text": a.raw_text,
        "boilerplate": json.dumps(a.boilerplate, ensure_ascii=False),
        "content_hash": a.content_hash, "meta": json.dumps(a.meta, ensure_ascii=False, default=str),
        "paragraphs": json.dumps([[p.start, p.end, p.lang] for p in a.paragraphs]),
        "sentences": json.dumps([[s.start, s.end] for s in a.sentences]),
        "chars": len(a.text), "added_at": now, "updated_at": now,
    }


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Store:
    """A newstrace database: a SQLite file, or a PostgreSQL database given by URL
    (``postgresql://user@host/dbname[?schema=NAME]``). ``Store(":memory:")`` for tests.

    ``store.conn`` takes SQL in newstrace's dialect (SQLite's, ``?`` placeholders) on both
    back ends: on PostgreSQL it is a `newstrace._pg.PgConnection`, which rewrites each
    statement through the dialect layer (`newstrace._dialect`). ``store.backend`` is
    ``"sqlite"`` or ``"postgresql"``."""

    def __init__(self, path: str | Path = "newstrace.db", *, create: bool = True,
                 read_only: bool = False):
        self.path = str(path)
        self._depth = 0
        self._corpus_depth = 0
        self._progress: Any = None
        self._quote_cols: list[str] | None = None  # the quote columns it has (`_article_from_row`)
        self.read_only = read_only
        target = _backend.resolve(self.path, create=create, read_only=read_only)
        self.backend = target.backend
        self.target = target
        if target.backend == "postgresql":
            self.conn = _backend.connect_pg(target, create=create, read_only=read_only)
            try:
                if (read_only or not create) and not self.has_table("articles"):
                    where = f" (schema {target.schema})" if target.schema else ""
                    raise StoreError(f"{target.label}: no such database: no newstrace tables here{where}; "
                                     f"run `newstrace analyze PATH --db {target.label}` first")
                if not read_only:
                    self.migrate()
                _backend.created(target)
            except sqlite3.DatabaseError as e:
                self.conn.close()
                raise StoreError(f"{target.label}: not a usable newstrace database ({e})") from e
            except BaseException:
                self.conn.close()
                raise
            return
        if self.path != ":memory:" and (read_only or not create) and not Path(self.path).exists():
            raise StoreError(
                f"{self.path}: no such database; run `newstrace analyze PATH --db {self.path}` first"
            )
        if read_only:
            # No migrations, no writes: for the web app and other readers.
            try:
                self.conn = sqlite3.connect(f"file:{Path(self.path).resolve().as_posix()}?mode=ro",
                                            uri=True, isolation_level=None, check_same_thread=False)
                self.conn.row_factory = sqlite3.Row
                self.conn.execute("PRAGMA query_only = 1")
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                self.conn.execute("PRAGMA mmap_size = 268435456")
                self.conn.execute("SELECT count(*) FROM articles").fetchone()
            except sqlite3.DatabaseError as e:
                raise StoreError(f"{self.path}: not a usable newstrace database ({e})") from e
            return
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.migrate()
        except StoreBusy:
            raise
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a usable newstrace database ({e})") from e

    @property
    def label(self) -> str:
        """The database's name for messages (a URL without its password)."""
        return self.target.label

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply every pending migration of every module in SCHEMA_MODULES, each once, in
        its own transaction, recorded in ``migrations``. A migration is ``(name, sql)``
        (newstrace's SQL dialect, rewritten for PostgreSQL by the dialect layer) or
        ``(name, {"sqlite": ..., "postgresql": ...})`` where each value is a script, a
        callable taking the connection, or a list of those."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        applied = []
        for modname in SCHEMA_MODULES:
            try:
                mod = importlib.import_module(modname)
            except ImportError as e:
                if getattr(e, "name", None) == modname:
                    continue
                raise
            for name, spec in getattr(mod, "MIGRATIONS", []):
                if name in done:
                    continue
                with self.transaction() as c:
                    # another process may have applied it since we looked (we now hold the lock)
                    if c.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                        continue
                    for step in _backend.migration_steps(spec, self.backend):
                        if callable(step):
                            step(c)
                        else:
                            for stmt in _backend.split_script(step, self.backend):
                                c.execute(stmt)
                    c.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, _now()))
                applied.append(name)
        return applied

    def has_table(self, name: str) -> bool:
        if self.backend == "postgresql":
            return self.conn.execute(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                "AND table_name = ?", (name,)).fetchone() is not None
        return self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?", (name,)
        ).fetchone() is not None

    def tables(self) -> list[str]:
        """The names of the store's tables (without the full-text index's own tables)."""
        if self.backend == "postgresql":
            rows = self.conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()
        else:
            rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite%' ORDER BY name").fetchall()
        return [r[0] for r in rows if not r[0].startswith("articles_fts")]

    def columns(self, table: str) -> list[str]:
        """The column names of ``table`` in order ([] when there is no such table)."""
        if self.backend == "postgresql":
            return [r[0] for r in self.conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = ? ORDER BY ordinal_position", (table,))]
        return [r[1] for r in self.conn.execute(f"PRAGMA table_info({_q(table)})")]

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Nestable: the outermost block commits (or rolls back on error). Writers are
        serialised: SQLite's ``BEGIN IMMEDIATE`` takes the file's write lock (waiting up
        to BUSY_TIMEOUT_MS, then StoreBusy); on PostgreSQL the transaction takes the
        store's advisory lock, so concurrent writers queue and readers never wait."""
        if self._depth == 0:
            self._begin()
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self._depth -= 1
            if self._depth == 0:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.OperationalError as e:
                    if self.backend == "sqlite" and self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise self._busy(e) from e

    def _begin(self) -> None:
        if self.backend == "postgresql":
            self.conn.execute("BEGIN")
            try:
                self.conn.native("SELECT pg_advisory_xact_lock(hashtext('newstrace:' || current_schema()))")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise self._busy(e) from e

    def _busy(self, e: sqlite3.OperationalError) -> Exception:
        if "locked" in str(e) or "busy" in str(e):
            return StoreBusy(
                f"{self.path}: the database is busy: another process held its write lock for more "
                f"than {BUSY_TIMEOUT_MS // 1000} s; retry when it is done (SQLite allows one writer "
                "at a time; PostgreSQL, --db postgresql://..., lets writers queue)")
        return e

    @contextmanager
    def corpus_lock(self) -> Iterator[None]:
        """Hold the store's corpus lock for the block (re-entrant): the corpus stages of
        one `analyze` and the analysts' merges and splits run one at a time across
        processes, so each sees the others' finished work, while per-article writes and
        readers go on. PostgreSQL: a session advisory lock (released if the process dies);
        SQLite: ``flock`` on ``FILE.lock`` next to the database (no-op for ``:memory:``)."""
        if self._corpus_depth:
            self._corpus_depth += 1
            try:
                yield
            finally:
                self._corpus_depth -= 1
            return
        release: Any = None
        if self.backend == "postgresql":
            self.conn.native("SELECT pg_advisory_lock(hashtext('newstrace-corpus:' || current_schema()))")
            release = lambda: self.conn.native(  # noqa: E731
                "SELECT pg_advisory_unlock(hashtext('newstrace-corpus:' || current_schema()))")
        elif self.path != ":memory:" and not self.read_only:
            try:
                import fcntl
            except ImportError:  # not on POSIX: writers rely on SQLite's own lock alone
                fcntl = None  # type: ignore[assignment]
            if fcntl is not None:
                fh = open(self.path + ".lock", "a+b")
                fcntl.flock(fh, fcntl.LOCK_EX)

                def release() -> None:
                    fcntl.flock(fh, fcntl.LOCK_UN)
                    fh.close()
        self._corpus_depth = 1
        try:
            yield
        finally:
            self._corpus_depth = 0
            if release is not None:
                release()

    def set_progress_handler(self, handler: Any, n: int = 10000) -> None:
        """Interrupt this store's queries when ``handler()`` returns non-zero
        (OperationalError "interrupted"): SQLite asks it every ``n`` steps; PostgreSQL
        before each statement, with a statement timeout meanwhile (see
        `newstrace._pg.PgConnection.set_progress_handler`). None removes it."""
        self._progress = handler
        self._progress_n = n
        self.conn.set_progress_handler(handler, n)

    def data_version(self) -> tuple:
        """A value that changes whenever the database changes (for caches)."""
        if self.backend == "postgresql":
            # the server's snapshot (next transaction id, transactions in progress) changes
            # whenever a write commits anywhere on the server: a conservative version
            return (self.conn.native("SELECT pg_current_snapshot()::text").fetchone()[0],)
        out = []
        for p in (self.path, self.path + "-wal"):
            try:
                st = os.stat(p)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def close(self) -> None:
        if self.target.temp:  # test hook: a ":memory:" store's schema goes with it
            try:
                self.conn.native(f'DROP SCHEMA IF EXISTS "{self.target.schema}" CASCADE')
            except sqlite3.Error:
                LOGGER.warning("could not drop schema %s", self.target.schema)
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- articles -----------------------------------------------------------------------
    def content_hash(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def upsert_article(self, a: Article, *, force: bool = False) -> str:
        """Insert or replace an article and its annotations. Returns added, updated or
        unchanged (same content hash: nothing is written, unless ``force``)."""
        return self.upsert_articles([a], force=force)[0]

    # -- batched writes (scale): one hash look-up and one executemany per table ----------
    def upsert_articles(self, articles: list[Article], *, force: bool = False) -> list[str]:
        """`upsert_article` for a batch, in one transaction: added, updated or unchanged
        for each article (``force``: an unchanged article is replaced too, so what was
        derived from it is derived again). Ids must be distinct within the batch."""
        if not articles:
            return []
        now = _now()
        prepared = [(a, _article_row(a, now)) for a in articles]  # outside the write lock
        status: list[str] = []
        with self.transaction() as c:
            # hashes read under the write lock: another writer may have stored an article meanwhile
            old = {r[0]: (r[1], r[2]) for r in select_in(
                c, "SELECT id, content_hash, added_at FROM articles WHERE id IN", [a.id for a in articles])}
            rows, replaced, written = [], [], []
            for a, row in prepared:
                prev = old.get(a.id)
                if prev is not None and prev[0] == a.content_hash and not force:
                    status.append("unchanged")
                    continue
                status.append("updated" if prev is not None else "added")
                if prev is not None:
                    row["added_at"] = prev[1]
                    replaced.append((a.id,))
                rows.append(row)
                written.append(a)
            if rows:
                cols = list(rows[0])
                # ON DELETE CASCADE clears the per-article tables and dependent rows.
                c.executemany("DELETE FROM articles WHERE id = ?", replaced)
                c.executemany(
                    f"INSERT INTO articles ({', '.join(map(_q, cols))}) VALUES ({', '.join('?' * len(cols))})",
                    [[r[k] for k in cols] for r in rows])
                self._insert_children_many(c, written)
        return status

    def _insert_children_many(self, c: sqlite3.Connection, articles: list[Article]) -> None:
        def ins(table: str, cols: list[str], rows: list[list[Any]]) -> None:
            if rows:
                allc = ["article_id", "idx"] + cols
                c.executemany(
                    f"INSERT INTO {table} ({', '.join(map(_q, allc))}) VALUES ({', '.join('?' * len(allc))})",
                    rows,
                )

        ins("mentions", _MENTION_COLS, [
            [a.id, i] + [getattr(m, k) for k in _MENTION_COLS] for a in articles for i, m in enumerate(a.mentions)
        ])
        ins("sources", _SOURCE_COLS, [
            [a.id, i] + [getattr(s, k) for k in _SOURCE_COLS] for a in articles for i, s in enumerate(a.sources)
        ])
        ins("times", _TIME_COLS, [
            [a.id, i] + [getattr(t, k) for k in _TIME_COLS] for a in articles for i, t in enumerate(a.times)
        ])
        qrows = []
        for a, i, q in ((a, i, q) for a in articles for i, q in enumerate(a.quotes)):
            s = q.said_on
            qrows.append(
                [a.id, i] + [getattr(q, k) for k in _QUOTE_COLS]
                + [s.earliest if s else None, s.latest if s else None,
                   json.dumps(s.evidence, ensure_ascii=False) if s else None]
            )
        ins("quotes", _QUOTE_COLS + ["said_on_earliest", "said_on_latest", "said_on_evidence"], qrows)

    def delete_article(self, article_id: str) -> bool:
        with self.transaction() as c:
            return c.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article_from_row(row) if row else None

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            # pages by key: memory stays bounded on both back ends (PostgreSQL's client
            # cursor would read the whole table at once)
            last = None
            while True:
                rows = (self.conn.execute("SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT 200", (last,))
                        if last is not None else
                        self.conn.execute("SELECT * FROM articles ORDER BY id LIMIT 200")).fetchall()
                for row in rows:
                    yield self._article_from_row(row)
                if len(rows) < 200:
                    return
                last = rows[-1]["id"]
        else:
            for i in ids:
                a = self.get_article(i)
                if a is not None:
                    yield a

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def article_rows(self, ids: Iterable[str] | None = None) -> list[sqlite3.Row]:
        cols = ("id, title, outlet, url, lang, published, range_earliest, range_latest, "
                "chars, source")
        if ids is None:
            return list(self.conn.execute(f"SELECT {cols} FROM articles ORDER BY id"))
        ids = list(ids)
        out: list[sqlite3.Row] = []
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            out += self.conn.execute(
                f"SELECT {cols} FROM articles WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id",
                chunk,
            ).fetchall()
        return out

    def _article_from_row(self, row: sqlite3.Row) -> Article:
        aid = row["id"]
        c = self.conn

        def children(table: str, cols: list[str]) -> list[sqlite3.Row]:
            return c.execute(
                f"SELECT {', '.join(map(_q, cols))} FROM {table} WHERE article_id = ? ORDER BY idx",
                (aid,),
            ).fetchall()

        quotes = []
        if self._quote_cols is None:  # a store opened read-only before acts were recorded has no act
            self._quote_cols = [k for k in _QUOTE_COLS if k != "act" or "act" in self.columns("quotes")]
        qcols = self._quote_cols
        for r in children("quotes", qcols + ["said_on_earliest", "said_on_latest", "said_on_evidence"]):
            d = {k: r[k] for k in qcols}
            d["direct"] = bool(d["direct"])
            d["anonymous"] = bool(d["anonymous"])
            if r["said_on_earliest"] or r["said_on_latest"]:
                d["said_on"] = DateRange(r["said_on_earliest"], r["said_on_latest"],
                                         json.loads(r["said_on_evidence"] or "[]"))
            quotes.append(Quote.from_dict(d))
        rng = None
        if row["range_earliest"] or row["range_latest"]:
            rng = DateRange(row["range_earliest"], row["range_latest"],
                            json.loads(row["range_evidence"] or "[]"))
        text = row["text"]
        return Article(
            id=aid, text=text, title=row["title"], source=row["source"], url=row["url"],
            outlet=row["outlet"], outlet_source=row["outlet_source"], lang=row["lang"],
            lang_method=row["lang_method"], published=row["published"],
            published_source=row["published_source"], published_range=rng,
            raw_text=row["raw_text"] or "", boilerplate=json.loads(row["boilerplate"] or "[]"),
            content_hash=row["content_hash"], meta=json.loads(row["meta"] or "{}"),
            paragraphs=[Paragraph(s, e, l) for s, e, l in json.loads(row["paragraphs"] or "[]")],
            sentences=[Span(s, e, text[s:e]) for s, e in json.loads(row["sentences"] or "[]")],
            mentions=[Mention(**{k: r[k] for k in _MENTION_COLS}) for r in children("mentions", _MENTION_COLS)],
            quotes=quotes,
            sources=[SourceLink(**{k: (bool(r[k]) if k == "anonymous" else r[k]) for k in _SOURCE_COLS})
                     for r in children("sources", _SOURCE_COLS)],
            times=[TimeExpr(**{k: r[k] for k in _TIME_COLS}) for r in children("times", _TIME_COLS)],
        )

    # -- annotation updates from corpus stages -------------------------------------------
    def set_mention_actors(self, rows: Iterable[tuple[str, int, str | None]]) -> None:
        with self.transaction() as c:
            c.executemany(
                "UPDATE mentions SET actor_id = ? WHERE article_id = ? AND idx = ?",
                [(actor, aid, idx) for aid, idx, actor in rows],
            )

    def set_quote_actors(self, rows: Iterable[tuple[str, int, str | None, str | None]]) -> None:
        with self.transaction() as c:
            c.executemany(
                "UPDATE quotes SET speaker_actor = ?, channel_actor = ? WHERE article_id = ? AND idx = ?",
                [(sp, ch, aid, idx) for aid, idx, sp, ch in rows],
            )

    def set_source_actors(self, rows: Iterable[tuple[str, int, str | None]]) -> None:
        with self.transaction() as c:
            c.executemany(
                "UPDATE sources SET cites_actor = ? WHERE article_id = ? AND idx = ?",
                [(actor, aid, idx) for aid, idx, actor in rows],
            )

    # -- skipped inputs and runs ---------------------------------------------------------
    def record_skipped(self, run_id: int | None, path: str, reason: str,
                       line: int | None = None, stage: str = "read") -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO skipped(run_id, path, line, stage, reason, at) VALUES (?,?,?,?,?,?)",
                (run_id, path, line, stage, reason, _now()),
            )

    def start_run(self, paths: list[str]) -> int:
        with self.transaction() as c:
            cur = c.execute("INSERT INTO runs(started_at, paths) VALUES (?, ?)",
                            (_now(), json.dumps(paths)))
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self.transaction() as c:
            c.execute("UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?",
                      (_now(), json.dumps(summary), run_id))

    # -- search and stats ------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (FTS5 syntax on both back ends; plain words are ANDed; accents
        and case ignored). Falls back to a quoted phrase when the query is not valid
        syntax. Dicts with id, title, outlet, lang, published, snippet ([hit]), score."""
        rows, _ = self.fulltext(query, limit=limit)
        return [{k: r[k] for k in ("id", "title", "outlet", "lang", "published", "snippet", "score")}
                for r in rows]

    def fulltext(self, query: str, *, where: str = "", args: list | tuple = (), limit: int = 20,
                 offset: int = 0, rank_cap: int = 5000,
                 snippet: tuple[str, str, int] = ("[", "]", 12)) -> tuple[list[dict[str, Any]], bool]:
        """Ranked full-text matches among the articles ``a`` satisfying ``where``; see
        `newstrace._fulltext.ranked` (bounded in size and time; SearchError beyond)."""
        return _fulltext.ranked(self, query, where=where, args=args, limit=limit, offset=offset,
                                rank_cap=rank_cap, snippet=snippet)

    def fulltext_recent(self, query: str, n: int) -> list[str]:
        """Ids of the ``n`` most recently added articles matching ``query``."""
        return _fulltext.recent(self, query, n)

    def stats(self) -> dict[str, Any]:
        c = self.conn

        def count(sql: str) -> int:
            return int(c.execute(sql).fetchone()[0])

        out: dict[str, Any] = {
            "articles": count("SELECT count(*) FROM articles"),
            "chars": count("SELECT coalesce(sum(chars), 0) FROM articles"),
            "languages": dict(c.execute(
                "SELECT coalesce(lang, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()),
            "outlets": count("SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL"),
            "dated": count("SELECT count(*) FROM articles WHERE published IS NOT NULL"),
            "date_inferred": count(
                "SELECT count(*) FROM articles WHERE published IS NULL AND range_earliest IS NOT NULL"),
            "mentions": count("SELECT count(*) FROM mentions"),
            "quotes": count("SELECT count(*) FROM quotes"),
            "sources": count("SELECT count(*) FROM sources"),
            "skipped_inputs": count("SELECT count(*) FROM skipped"),
        }
        # merged actors and stories stay as redirects; count only the live ones
        live = {"actors": "merged_into IS NULL", "stories": "status = 'active'"}
        for table in ("actors", "stories", "narratives", "reuse", "statements"):
            if self.has_table(table):
                where = live.get(table)
                try:
                    out[table] = count(f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else ""))
                except sqlite3.OperationalError:  # an older schema without the column
                    out[table] = count(f"SELECT count(*) FROM {table}")
        return out

    def skipped(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT path, line, stage, reason, at FROM skipped ORDER BY id")]


_TYPES_BACK = {"bigint": "INTEGER", "integer": "INTEGER", "smallint": "INTEGER", "double precision": "REAL",
               "real": "REAL", "bytea": "BLOB", "text": "TEXT", "numeric": "NUMERIC"}


def _table_ddl(store: Store, table: str) -> str:
    """A CREATE TABLE in newstrace's dialect for a table no migration creates."""
    if store.backend == "postgresql":
        rows = store.conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position", (table,)).fetchall()
        cols = [(r[0], _TYPES_BACK.get(r[1], "TEXT")) for r in rows]
        key = store.conn.catalog.primary_key(table)
    else:
        info = store.conn.execute(f"PRAGMA table_info({_q(table)})").fetchall()
        cols = [(r[1], r[2] or "TEXT") for r in info]
        key = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
    body = [f"{_q(c)} {t}" for c, t in cols] + ([f"PRIMARY KEY ({', '.join(map(_q, key))})"] if key else [])
    return f"CREATE TABLE IF NOT EXISTS {_q(table)} ({', '.join(body)})"


def copy_store(src: str | Path, dst: str | Path, *, batch: int = 2000) -> dict[str, int]:
    """Copy every table of the store ``src`` into the new, empty store ``dst`` (any two
    back ends: a SQLite file to PostgreSQL and back). The full-text index is rebuilt
    on the way. Returns the rows copied per table."""
    a = Store(src, read_only=True)
    try:
        b = Store(dst)
        try:
            if b.conn.execute("SELECT count(*) FROM articles").fetchone()[0]:
                raise StoreError(f"{b.label}: not empty; copy into a new database")
            tables = sorted(set(a.tables()) - {"migrations"}, key=lambda t: (t != "articles", t))
            counts: dict[str, int] = {}
            with b.transaction() as c:
                for t in tables:
                    if not b.columns(t):
                        c.execute(_table_ddl(a, t))
                    cols = [x for x in a.columns(t) if x in set(b.columns(t))]
                    names = ", ".join(map(_q, cols))
                    cur = a.conn.execute(f"SELECT {names} FROM {_q(t)}")
                    n = 0
                    while True:
                        rows = cur.fetchmany(batch)
                        if not rows:
                            break
                        c.executemany(f"INSERT INTO {_q(t)} ({names}) VALUES ({', '.join('?' * len(cols))})",
                                      [tuple(r) for r in rows])
                        n += len(rows)
                    counts[t] = n
                    if b.backend == "postgresql":
                        ident = b.conn.catalog.identity(t)
                        if ident:
                            b.conn.native(f"SELECT setval(pg_get_serial_sequence('{t}', '{ident}'), "
                                          f"coalesce(max({_q(ident)}), 0) + 1, false) FROM {_q(t)}")
            return counts
        finally:
            b.close()
    finally:
        a.close()
