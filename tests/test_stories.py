import json

import pytest

from newstrace import stories
from newstrace.records import Article, DateRange, Mention, Quote
from newstrace.reuse import MAX_RANGE_DAYS, article_day, article_span
from newstrace.storyeval import bcubed, evaluate, load_gold, pairwise
from newstrace.storyfeatures import span_decay, time_decay


class Opts:
    use_models = False
    encoder = "none"


EVENTS = {
    "flood": ("2024-05-02", ["Valdora", "Mirek Salvi"],
              "Heavy floods hit {p} after the river Tesna burst its banks; rescue teams evacuated "
              "{n} residents and mayor {a} declared an emergency in the flooded districts."),
    "strike": ("2024-05-03", ["Portimar", "Unia Dockers"],
               "Dock workers in {p} began a strike over wages; the union {a} said cargo ships "
               "were stranded and {n} containers waited at the harbour terminals."),
    "flood_later": ("2024-06-20", ["Valdora", "Mirek Salvi"],
                    "Heavy floods hit {p} again as the river Tesna rose; rescue teams evacuated "
                    "{n} residents and mayor {a} declared an emergency in the flooded districts."),
}


def _article(aid, event, k):
    day, (place, actor), tpl = EVENTS[event][0], EVENTS[event][1], EVENTS[event][2]
    text = tpl.format(p=place, a=actor, n=1200 + k)
    pub = day[:-2] + f"{int(day[-2:]) + k % 2:02d}"
    ms = [Mention(text.index(place), text.index(place) + len(place), place, "LOC"),
          Mention(text.index(actor), text.index(actor) + len(actor), actor, "PER")]
    return Article(id=aid, text=text, title=f"{place}: {event} report {k}", lang="en",
                   published=pub, mentions=ms, content_hash=aid)


@pytest.fixture()
def store(tmp_store):
    return tmp_store


def _fill(store, ids_events):
    for aid, ev, k in ids_events:
        store.upsert_article(_article(aid, ev, k))


def _clusters(store):
    return {r[0]: r[1] for r in store.conn.execute("SELECT article_id, story_id FROM story_articles")}


def test_time_decay():
    assert time_decay(10, 10, 12) == 1.0
    assert time_decay(None, 1, 2) == 1.0
    assert 0.5 < time_decay(13, 10, 10) < 0.7
    assert time_decay(40, 10, 12) < 1e-6


def test_wide_inferred_range_is_not_a_date():
    assert article_day(None, "2024-06-03", "2024-06-17") == pytest.approx(article_day("2024-06-10"))
    assert article_day(None, "2019-01-01", "2026-03-31") is None  # years wide: undated
    assert article_day(None, "2024-01-01", None) is None  # open range
    lo, hi = article_span(None, "2019-01-01", "2026-03-31")
    assert hi - lo > MAX_RANGE_DAYS
    assert article_span("2024-05-02", "2019-01-01", "2026-03-31") == (article_day("2024-05-02"),) * 2


def test_range_aware_time_decay():
    day = article_day("2022-01-20")
    # a multi-year range that contains the story's days: full credit
    assert span_decay(day - 900, day + 900, (day, day + 2)) == 1.0
    # a range that ends long before the story: none
    assert span_decay(day - 900, day - 300, (day, day + 2)) < 1e-6
    # a narrow range three days off: partial, like the point decay
    assert span_decay(day - 5, day - 3, (day, day)) == pytest.approx(time_decay(day - 3, day, day))
    assert span_decay(None, None, (day, day)) == 1.0 and span_decay(day, day, None) == 1.0


XL = {  # one event reported in two languages, and a later event about the same actors
    "en": ("2024-05-02", "Floods in {p}: mayor {a} evacuates residents",
           "Heavy floods hit {p} after the river burst its banks; {n1} residents were evacuated and "
           "{n2} homes damaged. \u201cWe need help now,\u201d said mayor {a}."),
    "fr": ("2024-05-03", "Inondations à {p} : le maire {a} fait évacuer",
           "De fortes inondations ont frappé {p} après la crue du fleuve ; {n1} habitants ont été "
           "évacués et {n2} maisons endommagées. « Nous avons besoin d'aide », a déclaré le maire {a}."),
}


def _xl_article(aid, lang, n1, n2, day=None, rng=None):
    pub, title_t, tpl = XL[lang]
    text = tpl.format(p="Valdora", a="Mirek Salvi", n1=n1, n2=n2)
    i, j = text.index("Valdora"), text.rindex("Mirek Salvi")
    ms = [Mention(i, i + 7, "Valdora", "LOC", actor_id="act_valdora"),
          Mention(j, j + 11, "Mirek Salvi", "PER", actor_id="act_salvi")]
    qs = [Quote(0, 5, text[:5], speaker="Mirek Salvi", speaker_actor="act_salvi")]
    a = Article(id=aid, text=text, title=title_t.format(p="Valdora", a="Mirek Salvi"), lang=lang,
                published=None if rng else (day or pub), mentions=ms, quotes=qs, content_hash=aid)
    if rng:
        a.published_range = DateRange(*rng)
    return a


def test_cross_language_link_and_recurring_event_apart(store):
    arts = [_xl_article("en1", "en", 1240, 310), _xl_article("fr1", "fr", 1240, 310),
            # the same actors and wording seven weeks later, other figures: another event
            _xl_article("fr2", "fr", 5200, 870, day="2024-06-21"),
            # undated (years-wide range) English copy of the first event
            _xl_article("en_u", "en", 1240, 310, rng=("2019-01-01", "2026-03-31"))]
    for a in arts:
        store.upsert_article(a)
    stories.update(store, [a.id for a in arts], Opts())
    cl = _clusters(store)
    assert cl["en1"] == cl["fr1"] == cl["en_u"]
    assert cl["fr2"] != cl["en1"]
    ev = [dict(e) for e in store.conn.execute("SELECT kind, detail FROM story_events WHERE kind = 'merge'")]
    assert ev and all(json.loads(e["detail"])["step"] in {"link", "undated", "join"} for e in ev)


