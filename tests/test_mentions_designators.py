"""Mentions from the shape of a phrase: Arabic place names governed by a place designator
("مخيم الركبان", "منطقة التنف": found where the model saw no name, typed LOC; common
complements are not names), and capitalised "role + organisation + person" runs of
declining languages split at the person's name."""
from __future__ import annotations

from dataclasses import dataclass

from newstrace import mentions
from newstrace._mentionwords import _words
from newstrace.gazetteer import alias_index
from newstrace.mentions import _designated, detect
from newstrace.records import Article


@dataclass(frozen=True)
class Opts:
    use_models: bool = False
    gazetteer: str | None = None


def _names(text: str, lang: str = "ar") -> list[str]:
    return [text[s:e] for s, e in _designated(text, _words(text), lang)]


def test_construct_state_designators_govern_place_names():
    text = "حذرت موسكو من الوضع في مخيمي الركبان والهول، وفي منطقة التنف قرب الحدود."
    assert _names(text) == ["الركبان", "والهول", "التنف"]
    a = detect(Article(id="x", text=text, lang="ar"), Opts())
    got = {m.text: m for m in a.mentions}
    for name in ("الركبان", "والهول", "التنف"):
        assert got[name].type == "LOC" and got[name].detector == "rules:designator"


def test_a_designator_with_a_proclitic():
    assert _names("وصلت القافلة بمدينة الحسكة أمس") == ["الحسكة"]
    assert _names("وعاد إلى ومخيم الهول") == ["الهول"]


def test_complements_that_are_not_names():
    # people in the sound plural, cardinal directions, an indefinite adjective
    assert _names("يعيش الآلاف في مخيم اللاجئين ومخيمات النازحين") == []
    assert _names("ضربت العاصفة محافظات الجنوب") == []
    assert _names("بنيت مدينة كبيرة هناك") == []
    # a singular designator governs one name, not the next conjunct
    assert _names("في منطقة التنف والحدود") == ["التنف"]
    # a designator written with the article is a common noun ("the city ...")
    assert _names("المدينة القديمة") == []


def test_other_languages_have_no_table():
    assert _names("في مخيم الركبان", lang="fa") == []
    assert _names("the camp of Rukban", lang="en") == []


def test_one_word_gazetteer_hit_after_a_designator_needs_no_model():
    """With models on, a one-word gazetteer hit in Arabic script is kept only where the model
    saw a name, or where a designator governs it."""
    text = "وصل الوفد إلى موسكو ثم إلى مدينة الحسكة وزار الحسكة"
    index = alias_index(None)
    s = text.index("موسكو")
    model = [(s, s + len("موسكو"), "LOC", "spacy:test")]  # the model saw only Moscow
    chosen, _ = mentions._candidates(Article(id="x", text=text, lang="ar"), model, index)
    spans = {(text[c.start:c.end], c.start) for c in chosen}
    first = text.index("الحسكة")
    assert ("الحسكة", first) in spans  # after "مدينة"
    assert ("الحسكة", text.rindex("الحسكة")) not in spans  # bare: the model's call
    hit = next(c for c in chosen if c.start == first)
    assert hit.gaz  # the gazetteer's entry is kept on the span


def test_role_organisation_person_run_is_split_in_a_declining_language():
    """Polish genitive chains need no lower-case joiner: a capitalised run "ROLE ORG… Given
    Surname" holds an organisation and a person, not one person's name."""
    text = ("Przewodniczący Komitetu Spraw Zagranicznych Rosyjskiej Duma Leonid Słucki ogłosił "
            "w wywiadzie, że projekt zostanie złożony.")
    a = detect(Article(id="x", text=text, lang="pl"), Opts())
    got = {m.text: m.type for m in a.mentions}
    assert got.get("Leonid Słucki") == "PER"
    assert got.get("Komitetu Spraw Zagranicznych Rosyjskiej Duma") == "ORG"
    assert not any("Duma" in m.text and "Słucki" in m.text for m in a.mentions)
    # a role's portfolio (no organisation's head) is left out; the person stays
    a = detect(Article(id="y", text="Minister Spraw Zagranicznych Radosław Sikorski powiedział, że "
                                    "nic się nie zmieni.", lang="pl"), Opts())
    assert "Radosław Sikorski" in {m.text for m in a.mentions}


def test_role_run_ending_in_a_declined_place_is_not_split():
    text = "Przewodniczący Komitetu Spraw Zagranicznych Rady Europy ogłosił, że projekt zostanie złożony."
    a = detect(Article(id="x", text=text, lang="pl"), Opts())
    assert not any(m.text == "Rady Europy" and m.type == "PER" for m in a.mentions)
    # English writes its joiners in lower case: no such run, and no split
    assert mentions._role_org_person([(0, 5, "Chair"), (6, 9, "Foo"), (10, 13, "Bar"), (14, 17, "Baz")],
                                     [0, 1, 2, 3], "en", alias_index(None)) is None


