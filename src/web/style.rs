//! The widget's styles, as constructable style sheets.
//!
//! A `<style>` element (even inside a shadow root) is an inline style that a
//! strict `style-src` policy blocks; `adoptedStyleSheets` are not, so every
//! rule the widget needs lives in a `CSSStyleSheet` built here. The page
//! sheet styles highlights (wrappers and `::highlight()`); the popup sheet
//! lives in the popup's shadow root, starting from `all: initial` so the
//! page's CSS can neither leak in nor be affected.
//!
//! Verdicts are never told by colour alone: each rating also has its own
//! underline style, and the popup spells the rating out with an icon.

use crate::dataset::Rating;
use wasm_bindgen::prelude::*;
use web_sys::CssStyleSheet;

/// Background tint, underline colour and underline style for a rating.
pub fn rating_style(r: Rating) -> (&'static str, &'static str, &'static str) {
    match r {
        Rating::True => ("#dcf5e3", "#1a7f37", "solid"),
        Rating::MostlyTrue => ("#e9f5d6", "#4d7c0f", "solid"),
        Rating::Mixed => ("#fff1c7", "#9a6700", "dotted"),
        Rating::Misleading => ("#ffe4cc", "#bc4c00", "dashed"),
        Rating::False => ("#ffdcdc", "#cf222e", "wavy"),
        Rating::Unverified => ("#e8e8f0", "#57606a", "double"),
        Rating::Opinion => ("#e3ecfa", "#0969da", "dotted"),
    }
}

/// A symbol shown beside the rating label (decorative: the label says it).
pub fn rating_icon(r: Rating) -> &'static str {
    match r {
        Rating::True => "✓",
        Rating::MostlyTrue => "✓",
        Rating::Mixed => "◐",
        Rating::Misleading => "!",
        Rating::False => "✗",
        Rating::Unverified => "?",
        Rating::Opinion => "❝",
    }
}

/// The selector of highlight `name`'s rules. A `::highlight()` rule with
/// no element part matches every element, so adding it makes the browser
/// restyle the whole page (about 220 ms on a 5 MB page in Chromium).
/// Where highlight styles inherit (CSS Pseudo-Elements 4, shipped in
/// Chromium), rules on the root (`:root`, or `:host` in a shadow tree) reach
/// every element by inheritance, which costs the browser about 140 ms
/// there, and nothing if they are added before the content
/// (`scripts/experiments/paint-cost/`, and `prepareHighlights()`). Elsewhere they would paint
/// nothing, so `inherit` must come from [`highlight_inheritance`].
fn highlight_selector(name: &str, inherit: bool) -> String {
    if inherit {
        format!(":root::highlight({name}),:host::highlight({name})")
    } else {
        format!("::highlight({name})")
    }
}

/// Whether this browser's highlight styles inherit, asked once per page in
/// the widget's own shadow tree (`shadow`, connected, styled by
/// [`POPUP_CSS`]): a highlight style set on a probe element must show on
/// the probe's child. A browser that cannot compute highlight styles
/// answers no. The probe is removed again.
pub fn highlight_inheritance(shadow: &web_sys::ShadowRoot) -> bool {
    thread_local! {
        static ANSWER: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
    }
    if let Some(answer) = ANSWER.with(|a| a.get()) {
        return answer;
    }
    let answer = (|| -> Option<bool> {
        let doc = shadow.owner_document()?;
        let win = doc.default_view()?;
        let probe = doc.create_element("div").ok()?;
        probe.set_class_name("fm-probe");
        let child = doc.create_element("span").ok()?;
        probe.append_child(&child).ok()?;
        shadow.append_child(&probe).ok()?;
        let style = win.get_computed_style_with_pseudo_elt(&child, &format!("::highlight({PROBE_HIGHLIGHT})"));
        let color = style.ok().flatten().and_then(|s| s.get_property_value("background-color").ok());
        probe.remove();
        Some(color.as_deref() == Some(PROBE_COLOR))
    })()
    .unwrap_or(false);
    ANSWER.with(|a| a.set(Some(answer)));
    answer
}

/// The highlight name and colour of [`POPUP_CSS`]'s probe rule (on
/// `.fm-probe`, for [`highlight_inheritance`]).
const PROBE_HIGHLIGHT: &str = "factmark-probe";
const PROBE_COLOR: &str = "rgb(1, 2, 3)";

/// How a passage that disputes a claim is painted, whatever the claim's
/// rating: no verdict colour (the passage is not the claim), a grey line
/// over and under it, a style no rating uses (in forced colours too, where
/// every passage is Mark on MarkText).
pub const DISPUTES_STYLE: (&str, &str) = ("#eef1f4", "#57606a");

