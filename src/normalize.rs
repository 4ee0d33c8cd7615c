//! Text normalisation: from page text to comparable word tokens.
//!
//! Pages and datasets write the same words in many ways: `NATO’s` and
//! `NATO's`, `U.S.` and `US`, `２０２５` and `2025`, `naïve` and `naive`,
//! a soft hyphen or zero-width space in the middle of a word, a line break in
//! the middle of a sentence. [`tokenize`] folds all of these to one form and
//! reports each token's position in the *original* text as UTF-16 code-unit
//! offsets, the unit the DOM uses for `Text.data` and `Range` offsets. So a
//! match found in folded text highlights exactly the right characters of the
//! page, emoji and other non-ASCII text included.
//!
//! Folding, per character:
//! - compatibility forms: full-width ASCII (`Ａ` → `a`), ligatures (`ﬁ` → `fi`);
//! - case: Unicode lowercase;
//! - diacritics on Latin letters (`é` → `e`, `ł` → `l`);
//! - invisible characters (zero-width space/joiners, word joiner, BOM, soft
//!   hyphen) are dropped without ending the word;
//! - traditional Chinese characters to their simplified forms (`國` → `国`,
//!   `約` → `约`: [`to_simplified`]), so a page in either script matches a
//!   dataset in either.
//!
//! Word rules:
//! - a word is a run of letters and digits; CJK ideographs and kana are one
//!   token each (those scripts have no spaces between words);
//! - a possessive `'s` is dropped (`Trump’s` → `trump`, `Massie's` →
//!   `massie`), and any other apostrophe between letters (`don't` → `dont`);
//! - dotted initialisms join (`U.S.` → `us`, `H.R.` → `hr`);
//! - digit groups join (`2,000` → `2000`; `3.5` stays `3.5`);
//! - a percent sign (`%`, `％`) is a token of its own, `%`, so that
//!   [`crate::terms`] can read `2%` as a quantity with its unit.
//!
//! Everything else (punctuation, quotes of any style, dashes of any width,
//! whitespace of any kind) separates words and is otherwise ignored.

use crate::t2s_table::T2S;

/// Whether `c` is a CJK ideograph or kana (scripts written without spaces:
/// each such character is a token of its own).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The simplified form of a traditional Chinese character (OpenCC's
/// character table), or the character itself.
pub fn to_simplified(c: char) -> char {
    let Ok(u) = u16::try_from(u32::from(c)) else { return c };
    match T2S.binary_search_by_key(&u, |&(t, _)| t) {
        Ok(i) => char::from_u32(u32::from(T2S[i].1)).unwrap_or(c),
        Err(_) => c,
    }
}

/// A token as reported to [`tokenize`]'s callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSpan {
    /// UTF-16 offset of the token's first character in the original text.
    pub start: u32,
    /// UTF-16 offset just past the token's last character.
    pub end: u32,
    /// Whether the token is a number (digits, possibly with a decimal point).
    pub number: bool,
    /// Whether punctuation that ends a clause (`:`, `;`, a dash, a closing
    /// bracket or curly quote) comes between the previous token and this one.
    pub clause_break: bool,
    /// Whether a comma (`,`, `，`, `、`) or a clause break comes between the
    /// previous token and this one: a negation does not reach past it
    /// ("Massie, who has never been shy, introduced …").
    pub pause: bool,
    /// Whether the clause break is a colon, semicolon or dash, rather than a
    /// closing quote or bracket (which may stand inside a phrase).
    pub hard_break: bool,
}

/// Characters that vanish without breaking a word.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Punctuation after which a new clause starts: what comes before it does
/// not bear on what follows ("… the point of no return: although NATO …").
/// Straight quotes and opening brackets are not breaks, since they also
/// open what they quote ("It is false that \"…\"").
fn is_clause_break(c: char) -> bool {
    matches!(c, ':' | ';' | '—' | '–' | ')' | ']' | '”' | '»' | '：' | '；' | '）' | '】')
}

/// Punctuation that pauses a clause without ending it.
fn is_pause(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | '﹐' | '､')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}')
}

