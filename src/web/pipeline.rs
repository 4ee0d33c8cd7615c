//! The pipeline: scan → match → paint, in time slices, at mount and again
//! (debounced) whenever the page changes.
//!
//! A pass reads the page's text ([`Scan`]), runs the matcher over it a few
//! kilobytes at a time, and paints what it found ([`Paint`]): in highlight
//! mode in one step, swapping the new highlights in under the old names; in
//! wrap mode a chunk of matches per slice, from the last match backwards,
//! with the observer paused so the widget never sees its own changes.
//! Between slices the page runs; a pass the page cut short (it detached what
//! the scan was walking) is run again, and a change during a pass asks for
//! one more.

use super::dom::{declared_lang, page_lang};
use super::paint::{Paint, Pass, WrapLog};
use super::scan::{Reach, Scan};
use super::schedule::{now_ms, yield_now, SLICE_MS};
use super::session::{Mode, Widget};
use crate::dataset::Claim;
use crate::labels::Lang;
use crate::matcher::Match;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Quiet time before re-scanning a changing page.
const RESCAN_DEBOUNCE_MS: f64 = 150.0;
/// A page that never stops changing is still re-scanned this often.
const RESCAN_MAX_WAIT_MS: f64 = 600.0;

/// Matches wrapped between clock checks in wrap mode.
const WRAP_CHUNK: usize = 16;
/// Bytes of text the matcher reads between clock checks.
const SEARCH_STEP_BYTES: usize = 16 * 1024;

/// Paints the page: runs passes until one completes with no change
/// requested meanwhile (`dirty`), or the widget is unmounted. A pass whose
/// scan the page cut short is run again.
pub(super) async fn paint_passes(rc: Rc<RefCell<Widget>>) -> Result<(), JsValue> {
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
pub(super) async fn pass(rc: &Rc<RefCell<Widget>>) -> Result<bool, JsValue> {
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

impl Widget {
    /// Removes the installed paint and any half-done pass's paint, with
    /// the observer paused so the widget does not see its own changes.
    pub(super) fn clear_paint(&mut self) {
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

    /// Schedules a re-scan: once the page has been quiet for
    /// [`RESCAN_DEBOUNCE_MS`], or at the latest [`RESCAN_MAX_WAIT_MS`] after
    /// the first change, so a page that re-renders continuously still gets
    /// fresh highlights without a re-scan per change.
    pub(super) fn request_rescan(&mut self, weak: &Weak<RefCell<Widget>>) {
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
}
