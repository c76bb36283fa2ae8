//! `otp/handle-info-catch-all`: handle_info/2 without a catch-all clause. See `handle_info_catch_all.md`.

use crate::model::Id;
use crate::rules::otp::genserver_callbacks::{
    genserver_declaration, impl_attribute, line_end, line_indent, on_own_lines,
};
use crate::rules::otp::monitor_leak::{is_tagged_down, monitor_tag};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/handle-info-catch-all",
    title: "handle_info/2 without a catch-all clause",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("handle_info_catch_all.md"),
    check,
    project: Some(&PROJECT),
};

static PROJECT: ProjectPass = ProjectPass {
    collect,
    conclude,
    encode,
    decode,
    only_retracts: false,
};

/// The last `handle_info/2` clause of a GenServer module that has no catch-all.
fn missing_catch_all<'a, 't>(file: &'a File<'t>, module: &Module) -> Option<(Id, &'a Def<'t>, usize)> {
    // The module using a quote may add (or override) `handle_info/2` clauses.
    if !module.is_genserver || module.quoted {
        return None;
    }
    // `defdelegate handle_info(msg, state), to: ...`: the clauses are elsewhere.
    if module
        .functions
        .iter()
        .any(|f| f.kind == "defdelegate" && f.name == "handle_info")
    {
        return None;
    }
    let clauses: Vec<(Id, &Def)> = module
        .defs
        .iter()
        .map(|&d| (d, &file.defs[d as usize]))
        .filter(|(_, d)| d.kind == "def" && d.name == "handle_info" && d.arity == 2)
        .collect();
    let &(last_id, last) = clauses.last()?;
    if clauses.iter().any(|(_, d)| is_catch_all(file, d)) {
        return None;
    }
    Some((last_id, last, clauses.len()))
}

fn check(file: &File, report: &mut Report) {
    for (i, module) in file.modules.iter().enumerate() {
        let Some((last_id, last, n)) = missing_catch_all(file, module) else {
            continue;
        };
        let count = match n {
            1 => "its only clause".to_string(),
            n => format!("the last of its {n} clauses"),
        };
        let ctx = Ctx {
            module: Some(i as Id),
            def: Some(last_id),
            ..Ctx::default()
        };
        // A process that mutes its own logs would swallow the message silently with
        // a logging clause: crashing is then the louder choice, so don't offer it.
        if mutes_own_logging(file, module) {
            report.add(
                file,
                &ctx,
                last_head(last),
                format!(
                    "`handle_info/2` has no catch-all clause ({count} is here): a stray message (a late reply after a call timeout, a `:DOWN` or `:EXIT`) crashes the server with `FunctionClauseError`; this module mutes its own logs (`Logger.put_process_level/2`), so a catch-all that only logs would swallow it silently: end with a clause that raises (or exits) with a message naming what arrived, or that handles it"
                ),
            );
            continue;
        }
        let covered = strays_covered(file, i as Id, module);
        let idle = idle_timeout(file, i as Id, module);
        // A one-shot timeout from `init/1`: the catch-all is not what loses the
        // deferred step (any message arriving first cancels it), so point to
        // `handle_continue/2` first and offer no fix.
        if let Some(Timeout::OneShot) = idle {
            const ONE_SHOT: &str = "the only gen_server timeout here is the one-shot `{:ok, state, timeout}` from `init/1`, which any message that arrives first (a call, a stray) cancels, so the deferred first step can be skipped: move it to `{:ok, state, {:continue, step}}` and `handle_continue/2`, then end with a plain `def handle_info(msg, state)` clause that logs and returns `{:noreply, state}`";
            report_timeout_finding(report, file, &ctx, last, &count, covered.as_deref(), ONE_SHOT);
            continue;
        }
        // Only a foreign `send` could crash it, and the fix would cancel its idle
        // timeout: the crash and restart is the better of the two. Kept to a module
        // that takes every `:DOWN` itself, as it was first written: a plain idle loop
        // that merely sets no monitor keeps an info finding below.
        if covered.as_ref().is_some_and(|c| c.starts_with(TAKES_DOWN)) && idle.is_some() {
            continue;
        }
        // The idle timeout is cancelled by any message: a catch-all returning
        // `{:noreply, state}` would stop the loop silently, so offer no such fix.
        if let Some(Timeout::Idle(how)) = idle {
            let loop_advice = format!(
                "this server runs on the gen_server idle timeout ({how}), which any arriving message cancels, so a catch-all that returns `{{:noreply, state}}` would stop that loop silently: end with a clause that logs and returns the pending timeout again (`{{:noreply, state, timeout}}`), or move the loop to `Process.send_after/3`"
            );
            report_timeout_finding(report, file, &ctx, last, &count, covered.as_deref(), &loop_advice);
            continue;
        }
        // Every remaining case is one finding with the catch-all fix; they differ in
        // what they say and whether the module already covers the strays (info).
        // The port's exit notice: a logging catch-all would keep a server whose
        // program is gone, so the advice is a clause that stops it, with no fix.
        if port_exit_missing(file, i as Id) {
            report.add(
                file,
                &ctx,
                last_head(last),
                format!(
                    "`handle_info/2` has no catch-all clause ({count} is here): this server opens a port with `:exit_status`, and no clause takes the `{{port, {{:exit_status, status}}}}` the port sends when its program exits: that message crashes the server with `FunctionClauseError`; add a clause for it that stops the server (`{{:stop, {{:port_exited, status}}, state}}`), since a catch-all that logs and carries on would keep a server whose program is gone"
                ),
            );
            continue;
        }
        // The same for a file watcher's stop notice.
        if watcher_stop_missing(file, i as Id) {
            report.add(
                file,
                &ctx,
                last_head(last),
                format!(
                    "`handle_info/2` has no catch-all clause ({count} is here): this server subscribes to a `FileSystem` watcher, which sends `{{:file_event, watcher_pid, :stop}}` when the watcher stops, and no clause takes it: that message crashes the server with `FunctionClauseError`; add a clause for it that stops the server (or starts a new watcher), since a catch-all that logs and carries on would keep a server that no longer hears of any change"
                ),
            );
            continue;
        }
        let (message, info) = if let Some(missing) = gun_messages_missing(file, i as Id) {
            (format!(
                "`handle_info/2` has no catch-all clause ({count} is here): this module opens a gun connection (`:gun.open`), which also sends the owner {missing}, which no clause takes: each would crash the server with `FunctionClauseError`; add clauses for them, or end with a `def handle_info(msg, state)` clause that logs and returns `{{:noreply, state}}`"
            ), false)
        } else if let Some((family, missing)) = socket_messages_missing(file, i as Id) {
            (format!(
                "`handle_info/2` has no catch-all clause ({count} is here): this module takes `{{:{family}_closed, socket}}`, so it owns a socket that also sends {missing}, which no clause takes: each would crash the server with `FunctionClauseError`; add clauses for them, or end with a `def handle_info(msg, state)` clause that logs and returns `{{:noreply, state}}`"
            ), false)
        } else if let Some(matched) = covered {
            (format!(
                "`handle_info/2` has no catch-all clause ({count} is here): this module {matched}, so only a message that other code sends to this process would crash it with `FunctionClauseError`; a last `def handle_info(msg, state)` clause that logs it is cheap insurance"
            ), true)
        } else if let Some(head) = narrow_task_reply(file, module) {
            (format!(
                "`handle_info/2` has no catch-all clause ({count} is here): the tasks this server starts reply with `{{ref, result}}`, and the only clause for their replies is `{head}`: a task that returns anything else (an `{{:error, reason}}`, say) crashes the server with `FunctionClauseError`; add a clause for the other results, or end with a `def handle_info(msg, state)` clause that logs and returns `{{:noreply, state}}`"
            ), false)
        } else if let [tag, ..] = missing_node_events(file, module, &node_events(file, module))[..] {
            (format!(
                "`handle_info/2` has no catch-all clause ({count} is here) and no clause for `{{:{tag}, node}}`, which this server's node monitoring sends whenever the cluster changes: that message crashes it with `FunctionClauseError`; add a clause for it (or a last `def handle_info(msg, state)` clause that logs and returns `{{:noreply, state}}`)"
            ), false)
        } else {
            let sources = stray_sources(file, i as Id, module);
            let strays = if sources.is_empty() {
                "a late reply after a call timeout, a `:DOWN` or `:EXIT`".to_string()
            } else {
                sources.join(", ")
            };
            (format!(
                "`handle_info/2` has no catch-all clause ({count} is here): defining it replaces the default that logs unexpected messages, so a stray message ({strays}) crashes the server with `FunctionClauseError`; end with a `def handle_info(msg, state)` clause that logs and returns `{{:noreply, state}}`"
            ), false)
        };
        let d = report.add(file, &ctx, last_head(last), message);
        if info {
            d.severity(Severity::Info);
        }
        if let Some(fix) = catch_all_fix(file, module, last) {
            d.fix(fix);
        }
    }
}

