#!/usr/bin/env bash
# Start (or stop) a throw-away PostgreSQL server for the tests, as the postgres user on
# 127.0.0.1, in a temp dir. Prints the URL to use as TEST_POSTGRES_URL.
#   scripts/pg-test-server.sh start [PORT]   -> prints postgresql://...
#   scripts/pg-test-server.sh stop
set -euo pipefail
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
DIR="${PG_TEST_DIR:-/tmp/chefsnatverket-pg}"
PORT="${2:-54329}"
case "${1:-start}" in
  start)
    if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
      echo "PostgreSQL server binaries not found; installing postgresql" >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    fi
    if [ -f "$DIR/data/postmaster.pid" ] && su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $DIR/data status" >/dev/null 2>&1; then
      echo "postgresql://postgres@127.0.0.1:$PORT/postgres"; exit 0
    fi
    rm -rf "$DIR"; mkdir -p "$DIR"; chown postgres "$DIR"
    su postgres -s /bin/sh -c "$PGBIN/initdb -D $DIR/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $DIR/data -l $DIR/log -w -o '-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200' start" >/dev/null
    echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    [ -d "$DIR/data" ] && su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $DIR/data -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
esac
