/*
 * factmark — browser extension content script (Manifest V3, Chromium and Firefox).
 *
 * README
 *   Build:   scripts/build-extension.sh   (needs pkg/ from `wasm-pack build --release --target web`)
 *   Load:    chrome://extensions → Developer mode → "Load unpacked" → dist/extension/
 *            about:debugging → This Firefox → "Load Temporary Add-on" → dist/extension-firefox/manifest.json
 *
 * On every page, once it is idle, this script loads the widget from the extension's own
 * files (pkg/ and pkg-js/ are listed in web_accessible_resources so the modules, their
 * snippets and the wasm can be fetched from a content script) and mounts it with the
 * reader's settings from chrome.storage.local (written by the options page and the toolbar
 * button):
 *   mode           "highlight" (default: the CSS Custom Highlight API paints the claims,
 *                  the page's DOM is not touched) or "wrap" (<factmark-mark> elements)
 *   disabledSites  hostnames where factmark stays off
 *   customDataset  dataset JSON text (factmark or ClaimReview) replacing the bundled one
 * It re-mounts, or unmounts, whenever one of them changes. The popup lives in a
 * <factmark-ui> shadow root; keyboard users move between claims with Alt+Shift+ArrowDown/Up.
 *
 * It tells the background script what it did (claims found / off / error) for the badge,
 * and answers its "which site is this?" question when the toolbar button is clicked. No
 * page text ever leaves the page: only the count and the hostname go to the extension.
 *
 * Engines: the widget is WebAssembly (pkg/). In Chromium the page's Content-Security-Policy
 * also governs WebAssembly compiled in a content script, so on a page whose policy lacks
 * 'wasm-unsafe-eval' compiling it is refused (a CompileError, which the browser also
 * reports to the page as one CSP violation). Then this script loads the JavaScript engine
 * (pkg-js/: the same Rust code translated to JavaScript by wasm2js, which needs no eval)
 * and says so with console.info. The engine is chosen once per page.
 *
 * Like the script-tag loader, each mount dispatches on the page's document `factmark:ready`
 * (detail: { count, engine: "wasm" | "js" }), or `factmark:error` (detail: { message })
 * when the widget cannot run.
 * Every failure is caught and logged with console.warn: the extension must never break the
 * page it runs on.
 *
 * This is a classic script (content scripts cannot be modules), hence the dynamic import.
 */
(() => {
  // Nothing to scan on non-HTML documents (images, XML, plain SVG files).
  if (!(document.body instanceof HTMLElement)) return;

  const SETTINGS = ["mode", "disabledSites", "customDataset"];
  const hostname = location.hostname;

  /** The mounted widget, or null. Lives in the extension's isolated world: the page cannot reach it. */
  let fm = null;
  /** The widget module, loaded once (the wasm is instantiated once per page). */
  let widget = null;
  /** Updates run one after the other: mount() rejects while the body already has a widget. */
  let queue = Promise.resolve();

  function report(state, count = 0, engine = undefined) {
    chrome.runtime.sendMessage({ type: "factmark:state", state, count, engine, hostname }).catch(() => {
      // The extension was reloaded or removed: this orphaned script has no one to tell.
    });
  }

  /**
   * Dispatches a widget event on the page's document. Chromium clones `detail` into the
   * page's world by itself; Firefox hides a content script's objects from page scripts
   * unless they are cloned in (cloneInto, Firefox only).
   */
  function announce(type, detail) {
    const forPage = typeof cloneInto === "function" ? cloneInto(detail, document.defaultView) : detail;
    document.dispatchEvent(new CustomEvent(type, { detail: forPage }));
  }

  function loadWidget() {
    widget ??= (async () => {
      const module = await import(chrome.runtime.getURL("pkg/factmark.js"));
      try {
        await module.default({ module_or_path: chrome.runtime.getURL("pkg/factmark_bg.wasm") });
        return module;
      } catch (err) {
        if (!(err instanceof WebAssembly.CompileError)) throw err;
        // The page's CSP refused to compile WebAssembly (no 'wasm-unsafe-eval').
        console.info("factmark: this page does not allow WebAssembly; running the JavaScript engine instead");
        try {
          return await import(chrome.runtime.getURL("pkg-js/factmark.js"));
        } catch (jsErr) {
          throw new Error(`cannot run on this page: it does not allow WebAssembly (${err.message}), and the JavaScript engine did not load (${jsErr.message})`);
        }
      }
    })();
    // A failed load is not cached: the next update tries again.
    widget.catch(() => {
      widget = null;
    });
    return widget;
  }

  /** Brings the page in line with the stored settings: unmounts, then mounts unless off. */
  async function update() {
    try {
      const settings = await chrome.storage.local.get(SETTINGS);
      fm?.unmount();
      fm = null;
      if ((settings.disabledSites ?? []).includes(hostname)) {
        report("off");
        return;
      }
      const { mount } = await loadWidget();
      const mode = settings.mode === "wrap" ? "wrap" : "highlight";
      try {
        fm = await mount({ mode, dataset: settings.customDataset ?? undefined });
      } catch (err) {
        // The options page validates a dataset before storing it, so this is unexpected
        // (e.g. a newer widget is stricter): say so, and fall back to the bundled one.
        if (settings.customDataset === undefined) throw err;
        console.warn(`factmark: your dataset was rejected, using the bundled one: ${err.message}`);
        fm = await mount({ mode });
      }
      const count = fm.matches().length;
      const engine = fm.engine;
      report("on", count, engine);
      announce("factmark:ready", { count, engine });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      console.warn(`factmark: ${message}`);
      report("error");
      announce("factmark:error", { message });
    }
  }

  function scheduleUpdate() {
    queue = queue.then(update);
  }

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    const relevant =
      "mode" in changes ||
      "customDataset" in changes ||
      ("disabledSites" in changes &&
        (changes.disabledSites.oldValue ?? []).includes(hostname) !==
          (changes.disabledSites.newValue ?? []).includes(hostname));
    if (relevant) scheduleUpdate();
  });

  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type === "factmark:hostname") sendResponse({ hostname });
  });

  scheduleUpdate();
})();
