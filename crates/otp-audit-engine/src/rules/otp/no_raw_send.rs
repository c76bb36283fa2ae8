//! `otp/no-raw-send`: Raw send to another process. See `no_raw_send.md`.

use crate::rules::otp::reply_via_send::extra_message_to_caller;
use crate::model::Id;
use std::collections::{HashMap, HashSet};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "otp/no-raw-send",
    title: "Raw send to another process",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &["Foundation.CredoChecks.NoRawSend"],
    supersedes: &[],
    guide: include_str!("no_raw_send.md"),
    check,
    project: Some(&PROJECT),
};

/// Across files: the message a project's plug-in behaviour documents for the
/// processes it starts (see [`pluggable_tags`]) is not scattered.
static PROJECT: ProjectPass = ProjectPass {
    collect,
    conclude,
    encode,
    decode,
    only_retracts: true,
};

#[derive(Debug)]
enum Fact {
    /// A send, at this start byte, of a tuple tagged (tag, size) to a process
    /// started from a module held in data.
    SentToPlugin { at: usize, tag: String, size: usize },
    /// A `handle_info` clause in the `quote` of a `__using__` matches (tag, size).
    PluginReceives { tag: String, size: usize },
    /// `starter` starts `child` with `child.start_link(self(), ...)`: a helper process
    /// of its own that knows its parent.
    StartsWithSelf { starter: String, child: String },
    /// `starter` runs `child.fun(...)` in a process of its own with `self()` as the
    /// argument at `index`: `Task.Supervisor.start_child(sup, Child, :run, [self(), x])`,
    /// `Task.start_link/3`, `spawn_link/3`.
    RunsWithSelf { starter: String, child: String, fun: String, index: usize },
    /// `caller` calls `callee.fun(...)` with `self()` as the argument at `index`, in
    /// its own process: `query_async(sup, state, req, self())`.
    CalledWithSelf { caller: String, callee: String, fun: String, index: usize },
    /// A send, at this start byte, of (tag, size) from `module.fun` to the pid its
    /// parameter at `index` holds.
    SentToParameter { at: usize, module: String, fun: String, index: usize, tag: String, size: usize },
    /// A send, at this start byte, of (tag, size) from `module.fun` to the process
    /// registered under the name its parameter at `index` holds:
    /// `Process.send_after(Process.whereis(module), :continue, delay)`.
    SentToNamedParameter { at: usize, module: String, fun: String, index: usize, tag: String, size: usize },
    /// A server callback of `caller` calls `callee.fun(...)` with `__MODULE__` as the
    /// argument at `index`: `def handle_info(:continue, s), do: Scan.loop(__MODULE__, s)`.
    CalledWithOwnName { caller: String, callee: String, fun: String, index: usize },
    /// `front` starts the server `server` itself (`GenServer.start_link(Server, ...)`
    /// in one of its functions): the library's public module for that server.
    StartsServer { front: String, server: String },
    /// `module` receives a tuple tagged (tag, size): `handle_info`, a gen_statem
    /// `:info` clause or a `receive`.
    Receives { module: String, tag: String, size: usize },
    /// A send, at this start byte, of (tag, size) to a helper the sending module
    /// started with `child.start_link(self(), ...)`.
    SentToChild { at: usize, child: String, tag: String, size: usize },
    /// A send, at this start byte, of (tag, size) from `module` to the pid its
    /// `init/1` got from its argument (its parent).
    SentToStarter { at: usize, module: String, tag: String, size: usize },
    /// `module` puts its own pid in a start option: `owner: self()`,
    /// `Keyword.put(opts, :owner, self())`.
    PutsSelfUnder { module: String, key: String },
    /// A send, at this start byte, of (tag, size) to the pid of start option `key`
    /// (`Keyword.get(opts, :owner)`, or a state field set from it).
    SentToOption { at: usize, key: String, tag: String, size: usize },
    /// A function that broadcasts builds a request tagged (tag, size) that carries
    /// `self()`: whoever gets it by the broadcast answers that pid.
    BroadcastsRequest { tag: String, size: usize },
    /// A send, at this start byte, from `handle_info/2` to a pid that its message,
    /// tagged (tag, size), carried.
    RepliesToCarriedPid { at: usize, tag: String, size: usize },
    /// A `handle_info/2` clause for a request tagged (tag, size) passes the pid it
    /// carried on in an effect tuple tagged (effect, effect_size).
    PassesCarriedPid { tag: String, size: usize, effect: String, effect_size: usize },
    /// A send, at this start byte, to a pid taken from a parameter tuple tagged
    /// (tag, size): `defp apply_one(s, {:replay, pid}), do: send(pid, ...)`.
    SendsToParameterPid { at: usize, tag: String, size: usize },
    /// A `receive` in a server callback (`terminate/2` above all) waits for a tuple
    /// tagged (tag, size) whose element at `index` is pinned (`{:done, ^pid}`).
    AwaitsPinned { tag: String, size: usize, index: usize },
    /// A send, at this start byte, of a tuple tagged (tag, size) carrying `self()` at
    /// `index` (`{:done, self()}`).
    SentWithSelf { at: usize, tag: String, size: usize, index: usize },
    /// The doc of a `@callback` names the message (tag, size) its processes receive
    /// (`` `{:events, events}` ``).
    DocumentsMessage { tag: String, size: usize },
    /// A send, at this start byte, of a tuple tagged (tag, size) to a pid in a
    /// variable or field.
    SentToPid { at: usize, tag: String, size: usize },
    /// A function whose parameter is a request tagged (tag, size) keeps the pid it
    /// carries in a map under `field` (`Map.put(session.pending, ref, pid)`).
    StoresRequestPid { tag: String, size: usize, field: String },
    /// A send, at this start byte, to a pid read back from the map under `field`
    /// (`case session.pending[ref] do pid -> send(pid, ...)`).
    SendsToStoredPid { at: usize, field: String },
    /// A send, at this start byte, of a tuple tagged (tag, size) to a struct or map
    /// field (`send(user.from, {:notify_job_ran, id})`).
    SentToField { at: usize, field: String, tag: String, size: usize },
    /// Test code fills `field` with its own pid: `%User{from: self()}`.
    TestFillsWithSelf { field: String },
    /// Lib code fills `field` with a pid of its own choosing: `%{send_to: pid}`,
    /// `owner: self()` (outside patterns).
    LibFillsField { field: String },
    /// Test code waits for a tuple tagged (tag, size): `assert_receive {:ran, ^id}`.
    TestAwaits { tag: String, size: usize },
    /// A send, at this start byte, of a tuple tagged (tag, size) to a pid the function
    /// takes, with a ref it also takes at `index`: `defp respond(pid, msg, ref), do:
    /// send(pid, {:response, ref, msg})`.
    AnswersWithRef { at: usize, tag: String, size: usize, index: usize },
    /// A `receive` in `lib/` waits for a tuple tagged (tag, size) whose element at
    /// `index` is pinned: the requester of a hand-written call, waiting for its ref.
    ReceivesPinned { tag: String, size: usize, index: usize },
    /// `module`'s own `start_link` hands `self()` (its caller's pid) to `init/1`:
    /// `GenServer.start_link(__MODULE__, [ice_pid, self()])`.
    StartCapturesCaller { module: String },
    /// `starter` calls `child.start_link(...)` or `child.start(...)`.
    Starts { starter: String, child: String },
    /// `module` is a `Phoenix.Socket.Transport`: its process has no `handle_call`, and
    /// `handle_info/2` is its only inbox.
    Transport { module: String },
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    if matches!(file.scope, crate::FileScope::Test | crate::FileScope::TestSupport) {
        let facts = test_hook_facts(file);
        return (!facts.is_empty()).then(|| Box::new(facts) as Facts);
    }
    if file.scope != crate::FileScope::Lib {
        return None;
    }
    let mut facts: Vec<Fact> = pluggable_tags(file)
        .into_iter()
        .map(|(tag, size)| Fact::PluginReceives { tag: tag.to_string(), size })
        .collect();
    for call in file.calls_named_any(&["send", "send_after"]) {
        let (Some(dest), Some(msg)) = (destination_index(call).and_then(|i| call.arg(i)), message_arg(call)) else {
            continue;
        };
        let Some((tag, size)) = message_shape(file, msg) else { continue };
        let (at, tag) = (call.node.start_byte(), tag.to_string());
        if let Some((module, fun, index)) = whereis_parameter(file, call, dest) {
            facts.push(Fact::SentToNamedParameter { at, module, fun, index, tag: tag.clone(), size });
        }
        // The facts below are about `send/2`; a timer only schedules the loop above.
        if call.name == "send_after" {
            continue;
        }
        if started_from_data(file, call, dest) {
            facts.push(Fact::SentToPlugin { at, tag: tag.clone(), size });
        }
        if let Some(child) = child_started_with_self(file, call, dest) {
            facts.push(Fact::SentToChild { at, child, tag: tag.clone(), size });
        }
        if let Some(key) = option_key_of_destination(file, call, dest) {
            facts.push(Fact::SentToOption { at, key: key.to_string(), tag: tag.clone(), size });
        }
        if let Some(index) = self_element(file, msg) {
            facts.push(Fact::SentWithSelf { at, tag: tag.clone(), size, index });
        }
        if let Some(index) = ref_parameter_element(file, call, dest, msg) {
            facts.push(Fact::AnswersWithRef { at, tag: tag.clone(), size, index });
        }
        if root_variable(file, dest).is_some() && size > 0 {
            facts.push(Fact::SentToPid { at, tag: tag.clone(), size });
        }
        if let Some(field) = ast::field_access(dest, file.src).filter(|_| size > 0) {
            facts.push(Fact::SentToField { at, field: field.to_string(), tag: tag.clone(), size });
        }
        if let Some((module, fun, index)) = parameter_destination(file, call, dest) {
            facts.push(Fact::SentToParameter { at, module, fun, index, tag: tag.clone(), size });
        }
        if let Some(module) = file.module(&call.ctx)
            && (state_field_from_init_argument(file, call, dest).is_some()
                || helper_sends_to_init_field(file, call, dest)
                || from_init_argument(file, call, dest)
                || state_field_from_start_parameter(file, call, dest))
        {
            facts.push(Fact::SentToStarter { at, module: module.name.clone(), tag, size });
        }
    }
    facts.extend(pid_fields_filled(file).into_iter().map(|field| Fact::LibFillsField { field: field.to_string() }));
    facts.extend(parent_child_facts(file));
    facts.extend(runs_with_self(file));
    facts.extend(called_with_self(file));
    facts.extend(called_with_own_name(file));
    facts.extend(broadcast_request_facts(file));
    facts.extend(carried_pid_reply_facts(file));
    facts.extend(effect_pid_facts(file));
    facts.extend(stored_requester_facts(file));
    facts.extend(pinned_awaits(file).into_iter().map(|(tag, size, index)| Fact::AwaitsPinned { tag: tag.to_string(), size, index }));
    facts.extend(pinned_receives(file).into_iter().map(|(tag, size, index)| Fact::ReceivesPinned { tag: tag.to_string(), size, index }));
    facts.extend(callback_documented_messages(file).into_iter().map(|(tag, size)| Fact::DocumentsMessage { tag, size }));
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// Withdraw the sends whose message a plug-in behaviour of the project receives.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &Fact)> = each_fact(facts);
    let received: Vec<(&str, usize)> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::PluginReceives { tag, size } => Some((tag.as_str(), *size)),
            _ => None,
        })
        .collect();
    let receives = |module: &str, tag: &str, size: usize| {
        all.iter().any(|(_, f)| matches!(f, Fact::Receives { module: m, tag: t, size: s } if m == module && t == tag && *s == size))
    };
    let captures_caller: std::collections::HashSet<&str> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::StartCapturesCaller { module } => Some(module.as_str()),
            _ => None,
        })
        .collect();
    // Who starts `child` knowing it: with `child.start_link(self(), ...)`, or with any
    // `child.start_link(...)` when the child's own `start_link` takes `self()`.
    let starters_of = |child: &str| -> Vec<&str> {
        all.iter()
            .filter_map(|(_, f)| match f {
                Fact::StartsWithSelf { starter, child: c } if c == child => Some(starter.as_str()),
                Fact::Starts { starter, child: c } if c == child && captures_caller.contains(child) => Some(starter.as_str()),
                _ => None,
            })
            .collect()
    };
    let puts_self_under = |key: &str| -> Vec<&str> {
        all.iter()
            .filter_map(|(_, f)| match f {
                Fact::PutsSelfUnder { module, key: k } if k == key => Some(module.as_str()),
                _ => None,
            })
            .collect()
    };
    // A message that only `Phoenix.Socket.Transport` modules of the project take (R47
    // fishjam's peer socket): the transport's process has no `handle_call`, so a
    // message is the only way to reach it, and sending one is its API.
    let transports: std::collections::HashSet<&str> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fact::Transport { module } => Some(module.as_str()),
            _ => None,
        })
        .collect();
    let only_transports_receive = |tag: &str, size: usize| {
        let mut receivers = all.iter().filter_map(|(_, g)| match g {
            Fact::Receives { module, tag: t, size: s } if t == tag && *s == size => Some(module.as_str()),
            _ => None,
        });
        let first = receivers.next();
        first.is_some_and(|m| transports.contains(m)) && receivers.all(|m| transports.contains(m))
    };
    for (file, f) in &all {
        let private_protocol = match f {
            Fact::SentToPlugin { tag, size, .. } => received.contains(&(tag.as_str(), *size)),
            // Parent and helper child of one library speak a protocol only the two know.
            Fact::SentToChild { child, tag, size, .. } => receives(child, tag, *size),
            Fact::SentToStarter { module, tag, size, .. } => starters_of(module).iter().any(|s| receives(s, tag, *size)),
            // The helper function a module runs in a process of its own, given the
            // module's pid, tells that module it is done: their private protocol.
            Fact::SentToParameter { module, fun, index, tag, size, .. } => all.iter().any(|(_, g)| {
                matches!(g, Fact::RunsWithSelf { starter, child, fun: f, index: i }
                    if child == module && f == fun && i == index && receives(starter, tag, *size))
                // A function handed its caller's pid (often to send back from a task it
                // starts): the caller's process, or the one whose helper module the
                // caller is (`Consumer.Effects` runs in `Consumer`), takes the message.
                || matches!(g, Fact::CalledWithSelf { caller, callee, fun: f, index: i }
                    if callee == module && f == fun && i == index
                        && (receives(caller, tag, *size)
                            || caller.rsplit_once('.').is_some_and(|(parent, _)| receives(parent, tag, *size))))
                // The library's public module, which starts the server itself, sends
                // to the pid its caller passes a message that server's `handle_info`
                // takes (`DeltaCrdt.set_neighbours(crdt, peers)`): it is the client
                // function, written in the front module rather than beside the server.
                || matches!(g, Fact::StartsServer { front, server } if front == module && receives(server, tag, *size))
            }),
            // A loop shared by servers that each run it from their own callbacks,
            // handing in their own registered name: the lookup finds the caller, so
            // the send is the server's message to itself (blockscout's Scroll bridge
            // fetchers, R44 row 36).
            Fact::SentToNamedParameter { module, fun, index, tag, size, .. } => all.iter().any(|(_, g)| {
                matches!(g, Fact::CalledWithOwnName { caller, callee, fun: f, index: i }
                    if callee == module && f == fun && i == index && receives(caller, tag, *size))
            }),
            // The starter gave the helper its own pid as a start option and matches
            // the message: the keyword form of `Helper.start_link(self(), ...)`.
            Fact::SentToOption { key, tag, size, .. } => puts_self_under(key).iter().any(|s| receives(s, tag, *size)),
            Fact::RepliesToCarriedPid { tag, size, .. } => broadcasts_request(&all, tag, *size),
            // The requester's pid, kept by a correlation ref until the answer comes.
            Fact::SendsToStoredPid { field, .. } => all.iter().any(|(_, g)| {
                matches!(g, Fact::StoresRequestPid { tag, size, field: f } if f == field && broadcasts_request(&all, tag, *size))
            }),
            // The parameter tuple is the request itself (`def device_notify(s, {:run_script,
            // pid, text})`, reached from a `handle_info/2` that forwards the message), or
            // an effect a handler built from it.
            Fact::SendsToParameterPid { tag, size, .. } => {
                broadcasts_request(&all, tag, *size) || effect_of_broadcast_request(&all, tag, *size)
            }
            // The reply half of a handshake: a server callback waits for exactly
            // this tuple from the sender (`{:done, ^pid}` in `terminate/2`).
            Fact::SentWithSelf { tag, size, index, .. } => all.iter().any(|(_, g)| {
                matches!(g, Fact::AwaitsPinned { tag: t, size: s, index: i } if t == tag && s == size && i == index)
            }),
            // The answer of a hand-written call: the requester passed its pid and a ref
            // (`ConnServer.request(server, req, self(), ref)`), then waits in its own
            // `receive` for this tag with that ref pinned (R40 mojito).
            Fact::AnswersWithRef { tag, size, index, .. } => all.iter().any(|(_, g)| {
                matches!(g, Fact::ReceivesPinned { tag: t, size: s, index: i } if t == tag && s == size && i == index)
            }),
            // A test hook: tests store their own pid in the field (`%User{from:
            // self()}`, saved with the row) and `assert_receive` the message; the
            // receiver is an ExUnit process, with no client function to call.
            Fact::SentToField { field, tag, size, .. } => {
                only_transports_receive(tag, *size)
                    || all.iter().any(|(_, g)| matches!(g, Fact::TestFillsWithSelf { field: f } if f == field))
                    && !all.iter().any(|(_, g)| matches!(g, Fact::LibFillsField { field: f } if f == field))
                    && all.iter().any(|(_, g)| matches!(g, Fact::TestAwaits { tag: t, size: s } if t == tag && s == size))
            }
            // The subscriber protocol a behaviour of the project documents, and a
            // module of the project receives.
            Fact::SentToPid { tag, size, .. } => {
                all.iter().any(|(_, g)| matches!(g, Fact::DocumentsMessage { tag: t, size: s } if t == tag && s == size))
                    && all.iter().any(|(_, g)| matches!(g, Fact::Receives { tag: t, size: s, .. } if t == tag && s == size))
                    || only_transports_receive(tag, *size)
            }
            _ => false,
        };
        if private_protocol
            && let Fact::SentToPlugin { at, .. }
            | Fact::SentToChild { at, .. }
            | Fact::SentToStarter { at, .. }
            | Fact::SentToParameter { at, .. }
            | Fact::SentToNamedParameter { at, .. }
            | Fact::SentToOption { at, .. }
            | Fact::RepliesToCarriedPid { at, .. }
            | Fact::SendsToParameterPid { at, .. }
            | Fact::SendsToStoredPid { at, .. }
            | Fact::SentWithSelf { at, .. }
            | Fact::AnswersWithRef { at, .. }
            | Fact::SentToPid { at, .. }
            | Fact::SentToField { at, .. } = f
        {
            report.retract(*file, *at);
        }
    }
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let facts = facts.downcast_ref::<Vec<Fact>>()?;
    Some(serde_json::Value::Array(
        facts
            .iter()
            .map(|f| match f {
                Fact::SentToPlugin { at, tag, size } => serde_json::json!(["sent", at, tag, size]),
                Fact::PluginReceives { tag, size } => serde_json::json!(["receives", tag, size]),
                Fact::StartsWithSelf { starter, child } => serde_json::json!(["starts", starter, child]),
                Fact::Receives { module, tag, size } => serde_json::json!(["module_receives", module, tag, size]),
                Fact::Transport { module } => serde_json::json!(["transport", module]),
                Fact::StartCapturesCaller { module } => serde_json::json!(["captures_caller", module]),
                Fact::Starts { starter, child } => serde_json::json!(["starts_any", starter, child]),
                Fact::StartsServer { front, server } => serde_json::json!(["starts_server", front, server]),
                Fact::SentToChild { at, child, tag, size } => serde_json::json!(["to_child", at, child, tag, size]),
                Fact::SentToStarter { at, module, tag, size } => serde_json::json!(["to_starter", at, module, tag, size]),
                Fact::RunsWithSelf { starter, child, fun, index } => serde_json::json!(["runs_with_self", starter, child, fun, index]),
                Fact::CalledWithSelf { caller, callee, fun, index } => serde_json::json!(["called_with_self", caller, callee, fun, index]),
                Fact::SentToParameter { at, module, fun, index, tag, size } => {
                    serde_json::json!(["to_parameter_of", at, module, fun, index, tag, size])
                }
                Fact::SentToNamedParameter { at, module, fun, index, tag, size } => {
                    serde_json::json!(["to_named_parameter_of", at, module, fun, index, tag, size])
                }
                Fact::CalledWithOwnName { caller, callee, fun, index } => serde_json::json!(["called_with_own_name", caller, callee, fun, index]),
                Fact::PutsSelfUnder { module, key } => serde_json::json!(["self_under", module, key]),
                Fact::SentToOption { at, key, tag, size } => serde_json::json!(["to_option", at, key, tag, size]),
                Fact::BroadcastsRequest { tag, size } => serde_json::json!(["broadcasts_request", tag, size]),
                Fact::RepliesToCarriedPid { at, tag, size } => serde_json::json!(["replies_carried", at, tag, size]),
                Fact::PassesCarriedPid { tag, size, effect, effect_size } => {
                    serde_json::json!(["passes_carried", tag, size, effect, effect_size])
                }
                Fact::SendsToParameterPid { at, tag, size } => serde_json::json!(["to_parameter", at, tag, size]),
                Fact::AwaitsPinned { tag, size, index } => serde_json::json!(["awaits_pinned", tag, size, index]),
                Fact::SentWithSelf { at, tag, size, index } => serde_json::json!(["with_self", at, tag, size, index]),
                Fact::DocumentsMessage { tag, size } => serde_json::json!(["documents", tag, size]),
                Fact::SentToPid { at, tag, size } => serde_json::json!(["to_pid", at, tag, size]),
                Fact::StoresRequestPid { tag, size, field } => serde_json::json!(["stores_request_pid", tag, size, field]),
                Fact::SendsToStoredPid { at, field } => serde_json::json!(["to_stored_pid", at, field]),
                Fact::SentToField { at, field, tag, size } => serde_json::json!(["to_field", at, field, tag, size]),
                Fact::TestFillsWithSelf { field } => serde_json::json!(["test_fills_with_self", field]),
                Fact::LibFillsField { field } => serde_json::json!(["lib_fills", field]),
                Fact::TestAwaits { tag, size } => serde_json::json!(["test_awaits", tag, size]),
                Fact::AnswersWithRef { at, tag, size, index } => serde_json::json!(["answers_with_ref", at, tag, size, index]),
                Fact::ReceivesPinned { tag, size, index } => serde_json::json!(["receives_pinned", tag, size, index]),
            })
            .collect(),
    ))
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let mut facts = Vec::new();
    for f in value.as_array()? {
        let f = f.as_array()?;
        let number = |i: usize| f.get(i).and_then(|v| v.as_u64()).map(|n| n as usize);
        let text = |i: usize| f.get(i).and_then(|v| v.as_str()).map(str::to_string);
        facts.push(match f.first()?.as_str()? {
            "sent" => Fact::SentToPlugin { at: number(1)?, tag: text(2)?, size: number(3)? },
            "receives" => Fact::PluginReceives { tag: text(1)?, size: number(2)? },
            "starts" => Fact::StartsWithSelf { starter: text(1)?, child: text(2)? },
            "module_receives" => Fact::Receives { module: text(1)?, tag: text(2)?, size: number(3)? },
            "transport" => Fact::Transport { module: text(1)? },
            "captures_caller" => Fact::StartCapturesCaller { module: text(1)? },
            "starts_any" => Fact::Starts { starter: text(1)?, child: text(2)? },
            "starts_server" => Fact::StartsServer { front: text(1)?, server: text(2)? },
            "to_child" => Fact::SentToChild { at: number(1)?, child: text(2)?, tag: text(3)?, size: number(4)? },
            "to_starter" => Fact::SentToStarter { at: number(1)?, module: text(2)?, tag: text(3)?, size: number(4)? },
            "runs_with_self" => Fact::RunsWithSelf { starter: text(1)?, child: text(2)?, fun: text(3)?, index: number(4)? },
            "called_with_self" => Fact::CalledWithSelf { caller: text(1)?, callee: text(2)?, fun: text(3)?, index: number(4)? },
            "to_parameter_of" => Fact::SentToParameter {
                at: number(1)?,
                module: text(2)?,
                fun: text(3)?,
                index: number(4)?,
                tag: text(5)?,
                size: number(6)?,
            },
            "to_named_parameter_of" => Fact::SentToNamedParameter {
                at: number(1)?,
                module: text(2)?,
                fun: text(3)?,
                index: number(4)?,
                tag: text(5)?,
                size: number(6)?,
            },
            "called_with_own_name" => Fact::CalledWithOwnName { caller: text(1)?, callee: text(2)?, fun: text(3)?, index: number(4)? },
            "self_under" => Fact::PutsSelfUnder { module: text(1)?, key: text(2)? },
            "to_option" => Fact::SentToOption { at: number(1)?, key: text(2)?, tag: text(3)?, size: number(4)? },
            "broadcasts_request" => Fact::BroadcastsRequest { tag: text(1)?, size: number(2)? },
            "replies_carried" => Fact::RepliesToCarriedPid { at: number(1)?, tag: text(2)?, size: number(3)? },
            "passes_carried" => Fact::PassesCarriedPid {
                tag: text(1)?,
                size: number(2)?,
                effect: text(3)?,
                effect_size: number(4)?,
            },
            "to_parameter" => Fact::SendsToParameterPid { at: number(1)?, tag: text(2)?, size: number(3)? },
            "awaits_pinned" => Fact::AwaitsPinned { tag: text(1)?, size: number(2)?, index: number(3)? },
            "with_self" => Fact::SentWithSelf { at: number(1)?, tag: text(2)?, size: number(3)?, index: number(4)? },
            "documents" => Fact::DocumentsMessage { tag: text(1)?, size: number(2)? },
            "stores_request_pid" => Fact::StoresRequestPid { tag: text(1)?, size: number(2)?, field: text(3)? },
            "to_stored_pid" => Fact::SendsToStoredPid { at: number(1)?, field: text(2)? },
            "to_pid" => Fact::SentToPid { at: number(1)?, tag: text(2)?, size: number(3)? },
            "to_field" => Fact::SentToField { at: number(1)?, field: text(2)?, tag: text(3)?, size: number(4)? },
            "test_fills_with_self" => Fact::TestFillsWithSelf { field: text(1)? },
            "lib_fills" => Fact::LibFillsField { field: text(1)? },
            "test_awaits" => Fact::TestAwaits { tag: text(1)?, size: number(2)? },
            "answers_with_ref" => Fact::AnswersWithRef { at: number(1)?, tag: text(2)?, size: number(3)?, index: number(4)? },
            "receives_pinned" => Fact::ReceivesPinned { tag: text(1)?, size: number(2)?, index: number(3)? },
            _ => return None,
        });
    }
    Some(Box::new(facts))
}

