"""Run the whole test suite on PostgreSQL: ``NEWSTRACE_TEST_BACKEND=postgresql pytest``.

Under that variable every store a test opens (a file path, ``:memory:``, or a CLI
subprocess's ``--db``) is a fresh schema of one session database (see
`newstrace._backend`). The server is ``NEWSTRACE_TEST_PG_URL`` when given (a database the
session may create databases next to), else a throwaway cluster that ``scripts/pg.sh``
starts for the session and deletes after it. When no server can start, every test is
skipped with the reason (shown in the summary); in CI (``CI`` set) the session fails
instead. Tests marked ``sqlite_only`` are skipped on PostgreSQL with their reason, and so
are the modules in `STORE_FREE` (they never open a store: pure per-article stages,
readers, the dialect translator; running them twice would test nothing new).
"""
from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
BACKEND = os.environ.get("NEWSTRACE_TEST_BACKEND", "sqlite").lower()
ON_PG = BACKEND in ("postgresql", "postgres", "pg")

_state: dict[str, str] = {}

#: Test modules that open no store (checked by tests/test_pgbackend_lists.py): they run in
#: the SQLite run only.
STORE_FREE = frozenset("""
    test_bench_accuracy test_clean test_conftest_data test_dates_news test_dialect test_docs test_encoders
    test_ingest_fuzz test_langid_segment test_mentions test_nermodels test_quotes
    test_quotes_colon test_quotes_langs test_quotes_multilingual test_quotes_roles
    test_resources test_temporal_langs
""".split())


def _with_db(url: str, db: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + db))


def _start() -> str:
    given = os.environ.get("NEWSTRACE_TEST_PG_URL")
    if given:
        _state["given"] = given
        return given
    res = subprocess.run([str(ROOT / "scripts" / "pg.sh"), "start"], capture_output=True, text=True, timeout=180)
    if res.returncode != 0:
        raise RuntimeError((res.stderr or res.stdout).strip()[-800:] or f"pg.sh exited {res.returncode}")
    url = res.stdout.strip().splitlines()[-1]
    _state["cluster"] = dict(x.split("=", 1) for x in urlsplit(url).query.split("&"))["host"].rsplit("/sock", 1)[0]
    return url


def pytest_configure(config):
    if not ON_PG:
        return
    try:
        import psycopg
    except ImportError:
        _fail(config, "psycopg is not installed (pip install 'newstrace[postgres]')")
        return
    try:
        server = _start()
        name = f"newstrace_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(server, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
    except Exception as e:  # noqa: BLE001 - reported as the reason
        _fail(config, f"PostgreSQL could not start: {type(e).__name__}: {e}")
        return
    _state["server"] = server
    _state["db"] = name
    os.environ["NEWSTRACE_TEST_PG_URL"] = _with_db(server, name)


def _fail(config, reason: str) -> None:
    if os.environ.get("CI"):
        raise pytest.UsageError(f"NEWSTRACE_TEST_BACKEND=postgresql: {reason}")
    _state["skip"] = reason


def pytest_unconfigure(config):
    if not ON_PG:
        return
    if "db" in _state:
        import psycopg

        try:
            with psycopg.connect(_state["server"], autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{_state["db"]}" WITH (FORCE)')
        except Exception:  # noqa: BLE001 - the cluster may be gone already
            pass
    if "cluster" in _state:
        subprocess.run([str(ROOT / "scripts" / "pg.sh"), "stop", _state["cluster"]], capture_output=True, timeout=120)
    if "given" in _state:
        os.environ["NEWSTRACE_TEST_PG_URL"] = _state["given"]


def pytest_report_header(config):
    if not ON_PG:
        return "newstrace back end: sqlite"
    if "skip" in _state:
        return f"newstrace back end: postgresql UNAVAILABLE ({_state['skip']})"
    return f"newstrace back end: postgresql (database {_state.get('db')})"


def _server_cpu_seconds() -> float | None:
    """CPU time of the session's cluster (postmaster and the backends that ended)."""
    try:
        pid = (Path(_state["cluster"]) / "data" / "postmaster.pid").read_text().split()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    except (KeyError, OSError, ValueError, IndexError):
        return None


def pytest_terminal_summary(terminalreporter):
    if ON_PG and "cluster" in _state:
        cpu = _server_cpu_seconds()
        if cpu is not None:
            terminalreporter.write_line(f"PostgreSQL server CPU time: {cpu:.1f} s (closed connections)")


def pytest_collection_modifyitems(config, items):
    if not ON_PG:
        return
    if "skip" in _state:
        skip = pytest.mark.skip(reason=f"NEWSTRACE_TEST_BACKEND=postgresql but {_state['skip']}")
        for item in items:
            item.add_marker(skip)
        return
    for item in items:
        if item.module is not None and item.module.__name__.rsplit(".", 1)[-1] in STORE_FREE:
            item.add_marker(pytest.mark.skip(reason="opens no store: runs in the SQLite run only"))
            continue
        m = item.get_closest_marker("sqlite_only")
        if m is not None:
            item.add_marker(pytest.mark.skip(reason="SQLite only: " + (m.args[0] if m.args else "")))
