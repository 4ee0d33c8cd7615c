#!/usr/bin/env node
/**
 * Assembles pkg-js/ (factmark's JavaScript engine) from wasm-bindgen's bundler-target
 * output and the wasm2js translation of its .wasm. Called by scripts/build/build-js-engine.sh.
 *
 *   node scripts/build/js-engine-glue.mjs <wasm-bindgen --target bundler out dir> <pkg-js dir>
 *
 * <pkg-js dir> must already hold factmark_bg.wasm.js (wasm2js output), which it rewrites
 * without indentation (1b below). Writes:
 *   factmark.js       the entry: same exports as pkg/factmark.js (default init, initSync,
 *                     mount, Factmark); init() has nothing to compile and resolves at once
 *   factmark_bg.js    wasm-bindgen's glue, with its memory-view caches patched (below)
 *   factmark.d.ts     the types, plus init/initSync
 *   snippets/         the JS snippets the glue imports
 *
 * Each patch checks that the text it replaces is there, so a wasm-bindgen upgrade that
 * changes the glue fails the build instead of producing a broken engine.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [bindgenDir, outDir] = process.argv.slice(2);
if (!bindgenDir || !outDir) {
  console.error("usage: js-engine-glue.mjs <bindgen out dir> <pkg-js dir>");
  process.exit(2);
}
const read = (dir, name) => readFileSync(path.join(dir, name), "utf8");
const write = (name, text) => writeFileSync(path.join(outDir, name), text);
function fail(message) {
  console.error(`js-engine-glue: ${message}`);
  process.exit(1);
}

// 1. The wasm2js module must not need eval: that is what strict CSPs forbid.
const engine = read(outDir, "factmark_bg.wasm.js");
if (/\beval\s*\(|\bnew\s+Function\s*\(/.test(engine)) fail("factmark_bg.wasm.js uses eval or new Function");
if (!engine.includes("from './factmark_bg.js'")) fail("factmark_bg.wasm.js does not import ./factmark_bg.js");

// 1b. wasm2js indents its output (5.3 MB, of which 2.4 MB is leading spaces). Dropping the
// indentation changes no token: the module has no template literals and no line ending in
// a backslash, so no string spans lines. It makes the file 45% smaller (20% gzipped) and
// keeps it under web-ext lint's 5 MB limit for files it can parse (FILE_TOO_LARGE).
if (engine.includes("`") || /\\$/m.test(engine)) fail("factmark_bg.wasm.js has a template literal or a line continuation: indentation cannot be dropped safely");
write("factmark_bg.wasm.js", engine.replace(/^[ \t]+/gm, ""));

// 2. The entry: import the translated module instead of the .wasm.
const entry = read(bindgenDir, "factmark.js");
if (!entry.includes('from "./factmark_bg.wasm"')) fail('factmark.js has no import from "./factmark_bg.wasm"');
write(
  "factmark.js",
  entry
    .replace('from "./factmark_bg.wasm"', 'from "./factmark_bg.wasm.js"')
    .replace(
      /^(\/\* @ts-self-types=.*\*\/\n)?/,
      (selfTypes) =>
        selfTypes +
        `// factmark, JavaScript engine: the Rust code of pkg/ translated to JavaScript by
// binaryen's wasm2js (scripts/build/build-js-engine.sh). Same API as pkg/factmark.js; for
// pages whose Content-Security-Policy forbids WebAssembly. Generated: do not edit.
`,
    ) +
    `
/** Nothing to compile: resolves at once. Kept so code written for pkg/factmark.js runs unchanged. */
export default async function init() {}
/** Nothing to compile. Kept so code written for pkg/factmark.js runs unchanged. */
export function initSync() {}
`,
);

// 3. The glue. wasm-bindgen re-creates its cached views of the memory (Uint8Array,
// Uint32Array, DataView) when their buffer is detached (byteLength 0, or
// buffer.detached), which is what happens to a WebAssembly memory's old buffer when the
// memory grows. wasm2js grows memory by copying into a new ArrayBuffer and leaves the old
// one attached, so the views would go stale and the glue would read and write the old
// copy (seen as heap corruption: "assertion failed: psize >= size + min_overhead").
// Every cache is made to compare buffers instead.
let glue = read(bindgenDir, "factmark_bg.js");
const caches = [...glue.matchAll(/^let (cached\w+Memory0) = null;$/gm)].map((m) => m[1]);
if (caches.length === 0) fail("factmark_bg.js: no cached memory views found");
for (const name of caches) {
  const check = new RegExp(`if \\(${name} === null \\|\\| [^\\n]*\\) \\{\\n`);
  if (!check.test(glue)) fail(`factmark_bg.js: the check of ${name} was not found`);
  glue = glue.replace(check, `if (${name} === null || ${name}.buffer !== wasm.memory.buffer) {\n`);
}
const patched = caches.length;
write("factmark_bg.js", glue);

// 4. Types and snippets.
const types = read(bindgenDir, "factmark.d.ts");
write(
  "factmark.d.ts",
  types +
    `
/** Nothing to compile in the JavaScript engine: resolves at once. */
export default function init(module_or_path?: unknown): Promise<void>;
/** Nothing to compile in the JavaScript engine. */
export function initSync(module?: unknown): void;
`,
);
if (existsSync(path.join(bindgenDir, "snippets"))) {
  cpSync(path.join(bindgenDir, "snippets"), path.join(outDir, "snippets"), { recursive: true });
}
console.log(`js-engine-glue: wrote ${outDir}/factmark.js, factmark_bg.js (${patched} memory views patched), factmark.d.ts`);
