//! A compact binary form of [`Analysis`], for the page: its worker analyses and sends the
//! result as bytes, and the page decodes them. Hand-written rather than serde's, because the
//! page's wasm pays for every decoder it links: serde's derived `Deserialize` costs 1–2 KB a
//! type, and the core's `Serialize` (the CLI's JSON, with internally tagged enums and skipped
//! fields) cannot be read back by a compact non-self-describing format anyway
//! (docs/performance.md, "Page size").
//!
//! The format: every field in declaration order; unsigned integers as LEB128 varints, a
//! `bool` or an enum's variant as one byte, strings as their length then their UTF-8 bytes,
//! `Option` as a byte (0 or 1) then the value, lists as their length then the items. Both
//! sides are this file, built from the same source, so there is no version to check: a
//! decoder that meets anything else returns `None`.

use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::Analysis;
use crate::check::{CheckConfig, CheckSource, Checks};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::expand::ExpandedInstruction;
use crate::failure::{Failure, Phase};
use crate::files::context::{BuildContext, ContextFile, InputProblem};
use crate::files::{
    Effect, EffectNote, FileEntry, FileFlow, FileKind, FinalImage, LeftBehindStage, Provenance,
    SizeSummary, StageFs,
};
use crate::graph::{Edge, EdgeKind, Node};
use crate::parse::{Directive, Flag, Heredoc, Instruction, KeyValue, Keyword, Mount, Word};
use crate::plan::{Builder, Skipped, TargetPlan};
use crate::scope::GlobalArgs;
use crate::span::Span;
use crate::stages::{Base, Stage};

/// The analysis as bytes ([`decode`] reads them back).
pub fn encode(analysis: &Analysis) -> Vec<u8> {
    let mut out = Writer {
        bytes: Vec::with_capacity(4096),
        shared: FxHashMap::default(),
    };
    analysis.put(&mut out);
    out.bytes
}

/// The bytes written so far, and the file entries already written: the stages' filesystems
/// share most of their `Rc<FileEntry>`s (a 2 060-stage file holds 50 000 of them, 2 325
/// distinct), so each is written once and then referred to by its number.
pub struct Writer {
    bytes: Vec<u8>,
    shared: FxHashMap<*const FileEntry, usize>,
}

impl Writer {
    fn push(&mut self, b: u8) {
        self.bytes.push(b);
    }

    fn extend_from_slice(&mut self, b: &[u8]) {
        self.bytes.extend_from_slice(b);
    }
}

/// Reads what [`encode`] wrote; `None` for anything else (cut short, trailing bytes, a bad
/// variant or string).
pub fn decode(bytes: &[u8]) -> Option<Analysis> {
    let mut r = Reader {
        bytes,
        shared: Vec::new(),
    };
    let a = Analysis::take(&mut r)?;
    r.bytes.is_empty().then_some(a)
}

/// The bytes not read yet, and the file entries read so far (see [`Writer`]).
pub struct Reader<'a> {
    bytes: &'a [u8],
    shared: Vec<Rc<FileEntry>>,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn slice(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }
}

