//! Typed slots: finding a claim's frames in a sentence.
//!
//! A *frame* is what a sentence must say to make a claim: slots such as
//! `["@massie", "@introduce", "@bill", "@withdraw", "@nato"]`, each filled
//! by a wording of a *concept* (see [`crate::dataset::Concept`]). This
//! module compiles concepts and frames into term sequences, finds them in a
//! sentence's tokens, and decides what the sentence does with the claim.
//!
//! # Why slots and not a bag of words
//!
//! A bag of words cannot tell "most allies now meet the 2% target" from
//! "few allies meet the 2% target", nor NATO from a climate alliance. So:
//!
//! - **Concepts are precise.** A concept's `terms` name it (NATO is
//!   `NATO`, never `alliance`); its `refer` wordings (`the alliance`,
//!   `he`) count only after the concept was named earlier in the same
//!   block, and resolve to the concept named last, the way a reader reads a
//!   pronoun.
//! - **Quantities keep their unit**: [`crate::terms`] reads `2%`, `2
//!   percent` and `two per cent` as the one term `2%`, which a bare `2` is
//!   not.
//! - **Slots are near each other**: every slot must be filled within
//!   [`MAX_SPAN_WORDS`] words, so a long sentence cannot collect its slots
//!   from unrelated clauses.
//! - **Polarity is read at the slot.** A negation just before a slot
//!   ("did *not* introduce", "*rather than* supporting") means the
//!   sentence disputes the claim; a negation elsewhere in the sentence
//!   ("Massie, who has *never* been shy, introduced …") does not bear on
//!   it. Verdict words around the match ("… is *false*", "the *myth* that
//!   …") dispute it too.
//! - **Opposites make a match unsafe.** A concept's `opposite` wordings
//!   (`stay in` for `withdraw`) in the match's span mean the sentence may
//!   say the reverse of the claim without a negation word: it is not
//!   reported at all, since a missed claim is a pity but a wrong verdict is
//!   harm.
//! - **Corrections.** A claim's `correctionFrames` describe the facts its
//!   fact-check states against it; a sentence filling one agrees with the
//!   fact-check and is reported as disputing the claim, never as stating it.

use super::{lookback, FxHasher, Tok};
use crate::dataset::{Concept, Frame};
use std::collections::HashMap as StdHashMap;
use std::hash::BuildHasherDefault;

type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The most words a frame's slots may spread over (CJK terms count half,
/// since each character pair is a term).
pub(crate) const MAX_SPAN_WORDS: usize = 32;
/// A frame within this many words, named without pronouns, is a
/// high-confidence match.
const TIGHT_SPAN_WORDS: usize = 22;
/// Other words allowed between two words of one wording (`pull the U.S.
/// out`); none in CJK.
const MAX_GAP: usize = 3;
/// How many tokens before a slot a negation may stand to negate it ("did
/// not formally introduce").
const SLOT_NEGATION_REACH: usize = 3;

/// How a wording relates to its concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// It names the concept.
    Name,
    /// It refers back to the concept once named.
    Refer,
    /// It says the concept's opposite.
    Opposite,
}

struct Member {
    concept: u32,
    role: Role,
    seq: Vec<u32>,
}

/// One compiled frame.
struct CFrame {
    claim: u32,
    correction: bool,
    /// Per slot, the concepts that fill it.
    slots: Vec<Vec<u32>>,
}

/// Compiled concepts and frames, ready to search token streams.
#[derive(Default)]
pub(crate) struct FrameSet {
    members: Vec<Member>,
    /// Members by their first term.
    by_first: HashMap<u32, Vec<u32>>,
    /// Concept ids by name (`@name`) and, for literal wordings, by `=text`.
    names: HashMap<String, u32>,
    n_concepts: u32,
    frames: Vec<CFrame>,
    /// Per concept: the frames to try when it is in a sentence (each frame
    /// is listed under the concepts of its rarest slot).
    by_concept: Vec<Vec<u32>>,
}

impl FrameSet {
    fn concept_id(&mut self, key: String) -> (u32, bool) {
        if let Some(&id) = self.names.get(&key) {
            return (id, false);
        }
        let id = self.n_concepts;
        self.n_concepts += 1;
        self.names.insert(key, id);
        (id, true)
    }

    fn add_member(&mut self, concept: u32, role: Role, seq: Vec<u32>) {
        let Some(&first) = seq.first() else { return };
        if self.members.iter().any(|m| m.concept == concept && m.role == role && m.seq == seq) {
            return;
        }
        self.by_first.entry(first).or_default().push(self.members.len() as u32);
        self.members.push(Member { concept, role, seq });
    }

