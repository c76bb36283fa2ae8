//! `test/no-raw-spawn`: Raw spawn in a test. See `no_raw_spawn.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/no-raw-spawn",
    title: "Raw spawn in a test",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_raw_spawn.md"),
    check,
    project: Some(&PROJECT),
};

static PROJECT: ProjectPass = ProjectPass {
    collect,
    conclude,
    encode,
    decode,
    only_retracts: true,
};

/// What the project pass needs: errands on a server that a helper of the test started,
/// and which test-support functions start under the test supervisor.
enum Fact {
    /// A spawned errand (the spawn at this start byte) whose server the test bound
    /// from `helper(...)`, a function the test file does not define (an import).
    OnHelperStart { at: usize, helper: String, arity: usize },
    /// A test-support function that starts with `start_supervised`.
    SupervisedStarter { name: String, arity: usize },
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    let mut facts = Vec::new();
    match file.scope {
        crate::FileScope::Test => {
            for call in file.calls_named_any(&["spawn", "spawn_link"]) {
                if let Some((helper, arity)) = errand_on_helper_start(file, call) {
                    facts.push(Fact::OnHelperStart { at: call.expr.start_byte(), helper: helper.to_string(), arity });
                }
            }
        }
        crate::FileScope::TestSupport => {
            for def in file.defs.iter().filter(|d| d.kind == "def") {
                let supervised = file.calls_within(def.node).any(|c| {
                    matches!(c.name, "start_supervised" | "start_supervised!" | "start_link_supervised!")
                        && (c.module.is_none() || c.in_module("ExUnit.Callbacks"))
                });
                if supervised {
                    facts.push(Fact::SupervisedStarter { name: def.name.to_string(), arity: def.arity });
                }
            }
        }
        _ => {}
    }
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// An errand on a server from a support helper that starts it under the test
/// supervisor (R41 poolex: `pool = opts |> start_pool()`, whose `start_pool/1` calls
/// `ExUnit.Callbacks.start_supervised`) is bounded like one the test started itself.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &Fact)> = each_fact(facts);
    let starters: std::collections::HashSet<(&str, usize)> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::SupervisedStarter { name, arity } => Some((name.as_str(), *arity)),
            Fact::OnHelperStart { .. } => None,
        })
        .collect();
    for (file, f) in &all {
        if let Fact::OnHelperStart { at, helper, arity } = f
            && starters.contains(&(helper.as_str(), *arity))
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
                Fact::OnHelperStart { at, helper, arity } => serde_json::json!(["errand", at, helper, arity]),
                Fact::SupervisedStarter { name, arity } => serde_json::json!(["starter", name, arity]),
            })
            .collect(),
    ))
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let facts = value
        .as_array()?
        .iter()
        .map(|f| {
            let number = |i: usize| f.get(i)?.as_u64().map(|n| n as usize);
            let text = |i: usize| f.get(i)?.as_str().map(str::to_string);
            Some(match f.get(0)?.as_str()? {
                "errand" => Fact::OnHelperStart { at: number(1)?, helper: text(2)?, arity: number(3)? },
                "starter" => Fact::SupervisedStarter { name: text(1)?, arity: number(2)? },
                _ => return None,
            })
        })
        .collect::<Option<Vec<Fact>>>()?;
    Some(Box::new(facts))
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
        if !is_spawn(call) || call.ctx.test.is_none() {
            continue;
        }
        if call.ctx.other_process && !only_in_tasks(file, call) || in_mock_implementation(file, call) {
            continue;
        }
        if is_dead_pid_idiom(file, call)
            || is_cleaned_up(file, call)
            || all_cleaned_up(file, call)
            || is_short_errand(file, call)
            || bounded_mfa_errand(file, call)
            || awaits_linked_exit(file, call)
            || awaits_monitored_end(file, call)
            || holds_nothing(file, call)
            || file.in_fixture_module(&call.ctx)
            || ends_when_fed(file, call)
            || stopped_on_exit(file, call)
            || forwards_once_awaited(file, call)
            || reports_last_awaited(file, call)
            || checked_dead_after(file, call)
            || planned_exit_awaited(file, call)
            // The test waits until the process is gone: it cannot outlive the test,
            // and a process that never ends hangs the test until ExUnit fails it.
            || polls_until_dead(file, call)
            || halts_remote_node(file, call)
        {
            continue;
        }
        if let Some((helper, normal_only)) = awaited_down_in_helper(file, call) {
            // The test waits for the end of what it started. An assertion in an
            // unlinked process is then lost unless the wait requires a normal end.
            let asserts = call.args.first().is_some_and(|f| {
                file.calls_within(*f).any(|c| c.local && (c.name.starts_with("assert") || c.name.starts_with("refute") || c.name == "flunk"))
            });
            if asserts && !normal_only && spawn_kind(file, call) != "spawn_link" {
                let (written, helper) = (call.display(src), helper.display(src));
                report.add(
                    file,
                    &call.ctx,
                    call.expr.byte_range(),
                    format!(
                        "`{written}` runs an assertion in a process that is not linked to the test, and `{helper}` waits for its `:DOWN` whatever the reason: if the assertion fails, the process crashes with a log line but the test still passes; start it with `spawn_link` (a failure then fails the test), require `:normal` as the `:DOWN` reason, or send the result to the test and assert there"
                    ),
                );
            }
            continue;
        }
        let written = call.display(src);
        match bounded_call_errand(file, call) {
            Some(Errand::Quiet) => continue,
            // A linked errand's failed assertion reaches the test.
            Some(Errand::Asserts) if spawn_kind(file, call) == "spawn_link" => continue,
            Some(Errand::Asserts) => {
                report.add(
                    file,
                    &call.ctx,
                    call.expr.byte_range(),
                    format!(
                        "`{written}` runs an assertion in a process that is not linked to the test: if it fails, the process crashes with a log line but the test still passes; make the call in the test, or send the result to the test and assert there"
                    ),
                );
                continue;
            }
            None => {}
        }
        if ends_at_once(file, call) {
            // A pid that is merely some process, dead or alive, or one the test
            // polls until it is dead, makes no race.
            if polls_until_dead(file, call) || !needs_dead_pid(file, call) || only_sent_as_data(file, call) {
                continue;
            }
            // `fake_pid = spawn(fn -> :ok end)`: a dead pid in the making, not a leak.
            report.add(
                file,
                &call.ctx,
                call.expr.byte_range(),
                format!(
                    "`{written}` makes a process that ends at once, but it may still be alive when the test uses its pid; to test a dead pid, monitor it and wait with `assert_receive {{:DOWN, ^ref, :process, ^pid, _}}` before using the pid"
                ),
            );
            continue;
        }
        if let Some(errand) = sleeps_in_one_project_call(file, call) {
            let d = report
                .add_info(
                    file,
                    &call.ctx,
                    call.expr.byte_range(),
                    format!(
                        "`{written}` makes one call of `{errand}` around a fixed sleep, so it ends by itself soon after (a blocker that holds something for a while); if the call can wait longer than the test runs, start it with `start_supervised!({{Task, fn -> ... end}})` so the test's end stops it"
                    ),
                );
            if let Some(fix) = task_fix(file, call) {
                d.fix(fix);
            }
            continue;
        }
        let remote = call.in_module("Node")
            && !call.arg(0).is_some_and(|n| matches!(file.text(n), "node()" | "Node.self()" | "Kernel.node()"));
        if spawns_on_linked_peer(file, call) || (remote && linked_to_test(file, call) && spawns_on_started_peer(file, call)) {
            // The peer stops when the test process exits, and the process with it; a
            // process linked to the test ends with it on any node.
            continue;
        }
        if remote && linked_to_test(file, call) {
            // Linked across nodes: the test's end stops it, and its crash reaches the
            // test; only the wait for its end is missing, as for a local `spawn_link`.
            report.add_info(
                file,
                &call.ctx,
                call.expr.byte_range(),
                format!(
                    "`{written}` starts a process on another node, linked to the test: it gets an exit signal when the test ends and its crash fails the test, but nothing waits for it to stop; `start_supervised!` cannot start it there, so if the next test must not see it, monitor it and wait for its `:DOWN` in `on_exit`"
                ),
            );
            continue;
        }
        if spawns_on_started_peer(file, call) {
            // The test supervisor runs children on this node only: the advice that
            // fits is to end the peers, which ends what runs on them.
            report
                .add_info(
                    file,
                    &call.ctx,
                    call.expr.byte_range(),
                    format!(
                        "`{written}` starts a process on another node, where `start_supervised!` cannot put one; it lives as long as that node, and this file starts peer nodes: stop them when the test ends (`on_exit(fn -> LocalCluster.stop_nodes(nodes) end)` or `:peer.stop/1`) so nothing started on them outlives the test"
                    ),
                );
            continue;
        }
        let message = match spawn_kind(file, call) {
            // The test supervisor starts children on this node only.
            _ if remote => format!(
                "`{written}` starts a process on another node, where `start_supervised!` cannot put one: nothing ends it when the test does, and its crashes go unnoticed; monitor it and wait for its end (`ref = Process.monitor(pid)`, then `assert_receive {{:DOWN, ^ref, :process, _, _}}`), or kill it in `on_exit`"
            ),
            // Inside `Task.async(fn -> ... end)`: linked to the task, which exits
            // `:normal`, and a normal exit does not stop a linked process.
            "spawn_link" if call.ctx.other_process => format!(
                "`{written}` runs inside a task, so the process is linked to that task, not to the test; the task ends normally and a normal exit does not stop linked processes, so this process runs for the rest of the suite; start it in the test (`start_supervised!({{Task, fn -> ... end}}, id: make_ref())`) and pass its pid to the task, or kill it when the test is done"
            ),
            "spawn_link" => format!(
                "`{written}` starts a process that is only linked to the test: when the test ends it gets an exit signal, but nothing waits for it to stop, and its crash kills the test with a bare exit reason; use `start_link_supervised!({{Task, fn -> ... end}})`"
            ),
            "spawn_monitor" => format!(
                "`{written}` starts a process the test does not own, so it can outlive the test and its crashes go unnoticed; use `start_supervised!({{Task, fn -> ... end}})` and monitor its pid"
            ),
            // Its crash is not unnoticed: the test waits for a report that never comes.
            "spawn" if report_awaited_without_bound(file, call) => format!(
                "`{written}` starts a process the test does not own, and the test then waits for its report in a `receive` with no `after`: if the process crashes before it reports, the test hangs until ExUnit's timeout with nothing to say why; take the report with `assert_receive` (which fails at once and shows the mailbox), and start the process with `start_supervised!({{Task, fn -> ... end}})`"
            ),
            _ => format!(
                "`{written}` starts a process the test does not own, so it can outlive the test and its crashes go unnoticed; use `start_supervised!({{Task, fn -> ... end}})`"
            ),
        };
        let d = report.add(file, &call.ctx, call.expr.byte_range(), message);
        // `start_supervised!` works only in the test process, not inside its task.
        if call.ctx.other_process {
            continue;
        }
        if let Some(fix) = task_fix(file, call) {
            d.fix(fix);
        }
    }
}