def test_a_quoted_name_keeps_its_parenthesised_translation():
    text = ("Kalbitz had been a member of the banned association “Heimattreue Deutsche Jugend” "
            "(German Youth True to Home) when he joined the party.")
    a = detect(Article(id="x", text=text, lang="en"), Opts())
    groups = {}
    for m in a.mentions:
        groups.setdefault(m.local_id, set()).add(m.text)
    assert {"Heimattreue Deutsche Jugend", "German Youth True to Home"} in groups.values()


def test_two_known_places_in_a_gloss_stay_apart():
    a = detect(Article(id="x", text="Officials in Mosul (Iraq) said the city was calm.", lang="en"), Opts())
    ids = {m.text: m.local_id for m in a.mentions}
    assert ids["Mosul"] != ids["Iraq"]


def test_a_persons_party_in_parentheses_is_an_affiliation_not_an_alias():
    for text in ("Der saarländische Ministerpräsident Tobias Hans (CDU) sagte am Montag, die Partei brauche Ruhe.",
                 "Außenminister Heiko Maas (SPD) warnte am Dienstag vor Reisen."):
        a = detect(Article(id="x", text=text, lang="de"), Opts())
        ids = {m.text: m.local_id for m in a.mentions}
        party = "CDU" if "CDU" in ids else "SPD"
        person = "Tobias Hans" if "Tobias Hans" in ids else "Heiko Maas"
        assert ids[party] != ids[person]
    # a party written in capitals beyond ASCII, or a one-word party the text types ORG
    text = "Die Verhandler Sebastian Kurz (ÖVP) und Werner Kogler (Grüne) verkündeten die Einigung."
    chosen = _cands(text, [("Sebastian Kurz", "PER"), ("ÖVP", "ORG"), ("Werner Kogler", "PER"), ("Grüne", "ORG")])
    _, links = mentions._aliases(text, chosen)
    assert links == []
    # an acronym of the name itself still defines it
    a = detect(Article(id="y", text="Die Popular Mobilization Units (PMU) kämpfen weiter.", lang="de"), Opts())
    ids = {m.text: m.local_id for m in a.mentions}
    assert ids["PMU"] == ids["Popular Mobilization Units"]


def _cands(text, spans):
    from newstrace._orgspans import Cand

    out = []
    for surface, label in spans:
        start = 0
        while True:
            k = text.find(surface, start)
            if k < 0:
                break
            if not any(c.start <= k < c.end for c in out):
                out.append(Cand(k, k + len(surface), "spacy:test", 2, {label: 3}))
            start = k + len(surface)
    return sorted(out, key=lambda c: c.start)


def test_a_models_org_label_on_a_full_name_is_outvoted_by_its_surnames_person_labels():
    text = ("Justin Bieber sang on the show. Bieber laughed. Later Bieber said he was tired, "
            "and Bieber left.")
    chosen = _cands(text, [("Justin Bieber", "ORG"), ("Bieber", "PER")])
    a = mentions._group(Article(id="x", text=text, lang="en"), text, chosen, [], alias_index(None))
    assert len({m.local_id for m in a.mentions}) == 1
    assert {m.type for m in a.mentions} == {"PER"}


def test_an_org_with_one_person_labelled_surname_mention_stays_an_org():
    text = "Goldman Sachs said profits rose. Goldman Sachs hired staff. Sachs laughed."
    chosen = _cands(text, [("Goldman Sachs", "ORG"), ("Sachs", "PER")])
    a = mentions._group(Article(id="x", text=text, lang="en"), text, chosen, [], alias_index(None))
    ids = {m.text: m.local_id for m in a.mentions}
    assert ids["Sachs"] != ids["Goldman Sachs"]


def test_a_prominent_known_place_after_a_locative_preposition_needs_no_model():
    text = "وصل الوفد إلى موسكو ثم سافر وإلى الحسكة وقال خبر في خبر"
    index = alias_index(None)
    s = text.index("موسكو")
    model = [(s, s + len("موسكو"), "LOC", "spacy:test")]
    chosen, _ = mentions._candidates(Article(id="x", text=text, lang="ar"), model, index)
    got = {text[c.start:c.end] for c in chosen}
    assert "الحسكة" in got  # "in Hasakah": a city of 400,000
    assert "خبر" not in got  # "in a news item": a small town's name, a word
