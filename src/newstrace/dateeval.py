"""Evaluation of publication dates and inferred ranges against a gold file (the
``articles.*.published_range`` entries of a seeds.gold.json-format file)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from statistics import median
from typing import Any

from .errors import GoldFormatError

__all__ = ["evaluate_dates"]


def _d(s: str) -> date:
    return date.fromisoformat(s[:10])


def evaluate_dates(store, gold_path: str | Path, max_width: int = 120) -> dict[str, Any]:
    """Per article: does the stored range (or the publication date) overlap the gold
    range, contain it, and how wide is it. Articles without a gold range are ignored."""
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        arts = gold["articles"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise GoldFormatError(f"{gold_path}: not a gold file with an 'articles' key ({e})") from None
    rows = {r["id"]: r for r in store.article_rows()}
    per: list[dict[str, Any]] = []
    for aid, g in sorted(arts.items()):
        rng = g.get("published_range")
        if not rng or aid not in rows:
            continue
        r = rows[aid]
        lo, hi = r["range_earliest"] or r["published"], r["range_latest"] or r["published"]
        item: dict[str, Any] = {"article": aid, "gold": rng, "found": [lo, hi]}
        if lo and hi:
            width = (_d(hi) - _d(lo)).days
            item.update(
                width_days=width,
                overlaps=_d(lo) <= _d(rng[1]) and _d(rng[0]) <= _d(hi),
                contains_gold=_d(lo) <= _d(rng[0]) and _d(rng[1]) <= _d(hi),
                within_width=width <= max_width,
                dated=bool(r["published"]),
            )
        else:
            item.update(width_days=None, overlaps=False, contains_gold=False, within_width=False,
                        dated=False)
        per.append(item)
    n = len(per)
    widths = [p["width_days"] for p in per if p["width_days"] is not None]
    return {
        "articles": n,
        "overlap": sum(p["overlaps"] for p in per) / n if n else 0.0,
        "contains_gold": sum(p["contains_gold"] for p in per) / n if n else 0.0,
        f"within_{max_width}_days": sum(p["within_width"] and p["overlaps"] for p in per) / n if n else 0.0,
        "median_width_days": median(widths) if widths else None,
        "undated_in_text": sum(not p["dated"] for p in per),
        "per_article": per,
    }
