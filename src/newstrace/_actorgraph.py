"""The name graph behind the actors stage (internal to `newstrace.actors`).

Actors are a deterministic function of the stored articles and the analyst's decisions,
whatever the order the articles came in, how they were split over runs, or whether a run
was killed (issue 12). Three layers:

1. **Entities** (``actor_entities``): a local entity of one article (mentions sharing a
   ``local_id``) with its type and surfaces. Pure per article.
2. **Nodes** (``actor_nodes``): one per (type, `names.norm_key`) of a name an entity is
   known by: its fullest names (``rep``), acronyms it defines, respellings
   (`names.neutral_form`, German genitives). A node is *strong* when its name has two or
   more tokens, *weak* when it is one word or an acronym, and *anchored* when the name is
   itself an alias of a gazetteer entry (`gazetteer`, exact lookup, type-compatible).
3. **Links** (``actor_links``) between nodes, each with its rule, score and evidence:

   - ``alias:same_entity`` / ``acronym:defined`` / ``respelling:<lang>``: names of one
     entity (kept with the article: gone when the article changes);
   - ``gazetteer:<entry>``: a name (or a surface of its entity) is an alias of the entry;
   - ``translit:token_alignment`` / ``translit:designator`` / ``translit:arabic_romanizer``:
     two names spelt alike (`names.match_score` >= `MERGE_THRESHOLD`), found through blocking
     keys (``node_keys``, bounded candidates). Never between anchored nodes and never
     across types: a gazetteer place cannot collect invented names by chains of fuzzy
     matches, and a place never absorbs a person or an organisation;
   - ``part:surname``: a lone surname (weak PER node) and the full names ending with it;
   - ``alias:surname_in_article``: a surname the model typed ORG or LOC and the one person
     of the same article whose full name ends with it (retyped PER; `_actorrun`);
   - ``translation:encoder``: translated organisation names (`_orgnames`, models only);
   - ``manual:merge``: an analyst's decision.

Clustering (`cluster`) runs over the connected region of the links touched by a run:
links sorted by priority, then score, then node ids, joined by a union-find that refuses
a join across two gazetteer entries, across types (PER/ORG/LOC; MISC joins any), or
against an analyst's split. Weak clusters join the one strong cluster their surname
points to (or one with at least `DOMINANCE` times the mentions of any other). The actor
id is derived from the gazetteer entry or the smallest node id of the cluster.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any, Iterable

from . import resources
from .gazetteer import uninflected
from ._mentionwords import _JOINERS
from ._unionfind import UnionFind
from .names import (AR_PROCLITICS, DESIGNATORS, analyze, designator_score, is_acronym, match_score, name_keys, neutral_form,
                    norm_key, script_of)

LOGGER = logging.getLogger(__name__)

MERGE_THRESHOLD = 0.9
MAX_BLOCK = 200  # names posted under one blocking key, at most (more: the key is too common to block on)
MAX_CANDIDATES = 50  # names scored against a new name: most (and rarest) shared keys first
MAX_PART = 50  # full names a lone surname may point to (more: too common to say)
DOMINANCE = 4.0
ROMANIZE_TOP = 3

PRIORITY = {"manual": 0, "gazetteer": 1, "alias": 2, "acronym": 2, "respelling": 2, "translit": 3,
            "translation": 4, "part": 5}

MIGRATION = ("actors_004_graph", """
    CREATE TABLE actor_nodes (
        node TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, norm TEXT NOT NULL,
        strong INTEGER NOT NULL, gaz TEXT, actor_id TEXT
    );
    CREATE INDEX actor_nodes_norm ON actor_nodes(norm);
    CREATE INDEX actor_nodes_actor ON actor_nodes(actor_id);
    CREATE TABLE entity_nodes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id INTEGER NOT NULL, node TEXT NOT NULL, role TEXT NOT NULL,
        PRIMARY KEY (article_id, local_id, node)
    );
    CREATE INDEX entity_nodes_node ON entity_nodes(node);
    CREATE TABLE node_keys (key TEXT NOT NULL, node TEXT NOT NULL, PRIMARY KEY (key, node));
    CREATE INDEX node_keys_node ON node_keys(node);
    CREATE TABLE actor_links (
        a TEXT NOT NULL, b TEXT NOT NULL, rule TEXT NOT NULL, score REAL, evidence TEXT,
        article_id TEXT NOT NULL DEFAULT '', PRIMARY KEY (a, b, rule, article_id)
    );
    CREATE INDEX actor_links_b ON actor_links(b);
    CREATE INDEX actor_links_article ON actor_links(article_id);
    ALTER TABLE actor_entities ADD COLUMN node TEXT;
    ALTER TABLE decisions ADD COLUMN nodes TEXT;
