//! `otp/reply-via-send`: Reply sent with send/2 instead of GenServer.reply/2. See `reply_via_send.md`.

use crate::rules::otp::no_raw_send::destination_index;
use crate::model::Id;
use crate::rules::prelude::*;
use std::collections::HashMap;

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

/// What the `from` parameter of one `handle_call/3` clause gives us.
#[derive(Default)]
struct FromNames<'s> {
    /// The whole `from` tuple: `from`, or `from` in `{pid, _} = from`.
    whole: Option<&'s str>,
    /// Variables holding the caller pid, with where they are bound (0 for parameters).
    pids: Vec<(&'s str, usize)>,
    /// Variables holding the call tag, likewise.
    tags: Vec<(&'s str, usize)>,
}

impl FromNames<'_> {
    fn is_pid(&self, name: &str, at: usize) -> bool {
        self.pids.iter().any(|&(n, pos)| n == name && pos < at)
    }
    fn is_tag(&self, name: &str, at: usize) -> bool {
        self.tags.iter().any(|&(n, pos)| n == name && pos < at)
    }
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    let mut cache: HashMap<Id, FromNames> = HashMap::new();
    for call in &file.calls {
        let Some(dest_index) = destination_index(call) else {
            continue;
        };
        let Some(def) = file.def(&call.ctx) else {
            continue;
        };
        if def.name != "handle_call" || def.arity != 3 || def.kind != "def" {
            continue;
        }
        let Some(dest) = call.arg(dest_index) else {
            continue;
        };
        let Some(def_id) = call.ctx.def else {
            continue;
        };
        let at = call.node.start_byte();
        let names = cache.entry(def_id).or_insert_with(|| from_names(file, def));
        let reply_with = match names.whole {
            Some(w) => format!("`GenServer.reply({w}, msg)`"),
            None => "`GenServer.reply(from, msg)` (bind the whole tuple: `{pid, _} = from`)".into(),
        };
        if !is_caller(file, dest, names, at) {
            continue;
        }
        let written = call.display(src);
        let msg = message_arg(call);
        let hand_built = hand_built_reply(file, msg, names, at);
        if hand_built.is_none() && replies_after(file, call) {
            // An extra message next to the real reply: `otp/no-raw-send` says what it is.
            continue;
        }
        let reply_value = match hand_built {
            Some(t) => t.named_child(1),
            None => msg,
        };
        let message = if hand_built.is_some() {
            format!(
                "`{written}` hand-builds the `{{tag, reply}}` message that `GenServer.call` waits for; that format is an OTP internal (since OTP 24 replies go to a process alias, so a late reply sent to the pid lands in the caller's mailbox instead of being dropped); use {reply_with}"
            )
        } else {
            format!(
                "`{written}` sends to the caller's pid from `handle_call/3`: the caller never receives it as a reply and its `GenServer.call` times out; reply with {reply_with} (or return `{{:reply, msg, state}}`)"
            )
        };
        let d = report.add(file, &call.ctx, call.node.byte_range(), message);
        // Only plain sends become a reply; timers and send options have no equivalent.
        let plain = matches!(
            (call.module.as_deref(), call.name, call.arity),
            (Some("Kernel" | ":erlang"), "send" | "!", 2)
        );
        if let (true, false, false, Some(whole), Some(value)) = (
            plain,
            call.capture,
            call.via_apply,
            names.whole,
            reply_value,
        ) {
            let at = call.expr.start_byte();
            if let Some(reply) = file.remote_call_text(&call.ctx, at, "GenServer", "reply", 2) {
                d.fix(Fix::unsafe_(
                    format!("Reply with `{reply}({whole}, …)`"),
                    vec![Edit::replace(
                        call.expr.byte_range(),
                        format!("{reply}({whole}, {})", file.text(value)),
                    )],
                ));
            }
        }
    }
}

/// Is `dest`, at byte `at`, the pid of the process waiting in `GenServer.call`?
fn is_caller(file: &File, dest: Node, names: &FromNames, at: usize) -> bool {
    is_elem0_of(file, dest, names.whole)
        || (dest.kind_id() == grammar().kinds.identifier && names.is_pid(file.text(dest), at))
}

/// `send(pid, {tag, reply})` imitates the internal reply format: the tuple.
fn hand_built_reply<'t>(
    file: &File,
    msg: Option<Node<'t>>,
    names: &FromNames,
    at: usize,
) -> Option<Node<'t>> {
    msg.filter(|m| {
        m.kind_id() == grammar().kinds.tuple
            && m.named_child_count() == 2
            && m.named_child(0).is_some_and(|t| {
                t.kind_id() == grammar().kinds.identifier && names.is_tag(file.text(t), at)
            })
    })
}

/// Is a send in `handle_call/3` a plain message to the caller that this clause
/// follows with its real reply (`{:reply, ...}` or `GenServer.reply/2`)? Then it is
/// an extra notification, not an attempt to reply.
pub(crate) fn extra_message_to_caller(file: &File, call: &Call) -> bool {
    let (Some(def), Some(dest_index)) = (file.def(&call.ctx), destination_index(call)) else {
        return false;
    };
    if def.name != "handle_call" || def.arity != 3 || def.kind != "def" {
        return false;
    }
    let Some(dest) = call.arg(dest_index) else {
        return false;
    };
    let at = call.node.start_byte();
    let names = from_names(file, def);
    is_caller(file, dest, &names, at)
        && hand_built_reply(file, message_arg(call), &names, at).is_none()
        && replies_after(file, call)
}

