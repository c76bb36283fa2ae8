//! `test/start-supervised`: Process started in a test without start_supervised. See `start_supervised.md`.

use super::async_global_state::{Reach, own_support, reach_of};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/start-supervised",
    title: "Process started in a test without start_supervised",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[ParamSpec {
        name: "unnamed_linked",
        doc: "Also report linked starts with no visible name (info): they die with the test, only asynchronously. Turn on when such processes hold what the next test uses (a sandboxed Repo connection, a named table).",
        default: || ParamValue::Bool(false),
    }],
    credo: &[],
    supersedes: &[],
    guide: include_str!("start_supervised.md"),
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

const SUPERVISED_STARTERS: &[&str] = &[
    "start_supervised",
    "start_supervised!",
    "start_link_supervised!",
];

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named_any(&["start_link", "start"]) {
        let Some(linked) = start_kind(call) else {
            continue;
        };
        if call.ctx.test.is_none() || call.ctx.other_process {
            continue;
        }
        if inside_supervised_start(file, call)
            || expects_failure(file, call)
            || tests_the_start(file, call)
            || waits_for_its_end(file, call)
            || tests_the_primitive(file, call)
            || inside_failure_check(file, call)
            || crashed_by_test(file, call)
            || task_errand(file, call)
            || task_seen_to_its_end(file, call)
            || tolerates_already_started(file, call)
            || matches!(ended_next(file, call), Some(Ending::Stopped))
        {
            continue;
        }
        let written = call.display(src);
        let in_setup_all = file
            .test(&call.ctx)
            .is_some_and(|t| t.kind == TestKind::SetupAll);
        // Only linked starts outside `setup_all` depend on the name.
        let registered = if linked && !in_setup_all {
            registration(file, call)
        } else {
            Registration::Fixed
        };
        // Stopped in the same `setup_all` block (`:ok = Redix.stop(conn)` after a
        // cleanup command): gone before any test runs, whatever its name.
        if in_setup_all && stopped_by_test(file, call) {
            continue;
        }
        if in_setup_all && linked && named_after_own_module(file, call) {
            // `name: :"#{__MODULE__}.Ring.#{n}"`: a name that spells this test module's
            // own, which no other module starts (R45 ex_hash_ring's rings per
            // replica count).
            continue;
        }
        if in_setup_all && linked && defined_here_unnamed(file, call) {
            // Linked to the module's `setup_all` process and registered (if at all)
            // under a module only this file defines: it goes when the module's tests
            // are done, and no other test module can start the same name.
            continue;
        }
        if in_setup_all && linked && unnamed_by_options(file, call) {
            // `Mongo.start_link(database: "test")`: options written out, no `name:`,
            // so no name for the next module to find; what else the process holds is
            // the opt-in case, as for an unnamed start in a test.
            if report.param_bool("unnamed_linked") {
                report_unnamed(report, file, call, format!(
                    "`{written}` in `setup_all` links the process to the module's `setup_all` process, so it goes down when the module's tests are done, but asynchronously: it can still be running when the next module starts; it registers no name here, so this matters only if it holds a shared resource (a sandboxed Repo connection, a named table, a file), and then `start_link_supervised!/1` stops it first"
                ));
            }
            continue;
        }
        let message = if in_setup_all && linked {
            // Linked to the module's `setup_all` process, it does stop when that
            // process exits, only not before the next module may start.
            format!(
                "`{written}` in `setup_all` links the process to the module's `setup_all` process, which exits when the module's tests are done, but the process goes down asynchronously, so the next module that starts the same name can still find it registered; `start_supervised!/1` works in `setup_all` too and stops it before the next module starts"
            )
        } else if in_setup_all {
            format!(
                "`{written}` in `setup_all` starts a process that nothing stops when the module's tests are done, so it can clash with the next module's; `start_supervised!/1` works in `setup_all` too and stops it then"
            )
        } else if file.module(&call.ctx).is_some_and(|m| m.async_tests) && freed_on_exit(file, call) {
            // `on_exit` frees the name between this module's tests, but async modules
            // run side by side: another one that starts the same name can clash.
            // No fix: `start_link_supervised!` would not stop the other module's start.
            let name = name_option(file, &call.args).map(|n| file.text(n)).unwrap_or("its name");
            report.add(file, &call.ctx, call.expr.byte_range(), format!(
                "`{written}` registers the fixed name `{name}` in an `async: true` module: `on_exit` waits for it to go, so the name is free before this module's next test, but another async module that starts the same name can run at the same time and get `{{:error, {{:already_started, _}}}}`; give each test its own name, or make the modules that share it `async: false`"
            ));
            continue;
        } else if registered == Registration::PerTest
            || (registered == Registration::Unknown && stopped_by_test(file, call))
            || stopped_on_exit(file, call)
            || (!linked && registration(file, call) != Registration::Fixed && stopped_by_test(file, call))
        {
            // A per-test name cannot clash, and a process the test stops itself
            // (`GenServer.stop/1` waits for it) is gone before the next test. So is
            // an unlinked one without a fixed name that the test ends itself
            // (`Process.exit(pid, :kill)` of a `Task.start` client it means to kill).
            continue;
        } else if registered == Registration::Unknown && !report.param_bool("unnamed_linked") {
            // Whether the race matters depends on what the process holds, which the
            // rule cannot see: too often it does not, so it is opt-in.
            continue;
        } else if registered == Registration::Unknown {
            // Linked and not under a fixed name: it dies with the test, only not before
            // the next one starts. That matters for some processes, not all.
            report_unnamed(report, file, call, format!(
                "`{written}` links the process to the test, so it dies with the test, but asynchronously: it can still be running when the next test starts; if it registers a name or holds a shared resource (a sandboxed Repo connection, a named table, a file), start it with `start_link_supervised!/1`, which stops it first"
            ));
            continue;
        } else if linked && start_link_is_subject(file, call) {
            // Starting it under the test supervisor would go through its child spec,
            // not the function the test is about.
            report
                .add_info(file, &call.ctx, call.expr.byte_range(), format!(
                    "`{written}` is what this test is about (it checks the link or the registered name), so `start_link_supervised!/1` would test the child spec instead; stop the process at the end of the test or in `on_exit` (`GenServer.stop(pid)`), or register it under a per-test name, so that a failing test leaves nothing for the next one to clash with"
                ));
            continue;
        } else if linked {
            format!(
                "`{written}` starts a process under a fixed name that the test supervisor does not own; it outlives a failing test and can clash with the next one; start it with `start_link_supervised!/1` (or `start_supervised!/1`)"
            )
        } else if let Some(errand) = task_call_errand(file, call) {
            match errand {
                TaskCall::Ends => continue,
                TaskCall::OnTestServer(server) => {
                    report.add_info(file, &call.ctx, call.expr.byte_range(), format!(
                        "`{written}` makes one call on `{server}` and ignores the result: it keeps the test's `{server}` busy and, if the call is still running when `{server}` stops at teardown, ends with a crash report; wrap the call in `try`, or pass a `timeout:` that ends it within the test"
                    ));
                    continue;
                }
            }
        } else {
            format!(
                "`{written}` starts an unlinked process that nothing stops when the test ends; start it with `start_supervised!/1` so ExUnit shuts it down"
            )
        };
        let d = report.add(file, &call.ctx, call.expr.byte_range(), message);
        if let Some(fix) = supervised_fix(file, call) {
            d.fix(fix);
        }
    }
}

/// `{:ok, pid} = GenServer.start(X, arg)`, then `catch_exit(GenServer.call(pid, :boom))`:
/// the test makes the process crash and waits for the exit of the call, so the process
/// ends within the test (as in tests of crash reports). A call with its own timeout in
/// `catch_exit` is a timeout test instead: the process lives on, and still counts.
/// The same when the start registers the module's own name (`Dummy.start_link()`,
/// whose `start_link` passes `name: __MODULE__`) and the call goes to that name:
/// `catch_exit(GenServer.call(Dummy, :raise))` (R38 elixir_agent's error tests).
fn crashed_by_test(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let pid = bound_pid(file, call);
    let by_name = (call.name == "start_link" && registration(file, call) == Registration::Fixed)
        .then(|| call.written(file.src).rsplit_once('.').map(|(m, _)| m))
        .flatten()
        .filter(|m| {
            // Its `start_link` registers `name: __MODULE__`, so the module is the name.
            let full = call.module.as_deref().unwrap_or(m);
            file.defs.iter().any(|d| {
                d.name == "start_link"
                    && d.module.and_then(|id| file.modules.get(id as usize)).is_some_and(|md| md.name == full)
                    && file.text(d.node).contains("name: __MODULE__")
            })
        });
    let targets = |a: Node| Some(file.text(a)) == pid || Some(file.text(a)) == by_name;
    file.calls_within(test.node)
        .filter(|c| c.local && c.name == "catch_exit" && c.node.start_byte() > call.node.end_byte())
        .any(|catch| {
            file.calls_within(catch.node)
                .any(|c| c.name == "call" && c.args.len() == 2 && c.arg(0).is_some_and(targets))
        })
}

