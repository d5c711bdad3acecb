"""Quote phenomena found on the round-11 SemEval training articles (invented sentences, one
phenomenon each): a statement before 'X said, adding, "…"' and the verb coordinated with a
speech verb ('sagte X und fügte hinzu: „…“'), the subject after an inverted verb before a
participle ('– twierdzi położna, dodając, że'), a title in quotation marks after the name of
the speaker ('sagte Merz "Zeit Online"', 'w rozmowie z "Gazetą Krakowską"')."""
from __future__ import annotations

from test_quotes_round8 import quotes  # the round-8 file's helpers
from test_quotes_round10 import _said  # (text, speaker) of each quote, the round-10 file's helper


def test_statement_before_said_adding_and_the_quotation_after():
    said = _said('The talks will resume next week, Nefzi said, adding, "We have no other choice."', "en", "Nefzi")
    assert said == [("The talks will resume next week", "Nefzi"), ("We have no other choice.", "Nefzi")]
    said = _said("Les discussions reprendront la semaine prochaine, a déclaré Nefzi, ajoutant : "
                 "« Nous n’avons pas le choix. »", "fr", "Nefzi")
    assert said == [("Les discussions reprendront la semaine prochaine", "Nefzi"),
                    ("Nous n’avons pas le choix.", "Nefzi")]


def test_verb_coordinated_with_a_speech_verb_shares_its_subject():
    said = _said('Die Gespräche gehen nächste Woche weiter, sagte Nefzi und fügte hinzu: "Wir haben keine Wahl."',
                 "de", "Nefzi")
    assert said == [("Die Gespräche gehen nächste Woche weiter", "Nefzi"), ("Wir haben keine Wahl.", "Nefzi")]
    said = _said('Las conversaciones seguirán la próxima semana, dijo Nefzi, y añadió: "No tenemos otra opción".',
                 "es", "Nefzi")
    assert said[1] == ("No tenemos otra opción", "Nefzi")


def test_participle_after_an_inverted_verb_takes_the_subject_after_that_verb():
    # (the dash that opened the statement before the verb is lost: the sentence reads on from
    # 'Kobieta broni się i zapewnia')
    said = _said("– Wyleciałam za post – przekonuje pani Renata. Kobieta broni się i zapewnia, że wpis był "
                 "prawdziwy, może okazać się, że i ja zostałam zakażona – twierdzi położna dodając, że złoży "
                 "pozew w sądzie.", "pl")
    assert said[-1] == ("złoży pozew w sądzie", "położna")
    # a pronoun before the verb is its subject, not an auxiliary: the verb is not inverted
    said = _said('"We will get there together," she said at a news conference announcing that her department '
                 'was suing the state.', "en")
    assert said[-1] == ("her department was suing the state", "she")


def test_title_in_quotation_marks_after_the_speaker_is_no_part_of_the_name():
    said = _said('"Der Staat muss zugeben, dass er nicht allen helfen kann", sagte Merz "Zeit Online".', "de", "Merz")
    assert said == [("Der Staat muss zugeben, dass er nicht allen helfen kann", "Merz")]
    # a quoted word inside the phrase, with the name after it, stays part of it
    said = _said("Zwei Surfer seien Rettungsschwimmer gewesen, sagte Den Haags „Nachtbürgermeister“ Pat Smith im Radio.",
                 "de", "Pat Smith")
    assert said[0][1].endswith("Pat Smith")
    # the dash statement: a name in quotation marks after the verb is the outlet, not the speaker
    said = _said('– Wyleciałam, bo wstawiłam post – przekonuje zwolniona pani Renata w rozmowie z "Gazetą Krakowską".',
                 "pl", "Gazetą Krakowską")
    assert said == [("Wyleciałam, bo wstawiłam post", "zwolniona pani Renata")]


def test_stray_closing_mark_before_an_inverted_verb():
    # 'Es muss "…" geben ", sagt Merz': the mark left after the words is no subject; the verb
    # after the comma is inverted
    said = _said('Merz sprach in Berlin. Es muss "eine bestimmte Berechenbarkeit von Entscheidungsprozessen und den '
                 'weiteren Schritten für die nächsten Monate" geben ", sagt Merz. Er wünscht sich mehr Einheit.',
                 "de", "Merz")
    assert [s for _, s in said] == ["Merz"]


