//! The JS API: `mount(options)` and the `Factmark` handle it resolves to.
//!
//! Every failure becomes a rejected promise with an `Error` whose message
//! says what is wrong and where (`options.mode: …`, or a dataset path such
//! as `claims[3].sources[0].url: …`); nothing is added to the page before
//! options and dataset are valid, and a failure after that removes what was
//! added. A dataset's `Error` also carries the first problem's parts:
//! `path`, and `line` and `column` where the text is not JSON.

use super::paint::css_highlights_supported;
use super::scan::Reach;
use super::schedule::Slice;
use super::session::{Controls, Mode, Session};
use crate::dataset::{Dataset, DatasetErrors};
use crate::matcher::{Matcher, MatcherBuilder};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A normalised verdict. */
export type Rating = "true" | "mostly-true" | "mixed" | "misleading" | "false" | "unverified" | "opinion";

/** Options for {@link mount}. Every field is optional. */
export interface MountOptions {
  /** The element whose text is checked. Default: `document.body`. */
  root?: Element;
  /**
   * A dataset replacing the bundled one, in factmark's format: an object or
   * its JSON text. The widget does not read schema.org ClaimReview JSON-LD:
   * convert it once with the CLI (`factmark import reviews.json > dataset.json`).
   */
  dataset?: FactmarkDataset | object | string;
  /**
   * `"highlight"` paints with the CSS Custom Highlight API and never changes
   * the page's DOM; `"wrap"` puts `<factmark-mark>` elements around matches.
   * Default: `"highlight"` where the browser supports it, else `"wrap"`.
   */
  mode?: "wrap" | "highlight";
  /**
   * Re-scan when the content under `root` changes (its light DOM, and the
   * shadow roots and frame documents read by the last scan). Default: `false`.
   */
  observe?: boolean;
  /**
   * Also check the text inside open shadow roots under `root` (at any depth).
   * Closed shadow roots cannot be read by scripts and are never checked.
   * Default: `false`.
   */
  shadowRoots?: boolean;
  /**
   * Also check the documents of same-origin iframes under `root` (loaded by
   * the time of the scan). Cross-origin and sandboxed frames are skipped
   * silently. Default: `false`.
   */
  frames?: boolean;
  /**
   * A skip link for keyboard and screen-reader users: a button in the
   * widget's own `<factmark-ui>` host, which then goes first in `<body>`
   * (among the page's first Tab stops), visually hidden until focused. It
   * says how many claims the page holds and goes to the first on Enter;
   * focused, it offers a list of the claims by their text. `false` adds
   * none of it (the host then goes last in `<body>`, as without).
   * Default: `true`.
   */
  skipLink?: boolean;
  /**
   * Another key that moves to the next claim, as the embedder binds it
   * (the extension passes its keyboard command's shortcut): the popup names
   * it beside Alt+Shift+↓. Shown as text; at most 40 characters.
   */
  nextKey?: string;
}

/**
 * Mounts the widget on `options.root` (default `document.body`): scans its
 * text, highlights the claims it finds, and resolves once that first scan is
 * done. Rejects with an `Error` naming what is wrong and where (an option or
 * a dataset path); the page is then untouched. For a bad dataset, the
 * `Error` is a {@link FactmarkDatasetError}.
 */
export function mount(options?: MountOptions): Promise<Factmark>;

/**
 * The `Error` {@link mount} rejects with for a bad dataset: its message
 * names the first problem (and says how many more there are); these
 * properties are that problem's parts.
 */
export interface FactmarkDatasetError extends Error {
  /** The JSON path of the value (`claims[3].sources[0].url`); `""` for the whole dataset. */
  path: string;
  /** For dataset text that is not JSON: the line where it stops being JSON, from 1. */
  line?: number;
  /** For dataset text that is not JSON: the column in that line, from 1, in characters. */
  column?: number;
}

