"""Internal helper of the quotes stage: indirect speech ("X said (that) CONTENT", "CONTENT,
X said", "According to X, CONTENT", reported subjunctive) and the content span of a
statement. Not a stable API."""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import TYPE_CHECKING

from . import _quotemarks as qm
from ._quotenp import (_CONJ, _cap, _interjected, _is_adverb, _leading_np, _np_after, _participle, _participle_word,
                       _pick_apposition, _pure_name, _strip_np, _subject_before, _tokens)
from ._quoteroles import _Attr, _Cue, _aux_first, _bare_determiner, _cue_subject, _function_words, _is_outlet, _mentions_in
from .cues import CueTable, norm_form
from .temporal import find_refs

if TYPE_CHECKING:
    from .quotes import _Ctx


def _covered(ctx: _Ctx, s: int, e: int) -> float:
    if e <= s:
        return 1.0
    n = sum(1 for k in range(s, e) if ctx.m[k] == qm.MASK)
    return n / (e - s)


def _content(ctx: _Ctx, s: int, e: int, min_words: int = 3, breaks: bool = True) -> tuple[int, int] | None:
    """The content span of a statement in [s, e): trimmed, up to a quotation it introduces
    and (``breaks``) to the end of its clause; None when shorter than ``min_words`` words or
    mostly quotation. ``breaks`` is off for the sentence a sentence-final source scopes
    over ('A, but B, according to X.')."""
    s, e = qm._trim(ctx.text, s, e)
    colon = _COLON_QUOTE.search(ctx.m, s, e)
    if colon:  # 'dass die Reform schwierig war: "Das war …"': a quotation the clause introduces is not in it
        e = colon.start()
    # a statement ends with its clause: 'A; B', 'A, however B'
    if breaks and ctx.t.clause_break_re is not None:
        k = ctx.t.clause_break_re.search(ctx.m, s, e)
        while k and k.group().strip() in _DASHES:
            # 'nominate Shriver — a member of the Kennedy clan — to replace …': a pair of dashes
            # sets off an aside inside the statement, which goes on after the second
            d = _DASH_PAIR.match(ctx.m, k.end(), e)
            if d is None or not ctx.m[d.end():e].strip(" .,;"):
                break
            k = ctx.t.clause_break_re.search(ctx.m, d.end(), e)
        if k and len(re.findall(r"\w+", ctx.m[s:k.start()])) >= min_words:
            e = k.start()
    if ctx.t.caseless:  # 'للغاية.تمت': a full stop without a space still ends the sentence
        x = _GLUED_STOP.search(ctx.m, s, e)
        if x:
            e = x.start()
    if breaks:
        # '… أطلقت ثلاث قذائف أمس، ونقلت وكالة «يونهاب» عن …': after a comma (and a
        # conjunction), a speech verb opens a statement of its own
        for c in ctx.cues_in(s, e):
            if c.kind == "verb" and not ctx.weak(c) and _NEW_CLAUSE.search(ctx.m, max(s, c.start - 8), c.start) \
                    and len(re.findall(r"\w+", ctx.m[s:c.start])) >= min_words:
                e = ctx.m.rfind(",", s, c.start)
                break
        e = _conjoined_statement(ctx, s, e, min_words)
    while e > s and ctx.text[e - 1] in ".,;:":
        e -= 1
    while s < e and ctx.text[s] in ",;: ":
        s += 1
    if ctx.m[max(0, s - 3):s].rstrip(" \u00a0").endswith(":"):
        # 'وقالت هيئة الأركان: إن العملية …': a complementizer after the colon is not content
        w = _FIRST_WORD.match(ctx.text, s, e)
        if w and norm_form(w.group(1)) in ctx.t.sets["complementizers"]:
            s = w.end()
    if len(re.findall(r"\w+", ctx.text[s:e])) < min_words or _covered(ctx, s, e) > 0.6:
        return None
    return s, e


def _conjoined_statement(ctx: _Ctx, s: int, e: int, min_words: int) -> int:
    """Where a statement ends before a second one conjoined to it, a conjunction, a subject
    of a few words and a speech verb right before its complementizer ('… that A and the
    deputies said that B', '… بأنه A و8% أكدوا أن B'): the end of A (e when there is none)."""
    for c in ctx.cues_in(s, e):
        if c.kind != "verb" or ctx.weak(c) or _participle(ctx, c):
            continue
        x = ctx.t.comp_re.match(ctx.m, c.end, e)
        if x is None or x.group("comp") == ":" or x.group("gap").strip(" ,\u00a0"):
            continue
        y = _CONJ_SUBJECT.search(ctx.m, max(s, c.start - 80), c.start)
        last = y.group(0).split()[-1].lower() if y else ""
        if last in ctx.t.sets["prepositions"] or last in ("to", "zu") or \
                y and re.search(r"[\"“”„«»]", ctx.text[y.start():c.start]):
            # 'and the public to believe that': an infinitive, not a clause of its own; 'A “a
            # and b” suggests that': a quotation (masked in the searched text) in the subject
            continue
        if y and len(re.findall(r"\w+", ctx.m[s:y.start()])) >= min_words:
            return len(ctx.m[:y.start()].rstrip(" \u00a0,"))
    return e


# a conjunction (a word, or Arabic و written on the next word) and one to five words before a verb
_CONJ_SUBJECT = re.compile(r"(?<=\s)(?:(?:and|und|et|y|e|i|ve|oraz)[ \u00a0]+|و(?=[^\W_]))"
                           r"[^\s,.;:!?\x07\"“”„«»]+(?:[ \u00a0]+[^\s,.;:!?\x07\"“”„«»]+){0,4}[ \u00a0]+$")
_GLUED_STOP = re.compile(r"\.(?=[^\W\d_])")
# a comma and a conjunction before a speech verb ('…, and said', '…، ونقلت'); without the
# conjunction '…, said X' is the postposed cue of what comes before
_NEW_CLAUSE = re.compile(r",[ \u00a0]*(?:[وف]|(?:and|und|et|y|e|i|ve|oraz)[ \u00a0]+)$")  # before a verb: ', and'
_FIRST_WORD = re.compile(r"([\w’']+)[ \u00a0]+")
_COLON_QUOTE = re.compile(r":[ \u00a0]*[\"“„«‘'‚]?\x07")
_DASHES = ("--", "—", "–")
_DASH_PAIR = re.compile(r"[^—–\n.;!?]{1,80}?\s(?:--|—|–)\s")