/// A value the page receives from its worker.
pub trait Wire: Sized {
    fn put(&self, out: &mut Writer);
    fn take(r: &mut Reader<'_>) -> Option<Self>;
}

fn put_varint(mut v: u64, out: &mut Writer) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl Wire for u64 {
    fn put(&self, out: &mut Writer) {
        put_varint(*self, out)
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.varint()
    }
}

impl Wire for usize {
    fn put(&self, out: &mut Writer) {
        put_varint(*self as u64, out)
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.len()
    }
}

impl Wire for u32 {
    fn put(&self, out: &mut Writer) {
        put_varint(u64::from(*self), out)
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        u32::try_from(r.varint()?).ok()
    }
}

impl Wire for bool {
    fn put(&self, out: &mut Writer) {
        out.push(u8::from(*self))
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Wire for char {
    fn put(&self, out: &mut Writer) {
        put_varint(u64::from(*self), out)
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        char::from_u32(u32::take(r)?)
    }
}

impl Wire for String {
    fn put(&self, out: &mut Writer) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        let bytes = r.slice(n)?;
        std::str::from_utf8(bytes).ok().map(str::to_string)
    }
}

thread_local! {
    /// The distinct `&'static str` values decoded so far (rule names, input names): a few
    /// dozen at most, since the core writes only its own constants into these fields.
    static INTERNED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// The core's `&'static str` fields hold its own constants (rule names and the like); the
/// decoder gives each distinct text one leaked copy, so their number stays bounded.
impl Wire for &'static str {
    fn put(&self, out: &mut Writer) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        let text = std::str::from_utf8(r.slice(n)?).ok()?;
        Some(INTERNED.with(|i| {
            let mut i = i.borrow_mut();
            match i.iter().find(|s| **s == text) {
                Some(s) => *s,
                None => {
                    let s: &'static str = Box::leak(text.into());
                    i.push(s);
                    s
                }
            }
        }))
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, out: &mut Writer) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => Some(Some(T::take(r)?)),
            _ => None,
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, out: &mut Writer) {
        self.len().put(out);
        for v in self {
            v.put(out);
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        // Every item takes at least one byte: a bad length cannot make a huge allocation.
        let mut v = Vec::with_capacity(n.min(r.bytes.len()));
        for _ in 0..n {
            v.push(T::take(r)?);
        }
        Some(v)
    }
}

impl<T: Wire> Wire for Box<T> {
    fn put(&self, out: &mut Writer) {
        (**self).put(out)
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        T::take(r).map(Box::new)
    }
}

/// 0 then the entry the first time, then its number plus one.
impl Wire for Rc<FileEntry> {
    fn put(&self, out: &mut Writer) {
        let next = out.shared.len();
        match out.shared.entry(Rc::as_ptr(self)) {
            Entry::Occupied(n) => (*n.get() + 1).put(out),
            Entry::Vacant(v) => {
                v.insert(next);
                out.push(0);
                (**self).put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.len()? {
            0 => {
                let e = Rc::new(FileEntry::take(r)?);
                r.shared.push(e.clone());
                Some(e)
            }
            n => r.shared.get(n - 1).cloned(),
        }
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn put(&self, out: &mut Writer) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::take(r)?, B::take(r)?))
    }
}

/// A struct, field by field. The destructuring without `..` and the struct literal make
/// the compiler reject a list that misses a field.
macro_rules! wire_struct {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Wire for $t {
            fn put(&self, out: &mut Writer) {
                let $t { $($f),* } = self;
                $( $f.put(out); )*
            }
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                Some($t { $($f: Wire::take(r)?),* })
            }
        }
    };
}

/// An enum: each variant's number, then its fields. The `match` makes the compiler reject a
/// list that misses a variant.
macro_rules! wire_enum {
    ($t:ident { $($n:literal => $v:ident $({ $($f:ident),* })?),* $(,)? }) => {
        impl Wire for $t {
            fn put(&self, out: &mut Writer) {
                match self {
                    $( $t::$v $({ $($f),* })? => {
                        out.push($n);
                        $($( $f.put(out); )*)?
                    } )*
                }
            }
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                match r.byte()? {
                    $( $n => Some($t::$v $({ $($f: Wire::take(r)?),* })?), )*
                    _ => None,
                }
            }
        }
    };
}

/// Field by field, in the order [`Parts`] reads them back.
impl Wire for Analysis {
    fn put(&self, out: &mut Writer) {
        let Analysis {
            directives,
            escape,
            instructions,
            expanded,
            globals,
            stages,
            edges,
            on_cycle,
            plan,
            other_plan,
            files,
            checks,
            diagnostics,
        } = self;
        directives.put(out);
        escape.put(out);
        instructions.put(out);
        expanded.put(out);
        globals.put(out);
        stages.put(out);
        edges.put(out);
        on_cycle.put(out);
        plan.put(out);
        other_plan.put(out);
        files.put(out);
        checks.put(out);
        diagnostics.put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let mut parts = Parts::default();
        parts.read(r, usize::MAX)?.then(|| parts.into_analysis())
    }
}

/// An analysis decoded a slice at a time, so that the page lets the browser handle input
/// and paint between slices: decoding the analysis of 10,000 stages at once held the
/// page's main thread for about 45 ms (docs/budgets.md, "Large inputs").
pub struct Decoding {
    bytes: Vec<u8>,
    /// How many of `bytes` are read.
    at: usize,
    shared: Vec<Rc<FileEntry>>,
    parts: Parts,
}

/// What [`Decoding::step`] found: bytes [`encode`] did not write.
#[derive(Debug, PartialEq, Eq)]
pub struct Malformed;

impl Decoding {
    pub fn new(bytes: Vec<u8>) -> Self {
        Decoding {
            bytes,
            at: 0,
            shared: Vec::new(),
            parts: Parts::default(),
        }
    }

