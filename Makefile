# The two commands of the README.
.PHONY: demo test bench

demo:
	./scripts/setup.sh
	rm -f demo.db demo.db-wal demo.db-shm
	.venv/bin/newstrace analyze examples/demo --db demo.db
	.venv/bin/newstrace stats --db demo.db

# The suite runs twice: on SQLite, then on PostgreSQL (a throwaway cluster started by
# scripts/pg.sh for the session; every store the tests open is a fresh schema there).
test:
	./scripts/setup.sh --dev
	.venv/bin/python -m pytest -q
	NEWSTRACE_TEST_BACKEND=postgresql .venv/bin/python -m pytest -q

bench:
	.venv/bin/python bench/pipeline_bench.py --n 1000