/**
 * Adds highlight mode's style rules to `document` now, for the next
 * {@link mount} on it to take over. Adding style rules makes the browser
 * restyle every element already on the page (about 130 ms on a 5 MB
 * article); rules added before the content is there cost nothing. So call
 * this as early as possible: from a script in `<head>`, or an extension's
 * `document_start` content script. The next `mount()` on `document` in
 * highlight mode uses these rules (and removes them when unmounted), and
 * {@link PreparedHighlights.release} then does nothing; call `release()`
 * in any case once that mount has settled, so that rules no mount took
 * (a wrap-mode mount, a failed one, none at all) are removed. Does nothing
 * where the browser lacks the CSS Custom Highlight API. The saving needs
 * highlight styles that inherit (Chromium): elsewhere the mount replaces
 * these rules with its own, and the browser restyles the page as without.
 */
export function prepareHighlights(document?: Document): PreparedHighlights;

/** A claim found on the page. */
export interface FactmarkMatch {
  /** The claim's id in the dataset. */
  claimId: string;
  rating: Rating;
  /** The matched page text. */
  text: string;
  /** 1 for the dataset's own wording; lower for similar wordings. */
  score: number;
  /** `"same"`: the dataset's wording; `"similar"`: the same claim worded differently. */
  kind: "same" | "similar";
  /** `"disputes"` when the text negates or disputes the claim ("It is false that …"). */
  stance: "states" | "disputes";
  /** `"high"` for the same wording or a close one; `"medium"` otherwise. */
  confidence: "high" | "medium";
  /** Why it matched: the page's words that matched the claim's terms. */
  words: string[];
  /** The matched page text as a DOM Range. */
  range: Range;
}

/** A dataset (the format of `data/claims.json`). */
export interface FactmarkDataset {
  factmark: 1;
  name?: string;
  language?: string;
  /** Days after a claim's `asOf` (its `reviewed` without one) past which the popup says the facts may be out of date. */
  staleAfterDays?: number;
  /** Named concepts that claims' frames refer to as `"@name"`. */
  concepts?: Record<string, FactmarkConcept>;
  /** Older form: groups of interchangeable wordings for phrasings and key terms. */
  aliases?: string[][];
  claims: FactmarkClaim[];
}

/** An entity, quantity or predicate, and the wordings that name it. */
export interface FactmarkConcept {
  /** Wordings that name it. */
  terms: string[];
  /** Wordings that refer back to it once named earlier in the block ("he", "the alliance"). */
  refer?: string[];
  /** Wordings that say its opposite: near a match they drop it. */
  opposite?: string[];
  /** Only a predicate (the default) can be negated. */
  kind?: "entity" | "quantity" | "predicate";
  /** The page's topic: its refer wordings reach back across blocks. */
  topic?: boolean;
}

/** A frame's slot: a `"@concept"`, a literal wording, or alternatives; `">…"` first means "after the slot before". */
export type FactmarkSlot = string | string[];

/** One reviewed claim. */
export interface FactmarkClaim {
  /** Lowercase letters, digits and `-`. */
  id: string;
  rating: Rating;
  /** The claim as reviewed. */
  claim: string;
  /** Wordings to look for (at least three words each). */
  phrasings: string[];
  /** One line; for opinions, context rather than a verdict. */
  verdict: string;
  note: string;
  uncertain?: string;
  sources: FactmarkSource[];
  /** When the review was written: `YYYY-MM-DD`. */
  reviewed: string;
  /** How current the facts are: the date of the newest fact the verdict rests on (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, not after `reviewed`). */
  asOf?: string;
  /** This claim's own window, overriding the dataset's `staleAfterDays`. */
  staleAfterDays?: number;
  /** Slots a sentence must fill to state the claim in other words. */
  frames?: FactmarkSlot[][];
  /** Frames of the facts that correct the claim: a sentence filling one disputes it. */
  correctionFrames?: FactmarkSlot[][];
  /** Wordings of those correcting facts. */
  corrections?: string[];
  /** Older form: one frame of literal slots. */
  keyTerms?: string[][];
  /** Findings of the editorial checks accepted on purpose. */
  exceptions?: { check: "quote" | "phrasing"; text: string; reason: string }[];
  /** The reviewer's own verdict label, shown beside the rating. */
  label?: string;
  /** Who made the claim. */
  claimant?: string;
  /** When the claim was made: `YYYY[-MM[-DD]]`. */
  claimDate?: string;
  /** Pages known to make the claim. */
  appearances?: string[];
  /** BCP 47 language of the claim, when it differs from the dataset's. */
  language?: string;
  /** Every published review of the claim, newest first. */
  reviews?: { publisher: string; label?: string; rating: Rating; url: string; date?: string }[];
}