/// The pid variable a start binds: `pid` in `pid = X.start_link()` or
/// `{:ok, pid} = X.start_link()`.
fn bound_pid<'a>(file: &'a File, call: &Call) -> Option<&'a str> {
    let k = &grammar().kinds;
    super::no_sleep::match_left(file, call)
        .and_then(|left| if left.kind_id() == k.tuple { left.named_child(1) } else { Some(left) })
        .filter(|p| p.kind_id() == k.identifier)
        .map(|p| file.text(p))
}

/// How the statement right after `{:ok, pid} = GenServer.start(X, arg)` ends the
/// process it started.
enum Ending {
    /// `GenServer.stop(pid)` (or another stop of it): nothing in between can fail and
    /// leave it running, whatever name it holds.
    Stopped,
    /// `GenServer.cast(pid, {:raise, "boom"})`: a message that ends the process if the
    /// started module's `callback` clause for (tag, size) raises, exits or stops;
    /// the project pass looks for that clause, wherever the module is defined.
    Told { module: String, callback: &'static str, tag: String, size: usize },
}

/// The statement right after the start, when it ends the started process (R45
/// tower's crash report tests start a server, then make it crash or stop at once).
fn ended_next(file: &File, call: &Call) -> Option<Ending> {
    let k = &grammar().kinds;
    file.test(&call.ctx)?;
    let pid = bound_pid(file, call)?;
    let next = ast::next_statement(file.statement_around(call.node))?;
    let c = file.calls_within(next).find(|c| c.expr == next || c.node == next)?;
    if stops(file, c, Some(pid), None) {
        return Some(Ending::Stopped);
    }
    let (callback, message) = match (c.module.as_deref(), c.name) {
        (Some("GenServer"), "cast") if c.arity == 2 => ("handle_cast", c.arg(1)?),
        (Some("GenServer"), "call") if c.arity == 2 => ("handle_call", c.arg(1)?),
        (Some("Kernel" | "Process"), "send") if c.arity == 2 => ("handle_info", c.arg(1)?),
        _ => return None,
    };
    if file.text(c.arg(0)?) != pid {
        return None;
    }
    let (tag, size) = crate::rules::otp::call_timeout::request_tag(file, message).filter(|(t, _)| t.starts_with(':'))?;
    let module = if call.is_any("GenServer", &["start", "start_link"]) {
        let first = call.arg(0)?;
        match file.text(first) {
            "__MODULE__" => file.module(&call.ctx)?.name.clone(),
            written if first.kind_id() == k.alias => file.module_at(written, first.start_byte()),
            _ => return None,
        }
    } else {
        call.module.clone()?
    };
    Some(Ending::Told { module, callback, tag: tag.to_string(), size })
}

/// The (callback, tag, size) messages of `module` whose every clause ends the
/// process: a statement that raises or exits, or a `{:stop, ...}` return on every
/// path. A clause that takes any message (`def handle_cast(msg, state)`) before them
/// takes theirs too, so none counts after it.
fn ending_messages(file: &File, module: &crate::model::Module) -> Vec<(String, String, usize)> {
    let mut verdicts: Vec<(&'static str, &str, usize, bool)> = Vec::new();
    for callback in [("handle_cast", 2), ("handle_call", 3), ("handle_info", 2)] {
        let clauses = module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| (d.name, d.arity) == callback);
        for def in clauses {
            let Some((tag, size)) = def.params.first().and_then(|p| crate::rules::otp::call_timeout::request_tag(file, *p)) else {
                break;
            };
            let ends = def.body.is_some_and(|b| ends_process(file, b));
            match verdicts.iter_mut().find(|v| (v.0, v.1, v.2) == (callback.0, tag, size)) {
                Some(v) => v.3 &= ends,
                None => verdicts.push((callback.0, tag, size, ends)),
            }
        }
    }
    verdicts
        .into_iter()
        .filter(|v| v.3)
        .map(|(callback, tag, size, _)| (callback.to_string(), tag.to_string(), size))
        .collect()
}

/// A callback body that always ends its process: one of its statements raises or
/// exits (`raise(reason)`, `exit(reason)`), or it returns `{:stop, ...}` on every path.
/// A `throw` is left out: the server takes the thrown value as its reply.
fn ends_process(file: &File, body: Node) -> bool {
    let k = &grammar().kinds;
    let block = [k.do_block, k.body, k.block].contains(&body.kind_id());
    let statements: Vec<Node> = if block { crate::syntax::statements(body).collect() } else { vec![body] };
    if statements.iter().any(|s| matches!(ast::local_call_name(*s, file.src), Some("raise" | "exit"))) {
        return true;
    }
    let mut tails = Vec::new();
    ast::tail_values(body, file.src, &mut tails)
        && !tails.is_empty()
        && tails
            .iter()
            .all(|t| t.kind_id() == k.tuple && t.named_child(0).is_some_and(|a| file.text(a) == ":stop"))
}

/// `Task.start(Stream, :run, [stream])`, `Task.start(fn -> send(parent, f()) end)`:
/// a task runs one function and ends; only one that waits for a message it may
/// never get, or runs code that may loop, can outlive the test. A function of the
/// test module that does not exist (`Task.start(__MODULE__, :undef, [])`) crashes
/// at once.
fn task_errand(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    if !call.is("Task", "start") {
        return false;
    }
    match call.args.as_slice() {
        [fun] if fun.kind_id() == k.anonymous_function => !file.calls_within(*fun).any(|c| {
            c.name == "receive" && c.local && !super::no_raw_spawn::has_after(c)
                || super::no_raw_spawn::may_block(file, c)
        }),
        [module, fun, _] => {
            let Some(fun) = ast::atom_name(*fun, file.src) else {
                return false;
            };
            match file.text(*module) {
                "__MODULE__" => !file.defs.iter().any(|d| d.name == fun),
                m => super::no_raw_spawn::library_returns(m) || only_fails_here(file, m, fun),
            }
        }
        _ => false,
    }
}

/// `Task.start(MyModule, :raise_error, ["boom"])` where the test file defines
/// `MyModule` (often inside the test) and every clause of `raise_error` only raises,
/// throws or exits: the task crashes at once, which is what such a test observes.
fn only_fails_here(file: &File, module: &str, fun: &str) -> bool {
    let defined_here = |d: &&crate::model::Def| {
        d.module
            .and_then(|m| file.modules.get(m as usize))
            .is_some_and(|m| m.name == module || m.name.ends_with(&format!(".{module}")))
    };
    let mut clauses = file.defs_named(fun).filter(defined_here).peekable();
    clauses.peek().is_some()
        && clauses.all(|d| {
            d.body.is_some_and(|body| {
                let calls: Vec<&Call> = file.calls_within(body).collect();
                !calls.is_empty() && calls.iter().all(|c| c.local && matches!(c.name, "raise" | "throw" | "exit" | "reraise"))
            })
        })
}

/// `Task.start(fn -> path = Dir.make(); send(parent, {:made, path}) end)`, then
/// `assert_receive {:made, path}` in the test: the task's last send that the test
/// waits for comes after every call into the project, so by then the task has done
/// its work and ends. What follows that send may only return at once (a `raise`, a
/// literal) or wait in a `receive` for a message the test later sends to the task's
/// pid (`send(owner, :release)`).
fn task_seen_to_its_end(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    if !call.is("Task", "start") || call.capture || call.arity != 1 {
        return false;
    }
    let (Some(test), Some(fun)) = (file.test(&call.ctx), call.arg(0).filter(|f| f.kind_id() == k.anonymous_function))
    else {
        return false;
    };
    let Some(body) = ast::single_clause_body(fun) else {
        return false;
    };
    let statements: Vec<Node> = ast::statements(body).filter(|s| s.kind_id() != k.comment).collect();
    let later = |c: &&Call| c.node.start_byte() > call.node.end_byte() && test.node.byte_range().contains(&c.node.start_byte());
    let awaited = |tag: &str| {
        file.calls_within(test.node)
            .filter(later)
            .filter(|c| c.local && matches!(c.name, "assert_receive" | "assert_received"))
            .any(|c| c.arg(0).and_then(|p| message_tag(file, p)) == Some(tag))
    };
    let Some(seen) = statements.iter().rposition(|s| {
        file.calls_within(*s)
            .find(|c| c.node == *s && c.name == "send" && c.arity == 2 && (c.local || c.in_module("Kernel")))
            .and_then(|send| send.arg(1))
            .and_then(|m| message_tag(file, m))
            .is_some_and(awaited)
    }) else {
        return false;
    };
    let pid = super::no_sleep::ok_tuple_pid(file, call);
    // `send(owner, :release)` later in the test: the tags the task is told to end with.
    let told: Vec<&str> = file
        .calls_within(test.node)
        .filter(later)
        .filter(|c| c.name == "send" && c.arity == 2 && pid.is_some() && c.arg(0).map(|a| file.text(a)) == pid)
        .filter_map(|c| c.arg(1).and_then(|m| message_tag(file, m)))
        .collect();
    statements[seen + 1..].iter().all(|s| {
        file.calls_within(*s).all(|c| {
            if c.name == "receive" && c.local {
                super::no_raw_spawn::has_after(c) || receive_tags(file, c).iter().any(|t| told.contains(t))
            } else {
                !super::no_raw_spawn::may_block(file, c)
            }
        })
    })
}

/// The atom a message is known by: `:release`, or the first element of `{:made, path}`.
fn message_tag<'s>(file: &File<'s>, message: Node) -> Option<&'s str> {
    let first = if message.kind_id() == grammar().kinds.tuple { message.named_child(0)? } else { message };
    ast::atom_name(first, file.src)
}

