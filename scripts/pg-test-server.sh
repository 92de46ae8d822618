#!/usr/bin/env bash
# Start (or stop) a throw-away PostgreSQL server for the tests on 127.0.0.1, in its own temp
# directory and on a free port, so two clones can test at once. Prints the URL to use as
# TEST_POSTGRES_URL. As root it runs the server as the postgres user (initdb refuses root);
# as anyone else, as that user.
#   PG_TEST_DIR=$(mktemp -d) scripts/pg-test-server.sh start [PORT]   -> prints postgresql://...
#   PG_TEST_DIR=... scripts/pg-test-server.sh stop                    (removes PG_TEST_DIR)
set -euo pipefail
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
DIR="${PG_TEST_DIR:?set PG_TEST_DIR to a directory of its own (it is removed by stop)}"

as_owner() {  # run a command as the user who owns the server's files
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

case "${1:-start}" in
  start)
    if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
      if [ "$(id -u)" != 0 ]; then
        echo "PostgreSQL server binaries not found: install postgresql, or run the SQLite half only (SKIP_POSTGRES=1)" >&2
        exit 1
      fi
      echo "PostgreSQL server binaries not found; installing postgresql" >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    fi
    PORT="${2:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
    mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
    as_owner "$PGBIN/initdb -D $DIR/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    as_owner "$PGBIN/pg_ctl -D $DIR/data -l $DIR/log -w -o '-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200' start" >/dev/null
    echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    if [ -d "$DIR/data" ]; then as_owner "$PGBIN/pg_ctl -D $DIR/data -m fast -w stop" >/dev/null 2>&1 || true; fi
    rm -rf "$DIR"
    ;;
esac
