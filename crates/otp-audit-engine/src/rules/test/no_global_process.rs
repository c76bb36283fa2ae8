//! `test/no-global-process`: Test uses a globally registered process. See `no_global_process.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/no-global-process",
    title: "Test uses a globally registered process",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_global_process.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
