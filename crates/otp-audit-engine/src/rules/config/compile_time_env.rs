//! `config/compile-time-env`: Application environment read at compile time. See `compile_time_env.md`.
//!
//! `Application.get_env`/`fetch_env!`/`fetch_env`/`get_all_env` in a module attribute
//! or directly in a module body run while the module compiles: the value is frozen
//! into the build, and a different value at runtime (`config/runtime.exs`, a
//! release's env) is silently ignored. `Application.compile_env` reads the same
//! value but records it, so the release checks it at boot.
//!
//! The fix writes `compile_env`, which Elixir 1.10 introduced: a project whose
//! `mix.exs` still allows an older Elixir gets it as an unsafe fix (the project pass).

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
    for site in sites(file) {
        let d = report.add_scoped(site.range.0..site.range.1, site.message, site.scope);
        if let Some((title, edit)) = site.fix {
            d.fix(Fix::safe(title, vec![edit]));
        }
    }
}

/// A read this rule reports, and the `compile_env` fix it offers.
#[derive(serde::Serialize, serde::Deserialize)]
struct Site {
    range: (usize, usize),
    message: String,
    scope: String,
    fix: Option<(String, Edit)>,
}

fn sites(file: &File) -> Vec<Site> {
    let mut out = Vec::new();
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
        let mut site = Site {
            range: (call.node.start_byte(), call.node.end_byte()),
            message,
            scope: file.scope_name(ctx),
            fix: None,
        };
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
            site.fix = Some((format!("Use `Application.{replacement}`"), Edit::replace(name.byte_range(), replacement)));
        }
        out.push(site);
    }
    out
}

/// What the project pass needs: the Elixir a `mix.exs` allows, and the fixes of a
/// `lib/` file, each under the folder of its Mix project.
#[derive(serde::Serialize, serde::Deserialize)]
enum EnvFacts {
    Mix { root: String, elixir: String },
    Fixes { root: String, sites: Vec<Site> },
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    let facts = if let Some(root) = file.path.strip_suffix("mix.exs").filter(|r| r.is_empty() || r.ends_with('/')) {
        EnvFacts::Mix { root: root.to_string(), elixir: elixir_requirement(file)? }
    } else if file.scope == crate::FileScope::Lib {
        let root = crate::scope::mix_root(file.path)?.to_string();
        let sites: Vec<Site> = sites(file).into_iter().filter(|s| s.fix.is_some()).collect();
        if sites.is_empty() {
            return None;
        }
        EnvFacts::Fixes { root, sites }
    } else {
        return None;
    };
    Some(Box::new(facts))
}

/// `elixir: "~> 1.7"` in the keyword list of `mix.exs`'s `project/0`.
fn elixir_requirement(file: &File) -> Option<String> {
    let k = &grammar().kinds;
    file.nodes_of(k.pair).iter().find_map(|pair| {
        let key = ast::field(*pair, grammar().fields.key)?;
        let value = ast::field(*pair, grammar().fields.value)?;
        (ast::keyword_name(key, file.src) == "elixir" && value.kind_id() == k.string)
            .then(|| file.text(value).trim_matches('"').to_string())
    })
}

/// A fix that writes `compile_env` breaks the build on an Elixir before 1.10: where
/// the project's `mix.exs` still allows one, the fix is offered as unsafe, and the
/// message says why (R40 conduit and zen_monitor, `~> 1.3` and `~> 1.7`).
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &EnvFacts)> = facts.iter().filter_map(|(i, f)| f.downcast_ref::<EnvFacts>().map(|f| (*i, f))).collect();
    for (file, facts) in &all {
        let EnvFacts::Fixes { root, sites } = facts else { continue };
        let Some(elixir) = all.iter().find_map(|(_, f)| match f {
            EnvFacts::Mix { root: r, elixir } if r == root && allows_before_1_10(elixir) == Some(true) => Some(elixir),
            _ => None,
        }) else {
            continue;
        };
        for site in sites {
            let Some((title, edit)) = &site.fix else { continue };
            report.retract(*file, site.range.0);
            let message = format!(
                "{}; `compile_env` needs Elixir 1.10, and this project's `mix.exs` allows `{elixir}`: raise that requirement first",
                site.message
            );
            report.add(*file, site.range.0..site.range.1, message, site.scope.clone()).fix(Fix::unsafe_(
                format!("{title} (needs Elixir 1.10; `mix.exs` allows `{elixir}`)"),
                vec![edit.clone()],
            ));
        }
    }
}

/// Does the requirement (`~> 1.7`, `>= 1.6.0 and < 2.0.0`, `~> 1.9 or ~> 1.10`) let
/// in an Elixir before 1.10? `None` when it cannot be read.
fn allows_before_1_10(requirement: &str) -> Option<bool> {
    let mut any = false;
    for alternative in requirement.split(" or ") {
        // The lowest version the alternative lets in: the highest of its lower bounds.
        let mut lowest = (0, 0);
        for clause in alternative.split(" and ") {
            let clause = clause.trim();
            let (op, version) = clause.split_at(clause.find(|c: char| c.is_ascii_digit())?);
            let mut parts = version.split(['.', '-']).map(|p| p.parse::<u32>());
            let bound = (parts.next()?.ok()?, parts.next().unwrap_or(Ok(0)).ok()?);
            match op.trim() {
                "~>" | ">=" | ">" | "==" | "" => lowest = lowest.max(bound),
                "<" | "<=" | "!=" => {}
                _ => return None,
            }
        }
        any |= lowest < (1, 10);
    }
    Some(any)
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    serde_json::to_value(facts.downcast_ref::<EnvFacts>()?).ok()
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let facts: EnvFacts = serde_json::from_value(value.clone()).ok()?;
    Some(Box::new(facts))
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

#[cfg(test)]
mod tests {
    use super::allows_before_1_10;

    #[test]
    fn reads_the_lowest_elixir_a_requirement_allows() {
        assert_eq!(allows_before_1_10("~> 1.7"), Some(true));
        assert_eq!(allows_before_1_10("~> 1.9.4"), Some(true));
        assert_eq!(allows_before_1_10("~> 1.10"), Some(false));
        assert_eq!(allows_before_1_10("~> 1.17"), Some(false));
        assert_eq!(allows_before_1_10(">= 1.16.0"), Some(false));
        assert_eq!(allows_before_1_10(">= 1.6.0 and < 2.0.0"), Some(true));
        assert_eq!(allows_before_1_10("~> 1.11 or ~> 1.8"), Some(true));
        assert_eq!(allows_before_1_10("~> 1.11 or ~> 1.12"), Some(false));
        assert_eq!(allows_before_1_10("< 1.12.0"), Some(true));
        assert_eq!(allows_before_1_10("whatever"), None);
    }
}
