"""Read functions shared by the web pages, the JSON API and the HTML report.

Every function takes a `Store` (or a read-only store opened by the web app) and returns
plain dicts and lists. Tables owned by other modules (actors, stories, reuse, narratives,
statements) may be missing: the functions then return what the core tables give and set
``computed`` flags to ``False`` so the pages can say "not computed yet". Functions of the
other modules are called when they exist (guarded imports).

Evidence: every derived fact carries ``(article, start, end)``; `evidence_url` turns it
into ``/article/{id}?hl=start-end#span-start-end``.
"""
from __future__ import annotations

import json
import logging
import threading
from collections import Counter, defaultdict
from typing import Any, Callable
from urllib.parse import quote, urlsplit

from .. import listing, provenance
from .._published import published_day
from .._published import date_bound
from ..errors import BadArgument, NotFound
from ..listing import ARTICLE_SORTS, STORY_SORTS
from ..store import quote_act, select_in

LOGGER = logging.getLogger(__name__)

__all__ = [
    "MIGRATIONS", "ensure_schema", "evidence_url", "facets", "get_actor", "get_article",
    "get_outlet", "get_story", "list_actors", "list_articles", "list_stories", "outlet_graph",
    "safe_url", "search", "source_evidence", "stats", "story_graph", "warm_caches",
]

MIGRATIONS: list[tuple[str, str]] = [
    (
        "web_001_indexes",
        """
        CREATE INDEX IF NOT EXISTS web_sources_cites ON sources(cites);
        CREATE INDEX IF NOT EXISTS web_quotes_speaker ON quotes(speaker);
        CREATE INDEX IF NOT EXISTS web_mentions_actor_cover ON mentions(actor_id, article_id, text);
        CREATE INDEX IF NOT EXISTS web_mentions_text_cover ON mentions(text, article_id);
        CREATE INDEX IF NOT EXISTS web_articles_lang_published ON articles(lang, published);
        CREATE INDEX IF NOT EXISTS web_articles_outlet_published ON articles(outlet, published);
        CREATE INDEX IF NOT EXISTS web_articles_narrow ON articles(id, lang, published, range_earliest);
        """,
    ),
    (
        # stories is created by newstrace.stories, listed before this module in SCHEMA_MODULES
        "web_002_story_sorts",
        """
        CREATE INDEX IF NOT EXISTS web_stories_size ON stories(status, size, id);
        CREATE INDEX IF NOT EXISTS web_stories_first ON stories(status, first_seen, id);
        CREATE INDEX IF NOT EXISTS web_stories_last ON stories(status, last_seen, id);
        CREATE INDEX IF NOT EXISTS web_stories_label ON stories(status, label, id);
        """,
    ),
    (
        # the "size" sort is largest, then latest, then id (listing.STORY_SORTS); outlet
        # filters match any case
        "web_003_story_size_latest",
        """
        CREATE INDEX IF NOT EXISTS web_stories_size_latest ON stories(status, size DESC, last_seen DESC, id);
        DROP INDEX IF EXISTS web_stories_size;
        CREATE INDEX IF NOT EXISTS web_articles_outlet_nocase ON articles(outlet COLLATE NOCASE);
        """,
    ),
]

#: Search queries: longer ones, or ones with more terms, are refused (400).
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
SORTS_STORIES = STORY_SORTS
SORTS_ARTICLES = ARTICLE_SORTS
MAX_LIMIT = 500
FACET_CAP = 5000


def ensure_schema(store: Any) -> None:
    """Apply this module's MIGRATIONS when `store.SCHEMA_MODULES` does not list it yet
    (same bookkeeping as `Store.migrate`: each migration once, recorded in ``migrations``)."""
    c = store.conn
    done = {r[0] for r in c.execute("SELECT name FROM migrations")}
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        c.execute("BEGIN IMMEDIATE")
        try:
            for stmt in [s.strip() for s in sql.split(";") if s.strip()]:
                c.execute(stmt)
            c.execute("INSERT INTO migrations(name, applied_at) VALUES (?, datetime('now'))", (name,))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise


# ----------------------------------------------------------------------------- helpers
def safe_url(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (never javascript: etc.)."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if any(ch in u for ch in "\x00\r\n\t<>\"'` "):
        return None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return u


def q(s: Any) -> str:
    """Percent-encode an id for use as one URL path segment."""
    return quote(str(s), safe="")


