//! ClaimReview: reading and writing the fact-checkers' own format.
//!
//! Fact-checkers publish their verdicts as schema.org
//! [`ClaimReview`](https://schema.org/ClaimReview) JSON-LD, in their pages
//! and in feeds such as the Data Commons fact-check feed. [`import`] turns
//! that into a factmark [`Dataset`]; [`export`] turns a dataset into
//! ClaimReview that Google's fact-check structured-data guidelines accept;
//! [`parse_any`] reads either format.
//!
//! # Accepted input shapes
//!
//! - one ClaimReview object;
//! - an array of them;
//! - an object with `@graph` (other node types in the graph are skipped,
//!   and `{"@id": …}` references to graph nodes are followed);
//! - the Data Commons feed: `{"dataFeedElement": [{"item": [ClaimReview, …]}, …]}`
//!   (`item` may also be a single object).
//!
//! These nest (an array of `@graph` objects, a feed inside a graph). `@type`
//! may be a string or an array (`"ClaimReview"`, `"schema:ClaimReview"`,
//! `"https://schema.org/ClaimReview"`); an object without `@type` but with
//! `claimReviewed` is read as a ClaimReview too. `@context` may be any of
//! `http(s)://schema.org(/)`; any other context is read as schema.org with a
//! warning.
//!
//! # Mapping, per ClaimReview
//!
//! | ClaimReview | factmark |
//! |---|---|
//! | `claimReviewed` | `claim` and the first phrasing (required, ≥ 3 words, ≤ 500 characters) |
//! | `itemReviewed.alternateName` (text or array) | further phrasings |
//! | `reviewRating.alternateName` (or `.name`) | `label`, mapped to `rating` by [`rating_from_label`] |
//! | `reviewRating.ratingValue` / `bestRating` / `worstRating` | `rating` by [`rating_from_scale`] when the label is absent or unknown (schema.org defaults: best 5, worst 1) |
//! | `author` (text, Organization/Person, array; `publisher` as fallback) | review `publisher` (an Organization is preferred over a Person; when both are missing, the review URL's host, with a warning) |
//! | `datePublished` (date or date-time) | review `date`; the newest is the claim's `reviewed` (required, full date) |
//! | `temporalCoverage` (a date, or an ISO 8601 interval: its end, as in `../2026-01`) | `asOf`, how current the facts are (ignored with a warning when after `datePublished`) |
//! | `expires` (date or date-time) | the claim's `staleAfterDays`: days from `asOf` (from `datePublished` without it) to `expires` |
//! | `url` | review `url` and source `url` (required, must pass [`check_url`]) |
//! | `headline` / `name` | source `title` (otherwise "Fact-check by …") |
//! | `reviewBody`, `reviewRating.ratingExplanation`, `description` | `note`, attributed: "According to X: …" |
//! | `itemReviewed.author` | `claimant` |
//! | `itemReviewed.datePublished` | `claimDate` |
//! | `itemReviewed.firstAppearance`, `.appearance` (URLs or objects with `url`), `.url` | `appearances` |
//! | `inLanguage` (of the review or of `itemReviewed`) | claim `language` (the dataset's `language` when every claim shares it) |
//! | `identifier` (text that is a valid id) | `id`; otherwise a slug of `claimReviewed` |
//!
//! Reviews whose `claimReviewed` is the same after [`normalize`] are one
//! claim. Its `reviews` lists every review, newest first; its `rating`,
//! `label`, `reviewed`, `note` and `language` come from the newest;
//! `verdict` names each publisher's rating (`PolitiFact rated this claim
//! "Pants on Fire".`; several publishers, with dates, in one line of at most
//! 300 characters); `sources` holds one entry per review (the newest 20).
//! Nothing is invented: when a review carries no explanation, the note only
//! points to the publisher's fact-check. Over-long texts are shortened with
//! `…` to the dataset's limits.
//!
//! A review that cannot be used (no `claimReviewed` or one shorter than three
//! words, no usable rating, a missing or unsafe `url`, no date) is dropped
//! with a warning naming its JSON path, such as
//! `dataFeedElement[2].item[0].url: scheme "javascript" is not allowed (only http and https)`.
//! Optional fields that cannot be used are ignored with a warning; a review
//! repeated with the same claim and URL is dropped with a warning. When no
//! review is usable, [`import`] fails with every reason, each with its path
//! (also from [`problems`]). Whatever it returns passes
//! [`Dataset::validate`].
//!
//! # Export
//!
//! [`export`] writes `{"@context": "https://schema.org", "@graph": [ClaimReview, …]}`:
//! one context for the whole document, one node per claim. Each node has
//! Google's required `claimReviewed`, `reviewRating.alternateName` and `url`
//! (`base_url#id`), plus `author` (an Organization named `publisher`),
//! `datePublished` (`reviewed`, the date of the review, never of the
//! facts), `temporalCoverage` (`../asOf`: the facts run up to that date;
//! schema.org's property for the period a work's content is about),
//! `expires` (`asOf`, or `reviewed` without it, plus the claim's
//! `staleAfterDays` or the dataset's: schema.org's property for a fact
//! check that may no longer be relevant after a date), `itemReviewed` (a Claim with `author`,
//! `datePublished`, `appearance` when known, and the other phrasings as
//! `alternateName`), `headline` (the verdict), `reviewBody` (the note),
//! `citation` (the sources), `inLanguage` and `identifier` (the id, so that
//! importing the export gives back the same ids and phrasings).
//! `reviewRating.alternateName` is the claim's own `label` when it has one,
//! otherwise the rating's label (`Mostly true`). Ratings on the truth scale also get a number on this
//! 1–5 scale (`bestRating` 5, `worstRating` 1):
//!
//! | rating | `ratingValue` |
//! |---|---|
//! | `true` | 5 |
//! | `mostly-true` | 4 |
//! | `mixed` | 3 |
//! | `misleading` | 2 |
//! | `false` | 1 |
//!
//! `unverified` and `opinion` get no number: neither is a degree of truth,
//! and a number would claim one.

use crate::dataset::{
    check_url, Claim, Dataset, DatasetError, DatasetErrors, ErrorKind, PartialDate, Rating, Review, Source, FORMAT_VERSION, MAX_CLAIMS,
    MAX_PHRASINGS, MAX_SOURCES,
};
use crate::normalize::{is_cjk, normalize};
use crate::stem::is_stopword;
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A dataset read from ClaimReview, with what had to be left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The dataset (valid: it passes [`Dataset::validate`]).
    pub dataset: Dataset,
    /// Dropped reviews and ignored fields, in the order they were found.
    pub warnings: Vec<Warning>,
}

/// Something an import left out: a dropped review or an ignored field.
///
/// `Display` shows it as `path: message`
/// (`dataFeedElement[2].item[0].url: scheme "javascript" is not allowed (only http and https); the review is dropped`),
/// or the message alone when it is about the whole document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    path: String,
    message: String,
}

impl Warning {
    /// A warning about the value at JSON path `path` of the input (empty for
    /// the whole document).
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { path: path.into(), message: message.into() }
    }

    /// The JSON path in the input (`dataFeedElement[2].item[0].url`);
    /// empty for the document as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was left out and why, without the path.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Longest slug [`import`] makes from a `claimReviewed` text.
pub const MAX_SLUG: usize = 60;

// ---------------------------------------------------------------------------
// Ratings

/// The label table: normalised label → rating. Labels are compared after
/// lowercasing and turning every run of non-alphanumeric characters into one
/// space, so `Pants on Fire!`, `pants-on-fire` and `PANTS ON FIRE` are one
/// entry.
///
/// Choices worth knowing:
/// - `Mostly false` (and `Three Pinocchios`, which The Washington Post equates
///   with it) is **misleading**: "an element of truth but ignores critical
///   facts" is what factmark's `misleading` means, and it is also where a
///   5-point scale's 2 lands (see [`rating_from_scale`]).
/// - `Partly false` / `Half true` / `Two Pinocchios` are **mixed**.
/// - `Unproven`, `Unsupported`, `No evidence` … are **unverified**: the claim
///   could not be shown true, which is not the same as shown false.
/// - Altered or misattributed material is **false**: what it shows did not
///   happen, or was not said.
/// - Some labels are deliberately left out (see [`UNMAPPED_LABELS`]).
pub const LABELS: &[(&str, Rating)] = &[
    // True
    ("true", Rating::True),
    ("correct", Rating::True),
    ("accurate", Rating::True),
    ("verified", Rating::True),
    ("confirmed", Rating::True),
    ("factual", Rating::True),
    ("correct attribution", Rating::True),
    ("authentic", Rating::True),
    ("genuine", Rating::True),
    ("legit", Rating::True),
    ("geppetto checkmark", Rating::True),
    // Mostly true
    ("mostly true", Rating::MostlyTrue),
    ("mostly correct", Rating::MostlyTrue),
    ("mostly accurate", Rating::MostlyTrue),
    ("largely true", Rating::MostlyTrue),
    ("largely correct", Rating::MostlyTrue),
    ("largely accurate", Rating::MostlyTrue),
    ("broadly true", Rating::MostlyTrue),
    ("broadly correct", Rating::MostlyTrue),
    ("mainly true", Rating::MostlyTrue),
    ("one pinocchio", Rating::MostlyTrue),
    ("1 pinocchio", Rating::MostlyTrue),
    // Mixed
    ("half true", Rating::Mixed),
    ("half truth", Rating::Mixed),
    ("mixed", Rating::Mixed),
    ("mixture", Rating::Mixed),
    ("partly true", Rating::Mixed),
    ("partially true", Rating::Mixed),
    ("partly false", Rating::Mixed),
    ("partially false", Rating::Mixed),
    ("partly correct", Rating::Mixed),
    ("partially correct", Rating::Mixed),
    ("partly accurate", Rating::Mixed),
    ("true and false", Rating::Mixed),
    ("two pinocchios", Rating::Mixed),
    ("2 pinocchios", Rating::Mixed),
    // Misleading
    ("misleading", Rating::Misleading),
    ("partly misleading", Rating::Misleading),
    ("mostly false", Rating::Misleading),
    ("mostly incorrect", Rating::Misleading),
    ("mostly inaccurate", Rating::Misleading),
    ("largely false", Rating::Misleading),
    ("largely inaccurate", Rating::Misleading),
    ("missing context", Rating::Misleading),
    ("lacks context", Rating::Misleading),
    ("needs context", Rating::Misleading),
    ("out of context", Rating::Misleading),
    ("taken out of context", Rating::Misleading),
    ("false context", Rating::Misleading),
    ("exaggerated", Rating::Misleading),
    ("exaggerates", Rating::Misleading),
    ("exaggeration", Rating::Misleading),
    ("overstated", Rating::Misleading),
    ("overstates", Rating::Misleading),
    ("distorts the facts", Rating::Misleading),
    ("distorted", Rating::Misleading),
    ("spins the facts", Rating::Misleading),
    ("cherry picks", Rating::Misleading),
    ("cherry picked", Rating::Misleading),
    ("miscaptioned", Rating::Misleading),
    ("outdated", Rating::Misleading),
    ("technically true", Rating::Misleading),
    ("true but misleading", Rating::Misleading),
    ("accurate but misleading", Rating::Misleading),
    ("three pinocchios", Rating::Misleading),
    ("3 pinocchios", Rating::Misleading),
    // False
    ("false", Rating::False),
    ("incorrect", Rating::False),
    ("inaccurate", Rating::False),
    ("wrong", Rating::False),
    ("not true", Rating::False),
    ("untrue", Rating::False),
    ("totally false", Rating::False),
    ("completely false", Rating::False),
    ("entirely false", Rating::False),
    ("fake", Rating::False),
    ("fake news", Rating::False),
    ("fabricated", Rating::False),
    ("fabrication", Rating::False),
    ("hoax", Rating::False),
    ("scam", Rating::False),
    ("debunked", Rating::False),
    ("pants on fire", Rating::False),
    ("four pinocchios", Rating::False),
    ("4 pinocchios", Rating::False),
    ("bottomless pinocchio", Rating::False),
    ("altered", Rating::False),
    ("altered photo", Rating::False),
    ("altered image", Rating::False),
    ("altered video", Rating::False),
    ("manipulated", Rating::False),
    ("manipulated media", Rating::False),
    ("doctored", Rating::False),
    ("misattributed", Rating::False),
    // Unverified
    ("unverified", Rating::Unverified),
    ("unverifiable", Rating::Unverified),
    ("unproven", Rating::Unverified),
    ("not proven", Rating::Unverified),
    ("unsupported", Rating::Unverified),
    ("unsubstantiated", Rating::Unverified),
    ("no evidence", Rating::Unverified),
    ("insufficient evidence", Rating::Unverified),
    ("lack of evidence", Rating::Unverified),
    ("no proof", Rating::Unverified),
    ("undetermined", Rating::Unverified),
    ("inconclusive", Rating::Unverified),
    ("research in progress", Rating::Unverified),
    ("cannot be verified", Rating::Unverified),
    ("can t be verified", Rating::Unverified),
    // Opinion
    ("opinion", Rating::Opinion),
    ("commentary", Rating::Opinion),
];

