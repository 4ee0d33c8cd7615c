//! The verdict popup: a non-modal dialog in a shadow root.
//!
//! It holds links (the sources), so it is a dialog, not a `role="tooltip"`.
//! Every dataset string reaches it through `textContent`; links are built as
//! elements, their `href` checked by the browser's own URL parser to be
//! `http:` or `https:` and opened in a new tab with
//! `rel="noopener noreferrer"`. The shadow root's sheet starts from
//! `all: initial`, so the page's CSS cannot reach in and the popup's cannot
//! leak out.

use super::dom::{host_parent, AddedElement};
use super::style::{self, rating_icon, rating_style, AdoptedSheet};
use crate::dataset::{Claim, PartialDate};
use crate::labels::Lang;
use crate::matcher::{Confidence, MatchKind, Stance};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, DomRect, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode, Url};

/// What the popup needs to know besides the claim.
pub struct Context {
    /// Today's date (the reader's clock).
    pub today: Option<PartialDate>,
    /// The dataset's `staleAfterDays`.
    pub stale_after_days: Option<u32>,
    /// Whether the page's own URL is one of the claim's known appearances.
    pub appears_here: bool,
    /// Whether the matched text states the claim or disputes it.
    pub stance: Stance,
    /// Same or similar wording.
    pub kind: MatchKind,
    /// How sure the match is.
    pub confidence: Confidence,
    /// The page's words that matched.
    pub words: Vec<String>,
    /// The language of the widget's own labels.
    pub lang: Lang,
    /// The language of the dataset's texts (`en` when it says none).
    pub dataset_lang: String,
    /// Which claim of the page's this is, from 1, and how many there are.
    pub position: (usize, usize),
    /// Another key that moves to the next claim (the `nextKey` option).
    pub next_key: Option<String>,
}

/// The popup and its shadow host. Dropping it takes the host out of the
/// page (its sheet first, then the host: the fields' order).
pub struct Popup {
    _sheet: AdoptedSheet,
    host: AddedElement,
    shadow: ShadowRoot,
    panel: HtmlElement,
    /// A polite live region for one-off announcements to screen readers.
    live: Element,
    open: Option<usize>,
}

impl Popup {
    /// Creates the (hidden) popup and appends its host to the document.
    pub fn new(doc: &Document) -> Result<Popup, JsValue> {
        let host = doc.create_element("factmark-ui")?;
        let init = ShadowRootInit::new(ShadowRootMode::Open);
        let shadow = host.attach_shadow(&init)?;
        let sheet = AdoptedSheet::adopt(shadow.as_ref(), style::sheet(style::POPUP_CSS)?)?;
        let panel: HtmlElement = doc.create_element("div")?.dyn_into()?;
        panel.set_class_name("popup");
        panel.set_attribute("role", "dialog")?;
        panel.set_attribute("aria-modal", "false")?;
        panel.set_attribute("aria-labelledby", "fm-title")?;
        // "Claim 3 of 12" and the keys, read when focus moves in.
        panel.set_attribute("aria-describedby", "fm-position")?;
        panel.set_attribute("aria-keyshortcuts", "Alt+Shift+ArrowDown Alt+Shift+ArrowUp Escape")?;
        panel.set_attribute("tabindex", "-1")?;
        panel.set_attribute("lang", "en")?;
        panel.set_attribute("dir", "ltr")?;
        shadow.append_child(&panel)?;
        let live = doc.create_element("div")?;
        live.set_class_name("sr-only");
        live.set_attribute("aria-live", "polite")?;
        shadow.append_child(&live)?;
        let host = AddedElement::append(&host_parent(doc)?, host)?;
        Ok(Popup { _sheet: sheet, host, shadow, panel, live, open: None })
    }

    /// The popup's shadow root (the widget's own tree in the page).
    pub fn shadow(&self) -> &ShadowRoot {
        &self.shadow
    }

    /// The host element (in the page's DOM).
    pub fn host(&self) -> &Element {
        self.host.element()
    }

    /// Tells screen-reader users `text`, once (a polite live region).
    pub fn announce(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }

    /// Index of the match whose popup is open.
    pub fn open_index(&self) -> Option<usize> {
        self.open
    }

