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
