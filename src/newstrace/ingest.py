"""Read inputs into raw `Article` records: .txt, .html/.htm, .jsonl/.json, .warc(.gz),
and news feeds (RSS 0.9x/1.0/2.0 and Atom in .rss/.atom/.xml, JSON Feed in .json).

`iter_inputs(paths, ...)` yields `Article` (raw: ``raw_text`` set, ``text`` empty) or
`SkippedInput` (the file or line that could not be read, and why). Nothing here raises
for bad input: every rejection carries its reason.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .errors import SkippedInput
from .records import Article

LOGGER = logging.getLogger(__name__)

__all__ = ["SUFFIXES", "InputFile", "find_inputs", "iter_inputs", "read_file"]

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000

_JSON_KNOWN = {"id", "text", "title", "url", "outlet", "lang", "published"}


@dataclass(slots=True, frozen=True)
class InputFile:
    path: Path
    root: Path  # ids are relative to this


def _suffix(p: Path) -> str:
    name = p.name.lower()
    for s in SUFFIXES:
        if name.endswith(s):
            return s
    return ""


def find_inputs(paths: list[str]) -> tuple[list[InputFile], list[SkippedInput]]:
    """Expand files and folders (recursively) into the readable inputs, sorted."""
    found: list[InputFile] = []
    missing: list[SkippedInput] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and _suffix(f) and not any(part.startswith(".") for part in f.relative_to(path).parts):
                    found.append(InputFile(f, path))
        elif path.is_file():
            if _suffix(path):
                found.append(InputFile(path, path.parent))
            else:
                missing.append(SkippedInput(str(path), f"unsupported file type {path.suffix!r}; "
                                            f"newstrace reads {', '.join(SUFFIXES)}"))
        else:
            missing.append(SkippedInput(str(path), "no such file or folder"))
    return found, missing


def content_hash(*parts: Any) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(json.dumps(p, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def _decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:8192]:
        raise SkippedInput(path, "binary content (NUL bytes); not a text article")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SkippedInput(
            path, f"undecodable bytes at offset {e.start} (not UTF-8); convert the file to UTF-8"
        ) from None


def _read_bytes(f: InputFile, max_bytes: int) -> bytes:
    size = f.path.stat().st_size
    if size == 0:
        raise SkippedInput(str(f.path), "empty file")
    if size > max_bytes:
        raise SkippedInput(str(f.path), f"file is {size} bytes, over the cap of {max_bytes} "
                                        "(raise it with --max-bytes)")
    return f.path.read_bytes()


def _rel_id(f: InputFile) -> str:
    rel = f.path.relative_to(f.root).as_posix()
    for s in SUFFIXES:
        if rel.lower().endswith(s):
            return rel[: -len(s)]
    return rel


_SENT_END = re.compile(r"[.;:,]$")


def split_title(raw: str) -> tuple[str | None, str]:
    """The title-line rule for .txt: the first line is the title when it looks like one
    (short, not ending a sentence, followed by a line break); otherwise there is none."""
    stripped = raw.lstrip("\ufeff\n\r ")
    first, sep, rest = stripped.partition("\n")
    line = first.strip()
    if not sep or not rest.strip() or not line:
        return None, stripped
    words = line.split()
    sentences_inside = len(re.findall(r"[.!?]\s+[A-Z\u00C0-\u024F]", line))
    looks_like_title = (
        len(line) <= 200 and len(words) <= 30 and not _SENT_END.search(line)
        and sentences_inside == 0
    )
    if looks_like_title:
        return line, rest
    return None, stripped


def _read_txt(f: InputFile, max_bytes: int) -> Iterator[Article]:
    text = _decode(_read_bytes(f, max_bytes), str(f.path))
    if not text.strip():
        raise SkippedInput(str(f.path), "no text (only whitespace)")
    title, body = split_title(text)
    yield Article(
        id=_rel_id(f), text="", title=title, source=str(f.path), raw_text=body,
        content_hash=content_hash("txt", text),
    )


def _read_html(f: InputFile, max_bytes: int, *, html: str | None = None, url: str | None = None,
               article_id: str | None = None, source: str | None = None) -> Iterator[Article]:
    import trafilatura

    if html is None:
        html = _decode(_read_bytes(f, max_bytes), str(f.path))
    where = source or str(f.path)
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=False, deduplicate=False, as_dict=False,
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise SkippedInput(where, "no main text found in the HTML page")
    meta: dict[str, Any] = {}
    for k in ("author", "description", "sitename", "hostname", "categories", "tags"):
        v = getattr(doc, k, None)
        if v:
            meta[k] = v
    date = getattr(doc, "date", None)
    yield Article(
        id=article_id or _rel_id(f), text="", title=getattr(doc, "title", None) or None,
        source=where, url=url or getattr(doc, "url", None) or None,
        outlet=getattr(doc, "sitename", None) or None,
        outlet_source="metadata" if getattr(doc, "sitename", None) else None,
        published=date or None, published_source="html-metadata:trafilatura" if date else None,
        raw_text=body, meta=meta, content_hash=content_hash("html", html, url),
    )


def _json_record(obj: Any, path: str, line: int | None) -> Article:
    if not isinstance(obj, dict):
        raise SkippedInput(path, f"expected a JSON object, got {type(obj).__name__}", line)
    missing = [k for k in ("id", "text") if k not in obj or obj[k] in (None, "")]
    if missing:
        raise SkippedInput(path, f"missing required field(s): {', '.join(missing)}", line)
    if not isinstance(obj["text"], str):
        raise SkippedInput(path, "field 'text' must be a string", line)
    for k in ("title", "url", "outlet", "lang", "published"):
        if obj.get(k) is not None and not isinstance(obj[k], str):
            raise SkippedInput(path, f"field {k!r} must be a string", line)
    meta = {k: v for k, v in obj.items() if k not in _JSON_KNOWN}
    if obj.get("lang"):
        meta["declared_lang"] = obj["lang"]
    return Article(
        id=str(obj["id"]), text="", title=obj.get("title") or None, source=path,
        url=obj.get("url") or None, outlet=obj.get("outlet") or None,
        outlet_source="metadata" if obj.get("outlet") else None,
        published=obj.get("published") or None,
        published_source="jsonl:published" if obj.get("published") else None,
        raw_text=obj["text"], meta=meta, content_hash=content_hash("json", obj),
    )


def _read_json(f: InputFile, max_bytes: int) -> Iterator[Article | SkippedInput]:
    path = str(f.path)
    text = _decode(_read_bytes(f, max_bytes), path)
    stripped = text.lstrip()
    if not stripped:
        raise SkippedInput(path, "no content (only whitespace)")
    whole: Any = None
    if stripped.startswith("{") and "\n" in stripped.rstrip():
        # one pretty-printed object (a JSON Feed or a single record), or JSON lines
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None
    if isinstance(whole, dict):
        if "jsonfeed.org" in str(whole.get("version", "")):
            yield from _json_feed(whole, f, path)
            return
        try:
            yield _json_record(whole, path, None)
        except SkippedInput as e:
            yield e
        return
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SkippedInput(path, f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
        for i, obj in enumerate(data, 1):
            try:
                yield _json_record(obj, path, i)
            except SkippedInput as e:
                yield e
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield SkippedInput(path, f"malformed JSON line: {e.msg} at column {e.colno}", lineno)
            continue
        try:
            yield _json_record(obj, path, lineno)
        except SkippedInput as e:
            yield e


def _read_warc(f: InputFile, max_bytes: int) -> Iterator[Article | SkippedInput]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:  # pragma: no cover - warcio is a core dependency
        raise SkippedInput(str(f.path), "reading WARC needs warcio: pip install warcio") from None
    path = str(f.path)
    opener = gzip.open if f.path.name.lower().endswith(".gz") else open
    n = 0
    with opener(f.path, "rb") as fh:
        try:
            for rec in ArchiveIterator(fh):
                if rec.rec_type != "response":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
                if "html" not in ctype.lower():
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}#{url}"
                n += 1
                data = rec.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield SkippedInput(where, f"record over the cap of {max_bytes} bytes")
                    continue
                charset = "utf-8"
                m = re.search(r"charset=([\w-]+)", ctype)
                if m:
                    charset = m.group(1)
                try:
                    html = data.decode(charset, errors="strict")
                except (UnicodeDecodeError, LookupError):
                    yield SkippedInput(where, f"undecodable bytes for charset {charset}")
                    continue
                try:
                    yield from _read_html(f, max_bytes, html=html, url=url, article_id=url, source=where)
                except SkippedInput as e:
                    yield e
        except Exception as e:  # warcio raises plain exceptions on corrupt archives
            yield SkippedInput(path, f"corrupt WARC after {n} records: {e}")


# Elements after which the text of a feed entry's HTML starts a new line (paragraph).
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2", "h3",
                         "h4", "h5", "h6", "pre", "table", "tr", "figure", "figcaption",
                         "section", "article", "header", "footer", "dd", "dt", "hr"})


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content or summary): one line per
    block element, whitespace collapsed, scripts and styles dropped. Plain text passes
    through (entities unescaped)."""
    import html as htmllib

    if "<" not in fragment:
        return "\n".join(" ".join(line.split()) for line in htmllib.unescape(fragment).splitlines()
                         if line.strip())
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for el in list(root.iter()):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript", "iframe"):
            el.drop_tree()
        elif tag in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _struct_iso(t: Any) -> str | None:
    """feedparser's UTC time tuple as ISO 8601, or None."""
    if not t:
        return None
    try:
        return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}T{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}Z"
    except AttributeError:
        return None


