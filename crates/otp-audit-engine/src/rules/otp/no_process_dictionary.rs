//! `otp/no-process-dictionary`: Process dictionary used as state. See `no_process_dictionary.md`.

use crate::model::Id;
use crate::rules::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};

pub static RULE: Rule = Rule {
    id: "otp/no-process-dictionary",
    title: "Process dictionary used as state",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_process_dictionary.md"),
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

/// Keys OTP and ExUnit themselves keep in the dictionary; reading or propagating
/// them is the documented way to track callers and ancestors.
/// `$process_label` is what `Process.set_label/1` writes; libraries that support
/// older OTP releases write it themselves.
const OTP_KEYS: &[&str] = &["$callers", "$ancestors", "$initial_call", "$process_label"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Write,
    Read,
    Delete,
}

fn access(call: &Call) -> Option<Access> {
    let a = call.arity;
    match (call.module.as_deref()?, call.name) {
        ("Process" | ":erlang", "put") if a == 2 => Some(Access::Write),
        ("Process", "get") if a <= 2 => Some(Access::Read),
        (":erlang", "get") if a <= 1 => Some(Access::Read),
        ("Process" | ":erlang", "get_keys") if a <= 1 => Some(Access::Read),
        ("Process", "delete") if a == 1 => Some(Access::Delete),
        (":erlang", "erase") if a <= 1 => Some(Access::Delete),
        _ => None,
    }
}

/// Keys this file binds for the extent of one call: a function stores the key and
/// deletes or restores it in an `after` block, so the value never outlives the call
/// (a tracing span, a "testing mode" flag, a context stack).
#[derive(Default)]
struct ScopedKeys<'s> {
    /// (function, key as written): every access there belongs to the binding.
    in_def: HashSet<(Id, &'s str)>,
    /// Keys written as literals (`:my_span`, `@key`), whose reads with a default
    /// anywhere in the file see the binding or the default.
    literal: HashSet<&'s str>,
    /// Keys held in a variable (`key = {__MODULE__, make_ref()}`): helpers of the
    /// file that receive a parameter of that name work on the same binding.
    passed: HashSet<&'s str>,
    /// Literal keys that the file writes only inside such bindings: any read, with
    /// a default or not (`Process.get(:session) || opts[:session]`), sees the
    /// binding or nothing.
    only_bound: HashSet<&'s str>,
}

fn scoped_keys<'s>(file: &File<'s>) -> ScopedKeys<'s> {
    let k = &grammar().kinds;
    let mut scoped = ScopedKeys::default();
    let accesses: Vec<(&Call, Access, &str)> = file
        .calls_named_any(&["put", "get", "delete", "erase"])
        .into_iter()
        .filter_map(|c| Some((c, access(c)?, file.text(c.arg(0)?))))
        .collect();
    paired_by_callers(file, &accesses, &mut scoped);
    released_after_pipeline(file, &accesses, &mut scoped);
    for &(cleanup, access, key) in &accesses {
        let Some(def) = cleanup.ctx.def else { continue };
        if access == Access::Read || !in_after_block(file, cleanup.node) {
            continue;
        }
        let bound = accesses.iter().any(|&(c, a, kk)| {
            a == Access::Write && kk == key && c.ctx.def == Some(def) && !in_after_block(file, c.node)
        });
        if bound {
            scoped.in_def.insert((def, key));
            let literal = cleanup.arg(0).is_some_and(|n| n.kind_id() != k.identifier);
            if literal {
                scoped.literal.insert(key);
            } else {
                scoped.passed.insert(key);
            }
        }
    }
    scoped.only_bound = scoped
        .literal
        .iter()
        .copied()
        .filter(|key| {
            accesses
                .iter()
                .filter(|&&(c, a, kk)| a == Access::Write && kk == *key && !in_after_block(file, c.node))
                .all(|&(c, _, kk)| c.ctx.def.is_some_and(|d| scoped.in_def.contains(&(d, kk))))
        })
        .collect();
    scoped
}

/// A push and a pop the module offers (`push_frame/2` puts a frame on a literal key,
/// `pop_frame/1` takes it off), that code of this file calls as a pair: the push, then
/// the pop in an `after` block of the same function (often the `quote` of a
/// decorator macro). The binding is the callers' `try ... after`, so both functions'
/// accesses of the key are scoped.
fn paired_by_callers<'s>(file: &File<'s>, accesses: &[(&Call, Access, &'s str)], scoped: &mut ScopedKeys<'s>) {
    // Most files never touch the dictionary: skip the walk over their calls.
    if accesses.is_empty() {
        return;
    }
    let k = &grammar().kinds;
    // The function of this file a call reaches: a local call, or one through the
    // module's full name.
    let target = |c: &Call| -> Option<Id> {
        let module = match c.module.as_deref() {
            None if c.local => c.ctx.module,
            Some(m) => file.modules.iter().position(|x| x.name == m).map(|i| i as Id),
            None => None,
        }?;
        file.defs
            .iter()
            .position(|d| d.module == Some(module) && d.name == c.name && d.arity == c.arity)
            .map(|i| i as Id)
    };
    let changes = |def: Id, key: &str| {
        accesses.iter().any(|&(c, a, kk)| c.ctx.def == Some(def) && kk == key && a != Access::Read)
    };
    for pop in file.calls.iter().filter(|c| !c.dynamic && in_after_block(file, c.node)) {
        let Some(pop_def) = target(pop) else { continue };
        for &(_, _, key) in accesses.iter().filter(|&&(c, a, _)| c.ctx.def == Some(pop_def) && a != Access::Read) {
            let literal = accesses
                .iter()
                .find(|&&(c, _, kk)| kk == key && c.ctx.def == Some(pop_def))
                .and_then(|(c, _, _)| c.arg(0))
                .is_some_and(|n| n.kind_id() != k.identifier);
            let push = file.calls.iter().filter(|c| {
                c.ctx.def == pop.ctx.def && c.node.end_byte() <= pop.node.start_byte() && !in_after_block(file, c.node)
            });
            let pushes: Vec<Id> = push.filter_map(target).filter(|&d| d != pop_def && changes(d, key)).collect();
            if literal && !pushes.is_empty() {
                scoped.literal.insert(key);
                scoped.in_def.insert((pop_def, key));
                scoped.in_def.extend(pushes.into_iter().map(|d| (d, key)));
            }
        }
    }
    // A `quote` in a plain function (a decorator's) is data to the model: find the
    // pair in its text, the push before `after` and the pop after it.
    // Call nodes are not indexed; find `quote` by its text and climb to its call.
    let quotes = file.src.match_indices("quote").filter_map(|(at, _)| {
        let word = file.tree.root_node().descendant_for_byte_range(at, at + 5)?;
        let call = file.parent(word).filter(|c| c.kind_id() == k.call && c.start_byte() == at)?;
        (file.text(word) == "quote").then_some(call)
    });
    for quote in quotes {
        let text = file.text(quote);
        let Some(after) = text.find(" after\n") else { continue };
        let calls_at = |name: &str, range: std::ops::Range<usize>| {
            let start = range.start;
            text[range].match_indices(&format!("{name}(")).any(|(i, _)| {
                let at = start + i;
                at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric() && text.as_bytes()[at - 1] != b'_'
            })
        };
        for &(c, _, key) in accesses.iter().filter(|&&(_, a, _)| a != Access::Read) {
            let (Some(pop_def), Some(arg)) = (c.ctx.def, c.arg(0)) else { continue };
            let pop = &file.defs[pop_def as usize];
            if arg.kind_id() == k.identifier || pop.kind != "def" || !calls_at(pop.name, after..text.len()) {
                continue;
            }
            let pushes: Vec<Id> = accesses
                .iter()
                .filter(|&&(p, pa, pk)| pk == key && pa != Access::Read && p.ctx.def != Some(pop_def))
                .filter_map(|(p, _, _)| p.ctx.def)
                .filter(|&d| file.defs[d as usize].kind == "def" && calls_at(file.defs[d as usize].name, 0..after))
                .collect();
            if !pushes.is_empty() {
                scoped.literal.insert(key);
                scoped.in_def.insert((pop_def, key));
                scoped.in_def.extend(pushes.into_iter().map(|d| (d, key)));
            }
        }
    }
}

/// A private function stores a literal key and a helper of the module deletes it, called
/// in the `after` of a `try` whose body runs the writer: `super(conn, opts)` in a
/// `Plug.Builder`'s `call/2` (the writer is one of its `plug :name` steps, and `conn`
/// cannot carry what the `after` needs), or a direct call of the writer. The value
/// lives for one request.
fn released_after_pipeline<'s>(file: &File<'s>, accesses: &[(&Call, Access, &'s str)], scoped: &mut ScopedKeys<'s>) {
    let k = &grammar().kinds;
    for &(del, _, key) in accesses.iter().filter(|&&(c, a, _)| a == Access::Delete && !in_after_block(file, c.node)) {
        let (Some(deleter), Some(arg)) = (del.ctx.def, del.arg(0)) else { continue };
        if arg.kind_id() == k.identifier {
            continue;
        }
        let writers: Vec<Id> = accesses
            .iter()
            .filter(|&&(c, a, kk)| a == Access::Write && kk == key && c.ctx.module == del.ctx.module)
            .filter_map(|(c, _, _)| c.ctx.def)
            .filter(|&d| file.defs[d as usize].kind == "defp" && d != deleter)
            .collect();
        if writers.is_empty() {
            continue;
        }
        let name = file.defs[deleter as usize].name;
        let released = file.calls.iter().filter(|c| c.local && c.name == name && c.ctx.module == del.ctx.module);
        let around = released.filter_map(|c| Some((c, file.after_block_around(c.node)?)));
        let runs_writer = around.into_iter().any(|(release, after)| {
            let Some(block) = file.parent(after) else { return false };
            file.calls.iter().any(|c| {
                c.ctx.def == release.ctx.def
                    && c.local
                    && (block.start_byte()..after.start_byte()).contains(&c.node.start_byte())
                    && (c.name == "super" || writers.iter().any(|&w| file.defs[w as usize].name == c.name))
            })
        });
        if runs_writer {
            scoped.literal.insert(key);
            scoped.in_def.insert((deleter, key));
            scoped.in_def.extend(writers.into_iter().map(|d| (d, key)));
        }
    }
}

fn in_after_block(file: &File, node: Node) -> bool {
    file.after_block_around(node).is_some()
}

/// Is this access part of a scoped binding (see `ScopedKeys`)?
fn is_scoped(scoped: &ScopedKeys, file: &File, call: &Call, access: Access, key: Node) -> bool {
    let key = file.text(key);
    let in_binding = call.ctx.def.is_some_and(|d| scoped.in_def.contains(&(d, key)));
    let read_with_default =
        access == Access::Read && !call.capture && (call.arity == 2 || tested_for_presence(file, call));
    let passed_in = scoped.passed.contains(key) && has_param_named(file, call, key);
    // A private helper can only run when a function of this module calls it, so its
    // accesses of a bound key happen inside the binding (an accumulator the parser's
    // callback appends to, say).
    let private_helper = call
        .ctx
        .def
        .is_some_and(|d| file.defs[d as usize].kind == "defp");
    in_binding
        || passed_in
        || (scoped.literal.contains(key) && (read_with_default || private_helper))
        || (access == Access::Read && !call.capture && scoped.only_bound.contains(key))
}

/// Keys this file writes only to set up a process: inside a function it hands to a
/// new process (`spawn(fn -> Process.put(:ctx, ctx); work() end)`), which is how
/// context is propagated by hand as OTP does for `$callers`, or in the `init/1` of a
/// supervisor, which has no state of its own to keep it in. The value lives exactly
/// as long as the process it describes; reads of these keys see that setup.
fn process_setup_keys<'s>(file: &File<'s>) -> HashSet<&'s str> {
    let mut setup = HashSet::new();
    let mut elsewhere = HashSet::new();
    for call in file.calls_named("put") {
        let (Some(Access::Write), Some(key)) = (access(call), call.arg(0)) else {
            continue;
        };
        let key = file.text(key);
        if call.ctx.other_process || in_supervisor_init(file, call) {
            setup.insert(key);
        } else {
            elsewhere.insert(key);
        }
    }
    setup.retain(|k| !elsewhere.contains(k));
    setup
}

