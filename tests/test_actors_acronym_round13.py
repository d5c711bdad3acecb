"""Round 13, actors (issue 11): an organisation named in full and by its initials in one
article, with no parenthesis between them, is one actor ("Deutsche Welle" ... "DW"); the
initials skip the cue tables' function words ("Partido dos Trabalhadores" = "PT"); no join
when two long forms of the article spell the acronym, and no person is absorbed. Sentences
written for the tests."""
from __future__ import annotations

from test_actors_round12 import _entity_of, _ments  # the round-12 file's helpers


def test_organisation_and_its_acronym_are_one_actor():
    for lang, text, full, acr in (
        ("de", "Die Deutsche Welle berichtete am Montag über die Proteste. Wie die DW weiter meldete, "
               "wurden zwölf Menschen festgenommen.", "Deutsche Welle", "DW"),
        ("es", "Según informó Europa Press, el consejo se reunió el jueves. La agencia EP añadió que la "
               "votación fue unánime.", "Europa Press", "EP"),
        ("en", "The World Health Organization warned on Monday. The WHO said cases were rising.",
         "World Health Organization", "WHO"),
        ("pt", "O Partido dos Trabalhadores votou contra. O PT pediu novas eleições.", "Partido dos Trabalhadores", "PT"),
    ):
        ms = _ments(text, lang)
        assert _entity_of(ms, full) == _entity_of(ms, acr), (text, ms)
        assert {ty for t, ty, _ in ms if t in (full, acr)} == {"ORG"}, ms
    # two long forms spell "EP": neither is the acronym
    ms = _ments("The European Parliament voted on Tuesday. Europa Press reported that the EP was divided.", "en")
    assert len({_entity_of(ms, x) for x in ("European Parliament", "Europa Press", "EP")}) == 3, ms
    # a person's name, which the article writes by surname too, is no long form
    for lang, text, person in (
        ("en", "Donald Wilson arrived on Monday. Wilson met the DW team.", "Donald Wilson"),
        ("de", "David Weber kam am Montag. Weber traf die DW in Bonn.", "David Weber"),
    ):
        ms = _ments(text, lang)
        assert _entity_of(ms, person) != _entity_of(ms, "DW"), (text, ms)
