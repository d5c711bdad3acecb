"""An explicit, process-wide cache of heavy, read-only resources (models, detectors, indexes).

Nothing is loaded at import time: `get(name, loader)` calls `loader()` the first time a
name is asked for. Resources are immutable once built, so results never depend on call
order; the cache only saves load time. `MemoEncoder` wraps a sentence encoder so that a
text is encoded once per process (the stories, narratives and organisation-name stages
encode overlapping texts).
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any, Callable, Sequence, TypeVar

T = TypeVar("T")
_CACHE: dict[str, Any] = {}
_LOCK = threading.Lock()


def get(name: str, loader: Callable[[], T]) -> T:
    try:
        return _CACHE[name]
    except KeyError:
        pass
    with _LOCK:
        if name not in _CACHE:
            _CACHE[name] = loader()
        return _CACHE[name]


def clear() -> None:
    with _LOCK:
        _CACHE.clear()


class MemoEncoder:
    """An encoder that never encodes the same text twice in a process: vectors are kept by
    content hash (blake2b of the text, LRU, ``max_items``), the texts a call has not seen
    are encoded in one batch (each distinct text once). Same vectors as the wrapped
    encoder, which keeps its ``method`` and ``dim``."""

    def __init__(self, encoder: Any, max_items: int = 20000):
        self.inner = encoder
        self.method = encoder.method
        self.dim = encoder.dim
        self.max_items = max_items
        self.hits = 0
        self.misses = 0
        self._memo: OrderedDict[bytes, Any] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> Any:
        import numpy as np

        keys = [hashlib.blake2b((t or "").encode("utf-8", "surrogatepass"), digest_size=16).digest() for t in texts]
        found: dict[bytes, Any] = {}
        missing: dict[bytes, str] = {}
        with self._lock:
            for k, t in zip(keys, texts):
                if k in found or k in missing:
                    continue
                v = self._memo.get(k)
                if v is None:
                    missing[k] = t
                else:
                    self._memo.move_to_end(k)
                    found[k] = v
            self.misses += len(missing)
            self.hits += len(keys) - len(missing)
        if missing:
            vecs = self.inner.encode(list(missing.values()))
            with self._lock:
                for k, v in zip(missing, vecs):
                    found[k] = self._memo[k] = v
                while len(self._memo) > self.max_items:
                    self._memo.popitem(last=False)
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)
