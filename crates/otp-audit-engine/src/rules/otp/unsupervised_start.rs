//! `otp/unsupervised-start`: Process started outside a supervision tree. See `unsupervised_start.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/unsupervised-start",
    title: "Process started outside a supervision tree",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("unsupervised_start.md"),
    check,
    project: Some(&PROJECT),
};

static PROJECT: ProjectPass = ProjectPass {
    collect,
    conclude,
    encode,
    decode,
    // It only withdraws the file's own findings (a pid kept and its exit handled).
    only_retracts: true,
};

/// Functions whose job is to start a process: a `start_link` there is what a
/// supervisor (or the application) asked for.
const STARTERS: &[&str] = &["start_link", "start", "init", "child_spec"];

/// `Mod.start/n` that starts an unlinked process.
fn is_unlinked_start(call: &Call) -> bool {
    let a = call.arity;
    match call.module.as_deref() {
        Some("GenServer") => matches!(a, 2 | 3),
        Some("Agent") => (1..=4).contains(&a),
        Some("Task") => matches!(a, 1 | 3),
        Some(":gen_server" | ":gen_statem") => matches!(a, 3 | 4),
        _ => false,
    }
}

/// `GenServer.start(mod, arg, spawn_opt: [:link])` is linked to its caller, as
/// `start_link` would be; it only skips the caller's wait for a linked crash in `init/1`.
fn links_by_spawn_opt(file: &File, call: &Call) -> bool {
    call.arg(call.arity.saturating_sub(1)).is_some_and(|opts| opts_link(file, opts))
}

/// Is `opts` a keyword list whose `spawn_opt:` holds `:link`?
fn opts_link(file: &File, opts: Node) -> bool {
    let keywords = if opts.kind_id() == grammar().kinds.list { opts.named_child(0) } else { Some(opts) };
    keywords
        .filter(|k| k.kind_id() == grammar().kinds.keywords)
        .and_then(|k| ast::keyword_value(k, file.src, "spawn_opt"))
        .is_some_and(|list| {
            ast::named_children(list).any(|o| ast::atom_name(o, file.src) == Some("link"))
        })
}

/// How the options held in a variable (`GenServer.start(mod, arg, opts)`) link the
/// start, read from the variable's bindings in the same function.
#[derive(PartialEq)]
enum VarLink {
    /// Every binding links (`opts = [spawn_opt: [:link]]`).
    Always,
    /// A branch of the binding links, chosen by a `:start_link` the caller passed
    /// (`if method == :start_link, do: [spawn_opt: [:link]], else: []`): the function
    /// implements both public starts.
    ByStartMethod,
    /// A branch links, on some other condition.
    Sometimes,
}

fn links_through_variable(file: &File, call: &Call, def: &Def) -> Option<VarLink> {
    let k = &grammar().kinds;
    let opts = call.arg(call.arity.saturating_sub(1)).filter(|o| o.kind_id() == k.identifier)?;
    let var = file.text(opts);
    let values: Vec<Node> = file
        .nodes_within(k.binary_operator, def.node)
        .filter(|b| b.end_byte() <= call.node.start_byte() && ast::is_binary_op(*b, file.src, "="))
        .filter(|b| ast::field(*b, grammar().fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == var))
        .filter_map(|b| ast::field(b, grammar().fields.right))
        .collect();
    if values.is_empty() {
        return None;
    }
    if values.iter().all(|v| opts_link(file, *v)) {
        return Some(VarLink::Always);
    }
    let f = &grammar().fields;
    let branch_links = |v: &Node| {
        file.nodes_within(k.pair, *v).any(|p| {
            ast::field(p, f.key).is_some_and(|key| ast::keyword_name(key, file.src) == "spawn_opt")
                && ast::field(p, f.value).is_some_and(|list| {
                    ast::named_children(list).any(|o| ast::atom_name(o, file.src) == Some("link"))
                })
        })
    };
    let linking: Vec<&Node> = values.iter().filter(|v| branch_links(v)).collect();
    if linking.is_empty() {
        return None;
    }
    let by_method = linking
        .iter()
        .all(|v| file.nodes_within(k.atom, **v).any(|a| ast::atom_name(a, file.src) == Some("start_link")));
    Some(if by_method { VarLink::ByStartMethod } else { VarLink::Sometimes })
}

/// `{:ok, dev} = OutputDevice.start_link(...)`, then `Process.register(dev, :user)`
/// (or `:standard_error`) or `Process.group_leader(pid, dev)` in the same function:
/// an I/O device that stands in for the runtime's own. Like the `:user` it replaces,
/// it lives outside any application's tree, and a supervisor's restart would not
/// register it again or point the group leaders back at it.
fn replaces_runtime_io(file: &File, call: &Call, def: &Def) -> bool {
    let Some(pid) = crate::rules::test::no_sleep::ok_tuple_pid(file, call) else {
        return false;
    };
    file.calls_within(def.node).any(|c| {
        c.node.start_byte() > call.node.end_byte()
            && match (c.module.as_deref(), c.name) {
                (Some("Process" | ":erlang"), "register") => {
                    c.arg(0).is_some_and(|a| file.text(a) == pid)
                        && c.arg(1).is_some_and(|n| matches!(file.text(n), ":user" | ":standard_error"))
                }
                (Some("Process" | ":erlang"), "group_leader") => c.arg(1).is_some_and(|a| file.text(a) == pid),
                _ => false,
            }
    })
}

