//! `test/async-global-state`: Async test changes global state. See `async_global_state.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/async-global-state",
    title: "Async test changes global state",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("async_global_state.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
