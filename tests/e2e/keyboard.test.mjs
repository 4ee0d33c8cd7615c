// Keyboard and screen-reader users find the fact-checks without knowing a shortcut
// (issue 17), in headless Chromium with real key presses: on the demo (the script tag,
// highlight mode, the defaults) Tab from the top of the page reaches the widget's skip
// link within the first few stops; it shows and says how many claims there are; Enter
// opens the first claim's popup ("Claim 1 of N" and the keys), the keys move on, Escape
// comes back; the list of claims picks a claim by its text; the page's own DOM is never
// changed apart from the widget's own hosts (the skip link's <factmark-skip>, first in
// <body>, and the popup's <factmark-ui>, last); and with data-skip-link="false" nothing
// is added.
// (axe with the skip link focused: a11y.test.mjs.)
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  REPO_ROOT, VIEWPORT,
  installProbe, popupLocator, readPopup, serverAndChromium, waitForReady, watchConsole,
} from "./helpers.mjs";

const DATASET = JSON.parse(readFileSync(path.join(REPO_ROOT, "data/claims.json"), "utf8"));
const claimText = (id) => DATASET.claims.find((c) => c.id === id).claim;

const env = serverAndChromium();

/**
 * Runs in the page before its scripts: once the document is parsed (this listener runs
 * before the loader's, which waits for the same event before it mounts), records
 * body.innerHTML and then every change to the body's subtree, in window.__changes.
 */
function recordChanges() {
  const start = () => {
    window.__parsed = document.body.innerHTML;
    window.__changes = [];
    const name = (n) => (n.nodeType === 1 ? n.localName : `#${n.nodeName.replace(/^#/, "")}`);
    new MutationObserver((records) => {
      for (const r of records) {
        window.__changes.push(
          `${r.type} ${name(r.target)}${r.attributeName ? ` @${r.attributeName}` : ""}` +
            `${[...r.addedNodes].map((n) => ` +${name(n)}`).join("")}${[...r.removedNodes].map((n) => ` -${name(n)}`).join("")}`,
        );
      }
    }).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  };
  document.addEventListener("readystatechange", () => {
    if (document.readyState === "interactive") start();
  });
}

async function open(t, urlPath) {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  t.after(() => context.close());
  await context.addInitScript(installProbe);
  await context.addInitScript(recordChanges);
  const page = await context.newPage();
  const log = watchConsole(page);
  await page.goto(env.server.url + urlPath);
  const ready = await waitForReady(page);
  return { page, log, ready };
}

/** What has focus, looking into the widget's shadow roots: which of its controls, or the page's element. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const inner = el?.shadowRoot?.activeElement ?? null;
    if (el?.localName === "factmark-ui" || el?.localName === "factmark-skip") {
      if (!inner) return { widget: "host" };
      const what = inner.hasAttribute("data-factmark-jump")
        ? "jump"
        : inner.hasAttribute("data-factmark-list")
          ? "list"
          : inner.hasAttribute("data-factmark-item")
            ? `item ${inner.getAttribute("data-factmark-item")}`
            : inner.classList.contains("popup")
              ? "popup"
              : inner.localName;
      return { widget: what, text: inner.textContent };
    }
    return { page: el?.localName ?? null, text: el?.textContent?.trim().slice(0, 60) ?? null };
  });
}

/** Presses Tab until the widget's skip link has focus; returns how many presses it took (or null). */
async function tabToSkipLink(page, most) {
  for (let i = 1; i <= most; i++) {
    await page.keyboard.press("Tab");
    if ((await focused(page)).widget === "jump") return i;
  }
  return null;
}

/** The open popup's "Claim i of n" and keys, as shown and as read out. */
function position(page) {
  return page.evaluate(() => {
    const p = document.querySelector("factmark-ui").shadowRoot.querySelector(".popup[data-open] .position");
    return p && { at: p.querySelector(".at").textContent, keys: p.querySelector(".keys").textContent, spoken: p.querySelector(".sr-only").textContent };
  });
}

/** The claim ids of the matches, in page order. */
const matchIds = (page) => page.evaluate(() => window.factmark.matches().map((m) => m.claimId));

/**
 * Asserts that the page's own DOM is as parsed: the only changes are the widget's own
 * hosts, the skip link's first in <body> and the popup's last, each added once.
 */