/// `spawn(fn -> ...; send(parent, os_pid); ... end)` and, later in the test, a
/// `receive` with no `after`: the test's wait for the report is unbounded (R36 exile).
fn report_awaited_without_bound(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let (Some(test), Some(fun)) = (file.test(&call.ctx), call.arg(0).filter(|f| f.kind_id() == k.anonymous_function)) else {
        return false;
    };
    // `parent = self()` in the test, before the spawn: where the report goes.
    let parents: Vec<&str> = file
        .calls_within(test.node)
        .filter(|s| s.is("Kernel", "self") && s.node.start_byte() < call.node.start_byte())
        .filter_map(|s| super::no_sleep::match_left(file, s))
        .filter(|l| l.kind_id() == k.identifier)
        .map(|l| file.text(l))
        .collect();
    let reports = file
        .calls_within(fun)
        .any(|c| c.is("Kernel", "send") && c.arg(0).is_some_and(|to| parents.contains(&file.text(to))));
    reports
        && file
            .calls_within(test.node)
            .filter(|c| c.node.start_byte() > call.node.end_byte())
            .filter(|c| c.name == "receive" && c.local && c.module.is_none() && !has_after(c))
            // The test's own wait, not one inside another process's fn.
            .any(|c| {
                file.parent_of_kind(c.node, k.anonymous_function, 64)
                    .is_none_or(|f| !test.node.byte_range().contains(&f.start_byte()))
            })
}

/// `Node.spawn(node, ...)` onto a node other than this one, in a file that starts
/// peer nodes (`LocalCluster.start_nodes`, `:peer.start_link`, `:slave.start`...):
/// the process runs on a peer the tests made.
fn spawns_on_started_peer(file: &File, call: &Call) -> bool {
    if !call.in_module("Node") {
        return false;
    }
    let local = call
        .arg(0)
        .is_some_and(|n| matches!(file.text(n), "node()" | "Node.self()" | "Kernel.node()"));
    !local
        && file
            .calls_named_any(&["start_nodes", "start_link", "start", "start_peer"])
            .iter()
            .any(|c| match c.module.as_deref() {
                Some("LocalCluster") => true,
                Some(":peer" | ":slave" | ":ct_slave") => c.name != "start_nodes",
                _ => false,
            })
}

/// `Node.spawn(node, ...)` in a test that starts its peer linked to itself:
/// `:peer.start_link/1`, `:slave.start_link`, or LocalCluster (1.x `start_nodes` runs
/// `:slave.start_link` in the caller; 2.x `start_link` is a linked server owning the
/// peers, R37 horde). The peer terminates when the test process does, taking the
/// process along.
fn spawns_on_linked_peer(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    spawns_on_started_peer(file, call)
        && file
            .calls_within(test.node)
            .any(|c| {
                (c.is(":peer", "start_link") || c.is(":slave", "start_link") || c.is_any("LocalCluster", &["start_nodes", "start_link"]))
                    && c.node.end_byte() < call.node.start_byte()
            })
}

/// A `spawn_link` run by the test process itself (not inside a task it started).
fn linked_to_test(file: &File, call: &Call) -> bool {
    spawn_kind(file, call) == "spawn_link" && !call.ctx.other_process
}

/// `Node.spawn(node, System, :halt, [])` (or a `fn` that only halts): the process
/// stops the other node it runs on, to test what happens when that node goes down.
/// It ends with the node, and `start_supervised!` cannot start it there.
fn halts_remote_node(file: &File, call: &Call) -> bool {
    const HALTS: &[&str] = &["System.halt", "System.stop", ":init.stop", ":erlang.halt"];
    if !call.in_module("Node") || call.arg(0).is_some_and(|n| matches!(file.text(n), "node()" | "Node.self()" | "Kernel.node()")) {
        return false;
    }
    let named = |m: Node, f: Node| ast::atom_name(f, file.src).is_some_and(|f| HALTS.contains(&format!("{}.{f}", file.text(m)).as_str()));
    match call.args.as_slice() {
        [_, m, f, _] => named(*m, *f),
        [_, fun] => ast::single_clause_body(*fun).is_some_and(|body| {
            let mut statements = ast::statements(body);
            match (statements.next(), statements.next()) {
                (Some(only), None) => file.calls_within(body).any(|c| c.node == only && HALTS.contains(&format!("{}.{}", c.module.as_deref().unwrap_or(""), c.name).as_str())),
                _ => false,
            }
        }),
        _ => false,
    }
}

/// The spawn forms of Kernel, Process, Node, `:erlang` and `:proc_lib`.
fn is_spawn(call: &Call) -> bool {
    match (call.module.as_deref(), call.name) {
        (Some("Kernel"), "spawn" | "spawn_link" | "spawn_monitor") => {
            matches!(call.arity, 1 | 3)
        }
        (Some("Process"), "spawn") => matches!(call.arity, 2 | 4),
        (Some("Node"), "spawn" | "spawn_link" | "spawn_monitor") => true,
        (Some(":erlang" | ":proc_lib"), _) => true,
        _ => false,
    }
}

/// The spawn the call amounts to: `Process.spawn(fun, [:link, :monitor])` and
/// `:erlang.spawn_opt(fun, [:monitor])` return `{pid, ref}` like `spawn_monitor`, and
/// with `:link` alone they link like `spawn_link`; the option list is the last
/// argument in every arity.
fn spawn_kind<'t>(file: &File<'t>, call: &Call<'t>) -> &'t str {
    let k = &grammar().kinds;
    if !matches!(call.name, "spawn" | "spawn_opt") || call.arity < 2 {
        return call.name;
    }
    let Some(options) = call.arg(call.arity - 1).filter(|o| o.kind_id() == k.list) else {
        return call.name;
    };
    // `:monitor` or `{:monitor, opts}`.
    let names: Vec<&str> = ast::named_children(options)
        .filter_map(|o| {
            let atom = if o.kind_id() == k.tuple { o.named_child(0)? } else { o };
            ast::atom_name(atom, file.src)
        })
        .collect();
    if names.contains(&"monitor") {
        "spawn_monitor"
    } else if names.contains(&"link") {
        "spawn_link"
    } else {
        call.name
    }
}

/// `pid = spawn(fn -> ... end)` only to get a pid that dies: the test then monitors
/// it and waits for `:DOWN` (or keeps the monitor ref).
fn is_dead_pid_idiom(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let Some(left) = super::no_sleep::match_left(file, call) else {
        return false;
    };
    let after = |c: &&Call| c.node.start_byte() > call.node.end_byte();
    // `spawn_monitor` followed by a wait for `:DOWN` is `awaits_monitored_end`.
    if left.kind_id() != k.identifier {
        return false;
    }
    let pid = file.text(left);
    file.calls_within(test.node)
        .filter(after)
        .filter(|c| {
            let target = if c.is("Process", "monitor") {
                c.arg(0)
            } else if c.is(":erlang", "monitor") {
                c.arg(1)
            } else {
                None
            };
            target.is_some_and(|t| file.text(t) == pid)
        })
        .any(|monitor| {
            super::no_sleep::match_left(file, monitor).is_some_and(|l| l.kind_id() == k.identifier)
                || waits_for_down(file, test.node)
        })
}

/// The spawn sits in a fn given to a mock's `expect`/`stub` (Mox, Hammox, Mimic): the
/// mock's stand-in code, which runs in whatever process calls the mock (the code
/// under test, which owns what it starts), not a process the test starts.
fn in_mock_implementation(file: &File, call: &Call) -> bool {
    file.fns
        .iter()
        .filter(|f| f.node.start_byte() <= call.node.start_byte() && call.node.end_byte() <= f.node.end_byte())
        .filter_map(|f| f.called_by.map(|id| file.call(id)))
        .any(|c| {
            matches!(c.name, "expect" | "stub")
                && (c.local || matches!(c.module.as_deref(), Some("Mox" | "Hammox" | "Mimic")))
        })
}

/// The spawn sits in functions that run in other processes, and every one of them
/// is a task the test starts (`Task.async(fn -> spawn(...) end)`): the task is the
/// test's, the process it spawns is nobody's. Inside a spawned or unknown process the
/// outer spawn is the one to report.
fn only_in_tasks(file: &File, call: &Call) -> bool {
    let mut enclosing = file
        .fns
        .iter()
        .filter(|f| f.runner == Runner::OtherProcess)
        .filter(|f| {
            f.node.start_byte() <= call.node.start_byte() && call.node.end_byte() <= f.node.end_byte()
        })
        .peekable();
    enclosing.peek().is_some()
        && enclosing.all(|f| {
            f.called_by
                .map(|id| file.call(id))
                .is_some_and(|runner| matches!(runner.module.as_deref(), Some("Task" | "Task.Supervisor")))
        })
}