def test_demonstrative_between_statements_is_no_new_speaker():
    said = _said("Die Erlöse legten um 4,3 Prozent zu, wie der Konzern am Dienstag mitteilte. Das war etwas weniger "
                 "als von Analysten erwartet. Zu dem Umsatzplus habe die Übernahme von Tech Air beigetragen.", "de")
    assert said[1] == ("Zu dem Umsatzplus habe die Übernahme von Tech Air beigetragen", "der Konzern")


def test_arabic_pronoun_after_a_preposition_is_the_addressee_not_the_subject():
    said = _said("وقال الوزير إن المشروع سينتهي قريبا. وأكد له أن العمل لن يتأخر عن موعده المحدد.", "ar")
    assert said[1] == ("العمل لن يتأخر عن موعده المحدد", "الوزير")
    said = _said("وقال لها الطبيب إن الحالة مستقرة تماما منذ يوم أمس.", "ar")
    assert said == [("الحالة مستقرة تماما منذ يوم أمس", "الطبيب")]


def test_lone_letter_is_no_speaker():
    # 'وقال له وفق ما نقلت شبكة CNN عن الابن "…"': the conjunction 'و' cut from 'وقال' is no
    # subject of the reported verb, nor is the addressee 'منه' of 'وطلب منه أن'
    text = ("عندما عاد أحمد من المستشفى، أمسك الرجل بيد ابنه وطلب منه أن يتركه في المنزل وعدم نقله إلى "
            "المستشفى من جديد. وقال له وفق ما نقلت شبكة CNN عن الابن علي \"أرجوك لا تأخذني من جديد إلى هناك مهما حدث\".")
    speakers = [q.speaker for q in quotes(text, "ar", "CNN")]
    # (the relay makes the son the speaker of the quotation; the 'according to' reading of the
    # whole sentence, quotation included, is gone)
    assert len(speakers) == 2 and not {"و", "منه"} & set(speakers)


def test_religious_office_is_a_role_and_a_bare_role_noun_names_the_person_introduced_with_it():
    said = _said("– Odrodzenie ludzkości rozpoczęło się od niewiasty – powiedział papież Franciszek podczas mszy. "
                 "W bazylice papież odprawił mszę. – Dlatego osiągnięcie na rzecz kobiet jest osiągnięciem dla "
                 "ludzkości – powiedział papież i zaapelował o pokój.", "pl", "Franciszek")
    assert [s for _, s in said] == ["Franciszek", "Franciszek"]
    said = _said("Papst Franziskus feierte am Mittwoch die Messe im Petersdom. Die Kirche habe ein mütterliches "
                 "Herz, sagte der Papst in seiner Predigt.", "de", "Franziskus")
    assert said == [("Die Kirche habe ein mütterliches Herz", "Franziskus")]


def test_data_or_report_that_a_finding_comes_from():
    # 'Z danych X wynika, że', 'Aus dem Bericht X geht hervor, dass', 'Il ressort du rapport
    # que', 'Del informe se desprende que': the document is the source, the whole clause the content
    said = _said("Z danych centrum wynika, że w ciągu doby zmarły 82 osoby, a 1063 testy dały wynik pozytywny.", "pl")
    assert said == [("w ciągu doby zmarły 82 osoby, a 1063 testy dały wynik pozytywny", "danych centrum")]
    said = _said("Aus dem Bericht der Behörde geht hervor, dass die Zahl der Unfälle, anders als erwartet, "
                 "gesunken ist.", "de")
    assert said == [("die Zahl der Unfälle, anders als erwartet, gesunken ist", "dem Bericht der Behörde")]
    said = _said("Il ressort du rapport de la Cour des comptes que les hôpitaux manquaient de masques.", "fr")
    assert said == [("les hôpitaux manquaient de masques", "du rapport de la Cour des comptes")]
    said = _said("Del informe del ministerio se desprende que los hospitales no tenían mascarillas.", "es")
    assert said == [("los hospitales no tenían mascarillas", "informe del ministerio")]


def test_document_cited_in_the_reported_mood_goes_on_with_the_last_speaker():
    said = _said("Innensenator Andreas Geisel sagte am Freitag, er sei sehr skeptisch, ob das Festival stattfinden "
                 "könne. Das Verbot von Großveranstaltungen gelte laut Beschluss bis mindestens 31. August.",
                 "de", "Andreas Geisel")
    assert said[1] == ("Das Verbot von Großveranstaltungen gelte laut Beschluss bis mindestens 31. August",
                       "Andreas Geisel")
    # in the indicative the document stays the source
    said = _said("Der Senat hat neue Regeln erlassen. Das Verbot gilt laut Beschluss bis mindestens 31. August.", "de")
    assert said == [("Das Verbot gilt laut Beschluss bis mindestens 31. August", "Beschluss")]


