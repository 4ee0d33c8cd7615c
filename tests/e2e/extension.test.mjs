// End-to-end tests of the Manifest V3 extension (dist/extension, built from www/extension
// and pkg/ by scripts/build-extension.sh) loaded unpacked into headless Chromium.
//
// The content script mounts the widget in "highlight" mode, so there are no wrapper
// elements to look for. What proves that claims are highlighted:
//   1. CSS.highlights: the highlight registry belongs to the document, so ranges the
//      content script registers from its isolated world are visible from the page's main
//      world (checked on Chromium 156). We assert they cover the claim sentences.
//   2. Hit-testing: hovering the text of a claim opens the popup for that very claim in
//      the <factmark-ui> open shadow root, which only works if the widget matched it and
//      maps pointer positions to its highlighted ranges.
//   3. The page's own DOM is left as parsed: only the <factmark-ui> host is added.
// waitForReady forces a garbage collection before any interaction, so these tests also
// prove that content.js keeps its widget instance alive.
//
// The reader controls are tested through the extension's own surfaces: the badge is read
// from the background service worker (chrome.action.getBadgeText), the toolbar click is the
// worker's global toggleSite() (the function its action.onClicked listener calls: a test
// cannot click the browser's toolbar), the keyboard command is the worker's global
// runCommand() (what its commands.onCommand listener calls: a test cannot press a browser
// shortcut), and settings go through the real options page.
// Every test starts from empty chrome.storage.local (the defaults).
//
// Last, the Firefox build (dist/extension-firefox) must pass `web-ext lint` without errors.
import { after, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  GREENLAND,
  REPO_ROOT,
  VIEWPORT,
  assertEarlyRulesTakenOver,
  assertPrerequisites,
  checkPopupContent,
  earlyRules,
  escapeClosesPopup,
  holdUntilRules,
  hoverGreenland,
  installProbe,
  pointAtText,
  popupLocator,
  readPopup,
  waitForReady,
  watchConsole,
} from "./helpers.mjs";

const DIST = path.join(REPO_ROOT, "dist/extension");
const DIST_FIREFOX = path.join(REPO_ROOT, "dist/extension-firefox");
const FIXTURE = "/tests/e2e/fixtures/extension.html";
/** A page with one claim of the custom dataset (ext-custom.json) and one bundled claim. */
const CUSTOM_PAGE = "/tests/e2e/fixtures/ext-custom.html";
const CUSTOM_DATASET = path.join(REPO_ROOT, "tests/e2e/fixtures/ext-custom.json");
/** ext-custom.json with a javascript: source URL, which the widget rejects. */
const BAD_DATASET = path.join(REPO_ROOT, "tests/e2e/fixtures/ext-bad.json");
const TELESCOPES = "The town library now lends telescopes to anyone with a library card";
/** Claims whose article wording the fixture contains, in document order. */
const FIXTURE_CLAIMS = [
  "nato-debate-shift",
  "massie-nato-act",
  "massie-cold-war-relic",
  "nato-no-withdrawal-plan",
  "us-cuts-200-nato-posts",
  "trump-greenland-control",
  "lee-senate-nato-act",
];

let server;
let context;
let userDataDir;
let extensionId;

before(async () => {
  assertPrerequisites();
  // Always rebuilt: a dist/extension left from an older pkg/ would test stale code.
  execFileSync("bash", ["scripts/build-extension.sh"], { cwd: REPO_ROOT, stdio: "inherit" });
  server = await startServer({ port: 0 });
  userDataDir = mkdtempSync(path.join(tmpdir(), "factmark-ext-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: ["--headless=new", `--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, ...CHROMIUM_ARGS],
  });
  await context.addInitScript(installProbe);
  extensionId = new URL((await serviceWorker()).url()).host;
});

beforeEach(async () => {
  await (await serviceWorker()).evaluate(() => chrome.storage.local.clear());
});

after(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function openFixture(t, fixture = FIXTURE) {
  const page = await context.newPage();
  t.after(() => page.close());
  const log = watchConsole(page);
  await page.goto(server.url + fixture);
  const ready = await waitForReady(page);
  return { page, log, ready };
}

/** The extension's background service worker (started again if Chromium stopped it). */
async function serviceWorker() {
  return context.serviceWorkers()[0] ?? context.waitForEvent("serviceworker");
}

/**
 * The tab id of `page`. Without the "tabs" permission the worker cannot see tab URLs, so
 * the page is made the active tab and the worker asks for the active tab.
 */
async function tabIdOf(page) {
  await page.bringToFront();
  const sw = await serviceWorker();
  return sw.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab.id;
  });
}

