//! Finding a dataset's claims in text.
//!
//! # Design
//!
//! Each claim has several *phrasings*: the wording it was found in and other
//! ways people state it. [`Matcher::new`] folds and stems every phrasing into
//! term ids (see [`crate::normalize`] and [`crate::stem`]) and builds an
//! inverted index from each content term to the phrasings that use it. A
//! term's weight is its inverse document frequency over the claims,
//! `ln(1 + claims / claims_using_term)`: a word many claims share (`nato`)
//! says little about which claim a sentence makes, a rare one (`greenland`,
//! `massie`) says a lot. Function words weigh nothing.
//!
//! [`Matcher::find`] splits the text into sentences ([`crate::sentence`]),
//! and for each sentence:
//!
//! 1. tokenises it once, looking each stem up in the vocabulary;
//! 2. walks the postings of the sentence's distinct content terms, adding
//!    each term's weight to the phrasings that contain it (the candidates);
//! 3. keeps a candidate when it is the phrasing word for word (*same
//!    wording*, score 1), or when the sentence holds at least
//!    [`MIN_PHRASING_COVERAGE`] of the phrasing's weight and the phrasing
//!    explains at least [`MIN_SENTENCE_COVERAGE`] of the sentence's weight
//!    (*similar wording*: word order, inflection, punctuation and extra words
//!    do not matter);
//! 4. rejects a candidate whose numbers are not all in the sentence
//!    (`200 positions` is not `2,000 positions`);
//! 5. keeps the best phrasing per claim (several same-wording phrasings of
//!    one claim in a sentence merge into one span), then the best claims
//!    whose spans do not overlap.
//!
//! The span reported is the exact phrase for same-wording matches and the
//! shortest run of the sentence holding every matched term otherwise, in
//! UTF-16 offsets of the original text. A match whose span, or the few
//! words before it, holds an odd number of negations beyond the claim's own
//! wording ("It is false that …", "… never …") is marked as disputing the
//! claim ([`Stance::Disputes`]) rather than stating it.
//!
//! Cost is linear in the text: each token is looked up once, and each
//! distinct term visits only the phrasings that contain it.

use crate::dataset::Dataset;
use crate::normalize::tokenize;
use crate::sentence::Sentences;
use crate::stem::{is_stopword, stem};
use std::collections::HashMap;

/// A similar-wording match needs this share of the phrasing's weight.
pub const MIN_PHRASING_COVERAGE: f32 = 0.85;
/// A similar-wording match must explain this share of its sentence's weight.
pub const MIN_SENTENCE_COVERAGE: f32 = 0.3;

/// How a match relates to the dataset's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// One of the claim's phrasings, word for word (after folding and stemming).
    Same,
    /// The phrasing's key terms, in other order or with other words around.
    Similar,
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
}

struct Phrasing {
    claim: u32,
    index: u32,
    /// Every token, in order (for the same-wording check).
    seq: Vec<u32>,
    /// Distinct content terms, sorted.
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
    /// "… did not …"): it has an odd number of negations more than the
    /// claim's own wording.
    Disputes,
}

/// Words that negate or dispute what follows (folded forms).
fn is_negation(folded: &str) -> bool {
    matches!(
        folded,
        "not" | "no" | "never" | "nor" | "neither" | "false" | "untrue" | "denied" | "denies" | "deny"
            | "disputed" | "disputes" | "debunked" | "myth" | "didnt" | "doesnt" | "dont" | "isnt"
            | "wasnt" | "arent" | "werent" | "hasnt" | "havent" | "hadnt" | "wont" | "cant" | "cannot"
            | "couldnt" | "shouldnt" | "wouldnt"
    )
}

/// A compiled dataset, ready to search text.
pub struct Matcher {
    vocab: HashMap<String, u32>,
    weight: Vec<f32>,
    postings: Vec<Vec<u32>>,
    phrasings: Vec<Phrasing>,
    unknown_weight: f32,
}

#[derive(Clone, Copy)]
struct Tok {
    term: Option<u32>,
    start: u32,
    end: u32,
    negation: bool,
}

/// How many tokens before a match may hold a negation that applies to it
/// ("It is false that …").
const NEGATION_LOOKBACK: usize = 4;

