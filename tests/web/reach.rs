//! Open shadow roots and same-origin iframes (the `shadowRoots` and
//! `frames` options): read when asked, styled and listened to there, and
//! left exactly as they were.

use crate::support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot};

/// A page whose claims are all inside shadow roots: an open one holding
/// Greenland and a nested open one holding the "Cold War relic" claim, and a
/// closed one holding Lee's (which scripts cannot read). The open shadow
/// root already has a style sheet of the page's own.
fn shadow_fixture() -> (Fixture, ShadowRoot, ShadowRoot, CssStyleSheet) {
    use web_sys::ShadowRootMode::{Closed, Open};
    let root = fixture("<p>Intro text.</p><div class=\"open\"><span>Slotted light text.</span></div><div class=\"closed\"></div>");
    let open = attach(
        &root.query_selector(".open").unwrap().unwrap(),
        Open,
        &format!("<p>Elsewhere, {GREENLAND}.</p><p><slot>fallback</slot></p><div class=\"inner\"></div>"),
    );
    let inner = attach(&open.query_selector(".inner").unwrap().unwrap(), Open, &format!("<ul><li>{RELIC}.</li></ul>"));
    attach(&root.query_selector(".closed").unwrap().unwrap(), Closed, &format!("<p>{LEE}.</p>"));
    let own = CssStyleSheet::new().unwrap();
    own.replace_sync("p { margin: 0 }").unwrap();
    js_sys::Reflect::set(&open, &"adoptedStyleSheets".into(), &js_sys::Array::of1(&own)).unwrap();
    (root, open, inner, own)
}

#[wasm_bindgen_test]
async fn open_shadow_roots_are_checked_when_asked_in_both_modes() {
    let (root, open, inner, own) = shadow_fixture();
    let before = (root.inner_html(), open.inner_html(), inner.inner_html());
    let doc_sheets = sheets(&doc().into()).len();
    for mode in ["wrap", "highlight"] {
        // Off (the default): shadow roots are not read.
        let mut fm = mount_on(&root, &[("mode", mode.into())]).await;
        assert!(matches(&fm).is_empty(), "{mode}: nothing found outside shadow roots");
        assert_eq!(sheets(&open.clone().into()).len(), 1, "{mode}: shadow root untouched when off");
        fm.unmount();

        let mut fm = mount_on(&root, &[("mode", mode.into()), ("shadowRoots", true.into())]).await;
        assert_eq!(
            matches(&fm),
            [("trump-greenland-control".to_string(), GREENLAND.to_string()), ("massie-cold-war-relic".to_string(), RELIC.to_string())],
            "{mode}: open shadow roots (nested too) read; the closed one not"
        );
        // The page sheet is adopted where the matches are, after the page's own.
        let open_sheets = sheets(&open.clone().into());
        assert_eq!(open_sheets.len(), 2, "{mode}");
        assert!(open_sheets[0] == JsValue::from(own.clone()), "{mode}: the page's own sheet stays first");
        assert_eq!(sheets(&inner.clone().into()).len(), 1, "{mode}");
        let p = open.query_selector("p").unwrap().unwrap();
        if mode == "wrap" {
            let m = marks_in(&open.clone().into());
            assert_eq!(m.len(), 1, "mark inserted in the shadow root");
            assert_eq!(m[0].text_content().unwrap(), GREENLAND);
            assert_eq!(marks_in(&inner.clone().into()).len(), 1, "and in the nested one");
            assert_eq!(computed(&m[0], "", "backgroundColor"), TRUE_BG, "the mark is styled inside the shadow root");
            // A click on a mark in a shadow root opens its popup (the page-level
            // click handler sees the host, and must not close it again).
            m[0].unchecked_ref::<HtmlElement>().click();
            assert!(popup_open(), "click in the shadow root opens the popup");
            assert!(text_of(".claim").contains("Greenland"), "{}", text_of(".claim"));
            key(&doc().into(), "Escape", false);
            assert!(!popup_open());
        } else {
            assert_eq!(open.inner_html(), before.1, "highlight mode does not touch the shadow tree");
            let name = factmark_highlights(&web_sys::window().unwrap().into())
                .into_iter()
                .find(|n| n.ends_with("-true"))
                .expect("a highlight for the true rating");
            assert_eq!(
                computed(&p, &format!("::highlight({name})"), "backgroundColor"),
                TRUE_BG,
                "::highlight() applies in the shadow root"
            );
            // Hover over the range inside the shadow root opens the popup.
            let range: web_sys::Range = get(&fm.matches().get(0), "range").dyn_into().unwrap();
            let r = range.get_client_rects().unwrap().item(0).unwrap();
            pointer(&doc().into(), "pointermove", r.left() + 3.0, r.top() + r.height() / 2.0, None);
            assert!(popup_open(), "hover in the shadow root opens the popup");
            key(&doc().into(), "Escape", false);
        }
        // Keyboard: Alt+Shift+↓ reaches the claims in shadow roots.
        key(&doc().into(), "ArrowDown", true);
        assert!(popup_open(), "{mode}: Alt+Shift+↓");
        assert!(text_of(".claim").contains("Greenland"), "{mode}: {}", text_of(".claim"));
        key(&doc().into(), "ArrowDown", true);
        assert!(text_of(".claim").to_lowercase().contains("relic"), "{mode}: {}", text_of(".claim"));
        key(&doc().into(), "Escape", false);

        fm.unmount();
        assert_eq!((root.inner_html(), open.inner_html(), inner.inner_html()), before, "{mode}: every tree exactly as before");
        let open_sheets = sheets(&open.clone().into());
        assert!(open_sheets.len() == 1 && open_sheets[0] == JsValue::from(own.clone()), "{mode}: adoptedStyleSheets as before");
        assert!(sheets(&inner.clone().into()).is_empty(), "{mode}");
        assert_eq!(sheets(&doc().into()).len(), doc_sheets, "{mode}");
        assert!(factmark_highlights(&web_sys::window().unwrap().into()).is_empty(), "{mode}: highlights removed");
    }
}

