//! One mounted widget: it paints the matches, runs the popup from pointer,
//! focus and keyboard events, re-scans when the page changes, and on
//! [`Session::destroy`] takes away everything it added.
//!
//! State lives in `Rc<RefCell<Inner>>`; event closures hold a `Weak` to it,
//! so dropping the session drops them (gloo's `EventListener` removes itself
//! on drop). Handlers use `try_borrow_mut`: an event the widget causes itself
//! while busy (a `focus()` firing `focusin`) is skipped instead of panicking,
//! and element focusing happens after the borrow is released.
//!
//! With the `shadowRoots` / `frames` options the scan also reads open shadow
//! roots and same-origin iframes. Each such tree ([`Tree`]) gets the page
//! style sheet adopted (styles do not cross into a shadow tree or a frame;
//! a frame gets a sheet of its own realm) and, where events do not reach the
//! widget's listeners unretargeted, listeners of its own: wrap-mode mark
//! listeners on shadow roots, and the page listeners on frame documents
//! (events never leave a frame). Frame coordinates are moved into the
//! page's viewport before placing the popup. Nodes and events of a frame
//! belong to another realm, where `instanceof` checks fail, so they are
//! read through `nodeType` and properties (see [`as_element`]).

use super::dom::{as_element, comparable_url, declared_lang, deep_active, frame_offset, node_type, page_lang, range_doc};
use super::paint::{Paint, Painted, Pass, WrapLog};
use super::popup::{Context, Popup};
use super::scan::{Reach, Scan};
use super::schedule::{now_ms, yield_now, SLICE_MS};
use super::skiplink::{Action, Item, SkipLink};
use super::style;
use crate::dataset::{Claim, Dataset, PartialDate};
use crate::labels::Lang;
use crate::matcher::{Match, Matcher};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CssStyleSheet, Document, DomRect, Element, Event, EventTarget, HtmlElement, MutationObserver, MutationObserverInit, Node,
    ScrollIntoViewOptions, ScrollLogicalPosition,
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

/// The widget's own controls, as the options ask for them.
#[derive(Debug, Clone, Default)]
pub struct Controls {
    /// The skip link and the list of claims (`skipLink`).
    pub skip_link: bool,
    /// Another key that moves to the next claim, named in the popup (`nextKey`).
    pub next_key: Option<String>,
}

/// A mounted widget (a shared handle: clones refer to the same widget).
///
/// The public accessors never panic: page code may call them from inside
/// an event the widget itself caused (while its state is borrowed); they
/// then answer as if nothing were painted, and `destroy` finishes once the
/// widget's own handler has returned.
#[derive(Clone)]
pub struct Session(Rc<RefCell<Inner>>, Element, Mode);

/// An open shadow root or a same-origin frame's document the scan read.
struct Tree {
    /// The `ShadowRoot` or `Document` (perhaps of a frame's realm).
    node: Node,
    /// The page sheet (or the frame's copy of it) adopted into `node`.
    sheet: CssStyleSheet,
    /// Listeners on `node`, held for their lifetime (dropping removes them).
    #[allow(dead_code)]
    listeners: Vec<EventListener>,
}