fn check(file: &File, report: &mut Report) {
    if is_exempt_path(file.path) {
        return;
    }
    let src = file.src;
    let mut reported = std::collections::HashSet::new();
    for call in file.calls_named_any(&["start", "start_link"]) {
        if call.dynamic {
            continue;
        }
        let Some(module) = call.module.as_deref() else {
            continue;
        };
        let Some(def) = file.def(&call.ctx) else {
            continue;
        };
        // An escript's entry point owns its process tree, and a release task's one-off
        // VM ends with the command.
        if def.name == "main" && def.arity == 1
            || file.module(&call.ctx).is_some_and(|m| crate::runtime::is_release_task(file, m))
        {
            continue;
        }
        if replaces_runtime_io(file, call, def) {
            continue;
        }
        // A test double shipped in `lib/` (`MyLib.Client.Mock`, its nested server):
        // what it starts is linked to the test that uses it, which is the point.
        if file.module(&call.ctx).is_some_and(|m| {
            m.name.split('.').skip(1).any(crate::runtime::named_as_test_double)
                || crate::runtime::runs_under_exunit(file, m)
                || crate::runtime::documented_for_tests(file, m)
        }) {
            continue;
        }
        let written = call.display(src);
        let task_sup = supervisors::prose(supervisors::Kind::Task);
        let dyn_sup = supervisors::prose(supervisors::Kind::Dynamic);
        if call.name == "start" {
            if !is_unlinked_start(call)
                || links_by_spawn_opt(file, call)
                || matches!(links_through_variable(file, call, def), Some(VarLink::Always | VarLink::ByStartMethod))
                || is_own_start_wrapper(file, call, def)
                || mirrors_stdlib_start(file, call, def)
                || (module == "Task" && super::no_raw_spawn::ends_the_node(file, call))
                || is_stopped_in_same_function(file, call, def)
                || is_debug_trace_task(file, call)
                || is_link_marker(file, call)
            {
                continue;
            }
            if handle_with_close(file, call, def) {
                // Handed to the caller with the means to stop it, but unlinked: nothing
                // ends it if the caller dies first. Sometimes the point (a test's owner
                // that must outlive the test process until `on_exit`).
                report
                    .add_info(
                        file,
                        &call.ctx,
                        call.node.byte_range(),
                        format!(
                            "`{written}` hands its caller an unlinked process along with a function of this module that stops it: the caller owns it, but if the caller dies before stopping it, nothing does; start it linked unless it must outlive its caller, and make sure each caller stops it (in `on_exit`, or an `after` block)"
                        ),
                    );
                continue;
            }
            let in_start_link = def.name == "start_link";
            if links_through_variable(file, call, def) == Some(VarLink::Sometimes) {
                let message = format!(
                    "`{written}` is linked to its caller only when the options bound before it take their `spawn_opt: [:link]` branch; otherwise it starts an unlinked process that nothing restarts, links to or stops on shutdown: check that the unlinked branch is meant, or list the process under a supervisor"
                );
                report.add_info(file, &call.ctx, call.node.byte_range(), message);
                continue;
            }
            let message = if in_start_link {
                format!(
                    "`{written}` inside `start_link/{}` starts an unlinked process: the supervisor that calls `start_link` is not linked to it, so it neither notices a crash nor stops it on shutdown; call `{}.start_link` instead",
                    def.arity,
                    call.written(src).rsplit_once('.').map(|(m, _)| m).unwrap_or(module)
                )
            } else if module == "Task" && supervisors::is_fallback_start(file, call) {
                format!(
                    "`{written}` is the fallback for when the supervisor is not running, and starts an unlinked task outside any supervision tree: no process is linked to it and shutdown does not wait for it; start the supervisor in your application's tree so that the fallback can go, or link the fallback to its caller (`Task.start_link/1`)"
                )
            } else if module == "Task" && in_supervisor_init(file, call, def) {
                format!(
                    "`{written}` in this supervisor's `init/1` starts an unlinked task outside the tree that `init/1` builds: no process is linked to it and shutdown does not wait for it; list it among the children instead, as `{{Task, fn -> ... end}}` (a Task child is `restart: :temporary`: it runs once, after the children listed before it have started, and shutdown waits for it up to its `:shutdown` time)"
                )
            } else if module == "Task" && in_server_callback(file, call, def) {
                format!(
                    "`{written}` in `{}/{}` starts an unlinked task that outlives this server: if the server crashes or stops, the task goes on with nothing linked to it, and shutdown does not wait for it; if it works for this server, start it with `Task.start_link/1` so that it ends with the server, or use `Task.Supervisor.start_child/2` under {task_sup} if it must outlive the server",
                    def.name, def.arity
                )
            } else if module == "Task" {
                format!(
                    "`{written}` starts an unlinked task outside any supervision tree: no process is linked to it and shutdown does not wait for it; use `Task.Supervisor.start_child/2` under {task_sup}"
                )
            } else {
                format!(
                    "`{written}` starts an unlinked process outside any supervision tree: nothing restarts it, links to it, or stops it on shutdown; list it as a child of a supervisor or start `{{Mod, arg}}` with `DynamicSupervisor.start_child/2` under {dyn_sup}"
                )
            };
            let fix = (in_start_link
                && !call.capture
                && !call.via_apply
                && !file.is_enclosing_function(&call.ctx, module, "start_link", call.arity))
                .then(|| ast::field(call.target, grammar().fields.right))
                .flatten()
                .filter(|r| file.text(*r) == "start")
                .map(|r| {
                    Fix::unsafe_(
                        "Start it linked with `start_link`",
                        vec![Edit::replace(r.byte_range(), "start_link")],
                    )
                });
            let d = report.add(file, &call.ctx, call.node.byte_range(), message);
            if let Some(fix) = fix {
                d.fix(fix);
            }
            continue;
        }
        // `start_link` outside a starter function.
        if module.starts_with(':') && !matches!(module, ":gen_server" | ":gen_statem" | ":supervisor")
        {
            continue;
        }
        if STARTERS.contains(&def.name)
            || only_called_from_starters(file, def)
            || runs_in_terminate(file, def)
            || in_children_list(file, call)
            || is_child_spec_start(file, call, def)
            || is_stopped_in_same_function(file, call, def)
            || is_monitored_by_owner(file, call, def)
            || is_linked_worker_of_exit_handler(file, call, def)
            || is_helper_owned_by_process(file, call, def)
            || handed_on_with_stop(file, call, def)
            || returned_to_caller_that_stops_it(file, call, def)
            || matches!(helper_kept_in_server_state(file, call, def), Some(Kept::Once))
            || returned_worker(file, call, def)
                .is_some_and(|target| file.modules.iter().any(|m| m.name == target && stops_itself(file, m)))
            || awaited_worker(file, call, def)
                .is_some_and(|target| file.modules.iter().any(|m| m.name == target && stops_itself(file, m)))
            || is_declared_start_function(file, call, def)
            || in_startup_continue(file, call, def)
            || traps_exits_before(file, call, def)
            || owner_takes_every_exit(file, call)
            || named_start_link(file, call, def)
            || is_link_marker(file, call)
            || kept_in_live_view_assigns(file, call, def)
            || handle_with_close(file, call, def)
            || is_one_shot_down_watcher(file, call)
            || handed_a_socket(file, call, def)
        {
            continue;
        }
        if one_shot_task_of_server(file, call) {
            // Nothing should restart a one-shot job; what is left to say is the link.
            let message = format!(
                "`{written}` in `{}/{}` runs a one-shot job linked to this server: it ends with the server, and nothing should restart it, but its crash takes the server (and its state) down too; if the job can fail on its own, run it with `Task.Supervisor.start_child/2` under {task_sup} (or `Task.Supervisor.async_nolink/2`, handling its reply and `:DOWN`) so the server survives it",
                def.name, def.arity
            );
            report.add_info(file, &call.ctx, call.node.byte_range(), message);
            continue;
        }
        let advice = match module {
            "Task" => format!("use `Task.Supervisor.start_child/2` under {task_sup}"),
            "Supervisor" | ":supervisor" => {
                "make it a child of the application's supervisor (a supervisor module with `child_spec/1`)".to_string()
            }
            "GenServer" | "Agent" | ":gen_server" | ":gen_statem" => format!(
                "move it into the module's `start_link/1` and list the module as a child, or start `{{Mod, arg}}` with `DynamicSupervisor.start_child/2` under {dyn_sup}"
            ),
            _ => format!(
                "list `{{{module}, arg}}` as a child of a supervisor, or, for processes started on demand, start it with `DynamicSupervisor.start_child/2` under {dyn_sup}"
            ),
        };
        // One finding per start decision: the branches of a `case` that each start
        // the same process (with another name form, say) are one start.
        if !reported.insert((call.ctx.def, module.to_string(), call.name)) {
            continue;
        }
        // A public entry point that starts this module linked to its caller
        // (`start_tracing/1`, run from IEx): the caller owns it, as with `start_link`.
        if let Some(child_spec_note) = own_linked_start_api(file, call, def) {
            let message = format!(
                "`{written}` in `{}/{}` starts this module's own process linked to whoever calls `{}/{}` (an IEx session, say), so it ends with its caller, which suits a session; but nothing restarts it if it crashes{child_spec_note}",
                def.name, def.arity, def.name, def.arity
            );
            report.add_info(file, &call.ctx, call.node.byte_range(), message);
            continue;
        }
        // Started from the server's own callbacks under a name it reuses
        // (`already_started` is success): linked to that server for its life, started
        // again after its restart (R45 tortoise's per-client connection supervisor).
        if lazy_singleton(file, call, def) && (def.is_callback || super::no_raw_spawn::runs_in_server(file, call)) {
            let message = format!(
                "`{written}` in `{}/{}` runs in this server's process and starts a named process linked to it, reused when it already runs: it goes down with the server and is started again after a restart; but a restarted server can find the previous one still going down, take its `{{:error, {{:already_started, _}}}}` as success and carry on without it once it is gone; to tie the two together, start both under one supervisor of their own (`:one_for_all`)",
                def.name, def.arity
            );
            report.add_info(file, &call.ctx, call.node.byte_range(), message);
            continue;
        }
        // `ensure_started/0`: a named singleton started on first use.
        if lazy_singleton(file, call, def) {
            let message = format!(
                "`{written}` in `{}/{}` starts a named singleton on first use (when no process has the name yet), linked to whichever process asks first: it goes down if that caller crashes, and nothing restarts it until someone asks again; where the project has an application, list the module among its children so that it outlives its first caller; a library without one (code run at compile time, a Mix task) has no tree to put it in",
                def.name, def.arity
            );
            report.add_info(file, &call.ctx, call.node.byte_range(), message);
            continue;
        }
        // Kept in a field of the server's state: linked to the server and held for its
        // life, so an orphan only if the callback runs again. Say that, as info.
        if let Some(Kept::Again(field)) = helper_kept_in_server_state(file, call, def) {
            let what = if def.is_callback { "callback" } else { "function" };
            let message = format!(
                "`{written}` in `{}/{}` starts a process this server keeps in its state (`{field}`) and is linked to, so it goes down with the server and is started again after a restart; but nothing stops this {what} from running twice, and each run starts another while the one before keeps running unreferenced: start it in `init/1` or `handle_continue/2`, or match `{field}: nil` in the {what}'s head so a second run is refused",
                def.name, def.arity
            );
            report.add_info(file, &call.ctx, call.node.byte_range(), message);
            continue;
        }
        // A throwaway `Task.Supervisor` for the function's own task: the leak is the
        // supervisor left running after the task, not a missing restart.
        if let Some(var) = one_shot_task_supervisor(file, call, def) {
            let message = format!(
                "`{written}` starts a `Task.Supervisor` on each call of `{}/{}` to run its task, and nothing stops it: every call leaves one more supervisor linked to the caller until the caller exits; stop it once the task is done (`Supervisor.stop({var})` after `Task.yield/2` or `Task.shutdown/2`), or run the task under {task_sup}",
                def.name, def.arity
            );
            report.add(file, &call.ctx, call.node.byte_range(), message);
            continue;
        }
        let message = format!(
            "`{written}` is called from `{}/{}`, not from a supervisor: the new process is linked to the process running `{}/{}` and nothing restarts it; {advice}",
            def.name, def.arity, def.name, def.arity
        );
        report.add(file, &call.ctx, call.node.byte_range(), message);
    }
}

/// Phoenix's LiveView or LiveComponent, when the module is one: `use Phoenix.LiveView`,
/// or the app's `use MyAppWeb, :live_view` (`:live_component`).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Live {
    View,
    Component,
}

pub(crate) fn live_kind(file: &File, module: &crate::model::Module) -> Option<Live> {
    for (used, _) in &module.uses {
        match used.as_str() {
            "Phoenix.LiveView" => return Some(Live::View),
            "Phoenix.LiveComponent" => return Some(Live::Component),
            _ => {}
        }
    }
    file.calls_within(module.node).filter(|c| c.name == "use").find_map(|c| match c.arg(1).map(|o| file.text(o)) {
        Some(":live_view") => Some(Live::View),
        Some(":live_component") => Some(Live::Component),
        _ => None,
    })
}

/// Every variable a function's parameters bind (`pid`, and `pid` in `%Store{pid: pid}`).
fn param_names<'s>(file: &File<'s>, def: &Def) -> Vec<&'s str> {
    def.params
        .iter()
        .flat_map(|p| std::iter::once(*p).chain(ast::descendants(*p)))
        .filter(|n| n.kind_id() == grammar().kinds.identifier)
        .map(|n| file.text(n))
        .collect()
}

/// `def open(path)`, `with {:ok, pid} <- Agent.start_link(...) do {:ok, %Store{pid:
/// pid}} end`, in a module with a public function that stops such a pid
/// (`def close(%Store{pid: pid}), do: Agent.stop(pid)`): a constructor that hands
/// its caller a handle and the means to close it, like `File.open/2`. The caller
/// owns the process, as it would the result of a `start_link`.
fn handle_with_close(file: &File, call: &Call, def: &Def) -> bool {
    // An unlinked `start` handed out this way (a test owner that must outlive the
    // test process's crash until `on_exit` stops it) is the caller's too.
    if def.kind != "def" || !matches!(call.name, "start_link" | "start") {
        return false;
    }
    let k = &grammar().kinds;
    // The pid: `{:ok, pid} <- X.start_link(...)` in a `with`, or `= X.start_link(...)`.
    let bound = call
        .parent
        .filter(|p| ast::is_binary_op(*p, file.src, "<-") || ast::is_binary_op(*p, file.src, "="))
        .and_then(|p| ast::field(p, grammar().fields.left))
        .filter(|l| l.kind_id() == k.tuple)
        .and_then(|l| l.named_child(1))
        .filter(|v| v.kind_id() == k.identifier)
        .map(|v| file.text(v));
    // The function's result holds it: `pid` alone as the last expression, or inside a
    // struct or tuple; or the start's own `{:ok, pid}`, returned as it is.
    let returned = match bound {
        Some(pid) => def.body.and_then(|b| ast::statements(b).last()).is_some_and(|last| {
            std::iter::once(last)
                .chain(ast::descendants(last))
                .any(|n| n.kind_id() == k.identifier && file.text(n) == pid && n.start_byte() > call.node.end_byte())
        }),
        None => in_tail_position(file, def, call.node),
    };
    if !returned {
        return false;
    }
    // Some public function of the module (or of a `defimpl` for its struct, in the
    // same file) stops a process it is given.
    let Some(own) = file.module(&call.ctx).map(|m| m.name.as_str()) else { return false };
    let impl_suffix = format!(".{own}");
    file.defs.iter().filter(|d| {
        d.kind == "def"
            && d.name != def.name
            && d.module.and_then(|m| file.modules.get(m as usize)).is_some_and(|m| m.name == own || m.name.ends_with(&impl_suffix))
    }).any(|d| {
        // What it stops comes in as its argument (`def close(pid)`, `def close(%Store{pid:
        // pid})`, `store.pid`): a close function, not a function that stops its own.
        let param_names = param_names(file, d);
        file.calls_within(d.node).any(|c| {
            // `Watcher.stop(pid)`: the started module's own stop (R38 nats.ex `KV.unwatch/1`).
            (c.name == "stop"
                && (matches!(c.module.as_deref(), Some("Agent" | "GenServer" | "Supervisor" | ":gen_server" | ":gen_statem"))
                    || c.module.is_some() && c.module == call.module))
                && c.arg(0).is_some_and(|a| {
                    let base = if a.kind_id() == k.dot { a.named_child(0) } else { Some(a) };
                    base.is_some_and(|b| b.kind_id() == k.identifier && param_names.contains(&file.text(b)))
                })
        })
    })
}

