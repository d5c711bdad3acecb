"""Benchmark of the quotes stage on PolNeAR (Newell, Margolin & Ruths, LREC 2018), dev split.

For each text, the first annotator's brat file is the gold. Figures:
- direct quotes: gold = Content spans whose trimmed text starts with an opening quotation
  mark and ends with a closing one (as in docs/research/quotes.md §6); predicted = direct
  quotes that are not partial (a quoted fragment inside a clause is part of an indirect
  attribution in PolNeAR). A match needs a character overlap of at least 80% of the
  shorter span (``--both`` also reports 80% of each span).
- all content spans: every gold Content (fragments joined) vs every predicted quote
  (direct and indirect), same match rule.
- source accuracy on matched direct quotes whose gold has a Source: the speaker mention
  overlaps the gold source span or names the same person; a gold pronoun source counts as
  found when the quote was attributed through a pronoun at the gold cue (PolNeAR has no
  coreference, so the antecedent cannot be checked).

Usage: python bench/polnear_bench.py [--dir DIR] [--split dev] [--no-mentions]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newstrace.records import Article, Paragraph  # noqa: E402
from newstrace.quotes import extract  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared/corpus/dev/polnear"
OPEN, CLOSE = "“\"‘'«", "”\"’'»"
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you"}


def read_ann(path: Path) -> list[dict]:
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, text = (line.split("\t") + ["", ""])[:3]
            label, offs = info.split(" ", 1)
            frags = [tuple(map(int, p.split())) for p in offs.split(";")]
            spans[tid] = {"label": label, "frags": frags, "text": text}
        elif line.startswith("E"):
            parts = line.split("\t")[1].split()
            events.append({k: v for k, v in (p.split(":") for p in parts)})
    out = []
    for ev in events:
        c = spans.get(ev.get("Content"))
        if not c:
            continue
        src, cue = spans.get(ev.get("Source")), spans.get(ev.get("Cue"))
        out.append({"content": (min(f[0] for f in c["frags"]), max(f[1] for f in c["frags"])),
                    "text": c["text"],
                    "source": (src["frags"][0][0], src["frags"][-1][1]) if src else None,
                    "source_text": src["text"] if src else None,
                    "cue": (cue["frags"][0][0], cue["frags"][-1][1]) if cue else None})
    return out


def is_direct(text: str, gold_text: str) -> bool:
    t = gold_text.strip()
    return len(t) > 2 and t[0] in OPEN and t[-1] in CLOSE


def overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list, pred: list, both: bool) -> list[tuple[int, int]]:
    pairs, used = [], set()
    for gi, g in enumerate(gold):
        best, bs = None, 0.0
        for pi, p in enumerate(pred):
            if pi in used:
                continue
            ov = overlap(g, p)
            if not ov:
                continue
            lg, lp = g[1] - g[0], p[1] - p[0]
            score = min(ov / lg, ov / lp) if both else ov / max(1, min(lg, lp))
            if score >= 0.8 and score > bs:
                best, bs = pi, score
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def prf(m: int, npred: int, ngold: int) -> str:
    p = m / npred if npred else 0.0
    r = m / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (matched {m}, predicted {npred}, gold {ngold})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=str(DEFAULT_DIR))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--both", action="store_true", help="also require 80%% of each span")
    ap.add_argument("--no-mentions", action="store_true", help="skip the mentions stage")
    args = ap.parse_args()
    root = Path(args.dir) / args.split
    anns = defaultdict(list)
    for p in sorted((root / "attributions").glob("*.ann")):
        anns[p.stem.rsplit("_", 1)[0]].append(p)
    detect = None
    if not args.no_mentions:
        try:
            from newstrace.mentions import detect
        except ImportError:
            detect = None
    tot = defaultdict(int)
    t0 = time.time()
    n_docs = 0
    for tp in sorted((root / "text").glob("*.txt")):
        if tp.stem not in anns:
            continue
        n_docs += 1
        text = tp.read_text(encoding="utf-8")
        paras = [Paragraph(m.start(), m.end(), "en") for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
        art = Article(id=tp.stem, text=text, lang="en", paragraphs=paras)
        if detect is not None:
            art = detect(art, None)
        quotes = extract(art).quotes
        gold = read_ann(anns[tp.stem][0])
        gd = [g for g in gold if is_direct(text, g["text"])]
        pd = [q for q in quotes if q.direct and ":partial" not in q.method]
        pairs = match([g["content"] for g in gd], [(q.start, q.end) for q in pd], args.both)
        tot["d_gold"] += len(gd)
        tot["d_pred"] += len(pd)
        tot["d_match"] += len(pairs)
        for gi, pi in pairs:
            g, q = gd[gi], pd[pi]
            if not g["source"]:
                continue
            tot["src_n"] += 1
            ok = False
            if q.speaker_start is not None and overlap(g["source"], (q.speaker_start, q.speaker_end)):
                ok = True
            elif q.speaker and g["source_text"] and (q.speaker.lower() in g["source_text"].lower()
                                                     or g["source_text"].lower() in q.speaker.lower()):
                ok = True
            elif (g["source_text"] or "").lower() in PRONOUNS and "+pronoun" in q.method and g["cue"] \
                    and q.cue_start is not None and overlap(g["cue"], (q.cue_start, q.cue_end)):
                ok = True
            if (g["source_text"] or "").lower() in PRONOUNS:
                tot["src_pron"] += 1
            tot["src_ok"] += ok
            tot["src_none"] += q.speaker is None
        allp = match([g["content"] for g in gold], [(q.start, q.end) for q in quotes], args.both)
        tot["a_gold"] += len(gold)
        tot["a_pred"] += len(quotes)
        tot["a_match"] += len(allp)
        tot["anon_pred"] += sum(q.anonymous for q in quotes)
    dt = time.time() - t0
    print(f"PolNeAR {args.split}: {n_docs} documents, {dt:.1f} s ({n_docs / dt:.1f} docs/s), "
          f"mentions stage {'on' if detect else 'off'}, match: 80% of the {'each span' if args.both else 'shorter'}")
    print("direct quotes:     ", prf(tot["d_match"], tot["d_pred"], tot["d_gold"]))
    print("all content spans: ", prf(tot["a_match"], tot["a_pred"], tot["a_gold"]))
    n = tot["src_n"]
    print(f"source accuracy on matched direct quotes with a gold source: {tot['src_ok'] / n if n else 0:.3f} "
          f"({tot['src_ok']}/{n}; gold pronoun sources {tot['src_pron']}; no speaker found {tot['src_none']})")
    print(f"quotes flagged anonymous: {tot['anon_pred']}")


if __name__ == "__main__":
    main()
