"""Attribution leftovers of round 13 (invented sentences, one phenomenon each): a link to another
article inside the text ('Czytaj także: …', 'Lesen Sie auch: …', 'Read more: …'; the cue tables'
``link_labels``) holds no cue and no speaker; the Turkish reporter a statement was made to."""
from __future__ import annotations

from test_quotes_round10 import _said  # (text, speaker) of each quote, the round-10 file's helper


def test_headline_after_a_link_label_is_no_statement_and_names_no_speaker():
    assert _said("Der Bischof sprach im Dom. Lesen Sie auch: Bischof Müller sagte, die Kirche brauche "
                 "Reformen. Die Messe dauerte zwei Stunden.", "de") == []
    assert _said("The bishop spoke in the cathedral.\nRead more: Bishop Miller said the church needs reform\n"
                 "The mass lasted two hours.", "en") == []
    assert _said("Biskup przemawiał w katedrze.\nCzytaj także: Biskup Nowak powiedział, że Kościół potrzebuje "
                 "reform\nMsza trwała dwie godziny.", "pl") == []
    # the quotation after the headline is not the headline speaker's
    said = _said("Arcybiskup przemawiał w katedrze. Czytaj także: Abp Nowak mówił o „nawróceniu Polski”. "
                 "„Bóg kazał nam czynić ziemię poddaną” – czytamy w liście.", "pl", "Abp Nowak")
    assert all(sp != "Abp Nowak" for _, sp in said), said



def test_turkish_reporter_addressee_closes_the_attribution():
    # 'X'nin AA muhabirine … belirtti': the reporter (and the outlet) the statement was made to
    # belong to the attribution; the content starts after them, the speaker is the person before
    said = _said("Vakıf Başkanı Eyüp Kahveci'nin AA muhabirine bir organ nakli bekleyen hastaların sayısının "
                 "arttığını belirtti.", "tr", "Eyüp Kahveci")
    assert said == [("bir organ nakli bekleyen hastaların sayısının arttığını", "Eyüp Kahveci")]
    said = _said("Köy muhtarı Ahmet Yılmaz, Anadolu Ajansı muhabirine yaptığı açıklamada, yangının kontrol altına "
                 "alındığını söyledi.", "tr", "Ahmet Yılmaz")
    assert said == [("yangının kontrol altına alındığını", "Ahmet Yılmaz")]
    said = _said("Köy muhtarı Ahmet Yılmaz gazetemize yangının kontrol altına alındığını söyledi.", "tr", "Ahmet Yılmaz")
    assert said == [("yangının kontrol altına alındığını", "Ahmet Yılmaz")]


def test_leading_source_in_lower_case_with_no_comma_after_it():
    # 'Według X' / 'According to X' / 'Según X' with no comma: the source ends at a word out of its
    # case (Polish genitive), a time expression or a determiner after a noun; the content follows
    said = _said("Strażacy przyjechali rano. Według relacji pokrzywdzonego dzień wcześniej do jego domu wdarło się "
                 "dwóch mężczyzn.", "pl")
    assert said == [("dzień wcześniej do jego domu wdarło się dwóch mężczyzn", "relacji pokrzywdzonego")]
    said = _said("Strażacy przyjechali rano. Według policji wczoraj kierowca pił alkohol w barze.", "pl")
    assert said == [("wczoraj kierowca pił alkohol w barze", "policji")]
    said = _said("The firefighters arrived. According to police the driver had been drinking in a bar.", "en")
    assert said == [("the driver had been drinking in a bar", "police")]
    said = _said("Los bomberos llegaron. Según la policía el conductor había bebido alcohol en un bar.", "es")
    assert said == [("el conductor había bebido alcohol en un bar", "la policía")]
