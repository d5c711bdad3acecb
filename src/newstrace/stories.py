"""Stories: online, single-pass clustering of articles that report the same event.

Corpus stage ``update(store, changed, options)``. Each new article, in date order (the
published date, else the middle of an inferred ``published_range`` at most
``reuse.MAX_RANGE_DAYS`` wide; wider ranges and no date at all count as undated and come
last), is compared only with the stories of an **active pool**: stories whose time span lies
within ``WINDOW_DAYS`` of the article (of its range, for undated ones), at most ``POOL_CAP``
of them. Candidates inside the pool come from the encoder (top ``TOP_K`` by centroid dot
product) and from an inverted index on actors/places and rare title terms, never all pairs;
cost per article is flat in the corpus size.

Each candidate is scored by :func:`storyfeatures.join_probability`: a logistic model over
language-independent evidence (resolved actors, places, numbers, in-text dates), lexical
TF-IDF similarity within a language and the encoder cosine, fitted on the SemEval-2022
Task 8 dev pairs (``bench/semeval_bench.py --fit``), times a range-aware Gaussian time decay
(σ = 3 days, on the gap between the article's possible days and the story's span). A dated
article joins the best candidate when P >= ``JOIN_P``; otherwise a new story starts.

An article with only a wide inferred range starts a story of its own, decided afterwards
(``_Pool.link_undated``, in rounds while something merges). Its time is the set of
publication windows its text allows (``dates.candidate_windows``: "Monday 10 August" leaves
one window per year where 10 August is a Monday), not their hull. Without a date, content
cannot separate two events about the same actors, so such a story joins its best candidate
only when the language-independent evidence passes on its own too and an event-specific
detail is shared (a number, an in-text date, a quoted speaker); or, for
a group of undated articles and a dated story, on corroboration: two independent members
(other outlets, not copies) each vouch for it on content, evidence, place and another actor,
its days fit every member's windows, and no other such story lies elsewhere in them. A
timeless story is judged again whenever a later article matches it (a dated article never
absorbs it by content alone), so the result does not depend on arrival order. Then the
second step (``_Pool.link_languages``, after EMM and Rupnik et al. 2016) links stories with
no language in common when the cross-language link model passes and each is the other's
best candidate (at most one story per language in a group, as in Miranda et al. 2018);
timeless stories are left to ``link_undated`` there, since a window of years gives the
link model's time decay nothing to exclude.

Story ids are derived from the founding article and never reused. When an article links
two dated stories (its two best candidates both pass, and the stories pass the same rule
against each other), or the linking steps link two stories, the younger story merges into
the older; merges (with their evidence in ``detail``), moves and dissolutions are recorded
in ``story_events`` and merged ids redirect (``merged_into``).
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import time
from collections import defaultdict
from datetime import date
from typing import Any, Iterable

import numpy as np

from . import encoders
from ._unionfind import UnionFind
from .errors import NotFound
from .reuse import article_day
from .store import select_in
from .storyfeatures import (
    JOIN_P, LINK_P, MIN_WITNESSES, DocFeatures, IdfTable, StoryState, doc_decay, doc_features,
    event_specific, evidence_probability, join_probability, link_probability, pair_features,
    shares_place_and_actor,
    story_link, time_consistent, witness,
)

__all__ = ["MIGRATIONS", "export_rows", "get_story", "list_stories", "resolve_id", "update"]

LOGGER = logging.getLogger(__name__)

WINDOW_DAYS = 10.0
POOL_CAP = 3000
TOP_K = 20
INDEX_TERMS = 8
ENCODE_BATCH = 64
GROUP_CAP = 50  # members of an undated group read for the corroboration rule
#: reuse methods that mean one article copies another (``anchors`` is a cross-language
#: likeness of numbers and names, which independent reports of one event share too)
COPY_METHODS = ("minhash", "passage")

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
        # the days a timeless story's members allow (hull; NULL for dated stories), so that
        # later articles whose days overlap find it
        "stories_002_timeless_span",
        """
        ALTER TABLE stories ADD COLUMN span_lo REAL;
        ALTER TABLE stories ADD COLUMN span_hi REAL;
        CREATE INDEX stories_span ON stories(status, span_hi);
        """,
    ),
]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _iso(day: float | None) -> str | None:
    return None if day is None else date.fromordinal(int(day)).isoformat()


def _timeless(s: StoryState) -> bool:
    """A story bounded in time only by wide inferred ranges: none of its members has a
    usable date, but some have a range (decided by ``_Pool.link_undated``)."""
    return s.n > 0 and s.day_n == 0 and s.time_span() is not None


def _gap(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float:
    """Days between two spans (0 when they overlap; infinite when either is unknown)."""
    if a is None or b is None:
        return math.inf
    return max(0.0, a[0] - b[1], b[0] - a[1])


class _Pool:
    """The active stories held in memory during one update, with a key index."""

    def __init__(self, store: Any, idf: IdfTable, path: str):
        self.store, self.c, self.idf, self.path = store, store.conn, idf, path
        self.stories: dict[str, StoryState] = {}
        self.meta: dict[str, dict[str, Any]] = {}
        self.index: dict[str, set[str]] = defaultdict(set)
        self.keys: dict[str, set[str]] = {}
        self.dirty: set[str] = set()
        self.events: list[tuple] = []
        self.assign: dict[str, tuple[str, float, str]] = {}
        #: timeless stories (``_timeless``) for ``link_undated`` to decide: those founded by
        #: undated articles in this batch, and older ones a dated article of this batch matched
        self.undated: set[str] = set()
        self.docs: dict[str, DocFeatures] = {}  # this batch's articles
        self.loaded_day: float | None = None
        self.seq = int(self.c.execute("SELECT coalesce(max(seq), 0) FROM stories").fetchone()[0])

    # -- loading and eviction ---------------------------------------------------------
    def _add_loaded(self, rows: Iterable[Any]) -> None:
        for r in rows:
            if r["id"] in self.stories:
                continue
            s = StoryState.from_json(r["id"], json.loads(r["state"]))
            self.stories[s.id] = s
            self.meta[s.id] = {"seq": r["seq"], "created_at": r["created_at"], "method": r["method"]}
            self._reindex(s)

    def load_window(self, day: float) -> None:
        if self.loaded_day is not None and int(day) <= int(self.loaded_day):
            return
        self.loaded_day = day
        known = set(self.stories)
        ids = [r[0] for r in self.c.execute(
            "SELECT id FROM stories WHERE status = 'active' AND last_day >= ? AND first_day <= ?",
            (day - WINDOW_DAYS, day + WINDOW_DAYS)) if r[0] not in known]
        if ids:
            self._add_loaded(select_in(self.c, "SELECT * FROM stories WHERE id IN", ids))
        self.evict(day)
        self.load_timeless(day, day)

    def load_timeless(self, lo: float, hi: float) -> None:
        """Timeless stories (no dated member) whose possible days overlap [lo, hi] (+-
        ``WINDOW_DAYS``), newest first, at most ``POOL_CAP``: an article arriving later
        than a timeless story must still see it (``place`` hands it to ``link_undated``)."""
        lo_q = -1e12 if math.isinf(lo) else lo - WINDOW_DAYS
        hi_q = 1e12 if math.isinf(hi) else hi + WINDOW_DAYS
        ids = [r[0] for r in self.c.execute(
            "SELECT id FROM stories WHERE status = 'active' AND last_day IS NULL AND span_hi >= ?"
            " AND (span_lo IS NULL OR span_lo <= ?) ORDER BY seq DESC LIMIT ?", (lo_q, hi_q, POOL_CAP))
            if r[0] not in self.stories]
        if ids:
            self._add_loaded(select_in(self.c, "SELECT * FROM stories WHERE id IN", ids))
        self.cap()

    def load_span(self, lo: float, hi: float) -> None:
        """For articles with only a wide inferred range: the active stories inside it
        (latest first, at most ``POOL_CAP``; an index range scan on last_day)."""
        lo_q = -1e12 if math.isinf(lo) else lo - WINDOW_DAYS
        hi_q = 1e12 if math.isinf(hi) else hi + WINDOW_DAYS
        ids = [r[0] for r in self.c.execute(
            "SELECT id FROM stories WHERE status = 'active' AND last_day >= ? AND first_day <= ?"
            " ORDER BY last_day DESC LIMIT ?", (lo_q, hi_q, POOL_CAP)) if r[0] not in self.stories]
        if ids:
            self._add_loaded(select_in(self.c, "SELECT * FROM stories WHERE id IN", ids))
        self.load_timeless(lo, hi)

    def load_recent(self) -> None:
        """For undated articles: the most recently active stories."""
        for sql in ("SELECT id FROM stories WHERE status = 'active' ORDER BY last_day DESC LIMIT ?",
                    "SELECT id FROM stories WHERE status = 'active' AND last_day IS NULL ORDER BY seq DESC LIMIT ?"):
            ids = [r[0] for r in self.c.execute(sql, (POOL_CAP,)) if r[0] not in self.stories]
            if ids:
                self._add_loaded(select_in(self.c, "SELECT * FROM stories WHERE id IN", ids))
        self.cap()

    def evict(self, day: float) -> None:
        old = [sid for sid, s in self.stories.items()
               if s.last_day is not None and s.last_day < day - WINDOW_DAYS]
        for sid in old:
            self._drop(sid)
        self.cap()

    def cap(self) -> None:
        if len(self.stories) <= POOL_CAP:
            return
        order = sorted(self.stories, key=lambda sid: (
            self.stories[sid].last_day if self.stories[sid].last_day is not None else -1e9,
            self.meta[sid]["seq"]))
        for sid in order[:len(self.stories) - POOL_CAP]:
            self._drop(sid)

    def _drop(self, sid: str) -> None:
        if sid in self.dirty:
            self.flush_story(sid)
        s = self.stories.pop(sid)
        for k in self.keys.pop(sid, ()):
            self.index[k].discard(sid)
            if not self.index[k]:
                del self.index[k]
        del s

    # -- index ----------------------------------------------------------------------------
    def _story_keys(self, s: StoryState) -> set[str]:
        keys = set(s.ents)
        for lang, bag in s.terms.items():
            top = sorted(bag.items(), key=lambda kv: -kv[1] * self.idf.idf(lang, kv[0]))[:INDEX_TERMS * 2]
            keys.update(f"t:{lang}:{t}" for t, _ in top)
        return keys

    def _reindex(self, s: StoryState) -> None:
        for k in self.keys.get(s.id, ()):
            self.index[k].discard(s.id)
        keys = self._story_keys(s)
        self.keys[s.id] = keys
        for k in keys:
            self.index[k].add(s.id)

    @staticmethod
    def doc_keys(d: DocFeatures, idf: IdfTable) -> dict[str, float]:
        keys = {k: idf.idf("*", k) for k in d.ents}
        top = sorted(d.terms.items(), key=lambda kv: -kv[1] * idf.idf(d.lang, kv[0]))[:INDEX_TERMS]
        for t, _ in top:
            keys[f"t:{d.lang}:{t}"] = idf.idf(d.lang, t)
        return keys

    # -- candidates and assignment --------------------------------------------------------
    def candidates(self, d: DocFeatures) -> list[str]:
        out: dict[str, None] = {}
        if d.vec is not None and self.stories:
            ids = [sid for sid, s in self.stories.items() if s.vec_sum is not None]
            if ids:
                M = np.stack([self.stories[sid].vec_sum for sid in ids])
                norms = np.linalg.norm(M, axis=1)
                norms[norms == 0] = 1.0
                sims = (M @ d.vec) / norms
                k = min(TOP_K, len(ids))
                for i in np.argpartition(-sims, k - 1)[:k]:
                    out[ids[int(i)]] = None
        score: dict[str, float] = defaultdict(float)
        for k, w in self.doc_keys(d, self.idf).items():
            sids = self.index.get(k)
            if sids and len(sids) <= 200:
                for sid in sids:
                    score[sid] += w
        for sid, _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_K]:
            out[sid] = None
        return list(out)

    def place(self, d: DocFeatures) -> None:
        scored = []
        for sid in self.candidates(d):
            p, feats = join_probability(d, self.stories[sid], self.idf, self.path)
            if _timeless(self.stories[sid]):
                # a timeless story this article matches is judged again by ``link_undated``
                # (so the outcome does not depend on which arrived first); a dated article
                # does not absorb it by content alone
                if p >= JOIN_P or link_probability(feats, self.path) * feats["decay"] >= LINK_P:
                    self.undated.add(sid)
                if d.day is not None:
                    continue
            scored.append((p, self.meta[sid]["seq"], sid))
        scored.sort(key=lambda x: (-x[0], x[1]))
        if d.day is None and d.lo is not None:
            # only a wide inferred range: the content model alone cannot tell two events of
            # a recurring narrative apart inside it and the order of such articles carries no
            # meaning, so the article starts a story and ``link_undated`` decides. (Articles
            # with no time at all are placed by content, as before: on the SemEval dev pairs,
            # which carry no dates, deferring them too lost 22 of 104 same-story pairs.)
            self.create(d, scored[0][0] if scored else 0.0, deferred=True)
            return
        if scored and scored[0][0] >= JOIN_P:
            p, _, sid = scored[0]
            s = self.stories[sid]
            s.add(d)
            self.assign[d.id] = (sid, p, self.path)
            self.dirty.add(sid)
            self._reindex(s)
            for p2, _, sid2 in scored[1:3]:
                if (p2 >= JOIN_P and sid2 in self.stories and sid in self.stories
                        and self.stories[sid].first_day is not None
                        and self.stories[sid2].first_day is not None):
                    self.try_merge(sid, sid2, d.id)
            return
        self.create(d, scored[0][0] if scored else 0.0)

    def create(self, d: DocFeatures, best: float, deferred: bool = False) -> str:
        base = "s" + hashlib.blake2b(d.id.encode("utf-8"), digest_size=5).hexdigest()
        sid, k = base, 1
        while sid in self.stories or self.c.execute("SELECT 1 FROM stories WHERE id = ?", (sid,)).fetchone():
            k += 1
            sid = f"{base}-{k}"
        s = StoryState(sid, d.id)
        s.add(d)
        self.seq += 1
        self.stories[sid] = s
        self.meta[sid] = {"seq": self.seq, "created_at": _now(), "method": self.path}
        self.assign[d.id] = (sid, 1.0, self.path)
        self.dirty.add(sid)
        self._reindex(s)
        self.events.append(("create", sid, None, d.id, round(best, 4),
                            json.dumps({"undated": "deferred to linking"}) if deferred else None))
        if deferred:
            self.undated.add(sid)
        return sid

    def try_merge(self, a: str, b: str, via: str) -> None:
        """An article matched two stories: merge them when they pass the join rule."""
        old, young = (a, b) if self.meta[a]["seq"] <= self.meta[b]["seq"] else (b, a)
        p, feats = join_probability(self.stories[young].as_doc(), self.stories[old], self.idf, self.path)
        if p < JOIN_P:
            return
        self.merge_into(old, young, via, p, {"step": "join", "p": round(p, 4)})

    # -- story linking: undated articles within a language, then across languages ---------------
    def _scored(self, sid: str, cross: bool,
                timeless_ok: bool = True) -> list[tuple[float, float, str, dict[str, float]]]:
        """Candidate stories of ``sid`` passing their rule: ``cross`` -> stories with no
        language in common, link model (>= LINK_P); else stories sharing a language, content
        join model (>= JOIN_P). Items (p x evidence_probability, p, id, features); time must
        not exclude the pair. ``timeless_ok=False`` leaves out timeless candidates."""
        s = self.stories[sid]
        mine = set(s.langs)
        d = s.as_doc()
        out = []
        for oid in self.candidates(d):
            if oid == sid or oid not in self.stories or not self.stories[oid].n:
                continue
            o = self.stories[oid]
            if not timeless_ok and _timeless(o):
                continue
            if bool(mine & set(o.langs)) == cross:
                continue
            if cross:
                p, feats = story_link(s, o, self.idf, self.path)
                ok = p >= LINK_P
            else:
                p, feats = join_probability(d, o, self.idf, self.path)
                ok = p >= JOIN_P
            if ok and feats["decay"] > 0:
                # rank by the agreement of both: P(pair rule) x P(language-independent evidence)
                out.append((p * evidence_probability(feats), p, oid, feats))
        return out

    @staticmethod
    def _best(items: list, key: int) -> str | None:
        if not items:
            return None
        return max(items, key=lambda x: (x[key], x[1 - key] if key < 2 else 0.0))[2]

    def _merge_event(self, a: str, b: str, item: tuple, step: str, extra: dict[str, Any] | None = None) -> str:
        score, p, _, feats = item
        detail = {"step": step, "p": round(p, 4), "score": round(score, 4),
                  "p_evidence": round(evidence_probability(feats), 4),
                  **{k: round(v, 4) for k, v in feats.items()
                     if k in ("dense", "lex", "ent", "num", "date", "spk", "decay")},
                  **(extra or {})}
        return self.merge_into(a, b, a, p, detail)

    # -- corroborated undated groups -------------------------------------------------------
    def _members(self, sid: str) -> list[DocFeatures]:
        """Features of the story's articles: this batch's from memory, earlier ones from
        ``story_docs`` (at most ``GROUP_CAP``)."""
        out = [self.docs[aid] for aid, (s, _, _) in self.assign.items() if s == sid and aid in self.docs]
        seen = {d.id for d in out}
        older = [r[0] for r in self.c.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? LIMIT ?", (sid, GROUP_CAP))
            if r[0] not in seen and r[0] not in self.docs]  # this batch's rows are not written yet
        for r in select_in(self.c, "SELECT article_id, feats, vec FROM story_docs WHERE article_id IN", older):
            vec = np.frombuffer(r[2], dtype=np.float32).copy() if r[2] else None
            out.append(DocFeatures.from_json(r[0], json.loads(r[1]), vec))
        return out[:GROUP_CAP]

    def _independent(self, docs: list[DocFeatures]) -> int:
        """How many of ``docs`` were written independently: articles of one outlet, or
        linked by a copy (``COPY_METHODS`` reuse link), count once."""
        uf = UnionFind(d.id for d in docs)
        by_outlet: dict[str, str] = {}
        for d in docs:
            if d.outlet:
                key = d.outlet.casefold()
                if key in by_outlet:
                    uf.union(d.id, by_outlet[key])
                by_outlet.setdefault(key, d.id)
        if len(docs) > 1 and self.store.has_table("reuse"):
            ids = list(uf.parent)
            marks = ",".join("?" * len(ids))
            for a, b in self.c.execute(
                    f"SELECT a, b FROM reuse WHERE method IN ({','.join('?' * len(COPY_METHODS))})"
                    f" AND a IN ({marks}) AND b IN ({marks})", [*COPY_METHODS, *ids, *ids]):
                uf.union(a, b)
        return len(uf.groups())

    def _corroborated(self, sid: str) -> tuple[tuple, dict[str, Any]] | None:
        """The dated story an undated group ``sid`` joins without an event-specific detail,
        if any (see ``link_undated``), with the evidence for the merge record.

        A dated candidate *fits* when the group's language-independent evidence passes
        (``evidence_probability`` >= LINK_P, time aside), its days are consistent with
        every member's possible days (``time_consistent``) and some member shares a place
        and another actor with it. The fitting candidate is taken when ``MIN_WITNESSES``
        independent members each vouch for it (``witness``: its own pair rule, evidence,
        time, place and actor) and no other fitting candidate lies more than ``WINDOW_DAYS``
        away from it: two events at the same place with the same actors that the members'
        dates both allow make the attribution ambiguous, and the group stays apart."""
        members = self._members(sid)
        if len(members) < MIN_WITNESSES:
            return None
        s = self.stories[sid]
        d = s.as_doc()
        fits = []
        for oid in self.candidates(d):
            o = self.stories.get(oid)
            if oid == sid or o is None or not o.n or o.day_n == 0:
                continue
            feats = pair_features(d, o, self.idf)
            feats["decay"] = doc_decay(d, o.time_span())
            ev = evidence_probability(feats)
            span = o.time_span()
            if (ev < LINK_P or not all(time_consistent(m, span) for m in members)
                    or not any(shares_place_and_actor(m, o) for m in members)):
                continue
            fits.append((ev, oid, feats))
        strong = []
        for ev, oid, feats in fits:
            vouch = [m for m in members if witness(m, self.stories[oid], self.idf, self.path)]
            n = self._independent(vouch)
            if n >= MIN_WITNESSES:
                strong.append((n, ev, oid, feats, vouch))
        if not strong:
            return None
        n, ev, best, feats, vouch = max(strong, key=lambda x: (x[0], x[1], x[2]))
        span = self.stories[best].time_span()
        if any(_gap(self.stories[oid].time_span(), span) > WINDOW_DAYS for _, oid, _ in fits if oid != best):
            return None
        return (ev, ev, best, feats), {"witnesses": n, "vouching": sorted(m.id for m in vouch)}

    def link_undated(self, max_rounds: int = 8) -> int:
        """Timeless stories (founded by articles with only a wide inferred range, too wide
        to be a date, see ``place``) join their best candidate story, in any language, when
        (1) the pair passes its rule (content join model within a language, link model
        across languages; time must not exclude it) and (2) the language-independent
        evidence passes on its own (``evidence_probability`` >= LINK_P, and at least one
        shared event-specific detail: a number, an in-text date or a quoted speaker;
        without time, wording, topic and actors cannot tell two events of
        a recurring narrative apart; event-specific details can).
        Failing (2), a group of undated articles may still join a *dated* story on
        corroboration (``_corroborated``): two independent members vouch for it on content,
        evidence, place and actors, its days fit every member's range, and it is the only
        such story in that range.
        The best candidate is the one with the highest P x evidence_probability (both
        agree); the most confident timeless stories go first, each joins at most once per
        round, and rounds repeat while something merges (a group formed in one round is
        judged as a whole in the next)."""
        merged = 0
        for _ in range(max_rounds):
            n = self._undated_round()
            merged += n
            if not n:
                break
        return merged

    def _undated_round(self) -> int:
        def best_of(sid: str):
            if sid not in self.stories or not _timeless(self.stories[sid]):
                return None
            items = [c for c in self._scored(sid, cross=False) + self._scored(sid, cross=True)
                     if evidence_probability(c[3]) >= LINK_P and event_specific(c[3])]
            if items:
                return max(items, key=lambda c: (c[0], c[1])), "undated", None
            got = self._corroborated(sid)
            return None if got is None else (got[0], "undated-group", got[1])

        order = []
        for sid in sorted(self.undated):
            got = best_of(sid)
            if got is not None:
                order.append((got[0][0], sid, got))
        merged = 0
        grown: set[str] = set()  # stories changed by a merge in this round
        for _, sid, got in sorted(order, key=lambda x: (-x[0], x[1])):
            if sid not in self.stories:
                continue
            if sid in grown or got[0][2] not in self.stories or got[0][2] in grown:
                got = best_of(sid)  # targets may have grown or merged meanwhile
            if got is None:
                continue
            item, step, extra = got
            kept = self._merge_event(sid, item[2], item, step, extra)
            grown.add(kept)
            self.undated.discard(sid if kept != sid else item[2])
            if _timeless(self.stories[kept]):
                self.undated.add(kept)  # a grown group is judged again in the next round
            else:
                self.undated.discard(kept)
            merged += 1
        return merged

    def link_languages(self, touched: Iterable[str], max_rounds: int = 8) -> int:
        """Second step (EMM; Rupnik et al. 2016): link a story to a story with no language
        in common when the link model passes and each is the other's best candidate by
        language-independent evidence (IDF-weighted shared actors, quoted speakers, numbers,
        in-text dates) among stories of the other's languages, so a cross-lingual group
        holds at most one story per language. Candidates rank by P(link) x P(evidence).
        A few rounds while something links; cost per
        story is a few index look-ups."""
        todo = [sid for sid in dict.fromkeys(touched) if sid in self.stories]
        merged = 0
        for _ in range(max_rounds):
            kept_ids: list[str] = []
            waiting: list[str] = []
            for sid in todo:
                if sid not in self.stories or not self.stories[sid].n or _timeless(self.stories[sid]):
                    continue
                cands = self._scored(sid, cross=True, timeless_ok=False)
                best = self._best(cands, 0)
                if best is None:
                    continue
                langs = set(self.stories[sid].langs)
                back = [c for c in self._scored(best, cross=True, timeless_ok=False)
                        if langs & set(self.stories[c[2]].langs)]
                if self._best(back, 0) != sid:
                    waiting.append(sid)
                    continue
                item = next(c for c in cands if c[2] == best)
                kept_ids.append(self._merge_event(sid, best, item, "link"))
                merged += 1
            if not kept_ids:
                break
            todo = list(dict.fromkeys(kept_ids + waiting))
        return merged

    def merge_into(self, a: str, b: str, via: str, p: float, detail: dict[str, Any]) -> str:
        """Merge stories ``a`` and ``b``: the younger into the older; returns the kept id."""
        old, young = (a, b) if self.meta[a]["seq"] <= self.meta[b]["seq"] else (b, a)
        so, sy = self.stories[old], self.stories[young]
        so.merge(sy)
        for aid, (sid, score, m) in list(self.assign.items()):
            if sid == young:
                self.assign[aid] = (old, score, m)
        self.c.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (old, young))
        self.c.execute("UPDATE story_docs SET story_id = ? WHERE story_id = ?", (old, young))
        self.c.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (old, young))
        self.c.execute(
            "INSERT OR REPLACE INTO stories(id, status, merged_into, size, state, seq, method, founder,"
            " updated_at) VALUES (?, 'merged', ?, 0, NULL, ?, ?, ?, ?)",
            (young, old, self.meta[young]["seq"], self.meta[young]["method"], sy.founder, _now()))
        self.dirty.discard(young)
        self._drop_silent(young)
        self.dirty.add(old)
        self._reindex(so)
        self.events.append(("merge", young, old, via, round(p, 4),
                            json.dumps(detail, sort_keys=True)))
        return old

    def _drop_silent(self, sid: str) -> None:
        self.stories.pop(sid, None)
        for k in self.keys.pop(sid, ()):
            self.index[k].discard(sid)

    # -- persistence -----------------------------------------------------------------------
    def flush_story(self, sid: str) -> None:
        s = self.stories[sid]
        m = self.meta[sid]
        status = "active" if s.n > 0 else "dissolved"
        label, outlets = _label_and_outlets(self.c, s)
        span = s.time_span() if s.first_day is None else None
        span_lo, span_hi = (None, None) if span is None else (
            None if math.isinf(span[0]) else span[0], 1e12 if math.isinf(span[1]) else span[1])
        self.c.execute(
            "INSERT OR REPLACE INTO stories(id, label, first_seen, last_seen, first_day, last_day, size,"
            " langs, outlets, status, merged_into, method, founder, seq, state, created_at, updated_at,"
            " span_lo, span_hi) VALUES (?,?,?,?,?,?,?,?,?,?,NULL,?,?,?,?,?,?,?,?)",
            (sid, label, _iso(s.first_day), _iso(s.last_day), s.first_day, s.last_day, s.n,
             json.dumps(sorted(s.langs)), json.dumps(outlets), status, m["method"], s.founder,
             m["seq"], json.dumps(s.to_json()), m["created_at"], _now(), span_lo, span_hi))
        self.dirty.discard(sid)

    def flush(self) -> None:
        for sid in list(self.dirty):
            if sid in self.stories:
                self.flush_story(sid)
        rows = [(sid, aid, None if score is None else round(score, 4), m)
                for aid, (sid, score, m) in self.assign.items()]
        self.c.executemany(
            "INSERT OR REPLACE INTO story_articles(story_id, article_id, score, method) VALUES (?,?,?,?)",
            rows)
        self.c.executemany("UPDATE story_docs SET story_id = ? WHERE article_id = ?",
                           [(sid, aid) for aid, (sid, _, _) in self.assign.items()])
        now = _now()
        self.c.executemany(
            "INSERT INTO story_events(at, kind, story_id, other_id, article_id, score, detail)"
            " VALUES (?,?,?,?,?,?,?)", [(now, *e) for e in self.events])
        self.assign.clear()
        self.events.clear()


def _label_and_outlets(c, s: StoryState) -> tuple[str, list[str]]:
    ids = list(dict.fromkeys([s.founder] + [i for i, _ in s.recent] + s.members[-5:]))
    rows = {r[0]: r for r in select_in(c, "SELECT article_id, feats FROM story_docs WHERE article_id IN", ids)}
    best, best_sim = None, -2.0
    cen = s.centroid()
    vecs = dict(s.recent)
    for aid in ids:
        if aid not in rows:
            continue
        title = json.loads(rows[aid][1]).get("title") or ""
        if not title:
            continue
        sim = float(vecs[aid] @ cen) if cen is not None and aid in vecs else (1.0 if aid == s.founder else 0.0)
        if sim > best_sim:
            best, best_sim = title, sim
    if best is None:
        r = c.execute("SELECT text FROM articles WHERE id = ?", (s.founder,)).fetchone()
        best = (r[0] if r else s.founder).strip().split("\n")[0]
    label = best if len(best) <= 120 else best[:117].rsplit(" ", 1)[0] + "…"
    return label, sorted(k for k, v in s.outlets.items() if v > 0)


def _load_idf(c, docs: list[DocFeatures]) -> IdfTable:
    idf = IdfTable()
    idf.n.update({r[0]: r[1] for r in c.execute("SELECT lang, n FROM story_ndocs")})
    want: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        want[d.lang].update(d.terms)
        want["*"].update(d.ents)
    for lang, terms in want.items():
        tl = sorted(terms)
        for k in range(0, len(tl), 500):
            chunk = tl[k:k + 500]
            for r in c.execute(f"SELECT term, df FROM story_df WHERE lang = ? AND term IN ({','.join('?' * len(chunk))})",
                               [lang, *chunk]):
                idf.df[(lang, r[0])] = r[1]
    return idf


def _save_idf(c, idf: IdfTable, added: dict[str, int]) -> None:
    c.executemany("INSERT INTO story_df(lang, term, df) VALUES (?,?,?) "
                  "ON CONFLICT(lang, term) DO UPDATE SET df = excluded.df",
                  [(lang, t, idf.df[(lang, t)]) for lang, t in idf.dirty])
    c.executemany("INSERT INTO story_ndocs(lang, n) VALUES (?,?) "
                  "ON CONFLICT(lang) DO UPDATE SET n = n + excluded.n", list(added.items()))
    idf.dirty.clear()


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
    enc = encoders.get_encoder(options)
    path = enc.method if enc is not None else encoders.NONE
    docs = []
    for k in range(0, len(ids), ENCODE_BATCH):
        arts = [a for a in store.iter_articles(ids[k:k + ENCODE_BATCH])]
        vecs = enc.encode([encoders.doc_text(a.title, a.text) for a in arts]) if enc is not None and arts else None
        types = _actor_types(store, arts)
        for i, a in enumerate(arts):
            docs.append(doc_features(a, None if vecs is None else vecs[i], _windows(a, options), types))
    return docs, path


def update(store: Any, changed: list[str], options: Any = None) -> dict[str, int]:
    """Assign the changed articles to stories (see the module docstring)."""
    c = store.conn
    ids = sorted(set(changed))
    counts = {"stories_assigned": 0, "stories_created": 0, "stories_merged": 0}
    if not ids:
        return counts
    docs, path = _features(store, ids, options)
    with store.transaction():
        idf = _load_idf(c, docs)
        pool = _Pool(store, idf, path)
        # re-processed articles leave their old story first
        old = {r[0]: r for r in select_in(c, "SELECT article_id, story_id, vec, feats FROM story_docs WHERE article_id IN",
                                          [d.id for d in docs])}
        for aid, r in old.items():
            row = c.execute("SELECT * FROM stories WHERE id = ?", (r[1],)).fetchone()
            if row is None or row["status"] != "active":
                continue
            pool._add_loaded([row])
            vec = np.frombuffer(r[2], dtype=np.float32).copy() if r[2] else None
            prev = DocFeatures.from_json(aid, json.loads(r[3]), vec)
            pool.stories[r[1]].remove(prev)
            pool.dirty.add(r[1])
            pool.events.append(("remove", r[1], None, aid, None, None))
        # feature rows, then document frequencies (every doc counts once)
        c.executemany(
            "INSERT OR REPLACE INTO story_docs(article_id, story_id, vec, feats, method) VALUES (?,?,?,?,?)",
            [(d.id, None, None if d.vec is None else d.vec.astype(np.float32).tobytes(),
              json.dumps(d.to_json(), ensure_ascii=False), path) for d in docs])
        added: dict[str, int] = defaultdict(int)
        for d in docs:
            if d.id not in old:
                idf.add(d.lang, d.terms)
                idf.add("*", d.ents)
                added[d.lang] += 1
                added["*"] += 1
        pool.docs = {d.id: d for d in docs}
        dated = sorted((d for d in docs if d.day is not None), key=lambda d: (d.day, d.id))
        undated = sorted((d for d in docs if d.day is None), key=lambda d: d.id)
        n_events = 0
        for d in dated:
            pool.load_window(d.day)
            pool.place(d)
        # undated last: first those bounded by a (wide) inferred range, latest range first
        ranged = sorted((d for d in undated if d.lo is not None),
                        key=lambda d: (-(d.hi if not math.isinf(d.hi) else 1e12), d.id))
        for d in ranged:
            pool.load_span(d.lo, d.hi)
            pool.place(d)
        rest = [d for d in undated if d.lo is None]
        if rest:
            pool.load_recent()
            for d in rest:
                pool.place(d)
        # second step: link the stories this batch touched to stories in other languages
        pool.link_undated()
        pool.link_languages(list(pool.undated) + [sid for sid, _, _ in pool.assign.values()])
        counts["stories_created"] = sum(1 for e in pool.events if e[0] == "create")
        counts["stories_merged"] = sum(1 for e in pool.events if e[0] == "merge")
        n_events += len(pool.events)
        counts["stories_assigned"] = len(pool.assign)
        pool.flush()
        for sid, s in list(pool.stories.items()):
            if s.n == 0 and sid in pool.dirty:
                pool.flush_story(sid)
        _save_idf(c, idf, added)
    counts["stories_total"] = int(c.execute(
        "SELECT count(*) FROM stories WHERE status = 'active'").fetchone()[0])
    return counts


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
        " sa.score, sa.method FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " WHERE sa.story_id = ?", (sid,)).fetchall()
    arts = [{"id": x["id"], "title": x["title"], "outlet": x["outlet"], "url": x["url"],
             "lang": x["lang"], "published": x["published"],
             "published_range": [x["range_earliest"], x["range_latest"]] if x["range_earliest"] else None,
             "score": x["score"], "method": x["method"]} for x in rows]
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
                           "speaker_actor": q["speaker_actor"], "cue": q["cue"], "channel": q["channel"]})
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
