#!/usr/bin/env bash
# Packages the factmark browser extension (load it unpacked):
#   dist/extension/           Chromium (Manifest V3, background service worker)
#   dist/extension-firefox/   Firefox (same files; manifest from scripts/build/firefox-manifest.mjs)
#
#   scripts/build-extension.sh
#
# Copies www/extension/* (manifest, content script, background script, options page) and
# the engines the content script and options page load at run time: the wasm-pack output
# pkg/factmark.js, pkg/factmark_bg.wasm and pkg/snippets/ (JS snippets factmark.js
# imports), and the JavaScript engine pkg-js/ (factmark.js, factmark_bg.js,
# factmark_bg.wasm.js, snippets/), used on pages whose CSP forbids WebAssembly. Build
# them first with scripts/build.sh (wasm-pack build --release --target web, then
# scripts/build/build-js-engine.sh).
# Idempotent: both folders are rebuilt from scratch every time. Both manifests get
# factmark's version from Cargo.toml (scripts/build/version.mjs), whatever www/extension says.
#
#   scripts/build-extension.sh [DIR]   writes DIR/extension and DIR/extension-firefox
#                                      instead (default dist; tests use their own)
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-dist}

for f in pkg/factmark.js pkg/factmark_bg.wasm pkg-js/factmark.js pkg-js/factmark_bg.js pkg-js/factmark_bg.wasm.js; do
  if [ ! -f "$f" ]; then
    echo "build-extension: $f is missing; run scripts/build.sh first" >&2
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
  mkdir -p "$out/pkg-js"
  cp pkg-js/factmark.js pkg-js/factmark_bg.js pkg-js/factmark_bg.wasm.js "$out/pkg-js/"
  if [ -d pkg-js/snippets ]; then
    cp -R pkg-js/snippets "$out/pkg-js/"
  fi
}

# Sets the manifest $1's version to factmark's (Cargo.toml [workspace.package]).
stamp_version() {
  node --input-type=module -e '
    import { readFileSync, writeFileSync } from "node:fs";
    import { factmarkVersion } from "./scripts/build/version.mjs";
    const file = process.argv[1];
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    manifest.version = factmarkVersion();
    writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
  ' "$1"
}

package "$DIST/extension"
stamp_version "$DIST/extension/manifest.json"
echo "build-extension: wrote $DIST/extension/ (load it unpacked in chrome://extensions)"

package "$DIST/extension-firefox"
node scripts/build/firefox-manifest.mjs www/extension/manifest.json "$DIST/extension-firefox/manifest.json"
stamp_version "$DIST/extension-firefox/manifest.json"
echo "build-extension: wrote $DIST/extension-firefox/ (about:debugging → Load Temporary Add-on)"
