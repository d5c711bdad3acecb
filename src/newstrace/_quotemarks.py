"""Internal helper of the quotes stage: quotation marks found from the characters of the
text (not from tokens), scare-quote typing, masking and sentence bounds. Not a stable API.

Rules (language data comes from ``newstrace.cues``):
- an opening mark pairs with the nearest allowed closer of its own family; marks of another
  family inside are nested quotes and are skipped; a straight ``"`` opens or closes by the
  spacing around it, so mixed pairs (``"…”``, ``“…"``) are found;
- a quotation nested in the same straight marks closes with two marks in a row
  ('"Die Betonung liegt auf "mindestens"", sagte X');
- ’ between letters is an apostrophe; a single mark only closes when a single mark is open;
- a double quote left open at the end of a paragraph continues into the next paragraph if
  that paragraph opens with a quotation mark, otherwise it ends at the paragraph end, or at
  a gap of two spaces inside it (where a scraped page joined separate blocks);
- a double closing mark outside every quotation, right before a speech verb, closes a
  quotation whose opening mark was lost (``lost_open_quotes``: up to three sentences back,
  not past a sentence with a cue of its own);
- short quotes (fewer than 6 words) inside a clause, or after "so-called" and similar, are
  scare quotes (terms), not statements; a short quote outside a clause followed by a comma
  and a speech verb ('“Tenemos los números de serie”, dijo Hadad') is a statement;
- sentence bounds: a full stop ends a sentence before a capital, except after an
  abbreviation or, in languages that write days as ordinals ('am 6. September'), after a day
  number before a month name (CLDR names through babel); a full stop glued to a capital
  ('alkohol.W Opocznie') ends one too.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Callable

from .cues import CueTable

DOUBLE = set('"“”«»„')
SINGLE = set("‘’‚'")
MASK = "\x07"
_WORD = re.compile(r"\w+(?:[’'\-\.]\w+)*")
_BLOCK_GAP = re.compile(r"\S[ \u00a0]{2,}(?=\S)")
_SPACE = " \t\u00a0\u202f\u2009"


@dataclass(slots=True)
class Cand:
    open: int  # position of the opening mark
    close: int | None  # position of the closing mark (None: ended at paragraph end)
    start: int  # content span
    end: int
    kind: str = "direct"  # direct, scare, title
    partial: bool = False  # inside a clause (mixed / partial quotation)
    multi: bool = False
    terminal: bool = False  # content ends with sentence-final punctuation
    dash: bool = False  # opened and closed by dashes ("- Treść - powiedział X")
    close_len: int = 1  # characters of the closing mark (2 for '')
    cut: bool = False  # never closed, ended at a gap of two spaces (``_BLOCK_GAP``)

    @property
    def outer_end(self) -> int:
        return self.close + self.close_len if self.close is not None else self.end


def paragraphs(text: str, given) -> list[tuple[int, int]]:
    if given:
        return [(p.start, p.end) for p in given]
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def _is_letter(c: str) -> bool:
    return c.isalnum()


def _can_open(text: str, i: int, ch: str) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in "«„‚":
        return True
    if ch == "»":  # German reversed pair: »Text«
        return nxt not in _SPACE
    if ch in "\"'‘“":
        if nxt in _SPACE or nxt == "\n":
            return False
        if nxt in ".,;:" and text[i + 2:i + 3] in _SPACE + "\n":
            return False  # 'الممكن ".  على': a closer after a stray space, followed by a stop
        if ch in "'‘" and _is_letter(prev):
            return False
        return not _is_letter(prev) or ch == "“"
    return False


def _can_close(text: str, i: int, ch: str) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in "’'":
        return prev not in _SPACE and not _is_letter(nxt)
    if ch == '"':
        return prev not in _SPACE and not _is_letter(nxt)
    return True


def _find_close(text: str, i: int, pe: int, opener: str, pairs: dict[str, list[str]]) -> int | None:
    closers = pairs.get(opener, [])
    family = DOUBLE if opener in DOUBLE else SINGLE
    k = i
    while k < pe:
        c = text[k]
        if c in closers and _can_close(text, k, c):
            if not (c == opener and c not in '"\'' and c in pairs):
                return k
        if c in pairs and c not in closers and c not in family and _can_open(text, k, c):
            inner = _find_close(text, k + 1, pe, c, pairs)
            if inner is not None:
                k = inner + 1
                continue
        k += 1
    return None


def _reopened(text: str, i: int, j: int) -> int | None:
    """The first straight double mark between an opening one at i and its closer at j that
    can open but not close (a space before it, a letter after it), else None."""
    k = text.find('"', i + 1, j)
    while k >= 0:
        if text[k - 1] in _SPACE and k + 1 < j and _is_letter(text[k + 1]):
            return k
        k = text.find('"', k + 1, j)
    return None


def _low_opener(text: str, i: int, j: int, pe: int) -> int | None:
    """A straight mark at i that a curly mark at j would close, with a low opening mark '„'
    between them (it only ever opens) and no straight mark after j in the paragraph to close
    the outer quotation: the straight one was never closed (its text was cut: '"sagen, an
    welchem Datum … wen , alle … Schulen. „Das darf nicht …“, sagte Merz.'), the low mark opens
    the quotation that j closes. Its position, else None."""
    k = text.find("\u201e", i + 1, j)
    if k < 0 or not _can_open(text, k, "\u201e"):
        return None
    nxt = text.find('"', j + 1, pe)
    return None if nxt >= 0 and _can_close(text, nxt, '"') else k


def scan_text(text: str) -> str:
    """The text the quotation marks are read from: two apostrophes (''…'') are one double
    mark (same length: the second becomes a word joiner, trimmed from contents)."""
    return text.replace("''", '"\u2060') if "''" in text else text


def scan(text: str, paras: list[tuple[int, int]], table: CueTable) -> list[Cand]:
    """Every quotation (content spans, marks excluded) in text order."""
    text = scan_text(text)
    out = _scan(text, paras, table)
    for c in out:
        if c.close is not None and text[c.close + 1:c.close + 2] == "\u2060":
            c.close_len = 2
    return out


def _scan(text: str, paras: list[tuple[int, int]], table: CueTable) -> list[Cand]:
    pairs = table.quote_pairs
    out: list[Cand] = []
    pi = 0
    while pi < len(paras):
        ps, pe = paras[pi]
        i = ps
        next_pi = pi + 1
        while i < pe:
            ch = text[i]
            if ch not in pairs or not _can_open(text, i, ch):
                i += 1
                continue
            j = _find_close(text, i + 1, pe, ch, pairs)
            if j is not None and ch == '"' and text[j + 1:j + 2] == '"' and _reopened(text, i, j) is not None \
                    and _can_close(text, j + 1, ch):
                # '"Die Betonung liegt auf "mindestens"", sagte X': a quotation nested in one of the
                # same straight marks closes with it, two marks in a row
                j += 1
                k = None
            else:
                k = _reopened(text, i, j) if j is not None and ch == '"' else None
                if k is None and j is not None and ch == '"' and text[j] != '"':
                    k = _low_opener(text, i, j, pe)
            if k is not None:
                # '"Neuromonitor … ne  "Pacjenci czują się dobrze" - powiedział': a straight mark that
                # can only open comes before the closer, so this quotation was never closed (its
                # closing mark was lost or the text cut): it ends there, the next one begins
                s, e = _trim(text, i + 1, k)
                if len(_WORD.findall(text[s:e])) >= 4:
                    out.append(Cand(i, None, s, e))
                i = k
                continue
            if j is not None:
                out.append(Cand(i, j, *_trim(text, i + 1, j)))
                i = j + 1
                continue
            if ch not in DOUBLE:
                i += 1
                continue
            # open at paragraph end: continue into paragraphs that reopen the quote
            end, close, qi, multi = pe, None, pi, False
            while qi + 1 < len(paras):
                ns, ne = paras[qi + 1]
                k = ns
                while k < ne and text[k] in _SPACE:
                    k += 1
                if k < ne and text[k] in pairs and text[k] in DOUBLE:
                    multi = True
                    qi += 1
                    jj = _find_close(text, k + 1, ne, text[k], pairs)
                    if jj is not None:
                        end, close = jj, jj
                        break
                    end = ne
                else:
                    break
            if close is None and not multi:
                # '„Der Plan würde … die massive Verschuldung der EU-  Anlass zur Hoffnung …': a
                # quotation never closed ends where the paragraph has a gap of two spaces (a
                # scraped page joins separate blocks there: text was cut or left out)
                gap = _BLOCK_GAP.search(text, i + 1, end)
                cut = gap is not None and len(_WORD.findall(text[i + 1:gap.start()])) >= 4
                end = gap.start() + 1 if cut else end
            else:
                cut = False
            s, e = _trim(text, i + 1, end)
            if len(_WORD.findall(text[s:e])) >= 4:
                out.append(Cand(i, close, s, e, multi=multi, cut=cut))
                next_pi = qi + 1
                i = pe
                break
            i += 1
        pi = next_pi
    return out


_DASH_QUOTE = re.compile(r"(?:^|(?<=[.!?…]\s)|(?<=[.!?…]\s\s)|(?<=[^\W\d_]\s))([-–—])[ \u00a0]+(?=\S)(?P<c>[^\n]+?)[ \u00a0]+([-–—])"
                         r"[ \u00a0]+(?=[^\W\d_])", re.M)


def dash_quotes(text: str, paras: list[tuple[int, int]], table: CueTable, taken: list[Cand]) -> list[Cand]:
    """Statements opened and closed by a dash, with a speech verb after the closing dash
    ("- Nie ma zbawienia bez niewiasty - dodał."), for tables with ``dash_quotes``; the
    opening dash begins a line or a sentence, or follows a headline run into the text (then
    the statement opens with a capital)."""
    if not table.dash_quotes or table.cue_re is None:
        return []
    out = []
    masked = None  # the text as the cue pattern reads it, made once (on the first candidate)
    for ps, pe in paras:
        for x in _DASH_QUOTE.finditer(text, ps, pe):
            o, c = x.start(1), x.start(3)
            if any(q.open <= o < q.outer_end or q.open <= c < q.outer_end for q in taken):
                continue
            if masked is None:
                masked = text.translate(_MASK_TRANS)
            if not _dash_cue(table, masked, x.end()):
                continue
            if text[o - 1:o].isspace() and text[o - 2:o - 1].isalpha() and (
                    not text[x.start("c")].isupper() or re.search(r"\s[-–—]\s", x.group("c"))):
                continue  # after a word, only a headline run into the text: '… kobiet - Odrodzenie … - powiedział'
            s, e = _trim(text, x.start("c"), x.end("c"))
            if len(_WORD.findall(text[s:e])) >= 2:
                out.append(Cand(o, c, s, e, dash=True))
        if masked is not None or table.cue_re.search(text, ps, pe):
            masked = masked if masked is not None else text.translate(_MASK_TRANS)
            out += _lost_dash_quotes(text, masked, ps, pe, table, taken + out)
    return out + _dash_paragraphs(text, paras, taken + out)


_DASH_PARAGRAPH = re.compile(r"[ \u00a0]*[-–—][ \u00a0]+(?=[^\W\d_])")


def _dash_paragraphs(text: str, paras: list[tuple[int, int]], taken: list[Cand]) -> list[Cand]:
    """A paragraph that opens with a dash and a capital, with no closing dash and speech verb,
    right after a paragraph that holds a statement ('– Musimy działać szybko – powiedział
    minister.' / '– To jest sprawa dla całego rządu.'): the next words of the same interview,
    up to the paragraph end (its speaker is the previous one: ``quotes._attributions``)."""
    out = []
    for (qs, qe), (ps, pe) in zip(paras, paras[1:]):
        x = _DASH_PARAGRAPH.match(text, ps, pe)
        if x is None or any(ps <= q.open < pe for q in taken) or not any(
                qs <= q.open < qe and (q.dash or text[q.start:q.end].rstrip()[-1:] in ".!?…"
                                       or re.match(r"[ \u00a0,]*[-–—]", text[q.outer_end:q.outer_end + 4]))
                for q in taken):
            continue
        s, e = _trim(text, x.end(), pe)
        if len(_WORD.findall(text[s:e])) >= 3:
            out.append(Cand(x.end() - len(x.group().lstrip(" \u00a0")), None, s, e, dash=True))
    return out


def _dash_cue(table: CueTable, masked: str, pos: int) -> bool:
    """A speech verb at pos, after the closing dash of a statement, or after one word of the
    table's ``dash_cue_lead`` ('- tak ocenia dr X': 'so says')."""
    if table.cue_re.match(masked, pos):
        return True
    w = re.match(r"([^\W\d_]+)[ \u00a0]+", masked[pos:pos + 30])
    return bool(w) and w.group(1).lower() in table.sets["dash_cue_lead"] and bool(
        table.cue_re.match(masked, pos + w.end()))


_CLOSING_DASH = re.compile(r"(?<=[^\W_]|[.!?…])[ \u00a0]+([-–—])[ \u00a0]+(?=[^\W\d_])")
_SENT_START = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"”]))[ \u00a0]+(?=[^\W\d_])")
_LOST_DASH_SENTENCES = 3


def _lost_dash_quotes(text: str, masked: str, ps: int, pe: int, table: CueTable, taken: list[Cand]) -> list[Cand]:
    """A statement closed by a dash and a speech verb whose opening dash was lost (a scraped
    text: '… nie jest tożsama z uchwałą - przekazał w poniedziałek SN.'): the content is the
    run of sentences before the dash that begin with a capital, back to the paragraph start,
    a quotation or another dash statement, at most ``_LOST_DASH_SENTENCES`` (3: the bench's
    match needs half of each span, so three sentences still match a statement of two to six;
    a longer run in a text scraped as one line would take in the headline and earlier
    paragraphs). Only where the dash is not inside a quotation and no opening dash pairs it, and
    not after a closing quotation mark (the tail of a quotation whose opening mark was lost)."""
    out: list[Cand] = []
    for x in _CLOSING_DASH.finditer(text, ps, pe):
        c = x.start(1)
        if any(q.open <= c < q.outer_end for q in taken) or not _dash_cue(table, masked, x.end()):
            continue
        s, e = _sentences_before(text, ps, c, taken)
        if re.match(r"[-–—]", text[s:e]) or not text[s:e][:1].isupper() or len(_WORD.findall(text[s:e])) < 3:
            continue  # an opening dash is there (the pair pattern decides), or no sentence
        out.append(Cand(s, c, s, e, dash=True))
    return out


def _sentences_before(text: str, ps: int, c: int, taken: list[Cand],
                      reported: Callable[[int, int], bool] | None = None) -> tuple[int, int]:
    """The run of sentences before ``c`` whose opening mark was lost: back to the paragraph
    start ``ps``, the end of a quotation or at most ``_LOST_DASH_SENTENCES`` sentences. With
    ``reported`` (a sentence's bounds -> it holds a cue of its own), also back to a gap of two
    spaces (where the scraped text was cut), a full stop glued to a capital ('uygulandı.Biz')
    starts a sentence too, and the run stops after a sentence that reports speech itself (an
    empty span when the last one does)."""
    lo = max([ps] + [q.outer_end for q in taken if q.outer_end <= c])
    if reported is not None:
        lo = max([lo] + [g.end() - 1 for g in _BLOCK_GAP.finditer(text, lo, c)])
    starts = [lo] + [y.end() for y in (_SENT_START if reported is None else _SENT_START_GLUED).finditer(text, lo, c)]
    starts = starts[max(0, len(starts) - _LOST_DASH_SENTENCES):]
    if reported is not None:
        for a, b in reversed(list(zip(starts, starts[1:] + [c]))):
            if reported(a, b):
                return _trim(text, b, c)
    return _trim(text, starts[0], c)


_SENT_START_GLUED = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"”]))[ \u00a0]+(?=[^\W\d_])|(?<=[^\W\d_]{2}[.!?])(?=[^\W\d_])")
_NAME_COMMA = re.compile(r"(?-i:[A-ZÀ-ÖØ-ÞĀ-Žİ][\w’'\-]*(?:[ \u00a0]+[A-ZÀ-ÖØ-ÞĀ-Žİ][\w’'\-]*){1,3}),[ \u00a0]+(?=\w)")
_DOUBLE_MARK = re.compile("[%s]" % "".join(sorted(DOUBLE)))
_LOST_OPEN_LEAD = re.compile(r"[ \u00a0]*,?[ \u00a0]*(?:[-–—][ \u00a0]*)?")


