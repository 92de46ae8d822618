#!/usr/bin/env bash
# The test command: lint, type-check, then the whole suite on SQLite and PostgreSQL.
# Starts a throw-away PostgreSQL server on 127.0.0.1 when TEST_POSTGRES_URL is not set
# (needs root for the postgres user; CI runs as root), and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
started_pg=""
if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  TEST_POSTGRES_URL="$(scripts/pg-test-server.sh start)"
  export TEST_POSTGRES_URL
  started_pg=1
fi
export REQUIRE_POSTGRES="${REQUIRE_POSTGRES:-1}"
cleanup() { [ -n "$started_pg" ] && scripts/pg-test-server.sh stop || true; }
trap cleanup EXIT
ruff check .
ruff format --check .
mypy
python -m pytest "$@"
