//! `otp/blocking-in-callback`: Blocking call inside a GenServer callback. See `blocking_in_callback.md`.

use crate::model::Id;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/blocking-in-callback",
    title: "Blocking call inside a GenServer callback",
    severity: Severity::Error,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("blocking_in_callback.md"),
    check,
    project: None,
};

/// Callbacks that run while callers wait on the server.
const CALLBACKS: &[&str] = &[
    "init",
    "handle_call",
    "handle_cast",
    "handle_info",
    "handle_continue",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind<'t> {
    /// `receive` with clauses: takes messages meant for the callbacks. `after` holds
    /// a finite timeout, which bounds the wait.
    Receive { after: Option<&'t str> },
    /// In `init/1`, a `receive` whose every clause pins a ref or monitor, with no
    /// `after`: a start handshake whose only risk is never ending.
    Handshake,
    /// In `handle_continue/2`, a `receive` whose every clause pins a ref or monitor,
    /// with no `after`: a go signal (R36 nx's runner). It takes nothing else from the
    /// mailbox, but holds every caller until the signal comes.
    GoSignal,
    /// A `receive` with no `after` with a clause for any `:DOWN` of a process the same
    /// function started with `spawn_monitor`: it waits at most as long as that work.
    WorkerExit,
    /// `Process.sleep`, `:timer.sleep`, `receive ... after` without clauses.
    Sleep,
    /// `Task.await`, `Task.yield`: waits for another process.
    Await,
}

impl Kind<'_> {
    fn severity(self) -> Severity {
        match self {
            Kind::Receive { after: None } => Severity::Error,
            Kind::Receive { after: Some(_) }
            | Kind::Handshake
            | Kind::GoSignal
            | Kind::WorkerExit
            | Kind::Sleep
            | Kind::Await => Severity::Warning,
        }
    }
    fn advice(self) -> &'static str {
        match self {
            Kind::Receive { .. } => {
                "let messages reach `handle_info/2` instead: have the other process send its result to the server, or run the work with `Task.Supervisor.async_nolink/2` and match `{ref, result}` in `handle_info/2`"
            }
            // `init/1` returns what the handshake brought (`:ignore`, `{:stop, _}`),
            // so moving it to `handle_continue/2` is not the fix: bounding it is.
            Kind::Handshake => {
                "add an `after` that gives up (return `{:stop, :timeout}` from `init/1`)"
            }
            Kind::GoSignal => {
                "add an `after` that gives up (`{:stop, :timeout, state}`), or return at once and take the signal in `handle_info/2`"
            }
            Kind::Sleep => {
                "schedule the follow-up with `Process.send_after(self(), msg, ms)` and continue in `handle_info/2`"
            }
            Kind::Await | Kind::WorkerExit => {
                "start the work with `Task.Supervisor.async_nolink/2`, return at once, and handle `{ref, result}` and `{:DOWN, ref, ...}` in `handle_info/2` (from `handle_call/3`, return `{:noreply, state}` and answer later with `GenServer.reply/2`)"
            }
        }
    }
    /// How long the server is held, for messages.
    fn wait(self) -> String {
        match self {
            Kind::Receive { after: Some(t) } if t.chars().all(|c| c.is_ascii_digit() || c == '_') => {
                format!("for up to {t} ms")
            }
            Kind::Receive { after: Some(t) } => format!("for up to `{t}` ms"),
            Kind::WorkerExit => {
                "with no `after`, at most until the process it started with `spawn_monitor` exits".into()
            }
            _ => "while it waits".into(),
        }
    }
}

/// What blocks in `call`, and how to name it. `in_init`: the call runs in `init/1`.
fn blocking<'t>(file: &File<'t>, call: &Call<'t>, in_init: bool) -> Option<(Kind<'t>, String)> {
    if call.capture {
        return None;
    }
    let src = file.src;
    match (call.module.as_deref(), call.name) {
        (None, "receive") if call.local && call.do_block.is_some() => {
            let k = &grammar().kinds;
            let block = call.do_block?;
            let after = after_timeout(file, block)
                .filter(|t| *t != ":infinity")
                .or_else(|| armed_timer(file, call, block));
            if after == Some("0")
                || awaits_down_of_dead_peer(file, call, block)
                || flushes_fired_timer(file, call, block)
            {
                return None;
            }
            let clauses: Vec<Node> = ast::named_children(block)
                .filter(|c| c.kind_id() == k.stab_clause)
                .collect();
            if clauses.is_empty() {
                return Some((Kind::Sleep, "`receive ... after` (a sleep)".into()));
            }
            let pinned = |clause: &Node| {
                ast::field(*clause, grammar().fields.left).is_some_and(|p| {
                    ast::descendants(p)
                        .any(|n| n.kind_id() == k.unary_operator && ast::operator(n, src) == "^")
                })
            };
            if after.is_none() && awaits_own_worker(file, call, &clauses) {
                return Some((Kind::WorkerExit, "`receive`".into()));
            }
            if in_init && clauses.iter().all(pinned) {
                // A bounded start handshake is fine; an unbounded one may hang the start.
                return after.is_none().then(|| (Kind::Handshake, "`receive`".into()));
            }
            let in_continue = file.def(&call.ctx).is_some_and(|d| d.name == "handle_continue" && d.is_callback);
            if in_continue && after.is_none() && clauses.iter().all(pinned) {
                return Some((Kind::GoSignal, "`receive`".into()));
            }
            Some((Kind::Receive { after }, "`receive`".into()))
        }
        (Some("Process" | ":timer"), "sleep") if call.arity == 1 => {
            Some((Kind::Sleep, format!("`{}`", call.display(src))))
        }
        (Some("Task"), "await" | "await_many") => {
            Some((Kind::Await, format!("`{}`", call.display(src))))
        }
        (Some("Task"), "yield" | "yield_many") => {
            // `Task.yield(task, 0)` only polls.
            let polls = call.arg(1).is_some_and(|t| file.text(t) == "0");
            (!polls && !bounded_watchdog(file, call))
                .then(|| (Kind::Await, format!("`{}`", call.display(src))))
        }
        _ => None,
    }
}