/// A LiveView's `mount/3` (or a private helper only it calls) that starts a linked
/// helper and keeps its pid in an assign: the helper lives and dies with the view,
/// whose process the endpoint supervises; a remount starts a fresh one. A supervisor
/// would only orphan it when the view goes.
fn kept_in_live_view_assigns(file: &File, call: &Call, def: &Def) -> bool {
    let live_view = file.module(&call.ctx).is_some_and(|m| live_kind(file, m).is_some());
    if !live_view || call.name != "start_link" {
        return false;
    }
    let mounts = |d: &Def| d.name == "mount" && d.arity == 3;
    let from_mount = mounts(def)
        || def.kind == "defp" && {
            let callers: Vec<&Def> = file
                .calls_named(def.name)
                .filter(|c| c.local && c.module.is_none())
                .filter_map(|c| file.def(&c.ctx))
                .collect();
            !callers.is_empty() && callers.iter().all(|d| mounts(d))
        };
    let Some(pid) = kept_pid(file, call, def).filter(|_| from_mount) else {
        return false;
    };
    file.calls_within(def.node).any(|c| {
        matches!(c.name, "assign" | "assign_new")
            && c.node.start_byte() > call.node.end_byte()
            && c.arguments.is_some_and(|args| {
                ast::descendants(args).any(|n| n.kind_id() == grammar().kinds.identifier && file.text(n) == pid)
            })
    })
}

/// `{:ok, sup} = Task.Supervisor.start_link()` and then `Task.Supervisor.async_nolink(sup,
/// ...)` (or `async`, `start_child`) in the same function: a supervisor made for this
/// call's task. The variable it is bound to.
fn one_shot_task_supervisor<'t>(file: &File<'t>, call: &Call<'t>, def: &Def<'t>) -> Option<&'t str> {
    if !call.is("Task.Supervisor", "start_link") {
        return None;
    }
    let bound = crate::rules::test::no_sleep::match_left(file, call)?;
    let var = ast::descendants(bound)
        .chain(std::iter::once(bound))
        .filter(|n| n.kind_id() == grammar().kinds.identifier)
        .map(|n| file.text(n))
        .find(|v| !v.starts_with('_'))?;
    file.calls_within(def.node)
        .any(|c| {
            c.node.start_byte() > call.node.end_byte()
                && c.in_module("Task.Supervisor")
                && c.name != "start_link"
                && c.arg(0).is_some_and(|a| file.text(a) == var)
        })
        .then_some(var)
}

/// A private helper (`defp start_supervisor(...)`) whose every call in the module is
/// in `init/1`, `start_link` or `child_spec`: the start is theirs, split out for
/// readability, and judged as if it were written there.
fn only_called_from_starters(file: &File, def: &Def) -> bool {
    def.kind == "defp" && file.every_local_caller(def, |c| file.def(&c.ctx).is_some_and(|d| STARTERS.contains(&d.name)))
}

/// `terminate/2`, or a private helper only it calls: a `start_link` there serves the
/// shutdown itself (a helper that reports as queues pause), is linked to the process
/// that is ending and goes with it; a supervisor would only restart it after the work
/// it was for is over.
fn runs_in_terminate(file: &File, def: &Def) -> bool {
    if def.name == "terminate" && def.arity == 2 {
        return true;
    }
    def.kind == "defp"
        && file.every_local_caller(def, |c| file.def(&c.ctx).is_some_and(|d| d.name == "terminate" && d.arity == 2))
}

/// Mix tasks run in a short-lived shell process that owns what it starts.
fn is_exempt_path(path: &str) -> bool {
    let norm = path.replace('\\', "/");
    norm.starts_with("lib/mix/tasks/") || norm.contains("/lib/mix/tasks/")
}

/// Inside `children = [...]` or the list given to `Supervisor.start_link/init`.
fn in_children_list(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(list) = file.parent_of_kind(call.expr, k.list, 8) else {
        return false;
    };
    let Some(parent) = file.parent(list) else {
        return false;
    };
    if ast::is_binary_op(parent, file.src, "=") {
        return ast::field(parent, grammar().fields.left)
            .is_some_and(|l| file.text(l) == "children");
    }
    if parent.kind_id() == k.arguments {
        let Some(owner) = file.parent(parent) else {
            return false;
        };
        return file.calls_within(owner).any(|c| {
            c.node == owner
                && (c.is_any("Supervisor", &["start_link", "init", "child_spec"])
                    || c.is_any("DynamicSupervisor", &["start_child"]))
        });
    }
    false
}

/// `def start(...), do: GenServer.start(__MODULE__, ...)`: the module's own unlinked
/// start, next to its `start_link`, mirrors `GenServer.start`. Whether the process is
/// supervised is decided where `start` is called, not here.
fn is_own_start_wrapper(file: &File, call: &Call, def: &Def) -> bool {
    if !matches!(call.module.as_deref(), Some("GenServer" | ":gen_server" | ":gen_statem")) {
        return false;
    }
    let Some(module) = file.module(&call.ctx) else {
        return false;
    };
    let first = call.arg(0).map(|a| file.text(a));
    let starts_itself = first == Some("__MODULE__") || first == Some(module.name.as_str());
    if def.name == "start" {
        // `Agent.start/2` next to `Agent.start_link/2`: the unlinked twin of a start API.
        let twin_of_start_link = module.functions.iter().any(|f| f.name == "start_link");
        return starts_itself || twin_of_start_link;
    }
    // A public function returning the start result of its own module is that
    // module's start API under another name (`StringIO.open/2`).
    // A `start_link*` that does not link is a bug, not an API.
    starts_itself && def.kind == "def" && !def.name.starts_with("start_link") && in_tail_position(file, def, call.node)
}

/// `def start(fun), do: Task.start(wrap(fun))` in `MyLib.Traced.Task`, a module that
/// stands in for `Task` (it shares its last name, or `defdelegate`s the rest of the
/// start API to it): the unlinked start its caller asked for, wrapped. Where the task
/// lives is that caller's choice, as with `Task.start/1` itself (R38 elixir_agent's
/// instrumented Task).
fn mirrors_stdlib_start(file: &File, call: &Call, def: &Def) -> bool {
    let (Some(target), Some(module)) = (call.module.as_deref(), file.module(&call.ctx)) else {
        return false;
    };
    let last = |name: &str| name.rsplit('.').next().unwrap_or(name).to_string();
    let stands_in = last(&module.name) == target
        || module.functions.iter().any(|f| f.kind == "defdelegate" && matches!(f.name, "start_link" | "async"));
    crate::runtime::is_runtime_module(target)
        && def.kind == "def"
        && def.name == call.name
        && stands_in
        && in_tail_position(file, def, call.node)
}

/// `@spec into_stages(...) :: GenServer.on_start()` over a public function that
/// returns `Coordinator.start_link(...)` (in any branch of its `case`): a start
/// function of the library's API under another name. Whoever calls it decides where
/// the process lives, as with any `start_link`. The start result types of OTP's own
/// behaviours (`:gen_statem.start_ret()`, `:gen_server.start_ret()`,
/// `:gen_event`'s) say the same. So does being the function that the module's own
/// `child_spec/1` hands to supervisors: `start: {Client, :start_link, [opts]}` beside
/// a documented `def start_client(opts)` returning `Client.start_link(opts)` offers
/// one start two ways, supervised or by the caller. And so does a public function of
/// an IEx helper module, whose caller is a shell session.
fn is_declared_start_function(file: &File, call: &Call, def: &Def) -> bool {
    if def.kind != "def" || !in_tail_position(file, def, call.node) {
        return false;
    }
    let Some(module) = file.module(&call.ctx) else {
        return false;
    };
    let text = file.text(module.node);
    let head = format!("@spec {}(", def.name);
    let declared = text.match_indices(&head).any(|(at, _)| {
        let spec = &text[at..];
        let end = spec.find("\n\n").unwrap_or(spec.len()).min(spec[1..].find('@').map_or(spec.len(), |i| i + 1));
        let spec = &spec[..end];
        // `:: {:ok, pid()} | {:error, term()}`: `on_start()` spelled out.
        let returns = spec.split_once("::").map_or("", |(_, r)| r);
        let squeezed: String = returns.chars().filter(|c| !c.is_whitespace()).collect();
        spec.contains("on_start")
            || spec.contains("start_ret")
            || squeezed.contains("{:ok,pid") && squeezed.contains("{:error,")
    });
    // An IEx helper module (`MyApp.IEx.Helpers`): its functions run in a shell session,
    // which is what holds the link to the process they hand back.
    let for_iex = module.name.split('.').any(|segment| segment.eq_ignore_ascii_case("iex"));
    declared || for_iex || (!hidden_from_docs(file, def) && same_start_as_child_spec(file, call))
}

/// `Process.flag(:trap_exit, true)` earlier in the function that `start_link`s: the
/// calling process (a connection owner that calls an adapter's `connect`) has chosen
/// to receive the worker's `{:EXIT, pid, reason}` and handle it (reconnect, give up),
/// instead of dying with it. It manages the worker on purpose.
fn traps_exits_before(file: &File, call: &Call, def: &Def) -> bool {
    call.name == "start_link"
        && file.calls_within(def.node).any(|c| {
            c.node.end_byte() < call.node.start_byte()
                && c.is("Process", "flag")
                && c.arg(0).is_some_and(|a| file.text(a) == ":trap_exit")
                && c.arg(1).is_some_and(|a| file.text(a) == "true")
        })
}

/// `start_link` in a module whose `init/1` traps exits and whose `handle_info/2` takes
/// any `{:EXIT, pid, reason}` without a guard: the server owns the worker it links to
/// (a request it turns into replies when it dies), whether or not it keeps the pid.
fn owner_takes_every_exit(file: &File, call: &Call) -> bool {
    use crate::rules::otp::trap_exit_unhandled::{exit_message_clauses, traps_exits};
    let Some(module) = file.module(&call.ctx).filter(|_| call.name == "start_link") else {
        return false;
    };
    let traps_in_init = module
        .defs
        .iter()
        .map(|&d| &file.defs[d as usize])
        .filter(|d| d.name == "init" && d.arity == 1)
        .any(|d| file.calls_within(d.node).any(|c| traps_exits(file, c)));
    traps_in_init
        && exit_message_clauses(file, module).any(|(d, pattern)| {
            let k = &grammar().kinds;
            // `{:EXIT, pid, reason}` with `pid` tied to nothing else (not to a state
            // field in the next parameter): every linked process's exit.
            let pid = pattern.named_child(1).filter(|n| n.kind_id() == k.identifier).map(|n| file.text(n));
            let tied = pid.is_some_and(|pid| {
                !pid.starts_with('_')
                    && d.params.iter().skip(1).any(|p| ast::descendants(*p).any(|n| n.kind_id() == k.identifier && file.text(n) == pid))
            });
            d.guard.is_none()
                && pattern.kind_id() == k.tuple
                && pattern.named_child_count() == 3
                && pid.is_some()
                && !tied
        })
}

/// `def stack_start_link(opts)` that returns what `Supervisor.start_link/2` gives: a
/// function named as a linked start hands its caller the result to own, like
/// `start_link` (here the `start:` of a behaviour's child spec calls it).
fn named_start_link(file: &File, call: &Call, def: &Def) -> bool {
    def.kind == "def" && def.name.ends_with("_start_link") && in_tail_position(file, def, call.node)
}