def _indirect(ctx: _Ctx, cue: _Cue) -> _Attr | None:
    t, m = ctx.t, ctx.m
    ss, se = ctx.sent_of(cue.start)
    if norm_form(cue.form) in t.sets["postposed_cues"]:
        # 'CONTENT, so der Sprecher.': the source follows the cue, the content comes before
        before = m[ss:cue.start].rstrip(" \u00a0")
        sp = _np_after(ctx, cue.end, se, 8) if before.endswith(",") else None
        cont = _content(ctx, ss, ss + len(before) - 1) if sp else None
        return _Attr(*cont, False, "rules:according", cue=cue, sp=sp) if cont else None
    if norm_form(cue.form) in t.sets["relative_cues"]:
        return _relative_statement(ctx, cue, ss, se)
    if cue.kind == "verb" and t.sets["anaphoric"]:
        ana = _anaphoric_statement(ctx, cue, ss, se)
        if ana is not None:
            return ana
    if cue.kind == "verb" and not ctx.weak(cue):
        bare = _bare_report(ctx, cue, ss, se)
        if bare is not None:
            return bare
    nxt = re.match(r"[\s,]*([\w’']+)", m[cue.end:se])
    if cue.kind == "verb" and t.sets["as_markers"]:
        asc = _as_clause(ctx, cue, ss, se)
        if asc is not None:
            return asc
    if ctx.weak(cue) and not (cue.cls == "report" and nxt and norm_form(nxt.group(1)) in t.sets["complementizers"]):
        return None  # 'police found the body' is no statement; 'the study found that …' is
    if cue.cls == "question":
        return _question(ctx, cue, ss, se)
    if cue.kind == "prep" and cue.pron:
        # 'Die Botschaft ist nach US-Angaben die größte …': the source is in the cue, the
        # content is the sentence (after the cue and its comma when the cue opens it)
        words = re.findall(r"[\w’'\-]+", cue.form)
        if words and norm_form(words[-1]) in t.sets["complementizers"]:
            # 'Z danych centrum wynika, że …', 'Il ressort du rapport que …': the cue ends with
            # the complementizer of its clause, the content is all of it
            cont = _content(ctx, cue.end, se)
            return _Attr(*cont, False, "rules:according", cue=cue, sp=cue.pron) if cont else None
        lead = _opens_clause(ctx, ss, cue.start)
        comma = m.find(",", cue.end, se)
        cont = _content(ctx, (comma + 1 if comma > 0 else cue.end) if lead else ss, se)
        if cont and any(c.kind == "verb" and not ctx.weak(c) for c in ctx.cues_in(*cont)):
            return None  # 'In a statement, X said that …': the verb's reading
        return _Attr(*cont, False, "rules:according", cue=cue, sp=cue.pron) if cont else None
    if cue.kind == "prep":
        # "According to X, CONTENT" / "Selon X, CONTENT" / "CONTENT, according to X." /
        # "The toll has according to police risen to 20" (the sentence)
        sp = _np_after(ctx, cue.end, se)
        if not sp:
            return None
        if norm_form(cue.form) in t.sets["prep_needs_noun"] and not _noun_source(ctx, sp):
            return None  # 'fanden sie laut weniger als …': 'laut' is no cue before a lowercase word
        if norm_form(cue.form) in t.sets["prep_needs_verb"]:
            # 'wie das Militär mitteilte' is a cue, 'so groß wie der Vatikan' is not
            end = m.find(",", cue.end, se)
            if not any(c.kind == "verb" for c in ctx.cues_in(cue.end, end if end > 0 else se)):
                return None
        comma = m.find(",", cue.end, se)
        lead = _opens_clause(ctx, ss, cue.start)
        name = (_name_np(ctx, sp) or _source_before_verb(ctx, sp, se)) if lead else None
        if name and m[name[1]:comma if comma > 0 else se].strip(" \u00a0") and not (
                comma > 0 and norm_form(cue.form) in t.sets["prep_needs_verb"]):
            # (not 'Wie Merkel am Dienstag mitteilte, ist …': the verb closes the cue's clause)
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
        elif lead and comma < 0 and (src := _source_chain(ctx, sp)) is not None and (
                cont := _content(ctx, src[1], se)) is not None:
            # 'Według relacji pokrzywdzonego dzień wcześniej wdarło się …', 'According to police
            # the driver had …' (no comma after a source in lower case): the content follows it
            sp = src
        elif not lead and m[sp[1]:se].strip(" .,;!?\u00a0") and not m[ss:cue.start].rstrip().endswith(","):
            cont = _content(ctx, ss, se)
        elif not lead and m[ss:cue.start].rstrip().endswith(",") and (resume := _after_source(ctx, sp, se)):
            # 'A, according to X, was B': the source interrupts the statement
            return _interrupted(ctx, cue, sp, ss, m[:cue.start].rstrip().rfind(","), resume, se)
        else:
            cont = _content(ctx, ss, cue.start, breaks=False)
        return _Attr(*cont, False, "rules:according", cue=cue, sp=sp) if cont else None
    if cue.kind == "prep_after":
        sp = _leading_np(ctx, max(ss, m.rfind(",", ss, cue.start) + 1), cue.start)
        cont = _content(ctx, ss, m.rfind(",", ss, cue.start)) if sp else None
        return _Attr(*cont, False, "rules:according", cue=cue, sp=sp) if cont else None
    tail = m[cue.end:se]
    if t.lists["complement_suffixes"] and cue.kind == "verb":
        sov = _content_before_verb(ctx, cue, ss)
        if sov is not None:
            return sov
    x = _complement(ctx, tail, cue)
    if x is not None and x.group("comp") == ":" and not t.verb_first and cue.kind == "verb" and \
            m[ss:cue.start].rstrip(" \u00a0").endswith(",") and len(re.findall(r"\w+", m[ss:cue.start])) >= 3:
        # 'Details sollen am Mittwoch bekannt gegeben werden, sagte Sprecher X der dpa: …': a verb
        # right after a comma reports what comes before it; the colon after opens nothing of its own
        # (and ends the words after the verb, as a full stop would)
        tail = tail[:x.start("comp")]
        x = None
    if _participle(ctx, cue):
        # "…, noting that …": the subject is the one of the main verb before it
        sp, zero = _cue_subject(ctx, cue, ss, cue.end + x.start("comp") if x else se)
        if sp and x:
            cont = _content(ctx, cue.end + x.end(), se)
        elif sp:
            cont = _participle_clause(ctx, cue, tail, se)
            wh = _wh_clause(ctx, cue, tail) if cont is None else None
            if wh is not None:  # '…, questioning whether …'
                cont = _content(ctx, cue.end + wh, se)
            if cont is None:  # '…, citing low economic growth': a noun-phrase content
                obj = _np_object(ctx, cue, tail, se)
                return _Attr(*obj, False, "rules:np", cue=cue, sp=sp, zero=zero) if obj else None
        else:
            cont = None
        return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp, zero=zero) if cont else None
    # pattern A: "X said (that) CONTENT", "X told the Post (that) CONTENT"
    skip = _addressee(ctx, cue, se) if norm_form(cue.form) in t.sets["addressee_verbs"] else 0
    # (matched on the rest of the tail: a pattern's "^" anchors at the start of the string it is given)
    z = t.zero_re.match(tail[skip:]) if t.zero_re is not None and cue.cls in t.sets["zero_classes"] \
        and norm_form(cue.form) not in t.sets["zero_exclude"] else None
    # where the content after the adverbial (or the addressee) begins
    adv = skip + (z.end("adv") if z is not None and "adv" in z.groupdict() and z.group("adv") else 0)
    if z is not None and skip and not _opens_subject(ctx, tail[adv:]):
        z = None  # 'tells Japan After Japan's strong demarche, …': no clause after the addressee
    inf = _infinitive(ctx, cue, tail)
    seg = re.search(r",([^,]+),[ \u00a0]*$", tail[:x.start("comp")]) \
        if x and norm_form(x.group("comp")) in t.sets["relative"] else None
    if seg and _clause_gap(ctx, seg.group(1)) and not _cap(seg.group(1).split()[0]) and norm_form(
            seg.group(1).split()[0]) not in t.union("relative", "role_nouns", "determiners"):
        # 'A, mencionó el gobierno, corresponden a una mujer, que llegó …': after a clause of its
        # own (not an apposition), a complementizer that is also a relative pronoun is the relative
        x = None
    if x is not None and x.group("comp") != ":" and any(
            c.kind == "verb" and "," in m[cue.end:c.start] for c in ctx.cues_in(cue.end, cue.end + x.start("comp"))):
        x = None  # '…, dijo Grosra, quien le explicó que …': the complementizer is the later verb's
    if x and z and _clause_gap(ctx, tail[:x.start("comp")]):
        x = None  # 'Ryan said Obama has never respected the right … that …': "that" is inside the content
    sp, zero = _cue_subject(ctx, cue, ss, cue.end + x.start("comp") if x else se, inverted=x is not None)
    if not sp:
        cont = None
    elif x:
        cont = _content(ctx, cue.end + x.end(), se)
    elif inf is not None:
        # 'X wants to …', 'X vowed Monday to …', 'X urged the judge to …': the infinitive clause
        cont = _content(ctx, cue.end + inf, se, min_words=2)  # 'want to lose'
    elif (wh := _wh_clause(ctx, cue, tail)) is not None:
        # 'X did not indicate whether …', 'X is telling attendees how …': the indirect question
        cont = _content(ctx, cue.end + wh, se)
    elif z:
        # 'said Thursday he got …', 'told reporters he would …': the content begins after the
        # adverbial (or the addressee)
        cont = _content(ctx, cue.end + adv, se)
    else:
        cont = None
    if cont and (_in_relative(ctx, cue, ss) or _in_subordinate(ctx, sp, ss)):
        # 'The Commission, which contended that Ireland undertaxed the company, ordered …',
        # 'While critics argue that A, Obama deems …': the relative or subordinate clause,
        # hence its content, ends at the next comma
        k = m.find(",", cont[0], cont[1])
        cont = (_content(ctx, cont[0], k) or cont) if k > 0 else cont
    if cont:
        return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp, zero=zero)
    if sp and t.verb_first:
        obj = _np_object_after_subject(ctx, cue, sp, zero, se)
    else:
        obj = _np_object(ctx, cue, tail, se) if sp else None
        if obj is None and not sp and (inv := _np_object_inverted(ctx, cue, ss, se)) is not None:
            obj, sp = inv
    if obj is not None:
        return _Attr(*obj, False, "rules:np", cue=cue, sp=sp, zero=zero)
    sub = _subjunctive(ctx, cue, sp, tail, se)
    if sub is not None:
        return sub
    # pattern B: "CONTENT, X said." / "CONTENT, a-t-il expliqué, …"; with the cue inside the
    # statement ('The museum, Mr. Bush said, celebrated …') the content is both sides of it
    before = m[ss:cue.start]
    comma = before.rfind(",")
    parts = tail.split(",", 1)
    tail_words = len(re.findall(r"\w+", parts[0]))
    # ('CONTENT, X said, adding, "…"': the participle's word without its comma or colon)
    rest_words = re.findall(r"[\w’'\-]+", parts[1]) if len(parts) == 2 else []
    rest_ok = len(parts) == 1 or not parts[1].strip(" .") or _participle_word(ctx, rest_words[0] if rest_words else "")
    rw = [norm_form(w) for w in re.findall(r"[\w’'\-]+", parts[1])] if len(parts) == 2 else []
    stop = t.union("linkers", "subordinators", "relative", "complementizers")
    paren = not t.verb_first and not rest_ok and tail_words <= 3 and len(rw) >= 2 and rw[0] not in stop
    rest_ok = rest_ok or bool(rw and rw[0] in stop)  # 'CONTENT, X said, since …': the content is before
    app_name = None
    if not rest_ok and len(parts) == 2 and comma > 0 and all(
            norm_form(w) in t.sets["skip_before_cue"] for w in re.findall(r"[\w’'\-]+", before[comma + 1:])):
        # 'CONTENT, a communiqué le bourgmestre de la Ville, Philippe Close (PS).': a name in
        # apposition to the subject after the verb ends the sentence
        app = re.sub(r"\([^()]*\)", " ", parts[1]).strip(" .\u00a0")
        rest_ok = bool(app) and "," not in app and _pure_name(_tokens(app, 0, len(app)), t)
        if rest_ok:
            k = m.find(app.split()[0], cue.end + len(parts[0]) + 1, se)
            app_name = (k, k + len(app)) if k >= 0 and m[k:k + len(app)] == app else None
    if comma > 0 and tail_words <= 14 and (rest_ok or paren) and not t.comp_word_re.search(tail.split(",")[0]):
        sp = cue.pron
        lo = ss + comma
        if not sp:
            sp = _subject_before(ctx, ss, cue.start)
            if sp:
                lo = m.rfind(",", ss, sp[0])
                if lo < ss or (rest_ok and not paren and _adverbial_opener(ctx, ss, lo)):
                    # ('Por primera vez, existe …, dijo Grosra': a phrase that opens the sentence
                    # leaves no statement before that subject: the subject follows the verb)
                    sp, lo = None, ss + comma
        if sp is None and not cue.pron and cue.cls != "derived" and all(norm_form(w) in t.sets["skip_before_cue"]
                                               for w in re.findall(r"[\w’'\-]+", before[comma + 1:])):
            sp, lo = _np_after(ctx, cue.end, se, 8), ss + comma
            if sp and m[sp[0]:sp[1]].split()[0].lower() in t.sets["prepositions"]:
                sp = None  # 'X, the water chief, spoke on Monday': no subject after the verb
            if sp and norm_form(m[sp[0]:sp[1]].split()[0]) in t.pronouns and \
                    len(re.findall(r"\w+", m[sp[0]:cue.end + len(parts[0])])) > 2:
                sp = None  # 'X, speaking to …, said he would …': a clause, not a subject, follows the verb
            # '…, said X, a senior official': the comma opens an apposition; 'El resultado, señaló
            # la fuente oficial, se dará a conocer …': a verb goes on with the interrupted statement
            app = paren and (norm_form(rw[0]) in t.union("determiners", "role_nouns", "prepositions")
                             or _cap(parts[1].split()[0]))
            # ('Asawitiri Media uses the same photo, said Rita Katz, the director of SITE, which …':
            # the statement is the one before the verb)
            paren, rest_ok = paren and not app, rest_ok or app
            if sp and app_name:
                sp = app_name  # '…, a communiqué le bourgmestre de la Ville, Philippe Close': the name
        tw = [norm_form(w) for w in re.findall(r"[\w’'\-]+", parts[0])]
        if sp and tw and not cue.pron and sp[0] < cue.start and (
                tw[0] in t.union("determiners", "partitives")) and not (
                skip and not tail[skip:].split(",")[0].strip(" .!?\u00a0")):
            # ('…, a spokeswoman told the newspaper.': the object is the addressee, the content before)
            sp = None  # 'Dans la nuit, un appel a signalé de la fumée': the verb has an object, no content
        if sp and paren:
            return _interrupted(ctx, cue, sp, ss, lo, cue.end + len(parts[0]) + 1, se)
        if sp and rest_ok and not _adverbial_opener(ctx, ss, lo):
            cont = _content(ctx, ss, lo)
            if cont:
                return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp)
    return None


