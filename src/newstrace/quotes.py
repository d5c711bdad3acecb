"""Quotes and sourcing: the per-article stage ``extract(article, options) -> Article``.

Sets ``article.quotes`` (direct and indirect statements with speaker, cue, channel and an
anonymity flag) and ``article.sources`` (the outlets the article cites, with evidence).

Design (see docs/research/quotes.md): a sieve pipeline driven by per-language data tables
(``newstrace.cues``). Quotations are found from the characters of the text; cues are found
outside quotations only; the speaker is the subject of the cue (the noun phrase before it,
or after it when inverted), pronouns go to the most recent compatible speaker, documents
("the statement reads") to the body that issued them. Each quote records the sieve that
produced it in ``method`` (``rules:after``, ``rules:before``, ``rules:relay``,
``rules:colon``, ``rules:colon_intro``, ``rules:continuation``, ``rules:indirect``,
``rules:according``...; ``+pronoun``, ``+role`` when the speaker was resolved). Role phrases
go to the most recent person introduced with a compatible role, and names typed PER that are
places are never antecedents (``_quoteroles``).
The stage is model-free and fast; it reads the ``mentions`` of the article when present.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any

from . import _quotemarks as qm
from ._quotenp import _cap, _leading_np, _np_after, _strip_np, _subject_before, _tokens
from ._quoteroles import (_Attr, _Cue, _channel_from_np, _cut_at_subject, _definite, _inverted_subject,
                          _is_outlet, _is_place, _key, _norm_name, _np_after_inverted, _resolve, _role_head,
                          _subject_sp, _type_speaker, is_named_channel)
from .cues import CueTable, table as cue_table
from .records import Article, Quote, SourceLink

__all__ = ["extract", "is_named_channel"]

_PERSISTENT_SAME_SPEAKER = {"interview"}
_PERSISTENT_ARTICLE = {"reported_by"}
_SOURCE_KIND = {"quoted_by": "quote", "told": "quote", "interview": "interview",
                "reported_by": "report", "according_to": "report"}


class _Ctx:
    """Everything the sieves share for one article."""

    def __init__(self, article: Article, t: CueTable):
        self.a = article
        self.text = article.text
        self.t = t
        self.paras = qm.paragraphs(self.text, article.paragraphs)
        self.cands = qm.scan(self.text, self.paras, t)
        qm.classify(self.text, self.cands, self.paras, t)
        self.quotes = [c for c in self.cands if c.kind == "direct"]
        self.m = qm.mask(self.text, self.cands)
        self.sents = qm.sentence_bounds(self.m, self.paras, self.cands, t)
        self.pstarts = [p[0] for p in self.paras]
        self.mentions = sorted(article.mentions or [], key=lambda x: x.start)
        self.memo: dict[Any, Any] = {}  # per-article caches of the _quoteroles helpers
        self.cues = self._find_cues()
        self.cue_starts = [c.start for c in self.cues]

    # -- positions ---------------------------------------------------------------------
    def para_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.pstarts, pos) - 1)
        return self.paras[i] if self.paras else (0, len(self.text))

    def sent_of(self, pos: int) -> tuple[int, int]:
        ps, pe = self.para_of(pos)
        i = bisect.bisect_right(self.sents, pos) - 1
        s = max(ps, self.sents[i]) if i >= 0 else ps
        j = bisect.bisect_right(self.sents, pos)
        e = min(pe, self.sents[j]) if j < len(self.sents) else pe
        return s, e

    def cues_in(self, s: int, e: int) -> list[_Cue]:
        i = bisect.bisect_left(self.cue_starts, s)
        out = []
        while i < len(self.cues) and self.cues[i].start < e:
            if self.cues[i].end <= e:
                out.append(self.cues[i])
            i += 1
        return out

    # -- cues --------------------------------------------------------------------------
    def _find_cues(self) -> list[_Cue]:
        t, m = self.t, self.m
        found: list[_Cue] = []
        taken: set[int] = set()
        for rx in t.inversion_res:
            for x in rx.finditer(m):
                verb = x.group("verb").lower()
                if verb in t.verbs:
                    found.append(_Cue(x.start(), x.end(), x.group(0), t.verbs[verb], "inv",
                                      (x.start("pron"), x.end("pron"))))
                    taken.update(range(x.start(), x.end()))
        if t.cue_re is not None:
            for x in t.cue_re.finditer(m):
                if x.start() in taken:
                    continue
                form = re.sub(r"\s+", " ", x.group(0).lower())
                pw = re.search(r"(?:([\w’'\-]+)\s+)?([\w’'\-]+)\s+$", m[max(0, x.start() - 40):x.start()])
                if pw and pw.group(2).lower() in t.sets["noun_preceders"] and not (
                        # "the official said": a role noun after a determiner is the subject
                        pw.group(2).lower() in t.sets["role_nouns"] | t.sets["anonymous_heads"]
                        and (pw.group(1) or "").lower() in t.sets["determiners"]):
                    continue
                found.append(_Cue(x.start(), x.end(), x.group(0), t.verbs.get(form, "neutral")))
        for rx, kind in ((t.prep_before_re, "prep"), (t.prep_after_re, "prep_after")):
            if rx is not None:
                for x in rx.finditer(m):
                    pw = re.search(r"([\w’'\-]+)\s+$", m[max(0, x.start() - 30):x.start()])
                    if (kind == "prep" and pw
                            and pw.group(1).lower() in t.sets["noun_preceders"]):
                        # an article before the cue word makes it an ordinary word:
                        # "il secondo scudetto", "pelo segundo ano"
                        continue
                    found.append(_Cue(x.start(), x.end(), x.group(0), "according", kind))
        found.sort(key=lambda c: c.start)
        return found

    def weak(self, cue: _Cue) -> bool:
        return cue.form.lower() in self.t.sets["weak_verbs"]


# -- sieves: direct quotes ----------------------------------------------------------------

def _after_ok(ctx: _Ctx, c: qm.Cand) -> bool:
    """Can a cue after the closing mark attribute this quote? Not when the quote ends a
    sentence and a new one starts after it."""
    content = ctx.text[c.start:c.end].rstrip()
    nxt = ctx.m[c.outer_end:c.outer_end + 40].lstrip(" ,\u00a0")
    if not content or content[-1] not in ".":
        return True
    return bool(nxt) and (nxt[:1].islower() or nxt.lower().split(" ")[0] in ctx.t.pronouns)


def _link_direct(ctx: _Ctx, c: qm.Cand) -> _Attr:
    t, m = ctx.t, ctx.m
    at = _Attr(c.start, c.end, True, "rules:none", partial=c.partial)
    ss, se = ctx.sent_of(c.open)
    _, se = ctx.sent_of(max(c.outer_end - 1, c.open))
    # region after the quote up to the sentence end or the next quotation
    nxtq = m.find(qm.MASK, c.outer_end)
    a_hi = min(se, nxtq) if nxtq >= 0 else se
    # region before the quote, from the sentence start or the previous quotation
    prevq = m.rfind(qm.MASK, ss, c.open)
    b_lo = prevq + 1 if prevq >= 0 else ss
    # 1. relay: "..., X quoted Y as saying"
    if c.close is not None:
        seg = m[c.outer_end:a_hi]
        for rx in t.relay_res:
            x = rx.match(seg.lstrip(" ,\u00a0"))
            if x:
                off = c.outer_end + len(seg) - len(seg.lstrip(" ,\u00a0"))
                sp = _subject_sp(ctx, off + x.start("sp"), off + x.end("sp"))
                ch = _strip_np(ctx, off + x.start("ch"), off + x.end("ch"))
                at.cue = _Cue(off + x.start("cue"), off + x.end("cue"), x.group("cue"), "neutral")
                at.sp, at.method = sp, "rules:relay"
                if ch:
                    name, span, named = _channel_from_np(ctx, *ch)
                    at.channel, at.ch_span, at.ch_kind, at.ch_named = name, span, "quoted_by", named
                    at.evidence = [ch[0], at.cue.start]
                return at
    # 2a. '"…" ― Name' (attribution by a dash, as under a list of quotes)
    if c.close is not None:
        x = re.match(r"[ \u00a0]*[―—–-][ \u00a0]*", m[c.outer_end:a_hi])
        if x:
            sp = _np_after(ctx, c.outer_end + x.end(), a_hi, 6)
            if sp and _cap(m[sp[0]:sp[1]]):
                at.sp, at.method = sp, "rules:dash"
                return at
    # 2. cue right after the quote: '"…," X said' / '"…," said X' / '« … », a-t-il dit'
    if c.close is not None and _after_ok(ctx, c):
        for cue in ctx.cues_in(c.outer_end, a_hi):
            if cue.kind in ("prep", "prep_after"):
                break
            mid = m[c.outer_end:cue.start]
            if len(re.findall(r"\w+", mid)) > 10 or re.search(r"[.;:!?]", _no_abbrev(ctx, mid)):
                break
            mw = re.findall(r"[\w’'\-]+", mid)
            if mw and mw[0].lower() in t.sets["linkers"]:
                break  # '"…" and has itself been accused': a new clause, not the quote's subject
            if c.partial and len(mw) >= 3 and mw[0].lower() in t.sets["determiners"] and \
                    mw[0].lower() not in _definite(t) and not _cap(mw[1]) and _cap(mw[-1]) and \
                    not any(w.lower() in t.sets["role_nouns"] | t.sets["anonymous_heads"] | t.sets["org_heads"]
                            for w in mw[1:]):
                break  # '"…", a claim Khorvat denies': an apposition to the quote, not its speaker
            at.cue, at.method = cue, "rules:after"
            if cue.pron:
                at.sp = cue.pron
            elif mid.strip(" ,\u00a0—–-") and not all(
                    w.lower() in t.sets["skip_before_cue"] for w in re.findall(r"[\w’']+", mid)):
                at.sp = _strip_np(ctx, c.outer_end + len(mid) - len(mid.lstrip(" ,\u00a0—–-")), cue.start)
            else:
                at.sp = _inverted_subject(ctx, cue.end, a_hi)
                if at.sp is None and t.pro_drop and \
                        re.match(r"[\s.]*$", m[cue.end:a_hi]) and cue.kind == "verb":
                    # a verb with no subject in a pro-drop language: the previous speaker
                    at.sp, at.zero = (cue.start, cue.end), True
            if at.sp:
                return at
            at.cue = None
    # 3. cue before the quote in the same sentence: 'X said: "…"', 'X added that … "…"'
    cues = [q for q in ctx.cues_in(b_lo, c.open) if not (ctx.weak(q) and not re.match(r"[\s,:]*$", m[q.end:c.open]))]
    if cues:
        cue = cues[-1]
        comp = t.lists["complementizers"] or ["that"]
        between = re.sub(r"\b(?:%s)\b" % "|".join(map(re.escape, comp)), " ", m[cue.end:c.open], flags=re.I)
        bw = re.match(r"\s*([\w’']+)", between)
        if len(cues) > 1 and cue.kind == "verb" and not cue.pron and bw and \
                bw.group(1).lower() not in t.sets["prepositions"]:
            # 'X said that … the delegation had rejected the offer "…"': the quote is inside the
            # clause reported by the first cue, whose complementizer comes before the later cue
            first = next((q for q in cues if q.kind == "verb" and not _participle(ctx, q)), None)
            if first is not None and first is not cue and re.search(
                    r"\b(?:%s)\b" % "|".join(map(re.escape, comp)), m[first.end:cue.start], re.I):
                cue = first
        at.cue, at.method = cue, "rules:before"
        if cue.kind == "prep":
            at.sp = _np_after(ctx, cue.end, c.open)
            at.method = "rules:according"
        elif cue.pron:
            at.sp = cue.pron
        else:
            at.sp = _subject_before(ctx, ss, cue.start) or _np_after_inverted(ctx, cue, c.open)
        if at.sp:
            return at
        at.cue = None
    # 4. introduced by a previous sentence or paragraph ending with ':'
    if b_lo == ss or not m[b_lo:c.open].strip():
        ps, _ = ctx.para_of(c.open)
        prev_end = ss if ss > ps else ps
        k = prev_end - 1
        while k > 0 and ctx.text[k] in " \n\u00a0":
            k -= 1
        if k > 0 and ctx.text[k] == ":":
            ps2, _ = ctx.sent_of(k)
            cues = [q for q in ctx.cues_in(ps2, k) if q.kind == "verb" or q.pron]
            if cues:
                cue = cues[0]
                at.cue, at.method = cue, "rules:colon"
                at.sp = cue.pron or _subject_before(ctx, ps2, cue.start)
                if at.sp:
                    return at
                at.cue = None
    # 5. 'In an interview with Radio X, he went further: "…"' / 'X im Interview: „…“': a clause
    # with no speech verb, ending with a colon right before the quote
    colon = m.rfind(":", b_lo, c.open)
    if colon >= 0 and not m[colon + 1:c.open].strip():
        fr = _colon_intro(ctx, b_lo, colon, need_frame=False)
        if fr is not None:
            at.cue, at.sp, at.zero = fr
            at.method = "rules:colon_intro"
            return at
    return at


def _no_abbrev(ctx: _Ctx, s: str) -> str:
    abbr = ctx.t.sets["abbreviations"]
    return re.sub(r"\b([\w\.]+)\.", lambda x: x.group(1) + (
        " " if x.group(1).lower() in abbr or len(x.group(1)) == 1 else "."), s)


# -- colon intros ----------------------------------------------------------------------------

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


# -- sieves: indirect speech ----------------------------------------------------------------

def _covered(ctx: _Ctx, s: int, e: int) -> float:
    if e <= s:
        return 1.0
    n = sum(1 for k in range(s, e) if ctx.m[k] == qm.MASK)
    return n / (e - s)


def _content(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
    s, e = qm._trim(ctx.text, s, e)
    while e > s and ctx.text[e - 1] in ".,;:":
        e -= 1
    while s < e and ctx.text[s] in ",;: ":
        s += 1
    if len(re.findall(r"\w+", ctx.text[s:e])) < 3 or _covered(ctx, s, e) > 0.6:
        return None
    return s, e


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
    if _participle(ctx, cue):
        # "…, noting that …": the subject is the one of the main verb before it
        prev = [c for c in ctx.cues_in(ss, cue.start) if c.kind == "verb" and not _participle(ctx, c)]
        sp = _subject_before(ctx, ss, prev[-1].start) if prev else None
        x = re.match(r"\s*(?:%s)\b" % "|".join(map(re.escape, t.lists["complementizers"] or ["that"])), tail, re.I)
        cont = _content(ctx, cue.end + x.end(), se) if (sp and x) else None
        return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp) if cont else None
    # pattern A: "X said (that) CONTENT"
    sp = cue.pron or _subject_before(ctx, ss, cue.start)
    x = re.match(r"(?:[^;:.\x07]{0,80}?)(?:\b(?:%s)\b|[:])" % "|".join(
        map(re.escape, t.lists["complementizers"] or ["that"])), tail, re.I) if tail else None
    if not sp:
        cont = None
    elif x and not (t.cue_re and any(
            y.group(0).lower() not in t.sets["weak_verbs"]
            for y in t.cue_re.finditer(re.sub(r"[\w’']+\s*$|:\s*$", "", tail[:x.end()])))):
        cont = _content(ctx, cue.end + x.end(), se)
    elif t.zero_re is not None and cue.cls in t.sets["zero_classes"] \
            and cue.form.lower() not in t.sets["zero_exclude"] and t.zero_re.match(tail):
        cont = _content(ctx, cue.end, se)
    else:
        cont = None
    if cont:
        return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp)
    sub = _subjunctive(ctx, cue, sp, tail, se)
    if sub is not None:
        return sub
    # pattern B: "CONTENT, X said." / "CONTENT, a-t-il expliqué, …"
    before = m[ss:cue.start]
    comma = before.rfind(",")
    parts = tail.split(",", 1)
    tail_words = len(re.findall(r"\w+", parts[0]))
    rest_ok = len(parts) == 1 or not parts[1].strip(" .") or _participle_word(ctx, parts[1].split()[0] if parts[1].split() else "")
    if comma > 0 and tail_words <= 14 and rest_ok and not re.search(
            r"\b(?:%s)\b" % "|".join(map(re.escape, t.lists["complementizers"] or ["that"])), tail.split(",")[0]):
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


def _participle_word(ctx: _Ctx, w: str) -> bool:
    w = w.lower()
    return len(w) > 5 and any(w.endswith(sfx) for sfx in ctx.t.lists["participle_suffix"])


def _participle(ctx: _Ctx, cue: _Cue) -> bool:
    return cue.kind == "verb" and " " not in cue.form and _participle_word(ctx, cue.form)


# -- channels ------------------------------------------------------------------------------

def _channels(ctx: _Ctx, at: _Attr) -> None:
    if at.channel or at.cue is None:
        return
    t, m = ctx.t, ctx.m
    ss, se = ctx.sent_of(at.cue.start)
    seg = m[ss:se]
    for rx, kind in t.channels:
        for x in rx.finditer(seg):
            if kind == "according_to":
                continue
            np = _np_after(ctx, ss + x.end(), se, 8)
            if not np or ctx.text[np[0]:np[1]].lower() in t.pronouns:
                continue
            np = _cut_at_subject(ctx, *np)
            name, span, named = _channel_from_np(ctx, *np)
            if kind == "told" and not named and not _is_outlet(ctx, ctx.text[np[0]:np[1]]):
                continue
            if kind == "told_outlet":
                # a dative without "to" ("sagte Radio X"): only an outlet-like name is a channel
                if not _is_outlet(ctx, ctx.text[np[0]:np[1]]):
                    continue
                kind = "told"
            at.channel, at.ch_span, at.ch_kind, at.ch_named = name, span, kind, named
            at.evidence = [ss + x.start(), np[1]]
            return
    # "…, PressTV reported." — an outlet reporting the sentence
    for cue in ctx.cues_in(ss, se):
        if cue is at.cue or cue.form.lower() not in t.sets["report_verbs"]:
            continue
        sp = _subject_before(ctx, ss, cue.start)
        if sp and _is_outlet(ctx, ctx.text[sp[0]:sp[1]]):
            name, span, named = _channel_from_np(ctx, *sp)
            at.channel, at.ch_span, at.ch_kind, at.ch_named = name, span, "reported_by", named
            at.evidence = [sp[0], cue.end]
            return
    if at.kind == "outlet" and at.span:
        name, span, named = _channel_from_np(ctx, *at.sp)  # type: ignore[misc]
        kind = "according_to" if at.cue.kind == "prep" else "reported_by"
        at.channel, at.ch_span, at.ch_kind, at.ch_named = name, span, kind, named
        at.evidence = [min(at.sp[0], at.cue.start), max(at.sp[1], at.cue.end)]  # type: ignore[index]
        return
    for rx, kind in t.channel_fixed:
        x = rx.search(seg)
        if x:
            at.channel, at.ch_span, at.ch_kind, at.ch_named = x.group(0), (ss + x.start(), ss + x.end()), kind, False
            return


def _interviews_given(ctx: _Ctx, attrs: list[_Attr]) -> list[_Attr]:
    """Sentences that say a person spoke to a named outlet in an interview without a
    statement of their own being extracted ('X acusó a Y de …, en una entrevista con Radio M
    emitida el jueves'): records (not output) that make the person's later quotes inherit
    the interview as their channel (``_inherit_channels``)."""
    out: list[_Attr] = []
    busy = [(ctx.sent_of(a.cue.start)) for a in attrs if a.cue is not None]
    for rx, kind in ctx.t.channels:
        if kind != "interview":
            continue
        for x in rx.finditer(ctx.m):
            ss, se = ctx.sent_of(x.start())
            if (ss, se) in busy:
                continue
            cue = next((c for c in ctx.cues_in(ss, se) if c.kind == "verb"), None)
            sp = _subject_before(ctx, ss, cue.start) if cue is not None else None
            np = _np_after(ctx, x.end(), se, 8)
            if sp is None or np is None:
                continue
            name, span, named = _channel_from_np(ctx, *_cut_at_subject(ctx, *np))
            ev = _Attr(ss, se, False, "event", cue=cue, sp=sp)
            _type_speaker(ctx, ev, (ss, se))
            if named and ev.kind == "name":
                ev.channel, ev.ch_span, ev.ch_kind, ev.ch_named = name, span, "interview", True
                out.append(ev)
    return out


def _inherit_channels(attrs: list[_Attr], ctx: _Ctx) -> None:
    per_speaker: dict[str, _Attr] = {}
    article_level: _Attr | None = None
    breaks = ctx.t.lists["occasion_breaks"]
    for at in sorted(attrs + _interviews_given(ctx, attrs), key=lambda a: a.pos):
        if at.channel and at.ch_kind:
            if at.ch_kind in _PERSISTENT_SAME_SPEAKER:
                per_speaker[_key(at.speaker)] = at
            if at.ch_kind in _PERSISTENT_ARTICLE:
                article_level = at
            continue
        ss, _ = ctx.sent_of(at.pos)
        sent = ctx.text[ss:at.pos + 1].lower()
        if any(b in sent for b in breaks):
            per_speaker.pop(_key(at.speaker), None)
            continue
        src = per_speaker.get(_key(at.speaker)) or article_level
        if src is not None and at.speaker:
            at.channel, at.ch_span, at.ch_kind, at.ch_named = src.channel, src.ch_span, src.ch_kind, src.ch_named
            at.ch_inherited = True


# -- the stage --------------------------------------------------------------------------------

def _attributions(ctx: _Ctx) -> list[_Attr]:
    attrs: list[_Attr] = []
    used: set[int] = set()
    for c in ctx.quotes:
        at = _link_direct(ctx, c)
        if at.cue is not None:
            used.add(at.cue.start)
        attrs.append(at)
    # a quote-only paragraph or sentence continues the previous speaker
    for i, at in enumerate(attrs):
        if at.sp is None and i > 0 and attrs[i - 1].sp is not None:
            prev = attrs[i - 1]
            ps, _ = ctx.para_of(at.cs)
            pps, _ = ctx.para_of(prev.cs)
            gap = ctx.m[ctx.quotes[i - 1].outer_end:ctx.quotes[i].open]
            cue_between = prev.cue is not None and ps == pps and \
                ctx.quotes[i - 1].outer_end <= prev.cue.start < ctx.quotes[i].open
            if (ps == pps or not re.search(r"\w", gap.split("\n")[-1] if "\n" in gap else gap)) and (
                    len(re.findall(r"\w+", gap)) <= 12 or (cue_between and len(re.findall(r"\w+", gap)) <= 30)):
                at.sp, at.cue, at.method = prev.sp, prev.cue, "rules:continuation"
    for cue in ctx.cues:
        if cue.start in used:
            continue
        ind = _indirect(ctx, cue)
        if ind is not None:
            attrs.append(ind)
    attrs += _colon_statements(ctx, attrs)
    seen: set[tuple[int, int]] = set()
    # the same content found from a verb and from "according to": keep the verb's reading
    attrs.sort(key=lambda a: a.cue is not None and a.cue.kind == "prep")
    shadow = [a for a in attrs if (a.cs, a.ce) in seen or seen.add((a.cs, a.ce))]
    attrs = [a for a in attrs if not any(a is b for b in shadow)]
    attrs.sort(key=lambda a: (a.pos, a.cs))
    for at in attrs + shadow:
        if at.sp is not None:
            _type_speaker(ctx, at, ctx.sent_of(at.sp[0]))
            _channels(ctx, at)
    for sh in shadow:  # 'Laut Radio X sagte der Minister, …': the outlet is the channel of the verb's reading
        if sh.kind == "outlet" and sh.cue is not None and sh.cue.kind == "prep" and sh.channel:
            for at in attrs:
                if (at.cs, at.ce) == (sh.cs, sh.ce) and not at.channel and at.kind != "outlet":
                    at.channel, at.ch_span, at.ch_kind, at.ch_named = sh.channel, sh.ch_span, "according_to", sh.ch_named
                    at.evidence = [sh.cue.start, sh.sp[1]]  # type: ignore[index]
    _according_outlets(ctx, attrs)
    for at in attrs:
        if at.channel and at.ch_kind == "told" and _self_outlet(ctx, at.channel):
            # "a assuré au Courrier" in the Courrier itself: said to the reporter, no relay
            at.channel = at.ch_span = at.ch_kind = None
            at.ch_named = False
    # "X said …, PressTV reported": the outlet is the channel of X's statement, not a speaker
    attrs = [a for a in attrs if not (
        not a.direct and a.kind == "outlet" and any(
            b is not a and not b.direct and b.kind != "outlet" and b.cs < a.ce and a.cs < b.ce and b.channel
            for b in attrs))]
    _resolve(ctx, attrs)
    _inherit_channels(attrs, ctx)
    return attrs


def _self_outlet(ctx: _Ctx, channel: str) -> bool:
    own = _norm_name(ctx.a.outlet or "")
    ch = _norm_name(channel)
    return bool(own and len(ch) >= 4 and ch in own)


def _after_relative(ctx: _Ctx, s: int, e: int) -> int:
    """Skip a relative clause opening a span (', qui a diffusé …, celui-ci accuse …')."""
    if ctx.m[s:e].split(" ", 1)[0].lower() in ctx.t.sets["relative"]:
        k = ctx.m.find(",", s, e)
        if k > 0:
            return len(ctx.m[:k + 1]) + len(ctx.m[k + 1:e]) - len(ctx.m[k + 1:e].lstrip())
    return s


def _according_outlets(ctx: _Ctx, attrs: list[_Attr]) -> None:
    """'According to Radio X, the minister said …' / 'Selon Radio X, celui-ci accuse …' /
    'Laut Radio X bekannte sich …': an outlet introduced by a prepositional cue is the
    channel; the speaker is the subject of the reported clause when it names a person or
    a role, else the outlet stays the source of a report."""
    for a in attrs:
        if a.direct or a.kind != "outlet" or a.cue is None or a.cue.kind != "prep" or a.sp is None:
            continue
        name, span, named = _channel_from_np(ctx, *a.sp)
        cs = _after_relative(ctx, a.cs, a.ce)
        kind = "according_to"
        if cs > a.cs and any(w in ctx.t.sets["interview_nouns"] for w in re.findall(r"\w+", ctx.m[a.cs:cs].lower())):
            kind = "interview"  # 'Selon Radio X, qui a diffusé un entretien avec …': kept for the speaker
        a.channel, a.ch_span, a.ch_kind, a.ch_named = name, span, kind, named
        a.evidence = [a.cue.start, a.sp[1]]
        inner = [b for b in attrs if b is not a and not b.direct and b.kind not in (None, "outlet")
                 and a.cs <= b.pos < a.ce]
        if inner:
            for b in inner:
                if b.cs < a.cs:  # 'Selon X, …, celui-ci accuse …' read as 'CONTENT, X said'
                    b.cs, b.ce = _after_relative(ctx, a.cs, a.ce), a.ce
                if not b.channel:
                    b.channel, b.ch_span, b.ch_kind, b.ch_named = name, span, kind, named
                    b.evidence = list(a.evidence)
            a.kind = "drop"
            continue
        cue = next((c for c in ctx.cues_in(cs, a.ce) if c.kind in ("verb", "inv")), None)
        sp = cue.pron if cue and cue.pron else (_subject_before(ctx, cs, cue.start) if cue else None)
        if cue is None or sp is None or sp[0] - cs > 40:
            continue
        b = replace(a, sp=sp, cue=cue, method="rules:according+inner", evidence=list(a.evidence))
        _type_speaker(ctx, b, ctx.sent_of(sp[0]))
        if b.kind in ("name", "role", "pronoun", "anonymous", "institution"):
            a.sp, a.cue, a.method = sp, cue, b.method
            a.kind, a.speaker, a.span, a.anonymous, a.plural = b.kind, b.speaker, b.span, b.anonymous, b.plural
            a.cs = max(a.cs, cs) if ctx.m[a.cs:cs].strip(" ,") else a.cs
    attrs[:] = [a for a in attrs if a.kind != "drop"]


def _as_quote(ctx: _Ctx, at: _Attr) -> Quote:
    text = ctx.text
    q = Quote(start=at.cs, end=at.ce, text=text[at.cs:at.ce], direct=at.direct,
              method=at.method + (":partial" if at.partial and at.direct else ""))
    if at.speaker and at.span:
        q.speaker, q.speaker_start, q.speaker_end = at.speaker, at.span[0], at.span[1]
        q.speaker_kind = "anonymous" if at.anonymous else (
            "pronoun" if "+pronoun" in at.method else at.kind)
        if q.speaker_kind == "document":
            q.speaker_kind = "institution"
    if at.cue:
        q.cue, q.cue_start, q.cue_end = text[at.cue.start:at.cue.end], at.cue.start, at.cue.end
    if at.channel:
        q.channel = at.channel
        if at.ch_span:
            q.channel_start, q.channel_end = at.ch_span
    q.anonymous = at.anonymous
    return q


def _sources(ctx: _Ctx, attrs: list[_Attr]) -> list[SourceLink]:
    out: list[SourceLink] = []
    seen: set[tuple[str, str, int]] = set()
    for at in attrs:
        if not at.channel or not at.ch_named or at.ch_inherited or at.ch_kind not in _SOURCE_KIND:
            continue
        pts = [p for p in (at.evidence or []) if p is not None]
        if at.ch_span:
            pts += list(at.ch_span)
        if at.sp and at.ch_kind in ("told", "quoted_by"):
            pts += [at.sp[0], at.sp[1]]
        if at.cue and at.ch_kind not in ("reported_by", "according_to"):
            pts += [at.cue.start, at.cue.end]
        s, e = min(pts), max(pts)
        key = (_norm_name(at.channel), _SOURCE_KIND[at.ch_kind], at.ch_span[0] if at.ch_span else s)
        if key in seen:
            continue
        seen.add(key)
        out.append(SourceLink(cites=at.channel, kind=_SOURCE_KIND[at.ch_kind], start=s, end=e,
                              text=ctx.text[s:e], anonymous=at.anonymous))
    # anonymous sources: the article cites a source it does not name
    for at in attrs:
        if not at.anonymous or at.sp is None or "+pronoun" in at.method:
            continue
        s0, e0 = at.sp
        pts = [s0, e0] + ([at.cue.start, at.cue.end] if at.cue and abs(at.cue.start - e0) < 120 else [])
        key = (_norm_name(ctx.text[s0:e0]), "quote", -1)
        if key in seen:
            continue
        seen.add(key)
        out.append(SourceLink(cites=ctx.text[s0:e0], kind="quote", start=min(pts), end=max(pts),
                              text=ctx.text[min(pts):max(pts)], anonymous=True))
    # copies: "This article was first published by X."
    for rx in ctx.t.copy_res:
        for x in rx.finditer(ctx.m):
            np = _np_after(ctx, x.end(), min(len(ctx.text), x.end() + 80), 6)
            if np:
                name, span, named = _channel_from_np(ctx, *np)
                out.append(SourceLink(cites=name, kind="copy", start=x.start(), end=np[1],
                                      text=ctx.text[x.start():np[1]]))
    return out


def extract(article: Article, options: Any = None) -> Article:
    """Find the quotes and sources of one article (pure: returns a new record)."""
    text = article.text or ""
    if not text.strip():
        return replace(article, quotes=[], sources=[])
    ctx = _Ctx(article, cue_table(article.lang))
    attrs = _attributions(ctx)
    quotes = [_as_quote(ctx, at) for at in attrs]
    quotes.sort(key=lambda q: (q.start, q.end))
    return replace(article, quotes=quotes, sources=_sources(ctx, attrs))
