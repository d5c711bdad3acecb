"""The store on both back ends: rows, upserts, NULL order, full-text search, migrations,
concurrency, copying between back ends, and every export of the demo and seed corpora
compared between SQLite and PostgreSQL.

These tests run in both runs of the suite (the default SQLite run, and
NEWSTRACE_TEST_BACKEND=postgresql where every store is a PostgreSQL schema); the ones
that need both back ends at once run in the PostgreSQL run.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import uuid

import pytest

from newstrace import Article, PipelineOptions, Store, analyze
from newstrace import store as store_mod
from newstrace.errors import StoreError
from newstrace.store import SearchError, StoreBusy, copy_store

ON_PG = os.environ.get("NEWSTRACE_TEST_BACKEND", "").lower() in ("postgresql", "postgres", "pg")
EXPORTS = ["articles", "actors", "quotes", "sources", "stories", "narratives", "reuse"]


@pytest.fixture
def pg_url():
    """A fresh schema on the test server (PostgreSQL run only)."""
    base = os.environ.get("NEWSTRACE_TEST_PG_URL")
    if not ON_PG or not base:
        pytest.skip("needs both back ends: runs in the PostgreSQL run (NEWSTRACE_TEST_BACKEND=postgresql)")
    return base + ("&" if "?" in base else "?") + "schema=x_" + uuid.uuid4().hex[:12]


@pytest.fixture
def sqlite_only(monkeypatch):
    """Stores opened in the test are SQLite files, whatever the run."""
    monkeypatch.delenv("NEWSTRACE_TEST_BACKEND", raising=False)


def _art(i: str, text: str, **kw) -> Article:
    return Article(id=i, text=text, content_hash=f"h-{i}-{len(text)}", **kw)


# ------------------------------------------------------------------------ rows, SQL
def test_rows_behave_like_sqlite_rows(tmp_store):
    tmp_store.upsert_article(_art("a1", "Some text.", title="T", lang="en"))
    r = tmp_store.conn.execute("SELECT id, title AS Heading, chars FROM articles").fetchone()
    assert r[0] == r["id"] == "a1" and r["heading"] == r["Heading"] == "T" and r[2] == 10
    assert dict(r) in ({"id": "a1", "Heading": "T", "chars": 10}, {"id": "a1", "heading": "T", "chars": 10})
    assert tuple(r) == ("a1", "T", 10) and list(r.keys())[0] == "id"
    with pytest.raises(IndexError):
        r["nope"]
    # sums of integers stay integers; averages are floats
    s = tmp_store.conn.execute("SELECT sum(chars), avg(chars), count(*) FROM articles").fetchone()
    assert (s[0], s[1], s[2]) == (10, 10.0, 1) and isinstance(s[0], int) and isinstance(s[1], float)


def test_upserts_nulls_and_truth_values(tmp_store):
    c = tmp_store.conn
    c.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER, w TEXT DEFAULT 'd', n INTEGER NOT NULL DEFAULT 0)")
    c.execute("INSERT INTO kv(k, v, w, n) VALUES ('a', 1, 'x', 5)")
    c.execute("INSERT OR REPLACE INTO kv(k, v) VALUES (?, ?)", ("a", 2))  # w, n back to defaults
    assert tuple(c.execute("SELECT k, v, w, n FROM kv").fetchone()) == ("a", 2, "d", 0)
    c.execute("INSERT OR IGNORE INTO kv(k, v) VALUES (?, ?)", ("a", 3))
    c.executemany("INSERT OR IGNORE INTO kv(k, v) VALUES (?, ?)", [("b", None), ("c", 0), ("b", 9)])
    c.execute("INSERT INTO kv(k, n) VALUES ('c', 4) ON CONFLICT(k) DO UPDATE SET n = n + excluded.n")
    assert [tuple(r) for r in c.execute("SELECT k, v, n FROM kv ORDER BY v, k")] == \
        [("b", None, 0), ("c", 0, 4), ("a", 2, 0)]  # NULL sorts first, as in SQLite
    assert [r[0] for r in c.execute("SELECT k FROM kv ORDER BY v DESC")] == ["a", "c", "b"]
    assert [r[0] for r in c.execute("SELECT k FROM kv WHERE v AND 1 ORDER BY k")] == ["a"]
    c.execute("UPDATE kv SET v = ? WHERE k = ?", (True, "c"))  # booleans are stored as 1/0
    assert c.execute("SELECT v FROM kv WHERE k = 'c'").fetchone()[0] == 1
    assert c.execute("SELECT group_concat(k, '|') FROM (SELECT k FROM kv ORDER BY k)").fetchone()[0] == "a|b|c"
    assert c.execute("SELECT count(*) FROM kv WHERE k IN ()").fetchone()[0] == 0
    assert c.execute("SELECT count(*) FROM kv WHERE k LIKE 'A%'").fetchone()[0] == 1  # LIKE ignores ASCII case
    cur = c.execute("INSERT INTO runs(started_at) VALUES (?)", ("now",))
    assert cur.lastrowid == c.execute("SELECT max(id) FROM runs").fetchone()[0]


def test_text_compares_by_code_point(tmp_store):
    for i, t in enumerate(["b", "B", "é", "e", "Z"]):
        tmp_store.upsert_article(_art(f"x{i}", "x", title=t))
    assert [r[0] for r in tmp_store.conn.execute("SELECT title FROM articles ORDER BY title")] == \
        ["B", "Z", "b", "e", "é"]


def test_migrations_are_recorded_and_applied_once(tmp_path):
    st = Store(tmp_path / "m.db")
    names = [r[0] for r in st.conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert "store_001_core" in names and len(names) == len(set(names))
    assert st.migrate() == []
    assert {"articles", "mentions", "actors", "stories"} <= set(st.tables())
    assert st.columns("times")[:3] == ["article_id", "idx", "start"]
    # catalogue look-ups written for SQLite run on both back ends
    assert st.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                           ("articles",)).fetchone()[0] == "articles"
    assert st.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'nope'").fetchone() is None
    st.close()
    st = Store(tmp_path / "m.db")
    assert st.migrate() == [] and [r[0] for r in st.conn.execute("SELECT name FROM migrations ORDER BY name")] == names
    st.close()


# ------------------------------------------------------------------------ full text
@pytest.fixture
def text_store(tmp_store):
    docs = [("fr1", "Le barrage de Darvazeh", "La sécheresse, plus que le barrage, explique la baisse."),
            ("en1", "Dam dispute", "Khaled al-Nuri said the dam would be finished in 2025."),
            ("en2", "Water talks", "Officials discussed the river and the damaged bridge."),
            ("de1", "Staudamm", "Die Dürre und der Staudamm: eine Übersicht.")]
    for i, title, text in docs:
        tmp_store.upsert_article(_art(i, f"{title}\n\n{text}", title=title, lang=i[:2]))
    return tmp_store


@pytest.mark.parametrize("query,expected", [
    ("barrage", {"fr1"}),
    ("secheresse", {"fr1"}),            # accents ignored
    ("SÉCHERESSE", {"fr1"}),            # and case
    ("durre", {"de1"}),
    ("dam OR staudamm", {"en1", "de1"}),
    ("dam*", {"en1", "en2"}),           # prefix
    ('"the dam would"', {"en1"}),       # phrase
    ('"dam would the"', set()),
    ("dam NOT khaled", set()),
    ("river NOT dam", {"en2"}),
    ("title:dam", {"en1"}),
    ("(dam OR barrage) AND 2025", {"en1"}),
    ("al-Nuri", {"en1"}),               # not FTS5 syntax: searched as a phrase
    ('"unclosed', set()),
])
def test_search_syntax_on_both_back_ends(text_store, query, expected):
    assert {r["id"] for r in text_store.search(query)} == expected


def test_search_snippets_ranking_and_bounds(text_store):
    hits = text_store.search("barrage")
    assert hits[0]["id"] == "fr1" and "[barrage]" in hits[0]["snippet"]
    assert text_store.fulltext("dam*", where="a.lang = ?", args=["en"])[0][0]["lang"] == "en"
    rows, subset = text_store.fulltext("the", rank_cap=1)
    assert subset and len(rows) == 1  # only the most recent match is ranked
    assert text_store.fulltext_recent("dam*", 5) == ["en2", "en1"]
    with pytest.raises(SearchError):
        text_store.search("x " * 600)
    with pytest.raises(SearchError):
        text_store.search(" OR ".join(f"w{i}" for i in range(100)))
    # the index follows updates and deletes
    text_store.upsert_article(_art("en2", "Nothing here", title="Gone"))
    assert text_store.search("river") == []
    text_store.delete_article("fr1")
    assert text_store.search("barrage") == []


# ----------------------------------------------------------------------- concurrency
def test_writers_queue_and_readers_never_wait(tmp_path):
    db = tmp_path / "c.db"
    Store(db).close()
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            st = Store(db)
            for i in range(15):
                st.upsert_article(_art(f"w{k}-{i}", f"Text {k} {i}."))
            st.close()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    st = Store(db)
    assert st.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 45
    # a reader is not blocked by an open write transaction
    reader = Store(db, read_only=True)
    with st.transaction() as c:
        c.execute("UPDATE articles SET title = 'x' WHERE id = 'w0-0'")
        t0 = time.monotonic()
        assert reader.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 45
        assert time.monotonic() - t0 < 2
    reader.close()
    st.close()


def test_sqlite_second_writer_gets_a_clear_busy_error(tmp_path, sqlite_only, monkeypatch):
    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_MS", 200)
    db = tmp_path / "busy.db"
    a, b = Store(db), Store(db)
    with a.transaction():
        a.upsert_article(_art("x", "held"))
        with pytest.raises(StoreBusy, match="busy"):
            b.upsert_article(_art("y", "waits"))
    b.upsert_article(_art("y", "now it can"))
    assert b.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    a.close()
    b.close()


def test_corpus_lock_serialises_processes(tmp_path):
    db = tmp_path / "l.db"
    a, b = Store(db), Store(db)
    order: list[str] = []
    with a.corpus_lock():
        with a.corpus_lock():  # re-entrant
            t = threading.Thread(target=lambda: (b.corpus_lock().__enter__(), order.append("b")))
            t.start()
            time.sleep(0.3)
            order.append("a")
    t.join(10)
    assert order == ["a", "b"]
    a.close()
    b.close()


# ------------------------------------------------------------- both back ends at once
def test_postgresql_url_with_schema_and_cli(pg_url, run_cli, tmp_path, monkeypatch, demo_dir):
    res = run_cli("stats", "--db", pg_url)
    assert res.exit_code != 0 and "no such database" in res.output
    st = Store(pg_url)
    assert st.backend == "postgresql" and st.migrate() == []
    st.close()
    monkeypatch.setenv("NEWSTRACE_DB", pg_url)
    res = run_cli("stats", "--json")
    assert res.exit_code == 0 and json.loads(res.output)["articles"] == 0
    bad = pg_url.replace("schema=", "schema=1bad-")
    assert "schema must be a plain name" in run_cli("stats", "--db", bad).output


def _exports(run_cli, db) -> dict[str, list]:
    out = {}
    for kind in EXPORTS:
        res = run_cli("export", kind, "--db", db, "--format", "jsonl")
        assert res.exit_code == 0, res.output
        out[kind] = [json.loads(x) for x in res.output.splitlines() if x.strip()]
    out["stats"] = json.loads(run_cli("stats", "--db", db, "--json").output)
    return out


def _same(a: dict, b: dict) -> None:
    for kind in a:
        assert len(a[kind]) == len(b[kind]), kind
        assert a[kind] == b[kind], f"{kind} exports differ between SQLite and PostgreSQL"


@pytest.mark.parametrize("corpus,models", [("demo", True), ("demo", False), ("seeds", True)])
def test_every_export_is_the_same_on_both_back_ends(corpus, models, pg_url, run_cli, tmp_path, monkeypatch,
                                                    demo_dir, seeds_dir):
    """The corpus analysed on PostgreSQL and on SQLite (with the models, and through the
    model-free paths): articles, actors, quotes, sources, stories, narratives and reuse
    exports, and the counts, are identical."""
    from conftest import TEST_NOW

    src = {"demo": demo_dir, "seeds": seeds_dir}[corpus]
    opts = PipelineOptions(now=TEST_NOW) if models else PipelineOptions(now=TEST_NOW, use_models=False,
                                                                        encoder="none")
    pg = Store(pg_url)
    analyze([str(src)], pg, opts)
    pg.close()
    on_pg = _exports(run_cli, pg_url)
    monkeypatch.delenv("NEWSTRACE_TEST_BACKEND")
    lite = Store(tmp_path / "lite.db")
    assert lite.backend == "sqlite"
    analyze([str(src)], lite, opts)
    lite.close()
    _same(on_pg, _exports(run_cli, tmp_path / "lite.db"))


def test_copy_between_back_ends(pg_url, seed_db, run_cli, tmp_path, monkeypatch):
    """seeds (PostgreSQL run: a PostgreSQL schema) -> a SQLite file -> another schema."""
    before = _exports(run_cli, seed_db)
    monkeypatch.delenv("NEWSTRACE_TEST_BACKEND")
    counts = copy_store(seed_db_url(seed_db), tmp_path / "copy.db")
    assert counts["articles"] == 5 and counts["mentions"] > 0
    lite = _exports(run_cli, tmp_path / "copy.db")
    copy_store(tmp_path / "copy.db", pg_url)
    _same(before, lite)
    _same(before, _exports(run_cli, pg_url))
    assert Store(pg_url, read_only=True).search("PressTV") != []
    with pytest.raises(StoreError, match="not empty"):
        copy_store(tmp_path / "copy.db", pg_url)


def seed_db_url(path) -> str:
    """The URL behind a test path (the PostgreSQL run maps each path to a schema)."""
    from newstrace import _backend

    t = _backend.resolve(str(path), create=False, read_only=True) if os.environ.get("NEWSTRACE_TEST_BACKEND") \
        else None
    if t is None:
        base = os.environ["NEWSTRACE_TEST_PG_URL"]
        import hashlib
        from pathlib import Path

        schema = "t_" + hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:24]
        return base + ("&" if "?" in base else "?") + "schema=" + schema
    return str(path)


def test_two_analyze_processes_at_once(tmp_path, demo_dir):
    """Two `analyze` runs on one store at the same time (halves of the demo, model-free):
    both finish without a locking error, and every article is stored and through the
    corpus stages exactly once."""
    import shutil
    import subprocess
    import sys

    files = sorted(p for p in demo_dir.iterdir() if p.is_file())
    for i, f in enumerate(files):
        (tmp_path / "ab"[i % 2]).mkdir(exist_ok=True)
        shutil.copy(f, tmp_path / "ab"[i % 2] / f.name)
    db = tmp_path / "two.db"
    Store(db).close()
    cmd = [sys.executable, "-m", "newstrace", "analyze", "--no-models", "--now", "2026-11-23", "-q", "--db", str(db)]
    procs = [subprocess.Popen(cmd + [str(tmp_path / x)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for x in "ab"]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    st = Store(db, read_only=True)
    n, done = st.conn.execute("SELECT count(*), sum(corpus_done) FROM articles").fetchone()
    assert n == done >= len(files)  # some files hold several articles
    assert st.stats()["stories"] > 0
    st.close()


def test_progress_handler_interrupts_queries(text_store):
    stop = [False]
    text_store.set_progress_handler(lambda: int(stop[0]), 100)
    assert text_store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    assert text_store.search("barrage")  # a search keeps the caller's handler in force
    stop[0] = True
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        text_store.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) "
                                "SELECT count(*) FROM c").fetchall()
    text_store.set_progress_handler(None)
    assert text_store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
