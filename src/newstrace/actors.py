"""Actors: mentions resolved across the corpus into people, organisations and places.

Corpus stage ``update(store, changed, options)``. The actors are a deterministic function
of the stored articles and the analyst's decisions (`_actorgraph` explains the model):
each local entity of a changed article (mentions sharing a ``local_id``; phrase fragments
and lower-case words left out) gives names (nodes) and links, each with its rule, score
and evidence:

- ``gazetteer:<entry>``: an exact alias of CLDR countries, GeoNames cities, the curated
  list of organisations or the user gazetteer (`gazetteer`), a place's also with one
  generic designator set aside ("Kreis Gütersloh", "Wuhan City"); a name one spelling away
  from a listed organisation's or person's own alias: ``translit:gazetteer_alias``;
- ``alias:same_entity``, ``acronym:defined``, ``respelling:<lang>``, ``alias:trimmed``:
  names of one entity (a role before a full name trimmed: "Bundesvorsitzenden Jörg Meuthen");
- ``alias:exact``: the same name typed two ways by the mention models;
- ``translit:token_alignment`` (`names.match_score` >= 0.9), ``translit:designator``
  ("Sahir River" ~ "Sahir"), ``translit:arabic_romanizer`` (an Arabic-script person name
  romanised by arabic-name-romanizer: dictionary and rules, plus its ONNX model with
  models on; evidence names the path), found through blocking keys with bounded
  candidates, never from a gazetteer name (no fuzzy chains) nor across types;
- ``part:surname`` / ``part:dominant``: a lone surname joins the one full name it ends
  (or one with four times the mentions of any other);
- ``translation:encoder``: translated organisation names (models on, `_orgnames`);
- ``manual:merge``: an analyst's merge (``decisions``; a split is a cannot-link).

The actors of the region of the graph a run touched are recomputed (union-find in a
fixed link order under cannot-links: two gazetteer entries, types, analyst splits) and
written back to ``actors``, ``actor_entities``, mention/quote/source actor ids, ``aliases``
and ``actor_keys`` (for `find_actor`), and ``merge_log`` (``newstrace actor NAME --why``).
"""
from __future__ import annotations

import hashlib
import heapq
import json
import logging
import time
from collections import Counter, defaultdict
from typing import Any, Iterable

from . import _actorgraph, _actorrun, _orgnames
from .errors import NotFound
from .names import analyze, is_acronym, match_score, name_keys, norm_key, token_sim

LOGGER = logging.getLogger(__name__)

__all__ = [
    "AliasBlocks", "MIGRATIONS", "cooccurrence", "decide_merge", "decide_split", "export_rows",
    "find_actor", "get_actor", "list_actors", "update",
]

MERGE_THRESHOLD = 0.9
FIND_THRESHOLD = 0.88  # `find_actor`: a spelling variant of a known alias
FIND_MAX_ROWS = 5000  # `find_actor`: aliases sharing a blocking key with the name, at most