/// The tags of the messages the clauses of a `receive` match.
fn receive_tags<'s>(file: &File<'s>, receive: &Call) -> Vec<&'s str> {
    let k = &grammar().kinds;
    let Some(block) = receive.do_block else {
        return Vec::new();
    };
    ast::named_children(block)
        .filter(|c| c.kind_id() == k.stab_clause)
        .filter_map(|c| ast::field(c, grammar().fields.left)?.named_child(0))
        .filter_map(|p| message_tag(file, p))
        .collect()
}

/// A `Task.start(fn -> ... end)` blocker or load errand (see `task_call_errand`).
enum TaskCall<'t> {
    /// It ends within the test on its own.
    Ends,
    /// It may still be waiting on this server of the test when the test ends.
    OnTestServer(&'t str),
}

/// `Task.start(fn -> Repo.tx(pool, f, timeout: 20_000) end)`: a task whose function is
/// one call into the project whose result is ignored, the blocker or load errand that
/// `test/no-raw-spawn` exempts for `spawn`. It ends within the test when the call
/// passes an integer `timeout:`, targets a server the test started with
/// `start_supervised`, or when the task is one of many started in a loop (a load
/// errand, `Tenants.connect(id)`) and the test itself then sleeps for a second or more,
/// giving them time to finish. A call on
/// a server the test holds otherwise (`Postgrex.query!(pool, ...)` on a pool from its
/// context, or `start_link`ed in the test, by the same module) ends when that server
/// stops at teardown, with a crash report.
fn task_call_errand<'t>(file: &File<'t>, call: &Call<'t>) -> Option<TaskCall<'t>> {
    let k = &grammar().kinds;
    if !call.is("Task", "start") || call.capture || call.arity != 1 {
        return None;
    }
    let fun = call.arg(0).filter(|f| f.kind_id() == k.anonymous_function)?;
    let clauses: Vec<Node> = ast::named_children(fun).filter(|c| c.kind_id() == k.stab_clause).collect();
    let [clause] = clauses.as_slice() else {
        return None;
    };
    let body = ast::field(*clause, grammar().fields.right)?;
    let statements: Vec<Node> = ast::statements(body).filter(|s| s.kind_id() != k.comment).collect();
    let [statement] = statements.as_slice() else {
        return None;
    };
    // The one statement is the call itself, its result unused; calls in the function
    // it is given (`fn conn -> Postgrex.query!(conn, ...) end`) run inside it.
    let errand = file
        .calls_within(fun)
        .find(|c| c.node == *statement || c.expr == *statement)
        .filter(|c| c.module.is_some() && super::no_raw_spawn::may_block(file, c))?;
    // A `fn` handed to a server the test supervises runs in that server
    // (`TestServer.run(pid, fn -> Process.sleep(:infinity) end, _timeout = 0)`).
    let handed_to_server = super::no_raw_spawn::targets_supervised(file, call, errand);
    let waits = file.calls_within(fun).any(|c| {
        (c.name == "receive" || c.name == "sleep")
            && !(handed_to_server && errand.arguments.is_some_and(|a| a.byte_range().contains(&c.node.start_byte())))
    });
    let hands_itself = file.calls_within(fun).any(|c| c.is("Kernel", "self"));
    if waits || hands_itself {
        return None;
    }
    if super::no_raw_spawn::has_finite_timeout(file, errand) || handed_to_server {
        return Some(TaskCall::Ends);
    }
    let test = file.test(&call.ctx)?;
    // Many copies of the same call (`for`, `Enum.each`) are a load the test puts on
    // the code; a single task may be a serve loop, which the sleep does not end.
    let in_loop = file.calls_within(test.node).any(|c| {
        c.node != call.node
            && c.node.start_byte() <= call.node.start_byte()
            && c.node.end_byte() >= call.node.end_byte()
            && (c.local && c.name == "for" || c.in_module("Enum") && matches!(c.name, "each" | "map"))
    });
    let sleeps_after = in_loop && file.calls_within(test.node).any(|c| {
        c.is("Process", "sleep")
            && c.node.start_byte() > call.node.end_byte()
            && c.arg(0).is_some_and(|a| {
                a.kind_id() == k.integer
                    && file.text(a).replace('_', "").parse::<u64>().is_ok_and(|ms| ms >= 1_000)
            })
    });
    if sleeps_after {
        return Some(TaskCall::Ends);
    }
    let server = errand
        .arg(0)
        .filter(|a| a.kind_id() == k.identifier)
        .map(|a| file.text(a))?;
    // `{:ok, pool} = Postgrex.start_link(opts)` earlier in the test, or in a setup or
    // helper of the file whose result reaches the test through its context.
    // The call is a client function of the server's own module (`Postgrex.query!` on
    // a `Postgrex.start_link` pool), not code that may loop over it.
    let binds_server = |c: &Call| {
        c.name == "start_link"
            && c.module.is_some()
            && c.module == errand.module
            && super::no_sleep::match_left(file, c).is_some_and(|l| {
                ast::descendants(l).chain([l]).any(|n| n.kind_id() == k.identifier && file.text(n) == server)
            })
    };
    let in_test = |c: &&Call| test.node.byte_range().contains(&c.node.start_byte());
    let started_here = file
        .calls
        .iter()
        .filter(in_test)
        .any(|c| c.node.start_byte() < call.node.start_byte() && binds_server(c));
    let started_in_setup = super::no_raw_spawn::from_context(file, test, server)
        && file.calls.iter().any(|c| {
            binds_server(c) && (c.ctx.test.is_none() || file.test(&c.ctx).is_some_and(|t| t.kind == TestKind::Setup))
        });
    (started_here || started_in_setup).then_some(TaskCall::OnTestServer(server))
}

/// `Endpoint.start_link()` in `setup_all`, where `Endpoint` is a module this file
/// defines, or `Absinthe.Subscription.start_link(PubSub)` whose arguments are all
/// such modules; the call passes no `name:` of its own.
fn defined_here_unnamed(file: &File, call: &Call) -> bool {
    let defined_here = |m: &str| file.modules.iter().any(|d| d.name == m);
    // `Absinthe.Subscription.start_link(PubSub)` with `PubSub` a module of this file:
    // a library process named after the module it is given.
    let for_local_module = !call.args.is_empty()
        && call.args.iter().all(|a| {
            a.kind_id() == grammar().kinds.alias && defined_here(&file.module_at(file.text(*a), a.start_byte()))
        });
    name_option(file, &call.args).is_none() && (call.module.as_deref().is_some_and(defined_here) || for_local_module)
}

/// The opt-in (`unnamed_linked`) info note on a linked start with no visible name,
/// with the move under the test supervisor as its fix.
fn report_unnamed(report: &mut Report, file: &File, call: &Call, message: String) {
    let d = report.add(file, &call.ctx, call.expr.byte_range(), message);
    d.severity(Severity::Info);
    if let Some(fix) = supervised_fix(file, call) {
        d.fix(fix);
    }
}

/// The start's options are a keyword list written out in the call, without `name:`.
fn unnamed_by_options(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let written_out = call.args.last().is_some_and(|a| {
        a.kind_id() == k.keywords || a.kind_id() == k.list && ast::named_children(*a).next().is_some_and(|c| c.kind_id() == k.keywords)
    });
    // `Agent.start_link(fn -> 0 end)`, `GenServer.start_link(Worker, arg)`: the forms
    // without an options list register no name (R44 spandex_datadog's counter agent).
    let no_options_form = matches!(
        (call.module.as_deref(), call.name, call.arity),
        (Some("Agent"), "start_link" | "start", 1 | 3)
            | (Some("GenServer"), "start_link" | "start", 2)
            | (Some("Task"), "start_link" | "start", 1 | 3)
    );
    (written_out || no_options_form) && name_option(file, &call.args).is_none()
}

/// How the started process is registered, as far as this file shows.
#[derive(PartialEq, Eq)]
enum Registration {
    /// `name: MyApp.Cache`, `name: __MODULE__`, `{:global, :cache}`, or a module of
    /// this file whose `start_link` registers such a name: the next test's start
    /// clashes with it.
    Fixed,
    /// `name: context.test`, a unique integer, a variable: no clash to expect.
    PerTest,
    /// No `name:` and a module defined elsewhere.
    Unknown,
}

fn registration(file: &File, call: &Call) -> Registration {
    if let Some(name) = name_option(file, &call.args) {
        return if is_fixed_name(file, name) {
            Registration::Fixed
        } else {
            Registration::PerTest
        };
    }
    let Some(module) = call.module.as_deref() else {
        return Registration::Unknown;
    };
    let registers_fixed = file.modules.iter().any(|m| {
        m.name == module
            && file.defs.iter().any(|d| {
                d.name == "start_link"
                    && d.module.is_some_and(|dm| file.modules[dm as usize].name == module)
                    && file.calls_within(d.node).any(|c| {
                        c.name == "start_link"
                            && name_option(file, &c.args).is_some_and(|n| is_fixed_name(file, n))
                    })
            })
    });
    if registers_fixed {
        Registration::Fixed
    } else {
        Registration::Unknown
    }
}

