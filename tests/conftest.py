"""Shared fixtures. The seed corpus and its gold are read from ../shared (never copied
into the repository); the demo corpus ships in examples/."""
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


def pytest_collection_modifyitems(config, items):
    if not SEEDS_DIR.is_dir():
        skip = pytest.mark.skip(reason=f"seed corpus not found at {SEEDS_DIR}")
        for item in items:
            if "seed" in item.fixturenames or any("seed" in f for f in item.fixturenames):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seeds_gold() -> dict:
    return json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_gold_path() -> Path:
    return SEEDS_GOLD


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
    return _analyzed(tmp_path_factory, "seeds", SEEDS_DIR)


@pytest.fixture(scope="session")
def seed_db_nomodels(tmp_path_factory) -> Path:
    """The same, through the model-free paths only."""
    return _analyzed(tmp_path_factory, "seeds_nomodels", SEEDS_DIR, use_models=False, encoder="none")


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
