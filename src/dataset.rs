//! The fact-check dataset: its model, its JSON format and its validation.
//!
//! A dataset is a JSON document (see `data/claims.json` and the README):
//!
//! ```json
//! { "factmark": 1, "name": "…", "language": "en",
//!   "claims": [ { "id": "massie-nato-act", "rating": "mostly-true",
//!                 "claim": "…", "phrasings": ["…"], "verdict": "…", "note": "…",
//!                 "uncertain": "…", "reviewed": "2026-11-24",
//!                 "sources": [ { "publisher": "…", "title": "…",
//!                                "url": "https://…", "date": "2025-12-10" } ] } ] }
//! ```
//!
//! [`Dataset::from_json`] parses and validates in one step. Every error names
//! where it is as a JSON path (`claims[3].sources[0].url`), so a dataset author
//! can go straight to the bad field. Validation is strict on what reaches a
//! reader: links must be absolute `http`/`https` URLs, every text field must be
//! non-empty plain text within a length cap, ids must be unique slugs, dates
//! must be real calendar dates.
//!
//! # Errors
//!
//! Every problem is a [`DatasetError`], and every problem is reported
//! ([`DatasetErrors`], in document order), never only the first. Its parts
//! are kept apart, so that nothing has to parse a message to find them:
//!
//! - [`path`](DatasetError::path): the JSON path (`claims[3].sources[0].url`,
//!   empty for the whole document);
//! - [`kind`](DatasetError::kind): an [`ErrorKind`]: `Syntax` (not JSON),
//!   `Shape` (a wrong type, a missing or unknown field: serde's errors),
//!   `Rule` (validation), `Check` (the editorial checks, `checks`),
//!   `Unreadable` (a JavaScript object the widget cannot copy);
//! - [`position`](DatasetError::position): the line and column in the
//!   text, when there was text and the parser said where;
//! - [`claim`](DatasetError::claim): the index of the claim the problem is
//!   in, set by the code that parsed or checked that claim;
//! - [`message`](DatasetError::message): the message alone.
//!
//! `Display` puts them together as users read them:
//! ``claims[3].rating: unknown variant `fals`, expected one of … at line 9 column 20``,
//! `dataset: invalid JSON: trailing characters at line 2 column 1`. The CLI
//! prints `FILE:LINE:COLUMN: PATH: message` from the parts, `build.rs` names
//! the claim's id from [`claim`](DatasetError::claim), and the widget
//! rejects `mount()` with an `Error` carrying `path`, `line` and `column`.
//!
//! This module depends on nothing but serde: `build.rs` includes it to
//! validate the bundled dataset at build time, so a bad entry fails the build.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The dataset format version this crate reads.
pub const FORMAT_VERSION: u32 = 1;

/// Largest number of claims a dataset may hold.
pub const MAX_CLAIMS: usize = 50_000;
/// Largest number of phrasings per claim.
pub const MAX_PHRASINGS: usize = 64;
/// Largest number of sources per claim.
pub const MAX_SOURCES: usize = 20;
/// Largest number of alias groups.
pub const MAX_ALIAS_GROUPS: usize = 1_000;
/// Largest number of wordings in one alias group or key term group.
pub const MAX_TERMS: usize = 64;
/// Largest number of key term groups per claim, and of slots per frame.
pub const MAX_KEY_GROUPS: usize = 12;
/// Largest number of concepts in a dataset.
pub const MAX_CONCEPTS: usize = 5_000;
/// Largest number of frames (or of correction frames) per claim.
pub const MAX_FRAMES: usize = 32;
/// Largest number of quotes per source.
pub const MAX_QUOTES: usize = 20;

/// A whole dataset: a versioned list of reviewed claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Format version; must be [`FORMAT_VERSION`].
    pub factmark: u32,
    /// A human-readable name for the dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// BCP 47 language tag of the dataset's texts (e.g. `en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Reviews older than this many days are shown as possibly outdated.
    #[serde(default, rename = "staleAfterDays", skip_serializing_if = "Option::is_none")]
    pub stale_after_days: Option<u32>,
    /// Groups of interchangeable wordings for matching (`["withdraw from",
    /// "pull out of", "exit"]`): a page using any member matches a phrasing
    /// using any other.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Vec<String>>,
    /// Named concepts that claims' frames refer to as `@name`: the
    /// entities, quantities and predicates a sentence must mention, each
    /// with the exact wordings that name it (see [`Concept`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub concepts: BTreeMap<String, Concept>,
    /// The reviewed claims.
    pub claims: Vec<Claim>,
}

/// A concept: one entity, quantity or predicate, and the wordings that name
/// it. A frame's slot names it as `@name`.
///
/// Wordings are precise: NATO is named by `NATO` or `North Atlantic
/// Treaty Organization`, never by a bare `alliance`; a bare "alliance"
/// goes in `refer`, where it counts only once NATO itself has been named
/// earlier in the same block of text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    /// Wordings that name it. A wording of several words matches them in
    /// order, with at most two other words between each (`pull out` in
    /// "pull the U.S. out").
    pub terms: Vec<String>,
    /// Wordings that refer back to it once it has been named earlier in
    /// the same block (`the alliance`, `the bloc`, `he`, `the measure`).
    /// When several named concepts share a wording, it refers to the one
    /// named last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refer: Vec<String>,
    /// Wordings that say the opposite (`stay in` for `withdraw`, `oppose`
    /// for `introduce`). A sentence that has one where a frame matches is
    /// not reported: it may well say the reverse of the claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opposite: Vec<String>,
    /// What kind of thing it is. Only a predicate can be negated: "did
    /// *not* introduce" disputes a claim, "did not mention *Trump*" does not.
    #[serde(default, skip_serializing_if = "ConceptKind::is_predicate")]
    pub kind: ConceptKind,
    /// The page's topic: its `refer` wordings (other than pronouns) reach
    /// back across blocks, so a reader's comment under an article about
    /// NATO may call it "the alliance". Other concepts' refer wordings reach
    /// back within their block only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub topic: bool,
}

/// What kind of thing a [`Concept`] is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConceptKind {
    /// What is said or done (`introduce`, `withdraw`): a negation at it
    /// disputes the claim. Literal wordings in a frame are predicates.
    #[default]
    Predicate,
    /// A person, organisation, place or document (`NATO`, `Massie`).
    Entity,
    /// A number with its unit (`2%`, `80,000 troops`).
    Quantity,
}

impl ConceptKind {
    /// Whether this is [`ConceptKind::Predicate`] (the default, not written).
    pub fn is_predicate(&self) -> bool {
        *self == ConceptKind::Predicate
    }
}

/// One slot of a frame: alternatives, each a `@concept` or a literal
/// wording. In JSON a slot is a string or an array of strings. A slot whose
/// first alternative starts with `>` must be filled after the slot before
/// it (`["@nato", "@created", "@counter", ">@soviet"]`: NATO was created
/// against the Soviet Union, not the Warsaw Pact against NATO).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot(pub Vec<String>);

