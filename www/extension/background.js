/*
 * factmark — browser extension background script: a service worker in Chromium, an event
 * page (background.scripts) in Firefox, whose Manifest V3 has no service workers. The same
 * file serves both; Firefox also exposes the `chrome.*` namespace used here.
 *
 * It owns the toolbar button:
 *   - The badge shows, per tab, what the content script reports: the number of claims
 *     found (empty for none), "off" when the reader turned factmark off for the site, "!"
 *     when the widget could not run there (rare: on pages whose CSP forbids WebAssembly
 *     the content script runs the JavaScript engine; the tooltip says so).
 *   - A click toggles factmark for the tab's site (its hostname) in
 *     chrome.storage.local `disabledSites`. Content scripts watch that key, so every open
 *     tab of the site unmounts (or mounts again) by itself, and reports its new state.
 *
 *   - Its tooltip also names the keyboard command (manifest `commands`, "next-claim",
 *     Alt+Shift+J unless the reader changed it in the browser's shortcut settings), which
 *     asks the tab's content script to move to the next claim and open its fact-check.
 *
 * No "tabs" permission: the tab's hostname is asked from the tab's own content script
 * (chrome.tabs.sendMessage needs no permission), so the extension never reads tab URLs.
 * The worker keeps no state in memory (Chromium stops idle service workers at any time).
 */

/** Messages from the content script; see content.js `report()` and `shortcut()`. */
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.type === "factmark:shortcut") {
    nextClaimShortcut().then((shortcut) => sendResponse({ shortcut }));
    return true; // answers asynchronously
  }
  const tabId = sender.tab?.id;
  if (tabId === undefined || message?.type !== "factmark:state") return;
  void showState(tabId, message);
});

/**
 * The shortcut of the "next-claim" command as the browser has it now ("Alt+Shift+J", or
 * what the reader set instead), or "" when it has none (unset, or taken by another
 * extension).
 * @returns {Promise<string>}
 */
async function nextClaimShortcut() {
  try {
    const commands = await chrome.commands.getAll();
    return commands.find((c) => c.name === "next-claim")?.shortcut ?? "";
  } catch {
    return "";
  }
}

/** Updates the badge and the button's tooltip (its accessible name) for one tab. */
async function showState(tabId, { state, count = 0, engine, hostname = "" }) {
  let text = "";
  let title = "factmark";
  if (state === "on") {
    text = count > 0 ? String(count) : "";
    const claims = count === 1 ? "1 fact-checked claim" : `${count} fact-checked claims`;
    // The page forbids WebAssembly: worth knowing if the page feels slower.
    const slow = engine === "js" ? " (JavaScript engine: this page does not allow WebAssembly)" : "";
    title = `factmark: ${claims} on this page${slow}. Click to turn factmark off on ${hostname}.`;
    const shortcut = count > 0 ? await nextClaimShortcut() : "";
    if (shortcut) title += ` Next claim: ${shortcut}.`;
  } else if (state === "off") {
    text = "off";
    title = `factmark is off on ${hostname}. Click to turn it on.`;
  } else if (state === "error") {
    text = "!";
    title = "factmark could not run on this page.";
  }
  try {
    await chrome.action.setBadgeText({ tabId, text });
    await chrome.action.setTitle({ tabId, title });
  } catch {
    // The tab was closed in the meantime: nothing to update.
  }
}

/**
 * Turns factmark off for the tab's site, or back on. This is the toolbar button's click
 * handler; it is also a global of the worker so tests can call it (they cannot click the
 * toolbar). Resolves to the site's new state, or null when the tab has no content script
 * (browser pages, the Web Store, PDFs, …) and so nothing to toggle.
 * @param {{ id: number }} tab
 * @returns {Promise<{ hostname: string, enabled: boolean } | null>}
 */
async function toggleSite(tab) {
  let hostname;
  try {
    ({ hostname } = await chrome.tabs.sendMessage(tab.id, { type: "factmark:hostname" }));
  } catch {
    return null;
  }
  if (!hostname) return null;
  const { disabledSites = [] } = await chrome.storage.local.get("disabledSites");
  const enabled = disabledSites.includes(hostname);
  const next = enabled ? disabledSites.filter((h) => h !== hostname) : [...disabledSites, hostname].sort();
  // Content scripts of this site see the change (storage.onChanged) and update themselves.
  await chrome.storage.local.set({ disabledSites: next });
  return { hostname, enabled };
}
globalThis.toggleSite = toggleSite;

chrome.action.onClicked.addListener((tab) => void toggleSite(tab));

/**
 * Runs a keyboard command (manifest `commands`) on `tab` (the active tab when the browser
 * does not say). "next-claim" asks the tab's content script to move to the next claim and
 * open its fact-check. The commands listener calls it; it is also a global of the worker so
 * tests can call it (they cannot press a browser shortcut). Resolves to the content
 * script's answer ({ moved }), or null when the tab has no content script or the command
 * is unknown.
 * @param {string} command
 * @param {{ id: number } | undefined} tab
 */
async function runCommand(command, tab) {
  if (command !== "next-claim") return null;
  try {
    tab ??= (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0];
    if (tab?.id === undefined) return null;
    return (await chrome.tabs.sendMessage(tab.id, { type: "factmark:next" })) ?? null;
  } catch {
    return null; // a page without the content script (browser pages, the Web Store, …)
  }
}
globalThis.runCommand = runCommand;

chrome.commands.onCommand.addListener((command, tab) => void runCommand(command, tab));
