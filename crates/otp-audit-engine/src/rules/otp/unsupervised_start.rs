//! `otp/unsupervised-start`: Process started outside a supervision tree. See `unsupervised_start.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/unsupervised-start",
    title: "Process started outside a supervision tree",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("unsupervised_start.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
