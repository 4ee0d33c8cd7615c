//! Painting matches on the page, and removing the paint exactly.
//!
//! Two renderers:
//!
//! - **Wrap** puts each match's text in `<factmark-mark>` elements, one per
//!   text node the match touches (a match may cross `<a>`, `<em>`, …). It
//!   splits text nodes with `splitText` and logs every split and wrap; undoing
//!   the log in reverse unwraps the marks and rejoins exactly the nodes it
//!   split (`appendData` onto the page's original node, never `normalize()`),
//!   so the page gets back the same markup and the same text node
//!   objects it had.
//! - **Css** uses the CSS Custom Highlight API: a `Range` per match in a
//!   named `Highlight` per rating (and one, `…-disputes`, for passages that
//!   dispute their claim, whatever its rating). The page's DOM is not touched at all,
//!   which is what pages built with React or Vue need.
//!
//! Matches may lie in open shadow roots and same-origin iframes (see
//! `scan`). Marks and ranges are made by the document that holds the text,
//! and each document's highlights go to its own window's `CSS.highlights`
//! (an iframe has a registry of its own; shadow roots share their
//! document's).

use super::dom::range_doc;
use super::scan::Scan;
use crate::dataset::Claim;
use crate::matcher::{Confidence, Match, MatchKind, Stance};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Range, Text};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Highlight)]
    pub type JsHighlight;
    #[wasm_bindgen(method)]
    fn add(this: &JsHighlight, range: &Range);

    /// A `CSS.highlights` registry (of the page's window or a frame's).
    #[derive(Clone)]
    pub type HighlightRegistry;
    #[wasm_bindgen(method)]
    fn set(this: &HighlightRegistry, name: &str, h: &JsHighlight);
    #[wasm_bindgen(method)]
    fn delete(this: &HighlightRegistry, name: &str) -> bool;
}

/// The `CSS.highlights` registry of the window showing `doc`, and that
/// window's `Highlight` constructor (None when the document has no window,
/// or the window lacks the API).
fn registry_of(doc: &Document) -> Option<(HighlightRegistry, js_sys::Function)> {
    let win: JsValue = doc.default_view()?.into();
    let css = js_sys::Reflect::get(&win, &JsValue::from_str("CSS")).ok()?;
    if !css.is_object() {
        return None;
    }
    let reg = js_sys::Reflect::get(&css, &JsValue::from_str("highlights")).ok()?;
    let ctor = js_sys::Reflect::get(&win, &JsValue::from_str("Highlight")).ok()?;
    (reg.is_object() && ctor.is_function()).then(|| (reg.unchecked_into(), ctor.unchecked_into()))
}

/// A new, empty `Highlight` of the realm whose constructor is `ctor`.
fn new_highlight(ctor: &js_sys::Function) -> Result<JsHighlight, JsValue> {
    Ok(js_sys::Reflect::construct(ctor, &js_sys::Array::new())?.unchecked_into())
}

/// The page's `CSS.highlights`, if the browser has the Custom Highlight API.
fn registry() -> Option<HighlightRegistry> {
    let global = js_sys::global();
    let css = js_sys::Reflect::get(&global, &JsValue::from_str("CSS")).ok()?;
    let reg = js_sys::Reflect::get(&css, &JsValue::from_str("highlights")).ok()?;
    let ctor = js_sys::Reflect::get(&global, &JsValue::from_str("Highlight")).ok()?;
    (reg.is_object() && ctor.is_function()).then(|| reg.unchecked_into())
}

/// Whether `"highlight"` mode can run here.
pub fn css_highlights_supported() -> bool {
    registry().is_some()
}

impl Painted {
    fn new(index: usize, m: &Match, range: Range, marks: Vec<Element>) -> Painted {
        Painted {
            index,
            claim: m.claim,
            score: m.score,
            kind: m.kind,
            stance: m.stance,
            confidence: m.confidence(),
            words: m.words.clone(),
            range,
            marks,
        }
    }
}

