"""Typed records passed between pipeline stages.

Every annotation is a character span (``start``/``end``) into ``Article.text``, the
clean text. Records are plain ``@dataclass(slots=True)`` objects with ``as_dict`` and
``from_dict``; dicts exist only at the storage and export boundaries.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

__all__ = [
    "Article",
    "DateRange",
    "Mention",
    "Paragraph",
    "QUOTE_ACTS",
    "Quote",
    "SourceLink",
    "Span",
    "TimeExpr",
]


#: What a statement (`Quote.act`) reports: a speech or thought act, or a stance.
QUOTE_ACTS = ("say", "stance")


class _Record:
    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True)
class Span(_Record):
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Paragraph(_Record):
    """A paragraph of the clean text and its language (may differ from the article's)."""

    start: int
    end: int
    lang: str | None = None


@dataclass(slots=True)
class Mention(_Record):
    """A name in the text. ``detector`` says what found it (``spacy:en_core_web_sm``,
    ``rules:caps``, ``rules:acronym``, ``gazetteer`` ...). ``local_id`` groups mentions of
    one entity inside the article; ``actor_id`` is set by cross-article resolution."""

    start: int
    end: int
    text: str
    type: str  # PER, ORG, LOC, MISC
    detector: str = ""
    local_id: int | None = None
    actor_id: str | None = None


@dataclass(slots=True)
class TimeExpr(_Record):
    """A temporal expression and the dates it can denote (ISO ``YYYY-MM-DD``; a range when
    the text is vague). ``kind``: absolute, weekday_date, month_day, relative, vague."""

    start: int
    end: int
    text: str
    kind: str
    earliest: str | None = None
    latest: str | None = None
    method: str = ""


@dataclass(slots=True)
class DateRange(_Record):
    earliest: str | None
    latest: str | None
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quote(_Record):
    """A direct or indirect statement. Speaker and channel are kept as text with spans
    and, once actors are resolved, as actor ids. ``act`` says which act it reports:
    ``"say"`` a speech or thought act (said, announced, believes: what quotes, channels and
    "who quoted whom" count), ``"stance"`` a position the speaker holds or takes ("the party
    opposes the deal", "X backed the bill": the speaker is the holder, the content the
    position's object; no quote, no channel)."""

    start: int
    end: int
    text: str
    direct: bool = True
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_actor: str | None = None
    speaker_kind: str | None = None  # name, pronoun, role, institution, anonymous
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    channel: str | None = None
    channel_start: int | None = None
    channel_end: int | None = None
    channel_actor: str | None = None
    anonymous: bool = False
    said_on: DateRange | None = None
    method: str = ""
    act: str = "say"  # one of QUOTE_ACTS

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quote":
        data = dict(data)
        if data.get("act") is None:
            data.pop("act", None)  # written before acts were recorded: a speech act
        if isinstance(data.get("said_on"), dict):
            data["said_on"] = DateRange.from_dict(data["said_on"])
        return super(Quote, cls).from_dict(data)


@dataclass(slots=True)
class SourceLink(_Record):
    """This article cites an outlet or actor. ``kind``: quote, report, interview, copy."""

    cites: str
    kind: str
    start: int
    end: int
    text: str
    cites_actor: str | None = None
    anonymous: bool = False


@dataclass(slots=True)
class Article(_Record):
    id: str
    text: str
    title: str | None = None
    source: str | None = None  # file path or URL it was read from
    url: str | None = None
    outlet: str | None = None
    outlet_source: str | None = None  # metadata, url, title_suffix, dateline
    lang: str | None = None
    lang_method: str | None = None
    published: str | None = None  # ISO date
    published_source: str | None = None
    published_range: DateRange | None = None
    raw_text: str = ""
    boilerplate: list[str] = field(default_factory=list)
    content_hash: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[SourceLink] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        data = dict(data)
        nested = {
            "paragraphs": Paragraph,
            "sentences": Span,
            "mentions": Mention,
            "quotes": Quote,
            "sources": SourceLink,
            "times": TimeExpr,
        }
        for key, rec in nested.items():
            if key in data and data[key] is not None:
                data[key] = [x if isinstance(x, rec) else rec.from_dict(x) for x in data[key]]
        if isinstance(data.get("published_range"), dict):
            data["published_range"] = DateRange.from_dict(data["published_range"])
        return super(Article, cls).from_dict(data)
