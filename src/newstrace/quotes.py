"""Quotes and sourcing: the per-article stage ``extract(article, options) -> Article``.

Sets ``article.quotes`` (direct and indirect statements with speaker, cue, channel and an
anonymity flag) and ``article.sources`` (the outlets the article cites, with evidence).

Design (see docs/research/quotes.md): a sieve pipeline driven by per-language data tables
(``newstrace.cues``). Quotations are found from the characters of the text; cues are found
outside quotations only; the speaker is the subject of the cue (the noun phrase before it,
or after it when inverted), pronouns go to the most recent compatible speaker, documents
("the statement reads") to the body that issued them. Each quote records the sieve that
produced it in ``method`` (``rules:after``, ``rules:before``, ``rules:relay``,
``rules:colon``, ``rules:continuation``, ``rules:indirect``, ``rules:according``...).
The stage is model-free and fast; it reads the ``mentions`` of the article when present.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Any

from . import _quotemarks as qm
from ._quotenp import (_cap, _chunks, _is_adverb, _leading_np, _np_after, _pure_name,  # noqa: F401
                       _strip_np, _subject_before, _tokens)
from .cues import CueTable, outlet_names, table as cue_table
from .cues import _read as _cue_read
from .records import Article, Quote, SourceLink

__all__ = ["extract", "is_named_channel"]

_EXTRA: dict[str, dict] = {}


def cue_extra(lang: str | None) -> dict:
    """Keys of a language's cue file that the table object does not carry
    (``definite_determiners``), read once."""
    lang = lang or "und"
    if lang not in _EXTRA:
        try:
            _EXTRA[lang] = _cue_read(f"{lang}.json")
        except (OSError, ValueError):
            _EXTRA[lang] = {}
    return _EXTRA[lang]

_PERSISTENT_SAME_SPEAKER = {"interview"}
_PERSISTENT_ARTICLE = {"reported_by"}
_SOURCE_KIND = {"quoted_by": "quote", "told": "quote", "interview": "interview",
                "reported_by": "report", "according_to": "report"}


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    form: str
    cls: str
    kind: str = "verb"  # verb, inv, prep, prep_after
    pron: tuple[int, int] | None = None


@dataclass(slots=True)
class _Attr:
    cs: int
    ce: int
    direct: bool
    method: str
    cue: _Cue | None = None
    sp: tuple[int, int] | None = None
    partial: bool = False
    kind: str | None = None
    speaker: str | None = None
    span: tuple[int, int] | None = None
    anonymous: bool = False
    channel: str | None = None
    ch_span: tuple[int, int] | None = None
    ch_kind: str | None = None
    ch_named: bool = False
    ch_inherited: bool = False
    plural: bool = False
    zero: bool = False
    evidence: list[int] = field(default_factory=list)

    @property
    def pos(self) -> int:
        if self.sp:
            return self.sp[0]
        return self.cue.start if self.cue else self.cs


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
                pw = re.search(r"([\w’'\-]+)\s+$", m[max(0, x.start() - 30):x.start()])
                if pw and pw.group(1).lower() in t.sets["noun_preceders"]:
                    continue
                found.append(_Cue(x.start(), x.end(), x.group(0), t.verbs.get(form, "neutral")))
        for rx, kind in ((t.prep_before_re, "prep"), (t.prep_after_re, "prep_after")):
            if rx is not None:
                for x in rx.finditer(m):
                    found.append(_Cue(x.start(), x.end(), x.group(0), "according", kind))
        found.sort(key=lambda c: c.start)
        return found

    def weak(self, cue: _Cue) -> bool:
        return cue.form.lower() in self.t.sets["weak_verbs"]


# -- speaker typing ----------------------------------------------------------------------

def _mentions_in(ctx: _Ctx, s: int, e: int, types=("PER",)):
    return [x for x in ctx.mentions if x.start >= s and x.end <= e and x.type in types]


def _type_speaker(ctx: _Ctx, at: _Attr, context_span: tuple[int, int] | None = None) -> None:
    """Set kind, speaker text and span, anonymity from the raw noun phrase ``at.sp``."""
    t, text = ctx.t, ctx.text
    s, e = at.sp  # type: ignore[misc]
    np = text[s:e]
    words = [w for w in re.findall(r"[\w’'\-]+", np)]
    lw = [w.lower() for w in words]
    at.speaker, at.span = np, (s, e)
    if at.zero:
        at.kind, at.plural = "pronoun", False
        return
    if len(words) == 1 and lw[0] in t.pronouns:
        at.kind = "pronoun"
        at.plural = t.pronouns[lw[0]] == "p"
        return
    per = _mentions_in(ctx, s, e)
    ctx_text = text[context_span[0]:context_span[1]].lower() if context_span else np.lower()
    head = _role_head(ctx, np) if lw and lw[0] in _definite(t) and not per else None
    if head:
        # "the spokeswoman", "le responsable", "el director del organismo", "der Sprecher":
        # the person named in apposition, or the nearest earlier person introduced with that role
        link = _apposition_name(ctx, e) or (
            _role_antecedent(ctx, head, s, [w for w in words[1:] if _cap(w)]) if head in t.sets["role_nouns"] else None)
        if link:
            at.speaker, at.span, at.kind, at.plural = text[link[0]:link[1]], link, "name", False
            if "+role" not in at.method:
                at.method += "+role"
            return
    anon_head = any(w in t.sets["anonymous_heads"] for w in lw)
    anon_marker = any(mk in ctx_text for mk in t.sets["anonymous_markers"])
    names = [w for i, w in enumerate(words) if i > 0 and _cap(w) and w.lower() not in t.sets["determiners"]]
    if (anon_head and not per and len(names) <= 1) or (anon_marker and not per and not _pure_name(_tokens(text, s, e), t)):
        at.kind, at.anonymous = "anonymous", True
        at.plural = any(w.endswith("s") and w in t.sets["anonymous_heads"] for w in lw)
        return
    if _is_outlet(ctx, np):
        at.kind = "outlet"
        return
    if lw and lw[-1] in t.sets["institution_nouns"] and (lw[0] in t.sets["determiners"] or len(lw) <= 2):
        at.kind = "document"
        return
    if per:
        p = per[-1]
        at.speaker, at.span, at.kind = p.text, (p.start, p.end), "name"
        return
    orgs = _mentions_in(ctx, s, e, ("ORG",))
    alpha = [w for w in words if not w.isdigit()]
    head = alpha[-1] if alpha else ""
    if head.lower() in t.sets["org_heads"] or (orgs and orgs[0].start == s) or (
            len(head) >= 2 and head.isupper() and head.isalpha()):
        at.kind = "institution"
        at.plural = True
        return
    if words and _cap(words[0]) and lw[0] not in t.sets["determiners"]:
        at.kind = "name"
        return
    at.kind = "role"
    at.plural = bool(lw) and lw[-1].endswith("s") and lw[-1] not in t.sets["role_nouns"]
    if head.lower() in t.sets["org_heads"]:
        at.kind = "institution"


def _role_antecedent(ctx: _Ctx, head: str, before: int, mods: list[str] | None = None) -> tuple[int, int] | None:
    """The nearest person mention before ``before`` introduced with the role noun ``head``
    (in apposition or as a title: "Khalid al-Nouri, director of …", "spokeswoman Mehrnaz …")."""
    stem = re.escape(head[:-1] if len(head) > 6 else head)
    rx = re.compile(r"(?<![\w])%s" % stem, re.I)
    for mn in reversed(ctx.mentions):
        if mn.type != "PER" or mn.end > before or ctx.m[mn.start] == qm.MASK:
            continue
        if _role_next_to(ctx, mn, rx):
            # "The Indiana governor": the name's context must carry the modifiers too
            win = ctx.text[max(0, mn.start - 60):mn.end + 80]
            if all(w in win for w in mods or []):
                return mn.start, mn.end
            return None
    return None


def _role_next_to(ctx: _Ctx, mn: Any, rx: re.Pattern) -> bool:
    """A role noun as a title right before the name ("ministry spokeswoman Name") or in
    apposition right after it ("Name, director of …")."""
    ps, pe = ctx.para_of(mn.start)
    before = " ".join(re.findall(r"[\w’'\-]+", ctx.text[max(ps, mn.start - 50):mn.start])[-3:])
    after = ctx.text[mn.end:min(pe, mn.end + 70)]
    app = re.match(r"\s*,\s*((?:[\w’'\-]+\s+){0,3}[\w’'\-]+)", after)
    return bool(rx.search(before) or (app and rx.search(app.group(1))))


def _norm_name(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.lower().replace("’", "'")).removeprefix("the")


def _is_outlet(ctx: _Ctx, np: str) -> bool:
    t = ctx.t
    lw = [w.lower() for w in re.findall(r"[\w’'\-]+", np)]
    if _norm_name(np) in outlet_names():
        return True
    if any(_norm_name(r) in outlet_names() for r in _name_runs(ctx, np)):
        return True
    return bool(lw) and any(w in t.sets["media_heads"] for w in lw[-3:]) and (
        lw[0] in t.sets["determiners"] or any(_cap(w) for w in re.findall(r"[\w’'\-]+", np)))


def _name_runs(ctx: _Ctx, np: str) -> list[str]:
    runs, cur = [], []
    for w in re.findall(r"[\w’'\-\.]+", np):
        if _cap(w) and not any(rx.match(w) for rx in ctx.t.skip_name_res):
            cur.append(w)
        else:
            if cur:
                runs.append(" ".join(cur))
            cur = []
    if cur:
        runs.append(" ".join(cur))
    return runs


def is_named_channel(channel: str | None) -> bool:
    """Whether a channel text names an outlet (has a capitalised name), as opposed to a
    description such as "la télévision libanaise satellitaire" or "a statement"."""
    if not channel:
        return False
    words = re.findall(r"[\w’'\-]+", channel)
    return any(_cap(w) for w in words[1:]) or (len(words) == 1 and _cap(words[0])) or (
        _norm_name(channel) in outlet_names())


def _cut_at_subject(ctx: _Ctx, s: int, e: int) -> tuple[int, int]:
    """'à Radio Meridian le directeur de l'AFN': the channel ends where the inverted
    subject (a definite determiner after a name) begins."""
    dets = _definite(ctx.t)
    prev_cap = False
    for x in re.finditer(r"[\w’'\-]+", ctx.text[s:e]):
        w = x.group()
        if prev_cap and w.lower() in dets and not _cap(w):
            return s, s + len(ctx.text[s:s + x.start()].rstrip())
        prev_cap = _cap(w)
    return s, e


def _channel_from_np(ctx: _Ctx, s: int, e: int) -> tuple[str, tuple[int, int], bool]:
    """Channel text from a noun phrase: the outlet's name when it has one, else the phrase."""
    np = ctx.text[s:e]
    runs = _name_runs(ctx, np)
    known = [r for r in runs if _norm_name(r) in outlet_names()]
    pick = known[-1] if known else (runs[-1] if runs else None)
    if pick:
        k = np.rfind(pick)
        if k >= 0:
            return pick, (s + k, s + k + len(pick)), True
    return np, (s, e), False


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
                if at.sp is None and cue_extra(t.lang).get("pro_drop") and \
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
    return at


