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
//!   …") dispute it too, and so does a negation opening the clause before
//!   an auxiliary ("*Nowhere does* the strategy say …"). A negated
//!   auxiliary right after the match ("control of Greenland *is not*
//!   necessary") may deny what it names: the claim is not reported.
//! - **Opposites make a match unsafe.** A concept's `opposite` wordings
//!   (`stay in` for `withdraw`) in the match's span mean the sentence may
//!   say the reverse of the claim without a negation word: it is not
//!   reported at all, since a missed claim is a pity but a wrong verdict is
//!   harm.
//! - **Corrections.** A claim's `correctionFrames` describe the facts its
//!   fact-check states against it; a sentence filling one agrees with the
//!   fact-check and is reported as disputing the claim, never as stating it.

use super::{lookback, FxHasher, Tok};
use crate::dataset::{Concept, ConceptKind, Frame};
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
const SLOT_NEGATION_REACH: usize = 4;
/// How many words either side of a match an opposite wording makes it
/// unsafe ("called for … to commit 5%", "… they mean defence spending").
const OPPOSITE_REACH_WORDS: usize = 10;
/// The same in CJK text, counted in character pairs: Chinese puts more
/// between a negation and its verb ("并非完全由华盛顿主导").
const SLOT_NEGATION_REACH_CJK: usize = 8;

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

/// One word of a wording: a term, or a CJK character standing alone in
/// the wording, which matches any CJK term it starts (a name of one
/// character, `李`, is written joined to the next word: `李表示`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Unit {
    Term(u32),
    Char(char),
}

impl Unit {
    fn matches(self, t: &Tok) -> bool {
        match self {
            Unit::Term(id) => t.term == Some(id),
            Unit::Char(c) => t.cjk && t.first == c,
        }
    }
}

/// The units of a wording's tokens, and whether it holds a negation.
pub(crate) fn units(toks: &[Tok]) -> (Vec<Unit>, bool) {
    let units = toks.iter().filter_map(|t| if t.single { Some(Unit::Char(t.first)) } else { t.term.map(Unit::Term) }).collect();
    (units, toks.iter().any(|t| t.negation || t.contrast))
}

struct Member {
    concept: u32,
    role: Role,
    seq: Vec<Unit>,
    /// Its words must be contiguous: it holds a negation ("does not want"
    /// must not match "does not show that Washington wants").
    tight: bool,
    /// It refers back only within its block: a pronoun ("he", "它"), or any
    /// refer wording of a concept that is not the page's topic. A topic's
    /// fuller wordings ("the alliance") may refer to it named earlier on the
    /// page.
    pronoun: bool,
}

/// Whether a wording is a personal pronoun.
fn is_pronoun(w: &str) -> bool {
    matches!(
        w.trim().to_lowercase().as_str(),
        "he" | "she" | "him" | "his" | "her" | "hers" | "they" | "them" | "their" | "it" | "its" | "他" | "她" | "它" | "他们" | "她们"
    )
}

/// One compiled frame.
struct CFrame {
    claim: u32,
    correction: bool,
    /// Per slot, the concepts that fill it.
    slots: Vec<Vec<u32>>,
    /// Per slot, whether it must be filled after the slot before it.
    after: Vec<bool>,
}

