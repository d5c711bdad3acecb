"""Runs of `analyze`: idempotence, updates, bad inputs, and a killed run (issue 2)."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from newstrace import PipelineOptions, Store, analyze
from newstrace.errors import StoreError

OPTS = PipelineOptions(use_models=False, encoder="none", now="2026-11-23")

TEMPLATES = [
    ("Minister {n} visits the northern dam",
     "The water minister visited the northern dam on Tuesday, officials said.\n\n"
     "“We will protect the river,” the minister said in a statement number {n}.\n\nBack to top"),
    ("Le ministre {n} en visite au barrage",
     "Le ministre de l'Eau s'est rendu mardi au barrage du nord, selon des responsables.\n\n"
     "« Nous protégerons le fleuve », a-t-il déclaré dans le communiqué numéro {n}."),
    ("El ministro {n} visita la presa",
     "El ministro del Agua visitó el martes la presa del norte, según fuentes oficiales.\n\n"
     "«Protegeremos el río», dijo el ministro en el comunicado número {n}."),
]


def make_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        title, body = TEMPLATES[i % len(TEMPLATES)]
        (folder / f"a{i:04d}.txt").write_text(f"{title.format(n=i)}\n\n{body.format(n=i)}\n", encoding="utf-8")


def dump(db: Path) -> dict[str, list]:
    """Every row of every table except run bookkeeping and timestamps (either back end)."""
    store = Store(db, read_only=True)
    out = {}
    for t in store.tables():
        if t in ("runs", "skipped", "migrations"):
            continue
        cols = [c for c in store.columns(t) if not (c == "at" or c.endswith("_at"))]
        rows = store.conn.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {t}").fetchall()
        out[t] = sorted(repr(tuple(r)) for r in rows)
    store.close()
    return out


def test_rerun_is_idempotent(tmp_path):
    make_corpus(tmp_path / "in", 6)
    store = Store(tmp_path / "db.sqlite")
    s1 = analyze([str(tmp_path / "in")], store, OPTS)
    assert (s1.read, s1.added, s1.updated, s1.skipped) == (6, 6, 0, 0)
    before = dump(tmp_path / "db.sqlite")
    s2 = analyze([str(tmp_path / "in")], store, OPTS)
    assert (s2.read, s2.added, s2.updated, s2.unchanged) == (6, 0, 0, 6)
    assert dump(tmp_path / "db.sqlite") == before
    store.close()


def test_changed_content_replaces_article(tmp_path):
    make_corpus(tmp_path / "in", 3)
    store = Store(tmp_path / "db.sqlite")
    analyze([str(tmp_path / "in")], store, OPTS)
    p = tmp_path / "in" / "a0001.txt"
    p.write_text("Un titre nouveau\n\nUn texte entièrement nouveau sur le barrage, selon le ministère.\n",
                 encoding="utf-8")
    s = analyze([str(tmp_path / "in")], store, OPTS)
    assert (s.added, s.updated, s.unchanged) == (0, 1, 2)
    a = store.get_article("a0001")
    assert a.title == "Un titre nouveau" and "entièrement nouveau" in a.text
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    # the full-text index follows the update
    assert [r["id"] for r in store.search("entierement")] == ["a0001"]
    assert store.search("ministro 1") == [] or all(r["id"] != "a0001" for r in store.search("ministro"))
    store.close()


def test_one_bad_file_among_good_ones(tmp_path, run_cli):
    make_corpus(tmp_path / "in", 3)
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    (tmp_path / "in" / "feed.jsonl").write_text('{"id": "j1", "text": "Texto."}\n{broken\n', encoding="utf-8")
    db = tmp_path / "db.sqlite"
    res = run_cli("analyze", tmp_path / "in", "--db", db, "--no-models", "--now", "2026-11-23")
    assert res.exit_code == 1
    assert "read 4, added 4, updated 0, unchanged 0, skipped 2" in res.stdout
    assert "bad.txt: binary content" in res.stderr
    assert "feed.jsonl:2: malformed JSON line" in res.stderr
    res = run_cli("skipped", "--db", db, "--json")
    assert len(json.loads(res.stdout)) == 2
    res = run_cli("analyze", tmp_path / "in" / "a0000.txt", "--db", db, "--no-models")
    assert res.exit_code == 0 and "unchanged 1" in res.stdout


def test_all_inputs_bad_exit_code(tmp_path, run_cli):
    (tmp_path / "e.txt").write_text("", encoding="utf-8")
    res = run_cli("analyze", tmp_path, "--db", tmp_path / "db.sqlite", "--no-models")
    assert res.exit_code == 3


def test_not_a_database(tmp_path, run_cli):
    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    res = CliRunnerResult = run_cli("stats", "--db", bad)
    assert CliRunnerResult.exit_code == 2 and "not a usable newstrace database" in res.output
    res = run_cli("stats", "--db", tmp_path / "missing.db")
    assert res.exit_code == 2 and "no such database" in res.output


def test_duplicate_ids_in_one_run(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Title one\n\nBody one.", encoding="utf-8")
    (tmp_path / "in" / "feed.jsonl").write_text('{"id": "a", "text": "Other."}\n', encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    s = analyze([str(tmp_path / "in")], store, OPTS)
    assert s.added == 1 and s.skipped == 1 and "duplicate article id" in s.skipped_items[0]["reason"]
    store.close()


def test_killed_run_then_rerun_equals_uninterrupted_run(tmp_path):
    n_articles = 320  # two read batches at least: the kill lands between their commits
    make_corpus(tmp_path / "in", n_articles)
    cmd = [sys.executable, "-m", "newstrace", "analyze", str(tmp_path / "in"), "--no-models",
           "--now", "2026-11-23", "-q"]
    killed_db = tmp_path / "killed.db"
    proc = subprocess.Popen(cmd + ["--db", str(killed_db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    n = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            con = Store(killed_db, read_only=True)
            n = con.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        except (sqlite3.Error, StoreError):
            continue
        if n > 0:
            break
    assert proc.poll() is None, "the run finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < n < n_articles
    # its worker processes die with it (orphans would hold the database and any pipe open)
    if Path("/proc").is_dir():
        def left() -> list[int]:
            out = []
            for d in Path("/proc").iterdir():
                try:
                    if d.name.isdigit() and str(killed_db).encode() in (d / "cmdline").read_bytes():
                        out.append(int(d.name))
                except OSError:
                    continue
            return out
        deadline = time.time() + 10
        while left() and time.time() < deadline:
            time.sleep(0.2)
        assert left() == []
    # the killed database opens and is consistent
    con = Store(killed_db, read_only=True)
    if con.backend == "sqlite":
        assert con.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    subprocess.run(cmd + ["--db", str(killed_db)], check=True, stdout=subprocess.DEVNULL)
    clean_db = tmp_path / "clean.db"
    subprocess.run(cmd + ["--db", str(clean_db)], check=True, stdout=subprocess.DEVNULL)
    assert dump(killed_db) == dump(clean_db)


# -- batched stages, --force, same content under another id, short transactions (issues 12, 13)

def _fake_stage_module(name: str, calls: list):
    """A per-article stage module with `tag` and `tag_many`: the single form appends the
    article's word count to its title; the batch form must give exactly the same."""
    import types

    mod = types.ModuleType(name)

    def tag(article, options):
        article.title = f"{article.title or ''}|{len(article.text.split())}"
        return article

    def tag_many(articles, options):
        calls.append(len(articles))
        return [tag(a, options) for a in articles]

    mod.tag, mod.tag_many = tag, tag_many
    return mod