def _feed_article(where: str, i: int, empty: str, *, eid: str, title: str | None,
                  url: str | None, texts: list[tuple[str, str]], published: str | None,
                  source: str, feed_title: str | None, author: str | None,
                  tags: list[str]) -> Article:
    """One feed entry (RSS/Atom or JSON Feed) as a raw article: the longest of its texts
    ``(kind, text)``; ``empty`` is the skip reason when it has none."""
    kind, body = max(texts, key=lambda kt: len(kt[1]), default=("", ""))
    if not body.strip():
        raise SkippedInput(where, empty, i)
    meta: dict[str, Any] = {"feed_text": kind, "feed_entry": i}
    if feed_title:
        meta["feed"] = feed_title
    if author:
        meta["author"] = author
    if tags:
        meta["tags"] = tags
    return Article(
        id=eid, text="", title=title, source=f"{where}#{i}", url=url,
        outlet=feed_title, outlet_source="feed" if feed_title else None,
        published=published, published_source=source if published else None,
        raw_text=body, meta=meta, content_hash=content_hash("feed", eid, title, body, published),
    )


def _feed_entry(entry: Any, i: int, f: InputFile, where: str, feed_title: str | None
                ) -> Article:
    texts = [("content", fragment_text(c.get("value") or "")) for c in entry.get("content") or []]
    if entry.get("summary"):
        texts.append(("summary", fragment_text(entry["summary"])))
    link = entry.get("link") or None
    published, source = _struct_iso(entry.get("published_parsed")), "feed:published"
    if published is None:
        published, source = _struct_iso(entry.get("updated_parsed")), "feed:updated"
    return _feed_article(
        where, i, f"feed entry {i} has no text (no content or summary)", eid=str(entry.get("id") or link or f"{_rel_id(f)}#{i}"),
        title=fragment_text(entry.get("title") or "") or None, url=link, texts=texts,
        published=published, source=source, feed_title=feed_title,
        author=entry.get("author") or None,
        tags=[t.get("term") for t in entry.get("tags") or [] if t.get("term")])


