//! `test/no-assertion`: Test without an assertion. See `no_assertion.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/no-assertion",
    title: "Test without an assertion",
    severity: Severity::Info,
    scopes: TEST,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_assertion.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