/// The bound of a `Task.yield/2` or `Task.yield_many/2` that has one (its default is
/// 5 s), as written, for messages.
fn yield_bound(file: &File, call: &Call) -> Option<String> {
    if !(call.is("Task", "yield") || call.is("Task", "yield_many")) {
        return None;
    }
    match call.arg(1).map(|t| file.text(t)) {
        None => Some("5 000 ms (the default)".into()),
        Some(":infinity") => None,
        Some(t) if t.chars().all(|c| c.is_ascii_digit() || c == '_') => Some(format!("{t} ms")),
        Some(t) => Some(format!("`{t}`")),
    }
}

/// `Task.yield(task, t) || Task.shutdown(task)` with a finite `t`, on a task that the
/// same function started with `Task.async`: a watchdog around work the callback would
/// otherwise run inline. It holds the server no longer than that inline work would, and
/// the bound makes it shorter; moving the work out would reorder what the result feeds.
fn bounded_watchdog(file: &File, call: &Call) -> bool {
    let (Some(task), Some(parent)) = (call.arg(0), call.parent) else {
        return false;
    };
    let task = file.text(task);
    let unbounded = call.arg(1).is_some_and(|t| file.text(t) == ":infinity");
    let shuts_down = ast::is_binary_op(parent, file.src, "||")
        && ast::field(parent, grammar().fields.left).is_some_and(|l| l == call.node)
        && ast::field(parent, grammar().fields.right).is_some_and(|r| {
            file.calls_within(r).any(|c| {
                c.node == r && c.is("Task", "shutdown") && c.arg(0).is_some_and(|a| file.text(a) == task)
            })
        });
    !call.piped
        && !unbounded
        && shuts_down
        && started_here(file, call, task)
        && result_becomes_state(file, parent)
}

/// Is `watchdog` the subject of a `case` with a clause that binds a value from the
/// task's result and returns it as the server's new state (`{:noreply, new_state}`)?
/// Work that produces the state must finish before the next message is handled, so
/// answering later from a task would reorder it; a reply the caller waits for could.
fn result_becomes_state(file: &File, watchdog: Node) -> bool {
    let k = &grammar().kinds;
    let Some(case) = file
        .parent(watchdog)
        .filter(|a| a.kind_id() == k.arguments)
        .and_then(|a| file.parent(a))
        .filter(|c| c.kind_id() == k.call)
    else {
        return false;
    };
    let Some(block) = file.calls_within(case).find(|c| c.node == case && c.name == "case").and_then(|c| c.do_block) else {
        return false;
    };
    ast::named_children(block)
        .filter(|c| c.kind_id() == k.stab_clause)
        .any(|clause| {
            let (Some(pattern), Some(body)) = (
                ast::field(clause, grammar().fields.left),
                ast::field(clause, grammar().fields.right),
            ) else {
                return false;
            };
            // A clause pattern is small, and this runs once per watchdog.
            let bound: Vec<&str> = ast::descendants(pattern)
                .filter(|n| n.kind_id() == k.identifier)
                .map(|n| file.text(n))
                .collect();
            let Some(result) = ast::named_children(body).last().filter(|r| r.kind_id() == k.tuple) else {
                return false;
            };
            let mut items = ast::named_children(result);
            let tag = items.next().map(|t| file.text(t));
            // `new_state`, or `%{state | acc: acc}`: the state is built from the result.
            let from_result = |state: Node| {
                std::iter::once(state)
                    .chain(ast::descendants(state))
                    .filter(|n| n.kind_id() == k.identifier)
                    .any(|n| bound.contains(&file.text(n)) && file.text(n) != "_")
            };
            matches!(tag, Some(":noreply" | ":reply" | ":ok"))
                && items.last().is_some_and(from_result)
        })
}

/// Is `var` bound from `Task.async(...)` (or `Task.Supervisor.async/_nolink`) earlier in
/// the function around `call`?
fn started_here(file: &File, call: &Call, var: &str) -> bool {
    let Some(def) = file.def(&call.ctx) else {
        return false;
    };
    file.calls_within(def.node)
        .filter(|c| c.node.start_byte() < call.node.start_byte())
        .filter(|c| super::handle_info_catch_all::starts_task(c))
        .any(|c| {
            c.parent.is_some_and(|p| {
                ast::is_binary_op(p, file.src, "=")
                    && ast::field(p, grammar().fields.left).is_some_and(|l| file.text(l) == var)
            })
        })
}

