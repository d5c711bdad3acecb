"""Convert, train, evaluate and export the NER pipeline of one language.

    python train/run.py LANG [--raw /work/data/ner/raw] [--work /work/data/ner/work]
                             [--steps convert,train,eval,export] [--test]

``CORPORA`` says which files of which corpus feed each split (paths relative to
``--raw``; see train/README.md for where each corpus comes from and its licence).
Training runs ``spacy train train/ner.cfg`` under ``nice -n 15``; ``eval`` prints P/R/F1
of the raw model on the development split (and the test split with ``--test``: do that
once, at the end); ``export`` copies the best model into
``src/newstrace/models/ner-LANG`` (weights only, no optimizer state).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# lang -> (corpus name, train specs, dev specs, test specs, extra convert flags)
CORPORA: dict[str, tuple[str, list[str], list[str], list[str], list[str]]] = {
    "es": ("CoNLL-2002 Spanish (EFE newswire)",
           ["conll2002/esp.train:conll"], ["conll2002/esp.testa:conll"], ["conll2002/esp.testb:conll"], []),
    "nl": ("CoNLL-2002 Dutch (De Morgen newspaper)",
           ["conll2002/ned.train:conll"], ["conll2002/ned.testa:conll"], ["conll2002/ned.testb:conll"], []),
    # GermEval's train split is not reachable here (see README): WikiANN-de train (silver),
    # GermEval dev and the first three quarters of CoNLL-2003 German testa train; the last
    # quarter of testa selects; GermEval test and CoNLL-2003 German testb score.
    "de": ("WikiANN de + GermEval 2014 dev + CoNLL-2003 de testa (3/4); testa (1/4) / GermEval test, CoNLL-2003 testb",
           ["wikiann/de/train:wikiann", "germeval/NER-de-dev.tsv:germeval", "conll2003de/deuutf.testa:conll@1/4",
            "conll2003de/deuutf.testa:conll@2/4", "conll2003de/deuutf.testa:conll@3/4"],
           ["conll2003de/deuutf.testa:conll@4/4"], ["germeval/NER-de-test.tsv:germeval"],
           ["--no-misc", "--test2", "conll2003de/deu.testb.utf8:conll"]),
    "it": ("KIND Wikinews (NERMuD 2023 release)",
           ["kind/WN_train.tsv:conll"], ["kind/WN_dev.tsv:conll"], ["kind/WN_test.tsv:conll"], []),
    # ANERcorp ships train/test only: the last tenth of train selects.
    "ar": ("ANERcorp (CAMeL Lab splits)",
           ["anercorp/ANERCorp_CamelLab_train.txt:conll@1/10", "anercorp/ANERCorp_CamelLab_train.txt:conll@2/10",
            "anercorp/ANERCorp_CamelLab_train.txt:conll@3/10", "anercorp/ANERCorp_CamelLab_train.txt:conll@4/10",
            "anercorp/ANERCorp_CamelLab_train.txt:conll@5/10", "anercorp/ANERCorp_CamelLab_train.txt:conll@6/10",
            "anercorp/ANERCorp_CamelLab_train.txt:conll@7/10", "anercorp/ANERCorp_CamelLab_train.txt:conll@8/10",
            "anercorp/ANERCorp_CamelLab_train.txt:conll@9/10"],
           ["anercorp/ANERCorp_CamelLab_train.txt:conll@10/10"], ["anercorp/ANERCorp_CamelLab_test.txt:conll"], []),
    # ArmanPersoNER fold 1: its train part minus the last tenth trains, that tenth selects.
    "fa": ("ArmanPersoNER fold 1",
           [f"arman/train_fold1.txt:conll@{k}/10" for k in range(1, 10)],
           ["arman/train_fold1.txt:conll@10/10"], ["arman/test_fold1.txt:conll"], []),
}


def sh(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("lang", choices=sorted(CORPORA))
    ap.add_argument("--raw", default="/work/data/ner/raw")
    ap.add_argument("--work", default="/work/data/ner/work")
    ap.add_argument("--steps", default="convert,train,eval,export")
    ap.add_argument("--test", action="store_true", help="also score the test split (final figures only)")
    args = ap.parse_args(argv)
    lang = args.lang
    name, tr, dv, te, flags = CORPORA[lang]
    raw = Path(args.raw)
    work = Path(args.work) / lang
    steps = args.steps.split(",")
    py = sys.executable
    if "convert" in steps:
        def paths(specs):
            return [str(raw / s) for s in specs]
        extra = [f if f.startswith("--") else str(raw / f) for f in flags]
        sh([py, str(HERE / "convert.py"), lang, str(work / "data"), "--train", *paths(tr), "--dev", *paths(dv),
            "--test", *paths(te), *extra])
    if "train" in steps:
        sh(["nice", "-n", "15", py, "-m", "spacy", "train", str(HERE / "ner.cfg"), "--output", str(work / "model"),
            "--paths.train", str(work / "data" / "train.spacy"), "--paths.dev", str(work / "data" / "dev.spacy"),
            "--nlp.lang", lang])
    if "eval" in steps:
        result = {"lang": lang, "corpus": name,
                  "stats": json.loads((work / "data" / "stats.json").read_text())}
        splits = ["dev", "test", "test2"] if args.test else ["dev"]
        for split in [x for x in splits if (work / "data" / f"{x}.spacy").exists()]:
            out = work / f"eval-{split}.json"
            sh([py, "-m", "spacy", "evaluate", str(work / "model" / "model-best"), str(work / "data" / f"{split}.spacy"),
                "--output", str(out)])
            m = json.loads(out.read_text())
            result[split] = {"p": round(m["ents_p"], 4), "r": round(m["ents_r"], 4), "f": round(m["ents_f"], 4),
                             "per_type": {k: {kk: round(vv, 4) for kk, vv in v.items()}
                                          for k, v in (m.get("ents_per_type") or {}).items()},
                             "words_per_second": m.get("speed")}
        (work / "result.json").write_text(json.dumps(result, indent=1))
        print(json.dumps(result, indent=1))
    if "export" in steps:
        dst = REPO / "src" / "newstrace" / "models" / f"ner-{lang}"
        if dst.exists():
            shutil.rmtree(dst)
        import spacy

        nlp = spacy.load(work / "model" / "model-best")
        nlp.meta["name"] = f"newstrace_ner_{lang}"
        nlp.meta["version"] = "1.0.0"
        nlp.meta["sources"] = [{"name": name}]
        nlp.meta["description"] = f"newstrace NER-only pipeline for '{lang}' (train/run.py)"
        nlp.meta.pop("performance", None)
        nlp.meta["spacy_version"] = ">=3.8.0,<3.9.0"
        nlp.config["paths"]["train"] = nlp.config["paths"]["dev"] = None  # no local paths shipped
        dst.parent.mkdir(parents=True, exist_ok=True)
        nlp.to_disk(dst)
        # the training vocabulary is not needed to run (hash embeddings; labels live in the
        # ner component): an empty string store gives identical entities, 1-1.5 MB smaller
        (dst / "vocab" / "strings.json").write_text("[]")
        size = sum(f.stat().st_size for f in dst.rglob("*") if f.is_file())
        print(f"exported {dst} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
