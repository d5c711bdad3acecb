"""Time: publication dates, temporal expressions, inferred publication ranges, quote dates.

Per-article stage ``annotate(article, options) -> Article`` (pure; reads text, lang,
paragraphs, sentences, url, meta, published, quotes; writes published (URL date or a
rejection), published_range, times, quote.said_on). Corpus stage ``update(store,
changed, options)`` lets articles of one story choose between the candidate years their
own text leaves open.

How an undated article gets a range (constraint intersection, see
docs/research/stories.md §4.4): the publication day P starts as the search horizon
(`HORIZON_YEARS` up to the run or crawl date); every temporal expression and era term
gives the set of days P can be. Which side of P an expression lies on comes from its
clause (`temporal.find_refs`: past, future, or open for a limit such as "by 2022" or an
event name such as "the Nov. 8 election"; an open expression without a year allows both
sides, an open year says nothing). Sets are applied strongest first; within one
strength the days allowed by most of the evidence are kept (one misread expression does
not outvote several that agree; a tie keeps both sides), and an expression that
contradicts them is ignored (and said so). The result is the hull of the surviving days
plus, in the evidence, the candidate windows when several years remain. Every
assumption is a named constant below with its reason; those measured on real news say
so (bench/dates_bench.py, PolNeAR).
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Iterable

from . import events, resources
from ._published import Published, parse_published
from .errors import short
from .records import Article, DateRange, Quote, TimeExpr
from .temporal import _DIGITS, LANGS, Ref, find_refs
from .time_anchors import (ANCHORS, HISTORY_PREFIX, HISTORY_SUFFIX, NEGATIVE_PREFIX,
                           NOVELTY_PREFIX, TITLES)

LOGGER = logging.getLogger(__name__)

__all__ = [
    "HORIZON_YEARS", "RECENT_REFERENCE_MAX_DAYS", "WEEKDAY_DATE_MAX_DAYS", "YEARLESS_MAX_DAYS",
    "annotate", "candidate_windows", "own_dates", "own_range", "publication_from_url", "update",
]

#: Search horizon for undated articles: the last 30 years up to the run (or crawl) date.
#: Web news archives start in the mid-1990s; older texts need a user-given horizon.
HORIZON_YEARS = 30
#: A part of a month named *without a year* ("late March", "in early April") refers to
#: a recent occurrence: writers give a third of a month for recent events. Measured on
#: PolNeAR (US news, 2015-2016; bench/dates_bench.py), 95% of those in a past-tense
#: clause end within 120 days before publication; a future one starts within 120 days after.
RECENT_REFERENCE_MAX_DAYS = 120
#: A whole month or a day named without a year ("in March", "on Nov. 8") is in the year
#: around publication (AP style drops the year for the current year), not necessarily
#: recent: on PolNeAR only 58% of past-tense "in <month>" are within 90 days, 98% within
#: ten months. Past: it ends at most this many days before publication; future: it starts
#: at most this many days after; unknown direction (a limit, an event name): either.
YEARLESS_MAX_DAYS = 305
#: "last June" is the previous June: publication follows it by at most 13 months.
LAST_MONTH_MAX_DAYS = 396
#: "earlier in January" / "later in January" is the month of publication: published in
#: it, or at most this many days after ("earlier in") or before ("later in") it.
CURRENT_MONTH_GRACE_DAYS = 10
#: A weekday written with a date ("Friday, February 22nd", "ce vendredi 18 janvier") marks
#: a date close to publication (AP style: weekdays for dates within a week), before it
#: when it is past, after it when future, either way when the text does not say (a
#: correction line "Friday, December 4, 2015."); we allow two weeks.
WEEKDAY_DATE_MAX_DAYS = 14
#: "this Friday" / "ce vendredi" / "este viernes" / "diesen Freitag" is in the same week.
THIS_WEEKDAY_MAX_DAYS = 6
#: A dateline date ("PURCHASE, N.Y., April 1 (UPI) —") is the day of the report; the
#: publication date may be a day off (time zones).
DATELINE_MAX_DAYS = 1
#: A full date in a past-tense clause is at most this many days after publication: the
#: date of a statement or a post in another time zone ("— CSPAN (@cspan) September 1,
#: 2016" in a report dated 31 August).
TIMEZONE_DAYS = 1
#: A year (or month) that names an event ("the 2016 election", "the November 2016
#: summit") is written at most this long before it. On PolNeAR (bench/dates_bench.py),
#: no such mention is more than 1.6 years ahead; we allow four years (a presidential or
#: Olympic cycle: "the 2020 election" is campaigned for years ahead).
EVENT_LEAD_DAYS = 4 * 366
#: An office holder named with the title dates the text to the term, plus this margin
#: for reports published just after a handover.
ERA_GRACE_DAYS = 31
#: A term introduced as "new"/"novel" ("a new coronavirus pandemic") is written within
#: about a year of the term's start.
NOVELTY_MAX_DAYS = 365
#: Metadata dates later than the crawl/run date by more than this are rejected (time zones).
FUTURE_TOLERANCE_DAYS = 1
#: Metadata dates before this are suspect (epoch and parser defaults: 1970-01-01,
#: 1900-01-01); web news archives begin in the 1990s.
EARLIEST_PLAUSIBLE = date(1990, 1, 1)
#: A quote's date is a temporal expression outside the quoted words at most this many
#: characters from the speech verb ("said on Wednesday", "a déclaré mardi").
SAID_ON_MAX_CHARS = 80
#: Articles of one story are published within this many days of one another (clustering
#: systems keep a story active for 7-14 idle days; we allow a month).
STORY_SPREAD_DAYS = 30
#: Only story-mates dated this tightly (or with a publication date) disambiguate others.
STORY_ANCHOR_MAX_DAYS = 120

_W_APPOSITION, _W_WEEKDAY_DATE, _W_DAY, _W_ERA, _W_PERIOD, _W_YEARLESS, _W_WEAK = 5, 4, 3, 2, 2, 1, 1
_CRAWL_KEYS = ("crawl_date", "crawled", "crawled_at", "fetched", "fetched_at", "retrieved",
               "date_crawled", "warc_date")
_MIN, _MAX = date(1, 1, 1).toordinal(), date(9999, 12, 31).toordinal()

_URL_DATE = [
    re.compile(r"/((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)"),
    re.compile(r"[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"),
]
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/")


# ----------------------------------------------------------------------------- helpers

def _iso(o: int) -> str:
    return date.fromordinal(o).isoformat()


def _parse_day(s: Any) -> date | None:
    if not s or not isinstance(s, str):
        return None
    try:
        return date.fromisoformat(s.strip()[:10])
    except ValueError:
        return None


def _norm(iv: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(x for x in iv if x[0] <= x[1]):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _intersect(x: list[tuple[int, int]], y: list[tuple[int, int]]) -> list[tuple[int, int]]:
    i = j = 0
    out = []
    while i < len(x) and j < len(y):
        a, b = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        if a <= b:
            out.append((a, b))
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return out


def _describe(iv: list[tuple[int, int]], limit: int = 4) -> str:
    def one(a: int, b: int) -> str:
        return _iso(a) if a == b else f"{_iso(a)}..{_iso(b)}"
    if not iv:
        return "nothing"
    if len(iv) <= limit:
        return "; ".join(one(a, b) for a, b in iv)
    return f"{len(iv)} windows from {_iso(iv[0][0])} to {_iso(iv[-1][1])}"


def _month_last(y: int, m: int) -> int:
    return (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day


def _add_months(d: date, k: int) -> date:
    n = d.year * 12 + d.month - 1 + k
    return date(n // 12, n % 12 + 1, 1)


def _reference_now(article: Article, options: Any) -> tuple[date, str]:
    run = _parse_day(getattr(options, "now", None) if options is not None else None)
    label = "the run date" if run else "today"
    run = run or date.today()
    meta = article.meta or {}
    for key in _CRAWL_KEYS:
        crawl = _parse_day(meta.get(key))
        if crawl and crawl <= run:
            return crawl, f"the crawl date ({key})"
    return run, label


def publication_from_url(url: str | None) -> str | None:
    """The day a URL path gives (``/2019/01/18/``, ``/2019-01-18-``, ``-20190118``), as
    ISO ``YYYY-MM-DD``; None when the URL has no valid day."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for pat in _URL_DATE:
        m = pat.search(path)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None


