//! `otp/reply-via-send`: Reply sent with send/2 instead of GenServer.reply/2. See `reply_via_send.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/reply-via-send",
    title: "Reply sent with send/2 instead of GenServer.reply/2",
    severity: Severity::Error,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &["otp/no-raw-send", "otp/no-erlang-send"],
    guide: include_str!("reply_via_send.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
