"""Corpus stages reuse, stories, narratives and dates.update (issue 12): a second call
changes nothing; the order of ``changed``, the way ids are split over calls and a killed
call that is run again do not change the result; story ids derive from their founders;
story first/last seen days agree with their articles' final dates.

The corpus mixes what makes these stages order-sensitive: dated reports of two events,
a copy of one report (reuse), a French report of the first event (cross-language link),
undated reports with wide ranges (the undated rules), an undated article whose text leaves
two candidate years that story-mates choose between (dates.update), and a recurring
claim across the two events (narratives).
"""
import json
import random
import re

import pytest

from newstrace import dates, narratives, reuse, stories
from newstrace.records import Article, DateRange, Mention, Span
from newstrace.reuse import article_day


class Opts:
    use_models = False
    encoder = "none"
    now = "2026-11-23"


def _ms(text, names):
    return [Mention(m.start(), m.end(), name, typ, actor_id=act)
            for name, (act, typ) in names.items() for m in re.finditer(re.escape(name), text)]


NAMES = {"Valdora": ("act_valdora", "LOC"), "Mirek Salvi": ("act_salvi", "PER"),
         "Tesna": ("act_tesna", "LOC"), "Portimar": ("act_portimar", "LOC"), "Unia Dockers": ("act_unia", "ORG")}

FLOOD = ("Heavy floods hit Valdora after the river Tesna burst its banks; rescue teams evacuated {n} "
         "residents and mayor Mirek Salvi accused the water authority of ignoring warnings. The mayor said "
         "the dam at Tesna had been neglected for years and {m} homes were damaged.")
FLOOD_FR = ("De fortes inondations ont frappé Valdora après la crue de la Tesna ; {n} habitants ont été "
            "évacués et le maire Mirek Salvi accuse l'autorité de l'eau d'avoir ignoré les alertes ; "
            "{m} maisons endommagées.")
STRIKE = ("Dock workers in Portimar began a strike over wages; the union Unia Dockers said {n} containers "
          "waited at the harbour terminals and cargo ships were stranded.")


def _art(aid, tpl, lang="en", published=None, rng=None, outlet=None, n=1240, m=310, title=None):
    text = tpl.format(n=n, m=m)
    a = Article(id=aid, text=text, title=title or text[:40], lang=lang, published=published,
                outlet=outlet, mentions=_ms(text, NAMES), content_hash=aid + text[:10],
                sentences=[Span(0, len(text), text)])
    if rng:
        a.published_range = DateRange(*rng)
    return a


def corpus():
    return [
        _art("f1", FLOOD, published="2024-05-02", outlet="Wire A"),
        _art("f2", FLOOD, published="2024-05-03", outlet="Paper B"),  # a copy (reuse)
        _art("f3", FLOOD_FR, "fr", published="2024-05-03", outlet="Journal C"),
        _art("g1", FLOOD, published="2025-06-20", outlet="Wire A", n=5200, m=870),  # the same claim a year later
        _art("s1", STRIKE, published="2024-05-03", outlet="Wire A"),
        _art("s2", STRIKE, published="2024-05-04", outlet="Paper B", n=77),
        _art("u1", FLOOD, rng=("2019-01-01", "2026-03-31"), outlet="Blog D"),  # undated, same figures
        _art("u2", STRIKE, rng=("2019-01-01", "2026-03-31"), outlet="Blog E", n=91),
        # undated, in a wide range; the text's own windows are tested in test_dates_update_*
        _art("u3", FLOOD_FR, "fr", rng=("2023-01-01", "2025-12-31"), outlet="Journal F", n=1240, m=310),
        # undated; "Thursday 2 May" leaves one window per year where 2 May is a Thursday:
        # its story-mates choose 2024 (dates.update), and the story's days follow
        _dated_by_text("u4", FLOOD.replace("Heavy floods hit Valdora", "Heavy floods hit Valdora on Thursday 2 May"),
                       outlet="Radio G"),
    ]


def _dated_by_text(aid, tpl, outlet):
    a = _art(aid, tpl, outlet=outlet)
    got = dates.annotate(a, Opts())
    a.published_range, a.times = got.published_range, got.times
    return a


def _load(store, arts):
    for a in arts:
        store.upsert_article(a)


