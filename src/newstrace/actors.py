"""Actors: mentions resolved across the corpus into people, organisations and places.

Corpus stage ``update(store, changed, options)``: each local entity of a changed article
(mentions sharing a ``local_id``) is matched to an actor by, in order,

1. the alias index (`gazetteer`): CLDR countries, GeoNames cities, the curated seed list
   of organisations and the user gazetteer (``gazetteer:<entry>``);
2. an exact alias already known for one actor (``alias:exact``; a bare acronym or single
   word only when exactly one actor carries it);
3. the name matcher (`names.match_score` >= 0.9, ``translit:token_alignment``) over the
   candidates found through an inverted index of consonant-skeleton keys
   (``actor_keys``), so the cost per new article does not grow with the corpus.

With models on, ORG actors whose names are translations of each other (articles in
different languages, encoder cosine >= a calibrated threshold, a shared co-occurring
actor) are joined afterwards by `_orgnames.link` (``translation:encoder``); the
model-free path makes no such link.

A local entity that qualifies for several actors joins them (union), unless a
cannot-link forbids it: two different gazetteer entries, ORG vs LOC, or an analyst's
split. Every join is written to ``merge_log`` with its rule, score and evidence, and the
within-article links found by `mentions.detect` too; ``newstrace actor NAME --why``
prints them. Analyst decisions (``merge``/``split``) are stored in ``decisions`` and
re-applied after every update. Mention ``actor_id`` is written back to the store.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import logging
import time
from collections import Counter, defaultdict
from typing import Any, Iterable

from . import _orgnames
from .errors import NotFound
from .gazetteer import alias_index
from .names import (analyze, designator_score, is_acronym, match_score, name_keys, neutral_form, norm_key,
                    token_sim)

LOGGER = logging.getLogger(__name__)

__all__ = [
    "MIGRATIONS", "cooccurrence", "decide_merge", "decide_split", "export_rows",
    "find_actor", "get_actor", "list_actors", "update",
]

MERGE_THRESHOLD = 0.9
MAX_BLOCK = 200  # keys shared by more actors than this are too common to block on
MAX_CANDIDATES = 50  # actors scored by the name matcher per entity: most (and rarest) shared keys first
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
]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _new_id(*parts: str) -> str:
    return "act_" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _type_conflict(t1: str | None, t2: str | None) -> bool:
    return {t1, t2} == {"ORG", "LOC"}


def _reps(surfaces: list[str]) -> list[str]:
    """The fullest names of an entity: the surfaces with the most content tokens
    (acronyms only when there is nothing else)."""
    names = [s for s in surfaces if not is_acronym(s)]
    if not names:
        return sorted(set(surfaces))
    best = max(len(analyze(s).tokens) for s in names)
    return sorted({s for s in names if len(analyze(s).tokens) == best})


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


class _Ctx:
    """One run of the stage. Rows the run reads (actors, aliases, blocking postings) are
    cached in memory and written through, so each is read from SQLite once per run."""

    def __init__(self, store, options):
        self.store = store
        self.c = store.conn
        self.index = alias_index(getattr(options, "gazetteer", None))
        self.counts: Counter = Counter()
        self._tables = {t: store.has_table(t) for t in ("quotes", "sources")}
        self.reset()

    def reset(self) -> None:
        """Drop the caches (after a write that bypasses them, such as `_split`)."""
        self._actors: dict[str, dict | None] = {}
        self._aliases: dict[str, dict[str, list]] = {}  # actor -> surface -> [rep, source]
        self._norms: dict[str, set[str]] = {}  # alias norm -> actor ids (dead ones filtered on read)
        self._postings: dict[str, set[str] | None] = {}  # blocking key -> actor ids (None: too common)
        self._akeys: dict[str, set[str]] = defaultdict(set)  # actor -> cached keys it is posted under
        self._gaz: dict[str, str] = {}
        self._kal: dict[str, dict[str, list[str]]] = {}  # actor -> key -> full-name aliases
        self._splits: list[tuple[str, str]] | None = None

    # -- actors -------------------------------------------------------------------------
    def actor(self, actor_id: str | None) -> dict | None:
        if actor_id is None:
            return None
        try:
            return self._actors[actor_id]
        except KeyError:
            row = self.c.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
            self._actors[actor_id] = r = dict(row) if row is not None else None
            return r

    def live(self, actor_id: str | None) -> str | None:
        seen = 0
        while actor_id is not None and seen < 50:
            row = self.actor(actor_id)
            if row is None:
                return None
            if row["merged_into"] is None:
                return actor_id
            actor_id, seen = row["merged_into"], seen + 1
        return actor_id

    def set_field(self, actor_id: str, field: str, value: Any) -> None:
        self.c.execute(f"UPDATE actors SET {field} = ? WHERE id = ?", (value, actor_id))
        row = self.actor(actor_id)
        if row is not None:
            row[field] = value

    def create(self, actor_id: str, name: str, typ: str, gaz=None, qid=None) -> str:
        self.c.execute(
            "INSERT OR IGNORE INTO actors(id, name, type, qid, gaz, created_at) VALUES (?,?,?,?,?,?)",
            (actor_id, name, typ, qid, gaz, _now()),
        )
        self._actors.pop(actor_id, None)
        self.counts["actors_created"] += 1
        return actor_id

    def aliases(self, actor_id: str) -> dict[str, list]:
        al = self._aliases.get(actor_id)
        if al is None:
            al = self._aliases[actor_id] = {
                r[0]: [r[1], r[2]] for r in self.c.execute(
                    "SELECT surface, rep, source FROM aliases WHERE actor_id = ?", (actor_id,))}
        return al

    def add_alias(self, actor_id: str, surface: str, rep: bool, source: str) -> None:
        al = self.aliases(actor_id)
        cur = al.get(surface)
        if cur is not None:
            if rep and not cur[0]:
                self.c.execute("UPDATE aliases SET rep = 1 WHERE actor_id = ? AND surface = ?", (actor_id, surface))
                if cur[1] != "gazetteer":
                    self._index_alias(actor_id, surface)
                cur[0] = 1
            return
        norm = norm_key(surface)
        self.c.execute("INSERT INTO aliases(actor_id, surface, norm, rep, source) VALUES (?,?,?,?,?)",
                       (actor_id, surface, norm, int(rep), source))
        al[surface] = [int(rep), source]
        ns = self._norms.get(norm)
        if ns is not None:
            ns.add(actor_id)
        if rep or source == "gazetteer":
            self._index_alias(actor_id, surface)
            keys = name_keys(surface)
            self.c.executemany("INSERT OR IGNORE INTO actor_keys(key, actor_id) VALUES (?, ?)",
                               [(k, actor_id) for k in keys])
            for k in keys:
                p = self._postings.get(k)
                if p is not None and actor_id not in p:
                    p.add(actor_id)
                    self._akeys[actor_id].add(k)
                    if len(p) > MAX_BLOCK:
                        self._postings[k] = None

    def _index_alias(self, actor_id: str, surface: str) -> None:
        idx = self._kal.get(actor_id)
        if idx is not None and not is_acronym(surface):
            for k in name_keys(surface):
                idx[k].append(surface)

    def keyed_aliases(self, actor_id: str) -> dict[str, list[str]]:
        """The actor's full names (representative or gazetteer aliases, not acronyms) by
        blocking key: the aliases worth scoring against a name are those sharing a key."""
        idx = self._kal.get(actor_id)
        if idx is None:
            idx = self._kal[actor_id] = defaultdict(list)
            for al, (rep, src) in self.aliases(actor_id).items():
                if (rep or src == "gazetteer") and not is_acronym(al):
                    for k in name_keys(al):
                        idx[k].append(al)
        return idx

    def with_norm(self, norm: str) -> set[str]:
        """Live actors with an alias of this norm."""
        ns = self._norms.get(norm)
        if ns is None:
            ns = self._norms[norm] = {r[0] for r in self.c.execute(
                "SELECT DISTINCT actor_id FROM aliases WHERE norm = ?", (norm,))}
        return {a for a in ns if (r := self.actor(a)) is not None and r["merged_into"] is None}

    def posting(self, key: str) -> set[str] | None:
        """Actors posted under a blocking key; None when more than MAX_BLOCK are."""
        if key in self._postings:
            return self._postings[key]
        rows = self.c.execute("SELECT actor_id FROM actor_keys WHERE key = ? LIMIT ?",
                              (key, MAX_BLOCK + 1)).fetchall()
        p = {r[0] for r in rows} if len(rows) <= MAX_BLOCK else None
        self._postings[key] = p
        for a in p or ():
            self._akeys[a].add(key)
        return p

    def gaz_actor(self, entry_id: str) -> str | None:
        aid = self._gaz.get(entry_id)
        if aid is not None and (r := self.actor(aid)) is not None and r["merged_into"] is None:
            return aid
        row = self.c.execute("SELECT id FROM actors WHERE gaz = ? AND merged_into IS NULL", (entry_id,)).fetchone()
        if row is None:
            return None
        self._gaz[entry_id] = row[0]
        return row[0]

    def log(self, actor_id, other, rule, score, evidence, article_id=None) -> None:
        self.c.execute(
            "INSERT INTO merge_log(actor_id, other, rule, score, evidence, article_id, created_at) "
            "VALUES (?,?,?,?,?,?,?)",
            (actor_id, other, rule, score, json.dumps(evidence, ensure_ascii=False), article_id, _now()),
        )

    def cannot_link(self, a: str, b: str) -> bool:
        ra, rb = self.actor(a), self.actor(b)
        if ra is None or rb is None:
            return True
        if ra["gaz"] and rb["gaz"] and ra["gaz"] != rb["gaz"]:
            return True
        if _type_conflict(ra["type"], rb["type"]):
            return True
        if self._splits is None:
            self._splits = [(norm_key(d[0]), norm_key(d[1])) for d in self.c.execute(
                "SELECT a, b FROM decisions WHERE kind = 'split' ORDER BY id")]
        if self._splits:
            sa = {norm_key(s) for s in self.aliases(a)}
            sb = {norm_key(s) for s in self.aliases(b)}
            for na, nb in self._splits:
                if (na in sa and nb in sb) or (nb in sa and na in sb):
                    return True
        return False

    def merge(self, keep: str, drop: str, rule: str, score: float | None, evidence: dict,
              article_id: str | None = None) -> bool:
        keep, drop = self.live(keep), self.live(drop)
        if keep is None or drop is None or keep == drop or self.cannot_link(keep, drop):
            return False
        rk, rd = self.actor(keep), self.actor(drop)
        if rd["gaz"] and not rk["gaz"]:  # the gazetteer actor survives
            keep, drop, rk, rd = drop, keep, rd, rk
        c = self.c
        self.set_field(drop, "merged_into", keep)
        if not rk["qid"] and rd["qid"]:
            self.set_field(keep, "qid", rd["qid"])
        if rk["type"] in (None, "MISC") and rd["type"] not in (None, "MISC"):
            self.set_field(keep, "type", rd["type"])
        for surface, (rep, source) in list(self.aliases(drop).items()):
            self.add_alias(keep, surface, bool(rep), source)
        c.execute("DELETE FROM aliases WHERE actor_id = ?", (drop,))
        self._aliases[drop] = {}
        self._kal.pop(drop, None)
        c.execute("INSERT OR IGNORE INTO actor_keys(key, actor_id) SELECT key, ? FROM actor_keys WHERE actor_id = ?",
                  (keep, drop))
        c.execute("DELETE FROM actor_keys WHERE actor_id = ?", (drop,))
        for k in self._akeys.pop(drop, ()):
            p = self._postings.get(k)
            if p is not None:
                p.discard(drop)
                p.add(keep)
                self._akeys[keep].add(k)
        c.execute("UPDATE actor_entities SET actor_id = ? WHERE actor_id = ?", (keep, drop))
        c.execute("UPDATE merge_log SET actor_id = ? WHERE actor_id = ?", (keep, drop))
        c.execute('UPDATE mentions SET actor_id = ? WHERE actor_id = ?', (keep, drop))
        if self._tables["quotes"]:
            c.execute("UPDATE quotes SET speaker_actor = ? WHERE speaker_actor = ?", (keep, drop))
            c.execute("UPDATE quotes SET channel_actor = ? WHERE channel_actor = ?", (keep, drop))
        if self._tables["sources"]:
            c.execute("UPDATE sources SET cites_actor = ? WHERE cites_actor = ?", (keep, drop))
        self.log(keep, drop, rule, score, {**evidence, "merged": [rk["name"], rd["name"]]}, article_id)
        self.counts["actors_merged"] += 1
        return True

    # -- resolution ---------------------------------------------------------------------
    def candidates(self, surfaces: list[str], typ: str) -> tuple[list[tuple[str, float, str, dict]], str | None]:
        reps = _reps(surfaces)
        out: list[tuple[str, float, str, dict]] = []
        gaz_entry = None
        # 1. gazetteer
        hits: Counter = Counter()
        entries = {}
        for s in surfaces:
            for e in self.index.lookup(norm_key(s), s)[:1]:
                if _type_conflict(e.type, typ) or (typ == "PER" and e.type != "PER" and len(analyze(s).tokens) > 1):
                    continue
                hits[e.id] += 3 if s in reps else 1
                entries[e.id] = (e, s)
        if hits:
            eid = hits.most_common(1)[0][0]
            e, s = entries[eid]
            gaz_entry = e
            aid = self.gaz_actor(e.id)
            if aid is None:
                aid = self.create(_new_id("gaz", e.id), e.name, e.type, e.id, e.qid)
                for alias in self.index.aliases(e.id):
                    self.add_alias(aid, alias, False, "gazetteer")
            out.append((aid, 1.0, f"gazetteer:{e.id}", {"surface": s, "entry": e.name}))
        # 2. exact aliases
        for s in sorted(set(surfaces)):
            rows = sorted(a for a in self.with_norm(norm_key(s)) if not _type_conflict(self.actor(a)["type"], typ))
            weak = is_acronym(s) or len(analyze(s).tokens) < 2
            if weak and (len(rows) != 1 or s not in reps):
                if len(rows) == 1 and self.shared_acronym(s, reps, rows[0]):
                    out.append((rows[0], 1.0, "acronym:shared", {"surface": s, "names": reps}))
                continue
            for a in rows:
                out.append((a, 1.0, "acronym:unique" if is_acronym(s) else "alias:exact", {"surface": s}))
        # 3. blocking keys + name matcher: the actors sharing the most (and rarest) keys
        keys: set[str] = set()
        for s in reps:
            if not is_acronym(s):
                keys |= name_keys(s)
        skeys = sorted(keys)
        weight: Counter = Counter()
        for k in skeys:
            p = self.posting(k)
            if p:
                w = 1.0 / len(p)
                for aid in p:
                    weight[aid] += w
        cand_ids = heapq.nsmallest(MAX_CANDIDATES, weight, key=lambda a: (-weight[a], a)) \
            if len(weight) > MAX_CANDIDATES else sorted(weight)
        for aid in cand_ids:
            row = self.actor(aid)
            if row is None or row["merged_into"] is not None or _type_conflict(row["type"], typ):
                continue
            if gaz_entry is not None and row["gaz"] and row["gaz"] != gaz_entry.id:
                continue
            kal = self.keyed_aliases(aid)
            aliases = list(dict.fromkeys(al for k in skeys if k in kal for al in kal[k]))
            best, pair = _best_pair(reps, aliases)
            if best >= MERGE_THRESHOLD:
                out.append((aid, round(best, 3), "translit:token_alignment",
                            {"surface": pair[0], "alias": pair[1]}))
                continue
            if row["gaz"] or typ in ("PER", "ORG") or row["type"] in ("PER", "ORG"):
                continue  # "Mosul Dam" is not the city of Mosul
            for s in reps:
                for al in aliases:
                    sc = designator_score(s, al)
                    if sc > best:
                        best, pair = sc, (s, al)
            if best >= MERGE_THRESHOLD:
                out.append((aid, round(best, 3), "translit:designator",
                            {"surface": pair[0], "alias": pair[1]}))
        return out, (gaz_entry.id if gaz_entry else None)

    def shared_acronym(self, acr: str, reps: list[str], actor_id: str) -> bool:
        """An acronym defined for this entity (it has a full name too) and for exactly one
        other actor, also defined there: "Nordflussbehörde (NRA)" and "Northern Rivers
        Authority (NRA)" are one organisation named in two languages."""
        if not is_acronym(acr) or len(acr) < 3 or not reps or all(is_acronym(r) for r in reps):
            return False
        return any(rep and not is_acronym(n) for n, (rep, _) in self.aliases(actor_id).items())

    def variants(self, surfaces: list[str], typ: str, lang: str | None) -> list[str]:
        """Language-neutral respellings of the surfaces (`names.neutral_form`) and German
        genitives of known one-word names ("Zahristans" -> "Zahristan")."""
        extra = []
        de = (lang or "").startswith("de")
        for s in sorted(set(surfaces)):
            single = len(analyze(s).tokens) == 1 and not is_acronym(s) and typ in ("LOC", "MISC")
            nf = neutral_form(s, lang, single_place=single)
            if nf != s:
                extra.append(nf)
            if de and single and s.endswith("s") and len(s) > 5 and self.c.execute(
                    "SELECT 1 FROM aliases WHERE norm = ? AND rep = 1 LIMIT 1", (norm_key(s[:-1]),)).fetchone():
                extra.append(s[:-1])
        return [e for e in extra if e not in surfaces]

    def resolve(self, article_id: str, local_id: int, mentions: list, lang: str | None) -> str:
        surfaces = [m["text"] for m in mentions]
        typ = Counter(m["type"] for m in mentions).most_common(1)[0][0]
        extra = self.variants(surfaces, typ, lang)
        cands, gaz = self.candidates(surfaces + extra, typ)
        best: dict[str, tuple[float, str, dict]] = {}
        for aid, sc, rule, ev in cands:
            aid = self.live(aid)
            if aid and (aid not in best or sc > best[aid][0]):
                best[aid] = (sc, rule, ev)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        reps = _reps(surfaces)
        if ranked:
            target, (sc, rule, ev) = ranked[0]
            self.log(target, None, rule, sc, {**ev, "entity": reps}, article_id)
            for other, (sc2, rule2, ev2) in ranked[1:]:
                if self.merge(target, other, rule2, sc2, {**ev2, "bridge": reps}, article_id):
                    target = self.live(target)
            target = self.live(target)
        else:
            name = Counter(s for s in surfaces if s in reps).most_common(1)[0][0]
            target = self.create(_new_id(typ, norm_key(name), article_id, str(local_id)), name, typ)
        row = self.actor(target)
        if row["type"] in (None, "MISC") and typ != "MISC":
            self.set_field(target, "type", typ)
        for s in sorted(set(surfaces)):  # sorted: alias order (and so evidence) must not follow hash order
            self.add_alias(target, s, s in reps, "mention")
        all_reps = _reps(surfaces + extra)
        for s in extra:
            self.add_alias(target, s, s in all_reps, f"respelling:{lang or ''}")
        self.c.execute(
            "INSERT OR REPLACE INTO actor_entities(article_id, local_id, actor_id, type, name) VALUES (?,?,?,?,?)",
            (article_id, local_id, target, typ, reps[0]),
        )
        return target


