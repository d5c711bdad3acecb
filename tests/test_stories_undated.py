"""Undated articles and groups of them (only a wide inferred range) against dated stories.

Constructed articles (model-free path): one dated report of an attack, undated reports of
it from other outlets and languages that share with the dated report no number, in-text
date or quoted speaker, only content, place and actors; and the traps: a lone undated
report, copies of one report, a member whose range excludes the date, and a second attack
at the same place with the same actors inside the group's range.
"""
import pytest

from newstrace import stories
from newstrace.records import Article, DateRange, Mention
from newstrace.reuse import article_day
from newstrace.storyfeatures import (
    DocFeatures, doc_decay, intersect_windows, shares_place_and_actor, time_consistent,
)


class Opts:
    use_models = False
    encoder = "none"


ACTORS = {"Dorvik": ("act_dorvik", "LOC"), "Marovia": ("act_marovia", "LOC"),
          "Arno Velt": ("act_velt", "PER"), "Red Hand": ("act_redhand", "ORG")}

TEXTS = {
    # the dated report: the accused side's denial, no figures
    "dated": ("en", "Marovia rejects claims over Dorvik pumping station blast",
              "Marovia rejected accusations by interior minister Arno Velt that explosives used in the "
              "attack on the Dorvik pumping station came from Marovia army stocks. Arno Velt blamed the "
              "Red Hand militia for the blast at the Dorvik pumping station, which cut water supplies."),
    # undated reports of the same attack, with the casualty figures the dated one lacks
    "u_en": ("en", "Blast at Dorvik pumping station cuts water; minister blames Marovia",
             "An explosion at the Dorvik pumping station killed {n} guards and cut water supplies to "
             "{m} residents. Interior minister Arno Velt blamed the Red Hand militia and said the "
             "explosives used in the attack came from Marovia army stocks."),
    "u_fr": ("fr", "Explosion à la station de pompage de Dorvik",
             "Une explosion à la station de pompage de Dorvik a tué {n} gardes et privé d'eau {m} "
             "habitants. Le ministre de l'Intérieur Arno Velt accuse la milice Red Hand et affirme "
             "que les explosifs venaient des stocks de l'armée de Marovia."),
    "u_de": ("de", "Anschlag auf Pumpwerk Dorvik",
             "Bei einem Anschlag auf das Pumpwerk Dorvik wurden {n} Wachleute getötet; {m} Einwohner "
             "sind ohne Wasser. Innenminister Arno Velt macht die Miliz Red Hand verantwortlich; der "
             "Sprengstoff stamme aus Beständen der Armee von Marovia."),
}

WIDE = ("2022-01-01", "2026-12-31")


def _art(aid, kind, outlet, published=None, rng=WIDE, n=7, m=31250):
    lang, title, tpl = TEXTS[kind]
    text = tpl.format(n=n, m=m)
    ms = []
    for name, (act, typ) in ACTORS.items():
        start = text.find(name)
        while start >= 0:
            ms.append(Mention(start, start + len(name), name, typ, actor_id=act))
            start = text.find(name, start + 1)
    a = Article(id=aid, text=text, title=title, lang=lang, outlet=outlet, published=published,
                mentions=ms, content_hash=aid)
    if not published:
        a.published_range = DateRange(*rng)
    return a


@pytest.fixture()
def store(tmp_store):
    return tmp_store


def _run(store, arts):
    for a in arts:
        store.upsert_article(a)
    stories.update(store, [a.id for a in arts], Opts())
    return {r[0]: r[1] for r in store.conn.execute("SELECT article_id, story_id FROM story_articles")}


def _dated(aid="d1", day="2024-05-08", outlet="Wire A"):
    return _art(aid, "dated", outlet, published=day)


def test_group_of_independent_undated_reports_joins_the_dated_story(store):
    cl = _run(store, [_dated(), _art("u1", "u_en", "Paper B"), _art("u2", "u_fr", "Journal C"),
                      _art("u3", "u_de", "Rundschau D")])
    assert cl["u1"] == cl["u2"] == cl["u3"] == cl["d1"]
    ev = store.conn.execute("SELECT detail FROM story_events WHERE kind = 'merge' "
                            "AND detail LIKE '%undated-group%'").fetchall()
    assert ev and '"witnesses": 3' in ev[0][0]


def test_single_undated_report_without_event_detail_stays_apart(store):
    cl = _run(store, [_dated(), _art("u1", "u_en", "Paper B")])
    assert cl["u1"] != cl["d1"]


def test_copies_of_one_report_are_one_witness(store):
    # the same outlet twice (a republished report): one witness, not corroboration
    cl = _run(store, [_dated(), _art("u1", "u_en", "Paper B"), _art("u2", "u_fr", "Paper B")])
    assert cl["u1"] == cl["u2"] and cl["u1"] != cl["d1"]


def test_member_range_that_excludes_the_date_blocks_the_join(store):
    late = ("2024-06-01", "2026-12-31")  # published after the dated story's day + sigma
    cl = _run(store, [_dated(), _art("u1", "u_en", "Paper B"), _art("u2", "u_fr", "Journal C", rng=late),
                      _art("u3", "u_de", "Rundschau D")])
    assert cl["u1"] == cl["u2"] == cl["u3"] and cl["u1"] != cl["d1"]


