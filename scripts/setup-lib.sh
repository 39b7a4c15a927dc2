# Shared by demo.sh, test-all.sh and test-e2e.sh. Source it; do not run it.

export NEXT_TELEMETRY_DISABLED=1

# Installs exactly what package-lock.json pins, unless node_modules already matches it:
# `npm ci` starts by deleting node_modules, which is slow and pulls the rug from under anything
# else using this working tree.
install_dependencies() {
  if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ] && [ ! package.json -nt node_modules/.package-lock.json ]; then
    echo "Dependencies match package-lock.json; skipping npm ci"
  else
    npm ci --no-audit --no-fund
  fi
  npx prisma generate
  # The PostgreSQL client (prisma/postgres/schema.prisma); a postgresql URL selects that schema, nothing connects.
  DATABASE_URL=postgresql://localhost/generate npx prisma generate
}

# The browser tests drive Debian's Chromium (Playwright's own download needs the internet).
ensure_chromium() {
  local browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ -x "$browser" ]; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    [ -x "$browser" ] && return 0
  fi
  echo "Chromium not found at $browser. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH." >&2
  return 1
}
