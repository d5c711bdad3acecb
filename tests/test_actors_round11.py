"""Round 11, actors on unseen SemEval pairs (dev6): a role noun of the cue table ends the
organisation before it and opens the person after it, however short the name ("BM
Koordinatörü Mladenov'dan", "Başkan Sunar"); a title run into its article on the same line
is read as a headline ("Biden Endorses Trump For Re-election? Did …"). Sentences written for
the tests."""
from __future__ import annotations

from dataclasses import dataclass

from newstrace.mentions import detect
from newstrace.records import Article


@dataclass(frozen=True)
class Opts:
    use_models: bool = False
    gazetteer: str | None = None


def _ments(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in detect(Article(id="x", text=text, lang=lang), Opts()).mentions]


def test_turkish_role_noun_splits_organisation_role_and_person():
    cases = {
        "BM Koordinatörü Mladenov'dan İsrail'e uyarı geldi.": ("BM", "Mladenov'dan"),
        "Dün akşam İsrail Başbakanı Binyamin Netanyahu’nun planı açıklandı.": ("İsrail", "Binyamin Netanyahu’nun"),
        "Açıklamayı yapan AB Temsilcisi Borrell oldu.": ("AB", "Borrell"),
    }
    for text, (org, per) in cases.items():
        ms = _ments(text, "tr")
        assert org in [t for t, _ in ms], (text, ms)
        assert (per, "PER") in ms, (text, ms)
    # an organisation with a role word inside stays whole: "Genel" is a role noun of the
    # Turkish table, "Kurulu" heads an organisation
    ms = _ments("Birleşmiş Milletler Genel Kurulu dün toplandı.", "tr")
    assert "Birleşmiş Milletler Genel Kurulu" in [t for t, _ in ms], ms


def test_role_noun_opening_the_run_leaves_the_person():
    ms = _ments("Vatandaşlara teşekkür eden Başkan Sunar, konuştu.", "tr")
    assert ("Sunar", "PER") in ms, ms
    ms = _ments("Toplantıda Cumhurbaşkanı Muhamme Sunar'ın isteği okundu.", "tr")
    assert ("Muhamme Sunar'ın", "PER") in ms, ms


def test_title_run_into_the_article_is_a_headline():
    text = ("Biden Endorses Trump For Re-election? Did former vice president Joe Biden just endorse "
            "President Trump? He told the crowd he would endorse nobody else.")
    names = [t for t, _ in _ments(text, "en")]
    assert "Biden" in names and "Trump" in names, names
    assert not any("Endorses" in n for n in names), names
    text = ("Ministro Visita Hospital Central De Madrid. El ministro Pedro Gómez visita hoy el hospital "
            "central de la ciudad.")
    names = [t for t, _ in _ments(text, "es")]
    assert not any("Ministro" in n or "Visita" in n for n in names), names
    assert "Pedro Gómez" in names, names


def test_name_run_into_a_dateline_ends_before_its_city():
    cases = [
        ("de", "Angriffe auf US-Botschaft im Irak Bagdad/Washington (dpa) - Die Erstürmung sorgt für Streit.",
         ("Irak", "Bagdad")),
        ("en", "Protesters storm embassy in Iraq Baghdad (Reuters) - Protesters stormed it on Tuesday.",
         ("Iraq", "Baghdad")),
        ("es", "Protestas en Irak Bagdad (EFE).- Los manifestantes asaltaron la embajada.", ("Irak", "Bagdad")),
        ("fr", "Manifestation en Irak Bagdad (AFP) - Des manifestants ont attaqué l'ambassade.", ("Irak", "Bagdad")),
    ]
    for lang, text, (country, city) in cases:
        names = [t for t, _ in _ments(text, lang)]
        assert country in names and city in names, (lang, names)
    # a dateline city of two words stays whole
    assert "Los Angeles" in [t for t, _ in _ments("Fire in Los Angeles (AP) - A fire broke out.", "en")]


def test_a_model_span_over_a_title_case_headline_ends_at_its_common_words():
    from dataclasses import dataclass

    from newstrace.mentions import _detect_one
    from newstrace.records import Article

    @dataclass(frozen=True)
    class Opts:
        use_models: bool = True
        gazetteer: str | None = None

    for lang, text, head, names in [
        ("en", "Biden Endorses Trump For Re-election? Did former vice president Joe Biden just endorse "
               "President Trump? He told the crowd he would endorse nobody else.",
         "Biden Endorses Trump", ["Biden", "Trump"]),
        ("es", "Sánchez Visita Hospital De Madrid\nEl presidente Pedro Sánchez visita hoy el hospital "
               "central de Madrid.", "Sánchez Visita Hospital De Madrid", ["Sánchez", "Madrid"]),
    ]:
        out = _detect_one(Article(id="h", text=text, lang=lang), Opts(), [(0, len(head), "PER", "spacy:test")])
        got = [m.text for m in out.mentions if m.end <= len(head)]
        assert got == names, got