/// The five parts of a `receive` clause that takes a process `:DOWN`:
/// `{:DOWN, ref, :process, pid, reason}`, also bound whole (`{:DOWN, ...} = down`).
fn down_pattern<'t>(file: &File, clause: Node<'t>) -> Option<[Node<'t>; 5]> {
    let g = grammar();
    let mut pattern = ast::field(clause, g.fields.left).and_then(|a| a.named_child(0))?;
    if ast::is_binary_op(pattern, file.src, "=") {
        pattern = match ast::field(pattern, g.fields.left) {
            Some(l) if l.kind_id() == g.kinds.tuple => l,
            _ => ast::field(pattern, g.fields.right)?,
        };
    }
    if pattern.kind_id() != g.kinds.tuple {
        return None;
    }
    let parts: [Node; 5] = ast::named_children(pattern).collect::<Vec<_>>().try_into().ok()?;
    (file.text(parts[0]) == ":DOWN" && file.text(parts[2]) == ":process").then_some(parts)
}

/// `try do Peer.ping(pid) catch :exit, _ -> receive do {:DOWN, _, :process, ^pid, _} -> ...`
/// in a module that monitors: the call exited, so `pid` is dead and its `:DOWN` is
/// already due. Waiting for it only takes a message that is there.
fn awaits_down_of_dead_peer(file: &File, call: &Call, block: Node) -> bool {
    let clauses: Vec<Node> = ast::named_children(block).collect();
    let [clause] = clauses.as_slice() else {
        return false;
    };
    let Some(parts) = down_pattern(file, *clause) else {
        return false;
    };
    let Some(pid) = file.text(parts[3]).strip_prefix('^') else {
        return false;
    };
    let monitors = file
        .calls
        .iter()
        .any(|c| c.ctx.module == call.ctx.module && (c.is("Process", "monitor") || c.is(":erlang", "monitor")));
    if !monitors {
        return false;
    }
    // Up to the `catch`/`rescue` of a `try` whose body calls something with `pid`.
    let k = &grammar().kinds;
    let mut node = call.node;
    while let Some(parent) = file.parent(node) {
        if parent.kind_id() == k.catch_block || parent.kind_id() == k.rescue_block {
            let Some(do_block) = file.parent(parent) else {
                return false;
            };
            let try_body = ast::named_children(do_block)
                .filter(|c| ![k.catch_block, k.rescue_block, k.else_block, k.after_block].contains(&c.kind_id()));
            return try_body.into_iter().any(|stmt| {
                file.calls_within(stmt).any(|c| {
                    c.args.iter().any(|a| a.kind_id() == k.identifier && file.text(*a) == pid)
                })
            });
        }
        if file.def(&call.ctx).is_some_and(|d| d.node == parent) {
            break;
        }
        node = parent;
    }
    false
}

/// Does a clause take any `{:DOWN, ^ref, :process, _, reason}` (its reason a variable)
/// for a `ref` that the same function bound earlier from `spawn_monitor`
/// (`{pid, ref} = spawn_monitor(fun)`)? That `:DOWN` always comes, so the wait ends
/// with the work at the latest, not with a reply that may never arrive: what
/// `Task.await(task, :infinity)` does, not a wait for good.
fn awaits_own_worker(file: &File, call: &Call, clauses: &[Node]) -> bool {
    let g = grammar();
    let k = &g.kinds;
    let src = file.src;
    let any_down_of = |clause: &Node| {
        let parts = down_pattern(file, *clause)?;
        (parts[4].kind_id() == k.identifier).then(|| file.text(parts[1]).strip_prefix('^')).flatten()
    };
    let binds_ref = |r: &str| {
        file.calls.iter().any(|c| {
            c.ctx.def == call.ctx.def
                && c.node.start_byte() < call.node.start_byte()
                && c.name == "spawn_monitor"
                && (c.local || c.in_module("Process") || c.in_module(":erlang"))
                && c.parent.is_some_and(|p| {
                    ast::is_binary_op(p, src, "=")
                        && ast::field(p, g.fields.left)
                            .filter(|l| l.kind_id() == k.tuple)
                            .and_then(|l| ast::named_children(l).nth(1))
                            .is_some_and(|b| b.kind_id() == k.identifier && file.text(b) == r)
                })
        })
    };
    call.ctx.def.is_some() && clauses.iter().filter_map(any_down_of).any(binds_ref)
}

