import json

import pytest

from newstrace import narratives, stories
from newstrace.records import Article, Mention, Span


class Opts:
    use_models = False
    encoder = "none"


def _art(aid, day, text, names):
    ms = []
    for n in names:
        i = text.index(n)
        ms.append(Mention(i, i + len(n), n, "ORG" if n.isupper() else "PER"))
    return Article(id=aid, text=text, title=None, lang="en", published=day, mentions=ms,
                   sentences=[Span(0, len(text), text)], content_hash=aid)


ARTS = [
    _art("a1", "2021-03-01", "Governor Tarvel accused the NORDCO company of poisoning the Lisk river "
         "with mining waste, the governor said at a rally in Hallen.", ["Tarvel", "NORDCO"]),
    _art("a2", "2022-09-14", "At a hearing on budget cuts, Governor Tarvel again accused NORDCO of "
         "poisoning the Lisk river with mining waste.", ["Tarvel", "NORDCO"]),
    _art("a3", "2022-01-10", "The football club Rovers won the cup final in Dunmore after extra time, "
         "coach Abel said.", ["Rovers", "Abel"]),
]


def test_claim_sentences_need_cues():
    a = _art("x", "2021-01-01", "The sky is blue. Tarvel accused NORDCO of lying.", ["Tarvel", "NORDCO"])
    a.sentences = [Span(0, 16, a.text[:16]), Span(17, len(a.text), a.text[17:])]
    assert narratives.claim_sentences(a) == [(17, len(a.text))]


@pytest.fixture()
def store(tmp_path):
    from newstrace.store import Store

    st = Store(tmp_path / "n.db")
    for a in ARTS:
        st.upsert_article(a)
    yield st
    st.close()


def test_recurring_claim_links_stories_across_time(store):
    ids = [a.id for a in ARTS]
    stories.update(store, ids, Opts())
    sid = {r[0]: r[1] for r in store.conn.execute("SELECT article_id, story_id FROM story_articles")}
    assert sid["a1"] != sid["a2"]  # 18 months apart: two stories
    counts = narratives.update(store, ids, Opts())
    assert counts["narratives"] == 1
    rows = list(narratives.export_rows(store))
    assert len(rows) == 1
    n = rows[0]
    assert sorted(n["stories"]) == sorted({sid["a1"], sid["a2"]})
    assert n["articles"] == ["a1", "a2"]
    assert "Tarvel" in n["label"] or "NORDCO" in n["label"]
    full = narratives.get_narrative(store, n["id"])
    ev = full["claims"][0]
    art = {a.id: a for a in ARTS}[ev["a"]["article"]]
    assert art.text[ev["a"]["start"]:ev["a"]["end"]] == ev["a"]["text"]


def _brute_match(ca, cb):
    best, ev = 0.0, None
    for x in ca:
        for y in cb:
            if not (x["actors"] & y["actors"]) or not x["words"] or not y["words"]:
                continue
            ov = len(x["words"] & y["words"]) / min(len(x["words"]), len(y["words"]))
            if ov >= narratives.CLAIM_OVERLAP and ov > best:
                best, ev = ov, (x["text"], y["text"])
    return best, ev


def _random_claims(rng, tag: str, n: int, actors: list[str], vocab: list[str]) -> list[dict]:
    return [{"article": tag, "start": k, "end": k + 1, "text": f"{tag}{k}", "vec": None,
             "actors": set(rng.sample(actors, rng.randint(0, 2))),
             "words": set(rng.sample(vocab, rng.randint(0, 8)))} for k in range(n)]


def test_claim_match_index_equals_all_pairs():
    import random

    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(30)]
    actors = ["a:x", "a:y", "a:z", "n:q"]
    for _ in range(200):
        ca = _random_claims(rng, "a", rng.randint(0, 6), actors, vocab)
        cb = _random_claims(rng, "b", rng.randint(0, 6), actors, vocab)
        best, ev = narratives._claim_match(ca, cb)
        want, want_ev = _brute_match(ca, cb)
        assert best == want
        assert (ev and (ev["a"]["text"], ev["b"]["text"])) == want_ev or (ev is None and want_ev is None)


def test_claim_match_from_either_side_equals_all_pairs():
    """Given both actor indexes, the match loops over the smaller story (a story with
    thousands of claims against a small one): the same best pair as all pairs."""
    import random

    rng = random.Random(11)
    vocab = [f"w{i}" for i in range(25)]
    actors = ["a:x", "a:y", "a:z", "n:q", "n:r"]
    for _ in range(200):
        ca = _random_claims(rng, "a", rng.randint(0, 4), actors, vocab)
        cb = _random_claims(rng, "b", rng.randint(0, 40), actors, vocab)
        if rng.random() < 0.5:
            ca, cb = cb, ca
        best, ev = narratives._claim_match(ca, cb, narratives._actor_index(ca), narratives._actor_index(cb))
        want, want_ev = _brute_match(ca, cb)
        assert best == want
        assert (ev and (ev["a"]["text"], ev["b"]["text"])) == want_ev or (ev is None and want_ev is None)


