// Headless Firefox ESR driven through WebDriver by geckodriver (playwright-core cannot drive
// Debian's Firefox), for the Firefox tests (not a test file itself). Needs
// /usr/bin/firefox-esr and geckodriver (scripts/setup.sh installs both).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import path from "node:path";

export const FIREFOX = "/usr/bin/firefox-esr";
const GECKODRIVER = [path.join(homedir(), ".cargo/bin/geckodriver"), "/usr/local/bin/geckodriver", "/usr/bin/geckodriver"].find(existsSync);

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Polls `check` until it returns something truthy (resolves to it) or `timeout` ms pass. */
export async function waitFor(what, check, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts geckodriver and a headless Firefox session (1280×900) with `prefs`. Resolves to
 * { cmd, run, close }: cmd(method, route, body) sends one command of the session and
 * resolves to its value; run(fn, ...args) runs `fn` (a function, serialised) in the page
 * and resolves to what it returns (or awaits); close() ends the session and geckodriver.
 */
export async function startFirefox({ prefs = {} } = {}) {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing (scripts/setup.sh installs firefox-esr)`);
  if (!GECKODRIVER) throw new Error("geckodriver is missing (scripts/setup.sh runs `cargo install geckodriver`)");
  const port = await freePort();
  const driverUrl = `http://127.0.0.1:${port}`;
  const driver = spawn(GECKODRIVER, ["--port", String(port), "--log", "fatal"], { stdio: "ignore" });
  let session;

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
  const run = (fn, ...args) =>
    cmd("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1]; Promise.resolve((${fn})(...Array.from(arguments).slice(0, -1))).then(done, (e) => done({ __error: String(e) }));`,
      args,
    }).then((v) => {
      if (v && v.__error) throw new Error(v.__error);
      return v;
    });
  const close = async () => {
    if (session) await cmd("DELETE", "").catch(() => {});
    driver.kill();
  };

  try {
    await waitFor("geckodriver", () => fetch(`${driverUrl}/status`).then((r) => r.ok, () => false), 15_000);
    const created = await wd("POST", "/session", {
      capabilities: {
        alwaysMatch: {
          browserName: "firefox",
          "moz:firefoxOptions": { binary: FIREFOX, args: ["-headless", "-width", "1280", "-height", "900"], prefs },
        },
      },
    });
    session = created.sessionId;
  } catch (err) {
    await close();
    throw err;
  }
  return { cmd, run, close };
}

/**
 * Moves the pointer of `firefox` (from startFirefox) over `text` in the page and resolves to
 * the claim text of the popup that opens.
 */
export async function hoverText({ cmd, run }, text) {
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