def _no_abbrev(ctx: _Ctx, s: str) -> str:
    abbr = ctx.t.sets["abbreviations"]
    return re.sub(r"\b([\w\.]+)\.", lambda x: x.group(1) + (
        " " if x.group(1).lower() in abbr or len(x.group(1)) == 1 else "."), s)


def _inverted_subject(ctx: _Ctx, pos: int, hi: int) -> tuple[int, int] | None:
    """The subject after an inverted cue: '», a déclaré à Radio X le directeur de l'AFN, Name',
    '", afirmó en rueda de prensa el director del organismo, Name': prepositional phrases
    between the verb and the subject are skipped, and a role noun phrase followed by a
    name in apposition gives the name."""
    t, m = ctx.t, ctx.m
    toks = _tokens(m, pos, hi)
    k = 0
    if toks and toks[0][2].lower() in t.sets["prepositions"] and toks[0][2].lower() not in t.sets["determiners"]:
        j = 1
        while j < min(len(toks), 8):
            w = toks[j][2].lower()
            if w in _definite(t) and not (j > 0 and toks[j - 1][2].lower() in t.sets["prepositions"]):
                k = j
                break
            if not toks[j][2][:1].isalnum() and toks[j][2] not in "’'-":
                break
            j += 1
    start = toks[k][0] if toks else pos
    sp = _np_after(ctx, start, hi)
    if sp:
        app = _apposition_name(ctx, sp[1])
        if app and _role_head(ctx, ctx.text[sp[0]:sp[1]]):
            return app
    return sp


