//! `test/start-supervised`: Process started in a test without start_supervised. See `start_supervised.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/start-supervised",
    title: "Process started in a test without start_supervised",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("start_supervised.md"),
    check,
    project: None,
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
        if inside_supervised_start(file, call) || expects_failure(file, call) {
            continue;
        }
        let written = call.display(src);
        let message = if linked {
            format!(
                "`{written}` starts a process the test supervisor does not own; it outlives a failing test and can clash with the next one. Start it with `start_link_supervised!/1` (or `start_supervised!/1`)"
            )
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

/// The fix for the plain shapes:
/// - `{:ok, pid} = X.start_link(arg)` → `pid = start_link_supervised!({X, arg})`;
/// - `X.start_link(arg)` as a statement → `start_link_supervised!({X, arg})`;
/// - `GenServer.start_link(X, arg, opts)` → `start_supervised!(%{id: X, start: {GenServer, :start_link, [X, arg, opts]}})`.
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
    let replacement = match (call.module.as_deref(), args.as_slice()) {
        (Some("GenServer"), [server, rest @ ..]) if matches!(rest.len(), 1 | 2) => {
            let server_node = call.arg(0)?;
            if server_node.kind_id() != k.alias {
                return None;
            }
            let id = if needs_unique_id(file, call, server) {
                make_ref(file, call)?
            } else {
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
        (Some(_), [arg]) => format!("start_link_supervised!({{{module}, {arg}}})"),
        _ => return None,
    };
    let title = format!(
        "Start it with `{}`",
        replacement.split('(').next().unwrap_or("")
    );
    if super::no_sleep::is_statement_call(call) {
        return Some(Fix::unsafe_(
            title,
            vec![Edit::replace(call.node.byte_range(), replacement)],
        ));
    }
    // `{:ok, pid} = X.start_link(arg)` as a statement.
    let left = super::no_sleep::match_left(file, call)?;
    let matched = call.parent?;
    if !matched.parent().is_some_and(super::no_sleep::is_block) || left.kind_id() != k.tuple {
        return None;
    }
    let parts: Vec<Node> = ast::statements(left).collect();
    let [ok, pid] = parts.as_slice() else {
        return None;
    };
    if ast::atom_name(*ok, file.src) != Some("ok") || pid.kind_id() != k.identifier {
        return None;
    }
    let pid_text = file.text(*pid);
    let mut edits = vec![Edit::replace(call.node.byte_range(), replacement)];
    if pid_text == "_" {
        edits.push(Edit::delete(left.start_byte()..call.node.start_byte()));
    } else {
        edits.push(Edit::replace(left.byte_range(), pid_text));
    }
    Some(Fix::unsafe_(title, edits))
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
        .filter(|t| t.module == test.module && t.kind == TestKind::Setup);
    std::iter::once(test)
        .chain(setups)
        .flat_map(|t| file.calls_within(t.node))
        .any(starts_id)
}
