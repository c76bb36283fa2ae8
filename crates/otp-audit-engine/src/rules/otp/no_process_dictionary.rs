//! `otp/no-process-dictionary`: Process dictionary used as state. See `no_process_dictionary.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/no-process-dictionary",
    title: "Process dictionary used as state",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_process_dictionary.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
