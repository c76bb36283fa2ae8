//! `config/compile-time-env`: Application environment read at compile time. See `compile_time_env.md`.
//!
//! `Application.get_env`/`fetch_env!`/`fetch_env`/`get_all_env` in a module attribute
//! or directly in a module body run while the module compiles: the value is frozen
//! into the build, and a different value at runtime (`config/runtime.exs`, a
//! release's env) is silently ignored. `Application.compile_env` reads the same
//! value but records it, so the release checks it at boot.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "config/compile-time-env",
    title: "Application environment read at compile time",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Safe,
    default_enabled: true,
    params: &[],
    credo: &["Credo.Check.Warning.ApplicationConfigInModuleAttribute"],
    supersedes: &[],
    guide: include_str!("compile_time_env.md"),
    check,
    project: None,
};

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named_any(&["get_env", "fetch_env!", "fetch_env", "get_all_env"]) {
        if !call.in_module("Application") || call.capture {
            continue;
        }
        let compile_env = match (call.name, call.arity) {
            ("get_env", 2 | 3) => Some("compile_env"),
            ("fetch_env!", 2) => Some("compile_env!"),
            ("fetch_env", 2) | ("get_all_env", 1) => None,
            _ => continue,
        };
        let ctx = &call.ctx;
        let where_ = if in_tesla_builder_arg(file, call) || fallback_of_compile_env(file, call) || in_plug_route(file, call) {
            continue;
        } else if ctx.in_attribute {
            "a module attribute"
        } else if ctx.quoted {
            // A macro's quoted expression lands where the macro is called; only
            // `__using__`/`__before_compile__` put it in the module body.
            if file.quoted_module_body(ctx) && (ctx.func.is_none() || ctx.in_loop) {
                "the module body"
            } else {
                continue;
            }
        } else if ctx.module.is_some()
            && ctx.def.is_none()
            && ctx.test.is_none()
            // A fn in the module body runs whenever it is called, unless it is
            // handed to Enum/Stream right there.
            && (ctx.func.is_none() || ctx.in_loop)
        {
            "the module body"
        } else {
            continue;
        };
        let written = call.display(src);
        let message = match compile_env {
            Some(replacement) => format!(
                "`{written}` in {where_} is read once at compile time, so the value is frozen into the build; use `Application.{replacement}/{}` to make that explicit and checked at boot, or read it inside a function",
                call.arity
            ),
            None => format!(
                "`{written}` in {where_} is read once at compile time, so the value is frozen into the build; use `Application.compile_env/3` to make that explicit and checked at boot, or read it inside a function"
            ),
        };
        let d = report.add(file, ctx, call.node.byte_range(), message);
        // `compile_env` is a macro that wants the app as a literal atom.
        let literal_app = call
            .arg(0)
            .is_some_and(|a| a.kind_id() == grammar().kinds.atom);
        if let Some(replacement) = compile_env
            && literal_app
            && !call.via_apply
            && call.target.kind_id() == grammar().kinds.dot
            && let Some(name) = ast::field(call.target, grammar().fields.right)
        {
            d.fix(Fix::safe(
                format!("Use `Application.{replacement}`"),
                vec![Edit::replace(name.byte_range(), replacement)],
            ));
        }
    }
}

/// `if Version.match?(System.version(), ">= 1.10.0") do Application.compile_env(...)
/// else apply(Application, :get_env, [...]) end`: the fallback for an Elixir without
/// `compile_env`, in the `if` whose other branch already uses it. Reading at compile
/// time is the intent there, and the same key is checked at boot where it can be.
fn fallback_of_compile_env(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let mut node = call.node;
    while let Some(parent) = file.parent(node) {
        if parent.kind_id() == k.call
            && matches!(ast::local_call_name(parent, file.src), Some("if" | "unless"))
        {
            return file.calls_within(parent).any(|c| c.in_module("Application") && c.name.starts_with("compile_env"));
        }
        if parent.kind_id() == k.source || file.def_around(parent.start_byte()).is_some_and(|d| d.node == parent) {
            return false;
        }
        node = parent;
    }
    false
}

/// `get "/items/:id" do ... end` in a `Plug.Router`: the block becomes a clause of the
/// generated `do_match/4`, which runs on every request, so a read there is a runtime
/// read (R39 crawly's API router). The options of its `plug` calls are still evaluated
/// while the module compiles.
fn in_plug_route(file: &File, call: &Call) -> bool {
    const ROUTES: &[&str] = &["get", "post", "put", "patch", "delete", "options", "head", "match", "forward"];
    let Some(module) = call.ctx.module else {
        return false;
    };
    if !file.modules[module as usize].uses.iter().any(|(u, _)| u == "Plug.Router") {
        return false;
    }
    let g = grammar();
    std::iter::successors(file.parent(call.node), |n| file.parent(*n)).any(|n| {
        n.kind_id() == g.kinds.do_block
            && file.parent(n).is_some_and(|route| {
                route.kind_id() == g.kinds.call && ast::local_call_name(route, file.src).is_some_and(|name| ROUTES.contains(&name))
            })
    })
}

/// Tesla's `plug` and `adapter` macros keep their arguments as code that the
/// generated `__middleware__/0` and `__adapter__/0` run on every request, so a read
/// written there is a runtime read, and `compile_env` would freeze it (a secret, a
/// URL from `runtime.exs`). Plug.Builder's `plug` is different: it evaluates its
/// options while the module compiles.
fn in_tesla_builder_arg(file: &File, call: &Call) -> bool {
    let Some(module) = call.ctx.module else {
        return false;
    };
    let uses = &file.modules[module as usize].uses;
    if !uses.iter().any(|(u, _)| u == "Tesla" || u == "Tesla.Builder") {
        return false;
    }
    let g = grammar();
    let mut node = call.node;
    while let Some(parent) = file.parent(node) {
        if parent.kind_id() == g.kinds.call
            && ast::field(parent, g.fields.target)
                .is_some_and(|t| matches!(file.text(t), "plug" | "adapter"))
        {
            return true;
        }
        node = parent;
    }
    false
}
