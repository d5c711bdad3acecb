"""Exceptions raised by newstrace.

    NewstraceError
    ├── InputError          a file or record cannot be read (names the file and the reason)
    │   └── SkippedInput    one input skipped by the batch runner (kept in the `skipped` table)
    ├── StoreError          the database cannot be opened or is not a newstrace database
    │   └── StoreBusy       another process holds the write lock longer than the busy timeout
    ├── GoldFormatError     an evaluation gold file is malformed
    ├── NotFound            an article, actor, story or narrative id that does not exist
    ├── BadArgument         a filter or query the user gave is not valid (a date, a query too long)
    └── MissingDependency   an optional extra is not installed (message says what to install)
"""
from __future__ import annotations

__all__ = [
    "BadArgument",
    "GoldFormatError",
    "InputError",
    "MissingDependency",
    "NewstraceError",
    "NotFound",
    "SkippedInput",
    "StoreBusy",
    "StoreError",
    "printable",
    "short",
]

#: Skip reasons are cut to this many characters (they may quote hostile input).
MAX_REASON_CHARS = 300


def printable(s: object) -> str:
    """``s`` as text that can always be stored and printed: lone surrogates (from a file
    name that is not UTF-8, or a ``\\ud800`` escape) and control characters other than
    tab and line breaks are written as backslash escapes."""
    s = str(s)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        try:  # a file name's undecodable bytes (surrogateescape): show the bytes
            s = s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            s = s.encode("utf-8", "backslashreplace").decode("utf-8")
    if any(ord(ch) < 32 and ch not in "\t\n\r" or ord(ch) == 127 for ch in s):
        s = "".join(f"\\x{ord(ch):02x}" if (ord(ch) < 32 and ch not in "\t\n\r") or ord(ch) == 127
                    else ch for ch in s)
    return s


def short(s: object, limit: int = 60) -> str:
    """A value quoted in a message: printable, on one line, at most ``limit`` characters."""
    t = printable(s).replace("\n", "\\n").replace("\r", "\\r")
    return t if len(t) <= limit else t[:limit] + f"… ({len(t)} chars)"


class NewstraceError(Exception):
    """Base class of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    def __init__(self, path: str, reason: str, line: int | None = None):
        path, reason = printable(path), printable(reason)
        if len(reason) > MAX_REASON_CHARS:
            reason = reason[:MAX_REASON_CHARS] + "…"
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # picklable: skipped inputs come back from worker processes
        return (type(self), (self.path, self.reason, self.line))


class SkippedInput(InputError):
    pass


class StoreError(NewstraceError):
    pass


class StoreBusy(StoreError):
    """The database is locked by another writer (an `analyze` run, an actor merge)."""


class GoldFormatError(NewstraceError):
    pass


class NotFound(NewstraceError):
    pass


class BadArgument(NewstraceError):
    pass


class MissingDependency(NewstraceError):
    def __init__(self, package: str, extra: str):
        super().__init__(
            f"{package} is not installed; install it with: pip install 'newstrace[{extra}]'"
        )