def _refresh_names(ctx: _Ctx, actor_ids: Iterable[str]) -> None:
    for aid in set(actor_ids):
        aid = ctx.live(aid)
        row = ctx.actor(aid) if aid else None
        if row is None or row["gaz"]:
            continue
        reps = [r[0] for r in ctx.c.execute(
            "SELECT m.text FROM mentions m JOIN aliases a ON a.actor_id = m.actor_id AND a.surface = m.text "
            "WHERE m.actor_id = ? AND a.rep = 1", (aid,))]
        if reps:
            cnt = Counter(reps)
            name = max(cnt, key=lambda s: (analyze(s).script == "latin", cnt[s], len(s)))
            ctx.set_field(aid, "name", name)


def update(store, changed: list[str], options: Any = None) -> dict[str, int]:
    """Resolve the mentions of the changed articles into actors (incremental)."""
    ctx = _Ctx(store, options)
    touched: set[str] = set()
    with store.transaction() as c:
        for aid in changed:
            arow = c.execute("SELECT lang, meta FROM articles WHERE id = ?", (aid,)).fetchone()
            if arow is None:
                continue
            c.execute("DELETE FROM actor_entities WHERE article_id = ?", (aid,))
            c.execute("DELETE FROM merge_log WHERE article_id = ? AND other IS NULL", (aid,))
            rows = c.execute(
                'SELECT idx, start, "end", text, type, local_id FROM mentions WHERE article_id = ? ORDER BY idx',
                (aid,)).fetchall()
            groups: dict[int, list] = defaultdict(list)
            for r in rows:
                groups[r["local_id"] if r["local_id"] is not None else -1 - r["idx"]].append(r)
            updates = []
            actor_of: dict[int, str] = {}
            ents = []
            for lid, ms in groups.items():
                actor = ctx.resolve(aid, lid, ms, arow["lang"])
                actor_of[lid] = actor
                touched.add(actor)
                updates += [(aid, m["idx"], actor) for m in ms]
                ctx.counts["entities"] += 1
                ents.append((lid, Counter(m["type"] for m in ms).most_common(1)[0][0],
                             _reps([m["text"] for m in ms]), actor))
            store.set_mention_actors(updates)
            ctx.counts["translation_links"] += _orgnames.link(ctx, aid, arow["lang"], ents, options)
            ctx.counts["mentions"] += len(updates)
            meta = json.loads(arow["meta"] or "{}")
            idx2lid = {r["idx"]: (r["local_id"] if r["local_id"] is not None else -1 - r["idx"]) for r in rows}
            for link in meta.get("mention_links") or []:
                try:
                    i, j, rule, ev = link
                    lid = idx2lid[i]
                except (ValueError, KeyError, TypeError):
                    continue
                if rule == "exact":
                    continue  # identical spellings need no explanation
                ctx.log(ctx.live(actor_of[lid]), None, f"within_doc:{rule}", None,
                        {"text": ev, "mentions": [rows[i]["text"], rows[j]["text"]] if j < len(rows) else []}, aid)
        _apply_decisions(ctx)
        _refresh_names(ctx, touched)
    counts = dict(ctx.counts)
    counts["actors"] = c.execute("SELECT COUNT(*) FROM actors WHERE merged_into IS NULL").fetchone()[0]
    return counts


