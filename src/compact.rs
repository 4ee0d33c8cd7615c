//! The bundled claims in a compact binary form, for the widget.
//!
//! `build.rs` writes the bundled dataset's claims with [`encode`]; the
//! widget reads them with [`decode`], so its module needs no JSON parser
//! for them (nor for anything else: a dataset given to `mount()` is parsed
//! by the browser's `JSON.parse`). Only what the widget shows is kept: no
//! phrasings, frames, concepts or corrections (the compiled matcher index,
//! `BUNDLED_INDEX`, holds what matching needs), no source quotes or
//! editorial exceptions (the build's checks read them).
//!
//! The layout uses the matcher index's encoding (varints, strings as a
//! length and UTF-8 bytes; an optional value is its length or number plus
//! one, 0 for none) and goes field by field rather than claim by claim:
//! all ids, then all ratings, then all claim texts…, so that like text sits
//! together for the transfer's gzip.

use crate::dataset::{Claim, Dataset, Rating, Review, Source};
use crate::matcher::bytes::{Reader, Writer};
use crate::matcher::IndexError;

const MAGIC: &[u8; 4] = b"FMCL";
const VERSION: u8 = 1;

/// The ratings by their number in the encoding.
const RATINGS: [Rating; 7] =
    [Rating::True, Rating::MostlyTrue, Rating::Mixed, Rating::Misleading, Rating::False, Rating::Unverified, Rating::Opinion];

fn opt_str(w: &mut Writer, s: &Option<String>) {
    match s {
        Some(s) => {
            w.usize(s.len() + 1);
            w.bytes.extend_from_slice(s.as_bytes());
        }
        None => w.u32(0),
    }
}

fn opt_u32(w: &mut Writer, v: Option<u32>) {
    w.u32(v.map_or(0, |v| v.saturating_add(1)));
}

fn rating(w: &mut Writer, r: Rating) {
    w.usize(RATINGS.iter().position(|&x| x == r).unwrap_or(0));
}

/// The claims of `dataset` as [`decode`] reads them back (what the widget
/// shows; see the module's documentation for what is left out).
pub fn encode(dataset: &Dataset) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.bytes.push(VERSION);
    w.u32(dataset.factmark);
    opt_str(&mut w, &dataset.name);
    opt_str(&mut w, &dataset.language);
    opt_u32(&mut w, dataset.stale_after_days);
    let claims = &dataset.claims;
    w.usize(claims.len());
    let strs = |w: &mut Writer, f: &dyn Fn(&Claim) -> &str| claims.iter().for_each(|c| w.str(f(c)));
    let opts = |w: &mut Writer, f: &dyn Fn(&Claim) -> &Option<String>| claims.iter().for_each(|c| opt_str(w, f(c)));
    strs(&mut w, &|c| &c.id);
    claims.iter().for_each(|c| rating(&mut w, c.rating));
    strs(&mut w, &|c| &c.claim);
    strs(&mut w, &|c| &c.verdict);
    strs(&mut w, &|c| &c.note);
    opts(&mut w, &|c| &c.uncertain);
    strs(&mut w, &|c| &c.reviewed);
    opts(&mut w, &|c| &c.as_of);
    claims.iter().for_each(|c| opt_u32(&mut w, c.stale_after_days));
    opts(&mut w, &|c| &c.label);
    opts(&mut w, &|c| &c.claimant);
    opts(&mut w, &|c| &c.claim_date);
    opts(&mut w, &|c| &c.language);
    // Sources, field by field over all of them.
    let sources: Vec<&Source> = claims.iter().flat_map(|c| &c.sources).collect();
    claims.iter().for_each(|c| w.usize(c.sources.len()));
    sources.iter().for_each(|s| w.str(&s.publisher));
    sources.iter().for_each(|s| w.str(&s.title));
    sources.iter().for_each(|s| w.str(&s.url));
    sources.iter().for_each(|s| opt_str(&mut w, &s.date));
    claims.iter().for_each(|c| w.usize(c.appearances.len()));
    claims.iter().flat_map(|c| &c.appearances).for_each(|a| w.str(a));
    let reviews: Vec<&Review> = claims.iter().flat_map(|c| &c.reviews).collect();
    claims.iter().for_each(|c| w.usize(c.reviews.len()));
    reviews.iter().for_each(|r| w.str(&r.publisher));
    reviews.iter().for_each(|r| opt_str(&mut w, &r.label));
    reviews.iter().for_each(|r| rating(&mut w, r.rating));
    reviews.iter().for_each(|r| w.str(&r.url));
    reviews.iter().for_each(|r| opt_str(&mut w, &r.date));
    w.bytes
}