def test_turkish_passive_speech_verb_with_its_agent():
    said = _said("Sağlık Bakanlığı tarafından 44 ilde 73 merkezin tanı laboratuvarı olarak yetkilendirildiği "
                 "duyuruldu.", "tr")
    assert said == [("44 ilde 73 merkezin tanı laboratuvarı olarak yetkilendirildiği", "Sağlık Bakanlığı")]
    # with no agent ("it was reported that") no one is named: no statement
    assert _said("Ali Yılmaz arkadaşının evine gittiğini belirtti. Çalışmaların ise devam ettiği bildirildi.", "tr",
                 "Ali Yılmaz") == [("arkadaşının evine gittiğini", "Ali Yılmaz")]


def test_quotation_right_after_an_indirect_statement_goes_on_with_its_speaker():
    said = _said("Seit 2015 habe die Bahn 400 Plätze für Geflüchtete geschaffen, sagte eine Konzern-Sprecherin der "
                 "Zeitung. “Die Deutsche Bahn qualifiziert aktuell Geflüchtete in Berufen wie Elektroniker oder "
                 "Gleisbauer.”", "de")
    assert [s for _, s in said] == ["eine Konzern-Sprecherin", "eine Konzern-Sprecherin"]
    said = _said("The railway has created 400 places for refugees since 2015, a company spokeswoman said. “The "
                 "railway is training refugees as electricians and track builders.”", "en")
    assert [s for _, s in said] == ["a company spokeswoman", "a company spokeswoman"]


def test_straight_mark_never_closed_before_a_low_opening_mark():
    # the text after '"sagen, …' was cut; the curly closing mark belongs to the '„' that opens
    # the next quotation, not to the straight one
    said = _said('Die Gastronomie muss "sagen, an welchem Datum sie wieder öffnen können, wen , alle, die auf '
                 'Betreuung angewiesen seien, etwa in Kitas. „Das darf nicht aus dem Blick geraten“, sagte Merz.',
                 "de", "Merz")
    assert ("Das darf nicht aus dem Blick geraten", "Merz") in said


def test_outlet_citing_a_source_is_the_channel_and_the_source_the_speaker():
    # 'according to CNN, citing …', 'wie CNN unter Berufung auf … berichtete', 'وفق ما نقلت CNN عن …':
    # the outlet relays (channel "quoted_by"), the source it names is the speaker
    for text, lang, name in (
            ("The man asked to stay at home, according to CNN, citing his son Ali.", "en", "Ali"),
            ("The father wanted to stay at home, CNN reported, citing his son Ali.", "en", "Ali"),
            ("Der Vater wollte zu Hause bleiben, wie CNN unter Berufung auf seinen Sohn Ali berichtete.", "de", "Ali"),
            ("El padre quería quedarse en casa, según CNN, citando a su hijo Ali.", "es", "Ali"),
            ("Ojciec chciał zostać w domu, jak podała CNN, powołując się na jego syna Alego.", "pl", "Alego")):
        qs = quotes(text, lang, "CNN", name)
        assert [(q.speaker, q.channel) for q in qs] == [(name, "CNN")], (lang, text)
    text = ("عندما عاد أحمد من المستشفى، أمسك الرجل بيد ابنه. وقال له وفق ما نقلت شبكة CNN عن الابن علي "
            "\"أرجوك لا تأخذني من جديد إلى هناك مهما حدث\".")
    qs = [q for q in quotes(text, "ar", "CNN", "علي") if q.text.startswith("أرجوك")]
    assert [(q.speaker, q.channel) for q in qs] == [("علي", "CNN")]


def test_statement_before_a_verb_of_telling_and_its_addressee_at_the_sentence_end():
    # '…, a spokeswoman told the newspaper.': the determiner opens the addressee (a media noun),
    # not an object that would make the verb's content a noun phrase
    for teller, channel in (("a spokeswoman", "the newspaper"), ("Smith", "the local news agency")):
        text = f"The company will close the plant next year, {teller} told {channel}."
        qs = quotes(text, "en", *[n for n in ("Smith",) if n in text])
        assert [(q.text, q.speaker, q.channel) for q in qs] == [
            ("The company will close the plant next year", teller, channel)]