/** A cited source. */
export interface FactmarkSource {
  publisher: string;
  title: string;
  /** Absolute `http:` or `https:` URL. */
  url: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date?: string;
  /** Short passages the source contains word for word (what notes may quote). */
  quotes?: string[];
}
"#;

thread_local! {
    static BUNDLED: RefCell<Option<(Rc<Dataset>, Rc<Matcher>)>> = const { RefCell::new(None) };
    /// Every mounted widget. The registry keeps a widget alive until
    /// `unmount()`, even if the page drops (and the GC frees) its handle.
    static MOUNTED: RefCell<Vec<Session>> = const { RefCell::new(Vec::new()) };
    /// Roots whose first scan is still running (not yet in MOUNTED).
    static MOUNTING: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// Highlight rules added by `prepareHighlights()`, oldest first, that
    /// no mount has taken yet.
    static PREPARED: RefCell<Vec<Prepared>> = const { RefCell::new(Vec::new()) };
}

/// Claims parsed and validated, or added to the index, between clock
/// checks. Small, because the first claims also pay for compiling the code
/// they run (the browser compiles WebAssembly functions on first call).
const CLAIMS_PER_CHECK: usize = 2;

/// A dataset and its matcher, built in time slices: parsing, validating
/// and indexing a dataset of thousands of claims takes many. The bundled
/// dataset is built once per page.
async fn prepare(option: Option<&JsValue>) -> Result<(Rc<Dataset>, Rc<Matcher>), JsValue> {
    let Some(option) = option else {
        if let Some(built) = BUNDLED.with(|b| b.borrow().clone()) {
            return Ok(built);
        }
        // build.rs validated the bundled dataset, wrote its claims and
        // compiled its matcher, so neither can fail here.
        let built = bundled().map_err(|e| err(format!("factmark: bundled dataset: {e}")))?;
        // Decoding takes a few milliseconds and never yields; yield once, as
        // the parsing in slices this replaced did, so that what the page
        // runs next (a loader's mount at readyState "interactive" comes
        // before the document's deferred scripts) runs before the first
        // mount changes the DOM.
        super::schedule::yield_now().await;
        // Two first mounts may both have built it: keep the first.
        return Ok(BUNDLED.with(|b| b.borrow_mut().get_or_insert(built).clone()));
    };
    let mut slice = Slice::new();
    let dataset = super::load::dataset(option, &mut slice, CLAIMS_PER_CHECK).await.map_err(|e| dataset_error(&e))?;
    Ok(index(dataset, slice).await)
}

/// The `Error` a bad dataset rejects `mount()` with: its message is the
/// errors' (the first, and how many more there are); its `path`, `line`
/// and `column` are the first's (`FactmarkDatasetError` in TS_TYPES).
fn dataset_error(errs: &DatasetErrors) -> JsValue {
    let e = js_sys::Error::new(&errs.to_string());
    if let Some(first) = errs.errors().first() {
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&e, &JsValue::from_str(k), &v);
        };
        set("path", first.path().into());
        if let Some(p) = first.position() {
            set("line", (p.line as f64).into());
            set("column", (p.column as f64).into());
        }
    }
    e.into()
}

/// The bundled dataset: its claims decoded from the compact form and its
/// matcher read from the index `build.rs` compiled (no JSON is parsed, no
/// wording tokenized on the page).
fn bundled() -> Result<(Rc<Dataset>, Rc<Matcher>), String> {
    let dataset = crate::compact::decode(crate::BUNDLED_CLAIMS).map_err(|e| e.to_string())?;
    let matcher = Matcher::from_bytes(crate::BUNDLED_INDEX).map_err(|e| e.to_string())?;
    Ok((Rc::new(dataset), Rc::new(matcher)))
}

/// Indexes the claims of a validated dataset in slices.
async fn index(dataset: Dataset, mut slice: Slice) -> (Rc<Dataset>, Rc<Matcher>) {
    let mut builder = MatcherBuilder::new(&dataset);
    for (i, claim) in dataset.claims.iter().enumerate() {
        builder.add(claim);
        if i % CLAIMS_PER_CHECK == CLAIMS_PER_CHECK - 1 {
            slice.tick().await;
        }
    }
    slice.tick().await;
    let matcher = builder.finish();
    (Rc::new(dataset), Rc::new(matcher))
}