const FRAMES: &str = "<p>Intro text.</p>\
    <iframe class=\"same\" style=\"width:600px;height:200px\" srcdoc=\"<p>Elsewhere, Trump recently claimed he wants control over Greenland.</p><p>Other text.</p>\"></iframe>\
    <iframe class=\"sandboxed\" sandbox srcdoc=\"<p>Senator Mike Lee from Utah also submitted a similar proposal to the Senate.</p>\"></iframe>\
    <iframe class=\"cross\" src=\"data:text/html,<p>Senator Mike Lee from Utah also submitted a similar proposal to the Senate.</p>\"></iframe>";

#[wasm_bindgen_test]
async fn same_origin_frames_are_checked_when_asked_and_others_skipped() {
    let root = frames_fixture(FRAMES).await;
    let frame = root.query_selector("iframe.same").unwrap().unwrap();
    let fdoc = frame_doc(&frame);
    let fwin = get(&fdoc, "defaultView");
    let body: Element = get(&fdoc, "body").unchecked_into();
    assert!(frame_doc(&root.query_selector("iframe.sandboxed").unwrap().unwrap()).is_null(), "fixture: sandboxed frame unreadable");
    assert!(frame_doc(&root.query_selector("iframe.cross").unwrap().unwrap()).is_null(), "fixture: data: frame unreadable");
    let before = (root.inner_html(), body.inner_html());
    for mode in ["wrap", "highlight"] {
        let mut fm = mount_on(&root, &[("mode", mode.into())]).await;
        assert!(matches(&fm).is_empty(), "{mode}: frames are not read by default");
        assert!(sheets(&fdoc).is_empty(), "{mode}");
        fm.unmount();

        frame.scroll_into_view();
        let mut fm = mount_on(&root, &[("mode", mode.into()), ("frames", true.into())]).await;
        assert_eq!(
            matches(&fm),
            [("trump-greenland-control".to_string(), GREENLAND.to_string())],
            "{mode}: only the same-origin frame is read"
        );
        assert_eq!(sheets(&fdoc).len(), 1, "{mode}: the frame document adopts a sheet of its own");
        let frame_box = frame.get_bounding_client_rect();
        let p: Element = get(&fdoc, "body").unchecked_into::<Element>().query_selector("p").unwrap().unwrap();
        if mode == "wrap" {
            let m = marks_in(&fdoc);
            assert_eq!(m.len(), 1, "mark inserted in the frame");
            assert_eq!(computed(&m[0], "", "backgroundColor"), TRUE_BG, "the mark is styled in the frame");
            // Events in a frame never reach the page: the frame has listeners of its own.
            call(&m[0], "click", &[]);
            assert!(popup_open(), "click on a mark in the frame opens the popup");
        } else {
            assert_eq!(body.inner_html(), before.1, "highlight mode does not touch the frame's DOM");
            let names = factmark_highlights(&fwin);
            let name = names.iter().find(|n| n.ends_with("-true")).expect("a highlight in the frame's own registry");
            assert!(factmark_highlights(&web_sys::window().unwrap().into()).is_empty(), "nothing in the page's registry");
            assert_eq!(computed(&p, &format!("::highlight({name})"), "backgroundColor"), TRUE_BG, "::highlight() applies in the frame");
            // Hover over the range in the frame, in the frame's coordinates.
            let range: web_sys::Range = get(&fm.matches().get(0), "range").unchecked_into();
            let r = range.get_client_rects().unwrap().item(0).unwrap();
            pointer(&fdoc.clone().unchecked_into(), "pointermove", r.left() + 3.0, r.top() + r.height() / 2.0, None);
            assert!(popup_open(), "hover in the frame opens the popup");
        }
        // The popup is placed by the claim: below it in the page's viewport, not the frame's.
        let top: f64 =
            popup().unchecked_ref::<HtmlElement>().style().get_property_value("top").unwrap().trim_end_matches("px").parse().unwrap();
        assert!(
            top > frame_box.top() && top < frame_box.bottom() + 10.0,
            "{mode}: popup top {top} within frame {}..{}",
            frame_box.top(),
            frame_box.bottom()
        );
        key(&fdoc.clone().unchecked_into(), "Escape", false);
        assert!(!popup_open(), "{mode}: Escape in the frame closes it");
        key(&fdoc.clone().unchecked_into(), "ArrowDown", true);
        assert!(popup_open(), "{mode}: Alt+Shift+↓ in the frame");
        key(&doc().into(), "Escape", false);

        fm.unmount();
        assert_eq!((root.inner_html(), body.inner_html()), before, "{mode}: page and frame exactly as before");
        assert!(sheets(&fdoc).is_empty(), "{mode}: frame adoptedStyleSheets as before");
        assert!(factmark_highlights(&fwin).is_empty(), "{mode}: frame highlights removed");
    }
}

