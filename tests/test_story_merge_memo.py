"""Average-link merges (stories.MEAN_LINK) score each pair of members once per clustering pass."""
from types import SimpleNamespace

from newstrace import stories


def test_holds_on_average_scores_each_pair_once(monkeypatch):
    calls = []
    monkeypatch.setattr(stories, "pair_features", lambda a, b: calls.append(tuple(sorted((a.id, b.id)))) or {})
    monkeypatch.setattr(stories, "pair_probability", lambda feats, path: (0.95, None))
    docs = {x: SimpleNamespace(id=x, vec=None, lang="en") for x in "abcd"}
    memo: dict = {}
    assert stories._holds_on_average(docs, ["a", "b"], ["c"], "none", memo)
    # a group tried again, grown and from the other side: only the new pair is scored
    assert stories._holds_on_average(docs, ["c"], ["b", "a", "d"], "none", memo)
    assert sorted(calls) == [("a", "c"), ("b", "c"), ("c", "d")]


def test_holds_on_average_same_answer_with_memo(monkeypatch):
    """The memo changes no decision: margins below the bar on average still refuse."""
    p = {("a", "c"): 0.9, ("b", "c"): 0.1, ("c", "d"): 0.2}
    monkeypatch.setattr(stories, "pair_features", lambda a, b: {"k": tuple(sorted((a.id, b.id)))})
    monkeypatch.setattr(stories, "pair_probability", lambda feats, path: (p[feats["k"]], None))
    docs = {x: SimpleNamespace(id=x, vec=None, lang="en") for x in "abcd"}
    memo: dict = {}
    for xs, ys in ((["a"], ["c"]), (["a", "b"], ["c"]), (["c"], ["a", "b", "d"])):
        assert stories._holds_on_average(docs, xs, ys, "none", memo) == \
            stories._holds_on_average(docs, xs, ys, "none")
