"""Round 11 of the story stage: old stores get their headline vectors on the next run of
`analyze`; one-off names the capitalisation rule alone found weigh little."""
import json

import pytest

from newstrace import encoders, pipeline
from newstrace import storyfeatures as sf
from newstrace.records import Article, Mention
from newstrace.store import Store

from test_stories_round10 import BODY, HEAD_FULL, HEAD_WALL, PAYWALL, _FakeEncoder


@pytest.fixture()
def fake(monkeypatch):
    enc = _FakeEncoder()
    monkeypatch.setattr(encoders, "get_encoder", lambda options=None: enc)
    return enc


def test_reanalysis_fills_the_headline_vectors_of_an_old_store(tmp_path, fake):
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for aid, text in (("full", HEAD_FULL + "\n" + BODY), ("wall", HEAD_WALL + "\n" + PAYWALL)):
            fh.write(json.dumps({"id": aid, "text": text, "lang": "en", "published": "2024-01-03"}) + "\n")
    opts = pipeline.PipelineOptions(use_models=True, encoder="fake", workers=1,
                                    stages=("outlet", "clean", "langid", "segment", "stories"))
    db = tmp_path / "t.db"
    st = Store(db)
    pipeline.analyze([str(src)], st, opts)
    assert st.conn.execute("SELECT count(*) FROM story_docs WHERE hvec IS NULL").fetchone()[0] == 0
    # a store written before the headline vector: no hvec, every article done
    st.conn.execute("UPDATE story_docs SET hvec = NULL")
    st.conn.execute("DELETE FROM migrations WHERE name = 'stories_005_headline_vec_fill'")
    st.conn.commit()
    st.close()
    st = Store(db)  # the migration takes the articles up again
    assert st.conn.execute("SELECT count(*) FROM articles WHERE corpus_done = 0").fetchone()[0] == 2
    pipeline.analyze([str(src)], st, opts)  # the same inputs, unchanged
    assert st.conn.execute("SELECT count(*) FROM story_docs WHERE hvec IS NULL").fetchone()[0] == 0
    got = dict(st.conn.execute("SELECT article_id, story_id FROM story_articles").fetchall())
    assert got["full"] == got["wall"]
    st.close()
