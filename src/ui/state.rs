//! The page's one `State` and its `Action` reducer. Pure: no browser APIs, so the reducer is
//! tested natively. What a share link carries lives in `State::share`; everything else is
//! derived (the analysis) or transient UI state.

use std::rc::Rc;

use yew::Reducible;

use crate::analysis::{self, Analysis, Builder, Span};
use crate::page::command_line::command_line;
use crate::page::drafts::{History, Reason};
use crate::page::examples::{self, Example, example_share};
use crate::page::lang::Lang;
use crate::page::large_text::is_large;
use crate::page::share::{ShareState, Text, View};
use crate::page::steps::step_count;
use crate::page::theme::Theme;
use crate::page::viewport;
use crate::ui::{io, worker};

/// An analysis shared by the components, compared by pointer: every re-analysis is a new
/// allocation, so comparing props is O(1) instead of walking the whole analysis.
#[derive(Clone, Debug)]
pub struct AnalysisRc(pub Rc<Analysis>);

impl PartialEq for AnalysisRc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for AnalysisRc {
    type Target = Analysis;

    fn deref(&self) -> &Analysis {
        &self.0
    }
}

// Components written against `Rc<Analysis>` props and those taking `AnalysisRc` accept
// either, so both kinds of props can be passed the same value.
impl yew::html::IntoPropValue<AnalysisRc> for Rc<Analysis> {
    fn into_prop_value(self) -> AnalysisRc {
        AnalysisRc(self)
    }
}

impl yew::html::IntoPropValue<Rc<Analysis>> for AnalysisRc {
    fn into_prop_value(self) -> Rc<Analysis> {
        self.0
    }
}

/// Texts longer than this are analysed after a debounce instead of on every keystroke, so
/// typing into a huge file stays responsive.
pub const SYNC_ANALYSIS_LIMIT: usize = 256 * 1024;

/// A replaced analysis is freed when the page is idle, or after this long at the latest.
const FREE_WITHIN_MS: u32 = 1000;

/// The tabs of the input pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InputTab {
    #[default]
    Dockerfile,
    Context,
    Dockerignore,
    BuildArgs,
}

impl InputTab {
    pub const ALL: [InputTab; 4] = [
        InputTab::Dockerfile,
        InputTab::Context,
        InputTab::Dockerignore,
        InputTab::BuildArgs,
    ];

    pub fn id(self) -> &'static str {
        match self {
            InputTab::Dockerfile => "dockerfile",
            InputTab::Context => "context",
            InputTab::Dockerignore => "dockerignore",
            InputTab::BuildArgs => "buildargs",
        }
    }
}

/// A request for the editor to select a span and scroll to it. The serial number makes a
/// repeated request for the same span visible to the editor's effect.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reveal {
    pub span: Span,
    pub serial: u64,
}

/// A fix for the editor to apply: replace `span` (bytes of the current text) with `text`,
/// through the textarea's own undo history. The serial tells the editor's effect a new
/// request from one it has applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingEdit {
    pub span: Span,
    pub text: Rc<str>,
    pub serial: u64,
}

/// The graph's zoom and pan; `fit` recomputes the scale to fit the viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zoom {
    pub scale: f64,
    pub x: f64,
    pub y: f64,
    pub fit: bool,
    /// Bumped by every Fit request, so fitting again re-measures the viewport.
    pub serial: u64,
}

impl Zoom {
    /// The scale and offset as the viewport maths (`page::viewport`) takes them.
    pub fn view(&self) -> viewport::View {
        viewport::View {
            scale: self.scale,
            dx: self.x,
            dy: self.y,
        }
    }

    /// Shows `v` from now on, until the next Fit.
    fn set(&mut self, v: viewport::View) {
        self.scale = v.scale;
        self.x = v.dx;
        self.y = v.dy;
        self.fit = false;
    }
}

impl Default for Zoom {
    fn default() -> Self {
        Zoom {
            scale: 1.0,
            x: 0.0,
            y: 0.0,
            fit: true,
            serial: 0,
        }
    }
}

/// The step-through position.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stepper {
    pub step: usize,
    pub playing: bool,
}

/// A message about the saved draft, shown under the header until dismissed or resolved.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftNotice {
    /// The browser refused to store the draft (its storage is full or disabled). The text
    /// is only on the page; saving is tried again on every change.
    SaveFailed,
    /// Another tab saved this different text; this tab keeps showing its own. The other
    /// text is in the history too.
    OtherTab(Text),
}

