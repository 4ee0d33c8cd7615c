#!/usr/bin/env bash
# What the widget's .wasm weighs, and why (issue "fast and small"; figures in docs/benchmarks.md):
#
#   scripts/wasm-size.sh          all three tables below
#   scripts/wasm-size.sh --quick  only the release build's parts (one build)
#
# 1. Variants: the optimised .wasm (raw and gzip -9) for each release opt-level and
#    wasm-opt level, per-package opt-level "z" for dependencies, and the build without the
#    `claimreview` feature. Each variant builds in its own target/size-<tag>/ (the normal
#    build's cache is untouched), then runs wasm-bindgen --target web and npm binaryen's
#    wasm-opt, as scripts/build.sh does.
# 2. Parts of the release build (opt-level 3, wasm-opt -O3): each section's bytes and
#    gzip -9 (the code; the data: bundled dataset, strings, tables), then the code by
#    crate, read from the unoptimised module's name section. A function counts for the
#    crate its demangled name starts with, so generic code instantiated for factmark's
#    types (serde's derived Deserialize, Vec, HashMap, sort) mostly counts for
#    factmark or core: the variants in docs/benchmarks.md that leave a part out are the
#    exact measure.
# 3. What a page downloads: pkg/ as scripts/build.sh left it, and www/embed.js.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm's binaryen first (Debian's wasm-opt 108 cannot read current rustc output).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)
# As Cargo.toml's wasm-pack profile: no inlining of large functions into their only caller.
features+=(--one-caller-inline-max-function-size 100)
gz() { gzip -9c < "$1" | wc -c; }

# build TAG OPT-LEVEL [cargo args...]: target/size-TAG/out/factmark_bg.wasm (not optimised)
build() {
  local tag=$1 lvl=$2; shift 2
  local t=target/size-$tag
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$lvl CARGO_TARGET_DIR=$t cargo build -q --release --target wasm32-unknown-unknown --lib "$@"
  wasm-bindgen --target web --out-dir "$t/out" "$t/wasm32-unknown-unknown/release/factmark.wasm" 2>/dev/null
}
# row TAG OPT-LEVEL DESCRIPTION WASM-OPT-FLAGS...
row() {
  local tag=$1 lvl=$2 what=$3; shift 3
  local o=target/size-$tag/out/opt.wasm
  wasm-opt "$@" "${features[@]}" "target/size-$tag/out/factmark_bg.wasm" -o "$o"
  printf '%-44s %-8s %-18s %9d %9d\n' "$what" "$lvl" "$*" "$(stat -c%s "$o")" "$(gz "$o")"
}

if [ "${1:-}" != --quick ]; then
  printf '%-44s %-8s %-18s %9s %9s\n' build opt-level wasm-opt bytes gzip-9
  build 3 3
  row 3 3 "release" -Oz
  row 3 3 "release" -O3 --converge
  # last, so target/size-3/out/opt.wasm is the release build for the parts below
  row 3 3 "release (scripts/build.sh)" -O3
  build s s
  row s s "everything at s" -Os
  build z z
  row z z "everything at z" -Oz
  build depsz 3 --config 'profile.release.package."*".opt-level="z"'
  row depsz "3, deps z" "factmark 3, dependencies z" -O3
  build nocr 3 --no-default-features
  row nocr 3 "without the claimreview feature" -O3
  build nocrz z --no-default-features
  row nocrz z "without claimreview, everything at z" -Oz
  echo
else
  build 3 3
  wasm-opt -O3 "${features[@]}" target/size-3/out/factmark_bg.wasm -o target/size-3/out/opt.wasm
fi

node - target/size-3/out/factmark_bg.wasm target/size-3/out/opt.wasm <<'EOF'
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
const [raw, opt] = process.argv.slice(2);
const gz = (buf) => execFileSync("gzip", ["-9c"], { input: buf, maxBuffer: 1 << 28 }).length;
const fmt = (n) => n.toLocaleString("en-US");
function sections(b) {
  const leb = (i) => { let r = 0, s = 0, x; do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return [r, i]; };
  const out = [];
  for (let i = 8; i < b.length;) { const id = b[i++]; const [n, j] = leb(i); out.push({ id, start: j, end: j + n }); i = j + n; }
  return { out, leb };
}
const ob = readFileSync(opt);
const kinds = { 2: "import", 10: "code", 11: "data" };
const groups = {};
for (const s of sections(ob).out) (groups[kinds[s.id] ?? "other"] ??= []).push(ob.subarray(s.start, s.end));
console.log(`sections of the release .wasm (opt-level 3, wasm-opt -O3)\nsection       bytes    gzip-9`);
for (const k of ["code", "data", "import", "other"]) {
  const buf = Buffer.concat(groups[k] ?? []);
  console.log(`${k.padEnd(9)} ${fmt(buf.length).padStart(9)} ${fmt(gz(buf)).padStart(9)}`);
}
console.log(`${"file".padEnd(9)} ${fmt(ob.length).padStart(9)} ${fmt(gz(ob)).padStart(9)}\n`);