/** Waits until the toolbar badge of `page`'s tab reads `expected`; returns what it reads. */
async function waitForBadge(page, expected, timeout = 10_000) {
  const tabId = await tabIdOf(page);
  const sw = await serviceWorker();
  const deadline = Date.now() + timeout;
  let text;
  do {
    text = await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    if (text === expected) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < deadline);
  return text;
}

/** Clicks the toolbar button for `page`'s tab, i.e. calls the worker's click handler. */
async function clickToolbarButton(page) {
  const tabId = await tabIdOf(page);
  return (await serviceWorker()).evaluate((id) => globalThis.toggleSite({ id }), tabId);
}

/** Waits for the `n`th factmark:ready / factmark:error event of the page (1-based). */
async function waitForEvent(page, n, timeout = 15_000) {
  await page.waitForFunction((count) => window.__probe.events.length >= count, n, { timeout });
  return page.evaluate((i) => window.__probe.events[i], n - 1);
}

/**
 * What the widget has put into the page. `unchanged`: apart from its own hosts (the popup's
 * <factmark-ui>, the skip link's <factmark-skip>), body is exactly as parsed (null on
 * fixtures without capture.js).
 */
function widgetTraces(page) {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true);
    for (const host of body.querySelectorAll("factmark-ui, factmark-skip")) host.remove();
    return {
      host: document.querySelectorAll("factmark-ui").length,
      marks: document.querySelectorAll("factmark-mark").length,
      ranges: [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0),
      highlighted: [...CSS.highlights.values()].flatMap((h) => [...h]).map((r) => r.toString()).join("\n"),
      unchanged: window.__before ? body.innerHTML === window.__before.html : null,
    };
  });
}

async function openOptions(t) {
  const page = await context.newPage();
  t.after(() => page.close());
  const log = watchConsole(page);
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.waitForSelector("html[data-ready]");
  return { page, log };
}

test("the content script mounts in highlight mode and leaves the page's DOM as parsed", async (t) => {
  const { page, log, ready } = await openFixture(t);
  assert.ok(ready.detail?.count >= FIXTURE_CLAIMS.length, `factmark:ready reports the matches (${ready.detail?.count})`);
  const dom = await page.evaluate(() => {
    const host = document.querySelector("factmark-ui");
    const body = document.body.cloneNode(true);
    for (const h of body.querySelectorAll("factmark-ui, factmark-skip")) h.remove();
    return {
      hostInBody: host?.parentElement === document.body,
      skipFirst: document.body.firstChild?.localName === "factmark-skip",
      openShadow: host?.shadowRoot instanceof ShadowRoot,
      wrappers: document.querySelectorAll("factmark-mark").length,
      unchanged: body.innerHTML === window.__before.html,
    };
  });
  assert.ok(dom.hostInBody, "<factmark-ui> is appended to body");
  assert.ok(dom.skipFirst, "the skip link's <factmark-skip> goes first");
  assert.ok(dom.openShadow, "its shadow root is open");
  assert.equal(dom.wrappers, 0, "no wrapper elements in highlight mode");
  assert.ok(dom.unchanged, "apart from the widget's hosts, body is exactly as parsed");
  assert.deepEqual(log.errors, [], "no console errors");
  assert.deepEqual(log.warnings.filter((w) => w.startsWith("factmark")), [], "no factmark warnings");
});

test("the highlight rules go in at document_start, before the content, and the mount takes them over", async (t) => {
  const page = await context.newPage();
  t.after(() => page.close());
  const log = watchConsole(page);
  await holdUntilRules(page, server.url);
  await page.goto(server.url + "/tests/e2e/fixtures/ext-early.html");
  const ready = await waitForReady(page);
  assert.equal(ready.detail?.count, 1);
  assertEarlyRulesTakenOver(await earlyRules(page));
  assert.deepEqual(log.errors, [], "no console errors");
});

test("a page that stops its own loading (window.stop(), no DOMContentLoaded) still gets the widget", async (t) => {
  const page = await context.newPage();
  t.after(() => page.close());
  // No load event either: wait for the navigation only.
  await page.goto(server.url + "/tests/e2e/fixtures/ext-stop.html", { waitUntil: "commit" });
  const ready = await waitForReady(page);
  assert.equal(await page.evaluate(() => document.readyState), "complete");
  assert.equal(ready.detail?.count, 1);
  assert.equal(await page.evaluate(() => document.querySelectorAll("p").length), 1, "the parser did stop");
});

test("claim sentences are highlighted and hovering one opens its popup", async (t) => {
  const { page, log } = await openFixture(t);
  const highlighted = await page.evaluate(() =>
    [...CSS.highlights.values()].flatMap((h) => [...h]).map((range) => range.toString()).join("\n"),
  );
  assert.ok(highlighted.includes(GREENLAND.text), "a registered highlight covers the Greenland claim");
  assert.ok(highlighted.includes("Senator Mike Lee from Utah also submitted a similar proposal"), "and the Lee claim");

  await hoverGreenland(page);
  await escapeClosesPopup(page);
  assert.deepEqual(log.errors, [], "no console errors");
});

