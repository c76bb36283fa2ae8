//! `otp/monitor-leak`: Monitor without :DOWN handling or demonitor. See `monitor_leak.md`.

use crate::rules::prelude::*;
use crate::scope::FileScope;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    id: "otp/monitor-leak",
    title: "Monitor without :DOWN handling or demonitor",
    severity: Severity::Warning,
    scopes: LIB_AND_TEST,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("monitor_leak.md"),
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

/// `(target, options)` argument positions of a monitor call.
fn monitor_args<'t>(call: &Call<'t>) -> Option<(Option<Node<'t>>, Option<Node<'t>>)> {
    match (call.module.as_deref(), call.arity) {
        (Some("Process"), 1 | 2) => Some((call.arg(0), call.arg(1))),
        (Some(":erlang"), 2 | 3) => Some((call.arg(1), call.arg(2))),
        _ => None,
    }
}

/// The monitor calls whose `:DOWN` nothing here handles: the findings of [`check`].
fn unhandled<'a, 't>(file: &'a File<'t>) -> Vec<&'a Call<'t>> {
    let in_test = file.scope == FileScope::Test;
    let mut found = Vec::new();
    // Region start byte → does it handle :DOWN or demonitor?
    let mut cache: HashMap<usize, bool> = HashMap::new();
    for call in file.calls_named("monitor") {
        let Some((target, opts)) = monitor_args(call) else {
            continue;
        };
        if opts.is_some_and(|o| demonitors_itself(file, o)) {
            continue;
        }
        if target.is_some_and(|t| is_task_pid(file, call, t)) {
            continue;
        }
        // Quoted code: the module using the macro may match the `:DOWN` itself.
        if call.ctx.quoted || hands_ref_on(file, call) {
            continue;
        }
        if waits_for_any_message_after(file, call) {
            continue;
        }
        let regions = regions(file, call, in_test);
        let handled = match monitor_tag(file, call) {
            // `Process.monitor(pid, tag: t)`: the `:DOWN` comes as `{t, ref, :process, pid, reason}`.
            Some(tag) => regions.iter().any(|r| handles_tagged_down(file, *r, tag)),
            None => regions.iter().any(|r| {
                *cache
                    .entry(r.start_byte())
                    .or_insert_with(|| handles_down(file, *r))
            }),
        };
        if handled {
            continue;
        }
        if in_test && regions.iter().any(|r| inspects_process_info(file, *r)) {
            // The test looks at what the process holds (its monitors, its links):
            // the monitor is the fixture, and no `:DOWN` is expected.
            continue;
        }
        found.push(call);
    }
    found
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    let in_test = file.scope == FileScope::Test;
    for call in unhandled(file) {
        let written = call.display(src);
        if in_test {
            report.add_info(
                file,
                &call.ctx,
                call.node.byte_range(),
                format!(
                    "`{written}` sets up a monitor that this test never waits on: nothing matches `{{:DOWN, ...}}` or calls `Process.demonitor/2`; assert the exit with `assert_receive {{:DOWN, ^ref, :process, ^pid, reason}}`, or drop the monitor"
                ),
            );
        } else {
            // A tagged monitor's `:DOWN` leads with its tag.
            let down = monitor_tag(file, call).map_or(":DOWN", |t| file.text(t));
            let owner = file
                .module(&call.ctx)
                .map(|m| format!("`{}`", m.name))
                .unwrap_or_else(|| "this file".into());
            // `start_link/1` and `child_spec/1` run in the process that starts the child,
            // a supervisor for a child of the tree: the `:DOWN` goes there.
            if let Some(def) = file.def(&call.ctx).filter(|d| d.kind == "def" && matches!(d.name, "start_link" | "start" | "child_spec")) {
                report.add(
                    file,
                    &call.ctx,
                    call.node.byte_range(),
                    format!(
                        "`{written}` in `{}/{}` runs in the process that starts {owner}, usually the supervisor of this child, not in {owner}: the `:DOWN` goes to that process, which (a supervisor) logs it as an unexpected message, and nothing here can match it; if nothing needs the monitor, remove it, or return the error (or `:ignore`) instead of watching the other process",
                        def.name, def.arity
                    ),
                );
                continue;
            }
            report.add(
                file,
                &call.ctx,
                call.node.byte_range(),
                format!(
                    "`{written}` creates a monitor but {owner} never matches a `{{{down}, ref, :process, pid, reason}}` message or calls `Process.demonitor/2`: the `:DOWN` message still arrives and is left in the mailbox or crashes a `handle_info` without a matching clause; handle it, or call `Process.demonitor(ref, [:flush])` once the monitor is no longer needed"
                ),
            );
        }
    }
}