/// A text about to be replaced on the page, for the app to keep in the history of drafts.
/// The serial makes the same text displaced twice visible to the app's effect.
#[derive(Clone, Debug, PartialEq)]
pub struct Displaced {
    pub text: Text,
    pub reason: Reason,
    /// The tab that wrote it, for another tab's text (empty otherwise).
    pub tab: String,
    pub serial: u64,
}

/// The Drafts dialog's contents: the history read when it was opened, and the time then.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftsDialog {
    pub history: Rc<History>,
    pub now: f64,
}

/// The whole state of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Everything a share link carries.
    pub share: ShareState,
    /// The analysis of `share` (possibly of an older text while a debounce is pending).
    pub analysis: Rc<Analysis>,
    /// The Dockerfile `analysis` was made from: the views map its spans into this text, so
    /// a keystroke whose analysis is still in the worker re-renders none of them.
    pub analysed: Text,
    /// True when `analysis` is older than `share`: the worker is analysing it (`app.rs`).
    pub stale: bool,
    /// True until the page's first analysis arrives: `analysis` is an empty placeholder,
    /// and the views wait for the real one.
    pub awaiting_first: bool,
    /// Bumped on every edit, so the debounce knows which edit it is for.
    pub revision: u64,
    pub input_tab: InputTab,
    /// The caret's byte offset in the Dockerfile.
    pub cursor: usize,
    /// The stage the caret is in.
    pub cursor_stage: Option<usize>,
    /// The last span another view asked the editor to show.
    pub reveal: Option<Reveal>,
    /// The stage under the mouse (or keyboard focus) in the graph.
    pub hovered_stage: Option<usize>,
    pub stepper: Stepper,
    pub theme: Theme,
    /// The page's language (its messages may still be loading: `app.rs`).
    pub lang: Lang,
    pub examples_open: bool,
    pub zoom: Zoom,
    /// The problem whose rule explanation is open.
    pub open_rule: Option<String>,
    /// A short message shown for a moment ("Command copied").
    pub toast: Option<String>,
    /// The example whose build context, .dockerignore, build args and target are loaded and
    /// untouched. They belong to that example's Dockerfile: when the text stops being a
    /// version of it (none of its FROM lines is left, e.g. another file was pasted over it),
    /// they are cleared so the new file gets an inferred context instead of a wrong one.
    pub example_inputs: Option<&'static str>,
    /// The Drafts dialog, when open.
    pub drafts: Option<DraftsDialog>,
    pub draft_notice: Option<DraftNotice>,
    /// The latest text replaced by a restore, an example or another tab, to keep in history.
    pub displaced: Option<Displaced>,
    /// A fix waiting for the editor to apply it.
    pub pending_edit: Option<PendingEdit>,
    /// The unnamed stage the user tried to make the target: the page says why it cannot be
    /// one and offers to name it.
    pub naming: Option<usize>,
    /// The lesson panel is open (on the list of lessons when `share.lesson` is `None`).
    pub lessons_open: bool,
}

impl State {
    /// A state showing `share`: analysed now natively, by the worker in the browser (then
    /// `stale` until its analysis arrives).
    pub fn new(mut share: ShareState) -> Self {
        // A link's language becomes the page's; the state's share never holds one, so a
        // draft or a comparison with the link is the same in every language.
        let lang = share.lang.take().unwrap_or_default();
        let now = worker::analyse_at_once(&share, "", 0);
        let stale = now.is_none();
        let mut s = State {
            analysed: share.dockerfile.clone(),
            share,
            analysis: Rc::new(now.unwrap_or_default()),
            stale,
            awaiting_first: stale,
            revision: 0,
            input_tab: InputTab::default(),
            cursor: 0,
            cursor_stage: None,
            reveal: None,
            hovered_stage: None,
            stepper: Stepper::default(),
            theme: Theme::default(),
            lang,
            examples_open: false,
            zoom: Zoom::default(),
            open_rule: None,
            toast: None,
            example_inputs: None,
            drafts: None,
            draft_notice: None,
            displaced: None,
            pending_edit: None,
            naming: None,
            lessons_open: false,
        };
        s.cursor_stage = stage_at(&s.analysis, 0);
        s
    }

    /// This state with the analysis of its share, made before the state was (the worker's
    /// early answer: `ui/worker.rs`).
    pub fn with_analysis(mut self, analysis: Analysis) -> Self {
        self.analysis = Rc::new(analysis);
        self.analysed = self.share.dockerfile.clone();
        self.stale = false;
        self.awaiting_first = false;
        self.cursor_stage = stage_at(&self.analysis, self.cursor);
        self
    }

