"""Tests of statements introduced by a colon with no speech verb ('In an interview with Radio
X, he went further: …'), of interviews that give later quotes their channel, and of short
sentence-initial quotes followed by a speech verb. Invented sentences in en/fr/es/de."""
from __future__ import annotations

import re

import pytest

from newstrace.quotes import extract
from newstrace.records import Article, Mention, Paragraph


def art(text: str, lang: str = "en", names=()) -> Article:
    paras = [Paragraph(m.start(), m.end(), lang) for m in re.finditer(r"[^\n]+", text)]
    ms = sorted((Mention(x.start(), x.end(), n, "PER") for n in names for x in re.finditer(re.escape(n), text)),
                key=lambda m: m.start)
    return Article(id="t", text=text, lang=lang, paragraphs=paras, mentions=ms)


DIRECT = [
    ("en", 'Omar Talib spoke on Monday.\nIn an interview with Radio Azur on Thursday, he went further: '
           '"They hold the river with one hand and pass explosives with the other."'),
    ("fr", "Omar Talib a parlé lundi.\nDans un entretien à Radio Azur, il est allé plus loin : "
           "« Ils tiennent le fleuve d’une main et arment les rebelles de l’autre. »"),
    ("es", "Omar Talib habló el lunes.\nEn una entrevista con Radio Azur, fue más allá: "
           "«Sujetan el río con una mano y con la otra pasan explosivos»."),
    ("de", "Omar Talib sprach am Montag.\nIm Gespräch mit Radio Azur legte er nach: "
           "„Sie halten den Fluss mit einer Hand fest und reichen mit der anderen Sprengstoff.“"),
]


@pytest.mark.parametrize("lang,text", DIRECT)
def test_direct_quote_after_an_interview_clause_and_colon(lang, text):
    a = extract(art(text, lang, ["Omar Talib"]))
    q = [q for q in a.quotes if q.direct][0]
    assert q.speaker == "Omar Talib" and q.channel == "Radio Azur" and q.method.startswith("rules:colon_intro")
    assert ("Radio Azur", "interview") in [(s.cites, s.kind) for s in a.sources]


REPORTED = [
    ("en", "In an interview with Radio Azur, Omar Talib went further: the neighbours were holding the "
           "river hostage and arming the rebels."),
    ("fr", "Dans un entretien à Radio Azur, Omar Talib est allé plus loin : le voisin tiendrait le fleuve "
           "d’une main et armerait les rebelles de l’autre."),
    ("es", "En una entrevista con Radio Azur, Omar Talib fue más allá: el vecino sujeta el río con una mano "
           "y arma a los rebeldes con la otra."),
    ("de", "Omar Talib warf dem Nachbarn Verzögerung vor.\nIn einem Interview mit Radio Azur legte er am "
           "Donnerstag nach: Der Nachbar halte den Fluss mit einer Hand fest und reiche den Rebellen "
           "Sprengstoff."),
]


@pytest.mark.parametrize("lang,text", REPORTED)
def test_reported_statement_after_an_interview_clause_and_colon(lang, text):
    a = extract(art(text, lang, ["Omar Talib"]))
    q = [q for q in a.quotes if q.method.startswith("rules:colon_intro")]
    assert len(q) == 1 and not q[0].direct
    assert q[0].speaker == "Omar Talib" and q[0].channel == "Radio Azur"
    assert q[0].text.split()[0].lower() in ("the", "le", "el", "der")


@pytest.mark.parametrize("lang,text", [
    ("de", "Omar Talib im Interview: „Sie halten den Fluss mit einer Hand fest und reichen Sprengstoff.“"),
    ("en", 'Omar Talib was blunt: "They hold the river with one hand and pass explosives with the other."'),
])
def test_short_colon_intro_naming_the_speaker(lang, text):
    q = [q for q in extract(art(text, lang, ["Omar Talib"])).quotes if q.direct][0]
    assert q.speaker == "Omar Talib" and q.method == "rules:colon_intro"


@pytest.mark.parametrize("text", [
    'The message was clear: "They hold the river with one hand and pass explosives with the other."',
    'She became so upset, and started driving so fast, that I had to change my answer: "Of course I '
    'believe it. I was just kidding."',
])
def test_colon_without_interview_needs_a_short_clause_opened_by_a_speaker(text):
    q = [q for q in extract(art(text)).quotes if q.direct][0]
    assert not q.method.startswith("rules:colon_intro")


def test_colon_without_interview_or_quote_marks_is_not_a_statement():
    text = ("Omar Talib listed the losses: the river fell by 41 percent, the lake by 12 percent and the "
            "canal by 3 percent.\nThe results were as follows: the river fell by 41 percent and the lake "
            "by 12 percent.")
    assert not [q for q in extract(art(text, "en", ["Omar Talib"])).quotes if q.method.startswith("rules:colon")]


def test_interview_named_without_a_statement_gives_later_quotes_their_channel():
    text = ("El negociador Omar Talib acusó al vecino de armar a los rebeldes, en una entrevista con "
            "Radio Azur emitida el jueves.\n"
            "«Sujetan el río con una mano y con la otra pasan explosivos», declaró Talib.")
    a = extract(art(text, "es", ["Omar Talib", "Talib"]))
    q = [q for q in a.quotes if q.direct][0]
    assert q.speaker == "Talib" and q.channel == "Radio Azur"
    # another speaker does not inherit it
    b = extract(art(text.replace("declaró Talib", "declaró Luis Mora"), "es", ["Omar Talib", "Luis Mora"]))
    assert [q for q in b.quotes if q.direct][0].channel is None


@pytest.mark.parametrize("lang,text,speaker", [
    ("es", "El ministro llegó el lunes. “Tenemos los números de serie”, dijo Hadad, quien aseguró que el "
           "material procedía del ejército.", "Hadad"),
    ("de", "Der Minister reiste am Montag an. „Wir haben die Seriennummern“, sagte Haddad der Website.", "Haddad"),
    ("en", 'He arrived on Monday. "Total fabrication", she said.', "she"),
])
def test_short_quote_opening_a_sentence_before_a_speech_verb_is_a_statement(lang, text, speaker):
    a = extract(art(text, lang))
    d = [q for q in a.quotes if q.direct]
    assert len(d) == 1 and d[0].speaker == speaker
    # the subject after an inverted verb ("dijo Hadad, quien aseguró") is the name, not the verb
    assert all(q.speaker == speaker for q in a.quotes)


def test_short_quote_inside_a_clause_stays_a_scare_quote():
    text = 'Officials called it a "water war", said Omar Talib.'
    assert not [q for q in extract(art(text, "en", ["Omar Talib"])).quotes if q.direct]
