//! InvalidDefinitionDescription (BuildKit, experimental): a comment right above a FROM ... AS
//! or an ARG that does not start with the stage's or the argument's name.
//!
//! What it does: flags a FROM with a stage name, or an ARG, whose preceding comment does not
//! begin with that name (`docker build --call=outline` shows such comments as descriptions).
//! Why is this bad? The comment is read as a description of something else, or is lost.
//! Example: `# builds the CLI` above `FROM alpine AS cli` → `# cli builds the CLI`.
//!
//! BuildKit runs it only when `# check=experimental=InvalidDefinitionDescription` (or `all`)
//! turns it on; `check::apply` drops its findings otherwise.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "InvalidDefinitionDescription",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "Experimental BuildKit check, off unless `# check=experimental=` names it. A \
        comment directly above `FROM ... AS name` or `ARG name` is read as the stage's or the \
        argument's description (`docker build --call=outline`), and must start with that \
        name: `# name description`. Separate other comments from the instruction with an empty \
        comment line (`#`); in BuildKit 1.26 an empty line does not separate them, although \
        its documentation says so.",
    bad: "# check=experimental=InvalidDefinitionDescription\n# the build stage\nFROM alpine AS build\n",
    good: "# check=experimental=InvalidDefinitionDescription\n# build compiles the program\nFROM alpine AS build\n",
};

/// Follows moby/buildkit `frontend/dockerfile/parser/parser.go` (`Parse`: comment lines
/// collect into the next instruction's `PrevComment`; an empty comment `#` clears them, an
/// empty line does not; parser directives are not comments) and
/// `instructions/parse.go` (`validateDefinitionDescription`: the last comment's first
/// space-separated word must be one of the keys; the stage name is lowercased).
pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut prev_end = 0;
    for inst in &ctx.a.instructions {
        let region_start = prev_end.min(inst.span.start);
        prev_end = inst.span.end;
        let defines = match inst.keyword {
            Keyword::From => inst.stage_name.is_some(),
            Keyword::Arg => true,
            _ => false,
        };
        if !defines {
            continue;
        }
        // Most definitions have no comment above them: look for one before naming keys.
        let Some(last) = last_comment(ctx, region_start, inst.span.start) else {
            continue;
        };
        let keys: Vec<String> = match &inst.stage_name {
            Some(n) if inst.keyword == Keyword::From => vec![n.value.to_ascii_lowercase()],
            _ => inst.pairs.iter().map(|p| p.key.clone()).collect(),
        };
        if keys.is_empty() {
            continue;
        }
        let first_word = last.split(' ').next().unwrap_or("");
        if keys.iter().any(|k| k == first_word) {
            continue;
        }
        let example = if keys.len() > 1 {
            "<arg_key>"
        } else {
            keys[0].as_str()
        };
        out.push(Diagnostic::new(
            &RULE,
            inst.span,
            [
                "Comment for ",
                inst.keyword.as_str(),
                " should follow the format: `# ",
                example,
                " <description>`",
            ]
            .concat(),
        ));
    }
}

/// The last comment BuildKit keeps for the instruction starting at `end`, from the lines
/// between the previous instruction and it, or `None` when there is none.
fn last_comment<'t>(ctx: &Ctx<'t>, start: usize, end: usize) -> Option<&'t str> {
    crate::parse::last_comment_before(ctx.text, &ctx.a.directives, start, end)
}