/// A stand-in process the test ends itself: its pid (`pid = spawn(...)`,
/// `{pid, ref} = spawn_monitor(...)`) is later given to `Process.exit/2`, at once or
/// in an `on_exit` callback.
fn is_cleaned_up(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let Some(left) = super::no_sleep::match_left(file, call) else {
        return false;
    };
    let pid = if left.kind_id() == k.identifier {
        left
    } else if left.kind_id() == k.tuple && spawn_kind(file, call) == "spawn_monitor" {
        match left.named_child(0) {
            Some(p) if p.kind_id() == k.identifier => p,
            _ => return false,
        }
    } else {
        return false;
    };
    let pid = file.text(pid);
    file.calls_within(test.node)
        .filter(|c| c.node.start_byte() > call.node.end_byte())
        .any(|c| {
            (c.is("Process", "exit") || c.is(":erlang", "exit") || c.is("Kernel", "exit") && c.arity == 2)
                && c.arg(0).is_some_and(|a| file.text(a) == pid)
        })
}

/// `pids = for i <- 1..n do spawn(fn -> ... end) end` and later
/// `Enum.each(pids, &Process.exit(&1, :kill))` (or `for pid <- pids, do:
/// Process.exit(pid, :kill)`): the stand-ins a `for` started, each ended by the test.
fn all_cleaned_up(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    // The spawn is the last statement of the `for`'s block: the list holds its pids.
    let Some(block) = call.parent.filter(|p| p.kind_id() == k.do_block && ast::statements(*p).last() == Some(call.expr)) else {
        return false;
    };
    let Some(comprehension) = file.calls_within(test.node).find(|c| c.name == "for" && c.do_block == Some(block)) else {
        return false;
    };
    let Some(list) = super::no_sleep::match_left(file, comprehension).filter(|l| l.kind_id() == k.identifier) else {
        return false;
    };
    let list = file.text(list);
    let kills = |c: &Call| file.calls_within(c.node).any(|e| e.is("Process", "exit") || e.is(":erlang", "exit"));
    file.calls_within(test.node)
        .filter(|c| c.node.start_byte() > comprehension.node.end_byte())
        .any(|c| {
            let over_list = if c.is("Enum", "each") {
                c.arg(0).is_some_and(|a| file.text(a) == list)
            } else if c.name == "for" && c.local {
                c.args.iter().any(|g| {
                    g.kind_id() == k.binary_operator
                        && ast::field(*g, grammar().fields.right).is_some_and(|r| file.text(r) == list)
                })
            } else {
                false
            };
            over_list && kills(c)
        })
}

/// `pid = spawn(fn -> loop(test) end)` (or `spawn(&Helper.loop/0)`) whose loop, a
/// function of this file, has a `receive` clause for a literal message (`:stop ->
/// :ok`) that returns without looping again, and an `on_exit` of the same test or
/// setup that sends that message to the pid: the test's own cleanup ends it, as an
/// `on_exit` kill would. Everything else the loop does must return (see
/// `may_block`), so the stop message is always received.
fn stopped_on_exit(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    if !matches!(call.name, "spawn" | "spawn_link") || call.capture || call.arity != 1 {
        return false;
    }
    let (Some(test), Some(pid), Some(arg)) = (file.test(&call.ctx), bound_pid(file, call), call.arg(0)) else {
        return false;
    };
    // The loop: the captured function, or the only call of `fn -> loop(args) end`.
    let target = if arg.kind_id() == k.anonymous_function {
        let inner: Vec<&Call> = file.calls_within(arg).collect();
        match inner.as_slice() {
            [only] if !only.capture => Some((only.name, only.arity)),
            _ => None,
        }
    } else {
        file.calls.iter().find(|c| c.capture && c.node == arg).map(|c| (c.name, c.arity))
    };
    let Some((name, arity)) = target else {
        return false;
    };
    let defs: Vec<&Def> = file.defs.iter().filter(|d| d.name == name && d.arity == arity).collect();
    let [def] = defs.as_slice() else {
        return false;
    };
    let looping = |n: Node| {
        file.calls_within(n)
            .any(|c| c.name == def.name && c.arity == def.arity && c.module.is_none() && c.local)
    };
    let mut stops: Vec<&str> = Vec::new();
    for c in file.calls_within(def.node) {
        if c.name == "receive" && c.local && c.module.is_none() {
            let Some(block) = c.do_block else {
                return false;
            };
            for clause in ast::named_children(block).filter(|n| n.kind_id() == k.stab_clause) {
                let pattern = ast::field(clause, grammar().fields.left).and_then(|a| a.named_child(0));
                let body = ast::field(clause, grammar().fields.right);
                if let (Some(p), Some(b)) = (pattern, body)
                    && [k.atom, k.quoted_atom].contains(&p.kind_id())
                    && !looping(b)
                {
                    stops.push(file.text(p));
                }
            }
        } else if !(c.name == def.name && c.arity == def.arity && c.module.is_none()) && may_block(file, c) {
            return false;
        }
    }
    !stops.is_empty()
        && file
            .calls_within(test.node)
            .filter(|c| c.name == "on_exit" && c.node.start_byte() > call.node.end_byte())
            .any(|on_exit| {
                file.calls_within(on_exit.node).any(|c| {
                    c.is("Kernel", "send")
                        && c.arg(0).is_some_and(|a| file.text(a) == pid)
                        && c.arg(1).is_some_and(|m| stops.contains(&file.text(m)))
                })
            })
}

