"""Runs of `analyze`: idempotence, updates, bad inputs, and a killed run (issue 2)."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


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
    make_corpus(tmp_path / "in", 320)
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
    assert 0 < n < 320
    # the killed database opens and is consistent
    con = Store(killed_db, read_only=True)
    if con.backend == "sqlite":
        assert con.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    subprocess.run(cmd + ["--db", str(killed_db)], check=True, stdout=subprocess.DEVNULL)
    clean_db = tmp_path / "clean.db"
    subprocess.run(cmd + ["--db", str(clean_db)], check=True, stdout=subprocess.DEVNULL)
    assert dump(killed_db) == dump(clean_db)
