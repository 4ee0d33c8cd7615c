// End-to-end test of the npm package as a bundler consumer sees it: the Vite + TypeScript
// example in www/vite-example/ (which depends on "file:../../pkg") is built by
// www/vite-example/build.sh (npm ci if needed, tsc --noEmit, vite build), and its dist/ is
// served on its own and opened in headless Chromium.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  REPO_ROOT,
  VIEWPORT,
  assertPrerequisites,
  escapeClosesPopup,
  hoverGreenland,
  installProbe,
  watchConsole,
} from "./helpers.mjs";

const EXAMPLE_DIST = path.join(REPO_ROOT, "www/vite-example/dist");

/** The claims in the example's article excerpt (C02, C03, C04, C08, C13 of the demo article). */
const EXPECTED_CLAIM_IDS = [
  "lee-senate-nato-act",
  "massie-cold-war-relic",
  "massie-nato-act",
  "trump-greenland-control",
  "us-cuts-200-nato-posts",
];

const DATASET = JSON.parse(readFileSync(path.join(REPO_ROOT, "data/claims.json"), "utf8"));
const ratingOf = (id) => DATASET.claims.find((c) => c.id === id)?.rating;

let server;
let browser;

before(async () => {
  assertPrerequisites();
  // Always rebuild: dist/ must come from the pkg/ under test, not an older one. Cheap
  // when node_modules is already installed (the script then skips npm ci).
  try {
    execFileSync("bash", [path.join(REPO_ROOT, "www/vite-example/build.sh")], { cwd: REPO_ROOT, encoding: "utf8", stdio: "pipe" });
  } catch (err) {
    throw new Error(`www/vite-example/build.sh failed:\n${err.stdout}\n${err.stderr}`);
  }
  server = await startServer({ port: 0, root: EXAMPLE_DIST });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the example (with `query`, e.g. "?csp=strict") in a fresh context. */
async function open(t, query = "") {
  const context = await browser.newContext({ viewport: VIEWPORT });
  t.after(() => context.close());
  await context.addInitScript(installProbe); // records CSP violations in window.__probe
  const page = await context.newPage();
  const log = watchConsole(page);
  const responses = [];
  page.on("response", (res) => responses.push(res));
  const response = await page.goto(`${server.url}/index.html${query}`);
  assert.equal(response.status(), 200, "GET /index.html");
  return { page, log, responses };
}

/**
 * Waits until the example has mounted the widget (its #status leaves "loading"), fails
 * with the page's message if it did not, then forces a garbage collection, as
 * helpers.waitForReady does, so that the checks after it also prove the widget keeps
 * working once the GC has run (the package keeps a widget alive until unmount()).
 */
async function waitForExample(page) {
  await page.waitForFunction(() => document.querySelector("#status")?.dataset.state !== "loading", null, { timeout: 30_000 });
  const status = await page.evaluate(() => ({ state: document.querySelector("#status").dataset.state, text: document.querySelector("#status").textContent }));
  assert.equal(status.state, "ready", `the example mounted the widget (status: ${status.text})`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.detach();
}

/** What the example's UI lists, what CSS.highlights paints, and the DOM around it. */
function readState(page) {
  return page.evaluate(() => {
    const article = document.querySelector("#article");
    const ranges = [...CSS.highlights.values()].flatMap((h) => [...h]);
    return {
      status: document.querySelector("#status").textContent,
      listed: [...document.querySelectorAll("#claims li")].map((li) => ({
        claimId: li.dataset.claimId,
        rating: li.dataset.rating,
        shownId: li.querySelector("code")?.textContent,
        shownRating: li.querySelector(".rating")?.textContent,
        text: li.querySelector("q")?.textContent,
      })),
      highlighted: ranges.map((r) => ({ text: r.toString(), inArticle: article.contains(r.commonAncestorContainer) })),
      articleText: article.textContent.replace(/\s+/g, " "),
      articleHtml: article.innerHTML,
      wrappers: document.querySelectorAll("factmark-mark").length,
      ui: document.querySelectorAll("factmark-ui").length,
    };
  });
}

/** The #article markup as served, parsed from the HTML file itself (before any script). */
function servedArticleHtml(page) {
  return page.evaluate(async () => {
    const html = await (await fetch("/index.html")).text();
    return new DOMParser().parseFromString(html, "text/html").querySelector("#article").innerHTML;
  });
}

const uniqueSorted = (xs) => [...new Set(xs)].sort();

describe("Vite example (www/vite-example/)", () => {
  test("the build emits pkg/'s wasm as a hashed asset and points the glue code at it", () => {
    const assets = readdirSync(path.join(EXAMPLE_DIST, "assets"));
    const wasm = assets.filter((f) => /^factmark_bg-[\w-]+\.wasm$/.test(f));
    assert.equal(wasm.length, 1, `one factmark_bg-<hash>.wasm in dist/assets (got ${assets.join(", ")})`);
    assert.ok(
      readFileSync(path.join(EXAMPLE_DIST, "assets", wasm[0])).equals(readFileSync(path.join(REPO_ROOT, "pkg/factmark_bg.wasm"))),
      "the emitted wasm is byte-identical to pkg/factmark_bg.wasm (a rebuilt pkg/ is picked up)",
    );
    const js = assets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(path.join(EXAMPLE_DIST, "assets", f), "utf8")).join("\n");
    assert.ok(js.includes(`new URL(\`${wasm[0]}\`,import.meta.url)`) || js.includes(`new URL("${wasm[0]}",import.meta.url)`), "init() resolves the emitted wasm via new URL(..., import.meta.url)");
  });

  test("mounts in highlight mode and lists exactly the article's claims, as painted", async (t) => {
    const { page, log, responses } = await open(t);
    await waitForExample(page);
    const state = await readState(page);

    assert.deepEqual(uniqueSorted(state.listed.map((m) => m.claimId)), EXPECTED_CLAIM_IDS, "the UI lists the expected claim ids");
    assert.match(state.status, new RegExp(`^${state.listed.length} claims found \\(mode: highlight\\)`));
    for (const m of state.listed) {
      assert.equal(m.rating, ratingOf(m.claimId), `${m.claimId}: rating from the dataset`);
      assert.equal(m.shownId, m.claimId, `${m.claimId}: id shown`);
      assert.equal(m.shownRating, m.rating, `${m.claimId}: rating shown`);
      assert.ok(m.text && state.articleText.includes(m.text.replace(/\s+/g, " ")), `${m.claimId}: listed text is article text ("${m.text}")`);
    }

    // Highlight mode: painted with CSS.highlights, in the article only, DOM untouched.
    assert.equal(state.wrappers, 0, "no factmark-mark elements in highlight mode");
    assert.ok(state.highlighted.length >= state.listed.length, `a highlight range per match (${state.highlighted.length})`);
    assert.ok(state.highlighted.every((r) => r.inArticle), "every highlight is inside the mount root (#article)");
    assert.deepEqual(uniqueSorted(state.highlighted.map((r) => r.text)), uniqueSorted(state.listed.map((m) => m.text)), "what is listed is what is painted");
    assert.equal(state.articleHtml, await servedArticleHtml(page), "the article's DOM is exactly as served");

    const wasm = responses.find((r) => /\/assets\/factmark_bg-[\w-]+\.wasm$/.test(r.url()));
    assert.ok(wasm, "the wasm was fetched from assets/");
    assert.equal(wasm.status(), 200);
    assert.equal(wasm.headers()["content-type"], "application/wasm");
    assert.deepEqual(log.errors, [], "no console errors or uncaught exceptions");
  });

  test("hovering a claim opens its popup in factmark-ui's shadow root; Escape closes it", async (t) => {
    const { page, log } = await open(t);
    await waitForExample(page);
    await hoverGreenland(page, "#article"); // reads the popup from factmark-ui's shadowRoot
    await escapeClosesPopup(page);
    assert.deepEqual(log.errors, [], "no console errors or uncaught exceptions");
  });

  test("turning fact-checks off unmounts cleanly, and on again mounts again", async (t) => {
    const { page, log } = await open(t);
    await waitForExample(page);
    const mounted = await readState(page);

    await page.click("#toggle");
    await page.waitForFunction(() => document.querySelector("#status").dataset.state === "off");
    const off = await readState(page);
    assert.deepEqual(off.listed, [], "the list is emptied");
    assert.equal(off.highlighted.length, 0, "no highlight ranges left in CSS.highlights");
    assert.equal(off.ui, 0, "factmark-ui is removed");
    assert.equal(off.articleHtml, await servedArticleHtml(page), "the article's DOM is exactly as served");

    await page.click("#toggle");
    await waitForExample(page);
    const again = await readState(page);
    assert.deepEqual(again.listed, mounted.listed, "the same claims are listed after re-mounting");
    assert.equal(again.highlighted.length, mounted.highlighted.length, "the same highlights are painted after re-mounting");
    assert.deepEqual(log.errors, [], "no console errors or uncaught exceptions");
  });

  test("the bundle runs under a strict CSP with Trusted Types", async (t) => {
    // ?csp=tt: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';
    // require-trusted-types-for 'script' (see scripts/serve.mjs).
    const { page, log, responses } = await open(t, "?csp=tt");
    const csp = responses.find((r) => new URL(r.url()).pathname === "/index.html").headers()["content-security-policy"];
    assert.match(csp ?? "", /require-trusted-types-for 'script'/, "the page was served with the policy");
    await waitForExample(page);
    assert.deepEqual(uniqueSorted((await readState(page)).listed.map((m) => m.claimId)), EXPECTED_CLAIM_IDS);
    assert.deepEqual(await page.evaluate(() => window.__probe.violations), [], "no CSP violations");
    assert.deepEqual(log.errors, [], "no console errors or uncaught exceptions");
  });
});