/// `sink = spawn(fn -> receive do m -> send(parent, {:got, m}) end end)` and later
/// `assert_receive {:got, ...}`: a one-shot forwarder. It waits for one message, sends
/// it on and ends; the test's `assert_receive` of the forwarded shape passing proves
/// it has ended, and a `send` cannot crash.
fn forwards_once_awaited(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    if !matches!(call.name, "spawn" | "spawn_link") || call.capture || call.arity != 1 {
        return false;
    }
    let (Some(test), Some(fun)) = (file.test(&call.ctx), call.arg(0).filter(|f| f.kind_id() == k.anonymous_function))
    else {
        return false;
    };
    fn only_statement(n: Node) -> Option<Node> {
        let k = &grammar().kinds;
        let statements: Vec<Node> = ast::statements(n).filter(|s| s.kind_id() != k.comment).collect();
        match statements.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
    fn clause_body(n: Node) -> Option<Node> {
        let k = &grammar().kinds;
        let clauses: Vec<Node> = ast::named_children(n).filter(|c| c.kind_id() == k.stab_clause).collect();
        match clauses.as_slice() {
            [one] => ast::field(*one, grammar().fields.right),
            _ => None,
        }
    }
    let Some(receive) = clause_body(fun)
        .and_then(only_statement)
        .and_then(|s| file.calls_within(s).find(|c| c.node == s))
        .filter(|c| c.name == "receive" && c.local && c.module.is_none() && !has_after(c))
    else {
        return false;
    };
    if answers_asker(file, test.node, call, receive) {
        return true;
    }
    let Some(send) = receive
        .do_block
        .and_then(clause_body)
        .and_then(only_statement)
        .and_then(|s| file.calls_within(s).find(|c| c.node == s))
        .filter(|c| c.is("Kernel", "send"))
    else {
        return false;
    };
    let to_parent = send.arg(0).is_some_and(|to| to.kind_id() == k.identifier);
    let tag = |t: Node| {
        (t.kind_id() == k.tuple)
            .then(|| t.named_child(0))
            .flatten()
            .filter(|a| a.kind_id() == k.atom)
            .map(|a| file.text(a))
    };
    let Some(sent_tag) = send.arg(1).and_then(tag) else {
        return false;
    };
    to_parent
        && file
            .calls_within(test.node)
            .filter(|c| c.node.start_byte() > call.node.end_byte())
            .any(|c| c.local && c.name == "assert_receive" && c.arg(0).and_then(tag) == Some(sent_tag))
}

/// `responder = spawn(fn -> receive do {:request, x, from} -> send(from, reply) end end)`
/// and later `Client.ask(responder, ...)` in the test: a one-shot responder that answers
/// whoever asks, handed to the code under test. A send cannot crash, and once asked it
/// has ended; a responder nobody is handed to is still reported (R19 grpc row 36). The
/// clause may report to the test as well as answer (R20 firezone rows 73-75).
fn answers_asker(file: &File, test: Node, spawn: &Call, receive: &Call) -> bool {
    let k = &grammar().kinds;
    let clauses: Vec<Node> = receive
        .do_block
        .map(|b| ast::named_children(b).filter(|c| c.kind_id() == k.stab_clause).collect())
        .unwrap_or_default();
    let [clause] = clauses.as_slice() else {
        return false;
    };
    let (Some(pattern), Some(body)) = (ast::field(*clause, grammar().fields.left), ast::field(*clause, grammar().fields.right)) else {
        return false;
    };
    // Only sends: a report to the test and the answer, in either order.
    let sends: Option<Vec<&Call>> = ast::statements(body)
        .filter(|s| s.kind_id() != k.comment)
        .map(|s| file.calls_within(s).find(|c| c.node == s && c.is("Kernel", "send")))
        .collect();
    let bound_by_pattern =
        |to: &str| ast::descendants(pattern).any(|n| n.kind_id() == k.identifier && file.text(n) == to);
    let answers = sends.is_some_and(|sends| {
        sends.iter().any(|send| {
            send.arg(0).is_some_and(|to| to.kind_id() == k.identifier && bound_by_pattern(file.text(to)))
        })
    });
    let Some(pid) = bound_pid(file, spawn) else {
        return false;
    };
    answers
        && file
            .calls_within(test)
            .filter(|c| c.node.start_byte() > spawn.node.end_byte())
            // Handed to the code under test, or to a helper of this file, not checked
            // (`is_pid/1`) or fed (`send/2`).
            .filter(|c| match c.module.as_deref() {
                Some(m) => !matches!(m, "Kernel" | "Process"),
                None => c.local && file.defs.iter().any(|d| d.name == c.name),
            })
            .any(|c| c.args.iter().any(|a| a.kind_id() == k.identifier && file.text(*a) == pid))
}

/// `spawn_link(fn -> ...; send(parent, {:picks, picks}) end)`, often in a `for`, and
/// later a `receive` (or `assert_receive`) of `{:picks, _}` in the test: the report is
/// the worker's last act, so a test that got it has outlived the worker, and one that
/// never gets it hangs or fails instead of passing. Fan-out and collect. An unlinked
/// worker's report awaited by a bare `receive` is not enough: its crash would hang the
/// test until ExUnit's timeout, with nothing to say why.
fn reports_last_awaited(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    if !matches!(call.name, "spawn" | "spawn_link") || call.capture || call.arity != 1 {
        return false;
    }
    let (Some(test), Some(fun)) = (file.test(&call.ctx), call.arg(0).filter(|f| f.kind_id() == k.anonymous_function))
    else {
        return false;
    };
    let Some(mut last) = ast::single_clause_body(fun).and_then(|b| ast::statements(b).last()) else {
        return false;
    };
    // `spawn(fn -> consumer(top, me) end)`: the last statement of the local function
    // the fn ends by calling, when the file defines it in one clause.
    if let Some(helper) = file.calls_within(last).find(|c| c.node == last && c.local && c.module.is_none()) {
        let mut clauses = file
            .defs_of(call.ctx.module)
            .filter(|d| d.name == helper.name && d.arity == helper.arity && d.kind.starts_with("def"));
        if let (Some(def), None) = (clauses.next(), clauses.next())
            && let Some(end) = def.body.and_then(|b| if b.kind_id() == k.do_block { ast::statements(b).last() } else { Some(b) })
        {
            last = end;
        }
    }
    let report_at = |node: Node| {
        file.calls_within(node)
            .find(|c| c.node == node && c.is("Kernel", "send") && c.arg(0).is_some_and(|to| to.kind_id() == k.identifier))
    };
    // `receive do {:finished, job} -> send(test_pid, {:one, job.id}) end` as the last
    // statement, with no `after` (R43 toniq): each clause ends with its report.
    let receive = file.calls_within(last).find(|c| c.node == last && c.name == "receive" && c.local && c.module.is_none());
    let reports: Vec<&Call> = match receive {
        Some(receive) => {
            let Some(block) = receive.do_block else {
                return false;
            };
            if ast::named_children(block).chain(ast::named_children(receive.node)).any(|c| c.kind_id() == k.after_block) {
                return false;
            }
            let ends: Option<Vec<&Call>> = ast::named_children(block)
                .filter(|c| c.kind_id() == k.stab_clause)
                .map(|clause| ast::field(clause, grammar().fields.right).and_then(|b| ast::statements(b).last()).and_then(report_at))
                .collect();
            match ends {
                Some(ends) if !ends.is_empty() => ends,
                _ => return false,
            }
        }
        None => match report_at(last) {
            Some(report) => vec![report],
            None => return false,
        },
    };
    reports.into_iter().all(|report| report_awaited(file, call, test, report))
}

/// Does the test, after `call`'s spawn, wait for `report`: an `assert_receive` of its
/// tag, or (for a linked process) a `receive` that takes it?
fn report_awaited(file: &File, call: &Call, test: &Test, report: &Call) -> bool {
    let k = &grammar().kinds;
    let tag_of = |t: Node| -> Option<&str> {
        let first = if t.kind_id() == k.tuple { t.named_child(0)? } else { t };
        (first.kind_id() == k.atom).then(|| file.text(first))
    };
    // An untagged report (`send(parent, os_pid)`) is taken by a catch-all pattern:
    // `receive do os_pid -> os_pid end`, the test's first message.
    let tag = report.arg(1).and_then(tag_of);
    let takes = |pattern: Node| match tag {
        Some(tag) => std::iter::once(pattern)
            .chain(ast::descendants(pattern))
            .any(|t| t.kind_id() == k.tuple && tag_of(t) == Some(tag)),
        None => pattern.kind_id() == k.identifier,
    };
    let after = |c: &&Call| c.node.start_byte() > call.node.end_byte();
    file.calls_within(test.node).filter(after).any(|c| {
        if c.local && matches!(c.name, "assert_receive" | "assert_received") {
            return match tag {
                Some(tag) => c.arg(0).and_then(tag_of) == Some(tag),
                None => c.arg(0).is_some_and(takes),
            };
        }
        spawn_kind(file, call) == "spawn_link"
            && c.name == "receive"
            && c.local
            && c.module.is_none()
            && c.do_block.is_some_and(|block| {
                ast::named_children(block)
                    .filter(|n| n.kind_id() == k.stab_clause)
                    .filter_map(|n| ast::clause_pattern(n, file.src))
                    .any(takes)
            })
    })
}

/// The pid bound by `pid = spawn(...)`, as written.
fn bound_pid<'t>(file: &File<'t>, call: &Call<'t>) -> Option<&'t str> {
    let left = super::no_sleep::match_left(file, call)?;
    (left.kind_id() == grammar().kinds.identifier).then(|| file.text(left))
}

/// `eventually(fn -> not Process.alive?(pid) end)`: after the spawn the test waits in
/// a polling function until the process is gone.
fn polls_until_dead(file: &File, call: &Call) -> bool {
    let (Some(test), Some(pid)) = (file.test(&call.ctx), bound_pid(file, call)) else {
        return false;
    };
    file.calls_within(test.node)
        .filter(|c| c.node.start_byte() > call.node.end_byte())
        .any(|c| {
            c.is("Process", "alive?") && c.ctx.func.is_some() && c.arg(0).is_some_and(|a| file.text(a) == pid)
                || c.local && c.args.iter().any(|a| file.text(*a) == pid) && waits_until_dead(file, c.name, c.arity)
        })
}

/// `pid = spawn(...)`, then `await_termination(pid)`: a function of the file that
/// monitors the pid and waits for its `:DOWN`. Returns that call, and whether the
/// wait requires the reason `:normal`.
fn awaited_down_in_helper<'a, 't>(file: &'a File<'t>, call: &Call<'t>) -> Option<(&'a Call<'t>, bool)> {
    let (test, pid) = (file.test(&call.ctx)?, bound_pid(file, call)?);
    file.calls_within(test.node)
        .filter(|c| c.node.start_byte() > call.node.end_byte() && c.local)
        .find_map(|c| {
            let index = c.args.iter().position(|a| file.text(*a) == pid)?;
            monitors_until_down(file, c, index).map(|normal| (c, normal))
        })
}

/// `defp await_termination(pid) do ref = Process.monitor(pid); assert_receive {:DOWN,
/// ^ref, ...} end`: a function of the file that monitors the pid it is given (at
/// `index`) and then waits for the `:DOWN`. `Some(true)` when the wait requires the
/// reason `:normal`.
fn monitors_until_down(file: &File, call: &Call, index: usize) -> Option<bool> {
    let k = &grammar().kinds;
    file.defs_named(call.name).filter(|d| d.arity == call.arity).find_map(|d| {
        let param = d.params.get(index).filter(|p| p.kind_id() == k.identifier).map(|p| file.text(*p))?;
        let monitor = file
            .calls_within(d.node)
            .find(|c| c.is("Process", "monitor") && c.arg(0).is_some_and(|a| file.text(a) == param))?;
        file.nodes_within(k.tuple, d.node)
            .find(|t| {
                t.start_byte() > monitor.node.end_byte()
                    && t.named_child(0).is_some_and(|a| ast::atom_name(a, file.src) == Some("DOWN"))
                    && file.parent_of_kind(*t, k.call, 4).is_some_and(|w| {
                        matches!(ast::local_call_name(w, file.src), Some("assert_receive" | "assert_received" | "receive"))
                    })
            })
            .map(|down| down.named_child(4).is_some_and(|r| file.text(r) == ":normal"))
    })
}

/// `defp wait_for_exit(pid) do :timer.sleep(1); if Process.alive?(pid), do:
/// wait_for_exit(pid) end`: a function of the file that checks a pid it was given
/// and calls itself again while it lives.
fn waits_until_dead(file: &File, name: &str, arity: usize) -> bool {
    file.defs.iter().filter(|d| d.name == name && d.arity == arity).any(|d| {
        let within: Vec<&Call> = file.calls_within(d.node).collect();
        within.iter().any(|c| {
            c.is("Process", "alive?")
                && c.arg(0).is_some_and(|a| d.params.iter().any(|p| file.text(*p) == file.text(a)))
        }) && within.iter().any(|c| c.local && c.name == name && c.arity == arity)
    })
}

/// `caller = spawn(fn -> ... end)`, then `refute Process.alive?(caller)` in the test
/// itself: the process's end is what the test checks, so a passing test leaves
/// nothing running.
fn checked_dead_after(file: &File, call: &Call) -> bool {
    let (Some(test), Some(pid)) = (file.test(&call.ctx), bound_pid(file, call)) else {
        return false;
    };
    file.calls_within(test.node)
        .filter(|c| c.node.start_byte() > call.node.end_byte() && c.local && c.ctx.func.is_none())
        .any(|c| {
            let Some(claim) = c.arg(0) else {
                return false;
            };
            // `Process.alive?(pid)` as resolved: `Elixir.Process.alive?` where the
            // module aliases another `Process`.
            let Some(alive) = file
                .calls_within(claim)
                .find(|a| a.is("Process", "alive?") && a.arg(0).is_some_and(|p| file.text(p) == pid))
                .map(|a| file.text(a.node))
            else {
                return false;
            };
            let claim = file.text(claim);
            let dead_forms = [format!("{alive} == false"), format!("not {alive}"), format!("!{alive}")];
            (c.name == "refute" && claim == alive) || (c.name == "assert" && dead_forms.iter().any(|f| f == claim))
        })
}

/// `spawn(fn -> ... exit(:cancel) ... end)`, then `assert_receive` in the test: the
/// process is there to end on purpose (an `exit` or `raise` in its function) and the
/// test waits for what that end sets off (a telemetry event, a message). Its death is
/// the event under test. A function that can block without bound (a `receive` with no
/// `after`, an `:infinity`) stays reported.
fn planned_exit_awaited(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let Some(fun) = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function) else {
        return false;
    };
    if spawn_kind(file, call) != "spawn" || call.module.as_deref().is_some_and(|m| m != "Kernel" && m != "Process") {
        return false;
    }
    let inside: Vec<&Call> = file.calls_within(fun).collect();
    let ends_on_purpose = inside
        .iter()
        .any(|c| c.local && matches!(c.module.as_deref(), None | Some("Kernel")) && matches!(c.name, "exit" | "raise") && c.arity >= 1);
    let may_hang = file.text(fun).contains(":infinity")
        || inside
            .iter()
            .any(|c| c.name == "receive" && c.local && c.module.is_none() && !has_after(c));
    ends_on_purpose
        && !may_hang
        && file
            .calls_within(test.node)
            .any(|c| c.node.start_byte() > call.node.end_byte() && c.local && c.name == "assert_receive")
}