/// `if Process.cancel_timer(ref) == false do receive do :tick -> :ok end end` (also
/// `unless Process.cancel_timer(ref)`, `if !...`, `case ... do false -> receive ...`),
/// where every clause takes the message of a `send_after(self(), msg, _)` of the same
/// module: `false` means the timer already fired, so its message is due and the
/// `receive` only takes it (the OTP flush-after-cancel idiom).
fn flushes_fired_timer(file: &File, call: &Call, block: Node) -> bool {
    let g = grammar();
    let k = &g.kinds;
    let src = file.src;
    let is_cancel = |n: Node| {
        file.calls.iter().any(|c| {
            c.node == n && (c.is("Process", "cancel_timer") || c.is(":erlang", "cancel_timer"))
        })
    };
    // The condition is "the timer was not cancelled": `cancel == false`, `!cancel`,
    // `not cancel`; `negated` says the bare call is the condition (for `unless`).
    let fired = |cond: Node, negated: bool| -> bool {
        if negated {
            return is_cancel(cond);
        }
        if ["==", "==="].iter().any(|op| ast::is_binary_op(cond, src, op)) {
            let (Some(l), Some(r)) = (ast::field(cond, g.fields.left), ast::field(cond, g.fields.right)) else {
                return false;
            };
            return (is_cancel(l) && file.text(r) == "false") || (is_cancel(r) && file.text(l) == "false");
        }
        if cond.kind_id() == k.unary_operator && matches!(ast::operator(cond, src), "!" | "not") {
            return ast::field(cond, g.fields.operand).is_some_and(is_cancel);
        }
        false
    };
    // Climb to the branch that holds the receive, within the def.
    let mut node = call.node;
    let mut guarded = false;
    let mut clause: Option<Node> = None;
    let mut in_else = false;
    while let Some(parent) = file.parent(node) {
        if parent.kind_id() == k.stab_clause && clause.is_none() {
            clause = Some(parent);
        }
        if parent.kind_id() == k.else_block {
            in_else = true;
        }
        if let Some(branch) = file.calls.iter().find(|c| c.node == parent && c.local && c.do_block.is_some()) {
            let cond = branch.arg(0);
            guarded = match (branch.name, cond) {
                ("if", Some(cond)) => !in_else && fired(cond, false),
                ("unless", Some(cond)) => !in_else && fired(cond, true),
                ("case", Some(cond)) => {
                    is_cancel(cond)
                        && clause
                            .and_then(|c| ast::field(c, g.fields.left))
                            .is_some_and(|l| file.text(l).trim() == "false")
                }
                _ => false,
            };
            break;
        }
        if file.def(&call.ctx).is_some_and(|d| d.node == parent) {
            break;
        }
        node = parent;
    }
    if !guarded {
        return false;
    }
    // The messages this module's timers send to the server itself.
    let timer_messages: Vec<Node> = file
        .calls
        .iter()
        .filter(|c| c.ctx.module == call.ctx.module)
        .filter_map(|c| {
            let (dest, msg) = match (c.module.as_deref(), c.name) {
                (Some("Process"), "send_after") => (c.arg(0)?, c.arg(1)?),
                (Some(":erlang"), "send_after") => (c.arg(1)?, c.arg(2)?),
                _ => return None,
            };
            ast::is_self_call(dest, src).then_some(msg)
        })
        .collect();
    let clauses: Vec<Node> = ast::named_children(block).filter(|c| c.kind_id() == k.stab_clause).collect();
    !clauses.is_empty()
        && clauses.iter().all(|c| {
            ast::field(*c, g.fields.left)
                .and_then(|args| args.named_child(0))
                .is_some_and(|p| timer_messages.iter().any(|m| may_match(file, p, *m)))
        })
}

/// Can `pattern` match the message written as `msg`? A variable matches anything,
/// tuples element by element, anything else by its text (a pin stands for the
/// variable of the same name).
fn may_match(file: &File, pattern: Node, msg: Node) -> bool {
    let k = &grammar().kinds;
    if pattern.kind_id() == k.identifier {
        return true;
    }
    if pattern.kind_id() == k.tuple && msg.kind_id() == k.tuple {
        let (ps, ms): (Vec<Node>, Vec<Node>) = (ast::named_children(pattern).collect(), ast::named_children(msg).collect());
        return ps.len() == ms.len() && ps.iter().zip(&ms).all(|(p, m)| may_match(file, *p, *m));
    }
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace() && *c != '^').collect::<String>();
    squeeze(file.text(pattern)) == squeeze(file.text(msg))
}

/// `Process.send_after(self(), @drain_timeout, timeout)` earlier in the function,
/// and a clause of the `receive` that takes that very message: the timer bounds the
/// wait as an `after` would. Its timeout, as written.
fn armed_timer<'t>(file: &File<'t>, receive: &Call<'t>, block: Node) -> Option<&'t str> {
    let k = &grammar().kinds;
    let def = file.def(&receive.ctx)?;
    let patterns: Vec<&str> = ast::named_children(block)
        .filter(|c| c.kind_id() == k.stab_clause)
        .filter_map(|c| ast::clause_pattern(c, file.src))
        .map(|p| file.text(p))
        .collect();
    file.calls_within(def.node)
        .filter(|c| c.node.end_byte() <= receive.node.start_byte() && c.ctx.other_process == receive.ctx.other_process)
        .find_map(|c| {
            let (dest, msg, time) = match (c.module.as_deref(), c.name) {
                (Some("Process"), "send_after") => (c.arg(0)?, c.arg(1)?, c.arg(2)?),
                (Some(":erlang"), "send_after") => (c.arg(1)?, c.arg(2)?, c.arg(0)?),
                _ => return None,
            };
            (file.text(dest) == "self()" && patterns.contains(&file.text(msg))).then(|| file.text(time))
        })
}

