"""Arabic organisations, places that are common words, and role-cued persons (round 12, issue 11)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from newstrace import _arabicnames
from newstrace.mentions import detect
from newstrace.records import Article

pytest.importorskip("arabic_name_romanizer")


@dataclass(frozen=True)
class Opts:
    use_models: bool = False
    gazetteer: str | None = None


def _detect(text: str):
    return detect(Article(id="ar", text=text, lang="ar"), Opts())


def _by_text(a):
    return {m.text: m for m in a.mentions}


def test_a_definite_body_and_one_relative_adjective_name_an_organisation():
    text = ("أشاد الرئيس بالجيش الوطني الشعبي وبالحرس الجمهوري. وقال إن الجيش الوطني جاهز، "
            "وطلب النادي الصفاقسي اللاعب. وأعلنت الشركة الأمريكية والوزارة المعنية ذلك.")
    got = _by_text(_detect(text))
    for name in ("الجيش الوطني الشعبي", "الحرس الجمهوري", "الجيش الوطني", "النادي الصفاقسي"):
        assert got[name].type == "ORG"
    # a company or a ministry so qualified is any one
    assert not any(t.startswith(("الشركة", "الوزارة")) for t in got)


def test_an_organisation_shortened_to_some_of_its_adjectives_is_the_longer_name():
    text = ("أشاد الرئيس بالجيش الوطني الشعبي. وقال إن الجيش الشعبي قوي. "
            "ثم زار الجيش الوطنية الشعبية ثكنة، وأعلن حزب الشعب الوطني ذلك.")
    got = _by_text(_detect(text))
    full = got["الجيش الوطني الشعبي"].local_id
    assert got["الجيش الشعبي"].local_id == full
    assert got["الجيش الوطنية الشعبية"].local_id == full  # a feminine -a written or not
    assert got["حزب الشعب الوطني"].local_id != full  # another head


def test_a_quoted_name_after_a_media_head_and_a_quoted_short_name_after_an_organisation():
    text = ('نقلت قناة "العربية" الخبر. وقالت وكالة الأنباء السعودية "واس" إن القرار نافذ، '
            'وردت وزارة الصحة "نعم" على السؤال.')
    a = _detect(text)
    got = _by_text(a)
    assert got["العربية"].type == "ORG"
    assert got["واس"].local_id == got["وكالة الأنباء السعودية"].local_id
    assert "نعم" not in got  # a quoted common word is no short name


def test_chaired_by_and_an_office_holder_after_a_head_name_no_organisation():
    got = _by_text(_detect("تتساءل الإدارة الحالية برئاسة المشرف العام عن الأمر. ورحبت رئاسة الجمهورية بذلك."))
    assert not any("المشرف" in t for t in got)
    assert got["رئاسة الجمهورية"].type == "ORG"


def test_a_common_word_is_no_small_place_of_that_spelling():
    # "كان" is Cannes, "سنة" and "وإن" aliases of Sanandaj and Van; "رين" (Rennes) is the
    # end of "مسيّرين" that the shadda splits
    text = ("كان النادي قد طلب اللاعب لأقل من 23 سنة، وإن رفضت الإدارة. وقال مسيّرين في الجزائر "
            "إن المهرجان في كان وغزة ودمشق مستمر.")
    a = _detect(text)
    places = {(m.start, m.text) for m in a.mentions if m.type == "LOC"}
    texts = {t for _, t in places}
    assert not {"سنة", "وإن", "رين", "مسي"} & texts
    assert (0, "كان") not in places
    assert (text.index("في كان") + 3, "كان") in places  # after "in": the place
    assert {"الجزائر", "وغزة", "ودمشق"} <= texts


def test_a_role_noun_before_an_organisation_announces_no_person():
    spans = _arabicnames.cued_person_spans(
        "الطيب محياوي رئيس النادي الهاوي لمولودية وهران التقى بالمسيّر السابق شاوش غالم")
    text = "الطيب محياوي رئيس النادي الهاوي لمولودية وهران التقى بالمسيّر السابق شاوش غالم"
    assert [text[s:e] for s, e in spans] == ["الطيب محياوي", "شاوش غالم"]


def test_a_proclitic_before_a_common_word_is_no_rare_name():
    text = "كان طلب خدمات اللاعب الدولي السابق لأقل من 23 سنة"
    assert _arabicnames.cued_person_spans(text) == []


def test_a_marked_role_noun_before_an_apposition_is_no_name_unit():
    # "قَائد" (commander) with a fatha is the role noun "قائد" all the same
    text = "التقى فريفر قَائد رئيس الأركان"
    assert _arabicnames.cued_person_spans(text) == []


def test_two_sentences_run_together_end_the_organisation_at_the_full_stop():
    got = _by_text(_detect("ردت وزارة الصحة.وقالت مصادر إن وزارة الدفاع الوطنية.الوطنية جاهزة"))
    assert got["وزارة الصحة"].type == "ORG" and got["وزارة الدفاع الوطنية"].type == "ORG"


def test_a_prominent_place_with_the_preposition_bi_written_onto_it_needs_no_model():
    from newstrace import mentions
    from newstrace.gazetteer import alias_index

    text = "وصل الوفد إلى موسكو ثم أقام بالجيزة أياما"
    s = text.index("موسكو")
    model = [(s, s + len("موسكو"), "LOC", "spacy:test")]
    chosen, _ = mentions._candidates(Article(id="x", text=text, lang="ar"), model, alias_index(None))
    assert "بالجيزة" in {text[c.start:c.end] for c in chosen}


def test_the_arabic_short_name_of_a_country_and_the_adjective_spelled_alike():
    text = "أعلنت المملكة العربية السعودية إلغاء التوسعة السعودية الثالثة، وارتفع عدد المصابين في السعودية."
    a = _detect(text)
    places = [m for m in a.mentions if m.type == "LOC"]
    assert [(m.start, m.text) for m in places] == [(text.index("المملكة"), "المملكة العربية السعودية"),
                                                 (text.rindex("السعودية"), "السعودية")]
    assert places[0].local_id == places[1].local_id


def test_a_noun_of_a_persons_age_or_trade_announces_a_full_name_and_its_family_name_alone():
    text = "وقال الشاب الأردني قصي الطلافحة وهو طبيب صيدلي إنه يعتذر. وأكد الطلافحة أنه لم يعلم."
    a = _detect(text)
    got = _by_text(a)
    assert got["قصي الطلافحة"].type == "PER"
    assert got["الطلافحة"].local_id == got["قصي الطلافحة"].local_id
    assert "صيدلي" not in got  # one word after a trade noun is another noun


def test_an_organisation_head_without_its_article_shortens_the_longer_name_too():
    text = ("وقال رئيس الهيئة المصرية العامة للكتاب إن الهيئة العامة للكتاب جاهزة. "
            "وصل عدد زوار هيئة الكتاب إلى مليون، وأعلنت وزارة الثقافة المصرية ذلك.")
    got = _by_text(_detect(text))
    full = got["الهيئة المصرية العامة للكتاب"].local_id
    assert got["الهيئة العامة للكتاب"].local_id == full and got["هيئة الكتاب"].local_id == full
    assert got["وزارة الثقافة المصرية"].local_id != full
