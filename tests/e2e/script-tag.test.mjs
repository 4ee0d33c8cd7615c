// End-to-end tests of the script-tag embedding (www/embed.js + pkg/) in headless Chromium.
//
// Pages: the demo (www/index.html, default options) and fixtures in ./fixtures that load
// embed.js with data- attributes. Fixtures load ./fixtures/capture.js (deferred, so it runs
// after parsing and before the module) to record document.body.innerHTML for the
// unmount checks.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  ARTICLE_CLAIM_IDS,
  GREENLAND,
  REPO_ROOT,
  VIEWPORT,
  assertEarlyRulesTakenOver,
  assertPolicyEnforced,
  checkPopupContent,
  earlyRules,
  holdUntilRules,
  hoverGreenland,
  installProbe,
  popupLocator,
  readPopup,
  serverAndChromium,
  waitForReady,
  waitForWidget,
  watchConsole,
} from "./helpers.mjs";

/** The bundled dataset; tests that serve a changed copy use structuredClone(DATASET). */
const DATASET = JSON.parse(readFileSync(path.join(REPO_ROOT, "data/claims.json"), "utf8"));
const claimById = (id) => DATASET.claims.find((c) => c.id === id);
const claimText = (id) => claimById(id).claim;

const env = serverAndChromium();

/**
 * Opens `urlPath` in a fresh context with the probe installed. `routes` maps a URL path
 * to a body served instead of the file (to feed the loader other datasets).
 */
async function open(t, urlPath, { routes = {} } = {}) {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  t.after(() => context.close());
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  const log = watchConsole(page);
  const requested = [];
  page.on("request", (req) => requested.push(new URL(req.url()).pathname));
  for (const [routePath, answer] of Object.entries(routes)) {
    // A string is a JSON body; an object is the whole answer ({ status, body, … }).
    const fulfill = typeof answer === "string" ? { status: 200, contentType: "application/json", body: answer } : answer;
    await page.route(`${env.server.url}${routePath}`, (route) => route.fulfill(fulfill));
  }
  const response = await page.goto(env.server.url + urlPath);
  assert.equal(response.status(), 200, `GET ${urlPath}`);
  return { page, log, response, requested };
}

const matchedIds = (page) =>
  page.evaluate(() => [...new Set(window.factmark.matches().map((m) => m.claimId))].sort());

/** The claims matched in the demo's article itself (its readers' comments state related claims on purpose). */
const articleIds = (page) =>
  page.evaluate(() => {
    const article = document.querySelector("#article");
    const inArticle = window.factmark.matches().filter((m) => article.contains(m.range.commonAncestorContainer));
    return [...new Set(inArticle.map((m) => m.claimId))].sort();
  });

function assertNoConsoleErrors(log) {
  assert.deepEqual(log.errors, [], "no console errors or uncaught exceptions");
}

/** Checks that unmount() leaves document.body as capture.js recorded it. */
async function assertUnmountRestores(page) {
  const result = await page.evaluate(() => {
    window.factmark.unmount();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let textNodes = 0;
    while (walker.nextNode()) textNodes++;
    return { html: document.body.innerHTML, textNodes, before: window.__before };
  });
  assert.ok(result.before, "capture.js recorded the page before mount");
  assert.equal(result.html, result.before.html, "body.innerHTML is exactly as before mount");
  assert.equal(result.textNodes, result.before.textNodes, "text nodes are merged back (no split nodes left)");
}

