"""Arabic-script quote phenomena left after round 12 (issue 11; invented sentences, one
phenomenon each): a verb-first sentence whose object is a noun phrase keeps its subject out of
the statement ('أعلنت وزارة X دخول …': the name is the speaker, the content starts after it); a
full stop with no space after it ends the sentence in the quotes stage's own bounds, so an
"according to" statement no longer reaches back across it; segment.py splits after a number
glued to the next word and keeps a one-letter title ('د.محمد') with its name."""
from __future__ import annotations

from test_quotes_round8 import quotes, sentences

from newstrace.segment import split_sentences


def _said(text: str, lang: str, *names: str, kind: str = "PER") -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes(text, lang, *names, kind=kind)]


def test_verb_first_noun_object_after_an_organisation():
    text = "أعلنت وزارة الصحة المصرية تسجيل 120 إصابة جديدة بفيروس كورونا في القاهرة."
    assert _said(text, "ar", "وزارة الصحة المصرية", kind="ORG") == [
        ("تسجيل 120 إصابة جديدة بفيروس كورونا في القاهرة", "وزارة الصحة المصرية")]


def test_verb_first_noun_object_after_a_person():
    # a person's name the object follows with no article; a role noun after the name is an apposition
    text = "وطلب سامي العلي إغلاق جميع المدارس الحكومية والخاصة والجامعات والمعاهد العليا حتى نهاية الشهر."
    assert _said(text, "ar", "سامي العلي") == [
        ("إغلاق جميع المدارس الحكومية والخاصة والجامعات والمعاهد العليا حتى نهاية الشهر", "سامي العلي")]
    text = "وقال سامي العلي وزير الصحة إن الوضع مستقر في المستشفيات."
    assert _said(text, "ar", "سامي العلي") == [("الوضع مستقر في المستشفيات", "سامي العلي")]


def test_glued_full_stop_ends_an_arabic_sentence():
    s = sentences("قال الوزير إن الزيارة كانت مهمة للغاية.وتراجعت الصادرات في عام 2020.وارتفعت الواردات.", "ar")
    assert s == ["قال الوزير إن الزيارة كانت مهمة للغاية.", "وتراجعت الصادرات في عام 2020.", "وارتفعت الواردات."]
    # a complementizer after the stop goes on with the clause, a one-letter title is no sentence end
    assert len(sentences("وقال سامي العلي عضو مجلس النواب السابق.إن الذكرى ستبقى خالدة.", "ar")) == 1
    assert len(sentences("وقال د.سامي العلي إن الذكرى ستبقى خالدة.", "ar")) == 1


def test_according_to_does_not_reach_across_a_glued_full_stop():
    text = ("وقال الفريق عبد المنعم إن الزيارة كانت مهمة للغاية.وتراجعت الصادرات بنسبة خمسة في المئة "
            "وفقا للرئيس سامي العلي.")
    got = _said(text, "ar", "عبد المنعم", "سامي العلي")
    assert ("الزيارة كانت مهمة للغاية", "عبد المنعم") in got
    acc = [q for q in got if q[1] == "سامي العلي"]
    assert acc and all(q[0].startswith("وتراجعت") for q in acc)


def test_segment_number_before_a_glued_stop_and_one_letter_titles():
    t = "وبلغ عدد الزوار ثلاثة ملايين في عام 2020.وقال المتحدث إن العدد سيرتفع."
    assert [t[s:e] for s, e in split_sentences(t, "ar")] == [
        "وبلغ عدد الزوار ثلاثة ملايين في عام 2020.", "وقال المتحدث إن العدد سيرتفع."]
    for t, lang in (("وقال د.محمد علي إن العدد سيرتفع.", "ar"), ("وقال أ.د. محمد علي إن العدد سيرتفع.", "ar"),
                    ("به گفته د.علی رضایی شمار بیماران کاهش یافت.", "fa")):
        assert len(split_sentences(t, lang)) == 1, t
    # a decimal and Latin script are unchanged
    t = "وبلغ النمو 3.5 في المئة."
    assert len(split_sentences(t, "ar")) == 1
    assert len(split_sentences("It grew in 2020.The man left.", "en")) == 1