/// `:net_kernel.monitor_nodes(true)` (or `Node.monitor(node, true)`) in the server's
/// own code subscribes it to node events: a `{:nodeup, node}` or `{:nodedown, node}`
/// (with a third element when options are given) comes whenever the cluster
/// changes. The (tag, size) of each.
fn node_events(file: &File, module: &Module) -> Vec<(&'static str, usize)> {
    let reached = server_defs(file, module);
    let mut events: Vec<(&'static str, usize)> = server_calls(file, &reached)
        .flat_map(|c| {
            let size = if c.arity == 2 { 3 } else { 2 };
            if c.is(":net_kernel", "monitor_nodes") {
                vec![("nodeup", size), ("nodedown", size)]
            } else if c.is("Node", "monitor") || c.is(":erlang", "monitor_node") {
                vec![("nodedown", 2)]
            } else {
                Vec::new()
            }
        })
        .collect();
    events.sort_unstable();
    events.dedup();
    events
}

/// The node events of `events` that no unguarded `handle_info/2` clause takes.
fn missing_node_events(file: &File, module: &Module, events: &[(&'static str, usize)]) -> Vec<&'static str> {
    let clauses = || unguarded_info_clauses(file, module);
    events
        .iter()
        .filter(|(tag, size)| !clauses().any(|d| d.params.first().is_some_and(|p| is_tagged(file, *p, tag, *size))))
        .map(|(tag, _)| *tag)
        .collect()
}

/// `{:tcp_closed, socket}` taken, but not `{:tcp_error, socket, reason}` or (in active
/// mode) `{:tcp, socket, data}`: the module owns a socket, opened here or by a helper
/// module, whose other messages crash it. The family (`tcp`, `ssl`) and what is missing.
/// `Port.open(cmd, [..., :exit_status])` (or `:erlang.open_port/2`) in the module,
/// and no `handle_info/2` clause whose head names `:exit_status` (nor one with a bare
/// variable head, which takes it): the port's exit notice has nowhere to go.
fn port_exit_missing(file: &File, module: Id) -> bool {
    let g = grammar();
    let opens = file.calls.iter().any(|c| {
        c.ctx.module == Some(module)
            && (c.is("Port", "open") || c.is(":erlang", "open_port"))
            && c.arg(1).is_some_and(|opts| {
                ast::descendants(opts).any(|n| n.kind_id() == g.kinds.atom && file.text(n) == ":exit_status")
            })
    });
    opens
        && !file
            .defs_of(Some(module))
            .filter(|d| d.name == "handle_info" && d.arity == 2)
            .filter_map(|d| d.params.first().copied())
            .any(|p| p.kind_id() == g.kinds.identifier || file.text(p).contains(":exit_status"))
}

/// The message patterns of the module's `handle_info/2` clauses, without their guards.
fn info_heads<'t>(file: &File<'t>, module: Id) -> Vec<Node<'t>> {
    let g = grammar();
    file.defs_of(Some(module))
        .filter(|d| d.name == "handle_info" && d.arity == 2)
        .filter_map(|d| d.params.first().copied())
        .map(|p| if ast::is_binary_op(p, file.src, "when") { ast::field(p, g.fields.left).unwrap_or(p) } else { p })
        .collect()
}

/// `FileSystem.subscribe(watcher)` in the module, and `handle_info/2` clauses that take
/// the watcher's `{:file_event, pid, {path, events}}` but none that takes its
/// `{:file_event, pid, :stop}` (nor a variable head, nor a variable third element).
fn watcher_stop_missing(file: &File, module: Id) -> bool {
    let g = grammar();
    let subscribes = file.calls.iter().any(|c| c.ctx.module == Some(module) && c.is("FileSystem", "subscribe"));
    if !subscribes {
        return false;
    }
    let heads = info_heads(file, module);
    let takes_stop = heads.iter().any(|h| {
        h.kind_id() == g.kinds.identifier
            || h.kind_id() == g.kinds.tuple
                && h.named_child(0).and_then(|a| ast::atom_name(a, file.src)) == Some("file_event")
                && h.named_child(2).is_some_and(|e| {
                    e.kind_id() == g.kinds.identifier || ast::atom_name(e, file.src) == Some("stop")
                })
    });
    !takes_stop
}

/// `:gun.open(host, port, opts)` in the module, whose `handle_info/2` clauses take
/// some of gun's messages (`{:gun_up, conn, protocol}`, `{:gun_ws, ...}`) but not
/// `{:gun_error, ...}` or `{:gun_down, ...}`, which gun sends the owner when a stream
/// or the connection fails. What is missing, as the message names it.
fn gun_messages_missing(file: &File, module: Id) -> Option<String> {
    let g = grammar();
    let opens = file.calls.iter().any(|c| c.ctx.module == Some(module) && c.is(":gun", "open"));
    if !opens {
        return None;
    }
    let heads = info_heads(file, module);
    if heads.iter().any(|h| h.kind_id() == g.kinds.identifier) {
        return None;
    }
    let takes = |tag: &str| {
        heads.iter().any(|p| {
            p.kind_id() == g.kinds.tuple && p.named_child(0).and_then(|a| ast::atom_name(a, file.src)) == Some(tag)
        })
    };
    let mut missing = Vec::new();
    if !takes("gun_error") {
        missing.push("`{:gun_error, conn, stream, reason}` (and `{:gun_error, conn, reason}`) when a stream or the connection fails");
    }
    if !takes("gun_down") {
        missing.push("`{:gun_down, conn, protocol, reason, killed_streams}` when the connection drops");
    }
    (!missing.is_empty()).then(|| missing.join(" and "))
}

fn socket_messages_missing(file: &File, module: Id) -> Option<(&'static str, String)> {
    let g = grammar();
    let heads = info_heads(file, module);
    // A clause with a variable head (`msg when is_tuple(msg)`) takes more than named
    // shapes: what it lets through is another finding's business.
    if heads.iter().any(|h| h.kind_id() == g.kinds.identifier) {
        return None;
    }
    let tags: Vec<(&str, usize)> = heads
        .into_iter()
        .filter(|p| p.kind_id() == g.kinds.tuple)
        .filter_map(|p| Some((ast::atom_name(p.named_child(0)?, file.src)?, p.named_child_count())))
        .collect();
    let takes = |tag: &str, size: usize| tags.iter().any(|(t, n)| *t == tag && *n == size);
    // A module that never speaks of a socket takes a stray `:ssl_closed` that an HTTP
    // client's pool leaks into the caller (hackney does): it owns no socket.
    let k = &g.kinds;
    let owns_socket = || file.modules.get(module as usize).is_some_and(|m| {
        ast::descendants(m.node)
            .filter(|n| n.kind_id() == k.identifier || n.kind_id() == k.keyword || n.kind_id() == k.atom)
            .any(|n| file.text(n).contains("socket"))
    });
    for family in ["tcp", "ssl"] {
        // The module walk only once a `*_closed` clause makes it worth it.
        if !takes(&format!("{family}_closed"), 2) || !owns_socket() {
            continue;
        }
        let mut missing = Vec::new();
        if !takes(&format!("{family}_error"), 3) {
            missing.push(format!("`{{:{family}_error, socket, reason}}` when the connection fails"));
        }
        // In passive mode no data message comes; only say it when data is not taken.
        if !takes(family, 3) && !tags.iter().any(|(t, _)| *t == format!("{family}_passive")) {
            missing.push(format!("`{{:{family}, socket, data}}` while it is in active mode"));
        }
        if !missing.is_empty() {
            return Some((if family == "tcp" { "tcp" } else { "ssl" }, missing.join(" and ")));
        }
    }
    None
}

/// Where each finding points: the last `handle_info/2` clause, up to the end of its head.
fn last_head(last: &Def) -> std::ops::Range<usize> {
    last.node.start_byte()..last.head.end_byte()
}

/// The finding of a server on a gen_server timeout, whose `advice` says what the usual
/// catch-all would break. With no monitor, link or late reply of its own (`covered`
/// says which), only a foreign `send` could crash it: info, like any covered server.
fn report_timeout_finding(
    report: &mut Report,
    file: &File,
    ctx: &Ctx,
    last: &Def,
    count: &str,
    covered: Option<&str>,
    advice: &str,
) {
    let message = match covered {
        Some(how) => format!(
            "`handle_info/2` has no catch-all clause ({count} is here): this module {how}, so only a message that other code sends to this process would crash it with `FunctionClauseError`; {advice}"
        ),
        None => format!(
            "`handle_info/2` has no catch-all clause ({count} is here): a stray message crashes the server with `FunctionClauseError`; {advice}"
        ),
    };
    let d = report.add(file, ctx, last_head(last), message);
    if covered.is_some() {
        d.severity(Severity::Info);
    }
}

/// None of the stray messages the usual finding names can arrive: a `:DOWN` is
/// either taken by an unguarded clause (`{:DOWN, ref, _, pid, _}`), or the
/// server's own code sets no monitor, or it sets one only in `init/1` and a clause
/// takes that monitor's `:DOWN` by the ref it keeps (`%{owner: {_, ref}} = state`);
/// the module either does not trap exits or takes any `{:EXIT, pid, _}` the same
/// way; and the server's own code (callbacks and the private functions they reach)
/// makes no request that could answer late. Returns what makes each stray
/// impossible, for the message.
fn strays_covered(file: &File, id: Id, module: &Module) -> Option<String> {
    let clauses = || unguarded_info_clauses(file, module);
    let takes_any = |tag: &str, size: usize| takes_any_unguarded(file, module, tag, size);
    let reached = server_defs(file, module);
    let server_calls = || server_calls(file, &reached);
    let awaited = |c: &Call| awaited_in_place(file, c);
    let every_reply = takes_every_reply(file, module);
    // Tasks whose every reply one clause takes are no source of strays.
    let task_results = every_reply.is_none().then(|| takes_each_task_result(file, module)).flatten();
    let covered_task = |c: &Call| task_results.is_some() && starts_task(c);
    if every_reply.is_none()
        && server_calls().any(|c| {
            is_request(c) && !never_times_out(file, c) && !consumes_own_replies(c) && !drops_late_reply(c) && !awaited(c) && !covered_task(c)
        })
    {
        return None;
    }
    let timed_call = server_calls().find(|c| drops_late_reply(c) && !never_times_out(file, c));
    // A request without a timeout cannot answer late: it waits until the answer comes.
    let calls = match server_calls().find(|c| is_request(c) && !consumes_own_replies(c) && !awaited(c)) {
        Some(_) if let Some(head) = every_reply => format!(
            "and takes every message shaped like a reply (`{head}`), as a task's reply or a late answer to a call is"
        ),
        Some(_)
            if let Some((head, size)) = &task_results
                && !server_calls().any(|c| is_request(c) && !starts_task(c) && !consumes_own_replies(c) && !awaited(c)) =>
        {
            format!(
            "and takes every reply its tasks can give (`{head}`: each task's function ends in a tuple of {size} elements on every path)"
            )
        }
        Some(_) if let Some(c) = timed_call => format!(
            "and its calls (`{}`) drop a reply that comes after their timeout (since OTP 24 a call waits on a process alias that the timeout deactivates)",
            c.display(file.src)
        ),
        Some(c) => format!(
            "and its only requests (`{}`) wait without a timeout, which leaves no late reply",
            c.display(file.src)
        ),
        None if server_calls().any(consumes_own_replies) => {
            "and its own code makes no `GenServer.call`, and its only tasks run in a `Task.async_stream`, which takes their replies itself".to_string()
        }
        None if server_calls().any(awaited) => {
            "and its own code makes no `GenServer.call`, and awaits each task it starts where it starts it (`Task.await/2`, or `Task.await_many`/`Task.yield_many(_, :infinity)` for a batch, takes the reply and the `:DOWN`, or exits the server on timeout)".to_string()
        }
        // Calls through other modules' wrappers are not seen here; a timeout in one
        // exits the server unless caught, so it leaves no late reply either.
        None => "and its own code makes no `GenServer.call` or task whose reply could arrive late".to_string(),
    };
    let down = if takes_any("DOWN", 5) {
        TAKES_DOWN
    } else {
        // A monitor that its own function ends with `Process.demonitor(ref, [:flush])`
        // (a request that waits for a reply or the peer's `:DOWN`) leaves no `:DOWN`.
        let flushed = |c: &Call| {
            let Some(var) = bound_to(file, c) else {
                return false;
            };
            file.calls.iter().any(|d| {
                d.ctx.def == c.ctx.def
                    && (d.is("Process", "demonitor") || d.is("Port", "demonitor") || d.is(":erlang", "demonitor"))
                    && d.arg(0).is_some_and(|a| file.text(a) == var)
                    && d.arg(1).is_some_and(|o| file.text(o).contains(":flush"))
            })
        };
        // A tagged monitor (`tag: {:down, name}`) whose `{tag, ref, :process, pid, reason}`
        // an unguarded clause takes leaves no stray `:DOWN` either.
        let tagged_down_taken = |c: &Call| {
            monitor_tag(file, c).is_some_and(|tag| {
                clauses().any(|d| d.params.first().is_some_and(|p| is_tagged_down(file, *p, tag)))
            })
        };
        // A task the server starts and does not await where it starts it monitors
        // too: its `:DOWN` comes if it crashes (or after its reply, unflushed).
        let task_monitor = |c: &Call| starts_task(c) && !awaited(c);
        let monitors: Vec<&Call> = server_calls()
            .filter(|c| (is_monitor(c) || task_monitor(c)) && !flushed(c) && !tagged_down_taken(c))
            .collect();
        // A port or socket the server opens sends it messages of its own too
        // (`{port, {:exit_status, n}}`, `{:tcp_closed, socket}`): not only foreign ones.
        // A port whose every message a clause takes (`{port, _} when port ==
        // state.port`) leaves nothing stray.
        // So does a UDP socket in active mode whose every datagram a clause takes
        // (`{:udp, _socket, _ip, _port, _data}`): it sends nothing else.
        if server_calls().any(|c| {
            opens_port_or_socket(c)
                && !(opens_port(c) && (takes_port_messages(file, module) || takes_each_port_message(file, module, c)))
                && !(opens_udp(c) && takes_udp_messages(file, module))
                && !(!opens_port(c) && !opens_udp(c) && takes_stream_socket_messages(file, module))
        }) {
            return None;
        }
        if monitors.is_empty() && server_calls().any(|c| is_monitor(c) && tagged_down_taken(c)) {
            "takes the tagged `:DOWN` of each monitor it sets (`{tag, ref, :process, pid, reason}`)"
        } else if monitors.is_empty() {
            if server_calls().any(opens_udp) {
                "sets no monitor, takes every datagram of the UDP socket it opens (`{:udp, ...}`)"
            } else {
                "sets no monitor"
            }
        } else if monitors.len() == 1
            && let Some(setter) = monitors[0].ctx.def.map(|d| &file.defs[d as usize]).filter(|d| {
                d.is_callback && (d.name == "init" && d.arity == 1 || d.name == "handle_continue" && d.arity == 2)
            })
            && module
                .defs
                .iter()
                .map(|&d| &file.defs[d as usize])
                .filter(|d| d.name == "handle_info" && d.arity == 2)
                .any(|d| takes_down_by_kept_ref(file, d))
        {
            if setter.name == "init" {
                "matches the `:DOWN` of the one monitor its `init/1` sets"
            } else {
                "matches the `:DOWN` of the one monitor its `handle_continue/2` sets"
            }
        } else {
            return None;
        }
    };
    let events = node_events(file, module);
    if !missing_node_events(file, module, &events).is_empty() {
        return None;
    }
    let down = if events.is_empty() {
        down.to_string()
    } else {
        let which = if events.iter().any(|(tag, _)| *tag == "nodeup") { "`:nodeup` and `:nodedown`" } else { "`:nodedown`" };
        format!("{}, takes every {which} of its node monitoring", down.replace("no monitor", "no process monitor"))
    };
    let traps = traps_exits_in(file, id);
    // Trapping exits lets an `:EXIT` reach `handle_info/2` only from a linked process
    // other than the parent, whose `:EXIT` gen_server handles itself.
    // A name registered through `Registry` (`{:via, Registry, {reg, key}}`, or
    // `Registry.register/3` in a callback) links the server to the registry's
    // partition, whose `:EXIT` a trapping server then receives.
    let module_text = file.text(module.node);
    let registry_link = module_text.contains("{:via, Registry,") || server_calls().any(|c| c.is("Registry", "register"));
    let links = registry_link || server_calls().any(links_to_another_process);
    match (traps, takes_any("EXIT", 3)) {
        (false, _) => Some(format!("{down} {calls}")),
        (true, true) => Some(format!("{down}, matches every `:EXIT` {calls}")),
        (true, false) if !links => Some(format!(
            "{down}, traps exits but links to no process besides its parent (whose `:EXIT` gen_server handles itself) {calls}"
        )),
        (true, false) => None,
    }
}

/// What this server's own code can bring that no clause takes, for the warning to
/// name instead of a generic list (R44 blockscout: a `:DOWN` clause was told a
/// `:DOWN` would crash it). Empty when nothing of its own is seen.
fn stray_sources(file: &File, id: Id, module: &Module) -> Vec<&'static str> {
    let takes_any = |tag: &str, size: usize| takes_any_unguarded(file, module, tag, size);
    let reached = server_defs(file, module);
    let server_calls = || server_calls(file, &reached);
    let unawaited_task = |c: &Call| starts_task(c) && !awaited_in_place(file, c);
    let mut sources = Vec::new();
    if takes_every_reply(file, module).is_none() {
        if server_calls().any(unawaited_task) {
            sources.push("a task's reply in a shape no clause takes");
        }
        if server_calls().any(|c| {
            is_request(c) && !starts_task(c) && !never_times_out(file, c) && !consumes_own_replies(c) && !drops_late_reply(c)
        }) {
            sources.push("a late reply after a call timeout");
        }
    }
    if !takes_any("DOWN", 5) && server_calls().any(|c| is_monitor(c) || unawaited_task(c)) {
        sources.push("a `:DOWN`");
    }
    if traps_exits_in(file, id) && !takes_any("EXIT", 3) && server_calls().any(links_to_another_process) {
        sources.push("an `:EXIT` from a linked process");
    }
    if server_calls().any(opens_port_or_socket) {
        sources.push("a message of the port or socket it opens");
    }
    sources
}

/// The module's `handle_info/2` clauses without a guard.
fn unguarded_info_clauses<'a, 't>(file: &'a File<'t>, module: &'a Module) -> impl Iterator<Item = &'a Def<'t>> + 'a {
    module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.name == "handle_info" && d.arity == 2 && d.guard.is_none())
}

/// Does an unguarded clause take every `{tag, ...}` of `size` elements?
fn takes_any_unguarded(file: &File, module: &Module, tag: &str, size: usize) -> bool {
    unguarded_info_clauses(file, module)
        .any(|d| d.params.first().is_some_and(|p| takes_any_tagged(file, *p, tag, size, &d.params[1..])))
}

/// The calls the server itself makes: in the defs [`server_defs`] reached, outside
/// any `fn` that runs in another process.
fn server_calls<'a, 't>(file: &'a File<'t>, reached: &'a [Id]) -> impl Iterator<Item = &'a Call<'t>> + 'a {
    file.calls.iter().filter(|c| !c.ctx.other_process && c.ctx.def.is_some_and(|d| reached.contains(&d)))
}

/// Does the module set `Process.flag(:trap_exit, true)` anywhere?
fn traps_exits_in(file: &File, id: Id) -> bool {
    file.calls.iter().any(|c| c.ctx.module == Some(id) && crate::rules::otp::trap_exit_unhandled::traps_exits(file, c))
}

/// `Task.async/1,3` or `Task.Supervisor.async/_nolink`: a monitored task whose reply
/// comes back as a `{ref, result}` message.
pub(crate) fn starts_task(c: &Call) -> bool {
    c.is("Task", "async") || c.is_any("Task.Supervisor", &["async", "async_nolink"])
}

/// The server starts tasks it does not await in place, no clause takes every reply,
/// and one clause takes replies of one tagged shape only (`{ref, {:ok, pid}} when
/// is_reference(ref)`): its head and guard, as written.
fn narrow_task_reply(file: &File, module: &Module) -> Option<String> {
    let k = &grammar().kinds;
    if takes_every_reply(file, module).is_some() {
        return None;
    }
    let reached = server_defs(file, module);
    let starts_tasks = server_calls(file, &reached).any(|c| starts_task(c) && !awaited_in_place(file, c));
    if !starts_tasks {
        return None;
    }
    let mut narrow = module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.name == "handle_info" && d.arity == 2).filter(|d| {
        let Some(pattern) = d.params.first().filter(|p| p.kind_id() == k.tuple) else {
            return false;
        };
        let [first, second] = ast::named_children(*pattern).collect::<Vec<_>>()[..] else {
            return false;
        };
        let var = file.text(first);
        let guard_ok = d.guard.is_none_or(|g| file.text(g).split_whitespace().collect::<String>() == format!("is_reference({var})"));
        first.kind_id() == k.identifier && !var.starts_with('_') && second.kind_id() != k.identifier && guard_ok
    });
    let (Some(d), None) = (narrow.next(), narrow.next()) else {
        return None;
    };
    // "The only clause for their replies" must hold of every reply-shaped clause,
    // guarded or with an ignored ref too (R44 blockscout's catch-up supervisor, whose
    // map-shaped results two guarded clauses take).
    let reply_shaped = module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.name == "handle_info" && d.arity == 2).filter(|d| {
        d.params.first().filter(|p| p.kind_id() == k.tuple).is_some_and(|p| {
            matches!(ast::named_children(*p).collect::<Vec<_>>()[..], [first, second] if first.kind_id() == k.identifier && second.kind_id() != k.identifier)
        })
    });
    if reply_shaped.count() > 1 {
        return None;
    }
    // A tagged result (`{:ok, pid}`) leaves the other tags out; `{key, result}` is a
    // shape every reply may share.
    let second = d.params.first().and_then(|p| p.named_child(1))?;
    if !(second.kind_id() == k.tuple && second.named_child(0).is_some_and(|t| ast::atom_name(t, file.src).is_some())) {
        return None;
    }
    let head = file.text(d.head).trim_start_matches("def ").trim();
    Some(match d.guard {
        Some(g) => format!("{head} when {}", file.text(g)),
        None => head.to_string(),
    })
}

