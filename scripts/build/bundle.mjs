#!/usr/bin/env node
/**
 * Makes the publisher bundle: one folder to host anywhere and one tag to paste.
 * scripts/build.sh runs it after building pkg/ (the wasm engine) and pkg-js/ (the
 * JavaScript engine).
 *
 *   node scripts/build/bundle.mjs [--url URL] [--out DIR] [--npm-package DIR|none]
 *
 * Writes, VERSION being factmark's version (Cargo.toml [workspace.package]):
 *   DIR/factmark-VERSION/         the folder (DIR defaults to dist):
 *     embed.js                    the loader, finding the engines beside it (import.meta.url)
 *                                 and checking each engine file against its sha384
 *     wasm/                       the WebAssembly engine (factmark.js, factmark_bg.wasm,
 *                                 snippets/), the bundled dataset compiled in
 *     js/                         the JavaScript engine (wasm2js), for pages whose policy
 *                                 forbids WebAssembly, the bundled dataset compiled in
 *     README, LICENSE, CHANGELOG.md
 *     SHA384SUMS                  every other file's sha384 (`sha384sum -c SHA384SUMS`)
 *   DIR/factmark-VERSION.tar.gz   the folder as an archive (reproducible: same files,
 *                                 same bytes)
 *   pkg/embed/                    the same files inside the npm package (added to `files`
 *                                 in pkg/package.json, with CHANGELOG.md), so a package CDN
 *                                 serves .../factmark@VERSION/embed/embed.js; `none` skips it
 *
 * Then prints the tag to paste, with its integrity (SRI, sha384) and crossorigin, and what
 * a page's Content-Security-Policy must allow for each engine, for the folder served at
 * URL/factmark-VERSION/. URL (default "/", the root of the page's own site; also
 * FACTMARK_BUNDLE_URL) is an absolute URL or a path starting with "/".
 *
 * The loader's engine paths are relative to its own URL, and every file's name is under
 * the versioned folder, so a host can cache them forever.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cargoField, factmarkVersion } from "./version.mjs";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The loader's one line that says where the engines are, as it is in the repository. */
const REPO_LAYOUT_LINE = 'const LAYOUT = { wasm: "../pkg/", js: "../pkg-js/", integrity: null, preload: null };';

/** The engines: where each comes from, where it goes in the bundle, and its files. */
const ENGINES = {
  wasm: { from: "pkg", to: "wasm", files: ["factmark.js", "factmark_bg.wasm"] },
  js: { from: "pkg-js", to: "js", files: ["factmark.js", "factmark_bg.js", "factmark_bg.wasm.js"] },
};

