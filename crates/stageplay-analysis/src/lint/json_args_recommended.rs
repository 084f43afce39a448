//! JSONArgsRecommended: CMD and ENTRYPOINT in exec (JSON) form.
//!
//! What it does: flags shell-form CMD / ENTRYPOINT (unless the stage set its own SHELL
//! or inherited one from the stage it is built FROM).
//! Why is this bad? Shell form runs the program under `/bin/sh -c`, which does not forward
//! signals: `docker stop` waits and then kills the container.
//! Example: `CMD node server.js` → `CMD ["node", "server.js"]`.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};
use crate::stages::Base;

pub const RULE: Rule = Rule {
    name: "JSONArgsRecommended",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "In shell form, CMD and ENTRYPOINT run under /bin/sh -c, so the shell, not \
        your program, is process 1 and receives the stop signal; the program never sees it \
        and is killed after the timeout. The JSON (exec) form runs the program directly.",
    bad: "FROM node:20\nCMD node server.js\n",
    good: "FROM node:20\nCMD [\"node\", \"server.js\"]\n",
};

/// Reports shell-form CMD and ENTRYPOINT while the stage's image has no SHELL, as BuildKit's
/// `dispatchCmd` and `dispatchEntrypoint` do (moby/buildkit
/// `frontend/dockerfile/dockerfile2llb/convert.go`). A stage built FROM an earlier stage
/// starts with that stage's image config, so it inherits the SHELL that stage ended with.
pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // Whether each stage's image has a SHELL at the end of the stage, by stage index.
    let mut shell_at_end = vec![false; ctx.a.stages.len()];
    for s in &ctx.a.stages {
        let mut custom_shell = match s.base {
            Base::Stage { stage } => shell_at_end.get(stage).copied().unwrap_or(false),
            _ => false,
        };
        for &i in &s.instructions {
            let Some(inst) = ctx.a.instructions.get(i) else {
                continue;
            };
            match inst.keyword {
                // `SHELL []` leaves the config's shell empty, which BuildKit treats as unset.
                Keyword::Shell => custom_shell = !inst.args.is_empty(),
                Keyword::Cmd | Keyword::Entrypoint if !inst.exec_form && !custom_shell => {
                    let k = inst.keyword.as_str();
                    out.push(Diagnostic::new(
                        &RULE,
                        inst.span,
                        format!(
                            "JSON arguments recommended for {k} to prevent unintended behavior related to OS signals"
                        ),
                    ));
                }
                _ => {}
            }
        }
        if let Some(slot) = shell_at_end.get_mut(s.index) {
            *slot = custom_shell;
        }
    }
}
