//! The skip link: how keyboard and screen-reader users find the claims
//! without knowing a shortcut.
//!
//! It lives in a host of its own, `<factmark-skip>`, the first child of the
//! page's `<body>`, so that the link is the page's first Tab stop. (The
//! popup's `<factmark-ui>` stays last in the body: were the dialog first, a
//! screen reader reading the page from the top would meet an open fact-check
//! before the page, and the dialog's links would come before the page's own
//! skip links.) Nothing of the page's own is touched; both hosts' shadow
//! roots are open and styled by adopted sheets only. It is visually hidden until it has focus (the skip-link
//! pattern) and says how many claims the page holds; Enter goes to the
//! first one (its popup, with focus). Focused, it shows a second button
//! that lists the claims: a plain, non-modal list (no landmark, no dialog)
//! of buttons, each the passage's own text and what it does with its claim,
//! so a screen-reader user can pick a claim by its text. It is hidden while
//! the page has no claims.
//!
//! Page text reaches it through `textContent` only.

use super::dom::{host_parent, AddedElement};
use super::style::{self, AdoptedSheet};
use crate::labels::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// Longest passage text shown in the list, in characters (an ellipsis
/// follows a cut one); the popup shows the whole claim.
const ITEM_CHARS: usize = 160;

/// One claim in the list.
pub struct Item {
    /// The passage's text on the page.
    pub text: String,
    /// Its language as the page declares it (empty: the page's).
    pub lang: String,
    /// What it does with its claim ("fact-check: repeats a claim rated False").
    pub does: String,
}

/// What a click inside the skip link asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Go to the first claim.
    First,
    /// Show or hide the list.
    Toggle,
    /// Go to claim `i` (a `painted` index).
    Claim(usize),
}

/// The skip link and its list. Dropping it takes its host out of the page
/// (its sheet first, then the host: the fields' order).
pub struct SkipLink {
    _sheet: AdoptedSheet,
    host: AddedElement,
    shadow: ShadowRoot,
    bar: Element,
    jump: HtmlElement,
    toggle: HtmlElement,
    list: Element,
    /// The count and language the texts were written for.
    shown: Option<(usize, Lang)>,
    /// The list's items as built (so an unchanged re-scan rebuilds nothing).
    items: Vec<(String, String, String)>,
    expanded: bool,
}

impl SkipLink {
    /// Builds the (hidden) skip link in a host that goes first in the body.
    pub fn new(doc: &Document) -> Result<SkipLink, JsValue> {
        let host = doc.create_element("factmark-skip")?;
        let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        let sheet = AdoptedSheet::adopt(shadow.as_ref(), style::sheet(style::SKIP_CSS)?)?;
        let bar = doc.create_element("div")?;
        bar.set_class_name("bar");
        bar.set_attribute("hidden", "")?;
        let jump: HtmlElement = doc.create_element("button")?.dyn_into()?;
        jump.set_class_name("jump");
        jump.set_attribute("type", "button")?;
        jump.set_attribute("data-factmark-jump", "")?;
        let toggle: HtmlElement = doc.create_element("button")?.dyn_into()?;
        toggle.set_class_name("toggle");
        toggle.set_attribute("type", "button")?;
        toggle.set_attribute("data-factmark-list", "")?;
        toggle.set_attribute("aria-expanded", "false")?;
        toggle.set_attribute("aria-controls", "fm-claims")?;
        let list = doc.create_element("ul")?;
        list.set_id("fm-claims");
        list.set_class_name("claims");
        list.set_attribute("hidden", "")?;
        bar.append_child(&jump)?;
        bar.append_child(&toggle)?;
        bar.append_child(&list)?;
        shadow.append_child(&bar)?;
        let host = AddedElement::prepend(&host_parent(doc)?, host)?;
        Ok(SkipLink { _sheet: sheet, host, shadow, bar, jump, toggle, list, shown: None, items: Vec::new(), expanded: false })
    }

