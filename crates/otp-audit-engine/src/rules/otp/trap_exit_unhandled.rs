//! `otp/trap-exit-unhandled`: Trapping exits without handling them. See `trap_exit_unhandled.md`.

use crate::model::Id;
use crate::rules::otp::handle_info_catch_all::is_catch_all;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/trap-exit-unhandled",
    title: "Trapping exits without handling them",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("trap_exit_unhandled.md"),
    check,
    project: None,
};

/// `Process.flag(:trap_exit, true)`, `:erlang.process_flag(:trap_exit, true)`.
pub(crate) fn traps_exits(file: &File, call: &Call) -> bool {
    let is_flag = matches!(
        (call.module.as_deref(), call.name),
        (Some("Process"), "flag") | (Some(":erlang"), "process_flag")
    );
    is_flag
        && call.arity == 2
        && call
            .arg(0)
            .is_some_and(|a| ast::atom_name(a, file.src) == Some("trap_exit"))
        && call.arg(1).is_some_and(|v| file.text(v) == "true")
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named_any(&["flag", "process_flag"]) {
        if !traps_exits(file, call) {
            continue;
        }
        if traps_in_one_shot_process(file, call) || undone_in_same_callback(file, call) || traps_in_stream_job(file, call) {
            continue;
        }
        let module = file.module(&call.ctx);
        // Quoted code: the using module may handle `:EXIT` itself.
        if module.is_some_and(|m| m.quoted) {
            continue;
        }
        // A supervisor behaviour traps exits itself and handles every `:EXIT`.
        if module.is_some_and(|m| SUPERVISORS.iter().any(|s| m.uses_module(s))) {
            continue;
        }
        let handled = match module {
            Some(m) => handles_exits(file, call.ctx.module, m),
            None => file_matches_exit(file),
        };
        if handled {
            continue;
        }
        if module.is_some_and(|m| {
            behaviour_owns_teardown(m) || linked_pids_monitored(file, call.ctx.module, m)
        }) {
            continue;
        }
        let genserver = module.is_some_and(is_gen_server_based);
        let written = format!("{}(:trap_exit, true)", call.written(src));
        let links = links_anything(file, call.ctx.module);
        if genserver && !links {
            // No linked process, so no `:EXIT` to miss: trapping only changes how a
            // supervisor shutdown goes. Worth knowing when nothing says why.
            if explained_above(file, call.node) {
                continue;
            }
            report.add_info(
                file,
                &call.ctx,
                call.node.byte_range(),
                format!(
                    "`{written}` in a server that links to nothing only changes shutdown: the supervisor's exit arrives as a message, taken after the running callback and the messages already queued ahead of it, and then `terminate/2` runs, which this module does not define; add `terminate/2` if trapping is there for cleanup, or, if it is there to let running or queued work finish (a sibling's casts on its way down), say so in a comment and suppress this line"
                ),
            );
            continue;
        }
        if let Some(catch_all) = module.and_then(|m| catch_all_handle_info(file, m)) {
            // The catch-all does take the `:EXIT`; the question is only whether a
            // linked crash deserves more than what any stray message gets, and
            // without a link there is no such crash.
            if !links {
                continue;
            }
            let head = file.text(catch_all.head);
            report.add(
                file,
                &call.ctx,
                call.node.byte_range(),
                format!(
                    "`{written}` turns exits of linked processes into `{{:EXIT, pid, reason}}` messages, and the only `handle_info/2` clause that takes them is the catch-all `{head}`, so a linked process's crash is treated like any stray message; add a `handle_info({{:EXIT, pid, reason}}, state)` clause before it that decides what a linked crash means, and `terminate/2` if trapping is there for cleanup on shutdown; otherwise stop trapping exits"
                ),
            );
            continue;
        }
        if let Some((saved, restore)) = restored_after(file, call) {
            report.add(
                file,
                &call.ctx,
                call.node.byte_range(),
                format!(
                    "`{saved} = {written}` traps exits only until `{restore}` puts the old value back, but in the process that called this function, which the module does not own: an exit signal that arrives meanwhile (a linked process's crash, the caller's supervisor shutting it down) becomes an `{{:EXIT, pid, reason}}` message left in the caller's mailbox, and the caller lives on through what should have stopped it; a call's exit can be caught (`catch :exit, _`) without the trap, so stop trapping exits here"
                ),
            );
            continue;
        }
        // `def stop(feeder), do: Process.flag(:trap_exit, true); ...` in a module whose
        // `start_link` calls its own `init/1` (R41 opq): no callback of it ever runs.
        if genserver
            && let (Some(m), Some(def)) = (module, file.def(&call.ctx))
            && !def.is_callback
            && super::genserver_callbacks::runs_init_itself(file, m)
        {
            report.add(
                file,
                &call.ctx,
                call.node.byte_range(),
                format!(
                    "`{written}` in `{}/{}` runs in whoever calls it, for good: `{}` never runs as a GenServer (its `start_link` calls its own `init/1`), so no `handle_info/2` or `terminate/2` of it ever takes the `{{:EXIT, pid, reason}}` messages, and the caller keeps trapping exits and collecting them after this call; to stop linked processes without killing the caller, stop them with `GenServer.stop/1` (its `:normal` reason does not kill linked processes) rather than trapping",
                    def.name, def.arity, m.name
                ),
            );
            continue;
        }
        // A `:gen_statem` (it defines `callback_mode/0`) gets exits as `:info` events.
        let statem = module.is_some_and(|m| m.defines("callback_mode", 0));
        let next = if statem {
            "handle `{:EXIT, pid, reason}` as an `:info` event (`state(:info, {:EXIT, pid, reason}, data)`, or `handle_event(:info, ...)`), and define `terminate/3` if trapping is there for cleanup on shutdown; otherwise stop trapping exits"
        } else if genserver {
            "add a `handle_info({:EXIT, pid, reason}, state)` clause that decides what a linked crash means, and `terminate/2` if trapping is there for cleanup on shutdown; otherwise stop trapping exits"
        } else {
            "match `{:EXIT, pid, reason}` in the process's `receive`, or stop trapping exits"
        };
        let (place, terminate) = if statem {
            ("as an `:info` event or in a `receive`", "terminate/3")
        } else {
            ("in `handle_info/2` or a `receive`", "terminate/2")
        };
        report.add(
            file,
            &call.ctx,
            call.node.byte_range(),
            format!(
                "`{written}` turns exits of linked processes into `{{:EXIT, pid, reason}}` messages, but this module never matches them ({place}) and defines no `{terminate}`, so a linked process's crash arrives as a message that nothing here acts on; {next}"
            ),
        );
    }
}

