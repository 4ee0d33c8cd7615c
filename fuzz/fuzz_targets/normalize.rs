//! Normalisation and sentence splitting on any text: every token and
//! sentence offset lands on a character boundary of the original text, in
//! order, inside it (the offset maps stay consistent).
#![no_main]

use factmark::{normalize::tokenize, sentence};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // UTF-16 offsets that start a character, and the total length.
    let mut boundaries = vec![0u32];
    let mut len = 0u32;
    for c in text.chars() {
        len += c.len_utf16() as u32;
        boundaries.push(len);
    }
    let mut last_end = 0;
    tokenize(text, 0, |word, span| {
        assert!(!word.is_empty());
        assert!(span.start < span.end && span.end <= len);
        assert!(span.start >= last_end, "tokens in order");
        assert!(boundaries.binary_search(&span.start).is_ok() && boundaries.binary_search(&span.end).is_ok());
        last_end = span.end;
    });
    let mut last = 0usize;
    for s in sentence::split(text) {
        assert!(s.bytes.start >= last && s.bytes.start < s.bytes.end && s.bytes.end <= text.len());
        assert!(text.is_char_boundary(s.bytes.start) && text.is_char_boundary(s.bytes.end));
        let before: u32 = text[..s.bytes.start].chars().map(|c| c.len_utf16() as u32).sum();
        assert_eq!(s.start16, before, "UTF-16 start agrees with the byte start");
        last = s.bytes.end;
    }
});
