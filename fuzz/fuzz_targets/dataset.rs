//! The dataset parsers (factmark format and ClaimReview JSON-LD) on any
//! input: they return an error or a dataset that validates; never panic.
#![no_main]

use factmark::{claimreview, dataset::Dataset};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(d) = Dataset::from_json(text) {
        assert!(d.validate().is_ok());
        // What it accepts, it writes back and reads again unchanged.
        assert_eq!(Dataset::from_json(&d.to_json()).ok(), Some(d));
    }
    if let Ok(imported) = claimreview::parse_any(text) {
        assert!(imported.dataset.validate().is_ok());
    }
});
