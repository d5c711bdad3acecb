"""Quote phenomena found on the round-9 SemEval training articles (invented sentences, one
phenomenon each): a comparative clause whose verb takes an infinitive, a straight mark
followed by a stop, an Arabic sentence glued to a quotation before it, the Arabic object
after a subject that follows an auxiliary, German speech verbs with a noun-phrase object,
and headlines run into the body (a quotation, or a line before a gap of two spaces)."""
from __future__ import annotations

from newstrace.quotes import extract
from newstrace.records import Mention
from test_quotes_round8 import art, quotes, sentences  # the round-8 file's helpers


def test_as_clause_with_an_infinitive_reports_nothing():
    # 'As X continues to spread, …': the verb takes an infinitive, it is no speech verb here
    text = ("As the drought continues to spread across the valley, the farmers of the region "
            "are selling their cattle at a loss.")
    assert quotes(text, "en") == []
    said = quotes("As the mayor said, the farmers of the region are selling their cattle at a loss.", "en")
    assert [q.text for q in said] == ["the farmers of the region are selling their cattle at a loss"]


def test_straight_mark_before_a_stop_opens_no_quotation():
    # 'الممكن ".  على': a stray closer after a space; the quotation after the cue is found
    text = ('أكد الوزير أن الوضع صعب (على أضيق نطاق ممكن ".  على نطاق أوسع ". '
            'وحذر الوزير من أن "التسرع" في فتح المدارس يمكن أن يكون خطأ كبيرا.')
    qs = quotes(text, "ar")
    assert not any(q.text.startswith(".") or "على نطاق أوسع" in q.text for q in qs)
    assert any(q.text.startswith('"التسرع" في فتح المدارس') and q.speaker == "الوزير" for q in qs)


def test_arabic_stop_glued_after_a_quotation_ends_the_sentence():
    text = 'وقال الوزير: "نحن في البداية".من الضروري الانتظار, وأعرب الوزير عن أمله في التعاون.'
    assert sentences(text, "ar")[-1].startswith("من الضروري")
    # a complementizer glued after the stop goes on with the sentence
    text2 = 'وقال الوزير: "نحن في البداية".إن الوضع صعب.'
    assert len(sentences(text2, "ar")) == 1


def test_arabic_object_after_a_subject_between_auxiliary_and_verb():
    # 'وكان X أعلن NP': the subject is before the verb, the noun phrase after it is the content
    text = "وكان المجلس المحلي في المدينة أعلن إغلاق جميع المدارس لمدة أسبوعين."
    qs = quotes(text, "ar", "المجلس المحلي", kind="ORG")
    assert [q.text for q in qs] == ["إغلاق جميع المدارس لمدة أسبوعين"]
    assert qs[0].speaker.startswith("المجلس المحلي")


def test_german_speech_verbs_with_a_noun_phrase_object():
    qs = quotes("Die Feuerwehr meldete drei Verletzte nach dem Brand in der Altstadt.", "de")
    assert [(q.text, q.speaker) for q in qs] == [("drei Verletzte nach dem Brand in der Altstadt", "Die Feuerwehr")]
    qs = quotes("Die Ministerin plädierte für einen schnellen Ausstieg aus der Kohle.", "de")
    assert [q.text for q in qs] == ["einen schnellen Ausstieg aus der Kohle"]
    qs = quotes("Der Verband forderte höhere Löhne für alle Pflegekräfte im Land.", "de")
    assert [q.text for q in qs] == ["höhere Löhne für alle Pflegekräfte im Land"]
    # a reflexive is no object
    assert quotes("Der Zeuge meldete sich am Abend bei der Polizei in Bonn.", "de") == []


def test_quoted_headline_run_into_the_body_is_no_statement():
    text = ("»Wir schaffen das nicht allein« Der Bürgermeister hat am Montag die Bürger der Stadt "
            "um Hilfe gebeten. Die Lage ist ernst.")
    assert quotes(text, "de") == []
    # a quotation that opens the text and is attributed stays
    text2 = '"Wir schaffen das nicht allein", sagte der Bürgermeister am Montag in der Stadt.'
    assert [q.speaker for q in quotes(text2, "de")] == ["der Bürgermeister"]


