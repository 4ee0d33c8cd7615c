//! The matcher with the bundled dataset on any text: matches are inside the
//! text, on character boundaries, non-overlapping, and a search in slices
//! finds exactly what one whole search finds.
#![no_main]

use factmark::{bundled_dataset, matcher::Matcher};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static MATCHER: OnceLock<Matcher> = OnceLock::new();

fuzz_target!(|text: &str| {
    let m = MATCHER.get_or_init(|| Matcher::new(&bundled_dataset()));
    let mut boundaries = vec![0u32];
    let mut len = 0u32;
    for c in text.chars() {
        len += c.len_utf16() as u32;
        boundaries.push(len);
    }
    let found = m.find(text);
    let mut last_end = 0;
    for x in &found {
        assert!(x.start < x.end && x.end <= len);
        assert!(boundaries.binary_search(&x.start).is_ok() && boundaries.binary_search(&x.end).is_ok());
        assert!(x.start >= last_end, "matches do not overlap");
        assert!(x.score > 0.0 && x.score <= 1.0);
        last_end = x.end;
    }
    let mut search = m.search(text);
    while !search.step(64) {}
    assert_eq!(search.finish(), found);
});
