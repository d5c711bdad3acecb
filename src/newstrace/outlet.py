"""The outlet of an article: from metadata, the URL host, a title suffix
("… - Islamic Invitation Turkey"), a dateline ("TEHRAN (Tasnim) –"), or page furniture
that names the publisher (a copyright footer "© Info-Levant", a section masthead
"L'Écho des Deux Rives – Rubrique International"). Null when none of these says it: the outlet is never guessed from the body at large. ``outlet_source``
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
    """The outlet in a dateline on the first line of prose (page furniture such as
    category lines above it is skipped)."""
    from .clean import is_boilerplate

    seen = 0
    for line in text.split("\n"):
        line = line.strip()
        if not line or is_boilerplate(line):
            continue
        m = _DATELINE.match(line[:160])
        if m:
            outlet = m.group("outlet").strip()
            return None if _NOT_OUTLET.match(outlet) else outlet
        seen += 1
        if len(line.split()) >= 8 or seen >= 3:
            return None
    return None


# "© Info-Levant – Tous droits réservés", "Copyright 2021 The Daily Star. All rights reserved."
_COPYRIGHT = re.compile(
    r"^\W{0,3}(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<outlet>[^–—|.\d\s][^–—|]{1,50}?)"
    r"\s*(?:[–—|.-]\s*(?:all rights reserved|tous droits réservés|todos los derechos reservados|"
    r"alle rechte vorbehalten)\.?)?\s*$", re.IGNORECASE)
# "L'Écho des Deux Rives – Rubrique International"
_MASTHEAD = re.compile(
    r"^(?P<outlet>[A-Z\u00C0-\u00DE][^–—|]{1,50}?)\s*[–—|-]\s*(?:rubrique|section|sección|rubrik|ressort)\b",
    re.IGNORECASE)


def outlet_from_furniture(lines: list[str]) -> tuple[str, str] | None:
    """(outlet, signal) from a copyright footer or a section masthead: page furniture
    that names the publisher, not the body of the article."""
    for line in lines:
        line = line.strip()
        m = _COPYRIGHT.match(line)
        if m:
            name = m.group("outlet").strip(" .")
            if name and not re.fullmatch(r"(?i)all rights reserved|tous droits réservés", name):
                return name, "copyright"
        m = _MASTHEAD.match(line)
        if m:
            return m.group("outlet").strip(), "masthead"
    return None


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
    from .clean import is_boilerplate

    furniture = [ln for ln in article.raw_text.split("\n") if ln.strip() and is_boilerplate(ln)]
    found = outlet_from_furniture(furniture)
    if found:
        article.outlet, article.outlet_source = found
    return article
