//! What the browser tests share: fixtures that clean up after themselves,
//! mounting, and reading the widget's UI and the page.
//!
//! Everything a test adds to the page is held by a guard whose `Drop`
//! removes it ([`Fixture`], [`Mounted`], [`PageLang`], [`Mutations`],
//! [`Listener`]), so a test ends without cleanup lines; a test that checks
//! what `unmount()` leaves behind still calls it itself. (A failed
//! assertion aborts the wasm instance, so guards do not clean up after a
//! failure: they keep passing tests from leaving anything behind.)

use factmark::{mount, Factmark};
use std::cell::RefCell;
use std::ops::{Deref, DerefMut};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlElement, KeyboardEvent, KeyboardEventInit, Node, ShadowRoot};

pub const GREENLAND: &str = "Trump recently claimed he wants control over Greenland";
pub const RELIC: &str = "The proposer stated that NATO is a \"Cold War relic\" that does not align with U.S. national security interests";
pub const LEE: &str = "Senator Mike Lee from Utah also submitted a similar proposal to the Senate";
/// `#dcf5e3`, the background of a "true" claim (Greenland's rating).
pub const TRUE_BG: &str = "rgb(220, 245, 227)";

pub fn doc() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

// ---- guards ----------------------------------------------------------------

/// A fixture element in the body; dropping it removes it, with whatever
/// the test put inside.
pub struct Fixture(Element);

impl Fixture {
    /// Takes charge of `el`, already in the page.
    pub fn adopt(el: Element) -> Fixture {
        Fixture::new(el)
    }

    fn new(el: Element) -> Fixture {
        LIVE_FIXTURES.with(|n| n.set(n.get() + 1));
        Fixture(el)
    }
}

impl Deref for Fixture {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.0
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.0.remove();
        // The last fixture gone, no widget may be left on the page: a test
        // that leaves one mounted breaks the tests after it.
        if LIVE_FIXTURES.with(|n| n.replace(n.get() - 1)) == 1 {
            let left = doc().query_selector_all("factmark-ui, factmark-skip").unwrap().length();
            assert_eq!(left, 0, "a widget was left mounted (its hosts are still in the page)");
        }
    }
}

thread_local! {
    /// Fixtures alive now (a test may hold several).
    static LIVE_FIXTURES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A fresh fixture element in the body, built from static test markup.
pub fn fixture(html: &str) -> Fixture {
    let d = doc();
    let el = d.create_element("div").unwrap();
    el.set_attribute("class", "fixture").unwrap();
    el.set_inner_html(html);
    d.body().unwrap().append_child(&el).unwrap();
    Fixture::new(el)
}

/// A fixture whose iframes have all loaded.
pub async fn frames_fixture(html: &str) -> Fixture {
    let d = doc();
    let el = d.create_element("div").unwrap();
    el.set_attribute("class", "fixture").unwrap();
    el.set_inner_html(html);
    let frames = el.query_selector_all("iframe").unwrap();
    let loads: Vec<js_sys::Promise> = (0..frames.length()).map(|i| loaded(&frames.item(i).unwrap().unchecked_into())).collect();
    d.body().unwrap().append_child(&el).unwrap();
    for p in loads {
        JsFuture::from(p).await.unwrap();
    }
    Fixture::new(el)
}

/// Resolves on `frame`'s next `load` (listen before the frame is put in
/// the page).
pub fn loaded(frame: &Element) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        frame.add_event_listener_with_callback("load", &resolve).unwrap();
    })
}

/// A mounted widget; dropping it unmounts it (`unmount()` may come first:
/// a second one does nothing).
pub struct Mounted(Factmark);

impl Deref for Mounted {
    type Target = Factmark;
    fn deref(&self) -> &Factmark {
        &self.0
    }
}

impl DerefMut for Mounted {
    fn deref_mut(&mut self) -> &mut Factmark {
        &mut self.0
    }
}

impl From<Factmark> for Mounted {
    /// Takes charge of a widget mounted without [`mount_on`].
    fn from(fm: Factmark) -> Mounted {
        Mounted(fm)
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.0.unmount();
    }
}

/// The root element's `lang`, set (removed when empty) until dropped; then
/// the page's own value is back.
pub struct PageLang(Option<String>);