def _definite(t: CueTable) -> frozenset:
    return frozenset(w.lower() for w in cue_extra(t.lang).get("definite_determiners", []))


def _role_head(ctx: _Ctx, np: str) -> str | None:
    """The role or source noun of a phrase ("el director del organismo" -> "director")."""
    t = ctx.t
    for w in re.findall(r"[\w’'\-]+", np.lower()):
        if w in t.sets["role_nouns"] or w in t.sets["anonymous_heads"]:
            return w
    return None


def _apposition_name(ctx: _Ctx, end: int) -> tuple[int, int] | None:
    """A person name right after a phrase, set off by a comma: '…, Jaled al Nuri, …'."""
    x = re.match(r"[ \u00a0]*,[ \u00a0]*", ctx.m[end:end + 4])
    if not x:
        return None
    p = end + x.end()
    for mn in ctx.mentions:
        if mn.start == p and mn.type == "PER":
            return mn.start, mn.end
        if mn.start > p:
            break
    if not ctx.mentions:
        y = re.match(r"(?:[A-Z][\w’'\-]+)(?:\s+(?:al|el|bin|de|von|van)?[\s\-]?[A-Z][\w’'\-]+){1,3}", ctx.m[p:p + 60])
        if y and re.match(r"\s*[,.;]", ctx.m[p + y.end():p + y.end() + 2]):
            return p, p + y.end()
    return None


