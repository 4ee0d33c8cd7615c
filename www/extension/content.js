/*
 * factmark — browser extension content script (Manifest V3, Chromium and Firefox).
 *
 * README
 *   Build:   scripts/build-extension.sh   (needs pkg/ from `wasm-pack build --release --target web`)
 *   Load:    chrome://extensions → Developer mode → "Load unpacked" → dist/extension/
 *            about:debugging → This Firefox → "Load Temporary Add-on" → dist/extension-firefox/manifest.json
 *
 * On every page, once it is parsed and the browser is idle, this script mounts the widget,
 * loaded from the extension's own files (pkg/ and pkg-js/ are listed in
 * web_accessible_resources so the modules, their snippets and the wasm can be fetched from a
 * content script), with the reader's settings from chrome.storage.local (written by the
 * options page and the toolbar button):
 *   mode           "highlight" (default: the CSS Custom Highlight API paints the claims,
 *                  the page's DOM is not touched) or "wrap" (<factmark-mark> elements)
 *   disabledSites  hostnames where factmark stays off
 *   customDataset  dataset JSON text (factmark's format) replacing the bundled one
 * It re-mounts, or unmounts, whenever one of them changes. The popup lives in a
 * <factmark-ui> shadow root; keyboard users move between claims with Alt+Shift+ArrowDown/Up,
 * or reach them from the widget's skip link ("Fact-checks: N claims on this page", the
 * first Tab stop of the page). The extension's keyboard command (manifest `commands`,
 * Alt+Shift+J by default) reaches this script as a "factmark:next" message and moves to the
 * next claim (fm.next()); its shortcut, asked from the background script at each mount, is
 * passed as the widget's `nextKey`, so the popup names it with the other keys.
 *
 * Reach: the widget is mounted on document.body with
 *   observe: true       readers browse single-page apps and pages that load or re-render
 *                       their content after `document_idle`: the widget re-scans when the
 *                       page changes (debounced; its own changes never trigger it) and on
 *                       history navigation.
 *   shadowRoots: true   claims inside web components (open shadow roots) are found too.
 *   frames: true        and in same-origin iframes (srcdoc, about:blank, same-origin src).
 *                       Safe only because this script runs in the top frame alone (the
 *                       manifest has no all_frames): injected into every frame as well, it
 *                       would highlight a same-origin frame's claims twice and each frame
 *                       would overwrite the tab's badge with its own count.
 * The widget dispatches nothing when a re-scan changes what it found, so the badge follows
 * the page this way: after a change of the page's (light) DOM, a history navigation or an
 * iframe load, this script polls fm.matches() every POLL_MS for SETTLE_MS, and reports the
 * count once two polls in a row agree (a re-scan in progress can show a partial count).
 * Nothing is polled while the page is quiet, and polling changes nothing in the page, so it
 * cannot cause the mutations it reacts to. (A change made only inside a shadow root or a
 * frame is re-highlighted by the widget, but the badge catches up at the next change of the
 * page itself.)
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
 * Early rules: the script runs at document_start. Unless the site is off or the reader chose
 * wrap mode, it loads the widget right away and adds highlight mode's style rules while the
 * page is still empty (prepareHighlights): added at mount time, they would make the browser
 * restyle every element of the page (about 130 ms on a 5 MB page, in one task). The first
 * mount takes them over; if it does not (it failed, the settings changed meanwhile, or
 * highlight styles do not inherit in this browser, so the rules on the root paint nothing:
 * then the mount adds its own), they are removed once it has settled.
 *
 * This is a classic script (content scripts cannot be modules), hence the dynamic import.
 */
