#!/usr/bin/env node
// Engine benchmark: the WebAssembly engine (pkg/) against the JavaScript engine (pkg-js/,
// wasm2js; what the loaders run on pages whose CSP forbids WebAssembly).
//
//   scripts/build.sh && node scripts/bench-engines.mjs [--runs 5] [--kb 1000]
//
// Prints (does not write any file):
//   - what each engine downloads: bytes and gzip -9 of its files;
//   - in headless Chromium (/usr/bin/chromium), on the demo article (www/index.html's
//     body, scripts removed) and on a generated article of --kb kilobytes of text
//     (www/bench/corpus.js, the bundled claims planted), for each engine, medians of
//     --runs runs, each in a fresh browser context (empty caches):
//       load     import() + init(): fetch and compile the wasm, or fetch and parse the JS
//       mount    the first mount(): dataset parse and index build, scan, match, paint
//       again    unmount() then mount() again (median of 3): scan, match and paint only
//       longest  the longest main-thread task during the first mount (Long Tasks API)
//       matches  how many matches mount() found (must be the same for both engines)
// No CSP is sent, so both engines run on the same page.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS, REPO_ROOT } from "../tests/e2e/helpers.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const RUNS = Number(opt("--runs", 5));
const KB = Number(opt("--kb", 1000));
const ENGINES = { wasm: "pkg", js: "pkg-js" };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function files(dir) {
  return readdirSync(path.join(REPO_ROOT, dir), { recursive: true })
    .filter((f) => /\.(js|wasm)$/.test(f))
    .map((f) => path.join(dir, f))
    .sort();
}

function sizes() {
  console.log("## What each engine downloads (besides www/embed.js)\n");
  console.log("| engine | file | bytes | gzip -9 |\n|---|---|---:|---:|");
  const totals = {};
  for (const [engine, dir] of Object.entries(ENGINES)) {
    let bytes = 0;
    let gzip = 0;
    for (const file of files(dir)) {
      const data = readFileSync(path.join(REPO_ROOT, file));
      const gz = gzipSync(data, { level: 9 }).length;
      bytes += data.length;
      gzip += gz;
      console.log(`| ${engine} | ${file.replace(/snippets\/[^/]+\//, "snippets/…/")} | ${fmt(data.length)} | ${fmt(gz)} |`);
    }
    console.log(`| **${engine}** | **total** | **${fmt(bytes)}** | **${fmt(gzip)}** |`);
    totals[engine] = gzip;
  }
  console.log(`\nJS engine / wasm engine, gzipped: ${(totals.js / totals.wasm).toFixed(2)}×\n`);
}

/** Runs in the page: builds the page, loads one engine, mounts, re-mounts. */
async function measure({ engine, page, kb }) {
  const main = document.getElementById("page");
  if (page === "demo") {
    const html = await (await fetch("/www/index.html")).text();
    const doc = new DOMParser().parseFromString(html, "text/html");
    for (const s of doc.querySelectorAll("script")) s.remove();
    main.append(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  } else {
    const { buildArticle, syntheticClaims } = await import("/www/bench/corpus.js");
    const bundled = await (await fetch("/data/claims.json")).json();
    const phrasings = bundled.claims.flatMap((c) => c.phrasings ?? [c.claim]);
    buildArticle(main, kb * 1000, phrasings, syntheticClaims(500));
  }
  const textBytes = new TextEncoder().encode(main.textContent).length;
  document.body.getBoundingClientRect();
  await new Promise((r) => setTimeout(r, 50));

  const t0 = performance.now();
  const mod = await import(engine === "wasm" ? "/pkg/factmark.js" : "/pkg-js/factmark.js");
  await mod.default();
  const t1 = performance.now();
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: "longtask" });
  let fm = await mod.mount({ root: main, mode: "highlight" });
  const t2 = performance.now();
  await new Promise((r) => setTimeout(r, 100)); // let the observer deliver
  observer.disconnect();
  const matches = fm.matches().length;
  const running = fm.engine;
  const again = [];
  for (let i = 0; i < 3; i++) {
    fm.unmount();
    const s = performance.now();
    fm = await mod.mount({ root: main, mode: "highlight" });
    again.push(performance.now() - s);
  }
  fm.unmount();
  again.sort((a, b) => a - b);
  return { load: t1 - t0, mount: t2 - t1, again: again[1], longest: Math.max(0, ...longTasks), matches, running, textBytes };
}

async function speed() {
  const server = await startServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    console.log(`## Speed (headless Chromium, medians of ${RUNS} runs, ms)\n`);
    console.log("| page | text | engine | load | mount | again | longest task | matches |\n|---|---:|---|---:|---:|---:|---:|---:|");
    for (const page of ["demo", "generated"]) {
      const counts = {};
      for (const engine of Object.keys(ENGINES)) {
        const rows = [];
        for (let i = 0; i < RUNS; i++) {
          const context = await browser.newContext();
          const tab = await context.newPage();
          await tab.goto(`${server.url}/www/bench/engines.html`);
          rows.push(await tab.evaluate(measure, { engine, page, kb: KB }));
          await context.close();
        }
        const m = (k) => median(rows.map((r) => r[k]));
        if (rows.some((r) => r.running !== engine)) throw new Error(`${engine}: Factmark.engine says ${rows[0].running}`);
        counts[engine] = rows[0].matches;
        const name = page === "demo" ? "demo article" : `generated ${KB} KB`;
        console.log(
          `| ${name} | ${fmt(rows[0].textBytes / 1000)} KB | ${engine} | ${fmt(m("load"), 1)} | ${fmt(m("mount"), 1)} | ${fmt(m("again"), 1)} | ${fmt(m("longest"))} | ${rows[0].matches} |`,
        );
      }
      if (counts.wasm !== counts.js) throw new Error(`${page}: the engines disagree (${counts.wasm} vs ${counts.js} matches)`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

sizes();
await speed();
