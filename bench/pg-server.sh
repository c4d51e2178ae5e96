#!/usr/bin/env bash
# A PostgreSQL 15 (Debian package) for benchmarks, with the durability a deployment has: fsync=on,
# synchronous_commit=on, full_page_writes=on (the defaults), so an acknowledged commit is on disk.
# Unlike the test server of scripts/test-pg.sh (fsync=off, port 25432), figures measured on this one
# are honest. Private data directory, 127.0.0.1 only, trust authentication for the local user postgres.
#
#   bench/pg-server.sh start    # prints the admin URL to pass as BENCH_PG
#   bench/pg-server.sh stop
#
# YISHI_BENCH_PG_PORT (default 55433) and YISHI_BENCH_PG_DATA (default /tmp/yishi-pg-bench-data).
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT="${YISHI_BENCH_PG_PORT:-55433}"
PG_DATA="${YISHI_BENCH_PG_DATA:-/tmp/yishi-pg-bench-data}"

if [ ! -x "$PG_BIN/postgres" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql-15
fi
# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
  start)
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
      mkdir -p "$PG_DATA"
      if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_DATA"; fi
      as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w start \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k /tmp -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=100" >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$PG_PORT/postgres"
    ;;
  stop)
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
