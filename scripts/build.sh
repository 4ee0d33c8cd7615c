#!/usr/bin/env bash
# Builds the npm package (pkg/) and the browser extension (dist/extension/).
# Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm's binaryen first: wasm-pack runs the first wasm-opt on PATH.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# --mode no-install: use the wasm-bindgen and wasm-opt setup.sh installed; never download.
wasm-pack build --release --target web --mode no-install
bash scripts/build-extension.sh
