"""Provenance: who said what, who carried it, through which channels (corpus stage).

``update(store, changed, options)`` links quote speakers and channels, and cited outlets,
to actors (the actor of the mention that overlaps the span first, else
``actors.find_actor`` by name; never an anonymous source, see ``names_source``), then
groups the same statement carried by several articles into one ``statements`` row (same
speaker and overlapping words, found through an inverted index of word shingles, so the
cost per new article does not grow with the corpus). Statements in different languages
are linked at query time when they have the same speaker and their articles are in the
same story.

Query functions for the CLI and the web app: ``list_quotes``, ``trace``,
``export_quotes``, ``export_sources``, ``source_graph`` (the one citation graph builder;
``export_graph`` and ``edge_evidence`` use it); ``evaluate`` scores quotes,
speakers, channels and sourcing edges against a gold file (seeds.gold.json format).
"""
from __future__ import annotations

import json
import logging
import re
from typing import Any, Iterable

from . import _statements
from .quotes import is_named_channel
from .records import QUOTE_ACTS
from .store import quote_act, select_in

__all__ = ["MIGRATIONS", "UNKNOWN_OUTLET", "edge_evidence", "evaluate", "export_graph", "export_quotes",
           "export_sources", "list_quotes", "names_source", "quote_act", "source_graph", "speech_only", "trace",
           "update"]

LOGGER = logging.getLogger(__name__)


def _via_channel(alias: str) -> str:
    """SQL: the source row ``alias`` names the outlet that carried a quote of its article
    (its text is that quote's channel)."""
    return (f"EXISTS (SELECT 1 FROM quotes qc WHERE qc.article_id = {alias}.article_id "
            f"AND qc.channel = {alias}.cites)")


def names_source(alias: str = "s") -> str:
    """SQL condition: the source row ``alias`` names someone who can be an actor. A row
    flagged anonymous names someone only when its text is the named channel of a quote of
    its article ("security sources told al-Ma'aloumeh": the row cites al-Ma'aloumeh);
    otherwise its text describes the unnamed source ("Security sources in Iraq", "an NRA
    engineer") and must never be linked to an actor, whatever names it contains."""
    return f"(coalesce({alias}.anonymous, 0) = 0 OR {_via_channel(alias)})"


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
    (
        # earlier versions linked anonymous sources to an actor named inside their
        # description ("Security sources in Iraq" -> Security): unlink them in place
        "provenance_002_unlink_anonymous_sources",
        f"""
        UPDATE sources SET cites_actor = NULL WHERE cites_actor IS NOT NULL AND NOT {names_source("sources")};
        UPDATE quotes SET speaker_actor = NULL
            WHERE speaker_actor IS NOT NULL AND (anonymous OR speaker_kind = 'anonymous');
        """,
    ),
] + _statements.MIGRATIONS

_WORD = re.compile(r"\w+", re.UNICODE)


# -- actor links ----------------------------------------------------------------------------

def _find_actor(store, name: str | None, blocks: Any = None) -> str | None:
    if not name:
        return None
    try:
        from .actors import find_actor
    except ImportError:  # actors stage not installed: no links by name
        return None
    try:
        return find_actor(store, name, blocks=blocks)
    except Exception as e:  # noqa: BLE001 - a lookup failure must not stop the run
        LOGGER.warning("find_actor(%r) failed: %s", name, e)
        return None


def _alias_blocks(store) -> Any:
    try:
        from .actors import AliasBlocks
    except ImportError:  # actors stage not installed
        return None
    return AliasBlocks(store)


def _overlapping_actor(mentions: list, s: int | None, e: int | None) -> str | None:
    if s is None or e is None:
        return None
    best, best_ov = None, 0
    for m in mentions:
        ov = min(e, m["end"]) - max(s, m["start"])
        if ov > best_ov and m["actor_id"]:
            best, best_ov = m["actor_id"], ov
    return best


