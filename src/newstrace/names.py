"""Name matching across spellings, transliterations and scripts (pure functions).

A name is analysed once (`analyze`, cached) into tokens, each with several keys:

- ``ascii``: script-folded lower-case form (Arabic article ``ال`` stripped, ``anyascii``,
  apostrophes, ʿayn and hamza dropped);
- ``norm``: JRC-style transliteration rewrites (ou→u, ch/sh/sch→sh, kh→h, dj→j, q/c→k,
  ph→f, th→t, dh→d, gh→g, w→v, y→i, z→s, x→ks, ei/ie→i) and doubled letters collapsed;
- ``fold``: ``norm`` with vowel quality folded (e→i, o→u) — Arabic short vowels are
  written a/e/i/o/u at the transliterator's whim (Qassem/Qassim, Mosleh/Muslih);
- ``skel``: a consonant skeleton (first letter, then consonants other than h/w/v/y);
  this is also what Arabic script, written without short vowels, reduces to, so
  Latin and Arabic forms of one name share it (مصلح → msl, Musleh → msl);
- ``tail``: ``fold`` without a final -h and final vowel (tāʾ marbūṭa: -a/-ah/-eh/-e).

`match_score(a, b)` aligns tokens one-to-one (greedy, best first) and scores the pair
by the *weakest* aligned full token, so two names sharing only a given name do not
match (Qassem Musleh vs Qassem Soleimani). `name_keys` gives the blocking keys used by
the inverted index of the actors stage.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler, Levenshtein

__all__ = [
    "AR_PROCLITICS",
    "NameInfo",
    "Token",
    "acronym_matches",
    "analyze",
    "designator_score",
    "is_acronym",
    "match_score",
    "name_keys",
    "neutral_form",
    "norm_key",
    "script_of",
    "token_sim",
]

# Particles dropped when comparing (kept in display forms).
PARTICLES = frozenset(
    "al el ul ad ed ar er as es ash esh at et az ez an en ad-din bin ben ibn ould bint "
    "van von der den de del della di da dos das du la le les d l y e und and of the".split()
)
# Kunya prefixes: joined with the next token ("Abu Mahdi" is one unit).
KUNYA = frozenset("abu abou abo umm um oum".split())
# Titles, honorifics and roles dropped when comparing.
TITLES = frozenset(
    """mr mrs ms miss dr prof sir lord lady m mme mlle mm monsieur madame herr frau sr sra
    sheikh shaykh cheikh sheik sayyed sayed sayyid seyyed hajj haj hajji ayatollah imam
    mullah mufti emir amir king queen prince princess president pres premier minister
    general gen col colonel maj major capt captain lt lieutenant sgt commander cmdr
    brigadier marshal admiral senator sen rep gov governor mayor judge rev father pope
    président général ministre colonel commandant docteur""".split()
)
# Generic place designators (Anbar province = Anbar).
PLACE_WORDS = frozenset(
    """province governorate district city region county municipality town village
    provinz gouvernorat région ville provincia regione distrito""".split()
)

# Generic designators of natural and built places, by concept, in the main news languages.
# "Sahir River" = "Sahir" = "río Sahir"; "Darvazeh Dam" = "Darwasa-Staudamm" = "presa de
# Darvaza"; "Ammar City" = "Ammar-Stadt" = "Ciudad de Ammar". Names that differ only by
# designators of one concept (or one side having none) can be variants of one place.
DESIGNATORS: dict[str, str] = {}
for _concept, _words in {
    "river": "river rivers fleuve rivière riviere río rio fluss strom fiume",
    "dam": "dam barrage presa staudamm stausee talsperre damm wehr weir diga represa barragem",
    "city": "city ville cité ciudad stadt città citta cidade",
    "valley": "valley vallée vallee valle tal",
    "lake": "lake lac lago see",
    "mountain": "mount mountain mountains mont montagne montagnes monte montes montaña berg gebirge",
    "island": "island isle île ile isla insel isola",
    "province": "province governorate provinz gouvernorat provincia",
    "district": "district distrito bezirk kreis landkreis",
    "neighbourhood": "mahalle mahallesi",
}.items():
    for _w in _words.split():
        DESIGNATORS[_w] = _concept

_ARABIC_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_HEBREW_RE = re.compile(r"[\u0590-\u05FF]")
_HARAKAT_RE = re.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
#: Arabic proclitic letters written onto the next word: wa- (and), bi- (with, by), li- (to,
#: for), fa- (so)
AR_PROCLITICS = "وبلف"
_APOS = "'’‘`´ʿʾʼ′ʻ"
_APOS_DEL = str.maketrans("", "", _APOS)
_TOKEN_SPLIT = re.compile(r"[\s\-‐‑–—_/.,;:()\[\]{}\"“”«»·]+")
_VOWELS = set("aeiou")
_DERIVATION_SUFFIXES = frozenset("i n an in ian ien iin iina ians is ns ans".split())
_EXPAND_RE = re.compile(r"^(?:\w{1,4}\.\s*)?(?:[A-Z]\.\s*)+\(([^)]+)\)\s*(.+)$")

_REWRITES = [
    ("sch", "sh"), ("tch", "sh"), ("tsh", "sh"), ("dj", "j"), ("dzh", "j"), ("zh", "j"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("kh", "h"), ("gh", "g"), ("ch", "sh"),
    ("ph", "f"), ("th", "t"), ("dh", "d"), ("ck", "k"), ("q", "k"), ("c", "k"),
    ("x", "ks"), ("w", "v"), ("y", "i"), ("z", "s"), ("ei", "i"), ("ie", "i"),
]


def script_of(s: str) -> str:
    """The dominant non-Latin script of a string: ``arabic``, ``hebrew``, ``other``
    (anything non-ASCII-letter that is not Latin) or ``latin``."""
    if _ARABIC_RE.search(s):
        return "arabic"
    if _HEBREW_RE.search(s):
        return "hebrew"
    for ch in s:
        if ch.isalpha() and ord(ch) > 0x24F:
            return "other"
    return "latin"


def _fold_arabic(word: str) -> str:
    w = _HARAKAT_RE.sub("", word)
    if w.startswith("ئ"):  # word-initial hamza seat: a vowel carrier (Kurdish ئاتنبۆرۆ), not y
        w = "ا" + w[1:]
    w = w.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي",
                                   "ة": "ه", "ؤ": "و", "ئ": "ي", "ء": "", "ع": "", "ک": "ك",
                                   "ی": "ي", "گ": "ك"}))
    if len(w) > 3 and w.startswith("ال"):
        w = w[2:]
    elif len(w) > 4 and w[0] in AR_PROCLITICS and w[1:3] == "ال":  # wa-/bi-/fa-/li- + article
        w = w[3:]
    return w


def _rewrite(s: str) -> str:
    for a, b in _REWRITES:
        if a in s:
            s = s.replace(a, b)
    out = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _fold_vowels(s: str) -> str:
    return s.replace("e", "i").replace("o", "u")


def _skeleton(s: str) -> str:
    if not s:
        return ""
    out = [s[0]]
    for ch in s[1:]:
        if ch in _VOWELS or ch in "hwvy":
            continue
        if out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _latin(raw: str) -> bool:
    """Whether every letter of a token is Latin script (Basic Latin to Latin Extended-B)."""
    return all(ch < "\u0250" for ch in raw if ch.isalpha())


def _skeleton_v(s: str) -> str:
    """`_skeleton` keeping v: the consonant frame of a Latin spelling, where v is written
    (the plain skeleton drops it because Arabic و reads w, v or u)."""
    return _skeleton(s.replace("v", "V")).replace("V", "v") if "v" in s else _skeleton(s)


def _tail(f: str) -> str:
    t = f[:-1] if f.endswith("h") and len(f) > 3 else f
    while len(t) > 3 and t[-1] in _VOWELS:
        t = t[:-1]
    return t


@dataclass(frozen=True, slots=True)
class Token:
    raw: str
    ascii: str
    norm: str
    fold: str
    skel: str
    tail: str
    arabic: bool  # written in a script without short vowels (Arabic, Hebrew)
    initial: bool


@dataclass(frozen=True, slots=True)
class NameInfo:
    text: str
    tokens: tuple[Token, ...]
    joined: str  # fold of all tokens concatenated (PressTV = Press TV)
    script: str


@lru_cache(maxsize=1 << 16)
def _make_token(raw: str) -> Token | None:
    """The token of one spelling (cached: a spelling is one immutable `Token`, shared by every
    cached `NameInfo` that has it, so the `analyze` cache holds each common given name or
    surname once instead of once per full name: 1.1 -> 0.35 KB per cached synthetic name)."""
    arabic = bool(_ARABIC_RE.search(raw) or _HEBREW_RE.search(raw))
    w = _fold_arabic(raw) if arabic else raw
    a = anyascii(w).lower()
    a = "".join(ch for ch in a if ch.isalnum())
    if not a:
        return None
    n = _rewrite(a)
    f = _fold_vowels(n)
    if arabic:
        # anyascii renders long vowels as consonant letters (و→w, ي→y): drop them, except
        # word-initially, where و and ي are consonants (واشنطن = Washington, يزيد = Yazid)
        sk = _skeleton(n[:1] + n[1:].replace("v", "").replace("i", ""))
    else:
        sk = _skeleton(n)
    initial = (not arabic) and len(a) == 1
    return Token(raw, a, n, f, sk, _tail(f), arabic, initial)


@lru_cache(maxsize=200_000)
def norm_key(text: str) -> str:
    """An exact-lookup key: NFKC, case-folded, accents and apostrophes removed,
    separators collapsed to one space. Used by gazetteers and alias tables."""
    s = unicodedata.normalize("NFKC", text).casefold()
    if s.isascii():  # nothing to decompose, no combining marks, no harakat
        s = s.translate(_APOS_DEL)
    else:
        s = "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))
        s = _HARAKAT_RE.sub("", s.translate(_APOS_DEL))
    return " ".join(t for t in _TOKEN_SPLIT.split(s) if t)


@lru_cache(maxsize=200_000)
def analyze(name: str) -> NameInfo:
    """Tokenise and key a name (cached). Titles, particles and place designators are
    dropped; "Surname, Given" is reordered; "Abu X" becomes one token."""
    s = unicodedata.normalize("NFKC", name).strip()
    m = _EXPAND_RE.match(s)
    if m:  # "J. (Jacoba) X" -> "Jacoba X"
        s = m.group(1) + " " + m.group(2)
    s = re.sub(r"\([^)]*\)", " ", s)  # drop bracketed glosses
    if s.count(",") == 1:
        left, right = s.split(",")
        if 0 < len(right.split()) <= 3 and 0 < len(left.split()) <= 3:
            s = right + " " + left
    s = "".join(ch for ch in s if ch not in _APOS)
    s = re.sub(r"(?<=[a-z])(?:’|')s\b", "", s)
    parts = [p for p in _TOKEN_SPLIT.split(s) if p]
    toks: list[Token] = []
    kunya = False
    for i, p in enumerate(parts):
        low = p.lower()
        if low in KUNYA and i + 1 < len(parts):
            kunya = True
            continue
        if kunya:
            p = "abu" + p
            kunya = False
        elif (low in TITLES and i + 1 < len(parts)) or (low in PARTICLES and len(parts) > 1):
            continue
        elif low in PLACE_WORDS and len(parts) > 1:
            continue
        t = _make_token(p)
        if t is not None:
            toks.append(t)
    if not toks:  # a name made only of particles or titles: keep what there is
        toks = [t for t in (_make_token(p) for p in parts) if t is not None]
    return NameInfo(name, tuple(toks), "".join(t.fold for t in toks), script_of(name))


_TOKEN_SIM_CACHE: dict[tuple[str, str], float] = {}
_TOKEN_SIM_CACHE_MAX = 500_000


def token_sim(a: Token, b: Token) -> float:
    """Similarity of two name tokens in [0, 1] (cached by the raw tokens: a token is a
    pure function of its raw form, and distinct tokens are few next to their pairs)."""
    key = (a.raw, b.raw)
    sim = _TOKEN_SIM_CACHE.get(key)
    if sim is None:
        if len(_TOKEN_SIM_CACHE) >= _TOKEN_SIM_CACHE_MAX:
            _TOKEN_SIM_CACHE.clear()
        sim = _TOKEN_SIM_CACHE[key] = _token_sim(a, b)
    return sim


def _token_sim(a: Token, b: Token) -> float:
    if a.ascii == b.ascii:
        return 1.0
    if a.arabic != b.arabic:
        # one side written without short vowels: compare consonant skeletons
        if a.skel == b.skel and len(a.skel) >= 2:
            return 0.93
        return 0.95 * JaroWinkler.normalized_similarity(a.skel, b.skel) if a.skel and b.skel else 0.0
    if a.initial or b.initial:
        return 0.9 if a.ascii[0] == b.ascii[0] else 0.0
    da, db = DESIGNATORS.get(a.ascii), DESIGNATORS.get(b.ascii)
    if (da or db) and da != db:
        return 0.3  # "Ammar City" is not "Ammar University"; a river is not a dam
    if a.norm == b.norm:
        return 0.97
    short, long_ = (a.fold, b.fold) if len(a.fold) <= len(b.fold) else (b.fold, a.fold)
    if long_.startswith(short) and long_[len(short):] in _DERIVATION_SUFFIXES:
        return 0.8  # Iraq/Iraqi, Syria/Syrian: a derived word, not a spelling variant
    if a.fold == b.fold:
        return 0.95
    if a.skel == b.skel and len(a.skel) >= 3 and (
            not (_latin(a.raw) and _latin(b.raw)) or _skeleton_v(a.norm) == _skeleton_v(b.norm)):
        # two Latin-script spellings keep their v ("Caraca" is not "Krvavec"; w is v
        # already); a romanised script keeps the plain skeleton (Belarusian ў reads u or v)
        return 0.93
    if a.tail == b.tail and len(a.tail) >= 3:
        return 0.9
    x, y = a.fold, b.fold
    return max(JaroWinkler.normalized_similarity(x, y), Levenshtein.normalized_similarity(x, y))


def _align(ta: tuple[Token, ...], tb: tuple[Token, ...]) -> list[tuple[int, int, float]]:
    cells = sorted(
        ((token_sim(x, y), i, j) for i, x in enumerate(ta) for j, y in enumerate(tb)),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for s, i, j in cells:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((i, j, s))
        if len(out) == min(len(ta), len(tb)):
            break
    return out


_NEUTRAL_RULES: dict[str, list[tuple[str, str]]] = {
    # German spellings of Arabic/Persian names: Chalid, Dschadid, Jussuf, Dariusch
    "de": [(r"^j(?=[aeiouy])", "y"), (r"(?<=[aeiou])j(?=[aeiou])", "y"), (r"dsch", "j"), (r"tsch", "ch"),
           (r"sch", "sh"), (r"(?<!s)ch", "kh")],
    # Spanish j renders kh: Jaled, Jorvat
    "es": [(r"j", "kh")],
}
_NEUTRAL_COUNTRY = {"fr": (r"ie$", "ia"), "de": (r"ien$", "ia")}  # Syrie/Syrien = Syria


def neutral_form(name: str, lang: str | None, single_place: bool = False) -> str:
    """The name respelt in the English conventions for Arabic and Persian names, given the
    language of the text it was written in (German "Chalid al-Nuri" -> "Khalid al-Nuri",
    Spanish "Jorvat" -> "Khorvat"); with ``single_place``, a one-word country name's
    language ending is mapped too (French "Qadarie", German "Qadarien" -> "Qadaria").
    Returns the name unchanged for other languages or scripts."""
    lang = (lang or "").split("-")[0]
    rules = _NEUTRAL_RULES.get(lang)
    country = _NEUTRAL_COUNTRY.get(lang) if single_place else None
    if (not rules and not country) or script_of(name) != "latin":
        return name
    out = []
    for part in re.split(r"(\W+)", name):
        if not part or not part[0].isalpha():
            out.append(part)
            continue
        low = part.lower()
        if low in PARTICLES or low in TITLES:
            out.append(part)
            continue
        for pat, rep in rules or ():
            low = re.sub(pat, rep, low)
        if country and len(low) > 5:
            low = re.sub(country[0], country[1], low)
        out.append(low.upper() if part.isupper() and len(part) > 1 else low[:1].upper() + low[1:])
    return "".join(out)


def _core(info: NameInfo) -> tuple[tuple[Token, ...], frozenset[str]]:
    core = tuple(t for t in info.tokens if t.ascii not in DESIGNATORS)
    concepts = frozenset(DESIGNATORS[t.ascii] for t in info.tokens if t.ascii in DESIGNATORS)
    return core, concepts


def designator_score(a: str, b: str) -> float:
    """Spelling score of two place names once generic designators are set aside
    ("Sahir River" ~ "Sahir", "Darvazeh Dam" ~ "Darwasa-Staudamm"), 0 when a side has
    no designator to set aside, nothing else, or designators of different concepts."""
    A, B = analyze(a), analyze(b)
    ca, ka = _core(A)
    cb, kb = _core(B)
    if not ca or not cb or (len(ca) == len(A.tokens) and len(cb) == len(B.tokens)):
        return 0.0
    if ka and kb and not (ka & kb):
        return 0.0
    return score_info(NameInfo(a, ca, "".join(t.fold for t in ca), A.script),
                      NameInfo(b, cb, "".join(t.fold for t in cb), B.script))


@lru_cache(maxsize=200_000)
def match_score(a: str, b: str) -> float:
    """How likely two names denote the same entity by spelling alone, in [0, 1].

    0.9 and above: transliteration variants (Qassim Muslih ~ Qassem Musleh ~ قاسم مصلح);
    below 0.8: different names (Qassem Musleh ~ Qassem Soleimani ≈ 0.5). Translations,
    exonyms and acronyms score low by design: they need alias tables or definitions.
    """
    return score_info(analyze(a), analyze(b))


def score_info(A: NameInfo, B: NameInfo) -> float:
    ta, tb = A.tokens, B.tokens
    if not ta or not tb:
        return 0.0
    best = 0.0
    if len(ta) != len(tb) and A.joined and A.joined == B.joined and len(A.joined) >= 4:
        best = 0.95  # compounds written apart or together (PressTV / Press TV)
    al = _align(ta, tb)
    sims = [s for _, _, s in al]
    full = [s for i, j, s in al if not (ta[i].initial or tb[j].initial)]
    mean = sum(sims) / len(sims)
    weakest = min(full) if full else min(sims)
    score = min(mean, weakest + 0.05)
    extra = abs(len(ta) - len(tb))
    score -= 0.03 * extra
    if extra and min(len(ta), len(tb)) == 1:
        score -= 0.08
    if full == [] and len(sims) == 1:
        score = min(score, 0.5)  # an initial alone is no evidence
    return max(best, min(1.0, max(0.0, score)))


@lru_cache(maxsize=200_000)
def name_keys(name: str) -> frozenset[str]:
    """Blocking keys: per-token consonant skeletons (``t:``) and the skeleton of the
    whole name written together (``j:``). Two variants of one name share at least one
    key; keys of very frequent tokens should be capped by the index that uses them."""
    info = analyze(name)
    keys = set()
    for t in info.tokens:
        if t.initial:
            continue
        if t.skel:
            keys.add("t:" + t.skel)
        if not t.arabic and t.tail and len(t.tail) >= 3:
            keys.add("t:" + _skeleton(t.tail))
    if info.joined:
        keys.add("j:" + _skeleton(info.joined))
    # interned: the cached key sets of many names hold one copy of each common token's key
    return frozenset(map(sys.intern, keys))


_ACRONYM_RE = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-Z][A-Za-z0-9&\-]{1,9}$")


def is_acronym(text: str) -> bool:
    """PMU, ISIL, SDF, EIIL, PKK: 2-10 chars, starts upper-case, at least two capitals,
    mostly upper-case."""
    t = text.strip(".")
    if not _ACRONYM_RE.match(t):
        return False
    upper = sum(ch.isupper() for ch in t)
    return upper >= max(2, len([ch for ch in t if ch.isalpha()]) * 0.6)


def acronym_matches(short: str, long: str) -> bool:
    """Schwartz & Hearst (2003): every letter of the short form occurs, in order and
    right to left, in the long form, and the first one starts a word of the long form.
    Checked on ASCII-folded text, so "EIIL" ~ "État islamique en Irak et au Levant". A
    short form with one letter per content word of the long form spells their initials, in
    order: "PS" is "Parti socialiste", not "Philippe Close" (its letters occur in order)."""
    s = [ch for ch in anyascii(short).lower() if ch.isalnum()]
    lf = anyascii(long).lower()
    if len(s) < 2 or not lf:
        return False
    si, li = len(s) - 1, len(lf) - 1
    while si >= 0:
        ch = s[si]
        while li >= 0 and (
            lf[li] != ch or (si == 0 and li > 0 and lf[li - 1].isalnum())
        ):
            li -= 1
        if li < 0:
            return False
        si -= 1
        li -= 1
    # each word-initial letter of the long form's content words should be used mostly
    words = [w for w in re.split(r"[\s\-]+", lf) if w and w not in PARTICLES]
    if len(words) == len(s) and any(w[0] != ch for w, ch in zip(words, s)):
        return False
    return len(words) <= len(s) + 3