(() => {
  // Nothing to scan in images, XML or plain SVG files. At document_start there is no body
  // yet, but the content type is known. (Other files a browser shows as a page, such as
  // text/plain or JSON, are scanned, as before: start() checks for a body.)
  const type = document.contentType;
  if (type.startsWith("image/") || (/[/+]xml$/.test(type) && type !== "application/xhtml+xml")) return;

  const SETTINGS = ["mode", "disabledSites", "customDataset"];
  const hostname = location.hostname;

  /** The mounted widget, or null. Lives in the extension's isolated world: the page cannot reach it. */
  let fm = null;
  /** The widget module, loaded once (the wasm is instantiated once per page). */
  let widget = null;
  /** Updates run one after the other: mount() rejects while the body already has a widget. */
  let queue = Promise.resolve();

  /** Badge follow-up after the page changes (see the header): poll interval and duration. */
  const POLL_MS = 250;
  const SETTLE_MS = 3_000;
  /** The count last reported for the mounted widget, and the poll timer's state. */
  let reported = -1;
  let pollTimer = 0;
  let lastChange = 0;
  let lastPoll = -1;
  /** Watches the page's light DOM while a widget is mounted (see watchPage). */
  let pageObserver = null;

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

  /** Polls fm.matches() until SETTLE_MS after the last change; reports a changed, steady count. */
  function poll() {
    pollTimer = 0;
    if (!fm) return;
    let count;
    try {
      count = fm.matches().length;
    } catch {
      return; // unmounted meanwhile
    }
    if (count === lastPoll && count !== reported) {
      reported = count;
      report("on", count, fm.engine);
    }
    lastPoll = count;
    if (performance.now() - lastChange < SETTLE_MS) pollTimer = setTimeout(poll, POLL_MS);
  }

  /** The page changed: (re)start polling. */
  function pageChanged() {
    lastChange = performance.now();
    if (fm && !pollTimer) {
      lastPoll = -1;
      pollTimer = setTimeout(poll, POLL_MS);
    }
  }

  /** Starts or stops watching the page for the changes after which the widget re-scans. */
  function watchPage(on) {
    pageObserver?.disconnect();
    pageObserver = null;
    clearTimeout(pollTimer);
    pollTimer = 0;
    if (!on) return;
    pageObserver = new MutationObserver(pageChanged);
    pageObserver.observe(document.body, { childList: true, subtree: true, characterData: true });
  }
  // Navigation without a DOM change of its own, and iframes loading (load does not bubble,
  // but a capturing listener sees it); pageChanged does nothing while no widget is mounted.
  window.addEventListener("popstate", pageChanged);
  document.addEventListener(
    "load",
    (event) => {
      if (event.target instanceof HTMLIFrameElement) pageChanged();
    },
    true,
  );

  /**
   * At document_start: the highlight rules, added before the page's content, for the first
   * mount to take over (see the header). Resolves to the prepareHighlights() handle, or null.
   */
  async function prepareEarly() {
    try {
      const settings = await chrome.storage.local.get(["mode", "disabledSites"]);
      if (settings.mode === "wrap" || (settings.disabledSites ?? []).includes(hostname)) return null;
      const { prepareHighlights } = await loadWidget();
      return prepareHighlights();
    } catch {
      return null; // only an optimisation: update() reports what fails
    }
  }
  /** The early rules' handle, until the first update() takes it. */
  let early = prepareEarly();

  /**
   * Removes early rules no mount took. Never throws: in update(), a throw would leave the
   * queue rejected and every later update skipped.
   */
  function release(prepared) {
    try {
      prepared?.release();
    } catch {
      // A broken module: nothing more to do.
    }
  }

  /** The extension's "next claim" shortcut as the browser has it now, or undefined. */
  async function shortcut() {
    try {
      const { shortcut: key } = (await chrome.runtime.sendMessage({ type: "factmark:shortcut" })) ?? {};
      return typeof key === "string" && key.length > 0 && key.length <= 40 ? key : undefined;
    } catch {
      return undefined; // the background script is gone (extension reloaded): no name to show
    }
  }

  /** Brings the page in line with the stored settings: unmounts, then mounts unless off. */
  async function update() {
    const prepared = await early;
    early = null;
    try {
      const settings = await chrome.storage.local.get(SETTINGS);
      watchPage(false);
      fm?.unmount();
      fm = null;
      if ((settings.disabledSites ?? []).includes(hostname)) {
        report("off");
        return;
      }
      const { mount } = await loadWidget();
      const mode = settings.mode === "wrap" ? "wrap" : "highlight";
      const reach = { mode, observe: true, shadowRoots: true, frames: true, nextKey: await shortcut() };
      try {
        fm = await mount({ ...reach, dataset: settings.customDataset ?? undefined });
      } catch (err) {
        // The options page validates a dataset before storing it, so this is unexpected
        // (e.g. a newer widget is stricter): say so, and fall back to the bundled one.
        if (settings.customDataset === undefined) throw err;
        console.warn(`factmark: your dataset was rejected, using the bundled one: ${err.message}`);
        fm = await mount(reach);
      }
      const count = fm.matches().length;
      const engine = fm.engine;
      reported = count;
      report("on", count, engine);
      watchPage(true);
      // The page may have changed during the first scan: the widget re-scans, so follow it.
      pageChanged();
      announce("factmark:ready", { count, engine });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      console.warn(`factmark: ${message}`);
      report("error");
      announce("factmark:error", { message });
    } finally {
      // Early rules the mount did not take over are removed.
      release(prepared);
    }
  }

  function scheduleUpdate() {
    queue = queue.then(update);
  }

  /**
   * The page is parsed and the browser is idle (what document_idle would wait for). Watches
   * readystatechange, not DOMContentLoaded: a page that calls window.stop() never fires that.
   */
  async function whenParsedAndIdle() {
    while (document.readyState === "loading") {
      await new Promise((resolve) => document.addEventListener("readystatechange", resolve, { once: true }));
    }
    await new Promise((resolve) =>
      typeof requestIdleCallback === "function" ? requestIdleCallback(() => resolve(), { timeout: 500 }) : setTimeout(resolve, 0),
    );
  }

  function start() {
    if (!(document.body instanceof HTMLElement)) {
      early?.then(release);
      return;
    }
    listen();
    scheduleUpdate();
  }

  /** Settings changes re-mount, or unmount; only once the page is parsed (see start). */
  function listen() {
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
  }

  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type === "factmark:hostname") sendResponse({ hostname });
    // The keyboard command: the next claim, its popup open with focus (false: none here).
    if (message?.type === "factmark:next") {
      let moved = false;
      try {
        moved = fm?.next() ?? false;
      } catch {
        // unmounted meanwhile
      }
      sendResponse({ moved });
    }
  });

  whenParsedAndIdle().then(start);
})();
