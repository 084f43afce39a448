//! Variable expansion with BuildKit's shell-lexer rules (`$VAR`, `${VAR}`, `${VAR:-x}`,
//! `${VAR#pat}`, quotes, escapes), bounded so that chained ARGs cannot blow up, and the
//! expanded form of an instruction. The scopes the variables come from (global ARGs,
//! per-stage ARG/ENV, build args) live in `scope`.
//!
//! Everything here is iterative except the nested `${a:-${b}}` word, whose recursion is
//! capped at [`MAX_NESTING`] levels, so no input can overflow the stack.

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use super::parse::Keyword;
use super::span::floor_char_boundary;

/// The longest value one expansion may produce; longer results are cut and reported.
pub const MAX_EXPANDED_LEN: usize = 16 * 1024;

/// How many undefined names one expansion (or one instruction) records.
pub const MAX_UNDEFINED: usize = 32;

/// How deeply `${a:-${b:-${c}}}` words may nest before the rest is taken literally.
pub const MAX_NESTING: usize = 16;

/// Where expansion looks variables up.
pub trait Lookup {
    fn get(&self, name: &str) -> Option<&str>;
}

impl Lookup for HashMap<String, String> {
    fn get(&self, name: &str) -> Option<&str> {
        HashMap::get(self, name).map(String::as_str)
    }
}

impl Lookup for [(String, String)] {
    fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Lookup for Vec<(String, String)> {
    fn get(&self, name: &str) -> Option<&str> {
        Lookup::get(self.as_slice(), name)
    }
}

/// The result of expanding one word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expanded {
    pub value: String,
    /// Variables referenced without a default (`$X`, `${X}`) that were not defined.
    pub unmatched: Vec<String>,
    /// True when the result hit [`MAX_EXPANDED_LEN`] or the shared budget and was cut.
    pub truncated: bool,
    /// A lexer error (unterminated quote or `${`), BuildKit would fail the build.
    pub error: Option<String>,
}

/// A shared allowance of output bytes for all expansions of one analysis, so that the total
/// work stays linear in the input even when thousands of ARGs reference each other.
#[derive(Clone, Debug)]
pub struct Budget {
    pub remaining: usize,
}

impl Budget {
    /// A budget proportional to the text being analysed.
    pub fn for_text(len: usize) -> Self {
        Budget {
            remaining: 4 * 1024 * 1024 + len.saturating_mul(4),
        }
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::for_text(0)
    }
}

/// Expands one word the way BuildKit's `ProcessWord` does: quotes are removed, escapes
/// resolved, `$` references substituted. `escape` is the Dockerfile's escape character.
pub fn expand_word(word: &str, escape: char, vars: &dyn Lookup, budget: &mut Budget) -> Expanded {
    run_lexer(word, escape, true, vars, budget)
}

/// Expands a heredoc body: `$` references are substituted, quotes are kept as text.
pub fn expand_heredoc(body: &str, vars: &dyn Lookup, budget: &mut Budget) -> Expanded {
    run_lexer(body, '\\', false, vars, budget)
}

fn run_lexer(
    word: &str,
    escape: char,
    quotes: bool,
    vars: &dyn Lookup,
    budget: &mut Budget,
) -> Expanded {
    // Fast path: most words have nothing to expand, unquote or unescape.
    // Every special character is ASCII when the escape is, so bytes decide (no UTF-8
    // decoding of every word).
    let special = match u8::try_from(escape) {
        Ok(esc) if esc.is_ascii() => word
            .bytes()
            .any(|b| b == b'$' || b == esc || (quotes && (b == b'\'' || b == b'"'))),
        _ => {
            word.contains(|c: char| c == '$' || c == escape || (quotes && (c == '\'' || c == '"')))
        }
    };
    if !special {
        let mut out = Expanded::default();
        let room = MAX_EXPANDED_LEN.min(budget.remaining);
        if word.len() <= room {
            budget.remaining -= word.len();
            out.value = word.to_string();
        } else {
            let cut = floor_char_boundary(word, room);
            budget.remaining -= cut;
            out.value = word[..cut].to_string();
            out.truncated = true;
        }
        return out;
    }
    let mut lx = Lexer {
        text: word,
        pos: 0,
        quotes,
        escape,
        vars,
        out: Expanded::default(),
        budget,
    };
    let value = lx.word(None, 0);
    let mut out = lx.out;
    out.value = value;
    out
}