#[wasm_bindgen_test]
async fn shadow_roots_and_frames_together_and_nested() {
    // A shadow root holding a same-origin frame; both options on.
    let root = fixture("<p>Intro text.</p><div class=\"host\"></div>");
    let sr = attach(&root.query_selector(".host").unwrap().unwrap(), web_sys::ShadowRootMode::Open, "<p>Shadow text.</p>");
    let frame = doc().create_element("iframe").unwrap();
    frame.set_attribute("srcdoc", &format!("<p>{RELIC}.</p>")).unwrap();
    let loaded = loaded(&frame);
    sr.append_child(&frame).unwrap();
    JsFuture::from(loaded).await.unwrap();
    let fdoc = frame_doc(&frame);
    let body: Element = get(&fdoc, "body").unchecked_into();
    let before = (root.inner_html(), sr.inner_html(), body.inner_html());
    for mode in ["wrap", "highlight"] {
        let mut fm = mount_on(&root, &[("mode", mode.into()), ("frames", true.into())]).await;
        assert!(matches(&fm).is_empty(), "{mode}: a frame in a shadow root is not reached without shadowRoots");
        fm.unmount();
        let mut fm = mount_on(&root, &[("mode", mode.into()), ("frames", true.into()), ("shadowRoots", true.into())]).await;
        assert_eq!(matches(&fm), [("massie-cold-war-relic".to_string(), RELIC.to_string())], "{mode}");
        fm.unmount();
        assert_eq!((root.inner_html(), sr.inner_html(), body.inner_html()), before, "{mode}");
        assert!(sheets(&fdoc).is_empty() && sheets(&sr.clone().into()).is_empty(), "{mode}");
    }
}

