#!/usr/bin/env bash
# Builds the npm package (pkg/), the JavaScript engine for pages that forbid WebAssembly
# (pkg-js/, see scripts/build-js-engine.sh) and the browser extension (dist/extension/,
# dist/extension-firefox/).
# Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm's binaryen first: wasm-pack runs the first wasm-opt on PATH.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# --mode no-install: use the wasm-bindgen and wasm-opt setup.sh installed; never download.
wasm-pack build --release --target web --mode no-install
bash scripts/build-js-engine.sh
bash scripts/build-extension.sh
