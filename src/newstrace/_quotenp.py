"""Internal helper of the quotes stage: noun phrases (the subject of a cue, the phrase
after it) found from tokens and the per-language tables. Not a stable API."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from . import _quotemarks as qm
from .cues import CueTable, norm_form

if TYPE_CHECKING:
    from .quotes import _Ctx

_CONJ = frozenset(("and", "but", "yet", "et", "mais", "y", "und", "pero", "aber", "doch", "sino"))
_TOK = re.compile(r"\w+(?:[’'\-\.]\w+)*\.?|[^\w\s]")
MASKC = qm.MASK


# -- noun phrases -----------------------------------------------------------------------

def _tokens(m: str, s: int, e: int) -> list[tuple[int, int, str]]:
    return [(s + x.start(), s + x.end(), x.group()) for x in _TOK.finditer(m[s:e])]


def _cap(w: str) -> bool:
    """Could the word be part of a name: a capital or a digit, or any letter of a script
    without case (Arabic, Persian, Hebrew, CJK), where capitals tell nothing."""
    w = _ARTICLE.sub("", w)
    c = w[:1]
    return c.isupper() or c.isdigit() or (c.isalpha() and c.lower() == c.upper())


_ARTICLE = re.compile(r"^(?:al|el|as|ad|an|ash|at|ar|az|bin|ibn|d|l)[\-’']", re.I)


def _is_adverb(w: str, t: CueTable) -> bool:
    suf = t.adverb_suffix
    return bool(suf) and w.lower().endswith(suf) and len(w) > len(suf) + 3 and not _cap(w)


def _pure_name(toks: list[tuple[int, int, str]], t: CueTable) -> bool:
    words = [w for _, _, w in toks if w not in "()"]
    if not words or len(words) > 7:
        return False
    if not _cap(words[0]) or words[0].lower() in t.sets["determiners"]:
        return False
    if any(any(c.isdigit() for c in w) for w in words):
        return False  # "June 5", "8.30 Uhr": not a name
    return all(_cap(w) or w.lower() in t.sets["np_internal"] for w in words)


def _chunks(m: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split [s, e) at commas, dashes, semicolons and masks outside parentheses."""
    out, depth, cs = [], 0, s
    for k in range(s, e):
        c = m[k]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and (c in ",;:\x07—–" or (c == "-" and (m[k - 1:k] == " " and m[k + 1:k + 2] == " "
                                                             or m[k + 1:k + 2] == "-"))):
            out.append((cs, k))
            cs = k + 1
    out.append((cs, e))
    return out


