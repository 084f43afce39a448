//! JSONArgsRecommended: CMD and ENTRYPOINT in exec (JSON) form.
//!
//! What it does: flags shell-form CMD / ENTRYPOINT (unless the stage set its own SHELL).
//! Why is this bad? Shell form runs the program under `/bin/sh -c`, which does not forward
//! signals: `docker stop` waits and then kills the container.
//! Example: `CMD node server.js` → `CMD ["node", "server.js"]`.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};

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

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in &ctx.a.stages {
        let mut custom_shell = false;
        for &i in &s.instructions {
            let Some(inst) = ctx.a.instructions.get(i) else {
                continue;
            };
            match inst.keyword {
                Keyword::Shell => custom_shell = true,
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
    }
}
