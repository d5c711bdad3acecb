#!/usr/bin/env python3
"""Reading cost and memory on large and hostile inputs (the readers only, no stages).

Cases (generated under --work, nothing fetched):
- ``jsonl_60mb``: a 60 MB JSON lines file of 1 KB articles, read with --max-bytes 64 MB
  (the setting that used to load the whole file);
- ``jsonl_gz_bomb``: a ~1 MB .jsonl.gz holding one 1 GiB line of NULs;
- ``warc_gz_bomb``: a ~1 MB .warc.gz whose first header line never ends (1 GiB of NULs).

Each case runs in a fresh process; prints wall and CPU seconds, peak RSS (MB), articles
read and skipped, and the first skip reason. ``--json`` prints a flat dict.

    python bench/ingest_bench.py [--work /tmp/ingest-bench] [--json]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
from newstrace.ingest import iter_inputs
from newstrace.errors import SkippedInput
t0, c0 = time.perf_counter(), time.process_time()
read = skipped = 0
first = None
try:
    items = iter_inputs([sys.argv[1]], int(sys.argv[2]))
    for it in items:
        if isinstance(it, SkippedInput):
            skipped += 1
            first = first or it.reason[:120]
        else:
            read += 1
    crash = None
except BaseException as e:  # the old readers raised on some inputs
    crash = f"{type(e).__name__}: {str(e)[:100]}"
print(json.dumps({"wall_s": round(time.perf_counter() - t0, 2), "cpu_s": round(time.process_time() - c0, 2),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "read": read, "skipped": skipped, "first_reason": first, "crash": crash}))
"""


def _make(work: Path) -> dict[str, tuple[Path, int]]:
    work.mkdir(parents=True, exist_ok=True)
    cases = {}
    p = work / "big.jsonl"
    if not p.exists():
        with p.open("w", encoding="utf-8") as fh:
            i = 0
            while fh.tell() < 60_000_000:
                fh.write(json.dumps({"id": f"a{i}", "title": f"Article {i}",
                                     "text": ("The talks on the dam went on, the minister said. " * 20)}) + "\n")
                i += 1
    cases["jsonl_60mb"] = (p, 64_000_000)
    member = gzip.compress(b"\x00" * (1 << 20))
    p = work / "bomb.jsonl.gz"
    if not p.exists():
        p.write_bytes(gzip.compress(b'{"id": "x", "text": "') + member * 1024)
    cases["jsonl_gz_bomb"] = (p, 5_000_000)
    p = work / "bomb.warc.gz"
    if not p.exists():
        p.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: ") + member * 1024)
    cases["warc_gz_bomb"] = (p, 5_000_000)
    return cases


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", default="/tmp/ingest-bench")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--cases", nargs="*", help="Only these cases.")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out: dict[str, object] = {}
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH") or str(ROOT / "src")}
    for name, (path, max_bytes) in _make(Path(args.work)).items():
        if args.cases and name not in args.cases:
            continue
        t0 = time.perf_counter()
        try:
            res = subprocess.run([sys.executable, "-c", CHILD, str(path), str(max_bytes)], env=env,
                                 capture_output=True, text=True, timeout=args.timeout)
            fig = json.loads(res.stdout.strip().splitlines()[-1]) if res.returncode == 0 else \
                {"crash": res.stderr.strip().splitlines()[-1][:200] if res.stderr.strip() else f"exit {res.returncode}"}
        except subprocess.TimeoutExpired:
            fig = {"crash": f"timeout after {args.timeout:.0f} s", "wall_s": round(time.perf_counter() - t0, 1)}
        for k, v in fig.items():
            out[f"{name}_{k}"] = v
        if not args.json:
            print(f"{name:<14} " + "  ".join(f"{k} {v}" for k, v in fig.items()))
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
