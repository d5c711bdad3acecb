from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.errors import SkippedInput
from newstrace.ingest import iter_inputs, split_title


def _items(*paths):
    return list(iter_inputs([str(p) for p in paths]))


def test_title_rule():
    assert split_title("A short headline\n\nBody text here.") == ("A short headline", "\nBody text here.")
    # a sentence is not a title
    t, body = split_title("This is the first sentence of the article, and it goes on.\nMore.")
    assert t is None and body.startswith("This is")
    # a question headline is a title
    assert split_title("Will the dam hold?\nBody.")[0] == "Will the dam hold?"
    # a single line is not a title
    assert split_title("Only one line")[0] is None


def test_txt_ids_are_relative_paths(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Title here\n\nBody.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title two\n\nBody.", encoding="utf-8")
    ids = sorted(a.id for a in _items(tmp_path))
    assert ids == ["b", "sub/a"]


def test_bad_inputs_are_reported_not_raised(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 title\n\nbody".encode("latin-1"))
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "big.txt").write_text("T\n\n" + "x" * 1000, encoding="utf-8")
    (tmp_path / "good.txt").write_text("Good title\n\nGood body.", encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": "ok"}), "{not json", json.dumps({"id": "j3"}),
             json.dumps(["a list"])]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)], max_bytes=500))
    skipped = {(Path(s.path).name, s.line): s.reason for s in items if isinstance(s, SkippedInput)}
    good = [a.id for a in items if not isinstance(a, SkippedInput)]
    assert sorted(good) == ["good", "j1"]
    assert "empty" in skipped[("empty.txt", None)]
    assert "undecodable" in skipped[("latin1.txt", None)]
    assert "binary" in skipped[("bin.txt", None)]
    assert "over the cap" in skipped[("big.txt", None)]
    assert "malformed JSON" in skipped[("feed.jsonl", 2)]
    assert "missing required field(s): text" in skipped[("feed.jsonl", 3)]
    assert "JSON object" in skipped[("feed.jsonl", 4)]


def test_json_list_and_metadata(tmp_path: Path):
    data = [{"id": "x1", "text": "Body", "title": "T", "url": "https://www.example.org/a",
             "published": "2021-03-04", "lang": "en", "section": "world"}]
    (tmp_path / "list.json").write_text(json.dumps(data), encoding="utf-8")
    (a,) = _items(tmp_path / "list.json")
    assert (a.id, a.title, a.url, a.published) == ("x1", "T", "https://www.example.org/a", "2021-03-04")
    assert a.meta["section"] == "world" and a.meta["declared_lang"] == "en"


def test_html_extraction(tmp_path: Path):
    html = """<html><head><title>Dam talks collapse - River Courier</title>
    <meta property="og:site_name" content="River Courier">
    <meta property="article:published_time" content="2021-05-06T10:00:00Z"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Dam talks collapse</h1>
    <p>Talks between the two ministries over the northern dam collapsed on Tuesday, officials said.</p>
    <p>The delegation left the capital without a statement, according to people present at the talks.</p>
    </article><footer>All rights reserved</footer></body></html>"""
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    (a,) = _items(tmp_path / "p.html")
    assert a.id == "p"
    assert "collapsed on Tuesday" in a.raw_text and "Home | World" not in a.raw_text
    assert a.outlet == "River Courier" and a.outlet_source == "metadata"
    assert a.published == "2021-05-06"


def test_missing_path_and_unsupported_type(tmp_path: Path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    items = list(iter_inputs([str(tmp_path / "nope"), str(tmp_path / "x.pdf")]))
    reasons = [i.reason for i in items]
    assert any("no such file" in r for r in reasons)
    assert any("unsupported file type" in r for r in reasons)


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_warc(tmp_path: Path, suffix: str):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / f"crawl{suffix}"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=suffix.endswith(".gz"))
        body = ("<html><head><title>Crawled story</title></head><body><article><p>"
                + "A crawled article body with enough words to be main text for the extractor. " * 3
                + "</p></article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        w.write_record(w.create_warc_record("https://news.example.com/2020/01/02/story", "response",
                                            payload=BytesIO(body), http_headers=headers))
    (a,) = _items(path)
    assert a.id == "https://news.example.com/2020/01/02/story"
    assert "crawled article body" in a.raw_text


