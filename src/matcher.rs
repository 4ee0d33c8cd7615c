//! Finding a dataset's claims in text.
//!
//! # Design
//!
//! Each claim has several *phrasings* (the wording it was found in and
//! other ways people state it) and, optionally, *key terms*: groups of
//! alternatives that any sentence stating it must mention
//! (`[["Massie", "H.R. 6508"], ["withdraw", "leave", "exit"], ["NATO"]]`).
//! [`Matcher::new`] turns every phrasing and key term into term ids (see
//! [`crate::terms`]: stems, numbers as digits, CJK bigrams), rewrites the
//! dataset's alias groups (`pull out of` = `withdraw from`) into one term
//! each, and weighs each term by its inverse document frequency over the
//! claims, `ln(1 + claims / claims_using_term)`: a word many claims share
//! (`nato`) says little about which claim a sentence makes, a rare one
//! (`greenland`, `massie`) says a lot. Function words weigh nothing.
//!
//! [`Matcher::find`] splits the text into sentences ([`crate::sentence`]),
//! and for each sentence:
//!
//! 1. turns it into terms once, looking each up in the vocabulary, and
//!    applies the alias groups;
//! 2. finds candidate phrasings through an inverted index. The index uses
//!    *prefix filtering*: a phrasing is listed only under its rarest terms,
//!    just enough of them to outweigh [`MIN_PHRASING_COVERAGE`]'s
//!    complement, since a sentence lacking all of those cannot reach the
//!    coverage anyway; common words then lead to few candidates however
//!    large the dataset;
//! 3. keeps a candidate when it is the phrasing word for word (*same
//!    wording*, score 1, before aliases: an alias is not the same wording);
//!    for a claim without key terms, also when the sentence holds at least
//!    [`MIN_PHRASING_COVERAGE`] of the phrasing's weight and the phrasing
//!    explains at least [`MIN_SENTENCE_COVERAGE`] of the sentence's weight,
//!    with every number of the phrasing in the sentence (`200 positions` is
//!    not `2,000 positions`);
//! 4. for claims with key terms (found through an index of their first
//!    group), keeps those whose every group has an alternative in the
//!    sentence (*similar wording*, scored by the closest phrasing's
//!    coverage);
//! 5. keeps the best match per claim (several same-wording phrasings of
//!    one claim in a sentence merge into one span), then the best claims
//!    whose spans do not overlap.
//!
//! The span reported is the exact phrase for same-wording matches and the
//! shortest run of the sentence holding every matched term or key group
//! otherwise, in UTF-16 offsets of the original text, with the matched
//! words ([`Match::words`]) and a [`Confidence`] band as the explanation.
//! A match with negations beyond the claim's own, in it or just before it
//! ("It is false that …", "… never …"), or followed by a word calling it
//! false ("… are false"), is marked as disputing the claim
//! ([`Stance::Disputes`]) rather than stating it.
//!
//! Cost is linear in the text: each token is looked up once, and each
//! distinct term visits only the phrasings indexed under it.

use crate::dataset::{Claim, Dataset};
use crate::sentence::Sentences;
use crate::terms::{terms, Term};

// Paths spelled out: build.rs includes this file too (to compile the
// bundled index), from where the default lookup would not find them.
#[path = "matcher/bytes.rs"]
pub(crate) mod bytes;
#[path = "matcher/frame.rs"]
mod frame;
#[path = "matcher/sort.rs"]
pub(crate) mod sort;

pub use bytes::IndexError;
use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hash map with [`FxHasher`]: the matcher's keys are short strings and
/// small integers it made itself, so it needs speed, not SipHash's defence
/// against chosen keys (a page cannot choose which keys are in the vocabulary).
type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc's `FxHasher`.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A similar-wording match needs this share of the phrasing's weight.
pub const MIN_PHRASING_COVERAGE: f32 = 0.85;
/// A similar-wording match must explain this share of its sentence's weight.
pub const MIN_SENTENCE_COVERAGE: f32 = 0.3;
/// A similar-wording match with at least this score has high confidence.
pub const HIGH_CONFIDENCE: f32 = 0.9;

/// How a match relates to the dataset's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// One of the claim's phrasings, word for word (after folding and stemming).
    Same,
    /// The phrasing's key terms, in other order, with other words around,
    /// or in words from the dataset's alias groups.
    Similar,
}

/// How sure a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    /// The same wording, or a similar one that holds nearly every term of
    /// a phrasing and little else.
    High,
    /// A similar wording that clears the thresholds with less to spare.
    Medium,
}

/// A claim found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Index of the claim in the dataset.
    pub claim: usize,
    /// Index of the phrasing within the claim.
    pub phrasing: usize,
    /// UTF-16 offset where the matched text starts.
    pub start: u32,
    /// UTF-16 offset where the matched text ends.
    pub end: u32,
    /// 1.0 for the same wording; below 1 for similar wordings.
    pub score: f32,
    /// Same or similar wording.
    pub kind: MatchKind,
    /// States or disputes the claim.
    pub stance: Stance,
    /// Why it matched: the UTF-16 ranges of the text's words that matched
    /// the phrasing's terms, in text order.
    pub terms: Vec<(u32, u32)>,
    /// The same words as text, each once (case-insensitively), for display.
    pub words: Vec<String>,
}

impl MatchKind {
    /// The kind's name in the JS API, the CLI's JSON and the evaluation.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Same => "same",
            MatchKind::Similar => "similar",
        }
    }
}

impl Stance {
    /// The stance's name in the JS API, the CLI's JSON, the evaluation's
    /// labels and the page's `data-` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::States => "states",
            Stance::Disputes => "disputes",
        }
    }
}

impl Confidence {
    /// The band's name in the JS API and the CLI's JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
        }
    }
}

impl Match {
    /// The match's confidence band.
    pub fn confidence(&self) -> Confidence {
        if self.kind == MatchKind::Same || self.score >= HIGH_CONFIDENCE {
            Confidence::High
        } else {
            Confidence::Medium
        }
    }
}

struct Phrasing {
    claim: u32,
    index: u32,
    /// Every term before aliasing, in order (for the same-wording check).
    raw: Vec<u32>,
    /// Distinct content terms after aliasing, sorted.
    terms: Vec<u32>,
    /// Sum of the content terms' weights.
    weight: f32,
    /// Number terms that must all appear.
    numbers: Vec<u32>,
    /// How many negations the phrasing itself contains.
    negations: u32,
}

/// Whether a sentence states a claim or disputes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    /// The sentence makes the claim.
    States,
    /// The sentence negates or disputes it ("It is false that …",
    /// "… did not …", "Claims that … are false"): it has more negations
    /// or verdicts of falsity around the match than the claim's own wording.
    Disputes,
}

/// An alias rule: this sequence of terms reads as the group's term.
struct Alias {
    seq: Vec<u32>,
    to: u32,
}

/// A compiled dataset, ready to search text.
pub struct Matcher {
    vocab: HashMap<String, u32>,
    /// Scoring weight of each term (0 for stop terms and terms no phrasing uses).
    weight: Vec<f32>,
    /// What each term adds to a sentence's weight: its own weight, or, for a
    /// content term no phrasing uses, as much as an unknown word.
    sentence_weight: Vec<f32>,
    /// Per term: the phrasings indexed under it (see prefix filtering in `new`).
    postings: Vec<Vec<u32>>,
    /// Per claim: the range of its phrasings in `phrasings`.
    claim_phrasings: Vec<(u32, u32)>,
    phrasings: Vec<Phrasing>,
    /// Alias rules by their first term, longest first.
    aliases: HashMap<u32, Vec<Alias>>,
    /// The claims' frames and correction frames, over the dataset's concepts.
    frames: frame::FrameSet,
    /// Per claim: whether it has frames (or key terms), so that other
    /// wordings match it only through them.
    framed: Vec<bool>,
    unknown_weight: f32,
}

