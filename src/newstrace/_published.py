"""Internal: dates written at any precision, for an article's ``published`` value and
for the date filters of the CLI and the web app.

A publication date may be a year ("2021"), a month ("2021-03"), a day ("2021-03-05"), a
date-time with any timezone ("2021-03-05T10:00:00+02:00", "2021-03-05 10:00Z") or a
common written form ("5 March 2021", "Fri, 05 Mar 2021 10:00:00 GMT", "March 2021",
read by dateparser and only when a four-digit year is written, so that nothing depends
on the day the program runs). `parse_published` keeps the precision: the value at its
precision and the days it covers (``earliest..latest``)."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["Published", "date_bound", "parse_published", "published_day"]

#: Longer values are not dates (and are not given to dateparser).
MAX_DATE_CHARS = 64

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
_ISO_LIKE = re.compile(r"^\d{4}-\d")  # looks ISO: read as ISO or not at all
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


@dataclass(frozen=True, slots=True)
class Published:
    value: str  # ISO 8601 at its precision
    earliest: date
    latest: date
    precision: str  # year, month, day, datetime

    @property
    def exact(self) -> bool:
        """True when the value names one day."""
        return self.earliest == self.latest


def _month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _iso(value: str) -> Published | None:
    m = _YEAR.match(value)
    if m:
        y = int(m.group(1))
        return Published(value, date(y, 1, 1), date(y, 12, 31), "year") if y >= 1 else None
    m = _MONTH.match(value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if y >= 1 and 1 <= mo <= 12:
            lo, hi = _month(y, mo)
            return Published(f"{y:04d}-{mo:02d}", lo, hi, "month")
        return None
    m = _DAY.match(value)
    if m:
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return Published(d.isoformat(), d, d, "day")
    if _DATETIME.match(value):
        try:
            dt = datetime.fromisoformat(value.replace("z", "Z"))
        except ValueError:
            return None
        return Published(value, dt.date(), dt.date(), "datetime")
    return None


_PERIODS = {"year": "year", "month": "month", "week": "day", "day": "day", "time": "datetime"}


def _written(value: str) -> Published | None:
    """A written date through dateparser (absolute forms only, with a written year)."""
    if not _HAS_YEAR.search(value):
        return None
    try:
        from dateparser.date import DateDataParser

        parser = DateDataParser(settings={"PARSERS": ["custom-formats", "absolute-time"],
                                          "PREFER_DAY_OF_MONTH": "first",
                                          "RELATIVE_BASE": datetime(2000, 1, 1)})
        data = parser.get_date_data(value)
    except Exception:  # dateparser raises plain errors on odd input
        return None
    dt, period = data.date_obj, _PERIODS.get(data.period or "", "day")
    if dt is None or str(dt.year) not in value:
        return None
    d = dt.date()
    if period == "year":
        return Published(f"{d.year:04d}", date(d.year, 1, 1), date(d.year, 12, 31), "year")
    if period == "month":
        lo, hi = _month(d.year, d.month)
        return Published(f"{d.year:04d}-{d.month:02d}", lo, hi, "month")
    if period == "datetime":
        return Published(dt.isoformat(), d, d, "datetime")
    return Published(d.isoformat(), d, d, "day")


def parse_published(value: object) -> Published | None:
    """The date ``value`` names, at its precision, or None when it is not a date."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    if not v or len(v) > MAX_DATE_CHARS:
        return None
    return _iso(v) or (None if _ISO_LIKE.match(v) else _written(v))


def published_day(published: str | None, earliest: str | None = None) -> str | None:
    """The day (ISO) to sort or plot an article by: its publication day when that is
    exact, else the first day its date or range allows."""
    p = parse_published(published) if published else None
    if p is not None:
        return p.earliest.isoformat()
    return earliest


def date_bound(value: str, *, end: bool = False) -> str:
    """A date filter (``--since``, ``--until``, ``since=``): YYYY, YYYY-MM or YYYY-MM-DD
    (or a date-time), as the first day it covers (the last day with ``end``). Raises
    ValueError with a message for anything else."""
    p = _iso(value.strip()) if isinstance(value, str) and len(value) <= MAX_DATE_CHARS else None
    if p is None:
        shown = value if len(str(value)) <= 40 else str(value)[:40] + "…"
        raise ValueError(f"not a date: {shown!r}; write YYYY, YYYY-MM or YYYY-MM-DD")
    return (p.latest if end else p.earliest).isoformat()
