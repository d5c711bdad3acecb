"""One run of the actors stage over the store (internal to `newstrace.actors`).

`Run.article` turns a changed article's mentions into entities, nodes and links
(`_actorgraph`); `Run.recluster` recomputes the actors of the connected region of the
name graph those touched and writes back actor ids (``actors``, ``actor_entities``,
``mentions``, quote and source actor columns), aliases and blocking keys (what
`actors.find_actor` reads) and the merge log (what ``newstrace actor NAME --why`` prints).
An actor only renamed by the reclustering gets its new id in place downstream
(`_actorremap`); the articles naming an actor that really changed are collected in
``Run.stale`` for the downstream stages.
"""
from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from typing import Any

from . import _actorgraph as G
from . import _actorremap
from .gazetteer import alias_index
from .names import analyze, is_acronym, name_keys, norm_key
from .store import select_in


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _q(n: int) -> str:
    return ",".join("?" * n)


class Run:
    def __init__(self, store, options: Any) -> None:
        self.store = store
        self.c = store.conn
        self.options = options
        self.use_models = bool(getattr(options, "use_models", False))
        self.index = alias_index(getattr(options, "gazetteer", None))
        self.counts: Counter = Counter()
        self._tables = {t: store.has_table(t) for t in ("quotes", "sources")}
        self.fresh: set[tuple[str, int]] = set()  # entities written by this run
        # articles not in this run whose actors changed (an entity moved to another
        # actor, or a quote or source names an actor that lost members or went away),
        # not by a mere rename (`_actorremap`): their downstream stages must run again
        # (`actors.update` marks them)
        self.stale: set[str] = set()
        self.renamed: set[str] = set()  # nodes whose display name changed: their actors' aliases are rebuilt

    # -- nodes and links -------------------------------------------------------------------
    def node_row(self, node: str) -> dict | None:
        r = self.c.execute("SELECT * FROM actor_nodes WHERE node = ?", (node,)).fetchone()
        return dict(r) if r else None

    def link(self, a: str, b: str, rule: str, score: float | None, evidence: dict, article_id: str = "") -> None:
        if a == b:
            return
        a, b = sorted((a, b))
        self.c.execute("INSERT OR IGNORE INTO actor_links(a, b, rule, score, evidence, article_id) VALUES (?,?,?,?,?,?)",
                       (a, b, rule, score, json.dumps(evidence, ensure_ascii=False, sort_keys=True), article_id))

    def ensure_node(self, node: str, name: str, typ: str) -> None:
        row = self.node_row(node)
        if row is not None:
            if name < row["name"]:  # the display name does not depend on arrival order
                self.c.execute("UPDATE actor_nodes SET name = ? WHERE node = ?", (name, node))
                self.renamed.add(node)
            return
        gaz = G.node_gaz(name, typ, self.index)
        strong = G.is_strong(name)
        near = None
        if gaz is None and not is_acronym(name):
            near = G.near_gaz(name, typ, self.index, getattr(self.options, "gazetteer", None))
            if near is not None:
                gaz = near[0]
        self.c.execute("INSERT INTO actor_nodes(node, name, type, norm, strong, gaz) VALUES (?,?,?,?,?,?)",
                       (node, name, typ, norm_key(name), int(strong), gaz))
        keys = G.node_keys_for(name, typ, self.use_models)
        if not strong and not is_acronym(name) and analyze(name).tokens:
            keys.add("v:" + analyze(name).tokens[0].ascii)
        self.c.executemany("INSERT OR IGNORE INTO node_keys(key, node) VALUES (?, ?)", [(k, node) for k in sorted(keys)])
        self.counts["names"] += 1
        if near is not None:  # one hop to a listed organisation's or person's own alias, never a chain
            self.link(node, G.gaz_node(gaz), "translit:gazetteer_alias", near[1],
                      {"entry": self.index.entries[gaz].name, "alias": near[2]})
            return
        if gaz:
            self.link(node, G.gaz_node(gaz), f"gazetteer:{gaz}", 1.0, {"entry": self.index.entries[gaz].name})
            return  # a gazetteer name is matched against its own entry only
        self._exact_type_links(node, name, typ)
        self._proclitic_links(node, name, typ)
        if is_acronym(name):
            return
        self._fuzzy_links(node, name, typ, strong, keys)
        self._part_links(node, name, typ, strong)

    def _exact_type_links(self, node: str, name: str, typ: str) -> None:
        """The same name typed differently in two articles: one name (the clustering's
        type check is skipped for this rule); whether it then joins a full person's name
        through a surname link is decided by the types of its mentions (`_actorgraph.cluster`:
        a tie goes to the person, a majority of another type keeps it apart)."""
        for r in self.c.execute("SELECT node, type FROM actor_nodes WHERE norm = ? AND node != ?",
                                (norm_key(name), node)).fetchall():
            self.link(node, r["node"], "alias:exact", 1.0, {})

    def _proclitic_links(self, node: str, name: str, typ: str) -> None:
        """Arabic script writes a conjunction or preposition onto the next word ("وبوتين" =
        and Putin, "لترامب" = to Trump): a name written with one proclitic letter and the same
        name without it, both known, are one name (exact forms only; checked from either side,
        so the order the two came in does not matter)."""
        others = G.proclitic_forms(name)
        if not others:
            return
        q = ",".join("?" * len(others))
        for r in self.c.execute(f"SELECT node, type, gaz FROM actor_nodes WHERE norm IN ({q}) AND node != ? "
                                "ORDER BY node", [norm_key(x) for x in others] + [node]).fetchall():
            if G.compatible(typ, r["type"]) and not r["gaz"]:
                self.link(node, r["node"], "respelling:ar_proclitic", 1.0, {"names": [name, r["node"].split("|", 1)[1]]})

    def _fuzzy_links(self, node: str, name: str, typ: str, strong: bool, keys: set[str]) -> None:
        weight: Counter = Counter()
        for k in sorted(x for x in keys if x[:2] in ("t:", "j:", "d:")):
            rows = self.c.execute("SELECT node FROM node_keys WHERE key = ? LIMIT ?", (k, G.MAX_BLOCK + 1)).fetchall()
            if len(rows) > G.MAX_BLOCK:
                continue
            for r in rows:
                if r[0] != node:
                    weight[r[0]] += 1.0 / len(rows)
        cands = sorted(weight, key=lambda n: (-weight[n], n))[:G.MAX_CANDIDATES]
        for other in cands:
            row = self.node_row(other)
            if row is None or row["gaz"] or not G.compatible(typ, row["type"]) or is_acronym(row["name"]):
                continue
            (x, tx), (y, ty) = sorted([(name, typ), (row["name"], row["type"])])
            sc, rule, ev = G.pair_score(x, y, tx, ty, self.use_models)
            if bool(row["strong"]) != strong and analyze(name).joined != analyze(row["name"]).joined \
                    and rule != "translit:designator":
                continue  # one word against a full name: written together ("PressTV" = "Press TV") or a place designator
            if sc >= G.MERGE_THRESHOLD and not G.place_qualified(name, row["name"], self.index):
                self.link(node, other, rule, round(sc, 3), ev)

    def _part_links(self, node: str, name: str, typ: str, strong: bool) -> None:
        if typ not in ("PER", "MISC"):
            return
        toks = analyze(name).tokens
        if not toks:
            return
        if strong:  # lone surnames already known
            key, want_strong = "v:" + toks[-1].ascii, 0
        else:
            key, want_strong = "w:" + toks[0].ascii, 1
        rows = self.c.execute("SELECT k.node, n.name, n.type FROM node_keys k JOIN actor_nodes n ON n.node = k.node "
                              "WHERE k.key = ? AND n.strong = ? AND n.node != ? LIMIT ?",
                              (key, want_strong, node, G.MAX_PART + 1)).fetchall()
        if len(rows) > G.MAX_PART:
            return
        for r in rows:
            if G.compatible(typ, r["type"]) and not is_acronym(r["name"]):
                self.link(node, r["node"], "part:surname", None, {})

    def _surname_entities(self, ents: dict[int, tuple[list[str], str]]) -> dict[int, int]:
        """Entities the model typed ORG or LOC that are only the surname of the one person the
        same article names in full ("Annegret Kramp-Karrenbauer ... Kramp-Karrenbauer" with the
        second typed ORG): {entity: the full name's entity}. They are that person, unless the
        gazetteer lists the name as something else than a person, or two persons of the
        article share the surname. Not guarded: a company named after the one person the
        article names, when the gazetteer does not list it ("Henry Ford ... Ford"); the
        surname may come first (headlines name a person by the surname)."""
        full: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for lid, (surfaces, typ) in ents.items():
            if typ != "PER":
                continue
            for s in set(surfaces):
                toks = tuple(t.ascii for t in analyze(s).tokens)
                for k in range(1, len(toks)):
                    full[toks[k:]].add(lid)
        out: dict[int, int] = {}
        if not full:
            return out
        for lid, (surfaces, typ) in sorted(ents.items()):
            if typ not in ("ORG", "LOC"):
                continue
            names = {tuple(t.ascii for t in analyze(s).tokens) for s in surfaces}
            if len(names) != 1 or any(is_acronym(s) for s in surfaces):
                continue
            toks = names.pop()
            owners = full.get(toks, set())
            listed = any(e.type != "PER" for s in set(surfaces) for e in self.index.lookup(norm_key(s), s))
            if toks and len(owners) == 1 and not listed:
                out[lid] = next(iter(owners))
        return out

    # -- articles ----------------------------------------------------------------------------
    def article(self, aid: str) -> set[str]:
        """(Re)build the entities, nodes and article links of one article; the nodes
        whose actors may change (old and new)."""
        c = self.c
        arow = c.execute("SELECT lang, meta FROM articles WHERE id = ?", (aid,)).fetchone()
        seeds = {r[0] for r in c.execute("SELECT node FROM entity_nodes WHERE article_id = ?", (aid,))}
        for r in c.execute("SELECT a, b FROM actor_links WHERE article_id = ?", (aid,)):
            seeds.update(r)
        c.execute("DELETE FROM entity_nodes WHERE article_id = ?", (aid,))
        c.execute("DELETE FROM actor_links WHERE article_id = ?", (aid,))
        c.execute("DELETE FROM actor_entities WHERE article_id = ?", (aid,))
        c.execute("DELETE FROM merge_log WHERE article_id = ? AND rule LIKE 'within_doc:%'", (aid,))
        if arow is None:
            return seeds
        lang = arow["lang"]
        rows = c.execute('SELECT idx, text, type, local_id FROM mentions WHERE article_id = ? ORDER BY idx',
                         (aid,)).fetchall()
        c.execute("UPDATE mentions SET actor_id = NULL WHERE article_id = ?", (aid,))
        groups: dict[int, list] = defaultdict(list)
        for r in rows:
            groups[r["local_id"] if r["local_id"] is not None else -1 - r["idx"]].append(r)
        ents: dict[int, tuple[list[str], str]] = {}
        for lid, ms in sorted(groups.items()):
            surfaces = [m["text"] for m in ms if G.may_be_name(m["text"]) or G.curated_form(m["text"], self.index)]
            if not surfaces:
                self.counts["not_names"] += 1
                continue
            ents[lid] = (surfaces, Counter(m["type"] if m["type"] in G.TYPES else "MISC" for m in ms).most_common(1)[0][0])
        surnames = self._surname_entities(ents)
        primaries: dict[int, str] = {}
        for lid, (surfaces, typ) in sorted(ents.items()):
            if lid in surnames:
                typ = "PER"
            nodes, entry = G.entity_nodes(surfaces, typ, lang, self.index)
            if not nodes:
                continue
            for n, name, _ in nodes:
                self.ensure_node(n, name, typ)
            primary = primaries[lid] = nodes[0][0]
            reps = G.reps(surfaces)
            for n, name, role in nodes:
                c.execute("INSERT OR IGNORE INTO entity_nodes(article_id, local_id, node, role) VALUES (?,?,?,?)",
                          (aid, lid, n, role))
                if n != primary:
                    rule = "acronym:defined" if role == "acronym" else role if role.startswith("respelling") \
                        else "alias:trimmed" if role == "trimmed" else "alias:same_entity"
                    self.link(primary, n, rule, 1.0, {"names": [nodes[0][1], name]}, aid)
            if entry is not None:
                s = next((s for s in sorted(set(surfaces)) if entry in self.index.lookup_in(s, lang)), surfaces[0])
                self.link(primary, G.gaz_node(entry.id), f"gazetteer:{entry.id}", 1.0,
                          {"surface": s, "entry": entry.name}, aid)
            c.execute("INSERT INTO actor_entities(article_id, local_id, actor_id, type, name, node) VALUES (?,?,?,?,?,?)",
                      (aid, lid, "", typ, reps[0], primary))
            self.fresh.add((aid, lid))
            seeds.update(n for n, _, _ in nodes)
            self.counts["entities"] += 1
        for lid, full in sorted(surnames.items()):
            if lid in primaries and full in primaries:
                self.link(primaries[lid], primaries[full], "alias:surname_in_article", 1.0,
                          {"names": [G.reps(ents[lid][0])[0], G.reps(ents[full][0])[0]]}, aid)
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
            texts = [rows[i]["text"], rows[j]["text"]] if isinstance(j, int) and j < len(rows) else []
            c.execute("INSERT INTO merge_log(actor_id, other, rule, score, evidence, article_id, created_at) "
                      "VALUES ('', ?, ?, NULL, ?, ?, ?)",
                      (f"entity:{lid}", f"within_doc:{rule}", json.dumps({"text": ev, "mentions": texts},
                                                                         ensure_ascii=False), aid, _now()))
        return seeds

    # -- clustering and write-back ----------------------------------------------------------
    def region(self, seeds: set[str]) -> tuple[set[str], list[dict]]:
        """The nodes connected to the seeds by links (not through gazetteer nodes, which
        anchor their members), and the links among them."""
        seen = set(s for s in seeds if not s.startswith("GAZ|"))
        gaz = set(s for s in seeds if s.startswith("GAZ|"))
        frontier = sorted(seen)
        links: dict[tuple, dict] = {}
        while frontier:
            nxt = set()
            for chunk in G.iter_chunks(frontier):
                q = _q(len(chunk))
                for r in self.c.execute(f"SELECT * FROM actor_links WHERE a IN ({q}) UNION ALL "
                                        f"SELECT * FROM actor_links WHERE b IN ({q})", chunk + chunk):
                    d = dict(r)
                    links[(d["a"], d["b"], d["rule"], d["article_id"])] = d
                    for x in (d["a"], d["b"]):
                        if x.startswith("GAZ|"):
                            gaz.add(x)
                        elif x not in seen:
                            seen.add(x)
                            nxt.add(x)
            frontier = sorted(nxt)
        return seen | gaz, list(links.values())

    def live_nodes(self, nodes: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for chunk in G.iter_chunks(nodes):
            for r in self.c.execute(f"SELECT node, COUNT(*) FROM entity_nodes WHERE node IN ({_q(len(chunk))}) "
                                    "GROUP BY node", chunk):
                out[r[0]] = r[1]
        return out

    def splits(self) -> list[tuple[set[str], set[str]]]:
        out = []
        for r in self.c.execute("SELECT nodes FROM decisions WHERE kind = 'split' AND nodes IS NOT NULL ORDER BY id"):
            try:
                a, b = json.loads(r[0])
                out.append((set(a), set(b)))
            except (ValueError, TypeError):
                continue
        return out

    def recluster(self, seeds: set[str]) -> None:
        c = self.c
        nodes, links = self.region(seeds)
        plain = sorted(n for n in nodes if not n.startswith("GAZ|"))
        live = self.live_nodes(plain)
        rows: dict[str, dict] = {}
        for chunk in G.iter_chunks(plain):
            for r in c.execute(f"SELECT * FROM actor_nodes WHERE node IN ({_q(len(chunk))})", chunk):
                if r["node"] in live:
                    rows[r["node"]] = dict(r)
        old_actor = {n: r["actor_id"] for n, r in rows.items()}
        for chunk in G.iter_chunks([n for n in plain if n not in live]):
            for r in c.execute(f"SELECT node, actor_id FROM actor_nodes WHERE node IN ({_q(len(chunk))})", chunk):
                old_actor[r[0]] = r[1]
        graph = {n: {"type": r["type"], "gaz": r["gaz"], "strong": r["strong"]} for n, r in rows.items()}
        for g in sorted(n for n in nodes if n.startswith("GAZ|")):
            e = self.index.entries.get(g[4:])
            if e is not None:
                graph[g] = {"type": e.type, "gaz": e.id, "strong": 1}
        roots, accepted = G.cluster(graph, links, self.splits(), live)
        groups = G.group_members(roots)
        new_actor: dict[str, str] = {}
        found: list[tuple[str, str | None, list[str]]] = []
        for root, members in groups.items():
            members_live = [n for n in members if n in rows]
            if not members_live:
                continue
            gaz = sorted({graph[n]["gaz"] for n in members if graph[n].get("gaz")})
            aid = G.actor_id_for("gaz:" + gaz[0]) if gaz else G.actor_id_for(min(members_live))
            for n in members_live:
                new_actor[n] = aid
            found.append((aid, gaz[0] if gaz else None, members_live))
        # nodes, entities and mentions whose actor changed
        moved = sorted(n for n in rows if new_actor.get(n) != old_actor.get(n))
        moved += sorted(n for n in old_actor if n not in rows and old_actor[n] is not None)
        # an actor is rewritten only when it may have changed: a member whose entities this
        # run rebuilt (a seed), a node that came or left, or no live row; the rest of the
        # region (a large connected part of the graph) is as the last run left it
        touched = {old_actor.get(n) for n in moved} | {new_actor.get(n) for n in moved}
        touched |= {new_actor[n] for n in seeds if n in new_actor}
        live_rows = {r[0] for r in select_in(c, "SELECT id FROM actors WHERE merged_into IS NULL AND id IN",
                                               sorted({a for a, _g, _m in found}))}
        unchanged = {a for a, _g, _m in found if a not in touched and a in live_rows}
        # actors that only changed id (every member went to one new actor that has no
        # other old members): rewritten in place downstream, their articles are not re-run
        old_ids = sorted({old_actor[n] for n in moved if old_actor.get(n)})
        old_members: dict[str, list[str]] = defaultdict(list)
        for r in select_in(c, "SELECT node, actor_id FROM actor_nodes WHERE actor_id IN", old_ids):
            old_members[r[1]].append(r[0])
        ren = _actorremap.renames(c, old_actor, new_actor, old_members)
        ren_arts: set[str] = set()
        for aid, gaz_id, members_live in found:
            if aid not in unchanged:
                self.write_actor(aid, gaz_id, members_live)
        c.executemany("UPDATE actor_nodes SET actor_id = ? WHERE node = ?", [(new_actor.get(n), n) for n in moved])
        ents: set[tuple[str, int]] = set(self.fresh)
        for chunk in G.iter_chunks(moved):
            ents.update((r[0], r[1]) for r in c.execute(
                f"SELECT article_id, local_id FROM actor_entities WHERE node IN ({_q(len(chunk))})", chunk))
        remap: dict[str, Counter] = defaultdict(Counter)
        gained: dict[str, set[tuple[str, int]]] = defaultdict(set)
        # the moved entities' rows read per article and written with one statement per
        # table (each entity's rows are its own: the order of the writes does not matter);
        # an entity per statement was 4 round trips each, and an actor that moves carries
        # the entities of every article naming it
        cur = {(r[0], r[1]): (r[2], r[3]) for r in select_in(
            c, "SELECT article_id, local_id, actor_id, node FROM actor_entities WHERE article_id IN",
            sorted({art for art, _lid in ents})) if (r[0], r[1]) in ents}
        unknown = sorted({node for _a, node in cur.values() if node not in new_actor})
        node_actor = dict(select_in(c, "SELECT node, actor_id FROM actor_nodes WHERE node IN", unknown))
        writes: list[tuple[str, str, int]] = []
        for art, lid in sorted(cur):
            old, node = cur[(art, lid)]
            new = new_actor.get(node)
            if new is None:
                new = node_actor[node]
            if old and old != new:
                remap[old][new] += 1
                if ren.get(old) == new:
                    ren_arts.add(art)
                else:
                    self.stale.add(art)
            gained[new].add((art, lid))
            writes.append((new, art, lid))
        c.executemany("UPDATE actor_entities SET actor_id = ? WHERE article_id = ? AND local_id = ?", writes)
        c.executemany("UPDATE mentions SET actor_id = ? WHERE article_id = ? AND local_id = ?", writes)
        c.executemany("UPDATE merge_log SET actor_id = ? WHERE article_id = ? AND other = ?",
                      [(new, art, f"entity:{lid}") for new, art, lid in writes])
        self.fresh.clear()
        for k, v in _actorremap.apply(self.store, ren, ren_arts).items():
            self.counts[k] += v
        # actors left without nodes point to where most of their entities went
        used = set(new_actor.values())
        for old in sorted({a for a in old_actor.values() if a} - used):
            if c.execute("SELECT 1 FROM actor_nodes WHERE actor_id = ? LIMIT 1", (old,)).fetchone():
                continue
            into = remap[old].most_common(1)[0][0] if remap.get(old) else None
            c.execute("UPDATE actors SET merged_into = ? WHERE id = ?", (into, old))
            if into:  # no chains: what pointed to the old actor points to where it went
                c.execute("UPDATE actors SET merged_into = ? WHERE merged_into = ?", (into, old))
            c.execute("DELETE FROM aliases WHERE actor_id = ?", (old,))
            c.execute("DELETE FROM actor_keys WHERE actor_id = ?", (old,))
            if into and self._tables["quotes"]:
                c.execute("UPDATE quotes SET speaker_actor = ? WHERE speaker_actor = ?", (into, old))
                c.execute("UPDATE quotes SET channel_actor = ? WHERE channel_actor = ?", (into, old))
            if into and self._tables["sources"]:
                c.execute("UPDATE sources SET cites_actor = ? WHERE cites_actor = ?", (into, old))
        lost = {old_actor[n] for n in moved if old_actor.get(n)}
        self.stale |= self.naming(lost - set(ren))
        # a renamed node's old name is no longer a name of its actor (adding would keep it)
        rebuild = lost | {new_actor.get(n) for n in self.renamed}
        self.renamed.clear()
        for aid in sorted(used - unchanged):
            if aid in rebuild or not c.execute("SELECT 1 FROM aliases WHERE actor_id = ? LIMIT 1", (aid,)).fetchone():
                self.write_aliases(aid)
            else:
                self.add_aliases(aid, gained.get(aid, set()))
        self.write_log(nodes, accepted, new_actor, rows)

    def naming(self, ids: set[str]) -> set[str]:
        """Articles whose quotes or sources name one of these actors (a speaker found by
        name, not by an overlapping mention, is in an article whose own entities did
        not move)."""
        out: set[str] = set()
        ids_l = sorted(i for i in ids if i)
        for table, cols in (("quotes", ("speaker_actor", "channel_actor")), ("sources", ("cites_actor",))):
            if not ids_l or not self._tables[table]:
                continue
            for col in cols:
                out.update(r[0] for r in select_in(self.c, f"SELECT DISTINCT article_id FROM {table} WHERE {col} IN",
                                                   ids_l))
        return out

    def write_actor(self, aid: str, gaz: str | None, members: list[str]) -> None:
        c = self.c
        e = self.index.entries.get(gaz) if gaz else None
        q = _q(len(members))
        if e is not None:
            name, typ, qid = e.name, e.type, e.qid
        else:
            cnt: Counter = Counter()
            types: Counter = Counter()
            for chunk in G.iter_chunks(members):
                for r in c.execute(f"SELECT name, type FROM actor_entities WHERE node IN ({_q(len(chunk))})", chunk):
                    cnt[r[0]] += 1
                    types[r[1]] += 1
            name = max(cnt, key=lambda s: (analyze(s).script == "latin", cnt[s], len(s), s)) if cnt else members[0]
            typed = [(n, t) for t, n in types.items() if t != "MISC"]
            typ = max(typed)[1] if typed else "MISC"
            if len(typed) > 1:
                top = max(n for n, _ in typed)
                typ = min(t for n, t in typed if n == top)
            qid = None
        del q
        c.execute("INSERT INTO actors(id, name, type, qid, gaz, merged_into, created_at) VALUES (?,?,?,?,?,NULL,?) "
                  "ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, qid = excluded.qid, "
                  "gaz = excluded.gaz, merged_into = NULL", (aid, name, typ, qid, gaz, _now()))

    def write_aliases(self, aid: str) -> None:
        """Aliases (every mention spelling, the graph's names, the gazetteer's aliases) and
        blocking keys of one actor, rebuilt from the store."""
        c = self.c
        row = c.execute("SELECT gaz FROM actors WHERE id = ?", (aid,)).fetchone()
        al: dict[str, tuple[int, str]] = {}
        if row and row[0]:
            for s in self.index.aliases(row[0]):
                al.setdefault(s, (0, "gazetteer"))
        for r in c.execute("SELECT name, strong FROM actor_nodes WHERE actor_id = ?", (aid,)):
            al[r[0]] = (1, "name")
        for r in c.execute("SELECT DISTINCT text FROM mentions WHERE actor_id = ?", (aid,)):
            if r[0] not in al:
                al[r[0]] = (0, "mention")
        old = {r[0]: (r[1], r[2]) for r in c.execute("SELECT surface, rep, source FROM aliases WHERE actor_id = ?", (aid,))}
        if old == al:
            return
        c.execute("DELETE FROM aliases WHERE actor_id = ?", (aid,))
        c.executemany("INSERT INTO aliases(actor_id, surface, norm, rep, source) VALUES (?,?,?,?,?)",
                      [(aid, s, norm_key(s), rep, src) for s, (rep, src) in sorted(al.items())])
        keys = set()
        for s, (rep, src) in al.items():
            if (rep or src == "gazetteer") and not is_acronym(s):
                keys |= name_keys(s)
        c.execute("DELETE FROM actor_keys WHERE actor_id = ?", (aid,))
        c.executemany("INSERT OR IGNORE INTO actor_keys(key, actor_id) VALUES (?, ?)", [(k, aid) for k in sorted(keys)])

    def add_aliases(self, aid: str, ents: set[tuple[str, int]]) -> None:
        """New spellings of an actor that only grew (no full rebuild: a country's actor
        is touched by most articles)."""
        c = self.c
        al: dict[str, int] = {r[0]: 1 for r in c.execute("SELECT name FROM actor_nodes WHERE actor_id = ?", (aid,))}
        for art, lid in sorted(ents):
            for r in c.execute("SELECT text FROM mentions WHERE article_id = ? AND local_id = ?", (art, lid)):
                al.setdefault(r[0], 0)
        have = {r[0]: r[1] for r in c.execute("SELECT surface, rep FROM aliases WHERE actor_id = ?", (aid,))}
        for s, rep in sorted(al.items()):
            if s in have and (have[s] or not rep):
                continue
            c.execute("INSERT OR REPLACE INTO aliases(actor_id, surface, norm, rep, source) VALUES (?,?,?,?,?)",
                      (aid, s, norm_key(s), rep, "name" if rep else "mention"))
            if rep and not is_acronym(s):
                c.executemany("INSERT OR IGNORE INTO actor_keys(key, actor_id) VALUES (?, ?)",
                              [(k, aid) for k in sorted(name_keys(s))])

    def write_log(self, nodes: set[str], accepted: list[dict], new_actor: dict[str, str], rows: dict) -> None:
        c = self.c
        plain = sorted(nodes)
        for chunk in G.iter_chunks(plain):
            c.execute(f"DELETE FROM merge_log WHERE other IN ({_q(len(chunk))})", chunk)
        names = {n: r["name"] for n, r in rows.items()}
        for ln in accepted:
            a, b = ln["a"], ln["b"]
            aid = new_actor.get(a) or new_actor.get(b)
            if aid is None:
                continue
            ev = json.loads(ln["evidence"] or "{}")
            ev["between"] = [names.get(a, a), names.get(b, b)]
            c.execute("INSERT INTO merge_log(actor_id, other, rule, score, evidence, article_id, created_at) "
                      "VALUES (?,?,?,?,?,?,?)", (aid, b, ln["rule"], ln["score"],
                                                 json.dumps(ev, ensure_ascii=False, sort_keys=True),
                                                 ln["article_id"] or None, _now()))