/// `send(pid, {:response, response_ref, message})` in a function that takes both `pid`
/// and `response_ref` (a parameter named as a ref): the position of that ref in the
/// atom-tagged message.
fn ref_parameter_element(file: &File, call: &Call, dest: Node, msg: Node) -> Option<usize> {
    let g = grammar();
    let def = file.def(&call.ctx)?;
    let is_param = |name: &str| def.params.iter().any(|p| binds_variable_or_is(file, *p, name));
    if dest.kind_id() != g.kinds.identifier || !is_param(file.text(dest)) {
        return None;
    }
    atom_tagged(file, msg)?;
    ast::named_children(msg).position(|e| {
        e.kind_id() == g.kinds.identifier && file.text(e).split('_').any(|w| w == "ref") && is_param(file.text(e))
    })
}

/// The position of `self()` in an atom-tagged tuple message (`{:done, self()}`).
fn self_element(file: &File, msg: Node) -> Option<usize> {
    atom_tagged(file, msg)?;
    ast::named_children(msg).position(|e| ast::is_self_call(e, file.src))
}

/// The server callbacks in which a hand-written `receive` waits while the process
/// cannot serve a call (`terminate/2` above all).
const SERVER_CALLBACKS: &[&str] = &["terminate", "handle_info", "handle_call", "handle_cast", "handle_continue", "init", "code_change"];

/// The (tag, size, index) of each `receive` clause in a server callback that matches
/// an atom-tagged tuple with a pinned element (`{:done, ^pid} -> :ok`): the process
/// waits for that message from one known sender.
fn pinned_awaits<'s>(file: &File<'s>) -> Vec<(&'s str, usize, usize)> {
    pinned_patterns(file, |file, r| file.def(&r.ctx).is_some_and(|d| SERVER_CALLBACKS.contains(&d.name)))
}

/// The same patterns in any `receive` of the file (a client function waiting for
/// the answer to its request).
fn pinned_receives<'s>(file: &File<'s>) -> Vec<(&'s str, usize, usize)> {
    pinned_patterns(file, |_, _| true)
}

/// (tag, size, index of the pinned element) of the atom-tagged patterns of the
/// `receive`s that `keep` accepts.
fn pinned_patterns<'s>(file: &File<'s>, keep: impl Fn(&File<'s>, &Call<'s>) -> bool) -> Vec<(&'s str, usize, usize)> {
    let g = grammar();
    let mut awaits = Vec::new();
    for r in file.calls_named("receive").filter(|r| r.local && r.module.is_none()) {
        if !keep(file, r) {
            continue;
        }
        let patterns = r
            .do_block
            .into_iter()
            .flat_map(ast::named_children)
            .filter(|c| c.kind_id() == g.kinds.stab_clause)
            .filter_map(|c| ast::clause_pattern(c, file.src));
        for pattern in patterns {
            let Some((tag, size)) = atom_tagged(file, pattern) else { continue };
            let pinned = ast::named_children(pattern)
                .position(|e| e.kind_id() == g.kinds.unary_operator && ast::operator(e, file.src) == "^");
            if let Some(index) = pinned {
                awaits.push((tag, size, index));
            }
        }
    }
    awaits
}

/// The messages that the docs of a module's `@callback`s name in backticks
/// (`` `{:events, events}` `` in "publishes to the subscriber as an
/// `{:events, events}` message"): the protocol a behaviour of the project documents
/// for the processes that implement or subscribe through it.
fn callback_documented_messages(file: &File) -> Vec<(String, usize)> {
    let g = grammar();
    let mut messages = Vec::new();
    for attr in file.nodes_of(g.kinds.unary_operator).iter().copied().filter(|n| ast::operator(*n, file.src) == "@") {
        if !file.text(attr).starts_with("@callback") {
            continue;
        }
        let Some(doc) = attr.prev_named_sibling().filter(|d| file.text(*d).starts_with("@doc")) else { continue };
        messages.extend(backticked_tuples(file.text(doc)));
    }
    messages
}

/// `{:tag, a, b}` snippets in backticks: (tag, number of top-level elements).
fn backticked_tuples(text: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for snippet in text.split('`').skip(1).step_by(2) {
        let Some(inner) = snippet.trim().strip_prefix("{:").and_then(|s| s.strip_suffix('}')) else { continue };
        let tag: String = inner.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if tag.is_empty() {
            continue;
        }
        let mut depth = 0i32;
        let mut size = 1;
        for c in inner.chars() {
            match c {
                '{' | '[' | '(' => depth += 1,
                '}' | ']' | ')' => depth -= 1,
                ',' if depth == 0 => size += 1,
                _ => {}
            }
        }
        found.push((format!(":{tag}"), size));
    }
    found
}

/// The shape that matches a sent message to a receiving clause: (tag, size) of an
/// atom-tagged tuple (see [`atom_tagged`]), or a bare atom as (atom, 0) (`:done`).
fn message_shape<'s>(file: &File<'s>, node: Node) -> Option<(&'s str, usize)> {
    if ast::atom_name(node, file.src).is_some() {
        return Some((file.text(node), 0));
    }
    atom_tagged(file, node)
}

/// Does the module that sends the message also take it (its `handle_info/2`, its
/// `receive`s)? Compared by shape; a module attribute as the message or its tag
/// (`@do_update`, `{@clear_color, c}`) is compared by its name.
fn received_by_own_module(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let shape = |n: Node| -> Option<(&str, usize)> {
        let attribute = |a: Node| a.kind_id() == k.unary_operator && file.text(a).starts_with('@');
        if attribute(n) {
            return Some((file.text(n), 0));
        }
        if n.kind_id() == k.tuple {
            let first = n.named_child(0)?;
            if attribute(first) {
                return Some((file.text(first), ast::named_children(n).count()));
            }
        }
        message_shape(file, n)
    };
    let Some(sent) = message_arg(call).and_then(shape) else {
        return false;
    };
    received_patterns(file, call.ctx.module).into_iter().any(|p| shape(p) == Some(sent))
}

/// Fields this lib file fills with a value that may be a pid (a variable, `self()`),
/// outside patterns: `%State{send_to: pid}`.
fn pid_fields_filled<'s>(file: &File<'s>) -> Vec<&'s str> {
    keys_of_pairs(file, |pair, value| {
        (value.kind_id() == grammar().kinds.identifier || ast::is_self_call(value, file.src))
            && !crate::rules::test::no_assertion::in_pattern(file, pair)
    })
}

/// The keys, each once, of the file's `key: value` pairs that `keep(pair, value)`.
fn keys_of_pairs<'s>(file: &File<'s>, keep: impl Fn(Node, Node) -> bool) -> Vec<&'s str> {
    let f = &grammar().fields;
    let mut keys: Vec<&str> = file
        .nodes_of(grammar().kinds.pair)
        .iter()
        .filter(|pair| ast::field(**pair, f.value).is_some_and(|value| keep(**pair, value)))
        .filter_map(|pair| ast::field(*pair, f.key))
        .map(|key| ast::keyword_name(key, file.src))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// What test code tells about the hooks it uses: the fields it fills with its own pid
/// (`from: self()` in a struct, map or keyword list) and the tuples it waits for
/// (`assert_receive {:ran, ^id}`, `assert_received`).
fn test_hook_facts(file: &File) -> Vec<Fact> {
    let fields = keys_of_pairs(file, |_, value| ast::is_self_call(value, file.src));
    let mut awaited: Vec<(&str, usize)> = file
        .calls_named_any(&["assert_receive", "assert_received"])
        .into_iter()
        .filter_map(|c| atom_tagged(file, c.arg(0)?))
        .collect();
    awaited.sort_unstable();
    awaited.dedup();
    let fields = fields.into_iter().map(|f| Fact::TestFillsWithSelf { field: f.to_string() });
    fields
        .chain(awaited.into_iter().map(|(tag, size)| Fact::TestAwaits { tag: tag.to_string(), size }))
        .collect()
}

/// A reply to a pid that a broadcast request carried: the requester cannot know
/// which process answers, so it cannot `GenServer.call` one; the send is the reply
/// half of the protocol, like the call/cast and `receive` loop answers.
fn broadcasts_request(all: &[(usize, &Fact)], tag: &str, size: usize) -> bool {
    all.iter()
        .any(|(_, f)| matches!(f, Fact::BroadcastsRequest { tag: t, size: s } if t == tag && *s == size))
}

const BROADCASTS: &[&str] = &["broadcast", "broadcast!", "broadcast_from", "broadcast_from!", "local_broadcast"];

/// The requests that carry `self()` (`{:active?, self()}`, also wrapped as
/// `{MyApp.Shell, {:active?, self()}}`) built in a function that broadcasts.
fn broadcast_request_facts(file: &File) -> Vec<Fact> {
    let carries_self = |tuple: Node| ast::named_children(tuple).any(|e| file.text(e) == "self()");
    let broadcasting = file.calls_named_any(BROADCASTS).into_iter().filter_map(|c| file.def(&c.ctx));
    let mut facts = Vec::new();
    for def in broadcasting {
        for tuple in ast::descendants(def.node).filter(|n| n.kind_id() == grammar().kinds.tuple) {
            if let (true, Some((tag, size))) = (carries_self(tuple), atom_tagged(file, tuple)) {
                facts.push(Fact::BroadcastsRequest { tag: tag.to_string(), size });
            }
        }
    }
    // A request written by hand: `send(pid, {:get, self()})` and then a `receive` in
    // the same function for the answer. The answer is the reply half of that call;
    // the request itself is what the rule reports, once.
    // The requester may name itself by an alias instead (`alias = Process.monitor(pid,
    // alias: :reply_demonitor)`, `:erlang.alias([:reply])`), which its `receive` pins.
    for send in file.calls_named_any(&["send"]) {
        let Some(def) = file.def(&send.ctx) else { continue };
        let aliases = reply_aliases(file, def);
        let carries_alias = |tuple: Node| ast::named_children(tuple).any(|e| aliases.contains(&file.text(e)));
        let Some(msg) = message_arg(send).filter(|m| m.kind_id() == grammar().kinds.tuple && (carries_self(*m) || carries_alias(*m))) else {
            continue;
        };
        let awaits = file
            .calls_within(def.node)
            .any(|c| c.name == "receive" && c.local && c.module.is_none() && c.node.start_byte() > send.node.end_byte());
        if let (true, Some((tag, size))) = (awaits, atom_tagged(file, msg)) {
            facts.push(Fact::BroadcastsRequest { tag: tag.to_string(), size });
        }
    }
    // The same call with the send and the wait in a helper of the module:
    // `ask(state, {:path_request, self(), name}, :path_reply)`, or the tuple bound to
    // a variable first, where `defp ask(state, request, tag)` sends `request` and then
    // waits in a `receive`.
    for &tuple in file.nodes_of(grammar().kinds.tuple) {
        if !carries_self(tuple) {
            continue;
        }
        let Some((tag, size)) = atom_tagged(file, tuple) else { continue };
        if handed_to_awaiting_helper(file, tuple) {
            facts.push(Fact::BroadcastsRequest { tag: tag.to_string(), size });
        }
    }
    facts
}

/// Variables the function binds to an alias of its own process, which a reply can be
/// sent to: `alias = :erlang.alias([:reply])`, `Process.alias()`, or a monitor created
/// with the `alias:` option.
fn reply_aliases<'s>(file: &File<'s>, def: &Def) -> Vec<&'s str> {
    let g = grammar();
    file.calls_within(def.node)
        .filter(|c| {
            c.is_any(":erlang", &["alias", "monitor"]) || c.is_any("Process", &["alias", "monitor"])
        })
        .filter(|c| c.name == "alias" || c.args.iter().skip(1).any(|a| file.text(*a).contains("alias")))
        .filter_map(|c| {
            let bind = file.parent(c.node).filter(|p| ast::is_binary_op(*p, file.src, "="))?;
            ast::field(bind, g.fields.left).filter(|l| l.kind_id() == g.kinds.identifier).map(|l| file.text(l))
        })
        .collect()
}

/// `tuple` (or the variable it is bound to) is an argument of a call to a function
/// of the same module that sends that parameter and then waits in a `receive`.
fn handed_to_awaiting_helper(file: &File, tuple: Node) -> bool {
    let g = grammar();
    let Some(def) = file.def_around(tuple.start_byte()) else { return false };
    let bound = file
        .parent(tuple)
        .filter(|p| ast::is_binary_op(*p, file.src, "="))
        .and_then(|p| ast::field(p, g.fields.left))
        .filter(|l| l.kind_id() == g.kinds.identifier)
        .map(|l| file.text(l));
    file.calls_within(def.node).filter(|c| c.local && c.module.is_none()).any(|c| {
        let Some(index) = c.args.iter().position(|a| *a == tuple || Some(file.text(*a)) == bound) else {
            return false;
        };
        file.defs_named(c.name).filter(|d| d.module == def.module && d.arity == c.arity).any(|helper| {
            let Some(param) = helper.params.get(index).filter(|p| p.kind_id() == g.kinds.identifier) else {
                return false;
            };
            let param = file.text(*param);
            let sent = file.calls_within(helper.node).filter(|s| s.name == "send" && s.local).find_map(|s| {
                message_arg(s).filter(|m| file.text(*m) == param).map(|_| s.node.end_byte())
            });
            sent.is_some_and(|after| {
                file.calls_within(helper.node)
                    .any(|r| r.name == "receive" && r.local && r.module.is_none() && r.node.start_byte() > after)
            })
        })
    })
}

/// The effect tuple (tag, size) is what a `handle_info/2` clause for a broadcast
/// request hands the carried pid on in, so its interpreter's send is the reply.
fn effect_of_broadcast_request(all: &[(usize, &Fact)], tag: &str, size: usize) -> bool {
    all.iter().any(|(_, f)| {
        matches!(f, Fact::PassesCarriedPid { tag: t, size: s, effect, effect_size }
            if effect == tag && *effect_size == size && broadcasts_request(all, t, *s))
    })
}

/// An identifier element of `tuple` named `var`.
fn has_element(file: &File, tuple: Node, var: &str) -> bool {
    ast::named_children(tuple).any(|e| e.kind_id() == grammar().kinds.identifier && file.text(e) == var)
}

/// Both halves of a reply passed on in an effect tuple: a `handle_info/2` clause
/// that puts the pid its message carried in a tuple (`{:replay, pid}`), and a send
/// to the pid of a parameter tuple (`defp apply_one(s, {:replay, pid})`).
fn effect_pid_facts(file: &File) -> Vec<Fact> {
    let mut facts = Vec::new();
    for def in file.defs.iter().filter(|d| d.name == "handle_info" && d.arity == 2) {
        let Some(msg) = def.params.first() else { continue };
        let Some((tag, size)) = atom_tagged(file, *msg) else { continue };
        let carried: Vec<&str> = ast::named_children(*msg)
            .filter(|e| e.kind_id() == grammar().kinds.identifier)
            .map(|e| file.text(e))
            .collect();
        let body_tuples = ast::descendants(def.node)
            .filter(|n| n.kind_id() == grammar().kinds.tuple && n.start_byte() >= msg.end_byte());
        for effect in body_tuples {
            if let Some((e, n)) = atom_tagged(file, effect).filter(|_| carried.iter().any(|v| has_element(file, effect, v))) {
                facts.push(Fact::PassesCarriedPid { tag: tag.to_string(), size, effect: e.to_string(), effect_size: n });
            }
        }
    }
    for call in file.calls_named_any(&["send"]) {
        let Some(dest) = destination_index(call).and_then(|i| call.arg(i)) else { continue };
        let Some(def) = file.def(&call.ctx).filter(|d| d.name != "handle_info") else { continue };
        if dest.kind_id() != grammar().kinds.identifier {
            continue;
        }
        let var = file.text(dest);
        let param = def.params.iter().filter_map(|p| atom_tagged(file, *p).filter(|_| has_element(file, *p, var)).map(|t| (*p, t))).next();
        if let Some((_, (tag, size))) = param {
            facts.push(Fact::SendsToParameterPid { at: call.node.start_byte(), tag: tag.to_string(), size });
        }
    }
    facts
}

