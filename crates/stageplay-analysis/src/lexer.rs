//! THE shell-word lexer, after BuildKit's `shell/lex.go`: quotes, escapes with the
//! Dockerfile's escape character, `$V`, `${V}`, `${V:-x}`, `${V:+x}`, `${V?x}`, `${V#pat}`,
//! `${V%pat}` and `${V/a/b}`, with bounded expansion. Two entry points: [`process_word`]
//! expands one word (what `expand` and `scope` use), and [`words`] splits a line into its
//! words with their byte spans, quotes and escapes kept (what `parse` uses to find heredocs
//! and `KEY=value` words, and what the RUN recognisers can split with). A third,
//! [`process_reference`], expands the one `$` reference the RUN recognisers' shell splitter
//! meets, keeping what it cannot expand as written.
//!
//! Everything here is iterative except the nested `${a:-${b}}` word, whose recursion is
//! capped at [`MAX_NESTING`] levels, so no input can overflow the stack.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use super::span::floor_char_boundary;

/// The longest value one expansion may produce; longer results are cut and reported.
pub const MAX_EXPANDED_LEN: usize = 16 * 1024;

/// How many undefined names one expansion (or one instruction) records.
pub const MAX_UNDEFINED: usize = 32;

/// How deeply `${a:-${b:-${c}}}` words may nest before the rest is taken literally.
pub const MAX_NESTING: usize = 16;

/// BuildKit's words for a `${` never closed (`shell/lex.go`, `processDollar`).
pub const MISSING_BRACE: &str = "syntax error: missing '}'";

/// BuildKit's words for a `${NAME` followed by what is no modifier (`processDollar`):
/// "unsupported modifier (:x) in substitution".
fn unsupported_modifier(modifier: &[char]) -> String {
    let modifier: String = modifier.iter().collect();
    format!("unsupported modifier ({modifier}) in substitution")
}

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
    /// The variable of a `${NAME?message}` / `${NAME:?message}` that stopped the expansion
    /// (unset, or empty with the colon); `error` then holds BuildKit's message.
    pub required: Option<String>,
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

/// Runs the lexer over one word (BuildKit's `ProcessWord`): escapes resolved, `$`
/// references substituted, and, when `quotes` is true, quotes removed (false for heredoc
/// bodies, where quotes are ordinary text). The result is bounded by [`MAX_EXPANDED_LEN`]
/// and by `budget`.
pub fn process_word(
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
        keep_unknown: false,
        out: Expanded::default(),
        budget,
    };
    let value = lx.word(None, 0);
    let mut out = lx.out;
    out.value = value;
    out
}

/// Expands the one `$` reference that starts at byte `dollar` of `text` (the `$` itself),
/// as BuildKit's `processDollar` does, and returns the expansion and the byte offset just
/// past the reference. Unlike [`process_word`], a reference it cannot expand (an unknown
/// name, `$1`, `$$`, a bad substitution) is kept as written: the RUN recognisers read a
/// script whose own shell variables are unknown here, and `$HOME/bin` says more than
/// `/bin`. The `-` forms still take their default when the name is unknown. The value is
/// borrowed (no allocation) when it is a variable's value or the reference as written.
pub fn process_reference<'a>(
    text: &'a str,
    dollar: usize,
    escape: char,
    vars: &'a dyn Lookup,
    budget: &mut Budget,
) -> (Cow<'a, str>, usize) {
    let mut lx = Lexer {
        text,
        pos: dollar + 1,
        quotes: true,
        escape,
        vars,
        keep_unknown: true,
        out: Expanded::default(),
        budget,
    };
    let value = lx.dollar(dollar, 0);
    (value, lx.pos)
}

struct Lexer<'a, 'b> {
    text: &'a str,
    /// A byte offset into `text`, always on a char boundary.
    pos: usize,
    /// False for heredoc bodies: quotes are ordinary text there.
    quotes: bool,
    escape: char,
    vars: &'a dyn Lookup,
    /// True when a reference that cannot be expanded stays as written instead of becoming
    /// empty (see [`process_reference`]); read only when a lookup fails.
    keep_unknown: bool,
    out: Expanded,
    budget: &'b mut Budget,
}

