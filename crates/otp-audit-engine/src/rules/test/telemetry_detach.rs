//! `test/telemetry-detach`: Telemetry handler attached in a test and never detached. See `telemetry_detach.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/telemetry-detach",
    title: "Telemetry handler attached in a test and never detached",
    severity: Severity::Info,
    scopes: TEST,
    fix: Fixability::Safe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("telemetry_detach.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
