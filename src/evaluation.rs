//! Measuring the matcher against a labelled set of sentences.
//!
//! A *sample* is a sentence with its label: the claim it states or disputes,
//! or none (see `eval/README.md` for the JSON Lines format). [`evaluate`]
//! runs a [`Matcher`] over every sample and counts:
//!
//! - a **true positive** for each reported (claim, stance) that is the
//!   sample's label;
//! - a **false positive** for every other report: the wrong claim, the right
//!   claim with the wrong stance, or anything reported on a sentence that
//!   makes no claim;
//! - a **false negative** for a labelled sample whose label was not reported.
//!
//! From these come precision, recall and F1, plus the false positives per
//! 1,000 unrelated sentences (the `unrelated-*` kinds) and recall per claim
//! and per kind. The figures are what `factmark evaluate` prints and what
//! `tests/evaluation.rs` checks.
//!
//! Samples may hold inline HTML tags (`<em>`): [`text_content`] strips them
//! the way the DOM's `textContent` would, so the matcher sees what the
//! widget would read from a page.

use crate::dataset::Dataset;
use crate::matcher::{Matcher, Stance};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

/// One labelled sentence.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    /// The sentence, possibly with inline HTML tags.
    pub text: String,
    /// The id of the claim it states or disputes, if any.
    pub claim: Option<String>,
    /// `states` or `disputes`, when `claim` is set.
    #[serde(default)]
    pub stance: Option<String>,
    /// How the sentence was made (`paraphrase`, `hard-number`, `unrelated-news`, …).
    pub kind: String,
    /// `en` or `zh`.
    pub lang: String,
}

/// A problem reading a samples file: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for SampleError {}

/// Parses JSON Lines samples, checking each label against `dataset`.
pub fn parse_samples(text: &str, dataset: &Dataset) -> Result<Vec<Sample>, SampleError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| SampleError { line: i + 1, message };
        let s: Sample = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        match (&s.claim, s.stance.as_deref()) {
            (Some(id), Some("states" | "disputes")) if dataset.claim(id).is_some() => {}
            (Some(id), Some("states" | "disputes")) => return Err(err(format!("claim \"{id}\" is not in the dataset"))),
            (Some(_), other) => return Err(err(format!("stance must be \"states\" or \"disputes\", not {other:?}"))),
            (None, Some(_)) => return Err(err("stance given without a claim".into())),
            (None, None) => {}
        }
        out.push(s);
    }
    Ok(out)
}

/// The text of `html` as `textContent` would give it: tags removed, the
/// five basic entities decoded.
pub fn text_content(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// Counts for one group of samples.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Correct reports.
    pub tp: usize,
    /// Wrong reports.
    pub fp: usize,
    /// Labels not reported.
    pub fn_: usize,
    /// Samples with a label.
    pub labelled: usize,
    /// Unrelated samples (`unrelated-*` kinds).
    pub unrelated: usize,
    /// Unrelated samples with any report.
    pub unrelated_flagged: usize,
    /// Hard negatives (`hard-*` kinds).
    pub hard: usize,
    /// Hard negatives with any report.
    pub hard_flagged: usize,
}