impl PageLang {
    pub fn set(lang: &str) -> PageLang {
        let html = doc().document_element().unwrap();
        let before = html.get_attribute("lang");
        if lang.is_empty() {
            html.remove_attribute("lang").unwrap();
        } else {
            html.set_attribute("lang", lang).unwrap();
        }
        PageLang(before)
    }
}

impl Drop for PageLang {
    fn drop(&mut self) {
        let html = doc().document_element().unwrap();
        let _ = match &self.0 {
            Some(v) => html.set_attribute("lang", v),
            None => html.remove_attribute("lang"),
        };
    }
}

/// Every change under a node (child lists, attributes, text), as one line
/// each, until dropped.
pub struct Mutations {
    observer: web_sys::MutationObserver,
    log: Rc<RefCell<Vec<String>>>,
    _callback: Closure<dyn FnMut(js_sys::Array, web_sys::MutationObserver)>,
}

impl Mutations {
    pub fn observe(node: &Node) -> Mutations {
        let log = Rc::new(RefCell::new(Vec::new()));
        let log2 = log.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::MutationObserver)>::new(move |records: js_sys::Array, _| {
            log2.borrow_mut().extend(records.iter().map(describe));
        });
        let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
        let init = web_sys::MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        init.set_attributes(true);
        init.set_character_data(true);
        observer.observe_with_options(node, &init).unwrap();
        Mutations { observer, log, _callback: callback }
    }

    /// The changes so far (those not yet delivered too), and forgets them.
    pub fn take(&self) -> Vec<String> {
        let mut log = std::mem::take(&mut *self.log.borrow_mut());
        log.extend(self.observer.take_records().iter().map(describe));
        log
    }
}

impl Drop for Mutations {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// `"childList BODY +[\"FACTMARK-UI\"] -[] None"`: the type, the target,
/// the nodes added and removed, and the attribute.
fn describe(record: JsValue) -> String {
    let r: web_sys::MutationRecord = record.unchecked_into();
    let target = r.target().map(|t| t.node_name()).unwrap_or_default();
    let names = |list: web_sys::NodeList| -> Vec<String> { (0..list.length()).map(|i| list.item(i).unwrap().node_name()).collect() };
    format!("{} {target} +{:?} -{:?} {:?}", r.type_(), names(r.added_nodes()), names(r.removed_nodes()), r.attribute_name())
}

/// A page's event listener, removed when dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    pub fn new(target: &web_sys::EventTarget, kind: &'static str, f: impl FnMut(web_sys::Event) + 'static) -> Listener {
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref()).unwrap();
        Listener { target: target.clone(), kind, callback }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

// ---- mounting ----------------------------------------------------------------

