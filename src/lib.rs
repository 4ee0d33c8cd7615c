//! # factmark
//!
//! A fact-check widget: it finds, in a web page's text, the claims of a
//! fact-check dataset, highlights them, and shows each claim's verdict and
//! sourced notes in an accessible popup. Everything runs in the reader's
//! browser; nothing leaves it.
//!
//! The crate has two halves, and data flows one way through them:
//! page text → sentences → matches → highlights.
//!
//! **The pure core** knows nothing of the DOM and is tested natively with
//! `cargo test`. **The browser layer** (`src/web/`, compiled for `wasm32`
//! only) reads the page, paints the matches, runs the popup and exposes the
//! JS API (`mount`); it is tested in headless Chromium.
//!
//! # Where each stage lives
//!
//! | Stage | Core (`src/`) | Browser layer (`src/web/`) |
//! |---|---|---|
//! | 1. Read the page's text | | `scan.rs` (with `js/scan.js`) |
//! | 2. Normalise, split, make terms | [`normalize`], [`sentence`], [`stem`], [`terms`] | |
//! | 3. Match | [`matcher`] (`matcher.rs`, `matcher/`) | |
//! | 4. Map matches back to the page | [`textmap`] | |
//! | 5. Paint | | `paint.rs` |
//! | 6. Explain | [`labels`] | `popup.rs`, `popup_control.rs`, `skiplink.rs` |
//!
//! `src/web/pipeline.rs` drives stages 1 to 5 in time slices, at mount and
//! again when the page changes (`observer.rs`); `events.rs` turns the
//! reader's pointer, focus and keys into stage 6; `session.rs` holds one
//! mounted widget, whose parts are guards dropped in a documented order, so
//! unmounting is dropping it; `api.rs` is the JS API.
//!
//! What the stages read, and what checks it:
//! - [`dataset`]: the dataset model, its JSON format and validation;
//! - [`checks`]: the editorial checks a reviewed dataset must pass (dates,
//!   phrasings, quotations);
//! - [`compact`]: the bundled claims in the binary form the widget reads
//!   (no JSON parser in the module);
//! - `claimreview` (cargo feature `claimreview`, on by default; the CLI's,
//!   not the widget's): schema.org ClaimReview JSON-LD import and export;
//! - `evaluation` (native only): precision and recall on a labelled set.
//!
//! ```
//! use factmark::{bundled_dataset, matcher::Matcher};
//!
//! let dataset = bundled_dataset();
//! let matcher = Matcher::new(&dataset);
//! let text = "Trump recently claimed he wants control over Greenland — a Danish territory.";
//! let found = matcher.find(text);
//! assert_eq!(dataset.claims[found[0].claim].id, "trump-greenland-control");
//! ```
#![deny(missing_docs)]

pub mod checks;
#[cfg(feature = "claimreview")]
pub mod claimreview;
pub mod compact;
pub mod dataset;
#[cfg(not(target_arch = "wasm32"))]
pub mod evaluation;
pub mod labels;
pub mod matcher;
pub mod normalize;
pub mod sentence;
pub mod stem;
mod t2s_table;
pub mod terms;
pub mod textmap;

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::api::{mount, prepare_highlights, Factmark, PreparedHighlights};

/// The bundled dataset as compact JSON, validated by `build.rs` (for native
/// use; the widget reads [`BUNDLED_CLAIMS`] and [`BUNDLED_INDEX`], so
/// this is not in its module).
pub const BUNDLED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/claims.json"));

/// The bundled dataset's claims as the widget shows them, in the compact
/// binary form [`compact::decode`] reads (no JSON parser needed): with
/// [`BUNDLED_INDEX`], all the widget needs.
pub const BUNDLED_CLAIMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/claims.bin"));

/// The bundled dataset's matcher, compiled by `build.rs`
/// ([`matcher::Matcher::from_bytes`] reads it).
pub const BUNDLED_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

/// The bundled dataset (the claims of the US/NATO withdrawal debate).
pub fn bundled_dataset() -> dataset::Dataset {
    // build.rs validated this exact text; parsing it again cannot fail, but
    // fall back to an empty dataset rather than panic if it somehow did.
    dataset::Dataset::from_json(BUNDLED_JSON).unwrap_or(dataset::Dataset {
        factmark: dataset::FORMAT_VERSION,
        name: None,
        language: None,
        stale_after_days: None,
        aliases: Vec::new(),
        concepts: Default::default(),
        claims: Vec::new(),
    })
}
