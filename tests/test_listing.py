"""One list builder (`newstrace.listing`) behind `newstrace stories`, the web pages and
the JSON API: same filters, same order, pages that add up to the whole list."""
from __future__ import annotations

import json

from newstrace import listing, stories
from newstrace.web import queries as Q


def _filters(store) -> list[dict[str, str]]:
    c = store.conn
    lang = c.execute("SELECT lang FROM articles WHERE lang IS NOT NULL GROUP BY lang "
                     "ORDER BY count(*) DESC").fetchone()[0]
    outlet = c.execute("SELECT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY id").fetchone()[0]
    actor_id, spelling = c.execute(
        "SELECT actor_id, text FROM mentions WHERE actor_id IS NOT NULL GROUP BY actor_id, text "
        "ORDER BY count(*) DESC, text LIMIT 1").fetchone()
    return [{}, {"lang": lang}, {"outlet": outlet}, {"outlet": outlet.upper()}, {"actor": actor_id},
            {"actor": spelling}, {"since": "2024-01-01"}, {"until": "2023-01-01"}]


def test_cli_and_web_list_the_same_stories(seed_store, run_cli):
    for f in _filters(seed_store):
        web = Q.list_stories(seed_store, limit=Q.MAX_LIMIT, **f)
        assert web["computed"] and not web["has_more"]
        assert stories.list_stories(seed_store, **f) == web["items"], f
        args = [x for k, v in f.items() for x in (f"--{k}", v)]
        out = run_cli("stories", "--db", seed_store.path, "--json", *args)
        assert out.exit_code == 0, out.output
        assert json.loads(out.output) == web["items"], f


def test_filters_match_their_definition(seed_store):
    c = seed_store.conn
    all_ids = {s["id"] for s in stories.list_stories(seed_store)}
    for f in _filters(seed_store):
        got = {s["id"] for s in stories.list_stories(seed_store, **f)}
        if "outlet" in f:
            want = {r[0] for r in c.execute("SELECT sa.story_id FROM story_articles sa JOIN articles a "
                                            "ON a.id = sa.article_id WHERE lower(a.outlet) = lower(?)",
                                            (f["outlet"],))} & all_ids
            assert got == want and got
        if "lang" in f:
            want = {r[0] for r in c.execute("SELECT sa.story_id FROM story_articles sa JOIN articles a "
                                            "ON a.id = sa.article_id WHERE a.lang = ?", (f["lang"],))} & all_ids
            assert got == want and got
    # any spelling of an actor finds the stories of the actor
    actor_id, spelling = _filters(seed_store)[4]["actor"], _filters(seed_store)[5]["actor"]
    assert {s["id"] for s in stories.list_stories(seed_store, actor=spelling)} == {
        s["id"] for s in stories.list_stories(seed_store, actor=actor_id)}


def test_sorts_and_pages(seed_store):
    full, more = listing.list_stories(seed_store)
    assert not more and full
    for a, b in zip(full, full[1:]):  # largest, then latest first
        assert a["size"] > b["size"] or (a["size"] == b["size"] and (a["last_seen"] or "") >= (b["last_seen"] or ""))
    asc, _ = listing.list_stories(seed_store, order="asc")
    assert asc == full[::-1]
    pages, offset = [], 0
    while True:
        page, more = listing.list_stories(seed_store, limit=1, offset=offset)
        pages += page
        offset += 1
        if not more:
            break
    assert pages == full
    arts = Q.list_articles(seed_store, sort="published", order="asc", limit=2)
    rows, more = listing.list_articles(seed_store, sort="published", order="asc", limit=2)
    assert [a["id"] for a in arts["items"]] == [r["id"] for r in rows] and arts["has_more"] is more
