"""Language of each article, and of each paragraph where it differs.

Model path: lingua (models inside the wheel; only the languages in `LANGUAGES` are
loaded, which keeps start-up under a second). Model-free path: Unicode script plus
stop-word counts, for a lean install or when ``options.use_models`` is false.
``Article.lang_method`` records which path produced the result.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from . import resources
from .records import Article, Paragraph

if TYPE_CHECKING:
    from .pipeline import PipelineOptions

__all__ = ["LANGUAGES", "detect", "detect_text", "langid", "preload"]

LANGUAGES = ["ar", "de", "en", "es", "fa", "fr", "he", "it", "ja", "ko", "nl", "pl", "pt",
             "ru", "tr", "uk", "ur", "zh"]
PARAGRAPH_MIN_CHARS = 60  # shorter paragraphs inherit the article language
PARAGRAPH_MIN_CONFIDENCE = 0.80

_STOPWORDS = {
    "en": "the of and to in is that for on with as was by said it from at his are be has have this which were an not but",
    "fr": "le la les de des du et en un une est que qui dans pour sur par pas au aux il elle a été sont avec ce cette selon",
    "es": "el la los las de del y en un una es que por con para se su al como más pero fue sus lo según ha",
    "de": "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an wurde nach sagte",
    "it": "il lo la gli le di e in un una che per con non del della sono è ha al dei nel",
    "pt": "o a os as de do da e em um uma que para com não por se mais foi ao dos das",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er ook als",
    "pl": "i w z na do się nie że to jest o jak po przez od za dla",
    "tr": "ve bir bu da de için ile olarak olan gibi daha çok ama en",
}
# letters that only one of the languages above writes (dotless ı, ğ: Turkish; ł: Polish):
# each word with one counts as a stop word of that language, since Turkish function words
# are few and short and a text of names and numbers may have none
_OWN_LETTERS = {"tr": "ığ", "pl": "ł"}
_STOP = {lang: set(ws.split()) for lang, ws in _STOPWORDS.items()}


def _detector(preloaded: bool = False):
    from lingua import IsoCode639_1, LanguageDetectorBuilder, Language

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGUAGES]
    builder = LanguageDetectorBuilder.from_languages(*langs)
    if preloaded:  # every language's models now, instead of on the first text of each script
        builder = builder.with_preloaded_language_models()
    return builder.build()


def preload(options: "PipelineOptions") -> None:
    """Load the detector with all its language models now (the pipeline calls this once in
    the parent process before forking its workers, which then share the models instead of
    loading them each). Same detector, same results as the lazy one."""
    if options.use_models:
        try:
            resources.get("lingua", lambda: _detector(preloaded=True))
        except ImportError:
            pass


def _script_lang(text: str) -> str | None:
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            counts[name.split(" ", 1)[0]] += 1
    total = sum(counts.values())
    if not total:
        return None
    script, n = counts.most_common(1)[0]
    if n / total < 0.5:
        return None
    if script == "ARABIC":
        # Persian and Urdu letters absent from Arabic
        if re.search("[پچژگ]", text):
            return "ur" if re.search("[ٹڈڑںےھ]", text) else "fa"
        return "ar"
    return {"CYRILLIC": "ru", "HEBREW": "he", "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja",
            "HANGUL": "ko"}.get(script)


def detect_text(text: str, use_models: bool = True) -> tuple[str | None, float, str]:
    """(language code, confidence, method) for a piece of text."""
    if not text.strip():
        return None, 0.0, "none"
    if use_models:
        try:
            det = resources.get("lingua", _detector)
        except ImportError:
            det = None
        if det is not None:
            values = det.compute_language_confidence_values(text[:4000])
            if values:
                best = values[0]
                return best.language.iso_code_639_1.name.lower(), float(best.value), "lingua"
    script = _script_lang(text)
    if script:
        return script, 0.9, "rules:script"
    words = re.findall(r"[a-zà-ÿßœæçğışł]+", text.lower())
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOP.items()}
    for lang, letters in _OWN_LETTERS.items():
        scores[lang] += sum(1 for w in words if any(ch in w for ch in letters))
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    if best == 0:
        return None, 0.0, "rules:stopwords"
    ranked = sorted(scores.values(), reverse=True)
    conf = (ranked[0] - ranked[1]) / max(1, ranked[0]) if len(ranked) > 1 else 1.0
    return lang, conf, "rules:stopwords"


def langid(article: Article, options: "PipelineOptions") -> Article:
    """Set ``lang`` (the dominant language), ``lang_method`` and per-paragraph languages."""
    declared = article.meta.get("declared_lang")
    lang, _conf, method = detect_text(article.text, options.use_models)
    if lang is None and declared:
        lang, method = declared, "metadata"
    article.lang, article.lang_method = lang, method
    paragraphs = []
    pos = 0
    text = article.text
    for block in text.split("\n\n"):
        start = text.index(block, pos) if block else pos
        end = start + len(block)
        pos = end
        plang = lang
        if len(block) >= PARAGRAPH_MIN_CHARS and lang is not None:
            p, conf, _m = detect_text(block, options.use_models)
            if p and p != lang and conf >= PARAGRAPH_MIN_CONFIDENCE:
                plang = p
        paragraphs.append(Paragraph(start, end, plang))
    article.paragraphs = paragraphs
    return article


detect = langid
