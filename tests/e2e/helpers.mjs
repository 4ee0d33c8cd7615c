// Shared pieces of the end-to-end tests (not a test file itself: node --test only
// picks up *.test.mjs here).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
export const VIEWPORT = { width: 1280, height: 900 };

/** The 27 claims the article makes (C01–C27 of tests/fixtures/slugs.txt, from research/slugs.md). */
export const ARTICLE_CLAIM_IDS = readFileSync(path.join(REPO_ROOT, "tests/fixtures/slugs.txt"), "utf8")
  .split("\n")
  .filter((line) => line.startsWith("C"))
  .map((line) => line.split(" ")[1]);

/** Exact article wording of the claim the hover tests point at (C13). */
export const GREENLAND = { id: "trump-greenland-control", text: "Trump recently claimed he wants control over Greenland" };

/** Fails early, with a clear message, when the things every test needs are missing. */
export function assertPrerequisites({ needPkg = true } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  if (needPkg && !existsSync(path.join(REPO_ROOT, "pkg/factmark.js"))) {
    throw new Error("pkg/factmark.js is missing: run `wasm-pack build --release --target web` first");
  }
}

/**
 * The setup the Chromium test files share: before their tests, the prerequisites checked,
 * the repository served (fixture pages included) and a headless Chromium started; after
 * them, both stopped. Returns where the tests find them: `env.server.url`, `env.browser`.
 */
