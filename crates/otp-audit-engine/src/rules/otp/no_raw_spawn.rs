//! `otp/no-raw-spawn`: Unsupervised spawn. See `no_raw_spawn.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/no-raw-spawn",
    title: "Unsupervised spawn",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_raw_spawn.md"),
    check,
    project: None,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Link,
    Monitor,
    /// `spawn_opt`/`spawn_request`: options decide; treat like a plain spawn.
    Opt,
}

/// Is `call` one of the spawn functions, and which kind?
fn spawn_kind(call: &Call) -> Option<(Kind, bool)> {
    let module = call.module.as_deref()?;
    let kind = match call.name {
        "spawn" => Kind::Plain,
        "spawn_link" => Kind::Link,
        "spawn_monitor" => Kind::Monitor,
        "spawn_opt" | "spawn_request" => Kind::Opt,
        _ => return None,
    };
    let a = call.arity;
    let known = match (module, kind) {
        ("Kernel", Kind::Plain | Kind::Link | Kind::Monitor) => matches!(a, 1 | 3),
        ("Process", Kind::Plain) => matches!(a, 2 | 4),
        (":erlang", Kind::Opt) => (1..=5).contains(&a),
        (":erlang", _) => (1..=4).contains(&a),
        ("Node", Kind::Plain) => (2..=5).contains(&a),
        ("Node", Kind::Link | Kind::Monitor) => matches!(a, 2 | 4),
        (":proc_lib", Kind::Opt) => call.name == "spawn_opt" && (2..=5).contains(&a),
        (":proc_lib", Kind::Plain | Kind::Link) => (1..=4).contains(&a),
        _ => false,
    };
    known.then_some((kind, module == "Node"))
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named_any(&[
        "spawn",
        "spawn_link",
        "spawn_monitor",
        "spawn_opt",
        "spawn_request",
    ]) {
        let Some((kind, remote)) = spawn_kind(call) else {
            continue;
        };
        if is_special_process_start(file, call)
            || defines_a_spawn_wrapper(file, call)
            || only_sends(file, call)
            || ends_the_node(file, call)
            || call.arg(0).is_some_and(|f| is_down_watcher(file, f) || is_down_relay(file, call, f))
            || kind == Kind::Link && (is_managed_worker(file, call) || is_linked_sink(file, call))
            || kind == Kind::Monitor
                && (awaits_its_down(file, call) || watches_its_spawner(file, call) || hands_monitor_to_caller(file, call))
            || kind == Kind::Opt && monitors_by_option(file, call) && awaits_its_down(file, call)
            || matches!(kind, Kind::Monitor | Kind::Opt) && is_async_call_by_exit(file, call)
        {
            continue;
        }
        let written = call.display(src);
        let sup = supervisors::prose(supervisors::Kind::Task);
        if kind == Kind::Monitor
            && !remote
            && let Some((parent, how)) = async_nolink_by_hand(file, call)
        {
            report.add_info(file, &call.ctx, call.node.byte_range(), format!(
                "`{written}` is `Task.Supervisor.async_nolink/2` written by hand: this server monitors the process, takes its `:DOWN` in `handle_info/2` and gets its result {how} `{parent}`; what it lacks is a place in the tree (shutdown does not stop it, and it shows under no supervisor), `$callers`, and a crash report that names the work; `Task.Supervisor.async_nolink/2` under {sup} adds those"
            ));
            continue;
        }
        if let Some(after) = bounded_stopper(file, call) {
            report.add_info(file, &call.ctx, call.node.byte_range(), format!(
                "`{written}` starts a stopper: it signals a process, waits at most {after} ms for its `:DOWN` and kills it after, so it ends by itself and a supervisor would have nothing to restart; starting it with `Task.Supervisor.start_child/2` under {sup} would still show it in the tree and stop it at shutdown"
            ));
            continue;
        }
        let advice = match (kind, remote) {
            (_, true) => format!(
                "run it under {sup} on that node: `Task.Supervisor.start_child({{name, node}}, fun)`"
            ),
            (Kind::Link, _) => format!(
                "use `Task.start_link(fun)` (a proper OTP process that propagates `$callers`) or, better, `Task.Supervisor.start_child/2` under {sup}"
            ),
            (Kind::Monitor, _) => format!(
                "use `Task.Supervisor.async_nolink/2` under {sup}, which monitors the task and sends its result as `{{ref, result}}`"
            ),
            _ => format!(
                "start it with `Task.Supervisor.start_child/2` under {sup}, or a `DynamicSupervisor` child for a long-lived loop"
            ),
        };
        // A linked process of a server is not the scatter-gather below even when it
        // reports back: the link ends it with the server (a producer streaming chunks
        // that the server also takes in `handle_info/2`).
        let linked_to_server = kind == Kind::Link && !remote && runs_in_server(file, call);
        if !linked_to_server
            && kind == Kind::Link
            && !call.ctx.in_loop
            && let Some(callee) = hands_spawner_to_callee(file, call)
        {
            report.add_info(file, &call.ctx, call.node.byte_range(), format!(
                "`{written}` starts a linked process that hands the spawner's pid to `{callee}`, and the spawner waits for its reports in a `receive` pinned on a pid: a synchronous hand-off, linked both ways, so neither a hidden crash nor an orphan can happen; `Task.async/1` would add `$callers` and a crash report that names the work"
            ));
            continue;
        }
        let message = if !linked_to_server && reports_to_spawner(file, call) {
            // The spawner collects the result itself: a supervised fire-and-forget
            // child would be the wrong cure, tasks it awaits are the right one.
            // One process, not one per item: a hand-written async call.
            if !call.ctx.in_loop && kind == Kind::Link {
                // Linked both ways: a crash of either takes the other down, so
                // neither half of the unlinked call's trouble applies.
                report.add_info(file, &call.ctx, call.node.byte_range(), format!(
                    "`{written}` starts a linked process that sends its result back to the spawner, which waits for it in a `receive`: `Task.async/1` and `Task.await/2` written by hand, without the reply tagged by the task's ref (so a reply from an earlier, abandoned wait can be taken for this one), a crash report naming the work, or `$callers`; `Task.async/1` with `Task.await/2` gives all three and keeps the link"
                ));
                continue;
            }
            let message = if call.ctx.in_loop {
                format!(
                    "`{written}` starts a process that sends its result back to the spawner, which collects it in a `receive`: a hand-written scatter-gather whose processes outlive a crashed spawner and whose late replies stay in its mailbox; start each with `Task.async/1` (or `Task.Supervisor.async_nolink/2`), collect with `Task.yield_many/2` and `Task.shutdown/2` the ones that did not answer"
                )
            } else {
                format!(
                    "`{written}` starts a process that sends its result back to the spawner, which waits for it in a `receive`: a hand-written async call whose reply carries no ref of its own (a late one stays in the mailbox, where a later wait can take it), whose crash shows only as the wait running out, and which outlives a spawner that crashes; `Task.Supervisor.async_nolink/2` with `Task.yield/2` and `Task.shutdown/2` does the same with a tagged reply, the crash as `{{:exit, reason}}`, and no link that a crash of the work would take the spawner down with"
                )
            };
            report.add(file, &call.ctx, call.node.byte_range(), message);
            continue;
        } else if supervisors::is_fallback_start(file, call) {
            format!(
                "`{written}` is the fallback for when the supervisor is not running, and starts a process outside the supervision tree: it is not stopped on shutdown and shows up under no supervisor; start the supervisor in your application's tree so that the fallback can go, or link the fallback to its caller (`Task.start_link/1`)"
            )
        } else if linked_to_server {
            // Linked to a server that a supervisor stops: it goes with the server.
            let no_op = normal_exit_of(file, call)
                .map(|stop| format!("; note that `{stop}` does not stop it: a process that does not trap exits ignores a `:normal` exit signal, so it runs on after this step (stop it with `:shutdown`, or let it end by itself)"))
                .unwrap_or_default();
            format!(
                "`{written}` starts a process linked to this server, outside the supervision tree: it goes down with the server, but shows up under no supervisor and leaves no crash report of its own; `Task.start_link(fun)` gives the same link plus `$callers` and crash reports, or use `Task.Supervisor.start_child/2` under {sup}{no_op}"
            )
        } else if kind == Kind::Link && !remote {
            // The link takes it down with a crashed or shut-down caller, not with one
            // that ends normally.
            format!(
                "`{written}` starts a process outside the supervision tree, linked to its caller: a crash or shutdown of the caller takes it down, but it runs on if the caller ends normally, and it shows up under no supervisor; {advice}"
            )
        } else {
            format!(
                "`{written}` starts a process outside the supervision tree: it is not stopped on shutdown and shows up under no supervisor; {advice}"
            )
        };
        let fix = kernel_fix(file, call, kind);
        let d = report.add(file, &call.ctx, call.node.byte_range(), message);
        if let Some(fix) = fix {
            d.fix(fix);
        }
    }
}

