//! The matcher measured on the evaluation set (`eval/`): the bundled
//! dataset against sentences from real pages, counter-statements written
//! against each claim, and hand-written sentences that state, dispute or
//! merely resemble its claims.
//!
//! The figures are printed (`cargo test --test evaluation -- --nocapture`)
//! and checked against the [`TARGETS`] on the held-out splits, so that no
//! change to the matcher or the dataset makes matching worse unnoticed;
//! `docs/evaluation.md` (from `scripts/evaluate.sh`) records them.

#![cfg(not(target_arch = "wasm32"))]

use factmark::dataset::Dataset;
use factmark::evaluation::{evaluate, parse_samples, Report, Sample};
use factmark::matcher::Matcher;
use std::path::Path;

/// A target on a held-out split: (split, language, wrong verdicts per
/// 1,000 sentences at most, precision at least, recall at least).
type Target = (&'static str, &'static str, f64, f64, f64);

/// The dataset as shipped. These are floors under the figures reached
/// (docs/evaluation.md, 2026-12-08), with room for about one sentence more
/// or less, so that no change makes matching worse unnoticed; the issue's
/// own targets, and how far the figures are from them, are in
/// `docs/evaluation.md`.
const TARGETS: &[Target] = &[
    // 29 of 4,403 wrong (6.6), P 0.918, R 0.496 (with the sixth to
    // eleventh rounds' held-out pages; 7 of 1,711, R 0.489, on the pages
    // held out before them).
    ("real/test", "en", 6.9, 0.91, 0.48),
    // 11 of 1,718 wrong (6.4), P 0.885, R 0.472.
    ("real/test", "zh", 7.0, 0.87, 0.46),
    // 11 of 413 wrong (26.6), P 0.875, R 0.333 (with the fourth round's
    // held-out half; 5 of 247 on the sentences held out before it).
    ("counter/test", "en", 29.1, 0.86, 0.32),
    // 3 of 215 wrong (14.0), P 0.932, R 0.331 (0 of 86 before the fourth round).
    ("counter/test", "zh", 18.7, 0.91, 0.32),
    // 3 of 1,696 wrong (1.8), P 0.988, R 0.874.
    ("written/test", "en", 2.4, 0.98, 0.86),
    // 7 of 316 wrong (22.2), P 0.936, R 0.756.
    ("written/test", "zh", 25.4, 0.92, 0.74),
];

/// The same claims with only their wordings (`Dataset::without_hand_written_terms`).
const TARGETS_NO_TERMS: &[Target] = &[("real/test", "en", 2.0, 0.0, 0.0), ("real/test", "zh", 2.0, 0.0, 0.0)];

fn load(split: &str) -> Vec<Sample> {
    let dataset = factmark::bundled_dataset();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval").join(split);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        out.extend(parse_samples(&text, &dataset).unwrap_or_else(|e| panic!("{}:{e}", f.display())));
    }
    out
}

fn report(dataset: &Dataset, split: &str, lang: &str) -> Report {
    let matcher = Matcher::new(dataset);
    let samples: Vec<Sample> = load(split).into_iter().filter(|s| s.lang == lang).collect();
    let r = evaluate(dataset, &matcher, &samples);
    println!("{}", r.to_markdown(&format!("{split} ({lang})")));
    r
}

fn check(dataset: &Dataset, targets: &[Target]) -> Vec<String> {
    let mut failures = Vec::new();
    for &(split, lang, wrong, precision, recall) in targets {
        let t = report(dataset, split, lang).total;
        let name = format!("{split} ({lang})");
        if t.wrong_per_1000() > wrong {
            failures.push(format!("{name}: {:.1} wrong verdicts per 1,000 sentences > {wrong}", t.wrong_per_1000()));
        }
        if t.precision() < precision {
            failures.push(format!("{name}: precision {:.3} < {precision}", t.precision()));
        }
        if t.recall() < recall {
            failures.push(format!("{name}: recall {:.3} < {recall}", t.recall()));
        }
    }
    failures
}

#[test]
fn the_written_set_is_large_enough_and_labelled_consistently() {
    let all: Vec<Sample> = load("written/dev").into_iter().chain(load("written/test")).collect();
    let labelled = all.iter().filter(|s| s.claim.is_some() || s.kind.starts_with("hard")).count();
    let unrelated = all.iter().filter(|s| s.kind.starts_with("unrelated")).count();
    assert!(labelled >= 600, "{labelled} labelled sentences");
    assert!(unrelated >= 2000, "{unrelated} unrelated sentences");
    for s in &all {
        assert_eq!(s.claim.is_none(), s.kind.starts_with("hard") || s.kind.starts_with("unrelated"), "{s:?}");
        assert_eq!(s.stance.as_deref() == Some("disputes"), s.kind == "negation", "{s:?}");
    }
    // Every claim has held-out sentences in English, every article claim in Chinese.
    let dataset = factmark::bundled_dataset();
    let test = load("written/test");
    for c in &dataset.claims {
        assert!(test.iter().any(|s| s.lang == "en" && s.claim.as_deref() == Some(&c.id)), "{}", c.id);
    }
    let zh_claims = test.iter().filter(|s| s.lang == "zh").filter_map(|s| s.claim.as_deref()).collect::<std::collections::HashSet<_>>();
    assert_eq!(zh_claims.len(), 27);
}

#[test]
fn held_out_figures_meet_the_targets() {
    let failures = check(&factmark::bundled_dataset(), TARGETS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn without_hand_written_terms_few_wrong_verdicts() {
    let failures = check(&factmark::bundled_dataset().without_hand_written_terms(), TARGETS_NO_TERMS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_real_and_counter_sets_are_large_enough_and_labelled_consistently() {
    let real: Vec<Sample> = load("real/dev").into_iter().chain(load("real/test")).collect();
    let pages = real.iter().filter_map(|s| s.url.as_deref()).collect::<std::collections::HashSet<_>>().len();
    let positives = real.iter().filter(|s| s.claim.is_some() && !s.ambiguous).count();
    let negatives = real.iter().filter(|s| s.claim.is_none() && !s.ambiguous).count();
    assert!(pages >= 100 && positives >= 400 && negatives >= 2000, "{pages} pages, {positives} positives, {negatives} negatives");
    for s in &real {
        assert!(s.kind == "real" && s.url.is_some() && s.para.is_some(), "{s:?}");
    }
    let counter: Vec<Sample> = load("counter/dev").into_iter().chain(load("counter/test")).collect();
    let dataset = factmark::bundled_dataset();
    for c in &dataset.claims {
        // The counter-statements about each claim: facts against it and
        // reversals (labelled with it) and its words about other subjects
        // (unlabelled, counted by the writer per claim).
        let against = counter.iter().filter(|s| s.claim.as_deref() == Some(&c.id)).count();
        assert!(against >= 4, "{}: {against}", c.id);
    }
    assert!(counter.len() >= 8 * dataset.claims.len(), "{}", counter.len());
    for s in &counter {
        assert!(s.kind.starts_with("counter-"), "{s:?}");
        // Unlabelled: the claim's words about another subject, or a near
        // miss that is not the claim; labelled: facts against it,
        // reversals, and unusual statements of it (`counter-states`).
        assert_eq!(s.claim.is_none(), s.kind == "counter-subject" || s.kind == "counter-near", "{s:?}");
    }
}
