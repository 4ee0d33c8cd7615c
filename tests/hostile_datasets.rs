//! Hostile and malformed datasets: each is rejected with an error that names
//! where the problem is, and none panics.

use factmark::dataset::Dataset;
use serde_json::{json, Value};

/// A valid one-claim dataset (shared with the unit tests of src/dataset.rs).
fn good() -> Value {
    serde_json::from_str(include_str!("fixtures/minimal-dataset.json")).expect("the fixture is JSON")
}

/// `good()` with the value at `path` (dot-separated, numbers index arrays)
/// replaced, or removed when `value` is `None`.
fn with(path: &str, value: Option<Value>) -> String {
    let mut v = good();
    let parts: Vec<&str> = path.split('.').collect();
    let mut at = &mut v;
    for p in &parts[..parts.len() - 1] {
        at = match p.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*p],
        };
    }
    let last = parts[parts.len() - 1];
    match value {
        Some(x) => at[last] = x,
        None => {
            at.as_object_mut().expect("object").remove(last);
        }
    }
    v.to_string()
}

/// Asserts `json` is rejected and the first error starts with `expected`.
fn rejects(json: &str, expected: &str) {
    let err = Dataset::from_json(json).expect_err("must be rejected").to_string();
    assert!(err.starts_with(expected), "expected {expected:?}, got {err:?}");
}

#[test]
fn invalid_json() {
    for text in ["", "{", "[", "nul", "{\"factmark\": 1,}", "{\"factmark\": 1 \"claims\": []}", "\u{feff}{}"] {
        rejects(text, "dataset: invalid JSON");
    }
}

#[test]
fn wrong_top_level_types() {
    for text in ["[]", "\"a string\"", "42", "null", "true"] {
        rejects(text, "dataset: invalid ");
    }
}

#[test]
fn wrong_field_types() {
    rejects(&with("factmark", Some(json!("1"))), "factmark: invalid type: string");
    rejects(&with("claims", Some(json!({}))), "claims: invalid type: map");
    rejects(&with("claims.0.id", Some(json!(7))), "claims[0].id: invalid type: integer");
    rejects(&with("claims.0.rating", Some(json!(1))), "claims[0].rating: invalid type: integer `1`, expected a rating");
    rejects(&with("claims.0.phrasings", Some(json!("the moon is made of cheese"))), "claims[0].phrasings: invalid type: string");
    rejects(&with("claims.0.sources", Some(json!({"url": "https://x.org"}))), "claims[0].sources: invalid type: map");
    rejects(&with("claims.0.reviewed", Some(json!(20261124))), "claims[0].reviewed: invalid type: integer");
    rejects(&with("claims.0.sources.0.url", Some(json!(["https://x.org"]))), "claims[0].sources[0].url: invalid type: sequence");
}

#[test]
fn missing_fields() {
    rejects(&with("factmark", None), "dataset: missing field `factmark`");
    rejects(&with("claims", None), "dataset: missing field `claims`");
    for field in ["id", "rating", "claim", "phrasings", "verdict", "note", "sources", "reviewed"] {
        rejects(&with(&format!("claims.0.{field}"), None), &format!("claims[0]: missing field `{field}`"));
    }
    for field in ["publisher", "title", "url"] {
        rejects(&with(&format!("claims.0.sources.0.{field}"), None), &format!("claims[0].sources[0]: missing field `{field}`"));
    }
}

#[test]
fn bad_values() {
    rejects(&with("factmark", Some(json!(2))), "factmark: unsupported format version 2");
    rejects(&with("claims", Some(json!([]))), "claims: a dataset needs at least one claim");
    rejects(&with("claims.0.rating", Some(json!("pants-on-fire"))), "claims[0].rating: unknown variant `pants-on-fire`");
    rejects(&with("claims.0.id", Some(json!(""))), "claims[0].id: must not be empty");
    rejects(
        &with("claims.0.id", Some(json!("Has Spaces"))),
        "claims[0].id: \"Has Spaces\" has 'H'; ids use lowercase letters, digits and '-'",
    );
    rejects(&with("claims.0.phrasings", Some(json!([]))), "claims[0].phrasings: a claim needs at least one phrasing");
    rejects(&with("claims.0.phrasings", Some(json!([""]))), "claims[0].phrasings[0]: must not be empty");
    rejects(&with("claims.0.phrasings", Some(json!(["   "]))), "claims[0].phrasings[0]: must not be empty");
    rejects(&with("claims.0.phrasings", Some(json!(["moon cheese"]))), "claims[0].phrasings[0]: a phrasing needs at least three words");
    rejects(&with("claims.0.sources", Some(json!([]))), "claims[0].sources: a claim needs at least one source");
    rejects(&with("claims.0.verdict", Some(json!("tab\tok but bell \u{7}"))), "claims[0].verdict: contains the control character");
    for date in ["2025-13-01", "2025-02-30", "yesterday", "24/11/2026", "2026-11"] {
        rejects(&with("claims.0.reviewed", Some(json!(date))), "claims[0].reviewed: ");
    }
    rejects(&with("claims.0.sources.0.date", Some(json!("n.d."))), "claims[0].sources[0].date: ");
}

