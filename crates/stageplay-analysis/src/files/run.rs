//! RUN: the recognisers of `run_effects` read the command; their operations become paths,
//! except where a cache, tmpfs, secret or bind mount keeps them out of the image.

use std::rc::Rc;

use crate::span::shorten_in_place;

use super::context::join;
use super::run_effects::{self, Op, RunScript};
use super::sim::{OutputArea, RunRecord, Sim, Step, is_within, under};
use super::{EffectNote, FileEntry, FileKind};

impl Sim<'_> {
    /// Simulates a RUN: the recognisers' operations become paths, writes under mounts are
    /// noted as not persisted, and the RUN is recorded for `COPY --from` inference.
    pub(super) fn run(&mut self, step: &mut Step) {
        let v = step.view;
        let i = step.instruction;
        let heredocs = &v.heredocs;
        // `RUN <<EOF` alone: the heredoc is the script.
        let mut text = v.args.join(" ");
        if !v.exec_form
            && text.trim().is_empty()
            && let Some((name, _)) = v.heredocs.first()
        {
            text = format!("<<{name}");
        }
        let script = if v.exec_form {
            RunScript::Exec(&v.args)
        } else {
            RunScript::Shell(&text)
        };
        let fx = run_effects::analyze_run_with(
            &script,
            heredocs,
            &step.st.workdir,
            &step.st.vars,
            false,
        );
        // The text later `COPY --from` inference searches: the command and heredoc bodies.
        let mut mention = text;
        for (_, b) in &v.heredocs {
            if mention.len() > 4096 {
                break;
            }
            mention.push('\n');
            mention.push_str(b);
        }
        shorten_in_place(&mut mention, 4096);
        step.st.runs.push(RunRecord {
            instruction: i,
            text: Rc::from(mention),
            stage: step.stage,
            unknown: fx.unknown,
        });
        // Writes under a cache, tmpfs, secret or bind mount do not persist in the image.
        // (target, type as written); only needed when the RUN changes paths.
        let mounts: Vec<(String, &str)> = if fx.ops.is_empty() {
            Vec::new()
        } else {
            v.mounts
                .iter()
                .filter_map(|m| m.target.map(|t| (join(&step.st.workdir, t), m.kind)))
                .collect()
        };
        let mounted = |p: &str| {
            mounts
                .iter()
                .find(|(t, _)| is_within(p, t))
                .map(|(t, k)| (t.as_str(), *k))
        };
        for op in fx.ops {
            match op {
                Op::Add {
                    path,
                    is_dir,
                    size,
                    by,
                } => {
                    if let Some((t, kind)) = mounted(&path) {
                        let kind = kind.to_ascii_lowercase();
                        step.notes.push(EffectNote::WrittenToMount {
                            path: path.clone(),
                            kind,
                            target: t.to_string(),
                        });
                        step.st.not_persisted.push(path);
                        continue;
                    }
                    // A directory that already exists grows: a second `apt-get install`
                    // adds its packages to `/usr` (the entry keeps its first origin).
                    if is_dir
                        && let Some(e) = step.st.files.get_mut(path.as_str())
                        && e.is_dir
                    {
                        let add = size.unwrap_or(0);
                        if e.provenance.kind != FileKind::Base {
                            let e = Rc::make_mut(e);
                            e.size = Some(e.size.unwrap_or(0).saturating_add(add));
                        }
                        step.effect.layer_bytes = step.effect.layer_bytes.saturating_add(add);
                        continue;
                    }
                    self.insert(
                        step,
                        FileKind::Run,
                        &path,
                        is_dir,
                        size,
                        Some(["by `", by, "`"].concat()),
                    );
                }
                Op::Remove { path, .. } => {
                    if mounted(&path).is_none() {
                        self.remove(step, &path);
                    }
                }
                Op::Copy { from, to, by } | Op::Move { from, to, by } => {
                    let moving = by == "mv";
                    let found: Vec<Rc<FileEntry>> = under(&step.st.files, &from)
                        .map(|(_, e)| Rc::clone(e))
                        .collect();
                    let to_dir = step.st.files.get(to.as_str()).is_some_and(|e| e.is_dir);
                    for e in &found {
                        let inside = e
                            .path
                            .strip_prefix(from.as_str())
                            .unwrap_or("")
                            .trim_start_matches('/');
                        let base = if to_dir {
                            join(&to, from.rsplit('/').next().unwrap_or(""))
                        } else {
                            to.clone()
                        };
                        let target = join(&base, inside);
                        let mut prov = self.prov_unlabelled(
                            step.stage,
                            Some(i),
                            FileKind::Run,
                            e.provenance.origin_path.clone(),
                        );
                        self.push_own_label(&mut prov);
                        prov.origin_stage = e.provenance.origin_stage;
                        prov.origin_instruction = e.provenance.origin_instruction;
                        prov.origin_kind = e.provenance.origin_kind;
                        prov.origin_line = e.provenance.origin_line;
                        let entry = FileEntry {
                            path: target,
                            is_dir: e.is_dir,
                            size: e.size,
                            provenance: prov,
                            note: Some(["by `", by, "` from ", e.path.as_str()].concat()),
                        };
                        self.insert_entry(step, entry);
                    }
                    if moving && !found.is_empty() {
                        self.remove(step, &from);
                    }
                    if found.is_empty() {
                        // The source is unknown (produced by an unknown command): record
                        // the destination so later COPY --from can find it.
                        if mounted(&to).is_none() && !step.st.files.contains_key(to.as_str()) {
                            self.insert(
                                step,
                                FileKind::Run,
                                &to,
                                false,
                                None,
                                Some(format!("by `{by}` from {from}")),
                            );
                        }
                    }
                }
                Op::Area { dir, size, .. } => {
                    if mounted(&dir).is_none() {
                        step.st.areas.push(OutputArea {
                            dir,
                            instruction: i,
                            size,
                        });
                    }
                }
            }
        }
        for m in &v.mounts {
            if m.kind.eq_ignore_ascii_case("cache")
                && let Some(t) = m.target
            {
                step.notes.push(EffectNote::CacheMount {
                    target: t.to_string(),
                });
            }
        }
        if fx.unknown {
            step.notes.push(EffectNote::RunUnknown);
        }
        if fx.truncated {
            step.notes.push(EffectNote::ScriptTruncated);
        }
    }
}
