"""Round 13, actors on unseen SemEval pairs (dev8, Latin script): a photo credit after a name
is no other name of it ("R-EA (Foto: Andreas Solaro / AFP)") and its label is no part of the
agency's name ("Foto: REUTERS"); a person known by the initials of the full name the article
gives ("AMLO" = "Andrés Manuel López Obrador"); a surname written in capitals after the
given names ("Enrique Ramón ICARDO"); a nickname's determiner from the cue tables of every
language ("O Touro", "De Beul"). Sentences written for the tests."""
from __future__ import annotations

from test_actors_round12 import Opts, _entity_of, _ments  # the round-12 file's helpers

from newstrace.mentions import detect
from newstrace.records import Article


def _model_mentions(text: str, lang: str) -> list:
    return detect(Article(id="x", text=text, lang=lang), Opts(use_models=True)).mentions


def _one_entity(cases) -> list:
    """(lang, text, name, other name): the two names are one entity of the text; the mentions."""
    out = []
    for lang, text, a, b in cases:
        ms = _ments(text, lang)
        assert _entity_of(ms, a) == _entity_of(ms, b), (text, ms)
        out.append(ms)
    return out


def test_photo_credit_is_no_alias_of_the_name_before_it():
    for lang, text, name, credit in (
        ("es", "Los bolsos llevaban la inscripción Emporio Armani (Foto: Andreas Solaro / AFP) en la pasarela.",
         "Emporio Armani", "Andreas Solaro"),
        ("en", "Crowds gathered outside the Houses of Parliament (Photo: Daniel Leal / AFP) on Monday.",
         "Houses of Parliament", "Daniel Leal"),
    ):
        ms = _ments(text, lang)
        texts = [t for t, _, _ in ms]
        assert not any(t.startswith(("Foto", "Photo")) and ":" in t for t in texts), (text, ms)
        assert credit in texts and "AFP" in texts, (text, ms)
        assert _entity_of(ms, credit) != _entity_of(ms, name) != _entity_of(ms, "AFP"), (text, ms)


def test_person_known_by_initials_of_the_full_name():
    for ms in _one_entity((
        ("es", "El EZLN criticó los proyectos de AMLO. El Gobierno de Andrés Manuel López Obrador respondió.",
         "Andrés Manuel López Obrador", "AMLO"),
        ("en", "JFK spoke in Berlin. John Fitzgerald Kennedy was then president.", "John Fitzgerald Kennedy", "JFK"),
    )):
        assert "PER" in {ty for t, ty, _ in ms if t in ("AMLO", "JFK")}, ms
    # the initials of an organisation link it, and make no person of it
    ms = _ments("El Consejo Nacional Indígena se reunió. El CNI pidió diálogo al gobierno.", "es")
    assert dict((t, ty) for t, ty, _ in ms).get("CNI") != "PER", ms


def test_surname_in_capitals_after_the_given_names():
    text = "El agresor fue identificado como Enrique Ramón ICARDO que, según la policía, huyó en un auto."
    ms = [(m.text, m.type) for m in _model_mentions(text, "es")]
    assert ("Enrique Ramón ICARDO", "PER") in ms, ms


def test_nickname_determiner_in_any_language():
    _one_entity((
        ("pt", 'A polícia prendeu Carlos "O Touro" Almeida em Lisboa. Segundo a polícia, Touro liderava o grupo.',
         'Carlos "O Touro" Almeida', "Touro"),
        ("nl", 'De politie pakte Jan "De Beul" Jansen op in Utrecht. Volgens de politie leidde Beul de bende.',
         'Jan "De Beul" Jansen', "Beul"),
    ))


def test_company_alone_is_its_country_branch_not_a_listed_place():
    ms = _ments("Carrefour Polska wycofuje z rynku odkurzacz. Klienci mogą go zwrócić w każdym sklepie Carrefour "
                "do końca miesiąca.", "pl")
    assert _entity_of(ms, "Carrefour") == _entity_of(ms, "Carrefour Polska"), ms
    assert dict((t, ty) for t, ty, _ in ms)["Carrefour"] == "ORG", ms


def test_model_span_ends_before_a_function_word():
    text = "El contundente triunfo del América ante el Atlanta United por Concachampions en el Estadio Azteca."
    ms = [m.text for m in _model_mentions(text, "es")]
    assert "Atlanta United" in ms and not any(t.endswith(" por") for t in ms), ms


def test_turkish_suffixed_common_noun_opens_no_name():
    ms = _ments("BM Özel Koordinatörü Nickolay Mladenov açıklama yaptı. Mesajında Mladenov, İsrail'i uyardı. "
                "Mladenov ayrıca konuştu.", "tr")
    assert not any(t.startswith("Mesajında") for t, _, _ in ms), ms
    assert {lid for t, _, lid in ms if "Mladenov" in t} == {_entity_of(ms, "Nickolay Mladenov")}, ms


def test_place_qualified_organisation_is_one_body_within_an_article():
    _one_entity((
        ("en", "The US Department of State issued a warning on Monday. The Department of State said travellers "
               "should leave.", "US Department of State", "Department of State"),
        ("en", "The UK Ministry of Defence announced new orders. The Ministry of Defence said they start in "
               "May.", "UK Ministry of Defence", "Ministry of Defence"),
    ))
