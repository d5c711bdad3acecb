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
