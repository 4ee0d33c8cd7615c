//! The hand-written TypeScript types of the npm package (the
//! `typescript_custom_section` in `src/web/api.rs`) name every field of the
//! dataset format, so that they cannot drift from the Rust model unnoticed:
//! serde's own error for an unknown field lists the fields it expects.

use factmark::dataset::Dataset;

/// The TypeScript section without its comments.
fn ts_types() -> String {
    let api = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/api.rs")).unwrap();
    let start = api.find("const TS_TYPES").expect("the TypeScript section");
    let ts = api[start..].split("\"#;").next().unwrap();
    let mut out = String::new();
    let mut rest = ts;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].split_once("*/").map_or("", |(_, r)| r);
    }
    out.push_str(rest);
    out
}

/// The fields serde expects where `json` puts an unknown one.
fn expected_fields(json: serde_json::Value) -> Vec<String> {
    let errs = Dataset::from_json(&json.to_string()).unwrap_err();
    let e = errs.errors()[0].message();
    let mut out = Vec::new();
    for list in e.split("expected one of ").skip(1) {
        let list = list.lines().next().unwrap_or("");
        out.extend(list.split(", ").map(|f| f.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_string()).filter(|f| !f.is_empty()));
    }
    assert!(!out.is_empty(), "{e}");
    out
}

#[test]
fn every_dataset_field_has_a_typescript_type() {
    let claim = |extra: serde_json::Value| {
        let mut c = serde_json::json!({
            "id": "x", "rating": "false", "claim": "c", "phrasings": ["a b c"], "verdict": "v", "note": "n",
            "reviewed": "2026-01-01", "sources": [{ "publisher": "p", "title": "t", "url": "https://e.org" }]
        });
        for (k, v) in extra.as_object().unwrap() {
            c[k] = v.clone();
        }
        serde_json::json!({ "factmark": 1, "claims": [c] })
    };
    let cases = [
        serde_json::json!({ "factmark": 1, "claims": [], "zzz": 1 }),
        serde_json::json!({ "factmark": 1, "concepts": { "c": { "terms": ["x"], "zzz": 1 } }, "claims": [] }),
        claim(serde_json::json!({ "zzz": 1 })),
        claim(serde_json::json!({ "sources": [{ "publisher": "p", "title": "t", "url": "https://e.org", "zzz": 1 }] })),
        claim(serde_json::json!({ "reviews": [{ "publisher": "p", "rating": "false", "url": "https://e.org", "zzz": 1 }] })),
        claim(serde_json::json!({ "exceptions": [{ "check": "quote", "text": "t", "reason": "r", "zzz": 1 }] })),
    ];
    let ts = ts_types();
    let mut missing = Vec::new();
    let mut checked = 0;
    for json in cases {
        for f in expected_fields(json) {
            checked += 1;
            let declared = [" ", "{"].iter().any(|p| ts.contains(&format!("{p}{f}:")) || ts.contains(&format!("{p}{f}?:")));
            if !declared {
                missing.push(f);
            }
        }
    }
    assert!(checked >= 40, "{checked} fields");
    assert!(missing.is_empty(), "no TypeScript type for {missing:?}");
}
