"""Arabic-script person names without a model (internal to `newstrace.mentions`).

Arabic script has no capitals, so the model-free path finds no person there by shape. The
name dictionary of `arabic-name-romanizer` (Wikidata-derived: ~86k full names split into
given names and family names, each unit with its count) says which words are names:
`person_spans` takes a run of two to four name units that opens with a frequent given name
("إيمان العاصي", "عبد المجيد تبون"; ʿAbd al-X is one unit). Many given names are also
words ("سعيد" happy, "حسن" good, "بين" between), so the run needs a second unit the
dictionary knows too, and the given name must be frequent as a given name
(`GIVEN_MIN`) and more often a given name than a family name.

`cued_person_spans` needs no frequent given name: a role noun before the name ("الرئيس",
"بالمسيّر السابق", "الملك") or in apposition after it ("… رئيس النادي") announces it, and its
words need only be rare in Arabic text (wordfreq; an unknown Maghrebi family name, a machine
translation's garble) or units of the dictionary that are no common words, joined by the
particles of nasab and kunya ("بن", "أبو", ʿAbd al-X).

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


def _prepared(text: str, word_re: re.Pattern):
    """The dictionary counts, its key function, the Arabic words of ``text`` and a test that
    two words are joined by one space and nothing else; None without the dictionary."""
    got = _units()
    if got is None:
        return None
    words = [(m.start(), m.end(), m.group()) for m in word_re.finditer(text)]

    def joined(a: int, b: int) -> bool:
        return text[words[a][1]:words[b][0]] == " "
    return got[0], got[1], words, joined


def person_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of Arabic-script person names in ``text`` (see the module doc)."""
    got = _prepared(text, _AR_WORD)
    if got is None:
        return []
    counts, key, words, joined = got
    out: list[tuple[int, int]] = []
    i, n = 0, len(words)

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


#: role nouns that stand before a person's name ("الرئيس تبون", "بالمسيّر السابق شاوش غالم",
#: "الملك سلمان"), with or without the article, after a proclitic letter too
ROLE_BEFORE = frozenset("""رئيس مدير وزير ملك أمير شيخ سيد سيدة مدرب لاعب مسير مشرف ناطق نائب عاهل
    راحل مرحوم فقيد رئيسة وزيرة مديرة أمين حارس مهاجم مدافع""".split())
#: nouns of a person's age, trade or title before the name ("الشاب الأردني قصي الطلافحة",
#: "الفنانة", "الدكتور"): they also stand before another noun ("طبيب صيدلي", a pharmacist
#: doctor, "طبيب نفساني صعب"), so the name after them opens with a given name the name
#: dictionary knows and has two words or more
PERSON_NOUNS = frozenset("""شاب شابة طبيب طبيبة مواطن مواطنة فنان فنانة ممثل ممثلة مطرب مطربة كاتب
    كاتبة صحفي صحفية محامي محامية دكتور دكتورة""".split())
#: what may stand between the role noun and the name ("المسيّر السابق شاوش غالم")
_ROLE_MODIFIERS = frozenset("السابق الحالي الأسبق العام الجديد الأول".split())
_TASHKEEL = re.compile(r"[\u064B-\u0652\u0640]")
#: an Arabic word with its diacritics ("المسيّر")
_AR_WORD_MARKED = re.compile(r"[\u0621-\u0652\u0671-\u06D3]+")
#: name particles that join the units of a name: nasab "بن", kunya "أبو", ʿAbd al-X
_PARTICLES = frozenset("بن ابن بنت أبو أبي أم عبد".split())
#: a word this rare in Arabic text (wordfreq Zipf scale) is a name where a role noun
#: announces one; a commoner word must be a unit of the name dictionary (`CUED_UNIT_MIN`)
RARE_ZIPF = 3.5
_PROCLITIC_LETTERS = "وبلفك"
_ENCLITICS = ("ها", "هم", "هما", "هن", "كم")
#: nouns of organisations: after a role noun ("رئيس النادي الهاوي لمولودية وهران", the
#: president of the amateur club of MC Oran) the words name the body the role heads, not a person
ORG_NOUNS = frozenset("""نادي فريق حزب اتحاد مجلس جمعية شركة هيئة وزارة منظمة حركة جبهة جيش نقابة
    مؤسسة جامعة مركز لجنة""".split())
CUED_UNIT_MIN = 10
COMMON_ZIPF = 5.5


def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a core dependency
        return 0.0
    return zipf_frequency(word, "ar")


def role_word(word: str, nouns: frozenset[str] = ROLE_BEFORE) -> bool:
    w = _TASHKEEL.sub("", word)
    for p in ("", "ب", "ل", "و", "ف", "ك", "وب", "ول"):
        if w.startswith(p) and (w[len(p):] in nouns or (
                w[len(p):].startswith("ال") and w[len(p) + 2:] in nouns)):
            return True
    return w.startswith("لل") and w[2:] in nouns


