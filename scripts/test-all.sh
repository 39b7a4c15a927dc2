#!/usr/bin/env bash
# npm run test:all: everything CI checks, from a fresh clone: install, type-check, unit tests,
# Rego conformance, production build and browser tests. Ends with a summary; exits non-zero
# when any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-lib.sh

started=$SECONDS
results=()
failed=0

run_step() {
  local name="$1"
  shift
  local step_started=$SECONDS
  echo
  echo "==> ${name}"
  if "$@"; then
    results+=("PASS  ${name} ($((SECONDS - step_started))s)")
    return 0
  fi
  results+=("FAIL  ${name} ($((SECONDS - step_started))s)")
  failed=1
  return 1
}

# Runs a command with its output also appended to a log, so the summary can name failed tests
# (a CI log is often read only from its end).
run_logged() {
  local log="$1"
  shift
  "$@" 2>&1 | tee -a "$log"
  return "${PIPESTATUS[0]}"
}

summary() {
  if [ -n "${vitest_log:-}" ] && grep -qE '^ *(FAIL|×) ' <(sed 's/\x1b\[[0-9;]*m//g' "$vitest_log"); then
    echo
    echo "==> Failed tests"
    sed 's/\x1b\[[0-9;]*m//g' "$vitest_log" | grep -E '^ *(FAIL|×) ' | sort -u | head -40
  fi
  echo
  echo "==> Summary ($((SECONDS - started))s)"
  printf '  %s\n' "${results[@]}"
  # The last line counts the steps, so whoever reads only the end of the log reads the verdict.
  local passed failed
  passed=$(printf '%s\n' "${results[@]}" | grep -c '^PASS')
  failed=$(printf '%s\n' "${results[@]}" | grep -vc '^PASS')
  echo "steps: ${passed} passed, ${failed} failed"
}

# Nothing else can run without these.
if ! run_step "install dependencies" install_dependencies || ! run_step "Chromium for browser tests" ensure_chromium; then
  summary
  exit 1
fi

run_step "type-check (tsc --noEmit)" npx tsc --noEmit
run_step "lint (eslint)" npm run --silent lint
# Tests that start several processes or check a deadline (time limits, a responsive main
# thread, compile caps) run alone, one file at a time, after the rest: in parallel with other
# files on two cores their children starve (SQLite lock waits, missed deadlines) and they fail
# for reasons that are not theirs.
process_tests=(
  tests/executions/cluster.test.ts
  tests/executions/worker-shutdown.test.ts
  tests/executions/isolated-evaluation.test.ts
  tests/platform-hub/crash.test.ts
  lib/evaluation-pool/pool.test.ts
  lib/rego/limits.test.ts
  lib/rego/fuzz.test.ts
  scripts/rego-cli.test.ts
)
excludes=()
for f in "${process_tests[@]}"; do excludes+=(--exclude "$f"); done
vitest_log=$(mktemp)
run_step "unit tests (vitest)" run_logged "$vitest_log" npx vitest run "${excludes[@]}"
run_step "process and deadline tests (vitest, one file at a time)" run_logged "$vitest_log" npx vitest run --no-file-parallelism "${process_tests[@]}"
run_step "database suites on PostgreSQL" run_logged "$vitest_log" bash scripts/test-postgres.sh
run_step "Rego conformance" npm run --silent conformance
run_step "bench:scale (small, SQLite)" npm run --silent bench:scale -- --size small
run_step "bench:scale (small, PostgreSQL)" npm run --silent bench:scale -- --size small --db postgres
if run_step "production build (next build)" npx next build; then
  run_step "browser tests (playwright)" bash scripts/test-e2e.sh
else
  results+=("SKIP  browser tests (no build)")
fi

summary
exit "$failed"
