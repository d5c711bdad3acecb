"""Shared numbers of the story features: a number glued to a name is part of the name."""
from newstrace import storyfeatures as sf
from newstrace.records import Article


def _nums(text: str, lang: str = "en") -> set[str]:
    return sf.doc_features(Article(id="x", text=text, lang=lang)).nums


def test_a_number_glued_to_a_name_is_not_a_quantity():
    # 'COVID-19', 'Kovid-19', 'F-16', 'G20', 'MH17' name things every report of them repeats
    assert _nums("COVID-19 cases rose; the G20 met; an F-16 and flight MH17.") == set()
    assert _nums("Kovid-19 vakaları kontrol altına alındı.", "tr") == set()


def test_quantities_days_and_years_still_count():
    assert _nums("25 kişiye 85 bin 860 lira ceza, 15 Mayıs'ta.", "tr") == {"25", "85", "860", "15"}
    assert _nums("3.500 personas entre 2019-2020, el 15 de marzo.", "es") == {"3500", "2019", "2020", "15"}


def test_two_reports_sharing_only_covid_19_share_no_number():
    a = sf.doc_features(Article(id="a", text="Kahramanmaraş'ta Kovid-19 vakaları kontrol altına alındı.", lang="tr"))
    b = sf.doc_features(Article(id="b", text="Afşin'de Kovid-19 tedbirleri: 25 kişiye ceza.", lang="tr"))
    assert sf.pair_features(a, b)["num"] == 0.0
