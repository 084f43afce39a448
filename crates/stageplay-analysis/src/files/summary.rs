//! The summary after simulating: the final image, what the built stages leave behind, and
//! the size estimates.

use std::ops::Bound;

use crate::plan::TargetPlan;
use crate::span::floor_char_boundary;
use crate::stages::Base;

use super::images::human_size;
use super::sim::{Sim, StageState};
use super::{FileFlow, FileKind, FinalImage, LeftBehindStage, MAX_PATHS, SizeSummary, StageFs};

impl Sim<'_> {
    /// Summarises, then moves the per-stage states into the result (no second copy).
    pub(super) fn finish(self, plan: &TargetPlan) -> FileFlow {
        let built = plan.built_flags(self.stages.len());
        let mut flow = self.summarise(plan, &built);
        flow.context = self.ctx;
        flow.stages = self
            .states
            .into_iter()
            .enumerate()
            .map(|(s, st)| StageFs {
                stage: s,
                size: stage_size(&st),
                entries: st.files.into_values().collect(),
                workdir: st.workdir,
                effects: st.effects,
                layers_bytes: st.layers_bytes,
                base_image: st.base_image,
                base_size: st.base_size,
                wasted: st.wasted,
                built: built.get(s).copied().unwrap_or(false),
            })
            .collect();
        flow
    }

    /// The final image, what is left behind and the sizes, from the simulated stages.
    fn summarise(&self, plan: &TargetPlan, built: &[bool]) -> FileFlow {
        let mut flow = FileFlow::default();
        // A target that cannot be built (an unknown name, a dependency cycle) has no image.
        let Some(target) = plan
            .target
            .filter(|&t| t < self.states.len() && built.get(t).copied().unwrap_or(false))
        else {
            flow.size.estimate = true;
            flow.size.summary = "no buildable target stage: nothing to size".into();
            return flow;
        };
        let Some(fin) = self.states.get(target) else {
            return flow;
        };
        // The target's FROM chain: its stages' own paths reach the image too.
        let mut chain = vec![target];
        let mut cur = target;
        while let Some(Base::Stage { stage: p }) = self.stages.get(cur).map(|s| &s.base) {
            if *p >= cur || chain.len() > self.stages.len() {
                break;
            }
            chain.push(*p);
            cur = *p;
        }
        let mut in_chain = vec![false; self.stages.len()];
        for &s in &chain {
            if let Some(x) = in_chain.get_mut(s) {
                *x = true;
            }
        }
        flow.final_image = FinalImage {
            stage: Some(target),
            base: fin.base_image.clone(),
            base_size: fin.base_size,
            base_size_label: match (fin.base_image.as_ref(), fin.base_size) {
                (None, Some(_)) => "scratch: 0 B".into(),
                (_, Some(b)) => format!("≈ {} (estimate)", human_size(b)),
                _ => "size unknown".into(),
            },
            base_source: fin.base_source.clone(),
            base_paths: fin.base_paths.to_vec(),
            files: fin
                .files
                .values()
                .filter(|e| {
                    e.provenance.kind != FileKind::Base || e.provenance.instruction.is_some()
                })
                .map(|e| (**e).clone())
                .collect(),
            wasted: fin.wasted.clone(),
        };
        // What reaches the final image, by origin.
        let reached: std::collections::BTreeSet<(usize, Option<usize>, &str)> = fin
            .files
            .values()
            .map(|e| &**e)
            .chain(fin.wasted.iter())
            .map(|e| {
                (
                    e.provenance.origin_stage,
                    e.provenance.origin_instruction,
                    e.provenance.origin_path.as_str(),
                )
            })
            .collect();
        // The final image's paths by origin stage and path: what a directory's contents reach.
        let reached_paths: std::collections::BTreeSet<(usize, &str)> = fin
            .files
            .values()
            .map(|e| (e.provenance.origin_stage, e.provenance.origin_path.as_str()))
            .collect();
        for (s, st) in self.states.iter().enumerate() {
            if !built.get(s).copied().unwrap_or(false) || in_chain.get(s).copied().unwrap_or(true) {
                continue;
            }
            let parent = match self.stages.get(s).map(|x| &x.base) {
                Some(Base::Stage { stage }) => Some(*stage),
                _ => None,
            };
            let mut bytes = 0u64;
            let mut count = 0usize;
            for e in st.files.values() {
                // Only what this stage produced itself (its parents report theirs).
                let own = e.provenance.stage == s
                    && (e.provenance.instruction.is_some() || parent.is_none());
                if !own {
                    continue;
                }
                let key = (
                    e.provenance.origin_stage,
                    e.provenance.origin_instruction,
                    e.provenance.origin_path.as_str(),
                );
                if reached.contains(&key) {
                    continue;
                }
                // A path the final image also has (its own base ships `python3` too, or
                // the same `alpine` brings the same `busybox`) is not left behind.
                if fin.files.contains_key(e.path.as_str()) {
                    continue;
                }
                // A directory whose contents partly reach the image is not left behind.
                if e.is_dir && e.size.unwrap_or(0) == 0 {
                    let prefix = format!("{}/", e.path.trim_end_matches('/'));
                    // The first reached path of this stage at or after the prefix is the
                    // only one that can start with it.
                    let inside = reached_paths
                        .range((s, prefix.as_str())..)
                        .next()
                        .is_some_and(|&(rs, p)| rs == s && p.starts_with(prefix.as_str()));
                    // Nor is a directory the final image holds paths under, whoever put
                    // them there.
                    let holds = fin
                        .files
                        .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
                        .next()
                        .is_some_and(|(p, _)| p.starts_with(prefix.as_str()));
                    if inside || holds {
                        continue;
                    }
                }
                bytes = bytes.saturating_add(e.size.unwrap_or(0));
                count += 1;
                flow.left_behind.push((**e).clone());
            }
            let base_left =
                parent.is_none() && st.base_image.is_some() && st.base_image != fin.base_image;
            flow.left_behind_stages.push(LeftBehindStage {
                stage: s,
                name: self.stage_name(s),
                base: if base_left {
                    st.base_image.clone()
                } else {
                    None
                },
                base_size: if base_left { st.base_size } else { None },
                bytes: bytes.saturating_add(st.wasted.iter().filter_map(|w| w.size).sum::<u64>()),
                paths: count,
            });
        }
        // Sizes.
        let mut by_origin: Vec<(String, u64)> = Vec::new();
        let root = chain.last().copied().unwrap_or(target);
        let root_state = self.states.get(root);
        match root_state.and_then(|r| r.base_image.clone()) {
            Some(img) => by_origin.push((format!("base {img}"), fin.base_size.unwrap_or(0))),
            None => by_origin.push(("scratch".into(), 0)),
        }
        for &s in chain.iter().rev() {
            if let Some(st) = self.states.get(s) {
                for eff in st.effects.iter().filter(|e| e.stage == s) {
                    let kw = self.keyword_of(eff.instruction);
                    // A FROM's own effect is the base (counted above); the ONBUILD triggers
                    // replayed at the FROM line are layers of their own.
                    let trigger = eff.label.starts_with("ONBUILD ");
                    if eff.layer_bytes == 0 || (kw == "FROM" && !trigger) {
                        continue;
                    }
                    by_origin.push((
                        shorten(&format!("line {}: {}", eff.line, eff.label), 60),
                        eff.layer_bytes,
                    ));
                }
            }
        }
        let final_known = fin.base_size.unwrap_or(0).saturating_add(fin.layers_bytes);
        let wasted: u64 = fin.wasted.iter().filter_map(|w| w.size).sum();
        let final_bytes = fin.base_size.map(|_| final_known);
        // The build stage: the heaviest built stage outside the target's chain.
        let build = self
            .states
            .iter()
            .enumerate()
            .filter(|(s, _)| {
                built.get(*s).copied().unwrap_or(false)
                    && !in_chain.get(*s).copied().unwrap_or(true)
            })
            .filter_map(|(s, st)| stage_size(st).map(|b| (s, b)))
            .max_by_key(|&(s, b)| (b, std::cmp::Reverse(s)));
        let saving = match (final_bytes, build) {
            (Some(f), Some((_, b))) if b > 0 && f <= b => {
                Some((100.0 - (f as f64) * 100.0 / (b as f64)).round() as u32)
            }
            _ => None,
        };
        let summary = match (final_bytes, build) {
            (Some(f), Some((s, b))) => match saving {
                Some(p) => format!(
                    "≈ {} instead of ≈ {} for shipping stage {}: {p} % smaller (estimates)",
                    human_size(f),
                    human_size(b),
                    self.stage_name(s)
                ),
                None => format!(
                    "≈ {} (estimate); shipping stage {} would be ≈ {}",
                    human_size(f),
                    self.stage_name(s),
                    human_size(b)
                ),
            },
            (Some(f), None) => format!("≈ {} (estimate)", human_size(f)),
            (None, _) => format!(
                "size unknown: the base image is not in the catalogue (layers ≈ {}, estimate)",
                human_size(fin.layers_bytes)
            ),
        };
        let summary = if wasted > 0 {
            format!(
                "{summary}; ≈ {} of it is removed by a later layer but still stored",
                human_size(wasted)
            )
        } else {
            summary
        };
        flow.size = SizeSummary {
            estimate: true,
            final_bytes,
            final_known_bytes: final_known,
            build_stage: build.map(|(s, _)| s),
            build_stage_bytes: build.map(|(_, b)| b),
            saving_percent: saving,
            by_origin,
            summary,
        };
        if self.capped {
            flow.capped = true;
            flow.notes.push(format!(
                "The simulation stopped adding paths after {MAX_PATHS}: the lists are incomplete."
            ));
        }
        if self.records_capped {
            flow.notes.push(format!(
                "The stages built FROM other stages stopped inheriting their RUN records and \
                 variables after {MAX_PATHS}: later COPY --from inferences are less precise."
            ));
        }
        flow
    }
}

/// Estimated total size of a stage: its base plus every layer; `None` when the base's
/// size is unknown.
fn stage_size(st: &StageState) -> Option<u64> {
    st.base_size.map(|b| b.saturating_add(st.layers_bytes))
}

/// [`shorten_in_place`] for a borrowed string: copies only the part that is kept.
fn shorten(s: &str, max: usize) -> String {
    let mut out = s
        .get(..floor_char_boundary(s, max))
        .unwrap_or("")
        .to_string();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}