def test_batch_form_of_a_stage_is_used_and_gives_the_same_result(tmp_path, monkeypatch):
    import newstrace.pipeline as pl

    calls: list[int] = []
    monkeypatch.setitem(sys.modules, "fake_tag_stage", _fake_stage_module("fake_tag_stage", calls))
    monkeypatch.setattr(pl, "ARTICLE_STAGES", pl.ARTICLE_STAGES + [("tag", "fake_tag_stage", "tag")])
    make_corpus(tmp_path / "in", 9)
    batched = Store(tmp_path / "b.db")
    analyze([str(tmp_path / "in")], batched, replace(OPTS, workers=1))
    assert calls and sum(calls) == 9  # one call with the whole batch
    # the same corpus through the single form only
    monkeypatch.delattr(sys.modules["fake_tag_stage"], "tag_many")
    single = Store(tmp_path / "s.db")
    analyze([str(tmp_path / "in")], single, replace(OPTS, workers=1))
    assert sum(calls) == 9
    batched.close(), single.close()
    assert dump(tmp_path / "b.db") == dump(tmp_path / "s.db")
    check = Store(tmp_path / "b.db")
    titles = [r[0] for r in check.conn.execute("SELECT title FROM articles")]
    check.close()
    assert titles and all("|" in t for t in titles)


