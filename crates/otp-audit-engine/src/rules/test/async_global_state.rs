//! `test/async-global-state`: Async test changes global state. See `async_global_state.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/async-global-state",
    title: "Async test changes global state",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("async_global_state.md"),
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

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    // One finding per module and changed key: the decision (make the module
    // synchronous, or the key per-test) is the same for every change of it.
    let mut changes: Vec<(&Call, &'static str, String)> = Vec::new();
    for call in &file.calls {
        let Some(module) = file.module(&call.ctx).filter(|m| m.async_tests) else {
            continue;
        };
        if let Some(atom) = mox_global_setup(file, call) {
            let d = report.add(
                file,
                &call.ctx,
                atom.byte_range(),
                format!(
                    "`{}` in `setup` makes every mock global while this module runs `async: true`, which Mox rejects; use `setup :set_mox_from_context` or private mode with `allow/3`",
                    file.text(atom)
                ),
            );
            if let Some(fix) = async_false_fix(file, module) {
                d.fix(fix);
            }
            continue;
        }
        if call.ctx.test.is_none()
            || call.capture
            || restores_in_on_exit(file, call)
            || restores_in_after(file, call)
        {
            continue;
        }
        let Some(instead) = global_change(call) else {
            continue;
        };
        let instead = if sets_level_for_capture(file, call) {
            "move this test (and any other that needs the level) into a module of its own with `async: false`: `capture_log/2` captures nothing below the global level, so it cannot stand in for the change"
        } else {
            instead
        };
        if fills_if_unset(file, call) {
            // Sets a variable only where it is missing: no test sees another value.
            continue;
        }
        // `Application.put_env(Sink, :test_pid, self())` with `defmodule Sink` inside the
        // test module: an application env named after a module of this test module's
        // own, which its tests (never run at the same time) alone read.
        let own_app = call.module.as_deref() == Some("Application")
            && call.arg(0).is_some_and(|app| {
                app.kind_id() == grammar().kinds.alias && nested_in_test_module(file, call, file.text(app))
            });
        if own_app || key_arg(call).is_some_and(|key| unique_per_test(file, call, key)) {
            // A key or handler id of this test's own cannot collide with another's.
            continue;
        }
        let key = match (call.module.as_deref(), call.arg(0), key_arg(call)) {
            (Some("Application"), Some(app), Some(key)) => {
                format!("{} {}", file.text(app), file.text(key))
            }
            (_, _, Some(key)) => file.text(key).to_string(),
            _ => file.text(call.expr).to_string(),
        };
        changes.push((call, instead, key));
    }
    for (i, &(call, instead, ref key)) in changes.iter().enumerate() {
        let same = |&&(c, _, ref k): &&(&Call, &str, String)| {
            c.ctx.module == call.ctx.module && c.module == call.module && k == key
        };
        if changes[..i].iter().any(|c| same(&c)) {
            continue;
        }
        let later: Vec<String> = changes[i + 1..]
            .iter()
            .filter(same)
            .map(|(c, _, _)| (c.node.start_position().row + 1).to_string())
            .collect();
        let also = match later.len() {
            0 => String::new(),
            1 => format!(" (changed again on line {})", later[0]),
            _ => format!(" (changed again on lines {})", later.join(", ")),
        };
        let written = call.display(src);
        let d = report.add(
            file,
            &call.ctx,
            call.expr.byte_range(),
            format!(
                "`{written}` changes global state while this module runs `async: true`, so tests running at the same time see it{also}; set `async: false`, or {instead}"
            ),
        );
        if let Some(fix) = file.module(&call.ctx).and_then(|m| async_false_fix(file, m)) {
            d.fix(fix);
        }
    }
}

/// `Logger.configure(level: :debug)` and then `capture_log(fn -> ... end)` in the same
/// test: the test lowers the global level to capture what it would drop, which
/// neither `capture_log/2` nor `@tag :capture_log` can do (R32 mint).
fn sets_level_for_capture(file: &File, call: &Call) -> bool {
    let sets_level = call.is("Logger", "configure")
        && call.arg(0).is_some_and(|opts| crate::syntax::keyword_value(opts, file.src, "level").is_some());
    sets_level
        && file.test(&call.ctx).is_some_and(|t| {
            file.calls_within(t.node)
                .any(|c| c.node.start_byte() > call.node.end_byte() && c.name == "capture_log")
        })
}

/// The call changes state every process sees; returns the alternative to suggest.
fn global_change(call: &Call) -> Option<&'static str> {
    let k = &grammar().kinds;
    Some(match (call.module.as_deref(), call.name) {
        (Some("Application"), "put_env" | "delete_env" | "put_all_env") => {
            "pass the setting to the code under test as an option"
        }
        (Some("System"), "put_env" | "delete_env") => {
            "read the variable once at the edge and pass the value in"
        }
        (Some(":persistent_term"), "put" | "erase") => {
            "give the code under test its own key (e.g. from `ctx.test`)"
        }
        (
            Some("Logger"),
            "configure"
            | "put_module_level"
            | "put_application_level"
            | "delete_module_level"
            | "delete_application_level",
        ) => "use `@tag :capture_log` or `capture_log/2` instead of changing Logger",
        (Some("Mox"), "set_mox_global") | (None, "set_mox_global") => {
            "use `set_mox_from_context` or private mode with `allow/3`"
        }
        (Some("Process" | ":erlang"), "register") if call.arity == 2 => {
            // `Process.register(pid, ctx.test)` is a unique name: fine.
            let name = call.arg(1)?;
            if name.kind_id() != k.atom && name.kind_id() != k.alias {
                return None;
            }
            "register under a per-test name such as `ctx.test`"
        }
        (Some(":telemetry"), "attach" | "attach_many") => {
            "attach it under an id unique to this test (`ctx.test`), so that concurrent tests cannot replace or detach each other's handlers, and match only on events this test causes"
        }
        _ => return None,
    })
}

/// `setup :set_mox_global`, `setup [:set_mox_global, ...]`, `setup {Mox, :set_mox_global}`.
fn mox_global_setup<'t>(file: &File<'t>, call: &Call<'t>) -> Option<Node<'t>> {
    let k = &grammar().kinds;
    if !(call.local && call.name == "setup" && call.do_block.is_none()) {
        return None;
    }
    let arg = call.arg(0)?;
    let candidates: Vec<Node> = if arg.kind_id() == k.list {
        ast::statements(arg).collect()
    } else {
        vec![arg]
    };
    candidates.into_iter().find(|c| {
        if c.kind_id() == k.tuple {
            let parts: Vec<Node> = ast::statements(*c).collect();
            return matches!(parts.as_slice(), [m, f]
                if file.text(*m) == "Mox" && ast::atom_name(*f, file.src) == Some("set_mox_global"));
        }
        ast::atom_name(*c, file.src) == Some("set_mox_global")
    })
}

