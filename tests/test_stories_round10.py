"""Round 10 of the story stage: a headline vector per article (a wall is compared headline
to headline) and the undated rules' evidence bar across languages on the encoder path."""
import math

import numpy as np
import pytest

from newstrace import encoders, stories
from newstrace import storyfeatures as sf
from newstrace.records import Article

PAYWALL = ("You have reached the limit for free access to our important and valuable work.\n\n"
           "Subscribers, click below to login or register your subscription to continue receiving "
           "unlimited access to the Gazette. Log In Sign Up")
HEAD_WALL = "2 injured as sled slams into pine near Bartlett"
HEAD_FULL = "Two hurt when snowmobile crashed into tree"
BODY = ("Two people were hurt on Saturday when the snowmobile they were riding crashed into a tree, "
        "state conservation officers said. The driver lost control on a curve of the trail, and both "
        "riders were taken to the hospital in North Conway.")


def _unit(*xs: float) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[: len(xs)] = xs
    return v / np.linalg.norm(v)


class _FakeEncoder:
    """Two headlines of one event are near (cosine 0.95); a headline against the other
    outlet's whole text is far (cosine 0.4: the index still offers the pair, the join model
    does not link it), as USE gives on the SemEval wall pairs."""
    method = "fake"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        out = []
        for t in texts:
            t = t.strip()
            if t == HEAD_WALL:
                out.append(_unit(1.0, 0.0, 0.0))
            elif t == HEAD_FULL:
                out.append(_unit(0.95, math.sqrt(1 - 0.95 ** 2), 0.0))
            elif t.startswith(HEAD_FULL):
                out.append(_unit(0.4, 0.0, math.sqrt(1 - 0.16)))
            else:
                out.append(_unit(0.0, 0.0, 0.0, 1.0))
        return np.stack(out)


class Opts:
    use_models = True
    encoder = "fake"


@pytest.fixture()
def fake(monkeypatch):
    enc = _FakeEncoder()
    monkeypatch.setattr(encoders, "get_encoder", lambda options=None: enc)
    return enc


def _store_pair(store):
    store.upsert_article(Article(id="full", text=HEAD_FULL + "\n" + BODY, lang="en", outlet="herald",
                                 published="2024-01-03", content_hash="f"))
    store.upsert_article(Article(id="wall", text=HEAD_WALL + "\n" + PAYWALL, lang="en", outlet="gazette",
                                 published="2024-01-03", content_hash="w"))


def test_a_wall_joins_on_headline_against_headline(tmp_store, fake):
    _store_pair(tmp_store)
    stories.update(tmp_store, ["full", "wall"], Opts())
    got = {r[0]: r[1] for r in tmp_store.conn.execute("SELECT article_id, story_id FROM story_articles")}
    assert got["full"] == got["wall"]
    # both vectors in one encoder call; the wall's text is its headline: encoded once
    assert len(fake.calls) == 1
    assert sorted(t.strip() for t in fake.calls[0]) == sorted([HEAD_FULL + "\n" + BODY, HEAD_WALL, HEAD_FULL])
    rows = dict(tmp_store.conn.execute("SELECT article_id, hvec FROM story_docs").fetchall())
    assert rows["full"] is not None and rows["wall"] is not None


def test_the_headline_vector_is_read_back_from_the_store(tmp_store, fake):
    _store_pair(tmp_store)
    stories.update(tmp_store, ["full", "wall"], Opts())
    from newstrace._storyindex import Index

    docs = Index(tmp_store.conn).get_many(["full", "wall"])
    assert float(docs["full"].hvec @ docs["wall"].hvec) == pytest.approx(0.95, abs=1e-4)
    assert float(docs["full"].vec @ docs["wall"].vec) == pytest.approx(0.4, abs=1e-4)
    # a second run with nothing changed writes nothing (the headline vector is compared too)
    assert stories._plan(tmp_store, ["full", "wall"], stories._features(tmp_store, ["full", "wall"], Opts())[0],
                         "fake") is None


def _doc(aid, lang, vec, hvec=None, wall=None, nums=(), ents=None, timeless=True):
    return sf.DocFeatures(aid, lang, None, "", vec, {}, ents or {}, set(nums), set(),
                          lo=700000.0 if timeless else None, hi=705000.0 if timeless else None, wall=wall,
                          hvec=hvec)


def test_headlines_count_only_where_a_side_is_a_wall():
    text_a, text_b = _unit(1.0, 0.0), _unit(0.3, math.sqrt(1 - 0.09))
    head_a, head_b = _unit(0.0, 0.0, 1.0), _unit(0.0, 0.0, 1.0)
    a = _doc("a", "en", text_a, head_a, wall="paywall", timeless=False)
    b = _doc("b", "en", text_b, head_b, timeless=False)
    assert sf.pair_features(a, b)["dense"] == pytest.approx(1.0)
    a.wall = None  # two whole texts: their own cosine
    assert sf.pair_features(a, b)["dense"] == pytest.approx(0.3)


def test_cross_language_undated_pair_needs_no_separate_evidence_bar_with_the_encoder():
    # a German and an English report, both with only a years-wide range: cosine 0.69, a
    # shared non-year number, no actor resolved across the two
    a = _doc("a", "de", _unit(0.69, math.sqrt(1 - 0.69 ** 2)), nums={"219"})
    b = _doc("b", "en", _unit(1.0), nums={"219", "35"})
    assert sf.evidence_probability(sf.pair_features(a, b)) < sf.LINK_P
    res, why = sf.explain_pair(a, b, "usem3")
    assert why == "event_detail" and res[0] == "undated"
    # without a shared event detail, no dated side: the link model's own bar (round 13,
    # storyfeatures.XL_UNDATED_LINK; it needed the strong bar before)
    b.nums = {"35"}
    assert sf.explain_pair(a, b, "usem3")[1] == "xl_undated"
    # within one language the bar stays: content words may stand for the narrative, not the event
    a = _doc("a", "de", _unit(0.7, math.sqrt(1 - 0.49)), nums={"219"})
    b = _doc("b", "de", _unit(1.0), nums={"219", "35"})
    a.terms, b.terms = {"wahl": 1.0}, {"wahl": 0.1, "partei": 0.995}
    p, ok = sf.pair_probability(sf.pair_features(a, b), "usem3")
    assert ok and p < sf.STRONG_P["dense"]
    assert sf.explain_pair(a, b, "usem3")[1] == "weak_evidence"