def test_a_failing_batch_call_falls_back_to_single_articles(tmp_path, monkeypatch):
    import newstrace.pipeline as pl

    mod = _fake_stage_module("fake_bad_stage", [])
    good_tag = mod.tag

    def tag(article, options):
        if article.id == "a0002":
            raise ValueError("broken article")
        return good_tag(article, options)

    def tag_many(articles, options):
        return [tag(a, options) for a in articles]

    mod.tag, mod.tag_many = tag, tag_many
    monkeypatch.setitem(sys.modules, "fake_bad_stage", mod)
    monkeypatch.setattr(pl, "ARTICLE_STAGES", pl.ARTICLE_STAGES + [("tag", "fake_bad_stage", "tag")])
    make_corpus(tmp_path / "in", 20)
    for workers in (1, 2):  # inline, and through worker processes (the reason travels back)
        store = Store(tmp_path / f"db{workers}.sqlite")
        s = analyze([str(tmp_path / "in")], store, replace(OPTS, workers=workers))
        assert s.added == 19 and s.skipped == 1
        assert "broken article" in s.skipped_items[0]["reason"]
        assert store.get_article("a0002") is None and store.get_article("a0003") is not None
        store.close()


def test_an_article_the_store_rejects_is_skipped_and_its_batch_kept(tmp_path, monkeypatch):
    real = Store.upsert_articles

    def upsert(self, articles, force=False):
        if any(a.id == "a0004" for a in articles):
            raise ValueError("value out of range")
        return real(self, articles, force=force)

    monkeypatch.setattr(Store, "upsert_articles", upsert)
    make_corpus(tmp_path / "in", 12)
    store = Store(tmp_path / "db.sqlite")
    s = analyze([str(tmp_path / "in")], store, OPTS)
    assert s.added == 11 and s.skipped == 1
    assert "a0004 could not be stored: ValueError: value out of range" in s.skipped_items[0]["reason"]
    assert s.skipped_items[0]["path"].endswith("a0004.txt")
    assert store.get_article("a0004") is None and store.get_article("a0005") is not None
    assert [r["reason"] for r in store.skipped()] == [s.skipped_items[0]["reason"]]
    store.close()


def test_a_store_that_rejects_every_article_stops_the_run(tmp_path, monkeypatch):
    def upsert(self, articles, force=False):
        if articles:
            raise ValueError("disk full")
        return []

    monkeypatch.setattr(Store, "upsert_articles", upsert)
    make_corpus(tmp_path / "in", 3)
    store = Store(tmp_path / "db.sqlite")
    with pytest.raises(ValueError, match="disk full"):  # not three skipped articles
        analyze([str(tmp_path / "in")], store, OPTS)
    store.close()


def test_worker_processes_give_the_same_database(tmp_path):
    make_corpus(tmp_path / "in", 40)
    one, two = Store(tmp_path / "one.db"), Store(tmp_path / "two.db")
    analyze([str(tmp_path / "in")], one, replace(OPTS, workers=1))
    analyze([str(tmp_path / "in")], two, replace(OPTS, workers=2))
    one.close(), two.close()
    assert dump(tmp_path / "one.db") == dump(tmp_path / "two.db")


@pytest.mark.skipif(__import__("multiprocessing").get_start_method() != "fork",
                    reason="workers share preloaded resources only when forked")