/// `case Process.whereis(__MODULE__) do nil -> GenServer.start_link(__MODULE__, arg,
/// name: __MODULE__) ...`, or a start whose `{:error, {:already_started, _}}` counts as
/// success (named there or in the started module): a named process started on
/// demand, once.
fn lazy_singleton(file: &File, call: &Call, def: &Def) -> bool {
    let named = call.args.iter().any(|a| file.text(*a).contains("name:"));
    let looked_up_first = file.calls_within(def.node).any(|c| {
        c.node.end_byte() <= call.node.start_byte() && c.name == "whereis" && matches!(c.module.as_deref(), Some("Process" | "GenServer" | ":erlang"))
    });
    // Only a start under a name can be `already_started`: taking that case says the
    // start registers one, even when its `name:` sits in the started module's
    // `start_link` (R45 tortoise's per-client connection supervisor).
    let takes_already_started = case_patterns(file, call).iter().any(|p| file.text(*p).contains(":already_started"));
    named && looked_up_first || takes_already_started
}

/// `@doc false` right above the function (before its first clause).
fn hidden_from_docs(file: &File, def: &Def) -> bool {
    let Some(module) = def.module.and_then(|m| file.modules.get(m as usize)) else {
        return false;
    };
    let before = &file.src[module.node.start_byte()..def.node.start_byte()];
    let last_def = before.rfind("\n  def").map_or(0, |i| i + 1);
    before[last_def..].contains("@doc false")
}

/// The module defines `child_spec/1` whose `start:` MFA is the very function `call`
/// starts (`start: {KafkaEx.Client, :start_link, [...]}` and `Client.start_link(...)`).
fn same_start_as_child_spec(file: &File, call: &Call) -> bool {
    let Some(module) = file.module(&call.ctx) else {
        return false;
    };
    let Some(target) = call.module.as_deref() else {
        return false;
    };
    module
        .defs
        .iter()
        .map(|&d| &file.defs[d as usize])
        .filter(|d| d.name == "child_spec" && d.arity == 1)
        .any(|spec| {
            start_mfas(file, spec.node).any(|(m, f)| {
                f == call.name
                    && m.kind_id() == grammar().kinds.alias
                    && file.module_at(file.text(m), m.start_byte()) == target
            })
        })
}

/// The module and function of each `start: {M, :f, args}` under `node`, as child specs
/// write them.
fn start_mfas<'a, 's: 'a>(file: &'a File<'s>, node: Node<'a>) -> impl Iterator<Item = (Node<'a>, &'s str)> + 'a {
    let g = grammar();
    ast::descendants(node)
        .filter(|n| n.kind_id() == g.kinds.pair)
        .filter(move |pair| ast::field(*pair, g.fields.key).is_some_and(|k| ast::keyword_name(k, file.src) == "start"))
        .filter_map(|pair| ast::field(pair, g.fields.value))
        .filter(|v| v.kind_id() == g.kinds.tuple)
        .filter_map(move |mfa| {
            let mut parts = ast::named_children(mfa);
            let m = parts.next()?;
            let f = parts.next().and_then(|n| ast::atom_name(n, file.src))?;
            Some((m, f))
        })
}

/// Is `node` a value `def` returns ([`ast::tail_values`] of its body), or the last
/// call of a pipeline that is one (`opts |> Keyword.merge(extra) |> Postgrex.start_link()`)?
pub(crate) fn in_tail_position(file: &File, def: &Def, node: Node) -> bool {
    let Some(body) = def.body else {
        return false;
    };
    let mut value = node;
    while let Some(pipe) = file
        .parent(value)
        .filter(|p| ast::is_binary_op(*p, file.src, "|>") && ast::field(*p, grammar().fields.right) == Some(value))
    {
        value = pipe;
    }
    let mut tails = Vec::new();
    ast::tail_values(body, file.src, &mut tails);
    tails.contains(&value)
}

/// `def start_tracing(opts \\ []), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)`:
/// a public function that returns its own module's linked start, a start API under
/// another name whose caller decides where the process lives. `Some` with what to add
/// to the message: when the module `use`s GenServer and defines neither `start_link/1`
/// nor `child_spec/1`, the injected `child_spec/1` names a `start_link/1` that is not
/// there, so the module cannot be listed as a child.
fn own_linked_start_api(file: &File, call: &Call, def: &Def) -> Option<&'static str> {
    if !matches!(call.module.as_deref(), Some("GenServer" | ":gen_server" | ":gen_statem")) {
        return None;
    }
    let module = file.module(&call.ctx)?;
    let first = call.arg(0).map(|a| file.text(a));
    let starts_itself = first == Some("__MODULE__") || first == Some(module.name.as_str());
    if !starts_itself || def.kind != "def" || def.name.starts_with("start_link") || !in_tail_position(file, def, call.node) {
        return None;
    }
    let broken_child_spec = module.uses_module("GenServer") && !module.defines("start_link", 1) && !module.defines("child_spec", 1);
    Some(if broken_child_spec {
        ". To run it in a supervision tree as well, note that the `child_spec/1` that `use GenServer` injects calls `start_link/1`, which this module does not define, so listing the module as a child fails: add a `start_link/1` that makes the same start"
    } else {
        "; list the module as a child where it should outlive its caller"
    })
}

/// A function that this module names as the `start:` of a child spec
/// (`start: {__MODULE__, :start_worker, [id]}`): a supervisor calls it.
/// So is a function that a zero-arity `start: fn -> start_acme(state) end` calls, the
/// form `Parent` child specs take (R39 site_encrypt).
fn is_child_spec_start(file: &File, call: &Call, def: &Def) -> bool {
    let Some(module) = file.module(&call.ctx) else {
        return false;
    };
    let by_mfa = start_mfas(file, module.node).any(|(m, f)| {
        let m = file.text(m);
        (m == "__MODULE__" || m == module.name.as_str()) && f == def.name
    });
    by_mfa || start_fns(file, module.node).any(|fun| {
        file.calls_within(fun)
            .any(|c| c.local && c.module.is_none() && c.name == def.name && c.arity == def.arity)
    })
}

/// The zero-arity `fn`s given as `start:` in a keyword list within `node`.
fn start_fns<'t>(file: &'t File, node: Node<'t>) -> impl Iterator<Item = Node<'t>> + 't {
    let g = grammar();
    file.nodes_within(g.kinds.pair, node)
        .filter(|pair| ast::field(*pair, g.fields.key).is_some_and(|k| ast::keyword_name(k, file.src) == "start"))
        .filter_map(|pair| ast::field(pair, g.fields.value))
        .filter(|v| v.kind_id() == g.kinds.anonymous_function)
}

/// `Task.start(fn -> :sys.trace(MyServer, true) end)`: a one-shot that only switches
/// on `:sys` debugging of a process (from that process's `init/1`, where it cannot do
/// it itself), and ends at once. There is nothing to supervise.
fn is_debug_trace_task(file: &File, call: &Call) -> bool {
    let Some(fun) = call.arg(0).filter(|f| call.in_module("Task") && call.arity == 1 && f.kind_id() == grammar().kinds.anonymous_function) else {
        return false;
    };
    let mut calls = file.calls_within(fun).peekable();
    calls.peek().is_some() && calls.all(|c| c.module.as_deref() == Some(":sys"))
}

/// What a link marker may do before it waits: trap exits, name itself, link, and look
/// up the pid to link to.
const MARKER_SETUP: &[(Option<&str>, &str)] = &[
    (Some("Process"), "flag"),
    (Some("Process"), "set_label"),
    (Some("Process"), "register"),
    (Some("Process"), "link"),
    (Some(":erlang"), "pid_to_list"),
    (Some("Map"), "get"),
    (Some("Keyword"), "get"),
    (None, "self"),
    (Some("Kernel"), "self"),
    (None, "inspect"),
    (Some("Kernel"), "inspect"),
    (None, "if"),
    (None, "unless"),
];

/// `Task.start_link(fn -> Process.flag(:trap_exit, true); Process.link(other);
/// receive do {:EXIT, _, _} -> :ok end end)`: a process that does no work and only
/// stands for a link (to show it in Observer, say) until the first exit signal ends
/// it. A supervisor restarting it would defeat it; there is nothing to supervise.
fn is_link_marker(file: &File, call: &Call) -> bool {
    let Some(fun) = call.arg(0).filter(|_| call.in_module("Task") && call.arity == 1) else {
        return false;
    };
    let Some(body) = ast::single_clause_body(fun) else {
        return false;
    };
    let statements: Vec<Node> = ast::statements(body).collect();
    let Some((&wait, setup)) = statements.split_last() else {
        return false;
    };
    let traps = file.calls_within(fun).any(|c| {
        c.in_module("Process")
            && c.name == "flag"
            && c.arg(0).and_then(|a| ast::atom_name(a, file.src)) == Some("trap_exit")
    });
    let setup_only = setup.iter().all(|st| {
        file.calls_within(*st)
            .all(|c| MARKER_SETUP.iter().any(|(m, n)| c.module.as_deref() == *m && c.name == *n))
    });
    traps && setup_only && waits_for_one_exit(file, wait)
}

/// `receive do {:EXIT, _, _} -> :ok end`: every clause takes an exit signal, and
/// its body calls nothing.
fn waits_for_one_exit(file: &File, node: Node) -> bool {
    let g = grammar();
    let Some(receive) = file.calls_named("receive").find(|c| c.node == node) else {
        return false;
    };
    let Some(block) = receive.do_block else {
        return false;
    };
    let mut clauses = ast::named_children(block).filter(|c| c.kind_id() == g.kinds.stab_clause).peekable();
    clauses.peek().is_some()
        && clauses.all(|c| {
            let pattern = ast::field(c, g.fields.left).and_then(|l| {
                if l.kind_id() == g.kinds.arguments { l.named_child(0) } else { Some(l) }
            });
            let exit = pattern.is_some_and(|p| {
                p.kind_id() == g.kinds.tuple
                    && p.named_child(0).and_then(|a| ast::atom_name(a, file.src)) == Some("EXIT")
            });
            let idle = ast::field(c, g.fields.right).is_none_or(|r| file.calls_within(r).next().is_none());
            exit && idle
        })
        && ast::named_children(block).chain(ast::named_children(receive.node)).all(|c| c.kind_id() != g.kinds.after_block)
}

/// `def init(_)` of a module that uses `Supervisor` (or returns `Supervisor.init/2`):
/// a task started there can be one of the children it returns.
fn in_supervisor_init(file: &File, call: &Call, def: &Def) -> bool {
    def.name == "init"
        && def.arity == 1
        && (file.module(&call.ctx).is_some_and(|m| m.uses.iter().any(|(u, _)| u == "Supervisor"))
            || file.calls_within(def.node).any(|c| c.is("Supervisor", "init")))
}

/// `Repo.start_link()` then `Repo.stop()` in the same function: the module's
/// process under its default name, started for the length of this call and stopped
/// by name (behaviour modules such as `GenServer` name no process this way).
fn stopped_by_module_later(file: &File, call: &Call, def: &Def) -> bool {
    const BEHAVIOURS: &[&str] = &["GenServer", "Agent", "Task", "Supervisor", "DynamicSupervisor", ":gen_server", ":gen_statem", ":supervisor"];
    let Some(module) = call.module.as_deref().filter(|m| !BEHAVIOURS.contains(m)) else {
        return false;
    };
    file.calls_within(def.node).any(|c| {
        c.node.start_byte() > call.node.end_byte() && c.module.as_deref() == Some(module) && c.name == "stop" && c.arity <= 1
    })
}

