//! The popup: what it says about a claim and a passage, in the page's
//! language, and how pointer, touch and keys open, keep and close it.

use crate::support::*;
use factmark::Factmark;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

#[wasm_bindgen_test]
async fn popup_shows_the_fact_check_and_follows_the_keyboard() {
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>{RELIC}.</p>"));
    let _fm = mount_on(&root, &[("mode", "wrap".into())]).await;
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
}

#[wasm_bindgen_test]
async fn a_passage_that_disputes_a_claim_is_marked_so() {
    let root = fixture(&format!("<p>It is false that {GREENLAND}.</p><p>{RELIC}.</p>"));
    let fm = mount_on(&root, &[("mode", "wrap".into())]).await;
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
    {
        let _lang = PageLang::set("zh-CN");
        let _fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", cheese_dataset().into())]).await;
        let m = marks(&root);
        m[1].focus().unwrap();
        assert_eq!(text_of(".title"), "这段文字反驳了一个被评为✗不实的说法——核查结论与这段文字一致");
        assert!(m[1].get_attribute("aria-label").unwrap().ends_with("(事实核查: 反驳了被评为不实的说法)"));
        m[2].focus().unwrap();
        assert_eq!(text_of(".title"), "这段文字可能涉及一个被评为✗不实的说法");
        assert_eq!(text_of(".as-of").split(" · ").next(), Some("事实截至：2025年12月"));
        assert_eq!(text_of(".reviewed"), "核查日期：2026年11月24日");
    }
}

#[wasm_bindgen_test]
async fn popup_works_in_highlight_mode_by_keyboard() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let _fm = mount_on(&root, &[("mode", "highlight".into())]).await;
    key(&doc().into(), "ArrowDown", true);
    assert!(popup_open());
    assert!(text_of(".claim").contains("Greenland"));
    key(&doc().into(), "Escape", false);
    assert!(!popup_open());
}

#[wasm_bindgen_test]
async fn hover_opens_and_the_popup_stays_while_hovered() {
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>Other text.</p>"));
    let _fm = mount_on(&root, &[("mode", "wrap".into())]).await;
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
}

#[wasm_bindgen_test]
async fn highlight_mode_hover_and_tap_hit_test_the_ranges() {
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>Other text.</p>"));
    let fm = mount_on(&root, &[("mode", "highlight".into())]).await;
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
        let _fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", json.to_string().into())]).await;
        marks(&root)[0].focus().unwrap();
        assert!(text_of(".as-of").starts_with("Facts as of Jan 2020 · "), "{}", text_of(".as-of"));
        assert!(text_of(".as-of").ends_with("years ago"), "{}", text_of(".as-of"));
        assert_eq!(text_of(".reviewed"), "Reviewed 31 Dec 2099", "with asOf, the review date carries no age");
        assert_eq!(popup().query_selector(".outdated").unwrap().is_some(), outdated, "{claim_window:?}");
    }
}

#[wasm_bindgen_test]
async fn popup_explains_the_match_in_the_pages_language() {
    {
        let _lang = PageLang::set("zh-CN");
        let root = fixture(
            "<p>据报道，美国计划削减北约指挥中心约200个职位。</p><p>Washington is to cut two hundred jobs at NATO, officials say.</p>",
        );
        let fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", cuts_dataset().into())]).await;
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
    }

    // No declared language: the matched text's script decides.
    {
        let _lang = PageLang::set("");
        let root = fixture(
            "<p>据报道，美国计划削减北约指挥中心约200个职位。</p><p>Washington is to cut two hundred jobs at NATO, officials say.</p>",
        );
        let _fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", cuts_dataset().into())]).await;
        let m = marks(&root);
        m[1].focus().unwrap();
        assert_eq!(popup().get_attribute("lang").as_deref(), Some("en"));
        assert!(text_of(".kind").starts_with("Similar claim, worded differently"));
        assert!(text_of(".why").starts_with("Matched words: cut, two hundred, NATO · confidence: "), "{}", text_of(".why"));
        assert_eq!(text_of(".data-lang"), "", "no language note when the popup speaks the dataset's language");
        m[0].focus().unwrap();
        assert_eq!(popup().get_attribute("lang").as_deref(), Some("zh"));
        assert_eq!(text_of(".kind"), "与核查的说法措辞相同");
    }

    // An English page with a passage marked as Chinese: that passage's popup is Chinese.
    {
        let _lang = PageLang::set("en");
        let root = fixture("<p lang=\"zh-CN\">有报道称，美国计划削减北约指挥中心约200个职位。</p><p>Washington is to cut two hundred jobs at NATO, officials say.</p>");
        let _fm = mount_on(&root, &[("mode", "wrap".into()), ("dataset", cuts_dataset().into())]).await;
        let m = marks(&root);
        m[0].focus().unwrap();
        assert_eq!(popup().get_attribute("lang").as_deref(), Some("zh"));
        assert!(m[0].get_attribute("aria-label").unwrap().ends_with("(事实核查: 重复了被评为基本属实的说法)"));
        m[1].focus().unwrap();
        assert_eq!(popup().get_attribute("lang").as_deref(), Some("en"));
        assert!(m[1].get_attribute("aria-label").unwrap().contains("(fact-check: "), "{:?}", m[1].get_attribute("aria-label"));
        assert!(
            m[1].get_attribute("aria-label").unwrap().ends_with(" a claim rated Mostly true)"),
            "{:?}",
            m[1].get_attribute("aria-label")
        );
    }
}
