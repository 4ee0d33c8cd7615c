//! The browser layer: everything that touches the DOM, a file per job.
//!
//! The pipeline, in the order data flows through it:
//! - [`scan`]: reads the page's text in one pass (a small JS snippet);
//! - matching is the core's ([`crate::matcher`]);
//! - [`paint`]: paints matches, by wrapping text (`"wrap"`) or with the
//!   CSS Custom Highlight API (`"highlight"`), and undoes it exactly; it is
//!   handed the matches and their labels, and knows nothing of the session;
//! - [`pipeline`]: drives scan → match → paint in time slices, at mount and
//!   again when the page changes.
//!
//! The widget around it:
//! - [`session`]: one mounted widget: its parts, in teardown order (each a
//!   guard that removes what it added), and the handle the API keeps;
//! - [`events`]: the listeners, and what each event asks of the widget;
//! - [`observer`]: watching the page for changes (MutationObserver, pauses);
//! - [`popup_control`]: which claim is open, focus, the skip link's list;
//! - [`popup`]: the verdict popup in a shadow root;
//! - [`skiplink`]: the skip link and list of claims, in a shadow root of
//!   their own;
//! - [`trees`]: the open shadow roots and same-origin frames a scan reached;
//! - [`api`]: the JS API (`mount`, `Factmark`);
//! - [`load`]: reading a dataset given to `mount()` (parsed by the browser's
//!   `JSON.parse`, read with serde-wasm-bindgen).
//!
//! What they stand on:
//! - [`dom`]: DOM helpers that hold across realms (frames), and the guard
//!   for an element the widget adds;
//! - [`style`]: the widget's style sheets (constructable, so strict CSP pages
//!   accept them), and the guard for an adopted sheet;
//! - [`schedule`]: time slicing (yielding to the page between slices).
//!
//! Dependencies point one way: the session's files use the stages and the
//! helpers; `scan`, `paint`, `popup`, `skiplink`, `dom`, `style` and
//! `schedule` use none of the session's.

pub mod api;
mod dom;
mod events;
mod load;
mod observer;
mod paint;
mod pipeline;
mod popup;
mod popup_control;
mod scan;
mod schedule;
mod session;
mod skiplink;
mod style;
mod trees;