/// Where a `:DOWN` pattern or a demonitor counts for this monitor: the module in
/// lib; in tests, the test itself plus the module's helper functions it calls (a `setup`
/// hands its monitor to the tests, so there the whole module counts).
fn regions<'t>(file: &File<'t>, call: &Call<'t>, in_test: bool) -> Vec<Node<'t>> {
    let module_node = file.module(&call.ctx).map(|m| m.node);
    let whole = module_node.unwrap_or_else(|| file.tree.root_node());
    if !in_test {
        // A module nested in another (`defmodule State` inside a GenServer) runs in
        // the enclosing module's process, whose `handle_info/2` gets the `:DOWN`.
        let outermost = module_node.and_then(|inner| {
            file.modules
                .iter()
                .map(|m| m.node)
                .filter(|n| n.start_byte() <= inner.start_byte() && inner.end_byte() <= n.end_byte())
                .max_by_key(|n| n.end_byte() - n.start_byte())
        });
        return vec![outermost.unwrap_or(whole)];
    }
    match file.test(&call.ctx) {
        Some(t) if t.kind == TestKind::Test => {
            let mut v = vec![t.node];
            if let Some(m) = file.module(&call.ctx) {
                // Helpers the test calls (`assert_down(ref)`).
                let called: Vec<(&str, usize)> = file
                    .calls_within(t.node)
                    .filter(|c| c.local && c.module.is_none())
                    .map(|c| (c.name, c.arity))
                    .collect();
                // Also called with fewer arguments than its head has, where defaults fill
                // in the rest (`defp drain(pid, acc \\ [])` called as `drain(pid)`).
                let reaches = |d: &Def| {
                    called.iter().any(|&(name, arity)| {
                        name == d.name
                            && m.functions
                                .iter()
                                .any(|f| f.name == d.name && (f.min_arity..=f.max_arity).contains(&arity) && (f.min_arity..=f.max_arity).contains(&d.arity))
                    })
                };
                v.extend(
                    m.defs
                        .iter()
                        .map(|&d| &file.defs[d as usize])
                        .filter(|d| called.contains(&(d.name, d.arity)) || reaches(d))
                        .map(|d| d.node),
                );
            }
            v
        }
        _ => vec![whole],
    }
}

/// `Process.info/1,2`, `:erlang.process_info/1,2` or an imported `process_info/1`
/// that looks at the test process itself or at a process's monitors or links.
fn inspects_process_info(file: &File, region: Node) -> bool {
    file.calls_within(region).any(|c| {
        let info = c.is("Process", "info") || c.name == "process_info";
        info && c.args.iter().any(|a| {
            matches!(
                file.text(*a),
                "self()" | ":monitors" | ":monitored_by" | ":links"
            )
        })
    })
}

/// `spawn(fn -> Process.monitor(pid); ...; receive do _ -> restart() end end)`: a
/// process of its own that monitors and then blocks in a `receive` whose clause takes
/// any message. Nothing else knows this process, so the `:DOWN` is what that clause
/// takes: the process exists to act once the monitored one is gone.
fn waits_for_any_message_after(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    if !call.ctx.other_process {
        return false;
    }
    let Some(fun) = file.innermost_fn(call.node).map(|f| f.node) else {
        return false;
    };
    file.calls_within(fun)
        .filter(|r| r.name == "receive" && r.module.is_none() && r.node.start_byte() > call.node.end_byte())
        .any(|r| {
            r.do_block.is_some_and(|b| {
                ast::named_children(b)
                    .filter(|c| c.kind_id() == k.stab_clause)
                    .filter_map(|c| ast::field(c, grammar().fields.left))
                    .any(|left| {
                        let pattern = left.named_child(0).filter(|_| left.named_child_count() == 1).unwrap_or(left);
                        pattern.kind_id() == k.identifier && file.text(pattern).starts_with('_')
                    })
            })
        })
}

fn handles_down(file: &File, region: Node) -> bool {
    let k = &grammar().kinds;
    let demonitor = file
        .calls_within(region)
        .any(|c| c.is("Process", "demonitor") || c.is(":erlang", "demonitor"));
    // Tuples are indexed: no walk of the region's whole tree (the project pass asks
    // this of every lib module).
    demonitor
        || file.nodes_within(k.tuple, region).any(|n| {
            n.named_child(0)
                .is_some_and(|f| f.kind_id() == k.atom && file.text(f) == ":DOWN")
        })
}

/// A monitor given `tag: t` (`Process.monitor/2`, Elixir 1.15) delivers its `:DOWN` as
/// `{t, ref, :process, pid, reason}`: is there such a pattern, or a demonitor?
fn handles_tagged_down(file: &File, region: Node, tag: Node) -> bool {
    let demonitor = file
        .calls_within(region)
        .any(|c| c.is("Process", "demonitor") || c.is(":erlang", "demonitor"));
    demonitor || ast::descendants(region).any(|n| is_tagged_down(file, n, tag))
}

