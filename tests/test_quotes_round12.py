"""Quote phenomena found on the round-12 SemEval training articles and the dev misses (invented
sentences, one phenomenon each): a speech verb whose object points back at the sentence before
('Dies teilte ein Gerichtssprecher mit.'), Turkish participles that close a statement and name
its speaker after them ('… topladıklarını söyleyen Başkan Şahiner'), a quotation with no cue
after a sentence that names one person, a quotation glued to the full stop before it, a Polish
paragraph opened by a dash after a statement, a relative clause on the subject after the verb
('…, dijo Grosra, quien explicó que …') and a phrase opening the sentence before 'dijo X'."""
from __future__ import annotations

from test_quotes_round10 import _said  # (text, speaker) of each quote, the round-10 file's helper


def test_anaphoric_object_of_a_speech_verb_reports_the_sentence_before():
    assert _said("Das Landgericht will am 6. Mai verhandeln. Dies teilte ein Gerichtssprecher auf Anfrage mit.",
                 "de") == [("Das Landgericht will am 6. Mai verhandeln", "ein Gerichtssprecher")]
    assert _said("Die Schulen bleiben bis Ostern zu. Das sagte Ministerpräsident Markus Söder am Dienstag.",
                 "de", "Markus Söder") == [("Die Schulen bleiben bis Ostern zu", "Markus Söder")]
    assert _said("Las escuelas seguirán cerradas hasta abril. Así lo afirmó el ministro Pedro Duque.",
                 "es", "Pedro Duque") == [("Las escuelas seguirán cerradas hasta abril", "Pedro Duque")]
    assert _said("Les écoles resteront fermées jusqu'en avril. C'est ce qu'a annoncé le ministre Jean Dupont.",
                 "fr", "Jean Dupont") == [("Les écoles resteront fermées jusqu'en avril", "Jean Dupont")]
    assert _said("Schools will stay closed until April. That is what Governor John Smith said on Tuesday.",
                 "en", "John Smith") == [("Schools will stay closed until April", "John Smith")]
    assert _said("Szkoły pozostaną zamknięte do kwietnia. Poinformował o tym minister Jan Kowalski.",
                 "pl", "Jan Kowalski") == [("Szkoły pozostaną zamknięte do kwietnia", "Jan Kowalski")]
    # a determiner that opens the subject is no anaphor; a sentence with a verb of its own keeps it
    assert _said("Die Schulen bleiben zu. Das Ministerium teilte mit, dass die Kitas öffnen.", "de") == [
        ("die Kitas öffnen", "Das Ministerium")]


def test_turkish_participle_closes_a_statement_and_names_its_speaker_after_it():
    said = _said("Sungurlu'da 4 gün boyunca yardım malzemesi topladıklarını söyleyen Başkan Şahiner, "
                 "malzemeyi ilçeye bıraktı.", "tr", "Şahiner")
    assert said == [("Sungurlu'da 4 gün boyunca yardım malzemesi topladıklarını", "Şahiner")]
    # the quotation right after the participle's name is that speaker's too
    said = _said('Olayın üzüntüsünü ilk günkü gibi hissettiklerini belirten Aytekin, "Program iptal oldu. '
                 'Biz de burada bulunduk." dedi.', "tr", "Aytekin")
    assert said == [("Olayın üzüntüsünü ilk günkü gibi hissettiklerini", "Aytekin"),
                    ("Program iptal oldu. Biz de burada bulunduk.", "Aytekin")]


def test_quotation_with_no_cue_after_a_sentence_naming_one_person():
    said = _said('Zum ersten Mal hat sich Angela Merkel an die Bevölkerung gewandt. "Die Lage ist ernst. '
                 'Wir müssen jetzt handeln."', "de", "Angela Merkel")
    assert said == [("Die Lage ist ernst. Wir müssen jetzt handeln.", "Angela Merkel")]
    # (the quotation opening the next paragraph)
    said = _said('Gazeteci Eraydın Aytekin mezarı ziyaret etti.\n"Program iptal oldu. Biz de burada bulunduk."',
                 "tr", "Eraydın Aytekin")
    assert said == [("Program iptal oldu. Biz de burada bulunduk.", "Eraydın Aytekin")]
    # no name: a role phrase that opens the sentence
    said = _said('Der CSU-Politiker verwies auf eine Plattform. "Die Bereitschaft ist riesig."', "de")
    assert said == [("Die Bereitschaft ist riesig.", "Der CSU-Politiker")]
    # two people named, or the person after a preposition: nobody
    assert _said('Angela Merkel traf Olaf Scholz in Berlin. "Die Lage ist ernst."', "de",
                 "Angela Merkel", "Olaf Scholz") == [("Die Lage ist ernst.", None)]
    assert _said('Die Polizei sprach mit Jan Müller. "Die Lage ist ernst."', "de", "Jan Müller") == [
        ("Die Lage ist ernst.", None)]


