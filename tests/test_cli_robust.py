"""Issue 12 (CLI): every command, given bad arguments, a missing database or a busy one,
ends with one clear line and a documented exit code, never a traceback. Exit codes:
0 all read, 1 some inputs skipped, 2 usage or input error, 3 more than 99% failed or
nothing readable, 4 database busy, 5 internal error."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newstrace.cli import EXIT_BUSY, EXIT_FAILED, EXIT_INTERNAL, EXIT_SKIPPED, EXIT_USAGE, cli

pytestmark = pytest.mark.issue(12)

RECORDS = [
    {"id": "a1", "title": "Dam talks stall in Geneva", "outlet": "River Courier", "lang": "en",
     "published": "2021-03-04",
     "text": "The talks on the dam stalled on Monday, the minister Anna Berg said in Geneva."},
    {"id": "a2", "title": "Gespräche über den Damm", "outlet": "Rhein Bote", "lang": "de", "published": "2021-03",
     "text": "Die Gespräche über den Damm gingen am Freitag in Genf weiter, sagte Anna Berg."},
]


def run(*args, input=None):
    """Invoke like a user would (exceptions caught by click, as in a real run)."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=True)


def no_traceback(res):
    assert "Traceback" not in res.output, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return res


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("clirobust")
    (d / "in").mkdir()
    (d / "in" / "a.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    res = run("analyze", d / "in", "--db", d / "c.db", "--no-models", "--now", "2026-01-01", "-q")
    assert res.exit_code == 0, res.output
    return d / "c.db"


def _commands(group: click.Group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,), cmd


ALL = list(_commands(cli))


def _args_for(cmd: click.Command, tmp_path: Path) -> list[str]:
    """Placeholder values for the required arguments and options of a command."""
    gold = tmp_path / "gold.json"
    gold.write_text("{}", encoding="utf-8")
    out: list[str] = []
    for p in cmd.params:
        if isinstance(p, click.Argument) and p.required:
            out.append("x")
        elif isinstance(p, click.Option) and p.required:
            out += [p.opts[0], str(gold) if "gold" in p.name else str(tmp_path / "out.html")]
    return out


def test_every_command_is_listed():
    names = {" ".join(p) for p, _ in ALL}
    assert {"analyze", "stats", "search", "stories", "story", "export articles", "export sources",
            "report", "serve", "actor show", "actor merge", "timeline story"} <= names


@pytest.mark.parametrize("path", [p for p, _ in ALL], ids=" ".join)
def test_help_of_every_command(path):
    res = no_traceback(run(*path, "--help"))
    assert res.exit_code == 0 and "Usage:" in res.output


WITH_DB = [(p, c) for p, c in ALL if any(x.name == "db" for x in c.params)]  # not `spark analyze`


@pytest.mark.parametrize("path,cmd", WITH_DB, ids=[" ".join(p) for p, _ in WITH_DB])
def test_every_command_on_a_missing_database(tmp_path, path, cmd):
    if path == ("serve",):
        args = ["--port", "0"]
    else:
        args = _args_for(cmd, tmp_path)
    res = no_traceback(run(*path, *args, "--db", tmp_path / "nowhere" / "missing.db"))
    assert res.exit_code == EXIT_USAGE, (path, res.exit_code, res.output)
    assert res.output.strip().splitlines()[-1].startswith("Error: "), res.output
    assert "missing.db" in res.output or path[0] == "eval", res.output


@pytest.mark.parametrize("args", [
    ["stories", "--since", "garbage"], ["stories", "--until", "2021-13"], ["analyze", "x", "--now", "soon"],
    ["stories", "--actor"], ["story", "no-such-story"], ["actor", "No Such Person"], ["actor", "show", ""],
    ["timeline", "story", "nope"], ["timeline", "actor", "\x00"], ["timeline", "narrative", "nope"],
    ["search", "\x00"], ["search", "x", "--limit", "0"], ["actors", "--limit", "-5"],
    ["actors", "--type", "planet"], ["export", "articles", "--format", "xml"],
    ["export", "articles", "--out", "."], ["report", "--out", "."], ["actor", "merge", "Nobody", "Nothing"],
    ["actor", "split", "Nobody", "x"], ["eval", "stories", "--gold", "."], ["eval", "dates", "--gold", "/etc/hostname"],
    ["eval", "actors", "--gold", "/etc/hostname"], ["serve", "--host", "0.0.0.0"], ["serve", "--port", "99999"],
    ["serve", "--token", "short"], ["analyze", "--max-bytes", "0", "x"], ["no-such-command"],
])
def test_bad_arguments_give_a_clean_error(db, args):
    res = no_traceback(run(*args, "--db", db) if args[0] != "no-such-command" else run(*args))
    assert res.exit_code == EXIT_USAGE, (args, res.exit_code, res.output)


def test_an_oversized_search_is_refused_not_cut(db):
    # cutting a query changes what it asks; the store's bounds are reported instead
    long = run("search", "a" * 5000, "--db", db)
    assert long.exit_code == EXIT_USAGE and "search query too long (5000 characters" in long.output
    many = run("search", " OR ".join(["dam"] * 100), "--db", db)
    assert many.exit_code == EXIT_USAGE and "too many terms" in many.output


def test_bad_date_says_why(db):
    res = run("stories", "--since", "garbage", "--db", db)
    assert "not a date: 'garbage'; write YYYY, YYYY-MM or YYYY-MM-DD" in res.output


def test_lang_filter_ignores_case(db):
    lower = run("stories", "--lang", "de", "--db", db, "--json")
    upper = run("stories", "--lang", "DE", "--db", db, "--json")
    assert lower.exit_code == upper.exit_code == 0
    assert json.loads(upper.output) == json.loads(lower.output) != []


@pytest.mark.parametrize("args,name", [
    (["export", "articles", "--out"], "missing/dir/x.jsonl"),
    (["export", "sources", "--format", "gexf", "--out"], "missing/x.gexf"),
    (["export", "actors", "--format", "csv", "--out"], "deep/er/a.csv"),
    (["report", "--out"], "missing/r.html"),
])
def test_outputs_into_missing_folders(db, tmp_path, args, name):
    out = tmp_path / name
    res = no_traceback(run(*args, out, "--db", db))
    assert res.exit_code == 0, res.output
    assert out.is_file() and out.stat().st_size > 0
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left behind


def test_a_failed_export_leaves_no_partial_file(db, tmp_path, monkeypatch):
    import newstrace.export as export

    out = tmp_path / "x.jsonl"
    out.write_text("old content\n", encoding="utf-8")

    def broken(rows, fmt, fh):
        fh.write("partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "write_rows", broken)
    res = no_traceback(run("export", "articles", "--out", out, "--db", db))
    assert res.exit_code == EXIT_USAGE and "No space left" in res.output
    assert out.read_text(encoding="utf-8") == "old content\n" and len(list(tmp_path.iterdir())) == 1


def test_analyze_exit_codes(tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text("Title\n\nA body of text about the dam.", encoding="utf-8")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.txt").write_text("Title\n\nA body of text about the dam.", encoding="utf-8")
    (mixed / "b.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.xyz").write_text("x", encoding="utf-8")
    (junk / "empty.txt").write_bytes(b"")
    empty = tmp_path / "empty"
    empty.mkdir()
    base = ["--no-models", "-q", "--now", "2026-01-01"]
    assert run("analyze", good, "--db", tmp_path / "1.db", *base).exit_code == 0
    res = run("analyze", mixed, "--db", tmp_path / "2.db", *base)
    assert res.exit_code == EXIT_SKIPPED and "missing required field(s): text" in res.output
    res = run("analyze", junk, "--db", tmp_path / "3.db", *base)
    assert res.exit_code == EXIT_FAILED
    assert "unsupported file type .xyz" in res.output and "warning: no article could be read" in res.output
    res = run("analyze", empty, "--db", tmp_path / "4.db", *base)
    assert res.exit_code == EXIT_FAILED and "no supported file found" in res.output
    res = run("analyze", tmp_path / "does-not-exist", "--db", tmp_path / "5.db", *base)
    assert res.exit_code == EXIT_FAILED and "no such file or folder" in res.output


@pytest.mark.sqlite_only("PostgreSQL writers queue on the store's lock instead of failing busy")
def test_busy_database_is_exit_4_with_a_clear_message(db, monkeypatch):
    import newstrace.store as store_mod

    real = store_mod.Store.__init__

    def quick(self, *a, **kw):  # a short busy timeout, so the test does not wait 10 s
        real(self, *a, **kw)
        self.conn.execute("PRAGMA busy_timeout = 50")

    monkeypatch.setattr(store_mod.Store, "__init__", quick)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # an analyze run holds the write lock
    try:
        res = no_traceback(run("actor", "merge", "Anna Berg", "Geneva", "--db", db))
        res2 = no_traceback(run("analyze", db.parent / "in", "--db", db, "--no-models", "-q"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for r in (res, res2):
        assert r.exit_code == EXIT_BUSY, r.output
        assert f"the database {db} is busy" in r.output


def test_internal_errors_are_one_line_and_exit_5(db, monkeypatch):
    import newstrace.store as store_mod

    def bug(self):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(store_mod.Store, "stats", bug)
    res = no_traceback(run("stats", "--db", db))
    assert res.exit_code == EXIT_INTERNAL and "internal error (ZeroDivisionError" in res.output


def test_bidi_controls_are_removed_from_cli_tables(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text(json.dumps({"id": "r1", "title": "Invoice \u202efdp.exe", "text": "Body text here.",
                                           "published": "2021"}) + "\n", encoding="utf-8")
    assert run("analyze", d, "--db", tmp_path / "b.db", "--no-models", "-q").exit_code == 0
    res = run("search", "Invoice", "--db", tmp_path / "b.db")
    assert "Invoice fdp.exe" in res.output and "\u202e" not in res.output
    exported = run("export", "articles", "--db", tmp_path / "b.db").output
    assert "\u202e" in json.loads(exported.splitlines()[0])["title"]  # data keeps it


def test_progress_is_shown_inside_one_large_file(tmp_path, monkeypatch):
    import newstrace.cli as cli_mod

    monkeypatch.setattr(cli_mod._Progress, "EVERY", 0.0)  # a line per batch (5 s apart otherwise)
    d = tmp_path / "in"
    d.mkdir()
    with (d / "big.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(450):
            fh.write(json.dumps({"id": f"n{i}", "text": f"Short article number {i} about the dam."}) + "\n")
    res = run("analyze", d, "--db", tmp_path / "p.db", "--no-models", "--now", "2026-01-01")
    assert res.exit_code == 0, res.output
    assert "read (200 articles)" in res.stderr and "read (450 articles)" in res.stderr