fn in_supervisor_init(file: &File, call: &Call) -> bool {
    let Some(def) = call.ctx.def.map(|d| &file.defs[d as usize]) else {
        return false;
    };
    def.name == "init"
        && def.arity == 1
        && def.module.is_some_and(|m| {
            file.modules[m as usize]
                .uses
                .iter()
                .any(|(u, _)| u == "Supervisor" || u == "DynamicSupervisor")
        })
}

/// `def get(key, default), do: :erlang.get(key) ...`: a module that offers the
/// dictionary's own operations under their own names is the dictionary's API, not a
/// user of it.
fn is_api_reexport(file: &File, call: &Call) -> bool {
    call.ctx
        .def
        .is_some_and(|d| file.defs[d as usize].name == call.name)
}

/// Does the function around the call take a parameter written `name`?
fn has_param_named(file: &File, call: &Call, name: &str) -> bool {
    call.ctx.def.is_some_and(|d| {
        file.defs[d as usize]
            .params
            .iter()
            .any(|p| file.text(*p) == name)
    })
}

/// A handle API over the dictionary: `open/0` binds `ref = make_ref()`, stores under
/// it and returns it; a public `close(ref)` of the module deletes it. The key is
/// unique, so no other code can collide with it, and the entry lives from `open` to
/// `close`.
struct RefHandle<'s> {
    module: Option<Id>,
    /// The key as written in the opener (`ref`).
    key: &'s str,
    /// `open/0`, `close/1`.
    opener: String,
    closer: String,
    /// A function of this file calls the closer in an `after` block: the handle
    /// cannot outlive the call that opened it.
    closed_after: bool,
}

fn ref_handles<'s>(file: &File<'s>) -> Vec<RefHandle<'s>> {
    let mut out = Vec::new();
    for write in file.calls_named("put").filter(|c| access(c) == Some(Access::Write)) {
        let Some(key) = write.arg(0).filter(|k| k.kind_id() == grammar().kinds.identifier) else {
            continue;
        };
        let key = file.text(key);
        let Some(def) = file.def(&write.ctx).filter(|d| d.kind == "def") else {
            continue;
        };
        if !binds_fresh_ref(file, def, key) || !returns_var(file, def, key) {
            continue;
        }
        let Some(closer) = deleting_function(file, write.ctx.module) else {
            continue;
        };
        let closed_after = file
            .calls_named(closer.name)
            .any(|c| c.arity == closer.arity && c.ctx.module == write.ctx.module && in_after_block(file, c.node));
        out.push(RefHandle {
            module: write.ctx.module,
            key,
            opener: format!("{}/{}", def.name, def.arity),
            closer: format!("{}/{}", closer.name, closer.arity),
            closed_after,
        });
    }
    out
}

/// `key = make_ref()` (or a tuple holding `make_ref()`) in the function.
fn binds_fresh_ref(file: &File, def: &Def, key: &str) -> bool {
    def.body.is_some_and(|body| {
        ast::descendants(body).any(|n| {
            ast::is_binary_op(n, file.src, "=")
                && ast::field(n, grammar().fields.left).is_some_and(|l| file.text(l) == key)
                && ast::field(n, grammar().fields.right).is_some_and(|r| file.text(r).contains("make_ref()"))
        })
    })
}

/// The function's last expression is the variable `key`: it hands the key out.
fn returns_var(file: &File, def: &Def, key: &str) -> bool {
    def.body
        .and_then(|body| ast::statements(body).last())
        .is_some_and(|last| file.text(last) == key)
}

/// A public function of the module that deletes the key its parameter names
/// (`def close(ref), do: Process.delete(ref)`).
fn deleting_function<'a, 's>(file: &'a File<'s>, module: Option<Id>) -> Option<&'a Def<'s>> {
    file.calls_named_any(&["delete", "erase"])
        .into_iter()
        .filter(|c| access(c) == Some(Access::Delete) && c.ctx.module == module)
        .find_map(|c| {
            let key = c.arg(0).filter(|k| k.kind_id() == grammar().kinds.identifier)?;
            let def = file.def(&c.ctx).filter(|d| d.kind == "def")?;
            has_param_named(file, c, file.text(key)).then_some(def)
        })
}

/// `Process.get({__MODULE__, :http_client}, default)` with no write of that key in
/// the file: a hook for tests to override a dependency. The module never sets it, so
/// in production the read always gives the default.
/// The same holds for the module's own name as the key (`__MODULE__`), read, or taken
/// with `Process.put(__MODULE__, nil)` whose old value the code goes on to use: a hook
/// that callers may fill before calling in, and that the module clears as it reads it.
fn is_override_hook(file: &File, call: &Call, kind: Access, key: Node) -> bool {
    let text = file.text(key);
    let reads = match kind {
        Access::Read => call.arity == 2 && text.starts_with("{__MODULE__,") || text == "__MODULE__",
        Access::Write => text == "__MODULE__" && takes_old_value(file, call),
        Access::Delete => false,
    };
    reads
        && !file.calls_named("put").any(|c| {
            access(c) == Some(Access::Write)
                && c.ctx.module == call.ctx.module
                && c.arg(0).is_some_and(|k| file.text(k) == text)
                && !takes_old_value(file, c)
        })
}

/// `case Process.put(key, nil) do ...`: a write of `nil` whose result (the old value)
/// the code uses is a read that also clears the key.
fn takes_old_value(file: &File, put: &Call) -> bool {
    put.arg(1).is_some_and(|v| v.kind_id() == grammar().kinds.nil) && file.statement_around(put.expr) != put.expr
}

/// `Process.get_keys() |> Enum.each(&Process.delete/1)`: a function that deletes over
/// every key it finds clears what other code left behind (a keep-alive connection
/// between two requests), it keeps no state of its own.
fn sweeps_all_keys(file: &File, call: &Call) -> bool {
    let is_delete = matches!(
        (call.module.as_deref(), call.name),
        (Some("Process"), "delete") | (Some(":erlang"), "erase")
    );
    is_delete
        && call.arity == 1
        && file.def(&call.ctx).is_some_and(|def| {
            file.calls_within(def.node).any(|c| {
                c.name == "get_keys" && c.arity == 0 && matches!(c.module.as_deref(), Some("Process" | ":erlang"))
            })
        })
}

/// The function of the write's module (`reinit/1`) that deletes every key of the
/// module's namespace at once: it lists the keys (`Process.get_keys/0`), keeps the
/// `{__MODULE__, _}` ones, and deletes them.
fn namespace_sweeper(file: &File, write: &Call) -> Option<String> {
    let module = write.ctx.module?;
    file.defs_of(Some(module)).find_map(|def| {
        let lists = file.calls_within(def.node).any(|c| c.name == "get_keys" && c.arity == 0 && matches!(c.module.as_deref(), Some("Process" | ":erlang")));
        let deletes = file.calls_within(def.node).any(|c| matches!((c.module.as_deref(), c.name), (Some("Process"), "delete") | (Some(":erlang"), "erase")));
        let own = file.text(def.node).contains("{__MODULE__, _}");
        (lists && deletes && own).then(|| format!("{}/{}", def.name, def.arity))
    })
}

/// `!!Process.get(key)`, `is_nil(Process.get(key))`, `Process.get(key) != nil`: the
/// read only asks whether the key is bound, so a missing key (`nil`) is its default.
fn tested_for_presence(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(parent) = file.parent(call.expr) else {
        return false;
    };
    if parent.kind_id() == k.unary_operator {
        return matches!(ast::operator(parent, file.src), "!" | "not");
    }
    if parent.kind_id() == k.binary_operator && matches!(ast::operator(parent, file.src), "==" | "!=" | "===" | "!==") {
        return ast::named_children(parent).any(|n| file.text(n) == "nil");
    }
    // `is_nil(Process.get(key))`: the call's argument list, then the call.
    parent
        .parent()
        .filter(|p| p.kind_id() == k.call)
        .is_some_and(|p| file.text(p).starts_with("is_nil("))
}

/// Keys of a once-per-process warning: `if Process.get(key) == nil do Logger.warning(...);
/// Process.put(key, true) end` (or `unless Process.get(key)`). The flag only keeps a
/// deprecation or misuse warning from repeating; a module of plain functions has no
/// state to move it to, and losing it costs one more log line.
fn warned_once_keys<'s>(file: &File<'s>) -> HashSet<&'s str> {
    let logs = |c: &Call| {
        c.module.as_deref().is_some_and(|m| m == "Logger" || m.ends_with(".Logger"))
            || c.is("IO", "warn")
            || c.module.is_none() && c.local && c.name == "warn"
    };
    file.calls_named("put")
        .filter(|c| access(c) == Some(Access::Write) && c.arg(1).is_some_and(|v| file.text(v) == "true"))
        .filter_map(|put| {
            let key = file.text(put.arg(0)?);
            let guarded = file.calls_named_any(&["if", "unless"]).into_iter().any(|guard| {
                guard.node.byte_range().contains(&put.node.start_byte())
                    && guard.arg(0).is_some_and(|cond| {
                        file.calls_within(cond)
                            .any(|g| access(g) == Some(Access::Read) && g.arg(0).is_some_and(|k| file.text(k) == key))
                    })
                    && file.calls_within(guard.node).any(logs)
            });
            guarded.then_some(key)
        })
        .collect()
}

