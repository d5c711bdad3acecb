"""Issue 12 (web): hostile requests get 4xx, never 500; queries are bounded in size and
time; HEAD works on every GET route; unknown paths get the HTML 404 page (JSON under
/api/); a busy database is a 503; bidirectional controls never reach the page."""
from __future__ import annotations

import json
import sqlite3
import time
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newstrace import PipelineOptions, Store, analyze
from newstrace.web.app import create_app

pytestmark = pytest.mark.issue(12)

RLO = "\u202e"
RECORDS = [
    {"id": "bidi-1", "title": f"Invoice {RLO}fdp.exe for the minister", "outlet": f"Daily{RLO} Planet",
     "lang": "en", "published": "2021-03",
     "text": f"The minister Anna Berg said on Monday that the file {RLO}gnp.exe was harmless. "
             "The committee met in Geneva to discuss the dam on the river."},
    {"id": "plain-2", "title": "Dam talks continue in Geneva", "outlet": "River Courier", "lang": "de",
     "published": "2021-03-05T10:00:00+02:00",
     "text": "Die Gespräche über den Damm gingen am Freitag in Genf weiter, sagte die Ministerin Anna Berg."},
    {"id": "plain-3", "title": "A year of talks", "outlet": "River Courier", "lang": "en", "published": "2021",
     "text": "The talks on the dam went on through the year, the committee said in its report."},
]


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    d = tmp_path_factory.mktemp("webrobust")
    (d / "in.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    db = d / "w.db"
    store = Store(db)
    try:
        analyze([str(d / "in.jsonl")], store, PipelineOptions(use_models=False, encoder="none", now="2026-01-01"))
    finally:
        store.close()
    return db


@pytest.fixture(scope="module")
def client(small_db):
    return TestClient(create_app(small_db), raise_server_exceptions=False)


@pytest.mark.parametrize("url", [
    "/search?q=%00", "/api/search?q=%00", "/api/search?q=a%00b",
    "/stories?page=9223372036854775808", "/articles?page=99999999999999999999",
    "/api/stories?offset=9223372036854775808", "/api/articles?offset=18446744073709551616",
    "/api/articles?limit=9223372036854775808",
    "/article/bidi-1?hl=1-99999999999999999999999", "/article/bidi-1?hl=" + "9" * 5000 + "-" + "9" * 5001,
    "/article/bidi-1?hl=%C2%B2-%C2%B3", "/article/%00", "/api/articles/%00", "/actor/%00", "/outlet/%00",
    "/api/stories?since=garbage", "/stories?since=garbage", "/api/articles?until=2021-13-45",
    "/api/search?q=" + "x" * 600, "/api/actors?limit=-1", "/api/outlets/graph?max_nodes=99999999999999999999",
    "/story/%00", "/api/stories/%00", "/search?q=%22unbalanced", "/api/search?q=NEAR(",
])
def test_hostile_requests_are_4xx_not_500(client, url):
    r = client.get(url)
    assert 400 <= r.status_code < 500 or r.status_code == 200, (url, r.status_code, r.text[:200])
    assert "Traceback" not in r.text


def test_bad_date_filters_say_why(client):
    r = client.get("/api/stories?since=garbage")
    assert r.status_code == 400 and "not a date" in r.json()["error"]["message"]
    r = client.get("/stories?until=tomorrow")
    assert r.status_code == 400 and "text/html" in r.headers["content-type"] and "not a date" in r.text


def test_language_filters_ignore_case(client):
    upper = client.get("/api/articles?lang=DE").json()["items"]
    lower = client.get("/api/articles?lang=de").json()["items"]
    assert [a["id"] for a in upper] == [a["id"] for a in lower] == ["plain-2"]
    assert client.get("/api/search?q=Damm&lang=DE").json()["total"] == 1


def test_date_filters_at_any_precision(client):
    ids = lambda q: sorted(a["id"] for a in client.get(f"/api/articles?{q}").json()["items"])  # noqa: E731
    assert ids("since=2021-03-10") == ["bidi-1", "plain-3"]  # the month and the year still cover the 10th
    assert ids("until=2021-02") == ["plain-3"]
    assert ids("since=2021&until=2021") == ["bidi-1", "plain-2", "plain-3"]


def test_search_size_is_bounded(client):
    many = " OR ".join(f"w{i}" for i in range(1000))
    t0 = time.monotonic()
    r = client.get("/api/search", params={"q": many[:499]})
    assert r.status_code == 400 and "too long" in r.json()["error"]["message"]
    assert time.monotonic() - t0 < 5
    r = client.get("/search", params={"q": many})
    assert r.status_code == 400 and "text/html" in r.headers["content-type"]


def test_slow_queries_are_interrupted_with_503(small_db, monkeypatch):
    import newstrace.web.app as web_app

    monkeypatch.setattr(web_app, "PROGRESS_OPS", 1)  # check at every step: the test data is small
    app = create_app(small_db, query_seconds=0.0)  # every query is past its deadline
    c = TestClient(app, raise_server_exceptions=False)
    r = c.get("/api/articles")
    assert r.status_code == 503 and "longer than" in r.json()["error"]["message"]
    r = c.get("/articles")
    assert r.status_code == 503 and "text/html" in r.headers["content-type"]


@pytest.mark.parametrize("path", ["/stories", "/articles", "/actors", "/outlets", "/search?q=dam",
                                  "/article/bidi-1", "/api/stats", "/api/articles", "/openapi.json",
                                  "/static/style.css"])
def test_head_is_supported_on_get_routes(client, path):
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


def test_unknown_paths_get_html_404_and_api_paths_json(client):
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no page at /no/such/page" in r.text and "<html" in r.text
    r = client.get("/api/no-such-thing")
    assert r.status_code == 404 and r.json()["error"]["type"] == "NotFound"
    r = client.get("/article/no-such-article")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    r = client.post("/stories")
    assert r.status_code == 405 and r.headers["content-type"].startswith("text/html")


def test_bidi_controls_never_reach_a_page(client, small_db):
    from newstrace.report import build_report

    for path in ("/stories", "/articles", "/article/bidi-1", "/search?q=minister", "/outlets",
                 "/actors", "/outlet/" + "Daily%E2%80%AE%20Planet"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert RLO not in r.text, path
    assert "fdp.exe for the minister" in client.get("/article/bidi-1").text
    store = Store(small_db)
    try:
        assert RLO not in build_report(store)
    finally:
        store.close()
    # the data keeps every character (exports are data, not display)
    assert RLO in client.get("/api/articles/bidi-1").json()["title"]


def test_busy_database_is_a_503_on_writes(small_db, monkeypatch):
    import newstrace.store as store_mod

    real = store_mod.Store.__init__

    def quick(self, *a, **kw):  # a short busy timeout, so the test does not wait 10 s
        real(self, *a, **kw)
        self.conn.execute("PRAGMA busy_timeout = 50")

    monkeypatch.setattr(store_mod.Store, "__init__", quick)
    token = "t" * 20
    c = TestClient(create_app(small_db, token=token, read_only=False), raise_server_exceptions=False)
    holder = sqlite3.connect(small_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock (an analyze run)
    try:
        r = c.post("/api/actors/merge", json={"a": "Anna Berg", "b": "Geneva"},
                   headers={"Authorization": f"Bearer {token}"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.status_code == 503 and "busy" in r.json()["error"]["message"]
    assert r.headers["retry-after"] == "5"
