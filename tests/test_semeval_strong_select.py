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


def test_explain_says_why_each_wrong_pair_went_wrong(bench):
    import numpy as np

    from newstrace.storyfeatures import DocFeatures

    def doc(aid, vec, day=None, wide=False):
        v = np.zeros(4, dtype=np.float32)
        v[vec] = 1.0
        lo, hi = (0.0, 2000.0) if wide else (day, day) if day is not None else (None, None)
        return DocFeatures(aid, "en", day, "", vec=v, terms={f"flood{vec}": 1.0}, lo=lo, hi=hi,
                           ents={"a:dorvik": 5.0, "a:velt": 5.0}, places={"a:dorvik"})

    docs = {"a": doc("a", 0), "b": doc("b", 1), "c": doc("c", 0), "d": doc("d", 0), "e": doc("e", 2),
            "w": doc("w", 0, wide=True), "x": doc("x", 0, day=1000.0)}
    pairs = [{"a": "a", "b": "b", "overall": 1.0, "pair": "en"},   # same, apart: content below the bar
             {"a": "a", "b": "c", "overall": 1.0, "pair": "en"},   # same, together: right, not listed
             {"a": "c", "b": "d", "overall": 1.0, "pair": "en"},   # same, linked, apart: the clustering
             {"a": "b", "b": "e", "overall": 4.0, "pair": "en"},   # different, together without a link
             {"a": "a", "b": "e", "overall": 2.0, "pair": "en"},   # in between: not scored
             {"a": "w", "b": "x", "overall": 1.0, "pair": "en"}]   # same, a witness not corroborated
    story_of = {"a": "s1", "c": "s1", "d": "s2", "b": "s3", "e": "s3", "w": "s4", "x": "s5"}
    got = bench.explain(pairs, docs, story_of, "usem3")
    reasons = {(r["a"], r["b"]): (r["reason"], r["times"]) for r in got["pairs"]}
    assert reasons == {("a", "b"): ("below_bar", "none/none"),
                       ("c", "d"): ("cluster:mutual_best_merge_support_or_mean", "none/none"),
                       ("b", "e"): ("cluster:chained", "none/none"),
                       ("w", "x"): ("cluster:witness_uncorroborated", "dated/wide")}
    assert sum(c["n"] for c in got["counts"]) == 4
    # the same, knowing which pairs the index offered: c and d were never compared
    got = bench.explain(pairs, docs, story_of, "usem3", {"a": {"b", "c"}, "c": set(), "d": set(), "w": {"x"}})
    assert {(r["a"], r["b"]): r["reason"] for r in got["pairs"]}[("c", "d")] == "index:not_compared"
