"""Do two stores of the same input hold the same output? For speed work: the store of one
version against the store of another, run on the same articles with the same options.

    python bench/profile_pipeline.py --n 240 --no-profile --workers 2 --keep-db /tmp/a.db
    (change the code)
    python bench/profile_pipeline.py --n 240 --no-profile --workers 2 --keep-db /tmp/b.db
    python bench/compare_stores.py /tmp/a.db /tmp/b.db

Compares every table of the store row by row, raw (ids as stored, not canonical: the same
input must give the same ids), leaving out only the columns that record when or in which
run (``incremental_bench.VOLATILE``) and the tables that record timings, with input paths
compared by file name; then the CLI
outputs (exports and listings, ``incremental_bench.cli_outputs``). Exit status 1 when
anything differs, with a few differing rows per table.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from incremental_bench import VOLATILE, cli_outputs  # noqa: E402

SKIP_TABLES = {"runs", "sqlite_sequence"}  # run records: times, not output
PATH_COLUMNS = {"source", "path"}  # the input file: compared by its name (runs may use other folders)


def _value(col: str, v):
    return os.path.basename(v) if col in PATH_COLUMNS and isinstance(v, str) and os.sep in v else v


def tables(db: Path) -> dict[str, Counter]:
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                 if r[0] not in SKIP_TABLES and not r[0].startswith("sqlite_")]
        out: dict[str, Counter] = {}
        for t in names:
            cols = [r[1] for r in c.execute(f'PRAGMA table_info("{t}")') if r[1] not in VOLATILE]
            if not cols:
                continue
            sel = ", ".join(f'"{x}"' for x in cols)
            out[t] = Counter(tuple((k, _value(k, v)) for k, v in zip(cols, r))
                             for r in c.execute(f'SELECT {sel} FROM "{t}"'))
        return out
    finally:
        c.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--no-cli", action="store_true", help="tables only")
    ap.add_argument("--show", type=int, default=3, help="differing rows shown per table")
    args = ap.parse_args(argv)
    a, b = Path(args.a), Path(args.b)
    ta, tb = tables(a), tables(b)
    if not args.no_cli:
        for k, v in cli_outputs(a).items():
            ta[f"cli {k}"] = Counter(v.splitlines())
        for k, v in cli_outputs(b).items():
            tb[f"cli {k}"] = Counter(v.splitlines())
    bad = 0
    for k in sorted(set(ta) | set(tb)):
        x, y = ta.get(k, Counter()), tb.get(k, Counter())
        only_a, only_b = x - y, y - x
        rows = sum(x.values())
        if not only_a and not only_b:
            print(f"same    {k} ({rows} rows)")
            continue
        bad += 1
        print(f"DIFFERS {k}: {sum(only_a.values())} rows only in a, {sum(only_b.values())} only in b")
        for r in sorted(only_a, key=str)[:args.show]:
            print(f"   a: {str(r)[:400]}")
        for r in sorted(only_b, key=str)[:args.show]:
            print(f"   b: {str(r)[:400]}")
    print(f"{len(set(ta) | set(tb))} outputs compared, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