test("Alt+Shift+ArrowDown moves to the first claim and opens its popup", async (t) => {
  const { page } = await openFixture(t);
  await page.keyboard.press("Alt+Shift+ArrowDown");
  await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
  const { claim } = await readPopup(page);
  const dataset = JSON.parse(readFileSync(path.join(REPO_ROOT, "data/claims.json"), "utf8"));
  const first = dataset.claims.find((c) => c.id === FIXTURE_CLAIMS[0]).claim;
  assert.ok(claim.includes(first), `the popup shows the page's first claim (got "${claim}")`);
});

test("the keyboard command goes to the next claim; its shortcut is named in the popup, the button's tooltip and the options page", async (t) => {
  const { page, ready } = await openFixture(t);
  const n = ready.detail.count;
  const sw = await serviceWorker();
  const command = (await sw.evaluate(() => chrome.commands.getAll())).find((c) => c.name === "next-claim");
  assert.ok(command, "the manifest declares the next-claim command");
  assert.equal(command.shortcut, "Alt+Shift+J", "with its suggested shortcut");
  // The page's first Tab stop is the widget's skip link, here too.
  await page.bringToFront();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.hasAttribute("data-factmark-jump") ?? false), true);

  // The worker's command handler (a test cannot press a browser shortcut).
  const tabId = await tabIdOf(page);
  const run = () => sw.evaluate((id) => globalThis.runCommand("next-claim", { id }), tabId);
  const where = () =>
    page.evaluate(() => {
      const p = document.querySelector("factmark-ui").shadowRoot.querySelector(".popup[data-open] .position");
      return p && { at: p.querySelector(".at").textContent, keys: p.querySelector(".keys").textContent };
    });
  const dataset = JSON.parse(readFileSync(path.join(REPO_ROOT, "data/claims.json"), "utf8"));
  const claimOf = (id) => dataset.claims.find((c) => c.id === id).claim;
  assert.deepEqual(await run(), { moved: true });
  await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
  assert.deepEqual(await where(), { at: `Claim 1 of ${n}`, keys: " · Next: Alt+Shift+J or Alt+Shift+↓ · Previous: Alt+Shift+↑ · Close: Esc" });
  assert.ok((await readPopup(page)).claim.includes(claimOf(FIXTURE_CLAIMS[0])));
  await page.keyboard.press("Escape");
  await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });
  // Closed in between, the next command still goes on to the next claim.
  assert.deepEqual(await run(), { moved: true });
  await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
  assert.equal((await where()).at, `Claim 2 of ${n}`);
  assert.ok((await readPopup(page)).claim.includes(claimOf(FIXTURE_CLAIMS[1])));
  assert.equal(await sw.evaluate(() => globalThis.runCommand("something-else")), null, "an unknown command does nothing");

  await waitForBadge(page, String(n));
  const title = await sw.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
  assert.match(title, / Next claim: Alt\+Shift\+J\.$/, "the button's tooltip names the shortcut");

  const { page: options } = await openOptions(t);
  assert.equal(await options.locator("#shortcut-next").textContent(), "Alt+Shift+J");
  assert.ok(await options.locator("#shortcut-next").isVisible());
  assert.ok(await options.locator("#shortcut-none").isHidden());
  assert.ok(await options.getByRole("button", { name: "Open the shortcut settings" }).isVisible());
  assert.equal(await options.locator("#shortcut-where").textContent(), "(chrome://extensions/shortcuts)");
});

test("the badge shows how many claims the content script found on the tab", async (t) => {
  const { page, ready } = await openFixture(t);
  const count = ready.detail.count;
  assert.ok(count >= FIXTURE_CLAIMS.length);
  assert.equal(await waitForBadge(page, String(count)), String(count), "badge = number of matches");
  const other = await openFixture(t, CUSTOM_PAGE);
  assert.equal(other.ready.detail.count, 1, "the other page has one bundled claim");
  assert.equal(await waitForBadge(other.page, "1"), "1", "each tab has its own count");
  assert.equal(await waitForBadge(page, String(count)), String(count), "the first tab keeps its count");
  const title = await (await serviceWorker()).evaluate((id) => chrome.action.getTitle({ tabId: id }), await tabIdOf(page));
  assert.match(title, new RegExp(`${count} fact-checked claims.*turn factmark off on 127\\.0\\.0\\.1`), "the button's name says what it does");
});