def _link_article(store, aid: str, memo: dict[str, str | None] | None = None,
                  blocks: Any = None) -> tuple[list, list]:
    c = store.conn
    memo = {} if memo is None else memo

    def find(name: str | None) -> str | None:
        # one lookup per distinct name and run: speakers, channels and outlets repeat
        if not name:
            return None
        if name not in memo:
            memo[name] = _find_actor(store, name, blocks)
        return memo[name]

    ments = c.execute('SELECT start, "end", actor_id, type FROM mentions WHERE article_id = ?', (aid,)).fetchall()
    qrows, srows = [], []
    for q in c.execute("SELECT * FROM quotes WHERE article_id = ?", (aid,)):
        sp = None
        if q["speaker"] and not q["anonymous"] and q["speaker_kind"] != "anonymous":
            sp = _overlapping_actor(ments, q["speaker_start"], q["speaker_end"])
            if sp is None and q["speaker_kind"] in ("name", "institution", "outlet", "pronoun"):
                sp = find(q["speaker"])
        ch = None
        if q["channel"] and is_named_channel(q["channel"]):
            ch = _overlapping_actor(ments, q["channel_start"], q["channel_end"]) or find(q["channel"])
        qrows.append((aid, q["idx"], sp, ch))
    for s in c.execute(f"SELECT s.*, {names_source('s')} AS named FROM sources s WHERE s.article_id = ?", (aid,)):
        act = None
        if s["named"] and (not s["anonymous"] or is_named_channel(s["cites"])):
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


def update(store, changed: list[str], options: Any = None) -> dict[str, int]:
    """Link speakers, channels and cited outlets of the changed articles to actors, group
    their quotes into statements and link statements to their translations. Idempotent and
    order-independent: statements are connected groups of quotes named by their earliest
    quote, links are pairwise (see ``_statements``)."""
    changed = sorted(set(changed or []))
    if not changed:
        return {"quotes_linked": 0, "statements_joined": 0, "translation_links": 0}
    qrows, srows = [], []
    memo: dict[str, str | None] = {}
    # the names' candidate aliases, read once per blocking key: this run leaves the actor
    # tables as they are (without it, each unresolved name read thousands of rows)
    blocks = _alias_blocks(store)
    for aid in changed:
        a, b = _link_article(store, aid, memo, blocks)
        qrows += a
        srows += b
    store.set_quote_actors(qrows)
    store.set_source_actors(srows)
    joined = links = 0
    with store.transaction():
        _statements.backfill_keys(store)
        for i in range(0, len(changed), 200):
            j, written = _statements.group(store, changed[i:i + 200])
            joined += j
            links += _statements.link(store, written, options)
    return {"quotes_linked": sum(1 for r in qrows if r[2]), "statements_joined": joined, "translation_links": links}


# -- queries ----------------------------------------------------------------------------------

def _said_on(r) -> dict | None:
    if not (r["said_on_earliest"] or r["said_on_latest"]):
        return None
    ev = json.loads(r["said_on_evidence"]) if r["said_on_evidence"] else []
    return {"earliest": r["said_on_earliest"], "latest": r["said_on_latest"], "evidence": ev}


def speech_only(store, alias: str = "q") -> str:
    """SQL condition: the quote row ``alias`` reports a speech act (every row of a store
    opened read-only before stances were recorded)."""
    return f"{alias}.act = 'say'" if "act" in store.columns("quotes") else "1 = 1"


def _quote_row(r) -> dict[str, Any]:
    return {
        "id": f"{r['article_id']}#q{r['idx']}", "article": r["article_id"], "start": r["start"],
        "end": r["end"], "text": r["text"], "direct": bool(r["direct"]), "speaker": r["speaker"],
        "speaker_actor": r["speaker_actor"], "cue": r["cue"], "channel": r["channel"],
        "channel_actor": r["channel_actor"], "anonymous": bool(r["anonymous"]), "said_on": _said_on(r),
        "act": quote_act(r),
    }


def list_quotes(store, speaker: str | None = None, story: str | None = None,
                article: str | None = None, act: str | None = None) -> list[dict[str, Any]]:
    """Quotes (export-contract fields plus speaker_kind, method, outlet, lang, date),
    filtered by speaker (any spelling or actor id), story id, article id, or act (``say``,
    ``stance``: `records.QUOTE_ACTS`)."""
    sql = ("SELECT q.*, a.outlet, a.lang, COALESCE(a.published, a.range_earliest) AS date FROM quotes q "
           "JOIN articles a ON a.id = q.article_id")
    where, args = [], []
    if act:
        if act not in QUOTE_ACTS:
            raise ValueError(f"act must be one of {', '.join(QUOTE_ACTS)}, not {act!r}")
        if "act" in store.columns("quotes"):
            where.append("q.act = ?")
            args.append(act)
        elif act != "say":
            return []
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


