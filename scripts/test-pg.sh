#!/usr/bin/env bash
# Runs the test suite — the server, api (API, websocket, crash, cluster) and e2e (here only the journey
# from an empty database) projects — against a real PostgreSQL 15 (Debian package) on a private
# data directory, listening on 127.0.0.1 only. Each test app or test server creates its own database
# and drops it after.
# Usage: scripts/test-pg.sh [vitest args]   e.g. `scripts/test-pg.sh tests/votes` (a filter), or
#        `scripts/test-pg.sh --project heavy` (given --project options replace the default three).
# YISHI_TEST_PG set already: uses that server instead of starting one.
set -euo pipefail
cd "$(dirname "$0")/.."

# Below Linux's ephemeral port range (32768–60999): a port in it can be held by the TIME-WAIT of some
# earlier client connection that happened to get it as its local port, and the server then cannot bind.
PG_PORT="${YISHI_PG_PORT:-25432}"
PG_DATA="${YISHI_PG_DATA:-/tmp/yishi-pg-data}"

if [ -z "${YISHI_TEST_PG:-}" ]; then
  PG_BIN=/usr/lib/postgresql/15/bin
  if [ ! -x "$PG_BIN/postgres" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql-15
  fi
  # PostgreSQL refuses to run as root: run it as the postgres user when we are root.
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  # Runs of this script at the same time share the server: each holds a shared lock (fd 9) while it
  # runs, and the last one to end stops a server that one of them started (one started otherwise is
  # left); starting it is one run at a time (fd 8).
  exec 8>"$PG_DATA.start.lock" 9>"$PG_DATA.lock"
  flock -s 9
  flock -x 8
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    # Test server only: durability is not what these tests measure, so fsync is off for speed.
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null 8>&- 9>&-
    touch "$PG_DATA.started-by-tests"
  fi
  flock -u 8
  trap 'if flock -n -x 9 && [ -f "$PG_DATA.started-by-tests" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null; rm -f "$PG_DATA.started-by-tests"; fi' EXIT
  export YISHI_TEST_PG="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
fi
# Names this run: test apps copy one demo database seeded at its start (testing/test-app.ts).
export YISHI_TEST_PG_RUN="${YISHI_TEST_PG_RUN:-run$(date +%s)_$$}"

# Core is pure (no database): the SQLite run covers it. The whole-suite pass here leaves out the
# tests driven through Chromium — what they check is the page; the requests behind them are tried on
# PostgreSQL by the server and API tests — except the journey from an empty database. Name files (or
# give --project) to run anything, browser tests included.
projects=(--project server --project api --project e2e)
if [ $# -eq 0 ]; then
  YISHI_TEST_EXCLUDE="$(grep -rl --include='*.test.ts' 'launchBrowser' tests | grep -v '^tests/journeys/' | sort | paste -sd, -)"
  export YISHI_TEST_EXCLUDE
fi
for arg in "$@"; do
  if [ "$arg" = --project ] || [[ "$arg" == --project=* ]]; then projects=(); fi
done
# The browser tests serve the built web app (turbo answers from its cache when nothing changed).
# YISHI_BUILT=1: the caller built everything already (for a caller running this beside another run:
# a second turbo run could restore the outputs that the other run's servers are reading).
if [ "${YISHI_BUILT:-}" != 1 ] && { [ ${#projects[@]} -gt 0 ] || [[ " $* " == *e2e* ]]; }; then
  npx turbo run build --filter=@yishi/web --output-logs=errors-only
fi
npx vitest run "${projects[@]}" "$@"
