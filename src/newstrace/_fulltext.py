"""Full-text search over the articles, one implementation per back end.

Both take the same query syntax (SQLite FTS5's: words ANDed, ``OR``, ``NOT``,
parentheses, ``"phrases"``, ``prefix*``, ``title:``/``text:``), ignore accents and case,
fall back to searching the whole query as one phrase when it is not valid syntax, and are
bounded the same way: at most ``MAX_QUERY_CHARS`` characters and ``MAX_QUERY_TERMS``
terms, ``SEARCH_TIMEOUT_S`` seconds of database time, and when more than ``rank_cap``
articles match, only the ``rank_cap`` most recently added matches are ranked.

- SQLite: the FTS5 table ``articles_fts`` (``unicode61 remove_diacritics 2``), ranked by
  bm25 (lower is better), snippets by ``snippet()``, time bound by a progress handler.
- PostgreSQL: ``articles_fts.doc`` (tsvector of the title, weight A, and the text, through
  the ``newstrace`` configuration: ``simple`` with ``unaccent``; GIN index), the query
  built by `newstrace._ftsquery`, ranked by ``-ts_rank_cd`` (lower is better), snippets by
  ``ts_headline``, time bound by ``SET LOCAL statement_timeout``.

Scores are comparable within one back end only.
"""
from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from typing import Any, Iterator

from ._ftsquery import QuerySyntaxError, phrase_sql, to_tsquery_sql
from .errors import NewstraceError

__all__ = ["SearchError", "ranked", "recent"]

MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64
SEARCH_TIMEOUT_S = 10.0
_COLS = "a.id, a.title, a.outlet, a.lang, a.published, a.range_earliest"


class SearchError(NewstraceError):
    """A query that is too long, has too many terms, or takes too long."""