def _wh_clause(ctx: _Ctx, cue: _Cue, tail: str) -> int | None:
    """Where an indirect question a cue reports begins in ``tail``: a word of the table's
    ``question_complementizers`` ('whether', 'how', 'what'; after a verb that is no question
    verb, not one that is also a subordinator: 'when', 'if') right after the verb, or after the
    addressee of a verb of telling or asking (at most five words, no punctuation: 'telling
    attendees at the gala how …'); None otherwise."""
    t = ctx.t
    if not t.sets["question_complementizers"] or cue.kind != "verb":
        return None
    x = _WORDS_AFTER.match(tail)
    if x is None:
        return None
    words = list(re.finditer(r"[\w’'\-]+", x.group()))
    wh = t.sets["question_complementizers"] if cue.cls == "question" else \
        t.minus("question_complementizers", "subordinators")  # 'never envisioned when she …'
    k = next((i for i, w in enumerate(words) if norm_form(w.group()) in wh), None)
    if k is None or k == len(words) - 1:
        return None
    if k and (norm_form(cue.form) not in t.sets["addressee_verbs"] and cue.cls != "question" or any(
            norm_form(w.group()) in t.union("complementizers", "relative") for w in words[:k])
            or ctx.cues_in(cue.end, cue.end + words[k].start())):
        return None
    return words[k].start()


_WORDS_AFTER = re.compile(r"(?:[ \u00a0]+[\w’'\-]+){1,7}")


def _after_source(ctx: _Ctx, sp: tuple[int, int], se: int) -> int | None:
    """Where a statement resumes after the source of an interrupting cue ('A, according to
    X, was B'): after the comma that closes the source, when a verb form, an auxiliary or
    a linker follows it (not an apposition to the source: 'X, director of Y,')."""
    m = ctx.m
    x = re.match(r"[ \u00a0]*,[ \u00a0]*([\w’']+)", m[sp[1]:se])
    if x is None:
        return None
    w = norm_form(x.group(1))
    if ctx.cues_in(sp[1] + x.start(1), se):
        return None  # 'Japan, according to sources, has expressed confidence that …': the verb's reading
    if w in ctx.t.union("skip_before_cue", "auxiliaries", "linkers", "subordinators") or w in _COPULAS:
        return sp[1] + x.start(1)
    return None


_COPULAS = frozenset(("is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "should", "may",
                      "might", "remains", "remained"))


def _infinitive(ctx: _Ctx, cue: _Cue, tail: str) -> int | None:
    """Where the infinitive clause a cue of the table's ``infinitive_classes`` reports begins
    in ``tail`` (the text after the cue), or None: right after the verb or an adverbial ('vowed
    to …', 'promised Monday to …': the table's ``infinitive_complement``, whose group ``inf``,
    when it has one, marks the clause), or after the addressee of a verb of telling ('urged the
    judge to …', 'told them not to …': at most four words, no punctuation, then the
    complement)."""
    t = ctx.t
    if t.infinitive_re is None or t.subjunctive_re or cue.cls not in t.sets["infinitive_classes"] \
            and norm_form(cue.form) not in t.sets["addressee_verbs"]:
        return None
    x = t.infinitive_re.match(tail)
    if x is None and norm_form(cue.form) in t.sets["addressee_verbs"]:
        obj = _ADDRESSEE_WORDS.match(tail)
        x = t.infinitive_re.match(tail[obj.end():]) if obj else None
        verb = re.match(r"\s+(?:not\s+)?\w+\s+([\w’'\-]+)", tail[obj.end():]) if x else None
        if x is None or verb is None or _cap(verb.group(1)) or norm_form(verb.group(1)) in t.union(
                "determiners", "prepositions") or norm_form(verb.group(1)) in t.pronouns \
                or ctx.cues_in(cue.end, cue.end + obj.end()) or any(
                    norm_form(w) in t.union("complementizers", "relative", "prepositions", "linkers")
                    for w in re.findall(r"[\w’'\-]+", obj.group())):
            return None  # 'told him about the plan to …', 'urged voters who plan to …', 'sent it to the Post'
        return obj.end() + len(tail[obj.end():]) - len(tail[obj.end():].lstrip())
    if x is None:
        return None
    if "inf" in x.groupdict() and x.group("inf"):
        return x.start("inf")
    return len(tail) - len(tail.lstrip())


_ADDRESSEE_WORDS = re.compile(r"(?:[ \u00a0]+[\w’'\-]+){1,4}?(?=[ \u00a0]+(?:not[ \u00a0]+)?to[ \u00a0])")