def test_quotation_glued_to_the_full_stop_before_it_opens_a_sentence():
    said = _said('Laut der Polizei war die Explosion weit entfernt."Das war eine der stärksten Explosionen", '
                 'sagte Polizeichef Erik Widstrand.', "de", "Erik Widstrand")
    assert said == [("war die Explosion weit entfernt", "der Polizei"),
                    ("Das war eine der stärksten Explosionen", "Erik Widstrand")]


def test_polish_paragraph_opened_by_a_dash_after_a_statement_goes_on_with_its_speaker():
    said = _said("– Musimy działać szybko – powiedział minister Jan Kowalski.\n"
                 "– To jest sprawa dla całego rządu i wszystkich obywateli.", "pl", "Jan Kowalski")
    assert said == [("Musimy działać szybko", "Jan Kowalski"),
                    ("To jest sprawa dla całego rządu i wszystkich obywateli.", "Jan Kowalski")]
    # after a paragraph with no statement a dash opens no statement (a list, a dialogue line)
    assert _said("Minister Jan Kowalski odwiedził szpital.\n– To jest sprawa dla całego rządu.", "pl",
                 "Jan Kowalski") == []


def test_relative_clause_on_the_subject_after_the_verb_and_an_opening_phrase():
    said = _said("Por primera vez, existe un positivo entre los menores, a los que afecta la infección a la "
                 "ligera, dijo Gallera, quien le explicó que es una niña de 4 años, dos de diez y uno de quince.",
                 "es", "Gallera")
    assert said == [("Por primera vez, existe un positivo entre los menores, a los que afecta la infección a "
                     "la ligera", "Gallera"),
                    ("es una niña de 4 años, dos de diez y uno de quince", "Gallera")]


def test_pronoun_of_a_relative_clause_is_the_main_clause_subject():
    # not the phrase the clause hangs on, even when a model types it a person
    said = _said("Sanders opposes the Trans-Pacific Partnership, which he has called a disaster for workers.",
                 "en", "Trans-Pacific Partnership")
    assert said == [("a disaster for workers", "Sanders")]
    said = _said("Sanders opposes the TPP, which he called a disaster.", "en")
    assert said == [("a disaster", "Sanders")]


def test_time_expression_after_the_speaker_is_no_part_of_it():
    assert _said("Wie Merkel am Dienstag mitteilte, ist die Lage ernst.", "de") == [("ist die Lage ernst", "Merkel")]
    assert _said("Sanders on Tuesday said the deal would kill jobs.", "en") == [
        ("the deal would kill jobs", "Sanders")]


def test_arabic_headline_words_before_a_verb_are_no_subject():
    # a conjunction glued to the verb ('وقال') opens a clause of its own; a full stop glued
    # between two words ends the subject after the verb
    said = _said('فيديو | برلماني سابق: تأمين سيناء أمن قومي وقال محمد البدرشيني عضو مجلس النواب السابقين.إن '
                 'الذكرى ستبقى خالدة، مؤكدا أن الشعب يعرف قيمتها.الحدث "اليوم كل الحبوب في سيناء مختلطة بدم الشهيد".',
                 "ar", "محمد البدرشيني")
    assert said[-1] == ("اليوم كل الحبوب في سيناء مختلطة بدم الشهيد", "محمد البدرشيني")
    # words before a colon are a headline, not the subject of the verb after them
    assert _said('وزير سابق: الأمن القومي أولا أكد "لن نسمح بذلك أبدا في بلادنا".', "ar") == [
        ("لن نسمح بذلك أبدا في بلادنا", None)]
    assert _said("الثقافة المصرية: دخول المعرض مجانا أعلنت أن الدخول سيكون مجانا هذا العام.", "ar") == [
        ("الدخول سيكون مجانا هذا العام", None)]


def test_turkish_statement_source_before_a_passive_speech_verb():
    said = _said("Gümüşhane Valiliğinden yapılan yazılı açıklamada, alanda düzenleme çalışmaları yapıldığı belirtildi.",
                 "tr")
    assert said == [("alanda düzenleme çalışmaları yapıldığı", "Gümüşhane Valiliğinden")]


def test_relative_clause_on_the_source_of_according_to():
    said = _said("El número de fallecidos subió de siete a once, según la protección civil italiana, que subrayó "
                 "que eran ancianos con otras enfermedades.", "es")
    assert said[-1] == ("eran ancianos con otras enfermedades", "la protección civil italiana")
    said = _said("The death toll rose to eleven, according to the civil protection agency, which stressed that "
                 "they were elderly people.", "en")
    assert said[-1] == ("they were elderly people", "the civil protection agency")


def test_polish_third_person_plural_present_speech_verbs():
    assert _said("Czytelnicy informują „Rzeczpospolitą”, że otrzymują wezwania z urzędów skarbowych.", "pl") == [
        ("otrzymują wezwania z urzędów skarbowych", "Czytelnicy")]
    assert _said("Lekarze przypominają, że szczepionka jest bezpieczna dla dzieci.", "pl") == [
        ("szczepionka jest bezpieczna dla dzieci", "Lekarze")]
