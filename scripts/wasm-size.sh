#!/usr/bin/env bash
# Size of the optimised .wasm at each release opt-level: scripts/wasm-size.sh
# Builds into target/size-<level>/ so the normal build is untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm's binaryen first (Debian's wasm-opt 108 cannot read current rustc output).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)
printf '%-10s %-9s %10s %10s\n' opt-level wasm-opt bytes gzip-9
for lvl in 3 s z; do
  t=target/size-$lvl
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$lvl CARGO_TARGET_DIR=$t cargo build -q --release --target wasm32-unknown-unknown --lib
  wasm-bindgen --target web --out-dir "$t/out" "$t/wasm32-unknown-unknown/release/factmark.wasm" 2>/dev/null
  flag=-O3; [ "$lvl" != 3 ] && flag=-O$lvl
  wasm-opt "$flag" "${features[@]}" "$t/out/factmark_bg.wasm" -o "$t/out/opt.wasm"
  printf '%-10s %-9s %10d %10d\n' "$lvl" "$flag" "$(stat -c%s "$t/out/opt.wasm")" "$(gzip -9c "$t/out/opt.wasm" | wc -c)"
done