/// A mounted widget. Dropping (or garbage-collecting) the handle does not
/// unmount it; only `unmount()` does.
#[wasm_bindgen]
pub struct Factmark {
    session: Option<Session>,
}

struct Options {
    root: Element,
    /// A dataset object or its JSON text.
    dataset: Option<JsValue>,
    mode: Mode,
    observe: bool,
    reach: Reach,
    controls: Controls,
}

fn err(msg: impl AsRef<str>) -> JsError {
    JsError::new(msg.as_ref())
}

/// The message of a thrown JS value.
fn message_of(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| v.as_string()).unwrap_or_else(|| "unknown error".into())
}

fn parse_options(options: Option<JsValue>) -> Result<Options, JsError> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or_else(|| err("factmark needs a document"))?;
    let options = options.filter(|o| !o.is_undefined() && !o.is_null());
    let get = |key: &str| -> Result<JsValue, JsError> {
        match &options {
            Some(o) => js_sys::Reflect::get(o, &JsValue::from_str(key)).map_err(|e| err(format!("options.{key}: {}", message_of(&e)))),
            None => Ok(JsValue::UNDEFINED),
        }
    };
    if let Some(o) = &options {
        if !o.is_object() || o.is_function() || js_sys::Array::is_array(o) {
            return Err(err("options: expected an object"));
        }
        for key in js_sys::Object::keys(o.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()) {
            if !matches!(key.as_str(), "root" | "dataset" | "mode" | "observe" | "shadowRoots" | "frames" | "skipLink" | "nextKey") {
                return Err(err(format!(
                    "options.{key}: unknown option (expected root, dataset, mode, observe, shadowRoots, frames, skipLink or nextKey)"
                )));
            }
        }
    }
    let root = match get("root")? {
        v if v.is_undefined() || v.is_null() => {
            doc.body().map(Element::from).ok_or_else(|| err("options.root: the document has no body yet; pass a root"))?
        }
        v => v.dyn_into::<Element>().map_err(|_| err("options.root: expected an Element"))?,
    };
    if !root.is_connected() {
        return Err(err("options.root: the element is not in the document"));
    }
    let mode = match get("mode")? {
        v if v.is_undefined() || v.is_null() => {
            if css_highlights_supported() {
                Mode::Highlight
            } else {
                Mode::Wrap
            }
        }
        v => match v.as_string().as_deref() {
            Some("wrap") => Mode::Wrap,
            Some("highlight") if css_highlights_supported() => Mode::Highlight,
            Some("highlight") => {
                return Err(err("options.mode: \"highlight\" needs the CSS Custom Highlight API, which this browser lacks; use \"wrap\""))
            }
            Some(other) => return Err(err(format!("options.mode: expected \"wrap\" or \"highlight\", got \"{other}\""))),
            None => return Err(err("options.mode: expected \"wrap\" or \"highlight\"")),
        },
    };
    let flag_or = |key: &str, default: bool| -> Result<bool, JsError> {
        match get(key)? {
            v if v.is_undefined() || v.is_null() => Ok(default),
            v => v.as_bool().ok_or_else(|| err(format!("options.{key}: expected true or false"))),
        }
    };
    let flag = |key: &str| flag_or(key, false);
    let observe = flag("observe")?;
    let reach = Reach { shadow_roots: flag("shadowRoots")?, frames: flag("frames")? };
    let next_key = match get("nextKey")? {
        v if v.is_undefined() || v.is_null() => None,
        v => match v.as_string() {
            Some(k) if !k.trim().is_empty() && k.chars().count() <= 40 && !k.chars().any(char::is_control) => Some(k.trim().to_string()),
            _ => return Err(err("options.nextKey: expected the name of a key, 1 to 40 characters (e.g. \"Alt+Shift+J\")")),
        },
    };
    let controls = Controls { skip_link: flag_or("skipLink", true)?, next_key };
    let dataset = match get("dataset")? {
        v if v.is_undefined() || v.is_null() => None,
        v if v.is_string() || (v.is_object() && !v.is_function()) => Some(v),
        _ => return Err(err("options.dataset: expected a dataset object or its JSON text")),
    };
    Ok(Options { root, dataset, mode, observe, reach, controls })
}

