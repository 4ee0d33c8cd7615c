//! Sentence splitting: the unit a claim is matched in.
//!
//! A claim is a statement, and a statement lives in a sentence. Matching
//! sentence by sentence keeps words from different statements from adding
//! up to a false match, and keeps the scan linear.
//!
//! Boundaries:
//! - hard: [`BLOCK_SEPARATOR`] (U+2029, put between block elements by the
//!   DOM scan) and a blank line;
//! - `.`, `!`, `?`, `…` followed (after any closing quotes or brackets) by
//!   whitespace and then not by a lowercase letter; a `.` after an
//!   abbreviation or initial (`Sen.`, `Jan.`, `U.S.`, `J.`) is not an end;
//! - `。`, `！`, `？` (CJK) end a sentence at once; `；` does not, any more than
//!   `;` does (it joins clauses of one statement).
//!
//! A single line break does not end a sentence: pages wrap lines inside
//! sentences.

use std::ops::Range;

/// A "sentence" longer than this many bytes is cut at the next space or
/// comma: text without sentence ends (a list, a wall of words, a script's
/// output) must still be searched, and paced, in pieces.
pub const LONG_SENTENCE: usize = 2_000;
/// And at any character once it is this long (no space or comma at all).
pub const MAX_SENTENCE: usize = 8 * LONG_SENTENCE;

/// The paragraph separator the DOM scan puts between blocks.
pub const BLOCK_SEPARATOR: char = '\u{2029}';

/// A sentence: its byte range in the text and the UTF-16 offset of its start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the text.
    pub bytes: Range<usize>,
    /// UTF-16 offset of `bytes.start`.
    pub start16: u32,
    /// It is the first sentence of its block (the text's first, or the
    /// first after a hard boundary): nothing before it in the text bears on
    /// what it refers to.
    pub block_start: bool,
}

/// Splits `text` into sentences. Whitespace-only sentences are dropped.
pub fn split(text: &str) -> Vec<Sentence> {
    Sentences::new(text).collect()
}

/// The sentences of a text, found lazily (so a long text can be searched in
/// slices, see [`crate::matcher::Search`]).
pub struct Sentences<'a> {
    text: &'a str,
    iter: std::iter::Peekable<std::str::CharIndices<'a>>,
    start: usize,
    start16: u32,
    pos16: u32,
    finished: bool,
    /// The next sentence found starts a block.
    block_start: bool,
}

impl<'a> Sentences<'a> {
    /// Sentences of `text`, from its start.
    pub fn new(text: &'a str) -> Self {
        Sentences { text, iter: text.char_indices().peekable(), start: 0, start16: 0, pos16: 0, finished: false, block_start: true }
    }

    /// Byte offset up to which the text has been read.
    pub fn position(&self) -> usize {
        self.start
    }

    /// The sentence `a..b` starting at UTF-16 offset `a16`, unless it is only whitespace.
    fn sentence(&mut self, a: usize, b: usize, a16: u32) -> Option<Sentence> {
        let s = self.text[a..b].chars().any(|c| !c.is_whitespace()).then_some(Sentence {
            bytes: a..b,
            start16: a16,
            block_start: self.block_start,
        });
        if s.is_some() {
            self.block_start = false;
        }
        s
    }
}

impl Iterator for Sentences<'_> {
    type Item = Sentence;

    fn next(&mut self) -> Option<Sentence> {
        let text = self.text;
        while let Some((i, c)) = self.iter.next() {
            self.pos16 += c.len_utf16() as u32;
            let after = i + c.len_utf8();
            let mut hard = false;
            let cut = match c {
                BLOCK_SEPARATOR => {
                    hard = true;
                    Some((i, after))
                }
                '\n' => {
                    // A blank line (only spaces between two newlines) is a hard break.
                    let rest = &text[after..];
                    hard = rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n');
                    (hard || after - self.start >= LONG_SENTENCE).then_some((i, after))
                }
                '。' | '！' | '？' => Some((after, after)),
                '.' | '!' | '?' | '…' => {
                    let rest = &text[after..];
                    let closing = rest.len() - rest.trim_start_matches(['"', '\'', '”', '’', ')', ']', '»']).len();
                    let tail = &rest[closing..];
                    let ws = tail.len() - tail.trim_start().len();
                    let next = tail[ws..].chars().next();
                    // Chinese runs on without a space: "…机制!五角大楼…".
                    let ends = (ws > 0 || tail.is_empty() || next.is_some_and(crate::normalize::is_cjk))
                        && !next.is_some_and(char::is_lowercase)
                        && !(c == '.' && is_abbreviation(&text[self.start..i], next));
                    ends.then_some((after + closing, after + closing))
                }
                ' ' | '\t' | ',' | '，' | '、' | ';' | '；' if after - self.start >= LONG_SENTENCE => Some((after, after)),
                _ if after - self.start >= MAX_SENTENCE => Some((after, after)),
                _ => None,
            };
            if let Some((end, resume)) = cut {
                let found = self.sentence(self.start, end, self.start16);
                // Step over any closing characters swallowed into the sentence.
                while self.iter.peek().is_some_and(|&(j, _)| j < resume) {
                    if let Some((_, ch)) = self.iter.next() {
                        self.pos16 += ch.len_utf16() as u32;
                    }
                }
                self.start = resume;
                self.start16 = self.pos16;
                self.block_start |= hard;
                if found.is_some() {
                    return found;
                }
            }
        }
        if self.finished {
            return None;
        }
        self.finished = true;
        let last = self.sentence(self.start, text.len(), self.start16);
        self.start = text.len();
        last
    }
}

