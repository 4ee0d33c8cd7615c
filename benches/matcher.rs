//! Criterion benchmarks of the pure core: `cargo bench --bench matcher`.
//!
//! - `find`: the bundled dataset's matcher over article-like pages of 1 MB
//!   and 5 MB (`common::page`), reported as throughput (MiB/s);
//! - `find_10k_claims`: the same 1 MB page with 10,000 synthetic claims
//!   added to the dataset (the scan should cost about the same);
//! - `load`: parsing and validating the bundled dataset's JSON and building
//!   its index (what a first `mount()` did, and still does for a page's own
//!   dataset), against what a first `mount()` now does with the bundled one:
//!   parse only the claims it shows and read the index `build.rs` compiled.
//!
//! `examples/bench.rs` prints the same measurements as one table for
//! docs/benchmarks.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use factmark::{bundled_dataset, dataset::Dataset, matcher::Matcher, BUNDLED_CLAIMS, BUNDLED_INDEX, BUNDLED_JSON};
use std::hint::black_box;

mod common;
use common::{page, with_synthetic};

fn find(c: &mut Criterion) {
    let bundled = bundled_dataset();
    let matcher = Matcher::new(&bundled);
    let mut group = c.benchmark_group("find");
    group.sample_size(20);
    for mb in [1, 5] {
        let (text, _) = page(mb * 1_000_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(format!("{mb} MB")), &text, |b, text| {
            b.iter(|| matcher.find(black_box(text)).len())
        });
    }
    group.finish();

    let big = Matcher::new(&with_synthetic(&bundled, 10_000));
    let (text, _) = page(1_000_000);
    let mut group = c.benchmark_group("find_10k_claims");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("1 MB", |b| b.iter(|| big.find(black_box(&text)).len()));
    group.finish();
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.bench_function("parse and validate the bundled dataset", |b| {
        b.iter(|| Dataset::from_json(black_box(BUNDLED_JSON)).map(|d| d.claims.len()))
    });
    let bundled = bundled_dataset();
    group.bench_function("index the bundled dataset", |b| b.iter(|| Matcher::new(black_box(&bundled)).phrasing_count()));
    group.bench_function("decode the bundled claims shown", |b| {
        b.iter(|| factmark::compact::decode(black_box(BUNDLED_CLAIMS)).map(|d| d.claims.len()))
    });
    group
        .bench_function("read the bundled index", |b| b.iter(|| Matcher::from_bytes(black_box(BUNDLED_INDEX)).map(|m| m.phrasing_count())));
    group.finish();
}

criterion_group!(benches, find, load);
criterion_main!(benches);