/// `spawn_link` in a GenServer that traps exits and matches `{:EXIT, pid, reason}` in
/// `handle_info/2`: the server owns the worker. The link ties the worker's life to the
/// supervised server (a shutdown of the server ends it), and the server hears of its
/// crash. "Outside the supervision tree" would be untrue of it. The same holds for a
/// cowboy loop handler (`info/3`) or websocket handler (`websocket_info/2`) that
/// traps exits and matches `{:EXIT, pid, reason}` there: the connection process owns
/// the worker it spawned for the request.
fn is_managed_worker(file: &File, call: &Call) -> bool {
    use crate::rules::otp::trap_exit_unhandled::{exit_clauses, matches_exit, traps_exits};
    let Some(module) = file.module(&call.ctx) else {
        return false;
    };
    let traps = file
        .calls_within(module.node)
        .any(|c| c.ctx.module == call.ctx.module && traps_exits(file, c));
    if !traps {
        return false;
    }
    let handler_clause = module.defs.iter().map(|&d| &file.defs[d as usize]).any(|d| {
        matches!((d.name, d.arity), ("info", 3) | ("websocket_info", 2))
            && d.params.first().is_some_and(|p| matches_exit(file, *p))
    });
    module.is_genserver && exit_clauses(file, module).next().is_some() || handler_clause
}