impl Serialize for Slot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => s.serialize_str(one),
            many => many.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Slot, D::Error> {
        // By hand rather than `#[serde(untagged)]`, which buffers every value
        // and costs the widget kilobytes of code.
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Slot;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or an array of strings")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Slot, E> {
                Ok(Slot(vec![v.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Slot, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element::<String>()? {
                    v.push(x);
                }
                Ok(Slot(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// A frame: slots a sentence must all fill, near each other, for it to
/// make the claim (or, in `correctionFrames`, to state a fact against it).
pub type Frame = Vec<Slot>;

/// One reviewed claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable slug: lowercase ASCII letters, digits and `-`.
    pub id: String,
    /// The normalised rating.
    pub rating: Rating,
    /// The claim as reviewed, in one sentence.
    pub claim: String,
    /// Wordings to look for on a page (the first is the canonical one).
    pub phrasings: Vec<String>,
    /// What a sentence must mention to state this claim in other words:
    /// groups of alternatives (`[["Massie", "H.R. 6508"], ["withdraw",
    /// "leave", "exit"], ["NATO", "alliance"]]`). When given, a sentence
    /// worded differently from every phrasing matches if and only if it
    /// contains an alternative from every group.
    #[serde(default, rename = "keyTerms", skip_serializing_if = "Vec::is_empty")]
    pub key_terms: Vec<Vec<String>>,
    /// Typed ways a sentence can state this claim: each frame lists slots
    /// (`["@massie", "@introduce", "@bill", "@withdraw", "@nato"]`) that a
    /// sentence must fill within a few words of each other. See
    /// [`Concept`] and `crate::matcher`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<Frame>,
    /// Wordings of the facts that correct this claim (from its research):
    /// a sentence stating one agrees with the fact-check, so it is reported
    /// as disputing the claim, never as stating it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<String>,
    /// Frames of those correcting facts.
    #[serde(default, rename = "correctionFrames", skip_serializing_if = "Vec::is_empty")]
    pub correction_frames: Vec<Frame>,
    /// The one-line verdict (for opinions: one line of context).
    pub verdict: String,
    /// A short explanatory note.
    pub note: String,
    /// What the research could not settle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<String>,
    /// Where the facts come from.
    pub sources: Vec<Source>,
    /// When this review was written: `YYYY-MM-DD`.
    pub reviewed: String,
    /// How current the facts are: the date of the newest fact the verdict
    /// rests on (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), never after `reviewed`.
    /// The popup shows it ("Facts as of Jan 2026").
    #[serde(default, rename = "asOf", skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// This claim's own staleness window, in days from `asOf` (from
    /// `reviewed` when there is no `asOf`), overriding the dataset's
    /// (a fast-moving claim sets a shorter one).
    #[serde(default, rename = "staleAfterDays", skip_serializing_if = "Option::is_none")]
    pub stale_after_days: Option<u32>,
    /// The reviewer's own verdict label (e.g. "Pants on Fire"), shown
    /// beside the normalised rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Who made the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<String>,
    /// When the claim was made: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, rename = "claimDate", skip_serializing_if = "Option::is_none")]
    pub claim_date: Option<String>,
    /// Pages known to make the claim (absolute http(s) URLs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appearances: Vec<String>,
    /// BCP 47 language of the claim, when it differs from the dataset's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Every published review of this claim, newest first (from
    /// ClaimReview imports; the claim's own fields describe the newest).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// Deliberate exceptions to the editorial checks (see `checks`), each
    /// with the reviewer's reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<Exception>,
}

/// A finding of the editorial checks that the reviewer accepts on purpose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// Which check: `quote` (a quoted string found in none of the claim's
    /// sources' quotes nor its own text) or `phrasing` (a phrasing with a
    /// negation or a verdict word the claim lacks).
    pub check: String,
    /// What is excused: the quoted string, or the phrasing, exactly.
    pub text: String,
    /// Why it is right as it is.
    pub reason: String,
}

/// The checks an [`Exception`] may name.
pub const EXCEPTION_CHECKS: [&str; 2] = ["quote", "phrasing"];

/// One publisher's review of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Who published the review.
    pub publisher: String,
    /// The publisher's own verdict label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The label mapped to a normalised rating.
    pub rating: Rating,
    /// The review's URL (absolute http or https).
    pub url: String,
    /// Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Who published it (and through whom, for syndicated copies).
    pub publisher: String,
    /// Its title or a short description.
    pub title: String,
    /// An absolute `http` or `https` URL.
    pub url: String,
    /// Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; absent when undated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Short passages this source is recorded to contain, word for word:
    /// what the claim's verdict and notes may put in quotation marks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<String>,
}

/// The normalised ratings. Opinions get context, not a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    /// Accurate.
    True,
    /// Accurate in substance, with a detail wrong or missing.
    MostlyTrue,
    /// Partly accurate, partly not.
    Mixed,
    /// Facts presented so as to give a false impression.
    Misleading,
    /// Inaccurate.
    False,
    /// Could not be checked against the sources.
    Unverified,
    /// A judgement, not a checkable fact.
    Opinion,
}

impl<'de> Deserialize<'de> for Rating {
    // By hand, so that a wrong type and an unknown name both get a clear message.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Rating;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a rating")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Rating, E> {
                Rating::ALL.into_iter().find(|r| r.as_str() == v).ok_or_else(|| {
                    let names: Vec<String> = Rating::ALL.iter().map(|r| format!("`{}`", r.as_str())).collect();
                    E::custom(format!("unknown variant `{v}`, expected one of {}", names.join(", ")))
                })
            }
        }
        d.deserialize_str(V)
    }
}

impl Rating {
    /// Every rating, in order from most to least accurate.
    pub const ALL: [Rating; 7] =
        [Rating::True, Rating::MostlyTrue, Rating::Mixed, Rating::Misleading, Rating::False, Rating::Unverified, Rating::Opinion];

    /// The token used in JSON, CSS class names and the JS API.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::True => "true",
            Rating::MostlyTrue => "mostly-true",
            Rating::Mixed => "mixed",
            Rating::Misleading => "misleading",
            Rating::False => "false",
            Rating::Unverified => "unverified",
            Rating::Opinion => "opinion",
        }
    }

    /// The label a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            Rating::True => "True",
            Rating::MostlyTrue => "Mostly true",
            Rating::Mixed => "Mixed",
            Rating::Misleading => "Misleading",
            Rating::False => "False",
            Rating::Unverified => "Unverified",
            Rating::Opinion => "Opinion",
        }
    }
}

/// What kind of problem a [`DatasetError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not JSON: a syntax error, or the text ends too soon.
    /// Shown after `invalid JSON: `.
    Syntax,
    /// JSON that does not fit the format: a value of the wrong type, a
    /// missing or unknown field (what serde reports).
    Shape,
    /// A rule of the format broken (what validation reports: an unsafe
    /// URL, an empty text, a duplicate id, …); for ClaimReview, a review
    /// that cannot be used.
    Rule,
    /// A finding of the editorial checks (`checks`).
    Check,
    /// A value that cannot be read as JSON at all: in the widget, a
    /// dataset object that `JSON.stringify` throws on (a getter that
    /// throws, a cycle, a revoked `Proxy`). Shown after
    /// `cannot be read as JSON: `.
    Unreadable,
}

impl ErrorKind {
    /// The words shown before the message (`invalid JSON: `), if any.
    fn lead(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "invalid JSON: ",
            ErrorKind::Unreadable => "cannot be read as JSON: ",
            ErrorKind::Shape | ErrorKind::Rule | ErrorKind::Check => "",
        }
    }
}

/// Where a problem is in a JSON text: 1-based line and column, the column
/// as the parser counts it (serde_json: bytes from the start of the line;
/// a browser's `JSON.parse`, in the widget: characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1 (serde_json gives 0 for the end of a line).
    pub column: usize,
}

/// How [`DatasetError`]'s `Display` shows its position. (The last two are
/// the widget's, `src/web/load.rs`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) enum Shown {
    /// ` at line L column C` after the message, as serde_json writes it.
    AtLine,
    /// ` (line L column C)`: after a browser's `JSON.parse` message that
    /// does not say where.
    Parenthesised,
    /// Not at all: the message (a browser's) says where itself.
    InMessage,
}

/// A dataset problem: where it is (its JSON path, the claim it is in, its
/// line and column when the dataset was JSON text), what kind of problem it
/// is, and the message.
///
/// `Display` shows it as users read it:
/// `claims[3].sources[0].url: scheme "javascript" is not allowed (only http and https)`,
/// `dataset: invalid JSON: expected value at line 2 column 20`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetError {
    path: String,
    kind: ErrorKind,
    message: String,
    position: Option<Position>,
    shown: Shown,
    claim: Option<usize>,
}

impl DatasetError {
    /// A broken rule ([`ErrorKind::Rule`]) at JSON path `path` (empty for
    /// the whole document); the builder methods below set the rest.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        DatasetError {
            path: path.into(),
            kind: ErrorKind::Rule,
            message: message.into(),
            position: None,
            shown: Shown::AtLine,
            claim: None,
        }
    }

    /// The same error, of kind `kind`.
    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// The same error, at `position` in the text (shown after the message
    /// as serde_json shows it: ` at line L column C`).
    pub fn at(self, position: Position) -> Self {
        self.at_shown(position, Shown::AtLine)
    }

    /// The same error, at `position`, shown as `shown` says.
    pub(crate) fn at_shown(mut self, position: Position, shown: Shown) -> Self {
        self.position = Some(position);
        self.shown = shown;
        self
    }

    /// The same error, in claim `index` (`claims[index]`).
    pub fn in_claim(mut self, index: usize) -> Self {
        self.claim = Some(index);
        self
    }

    /// The JSON path of the offending value (`claims[3].sources[0].url`);
    /// empty for the document as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// What is wrong: the bare message, without the path, the kind's words
    /// (`invalid JSON: `) or the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where the problem is in the text, when the dataset was JSON text and
    /// the parser said (syntax errors; serde's errors of shape).
    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// The index of the claim the problem is in, if it is in one.
    pub fn claim(&self) -> Option<usize> {
        self.claim
    }

    /// What is wrong as users read it after the path: the message after the
    /// kind's words (`invalid JSON: expected value`), without the position.
    pub fn description(&self) -> String {
        format!("{}{}", self.kind.lead(), self.message)
    }

    /// Everything `Display` shows after the path: the description, and the
    /// position where there is one (`invalid JSON: expected value at line 2 column 20`).
    pub fn detail(&self) -> String {
        let description = self.description();
        match (self.position, self.shown) {
            (Some(p), Shown::AtLine) => format!("{description} at line {} column {}", p.line, p.column),
            (Some(p), Shown::Parenthesised) => format!("{description} (line {} column {})", p.line, p.column),
            (None, _) | (Some(_), Shown::InMessage) => description,
        }
    }
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "dataset: {}", self.detail())
        } else {
            write!(f, "{}: {}", self.path, self.detail())
        }
    }
}

