"""Every accuracy evaluation on real news, in one table.

Runs each dev evaluation of ``../shared/corpus/dev`` through its own bench script (in a
subprocess, with ``--json``) and prints one table: a row per measure, a column per
language, the issue-11 target beside it. Nothing here scores anything itself: the bench
scripts define the data, the splits and the matching (read their docstrings).

| evaluation | data | bench |
|---|---|---|
| stories: same-story pairs, B-cubed | SemEval-2022 Task 8 training pairs | ``semeval_bench.py`` |
| the same on the analyze path | the same pairs after the per-article stages and actors | ``semeval_bench.py --pipeline`` |
| actors: spellings found, pairwise P/R | hand-annotated SemEval articles (``bench/actors_gold``) | ``actors_real_bench.py`` |
| names across scripts | ``namepairs/name_pairs.tsv``, geonames, romanizer held out | ``names_bench.py`` |
| quotes and speakers, many languages | hand-annotated SemEval articles (``bench/gold``) | ``quotes_bench.py`` |
| attributions (PolNeAR) | PolNeAR dev | ``polnear_bench.py`` |
| publication dates of undated text | PolNeAR dev | ``dates_bench.py`` |
| mentions (NER), optional | public NER corpora, dev splits (``train/README.md``) | ``train/evaluate.py`` |

The ``dev`` halves of the hand annotations (and the actors' ``dev2`` to ``dev8``) were looked at while
building; the ``heldout`` halves were not (scored for reporting only). No evaluation or test split of a shared task
is used (SemEval-2022 eval, PolNeAR test).

    python bench/accuracy.py                    # everything, models on (about 10-20 min on 2 cores)
    python bench/accuracy.py --no-models        # the model-free paths
    python bench/accuracy.py --only stories,quotes --json out.json
    python bench/accuracy.py --from out.json    # re-print a saved run

Progress and each bench's time go to stderr; the table (Markdown) to stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
DEV = Path(os.environ.get("NEWSTRACE_DEV_CORPUS", ROOT.parent / "shared/corpus/dev"))
NER_WORK = Path(os.environ.get("NEWSTRACE_NER_WORK", "/work/data/ner/work"))
NER_LANGS = ("de", "es", "it", "nl", "ar", "fa")

#: column order of the table (any other language found is appended)
LANGS = ("all", "en", "fr", "es", "de", "ar", "fa", "pl", "tr", "it", "nl", "de-en", "cross")


def runs(models: bool, heldout: bool = False) -> dict[str, list[tuple[str, list[str]]]]:
    """Evaluation group -> (run name, argv) of the bench scripts it needs.

    The ``heldout`` halves of our own gold run only when asked (``--heldout``): they are
    scored once, at the end of a round, so that a developer running a group while working
    does not see them."""
    held = ("heldout",) if heldout else ()
    m_on = ["--models"] if models else []
    m_off = [] if models else ["--no-models"]
    enc = [] if models else ["--encoder", "none"]
    ner = [str(ROOT / "train/evaluate.py"), *NER_LANGS, "--split", "dev", "--json", *m_off]
    return {
        "stories": [("semeval", [str(BENCH / "semeval_bench.py"), "--json", *enc])],
        # the same pairs after the real per-article stages and actors, as `analyze` runs them
        "stories_analyze": [("semeval_pipeline", [str(BENCH / "semeval_bench.py"), "--pipeline", "--json", *enc])],
        "actors": [(f"actors_{s}", [str(BENCH / "actors_real_bench.py"), "--split", s, "--json", *m_off])
                   for s in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", *held)],
        "names": [("names", [str(BENCH / "names_bench.py"), "--json", "--geonames", "1000"])],
        "quotes": [(f"quotes_{s}", [str(BENCH / "quotes_bench.py"), "--split", s, "--json", *m_on])
                   for s in ("dev", *held)],
        # the learned English cue tagger is opt-in (``analyze --attrib-model``): its own rows
        "polnear": [("polnear", [str(BENCH / "polnear_bench.py"), "--split", "dev", "--json", *m_on])]
        + ([("polnear_tagger", [str(BENCH / "polnear_bench.py"), "--split", "dev", "--json", *m_on,
                                "--attrib-model"])] if m_on else []),
        "dates": [("dates", [str(BENCH / "dates_bench.py"), "--split", "dev", "--json", *m_on])],
        "ner": [("ner", ner)],
    }


def run_one(name: str, argv: list[str]) -> dict:
    """One bench's JSON (its last stdout line that parses), or ``{"error": ...}``."""
    t0 = time.perf_counter()
    print(f"[accuracy] {name}: {' '.join(Path(a).name if a.startswith('/') else a for a in argv)}",
          file=sys.stderr, flush=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    p = subprocess.run([sys.executable, *argv], capture_output=True, text=True, env=env, cwd=ROOT)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        tail = (p.stderr or p.stdout).strip().splitlines()[-3:]
        print(f"[accuracy] {name}: FAILED (exit {p.returncode}, {dt:.0f}s): {' / '.join(tail)}",
              file=sys.stderr, flush=True)
        return {"error": " / ".join(tail) or f"exit {p.returncode}"}
    out = p.stdout.strip()
    try:
        data = json.loads(out)
    except json.JSONDecodeError:  # a bench that prints lines before its dict
        data = None
        for line in reversed(out.splitlines()):
            try:
                data = json.loads(line)
                break
            except json.JSONDecodeError:
                continue
        if data is None:
            return {"error": "no JSON in the output"}
    print(f"[accuracy] {name}: done in {dt:.0f}s", file=sys.stderr, flush=True)
    data["_seconds"] = round(dt, 1)
    return data


# ---------------------------------------------------------------------------------- rows
Row = tuple[str, str, str, dict]  # (measure, data/split, target, {language: value})


def _get(d: dict, *path, default=None):
    for k in path:
        if not isinstance(d, dict) or k not in d:
            return default
        d = d[k]
    return d


def _frac(s) -> float | None:
    """'81/104' -> 0.779."""
    if isinstance(s, str) and "/" in s:
        a, b = s.split("/")
        return int(a) / int(b) if int(b) else None
    return None


def rows_stories(d: dict, analyze: bool = False) -> list[Row]:
    pairs, b3 = d.get("pairs", {}), d.get("bcubed", {})
    path = f"encoder {d.get('encoder')}" + (", analyze path" if analyze else "")
    return [
        ("same-story decision, accuracy", f"SemEval pairs ({path})", ">= 0.93",
         {k: v.get("accuracy") for k, v in pairs.items()}),
        ("  same pairs joined (recall)", f"SemEval pairs ({path})", "",
         {k: _frac(v.get("same_together")) for k, v in pairs.items()}),
        ("  different pairs apart", f"SemEval pairs ({path})", "",
         {k: _frac(v.get("diff_apart")) for k, v in pairs.items()}),
        ("story clustering, B-cubed F1", f"SemEval mixed set ({path})", ">= 0.95",
         {k: v.get("f1") for k, v in b3.items() if k != "mono"}),
    ]


def rows_actors(d: dict, split: str) -> list[Row]:
    langs = sorted({k.rsplit("_", 1)[0] for k in d if k.endswith("_precision")})
    def col(kind):
        return {("cross" if lg == "cross-language" else lg): d.get(f"{lg}_{kind}") for lg in langs}
    src = f"SemEval actor gold, {split} ({d.get('path')})"
    return [
        ("actor spellings found", src, ">= 0.90", col("found")),
        ("actor pairwise recall", src, ">= 0.90", col("recall")),
        ("actor pairwise precision", src, ">= 0.98", col("precision")),
    ]


def rows_names(d: dict) -> list[Row]:
    t = f"@{d.get('merge_threshold')}"
    pairs = d.get("name_pairs", {})
    rom = d.get("romanizer", {})
    geo = d.get("geonames", {})
    return [
        ("name pairs (non-identical), recall", f"namepairs.tsv {t}", "",
         {"all": _get(pairs, "ALL non-identical", t, "r"),
          "ar": _get(pairs, "Arabic-Arabic non-identical", t, "r")}),  # the file's Arabic-Latin pairs are all negative
        ("name pairs (non-identical), precision", f"namepairs.tsv {t}", "",
         {"all": _get(pairs, "ALL non-identical", t, "p")}),
        ("Arabic-script name vs Latin form, recall", f"romanizer held out {t}", "",
         {"ar": _get(rom, "romanizer", t, "recall")}),
        ("  false-positive rate (hard negatives)", f"romanizer held out {t}", "",
         {"ar": _get(rom, "romanizer", t, "fpr")}),
    ] + [(f"city name, {sc} script vs Latin: recall / FPR", f"geonames {t}", "",
          {"all": f"{_get(v, t, 'recall')} / {_get(v, t, 'fpr')}"}) for sc, v in sorted(geo.items())]


def rows_quotes(d: dict, split: str) -> list[Row]:
    langs = [k for k, v in d.items() if isinstance(v, dict) and "recall" in v]
    src = f"SemEval quote gold, {split} ({'models' if d.get('models') else 'rules'})"
    return [
        ("quote recall", src, ">= 0.90", {k: d[k].get("recall") for k in langs}),
        ("quote precision", src, "", {k: d[k].get("precision") for k in langs}),
        ("speaker right", src, ">= 0.90", {k: d[k].get("speaker_accuracy") for k in langs}),
    ]


def rows_polnear(d: dict) -> list[Row]:
    path = ("models + attrib tagger" if d.get("attrib_model") else "models") if d.get("models") else "rules"
    src = f"PolNeAR dev ({path})"
    return [
        ("attributions recall", src, "", {"en": _get(d, "attributions", "r")}),
        ("attributions precision", src, "", {"en": _get(d, "attributions", "p")}),
        ("indirect attributions recall", src, ">= 0.80", {"en": d.get("recall_indirect")}),
        ("direct quotes F1", src, "", {"en": _get(d, "direct_quotes", "f1")}),
        ("source accuracy", src, ">= 0.85", {"en": d.get("source_accuracy")}),
    ] + ([  # the speech acts alone (stances left out): what was counted before stances
        ("indirect attributions recall, speech acts only", src, "",
         {"en": _get(d, "speech_only", "recall_indirect")}),
    ] if d.get("speech_only") else [])


def rows_dates(d: dict) -> list[Row]:
    src = f"PolNeAR dev, undated ({'models' if d.get('models') else 'rules'})"
    return [("inferred range holds the true day", src, "", {"en": d.get("contains")}),
            ("  median range width (days)", src, "", {"en": d.get("width_median")})]


def rows_ner(d: dict) -> list[Row]:
    return [("mention span F1", "NER corpora, dev splits", "",
             {lg: _get(v, "span", "f") for lg, v in d.items() if isinstance(v, dict)})]


def build_rows(results: dict) -> list[Row]:
    rows: list[Row] = []
    for name, d in results.items():
        if "error" in d:
            rows.append((f"{name}: not run", d["error"][:80], "", {}))
            continue
        if name in ("semeval", "semeval_pipeline"):
            rows += rows_stories(d, analyze=name == "semeval_pipeline")
        elif name.startswith("actors_"):
            rows += rows_actors(d, name.split("_", 1)[1])
        elif name == "names":
            rows += rows_names(d)
        elif name.startswith("quotes_"):
            rows += rows_quotes(d, name.split("_", 1)[1])
        elif name.startswith("polnear"):
            rows += rows_polnear(d)
        elif name == "dates":
            rows += rows_dates(d)
        elif name == "ner":
            rows += rows_ner(d)
    return rows


def table(rows: list[Row]) -> str:
    seen = {lg for *_, vals in rows for lg in vals}
    cols = [c for c in LANGS if c in seen] + sorted(seen - set(LANGS))
    out = ["| measure | data | target | " + " | ".join(cols) + " |",
           "|---|---|---|" + "---:|" * len(cols)]
    for measure, src, target, vals in rows:
        cells = []
        for c in cols:
            v = vals.get(c)
            cells.append("" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v)))
        out.append(f"| {measure} | {src} | {target} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-models", action="store_true", help="the model-free paths (rules, no encoder)")
    ap.add_argument("--only", help="comma-separated groups: " + ",".join(runs(True)))
    ap.add_argument("--heldout", action="store_true",
                    help="also score the held-out halves of our gold (actors, quotes): once, at the end "
                         "of a round; never while changing the code")
    ap.add_argument("--json", metavar="FILE", help="also save every bench's JSON here")
    ap.add_argument("--from", dest="from_file", metavar="FILE", help="print the table of a saved run")
    args = ap.parse_args(argv)

    if args.from_file:
        results = json.loads(Path(args.from_file).read_text(encoding="utf-8"))
    else:
        if not DEV.is_dir():
            print(f"{DEV}: the dev corpus is missing (set NEWSTRACE_DEV_CORPUS)", file=sys.stderr)
            return 2
        groups = runs(not args.no_models, args.heldout)
        want = args.only.split(",") if args.only else list(groups)
        unknown = [g for g in want if g not in groups]
        if unknown:
            ap.error(f"unknown group(s): {', '.join(unknown)}")
        results = {}
        t0 = time.perf_counter()
        for g in want:
            if g == "ner" and not all((NER_WORK / lg / "data" / "dev.jsonl").is_file() for lg in NER_LANGS):
                print(f"[accuracy] ner: skipped, no NER corpora under {NER_WORK} "
                      f"(train/README.md says how to build them)", file=sys.stderr)
                continue
            for name, argv_ in groups[g]:
                results[name] = run_one(name, argv_)
        print(f"[accuracy] {len(results)} evaluations in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(table(build_rows(results)))
    return 1 if any("error" in d for d in results.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