/// `spawn_link(&sink/0)` (or `fn -> sink() end`) where `sink` only receives and
/// discards, `receive do _ -> sink() end`: a message sink (a device that must accept
/// any message) that cannot crash and never ends by itself. Linked to its spawner, it
/// ends with it; a supervisor would have nothing to restart or report. The mirror of
/// a process that only sends. A null I/O device that answers each
/// `{:io_request, from, ref, _}` with `send(from, {:io_reply, ref, :ok})` and drops
/// the rest is the same sink (R37 realtime's `:recon_trace` `io_server`).
fn is_linked_sink(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(arg) = call.arg(0) else {
        return false;
    };
    let name = if arg.kind_id() == k.anonymous_function {
        let mut calls = file.calls_within(arg);
        match (calls.next(), calls.next()) {
            (Some(c), None) if c.local && c.module.is_none() && c.arity == 0 && !c.dynamic => c.name,
            _ => return false,
        }
    } else {
        let text = file.text(arg);
        match text.strip_prefix('&').and_then(|t| t.strip_suffix("/0")) {
            Some(n) if !n.contains(['.', '(', ' ']) => n,
            _ => return false,
        }
    };
    let mut defs = file
        .defs
        .iter()
        .filter(|d| d.module == call.ctx.module && d.name == name && d.arity == 0)
        .peekable();
    defs.peek().is_some()
        && defs.all(|d| {
            let body: Vec<&Call> = file.calls_within(d.node).filter(|c| c.node != d.node).collect();
            body.iter().any(|c| c.local && c.name == "receive")
                && body.iter().all(|c| {
                    c.local && c.module.is_none() && (c.name == "receive" || c.name == name && c.arity == 0)
                        || io_reply(file, c)
                })
        })
}

/// `send(from, {:io_reply, ref, reply})`: the I/O protocol's answer, which the
/// requester waits for and which cannot fail.
fn io_reply(file: &File, c: &Call) -> bool {
    let k = &grammar().kinds;
    c.is("Kernel", "send")
        && c.arg(1).is_some_and(|m| {
            m.kind_id() == k.tuple && m.named_child(0).and_then(|t| ast::atom_name(t, file.src)) == Some("io_reply")
        })
}

/// `:erlang.spawn_opt(fn -> ... exit({:result, value}) end, [{:monitor, opts}])` (or
/// `spawn_monitor`) in a module that takes the monitor's message in `handle_info/2`
/// or a `receive` (`{:DOWN, ref, :process, pid, reason}`, or the tagged form
/// `{tag, ref, :process, pid, reason}`): an asynchronous call written by hand, as
/// gen_rpc's `async_call` does. The result travels as the exit reason, and the
/// spawner hears of the end however it comes: what `Task.Supervisor.async_nolink/2`
/// gives, without the tree.
fn is_async_call_by_exit(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(fun) = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function) else {
        return false;
    };
    let monitored = call.name == "spawn_monitor"
        || call
            .arg(1)
            .is_some_and(|opts| file.text(opts).contains(":monitor"));
    let exits_with_result = file
        .calls_within(fun)
        .any(|c| c.is("Kernel", "exit") && c.arity == 1);
    monitored && exits_with_result && takes_process_down(file, call)
}

/// `parent = self()`, then `spawn_monitor(fn -> send(parent, {:done, work()}) end)` in
/// a server whose `handle_info/2` takes `:DOWN`: monitored, its end handled however
/// it comes, its result a message to the server (R38 elixir-ls's parser and request
/// workers). The variable the result goes to, and how it goes, for the message.
fn async_nolink_by_hand<'t>(file: &File<'t>, call: &Call<'t>) -> Option<(&'t str, &'static str)> {
    let k = &grammar().kinds;
    let fun = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function)?;
    if !runs_in_server(file, call) || !takes_process_down(file, call) {
        return None;
    }
    let def = file.def(&call.ctx)?;
    // `parent = self()` earlier in the same function.
    let own_pid = |var: &str| {
        file.calls_within(def.node).any(|c| {
            c.node.end_byte() <= call.node.start_byte()
                && c.is("Kernel", "self")
                && c.parent.filter(|p| ast::is_binary_op(*p, file.src, "=")).is_some_and(|p| {
                    ast::field(p, grammar().fields.left).is_some_and(|l| file.text(l) == var)
                        && ast::field(p, grammar().fields.right) == Some(c.node)
                })
        })
    };
    file.calls_within(fun)
        .filter(|c| {
            c.is("Kernel", "send")
                || c.is("Process", "send")
                || c.is_any("GenServer", &["call", "cast"])
        })
        .filter_map(|c| {
            let how = match c.name {
                "call" => "through a `GenServer.call` to",
                "cast" => "through a `GenServer.cast` to",
                _ => "as a message to",
            };
            c.arg(0).filter(|a| a.kind_id() == k.identifier).map(|a| (file.text(a), how))
        })
        .find(|(var, _)| own_pid(var))
}

/// Does the module match a monitor's `{_, ref, :process, pid, reason}` in a
/// `handle_info/2` head or a `receive` clause?
fn takes_process_down(file: &File, call: &Call) -> bool {
    let g = grammar();
    let k = &g.kinds;
    let is_down = |p: Node| {
        std::iter::once(p).chain(ast::descendants(p)).any(|t| {
            t.kind_id() == k.tuple
                && t.named_child_count() == 5
                && t.named_child(2).and_then(|a| ast::atom_name(a, file.src)) == Some("process")
        })
    };
    let Some(module) = file.module(&call.ctx) else {
        return false;
    };
    let in_info = module.defs.iter().map(|&d| &file.defs[d as usize]).any(|d| {
        d.name == "handle_info" && d.arity == 2 && d.params.first().is_some_and(|p| is_down(*p))
    });
    in_info
        || file
            .calls_named("receive")
            .filter(|r| r.local && r.ctx.module == call.ctx.module)
            .filter_map(|r| r.do_block)
            .flat_map(ast::named_children)
            .filter(|c| c.kind_id() == k.stab_clause)
            .filter_map(|c| ast::field(c, g.fields.left))
            .any(is_down)
}

