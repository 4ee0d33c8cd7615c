// In-page experiment library. Loaded by the generated pages (head).
const RATINGS = ["false", "mostly-false", "mixed", "mostly-true", "true", "unproven", "satire"];
const COLORS = ["#ffdcdc", "#ffe7cc", "#fff3b0", "#e3f6d5", "#d2f5d9", "#e0e7ff", "#f3dcff"];
const DECO = ["#cf222e", "#bc4c00", "#9a6700", "#4d8a2a", "#1a7f37", "#0550ae", "#8250df"];
const NAMES = RATINGS.map(r => `factmark-1-${r}`);

// selector(name) -> selector text for the highlight pseudo
const SEL = {
  universal: n => `::highlight(${n})`,
  root: n => `:root::highlight(${n})`,
  mainId: n => `#page::highlight(${n})`,          // element itself, children inherit
  mainDesc: n => `#page ::highlight(${n})`,        // every descendant
  main: n => `main::highlight(${n})`,
};
function rules({ sel = "universal", media = true, deco = true, scope = null } = {}) {
  const out = [];
  NAMES.forEach((n, i) => {
    const decl = `background-color:${COLORS[i]}` + (deco ? `;text-decoration-line:underline;text-decoration-color:${DECO[i]};text-decoration-style:wavy;text-decoration-thickness:2px` : "");
    const s = scope ? `:scope::highlight(${n})` : SEL[sel](n);
    let r = `${s}{${decl}}`;
    if (scope) r = `@scope (${scope}) {${r}}`;
    out.push(r);
    if (media) out.push(`@media (forced-colors:active){${scope ? `@scope (${scope}) {${s}{background-color:Mark;color:MarkText}}` : `${s}{background-color:Mark;color:MarkText}`}}`);
  });
  return out;
}
function makeSheet(opts) { const s = new CSSStyleSheet(); s.replaceSync(rules(opts).join("\n")); return s; }
function elemPath(e, tag) {
  const parts = [];
  for (; e && e !== document.documentElement; e = e.parentElement) {
    let i = 1; for (let s = e.previousElementSibling; s; s = s.previousElementSibling) i++;
    parts.unshift((tag ? e.localName : "") + `:nth-child(${i})`);
  }
  return ":root>" + parts.join(">");
}
function pathSheet(R, tag, offset = 0) {
  const per = NAMES.map(() => []);
  R.forEach((r, i) => { const c = r.commonAncestorContainer; per[(i + offset) % 7].push(elemPath(c.nodeType === 1 ? c : c.parentElement, tag)); });
  const out = [];
  NAMES.forEach((n, i) => { if (!per[i].length) return; const sel = per[i].map(p => `${p}::highlight(${n})`).join(",");
    out.push(`${sel}{background-color:${COLORS[i]};text-decoration-line:underline;text-decoration-color:${DECO[i]};text-decoration-style:wavy;text-decoration-thickness:2px}`); });
  const s = new CSSStyleSheet(); s.replaceSync(out.join("\n")); return s;
}
function earlySheet() { document.adoptedStyleSheets = [...document.adoptedStyleSheets, makeSheet()]; }

// One range per ~20th paragraph, inside its first text node.
function collectRanges() {
  const ps = document.querySelectorAll("#page > p, #page > section > p");
  const ranges = [];
  for (let i = 10; i < ps.length; i += 20) {
    const t = ps[i].firstChild;
    if (!t || t.nodeType !== 3 || t.length < 60) continue;
    const r = new Range(); r.setStart(t, 8); r.setEnd(t, 48); ranges.push(r);
  }
  return ranges;
}
function collectRecs() { // same targets as collectRanges, without live Range objects
  const ps = document.querySelectorAll("#page > p, #page > section > p"), out = [];
  for (let i = 10; i < ps.length; i += 20) { const t = ps[i].firstChild; if (!t || t.nodeType !== 3 || t.length < 60) continue; out.push([t, 8, 48]); }
  return out;
}
function byName(ranges) { const m = NAMES.map(() => []); ranges.forEach((r, i) => m[i % 7].push(r)); return m; }
function setAll(ranges) { byName(ranges).forEach((rs, i) => CSS.highlights.set(NAMES[i], new Highlight(...rs))); }

const sleep = ms => new Promise(r => setTimeout(r, ms));
// resolves with the duration of the next rendering update (rAF callback -> first task after it)
function frameCost() {
  return new Promise(res => requestAnimationFrame(() => { const a = performance.now(); setTimeout(() => res(performance.now() - a), 0); }));
}
async function settle() { await frameCost(); await frameCost(); await sleep(50); }

