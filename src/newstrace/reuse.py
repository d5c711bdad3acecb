"""Text reuse: near-duplicates, copied passages and cross-language reuse.

Corpus stage ``update(store, changed, options)``:

1. Word 5-gram shingles of the clean text -> a datasketch ``MinHash`` (fixed seed). Its
   ``LeanMinHash`` bytes are kept in ``reuse_minhash`` and its LSH band keys in
   ``reuse_bands`` (bands/rows from datasketch's own optimiser), so the index lives in
   SQLite: adding an article costs a few indexed look-ups, whatever the corpus size, and
   nothing is recomputed from texts.
2. Partial copies (a wire paragraph inside a longer local story) have low Jaccard, so a
   second index samples shingle hashes (``hash % GRAM_MOD == 0``, the same sample in every
   document) into ``reuse_grams``; documents sharing ``MIN_GRAMS`` sampled shingles are
   candidates too. Very frequent hashes (boilerplate) are ignored.
3. Candidates are verified exactly (shingle Jaccard and containment) and aligned: the
   passages of A that reappear in B, as character offsets into both clean texts.
4. Across languages there is no shared wording, so the cheap signal is the same anchors
   (numbers, names) in the same order: ``anchor_sequence`` + longest common subsequence.
5. The earlier article (published date, else the middle of its inferred range) is the
   likely source (``source_guess``).

``method`` is ``minhash`` (near-duplicate), ``passage`` (partial copy) or ``anchors``
(cross-language).
"""
from __future__ import annotations

import hashlib
import json
import re
import struct
from collections import Counter, OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Sequence

import numpy as np
from anyascii import anyascii
from datasketch import LeanMinHash, MinHash
from datasketch.lsh import _optimal_param

from .store import select_in

__all__ = [
    "MIGRATIONS", "Passage", "align", "anchor_sequence", "anchor_reuse", "article_day", "article_span",
    "export_rows", "minhash", "shingles", "tokens", "update",
]

NUM_PERM = 128
SEED = 7
SHINGLE = 5
LSH_THRESHOLD = 0.5  # ~0.2 below the Jaccard we call a copy (research brief §3.2)
BANDS, ROWS = _optimal_param(LSH_THRESHOLD, NUM_PERM, 0.5, 0.5)
GRAM_MOD = 8
MIN_GRAMS = 3
MAX_GRAM_DF = 50
MIN_PASSAGE_CHARS = 50  # passim's --min-align
VERIFY_JACCARD = 0.5
VERIFY_CONTAINMENT = 0.5
MIN_ANCHORS = 5
ANCHOR_SHARE = 0.5
# Candidates verified per new article, strongest first (shared LSH bands, then sampled
# n-grams). A news article has a handful of real copies; bounding the verification keeps
# the cost per article flat however much of the corpus shares boilerplate-like passages.
MAX_CANDIDATES = 30
CACHE_ARTICLES = 2000  # tokenised articles kept in memory during one update

MIGRATIONS = [
    (
        "reuse_001_tables",
        """
        CREATE TABLE reuse_minhash (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            num_perm INTEGER NOT NULL, seed INTEGER NOT NULL, shingles INTEGER NOT NULL,
            lean BLOB NOT NULL
        );
        CREATE TABLE reuse_bands (
            band INTEGER NOT NULL, key INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX reuse_bands_key ON reuse_bands(band, key);
        CREATE INDEX reuse_bands_article ON reuse_bands(article_id);
        CREATE TABLE reuse_grams (
            gram INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX reuse_grams_gram ON reuse_grams(gram);
        CREATE INDEX reuse_grams_article ON reuse_grams(article_id);
        CREATE TABLE reuse_anchors (
            key TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            lang TEXT
        );
        CREATE INDEX reuse_anchors_key ON reuse_anchors(key);
        CREATE INDEX reuse_anchors_article ON reuse_anchors(article_id);
        CREATE TABLE reuse (
            a TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            b TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            similarity REAL NOT NULL, containment REAL, passages TEXT NOT NULL,
            method TEXT NOT NULL, source_guess TEXT,
            PRIMARY KEY (a, b)
        );
        CREATE INDEX reuse_b ON reuse(b);
        """,
    ),
]

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,\u202f\u00a0 ]\d{3})*(?:[.,]\d+)?")
_CAP = re.compile(r"\b[^\W\d_][\w'’\-]*", re.UNICODE)
_VOWELS = re.compile(r"[aeiouy]")