#[test]
fn duplicate_ids() {
    let mut v = good();
    let c = v["claims"][0].clone();
    v["claims"].as_array_mut().unwrap().push(c);
    rejects(&v.to_string(), "claims[1].id: duplicate id \"a-claim\" (first used by claims[0])");
}

#[test]
fn links_that_are_not_http() {
    let cases = [
        ("javascript:alert(1)", "scheme \"javascript\" is not allowed"),
        ("JaVaScRiPt:alert(1)", "scheme \"javascript\" is not allowed"),
        ("java\tscript:alert(1)", "scheme \"javascript\" is not allowed"),
        ("java\nscript:alert(1)", "scheme \"javascript\" is not allowed"),
        (" \u{1}javascript:alert(1)", "scheme \"javascript\" is not allowed"),
        ("data:text/html,<script>alert(1)</script>", "scheme \"data\" is not allowed"),
        ("vbscript:msgbox(1)", "scheme \"vbscript\" is not allowed"),
        ("file:///etc/passwd", "scheme \"file\" is not allowed"),
        ("about:blank", "scheme \"about\" is not allowed"),
        ("/relative/path", "\"/relative/path\" is not an absolute URL (it needs http:// or https://)"),
        ("relative.html", "\"relative.html\" is not an absolute URL (it needs http:// or https://)"),
        ("//example.com/x", "\"//example.com/x\" is not an absolute URL (it needs http:// or https://)"),
        ("https://", "\"https://\" has no host"),
        ("https:example.com", "\"https:example.com\" has no host"),
    ];
    for (url, msg) in cases {
        let err = Dataset::from_json(&with("claims.0.sources.0.url", Some(json!(url)))).unwrap_err().to_string();
        let tail = if msg.starts_with("scheme") { " (only http and https)" } else { "" };
        assert_eq!(err, format!("claims[0].sources[0].url: {msg}{tail}"), "{url:?}");
    }
}

#[test]
fn huge_inputs_are_rejected_without_trouble() {
    // A 1 MB note.
    rejects(&with("claims.0.note", Some(json!("x".repeat(1_000_000)))), "claims[0].note: is 1000000 characters long; the limit is 2000");
    // A 1 MB phrasing.
    rejects(&with("claims.0.phrasings", Some(json!(["word ".repeat(200_000)]))), "claims[0].phrasings[0]: is 1000000 characters long");
    // 100,000 claims: over the limit, reported once, quickly.
    let one = good()["claims"][0].clone();
    let many: Vec<Value> = (0..100_000)
        .map(|i| {
            let mut c = one.clone();
            c["id"] = json!(format!("c{i}"));
            c
        })
        .collect();
    let t = std::time::Instant::now();
    let err = Dataset::from_json(&json!({ "factmark": 1, "claims": many }).to_string()).unwrap_err();
    assert_eq!(err.to_string(), "claims: 100000 claims is more than the limit of 50000");
    assert!(t.elapsed().as_secs() < 30);
    // Nesting 100,000 deep: serde_json's recursion limit, not a stack overflow.
    let deep = format!("{{\"factmark\":1,\"claims\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    rejects(&deep, "claims");
}

#[test]
fn markup_in_text_fields_is_accepted_as_plain_text() {
    // Not an error: the widget only ever shows dataset text via textContent
    // (the browser tests prove payloads do not execute).
    let payloads = [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "javascript:alert(1)",
        "<iframe srcdoc=\"<script>alert(1)</script>\">",
        "{{constructor.constructor('alert(1)')()}}",
    ];
    for p in payloads {
        for field in ["claims.0.claim", "claims.0.verdict", "claims.0.note", "claims.0.sources.0.title", "claims.0.sources.0.publisher"] {
            let d = Dataset::from_json(&with(field, Some(json!(p)))).unwrap();
            let back: Value = serde_json::from_str(&d.to_json()).unwrap();
            let pointer = format!("/{}", field.replace('.', "/"));
            assert_eq!(back.pointer(&pointer), Some(&json!(p)), "{field} kept verbatim");
        }
    }
}