UNKNOWN_OUTLET = "(unknown outlet)"


def _outlet_id(name: str | None) -> str:
    return "outlet:" + (name or UNKNOWN_OUTLET)


def _graph_rows(store, where: str, args: list, speakers: bool, evidence: bool) -> list:
    """Citations (and quoted speakers): (outlet of the citing article, cites, actor, kind,
    named, n, anonymous passages[, article, start, end, text]); ``named`` is false for an
    anonymous source's description. One row per passage with ``evidence``, else one per
    distinct outlet/cites/actor/kind with its count ``n``. ``where`` may name the cited
    text and actor columns as ``{cites}`` and ``{actor}``."""
    parts = [("s", "sources", "s.cites", "s.cites_actor", "s.kind", names_source("s"), "s.anonymous",
              "s.cites IS NOT NULL")]
    if speakers:  # an outlet quotes a speaker: speech acts (a stance reported is no quote)
        parts.append(("q", "quotes", "q.speaker", "q.speaker_actor", "'quotes'", "1", "0",
                      "q.speaker_actor IS NOT NULL AND NOT q.anonymous AND coalesce(q.speaker_kind, '') != 'anonymous'"
                      f" AND {speech_only(store)}"))
    rows: list = []
    cur = store.conn.cursor()
    cur.row_factory = None  # plain tuples: the graph of a large corpus reads many rows
    for t, table, cites, actor, kind, named, anon, cond in parts:
        head = f"SELECT a.outlet, {cites}, {actor}, {kind}, {named} AS named"
        body = (f"FROM {table} {t} JOIN articles a ON a.id = {t}.article_id "
                f"WHERE {cond}{where.format(cites=cites, actor=actor)}")
        if evidence:
            sql = (f'{head}, 1 AS n, {anon} AS anon, {t}.article_id, {t}.start, {t}."end", {t}.text {body} '
                   f"ORDER BY {t}.article_id, {t}.idx")
        else:
            sql = f"{head}, count(*) AS n, sum({anon}) AS anon {body} GROUP BY 1, 2, 3, 4, 5"
        rows += cur.execute(sql, args).fetchall()
    return rows


def _names_of(store, table_sql: str, values: list[str]) -> dict:
    return {r[0]: r[-1] for r in select_in(store.conn, table_sql, values)}


