"""Cross-corpus actor resolution, the `actor`/`actors`/`export actors`/`eval actors` CLI,
analyst decisions and the user gazetteer."""
from __future__ import annotations

import json

import pytest

from newstrace import PipelineOptions, Store, analyze
from newstrace import actors

STAGES = ("outlet", "clean", "langid", "segment", "mentions", "actors")


def _corpus(tmp_path, docs: dict[str, str], db=None, **kw):
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    for name, text in docs.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    db = db or tmp_path / "t.db"
    store = Store(db)
    analyze([str(src)], store, PipelineOptions(use_models=False, encoder="none", now="2026-11-23",
                                               stages=STAGES, **kw))
    return store, db


DOCS = {
    "a": "Commander speaks\n\nQassim Muslih, a commander of the Popular Mobilization Units (PMU), spoke "
         "in Baghdad on Monday. Muslih said the border was calm.",
    "b": "Talks in Damascus\n\nQassem Musleh met Qassem Soleimani in Damascus. Musleh later said the talks "
         "had gone well, while Soleimani left for Tehran.",
    "c": "Frontière\n\nSelon Qassem Mosleh, les Hachd al-Chaabi contrôlent la frontière avec la Syrie. "
         "M. Mosleh a ajouté que Bagdad et Damas coopèrent.",
}


