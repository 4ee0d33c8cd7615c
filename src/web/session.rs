//! One mounted widget: what it holds, in teardown order, and the handle the
//! JS API keeps.
//!
//! The widget's state ([`Widget`]) lives in `Rc<RefCell<Widget>>`. The JS
//! API's handles ([`Session`]) are its only owners; event closures, timers
//! and the pipeline's passes hold it weakly. So `unmount()`, which drops
//! the handles, drops the widget, and dropping the widget is its teardown:
//! each part is a guard that takes away what it added (gloo's listeners
//! and timers, [`Observer`], [`Paint`], [`Tree`], [`SkipLink`], [`Popup`],
//! [`AdoptedSheet`]), and Rust drops a struct's fields in the order they
//! are declared, so [`Widget`]'s field order is the teardown order.
//!
//! How the widget works is split by job:
//! - `pipeline`: scan → match → paint passes, at mount and on page changes;
//! - `events`: the listeners, and what each event asks for;
//! - `observer`: watching the page for changes;
//! - `popup_control`: which claim is open, focus, the skip link's list;
//! - `trees`: the shadow roots and frames the scan reached.

use super::observer::Observer;
use super::paint::{Paint, Painted};
use super::pipeline::paint_passes;
use super::popup::Popup;
use super::scan::Reach;
use super::skiplink::SkipLink;
use super::style::{self, AdoptedSheet};
use super::trees::Tree;
use crate::dataset::Dataset;
use crate::matcher::Matcher;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

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

/// A mounted widget: a shared handle (clones refer to the same widget).
/// The widget lives as long as one handle does; dropping the last one
/// takes it off the page (see [`Widget`]).
///
/// The public accessors never panic: page code may call them from inside
/// an event the widget itself caused (while its state is borrowed); they
/// then answer as if nothing were painted. A widget whose last handle goes
/// while its own handler runs is dropped once that handler returns.
#[derive(Clone)]
pub struct Session(Rc<RefCell<Widget>>, Element, Mode);

/// One mounted widget's state.
///
/// **Teardown order.** Everything the widget added to the page is held by
/// a guard in the first group of fields; Rust drops fields in declaration
/// order, so dropping the widget takes it all away in this order:
/// 1. `observer`: disconnected first, so that nothing the teardown changes
///    is seen as a change of the page;
/// 2. `listeners`: no event reaches a widget being taken apart;
/// 3. `close_timer`, `rescan_timer`: cancelled;
/// 4. `paint`, then `pending` (a pass's paint so far): wrappers unwrapped
///    and the page's text nodes rejoined, or the named highlights deleted;
/// 5. `trees`: the listeners and sheets given to shadow roots and frames;
/// 6. `skip`, then `popup`: the widget's hosts, the reverse of the order
///    they were added in (the page's own observers see them go that way);
/// 7. `page_sheet`: the page's style sheet, last, once nothing it styles
///    is left.
///
/// The rest is plain state with nothing to undo.
pub(super) struct Widget {
    pub(super) observer: Option<Observer>,
    /// Listeners on the page, its window and the widget's hosts.
    pub(super) listeners: Vec<EventListener>,
    pub(super) close_timer: Option<Timeout>,
    pub(super) rescan_timer: Option<Timeout>,
    pub(super) paint: Option<Paint>,
    /// A paint pass in progress: what it has painted so far (wrap mode
    /// paints in chunks), so that unmounting mid-pass removes it too.
    pub(super) pending: Option<Paint>,
    /// The shadow roots and frame documents of the last scan.
    pub(super) trees: Vec<Tree>,
    /// The skip link and list of claims, in a host of their own first in
    /// the body (none when the `skipLink` option is off).
    pub(super) skip: Option<SkipLink>,
    pub(super) popup: Option<Popup>,
    /// The page's rules for the paint (adopted by the document).
    pub(super) page_sheet: Option<AdoptedSheet>,

