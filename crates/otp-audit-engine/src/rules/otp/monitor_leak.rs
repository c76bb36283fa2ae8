//! `otp/monitor-leak`: Monitor without :DOWN handling or demonitor. See `monitor_leak.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/monitor-leak",
    title: "Monitor without :DOWN handling or demonitor",
    severity: Severity::Warning,
    scopes: LIB_AND_TEST,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("monitor_leak.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