def test_workers_share_what_the_parent_preloaded(tmp_path, monkeypatch):
    """A stage module's ``preload(options)`` runs once, in the parent, before the pool
    forks: every worker then finds the resource loaded (it does not load its own)."""
    import types

    import newstrace.pipeline as pl

    mod = types.ModuleType("fake_preload_stage")
    mod.LOADED_IN = None
    preloads: list[int] = []

    def preload(options):
        preloads.append(os.getpid())
        mod.LOADED_IN = os.getpid()

    def tag(article, options):
        if mod.LOADED_IN is None:  # lazy load, as a stage does without preloading
            mod.LOADED_IN = os.getpid()
        article.title = f"{article.title or ''}|{mod.LOADED_IN}|{os.getpid()}"
        return article

    mod.preload, mod.tag = preload, tag
    monkeypatch.setitem(sys.modules, "fake_preload_stage", mod)
    monkeypatch.setattr(pl, "ARTICLE_STAGES", pl.ARTICLE_STAGES + [("tag", "fake_preload_stage", "tag")])
    make_corpus(tmp_path / "in", 40)
    store = Store(tmp_path / "db.sqlite")
    s = analyze([str(tmp_path / "in")], store, replace(OPTS, workers=2))
    titles = [r[0] for r in store.conn.execute("SELECT title FROM articles")]
    store.close()
    assert s.added == 40 and preloads == [os.getpid()]
    loaded_in = {t.split("|")[1] for t in titles}
    ran_in = {t.split("|")[2] for t in titles}
    assert loaded_in == {str(os.getpid())}  # the parent's copy, in every worker
    assert str(os.getpid()) not in ran_in  # the stage itself ran in the workers
    assert "tag" in s.stage_cpu


@pytest.mark.skipif(__import__("multiprocessing").get_start_method() != "fork",
                    reason="workers share preloaded resources only when forked")
@pytest.mark.parametrize("batch_size, whole", [(200, True), (25, False)])
def test_preload_is_given_the_input_when_it_is_the_whole_run(tmp_path, monkeypatch, batch_size, whole):
    """A stage's ``preload(options, articles)`` is given the articles to load for (the NER
    pipelines of their languages only) when the pool forks on the run's last batch, so that
    they are all the run will process; when more may follow, None (load everything)."""
    import types

    import newstrace.pipeline as pl

    mod = types.ModuleType("fake_preload_stage2")
    given: list = []

    def preload(options, articles=None):
        given.append(None if articles is None else sorted(a.id for a in articles))

    mod.preload, mod.tag = preload, lambda article, options: article
    monkeypatch.setitem(sys.modules, "fake_preload_stage2", mod)
    monkeypatch.setattr(pl, "ARTICLE_STAGES", pl.ARTICLE_STAGES + [("tag2", "fake_preload_stage2", "tag")])
    monkeypatch.setattr(pl, "BATCH_SIZE", batch_size)
    make_corpus(tmp_path / "in", 40)
    store = Store(tmp_path / "db.sqlite")
    s = analyze([str(tmp_path / "in")], store, replace(OPTS, workers=2))
    store.close()
    assert s.added == 40 and len(given) == 1
    assert (given[0] is not None and len(given[0]) == 40) if whole else given[0] is None


