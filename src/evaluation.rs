//! Measuring the matcher against a labelled set of sentences.
//!
//! A *sample* is a sentence with its label: the claim it states or disputes,
//! or none (see `eval/README.md` for the JSON Lines format). [`evaluate`]
//! runs a [`Matcher`] over every sample and counts, per sample:
//!
//! - a **wrong verdict** when anything reported on it is not its label: a
//!   claim it does not make, or the right claim with the wrong stance
//!   ("states" where it disputes or corrects). This is the headline figure,
//!   per 1,000 sentences: a reader shown a wrong verdict is harmed, a reader
//!   shown nothing is not;
//! - a **true positive** for each reported (claim, stance) that is the
//!   sample's label, and a **false positive** for every other report;
//! - a **false negative** for a labelled sample whose label was not reported.
//!
//! From these come precision, recall and F1, plus recall per claim and the
//! share correct per kind. The figures are what `factmark evaluate` prints
//! and what `tests/evaluation.rs` checks.
//!
//! **Pages.** Sentences taken from real pages carry their page's `url` and
//! paragraph number (`para`). A page's samples are matched as one text, the
//! way the widget reads a page: each paragraph a block, the blocks separated
//! as the DOM scan separates them. A sentence's pronoun can then take its
//! referent from the sentence before it in the block, and "the alliance"
//! from a block before it. Each match is credited to the sample its first
//! character falls in. Samples without a page are matched alone.
//!
//! Samples marked `ambiguous` (a careful fact-checker could label them
//! either way) are matched as part of their block but not counted.
//!
//! Samples may hold inline HTML tags (`<em>`): [`text_content`] strips them
//! the way the DOM's `textContent` would, so the matcher sees what the
//! widget would read from a page.

use crate::dataset::Dataset;
use crate::matcher::Matcher;
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
    /// How the sentence was made (`paraphrase`, `hard-number`, `real`, …).
    pub kind: String,
    /// `en` or `zh`.
    pub lang: String,
    /// Chinese script: `hans` (simplified) or `hant` (traditional).
    #[serde(default)]
    pub script: Option<String>,
    /// The page a real sentence was taken from.
    #[serde(default)]
    pub url: Option<String>,
    /// The sentence's paragraph on that page (sentences of one paragraph
    /// are matched together).
    #[serde(default)]
    pub para: Option<u32>,
    /// The sentence is a headline or sub-heading.
    #[serde(default)]
    pub headline: bool,
    /// A careful fact-checker could label it either way: not counted.
    #[serde(default)]
    pub ambiguous: bool,
    /// The labeller's note.
    #[serde(default)]
    pub note: Option<String>,
    /// Other claims the sentence also makes: reporting one is right, not
    /// a wrong verdict (recall counts the main label only).
    #[serde(default)]
    pub also: Vec<AlsoLabel>,
}

/// A further label of a sentence that makes two claims.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlsoLabel {
    /// The claim's id.
    pub claim: String,
    /// `states` or `disputes`.
    pub stance: String,
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
        for a in &s.also {
            if dataset.claim(&a.claim).is_none() {
                return Err(err(format!("claim \"{}\" is not in the dataset", a.claim)));
            }
            if !matches!(a.stance.as_str(), "states" | "disputes") {
                return Err(err(format!("stance must be \"states\" or \"disputes\", not {:?}", a.stance)));
            }
        }
        if s.para.is_some() && s.url.is_none() {
            return Err(err("para given without a url".into()));
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
    /// Samples counted (not ambiguous).
    pub sentences: usize,
    /// Samples shown a verdict that is wrong for them.
    pub wrong: usize,
    /// Correct reports.
    pub tp: usize,
    /// Wrong reports.
    pub fp: usize,
    /// Labels not reported.
    pub fn_: usize,
    /// Samples with a label.
    pub labelled: usize,
    /// Samples without a label.
    pub unlabelled: usize,
    /// Samples without a label that got any report.
    pub unlabelled_flagged: usize,
    /// Samples marked ambiguous, matched but not counted.
    pub ambiguous: usize,
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

    /// Samples shown a wrong verdict, per 1,000 samples.
    pub fn wrong_per_1000(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            1000.0 * self.wrong as f64 / self.sentences as f64
        }
    }

    fn add(&mut self, o: &Counts) {
        self.sentences += o.sentences;
        self.wrong += o.wrong;
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.labelled += o.labelled;
        self.unlabelled += o.unlabelled;
        self.unlabelled_flagged += o.unlabelled_flagged;
        self.ambiguous += o.ambiguous;
    }
}

/// What the matcher got wrong on one sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// The sample.
    pub sample: Sample,
    /// What was reported: claim id and stance.
    pub reported: Vec<(String, &'static str)>,
    /// Whether a report was wrong for it (rather than its label missed).
    pub wrong: bool,
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
    /// Every counted sample with a wrong verdict or a missed label, in
    /// sample order.
    pub misses: Vec<Miss>,
}