// Code by crate, from the unoptimised module's name section.
const b = readFileSync(raw);
const { out, leb } = sections(b);
let imports = 0;
const bodies = [];
const names = new Map();
for (const s of out) {
  if (s.id === 2) {
    let [n, i] = leb(s.start);
    for (let k = 0; k < n; k++) {
      let l;
      [l, i] = leb(i); i += l; [l, i] = leb(i); i += l;
      const kind = b[i++];
      if (kind === 0) { [, i] = leb(i); imports++; }
      else if (kind === 1) { i++; let f; [f, i] = leb(i); [, i] = leb(i); if (f & 1) [, i] = leb(i); }
      else if (kind === 2) { let f; [f, i] = leb(i); [, i] = leb(i); if (f & 1) [, i] = leb(i); }
      else if (kind === 3) i += 2;
    }
  } else if (s.id === 10) {
    let [n, i] = leb(s.start);
    for (let k = 0; k < n; k++) { const [sz, j] = leb(i); bodies.push([imports + k, sz + j - i]); i = j + sz; }
  } else if (s.id === 0) {
    let [l, i] = leb(s.start);
    if (b.toString("utf8", i, i + l) !== "name") continue;
    for (i += l; i < s.end;) {
      const sub = b[i++];
      const [ss, j] = leb(i);
      if (sub === 1) {
        let [n, k] = leb(j);
        for (let q = 0; q < n; q++) { let idx, nl; [idx, k] = leb(k); [nl, k] = leb(k); names.set(idx, b.toString("utf8", k, k + nl)); k += nl; }
      }
      i = j + ss;
    }
  }
}
// `a::b::f` -> a; `<T as a::Tr>::f` with T a primitive or generic -> a; `name[hash]` -> name.
function crate(name) {
  const n = name.replace(/\[[0-9a-f]+\]/g, "").replace(/^[<&*\s]+|mut |dyn /g, "");
  const m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(n);
  if (!m) return "(other)";
  if (n.startsWith(m[1] + "::")) return m[1];
  const as = / as ([A-Za-z_][A-Za-z0-9_]*)::/.exec(n);
  if (as) return as[1];
  return /^(str|char|f32|f64|[iu](8|16|32|64|128|size)|bool|T)\b/.test(n) ? "core" : "(other)";
}
const by = new Map();
let total = 0;
for (const [idx, sz] of bodies) {
  const c = crate(names.get(idx) ?? "");
  const e = by.get(c) ?? [0, 0];
  e[0] += sz; e[1]++; by.set(c, e); total += sz;
}
console.log(`code by crate, before wasm-opt (${fmt(total)} bytes, ${bodies.length} functions)\ncrate                      bytes  functions`);
for (const [c, [sz, n]] of [...by].sort((a, b) => b[1][0] - a[1][0])) console.log(`${c.padEnd(22)} ${fmt(sz).padStart(9)} ${String(n).padStart(10)}`);
EOF
out=$(dirname "$(ls -t target/size-3/wasm32-unknown-unknown/release/build/factmark-*/out/index.bin | head -1)")
for part in "claims.bin:the bundled claims as shown (src/compact.rs)" "index.bin:the bundled dataset's compiled matcher index"; do
  f="$out/${part%%:*}"
  printf 'of the data: %s, %s: %d bytes, %d gzip -9 alone\n' "${part%%:*}" "${part#*:}" "$(stat -c%s "$f")" "$(gz "$f")"
done

echo
if [ -f pkg/factmark_bg.wasm ]; then
  echo "what a page downloads (pkg/ as scripts/build.sh left it; www/embed.js)"
  printf '%-42s %9s %9s\n' file bytes gzip-9
  tb=0 tg=0
  for f in pkg/factmark_bg.wasm pkg/factmark.js pkg/snippets/*/js/scan.js www/embed.js; do
    b=$(stat -c%s "$f") g=$(gz "$f")
    tb=$((tb + b)) tg=$((tg + g))
    printf '%-42s %9d %9d\n' "${f/snippets\/*\/js/snippets\/…\/js}" "$b" "$g"
  done
  printf '%-42s %9d %9d\n' total "$tb" "$tg"
else
  echo "pkg/ not built: run scripts/build.sh for what a page downloads"
fi
