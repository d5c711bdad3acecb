"""Web app speed at scale: generate a database of N articles (default 100,000) with
mentions, resolved actors, quotes, sources, stories and reuse links written directly
(executemany, no NLP), then time every page and API endpoint in-process (FastAPI
TestClient: routing, queries, template rendering) and print p50/p95/max per page.

    .venv/bin/python bench/web_bench.py                      # 100k articles in a temp dir
    .venv/bin/python bench/web_bench.py --db /tmp/w.db --keep  # reuse / keep the database
    .venv/bin/python bench/web_bench.py --articles 20000 --requests 20

Target (issue 7): every page under 100 ms p95 at 100k articles.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

LANGS = ["en", "fr", "de", "es", "ar", "ru", "it", "tr"]
TYPES = ["PER", "ORG", "LOC", "MISC"]
SYL = ["ka", "lo", "mi", "ra", "te", "su", "na", "vo", "di", "pe", "ba", "zu", "ri", "lan", "tor", "mes",
       "qua", "shi", "dor", "ven", "al", "ek", "om", "ir"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYL) for _ in range(rng.randint(1, 3)))


def _zipf_pick(rng: random.Random, items: list, s: float = 1.1):
    # inverse-CDF sampling on a truncated power law, cheap enough for 1M draws
    n = len(items)
    u = rng.random()
    k = int(n ** u) - 1 if s else int(u * n)
    return items[min(n - 1, max(0, k))]


def generate(path: Path, n_articles: int, seed: int = 7) -> dict[str, int]:
    from newstrace.store import Store
    from newstrace.web.queries import ensure_schema

    rng = random.Random(seed)
    vocab = sorted({_word(rng) for _ in range(20000)})
    rng.shuffle(vocab)
    outlets = [f"{_word(rng).title()} {rng.choice(['News', 'Times', 'Post', 'Agency', 'TV', 'Herald'])}"
               for _ in range(400)]
    n_actors = max(50, n_articles // 5)
    actors = []
    for i in range(n_actors):
        first, last = _word(rng).title(), _word(rng).title()
        spellings = [f"{first} {last}", last, f"{first[0]}. {last}", f"{first} {last}ov"][:rng.randint(1, 4)]
        actors.append((f"act_{i:06x}", spellings[0], rng.choice(TYPES), spellings))
    store = Store(path)
    c = store.conn
    counts = {"articles": 0, "mentions": 0, "quotes": 0, "sources": 0, "stories": 0, "reuse": 0}
    t0 = time.perf_counter()
    day0 = 738000  # 2021-07-..
    story_of: list[int] = []
    sid = -1
    left = 0
    with store.transaction():
        if store.has_table("actors"):
            c.executemany("INSERT INTO actors(id, name, type) VALUES (?,?,?)", [(a[0], a[1], a[2]) for a in actors])
            c.executemany("INSERT OR IGNORE INTO aliases(actor_id, surface, norm, rep, source) VALUES (?,?,?,?,?)",
                          [(a[0], s, s.lower(), int(j == 0), "bench") for a in actors for j, s in enumerate(a[3])])
        arts, ments, quos, srcs = [], [], [], []
        for i in range(n_articles):
            if left == 0:
                sid += 1
                left = min(60, int(rng.expovariate(1 / 4)) + 1)
            left -= 1
            story_of.append(sid)
            lang = LANGS[min(len(LANGS) - 1, int(rng.expovariate(0.7)))]
            outlet = _zipf_pick(rng, outlets)
            day = day0 + (sid * 700) // max(1, n_articles // 4) + rng.randint(0, 3)
            from datetime import date

            published = date.fromordinal(day).isoformat()
            parts, pos, mlist = [], 0, []
            picks = [_zipf_pick(rng, actors) for _ in range(8)]
            for j in range(110):
                if j % 13 == 5 and picks:
                    a = picks.pop()
                    w = rng.choice(a[3])
                    mlist.append((pos, pos + len(w), w, a))
                else:
                    w = _zipf_pick(rng, vocab)
                parts.append(w)
                pos += len(w) + 1
            text = " ".join(parts) + "."
            title = " ".join(_zipf_pick(rng, vocab) for _ in range(7)).capitalize()
            aid = f"gen/{i:07d}"
            arts.append((aid, "bench", f"https://{outlet.split()[0].lower()}.example/{i}", outlet, "metadata",
                         title, lang, "bench", published, "bench", text, "[]", f"h{i}", "{}", "[]", "[]",
                         len(text), "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"))
            for k, (s, e, w, a) in enumerate(mlist):
                ments.append((aid, k, s, e, w, a[2], "bench", k, a[0]))
            for k in range(2):
                s = rng.randint(0, max(0, len(text) - 120))
                sp = mlist[k] if k < len(mlist) else None
                quos.append((aid, k, s, s + 80, text[s:s + 80], k == 0, sp[2] if sp else None,
                             sp[0] if sp else None, sp[1] if sp else None, sp[3][0] if sp else None, "name",
                             "said", None, None, None, None, None, None, 0, None, None, None, "bench"))
            cited = _zipf_pick(rng, outlets) if rng.random() < 0.7 else mlist[-1][2]
            s = rng.randint(0, max(0, len(text) - 60))
            srcs.append((aid, 0, cited, rng.choice(["quote", "report", "interview"]), s, s + 40, text[s:s + 40],
                         None, 0))
            if len(arts) >= 5000:
                _flush(c, arts, ments, quos, srcs, counts)
        _flush(c, arts, ments, quos, srcs, counts)
        if store.has_table("stories"):
            rows = c.execute("SELECT id, lang, outlet, published FROM articles ORDER BY id").fetchall()
            groups: dict[int, list] = {}
            for r, s in zip(rows, story_of):
                groups.setdefault(s, []).append(r)
            c.executemany(
                "INSERT INTO stories(id, label, first_seen, last_seen, size, langs, outlets, status, method, seq) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(f"s{s:07d}", f"Story {s}: " + " ".join(_zipf_pick(rng, vocab) for _ in range(4)),
                  min(r["published"] for r in g), max(r["published"] for r in g), len(g),
                  json.dumps(sorted({r["lang"] for r in g})), json.dumps(sorted({r["outlet"] for r in g})),
                  "active", "bench", s) for s, g in groups.items()])
            c.executemany("INSERT INTO story_articles(story_id, article_id, score, method) VALUES (?,?,?,?)",
                          [(f"s{s:07d}", r["id"], 1.0, "bench") for s, g in groups.items() for r in g])
            counts["stories"] = len(groups)
            if store.has_table("reuse"):
                pairs = [(g[0]["id"], g[1]["id"]) for g in groups.values() if len(g) > 1][: n_articles // 10]
                c.executemany("INSERT INTO reuse(a, b, similarity, containment, passages, method) VALUES (?,?,?,?,?,?)",
                              [(a, b, 0.8, 0.7, json.dumps([{"a_start": 0, "a_end": 50, "b_start": 0, "b_end": 50}]),
                                "bench") for a, b in pairs])
                counts["reuse"] = len(pairs)
    ensure_schema(store)
    c.execute("ANALYZE")
    store.close()
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    return counts


def _flush(c, arts, ments, quos, srcs, counts) -> None:
    c.executemany(
        "INSERT INTO articles(id, source, url, outlet, outlet_source, title, lang, lang_method, published, "
        "published_source, text, boilerplate, content_hash, meta, paragraphs, sentences, chars, added_at, "
        "updated_at) VALUES (" + ",".join("?" * 19) + ")", arts)
    c.executemany('INSERT INTO mentions(article_id, idx, start, "end", text, type, detector, local_id, actor_id) '
                  "VALUES (?,?,?,?,?,?,?,?,?)", ments)
    c.executemany(
        'INSERT INTO quotes(article_id, idx, start, "end", text, direct, speaker, speaker_start, speaker_end, '
        "speaker_actor, speaker_kind, cue, cue_start, cue_end, channel, channel_start, channel_end, channel_actor, "
        "anonymous, said_on_earliest, said_on_latest, said_on_evidence, method) VALUES ("
        + ",".join("?" * 23) + ")", quos)
    c.executemany('INSERT INTO sources(article_id, idx, cites, kind, start, "end", text, cites_actor, anonymous) '
                  "VALUES (?,?,?,?,?,?,?,?,?)", srcs)
    for k, v in (("articles", arts), ("mentions", ments), ("quotes", quos), ("sources", srcs)):
        counts[k] += len(v)
        v.clear()


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def bench(path: Path, n_requests: int, seed: int = 11, warm: bool = True) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from newstrace.store import Store
    from newstrace.web.app import create_app

    rng = random.Random(seed)
    st = Store(path)
    c = st.conn
    art_ids = [r[0] for r in c.execute("SELECT id FROM articles ORDER BY random() LIMIT ?", (n_requests,))]
    story_ids = [r[0] for r in c.execute("SELECT id FROM stories ORDER BY random() LIMIT ?", (n_requests,))] \
        if st.has_table("stories") else []
    big_story = [r[0] for r in c.execute("SELECT id FROM stories ORDER BY size DESC LIMIT 1")] if story_ids else []
    actor_rows = c.execute("SELECT actor_id, count(*) n FROM mentions WHERE actor_id IS NOT NULL "
                           "GROUP BY actor_id ORDER BY n DESC").fetchall()
    top_actors = [r[0] for r in actor_rows[:max(3, n_requests // 4)]]
    mid_actors = [r[0] for r in rng.sample(actor_rows, min(len(actor_rows), n_requests))]
    outlets = [r[0] for r in c.execute("SELECT outlet FROM articles GROUP BY outlet ORDER BY count(*) DESC LIMIT 50")]
    langs = [r[0] for r in c.execute("SELECT DISTINCT lang FROM articles")]
    words = [w for r in c.execute("SELECT title FROM articles ORDER BY random() LIMIT 200") for w in r[0].split()]
    actor_names = [r[0] for r in c.execute("SELECT name FROM actors LIMIT 2000")] if st.has_table("actors") else []
    st.close()
    app = create_app(path, warm=warm)
    if warm:
        t = time.perf_counter()
        app.state.warm_thread.join()
        print(f"caches warmed in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    client = TestClient(app)

    def pick(xs):
        return quote(rng.choice(xs), safe="")

    pages = {
        "stories": lambda: "/stories",
        "stories?lang&sort": lambda: f"/stories?lang={rng.choice(langs)}&sort={rng.choice(['size', 'last_seen', 'label'])}",
        "stories?outlet": lambda: f"/stories?outlet={pick(outlets)}",
        "stories?actor": lambda: f"/stories?actor={pick(top_actors + mid_actors)}",
        "stories?since&until": lambda: "/stories?since=2022-01-01&until=2022-06-30&sort=first_seen",
        "story": lambda: f"/story/{pick(story_ids)}",
        "story (largest)": lambda: f"/story/{pick(big_story)}",
        "articles?lang": lambda: f"/articles?lang={rng.choice(langs)}&page={rng.randint(1, 20)}",
        "article": lambda: f"/article/{pick(art_ids)}",
        "actor (top 25%)": lambda: f"/actor/{pick(top_actors)}",
        "actor (random)": lambda: f"/actor/{pick(mid_actors)}",
        "actor by name": lambda: f"/actor/{pick(actor_names)}" if actor_names else f"/actor/{pick(mid_actors)}",
        "actors": lambda: "/actors",
        "search": lambda: f"/search?q={quote(rng.choice(words))}",
        "search 2 words+lang": lambda: f"/search?q={quote(rng.choice(words) + ' ' + rng.choice(words))}&lang={rng.choice(langs)}",
        "outlets": lambda: "/outlets",
        "outlet": lambda: f"/outlet/{pick(outlets)}",
        "api/stories": lambda: "/api/stories?limit=50",
        "api/article": lambda: f"/api/articles/{pick(art_ids)}",
        "api/actor": lambda: f"/api/actors/{pick(mid_actors)}",
        "api/outlets/graph": lambda: "/api/outlets/graph",
    }
    out = []
    for name, make in pages.items():
        times, first = [], None
        for k in range(n_requests + 1):
            url = make()
            t = time.perf_counter()
            r = client.get(url)
            dt = (time.perf_counter() - t) * 1000
            if r.status_code != 200:
                raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:300]}")
            if k == 0:
                first = dt  # first request of this page (with --cold: caches empty)
            else:
                times.append(dt)
        out.append({"page": name, "p50": statistics.median(times), "p95": _pct(times, 95), "max": max(times),
                    "first": first})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=40, help="timed requests per page")
    ap.add_argument("--db", type=Path, help="database path (generated when missing)")
    ap.add_argument("--keep", action="store_true", help="keep the generated database")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cold", action="store_true", help="do not warm the caches first (as `serve` does)")
    args = ap.parse_args()
    tmp = None
    path = args.db
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "web_bench.db"
    if not path.exists():
        print(f"generating {args.articles} articles into {path} ...", file=sys.stderr)
        print("generated:", generate(path, args.articles), file=sys.stderr)
    rows = bench(path, args.requests, warm=not args.cold)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'page':<22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'first ms':>8}")
        for r in rows:
            print(f"{r['page']:<22} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f} {r['first']:8.1f}")
        worst = max(rows, key=lambda r: r["p95"])
        print(f"worst p95: {worst['page']} {worst['p95']:.1f} ms ({'OK' if worst['p95'] < 100 else 'OVER'} "
              "the 100 ms target)")
    if tmp is not None and not args.keep:
        tmp.cleanup()


if __name__ == "__main__":
    main()
