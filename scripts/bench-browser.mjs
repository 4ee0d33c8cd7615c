#!/usr/bin/env node
// Browser benchmark (issue #5):
//
//   scripts/build.sh && node scripts/bench-browser.mjs [--runs 5] [--sizes 100,1000,5000]
//       [--claims 10000] [--markjs-timeout 60] [--out docs/benchmarks-browser.md]
//   node scripts/bench-browser.mjs --cold-only [--runs 9]
//       only the bundled dataset's cold start: each run and the medians, printed; writes nothing
//   node scripts/bench-browser.mjs ... --real-pages DIR [--real-only] [--runs 1]
//       adds issue 15's row of real saved pages: DIR holds a folder per page with its
//       source.html (Mozilla Readability's test/test-pages, docs/benchmarks.md says how to get
//       them; they are not in this repository). --real-only measures only those, prints each
//       page and the medians, and writes nothing. Without --real-pages the row is "not measured".
//
// In headless Chromium (playwright-core, /usr/bin/chromium), on generated
// article-like pages of 100 KB, 1 MB and 5 MB of text (www/bench/corpus.js:
// paragraphs, links, emphasis, lists, quotes; claims planted at known places)
// it measures, each in a fresh browser context (empty caches) loading the same
// page:
//   - the floor: one TreeWalker pass reading every text node's data;
//   - mark.js 8 marking the dataset's phrasings (acrossElements, no separate
//     word search): time to its `done` callback, stopped after
//     --markjs-timeout seconds (reported as "> N s" with how far it got);
//   - factmark in "highlight" and "wrap" modes: time from mount() to the first
//     highlight, to the resolved mount() (scan + match + paint), the longest
//     main-thread task (Long Tasks API), JS heap after mount (after a GC);
//   - cold start: init() (fetch + compile + instantiate the wasm) and the
//     first mount() on an empty element (dataset parse + index build);
//   - extreme pages (--no-extreme leaves them out): 100,000 elements,
//     nesting 5,000 deep, one 5 MB text node: total time and longest task;
//   - highlight mode with its rules added before the page is built
//     (prepareHighlights(), as the extension and an early loader tag do), on
//     the 5 MB article and the extreme pages;
// with the bundled dataset and with a synthetic dataset of --claims claims
// (the bundled ones plus generated fictional ones, deterministic). Medians of
// --runs runs.
//
// With --real-pages DIR, also real saved article pages (issue 15), each in a
// fresh context of a browser that cannot reach anything but 127.0.0.1 (every
// other host name fails to resolve): the page's own <script> elements, inline
// event handlers, <meta> refresh and Content-Security-Policy removed, and the
// widget's script-tag loader (www/embed.js, data-mode="highlight") added at the
// top of <head> as a publisher adds it. The engine it loads is timed in the
// page the same way as above (www/bench/timed-engine.js): init(), and the first
// mount() from its call to its promise resolving. Each page's figure is the
// median of its --runs runs (the pages taken in turn in each run); the row
// gives the median and the 90th percentile (nearest rank) over the pages,
// init() apart, and the slowest page.
//
// Prints the tables and writes them, with the issues' targets and whether
// each is met, to docs/benchmarks-browser.md (or --out); the file's
// hand-written analysis below the "<!-- analysis -->" marker is kept.
// Needs pkg/ (scripts/build.sh).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS, REPO_ROOT } from "../tests/e2e/helpers.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const runs = Number(opt("--runs", 5));
const out = opt("--out", path.join(REPO_ROOT, "docs/benchmarks-browser.md"));
const SIZES = opt("--sizes", "100,1000,5000").split(",").map(Number);
const SYNTHETIC = Number(opt("--claims", 10000));
const MARKJS_TIMEOUT_S = Number(opt("--markjs-timeout", 60));
const COLD_ONLY = args.includes("--cold-only");
const REAL_DIR = opt("--real-pages", null);
const REAL_ONLY = args.includes("--real-only");
if (REAL_DIR === undefined || REAL_DIR?.startsWith("--")) throw new Error("--real-pages needs a folder: --real-pages DIR");
if (REAL_ONLY && !REAL_DIR) throw new Error("--real-only needs --real-pages DIR");
const DATASETS = REAL_ONLY ? [] : COLD_ONLY ? [0] : [0, SYNTHETIC]; // 0 = bundled
const MODES = ["highlight", "wrap"];
// Extreme pages (issue #4), bundled dataset: shape → what it is (www/bench/bench.js).
const SHAPES = args.includes("--no-extreme") || COLD_ONLY || REAL_ONLY ? [] : [
  ["many", 5000, "100,000 elements (paragraphs of four inline elements)"],
  ["deep", 5000, "nesting 5,000 deep (not rendered: display none)"],
  ["onenode", 5000, "one text node of 5 MB"],
];
// Highlight mode with the rules prepared before the content: the 5 MB article and the extreme pages.
const PREPARED = args.includes("--no-extreme") || COLD_ONLY || REAL_ONLY ? [] : [["article", Math.max(...SIZES), "article"], ...SHAPES];
const command = `node scripts/bench-browser.mjs ${args.join(" ")}`.trim();

const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};

