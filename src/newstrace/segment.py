"""Sentence segmentation with pysbd, paragraph by paragraph, in the paragraph's language
(pysbd has rules for en, fr, es, de, ar and about twenty more; other languages use the
English rules). Offsets are exact: every sentence is a slice of ``Article.text``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import resources
from .records import Article, Span

if TYPE_CHECKING:
    from .pipeline import PipelineOptions

__all__ = ["segment", "split_sentences"]

_PYSBD_LANGS = {"en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl", "fa",
                "nl", "da", "fr", "my", "el", "it", "ja", "de", "kk", "sk"}


# pysbd passes its rules to ``re`` as strings, call after call, about a thousand distinct
# patterns over the news languages: with ``re``'s default cache of 512 they are compiled
# again and again (a quarter of the stage). A larger cache keeps them compiled.
REGEX_CACHE = 4096


def _segmenter(lang: str):
    import pysbd

    if getattr(re, "_MAXCACHE", REGEX_CACHE) < REGEX_CACHE:
        re._MAXCACHE = REGEX_CACHE  # type: ignore[attr-defined]
    return pysbd.Segmenter(language=lang, clean=False, char_span=False)


def _pysbd_sentences(seg, text: str) -> list[str]:
    """``seg.segment(text)`` (clean=False, char_span=False) without its last step's cost:
    pysbd maps each sentence back to the text with a regex built from that sentence
    (the escaped sentence then any whitespace, searched over the whole text), one compilation per
    sentence that also evicts pysbd's own rule patterns from ``re``'s cache. The same
    mapping with ``str.find``: the first occurrence, whitespace after it included, that
    ends after the previous sentence; occurrences are scanned as ``re.finditer`` scans
    them (the next search starts where a rejected match ends)."""
    if getattr(seg, "clean", True) or getattr(seg, "doc_type", None) == "pdf" or not hasattr(seg, "processor"):
        return seg.segment(text)
    if not text:
        return []
    out: list[str] = []
    prior = 0
    n = len(text)
    for sent in seg.processor(text).process():
        if not sent:  # an empty pattern matches everywhere: pysbd's own mapping
            for m in re.finditer(r"\s*", text):
                if m.end() > prior:
                    out.append(m.group())
                    prior = m.end()
                    break
            continue
        pos = 0
        while True:
            i = text.find(sent, pos)
            if i < 0:
                break
            j = i + len(sent)
            while j < n and text[j].isspace():  # re's \s on str patterns is str.isspace
                j += 1
            if j > prior:
                out.append(text[i:j])
                prior = j
                break
            pos = j
    return out


def split_sentences(text: str, lang: str | None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``; whitespace between sentences excluded."""
    if not text.strip():
        return []
    code = lang if lang in _PYSBD_LANGS else "en"
    seg = resources.get(f"pysbd:{code}", lambda: _segmenter(code))
    out: list[tuple[int, int]] = []
    pos = 0
    for sent in _pysbd_sentences(seg, text):
        s = sent.strip()
        if not s:
            continue
        start = text.find(s, pos)
        if start < 0:  # pysbd altered the text; fall back to a regex split of the rest
            break
        end = start + len(s)
        out.append((start, end))
        pos = end
    if pos < len(text.rstrip()):
        rest = text[pos:]
        for m in re.finditer(r"\S.*?(?:[.!?…]+[\"”»’)]*(?=\s)|$)", rest, re.S):
            if m.group().strip():
                out.append((pos + m.start(), pos + m.start() + len(m.group().rstrip())))
    return _merge_abbreviations(text, out)


# Titles and abbreviations before a name: a sentence never ends on one of these.
_ABBREV = re.compile(
    r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Capt|Sgt|Gov|Sen|Rep|St|Jr|Sr|Sra|Srta|Dra|Ing|Lic|"
    r"Hr|Fr|Mme|Mlle|Me|Pr|M|MM|Gén|Col|Cdt|Cap|Dott|Sig|Sig\.ra|No|Nr|vol|art|Abs|ca|bzw|z\.B|u\.a|"
    r"[A-Z\u00C0-\u00DE])\.$"
)


def _merge_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _ABBREV.search(text[out[-1][0]:out[-1][1]]) and text[out[-1][1]:s].strip() == "":
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def segment(article: Article, options: "PipelineOptions") -> Article:
    sents: list[Span] = []
    text = article.text
    paragraphs = article.paragraphs or []
    if not paragraphs:
        from .records import Paragraph

        paragraphs = [Paragraph(0, len(text), article.lang)]
    for p in paragraphs:
        block = text[p.start:p.end]
        for s, e in split_sentences(block, p.lang or article.lang):
            sents.append(Span(p.start + s, p.start + e, text[p.start + s:p.start + e]))
    article.sentences = sents
    return article
