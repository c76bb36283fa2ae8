//! `otp/genserver-callbacks`: GenServer without init/1 or handlers. See `genserver_callbacks.md`.

use crate::model::Id;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/genserver-callbacks",
    title: "GenServer without init/1 or handlers",
    severity: Severity::Error,
    scopes: LIB,
    fix: Fixability::Sometimes,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("genserver_callbacks.md"),
    check,
    project: None,
};

const HANDLERS: &[(&str, usize)] = &[
    ("handle_call", 3),
    ("handle_cast", 2),
    ("handle_info", 2),
    ("handle_continue", 2),
];

/// Standard modules whose `use` injects no GenServer callbacks.
const NO_CALLBACKS: &[&str] = &["GenServer", "Bitwise", "Agent", "Task", "Supervisor"];

fn check(file: &File, report: &mut Report) {
    for (i, module) in file.modules.iter().enumerate() {
        let id = i as Id;
        let Some(declaration) = genserver_declaration(file, module) else {
            continue;
        };
        // Another `use` may inject init/1 or the handlers (`use MyApp.Server`).
        if module
            .uses
            .iter()
            .any(|(m, _)| !NO_CALLBACKS.contains(&m.as_str()))
        {
            continue;
        }
        let overridable = overridable(file, id);
        let has = |name: &str, arity: usize| {
            module.defines(name, arity)
                || file
                    .defs
                    .iter()
                    .any(|d| d.module == Some(id) && d.name == name && d.arity == arity)
                || overridable.iter().any(|(n, a)| *n == name && *a == arity)
        };
        // An init/1 made by `def unquote(...)`, `Module.eval_quoted` or a
        // `@before_compile` hook is invisible here: say nothing rather than add one.
        let missing_init = !has("init", 1) && !generates_functions(file, module, id);
        let missing_handlers = !HANDLERS.iter().any(|(n, a)| has(n, *a))
            && !owns_ets_table(file, id)
            && !holds_membership(file, id)
            && !lives_for_terminate(file, id, &has)
            && !init_may_ignore(file, id)
            && !start_link_ignores(file, id);
        if !missing_init && !missing_handlers {
            continue;
        }
        let used = module.uses_module("GenServer");
        let name = &module.name;
        let handlers = "`handle_call/3`, `handle_cast/2`, `handle_info/2` or `handle_continue/2`";
        let message = match (missing_init, missing_handlers) {
            (true, true) => format!(
                "`{name}` is a GenServer with neither `init/1` nor any of {handlers}; define `init/1` to build the state, and the handlers for the messages it serves (or make it a plain module if it serves none)"
            ),
            (true, false) if used => format!(
                "`{name}` uses GenServer but defines no `init/1`; the compiler warns and injects one that returns its argument as the state: define `init/1` explicitly"
            ),
            (true, false) => format!(
                "`{name}` declares `@behaviour GenServer` but defines no `init/1`, so starting it fails with `UndefinedFunctionError`: define `init/1`"
            ),
            _ if !is_called(file, module, id) && boot_step(file, module, id) == Some(BootStep::Placeholder) => format!(
                "`{name}` is declared `restart: :temporary` and its only callback, `init/1`, does nothing and starts nothing that would message it: a boot step kept for its place in the children list, idle for the life of the node; return `:ignore` from `init/1` so the step keeps its place with no idle process"
            ),
            _ if !is_called(file, module, id) && boot_step(file, module, id).is_some() => format!(
                "`{name}` is a GenServer whose only callback is `init/1`, which does its work as the process starts and then leaves it idle; if that work is a one-off check or setup at boot, return `:ignore` from `init/1` once it is done, so the supervisor keeps no idle process (a raise in `init/1` still stops the boot); if the process exists for its lifetime, trap exits in `init/1` and do its work in `terminate/2`"
            ),
            _ if used && runs_init_itself(file, module) => format!(
                "`{name}` uses GenServer but never runs as one: its `start_link` calls its own `init/1` as a plain function, and nothing in it calls `GenServer.start_link(__MODULE__, ...)`; `use GenServer` only gives it the `child_spec/1` that lets `{{{name}, opts}}` be listed as a child: write that `child_spec/1` yourself and drop `use GenServer`, or make the module a `Supervisor` of the processes it starts"
            ),
            _ if !is_called(file, module, id) && let Some(start) = keeps_linked_start(file, id) => format!(
                "`{name}` handles no messages: its `init/1` starts a linked process (`{start}`) and the server exists to own it, going down with it so that its supervisor restarts both; the supervisor can own it directly: list that process as a child (with a `child_spec/1` that names it, if other code finds it by name) and drop this module"
            ),
            // An idle server (R47 ex_gram's `Noup`, the do-nothing choice of an update
            // worker that its bot's supervisor always lists).
            _ if !is_called(file, module, id) && !has("terminate", 2) && {
                let inits: Vec<&Def> = init_defs(file, id).collect();
                !inits.is_empty() && inits.iter().all(|d| returns_state_only(file, d))
            } =>
            {
                format!(
                    "`{name}` is a GenServer that handles no messages: it defines none of {handlers}, and its `init/1` only returns its state, so the process sits idle; if it holds a place among a supervisor's children (the do-nothing choice of a pluggable worker, say), return `:ignore` from `init/1` to keep the place with no process; otherwise make it a plain module"
                )
            }
            _ if is_called(file, module, id) => format!(
                "`{name}` is a GenServer that handles no messages: it defines none of {handlers}, so every call or cast crashes it; add the handlers it needs, or make it a plain module if it holds no state"
            ),
            _ => format!(
                "`{name}` is a GenServer that handles no messages: it defines none of {handlers}; if it exists for its lifetime, trap exits in `init/1` and do its work in `terminate/2`, otherwise make it a plain module"
            ),
        };
        let d = report.add_scoped(
            module.name_node.byte_range(),
            message,
            module.name.clone(),
        );
        if !missing_init {
            // Boot-time work in an idle process: a better shape, not a defect.
            let idle_after_boot = !is_called(file, module, id)
                && (boot_step(file, module, id).is_some()
                    || keeps_linked_start(file, id).is_some() && !(used && runs_init_itself(file, module)));
            d.severity(if idle_after_boot { Severity::Info } else { Severity::Warning });
            continue;
        }
        if !on_own_lines(file.src, declaration) {
            continue;
        }
        let at = line_end(file.src, declaration.end_byte());
        let indent = line_indent(file.src, declaration.start_byte());
        let impl_line = impl_attribute(file, module)
            .map(|a| format!("{indent}{a}\n"))
            .unwrap_or_default();
        let text = format!("\n\n{impl_line}{indent}def init(init_arg), do: {{:ok, init_arg}}");
        let title = "Define `init/1` returning `{:ok, init_arg}`";
        if used {
            // The very clause `use GenServer` injects when init/1 is missing.
            d.fix(Fix::safe(title, vec![Edit::insert(at, text)]));
        } else {
            d.fix(Fix::unsafe_(title, vec![Edit::insert(at, text)]));
        }
    }
}

