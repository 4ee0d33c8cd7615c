#!/usr/bin/env node
// Where the cold start's time goes: a Chromium trace of www/bench/bench.html's
// "cold" task (init(), then the first mount() on an empty element, bundled
// dataset), summed by kind of work inside init() and inside mount().
//
//   node scripts/experiments/cold-profile.mjs [--pkg DIR] [--runs 3] [--trace out.json] [--no-samples]
//
// --pkg serves DIR in place of pkg/ (a build whose .wasm keeps its name
// section, e.g. wasm-bindgen's output run through `wasm-opt -O3 -g`, to see
// the module's functions by name in the samples). Each run is a fresh
// context; the trace has the timeline, V8's compile events and CPU samples
// (100 µs interval; --no-samples leaves them out, and their overhead). Printed per run: the main thread's time inside each of
// the two User Timing measures bench.js records, by trace event (self time)
// and by sampled function (self time, top 25).
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS, REPO_ROOT } from "../../tests/e2e/helpers.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const pkg = opt("--pkg", null);
const runs = Number(opt("--runs", 3));
const traceOut = opt("--trace", null);

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "blink.user_timing",
  "v8",
  "v8.wasm",
  "v8.execute",
  "disabled-by-default-v8.compile",
  ...(args.includes("--no-samples") ? [] : ["disabled-by-default-v8.cpu_profiler"]),
  "disabled-by-default-v8.wasm.detailed",
];

const server = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (pkg) {
      await page.route("**/pkg/**", (route) => {
        const rel = new URL(route.request().url()).pathname.replace(/^\/pkg\//, "");
        const f = path.join(pkg, rel);
        if (!existsSync(f)) return route.continue();
        const type = f.endsWith(".wasm") ? "application/wasm" : "text/javascript";
        return route.fulfill({ body: readFileSync(f), contentType: type });
      });
    }
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(`${server.url}/www/bench/bench.html?kb=100&task=cold&claims=0`);
    await page.waitForFunction(() => window.__bench, null, { timeout: 0, polling: 100 });
    const result = await page.evaluate(() => window.__bench);
    const trace = JSON.parse((await browser.stopTracing()).toString());
    await context.close();
    if (traceOut) writeFileSync(traceOut.replace(/(\.json)?$/, `-${run}.json`), JSON.stringify(trace));
    console.log(`\n=== run ${run + 1}: init ${result.initMs.toFixed(1)} ms, first mount ${result.indexMs.toFixed(1)} ms`);
    summarise(trace.traceEvents ?? trace);
  }
} finally {
  await browser.close();
  await server.close();
}

function summarise(events) {
  // The renderer's main thread: the one with the User Timing measures' events.
  const measures = events.filter((e) => e.cat === "blink.user_timing" && e.name.startsWith("factmark ") && (e.ph === "b" || e.ph === "e"));
  const windows = {};
  for (const e of measures) (windows[e.name] ??= {})[e.ph] = e.ts;
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && e.pid === measures[0]?.pid);
  if (!main) return console.log("no renderer main thread found");
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  for (const [name, w] of Object.entries(windows)) {
    const [from, to] = [w.b, w.e];
    console.log(`\n${name}: ${((to - from) / 1000).toFixed(1)} ms`);
    // Self time per complete ("X") event, nesting by time on the main thread.
    const xs = onMain.filter((e) => e.ph === "X" && e.ts < to && e.ts + (e.dur ?? 0) > from).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const self = new Map();
    const stack = [];
    const clip = (e) => Math.min(e.ts + e.dur, to) - Math.max(e.ts, from);
    for (const e of xs) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - clip(e));
      self.set(e.name, (self.get(e.name) ?? 0) + clip(e));
      stack.push(e);
    }
    const busy = xs.filter((e) => !xs.some((p) => p !== e && p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur && p.dur > e.dur)).reduce((a, e) => a + clip(e), 0);
    console.log(`  main thread busy (top-level events): ${(busy / 1000).toFixed(1)} ms`);
    for (const [n, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`  ${(us / 1000).toFixed(2).padStart(8)} ms  ${n}`);
    // Other threads' wasm compilation in the window.
    const compile = events.filter((e) => e.ph === "X" && /wasm/i.test(e.name) && e.ts < to && e.ts + (e.dur ?? 0) > from && !(e.pid === main.pid && e.tid === main.tid));
    const byName = new Map();
    for (const e of compile) byName.set(e.name, (byName.get(e.name) ?? 0) + clip(e));
    for (const [n, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`  (other threads) ${(us / 1000).toFixed(2).padStart(8)} ms  ${n}`);
    samples(events, main, from, to);
  }
}

// CPU samples of the main thread's V8 profile inside [from, to): self time by function.
function samples(events, main, from, to) {
  const chunks = events.filter((e) => e.name === "ProfileChunk" && e.pid === main.pid);
  const profile = events.find((e) => e.name === "Profile" && e.pid === main.pid && e.tid === main.tid);
  if (!profile) return;
  const id = profile.id;
  const nodes = new Map();
  let t = profile.args.data.startTime;
  const self = new Map();
  let total = 0;
  for (const c of chunks.filter((c) => c.id === id)) {
    const d = c.args.data;
    for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const s = d.cpuProfile?.samples ?? [];
    const deltas = d.timeDeltas ?? [];
    for (let i = 0; i < s.length; i++) {
      t += deltas[i];
      if (t < from || t >= to) continue;
      const n = nodes.get(s[i]);
      const f = n?.callFrame ?? {};
      const name = `${f.functionName || "(anonymous)"} ${f.url ? path.basename(f.url) : ""}`.trim();
      self.set(name, (self.get(name) ?? 0) + 1);
      total++;
    }
  }
  console.log(`  samples: ${total}; by function (self, share of samples):`);
  for (const [n, k] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${((100 * k) / total).toFixed(1).padStart(6)} %  ${n.slice(0, 140)}`);
}
