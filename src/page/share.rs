//! The shareable state of the page (what a share link carries), and its codec.
//!
//! A share link keeps the whole state in the URL fragment, which browsers never send to a
//! server: `#v1.<base64url(deflate-raw(JSON))>`. The JSON object omits every field that has
//! its default value, so a link only grows with what the user actually changed. The version
//! prefix leaves room for later formats; a page that does not know a version says so instead
//! of guessing.
//!
//! Pure: no browser APIs, so the CLI (`stageplay link`) and native tests use it too. Decoding
//! never panics and does bounded work: the payload length is checked before anything else and
//! inflating stops as soon as the output would pass [`MAX_DECODED_BYTES`].

use std::fmt;
use std::rc::Rc;

use base64::Engine;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, general_purpose};
use serde::{Deserialize, Serialize};

use crate::analysis::Builder;

use super::lang::Lang;

/// The output view shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    #[default]
    Graph,
    Plan,
    Files,
    Problems,
    Steps,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Graph,
        View::Plan,
        View::Files,
        View::Problems,
        View::Steps,
    ];

    /// The name used in URLs (`view=files`) and share links.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Graph => "graph",
            View::Plan => "plan",
            View::Files => "files",
            View::Problems => "problems",
            View::Steps => "steps",
        }
    }

    pub fn parse(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A text shared, not copied, and compared by pointer first: a pasted file can be
/// megabytes, and the state is cloned on every action and compared in every render (props,
/// memos, effects). `Rc<str>` alone compares contents: its pointer shortcut needs a sized
/// type, so each comparison of two equal 10 MB texts read them both.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(Rc<str>);

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}
impl Eq for Text {}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Text {
    /// The shared text itself (a new handle, not a copy).
    pub fn shared(&self) -> Rc<str> {
        self.0.clone()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(s.into())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(s.into())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Everything a user can set that decides what the page shows. A share link round-trips
/// exactly this.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareState {
    pub dockerfile: Text,
    /// The build context listing (one path a line, optional size).
    pub context: String,
    pub dockerignore: String,
    /// `KEY=VALUE` lines.
    pub build_args: String,
    /// `--target`; `None` is the default (last stage).
    pub target: Option<String>,
    pub builder: Builder,
    pub view: View,
    /// The language the link was shared in; `None` (every link before languages, and the
    /// page in English) opens in the reader's own language.
    pub lang: Option<Lang>,
    /// The lesson step shown beside the playground (`docs/lessons.md`), if any.
    pub lesson: Option<LessonStep>,
}

/// A step of a guided lesson: the lesson's id and the step's index (from 0). A link writes it
/// as `id/N` with N counted from 1, as the lesson panel numbers its steps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LessonStep {
    pub lesson: String,
    pub step: usize,
}

/// The longest lesson id a link may name, and the most steps a lesson may have: lesson ids
/// are short words written by hand.
pub const MAX_LESSON_ID_CHARS: usize = 64;
pub const MAX_LESSON_STEPS: usize = 99;

impl LessonStep {
    /// `id/N`, N counted from 1.
    pub fn to_wire(&self) -> String {
        format!("{}/{}", self.lesson, self.step + 1)
    }

    /// Reads `id/N`: an id of lowercase ASCII letters, digits and `-`, and a step from 1 to
    /// [`MAX_LESSON_STEPS`]. Why it is refused otherwise.
    pub fn from_wire(s: &str) -> Result<LessonStep, FieldProblem> {
        let Some((id, n)) = s.split_once('/') else {
            return Err(FieldProblem::NoStepNumber);
        };
        let id_ok = !id.is_empty()
            && id.len() <= MAX_LESSON_ID_CHARS
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok {
            return Err(FieldProblem::NotALessonId {
                value: shortened(id),
            });
        }
        // Digits only, without a leading zero: every accepted link is one `to_wire` writes.
        let digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0');
        match n.parse::<usize>() {
            Ok(n @ 1..=MAX_LESSON_STEPS) if digits => Ok(LessonStep {
                lesson: id.to_string(),
                step: n - 1,
            }),
            _ => Err(FieldProblem::NotAStepNumber {
                value: shortened(n),
                max: MAX_LESSON_STEPS,
            }),
        }
    }
}

/// The prefix of every link this version writes, after the `#`.
pub const PREFIX: &str = "v1.";

/// The largest decompressed JSON a link may carry (1 MiB). Larger states are refused when
/// encoding, and inflating a link stops as soon as its output would pass this size, so a
/// small "zip bomb" link cannot make the page allocate more.
pub const MAX_DECODED_BYTES: usize = 1 << 20;

