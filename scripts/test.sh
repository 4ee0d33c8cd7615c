#!/usr/bin/env bash
# Sets up whatever is missing, then runs every test:
#   0. cargo fmt --check, clippy  the house style (rustfmt.toml); clippy natively and for
#                                 wasm32 (the only run that sees src/web), warnings denied
#   1. cargo test                 the pure core, natively (dataset, normalisation, matching)
#   2. wasm-pack test --headless  the browser layer in headless Chromium
#   3. node --test tests/e2e/     the script-tag page and the extension, end to end
#                                 (Chromium via playwright-core; the extension also in
#                                 Firefox ESR via geckodriver)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check (house style, rustfmt.toml)"
cargo fmt --all -- --check

step "cargo clippy (native and wasm32, warnings denied)"
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet --lib --tests --target wasm32-unknown-unknown -- -D warnings

step "cargo test (native core)"
cargo test --quiet --workspace

step "wasm-pack test --headless --chrome (browser layer)"
# tests/web/ is one test binary (a module per subject). The runner's timeout is for the
# whole binary, 20 s by default: the suite takes 15 to 20 s on a busy 2-core machine.
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}" \
  wasm-pack test --headless --chrome --mode no-install -- --test web

step "build (pkg/ and dist/extension/)"
bash scripts/build.sh

step "end-to-end (script tag, extension)"
npm run --silent test:e2e
