//! `otp/call-self`: GenServer calling itself. See `call_self.md`.

use crate::model::Id;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/call-self",
    title: "GenServer calling itself",
    severity: Severity::Error,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &["otp/call-timeout"],
    guide: include_str!("call_self.md"),
    check,
    project: None,
};

fn is_genserver_call(call: &Call) -> bool {
    call.name == "call"
        && matches!(call.arity, 2 | 3)
        && !call.capture
        && matches!(call.module.as_deref(), Some("GenServer" | ":gen_server"))
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for (i, module) in file.modules.iter().enumerate() {
        if !module.is_genserver {
            continue;
        }
        let id = i as Id;
        let names = own_names(file, id, module);
        for &d in &module.defs {
            let def = &file.defs[d as usize];
            if !def.is_callback {
                continue;
            }
            let callback = format!("{}/{}", def.name, def.arity);
            for call in file.calls_within(def.node) {
                if call.ctx.def != Some(d)
                    || call.ctx.other_process
                    || handed_to_other_code(file, module, call)
                    || stored_as_data(file, call)
                {
                    continue;
                }
                if is_genserver_call(call) {
                    let Some(target) = call.arg(0) else { continue };
                    if is_own_server(file, call, target, &names) {
                        let written = call.display(src);
                        let target = file.text(target);
                        report.add(
                            file,
                            &call.ctx,
                            call.node.byte_range(),
                            format!(
                                "`{written}` in `{callback}` calls this GenServer's own process (`{target}`); a callback cannot wait for its own reply, so OTP exits with `calling_self`: call the function that does the work directly"
                            ),
                        );
                    }
                    continue;
                }
                if calls_self_through_client(file, id, module, call, &names) {
                    report.add(
                        file,
                        &call.ctx,
                        call.node.byte_range(),
                        format!(
                            "`{}`, called here from `{callback}`, is a client function that does `GenServer.call` to this same server; inside the server's own process that exits with `calling_self`: call the code behind it directly (a private function its `handle_call/3` clause can share)",
                            call.display(src)
                        ),
                    );
                }
            }
        }
    }
}

/// `%{on_chunk: &report_download(pid, &1)}` in `init/1`: the call is the body of a
/// capture (or of a `fn`) that the callback puts in a map, keyword list, tuple or list
/// (its state, most often) and does not run. Whoever takes it out runs it later,
/// usually from another process (a downloader that reports progress back).
fn stored_as_data(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let mut node = call.expr;
    while let Some(parent) = file.parent(node) {
        let built = parent.kind_id() == k.anonymous_function
            || parent.kind_id() == k.unary_operator && ast::operator(parent, file.src) == "&";
        if built {
            return file.parent(parent).is_some_and(|holder| {
                [k.pair, k.tuple, k.list].contains(&holder.kind_id())
                    || ast::is_binary_op(holder, file.src, "=>")
            });
        }
        if parent.kind_id() == k.do_block {
            return false;
        }
        node = parent;
    }
    false
}

/// Is `call` inside a fn that the callback hands to another module's API, which
/// keeps it and runs it later from whichever process triggers it
/// (`:telemetry.attach/4`, a logger handler, a registry of hooks)? Such a fn is
/// not the server calling itself. A fn given to this module's own helpers is still
/// taken to run in place.
fn handed_to_other_code(file: &File, module: &Module, call: &Call) -> bool {
    if !call.ctx.unknown_fn {
        return false;
    }
    let at = call.node.byte_range();
    file.fns.iter().any(|f| {
        let range = f.node.byte_range();
        f.runner == Runner::Unknown
            && range.start <= at.start
            && at.end <= range.end
            && f.called_by.is_some_and(|c| {
                let registrar = file.call(c);
                registrar
                    .module
                    .as_deref()
                    .is_some_and(|m| m != module.name && m != "Kernel")
            })
    })
}

