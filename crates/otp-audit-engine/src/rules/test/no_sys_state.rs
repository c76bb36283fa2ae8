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
    project: Some(&PROJECT),
};

static PROJECT: ProjectPass = ProjectPass {
    collect,
    conclude,
    encode,
    decode,
    only_retracts: false,
};

/// Calls this rule never reports: a code upgrade, a runtime process, `format_status`.
fn excluded(file: &File, call: &Call) -> bool {
    !call.in_module(":sys") || simulates_upgrade(file, call) || is_runtime_process(file, call) || tests_format_status(file, call)
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named_any(&["get_state", "get_status", "replace_state"]) {
        if excluded(file, call) {
            continue;
        }
        let written = call.display(src);
        let server = call
            .arg(0)
            .map(|a| format!("`{}`", super::no_sleep::one_line(file.text(a))))
            .unwrap_or_else(|| "each process".to_string());
        if call.name != "replace_state"
            && value_used(file, call)
            && let Some(phoenix) = phoenix_process(file, call)
        {
            let message = match phoenix {
                Phoenix::LiveView => format!(
                    "`{written}` reads the assigns of the LiveView behind {server} out of the internal state of Phoenix's LiveView process, whose layout (`.socket.assigns`) Phoenix does not document, so the test breaks when Phoenix or the view's assigns change; where the value shows on the page, assert on the rendered output (`render/1`, `has_element?/2`) or a pushed event (`assert_push_event/3`) instead"
                ),
                Phoenix::Channel => format!(
                    "`{written}` reads the assigns of the channel behind {server} out of the internal state of Phoenix's channel process, so the test breaks when the channel's assigns change; where the change has an effect the client sees, assert on it (`assert_push/3`, `assert_broadcast/3`, or the records the channel writes) instead"
                ),
            };
            report
                .add_info(file, &call.ctx, call.expr.byte_range(), message);
            continue;
        }
        let message = match call.name {
            "replace_state" if matches!(phoenix_process(file, call), Some(Phoenix::LiveView)) => format!(
                "`{written}` rewrites the assigns of the LiveView behind {server} inside Phoenix's LiveView process, a state the view may never reach; drive it there with `render_click/2`, `render_submit/2`, `render_change/2` or the messages it handles"
            ),
            "replace_state" => format!(
                "`{written}` rewrites the internal state of {server} behind its API; bring it into that state through its public functions or its start arguments"
            ),
            "get_state" if value_used(file, call) && digs_out(file, call).is_some_and(|d| d.forged_only) => {
                // Input the process would get from its port or socket, simulated: the
                // test's way in where nothing else can stand in for the other end.
                let handle = digs_out(file, call).map(|d| d.handle).unwrap_or_default();
                report.add_info(file, &call.ctx, call.expr.byte_range(), format!(
                    "`{written}` is read only to take `{handle}` out of the internal state of {server} and forge a message from it, standing in for an event the process would get from elsewhere (its port, socket, lock or timer); nothing about the state is asserted, but the test breaks when its shape changes; if the process can take the handle from the test (passed in at start) or expose it, use that"
                ));
                continue;
            }
            "get_state" if value_used(file, call) && digs_out_handle(file, call).is_some() => {
                let (handle, watches) = digs_out_handle(file, call).unwrap_or_default();
                // A helper (not a test) that only waits for the process to end: a
                // teardown, which checks nothing about the state.
                if watches && file.test(&call.ctx).is_none() && file.def(&call.ctx).is_some() {
                    report.add_info(file, &call.ctx, call.expr.byte_range(), format!(
                        "`{written}` is read only to dig `{handle}` out of the internal state of {server} and wait for it to exit, so this teardown breaks when that state's shape changes; find the process with `Supervisor.which_children/1` or a registered name, or have the API stop it synchronously"
                    ));
                    continue;
                }
                if watches {
                    // Only checked for being alive (or monitored): an assertion about the
                    // process's end, not a fault the test injects.
                    format!(
                        "`{written}` is read only to dig `{handle}` out of the internal state of {server} and check that process's life (alive or down), so the test breaks when that state's shape changes; find the process with `Supervisor.which_children/1` or a registered name, or assert on what its end does through the API"
                    )
                } else {
                    format!(
                        "`{written}` is read only to dig `{handle}` out of the internal state of {server} and act on it (kill, stop, close, monitor or locate it), so the test breaks when that state's shape changes; expose the process through the API, find it with `Supervisor.which_children/1` or a registered name, or inject the fault from outside the process"
                    )
                }
            }
            "get_state" if value_used(file, call) && (polls_until_ready(file, call) || polls_inline(file, call)) => {
                // A wait for the process to get somewhere, not the test's check.
                let poller = if polls_inline(file, call) { "a bounded loop" } else { "a helper" };
                report.add_info(file, &call.ctx, call.expr.byte_range(), format!(
                    "`{written}` is read in {poller} that polls {server} until its internal state is ready, a wait before the test's check rather than the check, but it still breaks when that state's shape changes; if the test needs to wait for a count, expose it (a client function, a status call or a telemetry event) and poll that"
                ));
                continue;
            }
            "get_state" if value_used(file, call) && matched_collection(file, call).is_some() => {
                let (field, any_map) = matched_collection(file, call).unwrap_or_default();
                let caveat = if any_map {
                    format!(" (and `%{{}}` in a pattern matches any map, so this passes whatever `{field}` holds)")
                } else {
                    String::new()
                };
                format!(
                    "`{written}` reads the internal state of {server} to count `{field}`{caveat}, so the test breaks when its shape changes; if no public function gives that count, expose one (such as a `{field}` count in a status call or a telemetry event) and assert on that"
                )
            }
            "get_state" if value_used(file, call) && counted_collection(file, call).is_some() => {
                let field = counted_collection(file, call).unwrap_or_default();
                format!(
                    "`{written}` reads the internal state of {server} to count `{field}`, so the test breaks when its shape changes; if no public function gives that count, expose one (such as a `{field}` count in a status call or a telemetry event) and assert on that"
                )
            }
            // `state = :sys.get_state(server)`, then only `Server.get_source_file(state,
            // uri)`: the module's own functions read the state, so the test depends on
            // them, not on the shape.
            "get_state" if handed_to_accessors(file, call) => continue,
            "get_state" if test_chosen_state(file, call) => continue,
            "get_state" if snapshot_comparison(file, call) => {
                report.add_info(file, &call.ctx, call.expr.byte_range(), format!(
                    "`{written}` takes the whole internal state of {server} to compare it with another read of it (`assert ^before = :sys.get_state(pid)`), which does not depend on the state's shape, only on what it holds; where the API can show that nothing changed (the same answers before and after), that says it without reading internals"
                ));
                continue;
            }
            "get_state" if value_used(file, call) && let Some(name) = named_for_state(file, call) => {
                report.add_info(file, &call.ctx, call.expr.byte_range(), format!(
                    "`{written}` reads the internal state of {server} in a test named for that state (\"{name}\"): a white-box test of the server's bookkeeping, coupled to the state's shape on purpose; keep such tests few, and where an effect shows through the API (a freed slot, a count, a reply), assert on that instead"
                ));
                continue;
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

/// The name of the test around `call` when it says that the test is about what the
/// server's state holds ("removes task from state", "stores the ref in its state"):
/// its author chose to test the bookkeeping itself (R36 rihanna). Only a place in the
/// state counts (`from`, `in`, `into`, `to`, then `state`, `the state` or `its
/// state`), or what the server holds there (`has`, `keeps`, `holds`, then `state`
/// within four words): "asserting on the state" or "the old state" describe the
/// test, not it.
fn named_for_state(file: &File, call: &Call) -> Option<String> {
    let test = file.test(&call.ctx)?;
    let words: Vec<String> = test.name.split(|c: char| !c.is_alphanumeric() && c != '_').filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect();
    let says = words.iter().enumerate().any(|(i, w)| {
        let place = matches!(w.as_str(), "from" | "in" | "into" | "to")
            && match words.get(i + 1).map(String::as_str) {
                Some("state") => true,
                Some("the" | "its") => words.get(i + 2).is_some_and(|n| n == "state"),
                _ => false,
            };
        // What the state holds, said of the server: "has no statsd state" (R45 peep),
        // "keeps the last reading in state".
        let holds = matches!(w.as_str(), "has" | "have" | "keeps" | "holds")
            && words.iter().skip(i + 1).take(4).any(|n| n == "state");
        place || holds
    });
    says.then(|| test.name.clone())
}

/// `Server`, `MyApp.Cache`: a module named as the project's own, neither Erlang's
/// (`:ets`) nor one of Elixir's (`Map`, `GenServer`).
fn project_module(module: &str) -> bool {
    module.starts_with(|ch: char| ch.is_ascii_uppercase())
        && !STDLIB.contains(&module.split('.').next().unwrap_or(module))
}

/// Is the state handed whole, and only, to functions of a project module: as an
/// argument (`Server.get_source_file(:sys.get_state(server), uri)`), or bound to a
/// variable whose every later use is such an argument? A module that takes its own
/// state struct reads the fields itself; a test helper (`*Helpers`, `*Case`,
/// `*Fixtures`...) does not count, since it is the test's code digging in.
fn handed_to_accessors(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let accessor_arg = |n: Node| {
        file.parent(n).filter(|a| a.kind_id() == k.arguments).is_some_and(|args| {
            file.calls.iter().any(|c| {
                c.arguments == Some(args)
                    && !c.dynamic
                    && c.module.as_deref().is_some_and(|m| {
                        let last = m.rsplit('.').next().unwrap_or(m);
                        project_module(m)
                            && !["Helper", "Helpers", "Case", "Test", "Support", "Fixtures", "Utils"]
                                .iter()
                                .any(|h| last.ends_with(h))
                    })
            })
        })
    };
    if accessor_arg(call.expr) {
        return true;
    }
    let Some(left) = super::no_sleep::match_left(file, call).filter(|l| l.kind_id() == k.identifier) else {
        return false;
    };
    let Some(scope) = scope_of(file, call) else {
        return false;
    };
    let var = file.text(left);
    let mut uses = ast::descendants(scope)
        .filter(|n| n.kind_id() == k.identifier && n.start_byte() > left.end_byte() && file.text(*n) == var)
        .peekable();
    uses.peek().is_some() && uses.all(accessor_arg)
}

/// `before = :sys.get_state(pid)` ... `assert ^before = :sys.get_state(pid)` (or `==`):
/// the whole state is compared with itself at another time. True for both reads: the
/// snapshot, when every later use of its variable is such a comparison, and the read
/// compared with it.
fn snapshot_comparison(file: &File, call: &Call) -> bool {
    let g = grammar();
    let k = &g.kinds;
    let is_state_read = |n: Node| file.calls_within(n).any(|c| c.name == "get_state" && (c.expr == n || c.node == n));
    let Some(test) = file.test(&call.ctx) else { return false };
    // A snapshot bound to a variable.
    if let Some(var) = super::no_sleep::match_left(file, call).filter(|l| l.kind_id() == k.identifier) {
        let name = file.text(var);
        let uses: Vec<Node> = ast::descendants(test.node)
            .filter(|n| n.kind_id() == k.identifier && file.text(*n) == name && n.start_byte() > call.node.end_byte())
            .collect();
        return !uses.is_empty()
            && uses.iter().all(|u| {
                compared_in(file, *u).is_some_and(|(l, r, operand)| {
                    let other = if l == operand { r } else { l };
                    is_state_read(other)
                })
            });
    }
    // The later read, compared with a snapshot variable.
    compared_in(file, call.expr).is_some_and(|(l, r, operand)| {
        let other = if l == operand { r } else { l };
        let other = if other.kind_id() == k.unary_operator { other.named_child(0).unwrap_or(other) } else { other };
        other.kind_id() == k.identifier
            && file.calls_within(test.node).any(|c| {
                c.name == "get_state"
                    && c.node != call.node
                    && super::no_sleep::match_left(file, c).is_some_and(|l| file.text(l) == file.text(other))
            })
    })
}

/// `assert :sys.get_state(server) == {:updated, :initial_state}` where the test itself
/// handed the server those atoms (`fn -> :initial_state end`, a message that sets
/// them): the state is a value of the test's own, compared whole, in a test of a
/// wrapper that must carry it through unchanged (R37 parent's `Parent.GenServer`
/// tests). No field or layout of the server's is read. Only literals of atoms,
/// numbers and strings (in tuples or lists) count; a map or keyword list is a shape.
fn test_chosen_state(file: &File, call: &Call) -> bool {
    let g = grammar();
    let k = &g.kinds;
    let Some((left, right, operand)) = compared_in(file, call.expr) else {
        return false;
    };
    let literal = if left == operand { right } else { left };
    let mut atoms = Vec::new();
    if !plain_literal(file, literal, &mut atoms) {
        return false;
    }
    const COMMON: &[&str] = &["ok", "error", "true", "false", "nil", "noreply", "reply", "stop"];
    let own: Vec<&str> = atoms.into_iter().filter(|a| !COMMON.contains(a)).collect();
    if own.is_empty() {
        return false;
    }
    // Where the state reads are compared: an atom there is the assertion, not its source.
    let comparisons: Vec<std::ops::Range<usize>> = file
        .calls_named("get_state")
        .filter(|c| c.in_module(":sys"))
        .filter_map(|c| file.parent(c.expr))
        .filter(|p| p.kind_id() == k.binary_operator)
        .map(|p| p.byte_range())
        .collect();
    // One walk of the file: the atoms written outside those comparisons.
    let handed: std::collections::HashSet<&str> = ast::descendants(file.tree.root_node())
        .filter(|n| n.kind_id() == k.atom || n.kind_id() == k.quoted_atom)
        .filter(|n| !comparisons.iter().any(|r| r.contains(&n.start_byte())))
        .filter_map(|n| ast::atom_name(n, file.src))
        .collect();
    own.iter().all(|a| handed.contains(a))
}

/// Atoms, numbers, strings without interpolation, and tuples or lists of them;
/// collects the atoms' names.
fn plain_literal<'t>(file: &File<'t>, node: Node<'t>, atoms: &mut Vec<&'t str>) -> bool {
    let k = &grammar().kinds;
    let kind = node.kind_id();
    if kind == k.atom || kind == k.quoted_atom {
        return ast::atom_name(node, file.src).map(|a| atoms.push(a)).is_some();
    }
    if kind == k.tuple || kind == k.list {
        return ast::named_children(node).all(|c| c.kind_id() != k.comment && plain_literal(file, c, atoms));
    }
    ast::is_scalar_literal(node)
}

/// The two sides of the `=`, `==` or `===` that `node` (or `^node`) is a direct
/// operand of, and that operand.
fn compared_in<'t>(file: &File<'t>, node: Node<'t>) -> Option<(Node<'t>, Node<'t>, Node<'t>)> {
    let g = grammar();
    let k = &g.kinds;
    let operand = file
        .parent(node)
        .filter(|p| p.kind_id() == k.unary_operator && file.text(*p).starts_with('^'))
        .unwrap_or(node);
    let p = file
        .parent(operand)
        .filter(|p| p.kind_id() == k.binary_operator && matches!(ast::operator(*p, file.src), "=" | "==" | "==="))?;
    Some((ast::field(p, g.fields.left)?, ast::field(p, g.fields.right)?, operand))
}

/// `assert length(:sys.get_state(conn).waiters) == 1`, `map_size/1`, `Enum.count/1`,
/// `Enum.empty?/1`, or `assert :sys.get_state(conn).waiters == []`: the test counts an
/// internal collection, which the process may expose nowhere. Returns the field.
fn counted_collection(file: &File, call: &Call) -> Option<String> {
    let g = grammar();
    let k = &g.kinds;
    let src = file.src;
    let mut v = call.expr;
    let mut field = None;
    while let Some(parent) = v.parent()
        && parent.kind_id() == k.dot
        && ast::field(parent, g.fields.left) == Some(v)
    {
        let access = parent
            .parent()
            .filter(|c| c.kind_id() == k.call && ast::call_arguments(*c).is_none())?;
        field = Some(ast::field_access(access, src)?.to_string());
        v = access;
    }
    let field = field?;
    let parent = v.parent()?;
    let counted = if parent.kind_id() == k.arguments {
        let counter = parent.parent()?;
        file.calls_within(counter)
            .any(|c| c.node == counter && counts(c) && in_assertion(file, c.expr))
    } else if ["==", "===", "!="].iter().any(|op| ast::is_binary_op(parent, src, op)) {
        let left = ast::field(parent, g.fields.left);
        let other = if left == Some(v) { ast::field(parent, g.fields.right) } else { left };
        other.is_some_and(|o| matches!(file.text(o), "[]" | "%{}")) && in_assertion(file, parent)
    } else {
        false
    };
    counted.then_some(field)
}

enum Phoenix {
    LiveView,
    Channel,
}

/// `:sys.get_state(view.pid)` in a file that mounts views with `live/2,3` or
/// `live_isolated/2,3`, or `:sys.get_state(socket.channel_pid)` in one that joins
/// channels: the process is Phoenix's, and the test reads the assigns the project's
/// view or channel keeps there. LiveViewTest exposes no assigns on purpose, and the
/// rendered page or the pushed messages are where they usually show, but reading
/// them is a common shortcut when a value has no visible trace: info, not warning.
fn phoenix_process(file: &File, call: &Call) -> Option<Phoenix> {
    let g = grammar();
    let arg = call.arg(0)?;
    let field = ast::field_access(arg, file.src)?;
    let dot = arg.named_child(0)?;
    let holder = ast::field(dot, g.fields.left)?;
    if holder.kind_id() != g.kinds.identifier {
        return None;
    }
    let mounts = |names: &[&str], module: &str| {
        file.calls_named_any(names)
            .iter()
            .any(|c| (c.local && c.module.is_none()) || c.in_module(module))
    };
    match field {
        "pid" if mounts(&["live", "live_isolated"], "Phoenix.LiveViewTest") => Some(Phoenix::LiveView),
        "channel_pid" if mounts(&["subscribe_and_join", "join"], "Phoenix.ChannelTest") => {
            Some(Phoenix::Channel)
        }
        _ => None,
    }
}

/// `length/1`, `map_size/1`, `Enum.empty?/1`, `:queue.len/1`...: counts a collection.
fn counts(c: &Call) -> bool {
    c.arity == 1
        && (c.is_any("Kernel", &["length", "map_size"])
            || c.local && c.module.is_none() && matches!(c.name, "length" | "map_size")
            || c.is_any("Enum", &["count", "empty?"])
            || c.is("MapSet", "size")
            || c.is_any(":queue", &["len", "is_empty"])
            // A project's own counter (`TableUtils.size_of(tid)`, R37 horde).
            || !c.local && matches!(c.name, "size_of" | "size" | "count" | "len"))
}

/// `assert %{waiters: []} = :sys.get_state(pid)`, or `assert %{waiters: w} = ...` and
/// then `assert :queue.is_empty(w)`: the match reads an internal collection to count
/// it, as `counted_collection` does through a field. Returns the field, and whether
/// the pattern was `%{}`, which matches any map and so checks nothing about its size.
fn matched_collection(file: &File, call: &Call) -> Option<(String, bool)> {
    let g = grammar();
    let k = &g.kinds;
    let src = file.src;
    let parent = call.expr.parent()?;
    if !ast::is_binary_op(parent, src, "=")
        || ast::field(parent, g.fields.right) != Some(call.expr)
        || !in_assertion(file, parent)
    {
        return None;
    }
    let pattern = ast::field(parent, g.fields.left)?;
    if pattern.kind_id() != k.map {
        return None;
    }
    let scope = scope_of(file, call)?;
    let pairs = ast::named_children(pattern)
        .filter(|c| c.kind_id() == k.map_content)
        .flat_map(ast::named_children)
        .filter(|c| c.kind_id() == k.keywords)
        .flat_map(ast::named_children);
    pairs.into_iter().find_map(|pair| {
        let key = ast::keyword_name(ast::field(pair, g.fields.key)?, src);
        let value = ast::field(pair, g.fields.value)?;
        match file.text(value) {
            "[]" => Some((key.to_string(), false)),
            "%{}" => Some((key.to_string(), true)),
            var if value.kind_id() == k.identifier => file
                .calls_within(scope)
                .any(|c| {
                    c.node.start_byte() > parent.end_byte()
                        && counts(c)
                        && c.arg(0).is_some_and(|a| a.kind_id() == k.identifier && file.text(a) == var)
                        && in_assertion(file, c.expr)
                })
                .then(|| (key.to_string(), false)),
            _ => None,
        }
    })
}

/// `defp wait_for(pid, n, tries)` that reads the state, and when it is not ready yet
/// sleeps and calls itself again: a readiness wait in a helper (not a test), outside
/// any assertion. What the state holds decides only when the test goes on.
fn polls_until_ready(file: &File, call: &Call) -> bool {
    if file.test(&call.ctx).is_some() || in_assertion(file, call.expr) {
        return false;
    }
    let Some(def) = file.def(&call.ctx) else {
        return false;
    };
    let Some(body) = def.body else {
        return false;
    };
    let (mut retries, mut sleeps) = (false, false);
    for c in file.calls_within(body) {
        retries |= c.local && c.module.is_none() && c.name == def.name && c.arity == def.arity;
        sleeps |= c.is("Process", "sleep") || c.is(":timer", "sleep");
    }
    retries && sleeps
}

/// `Enum.find_value(1..50, fn _ -> case :sys.get_state(pid) do %{waiter: nil} ->
/// Process.sleep(10); nil ... end end)`: the state read in the fn of a bounded loop
/// that sleeps between tries, outside any assertion: a readiness wait written inline.
fn polls_inline(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    if in_assertion(file, call.expr) {
        return false;
    }
    let Some(fun) = file.parent_of_kind(call.expr, k.anonymous_function, usize::MAX) else {
        return false;
    };
    let sleeps = file.calls_within(fun).any(|c| c.is("Process", "sleep") || c.is(":timer", "sleep"));
    let bounded_loop = file.calls.iter().any(|c| {
        c.is_any("Enum", &["find_value", "find", "reduce_while", "any?"])
            && c.args.contains(&fun)
            && c.arg(0).is_some_and(|r| ast::is_binary_op(r, file.src, ".."))
    });
    sleeps && bounded_loop
}

/// `:sys.get_status/1` in a test (or describe) about `format_status`: the only public
/// entry point that runs the callback, so the status is the subject. So it is in a
/// test (or describe) about system messages or OTP compliance, the suite of a special
/// process that answers `:sys` itself (R39 websockex: "can send system messages while
/// connecting", under "OTP Compliance").
fn tests_format_status(file: &File, call: &Call) -> bool {
    call.name == "get_status"
        && file.test(&call.ctx).is_some_and(|t| {
            let name = t.name.to_ascii_lowercase();
            ["format_status", "system message", "otp compliance", "sys message"].iter().any(|w| name.contains(w))
        })
}

/// The state is read only to dig a handle (a pid, port or socket) out of it: through
/// field access (`:sys.get_state(conn).transport.socket`), a match
/// (`%{supervisor_pid: sup} = ...`), a case clause, or a local helper that returns
/// it, and every use of what comes out kills, stops, closes, monitors, checks,
/// messages or locates that process. That is fault injection, not an assertion on
/// the state. Returns the name of the handle, as written (a field or a variable).
///
/// With it, whether every use only watches the process end (monitors it, checks it
/// is alive), as a teardown helper does before the next test.
fn digs_out_handle(file: &File, call: &Call) -> Option<(String, bool)> {
    digs_out(file, call).map(|d| (d.handle, d.watches))
}

/// What [`digs_out_handle`] finds.
struct Dug {
    handle: String,
    watches: bool,
    /// Every act is a message forged from the handle (`send(conn, {:tcp_closed,
    /// socket})`), standing in for an event of that port or socket.
    forged_only: bool,
}

fn digs_out(file: &File, call: &Call) -> Option<Dug> {
    let scope = scope_of(file, call)?;
    let server = call.arg(0).map_or("", |a| file.text(a));
    let mut flow = Flow {
        file,
        server,
        found: None,
        root: None,
        destructive: false,
        forged: false,
        other_acts: false,
    };
    if !flow.value(call.expr, scope, "", 0)? {
        return None;
    }
    Some(Dug {
        watches: !flow.destructive,
        forged_only: flow.forged && !flow.other_acts,
        handle: flow.root.or(flow.found)?,
    })
}

/// The def or test around `call`: where its value's variables live.
fn scope_of<'t>(file: &File<'t>, call: &Call<'t>) -> Option<Node<'t>> {
    file.def(&call.ctx)
        .map(|d| d.node)
        .or_else(|| file.test(&call.ctx).map(|t| t.node))
}

struct Flow<'a, 't> {
    file: &'a File<'t>,
    /// The process whose state is read, as written.
    server: &'a str,
    /// The handle's name at the first use that acts on the process.
    found: Option<String>,
    /// The fields read right on the state (`transport.socket`), the best name.
    root: Option<String>,
    /// Some use kills, stops, closes or messages the process, rather than only
    /// monitoring it or checking that it is alive.
    destructive: bool,
    /// Some use forges a message from the handle and sends it to the process.
    forged: bool,
    /// Some use acts on the handle itself (kill, close, monitor, check...).
    other_acts: bool,
}

impl<'t> Flow<'_, 't> {
    /// Is every use of the value of `v` a use as a handle? `Some(true)` when at least
    /// one of them acts on the process (kill, monitor, close...), `Some(false)` when
    /// they only pass it to the project's functions, `None` when the value is looked
    /// at (asserted on, compared, returned to an unknown caller...).
    fn value(&mut self, mut v: Node<'t>, scope: Node<'t>, name: &str, depth: u32) -> Option<bool> {
        if depth > 4 {
            return None;
        }
        let g = grammar();
        let k = &g.kinds;
        let src = self.file.src;
        let mut name = name.to_string();
        // `.transport.socket`, `[:chan]`: the part of the value that is used.
        loop {
            let parent = v.parent()?;
            if parent.kind_id() == k.dot && ast::field(parent, g.fields.left) == Some(v) {
                let access = parent.parent().filter(|c| c.kind_id() == k.call && ast::call_arguments(*c).is_none())?;
                let field = ast::field_access(access, src)?;
                // A chain right on the state read is kept whole (`transport.socket`).
                name = if depth == 0 && !name.is_empty() {
                    format!("{name}.{field}")
                } else {
                    field.to_string()
                };
                v = access;
            } else if parent.kind_id() == k.access_call && parent.named_child(0) == Some(v) {
                // `sub[:worker_pid]`: named like a field.
                let key = parent.named_child(1).map_or("", |key| self.file.text(key));
                name = if depth == 0 && !name.is_empty() {
                    format!("{name}[{key}]")
                } else {
                    key.trim_start_matches(':').to_string()
                };
                v = parent;
            } else {
                break;
            }
        }
        if depth == 0 && !name.is_empty() {
            self.root = Some(name.clone());
        }
        let parent = v.parent()?;
        // `sub && sub[:worker_pid]`: the left side is a check that the handle is
        // there; the right side is the value of the whole expression, followed on.
        if parent.kind_id() == k.binary_operator && matches!(ast::operator(parent, src), "&&" | "and" | "||" | "or") {
            let left = ast::field(parent, g.fields.left) == Some(v);
            if left && matches!(ast::operator(parent, src), "&&" | "and") {
                return Some(false);
            }
            if in_assertion(self.file, parent) {
                return None;
            }
            return self.value(parent, scope, &name, depth + 1);
        }
        // `{:DOWN, ^ref, :process, ^child, _}`: a pinned handle in a pattern picks the
        // message about that process.
        if parent.kind_id() == k.unary_operator && ast::operator(parent, src) == "^" {
            return (!in_assertion(self.file, parent)).then_some(false);
        }
        // `send(conn, {:tcp_closed, socket})` (or `Process.send/3`): an event about its
        // own socket, forged and sent to the process whose state was read.
        if parent.kind_id() == k.tuple {
            let forged = self.file.calls_within(scope).any(|c| {
                (c.is("Kernel", "send") || c.is_any("Process", &["send", "send_after"]))
                    && c.arg(1) == Some(parent)
                    && c.arg(0).is_some_and(|to| same_process(self.file.text(to), self.server))
            });
            self.destructive |= forged;
            self.forged |= forged;
            return forged.then(|| self.hit(&name));
        }
        // `case value do pattern -> ... end`: follow the variables of each clause.
        if parent.kind_id() == k.arguments {
            let case = parent.parent().filter(|c| {
                ast::local_call_name(*c, src) == Some("case") && parent.named_child(0) == Some(v)
            });
            if let Some(case) = case {
            let block = ast::call_do_block(case)?;
            let mut acts = false;
            let mut any = false;
            for clause in ast::named_children(block).filter(|c| c.kind_id() == k.stab_clause) {
                let Some(pattern) = ast::clause_pattern(clause, src) else { continue };
                if !pattern_vars(pattern, src).is_empty() {
                    any = true;
                    acts |= self.bound(pattern, pattern.end_byte(), clause, scope, depth)?;
                }
            }
            return any.then_some(acts);
            }
        }
        if let Some(c) = self.file.calls_within(scope).find(|c| c.args.contains(&v)) {
            let i = c.args.iter().position(|a| *a == v).unwrap_or(0);
            // `if feeder, do: ...`: a check that the handle is there.
            if i == 0 && (checks_process(c) || c.local && c.module.is_none() && matches!(c.name, "if" | "unless")) {
                return Some(false);
            }
            if i == 0 && acts_on_process(c) {
                self.destructive |= !watches_process(c);
                self.other_acts = true;
                return Some(self.hit(&name));
            }
            if i == 0 && passes_through(c) {
                return self.value(c.expr, scope, &name, depth + 1);
            }
            // `Pool.checkout(pool, token)`: the handle locates the process for the API.
            let project = c.module.as_deref().is_some_and(project_module);
            return (i == 0 && project && !c.dynamic && !in_assertion(self.file, c.expr)).then_some(false);
        }
        // `pattern = value`: follow each variable it binds.
        if ast::is_binary_op(parent, src, "=") && ast::field(parent, g.fields.right) == Some(v) {
            // `%State{} = state = :sys.get_state(pid)`: the whole match is looked at too.
            if in_assertion(self.file, parent) || !parent.parent().is_some_and(super::no_sleep::is_block) {
                return None;
            }
            let left = ast::field(parent, g.fields.left)?;
            return self.bound(left, parent.end_byte(), scope, scope, depth);
        }
        // The value a local helper returns: follow it at each call of the helper.
        let def = self
            .file
            .defs
            .iter()
            .filter(|d| d.node.start_byte() <= v.start_byte() && v.end_byte() <= d.node.end_byte())
            .min_by_key(|d| d.node.end_byte() - d.node.start_byte())?;
        if !in_tail(def.body?, v) {
            return None;
        }
        let mut acts = false;
        let mut callers = 0;
        for c in self.file.calls_named(def.name).filter(|c| c.local && c.arity == def.arity) {
            if c.node.start_byte() >= def.node.start_byte() && c.node.end_byte() <= def.node.end_byte() {
                continue;
            }
            callers += 1;
            let caller_scope = scope_of(self.file, c)?;
            acts |= self.value(c.expr, caller_scope, &name, depth + 1)?;
        }
        (callers > 0).then_some(acts)
    }

    /// The variables `pattern` binds, each used only as a handle after `from` in `within`.
    fn bound(&mut self, pattern: Node<'t>, from: usize, within: Node<'t>, scope: Node<'t>, depth: u32) -> Option<bool> {
        let src = self.file.src;
        let vars = pattern_vars(pattern, src);
        if vars.is_empty() {
            return None;
        }
        let mut acts = false;
        for var in vars {
            let name = self.file.text(var);
            let uses: Vec<Node> = ast::descendants(within)
                .filter(|n| n.kind_id() == grammar().kinds.identifier && n.start_byte() >= from && self.file.text(*n) == name)
                .collect();
            if uses.is_empty() {
                return None;
            }
            for u in uses {
                acts |= self.value(u, scope, name, depth + 1)?;
            }
        }
        Some(acts)
    }

    fn hit(&mut self, name: &str) -> bool {
        if self.found.is_none() {
            self.found = Some(name.to_string());
        }
        true
    }
}

/// `Process.whereis(Monitor)` and `Monitor` name the same process: the state is read
/// through the pid, the forged message sent to the registered name.
fn same_process(a: &str, b: &str) -> bool {
    let name = |s: &str| -> String {
        let s = s.trim();
        s.strip_prefix("Process.whereis(")
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or(s)
            .trim()
            .to_string()
    };
    name(a) == name(b)
}

const STDLIB: &[&str] = &[
    "Kernel", "Map", "Enum", "List", "Keyword", "Stream", "String", "Tuple", "MapSet", "Access", "IO",
    "Integer", "Float", "Atom", "Process", "Agent", "Task", "Registry", "ExUnit", "Logger", "System",
    "Application", "Code", "Macro", "Inspect",
];

/// `is_pid(p)`: looks at the handle before acting on it; alone, it is a check of
/// what the state holds.
fn checks_process(c: &Call) -> bool {
    c.is_any("Kernel", &["is_pid", "is_port"]) || c.local && c.module.is_none() && matches!(c.name, "is_pid" | "is_port")
}

/// Kills, stops, monitors, messages or checks the liveness of the process, or closes
/// the socket.
fn acts_on_process(c: &Call) -> bool {
    c.is_any("Process", &["exit", "monitor", "alive?", "link", "unlink", "info", "demonitor", "send", "send_after"])
        || c.is_any("Kernel", &["send"])
        || c.is_any(":erlang", &["exit", "monitor", "is_process_alive", "send", "port_close"])
        || c.is_any("GenServer", &["stop"])
        || c.in_module("Supervisor")
        || c.in_module("DynamicSupervisor")
        || c.in_module(":sys")
        || c.in_module(":gen_tcp")
        || c.in_module(":gen_udp")
        || c.in_module(":ssl")
        || c.in_module(":inet")
        || c.in_module(":socket")
        || c.in_module("Port")
        || stops_by_name(c)
}

/// `ProcessHelper.shutdown(pid)`, `kill_connection(pid)`: a helper of the project (or
/// of its test support) named for ending a process.
fn stops_by_name(c: &Call) -> bool {
    let project = match c.module.as_deref() {
        Some(m) => !m.starts_with(':') && !STDLIB.contains(&m),
        None => c.local,
    };
    project && (["kill", "shutdown", "terminate", "crash"].iter().any(|w| c.name.contains(w)) || c.name == "stop")
}

/// Monitors the process or checks that it is alive: watches it end, without acting.
fn watches_process(c: &Call) -> bool {
    c.is_any("Process", &["monitor", "alive?", "demonitor"]) || c.is_any(":erlang", &["monitor", "is_process_alive"])
}

/// `elem(state, 3)`, `Map.values(peers)`: takes a part of the value, which is followed.
fn passes_through(c: &Call) -> bool {
    c.is_any("Kernel", &["elem", "hd"])
        || c.is_any("Map", &["values", "get", "fetch!"])
        || c.is_any("Keyword", &["get", "fetch!"])
        || c.is_any("List", &["first", "last"])
        || c.is_any("Enum", &["at"])
}

/// Inside `assert`/`refute` (directly or through `and`/`or`/`not`): a check on the value.
fn in_assertion(file: &File, node: Node) -> bool {
    let mut cur = node.parent();
    while let Some(n) = cur {
        let k = &grammar().kinds;
        if n.kind_id() == k.call {
            return matches!(ast::local_call_name(n, file.src), Some("assert" | "refute"));
        }
        if n.kind_id() != k.arguments && n.kind_id() != k.binary_operator && n.kind_id() != k.unary_operator {
            return false;
        }
        cur = n.parent();
    }
    false
}

/// The variables a pattern binds (not pinned, not `_`-prefixed).
fn pattern_vars<'t>(pattern: Node<'t>, src: &str) -> Vec<Node<'t>> {
    let k = &grammar().kinds;
    if pattern.kind_id() == k.identifier {
        let name = ast::text(pattern, src);
        return if name.starts_with('_') { vec![] } else { vec![pattern] };
    }
    ast::descendants(pattern)
        .filter(|n| n.kind_id() == k.identifier && !ast::text(*n, src).starts_with('_'))
        .filter(|n| {
            let p = n.parent();
            !p.is_some_and(|p| {
                (p.kind_id() == k.unary_operator && ast::operator(p, src) == "^")
                    || p.kind_id() == k.call
                    || p.kind_id() == k.dot
            })
        })
        .collect()
}

