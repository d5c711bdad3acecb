"""Issue 12: hostile and unlucky inputs. Every case is a named regression test: the
bad input becomes a skipped record (file, line, short reason), the good records around
it are read, and nothing raises."""
from __future__ import annotations

import gzip
import json
import os
import time
from io import BytesIO
from pathlib import Path

import pytest

from newstrace.errors import MAX_REASON_CHARS, SkippedInput
from newstrace.ingest import Limits, iter_inputs

pytestmark = pytest.mark.issue(12)

GOOD = json.dumps({"id": "good", "text": "A good article that must not be lost."})


def _read(*paths, **limits):
    items = list(iter_inputs([str(p) for p in paths], limits=Limits(**limits) if limits else None))
    arts = [a for a in items if not isinstance(a, SkippedInput)]
    skipped = [s for s in items if isinstance(s, SkippedInput)]
    for a in arts:  # every article can be stored and hashed as UTF-8
        for v in (a.id, a.title, a.raw_text, a.source, a.url, a.published, json.dumps(a.meta, ensure_ascii=False)):
            if v is not None:
                v.encode("utf-8")
    for s in skipped:
        assert len(s.reason) <= MAX_REASON_CHARS + 1 and s.path
        s.path.encode("utf-8")
        s.reason.encode("utf-8")
    return arts, skipped


def _jsonl(tmp_path: Path, first: str, name: str = "f.jsonl") -> Path:
    p = tmp_path / name
    p.write_text(first + "\n" + GOOD + "\n", encoding="utf-8")
    return p


def _one_skip(skipped, needle, line=1):
    assert len(skipped) == 1, [s.reason for s in skipped]
    assert needle in skipped[0].reason and skipped[0].line == line


