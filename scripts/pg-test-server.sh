#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster in a temporary folder for tests, benchmarks and the local
# cluster, installing Debian's postgresql package when it is missing. Prints the DATABASE_URL of
# its "postgres" database on stdout and PG_DIR=<folder> on stderr;
# `scripts/pg-test-server.sh stop DIR` stops it and removes DIR.
#   PG_PORT picks the port; without it the first free one from 55432 is taken, so several runs
#   (a test run beside a benchmark) do not collide. The server listens on 127.0.0.1 only.
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
  dir="$2"
  runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing Debian's postgresql package" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
dir="$(mktemp -d /tmp/policy-hub-pg-XXXXXX)"
chown postgres "$dir"
# The server refuses to run as root: the cluster belongs to the postgres system user.
as_pg() { runuser -u postgres -- "$@"; }
as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
start() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
}
if [ -n "${PG_PORT:-}" ]; then
  port="$PG_PORT"
  start "$port"
else
  # A free port can be taken by another run between the check and the start: then the next one.
  started=""
  for port in $(seq 55432 55531); do
    listening "$port" && continue
    start "$port" && started=1 && break
  done
  [ -n "$started" ] || { echo "no free port from 55432 to 55531" >&2; exit 1; }
fi
echo "PG_DIR=$dir" >&2
echo "postgresql://postgres@127.0.0.1:$port/postgres"