/// `old = Process.flag(:trap_exit, true)` in a plain function (not a process's
/// callback), and `Process.flag(:trap_exit, old)` later in it (an `after`, R40 mojito):
/// a trap set for one call in the caller's process. The saved variable and the
/// restoring call, as written.
fn restored_after<'t>(file: &File<'t>, call: &Call<'t>) -> Option<(&'t str, &'t str)> {
    let saved = crate::rules::test::no_sleep::match_left(file, call).filter(|l| l.kind_id() == grammar().kinds.identifier)?;
    let def = file.def(&call.ctx).filter(|d| !d.is_callback && !d.name.starts_with("handle_") && d.name != "init")?;
    file.calls_within(def.node)
        .find(|c| {
            c.node.start_byte() > call.node.end_byte()
                && matches!((c.module.as_deref(), c.name), (Some("Process"), "flag") | (Some(":erlang"), "process_flag"))
                && c.arg(0).is_some_and(|a| ast::atom_name(a, file.src) == Some("trap_exit"))
                && c.arg(1).is_some_and(|v| file.text(v) == file.text(saved))
        })
        .map(|c| (file.text(saved), file.text(c.node)))
}

/// `Process.flag(:trap_exit, true)` in `init/1` (or another callback), then
/// `Process.flag(:trap_exit, false)` later in the same function (R43 toniq): a trap
/// around a linked start, so that its failure comes back as a value instead of
/// killing `init/1`. The server does not trap once the callback returns.
fn undone_in_same_callback(file: &File, call: &Call) -> bool {
    let Some(def) = file.def(&call.ctx).filter(|d| d.is_callback || d.name == "init" || d.name.starts_with("handle_")) else {
        return false;
    };
    let saved = crate::rules::test::no_sleep::match_left(file, call)
        .filter(|l| l.kind_id() == grammar().kinds.identifier)
        .map(|l| file.text(l));
    file.calls_within(def.node).any(|c| {
        c.node.start_byte() > call.node.end_byte()
            && matches!((c.module.as_deref(), c.name), (Some("Process"), "flag") | (Some(":erlang"), "process_flag"))
            && c.arg(0).is_some_and(|a| ast::atom_name(a, file.src) == Some("trap_exit"))
            && c.arg(1).is_some_and(|v| file.text(v) == "false" || Some(file.text(v)) == saved)
    })
}

