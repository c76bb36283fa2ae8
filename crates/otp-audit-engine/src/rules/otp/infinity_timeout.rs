//! `otp/infinity-timeout`: Infinite timeout on a call or await. See `infinity_timeout.md`.

use crate::rules::prelude::*;
use crate::model::Id;
use crate::rules::otp::call_timeout::{
    all_pure, answers_at_once, answers_at_once_if_project_pure, answers_once_started, pure_functions, pure_set,
    request_tag, startup_wait, Need, PureFunction,
};
use std::ops::Range;

pub static RULE: Rule = Rule {
    id: "otp/infinity-timeout",
    title: "Infinite timeout on a call or await",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("infinity_timeout.md"),
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

/// Where a call takes its timeout.
enum Timeout {
    /// The argument at this index.
    Arg(usize),
    /// The `timeout:` option in the keyword list at this index.
    Option(usize),
    /// This arity has no timeout and waits forever.
    Missing,
}

/// (module, function, arity, where the timeout is).
const TIMEOUTS: &[(&str, &str, usize, Timeout)] = &[
    ("GenServer", "call", 3, Timeout::Arg(2)),
    (":gen_server", "call", 3, Timeout::Arg(2)),
    (":gen_statem", "call", 3, Timeout::Arg(2)),
    ("GenStateMachine", "call", 3, Timeout::Arg(2)),
    ("Task", "await", 2, Timeout::Arg(1)),
    ("Task", "await_many", 2, Timeout::Arg(1)),
    ("Task", "yield", 2, Timeout::Arg(1)),
    ("Task", "yield_many", 2, Timeout::Arg(1)),
    ("Task", "async_stream", 3, Timeout::Option(2)),
    ("Task", "async_stream", 5, Timeout::Option(4)),
    ("Task.Supervisor", "async_stream", 4, Timeout::Option(3)),
    ("Task.Supervisor", "async_stream", 6, Timeout::Option(5)),
    ("Task.Supervisor", "async_stream_nolink", 4, Timeout::Option(3)),
    ("Task.Supervisor", "async_stream_nolink", 6, Timeout::Option(5)),
    ("Agent", "get", 3, Timeout::Arg(2)),
    ("Agent", "get", 5, Timeout::Arg(4)),
    ("Agent", "update", 3, Timeout::Arg(2)),
    ("Agent", "update", 5, Timeout::Arg(4)),
    ("Agent", "get_and_update", 3, Timeout::Arg(2)),
    ("Agent", "get_and_update", 5, Timeout::Arg(4)),
    (":rpc", "call", 5, Timeout::Arg(4)),
    (":rpc", "call", 4, Timeout::Missing),
    (":erpc", "call", 5, Timeout::Arg(4)),
    (":erpc", "call", 4, Timeout::Missing),
    (":erpc", "call", 3, Timeout::Arg(2)),
    (":erpc", "call", 2, Timeout::Missing),
];

const NAMES: &[&str] = &[
    "call",
    "await",
    "await_many",
    "yield",
    "yield_many",
    "async_stream",
    "async_stream_nolink",
    "get",
    "update",
    "get_and_update",
];

fn check(file: &File, report: &mut Report) {
    for (call, range, message, severity) in findings(file) {
        let d = report.add(file, &call.ctx, range, message);
        if let Some(severity) = severity {
            d.severity(severity);
        }
    }
}

/// An infinite wait: the call, the range to flag, the message, and the severity
/// when it is not the rule's.
type Found<'a, 't> = (&'a Call<'t>, Range<usize>, String, Option<Severity>);

/// Each infinite wait in the file.
fn findings<'a, 't>(file: &'a File<'t>) -> Vec<Found<'a, 't>> {
    let src = file.src;
    let mut out = Vec::new();
    for call in file.calls_named_any(NAMES) {
        if call.capture || call.dynamic {
            continue;
        }
        let Some(module) = call.module.as_deref() else {
            continue;
        };
        let Some((_, _, _, timeout)) = TIMEOUTS
            .iter()
            .find(|(m, n, a, _)| *m == module && *n == call.name && *a == call.arity)
        else {
            continue;
        };
        // After the cheap tests: whether the module drives Mix reads all its calls.
        if in_mix_task(file, &call.ctx) || drives_mix(file, &call.ctx) {
            continue;
        }
        if remote_start(file, call) || explained_above(file, call) {
            continue;
        }
        let written = call.display(src);
        let advice = advice(module);
        let lookup = instant_remote_function(file, call);
        match timeout {
            Timeout::Missing => {
                let explicit = format!("{module}.call/{}", call.arity + 1);
                if let Some(lookup) = lookup {
                    let message = lookup_wait_message(&written, None, &explicit, &lookup);
                    out.push((call, call.node.byte_range(), message, Some(Severity::Info)));
                    continue;
                }
                out.push((call, call.node.byte_range(), format!(
                        "`{written}` has no timeout argument (`:infinity`): it waits as long as the remote function runs, and on a partitioned node until the net tick gives up (about a minute by default); use `{explicit}` with a bounded timeout"
                    ), None));
            }
            Timeout::Arg(i) => {
                let Some(arg) = call.arg(*i) else { continue };
                if waits_in_line(file, call) || supervisor_client(file, call) {
                    continue;
                }
                let Some(how) = infinity_source(file, call, arg) else {
                    continue;
                };
                let handler = handler_calls(file, call);
                if handler.as_deref().is_some_and(|calls| wraps_supervisor(file, calls)) {
                    continue;
                }
                // What the function handed to an agent does, worked out once.
                let agent_work = (module == "Agent" && call.arity == 3).then(|| agent_fun_work(file, call, *i)).flatten();
                if let Some(lookup) = lookup {
                    let message = lookup_wait_message(&written, Some(&how), "", &lookup);
                    out.push((call, arg.byte_range(), message, Some(Severity::Info)));
                } else if is_genserver_call(call) && reports_to_parent(file, call) {
                    let parent = call.arg(0).map(|a| file.text(a)).unwrap_or("parent");
                    out.push((call, arg.byte_range(), format!(
                        "`{written}` is given {how} as its timeout; it runs in a process this function starts and calls back `{parent}`, the server that started it (`{parent} = self()`): if that server dies the call exits at once (`:noproc`), and a bound would only end a worker that nothing else waits on, so the wait is the server's own to answer; keep its `handle_call/3` clause for the report quick"
                    ), Some(Severity::Info)));
                } else if is_genserver_call(call) && answers_at_once(file, call).is_some() {
                    let message = at_once_message(&written, &how, "at once from its state (no call to another process, no `receive`, no I/O)");
                    out.push((call, arg.byte_range(), message, Some(Severity::Info)));
                } else if is_genserver_call(call)
                    && answers_once_started(file, call).is_some()
                    && let Some((head, waits)) = file.module(&call.ctx).and_then(|m| startup_wait(file, m))
                {
                    out.push((call, arg.byte_range(), format!(
                        "`{written}` is given {how} as its timeout; this module's `handle_call/3` answers the request at once from its state, but start-up goes on after `init/1` returns, in `{head}`, which waits (`{waits}`), and a call that arrives meanwhile queues behind that start-up work: `:infinity` lets callers wait it out; a bound would have to outlast the slowest start-up, so keep it if that is the intent (and say so in a comment)"
                    ), Some(Severity::Info)));
                } else if let Some(AgentWork::FileIo { first, calls }) = &agent_work {
                    out.push((call, arg.byte_range(), format!(
                        "`{written}` is given {how} as its timeout; the function it hands the agent works on files (`{first}`) and otherwise calls only {calls}, so the wait is bounded by the disk rather than by another process (unless one of those project functions does more); the work cannot move to the caller when the agent owns the file (a `:raw` file works only in the process that opened it): keep `:infinity` where a timeout would leave a write half done, or bound it if a stuck disk must not hang callers"
                    ), Some(Severity::Info)));
                } else if agent_work == Some(AgentWork::InMemory) {
                    out.push((call, arg.byte_range(), format!(
                        "`{written}` is given {how} as its timeout, but the function it hands the agent only computes on the agent's state (library functions on data, no call to another process, no I/O), so the agent answers at once unless it is busy with another caller; `:infinity` only removes the safety net if that function grows slow work"
                    ), Some(Severity::Info)));
                } else if let Some(inner) = handler.as_deref().and_then(|calls| bounded_sub_calls(file, calls)) {
                    out.push((call, arg.byte_range(), format!(
                        "`{written}` is given {how} as its timeout; the calls this module's `handle_call/3` makes for the request carry bounded timeouts (`{inner}`), so the handler itself ends, but the caller has no limit of its own while the server is busy with other requests or stuck elsewhere; {advice}"
                    ), None));
                } else if let Some(inner) = tasks_bound_themselves(file, call) {
                    out.push((call, arg.byte_range(), format!(
                        "`{written}` is given {how} as its timeout, but every task this function starts only makes `{inner}` with a bounded timeout, so the task ends (or exits) within that bound and the await with it; `:infinity` only avoids a second, shorter deadline"
                    ), Some(Severity::Info)));
                } else if let Some(inner) = tasks_wait_forever_inside(file, call) {
                    // `Task.yield_many/2` does not exit on its timeout: it returns `nil`
                    // for the tasks still running.
                    let bounded = if call.name.starts_with("yield") {
                        "a bounded yield would return before that work is done and leave the tasks running"
                    } else {
                        "a bounded await would exit this process while the task's work goes on"
                    };
                    out.push((call, arg.byte_range(), format!(
                        "`{written}` is given {how} as its timeout, but the task it awaits itself waits without a bound, in `{inner}`: the await only mirrors that choice, and {bounded}; if the work needs a limit, set it there"
                    ), Some(Severity::Info)));
                } else if postpones_own_events(file, call) {
                    let bound = match ways_out_of_postponing(file, call) {
                        Some(ways) => format!(
                            "; the machine leaves those states on its own ({ways}), but `:infinity` gives the caller no limit of its own if it stays in one (a peer that is up but never answers, a slow sync)"
                        ),
                        None => ", and `:infinity` puts no limit on either".to_string(),
                    };
                    out.push((call, arg.byte_range(), format!(
                        "`{written}` is given {how} as its timeout, and this state machine postpones events it cannot handle yet (`:postpone`), so the caller waits for the state to change as well as for the answer{bound}; {}",
                        postponed_advice(file, call)
                    ), None));
                } else {
                    // Tasks already started with `async_nolink`: say what is left to do.
                    let advice = if module == "Task" && unlinked_tasks(file, call) {
                        "its tasks already come from `Task.Supervisor.async_nolink`, so what is left is the bound: `Task.yield_many/2` with a timeout, then `Task.shutdown/2` on the tasks still running (a bounded await would exit this process instead)"
                    } else {
                        advice
                    };
                    out.push((call, arg.byte_range(), format!("`{written}` is given {how} as its timeout, so this process waits for good if {} never answers; {advice}", waited_on(module)), None));
                }
            }
            Timeout::Option(i) => {
                let Some(value) = call
                    .arg(*i)
                    .and_then(|opts| option_value(opts, src, "timeout"))
                else {
                    continue;
                };
                let Some(how) = infinity_source(file, call, value) else {
                    continue;
                };
                // Files count as local work: the disk is no process that can hang on us.
                let mut file_io = Some(None);
                let work = element_work(file, call, *i, &mut file_io);
                match work {
                    Some(ElementWork::Bounded(inner)) => out.push((call, value.byte_range(), format!(
                        "`{written}` is given {how} as its `timeout:` option, but each element only waits in `{inner}`, which carries its own bounded timeout, so an element ends (or exits) within that bound and the stream with it; `:infinity` only avoids a second, shorter deadline"
                    ), Some(Severity::Info))),
                    Some(ElementWork::InMemory(called)) if let Some(first) = file_io.flatten() => out.push((call, value.byte_range(), format!(
                        "`{written}` is given {how} as its `timeout:` option, but each element only computes and works on local files: it calls no process, socket or remote node, only {called}, and file functions such as `{first}`; work of that kind ends, so a bounded timeout would only exit the caller on a slow but finishing element (a large file, a busy disk); bound it if one of those project functions does network I/O"
                    ), Some(Severity::Info))),
                    Some(ElementWork::InMemory(called)) => out.push((call, value.byte_range(), format!(
                        "`{written}` is given {how} as its `timeout:` option, but each element only computes: it calls no process, socket or remote node, only {called}; work of that kind ends, so a bounded timeout would only exit the caller on a slow but finishing element; bound it if one of those project functions does I/O"
                    ), Some(Severity::Info))),
                    None if let Some(twin) = sequential_twin(file, call) => out.push((call, value.byte_range(), format!(
                        "`{written}` is given {how} as its `timeout:` option; it is the parallel branch of a loop that the other branch runs in sequence (`{twin}`), with no bound either, so `:infinity` keeps the two alike: an element waits as long as its own work does (bound that work, a query's `:timeout` say, to bound both)"
                    ), Some(Severity::Info))),
                    None => out.push((call, value.byte_range(), format!("`{written}` is given {how} as its `timeout:` option, so one stuck element blocks the whole stream; pass a bounded timeout: by default an element that runs out of time exits the caller, the right failure when every result is needed; add `on_timeout: :kill_task` only where an element may be skipped, and handle its `{{:exit, :timeout}}` result"), None)),
                }
            }
        }
    }
    merge_repeats(file, out)
}

/// An infinite wait on a request the caller's own module answers at once (`answer`:
/// how), which is info.
fn at_once_message(written: &str, how: &str, answer: &str) -> String {
    format!(
        "`{written}` is given {how} as its timeout, but this module's `handle_call/3` answers this request {answer}, so the wait is short today; `:infinity` only removes the safety net: if the handler grows slow work, a bounded timeout (`5_000`) would exit the caller where this one hangs it"
    )
}

/// The same call with the same verdict written more than once in one function
/// (`GenServer.call(pid, :done, @timeout)` on three branches, `Task.await(task,
/// :infinity)` in two clauses of one `fn`) is one decision: the first is reported,
/// naming the lines of the others.
/// `# The infinity is safe here because the inner tasks have their own timeout.` right
/// above the statement: the author has weighed the unbounded wait and says why. The
/// rule's question is answered, as its advice asks ("say so in a comment").
fn explained_above(file: &File, call: &Call) -> bool {
    const WAIT: &[&str] = &["infinity", "infinite", "forever", "unbounded", "no timeout"];
    const WHY: &[&str] = &["because", "since", "safe", "intentional", "on purpose", "deliberate", "own timeout"];
    let block = file.comment_block_above(file.statement_around(call.node));
    WAIT.iter().any(|w| block.contains(w)) && WHY.iter().any(|w| block.contains(w))
}

fn merge_repeats<'a, 't>(file: &File, found: Vec<Found<'a, 't>>) -> Vec<Found<'a, 't>> {
    let mut out: Vec<Found> = Vec::new();
    let mut repeats: Vec<Vec<usize>> = Vec::new();
    for f in found {
        let same = out.iter().position(|o| {
            o.0.ctx.def.is_some() && o.0.ctx.def == f.0.ctx.def && o.2 == f.2 && o.3 == f.3 && file.text(o.0.node) == file.text(f.0.node)
        });
        match same {
            Some(i) => repeats[i].push(f.0.node.start_position().row + 1),
            None => {
                out.push(f);
                repeats.push(Vec::new());
            }
        }
    }
    for (f, lines) in out.iter_mut().zip(repeats) {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        match lines.as_slice() {
            [] => {}
            [one] => f.2.push_str(&format!(" (the same call is also on line {one})")),
            many => f.2.push_str(&format!(" (the same call is also on lines {})", many.join(", "))),
        }
    }
    out
}

/// `if parallel?, do: Task.async_stream(items, work, timeout: :infinity), else:
/// Enum.map(items, work)`: the stream is the parallel form of a loop the other branch
/// of the `if` (or `case`) runs in sequence over the same items, without a bound. The
/// sequential loop, as written.
fn sequential_twin(file: &File, call: &Call) -> Option<String> {
    let items = file.text(call.arg(0)?);
    let mut node = call.node;
    let branching = loop {
        node = file.parent(node)?;
        if node.kind_id() == grammar().kinds.call && matches!(ast::local_call_name(node, file.src), Some("if" | "unless" | "case")) {
            break node;
        }
        if file.def(&call.ctx).is_some_and(|d| d.node.id() == node.id()) {
            return None;
        }
    };
    let outside = |c: &Call| c.node.end_byte() <= call.node.start_byte() || call.node.end_byte() <= c.node.start_byte();
    file.calls_within(branching)
        .filter(|c| outside(c) && loops_in_sequence(c))
        .find(|c| c.arg(0).is_some_and(|a| file.text(a) == items))
        .map(|c| c.display(file.src))
}

/// `Enum.map(items, work)`, `Stream.map(stream, callback)`, `Stream.transform(stream,
/// acc, fun)`: a loop over every item, one after another.
fn loops_in_sequence(c: &Call) -> bool {
    (c.in_module("Enum") && matches!(c.name, "map" | "each" | "flat_map" | "reduce" | "reduce_while" | "map_reduce"))
        || (c.in_module("Stream") && matches!(c.name, "map" | "each" | "flat_map" | "transform"))
}

/// What each element of a `Task.async_stream` does, when that makes `:infinity`
/// harmless.
enum ElementWork {
    /// It waits only in calls that carry their own bounded timeout (the first one,
    /// written `Module.fun/arity`).
    Bounded(String),
    /// It waits on nothing: pure library functions, local functions of the same
    /// kind and functions of the project's own modules (named for the message).
    InMemory(String),
}

/// `:erlang` functions that compute on their arguments.
const PURE_ERLANG: &[&str] = &[
    "term_to_binary", "binary_to_term", "iolist_size", "iolist_to_binary", "phash2", "crc32",
    "byte_size", "tuple_size", "element", "setelement", "list_to_binary", "binary_to_list",
];

/// Modules whose functions read and write files: they wait on the disk, not on
/// another process.
const FILE_IO: &[&str] = &[":file", "File", ":prim_file"];

/// Modules whose functions compute on data in memory and never wait.
const IN_MEMORY_MODULES: &[&str] = &[
    "Kernel", "String", "Enum", "Map", "MapSet", "List", "Keyword", "Tuple", "Integer",
    "Float", "Decimal", "Date", "Time", "DateTime", "NaiveDateTime", "Calendar", "Regex",
    "Base", "URI", "Path", "Access", "Jason", "Poison", "Bitwise", "Logger", ":binary", ":lists",
    ":maps", ":string", ":math", ":erlang", ":crypto", ":zlib",
];

/// `Task.async_stream(items, fn item -> ... end, timeout: :infinity)` (or a
/// capture of a local function) whose element function, with the local functions
/// it reaches, waits only in bounded calls or not at all. The function is the
/// argument before the options at `opts_at`.
///
/// Calls of [`FILE_IO`] modules count as in-memory work when `file_io` is given, and
/// the first one is noted there.
fn element_work(file: &File, call: &Call, opts_at: usize, file_io: &mut Option<Option<String>>) -> Option<ElementWork> {
    let fun = call.arg(opts_at.checked_sub(1)?)?;
    let mut bounded: Option<String> = None;
    let mut project: Vec<String> = Vec::new();
    let mut pending: Vec<Node> = vec![fun];
    let mut seen: Vec<Range<usize>> = Vec::new();
    let own_root = file.module(&call.ctx)?.name.split('.').next()?.to_string();
    while let Some(node) = pending.pop() {
        if seen.contains(&node.byte_range()) || seen.len() > 32 {
            continue;
        }
        seen.push(node.byte_range());
        // `callback.(batch)`: a function value may do anything, a query included.
        if crate::rules::otp::call_timeout::calls_a_fn_value(file.text(node)) {
            return None;
        }
        for c in file.calls_within(node) {
            if c.dynamic {
                return None;
            }
            let Some(module) = c.module.as_deref() else {
                // A local function of this module: follow it; a control form: fine.
                if c.local && matches!(c.name, "case" | "if" | "unless" | "cond" | "with" | "raise" | "throw") {
                    continue;
                }
                // `inspect(reason)`, `data when is_binary(data) ->`: Kernel's own functions,
                // when the module defines no function of that name.
                if c.local
                    && pure_kernel_function(c.name)
                    && !file.defs_of(call.ctx.module).any(|d| d.name == c.name && d.arity == c.arity)
                {
                    continue;
                }
                let defs: Vec<&Def> = file
                    .defs_of(call.ctx.module)
                    .filter(|d| d.name == c.name && d.arity == c.arity)
                    .collect();
                if defs.is_empty() {
                    return None;
                }
                pending.extend(defs.iter().filter_map(|d| d.body));
                continue;
            };
            if let Some(inner) = bounded_wait(file, c) {
                bounded.get_or_insert(inner);
            } else if labels_own_process(c) {
                // `:proc_lib.set_label({:fetcher, node})`: names the task for observers.
                continue;
            } else if IN_MEMORY_MODULES.contains(&module) {
                if module == "Kernel" && matches!(c.name, "send" | "spawn" | "spawn_link" | "apply" | "receive") {
                    return None;
                }
            } else if module == ":erlang" && PURE_ERLANG.contains(&c.name) {
                continue;
            } else if let Some(seen) = file_io.as_mut().filter(|_| FILE_IO.contains(&module)) {
                seen.get_or_insert_with(|| format!("{module}.{}/{}", c.name, c.arity));
            } else if module.split('.').next() == Some(own_root.as_str()) && !module.ends_with("Repo") {
                let name = format!("`{module}.{}/{}`", c.name, c.arity);
                if !project.contains(&name) {
                    project.push(name);
                }
            } else {
                return None;
            }
        }
    }
    match (bounded, project.is_empty()) {
        (Some(inner), true) => Some(ElementWork::Bounded(inner)),
        (Some(_), false) => None,
        (None, true) => Some(ElementWork::InMemory("library functions that compute on data and its own local functions".to_string())),
        (None, false) => Some(ElementWork::InMemory(format!(
            "library functions that compute on data, its own local functions and {} of this project",
            project.join(", ")
        ))),
    }
}

#[derive(PartialEq)]
enum AgentWork {
    /// `Agent.get_and_update(agent, fn {map, n} -> {n, {Map.put(map, n, x), n + 1}} end,
    /// :infinity)`: only library functions on data (and the module's own such
    /// functions), so the agent runs it at once.
    InMemory,
    /// Reads or writes files (the first such call named), and otherwise computes.
    FileIo { first: String, calls: String },
}

/// What the function written in place for the agent does, when it waits on nothing
/// but, at most, the disk.
fn agent_fun_work(file: &File, call: &Call, timeout_at: usize) -> Option<AgentWork> {
    let written_in_place = call
        .arg(timeout_at.saturating_sub(1))
        .is_some_and(|f| f.kind_id() == grammar().kinds.anonymous_function || file.text(f).starts_with("&"));
    if !written_in_place {
        return None;
    }
    let mut file_io = Some(None);
    match (element_work(file, call, timeout_at, &mut file_io)?, file_io.flatten()) {
        // Project functions may do anything; beside file work they are named.
        (ElementWork::InMemory(calls), Some(first)) => Some(AgentWork::FileIo { first, calls }),
        (ElementWork::InMemory(what), None) if !what.contains("of this project") => Some(AgentWork::InMemory),
        _ => None,
    }
}

/// Kernel functions that compute on their arguments, written without `Kernel.`.
fn pure_kernel_function(name: &str) -> bool {
    name.starts_with("is_")
        || matches!(
            name,
            "inspect" | "to_string" | "to_charlist" | "length" | "elem" | "hd" | "tl" | "byte_size" | "bit_size"
                | "map_size" | "tuple_size" | "binary_part" | "div" | "rem" | "abs" | "round" | "trunc" | "max"
                | "min" | "put_in" | "get_in" | "update_in" | "struct" | "then" | "tap"
        )
}

/// Calls on the task's own process that never wait: a label for observers, a flag,
/// the process dictionary.
fn labels_own_process(c: &Call) -> bool {
    c.is(":proc_lib", "set_label") || c.is_any("Process", &["set_label", "flag", "put", "get", "delete"])
}

/// A call that waits for a reply but bounds the wait itself: `GenServer.call/2`
/// (5 s by default), a call of `TIMEOUTS` given a finite timeout, or any call whose
/// trailing options carry a `timeout:` that is not `:infinity`.
fn bounded_wait(file: &File, c: &Call) -> Option<String> {
    let module = c.module.as_deref()?;
    let name = format!("{module}.{}/{}", c.name, c.arity);
    if matches!(module, "GenServer" | ":gen_server") && c.name == "call" && c.arity == 2 {
        return Some(name);
    }
    if let Some((_, _, _, timeout)) = TIMEOUTS.iter().find(|(m, n, a, _)| *m == module && *n == c.name && *a == c.arity) {
        let value = match timeout {
            Timeout::Arg(i) => c.arg(*i)?,
            Timeout::Option(i) => option_value(c.arg(*i)?, file.src, "timeout")?,
            Timeout::Missing => return None,
        };
        return (infinity_source(file, c, value).is_none() && ast::atom_name(value, file.src).is_none()).then_some(name);
    }
    let value = option_value(*c.args.last()?, file.src, "timeout")?;
    (infinity_source(file, c, value).is_none() && ast::atom_name(value, file.src).is_none()).then_some(name)
}

/// Functions that only look something up in the node they run on and never wait on
/// work: registered names, loaded applications, ETS and `Registry` entries.
const INSTANT_LOOKUPS: &[(&str, &str)] = &[
    (":erlang", "whereis"),
    ("Process", "whereis"),
    (":erlang", "node"),
    (":erlang", "nodes"),
    ("Node", "self"),
    ("Node", "list"),
    (":erlang", "is_process_alive"),
    ("Process", "alive?"),
    (":application", "which_applications"),
    (":application", "loaded_applications"),
    (":application", "get_env"),
    (":application", "get_key"),
    ("Application", "started_applications"),
    ("Application", "loaded_applications"),
    ("Application", "get_env"),
    ("Application", "fetch_env"),
    ("Application", "fetch_env!"),
    ("Application", "spec"),
    (":ets", "lookup"),
    (":ets", "lookup_element"),
    (":ets", "member"),
    (":ets", "info"),
    (":ets", "whereis"),
    ("Registry", "lookup"),
    ("Registry", "keys"),
    ("Registry", "meta"),
    (":global", "whereis_name"),
    // A name (`pid`, `atom`, `{:global, _}`, `{:via, _, _}`) to a pid; R28 kino.
    ("GenServer", "whereis"),
    (":persistent_term", "get"),
    // The node's own counters and tables, read by BIFs that answer at once.
    (":erlang", "system_info"),
    (":erlang", "statistics"),
    (":erlang", "memory"),
    (":erlang", "process_info"),
    (":erlang", "port_info"),
    (":erlang", "processes"),
    (":erlang", "ports"),
    ("Process", "info"),
    ("Process", "list"),
    ("Port", "info"),
    ("Port", "list"),
    (":ets", "all"),
    (":code", "is_loaded"),
    (":code", "all_loaded"),
    (":application_controller", "get_master"),
    ("System", "version"),
    ("System", "otp_release"),
    ("System", "get_env"),
];

/// The message for a remote wait on a lookup that answers at once: `how` the
/// timeout is `:infinity` when one is given, else the call takes none and
/// `explicit` names the arity that does.
fn lookup_wait_message(written: &str, how: Option<&str>, explicit: &str, lookup: &str) -> String {
    const BOUND: &str = "so only the network bounds the wait: on a partitioned node it lasts until the net tick gives up (about a minute by default)";
    match how {
        Some(how) => format!(
            "`{written}` is given {how} as its timeout, but `{lookup}` is a lookup that answers at once, {BOUND}; pass a bounded timeout if the caller cannot wait that long"
        ),
        None => format!(
            "`{written}` has no timeout argument (`:infinity`), but `{lookup}` is a lookup that answers at once, {BOUND}; use `{explicit}` with a bounded timeout if the caller cannot wait that long"
        ),
    }
}

/// `:rpc.call(node, Mod, :fun, [a])` → `("Mod", "fun", 1)`, when written literally.
fn remote_function<'s>(file: &File<'s>, call: &Call) -> Option<(String, &'s str, usize)> {
    let k = &grammar().kinds;
    if !matches!(call.module.as_deref(), Some(":rpc" | ":erpc")) || call.arity < 4 {
        return None;
    }
    let (module, function, args) = (call.arg(1)?, call.arg(2)?, call.arg(3)?);
    let module = if module.kind_id() == k.alias {
        file.module_at(file.text(module), module.start_byte())
    } else if file.text(module) == "__MODULE__" {
        file.module(&call.ctx)?.name.clone()
    } else if module.kind_id() == k.atom {
        file.text(module).to_string()
    } else {
        return None;
    };
    let function = ast::atom_name(function, file.src)?;
    let arity = (args.kind_id() == k.list).then(|| ast::named_children(args).count())?;
    Some((module, function, arity))
}