#[derive(Clone, Copy)]
struct Tok {
    term: Option<u32>,
    start: u32,
    end: u32,
    negation: bool,
    falsity: bool,
    number: bool,
    cjk: bool,
    frame: bool,
    clause_break: bool,
    truth: bool,
    /// Cancels a negation just before it ("no doubt", "not only").
    cancels: bool,
    /// Sets what follows against the sentence ("rather than …").
    contrast: bool,
    /// A CJK term's first character (a concept's one-character wording,
    /// `李`, matches the character pair it starts: `李表`); else `\0`.
    first: char,
    /// A CJK term of one character alone.
    single: bool,
    /// Makes what follows hypothetical ("if", "如果").
    conditional: bool,
    /// A comma or clause break comes just before it.
    pause: bool,
    /// Reports what someone says ("said", "声称").
    reporting: bool,
    /// "without", "unless".
    without: bool,
    /// A number that reads as a year (1900 to 2100).
    year: bool,
    /// A percentage (`2%`).
    percent: bool,
    /// Reverses what the sentence reports ("scrapped", "walked back").
    reversal: bool,
    /// "whether", "是否".
    whether: bool,
    /// "but", "yet", "而是".
    but: bool,
    /// A colon or semicolon comes just before it (a clause break that is not
    /// a closing quote or bracket).
    hard_break: bool,
    /// An auxiliary ("is", "does", "would", "isn't").
    auxiliary: bool,
    /// "in fact", "实际上": what follows says how things really are.
    sets_right: bool,
    /// "overstate", "夸大": an account distorts things.
    distorts: bool,
}

impl Tok {
    /// The token for term `t`, with its id in the vocabulary (if any).
    fn of(t: &Term, term: Option<u32>) -> Tok {
        Tok {
            term,
            start: t.start,
            end: t.end,
            negation: t.negation,
            falsity: t.falsity,
            number: t.number,
            cjk: t.cjk,
            frame: t.frame,
            clause_break: t.clause_break,
            truth: t.truth,
            cancels: t.cancels_negation,
            contrast: t.contrast,
            first: first_cjk(t),
            single: single_cjk(t),
            conditional: t.conditional,
            pause: t.pause,
            reporting: t.reporting,
            without: t.without,
            year: is_year(t),
            percent: t.number && t.text.ends_with('%'),
            hard_break: t.hard_break,
            reversal: t.reversal,
            whether: t.whether,
            but: t.but,
            auxiliary: t.auxiliary,
            sets_right: t.sets_right,
            distorts: t.distorts,
        }
    }
}

/// Whether the clause ending just before token `i` is a verdict on what
/// follows: "False: …", "That's simply not the case: …", "Not true — …".
fn verdict_before(toks: &[Tok], i: usize) -> bool {
    let before = &toks[i.saturating_sub(3)..i];
    before.iter().any(|t| t.falsity)
        || before.windows(2).any(|w| w[0].negation && w[1].truth)
        || before.windows(3).any(|w| w[0].negation && w[2].truth)
}

/// Where a look-back of `words` words before token `a` starts (CJK terms
/// count half a word: each character pair is a term). It never reaches
/// across a clause break ("… the point of no return: although NATO …").
fn lookback(toks: &[Tok], a: usize, words: usize) -> usize {
    let mut budget = 2 * words;
    let mut i = a;
    while i > 0 && (!toks.get(i).is_some_and(|t| t.clause_break) || verdict_before(toks, i)) {
        let cost = if toks[i - 1].cjk { 1 } else { 2 };
        if budget < cost {
            break;
        }
        budget -= cost;
        i -= 1;
    }
    i
}

/// Working memory reused across sentences.
#[derive(Default)]
struct Scratch {
    /// The sentence's terms as written.
    raw: Vec<Tok>,
    /// The same after alias rules.
    toks: Vec<Tok>,
    acc: Vec<f32>,
    touched: Vec<u32>,
    stamp: Vec<u32>,
    epoch: u32,
    distinct: Vec<u32>,
    /// Every distinct term of the sentence.
    present: Vec<u32>,
    /// What the block has named so far (for `refer` wordings).
    context: frame::Context,
    frame: frame::Scratch,
    hits: Vec<frame::FrameHit>,
}

/// Whether a term is a number that reads as a year.
fn is_year(t: &Term) -> bool {
    // Written as four digits: "2,000" is a count.
    t.number && t.end - t.start == 4 && t.text.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// A CJK term's first character, or `\0`.
fn first_cjk(t: &Term) -> char {
    if t.cjk {
        t.text.chars().next().unwrap_or('\0')
    } else {
        '\0'
    }
}

/// Whether a term is one CJK character alone.
fn single_cjk(t: &Term) -> bool {
    t.cjk && t.text.chars().nth(1).is_none()
}

/// Vocabulary under construction.
#[derive(Default)]
struct Vocab {
    ids: HashMap<String, u32>,
    content: Vec<bool>,
}

impl Vocab {
    fn id(&mut self, text: &str, content: bool) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            self.content[id as usize] |= content;
            return id;
        }
        let id = self.content.len() as u32;
        self.ids.insert(text.to_string(), id);
        self.content.push(content);
        id
    }

    /// The terms of `text`, adding new ones.
    fn toks(&mut self, text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        terms(text, 0, |t| {
            let term = Some(self.id(t.text, !t.stop));
            out.push(Tok::of(t, term));
        });
        settle_negations(&mut out);
        out
    }
}

/// Drops the negation of a "no"/"not" that an idiom turns into an
/// affirmation: "make no mistake", "no doubt", "not only … but also".
fn settle_negations(toks: &mut [Tok]) {
    for i in 1..toks.len() {
        if toks[i].cancels && toks[i - 1].negation {
            toks[i - 1].negation = false;
        }
    }
}

/// Rewrites `raw` into `out` by the alias rules: the longest rule starting
/// at each term wins, and its terms become one token.
fn apply_aliases(aliases: &HashMap<u32, Vec<Alias>>, raw: &[Tok], out: &mut Vec<Tok>) {
    out.clear();
    let mut i = 0;
    while i < raw.len() {
        let rule = raw[i].term.and_then(|t| aliases.get(&t)).and_then(|rules| {
            rules
                .iter()
                .find(|r| raw.len() - i >= r.seq.len() && raw[i..i + r.seq.len()].iter().zip(&r.seq).all(|(t, s)| t.term == Some(*s)))
        });
        match rule {
            Some(r) => {
                let last = raw[i + r.seq.len() - 1];
                let negation = raw[i..i + r.seq.len()].iter().any(|t| t.negation);
                let falsity = raw[i..i + r.seq.len()].iter().any(|t| t.falsity);
                let frame = raw[i..i + r.seq.len()].iter().any(|t| t.frame);
                out.push(Tok {
                    term: Some(r.to),
                    start: raw[i].start,
                    end: last.end,
                    negation,
                    falsity,
                    number: false,
                    cjk: raw[i].cjk,
                    frame,
                    clause_break: raw[i].clause_break,
                    truth: false,
                    cancels: false,
                    contrast: raw[i..i + r.seq.len()].iter().any(|t| t.contrast),
                    first: raw[i].first,
                    single: false,
                    conditional: raw[i].conditional,
                    pause: raw[i].pause,
                    reporting: raw[i..i + r.seq.len()].iter().any(|t| t.reporting),
                    without: raw[i..i + r.seq.len()].iter().any(|t| t.without),
                    year: false,
                    percent: false,
                    hard_break: raw[i].hard_break,
                    reversal: raw[i..i + r.seq.len()].iter().any(|t| t.reversal),
                    whether: raw[i].whether,
                    but: raw[i..i + r.seq.len()].iter().any(|t| t.but),
                    auxiliary: false,
                    sets_right: false,
                    distorts: false,
                });
                i += r.seq.len();
            }
            None => {
                out.push(raw[i]);
                i += 1;
            }
        }
    }
}

/// Builds a [`Matcher`] a claim at a time, so that a caller who must not
/// block (the browser's main thread) can spread the work over several
/// tasks: [`MatcherBuilder::new`] with the dataset's alias groups and
/// concepts, then [`MatcherBuilder::add`] for each claim in order, then
/// [`MatcherBuilder::finish`] (weights and the index, linear in the number
/// of phrasings). [`Matcher::new`] does all three at once.
pub struct MatcherBuilder {
    vocab: Vocab,
    aliases: HashMap<u32, Vec<Alias>>,
    /// Per alias group id: the term sequences of its wordings.
    alias_groups: HashMap<u32, Vec<Vec<u32>>>,
    phrasings: Vec<Phrasing>,
    frames: frame::FrameSet,
    framed: Vec<bool>,
    toks: Vec<Tok>,
}

