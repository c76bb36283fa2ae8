//! `sec/unsafe-atom`: Atom created from runtime data. See `unsafe_atom.md`.
//!
//! Atoms are never garbage-collected and the atom table is bounded, so turning
//! input into atoms at runtime can take the node down. Reported: the atom-making
//! conversions applied to something that is not a literal, interpolated atoms
//! `:"user_#{id}"`, and `Jason.decode(.., keys: :atoms)`. Code that runs at compile
//! time is left alone: module attributes, the module body (a `for` generating
//! functions), macro bodies, `unquote` arguments and private helpers that only such
//! code calls. So is Mix tooling, which runs once from a developer's command line,
//! and `Module.concat` of module names held in variables (bounded by the modules
//! that exist).
//!
//! Precision first: on real libraries most runtime atoms are made from
//! configuration, module names or the project's own data, which a per-file rule
//! cannot tell from attacker input. So by default a conversion is reported only with
//! evidence in the argument itself that its values are unbounded: it reads request
//! or message data, or a value that is new on every call. `report_without_evidence`
//! also reports the rest, at info.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "sec/unsafe-atom",
    title: "Atom created from runtime data",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[ParamSpec {
        name: "report_without_evidence",
        doc: "Also report, at info, conversions whose argument shows no sign of coming from outside or of being new on every call (configuration, module names, the project's own data).",
        default: || ParamValue::Bool(false),
    }],
    credo: &["Credo.Check.Warning.UnsafeToAtom"],
    supersedes: &[],
    guide: include_str!("unsafe_atom.md"),
    check,
    project: None,
};

