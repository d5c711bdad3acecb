"""bench/pipeline_bench.py --distinct: the per-article stages once, the corpus stages on copies.

A copy must be a valid analysed article (every span's offsets point at its text) that
shares neither its invented names nor its reworded word sequences with the article it
copies, and that the store takes as a new article (new id, new content)."""
from __future__ import annotations

from newstrace import PipelineOptions, Store
from newstrace.pipeline import content_key, load_processed

from conftest import load_bench

OPTS = PipelineOptions(use_models=False, encoder="none", now="2026-11-23", workers=1)


def _spans(a):
    yield from ((m.start, m.end, m.text) for m in a.mentions)
    yield from ((t.start, t.end, t.text) for t in a.times)
    yield from ((s.start, s.end, s.text) for s in a.sentences)
    yield from ((q.start, q.end, q.text) for q in a.quotes)
    for q in a.quotes:
        if q.speaker and q.speaker_start is not None:
            yield q.speaker_start, q.speaker_end, q.speaker
        if q.channel and q.channel_start is not None:
            yield q.channel_start, q.channel_end, q.channel
    yield from ((s.start, s.end, s.text) for s in a.sources)


def test_copies_are_new_articles_with_valid_spans(tmp_path):
    bench = load_bench("pipeline_bench")
    analysed = bench.analyse_distinct(12, tmp_path, OPTS, workers=1)
    d = len(analysed.articles)
    assert d == 12 and analysed.names
    base = bench.copies(analysed, 0, d)
    assert base == analysed.articles  # copy 0 is the analysed article itself
    second = bench.copies(analysed, d, 2 * d)
    third = bench.copies(analysed, 2 * d, 3 * d)
    renamed = kept = 0
    for a, b, c in zip(base, second, third):
        assert b.id == f"{a.id}c1" and c.id == f"{a.id}c2"
        assert len({a.content_hash, b.content_hash, c.content_hash}) == 3
        assert len({content_key(a), content_key(b), content_key(c)}) == 3
        assert len(b.text) == len(a.text) and b.lang == a.lang and b.published == a.published
        for x in (b, c):
            for s, e, text in _spans(x):
                assert x.text[s:e] == text, (x.id, s, e, text)
        for ma, mb in zip(a.mentions, b.mentions):
            assert (ma.start, ma.end, ma.type) == (mb.start, mb.end, mb.type)
            names = [w for w in ma.text.split() if w in analysed.names]
            if names:
                renamed += ma.text != mb.text
                kept += ma.text == mb.text
    assert renamed > 10 * max(1, kept)  # invented names change (a name may draw itself)
    # the copies' lower-case words are reworded: copies share few word 5-grams with their article
    a, b = base[0], second[0]
    grams = lambda t: {tuple(t.split()[i:i + 5]) for i in range(len(t.split()) - 4)}  # noqa: E731
    assert len(grams(a.text) & grams(b.text)) < 0.2 * len(grams(a.text))


def test_the_store_takes_every_copy(tmp_path):
    bench = load_bench("pipeline_bench")
    analysed = bench.analyse_distinct(6, tmp_path, OPTS, workers=1)
    store = Store(tmp_path / "copies.db")
    try:
        opts = PipelineOptions(use_models=False, encoder="none", now="2026-11-23", stages=("reuse",))
        got = load_processed(bench.copies(analysed, 0, 18), store, opts)
        assert (got.added, got.duplicates, got.skipped) == (18, 0, 0)
        again = load_processed(bench.copies(analysed, 0, 18), store, opts)
        assert again.unchanged == 18  # copies are deterministic: a re-run finds them unchanged
    finally:
        store.close()
