//! Editorial checks: what a reviewer must not ship, where a machine can tell.
//!
//! [`Dataset::validate`](crate::dataset::Dataset::validate) checks that a
//! dataset is well formed; these checks look at what it says to readers.
//! `build.rs` runs them on the bundled dataset (a finding fails the build)
//! and `factmark validate` on any factmark dataset (`--format-only` skips
//! them, for datasets that were not reviewed under this process, such as
//! ClaimReview imports). `data/REVIEW.md` says how a claim is reviewed.
//!
//! For each claim:
//!
//! - **`asOf` is present.** A reader must see how current the facts are,
//!   not only when the review was written. (That `asOf` is not after
//!   `reviewed` is a rule of the format itself.)
//! - **No phrasing holds a negation or a verdict the claim lacks.** Every
//!   phrasing is matched as *same wording*, which shows the claim's verdict
//!   on the sentence as if it stated the claim. A phrasing with a negation
//!   the claim has not ("NATO has no plan …" for a claim without one), or a
//!   verdict word ("false", "myth", "不实"), says something else. Negations
//!   are counted (a phrasing may have as many as the claim); Chinese
//!   phrasings are read character by character, skipping words that start
//!   with a negating character but negate nothing (不断, 未来, 非常, 是否, 要不要).
//! - **Every quotation is sourced.** A string in quotation marks (`"…"`,
//!   `“…”`, `「…」`) in the verdict, the note or `uncertain` must appear,
//!   word for word (ignoring case, spacing and the punctuation at its ends),
//!   in one of the claim's sources' `quotes`, in the claim, or in one of its
//!   phrasings (the article's own words). A paraphrase must not be set in
//!   quotation marks.
//!
//! A finding that is right as it is (the article's own words quoted to
//! correct them, a phrasing whose negation restates the claim in other
//! words) is marked in the claim's `exceptions` with the check's name, the
//! exact text and the reviewer's reason. An exception that excuses nothing
//! is itself a finding, so exceptions do not outlive their reason.
//!
//! This module depends on nothing but the dataset model and the text
//! helpers (`normalize`): `build.rs` includes it as it includes those.

use crate::dataset::{Claim, Dataset, DatasetError, ErrorKind};
use crate::normalize::is_cjk;

/// Every finding of the editorial checks, in document order, each with its
/// JSON path (`claims[8].phrasings[3]`). Empty when the dataset passes.
pub fn check(dataset: &Dataset) -> Vec<DatasetError> {
    let mut out = Vec::new();
    for (i, claim) in dataset.claims.iter().enumerate() {
        check_claim(i, claim, &mut out);
    }
    out
}