async function assertOnlyTheHosts(page) {
  const dom = await page.evaluate(() => {
    const body = document.body.cloneNode(true);
    for (const host of body.querySelectorAll("factmark-ui, factmark-skip")) host.remove();
    return {
      first: document.body.firstChild?.localName ?? null,
      last: document.body.lastChild?.localName ?? null,
      hosts: document.querySelectorAll("factmark-ui, factmark-skip").length,
      unchanged: body.innerHTML === window.__parsed,
      changes: window.__changes,
    };
  });
  assert.equal(dom.hosts, 2);
  assert.equal(dom.first, "factmark-skip", "the skip link's host goes first in <body>");
  assert.equal(dom.last, "factmark-ui", "the popup's last");
  assert.ok(dom.unchanged, "apart from the hosts, <body> is exactly as parsed");
  assert.deepEqual(dom.changes, ["childList body +factmark-ui", "childList body +factmark-skip"], "the only changes to the page: the hosts, added once");
}

describe("the demo (script tag, highlight mode)", () => {
  test("Tab reaches the skip link first; it counts the claims; Enter opens the first claim's popup; the keys move on; Escape comes back", async (t) => {
    const { page, log, ready } = await open(t, "/www/index.html");
    assert.equal(await page.evaluate(() => window.factmark.mode), "highlight");
    const ids = await matchIds(page);
    const n = ids.length;
    assert.equal(ready.detail.count, n);

    const stops = await tabToSkipLink(page, 3);
    assert.ok(stops !== null, "Tab from the top of the page reaches the skip link within 3 stops");
    assert.equal(stops, 1, "it is the first stop");
    const link = page.locator("factmark-skip button[data-factmark-jump]");
    assert.equal(await link.textContent(), `Fact-checks: ${n} claims on this page. Go to the first`);
    // Focused, it is shown, inside the viewport.
    assert.ok(await link.isVisible(), "shown once focused");
    const box = await link.boundingBox();
    assert.ok(box.width > 100 && box.height >= 20 && box.x >= 0 && box.y >= 0 && box.x + box.width <= VIEWPORT.width, JSON.stringify(box));

    await page.keyboard.press("Enter");
    await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
    assert.ok((await readPopup(page)).claim.includes(claimText(ids[0])), "the first claim's popup");
    assert.equal((await focused(page)).widget, "popup", "focus is in the popup");
    assert.deepEqual(await position(page), {
      at: `Claim 1 of ${n}`,
      keys: " · Next: Alt+Shift+↓ · Previous: Alt+Shift+↑ · Close: Esc",
      spoken: ". Next claim: Alt+Shift+Down arrow. Previous claim: Alt+Shift+Up arrow. Close: Escape.",
    });
    // The dialog's description is that line: read out when focus moves in.
    assert.equal(await page.evaluate(() => document.querySelector("factmark-ui").shadowRoot.querySelector(".popup").getAttribute("aria-describedby")), "fm-position");

    await page.keyboard.press("Alt+Shift+ArrowDown");
    await page.waitForFunction((want) => document.querySelector("factmark-ui").shadowRoot.querySelector(".popup[data-open] .position .at")?.textContent === want, `Claim 2 of ${n}`, { timeout: 5_000 });
    assert.ok((await readPopup(page)).claim.includes(claimText(ids[1])), "the second claim's popup");

    await page.keyboard.press("Escape");
    await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });
    assert.equal((await focused(page)).widget, "jump", "Escape brings focus back to the skip link");
    // From there the keys go on from the claim last read.
    await page.keyboard.press("Alt+Shift+ArrowDown");
    await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
    assert.equal((await position(page)).at, `Claim 3 of ${n}`);
    await page.keyboard.press("Escape");
    await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });

    // Tab on leaves the widget for the page's own first stop (its own skip link).
    await page.keyboard.press("Tab");
    assert.equal((await focused(page)).widget, "list", "the list's button is next, beside the skip link");
    await page.keyboard.press("Tab");
    assert.deepEqual(await focused(page), { page: "a", text: "Skip to the article" });
    const bar = await page.evaluate(() => document.querySelector("factmark-skip").shadowRoot.querySelector(".bar").getBoundingClientRect().width);
    assert.ok(bar <= 1, `hidden again once focus left (${bar}px wide)`);

    await assertOnlyTheHosts(page);
    assert.deepEqual(log.errors, []);
  });

  test("the list of claims: every claim by its text; picking one opens its popup; Escape comes back to it", async (t) => {
    const { page, log } = await open(t, "/www/index.html");
    const matches = await page.evaluate(() => window.factmark.matches().map((m) => ({ id: m.claimId, text: m.text, stance: m.stance })));
    const n = matches.length;
    assert.equal(await tabToSkipLink(page, 3), 1);
    await page.keyboard.press("Tab");
    const toggle = page.locator("factmark-skip button[data-factmark-list]");
    assert.equal((await focused(page)).widget, "list");
    assert.equal(await toggle.textContent(), `List all ${n} claims`);
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    await page.keyboard.press("Enter");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");

    const items = await page.evaluate(() => {
      const list = document.querySelector("factmark-skip").shadowRoot.querySelector("ul");
      return {
        role: list.getAttribute("role"),
        visible: list.getClientRects().length > 0,
        items: [...list.querySelectorAll("li > button")].map((b) => ({ passage: b.querySelector(".passage").textContent, name: b.textContent })),
      };
    });
    assert.equal(items.role, null, "a plain list: no landmark, no dialog");
    assert.ok(items.visible);
    assert.equal(items.items.length, n, "every claim is listed");
    items.items.forEach((item, i) => {
      const text = matches[i].text.trim();
      const shown = item.passage.replace(/…$/, "");
      assert.ok(text.startsWith(shown) && shown.length >= Math.min(text.length, 100), `item ${i}: "${item.passage}" is the passage "${text}"`);
      assert.match(item.name, matches[i].stance === "disputes" ? / \(fact-check: (disputes|may refer to) a claim rated [^)]*\)$/ : / \(fact-check: (repeats|may refer to) a claim rated [^,)]*\)$/, item.name);
    });

    // Tab to the third claim of the list, and open it.
    for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
    assert.equal((await focused(page)).widget, "item 2");
    await page.keyboard.press("Enter");
    await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
    assert.equal((await position(page)).at, `Claim 3 of ${n}`);
    assert.ok((await readPopup(page)).claim.includes(claimText(matches[2].id)));
    assert.equal((await focused(page)).widget, "popup");
    await page.keyboard.press("Escape");
    await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });
    assert.equal((await focused(page)).widget, "item 2", "Escape comes back to the claim in the list");
    // Escape again closes the list, focus on its button.
    await page.keyboard.press("Escape");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.equal((await focused(page)).widget, "list");

    await assertOnlyTheHosts(page);
    assert.deepEqual(log.errors, []);
  });
});

