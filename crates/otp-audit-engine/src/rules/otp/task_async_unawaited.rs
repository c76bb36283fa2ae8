//! `otp/task-async-unawaited`: Task.async whose result is never awaited. See `task_async_unawaited.md`.

use crate::rules::otp::no_raw_spawn::is_discarded;
use crate::model::Id;
use crate::rules::prelude::*;
use std::collections::HashMap;
use std::ops::Range;

pub static RULE: Rule = Rule {
    id: "otp/task-async-unawaited",
    title: "Task.async whose result is never awaited",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("task_async_unawaited.md"),
    check,
    project: None,
};

/// Task functions that consume a task: after them no reply is left behind.
const AWAITERS: &[&str] = &[
    "await",
    "await_many",
    "yield",
    "yield_many",
    "shutdown",
    "ignore",
];

fn is_async(call: &Call) -> bool {
    match call.module.as_deref() {
        Some("Task") => call.name == "async" && matches!(call.arity, 1 | 3),
        Some("Task.Supervisor") => call.name == "async" && (2..=5).contains(&call.arity),
        _ => false,
    }
}

fn is_awaiter(call: &Call) -> bool {
    call.is_any("Task", AWAITERS)
}

/// A NimblePool worker callback (`terminate_worker/3`, `handle_checkin/4`, ...) of a
/// module with no `handle_info/2`: NimblePool runs it in the pool process, which traps
/// exits, and hands messages it does not know to the worker's `handle_info/2` only
/// when there is one, otherwise drops them (R47 chromic_pdf's session pool).
fn pool_drains_replies(file: &File, module: &Module, def: &Def) -> bool {
    const CALLBACKS: &[&str] = &[
        "init_pool", "init_worker", "handle_checkout", "handle_checkin", "handle_update", "handle_enqueue",
        "handle_ping", "handle_cancelled", "terminate_worker", "terminate_pool",
    ];
    module.behaviours.iter().any(|(b, _)| *b == "NimblePool")
        && CALLBACKS.contains(&def.name)
        && def.kind == "def"
        && !module.defs.iter().any(|&d| file.defs[d as usize].name == "handle_info" && file.defs[d as usize].arity == 2)
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    let mut indexes: HashMap<Id, DefIndex> = HashMap::new();
    let mut replies: HashMap<Id, (bool, bool)> = HashMap::new();
    for call in file.calls_named("async") {
        if !is_async(call) || call.capture {
            continue;
        }
        let Some(def) = file.def(&call.ctx) else {
            continue;
        };
        let written = call.display(src);
        // `Task.Supervisor.async(sup, f)` names its supervisor already.
        let sup = match call.arg(0).filter(|_| call.in_module("Task.Supervisor")) {
            Some(named) => format!("`{}`", file.text(named)),
            None => supervisors::prose(supervisors::Kind::Task),
        };
        let holder = value_holder(file, call);
        if is_consumed_in_place(file, holder) {
            continue;
        }
        let module = file.module(&call.ctx);
        // Quoted code: the module using the macro may handle the reply itself.
        let quoted = module.is_some_and(|m| m.quoted);
        // A LiveView is a process too: its `mount/3` and `handle_*` callbacks run in it.
        let live_view = |m: &Module| {
            super::unsupervised_start::live_kind(file, m) == Some(super::unsupervised_start::Live::View)
                && (def.name.starts_with("handle_") || def.name == "mount")
        };
        let in_callback = !quoted && module.is_some_and(|m| is_process_callback(m, def) || live_view(m));
        // A private helper the callbacks call: its task is the server's task too.
        let via_helper = match module {
            Some(m) if !in_callback && !quoted && is_process_module(m) && def.kind == "defp" => {
                calling_callback(file, m, def)
            }
            _ => None,
        };
        let (handles_replies, takes_any_reply) = match (call.ctx.module, module) {
            (Some(id), Some(m)) => *replies
                .entry(id)
                .or_insert_with(|| module_handles_replies(file, m)),
            _ => (false, false),
        };
        let discarded = is_discarded(holder) || in_each_fn(file, holder);
        // Started from a callback of a server whose `handle_info` (or gen_statem
        // `:info` clause) takes `{ref, result}` for any `ref`: the reply is used, not lost.
        if discarded && takes_any_reply && (in_callback || via_helper.is_some()) {
            continue;
        }
        // A LiveComponent runs in its parent LiveView's process: the reply goes there.
        let in_component = module.is_some_and(|m| {
            super::unsupervised_start::live_kind(file, m) == Some(super::unsupervised_start::Live::Component)
        });
        if discarded && in_component {
            report.add_info(file, &call.ctx, call.node.byte_range(), format!(
                "The task from `{written}` is not kept, and this LiveComponent runs in its parent LiveView's process: the reply (`{{ref, result}}`) and the task's `:DOWN` arrive there, so that LiveView's `handle_info/2` must take them (often handing the result on with `send_update/3`), and a crash in the task takes the view down with it; `Task.Supervisor.async_nolink/2` under {sup} keeps the reply without the link"
            ));
            continue;
        }
        if discarded && module.is_some_and(|m| pool_drains_replies(file, m, def)) {
            report.add_info(file, &call.ctx, call.node.byte_range(), format!(
                "The task from `{written}` is not kept, in a NimblePool callback: it runs in the pool's process, which traps exits (a crash in the task does not take the pool down) and drops the task's reply and `:DOWN`, since this module defines no `handle_info/2`; `Task.start/1`, or `Task.Supervisor.start_child/2` under {sup}, says fire-and-forget more plainly"
            ));
            continue;
        }
        if discarded {
            let message = format!(
                "The task from `{written}` is thrown away: it stays linked to this process (a crash in it takes this process down) and always sends a reply that piles up in the mailbox; for fire-and-forget work use `Task.Supervisor.start_child/2` under {sup}, otherwise keep the task and `Task.await/2` it"
            );
            let fix = (holder == call.expr && !call.piped && !call.via_apply)
                .then(|| fire_and_forget_fix(file, call))
                .flatten();
            let d = report.add(file, &call.ctx, call.node.byte_range(), message);
            if let Some(fix) = fix {
                d.fix(fix);
            }
            continue;
        }
        let var = bound_variable(file, holder);
        let mut escapes = false;
        if let (Some(var), Some(def_id)) = (var, call.ctx.def) {
            let index = indexes
                .entry(def_id)
                .or_insert_with(|| DefIndex::build(file, def));
            let vars = index.aliases(var);
            if index.is_awaited(&vars) {
                continue;
            }
            escapes = index.escapes(&vars);
            if !escapes {
                let await_call = if holder == call.expr {
                    format!("Task.await({var})")
                } else {
                    format!("Task.await_many({var})")
                };
                let message = format!(
                    "`{written}` is bound to `{var}` but `{var}` is never awaited in `{}/{}`: the reply message and the task's `:DOWN` stay in the mailbox and a crash still takes this process down; call `{await_call}` (or `Task.yield/2` + `Task.shutdown/2`), or use `Task.Supervisor.start_child/2` under {sup} if the result is not needed",
                    def.name, def.arity
                );
                report.add(file, &call.ctx, call.node.byte_range(), message);
                continue;
            }
        }
        if let Some(callback) = via_helper {
            // The helper hands the task back; only a module that neither awaits a task
            // anywhere nor matches `{ref, result}` surely loses the reply.
            if handles_replies || module.is_some_and(|m| awaits_anywhere(file, m)) {
                continue;
            }
            let (behaviour, _, short) = reply_clause_words(module);
            let module = module.map(|m| m.name.as_str()).unwrap_or("this module");
            let message = format!(
                "`{written}` in `{}/{}`, which the {behaviour} callback `{}/{}` calls, starts a task that `{module}` never awaits and whose `{{ref, result}}` reply no {short} clause matches: the reply arrives as a message nothing expects; add that clause (calling `Process.demonitor(ref, [:flush])`) and start the task with `Task.Supervisor.async_nolink/2` under {sup} so its crash does not take the server down",
                def.name, def.arity, callback.name, callback.arity
            );
            report.add(file, &call.ctx, call.node.byte_range(), message);
            continue;
        }
        if !in_callback || handles_replies {
            continue;
        }
        // Passed to a local helper that may await it: give it the benefit of the doubt.
        if !escapes && var.is_none() && passed_to_local_helper(file, holder, file.module(&call.ctx)) {
            continue;
        }
        let (behaviour, clause, _) = reply_clause_words(module);
        let module = module.map(|m| m.name.as_str()).unwrap_or("this module");
        let message = format!(
            "`{written}` is started in the {behaviour} callback `{}/{}` but `{module}` has no {clause}: the task's reply arrives as a message nothing matches; add that clause (calling `Process.demonitor(ref, [:flush])`) and start the task with `Task.Supervisor.async_nolink/2` under {sup} so its crash does not take the server down",
            def.name, def.arity
        );
        report.add(file, &call.ctx, call.node.byte_range(), message);
    }
}

