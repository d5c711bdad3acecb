"""Internal helper of the quotes stage: stances, the positions an actor holds or takes
("Sanders supports a $15 minimum wage", "the party opposes the deal", "Walker endorsed
Cruz", "Le parti s'oppose à la réforme", "Die SPD lehnt den Vorschlag ab"). Not a stable API.

A stance is a statement whose ``act`` is ``"stance"``: its cue is an entry of the table's
``stance_cues`` (a verb form, or a form with the preposition that opens its object: "s'oppose
à", "opone a", "is against"; English adds the forms derived from PolNeAR train, see
``train/polnear_cues.py``), its speaker the subject written before the verb (never a dropped
one; after an opening adverbial in a verb-second table: "Am Montag lehnte die SPD …"), its
content the noun phrase (or gerund) right after the cue, to the end of the clause; a verb of
the table's ``stance_separable`` needs its particle there, which the content leaves out
("lehnt den Vorschlag ab").

Stances are found after the speech acts, and apart from them: a stance never changes a
speech statement (its cue is no speech cue to the other sieves), and one whose cue or content
lies inside a speech statement, or overlaps its speaker, is part of what was said ("X said
she opposes the deal": one statement, of speech), as PolNeAR annotates it (each word belongs
to one attribution). A stance has no channel and cites no source.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from ._quoteindirect import _np_object, _np_object_inverted
from ._quoteroles import _Attr, _Cue, _cue_subject, _resolve
from .cues import norm_form

if TYPE_CHECKING:
    from .quotes import _Ctx

METHOD = "rules:stance"
_PREV = re.compile(r"([\w’'\-]+)[ \u00a0]+$")
_TOKEN = re.compile(r"[\w’'\-]+|--|[^\w\s]")
_PARTICLE = re.compile(r"[ \u00a0]+([\w’'\-]+)[ \u00a0]*[.!?;]?[ \u00a0]*$")  # the last word of a content


def _cues(ctx: _Ctx) -> list[_Cue]:
    """The stance cues of the article's masked text (quotations are masked: no cue inside
    them), outside the headline, not right after a word of ``stance_not_after`` (an
    infinitive, 'to support'; a passive auxiliary, 'wurde unterstützt'; an English passive
    has no object, 'was endorsed by X'), a form mostly used as a noun only after a subject."""
    t, m = ctx.t, ctx.m
    out = []
    for x in t.stance_re.finditer(m, ctx.head_end):
        if x.group("v")[:1].isupper() and not ctx._opens(x.start("v")):
            continue  # 'the Support Group': inside a name
        pw = _PREV.search(m, max(0, x.start() - 40), x.start())
        if pw and norm_form(pw.group(1)) in t.sets["stance_not_after"]:
            continue
        if norm_form(x.group("v")) in t.sets["nonverb_forms"] and not _after_subject(ctx, pw):
            continue  # 'his support for', 'public support', 'Taking back control': no verb
        out.append(_Cue(x.start("v"), x.end("v"), x.group("v"), "stance"))
    return out


def _object_end(ctx: _Ctx, s: int, e: int) -> int:
    """Where the object of a stance ends: it is a noun phrase (or gerund), without the
    adjuncts of time, place and manner or the clause after it ('endorsed Ted Cruz on Tuesday',
    'who support Sanders are in college', 'opposed the tax, down from 47 percent'): at a comma
    or a dash, or before a word of the table's ``stance_object_ends``, after its first word."""
    ends = ctx.t.sets["stance_object_ends"]
    toks = list(_TOKEN.finditer(ctx.m, s, e))
    for k, x in enumerate(toks):
        w = x.group()
        if k and (w in (",", ";", ":", "—", "–", "--") or (w == "-" and ctx.m[x.start() - 1:x.start()] == " ")
                  or norm_form(w) in ends):
            end = x.start()
            while end > s and ctx.text[end - 1] in " \u00a0,":
                end -= 1
            return end
    return e


def _after_subject(ctx: _Ctx, pw: re.Match | None) -> bool:
    """Is a form mostly used as a noun ('support', 'backs') a verb here: after a subject pronoun
    or a relative pronoun ('they support', 'who support'), or after a plural noun or a name
    that no determiner, preposition or auxiliary is ('voters support', 'Republicans support';
    not a capitalised word that opens the sentence, 'Taking back control')?"""
    if pw is None:
        return False
    t, w = ctx.t, pw.group(1)
    lw = norm_form(w)
    if lw in t.pronouns or lw in t.sets["relative"]:
        return True
    if lw in t.union("determiners", "prepositions", "skip_before_cue", "linkers", "complementizers"):
        return False
    return (lw.endswith("s") and not lw.endswith(("'s", "’s", "ss"))) or (w[:1].isupper() and not ctx._opens(pw.start(1)))


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def stances(ctx: _Ctx, attrs: list[_Attr], keep: Callable[[_Ctx, _Attr], bool]) -> list[_Attr]:
    """The stances of the article that no speech statement of ``attrs`` covers, with their
    speakers checked and typed as the speech statements' are (``keep(ctx, attr)``), and
    pronouns resolved against the speakers before them (the speech statements keep theirs)."""
    t, m = ctx.t, ctx.m
    if t.stance_re is None:
        return []
    # the written speakers ('which he called …': the pronoun, not its antecedent)
    taken = [(a.cs, a.ce) for a in attrs] + [a.sp for a in attrs if a.sp and not a.zero] \
        + [(a.cue.start, a.cue.end) for a in attrs if a.cue is not None]
    out: list[_Attr] = []
    for cue in _cues(ctx):
        if _inside(taken, cue.start, cue.end):
            continue
        ss, se = ctx.sent_of(cue.start)
        sp, zero = _cue_subject(ctx, cue, ss, se, inverted=False)
        obj = None
        if sp is not None and not zero and sp[1] <= cue.start:
            obj = _np_object(ctx, cue, m[cue.end:se], se, keys="stance_cues")
        if obj is None and t.sets["np_subject_openers"]:  # 'Am Montag lehnte die SPD den Vorschlag ab'
            inv = _np_object_inverted(ctx, cue, ss, se, keys="stance_cues")
            if inv is not None:
                obj, sp = inv
        if obj is None or sp is None or _inside(taken, *obj) or _inside(taken, *sp):
            continue
        cs, ce = obj
        prt = t.stance_separable.get(norm_form(cue.form))
        if prt is not None:
            x = _PARTICLE.search(ctx.text, cs, ce)
            if x is None or norm_form(x.group(1)) != prt:
                continue  # 'lehnt sich an': no stance without its particle
            ce = x.start()
        ce = _object_end(ctx, cs, ce)
        if ce <= cs:
            continue
        at = _Attr(cs, ce, False, METHOD, cue=cue, sp=sp, act="stance")
        if not keep(ctx, at):
            continue
        out.append(at)
        taken += [(cs, ce), (cue.start, cue.end), sp]
    if out:
        # pronouns ('He opposes the deal') go back to the speakers before them: the speech
        # statements (copies, so that theirs stay as they are) and the stances
        _resolve(ctx, sorted([replace(a) for a in attrs] + out, key=lambda a: (a.pos, a.cs)))
        out = [a for a in out if a.speaker and a.span]
    return out