/// The `tag:` option of a `Process.monitor/2` call, if it has one.
pub(crate) fn monitor_tag<'t>(file: &File, call: &Call<'t>) -> Option<Node<'t>> {
    let (_, opts) = monitor_args(call)?;
    ast::keyword_value(opts?, file.src, "tag")
}

/// `{t, ref, :process, pid, reason}` for a monitor tagged `t`: a tag that is an atom or
/// a tuple led by one (`{:down, name}`) must lead the pattern the same way; a tag in a
/// variable matches any five-element `:process` tuple.
pub(crate) fn is_tagged_down(file: &File, pattern: Node, tag: Node) -> bool {
    let k = &grammar().kinds;
    let lead = |n: Node| {
        if n.kind_id() == k.tuple {
            n.named_child(0).and_then(|f| ast::atom_name(f, file.src))
        } else {
            ast::atom_name(n, file.src)
        }
    };
    let tag_lead = lead(tag);
    pattern.kind_id() == k.tuple
        && pattern.named_child_count() == 5
        && pattern.named_child(2).is_some_and(|p| file.text(p) == ":process")
        && pattern.named_child(0).is_some_and(|first| tag_lead.is_none() || lead(first) == tag_lead)
}

/// The function gives the monitor reference away, so the `:DOWN` is its caller's or
/// its state's business: it returns the reference (`Process.monitor(pid)` as the
/// last expression, `{:ok, ref}`), or stores it in a map, struct or keyword list
/// (`%{ref: Process.monitor(pid)}`, `Map.put(monitors, ref, pid)`). Not in a
/// GenServer module, which receives the `:DOWN` itself.
fn hands_ref_on(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(def) = file.def(&call.ctx) else {
        return false;
    };
    let Some(body) = def.body else {
        return false;
    };
    // In a GenServer the `:DOWN` comes back to this very module, whatever the
    // function does with the reference: storing it in the state is no hand-on. A
    // public client function that nothing in the module calls runs in the caller's
    // process, though, and the `:DOWN` goes to that caller.
    if file
        .module(&call.ctx)
        .is_some_and(|m| m.is_genserver && !is_client_function(file, m, def))
    {
        return false;
    }
    if hands_on(file, call.expr, body) {
        return true;
    }
    // `ref = Process.monitor(pid)`: follow the variable through the rest of the body.
    let Some(left) = crate::rules::test::no_sleep::match_left(file, call) else {
        return false;
    };
    let var = if left.kind_id() == k.identifier {
        file.text(left)
    } else {
        return false;
    };
    ast::descendants(body)
        .filter(|n| n.kind_id() == k.identifier && n.start_byte() > call.node.end_byte())
        .filter(|n| file.text(*n) == var)
        .any(|n| hands_on(file, n, body))
}

/// A public function of a GenServer module that is no callback and that nothing in
/// the module calls (locally or as `__MODULE__.name`): it runs in the caller.
fn is_client_function(file: &File, module: &Module, def: &Def) -> bool {
    if def.kind != "def" || def.is_callback {
        return false;
    }
    !file.calls.iter().any(|c| {
        c.name == def.name
            && file.module(&c.ctx).is_some_and(|m| m.node == module.node)
            && (c.module.is_none() || c.module.as_deref() == Some("__MODULE__"))
    })
}

/// Does the value at `node` end up returned from `body`, or stored in a map, struct
/// or keyword list?
fn hands_on(file: &File, node: Node, body: Node) -> bool {
    let k = &grammar().kinds;
    let block = body.kind_id() == k.do_block || body.kind_id() == k.body || body.kind_id() == k.block;
    let last = if block { ast::statements(body).last() } else { None };
    let mut cur = node;
    loop {
        if cur.id() == body.id() || Some(cur) == last {
            return true;
        }
        let Some(parent) = file.parent(cur) else {
            return false;
        };
        match parent.kind() {
            "map" | "map_content" | "struct" | "keywords" | "pair" => return true,
            "tuple" | "list" => cur = parent,
            // The last expression of a clause of a `case`, `if`, `with` (or their
            // `else`) that is itself returned: `pid -> ref = ...; ref` in a `case`.
            "body" | "stab_clause" | "do_block" | "else_block"
                if ast::statements(parent).filter(|s| s.kind() != "comment").last().is_none_or(|l| l == cur)
                    || parent.kind() == "stab_clause" =>
            {
                cur = parent
            }
            "call" if parent.kind() == "call"
                && matches!(
                    parent.named_child(0).map(|t| file.text(t)),
                    Some("case" | "if" | "unless" | "cond" | "with" | "receive")
                ) =>
            {
                cur = parent
            }
            "arguments" => {
                return file.parent(parent).is_some_and(|c| {
                    file.calls.iter().any(|x| {
                        x.node.id() == c.id()
                            && (x.is_any("Map", &["put", "put_new"])
                                || x.is_any("MapSet", &["put"])
                                || x.is_any("Keyword", &["put", "put_new"]))
                    })
                });
            }
            _ => return false,
        }
    }
}