    /// Adds a named concept; `toks` turns a wording into its term ids.
    pub(crate) fn add_concept(&mut self, name: &str, c: &Concept, toks: &mut dyn FnMut(&str) -> Vec<u32>) {
        let (id, _) = self.concept_id(format!("@{name}"));
        for (role, list) in [(Role::Name, &c.terms), (Role::Refer, &c.refer), (Role::Opposite, &c.opposite)] {
            for w in list {
                let seq = toks(w);
                self.add_member(id, role, seq);
            }
        }
    }

    /// Adds claim `claim`'s frame. A literal alternative becomes a concept
    /// of its own (with its alias group's other wordings, from `expand`).
    pub(crate) fn add_frame(
        &mut self,
        claim: u32,
        correction: bool,
        frame: &Frame,
        toks: &mut dyn FnMut(&str) -> Vec<u32>,
        expand: &dyn Fn(&[u32]) -> Vec<Vec<u32>>,
    ) {
        let mut slots = Vec::with_capacity(frame.len());
        for slot in frame {
            let mut ids = Vec::new();
            for alt in &slot.0 {
                let id = if alt.starts_with('@') {
                    // Validation guarantees the concept exists; an unknown
                    // one (a dataset not validated) fills nothing.
                    match self.names.get(alt) {
                        Some(&id) => id,
                        None => continue,
                    }
                } else {
                    let seq = toks(alt);
                    let (id, new) = self.concept_id(format!("={}", seq.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")));
                    if new {
                        for s in expand(&seq) {
                            self.add_member(id, Role::Name, s);
                        }
                        self.add_member(id, Role::Name, seq);
                    }
                    id
                };
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            if ids.is_empty() {
                return; // a slot nothing can fill: the frame can never match
            }
            slots.push(ids);
        }
        if !slots.is_empty() {
            self.frames.push(CFrame { claim, correction, slots });
        }
    }

    /// Indexes the frames by their rarest slot's concepts.
    pub(crate) fn finish(&mut self) {
        let n = self.n_concepts as usize;
        let mut df = vec![0u32; n];
        for f in &self.frames {
            for s in &f.slots {
                for &c in s {
                    df[c as usize] += 1;
                }
            }
        }
        self.by_concept = vec![Vec::new(); n];
        for (fi, f) in self.frames.iter().enumerate() {
            let rarest = f.slots.iter().min_by_key(|s| s.iter().map(|&c| df[c as usize]).sum::<u32>());
            for &c in rarest.into_iter().flatten() {
                self.by_concept[c as usize].push(fi as u32);
            }
        }
    }
}

/// Where a concept was found in a sentence: token range `a..b`.
#[derive(Debug, Clone, Copy)]
struct Occ {
    concept: u32,
    role: Role,
    a: usize,
    b: usize,
}

/// What a block has named so far, so that `refer` wordings can resolve.
#[derive(Default)]
pub(crate) struct Context {
    /// Per concept: when it was last named (a counter over the block).
    named: HashMap<u32, u64>,
    clock: u64,
}

impl Context {
    /// Forgets everything: a new block starts.
    pub(crate) fn clear(&mut self) {
        self.named.clear();
        self.clock = 0;
    }
}

/// Working memory reused across sentences.
#[derive(Default)]
pub(crate) struct Scratch {
    occ: Vec<Occ>,
    /// Per concept: a stamp saying it is in the current sentence.
    stamp: Vec<u32>,
    epoch: u32,
    candidates: Vec<u32>,
}

/// A frame found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct FrameHit {
    pub claim: u32,
    /// A correction frame: the sentence states a fact against the claim.
    pub correction: bool,
    /// Token range of the match.
    pub a: usize,
    pub b: usize,
    /// A negation at a slot, or a verdict word, disputes the claim.
    pub disputed: bool,
    /// All slots named directly, close together.
    pub high: bool,
    /// Token ranges of the slot fillers.
    pub parts: Vec<(usize, usize)>,
}

/// How many other tokens may follow token `i` before a wording's next word.
fn gap_allowed(toks: &[Tok], i: usize) -> usize {
    if toks[i].cjk {
        0
    } else {
        MAX_GAP
    }
}

/// The end of `seq` matched at `toks[i..]` (in order, with small gaps, not
/// across a clause break), if it is there.
fn match_seq(toks: &[Tok], i: usize, seq: &[u32]) -> Option<usize> {
    if toks[i].term != Some(seq[0]) {
        return None;
    }
    let mut at = i + 1;
    for &t in &seq[1..] {
        let gap = gap_allowed(toks, at - 1);
        let mut found = None;
        for j in at..toks.len().min(at + gap + 1) {
            if j > at - 1 && toks[j].clause_break {
                break;
            }
            if toks[j].term == Some(t) {
                found = Some(j);
                break;
            }
        }
        at = found? + 1;
    }
    Some(at)
}

/// Words from token `a` to `b` (CJK terms count half).
fn span_words(toks: &[Tok], a: usize, b: usize) -> usize {
    (toks[a..b].iter().map(|t| if t.cjk { 1 } else { 2 }).sum::<usize>() + 1) / 2
}

impl FrameSet {
    /// Finds every frame in the sentence `toks`. `ctx` holds what the block
    /// named before it, and is updated with what this sentence names.
    pub(crate) fn find(&self, toks: &[Tok], ctx: &mut Context, s: &mut Scratch, out: &mut Vec<FrameHit>) {
        if self.members.is_empty() {
            return;
        }
        s.occ.clear();
        if s.stamp.len() < self.n_concepts as usize {
            s.stamp.resize(self.n_concepts as usize, 0);
        }
        s.epoch = s.epoch.wrapping_add(1);
        if s.epoch == 0 {
            s.stamp.iter_mut().for_each(|x| *x = 0);
            s.epoch = 1;
        }
        // 1. Every wording of every concept, longest first at each token.
        for i in 0..toks.len() {
            let Some(t) = toks[i].term else { continue };
            let Some(ms) = self.by_first.get(&t) else { continue };
            for &m in ms {
                let m = &self.members[m as usize];
                if let Some(b) = match_seq(toks, i, &m.seq) {
                    s.occ.push(Occ { concept: m.concept, role: m.role, a: i, b });
                }
            }
        }
        // 2. Refer wordings resolve to the concept named last, before them
        // in this sentence or earlier in the block.
        let mut named_here: Vec<(usize, u32)> =
            s.occ.iter().filter(|o| o.role == Role::Name).map(|o| (o.a, o.concept)).collect();
        named_here.sort_unstable();
        let when = |concept: u32, pos: usize| -> Option<u64> {
            let here = named_here.iter().rposition(|&(p, c)| c == concept && p < pos).map(|k| u64::MAX / 2 + k as u64);
            here.or_else(|| ctx.named.get(&concept).copied())
        };
        let mut resolved: Vec<Occ> = Vec::with_capacity(s.occ.len());
        let refers: Vec<Occ> = s.occ.iter().copied().filter(|o| o.role == Role::Refer).collect();
        for o in s.occ.iter().copied().filter(|o| o.role != Role::Refer) {
            resolved.push(o);
        }
        // Group refer occurrences by position: among the concepts a wording
        // could refer to at one place, keep the one named last.
        let mut k = 0;
        while k < refers.len() {
            let (a, b) = (refers[k].a, refers[k].b);
            let mut best: Option<(u64, Occ)> = None;
            while k < refers.len() && refers[k].a == a && refers[k].b == b {
                let o = refers[k];
                if let Some(t) = when(o.concept, a) {
                    if best.is_none_or(|(bt, _)| t > bt) {
                        best = Some((t, o));
                    }
                }
                k += 1;
            }
            if let Some((_, o)) = best {
                // A concept named in the same place needs no pronoun.
                if !resolved.iter().any(|r| r.role == Role::Name && r.a <= o.a && o.b <= r.b) {
                    resolved.push(o);
                }
            }
        }
        for o in &resolved {
            if o.role != Role::Opposite {
                s.stamp[o.concept as usize] = s.epoch;
            }
        }
        // What this sentence names stays in the block's context.
        for &(_, c) in &named_here {
            ctx.clock += 1;
            ctx.named.insert(c, ctx.clock);
        }

        // 3. Frames whose rarest slot is filled.
        s.candidates.clear();
        for o in &resolved {
            if o.role != Role::Opposite {
                s.candidates.extend_from_slice(&self.by_concept[o.concept as usize]);
            }
        }
        s.candidates.sort_unstable();
        s.candidates.dedup();
        for &fi in &s.candidates {
            let f = &self.frames[fi as usize];
            if !f.slots.iter().all(|slot| slot.iter().any(|&c| s.stamp[c as usize] == s.epoch)) {
                continue;
            }
            if let Some(hit) = self.place(f, toks, &resolved) {
                out.push(hit);
            }
        }
    }

    /// The tightest placement of frame `f` in the sentence, its stance and
    /// confidence; `None` if its slots are too far apart or an opposite
    /// stands in it.
    fn place(&self, f: &CFrame, toks: &[Tok], occ: &[Occ]) -> Option<FrameHit> {
        // Hits: (start token, end token, slot) for each filler of each slot.
        let mut hits: Vec<(usize, usize, usize, bool)> = Vec::new();
        for (k, slot) in f.slots.iter().enumerate() {
            for o in occ.iter().filter(|o| o.role != Role::Opposite && slot.contains(&o.concept)) {
                hits.push((o.a, o.b, k, o.role == Role::Refer));
            }
        }
        hits.sort_unstable();
        let n = f.slots.len();
        // Sliding window over hits sorted by start: the shortest run holding
        // every slot.
        let mut count = vec![0usize; n];
        let mut have = 0;
        let mut lo = 0;
        let mut best: Option<(usize, usize, usize, usize)> = None; // (words, a, b, lo..hi)
        let mut best_range = (0, 0);
        for hi in 0..hits.len() {
            let k = hits[hi].2;
            count[k] += 1;
            if count[k] == 1 {
                have += 1;
            }
            while have == n {
                let a = hits[lo].0;
                let b = hits[lo..=hi].iter().map(|h| h.1).max().unwrap_or(hits[hi].1);
                let words = span_words(toks, a, b);
                if best.is_none_or(|(w, ..)| words < w) {
                    best = Some((words, a, b, 0));
                    best_range = (lo, hi);
                }
                let k = hits[lo].2;
                count[k] -= 1;
                if count[k] == 0 {
                    have -= 1;
                }
                lo += 1;
            }
        }
        let (words, a, b, _) = best?;
        if words > MAX_SPAN_WORDS {
            return None;
        }
        // The fillers chosen: for each slot, its first hit in the window.
        let window = &hits[best_range.0..=best_range.1];
        let mut parts: Vec<(usize, usize)> = Vec::with_capacity(n);
        let mut refer = false;
        for k in 0..n {
            if let Some(h) = window.iter().find(|h| h.2 == k) {
                parts.push((h.0, h.1));
                refer |= h.3;
            }
        }
        parts.sort_unstable();
        // An opposite wording in or right around the window: unsafe.
        let (ea, eb) = (a.saturating_sub(2), (b + 2).min(toks.len()));
        if occ.iter().any(|o| {
            o.role == Role::Opposite && o.a >= ea && o.b <= eb && !parts.iter().any(|&(pa, pb)| pa <= o.a && o.b <= pb)
        }) {
            return None;
        }
        let disputed = parts.iter().any(|&(pa, _)| negated_at(toks, pa, &parts)) || verdict_around(toks, a, b);
        Some(FrameHit { claim: f.claim, correction: f.correction, a, b, disputed, high: !refer && words <= TIGHT_SPAN_WORDS, parts })
    }
}

/// Whether a negation stands just before the slot filler starting at token
/// `i` (within [`SLOT_NEGATION_REACH`] tokens, in the same clause, not in
/// another filler): "did *not* introduce", "*never* said", "*rather than*
/// supporting", "*没有*退出".
pub(crate) fn negated_at(toks: &[Tok], i: usize, parts: &[(usize, usize)]) -> bool {
    let mut j = i;
    let mut seen = 0;
    while j > 0 && seen < SLOT_NEGATION_REACH {
        if toks[j].clause_break {
            break;
        }
        j -= 1;
        seen += 1;
        if parts.iter().any(|&(a, b)| a <= j && j < b) {
            // Another slot's words: a negation there is that slot's own
            // (`no plan`), and nothing before it reaches this slot.
            break;
        }
        let t = &toks[j];
        if t.negation || t.contrast {
            return true;
        }
    }
    false
}

/// Whether words around the match `toks[a..b]` call it false or frame it
/// as a falsehood: "It is false that …", "the myth that …", "… is
/// baseless", "Claims that … are wrong", "There is no evidence that …",
/// "Not true: …".
pub(crate) fn verdict_around(toks: &[Tok], a: usize, b: usize) -> bool {
    let from = lookback(toks, a, 6);
    // A word calling something false just before the match (not inside
    // it: "calling it wrong to fund …" there is the claimant's own word).
    if toks[from..a].iter().any(|t| t.falsity) {
        return true;
    }
    // "not true that …", "not the case: …".
    for i in from..a {
        if toks[i].negation && toks[i + 1..(i + 3).min(a)].iter().any(|t| t.truth) {
            return true;
        }
    }
    // "no evidence (whatsoever, from anyone) that …", "never claimed that …":
    // a negation just before a word framing what follows, which may be
    // further back than a negation could reach on its own.
    let far = lookback(toks, a, 10);
    if (far..a).any(|i| toks[i].frame && (i.saturating_sub(2).max(far)..i).any(|j| toks[j].negation)) {
        return true;
    }
    // A verdict just after it ("… — false", "…的说法不实"), or anywhere
    // later when the match is framed as what others say ("Claims that …,
    // are false").
    let framed = toks[lookback(toks, a, 10)..a].iter().any(|t| t.frame);
    let mut budget: usize = 2 * 4;
    toks[b..]
        .iter()
        .take_while(|t| {
            let cost = if t.cjk { 1 } else { 2 };
            let go = framed || budget >= cost;
            budget = budget.saturating_sub(cost);
            go
        })
        .any(|t| t.falsity)
}
