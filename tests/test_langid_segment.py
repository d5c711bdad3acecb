from __future__ import annotations

import pytest

from newstrace.langid import detect_text, langid
from newstrace.pipeline import PipelineOptions
from newstrace.records import Article
from newstrace.segment import segment, split_sentences

SAMPLES = {
    "en": "The minister said on Monday that the dam would open. Mr. Smith disagreed with him.",
    "fr": "Le ministre a déclaré lundi que le barrage ouvrirait. M. Dupont n'était pas d'accord.",
    "es": "El ministro dijo el lunes que la presa abriría. El Sr. García no estaba de acuerdo.",
    "de": "Der Minister sagte am Montag, der Damm werde öffnen. Dr. Müller widersprach ihm.",
    "ar": "قال الوزير يوم الاثنين إن السد سيفتح. ولم يوافق السيد سميث على ذلك.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
@pytest.mark.parametrize("use_models", [True, False])
def test_language_detection(lang, use_models):
    got, _conf, method = detect_text(SAMPLES[lang], use_models)
    assert got == lang
    assert method == "lingua" if use_models else method.startswith("rules:")


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_two_sentences_each_language(lang):
    text = SAMPLES[lang]
    spans = split_sentences(text, lang)
    assert len(spans) == 2, [text[s:e] for s, e in spans]
    assert all(text[s:e].strip() == text[s:e] for s, e in spans)


def test_paragraph_language_differs():
    text = ("The minister visited the dam on Monday and spoke to the engineers about the works.\n\n"
            "« Nous ne laisserons personne toucher à notre fleuve », a déclaré le ministre aux journalistes.\n\n"
            "He then left for the capital, where he met the prime minister and the army chief.")
    a = langid(Article(id="x", text=text), PipelineOptions())
    assert a.lang == "en"
    assert [p.lang for p in a.paragraphs] == ["en", "fr", "en"]
    a = segment(a, PipelineOptions())
    assert len(a.sentences) == 3


# texts where mapping pysbd's sentences back to the text is tricky: repeated sentences,
# runs of whitespace, non-breaking spaces, abbreviations, quotes, lists
_MAPPING_TEXTS = [
    "Hi.  Hi.  Hi.",
    "Ok! Ok! Ok!\u00a0Ok!\n\nOk!",
    "Mr. Smith went. Mr. Smith went.\n\nMr. Smith went.",
    "A. B. A. B. C.",
    "“We will protect the river,” he said. “We will protect the river,” he said again.",
    "1. First item.\n2. Second item.\n3. First item.",
    "Le ministre a dit « non ».  Le ministre a dit « non ».\tFin.",
    "No end of sentence here",
    "   leading and trailing   ",
] + list(SAMPLES.values())


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "ar"])
def test_sentences_map_back_exactly_as_pysbd_does(lang):
    """`_pysbd_sentences` replaces pysbd's own regex mapping of sentences to the text: it
    must return exactly what ``Segmenter.segment`` returns."""
    from newstrace.segment import _pysbd_sentences, _segmenter

    seg = _segmenter(lang)
    for text in _MAPPING_TEXTS:
        assert _pysbd_sentences(seg, text) == seg.segment(text), text


def test_segmenting_compiles_no_pattern_per_sentence(monkeypatch):
    """pysbd maps each sentence back with a regex built from it; the stage must not compile
    one pattern per sentence (a new text with many new sentences compiles next to nothing)."""
    import re._compiler

    split_sentences(SAMPLES["en"] + " " + SAMPLES["en"], "en")  # pysbd's own rule patterns, once
    compiled: list[str] = []
    real = re._compiler.compile

    def counting(p, flags=0):
        compiled.append(p)
        return real(p, flags)

    monkeypatch.setattr(re._compiler, "compile", counting)
    text = " ".join(f"The committee number {i} met on the river bank again." for i in range(40))
    spans = split_sentences(text, "en")
    assert len(spans) == 40
    assert len(compiled) < 10, compiled[:5]


