"""The search syntax (SQLite FTS5's) as a PostgreSQL tsquery expression.

``newstrace search`` and the web search take FTS5 query syntax: words (ANDed), ``OR``,
``AND``, ``NOT``, parentheses, ``"quoted phrases"``, ``prefix*``, ``title:`` / ``text:``
column filters, ``NEAR(a b)`` and ``a + b`` phrase joins. SQLite reads it natively; on
PostgreSQL :func:`to_tsquery_sql` parses it and builds one SQL expression of
``to_tsquery(config, operand)`` leaves joined by ``&&``, ``||`` and ``!!`` (each operand is
quoted, so its words go through the same configuration as the documents: unaccented and
lower-cased). ``NEAR`` groups become AND (tsquery distances are exact, FTS5's are not);
``^`` (first token) is ignored. A query that is not valid FTS5 syntax raises
:class:`QuerySyntaxError`; callers then search the whole text as one phrase, like the
SQLite path does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuerySyntaxError", "phrase_sql", "to_tsquery_sql"]

#: title is weighted A in the documents' tsvector, the text D
COLUMN_WEIGHTS = {"title": "A", "text": "D"}


class QuerySyntaxError(ValueError):
    pass


_TOK = re.compile(r'\s+|"(?:[^"]|"")*"|[^\x00-\x7f\w]+|[\w\x1a\u0080-\U0010ffff]+|.', re.S)
_BARE = re.compile(r"[\w\x1a\u0080-\U0010ffff]+")


@dataclass
class _Leaf:
    text: str
    prefix: bool = False
    weights: str = ""


def _tokens(q: str) -> list[str]:
    out = []
    for m in _TOK.finditer(q):
        t = m.group()
        if not t.isspace():
            out.append(t)
    return out


class _Parser:
    def __init__(self, q: str, config: str) -> None:
        self.toks = _tokens(q)
        self.i = 0
        self.config = config
        self.args: list[str] = []
        self.leaves = 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> str:
        t = self.toks[self.i]
        self.i += 1
        return t

    def parse(self) -> str:
        if not self.toks:
            raise QuerySyntaxError("empty query")
        out = self.or_expr("")
        if self.peek() is not None:
            raise QuerySyntaxError(f"unexpected {self.peek()!r}")
        return out

    def or_expr(self, w: str) -> str:
        parts = [self.and_expr(w)]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_expr(w))
        return parts[0] if len(parts) == 1 else "(" + " || ".join(parts) + ")"

    def and_expr(self, w: str) -> str:
        parts = [self.not_expr(w)]
        while self.peek() is not None and self.peek() not in ("OR", ")"):
            if self.peek() == "AND":
                self.take()
            parts.append(self.not_expr(w))
        return parts[0] if len(parts) == 1 else "(" + " && ".join(parts) + ")"

    def not_expr(self, w: str) -> str:
        out = self.primary(w)
        while self.peek() == "NOT":
            self.take()
            out = f"({out} && !!{self.primary(w)})"
        return out

    def primary(self, w: str) -> str:
        t = self.peek()
        if t is None or t in ("AND", "OR", "NOT", ")"):
            raise QuerySyntaxError(f"expected a term, found {t!r}")
        # column filter: name ':' or '{' names '}' ':'
        if t == "{":
            self.take()
            names = []
            while self.peek() not in (None, "}"):
                names.append(self.take())
            if self.peek() != "}" or not names:
                raise QuerySyntaxError("unclosed column list")
            self.take()
            return self.filtered(names)
        if t == "-":
            raise QuerySyntaxError("column exclusion is not supported")
        if _BARE.fullmatch(t) and self.i + 1 < len(self.toks) and self.toks[self.i + 1] == ":":
            self.take()
            return self.filtered([t])
        if t == "(":
            return self.group(w)
        if t == "NEAR" and self.i + 1 < len(self.toks) and self.toks[self.i + 1] == "(":
            self.take()
            self.take()
            parts = []
            while self.peek() not in (None, ")", ","):
                parts.append(self.phrase(w))
            if self.peek() == ",":
                self.take()
                if not (self.peek() or "").isdigit():
                    raise QuerySyntaxError("NEAR distance must be a number")
                self.take()
            if self.peek() != ")" or not parts:
                raise QuerySyntaxError("unclosed NEAR group")
            self.take()
            return parts[0] if len(parts) == 1 else "(" + " && ".join(parts) + ")"
        if t == "^":
            self.take()
        return self.phrase(w)

    def group(self, w: str) -> str:
        self.take()
        out = self.or_expr(w)
        if self.peek() != ")":
            raise QuerySyntaxError("unbalanced parentheses")
        self.take()
        return out

    def filtered(self, names: list[str]) -> str:
        if self.peek() != ":":
            raise QuerySyntaxError("expected ':' after the column names")
        self.take()
        try:
            w = "".join(sorted(COLUMN_WEIGHTS[n.lower()] for n in names))
        except KeyError as e:
            raise QuerySyntaxError(f"no column {e.args[0]!r} (title, text)") from None
        t = self.peek()
        if t == "(":
            return self.group(w)
        if t == "^":
            self.take()
        return self.phrase(w)

    def phrase(self, w: str) -> str:
        """A string (bareword or quoted), '*' for a prefix, '+' joins strings into a phrase."""
        words = []
        prefix = False
        while True:
            t = self.peek()
            if t is None:
                raise QuerySyntaxError("expected a term")
            if t.startswith('"'):
                if len(t) < 2 or not t.endswith('"'):
                    raise QuerySyntaxError("unclosed quote")
                words.append(t[1:-1].replace('""', '"'))
            elif _BARE.fullmatch(t) and t not in ("AND", "OR", "NOT"):
                words.append(t)
            else:
                raise QuerySyntaxError(f"unexpected {t!r}")
            self.take()
            if self.peek() == "*":
                self.take()
                prefix = True
                break
            if self.peek() == "+":
                self.take()
                continue
            break
        return self.leaf(_Leaf(" ".join(words), prefix, w))

    def leaf(self, leaf: _Leaf) -> str:
        self.leaves += 1
        operand = "'" + leaf.text.replace("\\", "\\\\").replace("'", "''") + "'"
        mods = ("*" if leaf.prefix else "") + leaf.weights
        self.args.append(operand + (":" + mods if mods else ""))
        return f"to_tsquery('{self.config}', ?)"


def to_tsquery_sql(query: str, config: str = "newstrace") -> tuple[str, list[str], int]:
    """(SQL expression of type tsquery with ``?`` placeholders, its arguments, number of
    terms) for an FTS5-syntax query. Raises QuerySyntaxError."""
    p = _Parser(query, config)
    sql = p.parse()
    return sql, p.args, p.leaves


def phrase_sql(query: str, config: str = "newstrace") -> tuple[str, list[str], int]:
    """The whole query as one phrase (the fallback for text that is not FTS5 syntax)."""
    p = _Parser("", config)
    return p.leaf(_Leaf(query)), p.args, 1
