//! `otp/infinity-timeout`: Infinite timeout on a call or await. See `infinity_timeout.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/infinity-timeout",
    title: "Infinite timeout on a call or await",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("infinity_timeout.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