/// Does a statement after the one holding `call`, in the same block or an enclosing
/// one of its function, give the reply: a `{:reply, ...}` tuple or a
/// `GenServer.reply/2`?
fn replies_after(file: &File, call: &Call) -> bool {
    let Some(def) = file.def(&call.ctx) else {
        return false;
    };
    let k = &grammar().kinds;
    let sequence = [k.body, k.block, k.do_block];
    // Siblings that are other branches (`->` clauses, `else`, `rescue`) do not run
    // after this statement.
    let branch = [
        k.stab_clause,
        k.else_block,
        k.after_block,
        k.rescue_block,
        k.catch_block,
    ];
    let mut node = call.expr;
    while node.id() != def.node.id() {
        let Some(parent) = file.parent(node) else { break };
        if sequence.contains(&parent.kind_id()) {
            let mut next = node.next_named_sibling();
            while let Some(n) = next {
                if !branch.contains(&n.kind_id()) && gives_reply(file, n) {
                    return true;
                }
                next = n.next_named_sibling();
            }
        }
        node = parent;
    }
    false
}

fn gives_reply(file: &File, node: Node) -> bool {
    let is_reply_tuple = |n: Node| {
        n.kind_id() == grammar().kinds.tuple
            && n.named_child(0)
                .is_some_and(|t| ast::atom_name(t, file.src) == Some("reply"))
    };
    is_reply_tuple(node)
        || ast::descendants(node).any(is_reply_tuple)
        || file.calls_within(node).any(|c| c.is("GenServer", "reply"))
}

/// The message argument of a send whose destination is argument 0 or 1.
fn message_arg<'t>(call: &Call<'t>) -> Option<Node<'t>> {
    match (call.module.as_deref(), call.name) {
        (Some(":erlang"), "send_after") => call.arg(2),
        _ => call.arg(1),
    }
}

/// `elem(from, 0)` (or `from |> elem(0)`, `Kernel.elem(from, 0)`).
fn is_elem0_of(file: &File, dest: Node, whole: Option<&str>) -> bool {
    let Some(whole) = whole else {
        return false;
    };
    let k = &grammar().kinds;
    let (subject, index) = if ast::is_binary_op(dest, file.src, "|>") {
        let (Some(l), Some(r)) = (
            ast::field(dest, grammar().fields.left),
            ast::field(dest, grammar().fields.right),
        ) else {
            return false;
        };
        if !is_elem_call(r, file.src) {
            return false;
        }
        (
            Some(l),
            ast::call_arguments(r).and_then(|a| a.named_child(0)),
        )
    } else if is_elem_call(dest, file.src) {
        let args = ast::call_arguments(dest);
        (
            args.and_then(|a| a.named_child(0)),
            args.and_then(|a| a.named_child(1)),
        )
    } else {
        return false;
    };
    subject.is_some_and(|s| s.kind_id() == k.identifier && file.text(s) == whole)
        && index.is_some_and(|i| file.text(i) == "0")
}

fn is_elem_call(node: Node, src: &str) -> bool {
    if node.kind_id() != grammar().kinds.call {
        return false;
    }
    ast::local_call_name(node, src) == Some("elem")
        || ast::field(node, grammar().fields.target).is_some_and(|t| text(t, src) == "Kernel.elem")
}

/// Names bound to the caller from the second parameter, and from `{pid, _} = from` or
/// `pid = elem(from, 0)` in the body.
fn from_names<'s>(file: &File<'s>, def: &Def<'s>) -> FromNames<'s> {
    let k = &grammar().kinds;
    let mut names = FromNames::default();
    let Some(param) = def.params.get(1).copied() else {
        return names;
    };
    let mut tuple = None;
    if param.kind_id() == k.identifier {
        names.whole = Some(file.text(param)).filter(|n| *n != "_");
    } else if param.kind_id() == k.tuple {
        tuple = Some(param);
    } else if ast::is_binary_op(param, file.src, "=") {
        // `{pid, _} = from` or `from = {pid, _}` in the head.
        for side in [grammar().fields.left, grammar().fields.right] {
            match ast::field(param, side) {
                Some(n) if n.kind_id() == k.identifier => {
                    names.whole = Some(file.text(n)).filter(|n| *n != "_")
                }
                Some(n) if n.kind_id() == k.tuple => tuple = Some(n),
                _ => {}
            }
        }
    }
    if let Some(t) = tuple {
        add_tuple_names(file, t, 0, &mut names);
    }
    let (Some(whole), Some(body)) = (names.whole, def.body) else {
        return names;
    };
    for n in ast::descendants(body) {
        if !ast::is_binary_op(n, file.src, "=") {
            continue;
        }
        let (Some(l), Some(r)) = (
            ast::field(n, grammar().fields.left),
            ast::field(n, grammar().fields.right),
        ) else {
            continue;
        };
        if l.kind_id() == k.tuple && r.kind_id() == k.identifier && file.text(r) == whole {
            add_tuple_names(file, l, n.end_byte(), &mut names);
        } else if l.kind_id() == k.identifier && is_elem0_of(file, r, Some(whole)) {
            names.pids.push((file.text(l), n.end_byte()));
        }
    }
    names
}

/// `{pid, tag}`: the first element is the caller pid, the second the call tag.
fn add_tuple_names<'s>(file: &File<'s>, tuple: Node, at: usize, names: &mut FromNames<'s>) {
    let k = &grammar().kinds;
    if tuple.named_child_count() != 2 {
        return;
    }
    let var = |i| {
        tuple
            .named_child(i)
            .filter(|n| n.kind_id() == k.identifier)
            .map(|n| file.text(n))
            .filter(|t| !t.starts_with('_'))
    };
    if let Some(pid) = var(0) {
        names.pids.push((pid, at));
    }
    if let Some(tag) = var(1) {
        names.tags.push((tag, at));
    }
}
