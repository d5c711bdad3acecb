"""Issue 12: fuzz every reader (hypothesis, derandomized, small budgets: a few seconds in
all). Whatever the bytes, a reader yields articles that can be stored and skipped
records with a path and a short reason, and never raises. The named cases of the issue
are regression tests in test_ingest_robust.py."""
from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newstrace.errors import MAX_REASON_CHARS, SkippedInput
from newstrace.ingest import InputFile, Limits, read_file
from newstrace.records import Article

pytestmark = pytest.mark.issue(12)

FUZZ = settings(max_examples=40, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LIMITS = Limits(max_bytes=200_000, max_file_bytes=2_000_000, max_article_chars=100_000)

# Pieces hostile input is made of: control characters, lone surrogates as escapes and
# character references, deep nesting, long numbers, markup fragments, odd Unicode.
NASTY = ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\ud800", "\udfff", "\ufeff", "\ufffe", "\u202e", "\u2028",
         "&#xD800;", "&#0;", "&#x110000;", "&amp;", "<br>", "<p>", "</p>", "<script>", "<![CDATA[", "]]>",
         "\\ud800", "\\u0000", '"', "{", "}", "[", "]", "9" * 50, "\n", "\r\n", "é", "字", "ي", "𝔘"]
texty = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=20)), max_size=25).map("".join)


def _write(data: bytes, suffix: str) -> Path:
    d = Path(tempfile.mkdtemp(prefix="fuzz-"))
    p = d / f"input{suffix}"
    p.write_bytes(data)
    return p


def _check(path: Path) -> list:
    items = list(read_file(InputFile(path, path.parent), limits=LIMITS))
    for it in items:
        assert isinstance(it, (Article, SkippedInput))
        if isinstance(it, Article):
            for v in (it.id, it.title, it.raw_text, it.url, it.outlet, it.published, it.source):
                if v is not None:
                    v.encode("utf-8")
            json.dumps(it.meta, ensure_ascii=False).encode("utf-8")
            assert it.id and len(it.raw_text) <= LIMITS.max_article_chars
        else:
            assert it.path and len(it.reason) <= MAX_REASON_CHARS + 1
            it.reason.encode("utf-8")
            it.path.encode("utf-8")
    return items


def _encode(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".jsonl", ".json", ".rss", ".xml",
                                                    ".warc", ".warc.gz", ".jsonl.gz", ".txt.gz"]))
def test_random_bytes_in_every_format(data, suffix):
    _check(_write(data, suffix))


@FUZZ
@given(texty, st.sampled_from([".txt", ".html", ".jsonl", ".json", ".rss", ".atom"]))
@example("{" * 5000, ".json")
@example("[" * 100_000, ".jsonl")
def test_hostile_text_in_every_format(text, suffix):
    _check(_write(_encode(text), suffix))


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texty),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(texty, children, max_size=4)),
    max_leaves=20)


@FUZZ
@given(st.dictionaries(st.sampled_from(["id", "text", "title", "url", "outlet", "lang", "published", "x"]),
                       json_values, max_size=8))
def test_json_records_of_any_shape(record):
    lines = json.dumps(record) + "\n" + json.dumps({"id": "ok", "text": "A good record."}) + "\n"
    items = _check(_write(lines.encode(), ".jsonl"))
    assert "ok" in [a.id for a in items if isinstance(a, Article)]  # the good record survives


@FUZZ
@given(st.dictionaries(st.sampled_from(["id", "url", "title", "content_html", "content_text", "summary",
                                        "date_published", "date_modified", "authors", "author", "tags"]),
                       json_values, max_size=8), json_values)
def test_json_feed_items_of_any_shape(item, title):
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": title,
            "items": [item, {"id": "ok", "content_text": "A good item."}]}
    items = _check(_write(json.dumps(feed, indent=1).encode(), ".json"))
    assert "ok" in [a.id for a in items if isinstance(a, Article)]


@FUZZ
@given(texty, texty, texty, st.booleans())
def test_rss_entries_with_hostile_fields(title, description, guid, raw_refs):
    def esc(s: str) -> str:  # character references are left as written (or escaped)
        s = s if raw_refs else s.replace("&", "&amp;")
        return s.replace("<", "&lt;")

    rss = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{esc(title)}</title>'
           f"<item><guid>{esc(guid)}</guid><title>{esc(title)}</title><description>{esc(description)}"
           "</description></item><item><guid>ok</guid><description>A good entry.</description></item>"
           "</channel></rss>")
    items = _check(_write(_encode(rss), ".rss"))
    assert "ok" in [a.id for a in items if isinstance(a, Article)]


@FUZZ
@given(texty, st.binary(max_size=500))
def test_warc_records_with_hostile_payloads(text, raw):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = _write(b"", ".warc.gz")
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i, payload in enumerate([_encode(f"<html><body><p>{text}</p></body></html>"), raw]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            w.write_record(w.create_warc_record(f"https://x.example/{i}", "response",
                                                payload=BytesIO(payload), http_headers=headers))
    _check(path)


@FUZZ
@given(st.binary(max_size=2000), st.integers(0, 200))
def test_truncated_and_corrupt_gzip(data, cut):
    blob = gzip.compress(data + b'\n{"id": "x", "text": "y"}\n')
    _check(_write(blob[: max(0, len(blob) - cut)], ".jsonl.gz"))