/// `Task.async(f)` → `Task.Supervisor.start_child(App.TaskSupervisor, f)`, with a
/// Task.Supervisor the project defines (no fix without one);
/// `Task.Supervisor.async(sup, f)` → `Task.Supervisor.start_child(sup, f)`.
fn fire_and_forget_fix(file: &File, call: &Call) -> Option<Fix> {
    let title = "Start it as a fire-and-forget supervised task";
    if call.in_module("Task") {
        let first = call.arg(0)?;
        let at = call.target.start_byte();
        let start_child = file.remote_call_text(
            &call.ctx,
            at,
            "Task.Supervisor",
            "start_child",
            call.arity + 1,
        )?;
        // The engine fills in the project's supervisor name (or drops the fix).
        let sup_text = supervisors::code(supervisors::Kind::Task);
        return Some(Fix::unsafe_(
            format!(
                "{title} under {}",
                supervisors::prose(supervisors::Kind::Task)
            ),
            vec![
                Edit::replace(call.target.byte_range(), start_child),
                Edit::insert(first.start_byte(), format!("{sup_text}, ")),
            ],
        ));
    }
    // Task.Supervisor.async/3,5 take options that start_child reads differently.
    if !matches!(call.arity, 2 | 4) {
        return None;
    }
    let name = ast::field(call.target, grammar().fields.right)?;
    Some(Fix::unsafe_(
        title,
        vec![Edit::replace(name.byte_range(), "start_child")],
    ))
}