/// A `handle_info/2` clause that takes any two-element tuple whose first element is a
/// reference (`{ref, message} when is_reference(ref)`, or no guard at all): the shape
/// of a task's reply and of a call's late answer. Its head and guard, as written.
fn takes_every_reply(file: &File, module: &Module) -> Option<String> {
    let k = &grammar().kinds;
    module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.name == "handle_info" && d.arity == 2).find_map(|d| {
        let pattern = *d.params.first()?;
        let [first, second] = ast::named_children(pattern).collect::<Vec<_>>()[..] else {
            return None;
        };
        let var = file.text(first);
        let bare = |n: Node| n.kind_id() == k.identifier;
        let used_elsewhere = d.params[1..].iter().any(|o| {
            std::iter::once(*o).chain(ast::descendants(*o)).any(|n| n.kind_id() == k.identifier && file.text(n) == var)
        });
        let guard_ok = match d.guard {
            None => true,
            Some(g) => file.text(g).split_whitespace().collect::<String>() == format!("is_reference({var})"),
        };
        let head = file.text(d.head).trim_start_matches("def ").trim();
        (pattern.kind_id() == k.tuple && bare(first) && bare(second) && !used_elsewhere && guard_ok).then(|| match d.guard {
            Some(g) => format!("{head} when {}", file.text(g)),
            None => head.to_string(),
        })
    })
}