/// `def notify(s, {:run_script, pid, text})` that keeps `pid` with `Map.put(s.refs,
/// ref, pid)`, and a send to a pid read back from `s.refs` (`case s.refs[ref] do pid
/// -> send(pid, ...)`, `pid = Map.get(s.refs, ref)`): both halves of a requester kept
/// until its answer comes.
fn stored_requester_facts(file: &File) -> Vec<Fact> {
    let g = grammar();
    let mut facts = Vec::new();
    // `session.refs` → `refs`; the field access parses as a call whose target is the dot.
    let field_of = |n: Node| -> Option<String> {
        let dot = if n.kind_id() == g.kinds.call && crate::syntax::call_arguments(n).is_none() {
            ast::field(n, g.fields.target)?
        } else {
            n
        };
        (dot.kind_id() == g.kinds.dot).then(|| ast::field(dot, g.fields.right)).flatten().map(|f| file.text(f).to_string())
    };
    // `Map.put(s.refs, ref, pid)`, or `put_in(state.pending[ref], pid)`.
    let stores = file
        .calls_named("put")
        .filter(|c| c.is("Map", "put") && c.arity == 3)
        .map(|c| (c, c.arg(0), c.arg(2)))
        .chain(file.calls_named("put_in").filter(|c| c.module.is_none() && c.arity == 2).map(|c| {
            let map = c.arg(0).filter(|a| a.kind_id() == g.kinds.access_call).and_then(|a| a.named_child(0));
            (c, map, c.arg(1))
        }));
    for (put, map, value) in stores {
        let (Some(def), Some(map), Some(value)) = (file.def(&put.ctx), map, value) else { continue };
        if value.kind_id() != g.kinds.identifier {
            continue;
        }
        let var = file.text(value);
        let request = def.params.iter().find_map(|p| atom_tagged(file, *p).filter(|_| has_element(file, *p, var)));
        if let (Some((tag, size)), Some(field)) = (request, field_of(map)) {
            facts.push(Fact::StoresRequestPid { tag: tag.to_string(), size, field });
        }
    }
    for send in file.calls_named_any(&["send"]) {
        let Some(dest) = destination_index(send).and_then(|i| send.arg(i)).filter(|d| d.kind_id() == g.kinds.identifier) else {
            continue;
        };
        let Some(def) = file.def(&send.ctx) else { continue };
        let var = file.text(dest);
        // Where `var` comes from: `case <read> do ... var -> ...`, `var = <read>`, or
        // `{var, rest} = Map.pop(...)`.
        let binds_var = |l: Node| {
            file.text(l) == var || l.kind_id() == g.kinds.tuple && l.named_child(0).is_some_and(|e| file.text(e) == var)
        };
        let read = ast::descendants(def.node)
            .filter(|n| n.end_byte() <= send.node.start_byte() || n.byte_range().contains(&send.node.start_byte()))
            .find_map(|n| {
                if ast::is_binary_op(n, file.src, "=") && ast::field(n, g.fields.left).is_some_and(binds_var) {
                    return ast::field(n, g.fields.right);
                }
                let case = (n.kind_id() == g.kinds.call && ast::local_call_name(n, file.src) == Some("case")).then_some(n)?;
                let binds = crate::syntax::call_do_block(case)?
                    .named_children(&mut case.walk())
                    .filter(|c| c.kind_id() == g.kinds.stab_clause)
                    .filter_map(|c| ast::field(c, g.fields.left))
                    .any(|args| ast::named_children(args).next().is_some_and(|p| file.text(p) == var));
                binds.then(|| crate::syntax::call_arguments(case).and_then(|a| a.named_child(0))).flatten()
            });
        let Some(read) = read else { continue };
        // `session.refs[ref]`, or `Map.get(session.refs, ref)` / `Map.fetch!`.
        let map = if read.kind_id() == g.kinds.access_call {
            read.named_child(0)
        } else {
            file.calls_within(read)
                .find(|c| c.node == read && c.is_any("Map", &["get", "fetch!", "pop"]))
                .and_then(|c| c.arg(0))
        };
        if let Some(field) = map.and_then(field_of) {
            facts.push(Fact::SendsToStoredPid { at: send.node.start_byte(), field });
        }
    }
    facts
}

/// Sends in `handle_info/2` to a pid that is an element of the clause's message
/// tuple (`def handle_info({:active?, pid}, s)` → `send(pid, :active)`).
fn carried_pid_reply_facts(file: &File) -> Vec<Fact> {
    let mut facts = Vec::new();
    for call in file.calls_named_any(&["send"]) {
        let Some(dest) = destination_index(call).and_then(|i| call.arg(i)) else { continue };
        let Some(def) = file.def(&call.ctx).filter(|d| d.name == "handle_info" && d.arity == 2) else {
            continue;
        };
        let Some(msg) = def.params.first() else { continue };
        let carried = dest.kind_id() == grammar().kinds.identifier
            && ast::named_children(*msg).any(|e| e.kind_id() == grammar().kinds.identifier && file.text(e) == file.text(dest));
        if let (true, Some((tag, size))) = (carried, atom_tagged(file, *msg)) {
            facts.push(Fact::RepliesToCarriedPid { at: call.node.start_byte(), tag: tag.to_string(), size });
        }
    }
    facts
}

/// (tag, size) of a tuple whose first element is an atom: `{:ready, socket, opts}` →
/// (":ready", 3).
fn atom_tagged<'s>(file: &File<'s>, node: Node) -> Option<(&'s str, usize)> {
    let first = ast::named_children(node).next().filter(|_| node.kind_id() == grammar().kinds.tuple)?;
    ast::atom_name(first, file.src)?;
    Some((file.text(first), ast::named_children(node).count()))
}

/// The messages a behaviour that the project ships for plug-in receivers documents:
/// the tuple patterns of `def handle_info` clauses in the `quote` of a
/// `defmacro __using__`, or in the `quote` of a function of the same module that
/// quote `unquote`s (`unquote(server_callbacks())`). Any module a user names in the
/// configuration gets these clauses with `use`, or has to write them itself.
fn pluggable_tags<'s>(file: &File<'s>) -> Vec<(&'s str, usize)> {
    let k = &grammar().kinds;
    let mut tags = Vec::new();
    for using in file.defs_named("__using__").filter(|d| d.kind == "defmacro") {
        let Some(body) = using.body else { continue };
        let mut quotes: Vec<Node> = quotes_in(file, body);
        // `unquote(helper())` in the macro's quote: that helper's quote is part of it.
        // (The walker treats `unquote` in quoted code as a placeholder, not a call:
        // read the syntax.)
        let helpers: Vec<&str> = ast::descendants(body)
            .filter(|n| n.kind_id() == k.call && ast::local_call_name(*n, file.src) == Some("unquote"))
            .filter_map(|n| ast::call_arguments(n)?.named_child(0))
            .filter(|arg| ast::call_arguments(*arg).is_none_or(|a| a.named_child_count() == 0))
            .filter_map(|arg| ast::local_call_name(arg, file.src))
            .collect();
        let helper_defs = helpers
            .iter()
            .flat_map(|h| file.defs_named(h))
            .filter(|d| d.module == using.module && d.arity == 0);
        for helper in helper_defs {
            quotes.extend(helper.body.map(|b| quotes_in(file, b)).unwrap_or_default());
        }
        for quote in quotes {
            for def in ast::descendants(quote).filter(|n| n.kind_id() == k.call && ast::local_call_name(*n, file.src) == Some("def")) {
                let Some(head) = ast::call_arguments(def).and_then(|a| a.named_child(0)) else { continue };
                let head = if ast::is_binary_op(head, file.src, "when") { ast::field(head, grammar().fields.left).unwrap_or(head) } else { head };
                if ast::local_call_name(head, file.src) != Some("handle_info") {
                    continue;
                }
                if let Some(tag) = ast::call_arguments(head).and_then(|a| a.named_child(0)).and_then(|p| atom_tagged(file, p)) {
                    tags.push(tag);
                }
            }
        }
    }
    tags
}

/// `X.start_link(self(), ...)` or `X.start(self(), ...)` of a named module, with the
/// pid it binds (`{:ok, pid} = ...`): a helper process the caller starts for itself.
fn starts_with_self<'a, 't>(file: &'a File<'t>, module: Option<Id>) -> impl Iterator<Item = (&'a Call<'t>, &'a str, Option<&'t str>)> + 'a {
    let g = grammar();
    // Within the module's own node when there is one: asked once per send, a scan of
    // every start in the file would make a file of many modules quadratic.
    let calls: Vec<&Call> = match module.and_then(|m| file.modules.get(m as usize)) {
        Some(m) => file.calls_within(m.node).filter(|c| matches!(c.name, "start_link" | "start")).collect(),
        None => file.calls_named_any(&["start_link", "start"]),
    };
    calls
        .into_iter()
        .filter(move |c| c.ctx.module == module && !c.dynamic && !c.local)
        .filter(|c| c.arg(0).is_some_and(|a| ast::is_self_call(a, file.src)))
        .filter_map(move |c| {
            let child = c.module.as_deref()?;
            let pid = c
                .parent
                .filter(|p| ast::is_binary_op(*p, file.src, "="))
                .and_then(|p| ast::field(p, g.fields.left))
                .filter(|l| l.kind_id() == g.kinds.tuple)
                .and_then(|l| l.named_child(1))
                .filter(|v| v.kind_id() == g.kinds.identifier)
                .map(|v| file.text(v));
            Some((c, child, pid))
        })
}

/// Calls that run a module's function in a new process with `self()` among its
/// arguments: an alias, an atom and a literal list holding `self()`, in a row
/// (`start_child(sup, Child, :run, [self(), x])`, `spawn_link(Child, :run, [self()])`).
fn runs_with_self(file: &File) -> Vec<Fact> {
    let g = grammar();
    let mut facts = Vec::new();
    for call in &file.calls {
        let Some(starter) = file.module(&call.ctx).filter(|m| !m.quoted) else { continue };
        let args: Vec<Node> = call.args.to_vec();
        for w in args.windows(3) {
            let (module, fun, list) = (w[0], w[1], w[2]);
            if module.kind_id() != g.kinds.alias || list.kind_id() != g.kinds.list {
                continue;
            }
            let Some(fun) = ast::atom_name(fun, file.src) else { continue };
            let Some(index) = ast::named_children(list).position(|a| ast::is_self_call(a, file.src)) else {
                continue;
            };
            let child = file.module_at(file.text(module), module.start_byte());
            facts.push(Fact::RunsWithSelf { starter: starter.name.clone(), child, fun: fun.to_string(), index });
        }
    }
    facts
}

/// Calls that hand a function the calling process's pid: `self()` among the
/// arguments of a local or remote call made outside any `fn` (where `self()` would be
/// another process's).
fn called_with_self(file: &File) -> Vec<Fact> {
    let mut facts = Vec::new();
    for call in &file.calls {
        if call.dynamic || call.capture || call.ctx.func.is_some() {
            continue;
        }
        let Some(caller) = file.module(&call.ctx).filter(|m| !m.quoted) else { continue };
        let Some(index) = call.args.iter().position(|a| ast::is_self_call(*a, file.src)) else { continue };
        let callee = match call.module.as_deref() {
            None if call.local => caller.name.clone(),
            Some(m) if !m.starts_with(':') => file.module_at(m, call.node.start_byte()),
            _ => continue,
        };
        facts.push(Fact::CalledWithSelf { caller: caller.name.clone(), callee, fun: call.name.to_string(), index });
    }
    facts
}

/// Calls a server callback makes (outside any `fn`, which may run elsewhere) with
/// `__MODULE__` among the arguments: the function is handed the name the server runs
/// under, from inside that server.
fn called_with_own_name(file: &File) -> Vec<Fact> {
    let mut facts = Vec::new();
    for call in &file.calls {
        if call.dynamic || call.capture || call.local || call.ctx.func.is_some() {
            continue;
        }
        let Some(index) = call.args.iter().position(|a| file.text(*a) == "__MODULE__") else { continue };
        if !file.def(&call.ctx).is_some_and(|d| SERVER_CALLBACKS.contains(&d.name)) {
            continue;
        }
        let Some(caller) = file.module(&call.ctx).filter(|m| !m.quoted) else { continue };
        let Some(callee) = call.module.as_deref().filter(|m| !m.starts_with(':')) else { continue };
        let callee = file.module_at(callee, call.node.start_byte());
        facts.push(Fact::CalledWithOwnName { caller: caller.name.clone(), callee, fun: call.name.to_string(), index });
    }
    facts
}

/// `Process.whereis(param)` as a send's destination, a process looked up by the name a
/// parameter holds: that parameter, as [`parameter_destination`] gives it.
fn whereis_parameter(file: &File, call: &Call, dest: Node) -> Option<(String, String, usize)> {
    let lookup = file.calls_within(dest).find(|c| c.node == dest && c.is("Process", "whereis") && c.arity == 1)?;
    parameter_destination(file, call, lookup.arg(0)?)
}

/// `def run(db, store) do ... send(db, :done) end`: the send goes to the pid a
/// public function's parameter holds, as (module, function, parameter index); also
/// from a `fn` inside it that captures the parameter (the task it starts).
fn parameter_destination(file: &File, call: &Call, dest: Node) -> Option<(String, String, usize)> {
    let g = grammar();
    if dest.kind_id() != g.kinds.identifier {
        return None;
    }
    let def = file.def(&call.ctx)?;
    let var = file.text(dest);
    // A `fn` around the send that binds the name itself takes it from elsewhere.
    let shadowed = call
        .ctx
        .func
        .map(|f| &file.fns[f as usize])
        .is_some_and(|f| fn_params(f.node).any(|p| binds_variable_or_is(file, p, var)));
    if shadowed {
        return None;
    }
    let index = def.params.iter().position(|p| p.kind_id() == g.kinds.identifier && file.text(*p) == var)?;
    let module = file.module(&call.ctx)?;
    if def.kind == "def" {
        return Some((module.name.clone(), def.name.to_string(), index));
    }
    // A private helper (`defp run_query(..., owner)`) that a public function of the
    // module calls with its own parameter in that place: that function's parameter.
    file.calls_within(module.node)
        .filter(|c| c.local && c.module.is_none() && c.name == def.name && c.arity == def.arity)
        .find_map(|c| {
            let passed = c.arg(index).filter(|a| a.kind_id() == g.kinds.identifier)?;
            let outer = file.def(&c.ctx).filter(|d| d.kind == "def")?;
            let at = outer.params.iter().position(|p| p.kind_id() == g.kinds.identifier && file.text(*p) == file.text(passed))?;
            Some((module.name.clone(), outer.name.to_string(), at))
        })
}

/// Per module of the file: the helpers it starts with `self()`, and the tuples it
/// receives (`handle_info`, gen_statem `:info` clauses, `receive`).
fn parent_child_facts(file: &File) -> Vec<Fact> {
    let mut facts = Vec::new();
    for (i, module) in file.modules.iter().enumerate().filter(|(_, m)| !m.quoted) {
        let id = Some(i as Id);
        for (_, child, _) in starts_with_self(file, id) {
            facts.push(Fact::StartsWithSelf { starter: module.name.clone(), child: child.to_string() });
        }
        let mut keys = self_option_keys(file, id);
        keys.sort_unstable();
        keys.dedup();
        facts.extend(keys.into_iter().map(|key| Fact::PutsSelfUnder { module: module.name.clone(), key: key.to_string() }));
        let mut servers: Vec<String> = file
            .calls_within(module.node)
            .filter(|c| c.ctx.module == id && matches!(c.name, "start_link" | "start"))
            .filter(|c| matches!(c.module.as_deref(), Some("GenServer" | ":gen_server")))
            .filter_map(|c| c.arg(0).filter(|a| a.kind_id() == grammar().kinds.alias).map(|a| file.module_at(file.text(a), a.start_byte())))
            .filter(|server| *server != module.name)
            .collect();
        servers.sort_unstable();
        servers.dedup();
        facts.extend(servers.into_iter().map(|server| Fact::StartsServer { front: module.name.clone(), server }));
        let mut shapes: Vec<(&str, usize)> = received_patterns(file, id).into_iter().filter_map(|p| message_shape(file, p)).collect();
        shapes.sort_unstable();
        shapes.dedup();
        facts.extend(shapes.into_iter().map(|(tag, size)| Fact::Receives { module: module.name.clone(), tag: tag.to_string(), size }));
        let mut children: Vec<String> = file
            .calls_within(module.node)
            .filter(|c| c.ctx.module == id && !c.dynamic && !c.local && matches!(c.name, "start_link" | "start"))
            .filter_map(|c| c.module.as_deref().filter(|m| !m.starts_with(':') && !crate::runtime::is_elixir_module(m)))
            .map(|m| m.to_string())
            .filter(|child| *child != module.name)
            .collect();
        children.sort_unstable();
        children.dedup();
        facts.extend(children.into_iter().map(|child| Fact::Starts { starter: module.name.clone(), child }));
        let captures_caller = file.defs.iter().filter(|d| d.module == id && d.kind == "def" && matches!(d.name, "start_link" | "start")).any(|d| {
            file.calls_within(d.node).any(|c| {
                matches!(c.module.as_deref(), Some("GenServer" | ":gen_server"))
                    && matches!(c.name, "start_link" | "start")
                    && c.arg(0).is_some_and(|a| file.text(a) == "__MODULE__")
                    && c.arg(1).is_some_and(|a| file.text(a).contains("self()"))
            })
        });
        if captures_caller {
            facts.push(Fact::StartCapturesCaller { module: module.name.clone() });
        }
        if file.behaviours(i as Id).any(|b| b == "Phoenix.Socket.Transport") {
            facts.push(Fact::Transport { module: module.name.clone() });
        }
    }
    facts
}

/// The option names under which `module` hands out its own pid: `owner: self()` in a
/// keyword list or map, `Keyword.put(opts, :owner, self())` (also `put_new`,
/// `Map.put`).
fn self_option_keys<'s>(file: &File<'s>, module: Option<Id>) -> Vec<&'s str> {
    let g = grammar();
    let Some(m) = module.and_then(|m| file.modules.get(m as usize)) else {
        return Vec::new();
    };
    let own_pid = |v: Node| ast::is_self_call(v, file.src) || is_channel_pid(file, v);
    let mut keys: Vec<&str> = file.nodes_within(g.kinds.pair, m.node)
        .filter(|pair| ast::field(*pair, g.fields.value).is_some_and(own_pid))
        .filter_map(|pair| ast::field(pair, g.fields.key))
        .map(|key| ast::keyword_name(key, file.src))
        .collect();
    keys.extend(
        file.calls_within(m.node)
            .filter(|c| c.ctx.module == module)
            .filter(|c| matches!(c.module.as_deref(), Some("Keyword" | "Map")) && matches!(c.name, "put" | "put_new"))
            .filter(|c| c.arg(2).is_some_and(own_pid))
            .filter_map(|c| c.arg(1).and_then(|k| ast::atom_name(k, file.src))),
    );
    keys
}

/// `socket.channel_pid` in a Phoenix channel: the channel's own process, which
/// `Phoenix.Socket` records as `channel_pid`.
fn is_channel_pid(file: &File, value: Node) -> bool {
    file.text(value) == "socket.channel_pid"
}

/// The start option a destination pid comes from: `Keyword.get(opts, :owner)`,
/// `opts[:owner]`, a variable bound from one of those earlier in the function
/// (`if owner = Keyword.get(data.options, :owner) do send(owner, ...)`), or a state
/// field the module sets from one (`owner: Keyword.fetch!(opts, :owner)`, in
/// `start_link` or `init/1`, read as `state.owner`).
fn option_key_of_destination<'s>(file: &File<'s>, call: &Call, dest: Node) -> Option<&'s str> {
    let g = grammar();
    let k = &g.kinds;
    if let Some(key) = option_read(file, dest) {
        return Some(key);
    }
    let def = file.def(&call.ctx)?;
    if dest.kind_id() == k.identifier {
        let var = file.text(dest);
        let bound = def
            .body
            .into_iter()
            .flat_map(|b| file.nodes_within(grammar().kinds.binary_operator, b))
            .filter(|n| n.end_byte() <= call.node.start_byte() && ast::is_binary_op(*n, file.src, "="))
            .filter(|n| ast::field(*n, g.fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == var))
            .last()
            .and_then(|n| ast::field(n, g.fields.right));
        if let Some(key) = bound.and_then(|v| option_read(file, v)) {
            return Some(key);
        }
    }
    let field = destination_field(file, call, dest)?;
    let module = file.module(&call.ctx)?;
    let from_option = |value: Node| option_read(file, value).or_else(|| option_read_bound_to(file, call.ctx.module, value));
    let in_pair = file
        .nodes_within(k.pair, module.node)
        .filter(|pair| ast::field(*pair, g.fields.key).is_some_and(|key| ast::keyword_name(key, file.src) == field))
        .find_map(|pair| from_option(ast::field(pair, g.fields.value)?));
    // `state |> Map.put(:channel_pid, channel_pid)` in `init`, with `channel_pid =
    // Keyword.get(opts, :channel_pid)` above (R44 grapevine's web client).
    in_pair.or_else(|| {
        file.calls_within(module.node)
            .filter(|c| c.ctx.module == call.ctx.module && c.module.as_deref() == Some("Map") && matches!(c.name, "put" | "put_new"))
            .filter(|c| c.arg(1).and_then(|key| ast::atom_name(key, file.src)) == Some(field))
            .find_map(|c| from_option(c.arg(2)?))
    })
}

/// `owner` in `%State{owner: owner}`, when the same function bound it earlier from a
/// start option (`owner = Keyword.fetch!(opts, :owner)` in `init/1`): the option's name.
fn option_read_bound_to<'s>(file: &File<'s>, module: Option<Id>, value: Node) -> Option<&'s str> {
    let g = grammar();
    if value.kind_id() != g.kinds.identifier {
        return None;
    }
    let var = file.text(value);
    let def = file.defs_of(module).find(|d| d.node.byte_range().contains(&value.start_byte()))?;
    def.body
        .into_iter()
        .flat_map(|b| file.nodes_within(g.kinds.binary_operator, b))
        .filter(|n| n.end_byte() <= value.start_byte() && ast::is_binary_op(*n, file.src, "="))
        .filter(|n| ast::field(*n, g.fields.left).is_some_and(|l| l.kind_id() == g.kinds.identifier && file.text(l) == var))
        .last()
        .and_then(|n| ast::field(n, g.fields.right))
        .and_then(|right| option_read(file, right))
}

