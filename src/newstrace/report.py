"""A shareable report: one self-contained HTML file (``newstrace report --out FILE.html``).

The file has no script and makes no request: the stylesheet is inlined, the source graph
is an inline SVG, and a Content-Security-Policy meta tag forbids scripts and network
access even if a mail client or browser would otherwise allow them. Article text and
metadata are escaped by the autoescaping templates; links to the original articles are
kept only for http(s) URLs. Evidence is given as article id and character span, the same
coordinates the web app and the exports use.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from .export import open_output
from .web import queries as Q

LOGGER = logging.getLogger(__name__)

__all__ = ["REPORT_CSP", "build_report", "write_report"]

REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _env():
    from .web.app import templates_env

    return templates_env()


def _actor_spellings(store: Any, actor_id: str | None, key: str, limit: int = 12) -> list[dict[str, Any]]:
    col = "actor_id" if actor_id else "text"
    return [{"text": r[0], "count": r[1]} for r in store.conn.execute(
        f"SELECT text, count(*) FROM mentions WHERE {col} = ? GROUP BY text ORDER BY 2 DESC, 1 LIMIT ?",
        (actor_id or key, limit))]


def report_data(store: Any, *, max_stories: int = 100, max_actors: int = 100,
                max_articles: int = 40, max_quotes: int = 15) -> dict[str, Any]:
    """Everything the report shows, as plain data."""
    from .web.svg import circle_graph

    stats = store.stats()
    stories: list[dict[str, Any]] = []
    res = Q.list_stories(store, limit=max_stories)
    for s in res["items"]:
        try:
            st = Q.get_story(store, s["id"])
        except Exception as e:  # a half-computed story must not sink the whole report
            LOGGER.warning("story %s left out of the report: %s", s["id"], e)
            continue
        st["articles"] = st["articles"][:max_articles]
        st["quotes"] = st.get("quotes", [])[:max_quotes]
        st["actors"] = st.get("actors", [])[:15]
        stories.append(st)
    articles = None
    if not res["computed"]:
        articles = Q.list_articles(store, limit=200)["items"]
    actors = Q.list_actors(store, limit=max_actors)
    for a in actors["items"]:
        a["spellings"] = _actor_spellings(store, a.get("id"), a["key"])
    graph = Q.outlet_graph(store, max_nodes=60)
    return {"stats": stats, "stories": stories, "stories_computed": res["computed"], "articles": articles,
            "actors": actors, "graph": graph, "graph_svg": circle_graph(graph["nodes"], graph["edges"], size=640),
            "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "db": Path(getattr(store, "path", "")).name}


def build_report(store: Any, **kw: Any) -> str:
    """The report as an HTML string."""
    env = _env()
    css = (Path(__file__).parent / "web" / "static" / "style.css").read_text(encoding="utf-8")
    data = report_data(store, **kw)
    return env.get_template("report.html").render(css=css, csp=REPORT_CSP, **data)


def write_report(store: Any, path: str | Path, **kw: Any) -> dict[str, int]:
    """Write the report to ``path``; returns counts (stories, actors, edges, bytes)."""
    env = _env()
    css = (Path(__file__).parent / "web" / "static" / "style.css").read_text(encoding="utf-8")
    data = report_data(store, **kw)
    html = env.get_template("report.html").render(css=css, csp=REPORT_CSP, **data)
    with open_output(path) as fh:
        fh.write(html)
    return {"stories": len(data["stories"]), "actors": len(data["actors"]["items"]),
            "edges": len(data["graph"]["edges"]), "bytes": len(html.encode("utf-8"))}
