"""Arabic-script persons without a model, from the romanizer's name dictionary (issue 11)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from newstrace._arabicnames import person_spans
from newstrace.mentions import detect
from newstrace.records import Article

pytest.importorskip("arabic_name_romanizer")


@dataclass(frozen=True)
class Opts:
    use_models: bool = False
    gazetteer: str | None = None


def _names(text: str) -> list[str]:
    return [text[s:e] for s, e in person_spans(text)]


def test_a_given_name_and_the_name_units_after_it():
    text = "وقال الرئيس عبد المجيد تبون إن الفنانة إيمان العاصي تعافت، بحسب محمد عبد الفتاح."
    assert _names(text) == ["عبد المجيد تبون", "إيمان العاصي", "محمد عبد الفتاح"]


def test_words_that_are_also_rare_names_open_and_continue_none():
    # "بين" (between) is listed as a given name 45 times, "مدير" (director) as a name unit:
    # neither opens a name, and a role noun ends one
    assert _names("اتفاق بين الطرفين في القاهرة") == []
    assert _names("وقال محمود مدير المستشفى إن الوضع مستقر") == []
    assert _names("وقال هيثم الحاج رئيس الهيئة") == ["هيثم الحاج"]


def test_model_free_mentions_of_an_arabic_article_are_persons():
    text = "خاطب الرئيس الجزائري عبد المجيد تبون شعبه اليوم. وقال تبون إن البلاد ستنتصر."
    out = detect(Article(id="ar1", text=text, lang="ar"), Opts())
    got = {m.text: m for m in out.mentions}
    assert got["عبد المجيد تبون"].type == "PER" and got["عبد المجيد تبون"].detector == "rules:arabic_names"
    assert got["تبون"].local_id == got["عبد المجيد تبون"].local_id  # the family name alone, joined


def test_a_model_span_of_a_given_name_only_takes_the_name_after_it():
    from newstrace._arabicnames import given_name_end
    from newstrace.mentions import _detect_one

    text = "أعلنت الفنانة إيمان آسي تعافيها من المرض."
    s = text.index("إيمان")
    assert text[s:given_name_end(text, s, s + len("إيمان"))] == "إيمان آسي"
    out = _detect_one(Article(id="ar2", text=text, lang="ar"), Opts(use_models=True),
                      [(s, s + len("إيمان"), "PER", "spacy:test")])
    assert [m.text for m in out.mentions if m.type == "PER"] == ["إيمان آسي"]
    # a span that is more than a given name is left as the model gave it
    t2 = "وقال عمرو سليمان إن"
    s2 = t2.index("عمرو")
    assert given_name_end(t2, s2, s2 + len("عمرو سليمان")) == s2 + len("عمرو سليمان")


def _cued(text: str) -> list[str]:
    from newstrace._arabicnames import cued_person_spans

    return [text[s:e] for s, e in cued_person_spans(text)]


def test_a_role_noun_announces_a_name_the_dictionary_does_not_know():
    # rare Maghrebi family names and a machine translation's garble of one, after a role
    # noun (with a proclitic, a diacritic, a modifier), with nasab and ʿAbd al-X
    assert _cued("وانتقد بالمسيّر السابق شاوش غالم والتصريحات الأخيرة") == ["شاوش غالم"]
    assert _cued("يشرف الرئيس بريبون على حفل") == ["بريبون"]
    assert _cued("خاطب الرئيس الجزائري عبد المجيد تبون شعبه") == ["عبد المجيد تبون"]
    assert _cued("باسم المرحوم قايد صالح اليوم") == ["قايد صالح"]
    assert _cued("أعلن الملك سلمان بن عبد العزيز، اليوم") == ["سلمان بن عبد العزيز"]
    assert _cued("وزير الدفاع، السيد عبد المجيد تورونيوم الثلاثاء") == ["عبد المجيد تورونيوم"]
    # the name before a role noun in apposition
    assert _cued("اللقاء الذي جمع الطيب محياوي رئيس النادي") == ["الطيب محياوي"]
    # common words after a role noun are no name
    assert _cued("بحضور الرئيس الجديد للنادي") == []
    assert _cued("أعلن مجلس الوزراء رئيس الحكومة") == []
    assert _cued("قال محمد صالح، رئيس الحزب") == []


def test_model_free_role_cued_persons_are_mentions():
    text = "جمع اللقاء المدرب السابق شاوش غالم بالصحفيين."
    out = detect(Article(id="ar3", text=text, lang="ar"), Opts())
    assert [(m.text, m.type) for m in out.mentions] == [("شاوش غالم", "PER")]


def test_a_name_that_opens_one_longer_name_of_the_article_is_that_person():
    text = ("شريف الوزاني في مواجهة الأنصار. وقالت الإدارة برئاسة المشرف العام شريف الوزاني سي الطاهر "
            "إن الفريق سيعود.")
    out = detect(Article(id="ar4", text=text, lang="ar"), Opts())
    got = {m.text: m.local_id for m in out.mentions}
    assert got["شريف الوزاني"] == got["شريف الوزاني سي الطاهر"]
    # two longer names it opens: neither
    text = "John Smith arrived. John Smith Jr. left. Later John Smith Senior spoke."
    out = detect(Article(id="en1", text=text, lang="en"), Opts())
    got = {m.text: m.local_id for m in out.mentions}
    assert got.get("John Smith") is not None and got["John Smith"] != got.get("John Smith Senior", -1)


def test_with_a_model_the_dictionary_name_around_a_model_person_and_where_it_saw_none():
    from newstrace.mentions import _detect_one

    text = "سيد أحمد زروقي في النادي. وقال حسين محمدي إن الفريق جاهز."
    s = text.index("أحمد زروقي")
    out = _detect_one(Article(id="ar5", text=text, lang="ar"), Opts(use_models=True),
                      [(s, s + len("أحمد زروقي"), "PER", "spacy:test")])
    pers = [m.text for m in out.mentions if m.type == "PER"]
    assert "سيد أحمد زروقي" in pers and "أحمد زروقي" not in pers