/// Highlight rules in a document, waiting for a mount (see
/// [`prepare_highlights`]). Dropping them removes them.
struct Prepared {
    doc: web_sys::Document,
    id: u32,
    sheet: super::style::AdoptedSheet,
}

fn next_id() -> u32 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// The handle `prepareHighlights()` returns.
#[wasm_bindgen]
pub struct PreparedHighlights {
    /// The reservation's id; None where nothing was added.
    id: Option<u32>,
}

#[wasm_bindgen]
impl PreparedHighlights {
    /// Removes the rules, unless a mount has taken them over (that mount
    /// removes them when it is unmounted). Calling it again does nothing.
    pub fn release(&mut self) {
        let Some(id) = self.id.take() else { return };
        // Dropped, the rules no mount took are removed.
        drop(take_prepared(|r| r.id == id));
    }

    /// Whether the rules are still waiting for a mount.
    #[wasm_bindgen(getter)]
    pub fn pending(&self) -> bool {
        self.id.is_some_and(|id| PREPARED.with(|p| p.borrow().iter().any(|r| r.id == id)))
    }
}

/// Adds highlight mode's rules to `document` (default: this window's)
/// before its content is there; see the TypeScript doc above. The rules
/// are those of the widget instance the next mount on `document` will be,
/// on the root (the cheap form, for browsers where highlight styles
/// inherit; a mount in a browser where they do not replaces them).
#[wasm_bindgen(js_name = prepareHighlights, skip_typescript)]
pub fn prepare_highlights(document: Option<web_sys::Document>) -> Result<PreparedHighlights, JsError> {
    let doc = match document {
        Some(d) => d,
        None => web_sys::window().and_then(|w| w.document()).ok_or_else(|| err("prepareHighlights: no document"))?,
    };
    if !css_highlights_supported() {
        return Ok(PreparedHighlights { id: None });
    }
    let id = next_id();
    let css = super::style::page_css(&format!("factmark-{id}"), false, true);
    let sheet = super::style::sheet_for(&doc, &css).map_err(|e| err(format!("prepareHighlights: {}", message_of(&e))))?;
    let sheet =
        super::style::AdoptedSheet::adopt(doc.as_ref(), sheet).map_err(|e| err(format!("prepareHighlights: {}", message_of(&e))))?;
    PREPARED.with(|p| p.borrow_mut().push(Prepared { doc, id, sheet }));
    Ok(PreparedHighlights { id: Some(id) })
}

/// The oldest prepared rules that `which` picks, taken out of the waiting list.
fn take_prepared(which: impl Fn(&Prepared) -> bool) -> Option<Prepared> {
    PREPARED.with(|p| {
        let mut p = p.borrow_mut();
        let at = p.iter().position(which)?;
        Some(p.remove(at))
    })
}

/// Mounts the widget: scans the text under `root`, highlights the claims it
/// finds and resolves once that first scan is done.
// Typed by hand in TS_TYPES, where the options argument can be optional.
#[wasm_bindgen(skip_typescript)]
pub async fn mount(options: Option<JsValue>) -> Result<Factmark, JsValue> {
    let opts = parse_options(options)?;
    let (dataset, matcher) = prepare(opts.dataset.as_ref()).await?;
    let overlaps = |r: &Element| r.contains(Some(&opts.root)) || opts.root.contains(Some(r));
    let taken =
        MOUNTED.with(|m| m.borrow().iter().map(Session::root).any(|r| overlaps(&r))) || MOUNTING.with(|m| m.borrow().iter().any(overlaps));
    if taken {
        return Err(err("options.root: a factmark widget is already mounted on this element or one around it; unmount it first").into());
    }
    let doc = opts.root.owner_document().ok_or_else(|| err("options.root: the element has no document"))?;
    // Rules prepared for this document (highlight mode only) give this
    // instance its id, and its highlight names.
    let prepared = if opts.mode == Mode::Highlight { take_prepared(|r| r.doc.is_same_node(Some(&doc))) } else { None };
    let (id, sheet) = match prepared {
        Some(p) => (p.id, Some(p.sheet)),
        None => (next_id(), None),
    };
    MOUNTING.with(|m| m.borrow_mut().push(opts.root.clone()));
    let started = Session::start(
        doc,
        opts.root.clone(),
        opts.mode,
        opts.reach,
        opts.observe,
        format!("factmark-{id}"),
        sheet,
        dataset,
        matcher,
        opts.controls,
    )
    .await;
    MOUNTING.with(|m| m.borrow_mut().retain(|r| !r.is_same_node(Some(&opts.root))));
    let session = started.map_err(|e| err(format!("factmark could not start: {}", message_of(&e))))?;
    MOUNTED.with(|m| m.borrow_mut().push(session.clone()));
    Ok(Factmark { session: Some(session) })
}

