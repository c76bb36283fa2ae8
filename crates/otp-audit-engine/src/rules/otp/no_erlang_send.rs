//! `otp/no-erlang-send`: Erlang send instead of Kernel/Process. See `no_erlang_send.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/no-erlang-send",
    title: "Erlang send instead of Kernel/Process",
    severity: Severity::Warning,
    scopes: LIB_AND_TEST,
    fix: Fixability::Sometimes,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &["otp/no-raw-send"],
    guide: include_str!("no_erlang_send.md"),
    check,
    project: None,
};

/// The Erlang send forms this rule knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `:erlang.send/2` and `:erlang.!/2`.
    Send2,
    /// `:erlang.send/3`.
    Send3,
    SendNosuspend,
    /// `:erlang.send_after/3,4`.
    SendAfter,
}

fn form(call: &Call) -> Option<Form> {
    if !call.in_module(":erlang") {
        return None;
    }
    match (call.name, call.arity) {
        ("send" | "!", 2) => Some(Form::Send2),
        ("send", 3) => Some(Form::Send3),
        ("send_nosuspend", 2 | 3) => Some(Form::SendNosuspend),
        ("send_after", 3 | 4) => Some(Form::SendAfter),
        _ => None,
    }
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named_any(&["send", "!", "send_nosuspend", "send_after"]) {
        let Some(form) = form(call) else {
            continue;
        };
        if defines_the_wrapper(file, call, form) {
            continue;
        }
        let written = call.display(src);
        let message = match form {
            Form::Send2 => format!(
                "`{written}` calls the Erlang send BIF directly; write `send(dest, msg)`, which compiles to the same call, so every send in the code base reads the same and gets the same review"
            ),
            Form::Send3 => format!(
                "`{written}` calls the Erlang send BIF directly; write `Process.send(dest, msg, opts)`, which delegates to it with the same options and return value"
            ),
            Form::SendNosuspend => format!(
                "`{written}` has no Elixir wrapper and silently drops the message when the send would block; use `Process.send(dest, msg, [:nosuspend])` (it returns `:nosuspend` instead of `false`) or go through the receiver's client API"
            ),
            Form::SendAfter => format!(
                "`{written}` takes the time first; `Process.send_after(dest, msg, time)` is the Elixir wrapper with the usual argument order and the same timer reference, so this is a matter of spelling only (reported as info)"
            ),
        };
        let fix = if call.capture || call.via_apply {
            None
        } else {
            match form {
                Form::Send2 => send2_fix(file, call),
                Form::Send3 => send3_fix(file, call),
                Form::SendNosuspend => None,
                Form::SendAfter => send_after_fix(file, call),
            }
        };
        let d = report.add(file, &call.ctx, call.node.byte_range(), message);
        // Only the spelling and the argument order change: a style point.
        if form == Form::SendAfter {
            d.severity(Severity::Info);
        }
        if let Some(fix) = fix {
            d.fix(fix);
        }
    }
}

/// Inside the Elixir wrapper itself (`Kernel.send/2` is written as `:erlang.send/2`):
/// there the Erlang call is the only way to write it.
fn defines_the_wrapper(file: &File, call: &Call, form: Form) -> bool {
    let (module, name, arity) = match form {
        Form::Send2 => ("Kernel", "send", 2),
        Form::Send3 => ("Process", "send", 3),
        Form::SendAfter => ("Process", "send_after", call.arity),
        Form::SendNosuspend => return false,
    };
    file.is_enclosing_function(&call.ctx, module, name, arity)
}

/// `:erlang.send(d, m)` / `:erlang.!(d, m)` → `send(d, m)`; also in a pipe, where only
/// the target changes. `Kernel.send` where a local or imported `send/2` may capture
/// the bare name.
fn send2_fix(file: &File, call: &Call) -> Option<Fix> {
    let at = call.target.start_byte();
    let kernel = file.call_text(&call.ctx, at, "Kernel", "send", 2)?;
    Some(Fix::safe(
        format!("Replace `{}` with `{kernel}`", call.written(file.src)),
        vec![Edit::replace(call.target.byte_range(), kernel)],
    ))
}

/// `:erlang.send(d, m, o)` → `Process.send(d, m, o)` (`Process.send/3` is a `defdelegate`).
fn send3_fix(file: &File, call: &Call) -> Option<Fix> {
    let at = call.target.start_byte();
    let process_send = file.remote_call_text(&call.ctx, at, "Process", "send", 3)?;
    Some(Fix::safe(
        format!("Replace `{}` with `{process_send}`", call.written(file.src)),
        vec![Edit::replace(call.target.byte_range(), process_send)],
    ))
}

/// `:erlang.send_after(t, d, m[, o])` → `Process.send_after(d, m, t[, o])`: the argument
/// texts move, so the fix is safe only when reordering cannot change what runs first.
fn send_after_fix(file: &File, call: &Call) -> Option<Fix> {
    if call.piped || call.args.len() != call.arity {
        return None;
    }
    let at = call.target.start_byte();
    let send_after = file.remote_call_text(&call.ctx, at, "Process", "send_after", call.arity)?;
    let (t, d, m) = (call.arg(0)?, call.arg(1)?, call.arg(2)?);
    let title = format!(
        "Rewrite as `{send_after}({}, {}, {}{})`",
        short(file.text(d)),
        short(file.text(m)),
        short(file.text(t)),
        call.arg(3)
            .map(|o| format!(", {}", short(file.text(o))))
            .unwrap_or_default()
    );
    let edits = vec![
        Edit::replace(call.target.byte_range(), send_after),
        Edit::replace(t.byte_range(), file.text(d)),
        Edit::replace(d.byte_range(), file.text(m)),
        Edit::replace(m.byte_range(), file.text(t)),
    ];
    let effectful = [t, d, m]
        .iter()
        .filter(|n| !is_inert(**n, file.src))
        .count();
    Some(if effectful <= 1 {
        Fix::safe(title, edits)
    } else {
        // Two arguments with effects would now run in another order.
        Fix::unsafe_(title, edits)
    })
}

/// No side effects and cannot raise: literals, variables, `@attr`, `self()`, and
/// tuples/lists/maps of those.
pub(crate) fn is_inert(node: Node, src: &str) -> bool {
    let k = &grammar().kinds;
    std::iter::once(node)
        .chain(ast::descendants(node))
        .all(|n| {
            let kind = n.kind_id();
            if kind == k.call {
                ast::is_self_call(n, src)
            } else if kind == k.unary_operator {
                ast::operator(n, src) == "@"
            } else {
                kind != k.binary_operator && kind != k.interpolation
            }
        })
}

fn short(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    if line.len() < s.len() || line.chars().count() > 24 {
        format!("{}…", line.chars().take(24).collect::<String>())
    } else {
        line.to_string()
    }
}