MIGRATIONS = [
    ("actors_001_tables", """
    CREATE TABLE actors (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, qid TEXT, gaz TEXT,
        merged_into TEXT, created_at TEXT
    );
    CREATE INDEX actors_gaz ON actors(gaz);
    CREATE INDEX actors_name ON actors(name);
    CREATE TABLE aliases (
        actor_id TEXT NOT NULL, surface TEXT NOT NULL, norm TEXT NOT NULL,
        rep INTEGER DEFAULT 0, source TEXT, PRIMARY KEY (actor_id, surface)
    );
    CREATE INDEX aliases_norm ON aliases(norm);
    CREATE TABLE actor_keys (key TEXT NOT NULL, actor_id TEXT NOT NULL, PRIMARY KEY (key, actor_id));
    CREATE TABLE actor_entities (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id INTEGER NOT NULL, actor_id TEXT NOT NULL, type TEXT, name TEXT,
        PRIMARY KEY (article_id, local_id)
    );
    CREATE INDEX actor_entities_actor ON actor_entities(actor_id);
    CREATE TABLE merge_log (
        id INTEGER PRIMARY KEY, actor_id TEXT NOT NULL, other TEXT, rule TEXT NOT NULL,
        score REAL, evidence TEXT, article_id TEXT, created_at TEXT, undone_at TEXT
    );
    CREATE INDEX merge_log_actor ON merge_log(actor_id);
    CREATE INDEX merge_log_article ON merge_log(article_id);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
        created_at TEXT
    );
    """),
    _orgnames.MIGRATION,
    # merges rewrite actor ids in place: index every column they rewrite
    ("actors_003_merge_indexes", """
    CREATE INDEX IF NOT EXISTS actor_keys_actor ON actor_keys(actor_id);
    CREATE INDEX IF NOT EXISTS quotes_channel_actor ON quotes(channel_actor);
    CREATE INDEX IF NOT EXISTS sources_cites_actor ON sources(cites_actor);
    """),
    _actorgraph.MIGRATION,
    # reclustering reads the entities of a group's nodes and rewrites the merge log of the
    # nodes it touched: both by node, so index them (without, each is a full scan and the
    # stage's cost grows with the store)
    ("actors_005_node_indexes", """
    CREATE INDEX IF NOT EXISTS actor_entities_node ON actor_entities(node);
    CREATE INDEX IF NOT EXISTS merge_log_other ON merge_log(other);
    """),
    # the within-document rows of the merge log are rewritten by (article, "entity:<local id>"):
    # every article has an "entity:0", so through merge_log_other (which the planner picks
    # for that look-up) each rewrite scanned one row per stored article
    ("actors_006_log_article_other", """
    CREATE INDEX IF NOT EXISTS merge_log_article_other ON merge_log(article_id, other);
    """),
]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _may_match(a: str, b: str, threshold: float = MERGE_THRESHOLD) -> bool:
    """False when `names.match_score` of the two names is certainly below ``threshold``.

    An upper bound of `names.score_info`, from token counts and token similarities: the
    score is min(mean aligned similarity, weakest aligned full token + 0.05), less 0.03 per
    extra token and 0.08 more for one token against several (unless the names are written
    together, "PressTV" = "Press TV": 0.95). So at 0.9, one token against several scores at
    most 0.89 and four extra tokens at most 0.88; and every token of the shorter name (of
    both, when they have as many) is aligned, so each full token needs a partner close
    enough to keep the weakest above the bar.
    """
    A, B = analyze(a), analyze(b)
    ta, tb = A.tokens, B.tokens
    na, nb = len(ta), len(tb)
    if not na or not nb:
        return False
    if na != nb and A.joined == B.joined and len(A.joined) >= 4 and threshold <= 0.95:
        return True
    extra = abs(na - nb)
    # min(mean, weakest + 0.05) must reach `need`
    need = threshold - 1e-9 + 0.03 * extra + (0.08 if extra and min(na, nb) == 1 else 0.0)
    if need > 1.0:
        return False
    if na < nb:
        return _covered(ta, tb, need)
    if nb < na:
        return _covered(tb, ta, need)
    return _covered(ta, tb, need) and _covered(tb, ta, need)


def _covered(x: tuple, y: tuple, need: float) -> bool:
    """Whether the tokens ``x`` (each aligned with its own token of ``y``) may keep
    min(mean, weakest + 0.05) at ``need``. A full token of ``x`` with no full token of ``y``
    at need - 0.05 sinks the weakest unless it is aligned with an initial of ``y`` (then no
    full pair): such tokens need as many initials, and their similarity to them bounds the mean."""
    floor = need - 0.05
    stranded, deficit = 0, 0.0
    for t in x:
        if t.initial:
            continue
        raw = t.raw
        for u in y:
            if not u.initial and (u.raw == raw or token_sim(t, u) >= floor):
                break
        else:
            best = max((token_sim(t, u) for u in y if u.initial), default=None)
            if best is None:
                return False
            stranded += 1
            deficit += 1.0 - best
    if not stranded:
        return True
    return stranded <= sum(u.initial for u in y) and 1.0 - deficit / len(x) >= need


