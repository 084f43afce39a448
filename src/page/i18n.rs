//! The page's messages: a reader of the subset of Project Fluent's syntax the page's message
//! files use (`static/i18n/*.ftl`), plural rules for English and Korean, and lookups that fall
//! back to the built-in English, so a key is never shown. Why not the `fluent-bundle` crate:
//! measured at about 61 KB gzip of wasm for the page's needs (docs/i18n.md).
//!
//! The subset: `key = pattern` messages and `-term = pattern` terms, patterns continued on
//! indented lines, `#` comments, and placeables: `{ $arg }`, `{ "literal" }`, `{ -term }`, and
//! one level of selection, `{ $n -> [one] … *[other] … }`, each variant on its own line, chosen by
//! an exact value first, then by the number's plural category (English `one`/`other`; Korean
//! has only `other`). Korean particles after a name (은/는, 이/가) are avoided by phrasing: the
//! messages put a noun (스테이지, 파일) after the name, never a particle (docs/i18n.md).
//!
//! Pure and never panics: a malformed pattern prints what it can and the tests catch it.

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::OnceLock;

use super::lang::Lang;

/// The English messages, built into the page: the language every other one falls back to.
pub const ENGLISH_FTL: &str = include_str!("../../static/i18n/en.ftl");

/// Where the page fetches a language's messages, relative to the page (Trunk copies
/// `static/i18n/` to `dist/i18n/`). English is built in.
pub fn pack_path(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Ko => Some("i18n/ko.ftl"),
    }
}

/// The messages of one language: keys and their patterns, sorted by key.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    entries: Vec<(Box<str>, Box<str>)>,
}

/// A line of a message file that is neither a message, a continuation, a comment nor blank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
}

impl Catalog {
    /// Reads a message file. Lines it cannot read are reported and skipped.
    pub fn parse(src: &str) -> (Catalog, Vec<SyntaxError>) {
        let mut entries: Vec<(Box<str>, String)> = Vec::new();
        let mut errors = Vec::new();
        let mut open = false;
        for (n, line) in src.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            // A select expression's closing brace may start its line, as in Fluent.
            if line.starts_with(' ') || line.starts_with('}') {
                match entries.last_mut().filter(|_| open) {
                    Some((_, value)) => {
                        if !value.is_empty() {
                            value.push('\n');
                        }
                        value.push_str(line.trim());
                    }
                    None => errors.push(SyntaxError { line: n + 1 }),
                }
                continue;
            }
            open = false;
            if line.starts_with('#') {
                continue;
            }
            match line.split_once('=') {
                Some((key, value)) if is_identifier(key.trim_end()) => {
                    entries.push((key.trim_end().into(), value.trim().to_string()));
                    open = true;
                }
                _ => errors.push(SyntaxError { line: n + 1 }),
            }
        }
        let mut entries: Vec<(Box<str>, Box<str>)> = entries
            .into_iter()
            .map(|(k, v)| (k, v.into_boxed_str()))
            .collect();
        // A later definition of a key wins, as in Fluent.
        entries.reverse();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|a, b| a.0 == b.0);
        (Catalog { entries }, errors)
    }

    /// The pattern of `key`, unformatted.
    pub fn pattern(&self, key: &str) -> Option<&str> {
        self.entries
            .binary_search_by(|(k, _)| (**k).cmp(key))
            .ok()
            .map(|i| &*self.entries[i].1)
    }

    /// Every key, in order (messages and `-terms`).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| &**k)
    }
}

fn is_identifier(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The built-in English catalog, read once.
pub fn english() -> &'static Catalog {
    static ENGLISH: OnceLock<Catalog> = OnceLock::new();
    ENGLISH.get_or_init(|| Catalog::parse(ENGLISH_FTL).0)
}

/// A value a message is formatted with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(s)
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(s)
    }
}
impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Num(n.into())
    }
}
impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

/// The plural category of `n` in `lang` (CLDR: English `one` for exactly 1, Korean none).
pub fn plural_category(lang: Lang, n: i64) -> &'static str {
    match lang {
        Lang::En if n == 1 => "one",
        _ => "other",
    }
}

/// The page's messages in one language: that language's pack when it has arrived, English for
/// anything it lacks (and for English itself). Compared by language and pack pointer.
#[derive(Clone, Debug, Default)]
pub struct Messages {
    lang: Lang,
    pack: Option<Rc<Catalog>>,
}