/// `Process.put({__MODULE__, service}, true)` in a telemetry handler (`handle_event/4`)
/// whose module deletes the same key in the `handle_event/4` clause for the span's
/// `:stop` and `:exception` events: both run in the process that runs the span, so
/// the key lives for one call (R47 external_service's retry marker). A handler has
/// no state or argument that could carry it instead.
fn cleared_at_span_end(file: &File, call: &Call, how: Access, key: Node) -> bool {
    let handler = |d: &Def| d.name == "handle_event" && d.arity == 4;
    if how != Access::Write || !file.def(&call.ctx).is_some_and(handler) {
        return false;
    }
    let text = file.text(key);
    file.calls_named("delete").any(|del| {
        access(del) == Some(Access::Delete)
            && del.ctx.module == call.ctx.module
            && del.arg(0).is_some_and(|k| file.text(k) == text)
            && file.def(&del.ctx).is_some_and(|d| {
                let head = file.text(d.head);
                let guard = d.guard.map(|g| file.text(g)).unwrap_or_default();
                handler(d) && [":stop", ":exception"].iter().any(|e| head.contains(e) || guard.contains(e))
            })
    })
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    let scoped = scoped_keys(file);
    let setup = process_setup_keys(file);
    // One finding per key where the file writes it: reads and deletes of that key are
    // the same decision, and a `clear/0` that deletes it is the cleanup, not the smell.
    let written: HashSet<&str> = file
        .calls_named("put")
        .filter(|c| access(c) == Some(Access::Write))
        .filter_map(|c| Some((c, c.arg(0)?)))
        .filter(|&(c, k)| !is_scoped(&scoped, file, c, Access::Write, k))
        .map(|(_, k)| file.text(k))
        .filter(|k| !setup.contains(k))
        .collect();
    // Modules that write a computed key (`{ack_info, kind}`): their reads and deletes of
    // computed keys are the same decision, whose key texts need not match.
    let computed_writers: HashSet<Option<Id>> = file
        .calls_named("put")
        .filter(|c| access(c) == Some(Access::Write))
        .filter(|c| c.arg(0).is_some_and(|k| !is_literal_key(file, k) && written.contains(file.text(k))))
        .map(|c| c.ctx.module)
        .collect();
    let settings = setting_keys(file);
    let handles = ref_handles(file);
    let once = warned_once_keys(file);
    // `if Process.get(:in_tx?) do Process.put(:pending, [x | Process.get(:pending, [])])`:
    // appends to an accumulator while a flag is set. The flag's read is that decision.
    let appends: Vec<(&Call, &str)> = file
        .calls_named("put")
        .filter(|c| access(c) == Some(Access::Write))
        .filter_map(|c| Some((c, guarded_append(file, c)?)))
        .collect();
    let guard_reads: HashSet<usize> = appends
        .iter()
        .flat_map(|&(put, flag)| {
            file.calls_named("get")
                .filter(move |g| g.ctx.def == put.ctx.def && g.node.start_byte() < put.node.start_byte())
                .filter(move |g| g.arg(0).is_some_and(|k| file.text(k) == flag))
                .map(|g| g.node.start_byte())
        })
        .collect();
    // Writes of the same key in the same module are one decision: the first is reported.
    let mut reported_writes: HashSet<(Option<Id>, &str)> = HashSet::new();
    let mut reported_appends: HashSet<(Option<Id>, Option<&str>)> = HashSet::new();
    for call in file.calls_named_any(&["put", "get", "get_keys", "delete", "erase"]) {
        let Some(access) = access(call) else {
            continue;
        };
        if access == Access::Read && call.arity == 0 && !call.capture {
            // `Process.get()`, `get_keys()`: every entry or key at once, a dump for a crash report or
            // `format_status`, not state the code depends on.
            continue;
        }
        if sweeps_all_keys(file, call) || restores_snapshot(file, call) {
            continue;
        }
        // `get_keys/1` takes a value, not a key.
        let key = (call.name != "get_keys").then(|| call.arg(0)).flatten();
        if key.is_some_and(|k| documented_setting(file, call, k) || cleared_at_span_end(file, call, access, k)) {
            continue;
        }
        if key.is_some_and(|k| ast::atom_name(k, src).is_some_and(|n| OTP_KEYS.contains(&n))) {
            continue;
        }
        if key.is_some_and(|k| {
            is_scoped(&scoped, file, call, access, k)
                || is_override_hook(file, call, access, k)
                || setup.contains(file.text(k))
        }) || is_api_reexport(file, call)
        {
            continue;
        }
        if access != Access::Write && key.is_some_and(|k| written.contains(file.text(k))) {
            continue;
        }
        if access != Access::Write && key.is_some_and(|k| drained_in_after(file, call, k)) {
            continue;
        }
        if access == Access::Delete && call.ctx.other_process && value_used(file, call) {
            // `events = Process.delete(:events) || []` in the fn of a task: what the
            // task's callees collected leaves with its result, and the dictionary ends
            // with the task.
            continue;
        }
        if access != Access::Write
            && key.is_some_and(|k| !is_literal_key(file, k))
            && computed_writers.contains(&call.ctx.module)
        {
            continue;
        }
        if key.is_some_and(|k| {
            settings.contains(&(call.ctx.module, file.text(k))) || is_debug_marker(file, k, access) || once.contains(file.text(k))
        }) {
            continue;
        }
        let handle = key.and_then(|k| {
            handles
                .iter()
                .find(|h| h.module == call.ctx.module && h.key == file.text(k))
        });
        if handle.is_some_and(|h| h.closed_after || access != Access::Write) {
            continue;
        }
        if access == Access::Read && guard_reads.contains(&call.node.start_byte()) {
            continue;
        }
        let written = call.display(src);
        // Its own decision, which does not stand for the key's other writes in the module
        // (the code that sets it up, when that lives here too).
        if let Some(&(_, flag)) = appends.iter().find(|(put, _)| put.node == call.node) {
            if !reported_appends.insert((call.ctx.module, key.map(|k| file.text(k)))) {
                continue;
            }
            let acc = key.map(|k| one_line(file.text(k))).unwrap_or_default();
            report
                .add_info(
                    file,
                    &call.ctx,
                    call.node.byte_range(),
                    format!(
                        "`{written}` appends to `{acc}` only while `{flag}` is set: an accumulator for code that sets the flag around a unit of work (a transaction) and drains it afterwards, which this file does not show; check that every place that sets `{flag}` reads and deletes both in an `after` block, or an entry left by a raise is delivered with the next unit of work in this process"
                    ),
                );
            continue;
        }
        if access == Access::Write
            && let Some(k) = key
            && !reported_writes.insert((call.ctx.module, file.text(k)))
        {
            continue;
        }
        let k = &grammar().kinds;
        let what = match key {
            Some(n) if n.kind_id() == k.atom || n.kind_id() == k.quoted_atom => {
                format!("`{}`", file.text(n))
            }
            Some(_) => "a value".to_string(),
            None if call.name == "get_keys" => "the keys".to_string(),
            None if call.capture => "a value".to_string(),
            None => "every entry".to_string(),
        };
        let scratch = (access == Access::Write && key.is_some_and(|k| !is_literal_key(file, k)))
            .then(|| scratch_owner(file, call))
            .flatten();
        let buffer = (access == Access::Write && scratch.is_none() && key.is_some_and(|k| !is_literal_key(file, k)))
            .then(|| scratch_buffer_owner(file, call))
            .flatten();
        // Read by other processes through `Process.info(pid, :dictionary)`: a
        // publication, which the state cannot replace (no one can ask a busy owner).
        let published = (access == Access::Write)
            .then(|| key.and_then(|k| dictionary_reader(file, call, k)))
            .flatten();
        let scratch = scratch.filter(|_| published.is_none());
        let buffer = buffer.filter(|_| published.is_none());
        let config = access == Access::Write
            && published.is_none()
            && buffer.is_none()
            && scratch.is_none()
            && written_once_in_init(file, call);
        // A zero-arity callback OTP's `:heart` runs in its own process: no argument or
        // state can carry the value there, so the dictionary is the only store.
        let heart = heart_callback(file, call);
        if heart.is_some() && key.is_some_and(|k| namespaced_by_module(file, k)) {
            continue;
        }
        // `def name_process(name), do: Process.put(:__my_app_name__, name)`: a label for
        // whoever inspects the process, which nothing in the file reads back.
        let label = (access == Access::Write && published.is_none() && heart.is_none())
            .then(|| key.filter(|k| is_process_label(file, call, *k)))
            .flatten();
        let memo = (access == Access::Write && published.is_none() && heart.is_none())
            .then(|| key.filter(|k| is_literal_key(file, *k) && memoises(file, call, *k)))
            .flatten()
            .is_some();
        // A socket serializer's callbacks get the message and nothing else.
        let serializer = !memo && access == Access::Read && implements(file, call, "Phoenix.Socket.Serializer");
        if serializer {
            let message = format!(
                "`{written}` reads `{}` in a `Phoenix.Socket.Serializer`, whose callbacks (`decode!/2`, `encode!/1`, `fastlane!/1`) get only the message and run in the socket's transport process: its dictionary is the one way a value the socket set (in `connect/3` or `init/1`) reaches them",
                key.map(|k| one_line(file.text(k))).unwrap_or_default()
            );
            add_with_key_advice(report, file, call, key, message, ("MyAppWeb.UserSocket", " so that no other code in that process can clash with it"));
            continue;
        }
        // `Process.put(:t, System.monotonic_time(:millisecond))` in a function that prints
        // the time since the last mark: a profiling stopwatch, meant to be dropped into
        // any code without changing its signatures.
        if access == Access::Write && key.is_some_and(|k| is_literal_key(file, k)) && stopwatch_mark(file, call) {
            let message = format!(
                "`{written}` keeps a clock reading under `{}` for a stopwatch that prints the time between marks: the dictionary lets it be called from any code without passing state around, which is its point",
                key.map(|k| one_line(file.text(k))).unwrap_or_default()
            );
            add_with_key_advice(report, file, call, key, message, ("__MODULE__", ", since the marks land in the dictionary of whatever process runs the code being timed"));
            continue;
        }
        // `{__MODULE__, :ref}` in a module with a function that deletes every
        // `{__MODULE__, _}` key at once (on reconnect): a namespace it manages.
        if access == Access::Write
            && let Some(k) = key.filter(|k| k.kind_id() == grammar().kinds.tuple && namespaced_by_module(file, *k))
            && let Some(sweeper) = namespace_sweeper(file, call)
        {
            let message = format!(
                "`{written}` keeps `{}` among this module's `{{__MODULE__, _}}` entries, which `{sweeper}` clears all at once: per-process state the module manages for its helpers (a counter or table they share without passing it), so those helpers work only in the process that runs them (a call from a `Task` starts from nothing); say so in their docs, or carry the value in data their callers already pass",
                one_line(file.text(k))
            );
            report.add_info(file, &call.ctx, call.node.byte_range(), message);
            continue;
        }
        // Broadway's processors and batchers return no state from their callbacks, and
        // the `context` they get is fixed when the pipeline starts.
        let broadway = !memo && file.module(&call.ctx).is_some_and(|m| m.uses_module("Broadway"));
        let documented = documented_use(file, call);
        let compile_time = key.and_then(|k| compile_time_use(file, call, k));
        let message = match access {
            _ if broadway => format!(
                "`{written}` uses {what} as per-process state of a Broadway pipeline: `handle_message/3` and `handle_batch/4` get a `context` fixed when the pipeline starts and return no state, so the dictionary is the one place a processor can keep a value that changes between messages; each processor process has its own copy, lost when it restarts: make every read rebuild the value when it finds nothing"
            ),
            Access::Write if memo => format!(
                "`{written}` memoises `{}`: it is written only where a read of it found nothing, so each process computes the value once and losing it costs only that work again; that suits short-lived processes (a compile or request worker, a callback whose arguments are fixed); a long-lived process keeps a copy that goes stale when the source changes: keep it in the state there, or in `:persistent_term` for a value the whole node shares",
                key.map(|k| one_line(file.text(k))).unwrap_or_default()
            ),
            Access::Write if label.is_some() => format!(
                "`{written}` stores {what}, a name for this process that nothing in this file reads back: a label for whoever inspects the process (observer, `Process.info/2`); since Elixir 1.17 on OTP 27, `Process.set_label/1` writes the label that those tools and crash reports show, under a key of OTP's own"
            ),
            Access::Write if let Some(h) = handle => format!(
                "`{written}` stores a value under a fresh `make_ref()` key that `{}` hands out and `{}` deletes: no other code can collide with the key, and the entry lives only while the handle is open; it leaks one entry per call unless every caller closes the handle in an `after` block (`try ... after {}`)",
                h.opener, h.closer, h.closer.split('/').next().unwrap_or_default()
            ),
            Access::Write if published.is_some() => format!(
                "`{written}` publishes `{}` for other processes, which read it from this process's dictionary with `Process.info(pid, :dictionary)` (in `{}`) without messaging it, so they are not held up while it is busy; the state or an argument cannot do that, and an ETS table would not help readers that hold only the pid (they could find it only through another registry), so the dictionary is the place for it{}",
                key.map(|k| one_line(file.text(k))).unwrap_or_default(),
                published.as_deref().unwrap_or_default(),
                // Readers hold only the pid: the key itself is what can be improved.
                if key.is_some_and(|k| namespaced_by_module(file, k)) {
                    ""
                } else {
                    "; namespace the key (`{__MODULE__, ...}`) so it cannot clash with another library's entry in the same process"
                }
            ),
            _ if heart.is_some() => format!(
                "`{written}` runs in the `:heart` process, as (or under) the `{}/0` callback registered with `:heart.set_callback/2`, which gets no argument or state to carry a value between calls, so the dictionary is the place for it; namespace the key (`{{__MODULE__, ...}}`) so it cannot clash with other entries in that process",
                heart.as_deref().unwrap_or_default()
            ),
            Access::Write if config && key.is_some_and(|k| forwards_callbacks_to(file, call, k)) => format!(
                "`{written}` keeps the callback module this server forwards its callbacks to (`apply/3` on the stored module): the server's state is that module's, passed through untouched, so it has no state of its own to keep it in; written once in `init/1` and never rewritten or deleted, it is immutable for the process's life"
            ),
            Access::Write if config => format!(
                "`{written}` stores per-process config: written once in `init/1` and never rewritten or deleted, so it is immutable for the process's life; consider the state struct, unless it is kept out of the state on purpose (so that `format_status` and crash logs do not show it)"
            ),
            Access::Write if buffer.is_some() => {
                let (owner, namespaced) = buffer.unwrap_or_default();
                let keys = if namespaced {
                    "a raise in between leaves the entries filled for the next call"
                } else {
                    "its keys are bare values, so they can collide with other code's entries in this process: namespace them (`{__MODULE__, key}`)"
                };
                format!(
                    "`{written}` uses the process dictionary as a scratch buffer for each call of `{owner}`, which refills its entries and puts them back to an empty value before it returns; {keys}"
                )
            }
            Access::Write if scratch.is_some() => format!(
                "`{written}` uses the process dictionary as a scratch table for one call of `{}`, which deletes the entries before it returns; if something raises in between, they stay behind for the next call in this process; a map accumulator gives the same result without that risk",
                scratch.unwrap_or_default()
            ),
            _ if let Some(why) = compile_time => format!(
                "`{written}` uses {what} in the process dictionary while code compiles: {why}, so no argument or state can carry the value; clear it in an `after` block so that a compile error does not leave it set for the next module this process compiles"
            ),
            _ if let Some(doc) = &documented => format!(
                "`{written}` uses {what} in the process dictionary, as {doc} says: a per-process value that is part of the documented API, so its users know a new process starts without it; check that the docs also say how to carry it into a `Task` or another process"
            ),
            Access::Write => format!(
                "`{written}` stores {what} in the process dictionary: hidden state that no function signature shows and that is lost when the work moves to another process; pass it as an argument, keep it in the GenServer state, or use `Logger.metadata/1` for log context"
            ),
            Access::Read => format!(
                "`{written}` reads {what} from the process dictionary: an implicit input that only exists in the process that stored it; pass the value as an argument or keep it in the GenServer state (`Logger.metadata/0` for log context)"
            ),
            Access::Delete => format!(
                "`{written}` removes {what} from the process dictionary, which means the dictionary holds hidden per-process state; pass values as arguments or keep them in the GenServer state instead"
            ),
        };
        let d = report.add(file, &call.ctx, call.node.byte_range(), message);
        if config || heart.is_some() || published.is_some() || handle.is_some() || label.is_some() || memo || broadway || documented.is_some() || compile_time.is_some() {
            d.severity(Severity::Info);
        }
    }
}

