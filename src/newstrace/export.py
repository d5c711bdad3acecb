"""Writers for the export formats: JSON lines, CSV, GEXF and GraphML.

Field names of each export kind are a contract (see the README); the modules that own
each kind build the rows, this module only serialises them.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO
from xml.sax.saxutils import escape, quoteattr

from .errors import NewstraceError

__all__ = ["ARTICLE_FIELDS", "article_rows", "open_output", "write_graph", "write_rows"]

ROW_FORMATS = ("jsonl", "csv")
GRAPH_FORMATS = ("gexf", "graphml")

ARTICLE_FIELDS = [
    "id", "title", "outlet", "url", "lang", "published", "published_range",
    "chars", "text", "boilerplate",
]


@contextmanager
def open_output(path: str | os.PathLike) -> Iterator[TextIO]:
    """A text file to write ``path`` through: missing parent folders are created, the
    content goes to a temporary file beside it that replaces ``path`` only when the
    writing succeeded (a failed export never leaves a truncated file). Problems (a
    folder in the way, no permission, a full disk) raise `NewstraceError` naming the
    path."""
    target = Path(path)
    try:
        if target.is_dir():
            raise NewstraceError(f"{target}: is a folder; give a file name")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise NewstraceError(f"{target}: cannot write here ({e.strerror or e})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise NewstraceError(f"{target}: cannot write ({e.strerror or e})") from None
        raise


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write dict rows as JSON lines or CSV (nested values JSON-encoded in CSV)."""
    if fmt not in ROW_FORMATS:
        raise NewstraceError(f"Unknown row format: {fmt!r}; use one of {', '.join(ROW_FORMATS)}")
    n = 0
    writer = None
    for row in rows:
        if fmt == "jsonl":
            out.write(_json_line(row) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row.keys()), extrasaction="ignore")
                writer.writeheader()
            writer.writerow({
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                for k, v in row.items()
            })
        n += 1
    return n


_LINE_BREAKERS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029",
                  "\x1c": "\\u001c", "\x1d": "\\u001d", "\x1e": "\\u001e"}


def _json_line(row: dict[str, Any]) -> str:
    """JSON on one line for every line splitter: characters that some readers treat as
    line breaks (NEL, LS, PS, file/group/record separators) are escaped."""
    s = json.dumps(row, ensure_ascii=False)
    for ch, esc in _LINE_BREAKERS.items():
        if ch in s:
            s = s.replace(ch, esc)
    return s


def _xml_text(value: Any) -> str:
    # XML 1.0 forbids most control characters; article text may contain them.
    s = str(value)
    return "".join(ch for ch in s if ch in "\t\n\r" or ord(ch) >= 0x20)


def write_graph(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write a graph. Nodes: ``id``, ``label`` and any attributes; edges: ``source``,
    ``target``, optional ``weight``, ``label``/``kind`` and attributes. Returns edge count."""
    if fmt not in GRAPH_FORMATS:
        raise NewstraceError(f"Unknown graph format: {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    node_attrs = sorted({k for n in nodes for k in n if k not in ("id", "label")})
    edge_attrs = sorted({k for e in edges for k in e if k not in ("source", "target", "weight", "id")})
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    if fmt == "gexf":
        w('<gexf xmlns="http://gexf.net/1.3" version="1.3">\n<graph defaultedgetype="directed">\n')
        w('<attributes class="node">\n')
        for i, a in enumerate(node_attrs):
            w(f'<attribute id="n{i}" title={quoteattr(a)} type="string"/>\n')
        w('</attributes>\n<attributes class="edge">\n')
        for i, a in enumerate(edge_attrs):
            w(f'<attribute id="e{i}" title={quoteattr(a)} type="string"/>\n')
        w("</attributes>\n<nodes>\n")
        for n in nodes:
            w(f'<node id={quoteattr(_xml_text(n["id"]))} label={quoteattr(_xml_text(n.get("label", n["id"])))}><attvalues>')
            for i, a in enumerate(node_attrs):
                if n.get(a) is not None:
                    w(f'<attvalue for="n{i}" value={quoteattr(_xml_text(_flat(n[a])))}/>')
            w("</attvalues></node>\n")
        w("</nodes>\n<edges>\n")
        for k, e in enumerate(edges):
            label = e.get("label", e.get("kind", ""))
            w(f'<edge id="{k}" source={quoteattr(_xml_text(e["source"]))} target={quoteattr(_xml_text(e["target"]))}'
              f' weight="{float(e.get("weight", 1.0))}" label={quoteattr(_xml_text(label))}><attvalues>')
            for i, a in enumerate(edge_attrs):
                if e.get(a) is not None:
                    w(f'<attvalue for="e{i}" value={quoteattr(_xml_text(_flat(e[a])))}/>')
            w("</attvalues></edge>\n")
        w("</edges>\n</graph>\n</gexf>\n")
    else:
        w('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        w('<key id="label" for="all" attr.name="label" attr.type="string"/>\n')
        w('<key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n')
        for a in node_attrs:
            w(f'<key id={quoteattr("n_" + a)} for="node" attr.name={quoteattr(a)} attr.type="string"/>\n')
        for a in edge_attrs:
            w(f'<key id={quoteattr("e_" + a)} for="edge" attr.name={quoteattr(a)} attr.type="string"/>\n')
        w('<graph edgedefault="directed">\n')
        for n in nodes:
            w(f'<node id={quoteattr(_xml_text(n["id"]))}><data key="label">{escape(_xml_text(n.get("label", n["id"])))}</data>')
            for a in node_attrs:
                if n.get(a) is not None:
                    w(f'<data key={quoteattr("n_" + a)}>{escape(_xml_text(_flat(n[a])))}</data>')
            w("</node>\n")
        for e in edges:
            w(f'<edge source={quoteattr(_xml_text(e["source"]))} target={quoteattr(_xml_text(e["target"]))}>'
              f'<data key="weight">{float(e.get("weight", 1.0))}</data>')
            for a in edge_attrs:
                if e.get(a) is not None:
                    w(f'<data key={quoteattr("e_" + a)}>{escape(_xml_text(_flat(e[a])))}</data>')
            w("</edge>\n")
        w("</graph>\n</graphml>\n")
    return len(edges)


def _flat(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)


def article_rows(store, ids: Iterable[str] | None = None) -> Iterable[dict[str, Any]]:
    """Rows of the ``articles`` export contract."""
    for a in store.iter_articles(ids):
        rng = a.published_range
        yield {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "url": a.url,
            "lang": a.lang,
            "published": a.published,
            "published_range": (
                {"earliest": rng.earliest, "latest": rng.latest, "evidence": rng.evidence}
                if rng else None
            ),
            "chars": len(a.text),
            "text": a.text,
            "boilerplate": a.boilerplate,
        }
