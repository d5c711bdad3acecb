"""How connected a store's name-link graph is: the part the actors stage re-clusters.

`_actorrun.Run.region` re-clusters the connected part of the candidate-link graph
(``actor_links``) around a run's nodes, not passing through gazetteer nodes. This prints,
for each store given, the actor nodes, the candidate links, the largest connected part
(nodes and share of all nodes) and the largest actor, counted the same way (union-find
over ``actor_links`` without ``GAZ|`` endpoints), optionally without some link rules.

    python bench/actor_graph_stats.py STORE.db [STORE2.db ...] [--without translit:token_alignment,part:surname] [--json]

It compares the synthetic bench's name graph (`bench/pipeline_bench.py --keep`) with one
of real articles (`bench/profile_pipeline.py --keep-db`) at the same size.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
from collections import Counter


def stats(path: str, without: frozenset[str] = frozenset()) -> dict:
    c = sqlite3.connect(path)
    nodes = [r[0] for r in c.execute("SELECT node FROM actor_nodes")]
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = 0
    for a, b, rule in c.execute("SELECT a, b, rule FROM actor_links"):
        if a.startswith("GAZ|") or b.startswith("GAZ|") or a not in parent or b not in parent:
            continue
        if rule in without or rule.split(":")[0] in without:
            continue
        links += 1
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    parts = Counter(find(n) for n in nodes)
    largest = max(parts.values()) if parts else 0
    actors = Counter(r[0] for r in c.execute("SELECT actor_id FROM actor_nodes WHERE actor_id IS NOT NULL"))
    articles = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    c.close()
    return {"store": path, "articles": articles, "nodes": len(nodes), "links": links,
            "largest_part": largest, "largest_share": round(largest / len(nodes), 3) if nodes else 0.0,
            "parts": len(parts), "largest_actor": max(actors.values()) if actors else 0,
            "without": sorted(without)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stores", nargs="+")
    ap.add_argument("--without", default="", help="link rules to leave out, comma-separated "
                    "(a rule 'translit:token_alignment' or its family 'part')")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    without = frozenset(x for x in args.without.split(",") if x)
    for path in args.stores:
        s = stats(path, without)
        if args.json:
            print(json.dumps(s))
        else:
            print(f"{path}: {s['articles']} articles, {s['nodes']} actor nodes, {s['links']} links, "
                  f"largest connected part {s['largest_part']} ({100 * s['largest_share']:.1f}%), "
                  f"{s['parts']} parts, largest actor {s['largest_actor']} nodes")


if __name__ == "__main__":
    main()
