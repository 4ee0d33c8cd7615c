//! Watching the page for changes (the `observe` option): a MutationObserver
//! on the root and the trees the scan reached, single-page-app navigation,
//! and frames that load; each asks the pipeline for a re-scan.
//!
//! The widget's own changes happen with the observer paused ([`Paused`]),
//! so the widget never mistakes them for the page's.

use super::dom::as_element;
use super::session::{with, Widget};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, MutationObserver, MutationObserverInit, Node};

/// The widget's MutationObserver and the nodes it watches: the root, and
/// the shadow roots and frame documents the last scan read.
///
/// Dropping it disconnects the observer, and only then drops its callback
/// (the field is last): a callback dropped while the observer is still
/// connected would throw into the page at the next change.
#[must_use = "the observer is disconnected when dropped"]
pub struct Observer {
    observer: MutationObserver,
    /// What is observed (again after each pause), the root first.
    targets: Vec<Node>,
    _callback: Closure<dyn FnMut(js_sys::Array, MutationObserver)>,
}

impl Observer {
    /// Observes `root`'s subtree (child lists and text), calling
    /// `on_change` after each batch of changes.
    pub fn new(root: &Node, mut on_change: impl FnMut() + 'static) -> Result<Observer, JsValue> {
        let callback = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(move |_records, _observer| on_change());
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
        observer.observe_with_options(root, &init())?;
        Ok(Observer { observer, targets: vec![root.clone()], _callback: callback })
    }

    /// Observes `node` too (a shadow root or a frame's document).
    pub fn watch(&mut self, node: &Node) {
        let _ = self.observer.observe_with_options(node, &init());
        self.targets.push(node.clone());
    }

    /// Stops watching `node` from the next pause on (a MutationObserver
    /// cannot let go of one node alone; until then, changes there still
    /// count).
    pub fn unwatch(&mut self, node: &Node) {
        self.targets.retain(|t| !t.is_same_node(Some(node)));
    }

    /// Stops observing until the returned guard is dropped.
    pub fn pause(&self) -> Paused<'_> {
        self.observer.disconnect();
        Paused(self)
    }
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// The observer, paused while the widget changes the page; dropping the
/// guard observes the same nodes again.
#[must_use = "the observer resumes when the pause is dropped"]
pub struct Paused<'a>(&'a Observer);

impl Drop for Paused<'_> {
    fn drop(&mut self) {
        for t in &self.0.targets {
            let _ = self.0.observer.observe_with_options(t, &init());
        }
    }
}

/// What is observed: child lists and text, in the whole subtree.
fn init() -> MutationObserverInit {
    let o = MutationObserverInit::new();
    o.set_child_list(true);
    o.set_subtree(true);
    o.set_character_data(true);
    o
}

impl Widget {
    /// Watches the root for changes, and the page for single-page-app
    /// navigation (history traversal and the Navigation API) and, with the
    /// `frames` option, for frames loading a document; each asks for a
    /// re-scan.
    pub(super) fn watch_page(&mut self, weak: &Weak<RefCell<Widget>>) -> Result<(), JsValue> {
        let w = weak.clone();
        self.observer = Some(Observer::new(&self.root, move || {
            let w2 = w.clone();
            with(&w, |s| {
                s.request_rescan(&w2);
                None
            });
        })?);

        let win = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let mut targets: Vec<(EventTarget, &str)> = vec![(win.clone().into(), "popstate")];
        if let Ok(nav) = js_sys::Reflect::get(&win, &JsValue::from_str("navigation")) {
            if let Ok(nav) = nav.dyn_into::<EventTarget>() {
                targets.push((nav, "navigatesuccess"));
            }
        }
        for (target, ty) in targets {
            let w = weak.clone();
            self.listeners.push(EventListener::new(&target, ty, move |_| {
                let w2 = w.clone();
                with(&w, |s| {
                    s.request_rescan(&w2);
                    None
                });
            }));
        }
        // An iframe under the root (in its light DOM) that loads a document,
        // at first or again: `load` does not bubble, but a capturing
        // listener on an ancestor sees it.
        if self.reach.frames {
            let w = weak.clone();
            let root: EventTarget = self.root.clone().into();
            self.listeners.push(EventListener::new_with_options(&root, "load", EventListenerOptions::run_in_capture_phase(), move |e| {
                let is_frame = e.target().and_then(|t| as_element(&t)).is_some_and(|el| el.tag_name().eq_ignore_ascii_case("iframe"));
                if is_frame {
                    let w2 = w.clone();
                    with(&w, |s| {
                        s.request_rescan(&w2);
                        None
                    });
                }
            }));
        }
        Ok(())
    }
}
