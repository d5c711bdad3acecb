"""The Spark job: the per-article stages over inputs bigger than one machine.

``run(paths, out, options)`` reads the same inputs as ``newstrace analyze`` (JSONL, WARC,
HTML folders, text, feeds: each input file is read by `newstrace.ingest.read_file` on an
executor), sets aside repeated ids, finds each outlet's repeated lines (boilerplate) over
the whole crawl, runs the pure per-article stages in ``mapPartitions`` (batches through
`pipeline.process_articles`, so ``<fn>_many`` batch forms are used; models are loaded once
per executor process through `newstrace.resources` and Spark's reused Python workers),
and writes Parquet under ``out``:

- ``out/articles``: one row per article with all its per-article records (`rows.SCHEMA`);
- ``out/skipped``: ``path, line, reason, stage`` of every input that could not be used;
- ``out/near_duplicates`` (``near_duplicates=True``): candidate pairs from Spark ML's
  MinHashLSH (`newstrace.spark.dedup`).

``newstrace load out --db ...`` then stores them and runs the corpus stages
(`newstrace.spark.load`). Input paths must be readable at the same path on every executor
(a shared file system, or local mode).
"""
from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import replace
from typing import Any, Iterable, Iterator

from ..errors import SkippedInput
from ..ingest import InputFile, Limits, find_inputs, read_file
from ..pipeline import (PipelineOptions, content_key, is_repeated, limit_threads, limits, line_keys,
                        process_articles)
from ..records import Article
from .rows import row_from_article, spark_schema

LOGGER = logging.getLogger(__name__)

__all__ = ["run", "session"]

#: Articles per call of the per-article stages inside a partition (batch forms see this many).
PARTITION_BATCH = 25
SKIPPED_SCHEMA = "path STRING, line LONG, reason STRING, stage STRING"


