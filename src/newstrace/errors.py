"""Exceptions raised by newstrace.

    NewstraceError
    ├── InputError          a file or record cannot be read (names the file and the reason)
    │   └── SkippedInput    one input skipped by the batch runner (kept in the `skipped` table)
    ├── StoreError          the database cannot be opened or is not a newstrace database
    ├── GoldFormatError     an evaluation gold file is malformed
    ├── NotFound            an article, actor, story or narrative id that does not exist
    └── MissingDependency   an optional extra is not installed (message says what to install)
"""
from __future__ import annotations

__all__ = [
    "GoldFormatError",
    "InputError",
    "MissingDependency",
    "NewstraceError",
    "NotFound",
    "SkippedInput",
    "StoreError",
]


class NewstraceError(Exception):
    """Base class of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    def __init__(self, path: str, reason: str, line: int | None = None):
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


class GoldFormatError(NewstraceError):
    pass


class NotFound(NewstraceError):
    pass


class MissingDependency(NewstraceError):
    def __init__(self, package: str, extra: str):
        super().__init__(
            f"{package} is not installed; install it with: pip install 'newstrace[{extra}]'"
        )