def _np_object(ctx: _Ctx, cue: _Cue, tail: str, se: int, keys: str = "np_cues") -> tuple[int, int] | None:
    """The content of a speech act whose object is a noun phrase ('the ministry announced new
    sanctions', 'he warned of a recession', 'Clinton called for an investigation'): a verb
    form (or verb and preposition) of the table's ``np_cues`` (or of the set ``keys``:
    ``stance_cues``, `_quotestance`) followed by a noun phrase; the content runs from the
    phrase to the end of its clause. Not a clause ('denied that …', 'warned he would …'), an
    infinitive, an adverbial ('said on Monday') or nothing."""
    t = ctx.t
    if not t.sets[keys] or cue.kind != "verb":
        return None
    form = re.sub(r"\s+", " ", norm_form(cue.form))
    words = list(re.finditer(r"[\w’'\-]+|[^\w\s]", tail[:200]))
    if not words:
        return None
    k = 0
    if form not in t.sets[keys]:
        if f"{form} {norm_form(words[0].group())}" not in t.sets[keys]:
            return None
        k = 1  # 'warned of': the object follows the preposition
    gap = (tail[words[k - 1].end():words[k].start()] if k else tail[:words[0].start()]) if k < len(words) else ","
    if gap.strip(" \u00a0"):
        return None  # a comma or a mark between the verb and the phrase
    w = words[k].group()
    first = norm_form(w)
    rest = " " + tail[words[k].start():]
    quantity = first in t.sets["quantity_preps"] and k + 1 < len(words) and words[k + 1].group()[:1].isdigit()
    # after a stance verb, an article that is also a relative pronoun opens the object ('lehnt die
    # Forderung … ab'); the speech verbs keep their reading
    det = keys != "np_cues" and first in t.sets["determiners"] and k + 1 < len(words)
    if not (w[0].isalnum() or w[0] in "“\"‘'«" + qm.MASK) or (first in t.pronouns and not det) \
            or (t.infinitive_re is not None and t.infinitive_re.match(rest)) \
            or not (quantity or det) and first in t.union("complementizers", "question_complementizers", "prepositions",
                                                        "skip_before_cue", "linkers", "relative", "subordinators",
                                                        "np_object_stop") \
            or _is_adverb(w, t):
        return None
    z = t.zero_re.match(rest) if t.zero_re is not None else None
    if z is not None and "adv" in z.groupdict() and z.group("adv"):
        return None  # 'denied Monday that …', 'praised on Friday': an adverbial, not the object
    return _content(ctx, cue.end + words[k].start(), se, min_words=1)


