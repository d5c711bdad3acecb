"""Internal helper of the quotes stage: the attribution record, speaker typing (name, role,
pronoun, institution, outlet, anonymous source), role and inverted-subject helpers, channel
names from noun phrases, and speaker resolution across the article (pronouns, roles,
documents to their issuer). Not a stable API."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import _quotemarks as qm
from ._quotenp import (_CONJ, MASKC, _cap, _chunks, _is_adverb, _leading_np, _leading_subject, _np_after, _participle,
                       _pure_name, _strip_np, _subject_after, _subject_before, _tokens)
from .cues import CueTable, norm_form, outlet_names

if TYPE_CHECKING:
    from .quotes import _Ctx


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    form: str
    cls: str
    kind: str = "verb"  # verb, inv, prep, prep_after
    pron: tuple[int, int] | None = None  # the speaker, when the cue's pattern names it
    ch: tuple[int, int] | None = None  # the channel that relays it ("X quoted Y as saying")


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
    more: tuple[int, int] | None = None  # the rest of a statement its cue interrupts
    act: str = "say"  # the act reported (`Quote.act`): say, or stance (`_quotestance`)

    @property
    def pos(self) -> int:
        if self.sp:
            return self.sp[0]
        return self.cue.start if self.cue else self.cs


# -- speaker typing ----------------------------------------------------------------------

def _mentions_in(ctx: _Ctx, s: int, e: int, types=("PER",)):
    i = bisect.bisect_left(ctx.mention_starts, s)
    out = []
    while i < len(ctx.mentions) and ctx.mentions[i].start < e:
        x = ctx.mentions[i]
        if x.end <= e and x.type in types:
            out.append(x)
        i += 1
    return out


def _type_speaker(ctx: _Ctx, at: _Attr, context_span: tuple[int, int] | None = None) -> None:
    """Set kind, speaker text and span, anonymity from the raw noun phrase ``at.sp``."""
    t, text = ctx.t, ctx.text
    s, e = at.sp  # type: ignore[misc]
    np = text[s:e]
    words = re.findall(r"[\w’'\-]+", ctx.m[s:e])  # the masked text: ZWNJ joins its word
    lw = [norm_form(w) for w in words]
    at.speaker, at.span = np, (s, e)
    if at.zero:
        at.kind, at.plural = "pronoun", False
        return
    if len(words) == 1 and lw[0] in t.pronouns:
        at.kind = "pronoun"
        at.plural = t.pronouns[lw[0]] == "p"
        return
    per_all = _mentions_in(ctx, s, e)
    per = [x for x in per_all if not _is_place(ctx, x.start, x.end)
           and not (x.end < e and ctx.m[x.end:x.end + 2] in ("’s", "'s"))]  # "Salaheddin’s chief X": X
    per = [x for x in per if not _after_role_link(ctx, s, x.start)] or per
    org = None if per else _members_of(ctx, s, lw)
    if org:
        # "the commission's hydrologists", "les hydrologues de la commission": the body speaks
        at.speaker, at.span, at.kind, at.plural = text[org[0]:org[1]], org, "institution", True
        if "+org" not in at.method:
            at.method += "+org"
        return
    ctx_text = text[context_span[0]:context_span[1]].lower() if context_span else np.lower()
    if t.caseless and not per:
        _type_caseless(ctx, at, lw)
        return
    # (a role noun with no determiner is definite too where the language has no articles:
    # 'powiedział papież' after 'papież Franciszek')
    head = _role_head(ctx, np) if lw and (lw[0] in _definite(t) or _role_word(t, lw[0])) and not per else None
    if head:
        # "the spokeswoman", "le responsable", "el director del organismo", "der Sprecher":
        # the person named in apposition, or the most recent person introduced with a compatible role
        link = _apposition_name(ctx, e) or _role_antecedent(ctx, np, head, s)
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
    if not per and not any(_cap(w) for w in words):
        # 'said pastor and celebrant Father Francis Cauterrucci': a common-noun role phrase the
        # subject phrase stopped at, and the name it introduces in the same noun phrase
        nxt = _name_in_np_after(ctx, e)
        if nxt is not None:
            per = [nxt]
    if per:
        # the name right after a role title ("Regierungschefin Carrie Lam"; a title the mention
        # detector made a name of its own: "Auckland Harbourmaster| Andrew Hayton"), else the first one
        p = next((x for x in per if _role_word(t, norm_form(_PREV_WORD.search(ctx.m, s, x.start).group(1))
                                               if _PREV_WORD.search(ctx.m, s, x.start) else "")
                  or any(y.end < x.start and not ctx.m[y.end:x.start].strip() for y in per)), per[0])
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
        # "Khorvat has said": a place speaks for its government, it is not a person
        place = (per_all and not per) or (not per_all and _after_place_preposition(ctx, np))
        at.kind = "institution" if place else "name"
        at.plural = at.kind == "institution"
        return
    at.kind = "role"
    at.plural = bool(lw) and lw[-1].endswith("s") and lw[-1] not in t.sets["role_nouns"]
    if head.lower() in t.sets["org_heads"]:
        at.kind = "institution"


_PREV_WORD = re.compile(r"([\w’'\-]+)\s*$")
_NP_GAP = re.compile(r"(?:[ \u00a0]+[\w’'\-]+){0,3}[ \u00a0]+")


def _name_in_np_after(ctx: _Ctx, e: int) -> Any | None:
    """A person mention that the noun phrase ending at ``e`` runs on to: at most three words
    between them, with no punctuation, verb, preposition or determiner ('pastor| and celebrant
    Father |Francis Cauterrucci'), else None."""
    t = ctx.t
    i = bisect.bisect_left(ctx.mention_starts, e)
    while i < len(ctx.mentions) and ctx.mentions[i].start - e <= 40:
        mn = ctx.mentions[i]
        i += 1
        if mn.type != "PER" or not _NP_GAP.fullmatch(ctx.m, e, mn.start):
            continue
        gap = [norm_form(w) for w in re.findall(r"[\w’'\-]+", ctx.m[e:mn.start])]
        bad = t.union("prepositions", "determiners", "complementizers", "relative")
        if any(w not in _CONJ and (w in bad or w in t.verbs or w in t.pronouns) for w in gap):
            return None
        return None if _is_place(ctx, mn.start, mn.end) else mn
    return None


def _after_role_link(ctx: _Ctx, s: int, pos: int) -> bool:
    """A name after a role noun and a genitive link ("the head of Grab Philippines", "le
    porte-parole de X"): the body the role belongs to, not the speaker."""
    words = [norm_form(w) for w in re.findall(r"[\w’'\-]+", ctx.m[s:pos])]
    t = ctx.t
    links = t.sets["genitive_links"] | {"for", "de", "del", "du", "des"}
    return len(words) >= 2 and words[-1] in links and any(_role_word(t, w) for w in words[:-1])


def _type_caseless(ctx: _Ctx, at: _Attr, lw: list[str]) -> None:
    """Speaker typing in a script without capitals (Arabic, Persian), from the head words of
    the phrase: an organisation ("منظمة الصحة العالمية"), an outlet ("قناة …"), an unnamed
    source ("مصدر أمني", "یک مقام آمریکایی"), a document, a role ("المسؤول الإيراني");
    anything else is a name."""
    t = ctx.t
    head = [w for w in lw if w not in t.sets["verb_prefixes"]]
    while len(head) > 1 and head[0] in t.sets["determiners"]:
        head = head[1:]
    first = head[0] if head else ""
    at.plural = False
    if first in t.sets["org_heads"]:
        at.kind, at.plural = "institution", True
    elif first in t.sets["media_heads"]:
        at.kind = "outlet"
    elif any(w in t.sets["anonymous_heads"] for w in head[:2]) and first not in t.sets["honorifics"]:
        at.kind, at.anonymous = "anonymous", True
        at.plural = any(w in t.sets["anonymous_heads"] and any(w.endswith(x) for x in t.lists["plural_suffixes"])
                        for w in head[:2])
    elif first in t.sets["institution_nouns"]:
        at.kind = "document"
    elif first in t.sets["role_nouns"] or (first in t.sets["honorifics"] and len(head) == 1):
        at.kind = "role"
    else:
        at.kind = "name"


def _members_of(ctx: _Ctx, s: int, lw: list[str]) -> tuple[int, int] | None:
    """The organisation a plural group of its members stands for: "the commission's
    hydrologists", "les hydrologues de la commission", "die Experten der Kommission" -> the
    nearest earlier organisation mention whose name has that organisation noun."""
    t = ctx.t
    if len(lw) < 2:
        return None
    words = [w.removesuffix("'s").removesuffix("’s") for w in lw]
    poss = [i for i, w in enumerate(lw[:-1]) if w.endswith(("'s", "’s")) and words[i] in t.sets["org_heads"]]
    links = t.sets["genitive_links"]
    gen = [i for i, w in enumerate(words) if i >= 2 and w in t.sets["org_heads"]
           and (words[i - 1] in links or words[i - 2] in links or " ".join(words[i - 2:i]) in links)]
    if poss:
        i, member = poss[0], words[poss[0] + 1]
    elif gen:
        i = gen[0]
        member = next((w for w in words[:i] if w not in t.sets["determiners"] and w not in links), "")
    else:
        return None
    if not member or not any(member.endswith(x) for x in t.lists["plural_suffixes"]) or \
            member in t.sets["anonymous_heads"] or member in t.sets["role_nouns"] or member in t.pronouns:
        return None
    stem = words[i][:max(5, len(words[i]) - 2)]
    for mn in reversed(ctx.mentions):
        if mn.type == "ORG" and mn.end <= s and stem in mn.text.lower():
            return mn.start, mn.end
    return None


def _role_antecedent(ctx: _Ctx, np: str, head: str, before: int) -> tuple[int, int] | None:
    """The most recent person before ``before`` introduced with a role compatible with the
    definite role phrase ``np``: the same role noun ("the spokeswoman" after "spokeswoman
    Lina Borg"), a synonym of the table's ``role_groups`` ("the diplomat", "the head of
    diplomacy" after "Foreign Minister X"; "le chef milicien" after "le commandant …, X";
    "der Minister" after "Innenminister X"), or any role for a generic phrase ("the
    official", "le responsable"). Capitalised modifiers of the phrase ("the Indiana
    governor") must be in the words that introduce the person. Only people written in the
    last ``_ROLE_REACH`` paragraphs count. An earlier indefinite "a diplomat" makes "the
    diplomat" that unnamed source, not a named person."""
    t = ctx.t
    if head in t.sets["anonymous_heads"] and _indefinite_intro(ctx, head, before):
        return None
    want = _role_keys(t, np, anaphor=True)
    generic = head in t.sets["generic_roles"]
    if not want and not generic:
        return None
    mods = _role_modifiers(t, np)
    people = _people_before(ctx, before)
    roleless = []
    for ent, mns in people:
        intros = [(x, _intro_context(ctx, x, before)) for x in mns]
        intro = next((x for x, (roles, _) in intros if _compatible_role(t, want, generic, roles)), None)
        if intro is None:
            if not any(_role_keys(t, roles) for _, (roles, _) in intros):
                roleless.append(ent)
            continue
        full = " ".join(f for _, (_, f) in intros).lower()
        if all(md in full for md in mods):
            return intro.start, intro.end
    if people and people[0][0] in roleless and not generic:
        return _topic_person(ctx, people[0], before)
    return None


def _people_before(ctx: _Ctx, before: int) -> list[tuple[str, list[Any]]]:
    """The people written before ``before`` in the last ``_ROLE_REACH`` paragraphs, most
    recent first (by the last time the name is written: the mentions stage may type a later
    "Obama" otherwise than the "President Barack Obama" that introduced him), with their
    mentions. A mention typed LOC or MISC counts when a role title precedes it ("President
    Obama"); a person typed PER that is a place (``_is_place``) does not."""
    people: dict[str, list[Any]] = {}
    titled: set[str] = set()
    for mn in ctx.mentions:
        if mn.end > before or ctx.m[mn.start] == qm.MASK or mn.type == "ORG":
            continue
        if mn.type != "PER":
            if not _titled(ctx, mn):
                continue
            titled.add(_entity(mn))
        people.setdefault(_entity(mn), []).append(mn)
    here = _para_index(ctx, before)
    last = {k: _last_written(ctx, mns, before) for k, mns in people.items()}
    return [(k, people[k]) for k in sorted(people, key=lambda k: -last[k])
            if here - _para_index(ctx, last[k]) <= _ROLE_REACH
            and (k in titled or not any(_is_place(ctx, x.start, x.end) for x in people[k]))]


def _topic_person(ctx: _Ctx, person: tuple[str, list[Any]], before: int) -> tuple[int, int] | None:
    """"Hamid Shakuri has never been shy, but this week he outdid himself. In an interview …,
    the Sahir Valley Guard commander described …": the subject of the previous sentence of
    the paragraph, introduced with no role at all and the only person of the paragraph so
    far, is the one a role phrase describes."""
    ent, mns = person
    ps, _ = ctx.para_of(before)
    ss, _ = ctx.sent_of(before)
    if ss <= ps:
        return None
    prev, _ = ctx.sent_of(ss - 1)
    here_people = {_entity(x) for x in ctx.mentions if x.type == "PER" and ps <= x.start and x.end <= before
                   and not _is_place(ctx, x.start, x.end)}
    subj = [x for x in mns if prev <= x.start < ss and x.start == ctx.sent_of(x.start)[0]]
    return (subj[0].start, subj[0].end) if here_people == {ent} and subj else None


def _last_written(ctx: _Ctx, mns: list[Any], before: int) -> int:
    """Position of the last occurrence of a person's last name before ``before``."""
    w = re.findall(r"[\w’'\-]+", max(mns, key=lambda x: len(x.text)).text)
    pos = mns[-1].start
    if w:
        key = ("written", w[-1])
        if key not in ctx.memo:  # every place the word is written, once per article
            ctx.memo[key] = [x.start() for x in re.finditer(r"(?<![\w\-])%s(?![\w\-])" % re.escape(w[-1]), ctx.m)]
        starts = ctx.memo[key]
        k = bisect.bisect_right(starts, before - len(w[-1])) - 1
        if k >= 0:
            pos = max(pos, starts[k])
    return pos


def _compatible_role(t: CueTable, want: set[Any], generic: bool, intro: str) -> bool:
    have = _role_keys(t, intro)
    return bool(have) and (generic or bool(want & have))


_ROLE_REACH = 3  # paragraphs between a role phrase and the last mention of its person


def _para_index(ctx: _Ctx, pos: int) -> int:
    return max(0, bisect.bisect_right(ctx.pstarts, pos) - 1)


def _entity(mn: Any) -> str:
    """Mentions of one person: same last name ("Ted Cruz", "Cruz"; "Chalid al-Nuri", "Al-Nuri")."""
    return _key(mn.text)


def _role_word(t: CueTable, w: str) -> str | None:
    """The role noun a lowercased word is, or (``compound_roles``) ends with:
    "innenminister" -> "minister", "regierungssprecher" -> "sprecher"."""
    if w in t.sets["role_nouns"] or w in t.role_groups or w in t.sets["generic_roles"]:
        return w
    if not t.compound_roles or len(w) < 7:
        return None
    cache = _COMPOUND_CACHE.setdefault(t.lang, {})
    if w not in cache:
        roots = [r for r in list(t.sets["role_nouns"]) + list(t.role_groups) if " " not in r and len(w) >= len(r) + 3]
        cache[w] = max((r for r in roots if w.endswith(r)), key=len, default=None)
    return cache[w]


_COMPOUND_CACHE: dict[str, dict[str, str | None]] = {}


def _role_keys(t: CueTable, text: str, anaphor: bool = False) -> set[Any]:
    """Role evidence of a phrase: its role nouns (and the role a compound ends with) and the
    ids of their synonym groups. For an anaphor a multi-word role phrase ("the head of
    diplomacy", "the foreign minister") stands alone: "minister" in "the foreign minister"
    does not make it any minister."""
    low = text.lower()
    keys: set[Any] = set()
    if t.role_phrase_re is not None:
        for x in t.role_phrase_re.finditer(low):
            p = re.sub(r"\s+", " ", x.group(0))
            keys.add(p)
            keys |= t.role_groups.get(p, frozenset())
        if anaphor and keys:
            return keys
    for w in re.findall(r"[\w’'\-]+", low):
        if not anaphor and w in t.role_verbs:
            w = t.role_verbs[w]
        r = _role_word(t, w)
        if r:
            keys |= {w, r} | t.role_groups.get(w, frozenset()) | t.role_groups.get(r, frozenset())
    return keys


def _role_modifiers(t: CueTable, np: str) -> list[str]:
    """Capitalised words of a role phrase that are not role words or determiners ("Indiana"
    in "the Indiana governor"), as lowercase stems (German case endings dropped)."""
    out = []
    for w in re.findall(r"[\w’'\-]+", np)[1:]:
        lw = w.lower()
        if _cap(w) and lw not in t.sets["determiners"] and not _role_word(t, lw) and lw not in t.sets["np_internal"]:
            out.append(lw[:max(4, len(lw) - 2)])
    return out


def _intro_context(ctx: _Ctx, mn: Any, limit: int, title_only: bool = False) -> tuple[str, str]:
    """The words that give a person a role: a title right before the name ("NRA director X",
    "Secretary of State X", "dem zahristanischen Wasserminister X"), a phrase set off by a
    comma before it ("Le commandant de la Garde …, X"), or an apposition after it ("X,
    director of …", "X, who heads …", "X (spokeswoman)"), which ends before ``limit`` (the
    role phrase being resolved is not evidence for its own antecedent). Returns the role
    words (the apposition's first words only) and the whole introduction (for modifiers)."""
    t, m = ctx.t, ctx.m
    ps, pe = ctx.para_of(mn.start)
    before = m[max(ps, mn.start - 120):mn.start].rstrip(" \u00a0")
    # "Sen. Ted Cruz", "Gen. X": the abbreviation's period does not end the title
    before = re.sub(r"(?<![\w.])([\w]{1,5})\.(?=\s|$)", lambda x: x.group(1) + (
        " " if x.group(1).lower() in t.sets["abbreviations"] else "."), before)
    out = []
    if before.endswith(",") and not title_only:
        chunk = re.split(r"[,;:()\x07.!?]", before[:-1])[-1]
        out.append(" ".join(chunk.split()[-12:]))
    else:
        words = re.split(r"[,;:()\x07.!?]", before)[-1].split()
        title: list[str] = []
        for w in reversed(words[-5:]):
            lw = w.lower()
            if lw in t.verbs or lw in t.sets["linkers"] or lw in t.sets["relative"] or (
                    lw in t.sets["prepositions"] and lw not in t.sets["genitive_links"]):
                break
            title.insert(0, w)
        # a title ends right before the name: "director X", not "the director met X"
        last = title[-1].lower() if title else ""
        if last and (_role_word(t, last) or t.role_phrase_re is not None and any(
                x.end() == len(" ".join(title)) for x in t.role_phrase_re.finditer(" ".join(title).lower()))):
            out.append(" ".join(title))
    if title_only:
        return " | ".join(out), " | ".join(out)
    after = m[mn.end:min(pe, mn.end + 120, max(limit, mn.end))]
    full = list(out)
    app = re.match(r"\s*(?:,|\()\s*((?:[\w’'\-]+\s+){0,3}[\w’'\-]+)", after)
    if app:
        out.append(app.group(1))
        full.append(re.split(r"[,;:\x07]|\.\s", after.lstrip(" ,("))[0])
    return " | ".join(out), " | ".join(full)


def _indefinite_intro(ctx: _Ctx, head: str, before: int) -> bool:
    """An unnamed source introduced before: "a Western diplomat", "une source", "ein Beamter"."""
    dets = ctx.t.lists["indefinite_determiners"]
    if not dets:
        return False
    stem = re.escape(head[:-1] if len(head) > 6 else head)
    rx = r"(?<![\w])(?:%s)\s+(?:[\w’'\-]+\s+){0,3}?%s" % ("|".join(map(re.escape, dets)), stem)
    return re.search(rx, ctx.m[:before], re.I) is not None


def _is_place(ctx: _Ctx, s: int, e: int) -> bool:
    """Whether a person mention is a place (so never the person a pronoun or a role refers
    to, though the mentions stage typed it PER): the same name is typed LOC elsewhere in the
    article, or it is written after a locative preposition (``_after_place_preposition``)."""
    surf = ctx.text[s:e]
    key = ("place", surf.lower())
    if key not in ctx.memo:
        same = [x for x in ctx.mentions if x.text.lower() == key[1]]
        ctx.memo[key] = (any(x.type == "LOC" for x in same) or _after_place_preposition(ctx, surf)) and \
            not any(_titled(ctx, x) for x in same)  # "President Obama": a person, whatever the gazetteer says
    return ctx.memo[key]


def _titled(ctx: _Ctx, mn: Any) -> bool:
    """A role title right before a name ("President Obama", "Innenminister X")."""
    key = ("title", mn.start)
    if key not in ctx.memo:
        ctx.memo[key] = bool(_role_keys(ctx.t, _intro_context(ctx, mn, mn.start, title_only=True)[0]))
    return ctx.memo[key]


def _after_place_preposition(ctx: _Ctx, surf: str) -> bool:
    """A name written after a locative preposition of the table at the end of a clause
    ("taken in Khorvat,", "en Qadarie.") that is not the surname of a longer person name of
    the article ("confidence in Clinton." after "Hillary Clinton")."""
    surf = surf.strip()
    if not surf or surf not in _place_phrases(ctx):
        return False
    return " " in surf or not any(x.type == "PER" and x.text.endswith(" " + surf) for x in ctx.mentions)


def _place_phrases(ctx: _Ctx) -> frozenset[str]:
    """Every phrase of the article between a locative preposition and the end of its clause."""
    if "place_phrases" not in ctx.memo:
        preps = ctx.t.lists["place_prepositions"]
        rx = r"(?<![\w\-])(?i:%s)[ \u00a0]+([^\s,.;:!?)][^,.;:!?)\n]{0,60}?)[ \u00a0]*(?:[,.;:!?)\n]|$)" % (
            "|".join(map(re.escape, preps)))
        ctx.memo["place_phrases"] = frozenset(x.group(1) for x in re.finditer(rx, ctx.text)) if preps else frozenset()
    return ctx.memo["place_phrases"]


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
        if not k:
            # no article after the phrase ('– powiedział w poniedziałek Jan Kowalski', '- przekazał
            # w poniedziałek SN'): the subject opens at the first person or organisation the
            # mentions stage found there, or at a role noun
            for j in range(1, min(len(toks), 8)):
                if not toks[j][2][:1].isalnum():
                    break
                if any(x.start == toks[j][0] for x in _mentions_in(ctx, toks[j][0], hi, ("PER", "ORG"))) \
                        or _role_word(t, toks[j][2].lower()):
                    k = j
                    break
    start = toks[k][0] if toks else pos
    sp = _np_after(ctx, start, hi)
    if sp:
        app = _apposition_name(ctx, sp[1])
        if app and _role_head(ctx, ctx.text[sp[0]:sp[1]]):
            return app
    return sp


def _definite(t: CueTable) -> frozenset:
    return t.sets["definite_determiners"]


def _role_head(ctx: _Ctx, np: str) -> str | None:
    """The role or source noun of a phrase ("el director del organismo" -> "director",
    "der Innenminister" -> "innenminister")."""
    t = ctx.t
    for w in re.findall(r"[\w’'\-]+", np.lower()):
        if w in t.sets["anonymous_heads"] or _role_word(t, w):
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


def _participle_agent(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
    """A clause opened by a participle and its agent ('Examinada por médico de guardia
    certificó: …', 'Examined by the doctor on duty, …'; the table's ``passive_agents``): the
    agent's noun phrase, which speaks; None for any other opening."""
    x = re.match(r"[ \u00a0]*[^\W\d_][\w’'\-]*[ \u00a0]+([\w’']+)[ \u00a0]+", ctx.m[s:e])
    if x is None or x.group(1).lower() not in ctx.t.sets["passive_agents"]:
        return None
    return _np_after(ctx, s + x.end(), e)


def _subject_sp(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
    """The speaker in a relay slot: a name before its apposition ('X, the commander of …')."""
    first = _chunks(ctx.m, s, e)[0]
    return _strip_np(ctx, *first) if ctx.m[first[0]:first[1]].strip() else None


# -- the subject of a cue ---------------------------------------------------------------

def _cue_subject(ctx: _Ctx, cue: _Cue, lo: int, hi: int,
                 inverted: bool = True) -> tuple[tuple[int, int] | None, bool]:
    """The subject of a speech verb: (span, dropped). ``lo`` is the start of the verb's
    sentence, ``hi`` where the words after the verb end (a complementizer, a colon, the
    quote). English-like tables: the noun phrase before the verb, else (``inverted``) one
    after it ("said the minister"), else in a pro-drop language with nothing but adverbs
    around the verb a dropped subject; ``verb_first`` (Arabic): the noun phrase after the verb, else one before
    it when the clause opens with it ("وكان X قد قال"), else a dropped subject;
    ``subject_first`` (Persian): the phrase that opens the clause. A participle's subject
    and a dropped subject are the previous speaker (``dropped`` True, span = the verb)."""
    t = ctx.t
    if cue.pron:
        return cue.pron, False
    if _participle(ctx, cue):
        # '…, noting that', '…, مضيفا أن': the subject of the main verb of the clause
        prev = [c for c in ctx.cues_in(lo, cue.start) if c.kind == "verb" and not _participle(ctx, c)]
        if prev and not t.verb_first:
            # '… – twierdzi położna, dodając', '…, a déclaré Nefzi, ajoutant': after an inverted
            # verb its subject follows it
            sp = _inverted_verb_subject(ctx, lo, prev[-1], cue.start) or _subject_before(ctx, lo, prev[-1].start)
        else:
            sp = None if t.verb_first else _leading_np(ctx, lo, cue.start)
        if sp is None and (t.verb_first or t.pro_drop):
            return (cue.start, cue.end), True
        return sp, False
    if t.verb_first:
        sp = _subject_before(ctx, lo, cue.start) if _aux_first(ctx, lo, cue.start) \
            and _svo_clause(ctx, lo, cue.start) else None  # 'وكان X أعلن …': before the verb
        sp = sp or _subject_after(ctx, cue.end, hi, cue.form) or _numeral_subject(ctx, lo, cue.start)
        if sp is None and _svo_clause(ctx, lo, cue.start):
            sp = _subject_before(ctx, lo, cue.start)
        return (sp, False) if sp else (((cue.start, cue.end), True) if t.pro_drop else (None, False))
    if t.subject_first:
        sp = _leading_subject(ctx, lo, cue.start)
        return (sp, False) if sp else (((cue.start, cue.end), True) if t.pro_drop else (None, False))
    src = _source_before_relative(ctx, lo, cue)
    if src is not None:
        return src, False
    co = _coordinated_verb(ctx, lo, cue)
    if co is not None:
        # '…, sagte Nefzi und fügte hinzu: „…“', '…, dijo Nefzi y añadió': the verb shares the
        # subject of the verb it is coordinated with
        conj = ctx.m.rfind(ctx.m[co.end:cue.start].split()[-1], co.end, cue.start)
        inv = _inverted_verb_subject(ctx, lo, co, conj)
        return (inv, False) if inv else _cue_subject(ctx, co, lo, co.end, inverted=False)
    sp = _subject_before(ctx, lo, cue.start) or (_np_after_inverted(ctx, cue, hi) if inverted else None)
    if sp is not None and sp[0] < cue.start:
        sp = _participle_agent(ctx, *sp) or sp  # 'Examinada por médico de guardia certificó'
    if sp is None and t.relative_re is not None:
        # '… diyen Koca, sözlerini şöyle sürdürdü:': the name after the participle that closed the
        # clause before is the subject of the verb
        rel = [c for c in ctx.cues_in(lo, cue.start) if norm_form(c.form) in t.sets["relative_cues"]]
        if rel:
            sp = _np_after(ctx, rel[-1].end, cue.start, 6)
    if sp is None and t.pro_drop and cue.kind == "verb" and _adjuncts_only(ctx, lo, cue.start) \
            and _function_words(ctx, cue.end, hi):
        return (cue.start, cue.end), True  # 'Asimismo, señaló que …', 'Zapewnił też, że': the previous speaker
    return sp, False


def _source_before_relative(ctx: _Ctx, lo: int, cue: _Cue) -> tuple[int, int] | None:
    """The subject of a verb in a relative clause on the source of 'according to' ('…,
    according to the civil protection agency, which stressed that …', '…, según la protección
    civil, que subrayó que …'): that source."""
    m = ctx.m
    w = re.search(r",[ \u00a0]*([\w’']+)[ \u00a0]+$", m[lo:cue.start])
    if w is None or norm_form(w.group(1)) not in ctx.t.sets["relative"]:
        return None
    comma = lo + w.start()
    prep = [c for c in ctx.cues_in(lo, comma) if c.kind == "prep" and not c.pron]
    if not prep or "," in m[prep[-1].end:comma]:
        return None
    return _np_after(ctx, prep[-1].end, comma)


def _bare_determiner(ctx: _Ctx, sp: tuple[int, int]) -> bool:
    """Is the phrase nothing but determiners ('Das war weniger als erwartet', 'This is …'):
    a demonstrative standing for a fact, not a speaker?"""
    words = re.findall(r"[\w’'\-]+", ctx.m[sp[0]:sp[1]])
    return bool(words) and all(norm_form(w) in ctx.t.sets["determiners"] for w in words)


def _inverted_verb_subject(ctx: _Ctx, lo: int, verb: _Cue, hi: int) -> tuple[int, int] | None:
    """The noun phrase between an inverted speech verb and ``hi`` (a participle or a
    coordinated verb after it: '… – twierdzi położna, dodając', '…, a déclaré Nefzi, ajoutant',
    '…, sagte Nefzi und fügte hinzu'): the verb is inverted when a comma, a dash or a
    quotation comes right before it (or before its one-word auxiliary: 'a déclaré'). None
    when the verb is not inverted or no phrase fills the gap."""
    m = ctx.m
    before = m[lo:verb.start].rstrip(" \u00a0")
    aux = re.search(r"(?<![\w’'])[^\W\d_]+$", before)
    if aux and norm_form(aux.group()) not in ctx.t.pronouns and (
            norm_form(aux.group()) in ctx.t.sets["auxiliaries"] or len(aux.group()) <= 2 and aux.group().islower()):
        before = before[:aux.start()].rstrip(" \u00a0")
    if not before or before[-1] not in ",–—-" + MASKC:
        return None
    gap = m[verb.end:hi].rstrip(" ,\u00a0")
    if not gap.strip():
        return None
    sp = _np_after(ctx, verb.end, verb.end + len(gap))
    return sp if sp and sp[1] == verb.end + len(gap) else None


def _coordinated_verb(ctx: _Ctx, lo: int, cue: _Cue) -> _Cue | None:
    """The speech verb that ``cue`` is coordinated with ('sagte Nefzi und fügte hinzu', 'said
    and added'): the word right before the cue is a coordinating conjunction and an earlier
    verb cue of the sentence is followed by at most a short phrase (its subject) and that
    conjunction."""
    m = ctx.m
    before = m[lo:cue.start].rstrip(" ,\u00a0")
    x = re.search(r"(?<![\w’'])([^\W\d_]+)$", before)
    if not x or x.group(1).lower() not in _CONJ | {"i", "oraz", "ve", "e", "a"}:
        return None
    prev = [c for c in ctx.cues_in(lo, x.start()) if c.kind == "verb" and not _participle(ctx, c)]
    if not prev:
        return None
    gap = m[prev[-1].end:x.start()]
    if len(re.findall(r"\w+", gap)) > 6 or re.search(r"[.;:!?]", gap) or MASKC in gap:
        return None
    return prev[-1]


_NUMERAL_CLAUSE = re.compile(r"(?:^|[,،;؛]|\s)[ \u00a0]*(?:[وف](?=[\d\u0660-\u0669]))?"
                             r"([\d\u0660-\u0669][\d\u0660-\u0669.,٫]*[ \u00a0]*[%٪]?"
                             r"(?:[ \u00a0]+[^\W\d_][\w’'\-]*){0,3})[ \u00a0]*$")


def _numeral_subject(ctx: _Ctx, lo: int, pos: int) -> tuple[int, int] | None:
    """In a verb-first language, a clause that opens with a number or a percentage before its
    verb, after a comma, a linker or the conjunction prefix ('…، بينما 20% أفادوا بأنه',
    '… و8% أكدوا أن'): the number is the subject (a survey's share of respondents), not a
    dropped subject to resolve to the previous speaker. At most three words after the number,
    none a complementizer, preposition or cue."""
    t = ctx.t
    x = _NUMERAL_CLAUSE.search(ctx.m, lo, pos)
    if not x:
        return None
    s, e = x.span(1)
    bad = t.union("complementizers", "prepositions")
    words = [norm_form(w) for w in re.findall(r"[^\W\d_][\w’'\-]*", ctx.m[s:e])]
    if MASKC in ctx.m[s:e] or ctx.cues_in(s, e) or any(w in bad for w in words):
        return None
    before = [norm_form(w) for w in re.findall(r"[\w’'\-]+", ctx.m[lo:s])]
    # the clause opens at the sentence start, a comma, a linker ('بينما') or the prefix 'و'
    if before and not (ctx.m[lo:s].rstrip().endswith((",", "،", ";", "؛")) or before[-1] in t.sets["linkers"]
                       or ctx.m[s - 1] in t.sets["verb_prefixes"]):
        return None
    return s, e


def _function_words(ctx: _Ctx, s: int, e: int) -> bool:
    """Nothing but adverbs, auxiliaries, complementizers and sentence adverbs in [s, e)."""
    t = ctx.t
    ok = t.union("skip_before_cue", "complementizers", "prepositions")
    return all(norm_form(w) in ok or _is_adverb(w, t) for w in re.findall(r"[\w’'\-]+", ctx.m[s:e]))


def _adjuncts_only(ctx: _Ctx, s: int, e: int) -> bool:
    """Nothing before a verb but function words, after prepositional phrases set off by
    commas ('En su cuenta de Twitter, también sostuvo que …'): no subject is written."""
    chunks = _chunks(ctx.m, s, e)
    for cs, ce in chunks[:-1]:
        toks = _tokens(ctx.m, cs, ce)
        if toks and not (norm_form(toks[0][2]) in ctx.t.sets["prepositions"] and ctx.m[ce:ce + 1] == ","
                         and not ctx.cues_in(cs, ce)):
            return False
    return _function_words(ctx, *chunks[-1])


def _aux_first(ctx: _Ctx, lo: int, pos: int) -> bool:
    """Does the clause before a verb open with an auxiliary ('وكان', 'كانت'), two to six words
    before it: the subject stands between them."""
    t, m = ctx.t, ctx.m
    words = [norm_form(w) for w in re.findall(r"[\w’']+", m[max(lo, m.rfind(",", lo, pos) + 1):pos])]
    return 2 <= len(words) <= 6 and (words[0] in t.sets["auxiliaries"] or (
        words[0][:1] in t.sets["verb_prefixes"] and words[0][1:] in t.sets["auxiliaries"]))


def _svo_clause(ctx: _Ctx, lo: int, pos: int) -> bool:
    """In a verb-first language, may the words before the verb be its subject ("وكان رئيس
    المنظمة، X، قد قال إن")? Only in a short stretch with no other cue, quotation or
    complementizer."""
    t = ctx.t
    seg = ctx.m[lo:pos]
    if pos > lo and norm_form(ctx.m[pos - 1]) in t.sets["verb_prefixes"] and not ctx.m[pos - 2:pos - 1].isalnum():
        return False  # '… أمن قومي وقال X': a conjunction glued to the verb opens a clause of its own
    words = [w for w in re.findall(r"[\w’'\-]+", seg) if norm_form(w) not in t.sets["verb_prefixes"]]
    if not words or len(words) > 15 or MASKC in seg or ctx.cues_in(lo, pos) or ":" in seg:
        return False  # (a colon: 'الثقافة المصرية: دخول … أعلنت X', a headline run into the text)
    return not any(norm_form(w) in t.sets["complementizers"] for w in words)


# -- speakers across the article ------------------------------------------------------------

def _key(name: str | None) -> str:
    if not name:
        return ""
    w = re.findall(r"[\w’'\-]+", name)
    return re.sub(r"^(?:al|el)[\-’']", "", w[-1].lower()) if w else ""


def _resolve(ctx: _Ctx, attrs: list[_Attr], silent: list[_Attr] | None = None) -> None:
    """Pronouns to the most recent compatible speaker; documents ("the statement") and
    "it" to the body that issued them; quote-only paragraphs continue the previous speaker.
    ``silent``: speakers of speech verbs with no statement (typed already); a dropped subject
    may go back to them, a written pronoun does not."""
    t = ctx.t
    history: list[_Attr] = []
    issuer: _Attr | None = None
    silent = silent or []
    quiet = {id(x) for x in silent}
    order = sorted(attrs + silent, key=lambda a: a.pos) if silent else attrs
    for at in order:
        if id(at) in quiet:
            history.append(at)
            continue
        if at.sp is None:
            continue
        _type_speaker(ctx, at, ctx.sent_of(at.sp[0]))
        if at.kind == "pronoun":
            pron = ctx.text[at.sp[0]:at.sp[1]].lower()
            g = "s" if at.zero else t.pronouns.get(pron, "")
            subj = _main_subject(ctx, at.sp[0]) if g in ("m", "f") and not at.zero else None
            if subj is not None:
                # 'Sanders opposes the TPP, which he called a disaster': the pronoun of a relative
                # clause is the main clause's subject, never the phrase the clause hangs on
                at.speaker, at.span = ctx.text[subj[0]:subj[1]], subj
                at.method += "+pronoun"
                history.append(replace(at, kind="name", plural=False))
                continue
            ante = None
            for h in reversed(history):
                if id(h) in quiet and not at.zero:
                    continue
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
                # (not a word of a headline run into the body: ``quotes._caseless_run_in_head``)
                lo = ctx.head_end if ctx.run_in_head else 0
                per = [x for x in ctx.mentions if x.type == "PER" and lo <= x.start and x.end <= at.sp[0]
                       and not _is_place(ctx, x.start, x.end)]
                if per:
                    at.speaker, at.span, at.kind = per[-1].text, (per[-1].start, per[-1].end), "pronoun"
                    at.method += "+pronoun"
                    history.append(replace(at, kind="name"))
                elif at.zero:  # a dropped subject with no one before it: no speaker, not the verb
                    at.speaker = at.span = None
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
            last = history[-1] if history else None
            if last is not None and last.kind in ("name", "role") and t.reported_mood_re is not None and \
                    t.reported_mood_re.search(" ".join(ctx.m[at.cs:at.ce].split()[:12])) and \
                    _para_index(ctx, at.cs) - _para_index(ctx, last.pos) <= 1:
                # 'X sagte, … . Das Verbot gelte laut Beschluss bis …': a sentence in the reported
                # mood goes on with the last speaker, who cites the document
                at.speaker, at.span, at.kind = last.speaker, last.span, last.kind
                at.method += "+reported"
                history.append(at)
                continue
        history.append(at)
        if at.ch_kind == "statement" or (at.kind == "institution" and issuer is None):
            issuer = at


def _main_subject(ctx: _Ctx, pos: int) -> tuple[int, int] | None:
    """For a pronoun at ``pos`` right after a relative word that follows a comma ('…, which he
    called …', '…, das er …', '…, qu'il a …'): the person named first in its sentence, before
    that comma, in its first five words and outside quotations (the main clause's subject)."""
    ss, _ = ctx.sent_of(pos)
    w = re.search(r",[ \u00a0]*([\w’']+?[’']?)[ \u00a0]*$", ctx.m[ss:pos])
    if w is None or norm_form(w.group(1).rstrip("’'")) not in ctx.t.sets["relative"] and \
            norm_form(w.group(1)) not in ctx.t.sets["relative"]:
        return None
    comma = ss + w.start()
    per = [(x.start, x.end) for x in ctx.mentions if x.type == "PER" and ss <= x.start and x.end <= comma
           and ctx.m[x.start] != qm.MASK and not _is_place(ctx, x.start, x.end) and ctx.m[x.end:comma].strip()]
    if not per and not ctx.t.caseless:
        lead = _leading_np(ctx, ss, comma)  # a name no mention holds ('Sanders opposes …')
        first = ctx.m[lead[0]:lead[1]].split()[0].lower() if lead else ""
        if lead and _cap(ctx.m[lead[0]:lead[1]]) and first not in ctx.t.sets["determiners"] \
                and first not in ctx.t.pronouns and not _mentions_in(ctx, lead[0], lead[1], ("ORG", "LOC")):
            per = [lead]
    # the subject: in the first three words, not the phrase the relative clause hangs on
    if not per or len(re.findall(r"\w+", ctx.m[ss:per[0][0]])) > 3 or ctx.cues_in(ss, per[0][0]) \
            or not ctx.m[per[0][1]:comma].strip():
        return None
    return per[0]


def _recent_person(ctx: _Ctx, lo: int, hi: int) -> tuple[int, int] | None:
    """The first person mention (outside quotations) of the last sentence in (lo, hi) that has one."""
    per = [x for x in ctx.mentions if x.type == "PER" and lo < x.start and x.end <= hi
           and ctx.m[x.start] != qm.MASK and not _is_place(ctx, x.start, x.end)]
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
    more recent than the last speaker is the likelier antecedent of he/she); with no speaker
    before (``lo`` 0), the text's first sentence counts too."""
    i = bisect.bisect_right(ctx.sents, hi) - 1
    while i >= 0 and (ctx.sents[i] > lo or ctx.sents[i] == lo == 0):
        st = ctx.sents[i]
        if st < hi:
            per = [x for x in ctx.mentions if x.start == st and x.type == "PER"
                   and not _is_place(ctx, x.start, x.end)]
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
