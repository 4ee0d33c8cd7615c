//! One mounted widget: it paints the matches, runs the popup from pointer,
//! focus and keyboard events, re-scans when the page changes, and on
//! [`Session::destroy`] takes away everything it added.
//!
//! State lives in `Rc<RefCell<Inner>>`; event closures hold a `Weak` to it,
//! so dropping the session drops them (gloo's `EventListener` removes itself
//! on drop). Handlers use `try_borrow_mut`: an event the widget causes itself
//! while busy (a `focus()` firing `focusin`) is skipped instead of panicking,
//! and element focusing happens after the borrow is released.

use super::highlight::{Paint, Painted, Pass};
use super::popup::{Context, Popup};
use super::scan::Scan;
use super::schedule::{now_ms, yield_now, SLICE_MS};
use super::style;
use crate::dataset::{Claim, Dataset, PartialDate};
use crate::labels::Lang;
use crate::matcher::{Matcher, Stance};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CssStyleSheet, Document, Element, Event, EventTarget, HtmlElement, KeyboardEvent, MouseEvent, MutationObserver,
    MutationObserverInit, Node, ScrollIntoViewOptions, ScrollLogicalPosition,
};

/// How matches are painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `<factmark-mark>` elements around the matched text.
    Wrap,
    /// The CSS Custom Highlight API; the page's DOM is not changed.
    Highlight,
}

impl Mode {
    /// The option value.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Wrap => "wrap",
            Mode::Highlight => "highlight",
        }
    }
}

/// Delay before a hover popup closes once the pointer has left (WCAG 1.4.13:
/// long enough to move onto the popup).
const HOVER_CLOSE_MS: u32 = 300;
/// Quiet time before re-scanning a changing page.
const RESCAN_DEBOUNCE_MS: f64 = 150.0;
/// A page that never stops changing is still re-scanned this often.
const RESCAN_MAX_WAIT_MS: f64 = 600.0;

/// A mounted widget (a shared handle: clones refer to the same widget).
///
/// The public accessors never panic: page code may call them from inside
/// an event the widget itself caused (while its state is borrowed); they
/// then answer as if nothing were painted, and `destroy` finishes once the
/// widget's own handler has returned.
#[derive(Clone)]
pub struct Session(Rc<RefCell<Inner>>, Element, Mode);

pub struct Inner {
    doc: Document,
    root: Element,
    mode: Mode,
    prefix: String,
    dataset: Rc<Dataset>,
    matcher: Rc<Matcher>,
    paint: Option<Paint>,
    painted: Vec<Painted>,
    /// A paint pass in progress: what it has painted so far (wrap mode
    /// paints in chunks), so that unmounting mid-pass removes it too.
    pending: Option<Paint>,
    /// Whether a pass loop is running.
    running: bool,
    /// The page changed while a pass was running: run one more after it.
    dirty: bool,
    destroyed: bool,
    popup: Option<Popup>,
    page_sheet: Option<CssStyleSheet>,
    pinned: bool,
    return_focus: Option<HtmlElement>,
    /// Set while the widget gives focus back to a claim, so that the
    /// `focusin` this causes does not reopen the popup just closed.
    restoring_focus: bool,
    close_timer: Option<Timeout>,
    rescan_timer: Option<Timeout>,
    /// When the first change not yet re-scanned happened (ms since epoch).
    pending_since: Option<f64>,
    listeners: Vec<EventListener>,
    observer: Option<MutationObserver>,
    observer_cb: Option<Closure<dyn FnMut(js_sys::Array, MutationObserver)>>,
}