/// `:rpc.call(node, GenServer, :start, [Mod, arg, opts])`: a process started on
/// another node. It waits as long as the same start would locally, and a timeout
/// would leave the caller without the pid of a process that did start, the reason
/// the supervisor API waits without a limit too.
/// Any module's `start`/`start_link` counts when the result is matched as a start's
/// (`{:ok, _} = :rpc.call(node, :helper, :start, [])`): code loaded onto the node
/// that starts its processes there.
fn remote_start(file: &File, call: &Call) -> bool {
    remote_function(file, call).is_some_and(|(module, function, _)| {
        let starts = matches!(function, "start" | "start_link" | "start_child");
        let behaviour = matches!(
            module.as_str(),
            "GenServer" | "Supervisor" | "DynamicSupervisor" | "Agent" | "Task.Supervisor" | ":gen_server" | ":gen_statem" | ":supervisor"
        );
        starts && (behaviour || matched_as_started(file, call))
    })
}

/// `{:ok, _} = call` or `{:ok, pid} <- call`: the result is taken as a start's.
fn matched_as_started(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    call.parent
        .filter(|p| {
            (ast::is_binary_op(*p, file.src, "=") || ast::is_binary_op(*p, file.src, "<-"))
                && ast::field(*p, grammar().fields.right) == Some(call.expr)
        })
        .and_then(|p| ast::field(p, grammar().fields.left))
        .is_some_and(|l| {
            l.kind_id() == k.tuple
                && ast::named_children(l).count() == 2
                && l.named_child(0).is_some_and(|t| file.text(t) == ":ok")
        })
}

