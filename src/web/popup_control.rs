//! Popup control: which claim's popup is open, and everything kept in step
//! with it: the active match, focus (into the popup and back), the reader's
//! place for the keys, the popup's position, the hover timer, the skip
//! link's count and list, and the one-time announcement.

use super::dom::{comparable_url, declared_lang, deep_active, frame_offset, page_lang, range_doc};
use super::events::mark_index;
use super::paint::Painted;
use super::popup::{Context, Popup};
use super::session::{with, Mode, Widget};
use super::skiplink::{Action, Item, SkipLink};
use crate::dataset::{Claim, PartialDate};
use crate::labels::Lang;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, DomRect, EventTarget, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};

/// Delay before a hover popup closes once the pointer has left (WCAG 1.4.13:
/// long enough to move onto the popup).
const HOVER_CLOSE_MS: u32 = 300;

impl Widget {
    /// Tells screen-reader users, once, how many claims were found and how
    /// to move between them.
    pub(super) fn announce(&self) {
        let n = self.painted.len();
        if n == 0 {
            return;
        }
        if let Some(p) = &self.popup {
            p.announce(&self.ui_lang().announcement(n, self.mode == Mode::Wrap));
        }
    }

    /// The position in `painted` of the match a wrapper names.
    pub(super) fn painted_index(&self, mark: usize) -> Option<usize> {
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
    pub(super) fn refresh_skip(&mut self) {
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
    pub(super) fn set_list(&mut self, on: bool) {
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
    pub(super) fn skip_action(&mut self, action: Action) -> Option<HtmlElement> {
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

    /// Whether `target` is in the popup.
    pub(super) fn in_popup(&self, target: Option<&EventTarget>) -> bool {
        self.popup.as_ref().is_some_and(|p| p.contains_target(target))
    }

    /// Whether `target` is in the widget's own UI: the popup or the skip link.
    pub(super) fn in_widget(&self, target: Option<&EventTarget>) -> bool {
        self.in_popup(target) || self.skip.as_ref().is_some_and(|k| k.contains_target(target))
    }

    /// The `painted` index of the claim whose popup is open.
    pub(super) fn open_index(&self) -> Option<usize> {
        self.popup.as_ref().and_then(Popup::open_index)
    }

    /// The match under point `(x, y)` of `doc`'s viewport (highlight mode
    /// hit test; only ranges in that document are considered).
    pub(super) fn hit(&self, doc: &Document, x: f64, y: f64) -> Option<usize> {
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
    pub(super) fn open(&mut self, i: usize, pinned: bool, focus: bool) -> Option<HtmlElement> {
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
    pub(super) fn close(&mut self, restore: bool) -> Option<HtmlElement> {
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

    /// Claim `i`'s first wrapper, the one that takes focus (wrap mode).
    fn first_mark(&self, i: usize) -> Option<HtmlElement> {
        // Unchecked: a mark in a frame is an HTMLElement of the frame's realm.
        Some(self.painted.get(i)?.marks.first()?.clone().unchecked_into())
    }

    /// Marks match `i` as (in)active: `aria-expanded` and the active style.
    fn set_active(&self, i: Option<usize>, on: bool) {
        let Some(p) = i.and_then(|i| self.painted.get(i)) else {
            if !on {
                if let Some(paint) = &self.paint {
                    paint.set_active(None);
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
            paint.set_active(on.then_some(&p.range));
        }
    }

    /// Moves to the next (`+1`) or previous (`-1`) claim and opens it, with focus.
    pub(super) fn step(&mut self, step: isize) -> Option<HtmlElement> {
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

    /// Keeps the open popup by its claim (after a scroll or a resize).
    pub(super) fn reposition(&mut self) {
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

    /// Closes the popup after [`HOVER_CLOSE_MS`], unless pinned or focused
    /// by then, or the pointer comes back ([`Widget::cancel_close`]).
    pub(super) fn schedule_close(&mut self, weak: &Weak<RefCell<Widget>>) {
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

    /// Cancels a scheduled close.
    pub(super) fn cancel_close(&mut self) {
        self.close_timer = None; // dropping a gloo Timeout cancels it
    }
}
