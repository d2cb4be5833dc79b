#!/usr/bin/env bash
# `npm run serve [-- options]`: the Flowdeck console in the browser. Installs dependencies and builds the
# renderer when needed, then runs `flowdeck serve` (see `node core/cli/main.ts serve --help`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/toolchain.sh

if [ ! -d node_modules ]; then
  echo "flowdeck: installing dependencies (npm ci)…" >&2
  npm ci >&2
fi

index=out/renderer/index.html
if [ ! -f "$index" ] || [ -n "$(find renderer core/contract -type f -newer "$index" -print -quit)" ]; then
  echo "flowdeck: building the console (vite build)…" >&2
  npx vite build --config renderer/vite.config.ts >&2
fi

# The core's V8 heap and malloc settings, as the desktop shell starts it (core/contract/process.ts; a test keeps them equal).
export MALLOC_ARENA_MAX=2
exec node --max-semi-space-size=4 --max-old-space-size=512 core/cli/main.ts serve "$@"
