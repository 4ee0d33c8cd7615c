// Browser benchmark harness, driven by scripts/bench-browser.mjs.
//
// bench.html?kb=1000&task=floor|markjs|highlight|wrap|cold|page&claims=0|10000[&shape=article|onenode|deep][&prepared=1]
// builds an article-like page of about `kb` kilobytes of text (corpus.js:
// paragraphs, links, emphasis, lists, quotes; a dataset phrasing planted in
// every third paragraph), then measures one task and stores the result in
// window.__bench. The page is the same for every task and dataset.
//
// - floor: one TreeWalker pass reading every text node's data.
// - markjs: mark.js 8 marking every phrasing of the dataset
//   (acrossElements, no separate word search); time until its `done`.
// - highlight / wrap: init() (fetch, compile, instantiate the wasm), then
//   mount() in that mode: time to the first highlight painted and to the
//   resolved mount() (scan, match, paint).
// - cold: init(), then mount() on an empty element: fetching, compiling and
//   instantiating the wasm, then parsing the dataset and building its index.
//
// shape=onenode puts all the text in one text node (a claim every 20,000
// characters); shape=deep nests elements kb/1000 levels deep (kb=5000: 5,000
// deep, a claim every 100 levels); shape=many builds kb*20 elements
// (kb=5000: 100,000) in paragraphs of four inline elements.
//
// prepared=1 (highlight mode): init() and prepareHighlights() run before the
// page is built, as the extension (document_start) and a loader tag that runs
// before the content do; init() is then counted there, not in the mount.
//
// claims=0 uses the bundled dataset; claims=N (e.g. 10000) passes a dataset of
// the bundled claims plus synthetic ones, N in all (corpus.js).
import init, { mount, prepareHighlights } from "/pkg/factmark.js";
import { buildArticle, buildDeep, buildMany, buildOneNode, syntheticClaims, syntheticDataset } from "/www/bench/corpus.js";
import { frames, now, watchFirstPaint, watchLongTasks, watchSlices } from "/www/bench/watch.js";

const params = new URLSearchParams(location.search);
const targetBytes = Number(params.get("kb") || "1000") * 1000;
const task = params.get("task") || "highlight";
const claims = Number(params.get("claims") || "0");
const shape = params.get("shape") || "article";
const prepared = params.get("prepared") === "1";

const heapMB = () => {
  if (typeof gc === "function") gc(); // --js-flags=--expose-gc (set by the driver)
  return performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null;
};

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = Object.assign(document.createElement("script"), { src });
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

