//! The bundled dataset: coverage of the research, ids, and honesty checks
//! against the research file it rests on.

use factmark::{bundled_dataset, dataset::Rating};
use std::path::Path;

/// The dataset ids of research/slugs.md, in order (C01–C27, then R1–R10).
fn slugs() -> Vec<&'static str> {
    include_str!("fixtures/slugs.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(' ').map(|(_, id)| id))
        .collect()
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
