"""Time the actors corpus stage and `actors.find_actor` alone, over a prebuilt store.

The store holds a synthetic corpus (bench/pipeline_bench.py's generator) run through
the per-article stages only (mentions and quotes, no models); it is built once and
kept with ``--db``. Each timing runs on a copy, from empty actor tables:

- ``actors.update`` over the first 1,000 and the first N articles in one call (the
  pipeline's corpus stage), printed as articles/s;
- incremental runs of ``--chunk`` articles each over a growing corpus, so a cost that
  grows with the corpus shows as falling articles/s from chunk to chunk;
- ``find_actor`` on every distinct quote speaker, quote channel and cited source
  (what provenance looks up), as lookups/s.

Rates are given on wall time and on CPU time (the process's own: steadier on a shared
machine). A digest of the results (mention -> actor, merge log, lookups) is printed so
that a change meant to be a pure speed-up can be checked to leave the results unchanged
(run with a fixed PYTHONHASHSEED: the order aliases are added in follows set order).

    python bench/actors_bench.py --n 4000 --db /tmp/actors_bench_4000.db
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from newstrace import PipelineOptions, Store, actors  # noqa: E402
from newstrace import analyze as run_pipeline  # noqa: E402
from newstrace.gazetteer import alias_index  # noqa: E402

ARTICLE_ONLY = ("outlet", "clean", "langid", "segment", "mentions", "quotes")
OPTS = PipelineOptions(use_models=False, encoder="none", max_bytes=10 ** 9)


def build(db: Path, n: int) -> None:
    from pipeline_bench import generate

    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(n, Path(tmp))
        store = Store(str(db))
        opts = PipelineOptions(use_models=False, encoder="none", max_bytes=10 ** 9, stages=ARTICLE_ONLY)
        run_pipeline([str(corpus)], store, opts)
        store.close()


def fresh_copy(src: Path, tmp: Path) -> Store:
    dst = tmp / "work.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    shutil.copy(src, dst)
    store = Store(str(dst))
    with store.transaction() as c:
        for t in ("actors", "aliases", "actor_keys", "actor_entities", "merge_log", "decisions",
                  "actor_nodes", "entity_nodes", "node_keys", "actor_links", "org_vectors"):
            if store.has_table(t):
                c.execute(f"DELETE FROM {t}")
        c.execute("UPDATE mentions SET actor_id = NULL")
    return store


def digest(store: Store) -> str:
    """Short hashes of mention -> actor and of the merge log (rules, scores, evidence)."""
    out = []
    for sql in ("SELECT article_id, idx, actor_id FROM mentions ORDER BY article_id, idx",
                "SELECT actor_id, other, rule, score, evidence, article_id FROM merge_log ORDER BY id"):
        h = hashlib.sha1()
        for r in store.conn.execute(sql):
            h.update("|".join(str(x) for x in r).encode() + b"\n")
        out.append(h.hexdigest()[:6])
    return "/".join(out)


def lookup_names(store: Store) -> list[str]:
    c = store.conn
    names = {r[0] for r in c.execute("SELECT speaker FROM quotes WHERE speaker IS NOT NULL "
                                     "AND speaker_kind != 'anonymous'")}
    names |= {r[0] for r in c.execute("SELECT channel FROM quotes WHERE channel IS NOT NULL")}
    names |= {r[0] for r in c.execute("SELECT cites FROM sources WHERE cites IS NOT NULL")}
    return sorted(n for n in names if n)


class Timer:
    """Wall and CPU seconds of a block."""

    def __enter__(self) -> "Timer":
        self.w0, self.c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.w0
        self.cpu = time.process_time() - self.c0

    def row(self, label: str, n: int, digest_: str = "", note: str = "") -> str:
        return (f"{label:<26} {self.wall:>8.2f} {n / self.wall:>9.1f} {self.cpu:>8.2f} {n / self.cpu:>9.1f}"
                f" {digest_:>13}{note}")


def lookups(store: Store) -> None:
    """Time `find_actor` on what provenance looks up: speakers, channels, cited sources."""
    names = lookup_names(store)
    slowest = 0.0
    found = []
    with Timer() as t:
        for nm in names:
            t0 = time.process_time()
            found.append(actors.find_actor(store, nm))
            slowest = max(slowest, time.process_time() - t0)
    h = hashlib.sha1("\n".join(f"{a}|{b}" for a, b in zip(names, found)).encode()).hexdigest()[:12]
    print(t.row(f"find_actor x {len(names)}", len(names), h,
                f"  ({sum(f is not None for f in found)} found; slowest {slowest * 1000:.0f} ms cpu)"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=4000, help="articles in the prebuilt store")
    ap.add_argument("--db", help="prebuilt store (built here when missing)")
    ap.add_argument("--chunk", type=int, default=500, help="articles per incremental run")
    ap.add_argument("--skip-incremental", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        db = Path(args.db) if args.db else tmp / "prebuilt.db"
        if not db.exists():
            t0 = time.perf_counter()
            build(db, args.n)
            print(f"built {db} ({args.n} articles) in {time.perf_counter() - t0:.0f} s")
        src = Store(str(db))
        ids = [r[0] for r in src.conn.execute("SELECT id FROM articles ORDER BY id")]
        src.close()
        print(f"actors benchmark: {len(ids)} articles")
        print(f"{'run':<26} {'wall s':>8} {'per s':>9} {'cpu s':>8} {'per cpu s':>9} {'digest':>13}")
        alias_index(None)  # built once per process: not part of any run
        for n in sorted({min(1000, len(ids)), len(ids)}):
            store = fresh_copy(db, tmp)
            with Timer() as t:
                actors.update(store, ids[:n], OPTS)
            print(t.row(f"update, one run of {n}", n, digest(store)))
            if n == len(ids):
                lookups(store)
            store.close()
        if args.skip_incremental:
            return
        store = fresh_copy(db, tmp)
        for k in range(0, len(ids), args.chunk):
            chunk = ids[k:k + args.chunk]
            with Timer() as t:
                actors.update(store, chunk, OPTS)
            print(t.row(f"incremental {k}-{k + len(chunk)}", len(chunk)))
        print(f"{'incremental, final':<26} {'':>8} {'':>9} {'':>8} {'':>9} {digest(store):>13}")
        store.close()


if __name__ == "__main__":
    main()