pub struct Inner {
    doc: Document,
    root: Element,
    mode: Mode,
    /// What the scan reads besides the light DOM under `root`.
    reach: Reach,
    /// The shadow roots and frame documents of the last scan.
    trees: Vec<Tree>,
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
    /// The skip link and list of claims, in a host of their own first in
    /// the body (none when the `skipLink` option is off).
    skip: Option<SkipLink>,
    controls: Controls,
    /// The claim the reader last moved to by keyboard (Alt+Shift+↓/↑, the
    /// skip link, its list, `next()`; a `painted` index, kept by a re-scan
    /// that leaves it in range): once its popup is closed, the keys go on
    /// from there.
    last: Option<usize>,
    page_sheet: Option<CssStyleSheet>,
    /// Highlight mode's rules are on the root (highlight styles inherit
    /// here: see `style::page_css`).
    inherit_highlights: bool,
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
    #[allow(clippy::too_many_arguments)]
    pub async fn start(
        doc: Document,
        root: Element,
        mode: Mode,
        reach: Reach,
        observe: bool,
        prefix: String,
        prepared: Option<CssStyleSheet>,
        dataset: Rc<Dataset>,
        matcher: Rc<Matcher>,
        controls: Controls,
    ) -> Result<Session, JsValue> {
        let root_handle = root.clone();
        let inner = Rc::new(RefCell::new(Inner {
            doc,
            root,
            mode,
            reach,
            trees: Vec::new(),
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
            skip: None,
            controls,
            last: None,
            // Highlight rules of `prefix` already in the document, on the
            // root (`prepareHighlights()`): ours now, removed on destroy.
            page_sheet: prepared,
            inherit_highlights: false,
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
        let popup = Popup::new(&s.doc)?;
        s.inherit_highlights = s.mode == Mode::Highlight && style::highlight_inheritance(popup.shadow());
        s.popup = Some(popup);
        if s.controls.skip_link {
            s.skip = Some(SkipLink::new(&s.doc)?);
        }
        // Prepared rules (on the root) serve only where highlight styles inherit.
        if !(s.mode == Mode::Highlight && s.inherit_highlights) {
            if let Some(unused) = s.page_sheet.take() {
                let _ = style::unadopt(s.doc.as_ref(), &unused);
            }
        }
        match &s.page_sheet {
            // The page may have replaced its adoptedStyleSheets since.
            Some(prepared) => {
                if !style::is_adopted(s.doc.as_ref(), prepared)? {
                    style::adopt(s.doc.as_ref(), prepared)?;
                }
            }
            None => {
                let sheet = style::sheet(&style::page_css(&s.prefix, s.mode == Mode::Wrap, s.inherit_highlights))?;
                style::adopt(s.doc.as_ref(), &sheet)?;
                s.page_sheet = Some(sheet);
            }
        }
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

    /// Moves to the next (`+1`) or previous (`-1`) claim and opens its
    /// popup with focus, as Alt+Shift+↓/↑ do. False when there is no claim
    /// (or the widget is busy).
    pub fn step(&self, step: isize) -> bool {
        let weak = Rc::downgrade(&self.0);
        let mut moved = false;
        with(&weak, |s| {
            moved = !s.painted.is_empty() && !s.destroyed;
            s.step(step)
        });
        moved
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
        for t in std::mem::take(&mut s.trees) {
            let _ = style::unadopt(t.node.as_ref(), &t.sheet);
        }
        if let Some(k) = s.skip.take() {
            k.remove();
        }
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

impl Inner {
    /// The position in `painted` of the match a wrapper names.
    fn painted_index(&self, mark: usize) -> Option<usize> {
        self.painted.binary_search_by_key(&mark, |p| p.index).ok()
    }

    /// The language of the widget's own words on this page (as in the
    /// announcement: the page's `lang`, else the script of the matches).
    fn ui_lang(&self) -> Lang {
        let matched: String = self.painted.iter().flat_map(|p| p.words.iter().map(String::as_str)).collect();
        Lang::for_page(&page_lang(&self.doc), &matched)
    }

    /// Brings the skip link in line with the matches: their count, and
    /// the list if it is shown.
    fn refresh_skip(&mut self) {
        if self.skip.is_none() {
            return;
        }
        let lang = self.ui_lang();
        let n = self.painted.len();
        let items = self.skip.as_ref().is_some_and(SkipLink::expanded).then(|| self.list_items(lang));
        let Some(skip) = self.skip.as_mut() else { return };
        skip.show(n, lang);
        if let Some(items) = items {
            if let Err(e) = skip.set_items(&self.doc, &items) {
                web_sys::console::warn_2(&JsValue::from_str("factmark: cannot list the claims:"), &e);
            }
        }
    }

    /// The list's entries: each passage's text and what it does with its claim.
    fn list_items(&self, lang: Lang) -> Vec<Item> {
        self.painted
            .iter()
            .filter_map(|p| {
                let claim = self.dataset.claims.get(p.claim)?;
                Some(Item {
                    text: String::from(p.range.to_string()),
                    lang: declared_lang(&p.range.start_container().ok()),
                    does: lang.passage_does(p.stance, p.confidence, claim.rating),
                })
            })
            .collect()
    }

    /// Shows or hides the list of claims.
    fn set_list(&mut self, on: bool) {
        let items = on.then(|| self.list_items(self.ui_lang()));
        let Some(skip) = self.skip.as_mut() else { return };
        if let Some(items) = items {
            if let Err(e) = skip.set_items(&self.doc, &items) {
                web_sys::console::warn_2(&JsValue::from_str("factmark: cannot list the claims:"), &e);
                return;
            }
        }
        skip.set_expanded(on);
    }

    /// What a click or key in the skip link asks for; returns what to focus.
    fn skip_action(&mut self, action: Action) -> Option<HtmlElement> {
        match action {
            Action::First => self.goto(0),
            Action::Claim(i) => self.goto(i),
            Action::Toggle => {
                let on = !self.skip.as_ref().is_some_and(SkipLink::expanded);
                self.set_list(on);
                None
            }
        }
    }

    /// Opens claim `i`'s popup, scrolled into view, with focus in it;
    /// Escape brings focus back to where it was (the skip link, the list).
    fn goto(&mut self, i: usize) -> Option<HtmlElement> {
        if i >= self.painted.len() {
            return None;
        }
        self.scroll_to(i);
        self.last = Some(i);
        self.open(i, true, true)
    }

    /// Scrolls claim `i` to the middle of the viewport.
    fn scroll_to(&self, i: usize) {
        let Some(p) = self.painted.get(i) else { return };
        let el = match p.marks.first() {
            Some(m) => Some(m.clone()),
            None => p.range.start_container().ok().and_then(|n| n.parent_element()),
        };
        if let Some(el) = el {
            let opts = ScrollIntoViewOptions::new();
            opts.set_block(ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
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
            for t in &self.trees {
                let _ = o.observe_with_options(&t.node, &observer_init());
            }
        }
    }

    /// Makes `trees` the shadow roots and frame documents of the latest
    /// scan: new ones get the page sheet, listeners and the observer; ones
    /// no longer there lose what the widget gave them.
    fn sync_trees(&mut self, found: &[JsValue], weak: &Weak<RefCell<Inner>>) {
        let (keep, gone): (Vec<Tree>, Vec<Tree>) =
            std::mem::take(&mut self.trees).into_iter().partition(|t| found.iter().any(|f| js_sys::Object::is(f, &t.node)));
        for t in gone {
            let _ = style::unadopt(t.node.as_ref(), &t.sheet);
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

    fn add_tree(&mut self, found: &JsValue, weak: &Weak<RefCell<Inner>>) -> Result<(), JsValue> {
        let is_doc = node_type(found) == Some(9);
        let node: Node = found.clone().unchecked_into();
        let doc: Document = if is_doc { found.clone().unchecked_into() } else { node.owner_document().ok_or("no document")? };
        // A document adopts only sheets of its own realm: the page's sheet
        // in the page's shadow roots, a sheet of the frame's in a frame.
        let sheet = if doc.is_same_node(Some(&self.doc)) {
            self.page_sheet.clone().ok_or("no page sheet")?
        } else if let Some(t) = self
            .trees
            .iter()
            .find(|t| t.node.owner_document().is_some_and(|d| d.is_same_node(Some(&doc))) || t.node.is_same_node(Some(&doc)))
        {
            t.sheet.clone()
        } else {
            style::sheet_for(&doc, &style::page_css(&self.prefix, self.mode == Mode::Wrap, self.inherit_highlights))?
        };
        style::adopt(found, &sheet)?;
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
        if let Some(o) = &self.observer {
            let _ = o.observe_with_options(&node, &observer_init());
        }
        self.trees.push(Tree { node, sheet, listeners });
        Ok(())
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

    fn listen(&mut self, weak: &Weak<RefCell<Inner>>) -> Result<(), JsValue> {
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

    fn in_popup(&self, target: Option<&EventTarget>) -> bool {
        self.popup.as_ref().is_some_and(|p| p.contains_target(target))
    }

    /// Whether `target` is in the widget's own UI: the popup or the skip link.
    fn in_widget(&self, target: Option<&EventTarget>) -> bool {
        self.in_popup(target) || self.skip.as_ref().is_some_and(|k| k.contains_target(target))
    }

    fn open_index(&self) -> Option<usize> {
        self.popup.as_ref().and_then(Popup::open_index)
    }

    /// The match under point `(x, y)` of `doc`'s viewport (highlight mode
    /// hit test; only ranges in that document are considered).
    fn hit(&self, doc: &Document, x: f64, y: f64) -> Option<usize> {
        self.painted.iter().position(|p| {
            if !range_doc(&p.range).is_some_and(|d| d.is_same_node(Some(doc))) {
                return false;
            }
            let rects = p.range.get_client_rects();
            rects.is_some_and(|rects| {
                (0..rects.length())
                    .filter_map(|i| rects.item(i))
                    .any(|r| x >= r.left() - 1.0 && x <= r.right() + 1.0 && y >= r.top() - 1.0 && y <= r.bottom() + 1.0)
            })
        })
    }

    /// Opens the popup for match `i`. `pinned`: stays open when the pointer
    /// leaves (opened by click, tap or keyboard). `focus`: move focus into it.
    fn open(&mut self, i: usize, pinned: bool, focus: bool) -> Option<HtmlElement> {
        let prev = self.open_index();
        let p = self.painted.get(i)?;
        let claim = self.dataset.claims.get(p.claim)?;
        let rect = self.page_rect(&p.range);
        if prev != Some(i) {
            self.set_active(prev, false);
        }
        let ctx = self.popup_context(claim, p, i);
        if let Err(e) = self.popup.as_mut()?.show(&self.doc, i, claim, &ctx, &rect) {
            web_sys::console::error_1(&e);
            return None;
        }
        self.pinned = pinned || (self.pinned && prev == Some(i));
        self.set_active(Some(i), true);
        if focus {
            // Focused by `with` once the borrow is released: focusing fires
            // events, and page listeners may call back into the widget.
            // Where focus is, inside a shadow root or frame too (unchecked:
            // an element of a frame is of another realm; any element can
            // be focused back).
            self.return_focus = deep_active(&self.doc).map(JsCast::unchecked_into);
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
        // Unchecked: a mark in a frame is an HTMLElement of the frame's realm.
        Some(self.painted.get(i)?.marks.first()?.clone().unchecked_into())
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
        let focused = mark_index(deep_active(&self.doc).map(Into::into)).and_then(|m| self.painted_index(m));
        let next = match self.open_index().or(focused).or(self.last) {
            Some(i) => (i as isize + step).rem_euclid(n),
            None if step > 0 => 0,
            None => n - 1,
        } as usize;
        self.last = Some(next);
        match self.mode {
            // In wrap mode the mark itself takes focus (which opens the popup).
            Mode::Wrap => {
                self.open(next, false, false);
                self.first_mark(next)
            }
            Mode::Highlight => {
                self.scroll_to(next);
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
            let Some(rect) = self.painted.get(i).map(|p| self.page_rect(&p.range)) else { return };
            if let Some(popup) = self.popup.as_mut() {
                let _ = popup.place(&rect);
            }
        }
    }

    /// A range's bounding box in the page's viewport (a range in a frame is
    /// measured in the frame's viewport, then moved by the frame's offset).
    fn page_rect(&self, range: &web_sys::Range) -> DomRect {
        let r = range.get_bounding_client_rect();
        let (dx, dy) = range_doc(range).map(|d| frame_offset(&d, &self.doc)).unwrap_or((0.0, 0.0));
        if dx == 0.0 && dy == 0.0 {
            return r;
        }
        DomRect::new_with_x_and_y_and_width_and_height(r.x() + dx, r.y() + dy, r.width(), r.height()).unwrap_or(r)
    }

    /// Today's date, the dataset's staleness limit, and whether this page is
    /// a known appearance of `claim`.
    fn popup_context(&self, claim: &Claim, p: &Painted, i: usize) -> Context {
        let now = js_sys::Date::new_0();
        let today = PartialDate::parse(&format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())).ok();
        let here = self.doc.url().ok().and_then(|u| comparable_url(&u));
        let appears_here = here.is_some_and(|h| claim.appearances.iter().any(|a| comparable_url(a).as_ref() == Some(&h)));
        let matched = p.words.concat();
        Context {
            today,
            stale_after_days: self.dataset.stale_after_days,
            appears_here,
            stance: p.stance,
            kind: p.kind,
            confidence: p.confidence,
            words: p.words.clone(),
            lang: Lang::for_page(&declared_lang(&p.range.start_container().ok()), &matched),
            dataset_lang: self.dataset.language.clone().unwrap_or_else(|| "en".into()),
            position: (i + 1, self.painted.len()),
            next_key: self.controls.next_key.clone(),
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

/// The wrap-mode listeners on the marks under `target` (the root, an open
/// shadow root, or a frame's document): hover, focus, click, Enter/Space.
/// Events from a deeper shadow root arrive here retargeted to its host and
/// are ignored: that shadow root has these listeners too.
fn mark_listeners(target: &EventTarget, weak: &Weak<RefCell<Inner>>) -> Vec<EventListener> {
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
fn skip_listeners(host: &EventTarget, weak: &Weak<RefCell<Inner>>) -> Vec<EventListener> {
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
fn page_listeners(target: &EventTarget, doc: &Document, mode: Mode, weak: &Weak<RefCell<Inner>>) -> Vec<EventListener> {
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
    let (root, doc, mode, reach, prefix, dataset, matcher) = {
        let s = rc.borrow();
        (s.root.clone(), s.doc.clone(), s.mode, s.reach, s.prefix.clone(), s.dataset.clone(), s.matcher.clone())
    };
    let Some(scan) = Scan::run(&root, reach, alive).await? else { return Ok(false) };
    {
        // Style (and listen to) the shadow roots and frames the scan read.
        let mut s = rc.borrow_mut();
        if s.destroyed {
            return Ok(false);
        }
        if reach != Reach::default() {
            s.sync_trees(&scan.trees, &Rc::downgrade(rc));
        }
    }

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
    // A wrapper's accessible name, in the language the page declares for
    // its text (else the page's, else the text's script).
    let page_lang = page_lang(&doc);
    let label = |first: &Element, text: &str, m: &Match, claim: &Claim| {
        let declared = declared_lang(&Some(first.clone().into()));
        let lang = Lang::for_page(if declared.is_empty() { &page_lang } else { &declared }, text);
        lang.passage_label(text, m.stance, m.confidence(), claim.rating)
    };
    let pass = Pass { doc: &doc, scan: &scan, matches: &matches, claims: &dataset.claims, label: &label };

    let painted = match mode {
        Mode::Highlight => {
            // Swap in one step: the new highlights replace the old ones
            // under the same names; names no longer used are removed.
            let mut s = rc.borrow_mut();
            s.close(false);
            let old = s.paint.take();
            s.painted.clear();
            let (paint, painted) = Paint::css(&scan, &matches, &dataset.claims, &prefix)?;
            if let Some(old) = old {
                old.unused_by(&paint).clear_names();
            }
            s.pending = Some(paint);
            painted
        }
        Mode::Wrap => {
            // From the last match backwards, a chunk per slice.
            let mut painted_rev = Vec::with_capacity(matches.len());
            rc.borrow_mut().pending = Some(Paint::Wrap { log: WrapLog::default() });
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
                            Some(Paint::Wrap { log }) => Paint::wrap_chunk(&pass, start..end, log, &mut painted_rev),
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
    // A page that re-renders the same content keeps the reader's place.
    if s.last.is_some_and(|i| i >= s.painted.len()) {
        s.last = None;
    }
    s.refresh_skip();
    Ok(true)
}

fn observer_init() -> MutationObserverInit {
    let o = MutationObserverInit::new();
    o.set_child_list(true);
    o.set_subtree(true);
    o.set_character_data(true);
    o
}
