//! Mounting: options and datasets checked (a bad one is rejected and the
//! page left untouched), one widget per root, and dataset text that is
//! only ever text.

use crate::support::*;
use factmark::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

/// XSS payloads; each would set `window.__factmarkXss` if it ever ran.
const XSS: [&str; 22] = [
    "<img src=x onerror=\"window.__factmarkXss=1\">",
    "<script>window.__factmarkXss=2</script>",
    "\"><svg onload=window.__factmarkXss=3>",
    "'><svg/onload=window.__factmarkXss=4>",
    "<iframe srcdoc=\"<script>parent.__factmarkXss=5</script>\"></iframe>",
    "<body onload=window.__factmarkXss=6>",
    "<a href=\"javascript:window.__factmarkXss=7\">x</a>",
    "<details open ontoggle=window.__factmarkXss=8>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__factmarkXss=9>",
    "<input autofocus onfocus=window.__factmarkXss=10>",
    "<video><source onerror=window.__factmarkXss=11>",
    "<object data=\"javascript:window.__factmarkXss=12\">",
    "<marquee onstart=window.__factmarkXss=13>",
    "javascript:window.__factmarkXss=14",
    "<style>@import 'javascript:window.__factmarkXss=15';</style>",
    "<div style=\"background:url(javascript:window.__factmarkXss=16)\">",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__factmarkXss=17>\">",
    "<template><script>window.__factmarkXss=18</script></template>",
    "&lt;img src=x onerror=window.__factmarkXss=19&gt;",
    "<svg><animate onbegin=window.__factmarkXss=20 attributeName=x dur=1s>",
    "<form><button formaction=javascript:window.__factmarkXss=21>x",
    "{{constructor.constructor('window.__factmarkXss=22')()}}",
];

#[wasm_bindgen_test]
async fn dataset_text_is_only_ever_text() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    for payload in XSS {
        let json = serde_json::json!({
            "factmark": 1, "name": payload,
            "claims": [{
                "id": "greenland", "rating": "false", "label": payload, "claim": payload,
                "phrasings": [GREENLAND], "verdict": payload, "note": payload, "uncertain": payload,
                "claimant": payload, "reviewed": "2026-11-24",
                "sources": [{ "publisher": payload, "title": payload, "url": "https://example.org/a" }],
                "reviews": [
                    { "publisher": payload, "label": payload, "rating": "false", "url": "https://example.org/a", "date": "2026-01" },
                    { "publisher": payload, "label": payload, "rating": "mixed", "url": "https://example.org/b" }
                ]
            }]
        });
        let _fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", json.to_string().into())]).await;
        marks(&root)[0].focus().unwrap();
        assert!(popup_open());
        sleep(20).await;
        assert_eq!(text_of(".note"), payload);
        assert_eq!(text_of(".verdict"), payload);
        assert!(text_of(".claim").ends_with(payload));
        assert!(text_of(".uncertain").ends_with(payload));
        assert!(text_of(".claimant").ends_with(payload));
        assert!(text_of(".sources li").starts_with(&format!("{payload}: {payload}")));
        assert_eq!(ui_shadow().query_selector_all(".reviews li").unwrap().length(), 2);
        // Nothing but the widget's own elements in the popup.
        let foreign = popup()
            .query_selector("img, script, svg, iframe, style, input, video, object, details, marquee, form, template, math, body")
            .unwrap();
        assert!(foreign.is_none(), "{payload}: markup was parsed");
    }
    assert!(js_sys::Reflect::get(&js_sys::global(), &"__factmarkXss".into()).unwrap().is_undefined(), "a payload ran");
}