/// The node whose value holds the task: the call itself, a list literal around it,
/// or the `Enum.map`/`for` whose fn returns it.
fn value_holder<'t>(file: &File<'t>, call: &Call<'t>) -> Node<'t> {
    let k = &grammar().kinds;
    let mut node = call.expr;
    for _ in 0..8 {
        let Some(parent) = file.parent(node) else {
            break;
        };
        if parent.kind_id() == k.list {
            node = parent;
            continue;
        }
        if !is_last_statement(node) {
            break;
        }
        if let Some(owner) = mapping_owner(file, parent) {
            node = owner;
            continue;
        }
        break;
    }
    node
}

/// The last expression of a fn given to `Enum.each`/`Stream.each`: its value is dropped.
fn in_each_fn(file: &File, holder: Node) -> bool {
    let k = &grammar().kinds;
    if !is_last_statement(holder) {
        return false;
    }
    let owner = holder
        .parent()
        .filter(|b| b.kind_id() == k.body)
        .and_then(|b| file.parent(b))
        .and_then(|stab| file.parent(stab))
        .filter(|f| f.kind_id() == k.anonymous_function)
        .and_then(|f| file.parent(f))
        .filter(|a| a.kind_id() == k.arguments)
        .and_then(|a| file.parent(a));
    owner
        .and_then(|o| call_at(file, o))
        .is_some_and(|c| c.is("Enum", "each") || c.is("Stream", "each"))
}

fn is_last_statement(node: Node) -> bool {
    let mut next = node.next_named_sibling();
    while let Some(n) = next {
        if n.kind_id() != grammar().kinds.comment {
            return false;
        }
        next = n.next_named_sibling();
    }
    true
}

/// `parent` is the body of a fn given to `Enum.map`/`Stream.map`/`Enum.flat_map`, or of a
/// `for`: the expression that collects the results.
fn mapping_owner<'t>(file: &File<'t>, parent: Node<'t>) -> Option<Node<'t>> {
    let k = &grammar().kinds;
    if parent.kind_id() == k.body {
        let stab = file.parent(parent)?;
        let func = file.parent(stab)?;
        if func.kind_id() != k.anonymous_function {
            return None;
        }
        let args = file.parent(func)?;
        if args.kind_id() != k.arguments {
            return None;
        }
        let owner = call_at(file, file.parent(args)?)?;
        let maps = owner.is_any("Enum", &["map", "flat_map"]) || owner.is("Stream", "map");
        return maps.then_some(owner.expr);
    }
    let for_call = if parent.kind_id() == k.do_block {
        file.parent(parent)
    } else if parent.kind_id() == k.pair {
        // `for x <- xs, do: ...`
        file.parent(parent).and_then(|kw| file.parent(kw)).and_then(|a| file.parent(a))
    } else {
        None
    }?;
    (ast::local_call_name(for_call, file.src) == Some("for")).then_some(for_call)
}