describe("demo page, default options", () => {
  test("mounts, announces the count and matches all 27 article claims", async (t) => {
    const { page, log } = await open(t, "/www/index.html");
    const ready = await waitForReady(page);
    const count = await page.evaluate(() => window.factmark.matches().length);
    assert.equal(ready.detail.count, count, "factmark:ready detail.count = matches().length");
    assert.equal(ready.detail.engine, "wasm", "factmark:ready detail.engine: WebAssembly where the page allows it");
    assert.equal(await page.evaluate(() => window.factmark.engine), "wasm");
    const ids = await matchedIds(page);
    const missing = ARTICLE_CLAIM_IDS.filter((id) => !ids.includes(id));
    assert.deepEqual(missing, [], "every article claim is matched");
    assertNoConsoleErrors(log);
  });

  test("matches nothing but the article's claims (no false positives)", async (t) => {
    const { page } = await open(t, "/www/index.html");
    await waitForReady(page);
    const extra = (await articleIds(page)).filter((id) => !ARTICLE_CLAIM_IDS.includes(id));
    assert.deepEqual(extra, [], "no claim outside C01–C27 is matched on the demo article");
  });

  test("renders in its default mode, highlight, and skips the data-factmark-ignore footer", async (t) => {
    const { page } = await open(t, "/www/index.html");
    await waitForReady(page);
    const info = await page.evaluate(() => {
      const ranges = [...CSS.highlights.values()].flatMap((h) => [...h]);
      const inIgnored = (range) => range.startContainer.parentElement.closest("[data-factmark-ignore]") !== null;
      return {
        mode: window.factmark.mode,
        wrappers: document.querySelectorAll("factmark-mark").length,
        ranges: ranges.length,
        ignoredRanges: ranges.filter(inIgnored).length,
        ignoredMatches: window.factmark.matches().filter((m) => inIgnored(m.range)).map((m) => m.claimId),
      };
    });
    // The contract: "highlight" where the CSS Custom Highlight API exists (it does in Chromium).
    assert.equal(info.mode, "highlight");
    assert.equal(info.wrappers, 0, "highlight mode adds no factmark-mark elements");
    assert.ok(info.ranges >= ARTICLE_CLAIM_IDS.length, `highlight ranges registered (${info.ranges})`);
    // The footer repeats the Greenland claim's wording: it must not be matched there.
    assert.equal(info.ignoredRanges, 0, "no highlight inside data-factmark-ignore");
    assert.deepEqual(info.ignoredMatches, [], "no match inside data-factmark-ignore");
  });

  test("hovering a claim opens its popup; Escape closes it", async (t) => {
    const { page, log } = await open(t, "/www/index.html");
    await waitForReady(page);
    await hoverGreenland(page);
    await page.keyboard.press("Escape");
    await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });
    assertNoConsoleErrors(log);
  });

  for (const csp of ["strict", "tt"]) {
    test(`works under ?csp=${csp} with zero securitypolicyviolation events`, async (t) => {
      const { page, log, response } = await open(t, `/www/index.html?csp=${csp}`);
      const header = response.headers()["content-security-policy"] ?? "";
      assert.match(header, /script-src 'self' 'wasm-unsafe-eval'/, "the server sent the policy");
      if (csp === "tt") assert.match(header, /require-trusted-types-for 'script'/);
      await waitForReady(page);
      const ids = await matchedIds(page);
      assert.deepEqual(ARTICLE_CLAIM_IDS.filter((id) => !ids.includes(id)), [], "every article claim is matched");
      await hoverGreenland(page);
      assert.deepEqual(await page.evaluate(() => window.__probe.violations), [], "no CSP violations");
      assert.equal(await page.evaluate(() => window.factmark.engine), "wasm");
      assertNoConsoleErrors(log);
      await assertPolicyEnforced(page);
    });
  }
});