/// How the module's own process can be named in its code: `__MODULE__`, its full
/// name, the name as written in `defmodule`, and aliases of it.
fn own_names<'a>(file: &'a File, id: Id, module: &'a Module) -> Vec<&'a str> {
    let src = file.src;
    let mut names = vec!["__MODULE__", module.name.as_str(), file.text(module.name_node)];
    let short = module.name.rsplit('.').next().unwrap_or(&module.name);
    for call in file.calls_named("alias") {
        if call.ctx.module != Some(id) || call.module.is_some() {
            continue;
        }
        let Some(first) = call.arg(0) else { continue };
        let written = file.text(first);
        if written != module.name && written != "__MODULE__" {
            continue;
        }
        let as_name = call
            .arg(1)
            .and_then(|kw| ast::keyword_value(kw, src, "as"))
            .map(|n| file.text(n));
        names.push(as_name.unwrap_or(short));
    }
    names
}

/// Is `target`, evaluated where `call` is, the server's own process?
fn is_own_server(file: &File, call: &Call, target: Node, names: &[&str]) -> bool {
    let k = &grammar().kinds;
    if ast::is_self_call(target, file.src) {
        return true;
    }
    let text = file.text(target);
    if target.kind_id() == k.identifier {
        return text == "__MODULE__"
            || file.bound_from_self(&call.ctx, text, call.node.start_byte());
    }
    target.kind_id() == k.alias && names.contains(&text)
}

/// A function of this module, called from a callback, whose body calls the
/// server itself: by name, through `self()`, or through a parameter that
/// defaults to (or is given) the server's own name.
fn calls_self_through_client(
    file: &File,
    id: Id,
    module: &Module,
    call: &Call,
    names: &[&str],
) -> bool {
    let own_module = call.module.as_deref() == Some(module.name.as_str());
    let local = call.local && call.module.is_none();
    if call.capture || call.dynamic || call.via_apply || !(local || own_module) {
        return false;
    }
    module.defs.iter().any(|&d| {
        let def = &file.defs[d as usize];
        def.module == Some(id)
            && def.name == call.name
            && matches!(def.kind, "def" | "defp")
            && !def.is_callback
            && binds(def, call.arity, file.src)
            && file.calls_within(def.node).any(|inner| {
                inner.ctx.def == Some(d)
                    && !inner.ctx.other_process
                    && is_genserver_call(inner)
                    && inner
                        .arg(0)
                        .is_some_and(|t| client_targets_self(file, def, inner, t, call, names))
            })
    })
}

/// Can this clause be called with `arity` arguments (defaults included)?
fn binds(def: &Def, arity: usize, src: &str) -> bool {
    let defaults = def
        .params
        .iter()
        .filter(|p| ast::is_binary_op(**p, src, "\\\\"))
        .count();
    (def.arity - defaults..=def.arity).contains(&arity)
}

/// Inside client `def`, is the server `target` of `inner` this server, given the
/// arguments `caller` passes?
fn client_targets_self(
    file: &File,
    def: &Def,
    inner: &Call,
    target: Node,
    caller: &Call,
    names: &[&str],
) -> bool {
    let src = file.src;
    let g = grammar();
    if is_own_server(file, inner, target, names) {
        return true;
    }
    if target.kind_id() != g.kinds.identifier {
        return false;
    }
    let var = file.text(target);
    // Which parameters receive the caller's arguments: required ones always, and
    // the leftmost defaulted ones while arguments remain.
    let required = def
        .params
        .iter()
        .filter(|p| !ast::is_binary_op(**p, src, "\\\\"))
        .count();
    let mut supplied_defaults = caller.arity.saturating_sub(required);
    let mut next_arg = 0;
    for param in &def.params {
        let defaulted = ast::is_binary_op(*param, src, "\\\\");
        let (name, default) = if defaulted {
            (
                ast::field(*param, g.fields.left),
                ast::field(*param, g.fields.right),
            )
        } else {
            (Some(*param), None)
        };
        let gets_argument = !defaulted || supplied_defaults > 0;
        if defaulted && supplied_defaults > 0 {
            supplied_defaults -= 1;
        }
        let is_var = name.is_some_and(|n| n.kind_id() == g.kinds.identifier && file.text(n) == var);
        if gets_argument {
            let arg = caller.arg(next_arg);
            next_arg += 1;
            if is_var {
                return arg.is_some_and(|a| is_own_server(file, caller, a, names));
            }
        } else if is_var {
            return default.is_some_and(|d| is_own_server(file, inner, d, names));
        }
    }
    false
}