fn call_at<'a, 't>(file: &'a File<'t>, node: Node<'t>) -> Option<&'a Call<'t>> {
    file.calls_within(node).find(|c| c.node == node)
}

/// A call that consumes tasks: a Task awaiter, or an `Enum`/`Stream` call or `for`
/// whose fn awaits (`Enum.map(tasks, &Task.await/1)`).
fn is_consuming(file: &File, call: &Call) -> bool {
    is_awaiter(call) || (is_mapping(call) && file.calls_within(call.node).any(is_awaiter))
}

/// `Task.await(Task.async(f))`, `Task.async(f) |> Task.await()`,
/// `Task.await_many([Task.async(f), ...])`.
fn is_consumed_in_place(file: &File, holder: Node) -> bool {
    let k = &grammar().kinds;
    let Some(parent) = file.parent(holder) else {
        return false;
    };
    let owner = if parent.kind_id() == k.arguments {
        file.parent(parent)
    } else if ast::is_binary_op(parent, file.src, "|>")
        && ast::field(parent, grammar().fields.left) == Some(holder)
    {
        ast::field(parent, grammar().fields.right)
    } else {
        None
    };
    owner
        .and_then(|o| call_at(file, o))
        .is_some_and(|c| is_consuming(file, c))
}

/// `task = <holder>`: the variable.
fn bound_variable<'t>(file: &File<'t>, holder: Node<'t>) -> Option<&'t str> {
    let parent = file.parent(holder)?;
    if !ast::is_binary_op(parent, file.src, "=")
        || ast::field(parent, grammar().fields.right) != Some(holder)
    {
        return None;
    }
    let left = ast::field(parent, grammar().fields.left)?;
    (left.kind_id() == grammar().kinds.identifier && !file.text(left).starts_with('_'))
        .then(|| file.text(left))
}

/// What one function body says about variables, computed once per function: where
/// each variable occurs, what is bound from what, and which calls consume tasks.
struct DefIndex<'t> {
    /// Start bytes of each identifier, in source order.
    occurrences: HashMap<&'t str, Vec<usize>>,
    /// `name = right`: the right side's byte range.
    bindings: Vec<(&'t str, Range<usize>)>,
    /// Argument ranges of Task awaiters, and of `Enum`/`Stream`/`for` calls around one.
    consumers: Vec<Vec<Range<usize>>>,
    /// Argument ranges of calls to the module's own functions.
    own_calls: Vec<Vec<Range<usize>>>,
    /// The function's last expression.
    last: Option<Range<usize>>,
}

impl<'t> DefIndex<'t> {
    fn build(file: &File<'t>, def: &Def<'t>) -> Self {
        let k = &grammar().kinds;
        let mut occurrences: HashMap<&'t str, Vec<usize>> = HashMap::new();
        let mut bindings = Vec::new();
        for n in ast::descendants(def.node) {
            if n.kind_id() == k.identifier {
                occurrences.entry(file.text(n)).or_default().push(n.start_byte());
            } else if ast::is_binary_op(n, file.src, "=")
                && let (Some(l), Some(r)) = (
                    ast::field(n, grammar().fields.left),
                    ast::field(n, grammar().fields.right),
                )
                && l.kind_id() == k.identifier
            {
                bindings.push((file.text(l), r.byte_range()));
            }
        }
        let calls: Vec<&Call<'t>> = file.calls_within(def.node).collect();
        let awaiter_starts: Vec<usize> = calls
            .iter()
            .filter(|c| is_awaiter(c))
            .map(|c| c.node.start_byte())
            .collect();
        let own = file.module(&Ctx {
            module: def.module,
            ..Ctx::default()
        });
        let arg_ranges = |c: &Call| c.args.iter().map(|a| a.byte_range()).collect::<Vec<_>>();
        let mut consumers = Vec::new();
        let mut own_calls = Vec::new();
        for c in &calls {
            if is_awaiter(c) {
                consumers.push(arg_ranges(c));
            } else if is_mapping(c) {
                // `Enum.map(tasks, &Task.await/1)`, `for t <- tasks, do: Task.await(t)`.
                let r = c.node.byte_range();
                let i = awaiter_starts.partition_point(|&s| s < r.start);
                if awaiter_starts.get(i).is_some_and(|&s| s < r.end) {
                    consumers.push(arg_ranges(c));
                }
            }
            if is_own_function(own, c) {
                own_calls.push(arg_ranges(c));
            }
        }
        let last = def.body.and_then(|body| {
            if body.kind_id() == k.do_block {
                ast::statements(body)
                    .filter(|n| !ast::is_trailing_block(*n))
                    .last()
                    .map(|n| n.byte_range())
            } else {
                Some(body.byte_range())
            }
        });
        DefIndex {
            occurrences,
            bindings,
            consumers,
            own_calls,
            last,
        }
    }

