//! `otp/no-erlang-send`: Erlang send instead of Kernel/Process. See `no_erlang_send.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/no-erlang-send",
    title: "Erlang send instead of Kernel/Process",
    severity: Severity::Warning,
    scopes: LIB_AND_TEST,
    fix: Fixability::Safe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &["otp/no-raw-send"],
    guide: include_str!("no_erlang_send.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
