"""An explicit, process-wide cache of heavy, read-only resources (models, detectors, indexes).

Nothing is loaded at import time: `get(name, loader)` calls `loader()` the first time a
name is asked for. Resources are immutable once built, so results never depend on call
order; the cache only saves load time.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

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
