//! The step-through view model: one step per instruction, in the order the chosen builder
//! runs them (BuildKit wave by wave, legacy stage by stage), with each step's file changes.

use crate::analysis::{Analysis, files::Effect};

/// One step of the build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step<'a> {
    pub stage: usize,
    /// Index into `Analysis::instructions`.
    pub instruction: usize,
    /// The wave (BuildKit) or position (legacy) of the stage, from 0.
    pub wave: usize,
    /// Other stages of the same wave, built in parallel (BuildKit only).
    pub parallel: Vec<usize>,
    /// The instruction's effect on the stage's filesystem, when the simulation recorded one.
    pub effect: Option<&'a Effect>,
}

/// The steps of the plan, in build order.
pub fn steps(a: &Analysis) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for (w, wave) in a.plan.waves.iter().enumerate() {
        for &s in wave {
            let Some(stage) = a.stages.get(s) else {
                continue;
            };
            let fs = a.files.stages.iter().find(|f| f.stage == s);
            let parallel: Vec<usize> = wave.iter().copied().filter(|&o| o != s).collect();
            for i in
                std::iter::once(stage.from_instruction).chain(stage.instructions.iter().copied())
            {
                out.push(Step {
                    stage: s,
                    instruction: i,
                    wave: w,
                    parallel: parallel.clone(),
                    effect: fs.and_then(|f| f.effects.iter().find(|e| e.instruction == i)),
                });
            }
        }
    }
    out
}

/// The number of steps, without building them.
pub fn step_count(a: &Analysis) -> usize {
    a.plan
        .waves
        .iter()
        .flatten()
        .filter_map(|&s| a.stages.get(s))
        .map(|s| 1 + s.instructions.len())
        .sum()
}
