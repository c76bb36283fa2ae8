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
        let where_ = if in_tesla_builder_arg(file, call)
            || fallback_of_compile_env(file, call)
            || in_plug_route(file, call)
            || in_generated_def_body(file, call.node)
            || build_time_check(file, call)
        {
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

/// What the project pass needs: the Elixir a `mix.exs` allows, the fixes of a `lib/`
/// file (each under the folder of its Mix project), the reads written as options of
/// a `use`, and which options each project `__using__` puts into the module body.
#[derive(serde::Serialize, serde::Deserialize)]
enum EnvFacts {
    Mix { root: String, elixir: String },
    Fixes { root: String, sites: Vec<Site> },
    UseOption { used: String, key: Option<String>, at: usize },
    Using { module: String, body_keys: use_options::Keys },
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    let mut facts = Vec::new();
    if let Some(root) = file.path.strip_suffix("mix.exs").filter(|r| r.is_empty() || r.ends_with('/')) {
        facts.extend(elixir_requirement(file).map(|elixir| EnvFacts::Mix { root: root.to_string(), elixir }));
    } else if file.scope == crate::FileScope::Lib {
        let found = sites(file);
        for site in &found {
            if let Some((used, key)) = use_options::option_of_use(file, site.range.0) {
                facts.push(EnvFacts::UseOption { used, key, at: site.range.0 });
            }
        }
        let fixes: Vec<Site> = found.into_iter().filter(|s| s.fix.is_some()).collect();
        if let Some(root) = crate::scope::mix_root(file.path).filter(|_| !fixes.is_empty()) {
            facts.push(EnvFacts::Fixes { root: root.to_string(), sites: fixes });
        }
        facts.extend(use_options::usings(file).into_iter().map(|(module, body_keys)| EnvFacts::Using { module, body_keys }));
    }
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
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
    let all: Vec<(usize, &EnvFacts)> = each_fact::<EnvFacts>(facts);
    // A read written as a `use` option that the project's `__using__` only puts into
    // function bodies runs when those functions run (R44 blockscout's MapCache caches,
    // whose `ttl_check_interval:` lands in the generated `child_spec/1`).
    let mut runtime = Vec::new();
    for (file, fact) in &all {
        let EnvFacts::UseOption { used, key, at } = fact else { continue };
        // Clauses of one `__using__`: the option lands in the body if any puts it there.
        let mut clauses = all.iter().filter_map(|(_, f)| match f {
            EnvFacts::Using { module, body_keys } if module == used => Some(body_keys.holds(key.as_deref())),
            _ => None,
        });
        let first = clauses.next();
        if first == Some(false) && !clauses.any(|in_body| in_body) {
            report.retract(*file, *at);
            runtime.push((*file, *at));
        }
    }
    for (file, facts) in &all {
        let EnvFacts::Fixes { root, sites } = facts else { continue };
        let Some(elixir) = all.iter().find_map(|(_, f)| match f {
            EnvFacts::Mix { root: r, elixir } if r == root && allows_before_1_10(elixir) == Some(true) => Some(elixir),
            _ => None,
        }) else {
            continue;
        };
        for site in sites.iter().filter(|s| !runtime.contains(&(*file, s.range.0))) {
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
    serde_json::to_value(facts.downcast_ref::<Vec<EnvFacts>>()?).ok()
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let facts: Vec<EnvFacts> = serde_json::from_value(value.clone()).ok()?;
    Some(Box::new(facts))
}

/// `for {name, arity} <- functions do def unquote(name)(...) do ... end end` in the
/// module body: the `for` only generates definitions; the body of each runs when it
/// is called (R44 blockscout's rate-limit backend, chosen in `runtime.exs`).
/// `if Application.get_all_env(:my_app) == [] and ..., do: raise "..."` in the module
/// body: a check that fails the build on a wrong configuration (R46 nerves_ssh). The
/// read is in the condition, and every branch only raises or warns, so nothing of
/// the value is kept in the module.
fn build_time_check(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let complains = |n: Node| {
        file.calls_within(n).find(|c| c.node == n).is_some_and(|c| {
            (c.local && matches!(c.name, "raise" | "exit"))
                || c.is_any("Mix", &["raise"])
                || c.is_any("IO", &["warn"])
                || c.is_any("Logger", &["warning", "warn", "error"])
        })
    };
    file.calls_named_any(&["if", "unless"]).into_iter().any(|c| {
        c.local
            && c.ctx.def.is_none()
            && c.arg(0).is_some_and(|cond| cond.byte_range().contains(&call.node.start_byte()))
            && c.do_block.is_some_and(|block| {
                let statements: Vec<Node> = ast::named_children(block)
                    .flat_map(|n| if n.kind_id() == k.else_block { ast::named_children(n).collect() } else { vec![n] })
                    .filter(|n| n.kind_id() != k.comment)
                    .collect();
                !statements.is_empty() && statements.into_iter().all(complains)
            })
    })
}

fn in_generated_def_body(file: &File, node: Node) -> bool {
    use_options::def_around(file, node).is_some_and(|(_, in_body)| in_body)
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

mod use_options {
    //! Where a `use` option lands. `use M, key: expr` hands `expr` to `M.__using__/1`
    //! as code; it is evaluated wherever the macro's `quote` puts it: in the module
    //! body (an attribute, a `for`), at compile time; in a function body, when that
    //! function runs.

    use crate::rules::prelude::*;

    /// The options a `__using__` puts into the module body: every one (`All`), or
    /// those it takes out by name (`Keyword.get(opts, :name)`).
    #[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
    pub enum Keys {
        All,
        Named(Vec<String>),
    }

    impl Keys {
        pub fn holds(&self, key: Option<&str>) -> bool {
            match (self, key) {
                (Keys::All, _) | (Keys::Named(_), None) => true,
                (Keys::Named(keys), Some(key)) => keys.iter().any(|k| k == key),
            }
        }

        fn add(&mut self, other: &Keys) {
            match (&mut *self, other) {
                (Keys::All, _) => {}
                (_, Keys::All) => *self = Keys::All,
                (Keys::Named(mine), Keys::Named(theirs)) => mine.extend(theirs.iter().cloned()),
            }
        }
    }

    /// The module named by the `use` whose options hold byte `at`, and the keyword
    /// the read sits under (`None` when it is not under one).
    pub fn option_of_use(file: &File, at: usize) -> Option<(String, Option<String>)> {
        let k = &grammar().kinds;
        let module = file.modules.iter().rfind(|m| m.node.byte_range().contains(&at))?;
        let (used, opts) = module.uses.iter().find_map(|(u, o)| o.filter(|o| o.byte_range().contains(&at)).map(|o| (u, o)))?;
        let mut node = opts.descendant_for_byte_range(at, at)?;
        let mut key = None;
        while node.id() != opts.id() {
            if node.kind_id() == k.pair {
                key = ast::field(node, grammar().fields.key).map(|k| ast::keyword_name(k, file.src).to_string());
            }
            node = file.parent(node)?;
        }
        Some((used.clone(), key))
    }

    /// The `def`-family call around `node`, and whether `node` runs with its body
    /// rather than when the definition compiles: not in its head (`def
    /// unquote(name)(args)`) nor inside an `unquote` on the way. `None` past a `quote`:
    /// quoted code runs where the macro puts it, not in the macro.
    pub fn def_around<'t>(file: &File<'t>, node: Node<'t>) -> Option<(Node<'t>, bool)> {
        let mut child = node;
        let mut unquoted = false;
        while let Some(parent) = file.parent(child) {
            match ast::local_call_name(parent, file.src) {
                Some("quote") => return None,
                Some("unquote" | "unquote_splicing") => unquoted = true,
                Some("def" | "defp" | "defmacro" | "defmacrop") => {
                    let head = ast::call_arguments(parent).and_then(|a| ast::named_children(a).next());
                    let in_head = head.is_some_and(|h| h.byte_range().contains(&node.start_byte()) && !is_do_keyword(file, h, node));
                    return Some((parent, !in_head && !unquoted));
                }
                _ => {}
            }
            child = parent;
        }
        None
    }

    /// `def f(x), do: body` parses the `do:` keywords as a second argument; a head
    /// never holds a `do:` pair, so this only guards odd layouts.
    fn is_do_keyword(file: &File, head: Node, node: Node) -> bool {
        let k = &grammar().kinds;
        let mut n = node;
        while n.id() != head.id() {
            if n.kind_id() == k.pair && ast::field(n, grammar().fields.key).is_some_and(|key| ast::keyword_name(key, file.src) == "do") {
                return true;
            }
            let Some(p) = file.parent(n) else { break };
            n = p;
        }
        false
    }

    /// Each `defmacro __using__(opts)` clause of the file whose body ends in a `quote`
    /// (or in a call of a private helper of the module that does, `do_using(name,
    /// opts)`), with the options its quotes unquote outside function bodies. A macro
    /// that hands its options anywhere else gives no fact, so its reads stay reported.
    pub fn usings(file: &File) -> Vec<(String, Keys)> {
        let k = &grammar().kinds;
        let mut out = Vec::new();
        for def in file.defs.iter().filter(|d| d.kind == "defmacro" && d.name == "__using__" && d.arity == 1) {
            let (Some(module), Some(param)) = (def.module, def.params.first()) else { continue };
            if file.modules[module as usize].quoted_by.is_some() {
                continue;
            }
            let opts = file.text(*param);
            let carried = if param.kind_id() == k.identifier && !opts.starts_with('_') { vec![(opts, Keys::All)] } else { Vec::new() };
            if let Some(keys) = body_keys(file, def, carried, 1) {
                out.push((file.modules[module as usize].name.clone(), keys));
            }
        }
        out
    }

    /// The options that `def`'s quote puts outside function bodies, given what its
    /// parameters carry; `hops` private helpers may be followed.
    fn body_keys<'t>(file: &File<'t>, def: &Def<'t>, mut carried: Vec<(&'t str, Keys)>, hops: usize) -> Option<Keys> {
        let k = &grammar().kinds;
        let body = def.body?;
        let statements: Vec<Node> = if body.kind_id() == k.do_block { ast::statements(body).collect() } else { vec![body] };
        let (last, before) = statements.split_last()?;
        for statement in before {
            if ast::is_binary_op(*statement, file.src, "=") {
                let left = ast::field(*statement, grammar().fields.left)?;
                let right = ast::field(*statement, grammar().fields.right)?;
                if let Some(keys) = carries(file, right, &carried) {
                    for var in std::iter::once(left).chain(ast::descendants(left)).filter(|n| n.kind_id() == k.identifier) {
                        carried.push((file.text(var), keys.clone()));
                    }
                }
            } else if carries(file, *statement, &carried).is_some() {
                // `Module.put_attribute(__CALLER__.module, ...)`, a helper handed the
                // options: we cannot tell where they go.
                return None;
            }
        }
        match ast::local_call_name(*last, file.src) {
            Some("quote") => {}
            Some(name) if hops > 0 => {
                let call = file.calls.iter().find(|c| c.node.id() == last.id())?;
                let mut clauses = file.defs_of(def.module).filter(|d| d.kind == "defp" && d.name == name && d.arity == call.arity);
                let helper = clauses.next().filter(|_| clauses.next().is_none())?;
                let mut bound = Vec::new();
                for (i, param) in helper.params.iter().enumerate() {
                    if let Some(keys) = carries(file, call.arg(i)?, &carried) {
                        (param.kind_id() == k.identifier).then_some(())?;
                        bound.push((file.text(*param), keys));
                    }
                }
                return body_keys(file, helper, bound, hops - 1);
            }
            _ => return None,
        }
        let mut keys = Keys::Named(Vec::new());
        for unquote in std::iter::once(*last).chain(ast::descendants(*last)) {
            if !matches!(ast::local_call_name(unquote, file.src), Some("unquote" | "unquote_splicing")) {
                continue;
            }
            if def_around(file, unquote).is_some_and(|(_, in_body)| in_body) {
                continue;
            }
            if let Some(found) = carries(file, unquote, &carried) {
                keys.add(&found);
            }
        }
        Some(keys)
    }

    /// The options `expr` carries: `Keyword.get(opts, :key)` (and `fetch!`, `fetch`,
    /// `get_values`) carries that key; any other mention of a carrying variable
    /// carries what the variable does. `None` when it mentions none.
    fn carries(file: &File, expr: Node, carried: &[(&str, Keys)]) -> Option<Keys> {
        let k = &grammar().kinds;
        if let Some(call) = file.calls.iter().find(|c| c.node.id() == expr.id())
            && call.in_module("Keyword")
            && matches!(call.name, "get" | "fetch!" | "fetch" | "get_values" | "get_lazy")
            && let (Some(from), Some(key)) = (call.arg(0), call.arg(1))
            && key.kind_id() == k.atom
            && carries(file, from, carried).is_some()
        {
            return Some(Keys::Named(vec![ast::atom_name(key, file.src)?.to_string()]));
        }
        if expr.kind_id() == k.identifier {
            return carried.iter().rev().find(|(v, _)| *v == file.text(expr)).map(|(_, keys)| keys.clone());
        }
        let mut out: Option<Keys> = None;
        for child in ast::named_children(expr) {
            if let Some(keys) = carries(file, child, carried) {
                out.get_or_insert(Keys::Named(Vec::new())).add(&keys);
            }
        }
        out
    }
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
