"""A common-noun signal for languages that capitalise every noun (internal to `mentions`).

German writes every noun with a capital, so a capital is weak evidence of a name there.
`common_noun(word, lang)` says whether a capitalised word reads as an ordinary word of the
language rather than a name, from two signals that need no model:

- frequency: the word (casefolded, so "Schluß" = "schluss") is in wordfreq's ``small``
  list of the language, the words seen at least once per million (`wordfreq` ships its
  lists in the package: no download);
- compounds: the word is a compound of such words, a head of four letters or more after a
  modifier of four letters or more, with or without a linking element ("Regen|gebiet",
  "Ausweisung|s|verfahren", "Kampf|einsätzen"), one level of modifier nesting. A head
  that is an element of German place names and surnames ("-bach", "-burg", "-hausen",
  "-mann" ... `ONOMASTIC_HEADS`) does not make a common compound: "Waldmann",
  "Wiesenborn" are names.

A frequent word that is about as frequent in English, French, Spanish and Italian
("Facebook", "Texas", "Stephanie") is a name shared across languages, not a common word;
a word with a capital after its first letter ("AfD", "CDU") is no common noun.
Hyphenated words are judged element by element: common when every element is.

Only languages in `LANGS` (German) are judged; ``common_noun`` is False elsewhere, and
False for every word when wordfreq cannot be loaded (the callers' other rules still run).
"""
from __future__ import annotations

import math
from functools import lru_cache

from . import resources

__all__ = ["LANGS", "ONOMASTIC_HEADS", "common_noun", "zipf"]

LANGS = frozenset({"de"})
#: elements that end German place names, street names and surnames; a compound with one of
#: these heads is as likely a name ("Waldmann", "Friedewald", "Gartenstraße") as a common noun
ONOMASTIC_HEADS = {
    "de": frozenset("""bach bächle berg burg dorf hausen heim hofen born brunn hagen rode weiler
        furt stedt leben wald feld au tal mann macher meier meyer müller schmidt schmid hardt
        hard hold gesand kirchen straße strasse gasse allee pfad""".split()),
}
#: linking elements between the parts of a compound ("Verfassung|s|schutz", "Sonne|n|schein")
_LINKS = ("s", "es", "n", "en", "er", "e")
_MIN_PART = 4
#: zipf of the "small" lists' floor: one occurrence per million words
FREQUENT_ZIPF = 3.0
#: languages whose frequency lists tell a shared name from a word of the language, and how
#: much rarer in any of them than in the word's language a shared name may be (zipf)
SHARED_WITH = ("en", "fr", "es", "it")
SHARED_MARGIN = 0.5


def _table(lang: str) -> dict[str, float]:
    def load():
        try:
            import wordfreq

            return wordfreq.get_frequency_dict(lang, "small")
        except Exception:  # wordfreq missing or without this language: no lexicon signal
            return {}

    return resources.get(f"nounlex:{lang}", load)


def zipf(word: str, lang: str) -> float:
    """Zipf frequency (log10 per billion words) of the casefolded word in ``lang``, 0 when
    it is not among the frequent words."""
    f = _table(lang).get(word.casefold())
    return math.log10(f * 1e9) if f else 0.0


def _frequent(low: str, lang: str) -> bool:
    return zipf(low, lang) >= FREQUENT_ZIPF


@lru_cache(maxsize=None)
def _onomastic_endings(lang: str) -> tuple[str, ...]:
    return tuple(sorted(ONOMASTIC_HEADS.get(lang, ())))


@lru_cache(maxsize=1 << 16)
def _compound(low: str, lang: str, nested: bool = False) -> bool:
    if low.endswith(_onomastic_endings(lang)):
        return False  # "Garten|straße", not "Gartens|trasse"
    for i in range(_MIN_PART, len(low) - _MIN_PART + 1):
        head = low[i:]
        if not _frequent(head, lang):
            continue
        mod = low[:i]
        for link in ("",) + _LINKS:
            if link and not mod.endswith(link):
                continue
            m = mod[:len(mod) - len(link)]
            if len(m) >= _MIN_PART and (_frequent(m, lang) or (not nested and _compound(m, lang, True))):
                return True
    return False


@lru_cache(maxsize=1 << 16)
def common_noun(word: str, lang: str) -> bool:
    """Whether ``word`` reads as a common word of ``lang`` (frequent, or a compound of
    frequent words), for a language in `LANGS`. Words in capitals (acronyms, shouted
    headlines) and words with digits are never judged."""
    lang = (lang or "").split("-")[0].lower()
    if lang not in LANGS or not word or any(ch.isdigit() for ch in word):
        return False
    parts = [p for p in word.split("-") if p]
    if not parts or any(any(ch.isupper() for ch in p[1:]) and not p.isupper() for p in parts) or word.isupper():
        return False  # "AfD", "BahnCard": a noun has one capital, its first letter
    return all(_common_part(p.casefold(), lang) for p in parts)


def _common_part(low: str, lang: str) -> bool:
    if _frequent(low, lang):
        return not _shared(low, lang)
    return _compound(low, lang)


def _shared(low: str, lang: str) -> bool:
    """A frequent word about as frequent in each of `SHARED_WITH` ("facebook", "texas",
    "stephanie", "singh"): a name used across languages, not a word of one of them."""
    z = zipf(low, lang)
    return all(zipf(low, other) >= z - SHARED_MARGIN for other in SHARED_WITH if other != lang)