    /// Reads about `items` more: an item of a list, or a whole field that is not a list
    /// (the analysis's lists of instructions, stages, edges, filesystems and diagnostics
    /// grow with the file; its other fields do not). The analysis once it is all read.
    pub fn step(&mut self, items: usize) -> Result<Option<Analysis>, Malformed> {
        let Decoding {
            bytes,
            at,
            shared,
            parts,
        } = self;
        let mut r = Reader {
            bytes: bytes.get(*at..).unwrap_or_default(),
            shared: std::mem::take(shared),
        };
        let read = parts.read(&mut r, items.max(1));
        *at = bytes.len() - r.bytes.len();
        *shared = r.shared;
        match read {
            None => Err(Malformed),
            Some(false) => Ok(None),
            Some(true) if *at == bytes.len() => Ok(Some(std::mem::take(parts).into_analysis())),
            Some(true) => Err(Malformed),
        }
    }
}

/// The fields of an analysis read so far: `next` is the one to read, and `left` how many
/// items of it are still to read when it is a list that was begun.
#[derive(Default)]
struct Parts {
    next: usize,
    left: Option<usize>,
    directives: Vec<Directive>,
    escape: char,
    instructions: Vec<Instruction>,
    expanded: Vec<ExpandedInstruction>,
    globals: GlobalArgs,
    stages: Vec<Stage>,
    edges: Vec<Edge>,
    on_cycle: Vec<bool>,
    plan: TargetPlan,
    other_plan: TargetPlan,
    /// `files.stages`, read item by item before the rest of `files`.
    file_stages: Vec<StageFs>,
    files: FileFlow,
    checks: Checks,
    diagnostics: Vec<Diagnostic>,
}

impl Parts {
    /// Reads fields until about `items` are read (see [`Decoding::step`]): `Some(true)` once
    /// every field is, `None` for bytes that are not an analysis.
    fn read(&mut self, r: &mut Reader<'_>, mut items: usize) -> Option<bool> {
        while items > 0 {
            let finished = match self.next {
                0 => replace(&mut self.directives, r)?,
                1 => replace(&mut self.escape, r)?,
                2 => list(&mut self.instructions, &mut self.left, r, &mut items)?,
                3 => list(&mut self.expanded, &mut self.left, r, &mut items)?,
                4 => replace(&mut self.globals, r)?,
                5 => list(&mut self.stages, &mut self.left, r, &mut items)?,
                6 => list(&mut self.edges, &mut self.left, r, &mut items)?,
                7 => replace(&mut self.on_cycle, r)?,
                8 => replace(&mut self.plan, r)?,
                9 => replace(&mut self.other_plan, r)?,
                10 => list(&mut self.file_stages, &mut self.left, r, &mut items)?,
                11 => {
                    let stages = std::mem::take(&mut self.file_stages);
                    self.files = take_file_flow(stages, r)?;
                    true
                }
                12 => replace(&mut self.checks, r)?,
                13 => list(&mut self.diagnostics, &mut self.left, r, &mut items)?,
                _ => return Some(true),
            };
            if !finished {
                return Some(false);
            }
            self.next += 1;
            items = items.saturating_sub(1);
        }
        Some(self.next > 13)
    }

    /// The struct literal makes the compiler reject a field of `Analysis` left out here.
    fn into_analysis(self) -> Analysis {
        Analysis {
            directives: self.directives,
            escape: self.escape,
            instructions: self.instructions,
            expanded: self.expanded,
            globals: self.globals,
            stages: self.stages,
            edges: self.edges,
            on_cycle: self.on_cycle,
            plan: self.plan,
            other_plan: self.other_plan,
            files: self.files,
            checks: self.checks,
            diagnostics: self.diagnostics,
        }
    }
}

/// Reads a whole field into `slot`.
fn replace<T: Wire>(slot: &mut T, r: &mut Reader<'_>) -> Option<bool> {
    *slot = T::take(r)?;
    Some(true)
}

