"""Quote phenomena found on the round-10 SemEval training articles (invented sentences, one
phenomenon each): German hope and fear verbs with a dass-clause, a study that shows that,
'nach ersten Ermittlungen der Polizei' and a leading source whose clause follows with no
comma (after its place: 'der Behörden in Bayern'), Arabic complementizers written without
the hamza, 'أظهرت الدراسة أن' and the plural 'أفادوا بأن', Spanish 'el estudio muestra que'."""
from __future__ import annotations

from test_quotes_round8 import quotes  # the round-8 file's helpers


def _said(text: str, lang: str, *names: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes(text, lang, *names)]


def test_german_hope_and_fear_verbs_report_their_dass_clause():
    assert _said("Die Bürgermeisterin hofft, dass die Bäder im Juni wieder öffnen.", "de") == [
        ("die Bäder im Juni wieder öffnen", "Die Bürgermeisterin")]
    # an adverb between the verb and the comma
    assert _said("Viele Händler befürchten allerdings, dass die Mieten weiter steigen.", "de") == [
        ("die Mieten weiter steigen", "Viele Händler")]


def test_german_study_shows_that():
    assert _said("Eine Umfrage der Kammer zeigt, dass jeder dritte Betrieb Personal sucht.", "de") == [
        ("jeder dritte Betrieb Personal sucht", "Eine Umfrage der Kammer")]
    # with a noun-phrase object 'zeigt' reports nothing
    assert _said("Das Bild zeigt den Bürgermeister vor dem Rathaus.", "de") == []


def test_german_leading_source_before_the_verb_without_a_comma():
    assert _said("Nach ersten Ermittlungen der Polizei war der Lieferwagen zu schnell unterwegs.", "de") == [
        ("war der Lieferwagen zu schnell unterwegs", "der Polizei")]
    assert _said("Nach Informationen des Senders will die Stadt das Stadion verkaufen.", "de") == [
        ("will die Stadt das Stadion verkaufen", "des Senders")]
    # the source's place belongs to the source, not to the content
    assert _said("Nach Angaben der Feuerwehr in Kassel wurden drei Menschen verletzt.", "de") == [
        ("wurden drei Menschen verletzt", "der Feuerwehr in Kassel")]


def test_arabic_complementizers_without_the_hamza():
    assert _said("وقال المدير ان المصنع سيفتح أبوابه الشهر المقبل.", "ar") == [
        ("المصنع سيفتح أبوابه الشهر المقبل", "المدير")]
    assert _said("وأوضح المدير انه سيزور المصنع الشهر المقبل.", "ar") == [
        ("سيزور المصنع الشهر المقبل", "المدير")]


def test_arabic_showed_that_and_plural_reported():
    assert _said("وأظهر الاستطلاع أن نصف السكان يفضلون النقل العام.", "ar") == [
        ("نصف السكان يفضلون النقل العام", "الاستطلاع")]
    assert [t for t, _ in _said("وأفادوا بأنه لم يتغير شيء في المدينة.", "ar")] == ["لم يتغير شيء في المدينة"]


def test_spanish_study_shows_that():
    assert _said("Un informe del ministerio muestra que las ventas bajaron en marzo.", "es") == [
        ("las ventas bajaron en marzo", "Un informe del ministerio")]


def test_turkish_according_to_a_common_noun_with_its_possessive():
    # '-(s)InA göre' on an institution or a document ('Bakanlığına göre', 'verilerine göre')
    assert _said("Çevre Bakanlığına göre, göldeki su seviyesi iki metre düştü.", "tr") == [
        ("göldeki su seviyesi iki metre düştü", "Çevre Bakanlığı")]
    assert [t for t, _ in _said("Belediye verilerine göre kentte 40 bin araç var.", "tr")] == [
        "kentte 40 bin araç var"]
    # 'göre' after an ordinary noun is no source ('talebe göre': depending on demand)
    assert _said("Pazarda talebe göre fiyatlar her hafta değişiyor.", "tr") == []


def test_turkish_gave_the_information_that():
    # '… olduğu bilgisini verdi': the clause before the noun 'bilgi', its verb not in the accusative
    assert _said("Müdür Aksoy, okulun eylülde açılacağı bilgisini verdi.", "tr") == [
        ("okulun eylülde açılacağı", "Müdür Aksoy")]


def test_statement_ends_before_a_second_one_conjoined_to_it():
    # a conjunction, a subject of a few words and a speech verb right before its complementizer
    said = _said("وقال المحافظ إن الطريق سيفتح غدا والسكان أكدوا أن الجسر ما زال مغلقا.", "ar")
    assert said[0] == ("الطريق سيفتح غدا", "المحافظ")
    said = _said("Der Bürgermeister sagte, dass die Straße bald öffne und die Anwohner erklärten, "
                 "dass die Brücke gesperrt sei.", "de")
    assert said[0] == ("die Straße bald öffne", "Der Bürgermeister")
    # an infinitive after the conjoined words is no clause of its own
    said = _said("The mayor said that the city allowed its staff and the public to believe that "
                 "the bridge was safe.", "en")
    assert said[0][0].endswith("the bridge was safe")


def test_speaker_after_the_verb_ends_at_a_full_stop():
    # a stop before a lowercase word (a scraped credit line) ends the speaker's phrase too
    said = _said("Der Umsatz sei deutlich gestiegen, sagte eine Sprecherin des Verbandes. red", "de")
    assert said == [("Der Umsatz sei deutlich gestiegen", "eine Sprecherin des Verbandes")]


def test_german_laut_before_a_lowercase_word_is_no_cue():
    # 'laut' is also an adjective ('loud'); before 'weniger als' it names no source
    assert _said("Am Ufer fanden sie laut weniger als eine Stunde später das Boot.", "de") == []
    assert _said("Laut unseren Informationen wurde der Vertrag gekündigt.", "de") == [
        ("wurde der Vertrag gekündigt", "unseren Informationen")]


def test_german_reported_run_closed_by_its_speaker():
    # a reported-mood sentence with no statement before it belongs to the statement that closes
    # the run right after it, with its cue and speaker at the end
    text = ("Im vergangenen Jahr wurden viele Wohnungen gebaut. Die Zahl der Anträge sei um zehn "
            "Prozent gestiegen. Das sei der höchste Wert seit Jahren, sagte ein Sprecher des Bauamtes.")
    assert _said(text, "de") == [
        ("Die Zahl der Anträge sei um zehn Prozent gestiegen", "ein Sprecher des Bauamtes"),
        ("Das sei der höchste Wert seit Jahren", "ein Sprecher des Bauamtes")]


def test_sentence_glued_without_stop_or_space():
    from test_quotes_round8 import sentences
    # a lower-case word runs into a capitalised function word: two sentences
    assert sentences("Der Saal bleibt geschlossen, bitte nicht betretenAm Montag kam die Polizei.", "de") == [
        "Der Saal bleibt geschlossen, bitte nicht betreten", "Am Montag kam die Polizei."]
    # a name in camel case is one word
    assert len(sentences("Die Firmen BioNTech und YouTube melden Gewinne.", "de")) == 1
    # the statement after the glued sentence has its own subject
    text = "Die Preise sind seit Jahren gestiegenEine neue Studie zeigt, dass die Mieten weiter steigen."
    assert _said(text, "de") == [("die Mieten weiter steigen", "Eine neue Studie")]
