// One 5 MB text node: what highlighting n ranges in it costs the browser (no widget).
// Usage: node onenode.mjs   (prints the longest task and each frame's cost, ms)
import { chromium } from "../../../node_modules/playwright-core/index.mjs";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
for (const n of [1, 10, 50, 250]) for (const batch of [0, 25]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent(`<!doctype html><html><head></head><body><p id=p></p></body></html>`);
  const r = await page.evaluate(async ([n, batch]) => {
    const s = new CSSStyleSheet(); s.replaceSync(":root::highlight(x){background-color:#fdd;text-decoration-line:underline;text-decoration-style:wavy}"); document.adoptedStyleSheets = [s];
    let t = ""; const w = "lorem ipsum dolor sit amet consectetur adipiscing elit ";
    while (t.length < 5e6) t += w;
    const node = document.createTextNode(t); document.getElementById("p").append(node);
    const frame = () => new Promise(r => requestAnimationFrame(() => { const a = performance.now(); setTimeout(() => r(performance.now() - a), 0); }));
    await frame(); await frame(); await new Promise(r => setTimeout(r, 200));
    const lts = []; const po = new PerformanceObserver(l => lts.push(...l.getEntries().map(e => e.duration))); po.observe({ type: "longtask" });
    const ranges = []; for (let i = 0; i < n; i++) { const r = new Range(); const at = Math.floor((i + 0.5) * t.length / n); r.setStart(node, at); r.setEnd(node, at + 40); ranges.push(r); }
    const h = new Highlight(); CSS.highlights.set("x", h);
    const frames = [];
    if (!batch) { ranges.forEach(r => h.add(r)); frames.push(await frame()); }
    else for (let i = 0; i < n; i += batch) { ranges.slice(i, i + batch).forEach(r => h.add(r)); frames.push(await frame()); }
    await frame(); await new Promise(r => setTimeout(r, 100)); po.disconnect();
    return { frames: frames.map(f => f.toFixed(0)).join(","), lt: Math.max(0, ...lts).toFixed(0) };
  }, [n, batch]);
  console.log(`n=${n} batch=${batch || "all"} longtask=${r.lt} frames=${r.frames}`);
  await page.close();
}
await browser.close();