/// `Task.Supervisor.async_nolink(sup, fn -> ... {result, output} end)`, where every
/// task the server starts runs a `fn` that ends in a tuple of the same size on every
/// path, and an unguarded `handle_info({ref, {result, output}}, state)` takes any such
/// tuple: every reply of these tasks has a clause. (The clause's head, the size.)
fn takes_each_task_result(file: &File, module: &Module) -> Option<(String, usize)> {
    let k = &grammar().kinds;
    let reached = server_defs(file, module);
    let mut size = None;
    for task in server_calls(file, &reached).filter(|c| starts_task(c)) {
        let fun = task.args.last().copied().filter(|f| f.kind_id() == k.anonymous_function)?;
        let mut tails = Vec::new();
        let mut clauses = ast::named_children(fun).filter(|c| c.kind_id() == k.stab_clause).peekable();
        clauses.peek()?;
        for clause in clauses {
            if !ast::field(clause, grammar().fields.right).is_some_and(|body| ast::tail_values(body, file.src, &mut tails)) {
                return None;
            }
        }
        for tail in tails {
            let n = (tail.kind_id() == k.tuple).then(|| tail.named_child_count())?;
            if *size.get_or_insert(n) != n {
                return None;
            }
        }
    }
    let size = size?;
    let clause = module.defs.iter().map(|&d| &file.defs[d as usize]).find(|d| {
        let Some(pattern) = d.params.first().filter(|p| p.kind_id() == k.tuple) else {
            return false;
        };
        let [first, second] = ast::named_children(*pattern).collect::<Vec<_>>()[..] else {
            return false;
        };
        d.name == "handle_info"
            && d.arity == 2
            && d.guard.is_none()
            && first.kind_id() == k.identifier
            && second.kind_id() == k.tuple
            && second.named_child_count() == size
            && ast::named_children(second).all(|e| e.kind_id() == k.identifier)
            && elements_unpinned(file, second, &d.params[1..])
    })?;
    Some((file.text(clause.head).trim().to_string(), size))
}