_PAIR_SCORES: dict[tuple[str, str], float] = {}
_PAIR_SCORES_MAX = 200_000


def _pair_score(surface: str, alias: str) -> float:
    """`names.match_score` of an entity's name and an actor's alias, 0.0 when `_may_match`
    rules the pair out. Memoised by the pair of strings (both functions are pure): as the
    corpus grows, an entity meets more candidate actors with more aliases, and names recur
    from article to article, so many pairs were scored before."""
    key = (surface, alias)
    sc = _PAIR_SCORES.get(key)
    if sc is None:
        if len(_PAIR_SCORES) >= _PAIR_SCORES_MAX:
            _PAIR_SCORES.clear()
        sc = _PAIR_SCORES[key] = match_score(surface, alias) if _may_match(surface, alias) else 0.0
    return sc


def _best_pair(reps: list[str], aliases: list[str]) -> tuple[float, tuple[str, str] | None]:
    """The best-scoring (name, alias) pair, the first one in order on ties; 0.0 and None
    when no pair may match. A perfect score cannot be beaten: stop there."""
    best, pair = 0.0, None
    for s in reps:
        for al in aliases:
            sc = _pair_score(s, al)
            if sc > best:
                best, pair = sc, (s, al)
                if sc >= 1.0:
                    return best, pair
    return best, pair


def update(store, changed: list[str], options: Any = None) -> dict[str, int]:
    """Resolve the mentions of the changed articles into actors (incremental; the result
    is the same whatever the order of ``changed`` or how articles were split over calls)."""
    run = _actorrun.Run(store, options)
    with store.transaction():
        seeds: set[str] = set()
        ids = sorted(set(changed))
        for aid in ids:
            seeds |= run.article(aid)
        run.recluster(seeds)
        # translated organisation names: with every changed article resolved, so that
        # the co-occurring actors they share are known
        links = 0
        seeds2: set[str] = set()
        for k in range(0, len(ids), _orgnames.ENCODE_ARTICLES):
            chunk = ids[k:k + _orgnames.ENCODE_ARTICLES]
            vectors = _orgnames.name_vectors(run, chunk, options)  # one encoder call per chunk
            for aid in chunk:
                got = _orgnames.link(run, aid, options, vectors)
                links += len(got)
                for a, b in got:
                    seeds2 |= {a, b}
        if seeds2:
            run.recluster(seeds2)
        run.counts["translation_links"] += links
        # articles outside this run whose actors really changed (merged with another old
        # actor, split, lost a member): their quotes, sources, statements, story features
        # and narrative claims were computed with the old actors, so with
        # ``options.exact_incremental`` (the default) the downstream stages take them up
        # again (in this pipeline run, or the next one). An actor only renamed (it gained
        # new nodes, one of which sorts first) had its new id written in place downstream
        # (``_actorremap``; counts ``renamed_actors``, ``remapped_articles``): its articles
        # are not re-run. Without ``exact_incremental`` (``analyze --fast-incremental``) the
        # rest keep the ids of their last run: only actors merged whole into another are
        # remapped in quotes and sources (``_actorrun``), and the count of articles left
        # so is reported as ``downstream_stale``
        stale = sorted(run.stale - set(ids))
        if getattr(options, "exact_incremental", True):
            for k in range(0, len(stale), 500):
                chunk = stale[k:k + 500]
                store.conn.execute(f"UPDATE articles SET corpus_done = 0 WHERE id IN ({','.join('?' * len(chunk))})",
                                   chunk)
            run.counts["downstream_rerun"] = len(stale)
        else:
            run.counts["downstream_stale"] = len(stale)
    counts = dict(run.counts)
    counts["actors"] = store.conn.execute("SELECT COUNT(*) FROM actors WHERE merged_into IS NULL").fetchone()[0]
    return counts