// ?csp=nowasm: default-src 'self'; script-src 'self'; style-src 'self' (no 'wasm-unsafe-eval').
describe("a page whose CSP forbids WebAssembly: the JavaScript engine", () => {
  const isWasm = (p) => p.endsWith(".wasm");

  test("the loader falls back to the JavaScript engine: every claim, the popup, one reported probe", async (t) => {
    const { page, log, response, requested } = await open(t, "/www/index.html?csp=nowasm");
    assert.doesNotMatch(response.headers()["content-security-policy"], /wasm-unsafe-eval/, "the server sent the policy");
    const ready = await waitForReady(page);
    assert.equal(ready.detail.engine, "js", "factmark:ready detail.engine");
    assert.equal(await page.evaluate(() => window.factmark.engine), "js");
    const ids = await matchedIds(page);
    assert.deepEqual(ARTICLE_CLAIM_IDS.filter((id) => !ids.includes(id)), [], "every article claim is matched");
    assert.deepEqual((await articleIds(page)).filter((id) => !ARTICLE_CLAIM_IDS.includes(id)), [], "and nothing else in the article");
    assert.equal(await page.evaluate(() => window.factmark.mode), "highlight");
    await hoverGreenland(page);
    // The browser reports the refused 8-byte probe module; nothing else is refused.
    const violations = await page.evaluate(() => window.__probe.violations);
    assert.equal(violations.length, 1, `one violation: ${violations.join("; ")}`);
    assert.match(violations[0], /^script-src blocked wasm-eval at .*\/www\/embed\.js:/);
    assert.ok(requested.includes("/pkg-js/factmark_bg.wasm.js"), "the JavaScript engine was loaded");
    assert.deepEqual(requested.filter(isWasm), [], "the .wasm was never downloaded");
    assertNoConsoleErrors(log);
  });

  test('data-engine="js": zero CSP violations, no WebAssembly, and unmount() restores the page', async (t) => {
    const { page, log, requested } = await open(t, "/tests/e2e/fixtures/engine-js.html?csp=nowasm");
    const ready = await waitForReady(page);
    assert.equal(ready.detail.engine, "js");
    assert.ok(ready.detail.count >= 6, `claims found (${ready.detail.count})`);
    await hoverGreenland(page);
    await page.keyboard.press("Escape");
    await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });
    assert.deepEqual(await page.evaluate(() => window.__probe.violations), [], "no CSP violations");
    assert.ok(!requested.some((p) => p.startsWith("/pkg/")), "nothing of the WebAssembly engine was loaded");
    assertNoConsoleErrors(log);
    await assertUnmountRestores(page);
    await assertPolicyEnforced(page);
  });

  test('data-engine="wasm" never falls back: the loader reports that WebAssembly is not allowed', async (t) => {
    const { page } = await open(t, "/tests/e2e/fixtures/engine-wasm.html?csp=nowasm");
    const event = await waitForWidget(page);
    assert.equal(event.type, "factmark:error");
    assert.match(event.detail.message, /Content-Security-Policy does not allow WebAssembly.*'wasm-unsafe-eval'.*data-engine="wasm"/);
    assert.equal(await page.evaluate(() => window.factmark), null);
    assert.equal(await page.evaluate(() => document.querySelector("factmark-ui")), null);
    assert.equal(await page.evaluate(() => document.body.innerHTML === window.__before.html), true, "the page is untouched");
  });

  test("when the JavaScript engine cannot load either, the loader says so and the page is untouched", async (t) => {
    const { page } = await open(t, "/www/index.html?csp=nowasm", {
      routes: { "/pkg-js/factmark.js": { status: 404, contentType: "text/plain", body: "not found\n" } },
    });
    const before = await page.evaluate(() => document.body.innerHTML);
    const event = await waitForWidget(page);
    assert.equal(event.type, "factmark:error");
    assert.match(event.detail.message, /does not allow WebAssembly, and the JavaScript engine did not load from .*\/pkg-js\/factmark\.js/);
    assert.equal(await page.evaluate(() => window.factmark), null);
    assert.equal(await page.evaluate(() => document.querySelector("factmark-ui")), null);
    assert.equal(await page.evaluate(() => document.body.innerHTML), before);
  });
});

