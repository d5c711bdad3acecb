"""Issue 11 (robust's point): `published` at any precision. The value is kept as written
(normalised ISO 8601 at its precision) and `published_range` covers the days it allows;
everything downstream (timeline, stories, web, exports, date filters) uses the range."""
from __future__ import annotations

import json
import warnings
from datetime import date

import pytest

from newstrace import PipelineOptions, Store, analyze
from newstrace._published import date_bound, parse_published

pytestmark = pytest.mark.issue(11)


@pytest.mark.parametrize("value,expect", [
    ("2021", ("2021", "2021-01-01", "2021-12-31", "year")),
    ("2021-03", ("2021-03", "2021-03-01", "2021-03-31", "month")),
    ("2021-3", ("2021-03", "2021-03-01", "2021-03-31", "month")),
    ("2020-02", ("2020-02", "2020-02-01", "2020-02-29", "month")),
    ("2021-03-05", ("2021-03-05", "2021-03-05", "2021-03-05", "day")),
    ("20210305", ("2021-03-05", "2021-03-05", "2021-03-05", "day")),
    ("2021-03-05T10:00:00+02:00", ("2021-03-05T10:00:00+02:00", "2021-03-05", "2021-03-05", "datetime")),
    ("2021-03-05T23:30:00-05:00", ("2021-03-05T23:30:00-05:00", "2021-03-05", "2021-03-05", "datetime")),
    ("2021-03-05 10:00Z", ("2021-03-05 10:00Z", "2021-03-05", "2021-03-05", "datetime")),
    ("5 March 2021", ("2021-03-05", "2021-03-05", "2021-03-05", "day")),
    ("March 2021", ("2021-03", "2021-03-01", "2021-03-31", "month")),
    ("5 mars 2021", ("2021-03-05", "2021-03-05", "2021-03-05", "day")),
    ("Fri, 05 Mar 2021 10:00:00 GMT", ("2021-03-05", "2021-03-05", "2021-03-05", "day")),
])
def test_published_at_any_precision(value, expect):
    p = parse_published(value)
    assert (p.value, p.earliest.isoformat(), p.latest.isoformat(), p.precision) == expect


@pytest.mark.parametrize("value", ["garbage", "yesterday", "2021-13", "2021-02-30", "1614938400", "", "x" * 500,
                                   "last Tuesday", "2021-03-05T25:00"])
def test_not_dates(value):
    assert parse_published(value) is None


def test_date_filters():
    assert date_bound("2021") == "2021-01-01" and date_bound("2021", end=True) == "2021-12-31"
    assert date_bound("2021-02", end=True) == "2021-02-28"
    with pytest.raises(ValueError, match="not a date: 'garbage'"):
        date_bound("garbage")


ARTICLES = [
    ("y", "2021", "The committee published its yearly report on the dam."),
    ("m", "2021-03", "The talks ended on March 8, 2021, the minister said."),
    ("d", "2021-03-05", "The talks on the dam went on, the minister said."),
    ("t", "2021-03-05T23:30:00-05:00", "The minister spoke late in the evening about the dam."),
    ("w", "5 March 2021", "The minister spoke about the dam again."),
    ("bad", "soon", "The minister spoke about the dam once more."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = tmp_path_factory.mktemp("published")
    (d / "in").mkdir()
    (d / "in" / "a.jsonl").write_text("\n".join(json.dumps({"id": i, "title": f"Dam talks {i}", "published": p,
                                                            "text": t, "outlet": "River Courier"})
                                                for i, p, t in ARTICLES) + "\n", encoding="utf-8")
    store = Store(d / "p.db")
    try:
        analyze([str(d / "in")], store, PipelineOptions(use_models=False, encoder="none", now="2026-01-01"))
    finally:
        store.close()
    return d / "p.db"


def test_stored_value_and_range(db):
    store = Store(db)
    try:
        got = {a.id: (a.published, a.published_range and a.published_range.earliest,
                      a.published_range and a.published_range.latest) for a in store.iter_articles()}
        bad = store.get_article("bad")
    finally:
        store.close()
    from newstrace.dates import annotate

    evidence = annotate(bad, PipelineOptions(use_models=False, now="2026-01-01")).published_range.evidence
    bad.published = "soon"
    evidence = annotate(bad, PipelineOptions(use_models=False, now="2026-01-01")).published_range.evidence
    assert got["y"] == ("2021", "2021-01-01", "2021-12-31")
    # narrowed by "ended on March 8, 2021" (less a day for time zones, dates.TIMEZONE_DAYS)
    assert got["m"] == ("2021-03", "2021-03-07", "2021-03-31")
    assert got["d"] == ("2021-03-05", "2021-03-05", "2021-03-05")
    assert got["t"] == ("2021-03-05T23:30:00-05:00", "2021-03-05", "2021-03-05")  # the day as written
    assert got["w"] == ("2021-03-05", "2021-03-05", "2021-03-05")
    assert got["bad"][0] is None and "rejected published 'soon' (metadata)" in evidence[0] and "not a date" in evidence[0]


def test_downstream_uses_the_range(db, run_cli):
    from newstrace.export import article_rows
    from newstrace.timeline import entries_for

    store = Store(db)
    try:
        tl = {e["article"]: e for e in entries_for(store, store.article_ids())}
        rows = {r["id"]: r for r in article_rows(store)}
    finally:
        store.close()
    assert (tl["m"]["date"], tl["m"]["precision"], tl["m"]["range"]["latest"]) == ("2021-03", "month", "2021-03-31")
    assert (tl["y"]["date"], tl["y"]["precision"]) == ("2021", "year")
    assert (tl["d"]["date"], tl["d"]["precision"]) == ("2021-03-05", "day")
    assert rows["m"]["published"] == "2021-03" and rows["m"]["published_range"]["earliest"] == "2021-03-07"
    res = run_cli("stories", "--since", "2021-03-10", "--db", db, "--json")
    assert res.exit_code == 0
    assert run_cli("export", "stories", "--db", db).exit_code == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from newstrace.web.app import create_app

    c = TestClient(create_app(db))
    ids = sorted(a["id"] for a in c.get("/api/articles?since=2021-03-10").json()["items"])
    assert ids == ["m", "y"]  # the month and the year still cover the 10th; the days do not
    assert sorted(a["id"] for a in c.get("/api/articles?since=2021-03&until=2021-03").json()["items"]) == \
        ["d", "m", "t", "w", "y"]
    for aid in ("y", "m", "t"):
        assert c.get(f"/article/{aid}").status_code == 200
    assert c.get("/stories").status_code == 200 and c.get("/actors").status_code == 200


def test_future_and_implausible_dates_at_coarse_precision():
    from newstrace.dates import annotate
    from newstrace.records import Article

    opts = PipelineOptions(use_models=False, encoder="none", now="2026-06-15")
    this_year = annotate(Article(id="a", text="Text.", published="2026"), opts)
    assert (this_year.published, this_year.published_range.latest) == ("2026", "2026-06-16")  # up to now (+1 day)
    future = annotate(Article(id="b", text="Text.", published="2027-01"), opts)
    assert future.published is None and "a date in the future" in future.published_range.evidence[0]
    old = annotate(Article(id="c", text="Text.", published="1970"), opts)
    assert old.published is None and "EARLIEST_PLAUSIBLE" in old.published_range.evidence[0]
    assert date.fromisoformat(this_year.published_range.earliest) == date(2026, 1, 1)