impl Session {
    /// Mounts on `root`: starts listening and paints the first scan (in
    /// slices; resolves when it is done). On error everything added so far
    /// is removed again.
    pub async fn start(
        doc: Document,
        root: Element,
        mode: Mode,
        observe: bool,
        prefix: String,
        dataset: Rc<Dataset>,
        matcher: Rc<Matcher>,
    ) -> Result<Session, JsValue> {
        let root_handle = root.clone();
        let inner = Rc::new(RefCell::new(Inner {
            doc,
            root,
            mode,
            prefix,
            dataset,
            matcher,
            paint: None,
            painted: Vec::new(),
            pending: None,
            running: false,
            dirty: false,
            destroyed: false,
            popup: None,
            page_sheet: None,
            pinned: false,
            return_focus: None,
            restoring_focus: false,
            close_timer: None,
            rescan_timer: None,
            pending_since: None,
            listeners: Vec::new(),
            observer: None,
            observer_cb: None,
        }));
        let session = Session(inner, root_handle, mode);
        let setup = session.setup(observe);
        let painted = match setup {
            Ok(()) => paint_passes(session.0.clone()).await,
            Err(e) => Err(e),
        };
        if let Err(e) = painted {
            session.destroy();
            return Err(e);
        }
        session.announce();
        Ok(session)
    }

    fn setup(&self, observe: bool) -> Result<(), JsValue> {
        let weak = Rc::downgrade(&self.0);
        let mut s = self.0.borrow_mut();
        let sheet = style::sheet(&style::page_css(&s.prefix, s.mode == Mode::Wrap))?;
        style::adopt(s.doc.as_ref(), &sheet)?;
        s.page_sheet = Some(sheet);
        s.popup = Some(Popup::new(&s.doc)?);
        s.listen(&weak)?;
        if observe {
            s.observe(&weak)?;
        }
        Ok(())
    }

    /// Tells screen-reader users, once, how many claims were found and how
    /// to move between them.
    fn announce(&self) {
        let s = self.0.borrow();
        let n = s.painted.len();
        if n == 0 {
            return;
        }
        let matched: String = s.painted.iter().flat_map(|p| p.words.iter().map(String::as_str)).collect();
        let lang = Lang::for_page(&page_lang(&s.doc), &matched);
        if let Some(p) = &s.popup {
            p.announce(&lang.announcement(n, s.mode == Mode::Wrap));
        }
    }

    /// The painted matches (none while the widget is busy).
    pub fn with_painted<R>(&self, f: impl FnOnce(&[Painted], &Dataset) -> R) -> Option<R> {
        let s = self.0.try_borrow().ok()?;
        Some(f(&s.painted, &s.dataset))
    }

    /// The mode in use.
    pub fn mode(&self) -> Mode {
        self.2
    }

    /// The root it is mounted on.
    pub fn root(&self) -> Element {
        self.1.clone()
    }

    /// Whether two handles refer to the same widget.
    pub fn same(&self, other: &Session) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// Removes everything the widget added; the page is as it was. Called
    /// from inside the widget's own event handling (a page listener on an
    /// event the widget caused), it finishes in a microtask, once that
    /// handler has returned.
    pub fn destroy(&self) {
        let Ok(mut s) = self.0.try_borrow_mut() else {
            let again = self.clone();
            wasm_bindgen_futures::spawn_local(async move { again.destroy() });
            return;
        };
        s.destroyed = true;
        if let Some(o) = s.observer.take() {
            o.disconnect();
        }
        s.observer_cb = None;
        s.listeners.clear();
        s.close_timer = None;
        s.rescan_timer = None;
        s.clear_paint();
        if let Some(p) = s.popup.take() {
            p.remove();
        }
        if let Some(sheet) = s.page_sheet.take() {
            let _ = style::unadopt(s.doc.as_ref(), &sheet);
        }
    }
}

/// Runs `f` on the session if it is alive and not busy, then focuses what
/// `f` asked to focus (after the borrow is released, since focusing fires
/// events the session itself listens to).
fn with(weak: &Weak<RefCell<Inner>>, f: impl FnOnce(&mut Inner) -> Option<HtmlElement>) {
    let Some(rc) = weak.upgrade() else { return };
    let focus = match rc.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => return,
    };
    if let Some(el) = focus {
        let _ = el.focus();
        if let Ok(mut s) = rc.try_borrow_mut() {
            s.restoring_focus = false;
        }
    }
}

