"""Timelines as data: the articles of a story, an actor or a narrative in date order.

Each entry is a plain dict (for the CLI, the web app and exports)::

    {"article", "title", "outlet", "lang", "url",
     "date": "YYYY-MM-DD" | None,           # the publication date when known
     "date_source": "jsonl" | "url" | ...,   # where it came from
     "range": {"earliest", "latest"} | None, # the inferred range when there is no date
     "precision": "day" | "range" | "unknown",
     "evidence": [...]}                      # why this date or range

Actor timelines add ``mentions`` ([{start, end, text}]) and ``quotes`` ([{id, start, end,
text, said_on, act}]: ``act`` "stance" for a position held) of that actor in each article. Entries are sorted by the earliest
possible day, then the latest, then the article id; undated articles come last. Articles
with only a range are never given a fake day.

Tables owned by other modules (stories, narratives, actors) may not exist in a database;
then the functions raise `NotFound` with what to run.
"""
from __future__ import annotations

import json
from typing import Any

from .errors import NotFound
from .store import quote_act

__all__ = ["actor_timeline", "narrative_timeline", "story_timeline", "entries_for"]

MIGRATIONS: list[tuple[str, str]] = []


def _entry(row: Any) -> dict[str, Any]:
    from ._published import parse_published

    published = row["published"]
    pub = parse_published(published) if published else None
    coarse = pub is not None and not pub.exact  # a year or a month: shown as written, with its range
    rng = None
    if (not published or coarse) and (row["range_earliest"] or row["range_latest"]):
        rng = {"earliest": row["range_earliest"], "latest": row["range_latest"]}
    ev = []
    if "range_evidence" in row.keys() and row["range_evidence"]:
        try:
            ev = json.loads(row["range_evidence"])
        except ValueError:
            ev = []
    return {
        "article": row["id"], "title": row["title"], "outlet": row["outlet"],
        "lang": row["lang"], "url": row["url"],
        "date": (pub.value if coarse else published[:10]) if published else None,
        "date_source": row["published_source"] if published else None,
        "range": rng,
        "precision": (pub.precision if coarse else "day") if published else ("range" if rng else "unknown"),
        "evidence": ev,
    }


def _sort_key(e: dict[str, Any]) -> tuple:
    lo = e["date"] or (e["range"] or {}).get("earliest")
    hi = e["date"] or (e["range"] or {}).get("latest")
    return (lo is None, lo or "", hi or "", e["article"])


def entries_for(store: Any, article_ids: list[str]) -> list[dict[str, Any]]:
    """Timeline entries for these articles, in date order."""
    if not article_ids:
        return []
    out = []
    ids = list(dict.fromkeys(article_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            "SELECT id, title, outlet, lang, url, published, published_source, range_earliest, "
            f"range_latest, range_evidence FROM articles WHERE id IN ({marks})", chunk).fetchall()
        out.extend(_entry(r) for r in rows)
    out.sort(key=_sort_key)
    return out


def _need(store: Any, table: str, what: str) -> None:
    if not store.has_table(table):
        raise NotFound(f"no {what} in this database yet; run `newstrace analyze` first")


def _resolve_story(store: Any, story_id: str) -> str:
    try:
        from .stories import resolve_id
    except ImportError:  # pragma: no cover - stories is part of the package
        return story_id
    return resolve_id(store, story_id)


def story_timeline(store: Any, story_id: str) -> list[dict[str, Any]]:
    """The articles of a story (merged ids are followed) in date order."""
    _need(store, "story_articles", "stories")
    sid = _resolve_story(store, story_id)
    ids = [r[0] for r in store.conn.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ?", (sid,))]
    if not ids:
        raise NotFound(f"no story {story_id!r}; list them with `newstrace stories`")
    return entries_for(store, ids)


def narrative_timeline(store: Any, narrative_id: str) -> list[dict[str, Any]]:
    """The articles of every story of a narrative, in date order, each with its story."""
    _need(store, "narrative_stories", "narratives")
    _need(store, "story_articles", "stories")
    rows = store.conn.execute(
        "SELECT sa.article_id, sa.story_id FROM narrative_stories ns "
        "JOIN story_articles sa ON sa.story_id = ns.story_id WHERE ns.narrative_id = ?",
        (narrative_id,)).fetchall()
    if not rows:
        known = store.conn.execute("SELECT 1 FROM narratives WHERE id = ?",
                                   (narrative_id,)).fetchone() if store.has_table("narratives") else None
        if known is None:
            raise NotFound(f"no narrative {narrative_id!r}; list them with `newstrace narratives`")
        return []
    story_of = {r[0]: r[1] for r in rows}
    entries = entries_for(store, list(story_of))
    for e in entries:
        e["story"] = story_of[e["article"]]
    return entries


def _find_actor(store: Any, name: str) -> str:
    _need(store, "actors", "actors")
    try:
        from .actors import find_actor
    except ImportError:  # pragma: no cover
        find_actor = None
    aid = find_actor(store, name) if find_actor else None
    if aid is None:
        raise NotFound(f"no actor {name!r}; try another spelling or `newstrace actors`")
    return aid


def actor_timeline(store: Any, actor_id_or_name: str) -> list[dict[str, Any]]:
    """The articles mentioning or quoting an actor (any spelling), in date order, with the
    mention spans and the actor's quotes (and the date each was said on, when known)."""
    aid = _find_actor(store, actor_id_or_name)
    c = store.conn
    mentions: dict[str, list[dict[str, Any]]] = {}
    for r in c.execute('SELECT article_id, start, "end", text FROM mentions WHERE actor_id = ? '
                       "ORDER BY article_id, start", (aid,)):
        mentions.setdefault(r[0], []).append({"start": r[1], "end": r[2], "text": r[3]})
    quotes: dict[str, list[dict[str, Any]]] = {}
    for r in c.execute(
            "SELECT * FROM quotes WHERE speaker_actor = ? ORDER BY article_id, start",
            (aid,)):
        said = None
        if r["said_on_earliest"] or r["said_on_latest"]:
            said = {"earliest": r["said_on_earliest"], "latest": r["said_on_latest"],
                    "evidence": json.loads(r["said_on_evidence"] or "[]")}
        quotes.setdefault(r["article_id"], []).append({
            "id": f"{r['article_id']}#q{r['idx']}", "start": r["start"], "end": r["end"],
            "text": r["text"], "said_on": said, "act": quote_act(r)})
    entries = entries_for(store, list(mentions) + [a for a in quotes if a not in mentions])
    for e in entries:
        e["actor"] = aid
        e["mentions"] = mentions.get(e["article"], [])
        e["quotes"] = quotes.get(e["article"], [])
    return entries


def format_when(e: dict[str, Any]) -> str:
    """The date of an entry as text: a day, a range ``earliest..latest``, or ``undated``."""
    if e["date"]:
        return e["date"]
    r = e["range"]
    if r:
        if r["earliest"] == r["latest"]:
            return f"~{r['earliest']}"
        return f"{r['earliest'] or '?'}..{r['latest'] or '?'}"
    return "undated"
