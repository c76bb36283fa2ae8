//! `otp/blocking-in-callback`: Blocking call inside a GenServer callback. See `blocking_in_callback.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/blocking-in-callback",
    title: "Blocking call inside a GenServer callback",
    severity: Severity::Error,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("blocking_in_callback.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