def test_online_clustering_separates_events_and_time(store):
    items = [(f"f{k}", "flood", k) for k in range(3)] + [(f"s{k}", "strike", k) for k in range(3)] \
        + [(f"l{k}", "flood_later", k) for k in range(2)]
    _fill(store, items)
    counts = stories.update(store, [i for i, _, _ in items], Opts())
    cl = _clusters(store)
    assert counts["stories_assigned"] == 8
    assert len({cl["f0"], cl["f1"], cl["f2"]}) == 1
    assert len({cl["s0"], cl["s1"], cl["s2"]}) == 1
    assert cl["f0"] != cl["s0"]
    # same actors and wording seven weeks later: a new story, not the old one
    assert cl["l0"] == cl["l1"] and cl["l0"] != cl["f0"]


def test_story_ids_are_stable_as_stories_grow(store):
    _fill(store, [("f0", "flood", 0), ("f1", "flood", 1)])
    stories.update(store, ["f0", "f1"], Opts())
    sid = _clusters(store)["f0"]
    _fill(store, [("f2", "flood", 2)])
    stories.update(store, ["f2"], Opts())
    cl = _clusters(store)
    assert cl["f0"] == cl["f2"] == sid
    rows = list(stories.export_rows(store))
    assert rows[0]["id"] == sid and rows[0]["articles"] == ["f0", "f1", "f2"]
    assert set(rows[0]) >= {"id", "label", "articles", "langs", "first_seen", "last_seen"}
    kinds = [e["kind"] for e in stories.get_story(store, sid)["events"]]
    assert kinds.count("create") == 1


def test_reprocessed_article_moves(store):
    _fill(store, [("f0", "flood", 0), ("f1", "flood", 1), ("x", "flood", 2)])
    stories.update(store, ["f0", "f1", "x"], Opts())
    a = _article("x", "strike", 0)
    a.id = "x"
    a.content_hash = "changed"
    store.upsert_article(a)
    stories.update(store, ["x"], Opts())
    cl = _clusters(store)
    assert cl["x"] != cl["f0"]
    st = stories.get_story(store, cl["f0"])
    assert st["size"] == 2 and any(e["kind"] == "remove" for e in st["events"])


def test_list_and_get_story_filters(store):
    _fill(store, [("f0", "flood", 0), ("s0", "strike", 0)])
    stories.update(store, ["f0", "s0"], Opts())
    assert len(stories.list_stories(store)) == 2
    assert len(stories.list_stories(store, actor="Mirek Salvi")) == 1
    assert stories.list_stories(store, lang="fr") == []
    assert len(stories.list_stories(store, since="2024-05-03")) == 1
    from newstrace.errors import NotFound
    with pytest.raises(NotFound):
        stories.get_story(store, "nope")


def test_bcubed_and_pairwise_by_language():
    gold = {"a": "1", "b": "1", "c": "2"}
    langs = {"a": "en", "b": "fr", "c": "en"}
    perfect = evaluate({"a": "x", "b": "x", "c": "y"}, gold, langs)
    assert perfect["all"]["bcubed"]["f1"] == 1.0 and perfect["cross"]["pairwise"]["f1"] == 1.0
    split = {"a": "x", "b": "y", "c": "z"}
    assert pairwise(split, gold, langs, "cross")["recall"] == 0.0
    assert bcubed(split, gold)["precision"] == 1.0
    assert bcubed(split, gold)["recall"] == pytest.approx((0.5 + 0.5 + 1) / 3, abs=1e-3)
    lumped = {"a": "x", "b": "x", "c": "x"}
    assert pairwise(lumped, gold, langs, "mono")["precision"] == 0.0


def test_load_gold_formats(tmp_path, seeds_gold_path):
    g = load_gold(seeds_gold_path)
    assert g["000_79ad30ed8421e7ea"] == g["004_b61d84d705ab0fc5"]
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "a", "story": "1"}\n{"id": "b", "story": "1"}\n')
    assert load_gold(p) == {"a": "1", "b": "1"}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"nostories": []}))
    from newstrace.errors import GoldFormatError
    with pytest.raises(GoldFormatError):
        load_gold(bad)


def test_eval_cli_on_seeds(seed_db, seeds_gold_path, run_cli):
    res = run_cli("eval", "stories", "--gold", seeds_gold_path, "--db", seed_db, "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["articles_scored"] == 5
    assert {"all", "mono", "cross"} <= set(data)
    out = run_cli("stories", "--db", seed_db)
    assert out.exit_code == 0 and "stories" in out.output
    exp = run_cli("export", "stories", "--db", seed_db, "--format", "jsonl")
    rows = [json.loads(x) for x in exp.output.splitlines()]
    assert sum(len(r["articles"]) for r in rows) == 5


def test_seed_bar_four_stories(seed_db, seeds_gold_path, run_cli):
    data = json.loads(run_cli("eval", "stories", "--gold", seeds_gold_path, "--db", seed_db, "--json").output)
    assert data["all"]["bcubed"]["f1"] == 1.0


def test_demo_bcubed(demo_db, demo_gold_path, run_cli):
    if not demo_gold_path.exists():
        pytest.skip("examples/demo.gold.json not written yet")
    data = json.loads(run_cli("eval", "stories", "--gold", demo_gold_path, "--db", demo_db, "--json").output)
    assert data["all"]["bcubed"]["f1"] >= 0.95
