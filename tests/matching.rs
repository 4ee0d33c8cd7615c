//! Matching with the bundled dataset: the article's claims, the dataset's
//! other wordings, the related claims stated in other sentences, and NATO
//! news that makes none of the claims.

use factmark::{
    bundled_dataset,
    dataset::Dataset,
    matcher::{MatchKind, Matcher, Stance},
};

/// The dataset ids of research/slugs.md, in order (C01–C27, then R1–R10).
fn slugs() -> Vec<&'static str> {
    include_str!("fixtures/slugs.txt").lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once(' ').map(|(_, id)| id)).collect()
}

/// The article's claims, C01–C27.
fn article_claims() -> Vec<&'static str> {
    slugs()[..27].to_vec()
}

const ARTICLE: &str = include_str!("fixtures/article.txt");

fn setup() -> (Dataset, Matcher) {
    let d = bundled_dataset();
    let m = Matcher::new(&d);
    (d, m)
}

/// Ids of the claims found in `text`, in order.
fn ids(d: &Dataset, m: &Matcher, text: &str) -> Vec<String> {
    m.find(text).into_iter().map(|x| d.claims[x.claim].id.clone()).collect()
}

#[test]
fn every_article_claim_is_found_in_the_article() {
    let (d, m) = setup();
    let found = m.find(ARTICLE);
    let units: Vec<u16> = ARTICLE.encode_utf16().collect();
    let article_claims = article_claims();
    for id in article_claims.iter().copied() {
        let hits: Vec<_> = found.iter().filter(|x| d.claims[x.claim].id == id).collect();
        assert!(!hits.is_empty(), "{id} not found in the article");
        // The claim's canonical wording is in the article verbatim, and the
        // match covers it exactly.
        let canonical = &d.claims[hits[0].claim].phrasings[0];
        let exact = hits.iter().any(|h| {
            h.kind == MatchKind::Same
                && String::from_utf16_lossy(&units[h.start as usize..h.end as usize])
                    .contains(canonical.trim_end_matches(['.', ',', '"']).trim_end_matches(','))
        });
        assert!(exact, "{id}: no same-wording match covering {canonical:?}");
    }
    // The article states its claims; it disputes none of them.
    let disputed: Vec<&str> = found.iter().filter(|x| x.stance != Stance::States).map(|x| d.claims[x.claim].id.as_str()).collect();
    assert!(disputed.is_empty(), "read as disputing: {disputed:?}");
    // The article makes no related (R) claim in the dataset's wordings.
    let others: Vec<&str> = found.iter().map(|x| d.claims[x.claim].id.as_str()).filter(|id| !article_claims.contains(id)).collect();
    assert!(others.is_empty(), "unexpected claims in the article: {others:?}");
}

#[test]
fn every_phrasing_finds_its_own_claim() {
    let (d, m) = setup();
    for c in &d.claims {
        for p in &c.phrasings {
            let got = ids(&d, &m, p);
            assert!(got.contains(&c.id), "{}: phrasing {p:?} found {got:?}", c.id);
        }
    }
}

#[test]
fn phrasings_found_when_reworded_by_layout() {
    // Case, quotes, dashes, line breaks and extra punctuation do not matter.
    let (d, m) = setup();
    for c in &d.claims {
        let p = &c.phrasings[0];
        let shouted = p.to_uppercase().replace(' ', "\n").replace('"', "“");
        let got = ids(&d, &m, &format!("As reported — {shouted}!"));
        assert!(got.contains(&c.id), "{}: {shouted:?} found {got:?}", c.id);
    }
}

#[test]
fn related_claims_found_in_sentences_that_state_them() {
    let (d, m) = setup();
    let cases = [
        ("us-pays-most-of-nato-budget", "Critics keep repeating that the U.S. pays most of NATO's budget."),
        ("nato-promised-no-eastward-expansion", "Moscow insists NATO promised not to expand eastward after 1990."),
        ("few-allies-meet-2-percent", "Only a few NATO members meet the 2% target, he told the rally."),
        ("article5-invoked-once", "Article 5 has only been invoked once, to defend the United States."),
        ("president-needs-congress-to-leave", "By law, a president can't pull the U.S. out of NATO without Congress."),
        ("nato-5-percent-pledge", "At The Hague, NATO allies agreed to spend 5% of GDP on defence."),
        ("us-80000-troops-europe", "The U.S. has about 80,000 troops in Europe, nearly half of them in Germany."),
        ("trump-encourage-russia-remark", "Trump said he'd encourage Russia to attack allies who don't pay."),
        ("most-americans-support-nato", "Polls keep showing that most Americans support NATO."),
        ("nato-created-against-soviets", "NATO was created to counter the Soviet Union, which no longer exists."),
    ];
    for (id, sentence) in cases {
        let got = ids(&d, &m, sentence);
        assert_eq!(got, [id], "{sentence}");
    }
}