def test_deeply_nested_json_line(tmp_path):
    arts, skipped = _read(_jsonl(tmp_path, '{"id": "d", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"))
    assert [a.id for a in arts] == ["good"]
    _one_skip(skipped, "nested too deeply")


def test_nested_json_under_the_recursion_limit_but_over_the_depth_cap(tmp_path):
    arts, skipped = _read(_jsonl(tmp_path, '{"id": "d", "text": "t", "x": ' + "[" * 500 + "]" * 500 + "}"))
    assert [a.id for a in arts] == ["good"]
    _one_skip(skipped, "nested deeper than")


def test_deeply_nested_whole_json_document(tmp_path):
    p = tmp_path / "deep.json"
    p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    _arts, skipped = _read(p)
    assert "nested too deeply" in skipped[0].reason


def test_5000_digit_integer(tmp_path):
    arts, skipped = _read(_jsonl(tmp_path, '{"id": "b", "text": "t", "n": ' + "9" * 5000 + "}"))
    assert [a.id for a in arts] == ["good"]
    _one_skip(skipped, "too many digits")


@pytest.mark.parametrize("field", ["text", "title", "outlet", "extra"])
def test_lone_surrogate_escape_in_jsonl(tmp_path, field):
    rec = {"id": "s", "text": "body"}
    rec[field] = "bad \ud800 value"
    line = json.dumps(rec)  # ensure_ascii: written as the escape \ud800
    assert "\\ud800" in line
    arts, skipped = _read(_jsonl(tmp_path, line))
    assert [a.id for a in arts] == ["good"]
    _one_skip(skipped, "lone surrogate")


def test_file_name_with_invalid_utf8_is_read_and_storable(tmp_path, tmp_store):
    from newstrace import PipelineOptions, analyze

    (tmp_path / "in").mkdir()
    raw = os.fsencode(str(tmp_path / "in")) + b"/caf\xe9 story.txt"
    with open(raw, "wb") as fh:
        fh.write(b"A title\n\nThe body of the article about a cafe.")
    arts, skipped = _read(tmp_path / "in")
    assert not skipped and arts[0].id == "caf\\xe9 story"
    summary = analyze([str(tmp_path / "in")], tmp_store, PipelineOptions(use_models=False, encoder="none", now="2026-01-01"))
    assert summary.added == 1 and tmp_store.get_article("caf\\xe9 story") is not None


def _json_feed(tmp_path, item):
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Desk",
            "items": [item, {"id": "j-ok", "content_text": "A fine item."}]}
    p = tmp_path / "feed.json"
    p.write_text(json.dumps(feed, indent=2), encoding="utf-8")
    return _read(p)


@pytest.mark.parametrize("bad", [{"authors": True}, {"tags": 5}, {"authors": [1, None, {"name": 3}]},
                                 {"author": "plain"}, {"title": 7}, {"id": {"x": 1}}, {"date_published": 5}])
def test_json_feed_fields_of_the_wrong_type(tmp_path, bad):
    arts, skipped = _json_feed(tmp_path, {"id": "j-1", "content_html": "<p>Body.</p>", **bad})
    assert not skipped and len(arts) == 2 and arts[0].raw_text == "Body."


def test_control_character_after_br_in_json_feed_html(tmp_path):
    arts, skipped = _json_feed(tmp_path, {"id": "j-1", "content_html": "<p>One<br>\x01\x00 two</p><p>x\x0b</p>"})
    assert not skipped and arts[0].raw_text == "One\ntwo\nx"


RSS_ITEM = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Courier</title>
<item><guid>r-1</guid><title>{title}</title><description>{desc}</description></item>
<item><guid>r-2</guid><description>The second entry is fine.</description></item>
</channel></rss>"""


def test_control_character_after_br_in_rss_html(tmp_path):
    p = tmp_path / "c.rss"
    p.write_text(RSS_ITEM.format(title="T", desc="&lt;p&gt;One&lt;br&gt;\x01 two&lt;/p&gt;"), encoding="utf-8")
    arts, skipped = _read(p)
    assert not skipped and [a.id for a in arts] == ["r-1", "r-2"] and arts[0].raw_text == "One\ntwo"


@pytest.mark.parametrize("ref", ["&#xD800;", "&#55296;", "&#x0;", "&#x110000;", "&amp;#xD800;"])
def test_surrogate_character_reference_in_rss(tmp_path, ref):
    p = tmp_path / "c.rss"
    p.write_text(RSS_ITEM.format(title=f"Title {ref}", desc=f"Text {ref} more"), encoding="utf-8")
    arts, skipped = _read(p)
    assert not skipped and [a.id for a in arts] == ["r-1", "r-2"]
    assert arts[0].raw_text.startswith("Text")


def test_html_hostile_pages(tmp_path):
    body = "<p>" + "A paragraph of the article with enough words in it to be main text. " * 4 + "</p>"
    (tmp_path / "nul.html").write_bytes(b"<html><body>" + b"\x00" * 10 + body.encode() + b"</body></html>")
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * 50_000 + body + "</div>" * 50_000
                                        + "</body></html>", encoding="utf-8")
    (tmp_path / "surr.html").write_text(f"<html><head><title>T &#xD800;</title></head><body><article>{body}"
                                        "&#xD800;</article></body></html>", encoding="utf-8")
    (tmp_path / "line.html").write_text("<html><body><article>" + body + "x" * 2_000_000
                                        + "</article></body></html>", encoding="utf-8")
    (tmp_path / "ok.html").write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    arts, skipped = _read(tmp_path)
    assert "ok" in {a.id for a in arts}
    assert {Path(s.path).name for s in skipped} <= {"nul.html", "deep.html", "surr.html", "line.html"}


def test_txt_hostile_files(tmp_path):
    (tmp_path / "zero.txt").write_bytes(b"")
    (tmp_path / "late-nul.txt").write_bytes(b"Title\n\n" + b"word " * 3000 + b"\x00 after")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9\n\nbody".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Titre\n\nLe corps du texte.".encode("utf-16"))
    (tmp_path / "huge-line.txt").write_text("T\n\n" + "y" * 3_000_000, encoding="utf-8")
    arts, skipped = _read(tmp_path, max_bytes=2_000_000)
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["zero.txt"] == "empty file"
    assert "undecodable" in reasons["latin1.txt"]
    assert "over the cap" in reasons["huge-line.txt"]
    assert {a.id for a in arts} == {"late-nul", "utf16"}


def test_permission_denied_and_folders_named_like_files(tmp_path, monkeypatch):
    import newstrace._ingest_io as io_mod

    (tmp_path / "locked.txt").write_text("T\n\nBody.", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.txt" / "inner.txt").write_text("Inner\n\nInner body.", encoding="utf-8")
    real_open = open

    def fake_open(path, *a, **kw):  # tests run as root, where chmod 000 does not stop reads
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **kw)

    monkeypatch.setattr(io_mod, "open", fake_open, raising=False)
    arts, skipped = _read(tmp_path, tmp_path / "folder.txt")
    assert [s.reason for s in skipped] == ["permission denied"]
    assert sorted(a.id for a in arts) == ["folder.txt/inner", "inner"]


def test_symlink_loops_and_broken_links(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "gone.txt").symlink_to("missing.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "a.txt").write_text("Title\n\nBody.", encoding="utf-8")
    arts, skipped = _read(tmp_path)
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons == {"loop.txt": "symbolic link loop", "gone.txt": "broken symbolic link",
                       "up": "symbolic link to a folder (not followed)"}
    assert [a.id for a in arts] == ["sub/a"]


def test_unsupported_files_in_a_folder_are_listed(tmp_path):
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.xyz").write_text("x", encoding="utf-8")
    _arts, skipped = _read(tmp_path)
    assert [s.reason.split(" (")[0] for s in skipped] == ["unsupported file type .xyz"]


def _gzip_bomb(prefix: bytes, megabytes: int) -> bytes:
    """A small gzip file that decompresses to ``prefix`` plus ``megabytes`` MiB of NULs
    (concatenated gzip members)."""
    member = gzip.compress(b"\x00" * (1 << 20))
    return gzip.compress(prefix) + member * megabytes


def test_warc_gzip_bomb_whose_first_line_never_ends(tmp_path):
    p = tmp_path / "bomb.warc.gz"
    p.write_bytes(_gzip_bomb(b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: ", 1024))  # ~1 MB -> 1 GiB
    assert p.stat().st_size < 1_200_000
    t0 = time.process_time()
    arts, skipped = _read(p)
    assert time.process_time() - t0 < 10  # was > 900 s
    assert not arts and "a line longer than" in skipped[0].reason


def test_warc_of_nuls_is_not_a_warc(tmp_path):
    p = tmp_path / "nuls.warc.gz"
    p.write_bytes(_gzip_bomb(b"", 64))
    _arts, skipped = _read(p)
    assert "not a WARC file" in skipped[0].reason and len(skipped[0].reason) < 120


def test_per_file_decompressed_cap(tmp_path):
    p = tmp_path / "big.jsonl.gz"
    p.write_bytes(gzip.compress(("\n".join(json.dumps({"id": f"a{i}", "text": "x" * 100}) for i in range(100))
                                 + "\n").encode()))
    arts, skipped = _read(p, max_file_bytes=5000)
    assert 0 < len(arts) < 100
    assert "over the per-file cap of 5000 bytes" in skipped[-1].reason
    assert "the rest of the file was not read" in skipped[-1].reason


def test_gzip_bomb_jsonl_line_is_dropped_not_held(tmp_path):
    p = tmp_path / "bomb.jsonl.gz"
    p.write_bytes(gzip.compress((GOOD + "\n").encode()) + gzip.compress(b"{") + gzip.compress(b"\x00" * (1 << 20)) * 64
                  + gzip.compress(b"\n" + json.dumps({"id": "after", "text": "After the bomb."}).encode()))
    arts, skipped = _read(p)
    assert [a.id for a in arts] == ["good", "after"]
    _one_skip(skipped, "over the per-record cap", line=2)


def test_compressed_inputs_are_read(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress((GOOD + "\n").encode()))
    (tmp_path / "b.json.gz").write_bytes(gzip.compress(json.dumps([{"id": "b", "text": "List item."}]).encode()))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(b"Title\n\nText body."))
    (tmp_path / "d.rss.gz").write_bytes(gzip.compress(RSS_ITEM.format(title="T", desc="Body").encode()))
    (tmp_path / "e.jsonl.gz").write_bytes(b"not gzip at all")
    arts, skipped = _read(tmp_path)
    assert sorted(a.id for a in arts) == ["b", "c", "good", "r-1", "r-2"]
    assert len(skipped) == 1 and "cannot decompress" in skipped[0].reason


def test_max_bytes_is_per_record_not_per_jsonl_file(tmp_path):
    p = tmp_path / "many.jsonl"
    line = {"id": "", "text": "Small article text. " * 20}
    with p.open("w", encoding="utf-8") as fh:
        for i in range(14_000):
            fh.write(json.dumps({**line, "id": f"n{i}"}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": "z" * 6_000_000}) + "\n")
    assert p.stat().st_size > 5_400_000
    arts, skipped = _read(p)
    assert len(arts) == 14_000
    _one_skip(skipped, "over the per-record cap of 5000000", line=14_001)


def test_article_text_over_the_per_article_cap_is_refused_early(tmp_path):
    p = tmp_path / "long.jsonl"
    p.write_text(json.dumps({"id": "long", "text": "word " * 300_000}) + "\n" + GOOD + "\n", encoding="utf-8")
    arts, skipped = _read(p, max_article_chars=1_000_000)
    assert [a.id for a in arts] == ["good"]
    _one_skip(skipped, "over the per-article cap of 1000000")


def test_skip_messages_do_not_copy_the_input(tmp_path):
    p = tmp_path / "x.warc"
    p.write_bytes(b"W" * 200_000)
    (tmp_path / "y.jsonl").write_text('{"id": "' + "q" * 100_000 + '", "text": 5}\n', encoding="utf-8")
    _arts, skipped = _read(tmp_path)
    assert len(skipped) == 2 and all(len(s.reason) < 200 for s in skipped)


def test_a_reader_bug_costs_one_file_not_the_run(tmp_path, monkeypatch):
    import newstrace.ingest as ingest

    (tmp_path / "a.txt").write_text("T\n\nBody a.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "c.txt").write_text("T\n\nBody c.", encoding="utf-8")

    def boom(f, lim, **kw):
        raise KeyError("a bug")
        yield  # pragma: no cover

    monkeypatch.setitem(ingest._READERS, ".html", boom)
    arts, skipped = _read(tmp_path)
    assert [a.id for a in arts] == ["a", "c"] and "could not be read (KeyError" in skipped[0].reason


def test_a_bad_file_does_not_stop_the_run_and_reruns_complete(tmp_path, tmp_store):
    """End to end: one hostile file among good ones; the run goes on, every good
    article is stored, the re-run adds nothing and crashes nowhere."""
    from newstrace import PipelineOptions, analyze

    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "dam.txt").write_text("Dam talks\n\nThe talks on the dam went on.", encoding="utf-8")
    (tmp_path / "deep.jsonl").write_text('{"id": "d", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
                                         + GOOD + "\n", encoding="utf-8")
    (tmp_path / "sur.jsonl").write_text('{"id": "s", "text": "\\ud800"}\n', encoding="utf-8")
    (tmp_path / "feed.rss").write_text(RSS_ITEM.format(title="&#xD800;", desc="x&lt;br&gt;\x01"), encoding="utf-8")
    opts = PipelineOptions(use_models=False, encoder="none", now="2026-01-01")
    s1 = analyze([str(tmp_path)], tmp_store, opts)
    assert s1.added == 4 and s1.skipped == 2
    s2 = analyze([str(tmp_path)], tmp_store, opts)
    assert (s2.added, s2.unchanged, s2.skipped) == (0, 4, 2)
    assert tmp_store.article_ids() == ["dam", "good", "r-1", "r-2"]


def test_warc_records_with_bad_charsets_are_skipped_one_by_one(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = ("<html><body><article><p>" + "Words of a crawled article for the extractor to keep. " * 4
            + "</p></article></body></html>")
    p = tmp_path / "c.warc.gz"
    with open(p, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i, (ctype, payload) in enumerate([("text/html; charset=klingon", body.encode()),
                                              ("text/html; charset=utf-8", b"\xff\xfe" + body.encode()),
                                              ("text/html; charset=utf-8", body.encode())]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            w.write_record(w.create_warc_record(f"https://x.example/{i}", "response",
                                                payload=BytesIO(payload), http_headers=headers))
    arts, skipped = _read(p)
    assert [a.id for a in arts] == ["https://x.example/2"]
    assert len(skipped) == 2 and all("undecodable" in s.reason for s in skipped)


def test_a_4_9_mb_english_article_is_refused_before_the_stages(tmp_path, tmp_store):
    """Under the 5 MB per-record cap, over the per-article cap: refused at once with a
    reason, instead of reaching spaCy (172 s, then a failure at 1,000,000 characters)."""
    from newstrace import PipelineOptions, analyze

    (tmp_path / "in").mkdir()
    sentence = "The minister said on Monday that the talks on the dam would resume next week. "
    (tmp_path / "in" / "long.txt").write_text("A very long article\n\n" + sentence * 62_000, encoding="utf-8")
    (tmp_path / "in" / "short.txt").write_text("A short one\n\n" + sentence, encoding="utf-8")
    assert 4_800_000 < (tmp_path / "in" / "long.txt").stat().st_size < 5_000_000
    t0 = time.process_time()
    s = analyze([str(tmp_path / "in")], tmp_store, PipelineOptions(use_models=False, encoder="none", now="2026-01-01"))
    assert time.process_time() - t0 < 60
    assert s.added == 1 and s.skipped == 1
    assert "over the per-article cap of 1000000 (raise it with --max-article-chars)" in s.skipped_items[0]["reason"]
