#!/usr/bin/env bash
# A local 3-instance cluster for trying several app instances: a throwaway PostgreSQL
# (scripts/pg-test-server.sh), a local Git HTTP server for the Platform Hub repository
# (npm run git:serve) and three `next start` instances on ports 3001-3003, each with its own
# instance id and clone. Ctrl+C stops everything. Builds the app first when there is no build.
#   CLUSTER_INSTANCES (default 3), CLUSTER_BASE_PORT (default 3000), PG_PORT (default 55432), GIT_PORT (default 8418)
set -euo pipefail
cd "$(dirname "$0")/.."
instances="${CLUSTER_INSTANCES:-3}"
base_port="${CLUSTER_BASE_PORT:-3000}"
git_port="${GIT_PORT:-8418}"
work="$(mktemp -d /tmp/policy-hub-cluster-XXXXXX)"
pids=()

server="$(bash scripts/pg-test-server.sh 2> >(tee "$work/pg-start.log" >&2))"
pg_dir="$(sed -n 's/^PG_DIR=//p' "$work/pg-start.log")"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash scripts/pg-test-server.sh stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

psql "$server" -q -c 'CREATE DATABASE policy_hub'
export DATABASE_URL="${server%/*}/policy_hub"
npx tsx scripts/db-migrate.ts >/dev/null
npx tsx scripts/db-seed.ts

git_password="cluster-$RANDOM$RANDOM"
npx tsx scripts/git-http-server.ts --root "$work/git" --port "$git_port" --user hub --password "$git_password" &
pids+=($!)
export PLATFORM_HUB_GIT_URL="http://127.0.0.1:$git_port/platform-hub.git"
export PLATFORM_HUB_GIT_USERNAME=hub PLATFORM_HUB_GIT_PASSWORD="$git_password"

[ -f .next/BUILD_ID ] || npx next build
for i in $(seq 1 "$instances"); do
  port=$((base_port + i))
  POLICY_HUB_INSTANCE_ID="instance-$i" PLATFORM_HUB_REPO="$work/clone-$i" PORT="$port" npx next start -p "$port" &
  pids+=($!)
  echo "instance-$i: http://localhost:$port"
done
echo "PostgreSQL: $DATABASE_URL   Git remote: $PLATFORM_HUB_GIT_URL (user hub)"
wait