def _read_feed(f: InputFile, max_bytes: int) -> Iterator[Article | SkippedInput]:
    """RSS/Atom through feedparser. The bytes are parsed, never a path or URL (feedparser
    would fetch a URL); feedparser sanitises entry HTML and does not resolve external
    entities."""
    import feedparser

    path = str(f.path)
    data = _read_bytes(f, max_bytes)
    doc = feedparser.parse(data)
    entries = doc.get("entries") or []
    if not doc.get("version") and not entries:
        why = f": {doc.get('bozo_exception')}" if doc.get("bozo") else ""
        raise SkippedInput(path, f"not an RSS or Atom feed{why}")
    feed_title = fragment_text(doc.feed.get("title") or "") or None
    if not entries:
        raise SkippedInput(path, "feed has no entries")
    for i, entry in enumerate(entries, 1):
        try:
            yield _feed_entry(entry, i, f, path, feed_title)
        except SkippedInput as e:
            yield e


def _json_feed(obj: dict, f: InputFile, path: str) -> Iterator[Article | SkippedInput]:
    """JSON Feed 1.x (https://jsonfeed.org): items with content_html/content_text."""
    def text(d: dict, key: str) -> str | None:
        return d[key] if isinstance(d.get(key), str) else None

    feed_title = text(obj, "title")
    items = obj.get("items")
    if not isinstance(items, list):
        yield SkippedInput(path, "JSON Feed without an 'items' list")
        return
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            yield SkippedInput(path, f"JSON Feed item {i} is not an object", i)
            continue
        url = text(item, "url")
        published, source = text(item, "date_published"), "feed:published"
        if published is None:
            published, source = text(item, "date_modified"), "feed:updated"
        authors = [a.get("name") for a in item.get("authors") or [] if isinstance(a, dict) and a.get("name")]
        try:
            yield _feed_article(
                path, i, f"JSON Feed item {i} has no text", eid=str(item.get("id") or url or f"{_rel_id(f)}#{i}"),
                title=text(item, "title") or None, url=url,
                texts=[(k, fragment_text(v)) for k in ("content_html", "content_text", "summary")
                       if (v := text(item, k)) is not None],
                published=published, source=source, feed_title=feed_title,
                author=", ".join(authors) or None,
                tags=[t for t in item.get("tags") or [] if isinstance(t, str)])
        except SkippedInput as e:
            yield e


def read_file(f: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | SkippedInput]:
    """Yield the raw articles of one input file, or the reasons they were skipped."""
    suffix = _suffix(f.path)
    reader = {
        ".txt": _read_txt, ".html": _read_html, ".htm": _read_html,
        ".jsonl": _read_json, ".json": _read_json, ".ndjson": _read_json,
        ".warc": _read_warc, ".warc.gz": _read_warc,
        ".rss": _read_feed, ".atom": _read_feed, ".xml": _read_feed,
    }[suffix]
    try:
        yield from reader(f, max_bytes)
    except SkippedInput as e:
        yield e
    except OSError as e:
        yield SkippedInput(str(f.path), f"cannot read: {e.strerror or e}")


def iter_inputs(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | SkippedInput]:
    files, missing = find_inputs(paths)
    yield from missing
    for f in files:
        yield from read_file(f, max_bytes)


def count_inputs(paths: list[str]) -> int:
    files, _ = find_inputs(paths)
    return len(files)