def _np_object_inverted(ctx: _Ctx, cue: _Cue, ss: int, se: int,
                        keys: str = "np_cues") -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(content, subject) of a noun-phrase cue in a verb-second clause that an adverbial opens
    ('Am Montag meldete die Polizei 20 neue Fälle', 'Zudem warnte der Minister vor einer
    Rezession'): before the verb at most six words opened by a preposition, a sentence adverb
    or an adverb, with no comma; after it the subject, opened by one of the table's
    ``np_subject_openers`` and running to its capitalised head (adjectives before it, more
    capitalised words and a genitive after it: 'das Robert Koch Institut', 'der Sprecher der
    Polizei'), then the noun-phrase object (``_np_object`` with the cue set ``keys``)."""
    t, m = ctx.t, ctx.m
    if not t.sets["np_subject_openers"] or cue.kind != "verb":
        return None
    before = _tokens(m, ss, cue.start)
    if not before or len(before) > 6 or any(not w[0].isalnum() for _, _, w in before) \
            or ctx.cues_in(ss, cue.start):
        return None
    w0 = before[0][2]
    if not (norm_form(w0) in t.union("prepositions", "skip_before_cue") or _is_adverb(w0, t)):
        return None
    toks = _tokens(m, cue.end, se)[:10]
    if not toks or norm_form(toks[0][2]) not in t.sets["np_subject_openers"]:
        return None
    stops = t.union("prepositions", "np_stop", "determiners", "complementizers", "np_object_stop")
    i, head = 1, False
    while i < len(toks):
        w = toks[i][2]
        if not w[0].isalpha():
            break
        if w[0].isupper():
            head = True
        elif head and norm_form(w) in t.sets["genitive_links"] and norm_form(w) in t.sets["np_subject_openers"] \
                and i + 1 < len(toks) and toks[i + 1][2][:1].isupper():
            pass  # 'der Sprecher der Polizei': a genitive after the head
        elif head or norm_form(w) in stops:
            break
        i += 1
    if not head:
        return None
    sp = (toks[0][0], toks[i - 1][1])
    obj = _np_object(ctx, dataclasses.replace(cue, end=sp[1]), m[sp[1]:se], se, keys)
    return (obj, sp) if obj is not None else None


_ASIDE = re.compile(r"[ \u00a0]*,[^,\x07]{1,60},")  # ', في بيان اليوم الاثنين،' (Arabic commas read as Latin)


_PLACE_PHRASE = re.compile(r"[ \u00a0]*(?:في[ \u00a0]+\w+[ \u00a0]+)?")  # one place phrase 'في X'


@functools.lru_cache(maxsize=256)
def _np_prep_re(preps: frozenset) -> re.Pattern:
    """The prepositions that open a noun-phrase object after a verb (longest first), or an
    attached 'ب' (compiled once per verb's set)."""
    alt = "|".join(sorted(map(re.escape, preps), key=len, reverse=True))
    return re.compile(r"[ \u00a0,]*(?:(?P<att>ب)(?=\w{2})|(?:%s)[ \u00a0]+)" % alt)


def _np_object_after_subject(ctx: _Ctx, cue: _Cue, sp: tuple[int, int], zero: bool, se: int) -> tuple[int, int] | None:
    """The noun-phrase content of a speech act in a verb-first table, after the subject that
    follows the verb ('أعلن المجلس الانتقالي … الإدارة الذاتية …', 'وطلب النائب العام ضرورة
    الالتزام …', 'وشددت النيابة العامة، في بيان اليوم، على سلمية الفعاليات …', 'أهاب النائب العام
    …، بجميع المشاركين …'): the table's ``np_cues`` give the verb alone (its object follows the
    subject directly, or after one place phrase 'في X') or with the preposition that opens the
    object (then an aside set off by commas may come first; an attached 'ب' stays on its word).
    The content runs to the end of the clause. Not a clause (a complementizer) nor a pronoun."""
    t, m = ctx.t, ctx.m
    form = re.sub(r"\s+", " ", norm_form(cue.form))
    preps = t.np_cue_preps.get(form, frozenset())
    bare = form in t.sets["np_cues"]
    if not (preps or bare):
        return None
    ss = ctx.sent_of(cue.start)[0]
    if bare and _aux_first(ctx, ss, cue.start):
        if zero or sp[0] >= cue.end:
            return None  # 'كانت السلطات أعلنت إغلاق …': the subject is before the verb, the phrase after it is the object
        pos = cue.end  # … and when that subject was found there, the object follows the verb at once
    else:
        pos = sp[1] if not zero and sp[0] >= cue.end else cue.end
    x = _ASIDE.match(m, pos, se)
    if preps:
        prx = _np_prep_re(preps)
        y = prx.match(m, pos, se)
        if x and (y is None or (y.group("att") and "ب" not in preps)):
            # the object after an aside ('، في بيان اليوم، على …'); one that opens with the
            # preposition right after the comma is the object itself ('، بجميع المشاركين …، الالتزام')
            y = prx.match(m, x.end(), se)
        if y is None or (y.group("att") and "ب" not in preps):
            return None
        start = y.start("att") if y.group("att") else y.end()
    else:
        if m[pos:se].lstrip(" \u00a0")[:1] == ",":
            return None  # 'X, …': an apposition or a new clause, no object
        y = _PLACE_PHRASE.match(m, pos, se)
        start = y.end()
    w = re.match(r"[\w’']+", m[start:se])
    if w is None or norm_form(w.group()) in t.union("complementizers", "prepositions", "skip_before_cue") \
            or norm_form(w.group()) in t.pronouns:
        return None
    return _content(ctx, start, se, min_words=2)


def _adverbial_opener(ctx: _Ctx, s: int, e: int) -> bool:
    """Is [s, e) only a phrase opening the sentence ('In his speech, Graham said …', 'On
    Thursday, however, Trump …'): a prepositional or subordinate phrase of at most eight
    words with no comma inside? Such a phrase is no statement before 'X said'."""
    seg = ctx.m[s:e].strip(" ,\u00a0")
    words = re.findall(r"[\w’'\-]+", seg)
    if not words or len(words) > 8 or qm.MASK in seg or "," in seg.rstrip(",").replace(", however", ""):
        return False
    # a conjunction first joins the sentence to the one before: the phrase after it decides
    # ('But he operates on a different principle, he said' is a statement; 'And if …, X said' is not)
    k = 1 if len(words) > 1 and norm_form(words[0]) in _CONJ else 0
    return norm_form(words[k]) in ctx.t.union("prepositions", "subordinators")


def _interrupted(ctx: _Ctx, cue: _Cue, sp: tuple[int, int], s1: int, e1: int, s2: int, e2: int) -> _Attr | None:
    """A statement the cue interrupts ('Acts of protest, Mr. Obama said, are acts of
    patriotism'): the first part is the content, the second (``more``) continues it; either
    part may be short, the two together need three words."""
    a = _content(ctx, s2, e2)
    if a is None:
        return None
    s, e = qm._trim(ctx.text, s1, e1)
    while e > s and ctx.text[e - 1] in ".,;:":
        e -= 1
    if not re.search(r"\w", ctx.text[s:e]) or _covered(ctx, s, e) > 0.6:
        return None
    return _Attr(s, e, False, "rules:indirect", cue=cue, sp=sp, more=a)


def _in_relative(ctx: _Ctx, cue: _Cue, ss: int) -> bool:
    """Is the cue the verb of a relative clause set off by a comma (', which has long
    argued that …')?"""
    t = ctx.t
    toks = _tokens(ctx.m, max(ss, cue.start - 80), cue.start)
    while toks and (norm_form(toks[-1][2]) in t.sets["skip_before_cue"] or _is_adverb(toks[-1][2], t)):
        toks = toks[:-1]
    for k in range(len(toks) - 1, max(0, len(toks) - 4), -1):  # 'who has long argued'
        if toks[k][2] in ",;:":
            return False
        if norm_form(toks[k][2]) in t.sets["relative"]:
            if toks[k - 1][2] != ",":
                return False
            # '…, dijo Grosra, quien le explicó que A, B': the relative clause hangs on the subject
            # after a speech verb that closes the statement before it; it ends the sentence
            # with its whole content
            comma = toks[k - 1][0]
            return not any(c.kind == "verb" and len(re.findall(r"\w+", ctx.m[c.end:comma])) <= 6
                           and not re.search(r"[,;:.!?]", ctx.m[c.end:comma])
                           for c in ctx.cues_in(max(ss, comma - 60), comma))
    return False


def _opens_subject(ctx: _Ctx, s: str) -> bool:
    """Does ``s`` begin with what can open a clause's subject: a pronoun, a determiner or
    (in a cased script) a capitalised word ('told reporters [he] …', 'told CNN [the] …')?"""
    w = re.match(r"\s*([\w’']+)", s)
    if w is None:
        return False
    first = re.split(r"[’']", norm_form(w.group(1)))[0]  # 'he’d', 'they're'
    return first in ctx.t.pronouns or first in ctx.t.sets["determiners"] or (_cap(w.group(1)) and not ctx.t.caseless)


def _in_subordinate(ctx: _Ctx, sp: tuple[int, int] | None, ss: int) -> bool:
    """Does the subject ``sp`` follow a word of the table's ``clause_openers`` that opens the
    sentence ('While critics argue that A, Obama …', 'And if the emails show that A, …'): a
    subordinate clause before its main clause? (Not one after it: '…, when she claimed that A,
    or B, has …' ends with the sentence.)"""
    if sp is None or sp[0] <= ss:
        return False
    toks = _tokens(ctx.m, ss, sp[0])
    while toks and toks[0][2].lower() in _CONJ:
        toks = toks[1:]
    return len(toks) == 1 and norm_form(toks[0][2]) in ctx.t.sets["clause_openers"]


def _addressee(ctx: _Ctx, cue: _Cue, se: int) -> int:
    """Length of the addressee after a verb of telling ('told the National Post', 'told
    reporters', 'assured him'), measured from the cue's end; 0 when there is none."""
    t, m = ctx.t, ctx.m
    toks = _tokens(m, cue.end, min(se, cue.end + 80))
    i = 0
    if toks and norm_form(toks[0][2]) in _OBJECTS:
        return toks[0][1] - cue.end
    if toks and norm_form(toks[0][2]) in t.sets["determiners"]:
        i = 1
    j = i
    while j < len(toks) and j < i + 5 and _cap(toks[j][2]) and norm_form(toks[j][2]) not in t.pronouns:
        j += 1
    if j == i and i:
        # 'told the newspaper', 'told the local news agency': a determiner and at most three
        # words ending with a media noun, no punctuation between them
        for k in range(i, min(len(toks), i + 3)):
            if k > i and m[toks[k - 1][1]:toks[k][0]].strip(" \u00a0"):
                break
            w = toks[k][2].rstrip(".,;:!?")
            if norm_form(w) in t.sets["media_heads"] and not (
                    w == toks[k][2] and k + 1 < len(toks)
                    and norm_form(toks[k + 1][2].rstrip(".,;:!?")) in t.sets["media_heads"]):
                return toks[k][0] + len(w) - cue.end
            if w != toks[k][2]:
                break
    return toks[j - 1][1] - cue.end if j > i else 0


def _as_clause(ctx: _Ctx, cue: _Cue, ss: int, se: int) -> _Attr | None:
    """'As she stressed, CONTENT' / 'Jak podkreślała, CONTENT' / 'CONTENT, as Trump said.': a
    comparative clause of a speech verb (the table's ``as_markers``) set off by a comma from the
    statement it reports; its subject (or, in a pro-drop language, the previous speaker)."""
    t, m = ctx.t, ctx.m
    lo = max(ss, m.rfind(",", ss, cue.start) + 1)
    sub_end = cue.start
    if lo > ss and not _tokens(m, lo, cue.start):
        # 'Wie Stephan Steiner, Inhaber von Topclean, erklärt, …': back over an apposition
        plo = max(ss, m.rfind(",", ss, lo - 1) + 1)
        if plo > ss and _interjected(ctx, plo, lo - 1) == "np":
            lo, sub_end = max(ss, m.rfind(",", ss, plo - 1) + 1), plo - 1
    toks = _tokens(m, lo, sub_end)
    if not toks or norm_form(toks[0][2]) not in t.sets["as_markers"] or len(toks) > 7 \
            or norm_form(cue.form) in t.sets["as_exclude"]:
        return None
    after = re.match(r"[^,.;:!?\x07]{0,60}?([,.])", m[cue.end:se])
    if after is None or t.infinitive_re is not None and t.infinitive_re.match(m[cue.end:se]):
        return None  # 'As the virus continues to spread, …' reports nothing
    words = re.findall(r"[\w’'\-]+", m[cue.end:cue.end + after.start(1)])
    if not (_function_words(ctx, cue.end, cue.end + after.start(1)) or (
            len(words) <= 6 and norm_form(words[0]) in t.sets["prepositions"])):
        return None  # 'As she stressed in her speech, …', not 'As he told them the news, …'

    if len(toks) > 1:
        sp, zero = _strip_np(ctx, toks[1][0], toks[-1][1]), False
        ws = m[sp[0]:sp[1]].split() if sp else []
        if len(ws) > 1 and not (_cap(ws[0]) or norm_form(ws[0]) in t.pronouns or norm_form(ws[0]) in
                                t.union("determiners", "role_nouns", "anonymous_heads")):
            sp = None  # 'as might be expected': no subject
        if sp is None or _is_adverb(m[sp[0]:sp[1]], t) or norm_form(m[sp[0]:sp[1]]) in t.sets["skip_before_cue"]:
            if not (t.pro_drop and _function_words(ctx, toks[1][0], toks[-1][1])):
                return None
            sp, zero = (cue.start, cue.end), True
    elif t.pro_drop:
        sp, zero = (cue.start, cue.end), True
    else:
        return None
    if after.group(1) == "," and lo == ss:  # 'As she stressed, CONTENT'
        cont = _content(ctx, cue.end + after.end(), se)
    elif m[lo - 1:lo] == "," and lo > ss:  # 'CONTENT, as Trump said.'
        cont = _content(ctx, ss, lo - 1)
    else:
        return None
    return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp, zero=zero) if cont else None


def _question(ctx: _Ctx, cue: _Cue, ss: int, se: int) -> _Attr | None:
    """'X asked whether …', 'X fragte, ob …': the content is the question, from its
    question word."""
    t = ctx.t
    if t.question_re is None:
        return None
    x = t.question_re.match(ctx.m, cue.end, se)
    if x is None or _clause_gap(ctx, x.group("gap")):
        return None
    sp, zero = _cue_subject(ctx, cue, ss, x.start("comp"), inverted=False)
    cont = _content(ctx, x.start("comp"), se) if sp else None
    return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp, zero=zero) if cont else None


def _opens_clause(ctx: _Ctx, ss: int, pos: int) -> bool:
    """Nothing but an attached conjunction ("وبحسب") before pos in its sentence."""
    before = ctx.m[ss:pos].strip(" \u00a0\n")
    return not before or norm_form(before) in ctx.t.sets["verb_prefixes"]


def _clause_gap(ctx: _Ctx, gap: str) -> bool:
    """Do the words between a cue and a later complementizer start a clause of their own
    (a subject: 'said Obama has …'), rather than an addressee or adverbial ('told reporters
    on Monday', 'said in a statement')?"""
    t = ctx.t
    words = re.findall(r"[\w’'\-]+", gap)
    if len(words) < 3:
        return False
    first = norm_form(words[0])
    return not (first in t.union("prepositions", "skip_before_cue", "partitives")
                or _is_adverb(words[0], t) or first in _OBJECTS or first.endswith("day"))


_OBJECTS = frozenset("him her them me us you reporters journalists lawmakers supporters voters".split())


