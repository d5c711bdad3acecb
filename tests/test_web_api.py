"""The web app over the seed database: JSON API, pages, evidence links, security headers,
escaping of hostile text, read-only defaults and token-protected writes."""
from __future__ import annotations

import html
import re
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

with warnings.catch_warnings():  # starlette warns at import when httpx2 is not installed
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newstrace.web import queries as Q
from newstrace.web.app import CSP, create_app
from newstrace.web.highlight import Mark, render
from webcases import HOSTILE_ID, HOSTILE_TITLE, IMG, JS_URL, SCRIPT, hostile_db

PAGE_PATHS = ["/stories", "/articles", "/actors", "/outlets", "/search?q=the"]


@pytest.fixture(scope="module")
def client(seed_db):
    return TestClient(create_app(seed_db))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return TestClient(create_app(hostile_db(tmp_path_factory)))


def _copy_db(src: Path, dst_dir: Path) -> Path:
    from newstrace.store import copy_store

    dst = dst_dir / "copy.db"
    copy_store(src, dst)
    return dst


# ----------------------------------------------------------------------------- API data
def test_stats_and_openapi(client, seed_store):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == seed_store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    schema = client.get("/openapi.json").json()
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/actors/{key}",
                 "/api/search", "/api/outlets/graph", "/api/actors/merge"):
        assert path in schema["paths"], path