def test_claim_match_with_numpy_equals_all_pairs():
    """Against a story with many claims the shared words are counted with numpy
    (`_claim_match_vec`): the same best overlap and the same pair as all pairs, ties
    included (few words, so many pairs tie)."""
    import random

    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(12)]
    actors = ["a:x", "a:y", "a:z", "n:q", "n:r"]
    vec_calls = 0
    for _ in range(120):
        ca = _random_claims(rng, "a", rng.randint(0, 12), actors, vocab)
        cb = _random_claims(rng, "b", rng.randint(narratives.VECTOR_MIN_CLAIMS, 150), actors, vocab)
        if rng.random() < 0.5:
            ca, cb = cb, ca
        ia, ib = narratives._actor_index(ca), narratives._actor_index(cb)
        pa, pb = narratives._Postings(ca, ia), narratives._Postings(cb, ib)
        best, ev = narratives._claim_match(ca, cb, ia, ib, pa, pb)
        want, want_ev = _brute_match(ca, cb)
        assert best == want
        assert (ev and (ev["a"]["text"], ev["b"]["text"])) == want_ev or (ev is None and want_ev is None)
        assert (best, ev) == narratives._claim_match_vec(ca, cb, pa, pb) or not ia
        vec_calls += ev is not None
    assert vec_calls > 50


def test_claim_match_with_vector_lists_kept_per_story():
    """`update` keeps each story's claims with vectors (`_with_vec`) for all its pairs: given
    them, the match is the one computed from the claims, on the encoder path (some claims
    without a vector) and the model-free one (none)."""
    import random

    import numpy as np

    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(15)]
    actors = ["a:x", "a:y", "n:q"]
    for trial in range(100):
        ca = _random_claims(rng, "a", rng.randint(0, 8), actors, vocab)
        cb = _random_claims(rng, "b", rng.randint(0, 8), actors, vocab)
        if trial % 2:
            for x in ca + cb:
                if rng.random() < 0.7:
                    v = np.array([rng.random() for _ in range(4)], dtype=np.float32)
                    x["vec"] = v / np.linalg.norm(v)
        want = narratives._claim_match(ca, cb)
        got = narratives._claim_match(ca, cb, narratives._actor_index(ca), narratives._actor_index(cb),
                                      va=narratives._with_vec(ca), vb=narratives._with_vec(cb))
        assert got == want


def test_incremental_runs_keep_untouched_narratives(store):
    ids = [a.id for a in ARTS]
    stories.update(store, ids, Opts())
    narratives.update(store, ["a1"], Opts())
    assert list(narratives.export_rows(store)) == []
    narratives.update(store, ["a2", "a3"], Opts())
    first = [(r["id"], r["stories"], r["label"]) for r in narratives.export_rows(store)]
    assert len(first) == 1
    counts = narratives.update(store, ["a3"], Opts())  # an unrelated story: the narrative stays
    assert counts["narratives"] == 1
    assert [(r["id"], r["stories"], r["label"]) for r in narratives.export_rows(store)] == first
    narratives.update(store, ["a1"], Opts())  # a member again: rebuilt the same
    assert [(r["id"], r["stories"], r["label"]) for r in narratives.export_rows(store)] == first


def test_claims_of_many_articles_in_one_encoder_call(store, monkeypatch):
    """The claim sentences of the changed articles are embedded in one encoder call, and
    every claim keeps its own vector (rounded to 6 decimals, as stored)."""
    import numpy as np

    from newstrace import encoders

    calls = []

    class Enc:
        method, dim = "fake", 4

        def encode(self, texts):
            calls.append(list(texts))
            return np.array([[len(t), sum(map(ord, t)) % 97, 1.0 / (1 + len(t)), 0.5] for t in texts],
                            dtype=np.float32)

    ids = [a.id for a in ARTS]
    stories.update(store, ids, Opts())
    monkeypatch.setattr(encoders, "get_encoder", lambda options=None: Enc())
    narratives.update(store, ids, Opts())
    assert len(calls) == 1
    rows = store.conn.execute("SELECT text, vec, method FROM narrative_claims ORDER BY article_id, idx").fetchall()
    assert len(rows) >= 2 and len(rows) == len(calls[0])
    for text, vec, method in rows:
        want = np.round(Enc().encode([text.strip()]), 6)[0].astype(np.float32)
        assert method == "fake" and np.frombuffer(vec, dtype=np.float32).tolist() == want.tolist()


