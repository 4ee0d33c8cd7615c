//! The browser layer: everything that touches the DOM.
//!
//! - [`scan`]: reads the page's text in one pass (a small JS snippet);
//! - [`paint`]: paints matches, by wrapping text (`"wrap"`) or with the
//!   CSS Custom Highlight API (`"highlight"`), and undoes it exactly; it is
//!   handed the matches and their labels, and knows nothing of the session;
//! - [`popup`]: the verdict popup in a shadow root;
//! - [`skiplink`]: the skip link and list of claims, in the same shadow root;
//! - [`schedule`]: time slicing (yielding to the page between slices);
//! - [`style`]: the widget's style sheets (constructable, so strict CSP pages
//!   accept them);
//! - [`session`]: one mounted widget: events, observation, teardown;
//! - [`dom`]: DOM helpers that hold across realms (frames);
//! - [`api`]: the JS API (`mount`, `Factmark`).

pub mod api;
mod dom;
mod events;
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