# --------------------------------------------------------------------------- shingles
def tokens(text: str) -> list[tuple[str, int, int]]:
    """Lowercased word tokens with their character offsets."""
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text or "")]


def _h64(s: str) -> int:
    return struct.unpack("<q", hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest())[0]


def shingles(toks: Sequence[tuple[str, int, int]], n: int = SHINGLE) -> list[int]:
    """Signed 64-bit hashes of word n-grams, in text order (one per start token)."""
    words = [t[0] for t in toks]
    if len(words) < n:
        return [_h64(" ".join(words))] if words else []
    return [_h64(" ".join(words[i:i + n])) for i in range(len(words) - n + 1)]


def minhash(hashes: Iterable[int]) -> LeanMinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch([struct.pack("<q", h) for h in set(hashes)])
    return LeanMinHash(m)


def lean_bytes(lm: LeanMinHash) -> bytes:
    buf = bytearray(lm.bytesize())
    lm.serialize(buf)
    return bytes(buf)


def band_keys(lm: LeanMinHash) -> list[tuple[int, int]]:
    hv = np.asarray(lm.hashvalues, dtype=np.uint64)
    out = []
    for b in range(BANDS):
        chunk = hv[b * ROWS:(b + 1) * ROWS].astype("<u8").tobytes()
        out.append((b, struct.unpack("<q", hashlib.blake2b(chunk, digest_size=8).digest())[0]))
    return out


def sampled_grams(hashes: Iterable[int]) -> set[int]:
    return {h for h in hashes if h % GRAM_MOD == 0}


# --------------------------------------------------------------------------- alignment
@dataclass(frozen=True, slots=True)
class Passage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def as_dict(self) -> dict[str, int]:
        return {"a_start": self.a_start, "a_end": self.a_end,
                "b_start": self.b_start, "b_end": self.b_end}


def align(a_text: str, b_text: str, *, n: int = SHINGLE, gap: int = 8,
          min_chars: int = MIN_PASSAGE_CHARS, max_repeat: int = 5,
          a_tokens: Sequence[tuple[str, int, int]] | None = None, a_shingles: list[int] | None = None,
          b_tokens: Sequence[tuple[str, int, int]] | None = None,
          b_shingles: list[int] | None = None) -> list[Passage]:
    """Passages of A that reappear in B, as character offsets into both texts.

    Seeds are shared word n-grams; consecutive seeds on one diagonal form runs; runs that
    follow each other in both texts within ``gap`` tokens (small edits) are merged; passages
    shorter than ``min_chars`` in A are dropped. Overlapping passages keep the longest.
    """
    ta = a_tokens if a_tokens is not None else tokens(a_text)
    tb = b_tokens if b_tokens is not None else tokens(b_text)
    ha = a_shingles if a_shingles is not None and n == SHINGLE else shingles(ta, n)
    hb = b_shingles if b_shingles is not None and n == SHINGLE else shingles(tb, n)
    if len(ta) < n or len(tb) < n:
        return []
    pos: dict[int, list[int]] = {}
    for j, h in enumerate(hb):
        pos.setdefault(h, []).append(j)
    matches: set[tuple[int, int]] = set()
    for i, h in enumerate(ha):
        js = pos.get(h)
        if js and len(js) <= max_repeat:
            for j in js:
                matches.add((i, j))
    if not matches:
        return []
    # runs along diagonals: (i0, i1, j0, j1) inclusive seed indexes
    runs = []
    for i, j in sorted(matches, key=lambda m: (m[1] - m[0], m[0])):
        if runs and runs[-1][4] == j - i and runs[-1][1] == i - 1:
            r = runs[-1]
            runs[-1] = (r[0], i, r[2], j, r[4])
        else:
            runs.append((i, i, j, j, j - i))
    runs.sort(key=lambda r: (r[0], r[2]))
    merged: list[list[int]] = []
    for i0, i1, j0, j1, _ in runs:
        if merged:
            m = merged[-1]
            if m[1] - gap <= i0 <= m[1] + gap and m[3] - gap <= j0 <= m[3] + gap and i1 >= m[1] and j1 >= m[3]:
                m[1], m[3] = max(m[1], i1), max(m[3], j1)
                continue
        merged.append([i0, i1, j0, j1])
    out: list[Passage] = []
    for i0, i1, j0, j1 in sorted(merged, key=lambda m: m[1] - m[0], reverse=True):
        p = Passage(ta[i0][1], ta[i1 + n - 1][2], tb[j0][1], tb[j1 + n - 1][2])
        if p.a_end - p.a_start < min_chars:
            continue
        if any(p.a_start < q.a_end and q.a_start < p.a_end for q in out):
            continue
        if any(p.b_start < q.b_end and q.b_start < p.b_end for q in out):
            continue
        out.append(p)
    return sorted(out, key=lambda p: p.a_start)