/// Inside the fn given to `on_exit`: putting the old value back.
fn restores_in_on_exit(file: &File, call: &Call) -> bool {
    call.ctx
        .func
        .and_then(|f| file.fns[f as usize].called_by)
        .is_some_and(|c| {
            let on_exit = file.call(c);
            on_exit.local && on_exit.name == "on_exit"
        })
}

/// In the `after` of a `try` (or of the test itself), within the test: putting
/// the old value back, like `on_exit`.
pub(crate) fn restores_in_after(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    file.after_block_around(call.node)
        .is_some_and(|after| after.start_byte() >= test.node.start_byte())
}

/// `if !System.get_env("HOME"), do: System.put_env("HOME", System.user_home())`:
/// a variable set only where it is missing, so a test running at the same time sees
/// either nothing or the value it would have had anyway.
fn fills_if_unset(file: &File, call: &Call) -> bool {
    if !call.is("System", "put_env") {
        return false;
    }
    let Some(key) = call.arg(0).map(|k| file.text(k)) else {
        return false;
    };
    // The nearest `if`/`unless` around the call, within its test or setup block.
    let Some(block) = file.test(&call.ctx).map(|t| t.node.byte_range()) else {
        return false;
    };
    let guard = file
        .calls
        .iter()
        .filter(|c| c.local && matches!(c.name, "if" | "unless"))
        .filter(|c| block.contains(&c.node.start_byte()))
        .filter(|c| c.node.byte_range().contains(&call.node.start_byte()))
        .max_by_key(|c| c.node.start_byte());
    guard.and_then(|g| g.arg(0)).is_some_and(|cond| {
        file.calls_within(cond)
            .any(|c| c.is("System", "get_env") && c.arg(0).is_some_and(|k| file.text(k) == key))
    })
}

/// The argument naming what is changed: the handler id, the env key, the term key.
fn key_arg<'t>(call: &Call<'t>) -> Option<Node<'t>> {
    match (call.module.as_deref(), call.name) {
        (Some(":telemetry" | ":persistent_term" | "System"), _) => call.arg(0),
        (Some("Application"), "put_env" | "delete_env") => call.arg(1),
        _ => None,
    }
}

/// Is `node` a value no concurrent test can have: built from the test's name
/// (`ctx.test`, `%{test: name}`), `self()`, `make_ref()`, `System.unique_integer/1`,
/// or the test module's own name (`__MODULE__`: the tests of one module never run at
/// the same time), directly or through variables bound earlier in the test or setup
/// block (`me = self()` then `"h-#{inspect(me)}"`), or through a context key that a
/// `setup` of the module fills with such a value (`%{var: var}` from a setup that
/// builds `var` from `%{test: name}`)?
pub(crate) fn unique_per_test(file: &File, call: &Call, node: Node) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    unique_in(file, call, test, node, call.node.start_byte(), 0)
}

fn unique_in(file: &File, call: &Call, test: &Test, node: Node, before: usize, depth: u8) -> bool {
    if depth > 6 {
        return false;
    }
    let k = &grammar().kinds;
    let test_name_vars = test_name_variables(file, test);
    let unique_here = |n: Node| {
        ast::descendants(n).chain(std::iter::once(n)).any(|d| {
            let text = file.text(d);
            (d.kind_id() == k.call
                && (text == "self()"
                    || text == "make_ref()"
                    || text.starts_with("System.unique_integer(")
                    // ExUnit compiles each test into a function named after it.
                    || text == "__ENV__.function"
                    || is_test_field(file, d)))
                || (d.kind_id() == k.identifier
                    && (test_name_vars.contains(&text) || text == "__MODULE__"))
                || (d.kind_id() == k.alias && nested_in_test_module(file, call, text))
        })
    };
    if unique_here(node) {
        return true;
    }
    // `id = {__MODULE__, ctx.test}` or `{name, _} = __ENV__.function` earlier in
    // the block.
    let vars: Vec<&str> = ast::descendants(node)
        .chain(std::iter::once(node))
        .filter(|d| d.kind_id() == k.identifier)
        .map(|d| file.text(d))
        .collect();
    let bound_here = ast::descendants(test.node)
        .take_while(|d| d.start_byte() < before)
        .filter(|d| ast::is_binary_op(*d, file.src, "="))
        .any(|m| {
            let left = ast::field(m, grammar().fields.left);
            let right = ast::field(m, grammar().fields.right);
            left.is_some_and(|l| binds_one_of(file, l, &vars))
                && right.is_some_and(|r| unique_in(file, call, test, r, m.start_byte(), depth + 1))
        });
    bound_here || vars.iter().any(|v| from_setup_context(file, call, test, v, depth))
}

/// `test "...", %{env: env}` where a `setup` of the module (outside any describe, or
/// in the test's own) returns `env:` built from a unique value.
fn from_setup_context(file: &File, call: &Call, test: &Test, var: &str, depth: u8) -> bool {
    let k = &grammar().kinds;
    let Some(args) = ast::call_arguments(test.node) else {
        return false;
    };
    let keys: Vec<&str> = ast::descendants(args)
        .filter(|n| n.kind_id() == k.pair)
        .filter(|pair| {
            ast::field(*pair, grammar().fields.value)
                .is_some_and(|v| v.kind_id() == k.identifier && file.text(v) == var)
        })
        .filter_map(|pair| ast::field(pair, grammar().fields.key))
        .map(|key| ast::keyword_name(key, file.src))
        .filter(|key| *key != "test")
        .collect();
    if keys.is_empty() {
        return false;
    }
    file.tests
        .iter()
        .filter(|s| s.kind == TestKind::Setup && s.module == test.module)
        .filter(|s| s.describe.is_none() || s.describe == test.describe)
        .filter(|s| s.node.start_byte() != test.node.start_byte())
        .any(|setup| {
            ast::descendants(setup.node)
                .filter(|n| n.kind_id() == k.pair)
                .filter(|pair| {
                    ast::field(*pair, grammar().fields.key)
                        .is_some_and(|key| keys.contains(&ast::keyword_name(key, file.src)))
                })
                .filter_map(|pair| ast::field(pair, grammar().fields.value))
                .any(|value| unique_in(file, call, setup, value, value.start_byte(), depth + 1))
        })
}

/// Does the pattern `left` (a variable, or a tuple such as `{name, _arity}`) bind one
/// of `vars`?
fn binds_one_of(file: &File, left: Node, vars: &[&str]) -> bool {
    let k = &grammar().kinds;
    let binds = |n: Node| n.kind_id() == k.identifier && vars.contains(&file.text(n));
    binds(left) || (left.kind_id() == k.tuple && ast::descendants(left).any(binds))
}

/// Does `alias` (as written at `call`) name a module defined inside the test module,
/// such as `defmodule StepMigration` in `MyApp.MigrationTest`? Only that module's
/// tests use a key named after it.
fn nested_in_test_module(file: &File, call: &Call, alias: &str) -> bool {
    let Some(test_module) = file.module(&call.ctx) else {
        return false;
    };
    let own = format!("{}.", test_module.name);
    let expanded = file.module_at(alias, call.node.start_byte());
    let nested = format!("{own}{alias}");
    // `defmodule WebApp.Metrics` inside the test module aliases `WebApp` to the test
    // module's `WebApp`: `WebApp.Repo` then names a module under the test's own name,
    // defined or not.
    expanded.starts_with(&own)
        || file
            .modules
            .iter()
            .any(|m| m.name.starts_with(&own) && (m.name == expanded || m.name == nested))
}