def _cued_unit(word: str, counts, key) -> bool:
    word = _TASHKEEL.sub("", word)
    if word in _FUNCTION or word.startswith(("وال", "بال", "لل", "فال", "كال")) or role_word(word):
        return False
    # a proclitic letter before a common word ("لأقل" for less, "بعدما") is no rare name
    z = max(_zipf(word), _zipf(word[1:]) if word[:1] in _PROCLITIC_LETTERS and len(word) >= 4 else 0.0)
    if z < RARE_ZIPF:
        # nor is a noun or verb with a pronoun suffix ("تعافيها", her recovery) that the
        # name dictionary does not hold
        return not word.endswith(_ENCLITICS) or bool(sum(counts.get(key(word), (0, 0))))
    return sum(counts.get(key(word), (0, 0))) >= CUED_UNIT_MIN and z < COMMON_ZIPF


def _modifier(word: str, counts, key) -> bool:
    """A word between a role noun and the name: "السابق", or an adjective with the article
    that is common and never a given name ("الجزائري" of "الرئيس الجزائري عبد المجيد تبون")."""
    w = _TASHKEEL.sub("", word)
    return w in _ROLE_MODIFIERS or (w.startswith("ال") and _zipf(w) >= RARE_ZIPF
                                    and not counts.get(key(w), (0, 0))[0])


def _opens_name(word: str, counts, key) -> bool:
    """The first word of a cued name: a particle, a rare word or a given name."""
    w = _TASHKEEL.sub("", word)
    return w in _PARTICLES or _zipf(w) < RARE_ZIPF or counts.get(key(w), (0, 0))[0] > 0


def _cued_run(words, j: int, joined, counts, key) -> int:
    """The end (exclusive word index) of the name run that starts at word ``j``: name units,
    a particle joined to the unit after it ("سلمان بن عبد العزيز", "عبد المجيد تبون")."""
    k, n = j, len(words)
    while k < n and k - j < MAX_UNITS and (k == j or joined(k - 1, k)):
        w = _TASHKEEL.sub("", words[k][2])
        if w in _PARTICLES and k + 1 < n and joined(k, k + 1):
            nxt = _TASHKEEL.sub("", words[k + 1][2])
            if w == "عبد" and nxt.startswith("ال"):
                k += 2  # ʿAbd al-X is one unit whatever the word after ʿAbd
                continue
            if nxt in _PARTICLES or _cued_unit(nxt, counts, key):
                k += 1
                continue
            break
        if not _cued_unit(w, counts, key):
            break
        k += 1
    while k > j and _TASHKEEL.sub("", words[k - 1][2]) in _PARTICLES:
        k -= 1
    return k


def cued_person_spans(text: str) -> list[tuple[int, int]]:
    """Arabic-script person names a role noun announces, whatever the name dictionary
    says of them: after "الرئيس", "بالمسيّر السابق", "الملك" (and a modifier, "السابق",
    "الجزائري"), a run of one to four words each rare in Arabic text (an unknown family name,
    "محياوي", or a machine translation's garble of one, "بريبون") or a unit of the name
    dictionary that is no common word; a run of one word must be a rare one ("الرئيس
    الجديد" is none). Also the two or three such words, one of them rare, before a role noun
    in apposition ("الطيب محياوي رئيس النادي")."""
    got = _prepared(text, _AR_WORD_MARKED)
    if got is None:
        return []
    counts, key, words, joined = got
    out: list[tuple[int, int]] = []
    n = len(words)

    i = 0
    while i < n:
        person_noun = role_word(words[i][2], PERSON_NOUNS)
        if not person_noun and not role_word(words[i][2]):
            i += 1
            continue
        j = i + 1
        while j < n and j - i <= 2 and joined(j - 1, j) and _modifier(words[j][2], counts, key):
            if _TASHKEEL.sub("", words[j][2])[2:] in ORG_NOUNS:
                break  # the role of a body: "رئيس النادي ..." names no person
            j += 1
        if j < n and _TASHKEEL.sub("", words[j][2])[2:] in ORG_NOUNS and words[j][2].startswith("ال"):
            i = j + 1
            continue
        if j >= n or not joined(j - 1, j):
            i = j
            continue
        opens = _opens_name(words[j][2], counts, key) if not person_noun else \
            counts.get(key(_TASHKEEL.sub("", words[j][2])), (0, 0))[0] >= CUED_UNIT_MIN  # a given name
        k = _cued_run(words, j, joined, counts, key) if opens else j
        if k - j >= 2 or (k - j == 1 and not person_noun and _zipf(words[j][2]) < RARE_ZIPF):
            out.append((words[j][0], words[k - 1][1]))
            i = k
        else:
            i += 1
    # the name before a role noun in apposition, "الطيب محياوي رئيس النادي" (the bare noun,
    # after a space or a comma): two or three name units, one of them rare
    taken = [False] * n
    for s, e in out:
        for x, (a, b, _) in enumerate(words):
            if s <= a and b <= e:
                taken[x] = True
    for r in range(2, n):
        if _TASHKEEL.sub("", words[r][2]) not in ROLE_BEFORE or text[words[r - 1][1]:words[r][0]] not in (" ", "، ", ", "):
            continue
        j = r - 1
        while j > 0 and r - j < 3 and joined(j - 1, j) and not taken[j - 1] and _cued_unit(words[j - 1][2], counts, key):
            j -= 1
        if taken[r - 1] or not _cued_unit(words[r - 1][2], counts, key):
            continue
        while j < r - 1 and not _opens_name(words[j][2], counts, key):
            j += 1
        if r - j >= 2 and any(_zipf(words[x][2]) < RARE_ZIPF for x in range(j, r)):
            out.append((words[j][0], words[r - 1][1]))
    return sorted(out)