/// `:rpc.call(node, :erlang, :whereis, [name])`: the remote function, written
/// `Module.fun/arity`, when it is an instant lookup (`INSTANT_LOOKUPS`), or a
/// function of this file whose every clause only makes such lookups and branches.
/// A lookup in another file of the project is found by the project pass.
fn instant_remote_function(file: &File, call: &Call) -> Option<String> {
    let (module, function, arity) = remote_function(file, call)?;
    let instant = INSTANT_LOOKUPS.contains(&(module.as_str(), function))
        || only_looks_up(file, &module, function, arity);
    instant.then(|| format!("{module}.{function}/{arity}"))
}

/// The info message a remote wait in this finding gets if the project shows its
/// remote function to be a lookup: (`Module.fun/arity`, message).
fn remote_lookup_candidate(file: &File, call: &Call) -> Option<(String, String)> {
    let (module, function, arity) = remote_function(file, call)?;
    if module.starts_with(':') {
        return None;
    }
    let lookup = format!("{module}.{function}/{arity}");
    let written = call.display(file.src);
    let timeout_at = call.arity - 1;
    let message = if matches!((call.module.as_deref(), call.arity), (Some(":rpc"), 5) | (Some(":erpc"), 5)) {
        let how = infinity_source(file, call, call.arg(timeout_at)?)?;
        lookup_wait_message(&written, Some(&how), "", &lookup)
    } else {
        let explicit = format!("{}.call/{}", call.module.as_deref()?, call.arity + 1);
        lookup_wait_message(&written, None, &explicit, &lookup)
    };
    Some((lookup, message))
}

