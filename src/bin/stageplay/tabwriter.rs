//! The part of Go's `text/tabwriter` that buildx's `--call=targets` and `--call=outline`
//! printers use (moby/buildkit `frontend/subrequests/targets/targets.go` `PrintTargets`,
//! `outline/outline.go` `PrintOutline`: `tabwriter.NewWriter(w, 0, 0, padding, ' ', 0)`), so
//! the tables line up exactly as Docker prints them.

/// Lays out `rows` of cells as tabwriter does for lines written as `a\tb\tc\n`: every cell
/// but a row's last is padded with spaces to the widest cell of its column plus `padding`
/// (widths in characters, as Go counts runes); the last cell is written as it is.
pub fn table(rows: &[Vec<String>], padding: usize) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        // Only cells followed by a tab (all but the last) take part in the alignment.
        for (i, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let last = row.len().saturating_sub(1);
        for (i, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if i < last {
                let pad = widths[i] + padding - cell.chars().count();
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_padded_to_the_widest_plus_padding_and_the_last_is_not() {
        let rows = vec![
            vec!["TARGET".to_string(), "DESCRIPTION".to_string()],
            vec!["build".to_string(), "compiles".to_string()],
            vec!["release (default)".to_string(), String::new()],
        ];
        assert_eq!(
            table(&rows, 1),
            "TARGET            DESCRIPTION\nbuild             compiles\nrelease (default) \n"
        );
        let rows = vec![
            vec!["é".to_string(), "x".to_string()],
            vec!["ab".to_string(), "y".to_string()],
        ];
        assert_eq!(table(&rows, 3), "é    x\nab   y\n");
    }
}
