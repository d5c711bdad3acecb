"""Round 12: cross-language merges hold on average over the members (``stories.XL_MEAN_LINK``).

Constructed vectors (encoder path): two English reports joined strongly, and a German report
whose cross-lingual cosine is high with one of them only."""
import numpy as np

from newstrace import stories
from newstrace.storyfeatures import DocFeatures, LINK_P, link_probability, pair_features


def _doc(aid, lang, vec):
    v = np.asarray(vec, dtype=np.float32)
    return DocFeatures(aid, lang, None, "", vec=v / np.linalg.norm(v))


# en1 . de1 = 0.8 (link P ~0.75), en2 . de1 = 0.3 (link P ~0.05)
EN1 = [1.0, 0.0, 0.0]
DE1 = [0.8, 0.6, 0.0]
EN2 = [0.6, -0.3, float(np.sqrt(1 - 0.36 - 0.09))]


def _p(x, y):
    return link_probability(pair_features(x, y), "usem3")


def _groups(docs, links):
    out, _via, _ev = stories._cluster(None, docs, links)
    return sorted(sorted(m) for m in out.values())


def test_one_cross_language_match_does_not_bring_in_the_whole_group():
    docs = {d.id: d for d in (_doc("en1", "en", EN1), _doc("de1", "de", DE1), _doc("en2", "en", EN2))}
    p = round(_p(docs["en1"], docs["de1"]), 5)
    assert p > LINK_P > (p + _p(docs["en2"], docs["de1"])) / 2
    links = [("en1", "en2", "join", 0.9, "usem3", "{}"), ("de1", "en1", "link", p, "usem3", "{}")]
    # single-link, the German report joined both English ones; on average it matches them at
    # ~0.4, under the link bar, so it stays on its own
    assert _groups(docs, links) == [["de1"], ["en1", "en2"]]
    # two articles alone are unaffected (the mean is the link), and a group that holds on
    # average still merges: a second English report close to both
    assert _groups({k: docs[k] for k in ("en1", "de1")}, links[1:]) == [["de1", "en1"]]
    docs["en3"] = _doc("en3", "en", [0.95, 0.3, 0.05])
    assert _p(docs["en3"], docs["de1"]) > LINK_P
    links = [("en1", "en3", "join", 0.9, "usem3", "{}"), ("de1", "en1", "link", p, "usem3", "{}")]
    assert _groups({k: docs[k] for k in ("en1", "de1", "en3")}, links) == [["de1", "en1", "en3"]]


def test_whichever_link_comes_first():
    # the cross-language link is the strongest: it merges the pair first; the English
    # report that follows on a same-language link would put two languages together below the
    # bar on average, so it stays apart from the pair
    docs = {d.id: d for d in (_doc("en1", "en", EN1), _doc("de1", "de", DE1), _doc("en2", "en", EN2))}
    links = [("en1", "en2", "join", 0.6, "usem3", "{}"), ("de1", "en1", "link", 0.95, "usem3", "{}")]
    assert _groups(docs, links) == [["de1", "en1"], ["en2"]]
