"""Foundation checks on the real seed articles (issue 2)."""
from __future__ import annotations

import json



def test_languages_outlets_titles(seed_store, seeds_gold):
    arts = {a.id: a for a in seed_store.iter_articles()}
    assert set(arts) == set(seeds_gold["articles"])
    for aid, gold in seeds_gold["articles"].items():
        assert arts[aid].lang == gold["lang"], aid
        assert arts[aid].outlet == gold["outlet"], aid
    assert arts["004_b61d84d705ab0fc5"].title is None
    assert all(arts[a].title for a in arts if a != "004_b61d84d705ab0fc5")


def test_boilerplate_removed_and_nothing_else_lost(seed_store, seeds_gold, seeds_dir):
    from collections import Counter

    from newstrace.clean import fold_line

    for a in seed_store.iter_articles():
        gold_bp = seeds_gold["boilerplate"].get(a.id, [])
        assert sorted(a.boilerplate) == sorted(gold_bp), a.id
        raw_lines = [ln.strip() for ln in (seeds_dir / f"{a.id}.txt").read_text(encoding="utf-8").split("\n")]
        if a.meta.get("raw_title"):
            assert raw_lines[0] == a.meta["raw_title"]
            raw_lines[0] = a.title
        kept = Counter(fold_line(ln) for ln in raw_lines if ln and ln not in gold_bp)
        lost = kept - Counter(fold_line(p) for p in a.text.split("\n\n"))
        expected = Counter([fold_line(a.title)]) if a.id in seeds_gold["duplicate_title_in_body"] else Counter()
        assert lost == expected, a.id


def test_repeated_title_dropped(seed_store, seeds_gold):
    for aid in seeds_gold["duplicate_title_in_body"]:
        a = seed_store.get_article(aid)
        assert a.text.count(a.title) == 1


def test_spans_are_slices_of_text(seed_store):
    for a in seed_store.iter_articles():
        assert a.sentences
        for s in a.sentences:
            assert a.text[s.start:s.end] == s.text and s.text.strip() == s.text
        for m in a.mentions:
            assert a.text[m.start:m.end] == m.text
        for q in a.quotes:
            assert a.text[q.start:q.end] == q.text


def test_sentences_french_abbreviation(seed_store):
    a = seed_store.get_article("004_b61d84d705ab0fc5")
    # "M. Mosleh" must not end a sentence
    assert not any(s.text.endswith(" M.") for s in a.sentences)


def test_export_articles_contract(seed_db, run_cli):
    res = run_cli("export", "articles", "--db", seed_db)
    rows = [json.loads(l) for l in res.stdout.splitlines()]
    assert len(rows) == 5
    assert set(rows[0]) == {"id", "title", "outlet", "url", "lang", "published", "published_range",
                            "chars", "text", "boilerplate"}
    res = run_cli("export", "articles", "--db", seed_db, "--format", "csv")
    assert res.stdout.splitlines()[0].startswith("id,title,outlet")


def test_search_and_stats(seed_db, run_cli):
    res = run_cli("search", "Musleh", "--db", seed_db, "--json")
    ids = [r["id"] for r in json.loads(res.stdout)]
    assert ids == ["002_8a15100b871c5e58"]
    # accent-insensitive
    res = run_cli("search", "unites", "--db", seed_db, "--json")
    assert [r["id"] for r in json.loads(res.stdout)] == ["004_b61d84d705ab0fc5"]
    # invalid FTS syntax falls back to a phrase
    assert run_cli("search", "al-Sha'abi (", "--db", seed_db).exit_code == 0
    res = run_cli("stats", "--db", seed_db, "--json")
    st = json.loads(res.stdout)
    assert st["articles"] == 5 and st["languages"] == {"en": 4, "fr": 1}
    assert st["stories"] == 4 and st["narratives"] == 1  # live ones, not merged redirects


def test_model_free_path_languages(seed_db_nomodels, seeds_gold):
    from newstrace import Store

    st = Store(seed_db_nomodels)
    for a in st.iter_articles():
        assert a.lang == seeds_gold["articles"][a.id]["lang"]
        assert a.lang_method.startswith("rules:")
    st.close()