/// (module, function, arities, replacement function).
const CONVERSIONS: &[(&str, &str, &[usize], &str)] = &[
    ("String", "to_atom", &[1], "to_existing_atom"),
    ("String", "to_unsafe_atom", &[1], "to_existing_atom"),
    ("List", "to_atom", &[1], "to_existing_atom"),
    (":erlang", "binary_to_atom", &[1, 2], "binary_to_existing_atom"),
    (":erlang", "list_to_atom", &[1], "list_to_existing_atom"),
    ("Module", "concat", &[1, 2], "safe_concat"),
];

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    let without_evidence = report.param_bool("report_without_evidence");
    let unquotes: Vec<Node> = file
        .calls_named_any(&["unquote", "unquote_splicing"])
        .into_iter()
        .filter(|c| c.local)
        .map(|c| c.node)
        .collect();
    let in_compile_time_code = |node: Node, ctx: &Ctx| {
        ctx.in_attribute
            || file
                .def(ctx)
                .is_none_or(|d| matches!(d.kind, "defmacro" | "defmacrop"))
            || unquotes.iter().any(|u| {
                u.start_byte() <= node.start_byte() && node.end_byte() <= u.end_byte()
            })
    };
    let helpers = compile_time_helpers(file, &in_compile_time_code);
    let compile_time = |node: Node, ctx: &Ctx| {
        in_compile_time_code(node, ctx) || ctx.def.is_some_and(|d| helpers.contains(&d))
    };
    let skipped = |node: Node, ctx: &Ctx| {
        compile_time(node, ctx) || is_mix_tooling(file, ctx) || is_test_helper(file, ctx) || is_config_provider(file, ctx)
    };

    for call in file.calls_named_any(&[
        "to_atom",
        "to_unsafe_atom",
        "binary_to_atom",
        "list_to_atom",
        "concat",
        "decode",
        "decode!",
    ]) {
        if skipped(call.node, &call.ctx) {
            continue;
        }
        if call.in_module("Jason") {
            jason_atoms(file, call, report, without_evidence);
            continue;
        }
        let Some(&(_, _, _, safe)) = CONVERSIONS.iter().find(|(m, f, arities, _)| {
            call.is(m, f) && (call.capture || arities.contains(&call.arity))
        }) else {
            continue;
        };
        if !call.capture && call.args.iter().all(|a| is_literal(file, *a)) {
            continue;
        }
        if is_conversion_wrapper(file, &call.ctx)
            || (!call.capture && names_variable_node(file, call))
            || (!call.capture && guarded_to_literals(file, call))
        {
            continue;
        }
        // `String.to_unsafe_atom/1` is the spelling Elixir asks for once the author has
        // decided the input is bounded: the decision is written at the call.
        // It stays reported when the argument visibly comes from outside.
        if call.is("String", "to_unsafe_atom") && !call.args.iter().any(|a| reads_input(file, *a)) {
            continue;
        }
        if call.is("Module", "concat")
            && !call.capture
            && (concat_of_module_names(file, call) || concat_of_module_segments(file, call))
        {
            continue;
        }
        // A capture has no argument of its own: the call it is handed to shows where
        // the values come from (`Map.update!(event, "type", &String.to_atom/1)`).
        let evidence_nodes: Vec<Node> = if call.capture {
            file.parent(call.node).and_then(|a| file.parent(a)).into_iter().collect()
        } else {
            call.args.clone()
        };
        let evidence = evidence_nodes.iter().any(|a| unbounded(file, *a));
        if !evidence && !without_evidence {
            continue;
        }
        let written = call.display(src);
        // Distribution only takes atoms, and the atom of a node or cookie not yet
        // connected never exists: `to_existing_atom` would always raise there.
        if let Some(api) = (!call.capture).then(|| feeds_distribution(file, call)).flatten() {
            report
                .add_info(
                    file,
                    &call.ctx,
                    call.node.byte_range(),
                    format!(
                        "`{written}` makes the atom that `{api}` needs: distribution takes only atoms, and a node's or cookie's atom does not exist before the first connection, so `to_existing_atom` would always raise; check the value first (a node name has the format `name@host`, and who may choose it is the real question), since each new value is an atom that is never freed"
                    ),
                );
            continue;
        }
        let module = call.module.as_deref().unwrap_or("");
        let suggestion = format!("`{module}.{safe}/{}`", call.arity);
        // `from_json(%{"mode" => mode})` beside the module's own `to_json/1`: the
        // string-keyed data is what this module wrote (a stored record), not a request.
        let own_encoding = (!call.capture)
            .then(|| decodes_own_encoding(file, call))
            .flatten()
            .filter(|_| !evidence_nodes.iter().any(|a| reads_input(file, *a) || per_call_value(file, *a)));
        let per_call = evidence && evidence_words(file, &evidence_nodes) == PER_CALL_WORDS;
        let d = report.add(
            file,
            &call.ctx,
            call.node.byte_range(),
            if let Some((decoder, encoder)) = &own_encoding {
                format!(
                    "`{written}` makes atoms from data that `{decoder}` decodes and this module's `{encoder}` writes: when it reads back the module's own output (a stored record), its values are atoms the module encoded, which exist already, and {suggestion} says so while keeping a stale or tampered record from making new ones; if a request's body can reach `{decoder}` too, that is an atom leak, and the same fix closes it"
                )
            } else if per_call {
                // Neither usual fix applies: no such atom exists yet to look up, and
                // there is no list of allowed values to map.
                format!(
                    "`{written}` makes a new atom from {PER_CALL_WORDS} (a fresh id, a timestamp, a random number), and atoms are never garbage-collected, so each call leaks one for good; keep the value as a string, integer or reference instead (for a generated id in an Ecto type, a string-backed type)"
                )
            } else if evidence {
                format!(
                    "`{written}` makes atoms from {}, and atoms are never garbage-collected; use {suggestion} or map the allowed values with a `case`",
                    evidence_words(file, &evidence_nodes)
                )
            } else {
                format!(
                    "`{written}` makes atoms at runtime; nothing here shows where its values come from, so check that they are bounded (configuration, module names) or use {suggestion}"
                )
            },
        );
        if !evidence || own_encoding.is_some() {
            d.severity(Severity::Info);
        }
        // An atom made from a fresh value never exists before: `to_existing_atom`
        // would always raise.
        if !call.via_apply
            && !per_call
            && call.target.kind_id() == grammar().kinds.dot
            && let Some(name) = ast::field(call.target, grammar().fields.right)
        {
            d.fix(Fix::unsafe_(
                if safe == "safe_concat" {
                    safe_concat_note(file, call, &suggestion)
                } else {
                    format!("Use {suggestion} (raises on an unknown atom)")
                },
                vec![Edit::replace(name.byte_range(), safe)],
            ));
        }
    }

    for (atom, ctx) in &file.interpolated_atoms {
        if skipped(*atom, ctx) || names_generated_variable(file, *atom) {
            continue;
        }
        let evidence = unbounded(file, *atom);
        if !evidence && !without_evidence {
            continue;
        }
        let shown = one_line(file.text(*atom));
        let d = report.add(
            file,
            ctx,
            atom.byte_range(),
            if evidence {
                format!(
                    "`{shown}` makes a new atom for each value, here from {}, and atoms are never garbage-collected; map the allowed values with a `case` or use `String.to_existing_atom/1`",
                    evidence_words(file, &[*atom])
                )
            } else {
                format!(
                    "`{shown}` makes an atom per value at runtime; nothing here shows where the values come from, so check that they are bounded (configuration, module names) or map them with a `case`"
                )
            },
        );
        if !evidence {
            d.severity(Severity::Info);
        }
    }
}