/// `Task.async(fn -> Process.flag(:trap_exit, true); apply(mod, fun, args) end)`: the
/// trap is set in a process of its own that runs one job and ends, with no `receive`
/// to wait in. Trapping there keeps a crash of what the job links to (the tasks of an
/// `async_stream`, reported back as `{:exit, reason}`) from killing it, and any `:EXIT`
/// left over ends with the process; the module's own process is not touched.
fn traps_in_one_shot_process(file: &File, call: &Call) -> bool {
    let Some(f) = file.innermost_fn(call.node) else {
        return false;
    };
    // A module's own `async/1` may delegate to `Task.async/1` (or a tracing wrapper
    // of it), so the starter's name counts without its module.
    let started = f.called_by.is_some_and(|c| {
        matches!(file.calls[c as usize].name, "async" | "async_nolink" | "spawn" | "spawn_link" | "start" | "start_link")
    });
    if !call.ctx.other_process && !started {
        return false;
    }
    let fun = f.node;
    let receives = |n: Node| file.calls_within(n).any(|c| c.name == "receive" && c.module.is_none());
    // `spawn(fn -> Process.flag(:trap_exit, true); loop(state) end)`: the loop's
    // `receive` is in a function of the module.
    let loops = file.calls_within(fun).filter(|c| c.local && c.module.is_none()).any(|c| {
        file.defs
            .iter()
            .any(|d| d.name == c.name && d.module == call.ctx.module && receives(d.node))
    });
    !receives(fun) && !loops
}

/// `Task.Supervisor.async_stream(sup, ranges, &fetch_range(state, &1), ...)` with
/// `defp fetch_range(state, range) do Process.flag(:trap_exit, true) ... end`: the
/// function is only ever the job of a task (each element's, for a stream), so the
/// trap is set in that task's process, as in [`traps_in_one_shot_process`] (R44
/// blockscout's catch-up fetcher, whose linked imports then come back as results).
fn traps_in_stream_job(file: &File, call: &Call) -> bool {
    const STARTERS: &[&str] = &["async_stream", "async_stream_nolink", "async", "async_nolink", "start", "start_link", "start_child"];
    let Some(def) = file.def(&call.ctx).filter(|d| !d.is_callback) else {
        return false;
    };
    if call.ctx.func.is_some() || file.calls_within(def.node).any(|c| c.name == "receive" && c.module.is_none()) {
        return false;
    }
    let job_of_a_task = |u: &Call| {
        file.calls.iter().any(|s| {
            matches!(s.module.as_deref(), Some("Task" | "Task.Supervisor"))
                && STARTERS.contains(&s.name)
                && s.args.iter().any(|a| {
                    let k = &grammar().kinds;
                    (a.kind_id() == k.anonymous_function || a.kind_id() == k.unary_operator && file.text(*a).starts_with('&'))
                        && a.byte_range().contains(&u.node.start_byte())
                })
        })
    };
    // Its own recursive calls (a retry) run in the same task.
    file.every_local_caller(def, |u| u.ctx.def == call.ctx.def || job_of_a_task(u))
        && file.calls_named(def.name).any(|u| u.ctx.def != call.ctx.def && job_of_a_task(u))
}