def lost_open_quotes(text: str, paras: list[tuple[int, int]], table: CueTable, cands: list[Cand]) -> list[Cand]:
    """Quotations whose opening mark was lost (a scraped or machine-translated text: '… bir
    daha yaşanmaz" dedi.', '… schnell da.", sagte er'): a double closing mark outside every
    quotation, right before a speech verb, closes the run of sentences before it
    (``_sentences_before``; an opening mark of another family left unpaired there is
    skipped). A mark written apart from its sentence but glued to the verb ('… devam edecek.
    "Dedi."') closes too: the "quotation" it seems to open holds nothing but the verb, and is
    dropped. Returns ``cands`` with these changes, in text order."""
    if table.cue_re is None:
        return cands
    masked = text.translate(_MASK_TRANS)

    def verb_at(k: int) -> bool:
        x = _LOST_OPEN_LEAD.match(masked, k)  # forms may begin with their space (' dedi')
        return any(table.cue_re.match(masked, j) for j in range(k, x.end() + 1))

    def verb_only(q: Cand) -> bool:
        w = masked[q.start:q.end]
        return any((v := table.cue_re.match(x)) is not None and not _WORD.search(x, v.end()) for x in (w, " " + w))

    cue_res = [table.cue_re] + [rx for rx in (table.prep_before_re, table.prep_after_re) if rx is not None] \
        + table.prep_cue_res

    def reported(a: int, b: int) -> bool:  # a speech verb or an 'according to' of its own
        return any(rx.search(masked, a, b) for rx in cue_res)

    keep = [q for q in cands if not (q.close is not None and verb_only(q) and text[q.open - 1:q.open].isspace())]
    out: list[Cand] = []
    for ps, pe in paras:
        for mk in _DOUBLE_MARK.finditer(text, ps, pe):
            k = mk.start()
            if any(q.open <= k < q.outer_end for q in keep + out):
                continue
            if text[k - 1:k].isspace():
                if not any(q.open == k for q in cands) or not re.match(r"[.!?…]", text[k - 2:k - 1]):
                    continue
            elif not _can_close(text, k, text[k]) or not verb_at(k + 1):
                continue
            s, e = _sentences_before(text, ps, k, keep + out, reported)
            while s < e and text[s] in "‘'\"“„«‚‹":
                s += 1
            if not text[s:e][:1].isupper():
                continue
            for st in [s] + [y.end() for y in _SENT_START_GLUED.finditer(text, s, e)]:
                lead = _NAME_COMMA.match(text, st, e)
                if lead is not None:
                    s = lead.end()  # 'Sıla Kara, … diye konuştu': a name and a comma open the quotation
            if len(_WORD.findall(text[s:e])) >= 3:
                out.append(Cand(s, k, s, e))
    return sorted(keep + out, key=lambda q: q.open) if out or len(keep) < len(cands) else cands


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    ws = _SPACE + "\n\r\u2060"
    while s < e and text[s] in ws:
        s += 1
    while e > s and text[e - 1] in ws:
        e -= 1
    return s, e