impl MatcherBuilder {
    /// Starts a matcher with the dataset's alias groups (each becomes one
    /// term of its own) and concepts.
    pub fn new(dataset: &Dataset) -> MatcherBuilder {
        let mut vocab = Vocab::default();
        let mut aliases: HashMap<u32, Vec<Alias>> = HashMap::default();
        let mut alias_groups: HashMap<u32, Vec<Vec<u32>>> = HashMap::default();
        for (g, group) in dataset.aliases.iter().enumerate() {
            let to = vocab.id(&format!("\u{0}alias{g}"), true);
            for wording in group {
                let seq: Vec<u32> = vocab.toks(wording).iter().filter_map(|t| t.term).collect();
                if let Some(&first) = seq.first() {
                    alias_groups.entry(to).or_default().push(seq.clone());
                    aliases.entry(first).or_default().push(Alias { seq, to });
                }
            }
        }
        for rules in aliases.values_mut() {
            sort::sort_by_key(rules, |r| std::cmp::Reverse(r.seq.len()));
        }
        let mut frames = frame::FrameSet::default();
        for (name, c) in &dataset.concepts {
            frames.add_concept(name, c, &mut |w| frame::units(&vocab.toks(w)));
        }
        MatcherBuilder { vocab, aliases, alias_groups, phrasings: Vec::new(), frames, framed: Vec::new(), toks: Vec::new() }
    }

    /// Adds the next claim of the dataset (claims must come in dataset
    /// order: a match names its claim by index): its phrasings, and its
    /// frames, correction frames and key terms (one frame of literal slots).
    pub fn add(&mut self, claim: &Claim) {
        let ci = self.framed.len() as u32;
        let MatcherBuilder { vocab, aliases, alias_groups, phrasings, toks, frames, .. } = self;
        for (pi, text) in claim.phrasings.iter().enumerate() {
            let raw = vocab.toks(text);
            apply_aliases(aliases, &raw, toks);
            let negations = toks.iter().filter(|t| t.negation || t.falsity).count() as u32;
            let mut terms: Vec<u32> = toks.iter().filter_map(|t| t.term).filter(|t| vocab.content[*t as usize]).collect();
            terms.sort_unstable();
            terms.dedup();
            let mut numbers: Vec<u32> = toks.iter().filter(|t| t.number).filter_map(|t| t.term).collect();
            numbers.sort_unstable();
            numbers.dedup();
            let raw = raw.iter().filter_map(|t| t.term).collect();
            phrasings.push(Phrasing { claim: ci, index: pi as u32, raw, terms, weight: 0.0, numbers, negations });
        }
        // A literal wording that is one of an alias group's also matches
        // the group's other wordings.
        let expand = |seq: &[frame::Unit]| -> Vec<Vec<frame::Unit>> {
            let terms: Option<Vec<u32>> = seq.iter().map(|u| if let frame::Unit::Term(t) = u { Some(*t) } else { None }).collect();
            let Some(terms) = terms else { return Vec::new() };
            let rule = terms.first().and_then(|f| aliases.get(f)).and_then(|rules| rules.iter().find(|r| r.seq == terms));
            let group = rule.and_then(|r| alias_groups.get(&r.to));
            group.map(|g| g.iter().map(|s| s.iter().map(|&t| frame::Unit::Term(t)).collect()).collect()).unwrap_or_default()
        };
        let mut tok = |w: &str| frame::units(&vocab.toks(w));
        let key_frame: Vec<crate::dataset::Slot> = claim.key_terms.iter().map(|g| crate::dataset::Slot(g.clone())).collect();
        let own = claim.frames.iter().chain((!key_frame.is_empty()).then_some(&key_frame));
        for f in own {
            frames.add_frame(ci, false, f, &mut tok, &expand);
        }
        for f in &claim.correction_frames {
            frames.add_frame(ci, true, f, &mut tok, &expand);
        }
        self.framed.push(!claim.frames.is_empty() || !claim.key_terms.is_empty());
    }

    /// Weighs the terms and builds the index.
    pub fn finish(self) -> Matcher {
        let MatcherBuilder { vocab, aliases, phrasings, mut frames, framed, .. } = self;
        frames.finish();
        Matcher::assemble(vocab, aliases, phrasings, frames, framed)
    }
}

impl Matcher {
    /// The matcher from its compiled parts: weighs the terms and builds the
    /// inverted indexes (what [`MatcherBuilder::finish`] and
    /// [`Matcher::from_bytes`] share).
    fn assemble(
        vocab: Vocab,
        aliases: HashMap<u32, Vec<Alias>>,
        mut phrasings: Vec<Phrasing>,
        frames: frame::FrameSet,
        framed: Vec<bool>,
    ) -> Matcher {
        let n_claims = framed.len();
        // Document frequency over claims, so a claim with many phrasings
        // does not make its own words look common.
        let n_terms = vocab.content.len();
        let mut df = vec![0u32; n_terms];
        let mut last_claim = vec![u32::MAX; n_terms];
        for p in &phrasings {
            for &t in &p.terms {
                if last_claim[t as usize] != p.claim {
                    last_claim[t as usize] = p.claim;
                    df[t as usize] += 1;
                }
            }
        }
        let n = n_claims.max(1) as f32;
        let unknown_weight = (1.0 + n).ln();
        let weight: Vec<f32> =
            df.iter().zip(&vocab.content).map(|(&d, &c)| if c && d > 0 { (1.0 + n / d as f32).ln() } else { 0.0 }).collect();
        let sentence_weight =
            df.iter().zip(&vocab.content).zip(&weight).map(|((&d, &c), &w)| if c && d == 0 { unknown_weight } else { w }).collect();
        for p in &mut phrasings {
            p.weight = p.terms.iter().map(|&t| weight[t as usize]).sum();
        }
        // Prefix filtering: a similar match needs MIN_PHRASING_COVERAGE of a
        // phrasing's weight, so a sentence missing terms worth more than the
        // rest cannot match it. Index each phrasing under its rarest terms
        // only, just enough of them to outweigh that rest: a sentence that
        // can match holds at least one of them. Common words ("percent",
        // "budget") then point at few phrasings, however large the dataset.
        let mut postings = vec![Vec::new(); n_terms];
        let mut by_weight: Vec<u32> = Vec::new();
        for (pi, p) in phrasings.iter().enumerate() {
            by_weight.clear();
            by_weight.extend_from_slice(&p.terms);
            sort::sort_by(&mut by_weight, |a, b| weight[*b as usize].total_cmp(&weight[*a as usize]).then(a.cmp(b)));
            let need = (1.0 - MIN_PHRASING_COVERAGE + 0.01) * p.weight;
            let mut sum = 0.0;
            for &t in &by_weight {
                if weight[t as usize] <= 0.0 {
                    break;
                }
                postings[t as usize].push(pi as u32);
                sum += weight[t as usize];
                if sum > need {
                    break;
                }
            }
        }
        let mut claim_phrasings = vec![(0u32, 0u32); n_claims];
        for (pi, p) in phrasings.iter().enumerate() {
            let r = &mut claim_phrasings[p.claim as usize];
            if r.1 == 0 {
                r.0 = pi as u32;
            }
            r.1 = pi as u32 + 1;
        }
        Matcher { vocab: vocab.ids, weight, sentence_weight, postings, phrasings, claim_phrasings, aliases, frames, framed, unknown_weight }
    }
}

