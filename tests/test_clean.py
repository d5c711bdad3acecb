from __future__ import annotations

import pytest

from newstrace.clean import clean, is_boilerplate, normalize_text
from newstrace.outlet import detect_outlet, outlet_from_dateline, outlet_from_title, outlet_from_url
from newstrace.pipeline import PipelineOptions
from newstrace.records import Article


@pytest.mark.parametrize("line", [
    "0 1,856", "12 shares", "- Advertisement -", "Advertisement", "Publicité", "Werbung",
    "Back to top button", "Retour en haut", "Subscribe to our newsletter",
    "Abonnez-vous à notre newsletter", "Suscríbete al boletín", "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Tags: Iraq, Syria, Border", "Lire aussi : le barrage du nord", "Share on Facebook",
    "IraqSyria", "Politics | World | Middle East",
])
def test_boilerplate_patterns(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "The commander said 12 soldiers were killed near the border.",
    "“We will not leave,” he told the newsletter of the union.",
    "Iraq", "Selon Press TV, les forces américaines ont quitté la base.",
    "The advertisement campaign cost the ministry 2 million dollars, officials said on Monday.",
    "In 2019, 1,200 families returned.",
])
def test_prose_is_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_normalize_keeps_quotes_and_fixes_mojibake():
    assert normalize_text("“It’s” café") == "“It’s” café"
    assert normalize_text("cafÃ©") == "café"
    assert normalize_text("a\u200bb\r\nc") == "ab\nc"


def test_repeated_title_dropped_and_title_first_paragraph():
    a = Article(id="x", text="", title="Dam talks collapse",
                raw_text="Dam talks collapse\n\nTalks collapsed on Tuesday.\n\nBack to top")
    a = clean(a, PipelineOptions())
    assert a.text == "Dam talks collapse\n\nTalks collapsed on Tuesday."
    assert a.boilerplate == ["Back to top"]
    assert a.meta["title_repeated_in_body"] == "Dam talks collapse"


def test_repetition_rule_per_outlet():
    from newstrace.clean import line_key

    opts = PipelineOptions(repeated_lines={"Courier": frozenset({line_key("Follow the Courier on Mastodon")})})
    a = Article(id="x", text="", outlet="Courier",
                raw_text="First paragraph of news.\n\nFollow the Courier on Mastodon\n\nSecond paragraph.")
    assert clean(a, opts).boilerplate == ["Follow the Courier on Mastodon"]
    b = Article(id="y", text="", outlet="Other",
                raw_text="First paragraph of news.\n\nFollow the Courier on Mastodon\n\nSecond paragraph.")
    assert clean(b, opts).boilerplate == []


def test_line_keys_only_with_repeated_lines_to_find_each_line_once(monkeypatch):
    """A line's key (``line_key``: case, accents and quotes folded, then hashed) is only
    needed to look it up among the outlet's repeated lines: none is computed for an
    outlet without any (most of a run), and each line's once otherwise; same result."""
    import newstrace.clean as cl

    real, calls = cl.line_key, []

    def counting(line):
        calls.append(line)
        return real(line)

    monkeypatch.setattr(cl, "line_key", counting)
    raw = "First paragraph of news.\n\nFollow the Courier on Mastodon\n\nSecond paragraph."
    opts = PipelineOptions(repeated_lines={"Courier": frozenset({real("Follow the Courier on Mastodon"),
                                                                 real("First paragraph of news.")})})
    b = clean(Article(id="y", text="", outlet="Other", raw_text=raw), opts)
    assert b.boilerplate == [] and calls == []
    a = clean(Article(id="x", text="", outlet="Courier", raw_text=raw), opts)
    assert a.boilerplate == ["First paragraph of news.", "Follow the Courier on Mastodon"]
    assert sorted(calls) == sorted(ln for ln in raw.split("\n") if ln)


def test_hard_wrapped_lines_are_joined():
    raw = ("The minister arrived in the capital on Monday for talks\nwith his counterpart about the dam that\n"
           "has divided the two countries for a decade, officials\nsaid in a statement on Monday evening.")
    a = clean(Article(id="x", text="", raw_text=raw), PipelineOptions())
    assert "\n" not in a.text


def test_outlet_signals():
    assert outlet_from_title("Commander says forces moved - Islamic Invitation Turkey") == (
        "Commander says forces moved", "Islamic Invitation Turkey")
    assert outlet_from_title("US Advisers More Dangerous than Presence: Iraqi Commander") is None
    assert outlet_from_title("Talks go on - Officials") is None
    assert outlet_from_dateline("TEHRAN (Tasnim) – The commander said") == "Tasnim"
    assert outlet_from_dateline("BEIRUT, Jan 5 (Reuters) - Talks") == "Reuters"
    assert outlet_from_dateline("BAGHDAD – Security sources said") is None
    assert outlet_from_url("https://www.presstv.ir/Detail/2020/04/05/1") == "presstv.ir"
    a = detect_outlet(Article(id="x", text="", raw_text="The (BBC) said nothing – really"))
    assert a.outlet is None  # never guessed from the body at large