def _participle_clause(ctx: _Ctx, cue: _Cue, tail: str, se: int) -> tuple[int, int] | None:
    """The content of a participle cue with no complementizer: '…, adding he would never vote
    for her', '…, saying the courts have no business …' (a clause opening with a pronoun, a
    determiner or a name), '…, promising to lift regulations' (an infinitive after an
    intention verb); not '…, adding fuel to the fire'."""
    t = ctx.t
    lead = len(tail) - len(tail.lstrip())
    if t.infinitive_re is not None and cue.cls in t.sets["infinitive_classes"] and t.infinitive_re.match(tail) \
            and not t.subjunctive_re:
        return _content(ctx, cue.end + lead, se, min_words=2)
    z = t.zero_re.match(tail) if t.zero_re is not None and cue.cls in t.sets["zero_classes"] \
        and norm_form(cue.form) not in t.sets["zero_exclude"] else None
    if z is None or "adv" in z.groupdict() and z.group("adv"):
        return None
    return _content(ctx, cue.end + lead, se) if _opens_subject(ctx, tail[lead:]) else None


def _complement(ctx: _Ctx, tail: str, cue: _Cue | None = None) -> re.Match | None:
    """The complementizer (or colon) that opens the content after a cue ("told reporters on
    Monday that", "أشار إلى أن"), with no other speech verb before it; group ``comp``. Not a
    relative pronoun after the verb's infinitive or object ('agreed to reclaim the land that
    had been ravaged', 'proposed drones that could …'): only an addressee verb ('told the Post
    that') has an object before its complementizer."""
    t = ctx.t
    if not tail:
        return None
    x = t.comp_re.match(tail)
    if x is None:
        # 'وقال X عضو مجلس النواب السابقين.إن …': a full stop glued between two words, right
        # before a complementizer, ends no sentence (a scraped text lost its space)
        g = _GLUED_BEFORE.match(tail)
        y = t.comp_re.match(tail, g.end()) if g else None
        x = y if y is not None and y.group("comp") != ":" and not y.group("gap") else None
    if x and x.group("gap").strip(" ,\u00a0") and cue is not None and not x.group("gap").rstrip().endswith(","):
        # (a complementizer after a comma, 'über die Tatsache, dass …', opens no relative clause)
        if t.infinitive_re is not None and t.infinitive_re.match(tail):
            return None
        w = re.match(r"[\s,]*([\w’']+)", x.group("gap"))
        if w and norm_form(w.group(1)) in t.sets["determiners"] - t.sets["complementizers"] \
                and norm_form(cue.form) not in t.sets["addressee_verbs"]:
            return None
    if x and t.cue_re and any(norm_form(y.group("v")) not in t.sets["weak_verbs"] and not _after_noun_preceder(t, tail, y)
                              for y in t.cue_re.finditer(tail, 0, x.start("comp"))):
        return None
    return x


def _after_noun_preceder(t: CueTable, tail: str, y: re.Match) -> bool:
    """A speech-verb form in the gap before a complementizer right after a word of the table's
    ``noun_preceders`` (a determiner) or ``noun_prepositions`` (a preposition; not a gerund:
    'after saying') is a noun, not a second cue: 'said on state television that …'."""
    w = re.search(r"([\w’']+)\W*$", tail[:y.start("v")])
    prev = w.group(1).lower() if w else ""
    return prev in t.sets["noun_preceders"] or (
        prev in t.sets["noun_prepositions"] and not y.group("v").lower().endswith("ing"))


_GLUED_BEFORE = re.compile(r"[^;:.\x07]{0,80}?[^\W\d_]\.(?=[^\W\d_])")  # the words up to a glued full stop


_WORD_AT = re.compile(r"[ \u00a0]+([\w\-’']+)")


def _noun_source(ctx: _Ctx, sp: tuple[int, int]) -> bool:
    """Does the source phrase open with a determiner, a found name or a capitalised word
    (first or second: 'laut unseren Informationen')?"""
    words = re.findall(r"[\w’'\-]+", ctx.m[sp[0]:sp[1]])[:2]
    return any(_cap(w) for w in words) or bool(words) and norm_form(words[0]) in ctx.t.sets["determiners"] \
        or any(mn.start <= sp[0] < mn.end for mn in ctx.mentions)


def _source_before_verb(ctx: _Ctx, sp: tuple[int, int], se: int) -> tuple[int, int] | None:
    """The source of a leading 'according to' whose clause follows with no comma, the verb
    right after a source ending in a capitalised noun ('Nach ersten Ermittlungen der Polizei
    fuhr ein Mann …'), or after its place ('Nach Angaben der Behörden in Bayern sollen …';
    the table's ``place_prepositions`` and capitalised words): the source up to there."""
    m = ctx.m
    toks = _tokens(m, *sp)
    if not toks or not _cap(toks[-1][2]):
        return None
    end = sp[1]
    x = _WORD_AT.match(m, end, se)
    if x and norm_form(x.group(1)) in ctx.t.lists["place_prepositions"]:
        y, pend = _WORD_AT.match(m, x.end(), se), end
        for _ in range(3):
            if not y or not _cap(y.group(1)):
                break
            pend = y.end()
            y = _WORD_AT.match(m, pend, se)
        end = pend
    nxt = re.match(r"[ \u00a0]+([^\W\d_])[\w’']*[ \u00a0]+[\w„\"]", m[end:se])
    if not nxt or not nxt.group(1).islower():
        return None
    return sp[0], end


def _source_chain(ctx: _Ctx, sp: tuple[int, int]) -> tuple[int, int] | None:
    """The source of a leading 'according to' with no comma after it, when the phrase after the
    cue runs on into its clause: its first word and the words after it up to a time expression
    ('według policji wczoraj …', ``temporal.find_refs``), a determiner after a noun ('according
    to police the driver', 'según la policía el conductor') or, in a language that marks the
    source's case (the table's ``genitive_suffixes``), the first word without that case
    ('według relacji pokrzywdzonego dzień wcześniej'); a one-word phrase is the source. None
    when the phrase does not stop within its first four words."""
    t, m = ctx.t, ctx.m
    toks = _tokens(m, *sp)
    if len(toks) < 2:
        return sp if toks else None  # the phrase stopped at the clause ('według policji wczoraj …')
    refs = [sp[0] + r.start for r in find_refs(m[sp[0]:sp[1]], t.lang)]
    skip = t.union("np_internal", "determiners", "prepositions")
    sufs = tuple(t.lists["genitive_suffixes"])
    for k in range(1, len(toks)):
        w, prev = norm_form(toks[k][2]), norm_form(toks[k - 1][2])
        if toks[k][0] in refs or (w in t.sets["determiners"] and prev not in skip) or (
                sufs and not w.endswith(sufs) and w not in skip):
            return (sp[0], toks[k - 1][1]) if k <= 3 else None
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
    head = " ".join(rest.split(",")[0].split()[:12])
    if not t.subjunctive_re.search(head) and not (
            t.infinitive_re is not None and cue.cls in t.sets["infinitive_classes"] and t.infinitive_re.search(head)):
        return None
    if sp and any(c.kind == "prep" and c.start == sp[0] for c in ctx.cues_in(sp[0], sp[1])):
        sp = None  # 'Laut X sagte der Minister, …': verb-second, the subject follows the verb
    if sp is None and tail[:x.end()].strip(" ,"):
        sp = _np_after(ctx, cue.end, cue.end + x.end() - 1)
    cont = _content(ctx, cue.end + x.end(), se) if sp else None
    return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp) if cont else None


