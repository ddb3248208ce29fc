#!/usr/bin/env bash
# Gavel's commands, on a machine that has Node.js 20 and npm:
#   bash scripts/gavel.sh start     install, build the web app and the server, start Gavel on :3000
#   bash scripts/gavel.sh test      install, build, then type-check and run every test
#   bash scripts/gavel.sh cluster   three nodes on PostgreSQL and Redis behind HAProxy on :3000 (Debian)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PNPM_VERSION=12.4.2

log() { printf '\n== %s\n' "$*"; }

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    if [ ! -x "$ROOT/.tools/node_modules/.bin/pnpm" ] || [ "$("$ROOT/.tools/node_modules/.bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
      log "installing pnpm $PNPM_VERSION into .tools/"
      npm install --prefix "$ROOT/.tools" --no-save --no-audit --no-fund "pnpm@$PNPM_VERSION" >/dev/null
    fi
    export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
  fi
}

install_deps() {
  ensure_pnpm
  # better-sqlite3 is built from source here, against this Node's headers.
  npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
  export npm_config_nodedir
  log "installing dependencies"
  pnpm install --frozen-lockfile
}

build_all() {
  log "building the web app and the server"
  pnpm build
}

# Debian packages the tests use: chromium with Arabic and Chinese fonts (browser
# tests, PDF export), xmllint (the Akoma Ntoso export checked against its
# schema), LibreOffice Writer and pdftotext (the DOCX export opened and laid out
# by LibreOffice, and read back; LibreOffice without its recommended extras),
# PostgreSQL (the PostgreSQL store's tests start their own server with initdb
# and pg_ctl where none answers on 127.0.0.1:5432), HAProxy and Redis (the
# cluster tests start their own, on free ports).
TEST_PACKAGES="chromium fonts-noto-core fonts-wqy-zenhei libxml2-utils poppler-utils postgresql haproxy redis-server"
TEST_PACKAGES_BARE="libreoffice-writer-nogui"
# Daemons live in /usr/sbin, which a user's PATH may lack.
has() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
has_postgresql() { has initdb || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
ensure_test_packages() {
  if has chromium && has xmllint && has pdftotext && has soffice && dpkg -s fonts-noto-core fonts-wqy-zenhei >/dev/null 2>&1 &&
    has_postgresql && has haproxy && has redis-server; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's $TEST_PACKAGES $TEST_PACKAGES_BARE for the tests"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $TEST_PACKAGES >/dev/null
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $TEST_PACKAGES_BARE >/dev/null
  else
    echo "The tests need Debian's packages: run 'sudo apt-get install -y $TEST_PACKAGES && sudo apt-get install -y --no-install-recommends $TEST_PACKAGES_BARE'." >&2
    exit 1
  fi
}

# What `cluster` runs: HAProxy, Redis and PostgreSQL (the last two used only where none answers already).
CLUSTER_PACKAGES="haproxy redis-server postgresql"
ensure_cluster_packages() {
  if has haproxy && has redis-server && has_postgresql; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's $CLUSTER_PACKAGES"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $CLUSTER_PACKAGES >/dev/null
  else
    echo "The cluster needs Debian's packages: run 'sudo apt-get install -y $CLUSTER_PACKAGES'." >&2
    exit 1
  fi
}

case "${1:-}" in
  start)
    install_deps
    build_all
    log "starting Gavel"
    # What `pnpm start` runs, in this process: no pnpm process (26 MiB) waiting beside the server, and a
    # signal to this command reaches the server itself.
    exec node packages/server/dist/main.js
    ;;
  test)
    install_deps
    build_all
    ensure_test_packages
    mkdir -p tests/artifacts
    rm -f tests/artifacts/vitest*.json
    # Three runs at once on the two cores, each of which leaves much of a core idle (waiting on timers, sockets,
    # fsync, child processes): the type check (about 35 s of one core), the browser tests (e2e: one file at a
    # time, about 400 s) and the four other projects (about 400 s). The first two print after the third.
    log "type-checking and running the browser tests (e2e) beside the other tests (their output follows)"
    pnpm typecheck >tests/artifacts/typecheck.log 2>&1 &
    typecheck=$!
    pnpm exec vitest run --project e2e --reporter=default --reporter=json --outputFile.json=tests/artifacts/vitest-e2e.json \
      >tests/artifacts/e2e.log 2>&1 &
    e2e=$!
    trap 'kill "$typecheck" "$e2e" 2>/dev/null || true' EXIT
    log "running the tests: shared, server, web, integration"
    status=0
    pnpm exec vitest run --project shared --project server --project web --project integration \
      --reporter=default --reporter=json --outputFile.json=tests/artifacts/vitest-others.json || status=$?
    log "the browser tests (e2e)"
    wait "$e2e" || status=1
    cat tests/artifacts/e2e.log
    # Tests that compare a latency under a load they make with the same latency without it: alone, once the
    # machine is quiet (beside the other runs, the machine's own load, not the server's, decided the figure).
    log "the measured tests, alone"
    pnpm exec vitest run --project measured --reporter=default --reporter=json --outputFile.json=tests/artifacts/vitest-measured.json \
      || status=1
    log "type-checking"
    typecheck_status=0
    wait "$typecheck" || typecheck_status=$?
    cat tests/artifacts/typecheck.log
    if [ "$typecheck_status" != 0 ]; then echo "The type check failed (exit $typecheck_status)." >&2; status=1; fi
    # One report of the whole run (tests/artifacts/vitest.json), and one plain closing line that any CI can read.
    node scripts/merge-vitest-json.mjs tests/artifacts/vitest.json tests/artifacts/vitest-others.json tests/artifacts/vitest-e2e.json tests/artifacts/vitest-measured.json || status=1
    exit $status
    ;;
  cluster)
    ensure_cluster_packages
    install_deps
    build_all
    log "starting three nodes behind HAProxy"
    exec node --import tsx tests/support/cluster-demo.ts
    ;;
  *)
    echo "usage: bash scripts/gavel.sh start|test|cluster" >&2
    exit 2
    ;;
esac
