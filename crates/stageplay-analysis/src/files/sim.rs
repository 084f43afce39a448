//! The simulator core: one stage's state while simulating, and the operations every
//! instruction shares (FROM, WORKDIR, ENV/ARG, inserting and removing paths, labels).

use std::collections::BTreeMap;
use std::ops::Bound;
use std::rc::Rc;

use crate::diagnostic::{Diagnostic, Rule};
use crate::graph::StageNames;
use crate::lexer::{Budget, Lookup};
use crate::parse::{Instruction, Keyword};
use crate::sort;
use crate::span::{LineIndex, Span, find_newline, shorten_in_place};
use crate::stages::{Base, Stage};

use super::context::{BuildContext, clean, join};
use super::images;
use super::view::{FlagView, View};
use super::{Effect, EffectNote, FileEntry, FileKind, MAX_LISTED, Provenance};

/// Linux's longest path (`PATH_MAX`, bytes): a WORKDIR past it is not simulated.
const PATH_MAX: usize = 4096;

/// One stage's state while simulating.
#[derive(Clone, Debug, Default)]
pub(super) struct StageState {
    /// Entries are shared (`Rc`): a `FROM stage` copies the map, not every entry.
    pub(super) files: BTreeMap<Rc<str>, Rc<FileEntry>>,
    pub(super) workdir: String,
    pub(super) effects: Vec<Effect>,
    pub(super) layers_bytes: u64,
    pub(super) base_image: Option<String>,
    pub(super) base_size: Option<u64>,
    pub(super) base_known: bool,
    /// Shared with the stages built FROM this one (only the target's are copied out).
    pub(super) base_paths: Rc<Vec<String>>,
    pub(super) base_source: Option<String>,
    pub(super) wasted: Vec<FileEntry>,
    /// Where this stage's RUNs write files Stageplay cannot name.
    pub(super) areas: Vec<OutputArea>,
    /// RUN instructions of this stage (and its FROM chain), with their text.
    pub(super) runs: Vec<RunRecord>,
    /// ARG/ENV values visible at the end of the stage, by name (a map, so that thousands of
    /// ENV lines stay linear). Shared strings: a stage built FROM another copies the map,
    /// not the text.
    pub(super) vars: Vars,
    /// Paths written under cache or bind mounts by this stage's RUNs (not persisted).
    pub(super) not_persisted: Vec<String>,
    /// True while the simulated paths are all the stage has: a `FROM scratch` chain with
    /// only known content (no RUN, no external image, no archive or download). Only then
    /// may the simulation say that a path is missing.
    pub(super) complete: bool,
    /// The SHELL in effect (`None`: `/bin/sh -c`).
    pub(super) shell: Option<Rc<[String]>>,
}

/// A directory where a RUN writes files whose names Stageplay cannot know (build output),
/// kept so that a later `COPY --from` can place a path there.
#[derive(Clone, Debug)]
pub(super) struct OutputArea {
    pub(super) dir: String,
    /// The RUN instruction that writes there.
    pub(super) instruction: usize,
    /// Estimated size of one output taken from the area.
    pub(super) size: Option<u64>,
}

/// A RUN of a stage or of its FROM chain, as `COPY --from` inference searches it.
#[derive(Clone, Debug)]
pub(super) struct RunRecord {
    pub(super) instruction: usize,
    /// The command and heredoc bodies (cut at 4 KB), shared with the stages built FROM
    /// this one.
    pub(super) text: Rc<str>,
    /// The stage that owns the RUN.
    pub(super) stage: usize,
    /// True when a command of the RUN was not recognised.
    pub(super) unknown: bool,
}

/// The ARG and ENV values visible in a stage: the latest definition of each name.
#[derive(Clone, Debug, Default)]
pub(super) struct Vars(BTreeMap<Rc<str>, Rc<str>>);

impl Vars {
    fn set(&mut self, name: &str, value: &str) {
        self.0.insert(Rc::from(name), Rc::from(value));
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// The RUN recognisers look a stage's variables up here without copying a value.
impl Lookup for Vars {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|value| &**value)
    }
}