/// The timeout of a `receive`'s `after` clause, as written.
pub(crate) fn after_timeout<'t>(file: &File<'t>, block: Node) -> Option<&'t str> {
    let k = &grammar().kinds;
    ast::named_children(block)
        .filter(|c| c.kind_id() == k.after_block)
        .flat_map(ast::named_children)
        .find(|c| c.kind_id() == k.stab_clause)
        .and_then(|clause| ast::field(clause, grammar().fields.left))
        .and_then(|args| args.named_child(0))
        .map(|timeout| file.text(timeout))
}

/// Calls of def `d` that run in its own process (not in a spawned fn).
fn own_calls<'a, 't>(file: &'a File<'t>, d: Id) -> impl Iterator<Item = &'a Call<'t>> + 'a {
    let def = &file.defs[d as usize];
    file.calls_within(def.node)
        .filter(move |c| c.ctx.def == Some(d) && !c.ctx.other_process)
}

fn check(file: &File, report: &mut Report) {
    // A test harness's server (a library's test client) blocks only the test that
    // drives it, and ExUnit's timeout ends a hang there.
    let servers = file
        .modules
        .iter()
        .filter(|m| m.is_genserver && !crate::runtime::runs_under_exunit(file, m));
    for module in servers {
        // Helper findings, kept until we know how many callback sites share a helper.
        let mut via_helpers: Vec<(&Call, String, Helper)> = Vec::new();
        // No `handle_call/3` or `handle_cast/2`: no client waits on this server, so a
        // bounded wait in `handle_continue/2` only delays its own setup.
        let no_api = !module.defs.iter().any(|&d| {
            matches!(file.defs[d as usize].name, "handle_call" | "handle_cast")
        });
        let own_setup = |callback: &str, kind: Kind| {
            no_api
                && callback == "handle_continue/2"
                && matches!(kind, Kind::Receive { after: Some(_) } | Kind::GoSignal)
        };
        // With no `handle_call/3`, no caller waits on a reply: what waits is the mailbox.
        let no_calls = !module.defs.iter().any(|&d| file.defs[d as usize].name == "handle_call");
        // A server that does not trap exits is killed by its supervisor's `:shutdown`
        // at once, mid-wait; only a trapping one makes its shutdown wait too.
        let module_id = file.modules.iter().position(|m| std::ptr::eq(m, module)).map(|i| i as Id);
        // Looked up by name, and only when the wording needs it: every server module
        // asks, so a scan of all the file's calls would grow with modules × calls.
        let traps = no_calls
            && file
                .calls_named_any(&["flag", "process_flag"])
                .into_iter()
                .any(|c| c.ctx.module == module_id && crate::rules::otp::trap_exit_unhandled::traps_exits(file, c));
        let who_waits = if no_calls && traps {
            "its messages and casts wait behind it, and so does a shutdown, since it traps exits (no caller waits on a reply: the module has no `handle_call/3`)"
        } else if no_calls {
            "its messages and casts wait behind it (no caller waits on a reply: the module has no `handle_call/3`)"
        } else {
            "callers queue up and may time out"
        };
        // A bounded `Task.yield_many` in a server nobody calls: only its own messages
        // wait, for at most the bound (R37 realtime's metrics pusher).
        let unwaited = |call: &Call| -> Option<String> {
            let bound = yield_bound(file, call).filter(|_| no_api)?;
            let tasks = if call.name == "yield" { "the task" } else { "its tasks" };
            let shutdown = if traps { ", and so does a shutdown, since it traps exits" } else { "" };
            Some(format!(
                "waits for {tasks} for up to {bound}; this server has no `handle_call/3` or `handle_cast/2`, so no caller waits on it: only messages sent to the server queue behind the wait{shutdown}; keep it if that pacing is intended, or keep the task refs in the state and take `{{ref, result}}` and `{{:DOWN, ...}}` in `handle_info/2` to free the server"
            ))
        };
        // A wait that is fine as it is, and why: bounded in a server nobody calls, or
        // one its author calls backpressure.
        let excused = |call: &Call, kind: Kind| -> Option<String> {
            unwaited(call).or_else(|| (kind == Kind::Await && backpressure_noted(file, call)).then(|| BACKPRESSURE.to_string()))
        };
        const OWN_SETUP: &str = "this server has no `handle_call/3` or `handle_cast/2`, so no caller waits on it: the wait only delays its own setup and shutdown; moving it to `handle_info/2` is optional";
        for &d in &module.defs {
            let def = &file.defs[d as usize];
            if !def.is_callback || !CALLBACKS.contains(&def.name) {
                continue;
            }
            let in_init = def.name == "init";
            let callback = format!("{}/{}", def.name, def.arity);
            for call in own_calls(file, d) {
                if let Some((kind, what)) = blocking(file, call, in_init) {
                    let range = if call.name == "receive" {
                        call.target.byte_range()
                    } else {
                        call.node.byte_range()
                    };
                    let effect = match kind {
                        Kind::Receive { after: None } => {
                            "takes messages out of the server's mailbox behind OTP's back and blocks it until one arrives".to_string()
                        }
                        Kind::Receive { .. } => format!(
                            "takes messages out of the server's mailbox behind OTP's back and blocks it {}",
                            kind.wait()
                        ),
                        Kind::Handshake => "waits for a start handshake (every clause pins a ref or monitor) with no `after`: `start_link`, and the supervisor starting this server, hang for good if the answer never comes".to_string(),
                        Kind::GoSignal => format!("waits, with no `after`, for a message that only its pinned ref or monitor matches: it takes nothing else from the mailbox, but it holds the server until that message comes, and for good if it never does ({who_waits})"),
                        Kind::Sleep => format!("stops the server: {who_waits}"),
                        Kind::Await => format!("blocks the server while it waits for the task: {who_waits}"),
                        Kind::WorkerExit => format!("blocks the server {}: {who_waits}", kind.wait()),
                    };
                    if kind == Kind::Sleep && halts_next(file, call) {
                        continue;
                    }
                    if kind == Kind::Sleep && crashes_next(file, call) {
                        report
                            .add_info(file, &call.ctx, range, throttle_message(file, call, &what, &callback));
                        continue;
                    }
                    if let Some(why) = excused(call, kind) {
                        report.add_info(file, &call.ctx, range, format!("{what} in `{callback}` {why}"));
                        continue;
                    }
                    if own_setup(&callback, kind) {
                        report
                            .add_info(
                                file,
                                &call.ctx,
                                range,
                                format!("{what} in `{callback}` waits {}; {OWN_SETUP}", kind.wait()),
                            );
                        continue;
                    }
                    // A go signal in a server started without a name: only the process
                    // that started it holds its pid, the one that arranges the signal.
                    let severity = if kind == Kind::GoSignal && !started_with_name(file, module) {
                        Severity::Info
                    } else {
                        kind.severity()
                    };
                    report
                        .add(
                            file,
                            &call.ctx,
                            range,
                            format!("{what} in `{callback}` {effect}; {}", advice(file, module, kind, &callback)),
                        )
                        .severity(severity);
                    continue;
                }
                if let Some(helper) = blocking_helper(file, module, call, in_init) {
                    via_helpers.push((call, callback.clone(), helper));
                }
            }
        }
        for (call, callback, h) in &via_helpers {
            // Every call of the same helper, in order: one thing to fix.
            let same: Vec<&(&Call, String, Helper)> = via_helpers
                .iter()
                .filter(|(_, _, other)| other.name == h.name && other.kind == h.kind)
                .collect();
            let sites: Vec<&String> = same.iter().map(|(_, cb, _)| cb).collect();
            // Reported once, at what blocks inside it, from its first caller.
            let first = same.first().map(|(c, _, _)| c.node) == Some(call.node);
            // A helper whose sleep is a grace period before the node halts.
            if h.kind == Kind::Sleep && halts_next(file, h.inner) {
                continue;
            }
            // A sleep helper called right before each crash: a restart throttle.
            let throttles = h.kind == Kind::Sleep && same.iter().all(|(site, _, _)| crashes_next(file, site));
            if throttles {
                if first {
                    let what = format!("{} in `{}`", h.what, h.name);
                    report
                        .add_info(file, &h.inner.ctx, h.inner.node.byte_range(), throttle_message(file, call, &what, callback));
                }
                continue;
            }
            if sites.len() == 1 && own_setup(callback, h.kind) {
                report
                    .add_info(
                        file,
                        &call.ctx,
                        call.node.byte_range(),
                        format!(
                            "`{}` is called from `{callback}` and runs {}, which waits {}; {OWN_SETUP}",
                            h.name,
                            h.what,
                            h.kind.wait()
                        ),
                    );
                continue;
            }
            if let Some(why) = excused(h.inner, h.kind).filter(|_| sites.len() == 1) {
                report.add_info(
                    file,
                    &call.ctx,
                    call.node.byte_range(),
                    format!("`{}` is called from `{callback}` and runs {}, which {why}", h.name, h.what),
                );
                continue;
            }
            if sites.len() == 1 {
                let effect = match h.kind {
                    Kind::Handshake => "a start handshake with no `after`: `start_link`, and the supervisor starting this server, hang for good if the answer never comes".to_string(),
                    kind => format!("which blocks the server {}", kind.wait()),
                };
                report
                    .add(
                        file,
                        &call.ctx,
                        call.node.byte_range(),
                        format!(
                            "`{}` is called from `{callback}` and runs {}, {effect}; {}",
                            h.name,
                            h.what,
                            advice(file, module, h.kind, callback)
                        ),
                    )
                    .severity(h.kind.severity());
                continue;
            }
            // A helper shared by several callback sites is one thing to fix: report it
            // once, at what blocks inside it, from its first caller.
            if !first {
                continue;
            }
            let mut callbacks: Vec<&str> = sites.iter().map(|s| s.as_str()).collect();
            callbacks.dedup();
            let callbacks = callbacks
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let range = if h.inner.name == "receive" {
                h.inner.target.byte_range()
            } else {
                h.inner.node.byte_range()
            };
            report
                .add(
                    file,
                    &h.inner.ctx,
                    range,
                    format!(
                        "{} in `{}`, which {} callback sites call ({callbacks}), blocks the server {}; {}",
                        h.what,
                        h.name,
                        sites.len(),
                        h.kind.wait(),
                        h.kind.advice()
                    ),
                )
                .severity(h.kind.severity());
        }
    }
}