def test_every_article_annotation_points_at_its_text(client, seed_store):
    for aid in seed_store.article_ids():
        art = client.get(f"/api/articles/{Q.q(aid)}").json()
        text = art["text"]
        assert art["id"] == aid
        for m in art["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
        for qt in art["quotes"]:
            assert text[qt["start"]:qt["end"]] == qt["text"]
        for s in art["sources"]:
            assert text[s["start"]:s["end"]] == s["text"]


def test_story_quotes_and_sources_link_to_evidence(client, seed_store):
    stories = client.get("/api/stories").json()
    assert stories["computed"] is True
    n = seed_store.conn.execute("SELECT count(*) FROM stories WHERE status = 'active' AND size > 0").fetchone()[0]
    assert len(stories["items"]) == n > 0
    texts = {a.id: a.text for a in seed_store.iter_articles()}
    checked = 0
    for s in stories["items"]:
        st_ = client.get(f"/api/stories/{Q.q(s['id'])}").json()
        assert {a["id"] for a in st_["articles"]} == {
            r[0] for r in seed_store.conn.execute("SELECT article_id FROM story_articles WHERE story_id = ?",
                                                  (st_["id"],))}
        assert len(st_["timeline"]) == len(st_["articles"])
        for qt in st_["quotes"]:
            m = re.fullmatch(r"/article/([^?]+)\?hl=(\d+)-(\d+)#span-(\d+)-(\d+)", qt["evidence"])
            assert m, qt["evidence"]
            start, end = int(m.group(2)), int(m.group(3))
            assert texts[qt["article"]][start:end] == qt["text"]
            checked += 1
        for e in st_["graph"]["edges"]:
            for ev in e["evidence"]:
                assert texts[ev["article"]][ev["start"]:ev["end"]] == ev["text"]
    assert checked > 0


def test_story_filters_and_sorting(client, seed_store):
    langs = [r[0] for r in seed_store.conn.execute("SELECT DISTINCT lang FROM articles WHERE lang IS NOT NULL")]
    total = len(client.get("/api/stories").json()["items"])
    seen = 0
    for lang in langs:
        items = client.get("/api/stories", params={"lang": lang}).json()["items"]
        assert items and all(lang in s["langs"] for s in items)
        seen += len(items)
    assert seen >= total
    asc = [s["size"] for s in client.get("/api/stories", params={"sort": "size", "order": "asc"}).json()["items"]]
    assert asc == sorted(asc)
    first = [s["first_seen"] or "" for s in
             client.get("/api/stories", params={"sort": "first_seen", "order": "desc"}).json()["items"]]
    assert [f for f in first if f] == sorted([f for f in first if f], reverse=True)
    one = client.get("/api/stories", params={"limit": 1}).json()
    assert len(one["items"]) == 1 and one["has_more"] is (total > 1)
    assert client.get("/api/stories", params={"sort": "nonsense"}).status_code == 422


def test_actor_spellings_count_every_mention(client, seed_store):
    actors = client.get("/api/actors").json()
    assert actors["items"]
    top = actors["items"][0]
    ac = client.get(f"/api/actors/{Q.q(top['key'])}").json()
    n = seed_store.conn.execute("SELECT count(*) FROM mentions WHERE actor_id = ?", (ac["id"],)).fetchone()[0]
    assert sum(s["count"] for s in ac["spellings"]) == n == top["mentions"]
    assert all(s["evidence"].startswith("/article/") for s in ac["spellings"])
    # any spelling finds the same actor
    other = client.get(f"/api/actors/{Q.q(ac['spellings'][-1]['text'])}").json()
    assert other["id"] == ac["id"]
    stories = client.get("/api/stories", params={"actor": ac["id"]}).json()["items"]
    assert stories


def test_search_and_facets(client, seed_store):
    row = seed_store.conn.execute("SELECT id, title FROM articles WHERE title IS NOT NULL ORDER BY id").fetchone()
    word = max(re.findall(r"\w{5,}", row["title"]), key=len)
    res = client.get("/api/search", params={"q": word}).json()
    assert row["id"] in [r["id"] for r in res["items"]]
    assert sum(f["count"] for f in res["facets"]["lang"]) == res["total"]
    lang = res["facets"]["lang"][0]["value"]
    only = client.get("/api/search", params={"q": word, "lang": lang}).json()
    assert only["items"] and all(r["lang"] == lang for r in only["items"])
    # the outlet filter is the lists' one: any letter case
    outlet = seed_store.conn.execute("SELECT outlet FROM articles WHERE outlet IS NOT NULL "
                                     "ORDER BY id").fetchone()[0]
    first = seed_store.conn.execute("SELECT title FROM articles WHERE outlet = ? ORDER BY id",
                                    (outlet,)).fetchone()[0]
    w = max(re.findall(r"\w{4,}", first), key=len)
    by_outlet = client.get("/api/search", params={"q": w, "outlet": outlet.upper()}).json()
    assert by_outlet["items"] and all(r["outlet"] == outlet for r in by_outlet["items"])
    # invalid FTS syntax falls back to a phrase instead of failing
    assert client.get("/api/search", params={"q": 'AND "('}).status_code == 200


def test_outlet_graph_counts_sources(client, seed_store):
    g = client.get("/api/outlets/graph").json()
    n = seed_store.conn.execute("SELECT count(*) FROM sources WHERE cites IS NOT NULL").fetchone()[0]
    assert sum(e["weight"] for e in g["edges"]) == n
    if g["edges"]:
        e = g["edges"][0]
        ev = client.get("/api/outlets/evidence", params={"source": e["source"], "target": e["target"]}).json()
        assert len(ev) == e["weight"] or len(ev) == Q.MAX_LIMIT


def test_not_found_is_one_error_shape(client):
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404
    assert r.json()["error"]["type"] == "NotFound"
    assert client.get("/article/no-such-article").status_code == 404


# ------------------------------------------------------------------------------ pages
def test_pages_render_with_evidence_anchors(client, seed_store):
    for path in PAGE_PATHS:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
    aid = seed_store.article_ids()[0]
    page = client.get(f"/article/{Q.q(aid)}").text
    a = seed_store.get_article(aid)
    for q in a.quotes:
        assert f'id="span-{q.start}-{q.end}"' in page
    assert len(set(re.findall(r'id="(span-\d+-\d+)"', page))) == len(re.findall(r'id="(span-\d+-\d+)"', page))
    # the text is all there, in order, once the markup is removed
    body = re.search(r'<div class="text" id="text"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == a.text
    # an arbitrary evidence span requested with ?hl= is anchored too
    page = client.get(f"/article/{Q.q(aid)}", params={"hl": "3-9"}).text
    assert 'id="span-3-9"' in page
    sid = client.get("/api/stories").json()["items"][0]["id"]
    page = client.get(f"/story/{Q.q(sid)}").text
    assert "<svg" in page and 'class="timeline"' in page


def test_security_headers_on_every_response(client):
    for path in PAGE_PATHS + ["/api/stats", "/openapi.json", "/static/style.css", "/static/graph.js",
                              "/article/nope", "/api/articles/nope", "/nowhere"]:
        r = client.get(path)
        assert r.headers["content-security-policy"] == CSP, path
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    for directive in ("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"):
        assert directive in CSP
    assert client.get("/docs").status_code == 404  # swagger UI would load from a CDN


def test_pages_make_no_external_requests(client):
    for path in PAGE_PATHS:
        text = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', text), path
        assert "<script>" not in text and "style=" not in text


def test_host_header_is_checked_when_asked(seed_db):
    c = TestClient(create_app(seed_db, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1")
    assert c.get("/api/stats").status_code == 200
    assert c.get("/api/stats", headers={"host": "evil.example"}).status_code == 400


# ------------------------------------------------------------------- hostile content
def test_hostile_text_is_escaped_everywhere(hostile):
    pages = ["/stories", "/articles", "/actors", "/outlets", "/search?q=hostile", "/article/hostile-1",
             f"/article/{Q.q(HOSTILE_ID)}"]
    sid = hostile.get("/api/stories").json()["items"][0]["id"]
    pages.append(f"/story/{Q.q(sid)}")
    for path in pages:
        r = hostile.get(path)
        assert r.status_code == 200, path
        text = r.text
        assert SCRIPT not in text and IMG not in text and "<svg onload" not in text, path
        assert 'href="javascript:' not in text.lower(), path
        assert re.findall(r"<script\b[^>]*>", text) in ([], ['<script src="/static/graph.js">']), path
    page = hostile.get("/article/hostile-1").text
    assert html.escape(SCRIPT, quote=False) in page
    assert str(escape(HOSTILE_TITLE)) in page
    assert f'<span class="unsafe-url" title="not an http(s) link">{JS_URL}</span>' in page
    # JSON keeps the data as data
    art = hostile.get("/api/articles/hostile-1").json()
    assert art["title"] == HOSTILE_TITLE and art["safe_url"] is None
    assert hostile.get(f"/api/articles/{Q.q(HOSTILE_ID)}").json()["id"] == HOSTILE_ID


def test_safe_url():
    assert Q.safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in (JS_URL, " javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>", "//evil.example",
                "http://", "https://x.org/\"><script>", "vbscript:x", None, 3):
        assert Q.safe_url(bad) is None, bad


# --------------------------------------------------------------------------- writes
def test_writes_are_disabled_without_token(client):
    r = client.post("/api/actors/merge", json={"a": "x", "b": "y"})
    assert r.status_code == 403 and r.json()["error"]["type"] == "WritesDisabled"
    assert client.post("/api/actors/split", json={"actor": "x", "name": "y"}).status_code == 403


def test_merge_needs_the_token(seed_db, tmp_path):
    db = _copy_db(seed_db, tmp_path)
    token = "t0ken-for-tests-0123456789"
    c = TestClient(create_app(db, token=token, read_only=False))
    items = c.get("/api/actors", params={"type": "PER"}).json()["items"]
    assert len(items) >= 2
    a, b = items[0], items[1]
    body = {"a": a["name"], "b": b["name"]}
    assert c.post("/api/actors/merge", json=body).status_code == 401
    assert c.post("/api/actors/merge", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = c.post("/api/actors/merge", json=body, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    merged = c.get(f"/api/actors/{Q.q(b['name'])}").json()
    assert merged["id"] == r.json()["actor"]
    assert sum(s["count"] for s in merged["spellings"]) == a["mentions"] + b["mentions"]
    # the read-only app over the same data never writes, even with a token
    ro = TestClient(create_app(db, token=token))
    assert ro.post("/api/actors/merge", json=body, headers={"Authorization": f"Bearer {token}"}).status_code == 403


# --------------------------------------------------------------------- highlighting
def test_highlight_nests_and_splits_crossing_spans():
    text = "Alpha <b> said: beta gamma & delta."
    marks = [Mark(0, 5, "mention", "t-PER", "x", "/actor/Alpha"), Mark(6, 26, "quote"),
             Mark(16, 30, "source"), Mark(16, 20, "mention", "t-ORG", href="/actor/beta")]
    out = str(render(text, marks))
    assert "&lt;b&gt;" in out and "&amp;" in out and "<b>" not in out
    assert out.count('id="span-16-30"') == 1 and out.count('id="span-6-26"') == 1
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert '<a class="hl-mention t-PER" id="span-0-5" href="/actor/Alpha" title="x">Alpha</a>' in out


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-2, 62), st.integers(-2, 62),
                                                st.sampled_from(["mention", "quote", "source", "time", "hl"])),
                                      max_size=8))
def test_highlight_keeps_the_text_and_balances_tags(text, spans):
    marks = [Mark(s, e, k, href="/actor/x" if k == "mention" else None) for s, e, k in spans]
    out = str(render(text, marks))
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    depth = 0
    for tag in re.findall(r"</?(?:span|a)\b", out):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0
    assert depth == 0
    assert "<script" not in out


# ----------------------------------------------------------------------------- CLI
def test_serve_refuses_remote_without_flag(run_cli, seed_db):
    from click.testing import CliRunner

    from newstrace.cli import cli
    from newstrace.commands.web import is_loopback

    r = CliRunner().invoke(cli, ["serve", "--db", str(seed_db), "--host", "0.0.0.0"])
    assert r.exit_code == 2 and "--allow-remote" in r.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4") and not is_loopback("example.org")
    r = CliRunner().invoke(cli, ["serve", "--db", str(seed_db), "--token", "short"])
    assert r.exit_code == 2 and "16 characters" in r.output


def test_pages_degrade_before_corpus_stages(tmp_path):
    from newstrace import Article, Store

    db = tmp_path / "bare.db"
    store = Store(db)
    try:
        store.upsert_article(Article(id="bare-1", text="Plain text about Lisbon.", title="A bare article",
                                     lang="pt", outlet="Some Outlet", content_hash="h1"))
    finally:
        store.close()
    c = TestClient(create_app(db))
    page = c.get("/stories").text
    assert 'id="not-computed"' in page and "A bare article" in page
    assert c.get("/api/stories").json()["computed"] is False
    assert c.get("/story/anything").status_code == 404
    assert c.get("/api/actors").json() == {"computed": False, "items": []}
    for path in ("/actors", "/outlets", "/articles", "/article/bare-1", "/search?q=Lisbon", "/outlet/Some%20Outlet"):
        assert c.get(path).status_code == 200, path
    assert c.get("/api/search", params={"q": "Lisbon"}).json()["items"][0]["id"] == "bare-1"


def test_outlet_graph_groups_spellings_of_one_cited_outlet(seed_db):
    """PressTV (001) and Press Tv (004) resolve to one actor: one node in the graph."""
    from newstrace import Store
    from newstrace.web import queries as Q

    store = Store(seed_db, read_only=True)
    labels = [n["label"] for n in Q.outlet_graph(store)["nodes"]]
    store.close()
    assert sum(1 for lab in labels if lab.replace(" ", "").lower() == "presstv") == 1, labels
