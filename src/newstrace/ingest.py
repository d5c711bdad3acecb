"""Read inputs into raw `Article` records: .txt, .html/.htm, .jsonl/.json, .warc(.gz),
and news feeds (RSS 0.9x/1.0/2.0 and Atom in .rss/.atom/.xml, JSON Feed in .json); any
of them may be gzip-compressed (``NAME.jsonl.gz``, ``NAME.txt.gz`` ...).

`iter_inputs(paths, ...)` yields `Article` (raw: ``raw_text`` set, ``text`` empty) or
`SkippedInput` (the file or line that could not be read, and why). Nothing here raises
for bad input: every rejection carries its reason, and a file that fails half-way keeps
the records read before the failure.

Caps (every one is a skip reason when reached, never a crash or an unbounded read):

- ``max_bytes`` (``--max-bytes``, `DEFAULT_MAX_BYTES`): one record's input: a .txt or
  .html file, one JSON line, one WARC record, one JSON Feed or RSS item's HTML;
- ``max_file_bytes`` (``--max-file-bytes``, `DEFAULT_MAX_FILE_BYTES`): one file's bytes
  after decompression (gzip bombs stop there); JSON lines and WARC are streamed, so
  memory stays bounded by ``max_bytes``; documents that must be parsed whole (a JSON
  list, a pretty-printed JSON object, a JSON Feed, an RSS/Atom feed) are also capped at
  `MAX_WHOLE_DOC_BYTES`;
- ``max_article_chars`` (``--max-article-chars``, `DEFAULT_MAX_ARTICLE_CHARS`): one
  article's text, in characters, so that nothing unbounded reaches the stages;
- `MAX_JSON_DEPTH` nesting levels in a JSON record, `MAX_ID_CHARS` characters in an id.
"""
from __future__ import annotations

import errno
import hashlib
import io
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ._ingest_io import OverCap, bad_unicode, iter_lines, json_depth, open_input, read_capped
from .errors import SkippedInput, printable, short
from .records import Article

LOGGER = logging.getLogger(__name__)

__all__ = ["DEFAULT_MAX_ARTICLE_CHARS", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_FILE_BYTES",
           "MAX_WHOLE_DOC_BYTES", "STUB", "SUFFIXES", "UNCHANGED", "InputFile", "Limits", "Unchanged", "find_inputs",
           "is_stub", "iter_inputs", "read_file"]

#: ``unchanged(article_id, content_hash)``: whether the store already holds this article
#: with this hash. HTML pages (files and WARC records) are hashed before their text is
#: extracted, and an unchanged page is not extracted again (trafilatura is the slowest
#: reader): it is yielded as a stub, an `Article` with its id, source, URL and hash,
#: no text, and ``meta[UNCHANGED]`` set to `STUB` (an object no input can carry), which
#: the pipeline counts as unchanged. `is_stub` tells them apart.
Unchanged = Callable[[str, str], bool]
UNCHANGED = "unchanged_input"
STUB = object()


def is_stub(a: Article) -> bool:
    """Whether ``a`` is the stub of an unchanged HTML page (no text was extracted)."""
    return isinstance(a.meta, dict) and a.meta.get(UNCHANGED) is STUB

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES
_BASE_SUFFIXES = tuple(s for s in SUFFIXES if not s.endswith(".gz"))
GZIP_SUFFIX = ".gz"

#: One record's input (a file of one article, a JSON line, a WARC record), in bytes.
DEFAULT_MAX_BYTES = 5_000_000
#: One file's bytes after decompression.
DEFAULT_MAX_FILE_BYTES = 2_000_000_000
#: Documents parsed whole (JSON list or object, JSON Feed, RSS/Atom) in bytes.
MAX_WHOLE_DOC_BYTES = 256_000_000
#: One article's raw text, in characters (a long novel is ~1,000,000; news is < 100,000).
DEFAULT_MAX_ARTICLE_CHARS = 1_000_000
#: Nesting levels of a JSON record (objects and lists); deeper is not an article.
MAX_JSON_DEPTH = 32
#: Characters in an article id.
MAX_ID_CHARS = 2000