async function run() {
  let early = null;
  let earlyInitMs = null;
  if (prepared) {
    const t0 = now();
    await init();
    earlyInitMs = now() - t0;
    early = prepareHighlights();
  }
  const bundled = await (await fetch("/data/claims.json")).json();
  const dataset = claims ? syntheticDataset(bundled, claims) : null;
  const phrasings = (dataset ?? bundled).claims.flatMap((c) => c.phrasings);
  const main = document.getElementById("page");
  const bundledPhrasings = bundled.claims.flatMap((c) => c.phrasings);
  const built =
    shape === "onenode"
      ? buildOneNode(main, targetBytes, bundledPhrasings)
      : shape === "deep"
        ? buildDeep(main, targetBytes / 1000, bundledPhrasings)
        : shape === "many"
          ? buildMany(main, targetBytes / 50, bundledPhrasings)
        : buildArticle(main, targetBytes, bundledPhrasings, dataset ? dataset.claims.slice(bundled.claims.length) : syntheticClaims(500));
  built.htmlBytes = main.innerHTML.length;
  if (task === "page") {
    // Only the page (for profiling by hand).
    window.__bench = built;
    return;
  }
  if (task === "markjs") await loadScript("/node_modules/mark.js/dist/mark.min.js");
  const firstPaint = watchFirstPaint();

  // Let the page's own first layout and paint happen before measuring.
  document.body.getBoundingClientRect();
  await frames(2);
  await new Promise((r) => setTimeout(r, 50));
  const heapBefore = task === "floor" || task === "markjs" ? null : heapMB();
  // The forced GC can take 100 ms on a big page: let its task end (and a
  // frame pass) before observing, or it would be counted as the widget's.
  await frames(1);
  await new Promise((r) => setTimeout(r, 20));
  // Long tasks from here, the page rendering every frame (watch.js).
  const longTasks = watchLongTasks();
  const result = { task, claims: claims || bundled.claims.length, phrasings: phrasings.length, ...built };

  if (task === "floor") {
    const t0 = now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let chars = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += n.data.length;
    result.ms = now() - t0;
    result.chars = chars;
  } else if (task === "markjs") {
    // mark.js runs synchronously; progress goes to the console (which the
    // driver reads even while the page is busy) so a run it has to stop
    // still says how far mark.js got.
    const done = new Set();
    let lastReport = now();
    const progress = (kw) => {
      done.add(kw);
      if (now() - lastReport > 1000) {
        lastReport = now();
        console.debug(`markjs-progress ${done.size} ${phrasings.length} ${(now() - t0).toFixed(0)}`);
      }
    };
    console.debug(`markjs-start ${JSON.stringify(built)}`);
    const t0 = now();
    await new Promise((resolve) => {
      try {
        runMark(resolve);
      } catch (e) {
        // mark.js recurses once per keyword: with tens of thousands of
        // phrasings it runs out of stack. That is its result, not ours.
        result.failed = `${e.name}: ${String(e.message).replace(/^Invalid regular expression: .*: /s, "")} after ${done.size} of ${phrasings.length} phrasings`;
        resolve();
      }
    });
    function runMark(resolve) {
      new window.Mark(main).mark(phrasings, {
        acrossElements: true,
        separateWordSearch: false,
        filter: (node, kw) => (progress(kw), true),
        noMatch: (kw) => progress(kw),
        done: (n) => {
          result.matches = n;
          resolve();
        },
      });
    }
    result.ms = now() - t0;
    result.marks = main.querySelectorAll("mark[data-markjs]").length;
  } else {
    const t0 = now();
    await init();
    result.initMs = earlyInitMs ?? now() - t0;
    // User Timing entries, for a profile of the run (a trace's "blink.user_timing").
    if (earlyInitMs === null) performance.measure("factmark init()", { start: t0 });
    const root = task === "cold" ? main.appendChild(document.createElement("div")) : main;
    const slices = watchSlices();
    const t1 = now();
    // The widget's first slice starts here: mount() only queues its body
    // (a microtask), which then runs until its first yield.
    const sheetsBefore = document.adoptedStyleSheets.length;
    slices.start();
    const fm = await mount({ mode: task === "cold" ? "highlight" : task, root, ...(dataset ? { dataset } : {}) });
    slices.end();
    result.ms = now() - t1;
    performance.measure("factmark mount()", { start: t1 });
    result.longestSliceMs = slices.max;
    result.slices = slices.count;
    result.firstPaintMs = firstPaint.at === null ? null : firstPaint.at - t1;
    result.matches = fm.matches().length;
    // The mount took the early rules, and kept them: it added no sheet of its own.
    result.prepared = early !== null && !early.pending && document.adoptedStyleSheets.length === sheetsBefore;
    early?.release();
    if (task === "cold") {
      result.indexMs = result.ms;
      result.ms = result.initMs + result.indexMs;
    }
    window.__fm = fm;
  }
  Object.assign(result, await longTasks.stop());
  if (heapBefore !== null) {
    // After the long-task window: the forced GC is the harness's, not the widget's.
    result.heapMB = heapMB();
    result.heapDeltaMB = result.heapMB - heapBefore;
  }
  window.__bench = result;
}

run().catch((e) => {
  window.__bench = { error: String(e && e.stack ? e.stack : e) };
});