impl PartialEq for Messages {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && match (&self.pack, &other.pack) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl Messages {
    /// English, built in.
    pub fn english() -> Messages {
        Messages::default()
    }

    /// `lang`'s messages from its pack (`None` while it loads or when it failed: English
    /// is shown meanwhile).
    pub fn new(lang: Lang, pack: Option<Rc<Catalog>>) -> Messages {
        match pack {
            Some(pack) if lang != Lang::En => Messages {
                lang,
                pack: Some(pack),
            },
            _ => Messages::english(),
        }
    }

    /// The language the messages are shown in (English until a pack has arrived).
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message without arguments.
    pub fn t(&self, key: &str) -> String {
        self.f(key, &[])
    }

    /// A message formatted with named arguments.
    pub fn f(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let (lang, catalog, pattern) = self.find(key);
        let mut out = String::new();
        format_pattern(
            pattern,
            &Ctx {
                lang,
                catalog,
                args,
            },
            0,
            &mut out,
        );
        out
    }

    /// A message whose English is a text built in elsewhere (an example's note, a rule's
    /// explanation, a reference entry): this language's pack when it has `key`, else
    /// `english`, so the English is not stored twice in the wasm.
    pub fn t_or(&self, key: &str, english: &str) -> String {
        let Some((pack, pattern)) = self
            .pack
            .as_deref()
            .and_then(|p| Some((p, p.pattern(key)?)))
        else {
            return english.to_string();
        };
        let mut out = String::new();
        let ctx = Ctx {
            lang: self.lang,
            catalog: pack,
            args: &[],
        };
        format_pattern(pattern, &ctx, 0, &mut out);
        out
    }

    /// Whether `key` has a message (in this language or in English).
    pub fn has(&self, key: &str) -> bool {
        self.pack.as_ref().and_then(|p| p.pattern(key)).is_some()
            || english().pattern(key).is_some()
    }

    fn find<'s>(&'s self, key: &'s str) -> (Lang, &'s Catalog, &'s str) {
        if let Some(pack) = &self.pack
            && let Some(p) = pack.pattern(key)
        {
            return (self.lang, pack, p);
        }
        match english().pattern(key) {
            Some(p) => (Lang::En, english(), p),
            // A missing key shows itself: the tests see to it that none is.
            None => (Lang::En, english(), key),
        }
    }
}

struct Ctx<'a> {
    lang: Lang,
    catalog: &'a Catalog,
    args: &'a [(&'a str, Arg<'a>)],
}

impl Ctx<'_> {
    fn arg(&self, name: &str) -> Option<Arg<'_>> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
    }
}

/// Deeper placeables (a term inside a variant inside a term) are printed as written: the page's
/// messages need two levels, and the bound keeps any file's work linear.
const MAX_DEPTH: usize = 3;

fn format_pattern(pattern: &str, ctx: &Ctx, depth: usize, out: &mut String) {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(len) = placeable_len(after) else {
            out.push_str(&rest[open..]);
            return;
        };
        format_placeable(&after[..len], ctx, depth, out);
        rest = &after[len + 1..];
    }
    out.push_str(rest);
}

/// The length of a placeable's inside, up to its matching `}` (string literals may hold braces).
fn placeable_len(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '{' if !in_string => depth += 1,
            '}' if !in_string => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

fn format_placeable(inner: &str, ctx: &Ctx, depth: usize, out: &mut String) {
    let inner = inner.trim();
    if depth >= MAX_DEPTH {
        out.push_str(inner);
        return;
    }
    if let Some((selector, variants)) = inner.split_once("->") {
        let pattern = select(selector.trim(), variants, ctx);
        format_pattern(pattern, ctx, depth + 1, out);
    } else if let Some(lit) = inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        out.push_str(lit);
    } else if let Some(name) = inner.strip_prefix('$') {
        match ctx.arg(name) {
            Some(Arg::Str(s)) => out.push_str(s),
            Some(Arg::Num(n)) => out.push_str(&n.to_string()),
            None => {
                out.push_str("{$");
                out.push_str(name);
                out.push('}');
            }
        }
    } else {
        match ctx
            .catalog
            .pattern(inner)
            .or_else(|| english().pattern(inner))
        {
            Some(p) => format_pattern(p, ctx, depth + 1, out),
            None => out.push_str(inner),
        }
    }
}

