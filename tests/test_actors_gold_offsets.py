"""Scoring actors against gold: a gold spelling is scored at its annotated offsets (or, without
offsets, only where it is not part of a longer gold spelling of the article), so that the
occurrences of "Carrefour" inside "Fundacja Carrefour" do not vote for the company's spelling."""
from __future__ import annotations

import json

from newstrace import PipelineOptions, Store, actors, analyze

STAGES = ("outlet", "clean", "langid", "segment", "mentions", "actors")
TEXT = ("Pomoc dla szpitali\n\nFundacja Carrefour przekazała sprzęt szpitalom. Według danych Fundacja "
        "Carrefour pomoże też seniorom, a Fundacja Carrefour także dzieciom. Carrefour otworzył w Krakowie "
        "nowy sklep.")


def _store(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "p.jsonl").write_text(json.dumps({"id": "p", "text": TEXT, "lang": "pl"}), encoding="utf-8")
    store = Store(tmp_path / "t.db")
    analyze([str(src)], store, PipelineOptions(use_models=False, encoder="none", now="2026-11-23", stages=STAGES))
    return store


def _gold(with_spans: bool) -> dict:
    found = TEXT.index("Fundacja Carrefour")
    alone = TEXT.index("Carrefour otworzył")
    ents = [{"canonical": "Fundacja Carrefour", "type": "ORG", "variants": {"p": ["Fundacja Carrefour"]}},
            {"canonical": "Carrefour", "type": "ORG", "variants": {"p": ["Carrefour"]}}]
    if with_spans:
        ents[0]["spans"] = {"p": [[found, found + len("Fundacja Carrefour")]]}
        ents[1]["spans"] = {"p": [[alone, alone + len("Carrefour")]]}
    return {"entities": ents}


def test_gold_spelling_inside_a_longer_name_does_not_vote(tmp_path):
    store = _store(tmp_path)
    try:
        ms = {text for (text,) in store.conn.execute("SELECT text FROM mentions")}
        assert {"Fundacja Carrefour", "Carrefour"} <= ms, ms
        for with_spans in (True, False):
            items = actors.gold_items(store, _gold(with_spans))
            found, company = (it["actor"] for it in items)
            assert found and company and found != company, with_spans
            assert actors.evaluate(store, _gold(with_spans))["pairwise"]["fp"] == 0
    finally:
        store.close()
