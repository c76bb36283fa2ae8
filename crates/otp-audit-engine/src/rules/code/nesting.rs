//! `code/nesting`: Function body nested too deep. See `nesting.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "code/nesting",
    title: "Function body nested too deep",
    severity: Severity::Warning,
    scopes: LIB_AND_TEST,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &["Credo.Check.Refactor.Nesting"],
    supersedes: &[],
    guide: include_str!("nesting.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