describe('data-skip-link="false"', () => {
  test("nothing is added: no skip link, the popup's host last in <body> as before, the page's own first stop first", async (t) => {
    const { page, log, ready } = await open(t, "/tests/e2e/fixtures/no-skip-link.html");
    assert.ok(ready.detail.count >= 6, `claims found (${ready.detail.count})`);
    const dom = await page.evaluate(() => {
      const host = document.querySelector("factmark-ui");
      const body = document.body.cloneNode(true);
      body.querySelector("factmark-ui")?.remove();
      return {
        last: document.body.lastElementChild === host,
        skip: document.querySelectorAll("factmark-skip").length,
        controls: host.shadowRoot.querySelectorAll(".bar, [data-factmark-jump], [data-factmark-list], ul").length,
        parts: [...host.shadowRoot.children].map((c) => c.className),
        unchanged: body.innerHTML === window.__before.html,
        changes: window.__changes,
      };
    });
    assert.ok(dom.last, "the host goes last in <body>");
    assert.equal(dom.skip, 0, "no skip link");
    assert.equal(dom.controls, 0, "no list");
    assert.deepEqual(dom.parts, ["popup", "sr-only"], "only the popup and the live region");
    assert.ok(dom.unchanged);
    assert.deepEqual(dom.changes, ["childList body +factmark-ui"]);
    await page.keyboard.press("Tab");
    assert.deepEqual(await focused(page), { page: "a", text: "Thomas Massie" }, "the first stop is the page's own first link");
    // The keys still work, and the popup says where it is.
    await page.keyboard.press("Alt+Shift+ArrowDown");
    await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
    assert.equal((await position(page)).at, `Claim 1 of ${ready.detail.count}`);
    assert.deepEqual(log.errors, []);
  });
});