pub fn options(root: &Element, extra: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"root".into(), root).unwrap();
    for (k, v) in extra {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

pub async fn mount_on(root: &Element, extra: &[(&str, JsValue)]) -> Mounted {
    Mounted(mount(Some(options(root, extra))).await.map_err(message).unwrap())
}

pub fn message(e: JsValue) -> String {
    e.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

pub async fn mount_err(opts: JsValue) -> String {
    match mount(Some(opts)).await {
        Ok(_) => panic!("mount should have failed"),
        Err(e) => message(e),
    }
}

/// Polls two futures to completion together.
pub async fn futures_join<A: std::future::Future, B: std::future::Future>(a: A, b: B) -> (A::Output, B::Output) {
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

pub async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

// ---- datasets ----------------------------------------------------------------

pub fn dataset_with(field_path: &[&str], value: &str) -> JsValue {
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

/// A one-claim dataset with an English and a Chinese phrasing and key terms.
pub fn cuts_dataset() -> String {
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

// ---- reading the page and the widget ------------------------------------------

/// (claimId, text) of every match.
pub fn matches(fm: &Factmark) -> Vec<(String, String)> {
    fm.matches()
        .iter()
        .map(|m| {
            let get = |k: &str| js_sys::Reflect::get(&m, &k.into()).unwrap().as_string().unwrap();
            (get("claimId"), get("text"))
        })
        .collect()
}

pub fn marks(root: &Element) -> Vec<HtmlElement> {
    let list = root.query_selector_all("factmark-mark").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
}

/// Every factmark-mark under `root` (a shadow root or a frame's document).
pub fn marks_in(root: &JsValue) -> Vec<Element> {
    let list: web_sys::NodeList = call(root, "querySelectorAll", &[&"factmark-mark".into()]).unchecked_into();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

/// Every text node under `root`, in order.
pub fn text_nodes(root: &Node) -> Vec<Node> {
    let mut out = Vec::new();
    let walker = doc().create_tree_walker_with_what_to_show(root, 4).unwrap();
    while let Ok(Some(n)) = walker.next_node() {
        out.push(n);
    }
    out
}

/// The shadow root of the newest widget's UI host.
pub fn ui_shadow() -> ShadowRoot {
    let hosts = doc().query_selector_all("factmark-ui").unwrap();
    let host: Element = hosts.item(hosts.length().saturating_sub(1)).expect("factmark-ui host").dyn_into().unwrap();
    host.shadow_root().unwrap()
}

pub fn ui_shadow_opt() -> Option<ShadowRoot> {
    doc().query_selector("factmark-ui").ok()??.shadow_root()
}

pub fn popup() -> Element {
    ui_shadow().query_selector(".popup").unwrap().unwrap()
}

pub fn popup_open() -> bool {
    popup().has_attribute("data-open")
}

/// The text of the popup's part `sel` (empty when there is none).
pub fn text_of(sel: &str) -> String {
    popup().query_selector(sel).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

/// The shadow root of the newest widget's skip link (its host goes first
/// in the body).
pub fn skip_shadow() -> ShadowRoot {
    doc().query_selector("factmark-skip").unwrap().expect("factmark-skip host").shadow_root().unwrap()
}

/// A part of the newest widget's skip link.
pub fn skip_part(sel: &str) -> Option<HtmlElement> {
    skip_shadow().query_selector(sel).unwrap().map(|e| e.dyn_into().unwrap())
}

/// The element of the widget's own UI that has focus (in the popup or the
/// skip link), if any.
pub fn ui_focus() -> Option<Element> {
    ui_shadow().active_element().or_else(|| skip_shadow().active_element())
}

pub fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &key.into()).unwrap()
}

/// `target[method](...args)`, for objects of another realm too.
pub fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> JsValue {
    let f: js_sys::Function = get(target, method).unchecked_into();
    js_sys::Reflect::apply(&f, target, &args.iter().copied().collect()).unwrap()
}

pub fn attach(host: &Element, mode: web_sys::ShadowRootMode, html: &str) -> ShadowRoot {
    let sr = host.attach_shadow(&web_sys::ShadowRootInit::new(mode)).unwrap();
    sr.set_inner_html(html);
    sr
}

/// The document of a same-origin iframe (another realm: no `dyn_into`).
pub fn frame_doc(frame: &Element) -> JsValue {
    get(frame, "contentDocument")
}

/// `target.adoptedStyleSheets` (a document or shadow root, of any realm).
pub fn sheets(target: &JsValue) -> Vec<JsValue> {
    js_sys::Array::from(&get(target, "adoptedStyleSheets")).to_vec()
}

/// The names in a window's `CSS.highlights` that factmark registered.
pub fn factmark_highlights(win: &JsValue) -> Vec<String> {
    let reg = get(&get(win, "CSS"), "highlights");
    js_sys::Array::from(&call(&reg, "keys", &[])).iter().filter_map(|k| k.as_string()).filter(|k| k.starts_with("factmark-")).collect()
}

/// `getComputedStyle(el, pseudo)[prop]` in `el`'s own window.
pub fn computed(el: &Element, pseudo: &str, prop: &str) -> String {
    let win = get(&el.owner_document().unwrap().into(), "defaultView");
    let cs = call(&win, "getComputedStyle", &[el, &pseudo.into()]);
    get(&cs, prop).as_string().unwrap_or_default()
}

// ---- events --------------------------------------------------------------------

pub fn key(target: &web_sys::EventTarget, key: &str, alt_shift: bool) {
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

pub fn pointer(target: &web_sys::EventTarget, ty: &str, x: f64, y: f64, related: Option<&web_sys::EventTarget>) {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(!matches!(ty, "pointerenter" | "pointerleave"));
    init.set_composed(true);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    init.set_related_target(related);
    let e = web_sys::PointerEvent::new_with_event_init_dict(ty, &init).unwrap();
    target.dispatch_event(&e).unwrap();
}