impl std::error::Error for DatasetError {}

impl From<serde_json::Error> for DatasetError {
    /// serde_json's error for a whole document: its kind from the error's
    /// category, its line and column, and its message alone.
    fn from(e: serde_json::Error) -> Self {
        let kind = match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => ErrorKind::Syntax,
            serde_json::error::Category::Data => ErrorKind::Shape,
            serde_json::error::Category::Io => ErrorKind::Unreadable,
        };
        let position = (e.line() > 0).then(|| Position { line: e.line(), column: e.column() });
        let mut message = e.to_string();
        if let Some(p) = position {
            // serde_json has no accessor for its message alone: its Display
            // writes the message, then exactly this.
            let suffix = format!(" at line {} column {}", p.line, p.column);
            if message.ends_with(&suffix) {
                message.truncate(message.len() - suffix.len());
            }
        }
        DatasetError { path: String::new(), kind, message, position, shown: Shown::AtLine, claim: None }
    }
}

/// Every problem found in a dataset (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetErrors(Vec<DatasetError>);

impl DatasetErrors {
    /// The individual problems, in document order.
    pub fn errors(&self) -> &[DatasetError] {
        &self.0
    }
}

impl fmt::Display for DatasetErrors {
    /// The first problem, and how many more there are.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.split_first() {
            None => write!(f, "dataset: invalid"),
            Some((first, [])) => write!(f, "{first}"),
            Some((first, rest)) => write!(f, "{first} (and {} more problems)", rest.len()),
        }
    }
}

impl std::error::Error for DatasetErrors {}

impl From<DatasetError> for DatasetErrors {
    fn from(e: DatasetError) -> Self {
        DatasetErrors(vec![e])
    }
}

impl From<Vec<DatasetError>> for DatasetErrors {
    /// Collects problems; an empty list becomes one "invalid" error, so the
    /// collection is never empty.
    fn from(errs: Vec<DatasetError>) -> Self {
        if errs.is_empty() {
            DatasetErrors(vec![DatasetError::new("", "invalid")])
        } else {
            DatasetErrors(errs)
        }
    }
}

impl Dataset {
    /// Parses and validates a dataset from JSON text (all at once:
    /// [`DatasetLoader`] does the same a few claims at a time).
    pub fn from_json(json: &str) -> Result<Dataset, DatasetErrors> {
        DatasetLoader::new(json)?.finish()
    }

    /// Serialises the dataset as compact JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain structs of strings cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks every rule of the format and reports every problem found.
    pub fn validate(&self) -> Result<(), DatasetErrors> {
        let mut errs = Vec::new();
        self.validate_header(self.claims.len(), &mut errs);
        if self.claims.len() <= MAX_CLAIMS {
            let mut seen = HashMap::new();
            for (i, claim) in self.claims.iter().enumerate() {
                validate_claim(i, claim, &self.concepts, &mut seen, &mut errs);
            }
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(DatasetErrors(errs))
        }
    }

    /// The rules on everything but the claims themselves (`n_claims` is
    /// how many there are).
    fn validate_header(&self, n_claims: usize, errs: &mut Vec<DatasetError>) {
        if self.factmark != FORMAT_VERSION {
            errs.push(DatasetError::new(
                "factmark",
                format!("unsupported format version {} (this build reads {FORMAT_VERSION})", self.factmark),
            ));
        }
        if let Some(name) = &self.name {
            check_text(errs, &"name", name, 200);
        }
        if let Some(l) = &self.language {
            check_language(errs, &"language", l);
        }
        if self.stale_after_days == Some(0) {
            errs.push(DatasetError::new("staleAfterDays", "must be at least 1"));
        }
        if self.aliases.len() > MAX_ALIAS_GROUPS {
            errs.push(DatasetError::new(
                "aliases",
                format!("{} alias groups is more than the limit of {MAX_ALIAS_GROUPS}", self.aliases.len()),
            ));
        } else {
            for (g, group) in self.aliases.iter().enumerate() {
                if group.len() < 2 || group.len() > MAX_TERMS {
                    errs.push(DatasetError::new(
                        format!("aliases[{g}]"),
                        format!("an alias group needs 2 to {MAX_TERMS} wordings, not {}", group.len()),
                    ));
                }
                for (j, a) in group.iter().enumerate().take(MAX_TERMS) {
                    check_term(errs, &|| format!("aliases[{g}][{j}]"), a);
                }
            }
        }
        if self.concepts.len() > MAX_CONCEPTS {
            errs.push(DatasetError::new("concepts", format!("{} concepts is more than the limit of {MAX_CONCEPTS}", self.concepts.len())));
        } else {
            for (name, c) in &self.concepts {
                check_concept(errs, name, c);
            }
        }
        if n_claims == 0 {
            errs.push(DatasetError::new("claims", "a dataset needs at least one claim"));
        }
        if n_claims > MAX_CLAIMS {
            errs.push(DatasetError::new("claims", format!("{n_claims} claims is more than the limit of {MAX_CLAIMS}")));
        }
    }

    /// The same claims with only their own wordings to match by: the claim
    /// text (added as a phrasing) and the phrasings, without anything
    /// written by hand for the matcher (alias groups, key terms). This is
    /// what a dataset nobody tuned looks like, such as a fact-checker's
    /// ClaimReview feed; `factmark evaluate --no-terms` measures it. (The
    /// corrections go too: they are written for the matcher.)
    pub fn without_hand_written_terms(&self) -> Dataset {
        let mut d = self.clone();
        d.aliases.clear();
        d.concepts.clear();
        for c in &mut d.claims {
            c.key_terms.clear();
            c.frames.clear();
            c.corrections.clear();
            c.correction_frames.clear();
            if !c.phrasings.contains(&c.claim) {
                c.phrasings.push(c.claim.clone());
            }
        }
        d
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }
}

/// The top level of a dataset document, its claims left unread (`C`):
/// each as raw JSON text here, as a JavaScript value in the widget
/// (`web::load`). Both then read the claims one by one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "C: Deserialize<'de>"))]
pub(crate) struct Header<C> {
    factmark: u32,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default, rename = "staleAfterDays")]
    stale_after_days: Option<u32>,
    #[serde(default)]
    aliases: Vec<Vec<String>>,
    #[serde(default)]
    concepts: BTreeMap<String, Concept>,
    claims: C,
}

impl<C> Header<C> {
    /// The dataset without its claims, and the claims as read so far.
    pub(crate) fn split(self) -> (Dataset, C) {
        let dataset = Dataset {
            factmark: self.factmark,
            name: self.name,
            language: self.language,
            stale_after_days: self.stale_after_days,
            aliases: self.aliases,
            concepts: self.concepts,
            claims: Vec::new(),
        };
        (dataset, self.claims)
    }
}

/// Parses and validates a dataset a few claims at a time.
///
/// [`Dataset::from_json`] runs it to the end in one call. A caller that
/// must not block for long, such as the widget on a browser's main thread
/// given a dataset of thousands of claims, calls [`DatasetLoader::step`]
/// between yields instead. Both give the same dataset and the same errors.
///
/// [`DatasetLoader::new`] checks the whole document's syntax and reads its
/// top-level fields, keeping each claim as its raw JSON text (a fast pass:
/// nothing is allocated per claim but a slice); each step then parses and
/// validates the next claims. Every problem is collected, in document
/// order, each named by its JSON path; a claim that cannot be parsed is
/// reported and the rest are still checked.
pub struct DatasetLoader<'a> {
    json: &'a str,
    raw: Vec<&'a RawValue>,
    claims: ClaimsBuilder,
}

