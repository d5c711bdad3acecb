from newstrace import reuse
from newstrace.records import Article

TEXT_A = ("The regional council said on Tuesday that the new bridge over the river would open in "
          "March after three years of work, at a cost of 45 million euros. Engineers inspected the "
          "structure last week and found no defects, according to the council statement.")


def test_align_finds_copied_passage_offsets():
    b = "Local news. " + TEXT_A[40:200] + " Our reporter adds that residents are pleased."
    ps = reuse.align(TEXT_A, b)
    assert len(ps) == 1
    p = ps[0]
    assert TEXT_A[p.a_start:p.a_end] == b[p.b_start:p.b_end]
    assert p.a_end - p.a_start >= 100


def test_align_nothing_for_unrelated_text():
    assert reuse.align(TEXT_A, "Completely different words about football and the weather today.") == []


def test_minhash_roundtrip_and_bands():
    hs = reuse.shingles(reuse.tokens(TEXT_A))
    lm = reuse.minhash(hs)
    from datasketch import LeanMinHash
    back = LeanMinHash.deserialize(bytearray(reuse.lean_bytes(lm)))
    assert back.jaccard(lm) == 1.0
    assert len(reuse.band_keys(lm)) == reuse.BANDS


def test_name_key_tolerates_spellings_and_scripts():
    assert reuse.name_key("Muslih") == reuse.name_key("Musleh") == reuse.name_key("Mosleh")
    assert reuse.name_key("Soleimani") != reuse.name_key("Muslih")


def test_anchor_reuse_same_numbers_and_names_in_order():
    en = "Minister Karlsson said 1,250 troops and 37 tanks reached Narvik on 14 March, Karlsson added 2,400."
    fr = "Le ministre Karlsson a dit que 1 250 soldats et 37 chars ont atteint Narvik le 14 mars ; 2 400 selon Karlsson."
    score, ps = reuse.anchor_reuse(reuse.anchor_sequence(en), reuse.anchor_sequence(fr))
    assert score >= 0.8 and ps
    other = "Le club a gagné 3 à 1 devant 12 000 spectateurs à Lyon."
    assert reuse.anchor_reuse(reuse.anchor_sequence(en), reuse.anchor_sequence(other))[0] < 0.5


def test_update_links_copies_and_guesses_source(tmp_path):
    from newstrace.store import Store

    st = Store(tmp_path / "r.db")
    a = Article(id="a", text=TEXT_A, lang="en", published="2024-03-01", content_hash="1")
    b = Article(id="b", text="Wire copy. " + TEXT_A, lang="en", published="2024-03-02", content_hash="2")
    c = Article(id="c", text="An unrelated story about a football match and its many goals.", lang="en",
                content_hash="3")
    for x in (a, b, c):
        st.upsert_article(x)
    counts = reuse.update(st, ["a", "b", "c"], None)
    rows = list(reuse.export_rows(st))
    assert counts["reuse_indexed"] == 3
    assert [(r["a"], r["b"]) for r in rows] == [("a", "b")]
    r = rows[0]
    assert r["source_guess"] == "a" and r["similarity"] > 0.8
    p = r["passages"][0]
    assert TEXT_A[p["a_start"]:p["a_end"]] == b.text[p["b_start"]:p["b_end"]]
    assert set(p) == {"a_start", "a_end", "b_start", "b_end"}
    # incremental: re-running on one article does not duplicate links
    reuse.update(st, ["b"], None)
    assert len(list(reuse.export_rows(st))) == 1
    st.close()