/// `ctx.test`, `context.test`, `meta.test`: the test's name from its context.
fn is_test_field(file: &File, node: Node) -> bool {
    let k = &grammar().kinds;
    node.named_child(0).is_some_and(|dot| {
        dot.kind_id() == k.dot
            && ast::field(dot, grammar().fields.right).is_some_and(|r| file.text(r) == "test")
            && ast::field(dot, grammar().fields.left).is_some_and(|l| l.kind_id() == k.identifier)
    })
}

/// Variables bound to the test's name in its context pattern: `%{test: name}`.
fn test_name_variables<'s>(file: &File<'s>, test: &Test) -> Vec<&'s str> {
    let k = &grammar().kinds;
    let Some(args) = ast::call_arguments(test.node) else {
        return Vec::new();
    };
    ast::descendants(args)
        .filter(|n| n.kind_id() == k.pair)
        .filter(|pair| {
            ast::field(*pair, grammar().fields.key)
                .is_some_and(|key| ast::keyword_name(key, file.src) == "test")
        })
        .filter_map(|pair| ast::field(pair, grammar().fields.value))
        .filter(|v| v.kind_id() == k.identifier)
        .map(|v| file.text(v))
        .collect()
}

/// `use ExUnit.Case, async: true` → `async: false`.
fn async_false_fix(file: &File, module: &Module) -> Option<Fix> {
    let value = module.uses.iter().find_map(|(_, opts)| {
        let v = ast::keyword_value((*opts)?, file.src, "async")?;
        (file.text(v) == "true").then_some(v)
    })?;
    Some(Fix::unsafe_(
        "Run this module with `async: false`",
        vec![Edit::replace(value.byte_range(), "false")],
    ))
}

/// What the project pass needs from a file: the changes this file's check may have
/// reported under a literal atom key, and every atom name the file mentions; for
/// telemetry handlers, the handler ids and event names the file attaches, detaches
/// or mentions.
struct KeyFacts {
    /// (start byte of the change, a key's name); a change with several keys (a
    /// handler's id and its events) is retracted only when none is mentioned elsewhere.
    changes: Vec<(usize, String)>,
    mentions: NameSet,
    /// OS variables read only at boot: (the key, `os-env NAME`, and the mentions by
    /// which another file could still make the code read it at run time).
    boot_reads: Vec<(String, Vec<String>)>,
    /// How a test/support file is reached, to tell support code that only one test
    /// module drives (its mentions are that module's own) from shared support code.
    reach: Reach,
    /// A test/support file with several modules: the atoms each module names, so a
    /// mention inside a module that only one test module drives counts as that test
    /// module's own, even when other modules of the file are shared.
    module_atoms: Vec<(String, NameSet)>,
    /// A test's `Application.put_env(:app, :key, value)` with a literal value: (start
    /// byte, `env app key`, the value as written).
    puts: Vec<(usize, String, String)>,
    /// A config file's `config :app, key: value` with a literal value: (`env app key`,
    /// the value as written, the file's name: `config.exs`, `test.exs`...).
    configured: Vec<(String, String, String)>,
    /// Lib code's `:telemetry.execute/span` of a literal event: (`event a.b`, the
    /// module that emits it).
    emitters: Vec<(String, String)>,
}

/// Which code a file can drive, and (for test/support files) what it defines.
/// `test/start-supervised` uses it too.
#[derive(Default)]
pub(crate) struct Reach {
    /// A test/support file: its modules' names (empty for any other file).
    defines: Vec<String>,
    /// Module aliases the file names, as written, besides route targets.
    refs: std::collections::BTreeSet<String>,
    /// `live "/receipts", ReceiptLive`: (the path up to its first parameter, alias).
    routes: Vec<(String, String)>,
    /// Literal paths the file names (`live(conn, "/receipts?id=1")` → `/receipts`),
    /// flagged when interpolation cuts them short.
    paths: std::collections::BTreeSet<(String, bool)>,
}

/// `System.put_env("SHOP_TOKEN", value)` (or `delete_env`): the variable's name, when
/// it is a literal and not one that the VM, Mix, the shell or common libraries read
/// (`HOME`, `TZ`, `MIX_ENV`, ...), which other tests meet whether they name it or not.
///
/// `System.put_env([{"SHOP_TOKEN", "x"}])` or `System.put_env(%{"SHOP_TOKEN" => "x"})`
/// sets each variable of the literal list or map: their names, when every one is such
/// a name.
fn os_env_names(file: &File, call: &Call) -> Option<Vec<String>> {
    let k = &grammar().kinds;
    if call.module.as_deref() != Some("System") || !matches!(call.name, "put_env" | "delete_env") {
        return None;
    }
    let name_of = |node: Node| {
        let (name, open) = path_literal(file, node)?;
        (!open && is_env_var_name(&name) && !is_well_known_env_var(&name)).then_some(name)
    };
    let arg = call.arg(0)?;
    if !(call.name == "put_env" && call.arity == 1) {
        return name_of(arg).map(|name| vec![name]);
    }
    let pairs: Vec<Node> = if arg.kind_id() == k.list {
        ast::named_children(arg).collect()
    } else if arg.kind_id() == k.map {
        ast::named_children(arg).filter(|c| c.kind_id() == k.map_content).flat_map(ast::named_children).collect()
    } else {
        return None;
    };
    fn name_node<'t>(pair: Node<'t>, src: &str) -> Option<Node<'t>> {
        let k = &grammar().kinds;
        if pair.kind_id() == k.tuple && ast::named_children(pair).count() == 2 {
            pair.named_child(0)
        } else if ast::is_binary_op(pair, src, "=>") {
            ast::field(pair, grammar().fields.left)
        } else {
            None
        }
    }
    let names: Option<Vec<String>> = pairs.iter().map(|&pair| name_of(name_node(pair, file.src)?)).collect();
    names.filter(|names| !names.is_empty())
}

/// `SHOP_TOKEN`, or a test's own `ShopConfigTest`: a capital letter, then letters,
/// digits and underscores.
fn is_env_var_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase()) && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_well_known_env_var(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "HOME", "PATH", "TZ", "LANG", "USER", "SHELL", "TERM", "TMPDIR", "TMP", "TEMP", "PWD", "HOSTNAME",
        "DATABASE_URL", "SECRET_KEY_BASE", "PORT", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "CI",
    ];
    const PREFIXES: &[&str] = &["MIX_", "ERL_", "ELIXIR_", "HEX_", "LC_", "XDG_", "OTP_", "REBAR"];
    NAMES.contains(&name) || PREFIXES.iter().any(|p| name.starts_with(p))
}