/// Does the test look at what happens with a dead process: an exit it catches, a
/// `:noproc`, an error or a liveness check? Without one the pid is only a stand-in
/// (a sender, a process without a label) that serves dead or alive.
fn needs_dead_pid(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return true;
    };
    let body = file.text(test.node);
    ["catch_exit", "assert_raise", "noproc", "alive?", ":EXIT", ":DOWN", "exit"]
        .iter()
        .any(|w| body.contains(w))
        || body.match_indices(":error").any(|(at, _)| error_about_processes(&body[at + ":error".len()..]))
}

/// After `:error`: does the error concern a process? `{:error, :unknown_path}` is
/// about another argument, so the pid passed beside it only fills a guard
/// (`is_pid/1`); a bare `:error`, or a reason that is no atom, may be the dead pid.
fn error_about_processes(rest: &str) -> bool {
    let Some(reason) = rest.trim_start().strip_prefix(',').map(str::trim_start).and_then(|r| r.strip_prefix(':')) else {
        return true;
    };
    let atom: String = reason.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    atom.is_empty() || ["proc", "alive", "dead", "down", "exit", "pid", "closed", "timeout"].iter().any(|w| atom.contains(w))
}

/// `other = spawn(fn -> :ok end)` and then `send(conn, {:EXIT, other, :boom})`: the pid
/// is only ever data inside messages the test sends, an identity the receiver compares
/// with the pids it knows. Whether that process is still alive changes nothing.
fn only_sent_as_data(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let (Some(test), Some(pid)) = (file.test(&call.ctx), bound_pid(file, call)) else {
        return false;
    };
    let payloads: Vec<std::ops::Range<usize>> = file
        .calls_within(test.node)
        .filter(|c| c.is("Kernel", "send"))
        .filter_map(|c| c.arg(1))
        .map(|m| m.byte_range())
        .collect();
    let mut uses = ast::descendants(test.node)
        .filter(|n| n.kind_id() == k.identifier && n.start_byte() > call.node.end_byte() && file.text(*n) == pid)
        .peekable();
    uses.peek().is_some()
        && uses.all(|n| payloads.iter().any(|m| m.contains(&n.start_byte())))
}

/// `Process.flag(:trap_exit, true)` somewhere in the test.
fn traps_exits(file: &File, test: Node) -> bool {
    file.calls_within(test)
        .any(|c| c.is("Process", "flag") && c.arg(0).and_then(|a| ast::atom_name(a, file.src)) == Some("trap_exit"))
}

/// `pid = spawn_link(...)` in a test that traps exits and waits for
/// `{:EXIT, ^pid, reason}`: the link twin of monitoring and waiting for `:DOWN`.
fn awaits_linked_exit(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let traps = traps_exits(file, test.node);
    spawn_kind(file, call) == "spawn_link"
        && traps
        && ast::descendants(test.node).any(|n| {
            n.kind_id() == k.tuple
                && n.start_byte() > call.node.end_byte()
                && n.named_child(0)
                    .is_some_and(|a| ast::atom_name(a, file.src) == Some("EXIT"))
        })
}

/// `for _ <- 1..n, do: spawn_monitor(fn -> ... end) |> elem(1)`, the refs handed to
/// a helper of the file that waits for each `:DOWN`: however the ref is taken, a test
/// that waits for `:DOWN` after `spawn_monitor` waits for the end of what it started.
/// And `pid = spawn_link(...)` in a test that traps exits and then calls that pid
/// with the exit caught (`try do :gen_server.call(pid, :hi) catch :exit, r -> r end`):
/// the call monitors the pid and returns once it is dead.
fn awaits_monitored_end(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    if spawn_kind(file, call) == "spawn_monitor" {
        return waits_for_down(file, test.node);
    }
    let Some(pid) = bound_pid(file, call) else {
        return false;
    };
    let traps = traps_exits(file, test.node);
    spawn_kind(file, call) == "spawn_link"
        && traps
        && file
            .calls_within(test.node)
            .filter(|c| c.node.start_byte() > call.node.end_byte())
            .filter(|c| c.name == "call" && matches!(c.module.as_deref(), Some("GenServer" | ":gen_server" | ":gen_statem" | ":gen")))
            .filter(|c| c.arg(0).is_some_and(|a| file.text(a) == pid))
            .any(|c| exit_is_caught(file, c))
}

/// Is the call inside a `try` with a `catch`, or inside `catch_exit(...)`?
fn exit_is_caught(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let in_catch_exit = file
        .calls
        .iter()
        .filter(|c| c.name == "catch_exit")
        .any(|c| c.node.byte_range().contains(&call.node.start_byte()));
    let in_try = file.parent_of_kind(call.node, k.do_block, 64).is_some_and(|block| {
        file.parent(block).is_some_and(|t| file.text(t).starts_with("try"))
            && ast::named_children(block).any(|c| c.kind_id() == k.catch_block)
    });
    in_catch_exit || in_try
}

/// `pid = spawn_link(fn -> receive(do: (_ -> :ok)) end)`: a linked process that only
/// waits for messages (or sleeps), sends and computes, itself and in the functions of
/// the file it runs. It holds no name, table, port or file, and the link ends it with
/// the test: nothing of it can be seen by the next test.
fn holds_nothing(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    // Inside a task (`Task.async(fn -> spawn_link(...) end)`) the link is to the task,
    // whose normal exit does not stop it: it outlives the test.
    if call.name != "spawn_link" || call.capture || call.ctx.other_process {
        return false;
    }
    // `spawn_link(Forwarder, :loop, [self()])`: a function of a module of this file.
    if call.arity == 3 {
        let (Some(module), Some(fun), Some(args)) = (call.arg(0), call.arg(1), call.arg(2)) else {
            return false;
        };
        let (Some(name), true) = (ast::atom_name(fun, file.src), args.kind_id() == k.list) else {
            return false;
        };
        let module = file.module_at(file.text(module), module.start_byte());
        let arity = args.named_child_count();
        let bodies: Vec<Node> = file
            .defs
            .iter()
            .filter(|d| {
                d.name == name && d.arity == arity && d.module.and_then(|m| file.modules.get(m as usize)).is_some_and(|m| m.name == module)
            })
            .map(|d| d.body.unwrap_or(d.head))
            .collect();
        let mut seen = vec![name];
        return !bodies.is_empty() && bodies.into_iter().all(|b| only_messages(file, b, &mut seen));
    }
    if call.arity != 1 {
        return false;
    }
    let Some(fun) = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function) else {
        return false;
    };
    only_messages(file, fun, &mut Vec::new())
}

/// `Process.register(self(), name)` where the name is unique to the test: built from
/// `System.unique_integer/1`, `make_ref/0` or the test's name, in place or in a
/// variable bound from one. No other test can know it.
fn registers_unique_name(file: &File, c: &Call) -> bool {
    let k = &grammar().kinds;
    let unique = |text: &str| ["unique_integer", "make_ref", ".test", "test:"].iter().any(|m| text.contains(m));
    let (Some(who), Some(name)) = (c.arg(0), c.arg(1)) else {
        return false;
    };
    if !ast::is_self_call(who, file.src) {
        return false;
    }
    if unique(file.text(name)) {
        return true;
    }
    if name.kind_id() != k.identifier {
        return false;
    }
    let var = file.text(name);
    let Some(scope) = file.test(&c.ctx).map(|t| t.node) else {
        return false;
    };
    file.nodes_within(k.binary_operator, scope)
        .filter(|n| n.end_byte() <= c.node.start_byte() && ast::is_binary_op(*n, file.src, "="))
        .filter(|n| ast::field(*n, grammar().fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == var))
        .last()
        .and_then(|n| ast::field(n, grammar().fields.right))
        .is_some_and(|v| unique(file.text(v)))
}

/// `seen`: the functions of the file already being looked at (a receive loop calls
/// itself).
fn only_messages<'s>(file: &File<'s>, node: Node, seen: &mut Vec<&'s str>) -> bool {
    const PURE: &[&str] = &[
        "Access", "Atom", "Enum", "Integer", "Keyword", "List", "Map", "MapSet", "Stream",
        "String", "Tuple",
    ];
    const KERNEL_EFFECTS: &[&str] = &[
        "spawn", "spawn_link", "spawn_monitor", "apply", "raise", "reraise", "throw", "exit",
    ];
    let calls: Vec<&Call<'s>> = file.calls_within(node).collect();
    calls.into_iter().all(|c| match c.module.as_deref() {
        _ if c.name == "receive" && c.local => true,
        // Control flow and the process's own pid, written without `Kernel.`.
        None if c.local && matches!(c.name, "if" | "unless" | "case" | "cond" | "with" | "for" | "self") => true,
        _ if c.dynamic => true,
        Some("Kernel") => c.name == "send" || !KERNEL_EFFECTS.contains(&c.name),
        // A sleeper (`Process.sleep(:infinity)`) is the usual stand-in pid: it waits too.
        // Its own dictionary and label die with it; a name unique to the test is seen
        // by no other test.
        Some("Process") if c.name == "register" => registers_unique_name(file, c),
        Some("Process") => matches!(c.name, "sleep" | "put" | "get" | "delete" | "set_label"),
        Some(":timer") => c.name == "sleep",
        Some(m) => PURE.contains(&m),
        None if seen.contains(&c.name) => true,
        None => {
            let defs: Vec<Node> = file
                .defs
                .iter()
                .filter(|d| d.name == c.name)
                .map(|d| d.body.unwrap_or(d.head))
                .collect();
            seen.push(c.name);
            (c.local || c.capture) && !defs.is_empty() && seen.len() < 8 && defs.into_iter().all(|d| only_messages(file, d, seen))
        }
    })
}