def test_headline_before_a_two_space_gap_is_no_statement():
    text = ("Die Ministerin fordert einen Plan für die Schulen im Land  Im Herbst sollen alle "
            "Schulen wieder öffnen. Die Ministerin forderte mehr Geld für die Lehrer.")
    qs = quotes(text, "de")
    assert [q.text for q in qs] == ["mehr Geld für die Lehrer"]


def test_polish_dash_statement_closed_by_tak_and_a_verb():
    # '- … - tak ocenia X': 'so says X' after the closing dash
    text = ("Susza w regionie. - Ten rok będzie bardzo trudny dla rolników - tak ocenia sytuację "
            "prof. Jan Nowak z uniwersytetu. Opady były niskie.")
    k = text.index("Jan Nowak")
    a = art(text, "pl")
    a.mentions = [Mention(k, k + len("Jan Nowak"), "Jan Nowak", "PER")]
    qs = extract(a).quotes
    assert [(q.direct, q.text, q.speaker) for q in qs] == [
        (True, "Ten rok będzie bardzo trudny dla rolników", "Jan Nowak")]


def test_polish_statement_ends_before_ale():
    qs = quotes("Kobieta twierdziła, że czuła się źle, ale policjant wyczuł od niej alkohol.", "pl")
    assert [(q.text, q.speaker) for q in qs] == [("czuła się źle", "Kobieta")]


def test_german_source_phrase_whose_source_is_the_subject():
    # 'nach eigenen Angaben' names no source: the subject of its clause is the source
    qs = quotes("Im vergangenen Jahr hatte das Museum nach eigenen Angaben 85 000 Besucher gezählt.", "de")
    assert [(q.text, q.speaker) for q in qs] == [
        ("Im vergangenen Jahr hatte das Museum nach eigenen Angaben 85 000 Besucher gezählt", "das Museum")]
    qs = quotes("Die Firma hat eigenen Angaben zufolge im Jahr 2019 mehr als 300 Autos verkauft.", "de")
    assert [q.speaker for q in qs] == ["Die Firma"]


def test_short_sentence_ending_with_its_speech_verb_introduces_the_next_quotation():
    text = ("The bakery closed its doors on Friday. The owner said. “We could not pay the rent any "
            "longer and we are sad.”")
    assert [(q.speaker, q.method) for q in quotes(text, "en")] == [("The owner", "rules:cue_sentence")]
    # a longer sentence that only ends with a speech verb does not
    text = ("The bakery closed its doors on Friday after the owner finally said so. “We could not "
            "pay the rent any longer and we are sad.”")
    assert [q.speaker for q in quotes(text, "en")] == [None]


def test_german_present_tense_cue_before_a_colon():
    text = 'Der Fraktionschef versichert: "Wir werden alle Maßnahmen der Regierung unterstützen."'
    assert [q.speaker for q in quotes(text, "de")] == ["Der Fraktionschef"]


def test_spanish_que_after_a_clause_of_its_own_is_a_relative():
    # 'A, mencionó X, B, que …': the statement is interrupted by its cue; "que" opens a relative
    text = ("Los dos casos nuevos, mencionó el gobierno, corresponden a una mujer de 52 años, que "
            "llegó de Italia, y a un hombre de 23 años.")
    qs = quotes(text, "es")
    assert any(q.text.startswith("corresponden a una mujer") and q.speaker == "el gobierno" for q in qs)
    assert not any(q.text.startswith("llegó") for q in qs)
    # after an adjunct set off by commas, "que" still opens the content
    text = "El ministro dijo, en una entrevista con la radio local, que la economía crecerá este año."
    assert [q.text for q in quotes(text, "es")] == ["la economía crecerá este año"]
