//! `config/compile-time-env`: Application environment read at compile time. See `compile_time_env.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "config/compile-time-env",
    title: "Application environment read at compile time",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Safe,
    default_enabled: true,
    params: &[],
    credo: &["Credo.Check.Warning.ApplicationConfigInModuleAttribute"],
    supersedes: &[],
    guide: include_str!("compile_time_env.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
