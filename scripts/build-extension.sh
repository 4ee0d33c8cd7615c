#!/usr/bin/env bash
# Packages the factmark browser extension (load it unpacked):
#   dist/extension/           Chromium (Manifest V3, background service worker)
#   dist/extension-firefox/   Firefox (same files; manifest from scripts/firefox-manifest.mjs)
#
#   scripts/build-extension.sh
#
# Copies www/extension/* (manifest, content script, background script, options page) and
# the wasm-pack output the content script and options page load at run time:
# pkg/factmark.js, pkg/factmark_bg.wasm and pkg/snippets/ (JS snippets factmark.js
# imports). Build pkg/ first with
#   wasm-pack build --release --target web
# Idempotent: both folders are rebuilt from scratch every time.
set -euo pipefail
cd "$(dirname "$0")/.."

for f in pkg/factmark.js pkg/factmark_bg.wasm; do
  if [ ! -f "$f" ]; then
    echo "build-extension: $f is missing; run 'wasm-pack build --release --target web' first" >&2
    exit 1
  fi
done

# Copies the extension's files into $1 (emptied first).
package() {
  local out=$1
  rm -rf "$out"
  mkdir -p "$out/pkg"
  cp -R www/extension/. "$out/"
  cp pkg/factmark.js pkg/factmark_bg.wasm "$out/pkg/"
  if [ -d pkg/snippets ]; then
    cp -R pkg/snippets "$out/pkg/"
  fi
}

package dist/extension
echo "build-extension: wrote dist/extension/ (load it unpacked in chrome://extensions)"

package dist/extension-firefox
node scripts/firefox-manifest.mjs www/extension/manifest.json dist/extension-firefox/manifest.json
echo "build-extension: wrote dist/extension-firefox/ (about:debugging → Load Temporary Add-on)"