test("the toolbar button turns the site off in every tab, removing everything, and on again", async (t) => {
  const { page, log } = await openFixture(t);
  const second = await openFixture(t, CUSTOM_PAGE);
  const count = (await waitForEvent(page, 1)).detail.count;

  assert.deepEqual(await clickToolbarButton(page), { hostname: "127.0.0.1", enabled: false });
  for (const p of [page, second.page]) {
    await p.waitForFunction(() => !document.querySelector("factmark-ui"));
    const traces = await widgetTraces(p);
    assert.equal(traces.ranges, 0, "no highlight left");
    assert.equal(traces.marks, 0, "no wrapper left");
    assert.equal(await waitForBadge(p, "off"), "off", "badge says off");
  }
  assert.equal((await widgetTraces(page)).unchanged, true, "body is exactly as parsed");
  const stored = await (await serviceWorker()).evaluate(() => chrome.storage.local.get("disabledSites"));
  assert.deepEqual(stored.disabledSites, ["127.0.0.1"], "persisted in chrome.storage.local");

  // A page of the site opened while it is off stays untouched.
  const third = await context.newPage();
  t.after(() => third.close());
  await third.goto(server.url + FIXTURE);
  assert.equal(await waitForBadge(third, "off"), "off");
  assert.equal((await widgetTraces(third)).host, 0);

  // The options page lists the site.
  const options = await openOptions(t);
  assert.deepEqual(await options.page.locator("#sites li span").allTextContents(), ["127.0.0.1"]);

  assert.deepEqual(await clickToolbarButton(page), { hostname: "127.0.0.1", enabled: true });
  const again = await waitForEvent(page, 2);
  assert.deepEqual(again, { type: "factmark:ready", detail: { count, engine: "wasm" } }, "mounted again with the same claims");
  assert.ok((await widgetTraces(page)).highlighted.includes(GREENLAND.text));
  assert.equal((await waitForEvent(second.page, 2)).detail.count, 1, "the other tab too");
  assert.equal(await waitForBadge(page, String(count)), String(count));
  assert.equal((await waitForEvent(third, 1)).type, "factmark:ready", "and the tab opened while off (its first event)");
  assert.equal((await widgetTraces(third)).host, 1);
  await options.page.locator("#sites-empty").waitFor({ state: "visible" });

  const { x, y } = await pointAtText(page, GREENLAND.text);
  await page.mouse.move(x, y);
  await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
  assert.deepEqual(log.errors, [], "no console errors");
});

test("turning a site on again from the options page", async (t) => {
  const { page } = await openFixture(t);
  await clickToolbarButton(page);
  await page.waitForFunction(() => !document.querySelector("factmark-ui"));
  const { page: options } = await openOptions(t);
  await options.getByRole("button", { name: "Turn on again on 127.0.0.1" }).click();
  assert.equal((await waitForEvent(page, 2)).type, "factmark:ready");
  assert.equal((await widgetTraces(page)).host, 1);
  assert.equal(await options.evaluate(() => document.activeElement.id), "sites-heading", "focus stays in the section");
});

test("the options page switches the highlight style to wrap and back", async (t) => {
  const { page } = await openFixture(t);
  assert.equal((await widgetTraces(page)).marks, 0, "highlight by default");
  const { page: options, log } = await openOptions(t);
  assert.equal(await options.getByRole("radio", { name: /^Highlight/ }).isChecked(), true);
  await options.getByRole("radio", { name: /^Wrap/ }).check();
  await waitForEvent(page, 2);
  const wrapped = await widgetTraces(page);
  assert.ok(wrapped.marks >= FIXTURE_CLAIMS.length, `claims are wrapped (${wrapped.marks} marks)`);
  assert.equal(wrapped.ranges, 0, "and not painted");
  await options.getByRole("radio", { name: /^Highlight/ }).check();
  await waitForEvent(page, 3);
  const painted = await widgetTraces(page);
  assert.equal(painted.marks, 0);
  assert.equal(painted.unchanged, true, "the wrappers are gone: body is as parsed");
  assert.deepEqual(log.errors, [], "no errors on the options page (its CSP allows no inline code)");
});

