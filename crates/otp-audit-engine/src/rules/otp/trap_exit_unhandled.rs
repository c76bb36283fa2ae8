//! `otp/trap-exit-unhandled`: Trapping exits without handling them. See `trap_exit_unhandled.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/trap-exit-unhandled",
    title: "Trapping exits without handling them",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("trap_exit_unhandled.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
