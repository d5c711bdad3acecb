from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

import newstrace
from newstrace.export import write_graph, write_rows
from newstrace.records import Article, DateRange, Mention, Quote, SourceLink, Span, TimeExpr


def test_all_matches_public_names():
    public = {n for n in dir(newstrace) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(newstrace, n)).__name__ == "module"}
    assert set(newstrace.__all__) == public - modules - {"annotations"}


def test_cli_help_runs(run_cli):
    res = run_cli("--help")
    assert res.exit_code == 0 and "analyze" in res.stdout


text_st = st.text(min_size=1, max_size=200)


@settings(max_examples=40, deadline=None)
@given(text=text_st, title=st.one_of(st.none(), text_st), lines=st.lists(text_st, max_size=3))
def test_store_round_trip_arbitrary_unicode(text, title, lines):
    store = newstrace.Store(":memory:")
    a = Article(id="a/β", text=text, title=title, raw_text=text, boilerplate=lines, content_hash="h",
                meta={"k": text}, published_range=DateRange("2020-01-01", "2020-02-01", [text]),
                sentences=[Span(0, len(text), text)],
                mentions=[Mention(0, len(text), text, "PER", "rules")],
                quotes=[Quote(0, len(text), text, speaker=title, said_on=DateRange("2020-01-02", None, []))],
                sources=[SourceLink(cites=text, kind="report", start=0, end=1, text=text[:1])],
                times=[TimeExpr(0, 1, text[:1], "relative", "2020-01-01", "2020-01-01")])
    assert store.upsert_article(a) == "added"
    b = store.get_article("a/β")
    got, want = b.as_dict(), a.as_dict()
    if store.backend == "postgresql":  # PostgreSQL text cannot hold U+0000: stored as U+FFFD
        got, want = (json.loads(json.dumps(x).replace("\\u0000", "\\ufffd")) for x in (got, want))
    assert got == want
    assert store.upsert_article(a) == "unchanged"
    store.close()


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries({"id": text_st, "v": st.lists(text_st, max_size=2)}), max_size=4))
def test_jsonl_round_trip(rows):
    buf = io.StringIO()
    assert write_rows(rows, "jsonl", buf) == len(rows)
    assert [json.loads(l) for l in buf.getvalue().splitlines()] == rows


@settings(max_examples=30, deadline=None)
@given(label=text_st)
def test_graphs_are_valid_xml_for_any_label(label):
    nodes = [{"id": "a", "label": label, "type": "outlet"}, {"id": label, "label": "b"}]
    edges = [{"source": "a", "target": label, "kind": label, "weight": 2}]
    for fmt in ("gexf", "graphml"):
        buf = io.StringIO()
        write_graph(nodes, edges, fmt, buf)
        ET.fromstring(buf.getvalue().encode("utf-8"))