/// No element of `tuple` is a variable that another parameter also binds (which
/// would pin it): `{ref, {result, output}}` with `%{running: running}` is free.
fn elements_unpinned(file: &File, tuple: Node, others: &[Node]) -> bool {
    let k = &grammar().kinds;
    ast::named_children(tuple).all(|e| {
        let name = file.text(e);
        name.starts_with('_')
            || !others
                .iter()
                .any(|o| std::iter::once(*o).chain(ast::descendants(*o)).any(|n| n.kind_id() == k.identifier && file.text(n) == name))
    })
}

/// `:rpc.call/4`, `:erpc.call/2,4`, or a call given `:infinity`: it waits until the
/// answer comes, so no answer can arrive after the caller gave up.
fn never_times_out(file: &File, c: &Call) -> bool {
    let no_timeout_arity = match c.module.as_deref() {
        Some(":rpc") => c.name == "call" && c.arity == 4,
        Some(":erpc") => c.name == "call" && matches!(c.arity, 2 | 4),
        _ => false,
    };
    let timeout_at = match (c.module.as_deref(), c.name, c.arity) {
        (Some("GenServer" | ":gen_server" | ":gen_statem"), "call", 3) => Some(2),
        (Some(":rpc"), "call", 5) => Some(4),
        _ => None,
    };
    no_timeout_arity || timeout_at.and_then(|i| c.arg(i)).is_some_and(|t| ast::atom_name(t, file.src) == Some("infinity"))
}

/// A call through `:gen` (`GenServer.call`, `:gen_statem.call`, `Agent.get`...): since
/// OTP 24 it waits on a process alias that a timeout deactivates, so a reply that
/// comes too late is dropped and never reaches `handle_info/2`. Elixir 1.15 and later
/// need OTP 24; tasks and `send_request` still leave their late replies.
fn drops_late_reply(c: &Call) -> bool {
    match c.module.as_deref() {
        Some("GenServer" | ":gen_server" | ":gen_statem" | "GenStage" | ":gen") => c.name == "call",
        Some("Agent") => matches!(c.name, "get" | "update" | "get_and_update"),
        _ => false,
    }
}

/// `Task.async_stream` and its `Task.Supervisor` forms: the stream receives each
/// task's reply and `:DOWN` itself, and shuts down and flushes the tasks it no longer
/// needs (on a timeout with `on_timeout: :kill_task`, or when the caller halts the
/// stream), so it leaves no late reply in the mailbox. Its tasks are still linked.
fn consumes_own_replies(c: &Call) -> bool {
    matches!(c.module.as_deref(), Some("Task" | "Task.Supervisor")) && c.name.starts_with("async_stream")
}

/// The variable a call's result is bound to (`ref = Process.monitor(pid)`).
fn bound_to<'s>(file: &File<'s>, c: &Call) -> Option<&'s str> {
    c.parent
        .filter(|p| ast::is_binary_op(*p, file.src, "="))
        .and_then(|p| ast::field(p, grammar().fields.left))
        .filter(|l| l.kind_id() == grammar().kinds.identifier)
        .map(|l| file.text(l))
}

/// `task = Task.async(fn -> ... end)` then `Task.await(task, t)` in the same function
/// (or `Task.async(...) |> Task.await(t)`): the await takes the reply and flushes the
/// monitor's `:DOWN`, or exits the server on timeout, so nothing arrives late.
fn awaited_in_place(file: &File, c: &Call) -> bool {
    if !(c.is("Task", "async") || c.is("Task.Supervisor", "async")) {
        return false;
    }
    let awaits = |d: &Call| d.ctx.def == c.ctx.def && d.is("Task", "await");
    if c.parent.is_some_and(|p| ast::is_binary_op(p, file.src, "|>")) {
        return file.calls.iter().any(|d| awaits(d) && d.piped && d.node.start_byte() > c.node.end_byte());
    }
    let Some(var) = bound_to(file, c) else {
        return awaited_with_its_batch(file, c) || returned_to_awaiting_callers(file, c);
    };
    file.calls.iter().any(|d| awaits(d) && d.arg(0).is_some_and(|a| file.text(a) == var))
}

/// `defp run_task(batch), do: Task.async(fn -> ... end)`, called only as `chunks |>
/// Enum.map(&run_task/1) |> Task.await_many(:infinity)` (R44 blockscout's migrators):
/// the helper returns the task, and each caller awaits the whole batch in place.
fn returned_to_awaiting_callers(file: &File, c: &Call) -> bool {
    let Some(def) = file.def(&c.ctx).filter(|d| d.kind == "defp") else {
        return false;
    };
    let returns_task = def.body.is_some_and(|b| {
        let last = if b.kind_id() == grammar().kinds.do_block { ast::statements(b).last() } else { Some(b) };
        last == Some(c.expr)
    });
    if !returns_task || c.ctx.func.is_some() {
        return false;
    }
    file.every_local_caller(def, |u| {
        u.capture
            && file.calls.iter().any(|m| {
                m.is("Enum", "map") && m.args.iter().any(|a| a.byte_range().contains(&u.node.start_byte())) && batch_awaited(file, m)
            })
    })
}

/// `chunks |> Enum.map(fn chunk -> Task.async(...) end) |> Task.yield_many(:infinity)`
/// (or `Task.await_many/1,2`, or the list bound and passed to them): every task of the
/// batch is waited for, its reply taken and its monitor flushed. A `yield_many` with a
/// finite timeout leaves the slow ones running, and their replies arrive late.
fn awaited_with_its_batch(file: &File, c: &Call) -> bool {
    // `tasks = [Task.async(...), Task.async(...)]`, then `Task.await_many(tasks, t)`
    // (R44 blockscout's validator counters).
    if let Some(list) = file.parent(c.expr).filter(|l| l.kind_id() == grammar().kinds.list)
        && let Some(assign) = file.parent(list).filter(|a| ast::is_binary_op(*a, file.src, "="))
        && let Some(var) = ast::field(assign, grammar().fields.left).filter(|v| v.kind_id() == grammar().kinds.identifier)
    {
        let var = file.text(var);
        return file.calls.iter().any(|d| d.ctx.def == c.ctx.def && awaits_batch(file, d) && d.arg(0).is_some_and(|a| file.text(a) == var));
    }
    let Some(fun) = file.parent_of_kind(c.node, grammar().kinds.anonymous_function, usize::MAX) else {
        return false;
    };
    file.calls.iter().find(|m| m.is("Enum", "map") && m.args.contains(&fun)).is_some_and(|map| batch_awaited(file, map))
}

/// The list an `Enum.map` of tasks builds is piped or bound into `Task.await_many` (or
/// `Task.yield_many(_, :infinity)`) in the same function.
fn batch_awaited(file: &File, map: &Call) -> bool {
    let awaits_all = |d: &&Call| d.ctx.def == map.ctx.def && awaits_batch(file, d);
    if map.parent.is_some_and(|p| ast::is_binary_op(p, file.src, "|>")) {
        return file.calls.iter().filter(awaits_all).any(|d| d.piped && d.node.start_byte() > map.node.end_byte());
    }
    let Some(var) = bound_to(file, map) else {
        return false;
    };
    file.calls.iter().filter(awaits_all).any(|d| d.arg(0).is_some_and(|a| file.text(a) == var))
}

/// `Task.await_many/1,2` or `Task.yield_many(tasks, :infinity)`: every task waited for.
fn awaits_batch(file: &File, d: &Call) -> bool {
    d.is("Task", "await_many") || d.is("Task", "yield_many") && d.args.last().is_some_and(|t| file.text(*t) == ":infinity")
}

/// A call that links the server to a new or existing process (or port): an `:EXIT`
/// from it would reach `handle_info/2` once the server traps exits.
/// `start_child` is not one: the child links to the supervisor named in its first
/// argument, not to the caller.
fn links_to_another_process(c: &Call) -> bool {
    if c.module.is_none() {
        return c.local && c.name.contains("link");
    }
    if c.name == "start_child" {
        return false;
    }
    // `async_nolink` names the link only to deny it (R44 blockscout's catch-up
    // supervisor was told of `:EXIT`s from its unlinked tasks).
    (c.name.contains("link") && !c.name.contains("nolink"))
        || c.name.starts_with("start")
        || is_request(c) && c.module.as_deref() == Some("Task")
        || opens_port_or_socket(c)
}