/// Working memory reused across sentences.
#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    word: String,
    acc: Vec<f32>,
    touched: Vec<u32>,
    stamp: Vec<u32>,
    epoch: u32,
    distinct: Vec<u32>,
}

impl Matcher {
    /// Compiles a (validated) dataset.
    pub fn new(dataset: &Dataset) -> Matcher {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut content: Vec<bool> = Vec::new();
        let mut phrasings = Vec::new();
        let mut word = String::new();
        for (ci, claim) in dataset.claims.iter().enumerate() {
            for (pi, text) in claim.phrasings.iter().enumerate() {
                let mut seq = Vec::new();
                let mut numbers = Vec::new();
                let mut negations = 0;
                tokenize(text, 0, |w, span| {
                    negations += u32::from(is_negation(w));
                    word.clear();
                    word.push_str(w);
                    stem(&mut word);
                    let next = vocab.len() as u32;
                    let id = *vocab.entry(word.clone()).or_insert(next);
                    if id == next {
                        content.push(!is_stopword(w) && !is_stopword(&word));
                    }
                    seq.push(id);
                    if span.number {
                        numbers.push(id);
                    }
                });
                let mut terms: Vec<u32> = seq.iter().copied().filter(|t| content[*t as usize]).collect();
                terms.sort_unstable();
                terms.dedup();
                numbers.sort_unstable();
                numbers.dedup();
                phrasings.push(Phrasing { claim: ci as u32, index: pi as u32, seq, terms, weight: 0.0, numbers, negations });
            }
        }
        // Document frequency over claims, so a claim with many phrasings
        // does not make its own words look common.
        let mut df = vec![0u32; vocab.len()];
        let mut last_claim = vec![u32::MAX; vocab.len()];
        let mut postings = vec![Vec::new(); vocab.len()];
        for (pi, p) in phrasings.iter().enumerate() {
            for &t in &p.terms {
                if last_claim[t as usize] != p.claim {
                    last_claim[t as usize] = p.claim;
                    df[t as usize] += 1;
                }
                postings[t as usize].push(pi as u32);
            }
        }
        let n = dataset.claims.len().max(1) as f32;
        let weight: Vec<f32> = df
            .iter()
            .zip(&content)
            .map(|(&d, &c)| if c && d > 0 { (1.0 + n / d as f32).ln() } else { 0.0 })
            .collect();
        for p in &mut phrasings {
            p.weight = p.terms.iter().map(|&t| weight[t as usize]).sum();
        }
        Matcher { vocab, weight, postings, phrasings, unknown_weight: (1.0 + n).ln() }
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
            scratch: Scratch {
                acc: vec![0.0; self.phrasings.len()],
                stamp: vec![0; self.weight.len()],
                ..Scratch::default()
            },
            found: Vec::new(),
        }
    }

    fn find_in_sentence(&self, text: &str, base: u32, s: &mut Scratch, out: &mut Vec<Match>) {
        s.toks.clear();
        s.distinct.clear();
        s.epoch = s.epoch.wrapping_add(1);
        if s.epoch == 0 {
            s.stamp.iter_mut().for_each(|x| *x = 0);
            s.epoch = 1;
        }
        let mut sentence_weight = 0.0f32;
        let (vocab, weight, unknown) = (&self.vocab, &self.weight, self.unknown_weight);
        let (toks, word, stamp, distinct, epoch) = (&mut s.toks, &mut s.word, &mut s.stamp, &mut s.distinct, s.epoch);
        tokenize(text, base, |w, span| {
            let negation = is_negation(w);
            word.clear();
            word.push_str(w);
            stem(word);
            let term = vocab.get(word.as_str()).copied();
            match term {
                Some(t) if stamp[t as usize] != epoch => {
                    stamp[t as usize] = epoch;
                    sentence_weight += weight[t as usize];
                    if weight[t as usize] > 0.0 {
                        distinct.push(t);
                    }
                }
                Some(_) => {}
                None if !is_stopword(w) => sentence_weight += unknown,
                None => {}
            }
            toks.push(Tok { term, start: span.start, end: span.end, negation });
        });

        // Candidates: phrasings sharing content terms with the sentence.
        for &t in &s.distinct {
            for &p in &self.postings[t as usize] {
                if s.acc[p as usize] == 0.0 {
                    s.touched.push(p);
                }
                s.acc[p as usize] += self.weight[t as usize];
            }
        }

        let mut best: HashMap<u32, Match> = HashMap::new();
        for &p in &s.touched {
            let acc = s.acc[p as usize];
            let ph = &self.phrasings[p as usize];
            if ph.weight <= 0.0 || acc / ph.weight < MIN_PHRASING_COVERAGE {
                continue;
            }
            if !ph.numbers.iter().all(|n| s.stamp[*n as usize] == s.epoch) {
                continue;
            }
            // Token range of the match, its score and kind.
            let found = if let Some((a, b)) = find_sequence(&s.toks, &ph.seq) {
                Some((a, b, 1.0, MatchKind::Same))
            } else {
                let sentence_cov = if sentence_weight > 0.0 { acc / sentence_weight } else { 0.0 };
                if sentence_cov < MIN_SENTENCE_COVERAGE {
                    None
                } else {
                    let phrase_cov = (acc / ph.weight).min(1.0);
                    let score = (0.75 * phrase_cov + 0.25 * sentence_cov.min(1.0)).min(0.99);
                    shortest_window(&s.toks, &ph.terms).map(|(a, b)| (a, b, score, MatchKind::Similar))
                }
            };
            if let Some((a, b, score, kind)) = found {
                // Negations in the match or just before it, beyond the claim's own.
                let negations = s.toks[a.saturating_sub(NEGATION_LOOKBACK)..b].iter().filter(|t| t.negation).count() as u32;
                let stance = if negations > ph.negations && (negations - ph.negations) % 2 == 1 {
                    Stance::Disputes
                } else {
                    Stance::States
                };
                let (start, end) = (s.toks[a].start, s.toks[b - 1].end);
                let m = Match { claim: ph.claim as usize, phrasing: ph.index as usize, start, end, score, kind, stance };
                match best.get_mut(&ph.claim) {
                    // Two of a claim's wordings in one sentence: one match over both.
                    Some(o) if o.kind == MatchKind::Same && kind == MatchKind::Same => {
                        o.start = o.start.min(start);
                        o.end = o.end.max(end);
                    }
                    Some(o) if score < o.score || (score == o.score && end - start <= o.end - o.start) => {}
                    _ => {
                        best.insert(ph.claim, m);
                    }
                }
            }
        }
        for &p in &s.touched {
            s.acc[p as usize] = 0.0;
        }
        s.touched.clear();

        // Best claims first; drop any that overlap a better one.
        let mut found: Vec<Match> = best.into_values().collect();
        found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.start.cmp(&b.start)).then(a.claim.cmp(&b.claim)));
        let first = out.len();
        for m in found {
            if out[first..].iter().all(|o: &Match| m.end <= o.start || m.start >= o.end) {
                out.push(m);
            }
        }
        out[first..].sort_by_key(|m| m.start);
    }

    /// Number of phrasings compiled.
    pub fn phrasing_count(&self) -> usize {
        self.phrasings.len()
    }
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
            self.matcher.find_in_sentence(text, sent.start16, &mut self.scratch, &mut self.found);
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
    let hits: Vec<(usize, u32)> = toks
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.term.filter(|x| terms.binary_search(x).is_ok()).map(|x| (i, x)))
        .collect();
    let mut need: HashMap<u32, u32> = HashMap::new();
    for &(_, t) in &hits {
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
        m.find(text)
            .into_iter()
            .map(|x| (x.claim, String::from_utf16_lossy(&units[x.start as usize..x.end as usize]), x.kind))
            .collect()
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
        assert_eq!(stance("It is not true that Trump didn't recently claim he wants control over Greenland."), Some(Stance::States));
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

    #[test]
    fn shortest_window_picks_the_tight_span() {
        let t = "NATO, NATO and more NATO: some say NATO is a relic of the Cold War that does not serve U.S. security.";
        let f = found(&small(), t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "NATO is a relic of the Cold War that does not serve U.S. security");
    }
}