/// Private functions (as def ids) that only compile-time code calls: helpers of a
/// macro or of `__before_compile__`. Found to a fixpoint, so a helper of a helper
/// counts; a function nothing in the file calls is not one (it may be called from
/// generated code at runtime).
fn compile_time_helpers(file: &File, in_compile_time_code: &dyn Fn(Node, &Ctx) -> bool) -> Vec<u32> {
    let mut helpers: Vec<u32> = Vec::new();
    loop {
        let before = helpers.len();
        for (id, def) in file.defs.iter().enumerate() {
            let id = id as u32;
            // `def __plugs__(...)`: a public hook named for generated code counts too.
            let hook = def.kind == "def" && def.name.starts_with("__") && def.name.ends_with("__");
            if !(def.kind == "defp" || hook) || helpers.contains(&id) {
                continue;
            }
            let own_module = def.module.map(|m| file.modules[m as usize].name.as_str());
            let same_function = |ctx: &Ctx| {
                file.def(ctx)
                    .is_some_and(|d| d.module == def.module && d.name == def.name && d.arity == def.arity)
            };
            let mut callers = file
                .calls_named(def.name)
                .filter(|c| c.arity == def.arity)
                .filter(|c| {
                    let local = c.local && c.module.is_none() && c.ctx.module == def.module;
                    let qualified = hook && own_module.is_some() && c.module.as_deref() == own_module;
                    (local || qualified) && !same_function(&c.ctx)
                })
                .peekable();
            if callers.peek().is_none() {
                continue;
            }
            if callers.all(|c| {
                in_compile_time_code(c.node, &c.ctx)
                    || c.ctx.def.is_some_and(|d| helpers.contains(&d))
            }) {
                helpers.push(id);
            }
        }
        if helpers.len() == before {
            return helpers;
        }
    }
}

/// Functions of distribution that take a node name or a cookie, which must be atoms.
const DISTRIBUTION: &[(&str, &str)] = &[
    ("Node", "connect"),
    ("Node", "disconnect"),
    ("Node", "ping"),
    ("Node", "monitor"),
    ("Node", "set_cookie"),
    (":erlang", "set_cookie"),
    (":erlang", "disconnect_node"),
    (":erlang", "monitor_node"),
    (":net_kernel", "connect_node"),
    (":net_kernel", "disconnect"),
    (":net_adm", "ping"),
];

/// `Node.connect(String.to_atom(name))`, directly or through a variable the same
/// function passes there (`node = String.to_atom(name)`, `|> Node.connect()`): the
/// distribution function it feeds, as `Module.function/arity`.
fn feeds_distribution(file: &File, call: &Call) -> Option<String> {
    let k = &grammar().kinds;
    let g = grammar();
    let api = |c: &&Call| DISTRIBUTION.iter().any(|(m, f)| c.is(m, f));
    let name = |c: &Call| format!("{}.{}/{}", c.module.as_deref().unwrap_or(""), c.name, c.arity);
    // Piped into it: `name |> String.to_atom() |> Node.connect()`.
    let piped = pipe_side(file, call.node, g.fields.right).unwrap_or(call.node);
    if let Some(outer) = pipe_side(file, piped, g.fields.left) {
        let right = ast::field(outer, g.fields.right)?;
        return file.calls_within(right).find(|c| c.node.id() == right.id()).filter(api).map(name);
    }
    if let Some(outer) = file
        .calls
        .iter()
        .find(|c| c.args.iter().any(|a| a.id() == call.node.id()))
        .filter(api)
    {
        return Some(name(outer));
    }
    // `node = String.to_atom(name)`, then `Node.connect(node)` in the same function.
    let parent = file.parent(call.node)?;
    let bound = (parent.kind_id() == k.binary_operator
        && ast::field(parent, g.fields.operator).is_some_and(|o| file.text(o) == "=")
        && ast::field(parent, g.fields.right).is_some_and(|r| r.id() == call.node.id()))
    .then(|| ast::field(parent, g.fields.left))
    .flatten()
    .filter(|l| l.kind_id() == k.identifier)?;
    let var = file.text(bound);
    let def = file.def(&call.ctx)?;
    file.calls_within(def.node)
        .filter(|c| c.node.start_byte() > call.node.end_byte())
        .filter(api)
        .find(|c| c.args.iter().any(|a| file.text(*a) == var))
        .map(name)
}