// ---------------------------------------------------------------------------
// What a page downloads (gzip -9).
function downloadSizes() {
  const snippets = path.join(REPO_ROOT, "pkg/snippets");
  const scan = existsSync(snippets)
    ? readdirSync(snippets, { recursive: true }).filter((f) => f.endsWith("scan.js")).map((f) => path.join("pkg/snippets", f))
    : [];
  return ["pkg/factmark_bg.wasm", "pkg/factmark.js", ...scan, "www/embed.js"].map((f) => {
    const data = readFileSync(path.join(REPO_ROOT, f));
    return { file: f, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
}

// ---------------------------------------------------------------------------
// One measurement: a fresh context (no HTTP or compiled-code cache), one page.
// `onPage` sees the page before it loads; with `deadlineS`, a page that has no
// result that many seconds after it began loading is an error.
async function measure(browser, url, { task, timeoutS, onPage, deadlineS }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  onPage?.(page);
  const began = Date.now();
  let progress = null;
  let built = {};
  let startedAt = null;
  let timer;
  const result = new Promise((resolve) => {
    page.on("console", (m) => {
      const t = m.text();
      if (t.startsWith("markjs-start ")) {
        startedAt = Date.now();
        built = JSON.parse(t.slice("markjs-start ".length));
      }
      if (t.startsWith("markjs-progress ")) {
        const [done, total, ms] = t.split(" ").slice(1).map(Number);
        progress = { done, total, ms };
      }
    });
    // mark.js can exhaust the renderer's memory on a big page: its result,
    // like a timeout; a crash of anything else is an error.
    page.on("crash", () =>
      resolve(startedAt !== null ? { crashed: true } : { error: "the page crashed" }),
    );
    // Polling cannot run while mark.js holds the main thread, so the cap is
    // a Node timer, started when the page says mark.js has begun.
    timer = setInterval(() => {
      if (startedAt !== null && Date.now() - startedAt > timeoutS * 1000) resolve({ timedOut: true });
      if (deadlineS && Date.now() - began > deadlineS * 1000) resolve({ error: `no result ${deadlineS} s after the page began loading` });
    }, 250);
    page
      .goto(url)
      .then(() => page.waitForFunction(() => window.__bench, null, { timeout: 0, polling: 100 }))
      .then(() => page.evaluate(() => window.__bench))
      .then(resolve, (e) => resolve({ error: String(e) }));
  });
  const r = await result;
  clearInterval(timer);
  await context.close().catch(() => {});
  if (r.timedOut) return { ...built, task, timedOut: true, ms: timeoutS * 1000, progress };
  if (r.crashed) {
    const done = progress ? ` after ${progress.done} of ${progress.total} phrasings` : "";
    return { ...built, task, failed: `the page crashed (out of memory)${done}`, ms: Date.now() - startedAt };
  }
  return r;
}

const fmt = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(d));
const verdict = (met, how) => `${met ? "**met**" : "**not met**"}: ${how}`;
const msText = (r) =>
  r.failed ? `fails after ${fmt(r.failed.ms / 1000)} s: ${r.failed.failed}` : r.timedOut ? `> ${(r.ms / 1000).toFixed(0)} s` : fmt(r.ms);

// ---------------------------------------------------------------------------
// Real saved pages (issue 15): read from --real-pages DIR, never from the repository.
// The corpus the docs name (docs/benchmarks.md): the sha256 of its pages (realCorpusHash) → what it is.
const KNOWN_CORPORA = {
  "79274bf562bf": "Mozilla Readability's test/test-pages at commit ab4027a (Apache-2.0)",
};
const REAL_PATH = "/real-pages/";
const realPages = REAL_DIR ? readRealPages(REAL_DIR) : [];

function readRealPages(dir) {
  const names = readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, "source.html")))
    .sort();
  if (!names.length) throw new Error(`--real-pages ${dir}: no folder there holds a source.html`);
  return names.map((name) => ({ name, html: readFileSync(path.join(dir, name, "source.html"), "utf8") }));
}

/** A short sha256 of the pages (names and contents), to tell which corpus a run read. */
function realCorpusHash(pages) {
  const h = createHash("sha256");
  for (const p of pages) h.update(`${p.name}\0${p.html}\0`);
  return h.digest("hex").slice(0, 12);
}