def _prev_word(text: str, pos: int, lo: int) -> str:
    m = re.search(r"([\w\-’']+)[\s\u00a0]*$", text[max(lo, pos - 40):pos])
    return m.group(1) if m else ""


def _cue_follows(text: str, pos: int, table: CueTable) -> bool:
    """A speech verb right after a quote and its comma: '“Tenemos los números”, dijo Hadad',
    '„Wir haben die Seriennummern“, sagte Haddad', '"No deal", she said', '« Non », a-t-il dit',
    '«Нет», — добавил он'."""
    x = re.match(r"[ \u00a0]*(?:,[ \u00a0]*[—–]?|[—–])[ \u00a0]*", text[pos:pos + 6])
    if not x:
        return False
    rest = text[pos + x.end():pos + x.end() + 60]
    p = re.match(r"([\w’']+)[ \u00a0]+", rest)
    if p and p.group(1).lower() in table.pronouns:
        rest = rest[p.end():]
    return bool(table.cue_re is not None and table.cue_re.match(rest)) or any(
        rx.match(text, pos + x.end()) for rx in table.inversion_res)


def classify(text: str, cands: list[Cand], paras: list[tuple[int, int]], table: CueTable) -> None:
    """Set kind (direct/scare/title) and partial on each candidate."""
    text = scan_text(text)
    starts = [p[0] for p in paras]
    for c in cands:
        if c.dash:
            c.terminal = text[c.start:c.end].rstrip()[-1:] in ".!?…"
            continue
        content = text[c.start:c.end]
        words = _WORD.findall(content)
        pidx = max(0, bisect.bisect_right(starts, c.open) - 1)
        ps = paras[pidx][0] if paras else 0
        before = text[ps:c.open].rstrip(_SPACE)
        prev_char = before[-1] if before else ""
        inside = bool(prev_char) and (prev_char.isalnum() or prev_char in "’'")
        after = text[c.outer_end:c.outer_end + 3].lstrip(_SPACE)
        pw = _prev_word(text, c.open, ps).lower()
        terminal = content.rstrip()[-1:] in ".!?…" if content.strip() else False
        c.partial = inside
        c.terminal = terminal
        if pw in table.sets.get("scare_preceders", ()) and len(words) < 6:
            c.kind = "scare"
        elif len(words) < 6 and not terminal:
            attached = content.rstrip()[-1:] in ",;—–" or prev_char in ":" or (
                prev_char == "," and not inside) or (
                prev_char in ".!?…" and _cue_follows(text, c.outer_end, table)) or _cue_follows(text, c.outer_end, table)
            if inside or not attached:
                c.kind = "scare"
            elif all(w[:1].isupper() for w in words) and len(words) > 1 and not attached:
                c.kind = "title"
        elif inside and after[:1].isalnum() and len(words) < 6:
            c.kind = "scare"