/// An info note for a use of the dictionary that suits the code, which asks for a key
/// namespaced by `owner` (with `why`) unless the key already is.
/// A constant key of a module whose `@moduledoc` says that it keeps values in the
/// process dictionary (Plug's CSRF token, read by a zero-arity `get_csrf_token/0` from
/// templates): the choice is made and documented for its users, often with functions
/// that carry the values to another process, and advice to pass an argument would
/// break its API. A key the module writes from its own old value (a counter, an
/// append), or in a private helper that may be handed one (`put_metrics(metrics)`),
/// is state the documentation does not cover, unless the write fills a miss.
fn documented_setting(file: &File, call: &Call, key: Node) -> bool {
    let documented = file
        .module(&call.ctx)
        .and_then(|m| crate::runtime::moduledoc(file, m))
        .is_some_and(|doc| doc.to_ascii_lowercase().contains("process dictionary"));
    if !documented || !is_literal_key(file, key) {
        return false;
    }
    let text = file.text(key);
    let same_key = |c: &&Call| c.ctx.module == call.ctx.module && c.arg(0).is_some_and(|a| file.text(a) == text);
    let reads: Vec<&Call> = file.calls_named("get").filter(same_key).collect();
    file.calls_named("put")
        .filter(same_key)
        .filter(|w| access(w) == Some(Access::Write))
        .all(|w| {
            written_on_miss(file, w, text)
                || file.def(&w.ctx).is_some_and(|d| d.kind == "def") && !reads
                    .iter()
                    .any(|r| r.ctx.def == w.ctx.def && r.node.start_byte() < w.node.end_byte())
        })
}

/// Code that runs while the compiler works, where the dictionary is the only store:
/// why, for the message.
/// - `trace/2` of a compiler tracer this file registers (`tracers: [__MODULE__]`),
///   or a private helper only it calls: Elixir calls it with the event and the env
///   alone, in the compiling process (R36 elixir_sense);
/// - a function that a `quote` in this module calls (`unquote(__MODULE__).__define__(...)`)
///   while the same `quote` deletes the key: a flag set around the expansion of one
///   definition (R36 nx `Nx.Defn`, whose quote is built in a `defp`).
fn compile_time_use(file: &File, call: &Call, key: Node) -> Option<&'static str> {
    let def = file.def(&call.ctx)?;
    let module = file.module(&call.ctx)?;
    let registers_tracer = || {
        let text = file.text(module.body?);
        let at = text.find("tracers:")?;
        let rest = &text[at..text.len().min(at + 200)];
        (rest.contains("__MODULE__") || rest.contains(module.name.as_str())).then_some(())
    };
    let is_trace = |d: &Def| d.name == "trace" && d.arity == 2 && d.kind == "def";
    let in_trace = is_trace(def) || def.kind == "defp" && file.every_local_caller(def, |c| file.def(&c.ctx).is_some_and(is_trace));
    if in_trace && registers_tracer().is_some() {
        return Some("Elixir calls a compiler tracer's `trace/2` with the event and the env alone, in the compiling process");
    }
    // A `quote` in a macro, or in a helper that builds the macro's code (`defp
    // define_defn`, whose quote the model does not walk): read as text, since the
    // quoted calls are placeholders until expansion.
    if !file.text(module.body?).contains("quote") {
        return None;
    }
    let key_text = file.text(key);
    let calls_def = format!(".{}(", def.name);
    let deletes = [format!("Process.delete({key_text})"), format!(":erlang.erase({key_text})")];
    let sets_and_clears = crate::syntax::descendants(module.body?)
        .filter(|n| n.kind_id() == grammar().kinds.call && ast::local_call_name(*n, file.src) == Some("quote"))
        .any(|q| {
            let text = file.text(q);
            text.contains(&calls_def) && deletes.iter().any(|d| text.contains(d.as_str()))
        });
    sets_and_clears
        .then_some("a macro's generated code calls this function and deletes the key after the definition it expands, a flag for the macros expanded in between")
}

/// Where the code's own documentation says that it keeps values in the process
/// dictionary: the `@doc` of the function the access is in (`Nx.default_backend/1`:
/// "stored only in the process dictionary", R36 nx), or the `@moduledoc` of its
/// module or of a module nested in it (a request context whose docs say its ref
/// keys caches in the dictionary, R36 elixir_sense). Users were told; the finding is
/// a note.
fn documented_use(file: &File, call: &Call) -> Option<String> {
    let module = file.module(&call.ctx)?;
    let says = |text: &str| {
        // "process-dictionary", "the calling process's dictionary" (R47
        // external_service), or the two words on either side of a line break.
        let words: Vec<String> = text.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect();
        let process = |w: &str| ["process", "process's", "process\u{2019}s", "process'"].contains(&w);
        words.windows(2).any(|w| process(&w[0]) && w[1].starts_with("dictionar"))
    };
    let def = file.def(&call.ctx);
    let docs = crate::runtime::module_docs(file, module);
    if let Some(def) = def
        && docs.iter().any(|d| d.functions.contains(&(def.name, def.arity)) && says(d.text))
    {
        return Some(format!("the `@doc` of `{}/{}`", def.name, def.arity));
    }
    let nested = file.modules.iter().filter(|m| m.name.strip_prefix(module.name.as_str()).is_some_and(|rest| rest.starts_with('.')));
    std::iter::once(module)
        .chain(nested)
        // A `@moduledoc`: another function's `@doc` speaks of its own key (R36 nx).
        .any(|m| crate::runtime::module_docs(file, m).iter().any(|d| d.of_module && says(d.text)))
        .then(|| format!("the documentation of `{}`", module.name))
}

fn add_with_key_advice(report: &mut Report, file: &File, call: &Call, key: Option<Node>, message: String, (owner, why): (&str, &str)) {
    let message = match key {
        Some(k) if !namespaced_by_module(file, k) => {
            format!("{message}; namespace the key (`{{{owner}, {}}}`){why}", one_line(file.text(k)))
        }
        _ => message,
    };
    report.add(file, &call.ctx, call.node.byte_range(), message).severity(Severity::Info);
}

/// The function around `write` reads a clock and prints to the console (`IO.puts/1`), and
/// the value written is that reading (a clock call or a variable).
fn stopwatch_mark(file: &File, write: &Call) -> bool {
    let Some(def) = file.def(&write.ctx) else {
        return false;
    };
    let clock = |c: &Call| {
        matches!(c.module.as_deref(), Some("System" | ":erlang" | ":os"))
            && matches!(c.name, "monotonic_time" | "system_time" | "os_time" | "timestamp" | "perf_counter")
    };
    // To the console: a log throttle (`Logger` at most once a second) keeps its
    // last-logged time the same way, and that is state the code depends on.
    let prints = |c: &Call| c.is_any("IO", &["puts", "inspect", "write"]);
    let value = write.arg(1);
    let value_is_reading = value.is_some_and(|v| {
        v.kind_id() == grammar().kinds.identifier || file.calls_within(v).any(|c| c.node == v && clock(c))
    });
    value_is_reading && file.calls_within(def.node).any(clock) && file.calls_within(def.node).any(prints)
}

/// The module holding `call` declares `@behaviour behaviour`.
fn implements(file: &File, call: &Call, behaviour: &str) -> bool {
    call.ctx.module.is_some_and(|m| file.behaviours(m).any(|b| b == behaviour))
}

/// `Process.put(:pending, [x | Process.get(:pending, [])])` inside an `if`, `unless` or
/// `cond` clause whose condition reads another literal key (`Process.get(:in_tx?)`): an
/// append to an accumulator that code elsewhere sets up (sets the flag) and drains.
/// The flag, as written.
fn guarded_append<'s>(file: &File<'s>, put: &Call) -> Option<&'s str> {
    let k = &grammar().kinds;
    let key = put.arg(0).filter(|k| is_literal_key(file, *k))?;
    let key_text = file.text(key);
    let def = file.defs.get(put.ctx.def? as usize)?;
    // The value grows what is there: it reads the key, directly or through a variable
    // bound from it just before.
    let reads_own = |c: &&Call| {
        access(c) == Some(Access::Read) && c.arg(0).is_some_and(|k| file.text(k) == key_text) && c.ctx.def == put.ctx.def
    };
    let appends = file.calls_named("get").filter(reads_own).any(|g| {
        g.node.start_byte() < put.node.end_byte() && put.node.start_byte().saturating_sub(400) < g.node.start_byte()
    });
    if !appends {
        return None;
    }
    let mut node = put.node;
    for _ in 0..12 {
        node = file.parent(node)?;
        if node.id() == def.node.id() {
            return None;
        }
        let condition = if node.kind_id() == k.call && matches!(ast::local_call_name(node, file.src), Some("if" | "unless")) {
            ast::call_arguments(node).and_then(|a| a.named_child(0))
        } else if node.kind_id() == k.stab_clause {
            // A `cond` clause: its left side is the condition.
            ast::field(node, grammar().fields.left)
        } else {
            None
        };
        let Some(condition) = condition else { continue };
        let flag = file.calls_within(condition).find_map(|c| {
            (access(c) == Some(Access::Read) && c.arg(0).is_some_and(|k| is_literal_key(file, k) && file.text(k) != key_text))
                .then(|| file.text(c.arg(0).unwrap()))
        });
        if flag.is_some() {
            return flag;
        }
    }
    None
}

/// `case Process.get(:project_dir) do nil -> dir = fetch(); Process.put(:project_dir,
/// dir); dir; dir -> dir end`, or `Process.get(k) || remember(k)` around the write:
/// the write sits where the read found nothing, so it fills a cache rather than
/// keeping state (a throttle's timestamp, an accumulator).
fn memoises(file: &File, put: &Call, key: Node) -> bool {
    let key = file.text(key);
    // `update_context(ctx, next)` writing the key again with a new value makes it
    // state, not a cache: every write of the key in the module must fill a miss.
    file.calls
        .iter()
        .filter(|w| w.ctx.module == put.ctx.module && access(w) == Some(Access::Write))
        .filter(|w| w.arg(0).is_some_and(|a| file.text(a) == key))
        .all(|w| written_on_miss(file, w, key))
}

/// The write sits where a read of `key` found nothing, itself or in the private helper
/// every caller of which does (`Process.get(k) || remember(k)`).
fn written_on_miss(file: &File, put: &Call, key: &str) -> bool {
    if on_miss(file, put.node, key) {
        return true;
    }
    file.def(&put.ctx)
        .filter(|d| d.kind == "defp")
        .is_some_and(|def| file.every_local_caller(def, |c| on_miss(file, c.node, key)))
}

