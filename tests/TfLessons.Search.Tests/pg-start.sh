#!/usr/bin/env bash
# Starts a private, throw-away PostgreSQL 15 cluster on loopback for the storage tests and
# prints the URL to use (export it as TFL_SEARCH_PG_URL). Idempotent: a running cluster in
# the same directory is reused. Usage: tests/pg-start.sh [dir] [port]
# Runs initdb/pg_ctl as the "postgres" OS user because PostgreSQL refuses to run as root.
set -euo pipefail
dir=${1:-/tmp/tfl-search-pg}
port=${2:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ ! -x "$bin/initdb" ]; then
  echo "pg-start: installing postgresql" >&2
  sudo_cmd=""; [ "$(id -u)" = "0" ] || sudo_cmd="sudo"
  flock /tmp/apt.lock $sudo_cmd apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
as_pg() { if [ "$(id -un)" = "postgres" ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
mkdir -p "$dir"; chown postgres "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
fi
if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  # Socket in the cluster dir so we never collide with a system cluster in /var/run/postgresql.
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
fi
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='tfl_search'" | grep -q 1 ||
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres tfl_search
echo "postgresql://postgres@127.0.0.1:$port/tfl_search"
