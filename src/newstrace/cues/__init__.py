"""Per-language cue tables for the quotes stage, stored as data (``<lang>.json``).

Adding a language means adding a JSON file with the same keys as ``en.json``: quote mark
pairs, speech verbs (inflected forms → class), prepositional cues, inversion patterns,
channel patterns, pronouns, anonymity heads and markers, role/organisation/media nouns,
scare-quote preceders, definite determiners (``definite_determiners``, which open a role
phrase such as "the spokeswoman"), whether subjects may be dropped (``pro_drop``), and the
verb forms that mark a clause after a comma as reported speech without a complementizer
(``reported_subjunctive``). Role coreference data: ``role_groups`` (synonym groups of role
nouns and phrases: "spokesman"/"spokesperson"; "foreign minister"/"head of
diplomacy"/"diplomat"), ``generic_roles`` ("the official", "le responsable": any person
introduced with a role), ``compound_roles`` (German: "Innenminister" is a "minister"),
``role_verbs`` ("X, who heads …" gives X the role "head"), ``indefinite_determiners`` (after
"a diplomat", "the diplomat" is that unnamed source) and ``place_prepositions`` (a name after
"in"/"at" is a place, never the antecedent of "he").

Word order and script: ``verb_first`` (the subject follows the speech verb: Arabic "وقال
X إن …"; a verb with nothing before its complementizer has a dropped subject, the previous
speaker), ``subject_first`` (the subject opens the clause and the verb ends it: Persian "X،
وزیر …، روز دوشنبه گفت: …"), ``verb_prefixes`` (clitics written attached to a speech verb
or a prepositional cue: Arabic و/ف in "وقال", "وبحسب"), ``participles`` (verb forms whose
subject is the speaker of the clause before: "مضيفا أن", "adding that"), ``caseless`` (a
script without capitals: any word may be a name, and a speaker phrase is typed from its
head words), ``honorifics`` (titles written before a name: "الدكتور", "آقای", which the
speaker's name leaves out), ``partitives`` (words that open a verb's object, not a time or
place after it: French "a signalé de la fumée"), ``postposed_cues`` (German "…, so der
Sprecher"), ``prep_cue_patterns`` (regular expressions of cues that hold their source, group
``sp``: "nach US-Angaben", "nach Polizeiangaben", English "In the new Post-ABC poll, …"), ``relay_citing``
(regular expressions ending where an outlet, group ``ch``, names the source it relays: "according
to CNN, citing …", "wie CNN unter Berufung auf …", "وفق ما نقلت CNN عن …"; the speaker is the noun
phrase after the match, the outlet its channel), ``reported_mood`` (a verb form that makes
a sentence reported speech of the last speaker: German Konjunktiv I "sei", "habe"),
``infinitive_complement`` with ``infinitive_classes`` ("X hat Y vorgeworfen, … zu lassen"),
``clause_break_patterns`` (regular expressions where a statement's clause ends, as
``clause_breaks``: English ", focusing on …", a participial adjunct), ``dash_quotes`` (Polish "- Treść - powiedział X"), ``complement_suffixes`` (Turkish: a
statement ends with a nominalised verb before the cue, "… olmayacağını söyledi"), ``topic_particles``
(Turkish "X ise … söyledi": the word that ends the subject opening a verb-final statement),
``clause_openers`` (English "while", "when", "if": subordinators that open a clause, never a
noun phrase; the subject follows them, and a statement in a clause they open at the sentence
start ends at the clause's comma),
``cataphoric`` (Turkish "şunları", "şöyle": a speech verb after one of them and before a colon
opens the statement after the colon, "Yılmaz şunları söyledi: …"), ``anaphoric`` (German
"dies", Spanish "así lo", French "c'est ce qu'a", English "that is what", Polish "o tym": a
speech verb right after one of them at the sentence start, or right before one, reports the
sentence before it: "Dies teilte ein Gerichtssprecher mit."), ``relative_cues`` (Turkish
"diyen": a participle that closes an unmarked statement and names its speaker after it,
"… teminatıdır diyen Koca"), ``byline_patterns`` (regular expressions of an author's credit,
whose verb is no cue: Arabic "كتبت - منال المصري:"), ``link_labels`` (the label of a link to
another article, "Czytaj także", "Lesen Sie auch", "Read more": the label and the headline after
it, to the end of its line or sentence, hold no cue and no speaker), ``genitive_suffixes`` (Polish: the endings of
the genitive source after "według" with no comma after it; the first word
without one opens the statement), ``reporter_addressees``
(Turkish "muhabirine", "gazetemize": the reporter a verb-final statement was made to, with the
outlet's name before it, closes the attribution: "X'in AA muhabirine … olduğunu belirtti"), ``separable_cues`` ("verb particle": a
verb that is a cue when its particle ends its clause, German "machte es mehrmals klar, dass"),
``statement_sources`` (regular expressions, group ``src``: the body a statement comes from, opening
a verb-final clause, Turkish "X'ten yapılan yazılı açıklamada, … belirtildi"), ``self_source_patterns`` (regular expressions of a source phrase whose source is the subject of
its clause: German "nach eigenen Angaben"), ``dash_cue_lead`` (a word that may come between the closing dash of a statement and its verb:
Polish "- … - tak ocenia dr X"), ``np_object_stop`` (words that open no noun-phrase object of an ``np_cues`` verb: German "sich"
in "meldete sich bei der Polizei"),
``np_subject_openers`` (words that open the subject after an ``np_cues`` verb in a verb-second clause that an
adverbial opens: German "der", "die", "das" in "Am Montag meldete die Polizei 20 neue Fälle"),
``quantity_preps`` (prepositions that open a noun-phrase object before a number: German "über" in "meldet über 20.000 Fälle"),
``prep_needs_noun`` (prepositional cues whose source opens with a capitalised word, a determiner
or a name the mentions stage found: German "laut", also an adjective, "fanden sie laut weniger als"),
``prep_pronouns`` (a preposition with its pronoun written as one word, the addressee after a verb,
never its subject: Arabic "أكد له أن", "قال لها الطبيب إن"), ``passive_cues`` and ``passive_agents``
(Turkish passive speech verbs, "duyuruldu", "bildirildi", and the postposition of their agent,
"Sağlık Bakanlığı tarafından … duyuruldu"; with no agent they make no statement; elsewhere the
agent preposition after a participle that opens a clause, "Examinada por médico de guardia
certificó", whose agent is the speaker),
``as_markers`` ("As she stressed, …", "Jak podkreślała, …": a comparative clause of a speech verb
reports the statement it is set off from; ``as_exclude``: verbs with no object, "As he spoke, …"),
``stance_cues`` (verb forms, or a form and the preposition that opens its object, that report a
position held: "opposes", "s'oppose à", "se opone a"; never speech cues, see
``newstrace._quotestance``), ``stance_separable`` ("verb particle": a stance verb whose particle
closes its clause and is no part of its content: German "lehnt ab" in "lehnt den Vorschlag ab"),
``stance_not_after`` (words before a stance form that make it no stance of its subject: "to
support", German "wurde unterstützt"), ``stance_object_ends`` (words that end a stance's object: an
adjunct of time or place, a conjunction, a verb after it: "endorsed Cruz on Tuesday"). Forms with a zero-width non-joiner (Persian "می‌گوید") match
with or without it. Tables are loaded lazily and cached through ``newstrace.resources``.
Languages without a table use a merged fallback (``table(None)``), so quote marks are
still found and speakers are taken from adjacent names.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources as _ilr
from typing import Any, Iterator

from .. import resources

__all__ = ["CueTable", "available", "outlet_names", "table"]

_LIST_KEYS = (
    "weak_verbs", "phrasal_cues", "inversion", "prep_cues_before", "prep_cues_after", "relay", "relay_before",
    "report_verbs", "complementizers", "skip_before_cue", "linkers", "relative", "determiners",
    "prepositions", "np_internal", "np_stop", "anonymous_heads", "anonymous_markers",
    "institution_nouns", "org_heads", "role_nouns", "media_heads", "channel_name_skip",
    "scare_preceders", "abbreviations", "occasion_breaks", "participle_suffix", "noun_preceders",
    "zero_classes", "zero_exclude", "definite_determiners", "plural_suffixes", "genitive_links",
    "interview_nouns", "generic_roles", "indefinite_determiners", "place_prepositions",
    "verb_prefixes", "participles", "honorifics", "partitives", "postposed_cues", "prep_cue_patterns",
    "infinitive_classes", "complement_suffixes", "auxiliaries", "verb_suffixes", "clause_breaks", "subordinators",
    "addressee_verbs", "question_complementizers", "prep_needs_verb", "clause_break_patterns", "topic_particles", "as_markers", "as_exclude",
    "np_cues", "nonverb_forms", "verb_forms", "clause_openers", "cataphoric", "anaphoric", "relative_cues",
    "byline_patterns", "link_labels", "reporter_addressees", "genitive_suffixes", "separable_cues", "noun_prepositions", "np_object_stop", "dash_cue_lead",
    "self_source_patterns", "statement_sources",
    "np_subject_openers", "quantity_preps", "prep_needs_noun", "prep_pronouns",
    "passive_agents", "passive_cues", "relay_citing",
    "stance_cues", "stance_separable", "stance_not_after", "stance_object_ends",
)


_REGEX_KEYS = frozenset(("inversion", "relay", "relay_before", "relay_citing", "channel_name_skip", "prep_cue_patterns",
                         "self_source_patterns", "statement_sources",
                         "byline_patterns"))


@dataclass(slots=True)
class CueTable:
    """One language's cue data, with the derived lookups the stage needs."""

    lang: str
    spacy_model: str | None = None
    quote_pairs: dict[str, list[str]] = field(default_factory=dict)
    verbs: dict[str, str] = field(default_factory=dict)  # lowercased form -> class
    pronouns: dict[str, str] = field(default_factory=dict)
    grammatical_gender: bool = False
    pro_drop: bool = False  # subjectless verbs ("dijo") take the previous speaker
    adverb_suffix: str = ""
    channels: list[tuple[re.Pattern, str]] = field(default_factory=list)
    channel_fixed: list[tuple[re.Pattern, str]] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)
    sets: dict[str, frozenset] = field(default_factory=dict)
    cue_re: re.Pattern | None = None
    inversion_res: list[re.Pattern] = field(default_factory=list)
    relay_res: list[re.Pattern] = field(default_factory=list)
    # "X quoted Y as saying (that|:)": (pattern, its cue words alone, searched first)
    relay_before_res: list[tuple[re.Pattern, re.Pattern]] = field(default_factory=list)
    # "according to X, citing Y", "wie X unter Berufung auf Y berichtete", "وفق ما نقلت X عن Y":
    # the outlet (group ch) relays the speaker named after the match
    relay_citing_res: list[re.Pattern] = field(default_factory=list)
    prep_cue_res: list[re.Pattern] = field(default_factory=list)  # cues naming their source ("nach US-Angaben")
    self_source_res: list[re.Pattern] = field(default_factory=list)  # the clause's subject is the source ("nach eigenen Angaben")
    byline_res: list[re.Pattern] = field(default_factory=list)  # author credits ("كتبت - X:"), no cue inside
    link_label_re: re.Pattern | None = None  # "Czytaj także:", "Read more:" and the headline after it
    # a verb that is a cue only with its particle later in the clause ("machte … klar, dass")
    separable_re: re.Pattern | None = None
    reported_mood_re: re.Pattern | None = None  # a verb form that marks a sentence as reported speech
    infinitive_re: re.Pattern | None = None  # an infinitive clause as the content ("vorgeworfen, … zu lassen")
    dash_quotes: bool = False  # "- Content - powiedział X" (a dash opens and closes the statement)
    clause_break_re: re.Pattern | None = None  # where a statement's clause ends ('; ', ', however')
    question_re: re.Pattern | None = None  # 'asked whether …': the question word opening the content
    comp_re: re.Pattern | None = None  # the words between a cue and its complementizer (group comp)
    comp_word_re: re.Pattern | None = None  # a complementizer
    prep_before_re: re.Pattern | None = None
    prep_after_re: re.Pattern | None = None
    skip_name_res: list[re.Pattern] = field(default_factory=list)
    zero_re: re.Pattern | None = None
    copy_res: list[re.Pattern] = field(default_factory=list)
    subjunctive_re: re.Pattern | None = None  # reported speech without complementizer (de: Konjunktiv)
    # role coreference: word or phrase -> ids of its synonym groups ("spokesman" ~ "spokesperson")
    role_groups: dict[str, frozenset[int]] = field(default_factory=dict)
    role_phrase_re: re.Pattern | None = None  # the multi-word entries of role_groups
    compound_roles: bool = False  # role nouns end compounds ("Innenminister" is a "minister")
    role_verbs: dict[str, str] = field(default_factory=dict)  # "who heads X" -> the role "head"
    verb_first: bool = False  # VSO: "وقال X إن …"
    subject_first: bool = False  # SOV: the subject opens the clause ("X … گفت: …")
    caseless: bool = False  # no capitals in the script: names are not found by case

    verb_index: dict[str, re.Pattern] = field(default_factory=dict)  # first word -> its forms, anchored
    verb_residual: re.Pattern | None = None  # forms that do not start with a letter or digit
    sov_re: re.Pattern | None = None  # a verb right after a nominalised clause ("… olduğunu söyledi")
    cataphoric_re: re.Pattern | None = None  # a verb after "şunları"/"şöyle", before a colon
    relative_re: re.Pattern | None = None  # a participle after an unmarked statement ("… diyen Koca")
    stance_re: re.Pattern | None = None  # the ``stance_cues`` (group ``v``): "opposes", "s'oppose à"
    # a separable stance verb -> the particle that must close its clause ("lehnt" -> "ab")
    stance_separable: dict[str, str] = field(default_factory=dict)

    unions: dict[tuple[str, ...], frozenset] = field(default_factory=dict)  # cache of union()
    # a verb of the ``np_cues`` -> what follows it in its entries ("أهاب ب": the preposition)
    np_cue_preps: dict[str, frozenset] = field(default_factory=dict)

    def union(self, *keys: str) -> frozenset:
        """The union of the word sets ``keys`` (built once per table)."""
        u = self.unions.get(keys)
        if u is None:
            u = self.unions[keys] = frozenset().union(*(self.sets.get(k, frozenset()) for k in keys))
        return u

    def minus(self, key: str, *others: str) -> frozenset:
        """The word set ``key`` without the words of the sets ``others`` (built once per table)."""
        k = ("-", key, *others)
        u = self.unions.get(k)
        if u is None:
            u = self.unions[k] = self.sets.get(key, frozenset()) - self.union(*others)
        return u

    def has(self, key: str, word: str) -> bool:
        return word.lower() in self.sets.get(key, frozenset())

    def verb_spans(self, text: str) -> Iterator[re.Match]:
        """Every speech-verb form in ``text`` (group ``v``), as ``cue_re.finditer`` would find
        them, in text order: each word is looked up by its first word (and without an attached
        prefix), so the cost is one dictionary lookup per word, not one regular expression
        over hundreds of alternatives at each character."""
        found = []
        index = self.verb_index
        prefixes = self.lists.get("verb_prefixes") or []
        for w in _WORD_START.finditer(text):
            key = norm_form(_FIRST.match(w.group()).group()).replace(ZWNJ_MASK, "")
            keys = [key] + [key[len(p):] for p in prefixes if key.startswith(p) and len(key) > len(p) + 1]
            for k in keys:
                rx = index.get(k)
                x = rx.match(text, w.start()) if rx is not None else None
                if x is not None:
                    found.append(x)
                    break
        if self.verb_residual is not None:
            found += list(self.verb_residual.finditer(text))
            found.sort(key=lambda x: x.start())
        return iter(found)