/// [`Kind::advice`], unless the server already runs its work as a task and takes the
/// task's `{ref, result}` in `handle_info/2`: then a `handle_call/3` that waits for it
/// needs only to answer from there.
/// The module's `start_link`/`start` passes a `name:`: other processes can reach the
/// server without being handed its pid.
fn started_with_name(file: &File, module: &crate::model::Module) -> bool {
    module
        .defs
        .iter()
        .map(|&d| &file.defs[d as usize])
        .filter(|d| matches!(d.name, "start_link" | "start"))
        .any(|d| file.text(d.node).contains("name:"))
}

fn advice(file: &File, module: &crate::model::Module, kind: Kind, callback: &str) -> String {
    if matches!(kind, Kind::Receive { .. }) && callback == "handle_call/3" && takes_task_replies(file, module) {
        return "this server already runs work as a task and takes its `{ref, result}` in `handle_info/2`: keep the caller's `from` in the state, return `{:noreply, state}`, and answer with `GenServer.reply/2` from the clause that gets the task's result (and from its `:DOWN` clause)".to_string();
    }
    kind.advice().to_string()
}

/// The module starts tasks (`Task.Supervisor.async_nolink/2`, `Task.async/1`) and has
/// a `handle_info/2` clause for a task's reply, `{ref, result}`.
fn takes_task_replies(file: &File, module: &crate::model::Module) -> bool {
    let k = &grammar().kinds;
    let starts_tasks = module.defs.iter().any(|&d| {
        file.calls_within(file.defs[d as usize].node)
            .any(super::handle_info_catch_all::starts_task)
    });
    starts_tasks
        && module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.name == "handle_info" && d.arity == 2).any(|d| {
            d.params.first().is_some_and(|p| {
                p.kind_id() == k.tuple
                    && ast::named_children(*p).count() == 2
                    && ast::named_children(*p).next().is_some_and(|r| r.kind_id() == k.identifier && !file.text(r).starts_with('_'))
            })
        })
}

