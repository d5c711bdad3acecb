"""Lists of stories and of articles, filtered, sorted and paged.

The one query builder behind ``newstrace stories`` (`stories.list_stories`), the web pages,
the JSON API and the HTML report: the filters (language, outlet, actor, dates) are written
here once, for stories and for articles.

Costs stay bounded on large corpora: a rare outlet or actor is filtered through the few
stories of its articles, a busy one is checked per story while the sorted scan runs (the
sorts have indexes, see ``web.queries.MIGRATIONS``).
"""
from __future__ import annotations

import json
from typing import Any

__all__ = ["ARTICLE_SORTS", "STORY_SORTS", "list_articles", "list_stories"]

# ORDER BY per sort key: {d} is the requested direction, {r} the reverse one. "size" is
# largest then latest first (ties by id), and its exact reverse in ascending order.
STORY_SORTS = {
    "size": "s.size {d}, s.last_seen {d}, s.id {r}",
    "last_seen": "s.last_seen {d}, s.id {d}",
    "first_seen": "s.first_seen {d}, s.id {d}",
    "label": "s.label {d}, s.id {d}",
}
ARTICLE_SORTS = {
    "published": "a.published {d}, a.id",
    "title": "a.title {d}, a.id",
    "outlet": "a.outlet {d}, a.id",
    "lang": "a.lang {d}, a.id",
    "chars": "a.chars {d}, a.id",
}
# Above this many matching rows an outlet or actor filter is checked per story during
# the sorted scan instead of collecting its stories first.
BUSY = 2000

_STORY_COLS = "s.id, s.label, s.size, s.langs, s.outlets, s.first_seen, s.last_seen, s.method"
_ARTICLE_COLS = "a.id, a.title, a.outlet, a.lang, a.url, a.published, a.range_earliest, a.range_latest, a.chars"


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


def _order_by(sorts: dict[str, str], sort: str, order: str, default: str) -> str:
    d, r = ("ASC", "DESC") if order == "asc" else ("DESC", "ASC")
    return sorts.get(sort, sorts[default]).format(d=d, r=r)


def _outlet_spellings(store: Any, outlet: str) -> list[str]:
    """The outlet names of the corpus equal to ``outlet`` but for case."""
    return [r[0] for r in store.conn.execute(
        "SELECT DISTINCT outlet FROM articles WHERE outlet = ? COLLATE NOCASE", (outlet,))]


def _actor_cond(store: Any, actor: str) -> tuple[str, list[str]]:
    """SQL condition on mentions ``m`` for an actor given by id or by any spelling
    (resolved through `actors.find_actor`; an unresolved name matches its exact text)."""
    ids = [actor]
    if store.has_table("actors"):
        from .actors import find_actor

        found = find_actor(store, actor)
        if found:
            ids.append(found)
    return f"(m.actor_id IN ({_marks(ids)}) OR m.text = ?)", ids + [actor]


class _Where:
    """AND-ed SQL conditions and their parameters, one ``add`` per filter."""

    def __init__(self, *fixed: str) -> None:
        self.conds: list[str] = list(fixed) or ["1"]
        self.args: list[Any] = []

    def add(self, cond: str, *args: Any) -> None:
        self.conds.append(cond)
        self.args += args

    def sql(self) -> str:
        return " AND ".join(self.conds)


def _story_where(store: Any, lang: str | None, outlet: str | None, actor: str | None,
                 since: str | None, until: str | None) -> _Where:
    c = store.conn
    w = _Where("s.status = 'active'", "s.size > 0")
    if lang:  # langs is a JSON list of codes: match the quoted code (no json_each per row)
        w.add("instr(s.langs, json_quote(?)) > 0", lang)
    if outlet:
        names = _outlet_spellings(store, outlet)
        n = c.execute(f"SELECT count(*) FROM articles WHERE outlet IN ({_marks(names)})", names).fetchone()[0]
        if n == 0:
            w.add("0")
        elif n <= BUSY:  # few articles: go from the outlet's articles to their stories
            w.add(f"s.id IN (SELECT sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id "
                  f"WHERE a.outlet IN ({_marks(names)}))", *names)
        else:  # a busy outlet matches early in the sorted scan
            w.add("EXISTS (SELECT 1 FROM json_each(s.outlets) WHERE lower(value) = lower(?))", outlet)
    if actor:
        cond, cargs = _actor_cond(store, actor)
        n = c.execute(f"SELECT count(*) FROM mentions m WHERE {cond}", cargs).fetchone()[0]
        if n <= BUSY:
            w.add(f"s.id IN (SELECT sa.story_id FROM mentions m JOIN story_articles sa "
                  f"ON sa.article_id = m.article_id WHERE {cond})", *cargs)
        else:  # a busy actor: check the few articles of each story, in sorted order
            w.add(f"EXISTS (SELECT 1 FROM story_articles sa JOIN mentions m ON m.article_id = sa.article_id "
                  f"WHERE sa.story_id = s.id AND {cond})", *cargs)
    if since:
        w.add("(s.last_seen IS NULL OR s.last_seen >= ?)", since)
    if until:
        w.add("(s.first_seen IS NULL OR s.first_seen <= ?)", until)
    return w


