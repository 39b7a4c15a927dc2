#!/usr/bin/env bash
# npm run test:e2e: browser tests against the production build (built here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-lib.sh

ensure_chromium
[ -f .next/BUILD_ID ] || npx next build
rm -rf e2e-artifacts
npx playwright test "$@"
echo "Screenshots: e2e-artifacts/"