    /// The host element (in the page's DOM).
    pub fn host(&self) -> &Element {
        self.host.element()
    }

    /// Whether an event target (as a listener outside sees it, or from a
    /// composed path) is the skip link or inside it.
    pub fn contains_target(&self, target: Option<&web_sys::EventTarget>) -> bool {
        target.and_then(|t| t.dyn_ref::<web_sys::Node>()).is_some_and(|n| self.host().contains(Some(n)) || self.shadow.contains(Some(n)))
    }

    /// Shows `n` claims in `lang` (hidden when there are none). Writes to
    /// the DOM only what changed.
    pub fn show(&mut self, n: usize, lang: Lang) {
        if self.shown == Some((n, lang)) {
            return;
        }
        self.shown = Some((n, lang));
        if n == 0 {
            self.set_expanded(false);
            let _ = self.bar.set_attribute("hidden", "");
            return;
        }
        let _ = self.bar.set_attribute("lang", lang.tag());
        self.jump.set_text_content(Some(&lang.skip_link(n)));
        self.toggle.set_text_content(Some(&lang.list_claims(n)));
        let _ = self.bar.remove_attribute("hidden");
    }

    /// Fills the list with `items` (in page order), unless it holds them already.
    pub fn set_items(&mut self, doc: &Document, items: &[Item]) -> Result<(), JsValue> {
        let key: Vec<(String, String, String)> = items.iter().map(|i| (i.text.clone(), i.lang.clone(), i.does.clone())).collect();
        if key == self.items {
            return Ok(());
        }
        self.list.set_text_content(None);
        for (k, item) in items.iter().enumerate() {
            let li = doc.create_element("li")?;
            let button = doc.create_element("button")?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-factmark-item", &k.to_string())?;
            let text = doc.create_element("span")?;
            text.set_class_name("passage");
            text.set_text_content(Some(&shorten(&item.text)));
            if !item.lang.is_empty() {
                text.set_attribute("lang", &item.lang)?;
            }
            button.append_child(&text)?;
            // Read as one name: "… (fact-check: repeats a claim rated False)".
            button.append_child(&doc.create_text_node(" "))?;
            let does = doc.create_element("span")?;
            does.set_class_name("does");
            does.set_text_content(Some(&format!("({})", item.does)));
            button.append_child(&does)?;
            li.append_child(&button)?;
            self.list.append_child(&li)?;
        }
        self.items = key;
        Ok(())
    }

    /// Whether the list is shown.
    pub fn expanded(&self) -> bool {
        self.expanded
    }

    /// Shows or hides the list.
    pub fn set_expanded(&mut self, on: bool) {
        if self.expanded == on {
            return;
        }
        self.expanded = on;
        let _ = self.toggle.set_attribute("aria-expanded", if on { "true" } else { "false" });
        let _ = if on { self.list.remove_attribute("hidden") } else { self.list.set_attribute("hidden", "") };
        let _ = if on { self.bar.set_attribute("data-expanded", "") } else { self.bar.remove_attribute("data-expanded") };
    }

    /// The button that shows the list (focus goes back there when the
    /// list closes).
    pub fn toggle(&self) -> &HtmlElement {
        &self.toggle
    }

    /// What a click whose first target is `el` asks for.
    pub fn action(&self, el: &Element) -> Option<Action> {
        if !self.bar.contains(Some(el)) {
            return None;
        }
        if el.closest("[data-factmark-jump]").ok().flatten().is_some() {
            return Some(Action::First);
        }
        if el.closest("[data-factmark-list]").ok().flatten().is_some() {
            return Some(Action::Toggle);
        }
        let item = el.closest("[data-factmark-item]").ok().flatten()?;
        item.get_attribute("data-factmark-item")?.parse().ok().map(Action::Claim)
    }
}

/// `text` cut to [`ITEM_CHARS`] characters, with an ellipsis if cut.
fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(ITEM_CHARS) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_string(),
    }
}