fn read_opt_str(r: &mut Reader) -> Result<Option<String>, IndexError> {
    let n = r.usize()?;
    if n == 0 {
        return Ok(None);
    }
    let b = r.take(n - 1)?;
    match std::str::from_utf8(b) {
        Ok(s) => Ok(Some(s.to_string())),
        Err(_) => r.fail("not UTF-8"),
    }
}

fn read_opt_u32(r: &mut Reader) -> Result<Option<u32>, IndexError> {
    Ok(r.u32()?.checked_sub(1))
}

fn read_rating(r: &mut Reader) -> Result<Rating, IndexError> {
    match RATINGS.get(r.usize()?) {
        Some(&x) => Ok(x),
        None => r.fail("unknown rating"),
    }
}

/// Reads what [`encode`] wrote: a dataset whose claims have what the
/// widget shows (empty phrasings, frames, quotes and exceptions). Every
/// read is bounds-checked; bytes that are not such a dataset are an error,
/// never a panic.
pub fn decode(bytes: &[u8]) -> Result<Dataset, IndexError> {
    let mut r = Reader::new(bytes);
    if r.take(4)? != MAGIC || r.byte()? != VERSION {
        return r.fail("not factmark claims of this version");
    }
    let factmark = r.u32()?;
    let name = read_opt_str(&mut r)?;
    let language = read_opt_str(&mut r)?;
    let stale_after_days = read_opt_u32(&mut r)?;
    let n = r.len()?;
    let mut claims: Vec<Claim> = Vec::with_capacity(n);
    for _ in 0..n {
        claims.push(Claim {
            id: r.str()?.to_string(),
            rating: Rating::Unverified,
            claim: String::new(),
            phrasings: Vec::new(),
            key_terms: Vec::new(),
            frames: Vec::new(),
            corrections: Vec::new(),
            correction_frames: Vec::new(),
            verdict: String::new(),
            note: String::new(),
            uncertain: None,
            sources: Vec::new(),
            reviewed: String::new(),
            as_of: None,
            stale_after_days: None,
            label: None,
            claimant: None,
            claim_date: None,
            appearances: Vec::new(),
            language: None,
            reviews: Vec::new(),
            exceptions: Vec::new(),
        });
    }
    for c in &mut claims {
        c.rating = read_rating(&mut r)?;
    }
    for c in &mut claims {
        c.claim = r.str()?.to_string();
    }
    for c in &mut claims {
        c.verdict = r.str()?.to_string();
    }
    for c in &mut claims {
        c.note = r.str()?.to_string();
    }
    for c in &mut claims {
        c.uncertain = read_opt_str(&mut r)?;
    }
    for c in &mut claims {
        c.reviewed = r.str()?.to_string();
    }
    for c in &mut claims {
        c.as_of = read_opt_str(&mut r)?;
    }
    for c in &mut claims {
        c.stale_after_days = read_opt_u32(&mut r)?;
    }
    for c in &mut claims {
        c.label = read_opt_str(&mut r)?;
    }
    for c in &mut claims {
        c.claimant = read_opt_str(&mut r)?;
    }
    for c in &mut claims {
        c.claim_date = read_opt_str(&mut r)?;
    }
    for c in &mut claims {
        c.language = read_opt_str(&mut r)?;
    }
    let empty_source = || Source { publisher: String::new(), title: String::new(), url: String::new(), date: None, quotes: Vec::new() };
    for c in &mut claims {
        let k = r.len()?;
        c.sources = (0..k).map(|_| empty_source()).collect();
    }
    let mut sources: Vec<&mut Source> = claims.iter_mut().flat_map(|c| &mut c.sources).collect();
    for s in sources.iter_mut() {
        s.publisher = r.str()?.to_string();
    }
    for s in sources.iter_mut() {
        s.title = r.str()?.to_string();
    }
    for s in sources.iter_mut() {
        s.url = r.str()?.to_string();
    }
    for s in sources.iter_mut() {
        s.date = read_opt_str(&mut r)?;
    }
    for c in &mut claims {
        let k = r.len()?;
        c.appearances = vec![String::new(); k];
    }
    for a in claims.iter_mut().flat_map(|c| &mut c.appearances) {
        *a = r.str()?.to_string();
    }
    let empty_review = || Review { publisher: String::new(), label: None, rating: Rating::Unverified, url: String::new(), date: None };
    for c in &mut claims {
        let k = r.len()?;
        c.reviews = (0..k).map(|_| empty_review()).collect();
    }
    let mut reviews: Vec<&mut Review> = claims.iter_mut().flat_map(|c| &mut c.reviews).collect();
    for x in reviews.iter_mut() {
        x.publisher = r.str()?.to_string();
    }
    for x in reviews.iter_mut() {
        x.label = read_opt_str(&mut r)?;
    }
    for x in reviews.iter_mut() {
        x.rating = read_rating(&mut r)?;
    }
    for x in reviews.iter_mut() {
        x.url = r.str()?.to_string();
    }
    for x in reviews.iter_mut() {
        x.date = read_opt_str(&mut r)?;
    }
    if !r.done() {
        return r.fail("bytes after the end");
    }
    Ok(Dataset { factmark, name, language, stale_after_days, aliases: Vec::new(), concepts: Default::default(), claims })
}