    /// Whether focus is inside the popup.
    pub fn has_focus(&self) -> bool {
        self.shadow.active_element().is_some()
    }

    /// The dialog element (to move focus into it).
    pub fn panel(&self) -> &HtmlElement {
        &self.panel
    }

    /// Fills the popup for `claim`, shows it near `anchor` and records `index`.
    pub fn show(&mut self, doc: &Document, index: usize, claim: &Claim, ctx: &Context, anchor: &DomRect) -> Result<(), JsValue> {
        if self.open != Some(index) {
            self.fill(doc, claim, ctx)?;
        }
        self.open = Some(index);
        self.panel.set_attribute("data-open", "")?;
        self.place(anchor)
    }

    /// Hides the popup.
    pub fn hide(&mut self) {
        self.open = None;
        let _ = self.panel.remove_attribute("data-open");
    }

    fn fill(&self, doc: &Document, claim: &Claim, ctx: &Context) -> Result<(), JsValue> {
        let lang = ctx.lang;
        let l = lang.labels();
        let p = &self.panel;
        p.set_text_content(None);
        p.set_attribute("lang", lang.tag())?;
        p.set_attribute("aria-label", l.dialog)?;
        p.set_attribute("data-rating", claim.rating.as_str())?;
        let (bg, line, _) = rating_style(claim.rating);
        p.style().set_property("--fm-bg", bg)?;
        p.style().set_property("--fm-line", line)?;

        let el = |tag: &str, class: &str, text: Option<&str>| -> Result<Element, JsValue> {
            let e = doc.create_element(tag)?;
            if !class.is_empty() {
                e.set_class_name(class);
            }
            if let Some(t) = text {
                e.set_text_content(Some(t));
            }
            Ok(e)
        };

        let node = |tag: &str, class: &str, text: Option<&str>| el(tag, class, text).map(web_sys::Node::from);

        // The title says first what the passage does with the claim, the
        // rating inside it: "This passage disputes a claim rated ✗ False —
        // the fact-check agrees with it". It names the dialog.
        let head = el("div", "head", None)?;
        let title = el("p", "title", None)?;
        title.set_id("fm-title");
        title.set_attribute("data-stance", ctx.stance.as_str())?;
        let (before, after) = lang.title(ctx.stance, ctx.confidence, claim.rating);
        title.append_child(&doc.create_text_node(&before))?;
        let rating = el("span", "rating", None)?;
        let icon = el("span", "icon", Some(rating_icon(claim.rating)))?;
        icon.set_attribute("aria-hidden", "true")?;
        rating.append_child(&icon)?;
        rating.append_child(&doc.create_text_node(lang.rating(claim.rating)))?;
        if let Some(own) = &claim.label {
            // The reviewer's own wording, beside the normalised rating.
            rating.append_child(&node("span", "own-label", Some(&format!("“{own}”")))?)?;
        }
        title.append_child(&rating)?;
        if !after.is_empty() {
            title.append_child(&doc.create_text_node(&after))?;
        }
        head.append_child(&title)?;
        let close = el("button", "close", Some("×"))?;
        close.set_attribute("type", "button")?;
        close.set_attribute("aria-label", l.close)?;
        close.set_attribute("data-factmark-close", "")?;
        head.append_child(&close)?;
        p.append_child(&head)?;

        // Which claim of the page's this is, and the keys: shown, and read
        // out when focus moves in (the dialog's description). The keys as
        // drawn are hidden from screen readers, which get them in words.
        let (i, n) = ctx.position;
        let position = el("p", "position", None)?;
        position.set_id("fm-position");
        position.append_child(&node("span", "at", Some(&lang.position(i, n)))?)?;
        let (shown, spoken) = lang.keys(ctx.next_key.as_deref());
        let keys = el("span", "keys", Some(&format!(" · {shown}")))?;
        keys.set_attribute("aria-hidden", "true")?;
        position.append_child(&keys)?;
        let stop = if lang == Lang::Zh { "。" } else { ". " };
        position.append_child(&node("span", "sr-only", Some(&format!("{stop}{spoken}")))?)?;
        p.append_child(&position)?;

        let (kind, detail) = lang.explanation(ctx.kind, ctx.confidence, &ctx.words);
        let k = el("p", "kind", Some(&kind))?;
        if let Some(d) = detail {
            k.append_child(&doc.create_text_node(" "))?;
            k.append_child(&node("span", "why", Some(&d))?)?;
        }
        p.append_child(&k)?;
        if ctx.stance == Stance::Disputes {
            p.append_child(&node("p", "disputes", Some(l.disputes))?)?;
        }
        // The dataset's own texts, marked with their language.
        let data_lang = claim.language.as_deref().unwrap_or(&ctx.dataset_lang);
        let text_in = |class: &str, text: &str| -> Result<Element, JsValue> {
            let e = el("span", class, Some(text))?;
            e.set_attribute("lang", data_lang)?;
            Ok(e)
        };
        if let Some(note) = lang.dataset_note(data_lang) {
            p.append_child(&node("p", "data-lang", Some(note))?)?;
        }
        let c = el("p", "claim", None)?;
        c.append_child(&node("span", "label", Some(l.claim))?)?;
        c.append_child(&text_in("", &claim.claim)?.into())?;
        p.append_child(&c)?;
        if let Some(who) = &claim.claimant {
            let when = claim.claim_date.as_deref().and_then(|d| PartialDate::parse(d).ok());
            let text = match when {
                Some(d) => format!("{}{who}, {}", l.claimed_by, lang.date(d)),
                None => format!("{}{who}", l.claimed_by),
            };
            p.append_child(&node("p", "claimant", Some(&text))?)?;
        }
        if ctx.appears_here {
            p.append_child(&node("p", "appears-here", Some(l.appears_here))?)?;
        }
        let verdict = el("p", "verdict", Some(&claim.verdict))?;
        verdict.set_attribute("lang", data_lang)?;
        p.append_child(&verdict)?;
        let note = el("p", "note", Some(&claim.note))?;
        note.set_attribute("lang", data_lang)?;
        p.append_child(&note)?;
        if let Some(u) = &claim.uncertain {
            let e = el("p", "uncertain", None)?;
            e.append_child(&node("span", "label", Some(l.uncertain))?)?;
            e.append_child(&text_in("", u)?.into())?;
            p.append_child(&e)?;
        }

        let sources = el("div", "sources", None)?;
        sources.append_child(&node("p", "heading", Some(l.sources))?)?;
        let ul = el("ul", "", None)?;
        for s in &claim.sources {
            let li = el("li", "", None)?;
            let text = format!("{}: {}", s.publisher, s.title);
            li.set_attribute("lang", data_lang)?;
            if let Some(href) = safe_href(&s.url) {
                let a = el("a", "", Some(&text))?;
                a.set_attribute("href", &href)?;
                a.set_attribute("target", "_blank")?;
                a.set_attribute("rel", "noopener noreferrer")?;
                li.append_child(&a)?;
            } else {
                li.append_child(&doc.create_text_node(&text))?;
            }
            if let Some(d) = s.date.as_deref().and_then(|d| PartialDate::parse(d).ok()) {
                li.append_child(&doc.create_text_node(" "))?;
                let date = el("span", "date", Some(&format!("({})", lang.date(d))))?;
                date.set_attribute("lang", lang.tag())?;
                li.append_child(&date)?;
            }
            ul.append_child(&li)?;
        }
        sources.append_child(&ul)?;
        p.append_child(&sources)?;

        if claim.reviews.len() > 1 {
            let box_ = el("div", "reviews", None)?;
            box_.append_child(&node("p", "heading", Some(l.reviews))?)?;
            let ul = el("ul", "", None)?;
            for r in &claim.reviews {
                let li = el("li", "", None)?;
                let mut text = format!("{}: ", r.publisher);
                if let Some(own) = &r.label {
                    text.push_str(&format!("“{own}” "));
                }
                text.push_str(&format!("({})", lang.rating(r.rating)));
                match safe_href(&r.url) {
                    Some(href) => {
                        let a = el("a", "", Some(&text))?;
                        a.set_attribute("href", &href)?;
                        a.set_attribute("target", "_blank")?;
                        a.set_attribute("rel", "noopener noreferrer")?;
                        li.append_child(&a)?;
                    }
                    None => {
                        li.append_child(&doc.create_text_node(&text))?;
                    }
                }
                if let Some(d) = r.date.as_deref().and_then(|d| PartialDate::parse(d).ok()) {
                    li.append_child(&doc.create_text_node(" "))?;
                    li.append_child(&node("span", "date", Some(&lang.date(d)))?)?;
                }
                ul.append_child(&li)?;
            }
            box_.append_child(&ul)?;
            p.append_child(&box_)?;
        }

        // How current the facts are, then when they were reviewed. The age
        // goes with the facts' date, never the review's: a review written
        // last week does not make facts from January fresh.
        let reviewed = PartialDate::parse(&claim.reviewed).ok();
        let as_of = claim.as_of.as_deref().and_then(|a| PartialDate::parse(a).ok());
        let facts = as_of.or(reviewed);
        let age = match (facts, ctx.today) {
            (Some(d), Some(today)) => Some(d.days_until(today)),
            _ => None,
        };
        let age_span = |days: i64| node("span", "age", Some(&format!(" · {}", lang.age(days))));
        if let (Some(d), Some(text)) = (as_of, claim.as_of.as_deref()) {
            let e = el("p", "as-of", None)?;
            let time = el("time", "", Some(&format!("{}{}", l.facts_as_of, lang.month(d))))?;
            time.set_attribute("datetime", text)?;
            e.append_child(&time)?;
            if let Some(days) = age {
                e.append_child(&age_span(days)?)?;
            }
            p.append_child(&e)?;
        }
        let r = el("p", "reviewed", None)?;
        let text = match reviewed {
            Some(d) => format!("{}{}", l.reviewed, lang.date(d)),
            None => format!("{}{}", l.reviewed, claim.reviewed),
        };
        let time = el("time", "", Some(&text))?;
        time.set_attribute("datetime", &claim.reviewed)?;
        r.append_child(&time)?;
        if let (None, Some(days)) = (as_of, age) {
            r.append_child(&age_span(days)?)?;
        }
        p.append_child(&r)?;
        // Past the claim's window (or the dataset's), counted from the facts' date.
        if let (Some(days), Some(limit)) = (age, claim.stale_after_days.or(ctx.stale_after_days)) {
            if days > i64::from(limit) {
                p.append_child(&node("p", "outdated", Some(l.outdated))?)?;
            }
        }
        Ok(())
    }