    pub(super) doc: Document,
    pub(super) root: Element,
    pub(super) mode: Mode,
    /// What the scan reads besides the light DOM under `root`.
    pub(super) reach: Reach,
    pub(super) prefix: String,
    pub(super) dataset: Rc<Dataset>,
    pub(super) matcher: Rc<Matcher>,
    pub(super) painted: Vec<Painted>,
    /// Whether a pass loop is running.
    pub(super) running: bool,
    /// The page changed while a pass was running: run one more after it.
    pub(super) dirty: bool,
    pub(super) controls: Controls,
    /// The claim the reader last moved to by keyboard (Alt+Shift+↓/↑, the
    /// skip link, its list, `next()`; a `painted` index, kept by a re-scan
    /// that leaves it in range): once its popup is closed, the keys go on
    /// from there.
    pub(super) last: Option<usize>,
    /// Highlight mode's rules are on the root (highlight styles inherit
    /// here: see `style::page_css`).
    pub(super) inherit_highlights: bool,
    pub(super) pinned: bool,
    pub(super) return_focus: Option<HtmlElement>,
    /// Set while the widget gives focus back to a claim, so that the
    /// `focusin` this causes does not reopen the popup just closed.
    pub(super) restoring_focus: bool,
    /// When the first change not yet re-scanned happened (ms since epoch).
    pub(super) pending_since: Option<f64>,
}

impl Session {
    /// Mounts on `root`: starts listening and paints the first scan (in
    /// slices; resolves when it is done). On error the widget is dropped,
    /// which removes everything added so far.
    #[allow(clippy::too_many_arguments)]
    pub async fn start(
        doc: Document,
        root: Element,
        mode: Mode,
        reach: Reach,
        observe: bool,
        prefix: String,
        prepared: Option<AdoptedSheet>,
        dataset: Rc<Dataset>,
        matcher: Rc<Matcher>,
        controls: Controls,
    ) -> Result<Session, JsValue> {
        let root_handle = root.clone();
        let widget = Rc::new(RefCell::new(Widget {
            observer: None,
            listeners: Vec::new(),
            close_timer: None,
            rescan_timer: None,
            paint: None,
            pending: None,
            trees: Vec::new(),
            popup: None,
            skip: None,
            // Highlight rules of `prefix` already in the document, on the
            // root (`prepareHighlights()`): ours now, removed with the widget.
            page_sheet: prepared,
            doc,
            root,
            mode,
            reach,
            prefix,
            dataset,
            matcher,
            painted: Vec::new(),
            running: false,
            dirty: false,
            controls,
            last: None,
            inherit_highlights: false,
            pinned: false,
            return_focus: None,
            restoring_focus: false,
            pending_since: None,
        }));
        let session = Session(widget, root_handle, mode);
        session.setup(observe)?;
        paint_passes(Rc::downgrade(&session.0)).await?;
        session.announce();
        Ok(session)
    }

    /// Adds the widget's parts to the page: the popup's host, the skip
    /// link's, the page's rules, the listeners and, with `observe`, the
    /// observer.
    fn setup(&self, observe: bool) -> Result<(), JsValue> {
        let weak = Rc::downgrade(&self.0);
        let mut s = self.0.borrow_mut();
        let popup = Popup::new(&s.doc)?;
        s.inherit_highlights = s.mode == Mode::Highlight && style::highlight_inheritance(popup.shadow());
        s.popup = Some(popup);
        if s.controls.skip_link {
            s.skip = Some(SkipLink::new(&s.doc)?);
        }
        // Prepared rules (on the root) serve only where highlight styles
        // inherit; unused, they go (dropping them unadopts them).
        if !(s.mode == Mode::Highlight && s.inherit_highlights) {
            s.page_sheet = None;
        }
        match &s.page_sheet {
            // The page may have replaced its adoptedStyleSheets since.
            Some(prepared) => prepared.keep_adopted()?,
            None => {
                let sheet = style::sheet(&style::page_css(&s.prefix, s.mode == Mode::Wrap, s.inherit_highlights))?;
                s.page_sheet = Some(AdoptedSheet::adopt(s.doc.as_ref(), sheet)?);
            }
        }
        s.listen(&weak)?;
        if observe {
            s.watch_page(&weak)?;
        }
        Ok(())
    }

    /// Tells screen-reader users, once, how many claims were found and how
    /// to move between them.
    fn announce(&self) {
        if let Ok(s) = self.0.try_borrow() {
            s.announce();
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
            moved = !s.painted.is_empty();
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
}

/// Runs `f` on the widget if it is still mounted and not busy, then
/// focuses what `f` asked to focus (after the borrow is released, since
/// focusing fires events the widget itself listens to). Every event
/// handler reaches the widget through here.
///
/// Page code run by those events may unmount the widget; it is then
/// dropped here, at the end, once its own handler is done.
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