RSS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Courier &amp; Co</title><link>https://courier.example/</link>
<item><title>Dam talks stall &amp;xxe;</title><link>https://courier.example/2021/05/dam</link>
<guid>courier-1</guid><pubDate>Tue, 04 May 2021 09:30:00 +0200</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The talks on the dam stalled on Monday.</p>
<p>"We will not sign," the minister said.<script>alert('x')</script></p>
<img src=x onerror="alert(1)"><ul><li>one</li><li>two</li></ul>]]></content:encoded>
<category>water</category></item>
<item><title>Empty</title><link>https://courier.example/empty</link></item>
<item><title>Teaser only</title><link>https://courier.example/t</link>
<description>&lt;p&gt;Only a summary here.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><id>tag:desk.example,2020:1</id><title>Atom story</title>
<link href="https://desk.example/1"/><updated>2020-08-12T08:00:00Z</updated>
<content type="html">&lt;p&gt;Le ministre a parlé mercredi.&lt;/p&gt;</content></entry></feed>"""


def test_rss_feed_entries_become_articles(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    (tmp_path / "courier.rss").write_text(RSS.replace("{secret}", str(secret)), encoding="utf-8")
    items = _items(tmp_path / "courier.rss")
    arts = [a for a in items if not isinstance(a, SkippedInput)]
    skipped = [s for s in items if isinstance(s, SkippedInput)]
    assert [a.id for a in arts] == ["courier-1", "https://courier.example/t"]
    a = arts[0]
    assert a.url == "https://courier.example/2021/05/dam"
    assert a.outlet == "Valley Courier & Co" and a.outlet_source == "feed"
    # pubDate converted to UTC, source recorded
    assert a.published == "2021-05-04T07:30:00Z" and a.published_source == "feed:published"
    # the full content wins over the teaser; one line per block; no script, no entity
    assert a.raw_text.splitlines()[:2] == ["The talks on the dam stalled on Monday.",
                                           '"We will not sign," the minister said.']
    assert "one" in a.raw_text.splitlines() and "alert" not in a.raw_text
    assert "TOPSECRET" not in a.raw_text and "TOPSECRET" not in (a.title or "")
    assert a.meta["feed_text"] == "content" and a.meta["tags"] == ["water"]
    assert arts[1].raw_text == "Only a summary here." and arts[1].meta["feed_text"] == "summary"
    assert len(skipped) == 1 and "entry 2 has no text" in skipped[0].reason
    assert skipped[0].path.endswith("courier.rss")


def test_atom_and_json_feed(tmp_path: Path):
    (tmp_path / "desk.atom").write_text(ATOM, encoding="utf-8")
    jf = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON Desk",
          "items": [{"id": "j-1", "url": "https://j.example/1", "title": "T",
                     "content_html": "<p>Body one.</p><p>Body two.</p>",
                     "date_published": "2022-01-21T10:00:00Z", "authors": [{"name": "R. Writer"}]},
                    {"id": "j-2"}, "junk"]}
    (tmp_path / "desk.json").write_text(json.dumps(jf, indent=2), encoding="utf-8")
    items = _items(tmp_path)
    arts = {a.id: a for a in items if not isinstance(a, SkippedInput)}
    reasons = sorted(s.reason for s in items if isinstance(s, SkippedInput))
    assert arts["tag:desk.example,2020:1"].published_source == "feed:updated"
    assert arts["tag:desk.example,2020:1"].raw_text == "Le ministre a parlé mercredi."
    j = arts["j-1"]
    assert j.raw_text == "Body one.\nBody two." and j.outlet == "JSON Desk"
    assert j.published == "2022-01-21T10:00:00Z" and j.meta["author"] == "R. Writer"
    assert reasons == ["JSON Feed item 2 has no text", "JSON Feed item 3 is not an object"]


def test_xml_that_is_not_a_feed_is_skipped_with_reason(tmp_path: Path):
    (tmp_path / "config.xml").write_text("<config><a>1</a></config>", encoding="utf-8")
    (tmp_path / "broken.rss").write_text("<rss><channel><title>x</title>", encoding="utf-8")
    items = _items(tmp_path)
    assert all(isinstance(s, SkippedInput) for s in items)
    reasons = {Path(s.path).name: s.reason for s in items}
    assert "not an RSS or Atom feed" in reasons["config.xml"]
    assert Path(items[0].path).parent == tmp_path


def test_pretty_printed_single_json_record(tmp_path: Path):
    (tmp_path / "one.json").write_text(json.dumps({"id": "solo", "text": "Body."}, indent=2),
                                       encoding="utf-8")
    assert [a.id for a in _items(tmp_path / "one.json")] == ["solo"]


def _html_page(i: int, extra: str = "") -> str:
    return (f"<html><head><title>Dam story {i}</title></head><body><article><p>"
            + f"The water minister visited the northern dam number {i} on Tuesday, officials said. " * 3
            + extra + "</p></article></body></html>")


def test_rerun_does_not_extract_unchanged_html_again(tmp_path: Path, monkeypatch):
    """Issue 13: an HTML page is hashed before trafilatura reads it; a re-run extracts only
    the pages that changed (and all of them with --force), with the same counts."""
    from dataclasses import replace

    import trafilatura
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from newstrace import PipelineOptions, Store, analyze

    (tmp_path / "in").mkdir()
    for i in range(4):
        (tmp_path / "in" / f"p{i}.html").write_text(_html_page(i), encoding="utf-8")
    with open(tmp_path / "in" / "crawl.warc", "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        from io import BytesIO

        w.write_record(w.create_warc_record("https://news.example.com/w", "response",
                                            payload=BytesIO(_html_page(9).encode()), http_headers=headers))
    calls: list[int] = []
    real = trafilatura.bare_extraction

    def counting(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(trafilatura, "bare_extraction", counting)
    opts = PipelineOptions(use_models=False, encoder="none", now="2026-11-23", workers=1)
    store = Store(tmp_path / "db.sqlite")
    first = analyze([str(tmp_path / "in")], store, opts)
    assert first.added == 5 and len(calls) == 5
    before = {a: store.content_hash(a) for a in ("p0", "p1", "https://news.example.com/w")}
    calls.clear()
    again = analyze([str(tmp_path / "in")], store, opts)
    assert (again.read, again.added, again.updated, again.unchanged, again.skipped) == (5, 0, 0, 5, 0)
    assert calls == []  # nothing extracted again
    (tmp_path / "in" / "p1.html").write_text(_html_page(1, "The minister resigned."), encoding="utf-8")
    changed = analyze([str(tmp_path / "in")], store, opts)
    assert (changed.updated, changed.unchanged) == (1, 4) and len(calls) == 1
    assert "resigned" in store.get_article("p1").raw_text
    assert store.content_hash("p0") == before["p0"] and store.content_hash("p1") != before["p1"]
    calls.clear()
    forced = analyze([str(tmp_path / "in")], store, replace(opts, force=True))
    assert forced.read == 5 and len(calls) == 5  # --force reads every page again
    store.close()


def test_stub_is_only_made_when_the_store_has_the_same_hash(tmp_path: Path):
    from newstrace.ingest import is_stub

    (tmp_path / "p.html").write_text(_html_page(1), encoding="utf-8")
    (full,) = iter_inputs([str(tmp_path / "p.html")])
    assert not is_stub(full) and full.raw_text
    (stub,) = iter_inputs([str(tmp_path / "p.html")], unchanged=lambda aid, h: aid == "p" and h == full.content_hash)
    assert is_stub(stub) and stub.id == "p" and stub.content_hash == full.content_hash and not stub.raw_text
    (other,) = iter_inputs([str(tmp_path / "p.html")], unchanged=lambda aid, h: False)
    assert not is_stub(other) and other.raw_text == full.raw_text
    # a JSON record cannot pass for a stub, whatever its fields
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "r", "text": "Body.", "unchanged_input": True}) + "\n",
                                      encoding="utf-8")
    (rec,) = iter_inputs([str(tmp_path / "r.jsonl")], unchanged=lambda aid, h: True)
    assert not is_stub(rec)