def available() -> list[str]:
    """Languages that have a table."""
    return list(resources.get("cues:available", lambda: tuple(sorted(
        p.name[:-5] for p in _ilr.files(__name__).iterdir()
        if p.name.endswith(".json") and p.name != "outlets.json"))))


def _read(name: str) -> dict[str, Any]:
    return json.loads(_ilr.files(__name__).joinpath(name).read_text(encoding="utf-8"))


def _with_derived(raw: dict[str, Any], code: str) -> dict[str, Any]:
    """The hand table with the cues derived from annotated data (``derived/<lang>.json``,
    written by ``train/polnear_cues.py``), when there are any: the derived verb forms are
    cues of class ``derived`` (a hand-listed form keeps its class), the forms of the
    noun-phrase cues ('denied', 'called for') go to ``np_cues``, the forms mostly used as nouns
    ('state', 'plans') to ``nonverb_forms``, the derived cue forms (mostly verbs) to ``verb_forms``,
    the forms of the stances ('opposes', 'endorsed') to ``stance_cues``."""
    f = _ilr.files(__name__).joinpath("derived", f"{code}.json")
    if not f.is_file():
        return raw
    d = json.loads(f.read_text(encoding="utf-8"))
    raw = dict(raw)
    raw["verbs"] = dict(raw.get("verbs", {}))
    np_forms = {w for c in d.get("np_cues", {}).values() for w in c["forms"]}
    cue_forms = {w for c in d.get("cues", {}).values() for w in c["forms"]}
    raw["verbs"]["derived"] = sorted(cue_forms | np_forms)
    raw["verb_forms"] = sorted(cue_forms)  # forms the data shows to be verbs (never nouns)
    raw["np_cues"] = sorted(set(raw.get("np_cues", [])) | np_forms)
    raw["nonverb_forms"] = sorted(set(raw.get("nonverb_forms", [])) | set(d.get("nonverb_forms", [])))
    # stances ('opposes', 'endorsed'): a cue set of their own, never speech cues
    raw["stance_cues"] = sorted(set(raw.get("stance_cues", [])) | {w for c in d.get("stances", {}).values()
                                                                    for w in c["forms"]})
    return raw


