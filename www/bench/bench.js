// Browser benchmark harness, driven by scripts/bench-browser.mjs.
//
// bench.html?kb=1000&task=floor|highlight|wrap builds an article-like page of
// about `kb` kilobytes of text (the demo article's paragraphs, every claim
// planted once per copy, between filler paragraphs with links, emphasis and
// lists), then measures one task and stores the result in window.__bench.
import init, { mount } from "/pkg/factmark.js";

const params = new URLSearchParams(location.search);
const targetBytes = Number(params.get("kb") || "1000") * 1000;
const task = params.get("task") || "highlight";

const FILLER = [
  "The city council met on Tuesday to discuss the new budget for parks and libraries.",
  "Residents asked about bus routes, school repairs and the opening hours of the swimming pool.",
  "A local bakery won a regional prize for its rye bread, and the football club signed two young players.",
];

async function buildPage() {
  const article = await (await fetch("/tests/fixtures/article.txt")).text();
  const paragraphs = article.split("\n").filter((l) => l.trim());
  const main = document.getElementById("page");
  const frag = document.createDocumentFragment();
  let bytes = 0;
  let copies = 0;
  while (bytes < targetBytes) {
    for (const [i, text] of paragraphs.entries()) {
      const p = document.createElement(text.startsWith("- ") ? "li" : "p");
      p.textContent = text.replace(/^- /, "");
      frag.append(p);
      bytes += text.length;
      const filler = document.createElement(i % 4 === 0 ? "ul" : "p");
      for (const [j, f] of FILLER.entries()) {
        const node = i % 4 === 0 ? document.createElement("li") : document.createElement("span");
        node.append(f.slice(0, 20), Object.assign(document.createElement(j === 1 ? "a" : "em"), { textContent: f.slice(20, 40), href: "#x" }), f.slice(40) + " ");
        filler.append(node);
        bytes += f.length + 1;
      }
      frag.append(filler);
    }
    copies += 1;
  }
  main.append(frag);
  return { bytes, copies };
}

async function run() {
  const built = await buildPage();
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  // Let the page's own first layout and paint happen before measuring.
  document.body.getBoundingClientRect();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise((r) => setTimeout(r, 50));
  observer.observe({ type: "longtask" });
  const result = { task, bytes: built.bytes, copies: built.copies };
  if (task === "floor") {
    const t0 = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let chars = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += n.data.length;
    result.ms = performance.now() - t0;
    result.chars = chars;
  } else {
    const t0 = performance.now();
    await init();
    result.initMs = performance.now() - t0;
    const t1 = performance.now();
    const fm = await mount({ mode: task, root: document.getElementById("page") });
    result.ms = performance.now() - t1;
    result.matches = fm.matches().length;
    result.heapMB = performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null;
    window.__fm = fm;
  }
  await new Promise((r) => setTimeout(r, 100)); // deliver pending long-task entries
  observer.disconnect();
  result.longestTaskMs = longTasks.length ? Math.max(...longTasks) : 0;
  result.longTasks = longTasks.length;
  window.__bench = result;
}

run().catch((e) => {
  window.__bench = { error: String(e) };
});
