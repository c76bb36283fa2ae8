//! `otp/infinity-timeout`: Infinite timeout on a call or await. See `infinity_timeout.md`.

use crate::rules::prelude::*;

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
    project: None,
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
    let src = file.src;
    for call in file.calls_named_any(NAMES) {
        if call.capture || call.dynamic || in_mix_task(file, &call.ctx) {
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
        let written = call.display(src);
        let advice = advice(module);
        match timeout {
            Timeout::Missing => {
                let explicit = format!("{module}.call/{}", call.arity + 1);
                report.add(
                    file,
                    &call.ctx,
                    call.node.byte_range(),
                    format!(
                        "`{written}` has no timeout argument and waits forever (`:infinity`) for the remote node; use `{explicit}` with a bounded timeout"
                    ),
                );
            }
            Timeout::Arg(i) => {
                let Some(arg) = call.arg(*i) else { continue };
                if let Some(how) = infinity_source(file, call, arg) {
                    report.add(
                        file,
                        &call.ctx,
                        arg.byte_range(),
                        format!("`{written}` is given {how} as its timeout, so this process waits for good if {} never answers; {advice}", waited_on(module)),
                    );
                }
            }
            Timeout::Option(i) => {
                let Some(value) = call
                    .arg(*i)
                    .and_then(|opts| option_value(opts, src, "timeout"))
                else {
                    continue;
                };
                if let Some(how) = infinity_source(file, call, value) {
                    report.add(
                        file,
                        &call.ctx,
                        value.byte_range(),
                        format!("`{written}` is given {how} as its `timeout:` option, so one stuck element blocks the whole stream; use a bounded timeout with `on_timeout: :kill_task` and handle `{{:exit, :timeout}}` results"),
                    );
                }
            }
        }
    }
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
