//! Time slicing: the widget's work runs in slices of about [`SLICE_MS`],
//! yielding to the page in between, so no task of the widget's blocks the
//! main thread for long (input stays responsive, no long tasks).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Target length of one slice of work, in milliseconds.
pub const SLICE_MS: f64 = 8.0;

/// Milliseconds on the page's monotonic clock (`performance.now()`; the
/// wall clock only where that is missing).
pub fn now_ms() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &JsValue::from_str("performance"))
        .ok()
        .filter(|p| p.is_object())
        .and_then(|p| {
            let now: js_sys::Function = js_sys::Reflect::get(&p, &JsValue::from_str("now")).ok()?.dyn_into().ok()?;
            now.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

/// Lets the page run: `scheduler.yield()` where the browser has it (the
/// continuation keeps its priority), else a new task via `setTimeout(0)`.
/// Never leaves the caller waiting for good: if neither can be scheduled,
/// it returns at once.
pub async fn yield_now() {
    let global = js_sys::global();
    let promise = js_sys::Reflect::get(&global, &JsValue::from_str("scheduler"))
        .ok()
        .filter(|s| s.is_object())
        .and_then(|s| {
            let f = js_sys::Reflect::get(&s, &JsValue::from_str("yield")).ok()?;
            let f: js_sys::Function = f.dyn_into().ok()?;
            f.call0(&s).ok()?.dyn_into::<js_sys::Promise>().ok()
        })
        .unwrap_or_else(|| {
            js_sys::Promise::new(&mut |resolve, _| {
                let set_timeout = js_sys::Reflect::get(&global, &JsValue::from_str("setTimeout"))
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
                // Called on the global itself: in a Firefox extension's
                // content script, `setTimeout` called on null throws (the
                // sandbox is not a Window), which would leave this promise
                // pending forever. Whatever fails, go on at once instead.
                let scheduled = set_timeout.is_some_and(|f| f.call2(&global, &resolve, &JsValue::from(0)).is_ok());
                if !scheduled {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            })
        });
    let _ = JsFuture::from(promise).await;
}

/// A running slice of work: [`Slice::tick`] yields to the page once the
/// slice has run for [`SLICE_MS`], then starts the next one.
pub struct Slice {
    start: f64,
}

impl Slice {
    pub fn new() -> Slice {
        Slice { start: now_ms() }
    }

    /// Yields if this slice's time is up. True if it yielded.
    pub async fn tick(&mut self) -> bool {
        if now_ms() - self.start < SLICE_MS {
            return false;
        }
        yield_now().await;
        self.start = now_ms();
        true
    }
}

/// UTF-16 units of a JavaScript string copied into the module's memory
/// between clock checks (the copy re-encodes it as UTF-8).
const COPY_CHUNK: u32 = 1 << 20;

/// A JavaScript string as a Rust `String`, copied a chunk at a time and
/// yielding between slices: a page's text or a dataset can be megabytes.
pub async fn copy_in_slices(text: &js_sys::JsString) -> String {
    let len = text.length();
    let mut out = String::with_capacity(len as usize);
    let mut slice = Slice::new();
    let mut at = 0;
    while at < len {
        let mut end = at.saturating_add(COPY_CHUNK).min(len);
        // Never between the two halves of a surrogate pair.
        if end < len && (0xD800..0xDC00).contains(&(text.char_code_at(end - 1) as u32)) {
            end += 1;
        }
        out.push_str(&String::from(text.slice(at, end)));
        at = end;
        slice.tick().await;
    }
    out
}
