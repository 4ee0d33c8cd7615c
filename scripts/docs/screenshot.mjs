#!/usr/bin/env node
/**
 * Takes the README screenshot: the demo page with one claim's popup open.
 *
 *   node scripts/docs/screenshot.mjs [output.png] [claim-id] [same|similar]
 *
 * Defaults: docs/screenshot.png, the C08 claim, any kind (1280×900). With a
 * kind, the first match of that claim of that kind is shown: "similar"
 * shows a popup explaining a claim found in other words (the demo's
 * readers' comments).
 *
 * Needs pkg/ (wasm-pack build --release --target web) and /usr/bin/chromium.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../serve.mjs";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUTPUT = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, "docs/screenshot.png"));
/** The claim whose popup is shown: C08, a "mostly-true" claim whose mark crosses a <b>. */
const CLAIM = process.argv[3] ?? "us-cuts-200-nato-posts";
const KIND = process.argv[4] ?? null;

const server = await startServer({ port: 0 });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/www/index.html`);
  await page.waitForFunction(() => window.factmark !== undefined, null, { timeout: 30_000 });
  if (!(await page.evaluate(() => window.factmark))) throw new Error("the widget did not mount");

  // Hover the middle of the claim's widest line box, with the claim a third of the way
  // down the viewport so the popup has room below. Uses the match's Range, so it works
  // in both modes ("highlight" is the default in Chromium: there is no element to hover).
  const point = await page.evaluate(([claimId, kind]) => {
    const match = window.factmark.matches().find((m) => m.claimId === claimId && (!kind || m.kind === kind));
    if (!match) throw new Error(`claim ${claimId} was not matched${kind ? ` as ${kind}` : ""}`);
    const top = match.range.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top - window.innerHeight / 3);
    const box = [...match.range.getClientRects()].reduce((a, b) => (b.width > a.width ? b : a));
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, [CLAIM, KIND]);
  await page.mouse.move(point.x, point.y);
  await page.locator('factmark-ui [role="dialog"].popup').waitFor({ state: "visible", timeout: 5_000 });
  await page.waitForTimeout(300); // let any opening transition finish

  await mkdir(path.dirname(OUTPUT), { recursive: true });
  await page.screenshot({ path: OUTPUT });
  console.log(`screenshot: ${path.relative(process.cwd(), OUTPUT)}`);
} finally {
  await browser.close();
  await server.close();
}
