// End-to-end test of the Firefox build of the extension (dist/extension-firefox layout,
// built into a temporary folder) in headless Firefox ESR, driven through WebDriver by
// geckodriver (playwright-core cannot drive Debian's Firefox). The add-on is installed
// as a temporary add-on (geckodriver's POST /session/{id}/moz/addon/install). The WebDriver
// client is ./webdriver.mjs.
//
// WebDriver classic has no init scripts, so the fixture page loads
// fixtures/probe.js itself: it records the widget's events and CSP violations in
// window.__probe before the content script runs.
//
// Needs /usr/bin/firefox-esr and geckodriver (scripts/setup.sh installs both).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "../../scripts/serve.mjs";
import { GREENLAND, REPO_ROOT, assertPrerequisites } from "./helpers.mjs";
import { hoverText, startFirefox, waitFor } from "./webdriver.mjs";

const FIXTURE = "/tests/e2e/fixtures/firefox.html";
const LEE = "Senator Mike Lee from Utah also submitted a similar proposal";

let server;
let firefox;
let cmd;
let run;
let buildDir;

before(async () => {
  assertPrerequisites();
  // Its own copy: extension.test.mjs rebuilds dist/ and may run at the same time.
  buildDir = mkdtempSync(path.join(tmpdir(), "factmark-ff-build-"));
  execFileSync("bash", ["scripts/build-extension.sh", buildDir], { cwd: REPO_ROOT, stdio: "ignore" });
  server = await startServer({ port: 0 });
  firefox = await startFirefox({
    prefs: {
      // Grant the host permissions the manifest asks for at install, as the install
      // prompt would (a temporary add-on gets no prompt).
      "extensions.originControls.grantByDefault": true,
    },
  });
  ({ cmd, run } = firefox);
  await cmd("POST", "/moz/addon/install", { path: path.join(buildDir, "extension-firefox"), temporary: true });
});

after(async () => {
  await firefox?.close();
  await server?.close();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

/** Opens the fixture, waits for the widget's first event and returns what the page shows. */
async function openFixture(query = "") {
  await cmd("POST", "/url", { url: `${server.url}${FIXTURE}${query}` });
  await waitFor("factmark:ready or factmark:error", () => run(() => window.__probe.events.length > 0));
  return run(() => {
    const ranges = [...CSS.highlights.values()].flatMap((h) => [...h]);
    return {
      event: window.__probe.events[0],
      violations: window.__probe.violations,
      host: document.querySelectorAll("factmark-ui").length,
      highlighted: ranges.map((r) => r.toString()).join("\n"),
      marks: document.querySelectorAll("factmark-mark").length,
    };
  });
}

test("Firefox: the extension highlights the claims and hovering one opens its popup", async () => {
  const shown = await openFixture();
  assert.equal(shown.event.type, "factmark:ready", `the content script mounted: ${JSON.stringify(shown.event)}`);
  assert.equal(shown.event.detail?.engine, "wasm", `factmark:ready detail: ${JSON.stringify(shown.event.detail)}`);
  assert.ok(shown.event.detail.count >= 7, `claims found (${shown.event.detail.count})`);
  assert.equal(shown.host, 1, "<factmark-ui> is added");
  assert.equal(shown.marks, 0, "highlight mode: no wrappers");
  assert.ok(shown.highlighted.includes(GREENLAND.text), "a highlight covers the Greenland claim");
  assert.ok(shown.highlighted.includes(LEE), "and the Lee claim");
  assert.match(await hoverText(firefox, GREENLAND.text), /Greenland/);
});

test("Firefox: on a page whose CSP forbids WebAssembly the extension still highlights the claims", async (t) => {
  const shown = await openFixture("?csp=nowasm");
  assert.equal(shown.event.type, "factmark:ready", `the content script mounted: ${JSON.stringify(shown.event)}`);
  // Which engine Firefox lets the content script use there is reported, not required
  // (Firefox ESR 153 does not apply the page's CSP to a content script's WebAssembly:
  // "wasm", and no violation).
  assert.ok(["wasm", "js"].includes(shown.event.detail?.engine), `engine: ${JSON.stringify(shown.event.detail)}`);
  t.diagnostic(`Firefox, page without 'wasm-unsafe-eval': engine "${shown.event.detail.engine}", CSP violations: ${JSON.stringify(shown.violations)}`);
  assert.ok(shown.event.detail.count >= 7, `claims found (${shown.event.detail.count})`);
  assert.ok(shown.highlighted.includes(GREENLAND.text), "a highlight covers the Greenland claim");
  assert.match(await hoverText(firefox, GREENLAND.text), /Greenland/);
});