test("a dataset added from a file takes effect; a bad one is explained and the previous one stays", async (t) => {
  const { page } = await openFixture(t, CUSTOM_PAGE);
  assert.ok((await widgetTraces(page)).highlighted.includes(GREENLAND.text), "bundled dataset at first");
  const { page: options, log } = await openOptions(t);

  await options.getByLabel("From a file").setInputFiles(CUSTOM_DATASET);
  await options.getByRole("status").filter({ hasText: "Town news checks" }).waitFor();
  assert.equal(
    await options.locator("#dataset-current").textContent(),
    "Using your dataset “Town news checks (test fixture)” from the file ext-custom.json.",
  );
  assert.deepEqual(await waitForEvent(page, 2), { type: "factmark:ready", detail: { count: 1, engine: "wasm" } });
  let traces = await widgetTraces(page);
  assert.ok(traces.highlighted.includes(TELESCOPES), "the custom claim is highlighted");
  assert.ok(!traces.highlighted.includes(GREENLAND.text), "the bundled dataset is replaced");
  assert.equal(await waitForBadge(page, "1"), "1");
  const { x, y } = await pointAtText(page, TELESCOPES);
  await page.mouse.move(x, y);
  await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
  assert.match((await readPopup(page)).claim, /telescopes/);

  await options.getByLabel("From a file").setInputFiles(BAD_DATASET);
  const alert = options.getByRole("alert");
  await alert.filter({ hasText: "cannot be used" }).waitFor();
  const message = await alert.textContent();
  assert.match(message, /ext-bad\.json/, "names the file");
  assert.match(message, /claims\[0\][^:]*\.sources\[0\]\.url: scheme "javascript" is not allowed/, `names the JSON path: ${message}`);
  assert.match(message, /The dataset in use has not changed/);
  const stored = await (await serviceWorker()).evaluate(() => chrome.storage.local.get("customDataset"));
  assert.equal(stored.customDataset, readFileSync(CUSTOM_DATASET, "utf8"), "the previous dataset is still stored");
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__probe.events.length), 2, "the page was not re-mounted");
  assert.ok((await widgetTraces(page)).highlighted.includes(TELESCOPES), "and still shows the custom claim");

  await options.getByRole("button", { name: "Use the bundled dataset" }).click();
  assert.equal((await waitForEvent(page, 3)).detail.count, 1);
  traces = await widgetTraces(page);
  assert.ok(traces.highlighted.includes(GREENLAND.text) && !traces.highlighted.includes(TELESCOPES), "bundled again");
  assert.equal(await options.locator("#dataset-current").textContent(), "Using the bundled dataset.");
  assert.deepEqual(log.errors, []);
});

test("a dataset added from a URL takes effect; unusable URLs are explained", async (t) => {
  const { page } = await openFixture(t, CUSTOM_PAGE);
  const { page: options } = await openOptions(t);
  const url = options.getByLabel("From a web address");
  const load = options.getByRole("button", { name: "Load" });
  const alert = options.getByRole("alert");
  const fixtures = `${server.url}/tests/e2e/fixtures`;

  await url.fill("ftp://example.org/claims.json");
  await load.click();
  await alert.filter({ hasText: "Enter a web address starting with https://" }).waitFor();

  await url.fill(`${fixtures}/ext-missing.json`);
  await load.click();
  await alert.filter({ hasText: "the server answered 404" }).waitFor();

  await url.fill(`${fixtures}/ext-bad.json`);
  await load.click();
  await alert.filter({ hasText: 'scheme "javascript" is not allowed' }).waitFor();

  // serve.mjs sends no CORS headers: the extension page may read it anyway because the
  // extension has access to every site (its content script's matches). A reader who
  // restricted that access is asked for the site instead (optional_host_permissions), a
  // prompt headless Chromium cannot answer, so that path is not tested here.
  await url.fill(`${fixtures}/ext-custom.json`);
  await load.click();
  assert.deepEqual(await waitForEvent(page, 2), { type: "factmark:ready", detail: { count: 1, engine: "wasm" } });
  assert.ok((await widgetTraces(page)).highlighted.includes(TELESCOPES), "the custom claim is highlighted");
  assert.equal(await alert.textContent(), "", "no error left");
  assert.equal(
    await options.locator("#dataset-current").textContent(),
    `Using your dataset “Town news checks (test fixture)” from ${fixtures}/ext-custom.json.`,
  );
});

