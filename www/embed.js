/**
 * factmark script-tag loader.
 *
 * Add one tag to a page. From the publisher bundle (dist/factmark-VERSION/, made by
 * scripts/build.sh; the folder may sit at any path on any origin):
 *
 *   <script type="module" async src="https://static.example.com/factmark-0.2.0/embed.js"
 *           integrity="sha384-…" crossorigin="anonymous"></script>
 *
 * or, in this repository's own layout (the demo):
 *
 *   <script type="module" async src="/www/embed.js"></script>
 *
 * Optional data- attributes on that tag:
 *   data-mode="wrap" | "highlight"   how claims are marked (default: the widget's own default)
 *   data-observe="true" | "false"    keep watching the page for added text
 *   data-root="CSS selector"         only scan inside the first matching element
 *   data-shadow-roots="true" | "false"
 *                                    also check text in open shadow roots (web components)
 *   data-frames="true" | "false"     also check the documents of same-origin iframes
 *   data-skip-link="true" | "false"  the skip link to the claims for keyboard and screen-reader
 *                                    users (default "true")
 *   data-dataset="URL"               fetch this JSON dataset instead of the bundled one
 *   data-engine="auto" | "wasm" | "js"
 *                                    which build runs the widget (default "auto", below)
 *
 * Engines. The widget is Rust compiled to WebAssembly (the wasm engine). Browsers apply
 * script-src to WebAssembly, so a page whose Content-Security-Policy lacks
 * 'wasm-unsafe-eval' refuses to compile it. With "auto" the loader first compiles an empty
 * module (8 bytes, so nothing big is downloaded in vain); if that is refused, it loads the
 * JavaScript engine instead (the same Rust code translated to plain JavaScript by
 * binaryen's wasm2js; larger and slower, but it needs no eval) and says so with
 * console.info. The refused probe is reported by the browser as one CSP violation
 * (script-src, blocked "wasm-eval"); a publisher whose policy forbids WebAssembly can set
 * data-engine="js" to skip the probe and its report. "wasm" never falls back.
 *
 * Where the engines are: LAYOUT below, relative to this file's own URL (import.meta.url),
 * never an absolute path. In the repository the loader is www/embed.js and the engines are
 * ../pkg/ and ../pkg-js/. The publisher bundle's copy (written by scripts/build/bundle.mjs, which
 * replaces the LAYOUT line and nothing else) has them in ./wasm/ and ./js/ beside it, and
 * lists the sha384 of every engine file: the loader then fetches them only with those
 * hashes (<link rel="modulepreload" integrity> for the modules, fetch() with `integrity`
 * for the .wasm), so the tag's own integrity attribute pins the whole widget. A file that
 * does not match is refused by the browser and reported (factmark:error); nothing runs.
 *
 * When the widget is mounted the loader sets `window.factmark` to the instance
 * (`matches()`, `unmount()`, `engine`: "wasm" or "js", `version`) and dispatches on
 * `document`:
 *
 *   factmark:ready  detail: { count, engine, version }   count = number of matched claims
 *   factmark:error  detail: { message }        also logged with console.warn;
 *                                              window.factmark is then null
 *
 * Big pages: in highlight mode the widget's style rules make the browser restyle every
 * element already on the page (about 130 ms for a 5 MB article). The loader adds them as soon
 * as the engine is loaded (prepareHighlights), so a tag that runs before the page's content
 * is parsed (async, in <head>) spares the page that cost. It still mounts once the document
 * is parsed. A plain (deferred) module tag works the same, but runs after parsing, when the
 * rules cost the restyle anyway. The saving needs highlight styles that inherit (Chromium);
 * elsewhere the mount adds rules of its own.
 *
 * It never throws into the page.
 */

// One line, replaced whole by scripts/build/bundle.mjs in the publisher bundle (keep it on one line).
const LAYOUT = { wasm: "../pkg/", js: "../pkg-js/", integrity: null, preload: null };

const WASM_ENGINE_URL = new URL(`${LAYOUT.wasm}factmark.js`, import.meta.url);
const WASM_BINARY_URL = new URL(`${LAYOUT.wasm}factmark_bg.wasm`, import.meta.url);
const JS_ENGINE_URL = new URL(`${LAYOUT.js}factmark.js`, import.meta.url);
const ENGINES = ["auto", "wasm", "js"];

/** Module scripts have no document.currentScript: find our tag by its resolved src. */
function findOwnScript() {
  for (const script of document.querySelectorAll('script[type="module"][src]')) {
    if (script.src === import.meta.url) return script;
  }
  return null;
}

/** The engine the tag's data-engine asks for. */
function readEngine(script) {
  const engine = script?.dataset.engine ?? "auto";
  if (!ENGINES.includes(engine)) {
    throw new Error(`data-engine must be "auto", "wasm" or "js", got ${JSON.stringify(engine)}`);
  }
  return engine;
}

