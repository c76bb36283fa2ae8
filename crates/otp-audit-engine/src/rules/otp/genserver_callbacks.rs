//! `otp/genserver-callbacks`: GenServer without init/1 or handlers. See `genserver_callbacks.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/genserver-callbacks",
    title: "GenServer without init/1 or handlers",
    severity: Severity::Error,
    scopes: LIB,
    fix: Fixability::Sometimes,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("genserver_callbacks.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