test("on a page whose CSP forbids WebAssembly the content script runs the JavaScript engine", async (t) => {
  const page = await context.newPage();
  t.after(() => page.close());
  const log = watchConsole(page);
  const info = [];
  page.on("console", (msg) => msg.type() === "info" && info.push(msg.text()));
  const response = await page.goto(`${server.url}${FIXTURE}?csp=nowasm`);
  assert.doesNotMatch(response.headers()["content-security-policy"], /wasm-unsafe-eval/, "the server sent the policy");
  const ready = await waitForReady(page);
  assert.equal(ready.detail.engine, "js", "factmark:ready detail.engine");
  assert.ok(info.some((m) => /JavaScript engine/.test(m)), "console.info says which engine runs");

  // The same claims as with WebAssembly, highlighted.
  const traces = await widgetTraces(page);
  assert.ok(traces.ranges >= ready.detail.count, `highlight ranges registered (${traces.ranges})`);
  assert.ok(ready.detail.count >= FIXTURE_CLAIMS.length, `the claims are found (${ready.detail.count})`);
  assert.ok(traces.highlighted.includes(GREENLAND.text), "a registered highlight covers the Greenland claim");
  assert.ok(traces.highlighted.includes("Senator Mike Lee from Utah also submitted a similar proposal"), "and the Lee claim");
  assert.equal(traces.marks, 0, "highlight mode: no wrappers");
  assert.equal(traces.unchanged, true, "apart from the host, body is exactly as parsed");

  // The badge counts them, and its tooltip says which engine runs.
  const count = String(ready.detail.count);
  assert.equal(await waitForBadge(page, count), count, "badge = number of matches");
  const title = await (await serviceWorker()).evaluate((id) => chrome.action.getTitle({ tabId: id }), await tabIdOf(page));
  assert.match(title, /fact-checked claims on this page \(JavaScript engine: this page does not allow WebAssembly\)/);

  // Hovering a claim opens its popup; the keyboard works too.
  await hoverGreenland(page);
  await escapeClosesPopup(page);

  // The browser reports the refused WebAssembly compile to the page; nothing else is refused.
  const violations = await page.evaluate(() => window.__probe.violations);
  assert.ok(violations.every((v) => v.startsWith("script-src blocked wasm-eval")), `only the refused wasm: ${violations.join("; ")}`);
  assert.deepEqual(log.errors, [], "no console errors");
  assert.deepEqual(log.warnings.filter((w) => w.startsWith("factmark")), [], "no factmark warnings");

  // Re-mounting (here: switching to wrap mode) keeps the engine.
  await (await serviceWorker()).evaluate(() => chrome.storage.local.set({ mode: "wrap" }));
  const again = await waitForEvent(page, 2);
  assert.deepEqual(again, { type: "factmark:ready", detail: { count: ready.detail.count, engine: "js" } });
  assert.ok((await widgetTraces(page)).marks >= FIXTURE_CLAIMS.length, "claims are wrapped");
});

test("on a Trusted Types page it highlights, opens the popup and causes no violation", async (t) => {
  const page = await context.newPage();
  t.after(() => page.close());
  const log = watchConsole(page);
  const response = await page.goto(`${server.url}${FIXTURE}?csp=tt`);
  assert.match(response.headers()["content-security-policy"], /require-trusted-types-for 'script'/, "the server sent the policy");
  const ready = await waitForReady(page);
  assert.equal(ready.detail.engine, "wasm", "the policy allows WebAssembly ('wasm-unsafe-eval')");
  assert.ok(ready.detail.count >= FIXTURE_CLAIMS.length, `the claims are found (${ready.detail.count})`);

  const traces = await widgetTraces(page);
  assert.ok(traces.highlighted.includes(GREENLAND.text), "a registered highlight covers the Greenland claim");
  assert.equal(traces.unchanged, true, "apart from the host, body is exactly as parsed");
  const count = String(ready.detail.count);
  assert.equal(await waitForBadge(page, count), count, "badge = number of matches");

  await hoverGreenland(page);
  await escapeClosesPopup(page);
  await page.keyboard.press("Alt+Shift+ArrowDown");
  await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
  await page.keyboard.press("Escape");

  // Wrap mode builds elements, never HTML strings: no Trusted Types sink either.
  await (await serviceWorker()).evaluate(() => chrome.storage.local.set({ mode: "wrap" }));
  await waitForEvent(page, 2);
  assert.ok((await widgetTraces(page)).marks >= FIXTURE_CLAIMS.length, "claims are wrapped");

  assert.deepEqual(await page.evaluate(() => window.__probe.violations), [], "no securitypolicyviolation");
  assert.deepEqual(log.errors, [], "no console errors (a Trusted Types violation logs one)");

  // Control: the policy is enforced and the probe hears its violations.
  const refused = await page.evaluate(() => {
    try {
      document.createElement("div").innerHTML = "<b>x</b>";
      return false;
    } catch (err) {
      return err instanceof TypeError;
    }
  });
  assert.ok(refused, "a string assigned to innerHTML is refused");
  await page.waitForFunction(() => window.__probe.violations.some((v) => v.startsWith("require-trusted-types-for")), null, { timeout: 5_000 });
});

/**
 * reach.html: one claim in the page's DOM, one in a web component's open shadow root, one in
 * a same-origin srcdoc iframe. The content script runs in the top frame only (no
 * all_frames) and mounts with shadowRoots and frames: each claim is found once.
 */