/// `owner = spawn(fn -> :ok = Lease.acquire(l); send(test, :acquired) end)`: a stand-in
/// that runs a few steps and ends by reporting back (or after a short
/// `Process.sleep(50)`, or runs only library code), so its exit, which the test is
/// usually about, comes on its own. It never waits without a bound.
fn is_short_errand(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    // A linked errand's crash reaches the test, which is what a test wants.
    if !matches!(call.name, "spawn" | "spawn_link") || call.capture || call.arity != 1 {
        return false;
    }
    let Some(fun) = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function) else {
        return false;
    };
    let Some(body) = ast::named_children(fun)
        .find(|c| c.kind_id() == k.stab_clause)
        .and_then(|clause| ast::field(clause, grammar().fields.right))
    else {
        return false;
    };
    let Some(last) = ast::statements(body).filter(|s| s.kind_id() != k.comment).last() else {
        return false;
    };
    // Only waits without a bound: `assert_receive` gives up after its timeout.
    let waits = file.calls_within(fun).any(|c| {
        (c.name == "receive" && !has_after(c))
            || (c.name == "sleep" && c.arg(0).is_none_or(|a| a.kind_id() != k.integer))
    });
    let last_call = file.calls_within(last).find(|c| c.node == last);
    let reports_back = last_call.is_some_and(|c| c.is("Kernel", "send"));
    let naps = last_call.is_some_and(|c| {
        c.is("Process", "sleep") && c.arg(0).is_some_and(|a| a.kind_id() == k.integer)
    });
    // A report the test waits for with a bare `receive` never comes if the errand
    // crashes first: the test hangs, which is the point of the finding.
    let awaited_forever = file.test(&call.ctx).is_some_and(|t| {
        file.calls_within(t.node).any(|c| {
            c.name == "receive"
                && c.local
                && !fun.byte_range().contains(&c.node.start_byte())
                && !has_after(c)
        })
    });
    // `spawn(fn -> Process.send_after(pid, :tick, 10) end)`: only messages out, so
    // it ends as soon as they are sent.
    let only_sends = ast::statements(body)
        .filter(|s| s.kind_id() != k.comment)
        .all(|s| {
            // Nothing but the send itself: no work hides in its arguments.
            file.calls_within(s).count() == 1
                && file.calls_within(s).find(|c| c.node == s).is_some_and(|c| {
                c.is("Kernel", "send")
                    || c.is("Process", "send_after")
                    || c.is("Process", "send")
                    || c.is("GenServer", "cast")
                    || c.is("GenStage", "cast")
                    || c.is(":gen_server", "cast")
                    || c.is(":gen_statem", "cast")
            })
        });
    // `spawn_link(fn -> with {:ok, c} <- :ssl.transport_accept(l, 5_000), do: ... end)`:
    // nothing but Elixir's and Erlang's own functions, which return. A process it
    // spawns in turn runs apart (it is judged on its own), and the spawn returns at
    // once: `spawn(fn -> Process.delete(:"$callers"); spawn(fn -> report() end) end)`.
    let nested: Vec<std::ops::Range<usize>> = file
        .calls_within(fun)
        .filter(|c| c.node != call.node && matches!(c.name, "spawn" | "spawn_link") && (c.local || c.in_module("Kernel")))
        .map(|c| c.node.byte_range())
        .collect();
    let own = |c: &&Call| !nested.iter().any(|r| r.contains(&c.node.start_byte()));
    let library_only = file.calls_within(fun).next().is_some()
        && !file.calls_within(fun).filter(own).any(|c| may_block(file, c));
    !waits && (naps || library_only || (only_sends || reports_back) && !awaited_forever)
}

/// `spawn(Crasher, :crash, [server])`, where the test file defines `Crasher.crash/1`
/// as one `GenServer.call` with the default (or an integer) timeout: the process makes
/// that call and ends, at the latest when the call times out (R40 zen_monitor: a
/// caller that makes a server crash on purpose, then the test asserts on the crash).
fn bounded_mfa_errand(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    if !matches!(call.name, "spawn" | "spawn_link") || call.capture || call.arity != 3 {
        return false;
    }
    let (Some(module), Some(function), Some(args)) = (call.arg(0), call.arg(1), call.arg(2)) else {
        return false;
    };
    if module.kind_id() != k.alias || args.kind_id() != k.list {
        return false;
    }
    let Some(function) = ast::atom_name(function, file.src) else {
        return false;
    };
    let arity = ast::named_children(args).count();
    let module = file.module_at(file.text(module), call.node.start_byte());
    let Some(id) = file.modules.iter().position(|m| m.name == module) else {
        return false;
    };
    let clauses: Vec<&Def> = file
        .defs_of(Some(id as crate::model::Id))
        .filter(|d| d.name == function && d.arity == arity)
        .collect();
    !clauses.is_empty()
        && clauses.iter().all(|d| {
            let Some(body) = d.body else { return false };
            // `def poke(pid), do: GenServer.call(pid, :poke)`: the body is the call.
            let statements: Vec<Node> = if body.kind_id() == k.do_block {
                ast::statements(body).collect()
            } else {
                vec![body]
            };
            let [only] = statements.as_slice() else { return false };
            let calls: Vec<&Call> = file.calls_within(body).collect();
            calls.iter().any(|c| c.node == *only || c.expr == *only)
                && calls.iter().all(|c| {
                    let is_call = c.is("GenServer", "call") || c.is(":gen_server", "call");
                    let bounded = c.arity == 2 || c.arg(2).is_some_and(|t| t.kind_id() == k.integer);
                    (is_call && bounded) || c.node != *only && c.expr != *only && !may_block(file, c)
                })
        })
}

/// Does the test take `name` from its context (`test "...", %{conn: conn} do`)? A
/// name the test binds itself is another value.
pub(super) fn from_context(file: &File, test: &Test, name: &str) -> bool {
    let k = &grammar().kinds;
    let Some(context) = ast::call_arguments(test.node).and_then(|a| a.named_child(1)) else {
        return false;
    };
    let rebound = test.body.is_some_and(|body| {
        file.calls_within(body).any(|c| {
            super::no_sleep::match_left(file, c)
                .is_some_and(|l| ast::descendants(l).chain([l]).any(|n| n.kind_id() == k.identifier && file.text(n) == name))
        })
    });
    !rebound
        && ast::descendants(context).any(|n| n.kind_id() == k.identifier && file.text(n) == name)
}

/// What a spawned single bounded call amounts to (see `bounded_call_errand`).
#[derive(PartialEq)]
enum Errand {
    /// It ends on its own and its result is ignored.
    Quiet,
    /// It ends on its own, but asserts on the result, which no one sees fail.
    Asserts,
}

/// `spawn(fn -> Client.command(conn, ["BLPOP", "k", "10"]) end)`: a blocker or load
/// errand whose function makes one call into the project and ignores the result. It
/// ends on its own when that call is bounded: it passes an integer `timeout:`, or it
/// targets a server the test started with `start_supervised`, which the test
/// supervisor stops at teardown (the call then returns with an exit or an error).
fn bounded_call_errand(file: &File, call: &Call) -> Option<Errand> {
    let (errand, kind) = single_call_errand(file, call)?;
    (has_finite_timeout(file, errand) || targets_supervised(file, call, errand)).then_some(kind)
}

/// A spawned function that makes one call into the project (see
/// `bounded_call_errand`), whether or not that call is bounded: the call, and what
/// is done with its result.
fn single_call_errand<'a, 't>(file: &'a File<'t>, call: &Call<'t>) -> Option<(&'a Call<'t>, Errand)> {
    let k = &grammar().kinds;
    if !matches!(call.name, "spawn" | "spawn_link") || call.capture || call.arity != 1 {
        return None;
    }
    let fun = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function)?;
    let body = ast::named_children(fun)
        .find(|c| c.kind_id() == k.stab_clause)
        .and_then(|clause| ast::field(clause, grammar().fields.right))?;
    let statements: Vec<Node> = ast::statements(body).filter(|s| s.kind_id() != k.comment).collect();
    let [statement] = statements.as_slice() else {
        return None;
    };
    let waits = file.calls_within(fun).any(|c| c.name == "receive" || c.name == "sleep");
    let project: Vec<&Call> = file.calls_within(fun).filter(|c| may_block(file, c)).collect();
    let [errand] = project.as_slice() else {
        return None;
    };
    // `Registry.register(registry, key, self())`: a process that hands the server its
    // own pid is what the server keeps track of, not an errand.
    let hands_itself = file.calls_within(errand.node).any(|c| c.is("Kernel", "self"));
    if waits || hands_itself || errand.module.is_none() {
        return None;
    }
    // The result is left unused, or only asserted on: a result sent back to the test
    // (`send(parent, {:reserved, Inventory.reserve(inv, 1)})`) is a report the test
    // may wait for, which the other checks judge.
    let is_statement = |n: Node| n == *statement;
    if is_statement(errand.node) || is_statement(errand.expr) {
        return Some((errand, Errand::Quiet));
    }
    let asserts = file
        .calls_within(*statement)
        .any(|c| c.local && c.name.starts_with("assert") && is_statement(c.node));
    asserts.then_some((errand, Errand::Asserts))
}

/// The helper, with its arity, that the test bound the server of a quiet errand
/// from (`pool = opts |> start_pool()`, then `spawn(fn -> Pool.run(pool, f) end)`),
/// when this file does not define it: whether it starts the server under the test
/// supervisor is for the project to say.
fn errand_on_helper_start<'t>(file: &File<'t>, call: &Call<'t>) -> Option<(&'t str, usize)> {
    let k = &grammar().kinds;
    if call.ctx.test.is_none() || call.ctx.other_process || bounded_call_errand(file, call).is_some() {
        return None;
    }
    let (errand, Errand::Quiet) = single_call_errand(file, call)? else {
        return None;
    };
    let server = errand.arg(0).filter(|a| a.kind_id() == k.identifier).map(|a| file.text(a))?;
    let test = file.test(&call.ctx)?;
    let binding = file
        .calls_within(test.node)
        .filter(|c| c.node.start_byte() < call.node.start_byte())
        .filter(|c| super::no_sleep::match_left(file, c).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == server))
        .last()?;
    let defined_here = file.defs.iter().any(|d| d.name == binding.name && d.arity == binding.arity);
    (binding.local && binding.module.is_none() && !defined_here).then_some((binding.name, binding.arity))
}

