"""The store: one SQLite file (WAL, foreign keys, FTS5, recorded migrations).

Plain records in and out: `upsert_article(Article)`, `get_article(id) -> Article`. Tables
owned by other modules are created from their ``MIGRATIONS`` lists (see
`SCHEMA_MODULES`); each migration runs once, in its own transaction, and is recorded in
the ``migrations`` table. Writes happen in transactions, so a killed run leaves the file
consistent and a re-run completes it.
"""
from __future__ import annotations

import importlib
import json
import logging
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import StoreError
from .records import Article, DateRange, Mention, Paragraph, Quote, SourceLink, Span, TimeExpr

LOGGER = logging.getLogger(__name__)

__all__ = ["SCHEMA_MODULES", "Store", "select_in"]

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

MIGRATIONS: list[tuple[str, str]] = [
    (
        "store_001_core",
        """
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
        """,
    ),
]

_MENTION_COLS = ["start", "end", "text", "type", "detector", "local_id", "actor_id"]
_SOURCE_COLS = ["cites", "kind", "start", "end", "text", "cites_actor", "anonymous"]
_TIME_COLS = ["start", "end", "text", "kind", "earliest", "latest", "method"]
_QUOTE_COLS = [
    "start", "end", "text", "direct", "speaker", "speaker_start", "speaker_end",
    "speaker_actor", "speaker_kind", "cue", "cue_start", "cue_end", "channel",
    "channel_start", "channel_end", "channel_actor", "anonymous", "method",
]


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
    """A newstrace database. ``Store(":memory:")`` for tests."""

    def __init__(self, path: str | Path = "newstrace.db", *, create: bool = True,
                 read_only: bool = False):
        self.path = str(path)
        self._depth = 0
        if self.path != ":memory:" and (read_only or not create) and not Path(self.path).exists():
            raise StoreError(
                f"{self.path}: no such database; run `newstrace analyze PATH --db {self.path}` first"
            )
        self.read_only = read_only
        if read_only:
            # No migrations, no writes: for the web app and other readers.
            try:
                self.conn = sqlite3.connect(f"file:{Path(self.path).resolve().as_posix()}?mode=ro",
                                            uri=True, isolation_level=None, check_same_thread=False)
                self.conn.row_factory = sqlite3.Row
                self.conn.execute("PRAGMA query_only = 1")
                self.conn.execute("PRAGMA busy_timeout = 10000")
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
            self.conn.execute("PRAGMA busy_timeout = 10000")
            self.migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a usable newstrace database ({e})") from e

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply every pending migration of every module in SCHEMA_MODULES."""
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
            for name, sql in getattr(mod, "MIGRATIONS", []):
                if name in done:
                    continue
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    for stmt in _split_sql(sql):
                        self.conn.execute(stmt)
                    self.conn.execute(
                        "INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, _now())
                    )
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    raise
                applied.append(name)
        return applied

    def has_table(self, name: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?", (name,)
        ).fetchone() is not None

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Nestable: the outermost block commits (or rolls back on error)."""
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
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
                self.conn.execute("COMMIT")

    def close(self) -> None:
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
        old = {r[0]: (r[1], r[2]) for r in select_in(
            self.conn, "SELECT id, content_hash, added_at FROM articles WHERE id IN", [a.id for a in articles])}
        now = _now()
        status, rows, replaced, written = [], [], [], []
        for a in articles:
            prev = old.get(a.id)
            if prev is not None and prev[0] == a.content_hash and not force:
                status.append("unchanged")
                continue
            status.append("updated" if prev is not None else "added")
            row = _article_row(a, now)
            if prev is not None:
                row["added_at"] = prev[1]
                replaced.append((a.id,))
            rows.append(row)
            written.append(a)
        if rows:
            cols = list(rows[0])
            with self.transaction() as c:
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
            for row in self.conn.execute("SELECT * FROM articles ORDER BY id"):
                yield self._article_from_row(row)
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
        for r in children("quotes", _QUOTE_COLS + ["said_on_earliest", "said_on_latest", "said_on_evidence"]):
            d = {k: r[k] for k in _QUOTE_COLS}
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
        """Full-text search (FTS5 syntax; plain words are ANDed). Falls back to a quoted
        phrase when the query is not valid FTS5 syntax."""
        sql = (
            "SELECT a.id, a.title, a.outlet, a.lang, a.published, "
            "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(articles_fts) AS score "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY score LIMIT ?"
        )
        try:
            rows = self.conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            phrase = '"' + query.replace('"', '""') + '"'
            rows = self.conn.execute(sql, (phrase, limit)).fetchall()
        return [dict(r) for r in rows]

    def stats(self) -> dict[str, Any]:
        c = self.conn

        def count(sql: str) -> int:
            return int(c.execute(sql).fetchone()[0])

        out: dict[str, Any] = {
            "articles": count("SELECT count(*) FROM articles"),
            "chars": count("SELECT coalesce(sum(chars), 0) FROM articles"),
            "languages": dict(c.execute(
                "SELECT coalesce(lang, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall()),
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


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (sqlite3.complete_statement aware, so
    trigger bodies with inner semicolons stay whole)."""
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