// Each step: a function executed in its own task, followed by waiting for the next frame.
async function runSteps(steps) {
  const out = [];
  for (const [label, fn] of steps) {
    const t0 = performance.now(); fn(); const t1 = performance.now();
    const f = await frameCost();
    out.push({ label, script: t1 - t0, frame: f });
  }
  return out;
}

const HL = {
  // 1. baseline: sheet then highlights
  base: R => [["adopt", () => { document.adoptedStyleSheets = [...document.adoptedStyleSheets, makeSheet()]; }], ["set", () => setAll(R)]],
  order: R => [["set", () => setAll(R)], ["adopt", () => { document.adoptedStyleSheets = [...document.adoptedStyleSheets, makeSheet()]; }]],
  sameTask: R => [["adopt+set", () => { document.adoptedStyleSheets = [...document.adoptedStyleSheets, makeSheet()]; setAll(R); }]],
  noMedia: R => [["adopt", () => { document.adoptedStyleSheets = [makeSheet({ media: false })]; }], ["set", () => setAll(R)]],
  noDeco: R => [["adopt", () => { document.adoptedStyleSheets = [makeSheet({ deco: false })]; }], ["set", () => setAll(R)]],
  // 2a-b selectors
  root: R => [["adopt", () => { document.adoptedStyleSheets = [makeSheet({ sel: "root" })]; }], ["set", () => setAll(R)]],
  mainId: R => [["adopt", () => { document.adoptedStyleSheets = [makeSheet({ sel: "mainId" })]; }], ["set", () => setAll(R)]],
  mainDesc: R => [["adopt", () => { document.adoptedStyleSheets = [makeSheet({ sel: "mainDesc" })]; }], ["set", () => setAll(R)]],
  scope: R => [["adopt", () => { document.adoptedStyleSheets = [makeSheet({ scope: "#page" })]; }], ["set", () => setAll(R)]],
  // 2c: sheet adopted from a <head> script before content is parsed (page loaded with ?early)
  early: R => [["set", () => setAll(R)]],
  // 2d: insertRule into an adopted empty sheet
  insertRule: R => { let s; return [
    ["adoptEmpty", () => { s = new CSSStyleSheet(); document.adoptedStyleSheets = [s]; }],
    ["insertRules", () => { for (const r of rules()) s.insertRule(r, s.cssRules.length); }],
    ["set", () => setAll(R)]]; },
  replaceSync: R => { let s; return [
    ["adoptEmpty", () => { s = new CSSStyleSheet(); document.adoptedStyleSheets = [s]; }],
    ["replaceSync", () => { s.replaceSync(rules().join("\n")); }],
    ["set", () => setAll(R)]]; },
  // 2e / 3: register empty highlights, fill them in batches of 100 per task
  emptyThenAdd: R => { const hs = NAMES.map(() => new Highlight()); const steps = [
    ["adopt", () => { document.adoptedStyleSheets = [makeSheet()]; }],
    ["setEmpty", () => NAMES.forEach((n, i) => CSS.highlights.set(n, hs[i]))]];
    for (let b = 0; b < R.length; b += 100) steps.push([`add${b}`, () => { for (let i = b; i < Math.min(b + 100, R.length); i++) hs[i % 7].add(R[i]); }]);
    return steps; },
  emptyFirstThenSheet: R => { const hs = NAMES.map(() => new Highlight()); const steps = [
    ["setEmpty", () => NAMES.forEach((n, i) => CSS.highlights.set(n, hs[i]))],
    ["adopt", () => { document.adoptedStyleSheets = [makeSheet()]; }]];
    for (let b = 0; b < R.length; b += 100) steps.push([`add${b}`, () => { for (let i = b; i < Math.min(b + 100, R.length); i++) hs[i % 7].add(R[i]); }]);
    return steps; },
  // 2f: sheet in a tiny shadow root (expected: no effect on light DOM)
  shadow: R => [["adopt", () => { const h = document.createElement("div"); document.body.append(h); const sr = h.attachShadow({ mode: "open" }); sr.adoptedStyleSheets = [makeSheet()]; }], ["set", () => setAll(R)]],
  // 2f: classic <style> element instead of adopted sheet
  styleEl: R => [["style", () => { const s = document.createElement("style"); s.textContent = rules().join("\n"); document.head.append(s); }], ["set", () => setAll(R)]],
  // 2f: widget marks only the range's parent elements with an attribute, rule [data-fm]::highlight(); 100 per task
  attrBatch: R => { const steps = [
    ["adopt", () => { const s = new CSSStyleSheet(); s.replaceSync(NAMES.flatMap((n, i) => [`[data-fm]::highlight(${n}){background-color:${COLORS[i]};text-decoration-line:underline;text-decoration-color:${DECO[i]};text-decoration-style:wavy;text-decoration-thickness:2px}`, `@media (forced-colors:active){[data-fm]::highlight(${n}){background-color:Mark;color:MarkText}}`]).join("\n")); document.adoptedStyleSheets = [s]; }],
    ["set", () => setAll(R)]];
    for (let b = 0; b < R.length; b += 100) steps.push([`attr${b}`, () => { for (let i = b; i < Math.min(b + 100, R.length); i++) { const c = R[i].commonAncestorContainer; (c.nodeType === 1 ? c : c.parentElement).setAttribute("data-fm", ""); } }]);
    return steps; },
  attrBatchNoDeco: R => { const st = HL.attrBatch(R); st[0] = ["adopt", () => { const s = new CSSStyleSheet(); s.replaceSync(NAMES.map((n, i) => `[data-fm]::highlight(${n}){background-color:${COLORS[i]}}`).join("\n")); document.adoptedStyleSheets = [s]; }]; return st; },
  attrBatch300: R => { const st = HL.attrBatch(R).slice(0, 2);
    for (let b = 0; b < R.length; b += 300) st.push([`attr${b}`, () => { for (let i = b; i < Math.min(b + 300, R.length); i++) { const c = R[i].commonAncestorContainer; (c.nodeType === 1 ? c : c.parentElement).setAttribute("data-fm", ""); } }]);
    return st; },
  attrAll: R => { const st = HL.attrBatch(R).slice(0, 2);
    st.push(["attrAll", () => { for (const r of R) { const c = r.commonAncestorContainer; (c.nodeType === 1 ? c : c.parentElement).setAttribute("data-fm", ""); } }]); return st; },
  // targeted: one rule per range's parent element, by structural path ending in its tag (no page mutation)
  pathTag: R => [["adopt", () => { document.adoptedStyleSheets = [pathSheet(R, true)]; }], ["set", () => setAll(R)]],
  pathNoTag: R => [["adopt", () => { document.adoptedStyleSheets = [pathSheet(R, false)]; }], ["set", () => setAll(R)]],
  // targeted, in batches of 100 rules per sheet, one sheet per task
  pathTagBatch: R => { const st = [["set", () => setAll(R)]]; const sheets = [];
    for (let b = 0; b < R.length; b += 100) st.push([`path${b}`, () => { sheets.push(pathSheet(R.slice(b, b + 100), true, b)); document.adoptedStyleSheets = [...sheets]; }]);
    return st; },
  // early sheet with :root rules (page loaded with ?earlyroot)
  earlyroot: R => [["set", () => setAll(R)]],
  // control: a plain inherited-property change on :root (full restyle without highlight rules)
  colorRoot: R => [["adopt", () => { const s = new CSSStyleSheet(); s.replaceSync(":root{color:rgb(0,0,1)}"); document.adoptedStyleSheets = [s]; }]],
  // control: highlights only, no sheet at all (paint cost of highlights w/o style)
  noSheet: R => [["set", () => setAll(R)]],
  // control: trivial sheet (non-highlight rule) to see cost of any adoption
  otherSheet: R => [["adopt", () => { const s = new CSSStyleSheet(); s.replaceSync(".zz-never{color:red}"); document.adoptedStyleSheets = [s]; }]],
};

