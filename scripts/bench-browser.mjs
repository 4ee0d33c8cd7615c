#!/usr/bin/env node
// Browser benchmark: node scripts/bench-browser.mjs [--runs N] [--out FILE]
//
// In headless Chromium (playwright-core), on generated article-like pages of
// 100 KB, 1 MB and 5 MB of text, measures in fresh pages: the floor (a bare
// TreeWalker pass reading every text node) and factmark mounting in
// "highlight" and "wrap" modes (time to the resolved mount(), i.e. scan +
// match + paint, plus the longest main-thread task seen by the Long Tasks
// API, and JS heap). Prints a table of medians and writes it to
// docs/benchmarks-browser.md (or --out). Needs pkg/ (scripts/build.sh).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS, REPO_ROOT } from "../tests/e2e/helpers.mjs";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 5;
const out = args.includes("--out") ? args[args.indexOf("--out") + 1] : path.join(REPO_ROOT, "docs/benchmarks-browser.md");
const SIZES = [100, 1000, 5000];
const TASKS = ["floor", "highlight", "wrap"];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const server = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, "--enable-precise-memory-info"] });
const rows = [];
try {
  for (const kb of SIZES) {
    for (const task of TASKS) {
      const results = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage();
        await page.goto(`${server.url}/www/bench/bench.html?kb=${kb}&task=${task}`);
        await page.waitForFunction(() => window.__bench, null, { timeout: 120_000 });
        const r = await page.evaluate(() => window.__bench);
        await page.close();
        if (r.error) throw new Error(`${task} ${kb} KB: ${r.error}`);
        results.push(r);
      }
      const row = {
        kb,
        task,
        bytes: results[0].bytes,
        ms: median(results.map((r) => r.ms)),
        longestTaskMs: median(results.map((r) => r.longestTaskMs)),
        worstLongestTaskMs: Math.max(...results.map((r) => r.longestTaskMs)),
        matches: results[0].matches ?? null,
        heapMB: task === "floor" ? null : median(results.map((r) => r.heapMB ?? 0)),
        initMs: task === "floor" ? null : median(results.map((r) => r.initMs)),
      };
      rows.push(row);
      console.error(`${kb} KB ${task}: ${row.ms.toFixed(1)} ms`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const floor = (kb) => rows.find((r) => r.kb === kb && r.task === "floor").ms;
const fmt = (x, d = 1) => (x === null || x === undefined ? "–" : x.toFixed(d));
const lines = [
  "| page text | task | median ms | × floor | longest task ms (median / worst) | matches | JS heap MB | init() ms |",
  "|---:|---|---:|---:|---:|---:|---:|---:|",
  ...rows.map((r) =>
    `| ${(r.bytes / 1e6).toFixed(2)} MB | ${r.task} | ${fmt(r.ms)} | ${r.task === "floor" ? "1" : fmt(r.ms / floor(r.kb))} | ${fmt(r.longestTaskMs, 0)} / ${fmt(r.worstLongestTaskMs, 0)} | ${r.matches ?? "–"} | ${fmt(r.heapMB)} | ${fmt(r.initMs)} |`,
  ),
];
const one = (task) => rows.find((r) => r.kb === 1000 && r.task === task).ms;
const five = (task) => rows.find((r) => r.kb === 5000 && r.task === task).ms;
const ratios = TASKS.filter((t) => t !== "floor").map((t) => `- ${t}: 5 MB / 1 MB = ${(five(t) / one(t)).toFixed(2)}`);
const table = lines.join("\n");
console.log(table);
console.log(ratios.join("\n"));

const doc = `# Browser benchmarks

Produced by \`node scripts/bench-browser.mjs --runs ${runs}\` (after \`scripts/build.sh\`) on
${new Date().toISOString().slice(0, 10)}, headless Debian Chromium, 2-core machine. Medians of ${runs} fresh
page loads per row. "median ms" is the time to the resolved \`mount()\` (scan, match and
paint, time-sliced) or, for the floor, one TreeWalker pass reading every text node's data.
"longest task" is the longest main-thread task the Long Tasks API saw while the widget
worked (0 = none over 50 ms). "init() ms" is fetching, compiling and instantiating the wasm.

${table}

Scaling:
${ratios.join("\n")}
`;
writeFileSync(out, doc);
console.error(`wrote ${path.relative(REPO_ROOT, out)}`);
