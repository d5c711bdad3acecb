"""Speaker phenomena found on the round-10 SemEval training articles (invented sentences, one
phenomenon each): an Arabic clause that opens with a number or a percentage before its verb
('بينما 30% أفادوا بأنه'): the number is the subject, not a dropped one."""
from __future__ import annotations

from test_quotes_round10 import _said  # (text, speaker) of each quote, the round-10 file's helper


def test_arabic_percentage_before_its_verb_is_the_subject():
    said = _said("وقال 60% من السكان إن الخدمة تحسنت كثيرا، بينما 30% أفادوا بأنه لم يتغير شيء في الحي.", "ar")
    assert said[1] == ("لم يتغير شيء في الحي", "30%")
    # a number after a preposition is a date, not a subject: the dropped subject stays
    said = _said("وقال الوزير إن المشروع سينتهي قريبا. وفي عام 2020 أكد أن العمل سيبدأ في الصيف المقبل.", "ar")
    assert said[1] == ("العمل سيبدأ في الصيف المقبل", "الوزير")


def test_spanish_dropped_subject_after_a_study_that_shows():
    # 'muestra' with a noun-phrase object reports nothing, but its subject is the speaker of the
    # discourse: the dropped subject of 'señala que' right after it, not a person further back
    said = _said("Gracias a los avances, Sofía Pérez puede ver más estrellas. El calendario astronómico "
                 "para 2020 muestra una gran actividad lunar. Pero también señala que tendremos que "
                 "esperar hasta final de año para ver un eclipse.", "es", "Sofía Pérez")
    assert said == [("tendremos que esperar hasta final de año para ver un eclipse",
                     "El calendario astronómico para 2020")]


def test_subject_before_a_bare_noun_apposition_with_its_genitive():
    # 'X, Inhaber von Y, erklärt': a noun without determiner and its genitive link in apposition
    assert _said("Stephan Steiner, Inhaber der Firma, erklärt, dass der Lack hohe Temperaturen braucht.", "de") == [
        ("der Lack hohe Temperaturen braucht", "Stephan Steiner")]
    # the German comparative clause 'Wie X, Inhaber der Firma, erklärt, CONTENT'
    assert _said("Wie Stephan Steiner, Inhaber der Firma, erklärt, braucht der Lack hohe Temperaturen.", "de") == [
        ("braucht der Lack hohe Temperaturen", "Stephan Steiner")]
    assert _said("As Jane Smith, head of the agency, explained, the coating needs ten degrees.", "en") == [
        ("the coating needs ten degrees", "Jane Smith")]