/// `System.get_env/0`, `:os.getenv/0`: reads every variable, whatever its name.
fn reads_whole_os_env(call: &Call) -> bool {
    call.arity == 0 && (call.is("System", "get_env") || call.is(":os", "getenv"))
}

/// The literal atom a change is keyed by: the env key, the term key, the registered
/// name.
fn atom_key<'s>(file: &File<'s>, call: &Call) -> Option<&'s str> {
    let key = match (call.module.as_deref(), call.name) {
        (Some("Process" | ":erlang"), "register") => call.arg(1),
        _ => key_arg(call),
    }?;
    (key.kind_id() == grammar().kinds.atom).then(|| ast::atom_name(key, file.src)).flatten()
}

/// `Process.register(self(), ProbeProc)`: the registered module name, expanded
/// through the file's aliases, as other files' mentions of it are.
fn alias_key(file: &File, call: &Call) -> Option<String> {
    let key = match (call.module.as_deref(), call.name) {
        (Some("Process" | ":erlang"), "register") => call.arg(1),
        _ => None,
    }?;
    (key.kind_id() == grammar().kinds.alias)
        .then(|| format!("alias {}", file.module_at(file.text(key), key.start_byte())))
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    let k = &grammar().kinds;
    let changes: Vec<(usize, String)> = if file.scope == crate::FileScope::Test {
        file.calls
            .iter()
            .filter(|c| c.ctx.test.is_some() && global_change(c).is_some())
            .filter(|c| !matches!(c.module.as_deref(), Some(":telemetry" | "Logger" | "Mox")))
            .filter_map(|c| {
                if let Some(names) = os_env_names(file, c) {
                    return Some(names.into_iter().map(|name| (c.expr.start_byte(), format!("os-env {name}"))).collect());
                }
                let key = match env_pair(file, c) {
                    // A module key is read by code that builds it (`__MODULE__`), which
                    // names no atom: keep such a change.
                    Some((Some(app), Some(key))) if !key.starts_with(|c: char| c.is_ascii_uppercase()) => {
                        format!("env {app} {key}")
                    }
                    _ => match atom_key(file, c) {
                        Some(atom) => atom.to_string(),
                        None => alias_key(file, c)?,
                    },
                };
                Some(vec![(c.expr.start_byte(), key)])
            })
            .flatten()
            .collect()
    } else {
        Vec::new()
    };
    let mut changes = changes;
    if file.scope == crate::FileScope::Test {
        for c in file.calls.iter().filter(|c| c.ctx.test.is_some()) {
            if let Some(keys) = telemetry_keys(file, c) {
                changes.extend(keys.into_iter().map(|key| (c.expr.start_byte(), key)));
            }
        }
    }
    let mut boot_reads: Vec<(String, Vec<String>)> = Vec::new();
    let mut mentions: std::collections::BTreeSet<String> = [k.atom, k.keyword, k.list, k.string]
        .iter()
        .flat_map(|&kind| file.nodes_of(kind))
        .filter_map(|&n| {
            if n.kind_id() == k.atom {
                ast::atom_name(n, file.src).map(str::to_string)
            } else if n.kind_id() == k.keyword {
                Some(file.text(n).trim_end().trim_end_matches(':').to_string())
            } else if n.kind_id() == k.list {
                event_name(file, n)
            } else if n.kind_id() == k.string {
                // `System.get_env("SHOP_TOKEN")`, `{System, :get_env, ["SHOP_TOKEN"]}`,
                // `SHOP_TOKEN=... mix test` in a script: any literal naming it.
                // Cheap test first: the content must start with a capital letter.
                file.text(n)
                    .as_bytes()
                    .get(1)
                    .is_some_and(u8::is_ascii_uppercase)
                    .then(|| path_literal(file, n))
                    .flatten()
                    .filter(|(text, open)| !open && is_env_var_name(text))
                    .map(|(text, _)| format!("os-env {text}"))
                    .filter(|key| match boot_guards(file, n) {
                        Some(guards) => {
                            boot_reads.push((key.clone(), guards));
                            false
                        }
                        None => true,
                    })
            } else {
                None
            }
        })
        .collect();
    // A module name registered as a process name is met wherever it is written.
    mentions.extend(
        file.nodes_of(k.alias)
            .iter()
            .map(|n| format!("alias {}", file.module_at(file.text(*n), n.start_byte()))),
    );
    // What may make code read an OS variable that otherwise only boot code reads.
    if matches!(file.scope, crate::FileScope::Test | crate::FileScope::TestSupport) {
        mentions.extend(
            file.nodes_of(k.alias)
                .iter()
                .map(|n| format!("test-ref {}", file.module_at(file.text(*n), n.start_byte()))),
        );
    }
    mentions.extend(
        file.calls
            .iter()
            .filter_map(|c| Some(format!("call {}.{}", c.module.as_deref()?, c.name))),
    );
    for c in &file.calls {
        if let Some((app, key)) = env_pair(file, c) {
            // A key held in a variable is `?`: whoever passes the key names it.
            let key = match key {
                Some(key) => key,
                None if takes_key(c) => "?",
                // A test that reads every key looks for its own among them
                // (`{:probe, :on} in Application.get_all_env(:app)`); code that does
                // hands the whole environment on.
                None if file.scope == crate::FileScope::Test => continue,
                None => "*",
            };
            mentions.insert(format!("env {} {key}", app.unwrap_or("?")));
        }
        if reads_whole_os_env(c) {
            mentions.insert("os-env *".to_string());
        }
        if c.local && c.name == "config" && c.arity >= 2 {
            mentions.extend(config_keys(file, c));
        }
    }
    // `:telemetry.span([:tesla, :request], ...)` in lib code: the module that emits
    // events under that prefix (`span` adds `:start`, `:stop`, `:exception`).
    let mut emitters: Vec<(String, String)> = Vec::new();
    if file.scope == crate::FileScope::Lib {
        for c in file.calls_named_any(&["execute", "span"]) {
            if c.module.as_deref() == Some(":telemetry")
                && let (Some(name), Some(module)) = (c.arg(0).and_then(|e| event_name(file, e)), file.module(&c.ctx))
            {
                emitters.push((name, module.name.clone()));
            }
        }
        emitters.sort();
        emitters.dedup();
    }
    for c in file.calls_named_any(&["attach", "attach_many", "detach"]) {
        if c.module.as_deref() == Some(":telemetry")
            && let Some(id) = c.arg(0).and_then(|id| handler_id(file, id))
        {
            mentions.insert(id);
        }
    }
    // ExUnit runs the synchronous modules after every async one has finished: a
    // test file with no async module never sees an async test's change.
    let runs_alone = file.scope == crate::FileScope::Test
        && file.modules.iter().any(|m| m.is_test_case)
        && !file.modules.iter().any(|m| m.async_tests);
    if runs_alone {
        mentions.clear();
    }
    let reach = reach_of(file);
    changes.shrink_to_fit();
    if runs_alone {
        boot_reads.clear();
    }
    let puts = if file.scope == crate::FileScope::Test { literal_puts(file) } else { Vec::new() };
    let configured = if file.path.starts_with("config/") { configured_values(file) } else { Vec::new() };
    Some(Box::new(KeyFacts {
        changes,
        mentions: mentions.into_iter().collect(),
        boot_reads,
        reach,
        module_atoms: module_atoms(file),
        puts,
        configured,
        emitters,
    }))
}