/// Reads up to `items` more items of a list into `v` (its length first, when `left` says
/// it is not begun): whether the list is finished.
fn list<T: Wire>(
    v: &mut Vec<T>,
    left: &mut Option<usize>,
    r: &mut Reader<'_>,
    items: &mut usize,
) -> Option<bool> {
    let n = match *left {
        Some(n) => n,
        None => {
            let n = r.len()?;
            // Every item takes at least one byte: a bad length cannot make a huge allocation.
            v.reserve(n.min(r.bytes.len()));
            n
        }
    };
    let k = n.min(*items);
    for _ in 0..k {
        v.push(T::take(r)?);
    }
    *items -= k;
    *left = (k < n).then_some(n - k);
    Some(k == n)
}
wire_struct!(Span { start, end });
wire_struct!(Directive {
    name,
    value,
    span,
    value_span
});
wire_struct!(Instruction {
    keyword,
    keyword_span,
    span,
    flags,
    args,
    exec_form,
    heredocs,
    stage_name,
    as_span,
    trigger,
    mounts,
    pairs,
});
wire_enum!(Keyword {
    0 => Add,
    1 => Arg,
    2 => Cmd,
    3 => Copy,
    4 => Entrypoint,
    5 => Env,
    6 => Expose,
    7 => From,
    8 => Healthcheck,
    9 => Label,
    10 => Maintainer,
    11 => Onbuild,
    12 => Run,
    13 => Shell,
    14 => Stopsignal,
    15 => User,
    16 => Volume,
    17 => Workdir,
});
wire_struct!(Flag {
    name,
    value,
    span,
    name_span,
    value_span
});
wire_struct!(Word { value, span });
wire_struct!(Heredoc {
    name,
    body,
    expand,
    strip_tabs,
    span,
    marker_span
});
wire_struct!(Mount {
    kind,
    target,
    source,
    from,
    id,
    readonly,
    span,
    from_span
});
wire_struct!(KeyValue {
    key,
    value,
    key_span,
    span,
    legacy
});
wire_struct!(ExpandedInstruction {
    stage,
    args,
    flags,
    pairs,
    heredocs,
    undefined,
    errors,
    required,
    truncated,
});

/// Its lookup indexes are rebuilt, not sent.
impl Wire for GlobalArgs {
    fn put(&self, out: &mut Writer) {
        self.values.put(out);
        self.declared.put(out);
        self.overridden.put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some(GlobalArgs::from_parts(
            Wire::take(r)?,
            Wire::take(r)?,
            Wire::take(r)?,
        ))
    }
}

wire_struct!(Stage {
    index,
    name,
    base,
    base_text,
    base_span,
    name_span,
    from_instruction,
    instructions,
    span,
    platform,
});
wire_enum!(Base {
    0 => Image { name },
    1 => Stage { stage },
    2 => Scratch,
});
wire_struct!(Edge {
    from,
    to,
    kind,
    instruction,
    span,
    paths,
    onbuild
});
wire_enum!(Node {
    0 => Stage { stage },
    1 => Image { name },
});
wire_enum!(EdgeKind {
    0 => From,
    1 => Copy,
    2 => Mount,
});
wire_struct!(TargetPlan {
    builder,
    target,
    built,
    waves,
    skipped,
    failure
});
wire_enum!(Builder {
    0 => BuildKit,
    1 => Legacy,
});
wire_struct!(Skipped { stage, reason });
wire_struct!(Failure {
    rule,
    message,
    span,
    line,
    stage,
    instruction,
    phase
});
wire_enum!(Phase {
    0 => Parse,
    1 => Instructions,
    2 => Stages,
    3 => Target,
    4 => Graph,
    5 => Dispatch,
    6 => Checks,
    7 => Solve,
});
/// Its stages, then the rest ([`Parts`] reads the stages item by item).
impl Wire for FileFlow {
    fn put(&self, out: &mut Writer) {
        let FileFlow {
            stages,
            final_image,
            left_behind,
            left_behind_stages,
            size,
            context_inferred,
            context,
            notes,
            capped,
            diagnostics,
        } = self;
        stages.put(out);
        final_image.put(out);
        left_behind.put(out);
        left_behind_stages.put(out);
        size.put(out);
        context_inferred.put(out);
        context.put(out);
        notes.put(out);
        capped.put(out);
        diagnostics.put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let stages = Wire::take(r)?;
        take_file_flow(stages, r)
    }
}

