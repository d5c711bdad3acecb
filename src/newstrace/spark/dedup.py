"""Near-duplicate candidates at crawl scale through Spark ML's MinHashLSH.

Each article becomes the set of its word 5-gram shingles (the same tokens and shingles
as `newstrace.reuse`: ``reuse.tokens`` + ``reuse.shingles``), hashed into a 2^24-wide
binary sparse vector; ``MinHashLSH.approxSimilarityJoin`` returns the pairs whose
estimated Jaccard distance is at most ``1 - reuse.LSH_THRESHOLD`` (similarity >= 0.5, the
threshold of reuse's own band index), each pair once (``a < b``).

Output columns: ``a, b`` (article ids), ``jaccard`` (estimated shingle Jaccard
similarity), ``method`` = ``spark-minhashlsh``. `newstrace load` stores them in the
``near_duplicates`` table; the reuse stage's own SQL band index (same shingles, same
threshold) finds the same candidates incrementally for everything loaded, and
``load`` reports how many Spark pairs it verified as copies (`spark.load`).
"""
from __future__ import annotations

from typing import Any

from .. import reuse

__all__ = ["FEATURES", "TABLES", "near_duplicates", "shingle_indices"]

FEATURES = 1 << 24
TABLES = 8
SEED = 7


def shingle_indices(text: str) -> list[int]:
    """Sorted distinct feature indices of a text's word 5-gram shingles."""
    return sorted({h % FEATURES for h in reuse.shingles(reuse.tokens(text))})


def near_duplicates(articles: Any, threshold: float = reuse.LSH_THRESHOLD) -> Any:
    """Candidate pairs (DataFrame ``a, b, jaccard, method``) among ``articles`` (a
    DataFrame with ``id`` and ``text``)."""
    from pyspark.ml.feature import MinHashLSH
    from pyspark.ml.linalg import SparseVector, VectorUDT
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType([StructField("id", StringType(), False), StructField("features", VectorUDT(), False)])

    def vec(row: Any) -> Any:
        idx = shingle_indices(row["text"] or "")
        return (row["id"], SparseVector(FEATURES, idx, [1.0] * len(idx))) if idx else None

    spark = articles.sparkSession
    feats = spark.createDataFrame(articles.select("id", "text").rdd.map(vec).filter(lambda r: r is not None), schema)
    model = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=TABLES, seed=SEED).fit(feats)
    joined = model.approxSimilarityJoin(feats, feats, 1.0 - threshold, distCol="distance")
    return (joined.where(F.col("datasetA.id") < F.col("datasetB.id"))
            .select(F.col("datasetA.id").alias("a"), F.col("datasetB.id").alias("b"),
                    F.round(1.0 - F.col("distance"), 4).alias("jaccard"))
            .withColumn("method", F.lit("spark-minhashlsh"))
            .orderBy("a", "b"))
