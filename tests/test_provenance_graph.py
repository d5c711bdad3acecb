"""Provenance links of anonymous sources and the one citation-graph builder
(`provenance.source_graph`) behind the web outlet and story graphs and the GEXF export."""
from __future__ import annotations

import pytest

from newstrace import Store
from newstrace.provenance import (MIGRATIONS, UNKNOWN_OUTLET, edge_evidence, export_graph, names_source,
                                  source_graph, update)
from newstrace.records import Article, Mention, Paragraph, Quote, SourceLink

# Sentence-initial "Security" is detected as a name and resolved to an actor: the anonymous
# description that contains it must not be linked to that actor, nor "an engineer at
# Reuters" to Reuters. The anonymous quote carried by Al-Sumaria TV cites a named channel.
TEXT = ("Security sources in Iraq said the convoy was hit near the border. "
        "Security was tightened in Baghdad, Reuters reported. "
        "Police sources told Al-Sumaria TV that two guards were hurt. "
        "An engineer at Reuters, who asked not to be named, said the line was cut.")


def _span(needle: str, nth: int = 0) -> tuple[int, int]:
    k = -1
    for _ in range(nth + 1):
        k = TEXT.index(needle, k + 1)
    return k, k + len(needle)


def _mention(needle: str, typ: str, actor: str, nth: int = 0) -> Mention:
    s, e = _span(needle, nth)
    return Mention(s, e, needle, typ, "test", actor_id=actor)


def _source(cites: str, kind: str, evidence: str, anonymous: bool) -> SourceLink:
    s, e = _span(evidence)
    return SourceLink(cites=cites, kind=kind, start=s, end=e, text=evidence, anonymous=anonymous)


def _quote(sentence: str, speaker: str, channel: str | None = None) -> Quote:
    s, e = _span(sentence)
    ss, se = _span(speaker)
    q = Quote(s, e, sentence, direct=False, speaker=speaker, speaker_start=ss, speaker_end=se,
              speaker_kind="anonymous", anonymous=True)
    if channel:
        q.channel = channel
        q.channel_start, q.channel_end = _span(channel)
    return q


@pytest.fixture()
def store(tmp_path):
    art = Article(
        id="a1", text=TEXT, lang="en", published="2024-03-02", content_hash="h1", outlet="Daily Test",
        paragraphs=[Paragraph(0, len(TEXT), "en")],
        mentions=[_mention("Security", "ORG", "act_security"), _mention("Iraq", "LOC", "act_iraq"),
                  _mention("Security", "ORG", "act_security", 1), _mention("Reuters", "ORG", "act_reuters"),
                  _mention("Al-Sumaria TV", "ORG", "act_sumaria"), _mention("Reuters", "ORG", "act_reuters", 1)],
        quotes=[_quote("the convoy was hit near the border", "Security sources in Iraq"),
                _quote("two guards were hurt", "Police sources", "Al-Sumaria TV"),
                _quote("the line was cut", "An engineer at Reuters")],
        sources=[_source("Security sources in Iraq", "quote", "Security sources in Iraq said", True),
                 _source("Reuters", "report", "Reuters reported", False),
                 _source("Al-Sumaria TV", "quote", "Police sources told Al-Sumaria TV", True),
                 _source("An engineer at Reuters", "quote", "An engineer at Reuters, who asked not to be named, said",
                         True)])
    st = Store(tmp_path / "g.db")
    st.upsert_article(art)
    update(st, ["a1"])
    yield st
    st.close()


def _cited(store) -> dict[str, str | None]:
    return {r[0]: r[1] for r in store.conn.execute("SELECT cites, cites_actor FROM sources")}


def test_anonymous_description_never_gets_an_actor(store):
    cited = _cited(store)
    assert cited["Security sources in Iraq"] is None
    assert cited["An engineer at Reuters"] is None
    assert cited["Reuters"] == "act_reuters"  # a named citation is still linked
    assert cited["Al-Sumaria TV"] == "act_sumaria"  # the named channel of an anonymous quote too
    assert store.conn.execute("SELECT count(*) FROM quotes WHERE speaker_actor IS NOT NULL").fetchone()[0] == 0


def test_graph_keeps_anonymous_sources_apart_even_with_stale_links(store):
    # a database written by an earlier version: the description linked to an actor
    store.conn.execute("UPDATE sources SET cites_actor = 'act_security' WHERE cites = 'Security sources in Iraq'")
    g = source_graph(store)
    by_label = {n["label"]: n for n in g["nodes"]}
    anon = by_label["Security sources in Iraq"]
    assert anon["type"] == "anonymous" and anon["actor"] is None and anon["id"] == "anonymous:Security sources in Iraq"
    assert by_label["An engineer at Reuters"]["type"] == "anonymous"
    assert by_label["Al-Sumaria TV"]["id"] == "act_sumaria"
    assert "act_security" not in {n["id"] for n in g["nodes"]}
    sumaria = next(e for e in g["edges"] if e["target"] == "act_sumaria")
    assert sumaria["anonymous"] == 1 and sumaria["source"] == "outlet:Daily Test"
    # the migration unlinks such rows in place
    sql = dict(MIGRATIONS)["provenance_002_unlink_anonymous_sources"]
    for stmt in [x for x in sql.split(";") if x.strip()]:
        store.conn.execute(stmt)
    assert _cited(store)["Security sources in Iraq"] is None
    assert _cited(store)["Al-Sumaria TV"] == "act_sumaria"