/// The samples' blocks: runs of consecutive samples from one paragraph of
/// one page (a sample without a paragraph is a block of its own), as index
/// ranges.
fn blocks(samples: &[Sample]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, s) in samples.iter().enumerate() {
        let joins = i > 0 && s.para.is_some() && {
            let p = &samples[i - 1];
            p.para == s.para && p.url == s.url
        };
        match out.last_mut() {
            Some(r) if joins => r.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// What the matcher reports on each sample. A page's samples are matched
/// as one text, the way the widget reads a page: its paragraphs (blocks)
/// separated by the DOM scan's block separator, the sentences of a block
/// joined by a space (none between Chinese ones). Each match is credited
/// to the sample where it starts. A sample without a page is a text alone.
fn reports(dataset: &Dataset, matcher: &Matcher, samples: &[Sample]) -> Vec<Vec<(String, &'static str)>> {
    let mut out = vec![Vec::new(); samples.len()];
    let blocks = blocks(samples);
    let mut b = 0;
    while b < blocks.len() {
        // The blocks of one page: consecutive, with the same url.
        let first = blocks[b].start;
        let mut e = b + 1;
        while e < blocks.len() && samples[first].url.is_some() && samples[blocks[e].start].url == samples[first].url {
            e += 1;
        }
        let mut text = String::new();
        // (UTF-16 offset, sample index) where each sample starts.
        let mut starts: Vec<(u32, usize)> = Vec::new();
        for (k, block) in blocks[b..e].iter().enumerate() {
            if k > 0 {
                text.push(crate::sentence::BLOCK_SEPARATOR);
            }
            for (j, i) in block.clone().enumerate() {
                if j > 0 && samples[i].lang != "zh" {
                    text.push(' ');
                }
                starts.push((text.encode_utf16().count() as u32, i));
                text.push_str(&text_content(&samples[i].text));
            }
        }
        for m in matcher.find(&text) {
            let k = starts.partition_point(|&(st, _)| st <= m.start).saturating_sub(1);
            if let (Some(c), Some(&(_, i))) = (dataset.claims.get(m.claim), starts.get(k)) {
                out[i].push((c.id.clone(), m.stance.as_str()));
            }
        }
        b = e;
    }
    out
}

/// Runs `matcher` (compiled from `dataset`) over `samples`.
pub fn evaluate(dataset: &Dataset, matcher: &Matcher, samples: &[Sample]) -> Report {
    let mut r = Report::default();
    for (s, reported) in samples.iter().zip(reports(dataset, matcher, samples)) {
        if s.ambiguous {
            r.total.ambiguous += 1;
            continue;
        }
        let label = s.claim.as_deref().zip(s.stance.as_deref());
        let hit = label.is_some_and(|(id, st)| reported.iter().any(|(c, x)| c == id && *x == st));
        let right = |c: &str, x: &str| label == Some((c, x)) || s.also.iter().any(|a| a.claim == c && a.stance == x);
        let wrong = reported.iter().filter(|(c, x)| !right(c, x)).count();
        let t = &mut r.total;
        t.sentences += 1;
        t.fp += wrong;
        t.wrong += usize::from(wrong > 0);
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
        } else {
            t.unlabelled += 1;
            t.unlabelled_flagged += usize::from(!reported.is_empty());
        }
        let ok = wrong == 0 && (label.is_none() || hit);
        let k = r.per_kind.entry(s.kind.clone()).or_default();
        k.1 += 1;
        k.0 += usize::from(ok);
        if !ok {
            r.misses.push(Miss { sample: s.clone(), reported, wrong: wrong > 0 });
        }
    }
    r
}

/// The header row of [`Report::table_row`].
pub const TABLE_HEADER: &str = "| split | sentences | wrong verdicts | wrong / 1,000 | precision | recall | F1 | labelled | unlabelled flagged | ambiguous (not counted) |\n|---|---|---|---|---|---|---|---|---|---|";

impl Report {
    /// Adds another report's counts (per claim and per kind too).
    pub fn merge(&mut self, o: &Report) {
        self.total.add(&o.total);
        for (k, v) in &o.per_claim {
            let e = self.per_claim.entry(k.clone()).or_default();
            e.0 += v.0;
            e.1 += v.1;
        }
        for (k, v) in &o.per_kind {
            let e = self.per_kind.entry(k.clone()).or_default();
            e.0 += v.0;
            e.1 += v.1;
        }
        self.misses.extend(o.misses.iter().cloned());
    }

    /// One Markdown table row of the headline figures, wrong verdicts first.
    pub fn table_row(&self, name: &str) -> String {
        let t = &self.total;
        format!(
            "| {name} | {} | {} | {:.1} | {:.3} | {:.3} | {:.3} | {} | {} of {} | {} |",
            t.sentences,
            t.wrong,
            t.wrong_per_1000(),
            t.precision(),
            t.recall(),
            t.f1(),
            t.labelled,
            t.unlabelled_flagged,
            t.unlabelled,
            t.ambiguous
        )
    }

    /// The figures as a Markdown section: totals, per kind, per claim.
    pub fn to_markdown(&self, title: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "### {title}\n");
        let _ = writeln!(s, "{TABLE_HEADER}");
        let _ = writeln!(s, "{}\n", self.table_row(title));
        let _ = writeln!(s, "Correct by kind: {}\n", join(self.per_kind.iter().map(|(k, (ok, n))| format!("{k} {ok}/{n}"))));
        let _ = writeln!(s, "Recall by claim: {}\n", join(self.per_claim.iter().map(|(k, (ok, n))| format!("{k} {ok}/{n}"))));
        s
    }

    /// Every wrong verdict, one Markdown list item each (label, report, text).
    pub fn wrong_verdicts(&self) -> String {
        let mut s = String::new();
        for m in self.misses.iter().filter(|m| m.wrong) {
            let _ = writeln!(s, "{}", m.describe());
        }
        s
    }
}

