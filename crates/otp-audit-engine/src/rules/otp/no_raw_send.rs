//! `otp/no-raw-send`: Raw send to another process. See `no_raw_send.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/no-raw-send",
    title: "Raw send to another process",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &["Foundation.CredoChecks.NoRawSend"],
    supersedes: &[],
    guide: include_str!("no_raw_send.md"),
    check,
    project: None,
};

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named_any(&["send", "send_after", "!", "send_nosuspend"]) {
        let Some(dest_index) = destination_index(call) else {
            continue;
        };
        let written = call.display(src);
        let dest = call.arg(dest_index);
        if let Some(dest) = dest {
            if is_own_process(file, call, dest) || from_incoming_message(file, call, dest) {
                continue;
            }
        } else if call.name == "send_after" {
            // `&Process.send_after/3`: the destination is unknown; timers to self are common.
            continue;
        }
        let dest_text = dest.map(|d| one_line(file.text(d))).unwrap_or_else(|| "?".into());
        let fan_out = call.ctx.in_loop && dest.is_some_and(|d| d.kind_id() == grammar().kinds.identifier);
        let d = report.add(
            file,
            &call.ctx,
            call.node.byte_range(),
            format!(
                "`{written}` sends a raw message to `{dest_text}`; hide it behind a client function of the receiving module (a `GenServer.call` by default)"
            ),
        );
        if fan_out {
            // Notifying subscribers held in state is the documented pub/sub shape.
            d.severity(Severity::Info);
        }
    }
}

/// Which argument is the destination, for the send forms this rule knows.
pub(crate) fn destination_index(call: &Call) -> Option<usize> {
    match (call.module.as_deref(), call.name, call.arity) {
        (Some("Kernel"), "send", 2) => Some(0),
        (Some("Process"), "send", 3) => Some(0),
        (Some("Process"), "send_after", 3 | 4) => Some(0),
        (Some(":erlang"), "send" | "send_nosuspend", 2 | 3) => Some(0),
        (Some(":erlang"), "!", 2) => Some(0),
        (Some(":erlang"), "send_after", 3 | 4) => Some(1),
        _ => None,
    }
}

/// `self()`, or a variable bound from `self()`/`Process.alias()` earlier in the function.
pub(crate) fn is_own_process(file: &File, call: &Call, dest: Node) -> bool {
    if ast::is_self_call(dest, file.src) {
        return true;
    }
    if dest.kind_id() != grammar().kinds.identifier {
        return false;
    }
    let var = file.text(dest);
    file.bound_from_self(&call.ctx, var, call.node.start_byte())
        || bound_from_alias(file, call, var)
}

fn bound_from_alias(file: &File, call: &Call, var: &str) -> bool {
    let Some(scope) = file.def(&call.ctx).map(|d| d.node) else {
        return false;
    };
    file.calls_within(scope)
        .filter(|c| c.node.start_byte() < call.node.start_byte() && c.is("Process", "alias"))
        .any(|c| {
            c.parent.is_some_and(|p| {
                ast::is_binary_op(p, file.src, "=")
                    && ast::field(p, grammar().fields.left).is_some_and(|l| file.text(l) == var)
            })
        })
}

/// In `handle_info({:ping, from}, s)`, replying to `from` answers the sender.
fn from_incoming_message(file: &File, call: &Call, dest: Node) -> bool {
    let Some(def) = file.def(&call.ctx) else {
        return false;
    };
    if !matches!(def.name, "handle_info" | "handle_call" | "handle_cast") {
        return false;
    }
    if dest.kind_id() != grammar().kinds.identifier {
        return false;
    }
    let var = file.text(dest);
    def.params.first().is_some_and(|msg| {
        ast::descendants(*msg)
            .chain(std::iter::once(*msg))
            .any(|n| n.kind_id() == grammar().kinds.identifier && file.text(n) == var)
    })
}

/// The first 40 characters of the first line, for messages.
pub(crate) fn one_line(s: &str) -> String {
    let head: String = s.chars().take(41).take_while(|&c| c != '\n').collect();
    if head.chars().count() > 40 || head.len() < s.len() {
        format!("{}…", head.chars().take(40).collect::<String>())
    } else {
        head
    }
}
