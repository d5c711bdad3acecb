"""Check that every string in demo.gold.json is an exact substring of its demo article.

Run: python examples/check_demo_gold.py   (exit status 1 and a list of problems if any)
Texts: .txt = the whole file; .html = the visible text (tags stripped, entities unescaped);
feed.jsonl = title + text of each record.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO = HERE / "demo"


def load_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for p in sorted(DEMO.glob("*.txt")):
        texts[p.stem] = p.read_text(encoding="utf-8")
    for p in sorted(DEMO.glob("*.html")):
        raw = p.read_text(encoding="utf-8")
        raw = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", raw, flags=re.S)
        texts[p.stem] = html.unescape(re.sub(r"<[^>]+>", "\n", raw))
    for line in (DEMO / "feed.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            texts[rec["id"]] = rec.get("title", "") + "\n" + rec["text"]
    return texts


def problems(gold: dict, texts: dict[str, str]) -> list[str]:
    out: list[str] = []

    def need(aid: str, s: str, what: str) -> None:
        if aid not in texts:
            out.append(f"{what}: unknown article {aid!r}")
        elif s not in texts[aid]:
            out.append(f"{what}: {s!r} not in {aid}")

    if set(gold["articles"]) != set(texts):
        out.append(f"article ids differ: {sorted(set(gold['articles']) ^ set(texts))}")
    for aid, meta in gold["articles"].items():
        lo, hi = meta["published_range"]
        if lo > hi:
            out.append(f"published_range reversed for {aid}")
    for aid, lines in gold["boilerplate"].items():
        for line in lines:
            need(aid, line, "boilerplate")
    for aid in gold["duplicate_title_in_body"]:
        if aid not in texts:
            out.append(f"duplicate_title_in_body: unknown {aid}")
    for group in gold["stories"] + gold["narratives"]:
        for aid in group["articles"]:
            if aid not in texts:
                out.append(f"{group['id']}: unknown article {aid}")
    for ent in gold["entities"]:
        for aid, forms in ent["variants"].items():
            for form in forms:
                need(aid, form, f"entity {ent['canonical']}")
    for q in gold["quotes"]:
        need(q["article"], q["text"], "quote")
    for s in gold["sourcing"]:
        need(s["article"], s["evidence"], "sourcing")
    for s in gold["scare_quotes"]["items"]:
        need(s["article"], s["text"], "scare quote")
    for s in gold.get("indirect_speech", {}).get("items", []):
        need(s["article"], s["cue"], "indirect cue")
        need(s["article"], s["text"], "indirect text")
    for c in gold.get("near_copies", {}).get("items", []):
        need(c["copy"], c["evidence"], "near copy")
        if c["original"] not in texts:
            out.append(f"near copy: unknown original {c['original']}")
    return out


def main() -> int:
    gold = json.loads((HERE / "demo.gold.json").read_text(encoding="utf-8"))
    found = problems(gold, load_texts())
    for p in found:
        print(p)
    print(f"{len(gold['articles'])} articles, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
