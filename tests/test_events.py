"""Analyst-supplied events (`newstrace.events`, `analyze --events FILE`): checking the file,
and the two constraints an event gives an undated article that names it."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newstrace import events
from newstrace.dates import annotate
from newstrace.ingest import InputFile, read_file
from newstrace.pipeline import PipelineOptions, process_article
from newstrace.records import Article, Paragraph

TEST_NOW = "2026-11-23"

EVENTS = """
- name: Kerrin dam breach
  terms: [Kerrin dam, barrage de Kerrin]
  date: 2021-03-09
  source: analyst timeline
- name: Valdora summit
  terms: [Valdora summit]
  start: 2023-06-12
  end: 2023-06-14
"""


def _opts(tmp_path: Path, text: str = EVENTS, name: str = "events.yaml") -> PipelineOptions:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return PipelineOptions(now=TEST_NOW, events=str(p))


def _range(text: str, options, lang: str = "en"):
    a = Article(id="t", text=text, lang=lang, paragraphs=[Paragraph(0, len(text), lang)])
    return annotate(a, options).published_range


def _days(r) -> tuple[date, date]:
    return date.fromisoformat(r.earliest), date.fromisoformat(r.latest)


def test_event_told_as_recent_dates_the_article(tmp_path):
    text = ("Villagers were still cleaning up. The Kerrin dam, which gave way on Tuesday, "
            "flooded three villages, officials said.")
    lo, hi = _days(_range(text, _opts(tmp_path)))
    # 9 March 2021 is a Tuesday: published that day or within the following six days
    assert (lo, hi) == (date(2021, 3, 9), date(2021, 3, 15))
    r = _range(text, PipelineOptions(now=TEST_NOW))
    assert r is None or r.earliest is None or (_days(r)[1] - _days(r)[0]).days > 3000


def test_event_in_another_language_and_yesterday(tmp_path):
    text = "Le barrage de Kerrin a cédé hier, selon les autorités locales."
    assert _days(_range(text, _opts(tmp_path), "fr")) == (date(2021, 3, 10), date(2021, 3, 10))


def test_event_merely_named_bounds_from_below(tmp_path):
    text = "Years after the Kerrin dam disaster, the valley has been rebuilt."
    r = _range(text, _opts(tmp_path))
    assert _days(r)[0] == date(2021, 3, 9) and _days(r)[1] == date(2026, 11, 23)
    assert any("named as having happened" in e for e in r.evidence)


def test_event_named_as_coming_bounds_from_above(tmp_path):
    text = "Ministers will meet at the Valdora summit to settle the water dispute."
    r = _range(text, _opts(tmp_path))
    assert _days(r)[1] == date(2023, 6, 14)
    assert any("named only as coming" in e for e in r.evidence)


def test_a_weekday_the_event_never_had_is_not_used(tmp_path):
    # the summit ran Monday-Wednesday; "on Saturday" cannot date it
    text = "Delegates left the Valdora summit on Saturday without a deal."
    r = _range(text, _opts(tmp_path))
    assert not any("told as recent" in e for e in r.evidence)
    assert _days(r)[0] == date(2023, 6, 12)


def test_terms_match_whole_words_only(tmp_path):
    text = "The Kerrin dams project was approved on Tuesday."
    r = _range(text, _opts(tmp_path))
    assert r is None or not any("Kerrin dam breach" in e for e in r.evidence)


def test_a_past_mention_outweighs_a_future_cue_elsewhere(tmp_path):
    text = ("There will be no repeat of the Kerrin dam failure, the minister said. "
            "The Kerrin dam gave way in the spring.")
    r = _range(text, _opts(tmp_path))
    assert _days(r)[0] == date(2021, 3, 9)
    assert not any("named only as coming" in e for e in r.evidence)


@pytest.mark.parametrize("content,name,message", [
    ("- {name: x, date: 2021-03-09}", "e.yaml", "entry 1: 'terms' must be a non-empty list"),
    ("- {terms: [x], date: 9 March}", "e.yaml", "entry 1: date '9 March' is not a date"),
    ("- {terms: [x]}", "e.yaml", "entry 1: give 'date' or 'start'"),
    ("- {terms: [x], start: 2021-03-09, end: 2021-03-01}", "e.yaml", "end 2021-03-01 is before start"),
    ("name: x", "e.yaml", "expected a list of events"),
    ("- [unclosed", "e.yaml", "not valid YAML"),
    ('[{"terms": ["x"], "date": "2021-03-09"', "e.json", "not valid JSON"),
])
def test_bad_events_files_name_the_file_and_the_problem(tmp_path, content, name, message):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(events.EventsFileError) as e:
        events.load(p)
    assert str(p) in str(e.value) and message in str(e.value)


def test_json_file_and_events_key(tmp_path):
    p = tmp_path / "e.json"
    p.write_text(json.dumps({"events": [{"terms": "Kerrin dam", "date": "2021-03-09"}]}),
                 encoding="utf-8")
    (ev,) = events.load(p)
    assert ev.name == "Kerrin dam" and ev.start == ev.end == date(2021, 3, 9)


def test_cli_rejects_a_bad_file_before_reading_articles(tmp_path, run_cli):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Title\n\nThe Kerrin dam gave way on Tuesday.",
                                           encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {terms: [x]}", encoding="utf-8")
    db = tmp_path / "t.db"
    r = run_cli("analyze", tmp_path / "in", "--db", db, "--no-models", "--events", bad)
    assert r.exit_code != 0 and "bad.yaml" in r.output and "give 'date'" in r.output
    assert not db.exists()
    good = tmp_path / "events.yaml"
    good.write_text(EVENTS, encoding="utf-8")
    r = run_cli("analyze", tmp_path / "in", "--db", db, "--no-models", "--now", TEST_NOW,
                "--events", good, "--json")
    assert r.exit_code == 0, r.output
    r = run_cli("timeline", "actor", "Kerrin", "--db", db, "--json")
    assert "2021-03-09" in r.output


def test_seed_002_with_an_analyst_events_file(tmp_path, seeds_dir, seeds_gold):
    """The tool alone cannot date 002 (see test_dates.test_seed_002_width_through_the_
    pipeline): the knowledge that the attack on the prison in Hasakah began on 20 January
    2022 is supplied here, by the test, as an analyst would supply it."""
    path = next(seeds_dir.glob("002_*.txt"))
    options = _opts(tmp_path, "- name: attack on the Ghwayran prison\n"
                              "  terms: [Ghwayran prison, Hasakah prison, prison of Hasakah]\n"
                              "  start: 2022-01-20\n  end: 2022-01-30\n")
    (raw,) = list(read_file(InputFile(path, path.parent)))
    a = process_article(raw, options)
    lo, hi = _days(a.published_range)
    g_lo, g_hi = (date.fromisoformat(d) for d in seeds_gold["articles"][path.stem]["published_range"])
    assert lo <= g_hi and hi >= g_lo and (hi - lo).days <= 120