/// Expands `text` with a fresh budget and the default escape character; unknown variables
/// expand to "". A convenience for callers that only need the value.
pub fn expand(text: &str, vars: &dyn Lookup) -> String {
    expand_word(text, '\\', vars, &mut Budget::default()).value
}

struct Lexer<'a> {
    text: &'a str,
    /// A byte offset into `text`, always on a char boundary.
    pos: usize,
    /// False for heredoc bodies: quotes are ordinary text there.
    quotes: bool,
    escape: char,
    vars: &'a dyn Lookup,
    out: Expanded,
    budget: &'a mut Budget,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.text.get(self.pos..).and_then(|r| r.chars().next())
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if let Some(c) = c {
            self.pos += c.len_utf8();
        }
        c
    }

    /// Takes the run of text from the current position up to the next byte `special`
    /// accepts (or the end) and appends it to `buf` in one piece. Every special byte is
    /// ASCII, so the run ends on a char boundary. Returns false (taking nothing) when the
    /// current char is itself special.
    fn take_run(&mut self, buf: &mut String, special: impl Fn(u8) -> bool) -> bool {
        let Some(rest) = self.text.get(self.pos..) else {
            return false;
        };
        let end = rest.bytes().position(special).unwrap_or(rest.len());
        if end == 0 {
            return false;
        }
        self.pos += end;
        self.push(buf, &rest[..end]);
        true
    }

    /// The escape character as a byte, or 0 (never special) when it is not ASCII.
    fn escape_byte(&self) -> u8 {
        if self.escape.is_ascii() {
            self.escape as u8
        } else {
            0
        }
    }

    fn push(&mut self, buf: &mut String, s: &str) {
        let room = MAX_EXPANDED_LEN
            .saturating_sub(buf.len())
            .min(self.budget.remaining);
        if s.len() <= room {
            buf.push_str(s);
            self.budget.remaining -= s.len();
        } else {
            let cut = floor_char_boundary(s, room);
            buf.push_str(&s[..cut]);
            self.budget.remaining -= cut;
            self.out.truncated = true;
        }
    }

    fn push_char(&mut self, buf: &mut String, c: char) {
        let mut tmp = [0u8; 4];
        self.push(buf, c.encode_utf8(&mut tmp));
    }

    /// Reads a word until `stop` (exclusive, consumed) or the end.
    fn word(&mut self, stop: Option<char>, depth: usize) -> String {
        // A whole word usually expands to about its own length: room for that up front
        // (capped; nested words start small).
        let mut buf = if stop.is_none() && depth == 0 {
            String::with_capacity(self.text.len().saturating_sub(self.pos).min(4096))
        } else {
            String::new()
        };
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                self.pos += 1;
                return buf;
            }
            if !self.quotes && c == self.escape {
                self.pos += 1;
                match self.peek() {
                    Some('$') => {
                        self.pos += 1;
                        self.push_char(&mut buf, '$');
                    }
                    _ => self.push_char(&mut buf, c),
                }
                continue;
            }
            if !self.quotes && (c == '\'' || c == '"') {
                self.pos += 1;
                self.push_char(&mut buf, c);
                continue;
            }
            if c == self.escape {
                self.pos += 1;
                // A trailing escape is dropped, as BuildKit does.
                if let Some(n) = self.next() {
                    self.push_char(&mut buf, n);
                }
                continue;
            }
            match c {
                '\'' => {
                    self.pos += 1;
                    self.single_quoted(&mut buf);
                }
                '"' => {
                    self.pos += 1;
                    self.double_quoted(&mut buf, depth);
                }
                '$' => {
                    self.pos += 1;
                    let v = self.dollar(depth);
                    self.push(&mut buf, &v);
                }
                _ => {
                    // Ordinary text up to the next character that means something here.
                    let esc = self.escape_byte();
                    let stop_b = stop.filter(char::is_ascii).map_or(0, |s| s as u8);
                    let ascii = self.escape.is_ascii() && stop.is_none_or(|s| s.is_ascii());
                    if !(ascii
                        && self.take_run(&mut buf, |b| {
                            matches!(b, b'$' | b'\'' | b'"') || b == esc || (b == stop_b && b != 0)
                        }))
                    {
                        self.pos += c.len_utf8();
                        self.push_char(&mut buf, c);
                    }
                }
            }
        }
        if stop.is_some() && self.out.error.is_none() {
            self.out.error = Some("missing '}' in variable substitution".into());
        }
        buf
    }

    fn single_quoted(&mut self, buf: &mut String) {
        loop {
            self.take_run(buf, |b| b == b'\'');
            match self.next() {
                None => {
                    self.out.error = Some(
                        "unexpected end of statement while looking for matching single-quote"
                            .into(),
                    );
                    return;
                }
                Some('\'') => return,
                Some(c) => self.push_char(buf, c),
            }
        }
    }

    fn double_quoted(&mut self, buf: &mut String, depth: usize) {
        let esc = self.escape_byte();
        loop {
            if self.escape.is_ascii() {
                self.take_run(buf, |b| matches!(b, b'"' | b'$') || b == esc);
            }
            match self.next() {
                None => {
                    self.out.error = Some(
                        "unexpected end of statement while looking for matching double-quote"
                            .into(),
                    );
                    return;
                }
                Some('"') => return,
                Some('$') => {
                    let v = self.dollar(depth);
                    self.push(buf, &v);
                }
                Some(c) if c == self.escape => match self.peek() {
                    Some(n) if n == '"' || n == '$' || n == self.escape => {
                        self.pos += 1;
                        self.push_char(buf, n);
                    }
                    _ => self.push_char(buf, c),
                },
                Some(c) => self.push_char(buf, c),
            }
        }
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        // Special single-character parameters, as in BuildKit's processName.
        if let Some(c) = self.peek()
            && (c.is_ascii_digit() || "*@#?-$!".contains(c))
        {
            self.pos += 1;
            name.push(c);
            return name;
        }
        // ASCII only, so the name is one slice of the text, copied once.
        let start = self.pos;
        let rest = self.text.get(start..).unwrap_or("");
        let len = rest
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
            .unwrap_or(rest.len());
        self.pos += len;
        name.push_str(rest.get(..len).unwrap_or(""));
        name
    }

    fn lookup(&mut self, name: &str, record: bool) -> Option<String> {
        match self.vars.get(name) {
            Some(v) => Some(v.to_string()),
            None => {
                // Capped, so a word with thousands of distinct unknown names stays linear.
                if record
                    && !name.is_empty()
                    && self.out.unmatched.len() < MAX_UNDEFINED
                    && !self.out.unmatched.iter().any(|u| u == name)
                {
                    self.out.unmatched.push(name.to_string());
                }
                None
            }
        }
    }

    /// Handles what follows a `$`.
    fn dollar(&mut self, depth: usize) -> String {
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return "$".into();
            }
            return self.lookup(&name, true).unwrap_or_default();
        }
        self.pos += 1;
        let name = self.name();
        if name.is_empty() {
            self.out
                .error
                .get_or_insert_with(|| "bad substitution".into());
            // Skip to the closing brace so the rest of the word survives.
            while let Some(c) = self.next() {
                if c == '}' {
                    break;
                }
            }
            return String::new();
        }
        let modifier = self.next();
        match modifier {
            Some('}') => self.lookup(&name, true).unwrap_or_default(),
            Some(':') | Some('-') | Some('+') | Some('?') => {
                let colon = modifier == Some(':');
                let op = if colon { self.next() } else { modifier };
                let word = self.nested_word(depth);
                let value = self.lookup(&name, false);
                let set = match &value {
                    Some(v) => !(colon && v.is_empty()),
                    None => false,
                };
                match op {
                    Some('-') => {
                        if set {
                            value.unwrap_or_default()
                        } else {
                            word
                        }
                    }
                    Some('+') => {
                        if set {
                            word
                        } else {
                            String::new()
                        }
                    }
                    Some('?') => {
                        if set {
                            value.unwrap_or_default()
                        } else {
                            if self.out.error.is_none() {
                                self.out.error = Some(if word.is_empty() {
                                    format!("{name}: is not allowed to be unset")
                                } else {
                                    format!("{name}: {word}")
                                });
                            }
                            String::new()
                        }
                    }
                    _ => {
                        self.out.error.get_or_insert_with(|| {
                            format!("unsupported modifier in substitution of {name}")
                        });
                        String::new()
                    }
                }
            }
            Some('#') | Some('%') => {
                let kind = modifier.unwrap_or('#');
                let longest = self.peek() == Some(kind);
                if longest {
                    self.pos += 1;
                }
                let pattern = self.nested_word(depth);
                let value = self.lookup(&name, true).unwrap_or_default();
                trim_pattern(&value, &pattern, kind == '#', longest)
            }
            Some('/') => {
                let all = self.peek() == Some('/');
                if all {
                    self.pos += 1;
                }
                let pattern = self.nested_until(depth, '/');
                let replacement = self.nested_word(depth);
                let value = self.lookup(&name, true).unwrap_or_default();
                if pattern.is_empty() {
                    value
                } else if all {
                    value.replace(&pattern, &replacement)
                } else {
                    value.replacen(&pattern, &replacement, 1)
                }
            }
            _ => {
                self.out
                    .error
                    .get_or_insert_with(|| "missing '}' in variable substitution".into());
                String::new()
            }
        }
    }

    /// Reads the word of a modifier up to the closing brace.
    fn nested_word(&mut self, depth: usize) -> String {
        self.nested_until(depth, '}')
    }

    fn nested_until(&mut self, depth: usize, stop: char) -> String {
        if depth >= MAX_NESTING {
            // Too deep: take the rest literally up to the stop character.
            let mut buf = String::new();
            while let Some(c) = self.next() {
                if c == stop {
                    break;
                }
                self.push_char(&mut buf, c);
            }
            self.out
                .error
                .get_or_insert_with(|| "variable substitution nested too deeply".into());
            return buf;
        }
        self.word(Some(stop), depth + 1)
    }
}