test("claims in an open shadow root and a same-origin iframe are found once each", async (t) => {
  const { page, log, ready } = await openFixture(t, "/tests/e2e/fixtures/reach.html");
  const found = () =>
    page.evaluate(() => {
      const frame = document.getElementById("frame").contentWindow;
      const ranges = (win) => [...win.CSS.highlights.values()].flatMap((h) => [...h]);
      return {
        page: ranges(window).map((r) => r.toString()),
        inShadow: ranges(window).filter((r) => r.startContainer.getRootNode() instanceof ShadowRoot).length,
        frame: ranges(frame).map((r) => r.toString()),
        hosts: document.querySelectorAll("factmark-ui").length + frame.document.querySelectorAll("factmark-ui").length,
        sheets: document.querySelector("claim-card").shadowRoot.adoptedStyleSheets.length + frame.document.adoptedStyleSheets.length,
      };
    });
  // The frame may load after the first scan: the widget re-scans then (observe), and the badge follows.
  assert.equal(await waitForBadge(page, "3"), "3", `badge counts the three claims (factmark:ready said ${ready.detail.count})`);
  const on = await found();
  assert.equal(on.page.length, 2, `light DOM and shadow root ranges in the page: ${on.page.join(" | ")}`);
  assert.equal(on.inShadow, 1, "one inside the shadow root");
  assert.ok(on.page.some((text) => text.includes(GREENLAND.text)));
  assert.equal(on.frame.length, 1, "one in the iframe's own registry");
  assert.match(on.frame[0], /^Senator Mike Lee from Utah also submitted a similar proposal/);
  assert.equal(on.hosts, 1, "one widget: the content script did not run in the frame");

  // The popup opens from the claim inside the web component.
  const { x, y } = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector("claim-card").shadowRoot.querySelector("p").firstChild);
    const box = range.getClientRects()[0];
    return { x: box.left + 40, y: box.top + box.height / 2 };
  });
  await page.mouse.move(x, y);
  await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
  checkPopupContent(await readPopup(page), /Greenland/);

  await clickToolbarButton(page);
  await page.waitForFunction(() => !document.querySelector("factmark-ui"));
  assert.deepEqual(await found(), { page: [], inShadow: 0, frame: [], hosts: 0, sheets: 0 }, "off: nothing left, in the shadow root and frame too");
  assert.deepEqual(log.errors, []);
});

/** Counts <factmark-mark> elements added to the page (in wrap mode, one paint pass adds a set). */
function countMarksAdded() {
  window.__marksAdded = 0;
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeName === "FACTMARK-MARK") window.__marksAdded += 1;
  }).observe(document, { childList: true, subtree: true });
}

/** The text the widget paints now: live highlight ranges, or the wrappers' text. */
function paintedText() {
  const ranges = [...CSS.highlights.values()].flatMap((h) => [...h]);
  return {
    ranges: ranges.length,
    // A range over removed nodes collapses onto their (connected) parent.
    stale: ranges.filter((r) => r.collapsed || !r.startContainer.isConnected || !r.endContainer.isConnected).length,
    text: ranges.map((r) => r.toString()).join("\n") + [...document.querySelectorAll("factmark-mark")].map((m) => m.textContent).join(""),
  };
}

const FIRST_ARTICLE = [
  GREENLAND.text,
  "NATO has not developed a clear plan to deal with a U.S. withdrawal",
  "Senator Mike Lee from Utah also submitted a similar proposal",
];
const NEXT_ARTICLE = "the U.S. plans to cut approximately 200 U.S. personnel positions at NATO command centers";

