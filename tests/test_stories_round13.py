"""Round 13: an article the window's vectors do not serve (no day, or no vector) is found by
its keys alone, so it indexes more of its content words (``_storyindex.INDEX_TERMS_KEYS_ONLY``)."""
from __future__ import annotations

import json

import numpy as np

from newstrace import _storyindex
from newstrace._storyindex import Index, doc_keys
from newstrace.storyfeatures import DocFeatures


def _terms(own: str, shared: list[str]) -> dict[str, float]:
    # eight words of its own weigh most; the words it shares with the other report come next
    out = {f"{own}{k}": round(0.5 - 0.01 * k, 4) for k in range(8)}
    out.update({w: round(0.2 - 0.01 * k, 4) for k, w in enumerate(shared)})
    return out


def _doc(aid: str, terms: dict[str, float], day: float | None = None, vec=None) -> DocFeatures:
    return DocFeatures(aid, "es", day, aid, vec=vec, terms=terms)


def _write(c, docs: list[DocFeatures]) -> None:
    c.executemany("INSERT INTO story_docs(article_id, story_id, vec, feats, method, day) VALUES (?,?,?,?,?,?)",
                  [(d.id, None, None if d.vec is None else d.vec.tobytes(),
                    json.dumps(d.to_json(), sort_keys=True), "t", d.day) for d in docs])
    c.executemany("INSERT INTO story_keys(key, article_id, day) VALUES (?,?,?)",
                  [(k, d.id, d.day) for d in docs for k in doc_keys(d)])


def test_undated_reports_sharing_only_lesser_content_words_are_compared(tmp_store):
    # two undated reports of one event ("calidad del aire" in two valleys), no actor in
    # common, whose shared words are not among their eight weightiest
    shared = ["calidad", "aire", "contingencia", "ambiental"]
    a, b = _doc("a", _terms("toluca", shared)), _doc("b", _terms("valle", shared))
    with tmp_store.transaction():
        _write(tmp_store.conn, [a, b])
    index = Index(tmp_store.conn)
    assert "b" in index.candidates(a) and "a" in index.candidates(b)


def test_dated_articles_with_a_vector_keep_eight_term_keys():
    terms = _terms("x", [f"w{k}" for k in range(12)])
    vec = np.ones(4, dtype=np.float32) / 2
    dated = _doc("d", terms, day=738000.0, vec=vec)
    undated = _doc("u", terms, vec=vec)
    no_vec = _doc("n", terms, day=738000.0)
    count = lambda d: sum(1 for k in doc_keys(d) if k.startswith("t:"))  # noqa: E731
    assert count(dated) == _storyindex.INDEX_TERMS == 8
    assert count(undated) == count(no_vec) == _storyindex.INDEX_TERMS_KEYS_ONLY > 8


# --- two languages, no dated side: the link model's own bar (storyfeatures.XL_UNDATED_LINK)
from newstrace import stories  # noqa: E402
from newstrace import storyfeatures as sf  # noqa: E402


def _wide(aid: str, lang: str, cos: float, day: float | None = None, axis: int = 1) -> DocFeatures:
    # a wide inferred range (years) unless dated; the vector's cosine with [1, 0, 0] is ``cos``
    v = np.array([cos, 0.0, 0.0], dtype=np.float32)
    v[axis] = float(np.sqrt(1 - cos * cos))
    lo, hi = (day, day) if day is not None else (737000.0, 739000.0)
    return DocFeatures(aid, lang, day, aid, vec=v, lo=lo, hi=hi, outlet="O" + aid)


def _ref(aid: str, lang: str, day: float | None = None) -> DocFeatures:
    d = _wide(aid, lang, 1.0, day)
    d.vec = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    return d


def test_two_languages_without_a_dated_side_link_at_the_link_bar():
    de, en = _ref("de1", "de"), _wide("en1", "en", 0.72)
    assert de.timeless and en.timeless
    p, ok = sf.pair_probability(sf.pair_features(de, en), "usem3")
    assert ok and sf.LINK_P <= p < sf.STRONG_P["dense"]  # no detail, under the strong bar
    got, why = sf.explain_pair(de, en, "usem3")
    assert why == "xl_undated" and got is not None and got[0] == "undated"
    assert why in sf.REASONS
    # a dated side: corroboration still decides
    assert sf.explain_pair(_ref("de2", "de", day=738000.0), en, "usem3")[1] != "xl_undated"
    # one language: the undated rules as before
    assert sf.explain_pair(_ref("en2", "en"), en, "usem3")[1] != "xl_undated"


def test_two_languages_without_a_dated_side_cluster_one_match_per_language():
    docs = {"de1": _ref("de1", "de"), "en1": _wide("en1", "en", 0.74), "en2": _wide("en2", "en", 0.72, axis=2)}
    assert sf.decide(docs["en1"], docs["en2"], "usem3") is None  # two English reports unlike each other
    links = []
    for a, b in (("de1", "en1"), ("de1", "en2")):
        got = sf.decide(docs[a], docs[b], "usem3")
        assert got is not None
        links.append((a, b, got[0], got[1], "usem3", "{}"))
    out, _via, _ev = stories._cluster(None, docs, links)
    assert sorted(sorted(m) for m in out.values()) == [["de1", "en1"], ["en2"]]
