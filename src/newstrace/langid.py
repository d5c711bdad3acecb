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

__all__ = ["LANGUAGES", "detect", "detect_text", "langid", "preload", "script_langs"]

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


# The languages of `LANGUAGES` by the script they are written in: lingua only weighs (and
# loads the models of) the languages whose script a text uses.
_SCRIPT_LANGS = [
    (re.compile(r"[A-Za-z\u00C0-\u024F]"), ("de", "en", "es", "fr", "it", "nl", "pl", "pt", "tr")),
    (re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]"), ("ar", "fa", "ur")),
    (re.compile(r"[\u0590-\u05FF]"), ("he",)),
    (re.compile(r"[\u0400-\u04FF]"), ("ru", "uk")),
    (re.compile(r"[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF]"), ("ja", "zh")),
    (re.compile(r"[\u1100-\u11FF\uAC00-\uD7AF]"), ("ko",)),
]


def _detector(preloaded: bool = False, codes: list[str] | None = None):
    from lingua import IsoCode639_1, LanguageDetectorBuilder, Language

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes or LANGUAGES]
    builder = LanguageDetectorBuilder.from_languages(*langs)
    if preloaded:  # every language's models now, instead of on the first text of each script
        builder = builder.with_preloaded_language_models()
    return builder.build()


def script_langs(articles: list[Article]) -> list[str]:
    """The languages of `LANGUAGES` written in a script that ``articles`` use (their text,
    or the text as read before cleaning, and the title), in `LANGUAGES` order; a language
    of `LANGUAGES` in none of the listed scripts is always included."""
    texts = [t for a in articles for t in (a.text or a.raw_text or "", a.title or "") if t]
    found: set[str] = set()
    for rx, codes in _SCRIPT_LANGS:
        if any(rx.search(t) for t in texts):
            found.update(codes)
    listed = {c for _rx, codes in _SCRIPT_LANGS for c in codes}
    return [c for c in LANGUAGES if c in found or c not in listed]


def preload(options: "PipelineOptions", articles: list[Article] | None = None) -> None:
    """Load the detector's language models now (the pipeline calls this once in the parent
    process before forking its workers, which then share the models instead of loading
    them each): every language's, or with ``articles`` (the whole input, when the pipeline
    knows it) those of the scripts the articles are written in (`script_langs`: 1-2 CPU-s
    less for a run without Arabic, Cyrillic or CJK text). lingua keeps loaded models in one
    cache per process, shared by all its detectors, so the lazy detector of all `LANGUAGES`
    that langid uses finds them there; a text in another script loads its models on first
    use. Same detector, same results as the lazy one."""
    if not options.use_models:
        return
    try:
        if articles is None:
            resources.get("lingua", lambda: _detector(preloaded=True))
            return
        resources.get("lingua", _detector)
        codes = script_langs(articles)
        if codes:
            resources.get("lingua.models:" + ",".join(codes), lambda: _detector(preloaded=True, codes=codes))
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
    whole = detect_text(article.text, options.use_models)
    lang, _conf, method = whole
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
            # a text of one paragraph: the same call as for the whole text, not made twice
            p, conf, _m = whole if block == text else detect_text(block, options.use_models)
            if p and p != lang and conf >= PARAGRAPH_MIN_CONFIDENCE:
                plang = p
        paragraphs.append(Paragraph(start, end, plang))
    article.paragraphs = paragraphs
    return article


detect = langid