    /// Places the panel below `anchor` (above it when there is no room),
    /// always inside the viewport.
    pub fn place(&self, anchor: &DomRect) -> Result<(), JsValue> {
        let win = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let doc_el = win.document().and_then(|d| d.document_element());
        let vw = doc_el
            .as_ref()
            .map(|e| e.client_width() as f64)
            .filter(|w| *w > 0.0)
            .unwrap_or_else(|| win.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(800.0));
        let vh = doc_el
            .as_ref()
            .map(|e| e.client_height() as f64)
            .filter(|h| *h > 0.0)
            .unwrap_or_else(|| win.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(600.0));
        let size = self.panel.get_bounding_client_rect();
        let (w, h) = (size.width(), size.height());
        let margin = 8.0;
        let left = anchor.left().min(vw - w - margin).max(margin);
        let below = anchor.bottom() + 6.0;
        let above = anchor.top() - h - 6.0;
        let top = if below + h <= vh - margin {
            below
        } else if above >= margin {
            above
        } else {
            (vh - h - margin).max(margin)
        };
        let s = self.panel.style();
        // Whole pixels as integers: no float formatting code in the widget.
        s.set_property("left", &format!("{}px", left.round() as i64))?;
        s.set_property("top", &format!("{}px", top.round() as i64))?;
        Ok(())
    }

    /// Whether an event with this composed path happened inside the popup.
    pub fn contains_target(&self, target: Option<&web_sys::EventTarget>) -> bool {
        target.and_then(|t| t.dyn_ref::<web_sys::Node>()).is_some_and(|n| self.host().contains(Some(n)) || self.shadow.contains(Some(n)))
    }
}

/// The URL as the browser parses it, if its scheme is http or https.
fn safe_href(url: &str) -> Option<String> {
    let parsed = Url::new(url).ok()?;
    matches!(parsed.protocol().as_str(), "http:" | "https:").then(|| parsed.href())
}
