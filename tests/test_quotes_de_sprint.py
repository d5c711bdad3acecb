"""German statements the rules missed (round 9 sprint, invented sentences, one phenomenon
each): a noun-phrase cue in a verb-second clause that an adverbial opens, whose subject
follows the verb ('Am Montag meldete die Polizei 20 neue Fälle'), and a noun-phrase object
that opens with 'über' before a number ('meldet über 20.000 Fälle'), and the cue
"festgestellt" / "stellte … fest" after a quotation."""
from __future__ import annotations

from test_quotes_round8 import quotes  # the round-8 file's helpers


def test_inverted_subject_before_a_noun_phrase_object():
    qs = quotes("Die Lage bleibt ernst. Am Montag meldete die Polizei 20 neue Fälle in der Stadt.", "de")
    assert [(q.text, q.speaker) for q in qs] == [("20 neue Fälle in der Stadt", "die Polizei")]


def test_inverted_subject_after_a_sentence_adverb_and_a_preposition_cue():
    qs = quotes("Die Preise steigen. Zudem warnte der Minister vor einer langen Rezession.", "de")
    assert [(q.text, q.speaker) for q in qs] == [("einer langen Rezession", "der Minister")]


def test_inverted_subject_keeps_its_genitive_and_its_name():
    qs = quotes("Es gibt Streit. Am Freitag forderte der Sprecher der Polizei mehr Personal.", "de")
    assert [(q.text, q.speaker) for q in qs] == [("mehr Personal", "der Sprecher der Polizei")]
    qs = quotes("Die Saison beginnt. Im Januar meldete das Robert Koch Institut 300 neue Fälle.", "de")
    assert [q.text for q in qs] == ["300 neue Fälle"]

    # a reflexive ('meldete sich') is no object; a verb opening the sentence has no adverbial
    assert quotes("Die Lage bleibt ernst. Am Montag meldete sich die Polizei bei den Anwohnern.", "de") == []
    assert quotes("Die Lage bleibt ernst. Meldete die Polizei neue Fälle?", "de") == []


def test_object_opening_with_ueber_before_a_number():
    qs = quotes("Die Grippewelle rollt. Das Gesundheitsamt meldet über 20.000 Fälle.", "de")
    assert [(q.text, q.speaker) for q in qs] == [("über 20.000 Fälle", "Das Gesundheitsamt")]
    # 'über' before a noun is a topic, no quantity: no noun-phrase object
    assert quotes("Die Grippewelle rollt. Das Gesundheitsamt meldet über Twitter.", "de") == []


def test_festgestellt_and_stellte_fest_after_a_quotation():
    # the perfect ('…“, hat X festgestellt.') and the separable past ('…“, stellte X fest.')
    q = quotes("Die Lage ist ernst. „Es gibt jetzt auch Konzerte im Netz“, hat Anna Weber festgestellt.", "de", "Anna Weber")
    assert [(x.text, x.speaker) for x in q] == [("Es gibt jetzt auch Konzerte im Netz", "Anna Weber")]
    q = quotes("Die Lage ist ernst. „Es gibt jetzt auch Konzerte im Netz“, stellte Anna Weber fest.", "de", "Anna Weber")
    assert [(x.text, x.speaker) for x in q] == [("Es gibt jetzt auch Konzerte im Netz", "Anna Weber")]
    # a finding that is no statement stays none
    assert quotes("Die Ärzte haben einen Tumor festgestellt. Er wird operiert.", "de") == []
