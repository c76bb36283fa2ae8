//! `otp/call-timeout`: GenServer call without an explicit timeout. See `call_timeout.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/call-timeout",
    title: "GenServer call without an explicit timeout",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Sometimes,
    default_enabled: true,
    params: &[ParamSpec {
        name: "timeout",
        doc: "Timeout in milliseconds that the fix passes to `GenServer.call/3` and `:gen_server.call/3` (the fix is safe only when it equals the 5000 ms default)",
        default: || ParamValue::Int(DEFAULT_TIMEOUT),
    }],
    credo: &["Foundation.CredoChecks.GenServerTimeout"],
    supersedes: &[],
    guide: include_str!("call_timeout.md"),
    check,
    project: Some(&PROJECT),
};

/// Across files: a client module whose requests another file's server answers at
/// once (the `Registry` façade over a `RegistryImpl` server) gets the same info
/// finding as a server that calls itself.
static PROJECT: ProjectPass = ProjectPass {
    collect,
    conclude,
    encode,
    decode,
    only_retracts: false,
};

/// What `GenServer.call/2` and `:gen_server.call/2` wait when no timeout is given.
const DEFAULT_TIMEOUT: i64 = 5_000;

/// How long a two-argument call waits when the timeout is left out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Implicit {
    /// `GenServer.call/2`, `:gen_server.call/2`: 5000 ms.
    FiveSeconds,
    /// `:gen_statem.call/2`, `GenStateMachine.call/2`: `:infinity`.
    Forever,
}

fn implicit_timeout(call: &Call) -> Option<Implicit> {
    if call.name != "call" || call.arity != 2 || call.dynamic {
        return None;
    }
    match call.module.as_deref()? {
        "GenServer" | ":gen_server" => Some(Implicit::FiveSeconds),
        ":gen_statem" | "GenStateMachine" => Some(Implicit::Forever),
        _ => None,
    }
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    let timeout = report.param_int("timeout");
    let literal = underscored(timeout);
    for call in file.calls_named("call") {
        let Some(implicit) = implicit_timeout(call) else {
            continue;
        };
        if meant_for_tests(file, call) {
            continue;
        }
        let written = call.display(src);
        let message = match implicit {
            Implicit::FiveSeconds => format!(
                "`{written}` uses the implicit 5 000 ms timeout; pass the timeout explicitly (`{literal}`, a `@call_timeout` attribute, or a `timeout` argument of the client function) so how long callers wait is a deliberate choice"
            ),
            Implicit::Forever => format!(
                "`{written}` waits without a limit: gen_statem calls default to `:infinity`, so a stuck state machine hangs the caller with it; pass a bounded timeout such as `{literal}`"
            ),
        };
        let message = if call.capture {
            let name = call.written(src);
            format!("{message} (write the capture as `&{name}(&1, &2, {literal})`)")
        } else if call.via_apply {
            format!("{message} (add it as a third element of the argument list)")
        } else {
            message
        };
        let at_once = (implicit == Implicit::FiveSeconds && !call.capture && !call.via_apply)
            .then(|| answers_at_once(file, call))
            .flatten();
        let message = match at_once {
            Some(how) => at_once_message(&written, "this module's `handle_call/3`", &how.describe(), &literal),
            None if implicit == Implicit::FiveSeconds
                && answers_once_started(file, call).is_some()
                && let Some((head, waits)) = file.module(&call.ctx).and_then(|m| startup_wait(file, m)) =>
            {
                format!(
                    "`{written}` uses the implicit 5 000 ms timeout; this module's `handle_call/3` answers the request at once from its state, but start-up goes on after `init/1` returns, in `{head}`, which waits (`{waits}`), so a call that arrives during start-up exits after 5 s; pass a timeout that covers start-up, or `:infinity` if callers should wait it out"
                )
            }
            None => message,
        };
        // A gen_statem call with no timeout waits for good, but a machine that answers
        // the request from its data at once only hangs its caller when it is stuck.
        let statem_at_once = (implicit == Implicit::Forever && !call.capture && !call.via_apply)
            .then(|| {
                let tag = call.arg(1).and_then(|r| request_tag(file, r))?;
                statem_answers_at_once(file, file.module(&call.ctx)?, tag)
            })
            .flatten();
        let message = match statem_at_once {
            Some(how) => format!(
                "`{written}` waits without a limit (gen_statem calls default to `:infinity`), but this module's state machine {}, so the wait only matters when the machine is stuck; pass a bounded timeout such as `{literal}` if you want one written down",
                how.describe().replace("from its state", "from its data").replace("updates its state", "updates its data")
            ),
            None => message,
        };
        // The client's own timeout travels in the request: writing `5_000` down would
        // keep the mismatch, so the message names the argument and no fix is offered.
        let sent_timeout = (implicit == Implicit::FiveSeconds && at_once.is_none() && statem_at_once.is_none())
            .then(|| timeout_sent_in_request(file, call))
            .flatten();
        let message = match &sent_timeout {
            Some((param, def)) => format!(
                "`{written}` uses the implicit 5 000 ms timeout, but `{def}` takes a `{param}` and sends it in the request: the server may work on it for up to `{param}` while the caller gives up after 5 s; give the call a timeout derived from `{param}`, plus a margin for the reply"
            ),
            None => message,
        };
        // In `terminate/2`, a supervisor's shutdown kills the server after 5 s by
        // default: a 5 s call timeout there never fires, so writing it down is no fix.
        let in_terminate = implicit == Implicit::FiveSeconds
            && at_once.is_none()
            && sent_timeout.is_none()
            && in_default_shutdown_terminate(file, call);
        let message = if in_terminate {
            format!(
                "`{written}` runs in `terminate/2` with the implicit 5 000 ms timeout; when a supervisor stops this server it kills it once the shutdown time has passed (5 000 ms for a worker, as this module's child spec leaves it), so that timeout never fires there; pass a shorter one, leaving time for the rest of the cleanup, or raise `:shutdown` (`use GenServer, shutdown: ...`) if the call may take longer"
            )
        } else {
            message
        };
        // `catch :exit, {:timeout, _} -> {:error, :timeout}` around the call: when the
        // 5 s run out the caller gets that fallback, not an exit, so what is left to
        // ask is only that the wait be written down.
        let caught = (implicit == Implicit::FiveSeconds && !call.capture && !call.via_apply)
            .then(|| timeout_caught(file, call))
            .flatten();
        let message = match caught {
            Some(pattern) => format!(
                "`{written}` uses the implicit 5 000 ms timeout, but `{}` catches the exit it gives (`catch {pattern}`) and returns its fallback, so a slow server costs callers 5 s and that fallback, not a crash; pass `{literal}` (or a `@call_timeout` attribute) so how long they wait is written down",
                file.def(&call.ctx).map_or_else(|| "the code around it".to_string(), |d| format!("{}/{}", d.name, d.arity))
            ),
            None => message,
        };
        let at_once = at_once.is_some() || statem_at_once.is_some() || caught.is_some();
        let d = report.add(file, &call.ctx, call.node.byte_range(), message);
        if at_once {
            d.severity(Severity::Info);
        }
        if sent_timeout.is_none()
            && !in_terminate
            && let Some(fix) = timeout_fix(file, call, implicit, timeout)
        {
            d.fix(fix);
        }
    }
}

/// The catch pattern, as written, of a `catch :exit, {:timeout, _}` (or `:exit, _`,
/// `:exit, reason`) clause of the `try` around the call, or of the function's own
/// `catch` (`def get(name) do GenServer.call(...) catch :exit, {:timeout, _} -> %{}
/// end`), whose clause does not exit again (R45 amqp's clients). Not across a `fn`:
/// its body may run after the `try` is left.
fn timeout_caught<'t>(file: &File<'t>, call: &Call<'t>) -> Option<&'t str> {
    let g = grammar();
    let k = &g.kinds;
    let def = file.def(&call.ctx)?.node;
    let mut child = call.node;
    while let Some(parent) = file.parent(child) {
        if parent.id() == def.id() || parent.kind_id() == k.anonymous_function {
            return None;
        }
        let in_body = ![k.catch_block, k.rescue_block, k.after_block, k.else_block].contains(&child.kind_id());
        if parent.kind_id() == k.do_block && in_body {
            let clauses = ast::named_children(parent)
                .filter(|b| b.kind_id() == k.catch_block)
                .flat_map(ast::named_children)
                .filter(|c| c.kind_id() == k.stab_clause);
            for clause in clauses {
                let Some(left) = ast::field(clause, g.fields.left) else {
                    continue;
                };
                let caught = match ast::named_children(left).collect::<Vec<_>>()[..] {
                    [kind, pattern] => file.text(kind) == ":exit" && catches_timeout(file, pattern),
                    _ => false,
                };
                let exits_again = ast::field(clause, g.fields.right)
                    .and_then(|b| crate::syntax::statements(b).last())
                    .is_some_and(|l| matches!(ast::local_call_name(l, file.src), Some("exit" | "raise" | "reraise" | "throw")));
                if caught && !exits_again {
                    return Some(file.text(left));
                }
            }
        }
        child = parent;
    }
    None
}

