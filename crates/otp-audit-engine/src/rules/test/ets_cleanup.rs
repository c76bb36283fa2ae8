//! `test/ets-cleanup`: Shared or named ETS table in a test. See `ets_cleanup.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/ets-cleanup",
    title: "Shared or named ETS table in a test",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("ets_cleanup.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
