//! Event wiring: which events the widget listens to, where, and what each
//! asks of it (the answers are in `popup_control`).
//!
//! Handlers hold the widget weakly and reach it through [`with`]: an event
//! the widget causes itself while busy (a `focus()` firing `focusin`) is
//! skipped instead of panicking, and focusing happens once the widget is
//! released. Events of a frame are of another realm, where
//! `dyn_ref::<MouseEvent>()` fails, so their properties are read by name
//! ([`prop`]).

use super::dom::node_type;
use super::popup::Popup;
use super::session::{with, Mode, Widget};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, Node};

impl Widget {
    /// Listens to the page's document (and, in wrap mode, the marks under
    /// the root), the popup's host, the skip link's host and the window.
    pub(super) fn listen(&mut self, weak: &Weak<RefCell<Widget>>) -> Result<(), JsValue> {
        let doc: EventTarget = self.doc.clone().into();
        let root: EventTarget = self.root.clone().into();
        let popup = self.popup.as_ref().ok_or_else(|| JsValue::from_str("no popup"))?;
        let host: EventTarget = popup.host().clone().into();
        let win: Option<EventTarget> = web_sys::window().map(Into::into);
        let mut ls = Vec::new();

        if self.mode == Mode::Wrap {
            ls.extend(mark_listeners(&root, weak));
        }
        ls.extend(page_listeners(&doc, &self.doc, self.mode, weak));

        // The popup stays open while the pointer is over it.
        let w = weak.clone();
        ls.push(EventListener::new(&host, "pointerenter", move |_| {
            with(&w, |s| {
                s.cancel_close();
                None
            })
        }));
        let w = weak.clone();
        ls.push(EventListener::new(&host, "pointerleave", move |_| {
            with(&w, |s| {
                if !s.pinned && !s.popup.as_ref().is_some_and(Popup::has_focus) {
                    s.schedule_close(&w);
                }
                None
            })
        }));
        // Close button, and focus leaving the popup.
        let w = weak.clone();
        ls.push(EventListener::new(&host, "click", move |e: &Event| {
            let first = e.composed_path().get(0);
            let is_close = first.dyn_ref::<Element>().and_then(|el| el.closest("[data-factmark-close]").ok().flatten()).is_some();
            if is_close {
                with(&w, |s| s.close(true));
            }
        }));
        let w = weak.clone();
        ls.push(EventListener::new(&host, "focusout", move |e| {
            let to = e.dyn_ref::<web_sys::FocusEvent>().and_then(|f| f.related_target());
            with(&w, |s| {
                let back_to_mark = mark_index(to.clone()).is_some();
                if to.is_some() && !s.in_widget(to.as_ref()) {
                    // Focus left the widget for the page: the list goes too.
                    s.set_list(false);
                    if !back_to_mark {
                        s.close(false);
                    }
                }
                None
            });
        }));
        if let Some(skip) = &self.skip {
            ls.extend(skip_listeners(&skip.host().clone().into(), weak));
        }
        // Keep an open popup next to its claim.
        if let Some(win) = win {
            for ty in ["scroll", "resize"] {
                let w = weak.clone();
                ls.push(EventListener::new_with_options(&win, ty, EventListenerOptions::run_in_capture_phase(), move |_| {
                    with(&w, |s| {
                        s.reposition();
                        None
                    })
                }));
            }
        }
        self.listeners = ls;
        Ok(())
    }
}

