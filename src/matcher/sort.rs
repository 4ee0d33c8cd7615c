//! One small stable sort for the whole crate, its comparisons and swaps
//! behind a `dyn` callback.
//!
//! The standard library's sorts are generic: every element type and
//! comparator gets its own copy of driftsort or ipnsort, several kilobytes
//! each, and the matcher's eleven sorts were 78 KB of the `.wasm`'s code
//! before wasm-opt (docs/benchmarks.md). Here only an insertion sort for
//! short slices is generic (a few hundred bytes per call site); longer
//! ones go to one merge sort, compiled once, that compares and swaps
//! through the callback. Most slices sorted are short (a sentence's
//! matches and hits, a phrasing's terms), and the longer ones (a large
//! dataset's index entries) pay an indirect call per comparison. Slices of `u32` keep the standard `sort_unstable`: its
//! one copy serves them all, and a sentence's candidate frames can be
//! thousands of them with a large dataset.
//!
//! The sort is stable, so it gives exactly what `slice::sort_by` gives for
//! the same comparator; where it replaces `sort_unstable`, the elements
//! compare equal only when they are equal values (a derived or primitive
//! `Ord` on the whole element), so every sort gives the same result.

use std::cmp::Ordering;

/// Up to this length, insertion sort in place (compiled per call site);
/// above, the one merge sort of positions, then the permutation applied
/// with swaps.
const INSERTION_MAX: usize = 20;

/// Sorts `v` stably by `cmp` (as `v.sort_by(cmp)`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() <= INSERTION_MAX {
        // Most sorts are of a handful of elements, many per sentence: this
        // loop is small enough to compile per call site, with the
        // comparison inlined. An element moves left only past elements it
        // is strictly less than, so equal ones keep their order.
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && cmp(&v[j], &v[j - 1]) == Ordering::Less {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    sort_dyn(v.len(), &mut |i, j, swap| {
        if swap {
            v.swap(i, j);
            false
        } else {
            cmp(&v[i], &v[j]) == Ordering::Less
        }
    });
}

/// Sorts `v` stably by the key `f` gives (as `v.sort_by_key(f)`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` (as `v.sort()`, and as `v.sort_unstable()`: equal elements
/// are equal values, so their order cannot show).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The sort itself, on positions `0..n` of a slice the callback holds:
/// `op(i, j, false)` says whether the element at `i` sorts strictly before
/// the one at `j`; `op(i, j, true)` swaps them.
fn sort_dyn(n: usize, op: &mut dyn FnMut(usize, usize, bool) -> bool) {
    // Bottom-up merge sort of the positions (nothing moves yet), taking the
    // left run's element on ties: stable.
    let mut order: Vec<usize> = (0..n).collect();
    let mut buf = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut a, mut b) = (lo, mid);
            for slot in &mut buf[lo..hi] {
                let take_b = a >= mid || (b < hi && op(order[b], order[a], false));
                if take_b {
                    *slot = order[b];
                    b += 1;
                } else {
                    *slot = order[a];
                    a += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut order, &mut buf);
        width *= 2;
    }
    // Position k is to hold the element now at order[k]: follow each cycle
    // of the permutation, one swap per element moved.
    for start in 0..n {
        if order[start] == usize::MAX {
            continue;
        }
        let mut k = start;
        loop {
            let from = order[k];
            order[k] = usize::MAX;
            if from == start {
                break;
            }
            op(k, from, true);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no dependency).
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (0..n)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (x >> 33) % modulo
            })
            .collect()
    }

    #[test]
    fn same_as_the_standard_stable_sort() {
        for n in [0, 1, 2, 3, 7, 19, 20, 21, 22, 40, 63, 64, 65, 100, 257, 1000] {
            for modulo in [1, 2, 5, 1000] {
                // Pairs of (key, original position): stability shows in the second.
                let v: Vec<(u64, usize)> = numbers(n as u64 * 31 + modulo, n, modulo).into_iter().zip(0..).collect();
                let mut ours = v.clone();
                let mut theirs = v.clone();
                sort_by_key(&mut ours, |p| p.0);
                theirs.sort_by_key(|p| p.0);
                assert_eq!(ours, theirs, "n {n}, modulo {modulo}");
                let mut ours = v.clone();
                let mut theirs = v;
                sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
                theirs.sort_by_key(|p| std::cmp::Reverse(p.0));
                assert_eq!(ours, theirs, "descending: n {n}, modulo {modulo}");
            }
        }
    }

    #[test]
    fn sorts_owned_values() {
        let mut v: Vec<String> = numbers(7, 300, 50).into_iter().map(|x| format!("w{x}")).collect();
        let mut expected = v.clone();
        expected.sort_unstable();
        sort(&mut v);
        assert_eq!(v, expected);
    }
}
