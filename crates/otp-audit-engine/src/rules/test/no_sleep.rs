//! `test/no-sleep`: Sleep in a test. See `no_sleep.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/no-sleep",
    title: "Sleep in a test",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::Sometimes,
    default_enabled: true,
    params: &[],
    credo: &["Foundation.CredoChecks.NoProcessSleep"],
    supersedes: &[],
    guide: include_str!("no_sleep.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