/// Pushes the folded form of `c` (lowercase, no diacritics, no
/// compatibility forms) onto `out`.
pub fn fold_char(c: char, out: &mut String) {
    let c = match c as u32 {
        // Full-width ASCII variants.
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let s: &str = match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ď'..='đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŉ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'Ś'..='š' => "s",
        'ß' => "ss",
        'Ţ'..='ŧ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => "y",
        'Ź'..='ž' => "z",
        'Þ' | 'þ' => "th",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(s);
}

/// Splits `text` into folded word tokens.
///
/// `f` receives each token's folded form and its span; `base` is added to
/// every offset (the UTF-16 offset of `text` within a larger text). The
/// folded form is only valid during the call.
pub fn tokenize(text: &str, base: u32, mut f: impl FnMut(&str, TokenSpan)) {
    let mut word = String::new();
    let mut start = 0u32;
    let mut end = 0u32;
    let mut number = true;
    // Letters since the start of the word or the last joining dot.
    let mut segment = 0usize;
    let mut pos = base;
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    // Whether the last token was a CJK character.
    let mut last_cjk = false;
    // A clause break since the last token, and the one the current token had.
    let mut pending_break = false;
    let mut clause_break = false;
    let mut pending_pause = false;
    let mut pause = false;
    let mut pending_hard = false;
    let mut hard_break = false;

    // A token starts at `here`: it takes the breaks seen since the last one.
    macro_rules! begin {
        ($here:expr) => {
            start = $here;
            clause_break = std::mem::take(&mut pending_break);
            pause = std::mem::take(&mut pending_pause) || clause_break;
            hard_break = std::mem::take(&mut pending_hard);
        };
    }

    macro_rules! flush {
        () => {
            if !word.is_empty() {
                f(&word, TokenSpan { start, end, number, clause_break, pause, hard_break });
                word.clear();
            }
        };
    }

    while let Some(c) = chars.next() {
        let here = pos;
        pos += c.len_utf16() as u32;
        let next = chars.peek().copied();
        if is_invisible(c) {
            continue; // keep `prev`, so `a\u{AD}b` stays one word
        }
        if is_cjk(c) {
            // Space between two CJK characters separates phrases (a headline's
            // "北约名义上非冲突方 实际上…"): a pause.
            if prev.is_some_and(char::is_whitespace) && last_cjk {
                pending_pause = true;
            }
            flush!();
            last_cjk = true;
            word.push(to_simplified(c));
            begin!(here);
            end = pos;
            number = false;
            flush!();
        } else if c.is_alphanumeric() {
            if word.is_empty() {
                last_cjk = false;
                begin!(here);
                number = true;
                segment = 0;
            }
            fold_char(c, &mut word);
            number &= c.is_ascii_digit() || ('０'..='９').contains(&c);
            segment += 1;
            end = pos;
        } else if !word.is_empty()
            && is_apostrophe(c)
            && prev.is_some_and(char::is_alphabetic)
            && matches!(next, Some('s' | 'S'))
            && !{
                let mut look = chars.clone();
                look.next();
                look.next().is_some_and(char::is_alphanumeric)
            }
        {
            // A possessive: Trump's → trump, Massie's → massie.
            if let Some(s) = chars.next() {
                pos += s.len_utf16() as u32;
                end = pos;
                prev = Some(s);
            }
            continue;
        } else if !word.is_empty() && is_apostrophe(c) && prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic) {
            // don't → dont.
        } else if !word.is_empty()
            && (c == ',' || c == '.')
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            // 2,000 → 2000; 3.5 → 3.5
            if c == '.' {
                word.push('.');
            }
        } else if c == '.'
            && !word.is_empty()
            && segment == 1
            && prev.is_some_and(char::is_alphabetic)
            && next.is_some_and(char::is_alphabetic)
            && {
                // The letter after the dot must stand alone (`U.S.`, not `e.mail`).
                let mut look = chars.clone().filter(|c| !is_invisible(*c));
                look.next();
                !look.next().is_some_and(char::is_alphanumeric)
            }
        {
            // U.S. → us: a single letter, a dot and another single letter.
            segment = 0;
        } else if c == '%' || c == '％' {
            flush!();
            last_cjk = false;
            word.push('%');
            begin!(here);
            end = pos;
            number = false;
            flush!();
        } else {
            flush!();
            pending_break |= is_clause_break(c);
            pending_pause |= is_pause(c);
            pending_hard |= matches!(c, ':' | ';' | '—' | '–' | '：' | '；');
        }
        prev = Some(c);
    }
    flush!();
}

/// Folds a whole string to the space-separated form of its tokens
/// (for tests, diagnostics and dataset tooling).
pub fn normalize(text: &str) -> String {
    let mut out = String::new();
    tokenize(text, 0, |w, _| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    });
    out
}