def article_where(store: Any, lang: str | None = None, outlet: str | None = None,
                  actor: str | None = None, since: str | None = None,
                  until: str | None = None) -> _Where:
    """The article filters (on ``articles a``) shared by the lists and the search."""
    w = _Where()
    if lang:
        w.add("a.lang = ?", lang)
    if outlet:
        names = _outlet_spellings(store, outlet)
        w.add(f"a.outlet IN ({_marks(names)})", *names)
    if actor:
        cond, cargs = _actor_cond(store, actor)
        w.add(f"a.id IN (SELECT m.article_id FROM mentions m WHERE {cond})", *cargs)
    if since:  # by the days its date (at any precision) or its narrowed range covers
        w.add("coalesce(a.range_latest, a.published) >= ?", since)
    if until:
        w.add("coalesce(a.range_earliest, a.published) <= ?", until)
    return w


def _page(store: Any, sql: str, args: list[Any], limit: int | None, offset: int) -> tuple[list, bool]:
    if limit is None:
        return store.conn.execute(sql + " LIMIT -1 OFFSET ?", args + [offset]).fetchall(), False
    rows = store.conn.execute(sql + " LIMIT ? OFFSET ?", args + [limit + 1, offset]).fetchall()
    return rows[:limit], len(rows) > limit


def list_stories(store: Any, *, lang: str | None = None, outlet: str | None = None, actor: str | None = None,
                 since: str | None = None, until: str | None = None, sort: str = "size", order: str = "desc",
                 limit: int | None = None, offset: int = 0) -> tuple[list[dict[str, Any]], bool]:
    """Active stories with an article in ``lang``, from ``outlet`` (any case), mentioning
    ``actor`` (id or spelling), seen between ``since`` and ``until``; sorted by a key of
    STORY_SORTS. Returns the page (all when ``limit`` is None) and whether more follow."""
    w = _story_where(store, lang, outlet, actor, since, until)
    sql = (f"SELECT {_STORY_COLS} FROM stories s WHERE {w.sql()} "
           f"ORDER BY {_order_by(STORY_SORTS, sort, order, 'size')}")
    rows, more = _page(store, sql, w.args, limit, offset)
    return [{"id": r["id"], "label": r["label"], "size": r["size"], "langs": json.loads(r["langs"] or "[]"),
             "outlets": json.loads(r["outlets"] or "[]"), "first_seen": r["first_seen"],
             "last_seen": r["last_seen"], "method": r["method"]} for r in rows], more


def list_articles(store: Any, *, lang: str | None = None, outlet: str | None = None, actor: str | None = None,
                  since: str | None = None, until: str | None = None, sort: str = "published",
                  order: str = "desc", limit: int | None = None, offset: int = 0) -> tuple[list[Any], bool]:
    """Articles under the same filters as `list_stories` (dates: the publication date or
    the narrowed range), sorted by a key of ARTICLE_SORTS. Returns the rows of the page
    (id, title, outlet, lang, url, published, range_earliest, range_latest, chars) and
    whether more follow."""
    w = article_where(store, lang, outlet, actor, since, until)
    sql = (f"SELECT {_ARTICLE_COLS} FROM articles a WHERE {w.sql()} "
           f"ORDER BY {_order_by(ARTICLE_SORTS, sort, order, 'published')}")
    return _page(store, sql, w.args, limit, offset)
