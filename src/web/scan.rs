//! Reading the page: one call into `js/scan.js` returns the text of every
//! content text node under the root and each node's span in that text.

use crate::textmap::{NodeSpan, TextMap};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Text};

#[wasm_bindgen(module = "/js/scan.js")]
extern "C" {
    #[wasm_bindgen(js_name = scanText)]
    fn scan_text(root: &Element) -> JsValue;
}

/// The page text under a root, as the matcher sees it.
pub struct Scan {
    /// All text, blocks separated by U+2029.
    pub text: String,
    /// The page's text nodes, in document order.
    pub nodes: Vec<Text>,
    /// Where each node's text sits in `text`.
    pub map: TextMap,
}

impl Scan {
    /// Scans the text under `root`, skipping what is not content.
    pub fn run(root: &Element) -> Result<Scan, JsValue> {
        let raw = scan_text(root);
        let get = |k: &str| js_sys::Reflect::get(&raw, &JsValue::from_str(k));
        let text = get("text")?.as_string().unwrap_or_default();
        let nodes: Vec<Text> = js_sys::Array::from(&get("nodes")?)
            .iter()
            .filter_map(|n| n.dyn_into::<Text>().ok())
            .collect();
        let starts = js_sys::Uint32Array::from(get("starts")?).to_vec();
        let ends = js_sys::Uint32Array::from(get("ends")?).to_vec();
        let spans: Vec<NodeSpan> = starts.iter().zip(&ends).map(|(&start, &end)| NodeSpan { start, end }).collect();
        if spans.len() != nodes.len() {
            return Err(JsValue::from_str("factmark: scan returned inconsistent node lists"));
        }
        let map = TextMap::new(spans).ok_or_else(|| JsValue::from_str("factmark: scan returned unordered spans"))?;
        Ok(Scan { text, nodes, map })
    }
}