#: punctuation of other scripts read as its Latin twin by the cue and speaker rules (one
#: character each, so offsets do not move); a zero-width non-joiner joins its word
_MASK_TRANS = str.maketrans({"\u060c": ",", "\u061b": ";", "\u061f": "?", "\u06d4": ".",
                             "\u200c": "_", "\u0640": "_"})


def mask(text: str, cands: list[Cand]) -> str:
    """The text with every statement quote (marks and content) replaced by MASK, so cue and
    speaker search never look inside quotations. Scare quotes keep their words. Arabic
    comma, semicolon, question mark and full stop read as ``, ; ? .``; ZWNJ and tatweel
    join their word."""
    chars = list(text.translate(_MASK_TRANS))
    for c in cands:
        if c.kind == "direct":
            for k in range(c.open, c.outer_end):
                if chars[k] != "\n":
                    chars[k] = MASK
        else:
            chars[c.open] = " "
            if c.start > c.open + 1 and text[c.open:c.open + 2] == "''":
                chars[c.open + 1] = " "
            if c.close is not None:
                for k in range(c.close, c.outer_end):
                    chars[k] = " "
    return "".join(chars)


_GLUED = re.compile(r"(?<![^\W\d_])([^\W\d_]{3,})[.!?]([^\W\d_])([^\W\d_]|[ \u00a0](?=[^\W\d_]))")
_GLUED_CASELESS = re.compile(r"\x07[.!?]([^\W\d_])")
_GLUED_CASELESS_WORD = re.compile(r"(?:(?<![^\W\d_])([^\W\d_]{2,})|(?<=[\d)\]»”\"]))[.!?]([^\W\d_]{2,})")
_GLUED_BEFORE_QUOTE = re.compile(r"(?<![^\W\d_])([^\W\d_]{3,})[.!?]$")
_ORDINAL_NEXT = re.compile(r"[.\s\u00a0]+(?:und|bis|oder|i|do|ve|et|and|[-–])?[\s\u00a0]*(?:\d{1,2}\.[\s\u00a0]*)?([^\W\d_]+)")