/// The longest `--target` a link may name. Stage names are short identifiers; a longer one is
/// not something a person typed.
pub const MAX_TARGET_CHARS: usize = 128;

/// Links longer than this (the whole URL) get a warning: some chat tools, mail clients and
/// older browsers cut or refuse them.
pub const LONG_LINK_CHARS: usize = 2000;

/// Why a link could not be opened. Each variant is one class of broken link with its own
/// message (see `Display`), so the page can say what went wrong instead of "invalid link".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// The fragment names a format version this page does not know (e.g. `#v2.…`).
    UnknownVersion(String),
    /// The payload has a character outside base64url's alphabet.
    BadBase64 { position: usize },
    /// The payload ends before the compressed data does: the link was cut off when copied.
    Truncated,
    /// The payload decodes, but not as deflate-compressed data.
    BadDeflate,
    /// The state inside the link is larger than [`MAX_DECODED_BYTES`] once decompressed.
    TooLarge,
    /// The decompressed text is not the JSON object a link carries.
    BadJson(JsonProblem),
    /// A field has a value no page could have written (e.g. an unknown builder).
    BadField {
        field: &'static str,
        reason: FieldProblem,
    },
}

/// What is wrong with a link's JSON, as data: the page words it in its language, `Display`
/// is the CLI's English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonProblem {
    /// The text ends inside a value.
    EndsEarly,
    /// Not JSON from that (1-based) column of the text on.
    Syntax { column: usize },
    /// JSON, but not a state: serde's own English ("unknown field `x`, expected one of …"),
    /// which names the field exactly, cut to a sentence's length.
    Data(String),
    /// The text could not be read.
    Unreadable,
}

impl fmt::Display for JsonProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonProblem::EndsEarly => f.write_str("it ends too early"),
            JsonProblem::Syntax { column } => write!(f, "invalid JSON at column {column}"),
            JsonProblem::Data(serde) => f.write_str(serde),
            JsonProblem::Unreadable => f.write_str("it could not be read"),
        }
    }
}

/// Why a field's value is refused, as data: the page words it in its language, `Display` is
/// the end of the CLI's English sentence. A user's value is kept shortened
/// ([`shortened`]), and quoted when shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    Empty,
    TooLong {
        chars: usize,
        max: usize,
    },
    ControlCharacter,
    /// A builder other than `buildkit` and `legacy`.
    NotABuilder {
        value: String,
    },
    /// A view other than the page's (`views` lists them, comma-separated).
    NotAView {
        value: String,
        views: String,
    },
    /// A lesson step without `/N`.
    NoStepNumber,
    /// A lesson id with other characters than lowercase letters, digits and `-`.
    NotALessonId {
        value: String,
    },
    /// A step number that is not 1 to `max` written plainly.
    NotAStepNumber {
        value: String,
        max: usize,
    },
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldProblem::Empty => f.write_str("it is empty"),
            FieldProblem::TooLong { chars, max } => {
                write!(f, "it is {chars} characters long (at most {max})")
            }
            FieldProblem::ControlCharacter => f.write_str("it contains a control character"),
            FieldProblem::NotABuilder { value } => {
                write!(f, "\"{value}\" is neither \"buildkit\" nor \"legacy\"")
            }
            FieldProblem::NotAView { value, views } => {
                write!(f, "\"{value}\" is not one of {views}")
            }
            FieldProblem::NoStepNumber => f.write_str("it has no step number (id/N)"),
            FieldProblem::NotALessonId { value } => write!(f, "\"{value}\" is not a lesson id"),
            FieldProblem::NotAStepNumber { value, max } => {
                write!(f, "\"{value}\" is not a step number from 1 to {max}")
            }
        }
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::UnknownVersion(v) => write!(
                f,
                "This share link uses format \"{v}\", which this version of Stageplay does not know."
            ),
            LinkError::BadBase64 { position } => write!(
                f,
                "This share link is damaged: character {} of its data is not allowed in a link.",
                position + 1
            ),
            LinkError::Truncated => f.write_str(
                "This share link is incomplete: it was probably cut off when it was copied. \
                 Copy the whole link and try again.",
            ),
            LinkError::BadDeflate => {
                f.write_str("This share link is damaged: its data cannot be decompressed.")
            }
            LinkError::TooLarge => write!(
                f,
                "This share link holds more than {} KiB of text, more than Stageplay opens.",
                MAX_DECODED_BYTES / 1024
            ),
            LinkError::BadJson(detail) => write!(
                f,
                "This share link is damaged: its data is not a Stageplay state ({detail})."
            ),
            LinkError::BadField { field, reason } => {
                write!(f, "This share link has an invalid {field}: {reason}.")
            }
        }
    }
}