def _url_month(url: str | None) -> tuple[int, int] | None:
    if not url:
        return None
    m = _URL_MONTH.search(re.sub(r"^[a-z]+://[^/]+", "", url))
    if not m:
        return None
    y, mo = int(m.group(1)), int(m.group(2))
    return date(y, mo, 1).toordinal(), date(y, mo, _month_last(y, mo)).toordinal()


# ----------------------------------------------------------------------- constraints

class _C:
    __slots__ = ("weight", "pos", "text", "span", "why", "allowed")

    def __init__(self, weight, pos, text, span, why, allowed):
        self.weight, self.pos, self.text, self.span = weight, pos, text, span
        self.why, self.allowed = why, _norm(allowed)

    def label(self) -> str:
        where = f" (chars {self.span[0]}-{self.span[1]})" if self.span else ""
        return f"'{self.text}'{where}"


def _yearly_candidates(ref: Ref, lo: int, hi: int) -> list[tuple[int, int]]:
    m, d1, d2 = ref.yearly  # type: ignore[misc]
    out = []
    for y in range(date.fromordinal(lo).year - 1, date.fromordinal(hi).year + 2):
        try:
            a = date(y, m, d1)
        except ValueError:
            continue
        if ref.weekday is not None and a.weekday() != ref.weekday:
            continue
        b = date(y, m, min(d2, _month_last(y, m)))
        out.append((a.toordinal(), b.toordinal()))
    return out


def _direction(ref: Ref) -> str:
    """"future", "past" or "both". "both" when the text leaves it open: a limit ("by
    2022", "until March") or a date naming an event ("the Nov. 8 election"). Without any
    tense cue a date is taken as past: news reports what happened."""
    if ref.future:
        return "future"
    if ref.open and not ref.past:
        return "both"
    return "past"


def _around(a: int, b: int, direction: str, before: int, after: int) -> tuple[int, int]:
    """Publication days for an event [a, b]: up to ``after`` days after it when past, up
    to ``before`` days before it when future, either when unknown."""
    lo = a - before if direction in ("future", "both") else a
    hi = b + after if direction in ("past", "both") else b
    return lo, hi


def _allowed_for_candidate(ref: Ref, a: int, b: int) -> tuple[int, int]:
    """Publication days compatible with the event being the day/period [a, b]."""
    if ref.weekday is not None and ref.rel and ref.rel[0] == "day":
        return (a - ref.rel[1], a - ref.rel[1])
    if ref.mod == "dateline":
        return (a - DATELINE_MAX_DAYS, a + DATELINE_MAX_DAYS)
    direction = _direction(ref)
    if ref.weekday is not None:
        w = THIS_WEEKDAY_MAX_DAYS if ref.mod == "this" else WEEKDAY_DATE_MAX_DAYS
        return _around(a, a, direction, w, w)
    if ref.mod == "last":
        return (b, a + LAST_MONTH_MAX_DAYS)
    if ref.mod == "next":
        return (b - LAST_MONTH_MAX_DAYS, a - 1)
    if ref.mod == "this":
        y = date.fromordinal(a).year
        return (date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal())
    if ref.mod == "current":
        g = CURRENT_MONTH_GRACE_DAYS
        return _around(a, b, direction, g, g)
    r = RECENT_REFERENCE_MAX_DAYS if ref.mod == "recent" else YEARLESS_MAX_DAYS
    return _around(a, b, direction, r, r)


