"""The Spark job (`newstrace spark analyze`) and the loader (`newstrace load`), in Spark's
local mode: one SparkSession for the whole test session (starting one costs seconds)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newstrace import PipelineOptions, Store, analyze
from newstrace.pipeline import content_key, process_article
from newstrace.records import Article

TEST_NOW = "2026-11-23"
OPTS = PipelineOptions(use_models=False, encoder="none", now=TEST_NOW)
EXPORTS = ["articles", "actors", "quotes", "sources", "stories", "narratives", "reuse"]

if os.environ.get("CI"):
    import pyspark  # noqa: F401  (CI installs the spark extra: a missing pyspark must fail, not skip)
else:
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def spark():
    from newstrace.spark.job import session

    s = session("local[2]", app="newstrace-tests", conf={"spark.driver.memory": "1g"})
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def _exports(db: Path, run_cli) -> dict[str, list]:
    out = {}
    for kind in EXPORTS:
        res = run_cli("export", kind, "--db", db)
        assert res.exit_code == 0, res.output
        out[kind] = sorted(res.stdout.splitlines())
    return out


def test_a_row_gives_back_the_article(tmp_path):
    from newstrace.spark.rows import SCHEMA, article_from_row, row_from_article

    raw = Article(id="x", text="", raw_text="Minister Ana Lopez said: “We will rebuild the dam.”\n\n"
                  "The vote is on 12 March 2024, officials said.", title="Dam vote", url="https://example.org/a",
                  meta={"k": [1, "two"]}, published="2024-03-10")
    a = process_article(raw, OPTS)
    row = row_from_article(a, content_key(a), 3, 4)
    assert len(row) == len(SCHEMA)
    back, key, order = article_from_row(dict(zip([n for n, _k, _s in SCHEMA], row)))
    assert back.as_dict() == a.as_dict() and key == content_key(a) and order == (3, 4)
    assert a.quotes and a.times  # the round trip carried nested records


def test_spark_job_then_load_equals_analyze_on_the_demo(tmp_path, spark, demo_dir, run_cli):
    """Every export of the demo, single process vs Spark job + load (model-free paths)."""
    from newstrace.spark.job import run
    from newstrace.spark.load import load

    single = tmp_path / "single.db"
    store = Store(single)
    s1 = analyze([str(demo_dir)], store, OPTS)
    store.close()
    res = run([str(demo_dir)], str(tmp_path / "out"), OPTS, spark=spark, partitions=3)
    assert res["articles"] == s1.added and res["skipped"] == 0
    loaded = tmp_path / "loaded.db"
    store = Store(loaded)
    s2 = load(tmp_path / "out", store, OPTS)
    assert (s2.added, s2.skipped) == (s1.added, 0)
    # loading again changes nothing (content hashes)
    s3 = load(tmp_path / "out", store, OPTS)
    assert (s3.added, s3.unchanged) == (0, s1.added)
    store.close()
    a, b = _exports(single, run_cli), _exports(loaded, run_cli)
    for kind in EXPORTS:
        assert a[kind] == b[kind], kind
    assert a["articles"] and a["quotes"] and a["stories"]


def test_bad_inputs_and_repeated_ids_are_skipped_with_reasons(tmp_path, spark, run_cli):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text(
        json.dumps({"id": "j1", "text": "The council met on Monday to vote on the bridge."}) + "\n{broken\n"
        + json.dumps({"id": "j1", "text": "Another text under the same id."}) + "\n", encoding="utf-8")
    (src / "bin.txt").write_bytes(b"\x00\x01binary")
    r = run_cli("spark", "analyze", src, "--out", tmp_path / "out", "--no-models", "--now", TEST_NOW,
                "--partitions", "2", "--json")
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert (res["articles"], res["skipped"]) == (1, 3)
    assert spark.sparkContext._jsc is not None  # the command left the caller's session running
    db = tmp_path / "db.sqlite"
    r = run_cli("load", tmp_path / "out", "--db", db, "--no-models", "--now", TEST_NOW)
    assert r.exit_code == 1 and "loaded 1, added 1" in r.output
    reasons = sorted(x["reason"] for x in json.loads(run_cli("skipped", "--db", db, "--json").stdout))
    assert any("malformed JSON" in x for x in reasons)
    assert any("duplicate article id 'j1'" in x for x in reasons)
    assert any("binary content" in x for x in reasons)


def test_near_duplicate_candidates_through_minhashlsh(tmp_path, spark):
    from newstrace.spark.job import run
    from newstrace.spark.load import load

    base = ("The regional water authority said on Tuesday that the northern dam would be closed for "
            "repairs after engineers found cracks in the spillway during a routine inspection last week. "
            "Farmers downstream asked for compensation, and the minister promised a decision within a month.")
    other = ("A football club from the capital won the national cup on Sunday after a penalty shoot-out "
             "that lasted eleven rounds, the longest in the history of the competition, fans said.")
    rows = [{"id": "orig", "text": base, "outlet": "A"},
            {"id": "copy", "text": base.replace("last week", "on Friday"), "outlet": "B"},
            {"id": "far", "text": other, "outlet": "C"}]
    src = tmp_path / "in"
    src.mkdir()
    (src / "x.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    res = run([str(src)], str(tmp_path / "out"), OPTS, spark=spark, partitions=2, near_duplicates=True)
    assert res["near_duplicate_pairs"] == 1
    import pyarrow.parquet as pq

    pairs = pq.read_table(tmp_path / "out" / "near_duplicates").to_pylist()
    assert [(p["a"], p["b"]) for p in pairs] == [("copy", "orig")] and pairs[0]["jaccard"] > 0.5
    store = Store(tmp_path / "db.sqlite")
    s = load(tmp_path / "out", store, OPTS)
    assert s.corpus["near_duplicates"] == {"pairs": 1, "verified_by_reuse": 1}
    assert [tuple(r) for r in store.conn.execute("SELECT a, b, method FROM near_duplicates")] == [
        ("copy", "orig", "spark-minhashlsh")]
    store.close()