impl std::error::Error for LinkError {}

/// The JSON object inside a link: every field optional, defaults omitted, unknown fields
/// refused (a typo or a link from a different format is an error, not silently dropped).
/// Builder and view stay strings here so that a bad value becomes [`LinkError::BadField`]
/// rather than a generic JSON error.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Wire {
    #[serde(default, skip_serializing_if = "str::is_empty")]
    dockerfile: Text,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    context: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    dockerignore: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    build_args: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    builder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    view: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lesson: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
}

/// base64url without padding when writing; padding is tolerated when reading, since some
/// tools add it.
const B64_WRITE: GeneralPurpose = general_purpose::URL_SAFE_NO_PAD;
const B64_READ: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Deflate level 10 is miniz's best ("uber") compression; states are small, so the extra
/// time is negligible and every byte saved shortens the link.
const DEFLATE_LEVEL: u8 = 10;

/// Checks the fields that the JSON types alone do not constrain. Shared by encoding and
/// decoding, so the page never writes a link it would refuse to open.
pub fn validate(state: &ShareState) -> Result<(), LinkError> {
    if let Some(target) = &state.target {
        check_target(target)?;
    }
    if let Some(at) = &state.lesson {
        LessonStep::from_wire(&at.to_wire()).map_err(|reason| LinkError::BadField {
            field: "lesson",
            reason,
        })?;
    }
    Ok(())
}

fn check_target(target: &str) -> Result<(), LinkError> {
    let bad = |reason: FieldProblem| {
        Err(LinkError::BadField {
            field: "target",
            reason,
        })
    };
    if target.trim().is_empty() {
        return bad(FieldProblem::Empty);
    }
    let chars = target.chars().count();
    if chars > MAX_TARGET_CHARS {
        return bad(FieldProblem::TooLong {
            chars,
            max: MAX_TARGET_CHARS,
        });
    }
    if target.chars().any(char::is_control) {
        return bad(FieldProblem::ControlCharacter);
    }
    Ok(())
}

/// The JSON text a link carries for `state`, with default values omitted.
pub fn to_json(state: &ShareState) -> String {
    let wire = Wire {
        dockerfile: state.dockerfile.clone(),
        context: state.context.clone(),
        dockerignore: state.dockerignore.clone(),
        build_args: state.build_args.clone(),
        target: state.target.clone(),
        builder: (state.builder != Builder::default()).then(|| state.builder.as_str().into()),
        view: (state.view != View::default()).then(|| state.view.as_str().into()),
        lesson: state.lesson.as_ref().map(LessonStep::to_wire),
        lang: state.lang.map(|l| l.tag().into()),
    };
    // Serialising a struct of strings cannot fail; an empty object is still a valid state.
    serde_json::to_string(&wire).unwrap_or_else(|_| "{}".into())
}

/// Encodes `state` as a fragment payload, `v1.<data>` (without the `#`).
pub fn encode(state: &ShareState) -> Result<String, LinkError> {
    validate(state)?;
    let json = to_json(state);
    if json.len() > MAX_DECODED_BYTES {
        return Err(LinkError::TooLarge);
    }
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), DEFLATE_LEVEL);
    Ok(format!("{PREFIX}{}", B64_WRITE.encode(packed)))
}

/// A full share URL: `base` (query kept, any fragment dropped) followed by `#v1.<data>`.
pub fn link(base: &str, state: &ShareState) -> Result<String, LinkError> {
    let base = base.split('#').next().unwrap_or(base);
    Ok(format!("{base}#{}", encode(state)?))
}

/// Reads a URL fragment (with or without its leading `#`). `Ok(None)` means the fragment is
/// not a share link at all (empty, or an ordinary anchor), so the page should ignore it.
pub fn decode_fragment(fragment: &str) -> Result<Option<ShareState>, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut chars = fragment.chars();
    let looks_versioned =
        chars.next() == Some('v') && chars.next().is_some_and(|c| c.is_ascii_digit());
    if !looks_versioned {
        return Ok(None);
    }
    decode(fragment).map(Some)
}

/// Decodes a fragment payload `v1.<data>` (the `#` already removed) into a state.
pub fn decode(payload: &str) -> Result<ShareState, LinkError> {
    let Some(data) = payload.strip_prefix(PREFIX) else {
        let version = payload.split('.').next().unwrap_or(payload);
        // Show at most a short prefix: the rest is opaque data the user cannot act on.
        let version: String = version.chars().take(16).collect();
        return Err(LinkError::UnknownVersion(version));
    };
    let packed = decode_base64(data)?;
    let json = inflate(&packed)?;
    from_json(&json)
}

