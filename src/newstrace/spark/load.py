"""Load the Spark job's Parquet into a store (SQLite or any `Store`), then run the corpus
stages incrementally: ``newstrace load OUT --db FILE``.

Articles go through `pipeline.load_processed`, so what is stored is what ``analyze``
would have stored: an unchanged article (same content hash) is left alone, a repeated
content key is set aside with its reason, and the corpus stages run on what changed.
Rows are read in input order (``input_file``, ``input_pos``) in batches (pyarrow), so
memory stays bounded whatever the crawl size. The job's skipped inputs are recorded like
``analyze``'s; its near-duplicate pairs go to the ``near_duplicates`` table.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ..errors import NewstraceError, SkippedInput
from ..pipeline import PipelineOptions, ProgressFn, RunSummary, load_processed
from ..records import Article
from ..store import Store, select_in
from .rows import article_from_row

__all__ = ["MIGRATIONS", "load"]

MIGRATIONS: list[tuple[str, str]] = [
    (
        "spark_001_near_duplicates",
        """
        CREATE TABLE near_duplicates (
            a TEXT NOT NULL, b TEXT NOT NULL, jaccard REAL NOT NULL, method TEXT NOT NULL,
            PRIMARY KEY (a, b)
        );
        """,
    ),
]

READ_BATCH = 500


def _dataset(path: Path) -> Any:
    try:
        import pyarrow.dataset as ds
    except ImportError as e:  # pragma: no cover - depends on the install
        from ..errors import MissingDependency

        raise MissingDependency("pyarrow", "spark") from e
    if not path.is_dir() or not any(path.glob("*.parquet")):
        raise NewstraceError(f"{path}: no Parquet files here; is this the --out folder of `newstrace spark analyze`?")
    return ds.dataset(str(path), format="parquet")


def _articles(path: Path) -> Iterator[Article | SkippedInput]:
    data = _dataset(path)
    files = sorted(data.files)  # Spark writes part files in order of the sorted rows
    import pyarrow.dataset as ds

    for f in files:
        for batch in ds.dataset(f, format="parquet").to_batches(batch_size=READ_BATCH, use_threads=False):
            rows = [article_from_row(r) for r in batch.to_pylist()]
            rows.sort(key=lambda t: t[2])
            for a, _key, _order in rows:
                yield a


def load(out: str | Path, store: Store, options: PipelineOptions | None = None,
         progress: ProgressFn | None = None) -> RunSummary:
    """Store the job's output folder ``out`` and run the corpus stages."""
    out = Path(out)
    arts = out / "articles"
    _dataset(arts)
    total = _dataset(arts).count_rows()
    skipped_dir = out / "skipped"
    skipped: list[SkippedInput] = []
    if skipped_dir.is_dir() and any(skipped_dir.glob("*.parquet")):
        for r in _dataset(skipped_dir).to_table().to_pylist():
            skipped.append(SkippedInput(r["path"], f"{r['reason']}", r["line"]))

    def items() -> Iterator[Article | SkippedInput]:
        yield from skipped
        yield from _articles(arts)

    summary = load_processed(items(), store, options, progress, label=str(out), total=total)
    pairs_dir = out / "near_duplicates"
    if pairs_dir.is_dir() and any(pairs_dir.glob("*.parquet")):
        rows = [(r["a"], r["b"], float(r["jaccard"]), r["method"]) for r in _dataset(pairs_dir).to_table().to_pylist()]
        with store.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO near_duplicates(a, b, jaccard, method) VALUES (?, ?, ?, ?)", rows)
        linked = 0
        if store.has_table("reuse") and rows:
            ids = sorted({x for a, b, _j, _m in rows for x in (a, b)})
            have = {(r[0], r[1]) for r in select_in(store.conn, "SELECT a, b FROM reuse WHERE a IN", ids)}
            linked = sum((a, b) in have or (b, a) in have for a, b, _j, _m in rows)
        summary.corpus["near_duplicates"] = {"pairs": len(rows), "verified_by_reuse": linked}
    return summary