/// `Keyword.get(opts, :owner)`, `Keyword.fetch!(opts, :owner)`, `opts[:owner]`, or a
/// field of the whole options kept in the state (`state.opts.respond_to`, R42
/// gen_retry, whose `init/1` keeps `Options.new(opts)` as `opts:`): the option's name.
fn option_read<'s>(file: &File<'s>, node: Node) -> Option<&'s str> {
    let k = &grammar().kinds;
    if node.kind_id() == k.access_call {
        return node.named_child(1).and_then(|key| ast::atom_name(key, file.src));
    }
    if let Some(key) = options_field(file.text(node)) {
        return Some(key);
    }
    file.calls_within(node)
        .find(|c| c.node == node)
        .filter(|c| c.module.as_deref() == Some("Keyword") && matches!(c.name, "get" | "fetch!" | "fetch"))
        .and_then(|c| c.arg(1))
        .and_then(|key| ast::atom_name(key, file.src))
}

/// `KEY` of `state.opts.KEY` or `data.options.KEY`: a path of plain fields whose
/// next-to-last is the options the process was started with.
fn options_field(text: &str) -> Option<&str> {
    let parts: Vec<&str> = text.split('.').collect();
    let plain = |p: &&str| p.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (parts.len() >= 3 && parts.iter().all(plain) && matches!(parts[parts.len() - 2], "opts" | "options"))
        .then(|| parts[parts.len() - 1])
}

/// The message patterns `module` matches: `handle_info` (see [`handle_info_patterns`]),
/// the `:info` clauses of gen_statem state functions (`def connected(:info, msg, data)`,
/// `handle_event(:info, msg, state, data)`), and the clauses of its `receive`s.
fn received_patterns<'t>(file: &File<'t>, module: Option<Id>) -> Vec<Node<'t>> {
    let g = grammar();
    let mut patterns = handle_info_patterns(file, module);
    patterns.extend(
        file.defs_of(module)
            .filter(|d| matches!(d.arity, 3 | 4))
            .filter(|d| d.params.first().is_some_and(|p| file.text(*p) == ":info"))
            .filter_map(|d| d.params.get(1).copied()),
    );
    // `def handle_info(message, state) when message == :done or message in [:a, :b]`.
    for def in file.defs_of(module).filter(|d| d.name == "handle_info" && d.arity == 2) {
        let (Some(var), Some(guard)) = (def.params.first().filter(|p| p.kind_id() == g.kinds.identifier), def.guard) else {
            continue;
        };
        let var = file.text(*var);
        for op in ast::descendants(guard).filter(|n| n.kind_id() == g.kinds.binary_operator) {
            let (Some(l), Some(r)) = (ast::field(op, g.fields.left), ast::field(op, g.fields.right)) else { continue };
            let compared = match ast::operator(op, file.src) {
                "==" | "===" if file.text(l) == var => vec![r],
                "==" | "===" if file.text(r) == var => vec![l],
                "in" if file.text(l) == var && r.kind_id() == g.kinds.list => ast::named_children(r).collect(),
                _ => continue,
            };
            patterns.extend(compared.into_iter().filter(|n| ast::atom_name(*n, file.src).is_some()));
        }
    }
    patterns.extend(
        file.calls_named("receive")
            .filter(|r| r.local && r.module.is_none() && r.ctx.module == module)
            .flat_map(|r| receive_patterns(file, r)),
    );
    patterns.into_iter().map(|p| bound_pattern(file, p)).collect()
}

/// The patterns of a `receive`'s clauses, without their guards.
fn receive_patterns<'t>(file: &File<'t>, receive: &Call<'t>) -> impl Iterator<Item = Node<'t>> {
    let g = grammar();
    // `receive do: ({:ets, ets} -> ets)`: the clauses sit in the `do:` value.
    let inline = || {
        receive
            .arguments
            .and_then(|a| ast::named_children(a).last())
            .and_then(|kw| crate::syntax::keyword_value(kw, file.src, "do"))
    };
    receive
        .do_block
        .or_else(inline)
        .into_iter()
        .flat_map(ast::named_children)
        .filter(move |c| c.kind_id() == g.kinds.stab_clause)
        .filter_map(move |c| ast::clause_pattern(c, file.src))
}

/// `{:mix_shell, _, _} = message` (or `message = {...}`): the pattern that the message
/// is matched against, without the variable that names it.
fn bound_pattern<'t>(file: &File<'t>, mut pattern: Node<'t>) -> Node<'t> {
    let g = grammar();
    while ast::is_binary_op(pattern, file.src, "=") {
        let (Some(l), Some(r)) = (ast::field(pattern, g.fields.left), ast::field(pattern, g.fields.right)) else {
            break;
        };
        pattern = if l.kind_id() == g.kinds.identifier { r } else { l };
    }
    pattern
}

/// The helper module `send` goes to when its destination is the pid of a
/// `X.start_link(self(), ...)` of the sending module: that variable in the same
/// function, or a state field the module sets from it (`socket_owner: owner` after
/// `{:ok, owner} = SocketOwner.start_link(self(), opts)`), read as `data.socket_owner`
/// or bound in the clause head (`%{socket_owner: owner}`).
fn child_started_with_self(file: &File, call: &Call, dest: Node) -> Option<String> {
    let g = grammar();
    let starts: Vec<_> = starts_with_self(file, call.ctx.module).collect();
    if dest.kind_id() == g.kinds.identifier {
        let var = file.text(dest);
        if let Some((_, child, _)) = starts
            .iter()
            .find(|(c, _, pid)| *pid == Some(var) && c.ctx.def == call.ctx.def && c.node.end_byte() <= call.node.start_byte())
        {
            return Some(child.to_string());
        }
    }
    let field = destination_field(file, call, dest)?;
    starts.iter().find_map(|(c, child, pid)| {
        let pid = (*pid)?;
        let def = file.def(&c.ctx)?;
        let stored = file.nodes_within(g.kinds.pair, def.node).any(|pair| {
            ast::field(pair, g.fields.key).is_some_and(|k| ast::keyword_name(k, file.src) == field)
                && ast::field(pair, g.fields.value).is_some_and(|v| v.kind_id() == g.kinds.identifier && file.text(v) == pid)
        });
        stored.then(|| child.to_string())
    })
}

/// The `quote` calls inside `node`.
fn quotes_in<'t>(file: &File<'t>, node: Node<'t>) -> Vec<Node<'t>> {
    let k = &grammar().kinds;
    std::iter::once(node)
        .chain(ast::descendants(node))
        .filter(|n| n.kind_id() == k.call && ast::local_call_name(*n, file.src) == Some("quote"))
        .collect()
}

/// `pid` from `{:ok, pid}` of starting a module that the code holds in data
/// (`DynamicSupervisor.start_child(sup, child_spec)` with a spec passed in or built
/// from a configured module, `handler.start_link(opts)`), not named in the code: the
/// receiver is whatever module the user configured.
fn started_from_data(file: &File, call: &Call, dest: Node) -> bool {
    let g = grammar();
    if dest.kind_id() != g.kinds.identifier {
        return false;
    }
    let Some(def) = file.def(&call.ctx) else {
        return false;
    };
    let var = file.text(dest);
    // `case start(...) do {:ok, pid} -> send(pid, ...)`. The enclosing nodes come from
    // the def downwards: `Node::parent` searches from the root each time, which made
    // this walk quadratic in the nesting depth.
    let mut enclosing = Vec::new();
    let mut at = def.node;
    while let Some(child) = at.child_with_descendant(call.node).filter(|c| *c != call.node) {
        enclosing.push(child);
        at = child;
    }
    for &parent in enclosing.iter().rev() {
        if parent.kind_id() == g.kinds.stab_clause
            && ast::field(parent, g.fields.left).is_some_and(|p| binds_variable(file, p, var))
        {
            let subject = parent
                .parent()
                .and_then(|block| file.parent(block))
                .filter(|case| ast::local_call_name(*case, file.src) == Some("case"))
                .and_then(ast::call_arguments)
                .and_then(|a| a.named_child(0));
            return subject.is_some_and(|s| starts_from_data(file, def, s));
        }
    }
    // `{:ok, pid} = start(...)`, `with {:ok, pid} <- start(...)`.
    def.body.into_iter().flat_map(ast::descendants).any(|n| {
        n.end_byte() <= call.node.start_byte()
            && (ast::is_binary_op(n, file.src, "=") || ast::is_binary_op(n, file.src, "<-"))
            && ast::field(n, g.fields.left).is_some_and(|l| binds_variable(file, l, var))
            && ast::field(n, g.fields.right).is_some_and(|r| starts_from_data(file, def, r))
    })
}

/// `node` starts a process from a module that is data here: a child spec that is not
/// a literal module, or `start_link`/`start` on a module in a variable.
fn starts_from_data(file: &File, def: &Def, node: Node) -> bool {
    let Some(start) = file.calls_within(node).find(|c| c.node == node) else {
        return false;
    };
    match (start.module.as_deref(), start.name) {
        (Some("DynamicSupervisor" | "Supervisor"), "start_child") => {
            start.arg(1).is_some_and(|spec| spec_from_data(file, def, spec, start.node.start_byte()))
        }
        (Some("GenServer"), "start_link" | "start") => start.arg(0).is_some_and(|m| !names_a_module(file, m)),
        (_, "start_link" | "start") => start.dynamic,
        _ => false,
    }
}

/// A child spec whose module is not written here: a parameter, or a variable or
/// tuple built from a configured module (`{config.handler, opts}`).
fn spec_from_data(file: &File, def: &Def, spec: Node, before: usize) -> bool {
    let k = &grammar().kinds;
    if spec.kind_id() == k.tuple {
        return spec.named_child(0).is_some_and(|m| !names_a_module(file, m));
    }
    if spec.kind_id() != k.identifier {
        return false;
    }
    // The last binding before the start decides; none means a parameter.
    let var = file.text(spec);
    let bound = def
        .body
        .into_iter()
        .flat_map(|b| file.nodes_within(grammar().kinds.binary_operator, b))
        .filter(|n| n.end_byte() <= before && ast::is_binary_op(*n, file.src, "="))
        .filter(|n| ast::field(*n, grammar().fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == var))
        .last()
        .and_then(|n| ast::field(n, grammar().fields.right));
    match bound {
        None => def.params.iter().any(|p| binds_variable_or_is(file, *p, var)),
        Some(value) => !file.text(value).trim_start_matches('{').trim_start().starts_with(|c: char| c.is_ascii_uppercase() || c == '_'),
    }
}

/// An alias (`MyApp.Worker`) or `__MODULE__`.
fn names_a_module(file: &File, node: Node) -> bool {
    node.kind_id() == grammar().kinds.alias || file.text(node) == "__MODULE__"
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    let names = ModuleNames::of(file);
    let clients = std::cell::OnceCell::new();
    let self_fields = std::cell::OnceCell::new();
    for call in file.calls_named_any(&["send", "send_after", "!", "send_nosuspend"]) {
        let Some(dest_index) = destination_index(call) else {
            continue;
        };
        if defines_a_send_wrapper(file, &call.ctx)
            || in_via_send_callback(file, &call.ctx)
            || forwards_a_parameter(file, call)
            || sends_a_struct(file, call)
            || sends_an_encoded_frame(file, call)
            || protocol_handled_here(file, &names, call)
            || awaits_tagged_reply(file, call)
            || non_blocking_twin_of_a_call(file, call)
        {
            continue;
        }
        let written = call.display(src);
        let dest = call.arg(dest_index);
        if let Some(dest) = dest {
            if is_own_process(file, call, dest)
                || validated_as_self(file, call, dest)
                || from_incoming_message(file, call, dest)
                || answers_received_request(file, call, dest)
                || answers_with_request_ref(file, call, dest)
                || answers_stored_request(file, call, dest)
                || notifies_stored_caller(file, call, dest)
                || replies_to_alias(file, call, dest)
            {
                continue;
            }
        } else if call.name == "send_after" {
            // `&Process.send_after/3`: the destination is unknown; timers to self are common.
            continue;
        }
        if speaks_io_protocol(file, call, dest)
            || dest.is_some_and(|d| is_transport(file, d))
            || plug_adapter_sent_notice(file, call)
        {
            continue;
        }
        if dest.is_some_and(|d| capture_over_collection(file, d)) {
            // `Enum.each(listeners, &send(&1, msg))`: the subscriber loop below, written
            // as a capture.
            continue;
        }
        // A capture's placeholder (`&1`) names no process: say what it stands for.
        let dest_text = match dest {
            Some(d) if is_capture_placeholder(file, d) => "the pid this capture is called with".to_string(),
            Some(d) => format!("`{}`", one_line(file.text(d))),
            None => "`?`".into(),
        };
        // `send(driver.pid, @do_update)` where the file stores `pid: self()` and this
        // module's own `handle_info/2` takes the message: the struct is the process's
        // own state, so the send goes to itself (R32 scenic).
        if dest.is_some_and(|d| creator_field(file, self_fields.get_or_init(|| self_filled_keys(file)), call, d).is_some())
            && received_by_own_module(file, call)
        {
            continue;
        }
        // The shapes a receiver expects as notices: info, with the reason.
        let notice = if extra_message_to_caller(file, call) {
            Some(format!("`{written}` sends the caller ({dest_text}) a plain message besides the reply this `handle_call/3` clause gives: an extra notification that the client has to `receive` on its own, outside the call; put what the caller needs in the reply, or send it to a process that subscribed for it"))
        } else if let Some(option) = dest.and_then(|d| test_observer_option(file, d)) {
            let named = if file.src.contains(&format!(":{option}")) || file.src.contains(&format!("{option}:")) {
                format!("the `:{option}` option")
            } else {
                format!("`{option}`")
            };
            Some(format!("`{written}` notifies {dest_text}, the test process that {named} names: a hook that lets a test `assert_receive` what this process did; a test process has no client function to call, so the raw message is the way to reach it; keep the option unset outside tests"))
        } else if let Some(field) = dest.and_then(|d| creator_field(file, self_fields.get_or_init(|| self_filled_keys(file)), call, d)) {
            Some(format!("`{written}` notifies {dest_text}, the `{field}` pid that this file's constructor stores as `{field}: self()`: the process that created the struct asked to be told; a notification to its owner (often a test), which has no client function to call; make sure that process handles these messages"))
        } else if dest.is_some_and(|d| from_telemetry_config(file, call, d)) {
            Some(format!("`{written}` forwards a telemetry event to {dest_text}, a pid the handler was attached with: a subscriber notification; make sure the receiver handles (or ignores) these messages and detach the handler when it goes away"))
        } else if let Some(field) = dest.and_then(|d| state_field_from_init_argument(file, call, d)) {
            Some(format!("`{written}` notifies {dest_text}, the `{field}` pid that `init/1` keeps from the argument this process was started with (its observer or owner): a subscriber notification; make sure the receiver handles these messages"))
        } else if let Some((field, callback)) = dest.and_then(|d| stored_from_request(file, call, d)) {
            Some(format!("`{written}` notifies {dest_text}, the `{field}` pid that a `{callback}` request to this process carried and stored (it attached itself to be told): a subscriber notification; make sure the receiver handles these messages"))
        } else if let Some((field, line)) = dest.and_then(|d| documented_receiver_field(file, call, d)) {
            Some(format!("`{written}` delivers to {dest_text}, the `{field}` process that this module's docs name as the one these messages go to (\"{line}\"): a documented delivery to a process the caller chose, which has no client function to call; make sure the docs also give the messages' format"))
        } else if dest.is_some_and(|d| subscribed_by_message(file, call, d)) {
            Some(format!("`{written}` notifies {dest_text}, the pid that the subscribe message this clause takes carried and that the state keeps as a subscriber: a subscriber notification (a confirmation or the first snapshot); make sure the receiver handles these messages, and consider a client function for subscribing that does the same through `GenServer.call`"))
        } else if dest.is_some_and(|d| from_init_argument(file, call, d)) {
            Some(format!("`{written}` notifies {dest_text}, a pid from the `init/1` argument this process was started with (its subscriber or owner): a subscriber notification; make sure the receiver handles these messages"))
        } else if dest.is_some_and(|d| loops_over(file, call, d) || fed_by_loops(file, call, d)) {
            // Each subscriber of a list, which the loop check below leaves alone
            // however the message is tagged (R46 nerves_time's `{:nerves_time, ...}`).
            None
        } else {
            dest.and_then(|d| library_contract_tag(file, call, d)).map(|tag| format!("`{written}` sends {dest_text} a message tagged `{tag}`, this library's own name, and no module of this file receives it: a message the library defines for its users' processes, which have no client function it could call instead; document the message in the library's docs (or make it a behaviour callback the receiving processes implement); if a module of this project receives it, give that module a client function instead"))
        };
        if let Some(message) = notice {
            report.add_info(file, &call.ctx, call.node.byte_range(), message);
            continue;
        }
        if dest.is_some_and(|d| loops_over(file, call, d) || fed_by_loops(file, call, d)) {
            // Delivering to each subscriber of a list is the pub/sub shape the guide
            // calls fine: there is no single receiver to put a client function in.
            continue;
        }
        // In `init/1` the process that started this one may still be waiting in
        // `start_link`: a call back to it would deadlock.
        // (A registered name is some other process; a pid in a variable or the state
        // may be the starter.)
        let maybe_starter = dest.is_some_and(|d| root_variable(file, d).is_some());
        let in_init = maybe_starter && file.def(&call.ctx).is_some_and(|d| runs_in_init(file, d, 2));
        let advice = if in_init {
            "hide it behind a client function of the receiving module that sends or casts: this runs in `init/1`, while the process that started this one may still be waiting in `start_link`, so a `GenServer.call` to it would deadlock"
        } else {
            "hide it behind a client function of the receiving module (a `GenServer.call` by default)"
        };
        let message = match dest.filter(|_| !in_init).and_then(|d| client_module_of(file, clients.get_or_init(|| ClientCalls::of(file)), call, d)) {
            Some(owner) => owner_advice(file, call, &written, &dest_text, &owner),
            None => format!("`{written}` sends a raw message to {dest_text}; {advice}"),
        };
        report.add(file, &call.ctx, call.node.byte_range(), message);
    }
}

/// The module whose process a destination is: the one module whose functions this
/// file calls with the same destination as first argument
/// (`DeltaCrdt.put(crdt_name(state.name), ...)` beside
/// `send(crdt_name(state.name), ...)`), with those functions as `name/arity`.
struct Owner {
    module: String,
    functions: Vec<String>,
}

/// Modules whose functions take a pid or name first without owning the process.
const GENERIC_PROCESS_MODULES: &[&str] = &[
    "Agent", "Application", "Code", "DynamicSupervisor", "Enum", "GenServer", "GenStage", "IO", "Kernel",
    "Keyword", "List", "Logger", "Map", "Node", "Port", "Process", "Registry", "String", "Supervisor",
    "System", "Task", "Task.Supervisor",
];

/// The calls that could name a destination's owner, by the text of their first
/// argument: built once per file, since a file with many sends would otherwise scan
/// every call once per send.
struct ClientCalls<'a>(HashMap<&'a str, Vec<&'a Call<'a>>>);

impl<'a> ClientCalls<'a> {
    fn of(file: &'a File<'a>) -> ClientCalls<'a> {
        let mut by_first_arg: HashMap<&str, Vec<&Call>> = HashMap::new();
        for c in &file.calls {
            let Some(module) = c.module.as_deref() else { continue };
            if c.local
                || c.dynamic
                || c.capture
                || !module.starts_with(|ch: char| ch.is_ascii_uppercase())
                || GENERIC_PROCESS_MODULES.contains(&module)
            {
                continue;
            }
            if let Some(first) = c.arg(0) {
                by_first_arg.entry(file.text(first)).or_default().push(c);
            }
        }
        ClientCalls(by_first_arg)
    }
}

fn client_module_of(file: &File, clients: &ClientCalls, send: &Call, dest: Node) -> Option<Owner> {
    let mut owner: Option<Owner> = None;
    for c in clients.0.get(file.text(dest)).into_iter().flatten() {
        let Some(module) = c.module.as_deref() else { continue };
        // A variable is the same value only in the same function (a name or a field
        // path means the same process anywhere in the file), and `pid =
        // Codec.decode_pid(pid)` converts the value rather than talking to it.
        let variable = dest.kind_id() == grammar().kinds.identifier;
        if c.node == send.node
            || (variable && c.ctx.def != send.ctx.def)
            || (variable && rebound_by_clause(file, c.node, dest))
            || crate::rules::test::no_sleep::match_left(file, c).is_some_and(|l| file.text(l) == file.text(dest))
        {
            continue;
        }
        let function = format!("{module}.{}/{}", c.name, c.arity);
        match &mut owner {
            Some(o) if o.module != module => return None,
            Some(o) => {
                if !o.functions.contains(&function) {
                    o.functions.push(function);
                }
            }
            None => owner = Some(Owner { module: module.to_string(), functions: vec![function] }),
        }
    }
    owner
}