/// Does this pattern of a caught exit reason take a call's timeout,
/// `{:timeout, {GenServer, :call, args}}`: `{:timeout, _}`, `_` or a variable?
fn catches_timeout(file: &File, pattern: Node) -> bool {
    let k = &grammar().kinds;
    if pattern.kind_id() == k.identifier {
        return true;
    }
    pattern.kind_id() == k.tuple
        && ast::named_children(pattern).count() == 2
        && pattern.named_child(0).is_some_and(|t| file.text(t) == ":timeout")
}

/// The call is in `terminate/2` of a GenServer whose module sets no `shutdown:` (so a
/// supervisor gives it the worker default of 5 000 ms) (R37 horde's SignalShutdown).
fn in_default_shutdown_terminate(file: &File, call: &Call) -> bool {
    let (Some(def), Some(module)) = (file.def(&call.ctx), file.module(&call.ctx)) else {
        return false;
    };
    def.name == "terminate" && def.arity == 2 && module.is_genserver && !file.text(module.node).contains("shutdown:")
}

/// `def shutdown(runner, timeout \\ nil), do: GenServer.call(runner, {:shutdown,
/// timeout})`: a parameter named `timeout` (or `*_timeout`) of the client function,
/// passed inside the request. The name and `name/arity` of the function.
fn timeout_sent_in_request<'s>(file: &File<'s>, call: &Call) -> Option<(&'s str, String)> {
    let k = &grammar().kinds;
    let def = file.def(&call.ctx)?;
    let request = call.arg(1)?;
    def.params.iter().find_map(|p| {
        let p = if ast::is_binary_op(*p, file.src, "\\\\") { ast::field(*p, grammar().fields.left)? } else { *p };
        let name = file.text(p);
        let named = p.kind_id() == k.identifier && (name == "timeout" || name.ends_with("_timeout"));
        let sent = std::iter::once(request).chain(ast::descendants(request)).any(|n| n.kind_id() == k.identifier && file.text(n) == name);
        (named && sent).then(|| (name, format!("{}/{}", def.name, def.arity)))
    })
}

/// A test helper shipped in `lib/` runs inside a test, where a 5 s exit is the
/// failure you want (and ExUnit's own timeout bounds a hang). So is a test double
/// shipped in `lib/` (`GitHub.ServerMock`, `FakeGateway`), which config selects for
/// tests and local runs, and a module or function documented as meant for tests.
fn meant_for_tests(file: &File, call: &Call) -> bool {
    file.module(&call.ctx).is_some_and(|m| {
        crate::runtime::runs_under_exunit(file, m)
            || crate::runtime::named_as_test_double(&m.name)
            || crate::runtime::documented_for_tests(file, m)
    }) || file.def(&call.ctx).is_some_and(|d| crate::runtime::def_documented_for_tests(file, d))
}

/// Pass the configured timeout as the call's third argument.
fn timeout_fix(file: &File, call: &Call, implicit: Implicit, timeout: i64) -> Option<Fix> {
    let src = file.src;
    let literal = underscored(timeout);
    let mut edits = append_argument(call, src, &literal)?;
    // The call gains an argument: make sure `call/3` still reaches the same module.
    let target = three_argument_target(file, call)?;
    if target != call.written(src) {
        edits.push(Edit::replace(call.target.byte_range(), target));
    }
    let title = format!("Pass `{literal}` as the timeout");
    // Only the documented default keeps a GenServer call's behaviour; a
    // gen_statem call goes from waiting forever to giving up.
    Some(if implicit == Implicit::FiveSeconds && timeout == DEFAULT_TIMEOUT {
        Fix::safe(title, edits)
    } else {
        Fix::unsafe_(title, edits)
    })
}

/// How a handler that answers at once gets its answer.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum AtOnce {
    /// Only reads the state and branches.
    FromState,
    /// Also keeps books that never wait: this call (`Process.monitor/1`).
    Bookkeeping(&'static str),
}

impl AtOnce {
    fn describe(self) -> String {
        match self {
            AtOnce::FromState => "answers this request from its state at once".to_string(),
            AtOnce::Bookkeeping(what) => format!(
                "answers this request at once (besides its state, it only makes calls that do not wait, such as `{what}`)"
            ),
        }
    }
}

fn at_once_message(written: &str, whose: &str, how: &str, literal: &str) -> String {
    format!(
        "`{written}` uses the implicit 5 000 ms timeout, but {whose} {how}, so the 5 s default only matters when the server is busy or stuck (a call to a dead server exits at once); pass `{literal}` if you want the choice written down"
    )
}

#[derive(Debug)]
enum Fact {
    /// `module` has `handle_call/3` clauses for the request (tag, size); `at_once`
    /// says how they answer when they all answer at once.
    /// `needs`: the functions of other modules that the clauses call, which must
    /// wait for nothing too.
    Handles { module: String, tag: String, size: usize, at_once: Option<String>, needs: Vec<Need> },
    /// A function that waits for nothing if each of its `needs` does.
    Pure(PureFunction),
    /// A warning of this file's check on a call its own module's `handle_call/3`
    /// answers at once (`how`) if each of `needs` waits for nothing.
    Pending {
        range: (usize, usize),
        needs: Vec<Need>,
        how: String,
        written: String,
        literal: String,
        scope: String,
        fixes: Vec<Fix>,
    },
    /// A warning of this file's check: an implicit-timeout call from `module` of the
    /// request (tag, size), with what the info finding needs to replace it.
    Implicit {
        range: (usize, usize),
        module: String,
        /// The server module the destination names (`MyApp.Cache`, `@server`, a
        /// `name: __MODULE__` server), when it names one.
        named: Option<String>,
        /// The caller's module has `handle_call/3` clauses of its own (a catch-all
        /// that forwards, say): an unnamed destination may well be itself.
        own_server: bool,
        tag: String,
        size: usize,
        written: String,
        literal: String,
        scope: String,
        fixes: Vec<Fix>,
    },
}