/// One match as painted on the page.
pub struct Painted {
    /// Index of the match in the pass's match list (what a wrapper's
    /// `data-factmark-index` holds; painted matches keep this order).
    pub index: usize,
    /// Index of the claim in the dataset.
    pub claim: usize,
    /// The matcher's score.
    pub score: f32,
    /// Same or similar wording.
    pub kind: MatchKind,
    /// States or disputes the claim.
    pub stance: Stance,
    /// How sure the match is.
    pub confidence: Confidence,
    /// The page's words that matched (the explanation).
    pub words: Vec<String>,
    /// The matched page text.
    pub range: Range,
    /// The wrappers (wrap mode), first one focusable; empty in highlight mode.
    pub marks: Vec<Element>,
}

/// One undoable step of wrapping.
pub enum Op {
    /// `head.splitText()` produced `tail`.
    Split { head: Text, tail: Text },
    /// `head`'s text past an offset was moved into `pieces`, new text nodes
    /// placed right after it, in order.
    Cut { head: Text, pieces: Vec<Text> },
    /// `mark` was put around a text node.
    Wrap { mark: Element },
}

/// A text node at least this long (UTF-16 units) holding several matches
/// is cut at all their boundaries at once ([`Op::Cut`]) rather than split
/// once per boundary: each `splitText` copies the node's whole text, so
/// splitting one 5 MB node 500 times would copy gigabytes.
const CUT_MIN_LEN: u32 = 16 * 1024;

/// The undo log of wrap mode, and the text nodes cut so far.
#[derive(Default)]
pub struct WrapLog {
    ops: Vec<Op>,
    /// Per cut node (by index in the scan): the pieces of its text as
    /// `(offset in the node's scanned text, node)`, the head first (at 0).
    cuts: std::collections::HashMap<usize, Vec<(u32, Text)>>,
}

impl WrapLog {
    /// The pieces of cut node `node` that tile `start..end` of its text;
    /// None if the node was not cut.
    fn pieces(&self, node: usize, start: u32, end: u32) -> Option<Vec<(u32, Text)>> {
        let pieces = self.cuts.get(&node)?;
        Some(pieces.iter().filter(|(at, _)| *at >= start && *at < end).cloned().collect())
    }

    /// Cuts scanned node `i` at every boundary of the matches inside it, if
    /// it is big, holds more than one of them, and is as the scan read it.
    fn cut_if_big(&mut self, scan: &Scan, matches: &[Match], i: usize) -> Result<(), JsValue> {
        if self.cuts.contains_key(&i) {
            return Ok(());
        }
        let Some(len) = scan.map.node_len(i).filter(|&len| len >= CUT_MIN_LEN) else { return Ok(()) };
        let Some(node) = scan.nodes.get(i) else { return Ok(()) };
        let Some(parent) = node.parent_node() else { return Ok(()) };
        if node.length() != len {
            return Ok(());
        }
        let Some(span) = scan.map.span(i) else { return Ok(()) };
        // Matches are in text order: only those overlapping the node.
        let first = matches.partition_point(|m| m.end <= span.start);
        let mut points: Vec<u32> = Vec::new();
        let mut segments = 0;
        for m in matches[first..].iter().take_while(|m| m.start < span.end) {
            for seg in scan.map.segments(m.start, m.end).into_iter().filter(|s| s.node == i) {
                segments += 1;
                points.extend([seg.start, seg.end].into_iter().filter(|&p| p > 0 && p < len));
            }
        }
        if segments < 2 {
            return Ok(());
        }
        points.sort_unstable();
        points.dedup();
        let Some(&first_cut) = points.first() else { return Ok(()) };
        let owner = node.owner_document().ok_or_else(|| JsValue::from_str("factmark: text node without a document"))?;
        let data: js_sys::JsString = js_sys::Reflect::get(&node, &JsValue::from_str("data"))?.dyn_into()?;
        let create: js_sys::Function = js_sys::Reflect::get(&owner, &JsValue::from_str("createTextNode"))?.dyn_into()?;
        let fragment = owner.create_document_fragment();
        let mut pieces = vec![(0, node.clone())];
        for (k, &at) in points.iter().enumerate() {
            let end = points.get(k + 1).copied().unwrap_or(len);
            let piece: Text = create.call1(&owner, &data.slice(at, end))?.unchecked_into();
            fragment.append_child(&piece)?;
            pieces.push((at, piece));
        }
        parent.insert_before(&fragment, node.next_sibling().as_ref())?;
        node.delete_data(first_cut, len - first_cut)?;
        self.ops.push(Op::Cut { head: node, pieces: pieces.iter().skip(1).map(|(_, t)| t.clone()).collect() });
        self.cuts.insert(i, pieces);
        Ok(())
    }
}