/// The statement after `call`'s stops the whole node (`System.halt/1`, `System.stop/1`,
/// `:init.stop/0,1`, `:erlang.halt/0,1`). A sleep right before it is a grace period for
/// output already sent (a last reply, an error shown to the user) to leave: nobody
/// waits on the server for long, since the node is going away.
fn halts_next(file: &File, call: &Call) -> bool {
    ast::next_statement(call.expr).is_some_and(|n| {
        file.calls_within(n).any(|c| c.node == n && crate::runtime::ends_node(c))
    })
}

/// The statement after `call`'s is a crash: `raise`, `reraise`, `exit` or a `{:stop, _}`
/// return. A sleep right before it slows a supervisor's restart loop down.
fn crashes_next(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    ast::next_statement(call.expr).is_some_and(|n| {
        file.calls_within(n).any(|c| {
            c.node == n && matches!(c.name, "raise" | "reraise" | "exit") && (c.module.is_none() || c.in_module("Kernel"))
        }) || n.kind_id() == k.tuple && n.named_child(0).is_some_and(|t| file.text(t) == ":stop")
    })
}

/// `# wait for it, so callers feel the backpressure` right above the await, or above
/// the `task = Task.async(...)` it waits on: the author blocks the server on purpose,
/// so that callers slow down to the pace of the work (R44 spandex_datadog's
/// `maybe_flush_traces/1`, whose other branch starts the same work without waiting).
/// Moving the wait to `handle_info/2` would take that away.
fn backpressure_noted(file: &File, await_call: &Call) -> bool {
    let noted = |node: Node| {
        let block = file.comment_block_above(file.statement_around(node));
        ["backpressure", "back-pressure", "back pressure"].iter().any(|w| block.contains(w))
    };
    if noted(await_call.node) {
        return true;
    }
    // The statement that started the awaited task, in the same function.
    let Some(task) = await_call.arg(0).filter(|a| a.kind_id() == grammar().kinds.identifier) else {
        return false;
    };
    let var = file.text(task);
    file.calls_named_any(&["async"])
        .into_iter()
        .filter(|c| c.in_module("Task") && c.ctx.def == await_call.ctx.def && c.node.end_byte() <= await_call.node.start_byte())
        .rfind(|c| {
            file.parent(c.expr).is_some_and(|p| {
                ast::is_binary_op(p, file.src, "=")
                    && ast::field(p, grammar().fields.left).is_some_and(|l| file.text(l) == var)
            })
        })
        .is_some_and(|c| noted(c.node))
}

const BACKPRESSURE: &str = "waits for the task on purpose: the comment above it calls the wait backpressure, so callers queue behind the work by design; make sure each caller's `GenServer.call` timeout, and the await's own (5 s when none is given, after which the await exits the server), are longer than the work can take";