describe("fixture: data-mode=wrap data-observe=true", () => {
  test("marks cross inline elements and the first segment of each claim is focusable", async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/wrap.html");
    await waitForReady(page);
    const info = await page.evaluate(() => {
      const marks = [...document.querySelectorAll("factmark-mark")];
      const byClaim = {};
      for (const m of marks) (byClaim[m.dataset.factmarkClaim] ??= []).push(m);
      const cuts = byClaim["us-cuts-200-nato-posts"] ?? [];
      return {
        ids: Object.keys(byClaim).sort(),
        ratingsSet: marks.every((m) => m.dataset.factmarkRating),
        firstFocusable: Object.entries(byClaim)
          .filter(([, ms]) => ms[0].getAttribute("tabindex") !== "0")
          .map(([id]) => id),
        cutsSegments: cuts.length,
        cutsText: cuts.map((m) => m.textContent).join(""),
        cutsInsideBold: cuts.some((m) => m.parentElement.tagName === "B"),
        ignored: document.querySelectorAll("aside factmark-mark").length,
      };
    });
    for (const id of ["nato-debate-shift", "massie-nato-act", "massie-cold-war-relic", "nato-no-withdrawal-plan", "us-cuts-200-nato-posts", "trump-greenland-control"]) {
      assert.ok(info.ids.includes(id), `${id} is marked`);
    }
    assert.ok(!info.ids.includes("lee-senate-nato-act"), "the data-factmark-ignore aside is not marked");
    assert.equal(info.ignored, 0);
    assert.ok(info.ratingsSet, "every mark carries data-factmark-rating");
    assert.deepEqual(info.firstFocusable, [], "first segment of each claim has tabindex=0");
    assert.ok(info.cutsSegments >= 3, `the <b>200</b> claim is split around <b> (${info.cutsSegments} segments)`);
    assert.ok(info.cutsInsideBold, "one segment sits inside the <b>");
    assert.ok(info.cutsText.includes("approximately 200 U.S. personnel positions"), "segments cover the text across <b>");
    const rating = await page.evaluate(() => document.querySelector('factmark-mark[data-factmark-claim="trump-greenland-control"]').dataset.factmarkRating);
    assert.equal(rating, claimById(GREENLAND.id).rating, "data-factmark-rating is the claim's rating");
    await hoverGreenland(page);
    assertNoConsoleErrors(log);
  });

  test("every popup says first what its passage does, and how current the facts are (outdated past the claim's window)", async (t) => {
    const { page, log } = await open(t, "/www/index.html");
    await waitForReady(page);
    const matches = await page.evaluate(() =>
      window.factmark.matches().map(({ claimId, stance, confidence, rating }) => ({ claimId, stance, confidence, rating })),
    );
    // Days from a YYYY[-MM[-DD]] date (its first day) to the reader's today, as the popup counts them.
    const today = await page.evaluate(() => {
      const d = new Date();
      return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
    });
    const daysSince = (date) => {
      const [y, m = 1, d = 1] = date.split("-").map(Number);
      return Math.round((today - Date.UTC(y, m - 1, d)) / 86_400_000);
    };
    const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let outdated = 0;
    let disputing = 0;
    for (const [i, m] of matches.entries()) {
      await page.keyboard.press("Alt+Shift+ArrowDown");
      await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
      const popup = await readPopup(page);
      const claim = claimById(m.claimId);
      assert.ok(popup.claim.includes(claim.claim), `popup ${i} shows ${m.claimId}`);
      // The demo's Chinese comments get Chinese popups.
      const zh = popup.lang === "zh";
      const [repeats, disputes, mayRefer] = zh
        ? ["这段文字重复了一个被评为", "这段文字反驳了一个被评为", "这段文字可能涉及"]
        : ["This passage repeats a claim rated ", "This passage disputes a claim rated ", "This passage may refer to a claim rated "];
      const start = m.confidence !== "high" ? mayRefer : m.stance === "disputes" ? disputes : repeats;
      assert.ok(popup.title.startsWith(start), `${m.claimId} (${m.stance}, ${m.confidence}): ${popup.title}`);
      assert.ok(popup.title.includes(popup.rating), `${m.claimId}: the rating is in the title`);
      if (m.stance === "disputes") {
        disputing++;
        if (["opinion", "unverified"].includes(m.rating)) assert.ok(!popup.title.includes("agrees"), popup.title);
        // Sam's comment corrects a misleading claim: the fact-check agrees with it.
        if (m.claimId === "us-pays-most-of-nato-budget") assert.ok(popup.title.endsWith("the fact-check agrees with it"), popup.title);
      }
      const [y, mo] = claim.asOf.split("-");
      const month = zh ? (mo ? `事实截至：${y}年${Number(mo)}月` : `事实截至：${y}年`) : `Facts as of ${mo ? `${MONTHS[Number(mo) - 1]} ${y}` : y}`;
      assert.ok(popup.asOf.startsWith(`${month} · `), `${m.claimId}: ${popup.asOf}`);
      assert.ok(!/ago|前/.test(popup.reviewed), `the age goes with the facts, not the review: ${popup.reviewed}`);
      const window = claim.staleAfterDays ?? DATASET.staleAfterDays;
      const stale = daysSince(claim.asOf) > window;
      const outdatedLine = zh
        ? "这些事实可能已经过时，请查看来源，了解最新情况。"
        : "These facts may be out of date: check the sources for newer information.";
      assert.equal(popup.outdated, stale ? outdatedLine : null, `${m.claimId}: asOf ${claim.asOf}, window ${window} days`);
      if (stale) outdated++;
    }
    assert.ok(matches.length >= 27, `${matches.length} popups read`);
    assert.ok(disputing >= 2, "the demo's disputing and correcting comments are among them");
    // The dataset's windows and the demo's date make both kinds appear (the
    // research stops in mid-2026; this holds from 2026-12 on).
    assert.ok(outdated > 0 && outdated < matches.length, `${outdated} of ${matches.length} popups say the facts may be out of date`);
    assertNoConsoleErrors(log);
  });

  test("a disputing passage has its own highlight style and accessible label, in both modes", async (t) => {
    const { page, log } = await open(t, "/www/index.html");
    await waitForReady(page);
    const found = await page.evaluate(() => {
      const ms = window.factmark.matches().filter((x) => x.stance === "disputes");
      const names = [...CSS.highlights.keys()].filter((n) => n.startsWith("factmark-") && n.endsWith("-disputes"));
      const h = names.length === 1 ? CSS.highlights.get(names[0]) : null;
      const inDisputes = h ? ms.every((m) => [...h].some((r) => r.toString() === m.range.toString())) : false;
      const p = ms[0].range.startContainer.parentElement;
      const line = getComputedStyle(p, `::highlight(${names[0]})`).textDecorationLine;
      return { claimIds: ms.map((m) => m.claimId).sort(), names, inDisputes, line, size: h?.size };
    });
    // Priya's comment denies a claim; Sam's states the fact that corrects another.
    assert.deepEqual(found.claimIds, ["nato-fighting-russia", "us-pays-most-of-nato-budget"], "the demo's disputing and correcting comments");
    assert.equal(found.names.length, 1, `one highlight for disputing passages: ${found.names}`);
    assert.ok(found.inDisputes, "the disputing passages are painted by it");
    assert.equal(found.size, 2, "and nothing else is");
    assert.match(found.line, /overline/);
    assertNoConsoleErrors(log);

    // Wrap mode (the fixture observes): the same comment added to its article.
    const wrapped = await open(t, "/tests/e2e/fixtures/wrap.html");
    await waitForReady(wrapped.page);
    await wrapped.page.evaluate((text) => {
      const p = document.createElement("p");
      p.textContent = text;
      document.querySelector("#story").append(p);
    }, "It is false that NATO is fighting Russia: arming Ukraine does not make the alliance a party to the war.");
    await wrapped.page.waitForSelector('factmark-mark[data-factmark-stance="disputes"]', { timeout: 10_000 });
    const marks = await wrapped.page.evaluate(() =>
      [...document.querySelectorAll("factmark-mark[aria-label]")].map((m) => ({
        stance: m.dataset.factmarkStance ?? "states",
        label: m.getAttribute("aria-label"),
        line: getComputedStyle(m).textDecorationLine,
      })),
    );
    assert.ok(marks.length >= 5, `${marks.length} claims`);
    assert.equal(marks.filter((m) => m.stance === "disputes").length, 1);
    for (const m of marks) {
      assert.match(m.label, m.stance === "disputes" ? /\(fact-check: (disputes|may refer to) a claim rated .*\)$/ : /\(fact-check: (repeats|may refer to) a claim rated [^,]*\)$/, m.label);
      assert.equal(/overline/.test(m.line), m.stance === "disputes", `${m.label}: ${m.line}`);
    }
    assertNoConsoleErrors(wrapped.log);
  });

  test("Tab reaches a mark and opens its popup; Escape closes it and keeps focus there", async (t) => {
    const { page } = await open(t, "/tests/e2e/fixtures/wrap.html");
    await waitForReady(page);
    let focused = null;
    for (let i = 0; i < 40 && !focused; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement?.closest("factmark-mark")?.dataset.factmarkClaim ?? null);
    }
    assert.ok(focused, "Tab reaches a factmark-mark");
    await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
    const popup = await readPopup(page);
    assert.ok(popup.claim.includes(claimText(focused)), `popup shows the focused claim (${focused})`);
    await page.keyboard.press("Escape");
    await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });
    const stillFocused = await page.evaluate(() => document.activeElement?.closest("factmark-mark")?.dataset.factmarkClaim ?? null);
    assert.equal(stillFocused, focused, "focus stays on (or returns to) the mark");
  });

  test("unmount() restores document.body exactly", async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/wrap.html");
    await waitForReady(page);
    assert.ok(await page.evaluate(() => document.querySelectorAll("factmark-mark").length > 0));
    assert.ok(await page.evaluate(() => document.querySelector("factmark-ui") !== null), "<factmark-ui> host added");
    await assertUnmountRestores(page);
    assertNoConsoleErrors(log);
  });

  test("claims added to the page later are marked (observe)", async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/wrap.html");
    await waitForReady(page);
    await page.evaluate(() => {
      const p = document.createElement("p");
      p.textContent = "Maguire also said that NATO's decision-making process is removed from the direct influence of U.S. voters.";
      document.querySelector("#story").append(p);
    });
    await page.waitForSelector('factmark-mark[data-factmark-claim="nato-removed-from-voters"]', { timeout: 10_000 });
    assert.ok((await matchedIds(page)).includes("nato-removed-from-voters"), "matches() includes the new claim");
    assertNoConsoleErrors(log);
  });
});

