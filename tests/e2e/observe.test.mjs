// Pages that change: a page re-rendering its article every 100 ms for 10 s.
// The widget keeps re-scanning (bounded, not once per change), settles with
// the right highlights, and its own changes never re-trigger it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { VIEWPORT, installProbe, serverAndChromium, waitForReady, watchConsole } from "./helpers.mjs";

const EXPECTED = ["trump-greenland-control", "nato-no-withdrawal-plan", "lee-senate-nato-act"];

const env = serverAndChromium();

/** Claim ids whose highlight ranges sit on nodes still in the document. */
function liveMatches() {
  return window.factmark.matches().filter((m) => m.range.startContainer.isConnected && m.range.endContainer.isConnected).map((m) => m.claimId);
}

for (const mode of ["wrap", "highlight"]) {
  test(`a page re-rendering every 100 ms for 10 s (${mode} mode)`, { timeout: 60_000 }, async (t) => {
    const context = await env.browser.newContext({ viewport: VIEWPORT });
    t.after(() => context.close());
    await context.addInitScript(installProbe);
    // Count the widget's paint passes: in wrap mode each pass adds marks.
    await context.addInitScript(() => {
      window.__marksAdded = 0;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.nodeName === "FACTMARK-MARK") window.__marksAdded += 1;
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    const log = watchConsole(page);
    await page.goto(`${env.server.url}/tests/e2e/fixtures/rerender-${mode}.html`);
    await waitForReady(page);

    // While the page churns, the widget keeps finding the claims on live nodes.
    let sawLive = 0;
    for (let i = 0; i < 8; i++) {
      await page.waitForTimeout(1000);
      const live = await page.evaluate(liveMatches);
      if (EXPECTED.every((id) => live.includes(id))) sawLive += 1;
    }
    assert.ok(sawLive >= 3, `fresh highlights seen in only ${sawLive} of 8 samples during re-rendering`);

    await page.waitForFunction(() => window.__rerender.done, null, { timeout: 20_000 });
    await page.waitForTimeout(1000);
    const renders = await page.evaluate(() => window.__rerender.renders);
    assert.ok(renders >= 80, `the page re-rendered ${renders} times`);
    assert.deepEqual((await page.evaluate(liveMatches)).sort(), [...EXPECTED].sort(), "settled on the right highlights");

    if (mode === "wrap") {
      // Marks per pass: the three claims, split around the <em>.
      const perPass = await page.evaluate(() => document.querySelectorAll("factmark-mark").length);
      const passes = (await page.evaluate(() => window.__marksAdded)) / perPass;
      assert.ok(passes >= 10 && passes <= 40, `${passes} paint passes for ${renders} re-renders: bounded, not one per change`);
      // Settled: no further passes, so the widget's own changes do not re-trigger it.
      const before = await page.evaluate(() => window.__marksAdded);
      await page.waitForTimeout(1500);
      assert.equal(await page.evaluate(() => window.__marksAdded), before, "no feedback loop");
    }
    assert.deepEqual(log.errors, []);
  });
}

test("single-page-app navigation re-scans", async (t) => {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  t.after(() => context.close());
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  await page.goto(`${env.server.url}/tests/e2e/fixtures/wrap.html`);
  await waitForReady(page);
  const before = await page.evaluate(() => window.factmark.matches().length);
  // A router swaps the content and pushes a new URL.
  await page.evaluate(() => {
    document.getElementById("story").replaceChildren(
      Object.assign(document.createElement("p"), { textContent: "Trump recently claimed he wants control over Greenland." }),
    );
    history.pushState({}, "", "/next-article");
  });
  await page.waitForFunction((n) => window.factmark.matches().length !== n, before, { timeout: 5000 });
  assert.deepEqual(await page.evaluate(() => window.factmark.matches().map((m) => m.claimId)), ["trump-greenland-control"]);
});