_JSON_KNOWN = {"id", "text", "title", "url", "outlet", "lang", "published"}


@dataclass(slots=True, frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS

    @property
    def whole_doc(self) -> int:
        return min(self.max_file_bytes, MAX_WHOLE_DOC_BYTES)


@dataclass(slots=True, frozen=True)
class InputFile:
    path: Path
    root: Path  # ids are relative to this

    @property
    def where(self) -> str:
        """The path as printable text (a name that is not UTF-8 shows its bytes as \\xNN)."""
        return printable(str(self.path))


def _suffix(p: Path) -> tuple[str, bool]:
    """(format suffix, gzip-compressed) of a file name; ("", ...) when not readable."""
    name = p.name.lower()
    gz = name.endswith(GZIP_SUFFIX)
    base = name[: -len(GZIP_SUFFIX)] if gz else name
    for s in _BASE_SUFFIXES:
        if base.endswith(s) and len(base) > len(s):
            return s, gz
    return "", gz


def _unsupported(path: Path) -> SkippedInput:
    ext = "".join(path.suffixes[-2:]) if path.name.lower().endswith(GZIP_SUFFIX) else path.suffix
    return SkippedInput(str(path), f"unsupported file type {ext or '(no extension)'} "
                                   "(see `newstrace analyze --help` for the formats read)")


def _stat_problem(path: Path, e: OSError) -> SkippedInput:
    if e.errno == errno.ELOOP:
        return SkippedInput(str(path), "symbolic link loop")
    if e.errno == errno.ENOENT:
        why = "broken symbolic link" if path.is_symlink() else "no such file or folder"
        return SkippedInput(str(path), why)
    if e.errno in (errno.EACCES, errno.EPERM):
        return SkippedInput(str(path), "permission denied")
    return SkippedInput(str(path), f"cannot read: {e.strerror or e}")


def _walk(root: Path, found: list[InputFile], skipped: list[SkippedInput]) -> None:
    """Files under ``root`` (hidden files and folders left out; symbolic links to folders
    are not followed, so a link loop cannot recur)."""
    def onerror(e: OSError) -> None:
        skipped.append(_stat_problem(Path(e.filename or root), e))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        for d in list(dirnames):
            if (here / d).is_symlink():
                dirnames.remove(d)
                skipped.append(SkippedInput(str(here / d), "symbolic link to a folder (not followed)"))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            f = here / name
            try:
                st = f.stat()
            except OSError as e:
                skipped.append(_stat_problem(f, e))
                continue
            if not _is_regular(st):
                skipped.append(SkippedInput(str(f), "not a regular file (device, socket or pipe)"))
            elif _suffix(f)[0]:
                found.append(InputFile(f, root))
            else:
                skipped.append(_unsupported(f))


def _is_regular(st: os.stat_result) -> bool:
    import stat

    return stat.S_ISREG(st.st_mode)


def find_inputs(paths: list[str]) -> tuple[list[InputFile], list[SkippedInput]]:
    """Expand files and folders (recursively) into the readable inputs, sorted; every
    other file (unsupported type, unreadable, link loop) is a `SkippedInput`."""
    found: list[InputFile] = []
    skipped: list[SkippedInput] = []
    for p in paths:
        path = Path(p)
        try:
            st = path.stat()
        except OSError as e:
            skipped.append(_stat_problem(path, e))
            continue
        if path.is_dir():
            part: list[InputFile] = []
            _walk(path, part, skipped)
            found += sorted(part, key=lambda f: str(f.path))
        elif not _is_regular(st):
            skipped.append(SkippedInput(str(path), "not a regular file (device, socket or pipe)"))
        elif _suffix(path)[0]:
            found.append(InputFile(path, path.parent))
        else:
            skipped.append(_unsupported(path))
    return found, skipped


def content_hash(*parts: Any) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(json.dumps(p, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not data.startswith(b"\xff\xfe\x00\x00"):
        try:  # UTF-16 with a byte order mark (UTF-32 is not read)
            text = data.decode("utf-16")
            if "\x00" not in text[:4096]:
                return text
        except UnicodeDecodeError:
            pass
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


def _open(f: InputFile, lim: Limits, **kw: Any):
    return open_input(f.path, _suffix(f.path)[1], lim.max_file_bytes, what=f.where, **kw)


def _read_bytes(f: InputFile, lim: Limits, cap: int | None = None, what: str = "file") -> bytes:
    """The whole file (decompressed), when it has at most ``cap`` (default: the
    per-record cap) bytes."""
    cap = lim.max_bytes if cap is None else cap
    flag = "--max-bytes" if cap == lim.max_bytes else "--max-file-bytes"
    gz = _suffix(f.path)[1]
    if not gz:
        size = f.path.stat().st_size
        if size == 0:
            raise SkippedInput(f.where, "empty file")
        if size > cap:
            raise SkippedInput(f.where, f"{what} is {size} bytes, over the cap of {cap} (raise it with {flag})")
    with _open(f, lim) as stream:
        data = read_capped(stream, cap)
    if data is None:
        raise SkippedInput(f.where, f"{what} is over the cap of {cap} bytes{' once decompressed' if gz else ''} "
                                    f"(raise it with {flag})")
    if not data:
        raise SkippedInput(f.where, "empty file" + (" (after decompression)" if gz else ""))
    return data


def _rel_id(f: InputFile) -> str:
    rel = printable(f.path.relative_to(f.root).as_posix())
    low = rel.lower()
    if low.endswith(GZIP_SUFFIX):
        rel, low = rel[: -len(GZIP_SUFFIX)], low[: -len(GZIP_SUFFIX)]
    for s in _BASE_SUFFIXES:
        if low.endswith(s):
            return rel[: -len(s)]
    return rel


def _final(a: Article, lim: Limits, where: str, line: int | None = None) -> Article | SkippedInput:
    """The checks every raw article passes before it reaches the stages: text fields that
    can be stored (no lone surrogates), a usable id, a text under the per-article cap."""
    for name in ("id", "title", "url", "outlet", "published", "raw_text", "source"):
        v = getattr(a, name)
        if v is None:
            continue
        if not isinstance(v, str):
            return SkippedInput(where, f"field {name!r} is not text", line)
        try:
            v.encode("utf-8")
        except UnicodeEncodeError as e:
            return SkippedInput(where, f"invalid Unicode in the {name}: a lone surrogate "
                                       f"(\\u{ord(v[e.start]):04x}) at character {e.start}", line)
    bad = bad_unicode(a.meta)
    if bad is not None:
        return SkippedInput(where, f"invalid Unicode (a lone surrogate) in field {bad!r}", line)
    if not a.id.strip():
        return SkippedInput(where, "empty article id", line)
    if len(a.id) > MAX_ID_CHARS:
        return SkippedInput(where, f"article id is {len(a.id)} characters, over {MAX_ID_CHARS}", line)
    if len(a.raw_text) > lim.max_article_chars:
        return SkippedInput(where, f"article text is {len(a.raw_text)} characters, over the per-article cap "
                                   f"of {lim.max_article_chars} (raise it with --max-article-chars)", line)
    return a


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


def _read_txt(f: InputFile, lim: Limits) -> Iterator[Article | SkippedInput]:
    text = _decode(_read_bytes(f, lim), f.where)
    if not text.strip():
        raise SkippedInput(f.where, "no text (only whitespace)")
    title, body = split_title(text)
    yield _final(Article(
        id=_rel_id(f), text="", title=title, source=f.where, raw_text=body,
        content_hash=content_hash("txt", text),
    ), lim, f.where)


def _read_html(f: InputFile, lim: Limits, *, html: str | None = None, url: str | None = None,
               article_id: str | None = None, source: str | None = None,
               unchanged: Unchanged | None = None) -> Iterator[Article | SkippedInput]:
    import trafilatura

    if html is None:
        html = _decode(_read_bytes(f, lim), f.where)
    where = source or f.where
    h = content_hash("html", html, url)
    aid = article_id or _rel_id(f)
    if unchanged is not None and unchanged(aid, h):
        yield Article(id=aid, text="", source=where, url=url, content_hash=h, meta={UNCHANGED: STUB})
        return
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=False, deduplicate=False, as_dict=False,
            date_extraction_params={"extensive_search": True, "original_date": True},
        )
    except RecursionError:
        raise SkippedInput(where, "HTML nested too deeply to extract its text") from None
    except Exception as e:  # trafilatura and lxml raise plain exceptions on hostile pages
        raise SkippedInput(where, f"HTML extraction failed ({type(e).__name__}: {short(e)})") from None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise SkippedInput(where, "no main text found in the HTML page")
    meta: dict[str, Any] = {}
    for k in ("author", "description", "sitename", "hostname", "categories", "tags"):
        v = getattr(doc, k, None)
        if v:
            meta[k] = v
    date = getattr(doc, "date", None)
    yield _final(Article(
        id=aid, text="", title=getattr(doc, "title", None) or None,
        source=where, url=url or getattr(doc, "url", None) or None,
        outlet=getattr(doc, "sitename", None) or None,
        outlet_source="metadata" if getattr(doc, "sitename", None) else None,
        published=date or None, published_source="html-metadata:trafilatura" if date else None,
        raw_text=body, meta=meta, content_hash=h,
    ), lim, where)


def _json_record(obj: Any, path: str, line: int | None, lim: Limits = Limits()) -> Article | SkippedInput:
    if not isinstance(obj, dict):
        return SkippedInput(path, f"expected a JSON object, got {type(obj).__name__}", line)
    if not json_depth(obj, MAX_JSON_DEPTH):
        return SkippedInput(path, f"JSON record nested deeper than {MAX_JSON_DEPTH} levels", line)
    bad = bad_unicode(obj)
    if bad is not None:
        return SkippedInput(path, f"invalid Unicode in field {bad!r}: a lone surrogate escape "
                                  "(such as \\ud800) that is not a character", line)
    missing = [k for k in ("id", "text") if k not in obj or obj[k] in (None, "")]
    if missing:
        return SkippedInput(path, f"missing required field(s): {', '.join(missing)}", line)
    if not isinstance(obj["text"], str):
        return SkippedInput(path, "field 'text' must be a string", line)
    if isinstance(obj["id"], bool) or not isinstance(obj["id"], (str, int)):
        return SkippedInput(path, "field 'id' must be a string or an integer", line)
    for k in ("title", "url", "outlet", "lang", "published"):
        if obj.get(k) is not None and not isinstance(obj[k], str):
            return SkippedInput(path, f"field {k!r} must be a string", line)
    meta = {k: v for k, v in obj.items() if k not in _JSON_KNOWN}
    if obj.get("lang"):
        meta["declared_lang"] = obj["lang"]
    return _final(Article(
        id=str(obj["id"]), text="", title=obj.get("title") or None, source=path,
        url=obj.get("url") or None, outlet=obj.get("outlet") or None,
        outlet_source="metadata" if obj.get("outlet") else None,
        published=obj.get("published") or None,
        published_source="jsonl:published" if obj.get("published") else None,
        raw_text=obj["text"], meta=meta, content_hash=content_hash("json", obj),
    ), lim, path, line)


def _json_error(e: Exception) -> str:
    """Why a JSON text could not be parsed, short."""
    if isinstance(e, json.JSONDecodeError):
        return f"{e.msg} at line {e.lineno} column {e.colno}"
    if isinstance(e, RecursionError):
        return "nested too deeply"
    if isinstance(e, ValueError) and "digits" in str(e):
        return "a number with too many digits"
    return f"{type(e).__name__}: {short(e)}"


_JSON_ERRORS = (ValueError, RecursionError)  # JSONDecodeError is a ValueError


def _starts_whole_document(head: bytes) -> bool:
    """True when a .json/.jsonl file is one JSON document (a list, or an object spread
    over several lines) rather than JSON lines: it starts with '[', or its first line
    starts an object that the line alone does not complete."""
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"["):
        return True
    if not head.startswith(b"{"):
        return False
    first, nl, _rest = head.partition(b"\n")
    if not nl:
        return False  # one long line: a JSON line (or a one-line document, the same thing)
    try:
        json.loads(first)
    except _JSON_ERRORS:
        return True
    except UnicodeDecodeError:
        return False
    return False


def _read_json(f: InputFile, lim: Limits) -> Iterator[Article | SkippedInput]:
    path = f.where
    with _open(f, lim) as raw:
        stream = io.BufferedReader(raw, buffer_size=1 << 16)
        head = stream.peek(1 << 16)[: 1 << 16]
        if not head:
            raise SkippedInput(path, "empty file")
        if _starts_whole_document(head):
            data = read_capped(stream, lim.whole_doc)
            if data is None:
                raise SkippedInput(path, f"JSON document over {lim.whole_doc} bytes: write it as JSON "
                                         "lines (one object per line) to read it as a stream")
            text = _decode(data, path)
            try:
                whole = json.loads(text)
            except _JSON_ERRORS as e:
                if not text.lstrip("\ufeff \t\r\n").startswith("{"):
                    raise SkippedInput(path, f"malformed JSON: {_json_error(e)}") from None
                whole = None  # maybe JSON lines after all: read them one by one below
            if isinstance(whole, dict):
                if "jsonfeed.org" in str(whole.get("version", "")):
                    from ._feeds import json_feed

                    yield from (_final(a, lim, path, a.meta.get("feed_entry")) if isinstance(a, Article) else a
                                for a in json_feed(whole, path, lambda i: f"{_rel_id(f)}#{i}", content_hash))
                    return
                yield _json_record(whole, path, None, lim)
                return
            if isinstance(whole, list):
                for i, obj in enumerate(whole, 1):
                    yield _json_record(obj, path, i, lim)
                return
            if whole is not None:
                raise SkippedInput(path, f"expected a JSON object or list, got {type(whole).__name__}")
            stream = io.BufferedReader(io.BytesIO(data))
        yield from _json_lines(stream, path, lim)


def _json_lines(stream: Any, path: str, lim: Limits) -> Iterator[Article | SkippedInput]:
    content = False
    for lineno, line, size in iter_lines(stream, lim.max_bytes):
        if line is None:
            content = True
            yield SkippedInput(path, f"line is {size} bytes, over the per-record cap of {lim.max_bytes} "
                                     "(raise it with --max-bytes)", lineno)
            continue
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        content = True
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as e:
            yield SkippedInput(path, f"undecodable bytes at offset {e.start} of the line (not UTF-8)", lineno)
            continue
        try:
            obj = json.loads(text)
        except _JSON_ERRORS as e:
            why = _json_error(e)
            if isinstance(e, json.JSONDecodeError):
                why = f"{e.msg} at column {e.colno}"
            yield SkippedInput(path, f"malformed JSON line: {why}", lineno)
            continue
        yield _json_record(obj, path, lineno, lim)
    if not content:
        raise SkippedInput(path, "no content (only whitespace)")


_WARC_MAGIC = (b"WARC/", b"filedesc://")  # WARC, and the older ARC format warcio also reads


def _read_warc(f: InputFile, lim: Limits, unchanged: Unchanged | None = None) -> Iterator[Article | SkippedInput]:
    from warcio.archiveiterator import ArchiveIterator

    path = f.where
    n = 0
    max_line = lim.max_bytes + (1 << 20)
    with _open(f, lim, max_line=max_line) as raw:
        stream = io.BufferedReader(raw, buffer_size=1 << 16)
        head = stream.peek(64)[:64].lstrip(b"\r\n")
        if not head:
            raise SkippedInput(path, "empty file")
        if not head.startswith(_WARC_MAGIC):
            raise SkippedInput(path, f"not a WARC file (it starts with {short(head, 24)})")
        try:
            for rec in ArchiveIterator(stream):
                if rec.rec_type != "response":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
                if "html" not in ctype.lower():
                    continue
                url = printable(rec.rec_headers.get_header("WARC-Target-URI") or "")
                where = f"{path}#{short(url, 300)}"
                n += 1
                data = rec.content_stream().read(lim.max_bytes + 1)
                if len(data) > lim.max_bytes:
                    yield SkippedInput(where, f"record over the cap of {lim.max_bytes} bytes (raise it with --max-bytes)")
                    continue
                if not url:
                    yield SkippedInput(where, "response record without a WARC-Target-URI")
                    continue
                charset = "utf-8"
                m = re.search(r"charset=[\"']?([\w-]+)", ctype)
                if m:
                    charset = m.group(1)
                try:
                    html = data.decode(charset, errors="strict")
                except (UnicodeDecodeError, LookupError):
                    yield SkippedInput(where, f"undecodable bytes for charset {short(charset, 40)}")
                    continue
                try:
                    yield from _read_html(f, lim, html=html, url=url, article_id=url, source=where,
                                          unchanged=unchanged)
                except SkippedInput as e:
                    yield e
        except (OverCap, SkippedInput):
            raise
        except Exception as e:  # warcio raises plain exceptions on corrupt archives
            raise SkippedInput(path, f"corrupt WARC after {n} records ({type(e).__name__}: {short(e)})") from None


def _read_feed(f: InputFile, lim: Limits) -> Iterator[Article | SkippedInput]:
    from ._feeds import read_feed

    data = _read_bytes(f, lim, lim.whole_doc, "feed")
    for a in read_feed(data, f.where, lambda i: f"{_rel_id(f)}#{i}", content_hash):
        yield _final(a, lim, f.where, a.meta.get("feed_entry")) if isinstance(a, Article) else a


_READERS = {
    ".txt": _read_txt, ".html": _read_html, ".htm": _read_html,
    ".jsonl": _read_json, ".json": _read_json, ".ndjson": _read_json,
    ".warc": _read_warc, ".rss": _read_feed, ".atom": _read_feed, ".xml": _read_feed,
}


def read_file(f: InputFile, max_bytes: int = DEFAULT_MAX_BYTES, *,
              limits: Limits | None = None, unchanged: Unchanged | None = None) -> Iterator[Article | SkippedInput]:
    """Yield the raw articles of one input file, or the reasons they were skipped. Never
    raises for what is in the file: a failure half-way keeps what was read before it.
    With ``unchanged``, HTML pages the store holds with the same hash come as stubs
    (see `Unchanged`)."""
    lim = limits or Limits(max_bytes=max_bytes)
    reader = _READERS[_suffix(f.path)[0]]
    done = 0
    kw: dict[str, Any] = {"unchanged": unchanged} if unchanged is not None and reader in (_read_html, _read_warc) else {}
    try:
        for item in reader(f, lim, **kw):
            done += 1
            yield item
    except SkippedInput as e:
        yield e
    except OverCap as e:
        rest = f" after {done} record(s); the rest of the file was not read" if done else ""
        yield SkippedInput(f.where, e.what + rest)
    except OSError as e:
        yield _stat_problem(f.path, e) if e.errno in (errno.EACCES, errno.EPERM, errno.ELOOP, errno.ENOENT) \
            else SkippedInput(f.where, f"cannot read: {e.strerror or short(e)}")
    except (RecursionError, MemoryError) as e:
        yield SkippedInput(f.where, f"too deeply nested or too large to read ({type(e).__name__})")
    except Exception as e:  # a reader bug must cost one file, not the run
        LOGGER.warning("reading %s failed", f.where, exc_info=True)
        yield SkippedInput(f.where, f"could not be read ({type(e).__name__}: {short(e)})")


def iter_inputs(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES, *,
                limits: Limits | None = None, unchanged: Unchanged | None = None) -> Iterator[Article | SkippedInput]:
    lim = limits or Limits(max_bytes=max_bytes)
    files, missing = find_inputs(paths)
    yield from missing
    for f in files:
        yield from read_file(f, limits=lim, unchanged=unchanged)


def count_inputs(paths: list[str]) -> int:
    files, _ = find_inputs(paths)
    return len(files)