export function serverAndChromium() {
  const env = { server: null, browser: null };
  before(async () => {
    assertPrerequisites();
    env.server = await startServer({ port: 0 });
    env.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Records, from before any page script runs, the widget's events and every CSP
 * violation, in window.__probe. Runs in the page's main world.
 */
export function installProbe() {
  window.__probe = { events: [], violations: [] };
  for (const type of ["factmark:ready", "factmark:error"]) {
    document.addEventListener(type, (e) => {
      // Chromium clones detail across worlds, so the extension's event carries it too.
      window.__probe.events.push({ type: e.type, detail: e.detail ?? null });
    });
  }
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__probe.violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`);
  });
}

/**
 * Collects console errors/warnings (from every world, extensions' included) and uncaught
 * page errors of one page. The browser's own 404 for /favicon.ico is not the page's fault.
 */
export function watchConsole(page) {
  const log = { errors: [], warnings: [] };
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.location().url?.endsWith("/favicon.ico")) log.errors.push(msg.text());
    if (msg.type() === "warning") log.warnings.push(msg.text());
  });
  page.on("pageerror", (err) => log.errors.push(`uncaught: ${err.message}`));
  return log;
}

/** Waits for the first factmark:ready / factmark:error event recorded by installProbe. */
export async function waitForWidget(page, timeout = 30_000) {
  await page.waitForFunction(() => window.__probe?.events.length > 0, null, { timeout });
  return page.evaluate(() => window.__probe.events[0]);
}

/**
 * Like waitForWidget, but fails the test unless the widget mounted. Then forces a garbage
 * collection, guarding the rule that a mounted widget lives until unmount() even when
 * nobody keeps its JS handle.
 */
export async function waitForReady(page, timeout) {
  const event = await waitForWidget(page, timeout);
  if (event.type !== "factmark:ready") {
    throw new Error(`widget did not mount: ${JSON.stringify(event.detail)}`);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.detach();
  return event;
}

/**
 * Viewport coordinates of the middle of `text` as laid out in the page (the widest
 * line box of its first occurrence under `rootSelector`), after scrolling it into
 * view. The text may cross inline elements. Throws if the text is not in the page.
 */
export async function pointAtText(page, text, rootSelector = "body") {
  return page.evaluate(
    ([needle, sel]) => {
      const root = document.querySelector(sel);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let all = "";
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: all.length });
        all += n.data;
      }
      const at = all.indexOf(needle);
      if (at < 0) throw new Error(`text not in page: ${needle}`);
      const locate = (offset) => {
        const hit = nodes.findLast((entry) => entry.start <= offset);
        return [hit.node, offset - hit.start];
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + needle.length));
      range.startContainer.parentElement.scrollIntoView({ block: "center" });
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const box = rects.reduce((a, b) => (b.width > a.width ? b : a));
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    },
    [text, rootSelector],
  );
}

/** Locator of the popup inside the widget's open shadow root (Playwright CSS pierces it). */
export function popupLocator(page) {
  return page.locator('factmark-ui [role="dialog"].popup');
}

/** What the open popup shows (null fields for absent parts). */
export async function readPopup(page) {
  return page.evaluate(() => {
    const dialog = document.querySelector("factmark-ui")?.shadowRoot?.querySelector('[role="dialog"].popup');
    if (!dialog) return null;
    const text = (sel) => dialog.querySelector(sel)?.textContent.trim() ?? null;
    return {
      lang: dialog.getAttribute("lang"),
      title: text(".title"),
      rating: text(".rating"),
      asOf: text(".as-of"),
      outdated: text(".outdated"),
      claim: text(".claim"),
      verdict: text(".verdict"),
      note: text(".note"),
      reviewed: text(".reviewed"),
      links: [...dialog.querySelectorAll(".sources a")].map((a) => ({
        href: a.getAttribute("href"),
        rel: a.getAttribute("rel") ?? "",
        target: a.getAttribute("target"),
      })),
    };
  });
}

/** Asserts the popup shows a complete fact-check with safe outbound links. */
export function checkPopupContent(popup, claimPattern) {
  assert.ok(popup, "popup element exists");
  for (const part of ["title", "rating", "claim", "verdict", "note", "reviewed"]) {
    assert.ok(popup[part], `popup .${part} is present and not empty`);
  }
  assert.match(popup.claim, claimPattern);
  assert.ok(popup.links.length > 0, "popup lists at least one source link");
  for (const link of popup.links) {
    assert.match(link.href, /^https?:\/\//, `source href is http(s): ${link.href}`);
    assert.equal(link.target, "_blank", `target=_blank on ${link.href}`);
    const rel = link.rel.split(/\s+/);
    assert.ok(rel.includes("noopener") && rel.includes("noreferrer"), `rel="noopener noreferrer" on ${link.href} (got "${link.rel}")`);
  }
}

/**
 * Control for the CSP tests: the policy is really enforced (an inline script is blocked)
 * and the probe's securitypolicyviolation listener really hears violations.
 */
export async function assertPolicyEnforced(page) {
  const before = await page.evaluate(() => window.__probe.violations.length);
  await page.evaluate(() => {
    try {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true";
      document.head.append(script);
    } catch {
      // Trusted Types refuses the textContent assignment itself (and reports it).
    }
  });
  await page.waitForFunction((n) => window.__probe.violations.length > n, before, { timeout: 5_000 });
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined, "inline script was blocked");
}

/**
 * Holds back the page's parser-blocking fixtures/early-probe.js until the document has an
 * adopted style sheet (the widget's highlight rules) or `timeout` ms pass, then lets it load:
 * it records in window.__atProbe what the page had at that point (its readyState, its first
 * adopted sheet or null). The fixtures place it before all of their content.
 */
export async function holdUntilRules(page, serverUrl, timeout = 15_000) {
  await page.route(`${serverUrl}/tests/e2e/fixtures/early-probe.js`, async (route) => {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline && !(await page.evaluate(() => document.adoptedStyleSheets.length > 0))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await route.continue();
  });
}

/** What holdUntilRules recorded, and whether the page still uses that same sheet. */
export function earlyRules(page) {
  return page.evaluate(() => ({
    readyState: window.__atProbe.readyState,
    hadSheet: window.__atProbe.sheet !== null,
    sheets: document.adoptedStyleSheets.length,
    sameSheet: document.adoptedStyleSheets[0] === window.__atProbe.sheet,
  }));
}

/** Checks earlyRules(page): rules in before any content, and the mount uses them alone. */
export function assertEarlyRulesTakenOver(info) {
  assert.equal(info.readyState, "loading");
  assert.ok(info.hadSheet, "the rules were in before the content was parsed");
  assert.equal(info.sheets, 1, "the mount added no sheet of its own");
  assert.ok(info.sameSheet, "it uses the rules added early");
}

/** Hovers the Greenland claim (C13) under `rootSelector` and checks the popup that opens. */
export async function hoverGreenland(page, rootSelector = "body") {
  const { x, y } = await pointAtText(page, GREENLAND.text, rootSelector);
  await page.mouse.move(x, y);
  await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
  checkPopupContent(await readPopup(page), /Greenland/);
}

/** Presses Escape and waits for the popup to close. */
export async function escapeClosesPopup(page) {
  await page.keyboard.press("Escape");
  await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });
}