# a word with its Arabic vowel marks (combining marks are no \w: "موضحًا" is one word)
_WORD_START = re.compile(r"(?<![\w\-’'\u064b-\u0652\u0670])\w[\w’'\-\u064b-\u0652\u0670]*")
_LATIN_PUNCT = str.maketrans({"\u060c": ",", "\u061b": ";", "\u061f": "?", "\u06d4": "."})
_FIRST = re.compile(r"[\w\u064b-\u0652\u0670]+")
ZWNJ = "\u200c"
#: what the quotes stage's masked text writes for a zero-width non-joiner (a word character,
#: so "می‌گوید" stays one word); table forms are normalised the same way
ZWNJ_MASK = "_"


#: Arabic short-vowel marks, shadda, sukun and dagger alef: written or not ("أكّد" = "أكد")
_HARAKAT = re.compile("[\u064b-\u0652\u0670]")
_HARAKAT_OPT = "[\u064b-\u0652\u0670]*"


def norm_form(w: str) -> str:
    """A table form or a word of the masked text, lowercased, ZWNJ written as ``ZWNJ_MASK``,
    Arabic vowel marks dropped."""
    w = w.lower()
    if w.isascii():
        return w
    w = w.replace(ZWNJ, ZWNJ_MASK)
    return _HARAKAT.sub("", w) if "\u064b" <= max(w, default="a") else w