# --------------------------------------------------------------------------- cross-language
def _norm_number(s: str) -> str | None:
    digits = re.sub(r"\D", "", s)
    if len(digits) < 2:
        return None
    return "n:" + digits.lstrip("0") if digits.strip("0") else None


def name_key(surface: str) -> str | None:
    """A script- and spelling-tolerant key for a name: transliterate, lowercase, drop
    vowels (Muslih / Musleh / Mosleh -> ``mslh``). None for keys too short to mean much."""
    s = anyascii(surface).lower()
    s = re.sub(r"[^a-z]", "", s)
    s = s[:1] + _VOWELS.sub("", s[1:])
    s = re.sub(r"(.)\1+", r"\1", s)
    return "c:" + s if len(s) >= 3 else None


def anchor_sequence(text: str, mentions: Sequence[Any] = ()) -> list[tuple[str, int, int]]:
    """Language-independent anchors in text order: numbers (2+ digits) and names (actor
    ids when resolved, else a consonant key of the mention or capitalised token).
    Each item is (key, start, end)."""
    items: list[tuple[str, int, int]] = []
    for m in _NUMBER.finditer(text or ""):
        k = _norm_number(m.group())
        if k:
            items.append((k, m.start(), m.end()))
    covered = []
    for m in mentions or ():
        aid = getattr(m, "actor_id", None)
        k = ("a:" + aid) if aid else name_key(getattr(m, "text", ""))
        if k:
            items.append((k, m.start, m.end))
            covered.append((m.start, m.end))
    if not mentions:
        for m in _CAP.finditer(text or ""):
            w = m.group()
            if not w[0].isupper() or len(w) < 4:
                continue
            prev = text[max(0, m.start() - 2):m.start()]
            if m.start() == 0 or re.search(r"[.!?\n]\s*$", prev):
                continue  # sentence-initial capitals are not evidence of a name
            k = name_key(w)
            if k:
                items.append((k, m.start(), m.end()))
    items.sort(key=lambda x: x[1])
    return items


