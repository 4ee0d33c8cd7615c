//! Reading the `dataset` option of `mount()` without a JSON parser in the
//! module: JSON text is parsed by the browser's own `JSON.parse`, and the
//! resulting value is read with serde-wasm-bindgen, a claim at a time
//! between clock checks.
//!
//! An object the page gave is first copied as plain data, as `JSON.stringify`
//! would write it (`toJSON` honoured; functions and `undefined` left out),
//! by `JSON.parse(JSON.stringify(…))` of each top-level value and of each
//! claim in turn: so a getter, a `Proxy` or a cycle can only fail that call
//! (a rejected mount, never an exception through the module), and big
//! datasets are copied in slices. serde-wasm-bindgen reads only the fields a
//! struct has, so the unknown fields serde's `deny_unknown_fields` would
//! reject are looked for first, with serde's own lists of fields.
//!
//! Errors are [`DatasetError`]s located as before: a value that does not fit
//! the format is named by its JSON path (`claims[3].sources[0].url: …`); a
//! syntax error by its line and column, its [`position`](DatasetError::position)
//! (worked out here by a syntax-only scan: browsers do not all say where),
//! shown after `JSON.parse`'s own message unless that says where itself.
//! The rules are [`crate::dataset`]'s, through [`ClaimsBuilder`].

