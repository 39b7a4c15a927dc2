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

summary() {
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
# Tests that start several processes or measure latency run alone, one file at a time, after
# the rest: in parallel with other files on two cores their children starve (SQLite lock waits,
# missed deadlines) and they fail for reasons that are not theirs.
process_tests=(
  tests/executions/cluster.test.ts
  tests/executions/worker-shutdown.test.ts
  tests/executions/isolated-evaluation.test.ts
  tests/platform-hub/crash.test.ts
)
excludes=()
for f in "${process_tests[@]}"; do excludes+=(--exclude "$f"); done
run_step "unit tests (vitest)" npx vitest run "${excludes[@]}"
run_step "process tests (vitest, one file at a time)" npx vitest run --no-file-parallelism "${process_tests[@]}"
run_step "database suites on PostgreSQL" bash scripts/test-postgres.sh
run_step "Rego conformance" npm run --silent conformance
run_step "bench:scale (small)" npm run --silent bench:scale -- --size small
if run_step "production build (next build)" npx next build; then
  run_step "browser tests (playwright)" bash scripts/test-e2e.sh
else
  results+=("SKIP  browser tests (no build)")
fi

summary
exit "$failed"