/// The `name:` option among a start call's arguments (trailing keywords or a list).
/// With several arguments the options are the last one: a `name:` inside the
/// init argument (`X.start_link([name: :batcher, ...], [])`) is data the process
/// keeps, not the name it registers.
fn name_option<'t>(file: &File<'t>, args: &[Node<'t>]) -> Option<Node<'t>> {
    let k = &grammar().kinds;
    let options = if args.len() > 1 { &args[args.len() - 1..] } else { args };
    options.iter().rev().find_map(|&arg| {
        if arg.kind_id() == k.list {
            ast::named_children(arg).find_map(|c| ast::keyword_value(c, file.src, "name"))
        } else {
            ast::keyword_value(arg, file.src, "name")
        }
    })
}

/// A name that is the same in every test: a module, `__MODULE__`, an atom, or a
/// `{:global, _}`/`{:via, _, _}` tuple with such a key.
fn is_fixed_name(file: &File, name: Node) -> bool {
    let k = &grammar().kinds;
    let text = file.text(name);
    if name.kind_id() == k.tuple {
        return ast::named_children(name)
            .skip(1)
            .last()
            .is_some_and(|key| is_fixed_name(file, key) || key.kind_id() == k.string && !text.contains("#{"));
    }
    name.kind_id() == k.alias
        || text == "__MODULE__"
        || (name.kind_id() == k.atom)
        || (name.kind_id() == k.quoted_atom && !text.contains("#{"))
}

/// The start's `name:` is `__MODULE__` (the test module) or an atom that begins with
/// the enclosing module's own name, written out or as `#{__MODULE__}` /
/// `#{inspect(__MODULE__)}`, directly or through
/// a variable bound to it earlier in the same block (`name = :"MyTest.Ring.#{n}"`).
fn named_after_own_module(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let (Some(name), Some(module), Some(test)) = (name_option(file, &call.args), file.module(&call.ctx), file.test(&call.ctx)) else {
        return false;
    };
    let value = if name.kind_id() == k.identifier {
        let var = file.text(name);
        let bound = ast::descendants(test.node)
            .take_while(|n| n.start_byte() < call.node.start_byte())
            .filter(|n| ast::is_binary_op(*n, file.src, "="))
            .filter(|n| ast::field(*n, grammar().fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == var))
            .last();
        match bound.and_then(|b| ast::field(b, grammar().fields.right)) {
            Some(v) => v,
            None => return false,
        }
    } else {
        name
    };
    if file.text(value) == "__MODULE__" {
        return true;
    }
    if value.kind_id() != k.quoted_atom {
        return false;
    }
    let text = file.text(value).trim_start_matches(":\"").trim_start_matches("Elixir.").trim_end_matches('"');
    let spelled = |prefix: &str| text.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '_', '-']));
    spelled(&module.name) || spelled("#{__MODULE__}") || spelled("#{inspect(__MODULE__)}")
}

/// `Some(true)` for `X.start_link(...)`, `Some(false)` for the unlinked `start`s.
fn start_kind(call: &Call) -> Option<bool> {
    if call.capture || call.local || call.dynamic || call.via_apply {
        return None;
    }
    let module = call.module.as_deref()?;
    match call.name {
        "start_link" => Some(true),
        "start"
            if matches!(
                module,
                "GenServer" | "Agent" | "Task" | ":gen_server" | ":gen_statem"
            ) =>
        {
            Some(false)
        }
        _ => None,
    }
}

/// Inside the arguments of `start_supervised(...)` and friends, e.g. a child spec.
fn inside_supervised_start(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    file.calls_within(test.node).any(|c| {
        c.local
            && SUPERVISED_STARTERS.contains(&c.name)
            && c.arguments
                .is_some_and(|a| a.byte_range().contains(&call.node.start_byte()))
    })
}

/// `assert {:error, _} = X.start_link(bad)`: the test checks that starting fails.
fn expects_failure(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(parent) = call.parent else {
        return false;
    };
    let src = file.src;
    let other = if ast::is_binary_op(parent, src, "=") {
        ast::field(parent, grammar().fields.left)
    } else if ast::is_binary_op(parent, src, "==") || ast::is_binary_op(parent, src, "===") {
        let (l, r) = (
            ast::field(parent, grammar().fields.left),
            ast::field(parent, grammar().fields.right),
        );
        if l == Some(call.expr) { r } else { l }
    } else {
        None
    };
    other.is_some_and(|p| {
        let head = if p.kind_id() == k.tuple {
            p.named_child(0)
        } else {
            Some(p)
        };
        head.and_then(|h| ast::atom_name(h, src))
            .is_some_and(|a| matches!(a, "error" | "ignore"))
    })
}

/// `case X.start_link(opts) do ... {:error, {:already_started, _}} -> ... end`: the test
/// expects the process may already run (the application starts it under its own
/// supervisor), and then the start links nothing; `start_supervised!/1` would raise
/// on that same `already_started`.
fn tolerates_already_started(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(case) = call
        .parent
        .filter(|p| p.kind_id() == k.arguments)
        .and_then(|args| args.parent())
        .filter(|c| ast::local_call_name(*c, file.src) == Some("case"))
    else {
        return false;
    };
    let Some(block) = ast::call_do_block(case) else {
        return false;
    };
    ast::named_children(block)
        .filter(|clause| clause.kind_id() == k.stab_clause)
        .filter_map(|clause| ast::field(clause, grammar().fields.left))
        .any(|pattern| file.text(pattern).contains(":already_started"))
}

/// `assert_raise ArgumentError, fn -> X.start_link(bad) end` (or `catch_exit`): the
/// test expects the start to fail.
fn inside_failure_check(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    file.calls_within(test.node).any(|c| {
        c.local
            && matches!(c.name, "assert_raise" | "catch_exit" | "catch_error" | "catch_throw")
            && c.arguments
                .is_some_and(|a| a.byte_range().contains(&call.node.start_byte()))
    })
}

/// The process-starting modules that `start_supervised` itself is built on.
const PRIMITIVES: &[&str] = &[
    "GenServer", "Agent", "Task", "Supervisor", "DynamicSupervisor", "PartitionSupervisor",
    "Registry", "Task.Supervisor",
];

/// `DynamicSupervisor.start_link(...)` in `DynamicSupervisorTest`: the tests of a
/// process primitive start it by hand, since the test supervisor is built on it and
/// its start options are what they check.
fn tests_the_primitive(file: &File, call: &Call) -> bool {
    let Some(module) = call.module.as_deref().filter(|m| PRIMITIVES.contains(m)) else {
        return false;
    };
    file.module(&call.ctx)
        .and_then(|m| m.name.strip_suffix("Test"))
        .is_some_and(|tested| tested == module)
}

/// `{:ok, pid} = X.start_link(opts)` followed by `{:error, {:already_started, ^pid}} =
/// X.start_link(opts)`: the same test also starts `X` expecting a failure, so the
/// start itself (naming, uniqueness, its return values) is what it tests.
fn tests_the_start(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    file.calls_within(test.node).any(|other| {
        other.node != call.node
            && other.name == call.name
            && other.module == call.module
            && expects_failure(file, other)
    })
}

/// `test "start_link/3 with a name"`: `{:ok, pid} = X.start_link(..., name: X)`, then
/// an assertion on the link (`assert pid in links` after `Process.info(self(), :links)`)
/// or on the registered name (`assert Process.whereis(X) == pid`). The test is named
/// after `start_link` and checks what `start_link` does, so the start is its subject.
fn start_link_is_subject(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx).filter(|t| t.kind == TestKind::Test) else {
        return false;
    };
    if call.name != "start_link" || !test.name.contains("start_link") {
        return false;
    }
    let Some(pid) = super::no_sleep::ok_tuple_pid(file, call) else {
        return false;
    };
    let names_pid = |n: Node| {
        file.text(n)
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|w| w == pid)
    };
    file.calls_within(test.node)
        .filter(|c| c.node.start_byte() > call.node.end_byte() && c.local && c.name == "assert")
        .filter(|check| names_pid(check.node))
        .any(|check| {
            let on_name = file.calls_within(check.node).any(|c| c.is("Process", "whereis"));
            let on_link = check.arg(0).is_some_and(|claim| {
                ast::is_binary_op(claim, file.src, "in")
                    && ast::field(claim, grammar().fields.right).is_some_and(|r| file.text(r).contains("links"))
            });
            on_name || on_link
        })
}

/// `{:ok, pid} = X.start_link(arg)`, then `Process.monitor(pid)` and a wait for its
/// `:DOWN` (or, with exits trapped, for `{:EXIT, ^pid, _}`): the process is meant to
/// end within the test, which watches it go (a crash being logged, a command that
/// exits).
fn waits_for_its_end(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let Some(left) = super::no_sleep::match_left(file, call).filter(|l| l.kind_id() == k.tuple) else {
        return false;
    };
    let Some(pid) = left.named_child(1).filter(|p| p.kind_id() == k.identifier) else {
        return false;
    };
    let pid = file.text(pid);
    let monitored = file.calls_within(test.node).any(|c| {
        c.node.start_byte() > call.node.end_byte()
            && c.is("Process", "monitor")
            && c.arg(0).is_some_and(|a| file.text(a) == pid)
    });
    let tagged_after = |tag: &str| {
        file.nodes_within(k.tuple, test.node).any(|n| {
            n.start_byte() > call.node.end_byte()
                && n.named_child(0)
                    .is_some_and(|a| ast::atom_name(a, file.src) == Some(tag))
                && (tag == "DOWN" || n.named_child(1).is_some_and(|p| file.text(p) == format!("^{pid}")))
        })
    };
    // Monitored and awaited, or linked with exits trapped and `{:EXIT, ^pid, _}` awaited.
    monitored && tagged_after("DOWN") || tagged_after("EXIT")
}

