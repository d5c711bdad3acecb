"""Arabic actors left after round 12 (issue 11; invented sentences): a club's level is no
name ("النادي الهاوي"), a club head with a glued preposition and its short name with the
article ("لمولودية وهران" ... "المولودية"), a construct chain after an organisation head
("رئاسة شؤون الحرمين"), a place spelled like a disease the article names as one ("فيروس
كورونا" is no town Corona), and a bracket in two scripts is a gloss, no alias ("(مستخدمي PDF)")."""
from __future__ import annotations

from test_mentions_arabic import _by_text, _detect


def test_a_clubs_level_is_no_organisation_but_the_club_named_after_it_is():
    text = ("التقى رئيس النادي الهاوي لمولودية وهران بالمسير السابق أمس. "
            "وتحدث الرجلان عن شؤون المولودية في الموسم المقبل.")
    got = _by_text(_detect(text))
    assert "النادي الهاوي" not in got
    assert got["مولودية وهران"].type == "ORG"
    assert got["المولودية"].type == "ORG"
    assert got["المولودية"].local_id == got["مولودية وهران"].local_id
    # the nisba name of a club stays
    assert _by_text(_detect("وطلب النادي الصفاقسي اللاعب أمس."))["النادي الصفاقسي"].type == "ORG"


def test_a_construct_chain_after_an_organisation_head():
    got = _by_text(_detect("وقالت رئاسة شؤون الحرمين في بيان إن المسجد مغلق."))
    assert got["رئاسة شؤون الحرمين"].type == "ORG"
    # an indefinite adjective after an indefinite head is no name
    got = _by_text(_detect("وأقيم مستشفى ميداني كبير في المدينة."))
    assert not any(t.startswith("مستشفى") for t in got)


def test_a_place_spelled_like_the_disease_the_article_names():
    text = ("أعلنت الوزارة تسجيل إصابات جديدة بفيروس كورونا في مصر. "
            "وقالت إن أزمة كورونا مستمرة.")
    got = _by_text(_detect(text))
    assert not any("كورونا" in t for t in got)
    assert got["مصر"].type == "LOC"


def test_a_bracket_in_two_scripts_is_no_alias():
    text = "عقد الرئيس جلسة مع إطارات الجيش الوطني الشعبي (مستخدمي PDF) أمس."
    a = _detect(text)
    got = _by_text(a)
    army = got["الجيش الوطني الشعبي"].local_id
    assert not any(m.local_id == army and "مستخدمي" in m.text for m in a.mentions)