/// Parses the JSON text of a link (as [`to_json`] writes it) and validates its fields.
pub fn from_json(json: &[u8]) -> Result<ShareState, LinkError> {
    let wire: Wire =
        serde_json::from_slice(json).map_err(|e| LinkError::BadJson(json_problem(&e)))?;
    let builder = match wire.builder.as_deref() {
        None => Builder::default(),
        Some("buildkit") => Builder::BuildKit,
        Some("legacy") => Builder::Legacy,
        Some(other) => {
            return Err(LinkError::BadField {
                field: "builder",
                reason: FieldProblem::NotABuilder {
                    value: shortened(other),
                },
            });
        }
    };
    let view = match wire.view.as_deref() {
        None => View::default(),
        Some(name) => View::parse(name).ok_or_else(|| LinkError::BadField {
            field: "view",
            reason: FieldProblem::NotAView {
                value: shortened(name),
                views: View::ALL.map(View::as_str).join(", "),
            },
        })?,
    };
    let lesson = match wire.lesson.as_deref() {
        None => None,
        Some(s) => Some(
            LessonStep::from_wire(s).map_err(|reason| LinkError::BadField {
                field: "lesson",
                reason,
            })?,
        ),
    };
    // A language this page does not speak (a link from a later version) opens in the
    // reader's own language rather than failing: the text is what matters.
    let lang = wire.lang.as_deref().and_then(Lang::parse);
    let state = ShareState {
        lesson,
        dockerfile: wire.dockerfile,
        context: wire.context,
        dockerignore: wire.dockerignore,
        build_args: wire.build_args,
        target: wire.target,
        builder,
        view,
        lang,
    };
    validate(&state)?;
    Ok(state)
}

/// Whether a full link is long enough to deserve the "may be cut off" warning.
pub fn is_long(link: &str) -> bool {
    link.chars().count() > LONG_LINK_CHARS
}

fn decode_base64(data: &str) -> Result<Vec<u8>, LinkError> {
    if data.is_empty() {
        return Err(LinkError::Truncated);
    }
    // Deflate never expands 1 MiB of JSON by more than a few hundred bytes, so a payload
    // much longer than 4/3 of the limit is refused before any work is done on it.
    if data.len() > (MAX_DECODED_BYTES + 64 * 1024) / 3 * 4 {
        return Err(LinkError::TooLarge);
    }
    B64_READ.decode(data).map_err(|e| match e {
        base64::DecodeError::InvalidByte(position, _) => LinkError::BadBase64 { position },
        // A length no encoder writes, or stray bits in the last character, is what cutting
        // a link at an arbitrary character produces.
        base64::DecodeError::InvalidLength(_)
        | base64::DecodeError::InvalidLastSymbol(_, _)
        | base64::DecodeError::InvalidPadding => LinkError::Truncated,
    })
}

fn inflate(packed: &[u8]) -> Result<Vec<u8>, LinkError> {
    use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_with_limit};
    decompress_to_vec_with_limit(packed, MAX_DECODED_BYTES).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => LinkError::TooLarge,
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => LinkError::Truncated,
        _ => LinkError::BadDeflate,
    })
}

/// A short description of what is wrong with the JSON, without echoing the user's text.
fn json_problem(e: &serde_json::Error) -> JsonProblem {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => JsonProblem::EndsEarly,
        Category::Syntax => JsonProblem::Syntax { column: e.column() },
        Category::Data => {
            let text = e.to_string();
            // serde's own message ("unknown field `x`, expected one of ...") is precise; it
            // ends with " at line L column C", which means nothing to a user. It quotes an
            // unknown field whole, so it is cut to a sentence's length (docs/fuzzing.md).
            let text = text.rfind(" at line ").map_or(&*text, |i| &text[..i]);
            let short: String = text.chars().take(200).collect();
            JsonProblem::Data(if short.len() < text.len() {
                format!("{short}…")
            } else {
                short
            })
        }
        Category::Io => JsonProblem::Unreadable,
    }
}

/// A user-supplied value, shortened for an error message (which quotes it).
fn shortened(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("{short}…")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_state_is_an_empty_object() {
        assert_eq!(to_json(&ShareState::default()), "{}");
    }

    #[test]
    fn defaults_are_omitted_and_others_kept() {
        let s = ShareState {
            dockerfile: "FROM alpine\n".into(),
            builder: Builder::Legacy,
            ..ShareState::default()
        };
        assert_eq!(
            to_json(&s),
            r#"{"dockerfile":"FROM alpine\n","builder":"legacy"}"#
        );
    }
}