@functools.lru_cache(maxsize=32)
def _month_names(lang: str) -> frozenset:
    """Month names (CLDR through babel, both contexts, lower case) of the languages whose
    dates write the day as an ordinal with a full stop ('am 6. September', '6. září'); empty
    elsewhere, where a number before a full stop ends a sentence as any word does."""
    if lang not in _ORDINAL_DAY_LANGS:
        return frozenset()
    from babel.dates import get_month_names
    out = set()
    for ctx in ("format", "stand-alone"):
        out.update(n.lower() for n in get_month_names("wide", ctx, locale=lang).values())
    return frozenset(out)


#: languages that write a day of the month as an ordinal number with a full stop
_ORDINAL_DAY_LANGS = frozenset({"de", "cs", "sk", "da", "nb", "fi", "hu", "sl", "hr", "sr"})


def _ordinal_date(masked: str, k: int, word: str, months: frozenset) -> bool:
    """Is the full stop at k that of a day number ('6.') before a month name, directly or
    through a second day ('5. und 6. September')?"""
    if not (word.isdigit() and 1 <= int(word) <= 31):
        return False
    nx = _ORDINAL_NEXT.match(masked, k, k + 40)
    return bool(nx) and nx.group(1).lower() in months


@functools.lru_cache(maxsize=64)
def _capital_article_re(determiners: frozenset) -> re.Pattern | None:
    """A capitalised definite article (of two letters or more) after a word, one per table's
    determiner set (built once, not once per article)."""
    dets = sorted((d for d in determiners if len(d.rstrip("’'")) >= 2), key=len, reverse=True)
    if not dets:
        return None
    return re.compile(r"(?<=[^\W_])[ \u00a0]+((?:%s)(?:[ \u00a0]+|(?<=[’'])))(?=[^\W\d_])" %
                      "|".join(re.escape(d[:1].upper() + d[1:]) for d in dets))


