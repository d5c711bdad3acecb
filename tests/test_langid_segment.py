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
