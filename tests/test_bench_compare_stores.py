"""bench/compare_stores.py: two stores of the same input compared table by table (the
check that a speed change changed no output)."""
import importlib.util
import sqlite3
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "compare_stores.py"


def _load():
    spec = importlib.util.spec_from_file_location("compare_stores", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _store(path: Path, folder: str, quote: str, created: str) -> Path:
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE articles (id TEXT, source TEXT, created_at TEXT)")
    c.execute("CREATE TABLE quotes (article_id TEXT, text TEXT)")
    c.execute("CREATE TABLE runs (id INTEGER, seconds REAL)")
    c.execute("INSERT INTO articles VALUES ('a1', ?, ?)", (f"/{folder}/in.jsonl", created))
    c.execute("INSERT INTO quotes VALUES ('a1', ?)", (quote,))
    c.execute("INSERT INTO runs VALUES (1, ?)", (len(folder),))
    c.commit()
    c.close()
    return path


def test_same_output_in_other_folders_and_times_is_the_same(tmp_path, capsys):
    cs = _load()
    a = _store(tmp_path / "a.db", "tmp/work_a", "We will.", "2026-01-01")
    b = _store(tmp_path / "b.db", "tmp/work_bb", "We will.", "2026-02-02")
    assert cs.main([str(a), str(b), "--no-cli"]) == 0
    assert "0 differ" in capsys.readouterr().out


def test_a_changed_row_is_reported(tmp_path, capsys):
    cs = _load()
    a = _store(tmp_path / "a.db", "w", "We will.", "2026-01-01")
    b = _store(tmp_path / "b.db", "w", "We won't.", "2026-01-01")
    assert cs.main([str(a), str(b), "--no-cli"]) == 1
    out = capsys.readouterr().out
    assert "DIFFERS quotes: 1 rows only in a, 1 only in b" in out and "We won't." in out
