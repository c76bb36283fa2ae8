//! `test/no-sleep`'s project pass: what the project code a test calls before a sleep
//! does. A single test file cannot tell `Limiter.check(config)` (a token bucket over
//! `System.monotonic_time`) from `Queue.push(q, job)` (a cast to a server); the lib
//! files can. Our own walk, because no crate models Elixir call graphs.
//!
//! A sleep the file's check reports as a guess at another process is withdrawn when
//! everything the test called before it runs in the test process, messages and starts
//! no process, and reads the clock: the sleep lets wall-clock time pass for that clock
//! (R47 plug_attack's ban windows, ex_webrtc's jitter buffer). When nothing it reaches
//! reads the clock or is out of sight (a dependency, a `mod.fun()`), the sleep waits for
//! nothing at all, and the finding says so (R47 event_bus's application-env store).

use super::check_sleeps;
use crate::rules::otp::call_timeout::{attribute_receiver, delegation, is_project_module};
use crate::rule::each_fact;
use crate::rules::prelude::*;
use std::collections::{HashMap, HashSet};

pub(super) static PROJECT: ProjectPass = ProjectPass { collect, conclude, encode, decode, only_retracts: false };

/// A function of the project: (module, name, arity).
type Fun = (String, String, usize);

enum Fact {
    /// What one clause of `fun` does itself, and the project functions it calls.
    Function { fun: Fun, does: Does, calls: Vec<Fun> },
    /// A sleep this file's check reported as a guess at another process (its range),
    /// with what the test did before it.
    Sleep { range: (usize, usize), shown: String, scope: String, does: Does, calls: Vec<Fun> },
}

/// What code does by itself, before following its calls.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Does {
    /// Reads the clock: `System.monotonic_time/1`, `DateTime.utc_now/0`.
    clock: bool,
    /// Messages, starts, links or monitors a process, or waits for one.
    process: bool,
    /// Calls what this pass cannot see into: a dependency, `mod.fun()`.
    opaque: bool,
}

impl Does {
    fn join(&mut self, other: Does) {
        self.clock |= other.clock;
        self.process |= other.process;
        self.opaque |= other.opaque;
    }
    fn bits(self) -> u64 {
        u64::from(self.clock) | u64::from(self.process) << 1 | u64::from(self.opaque) << 2
    }
    fn from_bits(b: u64) -> Does {
        Does { clock: b & 1 != 0, process: b & 2 != 0, opaque: b & 4 != 0 }
    }
}