impl<'a> DatasetLoader<'a> {
    /// Reads the document's top level. Fails on a syntax error, a wrong
    /// top-level field, or more than [`MAX_CLAIMS`] claims; other problems
    /// of the top level are reported by [`DatasetLoader::finish`], with the
    /// claims'.
    pub fn new(json: &'a str) -> Result<DatasetLoader<'a>, DatasetErrors> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let header: Header<Vec<&'a RawValue>> = serde_path_to_error::deserialize(&mut *de).map_err(|e| parse_error(e, None, json, 0))?;
        // Nothing but whitespace may follow the document.
        de.end().map_err(DatasetError::from)?;
        let (dataset, raw) = header.split();
        let claims = ClaimsBuilder::new(dataset, raw.len())?;
        Ok(DatasetLoader { json, raw, claims })
    }

    /// Parses and validates up to `n` more claims. True once every claim is done.
    pub fn step(&mut self, n: usize) -> bool {
        let end = self.claims.pushed().saturating_add(n).min(self.raw.len());
        while self.claims.pushed() < end {
            let i = self.claims.pushed();
            let raw = self.raw[i].get();
            let de = &mut serde_json::Deserializer::from_str(raw);
            let claim = serde_path_to_error::deserialize::<_, Claim>(de).map_err(|e| {
                // Where the claim's text starts in the document, so that
                // the error's line and column are the document's.
                let start = (raw.as_ptr() as usize).saturating_sub(self.json.as_ptr() as usize);
                parse_error(e, Some(i), self.json, start)
            });
            self.claims.push(claim);
        }
        self.done()
    }

    /// Whether every claim has been parsed and validated.
    pub fn done(&self) -> bool {
        self.claims.pushed() >= self.raw.len()
    }

    /// How many claims are done, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.claims.pushed(), self.raw.len())
    }

    /// The dataset, or every problem found. Does what steps are left.
    pub fn finish(mut self) -> Result<Dataset, DatasetErrors> {
        self.step(usize::MAX);
        self.claims.finish()
    }
}

/// Validates a dataset's claims as they arrive, from whatever parsed them:
/// [`DatasetLoader`] from JSON text, the widget from a JavaScript value.
/// Every problem is collected, in document order, each named by its JSON
/// path; a claim that could not be parsed is reported (the parser's
/// error) and the rest are still checked.
pub struct ClaimsBuilder {
    dataset: Dataset,
    errors: Vec<DatasetError>,
    ids: HashMap<String, usize>,
    /// The index of the next claim.
    next: usize,
}

impl ClaimsBuilder {
    /// Starts from a dataset's top level (`top`, whose claims are ignored)
    /// and the number of claims that will follow. Fails if that is more
    /// than [`MAX_CLAIMS`]; other problems of the top level are reported
    /// by [`ClaimsBuilder::finish`], with the claims'.
    pub fn new(mut top: Dataset, n_claims: usize) -> Result<ClaimsBuilder, DatasetErrors> {
        let mut errors = Vec::new();
        top.validate_header(n_claims, &mut errors);
        if n_claims > MAX_CLAIMS {
            return Err(errors.into());
        }
        top.claims = Vec::with_capacity(n_claims);
        Ok(ClaimsBuilder { dataset: top, errors, ids: HashMap::new(), next: 0 })
    }

    /// The next claim (`claims[next]`), or why it could not be parsed.
    pub fn push(&mut self, claim: Result<Claim, DatasetError>) {
        let i = self.next;
        match claim {
            Ok(claim) => {
                validate_claim(i, &claim, &self.dataset.concepts, &mut self.ids, &mut self.errors);
                self.dataset.claims.push(claim);
            }
            Err(e) => self.errors.push(e.in_claim(i)),
        }
        self.next += 1;
    }

    /// How many claims were pushed (the index of the next).
    pub fn pushed(&self) -> usize {
        self.next
    }

    /// The dataset, or every problem found.
    pub fn finish(self) -> Result<Dataset, DatasetErrors> {
        if self.errors.is_empty() {
            Ok(self.dataset)
        } else {
            Err(DatasetErrors(self.errors))
        }
    }
}

/// A parse error as a [`DatasetError`]: its JSON path (under `claims[i]`
/// for claim `i`), and its line and column in `json` for a value that
/// starts at byte `start`.
fn parse_error(e: serde_path_to_error::Error<serde_json::Error>, claim: Option<usize>, json: &str, start: usize) -> DatasetError {
    let path = e.path().to_string();
    let mut error = DatasetError::from(e.into_inner());
    if let (Some(p), Some(before), true) = (error.position, json.get(..start), start > 0) {
        // The parser's line and column are the value's own text's: make them the document's.
        let line0 = before.matches('\n').count() + 1;
        let col0 = before.len() - before.rfind('\n').map_or(0, |nl| nl + 1);
        error.position = Some(if p.line == 1 {
            Position { line: line0, column: col0 + p.column }
        } else {
            Position { line: line0 + p.line - 1, column: p.column }
        });
    }
    let path = if path == "." || path == "?" { String::new() } else { path };
    error.path = match claim {
        None => path,
        Some(i) if path.is_empty() => format!("claims[{i}]"),
        Some(i) if path.starts_with('[') => format!("claims[{i}]{path}"),
        Some(i) => format!("claims[{i}].{path}"),
    };
    error.claim = claim;
    error
}

/// The rules on claim `i`; `seen` holds the ids of the claims before it,
/// `concepts` the dataset's concepts (which its frames may name). Each
/// problem found names claim `i`.
fn validate_claim(
    i: usize,
    claim: &Claim,
    concepts: &BTreeMap<String, Concept>,
    seen: &mut HashMap<String, usize>,
    errs: &mut Vec<DatasetError>,
) {
    let first = errs.len();
    claim_rules(i, claim, concepts, seen, errs);
    for e in &mut errs[first..] {
        e.claim = Some(i);
    }
}

