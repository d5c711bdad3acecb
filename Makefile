# The two commands of the README.
.PHONY: demo test bench profile spark-bench

demo:
	./scripts/setup.sh
	rm -f demo.db demo.db-wal demo.db-shm
	.venv/bin/newstrace analyze examples/demo --db demo.db
	.venv/bin/newstrace stats --db demo.db

# The suite runs twice, at once: on SQLite and on PostgreSQL (a throwaway cluster started
# by scripts/pg.sh for the session; every store the tests open is a fresh schema there).
test:
	./scripts/setup.sh --dev
	./scripts/test.sh

bench:
	.venv/bin/python bench/pipeline_bench.py --n 1000

# CPU profile of the whole pipeline on real articles (../shared/corpus); see bench/PROFILE.md
profile:
	.venv/bin/python bench/profile_pipeline.py --n 300

# the Spark job with 1 and 2 local executors (needs the spark extra and Java 17+)
spark-bench:
	.venv/bin/python bench/spark_bench.py --n 300
