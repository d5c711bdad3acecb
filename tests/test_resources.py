"""The process-wide resource cache and the content-hash memo of encoders."""
from __future__ import annotations

import numpy as np

from newstrace import resources


class _Counting:
    method = "fake"
    dim = 3

    def __init__(self):
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return np.array([[len(t), t.count("a"), 1.0] for t in texts], dtype=np.float32)


def test_memo_encoder_encodes_each_text_once_with_the_same_vectors():
    inner = _Counting()
    memo = resources.MemoEncoder(inner, max_items=3)
    assert (memo.method, memo.dim) == ("fake", 3)
    texts = ["alpha", "beta", "alpha", "gamma"]
    assert np.array_equal(memo.encode(texts), _Counting().encode(texts))
    assert inner.calls == [["alpha", "beta", "gamma"]]  # one batch, each distinct text once
    assert np.array_equal(memo.encode(["beta", "delta"]), _Counting().encode(["beta", "delta"]))
    assert inner.calls[-1] == ["delta"]
    # bounded: the least recently used text ("alpha": "beta" was used again) was evicted
    memo.encode(["alpha"])
    assert inner.calls[-1] == ["alpha"]
    assert memo.encode([]).shape == (0, 3)
    assert (memo.hits, memo.misses) == (2, 5)


def test_get_loads_once():
    loads = []
    resources.clear()
    for _ in range(3):
        assert resources.get("test:x", lambda: loads.append(1) or "value") == "value"
    assert loads == [1]
    resources.clear()