# -- analyst decisions -----------------------------------------------------------------------
def _actor_nodes(store, actor_id: str, name: str | None = None) -> list[str]:
    """The graph nodes of an actor (those named ``name`` when given and present)."""
    rows = [(r[0], r[1]) for r in store.conn.execute(
        "SELECT node, norm FROM actor_nodes WHERE actor_id = ? ORDER BY node", (actor_id,))]
    if name is not None:
        named = [n for n, norm in rows if norm == norm_key(name)]
        if named:
            return named
    return [n for n, _ in rows]


def decide_merge(store, a: str, b: str) -> str:
    """Record and apply an analyst's merge of the actors named ``a`` and ``b``."""
    ids = [find_actor(store, a), find_actor(store, b)]
    for name, i in zip((a, b), ids):
        if i is None:
            raise NotFound(f"no actor named {name!r}; list them with `newstrace actors`")
    na, nb = _actor_nodes(store, ids[0], a), _actor_nodes(store, ids[1], b)
    if not na or not nb:
        raise NotFound(f"no actor named {a!r} and {b!r} in the name graph; run `newstrace analyze` again")
    with store.corpus_lock(), store.transaction() as c:
        c.execute("DELETE FROM decisions WHERE kind = 'split' AND "
                  "((a = ? AND b = ?) OR (a = ? AND b = ?))", (a, b, b, a))
        cur = c.execute("INSERT INTO decisions(kind, a, b, created_at, nodes) VALUES ('merge', ?, ?, ?, ?)",
                        (a, b, _now(), json.dumps([na[:1], nb[:1]])))
        run = _actorrun.Run(store, None)
        run.link(na[0], nb[0], "manual:merge", None, {"decision": cur.lastrowid, "names": [a, b]},
                 f"decision:{cur.lastrowid}")
        run.recluster({na[0], nb[0]})
    return find_actor(store, a) or ids[0]


def decide_split(store, a: str, name: str) -> str:
    """Record and apply an analyst's decision that ``name`` is not the actor ``a``."""
    aid = find_actor(store, a)
    if aid is None:
        raise NotFound(f"no actor named {a!r}; list them with `newstrace actors`")
    nodes = _actor_nodes(store, aid)
    out = [n for n in nodes if n.split("|", 1)[1] == norm_key(name)]
    keep = [n for n in nodes if n not in out]
    if not out or not keep:
        raise NotFound(f"actor {a!r} has no separate name {name!r} (its names: "
                       f"{', '.join(sorted(n.split('|', 1)[1] for n in nodes)[:10])})")
    with store.corpus_lock(), store.transaction() as c:
        c.execute("DELETE FROM decisions WHERE kind = 'merge' AND ((a = ? AND b = ?) OR (a = ? AND b = ?))",
                  (a, name, name, a))
        for r in c.execute("SELECT id FROM decisions WHERE kind = 'merge' AND (a = ? OR b = ?)", (name, name)).fetchall():
            c.execute("DELETE FROM actor_links WHERE article_id = ?", (f"decision:{r[0]}",))
        c.execute("INSERT INTO decisions(kind, a, b, created_at, nodes) VALUES ('split', ?, ?, ?, ?)",
                  (a, name, _now(), json.dumps([keep, out])))
        _actorrun.Run(store, None).recluster(set(nodes))
    return find_actor(store, name) or out[0]


