#!/usr/bin/env node
// Two or more builds of pkg/ side by side, interleaved run by run in one
// browser (so that the load of a shared machine falls on all of them alike):
// www/bench/bench.html's task on each, in fresh contexts, medians printed.
//
//   node scripts/experiments/compare-pkgs.mjs [--task cold] [--kb 100] [--runs 9] DIR...
//
// Each DIR holds a wasm-bindgen --target web output (factmark.js,
// factmark_bg.wasm, snippets/), served in place of /pkg/. For the cold task
// the figures are init() and the first mount() on an empty element; for
// highlight and wrap, init() and the mount() on the page.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "../../tests/e2e/helpers.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const task = opt("--task", "cold");
const kb = Number(opt("--kb", 100));
const runs = Number(opt("--runs", 9));
const dirs = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const results = dirs.map(() => []);
try {
  for (let run = 0; run < runs; run++) {
    for (const [i, dir] of dirs.entries()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route("**/pkg/**", (route) => {
        const f = path.join(dir, new URL(route.request().url()).pathname.replace(/^\/pkg\//, ""));
        if (!existsSync(f)) return route.continue();
        return route.fulfill({ body: readFileSync(f), contentType: f.endsWith(".wasm") ? "application/wasm" : "text/javascript" });
      });
      await page.goto(`${server.url}/www/bench/bench.html?kb=${kb}&task=${task}&claims=0`);
      await page.waitForFunction(() => window.__bench, null, { timeout: 0, polling: 100 });
      const r = await page.evaluate(() => window.__bench);
      await context.close();
      results[i].push({ init: r.initMs, mount: task === "cold" ? r.indexMs : r.ms, matches: r.matches });
    }
  }
} finally {
  await browser.close();
  await server.close();
}
for (const [i, dir] of dirs.entries()) {
  const rs = results[i];
  console.log(
    `${dir}: init ${median(rs.map((r) => r.init)).toFixed(1)} ms, mount ${median(rs.map((r) => r.mount)).toFixed(1)} ms ` +
      `(runs: ${rs.map((r) => r.mount.toFixed(0)).join(" ")}), matches ${rs[0].matches}`,
  );
}
