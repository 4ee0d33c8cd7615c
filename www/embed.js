/**
 * factmark script-tag loader.
 *
 * Add one tag to a page:
 *
 *   <script type="module" src="/www/embed.js"></script>
 *
 * Optional data- attributes on that tag:
 *   data-mode="wrap" | "highlight"   how claims are marked (default: the widget's own default)
 *   data-observe="true" | "false"    keep watching the page for added text
 *   data-root="CSS selector"         only scan inside the first matching element
 *   data-dataset="URL"               fetch this JSON dataset instead of the bundled one
 *
 * The loader imports ../pkg/factmark.js relative to its own URL, so keep www/ and
 * pkg/ side by side. When the widget is mounted it sets `window.factmark` to the
 * instance (`matches()`, `unmount()`) and dispatches on `document`:
 *
 *   factmark:ready  detail: { count }    count = number of matched claims
 *   factmark:error  detail: { message }  also logged with console.warn;
 *                                        window.factmark is then null
 *
 * It never throws into the page.
 */

const MODULE_URL = new URL("../pkg/factmark.js", import.meta.url);

/** Module scripts have no document.currentScript: find our tag by its resolved src. */
function findOwnScript() {
  for (const script of document.querySelectorAll('script[type="module"][src]')) {
    if (script.src === import.meta.url) return script;
  }
  return null;
}

/** Builds mount() options from the tag's data- attributes (none when the tag is not found). */
async function readOptions(script) {
  const data = script?.dataset ?? {};
  const options = {};

  if (data.mode) options.mode = data.mode;

  if (data.observe !== undefined) {
    if (data.observe !== "true" && data.observe !== "false") {
      throw new Error(`data-observe must be "true" or "false", got ${JSON.stringify(data.observe)}`);
    }
    options.observe = data.observe === "true";
  }

  if (data.root) {
    let root;
    try {
      root = document.querySelector(data.root);
    } catch {
      throw new Error(`data-root: invalid selector ${JSON.stringify(data.root)}`);
    }
    if (!root) throw new Error(`data-root: no element matches ${JSON.stringify(data.root)}`);
    options.root = root;
  }

  if (data.dataset) {
    const url = new URL(data.dataset, document.baseURI);
    let response;
    try {
      response = await fetch(url);
    } catch (err) {
      throw new Error(`data-dataset: cannot fetch ${url}: ${err.message}`);
    }
    if (!response.ok) {
      throw new Error(`data-dataset: ${url} answered HTTP ${response.status}`);
    }
    // Passed as text: the widget parses and validates it, naming the faulty path.
    options.dataset = await response.text();
  }

  return options;
}

function announce(type, detail) {
  document.dispatchEvent(new CustomEvent(type, { detail }));
}

async function main() {
  try {
    // A tag added with `async` or by another script may run before parsing ends.
    if (document.readyState === "loading") {
      await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
    }
    const options = await readOptions(findOwnScript());
    const { default: init, mount } = await import(MODULE_URL);
    try {
      await init();
    } catch (err) {
      // Browsers apply script-src to WebAssembly: a page without 'wasm-unsafe-eval' refuses it.
      if (err instanceof WebAssembly.CompileError || /Content Security Policy|wasm-unsafe-eval/i.test(String(err))) {
        throw new Error(
          "cannot run on this page: its Content-Security-Policy does not allow WebAssembly " +
            "(script-src needs 'wasm-unsafe-eval')",
        );
      }
      throw err;
    }
    const instance = await mount(options);
    window.factmark = instance;
    announce("factmark:ready", { count: instance.matches().length });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.warn(`factmark: ${message}`);
    window.factmark = null;
    announce("factmark:error", { message });
  }
}

main();
