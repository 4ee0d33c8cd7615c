#!/usr/bin/env node
/**
 * Takes the README's extension screenshot: the unpacked extension (dist/extension) on a
 * page served with a Content-Security-Policy that forbids WebAssembly, with the claims
 * highlighted by the JavaScript engine and one claim's popup open.
 *
 *   node scripts/docs/screenshot-extension.mjs [output.png]   (default docs/extension-strict-csp.png, 1280×900)
 *
 * Needs dist/extension (scripts/build.sh) and /usr/bin/chromium. A caption added above
 * the article (through the DevTools protocol, which the page's CSP does not restrict)
 * shows the policy the server sent, the engine that runs and the toolbar badge's text,
 * read from the extension's service worker: headless Chromium draws no toolbar.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, VIEWPORT, pointAtText, popupLocator } from "../../tests/e2e/helpers.mjs";

const OUTPUT = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, "docs/extension-strict-csp.png"));
const DIST = path.join(REPO_ROOT, "dist/extension");
const PAGE = "/tests/e2e/fixtures/extension.html?csp=nowasm";
const CLAIM = "The proposer stated that NATO is a";

const server = await startServer({ port: 0 });
const userDataDir = await mkdtemp(path.join(tmpdir(), "factmark-shot-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: VIEWPORT,
  args: ["--headless=new", `--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, ...CHROMIUM_ARGS],
});
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const page = await context.newPage();
  const ready = new Promise((resolve) => page.exposeBinding("__factmarkReady", (_source, detail) => resolve(detail)));
  await page.addInitScript(() => {
    document.addEventListener("factmark:ready", (e) => window.__factmarkReady(e.detail));
  });
  const response = await page.goto(server.url + PAGE);
  const csp = response.headers()["content-security-policy"];
  const detail = await Promise.race([ready, new Promise((_, reject) => setTimeout(() => reject(new Error("the extension did not mount")), 30_000))]);
  if (detail.engine !== "js") throw new Error(`expected the JavaScript engine, got ${detail.engine}`);

  await page.bringToFront();
  const badge = await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return chrome.action.getBadgeText({ tabId: tab.id });
  });

  // The caption: element.style is CSSOM, which style-src does not govern.
  await page.evaluate(
    ({ csp, engine, badge }) => {
      const box = document.createElement("p");
      const line = (label, value) => {
        const row = document.createElement("span");
        row.style.display = "block";
        const b = document.createElement("b");
        b.textContent = `${label}: `;
        const code = document.createElement("code");
        code.textContent = value;
        row.append(b, code);
        return row;
      };
      box.append(
        line("Content-Security-Policy", csp),
        line("factmark extension", `engine "${engine}" (WebAssembly refused), toolbar badge "${badge}"`),
      );
      Object.assign(box.style, {
        font: "13px/1.5 system-ui, sans-serif",
        background: "#f3f4f6",
        border: "1px solid #d1d5db",
        borderRadius: "6px",
        padding: "8px 12px",
        margin: "0 0 16px",
      });
      document.querySelector("main").prepend(box);
    },
    { csp, engine: detail.engine, badge },
  );

  // Hover the claim (on the right of the page, so the popup leaves the left half visible).
  const point = await pointAtText(page, CLAIM, "main");
  await page.mouse.move(point.x, point.y);
  await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
  await page.waitForTimeout(300); // let any opening transition finish

  await mkdir(path.dirname(OUTPUT), { recursive: true });
  await page.screenshot({ path: OUTPUT });
  console.log(`screenshot: ${path.relative(process.cwd(), OUTPUT)} (engine ${detail.engine}, ${detail.count} claims, badge "${badge}")`);
} finally {
  await context.close();
  await server.close();
  await rm(userDataDir, { recursive: true, force: true });
}
