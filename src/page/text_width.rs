//! How wide a text is drawn, in columns of a half-width character: Hangul, CJK ideographs,
//! fullwidth forms and emoji take two, as terminals (Unicode's East Asian Width, W and F) and
//! monospace fonts draw them. The graph sizes its boxes and shortens its labels with this, and
//! the editor measures its lines with it, so a Hangul stage name or path fits and aligns.

/// Whether `c` is drawn two columns wide.
pub fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// The columns `c` takes: two when wide, else one.
pub fn char_width(c: char) -> usize {
    if is_wide(c) { 2 } else { 1 }
}

/// The columns `s` takes.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` shortened to at most `max` columns, its end replaced by an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        // One column is kept for the ellipsis.
        if used + char_width(c) > max.saturating_sub(1) {
            break;
        }
        used += char_width(c);
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_takes_two_columns_and_ascii_one() {
        assert_eq!(width("builder"), 7);
        assert_eq!(width("빌드"), 4);
        assert_eq!(width("앱-builder"), 10);
        // Jamo that only combine (U+1160..) take no column of their own in fonts, but
        // precomposed syllables are what people type.
        assert!(is_wide('한') && !is_wide('a') && !is_wide('é'));
    }

    #[test]
    fn truncating_counts_columns_and_never_splits_a_character() {
        assert_eq!(truncate("빌드스테이지", 12), "빌드스테이지");
        assert_eq!(truncate("빌드스테이지", 7), "빌드스…");
        assert_eq!(truncate("builder-stage", 8), "builder…");
        assert!(width(&truncate("가나다라마바사", 6)) <= 6);
    }
}