fn collect(file: &File, report: &Report) -> Option<Facts> {
    let mut facts = Vec::new();
    for def in file.defs.iter().filter(|d| matches!(d.kind, "def" | "defp")) {
        let (Some(module), Some(body)) = (def.module.and_then(|m| file.modules.get(m as usize)), def.body) else {
            continue;
        };
        let (does, calls) = scan(file, module, body);
        facts.push(Fact::Function { fun: (module.name.clone(), def.name.to_string(), def.arity), does, calls });
    }
    facts.extend(delegations(file));
    if file.scope == crate::FileScope::Test {
        let mut scratch = Report::new(report.rule, report.settings);
        let mut generic = Vec::new();
        check_sleeps(file, &mut scratch, &mut generic);
        for (call, shown) in generic {
            if let Some((does, calls)) = before_sleep(file, call) {
                let range = call.expr.byte_range();
                let scope = file.scope_name(&call.ctx);
                facts.push(Fact::Sleep { range: (range.start, range.end), shown, scope, does, calls });
            }
        }
    }
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// `defdelegate all, to: Service.Topic`: a function whose body is another's.
fn delegations(file: &File) -> Vec<Fact> {
    file.calls_named("defdelegate")
        .filter_map(|c| {
            let module = file.module(&c.ctx)?;
            let (name, to, target, arity) = delegation(file, c)?;
            let fun = (module.name.clone(), name, arity);
            Some(if is_project_module(&to) {
                Fact::Function { fun, does: Does::default(), calls: vec![(to, target, arity)] }
            } else {
                Fact::Function { fun, does: Does { opaque: true, ..Does::default() }, calls: Vec::new() }
            })
        })
        .collect()
}

/// What the test did before `sleep`: its own statements, the `setup` blocks that gave
/// it its context, and the project functions they call. `None` when the test mentions
/// a pid or `self()` before the sleep, or takes a context this file does not build (a
/// case template's). A sleep that opens the test calls nothing before it, and
/// `conclude` leaves it alone: it waits for what the application started.
fn before_sleep(file: &File, sleep: &Call) -> Option<(Does, Vec<Fun>)> {
    let test = file.test(&sleep.ctx)?;
    let module = file.module(&sleep.ctx)?;
    let before = &file.src[test.node.start_byte()..sleep.node.start_byte()];
    if before.contains("pid") || before.contains("self()") {
        return None;
    }
    let stated: Vec<&Call> = calls_before_exit(file, test.node).filter(|c| c.node.end_byte() <= sleep.node.start_byte()).collect();
    let mut does = Does::default();
    let mut calls = Vec::new();
    for c in stated {
        classify(file, module, c, &mut does, &mut calls);
    }
    // `test "...", %{buffer: buffer}`: the context comes from the module's `setup`s
    // (a case template's are out of sight).
    if ast::call_arguments(test.node).is_some_and(|a| a.named_child_count() > 1) {
        let setups: Vec<&Test> = file
            .tests
            .iter()
            .filter(|s| s.kind == TestKind::Setup && s.module == test.module)
            .filter(|s| s.describe.is_none() || s.describe == test.describe)
            .collect();
        if setups.is_empty() || used_template(file, module) {
            return None;
        }
        for setup in setups {
            let (d, c) = scan(file, module, setup.node);
            does.join(d);
            calls.extend(c);
            // `setup :start_buffer` or `setup [:open_table, :seed]`: functions of the
            // test module.
            let named = ast::call_arguments(setup.node)
                .into_iter()
                .flat_map(ast::named_children)
                .flat_map(|a| if a.kind_id() == grammar().kinds.list { ast::named_children(a).collect() } else { vec![a] });
            for name in named.filter_map(|a| ast::atom_name(a, file.src)) {
                calls.push((module.name.clone(), name.to_string(), 1));
            }
        }
    }
    (!does.process).then_some((does, calls))
}

/// `use MyApp.DataCase`: a case template whose `setup` this file does not show.
fn used_template(file: &File, module: &Module) -> bool {
    file.calls_named("use").any(|u| {
        u.local
            && u.node.start_byte() >= module.node.start_byte()
            && u.node.end_byte() <= module.node.end_byte()
            && u.arg(0).is_some_and(|m| file.text(m) != "ExUnit.Case")
    })
}

/// The calls in `within`, less those in the function an `on_exit` registers, which
/// runs after the test.
fn calls_before_exit<'a, 't>(file: &'a File<'t>, within: Node) -> impl Iterator<Item = &'a Call<'t>> + 'a {
    let at_exit: Vec<std::ops::Range<usize>> = file
        .calls_within(within)
        .filter(|e| e.name == "on_exit" && e.module.is_none())
        .map(|e| e.node.byte_range())
        .collect();
    file.calls_within(within).filter(move |c| {
        c.name == "on_exit" || !at_exit.iter().any(|r| r.contains(&c.node.start_byte()))
    })
}

fn scan(file: &File, module: &Module, body: Node) -> (Does, Vec<Fun>) {
    let mut does = Does::default();
    let mut calls = Vec::new();
    for c in calls_before_exit(file, body) {
        classify(file, module, c, &mut does, &mut calls);
    }
    (does, calls)
}