/// The warning for a raw send to a process whose module this file already talks to
/// through client functions: name that module, and the client function the message
/// most likely has (named after its tag), rather than a generic "add a client function".
fn owner_advice(file: &File, call: &Call, written: &str, dest_text: &str, owner: &Owner) -> String {
    let Owner { module, functions } = owner;
    let shown: Vec<String> = functions.iter().take(3).map(|f| format!("`{f}`")).collect();
    let uses = match shown.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    let shape = message_arg(call).and_then(|m| message_shape(file, m));
    // `:set_neighbours` → `set_neighbours/2`: the destination plus the tuple's other elements.
    let likely = match shape {
        Some((tag, size)) if tag.len() > 1 && tag[1..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => {
            format!(" (probably `{module}.{}/{}`, named after the message's tag)", &tag[1..], size.max(1))
        }
        _ => String::new(),
    };
    let defined_here = file.modules.iter().any(|m| m.name == *module);
    // `PortalWeb.OIDC` from `PortalWeb.VerificationController`: the project's own code,
    // not a dependency whose maintainers one would ask.
    let top = |m: &str| m.split('.').next().map(str::to_owned);
    let own = file.module(&call.ctx).is_some_and(|m| top(&m.name) == top(module));
    let next = if defined_here || own {
        format!("add a client function for it to `{module}`, beside the ones this file calls, so the message stays private to that module")
    } else {
        format!("go through `{module}`'s own client function for this message{likely}: a module's raw messages are its internals, and a dependency may change them in any release; if `{module}` has none, add one (or ask its maintainers for one)")
    };
    format!("`{written}` sends a raw message to {dest_text}, a `{module}` process (this file also calls {uses} on it); {next}")
}

/// `defp notify(name, true), do: GenServer.call(name, {:warm, who}, :infinity)` next to
/// `defp notify(name, _), do: send(name, {:warm, who})`: the same request to the same
/// destination, sent when the caller asked not to wait. The receiver already answers
/// it as a call; the send is the chosen non-blocking form, and "use a call" is the
/// sibling clause. A clause of the same function must make the call, or, when the
/// send is in a `defp`, any function of the module (its calling twin).
fn non_blocking_twin_of_a_call(file: &File, call: &Call) -> bool {
    let (Some(dest), Some(msg), Some(def)) = (call.arg(0), call.arg(1), file.def(&call.ctx)) else {
        return false;
    };
    if call.name != "send" {
        return false;
    }
    let (dest_text, msg_text) = (file.text(dest), file.text(msg));
    // A private transport helper (`defp do_send(stream, msg)`) beside the module's
    // calling one (`defp call(stream, msg, timeout)`) with the same envelope: the
    // module is the client layer of that process, in its sync and async forms.
    let transport_helper = def.kind == "defp";
    file.defs_of(def.module)
        .filter(|d| transport_helper || (d.name == def.name && d.arity == def.arity))
        .flat_map(|d| file.calls_within(d.node))
        .any(|c| {
            (c.is("GenServer", "call") || c.is(":gen_server", "call") || c.is(":gen_statem", "call"))
                && c.arg(0).is_some_and(|a| file.text(a) == dest_text)
                && c.arg(1).is_some_and(|a| file.text(a) == msg_text)
        })
}

/// `send(pid, {:swarm, :die})` in a module under `Swarm`: a tuple tagged with the
/// snake-cased top namespace of the sending module (the library's name), sent to a
/// pid held in a variable, that no module of this file matches. Libraries use such
/// namespaced messages for the processes their users hand them (found in a registry,
/// say): the receiver is user code, so no client function of it can exist. The tag.
fn library_contract_tag<'s>(file: &File<'s>, call: &Call, dest: Node) -> Option<&'s str> {
    // The cheap tests first: the origin tests below walk the tree.
    if dest.kind_id() != grammar().kinds.identifier {
        return None;
    }
    let (tag, size) = atom_tagged(file, message_arg(call)?)?;
    let library = file.module(&call.ctx)?.name.split('.').next()?;
    if tag.trim_start_matches(':') != snake_case(library) {
        return None;
    }
    // A pid the library was handed as a start option or started itself is a process of
    // the project, whose messages the project-wide checks match.
    if option_key_of_destination(file, call, dest).is_some()
        || child_started_with_self(file, call, dest).is_some()
        || started_from_data(file, call, dest)
    {
        return None;
    }
    let received_here = (0..file.modules.len()).any(|i| {
        received_patterns(file, Some(i as Id))
            .into_iter()
            .any(|p| atom_tagged(file, p) == Some((tag, size)))
    });
    (!received_here).then_some(tag)
}

/// `TeslaMate` → `tesla_mate`, `HTTPClient` → `http_client` (as `Macro.underscore`).
pub(crate) fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase() || prev.is_ascii_digit() || (prev.is_ascii_uppercase() && next_lower) {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// `def` is `init/1`, or a private function of the module that `init/1` calls
/// (directly, or through up to `depth` private helpers).
fn runs_in_init(file: &File, def: &Def, depth: u32) -> bool {
    if def.name == "init" && def.arity == 1 {
        return true;
    }
    if def.kind != "defp" || depth == 0 {
        return false;
    }
    file.calls_named(def.name)
        .filter(|c| c.local && c.module.is_none() && !c.dynamic && c.ctx.module == def.module && c.arity == def.arity)
        .filter_map(|c| file.def(&c.ctx))
        .any(|caller| caller.name != def.name && runs_in_init(file, caller, depth - 1))
}

/// `&1`, `&2`: the argument placeholder of a capture.
fn is_capture_placeholder(file: &File, node: Node) -> bool {
    file.text(node).strip_prefix('&').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// [`capture_over_collection`] whose collection is named for subscribers
/// (`state.clients`, `subscribers`, `listeners`, `watchers`, `observers`): not a list
/// of effects or of table rows, whose elements carry pids for other reasons.
fn capture_over_subscribers(file: &File, placeholder: Node) -> bool {
    let k = &grammar().kinds;
    if !capture_over_collection(file, placeholder) {
        return false;
    }
    let owner = std::iter::successors(file.parent(placeholder), |n| file.parent(*n))
        .filter(|n| n.kind_id() == k.call)
        .nth(1);
    let collection = owner.and_then(|o| file.calls_within(o).find(|c| c.node == o)).and_then(|c| c.arg(0));
    collection.is_some_and(|c| {
        let text = file.text(c).to_lowercase();
        ["subscri", "client", "listener", "watcher", "observer"].iter().any(|w| text.contains(w))
    })
}

/// `Enum.each(listeners, &send(&1, msg))`, `Stream.each(pids, &send(&1, msg))`: the
/// destination is the placeholder of a capture handed to an `Enum`, `Stream` or
/// `:lists` function, so the send goes to each element of a collection in turn.
fn capture_over_collection(file: &File, dest: Node) -> bool {
    let k = &grammar().kinds;
    if !is_capture_placeholder(file, dest) {
        return false;
    }
    // placeholder -> arguments -> send call -> `&` operator -> arguments -> owner call
    let capture = std::iter::successors(file.parent(dest), |n| file.parent(*n))
        .take(4)
        .find(|n| n.kind_id() == k.unary_operator && file.text(*n).starts_with('&'));
    let Some(owner) = capture.and_then(|c| file.parent(c)).filter(|a| a.kind_id() == k.arguments).and_then(|a| file.parent(a)) else {
        return false;
    };
    file.calls_within(owner)
        .any(|c| c.node == owner && matches!(c.module.as_deref(), Some("Enum" | "Stream" | ":lists")))
}

/// `call` runs once per element of a collection (`for`, an `Enum`/`Stream` fn, or the
/// fn of an ETS fold) and `arg` is that element or taken apart from it.
fn loops_over(file: &File, call: &Call, arg: Node) -> bool {
    (call.ctx.in_loop || in_ets_fold(file, call) || in_registry_dispatch(file, call)) && bound_by_loop(file, call, arg)
}

/// `Registry.dispatch(registry, key, fn [{pid, value}] -> send(pid, msg) end)`: the fn
/// takes the entries registered under the key; a unique registry's single entry
/// taken apart in the fn's own pattern is each subscriber as a loop over them is
/// (R44 ecto_job's job notifier).
fn in_registry_dispatch(file: &File, call: &Call) -> bool {
    let Some(f) = call.ctx.func.map(|f| &file.fns[f as usize]) else {
        return false;
    };
    file.calls_named("dispatch")
        .any(|c| c.module.as_deref() == Some("Registry") && matches!(c.arity, 3 | 4) && c.arg(2) == Some(f.node))
}

/// `:ets.foldl(fn {pid, ref}, acc -> ... end, acc0, table)`, also `:ets.foldr` and the
/// fn piped in (`fn ... end |> :ets.foldl(acc0, table)`): the fn `call` is in visits
/// each row of the table, as `Enum.each` visits each element of a list.
fn in_ets_fold(file: &File, call: &Call) -> bool {
    let Some(f) = call.ctx.func.map(|f| &file.fns[f as usize]) else {
        return false;
    };
    file.calls_named_any(&["foldl", "foldr"])
        .into_iter()
        .any(|c| c.module.as_deref() == Some(":ets") && c.arity == 3 && c.arg(0) == Some(f.node))
}

/// `for pid <- subscribers, do: send(pid, msg)`, `Enum.each(pids, fn pid -> send(pid, msg) end)`:
/// the destination is the variable the loop goes through.
fn bound_by_loop(file: &File, call: &Call, dest: Node) -> bool {
    let k = &grammar().kinds;
    if dest.kind_id() != k.identifier {
        return false;
    }
    let names = taken_apart_from(file, call, file.text(dest));
    let binds = |pattern: Node| {
        std::iter::once(pattern)
            .chain(ast::descendants(pattern))
            .any(|n| n.kind_id() == k.identifier && names.contains(&file.text(n)))
    };
    let mut node = call.node;
    while let Some(parent) = file.parent(node) {
        if parent.kind_id() == k.stab_clause
            && file.parent(parent).is_some_and(|f| f.kind_id() == k.anonymous_function)
            && ast::field(parent, grammar().fields.left).is_some_and(binds)
        {
            return true;
        }
        if parent.kind_id() == k.call && file.text(parent).starts_with("for ") {
            // A generator's pattern, or a match among the clauses that follow it
            // (`for name <- names, pid = GenServer.whereis(name), do: send(pid, msg)`):
            // either way the destination changes with each element.
            let per_element = ast::call_arguments(parent).into_iter().flat_map(ast::named_children).any(|clause| {
                (ast::is_binary_op(clause, file.src, "<-") || ast::is_binary_op(clause, file.src, "="))
                    && clause.end_byte() <= call.node.start_byte()
                    && ast::field(clause, grammar().fields.left).is_some_and(binds)
            });
            if per_element {
                return true;
            }
        }
        if parent.kind_id() == k.call && file.text(parent).starts_with("def") {
            break;
        }
        node = parent;
    }
    false
}

/// `name` and the variables it was taken apart from earlier in the enclosing
/// definition: `%Lock{owner: owner} = lock` or `owner = lock.owner` before
/// `send(owner, msg)` adds `lock`, so a loop over `lock` counts for `owner`.
fn taken_apart_from<'s>(file: &File<'s>, call: &Call, name: &'s str) -> Vec<&'s str> {
    let k = &grammar().kinds;
    let mut names = vec![name];
    let mut scope = call.node;
    while let Some(parent) = file.parent(scope) {
        scope = parent;
        if parent.kind_id() == k.call && file.text(parent).starts_with("def") {
            break;
        }
    }
    let matches: Vec<(Node, Node)> = ast::descendants(scope)
        .filter(|n| n.end_byte() <= call.node.start_byte() && ast::is_binary_op(*n, file.src, "="))
        .filter_map(|n| Some((ast::field(n, grammar().fields.left)?, ast::field(n, grammar().fields.right)?)))
        .collect();
    // A chain of such matches is followed, a few steps at most.
    for _ in 0..3 {
        let before = names.len();
        for (left, right) in &matches {
            if !names.iter().any(|v| binds_variable_or_is(file, *left, v)) {
                continue;
            }
            if let Some(root) = root_variable(file, *right).filter(|r| !names.contains(r)) {
                names.push(root);
            }
            // `{pid, _ref} = Map.fetch!(state.writers, key)`: looked up by a key that
            // may be the loop's element, so the pid changes with it.
            let lookup_key = file
                .calls_within(*right)
                .find(|c| c.node == *right && (c.is_any("Map", &["fetch!", "get", "fetch"]) || c.is_any("Keyword", &["fetch!", "get"])))
                .and_then(|c| c.arg(1))
                .filter(|key| key.kind_id() == k.identifier)
                .map(|key| file.text(key));
            if let Some(key) = lookup_key.filter(|key| !names.contains(key)) {
                names.push(key);
            }
        }
        if names.len() == before {
            break;
        }
    }
    names
}

/// In a private helper, `dest` is a parameter that every local caller fills with the
/// element of a loop over subscribers (`for {pid, opts} <- entries, do: notify(pid,
/// msg, opts)`), at least one does, and the others pass a pid that a call or cast
/// request carried, or a struct (which never reaches a send to it as a pid: it is
/// another clause's argument).
fn fed_by_loops(file: &File, call: &Call, dest: Node) -> bool {
    let k = &grammar().kinds;
    let Some(def) = file.def(&call.ctx).filter(|d| d.kind == "defp") else {
        return false;
    };
    if dest.kind_id() != k.identifier {
        return false;
    }
    let var = file.text(dest);
    // The pid itself, or taken apart from the element (`defp send_log({pid, _ref},
    // entry)`, R46 ring_logger's log server).
    let Some(at) = def.params.iter().position(|p| binds_variable_or_is(file, *p, var)) else {
        return false;
    };
    let (mut from_loop, mut all) = (false, true);
    for c in file
        .calls_named(def.name)
        .filter(|c| c.local && c.module.is_none() && c.arity == def.arity && c.ctx.module == def.module)
    {
        let Some(arg) = c.arg(at) else {
            all = false;
            continue;
        };
        // `Enum.each(state.clients, &send_log(&1, entry))`: each element of a collection
        // named for the processes that asked to be told.
        if loops_over(file, c, arg) || capture_over_subscribers(file, arg) {
            from_loop = true;
        } else if !(from_incoming_message(file, c, arg) || from_fsm_event(file, c, arg) || passes_a_struct(file, c, arg)) {
            all = false;
        }
    }
    from_loop && (all || defines_an_envelope(file, def, call))
}

/// `defp notify(pid, ref, event), do: send(pid, {:my_lib_event, self(), ref, event})`:
/// the helper's whole body is this one send of a tuple with a literal atom tag. It is
/// the single place that writes the envelope its subscribers receive, so once one
/// caller feeds it from a loop over subscribers, its other callers (confirming to the
/// one subscriber that just joined) are sending the same notification.
fn defines_an_envelope(file: &File, def: &Def, call: &Call) -> bool {
    let whole_body = def.body.is_some_and(|b| {
        b == call.node || (ast::named_children(b).count() == 1 && ast::named_children(b).next() == Some(call.node))
    });
    whole_body && message_arg(call).and_then(|m| atom_tagged(file, m)).is_some()
}

/// In a module built with the `fsm` library (`use Fsm`), `arg` is a parameter of the
/// enclosing `defevent connect(pid, opts)`: an event is a request the state machine's
/// owner hands it, as a `handle_call/3` request is, so the pid came with it.
fn from_fsm_event(file: &File, call: &Call, arg: Node) -> bool {
    let k = &grammar().kinds;
    if arg.kind_id() != k.identifier || !file.module(&call.ctx).is_some_and(|m| m.uses.iter().any(|(u, _)| *u == "Fsm")) {
        return false;
    }
    let var = file.text(arg);
    let mut node = call.node;
    while let Some(parent) = file.parent(node) {
        if parent.kind_id() == k.call && file.text(parent).starts_with("defevent ") {
            return ast::call_arguments(parent)
                .and_then(|args| ast::named_children(args).next())
                .filter(|head| head.kind_id() == k.call)
                .and_then(ast::call_arguments)
                .is_some_and(|params| ast::named_children(params).any(|p| binds_variable_or_is(file, p, var)));
        }
        node = parent;
    }
    false
}

/// `arg` is a struct literal, or a variable last bound to one (`data = %State{data |
/// ...}`) before `call` in the enclosing definition.
fn passes_a_struct(file: &File, call: &Call, arg: Node) -> bool {
    let k = &grammar().kinds;
    let is_struct = |n: Node| n.kind_id() == k.map && file.text(n).starts_with('%') && !file.text(n).starts_with("%{");
    if is_struct(arg) {
        return true;
    }
    if arg.kind_id() != k.identifier {
        return false;
    }
    let var = file.text(arg);
    let mut scope = call.node;
    while let Some(parent) = file.parent(scope) {
        scope = parent;
        if parent.kind_id() == k.call && file.text(parent).starts_with("def") {
            break;
        }
    }
    ast::descendants(scope)
        .filter(|n| n.end_byte() <= call.node.start_byte() && ast::is_binary_op(*n, file.src, "="))
        .filter(|n| ast::field(*n, grammar().fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == var))
        .last()
        .and_then(|n| ast::field(n, grammar().fields.right))
        .is_some_and(is_struct)
}

/// `send(server, {:lookup, key, ref, self()})` and then, in the same function, a
/// `receive` that pins `^ref`: a request/reply written by hand to a process that is
/// not a GenServer (a `receive` loop, a port owner). It is already a call.
fn awaits_tagged_reply(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let (Some(msg), Some(def)) = (message_arg(call), call.ctx.def) else {
        return false;
    };
    let mut tags: Vec<&str> = ast::descendants(msg)
        .filter(|n| n.kind_id() == k.identifier)
        .map(|n| file.text(n))
        .collect();
    if tags.is_empty() {
        return false;
    }
    // `from = {self(), ref}` earlier in the function and `from` in the message: the
    // request carries `ref` too.
    if let Some(body) = file.def(&call.ctx).and_then(|d| d.body) {
        let bound_parts: Vec<&str> = ast::descendants(body)
            .filter(|n| n.end_byte() <= call.node.start_byte() && ast::is_binary_op(*n, file.src, "="))
            .filter(|n| {
                ast::field(*n, grammar().fields.left)
                    .is_some_and(|l| l.kind_id() == k.identifier && tags.contains(&file.text(l)))
            })
            .filter_map(|n| ast::field(n, grammar().fields.right))
            .flat_map(ast::descendants)
            .filter(|n| n.kind_id() == k.identifier)
            .map(|n| file.text(n))
            .collect();
        tags.extend(bound_parts);
    }
    if awaits_pinned(file, def, call.node.end_byte(), &tags) {
        return true;
    }
    awaited_by_callers(file, call, &tags)
}

/// A `receive` of `def` after `after` that pins one of `tags`.
fn awaits_pinned(file: &File, def: Id, after: usize, tags: &[&str]) -> bool {
    let k = &grammar().kinds;
    file.calls_named("receive").any(|r| {
        r.ctx.def == Some(def)
            && r.node.start_byte() > after
            && r.do_block.is_some_and(|b| {
                ast::descendants(b).any(|n| {
                    n.kind_id() == k.unary_operator
                        && ast::operator(n, file.src) == "^"
                        && n.named_child(0)
                            .is_some_and(|v| tags.contains(&file.text(v)))
                })
            })
    })
}

/// A private helper that builds the request around a `ref` parameter
/// (`defp request(pid, ref), do: send(pid, {:get, {self(), ref}})`), every caller of
/// which passes its own variable and then `receive`s on `^ref`: the request/reply
/// is written by hand one call level up.
fn awaited_by_callers(file: &File, call: &Call, tags: &[&str]) -> bool {
    let Some(def) = file.def(&call.ctx).filter(|d| d.kind == "defp") else {
        return false;
    };
    let positions: Vec<usize> = def
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind_id() == grammar().kinds.identifier && tags.contains(&file.text(**p)))
        .map(|(i, _)| i)
        .collect();
    if positions.is_empty() {
        return false;
    }
    let mut callers = file
        .calls_named(def.name)
        .filter(|c| c.local && c.module.is_none() && c.arity == def.arity && c.ctx.module == def.module)
        .peekable();
    callers.peek().is_some()
        && callers.all(|c| {
            let passed: Vec<&str> = positions
                .iter()
                .filter_map(|i| c.arg(*i))
                .filter(|a| a.kind_id() == grammar().kinds.identifier)
                .map(|a| file.text(a))
                .collect();
            c.ctx.def.is_some_and(|d| !passed.is_empty() && awaits_pinned(file, d, c.node.end_byte(), &passed))
        })
}

/// `send(socket.transport_pid, {:socket_close, self(), reason})`: Phoenix documents
/// the messages between a channel and its socket transport as plain messages (the
/// transport is not a GenServer, so there is no client function to call).
fn is_transport(file: &File, dest: Node) -> bool {
    let k = &grammar().kinds;
    let name = if dest.kind_id() == k.identifier {
        Some(file.text(dest))
    } else {
        ast::field_access(dest, file.src)
    };
    name == Some("transport_pid")
}

/// The Erlang I/O protocol (`{:io_request, from, reply_as, request}` to a group
/// leader or device, `{:io_reply, reply_as, reply}` back) is raw messages by
/// design: there is no client API to hide it behind. So are the messages of OTP's
/// and GenStage's own protocols, tagged `:"$gen_call"`, `:"$gen_cast"`,
/// `:"$gen_consumer"`, `:"$gen_producer"` (any `:"$gen_*"`): written by hand where
/// the library has no client function for them (a producer cancelling a consumer).
fn speaks_io_protocol(file: &File, call: &Call, dest: Option<Node>) -> bool {
    if dest.is_some_and(|d| is_group_leader(file, d)) {
        return true;
    }
    let Some(msg) = message_arg(call) else {
        return false;
    };
    let is_io_tuple = |n: Node| {
        n.kind_id() == grammar().kinds.tuple
            && n.named_child(0).is_some_and(|t| {
                ast::atom_name(t, file.src).is_some_and(|tag| {
                    matches!(tag, "io_request" | "io_reply" | "file_request" | "file_reply") || tag.starts_with("$gen_")
                })
            })
    };
    if is_io_tuple(msg) || is_port_command(file, msg) {
        return true;
    }
    // `{:io_request, _, _, _} = msg -> send(device, msg)`
    msg.kind_id() == grammar().kinds.identifier
        && file.def(&call.ctx).is_some_and(|def| {
            let var = file.text(msg);
            ast::descendants(def.node).any(|n| {
                ast::is_binary_op(n, file.src, "=")
                    && [grammar().fields.left, grammar().fields.right]
                        .map(|side| ast::field(n, side))
                        .iter()
                        .flatten()
                        .any(|side| is_io_tuple(*side))
                    && [grammar().fields.left, grammar().fields.right]
                        .map(|side| ast::field(n, side))
                        .iter()
                        .flatten()
                        .any(|side| file.text(*side) == var)
            })
        })
}

/// `{self(), {:command, data}}`, `{self(), :close}`, `{self(), {:connect, pid}}`: the
/// messages a port takes from its owner (erlang:open_port/2 documents them). Only a
/// port reads this shape, so the destination is a port, not a process with an API.
fn is_port_command(file: &File, msg: Node) -> bool {
    let k = &grammar().kinds;
    let items: Vec<Node> = if msg.kind_id() == k.tuple {
        ast::named_children(msg).collect()
    } else {
        return false;
    };
    let [owner, request] = items.as_slice() else {
        return false;
    };
    let by_self = owner.kind_id() == k.call && file.text(*owner) == "self()";
    let request_tag = if request.kind_id() == k.tuple {
        let parts: Vec<Node> = ast::named_children(*request).collect();
        (parts.len() == 2)
            .then(|| ast::atom_name(parts[0], file.src))
            .flatten()
            .filter(|t| matches!(*t, "command" | "connect"))
    } else {
        ast::atom_name(*request, file.src).filter(|t| *t == "close")
    };
    by_self && request_tag.is_some()
}

/// `{:plug_conn, :sent}` (written out or through a module attribute): the notice
/// Plug's adapter contract has the adapter send to the connection's owner once the
/// response is out. `Plug.Conn` sends it itself when its adapter call returns, and
/// test adapters do too: whoever sends it follows Plug's protocol, whose receivers
/// (`Plug.ErrorHandler`, `Plug.Test`) take it in a plain `receive`.
fn plug_adapter_sent_notice(file: &File, call: &Call) -> bool {
    let Some(mut msg) = message_arg(call) else {
        return false;
    };
    let in_module = |attr: &&(&str, Node, Ctx)| attr.2.module == call.ctx.module;
    if let Some(name) = file.text(msg).strip_prefix('@') {
        match file.attributes.iter().filter(in_module).find(|a| a.0 == name) {
            Some(attr) => msg = attr.1,
            None => return false,
        }
    }
    msg.kind_id() == grammar().kinds.tuple
        && ast::named_children(msg).map(|n| file.text(n)).eq([":plug_conn", ":sent"])
}

/// `Process.group_leader()` or `:erlang.group_leader()` itself.
fn is_group_leader(file: &File, dest: Node) -> bool {
    dest.kind_id() == grammar().kinds.call
        && matches!(
            file.text(dest),
            "Process.group_leader()" | ":erlang.group_leader()"
        )
}

/// The message argument of a send form.
fn message_arg<'t>(call: &Call<'t>) -> Option<Node<'t>> {
    match (call.module.as_deref(), call.name) {
        (Some(":erlang"), "send_after") => call.arg(2),
        _ => call.arg(1),
    }
}