impl Miss {
    /// One line: the label, what was reported, the sentence and its page.
    pub fn describe(&self) -> String {
        let label =
            self.sample.claim.as_deref().map_or("none".to_string(), |c| format!("{c} {}", self.sample.stance.as_deref().unwrap_or("")));
        let got: Vec<String> = self.reported.iter().map(|(c, s)| format!("{c} {s}")).collect();
        let from = self.sample.url.as_deref().map(|u| format!(" ({u})")).unwrap_or_default();
        format!(
            "- [{}] want {label}; got {}: {}{from}",
            self.sample.kind,
            if got.is_empty() { "nothing".to_string() } else { got.join(", ") },
            self.sample.text
        )
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

    fn real(text: &str, claim: Option<&str>, para: u32, extra: serde_json::Value) -> String {
        let mut v =
            serde_json::json!({ "text": text, "claim": claim, "kind": "real", "lang": "en", "url": "https://e.org/a", "para": para });
        if claim.is_some() {
            v["stance"] = "states".into();
        }
        if let (Some(o), Some(x)) = (v.as_object_mut(), extra.as_object()) {
            o.extend(x.clone());
        }
        v.to_string()
    }

    #[test]
    fn sentences_of_one_paragraph_are_matched_as_one_block() {
        let d = dataset();
        let m = Matcher::new(&d);
        // The claim starts in the second sentence of the block: it is
        // credited there, and the first is not shown a verdict.
        let text = [
            real("Greenland is large.", None, 0, serde_json::json!({})),
            real("Trump wants control over Greenland.", Some("greenland"), 0, serde_json::json!({})),
            real("NATO is a Cold War relic.", None, 1, serde_json::json!({ "ambiguous": true })),
        ]
        .join("\n");
        let samples = parse_samples(&text, &d).unwrap();
        assert_eq!(blocks(&samples), [0..2, 2..3]);
        let r = evaluate(&d, &m, &samples);
        assert_eq!((r.total.tp, r.total.wrong, r.total.sentences, r.total.ambiguous), (1, 0, 2, 1));
    }

    #[test]
    fn a_paragraph_needs_a_page() {
        let line = serde_json::json!({ "text": "x", "claim": null, "kind": "real", "lang": "en", "para": 0 }).to_string();
        assert_eq!(parse_samples(&line, &dataset()).unwrap_err().message, "para given without a url");
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
        // Found: the first two. Wrong claim on the third (a wrong verdict,
        // an FP and an FN), nothing on the fourth (an FN), a wrong verdict
        // on the unlabelled fifth.
        assert_eq!(r.total.tp, 2);
        assert_eq!(r.total.fp, 2);
        assert_eq!(r.total.fn_, 2);
        assert_eq!(r.total.labelled, 4);
        assert_eq!(r.total.sentences, 6);
        assert_eq!(r.total.wrong, 2);
        assert_eq!((r.total.unlabelled, r.total.unlabelled_flagged), (2, 1));
        assert_eq!(r.total.precision(), 0.5);
        assert_eq!(r.total.recall(), 0.5);
        assert!((r.total.wrong_per_1000() - 333.3).abs() < 0.1);
        assert_eq!(r.per_claim["greenland"], (2, 4));
        assert_eq!(r.misses.len(), 3);
        assert_eq!(r.misses[0].reported, [("relic".to_string(), "states")]);
        assert!(r.misses[0].wrong && !r.misses[1].wrong && r.misses[2].wrong);
    }
}