/// Length of `s` in UTF-16 code units.
pub fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, u32, u32)> {
        let mut v = Vec::new();
        tokenize(text, 0, |w, s| v.push((w.to_string(), s.start, s.end)));
        v
    }

    #[test]
    fn folds_case_quotes_dashes_and_whitespace() {
        assert_eq!(normalize("NATO is a “Cold War relic”—said\nMassie"), "nato is a cold war relic said massie");
        assert_eq!(normalize("NATO's  \"Cold War relic\" — said Massie"), "nato cold war relic said massie");
        assert_eq!(normalize("Massie’s bill, Congress's law; don't, it's, O'Brien"), "massie bill congress law dont it obrien");
        assert_eq!(normalize("NATO’s"), normalize("NATO's"));
    }

    #[test]
    fn folds_compatibility_forms_and_diacritics() {
        assert_eq!(normalize("ＮＡＴＯ ２０２５"), "nato 2025");
        assert_eq!(normalize("naïve Ŝtraße ﬁnal Gdańsk"), "naive strasse final gdansk");
    }

    #[test]
    fn invisible_characters_do_not_split_words() {
        assert_eq!(normalize("NA\u{200B}TO with\u{00AD}drawal"), "nato withdrawal");
        assert_eq!(normalize("\u{FEFF}Trump"), "trump");
    }

    #[test]
    fn initialisms_and_numbers_join() {
        assert_eq!(normalize("the U.S. and H.R. 6508"), "the us and hr 6508");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("about 2,000 posts, 3.5% of GDP"), "about 2000 posts 3.5 % of gdp");
        assert_eq!(normalize("5％"), "5 %");
        assert_eq!(normalize("Sen. Lee. J. Smith"), "sen lee j smith");
        assert_eq!(normalize("e.mail"), "e mail");
    }

    #[test]
    fn offsets_are_utf16_units_of_the_original() {
        // "é" is one UTF-16 unit, "😀" two; the soft hyphen one.
        let t = "😀 Café NA\u{AD}TO U.S.";
        assert_eq!(spans(t), vec![("cafe".to_string(), 3, 7), ("nato".to_string(), 8, 13), ("us".to_string(), 14, 17),]);
        // base shifts every offset
        let mut starts = Vec::new();
        tokenize("a bc", 10, |_, s| starts.push(s.start));
        assert_eq!(starts, [10, 12]);
    }

    #[test]
    fn cjk_characters_are_single_tokens() {
        let v = spans("美国退出北约 NATO");
        let words: Vec<&str> = v.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(words, ["美", "国", "退", "出", "北", "约", "nato"]);
        assert_eq!(v[1].1, 1);
    }

    #[test]
    fn traditional_chinese_folds_to_simplified() {
        assert_eq!(normalize("美國退出北約"), normalize("美国退出北约"));
        assert_eq!(normalize("川普總統"), "川 普 总 统");
        assert_eq!(to_simplified('a'), 'a');
        assert_eq!(to_simplified('😀'), '😀');
        // The table is sorted, so the binary search finds every entry.
        assert!(T2S.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(T2S.iter().all(|&(t, s)| to_simplified(char::from_u32(u32::from(t)).unwrap()) == char::from_u32(u32::from(s)).unwrap()));
    }

    #[test]
    fn clause_breaks_are_flagged_on_the_next_token() {
        let mut v = Vec::new();
        tokenize("no return: although “NATO” (a) — is; 北约：美国", 0, |w, s| {
            if s.clause_break {
                v.push(w.to_string())
            }
        });
        // although (after :), a (after the closing ”), is (after —),
        // 北 (after ;), 美 (after ：); not NATO (after the opening “).
        assert_eq!(v, ["although", "a", "is", "北", "美"]);
        let mut after_quote = Vec::new();
        tokenize("“NATO” fights", 0, |w, s| after_quote.push((w.to_string(), s.clause_break)));
        assert_eq!(after_quote, [("nato".to_string(), false), ("fights".to_string(), true)]);
    }

    #[test]
    fn numbers_are_flagged() {
        let mut flags = Vec::new();
        tokenize("200 posts in 2025 and ３０", 0, |w, s| flags.push((w.to_string(), s.number)));
        assert_eq!(
            flags,
            [
                ("200".into(), true),
                ("posts".into(), false),
                ("in".into(), false),
                ("2025".into(), true),
                ("and".into(), false),
                ("30".into(), true)
            ]
        );
    }
}