def _group(pattern: str, name: str) -> str:
    """The text of the named group ``name`` of a regular expression (balanced parentheses)."""
    k = pattern.index("(?P<%s>" % name)
    depth = 0
    for i in range(k, len(pattern)):
        if pattern[i] == "(" and pattern[i - 1:i] != "\\":
            depth += 1
        elif pattern[i] == ")" and pattern[i - 1:i] != "\\":
            depth -= 1
            if depth == 0:
                return pattern[k:i + 1]
    raise ValueError(f"unbalanced group {name!r} in {pattern!r}")


def _alt(words: list[str]) -> str:
    """A regular-expression alternation of table forms: longest first, spaces as any
    whitespace, ZWNJ optional, Arabic vowel marks allowed after any letter."""
    words = sorted({norm_form(w) for w in words if w}, key=len, reverse=True)
    out = []
    for w in words:
        x = re.escape(w).replace(r"\ ", r"\s+").replace(ZWNJ_MASK, "[_ ]?")
        if any("\u0600" <= c <= "\u06ff" for c in w):
            x = "".join(c + _HARAKAT_OPT if "\u0600" <= c <= "\u06ff" else c for c in x)
        out.append(x)
    return "|".join(out)


def _build(raw: dict[str, Any]) -> CueTable:
    t = CueTable(lang=raw.get("lang") or "und", spacy_model=raw.get("spacy_model"))
    t.quote_pairs = dict(raw.get("quote_pairs", {}))
    for cls, forms in raw.get("verbs", {}).items():
        for f in forms:
            t.verbs.setdefault(norm_form(f), cls)
    for f in raw.get("phrasal_cues", []) + raw.get("weak_verbs", []):
        t.verbs.setdefault(norm_form(f), "neutral")
    t.pronouns = {norm_form(k): v for k, v in raw.get("pronouns", {}).items()}
    t.grammatical_gender = bool(raw.get("grammatical_gender"))
    t.pro_drop = bool(raw.get("pro_drop"))
    t.adverb_suffix = raw.get("adverb_suffix", "")
    t.lists = {k: list(raw.get(k, [])) for k in _LIST_KEYS}
    t.sets = {k: frozenset(norm_form(w) for w in v) for k, v in t.lists.items() if k not in _REGEX_KEYS}
    t.verb_first = bool(raw.get("verb_first"))
    t.subject_first = bool(raw.get("subject_first"))
    t.caseless = bool(raw.get("caseless"))
    flags = re.IGNORECASE
    # clitics attached to a cue ("وقال", "وبحسب"): the cue itself is the group ``v``
    pre = r"(?:%s)?" % _alt(t.lists["verb_prefixes"]) if t.lists["verb_prefixes"] else ""
    forms = [f for f in t.verbs if f not in t.sets["prep_cues_before"]]
    if forms:
        t.cue_re = re.compile(r"(?<![\w\-’'])%s(?P<v>%s)(?![\w\-])" % (pre, _alt(forms)), flags)
        by_first: dict[str, list[str]] = {}
        residual = []
        for f in forms:
            # a form written with a leading space (Turkish ' dedi') follows a quotation or
            # punctuation, never a word: it stays in the (rarely used) residual pattern
            x = _FIRST.match(f)
            if x:
                # 'می‌گوید' is written with a ZWNJ, a space or nothing: indexed as one word and by its head
                head = norm_form(x.group())
                by_first.setdefault(head.replace(ZWNJ_MASK, ""), []).append(f)
                if ZWNJ_MASK in head:
                    by_first.setdefault(head.split(ZWNJ_MASK)[0], []).append(f)
            else:
                residual.append(f)
        t.verb_index = {k: re.compile(r"%s(?P<v>%s)(?![\w\-])" % (pre, _alt(v)), flags) for k, v in by_first.items()}
        if t.lists["complement_suffixes"]:
            t.sov_re = re.compile(r"\w(?:%s)[ \t]+(?P<v>%s)(?![\w\-])" % (
                _alt(t.lists["complement_suffixes"]), _alt([f.strip() for f in forms])), flags)
        if t.lists["cataphoric"]:
            # 'Yılmaz şunları söyledi: …', 'sözlerini şöyle sürdürdü: …': a word that points to the
            # statement after the colon makes the verb after it a cue, though a word precedes it
            t.cataphoric_re = re.compile(r"(?<![\w\-’'])(?:%s)[ \t]+(?P<v>%s)(?=[ \t]*:)" % (
                _alt(t.lists["cataphoric"]), _alt([f.strip() for f in forms])), flags)
        if residual:
            t.verb_residual = re.compile(r"(?<![\w\-’'])%s(?P<v>%s)(?![\w\-])" % (pre, _alt(residual)), flags)
    comps = _alt(t.lists["complementizers"] or ["that"])
    t.comp_re = re.compile(r"(?P<gap>[^;:.\x07]{0,80}?)(?P<comp>\b(?:%s)\b|:)" % comps, flags)
    t.comp_word_re = re.compile(r"\b(?:%s)\b" % comps, flags)
    # the masked text the stage searches writes Arabic and Persian punctuation as Latin ("،" as ",")
    t.clause_break_re = re.compile("|".join([r";\s"] + [re.escape(b.translate(_LATIN_PUNCT)) + r"\b"
                                                          for b in t.lists["clause_breaks"] if b.strip(" ;")]
                                            + t.lists["clause_break_patterns"]), flags)
    if t.lists["question_complementizers"]:
        t.question_re = re.compile(r"(?P<gap>[^;:.\x07]{0,60}?)(?P<comp>\b(?:%s)\b)" % _alt(
            t.lists["question_complementizers"]), flags)
    t.inversion_res = [re.compile(p, flags) for p in t.lists["inversion"]]
    t.relay_res = [re.compile(p, flags) for p in t.lists["relay"]]
    t.relay_before_res = [(re.compile(p, flags), re.compile(_group(p, "cue"), flags)) for p in t.lists["relay_before"]]
    t.prep_cue_res = [re.compile(p) for p in t.lists["prep_cue_patterns"]]
    t.relay_citing_res = [re.compile(p, flags) for p in t.lists["relay_citing"]]
    t.self_source_res = [re.compile(p) for p in t.lists["self_source_patterns"]]
    t.byline_res = [re.compile(p, flags) for p in t.lists["byline_patterns"]]
    if t.lists["link_labels"]:
        # the label opens its line or sentence; its headline, opening with a word or an opening
        # mark (not 'READ ALSO:” Starbucks said.', a scraped label before a closing mark), runs
        # to the line's end or the first full stop followed by a space
        t.link_label_re = re.compile(r"(?:^|(?<=[\n.!?\x07\u201d\u00bb\"]))[ \t\u00a0]*(?:%s)[ \t\u00a0]*[:\-–—][ \t\u00a0]*(?=[^\W_]|[„“«\x07])[^\n]*?(?:[.!?]\S*(?=[ \t\u00a0]|$)|(?=\n)|$)" % (
            _alt(t.lists["link_labels"])), re.I | re.M)
    preps: dict[str, set] = {}
    for e in t.sets["np_cues"]:
        if " " in e:
            v, rest = e.split(" ", 1)
            preps.setdefault(v, set()).add(rest)
    t.np_cue_preps = {v: frozenset(p) for v, p in preps.items()}
    if t.lists["separable_cues"]:
        # 'machte es mehrmals klar, dass …': the verb, up to five words, the particle, then the
        # end of the clause (a comma, a colon, a full stop)
        verbs, prts = zip(*(f.split() for f in t.lists["separable_cues"]))
        t.separable_re = re.compile(r"(?<![\w\-’'])(?P<v>%s)(?:[ \t]+[\w\-’']+){0,5}?[ \t]+(?:%s)(?=[ \t]*[,:.])" % (
            _alt(sorted(set(verbs))), _alt(sorted(set(prts)))), flags)
    t.stance_separable = {norm_form(v): norm_form(p) for v, p in (e.rsplit(" ", 1) for e in t.lists["stance_separable"])}
    if t.stance_separable:
        t.sets["stance_cues"] = t.sets["stance_cues"] | frozenset(t.stance_separable)
    if t.sets["stance_cues"]:
        # stances ('supports', 's’oppose à', 'se opone a'): found apart from the speech cues
        # (`_quotestance`); the apostrophe of an entry matches either spelling
        alt = "|".join(re.escape(f).replace("'", "['’]").replace(r"\ ", r"[ \u00a0]+")
                       for f in sorted(t.lists["stance_cues"] + list(t.stance_separable), key=len, reverse=True))
        t.stance_re = re.compile(r"(?<![\w\-’'])(?P<v>%s)(?![\w\-])" % alt, flags)
    if t.lists["relative_cues"]:
        # '… teminatıdır diyen Koca': a participle right after the last word of an unmarked
        # statement (after a closing quotation mark it is an ordinary verb form of the table)
        t.relative_re = re.compile(r"(?<=[\w.!?])[ \t]+(?P<v>%s)(?![\w\-])" % _alt(t.lists["relative_cues"]), flags)
    if raw.get("reported_mood"):
        t.reported_mood_re = re.compile(raw["reported_mood"])
    if raw.get("infinitive_complement"):
        t.infinitive_re = re.compile(raw["infinitive_complement"])
    t.dash_quotes = bool(raw.get("dash_quotes"))
    if t.lists["prep_cues_before"]:
        # a cue ending with a clitic preposition may be written attached to the name ("وفقا للرئيس")
        t.prep_before_re = re.compile(r"(?<![\w])%s(?P<v>%s)(?:(?<=[لـ])|(?![\w]))" % (
            pre, _alt(t.lists["prep_cues_before"])), flags)
    if t.lists["prep_cues_after"]:
        t.prep_after_re = re.compile(r"(?<![\w])(?P<v>%s)(?![\w])" % _alt(t.lists["prep_cues_after"]), flags)
    t.channels = [(re.compile(c["re"], flags), c["kind"]) for c in raw.get("channels", [])]
    t.channel_fixed = [(re.compile(c["re"], flags), c["kind"]) for c in raw.get("channel_fixed", [])]
    if raw.get("zero_complement"):
        t.zero_re = re.compile(raw["zero_complement"])
    t.copy_res = [re.compile(p, flags) for p in raw.get("copy", [])]
    if raw.get("reported_subjunctive"):
        t.subjunctive_re = re.compile(raw["reported_subjunctive"])
    t.skip_name_res = [re.compile(p) for p in t.lists["channel_name_skip"]]
    groups: dict[str, set[int]] = {}
    for i, g in enumerate(raw.get("role_groups", [])):
        for w in g:
            groups.setdefault(w.lower(), set()).add(i)
    t.role_groups = {w: frozenset(ids) for w, ids in groups.items()}
    phrases = [w for w in t.role_groups if " " in w]
    if phrases:
        t.role_phrase_re = re.compile(r"(?<![\w\-])(?:%s)(?![\w\-])" % _alt(phrases), flags)
    t.compound_roles = bool(raw.get("compound_roles"))
    t.role_verbs = {k.lower(): v.lower() for k, v in raw.get("role_verbs", {}).items()}
    return t