# -- analyst decisions -----------------------------------------------------------------------
def _apply_decisions(ctx: _Ctx) -> None:
    for d in ctx.c.execute("SELECT * FROM decisions ORDER BY id").fetchall():
        if d["kind"] == "merge":
            a, b = find_actor(ctx.store, d["a"]), find_actor(ctx.store, d["b"])
            if a and b and a != b:
                ctx.merge(a, b, "manual:merge", None, {"decision": d["id"], "names": [d["a"], d["b"]]})
        elif d["kind"] == "split":
            if _split(ctx, d):
                ctx.reset()


def _split(ctx: _Ctx, d) -> int:
    a = find_actor(ctx.store, d["a"])
    if a is None:
        return 0
    target = norm_key(d["b"])
    if ctx.c.execute("SELECT 1 FROM aliases WHERE actor_id = ? AND norm = ? LIMIT 1", (a, target)).fetchone() is None:
        return 0  # every mention of a carries an alias of a: nothing (left) to split
    ents = {(r["article_id"], r["local_id"]) for r in ctx.c.execute(
        "SELECT article_id, local_id, text FROM mentions WHERE actor_id = ?", (a,)) if norm_key(r["text"]) == target}
    aliases = [r[0] for r in ctx.c.execute("SELECT surface FROM aliases WHERE actor_id = ?", (a,))
               if norm_key(r[0]) == target]
    if not ents and not aliases:
        return 0
    row = ctx.actor(a)
    new = _new_id("split", str(d["id"]))
    if ctx.actor(new) is None:
        ctx.create(new, d["b"], row["type"])
    else:
        ctx.c.execute("UPDATE actors SET merged_into = NULL WHERE id = ?", (new,))
    c = ctx.c
    for s in aliases:
        c.execute("DELETE FROM aliases WHERE actor_id = ? AND surface = ?", (a, s))
        ctx.add_alias(new, s, True, "manual")
    c.execute("DELETE FROM actor_keys WHERE actor_id = ?", (a,))
    for r in c.execute("SELECT surface, source, rep FROM aliases WHERE actor_id = ?", (a,)).fetchall():
        if r["rep"] or r["source"] == "gazetteer":
            c.executemany("INSERT OR IGNORE INTO actor_keys(key, actor_id) VALUES (?, ?)",
                          [(k, a) for k in name_keys(r["surface"])])
    for art, lid in sorted(ents):
        c.execute("UPDATE mentions SET actor_id = ? WHERE article_id = ? AND local_id = ? AND actor_id = ?",
                  (new, art, lid, a))
        c.execute("UPDATE actor_entities SET actor_id = ? WHERE article_id = ? AND local_id = ?", (new, art, lid))
        for r in c.execute("SELECT text FROM mentions WHERE article_id = ? AND local_id = ?", (art, lid)).fetchall():
            ctx.add_alias(new, r[0], norm_key(r[0]) == target, "mention")
    ctx.log(new, a, "manual:split", None, {"decision": d["id"], "name": d["b"], "from": row["name"]})
    return len(ents)


