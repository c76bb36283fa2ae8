//! `otp/handle-info-catch-all`: handle_info/2 without a catch-all clause. See `handle_info_catch_all.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/handle-info-catch-all",
    title: "handle_info/2 without a catch-all clause",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("handle_info_catch_all.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