#[wasm_bindgen]
impl Factmark {
    /// The claims found, in page order.
    #[wasm_bindgen(unchecked_return_type = "FactmarkMatch[]")]
    pub fn matches(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        let Some(s) = &self.session else { return out };
        let _ = s.with_painted(|painted, dataset| {
            for p in painted {
                let Some(claim) = dataset.claims.get(p.claim) else { continue };
                let o = js_sys::Object::new();
                let set = |k: &str, v: &JsValue| {
                    let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
                };
                set("claimId", &JsValue::from_str(&claim.id));
                set("rating", &JsValue::from_str(claim.rating.as_str()));
                set("text", &JsValue::from(p.range.to_string()));
                set("score", &JsValue::from_f64((p.score as f64 * 100.0).round() / 100.0));
                set("kind", &JsValue::from_str(p.kind.as_str()));
                set("stance", &JsValue::from_str(p.stance.as_str()));
                set("confidence", &JsValue::from_str(p.confidence.as_str()));
                let words: js_sys::Array = p.words.iter().map(|w| JsValue::from_str(w)).collect();
                set("words", &words);
                set("range", p.range.as_ref());
                out.push(&o);
            }
        });
        out
    }

    /// The mode in use: `"wrap"` or `"highlight"` (undefined once unmounted).
    #[wasm_bindgen(getter, unchecked_return_type = "\"wrap\" | \"highlight\" | undefined")]
    pub fn mode(&self) -> Option<String> {
        self.session.as_ref().map(|s| s.mode().as_str().to_string())
    }

    /// The engine running the widget: `"wasm"` (WebAssembly, the default
    /// build in `pkg/`) or `"js"` (the same Rust code translated to
    /// JavaScript by binaryen's wasm2js, `pkg-js/`, which the loaders use on
    /// pages whose Content-Security-Policy forbids WebAssembly).
    #[wasm_bindgen(getter, unchecked_return_type = "\"wasm\" | \"js\"")]
    pub fn engine(&self) -> String {
        // scripts/build/build-js-engine.sh builds pkg-js/ with RUSTFLAGS `--cfg factmark_js`.
        if cfg!(factmark_js) { "js" } else { "wasm" }.to_string()
    }

    /// factmark's version, e.g. `"0.2.0"` (`[workspace.package]` in
    /// Cargo.toml; the same as the npm package's and the publisher bundle's).
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        env!("CARGO_PKG_VERSION").to_string()
    }

    /// Whether the widget is still mounted.
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        self.session.is_some()
    }

    /// Moves to the next claim (after the open one, or the one last reached
    /// by keyboard; the first when none was) and opens its popup, as
    /// Alt+Shift+↓ does. Returns false when there is no claim.
    pub fn next(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.step(1))
    }

    /// Moves to the previous claim and opens its popup, as Alt+Shift+↑
    /// does. Returns false when there is no claim.
    pub fn previous(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.step(-1))
    }

    /// Removes everything the widget added. The page's DOM is exactly as it
    /// was before `mount`. Calling it again does nothing.
    pub fn unmount(&mut self) {
        if let Some(s) = self.session.take() {
            MOUNTED.with(|m| m.borrow_mut().retain(|r| !r.same(&s)));
            // The last handle: dropping it drops the widget, which takes
            // away what it added (in the order `session::Widget` gives).
            drop(s);
        }
    }
}