/// The instruction being simulated: the context that every operation of one step shares
/// (its stage, its view, the stage's filesystem so far, and the effect being recorded).
pub(super) struct Step<'s> {
    /// The stage being built.
    pub(super) stage: usize,
    /// Index into the analysis's instructions.
    pub(super) instruction: usize,
    pub(super) view: &'s View<'s>,
    pub(super) st: &'s mut StageState,
    pub(super) effect: &'s mut Effect,
    /// Caveats, the effect's notes when the step ends.
    pub(super) notes: Vec<EffectNote>,
}

impl Step<'_> {
    /// Writes the collected caveats into the effect's notes (if there are any).
    pub(super) fn finish(self) {
        let mut notes = self.notes;
        if !notes.is_empty() {
            notes.dedup();
            self.effect.notes = notes;
        }
    }
}

/// The simulator: the analysis it reads, the build context, and the stages simulated so far.
pub(super) struct Sim<'a> {
    pub(super) views: &'a [View<'a>],
    pub(super) stages: &'a [Stage],
    /// Stage names → indexes, for `--from` (thousands of stages stay linear).
    pub(super) names: StageNames<'a>,
    pub(super) lines: &'a LineIndex,
    pub(super) ctx: BuildContext,
    pub(super) states: Vec<StageState>,
    pub(super) budget: usize,
    pub(super) capped: bool,
    /// Per instruction: the stage whose body holds it (one table, not a search per
    /// inferred path).
    pub(super) owners: Vec<Option<usize>>,
    /// RUN records, output areas, variables and hidden files that stages built FROM
    /// others may still copy (as many as [`super::MAX_PATHS`]).
    pub(super) records_budget: usize,
    /// True when `records_budget` ran out.
    pub(super) records_capped: bool,
    /// Candidate paths that wildcard sources may still test ([`super::MAX_MATCHES`]).
    pub(super) match_budget: usize,
    /// The parsed instructions, for the ONBUILD triggers a stage replays.
    pub(super) instructions: &'a [Instruction],
    /// The Dockerfile's escape character, for expanding the triggers.
    pub(super) escape: char,
    /// Triggers that may still be replayed ([`super::onbuild::MAX_REPLAYED`]).
    pub(super) onbuild_budget: usize,
    /// The expansion budget of the replayed triggers' words.
    pub(super) onbuild_words: Budget,
    /// While an ONBUILD trigger is replayed: its keyword and line, for the labels.
    pub(super) replaying: Option<(Keyword, usize)>,
    /// Per stage: true when the plan builds it (errors are reported only there).
    pub(super) built: Vec<bool>,
    /// Per stage: true once an error was reported (BuildKit stops the stage there).
    pub(super) failed: Vec<bool>,
    /// The errors that fail the build, found while simulating.
    pub(super) diagnostics: Vec<Diagnostic>,
    /// The archives of a real context (`None`: a listing, whose archives are unknown).
    pub(super) archives: Option<&'a [super::context::Archive]>,
    /// True under the legacy builder, whose errors read differently.
    pub(super) legacy: bool,
}