/// Is `node` where a read of `key` found nothing: the `nil` clause of `case
/// Process.get(key)`, or the right side of `Process.get(key) || ...`?
fn on_miss(file: &File, node: Node, key: &str) -> bool {
    let k = &grammar().kinds;
    let start = node.start_byte();
    let reads_key = |n: Node| {
        file.calls_within(n)
            .any(|c| c.node == n && access(c) == Some(Access::Read) && c.arg(0).is_some_and(|a| file.text(a) == key))
    };
    let mut node = node;
    for _ in 0..8 {
        let Some(parent) = file.parent(node) else { return false };
        // `nil -> ...` clause of `case Process.get(k) do`.
        if parent.kind_id() == k.stab_clause
            && ast::field(parent, grammar().fields.left).is_some_and(|l| file.text(l) == "nil")
            && file.parent(parent).and_then(|b| file.parent(b)).is_some_and(|case| {
                ast::local_call_name(case, file.src) == Some("case")
                    && ast::call_arguments(case).and_then(|a| a.named_child(0)).is_some_and(reads_key)
            })
        {
            return true;
        }
        // `if token = Process.get(k) do token else ... end`: the `else` runs on a miss.
        if parent.kind_id() == k.else_block
            && file.parent(parent).and_then(|b| file.parent(b)).is_some_and(|if_call| {
                ast::local_call_name(if_call, file.src) == Some("if")
                    && ast::call_arguments(if_call).and_then(|a| a.named_child(0)).is_some_and(|cond| {
                        let read = if ast::is_binary_op(cond, file.src, "=") {
                            ast::field(cond, grammar().fields.right)
                        } else {
                            Some(cond)
                        };
                        read.is_some_and(reads_key)
                    })
            })
        {
            return true;
        }
        // `Process.get(k) || ...`: the right side runs on a miss.
        if ast::is_binary_op(parent, file.src, "||")
            && ast::field(parent, grammar().fields.left).is_some_and(reads_key)
            && ast::field(parent, grammar().fields.right).is_some_and(|r| r.byte_range().contains(&start))
        {
            return true;
        }
        if parent.kind_id() == k.call && ast::local_call_name(parent, file.src).is_some_and(|n| matches!(n, "def" | "defp")) {
            return false;
        }
        node = parent;
    }
    false
}

/// A write of an atom key named for a name or label (`:__my_app_name__`,
/// `:process_label`) in a function named for naming or labelling the process
/// (`name_process/1`, `label/1`), with no read or delete of the key in the file.
fn is_process_label(file: &File, write: &Call, key: Node) -> bool {
    let Some(name) = ast::atom_name(key, file.src) else {
        return false;
    };
    let names_a_label = |text: &str| {
        let text = text.to_ascii_lowercase();
        text.contains("name") || text.contains("label")
    };
    let in_naming_function = file.def(&write.ctx).is_some_and(|d| names_a_label(d.name));
    let key_text = file.text(key);
    let read_back = file
        .calls_named_any(&["get", "delete", "erase", "pop"])
        .into_iter()
        .any(|c| access(c).is_some_and(|a| a != Access::Write) && c.arg(0).is_some_and(|k| file.text(k) == key_text));
    names_a_label(name) && in_naming_function && !read_back
}

/// `apply(Process.get(key), fun, args)` in the module: the stored value is the
/// callback module a behaviour wrapper forwards its callbacks to (and whose state it
/// passes through), so the wrapper has no state of its own to keep it in.
fn forwards_callbacks_to(file: &File, write: &Call, key: Node) -> bool {
    let key = file.text(key);
    file.calls_named("apply")
        .filter(|c| c.arity == 3 && c.ctx.module == write.ctx.module)
        .filter(|c| c.module.is_none() || matches!(c.module.as_deref(), Some("Kernel" | ":erlang")))
        .filter_map(|c| c.arg(0))
        .any(|m| {
            file.calls_within(m).any(|g| {
                g.node.id() == m.id() && access(g) == Some(Access::Read) && g.arg(0).is_some_and(|k| file.text(k) == key)
            })
        })
}

/// The names a key goes by: an atom's name, and for a module attribute (`@key`) its
/// own spelling and the name of the atom it is defined as.
fn key_names<'s>(file: &File<'s>, key: Node) -> Vec<&'s str> {
    let k = &grammar().kinds;
    let mut names: Vec<&str> = ast::atom_name(key, file.src).into_iter().collect();
    if key.kind_id() == k.unary_operator && file.text(key).starts_with('@') {
        let text = file.text(key);
        names.push(text);
        let name = text.trim_start_matches('@');
        names.extend(
            file.attributes
                .iter()
                .filter(|(n, _, _)| *n == name)
                .filter_map(|(_, value, _)| ast::atom_name(*value, file.src)),
        );
    }
    names
}

/// `{:dictionary, d} = Process.info(pid, :dictionary)` in a function of the same
/// module that then looks up the written key: the key is published for other
/// processes to read without messaging the owner (which may be busy). The reading
/// function, as `name/arity`. A read of the process's own dictionary (`self()`) is
/// no such reader.
fn dictionary_reader(file: &File, write: &Call, key: Node) -> Option<String> {
    let k = &grammar().kinds;
    let mut names = key_names(file, key);
    // `{:my_once, id}`: a family of keys, known by its tag.
    if names.is_empty() && key.kind_id() == k.tuple {
        names = key.named_child(0).map(|tag| key_names(file, tag)).unwrap_or_default();
    }
    if names.is_empty() {
        return None;
    }
    file.calls_named_any(&["info", "process_info"])
        .into_iter()
        .filter(|c| c.is("Process", "info") || c.is(":erlang", "process_info"))
        .filter(|c| c.ctx.module == write.ctx.module)
        .filter(|c| c.arg(1).is_some_and(|a| file.text(a) == ":dictionary"))
        .filter(|c| c.arg(0).is_some_and(|p| !matches!(file.text(p), "self()" | "self")))
        .filter_map(|c| file.def(&c.ctx))
        .find(|def| {
            let names_key = |node: Node| {
                std::iter::once(node)
                    .chain(ast::descendants(node))
                    .filter(|n| n.kind_id() == k.atom || n.kind_id() == k.quoted_atom || n.kind_id() == k.unary_operator)
                    .any(|n| key_names(file, n).iter().any(|m| names.contains(m)))
            };
            // The reader may take the key from its callers
            // (`find_in_ancestors({:my_once, id})`).
            names_key(def.node)
                || file.calls.iter().any(|c| {
                    c.local
                        && c.name == def.name
                        && c.arity == def.arity
                        && c.ctx.module == def.module
                        && (0..c.arity).filter_map(|i| c.arg(i)).any(names_key)
                })
        })
        .map(|def| format!("{}/{}", def.name, def.arity))
}

/// `for {key, value} <- saved, do: Process.put(key, value)` in a function that also
/// sweeps the keys not in `saved` (`Process.get_keys/0` and `Process.delete/1`), in a
/// module that takes such snapshots with `Process.get/0`: it puts back the dictionary
/// of other code run in this process (an evaluator, a test runner), a sandbox rather
/// than state of the module.
fn restores_snapshot(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let g = grammar();
    let (Some(Access::Write), Some(key), Some(value)) = (access(call), call.arg(0), call.arg(1)) else {
        return false;
    };
    if key.kind_id() != k.identifier || value.kind_id() != k.identifier {
        return false;
    }
    let Some(def) = file.def(&call.ctx) else {
        return false;
    };
    let pair = |pattern: Node| {
        pattern.kind_id() == k.tuple && {
            let parts: Vec<&str> = ast::named_children(pattern).map(|n| file.text(n)).collect();
            parts == [file.text(key), file.text(value)]
        }
    };
    // The pair is taken apart by a `for` generator or a `fn {k, v} ->` clause around
    // the write.
    let destructured = std::iter::successors(file.parent(call.node), |n| file.parent(*n))
        .take_while(|n| n.id() != def.node.id())
        .any(|n| {
            if n.kind_id() == k.stab_clause {
                return ast::field(n, g.fields.left)
                    .is_some_and(|l| std::iter::once(l).chain(ast::named_children(l)).any(pair));
            }
            n.kind_id() == k.call
                && file.text(n).starts_with("for ")
                && ast::call_arguments(n).is_some_and(|args| {
                    ast::named_children(args).any(|a| {
                        a.kind_id() == k.binary_operator
                            && ast::field(a, g.fields.left).is_some_and(pair)
                            && ast::field(a, g.fields.operator).is_some_and(|o| file.text(o) == "<-")
                    })
                })
        });
    let whole = |c: &Call| c.arity == 0 && matches!(c.module.as_deref(), Some("Process" | ":erlang"));
    let in_def = |c: &&Call| c.ctx.def == call.ctx.def;
    let swept = file.calls_named("get_keys").filter(in_def).any(&whole)
        && file
            .calls_named_any(&["delete", "erase"])
            .into_iter()
            .filter(in_def)
            .any(|c| access(c) == Some(Access::Delete) && c.arity == 1);
    let snapshots = file
        .calls_named("get")
        .any(|c| c.ctx.module == call.ctx.module && whole(c));
    destructured && swept && snapshots
}

/// The zero-arity function of this module registered with
/// `:heart.set_callback(__MODULE__, :check)` whose code (itself, or a function of the
/// module it calls, transitively) holds the access: it runs in the `:heart` process.
fn heart_callback(file: &File, access: &Call) -> Option<String> {
    let def = access.ctx.def?;
    let module = access.ctx.module?;
    let module_name = &file.modules[module as usize].name;
    for set in file.calls_named("set_callback").filter(|c| c.is(":heart", "set_callback") && c.ctx.module == Some(module)) {
        let (Some(m), Some(f)) = (set.arg(0), set.arg(1)) else {
            continue;
        };
        let m = file.text(m);
        if m != "__MODULE__" && file.module_at(m, set.node.start_byte()) != *module_name {
            continue;
        }
        let Some(name) = ast::atom_name(f, file.src) else {
            continue;
        };
        let own: Vec<Id> = file.modules[module as usize].defs.clone();
        let mut reached: Vec<Id> = own
            .iter()
            .copied()
            .filter(|&d| file.defs[d as usize].name == name && file.defs[d as usize].arity == 0)
            .collect();
        let mut i = 0;
        while i < reached.len() {
            let from = reached[i];
            i += 1;
            for c in file.calls.iter().filter(|c| c.ctx.def == Some(from) && c.local && c.module.is_none()) {
                for &d in &own {
                    let target = &file.defs[d as usize];
                    if target.name == c.name && target.arity == c.arity && !reached.contains(&d) {
                        reached.push(d);
                    }
                }
            }
        }
        if reached.contains(&def) {
            return Some(name.to_string());
        }
    }
    None
}

/// Per-process config written once: the module's only write of the key sits in
/// `init/1`, directly or in a private helper that only `init/1` calls, nothing
/// deletes it, and the key is the module (`__MODULE__`, `{__MODULE__, :opts}`) or
/// a value `init/1` received (the callback module of a behaviour).
fn written_once_in_init(file: &File, write: &Call) -> bool {
    let Some(key) = write.arg(0) else {
        return false;
    };
    let key_text = file.text(key);
    let same_key = |c: &&Call| c.ctx.module == write.ctx.module && c.arg(0).is_some_and(|k| file.text(k) == key_text);
    let writes = file.calls_named("put").filter(|c| access(c) == Some(Access::Write)).filter(same_key).count();
    let deletes = file
        .calls_named_any(&["delete", "erase"])
        .into_iter()
        .filter(|c| access(c) == Some(Access::Delete))
        .filter(same_key)
        .count();
    let Some(def) = file.def(&write.ctx) else {
        return false;
    };
    if writes != 1 || deletes != 0 {
        return false;
    }
    let is_init = |d: &Def| d.name == "init" && d.arity == 1;
    let by_module = namespaced_by_module(file, key);
    if is_init(def) {
        return by_module || received_by(file, def, key);
    }
    if def.kind != "defp" {
        return false;
    }
    let callers: Vec<&Call> = file
        .calls_named(def.name)
        .filter(|c| c.local && c.module.is_none() && c.arity == def.arity && c.ctx.module == write.ctx.module)
        .collect();
    !callers.is_empty()
        && callers.iter().all(|c| {
            let Some(init) = file.def(&c.ctx).filter(|d| is_init(d)) else {
                return false;
            };
            // `put_opts(mod, opts)` with `defp put_opts(mod, opts), do: Process.put(mod, opts)`.
            let passed = def
                .params
                .iter()
                .position(|p| file.text(*p) == key_text)
                .and_then(|i| c.arg(i));
            by_module || passed.is_some_and(|a| received_by(file, init, a))
        })
}