/// The rules on claim `i`, for [`validate_claim`].
fn claim_rules(
    i: usize,
    claim: &Claim,
    concepts: &BTreeMap<String, Concept>,
    seen: &mut HashMap<String, usize>,
    errs: &mut Vec<DatasetError>,
) {
    let at = |field: &str| format!("claims[{i}].{field}");
    if let Err(msg) = check_id(&claim.id) {
        errs.push(DatasetError::new(at("id"), msg));
    } else if let Some(first) = seen.insert(claim.id.clone(), i) {
        errs.push(DatasetError::new(at("id"), format!("duplicate id \"{}\" (first used by claims[{first}])", claim.id)));
    }
    check_text(errs, &|| at("claim"), &claim.claim, 500);
    check_text(errs, &|| at("verdict"), &claim.verdict, 300);
    check_text(errs, &|| at("note"), &claim.note, 2000);
    if let Some(u) = &claim.uncertain {
        check_text(errs, &|| at("uncertain"), u, 1000);
    }
    if claim.phrasings.is_empty() {
        errs.push(DatasetError::new(at("phrasings"), "a claim needs at least one phrasing"));
    }
    if claim.phrasings.len() > MAX_PHRASINGS {
        errs.push(DatasetError::new(
            at("phrasings"),
            format!("{} phrasings is more than the limit of {MAX_PHRASINGS}", claim.phrasings.len()),
        ));
    }
    for (j, p) in claim.phrasings.iter().enumerate() {
        check_wording(errs, &|| format!("claims[{i}].phrasings[{j}]"), p);
    }
    if claim.key_terms.len() > MAX_KEY_GROUPS {
        errs.push(DatasetError::new(
            at("keyTerms"),
            format!("{} key term groups is more than the limit of {MAX_KEY_GROUPS}", claim.key_terms.len()),
        ));
    }
    for (g, group) in claim.key_terms.iter().enumerate().take(MAX_KEY_GROUPS) {
        if group.is_empty() || group.len() > MAX_TERMS {
            errs.push(DatasetError::new(
                format!("claims[{i}].keyTerms[{g}]"),
                format!("a key term group needs 1 to {MAX_TERMS} alternatives, not {}", group.len()),
            ));
        }
        for (j, t) in group.iter().enumerate().take(MAX_TERMS) {
            check_term(errs, &|| format!("claims[{i}].keyTerms[{g}][{j}]"), t);
        }
    }
    for (field, frames) in [("frames", &claim.frames), ("correctionFrames", &claim.correction_frames)] {
        check_frames(errs, &|| at(field), frames, concepts);
    }
    if claim.corrections.len() > MAX_PHRASINGS {
        errs.push(DatasetError::new(
            at("corrections"),
            format!("{} corrections is more than the limit of {MAX_PHRASINGS}", claim.corrections.len()),
        ));
    }
    for (j, c) in claim.corrections.iter().enumerate().take(MAX_PHRASINGS) {
        check_wording(errs, &|| format!("claims[{i}].corrections[{j}]"), c);
    }
    if claim.sources.is_empty() {
        errs.push(DatasetError::new(at("sources"), "a claim needs at least one source"));
    }
    if claim.sources.len() > MAX_SOURCES {
        errs.push(DatasetError::new(at("sources"), format!("{} sources is more than the limit of {MAX_SOURCES}", claim.sources.len())));
    }
    for (j, s) in claim.sources.iter().enumerate() {
        let sp = |field: &str| format!("claims[{i}].sources[{j}].{field}");
        check_text(errs, &|| sp("publisher"), &s.publisher, 200);
        check_text(errs, &|| sp("title"), &s.title, 300);
        if let Err(msg) = check_url(&s.url) {
            errs.push(DatasetError::new(sp("url"), msg));
        }
        if let Some(d) = &s.date {
            if let Err(msg) = PartialDate::parse(d) {
                errs.push(DatasetError::new(sp("date"), msg));
            }
        }
    }
    if let Some(l) = &claim.label {
        check_text(errs, &|| at("label"), l, 100);
    }
    if let Some(c) = &claim.claimant {
        check_text(errs, &|| at("claimant"), c, 200);
    }
    if let Some(d) = &claim.claim_date {
        if let Err(msg) = PartialDate::parse(d) {
            errs.push(DatasetError::new(at("claimDate"), msg));
        }
    }
    if let Some(l) = &claim.language {
        check_language(errs, &|| at("language"), l);
    }
    for (j, u) in claim.appearances.iter().enumerate() {
        if let Err(msg) = check_url(u) {
            errs.push(DatasetError::new(format!("claims[{i}].appearances[{j}]"), msg));
        }
    }
    for (j, r) in claim.reviews.iter().enumerate() {
        let rp = |field: &str| format!("claims[{i}].reviews[{j}].{field}");
        check_text(errs, &|| rp("publisher"), &r.publisher, 200);
        if let Some(l) = &r.label {
            check_text(errs, &|| rp("label"), l, 100);
        }
        if let Err(msg) = check_url(&r.url) {
            errs.push(DatasetError::new(rp("url"), msg));
        }
        if let Some(d) = &r.date {
            if let Err(msg) = PartialDate::parse(d) {
                errs.push(DatasetError::new(rp("date"), msg));
            }
        }
    }
    let reviewed = match PartialDate::parse(&claim.reviewed) {
        Ok(d) if d.day.is_some() => Some(d),
        Ok(_) => {
            errs.push(DatasetError::new(at("reviewed"), "needs a full date, YYYY-MM-DD"));
            None
        }
        Err(msg) => {
            errs.push(DatasetError::new(at("reviewed"), msg));
            None
        }
    };
    if let Some(a) = &claim.as_of {
        match PartialDate::parse(a) {
            Ok(d) if reviewed.is_some_and(|r| d.days_until(r) < 0) => errs.push(DatasetError::new(
                at("asOf"),
                format!("\"{a}\" is after the review date {}: the facts cannot be newer than their review", claim.reviewed),
            )),
            Ok(_) => {}
            Err(msg) => errs.push(DatasetError::new(at("asOf"), msg)),
        }
    }
    if claim.stale_after_days == Some(0) {
        errs.push(DatasetError::new(at("staleAfterDays"), "must be at least 1"));
    }
    for (j, s) in claim.sources.iter().enumerate() {
        if s.quotes.len() > MAX_QUOTES {
            errs.push(DatasetError::new(
                format!("claims[{i}].sources[{j}].quotes"),
                format!("{} quotes is more than the limit of {MAX_QUOTES}", s.quotes.len()),
            ));
        }
        for (k, q) in s.quotes.iter().enumerate().take(MAX_QUOTES) {
            check_text(errs, &|| format!("claims[{i}].sources[{j}].quotes[{k}]"), q, 500);
        }
    }
    if claim.exceptions.len() > MAX_PHRASINGS {
        errs.push(DatasetError::new(
            at("exceptions"),
            format!("{} exceptions is more than the limit of {MAX_PHRASINGS}", claim.exceptions.len()),
        ));
    }
    for (k, e) in claim.exceptions.iter().enumerate().take(MAX_PHRASINGS) {
        let ep = |field: &str| format!("claims[{i}].exceptions[{k}].{field}");
        if !EXCEPTION_CHECKS.contains(&e.check.as_str()) {
            errs.push(DatasetError::new(
                ep("check"),
                format!("unknown check \"{}\" (the checks are {})", e.check, EXCEPTION_CHECKS.join(", ")),
            ));
        }
        check_text(errs, &|| ep("text"), &e.text, 500);
        check_text(errs, &|| ep("reason"), &e.reason, 300);
    }
}

/// A key term or alias: short plain text with at least one letter or digit.
/// A phrasing or correction: plain text of at least three words (or four
/// CJK characters).
fn check_wording(errs: &mut Vec<DatasetError>, path: &dyn JsonPath, p: &str) {
    if check_text(errs, path, p, 500) {
        let words = p.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
        let cjk = p.chars().filter(|c| crate::normalize::is_cjk(*c)).count();
        if words < 3 && cjk < 4 {
            errs.push(DatasetError::new(path.path(), "a phrasing needs at least three words"));
        }
    }
}

/// The words of `w` without its negations, lowercased ("don't meet" →
/// ["meet"], "不符合" → ["符合"]), and whether it had any.
fn without_negation(w: &str) -> (Vec<String>, bool) {
    const NEG: &[&str] = &[
        "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "cannot", "cant", "hasnt", "havent",
        "hadnt", "nor", "neither",
    ];
    let mut had = false;
    let mut words = Vec::new();
    for word in w.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let folded: String = word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        if folded.is_empty() {
            continue;
        }
        if NEG.contains(&folded.as_str()) {
            had = true;
            continue;
        }
        let kept: String = folded.chars().filter(|c| !matches!(c, '不' | '没' | '沒' | '未' | '非')).collect();
        had |= kept.len() != folded.len();
        if !kept.is_empty() {
            words.push(kept);
        }
    }
    (words, had)
}

/// The rules on a concept: a slug name, 1 to [`MAX_TERMS`] wordings that
/// name it, at most as many that refer to it or say its opposite; and no
/// wording that is another's negation ("meet" and "don't meet" in one
/// concept would count a sentence denying the claim as stating it).
fn check_concept(errs: &mut Vec<DatasetError>, name: &str, c: &Concept) {
    let plain: Vec<Vec<String>> = c.terms.iter().map(|t| without_negation(t)).filter(|(_, had)| !had).map(|(w, _)| w).collect();
    for (j, t) in c.terms.iter().enumerate() {
        let (words, had) = without_negation(t);
        if had && !words.is_empty() && plain.contains(&words) {
            errs.push(DatasetError::new(
                format!("concepts.{name}.terms[{j}]"),
                format!("\"{t}\" negates another wording of the same concept: a negated wording belongs in \"opposite\" or in a concept of its own"),
            ));
        }
    }
    let at = |field: &str| format!("concepts.{name}.{field}");
    if let Err(msg) = check_id(name) {
        errs.push(DatasetError::new(format!("concepts.{name}"), format!("a concept name {}", msg.trim_start_matches("is "))));
    }
    for (field, list, min) in [("terms", &c.terms, 1), ("refer", &c.refer, 0), ("opposite", &c.opposite, 0)] {
        if list.len() < min || list.len() > MAX_TERMS {
            errs.push(DatasetError::new(at(field), format!("needs {min} to {MAX_TERMS} wordings, not {}", list.len())));
        }
        for (j, t) in list.iter().enumerate().take(MAX_TERMS) {
            check_term(errs, &|| format!("concepts.{name}.{field}[{j}]"), t);
        }
    }
}

