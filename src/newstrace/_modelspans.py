"""Model spans as mention candidates (internal to `newstrace.mentions`).

`model_candidates` turns the entities of the learned models (`_nermodels.model_spans`)
into candidates trimmed to the name; `model_over_rules` lets them replace the
capitalisation candidates they overlap, except a particle-joined or designated name that
holds them. Model labels are one type vote each (a gazetteer entry weighs 10).
"""
from __future__ import annotations

import bisect
import re

from ._mentionwords import (_ELISION_RE, _JOINERS, _NAME_PARTICLES, _STOP, _WORD_RE, Intervals, _is_arabic,
                            _is_cap, _is_stop)
from ._orgspans import Cand
from .names import DESIGNATORS, norm_key

__all__ = ["model_candidates", "model_over_rules"]

MODEL_VOTE = 1
JOINED_BY = _NAME_PARTICLES | _JOINERS | {"the"}
CAPS_RULES = frozenset({"rules:caps", "rules:acronym"})

_LEAD_ARTICLE_RE = re.compile(r"^(?:the|The|les|Les|la|La|le|Le|[dlDL]['’]|des|du)\s*")


_ARTICLES = frozenset("the der die das el los las la le les il lo gli".split())
_CLAUSE_RE = re.compile(r"[,;:!?]\s+[^\W\d_]*[a-zà-ÿ]")
_OPENERS = frozenset("«»“”„\"'‘’‹›([{¿¡-–—*•·")
_SEPARATOR_RE = re.compile(r"\s+[–—|-]\s+|\s*[|•]\s*|(?<=[^\W\d_])\s*/\s*(?=[^\W\d_])| {2,}"
                           r"|(?<=[^\W\d_]):\s+(?=[^\W\d_])")
# a conjunction between two capitalised words: "Buttigieg and Biden" is two names
_CONJUNCTION_RE = re.compile(r"(?<=[^\W\d_])\s+(?:and|und|y|et|i|ve|oraz)\s+(?=[^\W\d_a-zà-ÿ])")


def _split_spans(text: str, spans, sent_starts: list[int]):
    """Model spans cut where the text says a name cannot go on: at a sentence start (the
    pipelines run without a parser, so nothing else stops an entity there) and at a
    dash or bar between spaces ("AMMAR – L’Autorité", "Reuters | Politics"), at a slash
    between words (a credit "Xinhua/Shan Yuqi", "CDU/CSU"), at a colon after a word (a
    label before a credit, "Foto: REUTERS", "Bild: DPA"), at two spaces (blocks of a
    scraped page joined: "… Lecha Wałęsy  Prokuratura Warszawska"), and at a
    conjunction between capitalised words ("Buttigieg and Biden": a known name that holds
    one, "Bosnia and Herzegovina", is the gazetteer's candidate)."""
    for s, e, typ, det in spans:
        cuts = []
        k = bisect.bisect_right(sent_starts, s)
        while k < len(sent_starts) and sent_starts[k] < e:
            cuts.append((sent_starts[k], sent_starts[k]))
            k += 1
        cuts += [(s + m.start(), s + m.end()) for m in _SEPARATOR_RE.finditer(text[s:e])]
        cuts += [(s + m.start(), s + m.end()) for m in _CONJUNCTION_RE.finditer(text[s:e])
                 if text[s:s + m.start()].rsplit(None, 1)[-1][:1].isupper()]
        cuts += _common_word_cuts(text, s, e)
        if not cuts:
            yield s, e, typ, det
            continue
        pos = s
        for a, b in sorted(cuts):
            if a > pos:
                yield pos, a, typ, det
            pos = max(pos, b)
        if pos < e:
            yield pos, e, typ, det