impl Counts {
    /// Share of reports that were right (1 when nothing was reported).
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    /// Share of labels that were reported (1 when there are none).
    pub fn recall(&self) -> f64 {
        if self.labelled == 0 {
            1.0
        } else {
            self.tp as f64 / self.labelled as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Unrelated sentences with a report, per 1,000 unrelated sentences.
    pub fn fp_per_1000_unrelated(&self) -> f64 {
        if self.unrelated == 0 {
            0.0
        } else {
            1000.0 * self.unrelated_flagged as f64 / self.unrelated as f64
        }
    }
}

/// What the matcher got wrong on one sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// The sample.
    pub sample: Sample,
    /// What was reported: claim id and stance.
    pub reported: Vec<(String, &'static str)>,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// All samples together.
    pub total: Counts,
    /// Labelled samples found / total, per claim id.
    pub per_claim: BTreeMap<String, (usize, usize)>,
    /// Samples with no error / total, per kind.
    pub per_kind: BTreeMap<String, (usize, usize)>,
    /// Every sample with a false positive or a false negative.
    pub misses: Vec<Miss>,
}

fn stance_name(s: Stance) -> &'static str {
    match s {
        Stance::States => "states",
        Stance::Disputes => "disputes",
    }
}

/// Runs `matcher` (compiled from `dataset`) over `samples`.
pub fn evaluate(dataset: &Dataset, matcher: &Matcher, samples: &[Sample]) -> Report {
    let mut r = Report::default();
    for s in samples {
        let text = text_content(&s.text);
        let reported: Vec<(String, &'static str)> = matcher
            .find(&text)
            .iter()
            .filter_map(|m| dataset.claims.get(m.claim).map(|c| (c.id.clone(), stance_name(m.stance))))
            .collect();
        let label = s.claim.as_deref().zip(s.stance.as_deref());
        let hit = label.is_some_and(|(id, st)| reported.iter().any(|(c, x)| c == id && *x == st));
        let wrong = reported.iter().filter(|(c, x)| label != Some((c.as_str(), *x))).count();
        let t = &mut r.total;
        t.fp += wrong;
        if let Some((id, _)) = label {
            t.labelled += 1;
            let e = r.per_claim.entry(id.to_string()).or_default();
            e.1 += 1;
            if hit {
                t.tp += 1;
                e.0 += 1;
            } else {
                t.fn_ += 1;
            }
        }
        if s.kind.starts_with("unrelated") {
            t.unrelated += 1;
            t.unrelated_flagged += usize::from(!reported.is_empty());
        }
        if s.kind.starts_with("hard") {
            t.hard += 1;
            t.hard_flagged += usize::from(!reported.is_empty());
        }
        let ok = wrong == 0 && (label.is_none() || hit);
        let k = r.per_kind.entry(s.kind.clone()).or_default();
        k.1 += 1;
        k.0 += usize::from(ok);
        if !ok {
            r.misses.push(Miss { sample: s.clone(), reported });
        }
    }
    r
}

impl Report {
    /// The figures as a Markdown section: totals, per kind, per claim.
    pub fn to_markdown(&self, title: &str) -> String {
        let t = &self.total;
        let mut s = String::new();
        let _ = writeln!(s, "### {title}\n");
        let _ = writeln!(s, "| sentences | labelled | precision | recall | F1 | FP / 1,000 unrelated | hard negatives flagged |");
        let _ = writeln!(s, "|---|---|---|---|---|---|---|");
        let samples: usize = self.per_kind.values().map(|k| k.1).sum();
        let _ = writeln!(
            s,
            "| {samples} | {} | {:.3} | {:.3} | {:.3} | {:.1} ({} of {}) | {} of {} |\n",
            t.labelled,
            t.precision(),
            t.recall(),
            t.f1(),
            t.fp_per_1000_unrelated(),
            t.unrelated_flagged,
            t.unrelated,
            t.hard_flagged,
            t.hard
        );
        let _ = writeln!(s, "Correct by kind: {}\n", join(self.per_kind.iter().map(|(k, (ok, n))| format!("{k} {ok}/{n}"))));
        let _ = writeln!(s, "Recall by claim: {}\n", join(self.per_claim.iter().map(|(k, (ok, n))| format!("{k} {ok}/{n}"))));
        s
    }
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset() -> Dataset {
        let claim = |id: &str, phrasing: &str| {
            serde_json::json!({
                "id": id, "rating": "false", "claim": "c", "phrasings": [phrasing], "verdict": "v", "note": "n",
                "reviewed": "2026-11-24", "sources": [{"publisher": "p", "title": "t", "url": "https://e.org"}]
            })
        };
        let json = serde_json::json!({ "factmark": 1, "claims": [
            claim("greenland", "Trump wants control over Greenland"),
            claim("relic", "NATO is a Cold War relic"),
        ]});
        Dataset::from_json(&json.to_string()).unwrap()
    }

    fn line(text: &str, claim: Option<&str>, stance: Option<&str>, kind: &str) -> String {
        serde_json::json!({ "text": text, "claim": claim, "stance": stance, "kind": kind, "lang": "en" }).to_string()
    }

    #[test]
    fn tags_are_stripped_like_text_content() {
        assert_eq!(text_content("Trump <em>wants</em> <a href=\"x\">control</a> &amp; more"), "Trump wants control & more");
        assert_eq!(text_content("a < b"), "a < b");
    }

    #[test]
    fn labels_are_checked_against_the_dataset() {
        let d = dataset();
        let bad = line("x", Some("nope"), Some("states"), "paraphrase");
        assert_eq!(parse_samples(&bad, &d).unwrap_err().message, "claim \"nope\" is not in the dataset");
        let no_stance = format!("\n{}", line("x", Some("relic"), None, "paraphrase"));
        assert_eq!(parse_samples(&no_stance, &d).unwrap_err().line, 2);
        let stray = line("x", None, Some("states"), "unrelated-news");
        assert!(parse_samples(&stray, &d).is_err());
    }

    #[test]
    fn counts_true_and_false_positives_and_misses() {
        let d = dataset();
        let m = Matcher::new(&d);
        let text = [
            line("Trump <b>wants</b> control over Greenland.", Some("greenland"), Some("states"), "markup"),
            line("It is false that Trump wants control over Greenland.", Some("greenland"), Some("disputes"), "negation"),
            line("NATO is a Cold War relic.", Some("greenland"), Some("states"), "paraphrase"),
            line("Greenland has a large ice sheet.", Some("greenland"), Some("states"), "paraphrase"),
            line("NATO is a Cold War relic, they say.", None, None, "unrelated-nato"),
            line("Markets rose on Tuesday.", None, None, "unrelated-news"),
        ]
        .join("\n");
        let samples = parse_samples(&text, &d).unwrap();
        let r = evaluate(&d, &m, &samples);
        // Found: the first two. Wrong claim on the third (an FP and an FN),
        // nothing on the fourth (an FN), an FP on the unrelated fifth.
        assert_eq!(r.total.tp, 2);
        assert_eq!(r.total.fp, 2);
        assert_eq!(r.total.fn_, 2);
        assert_eq!(r.total.labelled, 4);
        assert_eq!((r.total.unrelated, r.total.unrelated_flagged), (2, 1));
        assert_eq!(r.total.precision(), 0.5);
        assert_eq!(r.total.recall(), 0.5);
        assert_eq!(r.total.fp_per_1000_unrelated(), 500.0);
        assert_eq!(r.per_claim["greenland"], (2, 4));
        assert_eq!(r.misses.len(), 3);
        assert_eq!(r.misses[0].reported, [("relic".to_string(), "states")]);
    }
}