/// `def get_by_name(name)` in this file, whose every clause calls nothing but
/// `INSTANT_LOOKUPS` and branches (`case`, `if`).
fn only_looks_up(file: &File, module: &str, function: &str, arity: usize) -> bool {
    let Some(index) = file.modules.iter().position(|m| m.name == module) else {
        return false;
    };
    module_only_looks_up(file, index as Id, function, arity)
}

/// `only_looks_up` for the module at `index`: its own definitions, not the file's,
/// since the project facts ask this for every definition of every module.
fn module_only_looks_up(file: &File, index: Id, function: &str, arity: usize) -> bool {
    let clauses: Vec<&Def> = file
        .defs_of(Some(index))
        .filter(|d| d.kind == "def" && d.name == function && d.arity == arity)
        .collect();
    !clauses.is_empty()
        && clauses.iter().any(|d| d.body.is_some_and(|body| file.calls_within(body).next().is_some()))
        && clauses.iter().all(|d| d.body.is_some_and(|body| body_only_looks_up(file, index, body, &mut vec![function])))
}

/// Every call in `body` is an instant lookup, a branch or a comprehension, a function
/// on data (`Enum`, `Keyword`, Kernel's), or a function of the same module that only
/// does the same (each looked at once: `seen` breaks recursion): the callbacks a
/// dashboard runs on a remote node read its counters and reshape them.
fn body_only_looks_up<'s>(file: &File<'s>, index: Id, body: Node, seen: &mut Vec<&'s str>) -> bool {
    file.calls_within(body).all(|c| {
        let module = c.module.as_deref();
        if module.is_some_and(|m| INSTANT_LOOKUPS.contains(&(m, c.name)) || DATA_MODULES.contains(&m)) {
            return true;
        }
        if c.dynamic {
            return false;
        }
        let own: Vec<&Def> = file.defs_of(Some(index)).filter(|d| d.name == c.name).collect();
        if c.local && module.is_none() && !own.is_empty() {
            if seen.contains(&c.name) || seen.len() > 32 {
                return seen.contains(&c.name);
            }
            seen.push(c.name);
            return own.iter().all(|d| d.body.is_some_and(|b| body_only_looks_up(file, index, b, seen)));
        }
        // Kernel's functions and special forms, written bare: what waits is named.
        (c.local || module == Some("Kernel"))
            && !matches!(c.name, "receive" | "send" | "spawn" | "spawn_link" | "spawn_monitor" | "apply")
    })
}

/// Modules whose functions compute on data they are given.
const DATA_MODULES: &[&str] = &[
    "Enum", "Keyword", "Map", "MapSet", "List", "String", "Tuple", "Integer", "Float", "Atom", "Kernel", "Exception", ":lists", ":maps",
    ":proplists", ":string", ":unicode",
];

/// A `gen_statem` call to the module's own state machine (`__MODULE__`, or
/// `{__MODULE__, node}`), where the module postpones events (`:postpone`,
/// `postpone: true`) in some state: a call made then waits for the state to end.
fn postpones_own_events(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    if !matches!(call.module.as_deref(), Some("GenStateMachine" | ":gen_statem")) {
        return false;
    }
    let (Some(target), Some(module)) = (call.arg(0), file.module(&call.ctx)) else {
        return false;
    };
    let target = if target.kind_id() == k.tuple {
        match target.named_child(0) {
            Some(first) => first,
            None => return false,
        }
    } else {
        target
    };
    let own = matches!(file.text(target), "__MODULE__") || file.text(target) == module.name;
    own && ast::descendants(module.node).any(|n| {
        (n.kind_id() == k.atom && file.text(n) == ":postpone")
            || (n.kind_id() == k.keywords && ast::keyword_value(n, file.src, "postpone").is_some())
    })
}

