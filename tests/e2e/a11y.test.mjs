// Accessibility: axe-core finds no violation on the demo page with highlights
// shown and a popup open, in both modes (highlight: the demo; wrap: a fixture), nor
// with the skip link focused or its list of claims open;
// the popup animates only when the reader has not asked for reduced motion; in
// forced-colors mode highlights, marks and the popup use system colours.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  GREENLAND, REPO_ROOT, VIEWPORT,
  installProbe, pointAtText, popupLocator, serverAndChromium, waitForReady,
} from "./helpers.mjs";

const AXE = path.join(REPO_ROOT, "node_modules/axe-core/axe.min.js");

const env = serverAndChromium();

/** Runs axe on the whole page (open shadow roots included) and returns readable violations. */
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const [mode, urlPath] of [["highlight", "/www/index.html"], ["wrap", "/tests/e2e/fixtures/wrap.html"]]) {
  test(`axe finds no violation in ${mode} mode with a popup open`, async (t) => {
    const context = await env.browser.newContext({ viewport: VIEWPORT });
    t.after(() => context.close());
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    await page.goto(env.server.url + urlPath);
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

test("axe finds no violation with the skip link focused, nor with its list of claims open", async (t) => {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  t.after(() => context.close());
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  await page.goto(env.server.url + "/www/index.html");
  await waitForReady(page);
  const focusedControl = () =>
    page.evaluate(() => {
      const inner = document.activeElement?.shadowRoot?.activeElement;
      return inner?.hasAttribute("data-factmark-jump") ? "jump" : inner?.hasAttribute("data-factmark-list") ? "list" : null;
    });
  await page.keyboard.press("Tab");
  assert.equal(await focusedControl(), "jump", "the skip link has focus");
  assert.ok(await page.locator("factmark-skip button[data-factmark-jump]").isVisible());
  let found = await violations(page);
  assert.deepEqual(found, [], `axe violations with the skip link focused:\n${found.join("\n")}`);
  assert.equal(await focusedControl(), "jump", "still focused after the audit");

  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("factmark-skip button[data-factmark-list]").getAttribute("aria-expanded"), "true");
  found = await violations(page);
  assert.deepEqual(found, [], `axe violations with the list open:\n${found.join("\n")}`);
});

const FIXTURES = [["highlight", "/tests/e2e/fixtures/highlight.html"], ["wrap", "/tests/e2e/fixtures/wrap.html"]];

/** A fixture page with emulated media features, the widget ready and Greenland's popup open by hover. */
async function withPopup(t, urlPath, media) {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  t.after(() => context.close());
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  await page.emulateMedia(media);
  await page.goto(env.server.url + urlPath);
  await waitForReady(page);
  const { x, y } = await pointAtText(page, GREENLAND.text);
  await page.mouse.move(x, y);
  await popupLocator(page).waitFor({ state: "visible" });
  return page;
}

/** The computed colours of system colour keywords, as this page resolves them. */
function systemColors(page) {
  return page.evaluate(() => {
    const probe = document.createElement("span");
    probe.style.cssText = "forced-color-adjust:none;position:absolute";
    document.body.append(probe);
    const resolve = (c) => {
      probe.style.backgroundColor = c;
      return getComputedStyle(probe).backgroundColor;
    };
    const out = { Mark: resolve("Mark"), MarkText: resolve("MarkText"), CanvasText: resolve("CanvasText"), Canvas: resolve("Canvas") };
    probe.remove();
    return out;
  });
}

/**
 * What the open popup's panel looks like: animation, border, background.
 * In full parallel runs the hover popup has been found closed by the time
 * it was read (the pointer stays still while the popup is placed near it;
 * not reproduced alone); what is checked here is its style, so it is
 * hovered open again, a few times at most, until it can be read.
 */
async function popupStyle(page) {
  for (let attempt = 0; ; attempt++) {
    const style = await readPopupStyle(page);
    if (style || attempt === 3) return style;
    const { x, y } = await pointAtText(page, GREENLAND.text);
    await page.mouse.move(0, 0);
    await page.mouse.move(x, y);
    await popupLocator(page).waitFor({ state: "visible" });
  }
}

/** The open popup's style, or null when no popup is open. */
function readPopupStyle(page) {
  return page.evaluate(() => {
    const panel = document.querySelector("factmark-ui").shadowRoot.querySelector(".popup[data-open]");
    if (!panel) return null;
    const cs = getComputedStyle(panel);
    return {
      animationName: cs.animationName,
      animations: panel.getAnimations().length,
      borderTop: `${cs.borderTopWidth} ${cs.borderTopStyle} ${cs.borderTopColor}`,
      borderLeftWidth: cs.borderLeftWidth,
      borderColor: cs.borderTopColor,
      background: cs.backgroundColor,
    };
  });
}

/** Background and text colour of Greenland's claim as painted: its mark (wrap) or its ::highlight() (highlight). */
function claimColors(page, mode) {
  return page.evaluate(([text, mode]) => {
    const p = [...document.querySelectorAll("main p")].find((el) => el.textContent.includes(text));
    if (mode === "wrap") {
      const cs = getComputedStyle(p.querySelector("factmark-mark"));
      return { background: cs.backgroundColor, color: cs.color };
    }
    const name = [...CSS.highlights.keys()].find((k) => /^factmark-\d+-true$/.test(k));
    const cs = getComputedStyle(p, `::highlight(${name})`);
    return { background: cs.backgroundColor, color: cs.color };
  }, [GREENLAND.text, mode]);
}

for (const [mode, urlPath] of FIXTURES) {
  test(`${mode} mode: the popup animates in, unless the reader prefers reduced motion`, async (t) => {
    let page = await withPopup(t, urlPath, { reducedMotion: "no-preference" });
    assert.equal(await page.evaluate(() => window.factmark.mode), mode);
    const moving = await popupStyle(page);
    assert.equal(moving.animationName, "fm-in", "an opening animation by default");

    page = await withPopup(t, urlPath, { reducedMotion: "reduce" });
    const still = await popupStyle(page);
    assert.equal(still.animationName, "none", "no animation with prefers-reduced-motion: reduce");
    assert.equal(still.animations, 0, "no running animation either");
  });

  test(`${mode} mode: forced colors paint claims with Mark/MarkText and give the popup a visible CanvasText border`, async (t) => {
    let page = await withPopup(t, urlPath, { forcedColors: "none" });
    const normal = await claimColors(page, mode);
    assert.equal(normal.background, "rgb(220, 245, 227)", "the rating's own tint without forced colors");
    const normalPopup = await popupStyle(page);
    assert.equal(normalPopup.borderLeftWidth, "6px", "the rating stripe without forced colors");

    page = await withPopup(t, urlPath, { forcedColors: "active" });
    assert.ok(await page.evaluate(() => matchMedia("(forced-colors: active)").matches), "forced colors emulated");
    const sys = await systemColors(page);
    const forced = await claimColors(page, mode);
    assert.deepEqual(forced, { background: sys.Mark, color: sys.MarkText }, `claim painted with system colours ${JSON.stringify(sys)}`);
    const popup = await popupStyle(page);
    assert.equal(popup.borderTop, `2px solid ${sys.CanvasText}`, "a 2px CanvasText border");
    assert.equal(popup.borderLeftWidth, "2px", "the colour stripe gives way to the plain border");
    assert.notEqual(popup.borderColor, popup.background, "the border stands out from the popup's background");
  });
}
