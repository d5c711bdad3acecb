"""Internal: text shown to a person (web pages, the HTML report, CLI tables) is hostile
input. Bidirectional controls (U+202A-U+202E embeddings and overrides, U+2066-U+2069
isolates) reorder what follows them: a right-to-left override turns "evil‮txt.exe" into
something that reads "evilexe.txt". `neutral` removes them for display (the stored text
and the exports keep every character, and every offset stays valid, since display never
feeds back into spans). Pages also mark such text ``dir="auto"`` (or ``<bdi>``) so that
Arabic or Hebrew keeps its direction without the controls. Zero-width joiners and
non-joiners are kept: Persian and Indic scripts need them."""
from __future__ import annotations

import re

__all__ = ["BIDI_CONTROLS", "neutral"]

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def neutral(s: str) -> str:
    """``s`` without bidirectional embedding, override and isolate controls."""
    return _BIDI.sub("", s) if s else s
