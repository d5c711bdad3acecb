"""Organisation spans the general detectors miss (internal to `newstrace.mentions`).

- `acronym_long_forms`: Schwartz & Hearst long forms before a parenthesised acronym in
  sentence-case languages ("Autorité des fleuves du Nord (AFN)");
- `sentence_case_orgs`: French, Spanish, Italian and Portuguese organisation names in
  sentence case ("Garde de la vallée du Sahir").

Model-free, pure functions over the word list of `mentions._words`; `Cand` is the
candidate span shared with `mentions`.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from .names import acronym_matches, is_acronym, norm_key

__all__ = ["Cand", "SENTENCE_CASE_LANGS", "acronym_long_forms", "anyascii_lower", "sentence_case_orgs"]


class Cand:
    """A candidate mention span with its type votes, detector and priority."""

    __slots__ = ("start", "end", "votes", "detector", "prio", "gaz")

    def __init__(self, start, end, detector, prio, votes=None, gaz=None):
        self.start, self.end, self.detector, self.prio = start, end, detector, prio
        self.votes: Counter = Counter(votes or {})
        self.gaz = gaz  # gazetteer entry id


_PAREN_ACRONYM_RE = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,9})\s*\)")


def acronym_long_forms(text: str, words, chosen: list[Cand]) -> list[Cand]:
    """Schwartz & Hearst long forms in sentence-case languages: "Autorité des fleuves du
    Nord (AFN)", "Comisión Internacional de la Cuenca del Sahir (CISS)". When no mention
    ends right before a parenthesised acronym and matches it, the shortest preceding
    word sequence (same clause, starting with a capitalised word with the acronym's first
    letter) that contains the acronym's letters becomes one mention."""
    starts = [w[0] for w in words]
    for m in _PAREN_ACRONYM_RE.finditer(text):
        acr = m.group(1)
        if not is_acronym(acr):
            continue
        pos = m.start()
        while pos > 0 and text[pos - 1].isspace():
            pos -= 1
        prev = next((c for c in chosen if c.end == pos), None)
        if prev is not None and acronym_matches(acr, text[prev.start:prev.end]):
            continue
        k = bisect.bisect_left(starts, pos) - 1
        best = None
        for back in range(len(acr) + 5):
            i = k - back
            if i < 0:
                break
            ws, we, w = words[i]
            gap = text[we:words[i + 1][0]] if i + 1 <= k else ""
            if re.search(r"[,;:.!?()«»\"“”\n]", gap):
                break
            if w[:1].isupper() and anyascii_lower(w[:1]) == acr[0].lower():
                long_ = text[ws:pos]
                if len(long_.split()) >= 2 and acronym_matches(acr, long_):
                    best = ws
                    break
        if best is None:
            continue
        if any(c.start < best < c.end for c in chosen):
            continue  # a longer name already covers the start
        inside = [c for c in chosen if best <= c.start and c.end <= pos]
        cand = Cand(best, pos, "rules:acronym_def", 1, {"ORG": 1})
        for c in inside:
            chosen.remove(c)
            cand.votes.update({t: v for t, v in c.votes.items() if v < 10})
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen


SENTENCE_CASE_LANGS = frozenset("fr es it pt".split())
_SC_JOIN = frozenset("de du des la le les l d del de los las di della delle dei do da dos das".split())


def sentence_case_orgs(text: str, words, chosen: list[Cand], org_words: frozenset[str],
                       stop: frozenset[str]) -> list[Cand]:
    """French, Spanish, Italian and Portuguese write organisation names in sentence case:
    "Garde de la vallée du Sahir", "Fils du fleuve". A capitalised organisation head noun
    followed by lower-case words joined with de/du/del ... up to a capitalised name (or
    the end of a noun phrase of at most four words) is one mention of an organisation."""
    for i, (ws0, we0, w0) in enumerate(words):
        if not w0[:1].isupper() or norm_key(w0) not in org_words:
            continue
        j, end, k = i, None, i + 1
        while k < len(words) and k - i <= 7:
            gap = text[words[k - 1][1]:words[k][0]]
            if gap.strip() not in ("", "'", "’") or "\n" in gap:
                break
            w = words[k][2]
            low = w.lower().rstrip("'’")
            if low in _SC_JOIN:
                k += 1
                continue
            if w[:1].isupper():
                if words[k - 1][2].lower().rstrip("'’") in _SC_JOIN:
                    end = k
                break
            if w[:1].islower() and words[k - 1][2].lower().rstrip("'’") in _SC_JOIN and low not in stop:
                j = k
                k += 1
                continue
            break
        last = end if end is not None else None
        if last is None:
            continue
        s, e = words[i][0], words[last][1]
        # "la Garde" (a gazetteer town) inside "la Garde de la vallée du Sahir": absorbed
        inside = [x for x in chosen if (s <= x.start or re.fullmatch(
            r"(?i)(?:la|le|les|l['’]|el|los|las|il|lo)\s*", text[x.start:s])) and x.end <= e]
        if any(x.start < e and s < x.end and x not in inside for x in chosen):
            continue
        cand = Cand(s, e, "rules:sentence_case", 1, {"ORG": 4})
        for x in inside:
            chosen.remove(x)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen


def anyascii_lower(s: str) -> str:
    from anyascii import anyascii

    return anyascii(s).lower()