/// The match index (`data-factmark-index`) of the `<factmark-mark>` at or
/// above `target`; [`Inner::painted_index`] turns it into a `painted` index.
fn mark_index(target: Option<EventTarget>) -> Option<usize> {
    let el: Element = target?.dyn_into::<Node>().ok().and_then(|n| {
        n.dyn_ref::<Element>().cloned().or_else(|| n.parent_element())
    })?;
    let mark = el.closest("factmark-mark").ok()??;
    mark.get_attribute("data-factmark-index")?.parse().ok()
}

impl Inner {
    /// The position in `painted` of the match a wrapper names.
    fn painted_index(&self, mark: usize) -> Option<usize> {
        self.painted.binary_search_by_key(&mark, |p| p.index).ok()
    }

    /// Removes the installed paint and any half-done pass's paint, with
    /// the observer paused so the widget does not see its own changes.
    fn clear_paint(&mut self) {
        self.close(false);
        self.painted.clear();
        let paints: Vec<Paint> = self.paint.take().into_iter().chain(self.pending.take()).collect();
        if paints.is_empty() {
            return;
        }
        self.pause_observer();
        for p in paints {
            p.clear(&self.prefix);
        }
        self.resume_observer();
    }

    fn pause_observer(&self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }

    fn resume_observer(&self) {
        if let Some(o) = &self.observer {
            let _ = o.observe_with_options(&self.root, &observer_init());
        }
    }