def test_link_evidence_is_oriented_by_story_id_whatever_the_run_touched(store):
    """A link's claim evidence "a" is a claim of story a (the smaller id) and "b" of story
    b, and the evidence is the same whether the run touched a, b or both."""
    ids = [a.id for a in ARTS]
    stories.update(store, ids, Opts())
    story = {r[0]: r[1] for r in store.conn.execute("SELECT article_id, story_id FROM story_articles")}

    def links():
        return [(r[0], r[1], r[2]) for r in store.conn.execute(
            "SELECT a, b, evidence FROM narrative_links ORDER BY a, b")]

    got = {}
    for touched in (["a1"], ["a2"], ["a1", "a2"]):
        store.conn.execute("DELETE FROM narrative_links")
        narratives.update(store, ids, Opts())  # claims of every article first
        narratives.update(store, touched, Opts())
        rows = links()
        assert len(rows) == 1
        a, b, ev = rows[0]
        claim = json.loads(ev)["claim"]
        assert story[claim["a"]["article"]] == a and story[claim["b"]["article"]] == b
        got[tuple(touched)] = rows
    assert len({tuple(v) for v in got.values()}) == 1


def _many_stories(tmp_path, n):
    """``n`` articles, 400 days apart (one story each), all naming Tarvel and NORDCO in the
    same accusation: every story shares two key actors and a recurring claim with every other."""
    from datetime import date, timedelta

    from newstrace.store import Store

    st = Store(tmp_path / "many.db")
    for k in range(n):
        day = (date(1980, 1, 1) + timedelta(days=400 * k)).isoformat()
        st.upsert_article(_art(f"m{k:02d}", day, f"In report {k}, Governor Tarvel accused the NORDCO company "
                               f"of poisoning the Lisk river with mining waste, the governor said.",
                               ["Tarvel", "NORDCO"]))
    ids = [f"m{k:02d}" for k in range(n)]
    stories.update(st, ids, Opts())
    return st, ids


def test_candidates_per_story_are_bounded(tmp_path, monkeypatch):
    """A story is compared with at most MAX_CANDIDATES others however many share its key
    actors, a pair of two touched stories once; the narrative still holds every story."""
    st, ids = _many_stories(tmp_path, 40)
    try:
        n_stories = st.conn.execute("SELECT count(*) FROM stories WHERE status = 'active'").fetchone()[0]
        assert n_stories == 40
        calls = []
        real = narratives._claim_match
        monkeypatch.setattr(narratives, "_claim_match", lambda *a, **k: calls.append(1) or real(*a, **k))
        narratives.update(st, ids, Opts())
        assert len(calls) <= 40 * 30  # 40 * 39 = 1,560 (every ordered pair) before
        rows = list(narratives.export_rows(st))
        assert len(rows) == 1 and len(rows[0]["stories"]) == 40
        links = st.conn.execute("SELECT count(*) FROM narrative_links").fetchone()[0]
        assert 39 <= links <= 40 * 30
    finally:
        st.close()


def test_large_narrative_labelled_from_its_strongest_links(tmp_path, monkeypatch):
    """A narrative with more than LABEL_LINKS links takes its claims from the strongest
    LABEL_LINKS of them (by score, then ids); its members are still every linked story."""
    st, ids = _many_stories(tmp_path, 6)
    try:
        monkeypatch.setattr(narratives, "LABEL_LINKS", 3)
        narratives.update(st, ids, Opts())
        links = st.conn.execute("SELECT a, b, score, evidence FROM narrative_links").fetchall()
        assert len(links) > 3
        want = sorted(sorted(links, key=lambda r: (-r[2], r[0], r[1]))[:3], key=lambda r: (r[0], r[1]))
        (n,) = list(narratives.export_rows(st))
        assert len(n["stories"]) == 6
        claims = narratives.get_narrative(st, n["id"])["claims"]
        assert claims == [json.loads(r[3])["claim"] for r in want]
    finally:
        st.close()


def test_stories_gone_leave_no_keys_links_or_narratives(store):
    """A story merged away (marked by the stories stage in story_dirty) loses its keys,
    links and narrative on the next run, whatever articles that run changed."""
    ids = [a.id for a in ARTS]
    stories.update(store, ids, Opts())
    narratives.update(store, ids, Opts())
    assert len(list(narratives.export_rows(store))) == 1
    sid = store.conn.execute("SELECT story_id FROM story_articles WHERE article_id = 'a2'").fetchone()[0]
    store.conn.execute("UPDATE stories SET status = 'merged' WHERE id = ?", (sid,))
    store.conn.execute("INSERT INTO story_dirty(story_id) VALUES (?)", (sid,))
    statements: list[str] = []
    trace = getattr(store.conn, "set_trace_callback", None)  # SQLite; the PostgreSQL run checks the rows
    if trace is not None:
        trace(statements.append)
    narratives.update(store, [], Opts())
    if trace is not None:
        trace(None)
        # by index: the gone story's rows, not every key, link and narrative story
        # checked against the active stories on every run
        assert statements and not [s for s in statements if "NOT IN" in s.upper()]
    c = store.conn
    assert c.execute("SELECT count(*) FROM narrative_keys WHERE story_id = ?", (sid,)).fetchone()[0] == 0
    assert c.execute("SELECT count(*) FROM narrative_links WHERE a = ? OR b = ?", (sid, sid)).fetchone()[0] == 0
    assert list(narratives.export_rows(store)) == []