/// The call runs in a GenServer's own process: in a callback, or in a private helper
/// of the server module (public functions of the module are its client API, which
/// runs in the caller), unless the helper is only ever called, through other private
/// helpers, from that client API (`Nx.Serving.run/2` -> `run_streaming/4` ->
/// `run_streaming/0`: the caller's process, R36 nx).
pub(crate) fn runs_in_server(file: &File, call: &Call) -> bool {
    let (Some(module), Some(def)) = (file.module(&call.ctx), file.def(&call.ctx)) else {
        return false;
    };
    module.is_genserver && (def.is_callback || def.kind == "defp" && !only_from_client(file, def, 0))
}

/// Every local call of the private `def` is in a public function that is not a
/// callback, or in a private helper that is itself only called so (a few levels deep).
fn only_from_client(file: &File, def: &Def, depth: u32) -> bool {
    depth < 4
        && file.every_local_caller(def, |c| {
            file.def(&c.ctx).is_some_and(|d| {
                let recursive = d.name == def.name && d.arity == def.arity;
                !d.is_callback && !recursive && (d.kind == "def" || d.kind == "defp" && only_from_client(file, d, depth + 1))
            })
        })
}

/// `pid = spawn_link(...)` followed in the same function by `Process.exit(pid,
/// :normal)`: the stop as written.
fn normal_exit_of(file: &File, call: &Call) -> Option<String> {
    let binding = call.parent.filter(|p| ast::is_binary_op(*p, file.src, "="))?;
    let var = ast::field(binding, grammar().fields.left)
        .filter(|l| l.kind_id() == grammar().kinds.identifier)
        .map(|l| file.text(l))?;
    let def = file.def(&call.ctx)?;
    file.calls_within(def.node)
        .find(|c| {
            c.node.start_byte() > call.node.end_byte()
                && c.is("Process", "exit")
                && c.arg(0).is_some_and(|a| file.text(a) == var)
                && c.arg(1).is_some_and(|a| file.text(a) == ":normal")
        })
        .map(|c| file.text(c.node).to_string())
}

/// `spawn_opt(fun, [:monitor, max_heap_size: ...])`: a `spawn_monitor` that also sets
/// options (a heap cap for a sandbox), returning `{pid, ref}` the same way.
fn monitors_by_option(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(opts) = (1..call.arity).rev().find_map(|i| call.arg(i)).filter(|o| o.kind_id() == k.list) else {
        return false;
    };
    ast::named_children(opts).any(|o| {
        let text = file.text(o);
        text == ":monitor" || (o.kind_id() == k.tuple && text.starts_with("{:monitor,"))
    })
}

/// `{pid, mon} = spawn_monitor(fun)` followed at once (after nothing but sends to
/// `pid`) by a `receive` that pins `^mon`: a synchronous call into a throw-away
/// process, whose result comes back in the `:DOWN`. The spawner waits for it, so
/// the process lives no longer than its caller's call.
fn awaits_its_down(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(binding) = call.parent.filter(|p| ast::is_binary_op(*p, file.src, "=")) else {
        return false;
    };
    let Some(pattern) = ast::field(binding, grammar().fields.left).filter(|l| l.kind_id() == k.tuple) else {
        return false;
    };
    let var = |i| pattern.named_child(i).filter(|v: &Node| v.kind_id() == k.identifier).map(|v| file.text(v));
    let (Some(mon), pid) = (var(1), var(0)) else {
        return false;
    };
    let pinned = format!("^{mon}");
    let mut next = binding.next_named_sibling();
    while let Some(stmt) = next {
        // `config = receive do ... end`: the wait, its result bound.
        let value = Some(stmt)
            .filter(|s| ast::is_binary_op(*s, file.src, "="))
            .and_then(|s| ast::field(s, grammar().fields.right))
            .unwrap_or(stmt);
        let stmt_call = file.calls.iter().find(|c| c.node == value);
        match stmt_call {
            _ if stmt.kind_id() == k.comment => {}
            Some(c) if c.is("Kernel", "send") && c.arg(0).is_some_and(|d| Some(file.text(d)) == pid) => {}
            Some(c) if c.local && c.name == "receive" => {
                return c.do_block.is_some_and(|b| {
                    file.nodes_of(k.unary_operator)
                        .iter()
                        .any(|u| b.byte_range().contains(&u.start_byte()) && file.text(*u) == pinned)
                });
            }
            _ => return false,
        }
        next = stmt.next_named_sibling();
    }
    false
}

/// A behaviour callback (`@impl`) that returns the spawn's pid and monitor together
/// (`{:ok, spawn_monitor(f)}`, or `{pid, ref} = spawn_monitor(f)` then `{:ok, {pid,
/// ref}}`): the behaviour's contract hands the monitor to its host, which waits for
/// the `:DOWN`. Whoever holds the monitor owns the process's end. A plain function
/// doing the same is still reported: nothing says its callers wait.
fn hands_monitor_to_caller(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(def) = file.def(&call.ctx).filter(|_| call.ctx.func.is_none()) else {
        return false;
    };
    if !is_callback_impl(file, def.node) {
        return false;
    }
    let tail = |n: Node| super::unsupervised_start::in_tail_position(file, def, n);
    // The call as the value, or as a member of the returned tuple.
    let mut value = call.expr;
    while let Some(tuple) = file.parent(value).filter(|p| p.kind_id() == k.tuple) {
        value = tuple;
    }
    if tail(value) {
        return true;
    }
    let Some(binding) = call.parent.filter(|p| ast::is_binary_op(*p, file.src, "=")) else {
        return false;
    };
    let pattern = ast::field(binding, grammar().fields.left).filter(|l| l.kind_id() == k.tuple);
    let Some(pair) = pattern.map(|p| file.text(p).split_whitespace().collect::<String>()) else {
        return false;
    };
    // The pair itself, or inside the returned value: `{:ok, {pid, ref}}`.
    ast::next_statement(binding).is_some_and(|value| {
        tail(value)
            && std::iter::once(value)
                .chain(ast::descendants(value))
                .any(|n| n.kind_id() == k.tuple && file.text(n).split_whitespace().collect::<String>() == pair)
    })
}