impl<'a> Lexer<'a, '_> {
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
                    let start = self.pos;
                    self.pos += 1;
                    let v = self.dollar(start, depth);
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
        // BuildKit's `processDollar`, when `processStopOn` meets the end of the word.
        if let Some(stop) = stop
            && self.out.error.is_none()
        {
            self.out.error = Some(if stop == '/' {
                "syntax error: missing '/' in ${}".into()
            } else {
                MISSING_BRACE.into()
            });
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
                    let v = self.dollar(self.pos - 1, depth);
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

    /// The name after `$` or `${`: a slice of the text, never copied.
    fn name(&mut self) -> &'a str {
        let start = self.pos;
        let rest = self.text.get(start..).unwrap_or("");
        // BuildKit's processName: a run of digits (a positional parameter), or a special
        // single-character parameter.
        if self.peek().is_some_and(|c| c.is_ascii_digit()) {
            let len = rest.bytes().take_while(u8::is_ascii_digit).count();
            self.pos += len;
            return rest.get(..len).unwrap_or("");
        }
        if let Some(c) = self.peek()
            && "*@#?-$!".contains(c)
        {
            self.pos += 1;
            return rest.get(..1).unwrap_or("");
        }
        // ASCII only, so the name is one slice of the text.
        let len = rest
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
            .unwrap_or(rest.len());
        self.pos += len;
        rest.get(..len).unwrap_or("")
    }

    /// What a reference from `start` (its `$`) to here becomes when it cannot be expanded:
    /// nothing, as in BuildKit, or the reference as written when `keep_unknown` is set.
    fn unknown(&self, start: usize) -> Cow<'a, str> {
        if self.keep_unknown {
            Cow::Borrowed(self.text.get(start..self.pos).unwrap_or(""))
        } else {
            Cow::Borrowed("")
        }
    }

    fn lookup(&mut self, name: &str, record: bool) -> Option<&'a str> {
        match self.vars.get(name) {
            Some(v) => Some(v),
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

    /// Handles what follows a `$` (BuildKit's `processDollar`); `start` is the `$`'s offset.
    fn dollar(&mut self, start: usize, depth: usize) -> Cow<'a, str> {
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Cow::Borrowed("$");
            }
            return match self.lookup(name, true) {
                Some(v) => Cow::Borrowed(v),
                None => self.unknown(start),
            };
        }
        self.pos += 1;
        match self.peek() {
            None => {
                self.out.error.get_or_insert_with(|| MISSING_BRACE.into());
                return self.unknown(start);
            }
            Some('{' | '}' | ':') => {
                self.out
                    .error
                    .get_or_insert_with(|| "syntax error: bad substitution".into());
                // Skip to the closing brace so the rest of the word survives.
                while let Some(c) = self.next() {
                    if c == '}' {
                        break;
                    }
                }
                return self.unknown(start);
            }
            Some(_) => {}
        }
        // Possibly empty (`${ }`, `${%x}`): BuildKit reads the modifier all the same.
        let name = self.name();
        let modifier = self.next();
        match modifier {
            Some('}') => match self.lookup(name, true) {
                Some(v) => Cow::Borrowed(v),
                None => self.unknown(start),
            },
            Some(':') | Some('-') | Some('+') | Some('?') => {
                let colon = modifier == Some(':');
                let op = if colon { self.next() } else { modifier };
                if colon && let Some(op @ ('#' | '%')) = op {
                    self.out
                        .error
                        .get_or_insert_with(|| unsupported_modifier(&[':', op]));
                    return self.unknown(start);
                }
                let word = self.nested_word(depth);
                let value = self.lookup(name, false);
                let set = match value {
                    Some(v) => !(colon && v.is_empty()),
                    None => false,
                };
                match op {
                    Some('-') => match value {
                        Some(v) if set => Cow::Borrowed(v),
                        _ => Cow::Owned(word),
                    },
                    Some('+') => {
                        if set {
                            Cow::Owned(word)
                        } else if value.is_none() {
                            self.unknown(start)
                        } else {
                            Cow::Borrowed("")
                        }
                    }
                    Some('?') => match value {
                        Some(v) if set => Cow::Borrowed(v),
                        _ if value.is_none() && self.keep_unknown => self.unknown(start),
                        _ => {
                            // BuildKit's words (`shell/lex.go`, `processDollar`): "unset"
                            // when the variable has no value, "empty" when `:?` meets "".
                            if self.out.error.is_none() {
                                let message = match (word.is_empty(), value.is_some()) {
                                    (false, _) => word.as_str(),
                                    (true, false) => "is not allowed to be unset",
                                    (true, true) => "is not allowed to be empty",
                                };
                                self.out.error = Some(format!("{name}: {message}"));
                                self.out.required = Some(name.to_string());
                            }
                            Cow::Borrowed("")
                        }
                    },
                    _ => {
                        // `:` and another character (the word was read first: a missing
                        // `}` is the error then).
                        let op = op.unwrap_or(char::REPLACEMENT_CHARACTER);
                        self.out
                            .error
                            .get_or_insert_with(|| unsupported_modifier(&[':', op]));
                        self.unknown(start)
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
                match self.lookup(name, true) {
                    Some(value) => Cow::Owned(trim_pattern(value, &pattern, kind == '#', longest)),
                    None => self.unknown(start),
                }
            }
            Some('/') => {
                let all = self.peek() == Some('/');
                if all {
                    self.pos += 1;
                }
                let pattern = self.nested_until(depth, '/');
                let replacement = self.nested_word(depth);
                match self.lookup(name, true) {
                    None => self.unknown(start),
                    Some(value) if pattern.is_empty() => Cow::Borrowed(value),
                    Some(value) if all => Cow::Owned(value.replace(&pattern, &replacement)),
                    Some(value) => Cow::Owned(value.replacen(&pattern, &replacement, 1)),
                }
            }
            // Another character, or the end of the word, which Go's scanner returns as EOF
            // and `string(EOF)` prints as U+FFFD.
            other => {
                let c = other.unwrap_or(char::REPLACEMENT_CHARACTER);
                self.out
                    .error
                    .get_or_insert_with(|| unsupported_modifier(&[c]));
                self.unknown(start)
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

/// One word of a line as the shell splits it: quotes and escapes are kept, so the word is
/// one contiguous slice of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawWord<'a> {
    /// The word as written, from its first char to its last, quotes and escapes included.
    pub text: &'a str,
    /// The word's byte offset in the line.
    pub start: usize,
    /// True when the word ends with an escape character that escapes nothing because the
    /// line ends there (BuildKit drops it; see [`RawWord::without_dangling_escape`]).
    pub dangling_escape: bool,
}

impl<'a> RawWord<'a> {
    /// The word's byte range in the line.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.start + self.text.len()
    }

    /// The word without its dangling escape, as BuildKit's `parseWords` keeps it; `None`
    /// when the escape was the whole word.
    pub fn without_dangling_escape(&self, escape: char) -> Option<&'a str> {
        let text = if self.dangling_escape {
            self.text.strip_suffix(escape).unwrap_or(self.text)
        } else {
            self.text
        };
        (!text.is_empty()).then_some(text)
    }
}

/// Splits `line` into words the way BuildKit's `parseWords` and its heredoc detection do:
/// whitespace outside quotes separates words; the escape character keeps the next char in
/// the word, outside quotes and inside double quotes; inside single quotes it is ordinary
/// text. Nothing is removed or expanded, and nothing is allocated.
pub fn words(line: &str, escape: char) -> Words<'_> {
    Words {
        line,
        pos: 0,
        escape,
    }
}