/// `{:ok, pid} = X.start_link(...)` with `X.stop(pid)` (or `GenServer.stop(pid)`,
/// `Process.exit(pid, :kill)`, a `receive` of its `{:EXIT, ^pid, _}`...) later in the
/// same function: a helper whose lifetime is this call, like a task.
fn is_stopped_in_same_function(file: &File, call: &Call, def: &Def) -> bool {
    if stopped_by_module_later(file, call, def) {
        return true;
    }
    // `{:ok, pid} = X.start_link(...)`, `{:ok, pid} <- X.start_link(...)` in a `with`
    // (R41 elsa), or the clauses of `case X.start_link(...) do`.
    let bound: Vec<Node> = match call.parent {
        Some(p) if ast::is_binary_op(p, file.src, "=") || ast::is_binary_op(p, file.src, "<-") => {
            ast::field(p, grammar().fields.left).into_iter().collect()
        }
        _ => case_patterns(file, call),
    };
    if bound.is_empty() {
        return false;
    }
    let vars: Vec<&str> = bound
        .iter()
        .flat_map(|b| ast::descendants(*b).chain(std::iter::once(*b)))
        .filter(|n| n.kind_id() == grammar().kinds.identifier)
        .map(|n| file.text(n))
        .filter(|v| !v.starts_with('_'))
        .collect();
    // `EM.stop(config.manager)` after `{:ok, manager} = EM.start_link()`.
    let names_var = |text: &str| {
        vars.iter()
            .any(|v| text == *v || text.strip_suffix(v).is_some_and(|head| head.ends_with('.')))
    };
    // `receive do {:EXIT, ^task, reason} -> ... after t -> Process.exit(task, :kill) end`:
    // the function waits for the linked process to end, and ends it when it will not.
    let awaits_exit = |c: &Call| {
        c.name == "receive"
            && c.do_block.is_some_and(|block| {
                ast::named_children(block)
                    .filter(|clause| clause.kind_id() == grammar().kinds.stab_clause)
                    .filter_map(|clause| ast::field(clause, grammar().fields.left))
                    .any(|pattern| {
                        let text = file.text(pattern);
                        text.starts_with("{:EXIT,") && vars.iter().any(|v| text.contains(&format!("^{v}")))
                    })
            })
    };
    file.calls_within(def.node).any(|c| {
        c.node.start_byte() > call.node.end_byte()
            && (stops_by_name(c.name) && c.arg(0).is_some_and(|a| names_var(file.text(a)))
                || c.is("Process", "exit") && c.arg(0).is_some_and(|a| names_var(file.text(a)))
                || awaits_exit(c))
    })
}

/// `{:ok, pid} -> ref = Process.monitor(pid)` right after the start, in the function
/// that starts it or in the file's function that calls a one-line wrapper around the
/// start (`defp start_runtime(opts), do: Runtime.start_link(opts)`): the owner links,
/// monitors and keeps the process, handles its `:DOWN` and stops it. That is a child
/// the owner manages on purpose, not one that nothing watches.
fn is_monitored_by_owner(file: &File, call: &Call, def: &Def) -> bool {
    let is_monitor = |c: &Call| c.is("Process", "monitor") || c.is(":erlang", "monitor");
    // A monitor later in `scope`, or in a private helper of the module that `scope`
    // calls later (`track(state, pid)` whose body monitors the pid).
    let monitors_after = |scope: Node, from: usize| {
        file.calls_within(scope).filter(|c| c.node.start_byte() > from).any(|c| {
            is_monitor(c)
                || c.local
                    && c.module.is_none()
                    && !c.dynamic
                    && c.ctx.module == def.module
                    && file.defs.iter().any(|h| {
                        h.kind == "defp"
                            && h.module == def.module
                            && h.name == c.name
                            && h.name != def.name
                            && file.calls_within(h.node).any(is_monitor)
                    })
        })
    };
    if monitors_after(def.node, call.node.end_byte()) {
        return true;
    }
    // The start is the whole body of a wrapper: look where the wrapper is called.
    wrapper_call_sites(file, call, def).any(|(c, caller)| monitors_after(caller.node, c.node.end_byte()))
}

/// When the start is the whole body of `def` (`defp start_runtime(opts), do:
/// Runtime.start_link(opts)`), the calls of that wrapper from the module's other
/// functions, with the function each sits in: where the pid is really handled.
fn wrapper_call_sites<'a, 't>(file: &'a File<'t>, call: &Call<'t>, def: &'a Def<'t>) -> impl Iterator<Item = (&'a Call<'t>, &'a Def<'t>)> + 'a {
    let is_wrapper = def.body.is_some_and(|b| {
        b.byte_range() == call.expr.byte_range()
            || ast::statements(b).count() == 1 && ast::statements(b).all(|s| s.byte_range() == call.expr.byte_range())
    });
    file.calls
        .iter()
        .filter(move |c| is_wrapper && c.local && c.module.is_none() && c.name == def.name && c.ctx.module == def.module)
        .filter_map(move |c| {
            let caller = &file.defs[c.ctx.def? as usize];
            (caller.name != def.name).then_some((c, caller))
        })
}

/// `{:ok, pid} = X.start_link(...)`, `with {:ok, pid} <- X.start_link(...)`, or `case
/// X.start_link(...) do {:ok, pid} -> ...`, with `pid` used later in the function (put in a collection, looked up, sent to):
/// the starter keeps hold of the process it started.
fn keeps_pid(file: &File, call: &Call, def: &Def) -> bool {
    kept_pid(file, call, def).is_some()
}

/// The variable of [`keeps_pid`], when the starter keeps the pid.
fn kept_pid<'t>(file: &File<'t>, call: &Call<'t>, def: &Def<'t>) -> Option<&'t str> {
    let g = grammar();
    let patterns: Vec<Node> = match call.parent {
        Some(p) if ast::is_binary_op(p, file.src, "=") || ast::is_binary_op(p, file.src, "<-") => {
            ast::field(p, g.fields.left).into_iter().collect()
        }
        _ => case_patterns(file, call),
    };
    patterns.into_iter().filter_map(|p| ok_var(file, p)).find_map(|(var, pattern)| {
        let after = pattern.end_byte().max(call.node.end_byte());
        ast::descendants(def.node)
            .any(|n| n.kind_id() == g.kinds.identifier && n.start_byte() > after && file.text(n) == var)
            .then_some(var)
    })
}

/// `with {:ok, pid} <- GenServer.start_link(__MODULE__, {socket, opts}), :ok <-
/// :gen_tcp.controlling_process(socket, pid)` (R43 tds's TLS proxy): the new process
/// takes over the caller's socket or port, as the caller's own transport. Linked to
/// its owner it ends with the connection; restarted by a supervisor it would come back
/// without a socket.
fn handed_a_socket(file: &File, call: &Call, def: &Def) -> bool {
    let Some(pid) = kept_pid(file, call, def) else {
        return false;
    };
    file.calls_within(def.node).any(|c| {
        let hands_over = matches!(
            (c.module.as_deref(), c.name),
            (Some(":gen_tcp" | ":ssl" | ":gen_udp" | ":gen_sctp" | ":inet"), "controlling_process")
                | (Some("Port"), "connect")
                | (Some(":erlang"), "port_connect")
        );
        hands_over && c.node.start_byte() > call.node.end_byte() && c.arg(1).is_some_and(|a| file.text(a) == pid)
    })
}

/// A GenServer or `:gen_statem` that keeps the pid of a helper it starts outside
/// `init/1` (a reconnect after a backoff), and either starts the same helper in
/// `init/1` too or stops it in `terminate`: the process is its helper's restart
/// policy and bounds its lifetime, so a supervisor would only add a second policy.
fn is_helper_owned_by_process(file: &File, call: &Call, def: &Def) -> bool {
    let Some(module) = file.module(&call.ctx) else {
        return false;
    };
    let is_process = module.is_genserver || module.defines("callback_mode", 0) || module.uses_module("GenStage");
    let Some(var) = kept_pid(file, call, def).filter(|_| is_process && call.name == "start_link") else {
        return false;
    };
    let own_defs = || module.defs.iter().map(|&d| &file.defs[d as usize]);
    let same_start = |c: &Call| c.name == call.name && c.module == call.module;
    let started_in_init = own_defs()
        .filter(|d| d.name == "init" && d.arity == 1)
        .any(|d| file.calls_within(d.node).any(same_start));
    // `SocketOwner.normal_stop(data.socket_owner)`, `GenServer.stop(state.worker)`.
    let stops_helper = |c: &Call| {
        (c.name.ends_with("stop") || c.is("Process", "exit"))
            && (c.module == call.module || c.arg(0).is_some_and(|a| file.text(a).ends_with(var)))
    };
    let stopped_in_terminate = own_defs()
        .filter(|d| d.name == "terminate" && matches!(d.arity, 2 | 3))
        .any(|d| file.calls_within(d.node).any(stops_helper));
    started_in_init || stopped_in_terminate
}

/// `start_fn = Keyword.get(opts, :start_fn, &default_start/1)` beside `stop_fn =
/// Keyword.get(opts, :stop_fn, &default_stop/1)`: a private function that the module
/// only hands on, as a capture, next to a capture of a function that stops (`stop`,
/// `close` in its name), in one function. What takes both (a connection cache) runs
/// the start, keeps the pid and stops it with the other: the process is its owner's,
/// as a helper a GenServer starts and stops itself.
fn handed_on_with_stop(file: &File, call: &Call, def: &Def) -> bool {
    if def.kind != "defp" || call.name != "start_link" {
        return false;
    }
    let mut uses = file
        .calls_named(def.name)
        .filter(|c| c.ctx.module == call.ctx.module && c.module.is_none() && c.arity == def.arity)
        .peekable();
    if uses.peek().is_none() {
        return false;
    }
    uses.all(|c| {
        c.capture
            && file.calls.iter().any(|s| {
                s.capture && s.ctx.def == c.ctx.def && s.ctx.def.is_some() && (s.name.contains("stop") || s.name.contains("close"))
            })
    })
}

