#!/usr/bin/env bash
# Packages the factmark browser extension into dist/extension/ (load it unpacked).
#
#   scripts/build-extension.sh
#
# Copies www/extension/* (manifest.json, content.js) and the wasm-pack output the
# content script loads at run time: pkg/factmark.js, pkg/factmark_bg.wasm and
# pkg/snippets/ (JS snippets factmark.js imports). Build pkg/ first with
#   wasm-pack build --release --target web
set -euo pipefail
cd "$(dirname "$0")/.."

for f in pkg/factmark.js pkg/factmark_bg.wasm; do
  if [ ! -f "$f" ]; then
    echo "build-extension: $f is missing; run 'wasm-pack build --release --target web' first" >&2
    exit 1
  fi
done

out=dist/extension
rm -rf "$out"
mkdir -p "$out/pkg"
cp -R www/extension/. "$out/"
cp pkg/factmark.js pkg/factmark_bg.wasm "$out/pkg/"
if [ -d pkg/snippets ]; then
  cp -R pkg/snippets "$out/pkg/"
fi
echo "build-extension: wrote $out/ (load it unpacked in chrome://extensions)"