/// A literal value as written (`true`, `:eu`, `42`, `"https://..."`), or `None` for
/// anything computed.
fn literal_value<'s>(file: &File<'s>, node: Node) -> Option<&'s str> {
    ast::is_scalar_literal(node).then(|| file.text(node))
}

/// The test's `Application.put_env(:app, :key, value)` calls with a literal value, and
/// its `delete_env` calls (value `-`).
fn literal_puts(file: &File) -> Vec<(usize, String, String)> {
    file.calls
        .iter()
        .filter(|c| c.ctx.test.is_some() && c.module.as_deref() == Some("Application"))
        .filter_map(|c| {
            let (Some(app), Some(key)) = env_pair(file, c)? else { return None };
            let value = match c.name {
                "put_env" => literal_value(file, c.arg(2)?).unwrap_or("?"),
                "delete_env" => "-",
                _ => return None,
            };
            Some((c.expr.start_byte(), format!("env {app} {key}"), value.to_string()))
        })
        .collect()
}

/// `config :app, key: value` in a config file, with literal values.
fn configured_values(file: &File) -> Vec<(String, String, String)> {
    let k = &grammar().kinds;
    let name = file.path.rsplit('/').next().unwrap_or(file.path).to_string();
    let mut out = Vec::new();
    for c in file.calls.iter().filter(|c| c.local && c.name == "config" && c.arity >= 2) {
        let Some(app) = c.arg(0).filter(|a| a.kind_id() == k.atom).and_then(|a| ast::atom_name(a, file.src)) else {
            continue;
        };
        let Some(pairs) = c.arg(1).filter(|a| a.kind_id() == k.keywords) else { continue };
        for pair in ast::named_children(pairs) {
            let (Some(key), Some(value)) = (pair.named_child(0), pair.named_child(1)) else { continue };
            let key = file.text(key).trim_end().trim_end_matches(':');
            let value = literal_value(file, value).unwrap_or("?");
            out.push((format!("env {app} {key}"), value.to_string(), name.clone()));
        }
    }
    out
}

/// The value the test environment's config gives `key`: `test.exs` over `config.exs`;
/// none when `runtime.exs` (or another file) may set it too, or the value is computed.
fn test_config_value<'a>(all: &[(usize, &'a KeyFacts)], key: &str) -> Option<&'a str> {
    let set: Vec<(&str, &str)> = all
        .iter()
        .flat_map(|(_, f)| f.configured.iter())
        .filter(|(k, _, _)| k == key)
        .map(|(_, v, file)| (v.as_str(), file.as_str()))
        .collect();
    if set.iter().any(|(_, file)| !matches!(*file, "config.exs" | "test.exs" | "dev.exs" | "prod.exs")) {
        return None;
    }
    let value = set
        .iter()
        .rev()
        .find(|(_, file)| *file == "test.exs")
        .or_else(|| set.iter().rev().find(|(_, file)| *file == "config.exs"))
        .map(|(v, _)| *v)?;
    (value != "?").then_some(value)
}

/// A literal naming an OS variable that only boot code reads: in a config file
/// (evaluated once, before any test runs), or in a function of a `lib/` module that is
/// itself `child_spec`, `start_link`, `init` or an application's `start/2`, or that
/// only such functions of its module call (`def pools` that `child_spec/1` calls with
/// the variable's name). Returns what another file would have to mention to read it
/// again at run time: the module (a test that starts it, or calls it), and the public
/// reading function (another module calling it).
fn boot_guards(file: &File, literal: Node) -> Option<Vec<String>> {
    if file.scope == crate::FileScope::Other && file.path.starts_with("config/") {
        return Some(Vec::new());
    }
    if file.scope != crate::FileScope::Lib {
        return None;
    }
    let def = file.def_around(literal.start_byte())?;
    let module = &file.modules.get(def.module? as usize)?.name;
    let is_boot = |d: &crate::model::Def| {
        matches!(d.name, "child_spec" | "start_link" | "init") || d.name == "start" && d.arity == 2
    };
    let mut guards = vec![format!("test-ref {module}")];
    if !is_boot(def) {
        let mut callers = file
            .calls
            .iter()
            .filter(|c| c.local && c.module.is_none() && c.name == def.name && c.ctx.module == def.module)
            .map(|c| c.ctx.def.map(|d| &file.defs[d as usize]))
            .peekable();
        callers.peek()?;
        if !callers.all(|caller| caller.is_some_and(|d| is_boot(d) || d.name == def.name)) {
            return None;
        }
        if def.kind == "def" {
            guards.push(format!("call {module}.{}", def.name));
        }
    }
    Some(guards)
}

/// For a test/support file that defines several modules, the atom names (atoms and
/// keyword keys) written inside each one, nested modules apart.
fn module_atoms(file: &File) -> Vec<(String, NameSet)> {
    let k = &grammar().kinds;
    let modules: Vec<&crate::model::Module> = file.modules.iter().filter(|m| !m.quoted).collect();
    if file.scope != crate::FileScope::TestSupport || modules.len() < 2 {
        return Vec::new();
    }
    let mut atoms: Vec<std::collections::BTreeSet<String>> = vec![Default::default(); modules.len()];
    for &n in [k.atom, k.keyword].iter().flat_map(|&kind| file.nodes_of(kind)) {
        let name = if n.kind_id() == k.atom {
            ast::atom_name(n, file.src).map(str::to_string)
        } else {
            Some(file.text(n).trim_end().trim_end_matches(':').to_string())
        };
        // The innermost module holding the node.
        let holder = (0..modules.len())
            .filter(|&i| modules[i].node.byte_range().contains(&n.start_byte()))
            .min_by_key(|&i| modules[i].node.byte_range().len());
        if let (Some(name), Some(i)) = (name, holder) {
            atoms[i].insert(name);
        }
    }
    modules
        .iter()
        .zip(atoms)
        .map(|(m, names)| (m.name.clone(), names.into_iter().collect()))
        .collect()
}

/// Is every module of the test/support file `g` that names `key` one that only
/// `f`'s test module drives? (`false` when no module names it: it is written outside
/// them, or the file was not split.)
fn named_only_by_own_modules(all: &[(usize, &Reach)], file: usize, f: &Reach, other: usize, g: &KeyFacts, key: &str) -> bool {
    let mut naming = g.module_atoms.iter().filter(|(_, atoms)| atoms.contains(key)).peekable();
    naming.peek().is_some()
        && naming.all(|(module, _)| {
            let alone = Reach {
                defines: vec![module.clone()],
                ..Reach::default()
            };
            own_support(all, file, f, other, &alone)
        })
}