def run_all(store, ids):
    reuse.update(store, ids, Opts())
    stories.update(store, ids, Opts())
    narratives.update(store, ids, Opts())
    dates.update(store, ids, Opts())


def snapshot(store):
    c = store.conn
    st = sorted(json.dumps(r, sort_keys=True) for r in stories.export_rows(store))
    return {
        "stories": st,
        "story_articles": sorted(tuple(r) for r in c.execute("SELECT story_id, article_id, score, method FROM story_articles")),
        "links": sorted(tuple(r) for r in c.execute("SELECT a, b, kind, p, method FROM story_links")),
        "reuse": sorted(json.dumps(r, sort_keys=True) for r in reuse.export_rows(store)),
        "narratives": sorted(json.dumps(r, sort_keys=True) for r in narratives.export_rows(store)),
        "ranges": sorted(tuple(r) for r in c.execute("SELECT id, range_earliest, range_latest FROM articles")),
    }


@pytest.fixture()
def once(tmp_path):
    from newstrace.store import Store

    st = Store(tmp_path / "once.db")
    arts = corpus()
    _load(st, arts)
    run_all(st, [a.id for a in arts])
    yield st
    st.close()


def _fresh(tmp_path, name):
    from newstrace.store import Store

    st = Store(tmp_path / f"{name}.db")
    _load(st, corpus())
    return st


def test_the_corpus_exercises_every_rule(once):
    c = once.conn
    kinds = {r[0] for r in c.execute("SELECT kind FROM story_links")}
    assert {"join", "link"} <= kinds
    cl = {r[0]: r[1] for r in c.execute("SELECT article_id, story_id FROM story_articles")}
    assert cl["f1"] == cl["f2"] == cl["f3"] != cl["g1"]
    assert cl["s1"] == cl["s2"] != cl["f1"]
    assert cl["u1"] == cl["u4"] == cl["f1"]  # undated, shares the event's figures
    rng = c.execute("SELECT range_earliest, range_latest FROM articles WHERE id = 'u4'").fetchone()
    assert rng[0].startswith("2024-05")  # refined by the story-mates
    assert dates.own_dates(once, once.get_article("u4")).published_range.earliest < "2003"
    row = next(r for r in stories.export_rows(once) if "u4" in r["articles"])
    assert row["last_seen"] == stories._iso(article_day(None, *rng))  # the story's days follow
    assert any(r["method"] == "minhash" for r in reuse.export_rows(once))


def test_second_call_changes_nothing(once):
    before = snapshot(once)
    ids = sorted(r[0] for r in once.conn.execute("SELECT id FROM articles"))
    n_events = once.conn.execute("SELECT count(*) FROM story_events").fetchone()[0]
    run_all(once, ids)
    assert snapshot(once) == before
    assert once.conn.execute("SELECT count(*) FROM story_events").fetchone()[0] == n_events
    # each stage on its own, twice more
    for stage in (reuse, stories, narratives, dates):
        stage.update(once, ids, Opts())
        assert snapshot(once) == before, stage.__name__


def test_order_of_changed_does_not_matter(once, tmp_path):
    st = _fresh(tmp_path, "rev")
    ids = sorted(r[0] for r in st.conn.execute("SELECT id FROM articles"))
    run_all(st, list(reversed(ids)))
    assert snapshot(st) == snapshot(once)
    st.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_split_over_calls_does_not_matter(once, tmp_path, seed):
    st = _fresh(tmp_path, f"split{seed}")
    ids = sorted(r[0] for r in st.conn.execute("SELECT id FROM articles"))
    rng = random.Random(seed)
    rng.shuffle(ids)
    k = 0
    while k < len(ids):
        n = rng.randint(1, 3)
        run_all(st, ids[k:k + n])
        k += n
    assert snapshot(st) == snapshot(once)
    st.close()


class Killed(Exception):
    pass