fn collect(file: &File, report: &Report) -> Option<Facts> {
    if file.scope != crate::FileScope::Lib {
        return None;
    }
    let mut facts = Vec::new();
    for (id, module) in file.modules.iter().enumerate() {
        let mut tags: Vec<(&str, usize)> = module
            .defs
            .iter()
            .map(|&d| &file.defs[d as usize])
            .filter(|d| d.name == "handle_call" && d.arity == 3)
            .filter_map(|d| d.params.first().and_then(|p| request_tag(file, *p)))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        // `{@prefix, :ping}` with `@prefix :my_app`: another module may write the request
        // as `{:my_app, :ping}`, whose tag is `:my_app` alone. Such a caller is answered at
        // once only if every request of that shape is.
        let mut resolved: Vec<(String, usize, Option<String>, Vec<Need>)> = Vec::new();
        for tag in tags {
            let (at_once, needs) = match answers_request_at_once(file, module, tag) {
                Some((how, needs)) => (Some(how.describe()), needs),
                None => (None, Vec::new()),
            };
            if let Some(value) = attribute_atom(file, id as crate::model::Id, tag.0) {
                match resolved.iter_mut().find(|(v, n, _, _)| *v == value && *n == tag.1) {
                    Some(seen) => {
                        seen.2 = seen.2.take().and(at_once.clone());
                        seen.3.extend(needs.iter().cloned());
                    }
                    None => resolved.push((value, tag.1, at_once.clone(), needs.clone())),
                }
            }
            facts.push(Fact::Handles { module: module.name.clone(), tag: tag.0.to_string(), size: tag.1, at_once, needs });
        }
        for (tag, size, at_once, needs) in resolved {
            facts.push(Fact::Handles { module: module.name.clone(), tag, size, at_once, needs });
        }
        if !module.quoted {
            facts.extend(pure_functions(file, module).into_iter().map(Fact::Pure));
        }
    }
    // The file's warnings, without its at-once analysis: a call its own module
    // answers at once has `handle_call/3` (or `do_handle_call/3`) clauses there, and
    // `conclude` leaves such a caller alone.
    let timeout = report.param_int("timeout");
    let literal = underscored(timeout);
    for call in file.calls_named("call") {
        if implicit_timeout(call) != Some(Implicit::FiveSeconds) || call.capture || call.via_apply || meant_for_tests(file, call) || timeout_caught(file, call).is_some() {
            continue;
        }
        let (Some(tag), Some(module)) = (call.arg(1).and_then(|r| request_tag(file, r)), file.module(&call.ctx)) else {
            continue;
        };
        let defines = module_defines(file, module);
        // Answered at once by this module if what it calls elsewhere in the project
        // waits for nothing: the file's check could not tell.
        if let Some((how, needs)) = answers_at_once_if_project_pure(file, call) {
            facts.push(Fact::Pending {
                range: (call.node.start_byte(), call.node.end_byte()),
                needs,
                how,
                written: call.display(file.src),
                literal: literal.clone(),
                scope: file.scope_name(&call.ctx),
                fixes: timeout_fix(file, call, Implicit::FiveSeconds, timeout).into_iter().collect(),
            });
        }
        facts.push(Fact::Implicit {
            range: (call.node.start_byte(), call.node.end_byte()),
            module: module.name.clone(),
            named: call.arg(0).and_then(|d| named_module(file, call, d)),
            own_server: defines("handle_call", 3) || defines("do_handle_call", 3),
            tag: tag.0.to_string(),
            size: tag.1,
            written: call.display(file.src),
            literal: literal.clone(),
            scope: file.scope_name(&call.ctx),
            fixes: timeout_fix(file, call, Implicit::FiveSeconds, timeout).into_iter().collect(),
        });
    }
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// A request the caller's own module answers at once, provided the functions of other
/// modules of the project that its clauses call wait for nothing: how it answers (for
/// a message) and those functions, for a project pass to judge with [`pure_set`].
pub(crate) fn answers_at_once_if_project_pure(file: &File, call: &Call) -> Option<(String, Vec<Need>)> {
    if startup_wait(file, file.module(&call.ctx)?).is_some() {
        return None;
    }
    let (how, needs) = answers_once_started_needing(file, call).filter(|(_, needs)| !needs.is_empty())?;
    let (m, f, a) = &needs[0];
    let how = format!(
        "{}, calling only functions of this project that wait for nothing (such as `{}.{f}/{a}`)",
        how.describe(),
        m.rsplit('.').next().unwrap_or(m)
    );
    Some((how, needs))
}

/// `module.name/arity` waits for nothing if each of `needs` does.
#[derive(Debug)]
pub(crate) struct PureFunction {
    module: String,
    name: String,
    arity: usize,
    needs: Vec<Need>,
}

impl PureFunction {
    pub(crate) fn to_json(&self) -> serde_json::Value {
        serde_json::json!(["pure", self.module, self.name, self.arity, self.needs])
    }

    /// From [`PureFunction::to_json`]'s array.
    pub(crate) fn from_json(f: &[serde_json::Value]) -> Option<PureFunction> {
        let text = |i: usize| f.get(i).and_then(|v| v.as_str()).map(str::to_string);
        Some(PureFunction {
            module: text(1)?,
            name: text(2)?,
            arity: f.get(3)?.as_u64()? as usize,
            needs: serde_json::from_value(f.get(4)?.clone()).ok()?,
        })
    }
}

/// The public functions of `module` that wait for nothing, as far as this file can
/// tell (and the functions of other modules they call, which must not either), and
/// the accessors of the records it defines.
pub(crate) fn pure_functions(file: &File, module: &Module) -> Vec<PureFunction> {
    let defines = module_defines(file, module);
    let mut facts: Vec<PureFunction> = Vec::new();
    let mut done: Vec<(&str, usize)> = Vec::new();
    // A `defmacro` counts by its `quote`s (`defmacro log_on_error(do: code), do:
    // quote(do: try(do: unquote(code), rescue: ...))`): what runs is the quoted code
    // around the caller's block, which the caller's own walk judges.
    for def in module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| matches!(d.kind, "def" | "defmacro")) {
        if done.contains(&(def.name, def.arity)) {
            continue;
        }
        done.push((def.name, def.arity));
        let clauses = module
            .defs
            .iter()
            .map(|&d| &file.defs[d as usize])
            .filter(|d| d.name == def.name && d.arity == def.arity)
            .filter_map(|d| d.body);
        let bodies: Vec<Node> = if def.kind == "def" {
            clauses.collect()
        } else {
            clauses
                .flat_map(crate::syntax::descendants)
                .filter(|n| n.kind_id() == grammar().kinds.call && ast::local_call_name(*n, file.src) == Some("quote"))
                .filter_map(crate::syntax::call_do_block)
                .collect()
        };
        if def.kind == "defmacro" && bodies.is_empty() {
            continue;
        }
        let mut walk = Walk::new(vec![(def.name, def.arity)]);
        if bodies.iter().all(|body| waits_for_nothing(file, module, *body, &defines, &mut walk, 1).is_some()) {
            let (_, needs) = walk.finish();
            facts.push(PureFunction { module: module.name.clone(), name: def.name.to_string(), arity: def.arity, needs });
        }
    }
    // `defdelegate all, to: @backend`: as pure as what it delegates to.
    for c in file.calls_named("defdelegate").filter(|c| file.module(&c.ctx).is_some_and(|m| std::ptr::eq(m, module))) {
        if let Some((name, to, target, arity)) = delegation(file, c).filter(|(_, to, _, _)| is_project_module(to)) {
            facts.push(PureFunction { module: module.name.clone(), name, arity, needs: vec![(to, target, arity)] });
        }
    }
    for record in record_names(file, module) {
        for arity in 0..=2 {
            facts.push(PureFunction { module: module.name.clone(), name: record.to_string(), arity, needs: Vec::new() });
        }
    }
    facts
}

/// The functions of the project that wait for nothing: those whose own code does
/// not, and whose calls to other modules reach only such functions.
pub(crate) fn pure_set<'a>(all: &[&'a PureFunction]) -> PureSet<'a> {
    let mut pure = std::collections::HashSet::new();
    loop {
        let before = pure.len();
        for PureFunction { module, name, arity, needs } in all {
            if needs.iter().all(|(m, n, a)| pure.contains(&(m.as_str(), n.as_str(), *a))) {
                pure.insert((module.as_str(), name.as_str(), *arity));
            }
        }
        if pure.len() == before {
            return pure;
        }
    }
}

/// The project's functions that wait for nothing, as (module, name, arity).
pub(crate) type PureSet<'a> = std::collections::HashSet<(&'a str, &'a str, usize)>;

/// Whether every one of `needs` waits for nothing.
pub(crate) fn all_pure(pure: &PureSet, needs: &[Need]) -> bool {
    needs.iter().all(|(m, n, a)| pure.contains(&(m.as_str(), n.as_str(), *a)))
}

/// `"@prefix, :ping"` (a request tag namespaced by an attribute) → `":my_app"` when the
/// module sets `@prefix :my_app`.
fn attribute_atom(file: &File, id: crate::model::Id, tag: &str) -> Option<String> {
    let name = tag.strip_prefix('@')?.split(',').next()?;
    file.attributes
        .iter()
        .find(|(n, _, ctx)| *n == name && ctx.module == Some(id))
        .map(|(_, value, _)| *value)
        .filter(|v| v.kind_id() == grammar().kinds.atom)
        .map(|v| file.text(v).to_string())
}

/// The module a call's destination names: an alias (`MyApp.Cache`), `__MODULE__`, or
/// a module attribute set to one of those (`@server MyApp.Inventory.Server`).
pub(crate) fn named_module(file: &File, call: &Call, dest: Node) -> Option<String> {
    let k = &grammar().kinds;
    let mut node = dest;
    if node.kind_id() == k.unary_operator && ast::operator(node, file.src) == "@" {
        let name = ast::field(node, grammar().fields.operand)
            .filter(|o| o.kind_id() == k.identifier)
            .map(|o| file.text(o))?;
        node = file
            .attributes
            .iter()
            .rev()
            .find(|(n, v, ctx)| *n == name && ctx.module == call.ctx.module && v.start_byte() < call.node.start_byte())
            .map(|(_, v, _)| *v)?;
    }
    let text = file.text(node);
    if text == "__MODULE__" {
        return file.module(&call.ctx).map(|m| m.name.clone());
    }
    (node.kind_id() == k.alias).then(|| file.module_at(text, node.start_byte()))
}

