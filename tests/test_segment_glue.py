"""Sentences glued to the one before without a space ('bekanntgeben.Der Abschluss'), as
scraped and machine-translated news writes them: the segmenter splits them, offsets exact.
Each negative ('Node.js', 'www.example.Com', 'bzw.', ...) sits in a text that also holds a
glued boundary, so that every test fails on a segmenter that never splits a glued one."""
from __future__ import annotations

import pytest

from newstrace.segment import split_sentences

pytestmark = pytest.mark.issue(11)


def sentences(text: str, lang: str) -> list[str]:
    spans = split_sentences(text, lang)
    for s, e in spans:  # spans into the text, never altered: no space inserted
        assert text[s:e] == text[s:e].strip() and text[s:e]
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize("lang, text, first", [
    ("de", "Die Polizei hat das Ergebnis mitgeteilt.Der Fahrer blieb unverletzt.",
     "Die Polizei hat das Ergebnis mitgeteilt."),
    ("tr", "Bakan bunu açıkladı ve devam etti dedi.Amacımız ayrımcılığı bitirmek.",
     "Bakan bunu açıkladı ve devam etti dedi."),
    ("en", "The suspect rode away on a bicycle.Anyone with information should call.",
     "The suspect rode away on a bicycle."),
    ("es", "Los vecinos huyeron de sus hogares.El alcalde pidió calma.",
     "Los vecinos huyeron de sus hogares."),
    ("fr", "Le bilan reste lourd ce week-end.Le ministre a promis une enquête.",
     "Le bilan reste lourd ce week-end."),
    ("pl", "Policjant wyczuł od niej alkohol.W samochodzie siedziało dwoje dzieci.",
     "Policjant wyczuł od niej alkohol."),
    ("de", "Der Unfall geschah am Montag.Die Polizei sperrte die Straße.", "Der Unfall geschah am Montag."),
    ("en", "The embassy is in India.The minister visited it.", "The embassy is in India."),
    ("en", "The ministry said it would act.NATO did not comment.", "The ministry said it would act."),
])
def test_glued_sentence_is_split(lang, text, first):
    got = sentences(text, lang)
    assert got == [first, text[len(first):]]


def test_offsets_stay_exact_in_a_paragraph_with_several_glued_sentences():
    text = "Er kam am Montag.Die Polizei kam später.Niemand wurde verletzt. Das Haus steht."
    spans = split_sentences(text, "de")
    assert [text[s:e] for s, e in spans] == [
        "Er kam am Montag.", "Die Polizei kam später.", "Niemand wurde verletzt.", "Das Haus steht."]
    assert spans[0] == (0, 17) and spans[1][0] == 17


def test_arabic_glued_full_stop_is_split():
    # pysbd splits most of these itself, not this one (after the '..' of a headline)
    text = ("اكتشفت إصابتها يوم العيد .. أعلن الفنان، من خلال شريط فيديو، انتعاشه من فيروس كورونا."
            "أجرته في أحد مراكز وزارة الصحة.وقالت إنها بخير.")
    got = sentences(text, "ar")
    assert "انتعاشه من فيروس كورونا." in got
    assert "أجرته في أحد مراكز وزارة الصحة." in got


@pytest.mark.parametrize("lang, text, kept", [
    # a camel-case or brand name before the stop, a lower-case word after it
    ("en", "The app runs on Node.js everywhere.It was released on Monday.", "Node.js everywhere."),
    ("de", "Das Mittel kommt von BioNTech.Dann wurde es geprüft.Das dauerte.", "BioNTech.Dann"),
    ("en", "He bought an iPhone.It broke on Monday.Nobody was hurt.", "iPhone.It broke"),
    # a domain name, an initial, a decimal, an ellipsis
    ("en", "The site www.example.Com was down.Users complained.", "www.example.Com was down."),
    ("en", "See example.Com for details.Users complained.", "example.Com for details."),
    ("en", "The author J.R.R. Tolkien wrote it down.Readers loved it.", "J.R.R. Tolkien wrote it down."),
    ("en", "Prices rose by 3.5 percent in June.Analysts were surprised.", "3.5 percent in June."),
    ("de", "Er wartete...Dann ging er nach Hause.Niemand sah ihn.", "Er wartete...Dann ging er nach Hause."),
    # one of pysbd's abbreviations for the language
    ("de", "Die Kosten liegen bei ca.Hundert Euro im Monat.Das ist viel.", "ca.Hundert Euro im Monat."),
    ("en", "They sold fruit, bread etc.The market closed at noon.Nobody came.", "etc.The market"),
])
def test_not_split_where_the_stop_is_no_sentence_end(lang, text, kept):
    got = sentences(text, lang)
    assert any(kept in s for s in got), got
    assert len(got) >= 2  # the glued boundary in the same text is split


def test_segment_gives_article_sentences_for_glued_text():
    from newstrace.pipeline import PipelineOptions
    from newstrace.records import Article
    from newstrace.segment import segment

    text = "Titel\n\nDie Polizei hat es mitgeteilt.Der Fahrer blieb unverletzt."
    art = Article(id="a", text=text, lang="de")
    out = segment(art, PipelineOptions())
    assert [s.text for s in out.sentences][-2:] == [
        "Die Polizei hat es mitgeteilt.", "Der Fahrer blieb unverletzt."]
    assert all(text[s.start:s.end] == s.text for s in out.sentences)