/// The `use GenServer` statement of a module, or its `@behaviour GenServer`.
pub(crate) fn genserver_declaration<'t>(file: &File<'t>, module: &Module<'t>) -> Option<Node<'t>> {
    // Quoted code is part of a module we do not see, which may define the rest.
    if !module.is_genserver || module.quoted {
        return None;
    }
    let src = file.src;
    let body = module.body?;
    let used = ast::statements(body).find(|stmt| {
        ast::local_call_name(*stmt, src) == Some("use")
            && ast::call_arguments(*stmt)
                .and_then(|a| a.named_child(0))
                .is_some_and(|m| file.text(m) == "GenServer")
    });
    used.or_else(|| {
        module
            .behaviours
            .iter()
            .find(|(name, _)| matches!(*name, "GenServer" | ":gen_server"))
            .map(|(_, stmt)| *stmt)
    })
}

/// `@impl true` (or `@impl GenServer`) as the module writes it, if it uses `@impl`.
/// Only a plain `true` or module argument is copied: in code that does not parse,
/// the attribute's node can run on over the broken text after it.
pub(crate) fn impl_attribute<'t>(file: &File<'t>, module: &Module<'t>) -> Option<&'t str> {
    let src = file.src;
    ast::statements(module.body?)
        .find(|s| ast::attribute_name(*s, src) == Some("impl"))
        .map(|s| {
            let text = file.text(s);
            if is_plain_impl(text) { text } else { "@impl true" }
        })
}