describe("fixture: data-mode=highlight data-observe=false", () => {
  test("paints CSS highlights without wrapping, and hover opens the popup", async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/highlight.html");
    await waitForReady(page);
    const info = await page.evaluate(() => {
      const story = document.querySelector("#story");
      const ranges = [...CSS.highlights.values()].flatMap((h) => [...h]);
      return {
        wrappers: document.querySelectorAll("factmark-mark").length,
        ranges: ranges.length,
        outside: ranges.filter((r) => !story.contains(r.commonAncestorContainer)).length,
        matches: window.factmark.matches().length,
      };
    });
    assert.equal(info.wrappers, 0, "no factmark-mark wrappers in highlight mode");
    assert.ok(info.ranges >= info.matches && info.matches >= 6, `highlight ranges painted (${info.ranges} ranges, ${info.matches} matches)`);
    assert.equal(info.outside, 0, "no highlight in the data-factmark-ignore aside");
    await hoverGreenland(page);
    await page.keyboard.press("Escape");
    await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });
    assertNoConsoleErrors(log);
  });

  test("Alt+Shift+ArrowDown / ArrowUp move between claims in document order", async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/highlight.html");
    await waitForReady(page);
    const step = async (key) => {
      await page.keyboard.press(key);
      await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
      return (await readPopup(page)).claim;
    };
    const first = await step("Alt+Shift+ArrowDown");
    assert.ok(first.includes(claimText("nato-debate-shift")), "first claim in the page");
    const second = await step("Alt+Shift+ArrowDown");
    assert.ok(second.includes(claimText("massie-nato-act")), "second claim in the page");
    const back = await step("Alt+Shift+ArrowUp");
    assert.equal(back, first, "ArrowUp goes back");
    await page.keyboard.press("Escape");
    await popupLocator(page).waitFor({ state: "hidden", timeout: 5_000 });
    assertNoConsoleErrors(log);
  });

  test("unmount() restores document.body exactly and removes the highlights", async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/highlight.html");
    await waitForReady(page);
    assert.ok(await page.evaluate(() => CSS.highlights.size > 0));
    await assertUnmountRestores(page);
    assert.equal(await page.evaluate(() => CSS.highlights.size), 0, "highlights unregistered");
    assertNoConsoleErrors(log);
  });
});

