//! Painting the page: what is wrapped or highlighted, what is left alone,
//! re-scans of a changing page, and the page's own text and nodes kept
//! through it all, on generated and extreme pages too.

use crate::support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

#[wasm_bindgen_test]
async fn wraps_claims_and_reports_matches() {
    let root = fixture(&format!("<h2>News</h2><p>Elsewhere, {GREENLAND} — a territory of Denmark.</p><p>Unrelated text about the weather.</p><ul><li>{RELIC}.</li></ul>"));
    let fm = mount_on(&root, &[("mode", "wrap".into())]).await;
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
    let fm = mount_on(&inner, &[("mode", "wrap".into())]).await;
    assert!(matches(&fm).is_empty());
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
fn random_page(rng: &mut Rng) -> (Fixture, usize) {
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
    (Fixture::adopt(root), planted)
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
        let mutations = Mutations::observe(&root);
        let mut fm = mount_on(&root, &[("mode", mode.into())]).await;
        let found = fm.matches().length() as usize;
        assert!(found <= planted, "page {page}: {found} matches for {planted} planted claims");
        total_planted += planted;
        total_found += found;
        assert_eq!(root.text_content(), text, "page {page} ({mode}): text changed while mounted");
        if mode == "highlight" {
            assert_eq!(mutations.take(), Vec::<String>::new(), "page {page}: highlight mode mutated the page");
        }
        fm.unmount();
        assert_eq!(root.inner_html(), html, "page {page} ({mode}): innerHTML differs after unmount");
        let after = text_nodes(&root);
        assert_eq!(after.len(), nodes.len(), "page {page} ({mode}): text node count");
        assert!(after.iter().zip(&nodes).all(|(a, b)| a.is_same_node(Some(b))), "page {page} ({mode}): text nodes replaced");
    }
    // Claims split across inline elements are still found (each planted one
    // is a full sentence in its own paragraph).
    assert!(total_planted > 200, "the generator plants claims ({total_planted})");
    assert_eq!(total_found, total_planted, "found {total_found} of {total_planted} planted claims");
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
    drop(root);

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
}