/// Is the `def` marked `@impl` (comments and other attributes may come between)?
fn is_callback_impl(file: &File, def: Node) -> bool {
    let k = &grammar().kinds;
    let mut prev = def.prev_named_sibling();
    while let Some(p) = prev {
        if ast::attribute_name(p, file.src) == Some("impl") {
            return true;
        }
        if !ast::is_attribute(p, file.src) && p.kind_id() != k.comment {
            return false;
        }
        prev = p.prev_named_sibling();
    }
    false
}

/// `parent = self()` before `spawn_monitor(fn -> watch(parent, ...) end)`, where the
/// spawned code monitors `parent` (in the fn or in the local function it calls with
/// `parent`): a sidecar that ends with its spawner, while the spawner monitors it
/// in turn. Its lifetime is bound both ways, which is what supervision would give.
fn watches_its_spawner(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(fun) = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function) else {
        return false;
    };
    let is_parent = |n: Node| {
        n.kind_id() == k.identifier && file.bound_from_self(&call.ctx, file.text(n), call.node.start_byte())
    };
    let monitors_parent_here = file
        .calls_within(fun)
        .any(|c| c.is("Process", "monitor") && c.arg(0).is_some_and(is_parent));
    monitors_parent_here
        || file.calls_within(fun).filter(|c| c.local && c.module.is_none()).any(|c| {
            (0..c.arity)
                .filter(|&i| c.arg(i).is_some_and(is_parent))
                .any(|i| local_fn_monitors_param(file, call.ctx.module, c.name, c.arity, i))
        })
}

/// Does a function `name/arity` of the module monitor its `index`th parameter?
fn local_fn_monitors_param(file: &File, module: Option<crate::model::Id>, name: &str, arity: usize, index: usize) -> bool {
    let k = &grammar().kinds;
    file.defs
        .iter()
        .filter(|d| d.module == module && d.name == name && d.arity == arity)
        .any(|d| {
            let Some(param) = d.params.get(index).filter(|p| p.kind_id() == k.identifier) else {
                return false;
            };
            let param = file.text(*param);
            file.calls_within(d.node)
                .any(|c| c.is("Process", "monitor") && c.arg(0).is_some_and(|a| file.text(a) == param))
        })
}

/// `caller = self()` before `spawn(fn -> ... send(caller, {:result, ref, value}) end)`,
/// and a `receive` in the module with a `{:result, ...}` clause: the spawner gathers
/// what the processes report (a scatter-gather).
fn reports_to_spawner(file: &File, call: &Call) -> bool {
    let g = grammar();
    let k = &g.kinds;
    let Some(fun) = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function) else {
        return false;
    };
    let tags: Vec<&str> = file
        .calls_within(fun)
        .filter(|c| c.is("Kernel", "send"))
        .filter(|c| {
            c.arg(0).is_some_and(|d| {
                d.kind_id() == k.identifier
                    && file.bound_from_self(&call.ctx, file.text(d), call.node.start_byte())
            })
        })
        .filter_map(|c| c.arg(1).filter(|m| m.kind_id() == k.tuple))
        .filter_map(|m| m.named_child(0).and_then(|t| ast::atom_name(t, file.src)))
        .collect();
    if tags.is_empty() {
        return false;
    }
    file.calls_named("receive")
        .filter(|r| r.local && r.module.is_none() && r.ctx.module == call.ctx.module)
        .filter_map(|r| r.do_block)
        .flat_map(ast::named_children)
        .filter(|c| c.kind_id() == k.stab_clause)
        .filter_map(|c| ast::field(c, g.fields.left))
        .filter_map(|args| args.named_child(0))
        .any(|p| {
            p.kind_id() == k.tuple
                && p.named_child(0)
                    .and_then(|t| ast::atom_name(t, file.src))
                    .is_some_and(|t| tags.contains(&t))
        })
}

/// `parent = self()`, `pid = spawn_link(fn -> :backend.start(parent, opts) end)`, then
/// a loop that waits in a `receive` pinned on a pid (`{^backend, :done}`): the fn hands
/// the spawner's pid to a function that reports to it, and the spawner waits for the
/// reports, in the same function or a local one it goes on to call (R38 elixir-ls's
/// dialyzer analyzer).
/// The callee, as `Mod.fun/arity`.
fn hands_spawner_to_callee(file: &File, call: &Call) -> Option<String> {
    let g = grammar();
    let k = &g.kinds;
    let fun = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function)?;
    let handed = file.calls_within(fun).find(|c| {
        !c.is("Kernel", "send")
            && c.args.iter().any(|a| {
                a.kind_id() == k.identifier && file.bound_from_self(&call.ctx, file.text(*a), call.node.start_byte())
            })
    })?;
    let def = file.def(&call.ctx)?;
    let pinned_receive = |node: Node| {
        file.calls_within(node)
            .filter(|r| r.name == "receive" && r.local)
            .filter_map(|r| r.do_block)
            .flat_map(ast::named_children)
            .filter(|c| c.kind_id() == k.stab_clause)
            .filter_map(|c| ast::field(c, g.fields.left))
            .any(|p| ast::descendants(p).any(|n| n.kind_id() == k.unary_operator && ast::operator(n, file.src) == "^"))
    };
    let later: Vec<&Call> = file.calls_within(def.node).filter(|c| c.node.start_byte() > call.node.end_byte()).collect();
    let waits = later.iter().any(|c| c.name == "receive" && c.local) && pinned_receive(def.node)
        || later.iter().filter(|c| c.local && c.module.is_none()).any(|c| {
            file.defs_named(c.name)
                .filter(|d| d.module == def.module && d.arity == c.arity)
                .any(|d| pinned_receive(d.node))
        });
    waits.then(|| handed.mfa())
}

