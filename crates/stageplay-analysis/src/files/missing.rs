//! The build errors the file simulation finds: a path the build needs that is not there.
//! A COPY or ADD source missing from the listed build context or from a source stage whose
//! whole filesystem is known, and a RUN whose shell or program is missing from such a stage.
//! The simulation never claims a path is missing from an image it only estimates: these
//! checks run only for a listed context and for complete stages (`StageState::complete`).

use crate::errors::{COPY_SOURCE_NOT_FOUND, RUN_EXECUTABLE_NOT_FOUND};

use super::context::join;
use super::sim::{Sim, Step};

/// The directories of the default `PATH` BuildKit gives a container whose image sets none
/// (`util/system`'s `DefaultPathEnvUnix`).
const DEFAULT_PATH: &[&str] = &[
    "/usr/local/sbin",
    "/usr/local/bin",
    "/usr/sbin",
    "/usr/bin",
    "/sbin",
    "/bin",
];

/// BuildKit's error for a source path it cannot checksum (`cache/contenthash/checksum.go`,
/// wrapped by `solver/llbsolver/ops/opsutils/contenthash.go` and `solver/edge.go`). The
/// ref's id is only known to the builder.
pub(super) fn not_found_message(path: &str) -> String {
    format!(
        "failed to compute cache key: failed to calculate checksum of ref …: \"{path}\": not found"
    )
}

impl Sim<'_> {
    /// The step's keyword: a replayed ONBUILD trigger's own, not its FROM's.
    fn keyword_at(&self, step: &Step) -> &'static str {
        match self.replaying {
            Some((keyword, _)) => keyword.as_str(),
            None => self.keyword_of(step.instruction),
        }
    }

    /// Reports a source missing from the listed build context: `src` as written, `rel`
    /// cleaned and relative to the context root. The legacy builder says it its own way
    /// (moby's classic builder, `daemon/builder/dockerfile/copy.go`: `calcCopyInfo` wraps
    /// `copyInfoForFile`'s "stat SRC: file does not exist", and `createCopyInstruction`
    /// prefixes "COPY failed").
    pub(super) fn source_not_in_context(&mut self, step: &Step, src: &str, rel: &str) {
        let message = if self.legacy {
            format!(
                "{} failed: file not found in build context or excluded by .dockerignore: \
                 stat {}: file does not exist",
                self.keyword_at(step),
                legacy_stat_path(src)
            )
        } else {
            not_found_message(&["/", rel].concat())
        };
        self.fail(step, &COPY_SOURCE_NOT_FOUND, message);
    }

    /// The legacy builder fails on a wildcard that matches nothing ("COPY failed: no
    /// source files were specified"); BuildKit copies nothing.
    pub(super) fn no_source_files(&mut self, step: &Step) {
        if self.legacy {
            let message = format!(
                "{} failed: no source files were specified",
                self.keyword_at(step)
            );
            self.fail(step, &COPY_SOURCE_NOT_FOUND, message);
        }
    }

    /// Reports a source missing from a complete source stage: `src` as written, `path`
    /// absolute. The legacy builder's `calcCopyInfo` returns `copyInfoForFile`'s error
    /// unwrapped for a stage or image source, under `createCopyInstruction`'s "COPY failed".
    pub(super) fn source_not_in_stage(&mut self, step: &Step, src: &str, path: &str) {
        let message = if self.legacy {
            format!(
                "{} failed: stat {}: file does not exist",
                self.keyword_at(step),
                legacy_stat_path(src)
            )
        } else {
            not_found_message(path)
        };
        self.fail(step, &COPY_SOURCE_NOT_FOUND, message);
    }

    /// RUN in a stage whose filesystem is all known: its shell (shell form) or its program
    /// (exec form) must be there, or the runtime cannot start the process. BuildKit wraps
    /// the runtime's error (`solver/llbsolver/ops/exec.go`: "process %q did not complete
    /// successfully"); runc's part is as docker/buildx issue 2400 shows it. A RUN with a
    /// mount is not checked: the mount may bring the program.
    pub(super) fn check_executable(&mut self, step: &mut Step) {
        let v = step.view;
        if !self.is_complete(step.st) || !v.mounts.is_empty() {
            return;
        }
        let default_shell = ["/bin/sh".to_string(), "-c".to_string()];
        let shell: &[String] = step.st.shell.as_deref().unwrap_or(&default_shell);
        let (program, args): (&str, String) = if v.exec_form {
            (v.args.first().copied().unwrap_or(""), v.args.join(" "))
        } else {
            let mut line = shell.join(" ");
            line.push(' ');
            line.push_str(&v.args.join(" "));
            (shell.first().map_or("", String::as_str), line)
        };
        if program.is_empty() {
            return;
        }
        let found = |path: &str| step.st.files.get(path).is_some_and(|e| !e.is_dir);
        let runtime = if program.contains('/') {
            let path = join(&step.st.workdir, program);
            if found(&path) {
                return;
            }
            format!("exec: \"{program}\": stat {program}: no such file or directory")
        } else {
            let in_path = match crate::lexer::Lookup::get(&step.st.vars, "PATH") {
                Some(path) => path.split(':').any(|d| found(&join(d, program))),
                None => DEFAULT_PATH.iter().any(|d| found(&join(d, program))),
            };
            if in_path {
                return;
            }
            format!("exec: \"{program}\": executable file not found in $PATH")
        };
        // The legacy builder starts a container (`dispatchers.go`, `dispatchRun`, then
        // `containerbackend.go`, `Run`) and returns the daemon's start error as it is; its
        // wording is containerd's and runc's, shown here as Docker Engine 24 and later print
        // it.
        let message = if self.legacy {
            format!(
                "failed to create task for container: failed to create shim task: OCI runtime \
                 create failed: runc create failed: unable to start container process: \
                 {runtime}: unknown"
            )
        } else {
            format!(
                "process \"{args}\" did not complete successfully: runc run failed: unable to \
                 start container process: {runtime}"
            )
        };
        self.fail(step, &RUN_EXECUTABLE_NOT_FOUND, message);
    }
}

/// The path the legacy builder names in a `stat` error: the source as written, less one
/// leading `/` and then one leading `./` (`copy.go`, `calcCopyInfo`).
fn legacy_stat_path(src: &str) -> &str {
    let p = src.strip_prefix('/').unwrap_or(src);
    p.strip_prefix("./").unwrap_or(p)
}