/// What is painted. Dropping it takes the paint off, restoring the page
/// exactly: wrappers unwrapped and split text nodes rejoined (the log undone
/// in reverse), or its named highlights deleted.
#[must_use = "the paint comes off the page when it is dropped"]
pub enum Paint {
    /// Wrapper elements and the log to undo them.
    Wrap { log: WrapLog },
    /// Named highlights, per registry (one per document painted in), and
    /// the name of the active match's highlight.
    Css { regs: Vec<(HighlightRegistry, Vec<String>)>, active: String },
}

/// What a pass paints: the scanned page, the matches found in it, the
/// dataset's claims, and the accessible names of the wrappers.
#[derive(Clone, Copy)]
pub struct Pass<'a> {
    /// The page's document.
    pub doc: &'a Document,
    /// The scanned text.
    pub scan: &'a Scan,
    /// The matches, in text order.
    pub matches: &'a [Match],
    /// The dataset's claims.
    pub claims: &'a [Claim],
    /// The accessible name (`aria-label`) of a match's first wrapper, given
    /// that wrapper (where the page declares the text's language), the
    /// matched text, the match and its claim. The painter only sets it:
    /// the words and their language are the caller's.
    pub label: &'a dyn Fn(&Element, &str, &Match, &Claim) -> String,
}

impl Paint {
    /// Wraps `matches[chunk]` of `scan`, appending the undo steps to `log`
    /// and the painted matches, last first, to `painted_rev`. Chunks must be
    /// done from the last one backwards: splitting a node then never moves
    /// the offsets of segments still to do (the page's original node stays
    /// the head of every split).
    pub fn wrap_chunk(
        pass: &Pass,
        chunk: std::ops::Range<usize>,
        log: &mut WrapLog,
        painted_rev: &mut Vec<Painted>,
    ) -> Result<(), JsValue> {
        let Pass { doc, scan, matches, claims, label } = *pass;
        let painted = painted_rev;
        for (mi, m) in matches.iter().enumerate().skip(chunk.start).take(chunk.len()).rev() {
            let Some(claim) = claims.get(m.claim) else { continue };
            let mut marks = Vec::new();
            let segments = scan.map.segments(m.start, m.end);
            for seg in &segments {
                log.cut_if_big(scan, matches, seg.node)?;
            }
            // The page may have removed or shortened these nodes since the
            // scan (time slices let it run): then leave this match alone.
            // (Nodes only get shorter by our own splits of later matches,
            // which never reach back into this match's segments.)
            let still_there = segments.iter().all(|seg| match log.pieces(seg.node, seg.start, seg.end) {
                Some(pieces) => {
                    !pieces.is_empty()
                        && pieces.iter().map(|(_, t)| t.length()).sum::<u32>() == seg.end - seg.start
                        && pieces.iter().all(|(_, t)| t.parent_node().is_some())
                }
                None => scan.nodes.get(seg.node).is_some_and(|n| {
                    n.parent_node().is_some() && n.length() >= seg.end && scan.map.node_len(seg.node).is_some_and(|len| n.length() <= len)
                }),
            });
            if !still_there {
                continue;
            }
            // The text nodes to wrap, last first: a segment of a cut node
            // is the pieces it was cut into; another is split out of its node.
            let mut mids: Vec<(usize, Text)> = Vec::new();
            for (si, seg) in segments.iter().enumerate().rev() {
                if let Some(pieces) = log.pieces(seg.node, seg.start, seg.end) {
                    mids.extend(pieces.into_iter().rev().map(|(_, t)| (si, t)));
                    continue;
                }
                let Some(node) = scan.nodes.get(seg.node) else { continue };
                if seg.end < node.length() {
                    let tail = node.split_text(seg.end)?;
                    log.ops.push(Op::Split { head: node.clone(), tail });
                }
                let mid = if seg.start > 0 {
                    let mid = node.split_text(seg.start)?;
                    log.ops.push(Op::Split { head: node.clone(), tail: mid.clone() });
                    mid
                } else {
                    node.clone()
                };
                mids.push((si, mid));
            }
            let last_mid = mids.len().saturating_sub(1);
            for (k, (_, mid)) in mids.into_iter().enumerate() {
                let Some(parent) = mid.parent_node() else { continue };
                let node = mid.clone();
                // Made by the document holding the text (a frame's, perhaps).
                let owner = node.owner_document().unwrap_or_else(|| doc.clone());
                let mark = owner.create_element("factmark-mark")?;
                mark.set_attribute("data-factmark-claim", &claim.id)?;
                mark.set_attribute("data-factmark-rating", claim.rating.as_str())?;
                if m.stance == Stance::Disputes {
                    mark.set_attribute("data-factmark-stance", Stance::Disputes.as_str())?;
                }
                mark.set_attribute("data-factmark-index", &mi.to_string())?;
                // The match's first wrapper (the last made) takes focus.
                if k == last_mid {
                    mark.set_attribute("tabindex", "0")?;
                    mark.set_attribute("role", "button")?;
                    mark.set_attribute("aria-haspopup", "dialog")?;
                    mark.set_attribute("aria-expanded", "false")?;
                }
                parent.insert_before(&mark, Some(&mid))?;
                mark.append_child(&mid)?;
                log.ops.push(Op::Wrap { mark: mark.clone() });
                marks.push(mark);
            }
            marks.reverse();
            let (Some(first), Some(last)) = (marks.first(), marks.last()) else { continue };
            let range = first.owner_document().unwrap_or_else(|| doc.clone()).create_range()?;
            range.set_start_before(first.first_child().as_ref().unwrap_or(first))?;
            range.set_end_after(last.last_child().as_ref().unwrap_or(last))?;
            if let Some(f) = marks.first() {
                let text = String::from(range.to_string());
                f.set_attribute("aria-label", &label(f, &text, m, claim))?;
            }
            painted.push(Painted::new(mi, m, range, marks));
        }
        Ok(())
    }

