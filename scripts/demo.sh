#!/usr/bin/env bash
# npm run demo: from a fresh clone to the app with demo data on http://localhost:${PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-lib.sh

PORT="${PORT:-3000}"
URL="http://localhost:${PORT}"

install_dependencies
npm run --silent db:migrate
npm run --silent db:seed
npx next build

# Announce the address once the server answers, so it is the last thing on screen.
node -e '
  const url = process.argv[1];
  const poll = () => fetch(url + "/projects").then(
    () => console.log("\n  Policy Hub is running: " + url + "\n  Stop it with Ctrl+C.\n"),
    () => setTimeout(poll, 500));
  poll();
' "$URL" &
exec npx next start -p "$PORT"
