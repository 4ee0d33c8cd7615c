// Accessibility: axe-core finds no violation on the demo page with highlights
// shown and a popup open, in both modes (highlight: the demo; wrap: a fixture).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";
import {
  CHROMIUM, CHROMIUM_ARGS, GREENLAND, REPO_ROOT, VIEWPORT,
  assertPrerequisites, installProbe, pointAtText, popupLocator, waitForReady,
} from "./helpers.mjs";

const AXE = path.join(REPO_ROOT, "node_modules/axe-core/axe.min.js");

let server;
let browser;

before(async () => {
  assertPrerequisites();
  server = await startServer({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs axe on the whole page (open shadow roots included) and returns readable violations. */
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const [mode, urlPath] of [["highlight", "/www/index.html"], ["wrap", "/tests/e2e/fixtures/wrap.html"]]) {
  test(`axe finds no violation in ${mode} mode with a popup open`, async (t) => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    t.after(() => context.close());
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    await page.goto(server.url + urlPath);
    await waitForReady(page);
    assert.equal(await page.evaluate(() => window.factmark.mode), mode);
    const { x, y } = await pointAtText(page, GREENLAND.text);
    await page.mouse.move(x, y);
    await popupLocator(page).waitFor({ state: "visible" });

    const found = await violations(page);
    assert.deepEqual(found, [], `axe violations:\n${found.join("\n")}`);
    // Still open after the scan: the audit covered the popup.
    assert.ok(await popupLocator(page).isVisible());
  });
}
