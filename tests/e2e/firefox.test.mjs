// End-to-end test of the Firefox build of the extension (dist/extension-firefox layout,
// built into a temporary folder) in headless Firefox ESR, driven through WebDriver by
// geckodriver (playwright-core cannot drive Debian's Firefox). The add-on is installed
// as a temporary add-on (geckodriver's POST /session/{id}/moz/addon/install).
//
// WebDriver classic has no init scripts, so the fixture page loads
// fixtures/probe.js itself: it records the widget's events and CSP violations in
// window.__probe before the content script runs.
//
// Needs /usr/bin/firefox-esr and geckodriver (scripts/setup.sh installs both).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "../../scripts/serve.mjs";
import { GREENLAND, REPO_ROOT, assertPrerequisites } from "./helpers.mjs";

const FIREFOX = "/usr/bin/firefox-esr";
const GECKODRIVER = [path.join(homedir(), ".cargo/bin/geckodriver"), "/usr/local/bin/geckodriver", "/usr/bin/geckodriver"].find(existsSync);
const FIXTURE = "/tests/e2e/fixtures/firefox.html";
const LEE = "Senator Mike Lee from Utah also submitted a similar proposal";

let server;
let driver;
let driverUrl;
let session;
let buildDir;

/** One WebDriver command; resolves to its value, throws its error. */
async function wd(method, route, body) {
  const response = await fetch(`${driverUrl}${route}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = await response.json();
  if (!response.ok) throw new Error(`WebDriver ${method} ${route}: ${value?.error}: ${value?.message}`);
  return value;
}
const cmd = (method, route, body) => wd(method, `/session/${session}${route}`, body);
/** Runs `fn` (a function, serialised) in the page with `args`; resolves to its result. */
const run = (fn, ...args) => cmd("POST", "/execute/async", { script: `const done = arguments[arguments.length - 1]; Promise.resolve((${fn})(...Array.from(arguments).slice(0, -1))).then(done, (e) => done({ __error: String(e) }));`, args }).then((v) => {
  if (v && v.__error) throw new Error(v.__error);
  return v;
});

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitFor(what, check, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

before(async () => {
  assertPrerequisites();
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing (scripts/setup.sh installs firefox-esr)`);
  if (!GECKODRIVER) throw new Error("geckodriver is missing (scripts/setup.sh runs `cargo install geckodriver`)");
  // Its own copy: extension.test.mjs rebuilds dist/ and may run at the same time.
  buildDir = mkdtempSync(path.join(tmpdir(), "factmark-ff-build-"));
  execFileSync("bash", ["scripts/build-extension.sh", buildDir], { cwd: REPO_ROOT, stdio: "ignore" });
  server = await startServer({ port: 0 });

  const port = await freePort();
  driverUrl = `http://127.0.0.1:${port}`;
  driver = spawn(GECKODRIVER, ["--port", String(port), "--log", "fatal"], { stdio: "ignore" });
  await waitFor("geckodriver", () => fetch(`${driverUrl}/status`).then((r) => r.ok, () => false), 15_000);
  const created = await wd("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        browserName: "firefox",
        "moz:firefoxOptions": {
          binary: FIREFOX,
          args: ["-headless", "-width", "1280", "-height", "900"],
          prefs: {
            // Grant the host permissions the manifest asks for at install, as the install
            // prompt would (a temporary add-on gets no prompt).
            "extensions.originControls.grantByDefault": true,
          },
        },
      },
    },
  });
  session = created.sessionId;
  await cmd("POST", "/moz/addon/install", { path: path.join(buildDir, "extension-firefox"), temporary: true });
});

after(async () => {
  if (session) await cmd("DELETE", "").catch(() => {});
  driver?.kill();
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

/** Moves the pointer over `text` and returns the open popup's claim text. */
async function hover(text) {
  const point = await run((needle) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + needle.length);
      n.parentElement.scrollIntoView({ block: "center" });
      const box = [...range.getClientRects()].reduce((a, b) => (b.width > a.width ? b : a));
      return { x: Math.round(box.left + box.width / 2), y: Math.round(box.top + box.height / 2) };
    }
    throw new Error(`text not in page: ${needle}`);
  }, text);
  await cmd("POST", "/actions", {
    // Jumps (duration 0): a gliding pointer would cross, and open, other claims on its way.
    // The first jump, to the empty page margin, makes the second one a move even when the
    // pointer was left at the same place on the previous page.
    actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [
      { type: "pointerMove", duration: 0, x: 1, y: 1 },
      { type: "pointerMove", duration: 0, x: point.x, y: point.y },
    ] }],
  });
  return waitFor("the popup", () =>
    run(() => {
      const dialog = document.querySelector("factmark-ui")?.shadowRoot?.querySelector('[role="dialog"].popup');
      return dialog && dialog.getBoundingClientRect().width > 0 ? dialog.querySelector(".claim")?.textContent ?? "" : null;
    }),
  10_000);
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
  assert.match(await hover(GREENLAND.text), /Greenland/);
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
  assert.match(await hover(GREENLAND.text), /Greenland/);
});
