//! `test/start-supervised`: Process started in a test without start_supervised. See `start_supervised.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/start-supervised",
    title: "Process started in a test without start_supervised",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("start_supervised.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
