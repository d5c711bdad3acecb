"""Internal: the article text as HTML with its annotation spans highlighted.

The HTML is built by escaping every text segment between span boundaries; the text is
never inserted raw. Spans may nest (a mention inside a quote) or cross (a source span that
starts inside a quote and ends after it): crossing spans are split into pieces, and only
the first piece carries the ``span-{start}-{end}`` anchor that evidence links point to.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from .._display import neutral

__all__ = ["Mark", "render"]

# Outer kinds first when two spans have the same bounds.
_ORDER = {"hl": 0, "quote": 1, "source": 2, "time": 3, "speaker": 4, "cue": 5, "channel": 6, "mention": 7}


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    kind: str  # quote, source, time, speaker, cue, channel, mention, hl
    cls: str = ""
    title: str = ""
    href: str | None = None


def _open(m: Mark, tag: str, anchor: bool) -> str:
    parts = [f'<{tag} class="{escape(("hl-" + m.kind + " " + m.cls).strip())}"']
    if anchor:
        parts.append(f' id="span-{int(m.start)}-{int(m.end)}"')
    if tag == "a" and m.href:
        parts.append(f' href="{escape(m.href)}"')
    if m.title:
        parts.append(f' title="{escape(m.title)}"')
    parts.append(">")
    return "".join(parts)


def render(text: str, marks: list[Mark]) -> Markup:
    """``text`` as escaped HTML with each mark wrapped in an element (``<a>`` for marks
    with an ``href`` that are not inside another link, ``<span>`` otherwise)."""
    n = len(text)
    ms = [m for m in marks if isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start < m.end <= n]
    ms.sort(key=lambda m: (m.start, -m.end, _ORDER.get(m.kind, 9)))
    starts: dict[int, list[Mark]] = defaultdict(list)
    for m in ms:
        starts[m.start].append(m)
    points = sorted({0, n} | {m.start for m in ms} | {m.end for m in ms})
    out: list[str] = []
    stack: list[tuple[Mark, str]] = []
    anchored: set[tuple[int, int]] = set()

    def tag_for(m: Mark) -> str:
        return "a" if m.href and not any(t == "a" for _, t in stack) else "span"

    for i, p in enumerate(points):
        if any(m.end == p for m, _ in stack):
            reopen: list[Mark] = []
            while any(m.end == p for m, _ in stack):
                m, tag = stack.pop()
                out.append(f"</{tag}>")
                if m.end > p:
                    reopen.append(m)
            for m in reversed(reopen):
                tag = tag_for(m)
                out.append(_open(m, tag, False))
                stack.append((m, tag))
        for m in starts.get(p, ()):
            key = (m.start, m.end)
            tag = tag_for(m)
            out.append(_open(m, tag, key not in anchored))
            anchored.add(key)
            stack.append((m, tag))
        if i + 1 < len(points):
            out.append(str(escape(neutral(text[p:points[i + 1]]))))
    while stack:
        out.append(f"</{stack.pop()[1]}>")
    return Markup("".join(out))