/// Labels [`rating_from_label`] deliberately does not map, so that such a
/// review falls back to its numeric rating or is dropped with a warning:
/// - `Satire` / `Labeled satire`: says what kind of text the source is, not
///   whether the claim is true (satire repeated as fact is false; read as
///   satire it makes no claim);
/// - PolitiFact's Flip-O-Meter (`Full flop`, `Half flip`, `No flip`): rates
///   consistency, not truth;
/// - `Not rated`, `Unrated`, `Legend`: no verdict.
pub const UNMAPPED_LABELS: &[&str] =
    &["satire", "labeled satire", "labelled satire", "full flop", "half flip", "no flip", "flip flop", "not rated", "unrated", "legend"];

/// Folds a label for lookup: lowercase ASCII words separated by one space.
fn fold_label(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

fn lookup(folded: &str) -> Option<Rating> {
    if UNMAPPED_LABELS.contains(&folded) {
        return None;
    }
    LABELS.iter().find(|(l, _)| *l == folded).map(|(_, r)| *r)
}

/// Maps a fact-checker's verdict label to a normalised rating, through
/// [`LABELS`] (English labels of the major fact-checkers' scales).
///
/// The whole label is looked up first; then, for labels that continue with
/// an explanation (`False. The photo is from 2015`, `Mostly false: the
/// figure is…`, `Verdict: Misleading`), the part before the first `.`, `:`,
/// `;`, `!`, `(` or dash, or after a leading `Verdict:` / `Rating:`. A comma
/// does not split (`True, but misleading` is not `True`). Returns `None` for
/// unknown labels and for [`UNMAPPED_LABELS`].
pub fn rating_from_label(label: &str) -> Option<Rating> {
    let whole = fold_label(label);
    if whole.is_empty() || UNMAPPED_LABELS.contains(&whole.as_str()) {
        return None;
    }
    if let Some(r) = lookup(&whole) {
        return Some(r);
    }
    let trimmed = label.trim();
    // "Verdict: False", "Our rating: Mostly true".
    if let Some((head, tail)) = trimmed.split_once(':') {
        if matches!(fold_label(head).as_str(), "verdict" | "rating" | "ruling" | "our rating" | "our ruling" | "our verdict" | "conclusion")
        {
            return rating_from_label(tail);
        }
    }
    let cut = trimmed
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | ':' | ';' | '!' | '(' | '—' | '–')
                || (c == '-' && trimmed[..i].ends_with(' ') && trimmed[i + 1..].starts_with(' '))
        })
        .map(|(i, _)| i)?;
    lookup(&fold_label(&trimmed[..cut]))
}

/// Maps a numeric rating to a normalised rating.
///
/// The value is placed on the scale, `t = (value − worst) / (best − worst)`
/// (so scales where a lower number is better work too), clamped to 0–1,
/// and read like a 5-point scale rounded to the nearest point:
///
/// | `t` | rating | on 1–5 |
/// |---|---|---|
/// | below 0.125 | `false` | 1 |
/// | 0.125 to below 0.375 | `misleading` | 2 |
/// | 0.375 to below 0.625 | `mixed` | 3 |
/// | 0.625 to below 0.875 | `mostly-true` | 4 |
/// | 0.875 and above | `true` | 5 |
///
/// A degenerate scale (`best == worst`, or a value that is not a number)
/// gives `unverified`. [`import`] itself only uses values inside the scale.
pub fn rating_from_scale(value: f64, best: f64, worst: f64) -> Rating {
    let span = best - worst;
    let t = (value - worst) / span;
    if !t.is_finite() || span == 0.0 {
        return Rating::Unverified;
    }
    let t = t.clamp(0.0, 1.0);
    if t < 0.125 {
        Rating::False
    } else if t < 0.375 {
        Rating::Misleading
    } else if t < 0.625 {
        Rating::Mixed
    } else if t < 0.875 {
        Rating::MostlyTrue
    } else {
        Rating::True
    }
}

/// The number [`export`] gives a rating on its 1–5 scale (`None` for
/// `unverified` and `opinion`).
pub fn scale_value(rating: Rating) -> Option<u8> {
    match rating {
        Rating::True => Some(5),
        Rating::MostlyTrue => Some(4),
        Rating::Mixed => Some(3),
        Rating::Misleading => Some(2),
        Rating::False => Some(1),
        Rating::Unverified | Rating::Opinion => None,
    }
}

// ---------------------------------------------------------------------------
// Errors

/// Why an import produced no dataset.
enum Failure {
    /// The text is not JSON.
    Syntax(serde_json::Error),
    /// Every problem found (never none).
    Problems(Vec<DatasetError>),
}

/// Turns a failure into [`DatasetErrors`]: a syntax error with its line and
/// column, or every reason nothing could be imported, each with its path.
fn into_errors(failure: Failure) -> DatasetErrors {
    match failure {
        Failure::Syntax(e) => DatasetError::from(e).into(),
        Failure::Problems(problems) => problems.into(),
    }
}

// ---------------------------------------------------------------------------
// Import

/// Reads schema.org ClaimReview JSON-LD (see the [module docs](self) for the
/// accepted shapes and the mapping).
///
/// # Errors
///
/// Text that is not JSON gives `invalid JSON: … at line L column C`. A
/// document with no usable review gives every reason, each with its JSON
/// path (the same texts as [`problems`]).
pub fn import(json: &str) -> Result<Imported, DatasetErrors> {
    let value: Value = serde_json::from_str(json).map_err(|e| into_errors(Failure::Syntax(e)))?;
    import_value(&value).map_err(into_errors)
}

/// Reads a dataset in either format: factmark (a top-level object with a
/// `factmark` key, read by [`Dataset::from_json`], no warnings) or
/// ClaimReview (read by [`import`]).
pub fn parse_any(json: &str) -> Result<Imported, DatasetErrors> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(m)) if m.contains_key("factmark") => {
            Dataset::from_json(json).map(|dataset| Imported { dataset, warnings: Vec::new() })
        }
        Ok(v) => import_value(&v).map_err(into_errors),
        Err(e) => Err(into_errors(Failure::Syntax(e))),
    }
}

/// Why an import fails: each dropped review (with the path and message
/// [`Imported::warnings`] holds for it when the import succeeds), then what
/// that means for the whole document; the same errors [`import`] returns.
/// Empty when the import succeeds.
///
/// Empty when the text is not JSON.
pub fn problems(json: &str) -> Vec<DatasetError> {
    match serde_json::from_str::<Value>(json) {
        Ok(v) => match import_value(&v) {
            Ok(_) => Vec::new(),
            Err(Failure::Problems(p)) => p,
            Err(Failure::Syntax(_)) => Vec::new(),
        },
        Err(_) => Vec::new(),
    }
}

fn key(base: &str, k: &str) -> String {
    if base.is_empty() {
        k.to_string()
    } else {
        format!("{base}.{k}")
    }
}

fn idx(base: &str, i: usize) -> String {
    format!("{base}[{i}]")
}

/// Walking state: warnings so far and the `@id` → node table.
struct Ctx<'a> {
    nodes: HashMap<&'a str, &'a Value>,
    warnings: Vec<Warning>,
}

impl<'a> Ctx<'a> {
    fn warn(&mut self, path: &str, msg: impl Into<String>) {
        self.warnings.push(Warning::new(path, msg));
    }

