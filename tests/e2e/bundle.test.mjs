// The publisher bundle as a publisher uses it, in Chromium (playwright-core) and Firefox ESR
// (geckodriver). Two local servers: a "CDN" (http://localhost:PORT, sending
// Access-Control-Allow-Origin) with the archive scripts/build.sh made (dist/) unpacked under a sub-path,
// /static/lib/factmark-VERSION/, and a "site" (http://127.0.0.1:PORT, another origin and
// another site) serving only the demo article with the tag that `node scripts/build/bundle.mjs
// --url <CDN>/static/lib/` printed pasted in as printed, under the policies it printed.
// Neither server holds any other file of the repository.
//
// The pages load fixtures/probe.js (copied to the site) first: it records the widget's
// events, CSP violations and scripts that failed to load in window.__probe.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";
import { factmarkVersion } from "../../scripts/build/version.mjs";
import {
  ARTICLE_CLAIM_IDS,
  CHROMIUM,
  CHROMIUM_ARGS,
  GREENLAND,
  REPO_ROOT,
  VIEWPORT,
  assertPolicyEnforced,
  assertPrerequisites,
  hoverGreenland,
  watchConsole,
} from "./helpers.mjs";
import { hoverText, startFirefox, waitFor } from "./webdriver.mjs";

const VERSION = factmarkVersion();
const NAME = `factmark-${VERSION}`;
/** The demo's own loader tag, which the pages replace with the printed one. */
const DEMO_TAG = '<script type="module" async src="/www/embed.js"></script>';
const NONCE = "bundle-test-nonce";

let work; // temporary folder: cdn/, site/, out/
let cdn; // the server of the bundle
let site; // the server of the pages
let printed; // what scripts/build/bundle.mjs printed
let bundle; // what the tests read from it: { tag, src, integrity, additions, policies }
let layout; // the unpacked loader's LAYOUT (engine files and their hashes)
let tampered; // [{ file, page }]: a page loading a copy of the bundle with `file` changed
let browser;

const sha384 = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
const cdnOrigin = () => `http://localhost:${cdn.port}`;
const BUNDLE_PATH = `/static/lib/${NAME}/`;

/** The tag, the CSP additions and the example policies, read from the printout. */
function readPrintout(text) {
  const tags = text.split("\n").filter((line) => line.startsWith("<script "));
  assert.equal(tags.length, 2, `two tags printed (the host's, the package CDN's):\n${text}`);
  const tag = tags[0];
  const attr = (name) => tag.match(new RegExp(` ${name}="([^"]*)"`))?.[1];
  const section = (title) => {
    const lines = text.split("\n");
    const start = lines.findIndex((l) => l.includes(title));
    assert.ok(start >= 0, `"${title}" is printed`);
    const own = [];
    for (const line of lines.slice(start + 1)) {
      if (!line.startsWith("    ")) break;
      own.push(line.trim());
    }
    return {
      additions: own.filter((l) => !l.startsWith("e.g.")),
      policy: own.find((l) => l.startsWith("e.g. Content-Security-Policy: "))?.slice("e.g. Content-Security-Policy: ".length),
    };
  };
  return { tag, src: attr("src"), integrity: attr("integrity"), crossorigin: attr("crossorigin"), cdnTag: tags[1], wasm: section("WebAssembly engine"), js: section("JavaScript engine") };
}

/** The demo article with `tag` in place of its loader tag, the probe first. */
function demoPage(tag, { nonce } = {}) {
  const demo = readFileSync(path.join(REPO_ROOT, "www/index.html"), "utf8");
  assert.equal(demo.split(DEMO_TAG).length, 2, "www/index.html has the demo's loader tag once");
  const probe = `<script src="/probe.js"${nonce ? ` nonce="${nonce}"` : ""}></script>`;
  // With a nonce, the control that the policy is enforced: an inline script without it.
  const control = nonce ? "\n  <script>window.__inlineRan = true;</script>" : "";
  return demo.replace(DEMO_TAG, () => `${probe}\n  ${tag}${control}`);
}

/** The printed tag with `attributes` added before its closing >. */
const withAttributes = (tag, attributes) => tag.replace("></script>", ` ${attributes}></script>`);