/// How the state machine of `call`'s module gets out of a state it postpones in
/// without outside help: a timer it sets (`Process.send_after/3`) or a monitor
/// whose `:DOWN` arrives when the peer it waits for dies. Named for the message.
fn ways_out_of_postponing(file: &File, call: &Call) -> Option<String> {
    let module = file.module(&call.ctx)?;
    let mut ways: Vec<&str> = Vec::new();
    for c in file.calls_within(module.node) {
        let way = match (c.module.as_deref(), c.name) {
            (Some("Process" | ":erlang" | ":timer"), "send_after") => "a timer it sets",
            (Some("Process" | ":erlang"), "monitor") => "the `:DOWN` of a peer it monitors",
            _ => continue,
        };
        if !ways.contains(&way) {
            ways.push(way);
        }
    }
    (!ways.is_empty()).then(|| ways.join(" or "))
}

/// A public client function should let its callers choose; a private helper should
/// bound its own attempt.
fn postponed_advice(file: &File, call: &Call) -> &'static str {
    if file.def(&call.ctx).is_some_and(|d| d.kind == "def") {
        "give the client function a `timeout` argument with a bounded default, so a caller that can wait for the state to change passes `:infinity` itself"
    } else {
        "pass a bounded timeout that covers the longest state the machine postpones in, and treat the exit as a failed attempt"
    }
}

/// The tasks a function starts to await (`Task.async/1`, `Task.Supervisor.async_nolink/2`;
/// not an `async_stream`, which awaits its own).
fn tasks_started_in<'a, 't>(file: &'a File<'t>, def: Id) -> Vec<&'a Call<'t>> {
    file.calls
        .iter()
        .filter(|c| {
            c.ctx.def == Some(def)
                && matches!(c.module.as_deref(), Some("Task" | "Task.Supervisor"))
                && c.name.starts_with("async")
                && !c.name.starts_with("async_stream")
        })
        .collect()
}

/// Every task the awaiting function starts comes from `Task.Supervisor.async_nolink`.
fn unlinked_tasks(file: &File, call: &Call) -> bool {
    let tasks = call.ctx.def.map(|d| tasks_started_in(file, d)).unwrap_or_default();
    !tasks.is_empty() && tasks.iter().all(|t| t.is("Task.Supervisor", "async_nolink"))
}

/// `Task.await(task, :infinity)` in a function whose every started task
/// (`Task.async/1`, `Task.Supervisor.async_nolink/2`...) runs a `fn` that only makes
/// one call with a bounded timeout (`GenServer.call(member, msg, timeout)`): the
/// await is bounded by that call. The inner call, written `Module.fun/arity`.
fn tasks_bound_themselves(file: &File, call: &Call) -> Option<String> {
    let k = &grammar().kinds;
    if call.module.as_deref() != Some("Task") || !matches!(call.name, "await" | "await_many") {
        return None;
    }
    let def = call.ctx.def?;
    let starts = tasks_started_in(file, def);
    let mut inner = None;
    for start in &starts {
        let fun = start.args.last().filter(|f| f.kind_id() == k.anonymous_function)?;
        let calls: Vec<&Call> = file.calls_within(*fun).collect();
        let [only] = calls.as_slice() else {
            return None;
        };
        let (_, _, _, timeout) = TIMEOUTS.iter().find(|(m, n, a, _)| {
            only.module.as_deref() == Some(*m) && only.name == *n && only.arity == *a
        })?;
        let Timeout::Arg(i) = timeout else {
            return None;
        };
        let bound = only.arg(*i)?;
        if infinity_source(file, only, bound).is_some() || ast::atom_name(bound, file.src).is_some() {
            return None;
        }
        inner = Some(format!("{}.{}/{}", only.module.as_deref()?, only.name, only.arity));
    }
    inner
}

/// `Task.await(task, :infinity)` in a function whose every started task runs a `fn`
/// that (itself, or a local function it calls) makes a call told to wait without a
/// bound (`repo.transaction(fun, timeout: :infinity)`, `GenServer.call(s, r,
/// :infinity)`): a migration run in a task, say. The await mirrors that wait. That
/// inner call, as written.
fn tasks_wait_forever_inside(file: &File, call: &Call) -> Option<String> {
    let k = &grammar().kinds;
    if call.module.as_deref() != Some("Task") || !matches!(call.name, "await" | "await_many" | "yield_many") {
        return None;
    }
    let def = call.ctx.def?;
    let module = file.module(&call.ctx)?;
    let mut starts = tasks_started_in(file, def);
    // `Enum.map(warmers, &spawn_call(&1, wait))`: tasks a helper of the module starts
    // for this function.
    for c in file.calls.iter().filter(|c| c.ctx.def == Some(def) && c.local && c.module.is_none()) {
        let helpers = module.defs.iter().filter(|&&d| file.defs[d as usize].name == c.name && file.defs[d as usize].arity == c.arity);
        for &helper in helpers.filter(|&&h| h != def) {
            starts.extend(tasks_started_in(file, helper));
        }
    }
    let unbounded = |c: &Call| {
        c.args.iter().any(|a| {
            ast::atom_name(*a, file.src) == Some("infinity")
                || a.kind_id() == k.keywords && file.text(*a).contains("timeout: :infinity")
        })
    };
    let mut inner = None;
    for start in &starts {
        let fun = start.args.iter().copied().find(|f| f.kind_id() == k.anonymous_function)?;
        let mut bodies = vec![fun];
        for c in file.calls_within(fun).filter(|c| c.local && c.module.is_none()) {
            let helpers = module.defs.iter().map(|&d| &file.defs[d as usize]);
            bodies.extend(helpers.filter(|d| d.name == c.name && d.arity == c.arity).filter_map(|d| d.body));
        }
        let found = bodies.iter().find_map(|b| file.calls_within(*b).find(|c| unbounded(c)))?;
        inner.get_or_insert_with(|| found.display(file.src));
    }
    inner
}

