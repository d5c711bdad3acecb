"""Analyst-supplied event anchors: known events that date the articles naming them.

An undated article often names an event and says when it happened only relative to
publication: "the attack on the prison, which began on Thursday". Nothing in the text
gives the year; an analyst who follows the conflict knows the date. `newstrace analyze
--events FILE` takes that knowledge as data, so it is explicit, reviewable and cited in
the evidence of every range it narrows (newstrace ships no list of events: which events
matter depends on the corpus).

The file is YAML or JSON: a list of entries (or ``{"events": [...]}``)::

    - name: Prison attack in the north-east      # a label for the evidence
      terms: ["Hasakah prison", "Ghwayran prison", "سجن غويران"]
      date: 2022-01-20        # or start: ... and end: ... for an event of several days
      source: https://...     # optional, shown in the evidence

An article that names an event (any term, case-insensitive, as whole words) gets:

1. *after the start*: published on or after the event's first day, unless the clause
   of every mention points forward, read as for dates (`temporal.points_forward`: "will
   attend the summit", "is due to"...): then published on or before its last day (a
   preview);
2. *recent event*: when the sentence naming the event also holds a relative day
   expression (a bare weekday such as "on Thursday", "yesterday", "today", "last week"),
   that expression is taken to date the event, and publication follows from it: for a
   weekday W, the event days of weekday W, and publication 0-6 days after one of them.

Both are constraints among the others of `newstrace.dates`, with their evidence.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from . import resources
from .errors import NewstraceError
from .temporal import Ref, points_forward

__all__ = ["EventAnchor", "EventsFileError", "constraints", "load", "load_cached"]

#: A bare weekday that dates a recent event names a day 0-6 days before publication
#: ("on Thursday" in a Thursday article is the same day).
WEEKDAY_RECENT_DAYS = 6


class EventsFileError(NewstraceError):
    """The events file cannot be used; the message names the file, the entry and why."""


@dataclass(frozen=True, slots=True)
class EventAnchor:
    name: str
    terms: tuple[str, ...]
    start: date
    end: date
    source: str | None = None
    pattern: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # any term, case-insensitive, as whole words; compiled once per file load
        alts = "|".join(re.escape(t) for t in sorted(self.terms, key=len, reverse=True))
        object.__setattr__(self, "pattern", re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE))

    def label(self) -> str:
        when = self.start.isoformat() + ("" if self.end == self.start else f"..{self.end.isoformat()}")
        return f"event '{self.name}' ({when}{', ' + self.source if self.source else ''})"


def _day(value: Any, path: str, i: int, key: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise EventsFileError(f"{path}: entry {i}: {key} {value!r} is not a date "
                              "(write YYYY-MM-DD)") from None


def _entry(obj: Any, path: str, i: int) -> EventAnchor:
    if not isinstance(obj, dict):
        raise EventsFileError(f"{path}: entry {i} is not a mapping with name, terms and date")
    terms = obj.get("terms")
    if isinstance(terms, str):
        terms = [terms]
    if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
        raise EventsFileError(f"{path}: entry {i}: 'terms' must be a non-empty list of strings")
    if "date" in obj:
        start = end = _day(obj["date"], path, i, "date")
    elif "start" in obj:
        start = _day(obj["start"], path, i, "start")
        end = _day(obj.get("end", obj["start"]), path, i, "end")
    else:
        raise EventsFileError(f"{path}: entry {i}: give 'date' or 'start' (and 'end')")
    if end < start:
        raise EventsFileError(f"{path}: entry {i}: end {end} is before start {start}")
    name = str(obj.get("name") or terms[0])
    source = obj.get("source")
    return EventAnchor(name, tuple(t.strip() for t in terms), start, end,
                       str(source) if source else None)


def load(path: str | Path) -> list[EventAnchor]:
    """Read and check an events file (YAML or JSON). Raises `EventsFileError`."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as e:
        raise EventsFileError(f"{p}: cannot read the events file: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise EventsFileError(f"{p}: the events file is not UTF-8 text") from None
    import yaml

    try:
        data = json.loads(raw) if p.suffix.lower() == ".json" else yaml.safe_load(raw)
    except (ValueError, yaml.YAMLError) as e:
        raise EventsFileError(f"{p}: not valid {'JSON' if p.suffix.lower() == '.json' else 'YAML'}: "
                              f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    if isinstance(data, dict) and "events" in data:
        data = data["events"]
    if not isinstance(data, list):
        raise EventsFileError(f"{p}: expected a list of events (or a mapping with 'events')")
    return [_entry(obj, str(p), i) for i, obj in enumerate(data, 1)]


def load_cached(path: str | None) -> list[EventAnchor]:
    """`load`, once per path and process (the per-article stage calls this)."""
    if not path:
        return []
    return resources.get(f"events:{Path(path).resolve()}", lambda: load(path))


def _recent_days(ref: Ref, anchor: EventAnchor) -> list[tuple[int, int]] | None:
    """Publication days if ``ref`` dates the event, or None when it cannot."""
    if ref.fixed is not None or ref.yearly is not None:
        return None  # a full or month-day date dates itself; no event knowledge needed
    a, b = anchor.start.toordinal(), anchor.end.toordinal()
    if ref.weekday is not None and ref.rel is None:
        if ref.mod == "next" or ref.future:
            return None
        days = [d for d in range(a, b + 1) if date.fromordinal(d).weekday() == ref.weekday]
        return [(d, d + WEEKDAY_RECENT_DAYS) for d in days]
    if ref.rel is not None and ref.rel[0] == "day" and ref.rel[1] <= 0:
        return [(a - ref.rel[1], b - ref.rel[1])]
    if ref.rel is not None and ref.rel[0] == "week" and ref.rel[1] == -1:
        return [(a + 1, b + 13)]
    return None


def constraints(text: str, lang: str | None, refs: list[Ref], anchors: list[EventAnchor],
                sentence_of: Callable[[int], tuple[int, int]]
                ) -> list[tuple[str, int, str, tuple[int, int], str, list[tuple[int, int]]]]:
    """(kind, position, matched text, span, why, allowed ordinal windows) for each event
    the text names; kind is "recent" (strong: the event dated by a relative expression),
    or "after"/"before" (the event's start or end bounds publication)."""
    out = []
    for anchor in anchors:
        found = list(anchor.pattern.finditer(text))
        if not found:
            continue
        label = anchor.label()
        recent, coming = None, []
        for m in found:
            s_lo, s_hi = sentence_of(m.start())
            if recent is None:
                for ref in refs:
                    if s_lo <= ref.start < s_hi and (days := _recent_days(ref, anchor)):
                        recent = (m, ref, days)
                        break
            # its clause points forward: "will attend the summit"
            coming.append(points_forward(text, m.start(), m.end(), lang))
        if recent is not None:
            m, ref, days = recent
            out.append(("recent", m.start(), f"{m.group()} … {ref.text}",
                        (min(m.start(), ref.start), max(m.end(), ref.end)),
                        f"{label}, told as recent ('{ref.text}' in the same sentence): "
                        "published within days of it", days))
        m = found[0]
        if all(coming):
            out.append(("before", m.start(), m.group(), m.span(),
                        f"{label}, named only as coming: published on or before its end",
                        [(date.min.toordinal(), anchor.end.toordinal())]))
        else:
            m = found[coming.index(False)]
            out.append(("after", m.start(), m.group(), m.span(),
                        f"{label}, named as having happened: published on or after its start",
                        [(anchor.start.toordinal(), date.max.toordinal())]))
    return out
