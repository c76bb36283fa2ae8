//! `test/no-raw-spawn`: Raw spawn in a test. See `no_raw_spawn.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/no-raw-spawn",
    title: "Raw spawn in a test",
    severity: Severity::Warning,
    scopes: TEST,
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
