"""Quotes and sourcing: the per-article stage ``extract(article, options) -> Article``.

Sets ``article.quotes`` (direct and indirect statements with speaker, cue, channel and an
anonymity flag) and ``article.sources`` (the outlets the article cites, with evidence).

Design (see docs/research/quotes.md): a sieve pipeline driven by per-language data tables
(``newstrace.cues``). Quotations are found from the characters of the text; cues are found
outside quotations only; the speaker is the subject of the cue (the noun phrase before it,
or after it when inverted), pronouns go to the most recent compatible speaker, documents
("the statement reads") to the body that issued them. Each quote records the sieve that
produced it in ``method`` (``rules:after``, ``rules:before``, ``rules:relay``,
``rules:colon``, ``rules:colon_intro``, ``rules:cue_sentence``, ``rules:continuation``, ``rules:indirect``,
``rules:previous_subject`` (a quotation with no cue after a sentence that names one person),
``rules:according``...; ``+pronoun``, ``+role`` when the speaker was resolved). Role phrases
go to the most recent person introduced with a compatible role, and names typed PER that are
places are never antecedents (``_quoteroles``). A belief, expectation or intention (a cue of
class ``cognition`` or ``intent``) inside the content of another statement is part of that
statement, not a quote of its own ("X said she would consider …"); a speech verb there is a
relay and stays.
A headline is no statement: the first paragraph when it looks like a title, a run of 4 to 30
words the text opens with twice (a page's title and heading scraped into one line) and every
later copy of that run (under a photo or a gallery), or the words before a wire dateline near
the start ("… tells paper VIENNA (Reuters) - Austria opposes …"; the body opens a sentence).
The rules are model-free and fast; they read the ``mentions`` of the article when present.
With models on and ``options.attrib_model`` (``newstrace analyze --attrib-model``), English
text is also parsed with spaCy and a learned cue tagger (``_attribmodel``, trained on PolNeAR
train) adds the statements whose cue no lexicon holds ("Republicans oppose the deal"): method
``model:attrib-en``, never replacing a rules statement. It is off by default: it adds about one
point of PolNeAR recall and makes the English quotes stage about ten times slower.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any, Callable

from . import _quotemarks as qm, _quotestance
from ._quotecolon import _colon_intro, _colon_statements
from ._quoteindirect import _content, _elliptic_statements, _indirect, _reported_continuations
from ._nounlex import LANGS as NOUN_CAPS_LANGS  # languages that capitalise every noun
from ._quotenp import (_cap, _np_after, _participle, _participle_word, _quoted_starts, _strip_np,
                       _subject_after, _subject_before)
from ._quoteroles import (_Attr, _Cue, _channel_from_np, _cue_subject, _cut_at_subject, _definite,
                          _inverted_subject, _is_outlet, _key, _mentions_in, _norm_name, _resolve, _role_word,
                          _subject_sp,
                          _type_speaker, is_named_channel)
from .cues import CueTable, norm_form, table as cue_table
from .ingest import split_title
from .records import Article, Quote, SourceLink
from .temporal import find_refs

__all__ = ["extract", "is_named_channel", "mention_typer", "preload"]

_PERSISTENT_SAME_SPEAKER = {"interview"}
_PERSISTENT_ARTICLE = {"reported_by"}
_PREV_CAP = re.compile(r"(?:\b[A-Z][\w’'\-]*|\b(?i:the|a|an|der|die|das|le|la|les|el|los))[ \u00a0]+$")
_PREV1 = re.compile(r"([\w’'\-]+)\s+$")
_PREV2 = re.compile(r"(?:([\w’'\-]+)\s+)?([\w’'\-]+)\s+$")
_QUOTE_CHARS = re.compile("[\"“”„«»]")
_NEXT_WORD = re.compile(r"[ \u00a0]+([\w’']+)")
_LINKER_BEFORE = re.compile(r"\s+([\w’']+)\s*$")
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
        if t.dash_quotes:
            self.cands = sorted(self.cands + qm.dash_quotes(self.text, self.paras, t, self.cands), key=lambda c: c.open)
        self.cands = qm.lost_open_quotes(self.text, self.paras, t, self.cands)
        qm.classify(self.text, self.cands, self.paras, t)
        self.quotes = [c for c in self.cands if c.kind == "direct"]
        self.m = qm.mask(self.text, self.cands)
        self.sents = qm.sentence_bounds(self.m, self.paras, self.cands, t)
        self.pstarts = [p[0] for p in self.paras]
        # 'Czytaj także: X mówił o …': a link to another article; its headline names no speaker
        self.links = [x.span() for x in t.link_label_re.finditer(self.m)] if t.link_label_re is not None else []
        self.mentions = sorted((x for x in article.mentions or [] if not any(a <= x.start < b for a, b in self.links)),
                               key=lambda x: x.start)
        self.mention_starts = [x.start for x in self.mentions]
        self.memo: dict[Any, Any] = {}  # per-article caches of the _quoteroles helpers
        self.head_rep = _repeated_headline(self.text)  # (headline, end of its second copy) or None
        self.head_end = _headline_end(article, self.text, self.paras, self.head_rep)
        if self.head_end and self.paras and self.head_end < self.paras[0][1]:
            # a headline run into the body (repeated, or before a dateline): the body opens a sentence
            dl = _DATELINE.match(self.text, self.head_end)
            body = dl.end() if dl else self.head_end + len(self.text[self.head_end:]) - len(
                self.text[self.head_end:].lstrip())
            if body not in self.sents:
                bisect.insort(self.sents, body)
        self.cues: list[_Cue] = []
        self.cue_starts: list[int] = []
        self.cues = self._find_cues()
        self.cue_starts = [c.start for c in self.cues]
        self.run_in_head = False
        if not self.head_end and t.caseless:
            # a caseless script's headline run into the body, found by the body's first cue
            self.head_end = _caseless_run_in_head(self.text, self.paras, self.cues)
            self.run_in_head = bool(self.head_end)
            if self.head_end and self.head_end not in self.sents:
                bisect.insort(self.sents, self.head_end)

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
        inv_verbs: set[int] = set()  # where the verbs of inverted cues end
        for rx in t.inversion_res:
            for x in rx.finditer(m):
                verb = norm_form(x.group("verb"))
                if verb in t.verbs:
                    found.append(_Cue(x.start(), x.end(), x.group(0), t.verbs[verb], "inv",
                                      (x.start("pron"), x.end("pron"))))
                    taken.update(range(x.start(), x.end()))
                    inv_verbs.add(x.end("verb"))
        for rx, anchor in t.relay_before_res:
            # 'PressTV quoted the minister as saying that …', 'ونقلت وكالة X عن مصدر قوله إن …': the
            # pattern is tried only before its cue words
            for a in anchor.finditer(m):
                x = rx.search(m, max(0, a.start() - 300), a.end())
                if x is None or x.span("cue") != a.span():
                    continue
                sp = _subject_sp(self, x.start("sp"), x.end("sp"))
                ch = _strip_np(self, *x.span("ch"))
                if sp is None:
                    continue
                found.append(_Cue(x.start("cue"), x.end("cue"), x.group("cue"), "neutral", "verb", sp, ch))
                taken.update(range(x.start(), x.end()))
        for rx, kind in ((t.prep_before_re, "prep"), (t.prep_after_re, "prep_after")):
            if rx is not None:
                for x in rx.finditer(m):
                    vs, ve = x.span("v")
                    if vs in taken:
                        continue
                    pw = _PREV1.search(m, max(0, vs - 30), vs)
                    if (kind == "prep" and pw
                            and pw.group(1).lower() in t.sets["noun_preceders"]):
                        # an article before the cue word makes it an ordinary word:
                        # "il secondo scudetto", "pelo segundo ano"
                        continue
                    nx = _NEXT_WORD.match(m, ve) if kind == "prep" else None
                    if nx and norm_form(nx.group(1)) in t.verbs:
                        ve = nx.end()  # 'según informó la autoridad': the speaker follows the verb
                    found.append(_Cue(vs, ve, m[vs:ve], "according", kind))
                    taken.update(range(vs, ve))  # the verb inside 'به گفته X' is part of the cue
        if t.sov_re is not None:  # '… olmayacağını söyledi': a statement verb after its clause
            for x in t.sov_re.finditer(m):
                vs, ve = x.span("v")
                found.append(_Cue(vs, ve, x.group("v"), t.verbs.get(" " + norm_form(x.group("v")), "neutral")))
                taken.add(vs)
        for rx in (t.cataphoric_re, t.relative_re):  # '… şunları söyledi:', '… teminatıdır diyen Koca'
            if rx is not None:
                for x in rx.finditer(m):
                    vs, ve = x.span("v")
                    if vs not in taken and ve not in inv_verbs:  # 'Yılmaz, … şunları kaydetti: "…"' is inverted
                        found.append(_Cue(vs, ve, x.group("v"), t.verbs.get(" " + norm_form(x.group("v")), "neutral")))
                        taken.add(vs)
        if t.separable_re is not None:  # 'machte es mehrmals klar, dass …': the verb is the cue
            for x in t.separable_re.finditer(m):
                vs, ve = x.span("v")
                if vs not in taken:
                    found.append(_Cue(vs, ve, x.group("v"), "assertive"))
                    taken.add(vs)
        for rx in t.self_source_res:  # 'hatte das Festival nach eigenen Angaben …': the subject is the source
            for x in rx.finditer(m):
                sp = self._self_source(x.start())
                if sp:
                    found.append(_Cue(x.start(), x.end(), x.group(0), "according", "prep", sp))
                    taken.update(range(x.start(), x.end()))
        for rx in t.prep_cue_res:  # 'nach US-Angaben', 'nach Polizeiangaben': the cue holds its source
            for x in rx.finditer(m):
                found.append(_Cue(x.start(), x.end(), x.group(0), "according", "prep", x.span("sp")))
                taken.update(range(x.start(), x.end()))
        if t.cue_re is not None:
            for x in t.verb_spans(m):
                vs, ve = x.span("v")
                if vs in taken or (x.group("v")[:1].isupper() and not self._opens(vs) and _PREV_CAP.search(m, 0, vs)):
                    continue  # 'Kogi State', 'the Report': a capitalised verb form inside a name
                form = re.sub(r"[\s_]+", " ", norm_form(x.group("v")))
                pw = _PREV2.search(m, max(0, vs - 40), vs)
                if pw and pw.group(2).lower() in t.sets["noun_preceders"] and not (
                        # "the official said": a role noun after a determiner is the subject; so
                        # is one before a form the derived data shows to be a verb ("a Chinese
                        # official said"; not "official reports")
                        pw.group(2).lower() in t.union("role_nouns", "anonymous_heads")
                        and ((pw.group(1) or "").lower() in t.sets["determiners"]
                             or form in t.sets["verb_forms"])):
                    continue
                cls = t.verbs.get(form) or t.verbs.get(form.replace(" ", "_"), "neutral")
                if form in t.sets["nonverb_forms"] and not self._verb_use(vs, ve, cls, pw):
                    continue  # 'in 30 states', 'his plans': a form mostly used as a noun
                found.append(_Cue(vs, ve, x.group("v"), cls))
        # an author's credit ('كتبت - منال المصري:') or a link's headline holds no statement
        credits = [x.span() for rx in t.byline_res for x in rx.finditer(m)] + self.links
        if credits:
            found = [c for c in found if not any(a <= c.start < b for a, b in credits)]
        found.sort(key=lambda c: c.start)
        return found

    def _self_source(self, pos: int) -> tuple[int, int] | None:
        """The subject of the clause of a source phrase at pos that names no source ('nach
        eigenen Angaben'): a determiner and up to three words, the last capitalised, right
        before it ('hatte das Festival nach eigenen Angaben …'), else a determiner and a
        capitalised word opening the sentence ('Das Unternehmen hat nach eigenen Angaben …')."""
        ss = self.sent_of(pos)[0]
        lo = max(ss, self.m.rfind(",", ss, pos) + 1)
        toks = list(re.finditer(r"[^\W\d_][\w’'\-]*", self.m[lo:pos]))
        dets = self.t.sets["determiners"]
        if len(toks) >= 2 and toks[-1].group()[0].isupper():
            for k in range(len(toks) - 2, max(-1, len(toks) - 5), -1):
                if toks[k].group().lower() in dets:
                    return lo + toks[k].start(), lo + toks[-1].end()
        if len(toks) >= 2 and toks[0].group().lower() in dets and toks[1].group()[0].isupper():
            return lo + toks[0].start(), lo + toks[1].end()
        return None

    def _verb_use(self, vs: int, ve: int, cls: str, pw: re.Match | None) -> bool:
        """Is a form that is mostly a noun ('state', 'plans', 'claims') used as a verb here: after
        a subject pronoun or a relative pronoun ('he claims', 'who states'), or before its
        clause (a complementizer, a question word, a colon, a quotation, or an infinitive after a
        verb of intent: 'plans to')?"""
        t = self.t
        if pw and (norm_form(pw.group(2)) in t.sets["relative"] or norm_form(pw.group(2)) in t.pronouns):
            return True
        nxt = re.match(r"[ \u00a0]*(?:([\w’']+)(?:[ \u00a0]+(\w+))?|([:\x07]))", self.m[ve:ve + 60])
        if nxt is None:
            return False
        if nxt.group(3):
            return True
        w = norm_form(nxt.group(1))
        return w in t.union("complementizers", "question_complementizers") or (
            w == "to" and cls in t.sets["infinitive_classes"] and bool(nxt.group(2)))

    def _opens(self, pos: int) -> bool:
        """Does a sentence (or a clause after a colon, dash or quotation) begin at pos?"""
        k = bisect.bisect_left(self.sents, pos)
        if k < len(self.sents) and self.sents[k] == pos:
            return True
        return self.m[max(0, pos - 3):pos].strip(" \u00a0")[-1:] in ("", ":", "—", "–", "-", qm.MASK, "\n", '"', "(")

    def weak(self, cue: _Cue) -> bool:
        return cue.form.lower() in self.t.sets["weak_verbs"]


def _headline_end(article: Article, text: str, paras: list[tuple[int, int]], rep: tuple[str, int] | None) -> int:
    """End of the headline paragraph, else 0: the title the clean stage puts first, or, for
    a record that came without a title, a first paragraph that looks like one by the title-line
    rule of plain-text input (``ingest.split_title``: short, not ending a sentence, more text
    after it). A headline is not a statement, so no quote starts in it. ``rep`` is the text's
    repeated headline (``_repeated_headline``, read once per article by ``_Ctx``)."""
    if rep:
        return rep[1]
    dl = _DATELINE.search(text, 0, 600)
    if dl and len(text[:dl.start()].split()) >= 4 and "\n" not in text[:dl.start()].strip():
        # 'Austria opposes loosening EU budget rules … VIENNA (Reuters) - Austria opposes …': a
        # headline run into the wire dateline that opens the body
        return dl.start()
    hq = _QUOTED_HEADLINE.match(text)
    if hq and hq.group(1).rstrip()[-1:] not in ".!?…,;:":
        # '»Der Aufruf zu Solidarität ist Auftrag an die Politik« Zum ersten Mal …': a quotation
        # that opens the text and runs into a capitalised word with no stop between is its headline
        return hq.end(1) + 1
    hg = _GAP_HEADLINE.match(text)
    if hg and len(hg.group(1).split()) >= 4 and not re.search(r"[.!?…:;][ \u00a0]", hg.group(1)):
        # 'Sanchez fordert den Marshall-Plan der EU in der Corona-Krise  In Spanien soll …': a
        # first line with no sentence end before a gap of two spaces is a headline run into the body
        return hg.end(1)
    if not paras or len(paras) < 2:
        return 0
    ps, pe = paras[0]
    first = " ".join(text[ps:pe].split())
    if not article.title:
        title, _ = split_title(text[ps:])
        return pe if title is not None and " ".join(title.split()) == first else 0
    title = " ".join(article.title.split())
    return pe if first and (first == title or (len(title) > 20 and first.startswith(title))) else 0


_SENT_STOP = re.compile(r"[.!?\u061f\u06d4\u2026;\u061b\n]")
_SOURCE_LABEL = re.compile(r"[ \u00a0]*(?:[^\W\d_]+[ \u00a0]+){0,3}[^\W\d_]+[ \u00a0]*:[ \u00a0]")


def _caseless_run_in_head(text: str, paras: list[tuple[int, int]], cues: list[_Cue]) -> int:
    """End of a headline run into the body of an article in a script without case (the cue
    table's ``caseless``: Arabic, Persian), else 0.
    A title-case line marks a Latin headline (``mentions._headlines``); Arabic has no case, so
    the sign is the first segment itself: the text opens with no sentence stop before its first
    speech verb, and that opening is either a "source: claim" headline ('الثقافة المصرية: دخول
    معرض الكتاب مجانا … أعلنت وزارة الثقافة …': one to four words and a colon, then the
    claim) or a run of at least four words before a verb joined by "and" that opens a new
    sentence ('رئيس "العربية للتصنيع" يكشف تفاصيل … وقال الفريق …'). The headline ends at
    that verb: no statement starts in it and no speaker is taken from it."""
    if not paras or not cues:
        return 0
    ps, pe = paras[0]
    cue = next((c for c in cues if c.kind == "verb" and c.start >= ps), None)
    if cue is None or cue.end > pe:
        return 0
    start = cue.start
    if text[start - 1:start] == "\u0648" and text[start - 2:start - 1].isspace():
        start -= 1  # و ("and") written on the verb: 'وقال'
    head = text[ps:start]
    gap = re.search(r"\S[ \u00a0]{2,}(?=\S)", head)
    if gap and len(head[:gap.start() + 1].split()) >= 4:
        # a gap of two spaces ends the headline before a dateline ('…والهول  موسكو - سانا -')
        start, head = ps + gap.start() + 1, head[:gap.start() + 1]
    if _SENT_STOP.search(head) or len(head.split()) < 4:
        return 0
    if "\u060c" in head or "," in head:
        return 0  # a comma: the opening is a sentence's subject and its apposition
    label = _SOURCE_LABEL.match(head)
    if label and len(head[label.end():].split()) >= 3:
        return start
    return start if start < cue.start and not gap else 0


_HEAD_WORD = re.compile(r"\S+")
_CAPS = "A-ZÀ-ÖØ-Þ"
#: a wire dateline: a place in capitals (and its region), an agency in parentheses or a double
#: or long dash, then the body ('VIENNA (Reuters) - ', 'CARACAS, Venezuela (AP) — ', 'MANILA -- ')
_DATELINE = re.compile(
    r"(?<![\w/])[%(c)s]{3,}(?:[ \u00a0][%(c)s]{2,}){0,3}(?:,[ \u00a0][\w .]{2,25}?)?[ \u00a0]*"
    r"(?:\([^()\n]{2,40}\)[ \u00a0]*(?:--|[—–-])|--|—)[ \u00a0]+(?=[A-Z])" % {"c": _CAPS})


_GAP_HEADLINE = re.compile(r"[ \u00a0]*([^\n]{15,200}?)[ \u00a0]{2,}(?=[^\W\d_])")
_QUOTED_HEADLINE = re.compile(r"[ \u00a0]*[«»„“\"‹›]([^«»„“”\"‹›\n]{10,200})[«»“”\"‹›][ \u00a0]+(?=[A-ZÀ-ÖØ-Þ])")


def _repeated_headline(text: str) -> tuple[str, int] | None:
    """(headline, end of its second copy) when the text opens with the same run of 4 to 30
    words twice ('Venezuela says it foiled attack … port city Venezuela says it foiled attack …
    port city Security forces …'; a page's title and its heading, scraped into one line), else
    None. The longest such run is the headline; its copies are not statements."""
    words = [(x.start(), x.end()) for x in _HEAD_WORD.finditer(text, 0, 2000)][:61]
    for k in range(min(30, len(words) // 2), 3, -1):
        head = text[words[0][0]:words[k - 1][1]]
        if text[words[k][0]:words[k][0] + len(head)] == head:
            return head, words[k][0] + len(head)
    return None


def _headline_copies(ctx: _Ctx) -> list[tuple[int, int]]:
    """Where the repeated headline (``_repeated_headline``) recurs later in the text (under
    a photo or a gallery: 'Caption Close Venezuela says it foiled attack … 1 / 1')."""
    if ctx.head_rep is None:
        return []
    head, end = ctx.head_rep
    out, k = [], ctx.text.find(head, end)
    while k >= 0:
        out.append((k, k + len(head)))
        k = ctx.text.find(head, k + len(head))
    return out


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
    # 2b. '« … » (Socrate)': a name in parentheses right after the quote, as under an epigraph
    if c.close is not None:
        x = re.match(r"[ \u00a0]*\(([^()\n]{2,40})\)", m[c.outer_end:a_hi + 1])
        if x and re.search(r"[^\W\d_]", x.group(1)) and not x.group(1).isupper():
            toks = x.group(1).split()
            s0 = c.outer_end + x.start(1)
            if len(toks) <= 4 and all(_cap(w) or w.lower() in t.sets["np_internal"] for w in toks) \
                    and not _is_outlet(ctx, x.group(1)):
                at.sp, at.method = (s0, s0 + len(x.group(1))), "rules:dash"
                return at
    # 2. cue right after the quote: '"…," X said' / '"…," said X' / '« … », a-t-il dit'
    if c.close is not None and _after_ok(ctx, c):
        for cue in ctx.cues_in(c.outer_end, a_hi):
            if cue.kind in ("prep", "prep_after") or (_participle(ctx, cue) and not cue.pron):
                break  # '"…," vowing that …': a participle has no subject after it
            mid = m[c.outer_end:cue.start]
            # '"…" Trump, the 2016 GOP front-runner and …, said': a name and its apposition may be long
            limit = 30 if re.match(r"[ \u00a0]*[^\W\d_][\w’'\-.]*(?:[ \u00a0]+[^\W\d_][\w’'\-.]*){0,3},", mid) \
                and _cap(mid.strip()) and mid.rstrip().endswith(",") else 10
            if len(re.findall(r"\w+", mid)) > limit or re.search(r"[.;:!?]", _no_abbrev(ctx, mid)):
                break
            mw = re.findall(r"[\w’'\-]+", mid)
            if mw and mw[0].lower() in t.sets["linkers"]:
                break  # '"…" and has itself been accused': a new clause, not the quote's subject
            if c.partial and len(mw) >= 3 and mw[0].lower() in t.sets["determiners"] and \
                    mw[0].lower() not in _definite(t) and not _cap(mw[1]) and _cap(mw[-1]) and \
                    not any(w.lower() in t.union("role_nouns", "anonymous_heads", "org_heads")
                            for w in mw[1:]):
                break  # '"…", a claim Khorvat denies': an apposition to the quote, not its speaker
            at.cue, at.method = cue, "rules:after"
            if cue.pron:
                at.sp = cue.pron
            elif mid.strip(" ,\u00a0—–-") and not _QUOTE_CHARS.search(mid.rstrip(" ,\u00a0")[-1:]) and not all(
                    w.lower() in t.sets["skip_before_cue"] or c.dash and w.lower() in t.sets["dash_cue_lead"]
                    for w in re.findall(r"[\w’']+", mid)):
                lo = c.outer_end + len(mid) - len(mid.lstrip(" ,\u00a0—–-"))
                # '"…" to drive up the price, she said': the subject is the phrase next to the verb
                at.sp = _subject_before(ctx, lo, cue.start) if "," in mid.strip(" ,\u00a0") else _strip_np(ctx, lo, cue.start)
            else:
                at.sp = _subject_after(ctx, cue.end, a_hi) if t.verb_first else _inverted_subject(ctx, cue.end, a_hi)
                if c.dash and not (at.sp and _mentions_in(ctx, *at.sp, types=("PER", "ORG"))):
                    # '… - informuje w rozmowie z lokalnym portalem sierż. sztab. Dominik Zieliński':
                    # after the verb of a dash statement, a phrase and then the person who speaks
                    # (the sentence may seem to end at an abbreviated title: 'sierż.'; up to 100
                    # characters of the paragraph, before another quotation or cue)
                    hi = min([ctx.para_of(cue.start)[1], cue.end + 100] + [
                        k for k in (m.find(qm.MASK, cue.end),) if k >= 0] + [
                        q.start for q in ctx.cues_in(cue.end, cue.end + 100)])
                    # (not a name in quotation marks: 'w rozmowie z "Gazetą Krakowską"' is the outlet)
                    quoted = _quoted_starts(ctx)
                    named = [mn for mn in _mentions_in(ctx, cue.end, hi) if mn.start not in quoted]
                    at.sp = (named[0].start, named[0].end) if named else at.sp
                if at.sp is None and t.pro_drop and \
                        re.match(r"[\s.]*$", m[cue.end:a_hi]) and cue.kind == "verb":
                    # a verb with no subject in a pro-drop language: the previous speaker
                    at.sp, at.zero = (cue.start, cue.end), True
            if at.sp:
                return at
            at.cue = None
    # 3. cue before the quote in the same sentence: 'X said: "…"', 'X added that … "…"'
    cues = [q for q in ctx.cues_in(b_lo, c.open) if not (ctx.weak(q) and not re.match(r"[\s,:]*$", m[q.end:c.open]))]
    if cues and _closes_statement(ctx, cues[-1]) and not re.search(r"\w", m[cues[-1].end:c.open]):
        # 'X, izinsiz … etmeyeceklerini belirterek, "…" dedi': the verb closes an indirect
        # statement of its own: not the quotation's cue (an earlier one may be, else the
        # quotation takes its speaker from that statement: _share_converb_cue)
        cues = cues[:-1]
    if cues:
        cue = cues[-1]
        between = t.comp_word_re.sub(" ", m[cue.end:c.open])
        bw = re.match(r"\s*([\w’']+)", between)
        if len(cues) > 1 and cue.kind == "verb" and not cue.pron and bw and \
                bw.group(1).lower() not in t.sets["prepositions"] and re.search(r"\w", m[cue.end:c.open]):
            # (not 'When Clinton noted that …, Trump boasted, "…"': the last verb introduces the quote)
            # 'X said that … the delegation had rejected the offer "…"': the quote is inside the
            # clause reported by the first cue, whose complementizer comes before the later cue
            first = next((q for q in cues if q.kind == "verb" and not _participle(ctx, q)), None)
            if first is not None and first is not cue and t.comp_word_re.search(m, first.end, cue.start):
                cue = first
        at.cue, at.method = cue, "rules:before"
        if cue.kind == "prep":
            # a cue that holds its source ('وجاء في بيان المجلس الانتقالي …: "…"') names it
            at.sp = cue.pron or _np_after(ctx, cue.end, c.open)
            at.method = "rules:according"
        elif norm_form(cue.form) in t.sets["relative_cues"]:
            # '… hissettiklerini belirten Aytekin, "…"': the participle's subject is the name after it
            at.sp = _np_after(ctx, cue.end, c.open, 6)
        else:
            at.sp, at.zero = _cue_subject(ctx, cue, ss, c.open)
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
                at.sp, at.zero = _cue_subject(ctx, cue, ps2, k)
                if at.sp:
                    return at
                at.cue = None
        elif k > 0 and ctx.text[k] == "." and c.close is not None:
            # 'READ ALSO:” Starbucks said. “As a result, …”': a short sentence that ends with its
            # speech verb right before the quote (its own quotation lost) introduces it
            ps2, _ = ctx.sent_of(k)
            cues = [q for q in ctx.cues_in(ps2, k) if q.kind == "verb" and not ctx.weak(q)]
            if cues and cues[-1].end == k and len(re.findall(r"\w+", m[ps2:k])) <= 5 \
                    and qm.MASK not in m[ps2:k]:
                at.cue, at.method = cues[-1], "rules:cue_sentence"
                at.sp, at.zero = _cue_subject(ctx, cues[-1], ps2, k, inverted=False)
                if at.sp and not at.zero:
                    return at
                at.cue, at.sp, at.zero = None, None, False
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


def _closes_statement(ctx: _Ctx, cue: _Cue) -> bool:
    """Is the cue a verb right after the nominalised verb that ends its statement ('…
    etmeyeceklerini belirterek'; tables with ``complement_suffixes``)?"""
    if ctx.t.sov_re is None or cue.kind != "verb":
        return False
    pw = _PREV1.search(ctx.m, max(0, cue.start - 40), cue.start)
    return bool(pw) and any(norm_form(pw.group(1)).endswith(x) for x in ctx.t.lists["complement_suffixes"])


def _no_abbrev(ctx: _Ctx, s: str) -> str:
    abbr = ctx.t.sets["abbreviations"]
    return re.sub(r"\b([\w\.]+)\.", lambda x: x.group(1) + (
        " " if x.group(1).lower() in abbr or len(x.group(1)) == 1 else "."), s)


# -- channels ------------------------------------------------------------------------------

def _channels(ctx: _Ctx, at: _Attr) -> None:
    if at.channel or at.cue is None:
        return
    t, m = ctx.t, ctx.m
    if at.cue.ch is not None:  # the relay named by the cue's pattern
        name, span, named = _channel_from_np(ctx, *at.cue.ch)
        at.channel, at.ch_span, at.ch_kind, at.ch_named = name, span, "quoted_by", named
        at.evidence = [at.cue.ch[0], at.cue.end]
        return
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
            span = (ss + x.start(), ss + x.end())
            at.channel, at.ch_span, at.ch_kind, at.ch_named = ctx.text[span[0]:span[1]], span, kind, False
            return


def _relayed_source(ctx: _Ctx, at: _Attr, relays: list[tuple[int, int]]) -> None:
    """'according to CNN, citing the son', 'wie CNN unter Berufung auf den Sohn berichtete',
    'وفق ما نقلت شبكة CNN عن الابن' (cue table ``relay_citing``): when the speaker found is an
    outlet that names the source it relays, the source is the speaker and the outlet its
    channel. The span of the relay words goes to ``relays``."""
    if not ctx.t.relay_citing_res or at.sp is None or at.cue is None:
        return
    m = ctx.m
    s0, s1 = at.sp
    ss, se = ctx.sent_of(s0)
    for rx in ctx.t.relay_citing_res:
        for x in rx.finditer(m, max(ss, s0 - 40), se):
            cs, ce = max(x.start("ch"), s0), x.end("ch")
            if at.cue.start > cs:
                ce = min(ce, at.cue.start)  # 'CNN reported, citing …': the outlet ends at its verb
            if not (cs < s1 and s0 < ce):
                continue
            ch = _strip_np(ctx, cs, ce)
            sp = _np_after(ctx, x.end(), se, 8)
            if ch is None or sp is None or not _is_outlet(ctx, ctx.text[ch[0]:ch[1]]):
                continue
            at.channel, at.ch_span, at.ch_named = _channel_from_np(ctx, *ch)
            at.ch_kind = "quoted_by"
            at.evidence = [ch[0], x.end()]
            at.sp = sp
            relays.append((x.end("ch"), x.end()))
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

def _attributions(ctx: _Ctx, use_model: bool = False) -> list[_Attr]:
    attrs: list[_Attr] = []
    used: set[int] = set()
    for c in ctx.quotes:
        at = _link_direct(ctx, c)
        if at.cue is not None and not (at.method == "rules:before" and at.cue.kind == "verb" and (
                c.partial or ctx.t.comp_word_re.search(ctx.m, at.cue.end, c.open))):
            # 'X said anybody who complains "is not having a good night."': the verb's clause,
            # which holds the partial quotation, is a statement of its own (mixed); so is the
            # clause between the verb and a quotation ('X spricht über die Tatsache, dass …: "…"');
            # a participle that closes a statement of its own before the quotation ('… belirten
            # Aytekin, "…"') reports both
            if norm_form(at.cue.form) not in ctx.t.sets["relative_cues"]:
                used.add(at.cue.start)
        if c.close is not None:
            # '“…." dedi.' read from an earlier cue: the verb right after the closing mark is
            # the quotation's too, no statement of its own
            nxt = next((q for q in ctx.cues_in(c.outer_end, c.outer_end + 12) if q.kind == "verb"), None)
            if nxt is not None and not re.search(r"\w", ctx.m[c.outer_end:nxt.start]) and \
                    not re.search(r"\w", ctx.m[nxt.end:ctx.sent_of(nxt.start)[1]]):
                used.add(nxt.start)
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
    contentless: list[_Cue] = []
    for cue in ctx.cues:
        if cue.start in used:
            continue
        ind = _indirect(ctx, cue)
        if ind is not None:
            attrs.append(ind)
        elif cue.kind == "verb" and (not ctx.weak(cue) or cue.cls == "report"):
            # a study that 'muestra' a finding with no complementizer still speaks: the
            # antecedent of 'Pero también señala que …' right after it
            contentless.append(cue)
    _share_converb_cue(ctx, attrs)
    attrs += _colon_statements(ctx, attrs)
    _after_indirect(ctx, attrs)
    _after_person_sentence(ctx, attrs)
    attrs += _reported_continuations(ctx, attrs)
    attrs += _elliptic_statements(ctx, attrs)
    attrs += _reported_after_person(ctx, attrs)
    _trim_contents(ctx, attrs)
    attrs = _drop_nested_attitudes(attrs)
    seen: set[tuple[int, int]] = set()
    # the same content found from a verb and from "according to": keep the verb's reading
    attrs.sort(key=lambda a: a.cue is not None and a.cue.kind == "prep")
    shadow = [a for a in attrs if (a.cs, a.ce) in seen or seen.add((a.cs, a.ce))]
    attrs = [a for a in attrs if not any(a is b for b in shadow)]
    if use_model:
        attrs += _model_attributions(ctx, attrs)
    attrs.sort(key=lambda a: (a.pos, a.cs))
    relays: list[tuple[int, int]] = []
    for at in attrs + shadow:
        if at.sp is not None and not at.zero:
            _relayed_source(ctx, at, relays)
            at.sp = _clause_speaker(ctx, *at.sp)
            if at.sp is None:
                at.speaker = at.span = at.kind = None
                continue
        if at.sp is not None:
            _type_speaker(ctx, at, ctx.sent_of(at.sp[0]))
            if not _plausible_speaker(ctx, at):
                at.sp = at.speaker = at.span = at.kind = None
                continue
            _channels(ctx, at)
    # 'according to CNN, citing the son': 'citing' names the relayed speaker, no statement of its own
    attrs = [a for a in attrs if a.direct or a.cue is None or not any(s <= a.cue.start < e for s, e in relays)]
    # a statement needs a speaker unless it is quoted; headlines are not statements; a quotation
    # still open at the end of the text (or at a gap where the text was cut) that no cue
    # attributes is text after a stray mark ('“Effectively for access to your daily ePaper …'),
    # not a statement
    unclosed = {c.start for c in ctx.quotes if c.close is None and (c.cut or not ctx.text[c.end:].strip())}
    copies = _headline_copies(ctx)
    attrs = [a for a in attrs if (a.direct or a.sp is not None) and a.cs >= ctx.head_end
             and not (a.direct and a.sp is None and a.cs in unclosed)
             and not any(hs <= (a.cue.start if a.cue is not None else a.cs) < he for hs, he in copies)]
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
    _resolve(ctx, attrs, _speakers_only(ctx, contentless))
    _inherit_channels(attrs, ctx)
    return attrs + _quotestance.stances(ctx, attrs, _keep_speaker)


def _keep_speaker(ctx: _Ctx, at: _Attr) -> bool:
    """Check and type the speaker of a stance as a speech statement's is (`_attributions`):
    no phrase that opens a clause, a plausible speaker."""
    sp = _clause_speaker(ctx, *at.sp)  # type: ignore[misc]
    if sp is None:
        return False
    at.sp = sp
    _type_speaker(ctx, at, ctx.sent_of(sp[0]))
    return _plausible_speaker(ctx, at)


def _after_indirect(ctx: _Ctx, attrs: list[_Attr]) -> None:
    """A quotation with no cue that opens the sentence right after an indirect statement
    goes on with its speaker ('Seit 2015 habe die Bahn …, sagte eine Sprecherin. “Die Bahn
    qualifiziert …”'): nothing but blanks between the end of that statement's sentence and
    the quotation, in the same paragraph; a quotation left open (a stray mark) never does."""
    closed = {c.start for c in ctx.quotes if c.close is not None}
    for at in attrs:
        if not at.direct or at.sp is not None or at.cue is not None or at.cs not in closed:
            continue
        prev = [a for a in attrs if not a.direct and a.sp is not None and a.cue is not None and a.ce <= at.cs]
        if not prev:
            continue
        p = max(prev, key=lambda a: a.ce)
        _, send = ctx.sent_of(max(p.ce, p.cue.end) - 1)
        if ctx.para_of(p.cs) == ctx.para_of(at.cs) and send <= at.cs and \
                not re.search(r"\w", ctx.m[send:at.cs]) and \
                not any(a.direct and p.ce <= a.cs < at.cs for a in attrs):
            at.sp, at.cue, at.zero, at.method = p.sp, p.cue, p.zero, "rules:continuation"


def _after_person_sentence(ctx: _Ctx, attrs: list[_Attr]) -> None:
    """A quotation with no cue that is a sentence of its own (or several) is said by the one
    person the sentence before it names, in its paragraph or as the last sentence of the
    paragraph before ('Zum ersten Mal hat sich Angela Merkel an die Bevölkerung gewandt.
    "Seit dem Zweiten Weltkrieg …"'), or by the role phrase that opens that sentence with no
    name in it ('Der CSU-Politiker verwies auf eine Plattform. "Die Bereitschaft ist riesig."').
    Not when that sentence holds a quotation of its own, names two people, or names the person
    after a preposition ('Die Polizei sprach mit Müller.')."""
    closed = {c.start: c for c in ctx.quotes if c.close is not None}
    m, t = ctx.m, ctx.t
    for at in attrs:
        c = closed.get(at.cs)
        if not at.direct or at.sp is not None or at.cue is not None or c is None:
            continue
        ss, se = ctx.sent_of(c.open)
        if re.search(r"\w", m[ss:c.open]) or re.search(r"\w", m[c.outer_end:se]):
            continue  # a part of a sentence: its words around say who speaks, or nobody
        sp = _sentence_person(ctx, ss)
        if sp is not None:
            at.sp, at.method = sp, "rules:previous_subject"


def _sentence_person(ctx: _Ctx, ss: int) -> tuple[int, int] | None:
    """The one person the sentence before ``ss`` names (in its paragraph or the last sentence
    of the paragraph before), or the role phrase that opens it with no name in it; None when
    it holds a quotation, names two people or names the person after a preposition."""
    m, t = ctx.m, ctx.t
    k = len(m[:ss].rstrip())
    if k <= ctx.head_end:
        return None
    ps, pe = ctx.sent_of(k - 1)
    if qm.MASK in m[ps:pe]:
        return None
    named = _mentions_in(ctx, ps, pe)
    people: dict[str, Any] = {}
    for mn in named:
        w = _PREV1.search(m[ps:mn.start])
        if w is not None and norm_form(w.group(1)) in t.sets["prepositions"]:
            continue
        people.setdefault(_key(mn.text), mn)
    if len(people) > 1 or any(_key(mn.text) not in people for mn in named):
        return None
    if people:
        mn = next(iter(people.values()))
        return mn.start, mn.end
    return _role_opener(ctx, ps, pe)


def _reported_after_person(ctx: _Ctx, attrs: list[_Attr]) -> list[_Attr]:
    """A sentence in the reported mood (the table's ``reported_mood`` in its first twelve
    words) with no cue and no statement, right after a sentence with no statement and no cue
    but a weak one ('zeigt sich') that names one person or opens with a role phrase (``_sentence_person``), is that person's statement
    ('Der Papst zeigt sich zu Neujahr als Verfechter von Frauenrechten. Der Körper der Frau
    dürfe nicht … missbraucht werden.'); the reported sentences right after it continue it."""
    t, m = ctx.t, ctx.m
    if t.reported_mood_re is None:
        return []
    out: list[_Attr] = []
    bounds = ctx.sents + [len(m)]
    for i, s in enumerate(ctx.sents):
        e = min(bounds[i + 1], ctx.para_of(s)[1])
        if e <= s or qm.MASK in m[s:e] or ctx.cues_in(s, e) or any(a.cs < e and s < a.ce for a in attrs + out) \
                or not t.reported_mood_re.search(" ".join(m[s:e].split()[:12])):
            continue
        k = len(m[:s].rstrip())
        before = ctx.sent_of(k - 1) if k > 0 else None  # the sentence before
        prev = next((a for a in out if a.ce <= k and ctx.sent_of(a.cs)[0] == before[0]), None) \
            if before is not None else None
        sp = prev.sp if prev is not None else None
        if sp is None and before is not None and all(ctx.weak(c) for c in ctx.cues_in(*before)) and \
                not any(a.ce > before[0] and a.cs < k for a in attrs):
            # a role phrase that opens it is its subject ('Der Papst zeigt sich … als Verfechter …')
            sp = _role_opener(ctx, *before) or _sentence_person(ctx, s)
        cont = _content(ctx, s, e) if sp is not None else None
        if cont:
            out.append(_Attr(*cont, False, "rules:reported_after_person", sp=sp))
    return out


def _role_opener(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
    """The phrase of a determiner and capitalised words that opens a sentence, when its last
    word is a role noun or a compound ending with one ('Der CSU-Politiker', 'La ministra')."""
    toks = [(x.start(), x.end(), x.group()) for x in re.finditer(r"[\w’'\-]+", ctx.m[s:e])][:4]
    if len(toks) < 2 or norm_form(toks[0][2]) not in ctx.t.sets["determiners"]:
        return None
    n = 1
    while n < len(toks) and (_cap(toks[n][2]) or ctx.t.lang not in NOUN_CAPS_LANGS and n == 1):
        n += 1
    last = toks[n - 1][2].lower()
    if n < 2 or not (_role_word(ctx.t, last) or _role_word(ctx.t, last.rsplit("-", 1)[-1])):
        return None
    return s + toks[0][0], s + toks[n - 1][1]


def mention_typer(mentions: list) -> Callable[[int, int], str | None]:
    """``f(s, e)``: the type (PER or ORG) of a mention overlapping characters [s, e), else None."""
    named = sorted((m.start, m.end, m.type) for m in mentions if m.type in ("PER", "ORG"))

    def typer(s: int, e: int) -> str | None:
        return next((ty for ms, me, ty in named if ms < e and s < me), None)

    return typer


def _model_attributions(ctx: _Ctx, attrs: list[_Attr]) -> list[_Attr]:
    """Statements the learned cue tagger finds (English, models path; ``_attribmodel``)
    that the rules did not take: its verb outside every rules statement, its content
    overlapping none. Method ``model:attrib-en``; the speaker goes through the same typing,
    plausibility and pronoun resolution as the rules' speakers."""
    from . import _attribmodel

    pieces = [(s, ctx.text[s:e]) for s, e in ctx.paras if s >= ctx.head_end and ctx.text[s:e].strip()]
    taken = [(a.cs, a.ce) for a in attrs] + [(a.cue.start, a.cue.end) for a in attrs if a.cue is not None]
    out: list[_Attr] = []
    found = sorted(_attribmodel.predict(pieces, mention_typer(ctx.mentions), ctx.t.verbs.get), key=lambda cp: -cp[1])
    for c, _p in found:
        if c.source is None or any(s <= c.cue[0] < e or max(s, c.content[0]) < min(e, c.content[1])
                                   for s, e in taken):
            continue
        cue = _Cue(c.cue[0], c.cue[1], ctx.text[c.cue[0]:c.cue[1]], "model")
        act = "stance" if norm_form(cue.form) in ctx.t.sets["stance_cues"] else "say"  # 'Republicans oppose the deal'
        out.append(_Attr(c.content[0], c.content[1], False, _attribmodel.MODEL, cue=cue, sp=c.source, act=act))
        taken += [c.content, c.cue]
    return out


def _speakers_only(ctx: _Ctx, cues: list[_Cue]) -> list[_Attr]:
    """Speakers of speech verbs that gave no statement ('وشددت النيابة العامة، في بيان، على
    سلمية الفعاليات': the content is a noun phrase the rules do not take): no quote, but the
    speaker of the discourse, the antecedent of a dropped subject that follows ('وأشارت إلى
    أنه …', 'Añadió que …'). Only a written subject counts (no pronoun, no dropped subject)."""
    out = []
    for cue in cues:
        ss, se = ctx.sent_of(cue.start)
        sp, zero = _cue_subject(ctx, cue, ss, se)
        if sp is None or zero:
            continue
        sp = _clause_speaker(ctx, *sp)
        if sp is None:
            continue
        at = _Attr(cue.start, cue.end, False, "rules:speaker_only", cue=cue, sp=sp)
        _type_speaker(ctx, at, (ss, se))
        if at.kind not in (None, "pronoun") and _plausible_speaker(ctx, at):
            out.append(at)
    return out


def _share_converb_cue(ctx: _Ctx, attrs: list[_Attr]) -> None:
    """'X ise … geldiklerini belirterek, "…" dedi' ("X, stating that …, said "…""): a quotation
    right after the cue that closes an indirect statement of its sentence, with no speaker
    of its own, is said by the same speaker."""
    ind = [a for a in attrs if not a.direct and a.cue is not None and a.sp is not None and a.cue.kind == "verb"]
    for at, c in zip(attrs, ctx.quotes):
        if not at.direct or at.sp is not None:
            continue
        for b in ind:
            if b.ce <= b.cue.start and b.cue.end <= c.open and ctx.sent_of(b.cue.start) == ctx.sent_of(c.open) \
                    and not re.search(r"\w", ctx.m[b.cue.end:c.open]):
                at.sp, at.cue, at.zero, at.method = b.sp, b.cue, b.zero, "rules:before"
                break


#: cue classes of attitudes (belief, expectation, intention), not speech acts
_ATTITUDES = frozenset(("cognition", "intent"))


def _drop_nested_attitudes(attrs: list[_Attr]) -> list[_Attr]:
    """An attitude inside what someone said is part of the statement, not a statement of its
    own: in 'X said she would consider legislation' or 'X said voters believe Y' the source
    an analyst checks is X's statement; 'she would consider' is no second quote. An indirect
    attribution whose cue verb is of an attitude class (``cognition``, ``intent``) and lies in
    the content of another attribution is dropped; a speech verb there ('X said Y told him
    …') is a relay and stays."""
    spans = [(a.cs, a.ce) for a in attrs]
    return [a for a in attrs if a.direct or a.cue is None or a.cue.kind != "verb" or a.cue.cls not in _ATTITUDES
            or not any(cs <= a.cue.start < ce and (cs, ce) != (a.cs, a.ce) for cs, ce in spans)]


def _trim_contents(ctx: _Ctx, attrs: list[_Attr]) -> None:
    """An indirect statement ends where the next attribution of its sentence begins: 'X
    said A, adding that B' gives A and B, not 'A, adding that B'. A content that precedes its
    cue ('A, X said') is kept whole."""
    # a verb whose 'subject' opens a clause ('…, allowing people to see …') starts no attribution
    attrs_ = [a for a in attrs if a.sp is None or a.zero or _clause_speaker(ctx, *a.sp)]
    starts = sorted({a.cue.start for a in attrs_ if a.cue is not None} |
                    {a.sp[0] for a in attrs_ if a.sp is not None and not a.zero})
    for a in attrs:
        if a.direct or a.cue is None or a.cue.kind in ("prep", "prep_after"):
            continue  # 'According to X, CONTENT' keeps the attribution inside it (_according_outlets)
        if a.cue.start >= a.ce:
            # 'A and B will meet … to discuss how …, the Commission said': a content before its
            # cue is what the source said, whatever verbs it holds; nothing after it can begin
            # inside it
            continue
        k = bisect.bisect_right(starts, a.cs)
        if k < len(starts) and starts[k] < a.ce:
            cut = ctx.m.rfind(",", a.cs, starts[k])
            x = _LINKER_BEFORE.search(ctx.m, a.cs, starts[k])
            if x and x.group(1).lower() in ctx.t.sets["linkers"] and x.start() > cut:
                cut = x.start()  # 'X said A and suggested that B': A ends at the linker
            if cut > a.cs:
                s, e = qm._trim(ctx.text, a.cs, cut)
                if len(re.findall(r"\w+", ctx.text[s:e])) >= (1 if a.method == "rules:np" else 3):
                    a.cs, a.ce = s, e  # (a noun-phrase content may be one word: 'praised Obama')


def _plausible_speaker(ctx: _Ctx, at: _Attr) -> bool:
    """A speaker is a person, a group, an organisation, an outlet, a role or a pronoun: never
    a verb form, a fragment of a clause ('recommended the United', 's’est') or a long
    clause. Names found by the mentions stage always are. A phrase with a closing quotation
    mark in it ('to groźba"') is a piece of a clause."""
    q = _QUOTE_CHARS.search(ctx.text, *at.span) if at.span is not None else None
    if q and q.start() > at.span[0] and not ctx.text[q.start() - 1].isspace():  # type: ignore[index]
        return False  # the end of a quotation, not a name in quotation marks ('فضائية "الحدث"')
    if at.kind in ("pronoun", "anonymous", "institution", "outlet", "document") or at.span is None:
        return True
    s, e = at.span
    if any(mn.start <= s and e <= mn.end for mn in ctx.mentions):
        return True
    t = ctx.t
    words = re.findall(r"[\w’'\-]+", ctx.m[s:e])
    if not words or len(words) > 14 or len(words) > 9 and not (
            # 'La coordinadora general de la Uraura Alicia Quevedo Pérez del Bloque': a role phrase
            # with a name in it may be long
            norm_form(words[0]) in t.union("determiners", "role_nouns")
            and any(s <= mn.start and mn.end <= e and mn.type in ("PER", "ORG") for mn in ctx.mentions)):
        return False
    if all(len(w) == 1 and w.isalpha() for w in words):
        return False  # a lone letter: the conjunction prefix 'و' cut from its word, an initial
    lw = [norm_form(w) for w in words]
    # a verb form, unless capitalised inside a name ('The State Department Refugee Center')
    if any(w in t.verbs for k, w in enumerate(lw) if not (k and _cap(words[k]) and not t.caseless)) \
            or any(c.kind == "verb" for c in ctx.cues_in(s, e)):
        return False
    if at.cue is not None and at.cue.kind == "prep" and t.caseless and at.kind == "name":
        return False  # 'وفقا لإجراءات …' ("in accordance with"): a source after a preposition needs a head noun
    first = lw[0]
    if at.cue is not None and at.cue.kind in ("prep", "prep_after"):
        return True  # the phrase after 'according to' is the source
    nouns = t.union("determiners", "role_nouns", "anonymous_heads", "org_heads", "generic_roles")
    if first in nouns or _role_word(t, first):
        return True
    # never a preposition, a conjunction, an adverb or auxiliary ('In June', 'When Clinton'),
    # a verb form ('recommended the United') or an elided auxiliary ('s’est')
    if first in t.union("prepositions", "linkers", "skip_before_cue", "relative", "complementizers", "subordinators"):
        return False
    if not _cap(words[0]) and any(first.endswith(x) and len(first) > len(x) + 2 for x in t.lists["verb_suffixes"]):
        return False
    elided = re.match(r"\w{1,2}['’](\w+)$", first)
    return not (elided and elided.group(1) in t.sets["skip_before_cue"])


def _clause_speaker(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
    """The speaker phrase [s, e) or None (``_clause_speaker_of``), once per phrase and article."""
    key = ("clause_speaker", s, e)
    if key not in ctx.memo:
        sp = _clause_speaker_of(ctx, s, e)
        ctx.memo[key] = _untimed(ctx, *sp) if sp is not None else None
    return ctx.memo[key]


def _untimed(ctx: _Ctx, s: int, e: int) -> tuple[int, int]:
    """The speaker phrase without a time expression that ends it ('Merkel am Dienstag',
    'Sanders on Tuesday', 'el ministro el martes', 'minister we wtorek': ``temporal.find_refs``)."""
    phrase = ctx.text[s:e]
    if not any(not w[:1].isupper() for w in phrase.split()[1:]):
        return s, e  # one word, or a run of capitalised words (a name): no time expression after it
    for ref in find_refs(phrase, ctx.t.lang):
        if ref.start > 0 and not phrase[ref.end:].strip(" ,.\u00a0") and re.search(r"\w", phrase[:ref.start]):
            return s, s + len(phrase[:ref.start].rstrip(" ,\u00a0"))
    return s, e


def _clause_speaker_of(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
    """A speaker phrase that opens a clause names no one: a complementizer before a pronoun
    ('that he might decide against his announced') or a participle in lower case ('allowing
    people to') gives None; a participle before a determiner phrase keeps that phrase
    ('amounting to what the senators', 'meddling the congressman': a noun before a reduced
    relative clause). Any other phrase, and a mention, is kept as it is."""
    t = ctx.t
    if any(mn.start <= s and e <= mn.end for mn in ctx.mentions):
        return s, e
    words = [(x.start() + s, x.group()) for x in re.finditer(r"[\w’'\-]+", ctx.m[s:e])]
    if len(words) < 2 or _cap(words[0][1]) or t.caseless:
        return s, e
    first = norm_form(words[0][1])
    if first in t.sets["complementizers"]:
        return None if any(norm_form(w) in t.pronouns for _, w in words[1:]) else (s, e)
    if not _participle_word(ctx, words[0][1]) or first in t.union("role_nouns", "determiners"):
        return s, e
    k = max((i for i, (_, w) in enumerate(words) if i and norm_form(w) in t.sets["determiners"]), default=0)
    if k and k < len(words) - 1 and norm_form(words[k][1]) not in t.sets["complementizers"] | t.pronouns.keys() \
            and norm_form(words[k - 1][1]) not in t.sets["prepositions"]:  # not 'showing … in the swing
        return words[k][0], e
    return None


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
        if b.kind in ("name", "role", "pronoun", "anonymous", "institution") and _plausible_speaker(ctx, b):
            a.sp, a.cue, a.method = sp, cue, b.method
            a.kind, a.speaker, a.span, a.anonymous, a.plural = b.kind, b.speaker, b.span, b.anonymous, b.plural
            a.cs = max(a.cs, cs) if ctx.m[a.cs:cs].strip(" ,") else a.cs
    attrs[:] = [a for a in attrs if a.kind != "drop"]


def _as_quote(ctx: _Ctx, at: _Attr) -> Quote:
    text = ctx.text
    q = Quote(start=at.cs, end=at.ce, text=text[at.cs:at.ce], direct=at.direct,
              method=at.method + (":partial" if at.partial and at.direct else ""), act=at.act)
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
    attrs = [a for a in attrs if a.act == "say"]  # a stance cites no one
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


def _tagger_on(options: Any) -> bool:
    """The learned cue tagger runs only on the models path and when asked for
    (``attrib_model``): it parses every English text, ten times the rules' cost."""
    return bool(getattr(options, "use_models", False)) and bool(getattr(options, "attrib_model", False))


def preload(options: Any = None) -> None:
    """With the cue tagger on, load the English parser and its weights now (the pipeline
    calls this once in the parent process before forking its workers)."""
    if _tagger_on(options):
        from . import _attribmodel

        _attribmodel.preload()


def extract(article: Article, options: Any = None) -> Article:
    """Find the quotes and sources of one article (pure: returns a new record)."""
    text = article.text or ""
    if not text.strip():
        return replace(article, quotes=[], sources=[])
    ctx = _Ctx(article, cue_table(article.lang))
    # the learned cue tagger, when asked for, adds to the rules on the models path, in English
    # (the language it was trained on); ``Quote.method`` says which path found each statement
    use_model = _tagger_on(options) and (article.lang or "").split("-")[0].lower() == "en"
    attrs = _attributions(ctx, use_model)
    quotes = [_as_quote(ctx, at) for at in attrs]
    # a statement its cue interrupts is two quotes with one cue and speaker
    quotes += [_as_quote(ctx, replace(at, cs=at.more[0], ce=at.more[1], more=None)) for at in attrs if at.more]
    quotes.sort(key=lambda q: (q.start, q.end))
    return replace(article, quotes=quotes, sources=_sources(ctx, attrs))