def _strip_np(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
    """Trim a chunk to its noun phrase: drop parentheticals at the end, a relative clause,
    leading conjunctions, trailing auxiliaries and adverbs."""
    t, m = ctx.t, ctx.m
    toks = _tokens(m, s, e)
    # a noun phrase has no cue verb in it: "The spokeswoman also rejected talk of …"
    inner = {c.start for c in ctx.cues_in(s, e) if c.kind == "verb" and not c.pron}
    while len(toks) > 1 and toks[0][0] in inner and not _cap(toks[0][2]):
        toks = toks[1:]  # '“…”, dijo Hadad, quien aseguró …': the subject after an inverted verb
    for i, x in enumerate(toks):
        if i > 0 and x[0] in inner and not _cap(x[2]):
            toks = toks[:i]
            break
    # 'Der frühere SPD-Vorsitzende X hat seinen Nachfolgern … vorgeworfen': the subject ends at the auxiliary
    for i, (_, _, w) in enumerate(toks):
        if i > 0 and w.lower() in t.sets["auxiliaries"] and not _cap(w):  # not 'Will Smith'
            toks = toks[:i]
            break
    # cut relative clause
    for i, (_, _, w) in enumerate(toks):
        if i > 0 and w.lower() in t.sets["relative"] and not (
                w.lower() in t.sets["determiners"] and _cap(toks[i + 1][2] if i + 1 < len(toks) else "")):
            toks = toks[:i]
            break
    while len(toks) > 1 and (toks[0][2].lower() in _CONJ or toks[0][2] in "–—-" or
                             norm_form(toks[0][2]) in t.union("subordinators", "skip_before_cue")):
        toks = toks[1:]  # 'While Ramos said that …': the subordinator is not part of the subject
    while toks and (toks[-1][2].lower() in t.sets["skip_before_cue"] or _is_adverb(toks[-1][2], t)):
        toks = toks[:-1]
    # drop a trailing parenthetical "(PMU)"
    if toks and toks[-1][2] == ")":
        depth = 0
        for i in range(len(toks) - 1, -1, -1):
            if toks[i][2] == ")":
                depth += 1
            elif toks[i][2] == "(":
                depth -= 1
                if depth == 0:
                    toks = toks[:i]
                    break
    toks = [x for x in toks if x[2] not in ".,"] if toks and len(toks) == 1 else toks
    if not toks:
        return None
    if toks[-1][2].endswith(".") and (len(toks[-1][2]) > 3 or toks[-1][2][:-1].lower() in t.pronouns):
        toks[-1] = (toks[-1][0], toks[-1][1] - 1, toks[-1][2][:-1])
    if sum(1 for x in toks if x[2][0].isalnum()) > 14:
        # a clause, not a noun phrase: keep a trailing name or pronoun only
        tail = []
        for x in reversed(toks):
            if _cap(x[2]) or x[2].lower() in t.sets["np_internal"]:
                tail.insert(0, x)
            else:
                break
        if not tail:
            return None
        toks = tail
    return toks[0][0], toks[-1][1]


def _subject_before(ctx: _Ctx, lo: int, cue_start: int, depth: int = 0) -> tuple[int, int] | None:
    """The subject noun phrase of a cue: the noun phrase before it, skipping adverbs,
    auxiliaries, appositions and adverbial chunks."""
    t, m = ctx.t, ctx.m
    toks = _tokens(m, lo, cue_start)
    while toks and (toks[-1][2].lower() in t.sets["skip_before_cue"] or _is_adverb(toks[-1][2], t)):
        toks = toks[:-1]
    if not toks:
        return None
    last = toks[-1][2].lower()
    if last in t.pronouns and (len(toks) == 1 or toks[-2][2].lower() not in t.sets["prepositions"]
                               or toks[-2][2].lower() in t.sets["clause_openers"] or toks[-2][2].lower() in _CONJ):
        # "… a hacking group that he said operated …", "…, when she claimed that …": the
        # pronoun right before the cue
        return toks[-1][0], toks[-1][1]
    if last in t.sets["linkers"] and depth < 2:
        # "X did this and said": the subject of the first verb of the sentence
        prev = [c for c in ctx.cues_in(lo, toks[-1][0]) if c.kind == "verb"]
        if prev:
            return _subject_before(ctx, lo, prev[-1].start, depth + 1)
        return _leading_np(ctx, lo, toks[-1][0])
    end = toks[-1][1]
    # '…, said X' / 'CONTENT, a-t-il dit': a verb right after a comma has no subject before it,
    # unless the comma closes an apposition or a relative clause ('X, the spokesman, said')
    after_comma = toks[-1][2] == ","
    chunks = [c for c in _chunks(m, lo, end) if m[c[0]:c[1]].strip()]
    if after_comma:
        sp = _behind_appositions(ctx, chunks)
        if sp is not None:
            return sp
    for k in range(len(chunks) - 1, -1, -1):
        cs, ce = chunks[k]
        ctoks = _tokens(m, cs, ce)
        if len(ctoks) > 1 and ctoks[0][2].lower() in _CONJ and (_cap(ctoks[0][2]) or k == len(chunks) - 1):
            ctoks = ctoks[1:]  # "Mais une source …, qui …, a assuré": a sentence-initial conjunction
            cs = ctoks[0][0]
        adjacent = k == len(chunks) - 1
        while adjacent and len(ctoks) > 1 and (ctoks[0][2].lower() in t.sets["clause_openers"]
                                               or ctoks[0][2].lower() in _CONJ):
            ctoks = ctoks[1:]  # 'While critics argue that …', 'Yet many officials believe …'
            cs = ctoks[0][0]
        if adjacent and t.pro_drop and len(ctoks) > 2 and norm_form(ctoks[0][2]) in t.sets["skip_before_cue"] \
                and norm_form(ctoks[1][2]) in t.sets["prepositions"]:
            # 'Później w rozmowie z dziennikarzami prezydent dodał': an adverb, then the adjunct (in
            # the free word order of pro-drop tables; English keeps its PolNeAR-built subject rules)
            ctoks = ctoks[1:]
            cs = ctoks[0][0]
        if not ctoks:
            continue
        first = ctoks[0][2].lower()
        # a relative pronoun that is also an article ("der", "que") opens a relative clause
        # only after a comma and before a verb, not a name or adjective ("Der frühere …")
        after_sep = m[:cs].rstrip()[-1:] == ","
        if (first in t.sets["relative"] and not (first in t.sets["determiners"] and len(ctoks) > 1
                                                 and (_cap(ctoks[1][2]) or not after_sep))) \
                or first in ("better", "also", "known", "widely", "formerly"):
            continue
        if first in t.sets["prepositions"] and not (adjacent and first in t.sets["determiners"]):
            if adjacent and len(ctoks) > 1 and ctoks[-1][2][:1].isupper() and first not in (
                    "in", "dans", "en", "im", "am", "at", "on"):
                pass
            else:
                tail = _np_closing_adjunct(ctx, ctoks) if adjacent and not after_comma else None
                if tail is not None:
                    return tail
                continue
        if adjacent and k > 0 and (first in t.sets["determiners"] or first in t.sets["role_nouns"]):
            ps, pe2 = chunks[k - 1]
            ptoks = _tokens(m, ps, pe2)
            if _pure_name(ptoks, t) and norm_form(ptoks[0][2]) not in t.sets["prepositions"] and (k - 1 == 0 or _tokens(m, *chunks[k - 2])[:1] and
                                         _tokens(m, *chunks[k - 2])[0][2].lower() in t.sets["prepositions"]):
                return _strip_np(ctx, ps, pe2)
        if adjacent and after_comma:
            # 'El presidente de la Corte, Arturo Zaldívar, afirmó': a name in apposition to the subject
            if k > 0 and len(ctoks) <= 5 and (_pure_name(ctoks, t) or any(
                    mn.start == cs and mn.end == ce and mn.type == "PER" for mn in ctx.mentions)):
                return cs, ce
            return None
        if not adjacent and len(ctoks) > 7:
            return None
        rel = [i for i, x in enumerate(ctoks[:-1]) if i and norm_form(x[2]) in t.sets["relative"]
               and norm_form(x[2]) not in t.union("determiners", "complementizers")]
        if adjacent and rel:
            i, nxt = rel[-1], ctoks[rel[-1] + 1][2]
            if norm_form(ctoks[i - 1][2]) in t.sets["prepositions"] or norm_form(nxt) in t.pronouns \
                    or norm_form(nxt) in t.sets["determiners"] or _cap(nxt):
                # 'a chess game in which companies seek …', 'the plan, which the minister said …':
                # the subject of a verb inside a relative clause follows the relative pronoun
                # ('sources who reviewed them told': the pronoun itself is the subject)
                return _strip_np(ctx, ctoks[i + 1][0], ce)
        return _strip_np(ctx, cs, ce)
    return None


def _np_closing_adjunct(ctx: _Ctx, toks: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """'In a meeting with the editorial board Trump said' / 'En su cuenta de Twitter el
    presidente sostuvo': a subject right after an opening prepositional phrase, with no comma
    between them: a person mention that ends right before the verb, else a short phrase from
    the last definite article, with no preposition in it."""
    t = ctx.t
    end = toks[-1][1]
    clause = t.union("complementizers", "relative", "subordinators")
    if any(norm_form(w) in clause for _, _, w in toks) or ctx.cues_in(toks[0][0], end):
        return None  # 'in ways that help Mr. Putin maintain': a clause, not an adjunct
    for mn in ctx.mentions:
        if mn.end == end and mn.type == "PER" and mn.start > toks[0][1]:
            return mn.start, mn.end
    dets = t.sets["definite_determiners"]
    k = max((i for i, x in enumerate(toks) if i >= 2 and norm_form(x[2]) in dets), default=0)
    if not k:
        # 'Później w rozmowie z dziennikarzami prezydent dodał': without articles, a role noun
        # that no preposition governs opens the subject (up to three words)
        r = max((i for i, x in enumerate(toks) if i >= 2 and norm_form(x[2]) in t.sets["role_nouns"]
                 and norm_form(toks[i - 1][2]) not in t.sets["prepositions"]), default=0)
        rest = toks[r:]
        if r and len(rest) <= 3 and not any(
                norm_form(w) in t.union("prepositions", "complementizers", "relative")
                or not w[0].isalnum() for _, _, w in rest):
            return _strip_np(ctx, toks[r][0], end)
    rest = toks[k + 1:]
    if not k or not 1 <= len(rest) <= 3 or any(
            norm_form(w) in t.union("prepositions", "complementizers", "relative")
            or not w[0].isalnum() for _, _, w in rest):
        return None
    if norm_form(toks[k - 1][2]) in t.sets["prepositions"]:
        return None  # 'with the editorial board': the article belongs to the adjunct
    return _strip_np(ctx, toks[k][0], end)


def _interjected(ctx: _Ctx, cs: int, ce: int) -> str | None:
    """Is the chunk [cs, ce) a phrase set off by commas between a subject and its verb?
    'clause' for a participial, relative or prepositional phrase ('speaking to reporters',
    'which is made up of …', 'in a statement'), 'np' for a determiner or role noun phrase (an
    apposition: 'the minister of Y', or an age: '69'), else None."""
    t = ctx.t
    toks = _tokens(ctx.m, cs, ce)
    if not toks or MASKC in ctx.m[cs:ce]:
        return None
    first = norm_form(toks[0][2])
    if first in t.sets["complementizers"] or first in t.pronouns:
        return None
    if first in t.sets["relative"] and not (first in t.sets["determiners"] and len(toks) > 1 and _cap(toks[1][2])):
        return "clause"
    if not _cap(toks[0][2]) and (_participle_word(ctx, toks[0][2]) or first in t.sets["prepositions"]):
        return "clause"
    if first in t.sets["determiners"] or first in t.sets["role_nouns"]:
        return "np"
    if len(toks) > 1 and re.search(r"[’']s?$", toks[0][2]) and _cap(toks[0][2]) or any(
            norm_form(w) in t.union("role_nouns", "generic_roles") for _, _, w in toks[1:3]):
        return "np"  # "Trump's campaign manager", 'former chief of staff of …': a role in apposition
    if len(toks) == 1 and toks[0][2].isdigit() and len(toks[0][2]) <= 3:
        return "np"  # an age: 'Mr. Regalado, 69, said'
    if len(toks) >= 3 and toks[0][2].isalpha() and norm_form(toks[1][2]) in t.sets["genitive_links"] \
            and not any(mn.start == toks[0][0] for mn in ctx.mentions):
        return "np"  # a bare noun and its genitive: 'X, Inhaber von Topclean, erklärt', 'X, head of Y, said'
    return None


def _subject_np(ctx: _Ctx, cs: int, ce: int) -> bool:
    """Can [cs, ce) be the subject of a verb by itself: a name (or a person or organisation
    mention), a pronoun, or a short noun phrase headed by a determiner or role noun?"""
    t = ctx.t
    toks = _tokens(ctx.m, cs, ce)
    if not toks or MASKC in ctx.m[cs:ce] or ctx.cues_in(cs, ce):
        return False
    if _pure_name(toks, t) or (len(toks) == 1 and toks[0][2].lower() in t.pronouns):
        return True
    if any(mn.start <= toks[0][0] and toks[-1][1] <= mn.end and mn.type in ("PER", "ORG") for mn in ctx.mentions):
        return True
    first = norm_form(toks[0][2])
    return len(toks) <= 6 and (first in t.sets["determiners"] or first in t.sets["role_nouns"]) \
        and first not in t.sets["complementizers"] \
        and not any(norm_form(w) in t.union("relative", "complementizers") for _, _, w in toks[1:])


def _behind_appositions(ctx: _Ctx, chunks: list[tuple[int, int]]) -> tuple[int, int] | None:
    """'Trump, speaking to a veterans group, said' / 'X, a spokeswoman for Y, which …, said' /
    'Le chef du gouvernement, qui est …, a affirmé': the subject before the phrases set off by
    commas between it and the verb (at most three)."""
    m = ctx.m

    def comma_before(j: int) -> bool:
        return j > 0 and m[chunks[j - 1][1]:chunks[j - 1][1] + 1] == ","

    k, n = len(chunks) - 1, 0
    while n < 3 and comma_before(k) and _interjected(ctx, *chunks[k]) is not None:
        n, k = n + 1, k - 1
        cs, ce = chunks[k]
        toks = _tokens(m, cs, ce)
        while len(toks) > 1 and toks[0][2].lower() in _CONJ:
            toks = toks[1:]
        if not toks:
            return None
        cs = toks[0][0]
        if not _subject_np(ctx, cs, ce):
            continue  # a long apposition ('a developer and spokeswoman for …'): look further back
        if _interjected(ctx, cs, ce) == "np" and comma_before(k) and _subject_np(ctx, *chunks[k - 1]) \
                and _pure_name(_tokens(m, *chunks[k - 1]), ctx.t):
            continue  # 'Brunner, a spokeswoman, which …, said': the name the phrase is in apposition to
        return _strip_np(ctx, cs, ce)
    return None


def _leading_np(ctx: _Ctx, lo: int, hi: int) -> tuple[int, int] | None:
    t, m = ctx.t, ctx.m
    for cs, ce in _chunks(m, lo, hi):
        toks = _tokens(m, cs, ce)
        if not toks:
            continue
        w0 = toks[0][2].lower()
        if w0 in t.sets["prepositions"] and w0 not in t.pronouns:
            continue
        if len(toks) == 1 and _is_adverb(toks[0][2], t):
            continue
        if len(toks) <= 3 and any(x[2].isdigit() for x in toks):
            continue  # "…, on Wednesday, June 5, the commander …": a date, not a subject
        if w0 in t.pronouns:
            return toks[0][0], toks[0][1]
        for mn in ctx.mentions:
            if mn.start == toks[0][0] and mn.type == "PER":
                return mn.start, mn.end
        out = []
        for i, x in enumerate(toks):
            w = x[2]
            if i == 0 and w.lower() in t.sets["determiners"]:
                out.append(x)
            elif _cap(w) or (out and w.lower() in t.sets["np_internal"]):
                out.append(x)
            elif out and out[0][2].lower() in t.sets["determiners"] and len(out) < 5 and w.lower() not in t.verbs \
                    and not w.lower().endswith("ed"):
                out.append(x)
            else:
                break
        while out and out[-1][2].lower() in t.sets["np_internal"]:
            out.pop()
        return (out[0][0], out[-1][1]) if out else None
    return None


def _quoted_starts(ctx: _Ctx) -> dict[int, int]:
    """Where the words of a quoted term or title begin (its marks are blanks in the mask),
    with where its closing mark ends."""
    key = "quoted_starts"
    if key not in ctx.memo:
        ctx.memo[key] = {c.start: c.outer_end for c in ctx.cands if c.kind != "direct"}
    return ctx.memo[key]


def _np_after(ctx: _Ctx, pos: int, hi: int, max_tokens: int = 10) -> tuple[int, int] | None:
    t, m = ctx.t, ctx.m
    toks = _tokens(m, pos, hi)
    out = []
    quoted = _quoted_starts(ctx)
    for x in toks:
        w = x[2]
        if not w[0].isalnum() and w not in "’'-&" or w == MASKC:
            break
        if out and x[0] in quoted and norm_form(out[-1][2]) not in t.union("media_heads", "org_heads", "role_nouns") \
                and not t.caseless and not _cap(m[quoted[x[0]]:quoted[x[0]] + 40].lstrip(" \u00a0")):
            # 'sagte Merz "Zeit Online".': a title in quotation marks after a name is the outlet,
            # not part of the name (but 'Den Haags „Nachtbürgermeister“ Pat Smith' goes on)
            break
        if out and w.lower() in t.sets["np_stop"] and not (w.lower() in t.sets["np_internal"] and _cap(w)):
            break
        if out and w.lower() in t.verbs and not _cap(w):
            break
        out.append(x)
        if len(out) >= max_tokens or _ends_sentence(w, t):
            break  # 'sagte ein Sprecher des Landesamtes. mm': a stop before a lowercase word ends it too
    while out and (out[-1][2].lower() in t.sets["np_internal"] or out[-1][2].lower() in t.sets["determiners"]):
        out.pop()
    if not out:
        return None
    s, e, w = out[-1]
    if _ends_sentence(w, t):
        e -= 1
    return out[0][0], e


def _ends_sentence(w: str, t) -> bool:
    """A word with its full stop that is no abbreviation ('Dr.') or initialism ('U.S.')."""
    return w.endswith(".") and "." not in w[:-1] and (len(w) > 3 or w[:-1].lower() in t.pronouns) \
        and w[:-1].lower() not in t.sets["abbreviations"]


# -- the subject of a cue, by the table's word order ---------------------------------------

def _participle_word(ctx: _Ctx, w: str) -> bool:
    w = norm_form(w)
    return w in ctx.t.sets["participles"] or (
        len(w) > 5 and any(w.endswith(sfx) for sfx in ctx.t.lists["participle_suffix"]))


def _participle(ctx: _Ctx, cue: Any) -> bool:
    """A verb form whose subject is the speaker of the clause before ("noting that",
    "مضيفا أن")."""
    if cue.kind != "verb":
        return False
    if " " in cue.form:  # 'referring to' (a verb and its preposition of the noun-phrase cues)
        words = cue.form.split()
        return norm_form(" ".join(words)) in ctx.t.sets["np_cues"] and _participle_word(ctx, words[0])
    return _participle_word(ctx, cue.form)


def _subject_after(ctx: _Ctx, pos: int, hi: int, verb: str | None = None) -> tuple[int, int] | None:
    """The subject right after a verb-first cue, up to a complementizer, a colon, a
    quotation or a preposition: 'قال رئيس المنظمة، علي عابد زادة، إن' -> its name in
    apposition (``_pick_apposition``). After a comma, a phrase that opens with the
    preposition of one of the verb's noun-phrase cues (``verb``: 'أهاب' of 'أهاب ب') is its
    object, not an apposition ('أهاب النائب العام X، بجميع المشاركين …')."""
    t, m = ctx.t, ctx.m
    stops = t.union("np_stop", "complementizers", "prepositions")
    obj_preps = _object_preps(t, norm_form(verb)) if verb else ()
    chunks: list[list[tuple[int, int, str]]] = [[]]
    name_end = None
    for s, e, w in _tokens(m, pos, hi):
        lw = norm_form(w)
        if len(chunks) == 1 and not chunks[0] and lw in t.sets["prep_pronouns"]:
            continue  # 'أكد له أن', 'قال لها الطبيب إن': the addressee ("to him"), not the subject
        if t.caseless and len(chunks) == 1:
            if not chunks[0]:
                name_end = _name_at(ctx, s)
            elif name_end is not None and s >= name_end:
                if _object_opener(ctx, w, name_end):
                    break  # 'أعلنت وزارة الثقافة المصرية دخول …': the name is the subject, its object follows
                name_end = None
        if w == ",":
            if not chunks[-1] or len(chunks) >= 3:
                break
            chunks.append([])
            continue
        if not chunks[-1] and len(chunks) > 1 and any(
                lw == p or (len(p) == 1 and lw.startswith(p) and len(lw) > 3) for p in obj_preps):
            chunks.pop()
            break
        if not w[0].isalnum() and w not in "’'-&" or w == MASKC or lw in stops or \
                any(c.start == s for c in ctx.cues_in(s, e)):
            break
        if t.caseless and "." in w[:-1]:
            # 'قال X عضو مجلس النواب السابقين.إن …': a full stop glued between two words ends the phrase
            k = w.index(".")
            chunks[-1].append((s, s + k, w[:k]))
            break
        chunks[-1].append((s, e, w))
        if len(chunks[-1]) > 8:
            return None  # a clause, not a noun phrase
    chunks = [c for c in chunks if c]
    if not chunks:
        return None
    if t.caseless and len(chunks) == 1:
        chunks[0] = _role_phrase_end(ctx, chunks[0])
    return _pick_apposition(ctx, [(c[0][0], c[-1][1]) for c in chunks])


def _name_at(ctx: _Ctx, s: int) -> int | None:
    """The end of the longest name mention of the article that starts at ``s``."""
    ends = [mn.end for mn in ctx.mentions if mn.start == s]
    return max(ends) if ends else None


def _object_opener(ctx: _Ctx, w: str, name_end: int) -> bool:
    """Does the word ``w`` right after a name (a mention ending at ``name_end``) open the
    verb's object rather than go on with the name: a word without the article (an Arabic
    verbal noun or noun in construct: 'دخول', 'تسجيل') that is no unit of a person's name
    (a person's name can go on where the mention stopped) nor a role noun (an apposition:
    'هيثم الحاج رئيس الهيئة')."""
    from ._arabicnames import name_unit
    t = ctx.t
    lw = norm_form(w)
    if lw.startswith("ال") or lw in t.union("role_nouns", "honorifics") or not w[0].isalpha():
        return False
    per = any(mn.end == name_end and mn.type == "PER" for mn in ctx.mentions)
    return not (per and name_unit(w) is not False)


def _role_phrase_end(ctx: _Ctx, toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A subject after the verb that opens with a role noun and its definite modifiers ends
    before the first word that is neither definite (ال) nor a unit of a person's name in the
    Arabic name dictionary: 'وطلب النائب العام ضرورة الالتزام …' -> 'النائب العام' (the object
    follows with no comma), but 'النائب العام السوداني تاج السر الحبر' stays whole. Unchanged
    without the dictionary (model-free install) or without a role noun first."""
    from ._arabicnames import name_unit
    t = ctx.t
    if len(toks) < 3 or norm_form(toks[0][2]) not in t.sets["role_nouns"]:
        return toks
    for i in range(1, len(toks)):
        w = toks[i][2]
        if w.startswith("ال"):
            continue
        known = name_unit(w)
        if known is None or known:
            return toks
        return toks[:i] if i >= 2 else toks
    return toks


def _object_preps(t: CueTable, verb: str) -> tuple[str, ...]:
    """The prepositions the table's noun-phrase cues put after ``verb`` ('ب' of 'أهاب ب'; the
    verb also without a clitic of ``verb_prefixes``: 'وأهاب')."""
    forms = {verb} | {verb[len(p):] for p in t.lists["verb_prefixes"] if verb.startswith(p) and len(verb) > len(p) + 2}
    return tuple(sorted({p for f in forms for p in t.np_cue_preps.get(f, ()) if " " not in p}))


def _leading_subject(ctx: _Ctx, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject that opens a verb-final clause: the first chunk that is not a
    prepositional or time phrase nor a cue phrase ("به گزارش ایرنا،"), cut before its
    first preposition; a name and its apposition give the name."""
    t, m = ctx.t, ctx.m
    stops = t.union("np_stop", "prepositions")
    chunks = []
    for cs, ce in _chunks(m, lo, hi):
        toks = _tokens(m, cs, ce)
        if not toks:
            continue
        if ctx.cues_in(cs, ce) and not chunks:
            continue  # 'به گزارش خبرگزاری X،': a prepositional cue opens the sentence
        if norm_form(toks[0][2]) in stops and not chunks:
            continue
        out = []
        for s, e, w in toks:
            if norm_form(w) in stops or not w[0].isalnum() or any(c.start == s for c in ctx.cues_in(s, e)):
                break
            out.append((s, e))
        if not out:
            break
        chunks.append((out[0][0], out[-1][1]))
        if len(out) < len(toks) or len(chunks) >= 2:
            break
    return _pick_apposition(ctx, chunks) if chunks else None


def _pick_apposition(ctx: _Ctx, chunks: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The speaker among a noun phrase and its appositions: a person mention if there is
    one; a name after a role phrase ('رئيس المنظمة، علي عابد زادة'); else the first phrase,
    without a leading title ('الدكتور خالد عبد العزيز') and cut before a role that follows
    the name ('طارق جسارفيتش المتحدث باسم المنظمة')."""
    t = ctx.t
    for s, e in chunks:
        for mn in ctx.mentions:
            if s <= mn.start and mn.end <= e and mn.type == "PER":
                return mn.start, mn.end
    roles = t.union("role_nouns", "honorifics")

    def words(c):
        return _tokens(ctx.m, *c)

    first = words(chunks[0])
    if first and norm_form(first[0][2]) in roles:
        for c in chunks[1:]:
            ws = words(c)
            if ws and len(ws) <= 5 and not any(
                    norm_form(w) in t.union("role_nouns", "honorifics", "org_heads", "media_heads") for _, _, w in ws):
                return c
    toks = first
    if len(toks) > 1 and norm_form(toks[0][2]) in t.sets["honorifics"]:
        toks = toks[1:]
    for i in range(1, len(toks)):
        if i >= 2 and norm_form(toks[i][2]) in t.sets["role_nouns"]:
            toks = toks[:i]
            break
    return (toks[0][0], toks[-1][1]) if toks else None