/// The wrap-mode listeners on the marks under `target` (the root, an open
/// shadow root, or a frame's document): hover, focus, click, Enter/Space.
/// Events from a deeper shadow root arrive here retargeted to its host and
/// are ignored: that shadow root has these listeners too.
pub(super) fn mark_listeners(target: &EventTarget, weak: &Weak<RefCell<Widget>>) -> Vec<EventListener> {
    let active = EventListenerOptions::enable_prevent_default();
    let mut ls = Vec::new();
    let w = weak.clone();
    ls.push(EventListener::new(target, "pointerover", move |e| {
        if let Some(m) = mark_index(e.target()) {
            with(&w, |s| {
                s.cancel_close();
                let i = s.painted_index(m)?;
                (!s.pinned).then(|| s.open(i, false, false)).flatten()
            });
        }
    }));
    let w = weak.clone();
    ls.push(EventListener::new(target, "pointerout", move |e| {
        let from = mark_index(e.target());
        let to = related(e);
        if from.is_some() && mark_index(to.clone()) != from {
            with(&w, |s| {
                if !s.in_popup(to.as_ref()) {
                    s.schedule_close(&w);
                }
                None
            });
        }
    }));
    let w = weak.clone();
    ls.push(EventListener::new(target, "focusin", move |e| {
        if let Some(m) = mark_index(e.target()) {
            with(&w, |s| {
                s.cancel_close();
                if s.restoring_focus {
                    return None;
                }
                let i = s.painted_index(m)?;
                s.open(i, false, false)
            });
        }
    }));
    let w = weak.clone();
    ls.push(EventListener::new(target, "focusout", move |e| {
        let to = related(e);
        if mark_index(e.target()).is_some() && mark_index(to.clone()).is_none() {
            with(&w, |s| {
                if !s.in_popup(to.as_ref()) && !s.pinned {
                    s.close(false);
                }
                None
            });
        }
    }));
    let w = weak.clone();
    ls.push(EventListener::new(target, "click", move |e| {
        if let Some(m) = mark_index(e.target()) {
            with(&w, |s| {
                let i = s.painted_index(m)?;
                s.open(i, true, false)
            });
        }
    }));
    let w = weak.clone();
    ls.push(EventListener::new_with_options(target, "keydown", active, move |e| {
        let key = prop(e, "key").as_string().unwrap_or_default();
        if matches!(key.as_str(), "Enter" | " ") {
            if let Some(m) = mark_index(e.target()) {
                e.prevent_default();
                with(&w, |s| {
                    let i = s.painted_index(m)?;
                    s.open(i, true, true)
                });
            }
        }
    }));
    ls
}

/// The listeners on the skip link's host: its buttons, Escape in its list,
/// and focus leaving the widget (which closes the list).
fn skip_listeners(host: &EventTarget, weak: &Weak<RefCell<Widget>>) -> Vec<EventListener> {
    let mut ls = Vec::new();
    let w = weak.clone();
    ls.push(EventListener::new(host, "click", move |e| {
        let first = e.composed_path().get(0);
        let Some(el) = first.dyn_ref::<Element>() else { return };
        with(&w, |s| {
            let action = s.skip.as_ref()?.action(el)?;
            s.skip_action(action)
        });
    }));
    // Escape in the list closes it (an open popup first: the page listener
    // closes that) and leaves focus on its button, focused first, while the
    // open list still shows it.
    let w = weak.clone();
    ls.push(EventListener::new(host, "keydown", move |e| {
        if prop(e, "key").as_string().as_deref() != Some("Escape") {
            return;
        }
        let mut closing = false;
        with(&w, |s| {
            let skip = s.skip.as_ref()?;
            closing = skip.expanded() && s.open_index().is_none();
            closing.then(|| skip.toggle().clone())
        });
        if closing {
            with(&w, |s| {
                s.set_list(false);
                None
            });
        }
    }));
    let w = weak.clone();
    ls.push(EventListener::new(host, "focusout", move |e| {
        let to = related(e);
        with(&w, |s| {
            if to.is_some() && !s.in_widget(to.as_ref()) {
                s.set_list(false);
            }
            None
        });
    }));
    ls
}