/// A `handle_info/2` clause for `{:DOWN, ref, ...}` with no guard, or whose guard
/// only ties `ref` to a field of the state (`when ref == state.monitor`, either way
/// round): the clause that takes the `:DOWN` of the monitor the server keeps.
fn takes_down_by_kept_ref(file: &File, d: &Def) -> bool {
    let g = grammar();
    let Some(pattern) = d.params.first().filter(|p| is_tagged(file, **p, "DOWN", 5)) else {
        return false;
    };
    let Some(guard) = d.guard else {
        return true;
    };
    let Some(ref_var) = pattern.named_child(1).filter(|r| r.kind_id() == g.kinds.identifier) else {
        return false;
    };
    let is_ref = |n: Node| n.kind_id() == g.kinds.identifier && file.text(n) == file.text(ref_var);
    let is_field = |n: Node| ast::field_access(n, file.src).is_some();
    ["==", "==="].iter().any(|op| ast::is_binary_op(guard, file.src, op))
        && match (ast::field(guard, g.fields.left), ast::field(guard, g.fields.right)) {
            (Some(l), Some(r)) => is_ref(l) && is_field(r) || is_field(l) && is_ref(r),
            _ => false,
        }
}

/// How the message says that every `:DOWN` is matched.
const TAKES_DOWN: &str = "matches every `:DOWN`";

/// A call that makes the calling process receive a `:DOWN` message later.
fn is_monitor(c: &Call) -> bool {
    match c.module.as_deref() {
        Some("Process" | ":erlang") => {
            matches!(c.name, "monitor" | "spawn_monitor") || (c.name == "spawn" && c.arity >= 2 && c.module.as_deref() == Some("Process"))
        }
        Some("Port") => c.name == "monitor",
        None => c.name == "spawn_monitor",
        Some("Kernel") => c.name == "spawn_monitor",
        _ => false,
    }
}

/// A call that opens a port or socket whose messages come to the calling process,
/// or hands one to it or sets it to active mode. Sending, closing and the address
/// helpers of `:inet` (`:inet.parse_address/1`) bring no message.
fn opens_port_or_socket(c: &Call) -> bool {
    const OPENS: &[&str] = &[
        "open", "connect", "listen", "accept", "transfer_accept", "handshake",
        "setopts", "controlling_process",
    ];
    match c.module.as_deref() {
        Some(":gen_tcp" | ":ssl" | ":gen_udp" | ":gen_sctp" | ":socket" | ":inet") => OPENS.contains(&c.name),
        Some("Port") => c.name == "open",
        Some(":erlang") => c.name == "open_port",
        _ => false,
    }
}

/// `:gen_udp.open/1,2`.
fn opens_udp(c: &Call) -> bool {
    c.is(":gen_udp", "open")
}

/// A `handle_info/2` clause for `{:udp, socket, ip, port, data}` whose elements are
/// plain variables, with no guard: it takes every datagram. A socket switched to
/// `active: :once` or `active: n` also sends `{:udp_passive, socket}`, so such a
/// module (as its text shows) is not covered.
fn takes_udp_messages(file: &File, module: &Module) -> bool {
    let text = file.text(module.node);
    if text.contains("active: :once") || text.contains("{:active, :once}") || text.contains(":udp_passive") {
        return false;
    }
    let k = &grammar().kinds;
    module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.name == "handle_info" && d.arity == 2 && d.guard.is_none()).any(|d| {
        d.params.first().is_some_and(|p| {
            is_tagged(file, *p, "udp", 5)
                && ast::named_children(*p).skip(1).all(|e| e.kind_id() == k.identifier)
        })
    })
}

/// Clauses for every message a TCP (or TLS) socket sends its owner: `{:tcp, socket,
/// data}`, `{:tcp_closed, socket}`, `{:tcp_error, socket, reason}`, and `{:tcp_passive,
/// socket}` when the module switches to `active: :once` or a count. A clause may
/// take a tag through a guard (`{tag, _} when tag in [:tcp_closed, :ssl_closed]`) or
/// only in some states (R43 tds's TLS proxy, every tag taken): the socket then sends
/// nothing that no clause is written for.
fn takes_stream_socket_messages(file: &File, module: &Module) -> bool {
    let g = grammar();
    let k = &g.kinds;
    let mut taken: Vec<(&str, usize)> = Vec::new();
    for def in module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.name == "handle_info" && d.arity == 2) {
        let Some(mut head) = def.params.first().copied() else { continue };
        if ast::is_binary_op(head, file.src, "when") {
            head = ast::field(head, g.fields.left).unwrap_or(head);
        }
        // `{:tcp, _, _} = msg`: the tuple side of the binding.
        if ast::is_binary_op(head, file.src, "=") {
            let (l, r) = (ast::field(head, g.fields.left), ast::field(head, g.fields.right));
            head = [l, r].into_iter().flatten().find(|n| n.kind_id() == k.tuple).unwrap_or(head);
        }
        if head.kind_id() != k.tuple {
            continue;
        }
        let size = head.named_child_count();
        let Some(first) = head.named_child(0) else { continue };
        if let Some(tag) = ast::atom_name(first, file.src) {
            taken.push((tag, size));
        } else if first.kind_id() == k.identifier
            && let Some(guard) = def.guard
        {
            let var = file.text(first);
            for op in std::iter::once(guard).chain(ast::descendants(guard)).filter(|n| ast::is_binary_op(*n, file.src, "in")) {
                let (Some(l), Some(r)) = (ast::field(op, g.fields.left), ast::field(op, g.fields.right)) else { continue };
                if file.text(l) == var && r.kind_id() == k.list {
                    taken.extend(ast::named_children(r).filter_map(|a| ast::atom_name(a, file.src)).map(|t| (t, size)));
                }
            }
        }
    }
    let text = file.text(module.node);
    let passive_mode = text.contains("active: :once") || text.contains("{:active, :once}") || text.contains("_passive");
    ["tcp", "ssl"].iter().any(|family| {
        let takes = |tag: &str, size: usize| taken.iter().any(|(t, n)| *t == tag && *n == size);
        takes(family, 3)
            && takes(&format!("{family}_closed"), 2)
            && takes(&format!("{family}_error"), 3)
            && (!passive_mode || takes(&format!("{family}_passive"), 2))
    })
}

/// `Port.open/2`, `:erlang.open_port/2`.
fn opens_port(c: &Call) -> bool {
    c.is("Port", "open") || c.is(":erlang", "open_port")
}

/// Clauses for `{_port, {:data, _}}` and, when the port is opened with `:exit_status`,
/// `{_port, {:exit_status, _}}`: every message an open port sends, in a module that
/// never closes or connects it (which would add `{port, :closed}` or `:connected`).
fn takes_each_port_message(file: &File, module: &Module, open: &Call) -> bool {
    let g = grammar();
    let taken = |tag: &str| {
        module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.name == "handle_info" && d.arity == 2 && d.guard.is_none()).any(|d| {
            d.params
                .first()
                .filter(|p| p.kind_id() == g.kinds.tuple && ast::named_children(**p).count() == 2)
                .and_then(|p| p.named_child(1))
                .filter(|m| m.kind_id() == g.kinds.tuple && ast::named_children(*m).count() == 2)
                .and_then(|m| m.named_child(0))
                .and_then(|t| ast::atom_name(t, file.src))
                == Some(tag)
        })
    };
    let exit_status = open.arg(1).is_some_and(|o| file.text(o).contains(":exit_status"));
    let closes = file.text(module.node).contains("Port.close") || file.text(module.node).contains("Port.connect");
    !closes && taken("data") && (!exit_status || taken("exit_status"))
}

/// A `handle_info/2` clause for `{port, message}` whose both elements are plain variables,
/// unguarded or tied by its guard to a field of the state (`when state.port ==
/// port`): it takes every message of the port the server keeps.
fn takes_port_messages(file: &File, module: &Module) -> bool {
    let g = grammar();
    module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.name == "handle_info" && d.arity == 2).any(|d| {
        let Some(pattern) = d.params.first().filter(|p| p.kind_id() == g.kinds.tuple && ast::named_children(**p).count() == 2) else {
            return false;
        };
        let Some(port) = pattern.named_child(0).filter(|v| v.kind_id() == g.kinds.identifier) else {
            return false;
        };
        // `{port, {:exit_status, _}}` takes only some of them.
        if pattern.named_child(1).is_none_or(|m| m.kind_id() != g.kinds.identifier) {
            return false;
        }
        let Some(guard) = d.guard else {
            return true;
        };
        // `when is_port(port)`: every message of every port the server opens.
        if file.text(guard) == format!("is_port({})", file.text(port)) {
            return true;
        }
        let is_port = |n: Node| n.kind_id() == g.kinds.identifier && file.text(n) == file.text(port);
        let is_field = |n: Node| ast::field_access(n, file.src).is_some();
        ["==", "==="].iter().any(|op| ast::is_binary_op(guard, file.src, op))
            && match (ast::field(guard, g.fields.left), ast::field(guard, g.fields.right)) {
                (Some(l), Some(r)) => is_port(l) && is_field(r) || is_field(l) && is_port(r),
                _ => false,
            }
    })
}

