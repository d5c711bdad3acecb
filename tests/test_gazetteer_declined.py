"""Declined place names (`gazetteer.base_forms`, `AliasIndex.lookup_declined`) and their
use by the actors graph."""
from __future__ import annotations

import pytest

from newstrace import _actorgraph as G
from newstrace.gazetteer import alias_index, base_forms, declines


@pytest.fixture(scope="module")
def index():
    return alias_index(None)


@pytest.mark.parametrize("word,lang,entry", [
    ("Polskę", "pl", "cldr:PL"), ("Polsce", "pl", "cldr:PL"), ("Polski", "pl", "cldr:PL"),
    ("Rosji", "pl", "cldr:RU"), ("Europie", "pl", "cldr:150"), ("Europy", "pl", "cldr:150"),
    ("Iranie", "pl", "cldr:IR"), ("России", "ru", "cldr:RU"), ("Suriye'de", "tr", "cldr:SY"),
    # Polish countries named by a plural noun: locative -ach, the softened -szech/-czech/-rzech,
    # instrumental -ami
    ("Chinach", "pl", "cldr:CN"), ("Włoszech", "pl", "cldr:IT"), ("Niemczech", "pl", "cldr:DE"),
    ("Węgrzech", "pl", "cldr:HU"), ("Indiach", "pl", "cldr:IN"), ("Chinami", "pl", "cldr:CN"),
])
def test_declined_forms_find_their_entry(index, word, lang, entry):
    hits, base = index.lookup_declined(word, lang)
    assert hits and hits[0].id == entry, (word, base, hits[:1])
    assert index.lookup_in(word, lang)[0].id == entry


def test_polish_plural_endings_stay_polish(index):
    # Czech shares the singular endings, not the Polish plural locative "-szech"
    assert index.lookup_declined("Włoszech", "cs") == ([], None)


def test_no_declension_guess_outside_declining_languages(index):
    assert not declines("en") and declines("pl") and declines("tr") and declines("ru")
    assert base_forms("Polskę", "en") == [] and index.lookup_declined("Polskę", "en") == ([], None)
    assert index.lookup_in("Polskę", "de") == []


def test_declined_forms_only_name_prominent_entries(index):
    # "Dumy" (the Duma's genitive) is not the Syrian town Dūmā (a small GeoNames city)
    assert index.lookup("duma", "Duma")  # the nominative is a town in the gazetteer...
    assert index.lookup_declined("Dumy", "pl") == ([], None)  # ...its case form is not guessed


def test_continents_are_places(index):
    for name in ("Europe", "Europa", "Afrique", "Asien"):
        hits = index.lookup_in(name, None)
        assert hits and hits[0].type == "LOC" and hits[0].id.startswith("cldr:"), name


def test_entity_of_declined_surface_is_anchored(index):
    nodes, entry = G.entity_nodes(["Polskę"], "LOC", "pl", index)
    assert entry is not None and entry.id == "cldr:PL"
    _, entry_en = G.entity_nodes(["Polskę"], "LOC", "en", index)
    assert entry_en is None


def test_role_trimming_skips_genitive_chains(index):
    # a role before a full name is trimmed to the name...
    nodes, _ = G.entity_nodes(["Bundesvorsitzenden Jörg Meuthen"], "PER", "de", index)
    assert any(role == "trimmed" and name == "Jörg Meuthen" for _, name, role in nodes)
    # ...but a name ending in a declined place is a genitive chain, not a person
    nodes, _ = G.entity_nodes(["Zgromadzenia Parlamentarnego Rady Europy"], "PER", "pl", index)
    assert not any(role == "trimmed" for _, _, role in nodes)
    # a nominative place name may be a given name: still trimmed
    nodes, _ = G.entity_nodes(["Prezydent Rosji Vladimir Putin"], "PER", "pl", index)
    assert any(role == "trimmed" and name == "Vladimir Putin" for _, name, role in nodes)