impl Matcher {
    /// The compiled matcher in a compact binary form, which
    /// [`Matcher::from_bytes`] reads back without tokenizing any wording
    /// again (`build.rs` writes the bundled dataset's; see `bytes`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = bytes::Writer::default();
        w.bytes.extend_from_slice(bytes::MAGIC);
        w.bytes.push(bytes::VERSION);
        w.usize(self.framed.len());
        // The vocabulary in id order, and which terms carry meaning.
        let mut terms: Vec<(&str, u32)> = self.vocab.iter().map(|(k, &v)| (k.as_str(), v)).collect();
        terms.sort_unstable_by_key(|&(_, v)| v);
        // Column by column, which the transfer's gzip packs tighter than
        // term by term: every term's length, then their bytes, then a
        // bitmap of the content terms.
        w.usize(terms.len());
        for &(t, _) in &terms {
            w.usize(t.len());
        }
        for &(t, _) in &terms {
            w.bytes.extend_from_slice(t.as_bytes());
        }
        let mut content = vec![0u8; terms.len().div_ceil(8)];
        for (i, &(_, id)) in terms.iter().enumerate() {
            debug_assert_eq!(i as u32, id);
            if self.sentence_weight[id as usize] > 0.0 {
                content[i / 8] |= 1 << (i % 8);
            }
        }
        w.bytes.extend_from_slice(&content);
        let rules: Vec<&Alias> = self.aliases.values().flatten().collect();
        w.usize(rules.len());
        for r in rules {
            w.u32(r.to);
            w.u32s(&r.seq);
        }
        w.usize(self.phrasings.len());
        for p in &self.phrasings {
            w.u32(p.claim);
            w.u32(p.index);
            w.u32s(&p.raw);
            w.u32s(&p.terms);
            w.u32s(&p.numbers);
            w.u32(p.negations);
        }
        for &f in &self.framed {
            w.bool(f);
        }
        self.frames.write(&mut w);
        w.bytes
    }

    /// Reads what [`Matcher::to_bytes`] wrote.
    pub fn from_bytes(data: &[u8]) -> Result<Matcher, IndexError> {
        let mut r = bytes::Reader::new(data);
        if r.take(4)? != bytes::MAGIC || r.byte()? != bytes::VERSION {
            return r.fail("not a factmark index of this version");
        }
        let n_claims = r.len()?;
        let n_terms = r.len()?;
        let lens = (0..n_terms).map(|_| r.usize()).collect::<Result<Vec<_>, _>>()?;
        let mut vocab = Vocab::default();
        for (id, &len) in lens.iter().enumerate() {
            let bytes = r.take(len)?;
            let Ok(t) = std::str::from_utf8(bytes) else { return r.fail("not UTF-8") };
            if vocab.ids.insert(t.to_string(), id as u32).is_some() {
                return r.fail("a term twice");
            }
        }
        let content = r.take(n_terms.div_ceil(8))?;
        vocab.content = (0..n_terms).map(|i| content[i / 8] & (1 << (i % 8)) != 0).collect();
        let term = |r: &mut bytes::Reader, t: u32| if (t as usize) < n_terms { Ok(t) } else { r.fail("term out of range") };
        let mut aliases: HashMap<u32, Vec<Alias>> = HashMap::default();
        for _ in 0..r.len()? {
            let to = r.u32()?;
            term(&mut r, to)?;
            let seq = r.u32s()?;
            for &t in &seq {
                term(&mut r, t)?;
            }
            let Some(&first) = seq.first() else { return r.fail("empty alias") };
            aliases.entry(first).or_default().push(Alias { seq, to });
        }
        for rules in aliases.values_mut() {
            sort::sort_by_key(rules, |r| std::cmp::Reverse(r.seq.len()));
        }
        let mut phrasings = Vec::new();
        for _ in 0..r.len()? {
            let (claim, index) = (r.u32()?, r.u32()?);
            if claim as usize >= n_claims {
                return r.fail("claim out of range");
            }
            let (raw, terms, numbers) = (r.u32s()?, r.u32s()?, r.u32s()?);
            for &t in raw.iter().chain(&terms).chain(&numbers) {
                term(&mut r, t)?;
            }
            phrasings.push(Phrasing { claim, index, raw, terms, weight: 0.0, numbers, negations: r.u32()? });
        }
        let framed = (0..n_claims).map(|_| r.bool()).collect::<Result<Vec<_>, _>>()?;
        let frames = frame::FrameSet::read(&mut r, n_claims)?;
        if !r.done() {
            return r.fail("bytes after the end");
        }
        Ok(Matcher::assemble(vocab, aliases, phrasings, frames, framed))
    }

    /// Compiles a (validated) dataset.
    pub fn new(dataset: &Dataset) -> Matcher {
        let mut builder = MatcherBuilder::new(dataset);
        for claim in &dataset.claims {
            builder.add(claim);
        }
        builder.finish()
    }

    /// Finds the claims stated in `text`. Offsets are UTF-16 units of `text`.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let mut search = self.search(text);
        while !search.step(usize::MAX) {}
        search.finish()
    }

    /// A search of `text` that can be run in slices ([`Search::step`]), so
    /// a long page never blocks its thread for long.
    pub fn search<'m, 't>(&'m self, text: &'t str) -> Search<'m, 't> {
        Search {
            matcher: self,
            text,
            sentences: Sentences::new(text),
            scratch: Scratch { acc: vec![0.0; self.phrasings.len()], stamp: vec![0; self.weight.len()], ..Scratch::default() },
            found: Vec::new(),
        }
    }

    fn find_in_sentence(&self, text: &str, base: u32, block_start: bool, s: &mut Scratch, out: &mut Vec<Match>) {
        if block_start {
            s.context.new_block();
        }
        s.raw.clear();
        s.distinct.clear();
        s.present.clear();
        s.epoch = s.epoch.wrapping_add(1);
        if s.epoch == 0 {
            s.stamp.iter_mut().for_each(|x| *x = 0);
            s.epoch = 1;
        }
        let mut sentence_weight = 0.0f32;
        let (vocab, raw, unknown) = (&self.vocab, &mut s.raw, self.unknown_weight);
        terms(text, base, |t| {
            let term = vocab.get(t.text).copied();
            if term.is_none() && !t.stop {
                sentence_weight += unknown;
            }
            raw.push(Tok::of(t, term));
        });
        settle_negations(&mut s.raw);
        apply_aliases(&self.aliases, &s.raw, &mut s.toks);
        for tok in &s.toks {
            let Some(t) = tok.term else { continue };
            if s.stamp[t as usize] != s.epoch {
                s.stamp[t as usize] = s.epoch;
                s.present.push(t);
                sentence_weight += self.sentence_weight[t as usize];
                if self.weight[t as usize] > 0.0 {
                    s.distinct.push(t);
                }
            }
        }
        // The words an alias took in are present too, so a phrasing or key
        // term that uses one of them alone ("withdraw", "defense") still
        // finds it in "withdraw from", "Defense Department". They do not add
        // to the sentence's weight: the alias already did.
        for tok in &s.raw {
            let Some(t) = tok.term else { continue };
            if s.stamp[t as usize] != s.epoch {
                s.stamp[t as usize] = s.epoch;
                s.present.push(t);
                if self.weight[t as usize] > 0.0 {
                    s.distinct.push(t);
                }
            }
        }

        // A question asks; it does not assert: "Is NATO a Cold War relic?"
        // neither repeats nor disputes the claim, even in its own words, and
        // nothing is reported in one.
        let question = {
            let t = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '\'' | '’' | ')' | '」' | '。'));
            // "Why does America still pay most of NATO's budget?" takes the
            // claim for granted: a why- or how-question states it.
            let head = t.trim_start();
            let word = &head[..head.find(|c: char| !c.is_alphanumeric()).unwrap_or(head.len())];
            let presupposes = word.eq_ignore_ascii_case("why") || word.eq_ignore_ascii_case("how") || head.starts_with(['为', '為']);
            !presupposes && (t.ends_with(['?', '？']) || t.trim_end_matches(['！', '!', '，', ',']).ends_with(['吗', '嗎', '呢']))
        };

        // Frames, on the words as written (concepts hold their own wordings).
        s.hits.clear();
        self.frames.find(&s.raw, &mut s.context, &mut s.frame, &mut s.hits);

        // Candidates: phrasings indexed under a term of the sentence.
        let candidates = if question { &[][..] } else { &s.distinct[..] };
        for &t in candidates {
            for &p in &self.postings[t as usize] {
                if s.acc[p as usize] == 0.0 {
                    s.acc[p as usize] = 1.0;
                    s.touched.push(p);
                }
            }
        }

        let mut best: HashMap<u32, Match> = HashMap::default();
        for &p in &s.touched {
            let ph = &self.phrasings[p as usize];
            let acc = self.covered(ph, &s.stamp, s.epoch);
            if ph.weight <= 0.0 || acc / ph.weight < MIN_PHRASING_COVERAGE {
                continue;
            }
            let present = |t: &u32| s.stamp[*t as usize] == s.epoch;
            if !ph.numbers.iter().all(present) {
                continue;
            }
            // Token range of the match (in `toks`), its score and kind, and
            // the negations at its words beyond the phrasing's own.
            let found = if let Some((a, b)) = find_sequence(&s.raw, &ph.raw) {
                // The same wording beside what the claim's frames call its
                // opposite says something else: not reported.
                if self.framed[ph.claim as usize] && self.frames.opposed_near(ph.claim, &s.raw, &s.frame, a, b) {
                    continue;
                }
                // "… is not what he said": unsafe, as for a frame.
                if frame::negated_after(&s.raw, b, &[]) {
                    continue;
                }
                let disputed = frame::negated_at(&s.raw, a, &[]).is_some() || frame::verdict_around(&s.raw, a, b, &[]);
                // "Claims that NATO promised not to expand eastward
                // misrepresent …": set right after it, as for a frame.
                if !disputed && frame::set_right_after_hearsay(&s.raw, a, b) {
                    continue;
                }
                Some((&s.raw, a, b, 1.0, MatchKind::Same, disputed))
            } else {
                let sentence_cov = if sentence_weight > 0.0 { acc / sentence_weight } else { 0.0 };
                // A claim with frames matches other wordings by them alone (below).
                if self.framed[ph.claim as usize] || question || sentence_cov < MIN_SENTENCE_COVERAGE {
                    None
                } else {
                    let phrase_cov = (acc / ph.weight).min(1.0);
                    let score = (0.75 * phrase_cov + 0.25 * sentence_cov.min(1.0)).min(0.99);
                    shortest_window(&s.toks, &ph.terms).map(|(a, b)| {
                        let parts: Vec<(usize, usize)> = (a..b)
                            .filter(|&i| s.toks[i].term.is_some_and(|t| ph.terms.binary_search(&t).is_ok()))
                            .map(|i| (i, i + 1))
                            .collect();
                        let at_parts = parts.iter().filter(|&&(i, _)| frame::negated_at(&s.toks, i, &parts).is_some()).count() as u32;
                        let disputed = at_parts > ph.negations || frame::verdict_around(&s.toks, a, b, &[]);
                        (&s.toks, a, b, score, MatchKind::Similar, disputed)
                    })
                }
            };
            if let Some((toks, a, b, score, kind, disputed)) = found {
                let stance = if disputed { Stance::Disputes } else { Stance::States };
                let (start, end) = (toks[a].start, toks[b - 1].end);
                let better = match best.get(&ph.claim) {
                    // Two of a claim's wordings in one sentence: one match over both.
                    Some(o) if o.kind == MatchKind::Same && kind == MatchKind::Same => {
                        let (start, end) = (o.start.min(start), o.end.max(end));
                        if let Some(o) = best.get_mut(&ph.claim) {
                            o.start = start;
                            o.end = end;
                            o.terms = matched_terms(&s.raw, start, end, |t| self.weight[t as usize] > 0.0);
                        }
                        false
                    }
                    Some(o) => !(score < o.score || (score == o.score && end - start <= o.end - o.start)),
                    None => true,
                };
                if better {
                    let terms = match kind {
                        MatchKind::Same => matched_terms(toks, start, end, |t| self.weight[t as usize] > 0.0),
                        MatchKind::Similar => matched_terms(toks, start, end, |t| ph.terms.binary_search(&t).is_ok()),
                    };
                    let m = Match {
                        claim: ph.claim as usize,
                        phrasing: ph.index as usize,
                        start,
                        end,
                        score,
                        kind,
                        stance,
                        terms,
                        words: Vec::new(),
                    };
                    best.insert(ph.claim, m);
                }
            }
        }
        for &p in &s.touched {
            s.acc[p as usize] = 0.0;
        }
        s.touched.clear();

        if !question {
            self.frame_matches(s, &mut best);
        }

        // Best claims first; drop any that overlap a better one.
        let mut found: Vec<Match> = best.into_values().collect();
        sort::sort_by(&mut found, |a, b| b.score.total_cmp(&a.score).then(a.start.cmp(&b.start)).then(a.claim.cmp(&b.claim)));
        let first = out.len();
        for mut m in found {
            if out[first..].iter().all(|o: &Match| m.end <= o.start || m.start >= o.end) {
                m.words = words_of(text, base, &m.terms);
                out.push(m);
            }
        }
        sort::sort_by_key(&mut out[first..], |m| m.start);
    }

    /// Turns the sentence's frame hits into matches, one per claim, unless
    /// the claim was found in the same wording. A claim's hits decide its
    /// stance together: a correction (a fact against the claim) disputes
    /// it; so does a frame with a negation at a slot or a verdict around
    /// it. Hits that disagree, or a correction itself disputed (a double
    /// negative), are not reported: a wrong verdict is worse than none.
    fn frame_matches(&self, s: &Scratch, best: &mut HashMap<u32, Match>) {
        let mut by_claim: Vec<&frame::FrameHit> = s.hits.iter().collect();
        sort::sort_by_key(&mut by_claim, |h| (h.claim, !h.high, h.b - h.a));
        let mut i = 0;
        while i < by_claim.len() {
            let c = by_claim[i].claim;
            let mut j = i;
            while j < by_claim.len() && by_claim[j].claim == c {
                j += 1;
            }
            let hits = &by_claim[i..j];
            i = j;
            if best.get(&c).is_some_and(|m| m.kind == MatchKind::Same) {
                continue;
            }
            let disputes = |h: &&&frame::FrameHit| h.correction != h.disputed;
            let unsafe_ = hits.iter().any(|h| h.veto || (h.correction && h.disputed));
            let (n_disputes, n_states) = (hits.iter().filter(disputes).count(), hits.iter().filter(|h| !disputes(h)).count());
            if unsafe_ || (n_disputes > 0 && n_states > 0) {
                continue;
            }
            let h = hits[0];
            let stance = if n_disputes > 0 { Stance::Disputes } else { Stance::States };
            let (a, b) = (h.a, h.b);
            let (from, to) = self.claim_phrasings[c as usize];
            let (phrasing, cover) = self.phrasings[from as usize..to as usize]
                .iter()
                .filter(|p| p.weight > 0.0)
                .map(|p| (p.index as usize, self.covered(p, &s.stamp, s.epoch) / p.weight))
                .fold((0, 0.0f32), |best, x| if x.1 > best.1 { x } else { best });
            // High confidence: slots close together, named without pronouns,
            // and either three slots or more, or much of a phrasing's words
            // (two slots alone, "moon" and "cheese", say little).
            let high = h.high && (h.parts.len() >= 3 || cover >= 0.5);
            let score = if high { 0.95 } else { 0.8 };
            let terms = merge_spans(h.parts.iter().map(|&(pa, pb)| (s.raw[pa].start, s.raw[pb - 1].end)));
            let m = Match {
                claim: c as usize,
                phrasing,
                start: s.raw[a].start,
                end: s.raw[b - 1].end,
                score,
                kind: MatchKind::Similar,
                stance,
                terms,
                words: Vec::new(),
            };
            best.insert(c, m);
        }
    }

    /// The weight of `ph`'s terms present in the sentence (`stamp == epoch`).
    fn covered(&self, ph: &Phrasing, stamp: &[u32], epoch: u32) -> f32 {
        ph.terms.iter().filter(|&&t| stamp[t as usize] == epoch).map(|&t| self.weight[t as usize]).sum()
    }

    /// Number of phrasings compiled.
    pub fn phrasing_count(&self) -> usize {
        self.phrasings.len()
    }
}

