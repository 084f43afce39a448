//! "Did you mean ...?" hints: the closest name to a typo, by edit distance, for an unknown
//! `--target` and for undefined variables.

/// The candidate closest to `name` by edit distance, if it is close enough to be a typo
/// (distance at most a third of the longer name, and at least 1 allowed).
pub fn closest_name<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    let len = name.chars().count();
    for c in candidates {
        let limit = (len.max(c.chars().count()) / 3).max(1);
        // Most candidates are too far apart to be worth the full comparison.
        if let Some(d) = edit_distance_below(name, c, limit + 1)
            && best.is_none_or(|(bd, _)| d < bd)
        {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over chars, two rows, names capped at 256 chars so the cost is
/// bounded whatever the input.
pub fn edit_distance(a: &str, b: &str) -> usize {
    // No bound: the one table below, in full (one copy of it keeps the page's wasm small).
    edit_distance_below(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// [`edit_distance`] when it is below `bound`, else `None`, found without the full
/// comparison: two names whose lengths differ by `bound` or more are that far apart, and
/// the comparison stops at the first row whose every cell has reached `bound`.
pub fn edit_distance_below(a: &str, b: &str, bound: usize) -> Option<usize> {
    // Most names are ASCII: compared as bytes, in place. Others as chars, copied to the
    // stack. Either way nothing is allocated (this runs for every hint's candidates).
    if a.is_ascii() && b.is_ascii() {
        let cap = |s: &str| s.len().min(NAME_CAP);
        return below(&a.as_bytes()[..cap(a)], &b.as_bytes()[..cap(b)], bound);
    }
    let mut a_chars = ['\0'; NAME_CAP];
    let mut b_chars = ['\0'; NAME_CAP];
    let fill = |buf: &mut [char; NAME_CAP], s: &str| {
        let mut n = 0;
        for (slot, c) in buf.iter_mut().zip(s.chars()) {
            *slot = c;
            n += 1;
        }
        n
    };
    let (na, nb) = (fill(&mut a_chars, a), fill(&mut b_chars, b));
    below(&a_chars[..na], &b_chars[..nb], bound)
}

/// Names are compared on their first 256 characters.
const NAME_CAP: usize = 256;

/// Levenshtein distance of two sequences of at most [`NAME_CAP`] items, two rows on the
/// stack, when it is below `bound`.
fn below<T: PartialEq>(a: &[T], b: &[T], bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) >= bound {
        return None;
    }
    // Distances never exceed NAME_CAP, so u16 holds them.
    let mut rows = [[0u16; NAME_CAP + 1]; 2];
    let [mut prev, mut cur] = rows.each_mut();
    for (j, cell) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j as u16;
    }
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i as u16 + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + u16::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        // Every later row's cells are at least this row's smallest.
        if usize::from(row_min) >= bound {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(usize::from(prev[b.len()])).filter(|&d| d < bound)
}