def evidence_url(article_id: str, start: int | None = None, end: int | None = None) -> str:
    if start is None or end is None:
        return f"/article/{q(article_id)}"
    return f"/article/{q(article_id)}?hl={int(start)}-{int(end)}#span-{int(start)}-{int(end)}"


class _Cache:
    """Results of expensive aggregate queries, valid while the database does not change
    (`Store.data_version`)."""

    def __init__(self) -> None:
        self._data: dict[tuple, tuple[tuple, Any]] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def get(self, store: Any, key: tuple, fn: Callable[[], Any]) -> Any:
        path = getattr(store, "path", ":memory:")
        if path == ":memory:":
            return fn()
        ver = store.data_version()
        full = (path,) + key
        with self._lock:
            hit = self._data.get(full)
        if hit is not None and hit[0] == ver:
            return hit[1]
        val = fn()
        with self._lock:
            if len(self._data) > 2048:
                self._data.clear()
            self._data[full] = (ver, val)
        return val


CACHE = _Cache()


def _has(store: Any, table: str) -> bool:
    return bool(store.has_table(table))


def _module(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(f"newstrace.{name}")
    except ImportError as e:
        if getattr(e, "name", None) == f"newstrace.{name}":
            return None
        raise


def _filters(lang: str | None, since: str | None, until: str | None) -> tuple[str | None, str | None, str | None]:
    """Language codes in any case; dates at any precision (YYYY, YYYY-MM, YYYY-MM-DD) as
    the days they cover. A date that is not one raises `BadArgument` (400)."""
    lang = lang.strip().lower() or None if lang else None
    try:
        since = date_bound(since) if since else None
        until = date_bound(until, end=True) if until else None
    except ValueError as e:
        raise BadArgument(str(e)) from None
    return lang, since, until


def _limit(n: Any, default: int = 50) -> int:
    try:
        return max(1, min(MAX_LIMIT, int(n)))
    except (TypeError, ValueError):
        return default


def _article_brief(r: Any) -> dict[str, Any]:
    keys = r.keys()
    return {"id": r["id"], "title": r["title"], "outlet": r["outlet"], "lang": r["lang"],
            "url": safe_url(r["url"]) if "url" in keys else None, "published": r["published"],
            "published_range": ([r["range_earliest"], r["range_latest"]]
                                if "range_earliest" in keys and r["range_earliest"] else None)}


def actor_names(store: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids or not _has(store, "actors"):
        return {}
    return {r["id"]: {"name": r["name"], "type": r["type"]} for r in
            select_in(store.conn, "SELECT id, name, type FROM actors WHERE id IN", list(set(ids)))}


# ------------------------------------------------------------------------------ overview
def stats(store: Any) -> dict[str, Any]:
    return CACHE.get(store, ("stats",), store.stats)


def facets(store: Any) -> dict[str, list[dict[str, Any]]]:
    """Languages and outlets with article counts (for filter menus)."""
    def compute() -> dict[str, list[dict[str, Any]]]:
        c = store.conn
        langs = [{"value": r[0], "count": r[1]} for r in c.execute(
            "SELECT lang, count(*) FROM articles WHERE lang IS NOT NULL GROUP BY lang ORDER BY 2 DESC")]
        outlets = [{"value": r[0], "count": r[1]} for r in c.execute(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
            "ORDER BY 2 DESC, 1 LIMIT 300")]
        return {"langs": langs, "outlets": outlets}
    return CACHE.get(store, ("facets",), compute)


def computed(store: Any) -> dict[str, bool]:
    return {t: _has(store, t) and store.conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() is not None
            for t in ("actors", "stories", "reuse", "narratives", "statements")}


# ------------------------------------------------------------------------------- stories
def list_stories(store: Any, *, lang: str | None = None, outlet: str | None = None,
                 actor: str | None = None, since: str | None = None, until: str | None = None,
                 sort: str = "size", order: str = "desc", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """A page of stories, filtered and sorted (`listing.list_stories`). ``computed`` is
    False when the stories stage has not run (then ``items`` is empty; use `list_articles`)."""
    limit, offset = _limit(limit), max(0, int(offset or 0))
    lang, since, until = _filters(lang, since, until)
    out: dict[str, Any] = {"computed": computed(store)["stories"], "items": [], "has_more": False,
                           "limit": limit, "offset": offset, "sort": sort, "order": order}
    if out["computed"]:
        out["items"], out["has_more"] = listing.list_stories(
            store, lang=lang, outlet=outlet, actor=actor, since=since, until=until, sort=sort, order=order,
            limit=limit, offset=offset)
    return out


def list_articles(store: Any, *, lang: str | None = None, outlet: str | None = None,
                  actor: str | None = None, since: str | None = None, until: str | None = None,
                  sort: str = "published", order: str = "desc", limit: int = 50,
                  offset: int = 0) -> dict[str, Any]:
    """A page of articles, filtered and sorted (`listing.list_articles`)."""
    limit, offset = _limit(limit), max(0, int(offset or 0))
    lang, since, until = _filters(lang, since, until)
    rows, more = listing.list_articles(store, lang=lang, outlet=outlet, actor=actor, since=since, until=until,
                                       sort=sort, order=order, limit=limit, offset=offset)
    items = [{**_article_brief(r), "chars": r["chars"]} for r in rows]
    return {"items": items, "has_more": more, "limit": limit, "offset": offset, "sort": sort, "order": order}


def story_graph(store: Any, article_ids: list[str]) -> dict[str, Any]:
    """Who cites whom among these articles (`provenance.source_graph`), each edge with
    its first passages as evidence links."""
    g = provenance.source_graph(store, articles=article_ids, max_evidence=20)
    for e in g["edges"]:
        for ev in e["evidence"]:
            ev["url"] = evidence_url(ev["article"], ev["start"], ev["end"])
    return g


def _story_fallback(store: Any, sid: str) -> dict[str, Any]:
    c = store.conn
    r = c.execute("SELECT * FROM stories WHERE id = ?", (sid,)).fetchone()
    if r is None:
        raise NotFound(f"no story {sid!r}")
    rows = c.execute("SELECT a.* FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                     "WHERE sa.story_id = ?", (sid,)).fetchall()
    arts = [_article_brief(x) for x in rows]
    return {"id": sid, "label": r["label"], "size": r["size"], "langs": json.loads(r["langs"] or "[]"),
            "outlets": json.loads(r["outlets"] or "[]"), "first_seen": r["first_seen"],
            "last_seen": r["last_seen"], "method": r["method"], "articles": arts, "actors": [],
            "quotes": [], "reuse": [], "events": []}


def get_story(store: Any, story_id: str) -> dict[str, Any]:
    """One story (via `stories.get_story`) plus a timeline, the source graph and
    evidence links for quotes and reuse passages."""
    if not computed(store)["stories"]:
        raise NotFound("stories are not computed yet; run `newstrace analyze`")
    mod = _module("stories")
    if mod is not None and hasattr(mod, "get_story"):
        st = mod.get_story(store, story_id)
    else:
        st = _story_fallback(store, story_id)
    ids = [a["id"] for a in st["articles"]]
    brief = {x["id"]: x for x in (_article_brief(r) for r in select_in(
        store.conn, "SELECT id, title, outlet, lang, url, published, range_earliest, range_latest "
        "FROM articles WHERE id IN", ids))}
    for a in st["articles"]:
        a["url"] = brief.get(a["id"], {}).get("url")
        a["date"] = published_day(a.get("published"), (a.get("published_range") or [None])[0])
    st["timeline"] = [{"article": a["id"], "title": a["title"], "lang": a["lang"] or "?",
                       "outlet": a["outlet"], "date": a["date"],
                       "exact": bool(a.get("published"))} for a in st["articles"]]
    for qt in st.get("quotes", []):
        qt["evidence"] = evidence_url(qt["article"], qt["start"], qt["end"])
        qt["article_title"] = brief.get(qt["article"], {}).get("title")
    for ru in st.get("reuse", []):
        ru["a_title"] = brief.get(ru["a"], {}).get("title")
        ru["b_title"] = brief.get(ru["b"], {}).get("title")
        ru["links"] = [{"a": evidence_url(ru["a"], p.get("a_start"), p.get("a_end")),
                        "b": evidence_url(ru["b"], p.get("b_start"), p.get("b_end"))}
                       for p in (ru.get("passages") or [])[:10] if isinstance(p, dict)]
    if "by_lang" not in st:
        by_lang: dict[str, list] = defaultdict(list)
        for a in st["articles"]:
            by_lang[a.get("lang") or "?"].append(a)
        st["by_lang"] = dict(by_lang)
    by_date: dict[str, list] = defaultdict(list)
    for a in sorted(st["articles"], key=lambda a: (a["date"] or "9999", a["lang"] or "", a["id"])):
        by_date[a["date"] or "undated"].append(a)
    st["by_date"] = dict(by_date)
    st["graph"] = story_graph(store, ids)
    st["narratives"] = []
    if _has(store, "narrative_stories"):
        st["narratives"] = [dict(r) for r in store.conn.execute(
            "SELECT n.id, n.label FROM narrative_stories ns JOIN narratives n ON n.id = ns.narrative_id "
            "WHERE ns.story_id = ?", (st["id"],))]
    return st


# -------------------------------------------------------------------------------- actors
def list_actors(store: Any, *, query: str | None = None, type: str | None = None,
                limit: int = 100) -> dict[str, Any]:
    """Actors by mentions (resolved actors when computed, else the most frequent spellings)."""
    limit = _limit(limit, 100)
    mod = _module("actors")
    if mod is not None and _has(store, "actors") and computed(store)["actors"]:
        items = CACHE.get(store, ("actors", query, type, limit),
                          lambda: mod.list_actors(store, type=type, query=query, limit=limit))
        return {"computed": True, "items": [{**r, "key": r["id"]} for r in items]}

    def spellings() -> list[dict[str, Any]]:
        sql = ("SELECT text, max(type) AS type, count(*) AS mentions, count(DISTINCT article_id) AS articles "
               "FROM mentions")
        args: list[Any] = []
        conds = []
        if query:
            conds.append("text LIKE ?")
            args.append(f"%{query}%")
        if type:
            conds.append("type = ?")
            args.append(type.upper())
        if conds:
            sql += " WHERE " + " AND ".join(conds)
        sql += " GROUP BY text ORDER BY mentions DESC, text LIMIT ?"
        return [{"id": None, "key": r["text"], "name": r["text"], "type": r["type"],
                 "mentions": r["mentions"], "articles": r["articles"]}
                for r in store.conn.execute(sql, args + [limit])]
    return {"computed": False, "items": CACHE.get(store, ("spellings", query, type, limit), spellings)}


def _resolve_actor(store: Any, key: str) -> tuple[str | None, dict[str, Any] | None]:
    """(actor id or None, actors row) for an id or a spelling."""
    if _has(store, "actors"):
        mod = _module("actors")
        aid = mod.find_actor(store, key) if mod is not None else None
        if aid:
            r = store.conn.execute("SELECT * FROM actors WHERE id = ?", (aid,)).fetchone()
            return aid, (dict(r) if r else None)
    r = store.conn.execute("SELECT 1 FROM mentions WHERE actor_id = ? LIMIT 1", (key,)).fetchone()
    return (key, None) if r else (None, None)


HEAVY = 1500  # actors with more mentions than this are cached (and warmed at start-up)


def get_actor(store: Any, key: str, *, max_articles: int = 2000) -> dict[str, Any]:
    """An actor (by id or any spelling): every spelling with counts and languages and a
    first evidence span, quotes, a day-by-day timeline and co-occurring actors (among
    its ``max_articles`` latest articles). Results for actors with more than HEAVY
    mentions are cached until the database changes."""
    aid, row = _resolve_actor(store, key)
    col = "actor_id" if aid else "text"
    n = store.conn.execute(f"SELECT count(*) FROM mentions WHERE {col} = ?", (aid or key,)).fetchone()[0]
    if n > HEAVY:
        return CACHE.get(store, ("actor", col, aid or key, max_articles),
                         lambda: _get_actor(store, key, aid, row, max_articles))
    return _get_actor(store, key, aid, row, max_articles)


def _get_actor(store: Any, key: str, aid: str | None, row: dict[str, Any] | None,
               max_articles: int) -> dict[str, Any]:
    c = store.conn
    if aid:
        cond, args = "m.actor_id = ?", [aid]
        qcond, qargs = "q.speaker_actor = ?", [aid]
    else:
        cond, args = "m.text = ?", [key]
        qcond, qargs = "q.speaker = ?", [key]
    spell = c.execute(
        f'SELECT m.text, a.lang, count(*) AS n, count(DISTINCT m.article_id) AS arts '
        f"FROM mentions m JOIN articles a ON a.id = m.article_id WHERE {cond} GROUP BY m.text, a.lang "
        "ORDER BY n DESC, m.text, a.lang", args).fetchall()
    if not spell and not row:
        raise NotFound(f"no actor or mention {key!r}")
    # the evidence of a spelling: its first mention (article id, then position)
    first = {(r["text"], r["lang"]): r for r in c.execute(
        'SELECT x.text, x.lang, x.article_id, x.start, x."end" FROM (SELECT m.text, a.lang, m.article_id, '
        'm.start, m."end", row_number() OVER (PARTITION BY m.text, a.lang ORDER BY m.article_id, m.idx) AS rn '
        f"FROM mentions m JOIN articles a ON a.id = m.article_id WHERE {cond}) x WHERE x.rn = 1", args)}
    spellings: dict[str, dict[str, Any]] = {}
    for r in spell:
        s = spellings.setdefault(r["text"], {"text": r["text"], "count": 0, "articles": 0, "langs": {},
                                             "evidence": None})
        s["count"] += r["n"]
        s["articles"] += r["arts"]
        s["langs"][r["lang"] or "?"] = r["n"]
        f = first.get((r["text"], r["lang"]))
        if f is not None and s["evidence"] is None:
            s["evidence"] = evidence_url(f["article_id"], f["start"], f["end"])
    spelling_list = sorted(spellings.values(), key=lambda s: (-s["count"], s["text"]))
    name = (row or {}).get("name") or (spelling_list[0]["text"] if spelling_list else key)
    quotes = []
    for r in c.execute(
            f"SELECT q.*, a.title, a.outlet, a.lang, a.published, a.range_earliest "
            f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {qcond} "
            "ORDER BY coalesce(a.published, a.range_earliest) DESC, q.article_id, q.idx LIMIT 200", qargs):
        quotes.append({"id": f"{r['article_id']}#q{r['idx']}", "article": r["article_id"],
                       "title": r["title"], "outlet": r["outlet"], "lang": r["lang"],
                       "date": r["said_on_earliest"] or r["published"] or r["range_earliest"],
                       "text": r["text"], "direct": bool(r["direct"]), "speaker": r["speaker"],
                       "cue": r["cue"], "channel": r["channel"], "act": quote_act(r),
                       "evidence": evidence_url(r["article_id"], r["start"], r["end"])})
    days = c.execute(
        f"SELECT substr(coalesce(a.range_earliest, a.published), 1, 10) AS d, a.lang, count(*) AS n "
        f"FROM (SELECT DISTINCT m.article_id FROM mentions m WHERE {cond}) x "
        "JOIN articles a ON a.id = x.article_id GROUP BY d, a.lang ORDER BY d", args).fetchall()
    timeline = [{"date": r["d"], "lang": r["lang"] or "?", "articles": r["n"]} for r in days]
    art_ids = [r[0] for r in c.execute(
        f"SELECT a.id FROM (SELECT DISTINCT m.article_id FROM mentions m WHERE {cond}) x "
        "JOIN articles a ON a.id = x.article_id "
        "ORDER BY coalesce(a.published, a.range_earliest) DESC, a.id LIMIT ?", args + [max_articles])]
    arts = select_in(c, "SELECT id, title, outlet, lang, url, published, range_earliest, range_latest FROM articles "
                  "WHERE id IN", art_ids[:100])
    order = {a: i for i, a in enumerate(art_ids)}
    arts.sort(key=lambda r: order[r["id"]])
    co: Counter = Counter()
    label: dict[str, str] = {}
    for r in select_in(c, "SELECT DISTINCT article_id, coalesce(actor_id, text) AS k, actor_id, text FROM mentions "
                    "WHERE article_id IN", art_ids):
        k = r["k"]
        if k == aid or (not aid and r["actor_id"] is None and r["text"] == key):
            continue
        co[(k, r["actor_id"] is not None)] += 1
        label.setdefault(k, r["text"])
    names = actor_names(store, [k for (k, is_id) in co if is_id])
    cooc = []
    seen_names = {s["text"] for s in spelling_list}
    for (k, is_id), n in co.most_common(60):
        if not is_id and k in seen_names:
            continue
        cooc.append({"key": k, "id": k if is_id else None,
                     "name": names.get(k, {}).get("name") or label[k], "articles": n})
        if len(cooc) >= 30:
            break
    merges = []
    if aid and _has(store, "merge_log"):
        merges = [{"rule": r["rule"], "score": r["score"], "article": r["article_id"], "other": r["other"]}
                  for r in c.execute("SELECT rule, score, article_id, other FROM merge_log WHERE actor_id = ? "
                                     "AND undone_at IS NULL ORDER BY id LIMIT 50", (aid,))]
    return {"key": key, "id": aid, "name": name, "type": (row or {}).get("type") or (
                c.execute(f"SELECT type FROM mentions m WHERE {cond} GROUP BY type ORDER BY count(*) DESC LIMIT 1",
                          args).fetchone() or [None])[0],
            "qid": (row or {}).get("qid"), "resolved": aid is not None,
            "spellings": spelling_list, "quotes": quotes, "timeline": timeline,
            "articles": [_article_brief(r) for r in arts[:100]],
            "articles_total": sum(t["articles"] for t in timeline),
            "cooccurring": cooc, "merges": merges}


def warm_caches(store: Any, *, heavy: int = HEAVY, max_actors: int = 200) -> dict[str, int]:
    """Fill the caches for the expensive pages: facets, stats, outlet graph, the actors
    list and every actor with more than ``heavy`` mentions (the web app runs this in a
    background thread at start-up)."""
    facets(store)
    stats(store)
    outlet_graph(store)
    list_actors(store, limit=200)
    ids = [r[0] for r in store.conn.execute(
        "SELECT actor_id FROM mentions WHERE actor_id IS NOT NULL GROUP BY actor_id HAVING count(*) > ? "
        "ORDER BY count(*) DESC LIMIT ?", (heavy, max_actors))]
    for aid in ids:
        get_actor(store, aid)
    outlets = [r[0] for r in store.conn.execute(
        "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet HAVING count(*) > ? "
        "ORDER BY count(*) DESC LIMIT ?", (heavy, max_actors))]
    for name in outlets:
        get_outlet(store, name)
    return {"actors": len(ids), "outlets": len(outlets)}


# ------------------------------------------------------------------------------ articles
def get_article(store: Any, article_id: str) -> dict[str, Any]:
    """An article with its annotations (each with an evidence anchor), its story and
    reuse links."""
    c = store.conn
    r = c.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if r is None:
        raise NotFound(f"no article {article_id!r}")
    aid = r["id"]

    def rows(sql: str) -> list[dict[str, Any]]:
        return [dict(x) for x in c.execute(sql, (aid,))]

    mentions = rows('SELECT idx, start, "end", text, type, detector, local_id, actor_id FROM mentions '
                    "WHERE article_id = ? ORDER BY idx")
    names = actor_names(store, [m["actor_id"] for m in mentions if m["actor_id"]])
    for m in mentions:
        m["actor_name"] = names.get(m["actor_id"], {}).get("name") if m["actor_id"] else None
        m["actor_key"] = m["actor_id"] or m["text"]
    quotes = rows("SELECT * FROM quotes WHERE article_id = ? ORDER BY idx")
    for qt in quotes:
        qt["id"] = f"{aid}#q{qt['idx']}"
        qt["act"] = qt.get("act") or "say"  # (a store opened read-only before acts were recorded)
        qt["direct"] = bool(qt["direct"])
        qt["anonymous"] = bool(qt["anonymous"])
        qt["said_on_evidence"] = json.loads(qt["said_on_evidence"] or "null")
        del qt["article_id"]
    sources = rows('SELECT idx, cites, kind, start, "end", text, cites_actor, anonymous FROM sources '
                   "WHERE article_id = ? ORDER BY idx")
    times = rows('SELECT idx, start, "end", text, kind, earliest, latest, method FROM times '
                 "WHERE article_id = ? ORDER BY idx")
    story = None
    if _has(store, "story_articles") and _has(store, "stories"):
        s = c.execute("SELECT s.id, s.label, s.size FROM story_articles sa JOIN stories s ON s.id = sa.story_id "
                      "WHERE sa.article_id = ?", (aid,)).fetchone()
        story = dict(s) if s else None
    reuse = []
    if _has(store, "reuse"):
        for x in c.execute("SELECT * FROM reuse WHERE a = ? UNION ALL SELECT * FROM reuse WHERE b = ?", (aid, aid)):
            other = x["b"] if x["a"] == aid else x["a"]
            mine = "a" if x["a"] == aid else "b"
            passages = json.loads(x["passages"] or "[]")
            reuse.append({"other": other, "similarity": x["similarity"], "method": x["method"],
                          "source_guess": x["source_guess"],
                          "passages": [{"start": p.get(f"{mine}_start"), "end": p.get(f"{mine}_end"),
                                        "other": evidence_url(other, p.get(("b" if mine == "a" else "a") + "_start"),
                                                              p.get(("b" if mine == "a" else "a") + "_end"))}
                                       for p in passages[:20] if isinstance(p, dict)]})
        titles = {t["id"]: t["title"] for t in select_in(c, "SELECT id, title FROM articles WHERE id IN",
                                                   [x["other"] for x in reuse])}
        for x in reuse:
            x["other_title"] = titles.get(x["other"])
    meta = json.loads(r["meta"] or "{}")
    return {
        "id": aid, "title": r["title"], "outlet": r["outlet"], "outlet_source": r["outlet_source"],
        "url": r["url"], "safe_url": safe_url(r["url"]), "source": r["source"], "lang": r["lang"],
        "lang_method": r["lang_method"], "published": r["published"], "published_source": r["published_source"],
        "published_range": ({"earliest": r["range_earliest"], "latest": r["range_latest"],
                             "evidence": json.loads(r["range_evidence"] or "[]")}
                            if (r["range_earliest"] or r["range_latest"]) else None),
        "text": r["text"], "chars": r["chars"], "boilerplate": json.loads(r["boilerplate"] or "[]"),
        "meta": meta, "paragraphs": json.loads(r["paragraphs"] or "[]"),
        "mentions": mentions, "quotes": quotes, "sources": sources, "times": times,
        "story": story, "reuse": reuse, "added_at": r["added_at"], "updated_at": r["updated_at"],
    }


# -------------------------------------------------------------------------------- search
SNIP_OPEN, SNIP_CLOSE = "\ue000", "\ue001"
RANK_CAP = 5000


def search(store: Any, query: str, *, lang: str | None = None, outlet: str | None = None,
           limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Full text search (FTS5 syntax on both back ends, falls back to a phrase; see
    `Store.fulltext`) with language and outlet facets (counted over the FACET_CAP most
    recently added matches). When a query matches more than RANK_CAP articles (very
    common words), results are ranked among the RANK_CAP most recently added matches and
    ``ranked_subset`` is True: this bounds the cost of a page. Snippets mark hits with
    SNIP_OPEN/SNIP_CLOSE characters; pages escape the rest."""
    limit, offset = _limit(limit, 20), max(0, int(offset or 0))
    query = (query or "").strip()
    out: dict[str, Any] = {"query": query, "items": [], "facets": {"lang": [], "outlet": []},
                           "has_more": False, "limit": limit, "offset": offset, "facets_capped": False,
                           "ranked_subset": False, "total": 0}
    if not query:
        return out
    terms = [t for t in query.split() if t not in ("AND", "OR", "NOT")]
    if len(query) > MAX_QUERY_CHARS or len(terms) > MAX_QUERY_TERMS:
        raise BadArgument(f"the query is too long ({len(query)} characters, {len(terms)} terms); "
                          f"at most {MAX_QUERY_CHARS} characters and {MAX_QUERY_TERMS} terms")
    if "\x00" in query:
        raise BadArgument("the query contains a NUL character")
    lang = _filters(lang, None, None)[0]
    flt = listing.article_where(store, lang=lang, outlet=outlet)
    rows, out["ranked_subset"] = store.fulltext(query, where=flt.sql(), args=flt.args, limit=limit + 1,
                                                offset=offset, rank_cap=RANK_CAP,
                                                snippet=(SNIP_OPEN, SNIP_CLOSE, 16))
    out["has_more"] = len(rows) > limit
    out["items"] = [{"id": r["id"], "title": r["title"], "outlet": r["outlet"], "lang": r["lang"],
                     "published": r["published"] or r["range_earliest"], "snippet": r["snippet"],
                     "score": r["score"]} for r in rows[:limit]]
    recent = store.fulltext_recent(query, FACET_CAP + 1)
    out["facets_capped"] = len(recent) > FACET_CAP
    frows = select_in(store.conn, f"SELECT a.lang, a.outlet, CASE WHEN {flt.sql()} THEN 1 ELSE 0 END AS ok "
                                  "FROM articles a WHERE a.id IN", recent[:FACET_CAP], before=flt.args)
    frows = [r for r in frows if r["ok"]]
    out["total"] = len(frows)
    for key in ("lang", "outlet"):
        cnt = Counter(r[key] for r in frows if r[key])
        out["facets"][key] = [{"value": v, "count": n} for v, n in cnt.most_common(30)]
    return out


# ------------------------------------------------------------------------------- outlets
# An outlet cited by name: the cited text, or the name of the actor the citation is
# linked to (never an anonymous source's description): two parameters.
_CITES_NAME = (f"(s.cites = ? OR ({provenance.names_source('s')} AND s.cites_actor IN "
               "(SELECT id FROM actors WHERE name = ?)))")


def outlet_graph(store: Any, *, max_nodes: int = 150) -> dict[str, Any]:
    """Who cites whom (`provenance.source_graph`): article outlet -> cited outlet, actor or
    anonymous source, weighted by the number of citing passages (evidence through
    `source_evidence`). The busiest ``max_nodes`` nodes are kept."""
    return CACHE.get(store, ("outlet_graph", max_nodes),
                     lambda: provenance.source_graph(store, max_nodes=max_nodes, max_evidence=0))


def get_outlet(store: Any, name: str, *, limit: int = 50) -> dict[str, Any]:
    """An outlet: languages, whom it cites, who cites it, latest articles. Busy outlets
    (more than HEAVY articles) are cached until the database changes."""
    n = store.conn.execute("SELECT count(*) FROM articles WHERE outlet = ?", (name,)).fetchone()[0]
    if n > HEAVY:
        return CACHE.get(store, ("outlet", name, limit), lambda: _get_outlet(store, name, n, limit))
    return _get_outlet(store, name, n, limit)


def _get_outlet(store: Any, name: str, n: int, limit: int) -> dict[str, Any]:
    c = store.conn
    cited_by = [dict(r) for r in c.execute(
        "SELECT coalesce(a.outlet, '(unknown outlet)') AS outlet, count(*) AS n FROM sources s "
        f"JOIN articles a ON a.id = s.article_id WHERE {_CITES_NAME} GROUP BY 1 ORDER BY n DESC LIMIT 100",
        (name, name))]
    if not n and not cited_by:
        raise NotFound(f"no outlet {name!r}")
    langs = [dict(r) for r in c.execute(
        "SELECT lang, count(*) AS n FROM articles WHERE outlet = ? GROUP BY lang ORDER BY n DESC", (name,))]
    cites = [dict(r) for r in c.execute(
        "SELECT s.cites, count(*) AS n FROM articles a JOIN sources s ON s.article_id = a.id "
        "WHERE a.outlet = ? AND s.cites IS NOT NULL GROUP BY s.cites ORDER BY n DESC LIMIT 100", (name,))]
    arts = c.execute("SELECT id, title, outlet, lang, url, published, range_earliest, range_latest FROM articles "
                     "WHERE outlet = ? ORDER BY published DESC, id LIMIT ?", (name, _limit(limit))).fetchall()
    return {"name": name, "articles_total": n, "langs": langs, "cites": cites, "cited_by": cited_by,
            "articles": [_article_brief(r) for r in arts]}


def source_evidence(store: Any, source: str, target: str, *, limit: int = 100) -> list[dict[str, Any]]:
    """The passages behind one edge of the outlet graph (node ids or names), latest first."""
    ev = provenance.edge_evidence(store, source, target)
    arts = {r["id"]: r for r in select_in(store.conn, "SELECT id, title, lang, published FROM articles WHERE id IN",
                                    list({x["article"] for x in ev}))}
    rows = [{"article": x["article"], "title": arts[x["article"]]["title"], "lang": arts[x["article"]]["lang"],
             "published": arts[x["article"]]["published"], "kind": x["kind"], "start": x["start"],
             "end": x["end"], "text": x["text"], "evidence": evidence_url(x["article"], x["start"], x["end"])}
            for x in ev]
    rows.sort(key=lambda r: r["article"])
    rows.sort(key=lambda r: r["published"] or "", reverse=True)
    return rows[:_limit(limit, 100)]