/// A warning whose request every module of the project that handles it (one at
/// least, not the caller's, and the one the destination names if it names one)
/// answers at once: info, naming those modules.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &Fact)> = each_fact(facts);
    let functions: Vec<&PureFunction> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::Pure(p) => Some(p),
            _ => None,
        })
        .collect();
    let pure = pure_set(&functions);
    let waits_for_nothing = |needs: &[Need]| all_pure(&pure, needs);
    for (file, f) in &all {
        if let Fact::Pending { range, needs, how, written, literal, scope, fixes } = f
            && waits_for_nothing(needs)
        {
            report.retract(*file, range.0);
            let d = report.add(*file, range.0..range.1, at_once_message(written, "this module's `handle_call/3`", how, literal), scope.clone());
            d.severity(Severity::Info);
            for fix in fixes {
                d.fix(fix.clone());
            }
        }
        let Fact::Implicit { range, module, named, own_server, tag, size, written, literal, scope, fixes } = f else {
            continue;
        };
        if *own_server && named.is_none() {
            continue;
        }
        let handlers: Vec<(&String, Option<&String>)> = all
            .iter()
            .filter_map(|(_, g)| match g {
                Fact::Handles { module: m, tag: t, size: s, at_once, needs } if t == tag && s == size => {
                    Some((m, at_once.as_ref().filter(|_| waits_for_nothing(needs))))
                }
                _ => None,
            })
            .collect();
        // Every server that takes the request answers it at once (`:members` of both a
        // registry and a supervisor), and the caller's own module is none of them
        // (its file's check already judged that case).
        let Some((_, Some(how))) = handlers.first() else {
            continue;
        };
        // A destination that names its server (`@server`) must name the one found: the
        // same request tag in an unrelated module says nothing of it.
        if handlers.iter().any(|(m, at_once)| at_once.is_none() || *m == module || named.as_ref().is_some_and(|n| n != *m)) {
            continue;
        }
        let whose = match handlers.as_slice() {
            [(server, _)] => format!("`{server}`'s `handle_call/3`"),
            many => format!(
                "each `handle_call/3` that takes this request ({})",
                many.iter().map(|(m, _)| format!("`{m}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        report.retract(*file, range.0);
        let d = report.add(*file, range.0..range.1, at_once_message(written, &whose, how, literal), scope.clone());
        d.severity(Severity::Info);
        for fix in fixes {
            d.fix(fix.clone());
        }
    }
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let facts = facts.downcast_ref::<Vec<Fact>>()?;
    Some(serde_json::Value::Array(
        facts
            .iter()
            .map(|f| match f {
                Fact::Handles { module, tag, size, at_once, needs } => serde_json::json!(["handles", module, tag, size, at_once, needs]),
                Fact::Pure(p) => p.to_json(),
                Fact::Pending { range, needs, how, written, literal, scope, fixes } => {
                    serde_json::json!(["pending", range.0, range.1, needs, how, written, literal, scope, fixes])
                }
                Fact::Implicit { range, module, named, own_server, tag, size, written, literal, scope, fixes } => serde_json::json!([
                    "implicit", range.0, range.1, module, tag, size, written, literal, scope, fixes, named, own_server
                ]),
            })
            .collect(),
    ))
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let mut facts = Vec::new();
    for f in value.as_array()? {
        let f = f.as_array()?;
        let text = |i: usize| f.get(i).and_then(|v| v.as_str()).map(str::to_string);
        let number = |i: usize| f.get(i).and_then(|v| v.as_u64()).map(|n| n as usize);
        facts.push(match f.first()?.as_str()? {
            "handles" => Fact::Handles {
                module: text(1)?,
                tag: text(2)?,
                size: number(3)?,
                at_once: text(4),
                needs: serde_json::from_value(f.get(5)?.clone()).ok()?,
            },
            "pure" => Fact::Pure(PureFunction::from_json(f)?),
            "pending" => Fact::Pending {
                range: (number(1)?, number(2)?),
                needs: serde_json::from_value(f.get(3)?.clone()).ok()?,
                how: text(4)?,
                written: text(5)?,
                literal: text(6)?,
                scope: text(7)?,
                fixes: serde_json::from_value(f.get(8)?.clone()).ok()?,
            },
            "implicit" => Fact::Implicit {
                range: (number(1)?, number(2)?),
                module: text(3)?,
                tag: text(4)?,
                size: number(5)?,
                written: text(6)?,
                literal: text(7)?,
                scope: text(8)?,
                fixes: serde_json::from_value(f.get(9)?.clone()).ok()?,
                named: text(10),
                own_server: f.get(11)?.as_bool()?,
            },
            _ => return None,
        });
    }
    Some(Box::new(facts))
}

/// The request (`:get_items`, `{:get_item, id}`) is one the enclosing module answers
/// itself, and every `handle_call/3` clause for it replies at once from the state:
/// `{:reply, value, state}` with no call but reading it (a field, `Map`, `Keyword`,
/// `Enum`, `:ets` lookups) and branching, or bookkeeping that never waits
/// (`Process.monitor/1`, `MapSet.put/2`).
pub(crate) fn answers_at_once(file: &File, call: &Call) -> Option<AtOnce> {
    let module = file.module(&call.ctx)?;
    if startup_wait(file, module).is_some() {
        // A call that comes while the server is still starting waits behind that work.
        return None;
    }
    answers_once_started(file, call)
}

/// [`answers_at_once`] for a server that has finished starting.
pub(crate) fn answers_once_started(file: &File, call: &Call) -> Option<AtOnce> {
    answers_once_started_needing(file, call).and_then(on_its_own)
}

/// [`answers_once_started`], also when the clauses call functions of other modules
/// of the project: those, for `conclude` to judge.
fn answers_once_started_needing(file: &File, call: &Call) -> Option<(AtOnce, Vec<Need>)> {
    let tag = call.arg(1).and_then(|r| request_tag(file, r))?;
    answers_request_at_once(file, file.module(&call.ctx)?, tag)
}

/// The deferred half of `init/1` holding the server: `init/1` returns `{:continue,
/// tag}` and that `handle_continue/2` clause (or a helper of it) blocks (`Task.await`,
/// a `GenServer.call`, a `receive`, a sleep, a function named `await*`). Every request
/// sent meanwhile queues behind it, however quickly its own clause answers. Returns
/// the clause's head and the call that blocks.
pub(crate) fn startup_wait(file: &File, module: &Module) -> Option<(String, String)> {
    let defs = || module.defs.iter().map(|&d| &file.defs[d as usize]);
    let continues_from_init = defs()
        .filter(|d| d.name == "init" && d.arity == 1)
        .filter_map(|d| d.body)
        .any(|b| file.text(b).contains(":continue"));
    if !continues_from_init {
        return casts_to_self_from_init(file, module);
    }
    // A server started without a name whose start-up ends by handing `self()` to
    // another process is reachable only from then on: no call can queue behind it.
    let named = defs()
        .filter(|d| matches!(d.name, "start_link" | "start"))
        .any(|d| file.text(d.node).contains("name:"));
    let continued = defs().filter(|d| d.name == "handle_continue" && d.arity == 2).find_map(|d| {
        if !named && publishes_self_last(file, d.body?) {
            return None;
        }
        let waits = blocking_call(file, module, d.body?, &mut Vec::new(), 0)?;
        let tag = d.params.first().map_or("_", |p| file.text(*p));
        Some((format!("handle_continue({tag}, state)"), waits))
    });
    continued.or_else(|| casts_to_self_from_init(file, module))
}

/// The older way to defer start-up work: `init/1` casts (or sends) a message to
/// itself, `GenServer.cast(self(), {:start_group_members})`, and the `handle_cast/2`
/// (or `handle_info/2`) clause for it blocks. A call that comes meanwhile queues
/// behind it just the same (R36 kaffe: a retry loop of up to 30 s).
fn casts_to_self_from_init(file: &File, module: &Module) -> Option<(String, String)> {
    let defs = || module.defs.iter().map(|&d| &file.defs[d as usize]);
    let init = defs().find(|d| d.name == "init" && d.arity == 1)?;
    file.calls_within(init.body?).find_map(|c| {
        let (handler, message) = match (c.module.as_deref(), c.name) {
            (Some("GenServer"), "cast") => ("handle_cast", c.arg(1)?),
            (Some("Kernel" | "Process"), "send") => ("handle_info", c.arg(1)?),
            _ => return None,
        };
        if !c.arg(0).is_some_and(|to| ast::is_self_call(to, file.src)) {
            return None;
        }
        let message = file.text(message);
        defs()
            .filter(|d| d.name == handler && d.arity == 2)
            .filter(|d| d.params.first().is_some_and(|p| file.text(*p) == message))
            .find_map(|d| {
                let waits = blocking_call(file, module, d.body?, &mut Vec::new(), 0)?;
                Some((format!("{handler}({message}, state)"), waits))
            })
    })
}

/// `Voice.update_voice_async(voice, session_pid: self())` (or a send or cast carrying
/// `self()`, or `Registry.register/3`) as the statement before the clause's result:
/// the server tells others where it is only once it has started.
fn publishes_self_last(file: &File, body: Node) -> bool {
    let statements: Vec<Node> = ast::statements(body).filter(|s| s.kind_id() != grammar().kinds.comment).collect();
    let Some(&[publish, _result]) = statements.len().checked_sub(2).map(|i| &statements[i..]) else {
        return false;
    };
    file.calls_within(publish).any(|c| {
        let registers = c.module.as_deref() == Some("Registry") && c.name == "register";
        let hands_self = c.module.as_deref() != Some("Logger")
            && c.args.iter().any(|a| std::iter::once(*a).chain(ast::descendants(*a)).any(|n| ast::is_self_call(n, file.src)));
        registers || hands_self
    })
}

/// The first call in `body` (or in the module's helpers it calls, two levels deep) that
/// blocks the process until something else happens.
fn blocking_call<'t>(file: &File<'t>, module: &Module, body: Node, seen: &mut Vec<(&'t str, usize)>, depth: u32) -> Option<String> {
    // A call in a task's or spawned `fn` waits in that process, not the server's (R44
    // blockscout: a `GenServer.call` back to the server from the stream task its
    // start-up starts).
    for c in file.calls_within(body).filter(|c| !c.ctx.other_process) {
        let blocks = match c.module.as_deref() {
            Some("Task") => c.name.starts_with("await") || c.name.starts_with("yield"),
            Some("GenServer" | ":gen_server" | ":gen_statem" | "GenStage") => c.name == "call",
            // A cool-off right before `{:stop, ...}` ends start-up: a call queued
            // behind it exits with the stop reason, not by timing out (R46 nerves_ssh).
            Some("Process" | ":timer") => c.name == "sleep" && !cools_off_before_stop(file, c),
            // Another module of the project, in the work `init/1` deferred, whose
            // function is named for reading a store or reaching a peer
            // (`EventStore.read_snapshot/2`, `Repo.load_all/1`, `Conn.connect/1`).
            Some(m) if is_project_module(m) && !m.starts_with(&format!("{}.", module.name)) => {
                !c.capture && reads_store_or_peer(c.name)
            }
            Some(_) => c.name.starts_with("await"),
            // `retry with: exponential_backoff() do ... end`: the `retry` library's
            // macro sleeps between attempts.
            None if c.name == "retry" => c.do_block.is_some() && file.src.contains("Retry"),
            // The same names through a module the state or config holds
            // (`adapter.open_connection(config)`, R40 ex_rabbit_pool); a field read
            // (`config.connect_timeout`) has no arguments and is not one.
            None if c.dynamic => !c.capture && c.arguments.is_some() && reads_store_or_peer(c.name),
            None => c.name == "receive" || c.name.starts_with("await"),
        };
        if blocks {
            return Some(c.display(file.src));
        }
        if c.module.is_none() && c.local && !c.dynamic && depth < 2 && !seen.contains(&(c.name, c.arity)) {
            seen.push((c.name, c.arity));
            let helpers = module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.name == c.name && d.arity == c.arity);
            for body in helpers.filter_map(|h| h.body) {
                if let Some(found) = blocking_call(file, module, body, seen, depth + 1) {
                    return Some(found);
                }
            }
        }
    }
    None
}

/// `Process.sleep(@cool_off)` whose next statement is the `{:stop, reason, state}` the
/// clause returns.
fn cools_off_before_stop(file: &File, sleep: &Call) -> bool {
    let k = &grammar().kinds;
    ast::next_statement(sleep.expr)
        .is_some_and(|n| n.kind_id() == k.tuple && n.named_child(0).is_some_and(|a| file.text(a) == ":stop") && ast::next_statement(n).is_none())
}

/// A function name that says it reads a store or reaches (or opens a link to) another
/// party, or runs a database's migrations (`Migrations.run_migrations/1`, R37 realtime).
fn reads_store_or_peer(name: &str) -> bool {
    ["read", "fetch", "load", "query", "connect", "open", "download", "request", "migrate"]
        .iter()
        .any(|verb| name.strip_prefix(verb).is_some_and(|rest| rest.is_empty() || rest.starts_with(['_', '!'])))
        || name.split('_').any(|word| word == "migrations")
}

/// A module of the project: neither Erlang's, nor one of Elixir's (runtime or data,
/// such as `Keyword.fetch!/2`), nor a known library's whose functions the engine knows.
pub(crate) fn is_project_module(m: &str) -> bool {
    !m.starts_with(':') && !crate::resolve::exports_known(m) && !crate::runtime::is_elixir_module(m)
}

/// Whether `module`'s `handle_call/3` clauses for the request `tag` all reply at once.
fn answers_request_at_once(file: &File, module: &Module, tag: (&str, usize)) -> Option<(AtOnce, Vec<Need>)> {
    let clauses_of = |name: &str| -> Vec<&Def> {
        module
            .defs
            .iter()
            .map(|&d| &file.defs[d as usize])
            .filter(|d| d.name == name && d.arity == 3)
            .filter(|d| d.params.first().and_then(|p| request_tag(file, *p)) == Some(tag))
            .collect()
    };
    // `def handle_call(msg, from, state), do: log_errors(fn -> do_handle_call(msg, from,
    // state) end)`: the clauses for the request are the helper's.
    let mut clauses = clauses_of("handle_call");
    if clauses.is_empty() {
        clauses = clauses_of("do_handle_call");
    }
    every_clause_replies_at_once(file, module, &clauses, ":noreply")
}

/// Every one of `clauses` (at least one) replies, with no `deferral` (`:noreply`,
/// `:postpone`) and no `:stop`, and waits for nothing.
fn every_clause_replies_at_once(file: &File, module: &Module, clauses: &[&Def], deferral: &str) -> Option<(AtOnce, Vec<Need>)> {
    if clauses.is_empty() {
        return None;
    }
    let defines = module_defines(file, module);
    let mut walk = Walk::new(Vec::new());
    for d in clauses {
        let body = d.body?;
        let text = file.text(body);
        let replies = (text.contains(":reply") || replies_through_helper(file, module, body, deferral))
            && !text.contains(deferral)
            && !text.contains(":stop");
        let stops = !replies && !replies_first(file, d, body);
        if stops && !stops_with_reply(file, body, deferral) {
            return None;
        }
        waits_for_nothing(file, module, body, &defines, &mut walk, 0)?;
        if stops {
            // gen_server runs `terminate/2` before it sends a stop's reply.
            let terminate = module.defs.iter().map(|&t| &file.defs[t as usize]).filter(|t| t.name == "terminate" && t.arity == 2);
            for body in terminate.filter_map(|t| t.body) {
                waits_for_nothing(file, module, body, &defines, &mut walk, 0)?;
            }
        }
    }
    Some(walk.finish())
}

/// The clause ends the server with a reply (`{:stop, reason, reply, state}`), and every
/// `:stop` tuple in it carries one: the caller gets its answer before the server goes.
fn stops_with_reply(file: &File, body: Node, deferral: &str) -> bool {
    let k = &grammar().kinds;
    if file.text(body).contains(deferral) {
        return false;
    }
    let stops: Vec<Node> = std::iter::once(body)
        .chain(crate::syntax::descendants(body))
        .filter(|n| n.kind_id() == k.tuple)
        .filter(|n| n.named_child(0).is_some_and(|a| a.kind_id() == k.atom && file.text(a) == ":stop"))
        .collect();
    !stops.is_empty() && stops.iter().all(|t| ast::named_children(*t).count() == 4)
}

/// The clause's first statements answer the caller with `GenServer.reply(from, value)`,
/// unconditionally, before it returns `{:noreply, ...}` or `{:stop, ...}`: the caller
/// waits only for what comes before the reply, which `waits_for_nothing` still judges.
fn replies_first(file: &File, def: &Def, body: Node) -> bool {
    let Some(from) = def.params.get(1).map(|p| file.text(*p)) else {
        return false;
    };
    let k = &grammar().kinds;
    let statements: Vec<Node> = if body.kind_id() == k.do_block {
        crate::syntax::statements(body).collect()
    } else {
        vec![body]
    };
    statements.iter().any(|s| {
        file.calls_within(*s).any(|c| {
            c.node.id() == s.id()
                && matches!(c.module.as_deref(), Some("GenServer" | ":gen_server"))
                && c.name == "reply"
                && c.arg(0).is_some_and(|a| file.text(a) == from)
        })
    })
}

/// The clause ends in a private helper of the module that builds the reply
/// (`state |> Map.fetch(key) |> reply(state, key)`), every clause of which returns a
/// `:reply` tuple, with no deferral and no `:stop`.
fn replies_through_helper(file: &File, module: &Module, body: Node, deferral: &str) -> bool {
    let k = &grammar().kinds;
    let Some(last) = (if body.kind_id() == k.do_block { crate::syntax::statements(body).last() } else { Some(body) }) else {
        return false;
    };
    let last = if crate::syntax::is_binary_op(last, file.src, "|>") {
        crate::syntax::field(last, grammar().fields.right).unwrap_or(last)
    } else {
        last
    };
    let Some(name) = file.calls_within(last).find(|c| c.node == last && c.local && c.module.is_none()).map(|c| c.name) else {
        return false;
    };
    let mut helpers = module.defs.iter().map(|&d| &file.defs[d as usize]).filter(|d| d.kind == "defp" && d.name == name).peekable();
    helpers.peek().is_some()
        && helpers.all(|h| {
            h.body.is_some_and(|b| {
                let text = file.text(b);
                text.contains(":reply") && !text.contains(deferral) && !text.contains(":stop")
            })
        })
}

/// Whether `module` defines `name/arity`.
fn module_defines<'a>(file: &'a File, module: &'a Module) -> impl Fn(&str, usize) -> bool + 'a {
    move |name, arity| {
        module
            .defs
            .iter()
            .any(|&d| file.defs[d as usize].name == name && file.defs[d as usize].arity == arity)
    }
}

/// The gen_statem form: every clause for the request, `handle_event({:call, from},
/// request, state, data)` or a state function `state({:call, from}, request, data)`,
/// replies in its actions (`{:keep_state_and_data, {:reply, from, value}}`) and waits
/// for nothing.
fn statem_answers_at_once(file: &File, module: &Module, tag: (&str, usize)) -> Option<AtOnce> {
    let k = &grammar().kinds;
    let is_call_event = |p: &Node| {
        p.kind_id() == k.tuple && p.named_child(0).and_then(|a| ast::atom_name(a, file.src)) == Some("call")
    };
    let clauses: Vec<&Def> = module
        .defs
        .iter()
        .map(|&d| &file.defs[d as usize])
        .filter(|d| matches!(d.arity, 3 | 4) && (d.arity == 3 || d.name == "handle_event"))
        .filter(|d| d.params.first().is_some_and(is_call_event))
        .filter(|d| d.params.get(1).and_then(|p| request_tag(file, *p)) == Some(tag))
        .collect();
    every_clause_replies_at_once(file, module, &clauses, ":postpone").and_then(on_its_own)
}

/// An answer at once that needs no other module's function.
fn on_its_own((how, needs): (AtOnce, Vec<Need>)) -> Option<AtOnce> {
    needs.is_empty().then_some(how)
}

/// Every call in `body` reads, branches or keeps books; a call to a function of the
/// same module (`reply_instance(state, id)`) counts by what its clauses do, followed
/// a few levels deep. `None` at the first call that may wait.
fn waits_for_nothing<'t>(
    file: &File<'t>,
    module: &Module<'t>,
    body: Node<'t>,
    defines: &dyn Fn(&str, usize) -> bool,
    walk: &mut Walk<'t>,
    depth: u32,
) -> Option<()> {
    // `fun.()`: a function held in the state or a table may do anything, a query
    // included.
    if calls_a_fn_value(file.text(body)) {
        return None;
    }
    let crashing = crash_paths(file, body);
    for c in file.calls_within(body) {
        if reads_state(c) || pure_kernel(c, defines) || drains(file, c) {
            continue;
        }
        // What a `rescue` that re-raises runs (logging, mostly) happens only when the
        // caller gets an exit anyway.
        if crashing.iter().any(|r| r.contains(&c.node.start_byte())) {
            continue;
        }
        if let Some(what) = bookkeeping(c) {
            walk.answer = AtOnce::Bookkeeping(what);
            continue;
        }
        // A helper of this module: follow it, once, not too deep (a helper's
        // helper's helper that still only reads is rare; stop before cost grows).
        if c.module.is_none() && c.local && !c.dynamic && depth < 3 && defines(c.name, c.arity) {
            if walk.seen.contains(&(c.name, c.arity)) {
                continue;
            }
            walk.seen.push((c.name, c.arity));
            let helpers = module
                .defs
                .iter()
                .map(|&d| &file.defs[d as usize])
                .filter(|d| d.name == c.name && d.arity == c.arity);
            // A bodiless head (`defp f(a, opts \\ [])`) holds no code.
            for body in helpers.filter_map(|h| h.body) {
                waits_for_nothing(file, module, body, defines, walk, depth + 1)?;
            }
            continue;
        }
        // `State.modules_in_file(state, path)`: a function of a module nested in this
        // one (its state struct's), in the same file; followed like a local helper.
        if let Some(nested) = c
            .module
            .as_deref()
            .filter(|m| !c.dynamic && depth < 3 && m.strip_prefix(module.name.as_str()).is_some_and(|rest| rest.starts_with('.')))
            .and_then(|m| file.modules.iter().find(|n| n.name == m))
        {
            if walk.seen.contains(&(c.name, c.arity)) {
                continue;
            }
            walk.seen.push((c.name, c.arity));
            let helpers: Vec<&Def> = nested
                .defs
                .iter()
                .map(|&d| &file.defs[d as usize])
                .filter(|d| d.name == c.name && d.arity == c.arity)
                .collect();
            if helpers.is_empty() {
                return None;
            }
            let nested_defines = module_defines(file, nested);
            for body in helpers.iter().filter_map(|h| h.body) {
                waits_for_nothing(file, nested, body, &nested_defines, walk, depth + 1)?;
            }
            continue;
        }
        // `id(state.id, :user)`: an accessor of a record this module defines.
        if c.module.is_none() && c.local && !c.dynamic && defines_record(file, module, c.name) {
            continue;
        }
        // A function of another module of the project: it waits for nothing if the
        // project says so (`conclude`, from each module's `Fact::Pure`).
        if let Some(m) = c.module.as_deref().filter(|m| !c.dynamic && !c.capture && is_project_module(m)) {
            // `Utils.log_on_error do ... end`: the block is the macro's last argument.
            let arity = c.arity + usize::from(c.do_block.is_some());
            walk.needs.push((file.module_at(m, c.node.start_byte()), c.name.to_string(), arity));
            continue;
        }
        // `@backend.exist?(topic)` after `@backend Service.Topic` (R47 event_bus).
        if let Some(m) = attribute_receiver(file, c).filter(|m| is_project_module(m)) {
            walk.needs.push((m, c.name.to_string(), c.arity));
            continue;
        }
        return None;
    }
    Some(())
}

/// The module a call on a module attribute names: `Service.Topic` for
/// `@backend.exist?(topic)` after `@backend Service.Topic`.
pub(crate) fn attribute_receiver(file: &File, c: &Call) -> Option<String> {
    let receiver = ast::field(c.target, grammar().fields.left).filter(|_| c.dynamic && !c.capture)?;
    let k = &grammar().kinds;
    (receiver.kind_id() == k.unary_operator && ast::operator(receiver, file.src) == "@")
        .then(|| named_module(file, c, receiver))
        .flatten()
}

/// `defdelegate all, to: @backend` (or `to: Service.Topic`, `as: :list`): the
/// delegating function, its target and their arity.
pub(crate) fn delegation(file: &File, c: &Call) -> Option<(String, String, String, usize)> {
    let g = grammar();
    if !(c.local && c.module.is_none() && c.name == "defdelegate") {
        return None;
    }
    let head = c.arg(0)?;
    let (name, arity) = if head.kind_id() == g.kinds.identifier {
        (file.text(head), 0)
    } else {
        (ast::local_call_name(head, file.src)?, ast::call_arguments(head).map_or(0, |a| a.named_child_count()))
    };
    let mut to = None;
    let mut target = name;
    for pair in c.args.iter().skip(1).flat_map(|a| file.nodes_within(g.kinds.pair, *a)) {
        let (Some(key), Some(value)) = (ast::field(pair, g.fields.key), ast::field(pair, g.fields.value)) else {
            continue;
        };
        match ast::keyword_name(key, file.src) {
            "to" => to = named_module(file, c, value),
            "as" => target = ast::atom_name(value, file.src).unwrap_or(target),
            _ => {}
        }
    }
    Some((name.to_string(), to?, target.to_string(), arity))
}

/// The `rescue` and `catch` clauses in `body` that end by raising again (`reraise e,
/// __STACKTRACE__`, `raise`, `exit`, `throw`): code that runs only on the way to a crash.
fn crash_paths(file: &File, body: Node) -> Vec<std::ops::Range<usize>> {
    let g = grammar();
    let mut out = Vec::new();
    // Only a `try` has these blocks (`def ... rescue` too, but a def body is not one);
    // looking at the calls keeps this off the tree walk that every body would cost.
    for t in file.calls_within(body).filter(|c| c.local && c.module.is_none() && c.name == "try") {
        let blocks = t
            .do_block
            .into_iter()
            .flat_map(ast::named_children)
            .filter(|n| n.kind_id() == g.kinds.rescue_block || n.kind_id() == g.kinds.catch_block);
        for clause in blocks.flat_map(ast::named_children).filter(|c| c.kind_id() == g.kinds.stab_clause) {
            let last = ast::field(clause, g.fields.right).and_then(|b| crate::syntax::statements(b).last());
            if last.is_some_and(|l| matches!(ast::local_call_name(l, file.src), Some("reraise" | "raise" | "exit" | "throw"))) {
                out.push(clause.byte_range());
            }
        }
    }
    out
}

/// A function of another module of the project: (module, name, arity).
pub(crate) type Need = (String, String, usize);

/// What `waits_for_nothing` learns as it follows calls: how the answer comes, the
/// helpers already followed, and the other modules' functions it relies on.
struct Walk<'t> {
    answer: AtOnce,
    seen: Vec<(&'t str, usize)>,
    needs: Vec<Need>,
}

impl<'t> Walk<'t> {
    fn new(seen: Vec<(&'t str, usize)>) -> Self {
        Walk { answer: AtOnce::FromState, seen, needs: Vec::new() }
    }

    /// The answer, and the needs sorted without repeats.
    fn finish(mut self) -> (AtOnce, Vec<Need>) {
        self.needs.sort_unstable();
        self.needs.dedup();
        (self.answer, self.needs)
    }
}

/// `Record.defrecord(:id, [...])` (or `defrecordp`, imported or not) in `module`:
/// `name/0,1,2` are its accessor macros, which only build or read a tuple.
fn defines_record(file: &File, module: &Module, name: &str) -> bool {
    record_names(file, module).any(|r| r == name)
}

fn record_names<'a, 't>(file: &'a File<'t>, module: &'a Module<'t>) -> impl Iterator<Item = &'t str> + 'a {
    ["defrecord", "defrecordp"]
        .into_iter()
        .flat_map(|n| file.calls_named(n))
        .filter(|c| c.module.as_deref().is_none_or(|m| m == "Record") && c.ctx.def.is_none())
        .filter(|c| file.module(&c.ctx).is_some_and(|m| m.node == module.node))
        .filter_map(|c| c.arg(0).and_then(|a| ast::atom_name(a, file.src)))
}

/// An anonymous function applied in `code`: `fun.()`, `state.loader.(key)`.
pub(crate) fn calls_a_fn_value(code: &str) -> bool {
    code.match_indices(".(").any(|(i, _)| {
        code[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ')' || c == '?' || c == '!')
    })
}

/// `receive ... after 0 -> ... end` takes what is already there and never waits
/// (flushing a timer's message after `Process.cancel_timer/1`).
fn drains(file: &File, c: &Call) -> bool {
    c.module.is_none()
        && c.local
        && c.name == "receive"
        && c.do_block
            .is_some_and(|b| crate::rules::otp::blocking_in_callback::after_timeout(file, b) == Some("0"))
}

/// A local call to one of Kernel's pure functions (`length/1`, `rem/2`), unless
/// the module defines a function of that name itself.
fn pure_kernel(c: &Call, defines: &dyn Fn(&str, usize) -> bool) -> bool {
    const PURE: &[&str] = &[
        "length", "rem", "div", "abs", "hd", "tl", "elem", "put_elem", "map_size", "tuple_size",
        "max", "min", "is_nil", "not", "get_in", "put_in", "update_in", "pop_in", "to_string", "self",
        "raise", "reraise", "inspect", "is_pid", "is_atom", "is_binary", "is_list", "is_map",
        "is_integer", "is_tuple", "is_reference", "is_function", "is_number", "is_boolean",
        // Conversions and sizes (R39 verk's stats counters: `to_charlist(prefix)`).
        "to_charlist", "byte_size", "bit_size", "binary_part", "round", "trunc", "is_float",
        "is_struct", "is_map_key", "is_exception", "node",
        // Inside a macro's `quote`: the caller's code, judged where it is written.
        "unquote", "unquote_splicing",
    ];
    c.module.is_none() && c.local && !c.dynamic && PURE.contains(&c.name) && !defines(c.name, c.arity)
}

/// A call that changes something but never waits on another process: setting or
/// dropping a monitor, a timer or a process flag, sending a message or a signal, or
/// writing to an ETS table the server owns. Its written name.
fn bookkeeping(c: &Call) -> Option<&'static str> {
    match (c.module.as_deref()?, c.name) {
        ("Process", "monitor") => Some("Process.monitor"),
        ("Process", "demonitor") => Some("Process.demonitor"),
        (":erlang", "monitor") => Some(":erlang.monitor"),
        (":erlang", "demonitor") => Some(":erlang.demonitor"),
        ("Process", "send_after") => Some("Process.send_after"),
        ("Process", "cancel_timer") => Some("Process.cancel_timer"),
        (":erlang", "send_after") => Some(":erlang.send_after"),
        (":erlang", "cancel_timer") => Some(":erlang.cancel_timer"),
        (":timer", "apply_after") => Some(":timer.apply_after"),
        (":timer", "send_after") => Some(":timer.send_after"),
        (":timer", "apply_interval") => Some(":timer.apply_interval"),
        (":timer", "send_interval") => Some(":timer.send_interval"),
        (":timer", "cancel") => Some(":timer.cancel"),
        ("Process", "flag") => Some("Process.flag"),
        // Signals and messages: sent, never waited on.
        ("Kernel", "send") if c.arity == 2 => Some("send"),
        ("Process", "send") => Some("Process.send"),
        ("Process", "unlink") => Some("Process.unlink"),
        // A link is a signal too (R41 elsa's registry links each name's owner).
        ("Process", "link") => Some("Process.link"),
        (":erlang", "link") => Some(":erlang.link"),
        // Socket options and a datagram out: port operations that return at once
        // (R43 tds's `:inet.setopts`, instream's `:gen_udp.send`); a TCP send can
        // block on a full buffer and is not among them.
        (":inet", "setopts") => Some(":inet.setopts"),
        (":inet", "getopts") => Some(":inet.getopts"),
        (":inet", "peername") => Some(":inet.peername"),
        (":inet", "sockname") => Some(":inet.sockname"),
        (":gen_udp", "send") => Some(":gen_udp.send"),
        ("Process", "exit") if c.arity == 2 => Some("Process.exit"),
        (":ets", "insert") => Some(":ets.insert"),
        (":ets", "insert_new") => Some(":ets.insert_new"),
        (":ets", "delete") => Some(":ets.delete"),
        (":ets", "delete_object") => Some(":ets.delete_object"),
        (":ets", "delete_all_objects") => Some(":ets.delete_all_objects"),
        (":ets", "select_delete") => Some(":ets.select_delete"),
        (":ets", "match_delete") => Some(":ets.match_delete"),
        (":ets", "select_replace") => Some(":ets.select_replace"),
        (":ets", "update_element") => Some(":ets.update_element"),
        (":ets", "update_counter") => Some(":ets.update_counter"),
        (":ets", "new") => Some(":ets.new"),
        _ => None,
    }
}

/// A call that only reads or branches: `state.items`, `Map.get/2`, `if`, `case`.
fn reads_state(c: &Call) -> bool {
    if c.dynamic && c.arguments.is_none() {
        return true;
    }
    match c.module.as_deref() {
        // `try ... rescue ArgumentError -> ...` around a setting that may be refused.
        // `require Logger` in a clause: compile-time only.
        // `fun do {k, _} when k == id -> true end` after `import Ex2ms`: a match spec
        // the macro builds at compile time (R41 ex_rated), not a call.
        None => {
            c.local
                && (matches!(c.name, "if" | "unless" | "case" | "cond" | "with" | "for" | "try" | "require" | "alias" | "import")
                    || c.name == "fun" && c.do_block.is_some())
        }
        Some("Map" | "Keyword" | "Enum" | "MapSet" | "List" | "Access" | "String" | "Integer" | "Tuple") => true,
        // Logging goes to `:logger`'s handlers in the calling process; it does not wait
        // for another process to answer.
        Some("Logger") => true,
        // Text for a log line.
        Some("Exception") => matches!(c.name, "message" | "format" | "format_banner" | "format_stacktrace"),
        // Calendar values: arithmetic and comparison on data, and a clock read.
        Some("DateTime" | "NaiveDateTime" | "Date" | "Time") => !matches!(c.name, "now" | "shift_zone" | "shift_zone!"),
        // Timex, the calendar library, computes the same way; only what names a time
        // zone may ask its database (R44 grapevine's pause check: `Timex.now()`,
        // `Timex.before?/2`).
        Some("Timex") => !matches!((c.name, c.arity), ("now", 1) | ("local", _) | ("timezone", _) | ("to_datetime", 2)),
        // Lock-free counters: reads and updates that never wait.
        Some(":atomics" | ":counters") => true,
        Some(":ets") => matches!(
            c.name,
            "lookup"
                | "lookup_element"
                | "member"
                | "match"
                | "match_object"
                | "select"
                | "select_reverse"
                | "select_count"
                | "tab2list"
                | "info"
                | "whereis"
                | "first"
                | "last"
                | "next"
                | "prev"
        ),
        // The application environment: a read of the application controller's table.
        Some("Application") => matches!(c.name, "get_env" | "fetch_env" | "fetch_env!" | "get_all_env"),
        // Random numbers: the state lives in the caller's own process dictionary.
        Some(":rand") => matches!(c.name, "uniform" | "uniform_real" | "normal" | "seed"),
        // Erlang's pure data structures: values in, values out, no process touched.
        Some(":queue" | ":lists" | ":maps" | ":proplists" | ":sets" | ":ordsets" | ":orddict" | ":gb_trees" | ":gb_sets") => true,
        // BIFs that compute from their arguments or read a clock.
        Some(":erlang") => matches!(
            c.name,
            "convert_time_unit"
                | "monotonic_time"
                | "system_time"
                | "unique_integer"
                | "element"
                | "setelement"
                | "tuple_size"
                | "map_size"
                | "length"
                | "byte_size"
                | "phash2"
                | "integer_to_binary"
                | "binary_to_integer"
                | "atom_to_binary"
                | "iolist_to_binary"
                | "iolist_size"
                | "port_info"
                // A NIF stub's body: the native code that replaces it at load runs in
                // the calling process and waits on no other (`Native.close_fd(fd)`).
                | "nif_error"
        ),
        Some(":os") => matches!(c.name, "perf_counter" | "system_time"),
        // Clock reads.
        Some("System") => matches!(c.name, "monotonic_time" | "system_time" | "os_time" | "unique_integer" | "convert_time_unit"),
        // A liveness check or a name lookup: answered by the runtime at once.
        Some("Process") => matches!(c.name, "alive?" | "whereis"),
        // Building or splitting a module name: an atom from strings (R40 kiq's pool
        // names its connections with `Module.concat([pool, "N#{i}"])`).
        Some("Module") => matches!(c.name, "concat" | "safe_concat" | "split"),
        // What the runtime knows of a port the server holds (`Port.info(port, :os_pid)`).
        Some("Port") => c.name == "info",
        // A reply is a message to the caller: it never waits.
        Some("GenServer" | ":gen_server" | ":gen_statem") => c.name == "reply",
        Some("Kernel") => !matches!(c.name, "send" | "spawn" | "spawn_link" | "apply"),
        _ => false,
    }
}

/// `:get` → `(":get", 0)`; `{:get, id}` → `(":get", 2)`; `{__MODULE__, :get, id}` →
/// `("__MODULE__, :get", 3)`.
pub(crate) fn request_tag<'t>(file: &File<'t>, node: Node) -> Option<(&'t str, usize)> {
    let k = &grammar().kinds;
    if node.kind_id() == k.atom {
        return Some((file.text(node), 0));
    }
    if node.kind_id() == k.tuple {
        let first = node.named_child(0)?;
        if first.kind_id() == k.atom {
            return Some((file.text(first), ast::named_children(node).count()));
        }
        // `{__MODULE__, :monitor, pid}`: a request namespaced by the module; the tag is
        // the source of both elements as written, so it matches within the file.
        // `{@prefix, :ping}` with `@prefix :my_app`: the same, namespaced by an attribute.
        let second = node.named_child(1).filter(|a| a.kind_id() == k.atom)?;
        let attribute = first.kind_id() == k.unary_operator && file.text(first).starts_with('@');
        if first.kind_id() == k.alias || file.text(first) == "__MODULE__" || attribute {
            return Some((&file.src[first.start_byte()..second.end_byte()], ast::named_children(node).count()));
        }
    }
    None
}