/// The variant `selector` picks from `variants` (`[key] pattern` lines, one `*[key]` default).
fn select<'v>(selector: &str, variants: &'v str, ctx: &Ctx) -> &'v str {
    let value = selector.strip_prefix('$').and_then(|n| ctx.arg(n));
    let (exact, category): (Cow<str>, &str) = match value {
        Some(Arg::Num(n)) => (n.to_string().into(), plural_category(ctx.lang, n)),
        Some(Arg::Str(s)) => (s.into(), ""),
        None => ("".into(), ""),
    };
    let mut default = "";
    let mut by_category = None;
    for (key, pattern, is_default) in variants_of(variants) {
        if key == exact {
            return pattern;
        }
        if key == category && by_category.is_none() {
            by_category = Some(pattern);
        }
        if is_default {
            default = pattern;
        }
    }
    by_category.unwrap_or(default)
}

/// The variants of a select expression: key, pattern, whether it is the default. A variant
/// starts on a new line with `[key]` or `*[key]`; its pattern runs to the next one.
fn variants_of(s: &str) -> impl Iterator<Item = (&str, &str, bool)> {
    let mut starts: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in s.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') || t.starts_with("*[") {
            starts.push(offset + (line.len() - t.len()));
        }
        offset += line.len();
    }
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([s.len()]).collect();
    starts.into_iter().zip(ends).filter_map(move |(a, b)| {
        let v = s.get(a..b)?;
        let is_default = v.starts_with('*');
        let v = v.trim_start_matches('*').strip_prefix('[')?;
        let (key, pattern) = v.split_once(']')?;
        Some((key.trim(), pattern.trim(), is_default))
    })
}

