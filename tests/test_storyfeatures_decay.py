"""storyfeatures.pair_decay: the decay of the smallest gap between two articles' possible
days equals the best decay over every pair of their windows (the formula it replaces)."""
from __future__ import annotations

import math
import random
from types import SimpleNamespace

from newstrace import storyfeatures as sf


def _reference(a, b) -> float:
    wa, wb = sf.possible_days(a), sf.possible_days(b)
    if not wa or not wb:
        return 1.0
    return max(sf.span_decay(x0, x1, (y0, y1)) for x0, x1 in wa for y0, y1 in wb)


def _doc(windows, lo=None, hi=None):
    return SimpleNamespace(windows=windows, lo=lo, hi=hi)


def test_pair_decay_equals_the_best_pair_of_windows():
    rnd = random.Random(7)

    def windows():
        out = []
        for _ in range(rnd.randint(0, 5)):
            x = rnd.choice([rnd.uniform(18000, 19000), -math.inf])
            out.append((x, x + rnd.choice([0.0, 1.0, 30.0, rnd.uniform(0, 400), math.inf])))
        return out

    for _ in range(20000):
        a, b = _doc(windows()), _doc(windows())
        assert sf.pair_decay(a, b) == _reference(a, b)


def test_pair_decay_cases():
    far = sf.pair_decay(_doc([(0.0, 1.0)]), _doc([(100.0, 101.0)]))
    near = sf.pair_decay(_doc([(0.0, 1.0)]), _doc([(5.0, 6.0)]))
    assert 0.0 < far < near < 1.0
    assert sf.pair_decay(_doc([(0.0, 1.0), (50.0, 60.0)]), _doc([(55.0, 56.0)])) == 1.0  # one window overlaps
    assert sf.pair_decay(_doc([]), _doc([(0.0, 1.0)])) == 1.0  # no time: no evidence either way
    assert sf.pair_decay(_doc([], lo=0.0, hi=2.0), _doc([(1.0, 1.0)])) == 1.0  # the lo/hi range
    assert sf.pair_decay(_doc([(-math.inf, -math.inf)]), _doc([(0.0, 1.0)])) == 0.0