/// A GenServer callback that runs once (it raises when called again, `if
/// state.owner, do: raise ...`, or its head matches the field still empty,
/// `%{reader: nil} = state`) and `start_link`s a helper whose pid it keeps as the
/// value of one field of the server's state (`{:noreply, %{state | reader: reader}}`,
/// `Map.put(state, :reader, reader)`): one helper, linked to the supervised server
/// and held for its life. The server's shutdown ends it, its crash takes the server
/// down to be restarted; it is the server's part, not an orphan. A callback that can
/// run again starts another each time (the last one replaced but still running), and
/// a pid put into a collection (`Map.put(state.workers, id, pid)`) is a worker per
/// request: both are reported unless another exemption applies.
fn helper_kept_in_server_state<'t>(file: &File<'t>, call: &Call<'t>, def: &Def<'t>) -> Option<Kept<'t>> {
    let g = grammar();
    let k = &g.kinds;
    // A callback, or a private helper of the server (it runs in the server's process).
    if call.name != "start_link" || !(def.is_callback || super::no_raw_spawn::runs_in_server(file, call)) {
        return None;
    }
    let var = kept_pid(file, call, def)?;
    let params = param_names(file, def);
    let is_state = |n: Node| n.kind_id() == k.identifier && params.contains(&file.text(n));
    // The field the pid is kept in.
    let field = ast::descendants(def.node)
        .filter(|n| n.kind_id() == k.identifier && n.start_byte() > call.node.end_byte() && file.text(*n) == var)
        .find_map(|n| {
            // `%{state | field: var}`: pair → keywords → `|` whose left is the state.
            let pair = file.parent(n).filter(|p| p.kind_id() == k.pair && ast::field(*p, g.fields.value) == Some(n));
            let in_update = pair
                .and_then(|p| file.parent(p))
                .and_then(|kw| file.parent(kw))
                .filter(|op| ast::is_binary_op(*op, file.src, "|"))
                .and_then(|op| ast::field(op, g.fields.left))
                .is_some_and(is_state);
            if in_update {
                return pair.and_then(|p| ast::field(p, g.fields.key)).map(|key| ast::keyword_name(key, file.src));
            }
            // `Map.put(state, :field, var)`.
            file.calls
                .iter()
                .find(|c| c.is("Map", "put") && c.arity == 3 && c.arg(2) == Some(n) && c.arg(0).is_some_and(is_state))
                .and_then(|c| c.arg(1))
                .and_then(|key| ast::atom_name(key, file.src))
        });
    let field = field?;
    // `if state.owner, do: raise "already attached"` before the start.
    let refuses_again = file.calls_within(def.node).any(|c| {
        c.node.end_byte() < call.node.start_byte()
            && c.local
            && matches!(c.name, "if" | "unless")
            && file.calls_within(c.node).any(|r| r.local && r.name == "raise")
    });
    // `def handle_cast(:attach, %{reader: nil} = state)`.
    let head_wants_empty = def.params.iter().any(|p| {
        ast::descendants(*p).any(|pair| {
            pair.kind_id() == k.pair
                && ast::field(pair, g.fields.key).is_some_and(|key| ast::keyword_name(key, file.src) == field)
                && ast::field(pair, g.fields.value).is_some_and(|v| v.kind_id() == k.nil)
        })
    });
    // `AuthQuery.stop_connection_async(state.conn)` beside the start: the callback
    // replaces the helper it kept, it does not pile them up.
    let stops_previous = file.calls_within(def.node).any(|c| {
        stops_by_name(c.name)
            && c.arg(0).is_some_and(|a| {
                let text = file.text(a);
                text.rsplit_once('.').is_some_and(|(head, last)| last == field && params.contains(&head))
            })
    });
    Some(if refuses_again || head_wants_empty || stops_previous || guarded_empty(file, call, def, field) {
        Kept::Once
    } else {
        Kept::Again(field)
    })
}

/// The start sits in a branch taken only while the field is empty: a `cond` clause or
/// an `if` whose condition says `state.field == nil` or `is_nil(state.field)` (an
/// optional part a setting turns on, stopped and emptied when the setting turns off).
fn guarded_empty(file: &File, call: &Call, def: &Def, field: &str) -> bool {
    let g = grammar();
    let wants_empty = |condition: Node| {
        let text: String = file.text(condition).split_whitespace().collect();
        text.contains(&format!(".{field}==nil")) || text.contains(&format!(".{field})")) && text.contains("is_nil(")
    };
    let mut node = call.node;
    while let Some(parent) = file.parent(node).filter(|p| p.start_byte() >= def.node.start_byte() && *p != def.node) {
        if parent.kind_id() == g.kinds.stab_clause
            && ast::field(parent, g.fields.right).is_some_and(|r| r.byte_range().contains(&call.node.start_byte()))
            && ast::field(parent, g.fields.left).is_some_and(wants_empty)
        {
            return true;
        }
        // In the `if`'s `do` part, not its condition or its `else`.
        let in_else = |n: Node| {
            ast::descendants(n)
                .filter(|b| b.kind_id() == g.kinds.else_block)
                .any(|b| b.byte_range().contains(&call.node.start_byte()))
        };
        let taken_while_empty = file
            .calls_within(parent)
            .find(|c| c.node == parent && c.local && c.name == "if")
            .filter(|c| c.do_block.is_some_and(|d| d.byte_range().contains(&call.node.start_byte()) && !in_else(d)))
            .and_then(|c| c.arg(0))
            .is_some_and(wants_empty);
        if taken_while_empty {
            return true;
        }
        node = parent;
    }
    false
}

/// `Task.start_link(fn -> ... end)` in a GenServer's callback or private helper: a
/// one-shot job (a search that replies with `GenServer.reply/2`, an indexer that
/// sends its result back) linked to the supervised server. It goes down with the
/// server and must not be restarted (it is the form `otp/no-raw-spawn` recommends for
/// work linked to the server); what is left is that its crash takes the server down.
fn one_shot_task_of_server(file: &File, call: &Call) -> bool {
    call.is("Task", "start_link")
        && call.arg(0).is_some_and(|f| f.kind_id() == grammar().kinds.anonymous_function || call.arity == 3)
        && super::no_raw_spawn::runs_in_server(file, call)
}

/// `Task.start_link(fn -> ref = Process.monitor(device); receive do {:DOWN, ^ref,
/// ...} -> send(owner, {:exit_reason, reason}) end end)`: a watcher that waits for one
/// process to end, tells its owner, and ends. Linked to the caller, it cannot outlive
/// it; there is nothing to restart.
fn is_one_shot_down_watcher(file: &File, call: &Call) -> bool {
    call.is("Task", "start_link")
        && call.arity == 1
        && call.arg(0).is_some_and(|f| super::no_raw_spawn::is_down_watcher(file, f))
}

/// A function that ends the process it is given, by its name: `stop`, `close`,
/// `GenServer.stop`, `stop_connection_async`, `disconnect`.
fn stops_by_name(name: &str) -> bool {
    name.contains("stop") || name.contains("close") || name.contains("disconnect")
}

/// A `start_link` in the `handle_continue/2` clause that only `init/1` asks for
/// (`{:ok, state, {:continue, :connect}}`): the server's own start, split out of
/// `init/1` so that it does not block the supervisor. The helper is linked to the
/// server and is started again when the server restarts. A private helper that only
/// such clauses call counts too (`check_readiness_async/1`, R28 wallaby).
fn in_startup_continue(file: &File, call: &Call, def: &Def) -> bool {
    if call.name != "start_link" {
        return false;
    }
    if def.kind == "defp" {
        return file.every_local_caller(def, |c| file.def(&c.ctx).is_some_and(|d| is_startup_continue(file, d)));
    }
    is_startup_continue(file, def)
}

/// The `handle_continue/2` clause that only `init/1` asks for.
fn is_startup_continue(file: &File, def: &Def) -> bool {
    if !def.is_callback || def.name != "handle_continue" {
        return false;
    }
    // Compared without whitespace on both sides: a tuple tag (`{:init, opts}`) is
    // spelled with spaces in the head and in `init/1`'s return.
    let Some(tag) = def.params.first().map(|p| file.text(*p).split_whitespace().collect::<String>()) else {
        return false;
    };
    let Some(module) = def.module.map(|m| &file.modules[m as usize]) else {
        return false;
    };
    let asks = |d: &Def| {
        let text: String = file.text(d.node).split_whitespace().collect();
        text.contains(&format!("{{:continue,{tag}}}"))
    };
    let defs: Vec<&Def> = module.defs.iter().map(|&d| &file.defs[d as usize]).collect();
    defs.iter().any(|d| d.name == "init" && asks(d)) && !defs.iter().any(|d| d.name != "init" && asks(d))
}

/// Where a callback keeps the helper it starts (see [`helper_kept_in_server_state`]).
enum Kept<'t> {
    /// The callback cannot run twice: the helper is the server's own part.
    Once,
    /// Kept in this field, by a callback that nothing stops from running again.
    Again(&'t str),
}

/// The module a plain function `start_link`s a worker of and hands back to its caller
/// inside the data it returns (`%Stream{collector: pid}`, `stream |>
/// put_payload(:reader, pid)`): the caller holds the worker, which is linked to it.
fn returned_worker(file: &File, call: &Call, def: &Def) -> Option<String> {
    if call.name != "start_link" || def.is_callback {
        return None;
    }
    let var = kept_pid(file, call, def)?;
    let last = ast::statements(def.body?).last()?;
    let handed_back = if last.byte_range().contains(&call.node.start_byte()) {
        mapped_into_returned_collection(file, call, def, var, last)
    } else {
        mentions(file, last, var)
    };
    handed_back.then(|| started_module(file, call)).flatten()
}

/// The module of a worker that a plain function `start_link`s and then waits for in a
/// `receive` of its own (`Attempt.start_link(fun, notify_to: self())`, then `receive
/// do {:attempt_done, result} -> ...`): when the worker stops itself once done, it is
/// a helper for the length of this call, like `Task.async/1` and `Task.await/2`.
fn awaited_worker(file: &File, call: &Call, def: &Def) -> Option<String> {
    if call.name != "start_link" || def.is_callback {
        return None;
    }
    file.calls_named("receive")
        .any(|r| r.local && r.ctx.def == call.ctx.def && r.node.start_byte() > call.node.end_byte())
        .then(|| started_module(file, call))
        .flatten()
}

/// The module whose code the started process runs: `X` of `X.start_link(...)`, or the
/// callback module of `GenServer.start_link(X, ...)` (R42 gen_retry's `retry_link/2`
/// starts its one-job `Worker` so), `__MODULE__` read as the enclosing module.
fn started_module(file: &File, call: &Call) -> Option<String> {
    if !call.is("GenServer", "start_link") {
        return call.module.clone();
    }
    let arg = call.arg(0)?;
    match file.text(arg) {
        "__MODULE__" => file.module(&call.ctx).map(|m| m.name.clone()),
        text if arg.kind_id() == grammar().kinds.alias => Some(file.module_at(text, arg.start_byte())),
        _ => None,
    }
}

/// `{:ok, limiter} = Limiter.start_link(n)` whose pid leaves in the value the function
/// returns (`{set_context(query, limiter: limiter), true}`, the last expression of its
/// branch), and every call of the function in this module is followed, in the calling
/// function, by an `after` that stops something (`after if stop?, do: Agent.stop(...)`):
/// a helper for the length of the caller's call, ended even when it raises.
fn returned_to_caller_that_stops_it(file: &File, call: &Call, def: &Def) -> bool {
    let k = &grammar().kinds;
    let Some(var) = kept_pid(file, call, def) else {
        return false;
    };
    // The statement list holding the start, and its last statement.
    let Some(statement) = std::iter::successors(Some(call.expr), |n| file.parent(*n))
        .take_while(|n| n.id() != def.node.id())
        .find(|n| file.parent(*n).is_some_and(|p| p.kind_id() == k.do_block || p.kind_id() == k.body || p.kind_id() == k.block))
    else {
        return false;
    };
    let Some(last) = file.parent(statement).and_then(|p| ast::statements(p).filter(|s| !ast::is_trailing_block(*s)).last()) else {
        return false;
    };
    if last.id() == statement.id() || !mentions(file, last, var) || !in_tail_position(file, def, last) {
        return false;
    }
    let callers: Vec<&Call> = file
        .calls_named(def.name)
        .filter(|c| c.ctx.module == def.module && c.arity == def.arity && (c.module.is_none() || c.local))
        .filter(|c| c.ctx.def.is_some_and(|d| file.defs[d as usize].name != def.name))
        .collect();
    !callers.is_empty()
        && callers.iter().all(|c| {
            file.def(&c.ctx).is_some_and(|caller| {
                ast::descendants(caller.node)
                    .filter(|n| n.kind_id() == k.after_block && n.start_byte() > c.node.end_byte())
                    .any(|after| file.calls_within(after).any(|s| stops_by_name(s.name)))
            })
        })
}