use super::schedule::Slice;
use crate::dataset::{
    Claim, ClaimsBuilder, Concept, Dataset, DatasetError, DatasetErrors, ErrorKind, Exception, Header, Position, Review, Shown, Source,
};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse(text)`; throws a `SyntaxError`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
    /// `Array.isArray` (it throws for a revoked Proxy).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// `Object.keys`: the own enumerable keys `JSON.stringify` writes, in its order.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn own_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = getPrototypeOf)]
    fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// A dataset's claims array as given, read claim by claim later.
#[derive(Deserialize)]
struct Claims(#[serde(with = "serde_wasm_bindgen::preserve")] JsValue);

/// What is said of schema.org ClaimReview given to the widget.
const CLAIMREVIEW: &str = "this is schema.org ClaimReview JSON-LD, which the widget does not read: convert it to factmark's format \
                           once with the factmark CLI (`factmark import reviews.json -o dataset.json`) and give the widget that";

/// Parses and validates the `dataset` option (a dataset object or its JSON
/// text), a few claims per clock check of `slice`.
pub(super) async fn dataset(option: &JsValue, slice: &mut Slice, claims_per_check: usize) -> Result<Dataset, DatasetErrors> {
    // The top level as plain data; its claims array as given (each claim is
    // copied as plain data when its turn comes) or already plain.
    let (top, plain_claims) = if option.is_string() { (parse(option)?, true) } else { top_level(option).map_err(unreadable)? };
    if looks_like_claimreview(&top) {
        return Err(DatasetError::new("", CLAIMREVIEW).with_kind(ErrorKind::Shape).into());
    }
    unknown_field(&top, fields_of::<Dataset>(), "")?;
    if let Ok(concepts) = js_sys::Reflect::get(&top, &JsValue::from_str("concepts")) {
        if concepts.is_object() && !js_sys::Array::is_array(&concepts) {
            for name in keys(&concepts).map_err(unreadable)? {
                let c = js_sys::Reflect::get(&concepts, &JsValue::from_str(&name)).map_err(unreadable)?;
                unknown_field(&c, fields_of::<Concept>(), &format!("concepts.{name}"))?;
            }
        }
    }
    let header: Header<Claims> = from_value(top, "")?;
    let (dataset, Claims(claims)) = header.split();
    let n = if js_sys::Array::is_array(&claims) {
        claims.unchecked_ref::<js_sys::Array>().length() as usize
    } else {
        return Err(DatasetError::new("claims", "expected an array of claims").with_kind(ErrorKind::Shape).into());
    };
    let mut builder = ClaimsBuilder::new(dataset, n)?;
    slice.tick().await;
    let claims = claims.unchecked_ref::<js_sys::Array>();
    for i in 0..n {
        let element = js_sys::Reflect::get_u32(claims, i as u32).map_err(unreadable)?;
        let element = if plain_claims { element } else { plain(&element).map_err(unreadable)?.unwrap_or(JsValue::NULL) };
        builder.push(claim(element, &format!("claims[{i}]")));
        if i % claims_per_check == claims_per_check - 1 {
            slice.tick().await;
        }
    }
    builder.finish()
}

/// Claim `path` from plain data.
fn claim(v: JsValue, path: &str) -> Result<Claim, DatasetError> {
    unknown_field(&v, fields_of::<Claim>(), path)?;
    for (list, fields) in [("sources", fields_of::<Source>()), ("reviews", fields_of::<Review>()), ("exceptions", fields_of::<Exception>())]
    {
        let items = if v.is_object() {
            js_sys::Reflect::get(&v, &JsValue::from_str(list)).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        };
        if let Some(items) = items.dyn_ref::<js_sys::Array>() {
            for (j, item) in items.iter().enumerate() {
                unknown_field(&item, fields, &format!("{path}.{list}[{j}]"))?;
            }
        }
    }
    from_value(v, path)
}

/// The error for an object the page gave that JavaScript cannot copy.
fn unreadable(e: JsValue) -> DatasetErrors {
    DatasetError::new("options.dataset", message_of(&e)).with_kind(ErrorKind::Unreadable).into()
}

/// The top level of a dataset object as plain data, and whether its claims
/// are plain data already: a plain object (its prototype `Object.prototype`
/// of any realm, or none) without `toJSON` is copied a value at a time, its
/// `claims` array left to be copied a claim at a time; anything else is
/// copied at once.
fn top_level(value: &JsValue) -> Result<(JsValue, bool), JsValue> {
    let proto = prototype_of(value)?;
    let plain_object = !is_array(value)? && !has_to_json(value)? && (proto.is_null() || prototype_of(&proto)?.is_null());
    if !plain_object {
        return Ok((plain(value)?.unwrap_or(JsValue::NULL), true));
    }
    let out = js_sys::Object::new();
    let mut claims_plain = true;
    for key in keys(value)? {
        let v = js_sys::Reflect::get(value, &JsValue::from_str(&key))?;
        let v = if key == "claims" && is_array(&v)? && !has_to_json(&v)? {
            claims_plain = false;
            v
        } else {
            match plain(&v)? {
                Some(p) => p,
                None => continue, // no JSON form: left out, as JSON.stringify does
            }
        };
        js_sys::Reflect::set(&out, &JsValue::from_str(&key), &v)?;
    }
    Ok((out.into(), claims_plain))
}

/// `JSON.parse(JSON.stringify(value))`; None where `JSON.stringify` gives
/// `undefined` (a function, `undefined`).
fn plain(value: &JsValue) -> Result<Option<JsValue>, JsValue> {
    let text = JsValue::from(js_sys::JSON::stringify(value)?);
    if text.is_string() {
        json_parse(&text).map(Some)
    } else {
        Ok(None)
    }
}

/// Whether `value` has a `toJSON` method (which `JSON.stringify` calls).
fn has_to_json(value: &JsValue) -> Result<bool, JsValue> {
    Ok(js_sys::Reflect::get(value, &JsValue::from_str("toJSON"))?.is_function())
}

/// `Object.keys(value)` as strings.
fn keys(value: &JsValue) -> Result<Vec<String>, JsValue> {
    Ok(own_keys(value)?.iter().filter_map(|k| k.as_string()).collect())
}

/// A field of the plain object `v` (at `path`) that `fields` does not
/// name: serde's error for it. Anything but an object is left to serde.
fn unknown_field(v: &JsValue, fields: &'static [&'static str], path: &str) -> Result<(), DatasetError> {
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Ok(());
    }
    let Ok(keys) = keys(v) else { return Ok(()) };
    match keys.iter().find(|k| !fields.contains(&k.as_str())) {
        Some(k) => Err(DatasetError::new(path, <serde::de::value::Error as serde::de::Error>::unknown_field(k, fields).to_string())
            .with_kind(ErrorKind::Shape)),
        None => Ok(()),
    }
}

/// The fields serde's derived `Deserialize` of `T` (a struct) reads, by
/// their JSON names: a deserializer that only asks.
fn fields_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    #[derive(Debug)]
    struct Fields(&'static [&'static str]);
    impl std::fmt::Display for Fields {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("fields")
        }
    }
    impl std::error::Error for Fields {}
    impl serde::de::Error for Fields {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Fields(&[])
        }
    }
    struct Ask;
    impl<'de> serde::Deserializer<'de> for Ask {
        type Error = Fields;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
            Err(Fields(&[]))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Fields> {
            Err(Fields(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
            newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    match T::deserialize(Ask) {
        Err(Fields(f)) => f,
        Ok(_) => &[],
    }
}

/// `JSON.parse` of the text in `text`, its syntax error located (the
/// column in characters).
fn parse(text: &JsValue) -> Result<JsValue, DatasetErrors> {
    json_parse(text).map_err(|e| {
        let message = message_of(&e);
        let text = text.as_string().unwrap_or_default();
        let mut error = DatasetError::new("", message.as_str()).with_kind(ErrorKind::Syntax);
        if let Some(at) = syntax_error_at(&text) {
            let before = text.get(..at).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            // Browsers do not all say where (V8 names the line and column
            // for some errors, only quotes the text around others): the
            // message shows it unless the browser's says it already.
            let shown = if message.contains("line") { Shown::InMessage } else { Shown::Parenthesised };
            error = error.at_shown(Position { line, column }, shown);
        }
        error.into()
    })
}

/// The byte offset of the first JSON syntax error in `s` (None if there is
/// none): a scan that only checks the syntax, run on the error path alone.
/// Iterative, so deep nesting cannot exhaust the stack.
fn syntax_error_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let ws = |i: &mut usize| {
        while b.get(*i).is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')) {
            *i += 1;
        }
    };
    let string = |i: &mut usize| -> bool {
        if b.get(*i) != Some(&b'"') {
            return false;
        }
        *i += 1;
        loop {
            match b.get(*i) {
                Some(b'"') => {
                    *i += 1;
                    return true;
                }
                Some(b'\\') => match b.get(*i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => *i += 2,
                    Some(b'u') if b.get(*i + 2..*i + 6).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) => *i += 6,
                    _ => return false,
                },
                Some(c) if *c >= 0x20 => *i += 1,
                _ => return false,
            }
        }
    };
    let digits = |i: &mut usize| -> bool {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    let number = |i: &mut usize| -> bool {
        if b.get(*i) == Some(&b'-') {
            *i += 1;
        }
        match b.get(*i) {
            Some(b'0') => *i += 1,
            Some(b'1'..=b'9') => {
                digits(i);
            }
            _ => return false,
        }
        if b.get(*i) == Some(&b'.') {
            *i += 1;
            if !digits(i) {
                return false;
            }
        }
        if matches!(b.get(*i), Some(b'e' | b'E')) {
            *i += 1;
            if matches!(b.get(*i), Some(b'+' | b'-')) {
                *i += 1;
            }
            if !digits(i) {
                return false;
            }
        }
        true
    };
    // A key and its colon, inside an object.
    let key = |i: &mut usize| -> bool {
        ws(i);
        if !string(i) {
            return false;
        }
        ws(i);
        if b.get(*i) != Some(&b':') {
            return false;
        }
        *i += 1;
        true
    };
    let mut open: Vec<u8> = Vec::new();
    loop {
        // A value.
        ws(&mut i);
        match b.get(i) {
            Some(b'{') => {
                i += 1;
                ws(&mut i);
                if b.get(i) == Some(&b'}') {
                    i += 1;
                } else {
                    open.push(b'}');
                    if !key(&mut i) {
                        return Some(i);
                    }
                    continue;
                }
            }
            Some(b'[') => {
                i += 1;
                ws(&mut i);
                if b.get(i) == Some(&b']') {
                    i += 1;
                } else {
                    open.push(b']');
                    continue;
                }
            }
            Some(b'"') => {
                if !string(&mut i) {
                    return Some(i);
                }
            }
            Some(b't' | b'f' | b'n') => {
                let word: &[u8] = match b[i] {
                    b't' => b"true",
                    b'f' => b"false",
                    _ => b"null",
                };
                if !b[i..].starts_with(word) {
                    return Some(i);
                }
                i += word.len();
            }
            Some(b'-' | b'0'..=b'9') => {
                if !number(&mut i) {
                    return Some(i);
                }
            }
            _ => return Some(i),
        }
        // What may follow a value.
        loop {
            ws(&mut i);
            match (open.last(), b.get(i)) {
                (None, None) => return None,
                (None, Some(_)) => return Some(i),
                (Some(&close), Some(&c)) if c == close => {
                    i += 1;
                    open.pop();
                }
                (Some(&close), Some(b',')) => {
                    i += 1;
                    if close == b'}' && !key(&mut i) {
                        return Some(i);
                    }
                    break;
                }
                _ => return Some(i),
            }
        }
    }
}

/// Whether `value` is ClaimReview rather than factmark's format: an array
/// (of reviews), or an object with JSON-LD keys and no `factmark` key.
fn looks_like_claimreview(value: &JsValue) -> bool {
    if js_sys::Array::is_array(value) {
        return true;
    }
    if !value.is_object() {
        return false;
    }
    let has = |key: &str| js_sys::Reflect::has(value, &JsValue::from_str(key)).unwrap_or(false);
    !has("factmark") && ["@context", "@type", "@graph", "dataFeedElement"].into_iter().any(has)
}

/// Reads a `T` from `value`; an error names the path under `prefix`.
fn from_value<T: for<'de> Deserialize<'de>>(value: JsValue, prefix: &str) -> Result<T, DatasetError> {
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        // serde-wasm-bindgen's messages are JavaScript errors as text.
        let message = message.strip_prefix("Error: ").unwrap_or(&message).to_string();
        let path = if path == "." || path == "?" { String::new() } else { path };
        let path = match (prefix.is_empty(), path.is_empty()) {
            (true, _) => path,
            (false, true) => prefix.to_string(),
            (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
            (false, false) => format!("{prefix}.{path}"),
        };
        DatasetError::new(path, message).with_kind(ErrorKind::Shape)
    })
}

/// The message of a thrown JavaScript value.
fn message_of(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| v.as_string()).unwrap_or_else(|| "unknown error".into())
}
