"""A known place's word that is the surname of the person the article names, Turkish case
suffixes at a name's end, and Latin spellings that only share a consonant skeleton
(round 8, actors on unseen SemEval pairs; model-free path)."""
from __future__ import annotations

from dataclasses import dataclass

from newstrace import _actorgraph as G
from newstrace.gazetteer import alias_index
from newstrace.mentions import detect
from newstrace.names import match_score
from newstrace.records import Article


@dataclass(frozen=True)
class Opts:
    use_models: bool = False
    gazetteer: str | None = None


def _mention(article, text):
    return next(m for m in article.mentions if m.text == text)


def test_a_small_place_named_like_the_persons_surname_is_the_person():
    # Fontana is a GeoNames town; here it is the governor named in full before
    text = ("Attilio Fontana, the governor of Lombardy, said on Monday that schools would close. "
            "Fontana added that the measures were necessary.")
    a = detect(Article(id="x", text=text, lang="en"), Opts())
    full, alone = _mention(a, "Attilio Fontana"), _mention(a, "Fontana")
    assert alone.local_id == full.local_id and alone.type == "PER"
    assert any(link[2] == "partial:surname_over_place" for link in a.meta["mention_links"])


def test_the_place_after_a_locative_preposition_stays_the_place():
    text = ("Attilio Fontana, the governor of Lombardy, said on Monday that schools would close. "
            "Residents in Fontana were told to stay at home.")
    a = detect(Article(id="x", text=text, lang="en"), Opts())
    assert _mention(a, "Fontana").local_id != _mention(a, "Attilio Fontana").local_id
    assert _mention(a, "Fontana").type == "LOC"


def test_a_country_is_never_taken_for_a_surname():
    text = "Photo: Peter Germany. Peter Germany said the talks in Germany went well."
    a = detect(Article(id="x", text=text, lang="en"), Opts())
    country = [m for m in a.mentions if m.text == "Germany"]
    assert country and all(m.type == "LOC" for m in country)


def test_turkish_case_marked_country_after_a_name_is_its_own_name():
    text = "Milli kayakçı Sıla Kara Slovenya'da kahraman ilan edildi. Kara çok mutlu oldu."
    got = {m.text for m in detect(Article(id="tr", text=text, lang="tr"), Opts()).mentions}
    assert "Sıla Kara" in got and "Slovenya'da" in got
    assert not any("Kara Slovenya" in t for t in got)


def test_turkish_known_multiword_place_keeps_its_suffix_word():
    text = "Heyet dün New York'ta toplandı ve açıklama yaptı."
    got = {m.text for m in detect(Article(id="tr", text=text, lang="tr"), Opts()).mentions}
    assert "New York'ta" in got


def test_turkish_designator_before_a_case_suffix_types_a_place():
    text = "Salgın ilk olarak Çin'in Hubey eyaletindeki Wuhan City'de başladı."
    a = detect(Article(id="tr", text=text, lang="tr"), Opts())
    assert _mention(a, "Wuhan City'de").type == "LOC"


def test_latin_spellings_sharing_only_a_skeleton_without_v_are_different_names():
    assert match_score("Caraca", "Krvavec") < 0.9  # same skeleton once v is dropped
    assert match_score("Wassim", "Vasim") >= 0.9  # w and v: one letter in transliteration


def test_a_known_name_ending_in_s_has_no_german_genitive_respelling():
    index = alias_index(None)
    names = {name for _, name, _ in G.entity_nodes(["Caracas"], "LOC", "de", index)[0]}
    assert "Caraca" not in names
    names = {name for _, name, _ in G.entity_nodes(["Gazprombanks"], "ORG", "de", index)[0]}
    assert "Gazprombank" in names  # an unknown name still has its genitive read


def test_a_function_word_in_capitals_is_an_acronym():
    text = "USA przestają finansować WHO. Ukończył cztery fakultety na MIT, a potem wrócił."
    got = {m.text for m in detect(Article(id="pl", text=text, lang="pl"), Opts()).mentions}
    assert {"WHO", "MIT"} <= got
    text = "The minister, who met Ursula von der Leyen in Brussels, said it was over."
    got = {m.text.lower() for m in detect(Article(id="en", text=text, lang="en"), Opts()).mentions}
    assert "who" not in got and "it" not in got


def test_a_german_genitive_of_a_known_place_is_that_place_and_ends_the_name():
    from newstrace.gazetteer import base_forms

    assert base_forms("Irans", "de") == ["Iran"]
    assert base_forms("Kongress", "de") == []  # -ss is no genitive
    text = "Israel wappnet sich für Irans Militäreinheit im Ausland. Wladimir Putin schwieg."
    a = detect(Article(id="de", text=text, lang="de"), Opts())
    irans = _mention(a, "Irans")
    assert irans.type == "LOC" and irans.detector == "gazetteer"
    assert not any("Irans Militär" in m.text for m in a.mentions)
    assert "Wladimir Putin" in {m.text for m in a.mentions}  # a nominative place opens a name


def test_arabic_organisation_heads_govern_their_definite_complement():
    text = ("أعلنت وزارة الثقافة المصرية دخول ذوي القدرات الخاصة. وقال رئيس الهيئة المصرية العامة للكتاب "
            "إن الوزارة التي تحتضن المعرض جاهزة. وصل عدد زوار هيئة الكتاب اليوم إلى مليون.")
    a = detect(Article(id="ar", text=text, lang="ar"), Opts())
    orgs = {m.text for m in a.mentions if m.type == "ORG"}
    assert {"وزارة الثقافة المصرية", "الهيئة المصرية العامة للكتاب", "هيئة الكتاب"} <= orgs
    assert not any("التي" in m.text or "اليوم" in m.text for m in a.mentions)
    assert not any(m.text.startswith("الوزارة") for m in a.mentions)  # a definite head alone is generic


def test_a_turkish_place_with_a_designator_and_a_case_suffix_is_the_known_place():
    index = alias_index(None)
    entry = G.gazetteer_entry(["Wuhan City'de"], ["Wuhan City'de"], "LOC", index, "tr")
    assert entry is not None and entry.name == "Wuhan"


def test_a_share_line_names_each_listed_platform_on_its_own():
    text = "Everyone was evacuated. Share this: Twitter Facebook Print Like this. The Reuters Institute said so."
    a = detect(Article(id="en", text=text, lang="en"), Opts())
    got = {m.text for m in a.mentions}
    assert {"Twitter", "Facebook"} <= got and not any("Twitter Facebook" in t for t in got)
    assert _mention(a, "Twitter").local_id != _mention(a, "Facebook").local_id
    assert "Reuters Institute" in got  # a listed name before an organisation's head word stays in it
    ar = detect(Article(id="ar", text="ونشر الفيديو على تويتر أمس.", lang="ar"), Opts())
    assert any(m.text == "تويتر" and m.type == "ORG" for m in ar.mentions)
