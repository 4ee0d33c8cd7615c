#!/usr/bin/env bash
# Builds factmark's JavaScript engine, pkg-js/: the same Rust code as pkg/, translated
# from WebAssembly to plain JavaScript by binaryen's wasm2js. The loaders (www/embed.js,
# the extension's content script) use it only where WebAssembly compilation is refused,
# i.e. on pages whose Content-Security-Policy has no 'wasm-unsafe-eval'.
#
#   scripts/build/build-js-engine.sh        (scripts/build.sh runs it after wasm-pack)
#
# Steps, in target/wasm2js/ (its own cargo target directory, so the normal build's cache
# and flags are untouched):
#   1. cargo build with RUSTFLAGS "-C target-cpu=mvp --cfg factmark_js": no reference
#      types or other post-MVP features in factmark's own code (wasm2js supports one
#      table only, and wasm-bindgen's externref table would be a second one), and
#      `Factmark.engine` says "js".
#   2. wasm-opt --strip-target-features: the precompiled std still declares
#      reference-types, which would make wasm-bindgen emit the externref table anyway.
#      (std's few bulk-memory / sign-ext / saturating-conversion instructions are
#      translated by wasm2js itself.)
#   3. wasm-bindgen --target bundler: a glue module (factmark_bg.js) the wasm imports
#      as "./factmark_bg.js", and a factmark.js that imports "./factmark_bg.wasm".
#   4. wasm2js -O3: factmark_bg.wasm -> factmark_bg.wasm.js, an ES module with the same
#      imports and exports.
#   5. scripts/build/js-engine-glue.mjs writes pkg-js/: factmark.js importing the .wasm.js
#      instead, the glue (patched for wasm2js memory growth), snippets, types.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

WORK=target/wasm2js
OUT=pkg-js
# Everything rustc's default wasm32 target and std may emit; wasm2js lowers these.
FEATURES=(--enable-bulk-memory --enable-bulk-memory-opt --enable-sign-ext
  --enable-nontrapping-float-to-int --enable-mutable-globals --enable-multivalue
  --enable-reference-types)

RUSTFLAGS="-C target-cpu=mvp --cfg factmark_js" CARGO_TARGET_DIR="$WORK" \
  cargo build --release --lib --target wasm32-unknown-unknown

wasm-opt "$WORK/wasm32-unknown-unknown/release/factmark.wasm" "${FEATURES[@]}" \
  --strip-target-features -o "$WORK/factmark.wasm"

rm -rf "$WORK/bindgen"
wasm-bindgen "$WORK/factmark.wasm" --target bundler --out-dir "$WORK/bindgen" --out-name factmark

rm -rf "$OUT"
mkdir -p "$OUT"
wasm2js "$WORK/bindgen/factmark_bg.wasm" "${FEATURES[@]}" -O3 -o "$OUT/factmark_bg.wasm.js"
node scripts/build/js-engine-glue.mjs "$WORK/bindgen" "$OUT"
echo "build-js-engine: wrote $OUT/ ($(stat -c%s "$OUT/factmark_bg.wasm.js") bytes of wasm2js output)"
