#!/usr/bin/env bash
# The database test suites on PostgreSQL: starts a throwaway server (scripts/pg-test-server.sh),
# migrates a template database with the checked-in PostgreSQL migrations, and runs the suites
# with every test database copied from it. Extra arguments replace the default suites.
set -euo pipefail
cd "$(dirname "$0")/.."
server="$(bash scripts/pg-test-server.sh 2> >(tee /tmp/policy-hub-pg-start.log >&2))"
pg_dir="$(sed -n 's/^PG_DIR=//p' /tmp/policy-hub-pg-start.log)"
trap 'bash scripts/pg-test-server.sh stop "$pg_dir"' EXIT
template="${server%/*}/policy_hub_template"
psql "$server" -q -c 'CREATE DATABASE policy_hub_template'
DATABASE_URL="$template" npx tsx scripts/db-migrate.ts >/dev/null
suites=("$@")
# tests/policies-api copies a SQLite file under the app's client: it stays on SQLite for now.
[ ${#suites[@]} -gt 0 ] || suites=(tests/executions)
POLICY_HUB_TEST_POSTGRES_URL="$server" npx vitest run "${suites[@]}"
