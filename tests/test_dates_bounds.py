"""Bounds of an undated article's range from news conventions: a dated event named ahead
of it, irrealis words, and office holders named with a title, below the head of government
too (newstrace.dates, newstrace.temporal, newstrace.time_anchors)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from newstrace.dates import EVENT_LEAD_DAYS, annotate
from newstrace.records import Article


class Opts:
    now = "2026-11-23"


OPTS = Opts()


def rng(text: str, lang: str = "en"):
    return annotate(Article(id="t", text=text, lang=lang), OPTS).published_range


def shift(iso: str, days: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


# ------------------------------------------------------------------ dated event names

def test_a_dated_event_is_named_at_most_years_ahead():
    r = rng("He made himself the front-runner for the Republican nomination in 2020.")
    assert (r.earliest, r.latest) == (shift("2020-01-01", -EVENT_LEAD_DAYS), "2026-11-23")
    assert any("EVENT_LEAD_DAYS" in e for e in r.evidence)


@pytest.mark.parametrize("text", [
    "The contract is up for renewal in 2018.",  # present tense: either side, no bound
    "California's minimum wage rises to $15 by 2022, the report said.",  # a limit
])
def test_a_limit_or_a_present_tense_year_is_no_event(text):
    r = rng(text)
    assert (r.earliest, r.latest) == (None, None)


@pytest.mark.parametrize("text,surface,future", [
    # irrealis words (potential, possible, prospects) point forward like a modal
    ("Perez has also been mentioned as a potential gubernatorial candidate in 2018.", "in 2018", True),
    ("Tester said of prospects for gun measures in 2017 that it must be bipartisan.", "in 2017", True),
    # and leave a plain past alone
    ("Perez was mentioned as a gubernatorial candidate in 2010.", "in 2010", False),
])
def test_irrealis_words_point_forward(text, surface, future):
    from newstrace.temporal import find_refs
    r = next(r for r in find_refs(text, "en") if r.text == surface)
    assert r.future is future


# ------------------------------------------------------------------ more offices

@pytest.mark.parametrize("text,lang,lo,hi", [
    ("House Speaker Paul Ryan said the bill would pass.", "en", "2015-10-29", "2019-02-03"),
    ("Attorney General Loretta Lynch met FBI Director James Comey.", "en", "2015-04-27",
     "2017-02-20"),
    ("Senate Majority Leader Mitch McConnell blocked the vote.", "en", "2015-01-03", "2021-02-20"),
    ("Prime Minister Malcolm Turnbull called an election.", "en", "2015-09-15", "2018-09-24"),
    ("Le directeur du FBI James Comey a témoigné.", "fr", "2013-09-04", "2017-06-09"),
    ("Treasury Secretary Janet Yellen met Fed Chair Jerome Powell.", "en", "2021-01-26",
     "2025-02-20"),
    ("Prezydent Andrzej Duda podpisał ustawę.", "pl", "2015-08-06", "2025-09-06"),
    ("Başbakan Binali Yıldırım açıkladı.", "tr", "2016-05-24", "2018-08-09"),
])
def test_office_holders_below_the_head_of_government(text, lang, lo, hi):
    r = rng(text, lang)
    assert (r.earliest, r.latest) == (lo, hi)


@pytest.mark.parametrize("text", [
    "Former House Speaker Paul Ryan said the bill would pass.",
    "President Park Chung-hee seized power in a coup.",  # not Park Geun-hye
    "President Carter negotiated the Camp David Accords.",  # not Defense Secretary Carter
])
def test_titles_that_do_not_date_the_text(text):
    r = rng(text)
    assert not any("Speaker" in e or "Geun-hye" in e or "Ash Carter" in e for e in r.evidence)