// ---- wrap mode ----
const WRAP_CSS = {
  plain: `factmark-mark{background-color:#ffdcdc}`,
  inlineContain: `factmark-mark{display:inline;contain:layout style paint;background-color:#ffdcdc}`,
  deco: `factmark-mark{background-color:#ffdcdc;text-decoration-line:underline;text-decoration-color:#cf222e;text-decoration-style:wavy;text-decoration-thickness:2px}`,
  inlineBlockContain: `factmark-mark{display:inline-block;contain:content;background-color:#ffdcdc}`,
};
function wrapOne(r) { const m = document.createElement("factmark-mark"); r.surroundContents(m); return m; }
function wrapSplit(r) { const t = r.startContainer; const mid = t.splitText(r.startOffset); mid.splitText(r.endOffset - r.startOffset); const m = document.createElement("factmark-mark"); mid.parentNode.insertBefore(m, mid); m.appendChild(mid); }
const WRAP_MAX_BATCHES = 20; // per-frame cost is what matters; cap run length
function wrapSteps(R, { batch = 16, css = "plain", reverse = false, fn = wrapOne, all = false } = {}) {
  const rs = reverse ? [...R].reverse() : R;
  const steps = [["css", () => { const s = new CSSStyleSheet(); s.replaceSync(WRAP_CSS[css]); document.adoptedStyleSheets = [s]; }]];
  if (all) { steps.push(["wrapAll", () => rs.forEach(fn)]); return steps; }
  for (let b = 0, k = 0; b < rs.length && k < WRAP_MAX_BATCHES; b += batch, k++)
    steps.push([`wrap${b}`, () => { for (let i = b; i < Math.min(b + batch, rs.length); i++) fn(rs[i]); }]);
  return steps;
}
const WRAP = {
  w16: R => wrapSteps(R),
  w16split: R => wrapSteps(R, { fn: wrapSplit }),
  w16inlineContain: R => wrapSteps(R, { css: "inlineContain" }),
  w16inlineBlockContain: R => wrapSteps(R, { css: "inlineBlockContain" }),
  w16reverse: R => wrapSteps(R, { reverse: true }),
  w128: R => wrapSteps(R, { batch: 128 }),
  wAll: R => wrapSteps(R, { all: true }),
  wAllReverse: R => wrapSteps(R, { all: true, reverse: true }),
  // wrapper styled like the widget (background + wavy underline)
  w16deco: R => wrapSteps(R, { css: "deco" }),
  w128deco: R => wrapSteps(R, { css: "deco", batch: 128 }),
  // all at once but from static (node, offset) records instead of live Ranges (avoids O(ranges) bookkeeping per mutation)
  wAllStatic: recs => { return [["css", () => { const s = new CSSStyleSheet(); s.replaceSync(WRAP_CSS.deco); document.adoptedStyleSheets = [s]; }],
    ["wrapAllStatic", () => { for (const [t, a, b] of recs) { const mid = t.splitText(a); mid.splitText(b - a); const m = document.createElement("factmark-mark"); t.parentNode.insertBefore(m, mid); m.appendChild(mid); } }]]; },
  wAllDeco: R => wrapSteps(R, { all: true, css: "deco" }),
  // wrap mode while a ::highlight sheet (universal) is adopted
  w16withHl: R => { const st = wrapSteps(R); st[0] = ["css", () => { const s = new CSSStyleSheet(); s.replaceSync(WRAP_CSS.plain); document.adoptedStyleSheets = [makeSheet(), s]; }]; return st; },
  // anti-pattern check: re-creating/adopting the wrapper sheet in every slice
  w16readopt: R => wrapSteps(R).map(([l, fn], i) => i === 0 ? [l, fn] : [l, () => { fn(); const s = new CSSStyleSheet(); s.replaceSync(WRAP_CSS.plain); document.adoptedStyleSheets = [s]; }]),
  // control: a trivial text change in one paragraph per frame
  touch1: R => { const steps = [["css", () => {}]]; for (let k = 0; k < WRAP_MAX_BATCHES; k++) steps.push([`touch${k}`, () => { R[k].startContainer.parentNode.querySelector("*")?.append?.(""); R[k].startContainer.data += " x"; }]); return steps; },
  touchStyle: R => { const steps = [["css", () => {}]]; for (let k = 0; k < WRAP_MAX_BATCHES; k++) steps.push([`touchColor${k}`, () => { R[k].startContainer.parentNode.style.color = k % 2 ? "#111" : "#222"; }]); return steps; },
};

