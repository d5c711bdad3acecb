"""German mentions: every noun is capitalised, so a capital alone is no name (issue 11)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from newstrace import _nounlex
from newstrace.gazetteer import alias_index
from newstrace.mentions import _candidates, detect
from newstrace.records import Article

pytest.importorskip("wordfreq")


@dataclass(frozen=True)
class Opts:
    use_models: bool = False
    gazetteer: str | None = None


def _texts(article):
    return [m.text for m in article.mentions]


def _de(text: str) -> list[str]:
    """The mentions of a German text, model-free."""
    return _texts(detect(Article(id="de", text=text, lang="de"), Opts()))


@pytest.mark.parametrize("word", ["Verhandlungen", "Temperaturen", "Schluß", "Regengebiet", "Ausweisungsverfahren",
                                  "Kampfeinsätzen", "Mädchen-Team"])
def test_common_german_nouns_and_their_compounds_are_common(word):
    assert _nounlex.common_noun(word, "de")


@pytest.mark.parametrize("word", ["Klinsmann", "Kelsterbach", "Waldmann", "Wiesenborn", "Heuchelbach", "CDU", "Gartenstraße",
                                  "Formel-3000-EM"])
def test_names_acronyms_and_place_or_surname_compounds_are_not(word):
    assert not _nounlex.common_noun(word, "de")


def test_only_german_is_judged():
    assert _nounlex.common_noun("Probleme", "de")
    assert not _nounlex.common_noun("Problem", "en")
    assert not _nounlex.common_noun("Probleme", "nl")


def test_common_nouns_are_no_mentions_and_names_still_are():
    text = ("Die Meteorologen erwarten für das Wochenende steigende Temperaturen. Nach den Verhandlungen "
            "in Kelsterbach sagte Bürgermeister Jürgen Klinsmann, die Verkehrsmittel seien veraltet und "
            "das Regengebiet ziehe nach Osten.")
    got = _de(text)
    for noun in ("Temperaturen", "Verhandlungen", "Verkehrsmittel", "Regengebiet", "Wochenende"):
        assert noun not in got
    assert "Jürgen Klinsmann" in got
    assert "Kelsterbach" in got


def test_a_surname_that_is_also_a_word_is_a_name_after_the_full_name():
    alone = "Am Sonntag spielte Langer in der Schlußrunde sehr gut."
    assert "Langer" not in _de(alone)
    full = "Bernhard Langer gewann am Samstag. " + alone
    got = _de(full)
    assert "Bernhard Langer" in got
    assert got.count("Langer") == 1


def test_with_a_model_a_run_of_common_nouns_is_left_to_it():
    text = "Die Regierung in Bonn verurteilte die Zerstörung von Häusern durch die Armee."
    art = Article(id="de4", text=text, lang="de")
    index = alias_index(None)
    run = "Zerstörung von Häusern"
    s = text.index("Bonn")
    model = [(s, s + 4, "LOC", "spacy:test")]

    def surfaces(model_spans):
        chosen, _links = _candidates(art, model_spans, index)
        return [text[c.start:c.end] for c in chosen]

    assert run in surfaces([])  # the model-free path keeps it ("Rotes Kreuz" is a run of words too)
    with_model = surfaces(model)
    assert run not in with_model
    assert "Bonn" in with_model


def test_other_languages_keep_capitalised_words():
    text = "The Temperaturen exhibition opened in Kelsterbach, said Jürgen Klinsmann."
    got = _texts(detect(Article(id="en1", text=text, lang="en"), Opts()))
    assert "Temperaturen" in got


def test_a_model_span_opening_with_a_role_noun_names_the_person():
    text = "Am Montag traf Außenminister Klaus Kinkel in Bonn ein."
    art = Article(id="de5", text=text, lang="de")
    s = text.index("Außenminister")
    chosen, _links = _candidates(art, [(s, s + len("Außenminister Klaus Kinkel"), "PER", "spacy:test")],
                                 alias_index(None))
    got = {text[c.start:c.end] for c in chosen}
    assert "Klaus Kinkel" in got
    assert not any("Außenminister" in g for g in got)


@pytest.mark.parametrize("word", ["Facebook", "AfD", "BahnCard"])
def test_names_shared_across_languages_and_inner_capitals_are_not_common(word):
    assert not _nounlex.common_noun(word, "de")


def test_a_town_named_like_a_noun_is_no_place_after_an_article():
    text = "Am Ende der Saison zog der Verein nach Siegen. Im Norden bleibt die Lage ruhig."
    got = _de(text)
    assert "Ende" not in got and "Norden" not in got and "Lage" not in got
    assert "Siegen" in got


def test_a_noun_in_apposition_after_an_article_is_not_part_of_the_name():
    text = "Die Behörden der Metropole Kalkutta meldeten Regen. Am Abend sprach Boris Becker in Bonn."
    got = _de(text)
    assert "Kalkutta" in got and "Metropole Kalkutta" not in got
    assert "Boris Becker" in got  # no article: a person's name stays whole


def test_a_capitalised_determiner_opens_no_name():
    text = "Das Spiel war lang. Seinen Treffer erzielte Klinsmann in der Nachspielzeit."
    got = _de(text)
    assert not any(g.startswith("Seinen") for g in got)
    assert "Klinsmann" in got


def test_a_place_adjective_after_an_article_stays_in_the_name():
    text = "Am Sonntag verlor die Braunschweiger SG in Bonn."
    got = _de(text)
    assert "Braunschweiger SG" in got


def test_a_hyphenated_compound_noun_is_not_split_into_names():
    text = "Die Debatte über die DDR-Vergangenheit und die Texas-Reise des Politikers dauert an."
    got = _de(text)
    assert "Vergangenheit" not in got and "DDR-Vergangenheit" not in got
    assert "Reise" not in got


def test_compound_names_of_organisations_and_designated_places_stay():
    text = ("Die Nordflussbehörde warnte vor einem Anschlag auf den Darwasa-Staudamm, sagte ein Sprecher "
            "des Innenministeriums.")
    got = _de(text)
    assert "Nordflussbehörde" in got and "Darwasa-Staudamm" in got
    assert "Anschlag" not in got


def test_the_name_a_compound_noun_opens_is_a_mention():
    # an acronym or a prominent gazetteer name before the last element: "SPD", "EU"; the
    # run after a compound with a role noun is a person
    text = "Der SPD-Agrarpolitiker Rainer Spiering sagte, jedes EU-Land habe Probleme."
    art = detect(Article(id="de7", text=text, lang="de"), Opts())
    got = {m.text: m for m in art.mentions}
    assert {"SPD", "EU", "Rainer Spiering"} <= set(got)
    assert got["SPD"].detector == "rules:compound" and got["Rainer Spiering"].type == "PER"
    assert not any("Agrarpolitiker" in g or "Land" in g for g in got)


def test_any_other_compound_name_needs_the_article_to_name_it_alone():
    named = _de("Der Konzern Zyrtalon schwieg. Viele Zyrtalon-Mitarbeiter sind krank.")
    assert named.count("Zyrtalon") == 2
    unnamed = _de("Viele Zyrtalon-Mitarbeiter sind krank. Der Betrieb schwieg.")
    assert "Zyrtalon" not in unnamed and not any("Mitarbeiter" in g for g in unnamed)


def test_a_model_span_over_a_compound_noun_keeps_the_name_and_the_person_after_it():
    text = "Nordrhein-Westfalen-Premierminister Armin Laschet besuchte Tönnies-Mitarbeiter in Nordrhein-Westfalens Süden."
    art = Article(id="de8", text=text, lang="de")
    spans = []
    for surface in ("Nordrhein-Westfalen-Premierminister Armin Laschet", "Tönnies-Mitarbeiter", "Nordrhein-Westfalens"):
        s = text.index(surface)
        spans.append((s, s + len(surface), "LOC", "spacy:test"))
    chosen, _links = _candidates(art, spans, alias_index(None))
    got = {text[c.start:c.end]: c for c in chosen}
    assert {"Nordrhein-Westfalen", "Armin Laschet", "Tönnies", "Nordrhein-Westfalens"} <= set(got)
    assert got["Armin Laschet"].votes["PER"] >= 3  # after the role noun "-Premierminister"
    assert not any("Mitarbeiter" in g or "Premierminister" in g for g in got)


def test_a_quantifier_determiner_opens_no_name():
    got = _de("Nachrichten aus aller Welt Gütersloh / Berlin - Der Kreis bleibt offen.")
    assert "Gütersloh" in got and not any("Welt" in g for g in got)


def test_the_name_after_a_speech_verb_is_a_person():
    # German puts the subject after the verb in an inverted clause: "sagte Gallera",
    # "…, so Gallera"
    for text in ("„Das ist unannehmbar“, sagte Gallera am Donnerstag.",
                 "„Die Leute müssen zu Hause bleiben“, so Gallera."):
        got = {m.text: m.type for m in detect(Article(id="de9", text=text, lang="de"), Opts()).mentions}
        assert got.get("Gallera") == "PER", (text, got)
    got = {m.text: m.type for m in detect(Article(id="de10", text="Gestern traf Gallera ein.", lang="de"),
                                          Opts()).mentions}
    assert got.get("Gallera") != "PER"  # no speech verb, no person vote
