"""Internal helper of the quotes stage: statements introduced by a clause that ends with a
colon and has no speech verb ('In an interview with Radio X, he went further: "…"', 'X im
Interview: „…“'). Not a stable API."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import _quotemarks as qm
from ._quotenp import _cap, _leading_np, _np_after, _tokens
from ._quoteindirect import _content, _name_np
from ._quoteroles import (_Attr, _Cue, _cut_at_subject, _definite, _is_outlet, _is_place, _participle_agent,
                          _role_head)

if TYPE_CHECKING:
    from .quotes import _Ctx


def _colon_intro(ctx: _Ctx, lo: int, colon: int, need_frame: bool) -> tuple[_Cue, tuple[int, int], bool] | None:
    """A clause with no speech verb that introduces a statement with a colon: 'In an
    interview with Radio X, al-Nouri went further:', 'Dans un entretien à Radio X, il a
    enfoncé le clou :', 'En una entrevista con Radio X, fue más allá:', 'In einem Interview
    mit Radio X legte er nach:', 'Al-Nuri im Interview:'. It must name a speaker (a person, a
    pronoun or a role phrase; the subject may be dropped in a pro-drop language when the
    clause has an interview). Without an interview ("frame") only a person or pronoun that
    opens the clause is taken ('Al-Nouri was blunt: "…"'), and only for a direct quote.
    Returns the cue (the interview phrase, or the colon), the speaker span and whether the
    subject was dropped."""
    t, m = ctx.t, ctx.m
    if colon - lo > 200 or not m[lo:colon].strip():
        return None
    if any(c.kind in ("verb", "inv", "prep", "prep_after") for c in ctx.cues_in(lo, colon)):
        return None  # a speech verb or "according to": the other sieves decide
    frame = _frame(ctx, lo, colon)
    if frame is None and (need_frame or len(re.findall(r"\w+", m[lo:colon])) > 8):
        return None  # without an interview, only a short clause ('Al-Nouri was blunt:')
    skip = _channel_np(ctx, lo, colon)
    sp = _frame_speaker(ctx, lo, colon, skip, opening_only=frame is None)
    cue = _Cue(frame[0], frame[1], ctx.text[frame[0]:frame[1]], "neutral", "frame") if frame else \
        _Cue(colon, colon + 1, ":", "neutral", "frame")
    if sp is not None:
        return cue, sp, False
    if frame is not None and t.pro_drop:
        return cue, (cue.start, cue.end), True
    return None


def _frame(ctx: _Ctx, lo: int, hi: int) -> tuple[int, int] | None:
    """The interview phrase of a clause ('in an interview with', 'im Gespräch mit', 'im
    Interview', 'dans un entretien à'): a channel pattern of kind interview, else an
    interview noun (also ending a compound: 'Fernsehinterview')."""
    seg = ctx.m[lo:hi]
    for rx, kind in ctx.t.channels:
        if kind == "interview":
            x = rx.search(seg)
            if x:
                return lo + x.start(), lo + len(seg[:x.end()].rstrip())
    nouns = ctx.t.lists["interview_nouns"]
    if nouns:
        x = re.search(r"(?<![\w\-])[\w\-]*(?:%s)\b" % "|".join(map(re.escape, nouns)), seg, re.I)
        if x:
            return lo + x.start(), lo + x.end()
    return None


def _channel_np(ctx: _Ctx, lo: int, hi: int) -> tuple[int, int] | None:
    """The outlet named by a channel pattern in a clause ('with Radio X', 'mit dem Sender Y')."""
    seg = ctx.m[lo:hi]
    for rx, kind in ctx.t.channels:
        x = rx.search(seg)
        if x and kind != "according_to":
            np = _np_after(ctx, lo + x.end(), hi, 8)
            if np:
                np = _cut_at_subject(ctx, *np)
                return _name_np(ctx, np) or np  # 'mit Radio X legte er': the name ends before the verb
    return None


def _frame_speaker(ctx: _Ctx, lo: int, hi: int, skip: tuple[int, int] | None,
                   opening_only: bool) -> tuple[int, int] | None:
    """The speaker named in an intro clause, outside its channel name: a person mention, a
    pronoun, a definite role phrase or a leading capitalised name."""
    t, m = ctx.t, ctx.m

    def out(s: int, e: int) -> bool:
        return skip is None or e <= skip[0] or s >= skip[1]

    def opens(s: int) -> bool:
        # first word of the clause, or of a chunk after a leading adverbial ('On Monday, X …')
        head = m[lo:s]
        return not head.strip() or bool(re.search(r",\s*$", head)) and len(head.split()) <= 8

    for mn in ctx.mentions:
        if lo <= mn.start and mn.end <= hi and mn.type == "PER" and out(mn.start, mn.end) \
                and not _is_place(ctx, mn.start, mn.end) and not _is_outlet(ctx, mn.text):
            if opening_only and not (opens(mn.start) and _verb_follows(ctx, mn.end, hi)):
                return None
            return mn.start, mn.end
    toks = _tokens(m, lo, hi)
    for i, (s, e, w) in enumerate(toks):
        lw = w.lower()
        if not out(s, e):
            continue
        if lw in t.pronouns and t.pronouns[lw] != "n" and (not opening_only or opens(s)):
            return s, e
        if opening_only:
            continue
        if lw in _definite(t) and i + 1 < len(toks):
            k = next((j for j in range(i + 1, min(i + 4, len(toks))) if _role_head(ctx, toks[j][2])), None)
            if k is not None:
                end = toks[k][1]
                j = k + 1
                while j + 1 < len(toks) and (toks[j][2].lower() in t.sets["genitive_links"] or
                                             toks[j][2].lower() in t.sets["determiners"]):
                    j += 1
                    while j < len(toks) and _cap(toks[j][2]) and out(*toks[j][:2]):
                        end = toks[j][1]
                        j += 1
                return s, end
    if opening_only:
        sp = _leading_np(ctx, lo, hi)
        by = _participle_agent(ctx, sp[0], hi) if sp else None
        if by is not None:  # 'Examinada por médico de guardia certificó: …'
            return by if out(*by) else None
        if sp and opens(sp[0]) and _cap(m[sp[0]:sp[1]]) and m[sp[0]:sp[1]].split()[0].lower() not in \
                t.sets["determiners"] and out(*sp) and _verb_follows(ctx, sp[1], hi):
            return sp
        return None
    sp = _leading_np(ctx, lo, hi)
    if sp and _cap(m[sp[0]:sp[1]]) and out(*sp) and m[sp[0]:sp[1]].split()[0].lower() not in t.sets["determiners"]:
        return sp
    return None


def _verb_follows(ctx: _Ctx, pos: int, hi: int) -> bool:
    """A lowercase word (a verb: 'Al-Nouri was blunt') right after a name, not a possessive."""
    rest = ctx.m[pos:hi]
    return bool(re.match(r"\s+[a-zà-ÿß]", rest)) and not re.match(r"[’']", rest)


def _colon_statements(ctx: _Ctx, attrs: list[_Attr]) -> list[_Attr]:
    """Reported statements after a colon whose clause names a speaker and an interview,
    with no quotation marks: 'In einem Interview mit Radio X legte er nach: Zahristan halte
    …'. Direct quotes after such a colon are handled by ``_link_direct``."""
    out: list[_Attr] = []
    m = ctx.m
    for x in re.finditer(r":", m):
        k = x.start()
        if m[k + 1:k + 3].strip(" \u00a0")[:1] in ("", qm.MASK) or m[k - 1:k].isdigit():
            continue
        ss, se = ctx.sent_of(k)
        lo = max(ss, m.rfind(qm.MASK, ss, k) + 1)
        if any(a.cs <= k + 1 < a.ce or (a.cue is not None and lo <= a.cue.start < k) for a in attrs):
            continue
        fr = _colon_intro(ctx, lo, k, need_frame=True)
        cont = _content(ctx, k + 1, se) if fr else None
        if fr and cont:
            cue, sp, zero = fr
            out.append(_Attr(*cont, False, "rules:colon_intro", cue=cue, sp=sp, zero=zero))
    return out


