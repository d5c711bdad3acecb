"""Words and lexical tables shared by the mentions stage and its helpers (internal).

`_words(text)` splits a text into (start, end, word) with elisions, possessives, final
dots and "X-linked" forms separated; `_is_cap`/`_is_arabic` test a word; `_inflected`
gives plural/singular forms; `_calendar_words` month and day names (CLDR); `Intervals`
answers overlap queries over spans by bisection.
"""
from __future__ import annotations

import bisect
import functools
import re

from . import resources

# word: letters/digits with inner apostrophes, hyphens and dots (U.S.)
_WORD_RE = re.compile(r"[^\W_](?:[\w’'\-.]*[^\W_])?")
_ELISION_RE = re.compile(r"^(?:[dlnsjcmtDLNSJCMT]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=\w)")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_SENT_END_RE = re.compile(r"[.!?…:]\s*$|^\s*$|[\n\r]\s*$|[“«\"]\s*$|^\W*$")
_NAME_PARTICLES = frozenset(
    "al el ul bin ben ibn bint ould abu abou umm "
    "de du da di dos das del della la le van von der den ten ter of".split()
)
_SAY_VERBS = frozenset("said says told added stated explained noted declared warned stressed".split())
_JOINERS = frozenset("of de du des la del della di da do dos das van von der den".split())

_STOP = frozenset(
    """a an the this that these those there then than it its he she they we you i his her
    their our my your in on at of for from by with to into and or but if when while as after
    before since during because although though however yet so also not no nor all some any
    each every both either neither more most other such what which who whom whose where why
    how here today yesterday tomorrow meanwhile elsewhere despite according under over
    le la les un une des du de d l et ou mais donc or ni car ce cet cette ces il elle ils
    elles on nous vous je tu son sa ses leur leurs selon dans sur sous avec pour par sans
    entre lors depuis après avant pendant quand comme si ainsi aussi alors puis enfin
    der die das ein eine und oder aber wenn als auch nicht im am zum zur
    el los las una unos y o pero si como también en con por para según
    il lo gli uno e ma se anche nel nella per con secondo
    laut nach bei über vor seit während wegen trotz durch für ohne gegen mit aus zu vom beim
    dem den des einer eines einem""".split()
)


def _is_stop(word: str) -> bool:
    """A function word of one of the languages in `_STOP`, unless written in capitals of
    three letters or more: an acronym then ("WHO" in Polish or English, "MIT" in any
    language but a shouted German line, which the callers read as shouting)."""
    return word.lower() in _STOP and not (len(word) >= 3 and word.isupper())


# -- tokens ------------------------------------------------------------------------------
def _words(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD_RE.finditer(text):
        s, e, w = m.start(), m.end(), m.group()
        el = _ELISION_RE.match(w)
        if el:
            out.append((s, s + el.end(), w[: el.end()]))
            s, w = s + el.end(), w[el.end():]
        pm = re.search(r"['’]s$", w)
        if pm and len(w) > 3:
            e -= 2
            w = w[:-2]
        w2 = w.rstrip(".")
        if w2 != w and not re.search(r"\.\w", w):  # keep U.S. but not a sentence-final dot
            e -= len(w) - len(w2)
            w = w2
        hy = _LINKED_RE.match(w)
        if hy and hy.group(1).lower() not in _PREFIXES:
            # "Zahristan-linked", "US-backed": the name part is a word of its own
            out.append((s, s + len(hy.group(1)), hy.group(1)))
            s, w = s + len(hy.group(1)) + 1, w[len(hy.group(1)) + 1:]
        if w:
            out.append((s, e, w))
    return out


_LINKED_RE = re.compile(r"^([^\W\d_][^\W_]*)-(?=[^\W\d_]*$)(?=[a-zà-ÿ]{3})")


@functools.lru_cache(maxsize=1 << 16)  # pure; called for every word, several times
def _is_cap(w: str) -> bool:
    if "-" in w and w.rsplit("-", 1)[1][:1].islower() and w.split("-", 1)[0].lower() not in _PREFIXES:
        return False  # Arabic-language, US-backed
    if w[:1].isupper():
        return True
    low = w.lower()
    for p in ("al-", "el-", "ad-", "ash-", "as-", "ar-", "at-", "az-", "an-", "ad-"):
        if low.startswith(p) and len(w) > len(p) and w[len(p)].isupper():
            return True
    return False


_PREFIXES = frozenset("al el ad ash as ar at az an".split())


_ARABIC_CHAR_RE = re.compile("[\u0600-\u06FF]")


def _is_arabic(w: str) -> bool:
    return _ARABIC_CHAR_RE.search(w) is not None



class Intervals:
    """Non-overlapping (start, end) intervals with an overlap test by bisection."""

    def __init__(self, spans) -> None:
        self.spans: list[tuple[int, int]] = sorted(spans)
        self.max_len = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect.bisect_left(self.spans, (s - self.max_len, -1))
        while k < len(self.spans) and self.spans[k][0] < e:
            if s < self.spans[k][1]:
                return True
            k += 1
        return False

    def add(self, s: int, e: int) -> None:
        bisect.insort(self.spans, (s, e))
        self.max_len = max(self.max_len, e - s)


def _calendar_words(lang: str) -> frozenset[str]:
    def load():
        from babel import Locale

        out = set()
        # Arabic month names differ by region (Levantine "آب" = August, Maghreb "غشت")
        regional = {"ar": ("ar_SY", "ar_IQ", "ar_MA", "ar_TN")}.get((lang or "").split("-")[0], ())
        for loc in sorted({"en", "fr", "de", "es", "it", "pt", lang or "en", *regional}):
            try:
                L = Locale.parse(loc)
            except Exception:
                continue
            for ctx in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    out |= {v.lower().strip(".") for v in L.days[ctx][width].values()}
                    out |= {v.lower().strip(".") for v in L.months[ctx][width].values()}
        return frozenset(out)

    return resources.get(f"newstrace.calendar:{lang}", load)


def _month_words(lang: str) -> frozenset[str]:
    """Month names (wide, lower case) of ``lang`` and English: the calendar words that are
    also given names ("Kasım", "August", "June"), unlike weekdays."""
    def load():
        from babel import Locale

        out = set()
        for loc in sorted({"en", lang or "en"}):
            try:
                L = Locale.parse(loc)
            except Exception:
                continue
            for ctx in ("format", "stand-alone"):
                out |= {v.lower() for v in L.months[ctx]["wide"].values()}
        return frozenset(out)

    return resources.get(f"newstrace.months:{lang}", load)


def _inflected(low: str) -> set[str]:
    """Plural and singular forms of a lower-case word (-s, -x, -es, -en, -n)."""
    out = {low + "s", low + "x", low + "es", low + "n", low + "en"}
    for suf in ("s", "x", "es", "en", "n"):
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            out.add(low[: -len(suf)])
    return out