    /// Does any of `vars` occur inside `range`?
    fn mentions(&self, vars: &[&str], range: &Range<usize>) -> bool {
        vars.iter().any(|v| {
            self.occurrences.get(v).is_some_and(|pos| {
                let i = pos.partition_point(|&p| p < range.start);
                pos.get(i).is_some_and(|&p| p < range.end)
            })
        })
    }

    /// `var` and the variables later bound from expressions that mention it
    /// (`tasks = [task | tasks]`, `state = %{state | task: task}`).
    fn aliases(&self, var: &'t str) -> Vec<&'t str> {
        let mut vars = vec![var];
        loop {
            let before = vars.len();
            for (name, right) in &self.bindings {
                if !vars.contains(name) && self.mentions(&vars, right) {
                    vars.push(name);
                }
            }
            if vars.len() == before {
                return vars;
            }
        }
    }

    fn is_awaited(&self, vars: &[&str]) -> bool {
        self.consumers
            .iter()
            .any(|args| args.iter().any(|a| self.mentions(vars, a)))
    }

    /// Returned from the function (in its last expression) or handed to a helper of the
    /// module, which may await it.
    fn escapes(&self, vars: &[&str]) -> bool {
        self.last.as_ref().is_some_and(|l| self.mentions(vars, l))
            || self
                .own_calls
                .iter()
                .any(|args| args.iter().any(|a| self.mentions(vars, a)))
    }
}

fn is_mapping(call: &Call) -> bool {
    call.in_module("Enum")
        || call.in_module("Stream")
        || (call.local && call.module.is_none() && call.name == "for")
}

/// A call to a function of the enclosing module (`helper(x)`, `__MODULE__.helper(x)`).
fn is_own_function(own: Option<&Module>, c: &Call) -> bool {
    let Some(m) = own else {
        return false;
    };
    let local = c.local && c.module.is_none() && !c.dynamic;
    (local || c.module.as_deref() == Some(m.name.as_str())) && m.defines(c.name, c.arity)
}

fn passed_to_local_helper(file: &File, holder: Node, own: Option<&Module>) -> bool {
    let Some(args) = file.parent(holder).filter(|p| p.kind_id() == grammar().kinds.arguments) else {
        return false;
    };
    file.parent(args)
        .and_then(|o| call_at(file, o))
        .is_some_and(|c| is_own_function(own, c))
}

/// The GenServer callback that calls the private function `helper`, directly or
/// through other private functions of the module.
fn calling_callback<'a, 't>(
    file: &'a File<'t>,
    module: &'a Module<'t>,
    helper: &Def<'t>,
) -> Option<&'a Def<'t>> {
    let defs: Vec<&Def<'t>> = module.defs.iter().map(|&d| &file.defs[d as usize]).collect();
    let calls = |caller: &Def<'t>, callee: (&str, usize)| {
        file.calls_within(caller.node).any(|c| {
            is_own_function(Some(module), c) && (c.name, c.arity) == callee
        })
    };
    // Breadth-first from the helper up through its private callers.
    let mut targets: Vec<(&str, usize)> = vec![(helper.name, helper.arity)];
    let mut seen = targets.clone();
    while let Some(target) = targets.pop() {
        for d in &defs {
            if !calls(d, target) {
                continue;
            }
            if is_process_callback(module, d) {
                return Some(d);
            }
            if d.kind == "defp" && !seen.contains(&(d.name, d.arity)) {
                seen.push((d.name, d.arity));
                targets.push((d.name, d.arity));
            }
        }
    }
    None
}