/// `GenServer.call(sem, {:acquire, w}, :infinity)` where this module's
/// `handle_call({:acquire, ...}, from, state)` may keep `from` and answer with
/// `{:noreply, ...}`: the caller queues for a lock, a permit or a slot, and waiting
/// its turn is the function's contract. A timeout would drop the caller while the
/// server still hands it the permit later. The clauses may be those of a private
/// function `handle_call/3` hands `from` to (`do_handle_call(request, from, state)`),
/// and the call may be the module's one wrapper for every request (`def call(pid,
/// request)`), which then carries the deferred ones too (R32 bypass).
///
/// A `:gen_statem` does the same when a `{:call, from}` clause for the request carries
/// `from` on (into its data, or as `{:next_event, :internal, {:queue, {req, from}}}`)
/// without replying in the clause itself (R34 nostrum's rate limiter). And a
/// `handle_call` that sleeps before it replies, itself or in a function of the module
/// it calls (`Process.sleep(@wait_time - elapsed)`), spaces its callers out on
/// purpose: each waits its turn behind the ones queued before it (R34 nostrum's shard
/// connector).
fn waits_in_line(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let statem = matches!(call.module.as_deref(), Some(":gen_statem" | "GenStateMachine"));
    if !(statem || matches!(call.module.as_deref(), Some("GenServer" | ":gen_server"))) || call.name != "call" {
        return false;
    }
    let Some(request) = call.arg(1) else {
        return false;
    };
    let tag_of = |n: Node| -> Option<&str> {
        let atom = if n.kind_id() == k.tuple { n.named_child(0)? } else { n };
        (atom.kind_id() == k.atom).then(|| ast::atom_name(atom, file.src)).flatten()
    };
    // A request handed in whole by the caller of a wrapper: any request.
    let wrapped = request.kind_id() == k.identifier
        && file
            .def(&call.ctx)
            .is_some_and(|d| d.params.iter().any(|p| file.text(*p) == file.text(request)));
    let tag = tag_of(request);
    if tag.is_none() && !wrapped {
        return false;
    }
    // A clause for this request: tagged with it, or a catch-all (`_request`) that
    // takes every request.
    let takes_request = |p: Node| wrapped || tag_of(p) == tag || p.kind_id() == k.identifier;
    let in_module = |d: &&Def| d.module == call.ctx.module;
    if statem {
        return file.defs.iter().filter(in_module).any(|d| {
            let (event, request) = match (d.name, d.arity) {
                ("handle_event", 4) | (_, 3) => (d.params.first(), d.params.get(1)),
                _ => return false,
            };
            let from = event.filter(|e| e.kind_id() == k.tuple && tag_of(**e) == Some("call")).and_then(|e| e.named_child(1));
            let Some(from) = from.map(|f| file.text(f)).filter(|f| !f.starts_with('_')) else {
                return false;
            };
            request.is_some_and(|r| takes_request(*r))
                && d.body.is_some_and(|body| {
                    let replies_here = ast::descendants(body).any(|n| {
                        n.kind_id() == k.tuple
                            && tag_of(n) == Some("reply")
                            && n.named_child(1).is_some_and(|f| file.text(f) == from)
                    });
                    // Kept for later: in a map (the data, or a struct in it), or in an
                    // event the machine gives itself. Handed to a function of the module
                    // (`handle_call(msg, from, data)`) is no deferral of its own.
                    let kept = |v: Node| {
                        let mut cur = v;
                        while let Some(p) = file.parent(cur).filter(|p| p.id() != body.id()) {
                            if p.kind_id() == k.map || p.kind_id() == k.tuple && tag_of(p) == Some("next_event") {
                                return true;
                            }
                            if p.kind_id() == k.call {
                                return false;
                            }
                            cur = p;
                        }
                        false
                    };
                    let carries = ast::descendants(body).any(|v| v.kind_id() == k.identifier && file.text(v) == from && kept(v));
                    carries && !replies_here && !file.calls_within(body).any(|c| c.name == "reply")
                })
        });
    }
    // `handle_call(:blocking_connect, _from, state)` that sleeps and then replies, in
    // one body: a sleep on some error path of a helper spaces nobody out.
    let sleeps = |body: Node| {
        file.calls_within(body).any(|c| c.is("Process", "sleep") || c.is(":timer", "sleep"))
            && ast::descendants(body).any(|n| n.kind_id() == k.tuple && tag_of(n) == Some("reply"))
    };
    let spaces_callers = file.defs.iter().filter(in_module).any(|d| {
        d.name == "handle_call"
            && d.params.first().is_some_and(|p| takes_request(*p) && p.kind_id() != k.identifier)
            && d.body.is_some_and(|body| {
                sleeps(body)
                    || file.calls_within(body).filter(|c| c.local).any(|c| {
                        file.defs
                            .iter()
                            .filter(in_module)
                            .any(|f| f.name == c.name && f.arity == c.arity && f.body.is_some_and(sleeps))
                    })
            })
    });
    if spaces_callers {
        return true;
    }
    // Private functions `handle_call/3` hands its `from` to.
    let delegates: Vec<&str> = file
        .defs
        .iter()
        .filter(in_module)
        .filter(|d| d.name == "handle_call")
        .filter_map(|d| Some((d, file.text(*d.params.get(1)?))))
        .flat_map(|(d, from)| {
            d.body.into_iter().flat_map(move |body| {
                file.calls_within(body).filter_map(move |c| {
                    (c.local && c.args.iter().any(|a| a.kind_id() == k.identifier && file.text(*a) == from))
                        .then_some(c.name)
                })
            })
        })
        .collect();
    file.defs.iter().filter(in_module).any(|d| {
        (d.name == "handle_call" || d.kind == "defp" && d.arity == 3 && delegates.contains(&d.name))
            && d.params.first().is_some_and(|p| takes_request(*p))
            && d.params.get(1).is_some_and(|from| {
                let from = file.text(*from);
                !from.starts_with('_')
                    && d.body.is_some_and(|body| {
                        let noreply = |node: Node| {
                            ast::descendants(node).any(|n| {
                                n.kind_id() == k.tuple
                                    && n.named_child(0).and_then(|a| ast::atom_name(a, file.src)) == Some("noreply")
                            })
                        };
                        // Or the clause ends in a helper of the module that answers
                        // `{:noreply, state}` (`shutdown_if_closed(state)`, R45 k8s's
                        // long poll, whose `from` a request struct keeps).
                        let mut tails = Vec::new();
                        ast::tail_values(body, file.src, &mut tails);
                        let helper_defers = tails.iter().any(|t| {
                            file.calls_within(*t).filter(|c| c.node == *t && c.local).any(|c| {
                                file.defs
                                    .iter()
                                    .filter(in_module)
                                    .any(|f| f.name == c.name && f.arity == c.arity && f.body.is_some_and(noreply))
                            })
                        });
                        (noreply(body) || helper_defers)
                            && ast::descendants(body).any(|v| v.kind_id() == k.identifier && file.text(v) == from)
                    })
            })
    })
}

/// The client API of a module that implements a supervisor itself (its own
/// `handle_call` answers `{:start_child, ...}`, `{:terminate_child, ...}`,
/// `:which_children`...): supervisor requests wait `:infinity` by OTP's convention,
/// as `Supervisor` and `DynamicSupervisor` do. `start_child` waits for the child's
/// `init/1`, `terminate_child` for its shutdown; a timeout would abandon the caller
/// while the child is still being started.
fn supervisor_client(file: &File, call: &Call) -> bool {
    const PROTOCOL: &[&str] = &["start_child", "terminate_child", "restart_child", "delete_child", "which_children", "count_children"];
    let k = &grammar().kinds;
    if !matches!(call.module.as_deref(), Some("GenServer" | ":gen_server")) || call.ctx.module.is_none() {
        return false;
    }
    let answered = file
        .defs
        .iter()
        .filter(|d| d.name == "handle_call" && d.module == call.ctx.module)
        .filter_map(|d| {
            let mut request = *d.params.first()?;
            // `{:terminate_child, pid} = request`.
            if ast::is_binary_op(request, file.src, "=") {
                request = ast::field(request, grammar().fields.left)?;
            }
            let tag = if request.kind_id() == k.tuple { request.named_child(0)? } else { request };
            ast::atom_name(tag, file.src).filter(|t| PROTOCOL.contains(t))
        })
        .collect::<std::collections::BTreeSet<_>>();
    answered.len() >= 3 || forwards_supervisor_api(file, call, PROTOCOL)
}

/// The module's public API is a supervisor's (at least three of `start_child/2`,
/// `terminate_child/2`, `which_children/1`...), served by another module (a
/// distributed supervisor's implementation process), and `call` is how those functions
/// reach it: it sits in one of them, or in a private helper that only they call.
fn forwards_supervisor_api(file: &File, call: &Call, protocol: &[&str]) -> bool {
    let Some(def) = file.def(&call.ctx) else {
        return false;
    };
    let api: std::collections::BTreeSet<&str> = file
        .defs_of(call.ctx.module)
        .filter(|d| d.kind == "def" && protocol.contains(&d.name))
        .map(|d| d.name)
        .collect();
    if api.len() < 3 {
        return false;
    }
    if def.kind == "def" {
        return api.contains(def.name);
    }
    let mut callers = file
        .calls_named(def.name)
        .filter(|c| c.local && c.module.is_none() && c.ctx.module == call.ctx.module)
        .peekable();
    callers.peek().is_some()
        && callers.all(|c| file.def(&c.ctx).is_some_and(|d| d.kind == "def" && api.contains(d.name)))
}

/// `parent = self()` in a GenServer's function, then `GenServer.call(parent, msg,
/// :infinity)` inside a `fn` that another process runs (`spawn_monitor(fn -> ... end)`):
/// a worker handing its result back to the server that started it. A call monitors
/// its server, so the worker cannot outlive it waiting.
fn reports_to_parent(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let (Some(target), Some(func)) = (call.arg(0), call.ctx.func) else {
        return false;
    };
    let Some(fun) = file.fns.get(func as usize) else {
        return false;
    };
    call.ctx.other_process
        && target.kind_id() == k.identifier
        && file.bound_from_self(&call.ctx, file.text(target), fun.node.start_byte())
        && file
            .module(&call.ctx)
            .is_some_and(|m| m.uses.iter().any(|(used, _)| used == "GenServer"))
}

fn is_genserver_call(call: &Call) -> bool {
    matches!(call.module.as_deref(), Some("GenServer" | ":gen_server")) && call.name == "call"
}

/// Every call the module's `handle_call/3` clauses for this request make, with the
/// calls of the module's own functions they reach (a bounded number of them).
/// `None` when no clause takes the request by its tag.
fn handler_calls<'a, 't>(file: &'a File<'t>, call: &Call) -> Option<Vec<&'a Call<'t>>> {
    if !is_genserver_call(call) {
        return None;
    }
    let tag = request_tag(file, call.arg(1)?)?;
    let module = call.ctx.module?;
    let mut pending: Vec<Node> = file
        .defs_of(Some(module))
        .filter(|d| d.name == "handle_call" && d.arity == 3)
        .filter(|d| d.params.first().and_then(|p| request_tag(file, *p)) == Some(tag))
        .filter_map(|d| d.body)
        .collect();
    if pending.is_empty() {
        return None;
    }
    let mut seen: Vec<Range<usize>> = Vec::new();
    let mut out = Vec::new();
    while let Some(node) = pending.pop() {
        if seen.contains(&node.byte_range()) || seen.len() > 32 {
            continue;
        }
        seen.push(node.byte_range());
        for c in file.calls_within(node) {
            if c.module.is_none() && c.local && !c.dynamic {
                pending.extend(
                    file.defs_of(Some(module))
                        .filter(|d| d.name == c.name && d.arity == c.arity && d.name != "handle_call")
                        .filter_map(|d| d.body),
                );
            }
            out.push(c);
        }
    }
    Some(out)
}

