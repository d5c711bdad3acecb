"""Scoring story clusters against a gold file (internal helper of ``newstrace eval stories``).

B-cubed (Bagga & Baldwin 1998) and pairwise (pair-counting, as in Miranda et al. 2018)
precision, recall and F1, overall and separately for monolingual and cross-lingual pairs.
Gold: the ``stories`` key of a seeds.gold.json-format file (``[{id, articles: [...]}, ...]``)
or JSON lines with ``id`` (article) and ``story`` fields. Only articles that are in both
the gold file and the database are scored.
"""
from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

from .errors import GoldFormatError

__all__ = ["bcubed", "evaluate", "load_gold", "pairwise"]


def load_gold(path: str | Path) -> dict[str, str]:
    """article id -> gold story id."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    out: dict[str, str] = {}
    if isinstance(data, dict):
        stories = data.get("stories")
        if not isinstance(stories, list):
            raise GoldFormatError(f"{path}: no 'stories' list; expected the seeds.gold.json format")
        for k, s in enumerate(stories):
            if not isinstance(s, dict) or not isinstance(s.get("articles"), list):
                raise GoldFormatError(f"{path}: stories[{k}] needs an 'articles' list")
            for a in s["articles"]:
                out[str(a)] = str(s.get("id", k))
        return out
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldFormatError(f"{path}:{n}: not JSON ({e.msg})") from None
        if not isinstance(obj, dict) or "id" not in obj or "story" not in obj:
            raise GoldFormatError(f"{path}:{n}: each line needs 'id' and 'story'")
        out[str(obj["id"])] = str(obj["story"])
    if not out:
        raise GoldFormatError(f"{path}: no gold stories found")
    return out


def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def bcubed(system: dict[str, str], gold: dict[str, str], langs: dict[str, str] | None = None,
           scope: str = "all") -> dict[str, Any]:
    """B-cubed P/R/F1. ``scope``: all, mono (only same-language co-members count) or cross
    (only other-language co-members; items without any are left out)."""
    items = sorted(set(system) & set(gold))

    def keep(i: str, j: str) -> bool:
        if scope == "all" or langs is None:
            return True
        same = langs.get(i) == langs.get(j)
        return same if scope == "mono" else not same

    ps, rs = [], []
    for i in items:
        sys_c = [j for j in items if system[j] == system[i] and (j == i or keep(i, j))]
        gold_c = [j for j in items if gold[j] == gold[i] and (j == i or keep(i, j))]
        if scope == "cross":
            sys_c = [j for j in sys_c if j != i]
            gold_c = [j for j in gold_c if j != i]
            both = [j for j in sys_c if gold[j] == gold[i]]
            if sys_c:
                ps.append(len(both) / len(sys_c))
            if gold_c:
                rs.append(len(both) / len(gold_c))
            continue
        both = [j for j in sys_c if gold[j] == gold[i]]
        ps.append(len(both) / len(sys_c))
        rs.append(len(both) / len(gold_c))
    p = sum(ps) / len(ps) if ps else 1.0
    r = sum(rs) / len(rs) if rs else 1.0
    return {**_prf(p, r), "items": len(items)}


def pairwise(system: dict[str, str], gold: dict[str, str], langs: dict[str, str] | None = None,
             scope: str = "all") -> dict[str, Any]:
    items = sorted(set(system) & set(gold))
    tp = fp = fn = 0
    for i, j in combinations(items, 2):
        if scope != "all" and langs is not None:
            same = langs.get(i) == langs.get(j)
            if (scope == "mono") != same:
                continue
        s, g = system[i] == system[j], gold[i] == gold[j]
        tp += s and g
        fp += s and not g
        fn += g and not s
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {**_prf(p, r), "tp": tp, "fp": fp, "fn": fn}


def evaluate(system: dict[str, str], gold: dict[str, str], langs: dict[str, str]) -> dict[str, Any]:
    scored = set(system) & set(gold)
    out: dict[str, Any] = {
        "articles_scored": len(scored),
        "gold_missing_from_db": sorted(set(gold) - set(system)),
        "clusters_system": len({system[i] for i in scored}),
        "clusters_gold": len({gold[i] for i in scored}),
    }
    for scope in ("all", "mono", "cross"):
        out[scope] = {"bcubed": bcubed(system, gold, langs, scope),
                      "pairwise": pairwise(system, gold, langs, scope)}
    return out