def _np_after_inverted(ctx: _Ctx, cue: _Cue, hi: int) -> tuple[int, int] | None:
    """'… dijo el portavoz: «…»' (verb-subject order)."""
    sp = _inverted_subject(ctx, cue.end, hi)
    if sp and ctx.m[sp[0]:sp[1]].split()[0].lower() in ctx.t.sets["determiners"] | {"m.", "mr."}:
        return sp
    return sp if sp and _cap(ctx.m[sp[0]:sp[1]]) else None


def _subject_sp(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
    """The speaker in a relay slot: a name before its apposition ('X, the commander of …')."""
    first = _chunks(ctx.m, s, e)[0]
    return _strip_np(ctx, *first) if ctx.m[first[0]:first[1]].strip() else None


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
        if m[ss:cue.start].strip(" \u00a0\n") == "" and comma > 0:
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
    elif x and not (t.cue_re and t.cue_re.search(re.sub(r"[\w’']+\s*$|:\s*$", "", tail[:x.end()]))):
        cont = _content(ctx, cue.end + x.end(), se)
    elif t.zero_re is not None and cue.cls in t.sets["zero_classes"] \
            and cue.form.lower() not in t.sets["zero_exclude"] and t.zero_re.match(tail):
        cont = _content(ctx, cue.end, se)
    else:
        cont = None
    if cont:
        return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp)
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
        if sp:
            cont = _content(ctx, ss, lo)
            if cont:
                return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp)
    return None


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


# -- speakers across the article ------------------------------------------------------------

def _key(name: str | None) -> str:
    if not name:
        return ""
    w = re.findall(r"[\w’'\-]+", name)
    return re.sub(r"^(?:al|el)[\-’']", "", w[-1].lower()) if w else ""


def _resolve(ctx: _Ctx, attrs: list[_Attr]) -> None:
    """Pronouns to the most recent compatible speaker; documents ("the statement") and
    "it" to the body that issued them; quote-only paragraphs continue the previous speaker."""
    t = ctx.t
    history: list[_Attr] = []
    issuer: _Attr | None = None
    for at in attrs:
        if at.sp is None:
            continue
        _type_speaker(ctx, at, ctx.sent_of(at.sp[0]))
        if at.kind == "pronoun":
            pron = ctx.text[at.sp[0]:at.sp[1]].lower()
            g = "s" if at.zero else t.pronouns.get(pron, "")
            ante = None
            for h in reversed(history):
                if g == "n" and h.kind in ("institution", "document", "outlet"):
                    ante = h
                elif g == "p" and (h.plural or h.kind in ("institution", "document")):
                    ante = h
                elif g in ("m", "f", "s") and (t.grammatical_gender or h.kind in ("name", "role", "anonymous")) \
                        and not (h.plural and not t.grammatical_gender) and h.kind != "outlet":
                    ante = h
                if ante:
                    break
            if g in ("m", "f") and t.grammatical_gender:
                # « … », a-t-il dit / sagte er: a person named after the last speaker is the likelier
                # antecedent (the first person of the last sentence that names one)
                subj = _recent_person(ctx, ante.pos if ante else 0, at.sp[0])
                if subj is not None and not (ante and ante.span and ante.span[0] <= subj[0] < ante.span[1]):
                    at.speaker, at.span = ctx.text[subj[0]:subj[1]], subj
                    at.method += "+pronoun"
                    history.append(replace(at, kind="name", plural=False))
                    continue
            if g in ("m", "f") and not t.grammatical_gender:
                subj = _recent_subject(ctx, ante.pos if ante else 0, at.sp[0])
                if subj is not None:
                    at.speaker, at.span = ctx.text[subj[0]:subj[1]], subj
                    at.method += "+pronoun"
                    history.append(replace(at, kind="name", plural=False))
                    continue
            if ante is None and g in ("m", "f", "s"):
                per = [x for x in ctx.mentions if x.type == "PER" and x.end <= at.sp[0]]
                if per:
                    at.speaker, at.span, at.kind = per[-1].text, (per[-1].start, per[-1].end), "pronoun"
                    at.method += "+pronoun"
                    history.append(replace(at, kind="name"))
                continue
            if ante is not None:
                at.speaker, at.span, at.anonymous = ante.speaker, ante.span, ante.anonymous
                at.plural = ante.plural
                at.method += "+pronoun"
                if ante.kind in ("institution", "outlet", "document"):
                    history.append(replace(at, kind=ante.kind))
                else:
                    history.append(replace(at, kind=ante.kind))
            continue
        head = _role_head(ctx, ctx.text[at.sp[0]:at.sp[1]]) if at.kind in ("role", "anonymous") else None
        if head and ctx.text[at.sp[0]:at.sp[1]].split()[0].lower() in _definite(t) and not at.plural:
            # "the diplomat" after "a Western diplomat who …"; "le responsable" after the named official
            ante = next((h for h in reversed(history) if h.speaker and head in h.speaker.lower()
                         and h.span != at.span and h.anonymous), None) if head in t.sets["anonymous_heads"] else None
            if ante is not None:
                at.speaker, at.span, at.anonymous, at.kind = ante.speaker, ante.span, ante.anonymous, ante.kind
                at.method += "+role"
                history.append(at)
                continue
        if at.kind == "document":
            if issuer is not None:
                at.speaker, at.span = issuer.speaker, issuer.span
                at.method += "+issuer"
                history.append(replace(at, kind="institution"))
                continue
        history.append(at)
        if at.ch_kind == "statement" or (at.kind == "institution" and issuer is None):
            issuer = at