/// Starting or stopping a supervisor's child: waits for the child's `init/1` or its
/// shutdown, which OTP's own supervisor API waits for without a limit.
fn is_supervisor_operation(c: &Call) -> bool {
    match (c.module.as_deref(), c.name) {
        (Some("Supervisor" | "DynamicSupervisor" | ":supervisor"), name) => {
            matches!(name, "start_child" | "terminate_child" | "restart_child" | "delete_child")
        }
        (Some(":sys"), "terminate") => true,
        _ => false,
    }
}

/// A call that may wait without a bound: one of `TIMEOUTS` not bounded
/// (`bounded_wait`), or a `receive`.
fn waits_unbounded(file: &File, c: &Call) -> bool {
    if c.module.is_none() && c.local && c.name == "receive" {
        return true;
    }
    let Some(module) = c.module.as_deref() else {
        return false;
    };
    TIMEOUTS.iter().any(|(m, n, a, _)| *m == module && *n == c.name && *a == c.arity)
        && bounded_wait(file, c).is_none()
}

/// The request's handler starts or stops a supervisor's child and otherwise only
/// keeps books (monitor, link, state): the client is a supervisor wrapper and
/// waits as `Supervisor.start_child/2` does; a timeout would abandon a caller whose
/// child is already started and registered.
fn wraps_supervisor(file: &File, calls: &[&Call]) -> bool {
    calls.iter().any(|c| is_supervisor_operation(c))
        && !calls.iter().any(|c| !is_supervisor_operation(c) && waits_unbounded(file, c))
}

/// The handler waits on other processes only in calls with a bounded timeout:
/// the first one, written `Module.fun/arity`.
fn bounded_sub_calls(file: &File, calls: &[&Call]) -> Option<String> {
    if calls.iter().any(|c| waits_unbounded(file, c)) {
        return None;
    }
    calls.iter().find_map(|c| bounded_wait(file, c))
}

/// A Mix task runs once from the command line: there is no supervisor to recover a
/// timeout, and the user stops a hung run with Ctrl-C, so waiting for the work to
/// finish is the intended behaviour.
fn in_mix_task(file: &File, ctx: &Ctx) -> bool {
    let path = file.path.replace('\\', "/");
    path.starts_with("lib/mix/tasks/")
        || path.contains("/lib/mix/tasks/")
        || file
            .module(ctx)
            .is_some_and(|m| m.name.starts_with("Mix.Tasks."))
}

/// A module that drives Mix (compiles the project, reads its configuration, runs
/// tasks) only runs where Mix does: on a developer's machine, never in a release. A
/// code reloader waiting for a compile is the same case as a Mix task.
fn drives_mix(file: &File, ctx: &Ctx) -> bool {
    ctx.module.is_some_and(|m| is_mix_driver(file, m))
}

fn is_mix_driver(file: &File, module: Id) -> bool {
    let node = file.modules[module as usize].node;
    file.calls_within(node).any(|c| {
        c.ctx.module == Some(module)
            && c.module.as_deref().is_some_and(|m| {
                // Igniter rewrites a project's source from `mix igniter.*` tasks.
                ["Mix.Project", "Mix.ProjectStack", "Mix.Task", "Mix.Compilers", "Mix.Dep", "Igniter"]
                    .iter()
                    .any(|driver| m.strip_prefix(driver).is_some_and(|rest| rest.is_empty() || rest.starts_with('.')))
            })
    })
}

/// What the project pass needs from a lib file: the infinite waits the file's check
/// reported and in which function, the modules that run only under Mix, and who
/// calls whom. Names are hashed (see `hashed`): every lib file's call edges are
/// held until the project is concluded.
enum Fact {
    /// A finding at this byte, inside the function.
    Found { at: usize, function: Function },
    /// A module that only runs under Mix (a task, or one that drives Mix): the hash
    /// of its name.
    DevOnly { module: u64 },
    /// `caller` calls the function whose name (`Module.fun/arity`) hashes to `callee`.
    Calls { caller: Function, callee: u64 },
    /// A public function that only looks something up (`only_looks_up`): the hash of
    /// its name.
    Lookup { function: u64 },
    /// A remote wait (the finding at `range`) on the function whose name hashes to
    /// `callee`: if that is a `Lookup`, the finding becomes `message`, as info.
    RemoteWait { range: (usize, usize), callee: u64, message: String, scope: String },
    /// A public function of the project that waits for nothing if its needs do.
    Pure(PureFunction),
    /// A warning on a `GenServer.call` that the caller's own module answers at once
    /// if each of `needs` (functions of other modules) waits for nothing: then it is
    /// `message`, as info.
    AtOnceIf { range: (usize, usize), needs: Vec<Need>, message: String, scope: String },
}

/// A function, as the hashes of its name (`Module.fun/arity`) and of its module's.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Function {
    name: u64,
    module: u64,
}

impl Function {
    fn of(name: &str) -> Function {
        let function = name.rsplit_once('/').map_or(name, |(n, _)| n);
        let module = function.rsplit_once('.').map_or("", |(m, _)| m);
        Function { name: hashed::hash(name), module: hashed::hash(module) }
    }
}

/// Whether `module` defines `name/arity`.
fn defines(file: &File, module: &crate::model::Module, name: &str, arity: usize) -> bool {
    module
        .defs
        .iter()
        .any(|&d| file.defs[d as usize].name == name && file.defs[d as usize].arity == arity)
}

