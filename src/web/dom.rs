//! DOM helpers that hold across realms, and the guard for an element the
//! widget adds to the page.
//!
//! Nodes of a same-origin frame belong to another JavaScript realm, where
//! `instanceof` checks (what `dyn_into` does) fail; these helpers read such
//! nodes through `nodeType` and properties instead, and cast unchecked only
//! once the node type is known.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, Range};

/// An element the widget put into the page (a `<factmark-ui>` or
/// `<factmark-skip>` host); dropping the guard takes it out again.
///
/// Its constructors put the element in place: build it completely first,
/// so that a failure half-way leaves nothing in the page.
#[must_use = "the element is removed from the page when the guard is dropped"]
pub struct AddedElement(Element);

impl AddedElement {
    /// Appends `el` to `parent`.
    pub fn append(parent: &Element, el: Element) -> Result<AddedElement, JsValue> {
        parent.append_child(&el)?;
        Ok(AddedElement(el))
    }

    /// Puts `el` first in `parent`.
    pub fn prepend(parent: &Element, el: Element) -> Result<AddedElement, JsValue> {
        parent.insert_before(&el, parent.first_child().as_ref())?;
        Ok(AddedElement(el))
    }

    /// The element.
    pub fn element(&self) -> &Element {
        &self.0
    }
}

impl Drop for AddedElement {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// The element the widget's hosts go into: `<body>`, or the root element of
/// a document without one.
pub fn host_parent(doc: &Document) -> Result<Element, JsValue> {
    match doc.body() {
        Some(b) => Ok(b.into()),
        None => doc.document_element().ok_or_else(|| JsValue::from_str("document has no root element")),
    }
}

/// A node's `nodeType`, read as a property: nodes of a frame are of another
/// realm, where `dyn_into` (an `instanceof` check) fails.
pub fn node_type(v: &JsValue) -> Option<u32> {
    if !v.is_object() {
        return None;
    }
    js_sys::Reflect::get(v, &JsValue::from_str("nodeType")).ok()?.as_f64().map(|n| n as u32)
}

/// `v` as an Element, whatever its realm.
pub fn as_element(v: &JsValue) -> Option<Element> {
    (node_type(v)? == 1).then(|| v.clone().unchecked_into())
}

/// The element that has focus, looking into open shadow roots and
/// same-origin frames.
pub fn deep_active(doc: &Document) -> Option<Element> {
    let mut el = doc.active_element()?;
    for _ in 0..32 {
        let inner = if let Some(sr) = el.shadow_root() {
            sr.active_element()
        } else if el.tag_name().eq_ignore_ascii_case("iframe") {
            frame_document(&el).and_then(|d| d.active_element())
        } else {
            None
        };
        match inner {
            Some(i) => el = i,
            None => break,
        }
    }
    Some(el)
}

/// The document of an iframe, if the page may read it (same origin).
pub fn frame_document(frame: &Element) -> Option<Document> {
    let d = js_sys::Reflect::get(frame, &JsValue::from_str("contentDocument")).ok()?;
    (node_type(&d)? == 9).then(|| d.unchecked_into())
}

/// Where `doc`'s viewport sits in the viewport of `top` (the sum of the
/// frames' content-box offsets; zero for `top` itself).
pub fn frame_offset(doc: &Document, top: &Document) -> (f64, f64) {
    let (mut dx, mut dy) = (0.0, 0.0);
    let mut doc = doc.clone();
    for _ in 0..16 {
        if doc.is_same_node(Some(top)) {
            break;
        }
        let Some(win) = doc.default_view() else { break };
        let Some(frame) = js_sys::Reflect::get(&win, &JsValue::from_str("frameElement")).ok().and_then(|f| as_element(&f)) else {
            break;
        };
        let r = frame.get_bounding_client_rect();
        let pad = |side: &str| -> f64 {
            frame
                .owner_document()
                .and_then(|d| d.default_view())
                .and_then(|w| w.get_computed_style(&frame).ok().flatten())
                .and_then(|cs| cs.get_property_value(side).ok())
                .and_then(|v| parse_number(v.trim_end_matches("px")))
                .unwrap_or(0.0)
        };
        dx += r.left() + f64::from(frame.client_left()) + pad("padding-left");
        dy += r.top() + f64::from(frame.client_top()) + pad("padding-top");
        let Some(up) = frame.owner_document() else { break };
        doc = up;
    }
    (dx, dy)
}

/// A number as CSS writes one (`12.5`, `1e+06`), read by the browser's
/// `parseFloat`: Rust's float parser is about 6 KB of the module's code,
/// and this was its only use. Anything but digits, `.`, signs and an
/// exponent gives None, as Rust's parser would. (A computed length is
/// always a well-formed number; of a malformed one such as `1.2.3`,
/// `parseFloat` reads the prefix where Rust's parser refused.)
fn parse_number(s: &str) -> Option<f64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')) {
        return None;
    }
    Some(js_sys::parse_float(s)).filter(|x| !x.is_nan())
}

/// The document holding a range's start.
pub fn range_doc(range: &Range) -> Option<Document> {
    range.start_container().ok()?.owner_document()
}

/// The language the page declares on its root element (empty when none).
pub fn page_lang(doc: &Document) -> String {
    doc.document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default()
}

/// The language declared for `node`: the `lang` of its nearest element
/// that has one (a Chinese comment on an English page is Chinese), empty
/// when none does.
///
/// The search crosses out of open shadow roots (to their host) and
/// same-origin frames (to their `<iframe>`), so text there inherits the
/// page's language as it does for the reader.
pub fn declared_lang(node: &Option<Node>) -> String {
    let Some(n) = node else { return String::new() };
    let n: JsValue = n.clone().into();
    let mut el = match node_type(&n) {
        Some(1) => as_element(&n),
        Some(_) => n.unchecked_ref::<Node>().parent_element(),
        None => None,
    };
    // A few hops at most: each is a shadow root or a frame boundary.
    for _ in 0..32 {
        let Some(e) = el else { break };
        if let Some(lang) = e.closest("[lang]").ok().flatten().and_then(|l| l.get_attribute("lang")) {
            return lang;
        }
        let root: JsValue = e.get_root_node().into();
        el = match node_type(&root) {
            // A shadow root: continue from its host.
            Some(11) => js_sys::Reflect::get(&root, &JsValue::from_str("host")).ok().and_then(|h| as_element(&h)),
            // A document: continue from the frame element showing it, if any.
            Some(9) => root.unchecked_ref::<Document>().default_view().and_then(|w| w.frame_element().ok().flatten()),
            _ => None,
        };
    }
    String::new()
}

/// A URL reduced to what identifies a page: origin, path without a trailing
/// slash, and query; the fragment is dropped.
pub fn comparable_url(u: &str) -> Option<String> {
    let url = web_sys::Url::new(u).ok()?;
    let path = url.pathname();
    Some(format!("{}{}{}", url.origin(), path.trim_end_matches('/'), url.search()))
}