def test_two_attacks_at_the_same_place_inside_the_range_are_ambiguous(store):
    # the same place, actors and wording a year later: the group's dates allow both
    cl = _run(store, [_dated(), _dated("d2", "2025-05-20", "Wire A"), _art("u1", "u_en", "Paper B"),
                      _art("u2", "u_fr", "Journal C"), _art("u3", "u_de", "Rundschau D")])
    assert cl["d1"] != cl["d2"]
    assert cl["u1"] == cl["u2"] == cl["u3"] and cl["u1"] not in (cl["d1"], cl["d2"])


@pytest.mark.parametrize("rival", [False, True])
def test_group_in_other_languages_links_only_by_the_undated_rules(store, rival):
    # no language in common with the dated stories: the cross-language linking step must
    # not take the group on the link model alone (its years-wide range excludes nothing)
    dated = [_dated()] + ([_dated("d2", "2025-05-20", "Wire A")] if rival else [])
    cl = _run(store, dated + [_art("u2", "u_fr", "Journal C"), _art("u3", "u_de", "Rundschau D")])
    assert cl["u2"] == cl["u3"]
    if rival:
        assert cl["u2"] not in (cl["d1"], cl["d2"])
    else:
        assert cl["u2"] == cl["d1"]


def test_windows_of_the_range_decide_between_the_two_attacks(store, monkeypatch):
    # "Monday 6 May" without a year: only the 2024 attack fits the windows of the text
    w = [(article_day("2024-05-06"), article_day("2024-05-20")),
         (article_day("2030-05-06"), article_day("2030-05-20"))]
    monkeypatch.setattr(stories, "_windows", lambda a, options: w if a.id.startswith("u") else [])
    rng = ("2024-05-06", "2030-05-20")
    cl = _run(store, [_dated(), _dated("d2", "2025-05-20", "Wire A"), _art("u1", "u_en", "Paper B", rng=rng),
                      _art("u2", "u_fr", "Journal C", rng=rng), _art("u3", "u_de", "Rundschau D", rng=rng)])
    assert cl["d1"] != cl["d2"]
    assert cl["u1"] == cl["u2"] == cl["u3"] == cl["d1"]


def test_dated_report_arriving_later_does_not_absorb_the_group_by_content(store):
    # incremental: the undated group first, the dated report in a later batch
    cl = _run(store, [_art("u1", "u_en", "Paper B")])
    cl = _run(store, [_dated()])
    assert cl["u1"] != cl["d1"]  # one undated report: apart, whatever the order
    cl = _run(store, [_art("u2", "u_fr", "Journal C"), _art("u3", "u_de", "Rundschau D")])
    assert cl["u1"] == cl["u2"] == cl["u3"] == cl["d1"]


def test_place_and_actor_and_time_helpers():
    s = DocFeatures("b", "en", 100.0, "", ents={"a:p", "a:x"})
    assert shares_place_and_actor(DocFeatures("a", "en", None, "", ents={"a:p", "a:x"}, places={"a:p"}), s)
    assert not shares_place_and_actor(DocFeatures("a", "en", None, "", ents={"a:p"}, places={"a:p"}), s)
    assert not shares_place_and_actor(DocFeatures("a", "en", None, "", ents={"a:x"}, places=set()), s)
    wide = DocFeatures("a", "en", None, "", lo=0.0, hi=1000.0, windows=[(0.0, 14.0), (365.0, 379.0)])
    assert doc_decay(wide, (100.0, 100.0)) < 1e-6 and not time_consistent(wide, (100.0, 100.0))
    assert time_consistent(wide, (370.0, 372.0)) and time_consistent(wide, (16.0, 16.0))
    assert intersect_windows(None, [(0.0, 14.0)]) == [(0.0, 14.0)]
    assert intersect_windows([(0.0, 14.0), (365.0, 379.0)], [(10.0, 400.0)]) == [(10.0, 14.0), (365.0, 379.0)]
    # disjoint (an inconsistent member): the union, which bounds nothing wrongly
    assert intersect_windows([(0.0, 1.0)], [(5.0, 6.0)]) == [(0.0, 1.0), (5.0, 6.0)]


def test_cross_language_undated_links_keep_one_match_per_language():
    # an undated article whose evidence matches everything (a single shared name, the
    # "19" of COVID-19) has undated links to several reports in another language: as for
    # encoder links across languages, only mutual best matches count (one per language)
    wide = {"lo": 0.0, "hi": 4000.0}
    docs = {"hub": DocFeatures("hub", "en", None, "", **wide), "de1": DocFeatures("de1", "de", None, "", **wide),
            "de2": DocFeatures("de2", "de", None, "", **wide), "fr1": DocFeatures("fr1", "fr", None, "", **wide),
            "en2": DocFeatures("en2", "en", None, "", **wide)}
    strong = [("de1", "hub", "undated", 0.99), ("de2", "hub", "undated", 0.95), ("fr1", "hub", "undated", 0.9),
              ("en2", "hub", "undated", 0.7), ("de2", "en2", "link", 0.8)]
    kept = {(a, b) for a, b, _k, _p in stories._mutual_best_links(docs, strong)}
    # de2's best English match is the hub, but the hub's best German one is de1; en2's best
    # German match is de2 and de2's best English one is the hub; same-language links stay
    assert kept == {("de1", "hub"), ("fr1", "hub"), ("en2", "hub")}
