//! Matcher throughput on article-like text: `cargo run --release --example bench`.
//!
//! Builds pages of about 1 MB and 5 MB from the demo article's paragraphs
//! interleaved with unrelated filler (so claims are planted at known
//! places), runs the bundled dataset's matcher over each several times and
//! prints the median time, MB/s, and the 5 MB / 1 MB ratio (linear scaling
//! gives about 5). Then it adds 10,000 synthetic claims (three phrasings
//! each, words drawn with a skewed distribution from a 4,000-word
//! vocabulary plus common news words, numbers and years) to the bundled
//! ones and prints the index build time and the 1 MB scan time against the
//! bundled dataset's. Figures are for this machine; see docs/benchmarks.md.

use factmark::{bundled_dataset, dataset::Dataset, matcher::Matcher};
use std::time::Instant;

const ARTICLE: &str = include_str!("../tests/fixtures/article.txt");
const FILLER: &str = "The city council met on Tuesday to discuss the new budget for parks and libraries. \
Residents asked about bus routes, school repairs and the opening hours of the swimming pool. \
A local bakery won a regional prize for its rye bread, and the football club signed two young players. ";

fn page(bytes: usize) -> (String, usize) {
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

fn median_secs(m: &Matcher, text: &str, runs: usize) -> (f64, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut found = 0;
    for _ in 0..runs {
        let t = Instant::now();
        found = m.find(text).len();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], found)
}

fn main() {
    let t = Instant::now();
    let dataset = bundled_dataset();
    let matcher = Matcher::new(&dataset);
    println!(
        "index: {} claims, {} phrasings, built in {:.2} ms",
        dataset.claims.len(),
        matcher.phrasing_count(),
        t.elapsed().as_secs_f64() * 1e3
    );
    println!("{:>8} {:>10} {:>10} {:>9} {:>8}", "size", "median ms", "MB/s", "matches", "copies");
    let mut per_size = Vec::new();
    for mb in [1usize, 5] {
        let (text, copies) = page(mb * 1_000_000);
        let (secs, found) = median_secs(&matcher, &text, 7);
        let mbs = text.len() as f64 / 1e6 / secs;
        println!("{:>6} MB {:>10.1} {:>10.1} {:>9} {:>8}", mb, secs * 1e3, mbs, found, copies);
        per_size.push(secs);
    }
    println!("5 MB / 1 MB time ratio: {:.2} (linear = 5.0)", per_size[1] / per_size[0]);

    let big = with_synthetic(&dataset, 10_000);
    let t = Instant::now();
    let big_matcher = Matcher::new(&big);
    let build = t.elapsed().as_secs_f64();
    let (text, _) = page(1_000_000);
    let (secs, found) = median_secs(&big_matcher, &text, 7);
    println!(
        "{} claims ({} phrasings): index built in {:.1} ms; 1 MB scan {:.1} ms ({} matches), {:.2}x the bundled dataset's",
        big.claims.len(),
        big_matcher.phrasing_count(),
        build * 1e3,
        secs * 1e3,
        found,
        secs / per_size[0]
    );
}

/// The bundled claims plus `n` synthetic ones, deterministic.
fn with_synthetic(bundled: &Dataset, n: usize) -> Dataset {
    const COMMON: &[&str] = &[
        "percent", "budget", "government", "minister", "report", "year", "million", "plan", "city", "council",
        "tax", "school", "police", "health", "price", "bank", "state", "law", "court", "market",
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
