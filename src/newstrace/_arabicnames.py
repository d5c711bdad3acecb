"""Arabic-script person names without a model (internal to `newstrace.mentions`).

Arabic script has no capitals, so the model-free path finds no person there by shape. The
name dictionary of `arabic-name-romanizer` (Wikidata-derived: ~86k full names split into
given names and family names, each unit with its count) says which words are names:
`person_spans` takes a run of two to four name units that opens with a frequent given name
("إيمان العاصي", "عبد المجيد تبون"; ʿAbd al-X is one unit). Many given names are also
words ("سعيد" happy, "حسن" good, "بين" between), so the run needs a second unit the
dictionary knows too, and the given name must be frequent as a given name
(`GIVEN_MIN`) and more often a given name than a family name.

Without the package (the ``models`` extra) nothing is found; the detector is
``rules:arabic_names``.
"""
from __future__ import annotations

import logging
import re
import sqlite3
from pathlib import Path

from . import resources

LOGGER = logging.getLogger(__name__)

#: a given name opens a person's name when the dictionary holds it at least this many
#: times as a given name. Chosen on the dictionary itself: the function words it lists as
#: given names ("بين" between 45, "الله" 15, "عبد" alone 5) stay below it, the given
#: names of the dev articles ("إيمان" 225, "عبد المجيد" 147) above it.
GIVEN_MIN = 100
MAX_UNITS = 4
_AR_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
#: Arabic function words that follow a name without being part of it (also `mentions`)
FUNCTION_WORDS = frozenset("""في من على إلى الى عن أن ان إن مع بعد قبل منذ خلال حول ضد عند لدى هذا هذه ذلك
    تلك التي الذي الذين كما قد لقد لم لن ما لا هو هي هم أمس اليوم غدا أيضا""".split())
_FUNCTION = FUNCTION_WORDS | frozenset("بين يوم و أو ثم".split()) | frozenset(
    # role and institution nouns that the dictionary also holds as (rare) names, and days
    """رئيس مدير وزير نائب أمين سفير قائد شيخ صحيفة جريدة وكالة قناة موقع حزب مجلس الرئيس الوزير
    السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة سبت""".split())


def _units() -> tuple[dict[str, tuple[int, int]], object] | None:
    """Dictionary key -> (given count, family-name count), and the key function; None when
    arabic-name-romanizer is not installed."""
    def load():
        try:
            import arabic_name_romanizer
            from arabic_name_romanizer.normalize import lookup_key
        except ImportError:
            return None
        path = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
        if not path.exists():
            return None
        counts: dict[str, tuple[int, int]] = {}
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for key, role, n in con.execute("SELECT arabic_key, role, SUM(count) FROM units GROUP BY arabic_key, role"):
                g, s = counts.get(key, (0, 0))
                counts[key] = (g + n, s) if role == "given" else (g, s + n)
        finally:
            con.close()
        return counts, lookup_key
    return resources.get("newstrace.arabic_name_units", load)


def given_name_end(text: str, start: int, end: int) -> int:
    """The end of the person's name that ``text[start:end]`` opens when that span is a
    given name only ("إيمان" of "إيمان آسي", as a model may cut it): after the name units
    that follow it; ``end`` unchanged otherwise."""
    for s, e in person_spans(text[start:min(len(text), end + 80)]):
        if s == 0 and e > end - start:
            return start + e
    return end


def name_unit(word: str) -> bool | None:
    """Does the name dictionary hold ``word`` as a unit of a name (given or family, any
    count)? None when arabic-name-romanizer is not installed."""
    got = _units()
    if got is None:
        return None
    counts, key = got
    return bool(sum(counts.get(key(word), (0, 0))))


def person_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of Arabic-script person names in ``text`` (see the module doc)."""
    got = _units()
    if got is None:
        return []
    counts, key = got
    words = [(m.start(), m.end(), m.group()) for m in _AR_WORD.finditer(text)]
    out: list[tuple[int, int]] = []
    i, n = 0, len(words)

    def joined(a: int, b: int) -> bool:  # one space between two words, nothing else
        return text[words[a][1]:words[b][0]] == " "

    while i < n:
        w = words[i][2]
        # the given name: one word, or ʿAbd + al-X ("عبد المجيد"), also written as one
        if w == "عبد" and i + 1 < n and joined(i, i + 1) and words[i + 1][2].startswith("ال"):
            g_key, j = key(f"{w} {words[i + 1][2]}"), i + 2
        else:
            g_key, j = key(w), i + 1
        g, s = counts.get(g_key, (0, 0))
        if w in _FUNCTION or g < GIVEN_MIN or s > g:
            i += 1
            continue
        k = j
        while k < n and k - i < MAX_UNITS and joined(k - 1, k) and words[k][2] not in _FUNCTION:
            if words[k][2] == "عبد":  # ʿAbd al-X inside the name is one unit
                if k + 1 < n and joined(k, k + 1) and words[k + 1][2].startswith("ال"):
                    k += 2
                    continue
                break
            if not sum(counts.get(key(words[k][2]), (0, 0))):
                break
            k += 1
        if k > j:
            out.append((words[i][0], words[k - 1][1]))
            i = k
        else:
            i += 1
    return out