def _content_before_verb(ctx: _Ctx, cue: _Cue, ss: int) -> _Attr | None:
    """A verb-final statement: 'X … olmayacağını söyledi' (Turkish): the content ends with a
    nominalised verb (the table's ``complement_suffixes``) right before the cue and begins
    after the subject that opens the clause (a dropped subject is the previous speaker)."""
    t, m = ctx.t, ctx.m
    pw = _PREV_WORD.search(m, max(ss, cue.start - 60), cue.start)
    if not pw or not any(norm_form(pw.group(1)).endswith(x) for x in t.lists["complement_suffixes"]):
        return None
    # the clause: after the last quotation or sentence mark (even one with no space after it,
    # as in run-together texts), at most 30 words before the verb
    lo = max(ss, m.rfind("\x07", ss, cue.start) + 1, max((m.rfind(c, ss, cue.start) + 1 for c in ".!?*"), default=0))
    words = list(re.finditer(r"\S+", m[lo:cue.start]))
    if len(words) > 30:
        lo += words[-30].start()
    lo += len(m[lo:cue.start]) - len(m[lo:cue.start].lstrip(" ,\u00a0\"”’»“«"))  # a closing mark glued before
    for rx in _compiled(tuple(t.lists["statement_sources"])):
        # 'Gümüşhane Valiliğinden yapılan yazılı açıklamada, … yapıldığı belirtildi': the body the
        # statement comes from opens the clause (even before a passive verb); the content follows its comma
        src = rx.match(m, lo, cue.start)
        cont = _content(ctx, src.end(), pw.end(1)) if src else None
        if cont is not None:
            return _Attr(*cont, False, "rules:indirect", cue=cue, sp=(src.start("src"), src.end("src")))
    rep = _reporter_addressee(ctx, lo, cue.start)
    if rep is not None:
        # 'Eyüp Kahveci'nin AA muhabirine … arttırdığını belirtti': the reporter the statement was
        # made to, and its outlet, close the attribution; the content follows them
        sp, cs = rep
        cont = _content(ctx, cs, pw.end(1))
        if cont is not None:
            if sp is None:  # the subject is dropped: the previous speaker
                return _Attr(*cont, False, "rules:indirect", cue=cue, sp=(cue.start, cue.end), zero=True)
            return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp)
    sp = None
    for k in (x.start() for x in re.finditer(",", m[lo:cue.start])):
        # '… açıklama yapan Belediye Başkanı Volkan Yılmaz, izinsiz … etmeyeceklerini belirterek':
        # a person named right before a comma is the subject, the content follows the comma (the
        # words before the name modify it)
        named = [x for x in _mentions_in(ctx, lo, lo + k) if not m[x.end:lo + k].strip()]
        cont = _content(ctx, lo + k + 1, pw.end(1)) if named else None
        if cont is not None:
            return _Attr(*cont, False, "rules:indirect", cue=cue, sp=(named[-1].start, named[-1].end))
    toks = _tokens(m, lo, cue.start)
    agent = next((i for i, x in enumerate(toks[:12]) if i and norm_form(x[2]) in t.sets["passive_agents"]), None)
    if agent is not None:
        # 'Sağlık Bakanlığı tarafından … yetkilendirildiği duyuruldu': the agent of a passive
        # speech verb is the speaker, the content follows its postposition
        sp = _leading_np(ctx, lo, toks[agent][0])
        cont = _content(ctx, toks[agent][1], pw.end(1)) if sp else None
        return None if cont is None else _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp)
    if norm_form(cue.form) in t.sets["passive_cues"]:
        return None  # '… başlatılacağı bildirildi' ("it was reported that"): no one is named
    topic = next((i for i, x in enumerate(toks[:12]) if i and norm_form(x[2]) in t.sets["topic_particles"]), None)
    if topic is not None and any(_cap(x[2]) for x in toks[1:topic]):
        # 'Sitede oturan Belinay ve Kayra kardeşler ise … geldiklerini belirterek': the subject
        # ends at the topic particle; its person mention is the speaker
        sp = _pick_apposition(ctx, [(lo, toks[topic - 1][1])])
        if sp is not None:
            cont = _content(ctx, toks[topic][1], pw.end(1))
            return None if cont is None else _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp)
    if toks and norm_form(toks[0][2]) in t.pronouns:
        sp = toks[0][:2]
    elif toks and _cap(toks[0][2]):
        sp = _leading_np(ctx, lo, cue.start)
    start = sp[1] if sp else lo
    cont = _content(ctx, start, pw.end(1))
    if cont is None:
        return None
    if sp is None:  # the subject is dropped: the previous speaker
        return _Attr(*cont, False, "rules:indirect", cue=cue, sp=(cue.start, cue.end), zero=True)
    return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp)


def _reporter_addressee(ctx: _Ctx, lo: int, hi: int) -> tuple[tuple[int, int] | None, int] | None:
    """The reporter a verb-final statement was made to (the table's ``reporter_addressees``,
    after the outlet's capitalised name: 'AA muhabirine', 'Anadolu Ajansı muhabirine',
    'gazetemize') in the clause: (the speaker's span, or None when
    the subject is dropped; where the content starts). The speaker is the person named right
    before the outlet (its genitive suffix left out: 'Eyüp Kahveci'nin'), else the capitalised
    phrase opening the clause; the content starts after the reporter, or after a comma that
    closes a short phrase after it ('AA muhabirine yaptığı açıklamada, …')."""
    t, m = ctx.t, ctx.m
    toks = _tokens(m, lo, hi)
    i = next((i for i, x in enumerate(toks) if norm_form(x[2].rstrip(",")) in t.sets["reporter_addressees"]), None)
    if i is None:
        return None
    people = _mentions_in(ctx, lo, toks[i][0])
    j = i
    while j > 0 and _cap(toks[j - 1][2]) and not re.search(r"[’']\w+$", toks[j - 1][2]) \
            and not any(x.start <= toks[j - 1][0] < x.end for x in people):
        j -= 1  # the outlet's name ('AA', 'Anadolu Ajansı'), not the person's
    head = toks[j][0]
    named = [x for x in people if x.end <= head and not re.sub(r"^[’']\w*", "", m[x.end:head]).strip(" ,\u00a0")]
    if named:
        sp = (named[-1].start, named[-1].end)
    elif j > 0 and _cap(toks[0][2]):
        sp = _leading_np(ctx, lo, toks[j - 1][1])
        if sp is not None:
            g = re.search(r"[’']\w+$", m[sp[0]:sp[1]])
            sp = (sp[0], sp[0] + g.start()) if g else sp
    else:
        sp = None
    cs = toks[i][1]
    comma = m.find(",", cs, hi)
    if comma > 0 and len(m[cs:comma].split()) <= 3:
        cs = comma + 1
    return sp, cs


def _anaphoric_statement(ctx: _Ctx, cue: _Cue, ss: int, se: int) -> _Attr | None:
    """A speech verb whose object points back at the sentence before it ('Dies teilte ein
    Gerichtssprecher mit.', 'Así lo afirmó el ministro.', 'C'est ce qu'a déclaré X.', 'That
    is what X said.', 'Poinformował o tym minister.'; the table's ``anaphoric`` phrases, right
    before the verb at the sentence start or right after it): that sentence, in the same
    paragraph or ending the one before, is the statement and the subject of the verb its
    speaker. Not when that sentence holds a quotation or a speech verb of its own, nor when the
    verb has a content of its own (a complementizer or a colon after it)."""
    t, m = ctx.t, ctx.m
    before = re.sub(r"\s+", " ", m[ss:cue.start].strip(" \u00a0")).lower()
    tail = m[cue.end:se]
    after = next((p for p in t.sets["anaphoric"]
                  if re.match(r"[ \u00a0]+%s(?![\w’'])" % re.escape(p), tail.lower())), None)
    sp = None
    if after is not None and not before:
        sp = _np_after(ctx, cue.end + len(tail) - len(tail.lstrip(" \u00a0")) + len(after), se, 8)
    elif norm_form(before) in t.sets["anaphoric"]:
        sp = cue.pron or _np_after(ctx, cue.end, se, 8)
    else:
        # 'That is what X said', 'C'est ce que X a déclaré': a phrase of three words or more, then the subject
        lead = next((p for p in t.sets["anaphoric"] if len(re.findall(r"[\w]+", p)) >= 3
                     and before.startswith(p + " ")), None)
        if lead is not None:
            k = ss + len(m[ss:cue.start]) - len(m[ss:cue.start].lstrip(" \u00a0"))
            sp = _strip_np(ctx, k + len(lead) + 1, cue.start)
    if sp is None or _complement(ctx, tail, cue) is not None:
        return None
    k = len(m[:ss].rstrip(" \u00a0\n"))
    if k <= ctx.head_end:
        return None
    ps, pe = ctx.sent_of(k - 1)
    if qm.MASK in m[ps:k] or any(c.kind == "verb" and not ctx.weak(c) for c in ctx.cues_in(ps, k)):
        return None
    cont = _content(ctx, ps, k - 1 if m[k - 1] in ".!?" else k)
    return _Attr(*cont, False, "rules:anaphoric", cue=cue, sp=sp) if cont else None


def _relative_statement(ctx: _Ctx, cue: _Cue, ss: int, se: int) -> _Attr | None:
    """An unmarked statement closed by a participle that names its speaker after it ('Bu an
    burada olmamın nedeni … teminatıdır diyen Koca, …', Turkish ``relative_cues``): the content
    runs from the start of the sentence (or the last quotation mark in it) to the participle; a
    quotation right before it is linked by ``_link_direct``. No name after it, no statement."""
    m = ctx.m
    if m[:cue.start].rstrip()[-1:] == qm.MASK:
        return None
    sp = _np_after(ctx, cue.end, se, 6)
    if sp is None or not _cap(m[sp[0]:sp[1]]):
        return None
    lo = max(ss, m.rfind(qm.MASK, ss, cue.start) + 1)
    cont = _content(ctx, lo, cue.start)
    return _Attr(*cont, False, "rules:indirect", cue=cue, sp=sp) if cont else None


_PREV_WORD = re.compile(r"([\w’']+)[\s,]*$")


@functools.lru_cache(maxsize=None)
def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