@pytest.mark.parametrize("where", ["reuse", "stories", "narratives", "dates"])
def test_killed_call_run_again_ends_in_the_same_state(once, tmp_path, monkeypatch, where):
    st = _fresh(tmp_path, f"kill_{where}")
    ids = sorted(r[0] for r in st.conn.execute("SELECT id FROM articles"))
    calls = {"n": 0}
    target = {"reuse": (reuse, "align"), "stories": (stories, "_write_story"),
              "narratives": (narratives, "_rebuild"), "dates": (dates, "_write_dates")}[where]
    real = getattr(*target)

    def dying(*a, **k):
        calls["n"] += 1
        if calls["n"] == (1 if where in ("narratives", "dates") else 2):
            raise Killed()
        return real(*a, **k)

    monkeypatch.setattr(*target, dying)
    with pytest.raises(Killed):
        run_all(st, ids)
    monkeypatch.setattr(*target, real)
    run_all(st, ids)  # the pipeline runs every corpus stage again on the same ids
    assert snapshot(st) == snapshot(once)
    st.close()


def test_story_ids_derive_from_their_founders(once):
    c = once.conn
    for r in stories.export_rows(once):
        rows = c.execute("SELECT id, published, range_earliest, range_latest FROM articles WHERE id IN (%s)"
                         % ",".join("?" * len(r["articles"])), r["articles"]).fetchall()
        founder = r["id"]
        assert founder == stories.story_id_for(c.execute(
            "SELECT founder FROM stories WHERE id = ?", (r["id"],)).fetchone()[0])
        assert len(rows) == len(r["articles"])


def test_story_dates_agree_with_their_articles(once):
    c = once.conn
    for r in stories.export_rows(once):
        days = []
        for a in c.execute("SELECT published, range_earliest, range_latest FROM articles WHERE id IN (%s)"
                           % ",".join("?" * len(r["articles"])), r["articles"]):
            d = article_day(*a)
            if d is not None:
                days.append(d)
        if days:
            assert r["first_seen"] == stories._iso(min(days)) and r["last_seen"] == stories._iso(max(days))
        else:
            assert r["first_seen"] is None and r["last_seen"] is None


def test_results_do_not_depend_on_the_hash_seed(tmp_path):
    """Reproducible runs: no result may follow the iteration order of a set or dict of
    strings, which changes with PYTHONHASHSEED from one process to the next."""
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "import test_corpus_stages_order as t\n"
        "from newstrace.store import Store\n"
        "st = Store(sys.argv[1])\n"
        "arts = t.corpus()\n"
        "t._load(st, arts)\n"
        "t.run_all(st, [a.id for a in reversed(arts)])\n"
        "print(json.dumps(t.snapshot(st), sort_keys=True))\n"
    )
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        res = subprocess.run([sys.executable, "-c", script, str(tmp_path / f"h{seed}.db"),
                              os.path.dirname(__file__)], capture_output=True, text=True, env=env, timeout=300)
        assert res.returncode == 0, res.stderr[-2000:]
        outs.append(res.stdout)
    assert outs[0] == outs[1]


def test_new_undated_article_does_not_date_its_story_mates_again(once, tmp_path, monkeypatch):
    """dates.update dates an unchanged undated story-mate again only when what its story
    gives it changed (``dates_context``): a new undated report of the flood adds no dated
    mate, so only the new article is dated; the result is that of one call over all."""
    new = _art("u5", FLOOD, rng=("2019-01-01", "2026-03-31"), outlet="Blog H")
    ref = _fresh(tmp_path, "ref_u5")
    _load(ref, [new])
    run_all(ref, sorted(r[0] for r in ref.conn.execute("SELECT id FROM articles")))
    _load(once, [new])
    dated = []
    real = dates.candidate_windows
    monkeypatch.setattr(dates, "candidate_windows", lambda a, *x, **k: dated.append(a.id) or real(a, *x, **k))
    run_all(once, ["u5"])
    assert once.conn.execute("SELECT story_id FROM story_articles WHERE article_id = 'u5'").fetchone()[0] == \
        once.conn.execute("SELECT story_id FROM story_articles WHERE article_id = 'u1'").fetchone()[0]
    assert set(dated) == {"u5"}
    assert snapshot(once) == snapshot(ref)
    # a dated mate arriving changes what the story gives: its undated mates are dated again
    dated.clear()
    _load(once, [_art("f4", FLOOD, published="2024-05-04", outlet="Paper I")])
    run_all(once, ["f4"])
    assert {"u1", "u4", "u5"} <= set(dated)
    ref.close()
