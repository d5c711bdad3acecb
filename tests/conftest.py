"""Shared fixtures. The seed corpus and its gold are read from ../shared (never copied
into the repository); the demo corpus ships in examples/.

Data the repository does not hold must be there: a test that needs ../shared and does
not find it ERRORS with a message saying where the data is expected and how to point at
it (``NEWSTRACE_SHARED=/path/to/shared``); it never skips silently. A developer without
the data may opt out with ``NEWSTRACE_ALLOW_MISSING_DATA=1`` (those tests are then
skipped, and say so); CI never sets it."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

# NEWSTRACE_TEST_BACKEND=postgresql runs every test on PostgreSQL (tests/pgbackend.py)
pytest_plugins = ["pgbackend"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", ROOT.parent / "shared"))
SEEDS_DIR = SHARED / "corpus" / "seeds"
SEEDS_GOLD = SHARED / "corpus" / "seeds.gold.json"
DEMO_DIR = ROOT / "examples" / "demo"
DEMO_GOLD = ROOT / "examples" / "demo.gold.json"
# Fixed "today" so that results do not depend on the day the tests run.
TEST_NOW = "2026-11-23"


ALLOW_MISSING_DATA = "NEWSTRACE_ALLOW_MISSING_DATA"


def load_bench(name: str):
    """The bench script ``bench/NAME.py`` as a module (the suite tests its helpers; the
    benches themselves are run by hand)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def missing_data_message(path: Path) -> str:
    return (f"test data not found at {path}: this test needs the shared corpus that the "
            f"repository does not hold. Put it at {ROOT.parent / 'shared'} or set "
            f"NEWSTRACE_SHARED=/path/to/shared (the folder holding corpus/). Developers "
            f"without it may set {ALLOW_MISSING_DATA}=1 to skip these tests; CI must not.")


def require_shared(path: Path, *, module_level: bool = False) -> Path | None:
    """``path`` (under ../shared) when it exists; else fail loudly. Only when the
    developer opted out with NEWSTRACE_ALLOW_MISSING_DATA=1 (and not under CI) is the
    test skipped (or, at module level, None returned)."""
    if not path.exists():
        if os.environ.get(ALLOW_MISSING_DATA) == "1" and not os.environ.get("CI"):
            if module_level:
                return None
            pytest.skip(missing_data_message(path))
        pytest.fail(missing_data_message(path), pytrace=False)
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require_shared(SEEDS_DIR)


@pytest.fixture(scope="session")
def seeds_gold() -> dict:
    return json.loads(require_shared(SEEDS_GOLD).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_gold_path() -> Path:
    return require_shared(SEEDS_GOLD)


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO_DIR


@pytest.fixture(scope="session")
def demo_gold_path() -> Path:
    return DEMO_GOLD


@pytest.fixture(scope="session")
def demo_gold() -> dict:
    return json.loads(DEMO_GOLD.read_text(encoding="utf-8"))


def _analyzed(tmp_path_factory, name: str, src: Path, **kw) -> Path:
    from newstrace import PipelineOptions, Store, analyze

    db = tmp_path_factory.mktemp(name) / f"{name}.db"
    store = Store(db)
    try:
        analyze([str(src)], store, PipelineOptions(now=TEST_NOW, **kw))
    finally:
        store.close()
    return db


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """Path of a database with the five seed articles analysed by the whole pipeline."""
    return _analyzed(tmp_path_factory, "seeds", require_shared(SEEDS_DIR))


@pytest.fixture(scope="session")
def seed_db_nomodels(tmp_path_factory) -> Path:
    """The same, through the model-free paths only."""
    return _analyzed(tmp_path_factory, "seeds_nomodels", require_shared(SEEDS_DIR), use_models=False,
                     encoder="none")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    return _analyzed(tmp_path_factory, "demo", DEMO_DIR)


@pytest.fixture(scope="session")
def seed_store(seed_db):
    from newstrace import Store

    store = Store(seed_db)
    yield store
    store.close()


@pytest.fixture(scope="session")
def demo_store(demo_db):
    from newstrace import Store

    store = Store(demo_db)
    yield store
    store.close()


@pytest.fixture
def run_cli():
    """run_cli("stats", "--db", path) -> click Result (exit_code, output)."""
    from newstrace.cli import cli

    def run(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def tmp_store(tmp_path):
    """An empty store in a temporary folder, closed after the test."""
    from newstrace.store import Store

    st = Store(tmp_path / "t.db")
    yield st
    st.close()
