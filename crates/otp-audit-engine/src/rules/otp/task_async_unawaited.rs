//! `otp/task-async-unawaited`: Task.async whose result is never awaited. See `task_async_unawaited.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/task-async-unawaited",
    title: "Task.async whose result is never awaited",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("task_async_unawaited.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
