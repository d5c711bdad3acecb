"""Internal: bounded reading for `ingest`: every byte read from an input goes through a
`CappedStream` (a per-file cap on decompressed bytes, so a gzip bomb stops early),
lines are read with a length cap (a line that never ends is skipped without being held
in memory), and parsed values are checked before they become records (nesting depth,
lone surrogates)."""
from __future__ import annotations

import gzip
import io
import zlib
from typing import Any, BinaryIO, Iterator

from .errors import SkippedInput

__all__ = ["CappedStream", "OverCap", "bad_unicode", "iter_lines", "json_depth", "open_input",
           "read_capped"]

CHUNK = 1 << 16


class OverCap(Exception):
    """The per-file cap on (decompressed) bytes was reached."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class CappedStream(io.RawIOBase):
    """A read-only stream over ``raw`` that raises `OverCap` once more than ``cap`` bytes
    were read (after decompression), and, when ``max_line`` is set, once a line grows
    longer than ``max_line`` bytes (for readers that read whole lines, such as warcio)."""

    def __init__(self, raw: BinaryIO, cap: int, *, max_line: int | None = None, what: str = "input"):
        self.raw = raw
        self.cap = cap
        self.max_line = max_line
        self.what = what
        self.count = 0
        self.line_len = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def read(self, n: int = -1) -> bytes:  # type: ignore[override]
        room = self.cap - self.count
        if n is None or n < 0:
            n = room + 1
        try:
            data = self.raw.read(min(n, room)) if room > 0 else b""
            if not data and n > 0 and room <= 0 and self.raw.read(1):
                raise OverCap(f"over the per-file cap of {self.cap} bytes (decompressed); "
                              "raise it with --max-file-bytes")
        except (OSError, EOFError, zlib.error) as e:  # corrupt or truncated gzip
            raise SkippedInput(self.what, f"cannot decompress after {self.count} bytes: {e}") from None
        self.count += len(data)
        if self.max_line is not None and data:
            nl = data.rfind(b"\n")
            self.line_len = len(data) - nl - 1 if nl >= 0 else self.line_len + len(data)
            if self.line_len > self.max_line:
                raise OverCap(f"a line longer than {self.max_line} bytes at byte {self.count - self.line_len}")
        return data

    def close(self) -> None:
        try:
            self.raw.close()
        finally:
            super().close()


def open_input(path: Any, gz: bool, cap: int, *, max_line: int | None = None,
               what: str = "input") -> CappedStream:
    """The file's bytes (decompressed when ``gz``) under the per-file cap."""
    raw: BinaryIO = open(path, "rb")
    if gz:
        raw = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
    return CappedStream(raw, cap, max_line=max_line, what=what)


def read_capped(stream: BinaryIO, limit: int) -> bytes | None:
    """All of ``stream`` when it holds at most ``limit`` bytes, else None."""
    buf = bytearray()
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - len(buf)))
        if not chunk:
            return bytes(buf)
        buf += chunk
        if len(buf) > limit:
            return None


def iter_lines(stream: BinaryIO, max_line: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line number, bytes without the line break, length)`` for each line; the bytes
    are None for a line longer than ``max_line`` (its bytes are dropped as they are read,
    never held whole)."""
    lineno = 0
    buf = b""
    dropping = 0  # > 0: inside an over-long line, this many bytes seen
    read = getattr(stream, "read1", stream.read)  # one raw read at a time: a cap raised later loses nothing
    while True:
        chunk = read(CHUNK)
        if not chunk:
            break
        start = 0
        while True:
            nl = chunk.find(b"\n", start)
            if nl < 0:
                rest = chunk[start:]
                if dropping:
                    dropping += len(rest)
                elif len(buf) + len(rest) > max_line:
                    dropping = len(buf) + len(rest)
                    buf = b""
                else:
                    buf += rest
                break
            piece = chunk[start:nl]
            lineno += 1
            if dropping:
                yield lineno, None, dropping + len(piece)
                dropping = 0
            elif len(buf) + len(piece) > max_line:
                yield lineno, None, len(buf) + len(piece)
            else:
                line = buf + piece
                yield lineno, line, len(line)
            buf = b""
            start = nl + 1
    if dropping:
        yield lineno + 1, None, dropping
    elif buf:
        yield lineno + 1, buf, len(buf)


def json_depth(obj: Any, limit: int) -> bool:
    """True when ``obj`` nests at most ``limit`` containers deep (checked without recursion)."""
    stack = [(obj, 1)]
    while stack:
        o, d = stack.pop()
        if isinstance(o, dict):
            if d > limit:
                return False
            stack.extend((v, d + 1) for v in o.values())
        elif isinstance(o, list):
            if d > limit:
                return False
            stack.extend((v, d + 1) for v in o)
    return True


def bad_unicode(obj: Any, field: str = "") -> str | None:
    """The name of the first field of ``obj`` (a parsed JSON value) holding a string that
    cannot be stored as UTF-8 (a lone surrogate such as ``\\ud800``), else None."""
    stack: list[tuple[Any, str]] = [(obj, field)]
    while stack:
        o, name = stack.pop()
        if isinstance(o, str):
            try:
                o.encode("utf-8")
            except UnicodeEncodeError:
                return name or "(value)"
        elif isinstance(o, dict):
            for k, v in o.items():
                stack.append((k, name or "(key)"))
                stack.append((v, f"{name}.{k}" if name else str(k)))
        elif isinstance(o, list):
            stack.extend((v, name) for v in o)
    return None