/// Rules for the page, for one mode only: a new style sheet makes the
/// browser re-check every element its selectors could match, so wrap mode
/// adds only rules about its own `factmark-mark` elements (cheap on a big
/// page), and highlight mode only the `::highlight()` rules of instance
/// `prefix` (on the root where highlight styles inherit: `inherit`).
pub fn page_css(prefix: &str, wrap: bool, inherit: bool) -> String {
    let mut css = String::new();
    if wrap {
        css.push_str(
            "factmark-mark{all:unset;display:inline;cursor:help;border-radius:2px;\
             text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:3px;\
             -webkit-box-decoration-break:clone;box-decoration-break:clone}\
             factmark-mark:focus-visible{outline:2px solid #0b57d0;outline-offset:2px}\
             factmark-mark[data-factmark-active]{outline:2px solid currentColor;outline-offset:1px}\n",
        );
    }
    for r in Rating::ALL {
        let (bg, line, style) = rating_style(r);
        let t = r.as_str();
        if wrap {
            css.push_str(&format!(
                "factmark-mark[data-factmark-rating=\"{t}\"]{{background-color:{bg};text-decoration-color:{line};text-decoration-style:{style}}}\n"
            ));
        } else {
            let sel = highlight_selector(&format!("{prefix}-{t}"), inherit);
            css.push_str(&format!(
                "{sel}{{background-color:{bg};text-decoration-line:underline;text-decoration-color:{line};text-decoration-style:{style};text-decoration-thickness:2px}}\n\
                 @media (forced-colors:active){{{sel}{{background-color:Mark;color:MarkText}}}}\n"
            ));
        }
    }
    // Disputing passages, after the rating rules (same specificity: these win).
    let (bg, line) = DISPUTES_STYLE;
    let disputes = format!(
        "background-color:{bg};text-decoration-line:underline overline;text-decoration-color:{line};text-decoration-style:solid;text-decoration-thickness:1px"
    );
    if wrap {
        css.push_str(&format!("factmark-mark[data-factmark-stance=\"disputes\"]{{{disputes}}}\n"));
    } else {
        let sel = highlight_selector(&format!("{prefix}-disputes"), inherit);
        css.push_str(&format!("{sel}{{{disputes}}}\n@media (forced-colors:active){{{sel}{{background-color:Mark;color:MarkText}}}}\n"));
    }
    if wrap {
        // After the rating rules, with the same specificity, so that it wins:
        // in forced-colors mode every claim is Mark on MarkText (the rating
        // still shows in the underline style).
        css.push_str(
            "@media (forced-colors:active){factmark-mark[data-factmark-rating]{background-color:Mark;color:MarkText;\
             text-decoration-color:MarkText;forced-color-adjust:none}}\n",
        );
    } else {
        let sel = highlight_selector(&format!("{prefix}-active"), inherit);
        css.push_str(&format!(
            "{sel}{{background-color:#c2dbff;text-decoration-line:underline;text-decoration-thickness:3px}}\n\
             @media (forced-colors:active){{{sel}{{background-color:Highlight;color:HighlightText}}}}\n"
        ));
    }
    css
}