""")

TYPES = ("PER", "ORG", "LOC", "MISC")


def node_id(typ: str, name: str) -> str:
    return f"{typ}|{norm_key(name)}"


def gaz_node(entry_id: str) -> str:
    return f"GAZ|{entry_id}"


def actor_id_for(root: str) -> str:
    return "act_" + hashlib.sha1(root.encode("utf-8")).hexdigest()[:12]


def compatible(t1: str | None, t2: str | None) -> bool:
    return t1 == t2 or "MISC" in (t1, t2) or t1 is None or t2 is None


def is_strong(name: str) -> bool:
    return not is_acronym(name) and len(analyze(name).tokens) >= 2


def may_be_name(text: str) -> bool:
    """A surface worth an actor: has a letter; in a cased script, a capital letter
    ("des fleuves", "l'eau" are not names); not a fragment ending in a lone lower-case
    letter ("Khorvat n"); at most 10 words."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2 or len(text.split()) > 10:
        return False
    cased = [ch for ch in letters if ch.isupper() or ch.islower()]
    if cased and not any(ch.isupper() for ch in cased):
        return False
    last = text.split()[-1]
    if len(text.split()) > 1 and len(last) == 1 and last.islower():
        return False
    return True


def curated_form(text: str, index) -> bool:
    """A name the curated or user gazetteer writes in exactly this form, lower case included
    ("dpa"): a name even where `may_be_name` wants a capital."""
    return any(e.id.startswith(("seed:", "user:")) and text in index.aliases(e.id)
               for e in index.lookup(norm_key(text), text)[:1])


def reps(surfaces: list[str]) -> list[str]:
    """The fullest names of an entity: the surfaces with the most content tokens
    (acronyms only when there is nothing else)."""
    names = [s for s in surfaces if not is_acronym(s)]
    if not names:
        return sorted(set(surfaces))
    best = max(len(analyze(s).tokens) for s in names)
    return sorted({s for s in names if len(analyze(s).tokens) == best})


# -- Arabic-script person names: Latin spellings ------------------------------------------
def _romanizer(use_models: bool):
    def load():
        try:
            import arabic_name_romanizer as anr
        except ImportError:
            return None
        try:
            return anr.Transliterator(auto_load_model=use_models)
        except Exception as exc:  # a broken install: the skeleton matcher still works
            LOGGER.warning("arabic-name-romanizer unusable: %s", exc)
            return None
    return resources.get(f"newstrace.arabic_romanizer:{int(use_models)}", load)


_ROM_CACHE: dict[tuple[str, bool], tuple[tuple[str, str], ...]] = {}


def romanize(name: str, use_models: bool) -> tuple[tuple[str, str], ...]:
    """Latin spellings of an Arabic-script person name with their source (``dictionary``,
    ``model``, ``rules``...) from `arabic-name-romanizer` (the ``models`` extra; with
    models off, its dictionary and rules only); () when the package is missing or the
    name is not in Arabic script. Persian letters are handled by the package."""
    if script_of(name) != "arabic":
        return ()
    key = (name, use_models)
    out = _ROM_CACHE.get(key)
    if out is None:
        tr = _romanizer(use_models)
        out = ()
        if tr is not None:
            try:
                out = tuple((c.text, c.source) for c in tr.transliterate(name, top_k=ROMANIZE_TOP) if c.text)
            except Exception as exc:  # never let one odd name stop the stage
                LOGGER.debug("romanizer failed on %r: %s", name, exc)
        if len(_ROM_CACHE) > 100_000:
            _ROM_CACHE.clear()
        _ROM_CACHE[key] = out
    return out


