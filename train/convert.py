"""Convert public NER corpora to spaCy DocBin files and to plain-text evaluation documents.

    python train/convert.py LANG OUT_DIR --train FILE[:FORMAT] ... --dev FILE[:FORMAT] ... --test FILE[:FORMAT] ...

FORMAT is one of ``conll`` (token ... TAG, blank line between sentences, -DOCSTART-),
``germeval`` (index, token, outer tag, inner tag; ``#`` comment lines), ``wikiann``
(``lang:token<TAB>TAG``). ``FILE@a/b`` keeps part ``a`` of ``b`` consecutive parts
(``@1/2`` the first half), for corpora that ship no development split.

Writes ``OUT_DIR/{train,dev,test}.spacy`` (gold tokens; 10 sentences per document) and
``OUT_DIR/{dev,test,test2}.jsonl``: documents of up to 10 sentences rebuilt as running text
(``{"id", "text", "entities": [[start, end, label], ...]}``), the held-out real text
that ``train/evaluate.py`` runs through ``newstrace.mentions.detect``.

Labels are mapped to the project's PER/ORG/LOC/MISC (``LABELS``); German ``*deriv`` and
``*part`` tags (adjectives and compounds containing a name) become O. ``--no-misc``
drops MISC (for corpora mixed with ones that never annotate it).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

LABELS = {
    "PER": "PER", "PERS": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "OTH": "MISC", "EVENT": "MISC", "PRO": "MISC",
}
SENTS_PER_DOC = 10
_NO_SPACE_BEFORE = set(",.;:!?)]}%»”’،؛؟…")
_NO_SPACE_AFTER = set("([{«“‘")


def map_tag(tag: str, keep_misc: bool) -> str:
    if tag in ("O", "", "-"):
        return "O"
    prefix, _, label = tag.partition("-")
    if not label:  # bare label (IO scheme)
        prefix, label = "I", prefix
    mapped = LABELS.get(label.upper())
    if mapped is None or (mapped == "MISC" and not keep_misc):
        return "O"
    return f"{prefix.upper()}-{mapped}"


def read_sentences(path: str, fmt: str) -> list[list[tuple[str, str]]]:
    """Sentences as lists of (token, raw tag)."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if fmt == "germeval" and line.startswith("#"):
                continue
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            if fmt == "germeval":
                cols = line.split("\t")
                tok, tag = cols[1], cols[2]
            elif fmt == "wikiann":
                cols = line.split("\t")
                tok, tag = cols[0].split(":", 1)[1], cols[-1]
            else:
                cols = line.split()
                if cols[0] == "-DOCSTART-":
                    continue
                tok, tag = cols[0], cols[-1]
            if tok:
                cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def spaces_for(words: list[str]) -> list[bool]:
    """Whitespace after each token, the way news text is written."""
    out = []
    quote_open = False
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w == '"':
            quote_open = not quote_open
        if nxt is None:
            out.append(False)
        elif w in _NO_SPACE_AFTER or (w == '"' and quote_open):
            out.append(False)
        elif nxt in _NO_SPACE_BEFORE or (nxt == '"' and quote_open) or nxt in ("'s", "’s"):
            out.append(False)
        else:
            out.append(True)
    return out


def load_split(specs: list[str], keep_misc: bool) -> list[list[tuple[str, str]]]:
    sents = []
    for spec in specs:
        part = None
        if "@" in spec:
            spec, part = spec.rsplit("@", 1)
        path, _, fmt = spec.partition(":")
        got = read_sentences(path, fmt or "conll")
        if part:
            a, b = (int(x) for x in part.split("/"))
            size = -(-len(got) // b)
            got = got[(a - 1) * size:a * size]
        sents += [[(t, map_tag(g, keep_misc)) for t, g in s] for s in got]
    return sents


def to_docs(nlp, sents):
    from spacy.tokens import Doc
    from spacy.training import biluo_tags_to_spans, iob_to_biluo

    docs = []
    for k in range(0, len(sents), SENTS_PER_DOC):
        group = sents[k:k + SENTS_PER_DOC]
        words, tags, spaces = [], [], []
        for s in group:
            ws = [t for t, _ in s]
            sp = spaces_for(ws)
            sp[-1] = True  # sentences of one document are separated by a space
            words += ws
            spaces += sp
            tags += iob_to_biluo([g for _, g in s])
        spaces[-1] = False
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        doc.ents = biluo_tags_to_spans(doc, tags)
        docs.append(doc)
    return docs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("lang")
    ap.add_argument("out")
    ap.add_argument("--train", nargs="+", default=[], help="omit for an evaluation-only corpus")
    ap.add_argument("--dev", nargs="+", required=True)
    ap.add_argument("--test", nargs="+", required=True)
    ap.add_argument("--test2", nargs="+", default=[], help="a second test corpus, scored apart")
    ap.add_argument("--no-misc", action="store_true")
    args = ap.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank(args.lang)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stats = {}
    for split in ("train", "dev", "test", "test2"):
        if not getattr(args, split):
            continue
        sents = load_split(getattr(args, split), not args.no_misc)
        docs = to_docs(nlp, sents)
        DocBin(docs=docs).to_disk(out / f"{split}.spacy")
        n_ents = sum(len(d.ents) for d in docs)
        stats[split] = {"sentences": len(sents), "tokens": sum(len(s) for s in sents), "entities": n_ents}
        if split != "train":
            with open(out / f"{split}.jsonl", "w", encoding="utf-8") as fh:
                for i, d in enumerate(docs):
                    ents = [[e.start_char, e.end_char, e.label_] for e in d.ents]
                    fh.write(json.dumps({"id": f"{args.lang}-{split}-{i}", "text": d.text, "entities": ents},
                                        ensure_ascii=False) + "\n")
    (out / "stats.json").write_text(json.dumps(stats, indent=1))
    json.dump(stats, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
