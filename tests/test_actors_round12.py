"""Round 12, actors on unseen SemEval pairs (dev7, Latin script): "alias" before a nickname
in any case, with a withheld surname written as a quoted letter before it ('Fabián "N" alias La
Vieja'); compass words before a place are that place ("Güney Avustralya'daki", "Batı
Şeria'nın", never a person); Turkish organisations headed by a directorate, governorship or
hospital stay whole ("Emniyet Genel Müdürlüğü"). Sentences written for the tests."""
from __future__ import annotations

from dataclasses import dataclass

from newstrace.mentions import detect
from newstrace.records import Article


@dataclass(frozen=True)
class Opts:
    use_models: bool = False
    gazetteer: str | None = None


def _ments(text: str, lang: str) -> list[tuple[str, str, int]]:
    return [(m.text, m.type, m.local_id) for m in detect(Article(id="x", text=text, lang=lang), Opts()).mentions]


def _entity_of(ms, surface: str) -> int:
    return next(lid for t, _, lid in ms if t == surface)


def test_alias_in_any_case_names_the_same_person():
    cases = [
        ("es", "La violencia siguió a la captura de José Antonio Yepez Ortiz, Alias El Marro, líder del grupo.",
         "José Antonio Yepez Ortiz", "El Marro"),
        ("en", "Police arrested Carlos Mendoza, ALIAS El Gato, on Monday in Sinaloa.", "Carlos Mendoza", "El Gato"),
    ]
    for lang, text, full, nick in cases:
        ms = _ments(text, lang)
        assert nick in [t for t, _, _ in ms], (text, ms)  # the word "Alias" is no part of the name
        assert _entity_of(ms, nick) == _entity_of(ms, full), (text, ms)


def test_quoted_withheld_surname_before_alias():
    ms = _ments('Detuvieron también a Fabián "N" alias Vieja, uno de los fundadores del cártel.', "es")
    assert _entity_of(ms, "Fabián") == _entity_of(ms, "Vieja"), ms


def test_compass_word_before_a_place_is_that_place():
    ms = _ments("Güney Avustralya'daki Myponga şehrinde bir yılan görüldü.", "tr")
    assert ("Güney Avustralya'daki", "LOC") in [(t, ty) for t, ty, _ in ms], ms
    for text, place in (("Plan, Batı Şeria'nın yüzde 30'unu kapsıyor.", "Batı Şeria'nın"),
                        ("İsrail, Doğu Kudüs hakkında açıklama yaptı.", "Doğu Kudüs")):
        ms = _ments(text, "tr")
        assert (place, "LOC") in [(t, ty) for t, ty, _ in ms], (text, ms)


def test_turkish_directorate_stays_one_organisation():
    for text, org in (("Bekçi alımları Emniyet Genel Müdürlüğü tarafından duyurulur.", "Emniyet Genel Müdürlüğü"),
                      ("Yaralı, Afşin Devlet Hastanesi tarafından tedavi edildi.", "Afşin Devlet Hastanesi")):
        ms = _ments(text, "tr")
        assert org in [t for t, _, _ in ms], (text, ms)


def test_organisation_qualified_by_a_place_is_another_body(tmp_path):
    """Across articles, "ABD Ticaret Bakanlığı" (the US commerce department) is not the
    "Ticaret Bakanlığı" of a Turkish town's article; a stray word that is no place still
    joins ("İspanyol Sağlık Bakanlığı" ~ "Sağlık Bakanlığı")."""
    from test_actors_types import _store

    from newstrace import actors

    a = "Pazar\n\nBelediye ekipleri, Ticaret Bakanlığı tedbirlerini uyguladı. Sağlık Bakanlığı da uyardı."
    b = "Siparişler\n\nABD Ticaret Bakanlığı verileri açıkladı. İspanyol Sağlık Bakanlığı da rapor yayımladı."
    store = _store(tmp_path, {"a": (a, [("Ticaret Bakanlığı", "ORG", 0), ("Sağlık Bakanlığı", "ORG", 1)]),
                              "b": (b, [("ABD Ticaret Bakanlığı", "ORG", 0), ("İspanyol Sağlık Bakanlığı", "ORG", 1)])})
    try:
        assert actors.find_actor(store, "ABD Ticaret Bakanlığı") != actors.find_actor(store, "Ticaret Bakanlığı")
        assert actors.find_actor(store, "İspanyol Sağlık Bakanlığı") == actors.find_actor(store, "Sağlık Bakanlığı")
    finally:
        store.close()


def test_organisation_typed_person_keeps_its_qualifier(tmp_path):
    """The models type Turkish ministries PER: the last two words of "ABD Ticaret Bakanlığı"
    are no person's name with a role before it."""
    from test_actors_types import _store

    from newstrace import actors

    a = "Pazar\n\nBelediye ekipleri, Ticaret Bakanlığı tedbirlerini uyguladı."
    b = "Siparişler\n\nABD Ticaret Bakanlığı verileri açıkladı."
    store = _store(tmp_path, {"a": (a, [("Ticaret Bakanlığı", "PER", 0)]),
                              "b": (b, [("ABD Ticaret Bakanlığı", "PER", 0)])})
    try:
        assert actors.find_actor(store, "ABD Ticaret Bakanlığı") != actors.find_actor(store, "Ticaret Bakanlığı")
    finally:
        store.close()