/// `__MODULE__`, or a tuple that starts with it or with a module name; also a module
/// attribute of the file defined as one of those (`@ref_key {__MODULE__, :ref}`).
fn namespaced_by_module(file: &File, key: Node) -> bool {
    let k = &grammar().kinds;
    let key = match file.text(key).strip_prefix('@') {
        Some(name) => match file.attributes.iter().find(|(n, _, _)| *n == name) {
            Some((_, value, _)) => *value,
            None => return false,
        },
        None => key,
    };
    let first = if key.kind_id() == k.tuple { key.named_child(0) } else { Some(key) };
    first.is_some_and(|f| file.text(f) == "__MODULE__" || f.kind_id() == k.alias) || prefixed_by_library(file, key)
}

/// `:elsa_topic` in a module of `Elsa`: an atom whose name starts with the library's
/// own name (its top module in snake case, then `_`), namespaced by convention.
fn prefixed_by_library(file: &File, key: Node) -> bool {
    let Some(name) = ast::atom_name(key, file.src).filter(|_| key.kind_id() == grammar().kinds.atom) else {
        return false;
    };
    let Some(top) = file
        .modules
        .iter()
        .find(|m| m.node.byte_range().contains(&key.start_byte()))
        .and_then(|m| m.name.split('.').next())
    else {
        return false;
    };
    let library = super::no_raw_send::snake_case(top);
    name.strip_prefix(library.as_str()).is_some_and(|rest| rest.starts_with('_') && rest.len() > 1)
}

/// A variable bound by one of the function's parameters.
fn received_by(file: &File, def: &Def, var: Node) -> bool {
    let k = &grammar().kinds;
    var.kind_id() == k.identifier
        && def.params.iter().any(|p| {
            std::iter::once(*p)
                .chain(ast::descendants(*p))
                .any(|n| n.kind_id() == k.identifier && file.text(n) == file.text(var))
        })
}

/// `ack_messages/2` calling a private helper that writes computed keys
/// (`Process.put({ack_info, kind}, ...)`) and one that deletes computed keys: the
/// dictionary serves as a scratch table for one call of it. Its name and arity.
fn scratch_owner(file: &File, write: &Call) -> Option<String> {
    let writer = file.defs.get(write.ctx.def? as usize).filter(|d| d.kind == "defp")?;
    let deleters: Vec<&str> = file
        .calls_named_any(&["delete", "erase"])
        .into_iter()
        .filter(|c| access(c) == Some(Access::Delete) && c.ctx.module == write.ctx.module)
        .filter(|c| c.arg(0).is_some_and(|k| !is_literal_key(file, k)))
        .filter_map(|c| file.defs.get(c.ctx.def? as usize))
        .filter(|d| d.kind == "defp")
        .map(|d| d.name)
        .collect();
    file.defs
        .iter()
        .filter(|d| d.kind == "def" && d.module == writer.module)
        .find(|d| {
            let called: Vec<&str> = file.calls_within(d.node).filter(|c| c.local).map(|c| c.name).collect();
            called.contains(&writer.name) && deleters.iter().any(|n| called.contains(n))
        })
        .map(|d| format!("{}/{}", d.name, d.params.len()))
}

/// The reset form of the scratch table: the module writes the same computed key in
/// a private helper that fills it (`Process.put(p, [e | cur])`) and in one that
/// puts it back to an empty constant (`Process.put(p, [])`), and a public function
/// calls both, so the entries are empty between its calls (seeded, for example, in
/// `init/1`). Its name and arity, and whether the key is namespaced by the module.
fn scratch_buffer_owner(file: &File, write: &Call) -> Option<(String, bool)> {
    let key = write.arg(0)?;
    let key_text = file.text(key);
    let helpers = |reset: bool| -> Vec<&str> {
        file.calls_named("put")
            .filter(|c| access(c) == Some(Access::Write) && c.ctx.module == write.ctx.module)
            .filter(|c| c.arg(0).is_some_and(|k| file.text(k) == key_text))
            .filter(|c| c.arg(1).is_some_and(|v| is_empty_constant(file, v)) == reset)
            .filter_map(|c| file.defs.get(c.ctx.def? as usize))
            .filter(|d| d.kind == "defp")
            .map(|d| d.name)
            .collect()
    };
    let (fillers, resetters) = (helpers(false), helpers(true));
    let owner = file
        .defs
        .iter()
        .filter(|d| d.kind == "def" && d.module == write.ctx.module)
        .find(|d| {
            let called: Vec<&str> = file.calls_within(d.node).filter(|c| c.local).map(|c| c.name).collect();
            fillers.iter().any(|n| called.contains(n)) && resetters.iter().any(|n| called.contains(n))
        })?;
    let namespaced = key.kind_id() == grammar().kinds.tuple
        && key.named_child(0).is_some_and(|first| is_literal_key(file, first));
    Some((format!("{}/{}", owner.name, owner.params.len()), namespaced))
}

/// `[]`, `nil`, `0`, `%{}`, `""`: what a scratch entry is reset to.
fn is_empty_constant(file: &File, value: Node) -> bool {
    matches!(file.text(value), "[]" | "nil" | "0" | "%{}" | "\"\"")
}

/// A key written as a constant: an atom, a module, `__MODULE__`, an attribute, or a
/// tuple of those (`{__MODULE__, :repo}`). Anything else is computed when it runs.
fn is_literal_key(file: &File, key: Node) -> bool {
    let k = &grammar().kinds;
    let kind = key.kind_id();
    if kind == k.tuple {
        return ast::named_children(key).all(|c| is_literal_key(file, c));
    }
    kind == k.atom
        || kind == k.quoted_atom
        || kind == k.alias
        || kind == k.string
        || kind == k.integer
        || file.text(key) == "__MODULE__"
        || file.text(key).starts_with('@')
}

/// Keys that are a module's per-process setting, offered as its API: a public
/// function (not a server callback) writes a constant key and nothing else of the
/// dictionary, and is the only function that writes it; another public function reads
/// it with a default, the module's other functions consult that reader or read the
/// key with a default themselves, and none deletes it (`put_dynamic_repo/1`, and
/// `get_dynamic_repo/0` that every query function calls; `set_path/1` and
/// `path/0` reading `Process.get(@key, [])`). The key is namespaced by the module
/// (`{__MODULE__, :repo}`), or only this module of the file touches it (`@key`,
/// `:my_lib_prefix`). Like `Logger.metadata/1`, being per process is the feature;
/// how long a value lives is the callers' choice.
fn setting_keys<'s>(file: &File<'s>) -> HashSet<(Option<Id>, &'s str)> {
    setting_candidates(file)
        .into_iter()
        .filter(|s| s.other_writers.is_empty())
        .map(|s| (s.module, s.key))
        .collect()
}

/// A per-process setting, as `setting_keys` describes it, whose key may also be written
/// by other public functions of the module that write a constant and nothing else, and
/// that no code of the module calls (`stop_transaction/0` next to `start_transaction/0`).
struct SettingCandidate<'s> {
    module: Option<Id>,
    key: &'s str,
    /// Names of those other writers: the setting holds only if no file of the project
    /// calls them, which `conclude` decides.
    other_writers: Vec<&'s str>,
    /// Start bytes of the key's accesses in the module, where the check may report.
    accesses: Vec<usize>,
}

fn setting_candidates<'s>(file: &File<'s>) -> Vec<SettingCandidate<'s>> {
    let public = |c: &Call| {
        c.ctx
            .def
            .is_some_and(|d| file.defs[d as usize].kind == "def" && !file.defs[d as usize].is_callback)
    };
    let accesses: Vec<(&Call, Access, &str)> = file
        .calls_named_any(&["put", "get", "delete", "erase"])
        .into_iter()
        .filter_map(|c| Some((c, access(c)?, file.text(c.arg(0)?))))
        .collect();
    let mut out = Vec::new();
    for &(put, a, key) in &accesses {
        if a != Access::Write || !public(put) {
            continue;
        }
        let namespaced = key.starts_with("{__MODULE__,");
        // A constant key that no other module of the file reads or writes.
        let own = put.arg(0).is_some_and(|k| is_literal_key(file, k))
            && accesses
                .iter()
                .filter(|(_, _, k)| *k == key)
                .all(|(c, _, _)| c.ctx.module == put.ctx.module);
        if !namespaced && !own {
            continue;
        }
        // The setter touches nothing else of the dictionary; it may read the key first
        // to merge into it, as `Logger.metadata/1` does.
        let only_access = accesses
            .iter()
            .filter(|(c, _, _)| c.ctx.def == put.ctx.def)
            .all(|&(c, a, k)| k == key && (c.node == put.node || a == Access::Read));
        let same = |c: &Call| c.ctx.module == put.ctx.module;
        // The module itself consults the setting (its other functions call the
        // getter, or read the key with a default themselves, as a logging macro's
        // code does): configuration of its behaviour, not data parked between calls.
        let consulted = |getter: &Call| {
            let Some(g) = getter.ctx.def else { return false };
            let name = file.defs[g as usize].name;
            let calls_getter = file.calls.iter().any(|c| {
                c.local && c.name == name && c.ctx.module == getter.ctx.module && c.ctx.def.is_some_and(|d| d != g)
            });
            let reads_key = accesses.iter().any(|&(c, a, k)| {
                a == Access::Read && k == key && reads_one_key(c) && same(c) && c.ctx.def != Some(g) && c.ctx.def != put.ctx.def
            });
            // A quote outside a macro (`@prefix_ast quote(do: Process.get(:key, ""))`,
            // spliced into the code the module's macros write) is data to the model,
            // so look for the read in the module's text.
            // (Not counting the getter and the setter themselves, which may read the
            // key to merge into it.)
            let quoted_read = getter.ctx.module.is_some_and(|m| {
                let module = file.modules[m as usize].node.byte_range();
                let mut own = [file.defs[g as usize].node.byte_range(), put.node.byte_range()];
                if let Some(setter) = put.ctx.def {
                    let def = file.defs[setter as usize].node.byte_range();
                    own[1] = def.start.min(own[1].start)..def.end.max(own[1].end);
                }
                own.sort_by_key(|r| r.start);
                let [first, second] = own;
                let gaps = [module.start..first.start, first.end..second.start.max(first.end), second.end.max(first.end)..module.end];
                gaps.iter().any(|r| file.src[r.clone()].contains(&format!("Process.get({key}")))
            });
            calls_getter || reads_key || quoted_read
        };
        let getter = accesses.iter().any(|&(c, a, k)| {
            a == Access::Read && k == key && reads_one_key(c) && !c.capture && public(c) && same(c) && c.ctx.def != put.ctx.def && consulted(c)
        });
        let deleted = accesses.iter().any(|&(c, a, k)| a == Access::Delete && k == key && same(c));
        // The setter is the one way the key is set, but for public switches that only
        // write a constant and that nothing in the module calls.
        let other_writes: Vec<&Call> = accesses
            .iter()
            .filter(|&&(c, a, k)| a == Access::Write && k == key && c.ctx.def != put.ctx.def)
            .map(|&(c, _, _)| c)
            .collect();
        let other_writers: Option<Vec<&str>> = other_writes
            .iter()
            .map(|w| constant_switch(file, w, &accesses))
            .collect();
        if let Some(mut other_writers) = other_writers.filter(|_| only_access && getter && !deleted) {
            other_writers.sort_unstable();
            other_writers.dedup();
            out.push(SettingCandidate {
                module: put.ctx.module,
                key,
                other_writers,
                accesses: accesses
                    .iter()
                    .filter(|&&(c, _, k)| k == key && same(c))
                    .map(|(c, _, _)| c.node.start_byte())
                    .collect(),
            });
        }
    }
    out
}

/// `after` of a `try` that reads a literal key and deletes it (`pending =
/// Process.get(:pending_events, [])`, publish them, `Process.delete(:pending_events)`):
/// the function drains what its callees collected during the call, the cleanup half of
/// a binding whose writes live elsewhere. The writes are judged where they are.
fn drained_in_after(file: &File, call: &Call, key: Node) -> bool {
    if !is_literal_key(file, key) {
        return false;
    }
    let Some(after) = file.after_block_around(call.node) else {
        return false;
    };
    let key = file.text(key);
    file.calls_within(after)
        .any(|c| access(c) == Some(Access::Delete) && c.arg(0).is_some_and(|k| file.text(k) == key))
}