@pytest.mark.parametrize("input_langs", [None, ["en"]])
def test_preloaded_detector_gives_the_same_languages(input_langs):
    """Preloaded for every language, or (with the input known) for the scripts of an
    English text only, the detector langid uses gives what a fresh lazy one gives, a text
    in another script included."""
    pytest.importorskip("lingua")
    from newstrace import resources
    from newstrace.langid import _detector, preload

    resources.clear()
    try:
        if input_langs is None:
            preload(PipelineOptions(use_models=True))
        else:
            preload(PipelineOptions(use_models=True), articles=[Article(id=c, text=SAMPLES[c]) for c in input_langs])
        shared = resources.get("lingua", lambda: None)
        assert shared is not None
        lazy = _detector()
        for text in list(SAMPLES.values()) + ["Das ist gut. C'est bien.", "Merhaba dünya, bugün hava güzel.",
                                              "Президент сказал в понедельник"]:
            a = shared.compute_language_confidence_values(text)[0]
            b = lazy.compute_language_confidence_values(text)[0]
            assert (a.language, round(a.value, 9)) == (b.language, round(b.value, 9))
    finally:
        resources.clear()


def test_preload_with_the_input_loads_the_models_of_its_scripts_only(monkeypatch):
    """With the whole input known, `preload` loads lingua's models for the languages of
    the scripts the articles are written in (Latin and Arabic here: not Cyrillic, Hebrew
    or CJK), into the one lazy detector of every language that langid then uses; without
    it, every language's, preloaded."""
    pytest.importorskip("lingua")
    from newstrace import langid as lid
    from newstrace import resources

    built: list[tuple[bool, tuple]] = []

    def fake(preloaded: bool = False, codes=None):
        built.append((preloaded, tuple(codes or lid.LANGUAGES)))
        return object()

    monkeypatch.setattr(lid, "_detector", fake)
    en = Article(id="a", text="", raw_text=SAMPLES["en"])
    ar = Article(id="b", text=SAMPLES["ar"], title="Le barrage")
    resources.clear()
    try:
        lid.preload(PipelineOptions(use_models=True), articles=[en, ar])
        latin = ("de", "en", "es", "fr", "it", "nl", "pl", "pt", "tr")
        assert built == [(False, tuple(lid.LANGUAGES)),
                         (True, tuple(c for c in lid.LANGUAGES if c in latin + ("ar", "fa", "ur")))]
        assert lid.script_langs([Article(id="c", text="Президент сказал")]) == ["ru", "uk"]
        resources.clear()
        built.clear()
        lid.preload(PipelineOptions(use_models=True))
        assert built == [(True, tuple(lid.LANGUAGES))]
    finally:
        resources.clear()


@pytest.mark.parametrize("use_models", [True, False])
def test_a_text_of_one_paragraph_is_detected_once(monkeypatch, use_models):
    """The paragraph of a one-paragraph text is the whole text: its language is that
    call's result, not a second detection of the same text; same languages."""
    from newstrace import langid as lid

    real, calls = lid.detect_text, []

    def counting(text, use_models=True):
        calls.append(text)
        return real(text, use_models)

    monkeypatch.setattr(lid, "detect_text", counting)
    one = langid(Article(id="a", text=SAMPLES["fr"]), PipelineOptions(use_models=use_models))
    assert calls == [SAMPLES["fr"]] and one.lang == "fr" and [p.lang for p in one.paragraphs] == ["fr"]
    calls.clear()
    text = SAMPLES["en"] + "\n\n" + SAMPLES["de"]
    two = langid(Article(id="b", text=text), PipelineOptions(use_models=use_models))
    assert calls == [text, SAMPLES["en"], SAMPLES["de"]]
    assert [p.lang for p in two.paragraphs] == [two.lang, "de"] if two.lang == "en" else True


def test_no_preloading_without_models():
    from newstrace import resources
    from newstrace.langid import preload

    resources.clear()
    preload(PipelineOptions(use_models=False))
    assert resources.get("lingua", lambda: "absent") == "absent"
    resources.clear()


def test_model_free_turkish_without_its_function_words():
    # names, numbers and case suffixes, none of the Turkish stop words: the dotless ı and ğ
    # still say Turkish (the stop words alone said Italian)
    text = ("İspanya'da 24 209 koronavirüsten öldü. İspanya'nın açıklaması Sağlık Bakanlığı'ndan yapılmıştır. "
            "Hubey devletine, Wuhan City'de dünyanın hayatını kaybeden insanların sayısı 9 bin 726'ya ulaştı.")
    assert detect_text(text, use_models=False)[0] == "tr"