describe("fixture: loader async in <head> (early.html)", () => {
  test("adds the highlight rules before the content is parsed, and the mount takes them over", async (t) => {
    const context = await env.browser.newContext({ viewport: VIEWPORT });
    t.after(() => context.close());
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    const log = watchConsole(page);
    await holdUntilRules(page, env.server.url);
    await page.goto(env.server.url + "/tests/e2e/fixtures/early.html");
    await waitForReady(page);
    assertEarlyRulesTakenOver(await earlyRules(page));
    assert.deepEqual(await page.evaluate(() => window.factmark.matches().map((m) => m.claimId)), [GREENLAND.id]);
    await assertUnmountRestores(page);
    assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0, "unmount removed the early rules");
    assertNoConsoleErrors(log);
  });
});

describe("loader options", () => {
  test("data-root limits the scan and data-dataset is fetched", async (t) => {
    const { page, log, requested } = await open(t, "/tests/e2e/fixtures/options.html");
    await waitForReady(page);
    assert.ok(requested.includes("/data/claims.json"), "the dataset URL was fetched");
    const ids = await matchedIds(page);
    assert.ok(ids.includes("trump-greenland-control") && ids.includes("us-cuts-200-nato-posts"), "claims inside the root are matched");
    assert.ok(!ids.includes("lee-senate-nato-act"), "the sentence outside data-root is not matched");
    assertNoConsoleErrors(log);
  });

  test("the fetched dataset replaces the bundled one", async (t) => {
    const dataset = structuredClone(DATASET);
    dataset.claims = dataset.claims.filter((c) => c.id === GREENLAND.id);
    const { page, log } = await open(t, "/tests/e2e/fixtures/options.html", {
      routes: { "/data/claims.json": JSON.stringify(dataset) },
    });
    await waitForReady(page);
    assert.deepEqual(await matchedIds(page), [GREENLAND.id], "only the one claim of the served dataset is matched");
    assertNoConsoleErrors(log);
  });

  test("an invalid dataset gives factmark:error naming the path, window.factmark = null, no exception", async (t) => {
    const dataset = structuredClone(DATASET);
    dataset.claims[1].sources[0].url = "javascript:alert(1)";
    const { page, log } = await open(t, "/tests/e2e/fixtures/options.html", {
      routes: { "/data/claims.json": JSON.stringify(dataset) },
    });
    const event = await waitForWidget(page);
    assert.equal(event.type, "factmark:error");
    assert.match(event.detail.message, /claims\[1\]\.sources\[0\]\.url/, `message names the path: ${event.detail.message}`);
    assert.equal(await page.evaluate(() => window.factmark), null);
    assert.ok(log.warnings.some((w) => w.startsWith("factmark: ") && w.includes("claims[1].sources[0].url")), "console.warn explains");
    assertNoConsoleErrors(log);
    const untouched = await page.evaluate(() => document.body.innerHTML === window.__before.html);
    assert.ok(untouched, "the page is left untouched");
  });

  test("a data-root that matches nothing gives factmark:error", async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/bad-root.html");
    const event = await waitForWidget(page);
    assert.equal(event.type, "factmark:error");
    assert.equal(event.detail.message, 'data-root: no element matches "#missing"');
    assert.equal(await page.evaluate(() => window.factmark), null);
    assert.ok(log.warnings.includes('factmark: data-root: no element matches "#missing"'));
    assertNoConsoleErrors(log);
  });
});

