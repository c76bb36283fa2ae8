//! `test/no-global-process`: Test uses a globally registered process. See `no_global_process.md`.

use crate::rules::otp::no_raw_send::destination_index;
use crate::rules::test::async_global_state::restores_in_after;
use crate::model::Id;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/no-global-process",
    title: "Test uses a globally registered process",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_global_process.md"),
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

/// What a test does to a named process, for the "same test also..." condition.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Touch {
    Kill,
    ReplaceState,
}

fn check(file: &File, report: &mut Report) {
    for found in findings(file) {
        let d = report.add(file, &found.call.ctx, found.call.expr.byte_range(), found.message);
        if found.error {
            d.severity(Severity::Error);
        }
    }
}

/// A finding of the file's check.
struct Found<'a, 't> {
    call: &'a Call<'t>,
    /// The registered name, resolved (`Hex.Registry.Server`).
    name: String,
    message: String,
    error: bool,
    /// In an `async: true` module, the test (or its `setup`) starts this instance
    /// itself: shared only if another async module starts the same name, which the
    /// project pass looks for.
    own_async: bool,
}

fn findings<'a, 't>(file: &'a File<'t>) -> Vec<Found<'a, 't>> {
    let src = file.src;
    let mut out = Vec::new();
    // (module, name) pairs some test kills.
    let mut killed: Option<Vec<(Option<u32>, String)>> = None;
    for call in &file.calls {
        if call.ctx.test.is_none() || call.capture || restores_in_after(file, call) {
            continue;
        }
        let Some(name) = reported_target(file, call) else {
            continue;
        };
        let Some(module) = file.module(&call.ctx) else {
            continue;
        };
        // A module of this file names a process only this file's tests start: with
        // `async: true` a module's tests never run at the same time as each other.
        if defined_in_file(file, call, &name) || fakes_dead_process(file, call, &name) {
            continue;
        }
        // A process the module's `setup` starts with `start_supervised` is each
        // test's own instance, stopped when the test ends: in a module whose tests run
        // one at a time, touching it leaks into no other test.
        let own_instance =
            started_per_test(file, call, &name) || started_in_test(file, call, &name) || started_by_test_itself(file, call, &name);
        if !module.async_tests && own_instance {
            continue;
        }
        let killed = killed.get_or_insert_with(|| {
            file.calls
                .iter()
                .filter(|c| c.ctx.test.is_some() && touch_of(c) == Some(Touch::Kill))
                .filter(|c| !waits_after(file, c))
                .filter_map(|c| Some((c.ctx.module, touched_name(file, c)?)))
                .collect()
        });
        let killed_in_module = killed
            .iter()
            .any(|(m, n)| *m == call.ctx.module && *n == name);
        let own_touch = touch_of(call);
        let touched_here = file
            .test(&call.ctx)
            .into_iter()
            .flat_map(|t| file.calls_within(t.node))
            .filter_map(|c| {
                let t = touch_of(c)?;
                (touched_name(file, c).as_deref() == Some(name.as_str())).then_some((c.node, t))
            })
            // A state rewrite put back in `after` does not leak into later tests.
            .filter(|(_, t)| !(*t == Touch::ReplaceState && restored_in_after(file, call, &name)))
            // Nor one the server's own code then carries on from, to a state the test checks.
            .filter(|(node, t)| !(*t == Touch::ReplaceState && driven_to_checked_state(file, call, *node, &name)))
            .min_by_key(|(node, _)| *node != call.node);
        // A kill the test waits to see undone (`wait_for_restart()`) leaks nothing.
        let touched_here = touched_here.filter(|(node, t)| {
            *t != Touch::Kill
                || !file
                    .calls
                    .iter()
                    .find(|c| c.node == *node)
                    .is_some_and(|c| waits_after(file, c))
        });
        if !module.async_tests && touched_here.is_none() {
            continue;
        }
        // A lookup whose pid only feeds assertions changes nothing in the process;
        // it matters only when some test here kills or rewrites that process.
        if is_whereis(call) && !killed_in_module && touched_here.is_none() && only_asserted(file, call) {
            continue;
        }
        // `send(DataStore, {:connect, self(), %{ref: ref}})` with `ref = make_ref()` in
        // this test: the test's entries are keyed by a value no other test can hold.
        if !killed_in_module && touched_here.is_none() && keyed_by_fresh_value(file, call) {
            continue;
        }
        // `Process.whereis(:user)`: a process of the runtime itself, which no test can
        // start a private instance of; looking it up to inspect it touches nothing.
        if is_whereis(call) && !killed_in_module && touched_here.is_none() && OTP_SYSTEM_NAMES.contains(&name.as_str()) {
            continue;
        }
        let written = call.display(src);
        // `Name |> Process.whereis() |> Process.exit(:kill)`: the lookup is the kill's.
        let killed_at_once = is_whereis(call)
            && file.calls.iter().any(|c| {
                touch_of(c) == Some(Touch::Kill) && c.arg(0).is_some_and(|a| a == call.expr || a == call.node)
            });
        let action = match own_touch {
            _ if killed_at_once => "looks up, for `Process.exit/2` to kill,",
            _ if is_whereis(call) => "looks up",
            Some(Touch::Kill) => "kills",
            Some(Touch::ReplaceState) => "rewrites the state of",
            _ => "talks to",
        };
        let why = if killed_in_module && own_touch == Some(Touch::Kill) {
            "other tests then find it missing or restarted".to_string()
        } else if killed_in_module {
            "a test in this module kills it, so other tests find it missing or restarted"
                .to_string()
        } else if module.async_tests {
            "every `async: true` test shares that one instance".to_string()
        } else {
            match touched_here {
                Some((node, _)) if node == call.node => {
                    "the change leaks into the tests that follow".to_string()
                }
                Some((_, t)) => {
                    let done = match t {
                        Touch::Kill => "kills it",
                        Touch::ReplaceState => "rewrites its state",
                    };
                    format!("this test also {done}, which leaks into the tests that follow")
                }
                None => continue,
            }
        };
        let mut instead = if name.starts_with(|c: char| c.is_ascii_uppercase()) {
            format!(
                "start a private instance with `start_supervised!({{{name}, name: ctx.test}})` and use its pid"
            )
        } else {
            "start a private instance under a per-test name (`ctx.test`) and use its pid"
                .to_string()
        };
        if module.async_tests {
            // A server whose `start_link` fixes its name has no private instance.
            instead.push_str(", or set `async: false` if it only runs under that name");
        } else if killed_in_module || touched_here.is_some_and(|(_, t)| t == Touch::Kill) {
            // Step 4 of the guide: no private instance, so the killing test must wait
            // until the process is back.
            instead.push_str(
                "; if it cannot take a name, keep `async: false` and have the killing test wait until it is back (`assert_receive` a restart notice, or poll until it is registered again)",
            );
        }
        out.push(Found {
            call,
            name: file.module_at(&name, call.node.start_byte()),
            message: format!("`{written}` {action} the globally registered `{name}`; {why}; {instead}"),
            error: killed_in_module,
            own_async: module.async_tests && own_instance && !killed_in_module,
        });
    }
    out
}

