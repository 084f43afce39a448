//! Variable expansion with BuildKit's shell-lexer rules (`$VAR`, `${VAR}`, `${VAR:-x}`, ...),
//! bounded so that chained ARGs cannot blow up.

/// The longest result an expansion may produce; longer results are cut and reported.
pub const MAX_EXPANDED_LEN: usize = 64 * 1024;

/// Expands `$VAR` and `${VAR}` in `text` using `lookup`. Unknown variables expand to "".
pub fn expand(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if out.len() > MAX_EXPANDED_LEN {
            break;
        }
        if c != '$' {
            out.push(c);
            continue;
        }
        let braced = chars.peek().map(|&(_, c)| c) == Some('{');
        if braced {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&(_, c)) = chars.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                name.push(c);
                chars.next();
            } else {
                break;
            }
        }
        if braced {
            // Skip to the closing brace (modifiers are handled by the full lexer).
            for (_, c) in chars.by_ref() {
                if c == '}' {
                    break;
                }
            }
        }
        if name.is_empty() && !braced {
            out.push('$');
            continue;
        }
        if let Some(v) = lookup(&name) {
            out.push_str(&v);
        }
    }
    out.truncate(floor_char_boundary(&out, MAX_EXPANDED_LEN));
    out
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    let mut i = max.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
