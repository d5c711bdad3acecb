"""Tests for newstrace.timeline, the `timeline` CLI and the story refinement in dates.update."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newstrace import dates
from newstrace.errors import NotFound
from newstrace.records import Article, Mention, Quote
from newstrace.store import Store
from newstrace.timeline import actor_timeline, format_when, narrative_timeline, story_timeline


class Opts:
    now = "2026-11-23"


# "late December" + "earlier in January" + a sitting US president: several candidate
# years remain from the text alone.
UNDATED = ("President Donald Trump visited the base late December. The commander said on "
           "Wednesday that remarks made earlier in January still stood.")
# Pins one day: 18 January is a Friday in 2019 (and ISIL exists only since 2013).
PINNED = "ISIL fighters were seen, the site said ce vendredi 18 janvier."


def _store(tmp_path) -> Store:
    s = Store(str(tmp_path / "t.db"))
    arts = [
        dates.annotate(Article(id="a_undated", text=UNDATED, lang="en", title="Undated"), Opts()),
        dates.annotate(Article(id="b_pinned", text=PINNED, lang="fr", title="Pinned"), Opts()),
        dates.annotate(Article(id="c_dated", text="Nothing.", lang="en", title="Dated",
                               published="2019-01-20", published_source="jsonl",
                               mentions=[Mention(0, 7, "Nothing", "PER", actor_id="act1")],
                               quotes=[Quote(0, 8, "Nothing.", speaker_actor="act1")]),
                       Opts()),
    ]
    for a in arts:
        s.upsert_article(a)
    with s.transaction() as c:
        for sid in ("s1", "s2"):
            c.execute("INSERT INTO stories(id, label, status) VALUES (?, ?, 'active')", (sid, sid))
        c.executemany("INSERT INTO story_articles(story_id, article_id) VALUES (?, ?)",
                      [("s1", "a_undated"), ("s1", "b_pinned"), ("s2", "c_dated")])
        c.execute("INSERT INTO narratives(id, label) VALUES ('n1', 'n')")
        c.executemany("INSERT INTO narrative_stories(narrative_id, story_id) VALUES (?, ?)",
                      [("n1", "s1"), ("n1", "s2")])
        c.execute("INSERT INTO actors(id, name, type) VALUES ('act1', 'Nobody', 'PER')")
        c.execute("UPDATE mentions SET actor_id = 'act1' WHERE article_id = 'c_dated'")
        c.execute("UPDATE quotes SET speaker_actor = 'act1' WHERE article_id = 'c_dated'")
    return s


def test_undated_article_has_several_candidate_years():
    windows, evidence = dates.candidate_windows(Article(id="x", text=UNDATED, lang="en"), Opts())
    assert len(windows) > 1
    assert any("candidate windows remain" in e for e in evidence)


def test_story_mates_choose_the_year(tmp_path):
    s = _store(tmp_path)
    before = s.get_article("a_undated").published_range
    assert before.earliest < "2018-01-01" and before.latest > "2025-01-01"
    counts = dates.update(s, ["a_undated", "b_pinned"], Opts())
    assert counts == {"dates_refined": 1, "dates_restored": 0}
    after = s.get_article("a_undated")
    r = after.published_range
    # the 2019 window of the text's candidates: "earlier in January" of 2019
    assert "2019-01-01" <= r.earliest <= r.latest <= "2019-02-28"
    assert any("story s1" in e and "b_pinned" in e for e in r.evidence)
    wed = next(t for t in after.times if t.text == "on Wednesday")
    assert "2018-12-26" <= wed.earliest <= wed.latest <= "2019-03-27"
    # idempotent
    assert dates.update(s, ["a_undated"], Opts()) == {"dates_refined": 0, "dates_restored": 0}
    s.close()


def test_update_reads_the_text_again_only_where_story_mates_can_choose(tmp_path, monkeypatch):
    """``update`` computes an undated article's own candidate windows only when dated
    story-mates could choose among them: an undated article alone in its story (no
    anchor) keeps its own dates without its text being read again; same counts."""
    s = _store(tmp_path)
    with s.transaction() as c:
        c.execute("DELETE FROM story_articles WHERE article_id = 'b_pinned'")
    real, read = dates.candidate_windows, []

    def counting(article, *args, **kw):
        read.append(article.id)
        return real(article, *args, **kw)

    monkeypatch.setattr(dates, "candidate_windows", counting)
    before = s.get_article("a_undated").published_range
    assert dates.update(s, ["a_undated", "b_pinned"], Opts()) == {"dates_refined": 0, "dates_restored": 0}
    assert read == [] and s.get_article("a_undated").published_range == before
    with s.transaction() as c:
        c.execute("INSERT INTO story_articles(story_id, article_id) VALUES ('s1', 'b_pinned')")
    assert dates.update(s, ["a_undated", "b_pinned"], Opts()) == {"dates_refined": 1, "dates_restored": 0}
    assert read and set(read) == {"a_undated"}  # its windows (and annotate's own reading)
    s.close()


def test_story_timeline_shows_ranges_as_ranges(tmp_path):
    s = _store(tmp_path)
    entries = story_timeline(s, "s1")
    assert [e["article"] for e in entries] == ["a_undated", "b_pinned"]
    pinned = entries[1]
    assert pinned["date"] is None and pinned["precision"] == "range"
    assert pinned["range"] == {"earliest": "2019-01-18", "latest": "2019-01-24"}
    assert format_when(pinned) == "2019-01-18..2019-01-24"
    assert pinned["evidence"]
    with pytest.raises(NotFound):
        story_timeline(s, "nope")
    s.close()


def test_narrative_and_actor_timelines(tmp_path):
    s = _store(tmp_path)
    entries = narrative_timeline(s, "n1")
    assert {e["article"]: e["story"] for e in entries} == {
        "a_undated": "s1", "b_pinned": "s1", "c_dated": "s2"}
    dated = next(e for e in entries if e["article"] == "c_dated")
    assert (dated["date"], dated["date_source"], dated["precision"]) == ("2019-01-20", "jsonl", "day")
    act = actor_timeline(s, "act1")
    assert [e["article"] for e in act] == ["c_dated"]
    assert act[0]["mentions"] == [{"start": 0, "end": 7, "text": "Nothing"}]
    assert act[0]["quotes"][0]["id"] == "c_dated#q0"
    with pytest.raises(NotFound):
        actor_timeline(s, "Nobody Known Here")
    s.close()


def test_cli_timeline(tmp_path):
    from newstrace.cli import cli

    s = _store(tmp_path)
    s.close()
    db = str(tmp_path / "t.db")
    r = CliRunner().invoke(cli, ["timeline", "story", "s1", "--db", db])
    assert r.exit_code == 0, r.output
    assert "2019-01-18..2019-01-24  fr  b_pinned" in r.output
    assert r.output.strip().endswith("2 articles (2 dated by an inferred range)")
    r = CliRunner().invoke(cli, ["timeline", "narrative", "n1", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.output)) == 3
    r = CliRunner().invoke(cli, ["timeline", "actor", "act1", "--db", db])
    assert r.exit_code == 0 and "c_dated" in r.output
    r = CliRunner().invoke(cli, ["timeline", "story", "missing", "--db", db])
    assert r.exit_code == 2 and "no story" in r.output and "Traceback" not in r.output


def test_story_mates_read_once_per_story(tmp_path, monkeypatch):
    """dates.update loads whole articles only for the undated members it refines; the
    dated mates of a story are read from their rows, once per call (not once per member),
    and the refinement is the same as with a single mate."""
    s = _store(tmp_path)
    for k in range(30):  # dated mates of story s1 (outside the anchor span: no effect)
        s.upsert_article(dates.annotate(Article(id=f"m{k:02d}", text="Nothing.", lang="en",
                                                published="2025-06-01", published_source="jsonl"), Opts()))
    with s.transaction() as c:
        c.executemany("INSERT INTO story_articles(story_id, article_id) VALUES ('s1', ?)",
                      [(f"m{k:02d}",) for k in range(30)])
    loaded = []
    real = s.get_article
    monkeypatch.setattr(s, "get_article", lambda aid: loaded.append(aid) or real(aid))
    counts = dates.update(s, ["a_undated", "b_pinned"] + [f"m{k:02d}" for k in range(30)], Opts())
    assert sorted(set(loaded)) == ["a_undated", "b_pinned"]
    assert len(loaded) == 2
    assert counts["dates_refined"] >= 1
    r = real("a_undated").published_range
    assert "2019-01-01" <= r.earliest <= r.latest <= "2019-02-28"
    s.close()


def test_own_spans_match_the_articles_own_dates(tmp_path):
    """The batched span reader agrees with the article read whole (published day; else
    its own range, also after update refined the stored one)."""
    s = _store(tmp_path)
    ids = ["a_undated", "b_pinned", "c_dated"]

    def reference(aid):
        a = dates.own_dates(s, s.get_article(aid))
        if a.published:
            d = dates._parse_day(a.published)
            return (d.toordinal(), d.toordinal())
        rng = a.published_range
        lo, hi = (dates._parse_day(rng.earliest), dates._parse_day(rng.latest)) if rng else (None, None)
        return (lo.toordinal(), hi.toordinal()) if lo and hi else None

    assert dates._own_spans(s, ids) == {i: reference(i) for i in ids}
    dates.update(s, ["a_undated", "b_pinned"], Opts())  # refines a_undated's stored range
    assert s.conn.execute("SELECT count(*) FROM dates_own").fetchone()[0] == 1
    assert dates._own_spans(s, ids) == {i: reference(i) for i in ids}
    s.close()
