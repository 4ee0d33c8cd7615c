//! The open shadow roots and same-origin frame documents a scan reached
//! (with the `shadowRoots` / `frames` options).
//!
//! Each such tree ([`Tree`]) gets the page style sheet adopted (styles do
//! not cross into a shadow tree or a frame; a frame gets a sheet of its own
//! realm), is observed with the root, and, where events do not reach the
//! widget's listeners unretargeted, gets listeners of its own: wrap-mode
//! mark listeners on shadow roots, and the page listeners on frame
//! documents (events never leave a frame).

use super::dom::node_type;
use super::events::{mark_listeners, page_listeners};
use super::session::{with, Mode, Widget};
use super::style::{self, AdoptedSheet};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, EventTarget, Node};

/// An open shadow root or a same-origin frame's document the scan read,
/// with what the widget gave it. Dropping it takes that away: its
/// listeners, then its sheet (the fields' order). (The observer lets go of
/// it at its next pause: see [`Observer::unwatch`].)
///
/// [`Observer::unwatch`]: super::observer::Observer::unwatch
pub(super) struct Tree {
    /// Listeners on `node`, held for their lifetime.
    _listeners: Vec<EventListener>,
    /// The page sheet (or the frame's copy of it) adopted into `node`.
    sheet: AdoptedSheet,
    /// The `ShadowRoot` or `Document` (perhaps of a frame's realm).
    node: Node,
}

impl Widget {
    /// Makes `trees` the shadow roots and frame documents of the latest
    /// scan: new ones get the page sheet, listeners and the observer; ones
    /// no longer there lose what the widget gave them.
    pub(super) fn sync_trees(&mut self, found: &[JsValue], weak: &Weak<RefCell<Widget>>) {
        let (keep, gone): (Vec<Tree>, Vec<Tree>) =
            std::mem::take(&mut self.trees).into_iter().partition(|t| found.iter().any(|f| js_sys::Object::is(f, &t.node)));
        for t in gone {
            // Dropped at the end of the loop: its sheet and listeners go.
            if let Some(o) = &mut self.observer {
                o.unwatch(&t.node);
            }
        }
        self.trees = keep;
        for f in found {
            if self.trees.iter().any(|t| js_sys::Object::is(f, &t.node)) {
                continue;
            }
            if let Err(e) = self.add_tree(f, weak) {
                web_sys::console::warn_2(&JsValue::from_str("factmark: cannot paint in a shadow root or frame:"), &e);
            }
        }
    }

    /// Gives a tree the scan found what it needs: the page sheet (a copy
    /// of its own realm in a frame), listeners, and the observer.
    fn add_tree(&mut self, found: &JsValue, weak: &Weak<RefCell<Widget>>) -> Result<(), JsValue> {
        let is_doc = node_type(found) == Some(9);
        let node: Node = found.clone().unchecked_into();
        let doc: Document = if is_doc { found.clone().unchecked_into() } else { node.owner_document().ok_or("no document")? };
        // A document adopts only sheets of its own realm: the page's sheet
        // in the page's shadow roots, a sheet of the frame's in a frame.
        let sheet = if doc.is_same_node(Some(&self.doc)) {
            self.page_sheet.as_ref().ok_or("no page sheet")?.sheet().clone()
        } else if let Some(t) = self
            .trees
            .iter()
            .find(|t| t.node.owner_document().is_some_and(|d| d.is_same_node(Some(&doc))) || t.node.is_same_node(Some(&doc)))
        {
            t.sheet.sheet().clone()
        } else {
            style::sheet_for(&doc, &style::page_css(&self.prefix, self.mode == Mode::Wrap, self.inherit_highlights))?
        };
        let sheet = AdoptedSheet::adopt(found, sheet)?;
        let target: EventTarget = found.clone().unchecked_into();
        let mut listeners = Vec::new();
        if self.mode == Mode::Wrap {
            listeners.extend(mark_listeners(&target, weak));
        }
        if is_doc {
            listeners.extend(page_listeners(&target, &doc, self.mode, weak));
            // Scrolling inside the frame moves the claim: keep the popup by it.
            let w = weak.clone();
            listeners.push(EventListener::new_with_options(&target, "scroll", EventListenerOptions::run_in_capture_phase(), move |_| {
                with(&w, |s| {
                    s.reposition();
                    None
                })
            }));
        }
        if let Some(o) = &mut self.observer {
            o.watch(&node);
        }
        self.trees.push(Tree { _listeners: listeners, sheet, node });
        Ok(())
    }
}
