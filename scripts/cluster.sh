#!/usr/bin/env bash
# A local 3-instance cluster for trying several app instances: a throwaway PostgreSQL
# (scripts/pg-test-server.sh), a local Git HTTP server for the Platform Hub repository
# (npm run git:serve) and three `next start` instances on ports 3001-3003, each with its own
# instance id and clone. Ctrl+C stops everything. Builds the app first when there is no build.
#   CLUSTER_INSTANCES (default 3), CLUSTER_BASE_PORT (default 3000: instance i listens on base + i),
#   GIT_PORT (default 8418), PG_PORT (default: the first free port from 55432)
set -euo pipefail
cd "$(dirname "$0")/.."
instances="${CLUSTER_INSTANCES:-3}"
base_port="${CLUSTER_BASE_PORT:-3000}"
git_port="${GIT_PORT:-8418}"
work="$(mktemp -d /tmp/policy-hub-cluster-XXXXXX)"
pids=()
pg_dir=""

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "$pg_dir" ] || bash scripts/pg-test-server.sh stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT
# Ctrl+C or a TERM ends the script, and so runs the EXIT trap once.
trap 'exit 130' INT TERM

# Waits until something answers HTTP on the port (any status: the app redirects to sign-in).
answers() {
  local port="$1" what="$2"
  for _ in $(seq 1 240); do
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" && return 0
    sleep 0.5
  done
  echo "$what did not answer on port $port" >&2
  return 1
}

echo "starting PostgreSQL"
server="$(bash scripts/pg-test-server.sh 2>"$work/pg-start.log")" || { cat "$work/pg-start.log" >&2; exit 1; }
pg_dir="$(sed -n 's/^PG_DIR=//p' "$work/pg-start.log")"
psql "$server" -q -c 'CREATE DATABASE policy_hub'
export DATABASE_URL="${server%/*}/policy_hub"
npx tsx scripts/db-migrate.ts >/dev/null
npx tsx scripts/db-seed.ts

git_password="cluster-$RANDOM$RANDOM"
node --import tsx scripts/git-http-server.ts --root "$work/git" --port "$git_port" --user hub --password "$git_password" &
pids+=($!)
export PLATFORM_HUB_GIT_URL="http://127.0.0.1:$git_port/platform-hub.git"
export PLATFORM_HUB_GIT_USERNAME=hub PLATFORM_HUB_GIT_PASSWORD="$git_password"
answers "$git_port" "the Git server"

[ -f .next/BUILD_ID ] || npx next build
for i in $(seq 1 "$instances"); do
  port=$((base_port + i))
  # next itself, not npx: the trap's kill then reaches the server.
  POLICY_HUB_INSTANCE_ID="instance-$i" PLATFORM_HUB_REPO="$work/clone-$i" node_modules/.bin/next start -p "$port" \
    > >(sed -u "s/^/[instance-$i] /") 2>&1 &
  pids+=($!)
done
for i in $(seq 1 "$instances"); do answers $((base_port + i)) "instance-$i"; done

echo
for i in $(seq 1 "$instances"); do echo "  instance-$i: http://localhost:$((base_port + i))"; done
echo "  PostgreSQL: $DATABASE_URL"
echo "  Git remote: $PLATFORM_HUB_GIT_URL (user hub, password $git_password)"
echo "  Sign in as admin with the demo password (README, Signing in). Ctrl+C stops everything."
wait
