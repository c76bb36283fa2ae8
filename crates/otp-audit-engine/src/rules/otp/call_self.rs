//! `otp/call-self`: GenServer calling itself. See `call_self.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/call-self",
    title: "GenServer calling itself",
    severity: Severity::Error,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &["otp/call-timeout"],
    guide: include_str!("call_self.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
