"""Round 12: a quoted nickname between a person's given name and surname leaves one name,
whose nickname alone later is the same person; spans inside a headline written in capitals
stay only where the article writes them in mixed case or they are acronyms. Sentences
written for the tests."""
from __future__ import annotations

from newstrace.mentions import detect
from newstrace.records import Article


def _ments(text: str, lang: str):
    return detect(Article(id="x", text=text, lang=lang), None).mentions


def _one_person_with_nickname(text: str, lang: str, full: str, nick: str):
    ms = _ments(text, lang)
    name = [m for m in ms if m.text == full]
    assert name, [m.text for m in ms]
    alone = [m for m in ms if m.text.endswith(nick) and m.start > name[0].end]
    assert alone and all(m.local_id == name[0].local_id for m in alone)


def test_nickname_in_guillemets_spanish():
    _one_person_with_nickname("Apuñalaron a Jorge «La Hiena» Barrios en Córdoba. La policía dijo que "
                              "La Hiena está estable.", "es", "Jorge «La Hiena» Barrios", "Hiena")


def test_nickname_in_quotes_spanish_and_english():
    _one_person_with_nickname('Detienen a Joaquín "El Chapo" Guzmán en Sinaloa. Las autoridades confirmaron '
                              'que El Chapo fue trasladado.', "es", 'Joaquín "El Chapo" Guzmán', "Chapo")
    _one_person_with_nickname('Police arrested Ahmed "Abu Omar" Nasser in Berlin. Abu Omar had been wanted '
                              'since 2019.', "en", 'Ahmed "Abu Omar" Nasser', "Abu Omar")


def test_shouted_headline_keeps_only_mixed_case_names_and_acronyms():
    text = ("ETN Y PRIMERA PLUS CANCELAN SALIDAS A GUANAJUATO - Plaza de Armas  Fernando Vega informó que la "
            "empresa ETN suspendió los viajes a Guanajuato desde Celaya.")
    got = [m.text for m in _ments(text, "es")]
    assert not any(w in g for g in got for w in ("PLUS", "CANCELAN", "SALIDAS"))
    assert "ETN" in got and "GUANAJUATO" in got and "Fernando Vega" in got
    text = "POLICE ARREST SUSPECT IN MADRID RAID\nThe police in Madrid arrested a man on Monday."
    got = [m.text for m in _ments(text, "en")]
    assert not any("SUSPECT" in g or "RAID" in g for g in got)
