"""How news language dates a text: tense of the clause, limits and event names, yearless
months, datelines, office holders named with a title, and the vote between equally strong
evidence (newstrace.temporal for English, newstrace.dates)."""
from __future__ import annotations

from datetime import date

import pytest

from newstrace.dates import (
    LAST_MONTH_MAX_DAYS,
    RECENT_REFERENCE_MAX_DAYS,
    YEARLESS_MAX_DAYS,
    annotate,
    candidate_windows,
)
from newstrace.records import Article
from newstrace.temporal import find_refs


class Opts:
    now = "2026-11-23"


OPTS = Opts()


def art(text: str) -> Article:
    return Article(id="t", text=text, lang="en")


def ref(text: str, surface: str):
    refs = [r for r in find_refs(text, "en") if r.text == surface]
    assert len(refs) == 1, [(r.text, r.kind) for r in find_refs(text, "en")]
    return refs[0]


def reading(r) -> str:
    return "future" if r.future else "past" if r.past else "open" if r.open else "none"


def rng(text: str) -> tuple[str | None, str | None]:
    r = annotate(art(text), OPTS).published_range
    return r.earliest, r.latest


def days(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


# ------------------------------------------------------------------ tense of the clause

@pytest.mark.parametrize("text,surface,expected", [
    ("Trump told the Wall Street Journal in July that he would win.", "in July", "past"),
    ("In October, Mr. Paulson held a three-hour conference call.", "In October", "past"),
    ("The party will pick its nominee in July.", "in July", "future"),
    ("Sanders noted that the next round of redistricting in 2020 is approaching.", "in 2020",
     "future"),
    # the participle after "will be" is not a past tense
    ("The service will be held at the temple on Friday, April 1 at noon.",
     "on Friday, April 1", "future"),
    # counterfactual past: "would have" + participle
    ("He co-sponsored a bill in 2005 that would have banned cloning.", "in 2005", "past"),
    # a relative clause has its own verb
    ("They can't make the same argument about Nevada, where minority voters in 2008 "
     "accounted for 30% of caucusgoers.", "in 2008", "past"),
    ("\u201cYou have until the end of the month,\u201d she said in May.", "in May", "past"),
    # a present tense leaves the direction open
    ("The contract is up for renewal in 2018.", "in 2018", "open"),
    # a limit: "by 2022" says nothing about publication without a future cue
    ("California's minimum wage rises to $15 by 2022, the report said.", "by 2022", "open"),
    ("Sanders supports raising the minimum wage to $15 by 2020.", "by 2020", "open"),
    # a date naming an event, whatever the tense of the clause
    ("Russia engineered the leak to influence the Nov. 8 U.S. presidential election.",
     "Nov. 8", "open"),
    ("Rubio trails ahead of the New Hampshire primary Feb. 9 in most polls.", "Feb. 9", "open"),
    ("He made himself the front-runner for the Republican nomination in 2020.", "in 2020",
     "open"),
    ("Twitter has ramped up its response since June 2014.", "June 2014", "past"),
    ("Last September, Beck called Palin a clown.", "Last September", "past"),
])
def test_tense_of_the_clause(text, surface, expected):
    assert reading(ref(text, surface)) == expected


def test_a_date_alone_on_its_line_is_a_stamp():
    text = "The club did not host the tournament.\n\nFriday, December 4, 2015."
    assert reading(ref(text, "Friday, December 4, 2015")) == "open"
    # a correction line a week after publication: the range still holds the day
    lo, hi = rng(text)
    assert lo <= "2015-11-26" <= hi


def test_a_date_after_an_update_label_is_on_or_after_publication():
    text = "The mine closed in 2015.\n\nCorrection: October 2, 2016, Sunday."
    assert reading(ref(text, "October 2, 2016")) == "future"
    assert rng(text) == ("2015-01-01", "2016-10-02")


@pytest.mark.parametrize("text", [
    "Walsh's predecessor, the late Mayor Tom Menino, gave money.",  # "late May"
    "Theresa May said the march would go ahead.",
])
def test_month_names_inside_words_and_names(text):
    assert [r.text for r in find_refs(text, "en") if r.yearly or r.fixed] == []


def test_month_followed_by_a_year_is_one_expression():
    assert [r.text for r in find_refs("Trump has posted since June 2014.", "en")] == ["June 2014"]


# ------------------------------------------------------------------ yearless months

def test_whole_month_reaches_back_most_of_a_year():
    """"In March" in a past clause may be nine months old at publication: writers drop
    the year for any month of the year around publication, not only recent ones."""
    text = "President Obama met donors on Monday. In March, Clinton said she used one account."
    windows, _ev = candidate_windows(art(text), OPTS)
    march = [(a, b) for a, b in windows if date.fromordinal(a) <= date(2015, 3, 31)
             and date.fromordinal(b) >= date(2015, 12, 31)]
    assert march, "a publication on 31 December after a March event must remain possible"
    assert all(b - a <= 31 + YEARLESS_MAX_DAYS for a, b in windows)


def test_part_of_month_is_recent():
    windows, _ev = candidate_windows(art("The coronavirus pandemic hit. In late March the "
                                         "group issued a statement."), OPTS)
    for a, b in windows:
        assert b - a <= 10 + RECENT_REFERENCE_MAX_DAYS


def test_event_date_without_year_can_be_ahead_or_behind():
    text = "President Obama spoke about the Nov. 8 general election."
    windows, _ev = candidate_windows(art(text), OPTS)
    allowed = lambda d: any(a <= days(d) <= b for a, b in windows)  # noqa: E731
    assert allowed("2016-02-10") and allowed("2016-11-20")


def test_last_month_name_is_the_previous_one():
    text = "Last June, the governor signed the bill."
    a = annotate(Article(id="t", text=text, lang="en", published="2016-02-19",
                         published_source="t"), OPTS)
    assert (a.times[0].earliest, a.times[0].latest) == ("2015-06-01", "2015-06-30")
    assert LAST_MONTH_MAX_DAYS >= 365  # "last June" said in May is thirteen months back


def test_earlier_in_month_is_the_month_of_publication():
    text = "President Donald Trump said remarks made earlier in January still stood."
    windows, _ev = candidate_windows(art(text), OPTS)
    for a, b in windows:
        assert date.fromordinal(a).month == 1 or date.fromordinal(a) == date(2017, 1, 20)
        assert b - a <= 31 + 10


# ------------------------------------------------------------------ full dates

def test_dateline_gives_the_day():
    text = ("PURCHASE, N.Y., April 1 (UPI) — The race for the nomination turned testy, "
            "President Obama's aides said.")
    r = ref(text, "PURCHASE, N.Y., April 1")
    assert r.mod == "dateline"
    windows, _ev = candidate_windows(art(text), OPTS)
    assert all(b - a <= 2 for a, b in windows)
    assert any(a <= days("2016-04-01") <= b for a, b in windows)


def test_post_dated_a_day_later_is_a_time_zone():
    text = "It was a long night. — Sahil Kapur (@sahilkapur) September 1, 2016"
    lo, _hi = rng(text)
    assert lo == "2016-08-31"


def test_future_year_is_not_a_lower_bound():
    assert rng("California's minimum wage reaches $15 by 2022.") == (None, None)
    assert rng("The plant will close for good by 2023.") == ("1996-11-23", "2023-12-31")
    assert rng("Sanders noted that the next round of redistricting in 2020 is "
               "approaching.") == ("1996-11-23", "2020-12-31")
    assert rng("The contract is up for renewal in 2018.") == (None, None)


def test_year_written_as_past_elsewhere_is_not_future():
    text = ("Mitt Romney won Georgia in 2012. Georgia could also wind up closer than the "
            "8-point win for Mitt Romney in 2012.")
    a = annotate(art(text), OPTS)
    assert any(e.startswith("set aside 'in 2012'") for e in a.published_range.evidence)
    assert a.published_range.latest == "2026-11-23"


def test_equally_strong_evidence_votes():
    """One misread year does not outvote office holders that agree with each other."""
    text = ("President Obama, Chancellor Angela Merkel and Prime Minister David Cameron met. "
            "In 2020, the law was repealed.")
    r = annotate(art(text), OPTS).published_range
    assert (r.earliest, r.latest) == ("2010-05-11", "2016-08-13")
    assert any(e.startswith("ignored 'In 2020'") for e in r.evidence)


def test_a_tie_keeps_both_sides():
    text = "President Obama signed the law. In 2020, the law was repealed."
    windows, ev = candidate_windows(art(text), OPTS)
    assert len(windows) == 2 and any("both are kept" in e for e in ev)


# ------------------------------------------------------------------ office holders

def _eras(text: str) -> list[str]:
    return [e for e in annotate(art(text), OPTS).published_range.evidence
            if "presiden" in e or "Secretary" in e]


def test_vice_president_is_not_the_president():
    ev = _eras("Vice President Joe Biden hit the campaign trail on Monday.")
    assert ev and all("vice presidency" in e for e in ev)
    lo, hi = rng("Vice President Joe Biden hit the campaign trail on Monday.")
    assert (lo, hi) == ("2009-01-20", "2017-02-20")


@pytest.mark.parametrize("text", [
    "The challenge for a President Trump would be the economy.",
    "That's good news for a would-be president Donald Trump.",
    "The praise came from former Republican President George W. Bush.",
    "The first President George Bush's 1992 holiday party was somber.",
    "Trump Just Announced Who He Would Love To See Run For President\n\nTrump said it.",
    "Republican presidential candidate Donald Trump spoke.",
    "Vice-President Joe Biden spoke.",
])
def test_title_that_does_not_date_the_text(text):
    assert not any("presidencies" in e or "'s presidency" in e for e in _eras(text)), _eras(text)


def test_earlier_holder_of_the_office_is_history():
    text = ("Gene Sperling, an economic adviser to President Bill Clinton and President "
            "Obama, spoke.")
    lo, hi = rng(text)
    assert (lo, hi) == ("2009-01-20", "2017-02-20")


def test_holder_named_only_as_a_period_is_history():
    text = "Many crime policies began under President Bill Clinton."
    lo, hi = rng(text)
    assert lo == "1996-11-23" and hi == "2026-11-23"  # only the term's start, before the horizon
    assert any("frame that can be history" in e for e in annotate(art(text), OPTS)
               .published_range.evidence)


def test_president_elect():
    lo, hi = rng("President-elect Donald Trump met Mitt Romney.")
    assert lo == "2016-11-08" and hi <= "2025-02-20"
    assert not any("presidencies" in e for e in _eras("President-elect Donald Trump met Romney."))
