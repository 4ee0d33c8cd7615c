// The npm package wasm-pack builds in pkg/ (with the publisher bundle that scripts/build/bundle.mjs
// adds as embed/): would `npm pack` (and so `npm publish`) ship
// what a consumer needs, with the metadata a registry page needs? pkg/package.json is
// generated from Cargo.toml's [package] metadata: fix a failure there, not in pkg/.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { factmarkVersion } from "../../scripts/build/version.mjs";
import { REPO_ROOT, assertPrerequisites } from "./helpers.mjs";

const PKG = path.join(REPO_ROOT, "pkg");

let manifest;
let packed; // paths npm pack would put in the tarball, relative to pkg/

before(() => {
  assertPrerequisites();
  manifest = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
  // --dry-run: lists the tarball's files without writing it. npm's warnings go to stderr.
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PKG, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [report] = JSON.parse(out);
  packed = report.files.map((f) => f.path);
});

/** Every file under `dir` (relative to `base`, default pkg/, with forward slashes). */
function filesUnder(dir, base = PKG) {
  return readdirSync(path.join(base, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(base, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join("/"));
}

const nonEmptyString = (v) => typeof v === "string" && v.trim().length > 0;

describe("npm package (pkg/)", () => {
  test("npm pack includes the module, the wasm, the types, the snippets, README.md and LICENSE", () => {
    for (const file of ["package.json", "factmark.js", "factmark_bg.wasm", "factmark.d.ts", "README.md", "LICENSE"]) {
      assert.ok(packed.includes(file), `${file} is packed (packed: ${packed.join(", ")})`);
    }
    const snippets = filesUnder("snippets");
    assert.ok(snippets.length > 0, "pkg/snippets/ has files");
    for (const file of snippets) assert.ok(packed.includes(file), `${file} is packed`);
  });

  test("every module factmark.js imports is packed", () => {
    // The glue imports the #[wasm_bindgen(module = ...)] snippets by relative path;
    // a missing one would only fail in the consumer's bundler.
    const js = readFileSync(path.join(PKG, "factmark.js"), "utf8");
    const imports = [...js.matchAll(/\bfrom\s+["'](\.\/[^"']+)["']/g)].map((m) => path.posix.normalize(m[1]));
    assert.ok(imports.some((p) => p.startsWith("snippets/")), `factmark.js imports its snippets (found: ${imports.join(", ") || "none"})`);
    for (const p of imports) assert.ok(packed.includes(p), `${p} (imported by factmark.js) is packed`);
  });

  test("package.json has the metadata and entry points a consumer and the registry need", () => {
    const problems = [];
    const need = (ok, what) => ok || problems.push(what);
    need(manifest.name === "factmark", `name: "factmark" (got ${JSON.stringify(manifest.name)})`);
    need(nonEmptyString(manifest.version), "version");
    need(nonEmptyString(manifest.description), "description");
    need(nonEmptyString(manifest.license), "license");
    const repo = typeof manifest.repository === "string" ? manifest.repository : manifest.repository?.url;
    // No repository is named until one exists (Cargo.toml states only what is true); one named must be a URL.
    need(repo === undefined || /^(git\+)?https:\/\//.test(repo), `repository: an https URL if given (got ${JSON.stringify(repo)})`);
    need(Array.isArray(manifest.keywords) && manifest.keywords.length > 0, "keywords (non-empty array)");
    need(Array.isArray(manifest.files) && manifest.files.length > 0, "files (non-empty array)");
    need(manifest.type === "module", `type: "module" (got ${JSON.stringify(manifest.type)})`);
    need(manifest.types === "factmark.d.ts", `types: "factmark.d.ts" (got ${JSON.stringify(manifest.types)})`);
    const entry = manifest.module ?? manifest.main;
    need(entry === "factmark.js", `module or main: "factmark.js" (got module ${JSON.stringify(manifest.module)}, main ${JSON.stringify(manifest.main)})`);
    assert.deepEqual(problems, [], "pkg/package.json is missing or has wrong fields (set them in Cargo.toml [package])");
  });

  test("the entry points named in package.json exist and are packed", () => {
    for (const field of ["main", "module", "types"]) {
      const file = manifest[field];
      if (file === undefined) continue;
      assert.ok(existsSync(path.join(PKG, file)), `${field}: ${file} exists in pkg/`);
      assert.ok(packed.includes(path.posix.normalize(file)), `${field}: ${file} is packed`);
    }
  });
});

describe("the publisher bundle in the npm package, and one version everywhere", () => {
  const VERSION = factmarkVersion();
  const BUNDLE = path.join(REPO_ROOT, "dist", `factmark-${VERSION}`);

  test("npm pack's tarball holds the publisher bundle as embed/, byte for byte, and CHANGELOG.md", (t) => {
    assert.ok(existsSync(BUNDLE), `${BUNDLE} exists (scripts/build.sh makes it)`);
    assert.ok(manifest.files.includes("embed/"), `files lists embed/ (${manifest.files})`);
    const work = mkdtempSync(path.join(tmpdir(), "factmark-pack-"));
    t.after(() => rmSync(work, { recursive: true, force: true }));
    const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: PKG, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const [{ filename }] = JSON.parse(out);
    execFileSync("tar", ["-xzf", path.join(work, filename), "-C", work]);
    const unpacked = path.join(work, "package");
    const bundleFiles = filesUnder(".", BUNDLE).sort();
    assert.deepEqual(filesUnder("embed", unpacked).map((f) => f.slice("embed/".length)).sort(), bundleFiles, "embed/ is the bundle's file list");
    for (const file of bundleFiles) {
      assert.ok(readFileSync(path.join(unpacked, "embed", file)).equals(readFileSync(path.join(BUNDLE, file))), `embed/${file} is the bundle's`);
    }
    assert.ok(existsSync(path.join(unpacked, "CHANGELOG.md")), "CHANGELOG.md is packed");
    // Bundler users keep the same entry point.
    assert.ok(existsSync(path.join(unpacked, "factmark.js")) && existsSync(path.join(unpacked, "factmark_bg.wasm")));
  });

  test("the version is Cargo.toml's in the npm package, the bundle's path and loader, and both extensions", () => {
    assert.equal(manifest.version, VERSION, "pkg/package.json");
    assert.ok(existsSync(path.join(REPO_ROOT, "dist", `factmark-${VERSION}.tar.gz`)), "dist/factmark-VERSION.tar.gz");
    assert.match(readFileSync(path.join(BUNDLE, "README"), "utf8"), new RegExp(`^factmark ${VERSION.replaceAll(".", "\\.")}: `));
    for (const dir of ["extension", "extension-firefox"]) {
      const ext = JSON.parse(readFileSync(path.join(REPO_ROOT, "dist", dir, "manifest.json"), "utf8"));
      assert.equal(ext.version, VERSION, `dist/${dir}/manifest.json`);
    }
  });
});