def decide_merge(store, a: str, b: str) -> str:
    """Record and apply an analyst's merge of the actors named ``a`` and ``b``."""
    ids = [find_actor(store, a), find_actor(store, b)]
    for name, i in zip((a, b), ids):
        if i is None:
            raise NotFound(f"no actor named {name!r}; list them with `newstrace actors`")
    with store.corpus_lock(), store.transaction() as c:
        c.execute("INSERT INTO decisions(kind, a, b, created_at) VALUES ('merge', ?, ?, ?)", (a, b, _now()))
        ctx = _Ctx(store, None)
        c.execute("DELETE FROM decisions WHERE kind = 'split' AND "
                  "((a = ? AND b = ?) OR (a = ? AND b = ?))", (a, b, b, a))
        ctx.merge(ids[0], ids[1], "manual:merge", None, {"names": [a, b]})
    return find_actor(store, a) or ids[0]


def decide_split(store, a: str, name: str) -> str:
    """Record and apply an analyst's decision that ``name`` is not the actor ``a``."""
    if find_actor(store, a) is None:
        raise NotFound(f"no actor named {a!r}; list them with `newstrace actors`")
    with store.corpus_lock(), store.transaction() as c:
        cur = c.execute("INSERT INTO decisions(kind, a, b, created_at) VALUES ('split', ?, ?, ?)", (a, name, _now()))
        c.execute("DELETE FROM decisions WHERE kind = 'merge' AND ((a = ? AND b = ?) OR (a = ? AND b = ?))",
                  (a, name, name, a))
        d = c.execute("SELECT * FROM decisions WHERE id = ?", (cur.lastrowid,)).fetchone()
        moved = _split(_Ctx(store, None), d)
    if not moved:
        raise NotFound(f"actor {a!r} has no mention or alias {name!r}")
    return _new_id("split", str(d["id"]))


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


