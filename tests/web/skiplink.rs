//! The skip link and the list of claims (the `skipLink` option): counts,
//! moves, language, and nothing added to the page but the widget's hosts.

use crate::support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, Node};

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
}

#[wasm_bindgen_test]
async fn the_list_of_claims_picks_a_claim_by_its_text() {
    let root = fixture(&format!("<p lang=\"en-GB\">It is false that {GREENLAND}.</p><p>{RELIC}.</p>"));
    let _fm = mount_on(&root, &[("mode", "highlight".into())]).await;
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
}

#[wasm_bindgen_test]
async fn highlight_mode_with_the_skip_link_adds_only_the_widgets_hosts() {
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>{RELIC}.</p>"));
    let body = doc().body().unwrap();
    let children_before: Vec<Node> = (0..body.child_nodes().length()).map(|i| body.child_nodes().item(i).unwrap()).collect();
    let html_before = body.inner_html();
    // Every change to the page's DOM while mounted and used.
    let mutations = Mutations::observe(&doc().document_element().unwrap());

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
    assert_eq!(
        mutations.take(),
        [
            "childList BODY +[\"FACTMARK-UI\"] -[] None",
            "childList BODY +[\"FACTMARK-SKIP\"] -[] None",
            "childList BODY +[] -[\"FACTMARK-SKIP\"] None",
            "childList BODY +[] -[\"FACTMARK-UI\"] None"
        ],
        "the only changes to the page: the widget's hosts, added and removed"
    );
    assert_eq!(body.inner_html(), html_before);
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
}

#[wasm_bindgen_test]
async fn the_skip_link_follows_the_page_and_waits_for_claims() {
    let root = fixture("<p>Nothing to see.</p>");
    let _fm = mount_on(&root, &[("mode", "wrap".into()), ("observe", true.into())]).await;
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
}

#[wasm_bindgen_test]
async fn the_skip_link_and_the_keys_speak_the_pages_language() {
    let _lang = PageLang::set("zh-CN");
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let _fm = mount_on(&root, &[("mode", "highlight".into()), ("nextKey", "<img src=x onerror=__factmarkXss=99>".into())]).await;
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
}
