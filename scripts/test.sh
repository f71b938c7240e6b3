#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine: installs what the tests need (Chromium,
# CJK fonts, poppler, a PostgreSQL server) when absent, installs the npm packages, starts a
# disposable PostgreSQL cluster on a free loopback port, runs unit, database (PGlite and
# PostgreSQL) and browser tests, and stops the cluster again, also when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

# --- System packages ---------------------------------------------------------------------------
source scripts/system-packages.sh
ensure_packages chromium fonts-noto-cjk poppler-utils
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
	ensure_packages postgresql
	pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# --- npm packages ------------------------------------------------------------------------------
log "npm ci"
npm ci --loglevel=warn --no-audit --no-fund

# --- A disposable PostgreSQL cluster -----------------------------------------------------------
pg_dir=$(mktemp -d /tmp/pacer-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_postgres() {
	if [ -f "$pg_dir/data/postmaster.pid" ]; then
		as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true
	fi
	rm -rf "$pg_dir"
}
trap stop_postgres EXIT
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
log "starting PostgreSQL ($("$pg_bin/postgres" --version)) on 127.0.0.1:$pg_port"
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U app --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -o "-h 127.0.0.1 -p $pg_port -k $pg_dir" -w start >/dev/null
postgres_url="postgres://app@127.0.0.1:$pg_port/postgres"
# The fault tests restart PostgreSQL: they start clusters of their own with these binaries.
export PACER_PG_BIN="$pg_bin"

# --- Tests -------------------------------------------------------------------------------------
log "type check"
npm run check --loglevel=warn

log "unit tests"
npx vitest run --project unit

log "database tests on PGlite"
PACER_TEST_BACKEND=pglite npx vitest run --project db

log "database tests on PostgreSQL"
PACER_TEST_BACKEND=postgres DATABASE_URL="$postgres_url" npx vitest run --project db

log "build"
npm run build --loglevel=warn

log "browser tests, server on PGlite"
PACER_TEST_BACKEND=pglite npx vitest run --project e2e

log "browser tests, server on PostgreSQL"
PACER_TEST_BACKEND=postgres DATABASE_URL="$postgres_url" npx vitest run --project e2e

log "all tests passed"