// reach.html: one claim in the page's own DOM, one in a web component's open shadow root,
// one in a same-origin srcdoc iframe; reach.js adds the loader with the query's attributes.
describe("loader options: data-shadow-roots and data-frames", () => {
  const LIGHT = "us-cuts-200-nato-posts";
  const SHADOW = GREENLAND.id;
  const FRAME = "lee-senate-nato-act";

  /** Where the widget's highlights are: the page's registry and the iframe's own. */
  const highlights = (page) =>
    page.evaluate(() => {
      const ranges = (win) => [...win.CSS.highlights.values()].flatMap((h) => [...h]);
      const frame = document.getElementById("frame").contentWindow;
      return {
        page: ranges(window).map((r) => ({ text: r.toString(), inShadow: r.startContainer.getRootNode() instanceof ShadowRoot })),
        frame: ranges(frame).map((r) => r.toString()),
      };
    });

  test("without them only the page's own DOM is checked", async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/reach.html?embed");
    await waitForReady(page);
    assert.deepEqual(await matchedIds(page), [LIGHT]);
    const found = await highlights(page);
    assert.equal(found.page.length, 1);
    assert.equal(found.frame.length, 0);
    assertNoConsoleErrors(log);
  });

  test('data-shadow-roots="true" finds the claim in the open shadow root, not the frame\'s', async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/reach.html?embed&shadow-roots=true");
    await waitForReady(page);
    assert.deepEqual(await matchedIds(page), [LIGHT, SHADOW].sort());
    const found = await highlights(page);
    assert.ok(found.page.some((r) => r.inShadow && r.text.includes(GREENLAND.text)), "a highlight range inside the shadow root");
    assert.equal(found.frame.length, 0, "the iframe is not read");
    // The popup opens from a claim inside the shadow root.
    const { x, y } = await page.evaluate(() => {
      const p = document.querySelector("claim-card").shadowRoot.querySelector("p");
      const range = document.createRange();
      range.selectNodeContents(p.firstChild);
      const box = range.getClientRects()[0];
      return { x: box.left + 40, y: box.top + box.height / 2 };
    });
    await page.mouse.move(x, y);
    await popupLocator(page).waitFor({ state: "visible", timeout: 5_000 });
    checkPopupContent(await readPopup(page), /Greenland/);
    assertNoConsoleErrors(log);
  });

  test('data-frames="true" with data-shadow-roots="true" finds all three, each once', async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/reach.html?embed&shadow-roots=true&frames=true");
    const ready = await waitForReady(page);
    assert.equal(ready.detail.count, 3, "factmark:ready counts the three claims");
    assert.deepEqual(await matchedIds(page), [LIGHT, SHADOW, FRAME].sort());
    const found = await highlights(page);
    assert.equal(found.page.length, 2, "two ranges in the page's registry (light DOM and shadow root)");
    assert.equal(found.frame.length, 1, "one in the iframe's own registry");
    assert.match(found.frame[0], /^Senator Mike Lee from Utah also submitted a similar proposal/);
    // unmount() takes everything back, in the shadow root and the frame too.
    const after = await page.evaluate(() => {
      window.factmark.unmount();
      const frame = document.getElementById("frame").contentWindow;
      return {
        ranges: [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0) + [...frame.CSS.highlights.values()].reduce((n, h) => n + h.size, 0),
        sheets: document.querySelector("claim-card").shadowRoot.adoptedStyleSheets.length + frame.document.adoptedStyleSheets.length,
      };
    });
    assert.deepEqual(after, { ranges: 0, sheets: 0 });
    assertNoConsoleErrors(log);
  });

  test('data-frames="true" alone finds the iframe\'s claim but not the shadow root\'s', async (t) => {
    const { page } = await open(t, "/tests/e2e/fixtures/reach.html?embed&frames=true");
    await waitForReady(page);
    assert.deepEqual(await matchedIds(page), [LIGHT, FRAME].sort());
  });

  test("a value other than true or false gives factmark:error", async (t) => {
    const { page, log } = await open(t, "/tests/e2e/fixtures/reach.html?embed&shadow-roots=yes");
    const event = await waitForWidget(page);
    assert.equal(event.type, "factmark:error");
    assert.equal(event.detail.message, 'data-shadow-roots must be "true" or "false", got "yes"');
    assert.equal(await page.evaluate(() => window.factmark), null);
    assertNoConsoleErrors(log);
  });
});