/// Behaviours built on `:gen_server` whose callback module gets `{:EXIT, ...}` in
/// `handle_info/2` and is shut down through `terminate/2`, as a GenServer is.
const GEN_SERVER_BASED: &[&str] = &["GenStage"];

/// Behaviours that trap exits and act on each `{:EXIT, ...}` themselves: their
/// callback module has no `handle_info/2` to write one in.
const SUPERVISORS: &[&str] = &["Supervisor", "DynamicSupervisor", "ConsumerSupervisor"];

fn is_gen_server_based(module: &Module) -> bool {
    module.is_genserver || GEN_SERVER_BASED.iter().any(|b| module.uses_module(b))
}

/// An unguarded `handle_info(msg, state)` clause: it matches `{:EXIT, ...}` too.
fn catch_all_handle_info<'a, 't>(file: &'a File<'t>, module: &Module) -> Option<&'a Def<'t>> {
    module
        .defs
        .iter()
        .map(|&d| &file.defs[d as usize])
        .find(|d| d.name == "handle_info" && d.arity == 2 && is_catch_all(file, d))
}

/// Calls that link the calling process to another process or a port.
const LINKING: &[&str] = &["spawn_link", "link", "start_link", "async", "async_stream", "open_port"];
/// Modules whose opening functions create a port or process linked to the caller.
const LINKING_OPENERS: &[&str] = &["Port", "File", ":file", ":gen_tcp", ":gen_udp", ":ssl", ":gen_sctp"];

/// Does code of the module link this process to anything? A `start_link` inside
/// the module's own `start_link/N` or `child_spec/1` runs in the caller and does
/// not count.
fn links_anything(file: &File, id: Option<Id>) -> bool {
    file.calls.iter().filter(|c| c.ctx.module == id).any(|c| is_linking_call(file, c))
}

/// A call that links the calling process to another process or a port; a
/// `start_link` inside the module's own `start_link/N` or `child_spec/1` runs in the
/// caller and does not count.
fn is_linking_call(file: &File, c: &Call) -> bool {
    let in_starter = c
        .ctx
        .def
        .is_some_and(|d| matches!(file.defs[d as usize].name, "start_link" | "start" | "child_spec"));
    let opener = c.module.as_deref().is_some_and(|m| LINKING_OPENERS.contains(&m))
        && matches!(c.name, "open" | "connect" | "listen" | "accept");
    let linking = LINKING.contains(&c.name) || c.name.starts_with("start_link");
    opener || (linking && !in_starter)
}

/// Does the module match `{:EXIT, ...}` in `handle_info/2` or a `receive`, or
/// define `terminate/2`?
fn handles_exits(file: &File, id: Option<Id>, module: &Module) -> bool {
    // `terminate/3` is `:gen_statem`'s.
    if module.defines("terminate", 2) || module.defines("terminate", 3) {
        return true;
    }
    let own_defs = || module.defs.iter().map(|&d| &file.defs[d as usize]);
    let info_matches = own_defs().any(|d| {
        let is_info = |p: &Node| ast::atom_name(*p, file.src) == Some("info");
        match (d.name, d.arity) {
            // A cowboy loop or websocket handler gets it in `info/3` or `websocket_info/2`.
            ("handle_info", 2) | ("info", 3) | ("websocket_info", 2) => {
                d.params.first().is_some_and(|p| matches_exit(file, *p))
            }
            // A `:gen_statem` gets it as an `:info` event: `connected(:info, {:EXIT, ...}, data)`
            // in a state function, or `handle_event(:info, {:EXIT, ...}, state, data)`.
            (_, 3 | 4) => {
                d.params.first().is_some_and(is_info) && d.params.get(1).is_some_and(|p| matches_exit(file, *p))
            }
            _ => false,
        }
    });
    info_matches
        || file.calls_named("receive").any(|c| {
            c.ctx.module == id
                && c.do_block
                    .is_some_and(|b| receive_clauses_match_exit(file, b))
        })
        || dispatches_to_exit_helper(file, id, module)
}

