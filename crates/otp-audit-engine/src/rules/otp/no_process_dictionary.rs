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

/// Keys OTP and ExUnit themselves keep in the dictionary; reading or propagating
/// them is the documented way to track callers and ancestors.
const OTP_KEYS: &[&str] = &["$callers", "$ancestors", "$initial_call"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Write,
    Read,
    Delete,
}

fn access(call: &Call) -> Option<Access> {
    let a = call.arity;
    match (call.module.as_deref()?, call.name) {
        ("Process" | ":erlang", "put") if a == 2 => Some(Access::Write),
        ("Process", "get") if a <= 2 => Some(Access::Read),
        (":erlang", "get") if a <= 1 => Some(Access::Read),
        ("Process" | ":erlang", "get_keys") if a <= 1 => Some(Access::Read),
        ("Process", "delete") if a == 1 => Some(Access::Delete),
        (":erlang", "erase") if a <= 1 => Some(Access::Delete),
        _ => None,
    }
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named_any(&["put", "get", "get_keys", "delete", "erase"]) {
        let Some(access) = access(call) else {
            continue;
        };
        // `get_keys/1` takes a value, not a key.
        let key = (call.name != "get_keys").then(|| call.arg(0)).flatten();
        if key.is_some_and(|k| ast::atom_name(k, src).is_some_and(|n| OTP_KEYS.contains(&n))) {
            continue;
        }
        let written = call.display(src);
        let k = &grammar().kinds;
        let what = match key {
            Some(n) if n.kind_id() == k.atom || n.kind_id() == k.quoted_atom => {
                format!("`{}`", file.text(n))
            }
            Some(_) => "a value".to_string(),
            None if call.name == "get_keys" => "the keys".to_string(),
            None if call.capture => "a value".to_string(),
            None => "every entry".to_string(),
        };
        let message = match access {
            Access::Write => format!(
                "`{written}` stores {what} in the process dictionary: hidden state that no function signature shows and that is lost when the work moves to another process; pass it as an argument, keep it in the GenServer state, or use `Logger.metadata/1` for log context"
            ),
            Access::Read => format!(
                "`{written}` reads {what} from the process dictionary: an implicit input that only exists in the process that stored it; pass the value as an argument or keep it in the GenServer state (`Logger.metadata/0` for log context)"
            ),
            Access::Delete => format!(
                "`{written}` removes {what} from the process dictionary, which means the dictionary holds hidden per-process state; pass values as arguments or keep them in the GenServer state instead"
            ),
        };
        report.add(file, &call.ctx, call.node.byte_range(), message);
    }
}
