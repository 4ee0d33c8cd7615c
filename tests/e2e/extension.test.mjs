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
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
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
  assertPrerequisites,
  checkPopupContent,
  installProbe,
  pointAtText,
  popupLocator,
  readPopup,
  waitForReady,
  watchConsole,
} from "./helpers.mjs";

const DIST = path.join(REPO_ROOT, "dist/extension");
const FIXTURE = "/tests/e2e/fixtures/extension.html";
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
});

after(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function openFixture(t) {
  const page = await context.newPage();
  t.after(() => page.close());
  const log = watchConsole(page);
  await page.goto(server.url + FIXTURE);
  const ready = await waitForReady(page);
  return { page, log, ready };
}

test("the content script mounts in highlight mode and leaves the page's DOM as parsed", async (t) => {
  const { page, log, ready } = await openFixture(t);
  assert.ok(ready.detail?.count >= FIXTURE_CLAIMS.length, `factmark:ready reports the matches (${ready.detail?.count})`);
  const dom = await page.evaluate(() => {
    const host = document.querySelector("factmark-ui");
    const body = document.body.cloneNode(true);
    body.querySelector("factmark-ui")?.remove();
    return {
      hostInBody: host?.parentElement === document.body,
      openShadow: host?.shadowRoot instanceof ShadowRoot,
      wrappers: document.querySelectorAll("factmark-mark").length,
      unchanged: body.innerHTML === window.__before.html,
    };
  });
  assert.ok(dom.hostInBody, "<factmark-ui> is appended to body");
  assert.ok(dom.openShadow, "its shadow root is open");
  assert.equal(dom.wrappers, 0, "no wrapper elements in highlight mode");
  assert.ok(dom.unchanged, "apart from the host, body is exactly as parsed");
  assert.deepEqual(log.errors, [], "no console errors");
  assert.deepEqual(log.warnings.filter((w) => w.startsWith("factmark")), [], "no factmark warnings");
});

test("claim sentences are highlighted and hovering one opens its popup", async (t) => {
  const { page, log } = await openFixture(t);
  const highlighted = await page.evaluate(() =>
    [...CSS.highlights.values()].flatMap((h) => [...h]).map((range) => range.toString()).join("\n"),
  );
  assert.ok(highlighted.includes(GREENLAND.text), "a registered highlight covers the Greenland claim");
  assert.ok(highlighted.includes("Senator Mike Lee from Utah also submitted a similar proposal"), "and the Lee claim");

  const { x, y } = await pointAtText(page, GREENLAND.text);
  await page.mouse.move(x, y);
  await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
  checkPopupContent(await readPopup(page), /Greenland/);
  await page.keyboard.press("Escape");
  await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });
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