/// Rules for the popup's shadow root.
pub const POPUP_CSS: &str = r#"
:host{all:initial !important;position:fixed !important;inset:0 auto auto 0 !important;width:0 !important;height:0 !important;z-index:2147483647 !important;display:block !important;visibility:visible !important;opacity:1 !important;transform:none !important}
.popup{all:initial;box-sizing:border-box;position:fixed;display:none;flex-direction:column;gap:8px;width:min(380px,calc(100vw - 16px));max-height:min(70vh,520px);overflow:auto;padding:14px 16px 12px;background:#fff;color:#1f2328;border:1px solid #8c959f;border-left:6px solid var(--fm-line,#57606a);border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.22);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;text-align:left;direction:ltr;letter-spacing:normal;word-spacing:normal;white-space:normal;overflow-wrap:anywhere}
.popup[data-open]{display:flex}
.fm-probe{all:initial;position:fixed;width:0;height:0;overflow:hidden}
.fm-probe::highlight(factmark-probe){background-color:rgb(1,2,3)}
.sr-only{all:initial;position:fixed;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.popup *{box-sizing:border-box;font:inherit;color:inherit;margin:0;padding:0}
.popup:focus{outline:none}
.popup:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.head{display:flex;align-items:flex-start;justify-content:space-between;gap:8px}
.title{font-weight:600;font-size:15px;line-height:1.6}
.rating{display:inline-flex;align-items:center;gap:6px;font-weight:700;padding:0 10px 0 8px;margin:0 2px;border-radius:999px;background:var(--fm-bg,#eee);color:#1f2328;border:1px solid var(--fm-line,#57606a);white-space:nowrap}
.icon{font-weight:700;color:var(--fm-line,#57606a)}
.close{all:unset;cursor:pointer;font-size:20px;line-height:1;width:28px;height:28px;text-align:center;border-radius:6px;color:#57606a}
.close:hover{background:#eaeef2;color:#1f2328}
.close:focus-visible{outline:2px solid #0b57d0;outline-offset:1px}
.kind{font-size:12px;color:#57606a}
.why{display:block;margin-top:2px}
.label{font-weight:600}
.claim{font-style:italic}
.verdict{font-weight:600}
.uncertain{background:#f6f8fa;border-radius:6px;padding:6px 8px}
.sources .heading{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#57606a;margin-bottom:2px}
.sources ul{list-style:none;display:flex;flex-direction:column;gap:4px}
.sources a{color:#0550ae;text-decoration:underline;cursor:pointer}
.sources a:hover{color:#033d8b}
.sources a:focus-visible{outline:2px solid #0b57d0;outline-offset:1px;border-radius:2px}
.date{color:#57606a;font-size:12px;white-space:nowrap}
.own-label{font-weight:400;font-style:italic}
.claimant{font-size:13px;color:#424a53}
.appears-here,.outdated,.disputes{font-size:13px;font-weight:600;color:#6a4300;background:#fff8c5;border-radius:6px;padding:4px 8px}
.reviews .heading{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#57606a;margin-bottom:2px}
.reviews ul{list-style:none;display:flex;flex-direction:column;gap:4px}
.reviews a{color:#0550ae;text-decoration:underline}
.as-of{font-size:13px;font-weight:600;color:#424a53;border-top:1px solid #d0d7de;padding-top:6px}
.reviewed{font-size:12px;color:#57606a;border-top:1px solid #d0d7de;padding-top:6px}
.as-of+.reviewed{border-top:none;padding-top:0}
.position{font-size:12px;color:#57606a}
.position .at{font-weight:600}
@media (prefers-reduced-motion:no-preference){.popup[data-open]{animation:fm-in .12s ease-out}@keyframes fm-in{from{opacity:0;transform:translateY(-3px)}to{opacity:1;transform:none}}}
@media (forced-colors:active){.popup{border:2px solid CanvasText;forced-color-adjust:auto}.rating{border:1px solid CanvasText}.sources a{color:LinkText}}
"#;

/// Rules for the skip link's shadow root (see `skiplink`): hidden until
/// focused (or its list is open), then a box at the top left of the viewport.
pub const SKIP_CSS: &str = r#"
:host{all:initial !important;position:fixed !important;inset:0 auto auto 0 !important;width:0 !important;height:0 !important;z-index:2147483647 !important;display:block !important;visibility:visible !important;opacity:1 !important;transform:none !important}
.bar{all:initial;box-sizing:border-box;position:fixed;top:8px;left:8px;display:flex;flex-direction:column;align-items:stretch;gap:6px;width:max-content;max-width:min(440px,calc(100vw - 16px));max-height:calc(100vh - 16px);overflow:auto;padding:8px;background:#fff;color:#1f2328;border:2px solid #0b57d0;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.22);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;text-align:left;direction:ltr;letter-spacing:normal;word-spacing:normal;white-space:normal;overflow-wrap:anywhere}
.bar[hidden]{display:none}
.bar:not(:focus-within):not([data-expanded]){width:1px;height:1px;padding:0;border:0;box-shadow:none;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.bar *{box-sizing:border-box;font:inherit;color:inherit;margin:0;padding:0}
.bar button{all:unset;box-sizing:border-box;display:block;cursor:pointer;padding:6px 10px;border-radius:6px;text-align:start;font:inherit;color:#1f2328}
.bar .jump{font-weight:600;background:#0b57d0;color:#fff}
.bar .toggle{display:none;border:1px solid #8c959f}
.bar:focus-within .toggle,.bar[data-expanded] .toggle{display:block}
.bar button:hover{background:#eaeef2;color:#1f2328}
.bar button:focus-visible{outline:3px solid #0b57d0;outline-offset:1px}
.bar .jump:focus-visible{outline-color:#1f2328}
.claims{list-style:none;display:flex;flex-direction:column;gap:2px;border-top:1px solid #d0d7de;padding-top:4px}
.claims[hidden]{display:none}
.claims button{width:100%}
.passage{display:block}
.does{display:block;font-size:12px;color:#57606a}
@media (forced-colors:active){.bar{border:2px solid CanvasText}.bar button{border:1px solid ButtonText}}
"#;

/// A constructable style sheet holding `css`.
pub fn sheet(css: &str) -> Result<CssStyleSheet, JsValue> {
    let s = CssStyleSheet::new()?;
    s.replace_sync(css)?;
    Ok(s)
}

/// A constructable style sheet holding `css`, made by the window showing
/// `doc`: a document may adopt only sheets of its own realm, so an iframe's
/// document (and the shadow roots in it) needs a sheet of its own.
pub fn sheet_for(doc: &web_sys::Document, css: &str) -> Result<CssStyleSheet, JsValue> {
    let win: JsValue = doc.default_view().ok_or_else(|| JsValue::from_str("the document has no window"))?.into();
    let ctor = js_sys::Reflect::get(&win, &JsValue::from_str("CSSStyleSheet"))?;
    if !ctor.is_function() {
        return Err(JsValue::from_str("the document's window has no CSSStyleSheet"));
    }
    // Another realm's function: `instanceof Function` (dyn_into) would say no.
    let ctor: js_sys::Function = wasm_bindgen::JsCast::unchecked_into(ctor);
    let s: CssStyleSheet = wasm_bindgen::JsCast::unchecked_into(js_sys::Reflect::construct(&ctor, &js_sys::Array::new())?);
    s.replace_sync(css)?;
    Ok(s)
}

/// A style sheet in a document's or shadow root's `adoptedStyleSheets`;
/// dropping the guard takes it out again, leaving the page's own sheets as
/// they are (and in their order).
#[must_use = "the sheet is taken out of adoptedStyleSheets when the guard is dropped"]
pub struct AdoptedSheet {
    /// The Document or ShadowRoot (of any realm) that adopted the sheet.
    target: JsValue,
    sheet: CssStyleSheet,
}

impl AdoptedSheet {
    /// Adds `sheet` to `target.adoptedStyleSheets` (a Document or
    /// ShadowRoot, of any realm; the sheet must be of the same document, see
    /// [`sheet_for`]).
    pub fn adopt(target: &JsValue, sheet: CssStyleSheet) -> Result<AdoptedSheet, JsValue> {
        adopt(target, &sheet)?;
        Ok(AdoptedSheet { target: target.clone(), sheet })
    }

    /// The sheet.
    pub fn sheet(&self) -> &CssStyleSheet {
        &self.sheet
    }

    /// Adopts the sheet again if the page has dropped it meanwhile (a page
    /// may replace its `adoptedStyleSheets` wholesale).
    pub fn keep_adopted(&self) -> Result<(), JsValue> {
        if !is_adopted(&self.target, &self.sheet)? {
            adopt(&self.target, &self.sheet)?;
        }
        Ok(())
    }
}

impl Drop for AdoptedSheet {
    fn drop(&mut self) {
        let _ = unadopt(&self.target, &self.sheet);
    }
}

/// Adds `sheet` to `target.adoptedStyleSheets`.
fn adopt(target: &JsValue, sheet: &CssStyleSheet) -> Result<(), JsValue> {
    let key = JsValue::from_str("adoptedStyleSheets");
    let list = js_sys::Array::from(&js_sys::Reflect::get(target, &key)?);
    list.push(sheet);
    js_sys::Reflect::set(target, &key, &list)?;
    Ok(())
}

/// Whether `sheet` is in `target.adoptedStyleSheets`.
fn is_adopted(target: &JsValue, sheet: &CssStyleSheet) -> Result<bool, JsValue> {
    let list = js_sys::Array::from(&js_sys::Reflect::get(target, &JsValue::from_str("adoptedStyleSheets"))?);
    let this: &JsValue = sheet;
    Ok(list.iter().any(|s| &s == this))
}

/// Removes `sheet` from `target.adoptedStyleSheets`, leaving the rest as they were.
fn unadopt(target: &JsValue, sheet: &CssStyleSheet) -> Result<(), JsValue> {
    let key = JsValue::from_str("adoptedStyleSheets");
    let list = js_sys::Array::from(&js_sys::Reflect::get(target, &key)?);
    let this: &JsValue = sheet;
    let kept: js_sys::Array = list.iter().filter(|s| s != this).collect();
    js_sys::Reflect::set(target, &key, &kept)?;
    Ok(())
}
