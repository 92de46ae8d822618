#!/usr/bin/env bash
# The test command: lint, type-check, then the whole suite on SQLite and PostgreSQL.
# Starts a throw-away PostgreSQL server (its own temp directory, a free port) when
# TEST_POSTGRES_URL is not set, and removes it afterwards. Works as root (CI) and as any user.
#   scripts/test.sh [pytest args]            the whole suite
#   SKIP_POSTGRES=1 scripts/test.sh          the SQLite half only, no PostgreSQL needed
set -euo pipefail
cd "$(dirname "$0")/.."
pg_dir=""
log="$(mktemp)"
cleanup() {
  if [ -n "$pg_dir" ]; then PG_TEST_DIR="$pg_dir" scripts/pg-test-server.sh stop || true; fi
  rm -f "$log"
}
trap cleanup EXIT
if [ -n "${SKIP_POSTGRES:-}" ]; then
  unset TEST_POSTGRES_URL
  export REQUIRE_POSTGRES=0
elif [ -z "${TEST_POSTGRES_URL:-}" ]; then
  pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/chefsnatverket-pg.XXXXXX")"
  TEST_POSTGRES_URL="$(PG_TEST_DIR="$pg_dir" scripts/pg-test-server.sh start)"
  export TEST_POSTGRES_URL
fi
export REQUIRE_POSTGRES="${REQUIRE_POSTGRES:-1}"
ruff check .
ruff format --check .
mypy
status=0
python -m pytest "$@" 2>&1 | tee "$log" || status=$?
# pytest's summary line, last, where a reader looks for it.
echo "test.sh: $(grep -E '(passed|failed|errors?|skipped|no tests ran).* in [0-9.]+s' "$log" | tail -1 | tr -d '=' | sed 's/^ *//; s/ *$//')"
exit "$status"
