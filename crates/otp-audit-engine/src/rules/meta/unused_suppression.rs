//! `meta/unused-suppression`: Suppression comment that suppresses nothing. See `unused_suppression.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "meta/unused-suppression",
    title: "Suppression comment that suppresses nothing",
    severity: Severity::Info,
    scopes: ALL_SCOPES,
    fix: Fixability::Safe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("unused_suppression.md"),
    check,
    project: None,
};

/// The engine reports unused suppressions itself, after every other rule ran.
fn check(_file: &File, _report: &mut Report) {}