def _yearly_why(ref: Ref) -> str:
    if ref.mod == "dateline":
        return (f"a dateline: the day of the report, within {DATELINE_MAX_DAYS} day of "
                "publication (DATELINE_MAX_DAYS)")
    if ref.mod == "last":
        return (f"'last' + month: the previous one, at most {LAST_MONTH_MAX_DAYS} days before "
                "publication (LAST_MONTH_MAX_DAYS)")
    if ref.mod == "next":
        return (f"'next' + month: the coming one, at most {LAST_MONTH_MAX_DAYS} days after "
                "publication (LAST_MONTH_MAX_DAYS)")
    if ref.mod == "this":
        return "'this' + month: in the year of publication"
    if ref.mod == "current":
        return ("the month of publication ('earlier in', 'later in'): published in it or "
                f"within {CURRENT_MONTH_GRACE_DAYS} days (CURRENT_MONTH_GRACE_DAYS)")
    part = ref.mod == "recent"
    r, name = ((RECENT_REFERENCE_MAX_DAYS, "RECENT_REFERENCE_MAX_DAYS") if part
               else (YEARLESS_MAX_DAYS, "YEARLESS_MAX_DAYS"))
    what = "part of a month" if part else "named"
    direction = _direction(ref)
    if direction == "future":
        return (f"{what} without a year, in a future context: at most {r} days after "
                f"publication ({name})")
    if direction == "past":
        return (f"{what} without a year: its most recent occurrence, at most {r} days before "
                f"publication ({name})")
    return (f"{what} without a year, direction not stated (a limit or an event name): at most "
            f"{r} days before or after publication ({name})")


def _ref_constraint(ref: Ref, hz: tuple[int, int]) -> _C | None:
    span = (ref.start, ref.end)
    direction = _direction(ref)
    if ref.fixed:
        a, b = ref.fixed
        if ref.note == "dateline":
            d = DATELINE_MAX_DAYS
            return _C(_W_WEEKDAY_DATE, ref.start, ref.text, span,
                      f"a dateline: the day of the report, within {d} day of publication "
                      "(DATELINE_MAX_DAYS)", [(a - d, b + d)])
        if ref.weekday is not None and not ref.note:
            w = WEEKDAY_DATE_MAX_DAYS
            side = {"past": "after", "future": "before", "both": "before or after"}[direction]
            why = (f"a weekday with a full date marks a day within {w} days {side} it "
                   "(WEEKDAY_DATE_MAX_DAYS)")
            return _C(_W_WEEKDAY_DATE, ref.start, ref.text, span, why,
                      [_around(a, a, direction, w, w)])
        if direction == "future" or a > hz[1]:
            return _C(_W_WEAK, ref.start, ref.text, span,
                      "a future or scheduled date: published no later than it", [(_MIN, b)])
        if direction == "both":
            if ref.event and b - a >= 27:
                # "the 2016 election", "the November 2016 summit": an event is named
                # ahead of it, but not long ahead
                return _C(_W_WEAK, ref.start, ref.text, span,
                          f"a dated event named ahead of it at most {EVENT_LEAD_DAYS} days "
                          "before (EVENT_LEAD_DAYS)", [(a - EVENT_LEAD_DAYS, _MAX)])
            return None  # "by 2022": either side
        tol = TIMEZONE_DAYS if a == b else 0
        why = "a past date: published on or after it" + (
            f" (less {tol} day for time zones, TIMEZONE_DAYS)" if tol else "")
        return _C(_W_DAY if a == b else _W_PERIOD, ref.start, ref.text, span, why,
                  [(a - tol, _MAX)])
    if ref.yearly:
        cands = _yearly_candidates(ref, *hz)
        allowed = [_allowed_for_candidate(ref, a, b) for a, b in cands]
        m, d1, _d2 = ref.yearly
        if ref.weekday is not None:
            day = date(2000, m, d1).strftime("%d %B").lstrip("0")
            wdn = date(2001, 1, 1 + ref.weekday).strftime("%A")  # 2001-01-01 is a Monday
            years = [date.fromordinal(a).year for a, _ in cands
                     if hz[0] - 400 <= a <= hz[1] + 400]
            ys = ", ".join(map(str, years))
            if ref.rel and ref.rel[0] == "day":
                why = (f"{day} is a {wdn} in {ys}; the text names it as day {ref.rel[1]:+d} "
                       "relative to publication")
                return _C(_W_APPOSITION, ref.start, ref.text, span, why, allowed)
            w = THIS_WEEKDAY_MAX_DAYS if ref.mod == "this" else WEEKDAY_DATE_MAX_DAYS
            side = {"past": "of", "future": "before", "both": "around"}[direction]
            why = (f"{day} is a {wdn} in {ys}; a weekday with a date marks a day within {w} "
                   f"days {side} publication")
            return _C(_W_WEEKDAY_DATE, ref.start, ref.text, span, why, allowed)
        if ref.mod == "dateline":
            weight = _W_WEEKDAY_DATE
        elif ref.kind == "month_day":
            weight = _W_PERIOD
        else:
            weight = _W_YEARLESS
        return _C(weight, ref.start, ref.text, span, _yearly_why(ref), allowed)
    if ref.rel and ref.weekday is not None:
        pw = (ref.weekday - ref.rel[1]) % 7
        first = hz[0] + (pw - date.fromordinal(hz[0]).weekday()) % 7
        days = [(o, o) for o in range(first, hz[1] + 1, 7)]
        return _C(_W_DAY, ref.start, ref.text, span,
                  "the relative day and the weekday fix the weekday of publication", days)
    return None


def _anchor_patterns() -> tuple[list[tuple[str, re.Pattern, list, str]],
                                 list[tuple[str, re.Pattern, dict[str, tuple[str, list, str]]]]]:
    """(terms: one pattern each, office holders: one pattern per title whose named groups
    are the anchor ids; one scan per title instead of one per holder)."""
    def build():
        terms, by_title = [], {}
        for aid, title, pat, spans, why in ANCHORS:
            if title is None:
                terms.append((aid, re.compile(pat), spans, why))
            else:
                by_title.setdefault(title, []).append((aid, pat, spans, why))
        titled = []
        for title, items in by_title.items():
            names = "|".join(f"(?P<{aid}>{pat})" for aid, pat, _s, _w in items)
            # title and name on one line: a headline ending in "President" is not a title
            # ("Vice-President Biden", "presidential candidate Trump" do not match)
            rx = re.compile(rf"(?<![\w-]){TITLES[title]}[^\S\n]+(?:{names})\b")
            titled.append((title, rx, {aid: (aid, spans, why) for aid, _p, spans, why in items}))
        return terms, titled
    return resources.get("dates.anchor_patterns", build)


