"""Provenance: who said what, who carried it, through which channels (corpus stage).

``update(store, changed, options)`` links quote speakers and channels, and cited outlets,
to actors (the actor of the mention that overlaps the span first, else
``actors.find_actor`` by name), then groups the same statement carried by several
articles into one ``statements`` row (same speaker and overlapping words, found through an
inverted index of word shingles, so the cost per new article does not grow with the
corpus). Statements in different languages are linked at query time when they have the
same speaker and their articles are in the same story.

Query functions for the CLI and the web app: ``list_quotes``, ``trace``,
``export_quotes``, ``export_sources``, ``source_graph``; ``evaluate`` scores quotes,
speakers, channels and sourcing edges against a gold file (seeds.gold.json format).
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter, defaultdict
from typing import Any, Iterable

from .quotes import is_named_channel

__all__ = ["MIGRATIONS", "evaluate", "export_quotes", "export_sources", "list_quotes",
           "source_graph", "trace", "update"]

LOGGER = logging.getLogger(__name__)

MIGRATIONS = [
    (
        "provenance_001_statements",
        """
        CREATE TABLE statements (
            id TEXT PRIMARY KEY, speaker TEXT, speaker_actor TEXT, speaker_key TEXT,
            text TEXT, first_article TEXT, first_date TEXT, carriers INTEGER NOT NULL DEFAULT 0,
            langs TEXT
        );
        CREATE INDEX statements_speaker ON statements(speaker_key);
        CREATE TABLE statement_quotes (
            statement_id TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX statement_quotes_statement ON statement_quotes(statement_id);
        CREATE TABLE statement_keys (
            key TEXT NOT NULL, statement_id TEXT NOT NULL, PRIMARY KEY (key, statement_id)
        ) WITHOUT ROWID;
        """,
    ),
]

_WORD = re.compile(r"\w+", re.UNICODE)
_MIN_OVERLAP = 0.5  # share of the shorter quote's shingles


# -- actor links ----------------------------------------------------------------------------

def _find_actor(store, name: str | None) -> str | None:
    if not name:
        return None
    try:
        from .actors import find_actor
    except ImportError:  # actors stage not installed: no links by name
        return None
    try:
        return find_actor(store, name)
    except Exception as e:  # noqa: BLE001 - a lookup failure must not stop the run
        LOGGER.warning("find_actor(%r) failed: %s", name, e)
        return None


def _overlapping_actor(mentions: list, s: int | None, e: int | None) -> str | None:
    if s is None or e is None:
        return None
    best, best_ov = None, 0
    for m in mentions:
        ov = min(e, m["end"]) - max(s, m["start"])
        if ov > best_ov and m["actor_id"]:
            best, best_ov = m["actor_id"], ov
    return best


def _link_article(store, aid: str, memo: dict[str, str | None] | None = None) -> tuple[list, list]:
    c = store.conn
    memo = {} if memo is None else memo

    def find(name: str | None) -> str | None:
        # one lookup per distinct name and run: speakers, channels and outlets repeat
        if not name:
            return None
        if name not in memo:
            memo[name] = _find_actor(store, name)
        return memo[name]

    ments = c.execute('SELECT start, "end", actor_id, type FROM mentions WHERE article_id = ?', (aid,)).fetchall()
    qrows, srows = [], []
    for q in c.execute("SELECT * FROM quotes WHERE article_id = ?", (aid,)):
        sp = None
        if q["speaker"] and q["speaker_kind"] not in ("anonymous",):
            sp = _overlapping_actor(ments, q["speaker_start"], q["speaker_end"])
            if sp is None and q["speaker_kind"] in ("name", "institution", "outlet", "pronoun"):
                sp = find(q["speaker"])
        ch = None
        if q["channel"] and is_named_channel(q["channel"]):
            ch = _overlapping_actor(ments, q["channel_start"], q["channel_end"]) or find(q["channel"])
        qrows.append((aid, q["idx"], sp, ch))
    for s in c.execute("SELECT * FROM sources WHERE article_id = ?", (aid,)):
        act = None
        if not s["anonymous"] or is_named_channel(s["cites"]):
            act = find(s["cites"])
            if act is None:
                k = (s["text"] or "").find(s["cites"] or "\x00")
                if k >= 0:
                    act = _overlapping_actor(ments, s["start"] + k, s["start"] + k + len(s["cites"]))
        srows.append((aid, s["idx"], act))
    return qrows, srows


# -- statements -------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def _shingles(text: str, n: int = 3) -> set[str]:
    w = _words(text)
    if len(w) < n:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def _h(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:16]


def _speaker_key(row) -> str | None:
    if row["speaker_actor"]:
        return "a:" + row["speaker_actor"]
    if row["speaker"] and row["speaker_kind"] != "anonymous":
        return "n:" + re.sub(r"\W+", "", row["speaker"].lower())
    return None


def _group(store, aids: list[str]) -> int:
    """Attach each quote of the articles to a statement (new or existing). Returns the
    number of quotes that joined an existing statement."""
    c = store.conn
    joined = 0
    q = ",".join("?" * len(aids))
    # forget previous grouping of these articles (re-analysed content)
    c.execute(f"DELETE FROM statement_quotes WHERE article_id IN ({q})", aids)
    rows = c.execute(
        f"SELECT q.*, COALESCE(a.published, a.range_earliest) AS date, a.lang FROM quotes q "
        f"JOIN articles a ON a.id = q.article_id WHERE q.article_id IN ({q}) ORDER BY date, q.article_id, q.idx",
        aids).fetchall()
    touched: set[str] = set()
    n_shingles: dict[str, int] = {}  # statement id -> shingles of its text (the text never changes)
    for r in rows:
        key = _speaker_key(r)
        sh = _shingles(r["text"])
        if not key or not sh:
            continue
        keys = [_h(key + "|" + s) for s in sh]
        kq = ",".join("?" * len(keys))
        cand = Counter(x[0] for x in c.execute(
            f"SELECT statement_id FROM statement_keys WHERE key IN ({kq})", keys))
        best, best_score = None, 0.0
        top = cand.most_common(20)
        need = [sid for sid, _ in top if sid not in n_shingles]
        if need:
            for sid, text in c.execute(f"SELECT id, text FROM statements WHERE id IN ({','.join('?' * len(need))})",
                                       need):
                n_shingles[sid] = len(_shingles(text))
        for sid, shared in top:
            if sid not in n_shingles:
                continue
            score = shared / max(1, min(len(sh), n_shingles[sid]))
            if score > best_score:
                best, best_score = sid, score
        if best is not None and best_score >= _MIN_OVERLAP:
            sid = best
            joined += 1
        else:
            sid = "st_" + _h(f"{r['article_id']}#q{r['idx']}")
            c.execute("INSERT OR REPLACE INTO statements (id, speaker, speaker_actor, speaker_key, text) "
                      "VALUES (?, ?, ?, ?, ?)", (sid, r["speaker"], r["speaker_actor"], key, r["text"]))
            n_shingles[sid] = len(sh)
        c.execute("INSERT OR REPLACE INTO statement_quotes VALUES (?, ?, ?)", (sid, r["article_id"], r["idx"]))
        c.executemany("INSERT OR IGNORE INTO statement_keys VALUES (?, ?)", [(k, sid) for k in keys])
        touched.add(sid)
    for sid in touched:
        _refresh_statement(store, sid)
    return joined


def _refresh_statement(store, sid: str) -> None:
    c = store.conn
    rows = c.execute(
        "SELECT sq.article_id, COALESCE(a.published, a.range_earliest) AS date, a.lang FROM statement_quotes sq "
        "JOIN articles a ON a.id = sq.article_id WHERE sq.statement_id = ? "
        "ORDER BY date IS NULL, date, sq.article_id", (sid,)).fetchall()
    if not rows:
        c.execute("DELETE FROM statements WHERE id = ?", (sid,))
        c.execute("DELETE FROM statement_keys WHERE statement_id = ?", (sid,))
        return
    langs = sorted({r["lang"] for r in rows if r["lang"]})
    c.execute("UPDATE statements SET first_article = ?, first_date = ?, carriers = ?, langs = ? WHERE id = ?",
              (rows[0]["article_id"], rows[0]["date"], len({r["article_id"] for r in rows}),
               json.dumps(langs), sid))


def update(store, changed: list[str], options: Any = None) -> dict[str, int]:
    """Link speakers, channels and cited outlets of the changed articles to actors, and
    group their quotes into statements."""
    changed = list(changed or [])
    if not changed:
        return {"quotes_linked": 0, "statements_joined": 0}
    qrows, srows = [], []
    memo: dict[str, str | None] = {}
    for aid in changed:
        a, b = _link_article(store, aid, memo)
        qrows += a
        srows += b
    store.set_quote_actors(qrows)
    store.set_source_actors(srows)
    joined = 0
    with store.transaction():
        for i in range(0, len(changed), 200):
            joined += _group(store, changed[i:i + 200])
    return {"quotes_linked": sum(1 for r in qrows if r[2]), "statements_joined": joined}


# -- queries ----------------------------------------------------------------------------------

def _said_on(r) -> dict | None:
    if not (r["said_on_earliest"] or r["said_on_latest"]):
        return None
    ev = json.loads(r["said_on_evidence"]) if r["said_on_evidence"] else []
    return {"earliest": r["said_on_earliest"], "latest": r["said_on_latest"], "evidence": ev}


def _quote_row(r) -> dict[str, Any]:
    return {
        "id": f"{r['article_id']}#q{r['idx']}", "article": r["article_id"], "start": r["start"],
        "end": r["end"], "text": r["text"], "direct": bool(r["direct"]), "speaker": r["speaker"],
        "speaker_actor": r["speaker_actor"], "cue": r["cue"], "channel": r["channel"],
        "channel_actor": r["channel_actor"], "anonymous": bool(r["anonymous"]), "said_on": _said_on(r),
    }


def list_quotes(store, speaker: str | None = None, story: str | None = None,
                article: str | None = None) -> list[dict[str, Any]]:
    """Quotes (export-contract fields plus speaker_kind, method, outlet, lang, date),
    filtered by speaker (any spelling or actor id), story id, or article id."""
    sql = ("SELECT q.*, a.outlet, a.lang, COALESCE(a.published, a.range_earliest) AS date FROM quotes q "
           "JOIN articles a ON a.id = q.article_id")
    where, args = [], []
    if speaker:
        aid = _find_actor(store, speaker)
        if aid:
            where.append("(q.speaker_actor = ? OR q.speaker LIKE ?)")
            args += [aid, f"%{speaker}%"]
        else:
            where.append("q.speaker LIKE ?")
            args.append(f"%{speaker}%")
    if story:
        if not store.has_table("story_articles"):
            return []
        where.append("q.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)")
        args.append(story)
    if article:
        where.append("q.article_id = ?")
        args.append(article)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY date IS NULL, date, q.article_id, q.idx"
    out = []
    for r in store.conn.execute(sql, args):
        d = _quote_row(r)
        d.update(speaker_kind=r["speaker_kind"], method=r["method"], outlet=r["outlet"], lang=r["lang"],
                 date=r["date"])
        out.append(d)
    return out


def export_quotes(store) -> Iterable[dict[str, Any]]:
    for r in store.conn.execute("SELECT * FROM quotes ORDER BY article_id, idx"):
        yield _quote_row(r)


def export_sources(store) -> Iterable[dict[str, Any]]:
    for r in store.conn.execute(
            "SELECT s.*, a.outlet FROM sources s JOIN articles a ON a.id = s.article_id ORDER BY s.article_id, s.idx"):
        yield {"article": r["article_id"], "outlet": r["outlet"], "cites": r["cites"],
               "cites_actor": r["cites_actor"], "kind": r["kind"],
               "evidence": {"start": r["start"], "end": r["end"], "text": r["text"]},
               "anonymous": bool(r["anonymous"])}


def _actor_name(store, aid: str | None) -> str | None:
    if not aid or not store.has_table("actors"):
        return None
    row = store.conn.execute("SELECT name FROM actors WHERE id = ?", (aid,)).fetchone()
    return row[0] if row else None


def source_graph(store) -> tuple[list[dict], list[dict]]:
    """Outlets and actors as nodes; edges from an article's outlet to the outlet or actor
    it cites (kind quote/report/interview/copy) and to the speakers it quotes (kind
    quotes). Weight = number of articles."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}

    def node(nid: str, label: str, typ: str) -> str:
        nodes.setdefault(nid, {"id": nid, "label": label, "type": typ})
        return nid

    def outlet_node(r) -> str:
        if r["outlet"]:
            return node("outlet:" + r["outlet"], r["outlet"], "outlet")
        return node("article:" + r["article_id"], r["article_id"], "article")

    def edge(a: str, b: str, kind: str, article: str) -> None:
        e = edges.setdefault((a, b, kind), {"source": a, "target": b, "kind": kind, "label": kind,
                                            "weight": 0, "articles": set()})
        if article not in e["articles"]:
            e["articles"].add(article)
            e["weight"] += 1

    c = store.conn
    for r in c.execute("SELECT s.*, a.outlet FROM sources s JOIN articles a ON a.id = s.article_id"):
        src = outlet_node(r)
        if r["cites_actor"]:
            tgt = node(r["cites_actor"], _actor_name(store, r["cites_actor"]) or r["cites"], "actor")
        else:
            typ = "anonymous" if r["anonymous"] and not is_named_channel(r["cites"]) else "outlet"
            tgt = node(f"{typ}:{r['cites']}", r["cites"], typ)
        edge(src, tgt, r["kind"], r["article_id"])
    for r in c.execute("SELECT q.article_id, q.speaker, q.speaker_actor, a.outlet FROM quotes q "
                       "JOIN articles a ON a.id = q.article_id WHERE q.speaker_actor IS NOT NULL"):
        src = outlet_node(r)
        tgt = node(r["speaker_actor"], _actor_name(store, r["speaker_actor"]) or r["speaker"], "actor")
        edge(src, tgt, "quotes", r["article_id"])
    out_edges = []
    for e in edges.values():
        e = dict(e)
        e["articles"] = ",".join(sorted(e["articles"]))
        out_edges.append(e)
    return list(nodes.values()), out_edges


def trace(store, query: str) -> dict[str, Any]:
    """Where a statement or claim first appeared, who carried it, through which channels
    and in which languages, in date order. ``query``: a quote id (``article#qN``), a
    statement id, a speaker name, or words of the statement."""
    c = store.conn
    sids: list[str] = []
    m = re.fullmatch(r"(.+)#q(\d+)", query.strip())
    if m:
        sids = [r[0] for r in c.execute("SELECT statement_id FROM statement_quotes WHERE article_id = ? AND idx = ?",
                                        (m.group(1), int(m.group(2))))]
    elif c.execute("SELECT 1 FROM statements WHERE id = ?", (query,)).fetchone():
        sids = [query]
    else:
        words = [w for w in _words(query) if len(w) > 2][:12]
        aid = _find_actor(store, query)
        if aid:
            sids = [r[0] for r in c.execute("SELECT id FROM statements WHERE speaker_actor = ?", (aid,))]
        if not sids and words:
            cond = " AND ".join("lower(q.text) LIKE ?" for _ in words)
            sids = list(dict.fromkeys(r[0] for r in c.execute(
                f"SELECT sq.statement_id FROM quotes q JOIN statement_quotes sq ON sq.article_id = q.article_id "
                f"AND sq.idx = q.idx WHERE {cond}", [f"%{w}%" for w in words])))
    sids = _with_translations(store, sids)
    statements = [_statement(store, sid) for sid in sids]
    statements = [s for s in statements if s]
    statements.sort(key=lambda s: (s["first_seen"]["date"] is None, s["first_seen"]["date"] or "", s["id"]))
    return {"query": query, "statements": statements}


def _with_translations(store, sids: list[str]) -> list[str]:
    """Add statements by the same speaker actor, in another language, carried by articles
    of the same story (a translation or a report of the same statement)."""
    if not sids or not store.has_table("story_articles"):
        return sids
    c = store.conn
    out = list(sids)
    for sid in sids:
        row = c.execute("SELECT speaker_actor, langs FROM statements WHERE id = ?", (sid,)).fetchone()
        if not row or not row[0]:
            continue
        langs = set(json.loads(row[1] or "[]"))
        for r in c.execute(
                "SELECT DISTINCT s.id, s.langs FROM statements s JOIN statement_quotes sq ON sq.statement_id = s.id "
                "JOIN story_articles sa ON sa.article_id = sq.article_id WHERE s.speaker_actor = ? AND s.id != ? "
                "AND sa.story_id IN (SELECT sa2.story_id FROM statement_quotes sq2 JOIN story_articles sa2 "
                "ON sa2.article_id = sq2.article_id WHERE sq2.statement_id = ?)", (row[0], sid, sid)):
            if r[0] not in out and not (set(json.loads(r[1] or "[]")) & langs):
                out.append(r[0])
    return out


def _statement(store, sid: str) -> dict[str, Any] | None:
    c = store.conn
    st = c.execute("SELECT * FROM statements WHERE id = ?", (sid,)).fetchone()
    if st is None:
        return None
    carriers = []
    for r in c.execute(
            "SELECT q.*, a.outlet, a.lang, a.title, COALESCE(a.published, a.range_earliest) AS date "
            "FROM statement_quotes sq JOIN quotes q ON q.article_id = sq.article_id AND q.idx = sq.idx "
            "JOIN articles a ON a.id = q.article_id WHERE sq.statement_id = ? "
            "ORDER BY date IS NULL, date, q.article_id, q.idx", (sid,)):
        cites = [dict(cites=s["cites"], kind=s["kind"], evidence={"start": s["start"], "end": s["end"],
                                                                  "text": s["text"]})
                 for s in c.execute("SELECT * FROM sources WHERE article_id = ?", (r["article_id"],))]
        carriers.append({"article": r["article_id"], "quote": f"{r['article_id']}#q{r['idx']}", "outlet": r["outlet"],
                         "lang": r["lang"], "date": r["date"], "title": r["title"], "text": r["text"],
                         "start": r["start"], "end": r["end"], "direct": bool(r["direct"]), "channel": r["channel"],
                         "cue": r["cue"], "anonymous": bool(r["anonymous"]), "cites": cites})
    first = carriers[0] if carriers else {}
    return {
        "id": sid, "speaker": st["speaker"], "speaker_actor": st["speaker_actor"],
        "speaker_name": _actor_name(store, st["speaker_actor"]), "text": st["text"],
        "first_seen": {"article": first.get("article"), "outlet": first.get("outlet"), "date": first.get("date")},
        "carriers": carriers,
        "channels": sorted({x["channel"] for x in carriers if x["channel"]}),
        "languages": sorted({x["lang"] for x in carriers if x["lang"]}),
    }


# -- evaluation -------------------------------------------------------------------------------

def _norm(s: str | None) -> str:
    return re.sub(r"[\W_]+", "", (s or "").lower().replace("’", "'"))


def _names_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    na, nb = _norm(a), _norm(b)
    if na and nb and (na == nb or (min(len(na), len(nb)) >= 4 and (na in nb or nb in na))):
        return True
    try:
        from .names import match_score
    except ImportError:
        return False
    return match_score(a, b) >= 0.88


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    out, k = [], text.find(needle)
    while needle and k >= 0:
        out.append((k, k + len(needle)))
        k = text.find(needle, k + 1)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def evaluate(store, gold: dict) -> dict[str, Any]:
    """Quote recall and precision (a found direct quote matches a gold one when their
    spans overlap by at least 80% of the shorter), speaker accuracy (the found speaker's
    actor is the gold speaker's actor, or the names match), channel accuracy (a gold null
    channel accepts an unnamed description), scare quotes reported as statements, and
    sourcing-edge recall (same cited outlet or actor, or overlapping evidence), with the
    anonymous flags."""
    from .errors import GoldFormatError

    gq = gold.get("quotes")
    if not isinstance(gq, list):
        raise GoldFormatError("gold file has no 'quotes' list")
    c = store.conn
    variants: dict[str, dict[str, list[str]]] = {}
    for ent in gold.get("entities", []) or []:
        variants[ent.get("canonical")] = ent.get("variants") or {}

    def gold_actor(name: str | None, art: str) -> set[str]:
        out = set()
        if not name:
            return out
        for v in [name] + list(variants.get(name, {}).get(art, [])) + [
                x for vs in variants.get(name, {}).values() for x in vs]:
            a = _find_actor(store, v)
            if a:
                out.add(a)
        return out

    def gold_names(name: str | None, art: str) -> list[str]:
        return [name] + list(variants.get(name, {}).get(art, [])) if name else []

    texts = {r[0]: r[1] for r in c.execute("SELECT id, text FROM articles")}
    arts = {g["article"] for g in gq} | {g["article"] for g in gold.get("sourcing", []) or []}
    found: dict[str, list] = {a: c.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY idx", (a,)).fetchall()
                              for a in arts}
    used: set[tuple[str, int]] = set()
    matched = sp_ok = ch_ok = 0
    misses, wrong_speakers, wrong_channels = [], [], []
    for g in gq:
        art, text = g["article"], texts.get(g["article"])
        spans = _find_all(text or "", g["text"])
        best, best_ov = None, 0.0
        for q in found.get(art, []):
            if (art, q["idx"]) in used or not q["direct"]:
                continue
            for s in spans:
                ov = _overlap(s, (q["start"], q["end"]))
                short = min(s[1] - s[0], q["end"] - q["start"]) or 1
                if ov / short >= 0.8 and ov / short > best_ov:
                    best, best_ov = q, ov / short
        if best is None:
            misses.append({"article": art, "text": g["text"][:80]})
            continue
        used.add((art, best["idx"]))
        matched += 1
        acts = gold_actor(g.get("speaker"), art)
        ok = bool(best["speaker_actor"] and best["speaker_actor"] in acts) or any(
            _names_match(best["speaker"], n) for n in gold_names(g.get("speaker"), art))
        sp_ok += ok
        if not ok:
            wrong_speakers.append({"article": art, "text": g["text"][:60], "gold": g.get("speaker"),
                                   "found": best["speaker"]})
        gch = g.get("channel")
        if gch is None:
            cok = not is_named_channel(best["channel"])
        else:
            cok = bool(best["channel_actor"] and best["channel_actor"] in gold_actor(gch, art)) or any(
                _names_match(best["channel"], n) for n in gold_names(gch, art))
        ch_ok += cok
        if not cok:
            wrong_channels.append({"article": art, "text": g["text"][:60], "gold": gch, "found": best["channel"]})
    direct_found = [(a, q) for a, qs in found.items() for q in qs if q["direct"]]
    fps = [{"article": a, "text": q["text"][:80]} for a, q in direct_found if (a, q["idx"]) not in used]
    # scare quotes reported as statements
    scare = (gold.get("scare_quotes") or {}).get("items", []) if isinstance(gold.get("scare_quotes"), dict) else []
    scare_fp = []
    for s in scare:
        t = texts.get(s["article"]) or ""
        for sp in _find_all(t, s["text"]):
            if t[max(0, sp[0] - 2):sp[0]].strip(" \u00a0")[-1:] not in "\"“”«»„‘’‚'":
                continue  # the same words inside a longer quotation, not the scare quote
            for q in found.get(s["article"], []) or c.execute(
                    "SELECT * FROM quotes WHERE article_id = ?", (s["article"],)).fetchall():
                ov = _overlap(sp, (q["start"], q["end"]))
                if q["direct"] and ov and ov / max(1, min(sp[1] - sp[0], q["end"] - q["start"])) >= 0.8:
                    scare_fp.append({"article": s["article"], "text": s["text"]})
    # sourcing edges
    edges = gold.get("sourcing", []) or []
    e_ok = anon_ok = anon_n = 0
    missed_edges = []
    for e in edges:
        art = e["article"]
        srcs = c.execute("SELECT * FROM sources WHERE article_id = ?", (art,)).fetchall()
        ev = _find_all(texts.get(art) or "", e.get("evidence") or "")
        acts = gold_actor(e.get("cites"), art)
        hit = None
        for s in srcs:
            name_ok = bool(s["cites_actor"] and s["cites_actor"] in acts) or any(
                _names_match(s["cites"], n) for n in gold_names(e.get("cites"), art))
            ev_ok = any(_overlap(x, (s["start"], s["end"])) for x in ev)
            if name_ok or (ev_ok and bool(s["anonymous"]) == bool(e.get("anonymous_source"))):
                hit = s
                if name_ok and ev_ok:
                    break
        e_ok += hit is not None
        if hit is None:
            missed_edges.append({"article": art, "cites": e.get("cites"), "evidence": e.get("evidence")})
        if e.get("anonymous_source"):
            anon_n += 1
            anon_ok += bool(hit is not None and hit["anonymous"])
    n = len(gq)

    def r4(x: float) -> float:
        return round(x, 4)

    P = matched / len(direct_found) if direct_found else 1.0
    R = matched / n if n else 1.0
    return {
        "quotes": {"gold": n, "found_direct": len(direct_found), "matched": matched, "recall": r4(R),
                   "precision": r4(P), "f1": r4(2 * P * R / (P + R)) if P + R else 0.0},
        "speaker_accuracy": r4(sp_ok / matched) if matched else 0.0,
        "channel_accuracy": r4(ch_ok / matched) if matched else 0.0,
        "scare_quotes_as_statements": len(scare_fp),
        "sourcing": {"gold": len(edges), "found": e_ok, "recall": r4(e_ok / len(edges)) if edges else 1.0,
                     "anonymous_gold": anon_n, "anonymous_flagged": anon_ok},
        "missed": misses, "false_positives": fps[:50], "wrong_speakers": wrong_speakers,
        "wrong_channels": wrong_channels, "scare_errors": scare_fp, "missed_edges": missed_edges,
    }