pub(crate) fn reach_of(file: &File) -> Reach {
    let k = &grammar().kinds;
    let mut reach = Reach::default();
    if file.scope == crate::FileScope::TestSupport {
        reach.defines = file.modules.iter().filter(|m| !m.quoted).map(|m| m.name.clone()).collect();
    }
    // Route declarations: their path and target are the route, not a use of either.
    let mut route_parts: Vec<usize> = Vec::new();
    for c in &file.calls {
        let (Some(path), Some(target)) = (c.arg(0), c.arg(1)) else {
            continue;
        };
        if !c.local || target.kind_id() != k.alias {
            continue;
        }
        let Some((path_text, _)) = path_literal(file, path).filter(|(p, _)| p.starts_with('/')) else {
            continue;
        };
        // `/receipts/:id` is reached by `/receipts/42`.
        let fixed = path_text.split([':', '*']).next().unwrap_or("/").to_string();
        reach.routes.push((fixed, file.text(target).to_string()));
        route_parts.extend([path.start_byte(), target.start_byte()]);
    }
    // The dotted tails of the file's module names (`ReceiptLive.LC`, `LC` of
    // `Shop.ReceiptLive.LC`), asked for each alias: a set, not a scan of the modules.
    let tails: std::collections::HashSet<&str> = file
        .modules
        .iter()
        .flat_map(|m| m.name.match_indices('.').map(|(at, _)| &m.name[at + 1..]))
        .collect();
    for &n in [k.alias, k.string, k.sigil].iter().flat_map(|&kind| file.nodes_of(kind)) {
        if route_parts.contains(&n.start_byte()) {
            continue;
        }
        if n.kind_id() == k.alias {
            let written = file.text(n);
            // `LC` inside the file that defines `Shop.ReceiptLive.LC` names its own module.
            if !tails.contains(written) {
                reach.refs.insert(file.module_at(written, n.start_byte()));
            }
        } else if let Some(path) = file
            .text(n)
            .contains('/')
            .then(|| path_literal(file, n))
            .flatten()
            .filter(|(p, _)| p.starts_with('/'))
        {
            reach.paths.insert(path);
        }
    }
    reach
}

/// Is `g` (a test/support file) support code that only `f`'s test module drives: `f`
/// reaches it and no file of `all` but `f` and `g` does? Such code (a LiveView, a
/// helper, a fixture module) runs only while that module's tests run, and those never
/// run at the same time, so what it mentions is that module's own.
pub(crate) fn own_support(all: &[(usize, &Reach)], file: usize, f: &Reach, other: usize, g: &Reach) -> bool {
    // Does `h` drive code of `g`: name one of its modules, or visit a route to one?
    let names = |alias: &str, define: &str| define == alias || define.strip_suffix(alias).is_some_and(|p| p.ends_with('.'));
    let reaches = |h: &Reach, g: &Reach| {
        g.defines.iter().any(|d| {
            h.refs.iter().any(|r| names(r, d))
                || all.iter().flat_map(|(_, r)| &r.routes).any(|(route, target)| {
                    names(target, d)
                        && h.paths.iter().any(|(p, open)| {
                            // A bare `"/#{path}"` takes its path from elsewhere, where it is written.
                            p.contains(route.as_str()) || *open && p.len() > 1 && route.contains(p.as_str())
                        })
                })
        })
    };
    !g.defines.is_empty() && reaches(f, g) && !all.iter().any(|(h, hf)| *h != file && *h != other && reaches(hf, g))
}

impl Reach {
    /// Adds the reach to a rule's encoded facts (a JSON object).
    pub(crate) fn encode_into(&self, facts: &mut serde_json::Value) {
        facts["defines"] = serde_json::json!(self.defines);
        facts["refs"] = serde_json::json!(self.refs);
        facts["routes"] = serde_json::json!(self.routes);
        facts["paths"] = serde_json::json!(self.paths);
    }

    /// The reach [`Reach::encode_into`] added to `facts`.
    pub(crate) fn decode(facts: &serde_json::Value) -> Option<Reach> {
        let strings = |key: &str| -> Option<Vec<String>> {
            facts.get(key)?.as_array()?.iter().map(|v| v.as_str().map(str::to_string)).collect()
        };
        Some(Reach {
            defines: strings("defines")?,
            refs: strings("refs")?.into_iter().collect(),
            routes: facts
                .get("routes")?
                .as_array()?
                .iter()
                .map(|r| Some((r.get(0)?.as_str()?.to_string(), r.get(1)?.as_str()?.to_string())))
                .collect::<Option<_>>()?,
            paths: facts
                .get("paths")?
                .as_array()?
                .iter()
                .map(|p| Some((p.get(0)?.as_str()?.to_string(), p.get(1)?.as_bool()?)))
                .collect::<Option<_>>()?,
        })
    }
}

/// The literal start of a string or sigil, cut at a query or fragment, and whether
/// interpolation cut it short: `"/receipts?id=#{id}"` → (`/receipts`, false).
fn path_literal(file: &File, node: Node) -> Option<(String, bool)> {
    let k = &grammar().kinds;
    if node.kind_id() != k.string && node.kind_id() != k.sigil {
        return None;
    }
    let mut parts = ast::named_children(node).filter(|c| c.kind() != "sigil_name" && c.kind() != "sigil_modifiers");
    let first = parts.next()?;
    if first.kind() != "quoted_content" {
        return None;
    }
    let text = file.text(first);
    // Only interpolation leaves the rest unknown (not an escape such as `\t`).
    let open = parts.next().is_some_and(|n| n.kind_id() == k.interpolation);
    Some(match text.find(['?', '#']) {
        Some(cut) => (text[..cut].to_string(), false),
        None => (text.to_string(), open),
    })
}

/// The application and key of an `Application` env call, each when written as a
/// literal: `Application.put_env(:shop, :tax_rate, 5)` → `(:shop, :tax_rate)`. The key
/// is `None` for the calls that take or set every key (`get_all_env/1`).
fn env_pair<'s>(file: &File<'s>, call: &Call) -> Option<(Option<&'s str>, Option<&'s str>)> {
    let k = &grammar().kinds;
    let takes_key = match (call.module.as_deref()?, call.name) {
        (
            "Application",
            "get_env" | "fetch_env" | "fetch_env!" | "compile_env" | "compile_env!" | "put_env" | "delete_env",
        ) => true,
        ("Application", "get_all_env" | "put_all_env") => false,
        _ => return None,
    };
    let literal = |n: Node| -> Option<&'s str> {
        if n.kind_id() == k.atom {
            ast::atom_name(n, file.src)
        } else if n.kind_id() == k.unary_operator {
            attribute_atom(file, n)
        } else if matches!(n.kind_id(), x if x == k.list || x == k.string || x == k.tuple || x == k.alias) {
            // A module key (`put_env(:shop, Shop.Endpoint, ...)`) is as literal as an atom.
            Some(file.text(n))
        } else {
            None
        }
    };
    let app = call.arg(0).filter(|a| a.kind_id() == k.atom).and_then(|a| ast::atom_name(a, file.src));
    let key = if takes_key {
        call.arg(1).and_then(literal)
    } else {
        None
    };
    Some((app, key))
}

