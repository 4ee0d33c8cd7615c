//! The browser layer: everything that touches the DOM.
//!
//! - [`scan`]: reads the page's text in one pass (a small JS snippet);
//! - [`highlight`]: paints matches, by wrapping text (`"wrap"`) or with the
//!   CSS Custom Highlight API (`"highlight"`), and undoes it exactly;
//! - [`popup`]: the verdict popup in a shadow root;
//! - [`skiplink`]: the skip link and list of claims, in the same shadow root;
//! - [`schedule`]: time slicing (yielding to the page between slices);
//! - [`style`]: the widget's style sheets (constructable, so strict CSP pages
//!   accept them);
//! - [`session`]: one mounted widget: events, observation, teardown;
//! - [`api`]: the JS API (`mount`, `Factmark`);
//! - [`load`]: reading a dataset given to `mount()` (parsed by the browser's
//!   `JSON.parse`, read with serde-wasm-bindgen).

pub mod api;
mod highlight;
mod load;
mod popup;
mod scan;
mod schedule;
mod session;
mod skiplink;
mod style;