/// Is `node` the value that `body` (a def's body) returns, through the last statement
/// and the branches of `if`, `case`, `cond`...?
fn in_tail(body: Node, mut n: Node) -> bool {
    let g = grammar();
    let k = &g.kinds;
    loop {
        if n == body {
            return true;
        }
        let Some(p) = n.parent() else { return false };
        let kind = p.kind_id();
        if (kind == k.do_block || kind == k.else_block) && n.kind_id() == k.stab_clause {
            n = p;
        } else if super::no_sleep::is_block(p) || kind == k.else_block {
            let skip = [k.comment, k.rescue_block, k.after_block, k.catch_block, k.else_block];
            let last = ast::named_children(p).filter(|c| !skip.contains(&c.kind_id())).last();
            if last != Some(n) {
                return false;
            }
            n = p;
        } else if kind == k.stab_clause {
            if ast::field(p, g.fields.right) != Some(n) {
                return false;
            }
            n = p;
        } else if kind == k.pair {
            // `if c, do: value, else: nil`
            if ast::field(p, g.fields.value) != Some(n) {
                return false;
            }
            let Some(call) = p.parent().and_then(|kw| kw.parent()).and_then(|a| a.parent()) else {
                return false;
            };
            if p == body || call.kind_id() != k.call {
                return n == body;
            }
            n = call;
        } else if kind == k.call && ast::call_do_block(p) == Some(n) {
            n = p;
        } else {
            return false;
        }
    }
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
    // A statement in an `else` (or `rescue`, `catch`, `after`) branch followed by
    // another: its value goes nowhere, as in a retry loop's `else` that waits for the
    // server and looks again. The branch's last statement is what the branch returns.
    if is_branch_block(parent) && ast::next_statement(call.expr).is_some() {
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

fn is_branch_block(node: Node) -> bool {
    let k = &grammar().kinds;
    [k.else_block, k.rescue_block, k.catch_block, k.after_block].contains(&node.kind_id())
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

/// What the project pass needs from a file: the process structs a library defines
/// in `lib/`, and the fields a test reads out of a process's state.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct StateFacts {
    /// The Mix project of the file: its path before `lib/` or `test/`.
    root: String,
    structs: Vec<ProcessStruct>,
    /// Modules the file's modules `use`, and modules whose `start_link`/`start` it
    /// calls: what may have started the processes it reads.
    starters: Vec<String>,
    reads: Vec<FieldRead>,
}

/// The struct of a behaviour module the library defines (`defstruct` next to
/// `defmacro __using__` or `@callback`): the state of every process it runs.
#[derive(serde::Serialize, serde::Deserialize)]
struct ProcessStruct {
    /// The behaviour module.
    module: String,
    /// The struct's module: the behaviour's own, or one nested in it.
    state: String,
    fields: Vec<String>,
    /// Its public functions that can take the process alone: (name, arity).
    readers: Vec<(String, usize)>,
}

/// A `:sys.get_state` reported as a plain read, and the fields read from its value.
#[derive(serde::Serialize, serde::Deserialize)]
struct FieldRead {
    range: (usize, usize),
    written: String,
    server: String,
    fields: Vec<String>,
    scope: String,
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    let root = crate::scope::mix_root(file.path)?.to_string();
    let mut facts = StateFacts {
        root,
        ..StateFacts::default()
    };
    match file.scope {
        crate::FileScope::Lib => facts.structs = process_structs(file),
        crate::FileScope::Test => {
            facts.reads = field_reads(file);
            if !facts.reads.is_empty() {
                facts.starters = starters(file);
            }
        }
        _ => {}
    }
    (!facts.structs.is_empty() || !facts.reads.is_empty()).then(|| Box::new(facts) as Facts)
}

/// The structs of the file's behaviour modules, with their fields.
fn process_structs(file: &File) -> Vec<ProcessStruct> {
    let k = &grammar().kinds;
    let mut out = Vec::new();
    for call in file.calls_named("defstruct") {
        let (Some(id), Some(list)) = (call.ctx.module, call.arg(0)) else {
            continue;
        };
        let is_behaviour = |id: crate::model::Id| {
            file.modules[id as usize].functions.iter().any(|f| f.kind == "defmacro" && f.name == "__using__")
                || file.attributes.iter().any(|(name, _, ctx)| *name == "callback" && ctx.module == Some(id))
        };
        // The struct may sit in a module nested in the behaviour's (`Consumer.State`
        // beside `Consumer`'s `@callback`s, R40 ex_rabbit_pool): the same state.
        let state = &file.modules[id as usize];
        let Some(behaviour) = Some(id)
            .filter(|&id| is_behaviour(id))
            .or(state.parent.filter(|&p| is_behaviour(p)))
        else {
            continue;
        };
        // `defstruct [:a, b: 1]`, or the keywords alone: `defstruct a: nil, b: 1`.
        let items: Vec<Node> = if list.kind_id() == k.list {
            ast::named_children(list).collect()
        } else if list.kind_id() == k.keywords {
            vec![list]
        } else {
            continue;
        };
        let module = &file.modules[behaviour as usize];
        let mut fields = Vec::new();
        for item in items {
            if item.kind_id() == k.keywords {
                for pair in ast::named_children(item) {
                    if let Some(key) = ast::field(pair, grammar().fields.key) {
                        fields.push(ast::keyword_name(key, file.src).to_string());
                    }
                }
            } else if let Some(name) = ast::atom_name(item, file.src) {
                fields.push(name.to_string());
            }
        }
        let readers = module
            .functions
            .iter()
            .filter(|f| f.kind == "def" && f.min_arity <= 1 && f.max_arity >= 1 && !is_callback_name(f.name))
            .map(|f| (f.name.to_string(), f.min_arity))
            .collect();
        out.push(ProcessStruct {
            module: module.name.clone(),
            state: state.name.clone(),
            fields,
            readers,
        });
    }
    out
}

/// `init`, `handle_call`...: the behaviour's own server callbacks, not an API.
fn is_callback_name(name: &str) -> bool {
    name.starts_with("handle_") || matches!(name, "init" | "terminate" | "code_change" | "format_status")
}

/// The behaviours the file's modules `use`, and the modules whose `start_link` or
/// `start` it calls.
fn starters(file: &File) -> Vec<String> {
    let mut out: Vec<String> = file
        .modules
        .iter()
        .flat_map(|m| m.uses.iter().map(|(used, _)| used.clone()))
        .collect();
    for c in file.calls_named_any(&["start_link", "start"]) {
        if let Some(m) = &c.module {
            out.push(m.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The `:sys.get_state` calls reported as plain reads whose value is read through
/// fields: `:sys.get_state(p).buffer`, or `s = :sys.get_state(p)` then `s.buffer`.
fn field_reads(file: &File) -> Vec<FieldRead> {
    let mut out = Vec::new();
    for call in file.calls_named("get_state") {
        if excluded(file, call)
            || !value_used(file, call)
            || phoenix_process(file, call).is_some()
            || digs_out_handle(file, call).is_some()
        {
            continue;
        }
        let fields = fields_read(file, call);
        if fields.is_empty() {
            continue;
        }
        let server = call
            .arg(0)
            .map(|a| format!("`{}`", super::no_sleep::one_line(file.text(a))))
            .unwrap_or_else(|| "the process".to_string());
        out.push(FieldRead {
            range: (call.expr.start_byte(), call.expr.end_byte()),
            written: call.display(file.src),
            server,
            fields,
            scope: file.scope_name(&call.ctx),
        });
    }
    out
}

/// The first field read from the state, right on the call or through the variable
/// it is bound to (every `var.field` in the test or function after the match).
fn fields_read(file: &File, call: &Call) -> Vec<String> {
    let g = grammar();
    let k = &g.kinds;
    if let Some(field) = field_on(file, call.expr) {
        return vec![field.to_string()];
    }
    // `%Handler{subscribe_timer: t} = :sys.get_state(pid)`: the keys of the pattern.
    if let Some(pattern) = super::no_sleep::match_left(file, call).filter(|l| l.kind_id() == k.map) {
        let mut keys: Vec<String> = ast::descendants(pattern)
            .filter(|n| n.kind_id() == k.pair)
            .filter(|pair| {
                let mut up = file.parent(*pair);
                while let Some(p) = up.filter(|p| p.kind_id() != k.map) {
                    up = file.parent(p);
                }
                up == Some(pattern)
            })
            .filter_map(|pair| ast::field(pair, g.fields.key))
            .map(|key| ast::keyword_name(key, file.src).to_string())
            .collect();
        keys.sort();
        keys.dedup();
        return keys;
    }
    let Some(left) = super::no_sleep::match_left(file, call).filter(|l| l.kind_id() == k.identifier) else {
        return Vec::new();
    };
    let Some(scope) = scope_of(file, call) else {
        return Vec::new();
    };
    let var = file.text(left);
    // Dots are not indexed; one walk of this test's body, only for a bound state.
    let mut fields: Vec<String> = ast::descendants(scope)
        .filter(|d| d.kind_id() == k.dot && d.start_byte() > call.expr.end_byte())
        .filter_map(|d| ast::field(d, g.fields.left))
        .filter(|n| n.kind_id() == k.identifier && file.text(*n) == var)
        .filter_map(|n| field_on(file, n))
        .map(str::to_string)
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

/// `value.field` (no arguments): the field read from `value`.
fn field_on<'t>(file: &File<'t>, value: Node<'t>) -> Option<&'t str> {
    let g = grammar();
    let dot = value.parent().filter(|d| d.kind_id() == g.kinds.dot)?;
    if ast::field(dot, g.fields.left) != Some(value) {
        return None;
    }
    let access = dot
        .parent()
        .filter(|c| c.kind_id() == g.kinds.call && ast::call_arguments(*c).is_none())?;
    ast::field_access(access, file.src)
}

/// A test of a library that reads fields of the struct its own behaviour keeps as
/// the state of every process it runs (`%GenStage{}` in gen_stage's tests) looks at
/// its own internals on purpose: white-box testing, which only the library's own
/// changes can break. Info, pointing at a public function only where one reads the
/// same thing.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &StateFacts)> = facts
        .iter()
        .filter_map(|(i, f)| f.downcast_ref::<StateFacts>().map(|f| (*i, f)))
        .collect();
    let structs: Vec<(&str, &ProcessStruct)> = all
        .iter()
        .flat_map(|(_, f)| f.structs.iter().map(|s| (f.root.as_str(), s)))
        .collect();
    for (file, f) in &all {
        for read in &f.reads {
            let Some((_, own)) = structs.iter().find(|(root, s)| {
                *root == f.root
                    && f.starters.contains(&s.module)
                    && read.fields.iter().all(|field| s.fields.contains(field))
            }) else {
                continue;
            };
            report.retract(*file, read.range.0);
            report
                .add_info(*file, read.range.0..read.range.1, own_struct_message(read, own), read.scope.clone());
        }
    }
}

fn own_struct_message(read: &FieldRead, own: &ProcessStruct) -> String {
    let fields = read
        .fields
        .iter()
        .map(|f| format!("`.{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let module = &own.module;
    let readers: Vec<String> = own
        .readers
        .iter()
        .filter(|(name, _)| read.fields.iter().any(|f| names_field(name, f)))
        .map(|(name, arity)| format!("`{module}.{name}/{arity}`"))
        .collect();
    let advice = if readers.is_empty() {
        "no public function of the library gives the same, so this is fine where the test means to check those internals".to_string()
    } else {
        format!(
            "where {} gives the same, asserting on it also checks the public API and survives a change of the struct",
            readers.join(" or ")
        )
    };
    format!(
        "`{}` reads {fields} of `%{}{{}}`, the state this library keeps for every process its `{module}` runs, from the library's own tests: white-box testing of its own internals, which only the library's own changes can break; {advice}",
        read.written, own.state
    )
}

/// `estimate_buffered_count` names `buffer`; `list_consumers` names `consumers`:
/// a word of the function's name starts with the field's singular.
fn names_field(function: &str, field: &str) -> bool {
    let stem = field.strip_suffix('s').unwrap_or(field);
    stem.len() >= 3 && function.split('_').any(|word| word.starts_with(stem))
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    serde_json::to_value(facts.downcast_ref::<StateFacts>()?).ok()
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let facts: StateFacts = serde_json::from_value(value.clone()).ok()?;
    Some(Box::new(facts))
}