def _lcs_pairs(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    la, lb = len(a), len(b)
    if not la or not lb:
        return []
    dp = np.zeros((la + 1, lb + 1), dtype=np.int32)
    for i in range(la - 1, -1, -1):
        ai = a[i]
        row, nxt = dp[i], dp[i + 1]
        for j in range(lb - 1, -1, -1):
            row[j] = nxt[j + 1] + 1 if ai == b[j] else max(nxt[j], row[j + 1])
    out, i, j = [], 0, 0
    while i < la and j < lb:
        if a[i] == b[j]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def anchor_reuse(seq_a: Sequence[tuple[str, int, int]], seq_b: Sequence[tuple[str, int, int]],
                 *, window: int = 400) -> tuple[float, list[Passage]]:
    """Share of anchors (of the shorter sequence, repeated keys collapsed) that occur in the
    same order in both texts, and the passages those ordered anchors span (anchors closer
    than ``window`` characters in both texts form one passage)."""
    def dedup(seq):
        out, last = [], None
        for it in seq:
            if it[0] != last:
                out.append(it)
            last = it[0]
        return out

    a, b = dedup(seq_a)[:300], dedup(seq_b)[:300]
    shared = {x[0] for x in a} & {x[0] for x in b}
    a = [x for x in a if x[0] in shared]
    b = [x for x in b if x[0] in shared]
    pairs = _lcs_pairs([x[0] for x in a], [x[0] for x in b])
    denom = min(len({x[0] for x in seq_a}), len({x[0] for x in seq_b}))
    if not pairs or denom == 0:
        return 0.0, []
    score = len({a[i][0] for i, _ in pairs}) / denom
    passages: list[Passage] = []
    cur = None
    for i, j in pairs:
        sa, ea, sb, eb = a[i][1], a[i][2], b[j][1], b[j][2]
        if cur and sa - cur[1] <= window and sb - cur[3] <= window:
            cur = [cur[0], ea, cur[2], eb, cur[4] + 1]
        else:
            if cur and cur[4] >= 2:
                passages.append(Passage(*cur[:4]))
            cur = [sa, ea, sb, eb, 1]
    if cur and cur[4] >= 2:
        passages.append(Passage(*cur[:4]))
    return score, passages


# --------------------------------------------------------------------------- dates
#: An inferred publication range wider than this is not a date: the article is treated as
#: undated for ordering and "earlier copy" decisions (its range still bounds comparisons,
#: see :func:`article_span`). 120 days: a season; the inferred ranges that carry real
#: information (a weekday + "last week", a dateline) are days to weeks wide, the ones from
#: "in 2019" / "since the war began" are years wide.
MAX_RANGE_DAYS = 120.0


def _ordinal(s: str | None) -> int | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10]).toordinal()
    except ValueError:
        return None


def article_span(published: str | None, earliest: str | None = None,
                 latest: str | None = None) -> tuple[float, float] | None:
    """The article's possible publication days as an ordinal interval: [published,
    published], else the inferred [earliest, latest] (however wide; an open end is
    unbounded), else None."""
    p = _ordinal(published)
    if p is not None:
        return float(p), float(p)
    e, l_ = _ordinal(earliest), _ordinal(latest)
    if e is None and l_ is None:
        return None
    return (float(e) if e is not None else float("-inf"), float(l_) if l_ is not None else float("inf"))


def article_day(published: str | None, earliest: str | None = None,
                latest: str | None = None) -> float | None:
    """An article's date as a day number (ordinal): published, else the midpoint of the
    inferred range when it is at most ``MAX_RANGE_DAYS`` wide, else None (undated)."""
    span = article_span(published, earliest, latest)
    if span is None:
        return None
    lo, hi = span
    if hi - lo > MAX_RANGE_DAYS:
        return None
    return (lo + hi) / 2.0


# --------------------------------------------------------------------------- corpus stage
def _row_day(store: Any, r: Any) -> float | None:
    """An article's date for "earlier copy" decisions: published, else its *own* inferred
    range (``dates.update`` refines ranges from stories, which come after this stage)."""
    from .dates import own_range

    e, l_ = own_range(store, r["id"]) or (r["range_earliest"], r["range_latest"])
    return article_day(r["published"], e, l_)


def _source_guess(store: Any, ra: Any, rb: Any) -> str | None:
    da, db = _row_day(store, ra), _row_day(store, rb)
    if da is None or db is None or da == db:
        return None
    return ra["id"] if da < db else rb["id"]


def _unchanged(c, aid: str, lm_bytes: bytes, akeys: list[str]) -> bool:
    """The article is indexed already with the same MinHash and anchors (a second call,
    or a run resumed after a kill): nothing to redo."""
    r = c.execute("SELECT lean FROM reuse_minhash WHERE article_id = ?", (aid,)).fetchone()
    if r is None or bytes(r[0]) != lm_bytes:
        return False
    have = sorted(x[0] for x in c.execute("SELECT key FROM reuse_anchors WHERE article_id = ?", (aid,)))
    return have == akeys


