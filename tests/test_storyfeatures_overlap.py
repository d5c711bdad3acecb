"""Entity overlap of the story features: shrunk by ENT_PRIOR (one rare name's weight)."""
from newstrace import storyfeatures as sf


def test_single_name_does_not_share_everything():
    one = {"facebook": 5.0}
    many = {"facebook": 5.0, "merkel": 5.0, "berlin": 4.0}
    got = sf._weighted_overlap(one, many)
    assert got == 5.0 / (5.0 + sf.ENT_PRIOR) < 1.0


def test_large_shared_sets_hardly_move():
    x = {f"n{i}": 5.0 for i in range(10)}
    assert sf._weighted_overlap(x, dict(x)) > 0.9
    assert sf._weighted_overlap(x, {}) == 0.0


def test_symmetric():
    a = {"a": 3.0, "b": 5.0}
    b = {"b": 4.0, "c": 2.0, "d": 5.0}
    assert sf._weighted_overlap(a, b) == sf._weighted_overlap(b, a)


def test_prior_on_both_paths():
    # an article whose only name is one the other names shares half of "everything", with
    # or without the encoder
    import numpy as np
    a = sf.DocFeatures("a", "en", None, "", None, ents={"facebook": 5.0})
    b = sf.DocFeatures("b", "de", None, "", None, ents={"facebook": 5.0, "merkel": 5.0})
    assert sf.pair_features(a, b)["ent"] == 0.5  # model-free
    a.vec = b.vec = np.ones(2) / np.sqrt(2)
    assert sf.pair_features(a, b)["ent"] == 0.5


def test_model_free_link_across_languages_needs_a_shared_actor():
    # a date with its year is what every report of the day shares: without the encoder and
    # without a name in common, two languages do not link on it (XL_NEEDS_ACTOR)
    a = sf.DocFeatures("a", "en", None, "", None, nums={"2020", "10"}, dates={"2020-01-01"})
    b = sf.DocFeatures("b", "pl", None, "", None, nums={"2020", "10"}, dates={"2020-01-01"})
    feats = sf.pair_features(a, b)
    assert sf.pair_probability(feats, "none")[1]  # the link model alone would link them
    assert sf.explain_pair(a, b, "none") == (None, "no_shared_actor") and sf.decide(a, b, "none") is None
    a.ents, b.ents = {"a:warsaw": 5.0, "a:tusk": 5.0}, {"a:warsaw": 5.0, "a:tusk": 5.0}
    got, why = sf.explain_pair(a, b, "none")
    assert got is not None and got[0] == "link" and why == "dated"