/// Whether the word just before a `.` (the end of `before`) is an
/// abbreviation or an initial.
fn is_abbreviation(before: &str, next: Option<char>) -> bool {
    let word: String =
        before.chars().rev().take_while(|c| c.is_alphanumeric() || *c == '.').collect::<Vec<_>>().into_iter().rev().collect();
    let last = word.rsplit('.').next().unwrap_or("");
    if last.chars().count() == 1 && last.chars().all(char::is_alphabetic) {
        return true; // J. Smith, U.S., H.R.
    }
    const ABBR: &[&str] = &[
        "adm", "approx", "apr", "aug", "capt", "cf", "co", "col", "corp", "dec", "dept", "dr", "eg", "etc", "feb", "fig", "ft", "gen",
        "gov", "govt", "ie", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "mr", "mrs", "ms", "mt", "nov", "oct", "pres",
        "prof", "rep", "reps", "rev", "sen", "sens", "sep", "sept", "sgt", "sr", "st", "vs",
    ];
    // Ordinary words too ("a work of art."): abbreviations only before a
    // number ("Art. 5", "No. 10", "Vol. IV").
    const BEFORE_NUMBER: &[&str] = &["art", "arts", "no", "nos", "para", "sec", "sect", "vol"];
    let lower = last.to_ascii_lowercase();
    ABBR.contains(&lower.as_str())
        || (BEFORE_NUMBER.contains(&lower.as_str()) && next.is_some_and(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_sentences_are_cut_into_pieces() {
        let words = "word ".repeat(10_000);
        let parts = split(&words);
        assert!(parts.len() >= 20, "{}", parts.len());
        assert!(parts.iter().all(|p| p.bytes.len() <= LONG_SENTENCE + 5));
        assert_eq!(parts.iter().map(|p| p.bytes.len()).sum::<usize>(), words.len(), "nothing lost");
        let solid = "北".repeat(20_000);
        let parts = split(&solid);
        assert!(parts.iter().all(|p| p.bytes.len() <= MAX_SENTENCE + 3 && solid.is_char_boundary(p.bytes.end)));
        assert_eq!(parts.iter().map(|p| p.bytes.len()).sum::<usize>(), solid.len());
    }

    fn texts(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|s| t[s.bytes].trim()).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(texts("One claim. Another one! A third? Yes."), ["One claim.", "Another one!", "A third?", "Yes."]);
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            texts("The U.S. Department of Defense met Sen. Mike Lee in Jan. 2026. Then H.R. 6508 came."),
            ["The U.S. Department of Defense met Sen. Mike Lee in Jan. 2026.", "Then H.R. 6508 came."]
        );
        assert_eq!(
            texts("Under Art. 5 the allies act together, e.g. in 2001. Then Gen. Smith spoke."),
            ["Under Art. 5 the allies act together, e.g. in 2001.", "Then Gen. Smith spoke."]
        );
        assert_eq!(texts("It is a work of art. NATO met."), ["It is a work of art.", "NATO met."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(texts("He said \"it is a relic.\" Then left."), ["He said \"it is a relic.\"", "Then left."]);
        assert_eq!(texts("It is a “burden.” Next"), ["It is a “burden.”", "Next"]);
    }

    #[test]
    fn lowercase_after_a_dot_does_not_split() {
        assert_eq!(texts("about 3.5 percent. and so on"), ["about 3.5 percent. and so on"]);
    }

    #[test]
    fn line_breaks_and_blocks() {
        assert_eq!(texts("a sentence\nwrapped over lines"), ["a sentence\nwrapped over lines"]);
        assert_eq!(texts("first block\n\nsecond block"), ["first block", "second block"]);
        assert_eq!(texts("Heading\u{2029}Body text"), ["Heading", "Body text"]);
    }

    #[test]
    fn sentences_know_where_their_block_starts() {
        let starts = |t: &str| split(t).into_iter().map(|s| s.block_start).collect::<Vec<_>>();
        assert_eq!(starts("One. Two.\u{2029}Three. Four.\n\nFive.\nstill five"), [true, false, true, false, true]);
        assert_eq!(starts("\u{2029}\u{2029}  One. Two."), [true, false]);
    }

    #[test]
    fn cjk_terminators() {
        assert_eq!(texts("美国酝酿退出北约。北约没有计划！"), ["美国酝酿退出北约。", "北约没有计划！"]);
        assert_eq!(texts("共和党人这样看；民主党人那样看。"), ["共和党人这样看；民主党人那样看。"]);
    }

    #[test]
    fn utf16_starts_are_exact() {
        let t = "😀 Hi. Café au lait. Ok";
        let s = split(t);
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].start16, 6); // "😀 Hi." is 6 units
        assert_eq!(s[2].start16, 20);
    }
}
