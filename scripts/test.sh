#!/usr/bin/env bash
# The test suite on both back ends, at once (the two runs share the machine's cores: the
# PostgreSQL run mostly waits on its server): SQLite in the foreground, PostgreSQL in the
# background with its output kept and shown after. Fails when either run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp "${TMPDIR:-/tmp}/newstrace-pg-tests.XXXXXX")
NEWSTRACE_TEST_BACKEND=postgresql .venv/bin/python -m pytest -q -rfExX -p no:cacheprovider "$@" >"$log" 2>&1 &
pg=$!
echo "== SQLite run" >&2
.venv/bin/python -m pytest -q "$@"
sqlite_rc=$?
wait "$pg"
pg_rc=$?
echo "== PostgreSQL run (NEWSTRACE_TEST_BACKEND=postgresql)" >&2
cat "$log"
rm -f "$log"
echo "SQLite run: exit $sqlite_rc; PostgreSQL run: exit $pg_rc" >&2
[ "$sqlite_rc" = 0 ] && [ "$pg_rc" = 0 ]
