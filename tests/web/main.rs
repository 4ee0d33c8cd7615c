//! Browser tests: the widget on real DOM, in headless Chromium
//! (`wasm-pack test --headless --chrome -- --test web`). One test binary
//! (one build, one browser session), a module per subject:
//! - `paint`: what is wrapped or highlighted, what is left alone, re-scans,
//!   the page's text and nodes kept, on generated and extreme pages;
//! - `teardown`: unmounting, whenever it happens, and in which order;
//! - `mount`: options and datasets checked, one widget per root;
//! - `popup`: what the popup says, in which language, and how it opens
//!   and closes;
//! - `reach`: open shadow roots and same-origin frames;
//! - `skiplink`: the skip link and the list of claims;
//! - `support`: fixtures that clean up after themselves, and helpers.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod mount;
mod paint;
mod popup;
mod reach;
mod skiplink;
mod teardown;