def test_seed_bar_through_cli(seed_db, seeds_gold_path, run_cli):
    res = run_cli("eval", "actors", "--gold", seeds_gold_path, "--db", seed_db, "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["pairwise"]["precision"] == 1.0
    assert data["pairwise"]["recall"] >= 0.95
    for t in ("PER", "ORG"):
        assert data["by_type"][t]["recall"] == 1.0 and data["by_type"][t]["precision"] == 1.0
    text = run_cli("eval", "actors", "--gold", seeds_gold_path, "--db", seed_db).output
    assert text.startswith("actors pairwise: precision 1.0000")


def test_seed_bar_model_free(seed_db_nomodels, seeds_gold):
    store = Store(seed_db_nomodels)
    try:
        data = actors.evaluate(store, seeds_gold)
    finally:
        store.close()
    assert data["pairwise"]["precision"] == 1.0 and data["pairwise"]["recall"] >= 0.95


def test_actor_any_spelling_and_why(seed_db, run_cli):
    store = Store(seed_db)
    try:
        ids = {actors.find_actor(store, n) for n in ("Qassim Muslih", "Qassem Musleh", "Mosleh", "قاسم مصلح")}
        assert len(ids) == 1 and None not in ids
        aid = ids.pop()
        info = actors.get_actor(store, aid)
        assert info["type"] == "PER"
        assert {"Qassim Muslih", "Qassem Musleh", "Qassem Mosleh", "Muslih"} <= {a["text"] for a in info["aliases"]}
        assert {a["id"] for a in info["articles"]} == {"000_79ad30ed8421e7ea", "002_8a15100b871c5e58",
                                                       "004_b61d84d705ab0fc5"}
        for m in info["mentions"]:
            text = store.get_article(m["article"]).text
            assert text[m["start"]:m["end"]] == m["text"]
        assert any(r["rule"].startswith("translit") for r in info["merges"])
        # mention actor ids are written back
        n = store.conn.execute("SELECT COUNT(*) FROM mentions WHERE actor_id = ?", (aid,)).fetchone()[0]
        assert n == len(info["mentions"])
        assert actors.find_actor(store, "Qassem Soleimani") != aid
        pmf = actors.find_actor(store, "Hachd al-Chaabi")
        assert pmf == actors.find_actor(store, "PMU") == actors.find_actor(store, "Hashd al-Sha’abi")
        assert actors.find_actor(store, "Syrie") == actors.find_actor(store, "Syria")
    finally:
        store.close()
    res = run_cli("actor", "Qassem Mosleh", "--db", seed_db, "--why")
    assert res.exit_code == 0
    assert "Qassim Muslih" in res.output and "why (merge log):" in res.output and "translit" in res.output
    res = run_cli("actor", "Nobody Atall", "--db", seed_db)
    assert res.exit_code == 2 and "no actor named" in res.output


def test_export_contract_and_graph(seed_db, run_cli):
    res = run_cli("export", "actors", "--db", seed_db, "--format", "jsonl")
    rows = [json.loads(line) for line in res.output.splitlines() if line.strip()]
    assert rows and set(rows[0]) == {"id", "name", "type", "aliases", "articles", "mentions"}
    assert set(rows[0]["mentions"][0]) == {"article", "start", "end", "text"}
    res = run_cli("export", "actors", "--db", seed_db, "--format", "gexf")
    assert res.exit_code == 0 and "<gexf" in res.output and "<edge" in res.output
    res = run_cli("actors", "--db", seed_db, "--type", "PER")
    assert res.exit_code == 0 and "Qassim Muslih" in res.output


def test_cross_corpus_resolution_and_no_false_merge(tmp_path):
    store, _ = _corpus(tmp_path, DOCS)
    try:
        m = actors.find_actor(store, "Qassim Muslih")
        assert m == actors.find_actor(store, "Qassem Mosleh") == actors.find_actor(store, "Musleh")
        s = actors.find_actor(store, "Qassem Soleimani")
        assert s is not None and s != m
        assert actors.find_actor(store, "Damas") == actors.find_actor(store, "Damascus")
        assert actors.find_actor(store, "Bagdad") == actors.find_actor(store, "Baghdad")
        assert actors.find_actor(store, "PMU") == actors.find_actor(store, "Hachd al-Chaabi")
        # nothing changes on a re-run
        before = store.conn.execute("SELECT COUNT(*) FROM actors").fetchone()[0]
    finally:
        store.close()
    store, _ = _corpus(tmp_path, DOCS, db=tmp_path / "t.db")
    try:
        assert store.conn.execute("SELECT COUNT(*) FROM actors").fetchone()[0] == before
    finally:
        store.close()


def test_incremental_new_article_joins_existing_actor(tmp_path):
    store, db = _corpus(tmp_path, {"a": DOCS["a"]})
    store.close()
    store, _ = _corpus(tmp_path, {"a": DOCS["a"], "d": "Note\n\nThe statement of قاسم مصلح was read aloud."}, db=db)
    try:
        assert actors.find_actor(store, "قاسم مصلح") == actors.find_actor(store, "Qassim Muslih")
        n = store.conn.execute("SELECT COUNT(*) FROM actor_entities").fetchone()[0]
        assert n > 0
    finally:
        store.close()


def test_analyst_merge_and_split_persist(tmp_path, run_cli):
    store, db = _corpus(tmp_path, DOCS)
    store.close()
    res = run_cli("actor", "split", "Qassim Muslih", "Qassem Mosleh", "--db", db)
    assert res.exit_code == 0, res.output
    res = run_cli("actor", "merge", "Tehran", "Soleimani", "--db", db)
    assert res.exit_code == 0, res.output
    # edit one article so that the corpus stage runs again
    docs = dict(DOCS)
    docs["c"] = DOCS["c"] + " Mosleh a conclu."
    store, _ = _corpus(tmp_path, docs, db=db)
    try:
        assert actors.find_actor(store, "Qassem Mosleh") != actors.find_actor(store, "Qassim Muslih")
        assert actors.find_actor(store, "Tehran") == actors.find_actor(store, "Qassem Soleimani")
        rules = [m["rule"] for m in actors.get_actor(store, actors.find_actor(store, "Tehran"))["merges"]]
        assert "manual:merge" in rules
    finally:
        store.close()
    res = run_cli("actor", "merge", "Nobody Atall", "Tehran", "--db", db)
    assert res.exit_code == 2


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_user_gazetteer(tmp_path, fmt):
    if fmt == "yaml":
        gz = tmp_path / "gaz.yaml"
        gz.write_text("- name: Abu Fadak al-Mohammedawi\n  type: PER\n  qid: Q99999999\n"
                      "  aliases: [Abdulaziz al-Mohammedawi, Abu Fadak]\n", encoding="utf-8")
    else:
        gz = tmp_path / "gaz.csv"
        gz.write_text("name,type,aliases,qid\nAbu Fadak al-Mohammedawi,PER,"
                      "Abdulaziz al-Mohammedawi|Abu Fadak,Q99999999\n", encoding="utf-8")
    docs = {"g1": "One\n\nAbu Fadak al-Mohammedawi spoke in Baghdad.",
            "g2": "Two\n\nAbdulaziz al-Mohammedawi visited Karbala."}
    store, _ = _corpus(tmp_path, docs, gazetteer=str(gz))
    try:
        a = actors.find_actor(store, "Abu Fadak al-Mohammedawi")
        assert a is not None and a == actors.find_actor(store, "Abdulaziz al-Mohammedawi")
        info = actors.get_actor(store, a)
        assert info["qid"] == "Q99999999" and info["type"] == "PER"
    finally:
        store.close()


def test_eval_rejects_bad_gold(tmp_path, seed_db, run_cli):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"entities": [{"canonical": "X"}]}), encoding="utf-8")
    res = run_cli("eval", "actors", "--gold", bad, "--db", seed_db)
    assert res.exit_code == 2 and "variants" in res.output