before(async () => {
  assertPrerequisites();
  const built = path.join(REPO_ROOT, "dist", `${NAME}.tar.gz`);
  if (!existsSync(built)) throw new Error(`${built} is missing: run scripts/build.sh`);
  work = mkdtempSync(path.join(tmpdir(), "factmark-bundle-"));
  const cdnRoot = path.join(work, "cdn");
  const siteRoot = path.join(work, "site");
  const out = path.join(work, "out");
  mkdirSync(path.join(cdnRoot, "static/lib"), { recursive: true });
  mkdirSync(path.join(siteRoot, "www"), { recursive: true });

  cdn = await startServer({ root: cdnRoot, cors: true });
  printed = execFileSync(process.execPath, ["scripts/build/bundle.mjs", "--url", `${cdnOrigin()}/static/lib/`, "--out", out, "--npm-package", "none"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  bundle = readPrintout(printed);
  // The build's archive, as a publisher gets it, unpacked on the CDN under a sub-path.
  execFileSync("tar", ["-xzf", built, "-C", path.join(cdnRoot, "static/lib")]);
  const folder = path.join(cdnRoot, "static/lib", NAME);
  const loader = readFileSync(path.join(folder, "embed.js"), "utf8");
  layout = JSON.parse(loader.match(/^const LAYOUT = (\{.*\});$/m)[1]);

  // For each engine file, a copy of the bundle with that file changed (the loader unchanged,
  // so the tag's integrity still holds), and a page using it (the JavaScript engine's files
  // with data-engine="js").
  tampered = Object.keys(layout.integrity).map((file, i) => {
    const copy = path.join(cdnRoot, `static/tampered-${i}`, NAME);
    cpSync(folder, copy, { recursive: true });
    appendFileSync(path.join(copy, file), file.endsWith(".wasm") ? Buffer.from([0]) : "\n// changed\n");
    const engine = file.startsWith(layout.js) ? "js" : "wasm";
    const tag = bundle.tag.replace(BUNDLE_PATH, `/static/tampered-${i}/${NAME}/`);
    const page = `/www/tampered-${i}.html`;
    writeFileSync(path.join(siteRoot, page), demoPage(engine === "js" ? withAttributes(tag, 'data-engine="js"') : tag));
    return { file, engine, page: `${page}?csp=${engine}`, url: `${cdnOrigin()}/static/tampered-${i}/${NAME}/${file.slice(2)}` };
  });

  writeFileSync(path.join(siteRoot, "www/index.html"), demoPage(bundle.tag));
  writeFileSync(path.join(siteRoot, "www/engine-js.html"), demoPage(withAttributes(bundle.tag, 'data-engine="js"')));
  writeFileSync(path.join(siteRoot, "www/nonce.html"), demoPage(withAttributes(bundle.tag, `nonce="${NONCE}"`), { nonce: NONCE }));
  const wrong = sha384(Buffer.from("not the loader"));
  writeFileSync(path.join(siteRoot, "www/bad-integrity.html"), demoPage(bundle.tag.replace(bundle.integrity, wrong)));
  cpSync(path.join(REPO_ROOT, "www/demo.css"), path.join(siteRoot, "www/demo.css"));
  cpSync(path.join(REPO_ROOT, "tests/e2e/fixtures/probe.js"), path.join(siteRoot, "probe.js"));

  site = await startServer({
    root: siteRoot,
    policies: {
      // As printed, verbatim.
      wasm: bundle.wasm.policy,
      js: bundle.js.policy,
      "wasm-tt": `${bundle.wasm.policy}; require-trusted-types-for 'script'`,
      // The printed WebAssembly policy without its connect-src: not enough.
      "wasm-no-connect": bundle.wasm.policy.replace(/ connect-src [^;]*;/, ""),
      // The printout's rule for nonce-based policies: the nonce on the tag, 'wasm-unsafe-eval',
      // and the printed connect-src.
      nonce: `script-src 'nonce-${NONCE}' 'strict-dynamic' 'wasm-unsafe-eval'; connect-src 'self' ${cdnOrigin()}; object-src 'none'; base-uri 'none'; style-src 'self'`,
    },
  });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await cdn?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the build's bundle and printout", () => {
  test("the printed tag: the bundle's URL, the loader's sha384, crossorigin; the package CDN's tag has the same integrity", () => {
    assert.equal(bundle.src, `${cdnOrigin()}${BUNDLE_PATH}embed.js`);
    const loader = readFileSync(path.join(work, "cdn", BUNDLE_PATH, "embed.js"));
    assert.equal(bundle.integrity, sha384(loader));
    assert.equal(bundle.crossorigin, "anonymous");
    assert.match(bundle.tag, /^<script type="module" async src="[^"]+" integrity="sha384-[A-Za-z0-9+/]{64}" crossorigin="anonymous"><\/script>$/);
    assert.equal(bundle.cdnTag, bundle.tag.replace(bundle.src, `https://cdn.jsdelivr.net/npm/factmark@${VERSION}/embed/embed.js`));
  });

  test("the printed CSP additions: the bundle's origin and 'wasm-unsafe-eval' for WebAssembly, the origin alone for JavaScript", () => {
    assert.deepEqual(bundle.wasm.additions, [`script-src ${cdnOrigin()} 'wasm-unsafe-eval'`, `connect-src ${cdnOrigin()}`]);
    assert.deepEqual(bundle.js.additions, [`script-src ${cdnOrigin()}`]);
    assert.equal(bundle.wasm.policy, `default-src 'self'; script-src 'self' ${cdnOrigin()} 'wasm-unsafe-eval'; connect-src 'self' ${cdnOrigin()}; style-src 'self'`);
    assert.equal(bundle.js.policy, `default-src 'self'; script-src 'self' ${cdnOrigin()}; style-src 'self'`);
  });

  test("the build's archive holds the loader, both engines, README (ten lines), LICENSE, CHANGELOG.md and SHA384SUMS, as the printing run made them", () => {
    const folder = path.join(work, "cdn", BUNDLE_PATH);
    const files = readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(folder, path.join(e.parentPath ?? e.path, e.name)))
      .sort();
    for (const file of ["embed.js", "README", "LICENSE", "CHANGELOG.md", "SHA384SUMS", "wasm/factmark.js", "wasm/factmark_bg.wasm", "js/factmark.js", "js/factmark_bg.js", "js/factmark_bg.wasm.js"]) {
      assert.ok(files.includes(file), `${file} is in the bundle (${files.join(", ")})`);
    }
    // Every engine file is listed in the loader with its hash, and nothing else is in the bundle.
    const engineFiles = Object.keys(layout.integrity).map((f) => f.slice(2)).sort();
    assert.deepEqual(files.filter((f) => f.startsWith("wasm/") || f.startsWith("js/")), engineFiles);
    for (const [file, hash] of Object.entries(layout.integrity)) assert.equal(hash, sha384(readFileSync(path.join(folder, file))), file);
    assert.deepEqual([layout.wasm, layout.js], ["./wasm/", "./js/"], "the engines are found relative to the loader");
    const readme = readFileSync(path.join(folder, "README"), "utf8");
    assert.equal(readme.trimEnd().split("\n").length, 10, "README has ten lines");
    assert.ok(readme.includes(`src="/${NAME}/embed.js" integrity="${bundle.integrity}" crossorigin="anonymous"`), "README shows the tag");
    execFileSync("sha384sum", ["--check", "--quiet", "SHA384SUMS"], { cwd: folder });
    assert.ok(readFileSync(path.join(folder, "CHANGELOG.md"), "utf8").includes(`## ${VERSION}`), "CHANGELOG.md has this version");
    // The run that printed the tag made the same files (so the tag is the archive's).
    for (const file of files) {
      assert.ok(readFileSync(path.join(work, "out", NAME, file)).equals(readFileSync(path.join(folder, file))), `${file}: the build's archive is up to date (run scripts/build.sh)`);
    }
  });
});

test("the publishers' guide's embed section shows the printout as the build prints it (but the hash)", () => {
  const readme = readFileSync(path.join(REPO_ROOT, "docs/publishers.md"), "utf8");
  const section = readme.split("## Embed it with a script tag\n")[1].split("\nOptions are `data-` attributes")[0];
  const blocks = [...section.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 2, "two printout excerpts");
  const hashless = (text) => text.replace(/sha384-[A-Za-z0-9+/=]+/g, "sha384-…");
  for (const [block, url] of [[blocks[0], "/"], [blocks[1], "https://static.example.com/js/"]]) {
    const out = path.join(work, `readme-${blocks.indexOf(block)}`);
    const text = hashless(
      execFileSync(process.execPath, ["scripts/build/bundle.mjs", "--url", url, "--out", out, "--npm-package", "none"], { cwd: REPO_ROOT, encoding: "utf8" }),
    ).split("\n");
    for (const line of block.split("\n").filter(Boolean)) assert.ok(text.includes(line), `printed for --url ${url}: ${line}`);
  }
});

describe("Chromium: the printed tag on a page of another origin", () => {
  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  /** Opens `urlPath` of the site in a fresh context; records every request's URL. */
  async function open(t, urlPath) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    t.after(() => context.close());
    const page = await context.newPage();
    const log = watchConsole(page);
    const requested = [];
    page.on("request", (req) => requested.push(req.url()));
    const response = await page.goto(site.url + urlPath);
    assert.equal(response.status(), 200, `GET ${urlPath}`);
    return { page, log, requested, response };
  }

  const firstEvent = async (page) => {
    await page.waitForFunction(() => window.__probe.events.length > 0, null, { timeout: 30_000 });
    return page.evaluate(() => window.__probe.events[0]);
  };
  /** The claims matched in the demo's article itself (its readers' comments state related claims on purpose). */
  const matchedIds = (page) =>
    page.evaluate(() => {
      const article = document.querySelector("#article");
      const inArticle = window.factmark.matches().filter((m) => article.contains(m.range.commonAncestorContainer));
      return [...new Set(inArticle.map((m) => m.claimId))].sort();
    });

  /** Every article claim and nothing else, the popup, no violation, what was fetched from where. */
  async function assertWorks(page, log, requested, engine, { nonceBased = false } = {}) {
    const event = await firstEvent(page);
    assert.equal(event.type, "factmark:ready", `mounted: ${JSON.stringify(event.detail)}`);
    assert.deepEqual(event.detail, { count: await page.evaluate(() => window.factmark.matches().length), engine, version: VERSION });
    assert.equal(await page.evaluate(() => window.factmark.version), VERSION, "window.factmark.version");
    const ids = await matchedIds(page);
    assert.deepEqual(ARTICLE_CLAIM_IDS.filter((id) => !ids.includes(id)), [], "every article claim is matched");
    assert.deepEqual(ids.filter((id) => !ARTICLE_CLAIM_IDS.includes(id)), [], "and nothing else");
    await hoverGreenland(page);
    const violations = await page.evaluate(() => window.__probe.violations);
    if (nonceBased) {
      // The page's own inline script without the nonce, and nothing else.
      assert.equal(violations.length, 1, violations.join("; "));
      assert.match(violations[0], /^script-src-elem blocked inline /);
      assert.equal(await page.evaluate(() => window.__inlineRan), undefined, "the inline script was blocked");
      log.errors = log.errors.filter((e) => !/^Executing inline script violates/.test(e));
    } else {
      assert.deepEqual(violations, [], "no CSP violations");
    }
    assert.deepEqual(log.errors, [], "no console errors");
    // The widget came from the bundle's folder on the CDN, and only from there.
    const fromSite = requested.filter((u) => u.startsWith(site.url)).map((u) => new URL(u).pathname);
    assert.deepEqual(fromSite.filter((p) => !["/www/index.html", "/www/engine-js.html", "/www/nonce.html", "/probe.js", "/www/demo.css", "/favicon.ico"].includes(p)), [], "nothing else from the site");
    const fromCdn = requested.filter((u) => u.startsWith(cdnOrigin())).map((u) => new URL(u).pathname);
    assert.deepEqual(fromCdn.filter((p) => !p.startsWith(BUNDLE_PATH)), [], "everything else from the bundle's folder");
    const engineFiles = fromCdn.filter((p) => p !== `${BUNDLE_PATH}embed.js`).map((p) => `./${p.slice(BUNDLE_PATH.length)}`);
    const dir = engine === "wasm" ? layout.wasm : layout.js;
    // Each once: the import() took the modules the preload checked, it fetched none again.
    assert.deepEqual(engineFiles.sort(), Object.keys(layout.integrity).filter((f) => f.startsWith(dir)).sort(), `the ${engine} engine's files, each fetched once, checked`);
    assert.equal(await page.evaluate(() => document.querySelectorAll('link[rel="modulepreload"]').length), 0, "the loader's preload links are gone");
    // ('strict-dynamic' lets any script add scripts: the nonce page has its own control.)
    if (!nonceBased) await assertPolicyEnforced(page);
  }

  test("WebAssembly engine under the printed policy: every article claim, the popup, no violation, the version", async (t) => {
    const { page, log, requested, response } = await open(t, "/www/index.html?csp=wasm");
    assert.equal(response.headers()["content-security-policy"], bundle.wasm.policy);
    await assertWorks(page, log, requested, "wasm");
  });

  test("the same with Trusted Types required", async (t) => {
    const { page, log, requested } = await open(t, "/www/index.html?csp=wasm-tt");
    await assertWorks(page, log, requested, "wasm");
  });

  test('JavaScript engine (data-engine="js") under the printed policy without \'wasm-unsafe-eval\'', async (t) => {
    const { page, log, requested, response } = await open(t, "/www/engine-js.html?csp=js");
    assert.doesNotMatch(response.headers()["content-security-policy"], /wasm-unsafe-eval/);
    await assertWorks(page, log, requested, "js");
    assert.ok(!requested.some((u) => u.endsWith(".wasm")), "no .wasm was downloaded");
  });

  test("the printed connect-src is needed: without it the .wasm is refused, and the loader says so", async (t) => {
    const { page, response } = await open(t, "/www/index.html?csp=wasm-no-connect");
    assert.doesNotMatch(response.headers()["content-security-policy"], /connect-src/);
    const event = await firstEvent(page);
    assert.equal(event.type, "factmark:error");
    const wasmUrl = `${cdnOrigin()}${BUNDLE_PATH}wasm/factmark_bg.wasm`;
    assert.ok(event.detail.message.startsWith(`${wasmUrl} did not load`), event.detail.message);
    const violations = await page.evaluate(() => window.__probe.violations);
    assert.equal(violations.length, 1, violations.join("; "));
    assert.ok(violations[0].startsWith(`connect-src blocked ${wasmUrl} `), violations[0]);
    assert.equal(await page.evaluate(() => document.querySelector("factmark-ui")), null);
  });

  test("a nonce-based policy with 'strict-dynamic': the nonce on the tag", async (t) => {
    const { page, log, requested, response } = await open(t, "/www/nonce.html?csp=nonce");
    assert.match(response.headers()["content-security-policy"], /'strict-dynamic'/);
    await assertWorks(page, log, requested, "wasm", { nonceBased: true });
  });

  test("a tag whose integrity does not match: the browser refuses the loader and nothing runs", async (t) => {
    const { page, requested } = await open(t, "/www/bad-integrity.html?csp=wasm");
    await page.waitForFunction(() => window.__probe.scriptErrors.length > 0, null, { timeout: 30_000 });
    assert.deepEqual(await page.evaluate(() => window.__probe.scriptErrors), [bundle.src]);
    assert.deepEqual(await page.evaluate(() => window.__probe.events), [], "no factmark event");
    assert.equal(await page.evaluate(() => document.querySelector("factmark-ui")), null);
    assert.deepEqual(requested.filter((u) => u.startsWith(cdnOrigin()) && !u.endsWith("/embed.js")), [], "no engine file was requested");
  });

  test("an engine file that was changed: the browser refuses it, the loader names it, nothing runs", async (t) => {
    assert.ok(tampered.length >= 7, `every engine file is tried (${tampered.length})`);
    for (const { file, page: urlPath, url } of tampered) {
      await t.test(file, async (t) => {
        const { page } = await open(t, urlPath);
        const event = await firstEvent(page);
        assert.equal(event.type, "factmark:error", `${file}: ${JSON.stringify(event)}`);
        assert.ok(event.detail.message.includes(`${url} did not load, or does not match its integrity hash (${layout.integrity[file]})`), event.detail.message);
        assert.equal(await page.evaluate(() => window.factmark), null);
        assert.equal(await page.evaluate(() => document.querySelector("factmark-ui")), null, "nothing was added to the page");
        assert.deepEqual(await page.evaluate(() => window.__probe.violations), [], "no CSP violations");
      });
    }
  });
});

