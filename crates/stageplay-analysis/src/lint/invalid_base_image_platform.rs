//! InvalidBaseImagePlatform (BuildKit): a base image pulled for another platform than the
//! build's. Not simulated.
//!
//! What it does: BuildKit warns when the image a FROM resolves to was pulled with a platform
//! other than the one the stage is built for.
//! Why is this bad? The stage runs (emulated, or not at all) on the wrong architecture.
//! Example: `FROM --platform=linux/amd64 arm64v8/alpine`: BuildKit can only tell once the
//! registry has answered.
//!
//! Stageplay does not report it: the platform an image was pulled with comes from the
//! registry (moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go`
//! `validateBaseImagePlatform` compares it with the image config the resolver returned), and
//! Stageplay never asks a registry. Its row in the rule table has no check; the rule
//! reference says why.

use super::Rule;
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    name: "InvalidBaseImagePlatform",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "BuildKit warns \"Base image X was pulled with platform \"A\", expected \"B\" \
        for current build\" when the image a FROM resolves to is for another platform than the \
        stage. Not simulated: only the registry knows an image's platforms, and Stageplay \
        never contacts one.",
    bad: "FROM --platform=linux/amd64 arm64v8/alpine\n",
    good: "FROM --platform=linux/arm64 arm64v8/alpine\n",
};

/// Why Stageplay does not report the rule: shown by the rule reference.
pub const NOT_SIMULATED: &str = "needs the registry: the platform a base image was pulled \
    with is known only once the registry has answered, and Stageplay never contacts one";