/// What the project pass needs: the servers each case template starts for every test,
/// and the findings a template the module uses could show to touch a per-test instance.
enum Fact {
    /// `module` is an `ExUnit.CaseTemplate` whose `setup` starts each of `starts` for
    /// every test, and whose `using` block uses the templates `uses`.
    Template { module: String, starts: Vec<String>, uses: Vec<String> },
    /// A finding at `at`, in a module running its tests one at a time that uses
    /// `uses`, on the process registered as `name`.
    Touch { at: usize, name: String, uses: Vec<String> },
    /// A finding at `at`, in an `async: true` module, on the instance of `name` that
    /// the test started itself.
    OwnAsync { at: usize, name: String },
    /// The modules the `async: true` test modules of a file start (in a `setup` or a
    /// test, with `start_supervised` or `start_link`).
    AsyncStarts { names: Vec<String> },
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    if !matches!(file.scope, crate::FileScope::Test | crate::FileScope::TestSupport) {
        return None;
    }
    let mut facts = Vec::new();
    for (i, module) in file.modules.iter().enumerate() {
        if module.uses.iter().any(|(u, _)| u == "ExUnit.CaseTemplate") {
            // The `use` in its `using do quote do ... end end`: a quote outside a
            // `defmacro` is not walked, so read from the tree.
            let uses = ast::descendants(module.node)
                .filter(|n| n.kind_id() == grammar().kinds.call && ast::local_call_name(*n, file.src) == Some("use"))
                .filter_map(|n| ast::call_arguments(n).and_then(|a| a.named_child(0)))
                .filter(|a| a.kind_id() == grammar().kinds.alias)
                .map(|a| file.module_at(file.text(a), a.start_byte()))
                .filter(|u| !u.starts_with("ExUnit."))
                .collect();
            facts.push(Fact::Template { module: module.name.clone(), starts: per_test_starts(file, Some(i as Id)), uses });
        }
    }
    // Every test file says what its async modules start, if anything, so that the
    // pass knows it saw the project's other test files.
    if file.scope == crate::FileScope::Test {
        facts.push(Fact::AsyncStarts { names: async_starts(file) });
    }
    for found in findings(file) {
        if found.own_async {
            facts.push(Fact::OwnAsync { at: found.call.expr.start_byte(), name: found.name });
            continue;
        }
        let Some(module) = file.module(&found.call.ctx).filter(|m| !m.async_tests) else {
            continue;
        };
        let uses: Vec<String> = module.uses.iter().map(|(u, _)| u.clone()).filter(|u| !u.starts_with("ExUnit.")).collect();
        if !uses.is_empty() {
            facts.push(Fact::Touch { at: found.call.expr.start_byte(), name: found.name, uses });
        }
    }
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// A touch of a server that a case template the module uses (directly, or through the
/// templates that one uses) starts in its `setup`: each test has its own instance,
/// linked to the test process, so in a module whose tests run one at a time nothing
/// leaks into the next test.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &Fact)> = each_fact(facts);
    let templates: std::collections::HashMap<&str, (&[String], &[String])> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::Template { module, starts, uses } => Some((module.as_str(), (starts.as_slice(), uses.as_slice()))),
            _ => None,
        })
        .collect();
    fn starts(templates: &std::collections::HashMap<&str, (&[String], &[String])>, template: &str, name: &str, depth: u32) -> bool {
        let Some((started, uses)) = templates.get(template) else {
            return false;
        };
        started.iter().any(|s| s == name) || depth < 4 && uses.iter().any(|u| starts(templates, u, name, depth + 1))
    }
    for (file, f) in &all {
        if let Fact::Touch { at, name, uses } = f
            && uses.iter().any(|u| starts(&templates, u, name, 0))
        {
            report.retract(*file, *at);
        }
    }
    // The test's own instance in an async module, under a name no async module of
    // another test file starts: nothing runs beside it that could reach the same name
    // (R46 nerves_ssh's NervesSSHTest). One test file alone (the playground) says
    // nothing about the others.
    let test_files: std::collections::HashSet<usize> =
        all.iter().filter(|(_, f)| matches!(f, Fact::AsyncStarts { .. })).map(|(i, _)| *i).collect();
    for (file, f) in all.iter().filter(|_| test_files.len() > 1) {
        if let Fact::OwnAsync { at, name } = f {
            let elsewhere = all.iter().any(|(other, g)| other != file && matches!(g, Fact::AsyncStarts { names } if names.contains(name)));
            if !elsewhere {
                report.retract(*file, *at);
            }
        }
    }
}

