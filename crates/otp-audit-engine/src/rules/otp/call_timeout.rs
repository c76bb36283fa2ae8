//! `otp/call-timeout`: GenServer call without an explicit timeout. See `call_timeout.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/call-timeout",
    title: "GenServer call without an explicit timeout",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Sometimes,
    default_enabled: true,
    params: &[],
    credo: &["Foundation.CredoChecks.GenServerTimeout"],
    supersedes: &[],
    guide: include_str!("call_timeout.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