describe("Firefox: the printed tag on a page of another origin", () => {
  let firefox;
  before(async () => {
    firefox = await startFirefox();
  });
  after(() => firefox?.close());

  /** Opens `urlPath` of the site and resolves to the widget's first event and what the page shows. */
  async function open(urlPath) {
    await firefox.cmd("POST", "/url", { url: site.url + urlPath });
    await waitFor("factmark:ready or factmark:error", () => firefox.run(() => window.__probe.events.length > 0 || window.__probe.scriptErrors.length > 0));
    return firefox.run(() => ({
      event: window.__probe.events[0] ?? null,
      scriptErrors: window.__probe.scriptErrors,
      violations: window.__probe.violations,
      // The claims matched in the demo's article itself (its readers' comments state related claims on purpose).
      ids: window.factmark
        ? [...new Set(window.factmark.matches().filter((m) => document.querySelector("#article").contains(m.range.commonAncestorContainer)).map((m) => m.claimId))].sort()
        : null,
      version: window.factmark?.version ?? null,
      ui: document.querySelectorAll("factmark-ui").length,
      entries: performance.getEntriesByType("resource").map((e) => e.name),
    }));
  }

  function assertWorks(shown, engine) {
    assert.equal(shown.event?.type, "factmark:ready", `mounted: ${JSON.stringify(shown.event)}`);
    assert.equal(shown.event.detail.engine, engine);
    assert.equal(shown.event.detail.version, VERSION);
    assert.equal(shown.version, VERSION, "window.factmark.version");
    assert.deepEqual(ARTICLE_CLAIM_IDS.filter((id) => !shown.ids.includes(id)), [], "every article claim is matched");
    assert.deepEqual(shown.ids.filter((id) => !ARTICLE_CLAIM_IDS.includes(id)), [], "and nothing else");
    assert.deepEqual(shown.violations, [], "no CSP violations");
    const fromCdn = shown.entries.filter((u) => u.startsWith(cdnOrigin())).map((u) => new URL(u).pathname);
    assert.ok(fromCdn.length > 0 && fromCdn.every((p) => p.startsWith(BUNDLE_PATH)), `from the bundle's folder: ${fromCdn.join(", ")}`);
  }

  test("WebAssembly engine under the printed policy: every article claim, the popup, no violation, the version", async () => {
    const shown = await open("/www/index.html?csp=wasm");
    assertWorks(shown, "wasm");
    assert.match(await hoverText(firefox, GREENLAND.text), /Greenland/);
  });

  test('JavaScript engine (data-engine="js") under the printed policy without \'wasm-unsafe-eval\'', async () => {
    const shown = await open("/www/engine-js.html?csp=js");
    assertWorks(shown, "js");
    assert.ok(!shown.entries.some((u) => u.endsWith(".wasm")), "no .wasm was downloaded");
    assert.match(await hoverText(firefox, GREENLAND.text), /Greenland/);
  });

  test("a tag whose integrity does not match: the browser refuses the loader and nothing runs", async () => {
    const shown = await open("/www/bad-integrity.html?csp=wasm");
    assert.deepEqual(shown.scriptErrors, [bundle.src]);
    assert.equal(shown.event, null, "no factmark event");
    assert.equal(shown.ui, 0);
  });

  test("an engine file that was changed: the browser refuses it, the loader names it, nothing runs", async (t) => {
    for (const { file, page: urlPath, url } of tampered) {
      await t.test(file, async () => {
        const shown = await open(urlPath);
        assert.equal(shown.event?.type, "factmark:error", `${file}: ${JSON.stringify(shown.event)}`);
        assert.ok(shown.event.detail.message.includes(`${url} did not load, or does not match its integrity hash`), shown.event.detail.message);
        assert.equal(shown.ui, 0, "nothing was added to the page");
      });
    }
  });
});
