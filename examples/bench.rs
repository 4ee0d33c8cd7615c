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

use factmark::{bundled_dataset, matcher::Matcher};
use std::time::Instant;

#[path = "../benches/common/mod.rs"]
mod common;
use common::{page, with_synthetic};

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
    // What the widget does instead with the bundled dataset: decode the claims
    // it shows and read the index build.rs compiled (median of 21).
    let mut times: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            let shown = factmark::compact::decode(factmark::BUNDLED_CLAIMS).map(|d| d.claims.len());
            let read = Matcher::from_bytes(factmark::BUNDLED_INDEX).map(|m| m.phrasing_count());
            let _ = std::hint::black_box((shown, read));
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "bundled: claims decoded ({} bytes) and index read ({} bytes) in {:.2} ms",
        factmark::BUNDLED_CLAIMS.len(),
        factmark::BUNDLED_INDEX.len(),
        times[10] * 1e3
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