/// The listeners on a whole document (the page's, or a same-origin
/// frame's, whose events never reach the page): highlight-mode hover, tap
/// and click-away, Escape and Alt+Shift+↓/↑. `doc` is that document: the
/// highlight hit test compares its own coordinates with its own ranges.
pub(super) fn page_listeners(target: &EventTarget, doc: &Document, mode: Mode, weak: &Weak<RefCell<Widget>>) -> Vec<EventListener> {
    let active = EventListenerOptions::enable_prevent_default();
    let mut ls = Vec::new();
    if mode == Mode::Highlight {
        let w = weak.clone();
        let d = doc.clone();
        ls.push(EventListener::new(target, "pointermove", move |e| {
            let Some((x, y)) = client_xy(e) else { return };
            let target = e.target();
            with(&w, |s| {
                if s.in_popup(target.as_ref()) {
                    s.cancel_close();
                    return None;
                }
                match s.hit(&d, x, y) {
                    Some(i) => {
                        s.cancel_close();
                        if !s.pinned && s.open_index() != Some(i) {
                            return s.open(i, false, false);
                        }
                    }
                    None => {
                        if s.open_index().is_some() && !s.pinned {
                            s.schedule_close(&w);
                        }
                    }
                }
                None
            });
        }));
    }

    // Clicks: open on a highlight (tap), close when clicking elsewhere.
    let w = weak.clone();
    let d = doc.clone();
    ls.push(EventListener::new(target, "click", move |e| {
        let Some((x, y)) = client_xy(e) else { return };
        let target = e.target();
        if mark_index(origin(e)).is_some() {
            return; // the mark listeners opened it
        }
        with(&w, |s| {
            if s.in_widget(target.as_ref()) {
                return None;
            }
            s.set_list(false);
            match (s.mode, s.hit(&d, x, y)) {
                (Mode::Highlight, Some(i)) => s.open(i, true, false),
                _ => {
                    s.close(false);
                    None
                }
            }
        });
    }));

    // Keyboard: Escape closes; Alt+Shift+↓/↑ moves between claims.
    let w = weak.clone();
    ls.push(EventListener::new_with_options(target, "keydown", active, move |e| {
        let key = prop(e, "key").as_string().unwrap_or_default();
        let flag = |k: &str| prop(e, k).as_bool() == Some(true);
        if key == "Escape" {
            with(&w, |s| if s.open_index().is_some() { s.close(true) } else { None });
        } else if flag("altKey") && flag("shiftKey") && (key == "ArrowDown" || key == "ArrowUp") {
            e.prevent_default();
            let step: isize = if key == "ArrowDown" { 1 } else { -1 };
            with(&w, |s| s.step(step));
        }
    }));
    ls
}

/// The match index (`data-factmark-index`) of the `<factmark-mark>` at or
/// above `target`; [`Widget::painted_index`] turns it into a `painted` index.
pub(super) fn mark_index(target: Option<EventTarget>) -> Option<usize> {
    let target: JsValue = target?.into();
    let el = match node_type(&target)? {
        1 => target.unchecked_into::<Element>(),
        _ => target.unchecked_into::<Node>().parent_element()?,
    };
    let mark = el.closest("factmark-mark").ok()??;
    mark.get_attribute("data-factmark-index")?.parse().ok()
}

/// Where an event really happened: the first node of its composed path
/// (inside an open shadow root, not the host it is retargeted to).
fn origin(e: &Event) -> Option<EventTarget> {
    let first = e.composed_path().get(0);
    if first.is_object() {
        Some(first.unchecked_into())
    } else {
        e.target()
    }
}

/// A property of an event, whatever its realm (a frame's events fail
/// `dyn_ref::<MouseEvent>()`).
fn prop(e: &Event, key: &str) -> JsValue {
    js_sys::Reflect::get(e, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `clientX`, `clientY` of a mouse or pointer event.
fn client_xy(e: &Event) -> Option<(f64, f64)> {
    Some((prop(e, "clientX").as_f64()?, prop(e, "clientY").as_f64()?))
}

/// `relatedTarget` of a focus, mouse or pointer event.
fn related(e: &Event) -> Option<EventTarget> {
    let r = prop(e, "relatedTarget");
    r.is_object().then(|| r.unchecked_into())
}