/// The rules on a claim's frames (or correction frames) at `path`: each
/// has 2 to [`MAX_KEY_GROUPS`] slots of 1 to [`MAX_TERMS`] alternatives,
/// and every `@name` is one of `concepts`.
fn check_frames(errs: &mut Vec<DatasetError>, path: &dyn JsonPath, frames: &[Frame], concepts: &BTreeMap<String, Concept>) {
    if frames.len() > MAX_FRAMES {
        errs.push(DatasetError::new(path.path(), format!("{} frames is more than the limit of {MAX_FRAMES}", frames.len())));
    }
    for (f, frame) in frames.iter().enumerate().take(MAX_FRAMES) {
        if frame.len() < 2 || frame.len() > MAX_KEY_GROUPS {
            errs.push(DatasetError::new(
                format!("{}[{f}]", path.path()),
                format!("a frame needs 2 to {MAX_KEY_GROUPS} slots, not {}", frame.len()),
            ));
        }
        for (k, slot) in frame.iter().enumerate().take(MAX_KEY_GROUPS) {
            if slot.0.is_empty() || slot.0.len() > MAX_TERMS {
                errs.push(DatasetError::new(
                    format!("{}[{f}][{k}]", path.path()),
                    format!("a slot needs 1 to {MAX_TERMS} alternatives, not {}", slot.0.len()),
                ));
            }
            for (j, alt) in slot.0.iter().enumerate().take(MAX_TERMS) {
                let here = || format!("{}[{f}][{k}][{j}]", path.path());
                let alt = if j == 0 && k > 0 { alt.strip_prefix('>').unwrap_or(alt) } else { alt.as_str() };
                match alt.strip_prefix('@') {
                    Some(name) if !concepts.contains_key(name) => {
                        errs.push(DatasetError::new(here(), format!("no concept named \"{name}\" in the dataset's concepts")));
                    }
                    Some(_) => {}
                    None => check_term(errs, &here, alt),
                }
            }
        }
    }
}

fn check_term(errs: &mut Vec<DatasetError>, path: &dyn JsonPath, t: &str) {
    if check_text(errs, path, t, 100) && !t.chars().any(char::is_alphanumeric) {
        errs.push(DatasetError::new(path.path(), "needs at least one letter or digit"));
    }
}

fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("must not be empty".into());
    }
    if id.len() > 80 {
        return Err(format!("is {} characters long; the limit is 80", id.len()));
    }
    if let Some(c) = id.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
        return Err(format!("\"{id}\" has {c:?}; ids use lowercase letters, digits and '-'"));
    }
    Ok(())
}

/// Pushes an error if `s` is empty, too long or holds control characters.
/// Returns whether the text passed.
fn check_text(errs: &mut Vec<DatasetError>, path: &dyn JsonPath, s: &str, max_chars: usize) -> bool {
    let msg = if s.trim().is_empty() {
        "must not be empty".to_string()
    } else if s.chars().count() > max_chars {
        format!("is {} characters long; the limit is {max_chars}", s.chars().count())
    } else if let Some(c) = s.chars().find(|c| c.is_control() && *c != '\n' && *c != '\t') {
        format!("contains the control character {c:?}")
    } else {
        return true;
    };
    errs.push(DatasetError::new(path.path(), msg));
    false
}

/// A JSON path, made only when a problem is reported there: validating a
/// dataset of thousands of claims would otherwise format a path string for
/// every field it checks. (Taken as `&dyn`, so that each closure does not
/// make a copy of the checks.)
trait JsonPath {
    fn path(&self) -> String;
}

impl JsonPath for &str {
    fn path(&self) -> String {
        self.to_string()
    }
}

impl<F: Fn() -> String> JsonPath for F {
    fn path(&self) -> String {
        self()
    }
}

/// Pushes an error unless `tag` looks like a BCP 47 language tag (`en`, `zh-Hans`).
fn check_language(errs: &mut Vec<DatasetError>, path: &dyn JsonPath, tag: &str) {
    let ok = !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !ok {
        errs.push(DatasetError::new(path.path(), format!("\"{tag}\" is not a language tag (e.g. en, zh-Hans)")));
    }
}

/// Accepts only absolute `http`/`https` URLs with a host.
///
/// The scheme is read the way a browser's URL parser reads it (leading
/// spaces and control characters stripped, tabs and newlines removed
/// anywhere), so `" java\tscript:alert(1)"` is seen as `javascript`.
pub fn check_url(url: &str) -> Result<(), String> {
    if url.chars().count() > 2048 {
        return Err("URL is longer than 2048 characters".into());
    }
    let cleaned: String = url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let Some(colon) = cleaned.find(':') else {
        return Err(format!("\"{url}\" is not an absolute URL (it needs http:// or https://)"));
    };
    let scheme = cleaned[..colon].to_ascii_lowercase();
    let valid_scheme = !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid_scheme {
        return Err(format!("\"{url}\" is not an absolute URL (it needs http:// or https://)"));
    }
    if scheme != "http" && scheme != "https" {
        return Err(format!("scheme \"{scheme}\" is not allowed (only http and https)"));
    }
    let rest = &cleaned[colon + 1..];
    let Some(after) = rest.strip_prefix("//") else {
        return Err(format!("\"{url}\" has no host"));
    };
    let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let authority = &after[..host_end];
    let host = authority.rsplit('@').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Err(format!("\"{url}\" has no host"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("\"{url}\" contains whitespace or control characters"));
    }
    Ok(())
}

/// A date that may lack its day or month: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: Option<u8>,
    /// Day of the month.
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking the calendar.
    pub fn parse(s: &str) -> Result<PartialDate, String> {
        let bad = || format!("\"{s}\" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)");
        let mut parts = s.split('-');
        let num = |p: Option<&str>, len: usize| -> Result<Option<u16>, String> {
            match p {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().map(Some).map_err(|_| bad()),
                Some(_) => Err(bad()),
            }
        };
        let year = num(parts.next(), 4)?.ok_or_else(bad)?;
        let month = num(parts.next(), 2)?;
        let day = num(parts.next(), 2)?;
        if parts.next().is_some() || !(1900..=2100).contains(&year) {
            return Err(bad());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("\"{s}\" has no month {m}"));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let days = match m {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if d == 0 || d > days {
                return Err(format!("\"{s}\" is not a day of that month"));
            }
        }
        Ok(PartialDate { year, month: month.map(|m| m as u8), day: day.map(|d| d as u8) })
    }

    /// Days from this date to `today` (missing month or day count as the
    /// first), negative if this date is later.
    pub fn days_until(&self, today: PartialDate) -> i64 {
        day_number(today) - day_number(*self)
    }

    /// English reading form: `10 Dec 2025`, `Dec 2025`, `2025`.
    pub fn display(&self) -> String {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[(m - 1) as usize], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[(m - 1) as usize], self.year),
            _ => self.year.to_string(),
        }
    }
}

impl PartialDate {
    /// The same date to the month at most: `Jan 2026` is how "facts as of"
    /// dates are shown (the day adds nothing a reader needs).
    pub fn to_month(self) -> PartialDate {
        PartialDate { day: None, ..self }
    }

    /// The full date `days` days after this one (a missing month or day
    /// counts as the first).
    pub fn plus_days(self, days: i64) -> PartialDate {
        // Howard Hinnant's `civil_from_days`, the inverse of `day_number`.
        let z = day_number(self) + days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        PartialDate { year: year.clamp(0, 9999) as u16, month: Some(month as u8), day: Some(day as u8) }
    }
}

