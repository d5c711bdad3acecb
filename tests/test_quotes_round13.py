"""Quote phenomena found on the round-13 SemEval training articles and the dev misses (invented
sentences, one phenomenon each): a quotation whose opening mark was lost (a scraped or
machine-translated text: '… bir daha yaşanmaz" dedi.'), in every language whose speech verbs
follow a closing mark, a pronoun whose antecedent is the subject of the text's first
sentence, and a second speaker sharing the first one's verb ('jedni twierdzili, że A, inni, że B')."""
from __future__ import annotations

from test_quotes_round10 import _said  # (text, speaker) of each quote, the round-10 file's helper


def test_quotation_whose_opening_mark_was_lost_ends_at_its_closing_mark_and_verb():
    said = _said('Başkan Şahiner köyü ziyaret etti.\nDurumu yerinde görmek istedik. Hep birlikte '
                 'inşallah bu acılar bir daha yaşanmaz" dedi.', "tr")
    assert [q for q, _ in said] == ["Durumu yerinde görmek istedik. Hep birlikte inşallah bu acılar bir daha yaşanmaz"]
    said = _said('Die Feuerwehr kam um neun Uhr.\nDie Rettungskräfte waren schnell da. Niemand wurde '
                 'verletzt.", sagte ein Sprecher der Feuerwehr.', "de")
    assert said == [("Die Rettungskräfte waren schnell da. Niemand wurde verletzt.", "ein Sprecher")]
    said = _said("Los vecinos se reunieron el miércoles.\nFue muy buena la reunión de los vecinos. Nos "
                 "sentimos frustrados porque no hay respuestas,» expresó un damnificado.", "es")
    assert said == [("Fue muy buena la reunión de los vecinos. Nos sentimos frustrados porque no hay respuestas,",
                     "un damnificado")]
    said = _said('The firefighters arrived at nine.\nThe crews were there in minutes. Nobody was hurt," '
                 'said a spokesman for the fire brigade.', "en")
    assert said == [("The crews were there in minutes. Nobody was hurt,", "a spokesman for the fire brigade")]


def test_name_and_comma_before_a_lost_opening_mark_speak():
    # 'Sıla Kara, "…" diye konuştu' with its opening mark lost: the quotation starts after the comma
    said = _said('Madalya verildi. Sıla Kara, acı birdir ve ben orada insanlığın önemini gördüm" diye konuştu.',
                 "tr", "Sıla Kara")
    assert said == [("acı birdir ve ben orada insanlığın önemini gördüm", "Sıla Kara")]


def test_lost_opening_mark_run_stops_after_a_sentence_that_reports_speech_itself():
    # the sentence with its own cue is no part of the quotation; an opening mark of another
    # family left unpaired before the run is not part of its content
    said = _said("El Gobierno indicó que habrá más médicos. La dexametasona es barata y puede salvar vidas "
                 "en el mundo”, agregó.", "es")
    assert [q for q, _ in said] == ["habrá más médicos", "La dexametasona es barata y puede salvar vidas en el mundo"]
    said = _said("Dosya kapandı.  ‘Bir saniyesine bile hakim olamadığımız bir hayat için. Düz yürüyeceğiz, "
                 "dik duracağız” dedi.", "tr")
    assert [q for q, _ in said] == ["Bir saniyesine bile hakim olamadığımız bir hayat için. Düz yürüyeceğiz, "
                                    "dik duracağız"]


def test_a_mark_glued_to_the_verb_closes_the_sentences_before_it():
    # '… devam edecek. "Dedi."': the "quotation" holds nothing but the verb; its mark closes
    said = _said('Anma töreni kurallara göre yapıldı.Biz buradayız.Bu kazada çok yakıldık.Bizim kardeşimiz her '
                 'zaman kalbimizde olacak. "Dedi."', "tr")
    assert [q for q, _ in said] == ["Biz buradayız.Bu kazada çok yakıldık.Bizim kardeşimiz her zaman kalbimizde olacak."]


def test_pronoun_reads_the_subject_of_the_first_sentence_of_the_text():
    said = _said('Maria Lopez met John Smith and Peter Brown on Monday.\n"The children need more teachers," '
                 'she said.', "en", "Maria Lopez", "John Smith", "Peter Brown")
    assert said == [("The children need more teachers,", "Maria Lopez")]
    said = _said('Maria Lopez se reunió con John Smith el lunes.\n"Los niños necesitan más maestros", dijo ella.',
                 "es", "Maria Lopez", "John Smith")
    assert said == [("Los niños necesitan más maestros", "Maria Lopez")]


