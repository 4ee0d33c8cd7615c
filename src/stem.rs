//! A light English stemmer: strips inflection so that word forms compare equal.
//!
//! Matching needs `introduced`, `introduces` and `introducing` to meet, and
//! `cuts` to meet `cut`; it does not need linguistically correct roots, only
//! *consistent* ones, because the dataset's phrasings and the page go through
//! the same function. So the rules are few and safe: plural and third-person
//! `-s`/`-es`/`-ies`, past `-ed`/`-ied`, `-ing`, adverbial `-ly`, then a final
//! `-e` and a doubled final consonant (`planned` → `plan`, `hoping` and
//! `hope` → `hop`). Words of three letters or fewer, numbers and non-ASCII
//! words are left alone.

/// Stems an already folded (lowercase) word in place.
pub fn stem(word: &mut String) {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    // Not plurals, and their "singular" is another word: "news" is not
    // "new" (a page title's "| World | News" is no new target).
    if matches!(word.as_str(), "news" | "series" | "species") {
        return;
    }
    // Plurals and third person.
    if word.ends_with("sses") {
        word.truncate(word.len() - 2);
    } else if word.ends_with("ies") && word.len() > 4 {
        word.truncate(word.len() - 3);
        word.push('y');
    } else if word.ends_with("es") && ends_with_any(&word[..word.len() - 2], &["s", "x", "z", "ch", "sh"]) {
        word.truncate(word.len() - 2);
    } else if word.ends_with('s') && !ends_with_any(word, &["ss", "us", "is"]) {
        word.truncate(word.len() - 1);
    }
    // Past tense and participles.
    if word.ends_with("ied") && word.len() > 4 {
        word.truncate(word.len() - 3);
        word.push('y');
    } else if word.ends_with("ed") && word.len() > 4 && has_vowel(&word[..word.len() - 2]) {
        word.truncate(word.len() - 2);
    } else if word.ends_with("ing") && word.len() > 5 && has_vowel(&word[..word.len() - 3]) {
        word.truncate(word.len() - 3);
    } else if word.ends_with("ly") && word.len() > 5 {
        word.truncate(word.len() - 2);
        if word.ends_with("ed") && word.len() > 4 {
            word.truncate(word.len() - 2); // repeatedly → repeat
        }
    }
    // A final -e, then a doubled consonant.
    if word.ends_with('e') && word.len() > 3 {
        word.pop();
    }
    let b = word.as_bytes();
    let n = b.len();
    if n > 3 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's' | b'z') {
        word.pop();
    }
    american_spelling(word);
}

/// Folds British spellings of a stem into American ones, so that
/// `defence`/`defense`, `stabilised`/`stabilized`, `organisation`,
/// `labour`, `centre` and `analyse` meet their American forms. Like the
/// rest of the stemmer it needs consistency, not correctness: a word
/// such as `crisis` becoming `crisiz` is harmless, as pages and datasets
/// go through the same function.
fn american_spelling(word: &mut String) {
    if let Some(i) = word.find("isation") {
        word.replace_range(i..i + 2, "iz");
    }
    let n = word.len();
    let swap = |w: &mut String, from: &str, to: &str| {
        let cut = w.len() - from.len();
        w.truncate(cut);
        w.push_str(to);
    };
    if n >= 6 && word.ends_with("is") {
        swap(word, "is", "iz"); // stabilis(e|ed|ing) → stabiliz
    } else if n >= 6 && word.ends_with("our") {
        swap(word, "our", "or"); // labour, behaviour, rumour
    } else if n >= 6 && word.ends_with("lys") {
        swap(word, "lys", "lyz"); // analyse, paralyse
    } else if n >= 6 && word.ends_with("ogu") {
        swap(word, "ogu", "og"); // catalogue, dialogue
    } else if matches!(word.as_str(), "defenc" | "offenc" | "licenc" | "pretenc") {
        swap(word, "enc", "ens"); // defence (stemmed: defenc) = defense (defens)
    } else if matches!(word.as_str(), "centr" | "theatr" | "metr" | "litr" | "fibr" | "calibr" | "lustr" | "spectr") {
        swap(word, "r", "er"); // centre (centr) = center
    }
}

fn ends_with_any(w: &str, suffixes: &[&str]) -> bool {
    suffixes.iter().any(|s| w.ends_with(s))
}

