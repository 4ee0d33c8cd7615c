/*
 * factmark — browser extension content script (Manifest V3).
 *
 * README
 *   Build:   scripts/build-extension.sh   (needs pkg/ from `wasm-pack build --release --target web`)
 *   Load:    chrome://extensions → Developer mode → "Load unpacked" → dist/extension/
 *
 * On every page, once it is idle, this script loads the widget from the extension's own
 * files (pkg/ is listed in web_accessible_resources so the module, its snippets and the
 * wasm can be fetched from a content script) and mounts it in "highlight" mode: the CSS
 * Custom Highlight API paints the matched claims, so the page's DOM is not rewrapped and
 * page frameworks are not disturbed. The popup lives in a <factmark-ui> shadow root.
 * Keyboard users move between claims with Alt+Shift+ArrowDown / Alt+Shift+ArrowUp.
 *
 * Like the script-tag loader, it dispatches on the page's document `factmark:ready`
 * (detail: { count }) once mounted, or `factmark:error` (detail: { message }). Every failure
 * is caught and logged with console.warn: the extension must never break the page it runs on.
 *
 * This is a classic script (content scripts cannot be modules), hence the dynamic import.
 */
(async () => {
  try {
    // Nothing to scan on non-HTML documents (images, XML, plain SVG files).
    if (!(document.body instanceof HTMLElement)) return;
    const { default: init, mount } = await import(chrome.runtime.getURL("pkg/factmark.js"));
    await init({ module_or_path: chrome.runtime.getURL("pkg/factmark_bg.wasm") });
    const fm = await mount({ mode: "highlight" });
    // The handle, for unmounting later. This global lives in the extension's isolated
    // world, so the page cannot see or touch it.
    globalThis.factmark = fm;
    document.dispatchEvent(new CustomEvent("factmark:ready", { detail: { count: fm.matches().length } }));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.warn(`factmark: ${message}`);
    document.dispatchEvent(new CustomEvent("factmark:error", { detail: { message } }));
  }
})();
