#!/usr/bin/env bash
# `npm start [-- --demo]`: the Flowdeck desktop app. Installs dependencies when missing, builds, and launches
# Electron with the given arguments. Where Electron cannot start (no binary, no display, or root on Linux,
# which Chromium's sandbox refuses), it says so in one line and opens the same console in serve mode.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/toolchain.sh

if [ ! -d node_modules ]; then
  echo "flowdeck: installing dependencies (npm ci)…" >&2
  npm ci >&2
fi

find_electron() {
  node -e "
const fs = require('fs'), path = require('path');
const dir = path.dirname(require.resolve('electron/package.json'));
const txt = path.join(dir, 'path.txt');
const rel = fs.existsSync(txt) ? fs.readFileSync(txt, 'utf8').trim() : '';
const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
const bin = dist ? path.join(dist, rel || 'electron') : rel ? path.join(dir, 'dist', rel) : '';
if (bin && fs.existsSync(bin)) process.stdout.write(bin);
" 2>/dev/null || true
}

# Why Electron cannot start here (empty when it can). Look for the binary the way electron/index.js does, but
# never call require('electron'): when the binary is missing, that tries to download it.
electron_bin="$(find_electron)"
if [ -z "$electron_bin" ]; then
  # Electron 45 fetches its binary on first use; try once (it fails fast where there is no network).
  env -u ELECTRON_SKIP_BINARY_DOWNLOAD timeout 300 node node_modules/electron/install.js >/dev/null 2>&1 || true
  electron_bin="$(find_electron)"
fi
reason=""
if [ -z "$electron_bin" ] || [ ! -x "$electron_bin" ]; then
  reason="no Electron binary"
elif [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  reason="no display"
elif [ "$(uname -s)" = Linux ] && [ "$(id -u)" -eq 0 ]; then
  reason="running as root, which the Chromium sandbox refuses"
fi

if [ -n "$reason" ]; then
  echo "Electron cannot start on this machine ($reason); opening the same console in serve mode instead." >&2
  exec bash scripts/serve.sh "$@"
fi

npm run bundle >&2
exec "$electron_bin" . "$@"