/// The fields of a [`FileFlow`] after its stages.
fn take_file_flow(stages: Vec<StageFs>, r: &mut Reader<'_>) -> Option<FileFlow> {
    Some(FileFlow {
        stages,
        final_image: Wire::take(r)?,
        left_behind: Wire::take(r)?,
        left_behind_stages: Wire::take(r)?,
        size: Wire::take(r)?,
        context_inferred: Wire::take(r)?,
        context: Wire::take(r)?,
        notes: Wire::take(r)?,
        capped: Wire::take(r)?,
        diagnostics: Wire::take(r)?,
    })
}
wire_struct!(StageFs {
    stage,
    entries,
    workdir,
    effects,
    size,
    layers_bytes,
    base_image,
    base_size,
    wasted,
    built,
});
wire_struct!(FileEntry {
    path,
    is_dir,
    size,
    provenance,
    note
});
wire_struct!(Provenance {
    stage,
    instruction,
    span,
    kind,
    line,
    origin_stage,
    origin_instruction,
    origin_kind,
    origin_line,
    origin_path,
    label,
});
wire_enum!(FileKind {
    0 => Base,
    1 => Context,
    2 => CopyFromStage,
    3 => CopyFromImage,
    4 => Run,
    5 => Inferred,
    6 => Heredoc,
    7 => Download,
    8 => Workdir,
});
wire_struct!(Effect {
    instruction,
    stage,
    line,
    label,
    added,
    added_count,
    removed,
    removed_count,
    layer_bytes,
    wasted_bytes,
    notes,
});
wire_enum!(EffectNote {
    0 => StartsFromStage { stage },
    1 => BaseStageNotSimulated,
    2 => Scratch,
    3 => BaseImage { image, size },
    4 => ReferenceHasVariable,
    5 => PinnedByDigest,
    6 => PlatformNotInCatalogue { platform },
    7 => SizesForAmd64 { platform },
    8 => OnbuildTriggers { count },
    9 => Onbuild,
    10 => WorkdirTooLong { max, kept },
    11 => WrittenToMount { path, kind, target },
    12 => CacheMount { target },
    13 => RunUnknown,
    14 => ScriptTruncated,
    15 => FlagHonoured { flag },
    16 => CopyTakesNoUrl { src },
    17 => OutsideContext { src },
    18 => InvalidPattern { src },
    19 => WholeContext,
    20 => ExcludedByDockerignore { src, line },
    21 => NotInContext { src },
    22 => FromLaterStage { from },
    23 => Archive { path, note },
    24 => MatchBudgetSpent { src, max },
});

wire_struct!(FinalImage {
    stage,
    base,
    base_size,
    base_size_label,
    base_source,
    base_paths,
    files,
    wasted,
});
wire_struct!(LeftBehindStage {
    stage,
    name,
    base,
    base_size,
    bytes,
    paths
});
wire_struct!(SizeSummary {
    estimate,
    final_bytes,
    final_known_bytes,
    build_stage,
    build_stage_bytes,
    saving_percent,
    by_origin,
    summary,
});
wire_struct!(BuildContext {
    files,
    ignored,
    inferred,
    problems,
    refused,
    truncated
});
wire_struct!(ContextFile {
    path,
    size,
    is_dir,
    link
});
wire_struct!(InputProblem {
    input,
    line,
    message
});
wire_struct!(Checks {
    source,
    config,
    skipped,
    experimental,
    unknown,
    hidden,
    invalid,
    legacy,
});
wire_enum!(CheckSource {
    0 => Default,
    1 => Directive { span },
    2 => BuildArg,
});
wire_struct!(CheckConfig {
    skip_all,
    skip,
    experimental_all,
    experimental,
    error
});
wire_struct!(Diagnostic {
    rule,
    severity,
    message,
    span,
    fix
});
wire_enum!(Severity {
    0 => Error,
    1 => Warning,
    2 => Info,
});
wire_struct!(Fix {
    title,
    edits,
    target
});
wire_struct!(Edit { span, text });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, analyze};

    #[test]
    fn decode_inverts_encode() {
        let text = "# check=skip=JSONArgsRecommended\nARG V=1\nFROM alpine:${V} AS base\nRUN --mount=type=cache,target=/c echo é > /x\nCOPY <<EOF /y\nhi\nEOF\nONBUILD RUN x\nFROM base AS test\nCOPY --from=base /x /\nFROM scratch\nCOPY --from=nope /a /\nCMD echo\n";
        let a = analyze(text, &Options::default());
        assert_eq!(decode(&encode(&a)), Some(a));
    }

    #[test]
    fn anything_else_decodes_to_none_without_a_panic() {
        let a = analyze("FROM alpine\nRUN echo hi\n", &Options::default());
        let bytes = encode(&a);
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        assert_eq!(decode(&[0xff; 64]), None);
    }
}
