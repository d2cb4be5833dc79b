#!/usr/bin/env bash
# Electron security scan of the BUILT app (out/electron + out/renderer; run `npm run bundle` first) with
# electronegativity, gated on its SARIF: every finding must be covered by scripts/electronegativity-allow.json
# (rule + file glob + justification). Report: test-results/electronegativity/electronegativity.sarif
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/toolchain.sh

version=1.10.3
electron_version="$(node -p "require('electron/package.json').version")"
# Its own prefix: the tool pulls in an old TypeScript and ESLint that must not sit next to ours.
prefix=.tools/electronegativity
pkg="$prefix/node_modules/@doyensec/electronegativity"
installed="$(node -p "try { require('./$pkg/package.json').version } catch { '' }")"
if [ "$installed" != "$version" ]; then
  echo "electronegativity: installing @doyensec/electronegativity@$version into $prefix" >&2
  npm i --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "@doyensec/electronegativity@$version" >&2
fi

for f in out/electron/main.cjs out/electron/preload.cjs out/renderer/index.html; do
  [ -f "$f" ] || { echo "electronegativity: $f is missing; run 'npm run bundle' first" >&2; exit 1; }
done

# Stage the app as one tree, so the global checks (CSP, navigation limits, permission handler) see main and
# renderer together. The tool reads only .js/.html, so the .cjs bundles are staged as .js. A canary with an
# insecure window proves the tool really parsed the staged JavaScript (the gate requires it to be flagged).
report=test-results/electronegativity
stage="$report/app"
rm -rf "$report"
mkdir -p "$stage/electron" "$stage/__canary__"
for f in out/electron/*.cjs; do cp "$f" "$stage/electron/$(basename "$f" .cjs).js"; done
cp -R out/renderer "$stage/renderer"
cat >"$stage/__canary__/canary.js" <<'JS'
const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });
JS

# Offline and deterministic: the preload makes the tool's HTTP client fail fast (translations, release list).
sarif="$report/electronegativity.sarif"
ELECTRONEGATIVITY_PACKAGE_DIR="$PWD/$pkg" LANG=en-US node --require ./scripts/electronegativity-offline.cjs \
  "$pkg/dist/index.js" -i "$stage" -o "$sarif" -r -e "$electron_version" >"$report/electronegativity.log" 2>&1 || true

exec node scripts/electronegativity-gate.ts --sarif "$sarif" --allow scripts/electronegativity-allow.json --canary __canary__/