def deletion_keys(name: str) -> set[str]:
    """Symmetric-deletion blocking keys (``d:``) of a one-word name: its consonant skeleton
    (3+ letters) and, from 4 letters, the skeleton less any one letter. Two spellings one
    consonant apart (a letter dropped or added: "الربان" ~ "الركبان", rbn ~ rkbn) share one,
    where their ``t:`` keys differ."""
    toks = analyze(name).tokens
    if len(toks) != 1 or toks[0].initial:
        return set()
    sk = toks[0].skel
    if len(sk) < 3:
        return set()
    out = {"d:" + sk}
    if len(sk) >= 4:
        out |= {"d:" + sk[:i] + sk[i + 1:] for i in range(len(sk))}
    return out


def node_keys_for(name: str, typ: str, use_models: bool) -> set[str]:
    keys = set(name_keys(name)) | deletion_keys(name) if not is_acronym(name) else set()
    if typ in ("PER", "MISC"):
        for lat, _ in romanize(name, use_models):
            keys |= name_keys(lat)
    if typ in ("PER", "MISC") and is_strong(name):
        toks = analyze(name).tokens
        if toks:
            keys.add("w:" + toks[-1].ascii)  # surname: where a lone surname looks
    return keys


def pair_score(a: str, b: str, ta: str, tb: str, use_models: bool) -> tuple[float, str, dict]:
    """The best spelling evidence that names ``a`` and ``b`` are one: (score, rule, evidence).
    Names differing by two or more words are not spellings of one name ("Miejscową Polskę
    Vladimir Putin" is a fragment around "Wladimir Putin"): 0."""
    if abs(len(analyze(a).tokens) - len(analyze(b).tokens)) > 1:
        return 0.0, "translit:token_alignment", {}
    sc = match_score(a, b)
    best = (sc, "translit:token_alignment", {})
    if "PER" in (ta, tb) or (ta == tb == "MISC"):
        for x, y in ((a, b), (b, a)):
            for lat, src in romanize(x, use_models):
                s2 = match_score(lat, y)
                if s2 > best[0]:
                    best = (s2, "translit:arabic_romanizer", {"romanized": lat, "source": src})
    if ta in ("LOC", "MISC") and tb in ("LOC", "MISC") and len(analyze(a).tokens) != len(analyze(b).tokens):
        d = designator_score(a, b)
        if d >= best[0] and d >= MERGE_THRESHOLD:
            best = (d, "translit:designator", {})
    return best


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    """The organisation head nouns of every language's cue table ("bakanlığı", "kurulu",
    "ministerio", "ministry")."""
    from .cues import available, table
    return frozenset(norm_key(h) for lang in available() for h in table(lang).sets.get("org_heads", ()))


def place_qualified(a: str, b: str, index) -> bool:
    """Two organisation names (a word of each is an organisation head noun) one word apart,
    where that word opens or closes the longer name and is a known place: two bodies, one of
    them that place's ("ABD Ticaret Bakanlığı", the US commerce department, is not the
    "Ticaret Bakanlığı" of a Turkish article; "Afşin İlçe Hıfzıssıhha Kurulu" is not the "İl
    Hıfzıssıhha Kurulu")."""
    wa, wb = a.split(), b.split()
    if abs(len(wa) - len(wb)) != 1:
        return False
    long, short = (wa, wb) if len(wa) > len(wb) else (wb, wa)
    heads = _org_heads()
    if not any(norm_key(w) in heads for w in short):
        return False
    keys = {norm_key(w) for w in short}
    for w in (long[0], long[-1]):
        if norm_key(w) in keys or norm_key(w) in heads:
            continue
        if any(e.type == "LOC" for e in index.lookup(norm_key(w), w)):
            return True
    return False