/// The pipe (`a |> b`) that has `n` on the given side.
fn pipe_side<'t>(file: &File<'t>, n: Node<'t>, side: std::num::NonZeroU16) -> Option<Node<'t>> {
    let k = &grammar().kinds;
    file.parent(n).filter(|p| {
        p.kind_id() == k.binary_operator
            && ast::field(*p, grammar().fields.operator).is_some_and(|o| file.text(o) == "|>")
            && ast::field(*p, side).is_some_and(|s| s.id() == n.id())
    })
}

/// Mix tasks and their helpers run once, from a developer's command line, and the
/// atoms they make die with that short-lived VM.
fn is_mix_tooling(file: &File, ctx: &Ctx) -> bool {
    let path = file.path;
    if path.starts_with("lib/mix/") || path.contains("/lib/mix/") {
        return true;
    }
    file.module(ctx).is_some_and(|m| {
        m.name.starts_with("Mix.") || m.uses_module("Mix.Task") || m.uses_module("Igniter.Mix.Task")
    })
}

/// A release's config provider (`@behaviour Config.Provider`, or Distillery's
/// `use Mix.Releases.Config.Provider`): it runs once at boot, before the
/// application starts, on configuration the operator wrote, so the atoms it makes
/// are as bounded as the config file (R44 grapevine: cluster node names, which must
/// be new atoms and which `to_existing_atom` would refuse).
fn is_config_provider(file: &File, ctx: &Ctx) -> bool {
    let Some(id) = ctx.module else {
        return false;
    };
    let module = &file.modules[id as usize];
    file.behaviours(id).any(|b| b == "Config.Provider")
        || module.uses_module("Mix.Releases.Config.Provider")
        || module.uses_module("Distillery.Releases.Config.Provider")
}

/// ExUnit helpers shipped in `lib/` (`MyLib.ConnTest`, `MyLib.DataCase` under a
/// `test/` folder): like a Mix task they run in a short-lived test VM, on data the
/// tests wrote.
fn is_test_helper(file: &File, ctx: &Ctx) -> bool {
    file.path.contains("/test/")
        && file
            .module(ctx)
            .is_some_and(|m| m.name.ends_with("Test") || m.name.ends_with("Case"))
}

/// A function that is itself a conversion (`def to_atom(string)`, `charlist_to_atom`):
/// its name already says that it makes atoms, so its callers are where the input
/// is known.
fn is_conversion_wrapper(file: &File, ctx: &Ctx) -> bool {
    file.def(ctx)
        .is_some_and(|d| d.name.ends_with("to_atom") || d.name.ends_with("to_unsafe_atom"))
}

/// `Module.concat(mod, "Supervisor")`, `Module.concat([base, Repo])`: every part is a
/// literal or a module name held in a variable or a struct field. That makes at most
/// one atom per module that exists, not one per request. A part computed by a call,
/// read with `[]`, interpolated or joined with `<>` may be anything, so it is reported.
fn concat_of_module_names(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let parts: Vec<Node> = match call.args.as_slice() {
        [list] if list.kind_id() == k.list => ast::named_children(*list)
            .filter(|n| n.kind_id() != k.comment)
            .collect(),
        [_] => return false,
        args => args.to_vec(),
    };
    !parts.is_empty()
        && parts
            .iter()
            .all(|p| is_literal(file, *p) || names_module(file, *p))
        && parts.iter().any(|p| !is_literal(file, *p))
}