def source_graph(store, *, articles: Iterable[str] | None = None, outlet: str | None = None,
                 cites: str | None = None, speakers: bool = False, by_kind: bool = False,
                 max_nodes: int | None = None, max_evidence: int | None = None) -> dict[str, Any]:
    """Who cites whom: the one builder of the citation graph (web outlet and story graphs,
    GEXF/GraphML export, report).

    Nodes: ``id``, ``label``, ``type``, ``actor``, ``weight`` (passages on its edges).
    Ids lead back to the records: ``outlet:NAME`` (the citing articles' outlet, or a cited
    name that is an outlet of the corpus), an actor id (a citation resolved to an actor:
    one node however it is spelled), ``cited:TEXT`` (named, unresolved) and
    ``anonymous:TEXT`` (an anonymous source's description; never an actor).
    Edges: ``source``, ``target`` (node ids), their labels, ``kinds`` {kind: passages},
    ``label``, ``weight`` (passages), ``anonymous`` (passages from anonymous sources) and
    ``evidence`` [{article, start, end, kind, text, cites}] (the citing passage's span in
    the article's text; the first ``max_evidence``, all when None, left out when 0).

    ``articles`` / ``outlet``: only citations by these articles / by this outlet
    (UNKNOWN_OUTLET for articles without one); ``cites``: only those naming this text,
    actor id or actor's canonical name. ``speakers``: add an edge kind
    ``quotes`` from the outlet to each speaker it quotes. ``by_kind``: one edge per kind
    (with ``kind``). ``max_nodes``: keep the busiest nodes (``total_nodes`` and
    ``total_edges`` count all)."""
    where, args = "", []
    if outlet is not None:
        where += " AND a.outlet IS NULL" if outlet == UNKNOWN_OUTLET else " AND a.outlet = ?"
        args += [] if outlet == UNKNOWN_OUTLET else [outlet]
    if cites is not None:
        by_name = " OR {actor} IN (SELECT id FROM actors WHERE name = ?)" if store.has_table("actors") else ""
        where += " AND ({cites} = ? OR {actor} = ?%s)" % by_name
        args += [cites, cites] + ([cites] if by_name else [])
    rows: list = []
    if articles is None:
        rows = _graph_rows(store, where, args, speakers, max_evidence != 0)
    else:
        ids = list(dict.fromkeys(articles))
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            rows += _graph_rows(store, f"{where} AND a.id IN ({','.join('?' * len(chunk))})",
                                args + chunk, speakers, max_evidence != 0)
    actors = sorted({r[2] for r in rows if r[2]})
    names = _names_of(store, "SELECT id, name FROM actors WHERE id IN", actors) if (
        actors and store.has_table("actors")) else {}
    wanted = sorted({names.get(r[2]) or r[1] for r in rows} | {r[0] for r in rows if r[0]})
    outlets = set(_names_of(store, "SELECT DISTINCT outlet FROM articles WHERE outlet IN", wanted))
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple, dict[str, Any]] = {}

    def node(nid: str, label: str, typ: str, actor: str | None = None) -> dict[str, Any]:
        n = nodes.get(nid)
        if n is None:
            n = nodes[nid] = {"id": nid, "label": label, "type": typ, "actor": actor, "weight": 0}
        elif actor and not n["actor"]:
            n["actor"] = actor
        return n

    def target(cites: str | None, actor: str | None, named: int) -> dict[str, Any]:
        if not named:
            return node("anonymous:" + (cites or "?"), cites or "?", "anonymous")
        name = names.get(actor) or cites or "?"
        if name in outlets:  # a cited outlet of the corpus is the same node as the outlet
            return node(_outlet_id(name), name, "outlet", actor)
        if actor:
            return node(actor, name, "actor", actor)
        return node("cited:" + name, name, "cited")

    for outlet_name, cites, actor, kind, named, n, anon, *ev in rows:
        src = node(_outlet_id(outlet_name), outlet_name or UNKNOWN_OUTLET, "outlet")
        tgt = target(cites, actor, named)
        kind = kind or "?"
        key = (src["id"], tgt["id"], kind if by_kind else None)
        e = edges.get(key)
        if e is None:
            e = edges[key] = {"source": src["id"], "target": tgt["id"], "source_label": src["label"],
                              "target_label": tgt["label"], "kinds": {}, "weight": 0, "anonymous": 0, "evidence": []}
        e["kinds"][kind] = e["kinds"].get(kind, 0) + n
        e["weight"] += n
        e["anonymous"] += anon or 0
        src["weight"] += n
        tgt["weight"] += n
        if ev and (max_evidence is None or len(e["evidence"]) < max_evidence):
            article, start, end, text = ev
            e["evidence"].append({"article": article, "start": start, "end": end, "kind": kind, "text": text,
                                  "cites": cites})
    ranked = sorted(nodes.values(), key=lambda n: (-n["weight"], n["label"], n["id"]))
    keep = ranked[:max_nodes] if max_nodes is not None else ranked
    kept = {n["id"] for n in keep}
    out_edges = []
    for (_, _, kind), e in edges.items():
        if e["source"] not in kept or e["target"] not in kept:
            continue
        e["label"] = ", ".join(sorted(e["kinds"]))
        if kind is not None:
            e["kind"] = kind
        if max_evidence == 0:
            del e["evidence"]
        out_edges.append(e)
    out_edges.sort(key=lambda e: (-e["weight"], e["source_label"], e["target_label"], e["label"]))
    return {"nodes": keep, "edges": out_edges, "total_nodes": len(nodes), "total_edges": len(edges)}