/// In a telemetry handler (`handle_event/4`, or a function or fn this file attaches
/// with `:telemetry.attach*`), is `dest` taken from the handler config, the fourth
/// parameter? Forwarding events to the process that attached the handler is how
/// telemetry notifies subscribers.
fn from_telemetry_config(file: &File, call: &Call, dest: Node) -> bool {
    let config = if let Some(f) = call.ctx.func.map(|f| &file.fns[f as usize]) {
        let attached = f
            .called_by
            .is_some_and(|c| is_telemetry_attach(file.call(c)));
        if !attached {
            return false;
        }
        fn_params(f.node).nth(3)
    } else {
        let Some(def) = file.def(&call.ctx) else {
            return false;
        };
        if def.arity != 4 || !is_telemetry_handler(file, call, def) {
            return false;
        }
        def.params.get(3).copied()
    };
    let Some(config) = config else { return false };
    let bound: Vec<&str> = ast::descendants(config)
        .chain(std::iter::once(config))
        .filter(|n| n.kind_id() == grammar().kinds.identifier)
        .map(|n| file.text(n))
        .filter(|t| !t.starts_with('_'))
        .collect();
    root_variable(file, dest).is_some_and(|v| bound.contains(&v))
}

/// In `init/1`, is `dest` (or the variable it is read from, `opts[:owner]`) bound by
/// the argument the process was started with? `init(subscriber)` confirming
/// `send(subscriber, {:subscribed, self()})`: the process exists for that pid, which
/// asked for the notice by starting it.
/// The pid may travel on from there: through the `{:continue, term}` that `init/1`
/// returns into the `handle_continue/2` clause that takes the term apart
/// (`{:continue, {:init, arg, caller}}` and `handle_continue({:init, arg, caller}, s)`),
/// and into a private helper of the module whose every caller passes it
/// (`defp with_log(caller, step, fun)`, also from a `fn` in that helper).
fn from_init_argument(file: &File, call: &Call, dest: Node) -> bool {
    let (Some(def), Some(var)) = (file.def(&call.ctx), root_variable(file, dest)) else {
        return false;
    };
    // A `fn` around the send that binds the name itself takes it from elsewhere.
    let shadowed = call
        .ctx
        .func
        .map(|f| &file.fns[f as usize])
        .is_some_and(|f| fn_params(f.node).any(|p| binds_variable_or_is(file, p, var)));
    !var.starts_with('_') && !shadowed && starter_pid(file, def, var, 2)
}

/// Is `var`, in `def`, the `init/1` argument or taken from it, directly or through a
/// continue term or (up to `depth`) private helper parameters? See
/// [`from_init_argument`].
fn starter_pid(file: &File, def: &Def, var: &str, depth: u32) -> bool {
    let Some(param) = def.params.first().copied() else {
        return false;
    };
    if def.name == "init" && def.arity == 1 {
        return binds_variable_or_is(file, param, var);
    }
    if def.name == "handle_continue" && def.arity == 2 {
        return file.tuples_tagged("continue").any(|(_, tuple, ctx)| {
            let Some(init) = file.def(ctx).filter(|d| d.name == "init" && d.arity == 1 && d.module == def.module) else {
                return false;
            };
            let term = tuple.named_child(1).filter(|_| tuple.named_child_count() == 2);
            term.and_then(|t| same_place(file, param, t, var))
                .is_some_and(|v| init.params.first().is_some_and(|a| binds_variable_or_is(file, *a, v)))
        });
    }
    if def.kind != "defp" || depth == 0 {
        return false;
    }
    // The parameter is the variable, or a pattern that takes it out of what the caller
    // passes (`defp do_init(%{pipeline: pipeline})`, called as `do_init(options)`).
    let Some(at) = def.params.iter().position(|p| binds_variable_or_is(file, *p, var)) else {
        return false;
    };
    let mut callers = file
        .calls_named(def.name)
        .filter(|c| c.local && c.module.is_none() && !c.dynamic && c.ctx.module == def.module && c.arity == def.arity)
        .peekable();
    callers.peek().is_some()
        && callers.all(|c| {
            let passed = c.arg(at).filter(|a| a.kind_id() == grammar().kinds.identifier).map(|a| file.text(a));
            match (passed, file.def(&c.ctx)) {
                (Some(v), Some(caller)) => caller.node != def.node && starter_pid(file, caller, v, depth - 1),
                _ => false,
            }
        })
}

/// The variable that `term` holds where `pattern` binds `var`, when the two have the
/// same shape on the way there (same kind and size, equal literal atoms): `caller` for
/// the pattern `{:init, runtime, pid}` against the term `{:init, runtime, caller}`.
fn same_place<'s>(file: &File<'s>, pattern: Node, term: Node, var: &str) -> Option<&'s str> {
    let k = &grammar().kinds;
    if pattern.kind_id() == k.identifier {
        return (file.text(pattern) == var && term.kind_id() == k.identifier).then(|| file.text(term));
    }
    if !(pattern.kind_id() == term.kind_id() && [k.tuple, k.list].contains(&pattern.kind_id()))
        || pattern.named_child_count() != term.named_child_count()
    {
        return None;
    }
    let pairs: Vec<(Node, Node)> = ast::named_children(pattern).zip(ast::named_children(term)).collect();
    let atoms_agree = pairs.iter().all(|(p, t)| {
        let (pa, ta) = (ast::atom_name(*p, file.src), ast::atom_name(*t, file.src));
        pa.is_none() && ta.is_none() || pa == ta
    });
    if !atoms_agree {
        return None;
    }
    pairs.into_iter().find_map(|(p, t)| same_place(file, p, t, var))
}

/// `send(memory.parent, msg)` or `send(parent, msg)` after a head `%{parent: parent}`,
/// where a function of this file builds the struct with `parent: self()`: the pid of
/// whoever created it, which asked to be told. `self_fields` are the keys the file pairs
/// with `self()` (see [`self_filled_keys`]). Returns the field's name.
fn creator_field<'s>(file: &File<'s>, self_fields: &HashSet<&str>, call: &Call, dest: Node) -> Option<&'s str> {
    destination_field(file, call, dest).filter(|field| self_fields.contains(field))
}

/// Every key the file pairs with `self()` (`owner: self()` in a struct, map or keyword
/// list), gathered once per file rather than once per send.
fn self_filled_keys<'s>(file: &File<'s>) -> HashSet<&'s str> {
    let g = grammar();
    file.nodes_within(g.kinds.pair, file.tree.root_node())
        .filter(|pair| ast::field(*pair, g.fields.value).is_some_and(|v| ast::is_self_call(v, file.src)))
        .filter_map(|pair| ast::field(pair, g.fields.key))
        .map(|k| ast::keyword_name(k, file.src))
        .collect()
}

/// `send(test_pid, event)`, `send(state.test_pid, event)`, `send(context[:test_pid], ...)`
/// in a file that reads a `:test_pid` option: a hook a test sets to observe the process
/// (the option's name says so, however the pid travels: an `if` binding, a struct
/// `start_link` builds, an acknowledger tuple). Returns the option's name.
fn test_observer_option<'s>(file: &File<'s>, dest: Node) -> Option<&'s str> {
    let k = &grammar().kinds;
    // `send(test_process(), event)`: a function of the file named for the test
    // process, which looks it up (`Application.get_env(:mailer, :test_process) ||
    // self()`), as a test adapter does (R32 bamboo).
    if let Some(name) = (dest.kind_id() == k.call).then(|| ast::local_call_name(dest, file.src)).flatten() {
        let words: Vec<&str> = name.split('_').collect();
        let named = words.contains(&"test") && matches!(words.last(), Some(&("pid" | "process")));
        let no_args = crate::syntax::call_arguments(dest).is_none_or(|a| a.named_child_count() == 0);
        return (named && no_args && file.defs.iter().any(|d| d.name == name && d.arity == 0)).then_some(name);
    }
    let name = if dest.kind_id() == k.identifier {
        file.text(dest)
    } else if dest.kind_id() == k.access_call {
        dest.named_child(1).and_then(|key| ast::atom_name(key, file.src))?
    } else {
        ast::field_access(dest, file.src)?
    };
    let names_test_process = |name: &str| {
        let words: Vec<&str> = name.split('_').collect();
        words.contains(&"test") && matches!(words.last(), Some(&("pid" | "process")))
    };
    // `notify = String.to_existing_atom(test_process)`: a name resolved from one.
    let name = if names_test_process(name) || dest.kind_id() != k.identifier {
        name
    } else {
        let def = file.def_around(dest.start_byte())?;
        ast::descendants(def.node)
            .filter(|n| n.end_byte() <= dest.start_byte() && ast::is_binary_op(*n, file.src, "="))
            .filter(|n| ast::field(*n, grammar().fields.left).is_some_and(|l| file.text(l) == name))
            .filter_map(|n| ast::field(n, grammar().fields.right))
            .flat_map(|r| ast::descendants(r).chain([r]))
            .find(|n| n.kind_id() == k.identifier && names_test_process(file.text(*n)))
            .map(|n| file.text(n))?
    };
    // The option is read or passed on by name somewhere in the file (also as a
    // request parameter, `params["test_process"]`).
    let option_named = |at: usize| {
        let before = file.src[..at].chars().next_back();
        let after = file.src[at + name.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(after) && (before == Some(':') || after == Some(':') && !word(before) || before == Some('"') && after == Some('"'))
    };
    (names_test_process(name) && file.src.match_indices(name).any(|(at, _)| option_named(at))).then_some(name)
}

/// `send(state.report_to, event)`, or `send(pid, event)` in a clause whose head took
/// `%{report_to: pid}` apart: a state field that this module's `init/1` set from its
/// argument (`report_to: opts[:report_to]`, `Keyword.get(opts, :report_to)`, or a
/// variable bound from one of those in `init/1`). The process was started to report
/// to that pid. Returns the field's name.
fn state_field_from_init_argument<'s>(file: &File<'s>, call: &Call, dest: Node) -> Option<&'s str> {
    let field = destination_field(file, call, dest)?;
    init_sets_field_from_argument(file, call.ctx.module, field).then_some(field)
}

/// `defp notify(dst, msg), do: send(dst, {:dtls_transport, self(), msg})`, where every
/// call in the module passes `state.owner`, a field [`state_field_from_init_argument`]
/// would accept (R47 ex_webrtc's DTLS transport telling the peer connection that
/// started it).
fn helper_sends_to_init_field(file: &File, call: &Call, dest: Node) -> bool {
    let g = grammar();
    let Some(def) = file.def(&call.ctx).filter(|d| d.kind == "defp" && dest.kind_id() == g.kinds.identifier) else {
        return false;
    };
    let var = file.text(dest);
    let Some(index) = def.params.iter().position(|p| p.kind_id() == g.kinds.identifier && file.text(*p) == var) else {
        return false;
    };
    let mut fields = file
        .calls_named(def.name)
        .filter(|c| c.local && c.module.is_none() && c.ctx.module == def.module && c.arity == def.arity)
        .map(|c| c.arg(index).and_then(|a| ast::field_access(a, file.src)));
    let Some(Some(first)) = fields.next() else {
        return false;
    };
    fields.all(|f| f == Some(first)) && init_sets_field_from_argument(file, call.ctx.module, first)
}

/// Does the module's `init/1` set `field` of its state from its argument (`owner:
/// owner` with `init([..., owner])`, `opts[:observer]`, `Keyword.get(opts, :observer)`)?
fn init_sets_field_from_argument(file: &File, module: Option<Id>, field: &str) -> bool {
    let k = &grammar().kinds;
    let g = grammar();
    let Some(init) = file.defs_named("init").find(|d| d.module == module && d.arity == 1 && d.body.is_some()) else {
        return false;
    };
    let Some(&arg) = init.params.first() else {
        return false;
    };
    // The argument itself, or one option of it: `observer`, `opts[:observer]`,
    // `Keyword.get(opts, :observer)`. A deeper path (`socket.assigns.audit_pid`) is
    // something the argument holds, not a pid the starter named.
    let from_arg = |value: Node| {
        let base = if value.kind_id() == k.identifier {
            Some(value)
        } else if value.kind_id() == k.access_call {
            value.named_child(0).filter(|b| b.kind_id() == k.identifier)
        } else {
            file.calls_within(value)
                .find(|c| c.node == value)
                .filter(|c| matches!(c.module.as_deref(), Some("Keyword" | "Map")) && matches!(c.name, "get" | "fetch!"))
                .and_then(|c| c.arg(0))
                .filter(|b| b.kind_id() == k.identifier)
        };
        base.map(|b| file.text(b))
            .is_some_and(|v| !v.starts_with('_') && binds_variable_or_is(file, arg, v))
    };
    let Some(body) = init.body else {
        return false;
    };
    file.nodes_within(k.pair, body).any(|pair| {
        let (Some(key), Some(value)) = (ast::field(pair, g.fields.key), ast::field(pair, g.fields.value)) else {
            return false;
        };
        if ast::keyword_name(key, file.src) != field {
            return false;
        }
        if from_arg(value) {
            return true;
        }
        // `report_to = opts[:report_to]` earlier in `init/1`, then `report_to: report_to`.
        value.kind_id() == k.identifier
            && file.nodes_within(k.binary_operator, body)
                .filter(|n| n.end_byte() <= pair.start_byte() && ast::is_binary_op(*n, file.src, "="))
                .filter(|n| ast::field(*n, g.fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == file.text(value)))
                .last()
                .and_then(|n| ast::field(n, g.fields.right))
                .is_some_and(from_arg)
    })
}

/// `def start_link(parent, url), do: WebSockex.start_link(url, __MODULE__, %{parent:
/// parent})`: a behaviour that takes its state as it is started (WebSockex, a
/// `:gen_statem` built in place) keeps the start function's first parameter, which
/// the starter fills with `self()` (R44 blockscout's proxy client, forwarding frames
/// to the cowboy handler that started it).
fn state_field_from_start_parameter(file: &File, call: &Call, dest: Node) -> bool {
    let g = grammar();
    let Some(field) = destination_field(file, call, dest) else {
        return false;
    };
    file.defs_of(call.ctx.module).filter(|d| d.kind == "def" && matches!(d.name, "start_link" | "start")).any(|d| {
        let Some(param) = d.params.first().filter(|p| p.kind_id() == g.kinds.identifier) else {
            return false;
        };
        file.nodes_within(g.kinds.pair, d.node).any(|pair| {
            ast::field(pair, g.fields.key).is_some_and(|k| ast::keyword_name(k, file.src) == field)
                && ast::field(pair, g.fields.value).is_some_and(|v| file.text(v) == file.text(*param))
        })
    })
}

/// The state field a destination reads: `state.report_to`, or `pid` bound by a
/// `report_to: pid` pair in the clause head or in a match earlier in the function.
fn destination_field<'s>(file: &File<'s>, call: &Call, dest: Node) -> Option<&'s str> {
    let k = &grammar().kinds;
    let g = grammar();
    if let Some(field) = ast::field_access(dest, file.src) {
        Some(field)
    } else if dest.kind_id() == k.identifier {
        let var = file.text(dest);
        let def = file.def(&call.ctx)?;
        let matched_before = def
            .body
            .into_iter()
            .flat_map(|b| file.nodes_within(grammar().kinds.binary_operator, b))
            .filter(|n| n.end_byte() <= call.node.start_byte() && ast::is_binary_op(*n, file.src, "="))
            .filter_map(|n| ast::field(n, g.fields.left));
        let patterns: Vec<Node> = def.params.iter().copied().chain(matched_before).collect();
        patterns
            .iter()
            .flat_map(|p| std::iter::once(*p).chain(ast::descendants(*p)))
            .filter(|n| n.kind_id() == k.pair)
            .find_map(|pair| {
                let value = ast::field(pair, g.fields.value)?;
                (value.kind_id() == k.identifier && file.text(value) == var)
                    .then(|| ast::keyword_name(ast::field(pair, g.fields.key).unwrap_or(pair), file.src))
            })
    } else {
        None
    }
}

/// `binds_variable`, counting `pattern` itself when it is the variable.
fn binds_variable_or_is(file: &File, pattern: Node, var: &str) -> bool {
    (pattern.kind_id() == grammar().kinds.identifier && file.text(pattern) == var) || binds_variable(file, pattern, var)
}

fn is_telemetry_attach(call: &Call) -> bool {
    call.is_any(":telemetry", &["attach", "attach_many"])
}

/// A def is a telemetry handler when this file attaches it (`&handle/4`,
/// `&__MODULE__.handle/4`), or when it is a `handle_event/4` outside a
/// `:gen_statem` module (whose `handle_event/4` is a state callback).
pub(crate) fn is_telemetry_handler(file: &File, call: &Call, def: &Def) -> bool {
    let attached_here = file
        .calls
        .iter()
        .filter(|c| is_telemetry_attach(c))
        .filter_map(|c| c.arg(2))
        .any(|handler| {
            let text = file.text(handler);
            text.starts_with('&') && text.ends_with(&format!("{}/4", def.name))
        });
    if attached_here {
        return true;
    }
    let state_machine = file
        .module(&call.ctx)
        .is_some_and(|m| m.uses.iter().any(|(u, _)| u.contains("GenStateMachine")))
        || file.src.contains(":gen_statem");
    def.name == "handle_event" && !state_machine
}

/// Parameters of a one-clause `fn`.
fn fn_params<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    let k = &grammar().kinds;
    ast::named_children(node)
        .find(|c| c.kind_id() == k.stab_clause)
        .and_then(|clause| ast::field(clause, grammar().fields.left))
        .into_iter()
        .flat_map(ast::named_children)
}

/// The variable an expression starts from: `pid`, `config.pid`, `config[:pid]`,
/// `state.owner`.
fn root_variable<'s>(file: &File<'s>, node: Node) -> Option<&'s str> {
    let k = &grammar().kinds;
    let mut n = node;
    loop {
        if n.kind_id() == k.identifier {
            return Some(file.text(n));
        }
        // `config.pid` is a call on a dot; `resolve(pid)` is a function call.
        let field_access = n.kind_id() == k.call
            && n.named_child(0).is_some_and(|c| c.kind_id() == k.dot)
            && ast::call_arguments(n).is_none();
        if !(field_access || n.kind_id() == k.dot || n.kind_id() == k.access_call) {
            return None;
        }
        n = n.named_child(0)?;
    }
}

/// Which argument is the destination, for the send forms this rule knows.
pub(crate) fn destination_index(call: &Call) -> Option<usize> {
    match (call.module.as_deref(), call.name, call.arity) {
        (Some("Kernel"), "send", 2) => Some(0),
        (Some("Process"), "send", 3) => Some(0),
        (Some("Process"), "send_after", 3 | 4) => Some(0),
        (Some(":erlang"), "send" | "send_nosuspend", 2 | 3) => Some(0),
        (Some(":erlang"), "!", 2) => Some(0),
        (Some(":erlang"), "send_after", 3 | 4) => Some(1),
        _ => None,
    }
}

/// `self()`, or a variable bound from `self()`/`Process.alias()` earlier in the function.
pub(crate) fn is_own_process(file: &File, call: &Call, dest: Node) -> bool {
    if ast::is_self_call(dest, file.src) {
        return true;
    }
    if dest.kind_id() != grammar().kinds.identifier {
        return false;
    }
    let var = file.text(dest);
    file.bound_from_self(&call.ctx, var, call.node.start_byte())
        || bound_from_alias(file, call, var)
}