/// `spawn_link(fn -> IO.gets(:stdio, "") == :eof && System.halt(0) end)`: a watcher
/// whose job is to end the whole node (`System.halt/stop`, `:init.stop`,
/// `:erlang.halt`). There is no orderly shutdown for it to be part of, and a
/// supervisor could only restart a process that stops everything. The halt may sit in
/// a function of the same module the fn calls, two levels deep (`spawn(fn ->
/// do_reboot(cmd) end)` whose `do_reboot/1` ends in `:init.stop()`), or be the function
/// a capture names (`spawn(&halt/0)`).
pub(crate) fn ends_the_node(file: &File, call: &Call) -> bool {
    let Some(arg) = call.arg(0) else {
        return false;
    };
    if arg.kind_id() == grammar().kinds.anonymous_function {
        return halts_within(file, call.ctx.module, arg, 2);
    }
    // `spawn(&halt/0)`: the function named by the capture is the process's body.
    file.calls_within(arg)
        .find(|c| c.node == arg && c.capture)
        .is_some_and(|c| local_halts(file, call.ctx.module, c, 1))
}

pub(crate) fn halts_within(file: &File, module: Option<crate::model::Id>, node: Node, depth: u32) -> bool {
    file.calls_within(node)
        .any(|c| crate::runtime::ends_node(c) || depth > 0 && !c.capture && local_halts(file, module, c, depth - 1))
}

/// `c` calls a function of `module` (by name and arity) that ends the node.
fn local_halts(file: &File, module: Option<crate::model::Id>, c: &Call, depth: u32) -> bool {
    c.local
        && c.module.is_none()
        && !c.dynamic
        && file
            .defs_named(c.name)
            .filter(|d| d.module == module && d.arity == c.arity)
            .filter_map(|d| d.body)
            .any(|body| halts_within(file, module, body, depth))
}

/// `spawn(fn -> Process.monitor(owner); Process.monitor(worker); receive do {:DOWN, _,
/// _, ^worker, _} -> :ok; {:DOWN, _, _, ^owner, _} -> Process.exit(worker, :kill) end
/// end)`: a watcher that monitors processes, waits for the first of them to end,
/// reacts (kills another, tells someone) and ends. It cannot outlive what it watches,
/// and a supervisor would have nothing to restart. `fun` must be an anonymous fn of
/// one clause: monitors (and plain bindings), then one `receive` with no `after`
/// whose every clause takes a `:DOWN` and only sends, casts or exits.
pub(crate) fn is_down_watcher(file: &File, fun: Node) -> bool {
    let g = grammar();
    let Some(body) = ast::single_clause_body(fun) else {
        return false;
    };
    let statements: Vec<Node> = ast::statements(body).collect();
    let Some((&wait, setup)) = statements.split_last() else {
        return false;
    };
    let monitors = setup.iter().filter(|st| file.calls_within(**st).any(|c| c.is("Process", "monitor"))).count();
    let setup_only = setup
        .iter()
        .all(|st| file.calls_within(*st).all(|c| c.is("Process", "monitor")));
    let Some(receive) = file.calls_named("receive").find(|c| c.node == wait) else {
        return false;
    };
    let Some(block) = receive.do_block else {
        return false;
    };
    let mut cases = ast::named_children(block).filter(|c| c.kind_id() == g.kinds.stab_clause).peekable();
    let only_downs = cases.peek().is_some()
        && cases.all(|c| {
            // Sends and exits, casts (R41 poolex: two `GenServer.cast`s to the pool), and
            // an `if`/`unless`/`case` that chooses among them: nothing that waits.
            let reacts = ast::field(c, g.fields.right).is_none_or(|r| {
                file.calls_within(r).all(|c| {
                    c.is("Kernel", "send")
                        || c.is("Process", "exit")
                        || c.is("Process", "send")
                        || c.is("GenServer", "cast")
                        || c.is(":gen_server", "cast")
                        || c.local && c.module.is_none() && matches!(c.name, "if" | "unless" | "case")
                })
            });
            takes_down(file, c) && reacts
        });
    monitors > 0 && setup_only && !waits_with_after(receive, block) && only_downs
}

