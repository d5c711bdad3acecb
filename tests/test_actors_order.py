"""`actors.update` is idempotent and order-independent (issue 12), on real news: SemEval-2022
Task 8 articles in seven languages (read from ../shared, never copied). The actors are a
function of the stored articles and the analyst's decisions: one batch run, the same
articles fed in shuffled chunks, a run killed half-way and resumed, and a second run over
the same articles all give the same export."""
from __future__ import annotations

import csv
import json
import random

import pytest

from conftest import SHARED
from newstrace import PipelineOptions, Store, actors
from newstrace import _actorrun
from newstrace import analyze as run_pipeline
from newstrace.store import copy_store

PAIRS = SHARED / "corpus" / "dev" / "semeval2022t8" / "pairs.csv"
PER_ARTICLE = ("outlet", "clean", "langid", "segment", "mentions")
OPTS = PipelineOptions(use_models=False, encoder="none", now="2026-11-23")


@pytest.fixture(scope="module")
def base_db(tmp_path_factory):
    """~40 real articles (same-story pairs in ar, de, en, es, fr, pl, tr and de-en) through
    the per-article stages only, so that each test runs the actors stage itself."""
    assert PAIRS.is_file(), f"{PAIRS} is missing"
    csv.field_size_limit(10 ** 9)
    by_lang: dict[str, list] = {}
    with open(PAIRS, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if float(r["Overall"]) <= 1.5:
                by_lang.setdefault(f"{r['lang1']}-{r['lang2']}", []).append(r)
    tmp = tmp_path_factory.mktemp("order")
    src = tmp / "articles.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for key in sorted(by_lang):
            for r in by_lang[key][:3]:
                a, b = r["pair_id"].split("_")
                for aid, lang, text in ((a, r["lang1"], r["text1"]), (b, r["lang2"], r["text2"])):
                    fh.write(json.dumps({"id": aid, "text": text.strip(), "lang": lang}, ensure_ascii=False) + "\n")
    db = tmp / "base.db"
    store = Store(db)
    run_pipeline([str(src)], store, PipelineOptions(use_models=False, encoder="none", now="2026-11-23",
                                                    stages=PER_ARTICLE))
    store.close()
    return db


def _copy(base, tmp_path, name):
    dst = tmp_path / f"{name}.db"
    copy_store(base, dst)  # a file copy would not copy a PostgreSQL store
    return Store(dst)


def _ids(store) -> list[str]:
    return sorted(r[0] for r in store.conn.execute("SELECT id FROM articles"))


def _state(store) -> dict:
    """Everything a user sees of the actors: the export, the actor of every mention, the
    names and types, and the explanations (`--why`) without their times."""
    rows = list(actors.export_rows(store))
    why = sorted((r["actor_id"], r["rule"], r["score"], r["evidence"]) for r in store.conn.execute(
        "SELECT m.actor_id, m.rule, m.score, m.evidence FROM merge_log m JOIN actors a ON a.id = m.actor_id "
        "WHERE a.merged_into IS NULL"))
    ments = sorted(tuple(r) for r in store.conn.execute(
        "SELECT article_id, idx, actor_id FROM mentions ORDER BY article_id, idx"))
    return {"export": rows, "why": why, "mentions": ments}


@pytest.fixture(scope="module")
def batch(base_db, tmp_path_factory):
    store = _copy(base_db, tmp_path_factory.mktemp("batch"), "batch")
    actors.update(store, _ids(store), OPTS)
    state = _state(store)
    yield store, state
    store.close()


def test_batch_resolves_real_articles(batch):
    store, state = batch
    assert len(state["export"]) > 50
    assert sum(1 for m in state["mentions"] if m[2]) > 0.5 * len(state["mentions"])


def test_update_twice_changes_nothing(batch):
    store, state = batch
    actors.update(store, _ids(store), OPTS)
    assert _state(store) == state
    some = _ids(store)[::5]
    actors.update(store, some, OPTS)
    assert _state(store) == state


def test_rerun_of_one_article_rewrites_only_its_actors(base_db, batch, tmp_path, monkeypatch):
    """Reclustering leaves the actors of the region that did not change alone (a region can
    be a large part of the graph): re-running one article writes at most the actors its
    nodes belong to, and the result is the batch's."""
    _, state = batch
    store = _copy(base_db, tmp_path, "one")
    try:
        ids = _ids(store)
        actors.update(store, ids, OPTS)
        # the whole graph as the region, as when the new names touch a giant connected part
        everything = {r[0] for r in store.conn.execute("SELECT node FROM actor_nodes")}
        region = _actorrun.Run.region
        monkeypatch.setattr(_actorrun.Run, "region", lambda self, seeds: region(self, set(seeds) | everything))
        written = []
        real = _actorrun.Run.write_actor
        monkeypatch.setattr(_actorrun.Run, "write_actor",
                            lambda self, aid, gaz, members: written.append(aid) or real(self, aid, gaz, members))
        one = ids[len(ids) // 2]
        mine = {r[0] for r in store.conn.execute(
            "SELECT DISTINCT actor_id FROM actor_entities WHERE article_id = ?", (one,))}
        actors.update(store, [one], OPTS)
        assert set(written) <= mine
        assert len(written) < store.conn.execute("SELECT count(*) FROM actors").fetchone()[0] / 4
        assert _state(store) == state
    finally:
        store.close()


def test_entities_and_merge_log_are_read_by_node_through_an_index(batch):
    store, _ = batch
    if getattr(store, "backend", "sqlite") != "sqlite":
        pytest.skip("query plans are SQLite's")
    for sql in ("SELECT name, type FROM actor_entities WHERE node IN (?, ?)",
                "DELETE FROM merge_log WHERE other IN (?, ?)"):
        plan = " ".join(str(tuple(r)) for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, ("x", "y")))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan


def test_within_document_log_rows_are_rewritten_through_the_article_index(batch):
    """Every article has an "entity:0": the look-up by (article, other) must not go
    through merge_log_other, which holds one such row per stored article."""
    store, _ = batch
    if getattr(store, "backend", "sqlite") != "sqlite":
        pytest.skip("query plans are SQLite's")
    sql = "UPDATE merge_log SET actor_id = ? WHERE article_id = ? AND other = ?"
    plan = " ".join(str(tuple(r)) for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, ("a", "x", "entity:0")))
    assert "merge_log_article_other" in plan, plan