impl Sim<'_> {
    pub(super) fn line(&self, span: Span) -> usize {
        self.lines.line(span.start)
    }

    /// Appends the stage's display name (its `AS` name, else `stage-N`) without a copy.
    pub(super) fn push_stage_name(&self, out: &mut String, s: usize) {
        match self.stages.get(s).and_then(|st| st.name.as_deref()) {
            Some(n) => out.push_str(n),
            None => {
                out.push_str("stage-");
                push_num(out, s as u64);
            }
        }
    }

    pub(super) fn stage_name(&self, s: usize) -> String {
        let mut name = String::new();
        self.push_stage_name(&mut name, s);
        name
    }

    fn instruction_label(&self, i: usize) -> String {
        match self.views.get(i) {
            Some(v) => self.instruction_label_of(v),
            None => String::new(),
        }
    }

    /// "COPY --from=builder /wheels /wheels", cut at 80 bytes.
    pub(super) fn instruction_label_of(&self, v: &View) -> String {
        let kw = v.keyword.map_or("", Keyword::as_str);
        let mut s = String::with_capacity(96);
        s.push_str(kw);
        for &FlagView { name, value } in &v.flags {
            if name.eq_ignore_ascii_case("mount") {
                continue;
            }
            s.push_str(" --");
            s.push_str(name);
            if let Some(val) = value {
                s.push('=');
                s.push_str(val);
            }
        }
        // Heredoc markers not already written in the arguments (scanning a long RUN script
        // for `<<` only when the instruction has heredocs at all).
        let marked = !v.heredocs.is_empty() && v.args.iter().any(|a| a.contains("<<"));
        for (name, _) in v.heredocs.iter().filter(|_| !marked) {
            s.push_str(" <<");
            s.push_str(name);
        }
        for a in &v.args {
            if s.len() > 80 {
                break;
            }
            s.push(' ');
            let first = a.get(..find_newline(a).unwrap_or(a.len())).unwrap_or("");
            s.push_str(first.strip_suffix('\r').unwrap_or(first));
        }
        shorten_in_place(&mut s, 80);
        s
    }

    /// A new provenance for a path produced here.
    pub(super) fn prov(
        &self,
        stage: usize,
        i: Option<usize>,
        kind: FileKind,
        path: &str,
    ) -> Provenance {
        let mut prov = self.prov_unlabelled(stage, i, kind, path.to_string());
        self.push_own_label(&mut prov);
        prov
    }

    /// Writes the label of a path produced by `prov`'s own instruction: "RUN, line 3 (run)"
    /// (or "base of NAME"), without the formatting machinery (a hot path).
    pub(super) fn push_own_label(&self, prov: &mut Provenance) {
        let label = &mut prov.label;
        match prov.instruction {
            Some(_) if self.replaying.is_some() => {
                // A replayed trigger: "ONBUILD RUN, line 9, run at line 11 (run)".
                label.push_str("ONBUILD ");
                label.push_str(self.replaying.map_or("", |(k, _)| k.as_str()));
                self.push_line(label, prov.line);
                label.push_str(" (");
                label.push_str(prov.kind.label());
                label.push(')');
            }
            Some(i) => {
                label.push_str(self.keyword_of(i));
                label.push_str(", line ");
                push_num(label, prov.line as u64);
                label.push_str(" (");
                label.push_str(prov.kind.label());
                label.push(')');
            }
            None => {
                label.push_str("base of ");
                self.push_stage_name(label, prov.stage);
            }
        }
    }

    /// [`Sim::prov`] with an empty label (room reserved) and the given origin path, for
    /// callers that write their own label.
    pub(super) fn prov_unlabelled(
        &self,
        stage: usize,
        i: Option<usize>,
        kind: FileKind,
        origin_path: String,
    ) -> Provenance {
        let span = i
            .and_then(|i| self.views.get(i))
            .map_or(Span::default(), |v| v.span);
        let line = if i.is_some() { self.line(span) } else { 0 };
        Provenance {
            stage,
            instruction: i,
            span,
            kind,
            line,
            origin_stage: stage,
            origin_instruction: i,
            origin_kind: kind,
            origin_line: line,
            origin_path,
            label: String::with_capacity(40),
        }
    }

    /// Writes ", line 3" for an instruction at `line`, or, while an ONBUILD trigger is
    /// replayed there, ", line 8, run at line 11" (the trigger's line, then the FROM's).
    pub(super) fn push_line(&self, label: &mut String, line: usize) {
        label.push_str(", line ");
        if let Some((_, trigger)) = self.replaying {
            push_num(label, trigger as u64);
            label.push_str(", run at line ");
        }
        push_num(label, line as u64);
    }

    pub(super) fn keyword_of(&self, i: usize) -> &'static str {
        self.views
            .get(i)
            .and_then(|v| v.keyword)
            .map_or("", Keyword::as_str)
    }

    /// Reports an error that fails the build at the step's instruction (the FROM line for
    /// a replayed ONBUILD trigger), once per stage and only for a stage that is built.
    pub(super) fn fail(&mut self, step: &Step, rule: &Rule, message: String) {
        let s = step.stage;
        if !self.built.get(s).copied().unwrap_or(false) || self.failed.get(s) == Some(&true) {
            return;
        }
        if let Some(f) = self.failed.get_mut(s) {
            *f = true;
        }
        self.diagnostics
            .push(Diagnostic::new(rule, step.view.span, message));
    }

    /// True when the stage's simulated filesystem is all it has, so a missing path is
    /// really missing.
    pub(super) fn is_complete(&self, st: &StageState) -> bool {
        st.complete && !self.capped
    }

    pub(super) fn take_budget(&mut self) -> bool {
        if self.budget == 0 {
            self.capped = true;
            return false;
        }
        self.budget -= 1;
        true
    }

    /// Simulates one stage: its FROM, then each instruction in order.
    pub(super) fn run_stage(&mut self, stage: &Stage) -> StageState {
        let (mut st, from_effect) = self.start_stage(stage);
        st.effects.reserve_exact(stage.instructions.len() + 1);
        st.effects.push(from_effect);
        self.replay_onbuild(stage, &mut st);
        for &i in &stage.instructions {
            let views = self.views;
            let Some(v) = views.get(i) else {
                continue;
            };
            let mut effect = Effect {
                instruction: i,
                stage: stage.index,
                line: self.line(v.span),
                label: self.instruction_label(i),
                ..Effect::default()
            };
            let mut step = Step {
                stage: stage.index,
                instruction: i,
                view: v,
                st: &mut st,
                effect: &mut effect,
                notes: Vec::new(),
            };
            self.apply(&mut step);
            step.finish();
            st.layers_bytes = st.layers_bytes.saturating_add(effect.layer_bytes);
            sort::sort(&mut effect.added);
            sort::sort(&mut effect.removed);
            st.effects.push(effect);
        }
        st
    }

    /// Simulates one instruction (of the stage, or an ONBUILD trigger it replays).
    pub(super) fn apply(&mut self, step: &mut Step) {
        let v = step.view;
        match v.keyword {
            Some(Keyword::Workdir) => {
                let dir = v.args.first().copied().unwrap_or("/");
                let joined = join(&step.st.workdir, dir);
                if joined.len() > PATH_MAX {
                    let mut kept = step.st.workdir.clone();
                    shorten_in_place(&mut kept, 60);
                    // Relative WORKDIRs nest without end; past Linux's limit the build
                    // fails, and every later path would repeat the whole prefix.
                    step.notes.push(EffectNote::WorkdirTooLong {
                        max: PATH_MAX,
                        kept,
                    });
                } else {
                    step.st.workdir = joined;
                }
                let path = step.st.workdir.clone();
                if !step.st.files.contains_key(path.as_str()) && path != "/" {
                    self.insert(step, FileKind::Workdir, &path, true, Some(0), None);
                }
            }
            Some(Keyword::Env) | Some(Keyword::Arg) => {
                for (k, val) in &v.pairs {
                    step.st.vars.set(k, val);
                }
            }
            Some(Keyword::Copy) | Some(Keyword::Add) => self.copy(step),
            Some(Keyword::Run) => {
                self.check_executable(step);
                self.run(step);
                // What a RUN writes is estimated, never all known.
                step.st.complete = false;
            }
            Some(Keyword::Shell) if v.exec_form && !v.args.is_empty() => {
                step.st.shell = Some(v.args.iter().map(|a| a.to_string()).collect());
            }
            Some(Keyword::Onbuild) => {
                step.notes.push(EffectNote::Onbuild);
            }
            _ => {}
        }
    }

    /// FROM: the stage's starting filesystem (an earlier stage's, `scratch`, or an external
    /// image's representative paths) and the effect of the FROM step.
    fn start_stage(&mut self, stage: &Stage) -> (StageState, Effect) {
        let mut st = StageState {
            workdir: "/".into(),
            ..StageState::default()
        };
        let from = stage.from_instruction;
        let mut from_effect = Effect {
            instruction: from,
            stage: stage.index,
            line: self.views.get(from).map_or(0, |v| self.line(v.span)),
            label: self.instruction_label(from),
            ..Effect::default()
        };
        match &stage.base {
            Base::Stage { stage: parent } => {
                if let Some(p) = self.states.get(*parent) {
                    // Clone what the child inherits (not the parent's effects). The whole
                    // map counts against the path budget; past it the child starts empty.
                    let files = if self.budget >= p.files.len() {
                        self.budget -= p.files.len();
                        p.files.clone()
                    } else {
                        self.capped = true;
                        BTreeMap::new()
                    };
                    // The records the child inherits count against their own budget, so
                    // that a long chain of stages each FROM the previous one stays linear;
                    // past it the child starts without them (and the simulation says so).
                    let records = p.wasted.len() + p.areas.len() + p.runs.len() + p.vars.len();
                    crate::work::add(p.files.len() + records);
                    let copied = if self.records_budget >= records {
                        self.records_budget -= records;
                        StageState {
                            wasted: p.wasted.clone(),
                            areas: p.areas.clone(),
                            runs: p.runs.clone(),
                            vars: p.vars.clone(),
                            ..StageState::default()
                        }
                    } else {
                        self.records_capped = true;
                        StageState::default()
                    };
                    st = StageState {
                        files,
                        workdir: p.workdir.clone(),
                        effects: Vec::new(),
                        layers_bytes: p.layers_bytes,
                        base_image: p.base_image.clone(),
                        base_size: p.base_size,
                        base_known: p.base_known,
                        base_paths: p.base_paths.clone(),
                        base_source: p.base_source.clone(),
                        wasted: copied.wasted,
                        areas: copied.areas,
                        runs: copied.runs,
                        vars: copied.vars,
                        not_persisted: Vec::new(),
                        complete: p.complete,
                        shell: p.shell.clone(),
                    };
                    from_effect.notes.push(EffectNote::StartsFromStage {
                        stage: self.stage_name(*parent),
                    });
                } else {
                    from_effect.notes.push(EffectNote::BaseStageNotSimulated);
                }
            }
            Base::Scratch => {
                st.base_known = true;
                st.complete = true;
                st.base_size = Some(0);
                from_effect.notes.push(EffectNote::Scratch);
            }
            Base::Image { name } => {
                let info = images::lookup(name, stage.platform.as_deref());
                st.base_image = Some(name.clone());
                st.base_size = info.size;
                st.base_known = info.size.is_some();
                st.base_source = info.entry.as_ref().map(|e| e.source.clone());
                from_effect.layer_bytes = info.size.unwrap_or(0);
                from_effect.notes.push(EffectNote::BaseImage {
                    image: name.clone(),
                    size: info.size,
                });
                from_effect.notes.extend(info.notes);
                if let Some(e) = &info.entry {
                    st.base_paths = Rc::new(e.paths.iter().map(|p| clean(p)).collect());
                    for raw in &e.paths {
                        if !self.take_budget() {
                            break;
                        }
                        // The catalogue marks directories with a trailing `/`.
                        let is_dir = raw.ends_with('/');
                        let p = clean(raw);
                        let prov = self.prov(stage.index, None, FileKind::Base, &p);
                        st.files.insert(
                            Rc::from(p.as_str()),
                            Rc::new(FileEntry {
                                path: p.clone(),
                                is_dir,
                                size: None,
                                provenance: prov,
                                note: Some(["part of ", name.as_str()].concat()),
                            }),
                        );
                    }
                }
            }
        }
        (st, from_effect)
    }

    /// Inserts a path (and records it in the effect). Existing directories stay; files are
    /// replaced.
    pub(super) fn insert(
        &mut self,
        step: &mut Step,
        kind: FileKind,
        path: &str,
        is_dir: bool,
        size: Option<u64>,
        note: Option<String>,
    ) {
        let prov = self.prov(step.stage, Some(step.instruction), kind, path);
        self.insert_entry(
            step,
            FileEntry {
                path: path.to_string(),
                is_dir,
                size,
                provenance: prov,
                note,
            },
        );
    }

    /// Inserts a path whose provenance the caller wrote (and records it in the effect).
    pub(super) fn insert_entry(&mut self, step: &mut Step, entry: FileEntry) {
        if !self.take_budget() {
            return;
        }
        let (st, effect) = (&mut *step.st, &mut *step.effect);
        effect.added_count += 1;
        if effect.added.len() < MAX_LISTED {
            effect.added.push(entry.path.clone());
        }
        effect.layer_bytes = effect.layer_bytes.saturating_add(entry.size.unwrap_or(0));
        // Overwriting a file of an earlier layer hides its bytes: they stay in the image.
        if let Some(old) = st.files.get(entry.path.as_str())
            && old.provenance.instruction != entry.provenance.instruction
            && !old.is_dir
            && old.size.unwrap_or(0) > 0
        {
            effect.wasted_bytes = effect.wasted_bytes.saturating_add(old.size.unwrap_or(0));
            st.wasted.push((**old).clone());
        }
        st.files
            .insert(Rc::from(entry.path.as_str()), Rc::new(entry));
    }

    /// Removes `path` and everything under it; bytes of earlier layers become waste.
    pub(super) fn remove(&mut self, step: &mut Step, path: &str) {
        let (st, effect, i) = (&mut *step.st, &mut *step.effect, step.instruction);
        let keys: Vec<Rc<str>> = under(&st.files, path).map(|(k, _)| k.clone()).collect();
        for k in keys {
            if let Some(old) = st.files.remove(&k) {
                effect.removed_count += 1;
                if effect.removed.len() < MAX_LISTED {
                    effect.removed.push(k.to_string());
                }
                let bytes = old.size.unwrap_or(0);
                if old.provenance.instruction == Some(i) {
                    // Created and removed in the same layer: never stored.
                    effect.layer_bytes = effect.layer_bytes.saturating_sub(bytes);
                } else if bytes > 0 || old.provenance.kind == FileKind::Base {
                    effect.wasted_bytes = effect.wasted_bytes.saturating_add(bytes);
                    st.wasted.push(Rc::unwrap_or_clone(old));
                }
            }
        }
    }
}

/// Appends `n` in decimal (labels are built on a hot path; `write!` cost more).
pub(super) fn push_num(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        if let Some(d) = digits.get_mut(k) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || k == 0 {
            break;
        }
    }
    for &d in digits.get(k..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
}

/// True when `path` is `dir` or lies under it (no allocation).
pub(super) fn is_within(path: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/') || dir.is_empty())
}

/// The entries at `path` or under it.
pub(super) fn under<'a>(
    files: &'a BTreeMap<Rc<str>, Rc<FileEntry>>,
    path: &'a str,
) -> impl Iterator<Item = (&'a Rc<str>, &'a Rc<FileEntry>)> + 'a {
    let dir_prefix = if path == "/" {
        "/".to_string()
    } else {
        [path.trim_end_matches('/'), "/"].concat()
    };
    let exact = files.get_key_value(path);
    let root = path == "/";
    exact.into_iter().chain(
        files
            .range::<str, _>((Bound::Included(dir_prefix.as_str()), Bound::Unbounded))
            .take_while(move |(k, _)| k.starts_with(dir_prefix.as_str()))
            .inspect(|_| crate::work::add(1))
            .filter(move |(k, _)| !root || &***k != "/"),
    )
}