#[wasm_bindgen_test]
async fn bad_datasets_and_options_reject_and_leave_the_page_untouched() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let before = doc().body().unwrap().inner_html();
    let cases: Vec<(JsValue, &str)> = vec![
        (options(&root, &[("dataset", dataset_with(&["sources", "0", "url"], "javascript:alert(1)"))]),
         "claims[0].sources[0].url: scheme \"javascript\" is not allowed (only http and https)"),
        (options(&root, &[("dataset", dataset_with(&["sources", "0", "url"], "JaVa\tScRiPt:alert(1)"))]),
         "claims[0].sources[0].url: scheme \"javascript\" is not allowed (only http and https)"),
        (options(&root, &[("dataset", dataset_with(&["rating"], "fals"))]),
         "claims[0].rating: unknown variant `fals`, expected one of `true`, `mostly-true`, `mixed`, `misleading`, `false`, `unverified`, `opinion`"),
        (options(&root, &[("dataset", "{not json".into())]), "invalid JSON"),
        // A syntax error: JSON.parse's message, with the line and column.
        (options(&root, &[("dataset", "{\"factmark\": 1,\n  \"claims\": [}".into())]), "(line 2 column 14)"),
        (options(&root, &[("dataset", "{\"factmark\": 1, \"claims\": [],}".into())]), "line 1 column 30"),
        (options(&root, &[("dataset", "{\"factmark\": 1,\n\"name\": \"a\\qb\"}".into())]), "line 2 column 1"),
        (options(&root, &[("dataset", "{\"factmark\": 1, \"name\": \"open".into())]), "line 1 column 30"),
        // Unknown fields are errors, at their path (serde's deny_unknown_fields).
        (options(&root, &[("dataset", dataset_with(&["verdcit"], "x"))]), "claims[0]: unknown field `verdcit`, expected one of"),
        (options(&root, &[("dataset", dataset_with(&["sources", "0", "zzz"], "x"))]),
         "claims[0].sources[0]: unknown field `zzz`, expected one of `publisher`, `title`, `url`, `date`, `quotes`"),
        (options(&root, &[("dataset", dataset_with(&["id"], "greenland").as_string().unwrap().replace("\"factmark\":1", "\"factmark\":1,\"nmae\":\"x\"").into())]),
         "dataset: unknown field `nmae`"),
        // ClaimReview is refused with the remedy.
        (options(&root, &[("dataset", r#"{"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x"}"#.into())]),
         "schema.org ClaimReview JSON-LD, which the widget does not read: convert it to factmark's format once with the factmark CLI (`factmark import reviews.json -o dataset.json`)"),
        (options(&root, &[("dataset", 42.into())]), "options.dataset: expected a dataset object or its JSON text"),
        (options(&root, &[("mode", "bogus".into())]), "options.mode: expected \"wrap\" or \"highlight\", got \"bogus\""),
        (options(&root, &[("observe", "yes".into())]), "options.observe: expected true or false"),
        (options(&root, &[("mdoe", "wrap".into())]), "options.mdoe: unknown option (expected root, dataset, mode, observe, shadowRoots, frames, skipLink or nextKey)"),
        (options(&root, &[("skipLink", "no".into())]), "options.skipLink: expected true or false"),
        (options(&root, &[("nextKey", "".into())]), "options.nextKey: expected the name of a key, 1 to 40 characters"),
        (options(&root, &[("nextKey", 74.into())]), "options.nextKey: expected the name of a key, 1 to 40 characters"),
        (options(&root, &[("nextKey", "x".repeat(41).into())]), "options.nextKey: expected the name of a key, 1 to 40 characters"),
        (js_sys::JSON::parse("{\"root\": \"#article\"}").unwrap(), "options.root: expected an Element"),
        ("wrap".into(), "options: expected an object"),
    ];
    for (opts, expected) in cases {
        let msg = mount_err(opts).await;
        assert!(msg.contains(expected), "got {msg:?}, expected {expected:?}");
        assert_eq!(doc().body().unwrap().inner_html(), before, "page touched after {expected}");
    }
}

/// A bad dataset's `Error` carries the first problem's path, and its line
/// and column when the text is not JSON; an option's has neither.
#[wasm_bindgen_test]
async fn a_dataset_error_carries_its_path_and_position() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let rejection = |opts: JsValue| async move {
        match mount(Some(opts)).await {
            Ok(_) => panic!("mount should have failed"),
            Err(e) => e,
        }
    };
    let e = rejection(options(&root, &[("dataset", dataset_with(&["sources", "0", "url"], "javascript:alert(1)"))])).await;
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("claims[0].sources[0].url"));
    assert!(get(&e, "line").is_undefined() && get(&e, "column").is_undefined());
    let e = rejection(options(&root, &[("dataset", "{\"factmark\": 1,\n  \"claims\": [}".into())])).await;
    assert!(message(e.clone()).contains("(line 2 column 14)"), "{}", message(e.clone()));
    assert_eq!(get(&e, "path").as_string().as_deref(), Some(""));
    assert_eq!((get(&e, "line").as_f64(), get(&e, "column").as_f64()), (Some(2.0), Some(14.0)));
    // Where the browser's message says where itself, the properties agree.
    let e = rejection(options(&root, &[("dataset", "{\"factmark\": 1, \"claims\": [],}".into())])).await;
    assert_eq!((get(&e, "line").as_f64(), get(&e, "column").as_f64()), (Some(1.0), Some(30.0)));
    let e = rejection(options(&root, &[("mode", "bogus".into())])).await;
    assert!(get(&e, "path").is_undefined());
}

