"""Benchmark of the quotes stage on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

Each text is read as ``newstrace`` stores a .txt file: the first line is the title (the
headline paragraph), one paragraph per line, language en; the mentions stage runs first
(rules path; ``--models`` for the spaCy path; ``--attrib-model`` with it also runs the quotes
stage's learned English cue tagger, as ``newstrace analyze --attrib-model`` does). The first annotator's brat file is the gold.

Gold attributions are the events with a Content span (``Attribution`` and
``Attribution-no-source``); a discontinuous Content is the union of its fragments. Kinds:
``direct`` (the trimmed content opens with a quotation mark and closes with one),
``mixed`` (quotation marks inside), ``indirect`` (none). Attributions whose content lies in
the headline are left out of the gold (headlines are not quotes); a quote predicted in the
headline is a false positive.

Predicted attributions: the quotes of an article grouped by their cue (the quotes one cue
introduces: '"Q1," X said. "Q2"' is one attribution with two fragments, as PolNeAR
annotates it); a quote without a cue is an attribution of its own.

Matching (one to one, best pairs first):
- ``attributions`` (every kind): a predicted attribution matches a gold one when the
  character overlap covers at least half of each (``--strict``: 80% of each), counting only
  the prediction's fragments that overlap the gold (annotators sometimes split '"Q1," X
  said. "Q2"' in two attributions); a fragment serves one gold attribution. Recall is over
  gold attributions, precision over predicted attributions with a match;
- ``direct quotes`` (the figure of docs/research/quotes.md §6, kept for comparison): gold
  direct contents vs predicted direct quotes that are not partial, overlap at least 80%
  of the shorter span.

PolNeAR annotates stances ("Sanders supports a $15 minimum wage", `Quote.act` "stance") as
attributions: they count above; ``speech_only`` gives the same figures for the speech acts
alone (every quote before stances were recorded), so the gain of stances shows.

Source accuracy is computed over every matched attribution whose gold has a Source: the
predicted speaker is right when its span overlaps the gold source span, or one name
contains the other. A gold source that is anaphoric (a pronoun, or a definite description
such as "the senator") cannot be checked against its antecedent (PolNeAR has no
coreference): a resolved speaker counts as right when it names someone who is a gold
source earlier in the same text. ``source accuracy (direct)`` is the same over matched
direct quotes.

Develop on ``--split train`` (840 texts), report ``--split dev`` (84). ``--show N`` prints
N misses of each kind; ``--json`` prints the figures as one dict.

``--every K`` reads every K-th text only (``--split train --every 4``: a fixed quarter of train).

Usage: python bench/polnear_bench.py [--split dev|train] [--models [--attrib-model]] [--strict] [--json] [--show N]
       [--every K]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newstrace.records import Article, Paragraph  # noqa: E402
from newstrace.quotes import extract  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared/corpus/dev/polnear"
OPEN, CLOSE = "“\"‘'«", "”\"’'»"
MARKS = set(OPEN + CLOSE) - {"'", "’"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them"}
DEFINITE = {"the", "his", "her", "their", "its", "this", "that", "these", "those"}


def read_ann(path: Path) -> list[dict]:
    """The attribution events of one brat file: content fragments, source and cue spans."""
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"T\d+\t\S+ \d", line):  # (a span's text may run over lines)
            tid, info, text = (line.split("\t") + ["", ""])[:3]
            label, offs = info.split(" ", 1)
            frags = [tuple(map(int, p.split())) for p in offs.split(";")]
            spans[tid] = {"label": label, "frags": frags, "text": text}
        elif re.match(r"E\d+\t", line):
            parts = line.split("\t")[1].split()
            events.append({k: v for k, v in (p.split(":") for p in parts)})
    out = []
    for ev in events:
        c = spans.get(ev.get("Content"))
        if not c:
            continue
        src, cue = spans.get(ev.get("Source")), spans.get(ev.get("Cue"))
        out.append({"frags": c["frags"], "content": (min(f[0] for f in c["frags"]), max(f[1] for f in c["frags"])),
                    "text": c["text"],
                    "source": (src["frags"][0][0], src["frags"][-1][1]) if src else None,
                    "source_text": src["text"] if src else None,
                    "cue": (cue["frags"][0][0], cue["frags"][-1][1]) if cue else None})
    return out


def kind_of(gold_text: str) -> str:
    t = gold_text.strip()
    if len(t) > 2 and t[0] in OPEN and t[-1] in CLOSE:
        return "direct"
    if any(ch in MARKS for ch in t) or re.search(r"(?<!\w)‘|’(?!\w)", t):
        return "mixed"
    return "indirect"


def is_direct(text: str, gold_text: str) -> bool:
    return kind_of(gold_text) == "direct"


def overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def frag_overlap(frags, p) -> int:
    """Characters shared by gold fragments and a predicted span."""
    return sum(overlap(f, p) for f in frags)


def _length(frags) -> int:
    return sum(b - a for a, b in frags)


def match(gold: list, pred: list, both: bool) -> list[tuple[int, int]]:
    """Direct-quote matching: 80% of the shorter span (80% of each with ``both``)."""
    return match_frags([[g] for g in gold], pred, 0.8, both=both)


def group_by_cue(quotes: list) -> list[list]:
    """Predicted attributions: quotes sharing one cue occurrence, in text order."""
    groups: dict = {}
    for i, q in enumerate(quotes):
        key = ("cue", q.cue_start, q.cue_end) if q.cue_start is not None else ("q", i)
        groups.setdefault(key, []).append(q)
    return sorted(groups.values(), key=lambda g: g[0].start)


def match_frags(gold: list[list[tuple[int, int]]], pred: list, share: float,
                both: bool = True) -> list[tuple[int, int]]:
    """One-to-one matching, best score first: the overlap must cover ``share`` of each
    span (``both``) or of the shorter one. A prediction is a span or a list of spans (the
    fragments of one attribution); only its fragments that overlap the gold count, and a
    fragment serves one gold attribution: annotators sometimes split '"Q1," X said. "Q2"'
    into two attributions, sometimes not."""
    cand = []
    for gi, g in enumerate(gold):
        lg = _length(g)
        for pi, p in enumerate(pred):
            frags = p if isinstance(p[0], tuple) else [p]
            near = tuple(k for k, f in enumerate(frags) if frag_overlap(g, f))
            if not near:
                continue
            ov = sum(frag_overlap(g, frags[k]) for k in near)
            lp = sum(frags[k][1] - frags[k][0] for k in near)
            score = min(ov / max(1, lg), ov / max(1, lp)) if both else ov / max(1, min(lg, lp))
            if score >= share:
                cand.append((score, gi, pi, near))
    cand.sort(key=lambda x: (-x[0], x[1], x[2]))
    ug, used, pairs = set(), set(), []
    for _, gi, pi, near in cand:
        if gi in ug or any((pi, k) in used for k in near):
            continue
        ug.add(gi)
        used.update((pi, k) for k in near)
        pairs.append((gi, pi))
    return pairs


def _norm(s: str | None) -> str:
    return re.sub(r"[\W_]+", " ", (s or "").lower().replace("’", "'")).strip()


def names_match(a: str | None, b: str | None) -> bool:
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    na, nb = f" {na} ", f" {nb} "
    return na in nb or nb in na


def anaphoric(src: str | None) -> bool:
    words = _norm(src).split()
    if not words:
        return False
    if len(words) == 1 and words[0] in PRONOUNS:
        return True
    return words[0] in DEFINITE and not any(w[:1].isupper() for w in (src or "").split()[1:])


def source_ok(g: dict, q, earlier_named: list[str]) -> bool:
    if q.speaker is None:
        return False
    if q.speaker_start is not None and overlap(g["source"], (q.speaker_start, q.speaker_end)):
        return True
    if names_match(q.speaker, g["source_text"]) and not anaphoric(q.speaker):
        return True
    if anaphoric(g["source_text"]):
        return any(names_match(q.speaker, n) for n in earlier_named)
    return False


def load_doc(tp: Path, detect, options) -> Article:
    text = tp.read_text(encoding="utf-8")
    paras = [Paragraph(m.start(), m.end(), "en") for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    title = text[paras[0].start:paras[0].end] if paras else None
    art = Article(id=tp.stem, text=text, title=title, lang="en", paragraphs=paras)
    if detect is not None:
        art = detect(art, options)
    return art


def _prf(m: int, npred: int, ngold: int, mpred: int | None = None) -> dict:
    """Recall over gold items matched (m), precision over predictions matched (mpred)."""
    mpred = m if mpred is None else mpred
    p = mpred / npred if npred else 0.0
    r = m / ngold if ngold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "matched": m, "predicted": npred, "gold": ngold}


def run(root: Path, split: str, models: bool, strict: bool, show: int, attrib_model: bool = False,
        every: int = 1) -> tuple[dict, list[str]]:
    split_root = root / split
    anns = defaultdict(list)
    for p in sorted((split_root / "attributions").glob("*.ann")):
        anns[p.stem.rsplit("_", 1)[0]].append(p)
    try:
        from newstrace.mentions import detect
    except ImportError:
        detect = None
    options = None
    if models:
        from newstrace.pipeline import PipelineOptions
        options = PipelineOptions(use_models=True, attrib_model=attrib_model)
    tot: dict[str, int] = defaultdict(int)
    shows: dict[str, list[str]] = defaultdict(list)
    t_quotes = 0.0
    t0, c0 = time.time(), time.process_time()
    n_docs = 0
    share = 0.8 if strict else 0.5
    texts = [tp for tp in sorted((split_root / "text").glob("*.txt")) if tp.stem in anns]
    for tp in texts[::every]:
        n_docs += 1
        art = load_doc(tp, detect, options)
        text = art.text
        c1 = time.process_time()
        quotes = extract(art, options).quotes
        t_quotes += time.process_time() - c1
        head_end = art.paragraphs[0].end if art.paragraphs else 0
        gold_all = read_ann(anns[tp.stem][0])
        tot["gold_headline"] += sum(1 for g in gold_all if g["content"][0] < head_end)
        gold = [g for g in gold_all if g["content"][0] >= head_end]
        for g in gold:
            g["kind"] = kind_of(g["text"])
        # direct quotes, as in the research brief
        gd = [g for g in gold if g["kind"] == "direct"]
        pd = [q for q in quotes if q.direct and ":partial" not in q.method]
        pairs = match([g["content"] for g in gd], [(q.start, q.end) for q in pd], False)
        tot["d_gold"] += len(gd)
        tot["d_pred"] += len(pd)
        tot["d_match"] += len(pairs)
        # every attribution; and the speech acts alone (what newstrace counted before stances)
        speech = group_by_cue([q for q in quotes if q.act == "say"])
        sp_match = match_frags([g["frags"] for g in gold], [[(q.start, q.end) for q in grp] for grp in speech], share)
        tot["say_pred"] += len(speech)
        tot["say_match"] += len(sp_match)
        tot["say_pred_matched"] += len({pi for _, pi in sp_match})
        for gi, _ in sp_match:
            tot[f"say_match_{gold[gi]['kind']}"] += 1
        attrs = group_by_cue(quotes)
        tot["stance_pred"] += sum(1 for grp in attrs if grp[0].act == "stance")
        allp = match_frags([g["frags"] for g in gold], [[(q.start, q.end) for q in grp] for grp in attrs], share)
        tot["stance_pred_matched"] += len({pi for _, pi in allp if attrs[pi][0].act == "stance"})
        tot["a_gold"] += len(gold)
        tot["a_pred"] += len(attrs)
        tot["a_match"] += len(allp)
        tot["a_pred_matched"] += len({pi for _, pi in allp})
        tot["pred_headline"] += sum(1 for q in quotes if q.start < head_end)
        for g in gold:
            tot[f"gold_{g['kind']}"] += 1
        matched_g = {gi: pi for gi, pi in allp}
        for gi, g in enumerate(gold):
            if gi in matched_g:
                tot[f"match_{g['kind']}"] += 1
            elif len(shows[g["kind"]]) < show:
                near = [grp[0] for grp in attrs if any(overlap(g["content"], (q.start, q.end)) for q in grp)]
                shows[g["kind"]].append(f"  MISS {tp.stem} [{g['kind']}] {g['text'][:150]!r}\n    source "
                                        f"{g['source_text']!r}; overlapping predictions: "
                                        + "; ".join(f"{q.text[:60]!r} ({q.method})" for q in near[:2]))
        used_p = set(matched_g.values())
        for pi, grp in enumerate(attrs):
            q = grp[0]
            if pi not in used_p and len(shows["fp"]) < show:
                shows["fp"].append(f"  FP {tp.stem} {'direct' if q.direct else 'indirect'} {q.text[:120]!r} "
                                   f"<- {q.speaker!r} ({q.method})")
        named_sources = [(g["source"][0], g["source_text"]) for g in gold_all
                         if g["source"] and not anaphoric(g["source_text"])]
        for gi, pi in allp:
            g, q = gold[gi], attrs[pi][0]
            if not g["source"]:
                continue
            earlier = [t for s, t in named_sources if s < g["source"][0]]
            ok = source_ok(g, q, earlier)
            tot["s_n"] += 1
            tot["s_ok"] += ok
            tot[f"s_n_{g['kind']}"] += 1
            tot[f"s_ok_{g['kind']}"] += ok
            tot["s_anaphoric"] += anaphoric(g["source_text"])
            tot["s_none"] += q.speaker is None
            if not ok and len(shows["source"]) < show:
                shows["source"].append(f"  SOURCE {tp.stem} [{g['kind']}] gold {g['source_text']!r}, found "
                                       f"{q.speaker!r} ({q.method}) for {q.text[:80]!r}")
        for gi, pi in sp_match:
            g = gold[gi]
            if g["source"]:
                tot["say_s_n"] += 1
                tot["say_s_ok"] += source_ok(g, speech[pi][0], [t for s, t in named_sources if s < g["source"][0]])
        for gi, pi in pairs:
            g, q = gd[gi], pd[pi]
            if g["source"]:
                earlier = [t for s, t in named_sources if s < g["source"][0]]
                tot["sd_n"] += 1
                tot["sd_ok"] += source_ok(g, q, earlier)
        tot["anon_pred"] += sum(q.anonymous for q in quotes)
    wall, cpu = time.time() - t0, time.process_time() - c0

    def ratio(a: str, b: str) -> float:
        return round(tot[a] / tot[b], 4) if tot[b] else 0.0

    res = {
        "split": split, "documents": n_docs, "models": models, "attrib_model": bool(models and attrib_model), "match": "80% of each span" if strict else "half of each span",
        "attributions": _prf(tot["a_match"], tot["a_pred"], tot["a_gold"], tot["a_pred_matched"]),
        "recall_direct": ratio("match_direct", "gold_direct"),
        "recall_mixed": ratio("match_mixed", "gold_mixed"),
        "recall_indirect": ratio("match_indirect", "gold_indirect"),
        # the same without stances (`Quote.act` "stance"): speech acts alone
        "speech_only": {"attributions": _prf(tot["say_match"], tot["say_pred"], tot["a_gold"], tot["say_pred_matched"]),
                        "recall_mixed": ratio("say_match_mixed", "gold_mixed"),
                        "recall_indirect": ratio("say_match_indirect", "gold_indirect"),
                        "source_accuracy": ratio("say_s_ok", "say_s_n")},
        "stances_predicted": tot["stance_pred"], "stances_matched": tot["stance_pred_matched"],
        "gold_direct": tot["gold_direct"], "gold_mixed": tot["gold_mixed"], "gold_indirect": tot["gold_indirect"],
        "source_accuracy": ratio("s_ok", "s_n"), "source_n": tot["s_n"],
        "source_accuracy_direct_kind": ratio("s_ok_direct", "s_n_direct"),
        "source_accuracy_mixed_kind": ratio("s_ok_mixed", "s_n_mixed"),
        "source_accuracy_indirect_kind": ratio("s_ok_indirect", "s_n_indirect"),
        "source_anaphoric": tot["s_anaphoric"], "source_none": tot["s_none"],
        "direct_quotes": _prf(tot["d_match"], tot["d_pred"], tot["d_gold"]),
        "source_accuracy_direct": ratio("sd_ok", "sd_n"), "source_direct_n": tot["sd_n"],
        "gold_headline_excluded": tot["gold_headline"], "predicted_in_headline": tot["pred_headline"],
        "anonymous_predicted": tot["anon_pred"],
        "seconds_wall": round(wall, 1), "seconds_cpu": round(cpu, 1),
        "quotes_stage_articles_per_cpu_s": round(n_docs / t_quotes, 1) if t_quotes else 0.0,
    }
    lines = []
    for k in ("direct", "mixed", "indirect", "source", "fp"):
        lines += shows.get(k, [])
    return res, lines


def _fmt(d: dict) -> str:
    return (f"P {d['p']:.3f}  R {d['r']:.3f}  F1 {d['f1']:.3f}  "
            f"(matched {d['matched']}, predicted {d['predicted']}, gold {d['gold']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=str(DEFAULT_DIR))
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--models", action="store_true", help="mentions through the spaCy path")
    ap.add_argument("--attrib-model", action="store_true",
                    help="with --models, also the learned English cue tagger (opt-in in analyze)")
    ap.add_argument("--strict", action="store_true", help="attributions match at 80%% of each span")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N misses of each kind")
    ap.add_argument("--every", type=int, default=1, metavar="K",
                    help="only every K-th text (a fixed subset of train to develop on)")
    args = ap.parse_args()
    res, lines = run(Path(args.dir), args.split, args.models, args.strict, args.show, args.attrib_model,
                     max(1, args.every))
    if args.json:
        print(json.dumps(res))
        return
    print(f"PolNeAR {res['split']}: {res['documents']} texts, mentions {'spaCy' if res['models'] else 'rules'}, "
          f"{res['seconds_wall']} s wall, {res['seconds_cpu']} s CPU "
          f"(quotes stage {res['quotes_stage_articles_per_cpu_s']} articles/CPU-s)")
    print(f"attributions ({res['match']}):  {_fmt(res['attributions'])}")
    print(f"  recall by kind: direct {res['recall_direct']:.3f} ({res['gold_direct']}), mixed "
          f"{res['recall_mixed']:.3f} ({res['gold_mixed']}), indirect {res['recall_indirect']:.3f} "
          f"({res['gold_indirect']})")
    so = res["speech_only"]
    print(f"without stances (speech acts only): {_fmt(so['attributions'])}; indirect {so['recall_indirect']:.3f}, "
          f"mixed {so['recall_mixed']:.3f}, source accuracy {so['source_accuracy']:.3f}; stances predicted {res['stances_predicted']}, "
          f"matched {res['stances_matched']}")
    print(f"source accuracy (all matched attributions with a gold source): {res['source_accuracy']:.3f} "
          f"(n {res['source_n']}; direct {res['source_accuracy_direct_kind']:.3f}, mixed "
          f"{res['source_accuracy_mixed_kind']:.3f}, indirect {res['source_accuracy_indirect_kind']:.3f}; "
          f"anaphoric gold sources {res['source_anaphoric']}, no speaker found {res['source_none']})")
    print(f"direct quotes (80% of the shorter): {_fmt(res['direct_quotes'])}")
    print(f"source accuracy (matched direct quotes): {res['source_accuracy_direct']:.3f} (n {res['source_direct_n']})")
    print(f"headline: gold attributions left out {res['gold_headline_excluded']}, predicted in headline "
          f"{res['predicted_in_headline']}; flagged anonymous {res['anonymous_predicted']}")
    for ln in lines:
        print(ln)


if __name__ == "__main__":
    main()