/** Builds mount() options from the tag's data- attributes (none when the tag is not found). */
async function readOptions(script) {
  const data = script?.dataset ?? {};
  const options = {};

  if (data.mode) options.mode = data.mode;

  // Boolean attributes: "true" or "false"; absent means the widget's default.
  for (const [key, attribute] of [
    ["observe", "data-observe"],
    ["shadowRoots", "data-shadow-roots"],
    ["frames", "data-frames"],
    ["skipLink", "data-skip-link"],
  ]) {
    const value = data[key];
    if (value === undefined) continue;
    if (value !== "true" && value !== "false") {
      throw new Error(`${attribute} must be "true" or "false", got ${JSON.stringify(value)}`);
    }
    options[key] = value === "true";
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

/**
 * Whether this page lets scripts compile WebAssembly. Compiles the smallest valid module:
 * it can only be refused by policy (a CSP without 'wasm-unsafe-eval'), or be missing
 * altogether (e.g. WebAssembly turned off, as in Safari's Lockdown Mode).
 */
async function wasmAllowed() {
  try {
    await WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return true;
  } catch {
    return false;
  }
}

function refusedWasm(err) {
  return (typeof WebAssembly === "object" && err instanceof WebAssembly.CompileError) || /Content Security Policy|wasm-unsafe-eval/i.test(String(err));
}

/**
 * In the publisher bundle: puts every module of `engine` ("wasm" or "js") into the page's
 * module map through <link rel="modulepreload"> with its sha384, so that the import()
 * that follows uses those checked copies and fetches nothing unchecked. The modules come
 * in levels, those that import nothing first and each level only once the modules it
 * imports are in (LAYOUT.preload), so a browser that fetches a preloaded module's imports
 * too finds them already checked. Rejects, naming the file, when one does not load or
 * does not match its hash (the browser refuses it). The links are removed once loaded.
 * Does nothing in the repository's own layout (no LAYOUT.integrity), nor in a browser
 * without modulepreload (Safari before 17), which then loads the modules unchecked, as
 * browsers without SRI load scripts whatever their integrity attribute says.
 */
async function preloadChecked(engine) {
  if (!LAYOUT.integrity || !document.createElement("link").relList?.supports?.("modulepreload")) return;
  const parent = document.head ?? document.documentElement;
  const preload = (file) =>
    new Promise((resolve, reject) => {
      const integrity = LAYOUT.integrity[file];
      const link = document.createElement("link");
      link.rel = "modulepreload";
      link.crossOrigin = "anonymous";
      link.integrity = integrity;
      link.href = new URL(file, import.meta.url).href;
      link.addEventListener("load", () => {
        link.remove();
        resolve();
      });
      link.addEventListener("error", () => {
        link.remove();
        reject(new Error(`${link.href} did not load, or does not match its integrity hash (${integrity})`));
      });
      parent.append(link);
    });
  for (const level of LAYOUT.preload[engine]) await Promise.all(level.map(preload));
}

/** What the wasm engine's init() is given: in the bundle, the .wasm fetched with its sha384. */
function wasmBinary() {
  const file = `${LAYOUT.wasm}factmark_bg.wasm`;
  const integrity = LAYOUT.integrity?.[file];
  if (!integrity) return undefined; // init() finds factmark_bg.wasm beside factmark.js itself
  return {
    module_or_path: fetch(WASM_BINARY_URL, { integrity }).catch((err) => {
      throw new Error(`${WASM_BINARY_URL} did not load, or does not match its integrity hash (${integrity}): ${err.message}`);
    }),
  };
}

/** Loads and initialises the engine `choice` asks for; resolves to its module. */
async function loadEngine(choice) {
  if (choice === "wasm" || (choice === "auto" && (await wasmAllowed()))) {
    await preloadChecked("wasm");
    const module = await import(WASM_ENGINE_URL);
    try {
      await module.default(wasmBinary());
    } catch (err) {
      if (refusedWasm(err)) {
        throw new Error(
          "cannot run on this page: its Content-Security-Policy does not allow WebAssembly " +
            "(script-src needs 'wasm-unsafe-eval'), and data-engine=\"wasm\" turns off the JavaScript engine",
        );
      }
      throw err;
    }
    return module;
  }
  if (choice === "auto") {
    console.info(
      "factmark: this page's Content-Security-Policy does not allow WebAssembly; " +
        `running the JavaScript engine (${JS_ENGINE_URL}) instead. Set data-engine="js" to skip the check.`,
    );
  }
  let module;
  try {
    await preloadChecked("js");
    module = await import(JS_ENGINE_URL);
  } catch (err) {
    const why = choice === "js" ? "" : "its Content-Security-Policy does not allow WebAssembly, and ";
    throw new Error(`cannot run on this page: ${why}the JavaScript engine did not load from ${JS_ENGINE_URL} (${err.message})`);
  }
  await module.default();
  return module;
}

function announce(type, detail) {
  document.dispatchEvent(new CustomEvent(type, { detail }));
}

async function main() {
  /** Highlight rules added before the content, until the mount takes them over. */
  let prepared = null;
  try {
    const script = findOwnScript();
    let engine;
    try {
      engine = loadEngine(readEngine(script));
    } catch (err) {
      engine = Promise.reject(err);
    }
    engine.catch(() => {}); // awaited below, once the page is parsed, where a failure is reported
    if (document.readyState === "loading" && script?.dataset.mode !== "wrap") {
      try {
        prepared = (await engine).prepareHighlights();
      } catch {
        // Only an optimisation: the mount below reports what failed.
      }
    }
    // A tag with `async`, or added by another script, may run before parsing ends.
    // (readystatechange, not DOMContentLoaded: a page that calls window.stop() never fires that.)
    while (document.readyState === "loading") {
      await new Promise((resolve) => document.addEventListener("readystatechange", resolve, { once: true }));
    }
    const options = await readOptions(script);
    const { mount } = await engine;
    const instance = await mount(options);
    window.factmark = instance;
    announce("factmark:ready", { count: instance.matches().length, engine: instance.engine, version: instance.version });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.warn(`factmark: ${message}`);
    window.factmark = null;
    announce("factmark:error", { message });
  } finally {
    // Rules the mount did not take (wrap mode, or it failed) are removed.
    try {
      prepared?.release();
    } catch {
      // A broken module: nothing more can be done, and nothing may reach the page.
    }
  }
}

main();
