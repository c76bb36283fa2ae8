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
enum Kind {
    /// `receive` with clauses: takes messages meant for the callbacks.
    Receive,
    /// `Process.sleep`, `:timer.sleep`, `receive ... after` without clauses.
    Sleep,
    /// `Task.await`, `Task.yield`: waits for another process.
    Await,
}

impl Kind {
    fn severity(self) -> Severity {
        match self {
            Kind::Receive => Severity::Error,
            Kind::Sleep | Kind::Await => Severity::Warning,
        }
    }
    fn advice(self) -> &'static str {
        match self {
            Kind::Receive => {
                "let messages reach `handle_info/2` instead: have the other process send its result to the server, or run the work with `Task.Supervisor.async_nolink/2` and match `{ref, result}` in `handle_info/2`"
            }
            Kind::Sleep => {
                "schedule the follow-up with `Process.send_after(self(), msg, ms)` and continue in `handle_info/2`"
            }
            Kind::Await => {
                "start the work with `Task.Supervisor.async_nolink/2`, return at once, and handle `{ref, result}` and `{:DOWN, ref, ...}` in `handle_info/2` (from `handle_call/3`, return `{:noreply, state}` and answer later with `GenServer.reply/2`)"
            }
        }
    }
}

/// What blocks in `call`, and how to name it.
fn blocking(file: &File, call: &Call) -> Option<(Kind, String)> {
    if call.capture {
        return None;
    }
    let src = file.src;
    match (call.module.as_deref(), call.name) {
        (None, "receive") if call.local && call.do_block.is_some() => {
            let k = &grammar().kinds;
            let block = call.do_block?;
            if drains_without_waiting(file, block) {
                return None;
            }
            let has_clauses = ast::named_children(block).any(|c| c.kind_id() == k.stab_clause);
            Some(if has_clauses {
                (Kind::Receive, "`receive`".into())
            } else {
                (Kind::Sleep, "`receive ... after` (a sleep)".into())
            })
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
            (!polls).then(|| (Kind::Await, format!("`{}`", call.display(src))))
        }
        _ => None,
    }
}

/// Is this a `receive ... after 0`? It only takes what is already in the mailbox
/// and never waits (flushing a `:DOWN` or a stale timer message).
fn drains_without_waiting(file: &File, block: Node) -> bool {
    let k = &grammar().kinds;
    ast::named_children(block)
        .filter(|c| c.kind_id() == k.after_block)
        .flat_map(ast::named_children)
        .find(|c| c.kind_id() == k.stab_clause)
        .and_then(|clause| ast::field(clause, grammar().fields.left))
        .and_then(|args| args.named_child(0))
        .is_some_and(|timeout| file.text(timeout) == "0")
}

/// Calls of def `d` that run in its own process (not in a spawned fn).
fn own_calls<'a, 't>(file: &'a File<'t>, d: Id) -> impl Iterator<Item = &'a Call<'t>> + 'a {
    let def = &file.defs[d as usize];
    file.calls_within(def.node)
        .filter(move |c| c.ctx.def == Some(d) && !c.ctx.other_process)
}

fn check(file: &File, report: &mut Report) {
    for module in file.modules.iter().filter(|m| m.is_genserver) {
        for &d in &module.defs {
            let def = &file.defs[d as usize];
            if !def.is_callback || !CALLBACKS.contains(&def.name) {
                continue;
            }
            let callback = format!("{}/{}", def.name, def.arity);
            for call in own_calls(file, d) {
                if let Some((kind, what)) = blocking(file, call) {
                    let range = if call.name == "receive" {
                        call.target.byte_range()
                    } else {
                        call.node.byte_range()
                    };
                    let effect = match kind {
                        Kind::Receive => {
                            "takes messages out of the server's mailbox behind OTP's back and blocks it until one arrives"
                        }
                        Kind::Sleep => "stops the server: callers queue up and may time out",
                        Kind::Await => {
                            "blocks the server while it waits for the task: callers queue up and may time out"
                        }
                    };
                    report
                        .add(
                            file,
                            &call.ctx,
                            range,
                            format!("{what} in `{callback}` {effect}; {}", kind.advice()),
                        )
                        .severity(kind.severity());
                    continue;
                }
                if let Some((helper, kind, what)) = blocking_helper(file, module, call) {
                    report
                        .add(
                            file,
                            &call.ctx,
                            call.node.byte_range(),
                            format!(
                                "`{}` is called from `{callback}` and runs {what}, which blocks the server while it waits; {}",
                                helper,
                                kind.advice()
                            ),
                        )
                        .severity(kind.severity());
                }
            }
        }
    }
}

/// A private function of the module, called here, that blocks in its own body
/// (one level deep): its name, the worst kind of blocking, and what blocks.
fn blocking_helper(file: &File, module: &Module, call: &Call) -> Option<(String, Kind, String)> {
    if !call.local || call.module.is_some() || call.capture || call.dynamic {
        return None;
    }
    let src = file.src;
    let mut found: Option<(Kind, String)> = None;
    for &d in &module.defs {
        let def = &file.defs[d as usize];
        if def.kind != "defp" || def.name != call.name || !binds(def, call.arity, src) {
            continue;
        }
        for inner in own_calls(file, d) {
            if let Some((kind, what)) = blocking(file, inner) {
                let worse = found
                    .as_ref()
                    .is_none_or(|(k, _)| kind.severity() > k.severity());
                if worse {
                    found = Some((kind, what));
                }
            }
        }
    }
    let (kind, what) = found?;
    Some((format!("{}/{}", call.name, call.arity), kind, what))
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
