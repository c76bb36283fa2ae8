//! `otp/no-raw-spawn`: Unsupervised spawn. See `no_raw_spawn.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/no-raw-spawn",
    title: "Unsupervised spawn",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_raw_spawn.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