/// The iterator [`words`] returns.
#[derive(Clone, Debug)]
pub struct Words<'a> {
    line: &'a str,
    /// A byte offset into `line`, always on a char boundary.
    pos: usize,
    escape: char,
}

impl<'a> Iterator for Words<'a> {
    type Item = RawWord<'a>;

    fn next(&mut self) -> Option<RawWord<'a>> {
        if self.escape.is_ascii() {
            self.next_by_bytes()
        } else {
            self.next_by_chars()
        }
    }
}

/// The width in bytes of the UTF-8 character whose first byte is `lead`.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0x80..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
}

impl<'a> Words<'a> {
    /// [`Words::next`] with an ASCII escape (always, in a Dockerfile): byte by byte, with a
    /// character decoded only where a byte is not ASCII (to tell Unicode white space), so
    /// a long ENV or LABEL line costs a few instructions a byte. The same words as
    /// [`Words::next_by_chars`] (tested).
    fn next_by_bytes(&mut self) -> Option<RawWord<'a>> {
        let rest = self.line.get(self.pos..)?;
        let bytes = rest.as_bytes();
        let escape = self.escape as u8;
        let mut start: Option<usize> = None;
        let mut quote: Option<u8> = None;
        let mut dangling_escape = false;
        let mut end = rest.len();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let width = utf8_width(b);
            match quote {
                None => {
                    let white = if b < 0x80 {
                        b.is_ascii_whitespace() || b == 0x0b
                    } else {
                        rest.get(i..)
                            .and_then(|r| r.chars().next())
                            .is_some_and(char::is_whitespace)
                    };
                    if white {
                        if start.is_some() {
                            end = i;
                            break;
                        }
                    } else {
                        start.get_or_insert(i);
                        if b == b'\'' || b == b'"' {
                            quote = Some(b);
                        } else if b == escape {
                            // The escape keeps the next character, whatever it is.
                            let next = i + 1;
                            dangling_escape = next >= bytes.len();
                            i = next + bytes.get(next).map_or(0, |&n| utf8_width(n));
                            continue;
                        }
                    }
                }
                Some(q) => {
                    if b == q {
                        quote = None;
                    } else if b == escape && q == b'"' {
                        let next = i + 1;
                        dangling_escape = next >= bytes.len();
                        i = next + bytes.get(next).map_or(0, |&n| utf8_width(n));
                        continue;
                    }
                }
            }
            i += width;
        }
        self.word(rest, start, end, dangling_escape)
    }

    /// The word found at `start..end` of `rest` (the line from `pos`), and `pos` moved past
    /// it; none, and `pos` at the line's end, when no word started.
    fn word(
        &mut self,
        rest: &'a str,
        start: Option<usize>,
        end: usize,
        dangling_escape: bool,
    ) -> Option<RawWord<'a>> {
        let Some(start) = start else {
            self.pos = self.line.len();
            return None;
        };
        let base = self.pos;
        self.pos = base + end;
        Some(RawWord {
            text: rest.get(start..end).unwrap_or(""),
            start: base + start,
            dangling_escape,
        })
    }

    /// [`Words::next`] for any escape character, a character at a time.
    fn next_by_chars(&mut self) -> Option<RawWord<'a>> {
        let rest = self.line.get(self.pos..)?;
        let mut start: Option<usize> = None;
        let mut quote: Option<char> = None;
        let mut dangling_escape = false;
        let mut chars = rest.char_indices();
        let mut end = rest.len();
        while let Some((i, c)) = chars.next() {
            match quote {
                None if c.is_whitespace() => {
                    if start.is_some() {
                        end = i;
                        break;
                    }
                }
                None => {
                    start.get_or_insert(i);
                    if c == '\'' || c == '"' {
                        quote = Some(c);
                    } else if c == self.escape {
                        dangling_escape = chars.next().is_none();
                    }
                }
                Some(q) => {
                    if c == q {
                        quote = None;
                    } else if c == self.escape && q == '"' {
                        dangling_escape = chars.next().is_none();
                    }
                }
            }
        }
        self.word(rest, start, end, dangling_escape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lexer's errors in BuildKit's words and cases (moby/buildkit
    /// `frontend/dockerfile/shell/lex.go`: `processDollar`, `processName`,
    /// `processSingleQuote`, `processDoubleQuote`), and what is no error there.
    #[test]
    fn errors_are_buildkits() {
        let vars: Vec<(String, String)> = vec![("A".into(), "v".into())];
        let cases: [(&str, Option<&str>); 19] = [
            ("${", Some("syntax error: missing '}'")),
            ("${}", Some("syntax error: bad substitution")),
            ("${:-x}", Some("syntax error: bad substitution")),
            ("${{A}", Some("syntax error: bad substitution")),
            // Go's scanner returns EOF, which `string(ch)` prints as U+FFFD.
            (
                "${A",
                Some("unsupported modifier (\u{FFFD}) in substitution"),
            ),
            ("${A B}", Some("unsupported modifier ( ) in substitution")),
            ("${-x}", Some("unsupported modifier (x) in substitution")),
            ("${A:x}", Some("unsupported modifier (:x) in substitution")),
            ("${A:#x}", Some("unsupported modifier (:#) in substitution")),
            ("${A:%x}", Some("unsupported modifier (:%) in substitution")),
            ("${A:-x", Some("syntax error: missing '}'")),
            ("${A#x", Some("syntax error: missing '}'")),
            ("${A/x", Some("syntax error: missing '/' in ${}")),
            ("${A/x/y", Some("syntax error: missing '}'")),
            (
                "it's",
                Some("unexpected end of statement while looking for matching single-quote"),
            ),
            (
                "\"x",
                Some("unexpected end of statement while looking for matching double-quote"),
            ),
            // A run of digits is one positional parameter.
            ("${10}", None),
            ("${A:-x}${A#v}${A/v/w}$1x", None),
            ("\"it's\" 'a\"b'", None),
        ];
        for (word, want) in cases {
            let e = process_word(word, '\\', true, &vars, &mut Budget::default());
            assert_eq!(e.error.as_deref(), want, "for {word:?}");
        }
    }

    /// The words byte by byte equal the words char by char, on tricky lines and on many
    /// lines drawn from quotes, escapes, white space (ASCII and not) and other text.
    #[test]
    fn words_by_bytes_are_words_by_chars() {
        fn collect(line: &str, escape: char, bytes: bool) -> Vec<(usize, &str, bool)> {
            let mut w = words(line, escape);
            let mut out = Vec::new();
            while let Some(x) = if bytes {
                w.next_by_bytes()
            } else {
                w.next_by_chars()
            } {
                out.push((x.start, x.text, x.dangling_escape));
            }
            out
        }
        let pieces = [
            "a",
            "é",
            " ",
            "\t",
            "\u{a0}",
            "\u{2028}",
            "\u{b}",
            "'",
            "\"",
            "\\",
            "`",
            "=",
            "x y",
            "\u{1f600}",
            "\n",
            "\r",
        ];
        let mut lines: Vec<String> = vec![
            String::new(),
            "a\\".into(),
            "\\é b".into(),
            "\"a\\".into(),
            "'a\\' b\\ \\".into(),
        ];
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut line = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 60) as usize;
            for k in 0..len {
                let pick = (seed >> (k * 4 % 56)) as usize % pieces.len();
                line.push_str(pieces[pick]);
            }
            lines.push(line);
        }
        for line in &lines {
            for escape in ['\\', '`'] {
                assert_eq!(
                    collect(line, escape, true),
                    collect(line, escape, false),
                    "{line:?} {escape:?}"
                );
            }
        }
    }

    fn split(line: &str, escape: char) -> Vec<(usize, &str)> {
        words(line, escape).map(|w| (w.start, w.text)).collect()
    }

    #[test]
    fn words_keep_quotes_and_escapes() {
        assert_eq!(
            split(" a 'b c'\t\"d\\\" e\" f\\ g", '\\'),
            vec![(1, "a"), (3, "'b c'"), (9, "\"d\\\" e\""), (17, "f\\ g")]
        );
        // Inside single quotes the escape is ordinary text.
        assert_eq!(split("'a\\' b", '\\'), vec![(0, "'a\\'"), (5, "b")]);
        // An unterminated quote runs to the end of the line.
        assert_eq!(split("x \"y z", '\\'), vec![(0, "x"), (2, "\"y z")]);
        // The backtick escape of `# escape=`` `.
        assert_eq!(
            split("a` b c\\ d", '`'),
            vec![(0, "a` b"), (5, "c\\"), (8, "d")]
        );
        assert_eq!(split("é ü", '\\'), vec![(0, "é"), (3, "ü")]);
        assert!(split(" \t ", '\\').is_empty());
    }

    #[test]
    fn a_dangling_escape_is_marked() {
        let w: Vec<RawWord> = words("a b\\", '\\').collect();
        assert_eq!(w.len(), 2);
        assert!(!w[0].dangling_escape);
        assert!(w[1].dangling_escape);
        assert_eq!(w[1].span(), 2..4);
        assert_eq!(w[1].without_dangling_escape('\\'), Some("b"));
        let lone = words("a \\", '\\').nth(1);
        assert_eq!(lone.and_then(|w| w.without_dangling_escape('\\')), None);
        let quoted = words("\"a\\", '\\').next();
        assert_eq!(
            quoted.and_then(|w| w.without_dangling_escape('\\')),
            Some("\"a")
        );
    }
}
