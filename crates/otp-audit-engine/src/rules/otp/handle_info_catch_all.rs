//! `otp/handle-info-catch-all`: handle_info/2 without a catch-all clause. See `handle_info_catch_all.md`.

use crate::model::Id;
use crate::rules::otp::genserver_callbacks::{
    genserver_declaration, impl_attribute, line_end, line_indent, on_own_lines,
};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/handle-info-catch-all",
    title: "handle_info/2 without a catch-all clause",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("handle_info_catch_all.md"),
    check,
    project: None,
};

fn check(file: &File, report: &mut Report) {
    for (i, module) in file.modules.iter().enumerate() {
        // The module using a quote may add (or override) `handle_info/2` clauses.
        if !module.is_genserver || module.quoted {
            continue;
        }
        let id = i as Id;
        // `defdelegate handle_info(msg, state), to: ...`: the clauses are elsewhere.
        if module
            .functions
            .iter()
            .any(|f| f.kind == "defdelegate" && f.name == "handle_info")
        {
            continue;
        }
        let clauses: Vec<(Id, &Def)> = module
            .defs
            .iter()
            .map(|&d| (d, &file.defs[d as usize]))
            .filter(|(_, d)| d.kind == "def" && d.name == "handle_info" && d.arity == 2)
            .collect();
        let Some(&(last_id, last)) = clauses.last() else {
            continue;
        };
        if clauses.iter().any(|(_, d)| is_catch_all(file, d)) {
            continue;
        }
        let count = match clauses.len() {
            1 => "its only clause".to_string(),
            n => format!("the last of its {n} clauses"),
        };
        let ctx = Ctx {
            module: Some(id),
            def: Some(last_id),
            ..Ctx::default()
        };
        let d = report.add(
            file,
            &ctx,
            last.node.start_byte()..last.head.end_byte(),
            format!(
                "`handle_info/2` has no catch-all clause ({count} is here): defining it replaces the default that logs unexpected messages, so a stray message (a late reply after a call timeout, a `:DOWN` or `:EXIT`) crashes the server with `FunctionClauseError`; end with a `def handle_info(msg, state)` clause that logs and returns `{{:noreply, state}}`"
            ),
        );
        if let Some(fix) = catch_all_fix(file, module, last) {
            d.fix(fix);
        }
    }
}

/// A clause whose message parameter is a bare variable (`msg`, `_msg`, `_`) with
/// no guard.
fn is_catch_all(file: &File, def: &Def) -> bool {
    def.guard.is_none()
        && def.params.first().is_some_and(|p| {
            p.kind_id() == grammar().kinds.identifier && !file.text(*p).starts_with("__")
        })
}

fn catch_all_fix(file: &File, module: &Module, last: &Def) -> Option<Fix> {
    let src = file.src;
    if !on_own_lines(src, last.node) {
        return None;
    }
    let indent = line_indent(src, last.node.start_byte());
    let at = line_end(src, last.node.end_byte());
    let logger = file.module_spelling("Logger", at);
    let impl_line = impl_attribute(file, module)
        .map(|a| format!("{indent}{a}\n"))
        .unwrap_or_default();
    let clause = format!(
        "\n\n{impl_line}{indent}def handle_info(msg, state) do\n{indent}  {logger}.warning(\"#{{inspect(__MODULE__)}} received unexpected message: #{{inspect(msg)}}\")\n{indent}  {{:noreply, state}}\n{indent}end"
    );
    let mut edits = vec![Edit::insert(at, clause)];
    if !requires_logger(file, module) {
        let declaration = genserver_declaration(file, module)?;
        if !on_own_lines(src, declaration) {
            return None;
        }
        let indent = line_indent(src, declaration.start_byte());
        let at = line_end(src, declaration.end_byte());
        let logger = file.module_spelling("Logger", at);
        edits.push(Edit::insert(at, format!("\n{indent}require {logger}")));
    }
    Some(Fix::unsafe_(
        "Add a catch-all `handle_info/2` clause that logs the message",
        edits,
    ))
}

/// Is `Logger` required in the module or a module around it?
fn requires_logger(file: &File, module: &Module) -> bool {
    let mut chain: Vec<Option<Id>> = Vec::new();
    let mut current = file
        .modules
        .iter()
        .position(|m| m.node.id() == module.node.id())
        .map(|i| i as Id);
    while let Some(m) = current {
        chain.push(Some(m));
        current = file.modules[m as usize].parent;
    }
    file.calls_named_any(&["require", "import"])
        .into_iter()
        .any(|c| {
            c.ctx.def.is_none()
                && chain.contains(&c.ctx.module)
                && c.arg(0)
                    .is_some_and(|a| file.module_at(file.text(a), a.start_byte()) == "Logger")
        })
}