fn has_vowel(w: &str) -> bool {
    w.bytes().any(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
}

/// Function words that carry no claim-specific meaning.
///
/// They still take part in "same wording" checks, but weigh nothing when a
/// sentence is scored against a claim.
pub fn is_stopword(folded: &str) -> bool {
    // Every stopword is 1 to 7 ASCII letters: most words are out at once.
    if folded.is_empty() || folded.len() > 7 || !folded.as_bytes()[0].is_ascii_lowercase() {
        return false;
    }
    matches!(
        folded,
        "a" | "about"
            | "after"
            | "again"
            | "all"
            | "also"
            | "am"
            | "an"
            | "and"
            | "any"
            | "are"
            | "as"
            | "at"
            | "be"
            | "because"
            | "been"
            | "before"
            | "being"
            | "between"
            | "both"
            | "but"
            | "by"
            | "can"
            | "could"
            | "did"
            | "do"
            | "does"
            | "doing"
            | "during"
            | "each"
            | "even"
            | "ever"
            | "for"
            | "from"
            | "further"
            | "had"
            | "has"
            | "have"
            | "having"
            | "he"
            | "her"
            | "here"
            | "hers"
            | "him"
            | "his"
            | "how"
            | "i"
            | "if"
            | "in"
            | "into"
            | "is"
            | "it"
            | "its"
            | "itself"
            | "just"
            | "may"
            | "me"
            | "might"
            | "more"
            | "most"
            | "much"
            | "must"
            | "my"
            | "of"
            | "off"
            | "on"
            | "once"
            | "only"
            | "or"
            | "other"
            | "our"
            | "ours"
            | "out"
            | "over"
            | "own"
            | "same"
            | "she"
            | "should"
            | "so"
            | "some"
            | "such"
            | "than"
            | "that"
            | "the"
            | "their"
            | "theirs"
            | "them"
            | "then"
            | "there"
            | "these"
            | "they"
            | "this"
            | "those"
            | "through"
            | "to"
            | "too"
            | "under"
            | "until"
            | "up"
            | "upon"
            | "very"
            | "was"
            | "we"
            | "were"
            | "what"
            | "when"
            | "where"
            | "whether"
            | "which"
            | "while"
            | "who"
            | "whom"
            | "why"
            | "will"
            | "with"
            | "would"
            | "yet"
            | "you"
            | "your"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(w: &str) -> String {
        let mut w = w.to_string();
        stem(&mut w);
        w
    }

    #[test]
    fn inflections_meet() {
        for group in [
            &["introduce", "introduced", "introduces", "introducing"][..],
            &["cut", "cuts", "cutting"],
            &["plan", "plans", "planned", "planning"],
            &["withdraw", "withdraws", "withdrawing"],
            &["repeat", "repeated", "repeatedly", "repeats"],
            &["alliance", "alliances"],
            &["position", "positions"],
            &["apply", "applies", "applied"],
            &["hope", "hoping", "hoped"],
            &["trump", "trumps"],
            &["expand", "expanded", "expanding", "expands"],
            &["strengthen", "strengthened", "strengthening"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| s(w)).collect();
            assert!(stems.iter().all(|x| *x == stems[0]), "{group:?} → {stems:?}");
        }
    }

    #[test]
    fn short_words_numbers_and_non_ascii_are_kept() {
        assert_eq!(s("us"), "us");
        assert_eq!(s("its"), "its");
        assert_eq!(s("2025"), "2025");
        assert_eq!(s("北约"), "北约");
        assert_eq!(s("status"), "status");
        assert_eq!(s("crisis"), "crisiz", "-is is not a plural s (it then folds like British -ise, harmlessly)");
        assert_ne!(s("ally"), s("all"));
        assert_ne!(s("news"), s("new"), "news is not the plural of new");
    }

    #[test]
    fn british_spellings_meet_american_ones() {
        for (gb, us) in [
            ("defence", "defense"),
            ("stabilised", "stabilized"),
            ("organisation", "organization"),
            ("organisations", "organizations"),
            ("labour", "labor"),
            ("rumours", "rumors"),
            ("centre", "center"),
            ("centres", "centers"),
            ("analyse", "analyze"),
            ("catalogue", "catalog"),
            ("programme", "program"),
        ] {
            assert_eq!(s(gb), s(us), "{gb} / {us}");
        }
        assert_ne!(s("four"), s("for"));
        assert_ne!(s("hour"), s("hor"));
    }

    #[test]
    fn stopwords_are_found() {
        for w in ["a", "the", "with", "because", "between", "through", "your"] {
            assert!(is_stopword(w), "{w}");
        }
        for w in ["", "nato", "thee", "withdraw", "betweenness", "2025", "Ab", "美"] {
            assert!(!is_stopword(w), "{w}");
        }
    }
}
