"""Learned NER in the mentions stage: shipped models, batching, chunking, fallbacks."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from newstrace import _nermodels, mentions
from newstrace.records import Article, Paragraph
from newstrace.segment import segment

spacy = pytest.importorskip("spacy")

REQUIRED = {"de", "es", "it", "nl", "ar", "fa"}

# Sentences written for these tests (news style); the names each model must find.
SENTENCES = {
    "de": ("Bundeskanzler Olaf Scholz hat am Montag in Berlin den französischen Präsidenten Emmanuel "
           "Macron empfangen. Beide sprachen über die Lage in der Ukraine.",
           {"Olaf Scholz", "Berlin", "Emmanuel Macron", "Ukraine"}),
    "es": ("El presidente del Gobierno, Pedro Sánchez, viajó ayer a Bruselas para reunirse con "
           "Ursula von der Leyen y con representantes de la Comisión Europea.",
           {"Pedro Sánchez", "Bruselas", "Ursula von der Leyen", "Comisión Europea"}),
    "it": ("Il presidente Sergio Mattarella ha ricevuto ieri al Quirinale il segretario generale "
           "della Nato, Jens Stoltenberg, in visita a Roma.",
           {"Sergio Mattarella", "Quirinale", "Nato", "Jens Stoltenberg", "Roma"}),
    "nl": ("Premier Mark Rutte sprak dinsdag in Den Haag met de Franse president Emmanuel Macron "
           "over de steun van de Europese Unie aan Oekraïne.",
           {"Mark Rutte", "Den Haag", "Emmanuel Macron", "Europese Unie", "Oekraïne"}),
    "ar": ("التقى الرئيس المصري عبد الفتاح السيسي في القاهرة يوم الاثنين وزير الخارجية الأمريكي "
           "أنتوني بلينكن لبحث الأوضاع في قطاع غزة .",
           {"عبد الفتاح السيسي", "القاهرة", "أنتوني بلينكن", "غزة"}),
    "fa": ("حسن روحانی رئیس جمهور ایران روز دوشنبه در تهران با وزیر امور خارجه فرانسه دیدار کرد "
           "و درباره سازمان ملل متحد گفتگو کرد .",
           {"حسن روحانی", "ایران", "تهران", "فرانسه", "سازمان ملل متحد"}),
}


@dataclass(frozen=True)
class Opts:
    use_models: bool = True
    gazetteer: str | None = None


@pytest.fixture(scope="session")
def shipped():
    """Every shipped model, loaded once for the session (resources cache)."""
    return {lang: _nermodels.load(lang) for lang in _nermodels.available_langs()}


def test_the_required_languages_ship_a_model(shipped):
    assert REQUIRED <= set(shipped), f"missing models: {REQUIRED - set(shipped)}"
    for lang, nlp in shipped.items():
        assert nlp is not None, lang
        assert nlp.pipe_names == ["tok2vec", "ner"], lang
        assert {"PER", "ORG", "LOC"} <= set(nlp.get_pipe("ner").labels), lang


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_each_model_finds_names_in_a_sentence_of_its_language(shipped, lang):
    if lang not in shipped:
        pytest.fail(f"no shipped model for {lang}")
    text, names = SENTENCES[lang]
    raw = {e.text for e in shipped[lang](text).ents}
    assert len(raw & names) >= 2, (lang, raw)
    art = segment(Article(id="t", text=text, lang=lang), Opts())
    got = mentions.detect(art, Opts())
    found = {m.text for m in got.mentions}
    assert len(found & names) >= 3, (lang, found)
    assert any(m.detector == f"spacy:newstrace-ner-{lang}" for m in got.mentions), lang
    for m in got.mentions:
        assert text[m.start:m.end] == m.text


def _batch():
    de, _ = SENTENCES["de"]
    es, _ = SENTENCES["es"]
    ar, _ = SENTENCES["ar"]
    mixed = "Officials in Washington said on Friday that talks would go on.\n\n" + de + " " + de
    return [
        segment(Article(id="de", text=de, lang="de"), Opts()),
        segment(Article(id="es", text=es, lang="es"), Opts()),
        segment(Article(id="ar", text=ar, lang="ar"), Opts()),
        segment(Article(id="mix", text=mixed, lang="en",
                        paragraphs=[Paragraph(0, 62, "en"), Paragraph(64, len(mixed), "de")]), Opts()),
        Article(id="empty", text="", lang="fr"),
        Article(id="xx", text="Nothing in Qadaria changed, said Omar Haddad.", lang="sw"),
    ]


def test_detect_many_gives_what_detect_gives(shipped):
    arts = _batch()
    one = [mentions.detect(a, Opts()) for a in arts]
    many = mentions.detect_many(arts, Opts())
    assert [[m.as_dict() for m in a.mentions] for a in one] == [[m.as_dict() for m in a.mentions] for a in many]
    assert [a.meta["mention_links"] for a in one] == [a.meta["mention_links"] for a in many]
    assert any(m.mentions for m in many)


def test_a_paragraph_in_another_language_uses_that_languages_model(shipped):
    mixed = _batch()[3]
    got = mentions.detect(mixed, Opts())
    de_part = [m for m in got.mentions if m.start >= 64]
    assert any(m.detector == "spacy:newstrace-ner-de" for m in de_part)
    assert not any(m.detector == "spacy:newstrace-ner-de" for m in got.mentions if m.start < 64)


def test_chunks_cover_the_text_exactly_and_stay_bounded():
    text = ("Erste Zeile mit Namen wie Berlin.\nZweite Zeile. " * 40 + "x" * 300 + " Ende.") * 3
    for limit in (50, 120, 1000):
        pieces = list(_nermodels.chunk_spans(text, 0, len(text), limit))
        assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
        assert all(a < b and b - a <= limit for a, b in pieces)
        assert all(p[1] == q[0] for p, q in zip(pieces, pieces[1:]))
    cut_at_lines = list(_nermodels.chunk_spans(text, 0, len(text), 120))
    assert sum(text[b - 1] == "\n" for _a, b in cut_at_lines[:-1]) >= len(cut_at_lines) // 2


def test_model_spans_from_small_chunks_map_back_exactly(shipped, monkeypatch):
    text, names = SENTENCES["de"]
    long_text = "\n\n".join([text] * 30)
    art = Article(id="long", text=long_text, lang="de")
    whole = _nermodels.model_spans([art])[0]
    monkeypatch.setattr(_nermodels, "CHUNK_CHARS", len(text) + 3)
    seen = []
    real_load = _nermodels.load

    def spy(lang):
        nlp = real_load(lang)

        class Guard:
            def pipe(self, texts, batch_size=64):
                for t in texts:
                    assert len(t) <= len(text) + 3
                    seen.append(len(t))
                    yield from nlp.pipe([t])
        return Guard()

    monkeypatch.setattr(_nermodels, "load", spy)
    small = _nermodels.model_spans([art], limit=len(text) + 3)[0]
    assert len(seen) >= 30
    assert {long_text[s:e] for s, e, _t, _d in small} >= names & {long_text[s:e] for s, e, _t, _d in whole}
    for s, e, _t, _d in small:
        assert long_text[s:e].strip() == long_text[s:e] and long_text[s:e]
    assert sorted(small) == sorted(whole)


def test_a_multi_megabyte_text_is_read_in_bounded_pieces(monkeypatch):
    """Model-free path for the size (fast): 2 MB, pieces of 5,000 characters, offsets exact."""
    monkeypatch.setattr(mentions, "LONG_TEXT_CHARS", 20_000)
    monkeypatch.setattr(mentions, "PIECE_CHARS", 5_000)
    para = ("the committee met again on the question of water and nobody said anything new about it "
            "that had not been said before in the long years of talks . ") * 30
    names = "Omar Haddad met Lina Sabbagh of the Velmar Water Authority in Qadaria City. "
    chunk = names + para + "\n\n"
    text = chunk * (2_100_000 // len(chunk))
    got = mentions.detect(Article(id="big", text=text, lang="en"), Opts(use_models=False))
    assert len(text) >= 2_000_000
    per_copy = len(text) // len(chunk)
    found = [m for m in got.mentions if m.text == "Omar Haddad"]
    assert len(found) == per_copy
    for m in got.mentions[:2000] + got.mentions[-2000:]:
        assert text[m.start:m.end] == m.text
    assert len({m.local_id for m in found}) == 1  # one person across the pieces


def test_the_rules_run_when_no_model_is_there(monkeypatch, tmp_path):
    monkeypatch.setattr(_nermodels, "MODEL_DIR", tmp_path)
    monkeypatch.setattr(_nermodels, "PACKAGES", {})
    text = "Bundeskanzler Olaf Scholz traf Emmanuel Macron in Berlin."
    got = mentions.detect(Article(id="x", text=text, lang="de"), Opts(use_models=True))
    assert {"Olaf Scholz", "Emmanuel Macron", "Berlin"} <= {m.text for m in got.mentions}
    assert all(not m.detector.startswith("spacy:") for m in got.mentions)
    assert _nermodels.available_langs() == []


def test_model_spans_are_trimmed_to_names():
    text = "AMMAR – L’Autorité des eaux. Cinq gardes près du barrage de Darvazeh ont parlé à Khorvat n’a rien dit."
    spans = [(0, 18, "ORG", "spacy:x"), (29, 33, "LOC", "spacy:x"), (49, 68, "LOC", "spacy:x"),
             (81, 90, "PER", "spacy:x")]
    starts = [0, 29]
    got = [text[c.start:c.end] for c in mentions._spacy_candidates(text, spans, starts, {"cinq"})]
    assert "AMMAR" in got and "Darvazeh" in got and "Khorvat" in got
    assert not any(g.startswith(("barrage", "Cinq")) or "–" in g for g in got)


def test_a_short_paragraph_reads_with_the_articles_model(shipped):
    """Paragraph language ID misfires on list items and captions: below OWN_LANG_CHARS a
    paragraph keeps the article's language."""
    text = "Weibo, UC News und Baidu Map sind betroffen.\n\nPedro Sánchez viajó ayer a Bruselas."
    art = Article(id="s", text=text, lang="es", paragraphs=[Paragraph(0, 44, "de"), Paragraph(46, len(text), "es")])
    units = _nermodels.units(art)
    assert {lang for lang, _s, _e in units} == {"es"}
