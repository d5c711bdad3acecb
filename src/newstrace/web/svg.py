"""Internal: geometry for the server-rendered SVG timelines and graphs.

Functions return plain numbers and strings; templates draw them (autoescaped), so no
data ever reaches the page outside an escaped text node or attribute.
"""
from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

__all__ = ["bar_timeline", "circle_graph", "dot_timeline"]


def _day(s: Any) -> date | None:
    if not isinstance(s, str) or len(s) < 10:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _ticks(lo: date, hi: date, x0: float, scale: float, n: int = 6) -> list[dict[str, Any]]:
    span = (hi - lo).days
    step = max(1, math.ceil(span / n)) if span else 1
    out = []
    d = lo
    while d <= hi and len(out) < n + 2:
        out.append({"x": round(x0 + (d - lo).days * scale, 1), "label": d.isoformat()})
        d += timedelta(days=step)
    return out


def dot_timeline(entries: list[dict[str, Any]], *, width: int = 860, row_h: int = 28,
                 max_dots: int = 600) -> dict[str, Any]:
    """Articles as dots on a date axis, one row per language. ``entries``: dicts with
    article, lang, date, title, href, exact."""
    dated = [(e, _day(e.get("date"))) for e in entries[:max_dots]]
    days = [d for _, d in dated if d]
    langs = sorted({e.get("lang") or "?" for e in entries[:max_dots]})
    left, right, top = 60, 20, 10
    height = top + row_h * max(1, len(langs)) + 30
    out: dict[str, Any] = {"width": width, "height": height, "rows": [], "dots": [], "ticks": [],
                           "undated": [e for e, d in dated if d is None]}
    if not days:
        return out
    lo, hi = min(days), max(days)
    span = max(1, (hi - lo).days)
    scale = (width - left - right) / span
    x0 = left if (hi - lo).days else (width - left - right) / 2 + left
    ys = {lang: top + row_h * i + row_h / 2 for i, lang in enumerate(langs)}
    out["rows"] = [{"lang": lang, "y": round(y, 1), "y_text": round(y + 4, 1)} for lang, y in ys.items()]
    stack: dict[tuple[str, date], int] = {}
    for e, d in dated:
        if d is None:
            continue
        lang = e.get("lang") or "?"
        k = stack.get((lang, d), 0)
        stack[(lang, d)] = k + 1
        out["dots"].append({
            "x": round(x0 + (d - lo).days * scale + (k % 5) * 5 - 10 * (k % 5 > 0), 1),
            "y": round(ys[lang] + (k // 5) * 3 - 3 * (k > 4), 1),
            "href": e.get("href"), "title": f"{d.isoformat()} · {e.get('outlet') or '?'} · {e.get('title') or e.get('article')}",
            "cls": "dot" if e.get("exact", True) else "dot inferred"})
    out["ticks"] = _ticks(lo, hi, x0, scale)
    out["axis_y"] = top + row_h * len(langs) + 4
    for t in out["ticks"]:
        t["y"] = out["axis_y"] + 14
    return out


def bar_timeline(points: list[dict[str, Any]], *, width: int = 860, height: int = 120) -> dict[str, Any]:
    """Counts per day (bucketed by week or month when the span is long) as bars.
    ``points``: dicts with date and articles."""
    counts: dict[date, int] = {}
    for p in points:
        d = _day(p.get("date"))
        if d is not None:
            counts[d] = counts.get(d, 0) + int(p.get("articles") or 0)
    out: dict[str, Any] = {"width": width, "height": height + 30, "bars": [], "ticks": [], "bucket": "day"}
    if not counts:
        return out
    lo, hi = min(counts), max(counts)
    span = (hi - lo).days
    bucket = 1 if span <= 120 else 7 if span <= 800 else 30
    out["bucket"] = {1: "day", 7: "week", 30: "month"}[bucket]
    binned: dict[int, int] = {}
    for d, n in counts.items():
        b = (d - lo).days // bucket
        binned[b] = binned.get(b, 0) + n
    nb = span // bucket + 1
    left, right = 40, 10
    bw = (width - left - right) / nb
    peak = max(binned.values())
    for b, n in sorted(binned.items()):
        h = max(1.0, (height - 10) * n / peak)
        start = lo + timedelta(days=b * bucket)
        out["bars"].append({"x": round(left + b * bw, 1), "w": round(max(1.0, bw - 1), 1),
                            "y": round(height - h, 1), "h": round(h, 1),
                            "title": f"{start.isoformat()} ({out['bucket']}): {n} article(s)"})
    out["ticks"] = _ticks(lo, hi, left, (width - left - right) / max(1, span + 1))
    for t in out["ticks"]:
        t["y"] = height + 16
    out["peak"] = peak
    return out


def circle_graph(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], *, size: int = 520,
                 max_nodes: int = 40) -> dict[str, Any]:
    """Nodes on a circle (busiest first), straight edges with widths by weight."""
    nodes = nodes[:max_nodes]
    keep = {n["id"] for n in nodes}
    edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    c = size / 2
    r = size / 2 - 110 if len(nodes) > 1 else 0
    pos: dict[str, tuple[float, float]] = {}
    out_nodes = []
    for i, n in enumerate(nodes):
        a = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        x, y = c + r * math.cos(a), c + r * math.sin(a)
        pos[n["id"]] = (x, y)
        out_nodes.append({**n, "x": round(x, 1), "y": round(y, 1), "r": round(min(14, 4 + math.sqrt(n.get("weight", 1))), 1),
                          "tx": round(x + (10 if math.cos(a) >= 0 else -10), 1), "ty": round(y + 4, 1),
                          "anchor": "start" if math.cos(a) >= 0 else "end"})
    wmax = max([e["weight"] for e in edges] or [1])
    out_edges = []
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        if (x1, y1) == (x2, y2):
            continue
        # stop the line at the target's circle so the arrow head stays visible
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1
        out_edges.append({**e, "x1": round(x1, 1), "y1": round(y1, 1),
                          "x2": round(x2 - dx / d * 12, 1), "y2": round(y2 - dy / d * 12, 1),
                          "w": round(1 + 4 * e["weight"] / wmax, 1)})
    return {"size": size, "nodes": out_nodes, "edges": out_edges}