/// The findings for claim `i` (each of kind [`ErrorKind::Check`], naming claim `i`).
pub fn check_claim(i: usize, claim: &Claim, out: &mut Vec<DatasetError>) {
    let finding = |path: String, message: String| DatasetError::new(path, message).with_kind(ErrorKind::Check).in_claim(i);
    let mut used = vec![false; claim.exceptions.len()];
    let mut excused = |check: &str, text: &str| -> bool {
        let mut any = false;
        for (k, e) in claim.exceptions.iter().enumerate() {
            let same = if check == "quote" { fold(&e.text) == fold(text) } else { e.text.trim() == text.trim() };
            if e.check == check && same {
                used[k] = true;
                any = true;
            }
        }
        any
    };

    if claim.as_of.is_none() {
        out.push(finding(
            format!("claims[{i}].asOf"),
            "missing: give the date of the newest fact the verdict rests on (YYYY-MM-DD, YYYY-MM or YYYY), \
             so that readers see how current the facts are"
                .into(),
        ));
    }

    let claim_negations = negations(&claim.claim);
    let claim_verdicts = verdict_words(&claim.claim);
    for (j, p) in claim.phrasings.iter().enumerate() {
        let negs = negations(p);
        let extra_verdicts: Vec<String> = verdict_words(p).into_iter().filter(|v| !claim_verdicts.contains(v)).collect();
        let mut problems = Vec::new();
        if negs.len() > claim_negations.len() {
            let had = if claim_negations.is_empty() {
                "the claim has none".to_string()
            } else {
                format!("the claim has {}", quote_list(&claim_negations))
            };
            problems.push(format!("a negation the claim lacks ({}; {had})", quote_list(&negs)));
        }
        if !extra_verdicts.is_empty() {
            problems.push(format!("a verdict word the claim lacks ({})", quote_list(&extra_verdicts)));
        }
        if problems.is_empty() || excused("phrasing", p) {
            continue;
        }
        out.push(finding(
            format!("claims[{i}].phrasings[{j}]"),
            format!(
                "has {}: matched as the same wording, it would show the claim's verdict on a sentence that says \
                 something else. Remove it, or mark a deliberate exception (exceptions: check \"phrasing\")",
                problems.join(" and ")
            ),
        ));
    }

    let mut haystack: Vec<String> = vec![fold(&claim.claim)];
    haystack.extend(claim.phrasings.iter().map(|p| fold(p)));
    haystack.extend(claim.sources.iter().flat_map(|s| s.quotes.iter()).map(|q| fold(q)));
    let fields = [("verdict", Some(&claim.verdict)), ("note", Some(&claim.note)), ("uncertain", claim.uncertain.as_ref())];
    for (field, text) in fields {
        let Some(text) = text else { continue };
        for q in quoted(text) {
            let folded = fold(q);
            if folded.is_empty() || haystack.iter().any(|h| h.contains(&folded)) || excused("quote", q) {
                continue;
            }
            out.push(finding(
                format!("claims[{i}].{field}"),
                format!(
                    "quotes \"{q}\", which is in none of the claim's sources' quotes, nor in the claim or its \
                     phrasings: add it to the quotes of the source that has it word for word, drop the quotation \
                     marks if it is a paraphrase, or mark a deliberate exception (exceptions: check \"quote\")"
                ),
            ));
        }
    }

    for (k, e) in claim.exceptions.iter().enumerate() {
        if !used[k] {
            out.push(finding(
                format!("claims[{i}].exceptions[{k}]"),
                format!("excuses nothing: the \"{}\" check finds no \"{}\" in this claim; remove it", e.check, e.text),
            ));
        }
    }
}

fn quote_list(words: &[String]) -> String {
    words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", ")
}