async function runVariant(name, mode, opts = {}) {
  const R = name.includes("Static") ? collectRecs() : collectRanges();
  window.__ranges = R;
  const longtasks = [];
  const po = new PerformanceObserver(l => longtasks.push(...l.getEntries()));
  po.observe({ type: "longtask", buffered: true });
  await settle();
  const T0 = performance.now();
  console.timeStamp("EXP_T0");
  let steps = (mode === "wrap" ? WRAP : HL)[name](R);
  if (opts.raf) { // rAF-aligned: run each step inside a rAF callback instead of a task
    const res = [];
    for (const [label, fn] of steps) {
      const r = await new Promise(resolve => requestAnimationFrame(() => { const t0 = performance.now(); fn(); const t1 = performance.now(); setTimeout(() => resolve({ label, script: t1 - t0, frame: performance.now() - t1 }), 0); }));
      res.push(r);
    }
    var stepRes = res;
  } else var stepRes = await runSteps(steps);
  await settle(); await sleep(100);
  console.timeStamp("EXP_T1");
  const T1 = performance.now();
  po.disconnect();
  const lts = longtasks.filter(e => e.startTime >= T0 - 1 && e.startTime <= T1).map(e => e.duration);
  return { n: R.length, steps: stepRes, longtasks: lts, wall: T1 - T0 };
}
