"""Internal helper of the quotes stage: indirect speech ("X said (that) CONTENT", "CONTENT,
X said", "According to X, CONTENT", reported subjunctive) and the content span of a
statement. Not a stable API."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import _quotemarks as qm
from ._quotenp import _cap, _leading_np, _np_after, _participle, _participle_word, _subject_before, _tokens
from ._quoteroles import _Attr, _Cue, _cue_subject
from .cues import norm_form

if TYPE_CHECKING:
    from .quotes import _Ctx


def _covered(ctx: _Ctx, s: int, e: int) -> float:
    if e <= s:
        return 1.0
    n = sum(1 for k in range(s, e) if ctx.m[k] == qm.MASK)
    return n / (e - s)


def _content(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
    s, e = qm._trim(ctx.text, s, e)
    if ctx.t.caseless:  # 'للغاية.تمت': a full stop without a space still ends the sentence
        x = _GLUED_STOP.search(ctx.m, s, e)
        if x:
            e = x.start()
    while e > s and ctx.text[e - 1] in ".,;:":
        e -= 1
    while s < e and ctx.text[s] in ",;: ":
        s += 1
    if len(re.findall(r"\w+", ctx.text[s:e])) < 3 or _covered(ctx, s, e) > 0.6:
        return None
    return s, e


_GLUED_STOP = re.compile(r"\.(?=[^\W\d_])")


def _indirect(ctx: _Ctx, cue: _Cue) -> _Attr | None:
    t, m = ctx.t, ctx.m
    ss, se = ctx.sent_of(cue.start)
    if ctx.weak(cue) or cue.cls == "question":
        return None
    if cue.kind == "prep":
        # "According to X, CONTENT" / "Selon X, CONTENT" / "CONTENT, according to X."
        sp = _np_after(ctx, cue.end, se)
        if not sp:
            return None
        comma = m.find(",", cue.end, se)
        lead = m[ss:cue.start].strip(" \u00a0\n") == ""
        name = _name_np(ctx, sp) if lead else None
        if name and m[name[1]:comma if comma > 0 else se].strip(" \u00a0"):
            # 'Laut Radio X bekannte sich …' (no comma after the source): the content follows the name
            sp = name
            cont = _content(ctx, name[1], se)
        elif lead and comma > 0:
            nxt = m.find(",", comma + 1, se)
            app = m[comma + 1:nxt] if nxt > 0 else ""
            if app and len(app.split()) <= 8 and any(
                    w in t.sets["role_nouns"] for w in re.findall(r"[\w’'\-]+", app.lower())[:2]):
                comma = nxt  # 'Selon X, directeur de l'AFN, CONTENT': skip the apposition
            cont = _content(ctx, comma + 1, se)
        else:
            cont = _content(ctx, ss, cue.start)
        return _Attr(*cont, False, "rules:according", cue=cue, sp=sp) if cont else None
    if cue.kind == "prep_after":
        sp = _leading_np(ctx, max(ss, m.rfind(",", ss, cue.start) + 1), cue.start)
        cont = _content(ctx, ss, m.rfind(",", ss, cue.start)) if sp else None
        return _Attr(*cont, False, "rules:according", cue=cue, sp=sp) if cont else None
    tail = m[cue.end:se]
    x = _complement(ctx, tail)
    if _participle(ctx, cue):
        # "…, noting that …": the subject is the one of the main verb before it
        prev = [c for c in ctx.cues_in(ss, cue.start) if c.kind == "verb" and not _participle(ctx, c)]
        if prev and not t.verb_first:
            sp, zero = _subject_before(ctx, ss, prev[-1].start), False
        else:
            sp, zero = _cue_subject(ctx, cue, ss, cue.end + x.start("comp") if x else se)
        cont = _content(ctx, cue.end + x.end(), se) if (sp and x) else None
        return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp, zero=zero) if cont else None
    # pattern A: "X said (that) CONTENT"
    sp, zero = _cue_subject(ctx, cue, ss, cue.end + x.start("comp") if x else se, inverted=x is not None)
    if not sp:
        cont = None
    elif x:
        cont = _content(ctx, cue.end + x.end(), se)
    elif t.zero_re is not None and cue.cls in t.sets["zero_classes"] \
            and norm_form(cue.form) not in t.sets["zero_exclude"] and t.zero_re.match(tail):
        cont = _content(ctx, cue.end, se)
    else:
        cont = None
    if cont:
        return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp, zero=zero)
    sub = _subjunctive(ctx, cue, sp, tail, se)
    if sub is not None:
        return sub
    # pattern B: "CONTENT, X said." / "CONTENT, a-t-il expliqué, …"
    before = m[ss:cue.start]
    comma = before.rfind(",")
    parts = tail.split(",", 1)
    tail_words = len(re.findall(r"\w+", parts[0]))
    rest_ok = len(parts) == 1 or not parts[1].strip(" .") or _participle_word(ctx, parts[1].split()[0] if parts[1].split() else "")
    if comma > 0 and tail_words <= 14 and rest_ok and not t.comp_word_re.search(tail.split(",")[0]):
        sp = cue.pron
        lo = ss + comma
        if not sp:
            sp = _subject_before(ctx, ss, cue.start)
            if sp:
                lo = m.rfind(",", ss, sp[0])
                if lo < ss:
                    sp = None
        if sp is None and not cue.pron and before[comma + 1:].strip() == "":
            sp, lo = _np_after(ctx, cue.end, se, 8), ss + comma
            if sp and m[sp[0]:sp[1]].split()[0].lower() in t.sets["prepositions"]:
                sp = None  # 'X, the water chief, spoke on Monday': no subject after the verb
        if sp:
            cont = _content(ctx, ss, lo)
            if cont:
                return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp)
    return None


def _complement(ctx: _Ctx, tail: str) -> re.Match | None:
    """The complementizer (or colon) that opens the content after a cue ("told reporters on
    Monday that", "أشار إلى أن"), with no other speech verb before it; group ``comp``."""
    t = ctx.t
    if not tail:
        return None
    x = t.comp_re.match(tail)
    if x and t.cue_re and any(norm_form(y.group("v")) not in t.sets["weak_verbs"]
                              for y in t.cue_re.finditer(tail, 0, x.start("comp"))):
        return None
    return x


def _name_np(ctx: _Ctx, sp: tuple[int, int]) -> tuple[int, int] | None:
    """The noun phrase up to its last capitalised word, when a lowercase word that is not a
    determiner or a name particle follows a capitalised one ('Radio X bekannte sich')."""
    t = ctx.t
    toks = _tokens(ctx.m, *sp)
    seen = False
    for i, (_, _, w) in enumerate(toks):
        if _cap(w):
            seen = True
        elif seen and w.lower() not in t.sets["np_internal"] and w.lower() not in t.sets["determiners"] \
                and w[:1].isalpha():
            j = i
            while j > 0 and not _cap(toks[j - 1][2]):
                j -= 1
            return (toks[0][0], toks[j - 1][1]) if j > 0 else None
    return None


def _subjunctive(ctx: _Ctx, cue: _Cue, sp: tuple[int, int] | None, tail: str, se: int) -> _Attr | None:
    """'X sagte (der Zeitung), die Angreifer hätten …' / 'sagte der Sprecher, man sei …': a
    clause after a comma whose verb is in the reported mood (the table's
    ``reported_subjunctive``), without a complementizer."""
    t = ctx.t
    if t.subjunctive_re is None or cue.kind != "verb" or cue.cls == "question":
        return None
    x = re.match(r"[^;:.\x07,]{0,80}?,\s*", tail)
    if not x or t.cue_re and t.cue_re.search(tail[:x.start()]):
        return None
    rest = tail[x.end():]
    if not t.subjunctive_re.search(" ".join(rest.split(",")[0].split()[:12])):
        return None
    if sp and any(c.kind == "prep" and c.start == sp[0] for c in ctx.cues_in(sp[0], sp[1])):
        sp = None  # 'Laut X sagte der Minister, …': verb-second, the subject follows the verb
    if sp is None and tail[:x.end()].strip(" ,"):
        sp = _np_after(ctx, cue.end, cue.end + x.end() - 1)
    cont = _content(ctx, cue.end + x.end(), se) if sp else None
    return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp) if cont else None