def _recent_person(ctx: _Ctx, lo: int, hi: int) -> tuple[int, int] | None:
    """The first person mention (outside quotations) of the last sentence in (lo, hi) that has one."""
    per = [x for x in ctx.mentions if x.type == "PER" and lo < x.start and x.end <= hi
           and ctx.m[x.start] != qm.MASK]
    if not per:
        return None
    ss, _ = ctx.sent_of(per[-1].start)
    first = next(x for x in per if x.start >= ss)
    # a subject: early in its sentence, with no cue before it ("… a affirmé que X …" is not)
    if ctx.cues_in(ss, first.start) or len(re.findall(r"\w+", ctx.m[ss:first.start])) > 5:
        return None
    return first.start, first.end


def _recent_subject(ctx: _Ctx, lo: int, hi: int) -> tuple[int, int] | None:
    """The last person name that begins a sentence between lo and hi (a sentence subject
    more recent than the last speaker is the likelier antecedent of he/she)."""
    i = bisect.bisect_right(ctx.sents, hi) - 1
    while i >= 0 and ctx.sents[i] > lo:
        st = ctx.sents[i]
        if st < hi:
            per = [x for x in ctx.mentions if x.start == st and x.type == "PER"]
            if per:
                return per[0].start, per[0].end
            if not ctx.mentions:
                x = re.match(r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=\s+[a-z])",
                             ctx.m[st:hi])
                if x and x.group(0).split()[0].lower() not in ctx.t.sets["determiners"] | set(ctx.t.pronouns) \
                        and x.group(0).split()[0].lower() not in ctx.t.sets["prepositions"]:
                    return st, st + x.end()
        i -= 1
    return None


def _inherit_channels(attrs: list[_Attr], ctx: _Ctx) -> None:
    per_speaker: dict[str, _Attr] = {}
    article_level: _Attr | None = None
    breaks = ctx.t.lists["occasion_breaks"]
    for at in attrs:
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
    seen: set[tuple[int, int]] = set()
    attrs = [a for a in attrs if not ((a.cs, a.ce) in seen or seen.add((a.cs, a.ce)))]
    attrs.sort(key=lambda a: (a.pos, a.cs))
    for at in attrs:
        if at.sp is not None:
            _type_speaker(ctx, at, ctx.sent_of(at.sp[0]))
            _channels(ctx, at)
    # "X said …, PressTV reported": the outlet is the channel of X's statement, not a speaker
    attrs = [a for a in attrs if not (
        not a.direct and a.kind == "outlet" and any(
            b is not a and not b.direct and b.kind != "outlet" and b.cs < a.ce and a.cs < b.ce and b.channel
            for b in attrs))]
    _resolve(ctx, attrs)
    _inherit_channels(attrs, ctx)
    return attrs


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
