// The widget's engine as the script-tag loader gets it on the real saved pages
// of the browser benchmark (scripts/bench-browser.mjs --real-pages DIR).
//
// Each page carries the loader's tag as a publisher writes it
// (<script type="module" async src=".../www/embed.js" data-mode="highlight">),
// and an import map that sends the loader's import of /pkg/factmark.js here;
// a scope of the same map sends this module's own import of it to the real
// engine. This module is that engine with init(), prepareHighlights() and
// mount() timed as www/bench/bench.js times them: init() from its call to its
// promise resolving (fetch, compile and instantiate the wasm), mount() from
// its call to its promise resolving, the first highlight, the widget's
// longest slice and all its slices together (its own script, without what
// the page ran while it yielded), and the Long Tasks API from the engine's
// arrival until 100 ms after the mount. The loader is not held up: the figures of the first
// mount, with the page's text size, go to window.__bench afterwards.
import init, * as engine from "/pkg/factmark.js";
import { now, watchFirstPaint, watchLongTasks, watchSlices } from "/www/bench/watch.js";

export * from "/pkg/factmark.js";

const result = { task: "real", prepared: false, initMs: null };
const longTasks = watchLongTasks();
let mounted = false;

function fail(stage, e) {
  window.__bench ??= { error: `${stage}: ${e && e.stack ? e.stack : e}` };
}

export default async function timedInit(...args) {
  const t0 = now();
  try {
    const out = await init(...args);
    result.initMs = now() - t0;
    performance.measure("factmark init()", { start: t0 });
    return out;
  } catch (e) {
    fail("init()", e);
    throw e;
  }
}

export function prepareHighlights(...args) {
  result.prepared = true;
  return engine.prepareHighlights(...args);
}

export async function mount(options) {
  if (mounted) return engine.mount(options); // only the first mount is measured
  mounted = true;
  const slices = watchSlices();
  const firstPaint = watchFirstPaint();
  const t1 = now();
  slices.start();
  let fm;
  try {
    fm = await engine.mount(options);
  } catch (e) {
    fail("mount()", e);
    throw e;
  }
  slices.end();
  result.ms = now() - t1;
  performance.measure("factmark mount()", { start: t1 });
  result.mode = options?.mode ?? null;
  result.longestSliceMs = slices.max;
  result.scriptMs = slices.total;
  result.slices = slices.count;
  result.firstPaintMs = firstPaint.at === null ? null : firstPaint.at - t1;
  result.matches = fm.matches().length;
  result.engine = fm.engine;
  finish().catch((e) => fail("after mount()", e));
  return fm;
}

/** After the measured window: what the page was (text, elements, scripts left), then the result. */
async function finish() {
  Object.assign(result, await longTasks.stop());
  // The page's text as the floor reads it (every text node under <body>), leaving out the widget's own elements.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.nodeType === Node.ELEMENT_NODE && n.localName.startsWith("factmark-") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let chars = 0;
  let elements = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) chars += n.data.length;
    else elements++;
  }
  result.chars = chars;
  result.elements = elements;
  // Scripts other than the benchmark's own (data-bench) and the loader's tag: none if the page's were all removed.
  result.pageScripts = [...document.scripts].filter((s) => !s.hasAttribute("data-bench") && !s.src.endsWith("/www/embed.js")).length;
  window.__bench = result;
}
