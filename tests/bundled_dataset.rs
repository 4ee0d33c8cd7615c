//! The bundled dataset: coverage of the research, ids, and honesty checks
//! against the research file it rests on.

use factmark::{bundled_dataset, dataset::Rating};
use std::path::Path;

/// The dataset ids of research/slugs.md, in order (C01–C27, then R1–R10).
fn slugs() -> Vec<&'static str> {
    include_str!("fixtures/slugs.txt").lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once(' ').map(|(_, id)| id)).collect()
}

#[test]
fn covers_all_37_claims_with_the_research_ids() {
    let d = bundled_dataset();
    let ids: Vec<&str> = d.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, slugs());
    assert_eq!(ids.len(), 37);
}

#[test]
fn opinions_get_context_not_a_verdict_word() {
    let d = bundled_dataset();
    for c in d.claims.iter().filter(|c| c.rating == Rating::Opinion) {
        let v = c.verdict.to_lowercase();
        for word in ["true", "false", "misleading", "accurate", "wrong"] {
            assert!(
                !v.split(|ch: char| !ch.is_alphanumeric()).any(|w| w == word),
                "{}: opinion verdict says {word:?}: {}",
                c.id,
                c.verdict
            );
        }
    }
}

#[test]
fn every_claim_has_sources_and_a_review_date() {
    for c in bundled_dataset().claims {
        assert!(!c.sources.is_empty(), "{}", c.id);
        assert!(c.sources.iter().all(|s| s.url.starts_with("https://") || s.url.starts_with("http://")));
        assert_eq!(c.reviewed.len(), 10, "{}", c.id);
    }
}

/// The research file sits beside the repository (`../shared`) on the
/// developers' machines and in CI. When it is there, every cited URL must be
/// one the research lists: the dataset cites nothing the research did not.
#[test]
fn every_source_url_is_in_the_research() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/research/claims.md");
    let Ok(research) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} not present; source URLs not cross-checked", path.display());
        return;
    };
    for c in bundled_dataset().claims {
        for s in &c.sources {
            assert!(research.contains(&s.url), "{}: {} is not in the research", c.id, s.url);
        }
    }
}

#[test]
fn article_claims_quote_the_article_verbatim() {
    let article = include_str!("fixtures/article.txt");
    for c in bundled_dataset().claims.iter().take(27) {
        assert_eq!(article.matches(c.phrasings[0].as_str()).count(), 1, "{}: {:?}", c.id, c.phrasings[0]);
    }
}

/// Every quotation a note may use is recorded under its source; each such
/// quote must be in the research, word for word (case and spacing aside).
#[test]
fn every_source_quote_is_in_the_research() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/research/claims.md");
    let Ok(research) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} not present; source quotes not cross-checked", path.display());
        return;
    };
    let research = factmark::checks::fold(&research);
    let mut n = 0;
    for c in bundled_dataset().claims {
        for s in &c.sources {
            for q in &s.quotes {
                assert!(research.contains(&factmark::checks::fold(q)), "{}: {q:?} ({}) is not in the research", c.id, s.publisher);
                n += 1;
            }
        }
    }
    assert!(n >= 40, "only {n} quotes recorded");
}

/// `asOf` is the date of a fact from one of the claim's sources: it lies in
/// the period of one of their dates (a source dated 2026 covers
/// 2026-01-23). The one exception is a claim whose facts are searches that
/// found nothing: its asOf is when those searches were made.
#[test]
fn every_as_of_date_is_one_of_its_sources_dates() {
    let d = bundled_dataset();
    assert_eq!(d.stale_after_days, Some(365));
    for c in &d.claims {
        let as_of = c.as_of.as_deref().unwrap_or_else(|| panic!("{}: no asOf", c.id));
        assert_eq!(c.reviewed, "2026-12-07", "{}", c.id);
        if c.id == "maguire-hill-column" {
            assert!(c.sources.iter().all(|s| s.date.is_none()), "{}: now has dated sources; check its asOf", c.id);
            continue;
        }
        assert!(
            c.sources.iter().filter_map(|s| s.date.as_deref()).any(|date| as_of.starts_with(date)),
            "{}: asOf {as_of} is no source's date",
            c.id
        );
    }
}

/// The ratings the December 2026 update changed, and only those.
#[test]
fn ratings_follow_the_research_update() {
    let d = bundled_dataset();
    let rating = |id: &str| d.claim(id).map(|c| c.rating);
    assert_eq!(rating("trump-wants-to-leave-nato"), Some(Rating::True));
    assert_eq!(rating("us-80000-troops-europe"), Some(Rating::MostlyTrue));
    let troops = d.claim("us-80000-troops-europe").unwrap();
    assert!(troops.note.contains("below 76,000 for longer than 45 days"), "{}", troops.note);
    assert!(!troops.note.contains("requires the Pentagon to consult"), "{}", troops.note);
    let counts = |r: Rating| d.claims.iter().filter(|c| c.rating == r).count();
    assert_eq!(Rating::ALL.map(counts), [8, 11, 1, 5, 1, 3, 8], "true, mostly-true, mixed, misleading, false, unverified, opinion");
}
