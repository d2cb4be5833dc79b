#!/usr/bin/env bash
# Every test Flowdeck has (the README's test command, `npm test`):
#   lint -> typecheck -> unit + integration (vitest, inside a D-Bus session with an unlocked gnome-keyring)
#   -> bundle -> e2e (Playwright in Debian Chromium against serve mode), twice: with the demo's clock at the fixed
#   instant (test/e2e/instant.ts), then at a second instant chosen at random for this run -> electronegativity scan.
# Installs the system packages it needs when run as root with apt-get; otherwise prints the command to run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/toolchain.sh

log() { printf 'flowdeck test: %s\n' "$*"; }

# --- system prerequisites -------------------------------------------------------------------------------------
have_libsecret() {
  { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libsecret-1; } ||
    compgen -G '/usr/lib/*/libsecret-1.so' >/dev/null || compgen -G '/usr/lib/libsecret-1.so' >/dev/null
}
needs_npm_ci() {
  [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus)
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=(gnome-keyring)
have_libsecret || missing+=(libsecret-1-dev)
if needs_npm_ci; then
  # keytar has no reachable prebuilt binary here: `npm ci` compiles it with node-gyp.
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  command -v make >/dev/null 2>&1 || missing+=(make)
  command -v g++ >/dev/null 2>&1 || missing+=(g++)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "missing system packages: ${missing[*]}"
    if command -v apt-get >/dev/null 2>&1; then
      log "run this, then run the tests again:"
      echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    else
      log "install the equivalents of these Debian packages with your system's package manager, then run again."
    fi
    exit 1
  fi
fi

if needs_npm_ci; then
  log "node_modules is missing or older than package-lock.json: running npm ci"
  npm ci --no-audit --no-fund
fi

# --- steps ----------------------------------------------------------------------------------------------------
summary=()
failed=0

# step NAME CMD...: runs CMD with a header, records status and duration; never stops the script.
step() {
  local name=$1 start=$SECONDS rc=0
  shift
  printf '\n==== %s: %s\n' "$name" "$*"
  "$@" || rc=$?
  local took=$((SECONDS - start))
  if [ "$rc" -eq 0 ]; then
    printf '==== %s: ok in %ss\n' "$name" "$took"
    summary+=("$name ok ${took}s")
  else
    printf '==== %s: FAILED (exit %s) in %ss\n' "$name" "$rc" "$took"
    summary+=("$name FAILED ${took}s")
    failed=1
  fi
  return "$rc"
}
skip() {
  printf '\n==== %s: SKIPPED (%s)\n' "$1" "$2"
  summary+=("$1 SKIPPED")
}

# Tests run inside their own session bus with an unlocked gnome-keyring, so keytar reaches a real Secret Service.
# The keyring lives in a throwaway XDG_DATA_HOME: a developer's own login keyring is never touched.
keyring_dir="$(mktemp -d)"
trap 'rm -rf "$keyring_dir"' EXIT
in_keyring_session() {
  XDG_DATA_HOME="$keyring_dir" dbus-run-session -- bash -c \
    'echo -n flowdeck | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' keyring-session "$@"
}

# A random minute between 2025 and 2029 (any weekday, hour and month): an e2e assertion that holds only on some dates
# or at some times of day fails here. FLOWDECK_E2E_SECOND_NOW=<ISO> replays a given one.
second_instant() {
  if [ -n "${FLOWDECK_E2E_SECOND_NOW:-}" ]; then
    printf '%s\n' "$FLOWDECK_E2E_SECOND_NOW"
    return
  fi
  node -e 'const a = Date.UTC(2025, 0, 1), b = Date.UTC(2030, 0, 1);
    const t = a + Math.floor(Math.random() * ((b - a) / 60000)) * 60000;
    console.log(new Date(t).toISOString().replace(".000Z", "Z"));'
}

step lint npm run lint || true
step typecheck npm run typecheck || true
step unit+integration in_keyring_session npx vitest run || true
if step bundle npm run bundle; then
  step package-smoke node scripts/package-smoke.ts || true
  step e2e in_keyring_session env -u FLOWDECK_E2E_NOW npx playwright test || true
  e2e_now="$(second_instant)"
  printf '\ne2e at second instant: %s\n(replay a failure with: FLOWDECK_E2E_NOW=%s npx playwright test)\n' "$e2e_now" "$e2e_now"
  step e2e-second-instant in_keyring_session env FLOWDECK_E2E_NOW="$e2e_now" npx playwright test --output test-results/second-instant ||
    log "e2e failed at second instant: $e2e_now (replay: FLOWDECK_E2E_NOW=$e2e_now npx playwright test)"
  if [ -f scripts/electronegativity.sh ]; then
    step electronegativity bash scripts/electronegativity.sh || true
  else
    printf '\n!!!! WARNING: scripts/electronegativity.sh does not exist: the Electron security scan did NOT run !!!!\n'
    skip electronegativity 'scripts/electronegativity.sh missing'
  fi
else
  skip e2e 'bundle failed'
  skip e2e-second-instant 'bundle failed'
  skip electronegativity 'bundle failed'
fi

line="$(printf ' | %s' "${summary[@]}")"
printf '\nflowdeck test summary (%ss): %s\n' "$SECONDS" "${line:3}"
if [ "$failed" -ne 0 ]; then
  log "FAILED"
  exit 1
fi
log "all steps passed"