function fail(message) {
  console.error(`bundle: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { url: process.env.FACTMARK_BUNDLE_URL || "/", out: "dist", npmPackage: "pkg" };
  const names = { "--url": "url", "--out": "out", "--npm-package": "npmPackage" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (!(flag in names)) fail(`unknown argument ${JSON.stringify(argv[i])}; usage: bundle.mjs [--url URL] [--out DIR] [--npm-package DIR|none]`);
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`${flag} needs a value`);
    args[names[flag]] = value;
  }
  return args;
}

/** sha384 of `bytes` as an SRI value. */
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join("/"))
    .sort();
}

/** The relative module specifiers a module imports (static and dynamic). */
function importsOf(source) {
  const found = new Set();
  for (const m of source.matchAll(/\b(?:import|export)\s[^"';]*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    found.add(m[1] ?? m[2]);
  }
  return [...found];
}

/**
 * The engine's modules in preload levels: those importing nothing first, then those whose
 * imports are all in earlier levels. Fails on an import the bundle lacks, or a cycle.
 */
function preloadLevels(folder, modules) {
  const deps = new Map();
  for (const file of modules) {
    const source = readFileSync(path.join(folder, file), "utf8");
    deps.set(
      file,
      importsOf(source).map((spec) => {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
        if (!modules.includes(target)) fail(`${file} imports ${spec} (${target}), which is not in the bundle`);
        return target;
      }),
    );
  }
  const levels = [];
  const placed = new Set();
  while (placed.size < modules.length) {
    const level = modules.filter((f) => !placed.has(f) && deps.get(f).every((d) => placed.has(d)));
    if (level.length === 0) fail(`the modules ${modules.filter((f) => !placed.has(f)).join(", ")} import each other in a cycle`);
    level.forEach((f) => placed.add(f));
    levels.push(level);
  }
  return levels;
}

/** Writes the bundle folder; returns what the printout needs. */
function writeBundle(folder, version) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });

  const integrity = {};
  const preload = {};
  for (const [name, engine] of Object.entries(ENGINES)) {
    const from = path.join(REPO_ROOT, engine.from);
    const snippets = filesUnder(path.join(from, "snippets")).map((f) => `snippets/${f}`);
    const files = [...engine.files, ...snippets];
    for (const file of files) {
      if (!existsSync(path.join(from, file))) fail(`${engine.from}/${file} is missing; run scripts/build.sh`);
      mkdirSync(path.dirname(path.join(folder, engine.to, file)), { recursive: true });
      cpSync(path.join(from, file), path.join(folder, engine.to, file));
      integrity[`./${engine.to}/${file}`] = sri(readFileSync(path.join(from, file)));
    }
    const modules = files.filter((f) => f.endsWith(".js")).map((f) => `${engine.to}/${f}`);
    preload[name] = preloadLevels(folder, modules).map((level) => level.map((f) => `./${f}`));
  }

  // The loader, with the bundle's layout: the engines beside it, each file's hash, the
  // order to preload them in.
  const loader = readFileSync(path.join(REPO_ROOT, "www/embed.js"), "utf8");
  if (loader.split(REPO_LAYOUT_LINE).length !== 2) fail(`www/embed.js must contain this line exactly once:\n${REPO_LAYOUT_LINE}`);
  const layout = { wasm: `./${ENGINES.wasm.to}/`, js: `./${ENGINES.js.to}/`, integrity, preload };
  const embed = loader.replace(REPO_LAYOUT_LINE, () => `const LAYOUT = ${JSON.stringify(layout)};`);
  writeFileSync(path.join(folder, "embed.js"), embed);
  const tagIntegrity = sri(Buffer.from(embed));

  cpSync(path.join(REPO_ROOT, "LICENSE"), path.join(folder, "LICENSE"));
  cpSync(path.join(REPO_ROOT, "CHANGELOG.md"), path.join(folder, "CHANGELOG.md"));
  const repository = cargoField("package", "repository") ?? "https://github.com/factmark/factmark";
  const readme = [
    `factmark ${version}: a fact-check widget for web pages, publisher bundle. MIT licence (LICENSE).`,
    "1. Put this folder on any web server, at any path; keep its name and its files as they are.",
    "   For pages on other origins the server must send Access-Control-Allow-Origin (for example *).",
    "2. Paste into the <head> of your pages, with src the URL of embed.js where you put the folder:",
    `   ${scriptTag(`/factmark-${version}/embed.js`, tagIntegrity)}`,
    "3. A page with a Content-Security-Policy must allow, ORIGIN being the folder's origin ('self' on your own):",
    "   script-src ORIGIN 'wasm-unsafe-eval' and connect-src ORIGIN, for the WebAssembly engine (the default);",
    "   or only script-src ORIGIN with data-engine=\"js\" on the tag (the JavaScript engine: slower, no WebAssembly).",
    `Options (data-mode, data-root, data-dataset, ...), events and the API: ${repository}#embed-it-with-a-script-tag`,
    "Changes: CHANGELOG.md. Every file's sha384: SHA384SUMS (sha384sum -c SHA384SUMS). The claims dataset is built into both engines.",
  ];
  writeFileSync(path.join(folder, "README"), readme.join("\n") + "\n");

  const sums = filesUnder(folder)
    .map((f) => `${createHash("sha384").update(readFileSync(path.join(folder, f))).digest("hex")}  ${f}`)
    .join("\n");
  writeFileSync(path.join(folder, "SHA384SUMS"), sums + "\n");
  return { tagIntegrity, files: filesUnder(folder) };
}

