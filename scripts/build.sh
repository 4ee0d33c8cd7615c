#!/usr/bin/env bash
# Builds the npm package (pkg/), the JavaScript engine for pages that forbid WebAssembly
# (pkg-js/, see scripts/build/build-js-engine.sh), the publisher bundle (dist/factmark-VERSION/,
# its archive dist/factmark-VERSION.tar.gz, and the same files as pkg/embed/ in the npm
# package; see scripts/build/bundle.mjs, which prints the tag to paste and the CSP it needs) and
# the browser extension (dist/extension/, dist/extension-firefox/).
#
#   scripts/build.sh                                   the tag for the folder at the site root
#   FACTMARK_BUNDLE_URL=https://cdn.example/js/ scripts/build.sh
#                                                      the tag for the folder under that URL
# Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm's binaryen first: wasm-pack runs the first wasm-opt on PATH.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# --mode no-install: use the wasm-bindgen and wasm-opt setup.sh installed; never download.
wasm-pack build --release --target web --mode no-install
bash scripts/build/build-js-engine.sh
bash scripts/build-extension.sh
# Last, so that the tag to paste and the policy it needs end the output.
echo
node scripts/build/bundle.mjs
