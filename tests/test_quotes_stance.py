"""Stances (round 11): a statement reports a speech act (``act`` "say") or a position its
speaker holds or takes (``act`` "stance": "Walker endorsed Cruz", "Le PS s'oppose à la
réforme"). Stances are found from the tables' ``stance_cues`` (English: derived from PolNeAR
train), apart from speech: no channel, no source, never inside a speech statement; the store,
the exports, the CLI and the web show the act; the SemEval quote bench and the source graph
count speech acts only."""
from __future__ import annotations

import json
import warnings

import pytest

from newstrace.provenance import export_quotes, list_quotes, source_graph, update
from newstrace.quotes import extract
from newstrace.records import Article, Mention, Paragraph, Quote
from newstrace.store import Store


def _art(text: str, lang: str, aid: str = "x", mentions: list[Mention] | None = None) -> Article:
    return Article(id=aid, text=text, lang=lang, paragraphs=[Paragraph(0, len(text), lang)],
                   mentions=mentions or [], content_hash=aid, published="2024-03-01")


def _quotes(text: str, lang: str, mentions: list[Mention] | None = None) -> list[Quote]:
    return extract(_art(text, lang, mentions=mentions)).quotes


def _stances(text: str, lang: str) -> list[tuple[str | None, str, str]]:
    return [(q.speaker, q.cue, q.text) for q in _quotes(text, lang) if q.act == "stance"]


def test_english_stances_from_the_derived_lexicon():
    text = ("Scott Walker endorsed Ted Cruz. Republicans in Congress have backed the measure. "
            "The senator is against any new taxes on the middle class.")
    assert _stances(text, "en") == [("Scott Walker", "endorsed", "Ted Cruz"),
                                    ("Republicans in Congress", "backed", "the measure"),
                                    ("The senator", "is against", "any new taxes")]


def test_english_stance_pronoun_goes_to_the_speaker_before():
    qs = _quotes("Obama said the deal was fair. He rejected the proposal of the Senate.", "en")
    assert [(q.act, q.speaker, q.text) for q in qs] == [
        ("say", "Obama", "the deal was fair"), ("stance", "Obama", "the proposal of the Senate")]


@pytest.mark.parametrize("text", [
    "Trump was endorsed by the National Rifle Association.",  # a passive: the holder follows
    "Obama vowed to oppose the bill.",  # an infinitive: what he vowed
    "Clinton said she opposes the deal.",  # what she said
    "His support for the deal was clear.",  # a noun
    "Taking back control was the slogan.",  # no verb after an opening word
])
def test_no_english_stance_of_its_own(text):
    # (the same text followed by a stance, which the sentence before does not change)
    assert _stances(text + " Many voters back the plan of the governor.", "en") == [
        ("Many voters", "back", "the plan of the governor")]


@pytest.mark.parametrize("lang, text, want", [
    ("fr", "Le Parti socialiste s'oppose à la réforme des retraites.",
     ("Le Parti socialiste", "s'oppose à", "la réforme des retraites")),
    ("fr", "Marine Le Pen soutient le projet de loi sur l’immigration.",
     ("Marine Le Pen", "soutient", "le projet de loi sur l’immigration")),
    ("es", "El Partido Popular se opone a la reforma laboral del Gobierno.",
     ("El Partido Popular", "se opone a", "la reforma laboral del Gobierno")),
    ("es", "El ministro apoya la propuesta de la Comisión Europea.",
     ("El ministro", "apoya", "la propuesta de la Comisión Europea")),
    ("de", "Die SPD lehnt den Vorschlag der Union ab.", ("Die SPD", "lehnt", "den Vorschlag der Union")),
    ("de", "Am Montag unterstützte die Kanzlerin den Plan der Kommission.",
     ("die Kanzlerin", "unterstützte", "den Plan der Kommission")),
    ("it", "Il governo italiano si oppone alla riforma europea.",
     ("Il governo italiano", "si oppone alla", "riforma europea")),
    ("pl", "Prezydent Andrzej Duda popiera nową ustawę o sądach.",
     ("Prezydent Andrzej Duda", "popiera", "nową ustawę o sądach")),
    ("ru", "Президент Путин поддерживает новый закон о выборах.",
     ("Президент Путин", "поддерживает", "новый закон о выборах")),
])
def test_stances_in_other_languages(lang, text, want):
    got = _stances(text, lang)
    assert got == [want]


def test_stance_is_no_speech_and_cites_nothing():
    text = "Le Parti socialiste s'oppose à la réforme. Le ministre a déclaré que la loi passera."
    a = extract(_art(text, "fr"))
    acts = [(q.act, q.text) for q in a.quotes]
    assert acts == [("stance", "la réforme"), ("say", "la loi passera")]
    st = a.quotes[0]
    assert st.channel is None and not st.direct and st.method == "rules:stance"
    assert not a.sources


