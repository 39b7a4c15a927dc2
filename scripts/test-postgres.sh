#!/usr/bin/env bash
# The database test suites on PostgreSQL: starts a throwaway server (scripts/pg-test-server.sh),
# migrates a template database with the checked-in PostgreSQL migrations, and runs the suites
# with every test database copied from it. File arguments replace the default suites; options
# (starting with -) go to vitest as well, e.g. --reporter=verbose.
set -euo pipefail
cd "$(dirname "$0")/.."
start_log="$(mktemp)"
server="$(bash scripts/pg-test-server.sh 2>"$start_log")" || { cat "$start_log" >&2; exit 1; }
pg_dir="$(sed -n 's/^PG_DIR=//p' "$start_log")"
rm -f "$start_log"
trap 'bash scripts/pg-test-server.sh stop "$pg_dir"' EXIT
template="${server%/*}/policy_hub_template"
psql "$server" -q -c 'CREATE DATABASE policy_hub_template'
DATABASE_URL="$template" npx tsx scripts/db-migrate.ts >/dev/null
suites=()
options=()
for arg in "$@"; do
  if [[ "$arg" == -* ]]; then options+=("$arg"); else suites+=("$arg"); fi
done
# What differs between the dialects: claims and leases across processes (cluster, worker,
# shutdown), the schema's triggers and raw SQL (ids, dashboards, compliance overview, audit page),
# the gate's writes, exemptions and the notification outbox written with audit records, the
# routes above them (policies-api, api-routes), and two instances committing through one Git
# remote (remote-api). The other database
# suites run the same Prisma queries and stay on SQLite only, to keep this step near two minutes
# (tests/http and tests/security pass on PostgreSQL too, but for audit-chain, which tampers with
# the SQLite file behind the app's back).
# Those that start several processes or check a deadline (cluster, shutdown, isolated evaluation)
# run after the rest, one file at a time, as in test:all: beside other files on two cores their
# children starve and miss deadlines for reasons that are not theirs.
process_suites=(tests/executions/cluster.test.ts tests/executions/worker-shutdown.test.ts tests/executions/isolated-evaluation.test.ts)
export POLICY_HUB_TEST_POSTGRES_URL="$server"
if [ ${#suites[@]} -gt 0 ]; then
  npx vitest run "${options[@]}" "${suites[@]}"
  exit
fi
suites=(
  tests/executions/worker.test.ts
  tests/executions/start-executions.test.ts tests/executions/demo-input.test.ts
  tests/executions/gate.test.ts tests/executions/gate-errors.test.ts
  tests/executions/api-routes.test.ts tests/policies-api
  lib/db/ids.test.ts lib/db/schema.test.ts lib/executions/dashboard.test.ts lib/compliance/overview.test.ts lib/audit/query/page.test.ts
  tests/exemptions tests/notifications
  tests/platform-hub/remote-api.test.ts tests/security/auth.test.ts
)
status=0
npx vitest run "${options[@]}" "${suites[@]}" || status=1
npx vitest run --no-file-parallelism "${options[@]}" "${process_suites[@]}" || status=1
exit "$status"
