"""Issue 12: a killed run ends where an uninterrupted one does. `scripts/killloop.py`
kill -9s `newstrace analyze` 50 times on one database (in the read phase and in every
corpus stage), completes it, and compares every export with an uninterrupted run's.

Kinds whose corpus stage is not idempotent yet on main are marked xfail(strict=True)
with the owner named (TEAM.md): when the owner's fix lands the test XPASSes and fails,
so the mark must then go."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from pgbackend import ON_PG

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.issue(12), pytest.mark.slow]

# 50 kills in the SQLite run; the PostgreSQL run (same stages, another store) takes 20 to
# keep the two runs of the suite within CI's time
KILLS = 20 if ON_PG else 50

# kind -> why it still differs after the kills (owner); checked against main when written
NOT_IDEMPOTENT_YET: dict[str, str] = {}  # articles, stories, narratives: fixed on 'stories'
# differs in some loops and not others, depending on where the kills land
SOMETIMES: dict[str, str] = {}  # reuse: fixed on 'stories' (one orientation, own dates)


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("killloop", ROOT / "scripts" / "killloop.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.killloop(str(ROOT / "examples" / "demo"), kills=KILLS, seed=1,
                        workdir=str(tmp_path_factory.mktemp("killloop")), log=lambda *a: None)


def test_kills_are_spread_over_every_stage(loop):
    assert loop["kills"] >= KILLS
    for phase in ("read", "actors", "provenance", "reuse", "stories", "narratives", "dates", "corpus"):
        assert loop["killed_in"].get(phase, 0) >= 1, (phase, loop["killed_in"])
    assert loop["final_exit_code"] == 0


def _marks(kind: str) -> list:
    if kind in NOT_IDEMPOTENT_YET:
        return [pytest.mark.xfail(strict=True, reason=NOT_IDEMPOTENT_YET[kind])]
    if kind in SOMETIMES:
        return [pytest.mark.xfail(strict=False, reason=SOMETIMES[kind])]
    return []


@pytest.mark.parametrize("kind", [pytest.param(k, marks=_marks(k)) for k in
                                  ("articles", "actors", "quotes", "sources", "stories", "narratives", "reuse")])
def test_exports_after_the_kills_equal_an_uninterrupted_run(loop, kind):
    assert loop["first_difference"][kind] is None, f"{kind}: first difference at {loop['first_difference'][kind]}"
