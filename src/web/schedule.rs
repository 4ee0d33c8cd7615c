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

/// `JSON.stringify(value)` as a Rust `String`, in slices: one call on a
/// big dataset object blocks the page (40–56 ms for 10,000 claims).
///
/// An array, or a plain object (its prototype `Object.prototype` of any
/// realm, or none) without a `toJSON` method, is serialised in parts: a
/// plain object one top-level value per `JSON.stringify` call, except that
/// its arrays (factmark's `claims`; ClaimReview's `@graph` or
/// `dataFeedElement`) go one element per call, as do a top-level array's
/// elements; the clock is checked after each. Anything else goes in one
/// call. The text is the same as one `JSON.stringify` call's, with two
/// differences only odd objects show: a `toJSON` method is called without
/// its key argument, and the object is read over several tasks (a change
/// made meanwhile by the page shows in the parts read after it). Whatever
/// JavaScript throws on the way (a cycle, a throwing getter, a `BigInt`,
/// a revoked Proxy) is returned as the error, never thrown.
pub async fn json_in_slices(value: &JsValue) -> Result<String, JsValue> {
    let mut out = String::new();
    let mut slice = Slice::new();
    match parts(value)? {
        None => return stringify(value)?.ok_or_else(|| JsValue::from_str("the value has no JSON form")),
        Some(Parts::Elements) => {
            push_array(&mut out, value, &mut slice).await?;
            return Ok(out);
        }
        Some(Parts::Values) => {}
    }
    out.push('{');
    let mut first = true;
    for key in own_keys(value)?.iter() {
        let v = js_sys::Reflect::get(value, &key)?;
        let start = out.len();
        if !first {
            out.push(',');
        }
        out.push_str(&stringify(&key)?.unwrap_or_default());
        out.push(':');
        if is_array(&v)? && !has_to_json(&v)? {
            push_array(&mut out, &v, &mut slice).await?;
        } else if let Some(s) = stringify(&v)? {
            out.push_str(&s);
        } else {
            out.truncate(start); // no JSON form: the key is left out
            continue;
        }
        first = false;
        slice.tick().await;
    }
    out.push('}');
    Ok(out)
}

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray` (it throws for a revoked Proxy).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// `Object.keys`: the own enumerable keys `JSON.stringify` writes, in its order.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn own_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = getPrototypeOf)]
    fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// How [`json_in_slices`] splits a value.
enum Parts {
    /// An array: an element per call.
    Elements,
    /// A plain object: a value per call (an array value an element per call).
    Values,
}

/// How [`json_in_slices`] splits `value`; None for one call.
fn parts(value: &JsValue) -> Result<Option<Parts>, JsValue> {
    if !value.is_object() || has_to_json(value)? {
        return Ok(None);
    }
    if is_array(value)? {
        return Ok(Some(Parts::Elements));
    }
    let proto = prototype_of(value)?;
    Ok((proto.is_null() || prototype_of(&proto)?.is_null()).then_some(Parts::Values))
}

/// Appends the JSON of `array`, one element per `JSON.stringify` call.
async fn push_array(out: &mut String, array: &JsValue, slice: &mut Slice) -> Result<(), JsValue> {
    let len = js_sys::Reflect::get(array, &JsValue::from_str("length"))?.as_f64().unwrap_or(0.0) as u32;
    out.push('[');
    for i in 0..len {
        if i > 0 {
            out.push(',');
        }
        let element = js_sys::Reflect::get_u32(array, i)?;
        out.push_str(stringify(&element)?.as_deref().unwrap_or("null"));
        slice.tick().await;
    }
    out.push(']');
    Ok(())
}

/// Whether `value` has a `toJSON` method (which `JSON.stringify` calls).
fn has_to_json(value: &JsValue) -> Result<bool, JsValue> {
    Ok(js_sys::Reflect::get(value, &JsValue::from_str("toJSON"))?.is_function())
}

/// `JSON.stringify(value)`; None where it gives `undefined`.
fn stringify(value: &JsValue) -> Result<Option<String>, JsValue> {
    Ok(JsValue::from(js_sys::JSON::stringify(value)?).as_string())
}
