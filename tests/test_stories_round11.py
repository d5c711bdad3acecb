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


def test_model_free_link_across_languages_needs_two_names_in_common():
    # one key in common is what two reports of a topic share ("Covid-19"), or a spelling
    # coincidence on raw texts ("Truck" and "Trocka" are both trck): no link on it alone
    a = sf.DocFeatures("a", "de", None, "", None, ents={"c:trck": 5.0, "c:bbr": 5.0}, nums={"2020", "15"})
    b = sf.DocFeatures("b", "pl", None, "", None, ents={"c:trck": 5.0, "c:wrsw": 5.0}, nums={"2020", "15"})
    assert sf.pair_probability(sf.pair_features(a, b), "none")[1]  # the link model alone would link them
    assert sf.explain_pair(a, b, "none") == (None, "no_shared_actor")
    b.ents["c:bbr"] = 5.0
    got, why = sf.explain_pair(a, b, "none")
    assert got is not None and got[0] == "link" and why == "dated"


@pytest.mark.parametrize("first_line, head", [
    ("Justin Bieber verkauft Tacos aus einem „Yummy“-Truck Bitte registrieren!Sie haben noch keinen "
     "Zugang zum Archiv?Registrieren Sie sich jetzt kostenlos, um fortzufahren.",
     "Justin Bieber verkauft Tacos aus einem „Yummy“-Truck"),
    ("Einigung über erste schwarz-grüne Regierung in Österreich OK",
     "Einigung über erste schwarz-grüne Regierung in Österreich"),
    ("Mieszkanie dla rodziny: gdzie zamieszkać w Warszawie? Szanowny Czytelniku!",
     "Mieszkanie dla rodziny: gdzie zamieszkać w Warszawie?"),
    ("Sivas'ta cenaze namazları mezarlıkta kılınıyor Sizlere daha iyi bir hizmet sunabilmek için, "
     "sitemizde çerezlerden faydalanıyoruz.",
     "Sivas'ta cenaze namazları mezarlıkta kılınıyor"),
])
def test_a_walls_headline_leaves_the_walls_own_words_out(first_line, head):
    art = Article(id="w", text=first_line + "\n\nWir verwenden auf unserer Webseite Cookies.", lang="de")
    assert sf.headline_text(art, "consent") == head



def test_model_free_strong_bar_is_the_one_its_procedure_chose():
    # STRONG_P["none"] 0.8 (select_strong on the SemEval training pairs): a pair of undated
    # reports at P 0.81, nothing shared but words, links on the strong rule
    c = 0.3162
    a = sf.DocFeatures("a", "en", None, "", None, terms={"blast": 1.0}, lo=0.0, hi=2000.0)
    b = sf.DocFeatures("b", "en", None, "", None, terms={"blast": c, "pump": (1 - c * c) ** 0.5})
    p = sf.content_probability(sf.pair_features(a, b), "none")
    assert 0.8 <= p < 0.825
    got, why = sf.explain_pair(a, b, "none")
    assert why == "strong" and got[0] == "undated"