#[wasm_bindgen_test]
async fn observe_sees_changes_in_shadow_roots_and_new_frames() {
    let root = fixture("<p>Nothing to see.</p><div class=\"host\"></div>");
    let sr = attach(&root.query_selector(".host").unwrap().unwrap(), web_sys::ShadowRootMode::Open, "<p>Nothing here either.</p>");
    let mut fm =
        mount_on(&root, &[("mode", "wrap".into()), ("observe", true.into()), ("shadowRoots", true.into()), ("frames", true.into())]).await;
    assert!(matches(&fm).is_empty());
    // Text added inside the shadow root.
    let p = doc().create_element("p").unwrap();
    p.set_text_content(Some(&format!("{GREENLAND}.")));
    sr.append_child(&p).unwrap();
    sleep(500).await;
    assert_eq!(matches(&fm).len(), 1, "a change inside an open shadow root is seen");
    assert_eq!(marks_in(&sr.clone().into()).len(), 1);
    // A frame added to the light DOM is read once it has loaded.
    let frame = doc().create_element("iframe").unwrap();
    frame.set_attribute("srcdoc", &format!("<p>{LEE}.</p>")).unwrap();
    let loaded = loaded(&frame);
    root.append_child(&frame).unwrap();
    JsFuture::from(loaded).await.unwrap();
    sleep(500).await;
    assert_eq!(matches(&fm).len(), 2, "a frame that loads after mount is read");
    let fdoc = frame_doc(&frame);
    assert_eq!(marks_in(&fdoc).len(), 1);
    let fbody: Element = get(&fdoc, "body").unchecked_into();
    p.remove();
    sleep(500).await;
    assert_eq!(matches(&fm).len(), 1);
    fm.unmount();
    assert_eq!(sr.inner_html(), "<p>Nothing here either.</p>");
    assert_eq!(fbody.inner_html(), format!("<p>{LEE}.</p>"));
    assert!(sheets(&fdoc).is_empty() && sheets(&sr.clone().into()).is_empty());
    frame.remove();
    assert_eq!(root.inner_html(), "<p>Nothing to see.</p><div class=\"host\"></div>");
}

#[wasm_bindgen_test]
async fn reach_options_are_checked() {
    let root = fixture("<p>x</p>");
    for key in ["shadowRoots", "frames"] {
        assert_eq!(mount_err(options(&root, &[(key, "yes".into())])).await, format!("options.{key}: expected true or false"));
    }
    assert!(doc().query_selector("factmark-ui").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn hostile_shadow_root_and_frame_getters_do_not_break_the_scan() {
    let root = fixture(&format!(
        "<p>{GREENLAND}.</p><x-throws></x-throws><x-fake></x-fake><x-other></x-other><iframe class=\"throws\"></iframe><iframe class=\"fake\"></iframe>"
    ));
    let define = |el: &Element, prop: &str, body: &str| {
        let desc = js_sys::Object::new();
        js_sys::Reflect::set(&desc, &"get".into(), &js_sys::Function::new_no_args(body)).unwrap();
        js_sys::Object::define_property(el, &prop.into(), &desc);
    };
    let q = |sel: &str| root.query_selector(sel).unwrap().unwrap();
    define(&q("x-throws"), "shadowRoot", "throw new Error('no peeking')");
    // A fake that passes the shape checks but is no node: walking it throws.
    define(&q("x-fake"), "shadowRoot", "return { nodeType: 11, host: this, ownerDocument: null }");
    let real = attach(&q("x-other"), web_sys::ShadowRootMode::Open, &format!("<p>{RELIC}.</p>"));
    define(&q("iframe.throws"), "contentDocument", "throw new DOMException('Blocked a frame', 'SecurityError')");
    define(&q("iframe.fake"), "contentDocument", "return { nodeType: 9, body: 'not an element' }");
    let before = root.inner_html();
    for mode in ["wrap", "highlight"] {
        let mut fm = mount_on(&root, &[("mode", mode.into()), ("shadowRoots", true.into()), ("frames", true.into())]).await;
        let ids: Vec<String> = matches(&fm).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["trump-greenland-control", "massie-cold-war-relic"], "{mode}: real trees read, lying getters skipped");
        fm.unmount();
        assert_eq!(root.inner_html(), before, "{mode}");
        assert!(sheets(&real.clone().into()).is_empty(), "{mode}");
    }
}

#[wasm_bindgen_test]
async fn text_in_a_shadow_root_takes_the_language_of_its_host() {
    let _lang = PageLang::set("en");
    let root = fixture("<div lang=\"zh-CN\" class=\"zh-host\"></div>");
    let host = root.query_selector(".zh-host").unwrap().unwrap();
    let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    shadow.set_inner_html("<p>Washington is to cut two hundred jobs at NATO, officials say.</p>");
    let _fm = mount_on(&root, &[("mode", "wrap".into()), ("shadowRoots", true.into()), ("dataset", cuts_dataset().into())]).await;
    let mark: HtmlElement = shadow.query_selector("factmark-mark").unwrap().expect("a mark in the shadow root").dyn_into().unwrap();
    mark.focus().unwrap();
    assert_eq!(popup().get_attribute("lang").as_deref(), Some("zh"), "the host's lang, not the English text's script");
    assert!(text_of(".kind").starts_with("类似说法"));
}