/// A `{:DOWN, ...}` (or other tagged) tuple pattern of the given size.
fn is_tagged(file: &File, pattern: Node, tag: &str, size: usize) -> bool {
    pattern.kind_id() == grammar().kinds.tuple
        && ast::named_children(pattern).count() == size
        && ast::named_children(pattern).next().and_then(|a| ast::atom_name(a, file.src)) == Some(tag)
}

/// `{:DOWN, ref, :process, pid, reason}` (or `{:EXIT, pid, reason}`) whose other
/// elements are plain variables (`:process` allowed), not pinned, not literal and
/// not tied to another parameter (`%{lock: ref} = state`).
/// The whole message may be bound too: `{:EXIT, _, _} = msg` (or `msg = {...}`).
fn takes_any_tagged(file: &File, pattern: Node, tag: &str, size: usize, others: &[Node]) -> bool {
    let k = &grammar().kinds;
    if ast::is_binary_op(pattern, file.src, "=") {
        let g = grammar();
        return [g.fields.left, g.fields.right].into_iter().filter_map(|f| ast::field(pattern, f)).any(|side| {
            side.kind_id() == k.tuple && takes_any_tagged(file, side, tag, size, others)
        });
    }
    if pattern.kind_id() != k.tuple || ast::named_children(pattern).count() != size {
        return false;
    }
    let mut elements = ast::named_children(pattern);
    if elements.next().and_then(|a| ast::atom_name(a, file.src)) != Some(tag) {
        return false;
    }
    elements.all(|e| {
        if ast::atom_name(e, file.src) == Some("process") {
            return true;
        }
        let name = file.text(e);
        e.kind_id() == k.identifier
            && (name.starts_with('_')
                || !others.iter().any(|o| {
                    std::iter::once(*o)
                        .chain(ast::descendants(*o))
                        .any(|n| n.kind_id() == k.identifier && file.text(n) == name)
                }))
    })
}

/// The server's own code: callbacks and the private functions they reach. Public
/// functions that are not callbacks are the client API and run in the caller.
fn server_defs(file: &File, module: &Module) -> Vec<Id> {
    let own: Vec<Id> = module.defs.clone();
    let mut reached: Vec<Id> = own.iter().copied().filter(|&d| file.defs[d as usize].is_callback).collect();
    let mut i = 0;
    while i < reached.len() {
        let def = reached[i];
        i += 1;
        for c in file.calls.iter().filter(|c| c.ctx.def == Some(def) && !c.ctx.other_process && c.local && c.module.is_none()) {
            for &d in &own {
                let target = &file.defs[d as usize];
                if target.name == c.name && target.arity == c.arity && !reached.contains(&d) {
                    reached.push(d);
                }
            }
        }
    }
    reached
}

/// A call whose answer, or whose task's result, arrives as a message.
fn is_request(c: &Call) -> bool {
    match c.module.as_deref() {
        Some("GenServer" | ":gen_server" | ":gen_statem" | "GenStage" | ":gen") => {
            matches!(c.name, "call" | "multi_call" | "send_request")
        }
        Some("Task" | "Task.Supervisor") => c.name.starts_with("async"),
        Some(":rpc" | ":erpc") => true,
        // Starting or stopping an agent waits on no reply that could come late.
        Some("Agent") => !matches!(c.name, "start" | "start_link" | "stop"),
        _ => false,
    }
}

/// How the server uses the gen_server timeout.
enum Timeout {
    /// An idle-timeout loop: a callback returns a timeout again.
    Idle(&'static str),
    /// Only `init/1` returns `{:ok, state, timeout}` and a `handle_info(:timeout,
    /// state)` clause takes it: a deferred first step, not a loop.
    OneShot,
}

/// How the server drives the gen_server idle timeout, if it does: a return of
/// `{:noreply, state, t}` / `{:reply, r, state, t}` whose `t` is a real timeout
/// (not `:hibernate`, `:infinity` or `{:continue, ...}`), or a
/// `handle_info(:timeout, state)` clause; with no such return and an
/// `{:ok, state, t}` from `init/1`, that clause only runs once.
fn idle_timeout(file: &File, id: Id, module: &Module) -> Option<Timeout> {
    let returns = |tag: &'static str, size: usize, only_init: bool| {
        file.tuples_tagged(tag).any(|(_, t, ctx)| {
            ctx.module == Some(id)
                && !in_legacy_otp_branch(file, *t)
                && (!only_init
                    || ctx.def.is_some_and(|d| {
                        let d = &file.defs[d as usize];
                        d.name == "init" && d.arity == 1
                    }))
                && ast::named_children(*t).count() == size
                && ast::named_children(*t).last().is_some_and(|t| is_idle_timeout(file, t))
        })
    };
    let handles_timeout = module.defs.iter().map(|&d| &file.defs[d as usize]).any(|d| {
        d.name == "handle_info"
            && d.arity == 2
            && !in_legacy_otp_branch(file, d.node)
            && d.params.first().and_then(|p| ast::atom_name(*p, file.src)) == Some("timeout")
    });
    let again = if returns("noreply", 3, false) {
        Some("`{:noreply, state, timeout}`")
    } else if returns("reply", 4, false) {
        Some("`{:reply, reply, state, timeout}`")
    } else {
        None
    };
    match (handles_timeout, again) {
        (true, None) if returns("ok", 3, true) => Some(Timeout::OneShot),
        (true, _) => Some(Timeout::Idle("`handle_info(:timeout, state)`")),
        (false, Some(how)) => Some(Timeout::Idle(how)),
        (false, None) => None,
    }
}

/// In the `else` of `if :erlang.system_info(:otp_release) >= ~c"21" do`: a fallback
/// for OTP releases that Elixir no longer runs on, so code that never runs.
fn in_legacy_otp_branch(file: &File, node: Node) -> bool {
    let k = &grammar().kinds;
    let mut at = node;
    while let Some(parent) = at.parent() {
        if at.kind_id() == k.else_block
            && let Some(call) = parent.parent().filter(|c| c.kind_id() == k.call)
            && file.text(call).starts_with("if ")
            && call
                .child_by_field_name("arguments")
                .or_else(|| ast::named_children(call).nth(1))
                .is_some_and(|cond| file.text(cond).contains("otp_release"))
        {
            return true;
        }
        at = parent;
    }
    false
}

/// The last element of a callback's return that sets an idle timeout: an integer,
/// a variable, an attribute or a call; not an atom (`:hibernate`, `:infinity`) nor
/// a `{:continue, arg}` tuple.
fn is_idle_timeout(file: &File, node: Node) -> bool {
    let k = &grammar().kinds;
    ast::atom_name(node, file.src).is_none() && node.kind_id() != k.tuple
}

/// `Logger.put_process_level(self(), :none)` in the module.
fn mutes_own_logging(file: &File, module: &Module) -> bool {
    file.calls_within(module.node).any(|c| {
        c.is("Logger", "put_process_level")
            && c.arg(1).is_some_and(|l| file.text(l) == ":none")
            && c.arg(0).is_some_and(|p| ast::is_self_call(p, file.src))
    })
}

/// What the project pass needs: where this file's findings are and in which module,
/// which modules are test helpers shipped in lib, and which modules start which.
enum Fact {
    Found { at: usize, module: String },
    /// The module of the finding at `at` uses `used` (`use Commanded.Registration`).
    Uses { at: usize, used: String },
    /// A macro of `module` writes a catch-all `handle_info/2` into the modules that use
    /// it (in `__using__` or the `__before_compile__` it registers).
    InjectsCatchAll { module: String },
    TestHelper { module: String },
    Starts { starter: String, started: String },
}