/// `{:ok, pid} = X.start_link(...)` and later in the test `GenServer.stop(pid)` (or
/// `Agent.stop`, `Supervisor.stop`, `Process.exit`), or `Supervisor.stop(X)` by the
/// module's name, or a stop of `Process.whereis(X)`: the test ends the process itself.
fn stopped_by_test(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let pid = bound_pid(file, call);
    let module = started_module(file, call);
    file.calls_within(test.node)
        .filter(|c| c.node.start_byte() > call.node.end_byte())
        .any(|c| stops(file, c, pid, module))
}

/// `X` of `X.start_link(...)`, as written: a module that starts itself usually
/// registers under its own name (`Supervisor.stop(X)`).
fn started_module<'t>(file: &File<'t>, call: &Call<'t>) -> Option<&'t str> {
    let written = file.text(call.target);
    written
        .strip_suffix(call.name)
        .and_then(|m| m.strip_suffix('.'))
        .filter(|m| m.starts_with(|c: char| c.is_ascii_uppercase()) && *m != "GenServer")
}

/// Does `c` stop the started process: by its pid, by the module's name, or by a pid
/// looked up with `Process.whereis(X)` just before?
fn stops(file: &File, c: &Call, pid: Option<&str>, module: Option<&str>) -> bool {
    // `Redix.stop(conn)` after `Redix.start_link(...)`: the started module's own stop.
    let own_stop = c.name == "stop"
        && module.is_some_and(|m| file.text(c.target).strip_suffix(".stop").is_some_and(|w| w == m));
    let is_stop = c.is("GenServer", "stop")
        || c.is("Agent", "stop")
        || c.is("Supervisor", "stop")
        || c.is("Process", "exit")
        || own_stop
        || stop_helper(file, c);
    let Some(target) = c.arg(0).filter(|_| is_stop).map(|a| file.text(a)) else {
        return false;
    };
    Some(target) == pid
        || Some(target) == module
        || module.is_some_and(|m| {
            file.calls_within(c.ctx.func.map_or(c.node, |_| enclosing_fn(file, c)))
                .any(|w| {
                    w.is("Process", "whereis")
                        && w.arg(0).is_some_and(|a| file.text(a) == m)
                        && super::no_sleep::match_left(file, w).is_some_and(|l| file.text(l) == target)
                })
        })
}

/// `stop_process(sup)`: a test helper named for a stop (`stop_*`, `kill_*`,
/// `*_stop`, `shutdown*`, `terminate*`), imported from the suite's helpers or defined
/// in this file. One defined here must stop something itself (`Process.exit/2`,
/// `GenServer.stop`, `Supervisor.stop`); an imported one is taken at its name.
fn stop_helper(file: &File, c: &Call) -> bool {
    let named = c.name.starts_with("stop")
        || c.name.starts_with("kill")
        || c.name.ends_with("_stop")
        || c.name.starts_with("shutdown")
        || c.name.starts_with("terminate");
    if !(named && c.local && c.module.is_none() && !c.dynamic) {
        return false;
    }
    let mut defs = file.defs.iter().filter(|d| d.name == c.name).peekable();
    defs.peek().is_none()
        || defs.any(|d| {
            file.calls_within(d.node).any(|s| {
                s.is("Process", "exit") || s.is("GenServer", "stop") || s.is("Supervisor", "stop") || s.is("Agent", "stop")
            })
        })
}

/// The body of the innermost `fn` around `c`.
fn enclosing_fn<'t>(file: &File<'t>, c: &Call<'t>) -> Node<'t> {
    file.innermost_fn(c.node).map_or(c.node, |f| f.node)
}

/// A `setup` of the test's module registers an `on_exit` that stops the started
/// process (`if pid = Process.whereis(X), do: Supervisor.stop(pid)`). `on_exit` runs
/// after the test process is gone and waits for the stop, so whatever the name, the
/// process is gone before the next test.
fn stopped_on_exit(file: &File, call: &Call) -> bool {
    let module = started_module(file, call);
    let name = name_option(file, &call.args).map(|n| file.text(n).to_string());
    // `{:ok, pid} = X.start_link(...)`: the stop names the pid, not the tuple.
    let k = &grammar().kinds;
    let pid = super::no_sleep::match_left(file, call)
        .map(|l| if l.kind_id() == k.tuple { l.named_child(1).unwrap_or(l) } else { l })
        .map(|l| file.text(l));
    file.calls_named("on_exit")
        .filter(|on_exit| on_exit.ctx.module == call.ctx.module)
        .filter(|on_exit| {
            on_exit.ctx.test == call.ctx.test
                || file
                    .test(&on_exit.ctx)
                    .is_some_and(|t| t.kind == TestKind::Setup)
        })
        .any(|on_exit| {
            file.calls_within(on_exit.node)
                .any(|c| stops(file, c, pid.filter(|_| on_exit.ctx.test == call.ctx.test), module))
                || call.name == "start_link" && awaits_down_of(file, on_exit.node, name.as_deref())
        })
}

/// [`stopped_on_exit`] by an `on_exit` that only waits for the linked process's
/// `:DOWN` (see [`awaits_down_of`]).
fn freed_on_exit(file: &File, call: &Call) -> bool {
    let name = name_option(file, &call.args).map(|n| file.text(n));
    call.name == "start_link"
        && file
            .calls_named("on_exit")
            .filter(|on_exit| on_exit.ctx.module == call.ctx.module)
            .any(|on_exit| awaits_down_of(file, on_exit.node, name))
}

/// `on_exit(fn -> ref = Process.monitor(Verk.Redis); assert_receive {:DOWN, ^ref, _,
/// _, _} end)` for a process the test's setup linked under that name: the link ends it
/// with the test process, and `on_exit` waits until it is gone, so the name is free
/// before the next test (R39 verk).
fn awaits_down_of(file: &File, on_exit: Node, name: Option<&str>) -> bool {
    let Some(name) = name else { return false };
    let monitors = file
        .calls_within(on_exit)
        .any(|c| c.is("Process", "monitor") && c.arg(0).is_some_and(|a| file.text(a) == name));
    let awaits = file.calls_within(on_exit).any(|c| {
        matches!(c.name, "assert_receive" | "assert_received" | "receive") && file.text(c.node).contains(":DOWN")
    });
    monitors && awaits
}

/// The fix for the plain shapes:
/// - `{:ok, pid} = X.start_link(arg)` → `pid = start_link_supervised!({X, arg})`;
/// - `X.start_link(arg)` as a statement → `start_link_supervised!({X, arg})`;
/// - `GenServer.start_link(X, arg, opts)` → `start_supervised!(%{id: X, start: {GenServer, :start_link, [X, arg, opts]}})`.
///
/// A later `GenServer.stop(pid)` would now be undone: the test supervisor restarts a
/// `:permanent` child. The fix rewrites it to `stop_supervised!(X)` where it can, and
/// names every other stop in its title for the reviewer.
fn supervised_fix(file: &File, call: &Call) -> Option<Fix> {
    let g = grammar();
    let k = &g.kinds;
    if call.name != "start_link"
        || call.piped
        || call.do_block.is_some()
        || !super::no_sleep::in_test_process(call)
    {
        return None;
    }
    let arguments = call.arguments?;
    if arguments.named_child_count() != call.args.len() {
        return None; // comments inside the argument list
    }
    let receiver = ast::field(call.target, g.fields.left)?;
    if receiver.kind_id() != k.alias {
        return None;
    }
    let module = file.text(receiver);
    let args: Vec<&str> = call.args.iter().map(|a| file.text(*a)).collect();
    // The child id as written here, when it is a module name.
    let mut child_id: Option<&str> = None;
    // The argument of a `{X, arg}` child spec.
    let mut tuple_arg: Option<&str> = None;
    let replacement = match (call.module.as_deref(), args.as_slice()) {
        (Some("GenServer"), [server, rest @ ..]) if matches!(rest.len(), 1 | 2) => {
            let server_node = call.arg(0)?;
            if server_node.kind_id() != k.alias {
                return None;
            }
            let id = if needs_unique_id(file, call, server) {
                make_ref(file, call)?
            } else {
                child_id = Some(server);
                server.to_string()
            };
            format!(
                "start_supervised!(%{{id: {id}, start: {{{module}, :start_link, [{}]}}}})",
                args.join(", ")
            )
        }
        (Some("GenServer" | "Supervisor" | ":gen_server"), _) => return None,
        (Some(_), [arg]) if needs_unique_id(file, call, module) => {
            let make_ref = make_ref(file, call)?;
            format!("start_link_supervised!({{{module}, {arg}}}, id: {make_ref})")
        }
        (Some(_), [arg]) => {
            child_id = Some(module);
            tuple_arg = Some(*arg);
            format!("start_link_supervised!({{{module}, {arg}}})")
        }
        _ => return None,
    };
    let starter = replacement.split('(').next().unwrap_or("");
    let mut edits = vec![Edit::replace(call.node.byte_range(), replacement.clone())];
    let mut pid = None;
    if !super::no_sleep::is_statement_call(call) {
        // `{:ok, pid} = X.start_link(arg)` as a statement.
        let left = super::no_sleep::match_left(file, call)?;
        let matched = call.parent?;
        if !file.parent(matched).is_some_and(super::no_sleep::is_block) || left.kind_id() != k.tuple {
            return None;
        }
        let parts: Vec<Node> = ast::statements(left).collect();
        let [ok, pid_node] = parts.as_slice() else {
            return None;
        };
        if ast::atom_name(*ok, file.src) != Some("ok") || pid_node.kind_id() != k.identifier {
            return None;
        }
        let pid_text = file.text(*pid_node);
        if pid_text == "_" {
            edits.push(Edit::delete(left.start_byte()..call.node.start_byte()));
        } else {
            edits.push(Edit::replace(left.byte_range(), pid_text));
            pid = Some(pid_text).filter(|p| !p.starts_with('_'));
        }
    }
    let id = child_id.map(|written| (written, file.module_at(written, call.node.start_byte())));
    let stops = later_stops(file, call, pid, id);
    let mut title = format!("Start it with `{starter}`");
    if !stops.rewritten.is_empty() {
        title.push_str(" and stop it with `stop_supervised!/1`");
        edits.extend(stops.rewritten);
        if let Some(arg) = tuple_arg {
            // A module's own `child_spec/1` may pick another id (`opts[:id]`): name it.
            edits[0] = Edit::replace(
                call.node.byte_range(),
                format!("start_link_supervised!({{{module}, {arg}}}, id: {module})"),
            );
        }
    }
    if !stops.notes.is_empty() {
        title.push_str(&format!(" (review: {})", stops.notes.join("; ")));
    }
    Some(Fix::unsafe_(title, edits))
}