/// The call's value is used (bound, or given to `||`), not dropped as a statement.
fn value_used(file: &File, call: &Call) -> bool {
    file.parent(call.node)
        .is_some_and(|p| p.kind_id() == grammar().kinds.binary_operator)
}

/// `Process.get(key, default)`, or `Process.get(key)` whose default is `nil` (often
/// followed by `|| default`): a read of one key that works whether or not it is set.
fn reads_one_key(c: &Call) -> bool {
    c.name == "get" && matches!(c.arity, 1 | 2)
}

/// The name of the public function around `write`, when the write is all it does with
/// the dictionary, it stores a constant (`true`, `false`, an atom), and no function of
/// its module calls it: a switch the module offers but does not use itself.
fn constant_switch<'s>(file: &File<'s>, write: &Call, accesses: &[(&Call, Access, &str)]) -> Option<&'s str> {
    let k = &grammar().kinds;
    let def = write.ctx.def.map(|d| &file.defs[d as usize])?;
    let constant = write
        .arg(1)
        .is_some_and(|v| is_literal_key(file, v) || v.kind_id() == k.boolean || v.kind_id() == k.nil);
    let alone = accesses.iter().filter(|(c, _, _)| c.ctx.def == write.ctx.def).count() == 1;
    let called_inside = file
        .calls_named(def.name)
        .any(|c| c.module.is_none() && c.ctx.module == def.module && c.ctx.def != write.ctx.def);
    (def.kind == "def" && !def.is_callback && write.ctx.func.is_none() && constant && alone && !called_inside)
        .then_some(def.name)
}

/// `Process.put(:"$my_lib_transport", pid)` that the file never reads back: a `$` key,
/// the convention of OTP's own `$callers`, written for whoever inspects the process
/// from outside (`Process.info(pid, :dictionary)` in a debugger or a dashboard).
fn is_debug_marker(file: &File, key: Node, access: Access) -> bool {
    let Some(name) = ast::atom_name(key, file.src).filter(|n| n.starts_with('$')) else {
        return false;
    };
    access == Access::Write
        && !file.calls_named_any(&["get", "delete", "erase"]).into_iter().any(|c| {
            access_is_read_or_delete(c) && c.arg(0).and_then(|k| ast::atom_name(k, file.src)) == Some(name)
        })
}

fn access_is_read_or_delete(call: &Call) -> bool {
    matches!(access(call), Some(Access::Read | Access::Delete))
}

/// A module that is the API of a per-process context (set, read, clear), as a trace
/// context or a request's tenant is kept: the decision is its callers', who either
/// bind the value for the extent of one call (`try ... after Ctx.clear() end`) or
/// do not. When every caller of the setters in the project clears in an `after`
/// block of the same function, or is a test (whose process ends with it), the value
/// never outlives the call, and the module's accesses are part of those bindings.
#[derive(Serialize, Deserialize)]
struct ContextStore {
    module: String,
    /// Public functions that write the key.
    setters: Vec<String>,
    /// Public functions that delete it.
    clearers: Vec<String>,
    /// Start bytes of every access of the key, where the file's check may report.
    accesses: Vec<usize>,
}

#[derive(Serialize, Deserialize)]
struct ContextFacts {
    stores: Vec<ContextStore>,
    /// Calls of project functions, as `(name_hash(module, function), the name hashes
    /// of that module's functions called in an `after` block of the same function,
    /// or [`ANYWHERE`] in a test file)`. Hashed: every file's facts are held until
    /// the project is concluded, and most files call many functions; for the same
    /// reason a sorted list, each once, rather than a tree.
    calls: Vec<(u64, Box<[u64]>)>,
    /// Writes that may mark the process (see `marker_writes`): the atom key's name,
    /// the write's start byte, and whether the value is a constant.
    #[serde(default)]
    markers: Vec<(String, usize, bool)>,
    /// Atoms named in functions that read other processes' dictionaries
    /// (`Process.info(pid, :dictionary)`).
    #[serde(default)]
    inspected: Vec<String>,
    /// Names of the atom keys this file reads or deletes.
    #[serde(default)]
    reads: Vec<String>,
    /// Per-process settings that hold if no file calls their other writers.
    #[serde(default)]
    switched_settings: Vec<SwitchedSetting>,
    /// Reads of an atom key in lib code that the file itself never writes: (key,
    /// start byte of the read).
    #[serde(default)]
    foreign_reads: Vec<(String, usize)>,
    /// The start bytes of those reads made in a telemetry handler, or in a private
    /// helper only handlers call: code whose arguments `:telemetry` fixes. Also the
    /// reads in a zero-arity accessor that `__using__` injects into callback modules.
    #[serde(default)]
    handler_reads: Vec<usize>,
    /// Atom keys this file writes, and whether the writer is test code (a test file,
    /// test support, or a lib module that runs under ExUnit).
    #[serde(default)]
    writes: Vec<(String, bool)>,
    /// Deletes of an atom key in lib code that the file itself never writes: (key,
    /// start byte of the delete).
    #[serde(default)]
    foreign_deletes: Vec<(String, usize)>,
}

/// `Process.get(:key)`, `Process.put(:key, v)` and the `:erlang` forms: the atom key.
fn atom_key<'s>(file: &File<'s>, c: &Call, name: &str, arities: std::ops::RangeInclusive<usize>) -> Option<&'s str> {
    let dictionary = c.in_module("Process") || c.in_module(":erlang");
    (dictionary && c.name == name && arities.contains(&c.arity) && !c.capture)
        .then(|| ast::atom_name(c.arg(0)?, file.src))
        .flatten()
}

/// (key, start byte) of a read; (key, written by test code) of a write.
type KeyReads = Vec<(String, usize)>;
type KeyWrites = Vec<(String, bool)>;

/// Reads and deletes in lib of keys the file does not write, and every write with who
/// makes it.
fn hook_facts(file: &File) -> (KeyReads, KeyWrites, KeyReads) {
    use crate::FileScope;
    let test_module = |c: &Call| {
        matches!(file.scope, FileScope::Test | FileScope::TestSupport)
            || file.module(&c.ctx).is_some_and(|m| crate::runtime::runs_under_exunit(file, m))
    };
    let mut writes: Vec<(String, bool)> = file
        .calls_named("put")
        .filter_map(|c| Some((atom_key(file, c, "put", 2..=2)?.to_string(), test_module(c))))
        .collect();
    writes.extend(quoted_writes(file).map(|key| (key.to_string(), matches!(file.scope, FileScope::Test | FileScope::TestSupport))));
    writes.sort();
    writes.dedup();
    let reads = if file.scope == FileScope::Lib {
        file.calls_named("get")
            .filter(|c| !test_module(c))
            .filter_map(|c| Some((atom_key(file, c, "get", 1..=2)?, c.node.start_byte())))
            .filter(|(key, _)| !writes.iter().any(|(w, _)| w == key))
            .map(|(key, at)| (key.to_string(), at))
            .collect()
    } else {
        Vec::new()
    };
    let deletes = if file.scope == FileScope::Lib {
        file.calls_named_any(&["delete", "erase"])
            .into_iter()
            .filter(|c| !test_module(c))
            .filter_map(|c| Some((atom_key(file, c, c.name, 1..=1)?, c.node.start_byte())))
            .filter(|(key, _)| !writes.iter().any(|(w, _)| w == key))
            .map(|(key, at)| (key.to_string(), at))
            .collect()
    } else {
        Vec::new()
    };
    (reads, writes, deletes)
}

/// `Process.put(:flag, true)` inside a `quote` of a plain function (a decorator
/// macro's helper): data to the model, but the write runs in every function the
/// macro wraps (R38 elixir_agent's `@trace`). The atom keys, found by their text.
fn quoted_writes<'s>(file: &File<'s>) -> impl Iterator<Item = &'s str> {
    const PUT: &str = "Process.put(:";
    let k = &grammar().kinds;
    file.src.match_indices(PUT).filter_map(move |(at, _)| {
        let rest = &file.src[at + PUT.len()..];
        let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if len == 0 || !rest[len..].starts_with(',') {
            return None;
        }
        let node = file.tree.root_node().descendant_for_byte_range(at, at + PUT.len())?;
        let in_quote = std::iter::successors(Some(node), |n| n.parent()).any(|n| {
            n.kind_id() == k.call && ast::local_call_name(n, file.src) == Some("quote")
        });
        in_quote.then_some(&rest[..len])
    })
}

/// A `SettingCandidate` with other writers, for `conclude`.
#[derive(Serialize, Deserialize)]
struct SwitchedSetting {
    module: String,
    other_writers: Vec<String>,
    accesses: Vec<usize>,
}

/// The function (or, outside any, the test or setup block) a call is in.
type Where = (Option<Id>, Option<Id>);

/// A test's process ends with the test: any value it sets is bound to it.
const ANYWHERE: u64 = 0;

/// FNV-1a of the parts, so that facts made in one process (a web worker) match those
/// made in another; `std`'s hasher makes no such promise.
fn name_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h.max(1)
}

fn context_stores(file: &File) -> Vec<ContextStore> {
    let mut stores = Vec::new();
    let accesses: Vec<(&Call, Access, &str)> = file
        .calls_named_any(&["put", "get", "delete", "erase"])
        .into_iter()
        .filter_map(|c| Some((c, access(c)?, file.text(c.arg(0)?))))
        .collect();
    let keys: BTreeSet<(Id, &str)> = accesses
        .iter()
        .filter(|(_, a, _)| *a == Access::Write)
        .filter_map(|(c, _, k)| Some((c.ctx.module?, *k)))
        .collect();
    for (module, key) in keys {
        let of_key: Vec<&(&Call, Access, &str)> = accesses
            .iter()
            .filter(|(c, _, k)| c.ctx.module == Some(module) && *k == key)
            .collect();
        let public_def = |c: &Call| {
            c.ctx
                .def
                .map(|d| &file.defs[d as usize])
                .filter(|d| d.kind == "def" && c.ctx.func.is_none())
        };
        let mut setters = BTreeSet::new();
        let mut clearers = BTreeSet::new();
        let mut all_public = true;
        for (c, a, _) in &of_key {
            match (public_def(c), a) {
                (Some(d), Access::Write) => {
                    setters.insert(d.name.to_string());
                }
                (Some(d), Access::Delete) if !in_after_block(file, c.node) => {
                    clearers.insert(d.name.to_string());
                }
                (Some(_), _) => {}
                (None, _) => all_public = false,
            }
        }
        if !all_public || clearers.is_empty() || setters.is_empty() {
            continue;
        }
        // A setter called from inside the module widens the API to unknown callers.
        let inner_use = file.calls.iter().any(|c| {
            c.ctx.module == Some(module)
                && c.module.is_none()
                && setters.contains(c.name)
                && c.ctx.def.is_some_and(|d| !setters.contains(file.defs[d as usize].name))
        });
        if inner_use {
            continue;
        }
        stores.push(ContextStore {
            module: file.modules[module as usize].name.clone(),
            setters: setters.into_iter().collect(),
            clearers: clearers.into_iter().collect(),
            accesses: of_key.iter().map(|(c, _, _)| c.node.start_byte()).collect(),
        });
    }
    stores
}

/// Is the function around the call one that sets a process up: `init`, a `start*`,
/// `setup*` or `init_*` function, or a private helper that only those call?
fn in_start_function(file: &File, call: &Call) -> bool {
    let starts = |name: &str| {
        name == "init" || name.starts_with("init_") || name.starts_with("start") || name.starts_with("setup")
    };
    let Some(def) = call.ctx.def.map(|d| &file.defs[d as usize]) else {
        return false;
    };
    if starts(def.name) {
        return true;
    }
    let mut callers = file
        .calls
        .iter()
        .filter(|c| c.local && c.module.is_none() && c.name == def.name && c.ctx.module == def.module)
        .peekable();
    def.kind == "defp"
        && callers.peek().is_some()
        && callers.all(|c| c.ctx.def.is_some_and(|d| starts(file.defs[d as usize].name)))
}

