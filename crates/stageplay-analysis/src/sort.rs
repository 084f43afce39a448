//! Stable sorts that share one copy of the standard library's sort in the page.
//!
//! Every `slice::sort_by` call site with its own element type or comparator gets its own
//! copy of the standard sort (quicksort, merge runs, small sorts: 3–5 KB of wasm each); the
//! page's dozen call sites came to about 50 KB before wasm-opt. In wasm these functions
//! sort a list of indices once, through a `dyn` comparator, and then move the elements into
//! that order, so the standard sort is compiled once. Natively (the CLI, the benchmarks)
//! they are the standard sort itself. Both are stable, so the result is the same.

use std::cmp::Ordering;

/// `v.sort_by(cmp)`: stable.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    by_indices(v, &mut cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(&mut cmp);
}

/// `v.sort()`: stable.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// `v.sort_by_key(key)`: stable.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
fn by_indices<T>(v: &mut [T], cmp: &mut dyn FnMut(&T, &T) -> Ordering) {
    let order = sorted_order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// The one instance of the standard sort: the indices `0..n` in the order `cmp` gives them.
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
fn sorted_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves `v[order[i]]` to position `i`, following each cycle of the permutation with swaps
/// (linear; `order` is used up as the visited marks).
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut j = start;
        while let Some(&k) = order.get(j) {
            if k == DONE {
                break;
            }
            order[j] = DONE;
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Items as (key, original position), so stability shows in the positions: any length
    /// below 70 and a few long ones, with one to nine distinct keys (many duplicates).
    fn items() -> impl Strategy<Value = Vec<(u64, usize)>> {
        let len = prop_oneof![
            8 => 0usize..70,
            1 => prop::sample::select(vec![200usize, 1000, 5000]),
        ];
        (1u64..=9, len)
            .prop_flat_map(|(keys, len)| prop::collection::vec(0..keys, len))
            .prop_map(|keys| keys.into_iter().zip(0..).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        #[test]
        fn sorting_by_indices_is_the_standard_stable_sort(items in items()) {
            let len = items.len();
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            let mut got = items.clone();
            by_indices(&mut got, &mut |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(got, expected.clone(), "length {}", len);
            let mut reversed = items;
            by_indices(&mut reversed, &mut |a, b| b.0.cmp(&a.0));
            expected.sort_by_key(|a| std::cmp::Reverse(a.0));
            prop_assert_eq!(reversed, expected, "length {}, descending", len);
        }
    }

    #[test]
    fn the_public_sorts_agree_with_the_standard_ones() {
        let words = ["pear", "fig", "apple", "kiwi", "fig", "banana", ""];
        let mut a = words.to_vec();
        sort(&mut a);
        let mut b = words.to_vec();
        b.sort();
        assert_eq!(a, b);
        let mut c = words.to_vec();
        sort_by_key(&mut c, |w| w.len());
        let mut d = words.to_vec();
        d.sort_by_key(|w| w.len());
        assert_eq!(c, d);
    }
}