/// What the fix does about the stops that follow the start.
struct Stops {
    /// `GenServer.stop(pid)` → `stop_supervised!(X)`.
    rewritten: Vec<Edit>,
    /// What the reviewer must check, one clause each.
    notes: Vec<String>,
}

/// A call that stops or kills a process: `GenServer.stop/1..3` and friends,
/// `Process.exit/2`.
fn is_stop(c: &Call) -> bool {
    if c.capture || c.via_apply {
        return false;
    }
    match (c.module.as_deref(), c.name) {
        (Some("GenServer" | "Agent" | "Supervisor" | ":gen_server" | ":gen_statem"), "stop") => {
            (1..=3).contains(&c.arity)
        }
        (Some("Process" | ":erlang"), "exit") => c.arity == 2,
        _ => false,
    }
}

/// The stops after `call` that may hit the process it starts: in the same test or
/// setup, and for a start in a `setup`, in every test of the module. A stop of `pid`
/// in the test process, with the default reason and a known child id, is rewritten.
fn later_stops(file: &File, call: &Call, pid: Option<&str>, id: Option<(&str, String)>) -> Stops {
    let mut stops = Stops {
        rewritten: Vec::new(),
        notes: Vec::new(),
    };
    let Some(test) = file.test(&call.ctx) else {
        return stops;
    };
    let same_block = file
        .calls_within(test.node)
        .filter(|c| c.node.start_byte() > call.node.end_byte());
    let in_tests: Vec<&Call> = if test.kind == TestKind::Test {
        Vec::new()
    } else {
        file.tests
            .iter()
            .filter(|t| {
                t.kind == TestKind::Test
                    && t.module == test.module
                    && (test.describe.is_none() || t.describe == test.describe)
            })
            .flat_map(|t| file.calls_within(t.node))
            .collect()
    };
    for stop in same_block.chain(in_tests).filter(|c| is_stop(c)) {
        let shown = format!(
            "`{}` on line {}",
            super::no_sleep::one_line(file.text(stop.expr)),
            file.src[..stop.node.start_byte()].matches('\n').count() + 1
        );
        let target = stop.arg(0).map(|a| (a, file.text(a)));
        let same_test = stop.ctx.test == call.ctx.test;
        let of_pid = same_test && pid.is_some() && target.map(|t| t.1) == pid;
        // Another variable of the same test holds another process.
        if same_test
            && pid.is_some()
            && !of_pid
            && target.is_some_and(|(a, _)| a.kind_id() == grammar().kinds.identifier)
        {
            continue;
        }
        if !super::no_sleep::in_test_process(stop) {
            stops.notes.push(format!(
                "{shown} runs outside the test process (in `on_exit`, after the test supervisor has stopped it): drop it unless it tolerates a dead process"
            ));
            continue;
        }
        if of_pid
            && let Some(edit) = stop_supervised(file, stop, id.as_ref())
        {
            stops.rewritten.push(edit);
            continue;
        }
        let what = if of_pid { "stops it" } else { "may stop it" };
        stops.notes.push(format!(
            "{shown} {what}, and the test supervisor restarts it; stop it with `stop_supervised!/1`"
        ));
    }
    stops
}

/// `GenServer.stop(pid)` (or with the reason `:normal`) → `stop_supervised!(X)`, with
/// `X` written so that it names the child's module at the stop.
fn stop_supervised(file: &File, stop: &Call, id: Option<&(&str, String)>) -> Option<Edit> {
    let (written, module) = id?;
    if stop.name != "stop" || stop.piped {
        return None;
    }
    let default_reason = stop.arity == 1
        || stop.arg(1).is_some_and(|r| file.text(r) == ":normal") && stop.arity == 2;
    if !default_reason {
        return None;
    }
    let at = stop.node.start_byte();
    let id = if file.module_at(written, at) == *module {
        written.to_string()
    } else {
        file.module_spelling(module, at)
    };
    Some(Edit::replace(
        stop.node.byte_range(),
        format!("stop_supervised!({id})"),
    ))
}

/// `make_ref()`, or `Kernel.make_ref()` where a local or imported one may capture it.
fn make_ref(file: &File, call: &Call) -> Option<String> {
    let at = call.node.start_byte();
    file.call_text(&call.ctx, at, "Kernel", "make_ref", 0)
        .map(|f| format!("{f}()"))
}

/// The test supervisor refuses a second running child with the same id: does the
/// test (with its module's `setup`s) start `id` more than once, or in a loop?
fn needs_unique_id(file: &File, call: &Call, id: &str) -> bool {
    if call.ctx.in_loop {
        return true;
    }
    let last = |s: &str| s.rsplit('.').next().unwrap_or(s).to_string();
    let id = last(id);
    let k = &grammar().kinds;
    let starts_id = |c: &Call| -> bool {
        if c.node == call.node {
            return false;
        }
        if c.local && SUPERVISED_STARTERS.contains(&c.name) {
            return c.arg(0).is_some_and(|spec| {
                let head = if spec.kind_id() == k.tuple {
                    spec.named_child(0)
                } else {
                    Some(spec)
                };
                head.is_some_and(|h| h.kind_id() == k.alias && last(file.text(h)) == id)
            });
        }
        if c.name != "start_link" || start_kind(c).is_none() {
            return false;
        }
        let named = if c.in_module("GenServer") {
            c.arg(0)
        } else {
            c.target.named_child(0)
        };
        named.is_some_and(|n| n.kind_id() == k.alias && last(file.text(n)) == id)
    };
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let setups = file
        .tests
        .iter()
        .filter(|t| t.module == test.module && t.kind == TestKind::Setup)
        // A `setup` inside a `describe` runs for that describe's tests only.
        .filter(|t| t.describe.is_none() || t.describe == test.describe);
    std::iter::once(test)
        .chain(setups)
        .flat_map(|t| file.calls_within(t.node))
        .any(starts_id)
}