    /// The state of an example of the gallery.
    pub fn from_example(ex: &Example) -> Self {
        let mut s = State::new(example_share(ex));
        s.example_inputs = Some(ex.id);
        s
    }

    /// Clears the example's inputs when `share.dockerfile` is no longer a version of it.
    fn drop_foreign_example_inputs(&mut self) {
        let Some(ex) = self.example_inputs.and_then(examples::by_id) else {
            return;
        };
        let froms: Vec<&str> = ex
            .dockerfile
            .lines()
            .map(str::trim)
            .filter(|l| l.get(..5).is_some_and(|k| k.eq_ignore_ascii_case("FROM ")))
            .collect();
        // One pass over the text, which may be megabytes long, for all the FROM lines.
        let kept = self
            .share
            .dockerfile
            .lines()
            .any(|l| froms.contains(&l.trim()));
        if !kept {
            self.share.context.clear();
            self.share.dockerignore.clear();
            self.share.build_args.clear();
            if self.share.target.as_deref() == ex.target {
                self.share.target = None;
            }
            self.example_inputs = None;
        }
    }

    /// The example whose Dockerfile is shown, if any (for "what to notice").
    pub fn current_example(&self) -> Option<&'static Example> {
        examples::EXAMPLES
            .iter()
            .find(|e| e.dockerfile == &*self.share.dockerfile)
    }

    /// The `docker build` command equivalent to the current options.
    pub fn command_line(&self) -> String {
        command_line(&self.share, &self.analysis)
    }

    /// Shows `analysis`, the current text's. The old one is freed when the page is idle,
    /// not in the task that shows the new one (about 0.5 ms for moby's 650-line file).
    fn show(&mut self, analysis: Rc<Analysis>) {
        let old = std::mem::replace(&mut self.analysis, analysis);
        io::when_idle(FREE_WITHIN_MS, move || drop(old));
        self.analysed = self.share.dockerfile.clone();
        self.stale = false;
    }

    fn reanalyse(&mut self) {
        self.revision = self.revision.wrapping_add(1);
        // In the browser a text goes to the worker (`app.rs`), unless it is a keystroke the
        // page's own copy of the core analyses in this task (`worker::analyse_at_once`).
        // Natively a small one is analysed at once; a large one, or one too large to edit
        // (many short lines), waits for the debounce there too.
        let text = &self.share.dockerfile;
        let small = text.len() <= SYNC_ANALYSIS_LIMIT && !is_large(text);
        let now = small
            .then(|| {
                let shown = self.analysis.instructions.len();
                worker::analyse_at_once(&self.share, &self.analysed, shown)
            })
            .flatten();
        match now {
            Some(a) => self.show(Rc::new(a)),
            None => {
                self.stale = true;
                // The worker starts on a small text now, while the page renders the edit;
                // the effect in `app.rs` then waits for this answer (`worker::analyse`
                // takes an early request of the same state) instead of sending the text
                // only after the render. A keystroke on a 650-line file is painted a few
                // milliseconds sooner (docs/budgets.md, "Keystroke").
                if small {
                    worker::analyse_early(&self.share);
                }
            }
        }
        self.cursor_stage = stage_at(&self.analysis, self.cursor);
        let steps = step_count(&self.analysis);
        if self.stepper.step >= steps {
            self.stepper.step = steps.saturating_sub(1);
        }
    }

    /// Hands the current text to the history before it is replaced.
    fn displace(&mut self, reason: Reason) {
        let serial = self
            .displaced
            .as_ref()
            .map_or(1, |d| d.serial.wrapping_add(1));
        self.displaced = Some(Displaced {
            text: self.share.dockerfile.clone(),
            reason,
            tab: String::new(),
            serial,
        });
    }

    /// Keeps what belongs to the page rather than to the shown text across a state replaced
    /// by an example, a link or a restored draft.
    fn keep_page_state(&mut self, old: &State) {
        self.theme = old.theme;
        self.lang = old.lang;
        self.lessons_open = old.lessons_open || self.share.lesson.is_some();
        self.revision = old.revision.wrapping_add(1);
        self.draft_notice = old.draft_notice.clone();
        self.displaced = old.displaced.clone();
        // While the worker analyses the new text, the views keep the old analysis rather
        // than flash an empty one.
        if self.stale && !old.awaiting_first {
            self.analysis = old.analysis.clone();
            self.analysed = old.analysed.clone();
            self.awaiting_first = false;
            self.cursor_stage = stage_at(&self.analysis, self.cursor);
        }
    }

    fn reveal(&mut self, span: Span) {
        let serial = self.reveal.map_or(1, |r| r.serial.wrapping_add(1));
        self.reveal = Some(Reveal { span, serial });
        self.cursor = span.start;
        self.cursor_stage = stage_at(&self.analysis, span.start);
    }
}