# -- queries -------------------------------------------------------------------------------
def _live(store, actor_id: str | None) -> str | None:
    for _ in range(50):
        if actor_id is None:
            return None
        row = store.conn.execute("SELECT merged_into FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if row is None:
            return None
        if row[0] is None:
            return actor_id
        actor_id = row[0]
    return actor_id


def _exact_actor(store, name: str) -> tuple[bool, str | None]:
    """(True, id) when ``name`` is an actor id or an alias's exact normalised form (the
    most mentioned actor wins); (False, None) when only fuzzy matching can tell."""
    c = store.conn
    if c.execute("SELECT 1 FROM actors WHERE id = ?", (name,)).fetchone():
        return True, _live(store, name)
    row = c.execute(
        "SELECT a.actor_id, (SELECT COUNT(*) FROM mentions m WHERE m.actor_id = a.actor_id) AS n "
        "FROM aliases a JOIN actors t ON t.id = a.actor_id WHERE a.norm = ? AND t.merged_into IS NULL "
        "ORDER BY n DESC, a.rep DESC", (norm_key(name),)).fetchone()
    return (True, row[0]) if row else (False, None)


class AliasBlocks:
    """The live actors' aliases sharing one blocking key, read once per key and kept.

    `find_actor` reads, for a name no alias carries exactly, every alias of every actor
    sharing a blocking key with it: thousands of rows for a common surname once the store
    holds thousands of articles, and the unresolved names of one run share their keys
    (the same surnames, the same outlets). Pass one ``AliasBlocks`` to the lookups of a run
    that does not change the actor tables (provenance links its speakers, channels and
    cited names after the actors stage) and each key is read once instead of once per
    name. Valid only while actors, aliases and actor keys stay as they were.
    """

    __slots__ = ("store", "_rows")

    def __init__(self, store) -> None:
        self.store = store
        self._rows: dict[str, list[tuple[str, str]]] = {}

    def rows(self, key: str) -> list[tuple[str, str]]:
        """(actor id, alias) of the live actors under ``key``, by actor id then alias, at
        most FIND_MAX_ROWS (a name's candidates are capped at that many anyway)."""
        got = self._rows.get(key)
        if got is None:
            got = self._rows[key] = _key_rows(self.store, key)
        return got


def _key_rows(store, key: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in store.conn.execute(
        "SELECT a.actor_id, a.surface FROM actor_keys k JOIN aliases a ON a.actor_id = k.actor_id "
        "JOIN actors t ON t.id = a.actor_id WHERE k.key = ? AND t.merged_into IS NULL "
        f"ORDER BY a.actor_id, a.surface LIMIT {FIND_MAX_ROWS}", (key,))]


def _fuzzy_rows(store, name: str, blocks: AliasBlocks | None = None) -> list[tuple[str, str]]:
    """(actor id, alias) of the live actors sharing a blocking key with ``name``, at most
    FIND_MAX_ROWS, in a stable order: by key, then actor id, then alias, each pair once
    (the order SQLite's plan gave the single join this replaces; the same on PostgreSQL)."""
    keys = sorted(name_keys(name))
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for key in keys:
        for row in (blocks.rows(key) if blocks is not None else _key_rows(store, key)):
            if row not in seen:
                seen.add(row)
                out.append(row)
                if len(out) >= FIND_MAX_ROWS:
                    return out
    return out


def _may_be_a_name(text: str) -> bool:
    """Only a text with a capital letter can be a respelled name in a script with case
    ("al-Maloumeh", "de Gaulle" have one; "l'eau", "intake runs the station" do not);
    texts in scripts without case (Arabic, CJK...) always may."""
    cased = [ch for ch in text if ch.isupper() or ch.islower()]
    return not cased or any(ch.isupper() for ch in cased)


def _token_marks(info) -> frozenset[str] | None:
    """The spelling marks of a name's full tokens for `_near_tokens`, or None when the name
    has fewer than two full tokens or an initial (then no blocking beyond the keys)."""
    toks = info.tokens
    if len(toks) < 2 or any(t.initial for t in toks):
        return None
    return frozenset(m for t in toks for m in _marks(t))


def _marks(t) -> tuple[str, str, str]:
    # the consonant skeleton, and the first and last two letters of the folded spelling:
    # a spelling variant keeps one of them ("Hendrik" / "Hendrikus", "Fjodorovna" /
    # "Fyodorovna", "Napoleons" / "Napolèon", "Eyck" / "Eiks")
    return "s" + t.skel, "p" + t.fold[:2], "x" + t.fold[-2:]


def _near_tokens(marks: frozenset[str], joined: str, alias: str) -> bool:
    """Blocking for a name of several full tokens (``marks``: `_token_marks`): an alias of
    several full tokens is a candidate only when two of its tokens share a spelling mark
    (`_marks`) with the name's tokens.

    A match between two names of several tokens aligns every token of the shorter one with
    a token of the other at a similarity of 0.83 or more (`_may_match`); one shared token
    is a shared common surname or given name ("Sarah Smith" for "John Smith"), which is
    what fills a block as the store grows (a name with several tokens met ~2,460 candidate
    aliases on a 3,200-article synthetic store). An alias of one full token, or with an
    initial ("J. Smith": the initial aligns with any J-name), stays a candidate, and so
    does an alias written as the name is when its tokens are run together (``joined``:
    "PressTV Online" ~ "Press TV Online")."""
    info = analyze(alias)
    toks = info.tokens
    if len(toks) < 2 or any(t.initial for t in toks) or info.joined == joined:
        return True
    near = 0
    for t in toks:
        if any(m in marks for m in _marks(t)):
            near += 1
            if near == 2:
                return True
    return False


def find_actor(store, name: str, *, blocks: AliasBlocks | None = None) -> str | None:
    """The actor known under ``name`` in any spelling (an actor id also works).

    ``blocks``: an `AliasBlocks` shared by the lookups of one run that leaves the actor
    tables as they are (the same answers, each blocking key read once)."""
    if not store.has_table("actors"):
        return None
    exact, aid = _exact_actor(store, name)
    if exact or not _may_be_a_name(name):
        return aid
    best, best_id = 0.0, None
    scores: dict[str, float] = {}  # one score per alias text: actors share spellings
    info = analyze(name)
    marks = _token_marks(info)
    for actor_id, alias in _fuzzy_rows(store, name, blocks):
        sc = scores.get(alias)
        if sc is None:
            # only an alias that may reach the threshold can be the answer: the blocking
            # and the bound are cheap, and rule out most rows (all of them for a description
            # such as "said the talks foundered on ...", whose many words are keys)
            may = (marks is None or _near_tokens(marks, info.joined, alias)) and _may_match(
                name, alias, FIND_THRESHOLD)
            sc = scores[alias] = match_score(name, alias) if may else 0.0
        if sc > best:
            best, best_id = sc, actor_id
    return best_id if best >= FIND_THRESHOLD else None


def get_actor(store, actor_id: str) -> dict[str, Any]:
    """Everything about one actor: canonical name, type, aliases with counts and
    languages, articles, mentions with spans, and the merge explanations."""
    aid = _live(store, actor_id)
    c = store.conn
    row = c.execute("SELECT * FROM actors WHERE id = ?", (aid,)).fetchone() if aid else None
    if row is None:
        raise NotFound(f"no actor {actor_id!r}")
    mrows = c.execute(
        'SELECT m.article_id, m.start, m."end", m.text, m.type, m.detector, a.lang, a.title, a.outlet, '
        "COALESCE(a.published, a.range_earliest) AS date FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.actor_id = ? ORDER BY date, m.article_id, m.start", (aid,)).fetchall()
    spell: dict[str, dict] = {}
    arts: dict[str, dict] = {}
    for m in mrows:
        s = spell.setdefault(m["text"], {"text": m["text"], "count": 0, "langs": Counter(), "articles": set()})
        s["count"] += 1
        s["langs"][m["lang"] or "?"] += 1
        s["articles"].add(m["article_id"])
        a = arts.setdefault(m["article_id"], {"id": m["article_id"], "title": m["title"], "outlet": m["outlet"],
                                              "lang": m["lang"], "date": m["date"], "mentions": 0})
        a["mentions"] += 1
    known = [r[0] for r in c.execute("SELECT surface FROM aliases WHERE actor_id = ? ORDER BY surface", (aid,))]
    aliases = sorted(
        ({"text": s["text"], "count": s["count"], "langs": dict(s["langs"]), "articles": len(s["articles"])}
         for s in spell.values()), key=lambda x: (-x["count"], x["text"]))
    timeline = Counter(m["date"] or "undated" for m in mrows)
    merges = [
        {"rule": r["rule"], "score": r["score"], "article": r["article_id"], "other": r["other"],
         "evidence": json.loads(r["evidence"] or "{}"), "at": r["created_at"]}
        for r in c.execute("SELECT * FROM merge_log WHERE actor_id = ? AND undone_at IS NULL ORDER BY id", (aid,))
    ]
    return {
        "id": aid, "name": row["name"], "type": row["type"], "qid": row["qid"], "gazetteer": row["gaz"],
        "aliases": aliases, "known_aliases": known,
        "articles": sorted(arts.values(), key=lambda a: (a["date"] or "", a["id"])),
        "mentions": [{"article": m["article_id"], "start": m["start"], "end": m["end"], "text": m["text"],
                      "type": m["type"], "detector": m["detector"], "date": m["date"]} for m in mrows],
        "timeline": [{"date": d, "mentions": n} for d, n in sorted(timeline.items())],
        "merges": merges,
    }


def list_actors(store, *, type: str | None = None, query: str | None = None,
                limit: int | None = 100, min_mentions: int = 1) -> list[dict[str, Any]]:
    """Actors by number of mentions: id, name, type, mentions, articles."""
    if not store.has_table("actors"):
        return []
    sql = ("SELECT t.id, t.name, t.type, t.qid, COUNT(m.idx) AS mentions, COUNT(DISTINCT m.article_id) AS articles "
           "FROM actors t LEFT JOIN mentions m ON m.actor_id = t.id WHERE t.merged_into IS NULL")
    args: list[Any] = []
    if type:
        sql += " AND t.type = ?"
        args.append(type.upper())
    if query:
        sql += " AND t.id IN (SELECT actor_id FROM aliases WHERE norm LIKE ?)"
        args.append(f"%{norm_key(query)}%")
    sql += " GROUP BY t.id HAVING mentions >= ? ORDER BY mentions DESC, t.name"
    args.append(min_mentions)
    if limit:
        sql += " LIMIT ?"
        args.append(limit)
    return [dict(r) for r in store.conn.execute(sql, args)]


def cooccurrence(store, *, min_weight: int = 1) -> tuple[list[dict], list[dict]]:
    """Actor co-occurrence graph: nodes (actors with mentions) and edges weighted by the
    number of articles that mention both."""
    c = store.conn
    nodes = [{"id": r["id"], "label": r["name"], "type": r["type"] or "MISC", "mentions": r["mentions"]}
             for r in list_actors(store, limit=None)]
    per_article: dict[str, set[str]] = defaultdict(set)
    for r in c.execute("SELECT DISTINCT article_id, actor_id FROM mentions WHERE actor_id IS NOT NULL"):
        per_article[r[0]].add(r[1])
    w: Counter = Counter()
    for actors in per_article.values():
        s = sorted(actors)
        for i in range(len(s)):
            for j in range(i + 1, len(s)):
                w[(s[i], s[j])] += 1
    edges = [{"source": a, "target": b, "weight": n, "kind": "cooccurrence"}
             for (a, b), n in sorted(w.items()) if n >= min_weight]
    return nodes, edges


def export_rows(store) -> Iterable[dict[str, Any]]:
    """Rows of the ``actors`` export: id, name, type, aliases, articles, mentions."""
    c = store.conn
    if not store.has_table("actors"):
        return
    for r in c.execute("SELECT id, name, type FROM actors WHERE merged_into IS NULL ORDER BY id").fetchall():
        ms = c.execute('SELECT article_id, start, "end", text FROM mentions WHERE actor_id = ? '
                       "ORDER BY article_id, start", (r["id"],)).fetchall()
        if not ms:
            continue
        yield {
            "id": r["id"], "name": r["name"], "type": r["type"],
            "aliases": sorted({m["text"] for m in ms}),
            "articles": sorted({m["article_id"] for m in ms}),
            "mentions": [{"article": m["article_id"], "start": m["start"], "end": m["end"], "text": m["text"]}
                         for m in ms],
        }


# -- evaluation ------------------------------------------------------------------------------
def gold_items(store, gold: dict) -> list[dict[str, Any]]:
    """One item per (article, variant) of the gold variant groups (key ``entities`` of a
    gold file in the seeds.gold.json format), with its predicted actor: the actor of the
    mentions that cover its occurrences in the article (largest overlap; the most frequent
    actor when occurrences disagree; None when no mention covers it)."""
    import re

    from .errors import GoldFormatError

    ents = gold.get("entities")
    if not isinstance(ents, list):
        raise GoldFormatError("gold file has no 'entities' list")
    c = store.conn
    items = []
    texts: dict[str, str | None] = {}
    ments: dict[str, list] = {}
    for gi, ent in enumerate(ents):
        variants = ent.get("variants")
        if not isinstance(variants, dict):
            raise GoldFormatError(f"entity {gi} ({ent.get('canonical')!r}) has no 'variants' object")
        for art, vs in variants.items():
            if art not in texts:
                row = c.execute("SELECT text FROM articles WHERE id = ?", (art,)).fetchone()
                texts[art] = row[0] if row else None
                ments[art] = c.execute('SELECT start, "end", actor_id FROM mentions WHERE article_id = ?',
                                       (art,)).fetchall()
            for v in sorted(set(vs)):
                pred = None
                text = texts[art]
                if text is not None:
                    votes: Counter = Counter()
                    for m in re.finditer(r"(?<!\w)" + re.escape(v) + r"(?!\w)", text):
                        s, e = m.start(), m.end()
                        best, best_ov = None, 0
                        for r in ments[art]:  # largest overlap, then the tightest span
                            ov = min(e, r[1]) - max(s, r[0])
                            if ov > best_ov or (ov == best_ov and ov > 0 and r[1] - r[0] < best[1] - best[0]):
                                best, best_ov = r, ov
                        if best is not None and best[2]:
                            # an occurrence that is a mention by itself outweighs one
                            # inside a longer name ("Sahir" in "Guardia del Valle del Sahir")
                            votes[_live(store, best[2])] += 2 if (best[0], best[1]) == (s, e) else 1
                    if votes:
                        pred = votes.most_common(1)[0][0]
                items.append({"entity": gi, "canonical": ent.get("canonical"), "type": ent.get("type"),
                              "article": art, "variant": v, "actor": pred})
    return items


def evaluate(store, gold: dict) -> dict[str, Any]:
    """Pairwise merge precision and recall over the gold variant groups (`gold_items`)."""
    items = gold_items(store, gold)
    tp = fp = fn = 0
    by_type: dict[str, Counter] = defaultdict(Counter)
    false_merges, missed = Counter(), Counter()
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            a, b = items[i], items[j]
            same_gold = a["entity"] == b["entity"]
            same_pred = a["actor"] is not None and a["actor"] == b["actor"]
            if same_gold and same_pred:
                tp += 1
                by_type[a["type"]]["tp"] += 1
            elif same_gold:
                fn += 1
                by_type[a["type"]]["fn"] += 1
                missed[(a["canonical"], a["variant"], b["variant"])] += 1
            elif same_pred:
                fp += 1
                by_type[a["type"]]["fp"] += 1
                by_type[b["type"]]["fp"] += 1
                false_merges[(a["canonical"], b["canonical"])] += 1

    def prf(t, p, n):
        P = t / (t + p) if t + p else 1.0
        R = t / (t + n) if t + n else 1.0
        return {"precision": round(P, 4), "recall": round(R, 4),
                "f1": round(2 * P * R / (P + R), 4) if P + R else 0.0, "tp": t, "fp": p, "fn": n}

    return {
        "pairwise": prf(tp, fp, fn),
        "by_type": {t: prf(v["tp"], v["fp"], v["fn"]) for t, v in sorted(by_type.items())},
        "items": len(items),
        "items_found": sum(1 for it in items if it["actor"]),
        "not_found": [f"{it['article']}: {it['variant']}" for it in items if not it["actor"]],
        "false_merges": [{"a": a, "b": b, "pairs": n} for (a, b), n in false_merges.most_common()],
        "missed_pairs": [{"entity": e, "a": x, "b": y, "pairs": n} for (e, x, y), n in missed.most_common(30)],
    }