/// The `$arguments` a pattern uses, sorted and without duplicates (terms it references
/// included), for the test that every language's message takes the same ones. Only
/// placeables count: a `$` in the text (`$BUILDPLATFORM`) is text.
pub fn arguments(catalog: &Catalog, key: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = vec![(catalog.pattern(key).unwrap_or_default(), 0)];
    while let Some((pattern, depth)) = todo.pop() {
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(len) = placeable_len(after) else {
                break;
            };
            let inner = after[..len].trim();
            rest = &after[len + 1..];
            let (head, variants) = inner.split_once("->").unwrap_or((inner, ""));
            let head = head.trim();
            if let Some(name) = head.strip_prefix('$') {
                found.push(name.to_string());
            } else if head.starts_with('-')
                && depth < MAX_DEPTH
                && let Some(t) = catalog.pattern(head)
            {
                todo.push((t, depth + 1));
            }
            if depth < MAX_DEPTH {
                todo.extend(variants_of(variants).map(|(_, p, _)| (p, depth + 1)));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# A comment.
-stage = stage
hello = Hello, { $name }!
files = { $n ->
    [0] no files
    [one] one file
   *[other] { $n } files
}
braces = { \"${VAR}\" } expands
term = a { -stage } and a { -missing }
long = first line
    second line
oops
";

    fn ko(src: &str) -> Messages {
        Messages::new(Lang::Ko, Some(Rc::new(Catalog::parse(src).0)))
    }

    fn fmt(src: &str, lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
        let (c, _) = Catalog::parse(src);
        let mut out = String::new();
        format_pattern(
            c.pattern(key).unwrap_or(key),
            &Ctx {
                lang,
                catalog: &c,
                args,
            },
            0,
            &mut out,
        );
        out
    }

    #[test]
    fn arguments_terms_literals_and_continuations_are_formatted() {
        let e = |k, a: &[(&str, Arg)]| fmt(SAMPLE, Lang::En, k, a);
        assert_eq!(e("hello", &[("name", "빌더".into())]), "Hello, 빌더!");
        assert_eq!(e("braces", &[]), "${VAR} expands");
        assert_eq!(e("term", &[]), "a stage and a -missing");
        assert_eq!(e("long", &[]), "first line\nsecond line");
        assert_eq!(e("hello", &[]), "Hello, {$name}!");
    }

    #[test]
    fn plurals_pick_the_exact_value_then_the_languages_category() {
        let n = |lang, n: usize| fmt(SAMPLE, lang, "files", &[("n", n.into())]);
        assert_eq!(n(Lang::En, 0), "no files");
        assert_eq!(n(Lang::En, 1), "one file");
        assert_eq!(n(Lang::En, 2), "2 files");
        // Korean has no `one`: 1 takes the default variant.
        assert_eq!(n(Lang::Ko, 1), "1 files");
    }

    #[test]
    fn a_line_that_is_no_message_is_reported_and_the_rest_is_read() {
        let (c, errors) = Catalog::parse(SAMPLE);
        assert_eq!(errors, vec![SyntaxError { line: 13 }]);
        assert!(c.pattern("long").is_some());
        assert_eq!(
            arguments(&c, "files"),
            vec!["n".to_string()],
            "selector and variant arguments count once"
        );
    }

    #[test]
    fn a_key_missing_from_a_pack_falls_back_to_english_never_to_the_key() {
        let m = ko("tab-context = 빌드 컨텍스트\n");
        assert_eq!(m.t("tab-context"), "빌드 컨텍스트");
        assert_eq!(m.t("tab-dockerfile"), english_of("tab-dockerfile"));
        assert_eq!(Messages::new(Lang::Ko, None).lang(), Lang::En);
    }

    fn english_of(key: &str) -> String {
        Messages::english().t(key)
    }

    #[test]
    fn unbalanced_or_deep_placeables_print_without_panicking() {
        for src in [
            "a = { $x",
            "a = }{",
            "a = { -a }",
            "a = { $n ->\n}",
            "-a = { -a }",
        ] {
            let _ = fmt(src, Lang::En, "a", &[("n", 1usize.into())]);
            let _ = fmt(src, Lang::En, "-a", &[]);
        }
    }
}

/// Every language's messages against English's: the same keys, each with the same arguments.
#[cfg(test)]
mod packs {
    use super::*;

    const KOREAN_FTL: &str = include_str!("../../static/i18n/ko.ftl");

    #[test]
    fn every_message_file_reads_without_errors() {
        assert_eq!(Catalog::parse(ENGLISH_FTL).1, vec![], "en.ftl");
        assert_eq!(Catalog::parse(KOREAN_FTL).1, vec![], "ko.ftl");
    }

    /// The keys whose English is built in elsewhere (examples, rules, the reference).
    fn code_keys() -> Vec<String> {
        let mut keys = Vec::new();
        for ex in crate::page::examples::EXAMPLES {
            for part in ["title", "summary", "notice"] {
                keys.push(format!("example-{}-{part}", ex.id));
            }
        }
        for r in crate::analysis::lint::RULES {
            keys.push(format!("rule-{}", r.name));
        }
        for (name, _) in crate::analysis::lint::NOT_SIMULATED {
            keys.push(format!("not-simulated-{name}"));
        }
        keys.extend(
            crate::page::reference::all_entries()
                .iter()
                .map(crate::page::reference::message_key),
        );
        keys
    }

    #[test]
    fn every_english_message_has_a_korean_one_with_the_same_arguments_and_back() {
        let en = english();
        let (ko, _) = Catalog::parse(KOREAN_FTL);
        let code = code_keys();
        let mut missing: Vec<&str> = en.keys().filter(|k| ko.pattern(k).is_none()).collect();
        missing.extend(
            code.iter()
                .map(String::as_str)
                .filter(|k| ko.pattern(k).is_none()),
        );
        assert_eq!(missing, Vec::<&str>::new(), "not in ko.ftl");
        let extra: Vec<&str> = ko
            .keys()
            .filter(|k| en.pattern(k).is_none() && !code.iter().any(|c| c == k))
            .collect();
        assert_eq!(
            extra,
            Vec::<&str>::new(),
            "in ko.ftl, not in en.ftl nor built in"
        );
        for key in en.keys() {
            assert_eq!(
                arguments(en, key),
                arguments(&ko, key),
                "the arguments of {key}"
            );
        }
        for key in &code {
            assert_eq!(
                arguments(&ko, key),
                Vec::<String>::new(),
                "{key} takes none"
            );
        }
        // No built-in English is stored twice, and no key means two things.
        let dup: Vec<&String> = code.iter().filter(|k| en.pattern(k).is_some()).collect();
        assert_eq!(dup, Vec::<&String>::new(), "built in and in en.ftl");
    }
}
