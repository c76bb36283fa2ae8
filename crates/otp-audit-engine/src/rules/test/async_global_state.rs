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
    project: None,
};

fn check(file: &File, report: &mut Report) {
    let src = file.src;
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
        if call.ctx.test.is_none() || call.capture || restores_in_on_exit(file, call) {
            continue;
        }
        let Some(instead) = global_change(call) else {
            continue;
        };
        let written = call.display(src);
        let d = report.add(
            file,
            &call.ctx,
            call.expr.byte_range(),
            format!(
                "`{written}` changes global state while this module runs `async: true`, so tests running at the same time see it; set `async: false`, or {instead}"
            ),
        );
        if let Some(fix) = async_false_fix(file, module) {
            d.fix(fix);
        }
    }
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
            "match on metadata that only this test's events carry"
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