/// What one call does, as far as this file tells: a project function to follow, a
/// clock read, a process operation, or something out of sight.
fn classify(file: &File, module: &Module, c: &Call, does: &mut Does, calls: &mut Vec<Fun>) {
    let arity = c.arity + usize::from(c.do_block.is_some());
    if c.dynamic {
        // `@backend.exist?(topic)` with `@backend Service.Topic`: a known module.
        match attribute_receiver(file, c) {
            Some(m) if is_project_module(&m) => calls.push((m, c.name.to_string(), arity)),
            _ => does.opaque = true,
        }
        return;
    }
    let Some(written) = c.module.as_deref() else {
        // A function of this module, or an import of ExUnit or Kernel.
        if PROCESS_LOCALS.contains(&c.name) {
            does.process = true;
        } else if module_defines(file, module, c.name) {
            calls.push((module.name.clone(), c.name.to_string(), arity));
        }
        return;
    };
    let m = file.module_at(written, c.node.start_byte());
    if reads_clock(&m, c.name) {
        does.clock = true;
    } else if is_process_call(&m, c.name) {
        does.process = true;
    } else if is_project_module(&m) {
        calls.push((m, c.name.to_string(), arity));
    } else if !m.starts_with(':') && !crate::runtime::is_elixir_module(&m) {
        // A dependency: anything may happen there, a pool checkout or a cast.
        does.opaque = true;
    }
}

/// Kernel's and ExUnit's own process calls, written without a module.
const PROCESS_LOCALS: &[&str] = &[
    "send", "spawn", "spawn_link", "spawn_monitor", "receive", "start_supervised", "start_supervised!",
    "start_link_supervised!", "stop_supervised", "stop_supervised!", "assert_receive", "assert_received",
    "refute_receive", "refute_received",
];

fn module_defines(file: &File, module: &Module, name: &str) -> bool {
    module.defs.iter().any(|&d| file.defs[d as usize].name == name)
}

fn reads_clock(m: &str, name: &str) -> bool {
    match m {
        "System" => matches!(name, "monotonic_time" | "system_time" | "os_time"),
        ":erlang" => matches!(name, "monotonic_time" | "system_time" | "timestamp" | "now"),
        ":os" => matches!(name, "system_time" | "timestamp"),
        "DateTime" | "NaiveDateTime" | "Time" => matches!(name, "utc_now" | "now"),
        "Date" => name == "utc_today",
        ":calendar" => matches!(name, "universal_time" | "local_time"),
        _ => false,
    }
}

/// Calls that message, start, link, monitor or wait for a process, or hand work to
/// one (a timer, a socket, a port).
fn is_process_call(m: &str, name: &str) -> bool {
    match m {
        "ExUnit.Callbacks" => true,
        "Process" => !matches!(name, "sleep" | "get" | "put" | "delete" | "get_keys"),
        "Kernel" | ":erlang" => {
            matches!(name, "send" | "spawn" | "spawn_link" | "spawn_monitor" | "spawn_opt" | "monitor" | "link" | "exit" | "apply")
        }
        // `:timer.tc` and `:timer.seconds` only compute.
        ":timer" => !matches!(name, "tc" | "seconds" | "minutes" | "hours" | "hms" | "sleep"),
        "GenServer" | "Agent" | "Task" | "Task.Supervisor" | "Supervisor" | "DynamicSupervisor" | "Registry" | "Port"
        | "Node" | ":sys" | ":gen_server" | ":gen_statem" | ":gen_event" | ":proc_lib" | ":rpc" | ":erpc" | ":global"
        | ":pg" | ":gen_tcp" | ":gen_udp" | ":ssl" | ":inet" => true,
        _ => false,
    }
}

fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &Fact)> = each_fact(facts);
    let mut functions: Functions = HashMap::new();
    for (_, fact) in &all {
        if let Fact::Function { fun, does, calls } = fact {
            let entry = functions.entry((fun.0.as_str(), fun.1.as_str(), fun.2)).or_default();
            entry.0.join(*does);
            entry.1.extend(calls);
        }
    }
    for (file, fact) in &all {
        let Fact::Sleep { range, shown, scope, does, calls } = fact else {
            continue;
        };
        // The project function to name: the first the test calls that is not its own.
        let known = |c: &&Fun| functions.contains_key(&(c.0.as_str(), c.1.as_str(), c.2));
        let Some((m, f, a)) = calls.iter().filter(known).find(|c| !c.0.ends_with("Test")).or_else(|| calls.iter().find(known)) else {
            continue;
        };
        let mut total = reach(&functions, calls);
        total.join(*does);
        if total.process || total.opaque && !total.clock {
            continue;
        }
        report.retract(*file, range.0);
        if total.clock {
            // Wall-clock time is what the code under test reads: the sleep is the test.
            continue;
        }
        report
            .add(
                *file,
                range.0..range.1,
                format!(
                    "{shown} waits for nothing: before it the test calls only functions of this project that run in the test process and neither message nor start a process nor read the clock (such as `{}.{f}/{a}`), so their work is done when they return; delete the sleep",
                    m.rsplit('.').next().unwrap_or(m)
                ),
                scope.clone(),
            )
            .anchor("waiting-for-a-state-change");
    }
}

/// The project's functions: what each does itself, and whom it calls.
type Functions<'a> = HashMap<(&'a str, &'a str, usize), (Does, Vec<&'a Fun>)>;

/// What `calls` do, following the project's functions. A call to a project module
/// that defines no such function (one a `use` generates, say) is out of sight.
fn reach<'a>(functions: &Functions<'a>, calls: &'a [Fun]) -> Does {
    let mut does = Does::default();
    let mut seen: HashSet<(&str, &str, usize)> = HashSet::new();
    let mut todo: Vec<&'a Fun> = calls.iter().collect();
    while let Some(fun) = todo.pop() {
        let key = (fun.0.as_str(), fun.1.as_str(), fun.2);
        if !seen.insert(key) {
            continue;
        }
        match functions.get(&key) {
            Some((d, next)) => {
                does.join(*d);
                todo.extend(next.iter().copied());
            }
            None => does.opaque = true,
        }
    }
    does
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let facts = facts.downcast_ref::<Vec<Fact>>()?;
    let funs = |calls: &[Fun]| calls.iter().map(|(m, n, a)| serde_json::json!([m, n, a])).collect::<Vec<_>>();
    Some(serde_json::Value::Array(
        facts
            .iter()
            .map(|f| match f {
                Fact::Function { fun, does, calls } => {
                    serde_json::json!(["fun", fun.0, fun.1, fun.2, does.bits(), funs(calls)])
                }
                Fact::Sleep { range, shown, scope, does, calls } => {
                    serde_json::json!(["sleep", range.0, range.1, shown, scope, does.bits(), funs(calls)])
                }
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
            let funs = |i: usize| -> Option<Vec<Fun>> {
                f.get(i)?
                    .as_array()?
                    .iter()
                    .map(|c| Some((c.get(0)?.as_str()?.to_string(), c.get(1)?.as_str()?.to_string(), c.get(2)?.as_u64()? as usize)))
                    .collect()
            };
            Some(match f.get(0)?.as_str()? {
                "fun" => Fact::Function {
                    fun: (text(1)?, text(2)?, number(3)?),
                    does: Does::from_bits(f.get(4)?.as_u64()?),
                    calls: funs(5)?,
                },
                "sleep" => Fact::Sleep {
                    range: (number(1)?, number(2)?),
                    shown: text(3)?,
                    scope: text(4)?,
                    does: Does::from_bits(f.get(5)?.as_u64()?),
                    calls: funs(6)?,
                },
                _ => return None,
            })
        })
        .collect::<Option<Vec<Fact>>>()?;
    Some(Box::new(facts))
}