    /// Follows an `{"@id": …}` reference to its node, when there is one.
    fn resolve(&self, v: &'a Value) -> &'a Value {
        if let Value::Object(m) = v {
            if let Some(Value::String(id)) = m.get("@id") {
                let bare = m.keys().all(|k| k == "@id" || k == "@type");
                if bare {
                    if let Some(node) = self.nodes.get(id.as_str()) {
                        return node;
                    }
                }
            }
        }
        v
    }
}

/// Records every node with an `@id` and other properties.
fn index_nodes<'a>(v: &'a Value, nodes: &mut HashMap<&'a str, &'a Value>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| index_nodes(x, nodes)),
        Value::Object(m) => {
            if let Some(Value::String(id)) = m.get("@id") {
                if m.keys().any(|k| k != "@id" && k != "@type") {
                    nodes.entry(id.as_str()).or_insert(v);
                }
            }
            m.values().for_each(|x| index_nodes(x, nodes));
        }
        _ => {}
    }
}

/// The local names of an object's `@type`s (`schema:ClaimReview` and
/// `https://schema.org/ClaimReview` are both `ClaimReview`).
fn types(m: &Map<String, Value>) -> Vec<&str> {
    let all: Vec<&str> = match m.get("@type") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        Some(v) => v.as_str().into_iter().collect(),
        None => Vec::new(),
    };
    all.into_iter().map(|s| s.rsplit(['/', ':', '#']).next().unwrap_or(s)).collect()
}

fn is_claim_review(m: &Map<String, Value>) -> bool {
    let t = types(m);
    if t.is_empty() {
        m.contains_key("claimReviewed")
    } else {
        t.contains(&"ClaimReview")
    }
}

fn schema_org_context(v: &Value) -> bool {
    match v {
        Value::String(s) => {
            let s = s.trim().trim_end_matches('/');
            s.eq_ignore_ascii_case("http://schema.org") || s.eq_ignore_ascii_case("https://schema.org")
        }
        Value::Array(a) => a.iter().any(schema_org_context),
        Value::Object(m) => m.get("@vocab").is_some_and(schema_org_context),
        _ => false,
    }
}

/// Finds the ClaimReview objects, in document order, with their paths.
fn collect<'a>(v: &'a Value, path: &str, out: &mut Vec<(String, &'a Map<String, Value>)>, ctx: &mut Ctx<'a>) {
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect(x, &idx(path, i), out, ctx);
            }
        }
        Value::Object(m) => {
            if let Some(c) = m.get("@context") {
                if !schema_org_context(c) {
                    ctx.warn(&key(path, "@context"), "is not schema.org; reading the properties as schema.org terms");
                }
            }
            if is_claim_review(m) {
                out.push((path.to_string(), m));
                return;
            }
            for k in ["@graph", "dataFeedElement", "item"] {
                if let Some(x) = m.get(k) {
                    collect(x, &key(path, k), out, ctx);
                }
            }
        }
        _ => {}
    }
}

/// Plain text of a JSON-LD value: a string, `{"@value": …}`, or the first
/// such element of an array.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => m.get("@value").and_then(text_of),
        Value::Array(a) => a.iter().find_map(text_of),
        _ => None,
    }
}

/// A text value, single-spaced and without control characters; `None` when
/// empty.
fn clean(v: &Value) -> Option<String> {
    let s = text_of(v)?;
    let s: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Cuts `s` to at most `max` characters, at a word boundary when one is
/// near, ending with `…`.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() * 5 >= (max - 1) * 4 => cut[..i].trim_end().to_string(),
        _ => cut,
    };
    format!("{cut}…")
}

/// Words as `Dataset::validate` counts them for phrasings.
fn enough_words(s: &str) -> bool {
    let words = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
    let cjk = s.chars().filter(|c| is_cjk(*c)).count();
    words >= 3 || cjk >= 4
}

/// A date or date-time reduced to its date part.
fn date_part(s: &str) -> &str {
    let s = s.trim();
    match s.char_indices().nth(10) {
        Some((i, c)) if c == 'T' || c == 't' || c == ' ' => &s[..i],
        _ => s,
    }
}

/// The value of `k` in an object, or of the first object of an array.
fn field<'a>(v: &'a Value, k: &str) -> Option<&'a Value> {
    match v {
        Value::Object(m) => m.get(k),
        Value::Array(a) => a.iter().find_map(|x| x.as_object().and_then(|m| m.get(k))),
        _ => None,
    }
}

/// The name of an author: text, a node with `name`, or the first usable one
/// of an array (Organizations before Persons).
fn name_of<'a>(v: &'a Value, ctx: &Ctx<'a>) -> Option<String> {
    let v = ctx.resolve(v);
    match v {
        Value::String(_) => clean(v),
        Value::Object(m) => m.get("name").and_then(clean).or_else(|| m.get("legalName").and_then(clean)),
        Value::Array(a) => {
            let nodes: Vec<&Value> = a.iter().map(|x| ctx.resolve(x)).collect();
            let org = nodes.iter().find(|x| x.as_object().is_some_and(|m| types(m).contains(&"Organization")));
            org.and_then(|x| name_of(x, ctx)).or_else(|| nodes.iter().find_map(|x| name_of(x, ctx)))
        }
        _ => None,
    }
}

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 80 && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// How a review's rating was read.
#[derive(Debug, Clone)]
struct ReadRating {
    rating: Rating,
    label: Option<String>,
    /// (value, best, worst), when the rating came from the numbers.
    scale: Option<(f64, f64, f64)>,
}

/// One usable review.
#[derive(Debug, Clone)]
struct Item {
    claim: String,
    phrasings: Vec<String>,
    identifier: Option<String>,
    rating: ReadRating,
    publisher: String,
    date: String,
    url: String,
    title: String,
    body: Option<String>,
    claimant: Option<String>,
    claim_date: Option<String>,
    appearances: Vec<String>,
    language: Option<String>,
    as_of: Option<String>,
    stale_after_days: Option<u32>,
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|x| x.is_finite()),
        Value::Object(m) => m.get("@value").and_then(number),
        _ => None,
    }
}

fn read_rating<'a>(rr: &'a Value, path: &str, ctx: &Ctx<'a>) -> Result<ReadRating, DatasetError> {
    let rr = ctx.resolve(rr);
    if let Value::String(_) = rr {
        // A bare label: "reviewRating": "False".
        let label = clean(rr).map(|l| truncate(&l, 100));
        return match label.as_deref().and_then(rating_from_label) {
            Some(rating) => Ok(ReadRating { rating, label, scale: None }),
            None => Err(DatasetError::new(path, format!("\"{}\" is not a rating factmark knows", label.unwrap_or_default()))),
        };
    }
    let (rr, path) = match rr {
        Value::Array(a) => match a.iter().position(Value::is_object) {
            Some(i) => (&a[i], idx(path, i)),
            None => return Err(DatasetError::new(path, "is not a Rating object")),
        },
        Value::Object(_) => (rr, path.to_string()),
        _ => return Err(DatasetError::new(path, "is not a Rating object")),
    };
    let (label, label_key) = match rr.get("alternateName").and_then(clean) {
        Some(l) => (Some(l), "alternateName"),
        None => (rr.get("name").and_then(clean), "name"),
    };
    let label = label.map(|l| truncate(&l, 100));
    let from_label = label.as_deref().and_then(rating_from_label);
    let scale = rr.get("ratingValue").and_then(number).and_then(|value| {
        let best = rr.get("bestRating").and_then(number).unwrap_or(5.0);
        let worst = rr.get("worstRating").and_then(number).unwrap_or(1.0);
        let (lo, hi) = if best < worst { (best, worst) } else { (worst, best) };
        (best != worst && (lo..=hi).contains(&value)).then_some((value, best, worst))
    });
    if let Some(rating) = from_label {
        return Ok(ReadRating { rating, label, scale: None });
    }
    if let Some((v, b, w)) = scale {
        return Ok(ReadRating { rating: rating_from_scale(v, b, w), label, scale: Some((v, b, w)) });
    }
    let has_value = rr.get("ratingValue").is_some();
    Err(match label {
        Some(l) => DatasetError::new(
            key(&path, label_key),
            format!(
                "\"{l}\" is not a rating factmark knows{}",
                if has_value { ", and ratingValue is not on the rating's scale" } else { ", and there is no ratingValue" }
            ),
        ),
        None if has_value => {
            DatasetError::new(key(&path, "ratingValue"), "is not a number on the rating's scale, and there is no alternateName")
        }
        None => DatasetError::new(path, "has no alternateName and no ratingValue"),
    })
}

/// URLs from `appearance`-like values: strings, objects with `url` (or
/// `@id`), arrays of either.
fn urls_of<'a>(v: &'a Value, path: &str, ctx: &mut Ctx<'a>, out: &mut Vec<String>) {
    let v = ctx.resolve(v);
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                urls_of(x, &idx(path, i), ctx, out);
            }
        }
        Value::String(s) => match check_url(s.trim()) {
            Ok(()) => out.push(s.trim().to_string()),
            Err(msg) => ctx.warn(path, format!("{msg}; ignored")),
        },
        Value::Object(m) => match m.get("url").or_else(|| m.get("@id")) {
            Some(u) => urls_of(u, &key(path, if m.contains_key("url") { "url" } else { "@id" }), ctx, out),
            None => ctx.warn(path, "has no url; ignored"),
        },
        _ => ctx.warn(path, "is not a URL; ignored"),
    }
}

