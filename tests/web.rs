//! Browser tests: the widget on real DOM, in headless Chromium
//! (`wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]

use factmark::{mount, Factmark};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{CssStyleSheet, Document, Element, HtmlElement, KeyboardEvent, KeyboardEventInit, Node, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const GREENLAND: &str = "Trump recently claimed he wants control over Greenland";
const RELIC: &str = "The proposer stated that NATO is a \"Cold War relic\" that does not align with U.S. national security interests";

fn doc() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh fixture element in the body, built from static test markup.
fn fixture(html: &str) -> Element {
    let d = doc();
    let el = d.create_element("div").unwrap();
    el.set_attribute("class", "fixture").unwrap();
    el.set_inner_html(html);
    d.body().unwrap().append_child(&el).unwrap();
    el
}

fn options(root: &Element, extra: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"root".into(), root).unwrap();
    for (k, v) in extra {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

async fn mount_on(root: &Element, extra: &[(&str, JsValue)]) -> Factmark {
    mount(Some(options(root, extra))).await.map_err(|e| message(e.into())).unwrap()
}

fn message(e: JsValue) -> String {
    e.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

async fn mount_err(opts: JsValue) -> String {
    match mount(Some(opts)).await {
        Ok(_) => panic!("mount should have failed"),
        Err(e) => message(e.into()),
    }
}

/// Polls two futures to completion together.
async fn futures_join<A: std::future::Future, B: std::future::Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (Box::pin(a), Box::pin(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let std::task::Poll::Ready(x) = a.as_mut().poll(cx) {
                ra = Some(x);
            }
        }
        if rb.is_none() {
            if let std::task::Poll::Ready(x) = b.as_mut().poll(cx) {
                rb = Some(x);
            }
        }
        if ra.is_some() && rb.is_some() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap())
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

/// (claimId, text) of every match.
fn matches(fm: &Factmark) -> Vec<(String, String)> {
    fm.matches()
        .iter()
        .map(|m| {
            let get = |k: &str| js_sys::Reflect::get(&m, &k.into()).unwrap().as_string().unwrap();
            (get("claimId"), get("text"))
        })
        .collect()
}

fn marks(root: &Element) -> Vec<HtmlElement> {
    let list = root.query_selector_all("factmark-mark").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
}

/// The shadow root of the newest widget's UI host.
fn ui_shadow() -> ShadowRoot {
    let hosts = doc().query_selector_all("factmark-ui").unwrap();
    let host: Element = hosts.item(hosts.length().saturating_sub(1)).expect("factmark-ui host").dyn_into().unwrap();
    host.shadow_root().unwrap()
}

fn popup() -> Element {
    ui_shadow().query_selector(".popup").unwrap().unwrap()
}

fn popup_open() -> bool {
    popup().has_attribute("data-open")
}

fn text_of(sel: &str) -> String {
    popup().query_selector(sel).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

fn key(target: &web_sys::EventTarget, key: &str, alt_shift: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    init.set_alt_key(alt_shift);
    init.set_shift_key(alt_shift);
    let e = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

/// Every text node under `root`, in order.
fn text_nodes(root: &Node) -> Vec<Node> {
    let mut out = Vec::new();
    let walker = doc().create_tree_walker_with_what_to_show(root, 4).unwrap();
    while let Ok(Some(n)) = walker.next_node() {
        out.push(n);
    }
    out
}

fn dataset_with(field_path: &[&str], value: &str) -> JsValue {
    let json = serde_json::json!({
        "factmark": 1,
        "claims": [{
            "id": "greenland", "rating": "true", "claim": "Trump wants control over Greenland.",
            "phrasings": [GREENLAND], "verdict": "Accurate.", "note": "He said so.",
            "reviewed": "2026-11-24",
            "sources": [{ "publisher": "AP", "title": "Report", "url": "https://apnews.com/x", "date": "2026-01-16" }]
        }]
    });
    let mut json = json;
    let mut at = &mut json["claims"][0];
    for (i, p) in field_path.iter().enumerate() {
        if i + 1 == field_path.len() {
            at[*p] = value.into();
        } else if let Ok(n) = p.parse::<usize>() {
            at = &mut at[n];
        } else {
            at = &mut at[*p];
        }
    }
    JsValue::from_str(&json.to_string())
}

#[wasm_bindgen_test]
async fn wraps_claims_and_reports_matches() {
    let root = fixture(&format!("<h2>News</h2><p>Elsewhere, {GREENLAND} — a territory of Denmark.</p><p>Unrelated text about the weather.</p><ul><li>{RELIC}.</li></ul>"));
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    assert_eq!(
        matches(&fm),
        [("trump-greenland-control".to_string(), GREENLAND.to_string()), ("massie-cold-war-relic".to_string(), RELIC.to_string())]
    );
    let m = marks(&root);
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].get_attribute("data-factmark-rating").as_deref(), Some("true"));
    assert_eq!(m[0].get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(m[0].text_content().unwrap(), GREENLAND);
    // The range covers the matched page text.
    let range: web_sys::Range = js_sys::Reflect::get(&fm.matches().get(0), &"range".into()).unwrap().dyn_into().unwrap();
    assert_eq!(String::from(range.to_string()), GREENLAND);
    fm.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_match_crosses_inline_elements() {
    let root = fixture("<p>Trump <b>recently</b> claimed he <em>wants <a href=\"#x\">control over</a></em> Greenland, again.</p>");
    let before = root.inner_html();
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    assert_eq!(matches(&fm), [("trump-greenland-control".into(), GREENLAND.into())]);
    let m = marks(&root);
    let joined: String = m.iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(joined, GREENLAND);
    assert!(m.len() >= 4, "one wrapper per text node touched, got {}", m.len());
    assert_eq!(m.iter().filter(|e| e.has_attribute("tabindex")).count(), 1, "one focus stop per claim");
    assert!(root.query_selector("a factmark-mark").unwrap().is_some(), "the link's text is wrapped inside the link");
    fm.unmount();
    assert_eq!(root.inner_html(), before);
    root.remove();
}

#[wasm_bindgen_test]
async fn skip_list_is_respected_through_ancestors() {
    let c = GREENLAND;
    let root = fixture(&format!(
        "<textarea>{c}.</textarea><div contenteditable=\"true\"><section><p>{c}.</p></section></div>\
         <div hidden><p>{c}.</p></div><div data-factmark-ignore><article><div><p><span>{c}.</span></p></div></article></div>\
         <noscript>{c}.</noscript><template><p>{c}.</p></template><select><option>{c}.</option></select>\
         <svg><text>{c}.</text></svg><script type=\"text/x-none\">{c}.</script><style>/* {c}. */</style>\
         <p>Only this one: {c}.</p>"
    ));
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    assert_eq!(matches(&fm).len(), 1);
    assert_eq!(marks(&root).len(), 1);
    assert!(root.query_selector("p:last-child factmark-mark").unwrap().is_some());
    fm.unmount();
    // A root inside an ignored region is not scanned at all.
    let inner = root.query_selector("[data-factmark-ignore] p").unwrap().unwrap();
    let mut fm = mount_on(&inner, &[("mode", "wrap".into())]).await;
    assert!(matches(&fm).is_empty());
    fm.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn unmount_restores_the_page_exactly() {
    let root = fixture(&format!(
        "<p>A  <!-- comment --> lead. {GREENLAND}! Then 😀 émoji — and <i>{RELIC}</i>.</p>\
         <p>   </p><p>Split <b>NATO</b> text: After the collapse of the Soviet Union and the Warsaw Pact, NATO did not dissolve, but instead embarked on an expansion process.</p>"
    ));
    // Make the page's own adjacent text nodes, which normalize() would merge.
    let p = root.query_selector("p").unwrap().unwrap();
    p.append_child(&doc().create_text_node(" extra")).unwrap();
    p.append_child(&doc().create_text_node(" more")).unwrap();
    let before_html = root.inner_html();
    let before_text = root.text_content();
    let before_nodes = text_nodes(&root);
    for mode in ["wrap", "highlight"] {
        let mut fm = mount_on(&root, &[("mode", mode.into())]).await;
        assert_eq!(matches(&fm).len(), 3, "{mode}");
        assert_eq!(root.text_content(), before_text, "{mode}: text unchanged while mounted");
        fm.unmount();
        assert_eq!(root.inner_html(), before_html, "{mode}");
        let after = text_nodes(&root);
        assert_eq!(after.len(), before_nodes.len(), "{mode}");
        assert!(after.iter().zip(&before_nodes).all(|(a, b)| a.is_same_node(Some(b))), "{mode}: same text node objects");
        assert!(doc().query_selector("factmark-ui").unwrap().is_none(), "{mode}: UI host removed");
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn highlight_mode_does_not_touch_the_dom() {
    let root = fixture(&format!("<p>Meanwhile <em>{GREENLAND}</em>.</p>"));
    let before = root.inner_html();
    let sheets_before = js_sys::Array::from(&js_sys::Reflect::get(&doc(), &"adoptedStyleSheets".into()).unwrap()).length();
    let registry = js_sys::Reflect::get(&js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).unwrap(), &"highlights".into()).unwrap();
    let size = || js_sys::Reflect::get(&registry, &"size".into()).unwrap().as_f64().unwrap();
    let size_before = size();
    let mut fm = mount_on(&root, &[("mode", "highlight".into())]).await;
    assert_eq!(fm.mode().as_deref(), Some("highlight"));
    assert_eq!(root.inner_html(), before);
    assert_eq!(matches(&fm), [("trump-greenland-control".into(), GREENLAND.into())]);
    assert!(size() > size_before);
    fm.unmount();
    assert_eq!(size(), size_before, "highlights removed");
    let sheets_after = js_sys::Array::from(&js_sys::Reflect::get(&doc(), &"adoptedStyleSheets".into()).unwrap()).length();
    assert_eq!(sheets_after, sheets_before, "page style sheet removed");
    root.remove();
}

#[wasm_bindgen_test]
async fn prepared_highlight_rules_are_taken_over_by_the_next_highlight_mount() {
    let root = fixture(&format!("<p>Meanwhile <em>{GREENLAND}</em>.</p>"));
    let em = root.query_selector("em").unwrap().unwrap();
    let page: JsValue = doc().into();
    let win: JsValue = web_sys::window().unwrap().into();
    let before = sheets(&page);

    // Prepared and released without a mount: nothing is left.
    let mut unused = factmark::prepare_highlights(None).unwrap();
    assert!(unused.pending());
    assert_eq!(sheets(&page).len(), before.len() + 1);
    unused.release();
    assert!(!unused.pending());
    assert_eq!(sheets(&page), before, "released rules removed");
    unused.release();
    assert_eq!(sheets(&page), before, "a second release does nothing");

    let mut prepared = factmark::prepare_highlights(None).unwrap();
    let sheet = sheets(&page).pop().unwrap();
    let first_rule = get(&js_sys::Array::from(&get(&sheet, "cssRules")).get(0), "selectorText").as_string().unwrap();
    // ":root::highlight(factmark-N-rating)": the instance the next mount will be.
    let name = first_rule.split("::highlight(").nth(1).unwrap().split(')').next().unwrap().to_string();
    let prefix = name.splitn(3, '-').take(2).collect::<Vec<_>>().join("-");

    // A wrap-mode mount does not take them.
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    assert!(prepared.pending());
    fm.unmount();
    assert!(prepared.pending());
    assert_eq!(sheets(&page).len(), before.len() + 1);

    // A highlight-mode mount does: no second sheet, its highlights carry the
    // prepared names, and the prepared rules paint them.
    let mut fm = mount_on(&root, &[("mode", "highlight".into())]).await;
    assert!(!prepared.pending());
    assert_eq!(sheets(&page).len(), before.len() + 1, "no sheet of its own");
    assert!(sheets(&page).last() == Some(&sheet), "the prepared sheet is in use");
    let names = factmark_highlights(&win);
    assert!(!names.is_empty() && names.iter().all(|n| n.starts_with(&format!("{prefix}-"))), "{names:?} under {prefix}");
    let bg = computed(&em, &format!("::highlight({})", names[0]), "background-color");
    assert!(!bg.is_empty() && bg != "rgba(0, 0, 0, 0)", "highlight painted: {bg}");
    prepared.release();
    assert!(sheets(&page).last() == Some(&sheet), "release leaves a mount's rules alone");
    fm.unmount();
    assert_eq!(sheets(&page), before, "unmount removes the prepared rules");
    assert!(factmark_highlights(&win).is_empty());

    // A page that drops the prepared rules before the mount: the mount adopts them again.
    let mut dropped = factmark::prepare_highlights(None).unwrap();
    let set_sheets =
        |list: &[JsValue]| js_sys::Reflect::set(&page, &"adoptedStyleSheets".into(), &list.iter().collect::<js_sys::Array>()).unwrap();
    set_sheets(&before);
    let mut fm = mount_on(&root, &[("mode", "highlight".into())]).await;
    assert!(!dropped.pending());
    assert_eq!(sheets(&page).len(), before.len() + 1, "the prepared rules are back");
    let names = factmark_highlights(&win);
    let bg = computed(&em, &format!("::highlight({})", names[0]), "background-color");
    assert!(!bg.is_empty() && bg != "rgba(0, 0, 0, 0)", "highlight painted: {bg}");
    fm.unmount();
    dropped.release();
    assert_eq!(sheets(&page), before);
    root.remove();
}

#[wasm_bindgen_test]
async fn popup_shows_the_fact_check_and_follows_the_keyboard() {
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>{RELIC}.</p>"));
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    let m = marks(&root);
    assert!(!popup_open());
    // Screen readers hear once how many claims there are and how to reach them.
    let live = ui_shadow().query_selector("[aria-live=polite]").unwrap().unwrap();
    assert_eq!(
        live.text_content().unwrap(),
        "factmark: 2 fact-checked claims on this page. Tab to a highlighted claim, or press Alt+Shift+Down and Alt+Shift+Up to move between them."
    );

    // Focus opens it, without taking focus.
    m[0].focus().unwrap();
    assert!(popup_open());
    // The title says first what the passage does; it names the dialog.
    assert_eq!(text_of(".title"), "This passage repeats a claim rated ✓True");
    assert_eq!(text_of(".rating"), "✓True");
    assert_eq!(popup().get_attribute("aria-labelledby").as_deref(), Some("fm-title"));
    assert_eq!(ui_shadow().get_element_by_id("fm-title").unwrap().class_name(), "title");
    assert_eq!(
        m[0].get_attribute("aria-label").as_deref(),
        Some("Trump recently claimed he wants control over Greenland (fact-check: repeats a claim rated True)")
    );
    assert!(text_of(".claim").contains("Greenland"));
    assert!(!text_of(".verdict").is_empty());
    assert!(!text_of(".note").is_empty());
    // How current the facts are (the bundled claim's asOf, 22 Jan 2026), then the review date, without an age.
    assert!(text_of(".as-of").starts_with("Facts as of Jan 2026 · "), "{}", text_of(".as-of"));
    let time = popup().query_selector(".as-of time").unwrap().unwrap();
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2026-01-22"));
    assert_eq!(text_of(".reviewed"), "Reviewed 7 Dec 2026");
    // Its window is 180 days from the facts' date.
    let stale = js_sys::Date::now() > js_sys::Date::new(&"2026-01-22T00:00:00".into()).get_time() + 181.0 * 86_400_000.0;
    assert_eq!(popup().query_selector(".outdated").unwrap().is_some(), stale);
    assert_eq!(text_of(".kind"), "Same wording as the reviewed claim");
    let links = popup().query_selector_all(".sources a").unwrap();
    assert!(links.length() >= 1);
    for i in 0..links.length() {
        let a: Element = links.item(i).unwrap().dyn_into().unwrap();
        assert_eq!(a.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
        assert_eq!(a.get_attribute("target").as_deref(), Some("_blank"));
        assert!(a.get_attribute("href").unwrap().starts_with("https://"));
    }
    let panel = popup();
    assert_eq!(panel.get_attribute("role").as_deref(), Some("dialog"));
    assert_eq!(m[0].get_attribute("aria-expanded").as_deref(), Some("true"));
    // Inside the viewport.
    let r = panel.get_bounding_client_rect();
    let win = web_sys::window().unwrap();
    assert!(r.left() >= 0.0 && r.top() >= 0.0);
    assert!(r.right() <= win.inner_width().unwrap().as_f64().unwrap());
    assert!(r.bottom() <= win.inner_height().unwrap().as_f64().unwrap());

    // Escape closes it.
    key(&doc().into(), "Escape", false);
    assert!(!popup_open());

    // Enter moves focus into it; Escape returns focus to the claim.
    key(&m[0].clone().into(), "Enter", false);
    assert!(popup_open());
    assert!(ui_shadow().active_element().is_some(), "focus is in the popup");
    key(&ui_shadow().active_element().unwrap().into(), "Escape", false);
    assert!(!popup_open());
    assert!(doc().active_element().unwrap().is_same_node(Some(&m[0])), "focus returned to the claim");

    // Alt+Shift+ArrowDown moves from the focused claim to the next one.
    key(&doc().into(), "ArrowDown", true);
    assert!(doc().active_element().unwrap().is_same_node(Some(&m[1])));
    assert!(popup_open());
    assert!(text_of(".claim").contains("Cold War relic"));

    fm.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_passage_that_disputes_a_claim_is_marked_so() {
    let root = fixture(&format!("<p>It is false that {GREENLAND}.</p><p>{RELIC}.</p>"));
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    let stances: Vec<String> =
        fm.matches().iter().map(|m| js_sys::Reflect::get(&m, &"stance".into()).unwrap().as_string().unwrap()).collect();
    assert_eq!(stances, ["disputes", "states"]);
    let m = marks(&root);
    m[0].focus().unwrap();
    // A passage disputing a true claim: the fact-check disagrees with it.
    assert_eq!(text_of(".title"), "This passage disputes a claim rated ✓True — the fact-check disagrees with it");
    assert_eq!(text_of(".disputes"), "The verdict below is about the claim, not about this passage.");
    assert_eq!(m[0].get_attribute("data-factmark-stance").as_deref(), Some("disputes"));
    assert!(m[0].get_attribute("aria-label").unwrap().ends_with("(fact-check: disputes a claim rated True)"));
    m[1].focus().unwrap();
    assert!(popup().query_selector(".disputes").unwrap().is_none());
    assert!(!m[1].has_attribute("data-factmark-stance"));
    fm.unmount();
    root.remove();
}

/// A false claim with a long phrasing and two key terms: the same wording
/// matches with high confidence, a short mention of both terms with medium.
fn cheese_dataset() -> String {
    serde_json::json!({
        "factmark": 1, "language": "en",
        "claims": [{
            "id": "cheese", "rating": "false", "claim": "The moon is made of cheese.",
            "phrasings": ["the moon is made entirely of green cheese from distant dairy farms"],
            "keyTerms": [["moon"], ["cheese"]],
            "verdict": "It is rock.", "note": "Samples say rock.", "reviewed": "2026-11-24", "asOf": "2025-12-10",
            "sources": [{ "publisher": "P", "title": "T", "url": "https://example.org/" }]
        }]
    })
    .to_string()
}

const CHEESE: [&str; 4] = [
    "The moon is made entirely of green cheese from distant dairy farms.",
    "It is false that the moon is made entirely of green cheese from distant dairy farms.",
    "Some say the moon is cheese.",
    "Nobody thinks the moon is cheese.",
];

fn stance_and_confidence(fm: &Factmark) -> Vec<(String, String)> {
    fm.matches()
        .iter()
        .map(|m| {
            let get = |k: &str| js_sys::Reflect::get(&m, &k.into()).unwrap().as_string().unwrap();
            (get("stance"), get("confidence"))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_title_says_what_the_passage_does_and_disputes_look_different() {
    let html: String = CHEESE.iter().map(|t| format!("<p>{t}</p>")).collect();
    let expected = [("states", "high"), ("disputes", "high"), ("states", "medium"), ("disputes", "medium")];
    let titles = [
        "This passage repeats a claim rated ✗False",
        "This passage disputes a claim rated ✗False — the fact-check agrees with it",
        "This passage may refer to a claim rated ✗False",
        "This passage may refer to a claim rated ✗False, disputing it — the fact-check agrees with it",
    ];
    let labels = [
        "(fact-check: repeats a claim rated False)",
        "(fact-check: disputes a claim rated False)",
        "(fact-check: may refer to a claim rated False)",
        "(fact-check: may refer to a claim rated False, disputing it)",
    ];

    // Wrap mode: titles, accessible labels, and the disputing passages' own style.
    let root = fixture(&html);
    let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", cheese_dataset().into())]).await;
    let got = stance_and_confidence(&fm);
    assert_eq!(got, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    let m = marks(&root);
    assert_eq!(m.len(), 4);
    for (i, mark) in m.iter().enumerate() {
        mark.focus().unwrap();
        assert_eq!(text_of(".title"), titles[i], "passage {i}");
        assert!(mark.get_attribute("aria-label").unwrap().ends_with(labels[i]), "{:?}", mark.get_attribute("aria-label"));
        let decoration = computed(mark, "", "text-decoration-line");
        let disputes = expected[i].0 == "disputes";
        assert_eq!(decoration.contains("overline"), disputes, "passage {i}: {decoration}");
        assert_eq!(mark.get_attribute("data-factmark-stance").is_some(), disputes);
        let bg = computed(mark, "", "background-color");
        assert_eq!(bg == "rgb(238, 241, 244)", disputes, "passage {i}: {bg}");
    }
    // Facts as of the claim's asOf; the dataset has no window, so nothing is outdated.
    assert_eq!(text_of(".as-of").split(" · ").next(), Some("Facts as of Dec 2025"));
    assert!(popup().query_selector(".outdated").unwrap().is_none());
    fm.unmount();

    // Highlight mode: the disputing passages are in a highlight of their own.
    let mut fm = mount_on(&root, &[("mode", "highlight".into()), ("dataset", cheese_dataset().into())]).await;
    let win: JsValue = web_sys::window().unwrap().into();
    let mut names = factmark_highlights(&win);
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].ends_with("-disputes") && names[1].ends_with("-false"), "{names:?}");
    let reg = get(&get(&win, "CSS"), "highlights");
    for name in &names {
        let h = call(&reg, "get", &[&JsValue::from(name.as_str())]);
        assert_eq!(get(&h, "size").as_f64(), Some(2.0), "{name}");
    }
    let p = root.query_selector("p").unwrap().unwrap();
    let line = |name: &str| computed(&p, &format!("::highlight({name})"), "text-decoration-line");
    assert!(line(&names[0]).contains("overline"), "{}", line(&names[0]));
    assert!(!line(&names[1]).contains("overline"), "{}", line(&names[1]));
    fm.unmount();
    assert!(factmark_highlights(&win).is_empty());

    // In Chinese.
    with_page_lang("zh-CN", || async {
        let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", cheese_dataset().into())]).await;
        let m = marks(&root);
        m[1].focus().unwrap();
        assert_eq!(text_of(".title"), "这段文字反驳了一个被评为✗不实的说法——核查结论与这段文字一致");
        assert!(m[1].get_attribute("aria-label").unwrap().ends_with("(事实核查: 反驳了被评为不实的说法)"));
        m[2].focus().unwrap();
        assert_eq!(text_of(".title"), "这段文字可能涉及一个被评为✗不实的说法");
        assert_eq!(text_of(".as-of").split(" · ").next(), Some("事实截至：2025年12月"));
        assert_eq!(text_of(".reviewed"), "核查日期：2026年11月24日");
        fm.unmount();
    })
    .await;
    root.remove();
}

#[wasm_bindgen_test]
async fn popup_works_in_highlight_mode_by_keyboard() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let mut fm = mount_on(&root, &[("mode", "highlight".into())]).await;
    key(&doc().into(), "ArrowDown", true);
    assert!(popup_open());
    assert!(text_of(".claim").contains("Greenland"));
    key(&doc().into(), "Escape", false);
    assert!(!popup_open());
    fm.unmount();
    root.remove();
}

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
        let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", json.to_string().into())]).await;
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
        fm.unmount();
    }
    assert!(js_sys::Reflect::get(&js_sys::global(), &"__factmarkXss".into()).unwrap().is_undefined(), "a payload ran");
    root.remove();
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
    root.remove();
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
    let mut fm = mount_on(&root, &[("dataset", array)]).await;
    assert_eq!(matches(&fm), [("greenland".into(), GREENLAND.into())]);
    fm.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_root_cannot_be_mounted_twice() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    let msg = mount_err(options(&root, &[])).await;
    assert!(msg.contains("already mounted"), "{msg}");
    fm.unmount();
    let mut again = mount_on(&root, &[("mode", "wrap".into())]).await;
    assert_eq!(matches(&again).len(), 1);
    again.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_second_mount_during_the_first_scan_is_refused() {
    // Big enough that the first scan yields to the page several times.
    let root = fixture(&format!("<p>Intro <em>text</em>. {GREENLAND}. More words here.</p>").repeat(1500));
    let first = mount(Some(options(&root, &[("mode", "wrap".into())])));
    let second = mount(Some(options(&root, &[])));
    let (first, second) = futures_join(first, second).await;
    let mut fm = first.map_err(|e| message(e.into())).unwrap();
    let msg = message(second.err().expect("the second mount is refused").into());
    assert!(msg.contains("already mounted"), "{msg}");
    assert_eq!(matches(&fm).len(), 1500);
    fm.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn observe_rescans_added_and_removed_content() {
    let root = fixture("<p>Nothing to see.</p>");
    let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("observe", true.into())]).await;
    assert!(matches(&fm).is_empty());
    let p = doc().create_element("p").unwrap();
    p.set_text_content(Some(&format!("{GREENLAND}.")));
    root.append_child(&p).unwrap();
    sleep(500).await;
    assert_eq!(matches(&fm).len(), 1);
    assert_eq!(marks(&root).len(), 1);
    p.remove();
    sleep(500).await;
    assert!(matches(&fm).is_empty());
    fm.unmount();
    assert_eq!(root.inner_html(), "<p>Nothing to see.</p>");
    root.remove();
}

fn pointer(target: &web_sys::EventTarget, ty: &str, x: f64, y: f64, related: Option<&web_sys::EventTarget>) {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(!matches!(ty, "pointerenter" | "pointerleave"));
    init.set_composed(true);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    init.set_related_target(related);
    let e = web_sys::PointerEvent::new_with_event_init_dict(ty, &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
async fn hover_opens_and_the_popup_stays_while_hovered() {
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>Other text.</p>"));
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    let m = marks(&root);
    let other = root.query_selector("p:last-child").unwrap().unwrap();
    pointer(&m[0].clone().into(), "pointerover", 5.0, 5.0, None);
    assert!(popup_open());
    // Leaving towards the popup: it stays (WCAG 1.4.13 hoverable).
    let host: web_sys::EventTarget = ui_shadow().host().into();
    pointer(&m[0].clone().into(), "pointerout", 5.0, 5.0, Some(&other.clone().into()));
    pointer(&host, "pointerenter", 5.0, 5.0, None);
    sleep(450).await;
    assert!(popup_open(), "stays open while the pointer is over it");
    // Leaving the popup closes it after a short delay.
    pointer(&host, "pointerleave", 5.0, 5.0, None);
    assert!(popup_open(), "not closed at once");
    sleep(450).await;
    assert!(!popup_open());
    fm.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn highlight_mode_hover_and_tap_hit_test_the_ranges() {
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>Other text.</p>"));
    let mut fm = mount_on(&root, &[("mode", "highlight".into())]).await;
    let range: web_sys::Range = js_sys::Reflect::get(&fm.matches().get(0), &"range".into()).unwrap().dyn_into().unwrap();
    let r = range.get_client_rects().unwrap().item(0).unwrap();
    let (x, y) = (r.left() + 3.0, r.top() + r.height() / 2.0);
    let d: web_sys::EventTarget = doc().into();
    pointer(&d, "pointermove", x, y, None);
    assert!(popup_open(), "hover over the highlighted text");
    let other = root.query_selector("p:last-child").unwrap().unwrap().get_bounding_client_rect();
    pointer(&d, "pointermove", other.left() + 2.0, other.top() + 2.0, None);
    sleep(450).await;
    assert!(!popup_open(), "closes after the pointer leaves");
    // A tap (click) opens it and keeps it open.
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    root.query_selector("p")
        .unwrap()
        .unwrap()
        .dispatch_event(&web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap())
        .unwrap();
    assert!(popup_open());
    pointer(&d, "pointermove", other.left() + 2.0, other.top() + 2.0, None);
    sleep(450).await;
    assert!(popup_open(), "a tapped popup stays until dismissed");
    fm.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn popup_shows_age_staleness_reviews_claimant_and_appearance() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let page = doc().url().unwrap();
    let page = page.split('#').next().unwrap().to_string();
    let json = serde_json::json!({
        "factmark": 1, "staleAfterDays": 30,
        "claims": [{
            "id": "greenland", "rating": "true", "label": "Correct", "claim": "Trump wants control over Greenland.",
            "phrasings": [GREENLAND], "verdict": "Accurate.", "note": "He said so.", "reviewed": "2020-01-15",
            "claimant": "Donald Trump", "claimDate": "2026-01-16", "appearances": [page],
            "sources": [{ "publisher": "Example Desk", "title": "Review", "url": "https://example.org/r" }],
            "reviews": [
                { "publisher": "Example Desk", "label": "Correct", "rating": "true", "url": "https://example.org/r", "date": "2020-01-15" },
                { "publisher": "Sample Verify", "label": "Mostly accurate", "rating": "mostly-true", "url": "https://example.com/v", "date": "2019-06" }
            ]
        }]
    });
    let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", json.to_string().into())]).await;
    marks(&root)[0].focus().unwrap();
    assert!(popup_open());
    assert_eq!(text_of(".rating"), "✓True“Correct”");
    assert_eq!(text_of(".claimant"), "Claimed by Donald Trump, 16 Jan 2026");
    assert!(popup().query_selector(".appears-here").unwrap().is_some(), "this page is a known appearance");
    // Without asOf, the age goes with the review date, and so does the window.
    assert!(popup().query_selector(".as-of").unwrap().is_none());
    assert!(text_of(".reviewed").starts_with("Reviewed 15 Jan 2020 · "));
    assert!(text_of(".reviewed").ends_with("years ago"), "{}", text_of(".reviewed"));
    assert!(popup().query_selector(".outdated").unwrap().is_some(), "older than staleAfterDays");
    assert_eq!(text_of(".outdated"), "These facts may be out of date: check the sources for newer information.");
    let items = popup().query_selector_all(".reviews li").unwrap();
    assert_eq!(items.length(), 2);
    assert_eq!(items.item(0).unwrap().text_content().unwrap(), "Example Desk: “Correct” (True) 15 Jan 2020");
    assert_eq!(items.item(1).unwrap().text_content().unwrap(), "Sample Verify: “Mostly accurate” (Mostly true) Jun 2019");
    fm.unmount();

    // A fresh review on another page: no staleness note, no appearance note.
    let json = serde_json::json!({
        "factmark": 1, "staleAfterDays": 36500,
        "claims": [{
            "id": "greenland", "rating": "true", "claim": "c", "phrasings": [GREENLAND], "verdict": "v", "note": "n",
            "reviewed": "2020-01-15", "appearances": ["https://example.net/elsewhere"],
            "sources": [{ "publisher": "P", "title": "T", "url": "https://example.org/r" }]
        }]
    });
    let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", json.to_string().into())]).await;
    marks(&root)[0].focus().unwrap();
    assert!(popup().query_selector(".outdated").unwrap().is_none());
    assert!(popup().query_selector(".appears-here").unwrap().is_none());
    assert!(popup().query_selector(".reviews").unwrap().is_none(), "one review: no list");
    fm.unmount();

    // The window counts from the facts' date (asOf), not from the review,
    // and a claim's own window overrides the dataset's, either way.
    for (claim_window, outdated) in [(None, false), (Some(30), true)] {
        let mut claim = serde_json::json!({
            "id": "greenland", "rating": "true", "claim": "c", "phrasings": [GREENLAND], "verdict": "v", "note": "n",
            "reviewed": "2099-12-31", "asOf": "2020-01",
            "sources": [{ "publisher": "P", "title": "T", "url": "https://example.org/r" }]
        });
        if let Some(days) = claim_window {
            claim["staleAfterDays"] = days.into();
        }
        let json = serde_json::json!({ "factmark": 1, "staleAfterDays": 36500, "claims": [claim] });
        let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", json.to_string().into())]).await;
        marks(&root)[0].focus().unwrap();
        assert!(text_of(".as-of").starts_with("Facts as of Jan 2020 · "), "{}", text_of(".as-of"));
        assert!(text_of(".as-of").ends_with("years ago"), "{}", text_of(".as-of"));
        assert_eq!(text_of(".reviewed"), "Reviewed 31 Dec 2099", "with asOf, the review date carries no age");
        assert_eq!(popup().query_selector(".outdated").unwrap().is_some(), outdated, "{claim_window:?}");
        fm.unmount();
    }
    root.remove();
}

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const CLAIMS: [&str; 4] = [
    GREENLAND,
    "After the collapse of the Soviet Union and the Warsaw Pact, NATO did not dissolve, but instead embarked on an expansion process",
    "NATO has not developed a clear plan to deal with a U.S. withdrawal",
    "Senator Mike Lee from Utah also submitted a similar proposal to the Senate",
];
const WORDS: [&str; 14] = ["Café", "naïve", "😀", "北约", "—", "señor", "the", "alliance", "🇺🇸", "ﬁnal", "Zoë", "  ", "\n", "ok."];
const BLOCKS: [&str; 6] = ["p", "div", "section", "li", "h2", "blockquote"];
const INLINES: [&str; 5] = ["em", "b", "a", "span", "i"];

/// Appends `text` to `parent`, split at random word boundaries into text
/// nodes and random inline elements (so a planted claim crosses elements).
fn plant(rng: &mut Rng, parent: &Element, text: &str) {
    let d = doc();
    let words: Vec<&str> = text.split_inclusive(' ').collect();
    let mut i = 0;
    while i < words.len() {
        let n = 1 + rng.below(4);
        let chunk: String = words[i..(i + n).min(words.len())].concat();
        i += n;
        if rng.below(3) == 0 {
            let el = d.create_element(rng.pick(&INLINES)).unwrap();
            el.append_child(&d.create_text_node(&chunk)).unwrap();
            parent.append_child(&el).unwrap();
        } else {
            parent.append_child(&d.create_text_node(&chunk)).unwrap();
        }
    }
}

/// A random page: nested blocks and inlines, non-ASCII text and emoji,
/// comments, whitespace-only nodes, skipped elements, planted claims.
/// Returns the root and how many claims were planted outside skipped parts.
fn random_page(rng: &mut Rng) -> (Element, usize) {
    let d = doc();
    let root = d.create_element("div").unwrap();
    let mut planted = 0;
    fn fill(rng: &mut Rng, parent: &Element, depth: usize, planted: &mut usize) {
        let d = doc();
        for _ in 0..1 + rng.below(4) {
            match rng.below(10) {
                0 => {
                    parent.append_child(&d.create_comment(" c ")).unwrap();
                }
                1 => {
                    parent.append_child(&d.create_text_node("   ")).unwrap();
                }
                2 => {
                    let tag = ["script", "textarea", "div"][rng.below(3)];
                    let el = d.create_element(tag).unwrap();
                    if tag == "script" {
                        el.set_attribute("type", "text/x-none").unwrap();
                    }
                    if tag == "div" {
                        el.set_attribute("data-factmark-ignore", "").unwrap();
                    }
                    let claim = CLAIMS[rng.below(CLAIMS.len())];
                    el.append_child(&d.create_text_node(&format!("{claim}."))).unwrap();
                    parent.append_child(&el).unwrap();
                }
                3 | 4 => {
                    let p = d.create_element("p").unwrap();
                    p.append_child(&d.create_text_node(&format!("{} ", rng.pick(&WORDS)))).unwrap();
                    let claim = CLAIMS[rng.below(CLAIMS.len())];
                    plant(rng, &p, claim);
                    p.append_child(&d.create_text_node(&format!(". {}", rng.pick(&WORDS)))).unwrap();
                    parent.append_child(&p).unwrap();
                    *planted += 1;
                }
                5 | 6 if depth < 5 => {
                    let el = d.create_element(rng.pick(&BLOCKS)).unwrap();
                    fill(rng, &el, depth + 1, planted);
                    parent.append_child(&el).unwrap();
                }
                _ => {
                    let el = d.create_element(rng.pick(&INLINES)).unwrap();
                    el.append_child(&d.create_text_node(rng.pick(&WORDS))).unwrap();
                    parent.append_child(&el).unwrap();
                    parent.append_child(&d.create_text_node(&format!(" {} ", rng.pick(&WORDS)))).unwrap();
                }
            }
        }
    }
    fill(rng, &root, 0, &mut planted);
    d.body().unwrap().append_child(&root).unwrap();
    (root, planted)
}

/// Records mutations under `root` (for the highlight-mode check).
fn observe_mutations(root: &Element) -> (web_sys::MutationObserver, Closure<dyn FnMut(js_sys::Array, web_sys::MutationObserver)>) {
    let cb = Closure::<dyn FnMut(js_sys::Array, web_sys::MutationObserver)>::new(|_, _| {});
    let obs = web_sys::MutationObserver::new(cb.as_ref().unchecked_ref()).unwrap();
    let init = web_sys::MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    init.set_character_data(true);
    init.set_attributes(true);
    obs.observe_with_options(root, &init).unwrap();
    (obs, cb)
}

#[wasm_bindgen_test]
async fn round_trip_on_300_generated_pages() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut total_planted = 0;
    let mut total_found = 0;
    for page in 0..300 {
        let (root, planted) = random_page(&mut rng);
        let html = root.inner_html();
        let text = root.text_content();
        let nodes = text_nodes(&root);
        let mode = if page % 2 == 0 { "wrap" } else { "highlight" };
        let (obs, _cb) = observe_mutations(&root);
        let mut fm = mount_on(&root, &[("mode", mode.into())]).await;
        let found = fm.matches().length() as usize;
        assert!(found <= planted, "page {page}: {found} matches for {planted} planted claims");
        total_planted += planted;
        total_found += found;
        assert_eq!(root.text_content(), text, "page {page} ({mode}): text changed while mounted");
        if mode == "highlight" {
            assert_eq!(obs.take_records().length(), 0, "page {page}: highlight mode mutated the page");
        }
        fm.unmount();
        obs.disconnect();
        assert_eq!(root.inner_html(), html, "page {page} ({mode}): innerHTML differs after unmount");
        let after = text_nodes(&root);
        assert_eq!(after.len(), nodes.len(), "page {page} ({mode}): text node count");
        assert!(after.iter().zip(&nodes).all(|(a, b)| a.is_same_node(Some(b))), "page {page} ({mode}): text nodes replaced");
        root.remove();
    }
    // Claims split across inline elements are still found (each planted one
    // is a full sentence in its own paragraph).
    assert!(total_planted > 200, "the generator plants claims ({total_planted})");
    assert_eq!(total_found, total_planted, "found {total_found} of {total_planted} planted claims");
}

#[wasm_bindgen_test]
async fn unmount_during_a_sliced_rescan_restores_the_page() {
    // A page big enough that a wrap-mode pass takes several slices.
    let para = format!("<p>Intro <em>text</em>. {GREENLAND}. More words here.</p>");
    let root = fixture(&para.repeat(600));
    let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("observe", true.into())]).await;
    assert_eq!(matches(&fm).len(), 600);
    let extra = doc().create_element("p").unwrap();
    extra.set_text_content(Some(&format!("{RELIC}.")));
    root.append_child(&extra).unwrap();
    let expected = para.repeat(600) + &format!("<p>{RELIC}.</p>");
    // Let the re-scan start, then unmount at several points of it.
    for wait in [160, 175, 190] {
        sleep(wait).await;
        fm.unmount();
        assert_eq!(root.inner_html(), expected, "unmount after {wait} ms");
        assert!(root.query_selector("factmark-mark").unwrap().is_none());
        fm = mount_on(&root, &[("mode", "wrap".into()), ("observe", true.into())]).await;
        // A change that leaves the page as it was, but schedules a re-scan.
        let blank = doc().create_text_node("");
        root.append_child(&blank).unwrap();
        blank.remove();
    }
    fm.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn extreme_pages_do_not_break_it() {
    let d = doc();
    // Nesting 5,000 deep, text at every level, a claim at the bottom. Not
    // rendered: Chromium's own layout crashes the tab on a tree this deep,
    // with or without the widget; the widget only reads the DOM.
    let root = fixture("");
    root.set_attribute("style", "display:none").unwrap();
    let mut at: Element = root.clone();
    for i in 0..5000 {
        let el = d.create_element(if i % 2 == 0 { "span" } else { "div" }).unwrap();
        el.append_child(&d.create_text_node("x ")).unwrap();
        at.append_child(&el).unwrap();
        at = el;
    }
    at.append_child(&d.create_text_node(&format!(". {GREENLAND}."))).unwrap();
    let html = root.inner_html();
    for mode in ["wrap", "highlight"] {
        let mut fm = mount_on(&root, &[("mode", mode.into())]).await;
        assert_eq!(matches(&fm), [("trump-greenland-control".into(), GREENLAND.into())], "{mode}");
        fm.unmount();
        assert_eq!(root.inner_html(), html);
    }
    root.remove();

    // One text node of about 2 MB holding a claim every 20 KB.
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(350);
    let text = format!("{filler}{GREENLAND}. ").repeat(100);
    let root = fixture("");
    root.append_child(&d.create_text_node(&text)).unwrap();
    let mut fm = mount_on(&root, &[("mode", "highlight".into())]).await;
    assert_eq!(matches(&fm).len(), 100);
    fm.unmount();
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    assert_eq!(marks(&root).len(), 100);
    fm.unmount();
    assert_eq!(root.child_nodes().length(), 1, "the page's one text node is whole again");
    assert_eq!(root.text_content().unwrap().len(), text.len());
    root.remove();
}

#[wasm_bindgen_test]
async fn a_big_text_node_with_several_claims_is_cut_once_and_restored_exactly() {
    // Over 16 KB of text in one node with three claims, the last one
    // running on into an <em>: wrap mode cuts the node at every boundary
    // in one go (not a splitText per boundary), and unmounting puts the
    // page's own node back whole, with the same object.
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(120);
    let (head, tail) = RELIC.split_at(RELIC.len() - 10);
    let html = format!("<p>{filler}{GREENLAND}. {filler}{GREENLAND}. {filler}{head}<em>{tail}</em>. After.</p>");
    let root = fixture(&html);
    let before = text_nodes(&root);
    let text = root.text_content();
    let mut fm = mount_on(&root, &[("mode", "wrap".into())]).await;
    let found = matches(&fm);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[2].1, RELIC);
    let marks = marks(&root);
    let marked: Vec<String> = marks.iter().map(|m| m.text_content().unwrap_or_default()).collect();
    assert_eq!(marked, [GREENLAND, GREENLAND, head, tail], "one wrapper per claim part");
    // One focusable wrapper per claim: the first part of each.
    let focusable: Vec<bool> = marks.iter().map(|m| m.has_attribute("tabindex")).collect();
    assert_eq!(focusable, [true, true, true, false]);
    assert_eq!(root.text_content(), text, "the text is unchanged while mounted");
    fm.unmount();
    assert_eq!(root.inner_html(), html);
    let after = text_nodes(&root);
    assert_eq!(after.len(), before.len());
    assert!(after.iter().zip(&before).all(|(a, b)| a.is_same_node(Some(b))), "the page's own text nodes are back");
    root.remove();
}

#[wasm_bindgen_test]
async fn page_listeners_may_call_the_widget_from_events_it_causes() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>{RELIC}.</p>"));
    let before = root.inner_html();
    let fm = Rc::new(RefCell::new(mount_on(&root, &[("mode", "wrap".into())]).await));
    let seen = Rc::new(RefCell::new(Vec::new()));
    // A page script that reads the matches on every focus change, and
    // unmounts the widget once focus has entered its popup.
    let (fm2, seen2) = (fm.clone(), seen.clone());
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
        let n = fm2.borrow().matches().length();
        seen2.borrow_mut().push(n);
        if ui_shadow_opt().and_then(|s| s.active_element()).is_some() {
            fm2.borrow_mut().unmount();
        }
    });
    doc().add_event_listener_with_callback("focusin", listener.as_ref().unchecked_ref()).unwrap();
    let mark = marks(&root)[0].clone();
    mark.focus().unwrap();
    key(&mark.into(), "Enter", false); // moves focus into the popup
    sleep(20).await;
    doc().remove_event_listener_with_callback("focusin", listener.as_ref().unchecked_ref()).unwrap();
    assert!(seen.borrow().len() >= 2, "the page's listener ran: {:?}", seen.borrow());
    assert!(seen.borrow().iter().all(|&n| n == 2 || n == 0));
    assert!(!fm.borrow().mounted());
    assert_eq!(root.inner_html(), before, "unmounted from inside its own event: everything removed");
    assert!(doc().query_selector("factmark-ui").unwrap().is_none());
    root.remove();
}

fn ui_shadow_opt() -> Option<ShadowRoot> {
    doc().query_selector("factmark-ui").ok()??.shadow_root()
}

/// A one-claim dataset with an English and a Chinese phrasing and key terms.
fn cuts_dataset() -> String {
    serde_json::json!({
        "factmark": 1, "language": "en",
        "claims": [{
            "id": "cuts", "rating": "mostly-true",
            "claim": "The U.S. plans to cut about 200 posts at NATO commands.",
            "phrasings": ["the U.S. plans to cut about 200 posts at NATO command centres", "美国计划削减北约指挥中心约200个职位"],
            "keyTerms": [["cut", "削减"], ["200"], ["NATO", "北约"]],
            "verdict": "Reported by two outlets.", "note": "A test note.",
            "reviewed": "2026-11-24", "sources": [{"publisher": "P", "title": "T", "url": "https://example.org/"}]
        }]
    })
    .to_string()
}

/// Runs `f` with the root element's `lang` set to `lang` (removed when
/// empty), then puts the page's own value back.
async fn with_page_lang<F: std::future::Future<Output = ()>>(lang: &str, f: impl FnOnce() -> F) {
    let html = doc().document_element().unwrap();
    let before = html.get_attribute("lang");
    if lang.is_empty() {
        html.remove_attribute("lang").unwrap();
    } else {
        html.set_attribute("lang", lang).unwrap();
    }
    f().await;
    match before {
        Some(v) => html.set_attribute("lang", &v).unwrap(),
        None => html.remove_attribute("lang").unwrap(),
    }
}

#[wasm_bindgen_test]
async fn popup_explains_the_match_in_the_pages_language() {
    with_page_lang("zh-CN", || async {
        let root = fixture(
            "<p>据报道，美国计划削减北约指挥中心约200个职位。</p><p>Washington is to cut two hundred jobs at NATO, officials say.</p>",
        );
        let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", cuts_dataset().into())]).await;
        let m = marks(&root);
        assert_eq!(m.len(), 2);
        m[0].focus().unwrap();
        assert_eq!(popup().get_attribute("lang").as_deref(), Some("zh"));
        assert_eq!(text_of(".kind"), "与核查的说法措辞相同");
        assert!(text_of(".rating").ends_with("基本属实"), "{}", text_of(".rating"));
        assert!(text_of(".reviewed").starts_with("核查日期：2026年11月24日"), "{}", text_of(".reviewed"));
        assert_eq!(text_of(".title"), "这段文字重复了一个被评为✓基本属实的说法");
        assert_eq!(text_of(".data-lang"), "核查内容为英文。");
        // The dataset's own texts keep the dataset's language.
        let note = popup().query_selector(".note").unwrap().unwrap();
        assert_eq!(note.get_attribute("lang").as_deref(), Some("en"));
        assert!(
            m[0].get_attribute("aria-label").unwrap().ends_with("(事实核查: 重复了被评为基本属实的说法)"),
            "{:?}",
            m[0].get_attribute("aria-label")
        );
        m[1].focus().unwrap();
        assert!(text_of(".kind").starts_with("类似说法，措辞不同"), "{}", text_of(".kind"));
        assert!(text_of(".why").starts_with("匹配词语：cut、two hundred、NATO · 可信度："), "{}", text_of(".why"));
        // The API carries the same explanation.
        let second = fm.matches().get(1);
        let get = |k: &str| js_sys::Reflect::get(&second, &k.into()).unwrap();
        let words: Vec<String> = js_sys::Array::from(&get("words")).iter().filter_map(|w| w.as_string()).collect();
        assert_eq!(words, ["cut", "two hundred", "NATO"]);
        assert_eq!(get("kind").as_string().as_deref(), Some("similar"));
        assert!(matches!(get("confidence").as_string().as_deref(), Some("high" | "medium")));
        let first = fm.matches().get(0);
        assert_eq!(js_sys::Reflect::get(&first, &"confidence".into()).unwrap().as_string().as_deref(), Some("high"));
        fm.unmount();
        root.remove();
    })
    .await;

    // No declared language: the matched text's script decides.
    with_page_lang("", || async {
        let root = fixture(
            "<p>据报道，美国计划削减北约指挥中心约200个职位。</p><p>Washington is to cut two hundred jobs at NATO, officials say.</p>",
        );
        let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", cuts_dataset().into())]).await;
        let m = marks(&root);
        m[1].focus().unwrap();
        assert_eq!(popup().get_attribute("lang").as_deref(), Some("en"));
        assert!(text_of(".kind").starts_with("Similar claim, worded differently"));
        assert!(text_of(".why").starts_with("Matched words: cut, two hundred, NATO · confidence: "), "{}", text_of(".why"));
        assert_eq!(text_of(".data-lang"), "", "no language note when the popup speaks the dataset's language");
        m[0].focus().unwrap();
        assert_eq!(popup().get_attribute("lang").as_deref(), Some("zh"));
        assert_eq!(text_of(".kind"), "与核查的说法措辞相同");
        fm.unmount();
        root.remove();
    })
    .await;

    // An English page with a passage marked as Chinese: that passage's popup is Chinese.
    with_page_lang("en", || async {
        let root = fixture("<p lang=\"zh-CN\">有报道称，美国计划削减北约指挥中心约200个职位。</p><p>Washington is to cut two hundred jobs at NATO, officials say.</p>");
        let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", cuts_dataset().into())]).await;
        let m = marks(&root);
        m[0].focus().unwrap();
        assert_eq!(popup().get_attribute("lang").as_deref(), Some("zh"));
        assert!(m[0].get_attribute("aria-label").unwrap().ends_with("(事实核查: 重复了被评为基本属实的说法)"));
        m[1].focus().unwrap();
        assert_eq!(popup().get_attribute("lang").as_deref(), Some("en"));
        assert!(m[1].get_attribute("aria-label").unwrap().contains("(fact-check: "), "{:?}", m[1].get_attribute("aria-label"));
        assert!(m[1].get_attribute("aria-label").unwrap().ends_with(" a claim rated Mostly true)"), "{:?}", m[1].get_attribute("aria-label"));
        fm.unmount();
        root.remove();
    })
    .await;
}

// ---- Open shadow roots and same-origin iframes (issue #4) ----

const LEE: &str = "Senator Mike Lee from Utah also submitted a similar proposal to the Senate";
/// `#dcf5e3`, the background of a "true" claim (Greenland's rating).
const TRUE_BG: &str = "rgb(220, 245, 227)";

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &key.into()).unwrap()
}

/// `target[method](...args)`, for objects of another realm too.
fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> JsValue {
    let f: js_sys::Function = get(target, method).unchecked_into();
    js_sys::Reflect::apply(&f, target, &args.iter().copied().collect()).unwrap()
}

fn attach(host: &Element, mode: web_sys::ShadowRootMode, html: &str) -> ShadowRoot {
    let sr = host.attach_shadow(&web_sys::ShadowRootInit::new(mode)).unwrap();
    sr.set_inner_html(html);
    sr
}

/// `target.adoptedStyleSheets` (a document or shadow root, of any realm).
fn sheets(target: &JsValue) -> Vec<JsValue> {
    js_sys::Array::from(&get(target, "adoptedStyleSheets")).to_vec()
}

/// Every factmark-mark under `root` (a shadow root or a frame's document).
fn marks_in(root: &JsValue) -> Vec<Element> {
    let list: web_sys::NodeList = call(root, "querySelectorAll", &[&"factmark-mark".into()]).unchecked_into();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

/// The names in a window's `CSS.highlights` that factmark registered.
fn factmark_highlights(win: &JsValue) -> Vec<String> {
    let reg = get(&get(win, "CSS"), "highlights");
    js_sys::Array::from(&call(&reg, "keys", &[])).iter().filter_map(|k| k.as_string()).filter(|k| k.starts_with("factmark-")).collect()
}

/// `getComputedStyle(el, pseudo)[prop]` in `el`'s own window.
fn computed(el: &Element, pseudo: &str, prop: &str) -> String {
    let win = get(&el.owner_document().unwrap().into(), "defaultView");
    let cs = call(&win, "getComputedStyle", &[el, &pseudo.into()]);
    get(&cs, prop).as_string().unwrap_or_default()
}

/// A page whose claims are all inside shadow roots: an open one holding
/// Greenland and a nested open one holding the "Cold War relic" claim, and a
/// closed one holding Lee's (which scripts cannot read). The open shadow
/// root already has a style sheet of the page's own.
fn shadow_fixture() -> (Element, ShadowRoot, ShadowRoot, CssStyleSheet) {
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
    root.remove();
}

/// A fixture whose iframes have all loaded.
async fn frames_fixture(html: &str) -> Element {
    let d = doc();
    let el = d.create_element("div").unwrap();
    el.set_attribute("class", "fixture").unwrap();
    el.set_inner_html(html);
    let frames = el.query_selector_all("iframe").unwrap();
    let loads: Vec<js_sys::Promise> = (0..frames.length())
        .map(|i| {
            let f: web_sys::EventTarget = frames.item(i).unwrap().unchecked_into();
            js_sys::Promise::new(&mut |resolve, _| {
                f.add_event_listener_with_callback("load", &resolve).unwrap();
            })
        })
        .collect();
    d.body().unwrap().append_child(&el).unwrap();
    for p in loads {
        JsFuture::from(p).await.unwrap();
    }
    el
}

/// The document of a same-origin iframe (another realm: no `dyn_into`).
fn frame_doc(frame: &Element) -> JsValue {
    get(frame, "contentDocument")
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
    root.remove();
}

#[wasm_bindgen_test]
async fn shadow_roots_and_frames_together_and_nested() {
    // A shadow root holding a same-origin frame; both options on.
    let root = fixture("<p>Intro text.</p><div class=\"host\"></div>");
    let sr = attach(&root.query_selector(".host").unwrap().unwrap(), web_sys::ShadowRootMode::Open, "<p>Shadow text.</p>");
    let frame = doc().create_element("iframe").unwrap();
    frame.set_attribute("srcdoc", &format!("<p>{RELIC}.</p>")).unwrap();
    let loaded = js_sys::Promise::new(&mut |resolve, _| {
        frame.add_event_listener_with_callback("load", &resolve).unwrap();
    });
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
    root.remove();
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
    let loaded = js_sys::Promise::new(&mut |resolve, _| {
        frame.add_event_listener_with_callback("load", &resolve).unwrap();
    });
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
    root.remove();
}

#[wasm_bindgen_test]
async fn reach_options_are_checked() {
    let root = fixture("<p>x</p>");
    for key in ["shadowRoots", "frames"] {
        assert_eq!(mount_err(options(&root, &[(key, "yes".into())])).await, format!("options.{key}: expected true or false"));
    }
    assert!(doc().query_selector("factmark-ui").unwrap().is_none());
    root.remove();
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
    root.remove();
}

#[wasm_bindgen_test]
async fn text_in_a_shadow_root_takes_the_language_of_its_host() {
    with_page_lang("en", || async {
        let root = fixture("<div lang=\"zh-CN\" class=\"zh-host\"></div>");
        let host = root.query_selector(".zh-host").unwrap().unwrap();
        let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
        shadow.set_inner_html("<p>Washington is to cut two hundred jobs at NATO, officials say.</p>");
        let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("shadowRoots", true.into()), ("dataset", cuts_dataset().into())]).await;
        let mark: HtmlElement = shadow.query_selector("factmark-mark").unwrap().expect("a mark in the shadow root").dyn_into().unwrap();
        mark.focus().unwrap();
        assert_eq!(popup().get_attribute("lang").as_deref(), Some("zh"), "the host's lang, not the English text's script");
        assert!(text_of(".kind").starts_with("类似说法"));
        fm.unmount();
        root.remove();
    })
    .await;
}

// ---- the skip link (issue 17) ------------------------------------------------

/// The shadow root of the newest widget's skip link (its host goes first
/// in the body).
fn skip_shadow() -> ShadowRoot {
    doc().query_selector("factmark-skip").unwrap().expect("factmark-skip host").shadow_root().unwrap()
}

/// A part of the newest widget's skip link.
fn skip_part(sel: &str) -> Option<HtmlElement> {
    skip_shadow().query_selector(sel).unwrap().map(|e| e.dyn_into().unwrap())
}

/// The element of the widget's own UI that has focus (in the popup or the
/// skip link), if any.
fn ui_focus() -> Option<Element> {
    ui_shadow().active_element().or_else(|| skip_shadow().active_element())
}

#[wasm_bindgen_test]
async fn the_skip_link_counts_the_claims_and_goes_to_the_first() {
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>{RELIC}.</p>"));
    let body = doc().body().unwrap();
    let mut fm = mount_on(&root, &[("mode", "highlight".into())]).await;
    // Its host goes first in the body, so the link is the first Tab stop;
    // the popup's stays last.
    assert_eq!(body.first_child().unwrap().node_name(), "FACTMARK-SKIP");
    assert_eq!(body.last_child().unwrap().node_name(), "FACTMARK-UI");
    let bar = skip_part(".bar").expect("the skip link");
    assert!(!bar.has_attribute("hidden"));
    let jump = skip_part("button[data-factmark-jump]").unwrap();
    assert_eq!(jump.text_content().unwrap(), "Fact-checks: 2 claims on this page. Go to the first");
    assert_eq!(jump.tab_index(), 0, "a Tab stop");
    // Visually hidden until focused (the skip-link pattern), then shown.
    // (`:focus-within` matches only while the window has focus.)
    assert!(bar.get_bounding_client_rect().width() <= 1.0, "hidden while not focused");
    jump.focus().unwrap();
    assert!(ui_focus().unwrap().is_same_node(Some(&jump)));
    if doc().has_focus().unwrap_or(false) {
        assert!(bar.get_bounding_client_rect().width() > 100.0, "shown once focused");
        let toggle = skip_part("button[data-factmark-list]").unwrap();
        assert!(toggle.get_bounding_client_rect().width() > 0.0, "the list's button is shown beside it");
    }

    // Enter (a button's click) opens the first claim's popup, with focus in it.
    jump.click();
    assert!(popup_open());
    assert!(text_of(".claim").contains("Greenland"));
    assert!(ui_focus().unwrap().is_same_node(Some(&popup())), "focus is in the popup");
    // The popup says which claim of how many, and the keys: shown, and in words.
    assert_eq!(popup().get_attribute("aria-describedby").as_deref(), Some("fm-position"));
    assert_eq!(ui_shadow().get_element_by_id("fm-position").unwrap().class_name(), "position");
    assert_eq!(text_of(".position .at"), "Claim 1 of 2");
    assert_eq!(text_of(".position .keys"), " · Next: Alt+Shift+↓ · Previous: Alt+Shift+↑ · Close: Esc");
    assert_eq!(popup().query_selector(".position .keys").unwrap().unwrap().get_attribute("aria-hidden").as_deref(), Some("true"));
    assert_eq!(text_of(".position .sr-only"), ". Next claim: Alt+Shift+Down arrow. Previous claim: Alt+Shift+Up arrow. Close: Escape.");
    assert_eq!(popup().get_attribute("aria-keyshortcuts").as_deref(), Some("Alt+Shift+ArrowDown Alt+Shift+ArrowUp Escape"));
    // From there the keys move on.
    key(&ui_focus().unwrap().into(), "ArrowDown", true);
    assert!(text_of(".claim").contains("Cold War relic"));
    assert_eq!(text_of(".position .at"), "Claim 2 of 2");
    // Escape closes it and takes focus back to the skip link.
    key(&ui_focus().unwrap().into(), "Escape", false);
    assert!(!popup_open());
    assert!(ui_focus().unwrap().is_same_node(Some(&jump)), "focus back on the skip link");
    // Alt+Shift+↓ goes on from the claim last read, not back to the first.
    key(&jump.clone().into(), "ArrowDown", true);
    assert_eq!(text_of(".position .at"), "Claim 1 of 2", "after the last comes the first");
    key(&ui_focus().unwrap().into(), "Escape", false);

    // The API does the same.
    assert!(fm.next());
    assert_eq!(text_of(".position .at"), "Claim 2 of 2");
    assert!(fm.previous());
    assert_eq!(text_of(".position .at"), "Claim 1 of 2");
    key(&doc().into(), "Escape", false);

    fm.unmount();
    assert!(doc().query_selector("factmark-ui, factmark-skip").unwrap().is_none(), "hosts removed");
    assert!(!fm.next(), "nothing to move to once unmounted");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_list_of_claims_picks_a_claim_by_its_text() {
    let root = fixture(&format!("<p lang=\"en-GB\">It is false that {GREENLAND}.</p><p>{RELIC}.</p>"));
    let mut fm = mount_on(&root, &[("mode", "highlight".into())]).await;
    let toggle = skip_part("button[data-factmark-list]").unwrap();
    let list = skip_part("ul").unwrap();
    assert_eq!(toggle.text_content().unwrap(), "List all 2 claims");
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(toggle.get_attribute("aria-controls").as_deref(), Some(list.id().as_str()));
    assert!(list.has_attribute("hidden"));
    // A plain list: no landmark, no dialog (named by the button that shows it).
    assert_eq!(list.get_attribute("role"), None);
    toggle.click();
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(!list.has_attribute("hidden"));
    let items = list.query_selector_all("button").unwrap();
    assert_eq!(items.length(), 2);
    let item = |i: u32| -> HtmlElement { items.item(i).unwrap().dyn_into().unwrap() };
    // Each is the passage's own text and what it does with its claim, as
    // wrap mode's marks are labelled.
    let first = item(0);
    let passage = first.query_selector(".passage").unwrap().unwrap();
    assert!(passage.text_content().unwrap().contains(GREENLAND));
    assert_eq!(first.text_content().unwrap(), format!("{} (fact-check: disputes a claim rated True)", passage.text_content().unwrap()));
    // The passage keeps the language its page gives it.
    assert_eq!(passage.get_attribute("lang").as_deref(), Some("en-GB"));
    let second = item(1);
    assert!(second.text_content().unwrap().starts_with(RELIC), "{}", second.text_content().unwrap());
    assert!(second.text_content().unwrap().contains(" (fact-check: repeats a claim rated "));

    // Picking one opens its popup with focus; Escape comes back to it.
    second.focus().unwrap();
    second.click();
    assert!(popup_open());
    assert!(text_of(".claim").contains("Cold War relic"));
    assert_eq!(text_of(".position .at"), "Claim 2 of 2");
    assert!(ui_focus().unwrap().is_same_node(Some(&popup())));
    assert!(!list.has_attribute("hidden"), "the list stays while its popup is open");
    key(&ui_focus().unwrap().into(), "Escape", false);
    assert!(!popup_open());
    assert!(ui_focus().unwrap().is_same_node(Some(&second)), "focus back on the claim in the list");
    // Escape in the list closes it, focus on its button.
    key(&second.clone().into(), "Escape", false);
    assert!(list.has_attribute("hidden"));
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(ui_focus().unwrap().is_same_node(Some(&toggle)));
    // Focus leaving the widget for the page closes it too.
    toggle.click();
    assert!(!list.has_attribute("hidden"));
    let outside: HtmlElement = doc().create_element("button").unwrap().dyn_into().unwrap();
    root.append_child(&outside).unwrap();
    outside.focus().unwrap();
    assert!(list.has_attribute("hidden"), "focus left: the list is closed");
    outside.remove();

    fm.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn highlight_mode_with_the_skip_link_adds_only_the_widgets_hosts() {
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>{RELIC}.</p>"));
    let body = doc().body().unwrap();
    let children_before: Vec<Node> = (0..body.child_nodes().length()).map(|i| body.child_nodes().item(i).unwrap()).collect();
    let html_before = body.inner_html();
    // Every change to the page's DOM while mounted and used.
    let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let log2 = log.clone();
    let cb = Closure::<dyn FnMut(js_sys::Array, web_sys::MutationObserver)>::new(move |records: js_sys::Array, _| {
        for r in records.iter() {
            let r: web_sys::MutationRecord = r.unchecked_into();
            let target = r.target().map(|t| t.node_name()).unwrap_or_default();
            let added: Vec<String> = (0..r.added_nodes().length()).map(|i| r.added_nodes().item(i).unwrap().node_name()).collect();
            let removed: Vec<String> = (0..r.removed_nodes().length()).map(|i| r.removed_nodes().item(i).unwrap().node_name()).collect();
            log2.borrow_mut().push(format!("{} {target} +{added:?} -{removed:?} {:?}", r.type_(), r.attribute_name()));
        }
    });
    let observer = web_sys::MutationObserver::new(cb.as_ref().unchecked_ref()).unwrap();
    let init = web_sys::MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    init.set_attributes(true);
    init.set_character_data(true);
    observer.observe_with_options(&doc().document_element().unwrap(), &init).unwrap();

    let mut fm = mount_on(&root, &[("mode", "highlight".into())]).await;
    let jump = skip_part("button[data-factmark-jump]").unwrap();
    jump.focus().unwrap();
    jump.click();
    key(&ui_focus().unwrap().into(), "ArrowDown", true);
    key(&ui_focus().unwrap().into(), "Escape", false);
    skip_part("button[data-factmark-list]").unwrap().click();
    skip_part("ul button").unwrap().click();
    key(&ui_focus().unwrap().into(), "Escape", false);
    // Apart from the two hosts, the body holds the same nodes, with the same markup.
    let children: Vec<Node> = (0..body.child_nodes().length()).map(|i| body.child_nodes().item(i).unwrap()).collect();
    assert_eq!(children.len(), children_before.len() + 2);
    assert_eq!(children[0].node_name(), "FACTMARK-SKIP");
    assert_eq!(children[children.len() - 1].node_name(), "FACTMARK-UI");
    assert!(children[1..].iter().zip(&children_before).all(|(a, b)| a.is_same_node(Some(b))), "the page's own nodes, untouched");
    let clone: Element = body.clone_node_with_deep(true).unwrap().dyn_into().unwrap();
    clone.query_selector("factmark-ui").unwrap().unwrap().remove();
    clone.query_selector("factmark-skip").unwrap().unwrap().remove();
    assert_eq!(clone.inner_html(), html_before);
    fm.unmount();
    sleep(0).await; // mutation records are delivered in a microtask
    observer.disconnect();
    let mut records = log.borrow().clone();
    records.extend(observer.take_records().iter().map(|_| "late record".to_string()));
    assert_eq!(
        records,
        [
            "childList BODY +[\"FACTMARK-UI\"] -[] None",
            "childList BODY +[\"FACTMARK-SKIP\"] -[] None",
            "childList BODY +[] -[\"FACTMARK-SKIP\"] None",
            "childList BODY +[] -[\"FACTMARK-UI\"] None"
        ],
        "the only changes to the page: the widget's hosts, added and removed"
    );
    assert_eq!(body.inner_html(), html_before);
    root.remove();
}

#[wasm_bindgen_test]
async fn with_the_skip_link_off_nothing_is_added() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let body = doc().body().unwrap();
    let first_before = body.first_child().unwrap();
    let mut fm = mount_on(&root, &[("mode", "highlight".into()), ("skipLink", false.into())]).await;
    let host = doc().query_selector("factmark-ui").unwrap().unwrap();
    assert!(doc().query_selector("factmark-skip").unwrap().is_none(), "no skip link");
    assert!(body.first_child().unwrap().is_same_node(Some(&first_before)), "nothing put first in the body");
    assert!(body.last_child().unwrap().is_same_node(Some(&host)), "the popup's host goes last, as it always did");
    let shadow = host.shadow_root().unwrap();
    assert!(shadow.query_selector(".bar").unwrap().is_none());
    assert!(shadow.query_selector("[data-factmark-jump], [data-factmark-list], ul").unwrap().is_none());
    // Only the popup and the live region, as before.
    assert_eq!(shadow.child_element_count(), 2);
    // The keys still work, and the popup still says where it is.
    key(&doc().into(), "ArrowDown", true);
    assert!(popup_open());
    assert_eq!(text_of(".position .at"), "Claim 1 of 1");
    key(&doc().into(), "Escape", false);
    fm.unmount();
    assert!(doc().query_selector("factmark-ui").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn the_skip_link_follows_the_page_and_waits_for_claims() {
    let root = fixture("<p>Nothing to see.</p>");
    let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("observe", true.into())]).await;
    let bar = skip_part(".bar").unwrap();
    assert!(bar.has_attribute("hidden"), "no claims: no skip link");
    assert!(skip_part("button[data-factmark-jump]").unwrap().get_client_rects().length() == 0, "and no Tab stop");
    let p = doc().create_element("p").unwrap();
    p.set_text_content(Some(&format!("{GREENLAND}.")));
    root.append_child(&p).unwrap();
    for _ in 0..50 {
        if !bar.has_attribute("hidden") {
            break;
        }
        sleep(50).await;
    }
    assert!(!bar.has_attribute("hidden"), "a claim arrived");
    let jump = skip_part("button[data-factmark-jump]").unwrap();
    assert_eq!(jump.text_content().unwrap(), "Fact-checks: 1 claim on this page. Go to it");
    // In wrap mode too it opens the claim's popup, with focus.
    jump.focus().unwrap();
    jump.click();
    assert!(popup_open());
    assert!(ui_focus().unwrap().is_same_node(Some(&popup())));
    assert_eq!(marks(&root)[0].get_attribute("aria-expanded").as_deref(), Some("true"));
    key(&ui_focus().unwrap().into(), "Escape", false);
    assert!(ui_focus().unwrap().is_same_node(Some(&jump)));
    fm.unmount();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_skip_link_and_the_keys_speak_the_pages_language() {
    with_page_lang("zh-CN", || async {
        let root = fixture(&format!("<p>{GREENLAND}.</p>"));
        let mut fm = mount_on(&root, &[("mode", "highlight".into()), ("nextKey", "<img src=x onerror=__factmarkXss=99>".into())]).await;
        let jump = skip_part("button[data-factmark-jump]").unwrap();
        assert_eq!(jump.text_content().unwrap(), "事实核查：本页面有1条经过核查的说法。跳到这一条");
        assert_eq!(skip_part(".bar").unwrap().get_attribute("lang").as_deref(), Some("zh"));
        assert!(skip_shadow().query_selector("ul").unwrap().unwrap().has_attribute("hidden"));
        jump.click();
        assert_eq!(text_of(".position .at"), "第1条，共1条");
        // The embedder's key is shown as text, never as markup.
        assert_eq!(
            text_of(".position .keys"),
            " · 下一条：<img src=x onerror=__factmarkXss=99> 或 Alt+Shift+↓ · 上一条：Alt+Shift+↑ · 关闭：Esc"
        );
        assert!(popup().query_selector("img").unwrap().is_none());
        assert!(js_sys::Reflect::get(&js_sys::global(), &"__factmarkXss".into()).unwrap().is_undefined());
        key(&ui_focus().unwrap().into(), "Escape", false);
        fm.unmount();
        root.remove();
    })
    .await;
}