/// What of `dataset` the encoding keeps: the same dataset without what the
/// widget does not read (for tests and for `build.rs`'s own check).
pub fn shown(dataset: &Dataset) -> Dataset {
    let mut d = dataset.clone();
    d.aliases.clear();
    d.concepts.clear();
    for c in &mut d.claims {
        c.phrasings.clear();
        c.key_terms.clear();
        c.frames.clear();
        c.corrections.clear();
        c.correction_frames.clear();
        c.exceptions.clear();
        for s in &mut c.sources {
            s.quotes.clear();
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_claims_read_back_as_shown() {
        let full = crate::bundled_dataset();
        let back = decode(crate::BUNDLED_CLAIMS).unwrap();
        assert_eq!(back, shown(&full));
        assert_eq!(back.claims.len(), full.claims.len());
        assert!(back.claims.iter().all(|c| !c.note.is_empty() && !c.sources.is_empty()));
    }

    #[test]
    fn optional_fields_and_reviews_round_trip() {
        let mut d = shown(&crate::bundled_dataset());
        d.name = None;
        d.stale_after_days = Some(0);
        let c = &mut d.claims[0];
        c.label = Some("Pants on Fire".into());
        c.claimant = Some(String::new());
        c.appearances = vec!["https://example.com/a".into()];
        c.reviews = vec![Review {
            publisher: "P".into(),
            label: None,
            rating: Rating::Opinion,
            url: "https://example.com/r".into(),
            date: Some("2025".into()),
        }];
        assert_eq!(decode(&encode(&d)).unwrap(), d);
    }

    #[test]
    fn anything_else_is_an_error_not_a_panic() {
        let bytes = crate::BUNDLED_CLAIMS;
        assert!(decode(b"").is_err());
        assert_eq!(decode(b"FMIX\x01").err().map(|e| e.message), Some("not factmark claims of this version"));
        let mut extra = bytes.to_vec();
        extra.push(0);
        assert_eq!(decode(&extra).err().map(|e| e.message), Some("bytes after the end"));
        for cut in (0..bytes.len()).step_by(97) {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // Every byte flipped in turn, over the first few hundred: an error or a dataset, never a panic.
        for i in 0..bytes.len().min(400) {
            let mut b = bytes.to_vec();
            b[i] ^= 0xff;
            let _ = decode(&b);
        }
    }
}