/// `Module.name/arity` of the function around `ctx`, for each arity it can be called
/// with: a parameter with a default (`timeout \\ :infinity`) may be left out.
fn function_of(file: &File, ctx: &Ctx) -> Vec<String> {
    let (Some(def), Some(module)) = (file.def(ctx), file.module(ctx)) else {
        return Vec::new();
    };
    let defaults = def.params.iter().filter(|p| ast::is_binary_op(**p, file.src, "\\\\")).count();
    (def.arity - defaults.min(def.arity)..=def.arity)
        .map(|arity| format!("{}.{}/{arity}", module.name, def.name))
        .collect()
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    if file.scope != crate::FileScope::Lib {
        return None;
    }
    let mut facts = Vec::new();
    for (call, range, _, severity) in findings(file) {
        for function in function_of(file, &call.ctx) {
            facts.push(Fact::Found { at: range.start, function: Function::of(&function) });
        }
        if severity.is_none()
            && is_genserver_call(call)
            && let Some((answer, needs)) = answers_at_once_if_project_pure(file, call)
            && let Some(how) = call.arg(2).and_then(|arg| infinity_source(file, call, arg))
        {
            facts.push(Fact::AtOnceIf {
                range: (range.start, range.end),
                needs,
                message: at_once_message(&call.display(file.src), &how, &answer.replacen("answers this request ", "", 1)),
                scope: file.scope_name(&call.ctx),
            });
        }
        if severity.is_none()
            && let Some((callee, message)) = remote_lookup_candidate(file, call)
        {
            facts.push(Fact::RemoteWait {
                range: (range.start, range.end),
                callee: hashed::hash(&callee),
                message,
                scope: file.scope_name(&call.ctx),
            });
        }
    }
    for (i, m) in file.modules.iter().enumerate() {
        for &d in &m.defs {
            let def = &file.defs[d as usize];
            if def.kind == "def" && module_only_looks_up(file, i as Id, def.name, def.arity) {
                facts.push(Fact::Lookup { function: hashed::hash(&format!("{}.{}/{}", m.name, def.name, def.arity)) });
            }
        }
    }
    // What the pending waits above need, and call-timeout's pass collects too: each
    // module's functions that wait for nothing.
    for m in file.modules.iter().filter(|m| !m.quoted) {
        facts.extend(pure_functions(file, m).into_iter().map(Fact::Pure));
    }
    for (i, m) in file.modules.iter().enumerate() {
        let id = i as Id;
        let ctx = Ctx { module: Some(id), ..Ctx::default() };
        if in_mix_task(file, &ctx) || is_mix_driver(file, id) {
            facts.push(Fact::DevOnly { module: hashed::hash(&m.name) });
        }
    }
    // Every file's call edges are held until all files are concluded, so only the
    // ones that can matter are kept, each once.
    let mut edges = std::collections::HashSet::new();
    for c in &file.calls {
        let (Some(def), Some(module)) = (file.def(&c.ctx), file.module(&c.ctx)) else {
            continue;
        };
        let callee_module = match c.module.as_deref() {
            Some(m) if m.starts_with(':') || crate::runtime::is_runtime_module(m) => continue,
            Some(m) => m,
            // A local call to what the module does not define (a Kernel macro, an
            // import) never reaches a function with a finding: those are its defs.
            None if c.local && !c.dynamic && defines(file, module, c.name, c.arity) => {
                module.name.as_str()
            }
            None => continue,
        };
        if (callee_module, c.name, c.arity) == (module.name.as_str(), def.name, def.arity)
            || !edges.insert((c.ctx.def, callee_module, c.name, c.arity))
        {
            continue;
        }
        facts.push(Fact::Calls {
            caller: Function::of(&format!("{}.{}/{}", module.name, def.name, def.arity)),
            callee: hashed::hash(&format!("{callee_module}.{}/{}", c.name, c.arity)),
        });
    }
    facts.shrink_to_fit();
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// A finding inside a function that only dev-time code calls is withdrawn: every
/// caller in the project's lib code is a Mix task, a module that drives Mix, or
/// itself such a function. Functions nobody in the project calls are public API and
/// keep their findings.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    use std::collections::{HashMap, HashSet};
    let all: Vec<(usize, &Fact)> = each_fact(facts);
    let dev_modules: HashSet<u64> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::DevOnly { module } => Some(*module),
            _ => None,
        })
        .collect();
    let mut callers: HashMap<u64, Vec<Function>> = HashMap::new();
    for (_, f) in &all {
        if let Fact::Calls { caller, callee } = f {
            callers.entry(*callee).or_default().push(*caller);
        }
    }
    // Depth-first over callers; a cycle on the current path counts as not dev-only.
    fn dev_only(
        function: Function,
        callers: &HashMap<u64, Vec<Function>>,
        dev_modules: &HashSet<u64>,
        path: &mut Vec<u64>,
    ) -> bool {
        if dev_modules.contains(&function.module) {
            return true;
        }
        let Some(list) = callers.get(&function.name) else {
            return false;
        };
        if path.contains(&function.name) {
            return false;
        }
        path.push(function.name);
        let all_dev = list.iter().all(|c| dev_only(*c, callers, dev_modules, path));
        path.pop();
        all_dev
    }
    // A function with default arguments comes as one `Found` per arity it can be
    // called with: it is dev-only when some arity has callers and every arity's
    // callers are dev-only (or its module is).
    let mut found: HashMap<(usize, usize), Vec<Function>> = HashMap::new();
    for (file, f) in &all {
        if let Fact::Found { at, function } = f {
            found.entry((*file, *at)).or_default().push(*function);
        }
    }
    let mut retracted = HashSet::new();
    let mut sites: Vec<_> = found.into_iter().collect();
    sites.sort_by_key(|(site, _)| *site);
    for ((file, at), functions) in sites {
        let in_dev_module = functions.iter().any(|f| dev_modules.contains(&f.module));
        let called: Vec<&Function> = functions.iter().filter(|f| callers.contains_key(&f.name)).collect();
        let dev = in_dev_module
            || !called.is_empty() && called.iter().all(|f| dev_only(**f, &callers, &dev_modules, &mut Vec::new()));
        if dev {
            report.retract(file, at);
            retracted.insert((file, at));
        }
    }
    // A remote wait on a function another file shows to be a lookup: bounded by the
    // network only, as for the lookups a file sees itself.
    let lookups: HashSet<u64> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::Lookup { function } => Some(*function),
            _ => None,
        })
        .collect();
    let functions: Vec<&PureFunction> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::Pure(p) => Some(p),
            _ => None,
        })
        .collect();
    let pure = pure_set(&functions);
    for (file, f) in &all {
        let (range, message, scope) = match f {
            Fact::RemoteWait { range, callee, message, scope } if lookups.contains(callee) => (range, message, scope),
            Fact::AtOnceIf { range, needs, message, scope } if all_pure(&pure, needs) => (range, message, scope),
            _ => continue,
        };
        if retracted.insert((*file, range.0)) {
            report.retract(*file, range.0);
            report.add_info(*file, range.0..range.1, message.clone(), scope.clone());
        }
    }
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let facts = facts.downcast_ref::<Vec<Fact>>()?;
    Some(serde_json::Value::Array(
        facts
            .iter()
            .map(|f| match f {
                Fact::Found { at, function: f } => serde_json::json!(["found", at, f.name, f.module]),
                Fact::DevOnly { module } => serde_json::json!(["dev", module]),
                Fact::Calls { caller: f, callee } => {
                    serde_json::json!(["calls", f.name, f.module, callee])
                }
                Fact::Lookup { function } => serde_json::json!(["lookup", function]),
                Fact::RemoteWait { range, callee, message, scope } => {
                    serde_json::json!(["remote", range.0, range.1, callee, message, scope])
                }
                Fact::Pure(p) => p.to_json(),
                Fact::AtOnceIf { range, needs, message, scope } => {
                    serde_json::json!(["at-once-if", range.0, range.1, needs, message, scope])
                }
            })
            .collect(),
    ))
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let mut facts = Vec::new();
    for f in value.as_array()? {
        let f = f.as_array()?;
        let hash = |i: usize| f.get(i).and_then(|v| v.as_u64());
        let function = |i: usize| Some(Function { name: hash(i)?, module: hash(i + 1)? });
        facts.push(match f.first()?.as_str()? {
            "found" => Fact::Found {
                at: hash(1)? as usize,
                function: function(2)?,
            },
            "dev" => Fact::DevOnly { module: hash(1)? },
            "calls" => Fact::Calls {
                caller: function(1)?,
                callee: hash(3)?,
            },
            "lookup" => Fact::Lookup { function: hash(1)? },
            "remote" => Fact::RemoteWait {
                range: (hash(1)? as usize, hash(2)? as usize),
                callee: hash(3)?,
                message: f.get(4)?.as_str()?.to_string(),
                scope: f.get(5)?.as_str()?.to_string(),
            },
            "pure" => Fact::Pure(PureFunction::from_json(f)?),
            "at-once-if" => Fact::AtOnceIf {
                range: (hash(1)? as usize, hash(2)? as usize),
                needs: serde_json::from_value(f.get(3)?.clone()).ok()?,
                message: f.get(4)?.as_str()?.to_string(),
                scope: f.get(5)?.as_str()?.to_string(),
            },
            _ => return None,
        });
    }
    Some(Box::new(facts))
}

fn advice(module: &str) -> &'static str {
    match module {
        "Task" => {
            "pass a bounded timeout, or start the work with `Task.Supervisor.async_nolink/2` and use `Task.yield/2` followed by `Task.shutdown/2`"
        }
        "Agent" => {
            "pass a bounded timeout; if the function is slow, fetch the state (`Agent.get(agent, & &1)`) and do the work in the caller"
        }
        ":rpc" | ":erpc" => "pass a bounded timeout and handle the timeout error",
        _ => {
            "pass a bounded timeout (a `@call_timeout` attribute) and let the server hand long work to a supervised task and reply later with `GenServer.reply/2`"
        }
    }
}

fn waited_on(module: &str) -> &'static str {
    match module {
        "Task" => "the task",
        "Agent" => "the agent",
        ":rpc" | ":erpc" => "the remote node",
        _ => "the server",
    }
}

/// Why `node` is `:infinity`: written as the atom, a module attribute set to it,
/// or a parameter that defaults to it. `None` when it is not known to be.
fn infinity_source(file: &File, call: &Call, node: Node) -> Option<String> {
    let k = &grammar().kinds;
    let src = file.src;
    if is_infinity(node, src) {
        return Some("`:infinity`".into());
    }
    if node.kind_id() == k.unary_operator && ast::operator(node, src) == "@" {
        let name = ast::field(node, grammar().fields.operand)
            .filter(|o| o.kind_id() == k.identifier)
            .map(|o| file.text(o))?;
        let value = file
            .attributes
            .iter()
            .rev()
            .find(|(n, v, ctx)| {
                *n == name && ctx.module == call.ctx.module && v.start_byte() < call.node.start_byte()
            })
            .map(|(_, v, _)| *v)?;
        return is_infinity(value, src).then(|| format!("`@{name}`, which is `:infinity`,"));
    }
    if node.kind_id() == k.identifier {
        let name = file.text(node);
        let def = file.def(&call.ctx)?;
        let defaults_to_infinity = def.params.iter().any(|p| {
            ast::is_binary_op(*p, src, "\\\\")
                && ast::field(*p, grammar().fields.left).is_some_and(|l| file.text(l) == name)
                && ast::field(*p, grammar().fields.right).is_some_and(|r| is_infinity(r, src))
        });
        return defaults_to_infinity.then(|| {
            format!(
                "`{name}`, which defaults to `:infinity` in `{}/{}`,",
                def.name, def.arity
            )
        });
    }
    None
}

fn is_infinity(node: Node, src: &str) -> bool {
    ast::atom_name(node, src) == Some("infinity")
}

/// The value of `key:` in a keyword list argument, written bare or in brackets.
fn option_value<'t>(opts: Node<'t>, src: &str, key: &str) -> Option<Node<'t>> {
    let k = &grammar().kinds;
    if opts.kind_id() == k.keywords {
        return ast::keyword_value(opts, src, key);
    }
    if opts.kind_id() == k.list {
        return ast::named_children(opts)
            .filter(|c| c.kind_id() == k.keywords)
            .find_map(|kw| ast::keyword_value(kw, src, key));
    }
    None
}