/// `send(adapter.owner_pid, msg)` after the function checked that destination to be
/// `self()`: a guard of its clause (`when owner == self()`), or an earlier call of a
/// private helper of the module (`validate_owner!(adapter)`) whose clauses each either
/// match only when it is `self()` or raise. Past that check the send goes to the
/// current process.
fn validated_as_self(file: &File, call: &Call, dest: Node) -> bool {
    let Some(def) = file.def(&call.ctx) else {
        return false;
    };
    let dest_text = file.text(dest);
    if def.guard.is_some_and(|g| compares_with_self(file, g, &[dest_text.to_string()], &["==", "==="])) {
        return true;
    }
    let Some(body) = def.body else {
        return false;
    };
    if checked_before(file, body, call.node.start_byte(), &[dest_text.to_string()]) {
        return true;
    }
    // `adapter.owner_pid`: a helper given `adapter` checks its `owner_pid` field.
    let field = ast::field_access(dest, file.src)
        .zip(root_variable(file, dest))
        .filter(|(field, root)| dest_text == format!("{root}.{field}"));
    file.calls_within(body)
        .filter(|c| c.node.end_byte() <= call.node.start_byte() && c.local && c.ctx.def == call.ctx.def)
        .any(|c| {
            (0..c.arity).filter_map(|i| Some((i, c.arg(i)?))).any(|(i, arg)| {
                let arg = file.text(arg);
                if arg == dest_text {
                    helper_checks_self(file, c, i, None)
                } else {
                    field.is_some_and(|(field, root)| root == arg && helper_checks_self(file, c, i, Some(field)))
                }
            })
        })
}

/// Every clause of the private helper `c` calls either matches only when its `at`
/// argument (or that argument's `field`) is `self()`, by a guard or by a raising
/// `if`/`unless` in its body, or raises; and one clause does check.
fn helper_checks_self(file: &File, c: &Call, at: usize, field: Option<&str>) -> bool {
    let clauses: Vec<&Def> = file
        .defs_named(c.name)
        .filter(|d| d.module == c.ctx.module && d.kind == "defp" && d.arity == c.arity)
        .collect();
    let mut checks = false;
    let all = clauses.iter().all(|d| {
        let Some(param) = d.params.get(at) else {
            return false;
        };
        let names = checked_names(file, *param, field);
        let in_guard = d.guard.is_some_and(|g| compares_with_self(file, g, &names, &["==", "==="]));
        let in_body = d.body.is_some_and(|b| checked_before(file, b, b.end_byte(), &names));
        if in_guard || in_body {
            checks = true;
            return true;
        }
        d.body.is_some_and(|b| raises(file, b))
    });
    checks && all
}

/// How a helper's parameter `param` names the value its caller passed (or that
/// value's `field`): `owner` in `%{owner_pid: owner}`, `adapter.owner_pid` for a
/// plain `adapter`.
fn checked_names(file: &File, param: Node, field: Option<&str>) -> Vec<String> {
    let g = grammar();
    let k = &g.kinds;
    let whole: Vec<Node> = if ast::is_binary_op(param, file.src, "=") {
        [g.fields.left, g.fields.right].iter().filter_map(|f| ast::field(param, *f)).collect()
    } else {
        vec![param]
    };
    let vars = whole.iter().filter(|n| n.kind_id() == k.identifier).map(|n| file.text(*n));
    let Some(field) = field else {
        return vars.map(str::to_string).collect();
    };
    let mut names: Vec<String> = vars.map(|v| format!("{v}.{field}")).collect();
    names.extend(
        file.nodes_within(k.pair, param)
            .filter(|pair| ast::field(*pair, g.fields.key).is_some_and(|key| ast::keyword_name(key, file.src) == field))
            .filter_map(|pair| ast::field(pair, g.fields.value))
            .filter(|v| v.kind_id() == k.identifier)
            .map(|v| file.text(v).to_string()),
    );
    names
}

/// Does `node` hold a comparison (`op`) of one of `names` with `self()`?
fn compares_with_self(file: &File, node: Node, names: &[String], ops: &[&str]) -> bool {
    let g = grammar();
    std::iter::once(node).chain(ast::descendants(node)).any(|n| {
        ops.iter().any(|op| ast::is_binary_op(n, file.src, op)) && {
            let sides = [g.fields.left, g.fields.right].map(|f| ast::field(n, f));
            let [Some(left), Some(right)] = sides else {
                return false;
            };
            let named = |s: Node| names.iter().any(|name| file.text(s) == name);
            (ast::is_self_call(left, file.src) && named(right)) || (ast::is_self_call(right, file.src) && named(left))
        }
    })
}

/// An `if x != self()` or `unless x == self()` in `body`, before `before`, that raises:
/// past it, `x` is the current process.
fn checked_before(file: &File, body: Node, before: usize, names: &[String]) -> bool {
    file.calls_within(body)
        .filter(|c| c.local && c.node.end_byte() <= before)
        .any(|c| {
            let ops: &[&str] = match c.name {
                "if" => &["!=", "!=="],
                "unless" => &["==", "==="],
                _ => return false,
            };
            c.arg(0).is_some_and(|cond| compares_with_self(file, cond, names, ops)) && raises_in(file, c.node)
        })
}

/// `body` is, or starts with, a `raise`/`exit`/`throw` (`do: raise("...")`).
fn raises(file: &File, body: Node) -> bool {
    let first = if body.kind_id() == grammar().kinds.do_block {
        ast::statements(body).next()
    } else {
        Some(body)
    };
    first.is_some_and(|s| file.calls_within(s).any(|c| c.node == s && is_raise(c)))
}

/// Some `raise`/`exit`/`throw` inside `node`.
fn raises_in(file: &File, node: Node) -> bool {
    file.calls_within(node).any(is_raise)
}

fn is_raise(c: &Call) -> bool {
    c.local && matches!(c.name, "raise" | "reraise" | "exit" | "throw")
}

fn bound_from_alias(file: &File, call: &Call, var: &str) -> bool {
    let Some(scope) = file.def(&call.ctx).map(|d| d.node) else {
        return false;
    };
    file.calls_within(scope)
        .filter(|c| c.node.start_byte() < call.node.start_byte() && c.is("Process", "alias"))
        .any(|c| {
            c.parent.is_some_and(|p| {
                ast::is_binary_op(p, file.src, "=")
                    && ast::field(p, grammar().fields.left).is_some_and(|l| file.text(l) == var)
            })
        })
}

/// `send(alias_ref, {alias_ref, reply})`: OTP's reply format `{tag, reply}` where the
/// tag is the destination itself, which only makes sense for a process alias (or a
/// reference-tagged `from`): the reply half of a hand-written call, what
/// `GenServer.reply/2` does. The client waits on `{^alias_ref, _}`; no client function
/// of a receiving module can replace it. The destination has to be known as an alias:
/// bound in the function from `Process.alias()`, `Process.monitor(pid, alias: ...)` or
/// `make_ref()`, or named so (`from`, `*alias*`, `*ref*`). `send(pid, {pid, :hello})`
/// stays reported.
fn replies_to_alias(file: &File, call: &Call, dest: Node) -> bool {
    let k = &grammar().kinds;
    let Some(msg) = message_arg(call).filter(|m| m.kind_id() == k.tuple && m.named_child_count() == 2) else {
        return false;
    };
    if dest.kind_id() != k.identifier || msg.named_child(0).is_none_or(|first| file.text(first) != file.text(dest)) {
        return false;
    }
    let var = file.text(dest);
    let name = var.trim_start_matches('_');
    let named_as_alias = name == "from" || name.contains("alias") || name.split('_').any(|w| w == "ref");
    named_as_alias || bound_from_alias(file, call, var) || bound_from_alias_source(file, call, var)
}

/// `var = Process.monitor(pid, alias: ...)` or `var = make_ref()` earlier in the function.
fn bound_from_alias_source(file: &File, call: &Call, var: &str) -> bool {
    let Some(scope) = file.def(&call.ctx).map(|d| d.node) else {
        return false;
    };
    file.calls_within(scope)
        .filter(|c| c.node.start_byte() < call.node.start_byte())
        .filter(|c| c.is("Kernel", "make_ref") || (c.is("Process", "monitor") && c.arity == 2 && c.arg(1).is_some_and(|o| file.text(o).contains("alias:"))))
        .any(|c| {
            c.parent.is_some_and(|p| {
                ast::is_binary_op(p, file.src, "=") && ast::field(p, grammar().fields.left).is_some_and(|l| file.text(l) == var)
            })
        })
}

/// `handle_call(:shutdown, {from, _}, s)` replying `{:reply, :ok, %{s | watchman: from}}`
/// and, when the event comes, `send(s.watchman, {:drained, q})`: the caller asked to
/// be told and waits for it, a subscriber of one held in state. The send to `from`
/// in that clause, when the event has already happened, is the same notification.
fn notifies_stored_caller(file: &File, call: &Call, dest: Node) -> bool {
    let k = &grammar().kinds;
    let stored = |def: &Def| -> Vec<(&str, &str)> {
        // The pid of `{pid, _tag}`, the caller's `from`.
        let Some(pid) = def
            .params
            .get(1)
            .filter(|p| p.kind_id() == k.tuple)
            .and_then(|t| t.named_child(0))
            .filter(|p| p.kind_id() == k.identifier)
            .map(|p| file.text(p))
        else {
            return Vec::new();
        };
        def.body
            .into_iter()
            .flat_map(|b| file.nodes_within(k.pair, b))
            .filter_map(|pair| {
                let key = ast::field(pair, grammar().fields.key)?;
                let value = ast::field(pair, grammar().fields.value)?;
                (value.kind_id() == k.identifier && file.text(value) == pid)
                    .then(|| (ast::keyword_name(key, file.src), pid))
            })
            .collect()
    };
    let field_of = |dest: Node| ast::field_access(dest, file.src);
    if dest.kind_id() == k.identifier {
        // The early notification, in the clause that stores the caller, of what
        // is sent to the stored pid later.
        let Some(here) = file.def(&call.ctx).filter(|d| d.name == "handle_call") else {
            return false;
        };
        let keys: Vec<&str> = stored(here)
            .into_iter()
            .filter(|(_, pid)| *pid == file.text(dest))
            .map(|(key, _)| key)
            .collect();
        return file
            .calls_named_any(&["send", "send_after"])
            .into_iter()
            .filter_map(|c| c.arg(destination_index(c)?))
            .any(|d| field_of(d).is_some_and(|f| keys.contains(&f)));
    }
    let Some(field) = field_of(dest) else {
        return false;
    };
    file.defs_named("handle_call")
        .filter(|d| d.arity == 3)
        .any(|d| stored(d).iter().any(|(key, _)| *key == field))
}

/// `send(state.owner, event)` where a `handle_cast/2` or `handle_call/3` clause of the
/// module took the pid from its request and stored it under that field
/// (`handle_cast({:attach, owner}, s)` returning `%{s | owner: owner}`): the process
/// attached itself to be told, a subscriber of one. Returns the field and the callback.
fn stored_from_request<'s>(file: &File<'s>, call: &Call, dest: Node) -> Option<(&'s str, &'static str)> {
    let k = &grammar().kinds;
    let field = ast::field_access(dest, file.src).or_else(|| destination_field(file, call, dest))?;
    file.defs_of(call.ctx.module).find_map(|d| {
        let callback = match (d.name, d.arity) {
            ("handle_cast", 2) => "handle_cast/2",
            ("handle_call", 3) => "handle_call/3",
            _ => return None,
        };
        let request = d.params.first().filter(|p| p.kind_id() != k.identifier)?;
        let stored = file.nodes_within(k.pair, d.body?).any(|pair| {
            ast::field(pair, grammar().fields.key).is_some_and(|key| ast::keyword_name(key, file.src) == field)
                && ast::field(pair, grammar().fields.value).is_some_and(|v| {
                    v.kind_id() == k.identifier && !file.text(v).starts_with('_') && binds_variable(file, *request, file.text(v))
                })
        });
        stored.then_some((field, callback))
    })
}

/// `send(pid, part)` where `pid` is the `stream_to` field of a struct (`state.stream_to`,
/// or bound by `%__MODULE__{stream_to: pid}`) and a doc or comment of the module
/// describes that field as the process that messages go to ("`:stream_to` - the
/// process expecting response parts sent to", R45 k8s's Mint request): the caller
/// named the process when it made the request, and the module documents the delivery.
/// The field and the doc line.
fn documented_receiver_field<'s>(file: &File<'s>, call: &Call, dest: Node) -> Option<(&'s str, String)> {
    let k = &grammar().kinds;
    let field = destination_field(file, call, dest)?;
    let module = file.module(&call.ctx)?;
    let range = module.node.byte_range();
    let docs = file
        .nodes_of(k.unary_operator)
        .iter()
        .filter(|n| range.contains(&n.start_byte()))
        .filter(|n| ["@typedoc", "@moduledoc", "@doc"].iter().any(|a| file.text(**n).starts_with(a)))
        .chain(file.comments.iter().filter(|c| range.contains(&c.start_byte())));
    let names_field = |line: &str| {
        [format!(":{field}"), format!("{field}:"), format!("`{field}`")].iter().any(|f| line.contains(f.as_str()))
    };
    let says_receiver = |line: &str| {
        let line = line.to_lowercase();
        (line.contains("process") || line.contains("pid"))
            && ["sent to", "send to", "expect", "receive", "deliver", "notif", "subscri"].iter().any(|w| line.contains(w))
    };
    docs.flat_map(|n| file.text(*n).lines())
        .find(|line| names_field(line) && says_receiver(line))
        .map(|line| {
            let line = line.trim().trim_start_matches(['#', '-', '*', ' ']);
            let short: String = line.chars().take(80).collect();
            (field, if short.len() < line.len() { format!("{short}…") } else { short })
        })
}

/// `handle_info({:subscribe, pid, topics}, state)` (or the `do_handle_info/2` it hands
/// its messages to) that keeps `pid` in the state (`put_in(state, [:subscribers, pid],
/// topics)`, `Map.put(state.subscribers, pid, ...)`, `MapSet.put(...)`) and sends to it:
/// the process subscribed itself with a raw message, and what it gets back is a
/// subscriber's notice, not a reply to a request.
fn subscribed_by_message(file: &File, call: &Call, dest: Node) -> bool {
    let k = &grammar().kinds;
    let Some(def) = file.def(&call.ctx).filter(|d| d.name.ends_with("handle_info") && d.arity == 2) else {
        return false;
    };
    if dest.kind_id() != k.identifier {
        return false;
    }
    let var = file.text(dest);
    let carried = def.params.first().is_some_and(|msg| {
        msg.kind_id() == k.tuple
            && atom_tagged(file, *msg).is_some_and(|(tag, _)| tag.contains("subscribe"))
            && ast::descendants(*msg).any(|n| n.kind_id() == k.identifier && file.text(n) == var)
    });
    let Some(body) = def.body.filter(|_| carried) else {
        return false;
    };
    file.calls_within(body).any(|c| {
        let stores = c.is("Map", "put")
            || c.is("MapSet", "put")
            || c.is("Map", "put_new")
            || c.module.is_none() && matches!(c.name, "put_in" | "update_in");
        stores
            && (0..c.arity).filter_map(|i| c.arg(i)).any(|a| {
                ast::descendants(a)
                    .chain(std::iter::once(a))
                    .any(|n| n.kind_id() == k.identifier && file.text(n) == var)
            })
    })
}

/// In `handle_call({:watch, pid}, from, s)`, answering `pid` answers the request.
fn from_incoming_message(file: &File, call: &Call, dest: Node) -> bool {
    let Some(def) = file.def(&call.ctx) else {
        return false;
    };
    // A pid in a `handle_info/2` message came with a raw message, not a request:
    // sending to it is a raw send like any other.
    let request = if matches!(def.name, "handle_call" | "handle_cast") {
        def.params.first()
    } else {
        // A gen_statem callback (`handle_event/4` or a state function) for a call or
        // a cast: `handle_event({:call, from}, {:checkout, caller}, state, data)`.
        let kind = def.params.first().map(|p| file.text(*p));
        let requested = kind.is_some_and(|k| k == ":cast" || (k.starts_with("{:call,") && k.ends_with('}')));
        def.params.get(1).filter(|_| requested && matches!(def.arity, 3 | 4))
    };
    if dest.kind_id() != grammar().kinds.identifier {
        return false;
    }
    let var = file.text(dest);
    request.is_some_and(|msg| {
        ast::descendants(*msg)
            .chain(std::iter::once(*msg))
            .any(|n| n.kind_id() == grammar().kinds.identifier && file.text(n) == var)
    })
}

/// Inside the Elixir send wrappers themselves (`Kernel.send/2`, `Process.send/3`,
/// `Process.send_after/3,4`): sending to the caller's `dest` is their whole job.
fn defines_a_send_wrapper(file: &File, ctx: &Ctx) -> bool {
    file.is_enclosing_function(ctx, "Kernel", "send", 2)
        || file.is_enclosing_function(ctx, "Process", "send", 3)
        || file.is_enclosing_function(ctx, "Process", "send_after", 3)
        || file.is_enclosing_function(ctx, "Process", "send_after", 4)
}

/// The `send/2` of a `:via` registry module (one that defines `whereis_name/1`):
/// `GenServer.cast` and `send` to a `{:via, Mod, name}` call it, and it must deliver
/// the message as it is.
fn in_via_send_callback(file: &File, ctx: &Ctx) -> bool {
    file.def(ctx).is_some_and(|d| d.name == "send" && d.arity == 2)
        && file.module(ctx).is_some_and(|m| m.defines("whereis_name", 1))
}

/// A struct literal as the message (`%Phoenix.Socket.Broadcast{...}`): its format is
/// a named type defined in one place, so it is not scattered across the senders.
/// So is a variable bound to one earlier in the function (`msg = %Message{...}`).
/// A record built with its constructor (`envelope(kind: k, body: b)` after
/// `Record.defrecord(:envelope, ...)` in the same file) is such a type too.
fn sends_a_struct(file: &File, call: &Call) -> bool {
    let records: Vec<&str> = file
        .calls_named_any(&["defrecord", "defrecordp"])
        .into_iter()
        .filter(|c| c.module.as_deref() == Some("Record") || c.module.is_none())
        .filter_map(|c| c.arg(0).and_then(|a| ast::atom_name(a, file.src)))
        .collect();
    let is_struct = |n: Node| {
        let text = file.text(n);
        if n.kind_id() == grammar().kinds.map {
            return text.starts_with('%') && !text.starts_with("%{");
        }
        !records.is_empty()
            && file
                .calls_within(n)
                .any(|c| c.node == n && c.local && c.module.is_none() && records.contains(&c.name))
    };
    let Some(msg) = message_arg(call) else {
        return false;
    };
    if is_struct(msg) || updates_struct_parameter(file, call, msg) {
        return true;
    }
    if msg.kind_id() != grammar().kinds.identifier {
        return false;
    }
    let var = file.text(msg);
    // The last binding of `var` before the send decides what it holds.
    file.def(&call.ctx)
        .and_then(|d| d.body)
        .into_iter()
        .flat_map(|b| file.nodes_within(grammar().kinds.binary_operator, b))
        .filter(|n| n.end_byte() <= call.node.start_byte() && ast::is_binary_op(*n, file.src, "="))
        .filter(|n| ast::field(*n, grammar().fields.left).is_some_and(|l| l.kind_id() == grammar().kinds.identifier && file.text(l) == var))
        .last()
        .and_then(|n| ast::field(n, grammar().fields.right))
        .is_some_and(is_struct)
}

/// `%{job | result: {:error, reason}}` where the function's head binds `job` to a
/// struct (`%Job{from: from} = job`): an update keeps the struct's type, so the
/// message is that named type.
fn updates_struct_parameter(file: &File, call: &Call, msg: Node) -> bool {
    let k = &grammar().kinds;
    let text = file.text(msg);
    let Some(var) = text
        .strip_prefix("%{")
        .and_then(|t| t.split_once('|'))
        .map(|(v, _)| v.trim())
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    else {
        return false;
    };
    let is_struct = |n: Node| n.kind_id() == k.map && file.text(n).starts_with('%') && !file.text(n).starts_with("%{");
    file.def(&call.ctx).is_some_and(|d| {
        d.params.iter().any(|p| {
            std::iter::once(*p).chain(ast::descendants(*p)).any(|n| {
                ast::is_binary_op(n, file.src, "=") && {
                    let (l, r) = (ast::field(n, grammar().fields.left), ast::field(n, grammar().fields.right));
                    let named = |side: Option<Node>| side.is_some_and(|s| s.kind_id() == k.identifier && file.text(s) == var);
                    named(r) && l.is_some_and(is_struct) || named(l) && r.is_some_and(is_struct)
                }
            })
        })
    })
}

/// In a hand-written `receive` loop, a send to a pid that the received message
/// carried (`{:lookup, key, ref, reply_to} -> send(reply_to, {ref, value})`) is the
/// reply half of a request/reply protocol: there is no `GenServer.call` to use.
fn answers_received_request(file: &File, call: &Call, dest: Node) -> bool {
    if dest.kind_id() != grammar().kinds.identifier {
        return false;
    }
    let var = file.text(dest);
    let at = call.node.byte_range();
    file.calls_named("receive")
        .filter(|r| r.local && r.module.is_none())
        .filter_map(|r| r.do_block)
        .filter(|block| block.start_byte() <= at.start && at.end <= block.end_byte())
        .flat_map(ast::named_children)
        .filter(|clause| {
            clause.kind_id() == grammar().kinds.stab_clause
                && clause.start_byte() <= at.start
                && at.end <= clause.end_byte()
        })
        .filter_map(|clause| ast::field(clause, grammar().fields.left))
        .any(|pattern| binds_variable(file, pattern, var))
}

