//! `sec/unsafe-atom`: Atom created from runtime data. See `unsafe_atom.md`.
//!
//! Atoms are never garbage-collected and the atom table is bounded, so turning
//! input into atoms at runtime can take the node down. Reported: the atom-making
//! conversions applied to something that is not a literal, interpolated atoms
//! `:"user_#{id}"`, and `Jason.decode(.., keys: :atoms)`. Code that runs at compile
//! time is left alone: module attributes, the module body (a `for` generating
//! functions), macro bodies and `unquote` arguments.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "sec/unsafe-atom",
    title: "Atom created from runtime data",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
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
    let unquotes: Vec<Node> = file
        .calls_named_any(&["unquote", "unquote_splicing"])
        .into_iter()
        .filter(|c| c.local)
        .map(|c| c.node)
        .collect();
    let compile_time = |node: Node, ctx: &Ctx| {
        ctx.in_attribute
            || file
                .def(ctx)
                .is_none_or(|d| matches!(d.kind, "defmacro" | "defmacrop"))
            || unquotes.iter().any(|u| {
                u.start_byte() <= node.start_byte() && node.end_byte() <= u.end_byte()
            })
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
        if compile_time(call.node, &call.ctx) {
            continue;
        }
        if call.in_module("Jason") {
            jason_atoms(file, call, report);
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
        let written = call.display(src);
        let module = call.module.as_deref().unwrap_or("");
        let suggestion = format!("{module}.{safe}/{}", call.arity);
        let d = report.add(
            file,
            &call.ctx,
            call.node.byte_range(),
            format!(
                "`{written}` makes atoms from runtime data, and atoms are never garbage-collected; use {suggestion} or map the allowed values with a `case`"
            ),
        );
        if !call.via_apply
            && call.target.kind_id() == grammar().kinds.dot
            && let Some(name) = ast::field(call.target, grammar().fields.right)
        {
            d.fix(Fix::unsafe_(
                if safe == "safe_concat" {
                    format!("Use {suggestion} (raises unless that module name already exists)")
                } else {
                    format!("Use {suggestion} (raises on an unknown atom)")
                },
                vec![Edit::replace(name.byte_range(), safe)],
            ));
        }
    }

    for (atom, ctx) in &file.interpolated_atoms {
        if compile_time(*atom, ctx) {
            continue;
        }
        let shown = one_line(file.text(*atom));
        report.add(
            file,
            ctx,
            atom.byte_range(),
            format!(
                "`{shown}` makes a new atom for every value, and atoms are never garbage-collected; map the allowed values with a `case` or use String.to_existing_atom/1"
            ),
        );
    }
}

/// `Jason.decode(body, keys: :atoms)` makes an atom of every key of the input.
fn jason_atoms(file: &File, call: &Call, report: &mut Report) {
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
    let written = call.display(file.src);
    report
        .add(
            file,
            &call.ctx,
            call.node.byte_range(),
            format!(
                "`{written}` with `keys: :atoms` makes an atom of every key in the input, and atoms are never garbage-collected; use `keys: :atoms!` or keep string keys"
            ),
        )
        .fix(Fix::unsafe_(
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