fn read_item<'a>(m: &'a Map<String, Value>, path: &str, ctx: &mut Ctx<'a>) -> Result<Item, DatasetError> {
    let fail = |k: &str, msg: &str| DatasetError::new(key(path, k), msg);
    // claimReviewed
    let claim = match m.get("claimReviewed") {
        None => return Err(fail("claimReviewed", "missing; the review is dropped")),
        Some(v) => clean(v).ok_or_else(|| fail("claimReviewed", "is empty or not text; the review is dropped"))?,
    };
    if !enough_words(&claim) {
        return Err(fail("claimReviewed", &format!("\"{claim}\" is shorter than three words; the review is dropped")));
    }
    if claim.chars().count() > 500 {
        return Err(fail(
            "claimReviewed",
            &format!("is {} characters long; the limit is 500; the review is dropped", claim.chars().count()),
        ));
    }
    // reviewRating
    let rating = match m.get("reviewRating") {
        None => return Err(fail("reviewRating", "missing; the review is dropped")),
        Some(rr) => read_rating(rr, &key(path, "reviewRating"), &*ctx)
            .map_err(|e| DatasetError::new(e.path(), format!("{}; the review is dropped", e.message())))?,
    };
    // url
    let url = match m.get("url") {
        None => return Err(fail("url", "missing; the review is dropped")),
        Some(v) => {
            let u = text_of(v).map(|s| s.trim().to_string()).unwrap_or_default();
            if let Err(msg) = check_url(&u) {
                return Err(fail("url", &format!("{msg}; the review is dropped")));
            }
            u
        }
    };
    // datePublished
    let date = match m.get("datePublished").and_then(text_of) {
        None => return Err(fail("datePublished", "missing; the review is dropped")),
        Some(d) => {
            let d = date_part(&d).to_string();
            match PartialDate::parse(&d) {
                Ok(p) if p.day.is_some() => d,
                Ok(_) => return Err(fail("datePublished", &format!("\"{d}\" is not a full date (YYYY-MM-DD); the review is dropped"))),
                Err(msg) => return Err(fail("datePublished", &format!("{msg}; the review is dropped"))),
            }
        }
    };
    // temporalCoverage: how current the facts are (an interval's end, or one date)
    let published = PartialDate::parse(&date).ok();
    let as_of = m.get("temporalCoverage").and_then(text_of).and_then(|t| {
        let end = date_part(t.trim().rsplit('/').next().unwrap_or(""));
        match PartialDate::parse(end) {
            Ok(d) if published.is_some_and(|p| d.days_until(p) < 0) => {
                ctx.warn(&key(path, "temporalCoverage"), format!("\"{end}\" is after datePublished; ignored"));
                None
            }
            Ok(_) => Some(end.to_string()),
            Err(_) => {
                ctx.warn(
                    &key(path, "temporalCoverage"),
                    format!("\"{t}\" is not a date or an interval ending in one (../YYYY-MM-DD); ignored"),
                );
                None
            }
        }
    });
    // expires: how long the facts stay current, from asOf (or the review)
    let stale_after_days = m.get("expires").and_then(text_of).and_then(|t| {
        let base = as_of.as_deref().and_then(|a| PartialDate::parse(a).ok()).or(published)?;
        match PartialDate::parse(date_part(&t)) {
            Ok(e) if base.days_until(e) >= 1 => u32::try_from(base.days_until(e)).ok(),
            Ok(_) => {
                ctx.warn(&key(path, "expires"), format!("\"{t}\" is not after the facts' date; ignored"));
                None
            }
            Err(msg) => {
                ctx.warn(&key(path, "expires"), format!("{msg}; ignored"));
                None
            }
        }
    });
    // author
    let publisher = match m.get("author").and_then(|a| name_of(a, ctx)).or_else(|| m.get("publisher").and_then(|p| name_of(p, ctx))) {
        Some(p) => truncate(&p, 200),
        None => {
            let host = url.split("//").nth(1).unwrap_or("").split(['/', '?', '#']).next().unwrap_or("");
            let host = host.rsplit('@').next().unwrap_or(host).to_string();
            ctx.warn(&key(path, "author"), format!("missing or without a name; using the review URL's host \"{host}\" as the publisher"));
            host
        }
    };
    let title = m
        .get("headline")
        .and_then(clean)
        .or_else(|| m.get("name").and_then(clean))
        .map(|t| truncate(&t, 300))
        .unwrap_or_else(|| truncate(&format!("Fact-check by {publisher}"), 300));
    let body = m
        .get("reviewBody")
        .and_then(clean)
        .or_else(|| m.get("reviewRating").and_then(|r| field(ctx.resolve(r), "ratingExplanation")).and_then(clean))
        .or_else(|| m.get("description").and_then(clean));
    // itemReviewed
    let mut claimant = None;
    let mut claim_date = None;
    let mut appearances = Vec::new();
    let mut phrasings = vec![claim.clone()];
    let mut language = None;
    if let Some(ir) = m.get("itemReviewed") {
        let ir_path = key(path, "itemReviewed");
        let ir = ctx.resolve(ir);
        let (ir, ir_path) = match ir {
            Value::Array(a) => match a.iter().position(Value::is_object) {
                Some(i) => (ctx.resolve(&a[i]), idx(&ir_path, i)),
                None => (ir, ir_path),
            },
            _ => (ir, ir_path),
        };
        if let Value::Object(irm) = ir {
            claimant = irm.get("author").and_then(|a| name_of(a, ctx)).map(|c| truncate(&c, 200));
            if let Some(d) = irm.get("datePublished").and_then(text_of) {
                let d = date_part(&d).to_string();
                match PartialDate::parse(&d) {
                    Ok(_) => claim_date = Some(d),
                    Err(msg) => ctx.warn(&key(&ir_path, "datePublished"), format!("{msg}; ignored")),
                }
            }
            for k in ["firstAppearance", "appearance", "url"] {
                if let Some(v) = irm.get(k) {
                    urls_of(v, &key(&ir_path, k), ctx, &mut appearances);
                }
            }
            if let Some(alt) = irm.get("alternateName") {
                let alts: Vec<&Value> = match alt {
                    Value::Array(a) => a.iter().collect(),
                    v => vec![v],
                };
                let mut seen: HashSet<String> = phrasings.iter().cloned().collect();
                for (i, a) in alts.into_iter().enumerate() {
                    let p = if matches!(alt, Value::Array(_)) {
                        idx(&key(&ir_path, "alternateName"), i)
                    } else {
                        key(&ir_path, "alternateName")
                    };
                    match clean(a) {
                        Some(t) if enough_words(&t) && t.chars().count() <= 500 => {
                            if seen.insert(t.clone()) && phrasings.len() < MAX_PHRASINGS {
                                phrasings.push(t);
                            }
                        }
                        _ => ctx.warn(&p, "is not a phrasing of three to 500 words' worth of text; ignored"),
                    }
                }
            }
            language = irm.get("inLanguage").and_then(language_of);
        }
    }
    if let Some(l) = m.get("inLanguage") {
        match language_of(l) {
            Some(t) => language = Some(t),
            None => ctx.warn(&key(path, "inLanguage"), "is not a language tag (e.g. en, zh-Hans); ignored"),
        }
    }
    let identifier = m.get("identifier").and_then(text_of).map(|s| s.trim().to_string()).filter(|s| is_id(s));
    let mut dedup = HashSet::new();
    appearances.retain(|u| dedup.insert(u.clone()));
    Ok(Item {
        claim,
        phrasings,
        identifier,
        rating,
        publisher,
        date,
        url,
        title,
        body,
        claimant,
        claim_date,
        appearances,
        language,
        as_of,
        stale_after_days,
    })
}

/// A language tag from `inLanguage`: text, or a Language node's
/// `alternateName` / `name`.
fn language_of(v: &Value) -> Option<String> {
    let t = match v {
        Value::Object(m) => m.get("alternateName").and_then(text_of).or_else(|| m.get("name").and_then(text_of)),
        _ => text_of(v),
    }?;
    let t = t.trim().to_string();
    is_language_tag(&t).then_some(t)
}

/// A slug of `text`: its folded words (see [`normalize`]) reduced to ASCII
/// letters and digits, joined with `-`, at most [`MAX_SLUG`] characters
/// (cut at a word boundary, without a trailing function word), `claim` when
/// the text has no ASCII letters or digits.
pub fn slug(text: &str) -> String {
    let folded = normalize(text);
    let mut words: Vec<String> = Vec::new();
    let mut len = 0;
    let mut cut = false;
    for w in folded.split(' ') {
        let w: String = w.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        if w.is_empty() {
            continue;
        }
        let extra = if words.is_empty() { w.len() } else { w.len() + 1 };
        if len + extra > MAX_SLUG {
            if words.is_empty() {
                words.push(w[..MAX_SLUG].to_string());
            }
            cut = true;
            break;
        }
        len += extra;
        words.push(w);
    }
    // A cut slug does not end on a function word ("…-introduced-a").
    while cut && words.len() > 1 && words.last().is_some_and(|w| is_stopword(w)) {
        words.pop();
    }
    let mut out = words.join("-");
    if out.is_empty() {
        out.push_str("claim");
    }
    out
}

/// `base`, or `base-2`, `base-3`… whichever is free; at most [`MAX_SLUG`]
/// characters unless `base` is longer (an `identifier`).
fn unique(base: &str, used: &mut HashSet<String>) -> String {
    if used.insert(base.to_string()) {
        return base.to_string();
    }
    for n in 2.. {
        let suffix = format!("-{n}");
        let room = MAX_SLUG.max(base.len()).saturating_sub(suffix.len());
        let stem = base[..base.len().min(room)].trim_end_matches('-');
        let id = format!("{stem}{suffix}");
        if used.insert(id.clone()) {
            return id;
        }
    }
    unreachable!()
}

fn display_date(d: &str) -> String {
    PartialDate::parse(d).map(|p| p.display()).unwrap_or_else(|_| d.to_string())
}

/// How a review rated the claim, for the verdict: `"Pants on Fire"` or
/// `4 on a scale from 1 (worst) to 5 (best)`.
fn rated(r: &ReadRating) -> String {
    match (&r.label, r.scale) {
        (Some(l), _) => format!("\"{l}\""),
        (None, Some((v, b, w))) => format!("{v} on a scale from {w} (worst) to {b} (best)"),
        (None, None) => format!("\"{}\"", r.rating.label()),
    }
}

/// The verdict line: each publisher's rating, newest first, ≤ 300 characters.
fn verdict(items: &[Item]) -> String {
    if let [one] = items {
        return truncate(&format!("{} rated this claim {}.", one.publisher, rated(&one.rating)), 300);
    }
    let parts: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let verb = if i == 0 { "rated this claim" } else { "rated it" };
            format!("{} {verb} {} ({})", it.publisher, rated(&it.rating), display_date(&it.date))
        })
        .collect();
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let candidate = if out.is_empty() { p.clone() } else { format!("{out}; {p}") };
        // Room for the closing "." or "; N more listed under reviews.".
        let reserve = if last { 1 } else { 40 };
        if !out.is_empty() && candidate.chars().count() + reserve > 300 {
            return truncate(&format!("{out}; {} more listed under reviews.", parts.len() - i), 300);
        }
        out = candidate;
    }
    truncate(&format!("{out}."), 300)
}

fn note(newest: &Item) -> String {
    match &newest.body {
        Some(b) => truncate(&format!("According to {}: {b}", newest.publisher), 2000),
        None => truncate(
            &format!(
                "{} published a fact-check of this claim on {}; see it (linked under sources) for the evidence and reasoning.",
                newest.publisher,
                display_date(&newest.date)
            ),
            2000,
        ),
    }
}