def export_graph(store) -> tuple[list[dict], list[dict]]:
    """The source graph for GEXF/GraphML (`newstrace export sources --format gexf`):
    quoted speakers included, one edge per kind, every passage as evidence (article,
    start, end; the text is in the rows export)."""
    g = source_graph(store, speakers=True, by_kind=True)
    for e in g["edges"]:
        e["evidence"] = [{"article": x["article"], "start": x["start"], "end": x["end"]} for x in e["evidence"]]
    return g["nodes"], g["edges"]


def edge_evidence(store, source: str, target: str, *, speakers: bool = False) -> list[dict[str, Any]]:
    """The passages behind the `source_graph` edges from ``source`` to ``target``, each a
    node id or label (an outlet name, a cited text, an actor's name); ``target`` may also
    be the text an article cited ("PressTV" for the node "Press TV")."""
    name = source[len("outlet:"):] if source.startswith("outlet:") else source
    text = target.split(":", 1)[1] if target.startswith(("outlet:", "cited:", "anonymous:")) else target
    g = source_graph(store, outlet=name, cites=text, speakers=speakers)
    out = []
    for e in g["edges"]:
        if target in (e["target"], e["target_label"]):
            out += e["evidence"]
        else:
            out += [x for x in e["evidence"] if x["cites"] == target]
    return out


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
    groups = _translation_groups(store, list(dict.fromkeys(sids)))
    statements = [g for g in (_statement_group(store, ids) for ids in groups) if g]
    statements.sort(key=lambda s: (s["first_seen"]["date"] is None, s["first_seen"]["date"] or "", s["id"]))
    return {"query": query, "statements": statements}


def _translation_groups(store, sids: list[str], limit: int = 50) -> list[list[str]]:
    """The statements found, each with the statements linked to it as translations
    (following links, at most ``limit`` per group), as groups in the order found."""
    seen: set[str] = set()
    groups = []
    for sid in sids:
        if sid in seen:
            continue
        group, todo = [], [sid]
        while todo and len(group) < limit:
            x = todo.pop(0)
            if x in seen:
                continue
            seen.add(x)
            group.append(x)
            todo += [t["statement"] for t in _statements.translations(store, x) if t["statement"] not in seen]
        groups.append(group)
    return groups


def _statement_group(store, ids: list[str]) -> dict[str, Any] | None:
    """One statement and its translations shown as one: carriers of all of them in date
    order, the languages, the first appearance anywhere, and every translation link with
    its method and evidence."""
    parts = [p for p in (_statement(store, sid) for sid in ids) if p]
    if not parts:
        return None
    parts.sort(key=lambda s: (s["first_seen"]["date"] is None, s["first_seen"]["date"] or "", s["id"]))
    head = dict(parts[0])
    if len(parts) == 1:
        head["translations"] = []
        return head
    carriers = sorted((dict(c, statement=p["id"]) for p in parts for c in p["carriers"]),
                      key=lambda c: (c["date"] is None, c["date"] or "", c["article"], c["quote"]))
    first = carriers[0]
    members = {p["id"] for p in parts}
    links = []
    for p in parts:
        for t in _statements.translations(store, p["id"]):
            if t["statement"] in members and p["id"] < t["statement"]:
                links.append({"a": p["id"], "b": t["statement"], "method": t["method"], "score": t["score"],
                              "evidence": t["evidence"]})
    head.update(
        carriers=carriers, statements=[p["id"] for p in parts],
        first_seen={"article": first["article"], "outlet": first["outlet"], "date": first["date"]},
        channels=sorted({x["channel"] for x in carriers if x["channel"]}),
        languages=sorted({x["lang"] for x in carriers if x["lang"]}),
        translations=[{"statement": p["id"], "languages": p["languages"], "text": p["text"]} for p in parts[1:]],
        links=links)
    return head


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
                         "cue": r["cue"], "anonymous": bool(r["anonymous"]), "act": quote_act(r), "cites": cites})
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
    speech = speech_only(store, "quotes")  # a quote is a speech act; a stance is scored by no quote gold
    found: dict[str, list] = {a: c.execute(f"SELECT * FROM quotes WHERE article_id = ? AND {speech} ORDER BY idx",
                                           (a,)).fetchall() for a in arts}
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
