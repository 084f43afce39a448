//! The words the Build plan and Step through views use: a stage's name and the one-line
//! difference between BuildKit and the legacy builder.

use crate::analysis::{Analysis, Builder};

/// A stage's name as the page shows it (`stage-N` for an index the analysis lacks).
pub fn stage_name(a: &Analysis, s: usize) -> String {
    a.stages
        .get(s)
        .map(|s| s.display_name())
        .unwrap_or_else(|| format!("stage-{s}"))
}

/// The one-line difference between the chosen builder and the other one.
pub fn builder_difference(a: &Analysis) -> String {
    let (bk, legacy) = match a.plan.builder {
        Builder::BuildKit => (&a.plan, &a.other_plan),
        Builder::Legacy => (&a.other_plan, &a.plan),
    };
    let extra: Vec<String> = legacy
        .built
        .iter()
        .filter(|s| !bk.built.contains(s))
        .map(|&s| format!("`{}`", stage_name(a, s)))
        .collect();
    if extra.is_empty() {
        "BuildKit and the legacy builder build the same stages for this target.".to_string()
    } else {
        let n = extra.len();
        let list = if n > 6 {
            format!("{}, … ({} more)", extra[..6].join(", "), n - 6)
        } else {
            extra.join(", ")
        };
        format!(
            "Legacy builds {n} more stage{}: {list}.",
            if n == 1 { "" } else { "s" }
        )
    }
}