def test_force_replaces_what_was_derived(tmp_path):
    """Issue 12: --force used to reprocess and then discard the result (same hash).
    Re-dating with a new events file is the case users hit."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "k.txt").write_text(
        "Villages flooded\n\nVillagers were still cleaning up. The Kerrin dam, which gave way on "
        "Tuesday, flooded three villages, officials said.\n", encoding="utf-8")
    ev = tmp_path / "events.yaml"
    ev.write_text("- name: Kerrin dam breach\n  terms: [Kerrin dam]\n  date: 2021-03-09\n", encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    analyze([str(tmp_path / "in")], store, OPTS)
    before = store.get_article("k").published_range
    s = analyze([str(tmp_path / "in")], store, replace(OPTS, events=str(ev)))
    assert s.unchanged == 1 and store.get_article("k").published_range == before  # without --force
    s = analyze([str(tmp_path / "in")], store, replace(OPTS, events=str(ev), force=True))
    assert (s.updated, s.unchanged) == (1, 0)
    rng = store.get_article("k").published_range
    assert (rng.earliest, rng.latest) == ("2021-03-09", "2021-03-15")
    assert any("Kerrin dam breach" in e for e in rng.evidence)
    store.close()


def test_same_content_under_another_path_is_skipped_with_its_reason(tmp_path):
    """Issue 12: `analyze examples/` after `analyze examples/demo` stored every article
    twice under new ids."""
    make_corpus(tmp_path / "root" / "demo", 4)
    (tmp_path / "root" / "other.txt").write_text("Another title\n\nAnother text entirely.\n", encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    analyze([str(tmp_path / "root" / "demo")], store, OPTS)
    s = analyze([str(tmp_path / "root")], store, OPTS)
    assert (s.added, s.duplicates, s.skipped) == (1, 4, 4)
    reasons = sorted(i["reason"] for i in s.skipped_items)
    assert reasons[0] == "same content as article 'a0000'"
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    # a copy inside one run, and a wire story in two outlets (different URL: kept)
    (tmp_path / "j").mkdir()
    rec = {"text": "A wire story about the dam, carried by many outlets.", "title": "Dam"}
    (tmp_path / "j" / "w.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {**rec, "id": "w1", "url": "https://one.example/a"},
        {**rec, "id": "w2", "url": "https://two.example/b"},
        {**rec, "id": "w3", "url": "https://one.example/a"},
    ]) + "\n", encoding="utf-8")
    s = analyze([str(tmp_path / "j")], store, OPTS)
    assert (s.added, s.duplicates) == (2, 1)
    assert s.skipped_items[0]["reason"] == "same content as article 'w1'"
    store.close()


@pytest.mark.sqlite_only("probes SQLite's file write lock; PostgreSQL writers queue on the store's lock")
def test_no_write_transaction_is_open_while_the_stages_run(tmp_path, monkeypatch):
    """Issue 12: `actor merge` during an ingest got "database is locked": the models ran
    inside the batch's transaction. A writer with no patience at all must get in while a
    per-article stage runs."""
    import newstrace.pipeline as pl

    db = tmp_path / "db.sqlite"
    got_in: list[bool] = []

    def probe(article, options):
        con = sqlite3.connect(db, timeout=0)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            got_in.append(True)
        except sqlite3.OperationalError:
            got_in.append(False)
        finally:
            con.close()
        return article

    import types
    mod = types.ModuleType("fake_probe_stage")
    mod.probe = probe
    monkeypatch.setitem(sys.modules, "fake_probe_stage", mod)
    monkeypatch.setattr(pl, "ARTICLE_STAGES", pl.ARTICLE_STAGES + [("probe", "fake_probe_stage", "probe")])
    make_corpus(tmp_path / "in", 450)  # three read batches: stages of one run while another is written
    store = Store(db)
    analyze([str(tmp_path / "in")], store, replace(OPTS, workers=1, stages=("clean", "probe")))
    store.close()
    assert len(got_in) == 450 and all(got_in)


def test_summary_keeps_article_and_corpus_dates_times_apart(tmp_path):
    make_corpus(tmp_path / "in", 3)
    store = Store(tmp_path / "db.sqlite")
    s = analyze([str(tmp_path / "in")], store, OPTS)
    store.close()
    assert "dates" in s.stage_seconds and "dates.update" in s.stage_seconds
    assert "dates" in s.stage_cpu and "dates.update" in s.stage_cpu


def test_content_key_is_the_same_before_and_after_the_stages():
    """`load` sees processed articles (title suffix split off, outlet found): their key
    must be the one `analyze` stored for the raw article."""
    from newstrace.pipeline import content_key, process_article
    from newstrace.records import Article

    raw = Article(id="k", text="", raw_text="The minister visited the dam on Tuesday, officials said.",
                  title="Minister visits dam - Harbor News", url="https://harbor.example/a")
    key = content_key(Article(**{**raw.as_dict(), "meta": {}}))
    done = process_article(raw, OPTS)
    assert done.title == "Minister visits dam" and done.outlet == "Harbor News"
    assert content_key(done) == key
    title = "Minister visits dam - Harbor News"
    assert content_key(Article(id="k2", text="", raw_text=raw.raw_text.upper(), title=title, url=raw.url)) == key
    assert content_key(Article(id="k3", text="", raw_text=raw.raw_text, title=title,
                               url="https://other.example/b")) != key
