//! `test/no-sys-state`: Test reads or replaces a process's internal state. See `no_sys_state.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/no-sys-state",
    title: "Test reads or replaces a process's internal state",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_sys_state.md"),
    check,
    project: None,
};

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named_any(&["get_state", "get_status", "replace_state"]) {
        if !call.in_module(":sys")
            || simulates_upgrade(file, call)
            || is_runtime_process(file, call)
            || tests_format_status(file, call)
        {
            continue;
        }
        let written = call.display(src);
        let server = call
            .arg(0)
            .map(|a| format!("`{}`", super::no_sleep::one_line(file.text(a))))
            .unwrap_or_else(|| "each process".to_string());
        let message = match call.name {
            "replace_state" => format!(
                "`{written}` rewrites the internal state of {server} behind its API; bring it into that state through its public functions or its start arguments"
            ),
            "get_state" if value_used(file, call) && reaches_hidden_process(file, call).is_some() => {
                let fields = reaches_hidden_process(file, call).unwrap_or_default().join("`, `");
                format!(
                    "`{written}` digs `{fields}` out of the internal state of {server} to reach a process its API does not expose, so the test breaks when that state's shape changes; expose the process through the API, or find it with `Supervisor.which_children/1` or a registered name"
                )
            }
            "get_state" | "get_status" if value_used(file, call) => {
                let what = if call.name == "get_state" {
                    "internal state"
                } else {
                    "status"
                };
                format!(
                    "`{written}` reads the {what} of {server}, so the test breaks when its shape changes; assert through the public API (a bare `:sys.get_state(pid)` as a sync barrier is fine)"
                )
            }
            _ => continue,
        };
        report.add(file, &call.ctx, call.expr.byte_range(), message);
    }
}

/// `:sys.get_status/1` in a test (or describe) about `format_status`: the only public
/// entry point that runs the callback, so the status is the subject.
fn tests_format_status(file: &File, call: &Call) -> bool {
    call.name == "get_status" && file.test(&call.ctx).is_some_and(|t| t.name.contains("format_status"))
}

/// `%{supervisor_pid: sup} = :sys.get_state(server)` where every variable bound is
/// only killed, monitored, stopped or checked alive: the state is read to reach a
/// process for fault injection, not asserted on. Returns the fields read.
fn reaches_hidden_process(file: &File, call: &Call) -> Option<Vec<String>> {
    let g = grammar();
    let k = &g.kinds;
    let left = super::no_sleep::match_left(file, call)?;
    if left.kind_id() != k.map {
        return None;
    }
    let test = file.test(&call.ctx)?;
    let pairs: Vec<Node> = ast::descendants(left).filter(|n| n.kind_id() == k.pair).collect();
    if pairs.is_empty() || ast::descendants(left).any(|n| n.kind_id() == k.map && n != left) {
        return None;
    }
    let mut fields = Vec::new();
    for pair in pairs {
        let key = ast::field(pair, g.fields.key)?;
        let var = ast::field(pair, g.fields.value).filter(|v| v.kind_id() == k.identifier)?;
        let name = file.text(var);
        let uses: Vec<Node> = ast::descendants(test.node)
            .filter(|n| n.kind_id() == k.identifier && n.start_byte() > call.expr.end_byte() && file.text(*n) == name)
            .collect();
        let handled = |n: &Node| {
            file.calls_within(test.node).any(|c| {
                c.arg(0) == Some(*n)
                    && (c.is_any("Process", &["exit", "monitor", "alive?", "link", "unlink"])
                        || c.is_any("GenServer", &["stop"])
                        || c.is_any("Supervisor", &["stop", "which_children", "count_children"]))
            })
        };
        if uses.is_empty() || !uses.iter().all(handled) {
            return None;
        }
        fields.push(ast::keyword_name(key, file.src).to_string());
    }
    Some(fields)
}

/// `:sys.get_status(:code_server)`: a process of the Erlang runtime itself, whose
/// state no public API of the project exposes. A test of how the project drives the
/// runtime (code paths, loaded applications) can only look there.
fn is_runtime_process(file: &File, call: &Call) -> bool {
    const RUNTIME: &[&str] = &[
        "code_server", "application_controller", "kernel_sup", "erl_prim_loader", "init",
        "file_server_2", "global_name_server", "inet_db", "logger", "user", "standard_error",
        "error_logger", "rex", "erts_code_purger",
    ];
    call.arg(0)
        .and_then(|a| ast::atom_name(a, file.src))
        .is_some_and(|name| RUNTIME.contains(&name))
}

/// Is the value of `:sys.get_state/get_status` looked at? A bare statement or
/// `_ = ...` only waits for the process to handle earlier messages: an ordering
/// barrier. So does the value a helper returns (`defp sync(pid), do: ...`).
fn value_used(file: &File, call: &Call) -> bool {
    let Some(parent) = call.parent else {
        return false;
    };
    let g = grammar();
    if call.capture {
        // `Enum.each(pids, &:sys.get_state/1)` is a barrier on each of them.
        return !(parent.kind_id() == g.kinds.arguments
            && parent.parent().is_some_and(|each| {
                ast::field(each, g.fields.target).is_some_and(|t| file.text(t) == "Enum.each")
            }));
    }
    if super::no_sleep::is_block(parent) {
        return false;
    }
    if let Some(left) = super::no_sleep::match_left(file, call) {
        return !(left.kind_id() == g.kinds.identifier && file.text(left).starts_with('_'));
    }
    // `defp sync(pid), do: :sys.get_state(pid)`: what the caller does is unknown.
    if parent.kind_id() == g.kinds.pair
        && call.ctx.def.is_some()
        && ast::field(parent, g.fields.key).is_some_and(|k| ast::keyword_name(k, file.src) == "do")
    {
        return false;
    }
    true
}

/// Does the function or test around `call` also run `:sys.change_code/4,5`? Then it
/// simulates a hot code upgrade (suspend, rewrite the state, change code, resume),
/// and the state is the subject: `code_change/3` is what the test checks.
fn simulates_upgrade(file: &File, call: &Call) -> bool {
    let scope = file
        .def(&call.ctx)
        .map(|d| d.node)
        .or_else(|| file.test(&call.ctx).map(|t| t.node));
    scope.is_some_and(|node| {
        file.calls_within(node)
            .any(|c| c.in_module(":sys") && c.name == "change_code")
    })
}