    /// Paints `matches` of `scan` with the CSS Custom Highlight API, under
    /// names starting with `prefix`, in the registry of each match's document.
    pub fn css(scan: &Scan, matches: &[Match], claims: &[Claim], prefix: &str) -> Result<(Paint, Vec<Painted>), JsValue> {
        if registry().is_none() {
            return Err(JsValue::from_str("the CSS Custom Highlight API is not available"));
        }
        // Per document: its registry, its Highlight constructor, a highlight
        // per rating, and one for every passage that disputes its claim.
        type PerDoc = (Document, HighlightRegistry, js_sys::Function, Vec<(&'static str, JsHighlight)>);
        let mut docs: Vec<PerDoc> = Vec::new();
        let mut painted = Vec::with_capacity(matches.len());
        for (mi, m) in matches.iter().enumerate() {
            let Some(claim) = claims.get(m.claim) else { continue };
            let Some(((a, ao), (b, bo))) = scan.map.boundary(m.start, m.end) else { continue };
            let (Some(na), Some(nb)) = (scan.nodes.get(a), scan.nodes.get(b)) else { continue };
            let Some(doc) = na.owner_document() else { continue };
            let di = match docs.iter().position(|d| d.0.is_same_node(Some(&doc))) {
                Some(i) => i,
                None => {
                    // A frame that went away, or has no Highlight API: skip its matches.
                    let Some((reg, ctor)) = registry_of(&doc) else { continue };
                    docs.push((doc.clone(), reg, ctor, Vec::new()));
                    docs.len() - 1
                }
            };
            let range = doc.create_range()?;
            // The page may have changed a node since the scan: skip that match.
            if range.set_start(&na, ao).is_err() || range.set_end(&nb, bo).is_err() {
                continue;
            }
            let (_, _, ctor, by_style) = &mut docs[di];
            let style = if m.stance == Stance::Disputes { Stance::Disputes.as_str() } else { claim.rating.as_str() };
            let h = match by_style.iter().position(|(s, _)| *s == style) {
                Some(i) => &by_style[i].1,
                None => {
                    by_style.push((style, new_highlight(ctor)?));
                    &by_style[by_style.len() - 1].1
                }
            };
            h.add(&range);
            painted.push(Painted::new(mi, m, range, Vec::new()));
        }
        let mut regs = Vec::new();
        for (_, reg, _, by_style) in docs {
            let mut names = Vec::new();
            for (style, h) in &by_style {
                let name = format!("{prefix}-{style}");
                reg.set(&name, h);
                names.push(name);
            }
            regs.push((reg, names));
        }
        Ok((Paint::Css { regs, active: format!("{prefix}-active") }, painted))
    }

    /// Hands the names `newer` uses again in the same registry over to it
    /// (a highlight paint replacing this one under the same names), so that
    /// dropping `self` then removes only the names no longer used.
    pub fn hand_over(&mut self, newer: &Paint) {
        let (Paint::Css { regs: old, .. }, Paint::Css { regs: new, .. }) = (self, newer) else { return };
        for (reg, names) in old {
            let kept = new.iter().find(|(r, _)| js_sys::Object::is(r, reg)).map(|(_, n)| n.as_slice()).unwrap_or(&[]);
            names.retain(|n| !kept.contains(n));
        }
    }

    /// Shows `range` as the active match (highlight mode), replacing any other.
    pub fn set_active(&self, range: Option<&Range>) {
        let Paint::Css { regs, active } = self else { return };
        for (reg, _) in regs {
            reg.delete(active);
        }
        let Some(r) = range else { return };
        let Some((reg, ctor)) = range_doc(r).and_then(|d| registry_of(&d)) else { return };
        if let Ok(h) = new_highlight(&ctor) {
            h.add(r);
            reg.set(active, &h);
        }
    }
}

impl Drop for Paint {
    fn drop(&mut self) {
        match self {
            Paint::Wrap { log } => {
                for op in std::mem::take(&mut log.ops).into_iter().rev() {
                    match op {
                        Op::Wrap { mark } => unwrap(&mark),
                        Op::Split { head, tail } => rejoin(&head, &tail),
                        Op::Cut { head, pieces } => rejoin_pieces(&head, &pieces),
                    }
                }
            }
            Paint::Css { regs, active } => {
                for (reg, names) in regs.drain(..) {
                    for n in names {
                        reg.delete(&n);
                    }
                    reg.delete(active);
                }
            }
        }
    }
}

/// Moves a wrapper's children back in its place and removes it.
fn unwrap(mark: &Element) {
    if let Some(parent) = mark.parent_node() {
        while let Some(child) = mark.first_child() {
            if parent.insert_before(&child, Some(mark)).is_err() {
                break;
            }
        }
        let _ = parent.remove_child(mark);
    }
}

/// Joins `tail` back onto `head`, if the page left them side by side.
/// Undoes an [`Op::Cut`]: the pieces still right after `head`, in order,
/// go back into it with one `appendData` (one copy of the text, however
/// many pieces). Pieces the page detached meanwhile are passed over (e.g.
/// merged into `head` by the page's own `normalize()`); a piece the page
/// moved elsewhere, and those after it, stay where they are.
fn rejoin_pieces(head: &Text, pieces: &[Text]) {
    let mut at: web_sys::Node = head.clone().into();
    let mut joined = Vec::new();
    for piece in pieces {
        if piece.parent_node().is_none() {
            continue;
        }
        if !at.next_sibling().is_some_and(|n| n.is_same_node(Some(piece))) {
            break;
        }
        joined.push(piece);
        at = piece.clone().into();
    }
    let parts: js_sys::Array = joined.iter().map(|t| js_sys::Reflect::get(t, &JsValue::from_str("data")).unwrap_or_default()).collect();
    let append = js_sys::Reflect::get(head, &JsValue::from_str("appendData")).and_then(|f| f.dyn_into::<js_sys::Function>());
    if let Ok(append) = append {
        if append.call1(head, &parts.join("")).is_ok() {
            for piece in joined {
                piece.remove();
            }
        }
    }
}

fn rejoin(head: &Text, tail: &Text) {
    let adjacent = head.next_sibling().is_some_and(|n| n.is_same_node(Some(tail)));
    if adjacent {
        let data = tail.data();
        if head.append_data(&data).is_ok() {
            tail.remove();
        }
    }
}