/// The text of each of `spans` (UTF-16 offsets from `base`, sorted) in
/// `text`, each distinct word once.
fn words_of(text: &str, base: u32, spans: &[(u32, u32)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut lower: Vec<String> = Vec::new();
    let mut chars = text.chars();
    let mut pos = base;
    for &(a, b) in spans {
        let mut word = String::new();
        while pos < b {
            let Some(c) = chars.next() else { break };
            if pos >= a {
                word.push(c);
            }
            pos += c.len_utf16() as u32;
        }
        let folded = word.to_lowercase();
        if !word.is_empty() && !lower.contains(&folded) {
            lower.push(folded);
            out.push(word);
        }
    }
    out
}

/// The spans of the tokens within `start..end` whose term passes `keep`,
/// overlapping ones merged (CJK bigrams overlap: 北约 + 约指 + 指挥 → 北约指挥).
fn matched_terms(toks: &[Tok], start: u32, end: u32, keep: impl Fn(u32) -> bool) -> Vec<(u32, u32)> {
    merge_spans(toks.iter().filter(|t| t.start >= start && t.end <= end && t.term.is_some_and(&keep)).map(|t| (t.start, t.end)))
}

/// Sorted spans with the overlapping ones merged into one.
fn merge_spans(spans: impl Iterator<Item = (u32, u32)>) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = spans.collect();
    sort::sort(&mut v);
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// A search in progress: [`Matcher::find`] in slices.
pub struct Search<'m, 't> {
    matcher: &'m Matcher,
    text: &'t str,
    sentences: Sentences<'t>,
    scratch: Scratch,
    found: Vec<Match>,
}

impl Search<'_, '_> {
    /// Searches the next sentences, stopping once about `budget` bytes of
    /// text have been read (always at least one sentence). Returns whether
    /// the whole text has been searched.
    pub fn step(&mut self, budget: usize) -> bool {
        let stop = self.sentences.position().saturating_add(budget);
        loop {
            let Some(sent) = self.sentences.next() else { return true };
            let text = &self.text[sent.bytes];
            self.matcher.find_in_sentence(text, sent.start16, sent.block_start, &mut self.scratch, &mut self.found);
            if self.sentences.position() >= stop {
                return self.sentences.position() >= self.text.len();
            }
        }
    }

    /// Bytes of the text searched so far.
    pub fn position(&self) -> usize {
        self.sentences.position()
    }

    /// The matches found, in text order.
    pub fn finish(self) -> Vec<Match> {
        self.found
    }
}

/// First contiguous run of `toks` whose terms are exactly `seq`, as a token
/// index range.
fn find_sequence(toks: &[Tok], seq: &[u32]) -> Option<(usize, usize)> {
    if seq.is_empty() || toks.len() < seq.len() {
        return None;
    }
    (0..=toks.len() - seq.len())
        .find(|&i| toks[i..i + seq.len()].iter().zip(seq).all(|(t, s)| t.term == Some(*s)))
        .map(|i| (i, i + seq.len()))
}

/// The shortest run of `toks` containing every term of `terms` that occurs
/// in `toks` at all, as a token index range.
fn shortest_window(toks: &[Tok], terms: &[u32]) -> Option<(usize, usize)> {
    let hits: Vec<(usize, u32)> =
        toks.iter().enumerate().filter_map(|(i, t)| t.term.filter(|x| terms.binary_search(x).is_ok()).map(|x| (i, x))).collect();
    shortest_run(&hits)
}

/// The shortest run of `hits` (token index, key) holding every key that
/// occurs in `hits` at all, as a token index range.
fn shortest_run(hits: &[(usize, u32)]) -> Option<(usize, usize)> {
    let mut need: HashMap<u32, u32> = HashMap::default();
    for &(_, t) in hits {
        need.entry(t).or_insert(0);
    }
    let want = need.len();
    let (mut have, mut lo) = (0usize, 0usize);
    let mut best: Option<(usize, usize)> = None;
    for hi in 0..hits.len() {
        let c = need.entry(hits[hi].1).or_insert(0);
        *c += 1;
        if *c == 1 {
            have += 1;
        }
        while have == want {
            let (a, b) = (hits[lo].0, hits[hi].0);
            if best.is_none_or(|(x, y)| b - a < y - x) {
                best = Some((a, b));
            }
            let c = need.entry(hits[lo].1).or_insert(1);
            *c -= 1;
            if *c == 0 {
                have -= 1;
            }
            lo += 1;
        }
    }
    best.map(|(a, b)| (a, b + 1))
}

/// A matcher over `claims` (each given its id and what the test is about;
/// the rest is filler) and one top-level field of the dataset (`aliases`
/// or `concepts`): for the tests of this module and of [`frame`].
#[cfg(test)]
pub(crate) fn test_matcher(field: &str, value: serde_json::Value, claims: serde_json::Value) -> Matcher {
    let claims: Vec<serde_json::Value> = claims
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let mut v = serde_json::json!({
                "rating": "false", "claim": "c", "verdict": "v", "note": "n", "phrasings": ["a wording nobody writes"],
                "reviewed": "2026-11-24", "sources": [{"publisher": "p", "title": "t", "url": "https://e.org"}]
            });
            for (k, x) in c.as_object().into_iter().flatten() {
                v[k] = x.clone();
            }
            v
        })
        .collect();
    let mut json = serde_json::json!({ "factmark": 1, "claims": claims });
    json[field] = value;
    Matcher::new(&crate::dataset::Dataset::from_json(&json.to_string()).expect("a valid test dataset"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::utf16_len;

    fn dataset(claims: &[(&str, &[&str])]) -> Dataset {
        let claims: Vec<serde_json::Value> = claims
            .iter()
            .map(|(id, ph)| {
                serde_json::json!({
                    "id": id, "rating": "false", "claim": "c", "phrasings": ph, "verdict": "v", "note": "n",
                    "reviewed": "2026-11-24", "sources": [{"publisher": "p", "title": "t", "url": "https://e.org"}]
                })
            })
            .collect();
        Dataset::from_json(&serde_json::json!({ "factmark": 1, "claims": claims }).to_string()).unwrap()
    }

    fn small() -> Matcher {
        Matcher::new(&dataset(&[
            ("greenland", &["Trump recently claimed he wants control over Greenland"]),
            ("cuts", &["the U.S. plans to cut approximately 200 U.S. personnel positions at NATO command centers"]),
            ("relic", &["NATO is a Cold War relic that does not serve U.S. security"]),
        ]))
    }

    fn found(m: &Matcher, text: &str) -> Vec<(usize, String, MatchKind)> {
        let units: Vec<u16> = text.encode_utf16().collect();
        m.find(text).into_iter().map(|x| (x.claim, String::from_utf16_lossy(&units[x.start as usize..x.end as usize]), x.kind)).collect()
    }

    #[test]
    fn same_wording_inside_a_longer_sentence() {
        let t = "Meanwhile, Trump recently claimed he wants control over Greenland — a Danish territory.";
        assert_eq!(found(&small(), t), [(0, "Trump recently claimed he wants control over Greenland".into(), MatchKind::Same)]);
    }

    #[test]
    fn case_punctuation_quotes_and_line_breaks_do_not_matter() {
        let t = "TRUMP recently claimed—he “wants” control\nover GREENLAND!";
        let f = found(&small(), t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].2, MatchKind::Same);
        assert_eq!(f[0].1, "TRUMP recently claimed—he “wants” control\nover GREENLAND");
    }

    #[test]
    fn word_order_and_inflection() {
        let t = "Control over Greenland is what Trump claims he wanted, recently.";
        let f = found(&small(), t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 0);
        assert_eq!(f[0].2, MatchKind::Similar);
    }

    #[test]
    fn numbers_must_agree() {
        let m = small();
        let ok = "The U.S. plans to cut approximately 200 U.S. personnel positions at NATO command centers.";
        assert_eq!(found(&m, ok).len(), 1);
        let wrong = "The U.S. plans to cut approximately 2,000 U.S. personnel positions at NATO command centers.";
        assert!(found(&m, wrong).is_empty());
        let digits = "The US plans to cut approximately 200 US personnel positions at NATO command centres.";
        assert_eq!(found(&m, digits).len(), 1, "comma-free and US spelled without dots");
    }

    #[test]
    fn shared_vocabulary_alone_is_not_a_match() {
        let m = small();
        for t in [
            "NATO leaders met in Brussels to discuss the alliance's command structure.",
            "Greenland's government said the island is not for sale.",
            "The Cold War ended in 1991 when the Soviet Union dissolved.",
            "Trump claimed victory in the election.",
        ] {
            assert!(found(&m, t).is_empty(), "{t}");
        }
    }

    #[test]
    fn offsets_are_utf16_with_non_ascii_text() {
        let t = "😀😀 Ça: Trump recently claimed he wants control over Greenland.";
        let ms = small().find(t);
        assert_eq!(ms.len(), 1);
        let prefix = "😀😀 Ça: ";
        assert_eq!(ms[0].start, utf16_len(prefix));
        assert_eq!(ms[0].end, utf16_len(prefix) + utf16_len("Trump recently claimed he wants control over Greenland"));
    }

    #[test]
    fn each_sentence_matches_separately() {
        let t = "Trump recently claimed he wants control. Over Greenland, people disagree.";
        assert!(found(&small(), t).is_empty());
        let two = "Trump recently claimed he wants control over Greenland. NATO is a Cold War relic that does not serve U.S. security.";
        let f: Vec<usize> = found(&small(), two).into_iter().map(|x| x.0).collect();
        assert_eq!(f, [0, 2]);
    }

    #[test]
    fn negations_dispute_the_claim() {
        let m = small();
        let stance = |t: &str| m.find(t).first().map(|x| x.stance);
        assert_eq!(stance("Trump recently claimed he wants control over Greenland."), Some(Stance::States));
        assert_eq!(stance("It is false that Trump recently claimed he wants control over Greenland."), Some(Stance::Disputes));
        assert_eq!(stance("Trump never recently claimed he wants control over Greenland."), Some(Stance::Disputes));
        assert_eq!(stance("No, it is not true that Trump recently claimed he wants control over Greenland."), Some(Stance::Disputes));
        // The claim's own negation is part of its wording.
        assert_eq!(stance("NATO is a Cold War relic that does not serve U.S. security."), Some(Stance::States));
        assert_eq!(stance("No, NATO is a Cold War relic that does not serve U.S. security."), Some(Stance::Disputes));
    }

    #[test]
    fn a_search_in_slices_finds_what_find_finds() {
        let m = small();
        let text = "Trump recently claimed he wants control over Greenland. Filler text here. ".repeat(50)
            + "The U.S. plans to cut approximately 200 U.S. personnel positions at NATO command centers.";
        let whole = m.find(&text);
        assert_eq!(whole.len(), 51);
        for budget in [1, 10, 100, 1000] {
            let mut s = m.search(&text);
            let mut steps = 0;
            while !s.step(budget) {
                steps += 1;
                assert!(steps < 10_000);
            }
            assert!(steps > 0 || budget >= text.len());
            assert_eq!(s.position(), text.len());
            assert_eq!(s.finish(), whole, "budget {budget}");
        }
    }

    fn with_aliases(claims: serde_json::Value, aliases: serde_json::Value) -> Matcher {
        test_matcher("aliases", aliases, claims)
    }

    #[test]
    fn aliases_match_other_wordings_but_not_as_the_same_wording() {
        let m = with_aliases(
            serde_json::json!([{ "id": "massie", "phrasings": ["Massie filed a bill to withdraw from NATO"] }]),
            serde_json::json!([["withdraw from", "pull out of", "exit", "leave"], ["bill", "H.R. 6508", "NATO Act"]]),
        );
        let f = found(&m, "Massie filed the NATO Act to pull the U.S. out of NATO.");
        assert!(f.is_empty(), "'pull the U.S. out of' is not the alias 'pull out of': {f:?}");
        let f = found(&m, "Massie filed H.R. 6508 to pull out of NATO.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].2, MatchKind::Similar, "aliases are not the same wording");
        assert_eq!(f[0].1, "Massie filed H.R. 6508 to pull out of NATO");
        let f = found(&m, "Massie filed a bill to withdraw from NATO.");
        assert_eq!(f[0].2, MatchKind::Same);
        // Without the alias group, the other wording does not match.
        let plain = with_aliases(
            serde_json::json!([{ "id": "massie", "phrasings": ["Massie filed a bill to withdraw from NATO"] }]),
            serde_json::json!([]),
        );
        assert!(found(&plain, "Massie filed H.R. 6508 to pull out of NATO.").is_empty());
    }

    #[test]
    fn words_an_alias_took_in_still_count() {
        let m = with_aliases(
            serde_json::json!([
                { "id": "massie", "phrasings": ["Massie wants to withdraw"] },
                { "id": "budget", "phrasings": ["the defense budget will rise"], "keyTerms": [["defense"], ["budget"], ["rise"]] }
            ]),
            serde_json::json!([["withdraw from", "pull out of"], ["Defense Department", "Pentagon"]]),
        );
        let f = found(&m, "Massie wants to withdraw from NATO.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].2, MatchKind::Same);
        assert_eq!(found(&m, "Officials say the Defense Department budget will rise.").len(), 1);
    }

    #[test]
    fn a_verdict_word_in_the_claims_own_wording_is_not_a_denial() {
        let m = with_aliases(
            serde_json::json!([{ "id": "fake", "phrasings": ["Trump called the Greenland report fake news"] }]),
            serde_json::json!([]),
        );
        let stance = |t: &str| m.find(t).first().map(|x| x.stance);
        assert_eq!(stance("Trump called the Greenland report fake news."), Some(Stance::States));
        assert_eq!(stance("It is false that Trump called the Greenland report fake news."), Some(Stance::Disputes));
    }

    #[test]
    fn key_terms_decide_other_wordings() {
        let claims = serde_json::json!([{
            "id": "lee",
            "keyTerms": [["Mike Lee", "S.2174"], ["Senate", "senator"], ["withdraw", "leave", "exit", "pull out"], ["NATO", "Atlantic alliance"]],
            "phrasings": ["Senator Mike Lee introduced a Senate bill to withdraw from NATO"]
        }]);
        let m = with_aliases(claims, serde_json::json!([]));
        let f = found(&m, "Utah's Mike Lee wants the Senate to pull the country out of the Atlantic alliance, his office said.");
        assert_eq!(f.len(), 1, "every group present, few shared words: {f:?}");
        assert_eq!(f[0].1, "Mike Lee wants the Senate to pull the country out of the Atlantic alliance");
        assert_eq!(f[0].2, MatchKind::Similar);
        // A group missing: another senator, another treaty, no exit.
        for t in [
            "Senator Rand Paul introduced a Senate bill to withdraw from NATO.",
            "Sen. Mike Lee introduced a Senate bill to withdraw from the United Nations.",
            "Sen. Mike Lee praised NATO on the Senate floor.",
        ] {
            assert!(found(&m, t).is_empty(), "{t}");
        }
        // The exact wording needs no key term check.
        assert_eq!(found(&m, "Senator Mike Lee introduced a Senate bill to withdraw from NATO.")[0].2, MatchKind::Same);
        let d = m.find("It is false that Mike Lee asked the Senate to leave NATO.");
        assert_eq!(d[0].stance, Stance::Disputes);
    }

    #[test]
    fn denials_after_the_claim_and_over_several_clauses() {
        let claims = serde_json::json!([{
            "id": "fight", "keyTerms": [["NATO"], ["fighting", "at war with"], ["Russia"]],
            "phrasings": ["NATO is in fact fighting against Russia"]
        }]);
        let m = with_aliases(claims, serde_json::json!([]));
        let stance = |t: &str| m.find(t).first().map(|x| x.stance);
        assert_eq!(stance("In truth NATO is fighting Russia now."), Some(Stance::States));
        assert_eq!(stance("Claims that NATO is fighting Russia are false."), Some(Stance::Disputes));
        assert_eq!(stance("NATO is not fighting Russia; arming Ukraine does not make it a party."), Some(Stance::Disputes));
        assert_eq!(stance("Claims that NATO is fighting Russia, in Ukraine and elsewhere, are simply false."), Some(Stance::Disputes));
        assert_eq!(stance("NATO is fighting Russia, which is false."), Some(Stance::Disputes));
        assert_eq!(
            stance("NATO is fighting Russia, in Ukraine and elsewhere, my uncle says, and he is never wrong."),
            Some(Stance::States),
            "without a frame only a verdict within four words counts, and a negation after the claim is not one"
        );
        assert_eq!(
            stance("NATO is fighting Russia in Ukraine and elsewhere, whatever its critics say about false peace."),
            Some(Stance::States)
        );
        assert_eq!(stance("It is not true that in truth NATO is fighting Russia."), Some(Stance::Disputes));
        assert_eq!(
            stance("He calls it the point of no return: in truth NATO is fighting Russia."),
            Some(Stance::States),
            "a negation before a clause break does not reach the match"
        );
        assert_eq!(
            stance("That's simply not the case: NATO is fighting Russia."),
            Some(Stance::Disputes),
            "a verdict before the break does"
        );
        assert_eq!(stance("False: NATO is fighting Russia."), Some(Stance::Disputes));
        assert_eq!(stance("Make no mistake, NATO is fighting Russia."), Some(Stance::States));
        assert_eq!(stance("No doubt NATO is fighting Russia."), Some(Stance::States));
        assert_eq!(stance("No, NATO is fighting Russia only in the minds of some."), Some(Stance::Disputes));
        assert_eq!(stance("There is no evidence whatsoever from the sources that NATO is fighting Russia."), Some(Stance::Disputes));
        assert_eq!(stance("There is evidence whatsoever from the sources that NATO is fighting Russia."), Some(Stance::States));
        assert!(stance("说北约正在与俄罗斯作战不实。").is_none(), "no Chinese key terms here");
        let zh = with_aliases(
            serde_json::json!([{ "id": "fight", "keyTerms": [["北约"], ["作战"], ["俄罗斯"]], "phrasings": ["北约实际上在与俄罗斯作战"] }]),
            serde_json::json!([]),
        );
        assert_eq!(zh.find("有人说北约在与俄罗斯作战，此说法不实。")[0].stance, Stance::Disputes);
        assert_eq!(zh.find("北约在与俄罗斯作战。")[0].stance, Stance::States);
        // Set up as what others say, then set right: not reported either way.
        assert!(zh.find("有说法称北约在与俄罗斯作战，实际上北约只向乌克兰提供援助。").is_empty());
        assert_eq!(zh.find("有人说北约在与俄罗斯作战。")[0].stance, Stance::States);
        // 经不起推敲 calls it false; 经不起折腾 ("cannot take the strain") is no verdict.
        assert_eq!(zh.find("北约在与俄罗斯作战，这种说法经不起推敲。")[0].stance, Stance::Disputes);
        assert_eq!(zh.find("盟友经不起折腾，北约在与俄罗斯作战。")[0].stance, Stance::States);
        // 其实 ("actually") sets it right after a hearsay frame too …
        assert!(zh.find("所谓北约在与俄罗斯作战，其实北约只向乌克兰提供援助。").is_empty());
        // … but 事实证明 ("facts proved") does not.
        assert_eq!(zh.find("有说法称北约在与俄罗斯作战，事实证明确实如此。")[0].stance, Stance::States);
        // A word like "exaggerates" about someone, in an earlier clause, is no verdict.
        assert_eq!(stance("Trump, who often exaggerates, says NATO is fighting Russia."), Some(Stance::States));
        // After a claim framed as what others say, a word that calls the
        // account a distortion sets it right: not reported. Without the
        // frame it says nothing of the claim.
        assert_eq!(stance("Claims that NATO is fighting Russia overstate what its officials said."), None);
        assert_eq!(stance("NATO is fighting Russia, and its critics overstate the cost."), Some(Stance::States));
        assert!(zh.find("所谓北约在与俄罗斯作战，这种说法经不起事实的推敲。").is_empty());
        assert!(zh.find("所谓北约在与俄罗斯作战的说法，夸大了北约的作用。").is_empty());
        assert_eq!(zh.find("北约在与俄罗斯作战，盟友经不起折腾。")[0].stance, Stance::States);
        // The same in the claim's own wording (the same-wording path).
        assert_eq!(stance("Claims that NATO is in fact fighting against Russia overstate what officials said."), None);
        assert_eq!(stance("NATO is in fact fighting against Russia."), Some(Stance::States));
        // A word that already disputes it keeps the dispute shown.
        assert_eq!(stance("Claims that NATO is fighting Russia are exaggerated."), Some(Stance::Disputes));
        // 其实 sets it right only opening a clause: 提升其实力 ("raise its strength") does not.
        assert_eq!(zh.find("有说法称北约在与俄罗斯作战，并提升其实力。")[0].stance, Stance::States);
    }

    #[test]
    fn a_yes_no_question_reports_nothing_even_in_the_claims_words() {
        let m = with_aliases(serde_json::json!([{ "id": "relic", "phrasings": ["NATO is a Cold War relic"] }]), serde_json::json!([]));
        assert_eq!(m.find("Massie says NATO is a Cold War relic.").len(), 1);
        assert!(m.find("Is NATO a Cold War relic?").is_empty());
        assert!(m.find("So NATO is a Cold War relic?").is_empty());
        assert!(m.find("北约是冷战遗物吗？").is_empty());
        // A why-question takes the claim for granted: it states it.
        assert_eq!(m.find("Why is NATO a Cold War relic?").len(), 1);
    }

    #[test]
    fn only_a_negation_next_to_its_key_term_is_the_claims_own() {
        let claims = serde_json::json!([{
            "id": "fight", "keyTerms": [["NATO"], ["fighting", "at war with"], ["Russia"], ["not a party", "in fact"]],
            "phrasings": ["although NATO is not technically a party, it is in fact fighting Russia"]
        }]);
        let m = with_aliases(claims, serde_json::json!([]));
        let stance = |t: &str| m.find(t).first().map(|x| x.stance);
        assert_eq!(stance("NATO is not a party to the war, but it is at war with Russia all the same."), Some(Stance::States));
        assert_eq!(stance("NATO is not fighting Russia, and it is not a party to the war."), Some(Stance::Disputes));
    }

    #[test]
    fn a_negation_in_the_key_terms_is_the_claims_own() {
        let claims = serde_json::json!([{
            "id": "plan", "keyTerms": [["NATO"], ["no plan", "no blueprint"], ["without the U.S.", "without America"]],
            "phrasings": ["NATO has no plan for operating without the United States"]
        }]);
        let m = with_aliases(claims, serde_json::json!([]));
        assert_eq!(m.find("Diplomats admit NATO has no blueprint for a future without America.")[0].stance, Stance::States);
        assert_eq!(m.find("It is untrue that NATO has no blueprint for a future without America.")[0].stance, Stance::Disputes);
    }

    #[test]
    fn number_words_agree_with_digits() {
        let m = small();
        let t = "The US plans to cut approximately two hundred US personnel positions at NATO command centers.";
        assert_eq!(found(&m, t).len(), 1);
        let t = "The US plans to cut approximately two thousand US personnel positions at NATO command centers.";
        assert!(found(&m, t).is_empty());
    }

    #[test]
    fn chinese_text_matches_by_bigrams() {
        let m = with_aliases(
            serde_json::json!([{ "id": "cuts", "phrasings": ["美国计划削减北约指挥中心约200个职位"] }]),
            serde_json::json!([]),
        );
        let f = found(&m, "据报道，美国计划削减北约指挥中心约200个职位。");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "美国计划削减北约指挥中心约200个职位");
        assert_eq!(f[0].2, MatchKind::Same);
        let f = found(&m, "北约指挥中心约200个职位，美国计划削减。");
        assert_eq!(f.len(), 1, "reordered: {f:?}");
        assert_eq!(f[0].2, MatchKind::Similar);
        assert!(found(&m, "美国计划削减北约指挥中心约2000个职位。").is_empty(), "numbers must agree");
        assert!(found(&m, "北约指挥中心举行会议。").is_empty());
        // Overlapping bigrams make whole words in the explanation, not fragments.
        let words = &m.find("北约指挥中心约200个职位，美国计划削减。")[0].words;
        assert!(words.iter().all(|w| w.chars().count() >= 2), "{words:?}");
        assert!(words.iter().any(|w| w.starts_with("北约指挥")), "{words:?}");
        let d = m.find("美国并没有计划削减北约指挥中心约200个职位。");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].stance, Stance::Disputes);
    }

    #[test]
    fn matches_explain_themselves() {
        let m = small();
        let t = "Control over Greenland is what Trump claims he wanted, recently.";
        let ms = m.find(t);
        let units: Vec<u16> = t.encode_utf16().collect();
        let words: Vec<String> = ms[0].terms.iter().map(|&(a, b)| String::from_utf16_lossy(&units[a as usize..b as usize])).collect();
        assert_eq!(words, ["Control", "Greenland", "Trump", "claims", "wanted", "recently"]);
        assert_eq!(ms[0].words, words, "the same words as text");
        let twice = m.find("NATO is a Cold War relic, a relic that does not serve U.S. security.");
        assert_eq!(twice[0].words.iter().filter(|w| *w == "relic").count(), 1, "{:?}", twice[0].words);
        assert_eq!(ms[0].kind, MatchKind::Similar);
        let same = m.find("Trump recently claimed he wants control over Greenland.");
        assert_eq!(same[0].confidence(), Confidence::High);
        assert_eq!(same[0].terms.len(), 6, "content words of the exact phrase");
    }

    #[test]
    fn the_binary_form_finds_what_the_compiled_dataset_finds() {
        let dataset = crate::bundled_dataset();
        let m = Matcher::new(&dataset);
        let bytes = m.to_bytes();
        let back = Matcher::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes, "reading and writing again gives the same bytes");
        let text: String = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/article.txt")).unwrap()
            + "\u{2029}Rep. Thomas Massie wants Washington to pull out of the alliance, and he filed legislation to do it.\u{2029}"
            + "It is false that NATO is fighting Russia. For the record, the U.S. pays about 16% of NATO's common budget.\u{2029}"
            + "马西提交议案，要求美国退出北约。特朗普多次私下表示，他希望美国退出北约。";
        let (a, b) = (m.find(&text), back.find(&text));
        assert!(a.len() > 25, "{}", a.len());
        assert_eq!(a, b);
    }

    #[test]
    fn a_damaged_binary_form_is_an_error_not_a_panic() {
        let bytes = Matcher::new(&crate::bundled_dataset()).to_bytes();
        assert!(Matcher::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        assert!(Matcher::from_bytes(b"FMIX").is_err());
        assert_eq!(Matcher::from_bytes(b"JUNKJUNK").err().map(|e| e.message), Some("not a factmark index of this version"));
        let mut extra = bytes.clone();
        extra.push(0);
        assert_eq!(Matcher::from_bytes(&extra).err().map(|e| e.message), Some("bytes after the end"));
        // Any byte changed: an error or a matcher, never a panic.
        for i in (5..bytes.len()).step_by(97) {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            if let Ok(m) = Matcher::from_bytes(&b) {
                m.find("Rep. Thomas Massie introduced a bill to pull the U.S. out of NATO.");
            }
        }
    }

    #[test]
    fn shortest_window_picks_the_tight_span() {
        let t = "NATO, NATO and more NATO: some say NATO is a relic of the Cold War that does not serve U.S. security.";
        let f = found(&small(), t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "NATO is a relic of the Cold War that does not serve U.S. security");
    }
}