def check(query: str) -> str:
    q = (query or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise SearchError(f"search query too long ({len(q)} characters; at most {MAX_QUERY_CHARS})")
    if len(q.split()) > MAX_QUERY_TERMS:
        raise SearchError(f"search query has too many terms (at most {MAX_QUERY_TERMS})")
    return q


@contextmanager
def _bounded(store: Any) -> Iterator[None]:
    """At most SEARCH_TIMEOUT_S seconds of database time for the block."""
    if store.backend == "postgresql":
        outer = store.conn.in_transaction
        if not outer:
            store.conn.execute("BEGIN")
            store.conn.native(f"SET LOCAL statement_timeout = {int(SEARCH_TIMEOUT_S * 1000)}")
        try:
            yield
        except sqlite3.OperationalError as e:
            if not outer:
                store.conn.execute("ROLLBACK")
            if str(e).startswith("interrupted"):
                raise SearchError(f"the search took longer than {SEARCH_TIMEOUT_S:g} s; "
                                  "make the query more specific") from None
            raise
        except BaseException:
            if not outer:
                store.conn.execute("ROLLBACK")
            raise
        else:
            if not outer:
                store.conn.execute("COMMIT")
        return
    deadline = time.monotonic() + SEARCH_TIMEOUT_S
    outer = getattr(store, "_progress", None)  # a handler the caller installed (web deadline) stays in force
    store.conn.set_progress_handler(lambda: int(time.monotonic() > deadline or bool(outer and outer())), 20000)
    try:
        yield
    except sqlite3.OperationalError as e:
        if "interrupted" in str(e):
            raise SearchError(f"the search took longer than {SEARCH_TIMEOUT_S:g} s; "
                              "make the query more specific") from None
        raise
    finally:
        store.conn.set_progress_handler(outer, getattr(store, "_progress_n", 10000))


def _items(rows: list, snips: dict, key: str) -> list[dict]:
    out = []
    for r in rows:
        d = {k: r[k] for k in ("id", "title", "outlet", "lang", "published", "range_earliest", "score")}
        d["snippet"] = snips.get(r[key], "")
        out.append(d)
    return out


# ----------------------------------------------------------------------------- SQLite
def _sqlite_match(store: Any, query: str) -> str:
    """The MATCH expression: the query when it is valid FTS5 syntax, else one phrase."""
    try:
        store.conn.execute("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)).fetchall()
        return query
    except sqlite3.OperationalError as e:
        if "interrupted" in str(e):
            raise
        return '"' + query.replace('"', '""') + '"'


def _sqlite_ranked(store: Any, query: str, where: str, args: list, limit: int, offset: int,
                   rank_cap: int, snippet: tuple[str, str, int]) -> tuple[list[dict], bool]:
    c = store.conn
    match = _sqlite_match(store, query)
    probe = c.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                      "ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, rank_cap)).fetchone()
    cond = "articles_fts MATCH ?" + (" AND articles_fts.rowid > ?" if probe else "")
    cargs: list[Any] = [match] + ([probe[0]] if probe else [])
    rows = c.execute(
        f"SELECT a.rowid AS rid, {_COLS}, bm25(articles_fts) AS score FROM articles_fts "
        f"JOIN articles a ON a.rowid = articles_fts.rowid WHERE {cond}"
        + (f" AND ({where})" if where else "") + " ORDER BY score, a.id LIMIT ? OFFSET ?",
        cargs + list(args) + [limit, offset]).fetchall()
    snips: dict[Any, str] = {}
    if rows:
        rids = [r["rid"] for r in rows]
        snips = dict(c.execute(
            f"SELECT rowid, snippet(articles_fts, 1, ?, ?, ' … ', ?) FROM articles_fts "
            f"WHERE articles_fts MATCH ? AND rowid IN ({','.join('?' * len(rids))})",
            [snippet[0], snippet[1], snippet[2], match] + rids).fetchall())
    return _items(rows, snips, "rid"), probe is not None


def _sqlite_recent(store: Any, query: str, n: int) -> list[str]:
    match = _sqlite_match(store, query)
    return [r[0] for r in store.conn.execute(
        "SELECT a.id FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
        "ORDER BY rowid DESC LIMIT ?) f JOIN articles a ON a.rowid = f.rowid ORDER BY f.rowid DESC",
        (match, n))]


# ------------------------------------------------------------------------- PostgreSQL
def _pg_query(query: str) -> tuple[str, list[str]]:
    try:
        sql, args, n = to_tsquery_sql(query)
    except QuerySyntaxError:
        sql, args, n = phrase_sql(query)
    if n > MAX_QUERY_TERMS:
        raise SearchError(f"search query has too many terms (at most {MAX_QUERY_TERMS})")
    return sql, args


def _pg_ranked(store: Any, query: str, where: str, args: list, limit: int, offset: int,
               rank_cap: int, snippet: tuple[str, str, int]) -> tuple[list[dict], bool]:
    c = store.conn
    qsql, qargs = _pg_query(query)
    probe = c.execute(f"SELECT fts_seq FROM articles_fts WHERE doc @@ {qsql} "
                      "ORDER BY fts_seq DESC LIMIT 1 OFFSET ?", qargs + [rank_cap]).fetchone()
    floor = " AND f.fts_seq > ?" if probe else ""
    rows = c.execute(
        f"SELECT {_COLS}, -ts_rank_cd(f.doc, q.q) AS score FROM (SELECT {qsql} AS q) q "
        f"JOIN articles_fts f ON f.doc @@ q.q JOIN articles a ON a.id = f.article_id WHERE 1 = 1{floor}"
        + (f" AND ({where})" if where else "") + " ORDER BY score, a.id LIMIT ? OFFSET ?",
        qargs + ([probe[0]] if probe else []) + list(args) + [limit, offset]).fetchall()
    snips: dict[str, str] = {}
    if rows:
        ids = [r["id"] for r in rows]
        opts = (f'StartSel="{snippet[0]}", StopSel="{snippet[1]}", MaxWords={max(4, snippet[2])}, '
                f'MinWords={max(2, snippet[2] // 2)}, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "')
        snips = dict(c.execute(
            f"SELECT a.id, ts_headline('newstrace', a.text, q.q, ?) FROM (SELECT {qsql} AS q) q, articles a "
            f"WHERE a.id IN ({','.join('?' * len(ids))})", [opts] + qargs + ids).fetchall())
    return _items(rows, snips, "id"), probe is not None


def _pg_recent(store: Any, query: str, n: int) -> list[str]:
    qsql, qargs = _pg_query(query)
    return [r[0] for r in store.conn.execute(
        f"SELECT article_id FROM articles_fts WHERE doc @@ {qsql} ORDER BY fts_seq DESC LIMIT ?",
        qargs + [n])]


# ------------------------------------------------------------------------------- API
def ranked(store: Any, query: str, *, where: str = "", args: list | tuple = (), limit: int = 20,
           offset: int = 0, rank_cap: int = 5000,
           snippet: tuple[str, str, int] = ("[", "]", 12)) -> tuple[list[dict], bool]:
    """Matches of ``query`` among the articles ``a`` satisfying ``where`` (newstrace SQL
    over alias ``a``, with ``args``), best first: dicts with id, title, outlet, lang,
    published, range_earliest, score (lower is better) and snippet (hits between
    ``snippet[0]`` and ``snippet[1]``, about ``snippet[2]`` words). The second value is
    True when more than ``rank_cap`` articles match (only the most recent were ranked)."""
    q = check(query)
    if not q:
        return [], False
    fn = _pg_ranked if store.backend == "postgresql" else _sqlite_ranked
    with _bounded(store):
        return fn(store, q, where, list(args), int(limit), int(offset), int(rank_cap), snippet)


def recent(store: Any, query: str, n: int) -> list[str]:
    """Ids of the ``n`` most recently added articles matching ``query``, newest first."""
    q = check(query)
    if not q:
        return []
    fn = _pg_recent if store.backend == "postgresql" else _sqlite_recent
    with _bounded(store):
        return fn(store, q, int(n))