/// `spawn(fn -> Lock.exec(lock, :a, fn -> :timer.sleep(100) end) end)`: the spawned
/// function is one call into the project whose only work is a fn that sleeps a literal
/// number of ms: a blocker that holds a lock or a slot for that long and then ends.
/// The call, as written.
fn sleeps_in_one_project_call<'t>(file: &File<'t>, call: &Call<'t>) -> Option<&'t str> {
    let k = &grammar().kinds;
    if !matches!(call.name, "spawn" | "spawn_link") || call.capture || call.arity != 1 || call.ctx.other_process {
        return None;
    }
    let fun = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function)?;
    let body = ast::named_children(fun)
        .find(|c| c.kind_id() == k.stab_clause)
        .and_then(|clause| ast::field(clause, grammar().fields.right))?;
    let mut statements = ast::statements(body).filter(|s| s.kind_id() != k.comment);
    let (Some(statement), None) = (statements.next(), statements.next()) else {
        return None;
    };
    let calls: Vec<&Call> = file.calls_within(fun).collect();
    let [errand, sleep] = calls.as_slice() else {
        return None;
    };
    let project = errand.module.as_deref().is_some_and(|m| !library_returns(m));
    let whole = errand.node == statement || errand.expr == statement;
    let literal_sleep = (sleep.is("Process", "sleep") || sleep.is(":timer", "sleep"))
        && sleep.arg(0).is_some_and(|a| a.kind_id() == k.integer)
        && sleep.parent.is_some_and(|p| p.named_child_count() == 1)
        && errand.node.byte_range().contains(&sleep.node.start_byte());
    (project && whole && literal_sleep).then(|| errand.written(file.src))
}

/// `Client.command(conn, cmd, timeout: 1_000)`: an integer `timeout:` option; or a
/// client call that times out by default (`Redix.command/2`, 5 s).
pub(super) fn has_finite_timeout(file: &File, c: &Call) -> bool {
    let k = &grammar().kinds;
    // Clients whose calls time out by default: Redix waits 5 s for a reply unless told
    // otherwise (`timeout: :infinity` is then written, and checked below).
    let bounded_by_default =
        c.is_any("Redix", &["command", "command!", "pipeline", "pipeline!", "noreply_command", "noreply_pipeline"]);
    if bounded_by_default && !file.text(c.node).contains(":infinity") {
        return true;
    }
    // `Server.run(pid, fun, _timeout = 0)`: a positional timeout, named where it is written.
    let named_positional = |arg: Node| {
        ast::is_binary_op(arg, file.src, "=")
            && ast::field(arg, grammar().fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l).contains("timeout"))
            && ast::field(arg, grammar().fields.right).is_some_and(|r| r.kind_id() == k.integer)
    };
    if c.args.iter().any(|&a| named_positional(a)) {
        return true;
    }
    c.args.iter().any(|&arg| {
        let options = if arg.kind_id() == k.list {
            ast::named_children(arg).find(|n| n.kind_id() == k.keywords)
        } else {
            Some(arg)
        };
        options
            .and_then(|o| ast::keyword_value(o, file.src, "timeout"))
            .is_some_and(|t| t.kind_id() == k.integer)
    })
}

/// Is the first argument of `errand` a server the test started under its supervisor:
/// bound from `start_supervised!` in the test before the spawn, or in a `setup` of
/// the file (a block, or a function of the file that `setup :connect` names)?
pub(super) fn targets_supervised(file: &File, spawn: &Call, errand: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(server) = errand.arg(0).filter(|a| a.kind_id() == k.identifier).map(|a| file.text(a)) else {
        return false;
    };
    let Some(test) = file.test(&spawn.ctx) else {
        return false;
    };
    // `setup :connect`, `setup [:connect, :flush]`.
    let setup_names: Vec<&str> = file
        .calls
        .iter()
        .filter(|c| c.local && c.name == "setup")
        .flat_map(|c| c.args.iter().flat_map(|&a| std::iter::once(a).chain(ast::descendants(a))))
        .filter_map(|n| ast::atom_name(n, file.src))
        .collect();
    // `%{server: start_supervised!(Server)}` returned by a setup: the context key the
    // test binds `server` from.
    let key = context_key(file, test, server);
    let returned_as_key = |c: &Call| {
        let g = grammar();
        file.parent(c.expr).filter(|p| p.kind_id() == k.pair).is_some_and(|pair| {
            ast::field(pair, g.fields.key).is_some_and(|kn| Some(ast::keyword_name(kn, file.src)) == key)
        })
    };
    file.calls
        .iter()
        .filter(|c| c.local && matches!(c.name, "start_supervised" | "start_supervised!" | "start_link_supervised!"))
        .filter(|c| {
            super::no_sleep::match_left(file, c)
                .is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == server)
                || returned_as_key(c)
        })
        .any(|c| {
            let in_test = test.node.byte_range().contains(&c.node.start_byte())
                && c.node.start_byte() < spawn.node.start_byte();
            let in_setup = file.test(&c.ctx).is_some_and(|t| t.kind == TestKind::Setup);
            let in_named_setup = c.ctx.def.is_some_and(|d| setup_names.contains(&file.defs[d as usize].name));
            in_test || (in_setup || in_named_setup) && from_context(file, test, server)
        })
}

/// The key of the test's context that binds `name` (`%{gen: server}` binds `server`
/// from `:gen`), when the test takes it from its context.
fn context_key<'s>(file: &File<'s>, test: &Test, name: &str) -> Option<&'s str> {
    let g = grammar();
    let context = ast::call_arguments(test.node).and_then(|a| a.named_child(1))?;
    ast::descendants(context)
        .filter(|n| n.kind_id() == g.kinds.pair)
        .find(|pair| ast::field(*pair, g.fields.value).is_some_and(|v| file.text(v) == name))
        .and_then(|pair| ast::field(pair, g.fields.key))
        .map(|kn| ast::keyword_name(kn, file.src))
}

/// `pid = spawn_link(fn -> receive(do: (:go -> send(parent, :done))) end)` and later
/// `send(pid, :go)`: a process that waits for messages the test sends it and then
/// returns. It ends inside the test, fed by the test itself. Every wait it makes is
/// either bounded (`after`, `assert_receive`) or matched by one of the test's sends to
/// its pid, and nothing else in it may run for good (see `may_block`).
fn ends_when_fed(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    if !matches!(call.name, "spawn" | "spawn_link") || call.capture || call.arity != 1 {
        return false;
    }
    let Some(fun) = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function) else {
        return false;
    };
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    // The pid as the test knows it: bound from the spawn, or taken from the report
    // the process sends with `self()` in it (`send(test_pid, {self(), count})`, then
    // `assert_receive {pid, count}` in the test).
    let Some(pid) = bound_pid(file, call).or_else(|| reported_pid(file, fun, test.node, call)) else {
        return false;
    };
    let feeds = file
        .calls_within(test.node)
        .filter(|c| c.node.start_byte() > call.node.end_byte())
        .filter(|c| c.is("Kernel", "send") && c.arg(0).is_some_and(|a| file.text(a) == pid))
        .count();
    let (mut open_waits, mut bounded_waits) = (0, 0);
    for c in file.calls_within(fun) {
        if c.name == "receive" && c.local && c.module.is_none() {
            if has_after(c) {
                bounded_waits += 1;
            } else {
                open_waits += 1;
            }
        } else if c.name.starts_with("assert_receive") || c.name.starts_with("refute_receive") {
            bounded_waits += 1;
        } else if may_block(file, c)
            && !bounded_project_call(file, fun, test.node, c, call.name == "spawn_link")
            && !(feeds > 0 && in_receive_timeout(file, fun, c))
        {
            return false;
        }
    }
    // Only bounded waits: it gives up on its own. No wait at all is an errand, which
    // `is_short_errand` and the dead-pid checks judge.
    if open_waits == 0 {
        return bounded_waits > 0;
    }
    feeds >= open_waits
}

/// `receive do :cancel -> :ok after 500 -> Db.interrupt(db) end` in a watchdog the
/// test later sends `:cancel`: the call runs once, and only if the test is late. It is
/// the watchdog's one act, not a wait that may keep the process alive.
fn in_receive_timeout(file: &File, fun: Node, c: &Call) -> bool {
    file.after_block_around(c.node).is_some_and(|after| {
        fun.byte_range().contains(&after.start_byte())
            && file
                .parent(after)
                .and_then(|block| file.parent(block))
                .is_some_and(|r| ast::local_call_name(r, file.src) == Some("receive"))
    })
}

/// `send(parent, {self(), result})` in `fun`, and after the spawn the test takes that
/// report with `assert_receive {pid, result}` (or a `receive` clause): the name the
/// test gives the process's pid there.
fn reported_pid<'t>(file: &File<'t>, fun: Node, test: Node, spawn: &Call) -> Option<&'t str> {
    let k = &grammar().kinds;
    let (tag, index) = file.calls_within(fun).filter(|c| c.is("Kernel", "send")).find_map(|c| {
        let msg = c.arg(1).filter(|m| m.kind_id() == k.tuple)?;
        let index = ast::named_children(msg).position(|e| ast::is_self_call(e, file.src))?;
        let tag = ast::named_children(msg).next().and_then(|t| ast::atom_name(t, file.src));
        Some((tag, index))
    })?;
    file.calls_within(test)
        .filter(|c| c.node.start_byte() > spawn.node.end_byte() && c.local && matches!(c.name, "assert_receive" | "assert_received"))
        .filter_map(|c| c.arg(0).filter(|p| p.kind_id() == k.tuple))
        .filter(|p| ast::named_children(*p).next().and_then(|t| ast::atom_name(t, file.src)) == tag)
        .find_map(|p| ast::named_children(p).nth(index).filter(|e| e.kind_id() == k.identifier).map(|e| file.text(e)))
}

