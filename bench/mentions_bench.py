"""Speed of the mentions stage on real articles, per language (issue 13).

Articles: both sides of the SemEval-2022 Task 8 pairs in ``../shared/corpus/dev``
(ar, de, en, es, fr, pl, tr; each article once) and the PolNeAR dev texts (en). Each text
goes through clean, langid and segment first (not timed); then the mentions stage is
timed twice over the same articles, once as ``[detect(a) for a in articles]`` and once
as ``detect_many(articles)`` (what the pipeline calls), after one untimed pass that loads
the models and per-language tables, in CPU seconds of this process
(``time.process_time``) and wall seconds; the machine may be shared, so CPU time is the
figure to compare. The two must give identical mentions (checked; a difference is
printed and fails the run).

Usage: python bench/mentions_bench.py [--no-models] [--limit N] [--json]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

DEV = Path(os.environ.get("NEWSTRACE_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "corpus" / "dev"


def load_articles(limit: int = 0):
    from newstrace.records import Article

    csv.field_size_limit(1 << 30)
    seen, out = set(), []
    with open(DEV / "semeval2022t8" / "pairs.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ids = row["pair_id"].split("_")
            for k, side in ((0, "1"), (1, "2")):
                aid = ids[k] if len(ids) == 2 else f"{row['pair_id']}-{side}"
                if aid in seen or not row[f"text{side}"].strip():
                    continue
                seen.add(aid)
                out.append(Article(id=f"semeval:{aid}", raw_text=row[f"text{side}"], text=row[f"text{side}"],
                                   meta={"declared_lang": row[f"lang{side}"]}))
    pol = DEV / "polnear" / "dev" / "text"
    if pol.is_dir():
        for p in sorted(pol.glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            out.append(Article(id=f"polnear:{p.stem}", raw_text=text, text=text))
    if limit:
        out = out[:limit]
    return out


def prepare(articles, opts):
    from newstrace.clean import clean
    from newstrace.langid import langid
    from newstrace.segment import segment

    return [segment(langid(clean(a, opts), opts), opts) for a in articles]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from newstrace import mentions
    from newstrace.pipeline import PipelineOptions

    opts = PipelineOptions(use_models=not args.no_models)
    arts = prepare(load_articles(args.limit), opts)
    by_lang = defaultdict(list)
    for a in arts:
        by_lang[a.lang or "?"].append(a)
    many = getattr(mentions, "detect_many", None)
    out = {"articles": len(arts), "models": not args.no_models, "langs": {}}
    total = {"map_cpu": 0.0, "many_cpu": 0.0, "n": 0}
    mismatch = 0
    for lang in sorted(by_lang):
        group = by_lang[lang]
        for a in group:  # load models and per-language tables before timing
            mentions.detect(a, opts)
        c0, w0 = time.process_time(), time.perf_counter()
        one = [mentions.detect(a, opts) for a in group]
        c1, w1 = time.process_time(), time.perf_counter()
        batch = many(group, opts) if many else one
        c2, w2 = time.process_time(), time.perf_counter()
        if not many:  # an older newstrace without detect_many: the map figures stand for both
            c2, w2 = c1 + (c1 - c0), w1 + (w1 - w0)
        for x, y in zip(one, batch):
            if [m.as_dict() for m in x.mentions] != [m.as_dict() for m in y.mentions]:
                mismatch += 1
        n = len(group)
        det = defaultdict(int)
        for a in batch:
            for m in a.mentions:
                det[m.detector] += 1
        out["langs"][lang] = {
            "articles": n, "chars": sum(len(a.text) for a in group),
            "map_articles_per_cpu_s": round(n / (c1 - c0), 1), "map_articles_per_wall_s": round(n / (w1 - w0), 1),
            "many_articles_per_cpu_s": round(n / (c2 - c1), 1), "many_articles_per_wall_s": round(n / (w2 - w1), 1),
            "mentions_per_article": round(sum(len(a.mentions) for a in batch) / n, 1),
            "detectors": dict(sorted(det.items(), key=lambda kv: -kv[1])[:4]),
        }
        total["map_cpu"] += c1 - c0
        total["many_cpu"] += c2 - c1
        total["n"] += n
    out["all"] = {"map_articles_per_cpu_s": round(total["n"] / total["map_cpu"], 1),
                  "many_articles_per_cpu_s": round(total["n"] / total["many_cpu"], 1)}
    out["detect_many_mismatches"] = mismatch
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        print(f"mentions stage, {'models' if not args.no_models else 'rules only'}, {len(arts)} real articles "
              f"(CPU time; machine shared)")
        print(f"{'lang':5} {'n':>5} {'chars':>9} {'map a/s':>8} {'many a/s':>9} {'ment/art':>9}  detectors")
        for lang, r in out["langs"].items():
            print(f"{lang:5} {r['articles']:5} {r['chars']:9} {r['map_articles_per_cpu_s']:8} "
                  f"{r['many_articles_per_cpu_s']:9} {r['mentions_per_article']:9}  {r['detectors']}")
        print(f"all   {total['n']:5} {'':9} {out['all']['map_articles_per_cpu_s']:8} "
              f"{out['all']['many_articles_per_cpu_s']:9}   detect_many mismatches: {mismatch}")
    return 1 if mismatch else 0


if __name__ == "__main__":
    sys.exit(main())