describe("ClaimReview input: www/claimreview.html", () => {
  test("a hand-written ClaimReview feed, converted by the CLI, validates and highlights", async (t) => {
    const { page, log } = await open(t, "/www/claimreview.html");
    await waitForReady(page);
    const ids = await matchedIds(page);
    assert.equal(new Set(ids).size, 7, `seven reviewed claims highlighted: ${ids}`);
    await hoverGreenland(page);
    const popup = await page.evaluate(() => {
      const d = document.querySelector("factmark-ui").shadowRoot.querySelector(".popup");
      return {
        rating: d.querySelector(".rating").textContent,
        reviews: [...d.querySelectorAll(".reviews li")].map((li) => li.textContent),
        links: [...d.querySelectorAll(".reviews a")].map((a) => a.href),
      };
    });
    assert.match(popup.rating, /True/);
    assert.equal(popup.reviews.length, 2, "two publishers' reviews, newest first");
    assert.match(popup.reviews[0], /^(Example Fact Desk|Sample Verify)/);
    assert.ok(popup.links.every((h) => h.startsWith("https://")));
    assertNoConsoleErrors(log);
  });

  test("the ClaimReview feed itself is refused with the remedy, and the page is left untouched", async (t) => {
    const { page, log } = await open(t, "/www/claimreview.html", {
      routes: { "/www/examples/claimreview-imported.json": readFileSync(path.join(REPO_ROOT, "www/examples/claimreview.json"), "utf8") },
    });
    const event = await waitForWidget(page);
    assert.equal(event.type, "factmark:error");
    assert.match(event.detail.message, /schema\.org ClaimReview JSON-LD, which the widget does not read.*factmark import/, event.detail.message);
    assert.equal(await page.evaluate(() => window.factmark), null);
    assertNoConsoleErrors(log);
  });
});