/// `Macro.var(:"arg#{n}", __MODULE__)`: the atom names a variable of generated code,
/// which only runs when code is being compiled.
fn names_generated_variable(file: &File, atom: Node) -> bool {
    file.calls_named("var")
        .any(|c| c.is("Macro", "var") && c.arg(0) == Some(atom))
}

/// `{String.to_atom(name), [], nil}` (or `Macro.var(String.to_atom(name), ctx)`): the
/// quoted form of a variable, built by a code generator. The atom names a variable of
/// the code it writes, as `Macro.var/2` does; a list of allowed names cannot exist and
/// `to_existing_atom` raises for a name not yet compiled.
fn names_variable_node(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(parent) = file.parent(call.node) else {
        return false;
    };
    if parent.kind_id() == k.tuple {
        let elems: Vec<Node> = ast::named_children(parent).collect();
        return elems.len() == 3
            && elems[0] == call.node
            && elems[1].kind_id() == k.list
            && (file.text(elems[2]) == "nil" || elems[2].kind_id() == k.atom || elems[2].kind_id() == k.alias);
    }
    file.calls_named("var").any(|c| c.is("Macro", "var") && c.arg(0) == Some(call.node))
}

/// Names under which request and message data usually travel.
/// Calls whose value is new on every call: an atom made from one is a new atom
/// every time.
const PER_CALL: &[(&str, &str)] = &[
    ("System", "unique_integer"),
    (":erlang", "unique_integer"),
    ("Kernel", "make_ref"),
    (":erlang", "make_ref"),
    ("Kernel", "self"),
    ("System", "monotonic_time"),
    ("System", "system_time"),
    ("System", "os_time"),
    (":os", "system_time"),
    ("DateTime", "utc_now"),
    ("NaiveDateTime", "utc_now"),
    (":rand", "uniform"),
    ("Ecto.UUID", "generate"),
];

/// Is there evidence in `node` that its values are unbounded: it reads request or
/// message data, or calls something that is new on every call?
fn unbounded(file: &File, node: Node) -> bool {
    reads_input(file, node) || per_call_value(file, node) || from_string_keyed_pattern(file, node)
}

/// `def decode(%{"type" => type})`: a variable bound by a string-keyed map pattern in
/// the function's head holds decoded JSON or request data.
fn from_string_keyed_pattern(file: &File, node: Node) -> bool {
    let k = &grammar().kinds;
    let Some(def) = file.def_around(node.start_byte()).filter(|d| node.end_byte() <= d.node.end_byte()) else {
        return false;
    };
    let names: Vec<&str> = std::iter::once(node)
        .chain(ast::descendants(node))
        .filter(|n| n.kind_id() == k.identifier)
        .map(|n| file.text(n))
        .collect();
    // `{:ok, data} -> String.to_atom(data.name)` in a `case` of the body: that `data`
    // is what the clause matched (a validated result), not the head's request data.
    let rebound = |name: &str| {
        std::iter::successors(file.parent(node), |n| file.parent(*n))
            .take_while(|n| n.id() != def.node.id())
            .filter(|n| n.kind_id() == k.stab_clause)
            .filter_map(|clause| ast::field(clause, grammar().fields.left))
            .any(|pattern| binds(file.text(pattern), name))
    };
    def.params.iter().any(|p| {
        let text = file.text(*p);
        text.contains("\" =>") && names.iter().any(|n| binds(text, n) && !rebound(n))
    })
}

/// The call sits in a decoder (`from_json/1`, `decode/1`, `load/1`, `deserialize/1`)
/// whose values come from a string-keyed head, and the same module has the matching
/// encoder (`to_json/1`, `encode/1`, `dump/1`, `serialize/1`): the data is the module's
/// own output read back. Returns both as `name/arity`.
fn decodes_own_encoding(file: &File, call: &Call) -> Option<(String, String)> {
    const PAIRS: &[(&str, &str)] =
        &[("from_json", "to_json"), ("decode", "encode"), ("load", "dump"), ("deserialize", "serialize"), ("from_map", "to_map")];
    let def = file.def(&call.ctx)?;
    if !call.args.iter().any(|a| from_string_keyed_pattern(file, *a)) {
        return None;
    }
    let (_, encoder) = PAIRS.iter().find(|(dec, _)| def.name.starts_with(dec))?;
    let module = def.module?;
    let enc = file
        .defs
        .iter()
        .find(|d| d.module == Some(module) && d.name.starts_with(encoder))?;
    Some((format!("{}/{}", def.name, def.arity), format!("{}/{}", enc.name, enc.arity)))
}