def session(master: str | None = None, app: str = "newstrace", conf: dict[str, str] | None = None) -> Any:
    """A SparkSession (``master`` e.g. ``local[2]``; None: whatever spark-submit set).
    Executors run this interpreter unless PYSPARK_PYTHON says otherwise."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:  # pragma: no cover - depends on the install
        from ..errors import MissingDependency

        raise MissingDependency("pyspark", "spark") from e
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    b = SparkSession.builder.appName(app)
    if master:
        b = b.master(master)
    settings = {"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "8",
                "spark.python.worker.reuse": "true", "spark.ui.showConsoleProgress": "false", "spark.sql.execution.arrow.pyspark.enabled": "false"}
    settings.update(conf or {})
    for k, v in settings.items():
        b = b.config(k, v)
    return b.getOrCreate()


def _read(task: tuple[int, str, str, Limits]) -> Iterator[tuple[str, Any]]:
    """Executor side: the raw articles of one input file, keyed by id, with their order."""
    index, path, root, caps = task
    from pathlib import Path

    for pos, item in enumerate(read_file(InputFile(Path(path), Path(root)), limits=caps)):
        if isinstance(item, SkippedInput):
            yield "", (index, pos, item)
        else:
            yield item.id, (index, pos, item)


def _first(a: tuple, b: tuple) -> tuple:
    return a if a[:2] <= b[:2] else b


def _outlet_lines(item: tuple[int, int, Article]) -> Iterator[tuple[tuple[str, str, bool], int]]:
    from ..outlet import detect_outlet

    a = detect_outlet(item[2])
    if a.outlet:
        keys, short = line_keys(a)
        for k in keys:
            yield (a.outlet, k, k in short), 1


def _process_partition(options: PipelineOptions) -> Any:
    def run(items: Iterable[tuple[int, int, Article]]) -> Iterator[tuple[str, tuple]]:
        limit_threads()
        batch: list[tuple[int, int, Article]] = []

        def flush() -> Iterator[tuple[str, tuple]]:
            keys = [content_key(a) for _i, _p, a in batch]  # as read, before the stages
            res = process_articles([a for _i, _p, a in batch], options)
            for (i, p, _a), key, r in zip(batch, keys, res):
                if isinstance(r, SkippedInput):
                    yield "s", (r.path, r.line, r.reason, "process")
                else:
                    yield "a", row_from_article(r, key, i, p)
            batch.clear()

        for item in items:
            batch.append(item)
            if len(batch) >= PARTITION_BATCH:
                yield from flush()
        if batch:
            yield from flush()

    return run


def run(paths: list[str], out: str, options: PipelineOptions | None = None, *, spark: Any = None,
        master: str | None = None, partitions: int | None = None, near_duplicates: bool = False) -> dict[str, Any]:
    """Run the job; returns counts and seconds. ``out`` is a folder (local or any URI
    Spark writes to); it is replaced."""
    options = options or PipelineOptions()
    t0 = time.perf_counter()
    spark = spark or session(master)
    sc = spark.sparkContext
    files, missing = find_inputs(paths)
    parts = partitions or max(2, sc.defaultParallelism * 2)
    tasks = [(i, str(f.path), str(f.root), limits(options)) for i, f in enumerate(files)]
    raw = sc.parallelize(tasks, max(1, min(len(tasks), parts))).flatMap(_read).cache()
    skipped: list[tuple] = [(m.path, m.line, m.reason, "read") for m in missing]
    skipped += [(s.path, s.line, s.reason, "read") for _k, (_i, _p, s) in raw.filter(lambda kv: kv[0] == "").collect()]
    arts = raw.filter(lambda kv: kv[0] != "")
    firsts = arts.reduceByKey(_first)  # one article per id: the first in input order
    dups = arts.map(lambda kv: (kv[0], (kv[1][:2], kv[1][2].source))).join(
        firsts.map(lambda kv: (kv[0], (kv[1][:2], kv[1][2].source)))).filter(lambda x: x[1][0][0] != x[1][1][0])
    for aid, ((_order, src), (_o2, first_src)) in dups.collect():
        skipped.append((src or aid, None, f"duplicate article id {aid!r} (already read from {first_src or ''})", "read"))
    items = firsts.values().cache()
    # boilerplate lines: per outlet, lines seen in enough articles of the whole crawl
    counts = items.flatMap(_outlet_lines).reduceByKey(lambda x, y: x + y)
    repeated: dict[str, set[str]] = {}
    for (outlet, key, short), n in counts.filter(lambda kv: is_repeated(kv[1], kv[0][2])).collect():
        repeated.setdefault(outlet, set()).add(key)
    opts = replace(options, workers=1, repeated_lines={o: frozenset(k) for o, k in repeated.items()})
    done = items.repartition(parts).mapPartitions(_process_partition(opts)).cache()
    rows = done.filter(lambda kv: kv[0] == "a").values()
    skipped += done.filter(lambda kv: kv[0] == "s").values().collect()
    df = spark.createDataFrame(rows, spark_schema()).orderBy("input_file", "input_pos")
    df.write.mode("overwrite").parquet(f"{out}/articles")
    n_articles = spark.read.parquet(f"{out}/articles").count()
    spark.createDataFrame(skipped, SKIPPED_SCHEMA).coalesce(1).write.mode("overwrite").parquet(f"{out}/skipped")
    result: dict[str, Any] = {"files": len(files), "articles": n_articles, "skipped": len(skipped),
                              "partitions": parts}
    if near_duplicates:
        from .dedup import near_duplicates as find_pairs

        pairs = find_pairs(spark.read.parquet(f"{out}/articles"))
        pairs.write.mode("overwrite").parquet(f"{out}/near_duplicates")
        result["near_duplicate_pairs"] = spark.read.parquet(f"{out}/near_duplicates").count()
    for r in (raw, items, done):
        r.unpersist()
    result["seconds"] = round(time.perf_counter() - t0, 2)
    return result
