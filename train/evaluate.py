"""Mention-level P/R/F1 of ``newstrace.mentions.detect`` on held-out real text.

    python train/evaluate.py LANG [LANG ...] --split dev|test|test2 [--no-models] [--json]
                                  [--work /work/data/ner/work]

Reads ``WORK/LANG/data/SPLIT.jsonl`` (written by ``train/convert.py``: documents of ten
corpus sentences as running text with gold spans), runs each document through
``mentions.detect`` as the pipeline does (language from the corpus, sentences from the
segment stage), and scores:

- ``span``: exact span match, any type (gold PER/ORG/LOC; a predicted span that overlaps
  a gold MISC entity is neither right nor wrong, since corpora differ on what MISC is;
  mentions nested in another mention, "Milán" in "Inter de Milán", are left out: the
  corpora annotate the outer name only, newstrace reports both by design);
- ``typed``: exact span and type (PER/ORG/LOC);
- ``fragments``: share of predicted spans that cut a gold name (overlap it without being
  it, and are not a whole name inside a longer gold one) or hold no letter or a line break.

Also prints articles/s of the mentions stage (CPU time of this process; the machine may be
shared) through ``detect_many``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

TYPES = ("PER", "ORG", "LOC")


def score(docs, results) -> dict:
    tp = fp = fn = ttp = frag = npred = 0
    for doc, art in zip(docs, results):
        gold = {(s, e): t for s, e, t in doc["entities"]}
        gold_main = {k: t for k, t in gold.items() if t in TYPES}
        misc = [k for k, t in gold.items() if t not in TYPES]
        pred = {}
        spans = sorted((m.start, -m.end) for m in art.mentions)
        outer, reach = set(), -1
        for s, ne in spans:  # nested mentions ("Milán" in "Inter de Milán") are by design
            if -ne > reach:
                outer.add((s, -ne))
                reach = -ne
        for m in art.mentions:
            if (m.start, m.end) in outer:
                pred[(m.start, m.end)] = m.type
        for (s, e), t in pred.items():
            if (s, e) not in gold_main and any(s < b and a < e for a, b in misc):
                continue
            npred += 1
            surf = doc["text"][s:e]
            if (s, e) in gold_main:
                tp += 1
                ttp += gold_main[(s, e)] == t
                continue
            fp += 1
            if "\n" in surf or not any(ch.isalpha() for ch in surf):
                frag += 1
                continue
            for (a, b) in gold:
                if s < b and a < e and not (a <= s and e <= b and _whole_words(doc["text"], s, e)):
                    frag += 1
                    break
        fn += sum(1 for k in gold_main if k not in pred)

    def prf(t, p, g):
        P = t / p if p else 0.0
        R = t / g if g else 0.0
        return {"p": round(P, 4), "r": round(R, 4), "f": round(2 * P * R / (P + R), 4) if P + R else 0.0}

    return {"span": prf(tp, tp + fp, tp + fn), "typed": prf(ttp, tp + fp, tp + fn),
            "fragments": round(frag / npred, 4) if npred else 0.0, "gold": tp + fn, "pred": npred}


def _whole_words(text: str, s: int, e: int) -> bool:
    return (s == 0 or not text[s - 1].isalnum()) and (e == len(text) or not text[e].isalnum())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("langs", nargs="+")
    ap.add_argument("--split", default="dev", choices=("dev", "test", "test2"))
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--work", default="/work/data/ner/work")
    ap.add_argument("--limit", type=int, default=0, help="first N documents only")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from newstrace import mentions
    from newstrace.pipeline import PipelineOptions
    from newstrace.records import Article
    from newstrace.segment import segment

    opts = PipelineOptions(use_models=not args.no_models)
    out = {}
    for lang in args.langs:
        path = Path(args.work) / lang / "data" / f"{args.split}.jsonl"
        docs = [json.loads(line) for line in path.open(encoding="utf-8")]
        if args.limit:
            docs = docs[:args.limit]
        arts = [segment(Article(id=d["id"], text=d["text"], lang=lang), opts) for d in docs]
        many = getattr(mentions, "detect_many", None)
        mentions.detect(Article(id="warm", text="Warm up.", lang=lang), opts)  # load models first
        c0, w0 = time.process_time(), time.perf_counter()
        results = many(arts, opts) if many else [mentions.detect(a, opts) for a in arts]
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        r = score(docs, results)
        r["docs"] = len(docs)
        r["articles_per_cpu_s"] = round(len(docs) / cpu, 1) if cpu else None
        r["articles_per_wall_s"] = round(len(docs) / wall, 1) if wall else None
        dets = {}
        for a in results:
            for m in a.mentions:
                dets[m.detector.split(":")[0] + (":model" if m.detector.startswith("spacy:") else "")] = 1
        out[lang] = r
        if not args.json:
            print(f"{lang} {args.split} {'rules' if args.no_models else 'models'}: span P/R/F1 "
                  f"{r['span']['p']:.3f}/{r['span']['r']:.3f}/{r['span']['f']:.3f}  typed F1 {r['typed']['f']:.3f}  "
                  f"fragments {r['fragments']:.3f}  ({r['docs']} docs, {r['articles_per_cpu_s']} docs/CPU-s)",
                  flush=True)
    if args.json:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