/// `alias: :demonitor` / `alias: :reply_demonitor` (or the Erlang tuple form): the
/// monitor goes away with the alias.
fn demonitors_itself(file: &File, opts: Node) -> bool {
    let k = &grammar().kinds;
    std::iter::once(opts)
        .chain(ast::descendants(opts))
        .any(|n| {
            n.kind_id() == k.atom && matches!(file.text(n), ":demonitor" | ":reply_demonitor")
        })
}

/// `Process.monitor(task.pid)` where `task` came from `Task.async*`: the Task API owns
/// that monitor's partner.
fn is_task_pid(file: &File, call: &Call, target: Node) -> bool {
    let g = grammar();
    let k = &g.kinds;
    if target.kind_id() != k.call || ast::call_arguments(target).is_some() {
        return false;
    }
    let Some(dot) = ast::field(target, g.fields.target).filter(|d| d.kind_id() == k.dot) else {
        return false;
    };
    let (Some(left), Some(right)) = (ast::field(dot, g.fields.left), ast::field(dot, g.fields.right))
    else {
        return false;
    };
    if left.kind_id() != k.identifier || file.text(right) != "pid" {
        return false;
    }
    let var = file.text(left);
    let scope = file
        .def(&call.ctx)
        .map(|d| d.node)
        .or_else(|| file.test(&call.ctx).map(|t| t.node));
    let Some(scope) = scope else {
        return false;
    };
    file.calls_within(scope).any(|c| {
        (c.in_module("Task") || c.in_module("Task.Supervisor"))
            && c.name.starts_with("async")
            && c.parent.is_some_and(|p| {
                ast::is_binary_op(p, file.src, "=")
                    && ast::field(p, g.fields.left).is_some_and(|l| file.text(l) == var)
            })
    })
}

/// What one file tells the project pass.
#[derive(serde::Serialize, serde::Deserialize)]
enum Fact {
    /// A reported monitor in a public function of a lib module that is no process
    /// (no GenServer): the function runs in whichever process calls it.
    Lent { at: usize, module: String, function: String },
    /// A lib module that matches `:DOWN` calls `function` of `module` (`"*"` for a
    /// module held in a variable, `client.setup(...)`).
    Host { module: String, function: String },
}

const ANY_MODULE: &str = "*";

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    if file.scope != FileScope::Lib {
        return None;
    }
    let mut facts = Vec::new();
    for call in unhandled(file) {
        let (Some(module), Some(def)) = (file.module(&call.ctx), file.def(&call.ctx)) else {
            continue;
        };
        if !module.is_genserver && !module.quoted && def.kind == "def" {
            facts.push(Fact::Lent {
                at: call.node.start_byte(),
                module: module.name.clone(),
                function: def.name.to_string(),
            });
        }
    }
    for module in file.modules.iter().filter(|m| m.parent.is_none()) {
        if !handles_down(file, module.node) {
            continue;
        }
        let mut calls = std::collections::BTreeSet::new();
        for c in file.calls_within(module.node) {
            match c.module.as_deref() {
                _ if c.dynamic => {
                    calls.insert((ANY_MODULE.to_string(), c.name.to_string()));
                }
                Some(m) if !m.starts_with(':') && !crate::runtime::is_runtime_module(m) => {
                    calls.insert((m.to_string(), c.name.to_string()));
                }
                _ => {}
            }
        }
        facts.extend(calls.into_iter().map(|(module, function)| Fact::Host { module, function }));
    }
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// A behaviour callback or library function that monitors runs in the process that
/// calls it: when a module that matches `:DOWN` calls it (by name, or through a
/// module held in a variable, as a behaviour's host calls its implementation), that
/// caller receives the `:DOWN`, and the monitor is no leak of this module.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &Fact)> = each_fact(facts);
    let hosts: std::collections::HashSet<(&str, &str)> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::Host { module, function } => Some((module.as_str(), function.as_str())),
            _ => None,
        })
        .collect();
    for (file, f) in &all {
        if let Fact::Lent { at, module, function } = f
            && (hosts.contains(&(module.as_str(), function.as_str()))
                || hosts.contains(&(ANY_MODULE, function.as_str())))
        {
            report.retract(*file, *at);
        }
    }
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    serde_json::to_value(facts.downcast_ref::<Vec<Fact>>()?).ok()
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let facts: Vec<Fact> = serde_json::from_value(value.clone()).ok()?;
    Some(Box::new(facts))
}