@pytest.mark.parametrize("seed", [1, 2])
def test_shuffled_chunks_equal_batch(base_db, batch, tmp_path, seed):
    _, state = batch
    store = _copy(base_db, tmp_path, f"chunks{seed}")
    try:
        ids = _ids(store)
        random.Random(seed).shuffle(ids)
        for i in range(0, len(ids), 7):
            actors.update(store, ids[i:i + 7], OPTS)
        got = _state(store)
        assert got == state, _debug_diff(got, state)
    finally:
        store.close()


def test_killed_run_resumed_equals_batch(base_db, batch, tmp_path, monkeypatch):
    _, state = batch
    store = _copy(base_db, tmp_path, "killed")
    try:
        ids = _ids(store)
        random.Random(3).shuffle(ids)
        actors.update(store, ids[:10], OPTS)
        real = _actorrun.Run.recluster

        def crash(self, seeds):
            raise KeyboardInterrupt("killed")

        monkeypatch.setattr(_actorrun.Run, "recluster", crash)
        with pytest.raises(KeyboardInterrupt):
            actors.update(store, ids[10:25], OPTS)
        monkeypatch.setattr(_actorrun.Run, "recluster", real)
        # the pipeline hands the next run what is new plus what the killed run left undone
        actors.update(store, ids[10:], OPTS)
        assert _state(store) == state
    finally:
        store.close()


def test_analyst_decisions_survive_any_order(base_db, tmp_path):
    """A merge and a split made after one order of runs give the same actors as the same
    decisions made after another order (decisions are part of the input)."""
    results = []
    for k, seed in enumerate((4, 5)):
        store = _copy(base_db, tmp_path, f"dec{k}")
        try:
            ids = _ids(store)
            random.Random(seed).shuffle(ids)
            for i in range(0, len(ids), 11):
                actors.update(store, ids[i:i + 11], OPTS)
            actors.decide_merge(store, "Donald Trump", "Bernie Sanders")
            actors.update(store, ids[:6], OPTS)
            a = actors.find_actor(store, "Donald Trump")
            assert a is not None and a == actors.find_actor(store, "Bernie Sanders")
            assert any(m["rule"] == "manual:merge" for m in actors.get_actor(store, a)["merges"])
            results.append(_state(store)["export"])
        finally:
            store.close()
    assert results[0] == results[1]


def _debug_diff(a, b):  # pragma: no cover - helper for failures
    sa, sb = set(a["why"]), set(b["why"])
    return sorted(sa - sb)[:5], sorted(sb - sa)[:5]