def test_second_speaker_sharing_the_first_ones_verb_has_a_statement_of_its_own():
    assert _said("Internauci prześcigali się w podpisach – jedni twierdzili, że niebo krwawi, inni, że płonie świat.",
                 "pl") == [("niebo krwawi", "jedni"), ("płonie świat", "inni")]
    assert _said("Los vecinos discutieron: unos dijeron que el agua estaba sucia, otros, que el río se había secado.",
                 "es") == [("el agua estaba sucia", "unos"), ("el río se había secado", "otros")]
    assert _said("Die Zeugen widersprachen sich: die einen sagten, dass der Wagen rot war, die anderen, dass er "
                 "blau war.", "de") == [("der Wagen rot war", "die einen"), ("er blau war", "die anderen")]
    # an adverb between commas, or a name before a relative 'que', is no second speaker
    assert _said("El ministro dijo que el agua, sin embargo, que nadie bebe, estaba sucia.", "es") == [
        ("el agua, sin embargo, que nadie bebe, estaba sucia", "El ministro")]


def test_german_nach_before_an_authority_reads_according_to():
    # machine-translated 'according to the police' ('Nach der Polizei gibt es …'): 'nach' and an
    # authority or spokesman right before the verb of its clause; 'nach der Wahl' is no source
    assert _said("In Stockholm explodierte ein Auto. Nach der Polizei gibt es keine Anzeichen eines "
                 "terroristischen Hintergrunds.", "de") == [
        ("gibt es keine Anzeichen eines terroristischen Hintergrunds", "der Polizei")]
    assert _said("Nach dem Sprecher der Staatsanwaltschaft war der Fahrer betrunken.", "de") == [
        ("war der Fahrer betrunken", "dem Sprecher der Staatsanwaltschaft")]
    assert _said("Nach der Wahl gibt es eine neue Regierung. Nach der Polizei kam die Feuerwehr.", "de") == []


def test_subject_after_an_inverted_verb_and_a_phrase_with_no_article():
    # no article marks where the subject begins after 'w poniedziałek': the first name the
    # mentions stage found, or a role noun
    assert _said("- Uchwała nie jest tożsama z uchwałą - powiedział w poniedziałek Jan Kowalski.", "pl",
                 "Jan Kowalski") == [("Uchwała nie jest tożsama z uchwałą", "Jan Kowalski")]
    assert _said("- Uchwała nie jest tożsama z uchwałą - przekazał w poniedziałek rzecznik sądu.", "pl") == [
        ("Uchwała nie jest tożsama z uchwałą", "rzecznik sądu")]


def test_sentence_of_a_speech_verb_its_subject_and_an_outlet_reports_the_sentence_before():
    assert _said("Die Bahn fährt nicht. Die Kontrollen an der Grenze sollten am Mittwoch beginnen. Am Morgen sagte "
                 "der Polizeisprecher Stefan Eder der deutschen Presseagentur.", "de", "Stefan Eder") == [
        ("Die Kontrollen an der Grenze sollten am Mittwoch beginnen", "Stefan Eder")]
    assert _said("Border checks were due to start on Wednesday. Police spokesman Stefan Eder told Reuters.", "en",
                 "Stefan Eder") == [("Border checks were due to start on Wednesday", "Stefan Eder")]
    # no outlet: a speech verb with nothing to report
    assert _said("Die Kontrollen sollten am Mittwoch beginnen. Der Minister sprach am Morgen im Bundestag.",
                 "de") == []


def test_participle_and_its_agent_opening_the_clause_name_the_agent():
    assert _said('La mujer fue trasladada al hospital. Examinada por médico de guardia certificó: “no se '
                 'constataron lesiones agudas externas”.', "es") == [
        ("no se constataron lesiones agudas externas", "médico de guardia")]
    # a subject after the participle's phrase is the subject
    assert _said('Examined by a doctor, the woman said: "I feel fine."', "en") == [("I feel fine.", "the woman")]


def test_german_reported_mood_after_a_sentence_that_names_one_person():
    assert _said("Kaniber unterstützte ebenfalls die Forderung des Bauernverbands. Es sei aber wichtig zu prüfen, "
                 "dass die Menschen gesund ins Land kommen. Man habe genug Helfer.", "de", "Kaniber") == [
        ("Es sei aber wichtig zu prüfen, dass die Menschen gesund ins Land kommen", "Kaniber"),
        ("Man habe genug Helfer", "Kaniber")]
    assert _said("Der Papst zeigt sich zu Neujahr als Verfechter von Frauenrechten. Der Körper der Frau dürfe "
                 "nicht als Nutzobjekt missbraucht werden.", "de") == [
        ("Der Körper der Frau dürfe nicht als Nutzobjekt missbraucht werden", "Der Papst")]
    # nobody named before it: no statement
    assert _said("Der Zug fuhr um acht Uhr ab. Es sei denn, er habe Verspätung.", "de") == []
