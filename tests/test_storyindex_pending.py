"""The story index reads as if pending features were written (`_storyindex.Index` with
``pending`` and ``stale``): the story stage scores its pairs before it takes the write lock.
Randomised: the candidates, features and day vectors it gives before the write equal those
of a plain index after the write (features and day vectors: its own after the write too),
caps and limits included."""
from __future__ import annotations

import json
import random

import numpy as np
import pytest

from newstrace import _storyindex
from newstrace._storyindex import Index, doc_keys
from newstrace.storyfeatures import DocFeatures

BASE = 738000.0


def _doc(rng: random.Random, aid: str) -> DocFeatures:
    day = None if rng.random() < 0.3 else BASE + rng.choice([0, 0.5, 1, 2, 5, 9, 10, 11, 14, 25]) + rng.choice([0.0, 0.0, 0.25])  # window ends hit other days
    vec = None
    if rng.random() < 0.8:
        v = np.array([rng.gauss(0, 1) for _ in range(6)], dtype=np.float32)
        vec = np.round(v / np.linalg.norm(v), 6).astype(np.float32)
    return DocFeatures(
        id=aid, lang=rng.choice(["en", "fr"]), day=day, title=aid, vec=vec,
        terms={f"w{rng.randrange(8)}": round(rng.random(), 4) for _ in range(rng.randint(0, 5))},
        ents={f"e{rng.randrange(6)}": rng.choice([1.0, 2.0, 3.5]) for _ in range(rng.randint(0, 4))},
        nums={str(rng.choice([123, 4567, 88, 2019])) for _ in range(rng.randint(0, 2))},
        speakers={f"a{rng.randrange(3)}" for _ in range(rng.randint(0, 1))})


def _write(c, docs: list[DocFeatures], stale: list[str]) -> None:
    for t in ("story_docs", "story_keys"):
        c.executemany(f"DELETE FROM {t} WHERE article_id = ?", [(i,) for i in stale])
    c.executemany("INSERT INTO story_docs(article_id, story_id, vec, feats, method, day) VALUES (?,?,?,?,?,?)",
                  [(d.id, None, None if d.vec is None else d.vec.tobytes(),
                    json.dumps(d.to_json(), sort_keys=True), "t", d.day) for d in docs])
    c.executemany("INSERT INTO story_keys(key, article_id, day) VALUES (?,?,?)",
                  [(k, d.id, d.day) for d in docs for k in doc_keys(d)])


def _reads(index: Index, pending: list[DocFeatures], ids: list[str]) -> tuple:
    for d in pending:
        index.put(d)
    cands = {d.id: index.candidates(d) for d in pending}
    got = index.get_many(ids)
    days = {day: (index._vectors_of_day(day)[0], None if index._vectors_of_day(day)[1] is None
                  else index._vectors_of_day(day)[1].tolist()) for day in range(int(BASE) - 1, int(BASE) + 27)}
    return cands, {i: (d.to_json(), None if d.vec is None else d.vec.tolist()) for i, d in got.items()}, days


@pytest.mark.parametrize("seed", range(30))
def test_pending_index_reads_as_written(tmp_store, monkeypatch, seed):
    rng = random.Random(seed)
    monkeypatch.setattr(_storyindex, "KEY_CAP", rng.choice([2, 4, 50]))
    monkeypatch.setattr(_storyindex, "WINDOW_KEY_CAP", rng.choice([3, 5, 50]))
    monkeypatch.setattr(_storyindex, "MAX_CANDIDATES", rng.choice([3, 60]))
    monkeypatch.setattr(_storyindex, "DENSE_K", rng.choice([2, 40]))
    monkeypatch.setattr(_storyindex, "DENSE_FLOOR", rng.choice([-1.0, 2.0]))  # 2.0: keys alone
    c = tmp_store.conn
    ids = [f"d{i:02d}" for i in range(40)]
    old = [_doc(rng, i) for i in ids if rng.random() < 0.7]
    with tmp_store.transaction():
        _write(c, old, [])
    pending = [_doc(rng, i) for i in ids if rng.random() < 0.35]
    gone = [d.id for d in old if d.id not in {p.id for p in pending} and rng.random() < 0.2]
    stale = sorted({d.id for d in pending} | set(gone))
    before = _reads(Index(c, pending, stale), pending, ids)
    with tmp_store.transaction():
        _write(c, pending, stale)
    assert _reads(Index(c), pending, ids) == before
    assert _reads(Index(c, pending, stale), pending, ids)[1:] == before[1:]  # features and day vectors
    assert any(before[0].values()), "some candidates"


@pytest.mark.sqlite_only("a second sqlite3 connection commits to bump PRAGMA data_version")
def test_stories_plan_again_when_another_connection_wrote(tmp_path, monkeypatch):
    """stories.update scores before the write lock; a commit by another connection in
    between makes it score again under the lock, with the same result."""
    import sqlite3

    from newstrace import stories
    from newstrace.records import Article, Mention
    from newstrace.store import Store

    class Opts:
        use_models = False
        encoder = "none"

    def fill(store):
        for k in range(6):
            text = (f"Heavy floods hit Valdora after the river Tesna burst its banks; mayor Mirek Salvi "
                    f"evacuated {1200 + k} residents.")
            ms = [Mention(text.index("Valdora"), text.index("Valdora") + 7, "Valdora", "LOC"),
                  Mention(text.index("Mirek Salvi"), text.index("Mirek Salvi") + 11, "Mirek Salvi", "PER")]
            store.upsert_article(Article(id=f"a{k}", text=text, title=f"Floods {k}", lang="en",
                                         published=f"2024-05-0{1 + k % 2}", mentions=ms, content_hash=f"a{k}"))
        return sorted(store.article_ids())

    plain = Store(tmp_path / "plain.db")
    racy = Store(tmp_path / "racy.db")
    try:
        stories.update(plain, fill(plain), Opts())
        ids = fill(racy)
        plan, calls = stories._plan, []

        def plan_then_other_writer(*args):
            calls.append(1)
            if len(calls) == 1:
                other = sqlite3.connect(tmp_path / "racy.db")
                other.execute("CREATE TABLE IF NOT EXISTS other_writer (x)")
                other.commit()
                other.close()
            return plan(*args)

        monkeypatch.setattr(stories, "_plan", plan_then_other_writer)
        stories.update(racy, ids, Opts())
        assert len(calls) == 2, "scored again under the lock"
        q = "SELECT a, b, kind, p, method, feats FROM story_links ORDER BY a, b"
        assert racy.conn.execute(q).fetchall() == plain.conn.execute(q).fetchall()
        q = "SELECT article_id, story_id FROM story_articles ORDER BY article_id"
        assert racy.conn.execute(q).fetchall() == plain.conn.execute(q).fetchall()
        assert plain.conn.execute("SELECT count(*) FROM story_links").fetchone()[0] > 0
        calls.clear()
        stories.update(racy, ids, Opts())  # nobody else wrote: scored once
        assert len(calls) == 1
    finally:
        plain.close()
        racy.close()