impl Default for State {
    fn default() -> Self {
        State::from_example(&examples::GO_HREF_COUNTER)
    }
}

/// The stage whose span contains `offset` (the FROM line through its last instruction).
pub fn stage_at(a: &Analysis, offset: usize) -> Option<usize> {
    let mut found = None;
    for s in &a.stages {
        if s.span.start <= offset {
            found = Some(s.index);
        } else {
            break;
        }
    }
    // Past the stage's last instruction but before the next FROM still counts as the stage
    // (blank lines and comments between stages belong to the one above).
    found
}

/// Everything that can change the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetDockerfile(String),
    SetContext(String),
    SetDockerignore(String),
    SetBuildArgs(String),
    /// `None` builds the last stage.
    SetTarget(Option<String>),
    SetBuilder(Builder),
    SetView(View),
    SetInputTab(InputTab),
    /// Replaces everything a share link carries (loading a link or a saved draft).
    LoadShare(ShareState),
    LoadExample(&'static str),
    /// The analysis of this revision, made by the worker (`app.rs`), decoded in a task
    /// before the one that shows it. Ignored when the text changed since.
    Analysed(u64, Rc<Analysis>),
    /// The editor's caret moved to this byte offset.
    Cursor(usize),
    /// Show this span in the editor (a click on a stage, problem, file or step).
    Reveal(Span),
    /// A stage was clicked or chosen by keyboard in the graph: make it the target and show
    /// its FROM line.
    PickStage(usize),
    HoverStage(Option<usize>),
    StepTo(usize),
    StepBy(isize),
    Play,
    Pause,
    /// The play timer ticked.
    Tick,
    SetTheme(Theme),
    SetLang(Lang),
    ToggleExamples,
    CloseExamples,
    /// Zoom by this factor around this viewport point (the pointer, or the centre).
    ZoomAt(f64, (f64, f64)),
    PanBy(f64, f64),
    /// Show this part of the graph (a searched or focused stage, the cursor's stage).
    ShowView(viewport::View),
    /// The viewport fitted the graph: the scale and offset it used.
    Fitted(f64, f64, f64),
    FitGraph,
    ToggleRule(String),
    Toast(Option<String>),
    /// Opens the Drafts dialog with the stored history, read at this time (ms since epoch).
    OpenDrafts(Rc<History>, f64),
    CloseDrafts,
    /// Replaces the Dockerfile with a kept text (from the history or another tab), keeping
    /// the current one in the history first, so the restore can be undone the same way.
    RestoreDraft(String),
    /// Another tab (of this id) saved this Dockerfile text.
    OtherTabSaved(String, String),
    /// Whether the latest attempt to store the draft worked.
    DraftSaved(bool),
    DismissDraftNotice,
    /// Apply a diagnostic's fix (or the naming fix): its edits go to the editor, its target
    /// to the options.
    ApplyFix(analysis::Fix),
    /// The editor applied the pending edit of this serial.
    EditApplied(u64),
    /// Close the note about an unnamed stage.
    DismissNaming,
    /// The header's Lessons button: opens the lesson panel (on the current step, else on
    /// the list of lessons), or closes it.
    ToggleLessons,
    /// Opens a lesson step with the playground state it starts from (`share.lesson` set);
    /// the user's own text goes to the history of drafts first.
    StartLessonStep(ShareState),
    /// Back to the list of lessons, keeping the playground as it is.
    LessonList,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetDockerfile(text) => {
                if *text == *s.share.dockerfile {
                    return self;
                }
                s.share.dockerfile = text.into();
                s.drop_foreign_example_inputs();
                s.reanalyse();
            }
            Action::SetContext(text) => {
                s.share.context = text;
                s.example_inputs = None;
                s.reanalyse();
            }
            Action::SetDockerignore(text) => {
                s.share.dockerignore = text;
                s.example_inputs = None;
                s.reanalyse();
            }
            Action::SetBuildArgs(text) => {
                s.share.build_args = text;
                s.example_inputs = None;
                s.reanalyse();
            }
            Action::SetTarget(t) => {
                s.naming = None;
                s.share.target = t.filter(|t| !t.is_empty());
                s.reanalyse();
            }
            Action::SetBuilder(b) => {
                s.share.builder = b;
                s.reanalyse();
            }
            Action::SetView(v) => {
                s.share.view = v;
                if v != View::Steps {
                    s.stepper.playing = false;
                }
            }
            Action::SetInputTab(t) => s.input_tab = t,
            Action::LoadShare(share) => {
                let old = s;
                let lang = share.lang;
                s = State::new(share);
                s.keep_page_state(&old);
                s.lang = lang.unwrap_or(old.lang);
            }
            Action::LoadExample(id) => {
                if let Some(ex) = examples::EXAMPLES.iter().find(|e| e.id == id) {
                    // An untouched example is not worth keeping; the user's own text is.
                    if s.current_example().is_none() {
                        s.displace(Reason::BeforeExample);
                    }
                    let old = s;
                    s = State::from_example(ex);
                    s.keep_page_state(&old);
                }
            }
            Action::Analysed(rev, analysis) => {
                if rev == s.revision && s.stale {
                    s.show(analysis);
                    s.awaiting_first = false;
                    s.cursor_stage = stage_at(&s.analysis, s.cursor);
                } else {
                    return self;
                }
            }
            Action::Cursor(offset) => {
                let stage = stage_at(&s.analysis, offset);
                if offset == s.cursor && stage == s.cursor_stage {
                    return self;
                }
                s.cursor = offset;
                s.cursor_stage = stage;
            }
            Action::Reveal(span) => s.reveal(span),
            Action::PickStage(i) => {
                let Some(stage) = s.analysis.stages.get(i) else {
                    return self;
                };
                let span = stage.span;
                let last = s.analysis.stages.len().checked_sub(1);
                // Picking the last stage of a file without a target keeps the default.
                if s.share.target.is_none() && Some(i) == last {
                    s.share.target = None;
                } else if stage.name.is_none() {
                    // BuildKit cannot target an unnamed stage: say so and offer the name,
                    // rather than a target every panel reports as failing.
                    s.naming = Some(i);
                } else {
                    s.share.target = Some(stage.display_name());
                }
                let first_line_end = s
                    .share
                    .dockerfile
                    .get(span.start..)
                    .and_then(|t| t.find('\n'))
                    .map_or(span.end, |n| span.start + n);
                s.reanalyse();
                s.reveal(Span::new(span.start, first_line_end.min(span.end)));
            }
            Action::ApplyFix(fix) => {
                // A fix is made for the analysed text: while an edit is still being
                // analysed its spans may point elsewhere.
                if s.stale {
                    return self;
                }
                if fix.edits.is_empty() {
                    // Only the option changes (a target typo): nothing for the editor.
                    if fix.target.is_none() {
                        return self;
                    }
                    s.naming = None;
                    s.share.target = fix.target;
                    s.reanalyse();
                    return Rc::new(s);
                }
                let Some((span, text)) = fix.apply(&s.share.dockerfile) else {
                    return self;
                };
                let serial = s
                    .pending_edit
                    .as_ref()
                    .map_or(1, |e| e.serial.wrapping_add(1));
                s.pending_edit = Some(PendingEdit {
                    span,
                    text: text.into(),
                    serial,
                });
                s.naming = None;
                if fix.target.is_some() {
                    s.share.target = fix.target;
                }
                s.input_tab = InputTab::Dockerfile;
            }
            Action::EditApplied(serial) => {
                if s.pending_edit.as_ref().is_none_or(|e| e.serial != serial) {
                    return self;
                }
                s.pending_edit = None;
            }
            Action::DismissNaming => s.naming = None,
            Action::SetLang(lang) => s.lang = lang,
            Action::ToggleLessons => {
                s.lessons_open = !(s.lessons_open || s.share.lesson.is_some());
                if !s.lessons_open {
                    s.share.lesson = None;
                }
            }
            Action::StartLessonStep(share) => {
                // A lesson's own text or an untouched example is not worth keeping; the
                // user's own text is.
                if s.share.lesson.is_none() && s.current_example().is_none() {
                    s.displace(Reason::BeforeExample);
                }
                let old = s;
                s = State::new(share);
                s.keep_page_state(&old);
                s.lessons_open = true;
            }
            Action::LessonList => {
                s.share.lesson = None;
                s.lessons_open = true;
            }
            Action::HoverStage(h) => {
                if h == s.hovered_stage {
                    return self;
                }
                s.hovered_stage = h;
            }
            Action::StepTo(n) => {
                let count = step_count(&s.analysis);
                s.stepper.step = n.min(count.saturating_sub(1));
            }
            Action::StepBy(d) => {
                let count = step_count(&s.analysis);
                let n = s.stepper.step as isize + d;
                s.stepper.step = n.clamp(0, count.saturating_sub(1) as isize) as usize;
            }
            Action::Play => {
                let count = step_count(&s.analysis);
                if s.stepper.step + 1 >= count {
                    s.stepper.step = 0;
                }
                s.stepper.playing = count > 1;
            }
            Action::Pause => s.stepper.playing = false,
            Action::Tick => {
                let count = step_count(&s.analysis);
                if !s.stepper.playing {
                    return self;
                }
                if s.stepper.step + 1 >= count {
                    s.stepper.playing = false;
                } else {
                    s.stepper.step += 1;
                }
            }
            Action::SetTheme(t) => s.theme = t,
            Action::ToggleExamples => s.examples_open = !s.examples_open,
            Action::CloseExamples => {
                if !s.examples_open {
                    return self;
                }
                s.examples_open = false;
            }
            Action::ZoomAt(f, at) => {
                s.zoom.set(viewport::zoom_at(s.zoom.view(), f, at));
            }
            Action::PanBy(dx, dy) => {
                s.zoom.set(viewport::pan(s.zoom.view(), (dx, dy)));
            }
            Action::ShowView(v) => s.zoom.set(v),
            Action::Fitted(scale, x, y) => {
                let same = (s.zoom.scale - scale).abs() < 1e-6
                    && (s.zoom.x - x).abs() < 0.5
                    && (s.zoom.y - y).abs() < 0.5;
                if !s.zoom.fit || same {
                    return self;
                }
                s.zoom.scale = scale;
                s.zoom.x = x;
                s.zoom.y = y;
            }
            Action::FitGraph => {
                let serial = s.zoom.serial.wrapping_add(1);
                s.zoom = Zoom {
                    serial,
                    ..Zoom::default()
                };
            }
            Action::ToggleRule(rule) => {
                s.open_rule = if s.open_rule.as_deref() == Some(rule.as_str()) {
                    None
                } else {
                    Some(rule)
                };
            }
            Action::Toast(t) => s.toast = t,
            Action::OpenDrafts(history, now) => {
                s.drafts = Some(DraftsDialog { history, now });
                s.examples_open = false;
            }
            Action::CloseDrafts => {
                if s.drafts.is_none() {
                    return self;
                }
                s.drafts = None;
            }
            Action::RestoreDraft(text) => {
                s.drafts = None;
                if matches!(&s.draft_notice, Some(DraftNotice::OtherTab(t)) if **t == *text) {
                    s.draft_notice = None;
                }
                if *text != *s.share.dockerfile {
                    s.displace(Reason::BeforeRestore);
                    s.share.dockerfile = text.into();
                    s.drop_foreign_example_inputs();
                    s.reanalyse();
                }
            }
            Action::OtherTabSaved(text, tab) => {
                if *text == *s.share.dockerfile {
                    // Both tabs show the same text again: nothing to warn about.
                    if !matches!(s.draft_notice, Some(DraftNotice::OtherTab(_))) {
                        return self;
                    }
                    s.draft_notice = None;
                } else {
                    let text: Text = text.into();
                    let serial = s.displaced.as_ref().map_or(1, |d| d.serial.wrapping_add(1));
                    s.displaced = Some(Displaced {
                        text: text.clone(),
                        reason: Reason::OtherTab,
                        tab,
                        serial,
                    });
                    // A failed save stays the more urgent message.
                    if s.draft_notice != Some(DraftNotice::SaveFailed) {
                        s.draft_notice = Some(DraftNotice::OtherTab(text));
                    }
                }
            }
            Action::DraftSaved(ok) => match (ok, &s.draft_notice) {
                (false, Some(DraftNotice::SaveFailed)) | (true, None) => return self,
                (true, Some(DraftNotice::OtherTab(_))) => return self,
                (false, _) => s.draft_notice = Some(DraftNotice::SaveFailed),
                (true, Some(DraftNotice::SaveFailed)) => s.draft_notice = None,
            },
            Action::DismissDraftNotice => s.draft_notice = None,
        }
        Rc::new(s)
    }
}