def _glued_headline_starts(masked: str, paras: list[tuple[int, int]], table: CueTable) -> list[int]:
    """'Le 36e Sommet de l’ASEAN couronné de succès Le chef du gouvernement a affirmé …': a
    definite article (or a source cue: 'Według', 'Según') with a capital inside a sentence,
    after a word and before a word in lower case, begins a new sentence (a headline run into
    the body with no full stop). Names that open with an article ('Le Monde', 'The New York
    Times') go on with a capital."""
    words = set(table.sets.get("definite_determiners", ()))
    if not table.caseless:  # 'w alkomacie Według łódzkiego portalu …': a source cue opens one too
        words.update(table.lists["prep_cues_before"])
    rx = _capital_article_re(frozenset(words))
    if rx is None:
        return []
    out = []
    for ps, pe in paras:
        for m in rx.finditer(masked, ps, pe):
            if masked[m.end()].islower() and not masked[m.start(1) - 1:m.start(1)].isupper():
                out.append(m.start(1))
    return out


def _uncased(ch: str) -> bool:
    return ch.isalpha() and not ch.islower() and not ch.isupper()


def _opens_sentence(ch: str, marks: str) -> bool:
    """Can this character begin a sentence: a capital in any cased script (Latin, Cyrillic,
    Greek), a letter of a caseless script (Arabic, Hebrew), or one of ``marks``."""
    return ch in marks or ch.isupper() or (ch.isalpha() and not ch.islower())