def _common_word_cuts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The lower-case content words (four letters or more, no particle or function word)
    right before a capitalised word inside a span: a name goes on across "de", "la",
    "für", not across "hermanos" ("Guerrero Los hermanos Adrián": a headline run into the
    text); a sentence-case name ("Organisation mondiale de la santé", "Banque mondiale")
    has no capital after its lower-case words and stays whole."""
    ws = list(_WORD_RE.finditer(text, s, e))
    out = []
    for a, b in zip(ws, ws[1:]):
        w = a.group()
        if w[:1].islower() and len(w) >= 4 and w not in JOINED_BY and w not in _STOP \
                and "-" not in w and b.group()[:1].isupper():
            out.append((a.start(), a.end()))
    return out


def model_candidates(text: str, spans, sent_starts: list[int] | None = None,
                      common: frozenset[str] | set[str] = frozenset()) -> list[Cand]:
    """Model entities as candidates (one type vote each), trimmed to the name: a leading
    article, a possessor ("Qadaria's Northern Rivers Authority"), an unbalanced
    parenthesis, trailing punctuation and a trailing possessive go; spans are cut at
    sentence starts and separators (`_split_spans`); leading lower-case words that are no
    name particle go ("barrage de Darvazeh" -> "Darvazeh"); spans across a line break (a
    headline and its dateline), cutting a word, without a capital or Arabic letter, or one
    sentence-initial word the text also writes in lower case ("Cinq") are dropped."""
    out = []
    starts = set(sent_starts or [])
    for s, e, typ, det in _split_spans(text, spans, sent_starts or []):
        while s < e and (text[s].isspace() or text[s] in _OPENERS):
            s += 1  # "«Sujetan"
        while e > s and text[e - 1].isspace():
            e -= 1
        s = _skip_lower_words(text, s, e)
        t = text[s:e]
        m = _LEAD_ARTICLE_RE.match(t)
        if m and m.end() < len(t):
            s += m.end()
        t = text[s:e]
        if "\n" in t:
            continue  # a span across lines (headline + dateline) is not one name
        ps = re.search(r"['’]s\s+", t)
        if ps:  # "Qadaria's Northern Rivers Authority": the possessor is a separate name
            s += ps.end()
            t = text[s:e]
        if t.count("(") != t.count(")"):
            cut = min(k for k in (t.find("("), t.find(")")) if k >= 0)
            e = s + len(t[:cut].rstrip())
            t = text[s:e]
        pm = re.search(r"['’]s?$", t)
        if pm:
            e -= len(pm.group())
        while e > s and not (text[e - 1].isalnum()) and text[e - 1] not in ".)":
            e -= 1  # trailing punctuation ("Reuters,", "Biden:")
        e = _trim_tail(text, s, e)
        if e <= s or _cuts_word(text, s, e):
            continue
        t = text[s:e]
        if not any(ch.isupper() or _is_arabic(ch) for ch in t):
            continue
        if " " not in t and (_is_stop(t) or (s in starts and t.lower() in common)):
            continue
        if _CLAUSE_RE.search(t) or sum(1 for w in _WORD_RE.findall(t) if w.islower()
                                       and w not in JOINED_BY and w not in _STOP) >= 3:
            continue  # a clause, not a name: "No es una sequía, es una decisión tomada en Jorvat"
        out.append(Cand(s, e, det, 2, {typ: MODEL_VOTE} if typ != "MISC" else {}))
    return out


def model_over_rules(text: str, cands: list[Cand], learned: list[Cand]):
    """The model's spans replace the capitalisation candidates they overlap ("PP" and
    "Cristina Herrera" rather than "PP Cristina Herrera"), except a candidate joined by
    name particles that holds every model span it touches: "Jaled al Nuri", "Hijos del
    Río", "Sons of the River" stay whole, and so does one that adds only designators
    ("AMMAR CITY" around "AMMAR"); the pieces' labels are not votes for the whole."""
    taken = Intervals((c.start, c.end) for c in learned)
    keep, drop = [], set()
    for c in cands:
        if c.detector not in CAPS_RULES or not taken.overlaps(c.start, c.end):
            keep.append(c)
            continue
        inner = [x for x in learned if x.start < c.end and c.start < x.end]
        outside = [m.group() for m in _WORD_RE.finditer(text, c.start, c.end)
                   if not any(x.start <= m.start() and m.end() <= x.end for x in inner)]
        if outside and all(c.start <= x.start and x.end <= c.end for x in inner) and (
                any(w.lower() in JOINED_BY for w in outside)
                or all(norm_key(w) in DESIGNATORS for w in outside)):  # "AMMAR" + "CITY"
            drop.update(id(x) for x in inner)
            keep.append(c)
    return keep, [x for x in learned if id(x) not in drop]


def _skip_lower_words(text: str, s: int, e: int) -> int:
    """Start of the span after its leading lower-case words that are no name particle
    (cased scripts only): "barrage de Darvazeh" -> "Darvazeh", "de Gaulle" stays."""
    ws = list(_WORD_RE.finditer(text, s, e))
    k = 0
    while k < len(ws) - 1:
        w = ws[k].group()
        if not w[:1].islower() or _is_cap(w):
            break
        if k == 0 and w.lower() in _NAME_PARTICLES and _is_cap(ws[1].group()):
            break  # "de Gaulle", "bin Laden" (but "barrage de Darvazeh" -> "Darvazeh")
        k += 1
    return ws[k].start() if k else s


def _trim_tail(text: str, s: int, e: int) -> int:
    """End of the span without trailing elided letters and particles ("Khorvat n" from
    "Khorvat n’a", "Sahir de"), function words ("Atlanta United por" of "… por
    Concachampions": no name ends on one in lower case) and a trailing article, which opens
    the next phrase ("Guerrero Los" of "Guerrero Los hermanos")."""
    ws = list(_WORD_RE.finditer(text, s, e))
    while len(ws) > 1:
        w = ws[-1].group()
        if not (w.islower() and (len(w) == 1 or w in _NAME_PARTICLES or w in _STOP or _ELISION_RE.match(w + "’x"))) \
                and w.lower() not in _ARTICLES:
            break
        ws.pop()
        e = ws[-1].end()
    return e


def _cuts_word(text: str, s: int, e: int) -> bool:
    """A span starting or ending inside a word ("Khorvat n" from "Khorvat news")."""
    return (s > 0 and text[s - 1].isalnum() and text[s].isalnum()) or (
        e < len(text) and text[e - 1].isalnum() and text[e].isalnum())
