#!/usr/bin/env node
/**
 * Writes the Firefox manifest of the factmark extension from the Chromium one.
 *
 *   node scripts/build/firefox-manifest.mjs <chromium manifest.json> <firefox manifest.json>
 *
 * Differences: Firefox's Manifest V3 has no background service workers, so the same
 * background.js runs as an event page (`background.scripts`); and Firefox needs an add-on
 * id (`browser_specific_settings.gecko`). Firefox 140 (an ESR) is the first desktop version
 * with the built-in data consent key (`data_collection_permissions`), Firefox for Android
 * 142 the first Android one; both have MV3 with `optional_host_permissions`.
 */
import { readFileSync, writeFileSync } from "node:fs";

const [src, dest] = process.argv.slice(2);
if (!src || !dest) {
  console.error("usage: firefox-manifest.mjs <chromium manifest.json> <firefox manifest.json>");
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(src, "utf8"));
const { service_worker: worker, ...background } = manifest.background ?? {};
if (!worker) throw new Error(`${src}: background.service_worker is missing`);
manifest.background = { ...background, scripts: [worker] };
manifest.browser_specific_settings = {
  gecko: {
    id: "factmark@example.org",
    strict_min_version: "140.0",
    // Firefox's built-in data consent: factmark collects and transmits nothing.
    data_collection_permissions: { required: ["none"] },
  },
  gecko_android: {
    strict_min_version: "142.0",
  },
};
writeFileSync(dest, JSON.stringify(manifest, null, 2) + "\n");
