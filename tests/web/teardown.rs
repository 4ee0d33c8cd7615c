//! Unmounting: the page exactly as it was, whenever it happens (after a
//! scan, in the middle of one, from inside the widget's own events), and
//! the widget's parts taken away in their order.

use crate::support::*;
use wasm_bindgen_test::*;

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
    let listener = Listener::new(&doc().into(), "focusin", move |_| {
        let n = fm2.borrow().matches().length();
        seen2.borrow_mut().push(n);
        if ui_shadow_opt().and_then(|s| s.active_element()).is_some() {
            fm2.borrow_mut().unmount();
        }
    });
    let mark = marks(&root)[0].clone();
    mark.focus().unwrap();
    // Enter moves focus into the popup; the page's listener unmounts the
    // widget, which is gone once its own keydown handler has returned.
    key(&mark.into(), "Enter", false);
    assert!(!fm.borrow().mounted());
    assert_eq!(root.inner_html(), before, "unmounted from inside its own event: everything removed");
    assert!(doc().query_selector("factmark-ui, factmark-skip").unwrap().is_none());
    sleep(20).await;
    drop(listener);
    assert!(seen.borrow().len() >= 2, "the page's listener ran: {:?}", seen.borrow());
    assert!(seen.borrow().iter().all(|&n| n == 2 || n == 0));
    assert_eq!(root.inner_html(), before);
}

/// What a record of [`Mutations`] is about: one of the widget's hosts
/// coming or going, or else the paint (marks in the page's paragraphs).
fn part(record: &str) -> &'static str {
    const HOSTS: [(&str, &str); 4] = [
        ("+[\"FACTMARK-UI\"]", "+popup host"),
        ("-[\"FACTMARK-UI\"]", "-popup host"),
        ("+[\"FACTMARK-SKIP\"]", "+skip link host"),
        ("-[\"FACTMARK-SKIP\"]", "-skip link host"),
    ];
    HOSTS.iter().find(|(added_or_removed, _)| record.contains(added_or_removed)).map_or("paint", |(_, part)| part)
}

/// The parts of the page `records` changed, in order, each once per run.
fn parts(records: &[String]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = records.iter().map(|r| part(r)).collect();
    out.dedup();
    out
}

/// Dropping the widget takes its parts away in the order of its fields
/// (`session::Widget`): the paint first, then the skip link's host, then
/// the popup's, the reverse of the order they came in. Its observer went
/// first of all: nothing follows, no re-scan of its own teardown, no error.
#[wasm_bindgen_test]
async fn unmount_takes_the_widget_apart_in_reverse_order() {
    use std::cell::Cell;
    use std::rc::Rc;
    let root = fixture(&format!("<p>{GREENLAND}.</p><p>{RELIC}.</p>"));
    let errors = Rc::new(Cell::new(0));
    let errors2 = errors.clone();
    let _errors = Listener::new(&web_sys::window().unwrap().into(), "error", move |_| errors2.set(errors2.get() + 1));
    let mutations = Mutations::observe(&doc().body().unwrap());
    let mut fm = mount_on(&root, &[("mode", "wrap".into()), ("observe", true.into())]).await;
    assert_eq!(parts(&mutations.take()), ["+popup host", "+skip link host", "paint"], "mounting");
    fm.unmount();
    assert_eq!(parts(&mutations.take()), ["paint", "-skip link host", "-popup host"], "unmounting");
    sleep(300).await;
    assert_eq!(mutations.take(), Vec::<String>::new(), "nothing after the teardown");
    assert_eq!(errors.get(), 0, "no error thrown into the page");
    assert!(marks(&root).is_empty());
}

/// The widget's own changes (wrapping, unwrapping) happen with its
/// observer paused: they never make it re-scan; the page's changes do.
#[wasm_bindgen_test]
async fn the_widget_does_not_see_its_own_changes() {
    let root = fixture(&format!("<p>{GREENLAND}.</p>"));
    let _fm = mount_on(&root, &[("mode", "wrap".into()), ("observe", true.into())]).await;
    let first = marks(&root);
    assert_eq!(first.len(), 1);
    sleep(300).await;
    assert!(marks(&root)[0].is_same_node(Some(&first[0])), "no re-scan after its own wrapping");
    // The page's change is seen: re-scanned and wrapped anew ...
    root.append_child(&doc().create_text_node(" More.")).unwrap();
    sleep(300).await;
    let again = marks(&root);
    assert_eq!(again.len(), 1);
    assert!(!again[0].is_same_node(Some(&first[0])), "re-scanned after the page's change");
    // ... and that re-scan's own unwrapping and wrapping are not.
    sleep(300).await;
    assert!(marks(&root)[0].is_same_node(Some(&again[0])), "no re-scan after its own re-wrapping");
}
