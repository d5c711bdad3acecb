"""Internal: disjoint sets over hashable, ordered keys (union-find with path halving).

The root of a set is its smallest key, so groups come out the same whatever order the
unions are made in."""
from __future__ import annotations

from collections import defaultdict
from typing import Hashable, Iterable


class UnionFind:
    def __init__(self, keys: Iterable[Hashable] = ()) -> None:
        self.parent: dict = {k: k for k in keys}

    def find(self, x: Hashable) -> Hashable:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: Hashable, b: Hashable) -> bool:
        """Join the sets of ``a`` and ``b``; False when they were one already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True

    def groups(self) -> dict[Hashable, list]:
        """Root -> members, members in the order they were first seen."""
        out: dict = defaultdict(list)
        for x in list(self.parent):
            out[self.find(x)].append(x)
        return out