/// A call into the project, inside a fed receiver `fun`, that returns within a bound:
/// one with an explicit `timeout:` other than `:infinity`
/// (`Locks.acquire(l, 1, timeout: 500)`), or a request whose reply the process
/// makes before it reports back to the test (or whose result the report carries),
/// which waits for that report with `assert_receive` (`{:ok, ref} = Tracker.watch(t)`,
/// then `send(parent, {:watching, ref})`). If such a call blocked for good the report
/// would never come and the test would fail on its own; a serve loop
/// (`Consumer.run(queue)`) with no report after it stays a call that may run for good.
fn bounded_project_call(file: &File, fun: Node, test: Node, c: &Call, linked: bool) -> bool {
    let k = &grammar().kinds;
    // Only code of the project: a function of this file (it may loop) or a sleep
    // stays what `may_block` says.
    if c.name == "sleep" || c.module.as_deref().is_none_or(library_returns) {
        return false;
    }
    let explicit_timeout = c.args.iter().any(|&arg| {
        let options = if arg.kind_id() == k.list {
            ast::named_children(arg).find(|n| n.kind_id() == k.keywords)
        } else {
            Some(arg)
        };
        options
            .and_then(|o| ast::keyword_value(o, file.src, "timeout"))
            .is_some_and(|t| ast::atom_name(t, file.src) != Some("infinity"))
    });
    if explicit_timeout {
        return true;
    }
    // `parent = self()` in the test, before the spawn: where the reports go.
    let parents: Vec<&str> = file
        .calls_within(test)
        .filter(|s| s.is("Kernel", "self") && s.node.start_byte() < fun.start_byte())
        .filter_map(|s| super::no_sleep::match_left(file, s))
        .filter(|l| l.kind_id() == k.identifier)
        .map(|l| file.text(l))
        .collect();
    // The report comes after the call, or carries its result
    // (`send(parent, {:owner, Registry.lookup(pid)})`): whether or not the reply is
    // matched, a call that never returned would hold the report back.
    let reports_back = file.calls_within(fun).any(|s| {
        s.is("Kernel", "send")
            && (s.node.start_byte() > c.node.end_byte() || s.node.byte_range().contains(&c.node.start_byte()))
            && s.arg(0).is_some_and(|d| parents.contains(&file.text(d)))
    });
    // A bare `receive` of the report is as good when the process is linked: if the
    // call crashes it, the test exits with it instead of waiting (R40 exirc's owner
    // stand-in, `client_pid = receive do {:client, pid} -> pid end`).
    let awaits_report = file.calls_within(test).any(|a| {
        a.local
            && a.node.start_byte() > fun.end_byte()
            && (a.name == "assert_receive" || linked && a.name == "receive" && a.module.is_none())
    });
    reports_back && awaits_report
}

/// Might this call inside a spawned function keep the process alive indefinitely: a
/// sleep that is not a literal number of milliseconds, a function of this file (it may
/// loop), or code of the project (it may serve forever)? Elixir's and Erlang's own
/// functions return, apart from those waits.
pub(super) fn may_block(file: &File, c: &Call) -> bool {
    if in_guard(file, c) {
        return false;
    }
    if c.name == "sleep" {
        return c.arg(0).is_none_or(|a| a.kind_id() != grammar().kinds.integer);
    }
    if matches_no_clause(file, c) {
        return false;
    }
    match c.module.as_deref() {
        None => c.local && file.defs.iter().any(|d| d.name == c.name),
        Some(m) => !library_returns(m),
    }
}

/// `ErrorDummy.handle_call(:foo, nil, nil)` where every clause of the file's
/// `ErrorDummy.handle_call/3` takes another literal atom first: the call raises
/// `FunctionClauseError` at once, as a test of crash reports means it to (R38
/// elixir_agent).
fn matches_no_clause(file: &File, c: &Call) -> bool {
    let Some(arg) = c.arg(0).and_then(|a| ast::atom_name(a, file.src)) else { return false };
    let Some(module) = c.module.as_deref() else { return false };
    let clauses: Vec<&crate::model::Def> = file
        .defs_named(c.name)
        .filter(|d| d.arity == c.arity && d.module.and_then(|m| file.modules.get(m as usize)).is_some_and(|m| m.name == module))
        .collect();
    !clauses.is_empty()
        && clauses.iter().all(|d| {
            d.params.first().and_then(|p| ast::atom_name(*p, file.src)).is_some_and(|first| first != arg)
        })
}

/// Is the call in the guard of a clause (`{ref, _} when MyLib.is_ref(ref) ->`)? A
/// guard admits only guard-safe expressions, so a `defguard` of the project used there
/// is a check that returns, not a call into code that may serve.
fn in_guard(file: &File, c: &Call) -> bool {
    let g = grammar();
    let mut node = c.node;
    for _ in 0..32 {
        let Some(parent) = file.parent(node) else { return false };
        if ast::is_binary_op(parent, file.src, "when") && ast::field(parent, g.fields.right) == Some(node) {
            return true;
        }
        if [g.kinds.stab_clause, g.kinds.do_block, g.kinds.anonymous_function].contains(&parent.kind_id()) {
            return false;
        }
        node = parent;
    }
    false
}

/// Do the functions of module `m` (Erlang's, or Elixir's data and runtime
/// modules) return, rather than serve?
pub(super) fn library_returns(m: &str) -> bool {
    m.starts_with(':') || crate::runtime::is_elixir_module(m)
}

/// A `receive` with an `after` clause.
pub(super) fn has_after(receive: &Call) -> bool {
    receive.do_block.is_some_and(|b| {
        ast::statements(b).any(|s| s.kind_id() == grammar().kinds.after_block)
    })
}

/// `spawn(fn -> :ok end)`, or `Node.spawn(node, fn -> :ok end)` for a pid on another
/// node: the function returns a literal and does nothing else.
fn ends_at_once(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let fun_at = match call.module.as_deref() {
        Some("Node") => 1,
        _ => 0,
    };
    if call.capture || call.arity != fun_at + 1 {
        return false;
    }
    let Some(fun) = call.arg(fun_at).filter(|f| f.kind_id() == k.anonymous_function) else {
        return false;
    };
    let clauses: Vec<Node> = ast::named_children(fun)
        .filter(|c| c.kind_id() == k.stab_clause)
        .collect();
    let [clause] = clauses.as_slice() else {
        return false;
    };
    let Some(body) = ast::field(*clause, grammar().fields.right) else {
        return false;
    };
    let statements: Vec<Node> = ast::statements(body).collect();
    matches!(statements.as_slice(), [only] if [k.atom, k.integer, k.nil, k.boolean].contains(&only.kind_id()))
        && file.text(body).len() < 40
}

/// Does the test wait for a `{:DOWN, ...}` message, itself or in a function of the
/// file that it calls (`await_monitors(refs)`)?
fn waits_for_down(file: &File, test: Node) -> bool {
    let k = &grammar().kinds;
    let down_in = |node: Node| {
        ast::descendants(node).any(|n| {
            n.kind_id() == k.tuple
                && n.named_child(0)
                    .is_some_and(|a| ast::atom_name(a, file.src) == Some("DOWN"))
        })
    };
    down_in(test)
        || file
            .calls_within(test)
            .filter(|c| c.local && c.module.is_none())
            .any(|c| {
                file.defs
                    .iter()
                    .filter(|d| d.name == c.name && d.arity == c.arity)
                    .any(|d| down_in(d.node))
            })
}

/// `spawn(fn -> b end)` → `start_supervised!({Task, fn -> b end})`, and
/// `spawn_link` → `start_link_supervised!`. Only where the test process runs it.
fn task_fix(file: &File, call: &Call) -> Option<Fix> {
    let k = &grammar().kinds;
    if !super::no_sleep::in_test_process(call) || call.capture || call.piped || call.arity != 1 {
        return None;
    }
    let starter = match (call.module.as_deref(), call.name) {
        (Some("Kernel"), "spawn") => "start_supervised!",
        (Some("Kernel"), "spawn_link") => "start_link_supervised!",
        _ => return None,
    };
    let args = call.arguments?;
    let fun = call.arg(0)?;
    if fun.kind_id() != k.anonymous_function || args.named_child_count() != 1 {
        return None;
    }
    // The test supervisor refuses a second running child with the id `Task`.
    let unique_id = call.ctx.in_loop || task_children(file, call) > 1;
    let at = call.node.start_byte();
    let close = if unique_id {
        let make_ref = file.call_text(&call.ctx, at, "Kernel", "make_ref", 0)?;
        format!("}}, id: {make_ref}())")
    } else {
        "})".to_string()
    };
    let task = file.module_spelling("Task", at);
    let id = if unique_id { ", id: make_ref()" } else { "" };
    Some(Fix::unsafe_(
        format!("Start it with `{starter}({{{task}, fn -> ... end}}{id})`"),
        vec![
            Edit::replace(
                call.node.start_byte()..fun.start_byte(),
                format!("{starter}({{{task}, "),
            ),
            Edit::replace(fun.end_byte()..call.node.end_byte(), close),
        ],
    ))
}

/// How many `{Task, fn}` children the test would start once its spawns are fixed.
fn task_children(file: &File, call: &Call) -> usize {
    let Some(test) = file.test(&call.ctx) else {
        return 0;
    };
    file.calls_within(test.node)
        .filter(|c| {
            let spawn = (c.is("Kernel", "spawn") || c.is("Kernel", "spawn_link"))
                && c.arity == 1
                && !c.capture
                && c.arg(0)
                    .is_some_and(|a| a.kind_id() == grammar().kinds.anonymous_function);
            let supervised = c.local
                && matches!(
                    c.name,
                    "start_supervised" | "start_supervised!" | "start_link_supervised!"
                )
                && c.arg(0).is_some_and(|a| {
                    a.kind_id() == grammar().kinds.tuple
                        && a.named_child(0).is_some_and(|m| file.text(m) == "Task")
                });
            spawn || supervised
        })
        .count()
}
