"""Renamed actors: their new id written in place downstream (internal to `newstrace.actors`).

An actor's id is a function of its smallest member node (`_actorgraph.actor_id_for`), so
that the actors do not depend on the order articles came in. An actor that only gains
members, one of which sorts first, therefore gets a new id although, for the articles
that named it, nothing but the id string changed. Re-running their downstream stages
(provenance, reuse, stories, narratives, dates) to write the new id costs as much as
analysing them again; here the id is rewritten where those stages stored it instead.

`renames` tells such changes from real ones: an old actor is *renamed* when all its
members went to one new actor whose other members are new nodes (written by this run),
so the articles that named it name the same set of entities as before. A merge of
several old actors, a split, or a member leaving are real changes: the articles naming
those actors are re-run (`actors.update`, ``downstream_rerun``), as a merge lets
earlier articles share an actor they did not share (statements grouped by speaker, story
and reuse evidence) and a split the reverse.

`apply` rewrites an old id to the new one in every table the downstream stages fill
from actor ids: quote and source actors, statements (speaker and speaker key) and the
quotes' shingle keys (hashed with the speaker key), reuse anchors, story features and
their blocking keys, narrative claims and keys. Values derived from the id's sort order
are re-derived: JSON lists are sorted again, and the stories whose narrative key actors
hold the id are marked for the narratives stage (``story_dirty``), which recomputes
their links and narratives (their evidence lists and key-actor order sort by id).
"""
from __future__ import annotations

import json
from collections import defaultdict

from .store import select_in


def renames(c, old_actor: dict[str, str | None], new_actor: dict[str, str],
            old_members: dict[str, list[str]]) -> dict[str, str]:
    """{old id: new id} of the actors only renamed by this clustering.

    ``old_actor``/``new_actor``: actor of each node of the reclustered region before and
    after (``new_actor`` holds the live nodes); ``old_members``: every node of the changed
    old actors (nodes outside the region keep their actor)."""
    target: dict[str, str] = {}
    for old, nodes in old_members.items():
        to = {new_actor.get(n) if n in old_actor else old for n in nodes}
        if len(to) == 1:
            (new,) = to
            if new is not None and new != old:
                target[old] = new
    sources: dict[str, set[str]] = defaultdict(set)
    for n, new in new_actor.items():
        sources[new].add(old_actor.get(n))
    # the new actor's other members are new nodes (no actor before): one old actor each;
    # and its id was never used (a revived id may still be named by rows of the fast mode)
    news = sorted({new for old, new in target.items() if sources[new] <= {old, None}})
    used = {r[0] for r in select_in(c, "SELECT id FROM actors WHERE id IN", news)}
    return {old: new for old, new in target.items() if sources[new] <= {old, None} and new not in used}


def _json_list(v: str | None, ren: dict[str, str]) -> str | None:
    if not v:
        return v
    keys = json.loads(v)
    return json.dumps(sorted(_key(k, ren) for k in keys))


def _key(k: str, ren: dict[str, str]) -> str:
    return "a:" + ren[k[2:]] if k.startswith("a:") and k[2:] in ren else k