def _era_interval(s: str, e: str | None, titled: bool, novel: bool) -> tuple[int, int]:
    a = date.fromisoformat(s).toordinal()
    if novel:
        return a, a + NOVELTY_MAX_DAYS
    if e is None:
        return a, _MAX
    return a, date.fromisoformat(e).toordinal() + (ERA_GRACE_DAYS if titled else 0)


def _anchor_constraints(text: str) -> list[_C]:
    out = []
    neg, new = re.compile(NEGATIVE_PREFIX), re.compile(NOVELTY_PREFIX)
    hist_pre, hist_post = re.compile(HISTORY_PREFIX), re.compile(HISTORY_SUFFIX)
    terms, titled = _anchor_patterns()
    for aid, pat, spans, why in terms:
        for m in pat.finditer(text):
            novel = bool(new.search(text[max(0, m.start() - 40):m.start()]))
            ivs = [_era_interval(s, e, False, novel) for s, e in spans]
            reason = why + (f"; introduced as new, so within {NOVELTY_MAX_DAYS} days "
                            "(NOVELTY_MAX_DAYS)" if novel else "")
            out.append(_C(_W_ERA, m.start(), m.group(), m.span(), reason, ivs))
            if not novel:
                break  # one occurrence is enough evidence
    # office -> [(anchor id, mention, spans, why, named outside a history frame)]
    holders: dict[tuple[str, str], list[tuple[str, re.Match, list, str, bool]]] = {}
    for title, rx, info in titled:
        first: dict[str, tuple[re.Match, bool]] = {}  # per holder: best mention so far
        for m in rx.finditer(text):
            aid = next(k for k, v in m.groupdict().items() if v is not None)
            if aid in first and first[aid][1]:
                continue
            if neg.search(text[max(0, m.start() - 40):m.start()]):
                continue
            plain = not (hist_pre.search(text[max(0, m.start() - 40):m.start()])
                         or hist_post.search(text[m.end():m.end() + 40]))
            if aid not in first or plain:
                first[aid] = (m, plain)
        for aid, (m, plain) in first.items():
            _aid, spans, why = info[aid]
            holders.setdefault((aid.split("_")[0], title), []).append((aid, m, spans, why, plain))
    for named in holders.values():
        # the holder whose (last) term began latest is the one in office; the others are
        # history and only say that the text is later than their term's start
        latest = max(named, key=lambda h: max(s for s, _e in h[2]))
        for aid, m, spans, why, plain in named:
            first = date.fromisoformat(min(s for s, _e in spans)).toordinal()
            if aid == latest[0] and plain:
                ivs = [_era_interval(s, e, True, False) for s, e in spans]
                out.append(_C(_W_ERA, m.start(), m.group(), m.span(), why, ivs))
            elif aid == latest[0]:
                out.append(_C(_W_ERA, m.start(), m.group(), m.span(),
                              f"{why}; named only in a frame that can be history ('under', "
                              "'adviser to', 'administration'...): published after the "
                              "start of the term", [(first, _MAX)]))
            else:
                out.append(_C(_W_ERA, m.start(), m.group(), m.span(),
                              f"{why}; '{latest[1].group()}' is named too, so this is an earlier "
                              "holder of the office: published after the start of the term",
                              [(first, _MAX)]))
    return out


# --------------------------------------------------------------------- extraction

def _refs(article: Article) -> list[Ref]:
    text = article.text or ""
    paras = [p for p in (article.paragraphs or []) if p.lang and p.lang != article.lang]
    if not paras:
        return find_refs(text, article.lang)
    refs: list[Ref] = []
    pos = 0
    chunks: list[tuple[int, int, str | None]] = []
    for p in sorted(article.paragraphs, key=lambda p: p.start):
        if p.start > pos:
            chunks.append((pos, p.start, article.lang))
        chunks.append((p.start, p.end, p.lang or article.lang))
        pos = max(pos, p.end)
    if pos < len(text):
        chunks.append((pos, len(text), article.lang))
    for s, e, lang in chunks:
        for r in find_refs(text[s:e], lang):
            r.start += s
            r.end += s
            refs.append(r)
    return refs


