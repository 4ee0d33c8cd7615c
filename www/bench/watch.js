// What the browser benchmark watches while the widget mounts, shared by its
// two harnesses: the generated pages (www/bench/bench.js) and the real saved
// pages, where the widget comes in through the script-tag loader
// (www/bench/timed-engine.js). Driven by scripts/bench-browser.mjs.

export const now = () => performance.now();
export const frames = (n) => new Promise((r) => (n ? requestAnimationFrame(() => frames(n - 1).then(r)) : r()));

/** Records when the widget paints its first highlight (either mode). */
export function watchFirstPaint() {
  const seen = { at: null };
  const reg = globalThis.CSS && CSS.highlights;
  if (reg) {
    const proto = Object.getPrototypeOf(reg);
    const set = proto.set;
    proto.set = function (...a) {
      seen.at ??= now();
      return set.apply(this, a);
    };
  }
  const insertBefore = Node.prototype.insertBefore;
  Node.prototype.insertBefore = function (node, ref) {
    if (seen.at === null && node && node.nodeName === "FACTMARK-MARK") seen.at = now();
    return insertBefore.call(this, node, ref);
  };
  return seen;
}

/**
 * Records how long the widget's own code runs at a stretch: from mount()
 * (or its resumption after a `scheduler.yield()`) to its next yield (`max`,
 * the longest; `total`, all of them). The Long Tasks API also counts the
 * rendering work a slice causes (style, layout, paint), which the page's size
 * decides; this counts only script.
 */
export function watchSlices() {
  const w = { max: 0, total: 0, from: null, count: 0 };
  const close = () => {
    if (w.from === null) return;
    const slice = now() - w.from;
    w.max = Math.max(w.max, slice);
    w.total += slice;
    w.from = null;
  };
  const s = globalThis.scheduler;
  if (s && typeof s.yield === "function") {
    const y = s.yield.bind(s);
    s.yield = () => {
      close();
      w.count++;
      return y().then(() => {
        w.from = now();
      });
    };
  }
  w.start = () => (w.from = now());
  w.end = close;
  return w;
}

/**
 * Observes long tasks (the Long Tasks API) from now on, and keeps the page
 * rendering every frame, as a page on screen does: headless Chromium
 * otherwise leaves the style and layout work a change causes (e.g. the
 * restyle after a style sheet is added) for later, outside this window, and
 * the Long Tasks API never sees it. `stop()` waits two frames and 100 ms
 * (for pending entries to be delivered), then resolves to the longest task
 * and how many there were.
 */
export function watchLongTasks() {
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: "longtask" });
  let rendering = true;
  const renderLoop = () => rendering && requestAnimationFrame(renderLoop);
  requestAnimationFrame(renderLoop);
  return {
    async stop() {
      await frames(2);
      await new Promise((r) => setTimeout(r, 100)); // deliver pending long-task entries
      rendering = false;
      observer.disconnect();
      return { longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0, longTasks: longTasks.length };
    },
  };
}