def _glued_word_starts(masked: str, ps: int, pe: int, table: CueTable) -> list[int]:
    """'verknüpftEine aktuelle Studie', 'verwendenAm Montag': a sentence glued to the one before
    with neither stop nor space; a lower-case word of four letters or more runs into a
    capitalised function word of the table (determiner, preposition, pronoun); not a name
    written in camel case ('BioNTech', 'YouTube': its first part has a capital or the second
    is no function word)."""
    words = table.union("determiners", "prepositions")  # built once per table, and the pronouns
    out = []
    for m in _LONG_WORD.finditer(masked, ps, pe):
        w = m.group()
        for i in range(4, len(w) - 1):
            if w[i].isupper() and w[:i].islower() and (len(w) == i + 1 or w[i + 1:].islower()) \
                    and (w[i:].lower() in words or w[i:].lower() in table.pronouns):
                out.append(m.start() + i)
                break
    return out


_LONG_WORD = re.compile(r"[^\W\d_]{6,}")


def _glued_caseless_starts(masked: str, ps: int, pe: int, table: CueTable, abbr) -> list[int]:
    """'كانت مهمة للغاية.تمت إضافة', 'في عام 2020.وقال', 'هواتف محمولة).اعترف': in a caseless
    script a full stop (or '!', '?') glued to the next word ends a sentence as it does before a
    space (segment.py splits them the same way): after a word of two letters or more, a digit
    or a closing bracket or mark, before a word of two letters of that script. Not after an
    abbreviation of the table ('د.محمد') nor before a complementizer ('السابقين.إن': the
    clause goes on) or a word a quotation follows; a decimal has a digit after the stop."""
    comps = table.sets.get("complementizers", ())
    out = []
    for m in _GLUED_CASELESS_WORD.finditer(masked, ps, pe):
        word, nxt = m.group(1), m.group(2)
        if not _uncased(nxt[0]) or nxt in comps:
            continue
        if word and (not _uncased(word[-1]) or word in abbr):
            continue
        if re.match(r"[ \u00a0]+\x07", masked[m.end(2):m.end(2) + 3]):
            continue  # 'قيمتها.الحدث "…"': one word and a quotation are no sentence; it goes on with the cue before
        out.append(m.start(2))
    return out