/// The receive loop or `handle_info/2` hands messages to a helper of the module
/// whose head matches `{:EXIT, ...}`: `msg -> handle_message(msg, state)` with
/// `defp handle_message({:EXIT, pid, reason}, state)`.
fn dispatches_to_exit_helper(file: &File, id: Option<Id>, module: &Module) -> bool {
    let own_defs = || module.defs.iter().map(|&d| &file.defs[d as usize]);
    let helpers: Vec<(&str, usize)> = own_defs()
        .filter(|d| d.params.iter().any(|p| matches_exit(file, *p)))
        .map(|d| (d.name, d.arity))
        .collect();
    if helpers.is_empty() {
        return false;
    }
    let dispatchers: Vec<Node> = file
        .calls_named("receive")
        .filter(|c| c.ctx.module == id)
        .filter_map(|c| c.do_block)
        .chain(
            own_defs()
                .filter(|d| d.name == "handle_info" && d.arity == 2)
                .map(|d| d.node),
        )
        .collect();
    dispatchers.iter().any(|region| {
        file.calls_within(*region).any(|c| {
            c.local && c.module.is_none() && helpers.contains(&(c.name, c.arity))
        })
    })
}

/// Behaviours whose loop is a `:gen_server`'s or `:gen_statem`'s: exits reach the
/// callback module through `handle_info` or an `:info` event, which this rule checks.
const PROCESS_BEHAVIOURS: &[&str] = &["GenServer", ":gen_server", ":gen_statem", "GenStage", ":gen_event", "Agent", "Task"];
/// Callbacks through which another behaviour (DBConnection's `disconnect/2`) tears
/// its callback module's state down when the process goes.
const TEARDOWN_CALLBACKS: &[&str] = &["disconnect", "handle_shutdown"];

/// Is the module the callback module of some other behaviour (`use DBConnection`,
/// `@behaviour DBConnection`) that owns the receive loop, and does it define that
/// behaviour's teardown callback? Then the behaviour's process takes the `:EXIT`
/// and calls the teardown, and trapping is what makes it do so.
fn behaviour_owns_teardown(module: &Module) -> bool {
    if is_gen_server_based(module) || module.defines("callback_mode", 0) {
        return false;
    }
    let other_behaviour = module.uses.iter().any(|(m, _)| !PROCESS_BEHAVIOURS.contains(&m.as_str()))
        || module.behaviours.iter().any(|(b, _)| !PROCESS_BEHAVIOURS.contains(b));
    other_behaviour
        && module
            .functions
            .iter()
            .any(|f| f.kind == "def" && TEARDOWN_CALLBACKS.contains(&f.name))
}


/// Is every process the module links to also monitored in the function that links
/// it, and does the module match `{:DOWN, ...}`? "Link so the child dies with me,
/// trap so I survive it, monitor to learn why": the crash is acted on through the
/// monitor, and the spare `:EXIT` needs no clause of its own.
fn linked_pids_monitored(file: &File, id: Option<Id>, module: &Module) -> bool {
    let mut linking = file.calls.iter().filter(|c| c.ctx.module == id && is_linking_call(file, c)).peekable();
    if linking.peek().is_none() {
        return false;
    }
    let monitors_in = |def: Option<Id>| {
        def.is_some() && file.calls_named("monitor").any(|m| m.ctx.def == def && m.module.as_deref() == Some("Process"))
    };
    linking.all(|c| monitors_in(c.ctx.def)) && matches_down(file, id, module)
}

