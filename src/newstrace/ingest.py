"""Read inputs into raw `Article` records: .txt, .html/.htm, .jsonl/.json, .warc(.gz).

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
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + WARC_SUFFIXES
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
    if stripped.startswith("[") :
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


def read_file(f: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | SkippedInput]:
    """Yield the raw articles of one input file, or the reasons they were skipped."""
    suffix = _suffix(f.path)
    reader = {
        ".txt": _read_txt, ".html": _read_html, ".htm": _read_html,
        ".jsonl": _read_json, ".json": _read_json, ".ndjson": _read_json,
        ".warc": _read_warc, ".warc.gz": _read_warc,
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