/// `@impl true`, `@impl GenServer`, `@impl(:gen_server)` and the like.
fn is_plain_impl(text: &str) -> bool {
    let Some(arg) = text.strip_prefix("@impl") else {
        return false;
    };
    let arg = arg.trim();
    let arg = arg
        .strip_prefix('(')
        .and_then(|a| a.strip_suffix(')'))
        .unwrap_or(arg)
        .trim();
    let module_name = |a: &str| {
        a.starts_with(|c: char| c.is_ascii_uppercase() || c == ':')
            && a[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    };
    arg == "true" || (!arg.is_empty() && module_name(arg))
}

/// Functions named in `defoverridable` in the module: `init: 1`, `[handle_call: 3]`.
fn overridable<'t>(file: &File<'t>, id: Id) -> Vec<(&'t str, usize)> {
    let k = &grammar().kinds;
    let src = file.src;
    let mut out = Vec::new();
    for call in file.calls_named("defoverridable") {
        if call.ctx.module != Some(id) {
            continue;
        }
        for arg in &call.args {
            let lists: Vec<Node> = if arg.kind_id() == k.list {
                ast::named_children(*arg)
                    .filter(|c| c.kind_id() == k.keywords)
                    .collect()
            } else {
                vec![*arg]
            };
            for kw in lists.into_iter().filter(|n| n.kind_id() == k.keywords) {
                for pair in ast::named_children(kw) {
                    let g = grammar();
                    if let (Some(key), Some(v)) =
                        (ast::field(pair, g.fields.key), ast::field(pair, g.fields.value))
                        && let Ok(arity) = file.text(v).parse()
                    {
                        out.push((ast::keyword_name(key, src), arity));
                    }
                }
            }
        }
    }
    out
}

/// A GenServer whose `init/1` creates an ETS table exists to own it: it needs
/// no handlers.
fn owns_ets_table(file: &File, id: Id) -> bool {
    file.defs
        .iter()
        .filter(|d| d.module == Some(id) && d.name == "init" && d.arity == 1)
        .any(|d| file.calls_within(d.node).any(|c| c.is(":ets", "new")))
}

/// `init/1` starts a process with a client library's start (`Exredis.start_using_
/// connection_string()`, `Redix.start_link(...)`): a call named `start*` of another
/// module, not a `Task` or the server's own start. The call as written (R43 toniq's
/// `RedisConnection`, which owns its client for the supervisor's sake).
fn keeps_linked_start(file: &File, id: Id) -> Option<String> {
    init_defs(file, id).find_map(|d| {
        file.calls_within(d.node)
            .find(|c| {
                c.name.starts_with("start")
                    && !c.dynamic
                    && c.module.as_deref().is_some_and(|m| {
                        m.starts_with(|ch: char| ch.is_ascii_uppercase())
                            && !matches!(m, "Task" | "GenServer" | "Agent" | "Supervisor" | "DynamicSupervisor" | "Registry" | "Logger")
                    })
            })
            .map(|c| c.display(file.src))
    })
}

/// A GenServer whose `init/1` puts itself in a process group or registry
/// exists to be a member: the membership lasts as long as the process, so it
/// needs no handlers (like an ETS owner).
fn holds_membership(file: &File, id: Id) -> bool {
    init_defs(file, id).any(|d| {
        file.calls_within(d.node)
            .any(|c| is_membership_call(file, c))
    })
}

/// `:pg.join(.., self())`, `:global.register_name(name, self())` or
/// `Registry.register/3` (which always registers the caller).
fn is_membership_call(file: &File, call: &Call) -> bool {
    let joins_self = || call.args.iter().any(|a| file.text(*a) == "self()");
    call.is("Registry", "register")
        || ((call.is(":pg", "join") || call.is(":pg2", "join") || call.is(":global", "register_name"))
            && joins_self())
}

/// A process that exists for its lifetime: `init/1` traps exits so that
/// `terminate/2` runs on shutdown, and `terminate/2` does the work.
fn lives_for_terminate(file: &File, id: Id, has: &dyn Fn(&str, usize) -> bool) -> bool {
    has("terminate", 2)
        && init_defs(file, id).any(|d| {
            file.calls_within(d.node).any(|c| {
                c.is("Process", "flag")
                    && c.arg(0).is_some_and(|a| file.text(a) == ":trap_exit")
                    && c.arg(1).is_some_and(|v| file.text(v) == "true")
            })
        })
}

