//! One mounted widget: what it holds, and the handle the JS API keeps.
//!
//! The widget's state ([`Widget`]) lives in `Rc<RefCell<Widget>>`; event
//! closures and timers hold a `Weak` to it, so dropping the session drops
//! them (gloo's `EventListener` removes itself on drop). How it works is
//! split by job:
//! - `pipeline`: scan → match → paint passes, at mount and on page changes;
//! - `events`: the listeners, and what each event asks for;
//! - `observer`: watching the page for changes;
//! - `popup_control`: which claim is open, focus, the skip link's list;
//! - `trees`: the shadow roots and frames the scan reached.
//!
//! On [`Session::destroy`] it takes away everything it added.

use super::paint::{Paint, Painted};
use super::pipeline::paint_passes;
use super::popup::Popup;
use super::scan::Reach;
use super::skiplink::SkipLink;
use super::style;
use super::trees::Tree;
use crate::dataset::Dataset;
use crate::matcher::Matcher;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Document, Element, HtmlElement, MutationObserver};

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
pub struct Session(Rc<RefCell<Widget>>, Element, Mode);

pub(super) struct Widget {
    pub(super) doc: Document,
    pub(super) root: Element,
    pub(super) mode: Mode,
    /// What the scan reads besides the light DOM under `root`.
    pub(super) reach: Reach,
    /// The shadow roots and frame documents of the last scan.
    pub(super) trees: Vec<Tree>,
    pub(super) prefix: String,
    pub(super) dataset: Rc<Dataset>,
    pub(super) matcher: Rc<Matcher>,
    pub(super) paint: Option<Paint>,
    pub(super) painted: Vec<Painted>,
    /// A paint pass in progress: what it has painted so far (wrap mode
    /// paints in chunks), so that unmounting mid-pass removes it too.
    pub(super) pending: Option<Paint>,
    /// Whether a pass loop is running.
    pub(super) running: bool,
    /// The page changed while a pass was running: run one more after it.
    pub(super) dirty: bool,
    pub(super) destroyed: bool,
    pub(super) popup: Option<Popup>,
    /// The skip link and list of claims, in a host of their own first in
    /// the body (none when the `skipLink` option is off).
    pub(super) skip: Option<SkipLink>,
    pub(super) controls: Controls,
    /// The claim the reader last moved to by keyboard (Alt+Shift+↓/↑, the
    /// skip link, its list, `next()`; a `painted` index, kept by a re-scan
    /// that leaves it in range): once its popup is closed, the keys go on
    /// from there.
    pub(super) last: Option<usize>,
    pub(super) page_sheet: Option<CssStyleSheet>,
    /// Highlight mode's rules are on the root (highlight styles inherit
    /// here: see `style::page_css`).
    pub(super) inherit_highlights: bool,
    pub(super) pinned: bool,
    pub(super) return_focus: Option<HtmlElement>,
    /// Set while the widget gives focus back to a claim, so that the
    /// `focusin` this causes does not reopen the popup just closed.
    pub(super) restoring_focus: bool,
    pub(super) close_timer: Option<Timeout>,
    pub(super) rescan_timer: Option<Timeout>,
    /// When the first change not yet re-scanned happened (ms since epoch).
    pub(super) pending_since: Option<f64>,
    pub(super) listeners: Vec<EventListener>,
    pub(super) observer: Option<MutationObserver>,
    pub(super) observer_cb: Option<Closure<dyn FnMut(js_sys::Array, MutationObserver)>>,
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
        let inner = Rc::new(RefCell::new(Widget {
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
        self.0.borrow().announce();
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
pub(super) fn with(weak: &Weak<RefCell<Widget>>, f: impl FnOnce(&mut Widget) -> Option<HtmlElement>) {
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
