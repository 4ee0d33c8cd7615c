// factmark in a Vite + TypeScript app: mount the widget on the article and list the
// claims it found. Everything is typed by the package's own factmark.d.ts.
import init, { mount, type Factmark, type FactmarkMatch, type MountOptions } from "factmark";
import "./style.css";

/** The element with `id`, checked to be of the expected class (no casts). */
function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing or is not a ${type.name}`);
  return el;
}

const article = byId("article", HTMLElement);
const status = byId("status", HTMLParagraphElement);
const list = byId("claims", HTMLOListElement);
const toggle = byId("toggle", HTMLButtonElement);

type State = "loading" | "ready" | "off" | "error";

/** Shows a message; `data-state` lets tests (and CSS) follow along. */
function setStatus(state: State, message: string): void {
  status.dataset.state = state;
  status.textContent = message;
}

/** One list item per match, in page order. Built with textContent only: no HTML parsing. */
function renderMatches(matches: readonly FactmarkMatch[]): void {
  const items = matches.map((match) => {
    const item = document.createElement("li");
    item.dataset.claimId = match.claimId;
    item.dataset.rating = match.rating;

    const id = document.createElement("code");
    id.textContent = match.claimId;
    const rating = document.createElement("span");
    rating.className = "rating";
    rating.textContent = match.rating;
    const text = document.createElement("q");
    text.textContent = match.text;

    item.append(id, rating, text);
    return item;
  });
  list.replaceChildren(...items);
}

async function main(): Promise<void> {
  // No argument: the generated glue fetches `new URL("factmark_bg.wasm", import.meta.url)`,
  // which Vite rewrites to the hashed wasm file it emits under assets/.
  await init();

  // The bundled dataset; mode defaults to "highlight" where the browser supports the
  // CSS Custom Highlight API (no DOM changes), else "wrap".
  const options: MountOptions = { root: article };

  // The handle is the only way to unmount() (the widget itself stays mounted and
  // working until then, even if the handle is dropped).
  let widget: Factmark | null = null;

  const start = async (): Promise<void> => {
    setStatus("loading", "Checking the article…");
    widget = await mount(options);
    const matches = widget.matches();
    renderMatches(matches);
    setStatus("ready", `${matches.length} claims found (mode: ${widget.mode ?? "?"}).`);
    toggle.textContent = "Turn fact-checks off";
  };

  const stop = (): void => {
    widget?.unmount();
    widget = null;
    list.replaceChildren();
    setStatus("off", "Fact-checks are off.");
    toggle.textContent = "Turn fact-checks on";
  };

  toggle.addEventListener("click", () => {
    toggle.disabled = true;
    const next = widget ? Promise.resolve(stop()) : start();
    next.then(
      () => {
        toggle.disabled = false;
      },
      (err: unknown) => fail(err),
    );
  });

  await start();
  toggle.disabled = false;
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  setStatus("error", `factmark failed: ${message}`);
  console.error(err);
}

main().catch(fail);
