"""Benchmark of publication-range inference (`newstrace.dates`) on PolNeAR (Newell,
Margolin & Ruths, LREC 2018): 924 dated US political news articles of 2015-2016 from
seven publishers.

Each article is analysed as if it were undated: the text only (the metadata title as
the first line, as `newstrace analyze` reads a .txt file), no published date, no URL, no
outlet. The per-article stages outlet → clean → langid → segment → dates run (models off
by default; ``--models`` turns them on, ``--quotes`` adds mentions and quotes), with a
fixed reference "now" (``--now``, default 2026-11-23) and the default search horizon
(`newstrace.dates.HORIZON_YEARS`). The inferred range is compared with the metadata
publication date.

Figures: containment (the range holds the true day), overlap within ±7 days, range width
(median, quartiles, share ≤ 2 / 31 / 120 / 366 days) over articles with a range, and the
share with no constraint at all (no range). Use the train split to diagnose
(``--show-misses N`` prints misses with their evidence), report dev.

Usage: python bench/dates_bench.py [--split train|dev|all] [--json] [--show-misses N]
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from datetime import date
from pathlib import Path
from statistics import median, quantiles

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newstrace.dates import HORIZON_YEARS  # noqa: E402
from newstrace.pipeline import PipelineOptions, process_article  # noqa: E402
from newstrace.records import Article  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared/corpus/dev/polnear"
DEFAULT_NOW = "2026-11-23"
STAGES = ("outlet", "clean", "langid", "segment", "dates")
NEAR_DAYS = 7


def load(root: Path, split: str) -> list[tuple[str, str | None, str, date]]:
    """(name, title, body, true date) for the split's texts that the metadata dates."""
    meta = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    out = []
    for sp in (("train", "dev") if split == "all" else (split,)):
        for tp in sorted((root / sp / "text").glob("*.txt")):
            row = meta.get(tp.stem)
            if not row or not row.get("publication_date"):
                continue
            title = row.get("title") if row.get("title") not in (None, "", "None") else None
            out.append((tp.stem, title, tp.read_text(encoding="utf-8"),
                        date.fromisoformat(row["publication_date"][:10])))
    return out


def run_one(title: str | None, body: str, options: PipelineOptions) -> Article:
    # The PolNeAR text repeats the title as its first line; the clean stage drops the
    # repeat, as it does for ingested files.
    art = Article(id="bench", text="", title=title, raw_text=body)
    return process_article(art, options)


def _share(xs, pred) -> float:
    return sum(1 for x in xs if pred(x)) / len(xs) if xs else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=str(DEFAULT_DIR))
    ap.add_argument("--split", default="dev", choices=("train", "dev", "all"))
    ap.add_argument("--now", default=DEFAULT_NOW, help="reference 'today' (ISO date)")
    ap.add_argument("--models", action="store_true", help="use the model-based paths")
    ap.add_argument("--quotes", action="store_true", help="also run mentions and quotes")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N",
                    help="print N misses (range not containing the true date) with evidence")
    ap.add_argument("--show-wide", type=int, default=0, metavar="N",
                    help="print N of the widest ranges that contain the true date")
    args = ap.parse_args()
    stages = STAGES[:4] + (("mentions", "quotes") if args.quotes else ()) + ("dates",)
    options = PipelineOptions(use_models=args.models, encoder="none", now=args.now,
                              stages=stages)
    docs = load(Path(args.dir), args.split)
    t0 = time.perf_counter()
    rows = []
    for name, title, body, true in docs:
        a = run_one(title, body, options)
        r = a.published_range
        lo = date.fromisoformat(r.earliest) if r and r.earliest else None
        hi = date.fromisoformat(r.latest) if r and r.latest else None
        rows.append({"name": name, "true": true, "lo": lo, "hi": hi,
                     "evidence": r.evidence if r else [], "article": a})
    dt = time.perf_counter() - t0
    ranged = [x for x in rows if x["lo"]]
    widths = [(x["hi"] - x["lo"]).days for x in ranged]
    n = len(rows)
    contains = [x for x in ranged if x["lo"] <= x["true"] <= x["hi"]]
    near = [x for x in ranged if (x["lo"] - x["true"]).days <= NEAR_DAYS
            and (x["true"] - x["hi"]).days <= NEAR_DAYS]
    q = quantiles(widths, n=4) if len(widths) >= 2 else [widths[0]] * 3 if widths else [None] * 3
    res = {
        "split": args.split, "articles": n, "now": args.now, "horizon_years": HORIZON_YEARS,
        "models": args.models, "stages": list(stages), "seconds": round(dt, 2),
        "contains": len(contains) / n if n else 0.0,
        f"overlap_within_{NEAR_DAYS}_days": len(near) / n if n else 0.0,
        "no_constraint": (n - len(ranged)) / n if n else 0.0,
        "width_median": median(widths) if widths else None,
        "width_p25": q[0], "width_p75": q[2],
        "width_le_2": _share(widths, lambda w: w <= 2),
        "width_le_31": _share(widths, lambda w: w <= 31),
        "width_le_120": _share(widths, lambda w: w <= 120),
        "width_le_366": _share(widths, lambda w: w <= 366),
        "contains_and_le_31": _share(rows, lambda x: x in contains and (x["hi"] - x["lo"]).days <= 31),
    }
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(f"PolNeAR {args.split}: {n} articles analysed without their date, "
              f"{dt:.1f} s; reference now {args.now}, horizon {HORIZON_YEARS} years, "
              f"models {'on' if args.models else 'off'}, stages {'/'.join(stages)}")
        print(f"range contains the true date:     {res['contains']:.3f}")
        print(f"range within ±{NEAR_DAYS} days of it:        {res[f'overlap_within_{NEAR_DAYS}_days']:.3f}")
        print(f"no constraint (no range):         {res['no_constraint']:.3f}")
        print(f"width, days (articles with a range): median {res['width_median']}, "
              f"p25 {res['width_p25']}, p75 {res['width_p75']}")
        print("share of ranges with width ≤ 2 / 31 / 120 / 366 days: "
              f"{res['width_le_2']:.3f} / {res['width_le_31']:.3f} / "
              f"{res['width_le_120']:.3f} / {res['width_le_366']:.3f}")
        print(f"contains the true date and ≤ 31 days wide: {res['contains_and_le_31']:.3f}")
    misses = [x for x in ranged if x not in contains]
    for x in misses[:args.show_misses]:
        _show(x, "MISS")
    wide = sorted(contains, key=lambda x: -(x["hi"] - x["lo"]).days)
    for x in wide[:args.show_wide]:
        _show(x, "WIDE")


def _show(x: dict, tag: str) -> None:
    print(f"\n{tag} {x['name']}: true {x['true']}, range {x['lo']}..{x['hi']}")
    for e in x["evidence"]:
        print("   ", e)
    text = x["article"].text
    for t in x["article"].times:
        ctx = text[max(0, t.start - 60):t.end + 30].replace("\n", " ")
        print(f"    · {t.text!r} [{t.kind}] {t.earliest}..{t.latest}  …{ctx}…")


if __name__ == "__main__":
    main()