/// A dataset object (copied as plain data a claim at a time) reads as
/// `JSON.stringify` would write it.
#[wasm_bindgen_test]
async fn a_dataset_object_reads_as_json_stringify_writes_it() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let object = || js_sys::JSON::parse(&dataset_with(&[], "").as_string().unwrap()).unwrap();
    let set = |o: &JsValue, k: &str, v: &JsValue| js_sys::Reflect::set(o, &k.into(), v).unwrap();
    let claims = |o: &JsValue| get(o, "claims").unchecked_into::<js_sys::Array>();

    // toJSON is honoured; functions and undefined are left out of objects.
    let odd = object();
    let wrap_claim = js_sys::Function::new_with_args("c", "return { toJSON() { return c; } }");
    let claim = claims(&odd).get(0);
    claims(&odd).set(0, wrap_claim.call1(&JsValue::NULL, &claim).unwrap());
    set(&odd, "helper", &js_sys::Function::new_no_args(""));
    set(&odd, "missing", &JsValue::UNDEFINED);
    set(&claim, "later", &JsValue::UNDEFINED);
    let mut fm = mount_on(&root, &[("dataset", odd)]).await;
    assert_eq!(matches(&fm), [("greenland".into(), GREENLAND.into())]);
    fm.unmount();

    // An unknown field of a claim object is an error at its path.
    let typo = object();
    set(&claims(&typo).get(0), "verdcit", &"x".into());
    let msg = mount_err(options(&root, &[("dataset", typo)])).await;
    assert!(msg.starts_with("claims[0]: unknown field `verdcit`"), "{msg}");

    // undefined in an array is null: an error at that claim's path.
    let holes = object();
    claims(&holes).push(&JsValue::UNDEFINED);
    let msg = mount_err(options(&root, &[("dataset", holes)])).await;
    assert!(msg.starts_with("claims[1]"), "{msg}");

    // What JSON.stringify throws is reported.
    let cyclic = object();
    set(&claims(&cyclic).get(0), "self", &cyclic);
    let msg = mount_err(options(&root, &[("dataset", cyclic)])).await;
    assert!(msg.starts_with("options.dataset: cannot be read as JSON"), "{msg}");
    let throwing = object();
    let desc = js_sys::Object::new();
    set(&desc, "get", &js_sys::Function::new_no_args("throw new Error('boom')"));
    set(&desc, "enumerable", &true.into());
    js_sys::Object::define_property(throwing.unchecked_ref::<js_sys::Object>(), &"claims".into(), &desc);
    let msg = mount_err(options(&root, &[("dataset", throwing)])).await;
    assert!(msg.starts_with("options.dataset: cannot be read as JSON") && msg.contains("boom"), "{msg}");
    // ... also from an element read on its own, and from a revoked Proxy: a
    // rejection, never an exception thrown into the page.
    let throwing_claim = object();
    js_sys::Object::define_property(claims(&throwing_claim).unchecked_ref::<js_sys::Object>(), &"0".into(), &desc);
    let msg = mount_err(options(&root, &[("dataset", throwing_claim)])).await;
    assert!(msg.starts_with("options.dataset: cannot be read as JSON") && msg.contains("boom"), "{msg}");
    let revoked =
        js_sys::Function::new_no_args("const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy;").call0(&JsValue::NULL).unwrap();
    let msg = mount_err(options(&root, &[("dataset", revoked)])).await;
    assert!(msg.starts_with("options.dataset: cannot be read as JSON"), "{msg}");

    // A top-level array with its own toJSON is serialised by it.
    let to_dataset = js_sys::Function::new_with_args("d", "const a = []; a.toJSON = () => d; return a;");
    let array = to_dataset.call1(&JsValue::NULL, &object()).unwrap();
    let fm = mount_on(&root, &[("dataset", array)]).await;
    assert_eq!(matches(&fm), [("greenland".into(), GREENLAND.into())]);
}

#[wasm_bindgen_test]
async fn a_root_cannot_be_mounted_twice() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    let msg = mount_err(options(&root, &[])).await;
    assert!(msg.contains("already mounted"), "{msg}");
    fm.unmount();
    let again = mount_on(&root, &[("mode", "wrap".into())]).await;
    assert_eq!(matches(&again).len(), 1);
}

#[wasm_bindgen_test]
async fn a_second_mount_during_the_first_scan_is_refused() {
    // Big enough that the first scan yields to the page several times.
    let root = fixture(&format!("<p>Intro <em>text</em>. {GREENLAND}. More words here.</p>").repeat(1500));
    let first = mount(Some(options(&root, &[("mode", "wrap".into())])));
    let second = mount(Some(options(&root, &[])));
    let (first, second) = futures_join(first, second).await;
    let fm = Mounted::from(first.map_err(message).unwrap());
    let msg = message(second.err().expect("the second mount is refused"));
    assert!(msg.contains("already mounted"), "{msg}");
    assert_eq!(matches(&fm).len(), 1500);
}