def _demo_eval(demo_db, demo_gold):
    store = Store(demo_db)
    try:
        return actors.evaluate(store, demo_gold)
    finally:
        store.close()


def test_demo_bar(demo_db, demo_gold):
    """The fictional demo corpus (en/fr/es/de), measured floors (models on): precision
    1.0, recall 0.7111 when written (ORG 0.4175; 0.7758 model-free, ORG 0.3911). The
    encoder links translated organisation names only above a threshold calibrated on real
    organisations (`_orgnames`, cosine 0.85): "International Sahir Basin Commission" =
    "Commission internationale du bassin du Sahir" (0.91) is joined; "Sons of the River" /
    "Hijos del Río" (0.79) and NRA/AFN/ARN (0.71-0.78) stay apart at that precision."""
    data = _demo_eval(demo_db, demo_gold)
    assert data["pairwise"]["recall"] >= 0.71
    assert data["by_type"]["ORG"]["recall"] >= 0.41
    assert data["by_type"]["PER"]["precision"] == 1.0 and data["by_type"]["PER"]["recall"] >= 0.95


def test_demo_bar_precision(demo_db, demo_gold):
    """No two gold entities merged: a place named inside an organisation's name ("Sahir"
    in "Commission internationale du bassin du Sahir (CIBS)"), a designated place
    ("Ammar City") next to an organisation sharing its name ("Ammar University")."""
    data = _demo_eval(demo_db, demo_gold)
    assert data["pairwise"]["precision"] == 1.0, data["false_merges"]


def test_a_lower_case_agency_name_is_an_actor_across_languages(tmp_path):
    # "dpa" is written in lower case; the curated list gives it as a name, in that form only
    store, _ = _corpus(tmp_path, {
        "de": "Bericht\n\nDer Minister sagte der dpa am Montag, die Lage sei ernst. Die Regierung schwieg.",
        "en": "Report\n\nThe minister told the German news agency DPA on Monday that the situation was serious.",
    })
    try:
        a = actors.find_actor(store, "dpa")
        assert a is not None and a == actors.find_actor(store, "Deutsche Presse-Agentur")
        arts = {r[0] for r in store.conn.execute("SELECT article_id FROM mentions WHERE actor_id = ?", (a,))}
        assert arts == {"de", "en"}
        # a lower-case word the list does not give is still no actor
        assert actors.find_actor(store, "minister") is None
    finally:
        store.close()


def test_a_place_after_a_preposition_in_a_long_name_is_no_alias_of_it():
    from newstrace import _actorgraph as G
    from newstrace.gazetteer import alias_index

    index = alias_index(None)
    nodes, _ = G.entity_nodes(["Memorial West Hospital de Pembroke Pines"], "PER", "es", index)
    assert [name for _, name, role in nodes if role == "trimmed"] == []
    # a role before a full name is still trimmed off
    nodes, _ = G.entity_nodes(["Bundesvorsitzenden Jörg Meuthen"], "PER", "de", index)
    assert [name for _, name, role in nodes if role == "trimmed"] == ["Jörg Meuthen"]


def test_a_known_place_with_a_designator_is_that_place():
    from newstrace import _actorgraph as G
    from newstrace.gazetteer import alias_index

    index = alias_index(None)
    town = index.lookup_in("Gütersloh", "de")[0]
    for name in ("Kreis Gütersloh", "Bezirk Gütersloh"):
        _, entry = G.entity_nodes([name], "LOC", "de", index)
        assert entry is not None and entry.id == town.id
    _, entry = G.entity_nodes(["Wuhan City"], "LOC", "en", index)
    assert entry is not None and entry.name == "Wuhan"
    # a person or an organisation is never a place by its designator
    assert G.entity_nodes(["Kreis Gütersloh"], "PER", "de", index)[1] is None
    assert G.entity_nodes(["Kreis"], "LOC", "de", index)[1] is None