def _dateparser_refs(text: str, lang: str | None) -> list[Ref]:
    """Absolute dates (day, month and year) in languages without a rule table."""
    if not lang or lang in LANGS:
        return []
    try:
        from dateparser.search import search_dates
    except ImportError:  # pragma: no cover - dateparser is a core dependency
        return []
    try:
        hits = search_dates(text, languages=[lang], settings={
            "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}) or []
    except Exception as exc:  # dateparser raises for unsupported languages
        LOGGER.debug("dateparser failed on %s: %s", lang, exc)
        return []
    out, pos = [], 0
    for surface, dt in hits:
        i = text.find(surface, pos)
        if i < 0:
            continue
        pos = i + len(surface)
        if str(dt.year) not in surface.translate(_DIGITS):
            # "today", "5 years": dateparser dates them from the machine clock, which
            # says nothing about when an undated text was written
            continue
        o = dt.date().toordinal()
        out.append(Ref(start=i, end=pos, text=surface, kind="absolute", lang=lang,
                       fixed=(o, o), note="dateparser"))
    return out


# --------------------------------------------------------------------- resolution

def _resolve(ref: Ref, windows: list[tuple[int, int]]) -> tuple[int | None, int | None]:
    if ref.fixed:
        return ref.fixed
    if not windows:
        return None, None
    plo, phi = windows[0][0], windows[-1][1]
    if ref.yearly:
        kept = []
        for a, b in _yearly_candidates(ref, plo - 400, phi + 400):
            lo, hi = _allowed_for_candidate(ref, a, b)
            if _intersect([(lo, hi)], windows):
                kept.append((a, b))
        if not kept:
            return None, None
        return kept[0][0], kept[-1][1]
    if ref.rel:
        unit, k = ref.rel
        dlo, dhi = date.fromordinal(plo), date.fromordinal(phi)
        if unit == "day":
            return plo + k, phi + k
        if unit == "week":
            return plo - dlo.weekday() + 7 * k, phi - dhi.weekday() + 7 * k + 6
        if unit == "month":
            a = _add_months(dlo, k)
            b = _add_months(dhi, k)
            return a.toordinal(), date(b.year, b.month, _month_last(b.year, b.month)).toordinal()
        if unit == "year":
            try:
                return date(dlo.year + k, 1, 1).toordinal(), date(dhi.year + k, 12, 31).toordinal()
            except ValueError:
                return None, None
    if ref.weekday is not None:
        wd = ref.weekday

        def at(p: int) -> int:
            pw = date.fromordinal(p).weekday()
            if ref.mod == "last":
                return p - ((pw - wd) % 7 or 7)
            if ref.mod == "next":
                return p + ((wd - pw) % 7 or 7)
            if ref.mod == "this":
                return p - pw + wd
            if ref.future:
                return p + (wd - pw) % 7
            return p - (pw - wd) % 7
        return at(plo), at(phi)
    return None, None


def _method(ref: Ref) -> str:
    if ref.note == "dateparser":
        return "dateparser"
    m = f"rules:{ref.lang}"
    if ref.weekday is not None and (ref.yearly or ref.fixed):
        m += "+weekday"
    if ref.rel and ref.weekday is not None:
        m += "+apposition"
    return m


def _sentence_bounds(article: Article, pos: int) -> tuple[int, int]:
    for s in article.sentences or []:
        if s.start <= pos < s.end:
            return s.start, s.end
    text = article.text
    lo = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    nxt = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return lo, (min(nxt) + 1 if nxt else len(text))


def _said_on(article: Article, q: Quote, times: list[TimeExpr], basis: str) -> DateRange | None:
    if q.cue_start is not None and q.cue_end is not None:
        anchor, name = (q.cue_start, q.cue_end), f"the cue '{q.cue}'"
    elif q.speaker_start is not None and q.speaker_end is not None:
        anchor, name = (q.speaker_start, q.speaker_end), f"the speaker '{q.speaker}'"
    else:
        anchor, name = (q.start, q.end), "the quote"
    s_lo, s_hi = _sentence_bounds(article, anchor[0])
    best = None
    for t in times:
        if t.earliest is None or (q.direct and q.start <= t.start and t.end <= q.end):
            continue
        if t.kind in ("absolute", "vague") and t.earliest != t.latest and t.kind != "relative":
            if (date.fromisoformat(t.latest) - date.fromisoformat(t.earliest)).days > 31:
                continue  # a year or season is background, not the day of the statement
        if not (s_lo <= t.start and t.end <= s_hi):
            continue
        dist = max(0, t.start - anchor[1], anchor[0] - t.end)
        if dist <= SAID_ON_MAX_CHARS and (best is None or dist < best[0]):
            best = (dist, t)
    if best is None:
        return None
    dist, t = best
    return DateRange(t.earliest, t.latest, [
        f"'{t.text}' (chars {t.start}-{t.end}), {dist} chars from {name}; resolved against "
        f"{basis}"])


# --------------------------------------------------------------------------- stage

def _event_constraints(article: Article, refs: list[Ref], options: Any) -> list[_C]:
    """Constraints from the analyst's events file (`newstrace.events`), if one is given:
    an event told as recent is as strong as a weekday with a full date; an event merely
    named bounds publication like an era anchor (a name can also be used before or long
    after the event, so stronger evidence wins)."""
    anchors = events.load_cached(getattr(options, "events", None))
    if not anchors:
        return []
    weight = {"recent": _W_WEEKDAY_DATE, "after": _W_ERA, "before": _W_ERA}
    return [_C(weight[kind], pos, text, span, why, allowed)
            for kind, pos, text, span, why, allowed in events.constraints(
                article.text or "", article.lang, refs, anchors,
                lambda pos: _sentence_bounds(article, pos))]


def candidate_windows(article: Article, options: Any = None,
                      extra: Iterable[tuple[str, list[tuple[int, int]]]] = (),
                      refs: list[Ref] | None = None) -> tuple[list[tuple[int, int]], list[str]]:
    """The publication days the text allows, as ordinal windows, and the evidence.
    ``extra``: more (reason, windows) constraints, strongest, e.g. from story-mates."""
    now, now_label = _reference_now(article, options)
    try:
        start = now.replace(year=now.year - HORIZON_YEARS)
    except ValueError:
        start = now.replace(year=now.year - HORIZON_YEARS, day=28)
    hz = (start.toordinal(), now.toordinal())
    evidence = [f"search horizon {_iso(hz[0])}..{_iso(hz[1])}: the last {HORIZON_YEARS} "
                f"years up to {now_label} (HORIZON_YEARS)"]
    cons: list[_C] = []
    for reason, ivs in extra:
        cons.append(_C(99, -1, reason, None, reason, ivs))
    um = _url_month(article.url)
    if um:
        cons.append(_C(_W_WEEKDAY_DATE, -1, article.url or "", None,
                       "the URL path gives the month", [um]))
    if refs is None:
        refs = _refs(article) + _dateparser_refs(article.text or "", article.lang)
    readings = _year_readings(refs)
    for r in refs:
        reading = readings.get(id(r))
        if reading is not None:
            evidence.append(reading[1])
            if reading[0] is None:
                continue
            r = replace(r, future=reading[0] == "future", past=reading[0] == "past",
                        open=reading[0] == "both")
        c = _ref_constraint(r, hz)
        if c is not None:
            cons.append(c)
    cons.extend(_anchor_constraints(article.text or ""))
    cons.extend(_event_constraints(article, refs, options))
    cons.sort(key=lambda c: (-c.weight, c.pos))
    current = [hz]
    used = 0
    for weight in sorted({c.weight for c in cons}, reverse=True):
        group = [c for c in cons if c.weight == weight]
        chosen = _most_supported(current, group)
        running = current
        for c in group:
            label = c.text if c.span is None and c.weight == 99 else c.label()
            inter = _intersect(chosen, c.allowed) if chosen else []
            if not inter:
                evidence.append(f"ignored {label}: {c.why}; contradicts the stronger evidence "
                                "above or most of the evidence of the same strength")
                continue
            used += 1
            if inter != chosen:
                evidence.append(f"{label}: {c.why}; as well supported as evidence against it, "
                                f"so both are kept → {_describe(chosen)}")
                continue
            running = _intersect(running, c.allowed)
            evidence.append(f"{label} → {_describe(running)}" if c.weight == 99
                            else f"{label}: {c.why} → {_describe(running)}")
        if chosen:
            current = chosen
    if not used:
        return [], evidence + ["no date evidence in the text beyond the horizon"]
    if len(current) > 1:
        evidence.append(f"{len(current)} candidate windows remain: {_describe(current, 8)}")
    return current, evidence


def _year_readings(refs: list[Ref]) -> dict[int, tuple[str | None, str]]:
    """One year, one direction. A year (or a month of it) written in a past-tense clause
    in one place and in a future one in another is, far more often than not, past (the
    future cue belonged to another verb: "could also be closer than Romney's win in
    2012"): its future readings are set aside. A year read as future somewhere and never
    as past is not taken as past where no tense cue was found. Returns, for the refs to
    change, (new direction or None to drop, evidence line)."""
    by_year: dict[int, list[Ref]] = {}
    for r in refs:
        if r.fixed and r.fixed[1] - r.fixed[0] >= 27 and r.note != "dateline":
            by_year.setdefault(date.fromordinal(r.fixed[0]).year, []).append(r)
    out: dict[int, tuple[str | None, str]] = {}
    for year, rs in by_year.items():
        past = [r for r in rs if r.past]
        future = [r for r in rs if r.future]
        if past and future:
            for r in future:
                out[id(r)] = (None, f"set aside '{r.text}' (chars {r.start}-{r.end}): a future "
                              f"context, but {year} is written in a past-tense clause too "
                              f"('{past[0].text}', chars {past[0].start}-{past[0].end})")
        elif future:
            for r in rs:
                if not r.future and not r.open:
                    out[id(r)] = ("both", f"'{r.text}' (chars {r.start}-{r.end}): no tense "
                                  f"cue, and {year} is written in a future context elsewhere: "
                                  "direction left open")
    return out


def _most_supported(current: list[tuple[int, int]], group: list[_C]) -> list[tuple[int, int]]:
    """The days of ``current`` allowed by the largest number of the constraints of one
    strength (empty when each contradicts ``current``). Evidence of equal strength votes:
    one misread expression ("in 2020" read as past) does not override several that agree;
    a tie keeps every side."""
    points: dict[int, int] = {}
    for c in group:
        for a, b in _intersect(current, c.allowed):
            points[a] = points.get(a, 0) + 1
            points[b + 1] = points.get(b + 1, 0) - 1
    best, out, count, start = 0, [], 0, None
    for x in sorted(points):
        if start is not None and count == best:
            out.append((start, x - 1))
        count += points[x]
        if count > best:
            best, out = count, []
        start = x
    return _norm(out) if best else []


def _check_published(pub: Published | None, raw: str, source: str | None, now: date, now_label: str
                     ) -> str | None:
    if pub is None:
        return (f"rejected published {short(raw)!r} ({source or 'metadata'}): not a date (a year, YYYY-MM, a day, "
                "a date-time, or a written date with its year)")
    if pub.earliest.toordinal() > now.toordinal() + FUTURE_TOLERANCE_DAYS:
        return (f"rejected published {pub.value} ({source}): after {now_label} {now.isoformat()} "
                "(a date in the future)")
    if pub.latest < EARLIEST_PLAUSIBLE:
        return (f"rejected published {pub.value} ({source}): before {EARLIEST_PLAUSIBLE.isoformat()}, "
                "usually a parser default (EARLIEST_PLAUSIBLE)")
    return None


def _publication(article: Article, now: date, now_label: str, notes: list[str]
                 ) -> tuple[Published | None, str | None]:
    """The article's publication date at its precision (metadata, else the URL) and its
    source; rejected values are explained in ``notes``."""
    if article.published:
        pub = parse_published(article.published)
        reason = _check_published(pub, article.published, article.published_source, now, now_label)
        if reason is None:
            return pub, article.published_source
        notes.append(reason)
    from_url = publication_from_url(article.url)
    if from_url:
        pub = parse_published(from_url)
        reason = _check_published(pub, from_url, "url", now, now_label)
        if reason is None:
            return pub, "url"
        notes.append(reason)
    return None, None


def annotate(article: Article, options: Any = None,
             extra: Iterable[tuple[str, list[tuple[int, int]]]] = ()) -> Article:
    """The dates stage: validate the publication date (or take it from the URL), find
    temporal expressions, infer a publication range when there is no date, resolve the
    expressions and date the quotes. A publication date at a coarser precision than a
    day (a year, a month) is kept as written and gives the range it covers, narrowed by
    the text's own evidence when that falls inside it. Pure: returns a new Article."""
    now, now_label = _reference_now(article, options)
    notes: list[str] = []
    refs = _refs(article) + _dateparser_refs(article.text or "", article.lang)
    pub, source = _publication(article, now, now_label, notes)
    published = pub.value if pub is not None else None
    if pub is not None:
        lo = pub.earliest.toordinal()
        hi = max(lo, min(pub.latest.toordinal(), now.toordinal() + FUTURE_TOLERANCE_DAYS))
        windows = [(lo, hi)]
        label = pub.value if lo == hi else f"{pub.value} (a {pub.precision}: {_iso(lo)}..{_iso(hi)})"
        evidence = notes + [f"published {label} from {source or 'metadata'}"]
        text_windows, text_evidence = candidate_windows(article, options, refs=refs)
        inside = _intersect(windows, text_windows) if text_windows else []
        if text_windows and not inside:
            evidence.append(f"note: the text's own date evidence points to {_describe(text_windows)}")
        elif lo != hi and inside and inside != windows:
            windows = inside
            evidence.append(f"within it, the text's own date evidence allows {_describe(inside)}:")
            evidence += text_evidence
        rng = DateRange(_iso(windows[0][0]), _iso(windows[-1][1]), evidence)
        basis = f"the publication date {label}"
    else:
        windows, evidence = candidate_windows(article, options, extra, refs=refs)
        if windows:
            rng = DateRange(_iso(windows[0][0]), _iso(windows[-1][1]), notes + evidence)
            basis = f"the inferred publication range {rng.earliest}..{rng.latest}"
        else:
            rng = DateRange(None, None, notes + evidence)
            basis = "no publication date"
    times = []
    for r in refs:
        lo, hi = _resolve(r, windows)
        times.append(TimeExpr(start=r.start, end=r.end, text=r.text, kind=r.kind,
                              earliest=_iso(lo) if lo is not None else None,
                              latest=_iso(hi) if hi is not None else None,
                              method=_method(r)))
    quotes = []
    for q in article.quotes:
        said = _said_on(article, q, times, basis)
        quotes.append(replace(q, said_on=said) if said is not None else q)
    return replace(article, published=published, published_source=source,
                   published_range=rng, times=times, quotes=quotes)


# --------------------------------------------------------------------- corpus stage
#
# ``update`` narrows an undated article's range with the dates of its story-mates. It is
# idempotent and order-independent: the article's own dates (what ``annotate`` gave it) are
# kept in ``dates_own`` the first time they are refined, every call recomputes the result
# from them and from the mates' own dates (never from refined ones), and the stories stage
# reads the own dates (``own_dates``), so no stage feeds on its own output.

MIGRATIONS = [
    (
        "dates_001_own",
        """
        CREATE TABLE dates_own (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            own TEXT NOT NULL
        );
        """,
    ),
    (
        # what an undated article's story-mates gave ``update`` the last time it dated the
        # article: the next call skips it while that context is the same
        "dates_002_context",
        """
        CREATE TABLE dates_context (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            context TEXT NOT NULL
        );
        """,
    ),
]


def _own_json(a: Article) -> str:
    import json
    rng = a.published_range
    return json.dumps({
        "range": None if rng is None else [rng.earliest, rng.latest, rng.evidence],
        "times": [[t.earliest, t.latest] for t in a.times],
        "said_on": [None if q.said_on is None else [q.said_on.earliest, q.said_on.latest, q.said_on.evidence]
                    for q in a.quotes]}, ensure_ascii=False)


def own_dates(store, a: Article) -> Article:
    """The article as the per-article stage dated it (undoing ``update``'s refinement)."""
    import json
    if not store.has_table("dates_own"):
        return a
    row = store.conn.execute("SELECT own FROM dates_own WHERE article_id = ?", (a.id,)).fetchone()
    if row is None:
        return a
    own = json.loads(row[0])
    rng = None if own["range"] is None else DateRange(*own["range"])
    times = [replace(t, earliest=o[0], latest=o[1]) for t, o in zip(a.times, own["times"])]
    times += a.times[len(times):]
    quotes = [replace(q, said_on=None if o is None else DateRange(*o)) for q, o in zip(a.quotes, own["said_on"])]
    quotes += a.quotes[len(quotes):]
    return replace(a, published_range=rng, times=times, quotes=quotes)


def own_range(store, article_id: str) -> tuple[str | None, str | None] | None:
    """(earliest, latest) of the article's own range when ``update`` refined it, else None."""
    import json
    if not store.has_table("dates_own"):
        return None
    row = store.conn.execute("SELECT own FROM dates_own WHERE article_id = ?", (article_id,)).fetchone()
    rng = json.loads(row[0])["range"] if row else None
    return None if rng is None else (rng[0], rng[1])


def _story_members(store, ids: list[str]) -> dict[str, list[str]]:
    """The members (sorted) of every story holding one of the articles, each story read
    once however many of its articles are listed."""
    from .store import select_in

    if not ids or not store.has_table("story_articles"):
        return {}
    sids = sorted({r[0] for r in select_in(
        store.conn, "SELECT story_id FROM story_articles WHERE article_id IN", ids)})
    members: dict[str, list[str]] = {}
    for r in select_in(store.conn, "SELECT story_id, article_id FROM story_articles WHERE story_id IN", sids):
        members.setdefault(r[0], []).append(r[1])
    for ms in members.values():
        ms.sort()
    return members


def _own_spans(store, ids: list[str]) -> dict[str, tuple[int, int] | None]:
    """``_own_span`` of many articles from their rows alone (published, else the article's
    own range: ``dates_own`` when ``update`` refined it, else the stored one)."""
    import json

    from .store import select_in

    own: dict[str, Any] = {}
    if ids and store.has_table("dates_own"):
        own = {r[0]: json.loads(r[1]) for r in select_in(
            store.conn, "SELECT article_id, own FROM dates_own WHERE article_id IN", ids)}
    out: dict[str, tuple[int, int] | None] = {}
    for r in select_in(store.conn, "SELECT id, published, range_earliest, range_latest FROM articles WHERE id IN",
                       ids):
        aid, published, lo_s, hi_s = r[0], r[1], r[2], r[3]
        if published:
            d = _parse_day(published)
            out[aid] = (d.toordinal(), d.toordinal()) if d else None
            continue
        if aid in own:
            rng = own[aid]["range"]
            lo_s, hi_s = (None, None) if rng is None else (rng[0], rng[1])
        lo, hi = _parse_day(lo_s), _parse_day(hi_s)
        out[aid] = (lo.toordinal(), hi.toordinal()) if lo and hi else None
    return out


def _near(anchors: list[tuple[str, str, int, int]]) -> list[tuple[int, int]]:
    """The days within ``STORY_SPREAD_DAYS`` of the dated mates."""
    return _norm((lo - STORY_SPREAD_DAYS, hi + STORY_SPREAD_DAYS) for *_x, lo, hi in anchors)


def update(store, changed: list[str], options: Any = None) -> dict[str, int]:
    """Let story-mates choose between the candidate years an undated article's text
    leaves open: keep the windows within `STORY_SPREAD_DAYS` of a mate that is dated to
    within `STORY_ANCHOR_MAX_DAYS` (by its own dates). Cost: the changed articles, and the
    undated story-mates whose context (`_context`) changed; a story's members and their own
    spans are read once per call, from their rows. Story first/last seen days are then
    re-read (``stories.refresh_spans``)."""
    from .store import select_in

    changed_ids = sorted(set(changed))
    changed_set = set(changed_ids)
    members = _story_members(store, changed_ids)
    affected = set(changed_ids)
    story_of: dict[str, str] = {}
    for sid, ms in sorted(members.items()):
        affected.update(ms)
        for m in ms:
            story_of[m] = sid
    ordered = sorted(affected)
    undated = [r[0] for r in select_in(store.conn, "SELECT id, published FROM articles WHERE id IN", ordered)
               if not r[1]]
    # An undated article's result is a function of its own dates, the options and what its
    # story gives it (the story, its dated mates' spans: `_context`). A mate that is not
    # itself changed is dated again only when that context differs from the one stored
    # when it was last dated (``dates_context``), so adding articles to a large story costs
    # the new articles, not the story's size; the result is the same as dating every mate.
    contexts = dict(select_in(store.conn, "SELECT article_id, context FROM dates_context WHERE article_id IN",
                              sorted(a for a in undated if a not in changed_set)))
    # each story's dated mates, from their own spans, once per story
    story_anchors: dict[str, tuple[list[tuple[str, str, int, int]], list[tuple[int, int]], set[str], str]] = {}
    refined = 0
    written: list[str] = []
    dated: list[tuple[str, str]] = []
    for aid in sorted(undated):
        sid = story_of.get(aid)
        anchors: list[tuple[str, str, int, int]] = []
        near: list[tuple[int, int]] = []
        if sid is not None:
            if sid not in story_anchors:
                spans = _own_spans(store, members[sid])
                got = [(sid, m, sp[0], sp[1]) for m in members[sid]
                       if (sp := spans.get(m)) and sp[1] - sp[0] <= STORY_ANCHOR_MAX_DAYS]
                near_all = _near(got)
                story_anchors[sid] = (got, near_all, {x[1] for x in got}, _context(sid, got, near_all, options))
            anchors, near, anchor_ids, ctx = story_anchors[sid]
            if aid in anchor_ids:  # an undated article with a narrow range of its own
                anchors = [x for x in anchors if x[1] != aid]
                near = _near(anchors)
                ctx = _context(sid, anchors, near, options)
        else:
            ctx = _context(None, [], [], options)
        if aid not in changed_set and contexts.get(aid) == ctx:
            continue  # dated from this very context before, and unchanged since
        stored = store.get_article(aid)
        if stored is None:
            continue
        art = own_dates(store, stored)
        target = art
        windows: list[tuple[int, int]] = []
        if anchors:  # the text's own windows only matter when story-mates can choose among them
            windows, _ev = candidate_windows(art, options)
        if len(windows) < 2:
            anchors = []
        if anchors:
            keep = [w for w in windows if _intersect([w], near)]
            if keep and keep != windows:
                names = ", ".join(f"{m} ({_iso(lo)}..{_iso(hi)})" for _s, m, lo, hi in anchors[:5])
                reason = (f"story {anchors[0][0]}: articles of one story appear within "
                          f"{STORY_SPREAD_DAYS} days of one another (STORY_SPREAD_DAYS); dated "
                          f"story-mates {names} select {_describe(keep)} among the text's candidates")
                target = annotate(art, options, extra=[(reason, [(keep[0][0], keep[-1][1])])])
        if _own_json(target) != _own_json(stored):
            _write_dates(store, target, own=None if target is art else _own_json(art))
            refined += target is not art
            written.append(aid)
        dated.append((aid, ctx))
    # Spans of every affected story, not only of articles written now: a killed earlier
    # call may have written dates and died before refreshing (refresh writes only changes).
    # The contexts are written after the dates: a killed call leaves none without them.
    if affected:
        from .stories import refresh_spans
        with store.transaction() as c:
            refresh_spans(store, ordered)
            c.executemany("INSERT OR REPLACE INTO dates_context(article_id, context) VALUES (?, ?)", dated)
    return {"dates_refined": refined, "dates_restored": len(written) - refined}


def _context(sid: str | None, anchors: list[tuple[str, str, int, int]], near: list[tuple[int, int]],
             options: Any) -> str:
    """What ``update``'s result for an undated article depends on besides the article: its
    story, the story-mates that anchor it (the first five are named in the evidence), the
    days they allow, and the options that set the reference day and the events."""
    import hashlib
    import json
    now = getattr(options, "now", None) if options is not None else None
    return hashlib.sha1(json.dumps([sid, anchors[:5], near, now, None if now else date.today().isoformat(),
                                    getattr(options, "events", None)]).encode()).hexdigest()


def _write_dates(store, a: Article, own: str | None) -> None:
    """Write an article's dates; ``own``: its own dates to keep (None: ``a`` is its own)."""
    import json
    rng = a.published_range
    with store.transaction() as c:
        if own is None:
            c.execute("DELETE FROM dates_own WHERE article_id = ?", (a.id,))
        else:
            c.execute("INSERT INTO dates_own(article_id, own) VALUES (?, ?) ON CONFLICT(article_id) DO NOTHING",
                      (a.id, own))
        c.execute("UPDATE articles SET range_earliest = ?, range_latest = ?, range_evidence = ? "
                  "WHERE id = ?", (rng.earliest if rng else None, rng.latest if rng else None,
                                   json.dumps(rng.evidence if rng else [], ensure_ascii=False),
                                   a.id))
        for i, t in enumerate(a.times):
            c.execute('UPDATE times SET earliest = ?, latest = ? WHERE article_id = ? AND idx = ?',
                      (t.earliest, t.latest, a.id, i))
        for i, q in enumerate(a.quotes):
            s = q.said_on
            c.execute("UPDATE quotes SET said_on_earliest = ?, said_on_latest = ?, "
                      "said_on_evidence = ? WHERE article_id = ? AND idx = ?",
                      (s.earliest if s else None, s.latest if s else None,
                       json.dumps(s.evidence, ensure_ascii=False) if s else None, a.id, i))
