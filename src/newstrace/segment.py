"""Sentence segmentation with pysbd, paragraph by paragraph, in the paragraph's language
(pysbd has rules for en, fr, es, de, ar and about twenty more; other languages use the
English rules), then a sentence glued to the one before with no space after its stop
('bekanntgeben.Der Abschluss') is split off. Offsets are exact: every sentence is a slice of
``Article.text``.
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
    return _split_glued(text, _merge_abbreviations(text, out), code)


# 'bekanntgeben.Der Abschluss', 'belirtti.Cem Bozdemir', 'المخدرات.الحكم': scraped and
# machine-translated news glues a sentence to the one before, no space after the stop, and
# pysbd keeps both in one sentence. A word of two letters or more (not after a dot, '@', '/'
# or ':', as in 'www.example.Com'), one stop, then a word.
_GLUED = re.compile(r"(?<![\w.@/\\:])([^\W\d_]{2,})([.!?\u061f])(?=([^\W\d_])([^\W\d_]*)(.?))")
# 'example.Com', 'site.Org/news': a domain name, not two sentences.
_GLUED_NUMBER = re.compile(r"(?<![\w.,])\d+([.!?\u061f])(?=([^\W\d_])[^\W\d_])")
_TLDS = frozenset({"com", "org", "net", "edu", "gov", "info", "io", "co", "biz"})


def _uncased_letter(ch: str) -> bool:
    # Arabic, Hebrew, Persian...: a letter without case, outside the CJK scripts (no spaces there)
    return ch.isalpha() and not ch.islower() and not ch.isupper() and ord(ch) < 0x2E80


def _abbreviations(code: str) -> frozenset[str]:
    def load() -> frozenset[str]:
        from pysbd.languages import Language

        try:
            abbr = Language.get_language_code(code).Abbreviation.ABBREVIATIONS
        except (ValueError, AttributeError):
            return frozenset()
        return frozenset(a.lower() for a in abbr)

    return resources.get(f"pysbd-abbr:{code}", load)


def _glued_starts(text: str, start: int, end: int, code: str) -> list[int]:
    """Where a glued sentence begins inside ``text[start:end]``: after '[.!?]' directly
    followed by a capital that starts a word, the word before in lower case or capitalised
    (three letters or more: 'am Montag.Die', 'in India.The'), and not one of pysbd's
    abbreviations for the language nor a title ('Prof.', 'Gen.'); in a caseless script
    (Arabic): a letter on both sides. Not a camel-case name ('BioNTech.', 'Node.js'), an
    initial ('J.R.'), a decimal, an ellipsis or a domain name ('example.Com')."""
    out = []
    for m in _GLUED.finditer(text, start, end):
        word, _stop, first, rest, after = m.groups()
        if (word.islower() or (len(word) >= 3 and word[0].isupper() and word[1:].islower())) \
                and first.isupper():
            if word.lower() in _abbreviations(code) or _ABBREV.search(" " + word + "."):
                continue
            if not (rest == "" or rest.islower() or rest.isupper()):
                continue  # a word in mixed case after the stop ('file.JavaScript'): a name or code
            if (first + rest).lower() in _TLDS and not after.isalnum():
                continue
        elif not (_uncased_letter(word[-1]) and _uncased_letter(first)):
            continue
        out.append(m.end(2))
    # 'بلغ 2020.وقال': in a caseless script a number before the stop ends a sentence too (a
    # decimal has a digit after the stop)
    out.extend(m.end(1) for m in _GLUED_NUMBER.finditer(text, start, end) if _uncased_letter(m.group(2)))
    return sorted(out)


def _split_glued(text: str, spans: list[tuple[int, int]], code: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        for k in _glued_starts(text, s, e, code):
            if k < e:
                out.append((s, k))
                s = k
        out.append((s, e))
    return out


# Titles and abbreviations before a name: a sentence never ends on one of these.
_ABBREV = re.compile(
    r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Capt|Sgt|Gov|Sen|Rep|St|Jr|Sr|Sra|Srta|Dra|Ing|Lic|"
    r"Hr|Fr|Mme|Mlle|Me|Pr|M|MM|Gén|Col|Cdt|Cap|Dott|Sig|Sig\.ra|No|Nr|vol|art|Abs|ca|bzw|z\.B|u\.a|"
    r"[A-Z\u00C0-\u00DE])\.$"
)


# 'د.محمد', 'أ.د. علي': one letter of a caseless script and a stop, a word of its own, is an
# abbreviation (a title), not a sentence end; not the era letter after a year ('عام 2020 م.').
_CASELESS_INITIAL = re.compile(r"(?:^|(?<=[\s(.]))([^\W\d_])\.$")


def _caseless_initial(text: str, s: int, e: int) -> bool:
    m = _CASELESS_INITIAL.search(text, s, e)
    if m is None or not _uncased_letter(m.group(1)):
        return False
    before = text[s:m.start()].rstrip()
    return not before[-1:].isdigit()


def _merge_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and (_ABBREV.search(text[out[-1][0]:out[-1][1]]) or _caseless_initial(text, *out[-1])) \
                and text[out[-1][1]:s].strip() == "":
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
