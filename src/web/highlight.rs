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
//!   named `Highlight` per rating. The page's DOM is not touched at all,
//!   which is what pages built with React or Vue need.
//!
//! Matches may lie in open shadow roots and same-origin iframes (see
//! `scan`). Marks and ranges are made by the document that holds the text,
//! and each document's highlights go to its own window's `CSS.highlights`
//! (an iframe has a registry of its own; shadow roots share their
//! document's).

use super::scan::Scan;
use crate::dataset::{Claim, Rating};
use crate::labels::Lang;
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

/// The document holding a range's start.
fn range_doc(range: &Range) -> Option<Document> {
    range.start_container().ok()?.owner_document()
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
    /// `mark` was put around a text node.
    Wrap { mark: Element },
}

/// What is painted, and how to take it off.
pub enum Paint {
    /// Wrapper elements and the log to undo them.
    Wrap { log: Vec<Op> },
    /// Named highlights, per registry (one per document painted in).
    Css { regs: Vec<(HighlightRegistry, Vec<String>)> },
}

/// What a pass paints: the scanned page, the matches found in it, the
/// dataset's claims, and the language the page declares (for labels).
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
    /// The root element's `lang` (empty when none).
    pub page_lang: &'a str,
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
        log: &mut Vec<Op>,
        painted_rev: &mut Vec<Painted>,
    ) -> Result<(), JsValue> {
        let Pass { doc, scan, matches, claims, page_lang } = *pass;
        let painted = painted_rev;
        for (mi, m) in matches.iter().enumerate().skip(chunk.start).take(chunk.len()).rev() {
            let Some(claim) = claims.get(m.claim) else { continue };
            let mut marks = Vec::new();
            let segments = scan.map.segments(m.start, m.end);
            // The page may have removed or shortened these nodes since the
            // scan (time slices let it run): then leave this match alone.
            // (Nodes only get shorter by our own splits of later matches,
            // which never reach back into this match's segments.)
            let still_there = segments.iter().all(|seg| {
                scan.nodes.get(seg.node).is_some_and(|n| {
                    n.parent_node().is_some()
                        && n.length() >= seg.end
                        && scan.map.node_len(seg.node).is_some_and(|len| n.length() <= len)
                })
            });
            if !still_there {
                continue;
            }
            for (si, seg) in segments.iter().enumerate().rev() {
                let Some(node) = scan.nodes.get(seg.node) else { continue };
                let Some(parent) = node.parent_node() else { continue };
                if seg.end < node.length() {
                    let tail = node.split_text(seg.end)?;
                    log.push(Op::Split { head: node.clone(), tail });
                }
                let mid = if seg.start > 0 {
                    let mid = node.split_text(seg.start)?;
                    log.push(Op::Split { head: node.clone(), tail: mid.clone() });
                    mid
                } else {
                    node.clone()
                };
                // Made by the document holding the text (a frame's, perhaps).
                let owner = node.owner_document().unwrap_or_else(|| doc.clone());
                let mark = owner.create_element("factmark-mark")?;
                mark.set_attribute("data-factmark-claim", &claim.id)?;
                mark.set_attribute("data-factmark-rating", claim.rating.as_str())?;
                mark.set_attribute("data-factmark-index", &mi.to_string())?;
                if si == 0 {
                    mark.set_attribute("tabindex", "0")?;
                    mark.set_attribute("role", "button")?;
                    mark.set_attribute("aria-haspopup", "dialog")?;
                    mark.set_attribute("aria-expanded", "false")?;
                }
                parent.insert_before(&mark, Some(&mid))?;
                mark.append_child(&mid)?;
                log.push(Op::Wrap { mark: mark.clone() });
                marks.push(mark);
            }
            marks.reverse();
            let (Some(first), Some(last)) = (marks.first(), marks.last()) else { continue };
            let range = first.owner_document().unwrap_or_else(|| doc.clone()).create_range()?;
            range.set_start_before(first.first_child().as_ref().unwrap_or(first))?;
            range.set_end_after(last.last_child().as_ref().unwrap_or(last))?;
            if let Some(f) = marks.first() {
                let text = String::from(range.to_string());
                let declared = super::session::declared_lang(&Some(f.clone().into()));
                let lang = Lang::for_page(if declared.is_empty() { page_lang } else { &declared }, &text);
                let label = format!("{text} ({}: {})", lang.labels().fact_check, lang.rating(claim.rating));
                f.set_attribute("aria-label", &label)?;
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
        // Per document: its registry, its Highlight constructor, a highlight per rating.
        type PerDoc = (Document, HighlightRegistry, js_sys::Function, Vec<(Rating, JsHighlight)>);
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
            let (_, _, ctor, by_rating) = &mut docs[di];
            let h = match by_rating.iter().position(|(r, _)| *r == claim.rating) {
                Some(i) => &by_rating[i].1,
                None => {
                    by_rating.push((claim.rating, new_highlight(ctor)?));
                    &by_rating[by_rating.len() - 1].1
                }
            };
            h.add(&range);
            painted.push(Painted::new(mi, m, range, Vec::new()));
        }
        let mut regs = Vec::new();
        for (_, reg, _, by_rating) in docs {
            let mut names = Vec::new();
            for (r, h) in &by_rating {
                let name = format!("{prefix}-{}", r.as_str());
                reg.set(&name, h);
                names.push(name);
            }
            regs.push((reg, names));
        }
        Ok((Paint::Css { regs }, painted))
    }

    /// The names of `self` (a highlight paint) that `newer` does not use
    /// again in the same registry: what to remove once `newer` is shown.
    pub fn unused_by(self, newer: &Paint) -> Paint {
        let (Paint::Css { regs: old }, Paint::Css { regs: new }) = (self, newer) else { return Paint::Css { regs: Vec::new() } };
        let regs = old
            .into_iter()
            .map(|(reg, names)| {
                let kept = new.iter().find(|(r, _)| js_sys::Object::is(r, &reg)).map(|(_, n)| n.as_slice()).unwrap_or(&[]);
                let gone = names.into_iter().filter(|n| !kept.contains(n)).collect();
                (reg, gone)
            })
            .collect();
        Paint::Css { regs }
    }

    /// Shows `range` as the active match (highlight mode), replacing any other.
    pub fn set_active(&self, prefix: &str, range: Option<&Range>) {
        let Paint::Css { regs } = self else { return };
        let name = format!("{prefix}-active");
        for (reg, _) in regs {
            reg.delete(&name);
        }
        let Some(r) = range else { return };
        let Some((reg, ctor)) = range_doc(r).and_then(|d| registry_of(&d)) else { return };
        if let Ok(h) = new_highlight(&ctor) {
            h.add(r);
            reg.set(&name, &h);
        }
    }

    /// Removes these named highlights only (not the active one).
    pub fn clear_names(self) {
        if let Paint::Css { regs } = self {
            for (reg, names) in regs {
                for n in names {
                    reg.delete(&n);
                }
            }
        }
    }

    /// Removes all paint, restoring the page exactly.
    pub fn clear(self, prefix: &str) {
        match self {
            Paint::Wrap { log } => {
                for op in log.into_iter().rev() {
                    match op {
                        Op::Wrap { mark } => unwrap(&mark),
                        Op::Split { head, tail } => rejoin(&head, &tail),
                    }
                }
            }
            Paint::Css { regs } => {
                for (reg, names) in regs {
                    for n in names {
                        reg.delete(&n);
                    }
                    reg.delete(&format!("{prefix}-active"));
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
fn rejoin(head: &Text, tail: &Text) {
    let adjacent = head.next_sibling().is_some_and(|n| n.is_same_node(Some(tail)));
    if adjacent {
        let data = tail.data();
        if head.append_data(&data).is_ok() {
            tail.remove();
        }
    }
}
