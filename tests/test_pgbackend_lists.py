"""The PostgreSQL run skips the modules in `pgbackend.STORE_FREE`: check that none of
them opens a store, so that nothing storage-related escapes the PostgreSQL run."""
from __future__ import annotations

import re
from pathlib import Path

from pgbackend import STORE_FREE

HERE = Path(__file__).resolve().parent
# anything that reaches a store: the class, the pipeline, a CLI run with a database, the
# conftest fixtures that analyse into a store, the web client
STORE_USE = re.compile(r"\bStore\b|\banalyze\b|--db|\btmp_store\b|\b(?:seed|demo)_(?:db|store)\b|"
                       r"\brun_cli\b|TestClient|\bstore\b")


def test_store_free_modules_open_no_store():
    for name in sorted(STORE_FREE):
        text = (HERE / f"{name}.py").read_text(encoding="utf-8")
        hit = STORE_USE.search(text)
        assert hit is None, f"{name}.py uses {hit.group(0)!r}: remove it from pgbackend.STORE_FREE"