/// How to write the called function once it takes the timeout: as written when
/// `call/3` written there reaches the module's `call/3` (a local `call` after `import
/// GenServer, only: [call: 2]` would not), else the module-qualified name. `None`
/// when that is the function the call sits in.
fn three_argument_target(file: &File, call: &Call) -> Option<String> {
    let module = call.module.as_deref()?;
    let at = call.target.start_byte();
    if file.is_enclosing_function(&call.ctx, module, "call", 3) {
        return None;
    }
    if call.local {
        file.call_text(&call.ctx, at, module, "call", 3)
    } else {
        Some(call.written(file.src).to_string())
    }
}

/// Edits that add `value` as a last argument, keeping the pipe and the
/// written arguments; a call without parentheses gets them.
fn append_argument(call: &Call, src: &str, value: &str) -> Option<Vec<Edit>> {
    if call.capture || call.via_apply {
        return None;
    }
    let arguments = call.arguments?;
    let last = *call.args.last()?;
    if last.start_byte() < arguments.start_byte() {
        // Only the piped value: nothing written to append after.
        return None;
    }
    let parenthesised = arguments.child(0).is_some_and(|c| c.kind() == "(");
    let mut edits = Vec::new();
    let mut tail = format!(", {value}");
    if last.kind_id() == grammar().kinds.keywords {
        // `call(s, key: v)`: a keyword-list request needs its brackets once
        // another argument follows it.
        edits.push(Edit::insert(last.start_byte(), "["));
        tail = format!("]{tail}");
    }
    if !parenthesised {
        // `GenServer.call s, r` → `GenServer.call(s, r, 5_000)`.
        let gap = call.target.end_byte()..arguments.start_byte();
        if src.get(gap.clone())?.contains('\n') {
            return None;
        }
        edits.push(Edit::replace(gap, "("));
        tail.push(')');
    }
    edits.push(Edit::insert(last.end_byte(), tail));
    Some(edits)
}