/// Removes the shortest or longest prefix (`#`) or suffix (`%`) of `value` matching the
/// glob `pattern` (`*` and `?`), as the shell does. Bounded: at most `value.len()`
/// candidate cuts, each matched in O(len²) worst case on short strings.
fn trim_pattern(value: &str, pattern: &str, prefix: bool, longest: bool) -> String {
    // Values are capped at MAX_EXPANDED_LEN; refuse quadratic work on long ones.
    if value.len() > 1024 || pattern.len() > 256 {
        return value.to_string();
    }
    let cuts: Vec<usize> = value
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(value.len()))
        .collect();
    let ordered: Vec<usize> = if prefix == longest {
        cuts.iter().rev().copied().collect()
    } else {
        cuts.clone()
    };
    for cut in ordered {
        let (part, rest) = if prefix {
            (&value[..cut], &value[cut..])
        } else {
            (&value[cut..], &value[..cut])
        };
        if glob_match(pattern, part) {
            return rest.to_string();
        }
    }
    value.to_string()
}

/// Matches `text` against a glob with `*` and `?`, iteratively (classic two-pointer
/// backtracking, linear in practice, O(n·m) at worst).
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    while p.get(pi) == Some(&'*') {
        pi += 1;
    }
    pi == p.len()
}

/// One instruction after expansion in its scope, parallel to `Analysis::instructions`.
///
/// Only the instructions Docker expands (FROM, ADD, COPY, ENV, EXPOSE, LABEL, STOPSIGNAL,
/// USER, VOLUME, WORKDIR, ARG) have expanded `args`; RUN, CMD, ENTRYPOINT, SHELL,
/// HEALTHCHECK, MAINTAINER and ONBUILD keep their text verbatim (flag values of RUN, such as
/// `--mount`, are expanded, as BuildKit does).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExpandedInstruction {
    /// The stage the instruction belongs to; `None` for global ARGs.
    pub stage: Option<usize>,
    /// `Instruction::args`, expanded (quotes removed) or verbatim.
    pub args: Vec<String>,
    /// `Instruction::flags` values, expanded; parallel to `flags`.
    pub flags: Vec<Option<String>>,
    /// ARG / ENV / LABEL: the keys and expanded values (`None` for a bare `ARG NAME` that
    /// got no value).
    pub pairs: Vec<(String, Option<String>)>,
    /// `Instruction::heredocs` bodies, expanded when the delimiter was unquoted (COPY/ADD),
    /// verbatim otherwise.
    pub heredocs: Vec<String>,
    /// Variables referenced without a default that were not defined at this point.
    pub undefined: Vec<String>,
    /// Lexer errors (unterminated quotes, bad substitutions).
    pub errors: Vec<String>,
    /// True when an expansion was cut at [`MAX_EXPANDED_LEN`] or by the budget.
    pub truncated: bool,
}