/// The strings in quotation marks in `text`: between straight double
/// quotes taken in pairs, and between `“…”`, `「…」` and `『…』`.
pub fn quoted(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (at, c) in text.char_indices() {
        let after = at + c.len_utf8();
        match (open, c) {
            (None, '"' | '“' | '「' | '『') => open = Some((c, after)),
            (Some(('"', start)), '"') | (Some(('“', start)), '”') | (Some(('「', start)), '」') | (Some(('『', start)), '』') => {
                out.push(&text[start..at]);
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Text for comparing quotations: lowercase, typographic quotes and dashes
/// folded, runs of spaces made one, punctuation and spaces trimmed at the ends.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' => '"',
            '–' | '—' | '‑' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '…' | '(' | ')'))
        .to_string()
}

/// English words that negate what follows (`n't` contractions too; "without",
/// whose Chinese counterpart 未经 starts with a negating character).
const NEGATIONS: &[&str] = &["not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "cannot", "without"];

/// Words that pass a verdict on a claim.
const VERDICTS: &[&str] = &[
    "true",
    "untrue",
    "false",
    "falsely",
    "accurate",
    "inaccurate",
    "correct",
    "incorrect",
    "wrong",
    "misleading",
    "myth",
    "hoax",
    "fake",
    "debunked",
    "baseless",
    "unfounded",
    "bogus",
    "fabricated",
    "lie",
    "lies",
    "disproved",
    "disproven",
    "unproven",
    "unverified",
    "unsubstantiated",
    "nonsense",
    "exaggerated",
    "overblown",
];

/// Chinese words that pass a verdict (simplified and traditional).
const CJK_VERDICTS: &[&str] = &[
    "不实",
    "不實",
    "属实",
    "屬實",
    "谣言",
    "謠言",
    "虚假",
    "虛假",
    "错误",
    "錯誤",
    "失实",
    "失實",
    "误导",
    "誤導",
    "辟谣",
    "辟謠",
    "假消息",
    "假新闻",
    "假新聞",
];

/// Characters that negate what follows in Chinese.
const CJK_NEGATIONS: &[char] = &['不', '没', '沒', '未', '非', '无', '無', '否'];

/// Words that start with a negating character but negate nothing.
const CJK_NOT_NEGATIONS: &[&str] = &[
    "不断",
    "不斷",
    "不仅",
    "不僅",
    "不少",
    "不过",
    "不過",
    "不久",
    "不同",
    "不管",
    "不论",
    "不論",
    "不得不",
    "不满",
    "不滿",
    "不安",
    "不止",
    "不外",
    "不停",
    "不时",
    "不時",
    "不禁",
    "不妨",
    "不但",
    "不光",
    "未来",
    "未來",
    "非常",
    "非洲",
    "非但",
    "否则",
    "否則",
    "没收",
    "沒收",
    "无论",
    "無論",
    "无数",
    "無數",
    "无人机",
    "無人機",
];

/// The English words of `text`, lowercased, apostrophes kept (typographic ones folded).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’')) || is_cjk(c))
        .map(|w| w.replace('’', "'").trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The negations in `text`, in order: English negation words (not those of
/// "not only", "not just", "not merely") and negating Chinese characters.
pub fn negations(text: &str) -> Vec<String> {
    let ws = words(text);
    let mut out: Vec<String> = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        let next = ws.get(k + 1).map(String::as_str);
        let negates = NEGATIONS.contains(&w.as_str()) || w.ends_with("n't");
        let not_only = w == "not" && matches!(next, Some("only" | "just" | "merely"));
        if negates && !not_only {
            out.push(w.clone());
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if !CJK_NEGATIONS.contains(&c) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(k + 1).copied();
        let rest: String = chars[k..chars.len().min(k + 3)].iter().collect();
        // 是否 (whether) and A不A / A没A questions (要不要, 有没有) ask; they do not deny.
        let question = (c == '否' && prev == Some('是')) || (matches!(c, '不' | '没' | '沒') && prev.is_some() && prev == next);
        if question || CJK_NOT_NEGATIONS.iter().any(|w| rest.starts_with(w)) {
            continue;
        }
        out.push(c.to_string());
    }
    out
}

/// The verdict words in `text`, each once, in order.
pub fn verdict_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(text) {
        if VERDICTS.contains(&w.as_str()) && !out.contains(&w) {
            out.push(w);
        }
    }
    for v in CJK_VERDICTS {
        if text.contains(v) && !out.iter().any(|o| o == v) {
            out.push((*v).to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(claim: serde_json::Value) -> Dataset {
        let mut c = serde_json::json!({
            "id": "a-claim", "rating": "false", "claim": "NATO has a plan for a U.S. exit.",
            "phrasings": ["NATO has a plan for a U.S. exit"], "verdict": "It has none.",
            "note": "Diplomats said so.", "reviewed": "2026-12-07", "asOf": "2025-12",
            "sources": [{ "publisher": "P", "title": "T", "url": "https://example.org/a" }]
        });
        for (k, v) in claim.as_object().unwrap() {
            c[k] = v.clone();
        }
        Dataset::from_json(&serde_json::json!({ "factmark": 1, "claims": [c] }).to_string()).unwrap()
    }

    fn found(d: &Dataset) -> Vec<(String, String)> {
        check(d).iter().map(|e| (e.path().to_string(), e.message().to_string())).collect()
    }

    #[test]
    fn a_clean_claim_passes() {
        assert_eq!(found(&dataset(serde_json::json!({}))), []);
    }

    #[test]
    fn a_claim_without_as_of_fails() {
        let mut d = dataset(serde_json::json!({}));
        d.claims[0].as_of = None;
        let f = found(&d);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "claims[0].asOf");
        assert!(f[0].1.starts_with("missing: give the date of the newest fact the verdict rests on"), "{}", f[0].1);
    }

    #[test]
    fn phrasings_with_a_negation_or_verdict_the_claim_lacks_fail() {
        let d = dataset(serde_json::json!({ "phrasings": [
            "NATO has a plan for a U.S. exit",
            "NATO has no plan for a U.S. exit",
            "It is false that NATO has a plan for a U.S. exit",
            "The claim that NATO has a plan is a myth, and it isn't true",
            "北约没有应对美国退出的计划",
            "北约制定了应对美国退出的计划的说法不实",
            "北约是否制定了计划，要不要制定计划，北约不断讨论未来的计划"
        ]}));
        let f = found(&d);
        let paths: Vec<&str> = f.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "claims[0].phrasings[1]",
                "claims[0].phrasings[2]",
                "claims[0].phrasings[3]",
                "claims[0].phrasings[4]",
                "claims[0].phrasings[5]"
            ]
        );
        assert_eq!(
            f[0].1,
            "has a negation the claim lacks (\"no\"; the claim has none): matched as the same wording, it would show the \
             claim's verdict on a sentence that says something else. Remove it, or mark a deliberate exception \
             (exceptions: check \"phrasing\")"
        );
        assert!(f[1].1.starts_with("has a verdict word the claim lacks (\"false\"):"), "{}", f[1].1);
        assert!(
            f[2].1.starts_with(
                "has a negation the claim lacks (\"isn't\"; the claim has none) and a verdict word the claim lacks (\"myth\", \"true\"):"
            ),
            "{}",
            f[2].1
        );
        assert!(f[3].1.starts_with("has a negation the claim lacks (\"没\"; the claim has none)"), "{}", f[3].1);
        assert!(
            f[4].1.contains("a negation the claim lacks (\"不\"; the claim has none) and a verdict word the claim lacks (\"不实\")"),
            "{}",
            f[4].1
        );
    }

    #[test]
    fn a_negation_the_claim_has_is_allowed_as_often_as_it_has_it() {
        let d = dataset(serde_json::json!({
            "claim": "NATO has not developed a plan for a U.S. exit.",
            "phrasings": ["NATO has no plan if the U.S. leaves", "北约尚未制定应对美国退出的计划", "NATO never had and does not have a plan", "Not only NATO lacks a plan"]
        }));
        let f = found(&d);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "claims[0].phrasings[2]");
        assert!(f[0].1.starts_with("has a negation the claim lacks (\"never\", \"not\"; the claim has \"not\")"), "{}", f[0].1);
    }

    #[test]
    fn quotations_must_be_in_the_sources_quotes_or_the_claims_words() {
        let d = dataset(serde_json::json!({
            "claim": "NATO has a plan for a U.S. exit, a “Plan B”.",
            "verdict": "Diplomats said there is \"no contingency planning\".",
            "note": "A diplomat said it would \"defeat NATO's purpose.\" The article's “plan b” is its own; it called the plan \"secret\".",
            "uncertain": "Some call it 「European NATO」.",
            "sources": [{ "publisher": "P", "title": "T", "url": "https://example.org/a",
                          "quotes": ["there is no  contingency planning inside the alliance", "would defeat NATO’s purpose"] }]
        }));
        let f = found(&d);
        let got: Vec<(&str, &str)> = f.iter().map(|(p, m)| (p.as_str(), m.split(',').next().unwrap())).collect();
        assert_eq!(got, [("claims[0].note", "quotes \"secret\""), ("claims[0].uncertain", "quotes \"European NATO\"")]);
        assert!(f[0].1.ends_with("or mark a deliberate exception (exceptions: check \"quote\")"), "{}", f[0].1);
    }

    #[test]
    fn exceptions_excuse_exactly_their_finding_and_must_excuse_something() {
        let d = dataset(serde_json::json!({
            "phrasings": ["NATO has a plan for a U.S. exit", "NATO has no plan B but a plan for a U.S. exit"],
            "note": "The article calls it \"secret\".",
            "exceptions": [
                { "check": "phrasing", "text": "NATO has no plan B but a plan for a U.S. exit", "reason": "states the claim" },
                { "check": "quote", "text": "Secret", "reason": "the article's own word" },
                { "check": "quote", "text": "ironclad", "reason": "left over" }
            ]
        }));
        assert_eq!(
            found(&d),
            [(
                "claims[0].exceptions[2]".to_string(),
                "excuses nothing: the \"quote\" check finds no \"ironclad\" in this claim; remove it".to_string()
            )]
        );
    }

    #[test]
    fn quoted_strings_and_folding() {
        assert_eq!(quoted(r#"He said "a" and “b c” and 「丙」, then "d"#), ["a", "b c", "丙"]);
        assert_eq!(fold("  “Has run  its course.” "), "has run its course");
        assert_eq!(fold("NATO’s — role"), "nato's - role");
        assert_eq!(negations("Massie argues NATO no longer serves U.S. interests; it doesn't, they can't"), ["no", "doesn't", "can't"]);
        assert_eq!(negations("并非针对俄罗斯，不会构成威胁，无法自卫，莫斯科，特别"), ["非", "不", "无"]);
        assert_eq!(verdict_words("It is TRUE, not false; true."), ["true", "false"]);
    }

    #[test]
    fn the_bundled_dataset_passes() {
        let d = crate::bundled_dataset();
        let f = check(&d);
        assert!(f.is_empty(), "{}", f.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"));
    }
}
