#!/usr/bin/env node
/**
 * factmark's version, from its one place: `version` under [workspace.package] in the
 * repository's Cargo.toml (the crate, the CLI, the npm package, the widget's
 * `Factmark.version`, the extension and the publisher bundle all take it from there).
 *
 *   node scripts/build/version.mjs        prints it, e.g. 0.2.0
 *
 * Scripts and tests import it instead:  import { factmarkVersion } from "./version.mjs";
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The value of `key = "…"` in table `[table]` of Cargo.toml (a plain string), or null. */
export function cargoField(table, key, file = path.join(REPO_ROOT, "Cargo.toml")) {
  let inTable = false;
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      inTable = line === `[${table}]`;
      continue;
    }
    const m = inTable && line.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`));
    if (m) return m[1];
  }
  return null;
}

/** factmark's version, e.g. "0.2.0". Throws when Cargo.toml has none. */
export function factmarkVersion() {
  const version = cargoField("workspace.package", "version");
  if (!version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    throw new Error(`Cargo.toml: no valid version under [workspace.package] (got ${JSON.stringify(version)})`);
  }
  return version;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) console.log(factmarkVersion());
