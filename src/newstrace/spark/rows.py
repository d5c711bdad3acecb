"""One Parquet row per article: the schema of the Spark job's output, and the conversions
between `Article` records and rows (plain dicts and tuples, so this module needs neither
pyspark nor pyarrow to import).

The row holds every field of `newstrace.records.Article` with every per-article record:

| column | type |
|---|---|
| ``id, text, title, source, url, outlet, outlet_source, lang, lang_method, published, published_source, raw_text, content_hash`` | string |
| ``published_range`` | struct ``earliest, latest`` (string), ``evidence`` (array of string) |
| ``boilerplate`` | array of string (removed lines) |
| ``meta`` | string (JSON object) |
| ``paragraphs`` | array of struct ``start, end`` (long), ``lang`` (string) |
| ``sentences`` | array of struct ``start, end`` (long; the text is ``text[start:end]``) |
| ``mentions``, ``quotes``, ``sources``, ``times`` | arrays of structs with the fields of `Mention`, `Quote` (``said_on`` a struct like ``published_range``), `SourceLink`, `TimeExpr` |
| ``content_key`` | string: same text, title, URL and outlet as read (`pipeline.content_key`) |
| ``input_file``, ``input_pos`` | long: order of the input file and of the article in it (loads keep the single-process order) |

Offsets are character offsets into ``text``, as everywhere in newstrace.
"""
from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from ..records import Article, DateRange, Mention, Paragraph, Quote, SourceLink, TimeExpr

__all__ = ["SCHEMA", "article_from_row", "row_from_article", "spark_schema"]

# (name, kind, sub): kind is str, long, bool, json, strings, struct, array (of struct)
Spec = list[tuple[str, str, Any]]


def _kind(tp: str) -> tuple[str, Any]:
    t = tp.replace(" | None", "").replace("None | ", "").strip()
    if t in ("str",):
        return "str", None
    if t == "int":
        return "long", None
    if t == "bool":
        return "bool", None
    if t == "float":
        return "double", None
    if t == "list[str]":
        return "strings", None
    if t.startswith("dict"):
        return "json", None
    if t == "DateRange":
        return "struct", _spec(DateRange)
    raise TypeError(f"no Parquet type for {tp!r}")


def _spec(cls: type, skip: tuple[str, ...] = ()) -> Spec:
    return [(f.name, *_kind(str(f.type))) for f in fields(cls) if f.name not in skip]


_NESTED = {"paragraphs": Paragraph, "mentions": Mention, "quotes": Quote, "sources": SourceLink, "times": TimeExpr}
SCHEMA: Spec = []
for _f in fields(Article):
    if _f.name in _NESTED:
        SCHEMA.append((_f.name, "array", _spec(_NESTED[_f.name])))
    elif _f.name == "sentences":
        SCHEMA.append(("sentences", "array", [("start", "long", None), ("end", "long", None)]))
    else:
        SCHEMA.append((_f.name, *_kind(str(_f.type))))
SCHEMA += [("content_key", "str", None), ("input_file", "long", None), ("input_pos", "long", None)]


def _value(kind: str, sub: Any, v: Any) -> Any:
    if v is None:
        return None
    if kind == "json":
        return json.dumps(v, ensure_ascii=False, default=str)
    if kind == "struct":
        return _tuple(sub, v)
    if kind == "array":
        return [_tuple(sub, x) for x in v]
    if kind == "strings":
        return [str(x) for x in v]
    return v


def _tuple(spec: Spec, obj: Any) -> tuple:
    return tuple(_value(kind, sub, getattr(obj, name, None)) for name, kind, sub in spec)


def row_from_article(a: Article, content_key: str = "", input_file: int = 0, input_pos: int = 0) -> tuple:
    """The row of an article, as a tuple in `SCHEMA` order (Spark's createDataFrame)."""
    extra = {"content_key": content_key, "input_file": input_file, "input_pos": input_pos}
    return tuple(extra[name] if name in extra else _value(kind, sub, getattr(a, name))
                 for name, kind, sub in SCHEMA)


def _plain(kind: str, sub: Any, v: Any) -> Any:
    if v is None:
        return None
    if kind == "json":
        return json.loads(v) if isinstance(v, str) else v
    if kind == "struct":
        return _dict(sub, v)
    if kind == "array":
        return [_dict(sub, x) for x in v]
    return v


def _dict(spec: Spec, v: Any) -> dict[str, Any]:
    if isinstance(v, dict):  # pyarrow's to_pylist
        return {name: _plain(kind, sub, v.get(name)) for name, kind, sub in spec}
    return {name: _plain(kind, sub, x) for (name, kind, sub), x in zip(spec, v)}  # a Row or tuple


def article_from_row(row: Any) -> tuple[Article, str, tuple[int, int]]:
    """The article of a row (a dict from pyarrow or a Spark Row), its content key and
    its input order."""
    d = _dict(SCHEMA, row.asDict(recursive=True) if hasattr(row, "asDict") else row)
    text = d["text"] or ""
    d["sentences"] = [{"start": s["start"], "end": s["end"], "text": text[s["start"]:s["end"]]}
                      for s in d["sentences"] or []]
    for k in ("boilerplate", "paragraphs", "mentions", "quotes", "sources", "times"):
        d[k] = d[k] or []
    d["meta"] = d["meta"] or {}
    key, order = d.pop("content_key") or "", (d.pop("input_file") or 0, d.pop("input_pos") or 0)
    return Article.from_dict(d), key, order


def spark_schema() -> Any:
    """`SCHEMA` as a pyspark StructType."""
    from pyspark.sql import types as T

    base = {"str": T.StringType(), "long": T.LongType(), "bool": T.BooleanType(),
            "double": T.DoubleType(), "json": T.StringType(), "strings": T.ArrayType(T.StringType())}

    def struct(spec: Spec) -> Any:
        return T.StructType([T.StructField(n, typ(k, s), True) for n, k, s in spec])

    def typ(kind: str, sub: Any) -> Any:
        if kind == "struct":
            return struct(sub)
        if kind == "array":
            return T.ArrayType(struct(sub))
        return base[kind]

    return struct(SCHEMA)
