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
use super::observer::Observer;
use super::paint::{Paint, Pass, WrapLog};
use super::scan::{Reach, Scan};
use super::schedule::{now_ms, yield_now, SLICE_MS};
use super::session::{Mode, Widget};
use crate::dataset::Claim;
use crate::labels::Lang;
use crate::matcher::Match;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Weak;
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

/// Runs `f` on the widget for one synchronous step of a pass; `None` once
/// the widget has been unmounted (or, which cannot happen between a pass's
/// slices, is busy). Passes hold the widget weakly and never across an
/// `await`, so unmounting drops it at once, mid-pass too.
fn step<R>(weak: &Weak<RefCell<Widget>>, f: impl FnOnce(&mut Widget) -> R) -> Option<R> {
    let rc = weak.upgrade()?;
    let mut s = rc.try_borrow_mut().ok()?;
    Some(f(&mut s))
}

/// Paints the page: runs passes until one completes with no change
/// requested meanwhile (`dirty`), or the widget is unmounted. A pass whose
/// scan the page cut short is run again.
pub(super) async fn paint_passes(weak: Weak<RefCell<Widget>>) -> Result<(), JsValue> {
    loop {
        let started = step(&weak, |s| {
            s.running = true;
            s.dirty = false;
            // Wrappers come off before the scan (it reads the page's own
            // text); highlight mode keeps its paint until the new one is ready.
            if s.mode == Mode::Wrap {
                s.clear_paint();
            }
        });
        if started.is_none() {
            return Ok(()); // unmounted
        }
        let result = pass(&weak).await;
        // Another pass if this one was cut short, or the page changed
        // while it ran; else the loop ends.
        let again = step(&weak, |s| {
            let again = matches!(result, Ok(false)) || (matches!(result, Ok(true)) && s.dirty);
            if !again {
                s.running = false;
                if result.is_err() {
                    s.clear_paint();
                }
            }
            again
        });
        match again {
            None => return Ok(()), // unmounted
            Some(true) => continue,
            Some(false) => return result.map(|_| ()),
        }
    }
}

/// One scan → match → paint pass in time slices. Returns `Ok(false)` if it
/// was cut short: the widget was unmounted (dropping it removed the partial
/// paint, kept in `pending`), or the page detached what the scan was walking.
async fn pass(weak: &Weak<RefCell<Widget>>) -> Result<bool, JsValue> {
    let alive = || weak.strong_count() > 0;
    let Some((root, doc, mode, reach, prefix, dataset, matcher)) =
        step(weak, |s| (s.root.clone(), s.doc.clone(), s.mode, s.reach, s.prefix.clone(), s.dataset.clone(), s.matcher.clone()))
    else {
        return Ok(false);
    };
    let Some(scan) = Scan::run(&root, reach, alive).await? else { return Ok(false) };
    // Style (and listen to) the shadow roots and frames the scan read.
    if step(weak, |s| {
        if reach != Reach::default() {
            s.sync_trees(&scan.trees, weak)
        }
    })
    .is_none()
    {
        return Ok(false);
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
            let swapped = step(weak, |s| {
                s.close(false);
                let old = s.paint.take();
                s.painted.clear();
                let (paint, painted) = Paint::css(&scan, &matches, &dataset.claims, &prefix)?;
                if let Some(mut old) = old {
                    old.hand_over(&paint);
                } // dropped: the names `paint` does not use again go
                s.pending = Some(paint);
                Ok::<_, JsValue>(painted)
            });
            match swapped {
                Some(painted) => painted?,
                None => return Ok(false),
            }
        }
        Mode::Wrap => {
            // From the last match backwards, a chunk per slice.
            let mut painted_rev = Vec::with_capacity(matches.len());
            if step(weak, |s| s.pending = Some(Paint::Wrap { log: WrapLog::default() })).is_none() {
                return Ok(false);
            }
            let mut end = matches.len();
            while end > 0 {
                let slice = step(weak, |s| {
                    let _paused = s.observer.as_ref().map(Observer::pause);
                    let slice_start = now_ms();
                    // Small chunks until the slice's time is used up.
                    while end > 0 && now_ms() - slice_start < SLICE_MS {
                        let start = end.saturating_sub(WRAP_CHUNK);
                        if let Some(Paint::Wrap { log }) = s.pending.as_mut() {
                            Paint::wrap_chunk(&pass, start..end, log, &mut painted_rev)?;
                        }
                        end = start;
                    }
                    Ok::<_, JsValue>(())
                });
                match slice {
                    Some(result) => result?,
                    None => return Ok(false),
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
    let done = step(weak, |s| {
        s.paint = s.pending.take();
        s.painted = painted;
        // A page that re-renders the same content keeps the reader's place.
        if s.last.is_some_and(|i| i >= s.painted.len()) {
            s.last = None;
        }
        s.refresh_skip();
    });
    Ok(done.is_some())
}

impl Widget {
    /// Removes the installed paint and any half-done pass's paint, with
    /// the observer paused so the widget does not see its own changes.
    fn clear_paint(&mut self) {
        self.close(false);
        self.painted.clear();
        if self.paint.is_none() && self.pending.is_none() {
            return;
        }
        let _paused = self.observer.as_ref().map(Observer::pause);
        // Dropping a paint takes it off.
        self.paint = None;
        self.pending = None;
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
            let start = step(&w, |s| {
                s.rescan_timer = None;
                s.pending_since = None;
                // A pass in progress finishes first (a page that keeps
                // changing must still get highlights), then runs another.
                if s.running {
                    s.dirty = true;
                }
                !s.running
            });
            if start == Some(true) {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = paint_passes(w).await {
                        web_sys::console::warn_2(&JsValue::from_str("factmark: re-scan failed:"), &e);
                    }
                });
            }
        }));
    }
}
