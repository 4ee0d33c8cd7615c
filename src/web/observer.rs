//! Watching the page for changes: the MutationObserver on the root and the
//! trees the scan reached, single-page-app navigation, and frames that load;
//! each asks the pipeline for a re-scan. The widget's own changes happen
//! with the observer paused.

use super::dom::as_element;
use super::session::{with, Widget};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, MutationObserver, MutationObserverInit};

impl Widget {
    /// Watches the root for changes, and the page for single-page-app
    /// navigation (history traversal and the Navigation API), re-scanning
    /// after either. The widget's own changes happen with the observer
    /// disconnected, so they never trigger it.
    pub(super) fn observe(&mut self, weak: &Weak<RefCell<Widget>>) -> Result<(), JsValue> {
        let w = weak.clone();
        let cb = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(move |_records, _obs| {
            let w2 = w.clone();
            with(&w, |s| {
                s.request_rescan(&w2);
                None
            });
        });
        let obs = MutationObserver::new(cb.as_ref().unchecked_ref())?;
        obs.observe_with_options(&self.root, &observer_init())?;
        self.observer = Some(obs);
        self.observer_cb = Some(cb);

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

    pub(super) fn pause_observer(&self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }

    pub(super) fn resume_observer(&self) {
        if let Some(o) = &self.observer {
            let _ = o.observe_with_options(&self.root, &observer_init());
            for t in &self.trees {
                let _ = o.observe_with_options(&t.node, &observer_init());
            }
        }
    }
}

pub(super) fn observer_init() -> MutationObserverInit {
    let o = MutationObserverInit::new();
    o.set_child_list(true);
    o.set_subtree(true);
    o.set_character_data(true);
    o
}
