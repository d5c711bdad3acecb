"""The shortcuts of the actors stage must not change its answers: `_may_match` only rules
out pairs `names.match_score` scores below the threshold, and `find_actor` returns what
scoring every candidate alias returns."""
from __future__ import annotations

import itertools
import random

import pytest

from conftest import SHARED, require_shared
from newstrace import actors
from newstrace.actors import _best_pair, _may_match, find_actor
from newstrace.names import analyze, match_score, norm_key, token_sim

NAME_PAIRS = SHARED / "corpus" / "dev" / "namepairs" / "name_pairs.tsv"
THRESHOLDS = (0.8, 0.85, 0.88, 0.9)

# Shapes the bound has to reason about: initials on one or both sides, titles and
# particles, compounds written together, Arabic script against Latin initials, extra
# tokens, single tokens against several.
NAMES = [
    "Qassem Musleh", "Qassim Muslih", "قاسم مصلح", "Q. Musleh", "Q Musleh", "Qassem M. Musleh",
    "M. Qassem", "Qassem Soleimani", "قاسم سليماني", "Musleh", "Muslih", "PressTV", "Press TV",
    "Press T V", "Abu Mahdi al-Muhandis", "Abou Mehdi el-Mouhandes", "أبو مهدي المهندس",
    "A Western diplomat", "a Musleh", "Musleh A", "J. K. Musleh", "J. (Jacoba) Musleh",
    "Musleh, Qassem", "Sheikh Qassem Musleh", "Qassem bin Musleh al-Tamimi", "محمد J. Smith",
    "Mohammed J. Smith", "M J Smith", "Northern Rivers Authority", "Northern River Authority",
    "NRA", "Sahir River", "Sahir", "río Sahir", "Darvazeh Dam", "Darwasa-Staudamm",
    "Ammar City", "Ciudad de Ammar", "la agencia Beldar", "Beldar", "1 people in the north of Tanfe",
    "Tanfe", "le groupe armé", "said the talks foundered on the water quota",
]


def _pairs() -> list[tuple[str, str]]:
    pairs = list(itertools.permutations(NAMES, 2))
    if require_shared(NAME_PAIRS, module_level=True):
        rows = [line.rstrip("\n").split("\t") for line in NAME_PAIRS.open(encoding="utf-8")]
        rows = [r for r in rows if len(r) == 3]
        rng = random.Random(5)
        sample = rng.sample(rows, min(4000, len(rows)))
        pairs += [(r[0], r[1]) for r in sample]
        # hard pairs: names from different rows (mostly non-matches sharing nothing)
        flat = [r[i] for r in sample[:600] for i in (0, 1)]
        pairs += [(rng.choice(flat), rng.choice(flat)) for _ in range(4000)]
    return pairs


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_may_match_never_rules_out_a_match(threshold):
    pairs = _pairs()
    ruled_out = 0
    for a, b in pairs:
        if not _may_match(a, b, threshold):
            ruled_out += 1
            assert match_score(a, b) < threshold, (a, b, match_score(a, b))
    # the bound is worth having: it rules out most non-matches
    non_matches = sum(1 for a, b in pairs if match_score(a, b) < threshold)
    assert ruled_out > 0.5 * non_matches


def test_may_match_initials_fallback():
    # an Arabic-script token aligned with a Latin initial is not a full pair: the mean,
    # not the weakest full token, bounds the score, so the pair must be kept when it may pass
    for a, b in [("محمد J. Smith", "M J Smith"), ("Qassem M. Musleh", "Qassem Musleh M")]:
        for t in THRESHOLDS:
            if match_score(a, b) >= t:
                assert _may_match(a, b, t)
    assert not _may_match("Anandar Belsor", "A Western diplomat", 0.88)


def test_token_sim_is_symmetric():
    # `_may_match` checks tokens of the shorter name against the longer one, whatever the
    # order `names.match_score` aligns them in
    toks = list({t for n in NAMES for t in analyze(n).tokens})
    if require_shared(NAME_PAIRS, module_level=True):
        rows = [line.rstrip("\n").split("\t") for line in NAME_PAIRS.open(encoding="utf-8")][:1500]
        toks += list({t for r in rows if len(r) == 3 for n in r[:2] for t in analyze(n).tokens})
    rng = random.Random(3)
    for _ in range(20000):
        a, b = rng.choice(toks), rng.choice(toks)
        assert token_sim(a, b) == token_sim(b, a), (a.raw, b.raw)


def test_best_pair_is_the_first_best_scoring_pair():
    reps = ["Qassem Musleh", "Qassim Muslih"]
    aliases = ["Qassem Soleimani", "Kassem Musleh", "Qassem Musleh", "قاسم مصلح", "Musleh"]
    scores = [(match_score(s, al), (s, al)) for s in reps for al in aliases]
    best = max(sc for sc, _ in scores)
    first = next(p for sc, p in scores if sc == best)
    assert _best_pair(reps, aliases) == (best, first)
    assert _best_pair(["Qassem Musleh"], ["Qassem Soleimani", "NRA"])[1] is None


def _find_by_scoring_all(store, name: str, guard: bool = True) -> str | None:
    """`find_actor` without the bound: every candidate row scored."""
    exact, aid = actors._exact_actor(store, name)
    if exact or (guard and not actors._may_be_a_name(name)):
        return aid
    best, best_id = 0.0, None
    for actor_id, alias in actors._fuzzy_rows(store, name):
        sc = match_score(name, alias)
        if sc > best:
            best, best_id = sc, actor_id
    return best_id if best >= actors.FIND_THRESHOLD else None


