#!/usr/bin/env bash
# Builds the Vite example app (www/vite-example/) into www/vite-example/dist/, against
# the npm package in pkg/ (build that first: scripts/build.sh). Idempotent.
#
#   1. npm ci, unless node_modules/ was installed from this very package.json + lock;
#   2. tsc --noEmit: src/ type-checks against pkg/factmark.d.ts (no skipLibCheck);
#   3. vite build (emptying dist/ first).
#
# How a rebuilt pkg/ is picked up: the dependency is "file:../../pkg", which npm
# installs as a symlink node_modules/factmark -> ../../pkg (install-links=false, pinned
# in www/vite-example/.npmrc). So nothing is copied at install time and every build
# reads pkg/ as it is now; step 1 re-runs npm ci if the link is missing or is a copy.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ ! -f pkg/package.json || ! -f pkg/factmark.js || ! -f pkg/factmark_bg.wasm ]]; then
  echo "vite-example: pkg/ is missing or incomplete: run scripts/build.sh first" >&2
  exit 1
fi

cd www/vite-example
stamp=node_modules/.factmark-install-stamp
want="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
linked() {
  [[ -L node_modules/factmark && "$(readlink -f node_modules/factmark)" == "$(readlink -f ../../pkg)" ]]
}
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && linked; then
  echo "vite-example: node_modules is up to date"
else
  echo "vite-example: npm ci"
  npm ci --no-audit --no-fund
  linked || { echo "vite-example: node_modules/factmark is not a link to pkg/" >&2; exit 1; }
  echo "$want" >"$stamp"
fi

echo "vite-example: tsc --noEmit"
node_modules/.bin/tsc --noEmit
echo "vite-example: vite build"
node_modules/.bin/vite build --logLevel warn
echo "vite-example: built www/vite-example/dist/"