def test_edges_carry_their_evidence(store):
    g = source_graph(store, speakers=True, by_kind=True)
    assert g["total_edges"] == len(g["edges"]) == 4  # no quotes edge: every speaker is anonymous
    for e in g["edges"]:
        assert e["weight"] == len(e["evidence"]) == e["kinds"][e["kind"]]
        for ev in e["evidence"]:
            assert TEXT[ev["start"]:ev["end"]] == ev["text"] and ev["article"] == "a1"
    # the passages behind an edge, by node ids or by names
    assert [x["text"] for x in edge_evidence(store, "outlet:Daily Test", "act_reuters")] == ["Reuters reported"]
    assert len(edge_evidence(store, "Daily Test", "Reuters")) == 1
    assert edge_evidence(store, UNKNOWN_OUTLET, "act_reuters") == []


def test_names_source_is_the_rule_the_links_follow(store):
    rows = store.conn.execute(f"SELECT cites, {names_source('s')} FROM sources s").fetchall()
    assert {r[0] for r in rows if not r[1]} == {"Security sources in Iraq", "An engineer at Reuters"}


# ------------------------------------------------------------------------------ seeds
def test_no_anonymous_source_has_an_actor_on_the_seeds(seed_store):
    c = seed_store.conn
    assert c.execute("SELECT count(*) FROM sources WHERE anonymous").fetchone()[0] > 0
    assert c.execute(f"SELECT count(*) FROM sources s WHERE NOT {names_source('s')}").fetchone()[0] > 0
    linked = c.execute(f"SELECT cites, cites_actor FROM sources s WHERE cites_actor IS NOT NULL "
                       f"AND NOT {names_source('s')}").fetchall()
    assert linked == [], [tuple(r) for r in linked]
    assert c.execute("SELECT count(*) FROM quotes WHERE speaker_actor IS NOT NULL "
                     "AND (anonymous OR speaker_kind = 'anonymous')").fetchone()[0] == 0
    g = source_graph(seed_store)
    assert all(n["actor"] is None for n in g["nodes"] if n["type"] == "anonymous")


def test_one_graph_for_web_story_and_export(seed_store):
    from newstrace.web import queries as Q

    texts = {a.id: a.text for a in seed_store.iter_articles()}
    full = source_graph(seed_store)
    web = Q.outlet_graph(seed_store)
    assert [(e["source"], e["target"], e["weight"]) for e in web["edges"]] == [
        (e["source"], e["target"], e["weight"]) for e in full["edges"]]
    n_sources = seed_store.conn.execute("SELECT count(*) FROM sources WHERE cites IS NOT NULL").fetchone()[0]
    assert sum(e["weight"] for e in full["edges"]) == n_sources
    for e in full["edges"]:
        assert e["weight"] == len(e["evidence"])
        assert all(texts[x["article"]][x["start"]:x["end"]] == x["text"] for x in e["evidence"])
        assert len(edge_evidence(seed_store, e["source"], e["target"])) == e["weight"]
        assert len(edge_evidence(seed_store, e["source_label"], e["target_label"])) >= e["weight"]
        for cited in {x["cites"] for x in e["evidence"]}:  # the text an article cited finds its passages
            got = {(x["article"], x["start"]) for x in edge_evidence(seed_store, e["source"], cited)}
            assert {(x["article"], x["start"]) for x in e["evidence"] if x["cites"] == cited} <= got
    # a story's graph is the same graph restricted to its articles
    sid = seed_store.conn.execute("SELECT story_id FROM story_articles GROUP BY story_id "
                                  "ORDER BY count(*) DESC, story_id LIMIT 1").fetchone()[0]
    ids = [r[0] for r in seed_store.conn.execute("SELECT article_id FROM story_articles WHERE story_id = ?", (sid,))]
    sg = Q.story_graph(seed_store, ids)
    for e in sg["edges"]:
        for x in e["evidence"]:
            assert x.pop("url") == Q.evidence_url(x["article"], x["start"], x["end"])
    assert sg == source_graph(seed_store, articles=ids, max_evidence=20)
    assert sum(e["weight"] for e in sg["edges"]) == seed_store.conn.execute(
        f"SELECT count(*) FROM sources WHERE article_id IN ({','.join('?' * len(ids))})", ids).fetchone()[0]
    # the export: quoted speakers too, one edge per kind, evidence without text
    nodes, edges = export_graph(seed_store)
    ids_ = {n["id"] for n in nodes}
    assert all(e["source"] in ids_ and e["target"] in ids_ for e in edges)
    assert {"quote", "report", "interview", "quotes"} <= {e["kind"] for e in edges}
    assert all(e["weight"] == len(e["evidence"]) and set(e["evidence"][0]) == {"article", "start", "end"}
               for e in edges)


def test_max_nodes_keeps_the_busiest(seed_store):
    full = source_graph(seed_store, max_evidence=0)
    cut = source_graph(seed_store, max_nodes=3, max_evidence=0)
    assert len(cut["nodes"]) == 3 and cut["total_nodes"] == len(full["nodes"]) > 3
    assert [n["id"] for n in cut["nodes"]] == [n["id"] for n in full["nodes"][:3]]
    kept = {n["id"] for n in cut["nodes"]}
    assert all(e["source"] in kept and e["target"] in kept for e in cut["edges"])
    assert "evidence" not in (cut["edges"] or [{}])[0]