impl ExpandedInstruction {
    pub(crate) fn absorb(&mut self, e: &Expanded) {
        for u in &e.unmatched {
            if self.undefined.len() < MAX_UNDEFINED && !self.undefined.contains(u) {
                self.undefined.push(u.clone());
            }
        }
        if let Some(err) = &e.error
            && self.errors.len() < MAX_UNDEFINED
            && !self.errors.contains(err)
        {
            self.errors.push(err.clone());
        }
        self.truncated |= e.truncated;
    }

    pub(crate) fn word(
        &mut self,
        raw: &str,
        escape: char,
        scope: &dyn Lookup,
        budget: &mut Budget,
    ) -> String {
        let e = expand_word(raw, escape, scope, budget);
        self.absorb(&e);
        e.value
    }
}

/// True for the instructions whose arguments Docker expands.
pub fn expands_args(k: Keyword) -> bool {
    matches!(
        k,
        Keyword::From
            | Keyword::Add
            | Keyword::Copy
            | Keyword::Env
            | Keyword::Expose
            | Keyword::Label
            | Keyword::Stopsignal
            | Keyword::User
            | Keyword::Volume
            | Keyword::Workdir
            | Keyword::Arg
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vec<(String, String)> {
        vec![
            ("A".into(), "one".into()),
            ("E".into(), "".into()),
            ("P".into(), "linux/arm64/v8".into()),
        ]
    }

    fn x(s: &str) -> String {
        expand_word(s, '\\', &vars(), &mut Budget::default()).value
    }

    #[test]
    fn shell_lexer_forms() {
        assert_eq!(x("$A-${A}"), "one-one");
        assert_eq!(x("${B:-d}|${B-d}|${E:-d}|${E-d}"), "d|d|d|");
        assert_eq!(x("${A:+alt}|${E:+alt}|${E+alt}|${B+alt}"), "alt||alt|");
        assert_eq!(x("'$A' \"$A\" \\$A"), "$A one $A");
        assert_eq!(
            x("${P#*/}|${P##*/}|${P%/*}|${P%%/*}"),
            "arm64/v8|v8|linux/arm64|linux"
        );
        assert_eq!(x("${B:-${A:-z}}"), "one");
        assert_eq!(x("a$"), "a$");
        assert_eq!(x("\"a\\\"b\""), "a\"b");
        // Runs of ordinary text are copied whole: multi-byte characters next to every kind
        // of special character keep their bytes.
        assert_eq!(x("é$A ü\"ö$A€\"'ß'→\\$A…"), "éone üöone€ß→$A…");
        assert_eq!(x("${B:-日本}|${A:+語}"), "日本|語");
    }

    #[test]
    fn unmatched_and_errors() {
        let e = expand_word("$X ${Y:-d} ${Z}", '\\', &vars(), &mut Budget::default());
        assert_eq!(e.unmatched, vec!["X".to_string(), "Z".to_string()]);
        let e = expand_word("'open", '\\', &vars(), &mut Budget::default());
        assert!(e.error.is_some());
        let e = expand_word("${A", '\\', &vars(), &mut Budget::default());
        assert!(e.error.is_some());
    }

    #[test]
    fn deep_nesting_is_capped() {
        let deep = "${A:-".repeat(10_000) + &"}".repeat(10_000);
        let e = expand_word(&deep, '\\', &vars(), &mut Budget::default());
        assert!(e.error.is_some());
    }

    #[test]
    fn glob() {
        assert!(glob_match("a*c", "abbbc"));
        assert!(!glob_match("a?c", "abbc"));
        assert!(glob_match("*", ""));
    }
}