def _lookups(store) -> list[str]:
    c = store.conn
    names = {r[0] for r in c.execute("SELECT text FROM mentions")}
    names |= {r[0] for r in c.execute("SELECT speaker FROM quotes WHERE speaker IS NOT NULL")}
    names |= {r[0] for r in c.execute("SELECT channel FROM quotes WHERE channel IS NOT NULL")}
    names |= {r[0] for r in c.execute("SELECT cites FROM sources WHERE cites IS NOT NULL")}
    # lowercase words the quotes stage once took for speakers (it no longer does)
    names |= {"s’est", "the informed source", "l’eau", "intake runs the station"}
    # respellings no alias carries exactly, so that the fuzzy step is exercised
    names |= {n[:-1] + "e" for n in list(names) if len(n) > 5}
    return sorted(names)


def test_find_actor_same_as_scoring_every_candidate(demo_store):
    names = _lookups(demo_store)
    fuzzy = 0
    for n in names:
        got = find_actor(demo_store, n)
        assert got == _find_by_scoring_all(demo_store, n), n
        fuzzy += got is not None and not demo_store.conn.execute(
            "SELECT 1 FROM aliases WHERE norm = ?", (norm_key(n),)).fetchone()
    assert fuzzy > 20  # the fuzzy step found actors, not only the exact one


def test_lowercase_descriptions_are_not_fuzzy_matched():
    assert not actors._may_be_a_name("l'eau")
    assert not actors._may_be_a_name("intake runs the station")
    for name in ("al-Maloumeh", "de Gaulle", "Qassem Musleh", "الحشد الشعبي", "ISIS"):
        assert actors._may_be_a_name(name)


def test_find_actor_skips_the_fuzzy_step_for_lowercase_text(demo_store):
    """Lowercase lookups ("s’est", "the informed source") are words or descriptions: only
    an exact alias may answer them, never a fuzzy match to some name."""
    names = _lookups(demo_store)
    # lowercase respellings of names too: the guard must hold whatever words the demo's
    # mentions happen to include
    names += [n.lower()[:-1] + "e" for n in names if len(n) > 5]
    lower = [n for n in names if not actors._may_be_a_name(n)]
    unguarded = [n for n in lower if _find_by_scoring_all(demo_store, n, guard=False)
                 and not actors._exact_actor(demo_store, n)[0]]
    assert unguarded, "the demo has no lowercase lookup that fuzzy matching would link"
    assert all(actors.find_actor(demo_store, n) is None for n in unguarded)


def _joined_rows(store, name: str) -> list[tuple[str, str]]:
    """Every (actor id, alias) of the live actors sharing a blocking key with ``name``, in
    one join (no cap), by first shared key, actor id, alias: what `_fuzzy_rows` returns
    before its cap."""
    keys = sorted(actors.name_keys(name))
    if not keys:
        return []
    got = store.conn.execute(
        f"SELECT MIN(k.key) AS key, a.actor_id, a.surface FROM actor_keys k JOIN aliases a "
        f"ON a.actor_id = k.actor_id JOIN actors t ON t.id = a.actor_id "
        f"WHERE k.key IN ({','.join('?' * len(keys))}) AND t.merged_into IS NULL "
        f"GROUP BY a.actor_id, a.surface ORDER BY key, a.actor_id, a.surface", keys).fetchall()
    return [(r[1], r[2]) for r in got]


@pytest.mark.issue(13)
@pytest.mark.parametrize("cap", [3, actors.FIND_MAX_ROWS])
def test_fuzzy_rows_read_by_key_equal_one_join(demo_store, monkeypatch, cap):
    """`find_actor`'s candidates read key by key, and through `AliasBlocks` (each key
    read once for all the names of a run), are the rows of the one join, in its order,
    cut at the cap."""
    monkeypatch.setattr(actors, "FIND_MAX_ROWS", cap)
    blocks = actors.AliasBlocks(demo_store)
    names = _lookups(demo_store)
    capped = 0
    for n in names:
        want = _joined_rows(demo_store, n)
        capped += len(want) > cap
        assert actors._fuzzy_rows(demo_store, n) == want[:cap], n
        assert actors._fuzzy_rows(demo_store, n, blocks) == want[:cap], n
    assert capped if cap == 3 else not capped


@pytest.mark.issue(13)
def test_alias_blocks_read_each_key_once_with_the_same_answers(demo_store, monkeypatch):
    names = _lookups(demo_store)
    want = [find_actor(demo_store, n) for n in names]
    reads: list[str] = []
    key_rows = actors._key_rows
    monkeypatch.setattr(actors, "_key_rows", lambda store, key: reads.append(key) or key_rows(store, key))
    blocks = actors.AliasBlocks(demo_store)
    assert [find_actor(demo_store, n, blocks=blocks) for n in names] == want
    assert reads and len(reads) == len(set(reads))
    # the names share keys: one read per key, not one per name and key
    assert len(reads) < sum(len(actors.name_keys(n)) for n in names if actors._may_be_a_name(n)
                            and not actors._exact_actor(demo_store, n)[0])