/// `@booted_key` where the file sets `@booted_key :config_provider_booted`: the atom.
fn attribute_atom<'s>(file: &File<'s>, use_site: Node) -> Option<&'s str> {
    let k = &grammar().kinds;
    let name = file.text(use_site).strip_prefix('@')?;
    file.nodes_of(k.unary_operator)
        .iter()
        .filter(|n| n.start_byte() != use_site.start_byte())
        .filter_map(|n| n.named_child(0).filter(|c| c.kind_id() == k.call))
        .filter(|set| set.named_child(0).is_some_and(|t| file.text(t) == name))
        .find_map(|set| {
            let value = ast::call_arguments(set)?.named_child(0)?;
            (value.kind_id() == k.atom).then(|| ast::atom_name(value, file.src)).flatten()
        })
}

fn takes_key(call: &Call) -> bool {
    !matches!(call.name, "get_all_env" | "put_all_env")
}

/// `config :shop, tax_rate: 5, Shop.Repo, ...`: the env keys a config file sets.
fn config_keys(file: &File, call: &Call) -> Vec<String> {
    let k = &grammar().kinds;
    let Some(app) = call.arg(0).filter(|a| a.kind_id() == k.atom).and_then(|a| ast::atom_name(a, file.src)) else {
        return Vec::new();
    };
    let Some(second) = call.arg(1) else {
        return Vec::new();
    };
    if second.kind_id() == k.alias {
        return vec![format!("env {app} {}", file.text(second))];
    }
    // `config :shop, :tax_rate, 5` sets that one key.
    if second.kind_id() == k.atom
        && call.arity >= 3
        && let Some(key) = ast::atom_name(second, file.src)
    {
        return vec![format!("env {app} {key}")];
    }
    ast::descendants(second)
        .filter(|n| n.kind_id() == k.keyword && file.parent(*n).and_then(|p| file.parent(p)) == Some(second))
        .map(|n| format!("env {app} {}", file.text(n).trim_end().trim_end_matches(':')))
        .chain(std::iter::once(format!("env {app} *")).filter(|_| second.kind_id() != k.keywords))
        .collect()
}

/// `:telemetry.attach("checkout-handler", [:shop, :checkout], ...)`: the keys under
/// which it can meet another test, its handler id and its events, when all are
/// literals and the file itself fires each event (names it outside the attach). An
/// event only the attach names comes from code that builds its name (Ecto's repo
/// events from the repo's module name), which other tests run too.
fn telemetry_keys(file: &File, call: &Call) -> Option<Vec<String>> {
    let k = &grammar().kinds;
    if call.module.as_deref() != Some(":telemetry") {
        return None;
    }
    let mut keys = vec![handler_id(file, call.arg(0)?)?];
    let events = call.arg(1)?;
    let lists: Vec<Node> = match call.name {
        "attach" => vec![events],
        "attach_many" if events.kind_id() == k.list => ast::named_children(events).collect(),
        _ => return None,
    };
    for list in lists {
        let name = event_name(file, list)?;
        // Named outside every attach and every receive pattern: another test's
        // attach of the same event, or its assertion on the message, fires nothing.
        let attaches: Vec<std::ops::Range<usize>> = file
            .calls
            .iter()
            .filter(|c| {
                c.module.as_deref() == Some(":telemetry") && matches!(c.name, "attach" | "attach_many")
                    || c.name.starts_with("assert_receive")
                    || c.name.starts_with("refute_receive")
            })
            .map(|c| c.node.byte_range())
            .collect();
        let fired_here = file.nodes_of(k.list).iter().any(|&n| {
            !attaches.iter().any(|a| a.contains(&n.start_byte()))
                && event_name(file, n).as_ref() == Some(&name)
        });
        if fired_here {
            keys.push(name);
        } else if !pins_its_messages(file, call) && !forwards_to_emitter(file, call) {
            // Fired by lib code: the project pass asks whether other tests drive it.
            keys.push(format!("emitted {name}"));
        }
    }
    Some(keys)
}

/// Does every message the test takes from its mailbox pin a value of its own
/// (`assert_received {:query, %{conf: ^conf}}`), with no `refute_receive`? Then
/// events that other tests cause reach the handler but never the assertions.
fn pins_its_messages(file: &File, call: &Call) -> bool {
    let Some(test) = file.test(&call.ctx) else {
        return false;
    };
    let k = &grammar().kinds;
    let mut checks = file
        .calls_within(test.node)
        .filter(|c| c.name.starts_with("assert_receive") || c.name.starts_with("refute_receive"))
        .peekable();
    checks.peek().is_some()
        && checks.all(|c| {
            c.name.starts_with("assert")
                && c.arg(0).is_some_and(|pattern| {
                    ast::descendants(pattern).any(|n| n.kind_id() == k.unary_operator && file.text(n).starts_with('^'))
                })
        })
}

/// Does the handler only message the process that fires the event
/// (`send(self(), {:telemetry, event, meta})`)? Telemetry runs handlers in the
/// emitting process, so another test's events land in that test's own mailbox, never
/// in this one's. The handler is a `fn` written in place or a capture of a function
/// of this file (`&TeleHandler.handle/4`).
fn forwards_to_emitter(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(handler) = call.arg(2) else {
        return false;
    };
    let bodies: Vec<Node> = if handler.kind_id() == k.anonymous_function {
        vec![handler]
    } else {
        let Some(capture) = file.calls_within(handler).find(|c| c.node == handler && c.capture) else {
            return false;
        };
        // `&TeleHandler.handle/4`: the module as written, matched on the end of the
        // name of a module this file defines.
        let written = file.text(capture.target);
        let module_part = written.rsplit_once('.').map(|(m, _)| m);
        file.defs
            .iter()
            .filter(|d| d.name == capture.name && d.arity == capture.arity)
            .filter(|d| match (module_part, d.module) {
                (None, m) => m == call.ctx.module,
                (Some(part), Some(m)) => {
                    let name = &file.modules[m as usize].name;
                    name == part || name.ends_with(&format!(".{part}"))
                }
                (Some(_), None) => false,
            })
            .map(|d| d.node)
            .collect()
    };
    let mut sends = bodies
        .iter()
        .flat_map(|b| file.calls_within(*b))
        .filter(|c| c.is("Kernel", "send") || c.is("Process", "send") || c.is("Process", "send_after"))
        .peekable();
    sends.peek().is_some() && sends.all(|c| c.arg(0).is_some_and(|d| file.text(d) == "self()"))
}

/// A handler id written as a plain string literal: `handler "checkout-handler"`.
fn handler_id(file: &File, id: Node) -> Option<String> {
    let k = &grammar().kinds;
    (id.kind_id() == k.string && !ast::descendants(id).any(|n| n.kind_id() == k.interpolation))
        .then(|| format!("handler {}", file.text(id)))
}

