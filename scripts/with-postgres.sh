#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server on 127.0.0.1, then stop and delete it.
#   scripts/with-postgres.sh make test
# The server comes from Debian's postgresql package (installed here if missing); the command
# gets TEST_DATABASE_URL (the test suite's database) pointing at it.
set -euo pipefail
PORT="${LEARNING_PG_PORT:-54329}"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PGBIN="$(find_bin)"
if [ -z "$PGBIN" ]; then
  echo "Installing PostgreSQL from the system packages..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN="$(find_bin)"
fi

DATA="$(mktemp -d /tmp/learning-pg.XXXXXX)"
as_postgres() {
  # PostgreSQL refuses to run as root; CI runs as root, developers usually do not.
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
cleanup() {
  as_postgres "$PGBIN/pg_ctl -D $DATA -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT

as_postgres "$PGBIN/initdb -D $DATA -A trust -U postgres --no-sync" >/dev/null
# fsync off: this server lives for one test run and is deleted afterwards.
as_postgres "$PGBIN/pg_ctl -D $DATA -o '-h 127.0.0.1 -p $PORT -k $DATA -F -c max_connections=200' -l $DATA/server.log -w start" >/dev/null
as_postgres "$PGBIN/psql -h 127.0.0.1 -p $PORT -U postgres -q -c 'CREATE DATABASE learning_test'" >/dev/null

export TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/learning_test"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
"$@"