/// The starter recorded for a start written in a test file (`test/**`, including
/// `test_helper.exs`); not a module name.
const TEST_FILES: &str = "test files";

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    if matches!(file.scope, crate::FileScope::Test | crate::FileScope::TestSupport) {
        return collect_test_starts(file);
    }
    if file.scope != crate::FileScope::Lib {
        return None;
    }
    let mut facts = Vec::new();
    let k = &grammar().kinds;
    for (i, module) in file.modules.iter().enumerate() {
        if let Some((_, last, _)) = missing_catch_all(file, module) {
            let at = last.node.start_byte();
            facts.push(Fact::Found { at, module: module.name.clone() });
            facts.extend(
                module
                    .uses
                    .iter()
                    .filter(|(m, _)| !m.starts_with(':') && !crate::runtime::is_runtime_module(m))
                    .map(|(m, _)| Fact::Uses { at, used: m.clone() }),
            );
        }
        if module.quoted
            && module.defs.iter().any(|&d| {
                let def = &file.defs[d as usize];
                def.name == "handle_info" && def.arity == 2 && is_catch_all(file, def)
            })
            && let Some(owner) = module
                .quoted_by
                .and_then(|m| file.defs[m as usize].module)
                .map(|m| &file.modules[m as usize])
        {
            facts.push(Fact::InjectsCatchAll { module: owner.name.clone() });
        }
        if crate::runtime::runs_under_exunit(file, module) {
            facts.push(Fact::TestHelper { module: module.name.clone() });
        }
        let own = |c: &Ctx| c.module == Some(i as Id);
        let mut started = std::collections::BTreeSet::new();
        // `Worker.start_link(opts)`, `Worker.child_spec(opts)`.
        for c in file.calls_within(module.node).filter(|c| own(&c.ctx)) {
            if let Some(m) = c.module.as_deref()
                && matches!(c.name, "start_link" | "start" | "child_spec")
                && !m.starts_with(':')
                && !crate::runtime::is_runtime_module(m)
            {
                started.insert(m.to_string());
            }
        }
        // `{Worker, opts}` child specs.
        for t in file.nodes_within(k.tuple, module.node) {
            let Some(first) = t.named_child(0).filter(|f| f.kind_id() == k.alias) else {
                continue;
            };
            if ast::named_children(t).count() == 2 {
                let m = file.module_at(file.text(first), first.start_byte());
                if !crate::runtime::is_runtime_module(&m) {
                    started.insert(m);
                }
            }
        }
        started.remove(&module.name);
        facts.extend(started.into_iter().map(|m| Fact::Starts { starter: module.name.clone(), started: m }));
    }
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// Modules a test file starts: `Fake.start_link(opts)`, `{Fake, opts}`,
/// `start_supervised!(Fake)`.
fn collect_test_starts(file: &File) -> Option<Facts> {
    let k = &grammar().kinds;
    let mut started = std::collections::BTreeSet::new();
    for c in &file.calls {
        match c.module.as_deref() {
            Some(m) if matches!(c.name, "start_link" | "start" | "child_spec") && !m.starts_with(':') => {
                started.insert(m.to_string());
            }
            _ if matches!(c.name, "start_supervised" | "start_supervised!" | "start_link_supervised!") => {
                if let Some(a) = c.arg(0).filter(|a| a.kind_id() == k.alias) {
                    started.insert(file.module_at(file.text(a), a.start_byte()));
                }
            }
            _ => {}
        }
    }
    started.extend(file.alias_tuples.iter().map(|(m, _, _)| m.clone()));
    started.retain(|m| !crate::runtime::is_runtime_module(m));
    let facts: Vec<Fact> = started
        .into_iter()
        .map(|m| Fact::Starts { starter: TEST_FILES.to_string(), started: m })
        .collect();
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// A GenServer whose only starters in the project are test helpers shipped in lib
/// (modules that call ExUnit) is part of that test harness: crashing on an unknown
/// message fails the test loudly, which the harness wants. So is a test double
/// shipped in lib (by its name) that only test files start: a library's public
/// server that only its own tests start is not, since its users start it.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    use std::collections::{HashMap, HashSet};
    let all: Vec<(usize, &Fact)> = each_fact(facts);
    let helpers: HashSet<&str> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::TestHelper { module } => Some(module.as_str()),
            _ => None,
        })
        .collect();
    let mut starters: HashMap<&str, Vec<&str>> = HashMap::new();
    for (_, f) in &all {
        if let Fact::Starts { starter, started } = f {
            starters.entry(started.as_str()).or_default().push(starter.as_str());
        }
    }
    // `use Commanded.Registration`, whose `__before_compile__` appends
    // `def handle_info(msg, state)`: the module does have a catch-all.
    let injectors: HashSet<&str> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::InjectsCatchAll { module } => Some(module.as_str()),
            _ => None,
        })
        .collect();
    for (file, f) in &all {
        if let Fact::Uses { at, used } = f
            && injectors.contains(used.as_str())
        {
            report.retract(*file, *at);
        }
    }
    for (file, f) in &all {
        if let Fact::Found { at, module } = f
            && starters.get(module.as_str()).is_some_and(|s| {
                s.iter().all(|m| {
                    helpers.contains(m) || (*m == TEST_FILES && crate::runtime::named_as_test_double(module))
                })
            })
        {
            report.retract(*file, *at);
        }
    }
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let facts = facts.downcast_ref::<Vec<Fact>>()?;
    Some(serde_json::Value::Array(
        facts
            .iter()
            .map(|f| match f {
                Fact::Found { at, module } => serde_json::json!(["found", at, module]),
                Fact::Uses { at, used } => serde_json::json!(["uses", at, used]),
                Fact::InjectsCatchAll { module } => serde_json::json!(["injects", module]),
                Fact::TestHelper { module } => serde_json::json!(["helper", module]),
                Fact::Starts { starter, started } => serde_json::json!(["starts", starter, started]),
            })
            .collect(),
    ))
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let mut facts = Vec::new();
    for f in value.as_array()? {
        let f = f.as_array()?;
        let text = |i: usize| f.get(i).and_then(|v| v.as_str()).map(str::to_string);
        facts.push(match f.first()?.as_str()? {
            "found" => Fact::Found {
                at: f.get(1)?.as_u64()? as usize,
                module: text(2)?,
            },
            "helper" => Fact::TestHelper { module: text(1)? },
            "uses" => Fact::Uses {
                at: f.get(1)?.as_u64()? as usize,
                used: text(2)?,
            },
            "injects" => Fact::InjectsCatchAll { module: text(1)? },
            "starts" => Fact::Starts {
                starter: text(1)?,
                started: text(2)?,
            },
            _ => return None,
        });
    }
    Some(Box::new(facts))
}

/// A clause whose message parameter is a bare variable (`msg`, `_msg`, `_`) with
/// no guard.
pub(crate) fn is_catch_all(file: &File, def: &Def) -> bool {
    def.guard.is_none()
        && def.params.first().is_some_and(|p| {
            p.kind_id() == grammar().kinds.identifier && !file.text(*p).starts_with("__")
        })
}

fn catch_all_fix(file: &File, module: &Module, last: &Def) -> Option<Fix> {
    let src = file.src;
    if !on_own_lines(src, last.node) {
        return None;
    }
    let indent = line_indent(src, last.node.start_byte());
    let at = line_end(src, last.node.end_byte());
    let logger = file.module_spelling("Logger", at);
    let impl_line = impl_attribute(file, module)
        .map(|a| format!("{indent}{a}\n"))
        .unwrap_or_default();
    let clause = format!(
        "\n\n{impl_line}{indent}def handle_info(msg, state) do\n{indent}  {logger}.warning(\"#{{inspect(__MODULE__)}} received unexpected message: #{{inspect(msg)}}\")\n{indent}  {{:noreply, state}}\n{indent}end"
    );
    let mut edits = vec![Edit::insert(at, clause)];
    if !requires_logger(file, module) {
        let declaration = genserver_declaration(file, module)?;
        if !on_own_lines(src, declaration) {
            return None;
        }
        let indent = line_indent(src, declaration.start_byte());
        let at = line_end(src, declaration.end_byte());
        let logger = file.module_spelling("Logger", at);
        edits.push(Edit::insert(at, format!("\n{indent}require {logger}")));
    }
    Some(Fix::unsafe_(
        "Add a catch-all `handle_info/2` clause that logs the message",
        edits,
    ))
}

/// Is `Logger` required in the module or a module around it?
fn requires_logger(file: &File, module: &Module) -> bool {
    let mut chain: Vec<Option<Id>> = Vec::new();
    let mut current = file
        .modules
        .iter()
        .position(|m| m.node.id() == module.node.id())
        .map(|i| i as Id);
    while let Some(m) = current {
        chain.push(Some(m));
        current = file.modules[m as usize].parent;
    }
    file.calls_named_any(&["require", "import"])
        .into_iter()
        .any(|c| {
            c.ctx.def.is_none()
                && chain.contains(&c.ctx.module)
                && c.arg(0)
                    .is_some_and(|a| file.module_at(file.text(a), a.start_byte()) == "Logger")
        })
}