def _reported_continuations(ctx: _Ctx, attrs: list[_Attr]) -> list[_Attr]:
    """Sentences in the reported mood with no cue of their own continue the statement of
    the speaker quoted just before (German: 'Eine Lösung werde weiterhin gesucht.' after 'X
    sagte, …'): the table's ``reported_mood`` verb in the sentence's first twelve words,
    the last statement at most two sentences earlier, in the same or the previous
    paragraph."""
    t, m = ctx.t, ctx.m
    if t.reported_mood_re is None:
        return []
    out: list[_Attr] = []
    known = sorted((a for a in attrs if a.sp is not None), key=lambda a: a.ce)
    bounds = ctx.sents + [len(m)]
    terms = [(c.open, c.outer_end) for c in ctx.cands if c.kind != "direct"]
    for i, s in enumerate(ctx.sents):
        ps, pe = ctx.para_of(s)
        e = min(bounds[i + 1], pe)
        # a cue word inside a term in quotation marks ('die „wie eine Lawine“ über sie …') is no cue
        own = [c for c in ctx.cues_in(s, e) if not any(a <= c.start < b for a, b in terms)]
        if e <= s or own or m.count(qm.MASK, s, e) > (e - s) // 3:
            continue
        if any(a.cs < e and s < a.ce for a in known + out):
            continue
        head = " ".join(m[s:e].split()[:12])
        if not t.reported_mood_re.search(head):
            continue
        prev = [a for a in known + out if a.ce <= s]
        last = max(prev, key=lambda a: a.ce) if prev else None
        between = [x for x in ctx.sents if last.ce <= x < s] if last else []
        closer = _run_closer(ctx, known, i, pe) if last is None or between else None
        if closer is not None:
            # 'Die Zahl sei gesunken. Das seien die niedrigsten Werte, sagte ein Sprecher.': the
            # statement that closes the run names its speaker (no statement right before it)
            cont = _content(ctx, s, e)
            if cont:
                out.append(_Attr(*cont, False, "rules:reported", cue=closer.cue, sp=closer.sp, zero=closer.zero))
            continue
        if last is None:
            continue
        prev_para = ctx.para_of(ps - 1)[0] if ps > 0 else ps
        if len(between) > 2 or last.ce < prev_para:
            continue
        cont = _content(ctx, s, e)
        if cont:
            cue, sp, zero = _newer_subject(ctx, last, s, terms) or (last.cue, last.sp, last.zero)
            out.append(_Attr(*cont, False, "rules:reported", cue=cue, sp=sp, zero=zero))
    return out


def _run_closer(ctx: _Ctx, known: list[_Attr], i: int, pe: int) -> _Attr | None:
    """The statement that closes a run of reported-mood sentences after sentence i, in its
    paragraph: the next sentence (after at most two more in the reported mood with no cue)
    is a statement in the reported mood whose cue and named speaker follow it ('Das seien
    …, sagte ein Sprecher des Landesamtes.'), else None."""
    t, m = ctx.t, ctx.m
    bounds = ctx.sents + [len(m)]
    for j in range(i + 1, min(i + 4, len(ctx.sents))):
        s, e = ctx.sents[j], min(bounds[j + 1], pe)
        if s >= pe:
            return None
        a = next((a for a in known if s <= a.cs < e and a.cue is not None and not a.direct), None)
        if a is not None:
            ok = a.cue.start >= a.ce and a.sp is not None and not a.zero and \
                t.reported_mood_re.search(" ".join(m[a.cs:a.ce].split()[:12]))
            return a if ok else None
        if ctx.cues_in(s, e) or not t.reported_mood_re.search(" ".join(m[s:e].split()[:12])):
            return None
    return None


def _newer_subject(ctx: _Ctx, last: _Attr, s: int, terms: list[tuple[int, int]]):
    """(cue, subject, dropped) of a verb cue between the last statement and the sentence at
    s that opened no statement of its own ('Darüber hinaus erwartet die Credit Suisse
    Rückschläge. Im Detailhandel sei mit Insolvenzen zu rechnen.': an expectation with a noun
    object, whose holder the reported mood goes on quoting), else None. Only a cue with a
    named or described subject counts; a dropped one is the previous speaker anyway."""
    lo = ctx.sent_of(max(last.cs, last.ce - 1))[1]  # after the sentence of that statement
    newer = [c for c in ctx.cues_in(lo, s)
             if c.kind == "verb" and not ctx.weak(c) and not any(a <= c.start < b for a, b in terms)]
    if not newer:
        return None
    cue = newer[-1]
    sp, zero = _cue_subject(ctx, cue, *ctx.sent_of(cue.start))
    if sp is None or zero or sp[0] < lo or _bare_determiner(ctx, sp):
        return None  # ('Das war weniger als von Analysten erwartet.': a demonstrative names no one)
    return cue, sp, zero


def _elliptic_statements(ctx: _Ctx, attrs: list[_Attr]) -> list[_Attr]:
    """A second speaker sharing the first one's verb ('jedni twierdzili, że A, inni, że B';
    'unos dijeron que A, otros, que B'; 'die einen sagten, dass A, die anderen, dass B'): inside
    an indirect content, a comma, one to three words with no cue and no verb of the table's
    reported mood, a comma and a complementizer end the first statement; what follows the
    complementizer is the second, with the same cue and the words as its speaker. Shortens
    the first statement in place; returns the new ones."""
    t, m = ctx.t, ctx.m
    if t.comp_word_re is None:
        return []
    out: list[_Attr] = []
    for a in [a for a in attrs if not a.direct and a.sp is not None and a.cue is not None and a.cue.kind == "verb"]:
        for x in _ELLIPTIC.finditer(m, a.cs, a.ce):
            sp = (x.start("sp"), x.end("sp"))
            comp = t.comp_word_re.match(m, x.end())
            words = x.group("sp").lower().split()
            if comp is None or ctx.cues_in(*sp) or qm.MASK in x.group("sp") or (
                    t.reported_mood_re is not None and t.reported_mood_re.search(x.group("sp"))):
                continue
            if norm_form(comp.group().lower()) != norm_form(m[a.cs - len(comp.group()) - 1:a.cs].strip().lower()) \
                    or words[0] in t.sets["prepositions"] or words[0] in t.sets["linkers"]:
                continue  # the same complementizer as the first statement's; no adverb or linker
            if norm_form(comp.group().lower()) in t.sets["relative"] and (
                    len(words) > 1 or not x.group("sp")[:1].islower()):
                continue  # 'que' also opens relative clauses ('…, Juan Pérez, que vive aquí'): one bare word
            cs, ce = qm._trim(ctx.text, comp.end(), a.ce)
            if len(re.findall(r"\w+", m[cs:ce])) < 2:
                continue
            a.ce = qm._trim(ctx.text, a.cs, x.start())[1]
            out.append(_Attr(cs, ce, False, "rules:elliptic", cue=a.cue, sp=sp))
            break
    return out


_ELLIPTIC = re.compile(r",[ \u00a0]+(?P<sp>[^\W\d_][\w\-’']*(?:[ \u00a0]+[^\W\d_][\w\-’']*){0,2}),[ \u00a0]+")


def _bare_report(ctx: _Ctx, cue: _Cue, ss: int, se: int) -> _Attr | None:
    """A short sentence that holds nothing but a speech verb, its subject, an adverbial and the
    outlet it spoke to, right after a sentence with no cue of its own (a machine-translated '…, police
    spokesman Stefan Eder told dpa': '… sollten am Mittwoch beginnen. Am Morgen sagte der
    Polizeisprecher Stefan Eder der deutschen Presseagentur.'): that sentence is the statement,
    the verb's subject its speaker. Not when the verb has a content of its own (a
    complementizer, a colon, a quotation) or its subject is dropped."""
    t, m = ctx.t, ctx.m
    tail = m[cue.end:se]
    if qm.MASK in m[ss:se] or ":" in tail or _complement(ctx, tail, cue) is not None \
            or not tail.rstrip().endswith(".") or len(re.findall(r"\w+", tail)) > 8 \
            or len(re.findall(r"\w+", m[ss:cue.start])) > 4 or ctx.cues_in(ss, cue.start):
        return None
    sp, dropped = _cue_subject(ctx, cue, ss, se)
    k = len(m[:ss].rstrip(" \u00a0\n"))
    if sp is None or dropped or k <= ctx.head_end or m[k - 1:k] not in (".", "!"):
        return None
    rest = m[max(sp[1], cue.end):se].strip(" \u00a0.")
    words = [w.lower() for w in re.findall(r"[\w’'\-]+", rest)]
    if not (rest and _is_outlet(ctx, rest)) and not any(w.endswith(h) for w in words for h in t.sets["media_heads"]):
        return None  # 'told dpa' / 'sagte der Presseagentur': an outlet the statement was given to
    ps, _ = ctx.sent_of(k - 1)
    if ps < ctx.head_end or qm.MASK in m[ps:k] or any(c.kind in ("verb", "prep", "prep_after") for c in ctx.cues_in(ps, k)):
        return None
    cont = _content(ctx, ps, k - 1)
    return _Attr(*cont, False, "rules:bare_report", cue=cue, sp=sp) if cont else None