fn import_value(value: &Value) -> Result<Imported, Failure> {
    let mut nodes = HashMap::new();
    index_nodes(value, &mut nodes);
    let mut ctx = Ctx { nodes, warnings: Vec::new() };
    let mut found = Vec::new();
    collect(value, "", &mut found, &mut ctx);
    if found.is_empty() {
        return Err(Failure::Problems(vec![DatasetError::new(
            "",
            "no ClaimReview found (expected a ClaimReview object, an array of them, an object with @graph, or a feed with dataFeedElement[].item[])",
        )
        .with_kind(ErrorKind::Shape)]));
    }
    let mut groups: Vec<Vec<(usize, Item)>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut dropped = Vec::new();
    for (order, (path, m)) in found.iter().enumerate() {
        match read_item(m, path, &mut ctx) {
            Ok(item) => {
                let k = normalize(&item.claim);
                let g = *by_key.entry(k).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                if let Some((first, _)) = groups[g].iter().find(|(_, other)| other.url == item.url) {
                    let first_path = &found[*first].0;
                    ctx.warn(path, format!("repeats the review at {first_path} (same claim and URL); dropped"));
                    continue;
                }
                groups[g].push((order, item));
            }
            Err(e) => {
                ctx.warn(e.path(), e.message());
                dropped.push(e);
            }
        }
    }
    if groups.is_empty() {
        dropped.push(DatasetError::new("", format!("none of the {} ClaimReview items is usable", found.len())));
        return Err(Failure::Problems(dropped));
    }
    if groups.len() > MAX_CLAIMS {
        ctx.warn("", format!("{} claims is more than the limit of {MAX_CLAIMS}; the rest are dropped", groups.len()));
        groups.truncate(MAX_CLAIMS);
    }

    let mut used = HashSet::new();
    let mut claims = Vec::with_capacity(groups.len());
    for mut group in groups {
        // Newest first; equal dates keep document order.
        group.sort_by(|(oa, a), (ob, b)| b.date.cmp(&a.date).then(oa.cmp(ob)));
        let items: Vec<Item> = group.into_iter().map(|(_, it)| it).collect();
        let newest = &items[0];
        let base = items.iter().find_map(|it| it.identifier.clone()).unwrap_or_else(|| slug(&newest.claim));
        let id = unique(&base, &mut used);
        let mut phrasings: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for p in items.iter().flat_map(|it| it.phrasings.iter()) {
            if phrasings.len() < MAX_PHRASINGS && seen.insert(p.clone()) {
                phrasings.push(p.clone());
            }
        }
        let mut appearances: Vec<String> = Vec::new();
        for u in items.iter().flat_map(|it| it.appearances.iter()) {
            if !appearances.contains(u) {
                appearances.push(u.clone());
            }
        }
        claims.push(Claim {
            id,
            rating: newest.rating.rating,
            claim: newest.claim.clone(),
            phrasings,
            key_terms: Vec::new(),
            frames: Vec::new(),
            corrections: Vec::new(),
            correction_frames: Vec::new(),
            verdict: verdict(&items),
            note: note(newest),
            uncertain: None,
            sources: items
                .iter()
                .take(MAX_SOURCES)
                .map(|it| Source {
                    publisher: it.publisher.clone(),
                    title: it.title.clone(),
                    url: it.url.clone(),
                    date: Some(it.date.clone()),
                    quotes: Vec::new(),
                })
                .collect(),
            reviewed: newest.date.clone(),
            as_of: newest.as_of.clone(),
            stale_after_days: newest.stale_after_days,
            label: newest.rating.label.clone(),
            claimant: items.iter().find_map(|it| it.claimant.clone()),
            claim_date: items.iter().find_map(|it| it.claim_date.clone()),
            appearances,
            language: newest.language.clone(),
            reviews: items
                .iter()
                .map(|it| Review {
                    publisher: it.publisher.clone(),
                    label: it.rating.label.clone(),
                    rating: it.rating.rating,
                    url: it.url.clone(),
                    date: Some(it.date.clone()),
                })
                .collect(),
            exceptions: Vec::new(),
        });
    }
    // One language for all claims becomes the dataset's.
    let first_lang = claims[0].language.clone();
    let language = if first_lang.is_some() && claims.iter().all(|c| c.language == first_lang) {
        for c in &mut claims {
            c.language = None;
        }
        first_lang
    } else {
        None
    };
    let name = value
        .as_object()
        .and_then(|m| m.get("name"))
        .and_then(clean)
        .map(|n| truncate(&n, 200))
        .unwrap_or_else(|| "Imported from ClaimReview".to_string());
    let dataset = Dataset {
        factmark: FORMAT_VERSION,
        name: Some(name),
        language,
        stale_after_days: None,
        aliases: Vec::new(),
        concepts: Default::default(),
        claims,
    };
    match dataset.validate() {
        Ok(()) => Ok(Imported { dataset, warnings: ctx.warnings }),
        // Every field was checked above; this would be a bug, but say what
        // is wrong rather than hand on an invalid dataset.
        Err(errs) => Err(Failure::Problems(errs.errors().to_vec())),
    }
}

// ---------------------------------------------------------------------------
// Export

