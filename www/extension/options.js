/*
 * factmark — the extension's options page (options.html).
 *
 * Every setting lives in chrome.storage.local, where the content scripts read it and watch
 * for changes (see content.js), so nothing here has to message tabs:
 *   mode                 "highlight" | "wrap"
 *   disabledSites        hostnames where factmark is off (the toolbar button adds them)
 *   customDataset        the reader's dataset, as JSON text; absent = the bundled one
 *   customDatasetSource  where it came from (a file name or URL), to show here
 *
 * It also shows the shortcut of the keyboard command "next-claim" (chrome.commands; the
 * reader changes it in the browser's own shortcut settings, which a button opens).
 *
 * A dataset is checked by the widget itself before it is stored: it is mounted on a hidden
 * element of this page and unmounted again. mount() rejects with a message naming the JSON
 * path of the problem, which is shown (role="alert") while the dataset in use stays.
 */
import init, { mount } from "./pkg/factmark.js";

const $ = (id) => document.getElementById(id);
const storage = chrome.storage.local;

/** Instantiates the wasm once, on first use (the URL resolves next to pkg/factmark.js). */
let ready = null;
const widget = () => (ready ??= init());

function showError(message) {
  $("dataset-error").textContent = message;
}

// ---- highlight style -----------------------------------------------------------------

for (const radio of document.querySelectorAll('input[name="mode"]')) {
  radio.addEventListener("change", () => {
    if (radio.checked) void storage.set({ mode: radio.value });
  });
}

function renderMode(mode) {
  $(mode === "wrap" ? "mode-wrap" : "mode-highlight").checked = true;
}

// ---- keyboard ------------------------------------------------------------------------

/** Firefox (its shortcut settings are a page of about:addons, which extensions cannot open by URL). */
const isFirefox = typeof browser === "object" && typeof browser?.runtime?.getBrowserInfo === "function";

async function renderShortcut() {
  let shortcut = "";
  try {
    shortcut = (await chrome.commands.getAll()).find((c) => c.name === "next-claim")?.shortcut ?? "";
  } catch {
    // No commands API: nothing to show but the default.
  }
  $("shortcut-next").textContent = shortcut;
  $("shortcut-next").hidden = !shortcut;
  $("shortcut-none").hidden = Boolean(shortcut);
  const canOpen = typeof chrome.commands?.openShortcutSettings === "function" || !isFirefox;
  $("shortcut-settings").hidden = !canOpen;
  $("shortcut-where").textContent = isFirefox
    ? canOpen
      ? "(about:addons → ⚙ → Manage Extension Shortcuts)"
      : "about:addons → ⚙ → Manage Extension Shortcuts"
    : "(chrome://extensions/shortcuts)";
}

$("shortcut-settings").addEventListener("click", async () => {
  if (typeof chrome.commands?.openShortcutSettings === "function") {
    await chrome.commands.openShortcutSettings();
  } else {
    await chrome.tabs.create({ url: "chrome://extensions/shortcuts" });
  }
});

// A shortcut changed in the browser's settings shows when the reader comes back here.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") void renderShortcut();
});

// ---- disabled sites --------------------------------------------------------------------

function renderSites(sites) {
  const list = $("sites");
  list.replaceChildren(
    ...sites.map((hostname) => {
      const item = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = hostname;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "Turn on again";
      remove.setAttribute("aria-label", `Turn on again on ${hostname}`);
      remove.addEventListener("click", async () => {
        const { disabledSites = [] } = await storage.get("disabledSites");
        await storage.set({ disabledSites: disabledSites.filter((h) => h !== hostname) });
        // The button is gone with its row: keep keyboard focus in this section.
        $("sites-heading").focus();
      });
      item.append(name, remove);
      return item;
    }),
  );
  $("sites-empty").hidden = sites.length > 0;
  list.hidden = sites.length === 0;
}

// ---- dataset -----------------------------------------------------------------------------