/// Does the pattern text bind the variable `name` (as a whole word)?
fn binds(pattern: &str, name: &str) -> bool {
    pattern.match_indices(name).any(|(i, _)| {
        let before = pattern[..i].chars().next_back();
        let after = pattern[i + name.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && !word(after)
    })
}

fn per_call_value(file: &File, node: Node) -> bool {
    file.calls_within(node)
        .any(|c| PER_CALL.iter().any(|(m, f)| c.is(m, f)))
}

const PER_CALL_WORDS: &str = "a value that is new on every call";

/// What the values come from, for the message.
fn evidence_words(file: &File, nodes: &[Node]) -> &'static str {
    if nodes
        .iter()
        .any(|n| reads_input(file, *n) || from_string_keyed_pattern(file, *n))
    {
        "request or message data"
    } else if nodes.iter().any(|n| per_call_value(file, *n)) {
        PER_CALL_WORDS
    } else {
        "whatever its callers pass"
    }
}

const INPUT_NAMES: &[&str] = &["params", "conn", "payload", "body", "headers", "query", "request", "req"];

/// Does the expression read external data: a variable named like request data
/// (`params`, `conn.query_params`) or a string key (`event["type"]`)?
fn reads_input(file: &File, node: Node) -> bool {
    let k = &grammar().kinds;
    std::iter::once(node).chain(ast::descendants(node)).any(|n| {
        (n.kind_id() == k.identifier && INPUT_NAMES.contains(&file.text(n)))
            || (n.kind_id() == k.access_call
                && n.named_child(1).is_some_and(|key| key.kind_id() == k.string))
    })
}

/// `mod |> Module.split() |> hd() |> Module.concat("ErrorView")`: every non-literal
/// part is computed from the segments of a module name, so it names a sibling of a
/// module that exists.
fn concat_of_module_segments(file: &File, call: &Call) -> bool {
    let non_literal: Vec<Node> = call
        .args
        .iter()
        .copied()
        .filter(|a| !is_literal(file, *a))
        .collect();
    !non_literal.is_empty()
        && non_literal
            .iter()
            .all(|a| file.calls_within(*a).any(|c| c.is("Module", "split")))
}

/// A variable (`mod`) or a field read (`env.module`, `context.web_module`).
fn names_module(file: &File, node: Node) -> bool {
    let g = grammar();
    let k = &g.kinds;
    if node.kind_id() == k.identifier {
        return !file.text(node).starts_with('_');
    }
    if node.kind_id() != k.call || ast::call_arguments(node).is_some() {
        return false;
    }
    let Some(target) = ast::field(node, g.fields.target) else {
        return false;
    };
    target.kind_id() == k.dot
        && ast::field(target, g.fields.right).is_some_and(|r| r.kind_id() == k.identifier)
        && ast::field(target, g.fields.left).is_some_and(|l| names_module(file, l))
}

/// The title of the `safe_concat` fix. `Module.concat` never fails; `safe_concat`
/// raises for a name no loaded code has made. A function that answers `false` or
/// `nil` for an unknown module (often with `Code.ensure_loaded?`) would raise instead.
fn safe_concat_note(file: &File, call: &Call, suggestion: &str) -> String {
    let answers_unknown = file.def(&call.ctx).is_some_and(|d| {
        let k = &grammar().kinds;
        let body = d.node;
        ast::descendants(body).any(|n| n.kind_id() == k.boolean && file.text(n) == "false" || n.kind_id() == k.nil)
            || file.calls_within(body).any(|c| {
                c.is_any("Code", &["ensure_loaded?", "ensure_loaded", "ensure_compiled", "ensure_compiled!"])
                    || c.is("Kernel", "function_exported?")
                    || c.is("Kernel", "macro_exported?")
            })
    });
    if answers_unknown {
        format!(
            "Use {suggestion}; this changes the function's contract: for an unknown module it raises `ArgumentError` where it returns `false` or `nil` today, so its callers must expect that"
        )
    } else {
        format!(
            "Use {suggestion} (raises `ArgumentError` for a module name that no loaded code has made; check the callers)"
        )
    }
}

