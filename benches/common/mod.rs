//! Test pages and a synthetic dataset shared by the matcher benchmarks
//! (`benches/matcher.rs`, criterion) and `examples/bench.rs` (the printed
//! table in docs/benchmarks.md).

use factmark::dataset::Dataset;

const ARTICLE: &str = include_str!("../../tests/fixtures/article.txt");
const FILLER: &str = "The city council met on Tuesday to discuss the new budget for parks and libraries. \
Residents asked about bus routes, school repairs and the opening hours of the swimming pool. \
A local bakery won a regional prize for its rye bread, and the football club signed two young players. ";

/// A page of about `bytes` bytes: the demo article's paragraphs (each
/// claim planted once per copy) between unrelated filler, blocks
/// separated by U+2029 as the DOM scan separates them. Also returns how
/// many copies of the article it holds.
pub fn page(bytes: usize) -> (String, usize) {
    let mut s = String::with_capacity(bytes + 10_000);
    let mut planted = 0;
    while s.len() < bytes {
        for para in ARTICLE.split('\n') {
            s.push_str(para);
            s.push('\u{2029}');
            for _ in 0..6 {
                s.push_str(FILLER);
            }
            s.push('\u{2029}');
        }
        planted += 1;
    }
    (s, planted)
}

/// The bundled claims plus `n` synthetic ones, deterministic.
pub fn with_synthetic(bundled: &Dataset, n: usize) -> Dataset {
    const COMMON: &[&str] = &[
        "percent",
        "budget",
        "government",
        "minister",
        "report",
        "year",
        "million",
        "plan",
        "city",
        "council",
        "tax",
        "school",
        "police",
        "health",
        "price",
        "bank",
        "state",
        "law",
        "court",
        "market",
    ];
    let mut seed: u64 = 0x2026_1124;
    let mut next = move |m: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    // A made-up vocabulary: syllable words such as "tovaril".
    const SYL: &[&str] = &["ka", "to", "ri", "va", "mel", "dor", "sin", "pa", "lu", "gar", "ne", "bo", "tis", "wen"];
    let vocab: Vec<String> = (0..4000)
        .map(|i| {
            let mut w = String::new();
            let mut x = i + 7;
            for _ in 0..3 {
                w.push_str(SYL[x % SYL.len()]);
                x /= SYL.len();
            }
            w
        })
        .collect();
    let mut d = bundled.clone();
    let template = bundled.claims[0].clone();
    for i in 0..n {
        let mut phrasings = Vec::new();
        for _ in 0..3 {
            let mut words = Vec::new();
            for k in 0..8 {
                // Skewed: low indices far more often; every fourth word common.
                let w = if k % 4 == 3 {
                    COMMON[next(COMMON.len() as u64) as usize].to_string()
                } else {
                    let r = next(4000) * next(4000) / 4000;
                    vocab[r as usize].clone()
                };
                words.push(w);
            }
            if next(3) == 0 {
                words.push((2000 + next(30)).to_string());
            }
            phrasings.push(words.join(" "));
        }
        let mut c = template.clone();
        c.id = format!("synthetic-{i}");
        c.phrasings = phrasings;
        c.key_terms = Vec::new();
        d.claims.push(c);
    }
    d
}