    /// Schedules a re-scan: once the page has been quiet for
    /// [`RESCAN_DEBOUNCE_MS`], or at the latest [`RESCAN_MAX_WAIT_MS`] after
    /// the first change, so a page that re-renders continuously still gets
    /// fresh highlights without a re-scan per change.
    fn request_rescan(&mut self, weak: &Weak<RefCell<Inner>>) {
        let now = now_ms();
        let since = *self.pending_since.get_or_insert(now);
        let delay = (RESCAN_MAX_WAIT_MS - (now - since)).clamp(0.0, RESCAN_DEBOUNCE_MS);
        let w = weak.clone();
        self.rescan_timer = Some(Timeout::new(delay as u32, move || {
            let Some(rc) = w.upgrade() else { return };
            let Ok(mut s) = rc.try_borrow_mut() else { return };
            s.rescan_timer = None;
            s.pending_since = None;
            if s.running {
                // Let the pass in progress finish (a page that keeps
                // changing must still get highlights), then run another.
                s.dirty = true;
            } else {
                drop(s);
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = paint_passes(rc).await {
                        web_sys::console::warn_2(&JsValue::from_str("factmark: re-scan failed:"), &e);
                    }
                });
            }
        }));
    }

    /// Watches the root for changes, and the page for single-page-app
    /// navigation (history traversal and the Navigation API), re-scanning
    /// after either. The widget's own changes happen with the observer
    /// disconnected, so they never trigger it.
    fn observe(&mut self, weak: &Weak<RefCell<Inner>>) -> Result<(), JsValue> {
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
        Ok(())
    }

    fn listen(&mut self, weak: &Weak<RefCell<Inner>>) -> Result<(), JsValue> {
        let doc: EventTarget = self.doc.clone().into();
        let root: EventTarget = self.root.clone().into();
        let popup = self.popup.as_ref().ok_or_else(|| JsValue::from_str("no popup"))?;
        let host: EventTarget = popup.host().clone().into();
        let win: Option<EventTarget> = web_sys::window().map(Into::into);
        let active = EventListenerOptions::enable_prevent_default();
        let mut ls = Vec::new();

        if self.mode == Mode::Wrap {
            let w = weak.clone();
            ls.push(EventListener::new(&root, "pointerover", move |e| {
                if let Some(m) = mark_index(e.target()) {
                    with(&w, |s| {
                        s.cancel_close();
                        let i = s.painted_index(m)?;
                        (!s.pinned).then(|| s.open(i, false, false)).flatten()
                    });
                }
            }));
            let w = weak.clone();
            ls.push(EventListener::new(&root, "pointerout", move |e| {
                let from = mark_index(e.target());
                let to = e.dyn_ref::<MouseEvent>().and_then(|m| m.related_target());
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
            ls.push(EventListener::new(&root, "focusin", move |e| {
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
            ls.push(EventListener::new(&root, "focusout", move |e| {
                let to = e.dyn_ref::<web_sys::FocusEvent>().and_then(|f| f.related_target());
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
            ls.push(EventListener::new(&root, "click", move |e| {
                if let Some(m) = mark_index(e.target()) {
                    with(&w, |s| {
                        let i = s.painted_index(m)?;
                        s.open(i, true, false)
                    });
                }
            }));
            let w = weak.clone();
            ls.push(EventListener::new_with_options(&root, "keydown", active, move |e| {
                let Some(k) = e.dyn_ref::<KeyboardEvent>() else { return };
                if matches!(k.key().as_str(), "Enter" | " ") {
                    if let Some(m) = mark_index(e.target()) {
                        e.prevent_default();
                        with(&w, |s| {
                            let i = s.painted_index(m)?;
                            s.open(i, true, true)
                        });
                    }
                }
            }));
        } else {
            let w = weak.clone();
            ls.push(EventListener::new(&doc, "pointermove", move |e| {
                let Some(m) = e.dyn_ref::<MouseEvent>() else { return };
                let (x, y) = (m.client_x() as f64, m.client_y() as f64);
                let target = e.target();
                with(&w, |s| {
                    if s.in_popup(target.as_ref()) {
                        s.cancel_close();
                        return None;
                    }
                    match s.hit(x, y) {
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
        ls.push(EventListener::new(&doc, "click", move |e| {
            let Some(m) = e.dyn_ref::<MouseEvent>() else { return };
            let (x, y) = (m.client_x() as f64, m.client_y() as f64);
            let target = e.target();
            if mark_index(target.clone()).is_some() {
                return; // the root's handler opened it
            }
            with(&w, |s| {
                if s.in_popup(target.as_ref()) {
                    return None;
                }
                match (s.mode, s.hit(x, y)) {
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
        ls.push(EventListener::new_with_options(&doc, "keydown", active, move |e| {
            let Some(k) = e.dyn_ref::<KeyboardEvent>() else { return };
            let key = k.key();
            if key == "Escape" {
                with(&w, |s| {
                    if s.open_index().is_some() {
                        s.close(true)
                    } else {
                        None
                    }
                });
            } else if k.alt_key() && k.shift_key() && (key == "ArrowDown" || key == "ArrowUp") {
                e.prevent_default();
                let step: isize = if key == "ArrowDown" { 1 } else { -1 };
                with(&w, |s| s.step(step));
            }
        }));

        // The popup stays open while the pointer is over it.
        let w = weak.clone();
        ls.push(EventListener::new(&host, "pointerenter", move |_| with(&w, |s| {
            s.cancel_close();
            None
        })));
        let w = weak.clone();
        ls.push(EventListener::new(&host, "pointerleave", move |_| with(&w, |s| {
            if !s.pinned && !s.popup.as_ref().is_some_and(Popup::has_focus) {
                s.schedule_close(&w);
            }
            None
        })));
        // Close button, and focus leaving the popup.
        let w = weak.clone();
        ls.push(EventListener::new(&host, "click", move |e: &Event| {
            let first = e.composed_path().get(0);
            let is_close = first
                .dyn_ref::<Element>()
                .and_then(|el| el.closest("[data-factmark-close]").ok().flatten())
                .is_some();
            if is_close {
                with(&w, |s| s.close(true));
            }
        }));
        let w = weak.clone();
        ls.push(EventListener::new(&host, "focusout", move |e| {
            let to = e.dyn_ref::<web_sys::FocusEvent>().and_then(|f| f.related_target());
            with(&w, |s| {
                let back_to_mark = mark_index(to.clone()).is_some();
                if to.is_some() && !s.in_popup(to.as_ref()) && !back_to_mark {
                    s.close(false);
                }
                None
            });
        }));
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

    fn in_popup(&self, target: Option<&EventTarget>) -> bool {
        self.popup.as_ref().is_some_and(|p| p.contains_target(target))
    }

    fn open_index(&self) -> Option<usize> {
        self.popup.as_ref().and_then(Popup::open_index)
    }

    /// The match under viewport point `(x, y)` (highlight mode hit test).
    fn hit(&self, x: f64, y: f64) -> Option<usize> {
        self.painted.iter().position(|p| {
            let rects = p.range.get_client_rects();
            rects.is_some_and(|rects| {
                (0..rects.length()).filter_map(|i| rects.item(i)).any(|r| {
                    x >= r.left() - 1.0 && x <= r.right() + 1.0 && y >= r.top() - 1.0 && y <= r.bottom() + 1.0
                })
            })
        })
    }

    /// Opens the popup for match `i`. `pinned`: stays open when the pointer
    /// leaves (opened by click, tap or keyboard). `focus`: move focus into it.
    fn open(&mut self, i: usize, pinned: bool, focus: bool) -> Option<HtmlElement> {
        let prev = self.open_index();
        let p = self.painted.get(i)?;
        let claim = self.dataset.claims.get(p.claim)?;
        let rect = p.range.get_bounding_client_rect();
        if prev != Some(i) {
            self.set_active(prev, false);
        }
        let mut ctx = self.popup_context(claim, p);
        ctx.disputes = p.stance == Stance::Disputes;
        if let Err(e) = self.popup.as_mut()?.show(&self.doc, i, claim, &ctx, &rect) {
            web_sys::console::error_1(&e);
            return None;
        }
        self.pinned = pinned || (self.pinned && prev == Some(i));
        self.set_active(Some(i), true);
        if focus {
            // Focused by `with` once the borrow is released: focusing fires
            // events, and page listeners may call back into the widget.
            self.return_focus = self.doc.active_element().and_then(|e| e.dyn_into().ok());
            return self.popup.as_ref().map(|p| p.panel().clone());
        }
        None
    }

    /// Closes the popup; with `restore`, focus goes back where it was if the
    /// popup had it.
    fn close(&mut self, restore: bool) -> Option<HtmlElement> {
        self.cancel_close();
        let prev = self.open_index()?;
        let had_focus = self.popup.as_ref().is_some_and(Popup::has_focus);
        if let Some(p) = self.popup.as_mut() {
            p.hide();
        }
        self.set_active(Some(prev), false);
        self.pinned = false;
        let back = self.return_focus.take();
        let target = (restore && had_focus).then(|| back.or_else(|| self.first_mark(prev))).flatten();
        self.restoring_focus = target.is_some();
        target
    }

    fn first_mark(&self, i: usize) -> Option<HtmlElement> {
        self.painted.get(i)?.marks.first()?.clone().dyn_into().ok()
    }

    /// Marks match `i` as (in)active: `aria-expanded` and the active style.
    fn set_active(&self, i: Option<usize>, on: bool) {
        let Some(p) = i.and_then(|i| self.painted.get(i)) else {
            if !on {
                if let Some(paint) = &self.paint {
                    paint.set_active(&self.prefix, None);
                }
            }
            return;
        };
        for (k, m) in p.marks.iter().enumerate() {
            let _ = if on { m.set_attribute("data-factmark-active", "") } else { m.remove_attribute("data-factmark-active") };
            if k == 0 {
                let _ = m.set_attribute("aria-expanded", if on { "true" } else { "false" });
            }
        }
        if let Some(paint) = &self.paint {
            paint.set_active(&self.prefix, on.then_some(&p.range));
        }
    }

    /// Moves to the next (`+1`) or previous (`-1`) claim and opens it, with focus.
    fn step(&mut self, step: isize) -> Option<HtmlElement> {
        let n = self.painted.len() as isize;
        if n == 0 {
            return None;
        }
        let focused = mark_index(self.doc.active_element().map(Into::into)).and_then(|m| self.painted_index(m));
        let next = match self.open_index().or(focused) {
            Some(i) => (i as isize + step).rem_euclid(n),
            None if step > 0 => 0,
            None => n - 1,
        } as usize;
        match self.mode {
            // In wrap mode the mark itself takes focus (which opens the popup).
            Mode::Wrap => {
                self.open(next, false, false);
                self.first_mark(next)
            }
            Mode::Highlight => {
                if let Some(el) = self.painted[next].range.start_container().ok().and_then(|n| n.parent_element()) {
                    let opts = ScrollIntoViewOptions::new();
                    opts.set_block(ScrollLogicalPosition::Center);
                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                }
                let keep = self.return_focus.take();
                let panel = self.open(next, true, true);
                if keep.is_some() {
                    self.return_focus = keep;
                }
                panel
            }
        }
    }

    fn reposition(&mut self) {
        if let Some(i) = self.open_index() {
            if let (Some(p), Some(popup)) = (self.painted.get(i), self.popup.as_mut()) {
                let _ = popup.place(&p.range.get_bounding_client_rect());
            }
        }
    }

    /// Today's date, the dataset's staleness limit, and whether this page is
    /// a known appearance of `claim`.
    fn popup_context(&self, claim: &Claim, p: &Painted) -> Context {
        let now = js_sys::Date::new_0();
        let today = PartialDate::parse(&format!(
            "{:04}-{:02}-{:02}",
            now.get_full_year(),
            now.get_month() + 1,
            now.get_date()
        ))
        .ok();
        let here = self.doc.url().ok().and_then(|u| comparable_url(&u));
        let appears_here = here.is_some_and(|h| claim.appearances.iter().any(|a| comparable_url(a).as_ref() == Some(&h)));
        let matched = p.words.concat();
        Context {
            today,
            stale_after_days: self.dataset.stale_after_days,
            appears_here,
            disputes: false,
            kind: p.kind,
            confidence: p.confidence,
            words: p.words.clone(),
            lang: Lang::for_page(&page_lang(&self.doc), &matched),
            dataset_lang: self.dataset.language.clone().unwrap_or_else(|| "en".into()),
        }
    }

    fn schedule_close(&mut self, weak: &Weak<RefCell<Inner>>) {
        if self.close_timer.is_some() {
            return;
        }
        let w = weak.clone();
        self.close_timer = Some(Timeout::new(HOVER_CLOSE_MS, move || {
            with(&w, |s| {
                s.close_timer = None;
                if !s.pinned && !s.popup.as_ref().is_some_and(Popup::has_focus) {
                    s.close(false);
                }
                None
            })
        }));
    }

    fn cancel_close(&mut self) {
        self.close_timer = None; // dropping a gloo Timeout cancels it
    }
}

/// Matches wrapped between clock checks in wrap mode.
const WRAP_CHUNK: usize = 16;
/// Bytes of text the matcher reads between clock checks.
const SEARCH_STEP_BYTES: usize = 16 * 1024;

/// Paints the page: runs passes until one completes with no change
/// requested meanwhile (`dirty`), or the widget is unmounted. A pass whose
/// scan the page cut short is run again.
async fn paint_passes(rc: Rc<RefCell<Inner>>) -> Result<(), JsValue> {
    loop {
        {
            let mut s = rc.borrow_mut();
            if s.destroyed {
                s.running = false;
                return Ok(());
            }
            s.running = true;
            s.dirty = false;
            // Wrappers come off before the scan (it reads the page's own
            // text); highlight mode keeps its paint until the new one is ready.
            if s.mode == Mode::Wrap {
                s.clear_paint();
            }
        }
        let result = pass(&rc).await;
        let mut s = rc.borrow_mut();
        match result {
            Ok(true) if s.dirty && !s.destroyed => continue,
            Ok(true) => {
                s.running = false;
                return Ok(());
            }
            Ok(false) if !s.destroyed => continue,
            Ok(false) => {
                s.running = false;
                return Ok(());
            }
            Err(e) => {
                s.running = false;
                s.clear_paint();
                return Err(e);
            }
        }
    }
}

/// One scan → match → paint pass in time slices. Returns `Ok(false)` if it
/// was cut short: the widget was unmounted (which also removed the partial
/// paint, kept in `pending`), or the page detached what the scan was walking.
async fn pass(rc: &Rc<RefCell<Inner>>) -> Result<bool, JsValue> {
    let alive = || rc.try_borrow().map(|s| !s.destroyed).unwrap_or(false);
    let (root, doc, mode, prefix, dataset, matcher) = {
        let s = rc.borrow();
        (s.root.clone(), s.doc.clone(), s.mode, s.prefix.clone(), s.dataset.clone(), s.matcher.clone())
    };
    let Some(scan) = Scan::run(&root, alive).await? else { return Ok(false) };

    let mut search = matcher.search(&scan.text);
    let mut slice_start = now_ms();
    while !search.step(SEARCH_STEP_BYTES) {
        if now_ms() - slice_start >= SLICE_MS {
            yield_now().await;
            if !alive() {
                return Ok(false);
            }
            slice_start = now_ms();
        }
    }
    let matches = search.finish();
    let page_lang = page_lang(&doc);
    let pass = Pass { doc: &doc, scan: &scan, matches: &matches, claims: &dataset.claims, page_lang: &page_lang };

    let painted = match mode {
        Mode::Highlight => {
            // Swap in one step: the new highlights replace the old ones
            // under the same names; names no longer used are removed.
            let mut s = rc.borrow_mut();
            s.close(false);
            let old = s.paint.take();
            s.painted.clear();
            let (paint, painted) = Paint::css(&doc, &scan, &matches, &dataset.claims, &prefix)?;
            if let (Some(Paint::Css { names: old }), Paint::Css { names: new }) = (old, &paint) {
                let unused: Vec<String> = old.into_iter().filter(|n| !new.contains(n)).collect();
                Paint::Css { names: unused }.clear_names();
            }
            s.pending = Some(paint);
            painted
        }
        Mode::Wrap => {
            // From the last match backwards, a chunk per slice.
            let mut painted_rev = Vec::with_capacity(matches.len());
            rc.borrow_mut().pending = Some(Paint::Wrap { log: Vec::new() });
            let mut end = matches.len();
            while end > 0 {
                {
                    let mut s = rc.borrow_mut();
                    s.pause_observer();
                    let slice_start = now_ms();
                    let mut result = Ok(());
                    // Small chunks until the slice's time is used up.
                    while end > 0 && result.is_ok() && now_ms() - slice_start < SLICE_MS {
                        let start = end.saturating_sub(WRAP_CHUNK);
                        result = match s.pending.as_mut() {
                            Some(Paint::Wrap { log }) => {
                                Paint::wrap_chunk(&pass, start..end, log, &mut painted_rev)
                            }
                            _ => Ok(()),
                        };
                        end = start;
                    }
                    s.resume_observer();
                    result?;
                }
                if end > 0 {
                    yield_now().await;
                    if !alive() {
                        return Ok(false);
                    }
                }
            }
            painted_rev.reverse();
            painted_rev
        }
    };
    let mut s = rc.borrow_mut();
    if s.destroyed {
        return Ok(false);
    }
    s.paint = s.pending.take();
    s.painted = painted;
    Ok(true)
}

/// A URL reduced to what identifies a page: origin, path without a trailing
/// slash, and query; the fragment is dropped.
fn comparable_url(u: &str) -> Option<String> {
    let url = web_sys::Url::new(u).ok()?;
    let path = url.pathname();
    Some(format!("{}{}{}", url.origin(), path.trim_end_matches('/'), url.search()))
}

fn observer_init() -> MutationObserverInit {
    let o = MutationObserverInit::new();
    o.set_child_list(true);
    o.set_subtree(true);
    o.set_character_data(true);
    o
}

/// The language the page declares on its root element (empty when none).
fn page_lang(doc: &Document) -> String {
    doc.document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default()
}