/// The modules that the `async: true` test modules of the file start, resolved (see
/// [`per_test_starts`], here over `setup` blocks and tests alike).
fn async_starts(file: &File) -> Vec<String> {
    let mut names: Vec<String> = file
        .calls
        .iter()
        .filter(|c| c.ctx.test.is_some() && file.module(&c.ctx).is_some_and(|m| m.async_tests))
        .filter_map(|c| started_module(file, c))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The module a start in a test starts: `start_supervised!({NervesSSH, opts})`,
/// `start_supervised(Publisher)`, `Publisher.start_link(...)`.
fn started_module(file: &File, c: &Call) -> Option<String> {
    let k = &grammar().kinds;
    match (c.module.as_deref(), c.name) {
        (None, "start_supervised" | "start_supervised!" | "start_link_supervised!") if c.local => c
            .arg(0)
            .and_then(|spec| if spec.kind_id() == k.tuple { spec.named_child(0) } else { Some(spec) })
            .filter(|m| m.kind_id() == k.alias)
            .map(|m| file.module_at(file.text(m), m.start_byte())),
        (Some(m), "start_link") if !c.dynamic && m.starts_with(|ch: char| ch.is_ascii_uppercase()) => {
            Some(file.module_at(m, c.node.start_byte()))
        }
        _ => None,
    }
}

/// Does the test itself, before the call, start the module registered as `name`
/// (`start_supervised!({NervesSSH, config})`, whose `start_link` registers the
/// module's own name)? Then the call reaches the test's own instance.
fn started_by_test_itself(file: &File, call: &Call, name: &str) -> bool {
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let target = file.module_at(name, call.node.start_byte());
    file.test(&call.ctx).is_some_and(|t| {
        file.calls_within(t.node)
            .filter(|c| c.node.end_byte() <= call.node.start_byte() && c.module.is_none())
            .any(|c| started_module(file, c).as_deref() == Some(target.as_str()))
    })
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let facts = facts.downcast_ref::<Vec<Fact>>()?;
    Some(serde_json::Value::Array(
        facts
            .iter()
            .map(|f| match f {
                Fact::Template { module, starts, uses } => serde_json::json!(["template", module, starts, uses]),
                Fact::Touch { at, name, uses } => serde_json::json!(["touch", at, name, uses]),
                Fact::OwnAsync { at, name } => serde_json::json!(["own_async", at, name]),
                Fact::AsyncStarts { names } => serde_json::json!(["async_starts", names]),
            })
            .collect(),
    ))
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let mut facts = Vec::new();
    for f in value.as_array()? {
        let f = f.as_array()?;
        let text = |i: usize| f.get(i).and_then(|v| v.as_str()).map(str::to_string);
        let list = |i: usize| serde_json::from_value::<Vec<String>>(f.get(i)?.clone()).ok();
        facts.push(match f.first()?.as_str()? {
            "template" => Fact::Template { module: text(1)?, starts: list(2)?, uses: list(3)? },
            "touch" => Fact::Touch { at: f.get(1)?.as_u64()? as usize, name: text(2)?, uses: list(3)? },
            "own_async" => Fact::OwnAsync { at: f.get(1)?.as_u64()? as usize, name: text(2)? },
            "async_starts" => Fact::AsyncStarts { names: list(1)? },
            _ => return None,
        });
    }
    Some(Box::new(facts))
}

fn within(inner: Node, outer: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// The modules a `setup` of `module` starts for each test (see [`started_module`]):
/// with `start_supervised!` or `start_link_supervised!`, which ExUnit stops when the
/// test ends, or with `Publisher.start_link(...)`, linked to the test process and so
/// gone with it.
fn per_test_starts(file: &File, module: Option<Id>) -> Vec<String> {
    let Some(node) = module.and_then(|m| file.modules.get(m as usize)).map(|m| m.node) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for setup in file.calls_named("setup").filter(|c| c.local && within(c.node, node)) {
        names.extend(file.calls_within(setup.node).filter_map(|c| started_module(file, c)));
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// `expect(Stub, :send_request, fn _, _ -> GenServer.call(Invalid, msg) end)`: a Mox or
/// Mimic fake that calls a one-word name nothing in the file defines or aliases, so
/// the call exits with `:noproc`, as it would against a dead connection. No process
/// is shared; the fake stands in for one that is gone.
fn fakes_dead_process(file: &File, call: &Call, name: &str) -> bool {
    let bare = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.starts_with(|c: char| c.is_ascii_uppercase());
    let mentioned = file.src.contains(&format!(".{name}"))
        || file.src.contains(&format!("as: {name}"))
        || file.modules.iter().any(|m| m.name.rsplit('.').next() == Some(name));
    if !bare || mentioned {
        return false;
    }
    let faked = |c: &Call| {
        matches!(c.name, "expect" | "stub")
            && (c.module.is_none() || c.in_module("Mox") || c.in_module("Mimic"))
            && c.args.iter().any(|a| a.start_byte() <= call.node.start_byte() && call.node.end_byte() <= a.end_byte())
    };
    let test = file.test(&call.ctx);
    test.into_iter()
        .flat_map(|t| file.calls_within(t.node))
        .any(faked)
}

/// Does a `setup` block of the call's module start `name` for each test (see
/// [`per_test_starts`]), so that each test runs against an instance of its own?
fn started_per_test(file: &File, call: &Call, name: &str) -> bool {
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let target = file.module_at(name, call.node.start_byte());
    per_test_starts(file, call.ctx.module).contains(&target)
}

/// Does the test itself start the process it touches, under that name, before it
/// touches it (`start_supervised({DynamicSupervisor, name: :dyn_sup})`, or the
/// options of a start handed on in an mfa: `Wrapper.start_link(mfa: {Agent,
/// :start_link, [init, [name: :agent_0]]})`)? Then it is the test's own instance,
/// as one a `setup` starts (R41 elsa, where such kills were reported as errors).
fn started_in_test(file: &File, call: &Call, name: &str) -> bool {
    let g = grammar();
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    const STARTS: &[&str] = &["start_supervised", "start_supervised!", "start_link_supervised!", "start_link", "start", "start_child"];
    file.nodes_within(g.kinds.pair, test.node).any(|pair| {
        pair.end_byte() < call.node.start_byte()
            && ast::field(pair, g.fields.key).is_some_and(|k| ast::keyword_name(k, file.src) == "name")
            && ast::field(pair, g.fields.value).is_some_and(|v| file.text(v) == name)
            && std::iter::successors(file.parent(pair), |n| file.parent(*n))
                .take_while(|n| n.id() != test.node.id())
                .any(|n| {
                    file.calls_within(n)
                        .any(|c| c.node == n && STARTS.contains(&c.name))
                })
    })
}

/// Is `name`, as written at the call, a module defined in this file (a test's own
/// `defmodule MyAgent` inside the test module)?
fn defined_in_file(file: &File, call: &Call, name: &str) -> bool {
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let expanded = file.module_at(name, call.node.start_byte());
    let nested = file.module(&call.ctx).map(|m| format!("{}.{name}", m.name));
    file.modules
        .iter()
        .any(|m| m.name == expanded || Some(&m.name) == nested.as_ref())
}

/// After a kill, does the same test wait for something (`wait_for_logger()`,
/// `eventually(...)`, or `assert_receive {:restarted, pid}` from a watcher), such as
/// the supervisor bringing the process back? An `assert_receive {:DOWN, ...}` only
/// sees the old process die, before any restart, so it is not such a wait.
fn waits_after(file: &File, kill: &Call) -> bool {
    let Some(test) = file.test(&kill.ctx) else {
        return false;
    };
    file.calls_within(test.node).any(|c| {
        c.node.start_byte() > kill.node.end_byte()
            && (c.name.starts_with("wait")
                || c.name.starts_with("eventually")
                || c.name == "assert_eventually"
                || awaits_notification(file, c)
                || sleeps_then_asserts(file, c))
    })
}

/// `Process.sleep(500)` and then an `assert` on what the restarted server answers
/// (`assert :idle == Inclusions.status()`, R46 grizzly): the test waits until it can
/// see the server back. The wait is a guess, which `test/no-sleep` reports; the kill
/// itself leaks into no later test once the assertion has passed.
fn sleeps_then_asserts(file: &File, c: &Call) -> bool {
    (c.is("Process", "sleep") || c.is(":timer", "sleep"))
        && ast::next_statement(c.expr).is_some_and(|n| {
            file.calls_within(n).any(|a| a.node == n && a.local && matches!(a.name, "assert" | "assert_receive"))
        })
}

/// `assert_receive {:manager_started, pid}` (or `assert_received`): the test waits
/// for a message that something sends once the process is back; not a `:DOWN`.
fn awaits_notification(file: &File, c: &Call) -> bool {
    c.module.is_none()
        && matches!(c.name, "assert_receive" | "assert_received")
        && c.arg(0).is_some_and(|p| {
            let text = file.text(p).trim_start_matches(['{', ' ', '\n']);
            !text.starts_with(":DOWN") && !text.starts_with(":EXIT")
        })
}

/// `assert is_pid(Process.whereis(X))`, `refute Process.whereis(X)`, or `pid =
/// Process.whereis(X)` whose pid is used only inside assertions (`^pid` in a pattern)
/// or handed to calls that read its info: the lookup reads, and nothing is done to
/// the process.
fn only_asserted(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let in_assertion = |at: usize| {
        file.calls_within(test.node).any(|c| {
            (c.name.starts_with("assert") || c.name.starts_with("refute"))
                && c.node.byte_range().contains(&at)
        })
    };
    let Some(left) = super::no_sleep::match_left(file, call) else {
        return in_assertion(call.node.start_byte());
    };
    if left.kind_id() != grammar().kinds.identifier {
        return false;
    }
    let var = file.text(left);
    ast::descendants(test.node)
        .filter(|n| n.start_byte() > call.node.end_byte())
        .filter(|n| n.kind_id() == grammar().kinds.identifier && file.text(*n) == var)
        .all(|n| in_assertion(n.start_byte()) && !passed_to_call(file, n) || passed_to_info_reader(file, n))
}

/// Is `node` an argument of a call that only reads about the process: one named for
/// its info (`Process.info(pid)`, `SystemInfo.fetch_process_info(pid)`, a path to an
/// info page, `process_info_path(pid, ...)`), or `inspect/1`?
fn passed_to_info_reader(file: &File, node: Node) -> bool {
    let Some(args) = file.parent(node).filter(|p| p.kind_id() == grammar().kinds.arguments) else {
        return false;
    };
    let target = args.parent().and_then(|c| ast::field(c, grammar().fields.target)).map(|t| file.text(t));
    target.is_some_and(|t| {
        let function = t.rsplit('.').next().unwrap_or(t);
        function.contains("info") || function == "inspect"
    })
}

/// Is `node` an argument of a call other than a pure check (`is_pid(pid)`,
/// `Process.alive?(pid)`), such as `GenServer.call(pid, :clear)`?
fn passed_to_call(file: &File, node: Node) -> bool {
    let Some(args) = file.parent(node).filter(|p| p.kind_id() == grammar().kinds.arguments) else {
        return false;
    };
    let target = args
        .parent()
        .and_then(|c| ast::field(c, grammar().fields.target))
        .map(|t| file.text(t));
    !matches!(target, Some("is_pid" | "is_nil" | "Process.alive?"))
}

/// Does the test around `call` rewrite `name`'s state again in an `after` block
/// (putting the old state back)?
fn restored_in_after(file: &File, call: &Call, name: &str) -> bool {
    file.test(&call.ctx).is_some_and(|test| {
        file.calls_within(test.node).any(|c| {
            touch_of(c) == Some(Touch::ReplaceState)
                && restores_in_after(file, c)
                && touched_name(file, c).as_deref() == Some(name)
        })
    })
}

/// After the rewrite at `rewrite`, does the test send `name` a message of its own
/// protocol (`GenServer.cast(Name, ...)`, `call`, `send`) and then assert on the state
/// the server ends in (`assert elem(:sys.get_state(Name), 0) == :tracking`)? The
/// server's own code took over from the rewritten state, and the test checked where it
/// arrived, so the next test meets a state the server reaches by itself. A rewrite
/// that resets the state to a literal (`fn _ -> %{} end`) followed by a call into
/// the code under test counts too: that code sends the protocol message itself
/// (`Sampler.should_sample/7` casts to the sender it reports to).
fn driven_to_checked_state(file: &File, call: &Call, rewrite: Node, name: &str) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let to_name = |c: &&Call| reported_target(file, c).as_deref() == Some(name);
    let after_rewrite = |c: &&Call| c.node.start_byte() > rewrite.end_byte();
    let message_end = file
        .calls_within(test.node)
        .filter(after_rewrite)
        .find(|c| to_name(c) && (c.is("GenServer", "call") || c.is("GenServer", "cast") || c.name == "send" && c.arity == 2))
        .map(|c| c.node.end_byte())
        .or_else(|| {
            let reset = file.calls.iter().find(|c| c.node == rewrite).is_some_and(|c| resets_state(file, c));
            file.calls_within(test.node)
                .filter(after_rewrite)
                .find(|c| reset && !c.local && c.module.as_deref().is_some_and(|m| !m.starts_with(':') && !crate::resolve::exports_known(m) && !is_test_framework(m)))
                .map(|c| c.node.end_byte())
        });
    let Some(message_end) = message_end else {
        return false;
    };
    let later = |c: &&Call| c.node.start_byte() > message_end;
    let read = |c: &Call| c.is(":sys", "get_state") && to_name(&c);
    // `state = :sys.get_state(Name)`, then `assert state == ...`.
    let k = &grammar().kinds;
    let mut bound: Vec<&str> = file
        .calls_within(test.node)
        .filter(later)
        .filter(|c| read(c))
        .filter_map(|c| crate::rules::test::no_sleep::match_left(file, c))
        .filter(|l| l.kind_id() == k.identifier)
        .map(|l| file.text(l))
        .collect();
    // And what is computed from it (`count = Map.get(state, key, 0)`).
    for matched in ast::descendants(test.node).filter(|n| n.start_byte() > message_end && ast::is_binary_op(*n, file.src, "=")) {
        let (Some(left), Some(right)) = (ast::field(matched, grammar().fields.left), ast::field(matched, grammar().fields.right)) else {
            continue;
        };
        let uses_bound = ast::descendants(right).chain([right]).any(|n| n.kind_id() == k.identifier && bound.contains(&file.text(n)));
        if uses_bound && left.kind_id() == k.identifier {
            bound.push(file.text(left));
        }
    }
    file.calls_within(test.node)
        .filter(later)
        .filter(|c| c.local && c.name == "assert")
        .any(|assertion| {
            file.calls_within(assertion.node).any(read)
                || ast::descendants(assertion.node)
                    .any(|n| n.kind_id() == grammar().kinds.identifier && bound.contains(&file.text(n)))
        })
}

/// `:sys.replace_state(Name, fn _ -> %{} end)`: the new state is a literal that does
/// not depend on the old one, a reset to a known start.
fn resets_state(file: &File, rewrite: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(fun) = rewrite.arg(1).filter(|f| f.kind_id() == k.anonymous_function) else {
        return false;
    };
    let Some(body) = ast::single_clause_body(fun) else {
        return false;
    };
    let ignores_old = ast::named_children(fun)
        .find(|c| c.kind_id() == k.stab_clause)
        .and_then(|c| ast::field(c, grammar().fields.left))
        .is_some_and(|params| file.text(params).trim_start_matches('(').starts_with('_'));
    let statements: Vec<Node> = ast::statements(body).filter(|s| s.kind_id() != k.comment).collect();
    ignores_old
        && matches!(statements.as_slice(), [only] if file.calls_within(*only).next().is_none()
            && !ast::descendants(*only).chain([*only]).any(|n| n.kind_id() == k.identifier))
}

fn is_test_framework(module: &str) -> bool {
    module == "ExUnit" || module.starts_with("ExUnit.")
}

/// Names the Erlang runtime registers for its own processes (the I/O servers, the
/// code server, the application controller...): there is no private instance to start.
const OTP_SYSTEM_NAMES: &[&str] = &[
    ":user", ":standard_error", ":init", ":code_server", ":application_controller", ":kernel_sup",
    ":erl_prim_loader", ":global_name_server", ":rex", ":inet_db", ":file_server_2", ":logger",
    ":error_logger", ":kernel_safe_sup", ":erts_code_purger",
];

/// A message, call or cast whose payload carries a variable the test bound to a value
/// made fresh for it (`make_ref()`, `System.unique_integer/1`, or a helper named for a
/// random or unique value, such as `Output.random_ref()`): the shared server keeps
/// this test's data under a key no other test can hold, so tests running at the same
/// time do not see each other's (R28 kino). A kill or state rewrite still counts.
fn keyed_by_fresh_value(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let payload = match (call.module.as_deref(), call.name) {
        (Some("GenServer"), "call" | "cast") => call.arg(1),
        _ if touch_of(call).is_none() && !is_whereis(call) && destination_index(call) == Some(0) => call.arg(1),
        _ => None,
    };
    let (Some(payload), Some(test)) = (payload, file.test(&call.ctx)) else {
        return false;
    };
    let fresh = |c: &Call| {
        c.is("Kernel", "make_ref")
            || c.is("System", "unique_integer")
            || c.is(":erlang", "unique_integer")
            || (!c.local && (c.name.contains("random") || c.name.contains("unique")))
    };
    std::iter::once(payload).chain(ast::descendants(payload)).filter(|n| n.kind_id() == k.identifier).any(|var| {
        let name = file.text(var);
        file.calls_within(test.node).any(|c| {
            c.node.end_byte() <= call.node.start_byte()
                && fresh(c)
                && c.parent.is_some_and(|p| {
                    ast::is_binary_op(p, file.src, "=")
                        && ast::field(p, grammar().fields.right) == Some(c.expr)
                        && ast::field(p, grammar().fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == name)
                })
        })
    })
}

fn is_whereis(call: &Call) -> bool {
    (call.is("Process", "whereis")
        || call.is("GenServer", "whereis")
        || call.is(":global", "whereis_name"))
        && call.arity == 1
}

/// The registered name this call is reported for: a `whereis` of a literal name,
/// or a message, call or signal to a literal module alias.
fn reported_target(file: &File, call: &Call) -> Option<String> {
    let k = &grammar().kinds;
    let arg = server_arg(call)?;
    if is_whereis(call) {
        if call.in_module(":global") {
            return Some(file.text(arg).to_string());
        }
        let literal = arg.kind_id() == k.alias || arg.kind_id() == k.atom;
        return literal.then(|| file.text(arg).to_string());
    }
    (arg.kind_id() == k.alias).then(|| file.text(arg).to_string())
}

/// The argument naming the process a call addresses.
fn server_arg<'t>(call: &Call<'t>) -> Option<Node<'t>> {
    if is_whereis(call) {
        return call.arg(0);
    }
    let index = match (call.module.as_deref(), call.name) {
        (Some("GenServer"), "call" | "cast" | "stop") => Some(0),
        (Some("Process"), "exit") if call.arity == 2 => Some(0),
        (Some(":sys"), _) => Some(0),
        _ => destination_index(call),
    }?;
    call.arg(index)
}

fn touch_of(call: &Call) -> Option<Touch> {
    if call.capture {
        return None;
    }
    match (call.module.as_deref(), call.name) {
        (Some("Process" | ":erlang"), "exit") if call.arity == 2 => Some(Touch::Kill),
        (Some(":sys"), "replace_state") => Some(Touch::ReplaceState),
        // `stop_supervised/1` is no touch: it stops only a child of the test's own
        // supervisor, which goes when the test ends anyway (R44 gen_registry).
        _ => None,
    }
}

/// The registered name a kill or state rewrite aims at: a literal
/// alias, `Process.whereis(Name)` inline, or a variable bound from it earlier.
fn touched_name(file: &File, call: &Call) -> Option<String> {
    let arg = call.arg(0)?;
    name_of(file, call, arg)
}

fn name_of(file: &File, call: &Call, node: Node) -> Option<String> {
    let k = &grammar().kinds;
    if node.kind_id() == k.alias || node.kind_id() == k.atom {
        return Some(file.text(node).to_string());
    }
    // `Name |> Process.whereis() |> Process.exit(:kill)`: the piped whereis is the
    // argument, as a `|>` expression.
    let piped = ast::is_binary_op(node, file.src, "|>");
    if node.kind_id() == k.call || piped {
        let inner = file
            .calls_within(node)
            .find(|c| c.node == node || piped && c.expr == node)?;
        return (is_whereis(inner) && !inner.in_module(":global"))
            .then(|| inner.arg(0).map(|a| file.text(a).to_string()))
            .flatten();
    }
    if node.kind_id() == k.identifier {
        // `pid = Process.whereis(Name)` earlier in the same test.
        let test = file.test(&call.ctx)?;
        let var = file.text(node);
        return file
            .calls_within(test.node)
            .filter(|c| c.node.start_byte() < call.node.start_byte() && is_whereis(c))
            .filter(|c| super::no_sleep::match_left(file, c).is_some_and(|l| file.text(l) == var))
            .last()
            .and_then(|c| c.arg(0))
            .map(|a| file.text(a).to_string());
    }
    None
}