/// Writes the dataset as ClaimReview JSON-LD:
/// `{"@context": "https://schema.org", "@graph": [ClaimReview, …]}`, one
/// ClaimReview per claim (see the [module docs](self) for the fields).
///
/// `base_url` is the page that publishes the reviews (each review's `url`
/// is `base_url#id`; a fragment already on `base_url` is replaced); pass an
/// absolute `https` URL on the publisher's own domain, as Google requires.
/// `publisher` is the organisation named as every review's `author`.
pub fn export(dataset: &Dataset, base_url: &str, publisher: &str) -> Value {
    let base = base_url.split('#').next().unwrap_or(base_url);
    let graph: Vec<Value> = dataset
        .claims
        .iter()
        .map(|c| {
            let mut rating = Map::new();
            rating.insert("@type".into(), "Rating".into());
            let label = c.label.clone().unwrap_or_else(|| c.rating.label().to_string());
            rating.insert("alternateName".into(), label.clone().into());
            rating.insert("name".into(), label.into());
            if let Some(v) = scale_value(c.rating) {
                rating.insert("ratingValue".into(), v.into());
                rating.insert("bestRating".into(), 5.into());
                rating.insert("worstRating".into(), 1.into());
            }
            let mut item = Map::new();
            item.insert("@type".into(), "Claim".into());
            if let Some(who) = &c.claimant {
                // The dataset does not say whether the claimant is a person
                // or an organisation, so the node has no @type.
                item.insert("author".into(), json!({ "name": who }));
            }
            if let Some(d) = &c.claim_date {
                item.insert("datePublished".into(), d.clone().into());
            }
            if !c.appearances.is_empty() {
                let a: Vec<Value> = c.appearances.iter().map(|u| json!({ "@type": "CreativeWork", "url": u })).collect();
                item.insert("appearance".into(), a.into());
            }
            let others: Vec<&String> = c.phrasings.iter().filter(|p| **p != c.claim).collect();
            if !others.is_empty() {
                item.insert("alternateName".into(), json!(others));
            }
            let citation: Vec<Value> = c
                .sources
                .iter()
                .map(|s| {
                    let mut m = Map::new();
                    m.insert("@type".into(), "CreativeWork".into());
                    m.insert("name".into(), s.title.clone().into());
                    m.insert("url".into(), s.url.clone().into());
                    m.insert("publisher".into(), json!({ "@type": "Organization", "name": s.publisher }));
                    if let Some(d) = &s.date {
                        m.insert("datePublished".into(), d.clone().into());
                    }
                    Value::Object(m)
                })
                .collect();
            let mut r = Map::new();
            r.insert("@type".into(), "ClaimReview".into());
            r.insert("url".into(), format!("{base}#{}", c.id).into());
            r.insert("identifier".into(), c.id.clone().into());
            r.insert("claimReviewed".into(), c.claim.clone().into());
            r.insert("reviewRating".into(), Value::Object(rating));
            r.insert("author".into(), json!({ "@type": "Organization", "name": publisher }));
            r.insert("datePublished".into(), c.reviewed.clone().into());
            if let Some(a) = &c.as_of {
                r.insert("temporalCoverage".into(), format!("../{a}").into());
            }
            let since = PartialDate::parse(c.as_of.as_deref().unwrap_or(&c.reviewed)).ok();
            if let (Some(since), Some(days)) = (since, c.stale_after_days.or(dataset.stale_after_days)) {
                r.insert("expires".into(), since.plus_days(i64::from(days)).to_string().into());
            }
            r.insert("itemReviewed".into(), Value::Object(item));
            r.insert("headline".into(), c.verdict.clone().into());
            r.insert("reviewBody".into(), c.note.clone().into());
            if let Some(l) = c.language.as_ref().or(dataset.language.as_ref()) {
                r.insert("inLanguage".into(), l.clone().into());
            }
            r.insert("citation".into(), citation.into());
            Value::Object(r)
        })
        .collect();
    json!({ "@context": "https://schema.org", "@graph": graph })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Warnings (or errors) as users read them.
    fn texts<T: ToString>(list: &[T]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    fn review(claim: &str, label: &str, publisher: &str, date: &str, url: &str) -> Value {
        json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": claim,
            "reviewRating": { "@type": "Rating", "alternateName": label },
            "author": { "@type": "Organization", "name": publisher },
            "datePublished": date,
            "url": url
        })
    }

    fn imp(v: &Value) -> Imported {
        import(&v.to_string()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn label_table_covers_the_common_labels() {
        let cases = [
            ("True", Rating::True),
            ("Mostly True", Rating::MostlyTrue),
            ("Half True", Rating::Mixed),
            ("Half-True", Rating::Mixed),
            ("Mixed", Rating::Mixed),
            ("Mixture", Rating::Mixed),
            ("Mostly False", Rating::Misleading),
            ("False", Rating::False),
            ("FALSE", Rating::False),
            ("Pants on Fire!", Rating::False),
            ("pants-on-fire", Rating::False),
            ("Misleading", Rating::Misleading),
            ("Missing context", Rating::Misleading),
            ("Lacks context", Rating::Misleading),
            ("Exaggerated", Rating::Misleading),
            ("Partly false", Rating::Mixed),
            ("Unproven", Rating::Unverified),
            ("Unsupported", Rating::Unverified),
            ("Unverified", Rating::Unverified),
            ("Opinion", Rating::Opinion),
            ("Correct", Rating::True),
            ("Incorrect", Rating::False),
            ("Fake", Rating::False),
            ("Accurate", Rating::True),
            ("Inaccurate", Rating::False),
            ("Distorts the Facts", Rating::Misleading),
            ("Four Pinocchios", Rating::False),
            ("Three Pinocchios", Rating::Misleading),
            ("Two Pinocchios", Rating::Mixed),
            ("One Pinocchio", Rating::MostlyTrue),
            ("Geppetto Checkmark", Rating::True),
            ("No evidence", Rating::Unverified),
            ("Can't be verified", Rating::Unverified),
            ("Cherry-picked", Rating::Misleading),
            ("Altered photo", Rating::False),
            ("Misattributed", Rating::False),
            ("  mostly   TRUE ", Rating::MostlyTrue),
        ];
        for (label, want) in cases {
            assert_eq!(rating_from_label(label), Some(want), "{label}");
        }
    }

    #[test]
    fn labels_with_explanations_use_their_first_part() {
        assert_eq!(rating_from_label("False. The photo is from 2015."), Some(Rating::False));
        assert_eq!(rating_from_label("Mostly false: the figure is from 2019"), Some(Rating::Misleading));
        assert_eq!(rating_from_label("Verdict: Misleading"), Some(Rating::Misleading));
        assert_eq!(rating_from_label("Our rating: Half true"), Some(Rating::Mixed));
        assert_eq!(rating_from_label("Missing context — the bill has not passed"), Some(Rating::Misleading));
        assert_eq!(rating_from_label("Exaggerated - the number is 200"), Some(Rating::Misleading));
        // A comma does not split: this is not "True".
        assert_eq!(rating_from_label("True, but old"), None);
        assert_eq!(rating_from_label("True, but misleading"), Some(Rating::Misleading));
        assert_eq!(rating_from_label("The claim is true in parts"), None);
    }

    #[test]
    fn unknown_and_unmapped_labels_give_none() {
        for l in ["", "   ", "Satire", "Labeled Satire", "Full Flop", "Half Flip", "Not rated", "Spicy", "Falso", "42"] {
            assert_eq!(rating_from_label(l), None, "{l}");
        }
        // The table has no duplicates, and no unmapped label slipped into it.
        let mut seen = HashSet::new();
        for (l, _) in LABELS {
            assert!(seen.insert(*l), "duplicate {l}");
            assert_eq!(fold_label(l), *l, "{l} is not in folded form");
            assert!(!UNMAPPED_LABELS.contains(l), "{l}");
        }
    }

    #[test]
    fn numeric_scales() {
        let five: Vec<Rating> = (1..=5).map(|v| rating_from_scale(v as f64, 5.0, 1.0)).collect();
        assert_eq!(five, [Rating::False, Rating::Misleading, Rating::Mixed, Rating::MostlyTrue, Rating::True]);
        // Every export value reads back as its rating.
        for r in Rating::ALL {
            if let Some(v) = scale_value(r) {
                assert_eq!(rating_from_scale(v as f64, 5.0, 1.0), r);
            }
        }
        // 0–1, 1–3, 0–10, reversed (1 best, 5 worst), 1–7.
        assert_eq!(rating_from_scale(0.0, 1.0, 0.0), Rating::False);
        assert_eq!(rating_from_scale(1.0, 1.0, 0.0), Rating::True);
        assert_eq!(rating_from_scale(2.0, 3.0, 1.0), Rating::Mixed);
        assert_eq!(rating_from_scale(8.0, 10.0, 0.0), Rating::MostlyTrue);
        assert_eq!(rating_from_scale(1.0, 1.0, 5.0), Rating::True);
        assert_eq!(rating_from_scale(5.0, 1.0, 5.0), Rating::False);
        assert_eq!(rating_from_scale(4.0, 1.0, 5.0), Rating::Misleading);
        assert_eq!(rating_from_scale(6.0, 7.0, 1.0), Rating::MostlyTrue);
        // Degenerate scales and clamping.
        assert_eq!(rating_from_scale(3.0, 3.0, 3.0), Rating::Unverified);
        assert_eq!(rating_from_scale(f64::NAN, 5.0, 1.0), Rating::Unverified);
        assert_eq!(rating_from_scale(9.0, 5.0, 1.0), Rating::True);
        assert_eq!(rating_from_scale(-1.0, 5.0, 1.0), Rating::False);
    }

    const GREENLAND: &str = "Trump recently claimed he wants control over Greenland";
    const NO_PLAN: &str = "NATO has not developed a clear plan to deal with a U.S. withdrawal";

    #[test]
    fn single_object_maps_every_field() {
        let v = json!({
            "@context": "http://schema.org/",
            "@type": ["ClaimReview"],
            "claimReviewed": "  Trump recently\nclaimed he wants control over Greenland ",
            "reviewRating": { "@type": "Rating", "alternateName": "True", "ratingValue": 5, "bestRating": 5, "worstRating": 1 },
            "author": [{ "@type": "Person", "name": "A. Writer" }, { "@type": "Organization", "name": "Example Fact Desk" }],
            "datePublished": "2026-01-20T09:30:00+01:00",
            "url": "https://example.org/factdesk/greenland",
            "headline": "Did Trump say he wants Greenland?",
            "reviewBody": "He said so in several interviews.",
            "inLanguage": "en",
            "itemReviewed": {
                "@type": "Claim",
                "author": { "@type": "Organization", "name": "Example Article" },
                "datePublished": "2026-01",
                "appearance": [{ "@type": "CreativeWork", "url": "https://example.com/article" }, "https://example.com/copy", "javascript:x"],
                "firstAppearance": { "@type": "CreativeWork", "url": "https://example.com/first" }
            }
        });
        let i = imp(&v);
        let c = &i.dataset.claims[0];
        assert_eq!(c.id, "trump-recently-claimed-he-wants-control-over-greenland");
        assert_eq!(c.claim, GREENLAND);
        assert_eq!(c.phrasings, [GREENLAND]);
        assert_eq!(c.rating, Rating::True);
        assert_eq!(c.label.as_deref(), Some("True"));
        assert_eq!(c.reviewed, "2026-01-20");
        assert_eq!(c.verdict, "Example Fact Desk rated this claim \"True\".");
        assert_eq!(c.note, "According to Example Fact Desk: He said so in several interviews.");
        assert_eq!(c.sources[0].title, "Did Trump say he wants Greenland?");
        assert_eq!(c.sources[0].publisher, "Example Fact Desk");
        assert_eq!(c.sources[0].date.as_deref(), Some("2026-01-20"));
        assert_eq!(c.claimant.as_deref(), Some("Example Article"));
        assert_eq!(c.claim_date.as_deref(), Some("2026-01"));
        assert_eq!(c.appearances, ["https://example.com/first", "https://example.com/article", "https://example.com/copy"]);
        assert_eq!(i.dataset.language.as_deref(), Some("en"));
        assert_eq!(c.language, None);
        assert_eq!(c.reviews.len(), 1);
        assert_eq!(texts(&i.warnings), ["itemReviewed.appearance[2]: scheme \"javascript\" is not allowed (only http and https); ignored"]);
    }

    #[test]
    fn missing_explanation_gives_a_pointer_not_a_made_up_note() {
        let i = imp(&review(GREENLAND, "True", "Example Fact Desk", "2026-01-20", "https://example.org/x"));
        let c = &i.dataset.claims[0];
        assert_eq!(
            c.note,
            "Example Fact Desk published a fact-check of this claim on 20 Jan 2026; see it (linked under sources) for the evidence and reasoning."
        );
        assert_eq!(c.sources[0].title, "Fact-check by Example Fact Desk");
    }

    #[test]
    fn arrays_graphs_and_feeds() {
        let a = review(GREENLAND, "True", "Example Fact Desk", "2026-01-20", "https://example.org/a");
        let b = review(NO_PLAN, "Mostly true", "Sample Verify", "2026-01-02", "https://example.com/b");
        let array = json!([a, b]);
        let graph = json!({ "@context": "https://schema.org", "@graph": [{ "@type": "Organization", "name": "X" }, a, b] });
        let feed = json!({
            "@context": "https://schema.org", "@type": "DataFeed",
            "dataFeedElement": [
                { "@type": "DataFeedItem", "item": [a] },
                { "@type": "DataFeedItem", "item": b }
            ]
        });
        for v in [array, graph, feed] {
            let i = imp(&v);
            let ids: Vec<&str> = i.dataset.claims.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(
                ids,
                ["trump-recently-claimed-he-wants-control-over-greenland", "nato-has-not-developed-a-clear-plan-to-deal-with-a-us"],
                "{v}"
            );
            assert!(i.warnings.is_empty(), "{:?}", i.warnings);
        }
    }

    #[test]
    fn types_and_contexts() {
        let mut v = review(GREENLAND, "True", "P", "2026-01-20", "https://example.org/a");
        for t in [json!("schema:ClaimReview"), json!("https://schema.org/ClaimReview"), json!(["CreativeWork", "ClaimReview"])] {
            v["@type"] = t;
            assert_eq!(imp(&v).dataset.claims.len(), 1);
        }
        v.as_object_mut().unwrap().remove("@type");
        assert_eq!(imp(&v).dataset.claims.len(), 1, "claimReviewed without @type");
        v["@context"] = json!("https://example.net/vocab");
        assert_eq!(texts(&imp(&v).warnings), ["@context: is not schema.org; reading the properties as schema.org terms"]);
        v["@context"] = json!({ "@vocab": "http://schema.org/" });
        assert!(imp(&v).warnings.is_empty());
        v["@type"] = json!("Review");
        assert!(import(&v.to_string()).is_err(), "a plain Review is not a ClaimReview");
    }

    #[test]
    fn reviews_of_one_claim_are_grouped_newest_first() {
        let older = review(GREENLAND, "Accurate", "Sample Verify", "2026-01-10", "https://example.com/verify/1");
        let newer = review(
            "Trump recently claimed he wants CONTROL over Greenland!",
            "True",
            "Example Fact Desk",
            "2026-01-20",
            "https://example.org/fd/1",
        );
        let other = review(NO_PLAN, "Mostly true", "Sample Verify", "2026-01-02", "https://example.com/verify/2");
        let i = imp(&json!([older, other, newer]));
        assert_eq!(i.dataset.claims.len(), 2);
        let c = &i.dataset.claims[0];
        let pubs: Vec<&str> = c.reviews.iter().map(|r| r.publisher.as_str()).collect();
        assert_eq!(pubs, ["Example Fact Desk", "Sample Verify"]);
        assert_eq!(c.reviews[0].date.as_deref(), Some("2026-01-20"));
        assert_eq!(c.reviewed, "2026-01-20");
        assert_eq!(c.claim, "Trump recently claimed he wants CONTROL over Greenland!");
        assert_eq!(c.label.as_deref(), Some("True"));
        assert_eq!(c.sources.len(), 2);
        assert_eq!(c.sources[0].url, "https://example.org/fd/1");
        assert_eq!(c.phrasings.len(), 2, "both wordings kept: {:?}", c.phrasings);
        assert_eq!(
            c.verdict,
            "Example Fact Desk rated this claim \"True\" (20 Jan 2026); Sample Verify rated it \"Accurate\" (10 Jan 2026)."
        );
        assert!(c.note.starts_with("Example Fact Desk published"), "{}", c.note);
    }

    #[test]
    fn long_verdicts_stay_within_300_characters() {
        let reviews: Vec<Value> = (0..12)
            .map(|n| {
                review(
                    GREENLAND,
                    "Mostly true",
                    &format!("Publisher number {n} of a long list of publishers"),
                    &format!("2026-01-{:02}", n + 1),
                    &format!("https://example.org/{n}"),
                )
            })
            .collect();
        let i = imp(&json!(reviews));
        let v = &i.dataset.claims[0].verdict;
        assert!(v.chars().count() <= 300, "{v}");
        assert!(v.starts_with("Publisher number 11 of a long list of publishers rated this claim \"Mostly true\" (12 Jan 2026); "), "{v}");
        assert!(v.ends_with("more listed under reviews."), "{v}");
        assert_eq!(i.dataset.claims[0].sources.len(), MAX_SOURCES.min(12));
        assert_eq!(i.dataset.claims[0].reviews.len(), 12);
    }

    #[test]
    fn unusable_items_are_dropped_with_their_paths() {
        let good = review(GREENLAND, "True", "Example Fact Desk", "2026-01-20", "https://example.org/a");
        let mut no_claim = good.clone();
        no_claim.as_object_mut().unwrap().remove("claimReviewed");
        let short = review("NATO is obsolete", "Opinion", "P", "2026-01-20", "https://example.org/b");
        let shorter = review("NATO obsolete", "Opinion", "P", "2026-01-20", "https://example.org/b");
        let bad_label = review("NATO has not developed a clear plan", "Spicy", "P", "2026-01-20", "https://example.org/c");
        let bad_url = review("NATO has not developed a clear plan", "True", "P", "2026-01-20", "javascript:alert(1)");
        let no_date = {
            let mut r = review("NATO has not developed a clear plan", "True", "P", "2026-01-20", "https://example.org/d");
            r.as_object_mut().unwrap().remove("datePublished");
            r
        };
        let month_only = review("NATO has not developed a clear plan", "True", "P", "2026-01", "https://example.org/e");
        let feed = json!({ "dataFeedElement": [
            { "item": [good, no_claim] },
            { "item": [short, shorter] },
            { "item": [bad_label, bad_url, no_date, month_only] }
        ]});
        let i = imp(&feed);
        assert_eq!(i.dataset.claims.len(), 2, "the good one and the three-word one");
        assert_eq!(
            texts(&i.warnings),
            [
                "dataFeedElement[0].item[1].claimReviewed: missing; the review is dropped",
                "dataFeedElement[1].item[1].claimReviewed: \"NATO obsolete\" is shorter than three words; the review is dropped",
                "dataFeedElement[2].item[0].reviewRating.alternateName: \"Spicy\" is not a rating factmark knows, and there is no ratingValue; the review is dropped",
                "dataFeedElement[2].item[1].url: scheme \"javascript\" is not allowed (only http and https); the review is dropped",
                "dataFeedElement[2].item[2].datePublished: missing; the review is dropped",
                "dataFeedElement[2].item[3].datePublished: \"2026-01\" is not a full date (YYYY-MM-DD); the review is dropped",
            ]
        );
    }

    #[test]
    fn unknown_label_falls_back_to_the_scale() {
        let mut v = review(GREENLAND, "Numbers check out", "P", "2026-01-20", "https://example.org/a");
        v["reviewRating"]["ratingValue"] = json!("4");
        let c = &imp(&v).dataset.claims[0];
        assert_eq!(c.rating, Rating::MostlyTrue, "schema.org defaults: best 5, worst 1");
        assert_eq!(c.label.as_deref(), Some("Numbers check out"));
        // No label at all: the verdict gives the number and the scale.
        v["reviewRating"] = json!({ "ratingValue": 2, "bestRating": 10, "worstRating": 0 });
        let c = &imp(&v).dataset.claims[0];
        assert_eq!(c.rating, Rating::Misleading);
        assert_eq!(c.label, None);
        assert_eq!(c.verdict, "P rated this claim 2 on a scale from 0 (worst) to 10 (best).");
        // Outside the scale: unusable.
        v["reviewRating"] = json!({ "ratingValue": -1, "bestRating": 5, "worstRating": 1 });
        let e = problems(&json!([v]).to_string());
        assert_eq!(
            e[0].to_string(),
            "[0].reviewRating.ratingValue: is not a number on the rating's scale, and there is no alternateName; the review is dropped"
        );
    }

    #[test]
    fn nothing_usable_is_an_error() {
        let mut bad = review(GREENLAND, "True", "P", "2026-01-20", "ftp://example.org/a");
        assert_eq!(
            import(&bad.to_string()).unwrap_err().to_string(),
            "url: scheme \"ftp\" is not allowed (only http and https); the review is dropped (and 1 more problems)"
        );
        let errs = problems(&bad.to_string());
        let found: Vec<(&str, &str, ErrorKind)> = errs.iter().map(|e| (e.path(), e.message(), e.kind())).collect();
        assert_eq!(
            found,
            [
                ("url", "scheme \"ftp\" is not allowed (only http and https); the review is dropped", ErrorKind::Rule),
                ("", "none of the 1 ClaimReview items is usable", ErrorKind::Rule),
            ]
        );
        bad["url"] = json!("https://example.org/a");
        assert!(import(&bad.to_string()).is_ok());
        for doc in ["{}", "[]", "42", "{\"@graph\": []}", "{\"dataFeedElement\": [{\"item\": []}]}"] {
            let e = import(doc).unwrap_err();
            assert!(e.to_string().starts_with("dataset: no ClaimReview found") || e.to_string().contains("none of the"), "{doc}: {e}");
        }
        let none = &problems("{}")[0];
        assert!(none.message().starts_with("no ClaimReview found"), "{none}");
        assert_eq!((none.path(), none.kind()), ("", ErrorKind::Shape));
    }

    #[test]
    fn syntax_errors_keep_their_position() {
        let e = import("{\"@context\": \"https://schema.org\",\n  \"claimReviewed\": ,}").unwrap_err();
        assert_eq!(e.to_string(), "dataset: invalid JSON: expected value at line 2 column 20");
        let e = import("[{\"a\": 1}").unwrap_err();
        assert_eq!(e.to_string(), "dataset: invalid JSON: EOF while parsing a list at line 1 column 9");
        let e = parse_any("{\"factmark\": 1, \"claims\": [").unwrap_err();
        assert!(e.to_string().starts_with("dataset: invalid JSON: EOF"), "{e}");
    }

    #[test]
    fn graph_references_are_followed() {
        let v = json!({
            "@context": "https://schema.org",
            "@graph": [
                { "@type": "Organization", "@id": "https://example.org/#org", "name": "Example Fact Desk" },
                { "@type": "ClaimReview", "claimReviewed": GREENLAND, "author": { "@id": "https://example.org/#org" },
                  "reviewRating": { "@type": "Rating", "alternateName": "True" },
                  "datePublished": "2026-01-20", "url": "https://example.org/a" }
            ]
        });
        let i = imp(&v);
        assert_eq!(i.dataset.claims[0].reviews[0].publisher, "Example Fact Desk");
        assert!(i.warnings.is_empty());
    }

    #[test]
    fn missing_author_uses_the_host() {
        let mut v = review(GREENLAND, "True", "P", "2026-01-20", "https://checks.example.org/a?b");
        v.as_object_mut().unwrap().remove("author");
        let i = imp(&v);
        assert_eq!(i.dataset.claims[0].reviews[0].publisher, "checks.example.org");
        assert_eq!(
            texts(&i.warnings),
            ["author: missing or without a name; using the review URL's host \"checks.example.org\" as the publisher"]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug(GREENLAND), "trump-recently-claimed-he-wants-control-over-greenland");
        assert_eq!(slug("The U.S. pays most of NATO’s budget!"), "the-us-pays-most-of-nato-budget");
        assert_eq!(slug("Zürich’s café costs €5"), "zurich-cafe-costs-5");
        assert_eq!(slug("北约正在与俄罗斯作战"), "claim");
        let long = slug("one two three four five six seven eight nine ten eleven twelve thirteen fourteen");
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
        assert_eq!(long, "one-two-three-four-five-six-seven-eight-nine-ten-eleven");
        assert_eq!(
            slug("In December 2025, Republican Thomas Massie introduced a proposal"),
            "in-december-2025-republican-thomas-massie-introduced"
        );
        assert_eq!(slug(&"x".repeat(100)).len(), MAX_SLUG);
        let mut used = HashSet::new();
        assert_eq!(unique("a-b", &mut used), "a-b");
        assert_eq!(unique("a-b", &mut used), "a-b-2");
        assert_eq!(unique("a-b", &mut used), "a-b-3");
        let base = slug(&"word ".repeat(30));
        assert_eq!(unique(&base, &mut used), base);
        let second = unique(&base, &mut used);
        assert!(second.len() <= MAX_SLUG && second.ends_with("-2"), "{second}");
    }

    #[test]
    fn same_slug_different_claims_get_numbered_ids() {
        let a = review("NATO is a Cold War relic!", "Opinion", "P", "2026-01-20", "https://example.org/a");
        let b = review("NATO is a Cold-War relic?", "Opinion", "Q", "2026-01-20", "https://example.org/b");
        let c = review("NATO: is a cold war relic", "Opinion", "R", "2026-01-19", "https://example.org/c");
        let i = imp(&json!([a, b, c]));
        // All three normalise alike: one claim.
        assert_eq!(i.dataset.claims.len(), 1);
        // Different claims whose slugs coincide (Ω has no ASCII form).
        let d = review("NATO is a Cold War relic", "Opinion", "S", "2026-01-20", "https://example.org/d");
        let e = review("NATO is a Cold War relic Ω", "Opinion", "T", "2026-01-20", "https://example.org/e");
        let i = imp(&json!([d, e]));
        let ids: Vec<&str> = i.dataset.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["nato-is-a-cold-war-relic", "nato-is-a-cold-war-relic-2"]);
    }

    #[test]
    fn duplicate_reviews_are_dropped() {
        let a = review(GREENLAND, "True", "P", "2026-01-20", "https://example.org/a");
        let i = imp(&json!([a.clone(), a]));
        assert_eq!(i.dataset.claims[0].reviews.len(), 1);
        assert_eq!(texts(&i.warnings), ["[1]: repeats the review at [0] (same claim and URL); dropped"]);
    }

    #[test]
    fn oversized_and_odd_fields_are_made_to_fit() {
        let mut v = review(GREENLAND, &"Mostly true ".repeat(20), &"P".repeat(300), "2026-01-20", "https://example.org/a");
        v["reviewRating"]["ratingValue"] = json!(4);
        v["reviewBody"] = json!("x".repeat(5000));
        v["headline"] = json!("h\u{7}".repeat(400));
        v["inLanguage"] = json!("English language");
        let i = imp(&v);
        let c = &i.dataset.claims[0];
        assert!(c.label.as_ref().unwrap().chars().count() <= 100);
        assert_eq!(c.rating, Rating::MostlyTrue);
        assert_eq!(c.note.chars().count(), 2000);
        assert!(c.verdict.chars().count() <= 300);
        assert_eq!(texts(&i.warnings), ["inLanguage: is not a language tag (e.g. en, zh-Hans); ignored"]);
    }

    #[test]
    fn parse_any_reads_both_formats() {
        let bundled = crate::BUNDLED_JSON;
        let i = parse_any(bundled).unwrap();
        assert_eq!(i.dataset, crate::bundled_dataset());
        assert!(i.warnings.is_empty());
        let i = parse_any(&review(GREENLAND, "True", "P", "2026-01-20", "https://example.org/a").to_string()).unwrap();
        assert_eq!(i.dataset.claims[0].rating, Rating::True);
        // A factmark document with an error keeps its own path.
        let e = parse_any("{\"factmark\": 1, \"claims\": [{\"id\": 5}]}").unwrap_err();
        assert!(e.to_string().starts_with("claims[0].id: invalid type"), "{e}");
    }

    #[test]
    fn export_has_googles_required_fields() {
        let d = crate::bundled_dataset();
        let v = export(&d, "https://factmark.example/reviews#old", "Factmark Desk");
        assert_eq!(v["@context"], "https://schema.org");
        let graph = v["@graph"].as_array().unwrap();
        assert_eq!(graph.len(), d.claims.len());
        for (c, r) in d.claims.iter().zip(graph) {
            assert_eq!(r["@type"], "ClaimReview");
            assert_eq!(r["claimReviewed"], c.claim.as_str());
            assert_eq!(r["url"], format!("https://factmark.example/reviews#{}", c.id));
            assert!(check_url(r["url"].as_str().unwrap()).is_ok());
            assert_eq!(r["author"]["@type"], "Organization");
            assert_eq!(r["author"]["name"], "Factmark Desk");
            assert_eq!(r["datePublished"], c.reviewed.as_str());
            let rr = &r["reviewRating"];
            assert_eq!(rr["@type"], "Rating");
            assert_eq!(rr["alternateName"], c.rating.label());
            match c.rating {
                Rating::Opinion | Rating::Unverified => assert!(rr.get("ratingValue").is_none()),
                _ => {
                    assert_eq!(rr["bestRating"], 5);
                    assert_eq!(rr["worstRating"], 1);
                    let n = rr["ratingValue"].as_u64().unwrap();
                    assert!((1..=5).contains(&n));
                }
            }
            assert_eq!(r["itemReviewed"]["@type"], "Claim");
            assert_eq!(r["inLanguage"], "en");
        }
    }

    #[test]
    fn export_then_import_round_trips() {
        let d = crate::bundled_dataset();
        let v = export(&d, "https://factmark.example/reviews", "Factmark Desk");
        let i = import(&v.to_string()).unwrap();
        assert!(i.warnings.is_empty(), "{:?}", i.warnings);
        assert_eq!(i.dataset.claims.len(), d.claims.len());
        for (a, b) in d.claims.iter().zip(&i.dataset.claims) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.claim, b.claim);
            assert_eq!(a.rating, b.rating, "{}", a.id);
            assert_eq!(a.reviewed, b.reviewed);
            // Every phrasing survives (the claim text is added first).
            for p in &a.phrasings {
                assert!(b.phrasings.contains(p), "{}: {p}", a.id);
            }
        }
        // A claim with its own label and claimant keeps them.
        let mut d2 = d.clone();
        d2.claims.truncate(1);
        d2.claims[0].label = Some("Pants on Fire".into());
        d2.claims[0].rating = Rating::False;
        d2.claims[0].claimant = Some("Someone".into());
        d2.claims[0].claim_date = Some("2025-12".into());
        d2.claims[0].appearances = vec!["https://example.com/a".into()];
        let back = import(&export(&d2, "https://x.example/", "P").to_string()).unwrap().dataset;
        let c = &back.claims[0];
        assert_eq!((c.rating, c.label.as_deref()), (Rating::False, Some("Pants on Fire")));
        assert_eq!(c.claimant.as_deref(), Some("Someone"));
        assert_eq!(c.claim_date.as_deref(), Some("2025-12"));
        assert_eq!(c.appearances, ["https://example.com/a"]);
    }

    #[test]
    fn dates_of_the_facts_round_trip() {
        let mut d = crate::bundled_dataset();
        d.claims.truncate(3);
        d.stale_after_days = Some(365);
        d.claims[0].as_of = Some("2026-04".into());
        d.claims[0].stale_after_days = Some(90);
        d.claims[1].as_of = Some("2025-12-10".into());
        d.claims[1].stale_after_days = None;
        d.claims[2].as_of = None;
        d.claims[2].stale_after_days = None;
        for c in &mut d.claims {
            c.reviewed = "2026-12-07".into();
        }
        let v = export(&d, "https://x.example/", "P");
        let g = v["@graph"].as_array().unwrap();
        // datePublished is the review; temporalCoverage the facts; expires the end of their window.
        assert_eq!(g[0]["datePublished"], "2026-12-07");
        assert_eq!(g[0]["temporalCoverage"], "../2026-04");
        assert_eq!(g[0]["expires"], "2026-06-30", "90 days from 1 April 2026");
        assert_eq!(g[1]["temporalCoverage"], "../2025-12-10");
        assert_eq!(g[1]["expires"], "2026-12-10", "the dataset's 365 days");
        assert!(g[2].get("temporalCoverage").is_none());
        assert_eq!(g[2]["expires"], "2027-12-07", "without asOf, from the review");
        let back = import(&v.to_string()).unwrap();
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        let got: Vec<(Option<&str>, Option<u32>, &str)> =
            back.dataset.claims.iter().map(|c| (c.as_of.as_deref(), c.stale_after_days, c.reviewed.as_str())).collect();
        assert_eq!(
            got,
            [(Some("2026-04"), Some(90), "2026-12-07"), (Some("2025-12-10"), Some(365), "2026-12-07"), (None, Some(365), "2026-12-07")]
        );
    }

    #[test]
    fn odd_dates_of_the_facts_are_ignored_with_a_warning() {
        let mut r = review("NATO has no plan for a U.S. exit", "True", "Desk", "2026-01-10", "https://e.org/a");
        r["temporalCoverage"] = json!("2025-12-01T00:00:00Z/2026-01-05");
        r["expires"] = json!("2026-07-04");
        let c = &imp(&r).dataset.claims[0];
        assert_eq!((c.as_of.as_deref(), c.stale_after_days), (Some("2026-01-05"), Some(180)));
        r["temporalCoverage"] = json!("2026-02");
        r["expires"] = json!("soon");
        let i = imp(&r);
        assert_eq!((i.dataset.claims[0].as_of.as_deref(), i.dataset.claims[0].stale_after_days), (None, None));
        assert_eq!(
            texts(&i.warnings),
            [
                "temporalCoverage: \"2026-02\" is after datePublished; ignored",
                "expires: \"soon\" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY); ignored"
            ]
        );
        r["temporalCoverage"] = json!("last winter");
        r["expires"] = json!("2025-12-31");
        let i = imp(&r);
        assert_eq!(i.dataset.claims[0].stale_after_days, None);
        assert!(i.warnings[0].to_string().starts_with("temporalCoverage: \"last winter\" is not a date"), "{:?}", i.warnings);
        assert!(i.warnings[1].to_string().starts_with("expires: \"2025-12-31\" is not after the facts' date"), "{:?}", i.warnings);
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        let docs = [
            json!({ "@graph": { "@graph": [{ "claimReviewed": 5 }] } }),
            json!([{ "@type": 7, "claimReviewed": ["a b c"], "reviewRating": "True" }]),
            json!([{ "@type": "ClaimReview", "claimReviewed": "a b c", "reviewRating": [1, { "alternateName": ["False"] }],
                     "url": ["https://example.org/a"], "datePublished": { "@value": "2026-01-01" }, "author": [null, 3],
                     "itemReviewed": [{ "appearance": { "url": 3 }, "author": { "@id": "nowhere" } }] }]),
            json!({ "dataFeedElement": "x", "item": null }),
            json!([{ "@type": "ClaimReview", "claimReviewed": "a b c", "reviewRating": { "ratingValue": "NaN" }, "url": "https://e.org", "datePublished": "2026-01-01" }]),
        ];
        for d in docs {
            let _ = import(&d.to_string());
            let _ = problems(&d.to_string());
        }
        let deep = "[".repeat(10_000);
        assert!(import(&deep).is_err());
        // The odd-but-usable document imports.
        let i = import(
            &json!([{ "@type": "ClaimReview", "claimReviewed": "a b c", "reviewRating": [1, { "alternateName": ["False"] }],
            "url": ["https://example.org/a"], "datePublished": { "@value": "2026-01-01" }, "author": [null, 3] }])
            .to_string(),
        )
        .unwrap();
        assert_eq!(i.dataset.claims[0].rating, Rating::False);
    }
}