/// The note on a sleep before a crash, for the callback it is in: `init/1` holds the
/// supervisor and can retry from `handle_continue/2`; a later callback (a linked
/// dependency's `{:EXIT, ...}` in `handle_info/2`, R41 elsa) can schedule its stop.
fn throttle_message(file: &File, site: &Call, what: &str, callback: &str) -> String {
    if callback == "init/1" {
        return format!(
            "{what} runs right before `init/1` fails, to slow its supervisor's restarts down; meanwhile the supervisor waiting for `init/1` is held, and with it the start of its later children; to retry without failing, return `{{:ok, state, {{:continue, :connect}}}}` and retry with `Process.send_after/3` from `handle_info/2`"
        );
    }
    let callers = if file.module(&site.ctx).is_some_and(|m| m.defines("handle_call", 3)) {
        " (callers of `GenServer.call` wait behind it)"
    } else {
        ""
    };
    format!(
        "{what} runs right before `{callback}` ends the server, to slow its supervisor's restarts down; meanwhile the server handles nothing{callers}, not even `GenServer.stop/1` or `:sys` requests; to stay responsive during the delay, schedule the stop instead: `Process.send_after(self(), {{:delayed_stop, reason}}, ms)`, return `{{:noreply, state}}`, and return `{{:stop, reason, state}}` from that message's clause"
    )
}

/// A private helper that blocks, as called from one callback site.
struct Helper<'a, 't> {
    /// `name/arity`.
    name: String,
    kind: Kind<'t>,
    what: String,
    /// The worst blocking call inside it.
    inner: &'a Call<'t>,
}

/// A private function of the module, called here, that blocks in its own body
/// (one level deep), with the worst kind of blocking in it.
fn blocking_helper<'a, 't>(
    file: &'a File<'t>,
    module: &Module,
    call: &Call,
    in_init: bool,
) -> Option<Helper<'a, 't>> {
    if !call.local || call.module.is_some() || call.capture || call.dynamic {
        return None;
    }
    let src = file.src;
    let mut found: Option<(Kind, String, &Call, usize)> = None;
    for &d in &module.defs {
        let def = &file.defs[d as usize];
        if def.kind != "defp" || def.name != call.name || !binds(def, call.arity, src) {
            continue;
        }
        for inner in own_calls(file, d) {
            if !reachable(file, def, inner, call) {
                continue;
            }
            if let Some((kind, what)) = blocking(file, inner, in_init) {
                let worse = found
                    .as_ref()
                    .is_none_or(|(k, _, _, _)| kind.severity() > k.severity());
                if worse {
                    found = Some((kind, what, inner, def.arity));
                }
            }
        }
    }
    let (kind, what, inner, arity) = found?;
    Some(Helper {
        // The function that blocks, as defined (`gc/2` for `gc(s, sync \\ false)`).
        name: format!("{}/{arity}", call.name),
        kind,
        what,
        inner,
    })
}

/// Can this clause be called with `arity` arguments (defaults included)?
fn binds(def: &Def, arity: usize, src: &str) -> bool {
    let defaults = def
        .params
        .iter()
        .filter(|p| ast::is_binary_op(**p, src, "\\\\"))
        .count();
    (def.arity - defaults..=def.arity).contains(&arity)
}

/// Can `inner`, in helper `def`, run when the helper is called as `call`? Not when it
/// sits in a branch of `if flag` / `unless flag` on a parameter whose value at this
/// call is a literal `true`, `false` or `nil` (`gc(s, true)`, or the default of
/// `sync \\ false` when the call leaves it out) that skips that branch.
fn reachable(file: &File, def: &Def, inner: &Call, call: &Call) -> bool {
    let g = grammar();
    let k = &g.kinds;
    let src = file.src;
    // Defaults are filled from the end only when they all come last.
    let mut seen_default = false;
    let mut values: Vec<(&str, &str)> = Vec::new();
    for (i, p) in def.params.iter().enumerate() {
        let (name, default) = if ast::is_binary_op(*p, src, "\\\\") {
            seen_default = true;
            (ast::field(*p, g.fields.left), ast::field(*p, g.fields.right))
        } else {
            if seen_default && call.arity < def.arity {
                return true;
            }
            (Some(*p), None)
        };
        let Some(name) = name.filter(|n| n.kind_id() == k.identifier) else {
            continue;
        };
        let value = if i < call.arity { call.arg(i) } else { default };
        if let Some(value) = value.map(|v| file.text(v).trim())
            && matches!(value, "true" | "false" | "nil")
        {
            values.push((file.text(name), value));
        }
    }
    if values.is_empty() {
        return true;
    }
    let mut node = inner.node;
    let mut in_else = false;
    while let Some(parent) = file.parent(node) {
        if parent.id() == def.node.id() {
            break;
        }
        if parent.kind_id() == k.else_block {
            in_else = true;
        }
        if parent.kind() == "pair" && file.text(parent).trim_start().starts_with("else:") {
            in_else = true;
        }
        if let Some(branch) = file
            .calls
            .iter()
            .find(|c| c.node == parent && c.local && matches!(c.name, "if" | "unless"))
        {
            let flag = branch.arg(0).map(|c| file.text(c).trim());
            if let Some((_, value)) = values.iter().find(|(n, _)| Some(*n) == flag) {
                let truthy = *value == "true";
                let taken = if branch.name == "if" { truthy } else { !truthy };
                if taken == in_else {
                    return false;
                }
            }
            in_else = false;
        }
        node = parent;
    }
    true
}