def test_stance_inside_what_was_said_is_part_of_it():
    # 'die SPD lehne den Vorschlag ab' is what the minister said: one statement, of speech
    qs = _quotes("Der Minister sagte, die SPD lehne den Vorschlag ab.", "de")
    assert [(q.act, q.text) for q in qs] == [("say", "die SPD lehne den Vorschlag ab")]


def test_separable_stance_needs_its_particle():
    assert _stances("Der Präsident lehnt sich an die Wand des Saales.", "de") == []
    assert _stances("Der Präsident lehnt die Forderung der Opposition ab.", "de") == [
        ("Der Präsident", "lehnt", "die Forderung der Opposition")]


def test_no_stance_for_an_infinitive_or_a_dropped_subject():
    assert _stances("Le gouvernement a décidé de soutenir le projet de loi. Le PS soutient la loi.", "fr") == [
        ("Le PS", "soutient", "la loi")]
    assert _stances("Apoya la propuesta de la Comisión. El PP apoya la ley.", "es") == [  # no written subject
        ("El PP", "apoya", "la ley")]


def _stored(tmp_path):
    store = Store(tmp_path / "s.db")
    text = ("Le Parti socialiste s'oppose à la réforme des retraites. "
            "Le ministre Jean Dupont a déclaré que la loi passera en mars.")
    ments = [Mention(0, 19, "Le Parti socialiste", "ORG", "rules"), Mention(70, 81, "Jean Dupont", "PER", "rules")]
    art = extract(_art(text, "fr", "a1", ments))
    store.upsert_article(art)
    update(store, ["a1"])
    return store, art


def test_act_is_stored_exported_and_filtered(tmp_path):
    store, art = _stored(tmp_path)
    assert [q.act for q in store.get_article("a1").quotes] == [q.act for q in art.quotes] == ["stance", "say"]
    rows = list(export_quotes(store))
    assert [r["act"] for r in rows] == ["stance", "say"]
    assert [r["text"] for r in list_quotes(store, act="stance")] == ["la réforme des retraites"]
    assert [r["act"] for r in list_quotes(store, act="say")] == ["say"]
    with pytest.raises(ValueError):
        list_quotes(store, act="shout")
    # who quoted whom: a stance reported is no quote of its holder
    g = source_graph(store, speakers=True)
    assert not any("Parti socialiste" in (e["target_label"] or "") for e in g["edges"])
    store.close()


def test_cli_quotes_act_filter_and_export(tmp_path, run_cli):
    store, _ = _stored(tmp_path)
    store.close()
    db = tmp_path / "s.db"
    out = run_cli("quotes", "--db", db, "--act", "stance")
    assert out.exit_code == 0 and "(stance)" in out.output and "la réforme" in out.output
    assert "la loi passera" not in out.output and out.output.rstrip().endswith("1 quotes")
    out = run_cli("quotes", "--db", db, "--act", "said")
    assert out.exit_code == 2
    out = run_cli("export", "quotes", "--db", db, "--format", "csv")
    assert out.exit_code == 0 and out.output.splitlines()[0].endswith(",act")
    out = run_cli("export", "quotes", "--db", db)
    assert [json.loads(x)["act"] for x in out.output.splitlines()] == ["stance", "say"]


def _as_before_acts(store) -> None:
    """Make the store one written before acts were recorded (no act column, migration not run)."""
    with store.transaction() as c:
        c.execute("ALTER TABLE quotes DROP COLUMN act")
        c.execute("DELETE FROM migrations WHERE name = 'store_003_quote_act'")


def test_store_written_before_acts_is_migrated_to_speech(tmp_path):
    store, _ = _stored(tmp_path)
    _as_before_acts(store)
    store.close()
    st = Store(tmp_path / "s.db")  # the migration adds the column: every earlier quote is speech
    assert "act" in st.columns("quotes")
    assert [q.act for q in st.get_article("a1").quotes] == ["say", "say"]
    st.close()


@pytest.mark.sqlite_only("a read-only SQLite file is opened without migrations")
def test_read_only_store_before_acts_reads_as_speech(tmp_path):
    store, _ = _stored(tmp_path)
    _as_before_acts(store)
    store.close()
    ro = Store(tmp_path / "s.db", read_only=True)
    assert [q.act for q in ro.get_article("a1").quotes] == ["say", "say"]
    assert [r["act"] for r in list_quotes(ro)] == ["say", "say"] and list_quotes(ro, act="stance") == []
    assert source_graph(ro, speakers=True)["edges"] is not None
    ro.close()


def test_web_article_page_shows_the_act(tmp_path):
    with warnings.catch_warnings():  # starlette warns at import when httpx2 is not installed
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from newstrace.web import create_app

    store, _ = _stored(tmp_path)
    store.close()
    client = TestClient(create_app(str(tmp_path / "s.db")))
    r = client.get("/article/a1")
    assert r.status_code == 200 and "stance ·" in r.text and "stance of speaker" in r.text
