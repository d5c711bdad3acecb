"""Round 12: a merge of two groups holds on average over their members (``stories.MEAN_LINK``).

Constructed vectors (encoder path, nothing else shared): reports whose cosine is high with
one member of a group only."""
import numpy as np

from newstrace import stories
from newstrace.storyfeatures import DocFeatures, LINK_P, pair_features, pair_probability


def _doc(aid, lang, vec):
    v = np.asarray(vec, dtype=np.float32)
    return DocFeatures(aid, lang, None, "", vec=v / np.linalg.norm(v))


def _unit(first, second, third=None):
    third = float(np.sqrt(max(0.0, 1 - first * first - second * second))) if third is None else third
    return [first, second, third]


def _p(x, y):
    return pair_probability(pair_features(x, y), "usem3")[0]


def _groups(docs, links):
    out, _via, _ev = stories._cluster(None, docs, links)
    return sorted(sorted(m) for m in out.values())


def _link(docs, a, b):
    kind = "join" if docs[a].lang == docs[b].lang else "link"
    return (a, b, kind, round(_p(docs[a], docs[b]), 5), "usem3", "{}")


def test_one_cross_language_match_does_not_bring_in_the_whole_group():
    # en1 . en2 = 0.9 (join P ~0.71); de1 . en1 = 0.8 (link P ~0.75), de1 . en2 ~0.47
    docs = {"en1": _doc("en1", "en", [1.0, 0.0, 0.0]), "de1": _doc("de1", "de", [0.8, 0.6, 0.0]),
            "en2": _doc("en2", "en", _unit(0.9, -0.4167))}
    assert _p(docs["de1"], docs["en1"]) > LINK_P > _p(docs["de1"], docs["en2"])
    links = [_link(docs, "en1", "en2"), _link(docs, "de1", "en1")]
    # single-link, all three were one story; the strongest link (de1-en1) merges first, and
    # en2 then stays apart: against the pair it is under the bars on average
    assert _groups(docs, links) == [["de1", "en1"], ["en2"]]
    # two articles alone are unaffected (the mean is the link itself) ...
    assert _groups({k: docs[k] for k in ("en1", "de1")}, links[1:]) == [["de1", "en1"]]
    # ... and a group that holds on average still merges: an English report close to both
    docs["en3"] = _doc("en3", "en", [0.95, 0.3, 0.05])
    links = [_link(docs, "en1", "en3"), _link(docs, "de1", "en1")]
    assert _groups({k: docs[k] for k in ("en1", "de1", "en3")}, links) == [["de1", "en1", "en3"]]


def test_a_chain_in_one_language_holds_on_average():
    # a . b = b . c = 0.9 (join P ~0.71 each), a . c = 0.62 (~0.23): b bridges two reports that
    # do not match each other; single-link all three were one story
    docs = {"a": _doc("a", "en", [1.0, 0.0, 0.0]), "b": _doc("b", "en", _unit(0.9, 0.4359)),
            "c": _doc("c", "en", _unit(0.62, 0.784))}
    assert min(_p(docs["a"], docs["b"]), _p(docs["b"], docs["c"])) > 0.5 > _p(docs["a"], docs["c"]) + 0.2
    links = [_link(docs, "a", "b"), _link(docs, "b", "c")]
    got = _groups(docs, links)
    assert len(got) == 2 and ["b"] not in got
