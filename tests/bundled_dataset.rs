//! The bundled dataset: coverage of the research, ids, and honesty checks
//! against the research file it rests on.

use factmark::{bundled_dataset, dataset::Rating};
use std::path::Path;

/// research/slugs.md, in order: C01–C27, then R1–R10.
const SLUGS: [&str; 37] = [
    "nato-debate-shift", "massie-nato-act", "massie-cold-war-relic", "lee-senate-nato-act",
    "nato-no-withdrawal-plan", "trump-wants-to-leave-nato", "trump-bypass-withdrawal-law",
    "us-cuts-200-nato-posts", "pentagon-exits-30-nato-bodies", "nss-2025-no-expanding-alliance",
    "nss-nato-reasons-exhausted", "dod-officials-external-threats", "trump-greenland-control",
    "nato-expanded-after-cold-war", "nato-interventions-disintegration", "outlets-repeat-anti-nato-view",
    "article5-removes-flexibility", "ukraine-talks-postponed", "europe-relies-on-us-enablers",
    "finland-sweden-strengthen-nato", "three-wars-iraq-afghanistan-ukraine", "partisan-nato-skepticism",
    "maguire-hill-column", "nato-expansion-no-threat-claim", "nato-fighting-russia",
    "nato-removed-from-voters", "us-no-longer-wants-original-nato", "us-pays-most-of-nato-budget",
    "nato-promised-no-eastward-expansion", "few-allies-meet-2-percent", "article5-invoked-once",
    "president-needs-congress-to-leave", "nato-5-percent-pledge", "us-80000-troops-europe",
    "trump-encourage-russia-remark", "most-americans-support-nato", "nato-created-against-soviets",
];

#[test]
fn covers_all_37_claims_with_the_research_ids() {
    let d = bundled_dataset();
    let ids: Vec<&str> = d.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, SLUGS);
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