def apply(store, ren: dict[str, str], articles: set[str]) -> dict[str, int]:
    """Rewrite the renamed ids ``ren`` in the downstream tables. ``articles``: the
    articles whose entities named an old id (their mentions are rewritten by the actors
    stage); articles that name one in a quote or source only are found here."""
    c = store.conn
    counts = {"renamed_actors": len(ren)}
    if not ren:
        return counts
    has = {t: store.has_table(t) for t in ("quotes", "sources", "statements", "quote_keys", "reuse_anchors",
                                           "story_docs", "story_keys", "narrative_claims", "narrative_keys",
                                           "story_dirty")}
    old_ids = sorted(ren)
    arts = set(articles)
    requote: list[tuple[str, int, str]] = []  # (article, idx, text) of quotes whose speaker key changes
    if has["quotes"]:
        for r in select_in(c, "SELECT article_id, idx, text FROM quotes "
                              "WHERE speaker_actor IN", old_ids):
            arts.add(r[0])
            requote.append((r[0], r[1], r[2]))
        for r in select_in(c, "SELECT DISTINCT article_id FROM quotes WHERE channel_actor IN", old_ids):
            arts.add(r[0])
        for old, new in sorted(ren.items()):
            c.execute("UPDATE quotes SET speaker_actor = ? WHERE speaker_actor = ?", (new, old))
            c.execute("UPDATE quotes SET channel_actor = ? WHERE channel_actor = ?", (new, old))
    if has["sources"]:
        for old, new in sorted(ren.items()):
            c.execute("UPDATE sources SET cites_actor = ? WHERE cites_actor = ?", (new, old))
    if has["statements"]:
        for old, new in sorted(ren.items()):
            c.execute("UPDATE statements SET speaker_actor = ?, speaker_key = ? WHERE speaker_actor = ?",
                      (new, "a:" + new, old))
    if has["quote_keys"] and requote:
        from ._statements import _h, shingles
        spk = {(a, i): r for a, i, r in select_in(c, "SELECT article_id, idx, speaker_actor FROM quotes "
                                                      "WHERE article_id IN", sorted({a for a, _i, _t in requote}))}
        for a, i, text in requote:
            if not c.execute("SELECT 1 FROM quote_keys WHERE article_id = ? AND idx = ? LIMIT 1", (a, i)).fetchone():
                continue  # not grouped yet: the provenance stage writes its keys
            key = "a:" + spk[(a, i)]
            c.execute("DELETE FROM quote_keys WHERE article_id = ? AND idx = ?", (a, i))
            c.executemany("INSERT OR IGNORE INTO quote_keys VALUES (?, ?, ?)",
                          [(_h(key + "|" + s), a, i) for s in shingles(text)])
        counts["remapped_quotes"] = len(requote)
    if has["reuse_anchors"]:
        for old, new in sorted(ren.items()):
            c.execute("UPDATE reuse_anchors SET key = ? WHERE key = ?", ("a:" + new, "a:" + old))
    if has["story_keys"]:
        for old, new in sorted(ren.items()):
            c.execute("UPDATE story_keys SET key = ? WHERE key = ?", ("e:a:" + new, "e:a:" + old))
    arts_l = sorted(arts)
    if has["story_docs"]:
        docs = select_in(c, "SELECT article_id, feats FROM story_docs WHERE article_id IN", arts_l)
        feats_of = {aid: json.loads(feats) for aid, feats in docs if feats}
        # a resolved mention is a place when its actor is of type LOC (`storyfeatures`):
        # the types as they are now (an actor that gained members may have changed type)
        ids = sorted({_key(k, ren)[2:] for d in feats_of.values() for k in (d.get("ents") or ()) if k.startswith("a:")})
        types = dict(select_in(c, "SELECT id, type FROM actors WHERE id IN", ids))
        for aid, feats in docs:
            if not feats:
                continue
            d = feats_of[aid]
            ents = d.get("ents")
            if isinstance(ents, dict):
                d["ents"] = {_key(k, ren): w for k, w in ents.items()}
            elif isinstance(ents, list):
                d["ents"] = sorted(_key(k, ren) for k in ents)
            if d.get("speakers"):
                d["speakers"] = sorted(_key(k, ren) for k in d["speakers"])
            places = {k for k in d.get("places") or () if not k.startswith("a:")}
            places |= {k for k in d.get("ents") or () if k.startswith("a:") and types.get(k[2:]) == "LOC"}
            d["places"] = sorted(places)
            new = json.dumps(d, ensure_ascii=False, sort_keys=True)
            if new != feats:
                c.execute("UPDATE story_docs SET feats = ? WHERE article_id = ?", (new, aid))
    if has["narrative_claims"]:
        for aid, idx, actors in select_in(c, "SELECT article_id, idx, actors FROM narrative_claims "
                                             "WHERE article_id IN", arts_l):
            new = _json_list(actors, ren)
            if new != actors:
                c.execute("UPDATE narrative_claims SET actors = ? WHERE article_id = ? AND idx = ?", (new, aid, idx))
    if has["narrative_keys"]:
        # the links and narratives of these stories list and rank key actors by id: the
        # narratives stage recomputes them (as it does for the stories a run rewrote)
        keys = ["a:" + o for o in old_ids]
        dirty = sorted({r[0] for r in select_in(c, "SELECT story_id FROM narrative_keys WHERE key IN", keys)})
        for old, new in sorted(ren.items()):
            c.execute("UPDATE narrative_keys SET key = ? WHERE key = ?", ("a:" + new, "a:" + old))
        if has["story_dirty"] and dirty:
            c.executemany("INSERT OR IGNORE INTO story_dirty(story_id) VALUES (?)", [(s,) for s in dirty])
        counts["narrative_stories_dirty"] = len(dirty)
    counts["remapped_articles"] = len(arts)
    return counts
