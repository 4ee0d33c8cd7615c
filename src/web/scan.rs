//! Reading the page: `js/scan.js`'s `Scanner` walks the text under the root
//! in time slices and returns, at the end, the text of every content text
//! node and each node's span in that text (one crossing into JS per slice,
//! not one per node).
//!
//! On request the scan also reads open shadow roots and same-origin
//! iframes' documents under the root; it then reports those trees too
//! ([`Scan::trees`]), so the session can style them and listen to them.
//!
//! Nodes from an iframe belong to another JavaScript realm, where
//! `instanceof Text` (what `dyn_into` checks) is false; the scanner only
//! ever returns text nodes, so they are taken as such unchecked.

use super::schedule::{copy_in_slices, yield_now, SLICE_MS};
use crate::textmap::{NodeSpan, TextMap};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Text};

#[wasm_bindgen(module = "/js/scan.js")]
extern "C" {
    type Scanner;
    #[wasm_bindgen(constructor)]
    fn new(root: &Element, shadow_roots: bool, frames: bool) -> Scanner;
    #[wasm_bindgen(method)]
    fn step(this: &Scanner, budget_ms: f64) -> bool;
    #[wasm_bindgen(method)]
    fn result(this: &Scanner) -> JsValue;
}

/// The page text under a root, as the matcher sees it.
pub struct Scan {
    /// All text, blocks separated by U+2029.
    pub text: String,
    /// The page's text nodes, in document order.
    pub nodes: TextNodes,
    /// Where each node's text sits in `text`.
    pub map: TextMap,
    /// The open shadow roots (`ShadowRoot`) and same-origin frame documents
    /// (`Document`, of another realm) whose text was read, in reading order.
    pub trees: Vec<JsValue>,
}

/// The text nodes a scan read, left in their JavaScript array: the matches
/// need only a few of them, so they cross into Rust one at a time, when
/// painted, not all at once.
pub struct TextNodes(js_sys::Array);

impl TextNodes {
    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.length() as usize
    }

    /// Node `i`, in document order.
    pub fn get(&self, i: usize) -> Option<Text> {
        let i = u32::try_from(i).ok().filter(|&i| i < self.0.length())?;
        // Text nodes only (the scanner returns nothing else), perhaps of
        // another realm, where `instanceof Text` is false.
        Some(self.0.get(i).unchecked_into::<Text>())
    }
}

/// What to read besides the root's own (light) DOM.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reach {
    /// Open shadow roots, at any depth.
    pub shadow_roots: bool,
    /// Same-origin iframes' documents.
    pub frames: bool,
}

impl Scan {
    /// Scans the text under `root`, skipping what is not content, yielding
    /// to the page between slices. `alive` is asked after each yield; when
    /// it says no, or the page detached the part being walked, the scan
    /// stops with `Ok(None)`.
    pub async fn run(root: &Element, reach: Reach, alive: impl Fn() -> bool) -> Result<Option<Scan>, JsValue> {
        let scanner = Scanner::new(root, reach.shadow_roots, reach.frames);
        while !scanner.step(SLICE_MS) {
            yield_now().await;
            if !alive() {
                return Ok(None);
            }
        }
        let raw = scanner.result();
        let get = |k: &str| js_sys::Reflect::get(&raw, &JsValue::from_str(k));
        if get("stale")?.as_bool() == Some(true) {
            return Ok(None);
        }
        // Joining the page's text took a slice of its own; copying it may
        // take several.
        yield_now().await;
        if !alive() {
            return Ok(None);
        }
        let text = match get("text")?.dyn_into::<js_sys::JsString>() {
            Ok(t) => copy_in_slices(&t).await,
            Err(_) => String::new(),
        };
        if !alive() {
            return Ok(None);
        }
        let nodes = TextNodes(get("nodes")?.dyn_into::<js_sys::Array>()?);
        let trees: Vec<JsValue> = js_sys::Array::from(&get("trees")?).iter().collect();
        let starts = js_sys::Uint32Array::from(get("starts")?).to_vec();
        let ends = js_sys::Uint32Array::from(get("ends")?).to_vec();
        let spans: Vec<NodeSpan> = starts.iter().zip(&ends).map(|(&start, &end)| NodeSpan { start, end }).collect();
        if spans.len() != nodes.len() {
            return Err(JsValue::from_str("factmark: scan returned inconsistent node lists"));
        }
        let map = TextMap::new(spans).ok_or_else(|| JsValue::from_str("factmark: scan returned unordered spans"))?;
        Ok(Some(Scan { text, nodes, map, trees }))
    }
}
