"""Story-stage throughput as the corpus grows (cost per article must stay flat).

    python bench/stories_bench.py [--sizes 1000,10000,100000] [--encoder none] [--undated 0.1] [--json]

Synthetic articles are generated from the texts in examples/demo (or the seed corpus when
the demo is absent) with perturbations: words dropped and shuffled within sentences,
numbers changed, a random "event" tag of rare words added, dates spread at ~150 articles a
day. They are stored directly (no per-article stages) and fed to ``stories.update`` in
batches of 1,000, as a stream would be. For each size the figure is articles/s of the
story stage on the **last** batch, i.e. with the full corpus already clustered, in wall time
and in CPU time of the process (the machine may be shared: CPU time is the steadier figure).
``--undated F`` gives a fraction F of the articles no date, only an inferred range of about
two years around their day: they take the timeless path (deferred stories, ``link_undated``,
timeless stories reloaded by later batches), whose cost must stay flat too.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from newstrace import stories  # noqa: E402
from newstrace.records import Article, DateRange  # noqa: E402
from newstrace.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples" / "demo", ROOT.parent / "shared" / "corpus" / "seeds"]
BATCH = 1000
PER_DAY = 150


def templates() -> list[str]:
    for src in SOURCES:
        files = sorted(p for p in src.rglob("*") if p.suffix in (".txt", ".json", ".jsonl"))
        texts = []
        for p in files:
            raw = p.read_text(encoding="utf-8", errors="replace")
            if p.suffix == ".txt":
                texts.append(raw)
            else:
                for line in raw.splitlines():
                    try:
                        obj = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    if isinstance(obj, dict) and obj.get("text"):
                        texts.append(obj["text"])
        if texts:
            return texts
    raise SystemExit("no template texts found")


def _word(seed: str) -> str:
    """A made-up word of letters only (digits in it would read as shared numbers)."""
    h = hashlib.blake2b(seed.encode(), digest_size=6).digest()
    return "".join("bcdfghjklmnprstvz"[x % 17] + "aeiou"[x // 17 % 5] for x in h[:4])


def synth(k: int, tpls: list[str], rng: random.Random, undated: float = 0.0) -> Article:
    base = tpls[k % len(tpls)]
    words = base.split()
    event = " ".join(_word(f"{k // 5}-{i}").capitalize() for i in range(3))  # ~5 articles share an event tag
    ev = random.Random(k // 5)  # event-specific vocabulary shared by ~5 articles
    vocab = [_word(f"w{k // 5}-{i}") for i in range(40)]
    keep = [w for w in words if rng.random() > 0.5] + [ev.choice(vocab) for _ in range(60)]
    for i in range(0, len(keep) - 8, 8):
        seg = keep[i:i + 8]
        rng.shuffle(seg)
        keep[i:i + 8] = seg
    text = f"{event} reported. " + " ".join(str(rng.randint(10, 9999)) if w.isdigit() else w for w in keep)
    day = date(2020, 1, 1) + timedelta(days=k // PER_DAY)
    a = Article(id=f"b{k:07d}", text=text, title=f"{event}: {' '.join(keep[:6])}", lang="en",
                published=day.isoformat(), content_hash=str(k))
    if undated and rng.random() < undated:
        lo = day - timedelta(days=rng.randint(0, 730))
        a.published = None
        a.published_range = DateRange(lo.isoformat(), (lo + timedelta(days=730)).isoformat())
    return a


def run(size: int, encoder: str, tpls: list[str], undated: float = 0.0) -> dict:
    rng = random.Random(size)
    opts = type("O", (), {"use_models": encoder != "none", "encoder": encoder})()
    with tempfile.TemporaryDirectory() as tmp:
        st = Store(Path(tmp) / "bench.db")
        last_rate, first_rate, last_cpu_rate = None, None, None
        t_total, c_total = 0.0, 0.0
        for start in range(0, size, BATCH):
            ids = []
            with st.transaction():
                for k in range(start, min(size, start + BATCH)):
                    a = synth(k, tpls, rng, undated)
                    st.upsert_article(a)
                    ids.append(a.id)
            t0, c0 = time.perf_counter(), time.process_time()
            stories.update(st, ids, opts)
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            t_total += dt
            c_total += dc
            rate = len(ids) / dt
            first_rate = first_rate or rate
            last_rate = rate
            last_cpu_rate = len(ids) / max(dc, 1e-9)
        n_stories = st.conn.execute("SELECT count(*) FROM stories WHERE status='active'").fetchone()[0]
        st.close()
    return {"articles": size, "encoder": encoder, "undated": undated, "first_batch_per_s": round(first_rate, 1),
            "last_batch_per_s": round(last_rate, 1), "last_batch_per_cpu_s": round(last_cpu_rate, 1),
            "overall_per_s": round(size / t_total, 1), "overall_per_cpu_s": round(size / c_total, 1),
            "stories": n_stories}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--encoder", default="none")
    ap.add_argument("--undated", type=float, default=0.0, help="fraction of articles with only a wide range")
    ap.add_argument("--json", action="store_true", help="one JSON object per size (the default prints a table)")
    a = ap.parse_args()
    tpls = templates()
    if not a.json:
        print(f"{'articles':>9} {'last batch/s':>13} {'last batch/CPU s':>17} {'overall/s':>10} "
              f"{'overall/CPU s':>14} {'stories':>8}")
    for n in (int(x) for x in a.sizes.split(",")):
        r = run(n, a.encoder, tpls, a.undated)
        if a.json:
            print(json.dumps(r), flush=True)
        else:
            print(f"{r['articles']:>9} {r['last_batch_per_s']:>13} {r['last_batch_per_cpu_s']:>17} "
                  f"{r['overall_per_s']:>10} {r['overall_per_cpu_s']:>14} {r['stories']:>8}", flush=True)