/** A reproducible .tar.gz of `folder` (sorted names, fixed owner and times, no gzip timestamp). */
function writeArchive(folder, archive) {
  let mtime = "0";
  try {
    mtime = execFileSync("git", ["log", "-1", "--format=%ct"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || "0";
  } catch {
    // Not a git checkout: the epoch will do.
  }
  const tar = execFileSync(
    "tar",
    ["--sort=name", `--mtime=@${mtime}`, "--owner=0", "--group=0", "--numeric-owner", "--mode=u+rw,go+r,go-w", "-C", path.dirname(folder), "-cf", "-", path.basename(folder)],
    { maxBuffer: 1 << 30 },
  );
  writeFileSync(archive, execFileSync("gzip", ["-9", "-n", "-c"], { input: tar, maxBuffer: 1 << 30 }));
}

/** Puts the folder in the npm package as embed/, listed in `files` with CHANGELOG.md. */
function addToPackage(folder, pkgDir, version) {
  const manifestFile = path.join(pkgDir, "package.json");
  if (!existsSync(manifestFile)) fail(`${manifestFile} is missing; run scripts/build.sh`);
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  if (manifest.version !== version) fail(`${manifestFile} is version ${manifest.version}, Cargo.toml ${version}: rebuild it (scripts/build.sh)`);
  rmSync(path.join(pkgDir, "embed"), { recursive: true, force: true });
  cpSync(folder, path.join(pkgDir, "embed"), { recursive: true });
  cpSync(path.join(REPO_ROOT, "CHANGELOG.md"), path.join(pkgDir, "CHANGELOG.md"));
  manifest.files = [...new Set([...(manifest.files ?? []), "embed/", "CHANGELOG.md"])];
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
}

function scriptTag(src, integrity) {
  return `<script type="module" async src="${src}" integrity="${integrity}" crossorigin="anonymous"></script>`;
}

/** What the page's policy must allow, for the folder at `base`. */
function policies(base) {
  const origin = base.startsWith("/") ? "'self'" : new URL(base).origin;
  const self = origin === "'self'" ? "'self'" : `'self' ${origin}`;
  return {
    origin,
    wasm: { additions: [`script-src ${origin} 'wasm-unsafe-eval'`, `connect-src ${origin}`], example: `default-src 'self'; script-src ${self} 'wasm-unsafe-eval'; connect-src ${self}; style-src 'self'` },
    js: { additions: [`script-src ${origin}`], example: `default-src 'self'; script-src ${self}; style-src 'self'` },
  };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const version = factmarkVersion();
  let base = args.url;
  if (!base.startsWith("/")) {
    try {
      const u = new URL(base);
      if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error("not http(s)");
    } catch {
      fail(`--url must be an http(s) URL or a path starting with "/", got ${JSON.stringify(base)}`);
    }
  }
  if (!base.endsWith("/")) base += "/";

  const name = `factmark-${version}`;
  const out = path.resolve(REPO_ROOT, args.out);
  const folder = path.join(out, name);
  const archive = path.join(out, `${name}.tar.gz`);
  const { tagIntegrity, files } = writeBundle(folder, version);
  writeArchive(folder, archive);
  if (args.npmPackage !== "none") addToPackage(folder, path.resolve(REPO_ROOT, args.npmPackage), version);

  const rel = (p) => path.relative(process.cwd(), p) || ".";
  const src = base.startsWith("/") ? `${base}${name}/embed.js` : new URL(`${name}/embed.js`, base).href;
  const csp = policies(base);
  const cdnSrc = `https://cdn.jsdelivr.net/npm/factmark@${version}/embed/embed.js`;
  const lines = [
    `factmark ${version}, publisher bundle:`,
    `  ${rel(folder)}/  the folder to host (${files.length} files: embed.js, wasm/, js/, README, LICENSE, CHANGELOG.md, SHA384SUMS)`,
    `  ${rel(archive)}  the same folder as an archive`,
    ...(args.npmPackage !== "none" ? [`  ${rel(path.resolve(REPO_ROOT, args.npmPackage))}/embed/  the same files in the npm package`] : []),
    "",
    `Put the folder at ${base}${name}/ and paste into the <head> of your pages:`,
    "",
    scriptTag(src, tagIntegrity),
    "",
    `Content-Security-Policy: if your pages send one, it must also allow (${csp.origin} serves the folder):`,
    `  WebAssembly engine (the default):`,
    ...csp.wasm.additions.map((d) => `    ${d}`),
    `    e.g. Content-Security-Policy: ${csp.wasm.example}`,
    `  JavaScript engine (add data-engine="js" to the tag; slower, needs no WebAssembly):`,
    ...csp.js.additions.map((d) => `    ${d}`),
    `    e.g. Content-Security-Policy: ${csp.js.example}`,
    "  Add these sources to the directive; where the policy has no such directive, add one with",
    "  default-src's sources and these. A nonce-based policy with 'strict-dynamic' needs instead",
    "  your nonce on the tag, 'wasm-unsafe-eval' (WebAssembly engine) and the connect-src above.",
    ...(csp.origin === "'self'"
      ? []
      : [`  ${csp.origin} must send Access-Control-Allow-Origin (the files load as CORS module scripts and fetches).`]),
    "",
    "For another place: FACTMARK_BUNDLE_URL=https://static.example.com/js/ scripts/build.sh (or",
    "node scripts/build/bundle.mjs --url URL) prints the tag and policy for the folder under that URL.",
    `From a package CDN, once the npm package (pkg/) is published, the same file (origin https://cdn.jsdelivr.net):`,
    "",
    scriptTag(cdnSrc, tagIntegrity),
  ];
  console.log(lines.join("\n"));
}

main();
