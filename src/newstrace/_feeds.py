"""Internal: news feeds for `ingest`: RSS 0.9x/1.0/2.0 and Atom through feedparser, and
JSON Feed 1.x (https://jsonfeed.org). One raw article per entry; an entry that cannot be
read is a `SkippedInput` with its number, never an exception.

Feed HTML is hostile: control characters (a NUL after ``<br>``), character references
to surrogates (``&#xD800;``) and fields of the wrong JSON type (``"authors": true``,
``"tags": 5``) are expected, not exceptional."""
from __future__ import annotations

import html as htmllib
import logging
import re
from typing import Any, Callable, Iterator

from .errors import SkippedInput, short
from .records import Article

LOGGER = logging.getLogger(__name__)

__all__ = ["fragment_text", "json_feed", "read_feed"]

# Elements after which the text of a feed entry's HTML starts a new line (paragraph).
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2", "h3",
                         "h4", "h5", "h6", "pre", "table", "tr", "figure", "figcaption",
                         "section", "article", "header", "footer", "dd", "dt", "hr"})
# Characters XML (and so lxml) refuses, and lone surrogates: dropped from fragments.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# A numeric character reference in the feed's bytes (``&#xD800;``, ``&#0;``).
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _safe_ref(m: "re.Match[bytes]") -> bytes:
    """A reference to a code point XML forbids (NUL, other controls, a surrogate, beyond
    U+10FFFF) becomes U+FFFD; feedparser would otherwise hand back unstorable text."""
    cp = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    if cp in (9, 10, 13) or 0x20 <= cp < 0xD800 or 0xE000 <= cp <= 0xFFFD or 0x10000 <= cp <= 0x10FFFF:
        return m.group(0)
    return b"&#xFFFD;"


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content or summary): one line per
    block element, whitespace collapsed, scripts and styles dropped. Plain text passes
    through (entities unescaped). Never raises on hostile input."""
    if not isinstance(fragment, str):
        return ""
    fragment = _NOT_XML.sub("", fragment)
    if "<" not in fragment:
        text = _NOT_XML.sub("", htmllib.unescape(fragment))
        return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        for el in list(root.iter()):
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag in ("script", "style", "noscript", "iframe"):
                el.drop_tree()
            elif tag in _BLOCK_TAGS:
                el.tail = "\n" + (el.tail or "")
        content = root.text_content()
    except (lxml.etree.LxmlError, ValueError, TypeError, RecursionError):
        return ""
    lines = (" ".join(line.split()) for line in _NOT_XML.sub("", content).splitlines())
    return "\n".join(line for line in lines if line)


def _struct_iso(t: Any) -> str | None:
    """feedparser's UTC time tuple as ISO 8601, or None."""
    if not t:
        return None
    try:
        return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}T{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}Z"
    except (AttributeError, TypeError, ValueError):
        return None


def feed_article(where: str, i: int, empty: str, *, eid: str, title: str | None,
                 url: str | None, texts: list[tuple[str, str]], published: str | None,
                 source: str, feed_title: str | None, author: str | None,
                 tags: list[str], hash_fn: Callable[..., str]) -> Article:
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
        raw_text=body, meta=meta, content_hash=hash_fn("feed", eid, title, body, published),
    )


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


def _feed_entry(entry: Any, i: int, where: str, feed_title: str | None, default_id: str,
                hash_fn: Callable[..., str]) -> Article:
    texts = []
    for c in entry.get("content") or []:
        if isinstance(c, dict):
            texts.append(("content", fragment_text(c.get("value") or "")))
    if _str(entry.get("summary")):
        texts.append(("summary", fragment_text(entry["summary"])))
    link = _str(entry.get("link"))
    published, source = _struct_iso(entry.get("published_parsed")), "feed:published"
    if published is None:
        published, source = _struct_iso(entry.get("updated_parsed")), "feed:updated"
    tags = [t.get("term") for t in entry.get("tags") or [] if isinstance(t, dict) and _str(t.get("term"))]
    return feed_article(
        where, i, f"feed entry {i} has no text (no content or summary)",
        eid=str(_str(entry.get("id")) or link or default_id),
        title=fragment_text(entry.get("title") or "") or None, url=link, texts=texts,
        published=published, source=source, feed_title=feed_title,
        author=_str(entry.get("author")), tags=tags, hash_fn=hash_fn)


