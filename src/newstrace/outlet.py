"""The outlet of an article: from metadata, the URL host, a title suffix
("… - Islamic Invitation Turkey") or a dateline ("TEHRAN (Tasnim) –"). Null when none of
these says it: the outlet is never guessed from the body at large. ``outlet_source``
records which signal was used; a title suffix is removed from the title (the original is
kept in ``meta["raw_title"]``).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .records import Article

if TYPE_CHECKING:
    from .pipeline import PipelineOptions

__all__ = ["detect_outlet", "outlet_from_dateline", "outlet_from_title", "outlet_from_url"]

_CAPWORD = r"(?:[A-Z\u00C0-\u00DE][\w'’.&-]*|[A-Z]{2,}|\d+)"
_CONNECT = r"(?:of|the|de|du|des|la|le|el|al|del|der|die|das|and|et|y|und|for|news|&)"
# "Title - Outlet Name" / "Title | Outlet" / "Title — Outlet": the suffix is 1-6 words,
# capitalised (connectors allowed), with no sentence punctuation.
_SUFFIX = re.compile(
    r"^(?P<title>.{12,}?)\s+[-|–—•·]\s+(?P<outlet>" + _CAPWORD + r"(?:\s+(?:" + _CAPWORD + "|" + _CONNECT
    + r")){0,5})\s*$"
)
# "TEHRAN (Tasnim) –", "BEIRUT, Jan 5 (Reuters) -", "PARIS (AFP) —"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z\u00C0-\u00DE][A-Z\u00C0-\u00DE'’ .-]{1,40}(?:,[^()\n]{1,30})?)\s*"
    r"\((?P<outlet>[A-Z\u00C0-\u00DE][\w'’ .&-]{1,40})\)\s*[-–—:]"
)
_NOT_OUTLET = re.compile(r"^(?:AP|UPDATE|UPDATED|PHOTOS?|VIDEO|LIVE|ANALYSIS|OPINION|EXCLUSIVE)$", re.I)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower()
    for prefix in ("www.", "m.", "amp.", "en.", "fr.", "es.", "de.", "ar."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
    return host


def outlet_from_title(title: str | None) -> tuple[str, str] | None:
    """(title without suffix, outlet) when the title ends in an outlet suffix."""
    if not title:
        return None
    m = _SUFFIX.match(title.strip())
    if not m:
        return None
    outlet = m.group("outlet").strip()
    head = m.group("title").strip()
    if len(head.split()) < 3 or _NOT_OUTLET.match(outlet):
        return None
    # The suffix must be a name, not the end of the headline: several capitalised words
    # (or one with a domain/uppercase shape), and it must not repeat a headline word.
    words = outlet.split()
    if len(words) == 1 and not re.search(r"[A-Z].*[A-Z]|\.\w{2,}$", outlet):
        return None
    return head, outlet


def outlet_from_dateline(text: str) -> str | None:
    first = text.lstrip().split("\n", 1)[0][:160]
    m = _DATELINE.match(first)
    if not m:
        return None
    outlet = m.group("outlet").strip()
    if not outlet or _NOT_OUTLET.match(outlet):
        return None
    return outlet


def detect_outlet(article: Article, options: "PipelineOptions | None" = None) -> Article:
    if article.title and "raw_title" not in article.meta:
        split = outlet_from_title(article.title)
        if split:
            head, suffix = split
            article.meta.setdefault("raw_title", article.title)
            article.title = head
            if not article.outlet:
                article.outlet, article.outlet_source = suffix, "title_suffix"
    if article.outlet:
        article.outlet_source = article.outlet_source or "metadata"
        return article
    host = outlet_from_url(article.url)
    if host:
        article.outlet, article.outlet_source = host, "url"
        return article
    dl = outlet_from_dateline(article.raw_text)
    if dl:
        article.outlet, article.outlet_source = dl, "dateline"
    return article
