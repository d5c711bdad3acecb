"""newstrace on Apache Spark: the per-article stages as a Spark job writing Parquet
(`newstrace.spark.job`), near-duplicate candidates through Spark ML's MinHashLSH
(`newstrace.spark.dedup`), and the loader that stores the Parquet and runs the corpus
stages (`newstrace.spark.load`). The row schema is in `newstrace.spark.rows`.

pyspark (and pyarrow for loading) come with the ``spark`` extra:
``pip install 'newstrace[spark]'``. Nothing here imports them at import time.
"""