#[test]
fn sentences_that_dispute_a_claim_are_marked_so() {
    let (d, m) = setup();
    for (text, id) in [
        ("It is false that the U.S. has about 80,000 troops in Europe.", "us-80000-troops-europe"),
        ("Trump never said he'd encourage Russia to attack allies who don't pay.", "trump-encourage-russia-remark"),
        ("It is a myth that NATO promised not to expand eastward.", "nato-promised-no-eastward-expansion"),
    ] {
        let found = m.find(text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(d.claims[found[0].claim].id, id);
        assert_eq!(found[0].stance, Stance::Disputes, "{text}");
    }
}

#[test]
fn numbers_in_a_claim_must_agree() {
    let (d, m) = setup();
    assert!(ids(&d, &m, "The U.S. has about 30,000 troops in Europe.").is_empty());
    assert!(ids(&d, &m, "NATO allies agreed to spend 3% of GDP on defence.").is_empty());
}

#[test]
fn unrelated_nato_news_is_not_matched() {
    let (d, m) = setup();
    let sentences = [
        "NATO foreign ministers met in Brussels on Tuesday to discuss support for Ukraine.",
        "The alliance's secretary general welcomed the new air-defence systems delivered to Poland.",
        "Denmark announced a new package of military aid worth 1.2 billion kroner.",
        "The Pentagon said the exercise would involve 12,000 troops from 14 countries.",
        "Finland opened a new border crossing point with Norway for civilian traffic.",
        "Sweden's navy took part in a Baltic Sea exercise for the first time as a member.",
        "NATO's summit next year will be held in Ankara, officials confirmed.",
        "Congress passed the annual defense budget after weeks of negotiations.",
        "Trump met the Danish prime minister to discuss trade and Arctic shipping.",
        "The Senate confirmed the new ambassador to NATO by a vote of 52 to 47.",
        "Russia said it would respond to the deployment of long-range missiles in Germany.",
        "European defence ministers agreed to buy ammunition jointly.",
        "The Washington Post reported that the Army will test a new drone in Texas.",
        "Greenland's parliament debated a new fisheries law on Monday.",
        "Analysts expect Germany's defence spending to rise again next year.",
        "The Cold War ended with the fall of the Berlin Wall in 1989.",
        "Politico reported that the European Commission will propose a new budget.",
        "Reuters reported that oil prices rose after the OPEC meeting.",
        "Massie voted against the farm bill, citing its cost.",
        "Mike Lee spoke about public lands at a town hall in Utah.",
        "The National Security Council met to discuss the situation in the Middle East.",
        "Kosovo and Serbia resumed talks in Brussels under EU mediation.",
        "NATO said the exercise was defensive and not directed at any country.",
        "Ukraine's president thanked allies for new air-defence systems.",
        "The Hill published a poll on voters' views of the economy.",
    ];
    for s in sentences {
        assert!(ids(&d, &m, s).is_empty(), "matched {:?} in {s:?}", ids(&d, &m, s));
    }
}

#[test]
fn scores_rank_same_wording_above_similar() {
    let (d, m) = setup();
    let same = m.find("Trump recently claimed he wants control over Greenland.");
    let similar = m.find("Control over Greenland is what Trump recently claimed he wants.");
    assert_eq!(same.len(), 1);
    assert_eq!(similar.len(), 1);
    assert_eq!(d.claims[similar[0].claim].id, "trump-greenland-control");
    assert_eq!(same[0].score, 1.0);
    assert!(similar[0].score < 1.0 && similar[0].score >= 0.8, "{}", similar[0].score);
}