/// A list of two or more atoms, as telemetry names events: `event [:shop, :checkout]`.
fn event_name(file: &File, list: Node) -> Option<String> {
    let k = &grammar().kinds;
    if list.kind_id() != k.list {
        return None;
    }
    let atoms: Vec<&str> = ast::named_children(list)
        .map(|a| (a.kind_id() == k.atom).then(|| ast::atom_name(a, file.src)).flatten())
        .collect::<Option<_>>()?;
    (atoms.len() >= 2).then(|| format!("event {}", atoms.join(".")))
}

/// Can a test other than `file`'s set off `event` (`event tesla.request.start`), which
/// `file` does not fire itself? Yes when no lib module is seen to emit it (its name is
/// built elsewhere), when another file names the event itself, or when a file other
/// than `file` and the emitter's own names an emitting module: a test, or lib code
/// that other tests run, drives it. An emitter under a prefix counts (`:telemetry.span/3`
/// of `[:tesla, :request]` emits `[:tesla, :request, :start]`).
fn emitted_elsewhere(all: &[(usize, &KeyFacts)], file: usize, event: &str) -> bool {
    let mut emitters: Vec<(usize, &str)> = Vec::new();
    for (g, facts) in all.iter().filter(|(g, _)| *g != file) {
        for (prefix, module) in &facts.emitters {
            let covers = event == prefix || event.strip_prefix(prefix.as_str()).is_some_and(|rest| rest.starts_with('.'));
            if covers {
                emitters.push((*g, module));
            }
        }
    }
    if emitters.is_empty() {
        return true;
    }
    let named_elsewhere = all
        .iter()
        .any(|(g, facts)| *g != file && !emitters.iter().any(|(e, _)| e == g) && facts.mentions.contains(event));
    named_elsewhere
        || emitters.iter().any(|(e, module)| {
            let alias = format!("alias {module}");
            all.iter().any(|(h, facts)| *h != file && h != e && facts.mentions.contains(&alias))
        })
}

/// A change keyed by an atom that no other file of the project mentions (no lib code
/// reads that env key, no config sets it, no other test registers that name) can only
/// be seen by this file's own tests, which do not run at the same time.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &KeyFacts)> = facts
        .iter()
        .filter_map(|(i, f)| f.downcast_ref::<KeyFacts>().map(|f| (*i, f)))
        .collect();
    // One file alone (the playground, a workshop exercise) says nothing about the
    // rest of the project.
    if all.len() < 2 {
        return;
    }
    let reaches: Vec<(usize, &Reach)> = all.iter().map(|(i, f)| (*i, &f.reach)).collect();
    let own_support = |file: usize, f: &KeyFacts, other: usize, g: &KeyFacts| {
        own_support(&reaches, file, &f.reach, other, &g.reach)
    };
    for (file, f) in &all {
        let mentioned = |key: &String| {
            all.iter().any(|(other, g)| {
                if other == file {
                    return false;
                }
                // An env key counts as read elsewhere when another file names the
                // same application and key, every key of that application, that key
                // of some application, or (reading keys it is given) the key's atom.
                let named = match key.strip_prefix("env ").and_then(|rest| rest.split_once(' ')) {
                    Some((app, k)) => {
                        [
                            format!("env {app} {k}"),
                            format!("env {app} *"),
                            format!("env ? {k}"),
                        ]
                        .iter()
                        .any(|m| g.mentions.contains(m))
                            || g.mentions.contains(&format!("env {app} ?"))
                                && all
                                    .iter()
                                    .any(|(h, m)| h != file && m.mentions.contains(k) && !own_support(*file, f, *h, m))
                    }
                    // An OS variable is also read by code that reads the whole
                    // environment (`System.get_env/0`), and by boot code that another
                    // file (not this one) can run again.
                    None if key.starts_with("os-env ") => {
                        g.mentions.contains(key)
                            || g.mentions.contains("os-env *")
                            || g.boot_reads.iter().any(|(read, guards)| {
                                read == key
                                    && guards.iter().any(|guard| {
                                        all.iter().any(|(h, m)| h != file && h != other && m.mentions.contains(guard))
                                    })
                            })
                    }
                    // Checked once over all files, below.
                    None if key.starts_with("emitted ") => false,
                    None => {
                        g.mentions.contains(key)
                            && !named_only_by_own_modules(&reaches, *file, &f.reach, *other, g, key)
                    }
                };
                named && !own_support(*file, f, *other, g)
            }) || key.strip_prefix("emitted ").is_some_and(|event| emitted_elsewhere(&all, *file, event))
        };
        // `put_env(:shop, :self_hosted, true)` where the test config already gives
        // `true`, and no other test file puts another value or deletes it: no test
        // running at the same time can see a different value.
        let restates_config = |at: usize| {
            f.puts.iter().any(|(a, key, value)| {
                *a == at
                    && test_config_value(&all, key) == Some(value.as_str())
                    && all
                        .iter()
                        .filter(|(other, _)| other != file)
                        .flat_map(|(_, g)| g.puts.iter())
                        .all(|(_, k, v)| k != key || v == value)
            })
        };
        let mut ats: Vec<usize> = f.changes.iter().map(|(at, _)| *at).collect();
        ats.dedup();
        for at in ats {
            if restates_config(at) || !f.changes.iter().any(|(a, key)| *a == at && mentioned(key)) {
                report.retract(*file, at);
            }
        }
    }
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let f = facts.downcast_ref::<KeyFacts>()?;
    let mut value = serde_json::json!({
        "changes": f.changes,
        "mentions": f.mentions,
        "boot_reads": f.boot_reads,
        "module_atoms": f.module_atoms,
        "puts": f.puts,
        "configured": f.configured,
        "emitters": f.emitters,
    });
    f.reach.encode_into(&mut value);
    Some(value)
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let changes = value
        .get("changes")?
        .as_array()?
        .iter()
        .map(|c| Some((c.get(0)?.as_u64()? as usize, c.get(1)?.as_str()?.to_string())))
        .collect::<Option<Vec<_>>>()?;
    let mentions = serde_json::from_value(value.get("mentions")?.clone()).ok()?;
    let boot_reads = serde_json::from_value(value.get("boot_reads")?.clone()).ok()?;
    let reach = Reach::decode(value)?;
    let module_atoms = match value.get("module_atoms") {
        Some(v) => serde_json::from_value(v.clone()).ok()?,
        None => Vec::new(),
    };
    let puts = match value.get("puts") {
        Some(v) => serde_json::from_value(v.clone()).ok()?,
        None => Vec::new(),
    };
    let configured = match value.get("configured") {
        Some(v) => serde_json::from_value(v.clone()).ok()?,
        None => Vec::new(),
    };
    let emitters = match value.get("emitters") {
        Some(v) => serde_json::from_value(v.clone()).ok()?,
        None => Vec::new(),
    };
    Some(Box::new(KeyFacts {
        changes,
        mentions,
        boot_reads,
        reach,
        module_atoms,
        puts,
        configured,
        emitters,
    }))
}
