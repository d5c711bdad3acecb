"""Foreign-script spellings shared between namesake cities (GeoNames alternate names are
uneven: Washington, D.C. has no Arabic-script name where small Washingtons have one)."""
from __future__ import annotations

from newstrace.gazetteer import CITY_ALT_MIN_POP, AliasIndex, Entry, _share_exonyms, alias_index
from newstrace.names import norm_key


def _index(groups):
    ix = AliasIndex()
    namesakes = {}
    for name, cities in groups.items():
        for gid, pop, alts in cities:
            e = Entry(f"gn:{gid}", name, "LOC", None, pop)
            ix.add(e, name)
            if pop >= CITY_ALT_MIN_POP:
                for a in alts:
                    ix.add(e, a)
            namesakes.setdefault(name, []).append((pop, e, alts))
    _share_exonyms(ix, namesakes)
    return ix


def _ids(ix, s):
    return [e.id for e in ix.lookup(norm_key(s), s)]


def test_the_most_populous_namesake_takes_a_script_it_lacks():
    ix = _index({"Washington": [(1, 700_000, ["Вашингтон"]), (2, 20_000, ["Вашингтон", "واشنطن"])]})
    assert _ids(ix, "واشنطن") == ["gn:1"]


def test_a_script_it_has_is_not_extended_and_small_cities_take_nothing():
    ix = _index({"Lyon": [(1, 500_000, ["ليون"]), (2, 20_000, ["لیون"])],
                 "Smallville": [(3, 50_000, []), (4, 20_000, ["سمولفيل"])]})
    assert "لیون" not in ix.aliases("gn:1")
    assert _ids(ix, "سمولفيل") == []


def test_washington_in_arabic_script_is_the_capital():
    ix = alias_index(None)
    hits = ix.lookup(norm_key("واشنطن"), "واشنطن")
    assert hits and hits[0].name == "Washington" and hits[0].rank > 500_000


def test_german_case_forms_of_multiword_names():
    from newstrace.gazetteer import uninflected

    ix = alias_index(None)
    assert [e.id for e in ix.lookup_in("Vereinigten Staaten", "de")][:1] == ["cldr:US"]
    assert [e.id for e in ix.lookup_in("Dominikanischen Republik", "de")][:1] == ["cldr:DO"]
    # only German inflects them so; one word and persons are left to other rules
    assert ix.lookup_uninflected("Vereinigten Staaten", "en") == []
    assert ix.lookup_uninflected("Staaten", "de") == []
    assert uninflected("Vereinigten Staaten", "de", "LOC") == uninflected("Vereinigte Staaten", "de", "LOC")


def test_mentions_and_actors_take_the_entry_of_a_declined_name(tmp_path):
    from newstrace import PipelineOptions, Store, actors, analyze
    from newstrace.mentions import detect
    from newstrace.records import Article

    class Opts:
        use_models = False
        gazetteer = None

    text = "Die Botschaft der Vereinigten Staaten in Bagdad wurde am Dienstag angegriffen."
    m = {x.text: x for x in detect(Article(id="x", text=text, lang="de"), Opts()).mentions}
    assert m["Vereinigten Staaten"].type == "LOC"
    src = tmp_path / "src"
    src.mkdir()
    tail = " Die Lage sei ernst, sagte ein Sprecher der Regierung am Dienstag in Berlin."
    (src / "a.txt").write_text("Angriff\n\n" + text + tail, encoding="utf-8")
    (src / "b.txt").write_text("Reaktion\n\nDie USA verurteilten den Angriff." + tail, encoding="utf-8")
    store = Store(tmp_path / "t.db")
    try:
        analyze([str(src)], store, PipelineOptions(use_models=False, encoder="none", now="2026-11-23",
                                                   stages=("outlet", "clean", "langid", "segment", "mentions",
                                                           "actors")))
        us = actors.find_actor(store, "USA")
        assert us is not None and us == actors.find_actor(store, "Vereinigten Staaten")
    finally:
        store.close()