/// `spawn(fn -> Process.monitor(pid); Process.exit(pid, :shutdown); receive do
/// {:DOWN, _, :process, ^pid, _} -> log(...) after 5000 -> Process.exit(pid, :kill)
/// end end)`: a stopper that asks a process to end, waits a bounded time for its
/// `:DOWN` and kills it after. It ends by itself within the `after` (R37 realtime's
/// conflict resolution); the returned value is the `after`'s literal timeout.
fn bounded_stopper(file: &File, call: &Call) -> Option<String> {
    let g = grammar();
    let fun = call.arg(0).filter(|f| f.kind_id() == g.kinds.anonymous_function)?;
    let body = ast::single_clause_body(fun)?;
    let statements: Vec<Node> = ast::statements(body).collect();
    let (&wait, setup) = statements.split_last()?;
    let calls_in = |n: Node| file.calls_within(n).collect::<Vec<_>>();
    let setup_calls: Vec<&Call> = setup.iter().flat_map(|st| calls_in(*st)).collect();
    let signals = setup_calls.iter().any(|c| c.is("Process", "exit"));
    let monitors = setup_calls.iter().any(|c| c.is("Process", "monitor"));
    if !signals || !monitors || !setup_calls.iter().all(|c| c.is("Process", "exit") || c.is("Process", "monitor")) {
        return None;
    }
    let receive = file.calls_named("receive").find(|c| c.node == wait)?;
    let block = receive.do_block?;
    let after = ast::named_children(block)
        .chain(ast::named_children(receive.node))
        .find(|c| c.kind_id() == g.kinds.after_block)?;
    let after_clause = ast::named_children(after).find(|c| c.kind_id() == g.kinds.stab_clause)?;
    let timeout = ast::field(after_clause, g.fields.left)
        .and_then(|l| if l.kind_id() == g.kinds.arguments { l.named_child(0) } else { Some(l) })
        .filter(|t| t.kind_id() == g.kinds.integer)?;
    let reacts_only = |n: Node| {
        file.calls_within(n).all(|c| {
            c.is("Kernel", "send")
                || c.is("Process", "exit")
                || c.in_module("Logger")
                || matches!(c.name, "inspect" | "node" | "self") && c.module.as_deref().is_none_or(|m| m == "Kernel")
                || only_logs(file, call, c)
        })
    };
    let downs = ast::named_children(block).filter(|c| c.kind_id() == g.kinds.stab_clause).collect::<Vec<_>>();
    (!downs.is_empty() && downs.iter().all(|c| takes_down(file, *c) && reacts_only(*c)) && reacts_only(after_clause))
        .then(|| file.text(timeout).to_string())
}

/// `log(message)`, a function of the module whose body only calls `Logger`.
fn only_logs(file: &File, call: &Call, c: &Call) -> bool {
    let mut defs = file
        .defs
        .iter()
        .filter(|d| d.module == call.ctx.module && d.name == c.name && d.arity == c.arity)
        .peekable();
    c.local
        && c.module.is_none()
        && defs.peek().is_some()
        && defs.all(|d| d.body.is_some_and(|b| file.calls_within(b).all(|x| x.in_module("Logger") || matches!(x.name, "inspect" | "node" | "self"))))
}

/// A `receive` whose `after` (in its `do` block, or beside it) bounds the wait.
fn waits_with_after(receive: &Call, block: Node) -> bool {
    ast::named_children(block)
        .chain(ast::named_children(receive.node))
        .any(|c| c.kind_id() == grammar().kinds.after_block)
}

/// A `receive` clause for a monitor's message: `{:DOWN, ref, :process, pid, reason} ->`.
fn takes_down(file: &File, clause: Node) -> bool {
    let g = grammar();
    ast::field(clause, g.fields.left)
        .and_then(|l| if l.kind_id() == g.kinds.arguments { l.named_child(0) } else { Some(l) })
        .is_some_and(|p| p.kind_id() == g.kinds.tuple && p.named_child(0).and_then(|a| ast::atom_name(a, file.src)) == Some("DOWN"))
}

/// `spawn(fn -> ref = Process.monitor(owner); relay(owner, ref, reply_to) end)`, where
/// the module's `relay/3` waits in a `receive` with no `after` that ends on a `:DOWN`
/// (a clause that does not loop) and otherwise forwards what comes and loops: a relay
/// between processes (gun 1.x's `reply_to` pid for a request) that ends when what it
/// serves ends. Setup may only monitor, also inside an `if`.
fn is_down_relay(file: &File, call: &Call, fun: Node) -> bool {
    let g = grammar();
    let Some(body) = ast::single_clause_body(fun) else {
        return false;
    };
    let statements: Vec<Node> = ast::statements(body).collect();
    let Some((&last, setup)) = statements.split_last() else {
        return false;
    };
    let monitors = setup.iter().any(|st| file.calls_within(*st).any(|c| c.is("Process", "monitor")));
    let setup_only = setup
        .iter()
        .all(|st| file.calls_within(*st).all(|c| c.is("Process", "monitor") || c.local && c.name == "if"));
    let Some(start) = file.calls_within(last).find(|c| c.node == last && c.local && c.module.is_none()) else {
        return false;
    };
    let mut loops = file
        .defs_named(start.name)
        .filter(|d| d.module == call.ctx.module && d.arity == start.arity)
        .peekable();
    let relays = loops.peek().is_some()
        && loops.all(|d| {
            let Some(receive) = d.body.and_then(|b| {
                let last = ast::statements(b).last().unwrap_or(b);
                file.calls_named("receive").find(|c| c.node == last || c.node == b)
            }) else {
                return false;
            };
            let Some(block) = receive.do_block else {
                return false;
            };
            let loops_again = |clause: Node| {
                ast::field(clause, g.fields.right)
                    .is_some_and(|r| file.calls_within(r).any(|c| c.local && c.name == d.name && c.arity == d.arity))
            };
            let clauses: Vec<Node> = ast::named_children(block).filter(|c| c.kind_id() == g.kinds.stab_clause).collect();
            !waits_with_after(receive, block) && clauses.iter().any(|c| takes_down(file, *c) && !loops_again(*c))
        });
    monitors && setup_only && relays
}