/// The message is a tuple that a `receive` or `handle_info/2` clause (or a gen_statem
/// `:info` clause) of this same module matches (same first element, same size): sender and receiver of the
/// format live in one module, so it is not scattered across the code base.
fn protocol_handled_here(file: &File, names: &ModuleNames, call: &Call) -> bool {
    let Some(msg) = message_arg(call) else {
        return false;
    };
    // `msg = {:ready, name, self()}` then `send(pid, msg)`: judge the tuple.
    let msg = bound_tuple(file, msg, file.def(&call.ctx).map(|d| d.node)).unwrap_or(msg);
    let g = grammar();
    // `send(task.pid, ref)` releasing a process whose `receive do ^ref -> ...` this
    // module wrote.
    // Likewise a bare atom (`send(writer, :done)`) that a `:done ->` clause receives.
    let pinned = if msg.kind_id() == g.kinds.identifier {
        Some(format!("^{}", file.text(msg)))
    } else {
        ast::atom_name(msg, file.src).map(|_| file.text(msg).to_string())
    };
    let shape = tuple_shape(file, msg, call.ctx.module);
    if shape.is_none() && pinned.is_none() {
        return false;
    }
    let home = home_module(file, &call.ctx);
    let mut receivers = vec![home];
    receivers.extend(started_siblings(file, names, home));
    receivers.extend(impls_for(file, home));
    // A module the sender is nested in that starts it (a helper handed `self()` in
    // `start_link`): its `receive` is the other side (R39 verk's queue drainer, waiting
    // in `terminate/2` for its consumer's `{:paused, queue}`). Only the enclosing
    // modules are asked, so the cost stays with the nesting depth.
    let enclosing = std::iter::successors(home.and_then(|h| file.modules.get(h as usize)).and_then(|m| m.parent), |&p| {
        file.modules.get(p as usize).and_then(|m| m.parent)
    });
    let starters: Vec<Option<Id>> =
        enclosing.filter(|&m| started_siblings(file, names, Some(m)).contains(&home)).map(Some).collect();
    receivers.extend(starters);
    let received = file
        .calls_named("receive")
        // A `receive` in the sending function waits for the answer; the handler of
        // the request is elsewhere. One in a fn the function starts (and the send
        // is not in) is the other side: a process that waits for this very message.
        .filter(|r| {
            r.local
                && r.module.is_none()
                && receivers.contains(&r.ctx.module)
                && (r.ctx.def != call.ctx.def || r.ctx.func.is_some_and(|f| !encloses(file.fns[f as usize].node, call.node)))
        })
        .flat_map(|r| receive_patterns(file, r));
    let handled = receivers.iter().flat_map(|m| handle_info_patterns(file, *m));
    received.chain(handled).map(|p| bound_pattern(file, p)).any(|pattern| match (shape, &pinned) {
        (Some(shape), _) => same_shape(file, msg, shape, pattern, call.ctx.module),
        (None, Some(pinned)) => file.text(pattern) == pinned,
        _ => false,
    })
}

fn encloses(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// The tuple a variable was last bound to before `var`, in the statements of the
/// blocks around it (`msg = {:ready, name, self()}` then `send(pid, msg)`).
fn bound_tuple<'t>(file: &File<'t>, var: Node<'t>, def: Option<Node<'t>>) -> Option<Node<'t>> {
    let k = &grammar().kinds;
    if var.kind_id() != k.identifier {
        return None;
    }
    let name = file.text(var);
    let mut node = var;
    while let Some(parent) = file.parent(node) {
        if parent.kind_id() == k.anonymous_function || Some(parent) == def {
            return None;
        }
        let mut prev = node.prev_named_sibling();
        while let Some(stmt) = prev {
            if ast::is_binary_op(stmt, file.src, "=")
                && ast::field(stmt, grammar().fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == name)
            {
                return ast::field(stmt, grammar().fields.right).filter(|r| r.kind_id() == k.tuple);
            }
            prev = stmt.prev_named_sibling();
        }
        node = parent;
    }
    None
}

/// The other modules of this file that `home` names in its own code (a worker it
/// starts under its supervisor, `{MyApp.Hub.Worker, opts}`): their `handle_info` and
/// `receive` clauses are written next to the sender, so a format both sides share
/// lives in one file, not scattered across the code base.
fn started_siblings(file: &File, names: &ModuleNames, home: Option<Id>) -> Vec<Option<Id>> {
    let Some(body) = home.and_then(|h| file.modules.get(h as usize)).and_then(|m| m.body) else {
        return Vec::new();
    };
    let text = file.text(body);
    // Named as something the module starts: a child (`{Worker, opts}`, `[Worker]`) or
    // through its start functions. A module it only sends to is not its worker: that
    // send is the finding itself (Orders sending to Fulfillment's handle_info).
    let named = |name: &str| {
        text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().rev().find(|c| !c.is_whitespace());
            let after = &text[at + name.len()..];
            let whole = !text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                && !after.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_');
            let as_child = matches!(before, Some('{' | '['))
                || [".start_link", ".child_spec", ".start("].iter().any(|f| after.starts_with(f));
            whole && as_child
        })
    };
    // A module can only be named by a dotted prefix of a name-like word of the body
    // (`A`, `A.B` of `A.B.start_link`): look those up instead of searching the body
    // once per module of the file, which is quadratic in a 10,000-line buffer.
    let aliases = text.contains("alias ");
    let mut found: Vec<Id> = Vec::new();
    let words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .filter(|w| w.contains(|c: char| c.is_ascii_uppercase()))
        .flat_map(|w| w.match_indices('.').map(move |(at, _)| &w[..at]).chain([w]));
    let mut seen: HashSet<&str> = HashSet::new();
    for word in words {
        if !seen.insert(word) {
            continue;
        }
        let candidates = names.full.get(word).into_iter().flatten();
        // By its last name: through an `alias`, or a module nested in `home`, which
        // `defmodule` aliases by itself (`Listener` for `MyApp.Pauser.Listener`).
        let by_alias = names
            .last
            .get(word)
            .into_iter()
            .flatten()
            .filter(|&&m| aliases || file.modules.get(m as usize).is_some_and(|md| md.parent == home));
        let own = word.strip_prefix("__MODULE__.").and_then(|last| names.last.get(last)).into_iter().flatten();
        for &m in candidates.chain(by_alias).chain(own) {
            if Some(m) != home && !found.contains(&m) && named(word) {
                found.push(m);
            }
        }
    }
    found.sort_unstable();
    found.into_iter().map(Some).collect()
}

/// The modules of a file (not those inside a `quote`) by full name and by the last
/// segment of their name, built once per file for [`started_siblings`].
#[derive(Default)]
struct ModuleNames<'a> {
    full: HashMap<&'a str, Vec<Id>>,
    last: HashMap<&'a str, Vec<Id>>,
}

impl<'a> ModuleNames<'a> {
    fn of(file: &'a File) -> ModuleNames<'a> {
        let mut names = ModuleNames::default();
        for (i, m) in file.modules.iter().enumerate().filter(|(_, m)| !m.quoted) {
            let last = m.name.rsplit('.').next().unwrap_or(&m.name);
            names.full.entry(m.name.as_str()).or_default().push(i as Id);
            names.last.entry(last).or_default().push(i as Id);
        }
        names
    }
}

/// The `defimpl Proto, for: X` blocks of this file whose type is `home` (also a
/// `defimpl` nested in `home` without `for:`): the module `Proto.X` is `home`'s own
/// code, so a `receive` in its functions receives what `home` sends.
fn impls_for(file: &File, home: Option<Id>) -> Vec<Option<Id>> {
    let Some(home_name) = home.and_then(|h| file.modules.get(h as usize)).map(|m| m.name.as_str()) else {
        return Vec::new();
    };
    let suffix = format!(".{home_name}");
    file.modules
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            Some(*i as Id) != home
                && !m.quoted
                // The name first: it is a string test, the call name a tree walk, and
                // this runs for every module of the file for every send.
                && m.name.ends_with(&suffix)
                && ast::local_call_name(m.node, file.src) == Some("defimpl")
        })
        .map(|(i, _)| Some(i as Id))
        .collect()
}

/// The module whose messages a send in `ctx` speaks for: its own, or, in the `quote`
/// of a macro that is expanded where it is called (`defmacro subscribe(pid, pattern)`,
/// a client macro), the module that defines the macro. The `quote` of `__using__` or
/// `__before_compile__` becomes part of another module, whose handlers are unknown.
fn home_module(file: &File, ctx: &Ctx) -> Option<Id> {
    let Some(module) = file.module(ctx) else {
        return ctx.module;
    };
    match module.quoted_by.map(|d| &file.defs[d as usize]) {
        Some(mac) if module.quoted && !matches!(mac.name, "__using__" | "__before_compile__") => mac.module,
        _ => ctx.module,
    }
}

/// The message patterns `module` receives in `handle_info`: its first parameter, in
/// GenServer's `handle_info/2` and in the `handle_info/3` (message, context, state) of
/// behaviours built on it (media pipeline components). A `handle_info` that takes the
/// message as a plain variable and hands it to private functions of the module
/// (`def handle_info(msg, s), do: do_handle_info(msg, s)`) is followed into their
/// clauses, at the position the message is passed at.
fn handle_info_patterns<'t>(file: &File<'t>, module: Option<Id>) -> Vec<Node<'t>> {
    let k = &grammar().kinds;
    let mut patterns = Vec::new();
    // (def, position of the message among its parameters); followed defs once each.
    let mut queue: Vec<(&Def<'t>, usize)> = file
        .defs_named("handle_info")
        .filter(|d| d.module == module && matches!(d.arity, 2 | 3))
        .map(|d| (d, 0))
        .collect();
    if cowboy_loop_handler(file, module) {
        queue.extend(file.defs_named("info").filter(|d| d.module == module && d.arity == 3).map(|d| (d, 0)));
    }
    // A websocket process takes other messages in `websocket_info`: cowboy's
    // `websocket_info/2` and the `:websocket_client` behaviour's `websocket_info/3`
    // (R41 phoenix_gen_socket_client), the message first.
    queue.extend(file.defs_named("websocket_info").filter(|d| d.module == module && matches!(d.arity, 2 | 3)).map(|d| (d, 0)));
    // A `:gen_statem` gets messages as `:info` events: `handle_event(:info, msg, state,
    // data)` and `connected(:info, msg, data)`, the message second.
    if state_machine(file, module) {
        queue.extend(
            file.defs_of(module)
                .filter(|d| matches!(d.arity, 3 | 4) && d.params.first().is_some_and(|p| file.text(*p) == ":info"))
                .map(|d| (d, 1)),
        );
    }
    let mut followed: Vec<(&str, usize, usize)> = Vec::new();
    while let Some((def, at)) = queue.pop() {
        let Some(param) = def.params.get(at).copied() else {
            continue;
        };
        let var = file.text(param);
        if param.kind_id() != k.identifier || var.starts_with('_') {
            patterns.push(param);
            continue;
        }
        let Some(body) = def.body else { continue };
        for c in file.calls_within(body) {
            if !(c.local && c.module.is_none() && c.ctx.module == module) {
                continue;
            }
            let Some(i) = (0..c.arity).find(|i| c.arg(*i).is_some_and(|a| a.kind_id() == k.identifier && file.text(a) == var))
            else {
                continue;
            };
            if followed.contains(&(c.name, c.arity, i)) {
                continue;
            }
            followed.push((c.name, c.arity, i));
            queue.extend(
                file.defs_named(c.name)
                    .filter(|d| d.module == module && d.kind == "defp" && d.arity == c.arity)
                    .map(|d| (d, i)),
            );
        }
    }
    patterns
}

/// A `:gen_statem`: it defines `callback_mode/0` (as `@behaviour :gen_statem`
/// requires) or uses `GenStateMachine`.
fn state_machine(file: &File, module: Option<Id>) -> bool {
    module
        .and_then(|m| file.modules.get(m as usize))
        .is_some_and(|m| m.defines("callback_mode", 0) || m.uses.iter().any(|(u, _)| u == "GenStateMachine"))
}

/// A cowboy loop handler: `@behaviour :cowboy_loop`, or a `{:cowboy_loop, req, state}`
/// returned by the module. Its `info/3` (message, req, state) receives the process's
/// messages, as `handle_info/2` does for a GenServer.
fn cowboy_loop_handler(file: &File, module: Option<Id>) -> bool {
    // The text test first: the tagged tuples are a list of the whole file, and this is
    // asked for each send.
    let named = module
        .and_then(|m| file.modules.get(m as usize))
        .is_none_or(|m| file.text(m.node).contains("cowboy_loop"));
    named
        && (file.tuples_tagged("cowboy_loop").any(|(_, _, ctx)| ctx.module == module)
            || module.is_some_and(|m| file.behaviours(m).any(|b| b == ":cowboy_loop")))
}

/// Does `pattern` match messages shaped like `msg`? `{self(), :done, x}` is matched by
/// `{^worker, :done, x}`: the receiver matches the sender's pid with a variable, so
/// the second element names the message.
fn same_shape(file: &File, msg: Node, shape: (&str, usize), pattern: Node, module: Option<Id>) -> bool {
    let Some(found) = tuple_shape(file, pattern, module) else {
        return false;
    };
    if shape.0 != "self()" {
        return found == shape;
    }
    let second = |n: Node| ast::named_children(n).nth(1).map(|c| file.text(c));
    found.1 == shape.1
        && !found.0.starts_with(':')
        && found.0 != "__MODULE__"
        && second(msg).is_some_and(|t| t.starts_with(':'))
        && second(msg) == second(pattern)
}

/// (first element without a pin, size) of a tuple whose first element is an atom,
/// `__MODULE__` or a variable: `{:lease, k, ref}` → (":lease", 3), `{^ref, r}` → ("ref", 2).
/// A module attribute tag (`{@prefix, :ping}`) stands for its value in `module`, so
/// the sender and the `handle_info/2` that match on it compare equal.
fn tuple_shape<'s>(file: &File<'s>, node: Node, module: Option<Id>) -> Option<(&'s str, usize)> {
    let g = grammar();
    if node.kind_id() != g.kinds.tuple {
        return None;
    }
    let first = ast::named_children(node).next()?;
    let mut tag = file.text(first).trim_start_matches('^').trim();
    if let Some(name) = tag.strip_prefix('@') {
        tag = file
            .attributes
            .iter()
            .find(|(attr, _, ctx)| *attr == name && ctx.module == module)
            .map(|(_, value, _)| file.text(*value))
            .filter(|v| v.starts_with(':'))?;
    }
    // `{Tortoise, {:ping_response, ref, rtt}}`: a module name as the tag.
    let tag_like = tag.starts_with(':')
        || first.kind_id() == g.kinds.alias
        || tag == "__MODULE__"
        || tag == "self()"
        || tag.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_') && !tag.contains(['(', '.']);
    tag_like.then(|| (tag, ast::named_children(node).count()))
}

/// `send(transport_pid, serializer.encode!(reply))`: the message is what a pluggable
/// encoder (a module held in a variable) made of the data, a frame for a transport.
/// Its format belongs to the encoder, as a forwarded message's belongs to its author.
fn sends_an_encoded_frame(file: &File, call: &Call) -> bool {
    message_arg(call).is_some_and(|msg| {
        file.calls_within(msg)
            .any(|c| c.node == msg && c.dynamic)
    })
}

/// `send(pid, msg)` where `msg` is a parameter of the function: a relay or
/// dispatcher (pubsub fan-out, a registry's dispatch) that passes on a message
/// someone else wrote; the format is not decided here.
fn forwards_a_parameter(file: &File, call: &Call) -> bool {
    let Some(msg) = message_arg(call) else {
        return false;
    };
    if msg.kind_id() != grammar().kinds.identifier {
        return false;
    }
    let var = file.text(msg);
    let in_fn_params = call
        .ctx
        .func
        .map(|f| &file.fns[f as usize])
        .is_some_and(|f| fn_params(f.node).any(|p| p == msg || binds_variable(file, p, var) || file.text(p) == var));
    in_fn_params
        || file.def(&call.ctx).is_some_and(|d| {
            d.params
                .iter()
                .any(|p| file.text(*p) == var || binds_variable(file, *p, var))
        })
        || forwards_received(file, call, var)
}

/// `receive do {:ssl, ^socket, _} = message -> send(new_owner, message) end`: the
/// message a `receive` clause took, passed on whole (a socket's owner handing its
/// mailbox to the next owner); its format is its sender's.
fn forwards_received(file: &File, call: &Call, var: &str) -> bool {
    let g = grammar();
    let mut node = call.node;
    while let Some(parent) = file.parent(node) {
        if file.def(&call.ctx).is_some_and(|d| d.node == parent) {
            return false;
        }
        if parent.kind_id() == g.kinds.stab_clause
            && file
                .parent(parent)
                .and_then(|block| file.parent(block))
                .is_some_and(|r| ast::local_call_name(r, file.src) == Some("receive"))
            && ast::clause_pattern(parent, file.src).is_some_and(|p| binds_variable_or_is(file, p, var))
        {
            return true;
        }
        node = parent;
    }
    false
}

/// `{:sync, from, ref, event} -> send(from, {ref, :ok})`: the clause pattern (of a
/// `fn`, `case` or `receive`, or the function head, as in
/// `def __info__({:debug_channels, ref, reply_to}, s)`) carried both the pid and a
/// tag, and the message echoes that tag, at any position; the reply half of a
/// request/reply exchange.
fn answers_with_request_ref(file: &File, call: &Call, dest: Node) -> bool {
    let g = grammar();
    if dest.kind_id() != g.kinds.identifier {
        return false;
    }
    let Some(msg) = message_arg(call) else {
        return false;
    };
    let pid = file.text(dest);
    let elements: Vec<&str> = if msg.kind_id() == g.kinds.tuple {
        ast::named_children(msg)
            .filter(|t| t.kind_id() == g.kinds.identifier)
            .map(|t| file.text(t))
            .collect()
    } else {
        tupled_arguments(file, call, msg)
    };
    let tags: Vec<&str> = elements.into_iter().filter(|t| *t != pid).collect();
    if tags.is_empty() {
        return false;
    }
    let carries_both = |pattern: Node| {
        binds_variable(file, pattern, pid) && tags.iter().any(|t| binds_variable(file, pattern, t))
    };
    let mut node = call.node;
    while let Some(parent) = file.parent(node) {
        if parent.kind_id() == g.kinds.stab_clause
            && ast::field(parent, g.fields.left).is_some_and(carries_both)
        {
            return true;
        }
        if let Some(def) = file.def(&call.ctx).filter(|d| d.node == parent) {
            return def.params.iter().any(|p| carries_both(*p));
        }
        node = parent;
    }
    false
}

/// `send(pid, tagged(subscription, event))` where the module's private `tagged/2`
/// only builds a tuple of its parameters (`defp tagged(sub, event), do: {sub, event}`,
/// on every path of every clause): the arguments that land in that tuple, as its
/// elements would be written in place (R44 blockscout's `Subscription.publish/2`).
fn tupled_arguments<'s>(file: &File<'s>, call: &Call, msg: Node) -> Vec<&'s str> {
    let g = grammar();
    let Some(helper) = file.calls_within(msg).find(|c| c.node == msg && c.local && c.module.is_none()) else {
        return Vec::new();
    };
    let clauses: Vec<&Def> = file
        .defs_of(call.ctx.module)
        .filter(|d| d.kind == "defp" && d.name == helper.name && d.arity == helper.arity)
        .collect();
    let in_every_tuple = |i: usize| {
        !clauses.is_empty()
            && clauses.iter().all(|d| {
                let (Some(param), Some(body)) = (d.params.get(i), d.body) else { return false };
                let mut tails = Vec::new();
                ast::tail_values(body, file.src, &mut tails)
                    && tails.iter().all(|t| {
                        t.kind_id() == g.kinds.tuple
                            && ast::named_children(*t).any(|e| e.kind_id() == g.kinds.identifier && binds_variable(file, *param, file.text(e)))
                    })
            })
    };
    helper
        .args
        .iter()
        .enumerate()
        .filter(|(i, a)| a.kind_id() == g.kinds.identifier && in_every_tuple(*i))
        .map(|(_, a)| file.text(*a))
        .collect()
}

/// `send(request.from_pid, {request.request_ref, {:data, chunk}})`: a pending request
/// kept in the state carries both the requester's pid and the ref it waits on, and the
/// message is `{ref, payload}` with that ref. The requester is inside its own `receive` on
/// `{^ref, _}`: the reply half of an asynchronous request, as `Task` and `:gen_statem`
/// replies are, with no client function to put it behind.
fn answers_stored_request(file: &File, call: &Call, dest: Node) -> bool {
    let Some(pid_field) = ast::field_access(dest, file.src) else {
        return false;
    };
    let Some(owner) = root_variable(file, dest) else {
        return false;
    };
    let Some(msg) = message_arg(call).filter(|m| m.kind_id() == grammar().kinds.tuple) else {
        return false;
    };
    // OTP's reply shape: the ref first, then the payload.
    msg.named_child(0).is_some_and(|tag| {
        ast::field_access(tag, file.src).is_some_and(|f| f != pid_field && f.split('_').any(|w| w == "ref"))
            && root_variable(file, tag) == Some(owner)
            && file.text(tag).matches('.').count() == file.text(dest).matches('.').count()
    })
}

/// `case Registry.next(pid) do pid -> send(pid, msg) end`: the clause that holds the
/// send binds the destination's name again, so a call outside that clause spoke to
/// another value (R40 pigeon: a dispatcher's name, then the worker found for it).
fn rebound_by_clause(file: &File, call: Node, dest: Node) -> bool {
    let k = &grammar().kinds;
    let var = file.text(dest);
    let mut at = dest;
    while let Some(parent) = file.parent(at) {
        if parent.kind_id() == k.stab_clause
            && !parent.byte_range().contains(&call.start_byte())
            && ast::field(parent, grammar().fields.left).is_some_and(|left| binds_variable_or_is(file, left, var))
        {
            return true;
        }
        if parent.kind_id() == k.call && matches!(ast::local_call_name(parent, file.src), Some("def" | "defp")) {
            return false;
        }
        at = parent;
    }
    false
}

/// Does `pattern` bind `var` (a plain occurrence, not a pinned `^var`)?
fn binds_variable(file: &File, pattern: Node, var: &str) -> bool {
    ast::descendants(pattern).any(|n| {
        n.kind_id() == grammar().kinds.identifier
            && file.text(n) == var
            && !n
                .parent()
                .is_some_and(|p| p.kind_id() == grammar().kinds.unary_operator && file.text(p).starts_with('^'))
    })
}

/// The first 40 characters of the first line, for messages.
pub(crate) fn one_line(s: &str) -> String {
    let head: String = s.chars().take(41).take_while(|&c| c != '\n').collect();
    if head.chars().count() > 40 || head.len() < s.len() {
        format!("{}…", head.chars().take(40).collect::<String>())
    } else {
        head
    }
}