def sentence_bounds(masked: str, paras: list[tuple[int, int]], cands: list[Cand], table: CueTable) -> list[int]:
    """Sorted sentence start positions (paragraph starts included)."""
    abbr = table.sets.get("abbreviations", frozenset())
    months = _month_names(table.lang)
    starts = set()
    for ps, pe in paras:
        starts.add(ps)
        for m in re.finditer(r"[.!?…](?=[\s\u00a0]+(.))", masked[ps:pe]):
            if not _opens_sentence(m.group(1), "\"“«„\x07([0123456789"):
                continue
            k = ps + m.start()
            w = re.search(r"([\w\.]+)$", masked[max(ps, k - 12):k])
            if w and (w.group(1).lower() in abbr or (len(w.group(1)) == 1 and w.group(1).isupper())):
                continue
            if months and w and masked[k] == "." and _ordinal_date(masked, k, w.group(1), months):
                continue  # 'am 5. und 6. September': a day number written as an ordinal
            n = k + 1
            while n < pe and masked[n] in _SPACE:
                n += 1
            starts.add(n)
        # 'in India.The embassy', 'diye konuştu.Farkındalık': a sentence glued to the one before
        # (a lower-case word, its full stop, then a capitalised word, with no space)
        # (or a capital that is a word of its own: 'od niej alkohol.W Alberatis')
        for m in _GLUED.finditer(masked, ps, pe):
            if m.group(1)[-2:].islower() and m.group(2).isupper() and (
                    m.group(3).islower() or m.group(3) in _SPACE):
                starts.add(m.end(1) + 1)
        if not table.caseless:
            starts.update(_glued_word_starts(masked, ps, pe, table))
        if table.caseless:
            # 'الأسوأ".من الضروري': in a caseless script, a full stop glued between a closed
            # quotation and a word (not a complementizer, which goes on with it)
            for m in _GLUED_CASELESS.finditer(masked, ps, pe):
                nxt = re.match(r"\w+", masked[m.end() - 1:pe])
                if _uncased(m.group(1)) and nxt.group() not in table.sets.get("complementizers", ()):
                    starts.add(m.end() - 1)
            starts.update(_glued_caseless_starts(masked, ps, pe, table, abbr))
    starts.update(_glued_headline_starts(masked, paras, table))
    abbr_low = {a.rstrip(".") for a in abbr}
    for c in cands:
        if c.kind != "direct" or c.close is None:
            continue
        w = _GLUED_BEFORE_QUOTE.search(masked, max(0, c.open - 20), c.open)
        if w and not table.caseless and w.group(1).islower() and w.group(1).lower() not in abbr_low:
            # 'noch Meilen entfernt."Das war …", sagte er': a quotation glued to the full stop
            # of the sentence before it opens a sentence
            starts.add(c.open)
        if c.terminal and c.outer_end < len(masked):
            m = re.match(r"[\s\u00a0]+(?=(.))", masked[c.outer_end:c.outer_end + 4])
            if m and _opens_sentence(m.group(1), "\x07\"“«"):
                starts.add(c.outer_end + m.end())
    return sorted(starts)