# -- per-article entities -------------------------------------------------------------------
def entity_nodes(surfaces: list[str], typ: str, lang: str | None, index) -> tuple[list[tuple[str, str, str]], Any]:
    """The nodes of one entity: [(node, name, role)] and its gazetteer entry (or None)."""
    rs = reps(surfaces)
    out: dict[str, tuple[str, str]] = {}
    for s in rs:
        out.setdefault(node_id(typ, s), (s, "rep"))
    for s in sorted(set(surfaces)):
        if is_acronym(s) and len(s.replace(".", "")) >= 3 and any(not is_acronym(r) for r in rs):
            out.setdefault(node_id(typ, s), (s, "acronym"))
    for s in rs:
        single = len(analyze(s).tokens) == 1 and not is_acronym(s) and typ in ("LOC", "MISC")
        nf = neutral_form(s, lang, single_place=single)
        if nf != s:
            out.setdefault(node_id(typ, nf), (nf, f"respelling:{(lang or '').split('-')[0]}"))
        if (lang or "").startswith("de") and len(analyze(s).tokens) == 1 and s.endswith("s") and len(s) > 5 \
                and not is_acronym(s) and not index.lookup(norm_key(s), s):
            # a known name ending in -s is that name, not a genitive ("Caracas", "Paris")
            out.setdefault(node_id(typ, s[:-1]), (s[:-1], "respelling:de_genitive"))
        un = uninflected(s, lang, typ)
        if un != s:
            out.setdefault(node_id(typ, un), (un, f"respelling:{(lang or '').split('-')[0]}_case"))
    if typ == "PER":  # a role or stray words before a full name: "Bundesvorsitzenden Jörg Meuthen"
        for s in rs:
            words = s.split()
            # not the complement after a preposition ("Memorial West Hospital de Pembroke
            # Pines" is no person "Pembroke Pines")
            # nor an organisation the models took for a person ("ABD Ticaret Bakanlığı": its
            # last two words are the Turkish ministry of another article)
            if len(analyze(s).tokens) >= 3 and len(words) >= 3 and words[-3].lower() not in _JOINERS \
                    and norm_key(words[-1]) not in _org_heads():
                tail = " ".join(words[-2:])
                if len(analyze(tail).tokens) == 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in words[-2:]) \
                        and not any(_declined_place(w, lang, index) for w in words[-2:]):
                    out.setdefault(node_id(typ, tail), (tail, "trimmed"))
    entry = gazetteer_entry(surfaces, rs, typ, index, lang)
    # the fullest names first: the first is the entity's primary name
    return [(n, name, role) for n, (name, role) in sorted(out.items(), key=lambda kv: (kv[1][1] != "rep", kv[0]))], entry


def proclitic_forms(name: str) -> list[str]:
    """The other forms of an Arabic-script name as to one proclitic letter: without it when
    it starts with one and 3+ letters follow ("وبوتين" -> "بوتين"), and with each one
    ("بوتين" -> "وبوتين", "ببوتين", "لبوتين", "فبوتين"); [] for other scripts. Forms with the
    article ("والأسد") are folded by `names` already."""
    if script_of(name) != "arabic" or not name or " " in name.strip()[:2]:
        return []
    name = name.strip()
    out = [p + name for p in AR_PROCLITICS]
    first = name.split()[0]
    if name[0] in AR_PROCLITICS and len(first) >= 4 and not first[1:].startswith("ال"):
        out.append(name[1:])
    return out


def _declined_place(word: str, lang: str | None, index) -> bool:
    """A word that is a case form (not the nominative) of a known place: a name ending with
    it is a genitive chain ("Zgromadzenia Parlamentarnego Rady Europy"), not a person's
    name. (A nominative place name may be a given name or surname: "Vladimir", "Jordan".)"""
    if index.lookup(norm_key(word), word):
        return False
    return any(e.type == "LOC" for e in index.lookup_declined(word, lang)[0][:1])


def gazetteer_entry(surfaces: list[str], rs: list[str], typ: str, index, lang: str | None = None):
    """The gazetteer entry an entity's surfaces name (exactly, or as a declined form of a
    prominent entry in the article's language: Polish "Polskę" -> Polska), or None."""
    hits: Counter = Counter()
    entries = {}
    for s in sorted(set(surfaces)):
        for e in index.lookup_in(s, lang)[:1]:
            if not gaz_compatible(e, typ, s):
                continue
            hits[e.id] += 3 if s in rs else 1
            entries[e.id] = e
    if not hits and typ in ("LOC", "MISC"):
        # a known place with a generic designator before or after it: "Kreis Gütersloh",
        # "Bezirk Gütersloh", "Wuhan City" name the place the gazetteer knows without it
        for s in sorted(set(surfaces)):
            rest = _without_designator(uninflected(s, lang, typ))  # Turkish "Wuhan City'de" too
            for e in (index.lookup_in(rest, lang)[:1] if rest else ()):
                if e.type == "LOC" and gaz_compatible(e, typ, rest):
                    hits[e.id] += 1
                    entries[e.id] = e
    if not hits:
        return None
    best = max(hits.values())
    return entries[min(k for k, v in hits.items() if v == best)]