def read_feed(data: bytes, where: str, default_id: Callable[[int], str],
              hash_fn: Callable[..., str]) -> Iterator[Article | SkippedInput]:
    """RSS/Atom through feedparser. The bytes are parsed, never a path or URL (feedparser
    would fetch a URL); feedparser sanitises entry HTML and does not resolve external
    entities."""
    import feedparser

    try:
        doc = feedparser.parse(_CHAR_REF.sub(_safe_ref, data))
    except Exception as e:  # feedparser's own parsers raise plain exceptions on hostile XML
        raise SkippedInput(where, f"feed could not be parsed ({type(e).__name__}: {short(e)})") from None
    entries = doc.get("entries") or []
    if not doc.get("version") and not entries:
        why = f": {short(doc.get('bozo_exception'), 120)}" if doc.get("bozo") else ""
        raise SkippedInput(where, f"not an RSS or Atom feed{why}")
    feed_title = fragment_text(doc.feed.get("title") or "") or None
    if not entries:
        raise SkippedInput(where, "feed has no entries")
    for i, entry in enumerate(entries, 1):
        try:
            yield _feed_entry(entry, i, where, feed_title, default_id(i), hash_fn)
        except SkippedInput as e:
            yield e
        except Exception as e:  # one odd entry must not lose the others
            LOGGER.debug("feed entry %s of %s", i, where, exc_info=True)
            yield SkippedInput(where, f"feed entry {i} could not be read ({type(e).__name__}: {short(e)})", i)


def _authors(item: dict) -> str | None:
    """JSON Feed 1.1 ``authors`` (a list of objects) or 1.0 ``author`` (an object)."""
    found = item.get("authors")
    people = found if isinstance(found, list) else []
    if isinstance(item.get("author"), dict):
        people = people + [item["author"]]
    names = [a["name"] for a in people if isinstance(a, dict) and _str(a.get("name"))]
    return ", ".join(names) or None


def json_feed(obj: dict, where: str, default_id: Callable[[int], str],
              hash_fn: Callable[..., str]) -> Iterator[Article | SkippedInput]:
    """JSON Feed 1.x (https://jsonfeed.org): items with content_html/content_text. Fields
    of the wrong type are ignored (a wrong ``items`` skips the feed)."""
    feed_title = _str(obj.get("title"))
    items = obj.get("items")
    if not isinstance(items, list):
        yield SkippedInput(where, "JSON Feed without an 'items' list")
        return
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            yield SkippedInput(where, f"JSON Feed item {i} is not an object", i)
            continue
        try:
            url = _str(item.get("url"))
            published, source = _str(item.get("date_published")), "feed:published"
            if published is None:
                published, source = _str(item.get("date_modified")), "feed:updated"
            iid = item.get("id")
            eid = str(iid) if isinstance(iid, (str, int)) and not isinstance(iid, bool) and str(iid).strip() else None
            tags = item.get("tags")
            yield feed_article(
                where, i, f"JSON Feed item {i} has no text", eid=eid or url or default_id(i),
                title=_str(item.get("title")), url=url,
                texts=[(k, fragment_text(item[k])) for k in ("content_html", "content_text", "summary")
                       if isinstance(item.get(k), str)],
                published=published, source=source, feed_title=feed_title, author=_authors(item),
                tags=[t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [],
                hash_fn=hash_fn)
        except SkippedInput as e:
            yield e
        except Exception as e:
            LOGGER.debug("JSON Feed item %s of %s", i, where, exc_info=True)
            yield SkippedInput(where, f"JSON Feed item {i} could not be read ({type(e).__name__}: {short(e)})", i)