/// What the project pass needs from a file: the linked starts in a test (not in a
/// `setup`) under a fixed name that nothing else in the file mentions, every atom
/// and alias the file mentions, and which test/support code the file drives.
struct NameFacts {
    /// (start byte of the finding, the name as written).
    private_starts: Vec<(usize, String)>,
    mentions: NameSet,
    reach: Reach,
    /// (start byte of a finding on `Target.start_link(...)`, `Target`), in tests.
    start_links: Vec<(usize, String)>,
    /// Project modules whose `start_link` links nothing (it asks a supervisor
    /// elsewhere to start the process).
    unlinked: Vec<String>,
    /// (start byte of a finding on `Target.start_link()` in `setup_all`, with no
    /// arguments, `Target`): a process registered under its module's name, if at all.
    setup_all_starts: Vec<(usize, String)>,
    /// The file's code can start processes (lib, tests, test support), unlike config.
    runs: bool,
    /// `test_helper.exs`: it runs once before every module, so the support code it
    /// drives (starting a PubSub) is not thereby shared between test modules.
    test_helper: bool,
    /// (start byte of a finding, module, callback, tag, size): a start in a test whose
    /// next statement sends the process that message ([`Ending::Told`]).
    told_to_end: Vec<(usize, String, String, String, usize)>,
    /// (module, callback, tag, size): the messages that end a process of the module
    /// ([`ending_messages`]).
    ending: Vec<(String, String, String, usize)>,
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    let k = &grammar().kinds;
    let private_starts = if file.scope == crate::FileScope::Test {
        file.calls_named("start_link")
            .filter_map(|call| Some((call, private_fixed_name(file, call)?)))
            .map(|(call, name)| (call.expr.start_byte(), name.to_string()))
            .collect()
    } else {
        Vec::new()
    };
    let event_atoms = event_name_atoms(file);
    let mentions = [k.atom, k.alias]
        .iter()
        .flat_map(|&kind| file.nodes_of(kind))
        .filter_map(|&n| {
            if n.kind_id() == k.atom {
                ast::atom_name(n, file.src).filter(|_| !event_atoms.contains(&n.id()))
            } else if n.kind_id() == k.alias {
                Some(file.text(n))
            } else {
                None
            }
        })
        .collect();
    let reach = reach_of(file);
    let start_links = if file.scope == crate::FileScope::Test {
        file.calls_named("start_link")
            .filter_map(|c| Some((c.expr.start_byte(), c.module.clone().filter(|m| !crate::runtime::is_runtime_module(m))?)))
            .collect()
    } else {
        Vec::new()
    };
    let setup_all_starts = if file.scope == crate::FileScope::Test {
        file.calls_named("start_link")
            // No arguments: nothing but the module itself can name the process.
            .filter(|c| start_kind(c) == Some(true) && !c.ctx.other_process && c.arity == 0)
            .filter(|c| file.test(&c.ctx).is_some_and(|t| t.kind == TestKind::SetupAll))
            .filter_map(|c| Some((c.expr.start_byte(), c.module.clone().filter(|m| m.starts_with(|ch: char| ch.is_ascii_uppercase()) && !crate::runtime::is_runtime_module(m))?)))
            .collect()
    } else {
        Vec::new()
    };
    let unlinked = file
        .modules
        .iter()
        .filter(|m| crate::rules::otp::unsupervised_start::start_link_links_nothing(file, m))
        .map(|m| m.name.clone())
        .collect();
    let told_to_end = if file.scope == crate::FileScope::Test {
        file.calls_named_any(&["start_link", "start"])
            .into_iter()
            .filter(|c| start_kind(c).is_some())
            .filter_map(|c| match ended_next(file, c)? {
                Ending::Told { module, callback, tag, size } => Some((c.expr.start_byte(), module, callback.to_string(), tag, size)),
                Ending::Stopped => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    let ending = file
        .modules
        .iter()
        .flat_map(|m| ending_messages(file, m).into_iter().map(|(callback, tag, size)| (m.name.clone(), callback, tag, size)))
        .collect();
    Some(Box::new(NameFacts {
        private_starts,
        mentions,
        reach,
        start_links,
        unlinked,
        setup_all_starts,
        runs: file.scope != crate::FileScope::Other,
        test_helper: file.path.ends_with("test_helper.exs"),
        told_to_end,
        ending,
    }))
}

/// The atoms (node ids) of the file's telemetry event names: each list of them is
/// an `is_event_name`. Found from the lists, since climbing from each atom to its
/// list costs the atom's depth.
fn event_name_atoms(file: &File) -> std::collections::HashSet<usize> {
    let k = &grammar().kinds;
    file.nodes_of(k.list)
        .iter()
        .filter(|list| list.named_child_count() >= 2 && ast::named_children(**list).all(|e| e.kind_id() == k.atom))
        .filter(|list| is_event_name(file, **list))
        .flat_map(|list| ast::named_children(*list).map(|atom| atom.id()))
        .collect()
}

/// `[:my_app, :orders_cache, :cache]` in `@prefix [...]` or in
/// `:telemetry.execute([:my_app, :orders_cache, :stop], ...)`: a telemetry event
/// name, whose atoms are segments, not process names. The list (of atoms only) is
/// joined with `++`, given to a telemetry call, or named as a prefix or event.
fn is_event_name(file: &File, list: Node) -> bool {
    let k = &grammar().kinds;
    let Some(holder) = file.parent(list) else {
        return false;
    };
    let named_as_event = |name: &str| name.contains("prefix") || name.contains("event");
    if ast::is_binary_op(holder, file.src, "++") {
        return true;
    }
    if holder.kind_id() == k.arguments {
        return file.parent(holder).is_some_and(|call| {
            ast::local_call_name(call, file.src).is_some_and(named_as_event)
                || file.calls_within(call).any(|c| {
                    c.arguments == Some(holder)
                        && (matches!(c.module.as_deref(), Some(":telemetry" | "Telemetry"))
                            || matches!(c.name, "execute" | "span" | "attach" | "attach_many"))
                })
        });
    }
    if ast::is_binary_op(holder, file.src, "=") {
        return ast::field(holder, grammar().fields.left).is_some_and(|l| named_as_event(file.text(l)));
    }
    holder.kind_id() == k.pair && holder.named_child(0).is_some_and(|key| named_as_event(file.text(key)))
}

/// `{:ok, _} = Registry.start_link(keys: :unique, name: DynSup.Registry)` in a test:
/// a name, other than the started module's own, that no other test or helper of
/// the file mentions. The name (an atom or alias as written) if so.
fn private_fixed_name(file: &File, call: &Call) -> Option<String> {
    let k = &grammar().kinds;
    let test = file.test(&call.ctx)?;
    let range = match test.kind {
        TestKind::Test => test.node.byte_range(),
        // The `setup` of a `describe` with a single test starts it once.
        TestKind::Setup => {
            let describe = file.tests.get(test.describe? as usize)?;
            let tests = file
                .tests
                .iter()
                .filter(|t| t.kind == TestKind::Test && t.describe == test.describe)
                .count();
            (tests == 1).then(|| describe.node.byte_range())?
        }
        _ => return None,
    };
    let Some(option) = name_option(file, &call.args) else {
        return own_module_name(file, call, &range).map(str::to_string);
    };
    let local = option.kind_id() != k.tuple;
    // A registry the module's `setup` starts for each test holds only that test's
    // names (R41 elsa: `{:via, Elsa.Registry, {@registry, :agent}}`).
    if let Some(registry) = registry_of_via(file, option).filter(|r| started_by_setup(file, call, file.text(*r))) {
        return Some(file.text(registry).to_string());
    }
    let name = if local { option } else { registry_of_via(file, option).or_else(|| ast::named_children(option).last())? };
    if local && file.text(name) == "__MODULE__" {
        return test_module_name(file, call, &range);
    }
    if name.kind_id() != k.alias && name.kind_id() != k.atom {
        return None;
    }
    let written = file.text(name);
    let started = started_module(file, call).or_else(|| call.arg(0).map(|a| file.text(a)));
    if started == Some(written) {
        return None;
    }
    let own_modules = modules_only_named_within(file, &range);
    let outside = file.src.match_indices(written).any(|(at, _)| {
        let part_of_word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
        let word_end = ends_name(&file.src[at + written.len()..]);
        // `MfaBucket` and `Pool.Bucket` are other names than `Bucket` (R41 opq).
        let word_start = file.src[..at].chars().next_back().is_none_or(|c| !part_of_word(c));
        // A local name does not clash with the same atom under `:global` or a `:via`
        // module: those are other registries.
        word_start
            && word_end
            && !range.contains(&at)
            && !(local && in_other_registry(file, at))
            && !own_modules.iter().any(|m| m.contains(&at))
    });
    (!outside).then(|| written.to_string())
}

/// `name: __MODULE__` written in a test of the test module itself: the test module's
/// name, which is private when no other test of the module writes `__MODULE__` and
/// the file names the module nowhere else.
fn test_module_name(file: &File, call: &Call, range: &std::ops::Range<usize>) -> Option<String> {
    let module = file.module(&call.ctx).filter(|m| !m.quoted)?;
    // The call's module is the innermost one around it: the test's own module.
    if !file.tests.iter().any(|t| t.node.byte_range() == *range || range.contains(&t.node.start_byte())) {
        return None;
    }
    let body = module.node.byte_range();
    let outside = |word: &str, within: std::ops::Range<usize>| {
        file.src[within.clone()].match_indices(word).any(|(at, _)| !range.contains(&(within.start + at)))
    };
    // The module's name anywhere but its `defmodule` head and this test.
    let head = ast::call_arguments(module.node).and_then(|a| a.named_child(0)).map(|h| h.byte_range())?;
    let short = module.name.rsplit('.').next().unwrap_or(&module.name);
    let named_elsewhere = file.src.match_indices(short).any(|(at, _)| !head.contains(&at) && !range.contains(&at));
    (!outside("__MODULE__", body) && !named_elsewhere).then(|| module.name.clone())
}

/// The modules of the file (outside `range`) whose full name is written only within
/// `range` and their own definition: a handler the test passes on (`handler:
/// Testing.StoreHandler`), whose code runs for this test alone, so what it mentions is
/// the test's own (R41 elsa: the handler updates the Agent the test starts).
fn modules_only_named_within(file: &File, range: &std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    file.modules
        .iter()
        .map(|m| (m, m.node.byte_range()))
        .filter(|(_, def)| def.end <= range.start || def.start >= range.end)
        .filter(|(m, def)| {
            let mut at = file.src.match_indices(m.name.as_str()).map(|(at, _)| at).filter(|at| !def.contains(at));
            let uses: Vec<usize> = at.by_ref().collect();
            !uses.is_empty() && uses.iter().all(|at| range.contains(at))
        })
        .map(|(_, def)| def)
        .collect()
}

/// Does the text after a name end it? Not when a letter, `_` or a longer alias
/// (`.Sub`) follows; a function call on it (`Echo.start_link`) ends it.
fn ends_name(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        None => true,
        Some('.') => !chars.next().is_some_and(|c| c.is_uppercase()),
        Some(c) => !(c.is_alphanumeric() || c == '_'),
    }
}

/// `Echo.start_link([])` where `Echo` is defined in this test file and registers
/// under its own fixed name: that name (as written at the call) when the file
/// mentions it only within `range` (the test, or the describe whose setup starts
/// it) and within the module's own definition.
fn own_module_name<'t>(file: &File<'t>, call: &Call<'t>, range: &std::ops::Range<usize>) -> Option<&'t str> {
    if call.local || call.dynamic || registration(file, call) != Registration::Fixed {
        return None;
    }
    let module = file.modules.iter().find(|m| Some(m.name.as_str()) == call.module.as_deref())?;
    let written = file.text(call.target).strip_suffix(&format!(".{}", call.name))?;
    let defined = module.node.byte_range();
    let outside = file.src.match_indices(written).any(|(at, _)| {
        let part_of_word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
        let word_end = ends_name(&file.src[at + written.len()..]);
        // `MfaBucket` and `Pool.Bucket` are other names than `Bucket` (R41 opq).
        let word_start = file.src[..at].chars().next_back().is_none_or(|c| !part_of_word(c));
        word_start && word_end && !range.contains(&at) && !defined.contains(&at)
    });
    (!outside).then_some(written)
}

/// `{:via, Registry, {reg, key}}`: the registry `reg`. A name in a registry that only
/// this test mentions (and so starts) is the test's own, like the registry itself.
fn registry_of_via<'t>(file: &File<'t>, name: Node<'t>) -> Option<Node<'t>> {
    let k = &grammar().kinds;
    let mut parts = ast::named_children(name);
    (file.text(parts.next()?) == ":via").then_some(())?;
    let inner = parts.nth(1).filter(|t| t.kind_id() == k.tuple)?;
    ast::named_children(inner).next()
}

/// Does a `setup` of the call's module start a process under `name` (`{:ok, pid} =
/// Registry.start_link(name: @registry)`, or `start_supervised!`)? Each test then
/// runs against an instance of its own, linked to it or owned by its supervisor.
fn started_by_setup(file: &File, call: &Call, name: &str) -> bool {
    let g = grammar();
    file.calls_named("setup")
        .filter(|s| s.local && s.ctx.module == call.ctx.module)
        .any(|setup| {
            file.calls_within(setup.node).any(|c| {
                matches!(c.name, "start_link" | "start_supervised" | "start_supervised!" | "start_link_supervised!")
                    && c.args.iter().any(|a| {
                        ast::descendants(*a).chain([*a]).any(|n| {
                            n.kind_id() == g.kinds.pair
                                && ast::field(n, g.fields.key).is_some_and(|key| ast::keyword_name(key, file.src) == "name")
                                && ast::field(n, g.fields.value).is_some_and(|v| file.text(v) == name)
                        })
                    })
            })
        })
}

/// Is the text at byte `at` inside a `{:global, _}` or `{:via, _, _}` name tuple?
fn in_other_registry(file: &File, at: usize) -> bool {
    let k = &grammar().kinds;
    let Some(node) = file.tree.root_node().descendant_for_byte_range(at, at) else {
        return false;
    };
    std::iter::successors(Some(node), |n| file.parent(*n))
        .filter(|n| n.kind_id() == k.tuple)
        .any(|t| t.named_child(0).is_some_and(|first| matches!(file.text(first), ":global" | ":via")))
}

/// A linked start under a name that only its own test mentions, in the whole
/// project: no other test can start that name while the process is still going.
/// Test/support code that only this test module drives (a fixture module that lists
/// the name among its `members:`) runs for this module's tests alone: its mentions
/// are the test's own.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &NameFacts)> = facts
        .iter()
        .filter_map(|(i, f)| f.downcast_ref::<NameFacts>().map(|f| (*i, f)))
        .collect();
    // `GenServer.cast(pid, {:raise, "boom"})` right after the start, and the module's
    // clause for it raises: the process ends within the test (R45 tower). The module
    // may be in the same file, so this holds for one file alone too.
    let ending: std::collections::HashSet<(&str, &str, &str, usize)> = all
        .iter()
        .flat_map(|(_, f)| f.ending.iter().map(|(m, c, t, n)| (m.as_str(), c.as_str(), t.as_str(), *n)))
        .collect();
    for (file, f) in &all {
        for (at, module, callback, tag, size) in &f.told_to_end {
            if ending.contains(&(module.as_str(), callback.as_str(), tag.as_str(), *size)) {
                report.retract(*file, *at);
            }
        }
    }
    // One file alone (the playground, a workshop exercise) says nothing about the
    // rest of the project.
    if all.len() < 2 {
        return;
    }
    let reaches: Vec<(usize, &Reach)> = all.iter().map(|(i, f)| (*i, &f.reach)).collect();
    // `RemoteControl.start_link(project)` whose `start_link` only asks a supervisor
    // of the project to start the process: nothing is linked to the test.
    let unlinked: std::collections::HashSet<&str> = all.iter().flat_map(|(_, f)| f.unlinked.iter().map(String::as_str)).collect();
    for (file, f) in &all {
        for (at, target) in &f.start_links {
            if unlinked.contains(target.as_str()) {
                report.retract(*file, *at);
            }
        }
    }
    // `Endpoint.start_link()` in `setup_all`, of a module that no other file whose
    // code runs names, but for support code only this test module drives (R41
    // phoenix_gen_socket_client's test endpoint): no other module can start it.
    // Config that names the support module, and the test helper, drive no test of it.
    let drivers: Vec<(usize, &Reach)> = all.iter().filter(|(_, f)| f.runs && !f.test_helper).map(|(i, f)| (*i, &f.reach)).collect();
    for (file, f) in &all {
        for (at, module) in &f.setup_all_starts {
            let shared = all.iter().any(|(other, g)| {
                other != file
                    && g.runs
                    && names_module(&g.mentions, module)
                    && !own_support(&drivers, *file, &f.reach, *other, &g.reach)
            });
            if !shared {
                report.retract(*file, *at);
            }
        }
    }
    for (file, f) in &all {
        for (at, name) in &f.private_starts {
            let key = name.trim_start_matches(':');
            let shared = all.iter().any(|(other, g)| {
                other != file
                    && g.mentions.contains(key)
                    && !own_support(&reaches, *file, &f.reach, *other, &g.reach)
            });
            if !shared {
                report.retract(*file, *at);
            }
        }
    }
}

/// Does a file that mentions these names name `module`: in full, or as its last
/// segment beside one of its prefixes (`alias TestSite.{Endpoint, Socket}`)?
fn names_module(mentions: &NameSet, module: &str) -> bool {
    if mentions.contains(module) {
        return true;
    }
    module.rsplit_once('.').is_some_and(|(_, last)| {
        mentions.contains(last) && module.match_indices('.').any(|(at, _)| mentions.contains(&module[..at]))
    })
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let f = facts.downcast_ref::<NameFacts>()?;
    let mut value = serde_json::json!({
        "private_starts": f.private_starts,
        "mentions": f.mentions,
        "start_links": f.start_links,
        "unlinked": f.unlinked,
        "setup_all_starts": f.setup_all_starts,
        "runs": f.runs,
        "test_helper": f.test_helper,
        "told_to_end": f.told_to_end,
        "ending": f.ending,
    });
    f.reach.encode_into(&mut value);
    Some(value)
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let private_starts = value
        .get("private_starts")?
        .as_array()?
        .iter()
        .map(|c| Some((c.get(0)?.as_u64()? as usize, c.get(1)?.as_str()?.to_string())))
        .collect::<Option<Vec<_>>>()?;
    let mentions = serde_json::from_value(value.get("mentions")?.clone()).ok()?;
    let reach = Reach::decode(value)?;
    let start_links = serde_json::from_value(value.get("start_links")?.clone()).ok()?;
    let unlinked = serde_json::from_value(value.get("unlinked")?.clone()).ok()?;
    let setup_all_starts = serde_json::from_value(value.get("setup_all_starts")?.clone()).ok()?;
    let runs = value.get("runs")?.as_bool()?;
    let test_helper = value.get("test_helper")?.as_bool()?;
    let told_to_end = serde_json::from_value(value.get("told_to_end")?.clone()).ok()?;
    let ending = serde_json::from_value(value.get("ending")?.clone()).ok()?;
    Some(Box::new(NameFacts {
        private_starts,
        mentions,
        reach,
        start_links,
        unlinked,
        setup_all_starts,
        runs,
        test_helper,
        told_to_end,
        ending,
    }))
}