def update(store: Any, changed: list[str], options: Any = None) -> dict[str, int]:
    """Index the changed articles and record their reuse links (see module docstring).

    Idempotent: an article indexed already with the same content (MinHash) and anchors is
    left as it is. Links are computed in one orientation (a < b by id) whichever side
    finds the other, so their passages do not depend on the order articles came in."""
    c = store.conn
    counts = {"reuse_indexed": 0, "reuse_links": 0}
    if not changed:
        return counts
    rows = {r["id"]: r for r in store.article_rows(sorted(set(changed)))}
    cache: OrderedDict[str, Any] = OrderedDict()

    def load(aid: str):
        """(article, shingle set, tokens, shingle list), least recently used evicted."""
        if aid in cache:
            cache.move_to_end(aid)
            return cache[aid]
        art = store.get_article(aid)
        if art is None:
            got = None
        else:
            toks = tokens(art.text)
            sh = shingles(toks)
            got = (art, set(sh), toks, sh)
        cache[aid] = got
        if len(cache) > CACHE_ARTICLES:
            cache.popitem(last=False)
        return got

    todo = []
    for aid in sorted(rows):
        got = load(aid)
        if got is None or not got[1]:
            todo.append((aid, None))
            continue
        art, hs = got[0], got[1]
        lm = minhash(hs)
        anchors = anchor_sequence(art.text, sorted(art.mentions, key=lambda m: (m.start, m.end)))
        akeys = sorted({k for k, _, _ in anchors})
        if _unchanged(c, aid, lean_bytes(lm), akeys):
            continue
        todo.append((aid, (lm, anchors, akeys)))
    with store.transaction():
        for aid, _ in todo:
            for t in ("reuse_minhash", "reuse_bands", "reuse_grams", "reuse_anchors"):
                c.execute(f"DELETE FROM {t} WHERE article_id = ?", (aid,))
            c.execute("DELETE FROM reuse WHERE a = ? OR b = ?", (aid, aid))

    for aid, prepared in todo:
        if prepared is None:
            continue
        art, hs, atoks, ash = load(aid)
        lm, anchors, akeys = prepared
        bands = band_keys(lm)
        grams = sampled_grams(hs)
        strength: Counter[str] = Counter()
        for b, key in bands:
            for r in c.execute("SELECT article_id FROM reuse_bands WHERE band = ? AND key = ?", (b, key)):
                strength[r[0]] += 1000  # a shared band outranks any number of shared grams
        if grams:
            gl = sorted(grams)
            good = [r[0] for r in select_in(c, "SELECT gram FROM reuse_grams WHERE gram IN", gl,
                                      f"GROUP BY gram HAVING count(*) <= {MAX_GRAM_DF}")]
            if good:
                for r in select_in(c, "SELECT article_id, count(*) FROM reuse_grams WHERE gram IN", sorted(good),
                             f"GROUP BY article_id HAVING count(*) >= {MIN_GRAMS}"):
                    strength[r[0]] += r[1]
        strength.pop(aid, None)
        cands = {k for k, _ in sorted(strength.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]}
        xl_cands: set[str] = set()
        if len(akeys) >= MIN_ANCHORS:
            good = [r[0] for r in select_in(c, "SELECT key FROM reuse_anchors WHERE key IN", akeys,
                                      f"GROUP BY key HAVING count(*) <= {MAX_GRAM_DF}")]
            if len(good) >= MIN_ANCHORS:
                shared = select_in(
                    c, "SELECT article_id, count(*) FROM reuse_anchors WHERE key IN", sorted(good),
                    f"AND coalesce(lang, '') != ? GROUP BY article_id HAVING count(*) >= {MIN_ANCHORS}",
                    after=(art.lang or "",))
                xl_cands.update(r[0] for r in sorted(shared, key=lambda r: (-r[1], r[0]))[:MAX_CANDIDATES])
        cands.discard(aid)
        xl_cands.discard(aid)
        links = []
        for other in sorted(cands):
            og = load(other)
            if og is None:
                continue
            oart, ohs, otoks, osh = og
            inter = len(hs & ohs)
            jac = inter / len(hs | ohs)
            cont = inter / min(len(hs), len(ohs))
            # one orientation (a < b), whichever side found the other
            mine, theirs = (art.text, atoks, ash), (oart.text, otoks, osh)
            (ta, tka, sha), (tb, tkb, shb) = (mine, theirs) if aid < other else (theirs, mine)
            passages = align(ta, tb, a_tokens=tka, a_shingles=sha, b_tokens=tkb, b_shingles=shb)
            if jac < VERIFY_JACCARD and cont < VERIFY_CONTAINMENT:
                if not passages:
                    continue
                method = "passage"
            else:
                method = "minhash"
            links.append((other, jac, cont, passages, method))
        for other in sorted(xl_cands - cands):
            og = load(other)
            if og is None:
                continue
            oart = og[0]
            oanch = anchor_sequence(oart.text, sorted(oart.mentions, key=lambda m: (m.start, m.end)))
            first, second = (anchors, oanch) if aid < other else (oanch, anchors)
            score, passages = anchor_reuse(first, second)
            if score >= ANCHOR_SHARE and passages:
                links.append((other, score, None, passages, "anchors"))
        with store.transaction():
            c.execute(
                "INSERT INTO reuse_minhash(article_id, num_perm, seed, shingles, lean) VALUES (?,?,?,?,?)",
                (aid, NUM_PERM, SEED, len(hs), lean_bytes(lm)))
            c.executemany("INSERT INTO reuse_bands(band, key, article_id) VALUES (?,?,?)",
                          [(b, k, aid) for b, k in bands])
            c.executemany("INSERT INTO reuse_grams(gram, article_id) VALUES (?,?)",
                          [(g, aid) for g in sorted(grams)])
            c.executemany("INSERT INTO reuse_anchors(key, article_id, lang) VALUES (?,?,?)",
                          [(k, aid, art.lang) for k in akeys])
            for other, sim, cont, passages, method in links:
                orow = rows.get(other) or store.article_rows([other])[0]
                a_id, b_id = sorted((aid, other))
                c.execute(
                    "INSERT OR REPLACE INTO reuse(a, b, similarity, containment, passages, method, source_guess)"
                    " VALUES (?,?,?,?,?,?,?)",
                    (a_id, b_id, round(sim, 4), None if cont is None else round(cont, 4),
                     json.dumps([p.as_dict() for p in passages]), method,
                     _source_guess(store, rows[aid], orow)))
        counts["reuse_indexed"] += 1
        counts["reuse_links"] += len(links)
    return counts


def links_for(store: Any, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Reuse links touching any of ``article_ids``."""
    ids = list(article_ids)
    if not ids or not store.has_table("reuse"):
        return []
    rows = select_in(store.conn, "SELECT * FROM reuse WHERE a IN", ids,
               "UNION SELECT * FROM reuse WHERE b IN (" + ",".join("?" * len(ids[:500])) + ")",
               after=ids[:500]) if len(ids) <= 500 else [
        r for r in store.conn.execute("SELECT * FROM reuse") if r["a"] in set(ids) or r["b"] in set(ids)]
    return [_row_dict(r) for r in rows]


def _row_dict(r: Any) -> dict[str, Any]:
    return {"a": r["a"], "b": r["b"], "similarity": r["similarity"],
            "passages": json.loads(r["passages"]), "containment": r["containment"],
            "method": r["method"], "source_guess": r["source_guess"]}


def export_rows(store: Any) -> Iterable[dict[str, Any]]:
    """Rows of the ``reuse`` export: a, b, similarity, passages [{a_start, a_end, b_start, b_end}]."""
    for r in store.conn.execute("SELECT * FROM reuse ORDER BY a, b"):
        yield _row_dict(r)