/** An attribute inside a start tag, its name second. */
const ATTRIBUTE = /(\s+)([^\s"'>\/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g;

/**
 * A saved page as the benchmark serves it: without its own scripting (<script> elements,
 * inline event handlers, <meta> refresh, its <meta> Content-Security-Policy, written for its
 * own origin and scripts), and with the widget's loader tag at the top of <head>, as a
 * publisher adds it, after the harness's two: an import map that gives the loader the timed
 * engine (www/bench/timed-engine.js), and a listener that reports factmark:error. URLs are
 * absolute: some pages have a <base> pointing to their own site.
 */
function realPage(html, origin) {
  const stripped = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, "")
    .replace(/<meta\b[^>]*http-equiv\s*=\s*["']?(?:refresh|content-security-policy)\b[^>]*>/gi, "")
    .replace(/<[a-z][^>]*>/gi, (tag) => tag.replace(ATTRIBUTE, (all, space, name) => (/^on/i.test(name) ? "" : all)));
  const engine = `${origin}/pkg/factmark.js`;
  const map = { imports: { [engine]: `${origin}/www/bench/timed-engine.js` }, scopes: { [`${origin}/www/bench/`]: { [engine]: engine } } };
  const tags =
    `<script data-bench>document.addEventListener("factmark:error", (e) => { window.__bench ??= { error: "factmark:error: " + e.detail.message }; });</script>` +
    `<script type="importmap" data-bench>${JSON.stringify(map)}</script>` +
    `<script type="module" async src="${origin}/www/embed.js" data-mode="highlight"></script>`;
  for (const at of [/<head(?:\s[^>]*)?>/i, /<html(?:\s[^>]*)?>/i, /<!doctype[^>]*>/i]) {
    const m = at.exec(stripped);
    if (m) return stripped.slice(0, m.index + m[0].length) + tags + stripped.slice(m.index + m[0].length);
  }
  return tags + stripped;
}

/** The 90th percentile, nearest rank. */
const p90 = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.ceil(0.9 * s.length) - 1] : null;
};

/**
 * Every real page, --runs times (each run takes the pages in turn), each in a fresh context of
 * a browser of its own that resolves no host but 127.0.0.1, so that no request leaves the
 * machine or waits on the network. Returns each page's medians and the row's figures.
 */
async function measureRealPages() {
  const offline = await chromium.launch({ executablePath: CHROMIUM, args: [...BROWSER_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"] });
  const runsOf = new Map(realPages.map((p) => [p.name, []]));
  try {
    for (let run = 0; run < runs; run++) {
      for (const p of realPages) {
        const outside = { asked: 0, answered: 0 };
        const away = (request) => /^(https?|wss?):/.test(request.url()) && !request.url().startsWith(`${server.url}/`);
        const r = await measure(offline, `${server.url}${REAL_PATH}${encodeURIComponent(p.name)}.html`, {
          task: "real",
          timeoutS: 600,
          deadlineS: 120,
          onPage: (page) => {
            page.on("request", (request) => away(request) && outside.asked++);
            // Chromium's own redirects (http to https for HSTS sites) are answers that never left it.
            page.on("response", (response) => away(response.request()) && !response.headers()["non-authoritative-reason"] && outside.answered++);
          },
        });
        runsOf.get(p.name).push({ ...r, outside });
        console.error(
          r.error
            ? `real ${p.name} (run ${run + 1}): ${r.error.split("\n")[0]}`
            : `real ${p.name} (run ${run + 1}): init ${fmt(r.initMs)} ms, first mount ${fmt(r.ms)} ms, ${r.chars.toLocaleString("en")} chars, ${r.matches} matches`,
        );
      }
    }
  } finally {
    await offline.close();
  }
  const pages = realPages.map(({ name }) => {
    const all = runsOf.get(name);
    const ok = all.filter((r) => !r.error);
    if (!ok.length) return { name, error: all[0].error.split("\n")[0] };
    return {
      name,
      runs: ok.length,
      errors: all.length - ok.length,
      chars: ok[0].chars,
      elements: ok[0].elements,
      matches: median(ok.map((r) => r.matches)),
      ms: median(ok.map((r) => r.ms)),
      initMs: median(ok.map((r) => r.initMs)),
      coldMs: median(ok.map((r) => r.initMs + r.ms)),
      firstPaintMs: median(ok.map((r) => r.firstPaintMs)),
      scriptMs: median(ok.map((r) => r.scriptMs)),
      sliceMs: Math.max(...ok.map((r) => r.longestSliceMs ?? 0)),
      longestTaskMs: median(ok.map((r) => r.longestTaskMs)),
      worstTaskMs: Math.max(...ok.map((r) => r.longestTaskMs)),
      prepared: ok.filter((r) => r.prepared).length,
      engines: [...new Set(ok.map((r) => r.engine))],
      modes: [...new Set(ok.map((r) => r.mode))],
      pageScripts: Math.max(...ok.map((r) => r.pageScripts)),
      outsideAsked: median(ok.map((r) => r.outside.asked)),
      outsideAnswered: Math.max(...all.map((r) => r.outside.answered)),
    };
  });
  const ok = pages.filter((p) => !p.error);
  if (!ok.length) throw new Error(`real pages: none measured (${pages[0].error})`);
  const slowest = [...ok].sort((a, b) => b.ms - a.ms);
  return {
    pages,
    slowest,
    corpus: realCorpusHash(realPages),
    failed: pages.filter((p) => p.error),
    ms: median(ok.map((p) => p.ms)),
    p90Ms: p90(ok.map((p) => p.ms)),
    initMs: median(ok.map((p) => p.initMs)),
    initP90Ms: p90(ok.map((p) => p.initMs)),
    coldMs: median(ok.map((p) => p.coldMs)),
    firstPaintMs: median(ok.map((p) => p.firstPaintMs)),
    scriptMs: median(ok.map((p) => p.scriptMs)),
    sliceMs: Math.max(...ok.map((p) => p.sliceMs)),
    longestTaskMs: median(ok.map((p) => p.longestTaskMs)),
    worstTaskMs: Math.max(...ok.map((p) => p.worstTaskMs)),
    chars: median(ok.map((p) => p.chars)),
    maxChars: Math.max(...ok.map((p) => p.chars)),
    matches: ok.reduce((a, p) => a + p.matches, 0),
    withMatches: ok.filter((p) => p.matches > 0).length,
    prepared: ok.filter((p) => p.prepared > 0).length,
    notWasm: ok.filter((p) => p.engines.some((e) => e !== "wasm")).map((p) => p.name),
    notHighlight: ok.filter((p) => p.modes.some((m) => m !== "highlight")).map((p) => p.name),
    withScripts: ok.filter((p) => p.pageScripts > 0).map((p) => p.name),
    outsideAsked: ok.reduce((a, p) => a + p.outsideAsked, 0),
    outsideAnswered: ok.reduce((a, p) => a + p.outsideAnswered, 0),
  };
}

/** The pages served, by URL path: filled once the server's origin is known. */
const madePages = {};
const server = await startServer({ port: 0, pages: madePages });
for (const p of realPages) madePages[`${REAL_PATH}${encodeURIComponent(p.name)}.html`] = realPage(p.html, server.url);
const BROWSER_ARGS = [...CHROMIUM_ARGS, "--enable-precise-memory-info", "--js-flags=--expose-gc"];
const browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
const rows = [];
let real = null;
const started = Date.now();
try {
  for (const claims of DATASETS) {
    const cold = [];
    for (let i = 0; i < runs; i++) {
      const r = await measure(browser, `${server.url}/www/bench/bench.html?kb=100&task=cold&claims=${claims}`, { task: "cold", timeoutS: 600 });
      if (r.error) throw new Error(`cold (${claims || "bundled"}): ${r.error}`);
      cold.push(r);
    }
    rows.push({ claims, task: "cold", kb: 0, ms: median(cold.map((r) => r.ms)), initMs: median(cold.map((r) => r.initMs)), indexMs: median(cold.map((r) => r.indexMs)), worstTaskMs: Math.max(...cold.map((r) => r.longestTaskMs)), longestTaskMs: median(cold.map((r) => r.longestTaskMs)), sliceMs: Math.max(...cold.map((r) => r.longestSliceMs ?? 0)), phrasings: cold[0].phrasings, nclaims: cold[0].claims });
    console.error(`cold (${claims || "bundled"}): init ${rows.at(-1).initMs.toFixed(1)} ms + index ${rows.at(-1).indexMs.toFixed(1)} ms`);
    if (COLD_ONLY) {
      for (const r of cold) console.log(`run: init ${fmt(r.initMs)} ms, first mount ${fmt(r.indexMs)} ms, cold start ${fmt(r.ms)} ms`);
      const c = rows.at(-1);
      console.log(`median of ${runs}: init ${fmt(c.initMs)} ms, first mount ${fmt(c.indexMs)} ms, cold start ${fmt(c.ms)} ms`);
      continue;
    }

    for (const kb of SIZES) {
      const tasks = [...(claims === 0 ? ["floor"] : []), "markjs", ...MODES];
      for (const task of tasks) {
        const results = [];
        for (let i = 0; i < runs; i++) {
          const r = await measure(browser, `${server.url}/www/bench/bench.html?kb=${kb}&task=${task}&claims=${claims}`, { task, timeoutS: task === "markjs" ? MARKJS_TIMEOUT_S : 600 });
          if (r.error) throw new Error(`${task} ${kb} KB (${claims || "bundled"}): ${r.error}`);
          results.push(r);
          if (r.timedOut || r.failed) break; // the next runs would end the same way
        }
        const ok = results.filter((r) => !r.timedOut && !r.failed);
        const first = ok[0] ?? results[0];
        const row = {
          claims,
          kb,
          task,
          timedOut: results.some((r) => r.timedOut),
          failed: results.find((r) => r.failed) ?? null,
          progress: results.find((r) => r.timedOut)?.progress ?? null,
          runs: results.length,
          bytes: first.bytes,
          htmlBytes: first.htmlBytes,
          planted: first.plantedBundled !== undefined ? (claims ? first.plantedBundled + first.plantedSynthetic : first.plantedBundled) : null,
          ms: results.some((r) => r.timedOut) ? MARKJS_TIMEOUT_S * 1000 : ok.length ? median(ok.map((r) => r.ms)) : null,
          firstPaintMs: median(ok.map((r) => r.firstPaintMs)),
          longestTaskMs: median(ok.map((r) => r.longestTaskMs)),
          worstTaskMs: ok.length ? Math.max(...ok.map((r) => r.longestTaskMs)) : null,
          sliceMs: ok.some((r) => r.longestSliceMs !== undefined) ? Math.max(...ok.map((r) => r.longestSliceMs ?? 0)) : null,
          matches: first.matches ?? null,
          heapMB: median(ok.map((r) => r.heapMB)),
          heapDeltaMB: median(ok.map((r) => r.heapDeltaMB)),
          initMs: median(ok.map((r) => r.initMs)),
        };
        rows.push(row);
        console.error(`${kb} KB ${task} (${claims || "bundled"}): ${msText(row)}`);
      }
    }
  }
  // One page shape in one mode, `runs` times: a row of medians (and worsts).
  async function shapeRow(shape, kb, task, prepared) {
    const label = `${prepared ? "prepared " : ""}${shape} ${task}`;
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = await measure(browser, `${server.url}/www/bench/bench.html?kb=${kb}&task=${task}&claims=0&shape=${shape}${prepared ? "&prepared=1" : ""}`, { task, timeoutS: 600 });
      if (r.error) throw new Error(`${label}: ${r.error}`);
      if (prepared && !r.prepared) throw new Error(`${label}: the mount did not take the prepared rules`);
      results.push(r);
    }
    rows.push({
      claims: 0, kb, task, shape, prepared,
      bytes: results[0].bytes, elements: results[0].elements, planted: results[0].plantedBundled,
      ms: median(results.map((r) => r.ms)),
      firstPaintMs: median(results.map((r) => r.firstPaintMs)),
      longestTaskMs: median(results.map((r) => r.longestTaskMs)),
      worstTaskMs: Math.max(...results.map((r) => r.longestTaskMs)),
      sliceMs: Math.max(...results.map((r) => r.longestSliceMs ?? 0)),
      matches: results[0].matches,
    });
    console.error(`${label}: ${fmt(rows.at(-1).ms)} ms, longest task ${fmt(rows.at(-1).longestTaskMs, 0)} ms`);
  }
  for (const [shape, kb] of SHAPES) for (const task of MODES) await shapeRow(shape, kb, task, false);
  for (const [shape, kb] of PREPARED) await shapeRow(shape, kb, "highlight", true);
  if (REAL_DIR) real = await measureRealPages();
} finally {
  await browser.close();
  await server.close();
}

// ---------------------------------------------------------------------------
// Real saved pages: tables.
const REAL_TARGET = "real saved article pages: median first mount ≤ 40 ms, p90 ≤ 60 ms (issue 15)";
const realCorpus = () => KNOWN_CORPORA[real.corpus] ?? `pages of unknown origin (sha256 ${real.corpus}: not the corpus docs/benchmarks.md names)`;
const chars = (n) => n.toLocaleString("en");

function realVerdict() {
  if (!real) return "**not measured**: pass `--real-pages DIR` (docs/benchmarks.md says where to get the pages)";
  const over = (x, target) => (x > target ? ` (${fmt(x / target, 2)}× the target)` : "");
  const w = real.slowest[0];
  return verdict(
    real.ms <= 40 && real.p90Ms <= 60,
    `median ${fmt(real.ms)} ms${over(real.ms, 40)}, p90 ${fmt(real.p90Ms)} ms${over(real.p90Ms, 60)} over ${real.pages.length - real.failed.length} pages; slowest ${w.name} ${fmt(w.ms)} ms; init() apart, median ${fmt(real.initMs)} ms`,
  );
}

function realSummaryTable() {
  const w = real.slowest[0];
  return [
    "| pages | text per page, characters (median / largest) | init() ms (median / p90) | first mount() ms: median | p90 | slowest page | the widget's script in the first mount ms (median) | first highlight ms (median) | init + first mount ms (median) | longest widget slice ms (worst) | longest task ms (median / worst) | pages with matches (matches) |",
    "|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    `| ${real.pages.length - real.failed.length} of ${real.pages.length} | ${chars(real.chars)} / ${chars(real.maxChars)} | ${fmt(real.initMs)} / ${fmt(real.initP90Ms)} | ${fmt(real.ms)} | ${fmt(real.p90Ms)} | ${w.name}: ${fmt(w.ms)} ms, ${chars(w.chars)} characters | ${fmt(real.scriptMs)} | ${fmt(real.firstPaintMs)} | ${fmt(real.coldMs)} | ${fmt(real.sliceMs, 0)} | ${fmt(real.longestTaskMs, 0)} / ${fmt(real.worstTaskMs, 0)} | ${real.withMatches} (${real.matches}) |`,
  ].join("\n");
}

function realPagesTable(pages) {
  return [
    "| page | text characters | elements | init() ms | first mount() ms | the widget's script in it ms | first highlight ms | longest widget slice ms (worst) | longest task ms (median / worst) | matches |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...pages.map((p) =>
      p.error
        ? `| ${p.name} | fails: ${p.error.replaceAll("|", "\\|")} | | | | | | | | |`
        : `| ${p.name} | ${chars(p.chars)} | ${chars(p.elements)} | ${fmt(p.initMs)} | ${fmt(p.ms)} | ${fmt(p.scriptMs)} | ${fmt(p.firstPaintMs)} | ${fmt(p.sliceMs, 0)} | ${fmt(p.longestTaskMs, 0)} / ${fmt(p.worstTaskMs, 0)} | ${p.matches} |`,
    ),
  ].join("\n");
}

/** What a reader needs to trust the row: what was read, and the checks on how it ran. */
function realChecks() {
  const lines = [
    `${realCorpus()}, read from \`${REAL_DIR}\``,
    `rules prepared before the page was parsed (the loader's \`prepareHighlights()\`): ${real.prepared} of ${real.pages.length - real.failed.length} pages in at least one run`,
    `requests to other hosts: ${real.outsideAsked.toLocaleString("en")} asked (median per page, summed), ${real.outsideAnswered} answered`,
    `the page's own scripts left: ${real.withScripts.length ? real.withScripts.join(", ") : "none"}; engine other than wasm: ${real.notWasm.length ? real.notWasm.join(", ") : "none"}; mode other than highlight: ${real.notHighlight.length ? real.notHighlight.join(", ") : "none"}`,
  ];
  if (real.failed.length) lines.push(`failed: ${real.failed.map((p) => `${p.name} (${p.error})`).join("; ")}`);
  const someRuns = real.pages.filter((p) => p.errors);
  if (someRuns.length) lines.push(`failed in some runs (the others counted): ${someRuns.map((p) => `${p.name} ${p.errors} of ${p.runs + p.errors}`).join(", ")}`);
  return lines.map((l) => `- ${l}`).join("\n");
}

if (REAL_ONLY) {
  console.log(realPagesTable(real.pages));
  console.log(`\n${realSummaryTable()}\n\n${realChecks()}\n\n${REAL_TARGET}: ${realVerdict()}`);
}
if (COLD_ONLY || REAL_ONLY) process.exit(0);

// ---------------------------------------------------------------------------
// Tables.
const find = (claims, kb, task) => rows.find((r) => !r.shape && r.claims === claims && r.kb === kb && r.task === task);
const floorMs = (kb) => find(0, kb, "floor")?.ms;
const markjsRatio = (r) => {
  const m = find(r.claims, r.kb, "markjs");
  if (!m || m.ms === null || r.task === "markjs" || r.task === "floor") return "–";
  const x = r.ms / m.ms;
  return m.timedOut ? `< ${x.toPrecision(2)}` : x.toPrecision(2);
};
const coldRow = (claims) => rows.find((r) => r.claims === claims && r.task === "cold");
const datasetName = (claims) =>
  claims ? `synthetic: bundled + generated, ${claims.toLocaleString("en")} claims` : `bundled, ${coldRow(0).nclaims} claims`;

function mainTable(claims) {
  const lines = [
    "| page text | task | first highlight ms | total ms | × floor | × mark.js | longest task ms (median / worst) | longest widget slice ms (worst) | matches (planted) | JS heap MB (Δ mount) |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows.filter((x) => x.claims === claims && x.task !== "cold" && !x.shape)) {
    const progress = r.progress ? ` (${r.progress.done} of ${r.progress.total} phrasings done)` : "";
    lines.push(
      `| ${fmt(r.bytes / 1e6, 2)} MB | ${r.task === "markjs" ? "mark.js" : r.task} | ${fmt(r.firstPaintMs)} | ${msText(r)}${progress} | ${r.task === "floor" ? "1" : r.ms === null ? "–" : fmt(r.ms / floorMs(r.kb), 1)}${r.timedOut ? "+" : ""} | ${markjsRatio(r)} | ${r.timedOut || r.failed ? "–" : `${fmt(r.longestTaskMs, 0)} / ${fmt(r.worstTaskMs, 0)}`} | ${fmt(r.sliceMs, 0)} | ${r.matches ?? "–"} (${r.task === "floor" ? "–" : r.planted}) | ${r.heapMB === null ? "–" : `${fmt(r.heapMB)} (${fmt(r.heapDeltaMB)})`} |`,
    );
  }
  return lines.join("\n");
}

function extremeTable() {
  const lines = [
    "| page | text | elements | mode | total ms | longest task ms (median / worst) | longest widget slice ms (worst) | matches (planted) |",
    "|---|---:|---:|---|---:|---:|---:|---:|",
  ];
  for (const r of rows.filter((x) => x.shape && !x.prepared)) {
    const what = SHAPES.find((s) => s[0] === r.shape)[2];
    lines.push(`| ${what} | ${fmt(r.bytes / 1e6, 2)} MB | ${r.elements.toLocaleString("en")} | ${r.task} | ${fmt(r.ms)} | ${fmt(r.longestTaskMs, 0)} / ${fmt(r.worstTaskMs, 0)} | ${fmt(r.sliceMs, 0)} | ${r.matches} (${r.planted}) |`);
  }
  return lines.join("\n");
}

function preparedTable() {
  const lines = [
    "| page | text | elements | total ms | longest task ms (median / worst) | same page, rules added at mount: longest task ms (median / worst) | longest widget slice ms (worst) | matches (planted) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows.filter((x) => x.prepared)) {
    const what = PREPARED.find((s) => s[0] === r.shape)[2];
    const late = rows.find((x) => !x.prepared && x.task === "highlight" && x.claims === 0 && x.kb === r.kb && (x.shape ?? "article") === r.shape);
    const elements = r.elements === undefined ? "–" : r.elements.toLocaleString("en");
    lines.push(`| ${what} | ${fmt(r.bytes / 1e6, 2)} MB | ${elements} | ${fmt(r.ms)} | ${fmt(r.longestTaskMs, 0)} / ${fmt(r.worstTaskMs, 0)} | ${late ? `${fmt(late.longestTaskMs, 0)} / ${fmt(late.worstTaskMs, 0)}` : "–"} | ${fmt(r.sliceMs, 0)} | ${r.matches} (${r.planted}) |`);
  }
  return lines.join("\n");
}

function coldTable() {
  const lines = [
    "| dataset | phrasings | init() ms (fetch + compile + instantiate) | first mount() on an empty element ms (parse + index) | cold start ms (median of each run's sum) | longest task ms (median / worst) | longest widget slice ms (worst) |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows.filter((x) => x.task === "cold")) {
    lines.push(`| ${datasetName(r.claims)} | ${r.phrasings} | ${fmt(r.initMs)} | ${fmt(r.indexMs)} | ${fmt(r.ms)} | ${fmt(r.longestTaskMs, 0)} / ${fmt(r.worstTaskMs, 0)} | ${fmt(r.sliceMs, 0)} |`);
  }
  return lines.join("\n");
}

writeFileSync(path.join(REPO_ROOT, "target/bench-browser.json"), JSON.stringify(rows, null, 1));
if (real) writeFileSync(path.join(REPO_ROOT, "target/bench-browser-real.json"), JSON.stringify(real, null, 1));
const sizes = downloadSizes();
const sizeTable = [
  "| file | bytes | gzip -9 |",
  "|---|---:|---:|",
  ...sizes.map((s) => `| ${s.file} | ${s.bytes.toLocaleString("en")} | ${s.gzip.toLocaleString("en")} |`),
  `| **total** | **${sizes.reduce((a, s) => a + s.bytes, 0).toLocaleString("en")}** | **${sizes.reduce((a, s) => a + s.gzip, 0).toLocaleString("en")}** |`,
].join("\n");

// ---------------------------------------------------------------------------
// The issue's targets (1 MB page, bundled dataset unless said otherwise).
const targets = [];
const MB1 = SIZES.includes(1000) ? 1000 : SIZES[Math.floor(SIZES.length / 2)];
const MB5 = SIZES.includes(5000) ? 5000 : SIZES.at(-1);
for (const mode of MODES) {
  const r = find(0, MB1, mode);
  const x = r.ms / floorMs(MB1);
  targets.push(["scan + highlight ≤ 3× floor (1 MB)", mode, verdict(x <= 3, `${fmt(r.ms)} ms = ${fmt(x)}× the floor's ${fmt(floorMs(MB1), 2)} ms${x > 3 ? ` (${fmt(x / 3)}× over the target)` : ""}`)]);
}
for (const mode of MODES) {
  const r = find(0, MB1, mode);
  const m = find(0, MB1, "markjs");
  const speedup = m.ms / r.ms;
  targets.push(["≥ 100× faster than mark.js (1 MB)", mode, verdict(speedup >= 100, `mark.js ${msText(m)} ms, factmark ${fmt(r.ms)} ms: ${m.timedOut ? "more than " : ""}${fmt(speedup, 0)}× faster${speedup < 100 ? ` (${fmt(100 / speedup)}× short)` : ""}`)]);
}
const noLongTask = (label, mode, picked) => {
  const worst = Math.max(...picked.map((r) => r.worstTaskMs));
  const where = picked.filter((r) => r.worstTaskMs > 50).map((r) => `${r.shape && r.shape !== "article" ? r.shape : `${fmt(r.bytes / 1e6, 1)} MB`}${r.claims ? ` (${r.claims.toLocaleString("en")} claims)` : ""}: ${fmt(r.worstTaskMs, 0)} ms`);
  targets.push([label, mode, verdict(worst <= 50, worst <= 50 ? "no long task on any page" : `longest ${fmt(worst, 0)} ms (${where.join(", ")})`)]);
};
for (const mode of MODES) noLongTask("no task > 50 ms: every page and dataset here, rules added at mount", mode, rows.filter((r) => r.task === mode && !r.prepared));
if (PREPARED.length) noLongTask("no task > 50 ms: 5 MB and extreme pages, rules prepared before the content", "highlight", rows.filter((r) => r.prepared));
for (const mode of MODES) {
  const worst = Math.max(...rows.filter((r) => r.task === mode || r.task === "cold").map((r) => r.sliceMs ?? 0));
  targets.push(["the widget's own script: no slice > 50 ms, every page and dataset here", mode, verdict(worst <= 50, `longest slice ${fmt(worst, 0)} ms`)]);
}
{
  const c = rows.find((r) => r.claims === 0 && r.task === "cold");
  targets.push(["cold start ≤ 30 ms", "–", verdict(c.ms <= 30, `${fmt(c.ms)} ms (init ${fmt(c.initMs)} + index ${fmt(c.indexMs)})${c.ms > 30 ? `, ${fmt(c.ms / 30)}× the target` : ""}`)]);
}
for (const mode of MODES) {
  const x = find(0, MB5, mode).ms / find(0, MB1, mode).ms;
  targets.push(["5 MB ≤ 5.5× 1 MB", mode, verdict(x <= 5.5, `${fmt(x, 2)}×`)]);
}
for (const mode of MODES) {
  const x = find(SYNTHETIC, MB1, mode).ms / find(0, MB1, mode).ms;
  targets.push([`${SYNTHETIC.toLocaleString("en")} claims ≤ 2× bundled (1 MB)`, mode, verdict(x <= 2, `${fmt(find(SYNTHETIC, MB1, mode).ms)} ms vs ${fmt(find(0, MB1, mode).ms)} ms = ${fmt(x, 2)}×${x > 2 ? ` (${fmt(x / 2)}× over)` : ""}`)]);
}
{
  const total = sizes.reduce((a, s) => a + s.gzip, 0);
  targets.push(["everything downloaded ≤ 100 KB gzipped", "–", verdict(total <= 100_000, `${(total / 1000).toFixed(1)} KB${total > 100_000 ? ` (${fmt(total / 100_000, 2)}× the target)` : ""}`)]);
}
targets.push([REAL_TARGET, "highlight", realVerdict()]);
const targetTable = ["| target | mode | result |", "|---|---|---|", ...targets.map((t) => `| ${t[0]} | ${t[1]} | ${t[2]} |`)].join("\n");

const scaling = MODES.map((m) => `- ${m}: 5 MB / 1 MB = ${fmt(find(0, MB5, m).ms / find(0, MB1, m).ms, 2)} (bundled), ${fmt(find(SYNTHETIC, MB5, m).ms / find(SYNTHETIC, MB1, m).ms, 2)} (${SYNTHETIC.toLocaleString("en")} claims)`).join("\n");

const report = `## Targets (issue #5; the real pages' row, issue 15)

${targetTable}

## Bundled dataset (${coldRow(0).nclaims} claims, ${coldRow(0).phrasings} phrasings)

${mainTable(0)}

## Synthetic dataset (${SYNTHETIC.toLocaleString("en")} claims, ${coldRow(SYNTHETIC).phrasings.toLocaleString("en")} phrasings)

${mainTable(SYNTHETIC)}

Scaling with page size:
${scaling}

${SHAPES.length ? `## Extreme pages (issue #4), bundled dataset

${extremeTable()}

## Highlight rules prepared before the content (issue #4), bundled dataset

\`prepareHighlights()\` before the page is built, as the extension (at \`document_start\`) and a
loader tag that runs before the content do; the mount takes the rules over.

${preparedTable()}

` : ""}## Real saved pages (issue 15), bundled dataset

${real ? `Each page once per run in a fresh browser context, as a new reader's first page view: the page's
own scripts removed, the widget added by its script tag (\`www/embed.js\`, \`data-mode="highlight"\`,
at the top of \`<head>\`), no request answered but those to the local server. **init()** and
**first mount()** are timed in the page as above (the engine the loader imports, timed by
\`www/bench/timed-engine.js\`); each page's figure is the median of its ${runs} run${runs === 1 ? "" : "s"}, and the row's
median and p90 (nearest rank) are over the pages. The pages are not in this repository
(docs/benchmarks.md says how to get them).

${realChecks()}

${realSummaryTable()}

The ten slowest first mounts:

${realPagesTable(real.slowest.slice(0, 10))}` : "Not measured: pass `--real-pages DIR`, a folder per page with its `source.html` (docs/benchmarks.md says where to get them)."}

## Cold start

${coldTable()}

## Download (gzip -9)

${sizeTable}`;
console.log(report);

const generated = `# Browser benchmarks

<!-- Everything above the analysis marker is written by scripts/bench-browser.mjs. -->

Produced by \`${command}\` (after \`scripts/build.sh\`) on
${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC in ${((Date.now() - started) / 60000).toFixed(0)} minutes: headless Debian Chromium
(${browser.version()}), 2-core machine shared with other builds, so absolute figures are
noisy; ratios between rows of the same run are what to read. Every figure is the median of ${runs} runs,
each in a fresh browser context (empty HTTP and code caches) loading the same generated page
(\`www/bench/corpus.js\`: ${fmt(find(0, MB1, "floor").htmlBytes / find(0, MB1, "floor").bytes, 2)} bytes of HTML per character of text, a claim
planted in every third paragraph: the bundled dataset's phrasings in turn, every third one split
across a link or emphasis, and phrasings of the first 500 synthetic claims).

- **total ms**: for factmark, from calling \`mount()\` to its promise resolving (scan,
  match, paint; time-sliced; the bundled index is built inside the first mount); for the floor,
  one TreeWalker pass reading every text node's \`data\`; for mark.js, \`mark(phrasings,
  { acrossElements: true, separateWordSearch: false })\` to its \`done\` callback, stopped after
  ${MARKJS_TIMEOUT_S} s ("> ${MARKJS_TIMEOUT_S} s", with how many phrasings it had finished; mark.js
  does them longest first, and a stopped configuration is not run again).
- **first highlight ms**: from calling \`mount()\` to the widget's first \`CSS.highlights.set\`
  (highlight mode) or first \`<factmark-mark>\` inserted (wrap mode).
- **× floor**, **× mark.js**: total ms divided by the floor's or mark.js's total on the same page.
- **longest task**: the longest main-thread task the Long Tasks API reported from \`init()\` until
  100 ms after \`mount()\` resolved (0 = none over 50 ms; the API reports nothing shorter).
- **longest widget slice**: the longest stretch the widget's own code ran without yielding
  (from \`mount()\` or a resumption after \`scheduler.yield()\` to its next yield; the worst of
  the runs): what the widget's script does in one task, without the style, layout and paint
  work the browser then does for the page, which the Long Tasks figure includes.
- **JS heap**: \`performance.memory.usedJSHeapSize\` after a forced GC once mounted; Δ is the growth
  from before \`init()\` (wasm memory is not JS heap and is not included).
- **matches (planted)**: matches found, and claims planted in the page whose dataset is in use.

${report}
`;
const MARK = "<!-- analysis -->";
const previous = existsSync(out) ? readFileSync(out, "utf8") : "";
const analysis = previous.includes(MARK) ? previous.slice(previous.indexOf(MARK)) : `${MARK}\n`;
writeFileSync(out, `${generated}\n${analysis}`);
console.error(`wrote ${path.relative(REPO_ROOT, out)}`);