def _merged() -> dict[str, Any]:
    """Fallback for languages without a table: quote marks of every table, no verbs."""
    pairs: dict[str, list[str]] = {}
    outlets_media: list[str] = []
    for lang in available():
        raw = _read(f"{lang}.json")
        for o, cs in raw.get("quote_pairs", {}).items():
            if o == "\u00bb":  # the reversed German pair is ambiguous without the language
                continue
            pairs.setdefault(o, [])
            pairs[o] += [c for c in cs if c not in pairs[o]]
        outlets_media += raw.get("media_heads", [])
    return {"lang": "und", "quote_pairs": pairs, "media_heads": outlets_media}


def table(lang: str | None) -> CueTable:
    """The cue table for ``lang`` (ISO 639-1), or the merged fallback table."""
    code = (lang or "").split("-")[0].lower()
    if code not in available():
        return resources.get("cues:und", lambda: _build(_merged()))
    return resources.get(f"cues:{code}", lambda: _build(_with_derived(_read(f"{code}.json"), code)))


def _norm(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower().replace("’", "'")).removeprefix("the")


def outlet_names() -> dict[str, str]:
    """Normalised outlet name -> display name (from ``outlets.json``)."""
    def load() -> dict[str, str]:
        return {_norm(n): n for n in _read("outlets.json")["outlets"]}
    return resources.get("cues:outlets", load)
