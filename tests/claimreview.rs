//! The ClaimReview fixtures: they import, their verdicts agree with the
//! bundled dataset, and the imported claims are found in the article they
//! quote.

use factmark::claimreview::{export, import, parse_any};
use factmark::dataset::{Dataset, Rating};
use factmark::{bundled_dataset, matcher::Matcher};
use std::collections::BTreeSet;

const FEED: &str = include_str!("fixtures/claimreview/feed.json");
const GRAPH: &str = include_str!("fixtures/claimreview/graph.json");
const DEMO: &str = include_str!("../www/examples/claimreview.json");
const DEMO_IMPORTED: &str = include_str!("../www/examples/claimreview-imported.json");
const ARTICLE: &str = include_str!("fixtures/article.txt");

fn ids(d: &Dataset) -> BTreeSet<&str> {
    d.claims.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn the_demo_copy_is_the_feed_fixture() {
    assert_eq!(DEMO, FEED, "www/examples/claimreview.json must be a copy of tests/fixtures/claimreview/feed.json");
}

#[test]
fn the_demo_serves_the_feed_as_the_cli_converts_it() {
    // www/claimreview.html gives the widget the converted file: the widget
    // does not read ClaimReview (`factmark import` converts it).
    let imported = import(DEMO).unwrap().dataset;
    assert_eq!(
        Dataset::from_json(DEMO_IMPORTED).unwrap(),
        imported,
        "www/examples/claimreview-imported.json is out of date: factmark import www/examples/claimreview.json -o www/examples/claimreview-imported.json"
    );
}

#[test]
fn feed_imports_with_one_dropped_review() {
    let i = import(FEED).unwrap();
    let warnings: Vec<(&str, &str)> = i.warnings.iter().map(|w| (w.path(), w.message())).collect();
    assert_eq!(
        warnings,
        [("dataFeedElement[8].item[0].url", "scheme \"javascript\" is not allowed (only http and https); the review is dropped")]
    );
    assert_eq!(
        i.warnings[0].to_string(),
        "dataFeedElement[8].item[0].url: scheme \"javascript\" is not allowed (only http and https); the review is dropped"
    );
    let d = &i.dataset;
    assert_eq!(d.claims.len(), 7);
    assert_eq!(d.name.as_deref(), Some("Example ClaimReview feed (fictional publishers)"));
    // The claim reviewed twice: one claim, newest review first.
    let g = d.claim("trump-recently-claimed-he-wants-control-over-greenland").unwrap();
    let reviews: Vec<(&str, Option<&str>)> = g.reviews.iter().map(|r| (r.publisher.as_str(), r.date.as_deref())).collect();
    assert_eq!(reviews, [("Example Fact Desk", Some("2026-01-20")), ("Sample Verify", Some("2026-01-12"))]);
    assert_eq!(g.reviewed, "2026-01-20");
    assert_eq!(g.label.as_deref(), Some("True"));
    assert_eq!(g.sources.len(), 2);
    // Labels, a numeric scale and an unknown label with a scale.
    let rating = |id: &str| d.claim(id).unwrap().rating;
    assert_eq!(rating("in-december-2025-republican-thomas-massie-introduced"), Rating::MostlyTrue);
    assert_eq!(rating("reuters-and-the-financial-times-reported-in-january-2026"), Rating::MostlyTrue);
    assert_eq!(rating("the-us-department-of-defense-plans-to-exit-about-30-nato"), Rating::Misleading);
    assert_eq!(rating("after-all-the-traditional-reasons-for-maintaining"), Rating::Unverified);
    assert_eq!(rating("although-nato-is-not-technically-a-party-to-the-conflict"), Rating::Opinion);
    // Only fictional publishers, on reserved example domains.
    for c in &d.claims {
        for r in &c.reviews {
            assert!(["Example Fact Desk", "Sample Verify", "Demo Check Collective"].contains(&r.publisher.as_str()), "{}", r.publisher);
            let host = r.url.split('/').nth(2).unwrap();
            assert!(host.ends_with("example.org") || host.ends_with("example.com") || host.ends_with("example.net"), "{}", r.url);
        }
    }
}

#[test]
fn graph_imports() {
    let i = parse_any(GRAPH).unwrap();
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    let c = i.dataset.claim("the-proposer-stated-that-nato-is-a-cold-war-relic").unwrap();
    assert_eq!(c.reviews[0].publisher, "Sample Verify", "author given as an @id reference to the graph's Organization");
    assert_eq!(c.rating, Rating::True);
    assert_eq!(c.reviewed, "2025-12-11");
    assert_eq!(i.dataset.language.as_deref(), Some("en"));
}

#[test]
fn fixture_verdicts_agree_with_the_bundled_dataset() {
    let bundled = bundled_dataset();
    for doc in [FEED, GRAPH] {
        for c in &import(doc).unwrap().dataset.claims {
            let ours =
                bundled.claims.iter().find(|b| b.phrasings[0] == c.claim).unwrap_or_else(|| panic!("{} is not an article claim", c.claim));
            assert_eq!(c.rating, ours.rating, "{} vs {}", c.id, ours.id);
            assert_eq!(ARTICLE.matches(c.claim.as_str()).count(), 1, "{:?} is not quoted verbatim from the article", c.claim);
        }
    }
}

#[test]
fn imported_claims_are_found_in_the_article() {
    for doc in [FEED, GRAPH] {
        let d = import(doc).unwrap().dataset;
        let m = Matcher::new(&d);
        let found: BTreeSet<&str> = m.find(ARTICLE).iter().map(|x| d.claims[x.claim].id.as_str()).collect();
        assert_eq!(found, ids(&d));
    }
}

#[test]
fn exported_feed_reimports_to_the_same_claims() {
    let d = import(FEED).unwrap().dataset;
    let back = import(&export(&d, "https://factmark.example/checks", "Factmark").to_string()).unwrap().dataset;
    assert_eq!(ids(&back), ids(&d));
    for (a, b) in d.claims.iter().zip(&back.claims) {
        assert_eq!((a.rating, &a.claim), (b.rating, &b.claim));
    }
}