impl fmt::Display for PartialDate {
    /// The JSON form: `2026-01-20`, `2026-01`, `2026`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's
/// `days_from_civil`.
fn day_number(d: PartialDate) -> i64 {
    let (m, day) = (d.month.unwrap_or(1) as i64, d.day.unwrap_or(1) as i64);
    let y = d.year as i64 - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid one-claim dataset (shared with tests/hostile_datasets.rs).
    fn minimal() -> serde_json::Value {
        serde_json::from_str(include_str!("../tests/fixtures/minimal-dataset.json")).expect("the fixture is JSON")
    }

    fn err_of(v: serde_json::Value) -> String {
        Dataset::from_json(&v.to_string()).unwrap_err().to_string()
    }

    #[test]
    fn loader_in_steps_gives_what_from_json_gives() {
        let json = crate::BUNDLED_JSON;
        let whole = Dataset::from_json(json).unwrap();
        let mut loader = DatasetLoader::new(json).unwrap();
        let mut steps = 0;
        while !loader.step(3) {
            steps += 1;
            let (done, of) = loader.progress();
            assert_eq!(done, 3 * steps);
            assert_eq!(of, whole.claims.len());
        }
        assert_eq!(loader.finish().unwrap(), whole);
        assert!(steps >= whole.claims.len() / 3 - 1, "{steps} steps");
    }

    #[test]
    fn loader_reports_every_claims_problems_with_document_lines() {
        let mut v = minimal();
        let good = v["claims"][0].clone();
        let mut bad_type = good.clone();
        bad_type["id"] = "second".into();
        bad_type["phrasings"][0] = 5.into();
        let mut dup = good.clone();
        dup["sources"][0]["url"] = "javascript:alert(1)".into();
        v["claims"] = serde_json::json!([good, bad_type, dup, 7]);
        let json = serde_json::to_string_pretty(&v).unwrap();
        let errs = Dataset::from_json(&json).unwrap_err();
        let found: Vec<(&str, &str)> = errs.errors().iter().map(|e| (e.path(), e.message())).collect();
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(found[0].0, "claims[1].phrasings[0]");
        // The line and column are the document's, not the claim's own text's.
        let line = json.lines().position(|l| l.trim() == "5").unwrap() + 1;
        let column = json.lines().nth(line - 1).unwrap().find('5').unwrap() + 1;
        assert_eq!(found[0].1, "invalid type: integer `5`, expected a string");
        let first = &errs.errors()[0];
        assert_eq!(first.kind(), ErrorKind::Shape);
        assert_eq!(first.position(), Some(Position { line, column }), "5 is on line {line}");
        assert!(first.to_string().ends_with(&format!("expected a string at line {line} column {column}")), "{first}");
        assert_eq!(found[1], ("claims[2].id", "duplicate id \"a-claim\" (first used by claims[0])"));
        assert_eq!(found[2].0, "claims[2].sources[0].url");
        assert_eq!(found[3].0, "claims[3]");
        assert!(found[3].1.starts_with("invalid type: integer `7`, expected struct Claim"), "{}", found[3].1);
        // Each names its claim; the duplicate id and the URL are rules broken.
        let claims: Vec<Option<usize>> = errs.errors().iter().map(DatasetError::claim).collect();
        assert_eq!(claims, [Some(1), Some(2), Some(2), Some(3)]);
        let kinds: Vec<ErrorKind> = errs.errors().iter().map(DatasetError::kind).collect();
        assert_eq!(kinds, [ErrorKind::Shape, ErrorKind::Rule, ErrorKind::Rule, ErrorKind::Shape]);
        assert_eq!(errs.errors()[1].position(), None);
    }

    #[test]
    fn loader_rejects_a_bad_top_level_before_any_claim() {
        let mut v = minimal();
        v["claims"] = serde_json::json!({ "id": "x" });
        assert!(DatasetLoader::new(&v.to_string()).is_err_and(|e| e.errors()[0].path() == "claims"));
        let syntax = format!("{}\n,", minimal());
        let e = DatasetLoader::new(&syntax).err().unwrap();
        let first = &e.errors()[0];
        assert_eq!((first.kind(), first.message(), first.path()), (ErrorKind::Syntax, "trailing characters", ""));
        assert_eq!(first.position(), Some(Position { line: 2, column: 1 }));
        assert_eq!(first.claim(), None);
        assert_eq!(first.to_string(), "dataset: invalid JSON: trailing characters at line 2 column 1");
        let cut = &minimal().to_string()[..60];
        let e = DatasetLoader::new(cut).err().unwrap();
        assert_eq!(e.errors()[0].kind(), ErrorKind::Syntax);
        assert!(e.errors()[0].message().starts_with("EOF while parsing"), "{e}");
        assert!(e.errors()[0].description().starts_with("invalid JSON: EOF while parsing"), "{e}");
    }

    #[test]
    fn concepts_and_frames_are_checked_with_their_paths() {
        let mut v = minimal();
        v["concepts"] = serde_json::json!({
            "nato": { "terms": ["NATO"], "refer": ["the alliance"], "kind": "entity" },
            "meet": { "terms": ["meet", "don't meet"] },
            "Bad Name": { "terms": ["x y z"] },
            "empty": { "terms": [] },
        });
        v["claims"][0]["frames"] = serde_json::json!([["@nato", ["meet", "@meet"]], ["@natoo", "leave"], ["@nato"], ["@nato", ">@meet"],]);
        v["claims"][0]["correctionFrames"] = serde_json::json!([["@nato", [""]]]);
        v["claims"][0]["corrections"] = serde_json::json!(["no"]);
        let errs = Dataset::from_json(&v.to_string()).unwrap_err();
        let got: Vec<(String, String)> = errs.errors().iter().map(|e| (e.path().to_string(), e.message().to_string())).collect();
        let has = |path: &str, msg: &str| got.iter().any(|(p, m)| p == path && m.contains(msg));
        assert!(has("concepts.meet.terms[1]", "negates another wording"), "{got:?}");
        assert!(has("concepts.Bad Name", "concept name"), "{got:?}");
        assert!(has("concepts.empty.terms", "needs 1 to"), "{got:?}");
        assert!(has("claims[0].frames[1][0][0]", "no concept named \"natoo\""), "{got:?}");
        assert!(has("claims[0].frames[2]", "a frame needs 2 to"), "{got:?}");
        assert!(has("claims[0].correctionFrames[0][1][0]", "must not be empty"), "{got:?}");
        assert!(has("claims[0].corrections[0]", "at least three words"), "{got:?}");
        assert_eq!(got.len(), 7, "the ordered slot and the others are fine: {got:?}");
    }

    #[test]
    fn without_hand_written_terms_keeps_only_the_wordings() {
        let mut v = minimal();
        v["concepts"] = serde_json::json!({ "nato": { "terms": ["NATO"] } });
        v["aliases"] = serde_json::json!([["leave", "exit"]]);
        v["claims"][0]["frames"] = serde_json::json!([["@nato", "leave"]]);
        v["claims"][0]["keyTerms"] = serde_json::json!([["NATO"]]);
        v["claims"][0]["corrections"] = serde_json::json!(["the alliance is fine"]);
        let d = Dataset::from_json(&v.to_string()).unwrap().without_hand_written_terms();
        let c = &d.claims[0];
        assert!(d.concepts.is_empty() && d.aliases.is_empty() && c.frames.is_empty() && c.key_terms.is_empty() && c.corrections.is_empty());
        assert!(c.phrasings.contains(&c.claim), "the claim text becomes a wording");
    }

    #[test]
    fn minimal_dataset_parses() {
        let d = Dataset::from_json(&minimal().to_string()).unwrap();
        assert_eq!(d.claims[0].rating, Rating::False);
        assert_eq!(d.claims[0].sources[0].date, None);
    }

    #[test]
    fn javascript_urls_are_rejected_with_their_path() {
        for url in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " \u{1}javascript:x"] {
            let mut v = minimal();
            v["claims"][0]["sources"][0]["url"] = url.into();
            assert_eq!(err_of(v), "claims[0].sources[0].url: scheme \"javascript\" is not allowed (only http and https)", "{url:?}");
        }
    }

    #[test]
    fn other_bad_urls_are_rejected() {
        for url in
            ["data:text/html,hi", "/relative/path", "//example.com/x", "https://", "http:///x", "ftp://x.org", "https://exa mple.com"]
        {
            let mut v = minimal();
            v["claims"][0]["sources"][0]["url"] = url.into();
            let e = err_of(v);
            assert!(e.starts_with("claims[0].sources[0].url: "), "{url:?} gave {e}");
        }
        assert!(check_url("https://www.congress.gov/119/bills/s2174/BILLS-119s2174is.htm").is_ok());
        assert!(check_url("HTTP://user@example.com:8080/a?b#c").is_ok());
    }

    #[test]
    fn type_errors_name_the_path() {
        let mut v = minimal();
        v["claims"][0]["rating"] = "fals".into();
        let e = err_of(v);
        assert!(e.starts_with("claims[0].rating: unknown variant `fals`"), "{e}");
        let mut v = minimal();
        v["claims"][0]["phrasings"] = serde_json::json!(["ok phrase here", 7]);
        assert!(err_of(v).starts_with("claims[0].phrasings[1]: invalid type: integer `7`"));
        let mut v = minimal();
        v["claims"][0]["sources"][0]["titel"] = "x".into();
        assert!(err_of(v).starts_with("claims[0].sources[0].titel: unknown field `titel`"));
        let mut v = minimal();
        v["claims"][0].as_object_mut().unwrap().remove("verdict");
        assert!(err_of(v).starts_with("claims[0]: missing field `verdict`"), "{}", {
            let mut v = minimal();
            v["claims"][0].as_object_mut().unwrap().remove("verdict");
            err_of(v)
        });
    }

    #[test]
    fn invalid_json_is_reported_as_such() {
        let e = Dataset::from_json("{\"factmark\": 1, \"claims\": [").unwrap_err().to_string();
        assert!(e.contains("invalid JSON"), "{e}");
        let trailing = format!("{} junk", minimal());
        let e = Dataset::from_json(&trailing).unwrap_err().to_string();
        assert!(e.starts_with("dataset: invalid JSON: trailing characters"), "{e}");
    }

    #[test]
    fn duplicate_ids_name_both_entries() {
        let mut v = minimal();
        let c = v["claims"][0].clone();
        v["claims"].as_array_mut().unwrap().push(c);
        assert_eq!(err_of(v), "claims[1].id: duplicate id \"a-claim\" (first used by claims[0])");
    }