/// `def to_reply(%{"status" => status}) when status in ["ok", "error"]`, then
/// `String.to_atom(status)`: the function's guard (or the guard of the `case` or `fn`
/// clause around the call) holds the variable to a list of literals, or to one
/// (`status == "ok"`), so the atoms it can make are fixed (R39 slipstream).
fn guarded_to_literals(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(var) = call.arg(0).filter(|a| a.kind_id() == k.identifier).map(|a| file.text(a)) else {
        return false;
    };
    let bounds = |guard: Node| {
        std::iter::once(guard).chain(ast::descendants(guard)).any(|n| {
            let (Some(l), Some(r)) = (ast::field(n, grammar().fields.left), ast::field(n, grammar().fields.right)) else {
                return false;
            };
            let literal_list = r.kind_id() == k.list && ast::named_children(r).all(|i| is_literal(file, i));
            n.kind_id() == k.binary_operator
                && file.text(l) == var
                && (ast::operator(n, file.src) == "in" && literal_list
                    || ast::operator(n, file.src) == "==" && is_literal(file, r))
        })
    };
    // The guards of the clauses around the call: `when` operators on the way up, and
    // the function's own.
    let clause_guards = std::iter::successors(file.parent(call.node), |n| file.parent(*n))
        .filter(|n| n.kind_id() == k.stab_clause)
        .filter_map(|c| ast::field(c, grammar().fields.left))
        .flat_map(|left| std::iter::once(left).chain(ast::descendants(left)))
        .filter(|n| ast::is_binary_op(*n, file.src, "when"))
        .filter_map(|w| ast::field(w, grammar().fields.right));
    file.def(&call.ctx).and_then(|d| d.guard).into_iter().chain(clause_guards).any(bounds)
}

/// `Jason.decode(body, keys: :atoms)` makes an atom of every key of the input. As
/// for the other conversions, only with evidence that the input is unbounded (R38
/// nats.ex: the INFO frame of the broker the client connected to).
fn jason_atoms(file: &File, call: &Call, report: &mut Report, without_evidence: bool) {
    if !matches!(call.name, "decode" | "decode!") {
        return;
    }
    let Some(keys) = call
        .args
        .last()
        .and_then(|opts| ast::keyword_value(*opts, file.src, "keys"))
    else {
        return;
    };
    if file.text(keys) != ":atoms" {
        return;
    }
    let evidence = call.arg(0).is_some_and(|input| unbounded(file, input));
    if !evidence && !without_evidence {
        return;
    }
    let written = call.display(file.src);
    let input = if evidence { evidence_words(file, &call.args[..1]) } else { "the input" };
    let d = report.add(
        file,
        &call.ctx,
        call.node.byte_range(),
        format!(
            "`{written}` with `keys: :atoms` makes an atom of every key in {input}, and atoms are never garbage-collected; keep string keys and convert the keys you expect (`keys: :atoms!` stops the leak, but raises on any key no loaded code has made, so a new field breaks the decode)"
        ),
    );
    if !evidence {
        d.severity(Severity::Info);
    }
    d.fix(Fix::unsafe_(
            "Use `keys: :atoms!` (fails on an unknown key)",
            vec![Edit::replace(keys.byte_range(), ":atoms!")],
        ));
}

/// A value fixed in the source: strings and charlists without interpolation, atoms,
/// module names, `__MODULE__`, and lists of those. Iterative: lists may nest deeply.
fn is_literal(file: &File, node: Node) -> bool {
    let k = &grammar().kinds;
    std::iter::once(node)
        .chain(ast::descendants(node))
        .filter(|n| n.is_named())
        .all(|n| {
            let kind = n.kind_id();
            if kind == k.identifier {
                return file.text(n) == "__MODULE__";
            }
            kind == k.atom
                || kind == k.alias
                || kind == k.boolean
                || kind == k.nil
                || kind == k.string
                || kind == k.quoted_atom
                || kind == k.list
                || kind == k.dot
                || kind == k.comment
                || matches!(n.kind(), "charlist" | "quoted_content" | "escape_sequence")
        })
}

fn one_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    if line.len() < s.len() || line.chars().count() > 40 {
        format!("{}…", line.chars().take(40).collect::<String>())
    } else {
        line.to_string()
    }
}