fn mentions(file: &File, node: Node, var: &str) -> bool {
    let k = &grammar().kinds;
    std::iter::once(node)
        .chain(ast::descendants(node))
        .any(|n| n.kind_id() == k.identifier && file.text(n) == var)
}

/// Calls that build a collection from what their fn returns for each element.
const MAPPERS: &[&str] = &["Enum.map", "Enum.flat_map", "Stream.map", "Stream.flat_map", "Map.new", "Enum.into"];

/// The start sits in a fn given to `Enum.map`/`Enum.flat_map` (or `Map.new`) inside
/// the function's returned expression, and the fn's result holds the pid
/// (`elements |> Enum.flat_map(fn e -> {:ok, pid} = W.start_link(); [{e, pid}] end) |>
/// Map.new()`): each worker is handed back in the collection the caller keeps.
fn mapped_into_returned_collection(file: &File, call: &Call, def: &Def, var: &str, last: Node) -> bool {
    let g = grammar();
    let mut node = call.node;
    let fun = loop {
        let Some(parent) = file.parent(node).filter(|p| *p != def.node) else {
            return false;
        };
        if parent.kind_id() == g.kinds.anonymous_function {
            break parent;
        }
        node = parent;
    };
    let mapper = file
        .parent(fun)
        .filter(|a| a.kind_id() == g.kinds.arguments)
        .and_then(|a| file.parent(a))
        .filter(|c| c.kind_id() == g.kinds.call)
        .and_then(|c| ast::field(c, g.fields.target))
        .is_some_and(|t| MAPPERS.contains(&file.text(t)));
    let result = ast::named_children(fun)
        .filter(|c| c.kind_id() == g.kinds.stab_clause)
        .filter_map(|c| ast::field(c, g.fields.right))
        .filter_map(|body| ast::statements(body).last())
        .last();
    mapper
        && fun.start_byte() >= last.start_byte()
        && result.is_some_and(|r| !r.byte_range().contains(&call.node.start_byte()) && mentions(file, r, var))
}

/// A module whose callbacks end the process when its work is done: it returns
/// `{:stop, :normal, ...}`.
fn stops_itself(file: &File, module: &crate::model::Module) -> bool {
    let k = &grammar().kinds;
    // From the tuple index: this is asked for every module of the file.
    file.nodes_within(k.tuple, module.node).any(|t| {
        t.named_child(0).and_then(|a| ast::atom_name(a, file.src)) == Some("stop")
            && t.named_child(1).and_then(|a| ast::atom_name(a, file.src)) == Some("normal")
    })
}

/// The clause patterns of the `case` whose subject is `call`.
pub(crate) fn case_patterns<'t>(file: &File<'t>, call: &Call<'t>) -> Vec<Node<'t>> {
    let g = grammar();
    let Some(case) = call
        .parent
        .filter(|p| p.kind_id() == g.kinds.arguments)
        .and_then(|p| file.parent(p))
    else {
        return Vec::new();
    };
    file.calls_named("case")
        .filter(|c| c.node == case && c.arg(0) == Some(call.expr))
        .filter_map(|c| c.do_block)
        .flat_map(ast::named_children)
        .filter(|c| c.kind_id() == g.kinds.stab_clause)
        .filter_map(|c| ast::field(c, g.fields.left))
        .collect()
}

/// The variable bound by an `{:ok, pid}` in `pattern`, with the tuple.
fn ok_var<'t>(file: &File<'t>, pattern: Node<'t>) -> Option<(&'t str, Node<'t>)> {
    let k = &grammar().kinds;
    std::iter::once(pattern).chain(ast::descendants(pattern)).find_map(|t| {
        let mut parts = ast::named_children(t);
        let ok = parts.next().and_then(|a| ast::atom_name(a, file.src)) == Some("ok");
        let var = parts.next().filter(|v| v.kind_id() == k.identifier).map(|v| file.text(v));
        (t.kind_id() == k.tuple && ok && parts.next().is_none())
            .then_some(var)
            .flatten()
            .filter(|v| !v.starts_with('_'))
            .map(|v| (v, t))
    })
}

/// A `start_link` whose pid the starter keeps, in a module with a `handle_info/2`
/// clause (or a gen_statem `:info` clause) for `{:EXIT, pid, reason}`: the process traps exits (matching `:EXIT`
/// means nothing otherwise, even when the trap is set in a `use`d behaviour) and
/// handles the end of each worker it links to, as with a monitor. A worker that must
/// not be restarted (one per request) is managed on purpose.
fn is_linked_worker_of_exit_handler(file: &File, call: &Call, def: &Def) -> bool {
    use crate::rules::otp::trap_exit_unhandled::exit_message_clauses;
    // The pid may be kept where a one-line wrapper of the start is called: `case
    // start_pubsub(opts) do {:ok, pid} -> %{state | pubsub: pid}` (R41 phoenix_pubsub_redis).
    call.name == "start_link"
        && (keeps_pid(file, call, def) || wrapper_call_sites(file, call, def).any(|(c, caller)| keeps_pid(file, c, caller)))
        && file
            .module(&call.ctx)
            .is_some_and(|m| exit_message_clauses(file, m).next().is_some())
}

/// What the project pass needs: the starts whose pid is kept, by module, and the
/// modules that `{:EXIT, pid, _}` clauses hand the pid to.
enum Fact {
    Kept { at: usize, module: String },
    ExitHandledBy { module: String },
    /// A worker of `module` handed back to the caller in the returned data.
    Returned { at: usize, module: String },
    /// A worker of `module` whose message the starting function waits for.
    Awaited { at: usize, module: String },
    /// A module that returns `{:stop, :normal, ...}`.
    StopsItself { module: String },
    /// A `Target.start_link(...)` call of a project-like module, at this start byte.
    CallsStartLink { at: usize, target: String },
    /// `module` defines `start_link` but links nothing: neither its clauses nor the
    /// local helpers they call make a call whose name has `link` in it.
    UnlinkedStartLink { module: String },
    /// A start call (`Task.start_link`, ...) in the public function `module.function`.
    StartIn { at: usize, module: String, function: String },
    /// A child spec names `module.function` as its `start:` (`start: {Mod, :f, args}`).
    NamedAsStart { module: String, function: String },
    /// A call of `module.function`, a function with `link` in its name; `owned` when the
    /// caller keeps the pid in a module that traps exits and takes `{:EXIT, ...}`
    /// messages (a server that owns the helper it links to).
    CallsLinkFunction { module: String, function: String, owned: bool },
    /// The public function `module.function/arity` ends the node (`System.halt/1`, in
    /// its body or a local helper's).
    EndsNode { module: String, function: String, arity: usize },
    /// `Task.start(fn -> ... end)` at this start byte, whose fn calls `module.function/arity`.
    TaskCalls { at: usize, module: String, function: String, arity: usize },
    /// A call of the project function `module.function`, from some module's `init/1`
    /// (`from_init`) or from anywhere else.
    CalledBy { module: String, function: String, from_init: bool },
}