function renderDataset({ customDataset, customDatasetSource }) {
  const current = $("dataset-current");
  if (customDataset === undefined) {
    current.textContent = "Using the bundled dataset.";
  } else {
    let name = "";
    try {
      name = JSON.parse(customDataset).name ?? "";
    } catch {
      // Stored only after validation, so it parses; a name is optional anyway.
    }
    current.textContent = `Using your dataset${name ? ` “${name}”` : ""} from ${customDatasetSource ?? "a file"}.`;
  }
  $("dataset-bundled").disabled = customDataset === undefined;
}

/**
 * Checks `text` with the widget and, if it is a valid dataset, makes it the one in use.
 * Otherwise shows why and keeps the current one.
 */
async function useDataset(text, source) {
  showError("");
  try {
    await widget();
    const fm = await mount({ root: $("validation-root"), mode: "wrap", skipLink: false, dataset: text });
    fm.unmount();
  } catch (err) {
    showError(`This dataset cannot be used (${source}): ${err instanceof Error ? err.message : err}. The dataset in use has not changed.`);
    return;
  }
  try {
    await storage.set({ customDataset: text, customDatasetSource: source });
  } catch (err) {
    // E.g. over the 10 MB storage quota.
    showError(`This dataset could not be saved: ${err.message}. The dataset in use has not changed.`);
  }
}

$("dataset-file").addEventListener("change", async (event) => {
  const file = event.target.files?.[0];
  if (!file) return;
  await useDataset(await file.text(), `the file ${file.name}`);
  event.target.value = "";
});

/** Sites whose server refused a cross-origin read: the next Load asks for access first. */
const needAccess = new Set();

/**
 * Asks the reader to let the extension read one site (optional_host_permissions). Browsers
 * only show the prompt during a user gesture, so this must be the handler's first await.
 */
async function requestAccess(pattern) {
  try {
    return await chrome.permissions.request({ origins: [pattern] });
  } catch {
    return false; // no gesture any more, or the browser cannot ask
  }
}

async function download(url) {
  const response = await fetch(url, { credentials: "omit", cache: "no-store" });
  if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
  return response.text();
}

$("dataset-url-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  let url;
  try {
    url = new URL($("dataset-url").value.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error();
  } catch {
    showError("Enter a web address starting with https:// (or http://).");
    return;
  }
  const pattern = `${url.protocol}//${url.hostname}/*`;
  // No prompt in the usual case: extension pages may read the sites the content script
  // runs on (all of them), and servers that allow CORS need no access at all. Only when the
  // download fails and the reader limited the extension's site access (browser settings)
  // does the next Load ask for that one site (optional_host_permissions).
  if (needAccess.has(pattern)) await requestAccess(pattern);
  showError("");
  let text;
  try {
    text = await download(url);
  } catch (err) {
    // fetch() rejects with a TypeError for network and CORS failures alike.
    if (err instanceof TypeError && !(await chrome.permissions.contains({ origins: [pattern] }))) {
      needAccess.add(pattern);
      showError(
        `Could not download ${url.href}: ${url.hostname} does not let other sites read it. ` +
          `Choose Load again and allow factmark to read ${url.hostname} when your browser asks. ` +
          "The dataset in use has not changed.",
      );
    } else {
      showError(`Could not download ${url.href}: ${err.message}. The dataset in use has not changed.`);
    }
    return;
  }
  await useDataset(text, url.href);
});

$("dataset-bundled").addEventListener("click", async () => {
  showError("");
  await storage.remove(["customDataset", "customDatasetSource"]);
});

// ---- state -------------------------------------------------------------------------------

async function render() {
  const settings = await storage.get(["mode", "disabledSites", "customDataset", "customDatasetSource"]);
  renderMode(settings.mode);
  renderSites(settings.disabledSites ?? []);
  renderDataset(settings);
}

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === "local") void render();
});
await Promise.all([render(), renderShortcut()]);
document.documentElement.dataset.ready = "true";