/// Does the module await, yield, shut down or ignore some task anywhere?
fn awaits_anywhere(file: &File, module: &Module) -> bool {
    file.calls_within(module.node).any(|c| {
        is_awaiter(c) && c.ctx.module == module_id(file, module)
    })
}

fn module_id(file: &File, module: &Module) -> Option<Id> {
    file.modules
        .iter()
        .position(|m| std::ptr::eq(m, module))
        .map(|i| i as Id)
}

/// How the messages name the server kind and the clause that would take the reply
/// (in full, and short).
fn reply_clause_words(module: Option<&Module>) -> (&'static str, &'static str, &'static str) {
    match module {
        Some(m) if !m.is_genserver && is_state_machine(m) => (
            "gen_statem",
            "`:info` clause for `{ref, result}` (`handle_event(:info, {ref, result}, state, data)`)",
            "`:info`",
        ),
        _ => ("GenServer", "`handle_info({ref, result}, state)` clause", "`handle_info/2`"),
    }
}

/// A `:gen_statem` module: `use GenStateMachine` (whose default mode is
/// `:handle_event_function`), or one that defines `callback_mode/0`, which
/// `@behaviour :gen_statem` requires.
fn is_state_machine(module: &Module) -> bool {
    module.uses.iter().any(|(u, _)| u == "GenStateMachine") || module.defines("callback_mode", 0)
}

fn is_process_module(module: &Module) -> bool {
    module.is_genserver || is_state_machine(module)
}

/// A callback the server's own process runs: a GenServer callback, or in a
/// `:gen_statem`, `init/1`, `handle_event/4` or a state function (a public
/// function of arity 3).
fn is_process_callback(module: &Module, def: &Def) -> bool {
    if def.is_callback || (module.is_genserver && def.name.starts_with("handle_")) {
        return true;
    }
    is_process_module(module)
        && !module.is_genserver
        && def.kind == "def"
        && matches!((def.name, def.arity), ("init", 1) | ("handle_event", 4) | (_, 3))
}

/// The message pattern of a clause that receives plain messages: `handle_info(msg,
/// state)`, or in a `:gen_statem` `handle_event(:info, msg, state, data)` and
/// `some_state(:info, msg, data)`.
fn info_message_param<'t>(file: &File<'t>, module: &Module, d: &Def<'t>) -> Option<Node<'t>> {
    if d.name == "handle_info" && d.arity == 2 {
        return d.params.first().copied();
    }
    let statem_info = is_state_machine(module)
        && matches!(d.arity, 3 | 4)
        && d.params.first().is_some_and(|p| file.text(*p) == ":info");
    statem_info.then(|| d.params.get(1).copied()).flatten()
}

/// The module's clauses that receive `{ref, result}` (a 2-tuple whose first element
/// is a variable, in `handle_info/2` or a gen_statem `:info` clause), as (does one
/// exist, does one take any reference). The second is false when every such clause
/// ties `ref` to another parameter (`{ref, r}, %{task: %Task{ref: ref}}`): a task
/// whose `%Task{}` was thrown away can never be the one stored there.
fn module_handles_replies(file: &File, module: &Module) -> (bool, bool) {
    let k = &grammar().kinds;
    let mut any = false;
    for &id in &module.defs {
        let d = &file.defs[id as usize];
        let Some(p) = info_message_param(file, module, d) else {
            continue;
        };
        let tuple = if ast::is_binary_op(p, file.src, "=") {
            [grammar().fields.left, grammar().fields.right]
                .iter()
                .filter_map(|f| ast::field(p, *f))
                .find(|n| n.kind_id() == k.tuple)
        } else {
            Some(p).filter(|n| n.kind_id() == k.tuple)
        };
        let Some(reference) = tuple
            .filter(|t| t.named_child_count() == 2)
            .and_then(|t| t.named_child(0))
            .filter(|f| f.kind_id() == k.identifier)
        else {
            continue;
        };
        any = true;
        if is_free_variable(file, d, file.text(reference)) {
            return (true, true);
        }
    }
    (any, false)
}

/// `_ref`, or a variable that occurs once in the clause head: it matches any value.
fn is_free_variable(file: &File, def: &Def, name: &str) -> bool {
    let k = &grammar().kinds;
    name.starts_with('_')
        || def
            .params
            .iter()
            .flat_map(|p| std::iter::once(*p).chain(ast::descendants(*p)))
            .filter(|n| n.kind_id() == k.identifier && file.text(*n) == name)
            .count()
            == 1
}