/// `5000` → `5_000`, `30000` → `30_000`, `500` → `500`.
fn underscored(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Engine, Safety};

    #[test]
    fn thousands_separators() {
        assert_eq!(underscored(5000), "5_000");
        assert_eq!(underscored(500), "500");
        assert_eq!(underscored(30_000), "30_000");
        assert_eq!(underscored(1_000_000), "1_000_000");
    }

    const SRC: &str = "defmodule MyApp.Client do\n  def get(s), do: GenServer.call(s, :get)\nend\n";

    #[test]
    fn a_configured_timeout_makes_the_fix_unsafe() {
        let mut config = Config::default();
        config
            .set_param("otp/call-timeout", "timeout", ParamValue::Int(15_000))
            .unwrap();
        let engine = Engine::new(config);
        let result = engine.check("lib/my_app/client.ex", SRC);
        let f = result
            .findings
            .iter()
            .find(|f| f.rule == "otp/call-timeout")
            .expect("a finding");
        assert!(f.message.contains("`15_000`"), "{}", f.message);
        assert_eq!(f.fixes.len(), 1);
        assert_eq!(f.fixes[0].safety, Safety::Unsafe);
        let out = engine.fix("lib/my_app/client.ex", SRC, Safety::Unsafe);
        assert!(out.text.contains("GenServer.call(s, :get, 15_000)"), "{}", out.text);
    }

    #[test]
    fn calls_without_parentheses_get_them() {
        let src = "defmodule MyApp.Client do\n  def get(s), do: s |> GenServer.call :get\n  def put(s, v) do\n    GenServer.call s, {:put, v}\n  end\nend\n";
        let engine = Engine::new(Config::default());
        let out = engine.fix("lib/my_app/client.ex", src, Safety::Safe);
        assert!(out.text.contains("s |> GenServer.call(:get, 5_000)"), "{}", out.text);
        assert!(out.text.contains("GenServer.call(s, {:put, v}, 5_000)"), "{}", out.text);
    }

    #[test]
    fn the_default_timeout_is_a_safe_fix() {
        let engine = Engine::new(Config::default());
        let out = engine.fix("lib/my_app/client.ex", SRC, Safety::Safe);
        assert!(out.text.contains("GenServer.call(s, :get, 5_000)"), "{}", out.text);
    }
}