/// Does the module match `{:DOWN, ...}` in `handle_info/2` or a `receive`?
fn matches_down(file: &File, id: Option<Id>, module: &Module) -> bool {
    let in_info = module.defs.iter().map(|&d| &file.defs[d as usize]).any(|d| {
        d.name == "handle_info" && d.arity == 2 && d.params.first().is_some_and(|p| matches_tag(file, *p, "DOWN"))
    });
    let k = &grammar().kinds;
    in_info
        || file.calls_named("receive").filter(|c| c.ctx.module == id).filter_map(|c| c.do_block).any(|b| {
            ast::named_children(b)
                .filter(|c| c.kind_id() == k.stab_clause)
                .filter_map(|c| ast::field(c, grammar().fields.left))
                .any(|p| matches_tag(file, p, "DOWN"))
        })
}

/// A script without modules: any `receive` with an `{:EXIT, ...}` clause.
fn file_matches_exit(file: &File) -> bool {
    file.calls_named("receive")
        .any(|c| c.do_block.is_some_and(|b| receive_clauses_match_exit(file, b)))
}

fn receive_clauses_match_exit(file: &File, block: Node) -> bool {
    let k = &grammar().kinds;
    ast::named_children(block)
        .filter(|c| c.kind_id() == k.stab_clause)
        .filter_map(|c| ast::field(c, grammar().fields.left))
        .any(|pattern| matches_exit(file, pattern))
}

/// The module's `handle_info/2` clauses whose message is an `{:EXIT, pid, reason}`.
/// A process only gets those messages while it traps exits, so such a clause says
/// that it does, even where the trap is set out of sight (in the `init` of a
/// behaviour the module `use`s from a dependency).
pub(crate) fn exit_clauses<'a, 't>(file: &'a File<'t>, module: &'a Module) -> impl Iterator<Item = &'a Def<'t>> {
    module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| {
        d.name == "handle_info" && d.arity == 2 && d.params.first().is_some_and(|p| matches_exit(file, *p))
    })
}

/// The clauses that receive `{:EXIT, pid, reason}`, each with its message pattern:
/// [`exit_clauses`], and in a `:gen_statem` (it defines `callback_mode/0`, or uses
/// `GenStateMachine`) the `:info` events `handle_event(:info, {:EXIT, ...}, state,
/// data)` and `connected(:info, {:EXIT, ...}, data)`.
pub(crate) fn exit_message_clauses<'a, 't>(
    file: &'a File<'t>,
    module: &'a Module,
) -> impl Iterator<Item = (&'a Def<'t>, Node<'t>)> {
    let statem = module.defines("callback_mode", 0) || module.uses.iter().any(|(u, _)| u == "GenStateMachine");
    module.defs.iter().map(|&d| &file.defs[d as usize]).filter_map(move |d| {
        let message = if d.name == "handle_info" && d.arity == 2 {
            d.params.first()
        } else if statem && matches!(d.arity, 3 | 4) && d.params.first().is_some_and(|p| file.text(*p) == ":info") {
            d.params.get(1)
        } else {
            None
        };
        message.copied().filter(|p| matches_exit(file, *p)).map(|p| (d, p))
    })
}

/// Is there an `{:EXIT, ...}` tuple in this pattern?
pub(crate) fn matches_exit(file: &File, pattern: Node) -> bool {
    matches_tag(file, pattern, "EXIT")
}

/// Is there a tuple tagged with this atom (`{:DOWN, ...}`) in this pattern?
fn matches_tag(file: &File, pattern: Node, tag: &str) -> bool {
    let k = &grammar().kinds;
    std::iter::once(pattern)
        .chain(ast::descendants(pattern))
        .any(|n| {
            n.kind_id() == k.tuple
                && n.named_child(0)
                    .is_some_and(|a| ast::atom_name(a, file.src) == Some(tag))
        })
}

/// The comment block right above the flag already says why it traps (it names the
/// shutdown, `terminate/2` or letting work finish): the finding's question is answered.
fn explained_above(file: &File, flag: Node) -> bool {
    const WHY: &[&str] = &["terminate", "shutdown", "shut down", "abrupt", "finish", "graceful"];
    let block = file.comment_block_above(flag);
    WHY.iter().any(|w| block.contains(w))
}