/// `Process.put(:__my_lib_pipeline__, true)` in a function that sets the process up,
/// the only write of that atom key in the file, which never reads or deletes it: a
/// marker for whoever inspects the process from outside
/// (`Process.info(pid, :dictionary)`), whatever its spelling. It is one only if no
/// file of the project reads the key either, and it holds a constant (a tag) or a
/// function of the project that reads dictionaries names it, which `conclude`
/// decides. A read through a key the file computes or names by an attribute may be
/// of any key, so such a file has no markers.
fn marker_writes(file: &File) -> Vec<(String, usize, bool)> {
    let k = &grammar().kinds;
    let src = file.src;
    let mut reads = Vec::new();
    for c in file.calls_named_any(&["get", "delete", "erase"]) {
        if !access_is_read_or_delete(c) {
            continue;
        }
        match c.arg(0) {
            Some(key) if key.kind_id() == k.tuple => {}
            Some(key) => match ast::atom_name(key, src) {
                Some(name) => reads.push(name),
                None => return Vec::new(),
            },
            None => {}
        }
    }
    let quoted_reads = read_keys(file);
    let writes: Vec<(&Call, &str)> = file
        .calls_named("put")
        .filter(|c| access(c) == Some(Access::Write))
        .filter_map(|c| Some((c, ast::atom_name(c.arg(0)?, src)?)))
        .collect();
    writes
        .iter()
        .filter(|(c, name)| {
            !name.starts_with('$')
                && !reads.contains(name)
                // Not even in quoted code the model skips.
                && !quoted_reads.iter().any(|r| r == name)
                && writes.iter().filter(|(_, n)| n == name).count() == 1
                && !c.ctx.in_loop
                && in_start_function(file, c)
        })
        .map(|(c, name)| {
            let k = &grammar().kinds;
            let constant = c
                .arg(1)
                .is_some_and(|v| is_literal_key(file, v) || v.kind_id() == k.boolean || v.kind_id() == k.nil);
            (name.to_string(), c.node.start_byte(), constant)
        })
        .collect()
}

/// Atoms named in the functions of the file that read another process's dictionary
/// (`Process.info(pid, :dictionary)`, `:erlang.process_info/2`): the keys they look
/// for.
fn inspected_keys(file: &File) -> Vec<String> {
    let k = &grammar().kinds;
    let mut names: Vec<String> = file
        .calls_named_any(&["info", "process_info"])
        .into_iter()
        .filter(|c| c.is("Process", "info") || c.is(":erlang", "process_info"))
        .filter(|c| c.arg(1).is_some_and(|a| file.text(a).contains(":dictionary")))
        .filter_map(|c| c.ctx.def.map(|d| file.defs[d as usize].node))
        .flat_map(ast::descendants)
        .filter(|n| n.kind_id() == k.atom || n.kind_id() == k.quoted_atom)
        .filter_map(|n| ast::atom_name(n, file.src))
        .map(str::to_string)
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Names of the atom keys the file reads or deletes, in code the model analyses or
/// in the text of quoted code it skips (`quote do: Process.get(:key)` outside a
/// macro).
fn read_keys(file: &File) -> Vec<String> {
    let mut names: Vec<String> = file
        .calls_named_any(&["get", "delete", "erase"])
        .into_iter()
        .filter(|c| access_is_read_or_delete(c))
        .filter_map(|c| ast::atom_name(c.arg(0)?, file.src))
        .map(str::to_string)
        .collect();
    for reader in ["Process.get(", ":erlang.get(", "Process.delete(", ":erlang.erase("] {
        for (at, _) in file.src.match_indices(reader) {
            let rest = file.src[at + reader.len()..].trim_start();
            let Some(atom) = rest.strip_prefix(':') else { continue };
            let atom = atom.trim_start_matches('"');
            let end = atom
                .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '?' | '!' | '@' | '$')))
                .unwrap_or(atom.len());
            names.push(atom[..end].to_string());
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    let stores = context_stores(file);
    let markers = if file.scope == crate::FileScope::Test { Vec::new() } else { marker_writes(file) };
    let reads = read_keys(file);
    let inspected = inspected_keys(file);
    let in_test_file = file.scope == crate::FileScope::Test;
    fn project_call<'c>(c: &'c Call) -> Option<&'c str> {
        c.module
            .as_deref()
            .filter(|m| !c.dynamic && !m.starts_with(':') && !crate::resolve::exports_known(m))
    }
    // Per function (or test) and module: the functions of that module it calls in
    // an `after` block.
    let mut after: std::collections::HashMap<(Where, &str), Vec<u64>> = std::collections::HashMap::new();
    if !in_test_file {
        for c in &file.calls {
            if let Some(m) = project_call(c)
                && (c.ctx.def.is_some() || c.ctx.test.is_some())
                && in_after_block(file, c.node)
            {
                let names = after.entry(((c.ctx.def, c.ctx.test.filter(|_| c.ctx.def.is_none())), m)).or_default();
                names.push(name_hash(&[c.name]));
            }
        }
        for names in after.values_mut() {
            names.sort_unstable();
            names.dedup();
        }
    }
    let mut calls = BTreeSet::new();
    for call in &file.calls {
        let Some(module) = project_call(call) else { continue };
        let bound = if in_test_file {
            vec![ANYWHERE]
        } else {
            let key = ((call.ctx.def, call.ctx.test.filter(|_| call.ctx.def.is_none())), module);
            if call.ctx.def.is_none() && call.ctx.test.is_none() {
                Vec::new()
            } else {
                after.get(&key).cloned().unwrap_or_default()
            }
        };
        calls.insert((name_hash(&[module, call.name]), bound.into_boxed_slice()));
    }
    let calls = calls.into_iter().collect();
    let switched_settings = if in_test_file {
        Vec::new()
    } else {
        setting_candidates(file)
            .into_iter()
            .filter(|s| !s.other_writers.is_empty())
            .filter_map(|s| {
                Some(SwitchedSetting {
                    module: file.modules[s.module? as usize].name.clone(),
                    other_writers: s.other_writers.iter().map(|w| w.to_string()).collect(),
                    accesses: s.accesses,
                })
            })
            .collect()
    };
    let (foreign_reads, writes, foreign_deletes) = hook_facts(file);
    let handler_reads = foreign_reads
        .iter()
        .filter_map(|(_, at)| file.calls.iter().find(|c| c.node.start_byte() == *at))
        .filter(|c| in_telemetry_handler(file, c) || in_injected_accessor(file, c))
        .map(|c| c.node.start_byte())
        .collect();
    Some(Box::new(ContextFacts {
        stores,
        calls,
        markers,
        reads,
        inspected,
        switched_settings,
        foreign_reads,
        handler_reads,
        writes,
        foreign_deletes,
    }))
}

/// `def topic, do: Process.get(:elsa_topic)` in the `quote` of a `defmacro
/// __using__`: an accessor the behaviour gives its callback modules, whose callbacks
/// get no argument to carry the value that the process running them stored (R41
/// elsa's handler accessors, read in the consumer worker that `init/1` filled).
fn in_injected_accessor(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let at = call.node.start_byte();
    let Some(using) = file
        .defs_named("__using__")
        .find(|d| d.kind == "defmacro" && d.node.byte_range().contains(&at))
    else {
        return false;
    };
    let in_quote = std::iter::successors(file.parent(call.node), |n| file.parent(*n))
        .take_while(|n| n.id() != using.node.id())
        .any(|n| n.kind_id() == k.call && ast::local_call_name(n, file.src) == Some("quote"));
    let accessor = std::iter::successors(file.parent(call.node), |n| file.parent(*n))
        .take_while(|n| n.id() != using.node.id())
        .find(|n| n.kind_id() == k.call && ast::local_call_name(*n, file.src) == Some("def"))
        .and_then(|def| ast::call_arguments(def)?.named_child(0))
        .is_some_and(|head| {
            head.kind_id() == k.identifier
                || ast::local_call_name(head, file.src).is_some()
                    && ast::call_arguments(head).is_none_or(|a| a.named_child_count() == 0)
        });
    in_quote && accessor
}

/// The call runs in a telemetry handler (see `no_raw_send::is_telemetry_handler`), or
/// in a private function that only handlers of the module call.
fn in_telemetry_handler(file: &File, call: &Call) -> bool {
    use crate::rules::otp::no_raw_send::is_telemetry_handler;
    let Some(def) = file.def(&call.ctx) else { return false };
    if is_telemetry_handler(file, call, def) {
        return true;
    }
    if def.kind != "defp" {
        return false;
    }
    file.every_local_caller(def, |c| file.def(&c.ctx).is_some_and(|d| is_telemetry_handler(file, c, d)))
}

fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &ContextFacts)> = facts
        .iter()
        .filter_map(|(i, f)| f.downcast_ref::<ContextFacts>().map(|f| (*i, f)))
        .collect();
    // A marker written for outside inspection: no file reads its key, and it is a
    // constant tag or what a function reading dictionaries looks for.
    let read: HashSet<&str> = all.iter().flat_map(|(_, f)| &f.reads).map(String::as_str).collect();
    let inspected: HashSet<&str> = all.iter().flat_map(|(_, f)| &f.inspected).map(String::as_str).collect();
    for (file, f) in &all {
        for (name, at, constant) in &f.markers {
            if !read.contains(name.as_str()) && (*constant || inspected.contains(name.as_str())) {
                report.retract(*file, *at);
            }
        }
    }
    // A setting whose other writers nothing calls outside tests: a test that turns the
    // switch off again only tidies its own process, and its process ends with it.
    let called_outside_tests: HashSet<u64> = all
        .iter()
        .flat_map(|(_, g)| &g.calls)
        .filter(|(_, bound)| !bound.contains(&ANYWHERE))
        .map(|(callee, _)| *callee)
        .collect();
    for (file, f) in &all {
        for setting in &f.switched_settings {
            let unused = setting
                .other_writers
                .iter()
                .all(|w| !called_outside_tests.contains(&name_hash(&[&setting.module, w])));
            if unused {
                for &at in &setting.accesses {
                    report.retract(*file, at);
                }
            }
        }
    }
    // A hook for tests: lib reads a key that only test code writes (a test helper
    // routes the code to its own instance), so in production the read finds nothing
    // and the code takes its default.
    let mut writers: std::collections::HashMap<&str, (bool, bool)> = std::collections::HashMap::new();
    for (key, by_test) in all.iter().flat_map(|(_, f)| &f.writes) {
        let entry = writers.entry(key.as_str()).or_default();
        if *by_test {
            entry.0 = true;
        } else {
            entry.1 = true;
        }
    }
    for (file, f) in &all {
        for (key, at) in &f.foreign_reads {
            // Written only by tests: a hook. Written by lib code of another file and
            // read in a telemetry handler (a tracer's current span, R38 elixir_agent):
            // one decision, reported at the write; the handler cannot take the value
            // any other way, since `:telemetry` fixes its arguments.
            let in_handler = f.handler_reads.contains(at);
            if writers.get(key.as_str()).is_some_and(|&(test, lib)| test && !lib || lib && in_handler) {
                report.retract(*file, *at);
            }
        }
        // A delete of a key that lib code of another file writes: one decision, reported
        // at the write (as within a file); the delete is its cleanup, or does nothing
        // in a process that never stored the key.
        for (key, at) in &f.foreign_deletes {
            if writers.get(key.as_str()).is_some_and(|&(_, lib)| lib) {
                report.retract(*file, *at);
            }
        }
    }
    for (file, f) in &all {
        for store in &f.stores {
            let setters: Vec<u64> = store.setters.iter().map(|s| name_hash(&[&store.module, s])).collect();
            let clearers: Vec<u64> = store.clearers.iter().map(|c| name_hash(&[c])).collect();
            let mut callers = all
                .iter()
                .flat_map(|(_, g)| &g.calls)
                .filter(|(callee, _)| setters.contains(callee))
                .peekable();
            if callers.peek().is_none() {
                continue;
            }
            let all_bound = callers.all(|(_, after)| after.iter().any(|n| *n == ANYWHERE || clearers.contains(n)));
            if all_bound {
                for &at in &store.accesses {
                    report.retract(*file, at);
                }
            }
        }
    }
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    serde_json::to_value(facts.downcast_ref::<ContextFacts>()?).ok()
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let facts: ContextFacts = serde_json::from_value(value.clone()).ok()?;
    Some(Box::new(facts))
}

fn one_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.len() < text.len() { format!("{line}…") } else { line.to_string() }
}
