"""bench/semeval_bench.py: the choice of the undated bar (storyfeatures.STRONG_P) by the
one-standard-error rule, cross-validated (the bench itself is run by hand, not by the suite)."""
from __future__ import annotations

import math

import pytest
from conftest import load_bench


@pytest.fixture(scope="module")
def bench():
    return load_bench("semeval_bench")


def test_bar_separates_the_classes(bench):
    rows = [(True, 0.9, False)] * 30 + [(False, 0.55, False)] * 30 + [(False, 0.0, False)] * 40
    got = bench.select_strong(rows, reps=3)
    assert 0.55 < got["strong_p"] <= 0.9
    assert got["accuracy"] == 1.0 and got["without"] == 0.7 and got["cv_accuracy"] == 1.0


def test_strictest_bar_within_one_standard_error(bench):
    # the best bar (0.6) joins two same pairs more than 0.9 does, within one standard error:
    # the pairs cannot tell the two apart, the stricter is taken; a bar losing every same
    # pair is not
    rows = ([(True, 0.9, False)] * 40 + [(True, 0.6, False)] * 2 + [(True, 0.0, False)] * 6
            + [(False, 0.55, False)] + [(False, 0.0, False)] * 99)
    got = bench.select_strong(rows, reps=3)
    assert got["strong_p"] == 0.9
    assert got["accuracy"] < max((42 + 99) / 148, (42 + 100) / 148)


def test_no_bar_when_strong_links_only_hurt(bench):
    rows = [(False, 0.95, False)] * 20 + [(True, 0.0, True)] * 10 + [(False, 0.0, False)] * 30
    got = bench.select_strong(rows, reps=3)
    assert math.isinf(got["strong_p"]) and got["accuracy"] == 1.0