for (const mode of ["highlight", "wrap"]) {
  test(`a single-page app that re-renders and navigates keeps the right highlights and badge (${mode})`, { timeout: 90_000 }, async (t) => {
    if (mode === "wrap") await (await serviceWorker()).evaluate(() => chrome.storage.local.set({ mode: "wrap" }));
    const page = await context.newPage();
    t.after(() => page.close());
    const log = watchConsole(page);
    await page.addInitScript(countMarksAdded);
    await page.addInitScript(`window.__paintedText = ${paintedText}`);
    await page.goto(`${server.url}/tests/e2e/fixtures/ext-rerender.html`);
    await waitForReady(page);

    // Re-rendering every 100 ms for 3 s; then the widget settles on the live article.
    await page.waitForFunction(() => window.__rerender.done, null, { timeout: 20_000 });
    assert.ok((await page.evaluate(() => window.__rerender.renders)) >= 25, "the page re-rendered");
    /** Waits until the widget paints `claims`, on live nodes only. */
    const paints = (claims) =>
      page.waitForFunction(
        (wanted) => {
          const painted = window.__paintedText();
          return painted.stale === 0 && wanted.every((claim) => painted.text.includes(claim));
        },
        claims,
        { timeout: 10_000 },
      );
    await paints(FIRST_ARTICLE);
    assert.equal(await waitForBadge(page, "3"), "3", "badge = the three claims of the article");
    let painted = await page.evaluate(() => window.__paintedText());
    if (mode === "highlight") {
      assert.equal(painted.ranges, 3, "three ranges");
      assert.equal(painted.stale, 0, "all on the nodes now in the page");
    } else {
      assert.equal(painted.ranges, 0);
    }

    // No feedback loop: once the page is quiet the widget stops (its own changes do not
    // re-trigger it): no new ranges, no new wrappers, the same badge.
    const settled = await page.evaluate(() => {
      window.__settled = [...CSS.highlights.values()].flatMap((h) => [...h]);
      return window.__marksAdded;
    });
    await page.waitForTimeout(2_000);
    const later = await page.evaluate(() => {
      const now = [...CSS.highlights.values()].flatMap((h) => [...h]);
      return { same: now.length === window.__settled.length && now.every((r, i) => r === window.__settled[i]), marksAdded: window.__marksAdded };
    });
    assert.ok(later.same, "the same Range objects: no re-scan repainted them");
    assert.equal(later.marksAdded, settled, "no wrappers added since");
    assert.equal(await waitForBadge(page, "3", 0), "3");

    // A client-side route (pushState) to another article: the badge and paint follow it.
    await page.click("#next");
    assert.equal(new URL(page.url()).pathname, "/next-article");
    assert.equal(await waitForBadge(page, "1"), "1", "badge = the one claim of the next article");
    await paints([NEXT_ARTICLE]);
    painted = await page.evaluate(() => window.__paintedText());
    assert.ok(!painted.text.includes(GREENLAND.text), "the previous article's claims are gone");
    assert.equal(painted.stale, 0);

    // Back (popstate): the first article again.
    await page.evaluate(() => history.back());
    assert.equal(await waitForBadge(page, "3"), "3", "badge follows the history traversal");
    await paints(FIRST_ARTICLE);

    // Off: everything goes, and later changes of the page bring nothing back.
    await clickToolbarButton(page);
    await page.waitForFunction(() => !document.querySelector("factmark-ui"));
    assert.equal(await waitForBadge(page, "off"), "off");
    await page.click("#next");
    await page.waitForTimeout(1_500);
    const off = await page.evaluate(() => window.__paintedText());
    assert.deepEqual({ ranges: off.ranges, text: off.text, marks: await page.locator("factmark-mark").count() }, { ranges: 0, text: "", marks: 0 });
    assert.equal(await waitForBadge(page, "off", 0), "off", "the badge stays off");
    assert.deepEqual(log.errors, [], "no console errors");
  });
}

test("axe finds no accessibility violation on the options page", async (t) => {
  const { page: options } = await openOptions(t);
  // Shows every part: a site in the list, a custom dataset in use and an error message.
  await (await serviceWorker()).evaluate((text) =>
    chrome.storage.local.set({ disabledSites: ["example.org"], customDataset: text, customDatasetSource: "the file x.json" }),
    readFileSync(CUSTOM_DATASET, "utf8"),
  );
  await options.getByLabel("From a file").setInputFiles(BAD_DATASET);
  await options.getByRole("alert").filter({ hasText: "cannot be used" }).waitFor();
  // Evaluated through the DevTools protocol, which the page's CSP does not restrict.
  await options.evaluate(readFileSync(path.join(REPO_ROOT, "node_modules/axe-core/axe.min.js"), "utf8"));
  const result = await options.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  assert.deepEqual(found, [], `axe violations:\n${found.join("\n")}`);
});

test("the extension asks only for storage, and for dataset sites only when needed", () => {
  for (const dir of [DIST, DIST_FIREFOX]) {
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
    assert.deepEqual(manifest.permissions, ["storage"], dir);
    assert.deepEqual(manifest.optional_host_permissions, ["<all_urls>"], dir);
    assert.equal(manifest.host_permissions, undefined, dir);
  }
});

test("the Firefox build passes web-ext lint without errors", (t) => {
  const manifest = JSON.parse(readFileSync(path.join(DIST_FIREFOX, "manifest.json"), "utf8"));
  assert.deepEqual(manifest.background, { scripts: ["background.js"] }, "an event page: Firefox MV3 has no service workers");
  assert.equal(manifest.browser_specific_settings.gecko.id, "factmark@example.org");
  const webExt = path.join(REPO_ROOT, "node_modules/.bin/web-ext");
  const run = spawnSync(webExt, ["lint", "--source-dir", DIST_FIREFOX, "--output", "json", "--no-config-discovery"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    assert.fail(`web-ext lint printed no JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  const describe = (m) => `${m.code} ${m.file ?? ""}: ${m.message}`;
  for (const warning of [...report.warnings, ...report.notices]) t.diagnostic(`web-ext lint: ${describe(warning)}`);
  assert.deepEqual(report.errors.map(describe), [], "web-ext lint errors");
});
