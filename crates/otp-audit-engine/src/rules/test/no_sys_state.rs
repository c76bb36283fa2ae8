//! `test/no-sys-state`: Test reads or replaces a process's internal state. See `no_sys_state.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/no-sys-state",
    title: "Test reads or replaces a process's internal state",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_sys_state.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
