"""Round 10, actor precision (false merges of dev3-dev5, issue 11): a capitalised run that
opens with a role noun in any case form and then an organisation head of the cue table names
a post and an organisation, not a person (dev4: "Szefu Instytutu Lecha Wałęsy" typed PER
joined the institute to Lech Wałęsa). Sentences written for the tests."""
from __future__ import annotations

from dataclasses import dataclass

from newstrace.mentions import _cue_org_head, detect
from newstrace.records import Article


@dataclass(frozen=True)
class Opts:
    use_models: bool = False
    gazetteer: str | None = None


def _types(text: str, lang: str) -> dict[str, str]:
    return {m.text: m.type for m in detect(Article(id="x", text=text, lang=lang), Opts()).mentions}


def test_role_in_another_case_before_an_institute_is_an_organisation():
    got = _types("Policja przesłuchała Szefu Instytutu Adama Lisa w hotelu.", "pl")
    assert got.get("Szefu Instytutu Adama Lisa") == "ORG"
    got = _types("Decyzję podjął Dyrektorowi Instytutu Pamięci w piątek.", "pl")
    assert got.get("Dyrektorowi Instytutu Pamięci") == "ORG"


def test_role_head_rule_needs_the_head_second():
    assert _cue_org_head("Szefa Fundacji Anny Kowalskiej", "pl")
    assert not _cue_org_head("Szefa Anna Kowalska", "pl")  # a role before a person's name
    assert not _cue_org_head("Szefa Fundacji", "pl") or _cue_org_head("Fundacji Kowalskiej", "pl")


def test_acronym_with_one_letter_per_word_spells_the_initials():
    from newstrace.names import acronym_matches

    assert not acronym_matches("PS", "Philippe Close")  # P...s...: letters in order, not initials
    assert not acronym_matches("CS", "Carla Bassi")
    assert acronym_matches("PS", "Parti socialiste")
    assert acronym_matches("dpa", "Deutsche Presse-Agentur")
    assert acronym_matches("EIIL", "État islamique en Irak et au Levant")