/// A process-free module that keeps the state of a server (`Connection`, used by
/// the server's `Handler`) starts the workers; the server's `{:EXIT, pid, _}` clause
/// passes the pid back to that module to forget the worker. Only the project sees
/// both halves.
fn collect(file: &File, _report: &Report) -> Option<Facts> {
    if file.scope != crate::FileScope::Lib {
        return None;
    }
    let mut facts = Vec::new();
    for call in file.calls_named("start_link") {
        if let (Some(def), Some(module)) = (file.def(&call.ctx), file.module(&call.ctx))
            && !call.dynamic
            && keeps_pid(file, call, def)
        {
            facts.push(Fact::Kept { at: call.node.start_byte(), module: module.name.clone() });
        }
        if let Some(def) = file.def(&call.ctx)
            && !call.dynamic
            && let Some(target) = returned_worker(file, call, def)
        {
            facts.push(Fact::Returned { at: call.node.start_byte(), module: target });
        }
        if let Some(def) = file.def(&call.ctx)
            && !call.dynamic
            && let Some(target) = awaited_worker(file, call, def)
        {
            facts.push(Fact::Awaited { at: call.node.start_byte(), module: target });
        }
    }
    for call in file.calls_named("start_link") {
        if let Some(target) = call.module.as_deref().filter(|m| m.starts_with(|c: char| c.is_ascii_uppercase()))
            && !call.dynamic
            && !crate::runtime::is_runtime_module(target)
        {
            facts.push(Fact::CallsStartLink { at: call.node.start_byte(), target: target.to_string() });
        }
    }
    for call in file.calls.iter().filter(|c| !c.dynamic && !c.capture && c.name.contains("link") && c.name != "start_link") {
        let Some(target) = call.module.as_deref().filter(|m| m.starts_with(|c: char| c.is_ascii_uppercase())) else {
            continue;
        };
        if crate::runtime::is_runtime_module(target) {
            continue;
        }
        let owned = file.def(&call.ctx).zip(file.module(&call.ctx)).is_some_and(|(def, module)| {
            use crate::rules::otp::trap_exit_unhandled::{exit_message_clauses, traps_exits};
            keeps_pid(file, call, def)
                && file.calls_within(module.node).any(|c| traps_exits(file, c))
                && exit_message_clauses(file, module).next().is_some()
        });
        facts.push(Fact::CallsLinkFunction { module: target.to_string(), function: call.name.to_string(), owned });
    }
    // `State.new(opts)` in `Room.init/1`: who calls each project function, once per
    // (function, from init or not) in this file.
    // Sets, not scans: this runs over every call of every lib file.
    let defined: std::collections::HashSet<(&str, Option<crate::model::Id>)> = file.defs.iter().map(|d| (d.name, d.module)).collect();
    let mut callers: std::collections::BTreeSet<(String, &str, bool)> = std::collections::BTreeSet::new();
    for call in file.calls.iter().filter(|c| !c.dynamic && !c.capture) {
        let target = match call.module.as_deref() {
            Some(m) if !m.starts_with(':') && !crate::runtime::is_elixir_module(m) => file.module_at(m, call.node.start_byte()),
            None if call.local && defined.contains(&(call.name, call.ctx.module)) => {
                let Some(module) = file.module(&call.ctx) else {
                    continue;
                };
                module.name.clone()
            }
            _ => continue,
        };
        let from_init = file.def(&call.ctx).is_some_and(|d| d.name == "init" && d.arity == 1);
        callers.insert((target, call.name, from_init));
    }
    facts.extend(callers.into_iter().map(|(module, function, from_init)| Fact::CalledBy { module, function: function.to_string(), from_init }));
    // `start: {Kino.Terminator, :start_task, [parent, fun]}` in one module names a
    // function of another as a child's start: a supervisor calls it (R28 kino).
    for call in file.calls.iter().filter(|c| c.name.starts_with("start") && !c.dynamic && c.module.is_some()) {
        if let (Some(def), Some(module)) = (file.def(&call.ctx), file.module(&call.ctx))
            && def.kind == "def"
            && !STARTERS.contains(&def.name)
        {
            facts.push(Fact::StartIn { at: call.node.start_byte(), module: module.name.clone(), function: def.name.to_string() });
        }
    }
    let k = &grammar().kinds;
    let start_keys = file.nodes_of(k.pair).iter().filter(|pair| {
        ast::field(**pair, grammar().fields.key).is_some_and(|key| ast::keyword_name(key, file.src) == "start")
    });
    for pair in start_keys {
        let Some(mfa) = ast::field(*pair, grammar().fields.value).filter(|v| v.kind_id() == k.tuple) else {
            continue;
        };
        let mut parts = ast::named_children(mfa);
        if let (Some(m), Some(f)) = (parts.next().filter(|m| m.kind_id() == k.alias), parts.next().and_then(|f| ast::atom_name(f, file.src))) {
            facts.push(Fact::NamedAsStart { module: file.module_at(file.text(m), m.start_byte()), function: f.to_string() });
        }
    }
    // `Task.start(fn -> ...; MyApp.Node.reboot() end)` where `reboot/0`, in another
    // file, halts the node: the task is the shutdown (R38 elixir-ls's restart command).
    for def in file.defs.iter().filter(|d| d.kind == "def") {
        if let (Some(body), Some(module)) = (def.body, def.module.and_then(|m| file.modules.get(m as usize)))
            && super::no_raw_spawn::halts_within(file, def.module, body, 1)
        {
            facts.push(Fact::EndsNode { module: module.name.clone(), function: def.name.to_string(), arity: def.arity });
        }
    }
    for call in file.calls_named("start").filter(|c| c.is("Task", "start") && c.arity == 1) {
        let Some(fun) = call.arg(0).filter(|a| a.kind_id() == k.anonymous_function) else {
            continue;
        };
        for inner in file.calls_within(fun).filter(|c| !c.dynamic && !c.capture) {
            if let Some(target) = inner.module.as_deref().filter(|m| m.starts_with(|c: char| c.is_ascii_uppercase()) && !crate::runtime::is_runtime_module(m)) {
                facts.push(Fact::TaskCalls {
                    at: call.node.start_byte(),
                    module: target.to_string(),
                    function: inner.name.to_string(),
                    arity: inner.arity,
                });
            }
        }
    }
    for module in &file.modules {
        if start_link_links_nothing(file, module) {
            facts.push(Fact::UnlinkedStartLink { module: module.name.clone() });
        }
        if stops_itself(file, module) {
            facts.push(Fact::StopsItself { module: module.name.clone() });
        }
        for (clause, message) in crate::rules::otp::trap_exit_unhandled::exit_message_clauses(file, module) {
            facts.extend(
                modules_given_exit_pid(file, clause, message)
                    .into_iter()
                    .map(|module| Fact::ExitHandledBy { module }),
            );
        }
    }
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// `def start_link(project)` that asks a supervisor elsewhere to start the process
/// (`ProjectNode.start(project)`, which calls `DynamicSupervisor.start_child/2`) and
/// returns `{:ok, node, pid}`: no call in its clauses, or in the local functions they
/// call, has `link` in its name, so the caller is linked to nothing.
pub(crate) fn start_link_links_nothing(file: &File, module: &crate::model::Module) -> bool {
    let defs: Vec<&Def> = module.defs.iter().map(|&d| &file.defs[d as usize]).collect();
    let clauses: Vec<&&Def> = defs.iter().filter(|d| d.name == "start_link" && d.kind == "def").collect();
    if clauses.is_empty() {
        return false;
    }
    let links = |node: Node| file.calls_within(node).any(|c| c.name.contains("link") || c.name == "apply" || c.dynamic);
    clauses.iter().all(|clause| {
        !links(clause.node)
            && file.calls_within(clause.node).filter(|c| c.local && c.module.is_none()).all(|c| {
                defs.iter().filter(|d| d.name == c.name && d.arity == c.arity).all(|helper| !links(helper.node))
            })
    })
}

/// The modules whose functions the `{:EXIT, pid, _}` clause calls with that `pid`.
fn modules_given_exit_pid(file: &File, clause: &Def, message: Node) -> Vec<String> {
    let k = &grammar().kinds;
    let Some(pid) = std::iter::once(message)
        .chain(ast::descendants(message))
        .find(|t| t.kind_id() == k.tuple)
        .and_then(|t| t.named_child(1))
        .filter(|v| v.kind_id() == k.identifier)
        .map(|v| file.text(v))
    else {
        return Vec::new();
    };
    file.calls_within(clause.node)
        .filter(|c| !c.dynamic && c.args.iter().any(|a| file.text(*a) == pid))
        .filter_map(|c| c.module.clone())
        .filter(|m| !m.starts_with(':') && !crate::runtime::is_runtime_module(m))
        .collect()
}

fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &Fact)> = each_fact(facts);
    let handled: std::collections::HashSet<&str> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::ExitHandledBy { module } => Some(module.as_str()),
            _ => None,
        })
        .collect();
    let self_stopping: std::collections::HashSet<&str> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::StopsItself { module } => Some(module.as_str()),
            _ => None,
        })
        .collect();
    let unlinked: std::collections::HashSet<&str> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::UnlinkedStartLink { module } => Some(module.as_str()),
            _ => None,
        })
        .collect();
    let named_as_start: std::collections::HashSet<(&str, &str)> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::NamedAsStart { module, function } => Some((module.as_str(), function.as_str())),
            _ => None,
        })
        .collect();
    // `JobRunner.run_link/3`, called only by servers that keep the pid, trap exits and
    // take `{:EXIT, ...}`, in a module that stops itself when its one job is done: a
    // helper its server owns, not a process a supervisor should restart.
    let mut link_callers: std::collections::HashMap<(&str, &str), (bool, bool)> = std::collections::HashMap::new();
    for (_, f) in &all {
        if let Fact::CallsLinkFunction { module, function, owned } = f {
            let entry = link_callers.entry((module.as_str(), function.as_str())).or_default();
            if *owned {
                entry.0 = true;
            } else {
                entry.1 = true;
            }
        }
    }
    let owned_helper = |module: &str, function: &str| {
        self_stopping.contains(module) && link_callers.get(&(module, function)).is_some_and(|&(owned, other)| owned && !other)
    };
    let ends_node: std::collections::HashSet<(&str, &str, usize)> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::EndsNode { module, function, arity } => Some((module.as_str(), function.as_str(), *arity)),
            _ => None,
        })
        .collect();
    // `Fishjam.Room.State.new/2`, called only from `Room.init/1` (R47 fishjam): a start
    // there is the server's own, linked to it and gone with it, as in a private helper
    // of `init/1`.
    let mut calls_of: std::collections::HashMap<(&str, &str), (bool, bool)> = std::collections::HashMap::new();
    for (_, f) in &all {
        if let Fact::CalledBy { module, function, from_init } = f {
            let entry = calls_of.entry((module.as_str(), function.as_str())).or_default();
            if *from_init {
                entry.0 = true;
            } else {
                entry.1 = true;
            }
        }
    }
    let only_from_init = |module: &str, function: &str| calls_of.get(&(module, function)) == Some(&(true, false));
    for (file, f) in &all {
        match f {
            Fact::StartIn { at, module, function } if only_from_init(module, function) => report.retract(*file, *at),
            Fact::TaskCalls { at, module, function, arity } if ends_node.contains(&(module.as_str(), function.as_str(), *arity)) => {
                report.retract(*file, *at)
            }
            Fact::Kept { at, module } if handled.contains(module.as_str()) => report.retract(*file, *at),
            Fact::StartIn { at, module, function } if owned_helper(module, function) => report.retract(*file, *at),
            Fact::StartIn { at, module, function } if named_as_start.contains(&(module.as_str(), function.as_str())) => {
                report.retract(*file, *at)
            }
            // A worker handed to the caller that ends itself when done: the caller's.
            Fact::Returned { at, module } | Fact::Awaited { at, module } if self_stopping.contains(module.as_str()) => {
                report.retract(*file, *at)
            }
            // `RemoteControl.start_link(project)` whose `start_link` only asks a
            // supervisor elsewhere to start the process: the caller gets no link.
            Fact::CallsStartLink { at, target } if unlinked.contains(target.as_str()) => report.retract(*file, *at),
            _ => {}
        }
    }
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let facts = facts.downcast_ref::<Vec<Fact>>()?;
    Some(serde_json::Value::Array(
        facts
            .iter()
            .map(|f| match f {
                Fact::Kept { at, module } => serde_json::json!(["kept", at, module]),
                Fact::ExitHandledBy { module } => serde_json::json!(["exit", module]),
                Fact::Returned { at, module } => serde_json::json!(["returned", at, module]),
                Fact::Awaited { at, module } => serde_json::json!(["awaited", at, module]),
                Fact::StopsItself { module } => serde_json::json!(["stops", module]),
                Fact::CallsStartLink { at, target } => serde_json::json!(["calls", at, target]),
                Fact::UnlinkedStartLink { module } => serde_json::json!(["unlinked", module]),
                Fact::StartIn { at, module, function } => serde_json::json!(["start_in", at, module, function]),
                Fact::CalledBy { module, function, from_init } => serde_json::json!(["called_by", module, function, from_init]),
                Fact::NamedAsStart { module, function } => serde_json::json!(["named_start", module, function]),
                Fact::CallsLinkFunction { module, function, owned } => serde_json::json!(["calls_link", module, function, owned]),
                Fact::EndsNode { module, function, arity } => serde_json::json!(["ends_node", module, function, arity]),
                Fact::TaskCalls { at, module, function, arity } => serde_json::json!(["task_calls", at, module, function, arity]),
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
            "kept" => Fact::Kept { at: f.get(1)?.as_u64()? as usize, module: text(2)? },
            "exit" => Fact::ExitHandledBy { module: text(1)? },
            "returned" => Fact::Returned { at: f.get(1)?.as_u64()? as usize, module: text(2)? },
            "awaited" => Fact::Awaited { at: f.get(1)?.as_u64()? as usize, module: text(2)? },
            "stops" => Fact::StopsItself { module: text(1)? },
            "calls" => Fact::CallsStartLink { at: f.get(1)?.as_u64()? as usize, target: text(2)? },
            "unlinked" => Fact::UnlinkedStartLink { module: text(1)? },
            "start_in" => Fact::StartIn { at: f.get(1)?.as_u64()? as usize, module: text(2)?, function: text(3)? },
            "called_by" => Fact::CalledBy { module: text(1)?, function: text(2)?, from_init: f.get(3)?.as_bool()? },
            "named_start" => Fact::NamedAsStart { module: text(1)?, function: text(2)? },
            "calls_link" => Fact::CallsLinkFunction { module: text(1)?, function: text(2)?, owned: f.get(3)?.as_bool()? },
            "ends_node" => Fact::EndsNode { module: text(1)?, function: text(2)?, arity: f.get(3)?.as_u64()? as usize },
            "task_calls" => Fact::TaskCalls {
                at: f.get(1)?.as_u64()? as usize,
                module: text(2)?,
                function: text(3)?,
                arity: f.get(4)?.as_u64()? as usize,
            },
            _ => return None,
        });
    }
    Some(Box::new(facts))
}

/// A callback of a GenServer (`init/1`, `handle_*`): the call runs in the server's
/// own process, so a task it starts can be tied to that process.
fn in_server_callback(file: &File, call: &Call, def: &Def) -> bool {
    file.module(&call.ctx).is_some_and(|m| m.is_genserver)
        && (def.name == "init" && def.arity == 1 || def.name.starts_with("handle_"))
}