def _fuzzy_rows(store, name: str) -> list[tuple[str, str]]:
    """(actor id, alias) of the live actors sharing a blocking key with ``name``, at most
    FIND_MAX_ROWS, in a stable order."""
    keys = sorted(name_keys(name))
    if not keys:
        return []
    q = ",".join("?" * len(keys))
    return [(r[0], r[1]) for r in store.conn.execute(
        f"SELECT DISTINCT a.actor_id, a.surface FROM actor_keys k JOIN aliases a "
        f"ON a.actor_id = k.actor_id JOIN actors t ON t.id = a.actor_id "
        f"WHERE k.key IN ({q}) AND t.merged_into IS NULL LIMIT {FIND_MAX_ROWS}", keys)]


def _may_be_a_name(text: str) -> bool:
    """Only a text with a capital letter can be a respelled name in a script with case
    ("al-Maloumeh", "de Gaulle" have one; "l'eau", "intake runs the station" do not);
    texts in scripts without case (Arabic, CJK...) always may."""
    cased = [ch for ch in text if ch.isupper() or ch.islower()]
    return not cased or any(ch.isupper() for ch in cased)


def find_actor(store, name: str) -> str | None:
    """The actor known under ``name`` in any spelling (an actor id also works)."""
    if not store.has_table("actors"):
        return None
    exact, aid = _exact_actor(store, name)
    if exact or not _may_be_a_name(name):
        return aid
    best, best_id = 0.0, None
    for actor_id, alias in _fuzzy_rows(store, name):
        # only an alias that may reach the threshold can be the answer: the bound is
        # cheap, and rules out most rows (all of them for a description such as "said
        # the talks foundered on ...", whose many words are keys)
        if not _may_match(name, alias, FIND_THRESHOLD):
            continue
        sc = match_score(name, alias)
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
def evaluate(store, gold: dict) -> dict[str, Any]:
    """Pairwise merge precision and recall over the gold variant groups (key ``entities``
    of a gold file in the seeds.gold.json format). Each (article, variant) is an item;
    its predicted actor is the actor of the mentions that cover its occurrences in the
    article (largest overlap; the most frequent actor when occurrences disagree)."""
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