/// `spawn(fn -> for pid <- pids, do: send(pid, :drain) end)`: a process that only
/// hands out messages ends as soon as they are sent and cannot crash on the way, so a
/// supervisor would have nothing to stop or report (a drain in `terminate/2` that
/// must not wait on slow receivers).
fn only_sends(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(fun) = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function) else {
        return false;
    };
    let mut calls = file.calls_within(fun).peekable();
    calls.peek().is_some()
        && calls.all(|c| {
            c.is("Kernel", "send")
                || c.is("Process", "send")
                || c.is("GenServer", "cast")
                || c.is("Enum", "each")
                || c.local && c.name == "for"
        })
        && file.calls_within(fun).any(|c| c.name == "send" || c.name == "cast")
}

/// `:proc_lib.spawn_link` inside `start_link` of a module that acks with
/// `:proc_lib.init_ack`, or that returns `{:ok, pid}` of it: a hand-written special
/// process.
fn is_special_process_start(file: &File, call: &Call) -> bool {
    if !call.is(":proc_lib", "spawn_link") {
        return false;
    }
    if file.def(&call.ctx).is_none_or(|d| d.name != "start_link") {
        return false;
    }
    let Some(module) = file.module(&call.ctx) else {
        return false;
    };
    file.calls_within(module.node)
        .any(|c| c.is(":proc_lib", "init_ack") && c.ctx.module == call.ctx.module)
        || returns_ok_pid(file, call)
}

/// `pid = :proc_lib.spawn_link(...)` followed by `{:ok, pid}` as the function's
/// result: the child start contract, so the caller (a supervisor, Ranch's connection
/// supervisor) holds the link. Ranch protocols and hand-written loops start this way
/// and enter their loop without `init_ack`.
fn returns_ok_pid(file: &File, call: &Call) -> bool {
    let Some(var) = crate::rules::test::no_sleep::match_left(file, call)
        .filter(|l| l.kind_id() == grammar().kinds.identifier)
        .map(|l| file.text(l))
    else {
        return false;
    };
    let Some(body) = file.def(&call.ctx).and_then(|d| d.body) else {
        return false;
    };
    let last = if body.kind_id() == grammar().kinds.do_block {
        ast::statements(body).filter(|s| s.kind_id() != grammar().kinds.comment).last()
    } else {
        Some(body)
    };
    last.is_some_and(|l| file.text(l).split_whitespace().collect::<String>() == format!("{{:ok,{var}}}"))
}

/// Kernel `spawn`/`spawn_link` with a fn or `m, f, a`, as a statement or bound to a
/// variable: move to Task. The return value changes from `pid` to `{:ok, pid}`, so a
/// binding `pid = spawn(...)` becomes `{:ok, pid} = ...`. The supervisor is one the
/// project defines; without one there is no fix that moves under it.
fn kernel_fix(file: &File, call: &Call, kind: Kind) -> Option<Fix> {
    if !call.in_module("Kernel") || call.piped || call.capture || call.via_apply {
        return None;
    }
    let (module, name, insert_sup) = match kind {
        Kind::Plain => ("Task.Supervisor", "start_child", true),
        Kind::Link => ("Task", "start_link", false),
        _ => return None,
    };
    let at = call.target.start_byte();
    let arity = call.arity + usize::from(insert_sup);
    let replacement = file.remote_call_text(&call.ctx, at, module, name, arity)?;
    let first = call.arg(0)?;
    let mut edits = vec![Edit::replace(call.target.byte_range(), replacement)];
    if insert_sup {
        // The engine fills in the project's supervisor name (or drops the fix).
        let sup = supervisors::code(supervisors::Kind::Task);
        edits.push(Edit::insert(first.start_byte(), format!("{sup}, ")));
    }
    let title = if insert_sup {
        format!(
            "Start it under {}",
            supervisors::prose(supervisors::Kind::Task)
        )
    } else {
        "Start it with `Task.start_link`".to_string()
    };
    if call.is_discarded_statement() {
        return Some(Fix::unsafe_(title, edits));
    }
    // `pid = spawn(fn -> ... end)` followed by more code.
    let parent = call.parent?;
    if !ast::is_binary_op(parent, file.src, "=") {
        return None;
    }
    let left = ast::field(parent, grammar().fields.left)?;
    if left.kind_id() != grammar().kinds.identifier || !is_discarded(parent) {
        return None;
    }
    edits.push(Edit::replace(
        left.byte_range(),
        format!("{{:ok, {}}}", file.text(left)),
    ));
    Some(Fix::unsafe_(title, edits))
}

/// A statement of a block followed by another statement: its value is thrown away.
pub(crate) fn is_discarded(node: Node) -> bool {
    let k = &grammar().kinds;
    let Some(parent) = node.parent() else {
        return false;
    };
    if ![k.do_block, k.body, k.block, k.source].contains(&parent.kind_id()) {
        return false;
    }
    let mut next = node.next_named_sibling();
    while let Some(n) = next {
        if ![
            k.comment,
            k.after_block,
            k.rescue_block,
            k.catch_block,
            k.else_block,
        ]
        .contains(&n.kind_id())
        {
            return true;
        }
        next = n.next_named_sibling();
    }
    false
}

/// Inside `Kernel.spawn/1`, `Node.spawn_link/2`, `Process.spawn/2`...: the wrapper
/// itself, which can only be written with the Erlang spawn it wraps.
fn defines_a_spawn_wrapper(file: &File, call: &Call) -> bool {
    let (Some(def), Some(module)) = (file.def(&call.ctx), file.module(&call.ctx)) else {
        return false;
    };
    matches!(module.name.as_str(), "Kernel" | "Node" | "Process")
        && def.name.starts_with("spawn")
        && call.module.as_deref() == Some(":erlang")
}