/// `init/1` may return `:ignore`: the process is often never started at all (a
/// plugin switched off, a node without the feature).
/// `init/1` runs more than the state's construction: statements before its result
/// (a schema validated, a table seeded), and nothing that will message the process
/// later (a timer, a link, a monitor, a subscription, a `:continue`), which would
/// want a handler.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BootStep {
    /// `init/1` does its work (two statements or more) before returning.
    Work,
    /// `use GenServer, restart: :temporary` whose `init/1` only returns `{:ok, state}`.
    Placeholder,
}

/// Is the server a step run once at boot? Every `init/1` clause starts nothing that
/// would message it later (no timer, link, monitor, subscription or `:continue`), and
/// either does work before returning or only returns `{:ok, state}`: a clause kept
/// for the test environment (`def init(%{env: :test} = s), do: {:ok, s}`) beside the
/// one that works, or, in a module declared `restart: :temporary`, every clause.
fn boot_step(file: &File, module: &Module, id: Id) -> Option<BootStep> {
    const LATER: &[&str] = &["spawn", "link", "send", "monitor", "start", "async", "subscribe", "timer", "register", "join"];
    let k = &grammar().kinds;
    let inits: Vec<&Def> = init_defs(file, id).collect();
    let quiet = |d: &&Def| {
        !file.text(d.node).contains(":continue") && !file.calls_within(d.node).any(|c| LATER.iter().any(|w| c.name.contains(w)))
    };
    let works = |d: &&Def| {
        d.body
            .filter(|b| b.kind_id() == k.do_block)
            .is_some_and(|b| ast::statements(b).count() >= 2)
    };
    let only_returns_ok = |d: &&Def| returns_state_only(file, d);
    if inits.is_empty() || !inits.iter().all(quiet) || !inits.iter().all(|d| works(d) || only_returns_ok(d)) {
        return None;
    }
    if inits.iter().any(works) {
        Some(BootStep::Work)
    } else {
        declared_temporary(file, module).then_some(BootStep::Placeholder)
    }
}

/// `def init(opts), do: {:ok, opts}`: the clause only returns `{:ok, state}`.
fn returns_state_only(file: &File, d: &Def) -> bool {
    let k = &grammar().kinds;
    let body = d.body.map(|b| if b.kind_id() == k.do_block { ast::statements(b).collect() } else { vec![b] });
    body.is_some_and(|statements| match statements[..] {
        [value] => value.kind_id() == k.tuple && value.named_child(0).is_some_and(|t| file.text(t) == ":ok"),
        _ => false,
    })
}

/// `use GenServer, restart: :temporary`: its supervisor never restarts it, the way a
/// step meant to run once is declared.
fn declared_temporary(file: &File, module: &Module) -> bool {
    module.uses.iter().any(|(m, opts)| {
        m == "GenServer"
            && opts
                .and_then(|o| ast::keyword_value(o, file.src, "restart"))
                .is_some_and(|v| file.text(v) == ":temporary")
    })
}

fn init_may_ignore(file: &File, id: Id) -> bool {
    let k = &grammar().kinds;
    init_defs(file, id).any(|d| {
        ast::descendants(d.node).any(|n| n.kind_id() == k.atom && file.text(n) == ":ignore")
    })
}

/// Every `start_link` clause returns the literal `:ignore`: the process never
/// exists, and `use GenServer` is there only for `child_spec/1` (a do-nothing
/// implementation of a behaviour that must sit in a supervision tree).
fn start_link_ignores(file: &File, id: Id) -> bool {
    let mut clauses = file
        .defs_named("start_link")
        .filter(|d| d.module == Some(id))
        .peekable();
    clauses.peek().is_some() && clauses.all(|d| returns_ignore(file, d))
}

/// Every value the body ends in is the atom `:ignore` (`do: :ignore`, the last
/// statement, or each branch of a `case`/`if` there), with no path left unseen.
fn returns_ignore(file: &File, def: &Def) -> bool {
    let Some(body) = def.body else {
        return false;
    };
    let mut tails = Vec::new();
    ast::tail_values(body, file.src, &mut tails)
        && !tails.is_empty()
        && tails.iter().all(|n| ast::atom_name(*n, file.src) == Some("ignore"))
}

fn init_defs<'a, 't>(file: &'a File<'t>, id: Id) -> impl Iterator<Item = &'a Def<'t>> + 'a {
    file.defs
        .iter()
        .filter(move |d| d.module == Some(id) && d.name == "init" && d.arity == 1)
}