    #[test]
    fn every_problem_is_reported() {
        let mut v = minimal();
        v["claims"][0]["id"] = "Bad Id".into();
        v["claims"][0]["verdict"] = "   ".into();
        v["claims"][0]["phrasings"] = serde_json::json!(["", "two words"]);
        v["claims"][0]["reviewed"] = "2026-02-30".into();
        v["claims"][0]["sources"][0]["date"] = "Dec 2025".into();
        let errs = Dataset::from_json(&v.to_string()).unwrap_err();
        let paths: Vec<&str> = errs.errors().iter().map(|e| e.path()).collect();
        assert_eq!(
            paths,
            [
                "claims[0].id",
                "claims[0].verdict",
                "claims[0].phrasings[0]",
                "claims[0].phrasings[1]",
                "claims[0].sources[0].date",
                "claims[0].reviewed"
            ]
        );
        assert!(errs.to_string().ends_with("(and 5 more problems)"));
    }

    #[test]
    fn limits_and_control_characters() {
        let mut v = minimal();
        v["claims"][0]["note"] = "x".repeat(2001).into();
        assert_eq!(err_of(v), "claims[0].note: is 2001 characters long; the limit is 2000");
        let mut v = minimal();
        v["claims"][0]["claim"] = "bell\u{7}".into();
        assert_eq!(err_of(v), "claims[0].claim: contains the control character '\\u{7}'");
        let mut v = minimal();
        v["claims"] = serde_json::json!([]);
        assert_eq!(err_of(v), "claims: a dataset needs at least one claim");
        let mut v = minimal();
        v["factmark"] = 2.into();
        assert_eq!(err_of(v), "factmark: unsupported format version 2 (this build reads 1)");
    }

    #[test]
    fn html_in_text_is_kept_as_text() {
        // Markup is not an error: the widget only ever shows dataset text as text.
        let mut v = minimal();
        v["claims"][0]["note"] = "<img src=x onerror=alert(1)>".into();
        let d = Dataset::from_json(&v.to_string()).unwrap();
        assert_eq!(d.claims[0].note, "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn partial_dates() {
        assert_eq!(PartialDate::parse("2025-12-10").unwrap().display(), "10 Dec 2025");
        assert_eq!(PartialDate::parse("2025-12").unwrap().display(), "Dec 2025");
        assert_eq!(PartialDate::parse("2025").unwrap().display(), "2025");
        assert!(PartialDate::parse("2024-02-29").is_ok());
        for bad in ["2025-13", "2025-02-29", "25-01-01", "2025/01/01", "", "2025-1-1", "n.d."] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ages() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(d("2026-11-24").days_until(d("2026-11-24")), 0);
        assert_eq!(d("2025-12-10").days_until(d("2026-11-24")), 349);
        assert_eq!(d("2024-02-28").days_until(d("2024-03-01")), 2, "leap day counted");
        assert_eq!(d("1970-01-01").days_until(d("1970-01-02")), 1);
        assert_eq!(d("2025-12").days_until(d("2025-12-03")), 2, "missing day counts as the 1st");
    }

    #[test]
    fn optional_review_fields_are_validated() {
        let mut v = minimal();
        v["staleAfterDays"] = 0.into();
        v["claims"][0]["appearances"] = serde_json::json!(["https://example.com/a", "javascript:x"]);
        v["claims"][0]["reviews"] = serde_json::json!([{ "publisher": "P", "rating": "false", "url": "ftp://x", "date": "2025-02-30" }]);
        v["claims"][0]["claimDate"] = "yesterday".into();
        v["claims"][0]["language"] = "en_US".into();
        let errs = Dataset::from_json(&v.to_string()).unwrap_err();
        let paths: Vec<&str> = errs.errors().iter().map(|e| e.path()).collect();
        assert_eq!(
            paths,
            [
                "staleAfterDays",
                "claims[0].claimDate",
                "claims[0].language",
                "claims[0].appearances[1]",
                "claims[0].reviews[0].url",
                "claims[0].reviews[0].date"
            ]
        );
        let mut v = minimal();
        v["staleAfterDays"] = 365.into();
        v["claims"][0]["label"] = "Pants on Fire".into();
        v["claims"][0]["reviews"] = serde_json::json!([{ "publisher": "PolitiFact", "label": "Pants on Fire", "rating": "false", "url": "https://politifact.com/x", "date": "2024-05-01" }]);
        let d = Dataset::from_json(&v.to_string()).unwrap();
        assert_eq!(d.stale_after_days, Some(365));
        assert_eq!(d.claims[0].reviews[0].label.as_deref(), Some("Pants on Fire"));
        // Round trip keeps the camelCase names.
        assert!(d.to_json().contains("\"staleAfterDays\":365"));
    }

    #[test]
    fn date_arithmetic_and_forms() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(d("2026-01-20").plus_days(0).to_string(), "2026-01-20");
        assert_eq!(d("2026-01").plus_days(180).to_string(), "2026-06-30", "from the 1st");
        assert_eq!(d("2024-02-28").plus_days(1).to_string(), "2024-02-29");
        assert_eq!(d("2025-12-31").plus_days(1).to_string(), "2026-01-01");
        assert_eq!(d("2026").plus_days(365).to_string(), "2027-01-01");
        for (s, n) in [("2026-03-05", 276), ("2025-06", 900), ("1999-03-24", 10_000)] {
            assert_eq!(d(s).days_until(d(s).plus_days(n)), n, "{s} + {n}");
        }
        assert_eq!(d("2026-01-20").to_month().display(), "Jan 2026");
        assert_eq!(d("2026").to_month().display(), "2026");
        assert_eq!(d("2026-04").to_string(), "2026-04");
    }

    #[test]
    fn as_of_dates_windows_quotes_and_exceptions_are_validated() {
        let mut v = minimal();
        v["claims"][0]["asOf"] = "2026-01".into();
        v["claims"][0]["staleAfterDays"] = 90.into();
        v["claims"][0]["sources"][0]["quotes"] = serde_json::json!(["made of rock"]);
        v["claims"][0]["exceptions"] = serde_json::json!([{ "check": "quote", "text": "cheese", "reason": "the claim's own word" }]);
        let d = Dataset::from_json(&v.to_string()).unwrap();
        assert_eq!(d.claims[0].as_of.as_deref(), Some("2026-01"));
        assert_eq!(d.claims[0].stale_after_days, Some(90));
        assert_eq!(d.claims[0].sources[0].quotes, ["made of rock"]);
        let json = d.to_json();
        assert!(json.contains("\"asOf\":\"2026-01\"") && json.contains("\"quotes\":[\"made of rock\"]"), "{json}");
        assert_eq!(Dataset::from_json(&json).unwrap(), d, "round trip");

        // The facts cannot be newer than their review; the same month is fine.
        for (as_of, ok) in [("2026-11-24", true), ("2026-11", true), ("2026", true), ("2026-11-25", false), ("2027", false)] {
            let mut v = minimal();
            v["claims"][0]["asOf"] = as_of.into();
            let r = Dataset::from_json(&v.to_string());
            assert_eq!(r.is_ok(), ok, "{as_of}: {r:?}");
            if !ok {
                assert_eq!(
                    r.unwrap_err().to_string(),
                    format!("claims[0].asOf: \"{as_of}\" is after the review date 2026-11-24: the facts cannot be newer than their review")
                );
            }
        }

        let mut v = minimal();
        v["claims"][0]["asOf"] = "Jan 2026".into();
        v["claims"][0]["staleAfterDays"] = 0.into();
        v["claims"][0]["sources"][0]["quotes"] = serde_json::json!(["", "ok"]);
        v["claims"][0]["exceptions"] = serde_json::json!([{ "check": "quotes", "text": "x", "reason": " " }]);
        let errs = Dataset::from_json(&v.to_string()).unwrap_err();
        let found: Vec<(&str, &str)> = errs.errors().iter().map(|e| (e.path(), e.message())).collect();
        assert_eq!(
            found,
            [
                ("claims[0].asOf", "\"Jan 2026\" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"),
                ("claims[0].staleAfterDays", "must be at least 1"),
                ("claims[0].sources[0].quotes[0]", "must not be empty"),
                ("claims[0].exceptions[0].check", "unknown check \"quotes\" (the checks are quote, phrasing)"),
                ("claims[0].exceptions[0].reason", "must not be empty"),
            ]
        );
        let mut v = minimal();
        v["claims"][0]["exceptions"] = serde_json::json!([{ "check": "quote", "text": "x" }]);
        assert!(err_of(v).starts_with("claims[0].exceptions[0]: missing field `reason`"));
    }

    #[test]
    fn ratings_round_trip_their_tokens() {
        for r in Rating::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
        }
    }
}
