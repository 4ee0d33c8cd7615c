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

/// The dataset as shipped.
const TARGETS: &[Target] = &[
    ("written/test", "en", 1.0, 0.95, 0.90),
    ("written/test", "zh", 1.0, 0.90, 0.70),
];

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
