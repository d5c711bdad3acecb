"""Tests for newstrace.dates (and the rule tables in newstrace.temporal)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newstrace.dates import (
    EARLIEST_PLAUSIBLE,
    RECENT_REFERENCE_MAX_DAYS,
    annotate,
    candidate_windows,
    publication_from_url,
)
from newstrace.records import Article, DateRange, Quote
from newstrace.store import Store
from newstrace.temporal import find_refs


class Opts:
    now = "2026-11-23"


OPTS = Opts()


def art(text: str, lang: str = "en", **kw) -> Article:
    return Article(id="t", text=text, lang=lang, **kw)


def times_of(text, lang, published=None):
    a = annotate(art(text, lang, published=published, published_source="test"), OPTS)
    return a.times


def one(text, lang, published=None):
    ts = times_of(text, lang, published)
    assert len(ts) == 1, [(t.text, t.kind) for t in ts]
    return ts[0]


# (lang, sentence, expected surface, kind, publication date, earliest, latest)
CASES = [
    # absolute
    ("en", "The deal was signed on February 22nd, 2019 in Paris.", "February 22nd, 2019",
     "absolute", None, "2019-02-22", "2019-02-22"),
    ("fr", "L'accord a été signé le 18 janvier 2019 à Paris.", "18 janvier 2019",
     "absolute", None, "2019-01-18", "2019-01-18"),
    ("es", "El acuerdo se firmó el 22 de febrero de 2019 en Madrid.", "22 de febrero de 2019",
     "absolute", None, "2019-02-22", "2019-02-22"),
    ("de", "Der Vertrag wurde am 22. Februar 2019 unterzeichnet.", "22. Februar 2019",
     "absolute", None, "2019-02-22", "2019-02-22"),
    # weekday + day + month, no year
    ("en", "He spoke on Friday, February 22nd, to reporters.", "on Friday, February 22nd",
     "weekday_date", "2019-02-25", "2019-02-22", "2019-02-22"),
    ("fr", "Il a parlé ce vendredi 18 janvier aux journalistes.", "ce vendredi 18 janvier",
     "weekday_date", "2019-01-19", "2019-01-18", "2019-01-18"),
    ("es", "Habló el viernes 18 de enero con la prensa.", "el viernes 18 de enero",
     "weekday_date", "2019-01-20", "2019-01-18", "2019-01-18"),
    ("de", "Er sprach am Freitag, 18. Januar, mit Journalisten.", "am Freitag, 18. Januar",
     "weekday_date", "2019-01-20", "2019-01-18", "2019-01-18"),
    # month + day, no year
    ("en", "The talks ended on January 18 without a deal.", "January 18",
     "month_day", "2019-03-01", "2019-01-18", "2019-01-18"),
    ("fr", "Les discussions ont pris fin le 18 janvier sans accord.", "18 janvier",
     "month_day", "2019-03-01", "2019-01-18", "2019-01-18"),
    ("es", "Las conversaciones terminaron el 18 de enero sin acuerdo.", "18 de enero",
     "month_day", "2019-03-01", "2019-01-18", "2019-01-18"),
    ("de", "Die Gespräche endeten am 18. Januar ohne Einigung.", "18. Januar",
     "month_day", "2019-03-01", "2019-01-18", "2019-01-18"),
    # relative day words
    ("en", "The minister resigned yesterday after the vote.", "yesterday",
     "relative", "2019-02-23", "2019-02-22", "2019-02-22"),
    ("fr", "Le ministre a démissionné hier après le vote.", "hier",
     "relative", "2019-02-23", "2019-02-22", "2019-02-22"),
    ("es", "El ministro dimitió ayer tras la votación.", "ayer",
     "relative", "2019-02-23", "2019-02-22", "2019-02-22"),
    ("de", "Der Minister ist gestern zurückgetreten.", "gestern",
     "relative", "2019-02-23", "2019-02-22", "2019-02-22"),
    # weekdays (2019-03-06 is a Wednesday)
    ("en", "The commander spoke on Monday in Baghdad.", "on Monday",
     "relative", "2019-03-06", "2019-03-04", "2019-03-04"),
    ("en", "The commander spoke on Wednesday in Baghdad.", "on Wednesday",
     "relative", "2019-03-06", "2019-03-06", "2019-03-06"),
    ("fr", "Le commandant a parlé mercredi dernier à Bagdad.", "mercredi dernier",
     "relative", "2019-03-06", "2019-02-27", "2019-02-27"),
    ("es", "El comandante habló el pasado lunes en Bagdad.", "el pasado lunes",
     "relative", "2019-03-06", "2019-03-04", "2019-03-04"),
    ("de", "Der Kommandeur sprach am vergangenen Montag in Bagdad.", "am vergangenen Montag",
     "relative", "2019-03-06", "2019-03-04", "2019-03-04"),
    # last week (ISO week before the publication week)
    ("en", "Fighting resumed last week near the border.", "last week",
     "relative", "2019-03-06", "2019-02-25", "2019-03-03"),
    ("fr", "Les combats ont repris la semaine dernière près de la frontière.",
     "la semaine dernière", "relative", "2019-03-06", "2019-02-25", "2019-03-03"),
    ("es", "Los combates se reanudaron la semana pasada cerca de la frontera.",
     "la semana pasada", "relative", "2019-03-06", "2019-02-25", "2019-03-03"),
    ("de", "Die Kämpfe flammten letzte Woche an der Grenze wieder auf.", "letzte Woche",
     "relative", "2019-03-06", "2019-02-25", "2019-03-03"),
    # N units ago
    ("en", "He arrived three days ago.", "three days ago", "relative", "2019-03-06",
     "2019-03-03", "2019-03-03"),
    ("fr", "Il est arrivé il y a trois jours.", "il y a trois jours", "relative",
     "2019-03-06", "2019-03-03", "2019-03-03"),
    ("es", "Llegó hace tres días.", "hace tres días", "relative", "2019-03-06",
     "2019-03-03", "2019-03-03"),
    ("de", "Er kam vor drei Tagen an.", "vor drei Tagen", "relative", "2019-03-06",
     "2019-03-03", "2019-03-03"),
    # parts of a month without a year
    ("en", "Trump visited the base late December.", "late December", "vague",
     "2019-01-10", "2018-12-21", "2018-12-31"),
    ("en", "He made similar remarks earlier in January.", "earlier in January", "vague",
     "2019-01-20", "2019-01-01", "2019-01-31"),
    ("fr", "Le président a visité la base fin décembre.", "fin décembre", "vague",
     "2019-01-10", "2018-12-21", "2018-12-31"),
    ("es", "El presidente visitó la base a finales de diciembre.", "a finales de diciembre",
     "vague", "2019-01-10", "2018-12-21", "2018-12-31"),
    ("de", "Der Präsident besuchte die Basis Ende Dezember.", "Ende Dezember", "vague",
     "2019-01-10", "2018-12-21", "2018-12-31"),
]


@pytest.mark.parametrize("lang,text,surface,kind,pub,earliest,latest", CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_expression_types_per_language(lang, text, surface, kind, pub, earliest, latest):
    t = one(text, lang, pub)
    assert t.text == surface
    assert text[t.start:t.end] == surface
    assert t.kind == kind
    assert (t.earliest, t.latest) == (earliest, latest)
    assert t.method.startswith(f"rules:{lang}")


@pytest.mark.parametrize("lang,text", [
    ("en", "Theresa May said the march would go ahead."),
    ("fr", "Ils se sont réunis sur le Champ de Mars."),
    ("de", "Am Morgen trafen sich die Minister hier in Berlin."),
    ("es", "Por la mañana llegaron los ministros."),
    ("en", "Il est arrivé hier."),  # French word in an English text
])
def test_no_false_positives(lang, text):
    assert find_refs(text, lang) == []


def test_unknown_language_has_no_rules():
    assert find_refs("Il 18 gennaio 2019", "xx") == []


def test_future_cue_flips_the_constraint():
    fut = find_refs("The vote will take place on March 3.", "en")
    past = find_refs("The vote took place on March 3.", "en")
    assert fut[0].future and not past[0].future


# ----------------------------------------------------------------- publication date

def test_publication_from_url():
    assert publication_from_url("https://x.org/news/2019/01/18/some-title") == "2019-01-18"
    assert publication_from_url("https://x.org/2019-02-22-title.html") == "2019-02-22"
    assert publication_from_url("https://x.org/a/title-20190222.html") == "2019-02-22"
    assert publication_from_url("https://x.org/2019/02/31/bad") is None
    assert publication_from_url("https://x.org/about") is None
    assert publication_from_url(None) is None


def test_url_date_used_when_no_metadata():
    a = annotate(art("Nothing dated here.", url="https://x.org/2019/01/18/story"), OPTS)
    assert (a.published, a.published_source) == ("2019-01-18", "url")
    assert (a.published_range.earliest, a.published_range.latest) == ("2019-01-18", "2019-01-18")


def test_future_metadata_date_rejected_with_reason():
    a = annotate(art("Nothing dated.", published="2031-05-01", published_source="meta"), OPTS)
    assert a.published is None and a.published_source is None
    assert any("future" in e and "2031-05-01" in e for e in a.published_range.evidence)


def test_crawl_date_in_meta_bounds_the_publication_date():
    a = annotate(art("Nothing dated.", published="2020-05-03", published_source="meta",
                     meta={"crawl_date": "2020-05-01"}), OPTS)
    assert a.published is None
    assert any("crawl date" in e for e in a.published_range.evidence)


def test_epoch_date_is_suspect():
    a = annotate(art("Nothing dated.", published="1970-01-01", published_source="meta"), OPTS)
    assert a.published is None
    assert any(EARLIEST_PLAUSIBLE.isoformat() in e for e in a.published_range.evidence)


def test_known_date_gives_point_range_with_source():
    a = annotate(art("The minister spoke yesterday.", published="2019-02-23",
                     published_source="jsonl"), OPTS)
    assert a.published_range == DateRange("2019-02-23", "2019-02-23",
                                          ["published 2019-02-23 from jsonl"])


def test_known_date_conflicting_with_text_is_noted():
    text = "As a sign of the times, yesterday, Friday, February 22nd, the army reported."
    a = annotate(art(text, published="2019-06-01", published_source="meta"), OPTS)
    assert any("2019-02-23" in e for e in a.published_range.evidence)


# ----------------------------------------------------------------- inferred ranges

def test_weekday_date_gives_candidate_years():
    text = "The army said yesterday, Friday, February 22nd, that the border was closed."
    windows, evidence = candidate_windows(art(text), OPTS)
    days = [date.fromordinal(a).isoformat() for a, b in windows]
    assert days == ["2002-02-23", "2008-02-23", "2013-02-23", "2019-02-23"]
    assert any("last 30 years" in e for e in evidence)
    assert any("chars 14-46" in e for e in evidence)


def test_era_term_selects_the_year():
    text = ("The Syrian Democratic Forces said yesterday, Friday, February 22nd, that the "
            "border was closed.")
    a = annotate(art(text), OPTS)
    assert (a.published_range.earliest, a.published_range.latest) == ("2019-02-23", "2019-02-23")
    assert any("Syrian Democratic Forces" in e for e in a.published_range.evidence)


def test_french_weekday_date_starts_the_range():
    text = "Daech a perdu du terrain, a assuré ce vendredi 18 janvier le site al-Masdar."
    a = annotate(art(text, "fr"), OPTS)
    r = a.published_range
    assert r.earliest == "2019-01-18"
    assert (date.fromisoformat(r.latest) - date.fromisoformat(r.earliest)).days <= 14


def test_yearless_month_bounds_the_distance():
    text = "The coronavirus pandemic hit hard. In late March the group issued a statement."
    windows, _ = candidate_windows(art(text), OPTS)
    for a, b in windows:
        start = date.fromordinal(a)
        assert (start.month, start.day) == (3, 21) or start.isoformat() == "2020-03-21"
        assert b - a <= 10 + RECENT_REFERENCE_MAX_DAYS


def test_conflicting_expression_is_ignored_and_said_so():
    text = ("The army said yesterday, Friday, February 22nd, that ISIL had fled. "
            "The talks of 2024 failed.")
    a = annotate(art(text), OPTS)
    assert a.published_range.earliest == "2019-02-23"
    assert any(e.startswith("ignored 'of 2024'") for e in a.published_range.evidence)


def test_no_evidence_no_range():
    a = annotate(art("Nothing dated in this sentence."), OPTS)
    assert a.published_range.earliest is None and a.published_range.latest is None


def test_former_office_holder_does_not_date_the_text():
    a = annotate(art("Former President Obama met students in late March."), OPTS)
    assert not any("Obama" in e for e in a.published_range.evidence)
    b = annotate(art("President Obama met students in late March."), OPTS)
    assert b.published_range.latest < "2017-07-01"


# ----------------------------------------------------------------- said_on

def test_said_on_from_weekday_near_cue():
    text = ("“We will not leave,” the commander said on Wednesday. "
            "Earlier, on Monday, troops arrived.")
    i = text.index("said")
    q = Quote(start=0, end=20, text=text[0:20], cue="said", cue_start=i, cue_end=i + 4)
    a = annotate(art(text, published="2019-03-08", published_source="t", quotes=[q]), OPTS)
    s = a.quotes[0].said_on
    assert (s.earliest, s.latest) == ("2019-03-06", "2019-03-06")
    assert "on Wednesday" in s.evidence[0]


def test_said_on_french():
    text = "« Nous resterons », a déclaré mardi le commandant."
    i = text.index("déclaré")
    q = Quote(start=0, end=17, text=text[:17], cue="a déclaré", cue_start=i - 2,
              cue_end=i + len("déclaré"))
    a = annotate(art(text, "fr", published="2019-03-08", published_source="t", quotes=[q]), OPTS)
    assert (a.quotes[0].said_on.earliest, a.quotes[0].said_on.latest) == ("2019-03-05", "2019-03-05")


def test_time_inside_the_quote_is_not_its_date():
    text = "“We attacked on Monday,” he said."
    q = Quote(start=0, end=24, text=text[:24], cue="said", cue_start=28, cue_end=32)
    a = annotate(art(text, published="2019-03-08", published_source="t", quotes=[q]), OPTS)
    assert a.quotes[0].said_on is None


def test_said_on_against_inferred_range():
    text = ("Syrian Democratic Forces officials said yesterday, Friday, February 22nd, "
            "that the crossing was closed.")
    i = text.index("said")
    q = Quote(start=i + 60, end=len(text), text=text[i + 60:], direct=False, cue="said",
              cue_start=i, cue_end=i + 4)
    a = annotate(art(text, quotes=[q]), OPTS)
    assert a.quotes[0].said_on.earliest == "2019-02-22"


# ----------------------------------------------------------------- seeds (bar)

def _seed(seeds_dir: Path, aid: str, lang: str) -> Article:
    raw = (seeds_dir / f"{aid}.txt").read_text(encoding="utf-8")
    first, _, rest = raw.partition("\n")
    if len(first) < 150 and not first.rstrip().endswith("."):
        return Article(id=aid, title=first, text=rest, lang=lang)
    return Article(id=aid, text=raw, lang=lang)


def _width(r: DateRange) -> int:
    return (date.fromisoformat(r.latest) - date.fromisoformat(r.earliest)).days


def test_seed_ranges_from_text_alone(seeds_dir, seeds_gold):
    """Each seed, analysed on its own: the range overlaps gold; where the text pins the
    date (001, 003, 004) it is at most 120 days wide."""
    for aid, g in seeds_gold["articles"].items():
        a = annotate(_seed(seeds_dir, aid, g["lang"]), OPTS)
        r = a.published_range
        lo, hi = g["published_range"]
        assert r.earliest <= hi and r.latest >= lo, (aid, r)
        if aid[:3] in ("001", "003", "004"):
            assert _width(r) <= 120, (aid, r)
    r3 = annotate(_seed(seeds_dir, "003_27e2beb3ba895656", "en"), OPTS).published_range
    assert _width(r3) <= 2 and r3.earliest <= "2019-02-23" <= r3.latest
    r4 = annotate(_seed(seeds_dir, "004_b61d84d705ab0fc5", "fr"), OPTS).published_range
    assert r4.earliest >= "2019-01-18"


def test_annotate_is_fast(seeds_dir, seeds_gold):
    import time
    arts = [_seed(seeds_dir, aid, g["lang"]) for aid, g in seeds_gold["articles"].items()]
    annotate(arts[0], OPTS)  # compile the tables
    t0 = time.perf_counter()
    for a in arts:
        annotate(a, OPTS)
    assert time.perf_counter() - t0 < 1.0


def _db_ranges(seed_db) -> dict:
    s = Store(str(seed_db))
    try:
        return {r["id"]: r for r in s.article_rows()}
    finally:
        s.close()


def test_seed_bar_through_the_pipeline(seed_db, seeds_gold):
    rows = _db_ranges(seed_db)
    for aid, g in seeds_gold["articles"].items():
        r = rows[aid]
        lo, hi = g["published_range"]
        assert r["range_earliest"] <= hi and r["range_latest"] >= lo, aid
    r3, r4 = rows["003_27e2beb3ba895656"], rows["004_b61d84d705ab0fc5"]
    assert r3["range_earliest"] <= "2019-02-23" <= r3["range_latest"]
    assert (date.fromisoformat(r3["range_latest"]) - date.fromisoformat(r3["range_earliest"])).days <= 2
    assert r4["range_earliest"] >= "2019-01-18"
    r1 = rows["001_9133b5a1e6da6c1e"]
    assert (date.fromisoformat(r1["range_latest"]) - date.fromisoformat(r1["range_earliest"])).days <= 120


def test_seed_000_width_through_the_pipeline(seed_db):
    r = _db_ranges(seed_db)["000_79ad30ed8421e7ea"]
    assert (date.fromisoformat(r["range_latest"]) - date.fromisoformat(r["range_earliest"])).days <= 120


@pytest.mark.xfail(strict=True, reason="002 gives no year-level anchor in its text (only 'on "
                   "Thursday', 'of 2014', 'late 2017'); dating it needs knowledge of the "
                   "Hasakah prison attack, which newstrace does not ship; an analyst can supply "
                   "it with --events (test_events.test_seed_002_with_an_analyst_events_file)")
def test_seed_002_width_through_the_pipeline(seed_db):
    r = _db_ranges(seed_db)["002_8a15100b871c5e58"]
    assert (date.fromisoformat(r["range_latest"]) - date.fromisoformat(r["range_earliest"])).days <= 120