/// Compiled concepts and frames, ready to search token streams.
#[derive(Default)]
pub(crate) struct FrameSet {
    members: Vec<Member>,
    /// Members by their first unit.
    by_first: HashMap<Unit, Vec<u32>>,
    /// Concept ids by name (`@name`) and, for literal wordings, by `=text`.
    names: HashMap<String, u32>,
    n_concepts: u32,
    /// Per concept: whether it is an entity, which a negation does not
    /// negate ("did not mention *Trump*") and which a longer entity's name
    /// can hold ("Washington" in "Washington Post").
    entity: Vec<bool>,
    frames: Vec<CFrame>,
    /// Per claim: the concepts of its frames (not its correction frames).
    claim_concepts: Vec<Vec<u32>>,
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
        self.entity.push(false);
        (id, true)
    }

    fn add_member(&mut self, concept: u32, role: Role, (seq, tight): (Vec<Unit>, bool)) {
        let Some(&first) = seq.first() else { return };
        // The same wording twice in a concept (inflections fold together):
        // once is enough. Only members with the same first unit can be equal.
        let same = |m: &Member| m.concept == concept && m.role == role && m.seq == seq;
        if self.by_first.get(&first).is_some_and(|ms| ms.iter().any(|&i| same(&self.members[i as usize]))) {
            return;
        }
        self.by_first.entry(first).or_default().push(self.members.len() as u32);
        // An opposite must be written as it stands: "up to" is not "ramp up
        // spending to".
        let tight = tight || role == Role::Opposite;
        self.members.push(Member { concept, role, seq, tight, pronoun: false });
    }

    /// Adds a named concept; `toks` turns a wording into its term ids.
    pub(crate) fn add_concept(&mut self, name: &str, c: &Concept, toks: &mut dyn FnMut(&str) -> (Vec<Unit>, bool)) {
        let (id, _) = self.concept_id(format!("@{name}"));
        self.entity[id as usize] = c.kind == ConceptKind::Entity;
        // A name is written as it stands: "NATO's bills" is not "NATO
        // withdrawal bill".
        let entity = c.kind == ConceptKind::Entity;
        for (role, list) in [(Role::Name, &c.terms), (Role::Refer, &c.refer), (Role::Opposite, &c.opposite)] {
            for w in list {
                let (seq, tight) = toks(w);
                let n = self.members.len();
                self.add_member(id, role, (seq, tight || entity));
                if let Some(m) = self.members.get_mut(n) {
                    // Only a topic's fuller refer wordings reach across blocks.
                    m.pronoun = role == Role::Refer && (is_pronoun(w) || !c.topic);
                }
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
        toks: &mut dyn FnMut(&str) -> (Vec<Unit>, bool),
        expand: &dyn Fn(&[Unit]) -> Vec<Vec<Unit>>,
    ) {
        let mut slots = Vec::with_capacity(frame.len());
        let mut after = Vec::with_capacity(frame.len());
        for (k, slot) in frame.iter().enumerate() {
            let ordered = k > 0 && slot.0.first().is_some_and(|a| a.starts_with('>'));
            let mut ids = Vec::new();
            for (j, alt) in slot.0.iter().enumerate() {
                let alt = if ordered && j == 0 { &alt[1..] } else { alt.as_str() };
                let id = if alt.starts_with('@') {
                    // Validation guarantees the concept exists; an unknown
                    // one (a dataset not validated) fills nothing.
                    match self.names.get(alt.trim_start_matches('>')) {
                        Some(&id) => id,
                        None => continue,
                    }
                } else {
                    let (seq, tight) = toks(alt);
                    let (id, new) = self.concept_id(format!("={seq:?}"));
                    if new {
                        for s in expand(&seq) {
                            self.add_member(id, Role::Name, (s, false));
                        }
                        self.add_member(id, Role::Name, (seq, tight));
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
            after.push(ordered);
        }
        if !slots.is_empty() {
            self.frames.push(CFrame { claim, correction, slots, after });
        }
    }

    /// Indexes the frames by their rarest slot's concepts.
    pub(crate) fn finish(&mut self) {
        for f in self.frames.iter().filter(|f| !f.correction) {
            let c = f.claim as usize;
            if self.claim_concepts.len() <= c {
                self.claim_concepts.resize(c + 1, Vec::new());
            }
            for &k in f.slots.iter().flatten() {
                if !self.claim_concepts[c].contains(&k) {
                    self.claim_concepts[c].push(k);
                }
            }
        }
        let n_claims = self.frames.iter().map(|f| f.claim as usize + 1).max().unwrap_or(0);
        self.claim_concepts.resize(n_claims.max(self.claim_concepts.len()), Vec::new());
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

impl FrameSet {
    /// Writes what [`FrameSet::finish`] starts from: the members, the
    /// concepts' kinds and the frames.
    pub(crate) fn write(&self, w: &mut super::bytes::Writer) {
        w.u32(self.n_concepts);
        for &e in &self.entity {
            w.bool(e);
        }
        // Members by concept: each concept's count, then each member's flags
        // (role, contiguous, pronoun) in one byte and its units.
        let mut order: Vec<&Member> = self.members.iter().collect();
        order.sort_by_key(|m| m.concept);
        let mut k = 0;
        for c in 0..self.n_concepts {
            let n = order[k..].iter().take_while(|m| m.concept == c).count();
            w.usize(n);
            for m in &order[k..k + n] {
                let role = match m.role {
                    Role::Name => 0,
                    Role::Refer => 1,
                    Role::Opposite => 2,
                };
                w.u32(role | u32::from(m.tight) << 2 | u32::from(m.pronoun) << 3);
                w.usize(m.seq.len());
                for u in &m.seq {
                    match *u {
                        // Terms even, characters odd.
                        Unit::Term(t) => w.u32(t << 1),
                        Unit::Char(c) => w.u32((u32::from(c) << 1) | 1),
                    }
                }
            }
            k += n;
        }
        w.usize(self.frames.len());
        for f in &self.frames {
            w.u32(f.claim);
            w.bool(f.correction);
            w.usize(f.slots.len());
            for (slot, &after) in f.slots.iter().zip(&f.after) {
                w.bool(after);
                w.u32s(slot);
            }
        }
    }

    /// Reads what [`FrameSet::write`] wrote, then finishes the set.
    pub(crate) fn read(r: &mut super::bytes::Reader, n_claims: usize) -> Result<FrameSet, super::bytes::IndexError> {
        let mut set = FrameSet { n_concepts: r.u32()?, ..FrameSet::default() };
        let n = set.n_concepts as usize;
        if n > r.len_left() {
            return r.fail("too many concepts");
        }
        set.entity = (0..n).map(|_| r.bool()).collect::<Result<_, _>>()?;
        for c in 0..set.n_concepts {
            for _ in 0..r.len()? {
                let flags = r.u32()?;
                let role = match flags & 3 {
                    0 => Role::Name,
                    1 => Role::Refer,
                    2 => Role::Opposite,
                    _ => return r.fail("unknown role"),
                };
                let (tight, pronoun) = (flags & 4 != 0, flags & 8 != 0);
                let len = r.len()?;
                let mut seq = Vec::with_capacity(len);
                for _ in 0..len {
                    let v = r.u32()?;
                    seq.push(if v & 1 == 0 {
                        Unit::Term(v >> 1)
                    } else {
                        match char::from_u32(v >> 1) {
                            Some(ch) => Unit::Char(ch),
                            None => return r.fail("not a character"),
                        }
                    });
                }
                let Some(&first) = seq.first() else { return r.fail("empty wording") };
                set.by_first.entry(first).or_default().push(set.members.len() as u32);
                set.members.push(Member { concept: c, role, seq, tight, pronoun });
            }
        }
        for _ in 0..r.len()? {
            let claim = r.u32()?;
            if claim as usize >= n_claims {
                return r.fail("claim out of range");
            }
            let correction = r.bool()?;
            let (mut slots, mut after) = (Vec::new(), Vec::new());
            for _ in 0..r.len()? {
                after.push(r.bool()?);
                let ids = r.u32s()?;
                if ids.iter().any(|&c| c as usize >= n) {
                    return r.fail("concept out of range");
                }
                slots.push(ids);
            }
            set.frames.push(CFrame { claim, correction, slots, after });
        }
        set.finish();
        Ok(set)
    }
}

/// Where a concept was found in a sentence: token range `a..b`.
#[derive(Debug, Clone, Copy)]
struct Occ {
    concept: u32,
    role: Role,
    a: usize,
    b: usize,
    /// By a pronoun (see [`Member::pronoun`]).
    pronoun: bool,
}

/// What the text has named so far, so that `refer` wordings can resolve:
/// a pronoun to a concept named earlier in its block, a fuller wording
/// ("the alliance", "the bill") to one named earlier in the text (a reader's
/// comment under an article about NATO calls it "the alliance").
#[derive(Default)]
pub(crate) struct Context {
    /// Per concept: when it was last named (a counter over the text).
    named: HashMap<u32, u64>,
    clock: u64,
    /// The counter when the current block started.
    block_start: u64,
}

impl Context {
    /// A new block starts: pronouns no longer reach what came before.
    pub(crate) fn new_block(&mut self) {
        self.block_start = self.clock;
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
    nested: Vec<bool>,
    named_here: Vec<(usize, u32)>,
    resolved: Vec<Occ>,
    refers: Vec<Occ>,
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
    /// The sentence goes on to deny something of the match: the claim is
    /// not reported from it.
    pub veto: bool,
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
fn match_seq(toks: &[Tok], i: usize, seq: &[Unit], tight: bool) -> Option<usize> {
    if !seq[0].matches(&toks[i]) {
        return None;
    }
    let mut at = i + 1;
    for &u in &seq[1..] {
        let gap = if tight { 0 } else { gap_allowed(toks, at - 1) };
        let mut found = None;
        for (j, t) in toks.iter().enumerate().take(at + gap + 1).skip(at) {
            // A closing quote or bracket may stand inside a wording
            // ("“100% of NATO” costs"); a colon or semicolon may not, nor
            // may a gap reach over a comma ("without angering allies,
            // Congress members said" is not "without Congress"), nor may a
            // comma come between two English words of it ("NATO, proxy
            // wars, and …" is a list, not "NATO's proxy war"). Not in
            // Chinese, where wordings run on over a comma (applied there,
            // the rule lost three right dev matches and fixed none).
            let comma = t.pause && !t.clause_break && !t.cjk;
            if (t.clause_break && t.hard_break) || (j > at && t.pause) || comma {
                break;
            }
            if u.matches(t) {
                found = Some(j);
                break;
            }
            // A wording's words may not stretch over a negation ("The Hill
            // never published a column" is not "Hill column").
            if t.negation || t.contrast {
                break;
            }
        }
        at = found? + 1;
    }
    Some(at)
}

/// The token `words` words before token `a` (CJK terms count half).
fn words_back(toks: &[Tok], a: usize, words: usize) -> usize {
    let mut budget = 2 * words;
    let mut i = a;
    while i > 0 {
        let cost = if toks[i - 1].cjk { 1 } else { 2 };
        if budget < cost {
            break;
        }
        budget -= cost;
        i -= 1;
    }
    i
}

/// The token `words` words after token `b` (exclusive end).
fn words_forward(toks: &[Tok], b: usize, words: usize) -> usize {
    let mut budget = 2 * words;
    let mut i = b;
    while i < toks.len() {
        let cost = if toks[i].cjk { 1 } else { 2 };
        if budget < cost {
            break;
        }
        budget -= cost;
        i += 1;
    }
    i
}

/// Words from token `a` to `b` (CJK terms count half).
fn span_words(toks: &[Tok], a: usize, b: usize) -> usize {
    toks[a..b].iter().map(|t| if t.cjk { 1 } else { 2 }).sum::<usize>().div_ceil(2)
}

impl FrameSet {
    /// Finds every frame in the sentence `toks`. `ctx` holds what the block
    /// named before it, and is updated with what this sentence names.
    pub(crate) fn find(&self, toks: &[Tok], ctx: &mut Context, s: &mut Scratch, out: &mut Vec<FrameHit>) {
        if self.members.is_empty() {
            return;
        }
        s.occ.clear();
        s.resolved.clear();
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
            let by_term = toks[i].term.and_then(|t| self.by_first.get(&Unit::Term(t)));
            let by_char = if toks[i].cjk { self.by_first.get(&Unit::Char(toks[i].first)) } else { None };
            for &m in by_term.into_iter().chain(by_char).flatten() {
                let m = &self.members[m as usize];
                if let Some(b) = match_seq(toks, i, &m.seq, m.tight) {
                    s.occ.push(Occ { concept: m.concept, role: m.role, a: i, b, pronoun: m.pronoun });
                }
            }
        }
        // Most sentences of a page mention nothing a frame asks for.
        if s.occ.is_empty() {
            return;
        }
        // An entity named inside another entity's longer name is not named
        // ("Washington" in "the Washington Post", "NATO" in "the NATO Act").
        let entity = &self.entity;
        let Scratch { occ, nested, named_here, resolved, refers, .. } = s;
        nested.clear();
        nested.extend(occ.iter().map(|o| {
            entity[o.concept as usize]
                && occ.iter().any(|p| {
                    p.concept != o.concept
                        && entity[p.concept as usize]
                        && p.role == Role::Name
                        && p.a <= o.a
                        && o.b <= p.b
                        && p.b - p.a > o.b - o.a
                })
        }));
        let mut k = 0;
        occ.retain(|_| {
            k += 1;
            !nested[k - 1]
        });
        // 2. Refer wordings resolve to the concept named last, before them
        // in this sentence or earlier in the block.
        named_here.clear();
        named_here.extend(occ.iter().filter(|o| o.role == Role::Name).map(|o| (o.a, o.concept)));
        super::sort::sort(named_here);
        let named_here = &*named_here;
        let when = |concept: u32, pos: usize, pronoun: bool| -> Option<u64> {
            let here = named_here.iter().rposition(|&(p, c)| c == concept && p < pos).map(|k| u64::MAX / 2 + k as u64);
            here.or_else(|| ctx.named.get(&concept).copied().filter(|&t| !pronoun || t > ctx.block_start))
        };
        resolved.clear();
        refers.clear();
        refers.extend(occ.iter().copied().filter(|o| o.role == Role::Refer));
        super::sort::sort_by_key(refers, |o| (o.a, o.b, o.concept));
        resolved.extend(occ.iter().copied().filter(|o| o.role != Role::Refer));
        // Group refer occurrences by position: among the concepts a wording
        // could refer to at one place, keep the one named last.
        let mut k = 0;
        while k < refers.len() {
            let (a, b) = (refers[k].a, refers[k].b);
            let mut best: Option<(u64, Occ)> = None;
            while k < refers.len() && refers[k].a == a && refers[k].b == b {
                let o = refers[k];
                if let Some(t) = when(o.concept, a, o.pronoun) {
                    if best.is_none_or(|(bt, _)| t > bt) {
                        best = Some((t, o));
                    }
                }
                k += 1;
            }
            if let Some((_, o)) = best {
                // Inside the concept's own name ("North Atlantic Alliance")
                // a refer wording refers to nothing more.
                if !resolved.iter().any(|r| r.role == Role::Name && r.concept == o.concept && r.a <= o.a && o.b <= r.b) {
                    resolved.push(o);
                }
            }
        }
        for o in resolved.iter() {
            if o.role != Role::Opposite {
                s.stamp[o.concept as usize] = s.epoch;
            }
        }
        // What this sentence names stays in the block's context.
        for &(_, c) in s.named_here.iter() {
            ctx.clock += 1;
            ctx.named.insert(c, ctx.clock);
        }

        // 3. Frames whose rarest slot is filled.
        s.candidates.clear();
        for o in s.resolved.iter() {
            if o.role != Role::Opposite {
                s.candidates.extend_from_slice(&self.by_concept[o.concept as usize]);
            }
        }
        // u32, the one type left to the standard library's sort (one
        // copy for every u32 sort): there can be thousands of candidates.
        s.candidates.sort_unstable();
        s.candidates.dedup();
        for &fi in &s.candidates {
            let f = &self.frames[fi as usize];
            if !f.slots.iter().all(|slot| slot.iter().any(|&c| s.stamp[c as usize] == s.epoch)) {
                continue;
            }
            if let Some(hit) = self.place(f, toks, &s.resolved) {
                out.push(hit);
            }
        }
    }

    /// Whether the claim's own wording, found as written at tokens
    /// `a..b`, is made unsafe by what stands near it: an opposite wording of
    /// one of the claim's (non-correction) frame concepts, or a reversal
    /// word, within reach, between the same commas, and outside the
    /// wording itself. "Most Americans
    /// support NATO allies paying more" holds the phrasing "Most Americans
    /// support NATO" but says something else; the frames drop it by their
    /// opposites, and the same wording must not bring it back. Reads what
    /// the last [`FrameSet::find`] on `toks` left in `s`.
    pub(crate) fn opposed_near(&self, claim: u32, toks: &[Tok], s: &Scratch, a: usize, b: usize) -> bool {
        let Some(concepts) = self.claim_concepts.get(claim as usize) else {
            return false;
        };
        // Within reach and within the wording's own stretch between commas
        // or clause breaks: "Lee submitted a similar proposal to the
        // Senate, indicating that there are forces …" keeps its wording.
        let (mut ea, mut eb) = (words_back(toks, a, OPPOSITE_REACH_WORDS), words_forward(toks, b, OPPOSITE_REACH_WORDS));
        ea = (ea..=a).rev().find(|&i| i == ea || toks[i].pause).unwrap_or(a);
        eb = (b..eb).find(|&i| toks[i].pause).unwrap_or(eb);
        let outside = |oa: usize, ob: usize| ob <= a || oa >= b;
        let opposite = s.resolved.iter().any(|o| {
            o.role == Role::Opposite
                && concepts.contains(&o.concept)
                && o.a >= ea
                && o.b <= eb
                && outside(o.a, o.b)
                && !s
                    .resolved
                    .iter()
                    .any(|n| n.role == Role::Name && n.concept == o.concept && n.a <= o.a && o.b <= n.b && n.b - n.a > o.b - o.a)
        });
        let reversal = (ea..eb).any(|i| toks[i].reversal && outside(i, i + 1));
        opposite || reversal
    }

    /// The tightest placement of frame `f` in the sentence, its stance and
    /// confidence; `None` if its slots are too far apart, out of their
    /// order, or an opposite stands in it.
    fn place(&self, f: &CFrame, toks: &[Tok], occ: &[Occ]) -> Option<FrameHit> {
        // Hits: (start token, end token, slot, by a refer wording) for each
        // filler of each slot.
        let mut hits: Vec<SlotHit> = Vec::new();
        for (k, slot) in f.slots.iter().enumerate() {
            for o in occ.iter().filter(|o| o.role != Role::Opposite && slot.contains(&o.concept)) {
                hits.push((o.a, o.b, k, o.role == Role::Refer, o.concept));
            }
        }
        super::sort::sort(&mut hits);
        let n = f.slots.len();
        // Every minimal run of hits holding every slot (a sliding window
        // over the hits sorted by start), shortest first; the first whose
        // fillers can be chosen in the frame's order wins.
        let mut count = vec![0usize; n];
        let mut have = 0;
        let mut lo = 0;
        let mut windows: Vec<(usize, usize, usize)> = Vec::new(); // (words, lo, hi)
        for hi in 0..hits.len() {
            let k = hits[hi].2;
            count[k] += 1;
            if count[k] == 1 {
                have += 1;
            }
            while have == n {
                let b = hits[lo..=hi].iter().map(|h| h.1).max().unwrap_or(hits[hi].1);
                windows.push((span_words(toks, hits[lo].0, b), lo, hi));
                let k = hits[lo].2;
                count[k] -= 1;
                if count[k] == 0 {
                    have -= 1;
                }
                lo += 1;
            }
        }
        super::sort::sort(&mut windows);
        // A number just before a filler that is not one of the frame's own
        // wordings changes what it says ("2,000 positions", "约20个职位"); a
        // proportion does not ("77%的民主党人"). Such a placement is skipped
        // for the next best one.
        let own_any = |at: usize| {
            occ.iter().any(|o| o.role != Role::Opposite && o.a <= at && at < o.b && f.slots.iter().flatten().any(|&c| c == o.concept))
        };
        let counted = |parts: &[(usize, usize)]| {
            parts.iter().any(|&(pa, _)| {
                let back = if toks[pa].cjk { 3 } else { 1 };
                (pa.saturating_sub(back)..pa).any(|at| {
                    let date = toks.get(at + 1).is_some_and(|t| t.cjk && matches!(t.first, '年' | '月' | '日' | '号' | '號'));
                    toks[at].number && !toks[at].year && !toks[at].percent && !date && !own_any(at)
                })
            })
        };
        let (words, parts, refer, chosen) = windows.iter().take_while(|w| w.0 <= MAX_SPAN_WORDS).find_map(|&(words, lo, hi)| {
            fillers(f, &hits[lo..=hi]).filter(|(parts, ..)| !counted(parts)).map(|(parts, refer, chosen)| (words, parts, refer, chosen))
        })?;
        let a = parts.iter().map(|p| p.0).min()?;
        let b = parts.iter().map(|p| p.1).max()?;
        let mut sorted = parts.clone();
        super::sort::sort(&mut sorted);
        // An opposite wording in the window or near it: unsafe.
        let (ea, eb) = (words_back(toks, a, OPPOSITE_REACH_WORDS), words_forward(toks, b, OPPOSITE_REACH_WORDS));
        if occ.iter().any(|o| {
            o.role == Role::Opposite
                && chosen.contains(&o.concept)
                && o.a >= ea
                && o.b <= eb
                && !sorted.iter().any(|&(pa, pb)| pa <= o.a && o.b <= pb)
                // Inside a longer wording of the concept itself: "a few" in
                // "only a few" is not the opposite of "few".
                && !occ.iter().any(|n| n.role == Role::Name && n.concept == o.concept && n.a <= o.a && o.b <= n.b && n.b - n.a > o.b - o.a)
        }) {
            return None;
        }
        // A word that reverses what is reported ("scrapped plans to cut",
        // "walked back a call to quit", "a bystander in Ukraine"), near the
        // match and not part of a wording of the frame's: unsafe too.
        if (ea..eb).any(|i| {
            toks[i].reversal && !occ.iter().any(|o| o.role != Role::Opposite && o.a <= i && i < o.b && chosen.contains(&o.concept))
        }) {
            return None;
        }
        // Negations that belong to a wording of the frame's own concepts
        // ("no contingency plan", "not one inch") are the claim's own.
        // A negation in the wording of any of the claim's own frames counts
        // as the claim's own, so two frames of one claim read it alike.
        let claim_concepts = &self.claim_concepts[f.claim as usize];
        let own: Vec<(usize, usize)> = occ
            .iter()
            .filter(|o| {
                o.role != Role::Opposite && (f.slots.iter().flatten().any(|&c| c == o.concept) || claim_concepts.contains(&o.concept))
            })
            .map(|o| (o.a, o.b))
            .collect();
        // A negation at any mention of a slot that is not an entity, in the
        // window or just before it in the clause: "there is *no* known
        // loophole that would let Trump sidestep the law" negates the
        // loophole, and with it the sidestepping. Unless the clause states a
        // requirement: "*no* president can leave NATO *without* Congress".
        let from = lookback(toks, a, 6);
        // "…不得退出北约，除非得到参议院同意": the "unless" may follow a comma.
        let to = b + toks[b..].iter().take_while(|t| !t.hard_break).count();
        let requirement = toks[from..to].iter().any(|t| t.without);
        let negations: Vec<usize> = occ
            .iter()
            .filter(|o| {
                o.role != Role::Opposite
                    && o.a >= from
                    && o.b <= b
                    && !self.entity[o.concept as usize]
                    && f.slots.iter().flatten().any(|&c| c == o.concept)
            })
            .filter_map(|o| negated_at(toks, o.a, &own))
            .collect();
        // "NATO was not created to fight terrorism but to deter the Soviet
        // Union", "北约不是…而是…": the negation denies one thing and the
        // clause after "but" asserts a slot of the frame. It neither states
        // nor disputes the claim safely: not reported.
        if negations.iter().any(|&j| sorted.iter().any(|&(pa, _)| pa > j && toks[j + 1..pa].iter().any(|t| t.but))) {
            return None;
        }
        let negated = !negations.is_empty() && !requirement;
        // "whether Trump wants to leave", "if NATO were to …", "whatever
        // Trump wants": asked or supposed, not asserted.
        let hypothetical_at = |i: usize| {
            toks[i.saturating_sub(2)..i].iter().enumerate().any(|(d, t)| {
                let at = i.saturating_sub(2) + d;
                t.conditional && !toks[at + 1..=i].iter().any(|u| u.pause) && !own.iter().any(|&(oa, ob)| oa <= at && at < ob)
            })
        };
        // "Whether a president truly needs Congress …", "It is unclear
        // whether …": a question, anywhere before the match in its clause.
        let asked = (lookback(toks, a, 6)..a).any(|i| toks[i].whether && !toks[i + 1..=a].iter().any(|u| u.pause));
        if asked
            || hypothetical_at(a)
            || parts.iter().enumerate().any(|(k, &(pa, _))| !f.slots[k].iter().all(|&c| self.entity[c as usize]) && hypothetical_at(pa))
        {
            return None;
        }
        // A verdict around the sentence is about the claim: "It is not true
        // that Article 5 was invoked only once; it was invoked several times"
        // disputes the claim with both halves, so it does not turn the
        // correction around.
        let disputed = negated || reported_denied(toks, a, b, &own) || (!f.correction && verdict_around(toks, a, b, &own));
        Some(FrameHit {
            claim: f.claim,
            correction: f.correction,
            a,
            b,
            disputed,
            // "Trump says control of Greenland *is not* necessary": the
            // clause goes on past the match to a negated predicate, which
            // may deny what the match names. Neither stance is safe, so the
            // claim is not reported from this sentence by any of its frames
            // (dropping this hit alone could leave another to state it).
            // A claim set up as hearsay and set right after it (below):
            // not reported by any frame, unless the sentence already
            // disputes it ("Claims that … are exaggerated").
            veto: negated_after(toks, b, &own) || (!disputed && set_right_after_hearsay(toks, a, b)),
            high: !refer && words <= TIGHT_SPAN_WORDS,
            parts: sorted,
        })
    }
}

/// A slot filler found in a sentence: its start and end token, the slot,
/// whether a refer wording fills it, and its concept.
type SlotHit = (usize, usize, usize, bool, u32);

/// The fillers chosen, by slot: token ranges, whether any is a refer
/// wording, and their concepts.
type Fillers = (Vec<(usize, usize)>, bool, Vec<u32>);

/// One filler per slot of `f` among `hits` (a window of them), in the
/// frame's order where it asks for one: each slot takes its earliest-ending
/// filler that starts after the previous slot's when it must. Returns the
/// fillers by slot and whether any is a refer wording.
fn fillers(f: &CFrame, hits: &[SlotHit]) -> Option<Fillers> {
    let mut parts = Vec::with_capacity(f.slots.len());
    let mut concepts = Vec::with_capacity(f.slots.len());
    let mut refer = false;
    let mut prev_end = 0;
    for k in 0..f.slots.len() {
        let h = hits.iter().filter(|h| h.2 == k && (!f.after[k] || h.0 >= prev_end)).min_by_key(|h| h.1)?;
        parts.push((h.0, h.1));
        concepts.push(h.4);
        refer |= h.3;
        prev_end = h.1;
    }
    Some((parts, refer, concepts))
}

/// Whether the clause goes on, right after a match ending at token `b`,
/// with a negated auxiliary ("… *is not* necessary", "… *would never*
/// be", "… *isn't* true") that is not one of the claim's own wordings
/// (`own`): what follows may deny what the match names.
pub(crate) fn negated_after(toks: &[Tok], b: usize, own: &[(usize, usize)]) -> bool {
    let Some(first) = toks.get(b) else { return false };
    if !first.auxiliary || first.pause {
        return false;
    }
    let mine = |i: usize| own.iter().any(|&(oa, ob)| oa <= i && i < ob);
    let cancelled = |i: usize| toks.get(i + 1).is_some_and(|t| t.cancels);
    // Verdict words ("… are false", "… is a myth") are read by
    // `verdict_around`: they dispute the claim the match names.
    (b..(b + 3).min(toks.len()))
        .take_while(|&i| i == b || !toks[i].pause)
        .any(|i| toks[i].negation && !toks[i].falsity && !cancelled(i) && !mine(i))
}

/// Whether the match `a..b` is set up as what others say and set right
/// after it: "有说法……是为了对抗苏联，实际上……", "Claims that …; in fact …",
/// "Claims that … overstate a report", "所谓……，其实……". A frame word
/// ("claims", 所谓, 说法) within ten words before the match, then a word
/// calling the account a distortion anywhere after it, or "in fact" /
/// 实际上 / 其实 in a later clause ("Reports that NATO was in fact created
/// to …" states the claim). Whether what follows denies the claim or a
/// detail of it, the sentence does not state it.
pub(crate) fn set_right_after_hearsay(toks: &[Tok], a: usize, b: usize) -> bool {
    if !toks[lookback(toks, a, 10)..a].iter().any(|t| t.frame) {
        return false;
    }
    let mut later_clause = false;
    toks[b..].iter().any(|t| {
        later_clause |= t.pause;
        t.distorts || (later_clause && t.sets_right)
    })
}

/// Whether a negation stands just before the slot filler starting at token
/// `i` ("did *not* introduce", "*never* said", "*rather than* supporting",
/// "*没有*退出"): within [`SLOT_NEGATION_REACH`] tokens, in the same
/// clause, not inside one of `own` (the wordings of the frame's concepts,
/// whose negations are the claim's own) and not made hypothetical ("*if*
/// we do *not* take it").
pub(crate) fn negated_at(toks: &[Tok], i: usize, own: &[(usize, usize)]) -> Option<usize> {
    let reach = if toks[i].cjk { SLOT_NEGATION_REACH_CJK } else { SLOT_NEGATION_REACH };
    let mut j = i;
    let mut seen = 0;
    while j > 0 && seen < reach {
        if toks[j].clause_break || toks[j].pause {
            break;
        }
        j -= 1;
        seen += 1;
        if own.iter().any(|&(a, b)| a <= j && j < b) {
            continue;
        }
        let t = &toks[j];
        if t.negation || t.contrast {
            let back = if t.cjk { 6 } else { 3 };
            let hypothetical = toks[j.saturating_sub(back)..j].iter().any(|t| t.conditional);
            return (!hypothetical).then_some(j);
        }
    }
    None
}

/// Whether a negation denies a report of the claim, before the match or in
/// it: "Massie *never called* NATO a Cold War relic", "the strategy *does
/// not say* …", "the Pentagon *has denied* that …", "*并未声称*".
fn reported_denied(toks: &[Tok], a: usize, b: usize, own: &[(usize, usize)]) -> bool {
    (lookback(toks, a, 6)..b).any(|i| {
        toks[i].negation
            && !own.iter().any(|&(oa, ob)| oa <= i && i < ob)
            && (toks[i].reporting || toks[i + 1..(i + 3).min(toks.len())].iter().take_while(|t| !t.pause).any(|t| t.reporting))
            // "has never declared itself a belligerent, yet it is waging war":
            // the denial stays in its own clause.
            && !toks[i + 1..b.max(i + 1)].iter().any(|t| t.pause)
    })
}

/// Whether words around the match `toks[a..b]` call it false or frame it
/// as a falsehood: "It is false that …", "the myth that …", "… is
/// baseless", "Claims that … are wrong", "There is no evidence that …",
/// "Not true: …".
pub(crate) fn verdict_around(toks: &[Tok], a: usize, b: usize, own: &[(usize, usize)]) -> bool {
    let owned = |i: usize| own.iter().any(|&(oa, ob)| oa <= i && i < ob);
    // "Nowhere does the strategy say …", "Never has NATO …": a negation
    // opening the match's clause, then an auxiliary, denies the clause.
    if let Some(c) = (0..a).rev().find(|&i| i == 0 || toks[i].clause_break) {
        if c + 1 < a && toks[c].negation && toks[c + 1].auxiliary && !toks[c + 1..=a].iter().any(|t| t.pause) && !owned(c) {
            return true;
        }
    }
    // "No, …", "Fact check: no, …": an answer that denies what follows.
    if (0..a).any(|i| {
        toks[i].negation && toks[i + 1].pause && (i == 0 || toks[i].clause_break) && !toks[i + 1..=a].iter().any(|t| t.clause_break)
    }) {
        return true;
    }
    // A word calling what follows false, before the match in its clause
    // (not inside it: "calling it wrong to fund …" there is the claimant's
    // own word; nor in a wording of the claim's: "the timing is always
    // wrong"): "It is false that …", "It is not true that, according to
    // the new report, …".
    let from = lookback(toks, a, 12);
    if (from..a).any(|i| toks[i].falsity && !owned(i)) {
        return true;
    }
    for i in from..a {
        if toks[i].negation && toks[i + 1..(i + 3).min(a)].iter().any(|t| t.truth) {
            return true;
        }
    }
    // "no evidence (whatsoever, from anyone) that …", "never claimed that …":
    // a negation just before a word framing what follows, which may be
    // further back than a negation could reach on its own.
    let far = lookback(toks, a, 40);
    if (far..a).any(|i| toks[i].frame && (i.saturating_sub(2).max(far)..i).any(|j| toks[j].negation)) {
        return true;
    }
    // A verdict just after it ("… — false", "…的说法不实"), or anywhere
    // later when the match is framed as what others say ("Claims that …,
    // are false").
    // Chinese frames what others say after it too: "……的说法不实",
    // "……的观点纯属夸大，并不属实".
    let framed =
        toks[lookback(toks, a, 10)..a].iter().any(|t| t.frame) || toks[b..(b + 4).min(toks.len())].iter().any(|t| t.frame && t.cjk);
    let mut budget: usize = 2 * 4;
    toks[b..]
        .iter()
        .take_while(|t| {
            let cost = if t.cjk { 1 } else { 2 };
            let go = framed || budget >= cost;
            budget = budget.saturating_sub(cost);
            go
        })
        .enumerate()
        .any(|(k, t)| t.falsity && !owned(b + k))
}

#[cfg(test)]
mod tests {
    use crate::matcher::{Matcher, Stance};

    /// A matcher over `concepts` and `claims`.
    fn matcher(concepts: serde_json::Value, claims: serde_json::Value) -> Matcher {
        crate::matcher::test_matcher("concepts", concepts, claims)
    }

    fn bill() -> Matcher {
        matcher(
            serde_json::json!({
                "massie": { "terms": ["Massie", "马西"], "refer": ["he", "the congressman", "他"], "kind": "entity" },
                "trump": { "terms": ["Trump"], "refer": ["he"], "kind": "entity" },
                "nato": { "terms": ["NATO", "北约"], "refer": ["the alliance"], "kind": "entity", "topic": true },
                "bill": { "terms": ["bill", "legislation", "法案"], "kind": "entity", "opposite": ["voted against", "反对"] },
                "introduce": { "terms": ["introduce", "file", "提出"] },
                "withdraw": { "terms": ["withdraw", "pull out", "leave", "退出"], "opposite": ["stay in"] },
            }),
            serde_json::json!([{ "id": "act", "frames": [["@massie", "@introduce", "@bill", "@withdraw", "@nato"]] }]),
        )
    }

    /// (stance, matched text) of each match in `text`.
    fn found(m: &Matcher, text: &str) -> Vec<(Stance, String)> {
        let units: Vec<u16> = text.encode_utf16().collect();
        m.find(text).into_iter().map(|x| (x.stance, String::from_utf16_lossy(&units[x.start as usize..x.end as usize]))).collect()
    }

    fn stance(m: &Matcher, text: &str) -> Option<Stance> {
        let f = found(m, text);
        assert!(f.len() <= 1, "{text}: {f:?}");
        f.first().map(|x| x.0)
    }

    #[test]
    fn every_slot_must_be_filled_near_the_others() {
        let m = bill();
        assert_eq!(
            found(&m, "Rep. Massie filed a bill to pull the U.S. out of NATO on Tuesday."),
            [(Stance::States, "Massie filed a bill to pull the U.S. out of NATO".to_string())]
        );
        assert_eq!(stance(&m, "众议员马西提出让美国退出北约的法案。"), Some(Stance::States));
        // A slot missing, or the slots spread over more than the window.
        assert_eq!(stance(&m, "Massie filed a bill to withdraw from the Paris climate accord."), None);
        let far = "Massie filed a bill on Tuesday, the same week that a long and winding debate about farm subsidies, school meals, rural broadband, water rights, postal rates and highway funding finally ended in a vote, to withdraw from NATO.";
        assert_eq!(stance(&m, far), None);
    }

    #[test]
    fn a_comma_splits_an_english_wording() {
        let m = matcher(
            serde_json::json!({
                "proxy": { "terms": ["NATO proxy war"] },
                "russia": { "terms": ["Russia", "Russian", "俄罗斯"], "kind": "entity" },
            }),
            serde_json::json!([{ "id": "proxy", "frames": [["@proxy", "@russia"]] }]),
        );
        assert_eq!(stance(&m, "Moscow calls it a NATO proxy war against Russia."), Some(Stance::States));
        // A list of subjects is not the wording.
        assert_eq!(stance(&m, "Scholars of NATO, proxy wars, and Russian politics weighed in."), None);
    }

    #[test]
    fn refer_wordings_need_the_concept_named_earlier_in_the_block() {
        let m = bill();
        assert_eq!(stance(&m, "He filed a bill to withdraw from NATO."), None, "nobody named yet");
        let block = "Rep. Thomas Massie spoke on Tuesday. He filed a bill to withdraw from NATO.";
        assert_eq!(found(&m, block).len(), 1);
        // "he" is the person named last: Trump here, who has no such frame.
        let other = "Rep. Thomas Massie spoke after Trump did. He filed a bill to withdraw from NATO.";
        assert_eq!(found(&m, other).len(), 0);
        // A pronoun does not reach into an earlier block.
        assert_eq!(found(&m, "Rep. Thomas Massie spoke on Tuesday.\u{2029}He filed a bill to withdraw from NATO.").len(), 0);
        // "the alliance" is NATO once NATO was named, in this block or an
        // earlier one (a comment under an article about NATO).
        assert_eq!(found(&m, "NATO met. Massie filed a bill to withdraw from the alliance.").len(), 1);
        assert_eq!(found(&m, "NATO met.\u{2029}Massie filed a bill to withdraw from the alliance.").len(), 1);
        assert_eq!(found(&m, "Massie filed a bill to withdraw from the alliance.").len(), 0);
    }

    #[test]
    fn a_negation_at_a_predicate_disputes_but_not_elsewhere() {
        let m = bill();
        assert_eq!(stance(&m, "Massie did not file a bill to withdraw from NATO."), Some(Stance::Disputes));
        assert_eq!(stance(&m, "Massie filed a bill that would never let the U.S. withdraw from NATO."), Some(Stance::Disputes));
        assert_eq!(stance(&m, "马西没有提出退出北约的法案。"), Some(Stance::Disputes));
        // Not at a slot, or cut off by a comma: the claim is still stated.
        assert_eq!(stance(&m, "Massie, who has never been shy, filed a bill to withdraw from NATO."), Some(Stance::States));
        assert_eq!(stance(&m, "Massie filed a bill to withdraw from NATO, not a resolution."), Some(Stance::States));
        // A negation next to an entity does not negate the claim.
        assert_eq!(stance(&m, "Not Trump but Massie filed a bill to withdraw from NATO."), Some(Stance::States));
        // A denied report denies what it reports.
        assert_eq!(stance(&m, "Nobody ever said that Massie filed a bill to withdraw from NATO."), Some(Stance::Disputes));
        assert_eq!(stance(&m, "Massie has denied that he filed a bill to withdraw from NATO."), Some(Stance::Disputes));
    }

    #[test]
    fn opposites_questions_and_hypotheticals_are_not_reported() {
        let m = bill();
        for t in [
            "Massie voted against a bill to withdraw from NATO.",
            "马西反对一项退出北约的法案。",
            "Massie filed a bill to withdraw from NATO rather than stay in it.",
            "Did Massie file a bill to withdraw from NATO?",
            "It is unclear whether Massie will file a bill to withdraw from NATO.",
            "If Massie filed a bill to withdraw from NATO, it would fail.",
            "如果说马西提出了退出北约的法案，投票就更难了。",
        ] {
            assert_eq!(stance(&m, t), None, "{t}");
        }
    }

    #[test]
    fn a_negated_predicate_after_the_match_vetoes_the_claim() {
        let m = matcher(
            serde_json::json!({
                "trump": { "terms": ["Trump"], "kind": "entity" },
                "greenland": { "terms": ["Greenland"], "kind": "entity" },
                "control": { "terms": ["control", "owning"] },
                "want": { "terms": ["wants", "says"] },
            }),
            serde_json::json!([{ "id": "greenland", "frames": [["@trump", "@want", "@control", "@greenland"], ["@trump", "@control", "@greenland"]] }]),
        );
        assert_eq!(stance(&m, "Trump says control of Greenland is essential."), Some(Stance::States));
        // The clause goes on to deny something of what the match names:
        // neither frame reports it (the shorter one would otherwise state it).
        for t in [
            "Trump says control of Greenland is not necessary.",
            "Trump says owning Greenland isn't a priority.",
            "Trump says control of Greenland would never be worth a war.",
        ] {
            assert_eq!(stance(&m, t), None, "{t}");
        }
        // A verdict word after the match disputes it, as before; a negation
        // past a comma belongs to another clause.
        assert_eq!(stance(&m, "Claims that Trump wants control of Greenland are false."), Some(Stance::Disputes));
        assert_eq!(stance(&m, "Trump wants control of Greenland, which is not for sale."), Some(Stance::States));
    }

    #[test]
    fn a_negation_opening_the_clause_before_an_auxiliary_disputes_it() {
        let m = matcher(
            serde_json::json!({
                "strategy": { "terms": ["strategy"], "kind": "entity" },
                "nato": { "terms": ["NATO"], "kind": "entity" },
                "stop": { "terms": ["stop expanding", "stop taking in new members"] },
            }),
            serde_json::json!([{ "id": "nss", "frames": [["@strategy", "@nato", "@stop"]] }]),
        );
        assert_eq!(stance(&m, "The strategy tells NATO to stop taking in new members."), Some(Stance::States));
        for t in
            ["Nowhere does the strategy tell NATO to stop taking in new members.", "Never has the strategy asked NATO to stop expanding."]
        {
            assert_eq!(stance(&m, t), Some(Stance::Disputes), "{t}");
        }
        // Not at the clause's opening, or not before an auxiliary: no inversion.
        assert_eq!(stance(&m, "Critics said, never mind the details, the strategy tells NATO to stop expanding."), Some(Stance::States));
    }

    #[test]
    fn not_this_but_that_is_not_reported() {
        let m = matcher(
            serde_json::json!({
                "nato": { "terms": ["NATO", "北约"], "kind": "entity" },
                "soviet": { "terms": ["Soviet Union", "苏联"], "kind": "entity" },
                "created": { "terms": ["created", "成立"] },
                "counter": { "terms": ["deter", "counter", "对抗"] },
            }),
            serde_json::json!([{ "id": "soviets", "frames": [["@nato", "@created", "@counter", ">@soviet"]] }]),
        );
        assert_eq!(stance(&m, "NATO was created to deter the Soviet Union."), Some(Stance::States));
        assert_eq!(stance(&m, "NATO was not created to deter the Soviet Union."), Some(Stance::Disputes));
        // The negation denies something else; "but" asserts the claim.
        assert_eq!(stance(&m, "NATO was not created to fight terrorism but to deter the Soviet Union."), None);
        // The negation after the predicate, before what "but" asserts: the
        // claim is stated.
        assert_eq!(stance(&m, "NATO was created not to fight terrorism, but to counter the Soviet Union."), Some(Stance::States));
        assert_eq!(stance(&m, "北约成立不是为了反恐，而是为了对抗苏联。"), Some(Stance::States));
    }

    #[test]
    fn a_wording_does_not_reach_over_a_comma() {
        let m = matcher(
            serde_json::json!({
                "president": { "terms": ["president"], "kind": "entity" },
                "leave": { "terms": ["leave"] },
                "nato": { "terms": ["NATO"], "kind": "entity" },
                "congress": { "terms": ["without Congress", "without the approval of Congress"] },
            }),
            serde_json::json!([{ "id": "needs", "frames": [["@president", "@leave", "@nato", "@congress"]] }]),
        );
        assert_eq!(stance(&m, "A president cannot leave NATO without the approval of Congress."), Some(Stance::States));
        assert_eq!(stance(&m, "A president cannot leave NATO without the consent of Congress."), Some(Stance::States));
        assert_eq!(stance(&m, "A president cannot leave NATO without angering allies, Congress members said."), None);
    }

    #[test]
    fn the_same_wording_beside_an_opposite_is_not_reported() {
        let m = matcher(
            serde_json::json!({
                "americans": { "terms": ["Americans"], "kind": "entity" },
                "support": { "terms": ["support", "favour"], "opposite": ["allies paying", "expansion"] },
                "nato": { "terms": ["NATO"], "kind": "entity" },
            }),
            serde_json::json!([{
                "id": "poll", "phrasings": ["Most Americans support NATO"],
                "frames": [["@americans", "@support", "@nato"]]
            }]),
        );
        assert_eq!(stance(&m, "Most Americans support NATO, a new poll finds."), Some(Stance::States));
        // The claim's exact words, but about something else: the frames'
        // opposites drop the frame match and the same wording with it.
        assert_eq!(stance(&m, "Most Americans support NATO allies paying more."), None);
        assert_eq!(stance(&m, "Most Americans support NATO expansion to include Ukraine."), None);
        // A reversal word near the wording: the claim is walked back.
        assert_eq!(stance(&m, "The senator walked back his line that most Americans support NATO."), None);
        // What is to be left behind: "transition from", "wean off"; not
        // the noun "a shift from".
        assert_eq!(stance(&m, "Parties must transition from a world where most Americans support NATO."), None);
        assert_eq!(stance(&m, "In a shift from last year, most Americans support NATO."), Some(Stance::States));
    }

    #[test]
    fn slots_in_order_and_quantities_with_their_unit() {
        let m = matcher(
            serde_json::json!({
                "nato": { "terms": ["NATO"], "kind": "entity" },
                "soviet": { "terms": ["Soviet Union", "Warsaw Pact"], "kind": "entity" },
                "created": { "terms": ["created", "founded"] },
                "counter": { "terms": ["counter", "deter"] },
                "cut": { "terms": ["cut"] },
                "n200": { "terms": ["200"], "kind": "quantity" },
                "posts": { "terms": ["posts", "positions"], "kind": "entity" },
                "pct2": { "terms": ["2%"], "kind": "quantity" },
                "meet": { "terms": ["meet"] },
                "few": { "terms": ["few", "only a few"], "opposite": ["a few"] },
            }),
            serde_json::json!([
                { "id": "soviets", "frames": [["@nato", "@created", "@counter", ">@soviet"]] },
                { "id": "cuts", "frames": [["@cut", "@posts", "@nato"]] },
                { "id": "few", "frames": [["@few", "@meet", "@pct2"]] },
            ]),
        );
        assert_eq!(found(&m, "NATO was created to counter the Soviet Union.").len(), 1);
        assert_eq!(found(&m, "The Warsaw Pact was created to counter NATO.").len(), 0, "the object comes after the verb");
        // A number right before a filler that the frame does not ask for
        // changes what the sentence says; a year does not.
        assert_eq!(found(&m, "The U.S. will cut posts at NATO.").len(), 1);
        assert_eq!(found(&m, "The U.S. will cut 2,000 posts at NATO.").len(), 0);
        assert_eq!(found(&m, "In 2026 the U.S. will cut posts at NATO.").len(), 1);
        // 2% is a quantity with its unit: a bare 2 is not it.
        assert_eq!(found(&m, "Only a few allies meet the 2 per cent target.").len(), 1);
        assert_eq!(found(&m, "Only a few allies meet the 2 targets.").len(), 0);
        // "a few" is not "few".
        assert_eq!(found(&m, "A few allies meet the 2% target.").len(), 0);
    }

    #[test]
    fn corrections_dispute_and_disagreeing_frames_are_dropped() {
        let m = matcher(
            serde_json::json!({
                "us": { "terms": ["U.S.", "United States"], "kind": "entity" },
                "pay": { "terms": ["pays", "funds"] },
                "most": { "terms": ["most", "the bulk"] },
                "budget": { "terms": ["NATO's budget", "NATO budget", "common budget"], "kind": "entity" },
                "share16": { "terms": ["16%"], "kind": "quantity" },
            }),
            serde_json::json!([{
                "id": "budget",
                "frames": [["@us", "@pay", "@most", "@budget"]],
                "correctionFrames": [["@us", "@share16", "@budget"]],
            }]),
        );
        assert_eq!(stance(&m, "The U.S. pays most of NATO's budget."), Some(Stance::States));
        assert_eq!(stance(&m, "The U.S. funds 16% of NATO's common budget."), Some(Stance::Disputes));
        // A correction negated is a double negative: nothing is shown.
        assert_eq!(stance(&m, "The U.S. does not fund just 16% of NATO's budget."), None);
        // The claim and its correction in one sentence disagree: nothing.
        assert_eq!(stance(&m, "Critics say the U.S. pays most of NATO's budget, but its share of the common budget is 16%."), None);
    }

    #[test]
    fn a_requirement_is_not_a_denial() {
        let m = matcher(
            serde_json::json!({
                "nato": { "terms": ["NATO"], "kind": "entity" },
                "leave": { "terms": ["leave", "withdraw"] },
                "congress": { "terms": ["without Congress", "without the Senate"] },
            }),
            serde_json::json!([{ "id": "law", "frames": [["@leave", "@nato", "@congress"]] }]),
        );
        assert_eq!(stance(&m, "No president can leave NATO without Congress."), Some(Stance::States));
        assert_eq!(stance(&m, "A president may not withdraw from NATO without the Senate."), Some(Stance::States));
    }

    #[test]
    fn an_entity_inside_a_longer_name_is_not_named() {
        let m = matcher(
            serde_json::json!({
                "us": { "terms": ["Washington", "United States"], "kind": "entity" },
                "wapo": { "terms": ["Washington Post"], "kind": "entity" },
                "nato": { "terms": ["NATO"], "kind": "entity" },
                "plan": { "terms": ["no plan"] },
                "leave": { "terms": ["leave", "withdrawal"] },
            }),
            serde_json::json!([{ "id": "plan", "frames": [["@nato", "@plan", "@us", "@leave"]] }]),
        );
        assert_eq!(found(&m, "NATO has no plan for a Washington withdrawal.").len(), 1);
        assert_eq!(found(&m, "NATO has no plan, the Washington Post says, for a withdrawal.").len(), 0);
    }
}
