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
    let a: Vec<char> = a.chars().take(256).collect();
    let b: Vec<char> = b.chars().take(256).collect();
    if a.len().abs_diff(b.len()) >= bound {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        // Every later row's cells are at least this row's smallest.
        if row_min >= bound {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d < bound)
}