def _without_designator(name: str) -> str | None:
    """A place name without the one generic designator that opens or closes it ("Kreis
    Gütersloh" -> "Gütersloh", "Wuhan City" -> "Wuhan"), None when it has none."""
    words = name.split()
    if len(words) < 2:
        return None
    if norm_key(words[0]) in DESIGNATORS and norm_key(words[1]) not in DESIGNATORS:
        return " ".join(words[1:])
    if norm_key(words[-1]) in DESIGNATORS and norm_key(words[-2]) not in DESIGNATORS:
        return " ".join(words[:-1])
    return None


def gaz_compatible(e, typ: str, surface: str) -> bool:
    """A gazetteer entry may name an entity of this type: same type, MISC, or a country
    name (CLDR) the mention stage typed ORG (metonymy: "Russland erklärte")."""
    if e.type == typ or typ == "MISC":
        return True
    if typ == "ORG" and e.id.startswith("cldr:"):
        return True
    return False


def node_gaz(name: str, typ: str, index) -> str | None:
    for e in index.lookup(norm_key(name), name)[:1]:
        if gaz_compatible(e, typ, name):
            return e.id
    return None


def _listed_keys(index, gazetteer: str | None) -> dict[str, list[tuple[str, str]]]:
    """Blocking keys of the aliases of listed organisations and persons (seed list and
    user gazetteer; not places: their exonyms come from CLDR and GeoNames, exactly)."""
    def build():
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for eid, e in sorted(index.entries.items()):
            if e.type not in ("ORG", "PER") or eid.startswith(("cldr:", "gn:")):
                continue
            for al in index.aliases(eid):
                if not is_acronym(al) and len(analyze(al).tokens) >= 2:
                    for k in name_keys(al):
                        out[k].append((eid, al))
        return dict(out)
    return resources.get(f"newstrace.listed_keys:{gazetteer or ''}", build)


def near_gaz(name: str, typ: str, index, gazetteer: str | None) -> tuple[str, float, str] | None:
    """(entry, score, alias) of a listed organisation or person whose own alias is a
    spelling variant of ``name`` (one hop: "Unités de mobilisation populaire irakiennes"
    ~ "Unités de mobilisation populaire"), or None."""
    if typ not in ("ORG", "PER", "MISC") or not is_strong(name):
        return None
    keys = _listed_keys(index, gazetteer)
    best = None
    for k in sorted(name_keys(name)):
        for eid, al in keys.get(k, ())[:MAX_BLOCK]:
            e = index.entries[eid]
            # a model may type a long organisation name PER ("Unités de mobilisation populaire
            # irakiennes"): a listed organisation's own alias of 3+ words outweighs it
            retyped = typ == "PER" and e.type == "ORG" and len(analyze(name).tokens) >= 3
            if not (compatible(typ, e.type) or retyped) or abs(len(analyze(al).tokens) - len(analyze(name).tokens)) > 1:
                continue
            sc = match_score(name, al)
            if sc >= MERGE_THRESHOLD and (best is None or (sc, eid, al) > best[1:] and sc > best[1]):
                best = (eid, round(sc, 3), al)
    return best