/// The module defines functions that the file does not spell out: `def unquote(name)`,
/// `Module.eval_quoted`, `Code.eval_quoted` or a `@before_compile` hook.
fn generates_functions(file: &File, module: &Module, id: Id) -> bool {
    let in_module = |c: &&Call| c.ctx.module == Some(id);
    file.calls_named("unquote")
        .filter(in_module)
        .any(|c| c.ctx.def.is_none())
        || file
            .calls_named("eval_quoted")
            .filter(in_module)
            .any(|c| c.in_module("Module") || c.in_module("Code"))
        || module.body.is_some_and(|body| {
            ast::statements(body).any(|s| ast::attribute_name(s, file.src) == Some("before_compile"))
        })
}

/// Does some code of the file send it calls or casts: the module's own client
/// functions, or a call addressed to its name?
fn is_called(file: &File, module: &Module, id: Id) -> bool {
    let short = module.name.rsplit('.').next().unwrap_or(&module.name);
    file.calls.iter().any(|c| {
        let request = c.is_any("GenServer", &["call", "cast", "multi_call", "abcast"])
            || c.is_any(":gen_server", &["call", "cast", "send_request"]);
        request
            && (c.ctx.module == Some(id)
                || c.arg(0).is_some_and(|to| {
                    let to = file.text(to);
                    to == module.name || to == short
                }))
    })
}

/// The end of the line `pos` is on (before its line break).
pub(crate) fn line_end(src: &str, pos: usize) -> usize {
    let end = src[pos..].find('\n').map(|i| pos + i).unwrap_or(src.len());
    if src[..end].ends_with('\r') { end - 1 } else { end }
}

/// The whitespace that starts the line `pos` is on.
pub(crate) fn line_indent(src: &str, pos: usize) -> &str {
    let start = src[..pos].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = &src[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Is `node` alone on its lines (a trailing comment aside), so that text can be
/// inserted on a new line after it?
pub(crate) fn on_own_lines(src: &str, node: Node) -> bool {
    let start = src[..node.start_byte()].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let end = line_end(src, node.end_byte());
    src[start..node.start_byte()].trim().is_empty() && {
        let rest = src[node.end_byte()..end].trim();
        rest.is_empty() || rest.starts_with('#')
    }
}

/// `def start_link(opts), do: init(opts)`: the module's `start_link` calls its own
/// `init/1` directly, and no call in the module starts it as a GenServer (R41 opq,
/// whose `init/1` starts other processes and returns one of their pids).
pub(crate) fn runs_init_itself(file: &File, module: &crate::model::Module) -> bool {
    let defs = || module.defs.iter().map(|&d| &file.defs[d as usize]);
    let calls_init = defs()
        .filter(|d| d.name == "start_link" && d.kind == "def")
        .any(|d| file.calls_within(d.node).any(|c| c.local && c.module.is_none() && c.name == "init" && c.arity == 1));
    let starts_itself = file.calls_within(module.node).any(|c| {
        c.is_any("GenServer", &["start", "start_link"])
            && c.arg(0).is_some_and(|a| file.text(a) == "__MODULE__" || file.module_at(file.text(a), a.start_byte()) == module.name)
    });
    calls_init && !starts_itself
}

#[cfg(test)]
mod tests {
    use crate::{Engine, Safety};

    /// A module whose `@impl` line was cut: the fix writes `@impl true`, not the
    /// broken text that follows the attribute.
    #[test]
    fn a_broken_impl_attribute_is_not_copied() {
        let src = "defmodule MyApp.Limiter do\n  use GenServer\n\n  @impl opts), do: {:ok, opts}\n\n  @impl true\n  def handle_call(:hit, _from, n), do: {:reply, n, n + 1}\nend\n";
        let out = Engine::default().fix("lib/my_app/limiter.ex", src, Safety::Safe);
        assert!(
            out.text.contains("  use GenServer\n\n  @impl true\n  def init(init_arg), do: {:ok, init_arg}\n"),
            "{}",
            out.text
        );
        assert_eq!(out.text.matches("@impl opts)").count(), 1, "{}", out.text);
    }

    #[test]
    fn plain_impl_attributes_are_copied() {
        for text in ["@impl true", "@impl GenServer", "@impl(true)", "@impl :gen_server"] {
            assert!(super::is_plain_impl(text), "{text}");
        }
        for text in ["@impl opts), do: {:ok, opts}", "@impl", "@impl x + 1"] {
            assert!(!super::is_plain_impl(text), "{text}");
        }
    }
}
