// Usage: node run.mjs [--mode hl|wrap] [--sizes 1mb,5mb] [--reps 5] [--variants a,b] [--raf] [--out file.json]
import { chromium } from "../../../node_modules/playwright-core/index.mjs";
import fs from "node:fs";
import path from "node:path";
const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, arr) => (v.startsWith("--") ? a.push([v.slice(2), arr[i + 1] && !arr[i + 1].startsWith("--") ? arr[i + 1] : true]) : 0, a), []));
const mode = args.mode || "hl";
const sizes = (args.sizes || "1mb,5mb").split(",");
const reps = +(args.reps || 5);
const defaultHL = "base,attrBatch,colorRoot,order,sameTask,noMedia,noDeco,root,mainId,mainDesc,scope,early,insertRule,replaceSync,emptyThenAdd,emptyFirstThenSheet,shadow,styleEl,noSheet,otherSheet";
const defaultWrap = "touch1,touchStyle,w16,w16split,w16inlineContain,w16inlineBlockContain,w16reverse,w128,wAll,wAllReverse";
const variants = (args.variants || (mode === "hl" ? defaultHL : defaultWrap)).split(",");
const dir = path.dirname(new URL(import.meta.url).pathname);
const CATS = ["devtools.timeline", "toplevel", "disabled-by-default-devtools.timeline"];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });

function analyzeTrace(buf) {
  const ev = JSON.parse(buf.toString()).traceEvents || JSON.parse(buf.toString());
  const ts = ev.filter(e => e.name === "TimeStamp" && e.args?.data?.message?.startsWith("EXP_T"));
  const t0e = ts.find(e => e.args.data.message === "EXP_T0"), t1e = ts.find(e => e.args.data.message === "EXP_T1");
  if (!t0e || !t1e) return null;
  const { pid, tid } = t0e, t0 = t0e.ts, t1 = t1e.ts;
  const on = ev.filter(e => e.pid === pid && e.tid === tid && e.ph === "X" && e.ts + (e.dur || 0) >= t0 && e.ts <= t1);
  const tasks = on.filter(e => e.name === "ThreadControllerImpl::RunTask" || e.name === "RunTask").map(e => e.dur / 1000);
  const sum = {}; let elementCount = 0;
  for (const e of on) { sum[e.name] = (sum[e.name] || 0) + (e.dur || 0) / 1000; if (e.name === "UpdateLayoutTree") elementCount = Math.max(elementCount, e.args?.elementCount ?? e.args?.data?.elementCount ?? 0); }
  return { maxTask: Math.max(0, ...tasks), totalTask: tasks.reduce((a, b) => a + b, 0), style: sum.UpdateLayoutTree || 0, layout: sum.Layout || 0, prePaint: sum.PrePaint || 0, paint: (sum.Paint || 0), layerize: sum.Layerize || 0, commit: sum.Commit || 0, elementCount, sums: sum };
}

async function visible(page) {
  const clip = await page.evaluate(async () => {
    const r = document.querySelector("factmark-mark") || window.__ranges[0];
    (r.nodeType === 1 ? r : r.startContainer.parentElement).scrollIntoView({ block: "center" });
    await settle();
    const b = r.getBoundingClientRect(); return { x: b.x, y: b.y, width: Math.max(1, b.width), height: Math.max(1, b.height) };
  });
  if (!(clip.width > 1 && clip.height > 1)) return 0;
  let png; try { png = await page.screenshot({ clip }); } catch (e) { return -1; }
  return page.evaluate(async (b64) => {
    const blob = await (await fetch("data:image/png;base64," + b64)).blob();
    const bmp = await createImageBitmap(blob); const c = new OffscreenCanvas(bmp.width, bmp.height); const g = c.getContext("2d"); g.drawImage(bmp, 0, 0);
    const d = g.getImageData(0, 0, bmp.width, bmp.height).data; let hit = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 255) < 6 && Math.abs(d[i + 1] - 220) < 8 && Math.abs(d[i + 2] - 220) < 8) hit++;
    return hit / (d.length / 4);
  }, png.toString("base64"));
}

const results = [];
for (let rep = 0; rep < reps; rep++) for (const size of sizes) for (const v of variants) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const url = `file://${dir}/page-${size}.html${v === "early" || v === "earlyroot" ? "?" + v : ""}`;
  await page.goto(url, { waitUntil: "load", timeout: 120000 });
  await page.evaluate(() => settle());
  const loadM = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map(m => [m.name, m.value]));
  await browser.startTracing(page, { categories: CATS });
  const r = await page.evaluate(([v, m, raf]) => runVariant(v, m, { raf }), [v, mode, !!args.raf]);
  const tr = analyzeTrace(await browser.stopTracing());
  const vis = rep === 0 ? await visible(page) : null;
  const row = { rep, size, variant: v + (args.raf ? "+raf" : ""), nRanges: r.n, longtasks: r.longtasks, lt: Math.max(0, ...r.longtasks), steps: r.steps, trace: tr, vis, loadStyleMs: loadM.RecalcStyleDuration * 1000, loadLayoutMs: loadM.LayoutDuration * 1000 };
  delete row.trace?.sums; if (rep === 0 && v === variants[0]) row.sums = tr && Object.fromEntries(Object.entries(analyzeTrace.last || {}));
  results.push(row);
  const stepStr = r.steps.length <= 4 ? r.steps.map(s => `${s.label}:${s.script.toFixed(1)}+${s.frame.toFixed(1)}`).join(" ") : `${r.steps.length} steps, max frame ${Math.max(...r.steps.map(s => s.frame)).toFixed(1)}`;
  console.error(`[${rep}] ${size} ${row.variant} lt=${row.lt.toFixed(0)} maxTask=${tr?.maxTask.toFixed(0)} style=${tr?.style.toFixed(0)} elems=${tr?.elementCount} layout=${tr?.layout.toFixed(0)} prepaint=${tr?.prePaint.toFixed(0)} paint=${tr?.paint.toFixed(0)} vis=${vis?.toFixed?.(3)} | ${stepStr}`);
  await page.close();
}
await browser.close();
const out = args.out || `results-${mode}${args.raf ? "-raf" : ""}.json`;
fs.writeFileSync(path.join(dir, out), JSON.stringify(results, null, 1));
console.error("wrote", out);