# -- clustering -----------------------------------------------------------------------------
def cluster(nodes: dict[str, dict], links: list[dict], splits: list[tuple[set[str], set[str]]],
            mention_counts: dict[str, int]) -> tuple[dict[str, str], list[dict]]:
    """Partition ``nodes`` ({node: {type, gaz, strong}}) by ``links`` under the constraints.
    Returns ({node: root}, accepted links). Deterministic: links in a fixed order."""
    uf = UnionFind()
    info: dict[str, dict] = {}
    for n in sorted(nodes):
        d = nodes[n]
        uf.find(n)
        info[n] = {"gaz": {d["gaz"]} if d.get("gaz") else set(),
                   "types": Counter({d["type"]: max(1, mention_counts.get(n, 0))} if d["type"] in ("PER", "ORG", "LOC")
                                    else {}),
                   "strong": bool(d["strong"]) or bool(d.get("gaz")), "nodes": {n}, "mentions": mention_counts.get(n, 0)}

    def dominant(x: dict) -> str | None:
        return min(x["types"], key=lambda t: (-x["types"][t], t)) if x["types"] else None

    def surname_of(w: dict, t: str) -> bool:
        # a lone name the models typed PER in some articles and ORG or LOC as often in
        # others ("Trump" PER here, ORG there) that a full person's name ends with: the
        # tie goes to the person (a strict majority of another type keeps it apart: the
        # company "Ford" is not Harrison Ford)
        return t == "PER" and w["types"].get("PER", 0) > 0 and w["types"]["PER"] == max(w["types"].values())

    def can_join(ra: str, rb: str, rule: str) -> bool:
        A, B = info[ra], info[rb]
        if A["gaz"] and B["gaz"] and A["gaz"] != B["gaz"]:
            return False
        # the same name typed two ways by the mention models (one word: "Qadaria" PER here,
        # LOC there) is one name; otherwise a place never absorbs a person or an organisation
        typed_by_list = rule.startswith(("manual", "gazetteer", "translit:gazetteer_alias", "alias:exact"))
        da, db = dominant(A), dominant(B)
        if not typed_by_list and da and db and da != db and not (rule == "part" and surname_of(A, db)):
            return False
        for x, y in splits:
            if (x & A["nodes"] and y & B["nodes"]) or (y & A["nodes"] and x & B["nodes"]):
                return False
        return True

    def join(ra: str, rb: str) -> str:
        keep, drop = sorted((ra, rb))
        uf.union(ra, rb)
        A, B = info[keep], info.pop(drop)
        A["gaz"] |= B["gaz"]
        A["types"] = A["types"] + B["types"]
        A["strong"] = A["strong"] or B["strong"]
        A["nodes"] |= B["nodes"]
        A["mentions"] += B["mentions"]
        return keep

    accepted = []
    ordered = sorted((ln for ln in links if ln["a"] in nodes and ln["b"] in nodes),
                     key=lambda ln: (PRIORITY.get(ln["rule"].split(":")[0], 9), -(ln["score"] or 1.0),
                                     ln["a"], ln["b"], ln["rule"], ln["article_id"]))
    parts = []
    for ln in ordered:
        if ln["rule"].startswith("part:"):
            parts.append(ln)
            continue
        ra, rb = uf.find(ln["a"]), uf.find(ln["b"])
        if ra == rb:
            continue
        if can_join(ra, rb, ln["rule"]):
            join(ra, rb)
            accepted.append(ln)
    # weak clusters (lone surnames, one-word names) join the strong cluster they point to
    targets: dict[str, dict[str, dict]] = defaultdict(dict)
    for ln in parts:
        ra, rb = uf.find(ln["a"]), uf.find(ln["b"])
        if ra == rb:
            continue
        for w, s in ((ra, rb), (rb, ra)):
            if not info[w]["strong"] and info[s]["strong"]:
                targets[w].setdefault(s, ln)
    for w in sorted(targets):
        if w not in info or info[w]["strong"]:
            continue
        cands = {uf.find(s): ln for s, ln in sorted(targets[w].items())}
        cands = {s: ln for s, ln in cands.items() if s != uf.find(w)}
        if not cands:
            continue
        ranked = sorted(cands, key=lambda s: (-info[s]["mentions"], s))
        top = ranked[0]
        if len(ranked) > 1 and info[top]["mentions"] < DOMINANCE * max(1, info[ranked[1]]["mentions"]):
            continue
        rw = uf.find(w)
        if can_join(rw, top, "part"):
            ln = dict(cands[top])
            if len(ranked) > 1:
                ln = {**ln, "rule": "part:dominant",
                      "evidence": json.dumps({**json.loads(ln["evidence"] or "{}"),
                                              "others": len(ranked) - 1}, ensure_ascii=False)}
            join(rw, top)
            accepted.append(ln)
    return {n: uf.find(n) for n in nodes}, accepted


def group_members(roots: dict[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for n, r in roots.items():
        groups[r].append(n)
    return {r: sorted(ns) for r, ns in groups.items()}


def iter_chunks(values: list, n: int = 400) -> Iterable[list]:
    for i in range(0, len(values), n):
        yield values[i:i + n]
