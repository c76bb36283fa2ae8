//! `test/no-sleep`: Sleep in a test. See `no_sleep.md`.
//!
//! Also home of small statement helpers shared by the other `test/*` rules.

use crate::glob::PathPattern;
use crate::rules::prelude::*;
use std::ops::Range;

pub static RULE: Rule = Rule {
    id: "test/no-sleep",
    title: "Sleep in a test",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::Sometimes,
    default_enabled: true,
    params: &[ParamSpec {
        name: "allow_in",
        doc: "Path globs where sleeping is allowed, e.g. the project's polling helper.",
        default: || ParamValue::List(vec!["test/support/**".to_string()]),
    }],
    credo: &["Foundation.CredoChecks.NoProcessSleep"],
    supersedes: &[],
    guide: include_str!("no_sleep.md"),
    check,
    project: Some(&no_sleep_project::PROJECT),
};

#[path = "no_sleep_project.rs"]
mod no_sleep_project;

/// One way of pausing the test process.
struct Sleep {
    /// How it reads in a message: `` `Process.sleep/1` ``, `` empty `receive ... after 100` ``.
    shown: String,
    /// The duration as written, when it is an integer literal in `Process.sleep(n)`.
    literal_ms: Option<String>,
    /// The duration in ms, also through module attributes (`Process.sleep(@wait)` where
    /// the file sets `@wait @interval + 30` and `@interval 50`).
    ms: Option<u64>,
}

/// Why the test sleeps, guessed from what surrounds the sleep.
#[derive(Clone, Copy, PartialEq)]
enum Started {
    Spawn,
    Task,
    /// `start_supervised!` and friends: a server whose `init/1` has returned.
    Server,
}

enum Wait<'s> {
    /// The next statement is `assert_received`/`refute_received`.
    Message {
        assertion: &'s str,
    },
    /// A process was stopped or killed earlier in the test.
    Restart {
        stopper: String,
    },
    /// `GenServer.stop(pid)` of a process the test started with `start_link`: the stop
    /// returns once it has ended, and nothing restarts it.
    Nothing {
        stopper: String,
    },
    /// `DynamicSupervisor.terminate_child(sup, pid)`: it returns once the child has
    /// ended, and the supervisor does not bring back a child it was told to stop.
    Removed {
        stopper: String,
    },
    /// `DynamicSupervisor.terminate_child(sup, pid)` where `pid` is the supervisor's
    /// own, from its `start_link` in the test: none of its children, so nothing stops.
    NotAChild {
        stopper: String,
        pid: String,
    },
    /// `Process.exit(pid, reason)` of a process nothing the test can see restarts (it
    /// spawned or linked it itself, or checks afterwards that it is dead): the sleep
    /// waits for it to go down and for whatever reacts to that.
    Down {
        stopper: String,
    },
    /// The same, when the next statement checks that another process is dead
    /// (`refute Process.alive?(chan.pid)` after killing the channel's owner): the
    /// sleep waits for that victim of the kill, which the test can monitor itself.
    DownInTurn {
        stopper: String,
        victim: String,
    },
    /// A stop of a process the test reached through its own data, with no supervisor
    /// in view: the sleep waits for other processes to react.
    Reaction {
        stopper: String,
    },
    /// The next statement reads telemetry (`assert TestTelemetry.events() == ...`).
    Telemetry {
        next: String,
    },
    /// A send to a process the test spawned (`send(subscriber, :retry)`), which a later
    /// send releases from the `receive` it then blocks in.
    BlockedAfterSend {
        sent: String,
        pid: String,
        release: String,
    },
    /// Between two messages the test sends to the same process (`send(pid, a)`, the
    /// sleep, `send(pid, b)`): they arrive in the order sent, with or without it.
    InOrder {
        pid: String,
        sent: String,
        next: String,
    },
    /// The statement before is a synchronous call (`{:ok, _} = Server.call(pid, req)`)
    /// that has returned: no reply is pending.
    AfterCall {
        call: String,
    },
    /// The statement before starts a process of the test's own (`spawn(fn -> ...)`,
    /// `Task.async(...)`): the sleep guesses when it gets to its work.
    AfterStart {
        start: String,
        kind: Started,
        /// For a task the test awaits only after releasing it (`send(pid, :go)`, then
        /// `Task.await_many([t1, t2])`): the task's variable and that release, as written.
        release: Option<(String, String)>,
        /// A process whose work is one call that the statement after the sleep acts
        /// on through the same module and a value both hold (`Db.execute(conn, sql)`,
        /// then `Db.interrupt(conn)`): that call and the next statement, as written.
        acts_on: Option<(String, String)>,
    },
    /// Inside the function given to `capture_log`/`capture_io`: the sleep waits for a
    /// handler or device to have written the output.
    InCapture {
        capture: &'s str,
    },
    /// Inside the function given to `capture_log`, after the test wrote to or closed
    /// a client socket: the sleep waits for the server's connection process to
    /// handle it (and log), not for the log device.
    AfterSocketWrite {
        capture: &'s str,
        op: String,
    },
    /// Inside the function given to `capture_log`, right after the client saw its
    /// socket closed: the sleep waits for the connection's process to finish exiting
    /// and log its crash or exit report.
    AfterClose {
        capture: &'s str,
    },
    /// The next statement checks that something did not happen (`refute ...`,
    /// `assert rows == []`): a poll or `assert_receive` would pass at once there.
    Absence {
        next: String,
        sent: Option<String>,
    },
    /// The next statement checks that a pid the test holds is dead
    /// (`refute Process.alive?(caller)`): the sleep waits for that process to end.
    Ends { next: String, pid: String },
    /// Anything else; `next` is the statement the sleep precedes, when there is one,
    /// and `sent` a cast or send to another process earlier in the test.
    StateChange {
        next: Option<String>,
        sent: Option<String>,
    },
}

fn check(file: &File, report: &mut Report) {
    check_sleeps(file, report, &mut Vec::new());
}

/// The check, which also hands back each sleep it reported only as a guess at
/// another process (with how it showed the sleep), for the project pass to judge
/// against what the project code the test called does.
fn check_sleeps<'a, 't>(file: &'a File<'t>, report: &mut Report, generic: &mut Vec<(&'a Call<'t>, String)>) {
    let allowed = report.param_list("allow_in");
    if allowed
        .iter()
        .any(|p| PathPattern::glob(p).matches(file.path))
    {
        return;
    }
    for call in file.calls_named_any(&["sleep", "receive"]) {
        if !in_test_process(call) || file.in_fixture_module(&call.ctx) {
            continue;
        }
        let Some(sleep) = sleep_of(file, call) else {
            continue;
        };
        if lets_the_clock_run(file, call)
            || is_call_argument(call)
            || outlasts_configured_duration(file, call, sleep.ms)
            || times_a_named_cli_delay(file, call)
            || timed_from_option_variable(file, call)
            || is_measurement_window(file, call)
            || bounds_measured_elapsed_time(file, call)
            || idles_between_socket_sends(file, call, sleep.ms)
            || paces_socket_sends_within_timeout(file, call, sleep.ms)
            || waits_inside_shutdown_window(file, call, sleep.ms)
            || backs_off_in_bounded_poll(file, call)
            || outlasts_age_given_later(file, call, sleep.ms)
            || asserts_time_passed(file, call, sleep.ms)
            || outlasts_duration_set_before(file, call, sleep.ms)
            || outlasts_expiry_given_before(file, call, sleep.ms)
            || waits_as_told(file, call)
            || inside_measured_block(file, call)
            || sleep_is_the_test(file, call)
            || paces_a_loop_that_checks_nothing(file, call)
        {
            continue;
        }
        match measures_own_ttl(file, call, sleep.ms) {
            Some(TtlSleep::Measured) => continue,
            Some(TtlSleep::Unclear(option)) => {
                report_info(
                    report,
                    file,
                    call,
                    "when-it-is-fine",
                    format!(
                        "{} likely measures the TTL that the test starts the code under test with (`{option}`), between a write and a check of the same key: wall-clock time is then the subject; if it waits for other work instead, wait for that outcome (poll the public API, or `assert_receive` a message it sends)",
                        sleep.shown
                    ),
                );
                continue;
            }
            None => {}
        }
        if let Some(rounds) = polls_every_round(file, call) {
            report_info(
                report,
                file,
                call,
                "when-it-is-fine",
                format!(
                    "{} is the back-off of a bounded poll (`Enum.map` over `{rounds}`, whose answers the `assert` checks), but `Enum.map` runs every round, so the test always waits them all, even when the first read shows the change; `Enum.any?/2` or `Enum.reduce_while/3` over the same range stops at the first match",
                    sleep.shown
                ),
            );
            continue;
        }
        if let Some(stop) = ends_the_test_after_stop(file, call) {
            let d = report.add(
                file,
                &call.ctx,
                call.expr.byte_range(),
                format!(
                    "{} ends the test right after `{stop}`, which returns once what it stops has ended, and nothing after it checks anything: the sleep waits for nothing; delete it",
                    sleep.shown
                ),
            );
            d.anchor("waiting-for-a-restart");
            continue;
        }
        if let Some(comment) = says_it_separates_timestamps(file, call) {
            report_info(
                report,
                file,
                call,
                "when-it-is-fine",
                format!(
                    "{} keeps apart the timestamps of what the test records, as a comment above it says (\"{comment}\"): wall-clock time is the point here; pass the timestamps (or a clock the test controls) if the code under test takes them, and the wait goes away",
                    sleep.shown
                ),
            );
            continue;
        }
        // `Log.record(car, :online)`, the sleep, `Log.record(car, :asleep)`: most often
        // the sleep keeps apart the times the two calls record.
        if let Some(separated) = separated_calls(file, call) {
            if let Some(blocker) = (!separated.stamps_time)
                .then(|| blocker_started_before(file, call, &separated.function))
                .flatten()
            {
                report_info(
                    report,
                    file,
                    call,
                    "waiting-for-a-state-change",
                    format!(
                        "{} between two calls of `{}` waits for the process of the test's own that `{blocker}` started to finish; monitor it (`ref = Process.monitor(pid)`) and `assert_receive {{:DOWN, ^ref, :process, _, _}}`, which returns as soon as it has ended",
                        sleep.shown, separated.function
                    ),
                );
            } else if !separated.stamps_time {
                generic.push((call, sleep.shown.clone()));
                let between = if separated.loop_rounds {
                    format!("the rounds of a loop that calls `{}`", separated.function)
                } else {
                    format!("two calls of `{}`", separated.function)
                };
                report_info(
                    report,
                    file,
                    call,
                    "when-it-is-fine",
                    format!(
                        "{} separates {between}; if it keeps the times they record apart, pass the timestamps (or a clock the test controls) instead of waiting; if it waits for the first call's work, wait for that outcome (poll the public API, or `assert_receive` a message it sends)",
                        sleep.shown
                    ),
                );
            }
            continue;
        }
        // `assert conv.first_replied_at == DateTime.truncate(t, :second)`, then a sleep of
        // a second or more before the next step: nothing is pending (the test has just
        // checked the first step), and the sleep moves the clock into the next second so
        // that a second-precision timestamp would change if it were written again.
        if crosses_a_second(file, call, sleep.ms) {
            report_info(
                report,
                file,
                call,
                "when-it-is-fine",
                format!(
                    "{} follows a check of the first step and moves the clock into the next second, so that a timestamp stored to the second would change if written again; pass the time in (or a clock the test controls) rather than wait a whole second",
                    sleep.shown
                ),
            );
            continue;
        }
        // `receive do {:last_message, ^id} -> :ok end`, then the sleep, then a read of
        // what was collected: the test already has what it waited for, and waits on to
        // see whether anything more (a duplicate) comes, which nothing can signal.
        if follows_awaited_message(file, call) {
            report_info(
                report,
                file,
                call,
                "waiting-for-a-message",
                format!(
                    "{} follows the receipt of the message the test waited for, so it is a quiet window for anything more (late duplicates), which nothing can signal; a fixed wait is the honest form, so name its length (`@quiet_ms`) and check what arrived after it",
                    sleep.shown
                ),
            );
            continue;
        }
        // `assert :gen_tcp.recv(other, 0, 10) == {:error, :timeout}` after the sleep:
        // the test checks that nothing arrives, which no signal can show; only where
        // the wait sits is in question.
        if let Some(read) = reads_silence_next(file, call) {
            report_info(
                report,
                file,
                call,
                "waiting-for-a-state-change",
                format!(
                    "{} waits before a `{read}` that expects `{{:error, :timeout}}`, a check that nothing arrives; give the wait to the read as its timeout instead, which takes as long but fails as soon as data comes",
                    sleep.shown
                ),
            );
            continue;
        }
        // `capture_log(fn -> ...; Process.sleep(100) end)` as a statement: nothing reads
        // the output, so the sleep only keeps late log lines (a crash report) inside
        // the capture and out of the console; no check waits on it (R37 parent).
        if captured_by(file, call) == Some("capture_log")
            && capture_discarded(file, call)
            && sent_in_capture(file, call).is_none()
            && cluster_change_in_capture(file, call).is_none()
            && socket_write_in_capture(file, call).is_none()
            && started_before(file, call).is_none()
        {
            report_info(
                report,
                file,
                call,
                "waiting-for-a-state-change",
                format!(
                    "{} ends a `capture_log` whose output the test never reads: it keeps late log lines (a crash report) inside the capture and out of the console, and a later check waits on it only if the capture set off work that is still running; if it is there for the noise, tag the test `@tag :capture_log` (ExUnit keeps its log and prints it only when the test fails) and drop the sleep; if a check needs that work done, wait for its outcome instead",
                    sleep.shown
                ),
            );
            continue;
        }
        // `assert :gen_tcp.recv(client, 0) == {:ok, ~c"GOODBYE"}` after the sleep: a read
        // with no timeout already blocks until data comes (R37 thousand_island).
        if let Some(read) = blocking_read_next(file, call) {
            report
                .add(
                    file,
                    &call.ctx,
                    call.expr.byte_range(),
                    format!(
                        "{} comes right before `{read}`, which has no timeout and already blocks until data arrives, so the sleep waits for nothing the read does not; drop it, and if the reply may come in parts, read an exact length or loop until it is complete",
                        sleep.shown
                    ),
                )
                .anchor("waiting-for-a-message");
            continue;
        }
        let next = next_statement_call(file, call);
        // `Process.sleep(160)`, `assert_received :a`, `refute_received :c`: the sleep is
        // the window the refute needs; `assert_receive` would cut it short.
        if let Some((refute, movable, fix)) = next.and_then(|n| refute_window(file, call, n, sleep.literal_ms.as_deref())) {
            let (shown, refute) = (&sleep.shown, one_line(file.text(refute)));
            let message = if movable {
                format!(
                    "{shown} is the window that the later `refute_received {refute}` needs, and the checks before it read the same mailbox late; say so with `refute_receive pattern, {}` in place of the sleep, which waits as long and fails as soon as the message comes",
                    sleep.literal_ms.as_deref().unwrap_or("timeout")
                )
            } else {
                format!(
                    "{shown} is the window that the later `refute_received {refute}` needs (it pins what an earlier check binds, so it cannot come first): the fixed wait is what the test checks; name its length (`@window_ms`) so it reads as intended"
                )
            };
            let d = report.add_info(file, &call.ctx, call.expr.byte_range(), message).anchor("waiting-for-a-message");
            if let Some(fix) = fix {
                d.fix(fix);
            }
            continue;
        }
        let wait = match next {
            Some(n)
                if n.local
                    && n.module.is_none()
                    && matches!(n.name, "assert_received" | "refute_received") =>
            {
                Wait::Message { assertion: n.name }
            }
            // `capture_log(fn -> send(server, :event); Process.sleep(100) end)`: the
            // sleep waits for the server to handle what was sent, not for the output.
            _ if let Some(sent) = captured_by(file, call).and_then(|_| sent_in_capture(file, call)) => {
                Wait::StateChange { next: None, sent: Some(sent) }
            }
            // `capture_log(fn -> true = Node.connect(node2); Process.sleep(500) end)`:
            // the connection sets off work on both nodes (registries resolving
            // conflicts), and the sleep waits for that work, not for the output.
            _ if let Some(call) = captured_by(file, call).and_then(|_| cluster_change_in_capture(file, call)) => {
                Wait::AfterCall { call }
            }
            _ if let Some(capture) = captured_by(file, call) => {
                if follows_socket_close(file, call) {
                    Wait::AfterClose { capture }
                } else if let Some(op) = socket_write_in_capture(file, call) {
                    Wait::AfterSocketWrite { capture, op }
                } else {
                    Wait::InCapture { capture }
                }
            }
            _ => match stopped_before(file, call) {
                Some((stopper, Stopped::Restarts)) => Wait::Restart { stopper },
                Some((stopper, Stopped::Ended)) => Wait::Nothing { stopper },
                Some((stopper, Stopped::Removed)) => Wait::Removed { stopper },
                Some((stopper, Stopped::NotAChild(pid))) => Wait::NotAChild { stopper, pid },
                Some((stopper, Stopped::GoesDown)) => match killed_in_turn(file, call) {
                    Some(victim) => Wait::DownInTurn { stopper, victim },
                    None => Wait::Down { stopper },
                },
                Some((stopper, Stopped::Reacts)) => Wait::Reaction { stopper },
                None => match (called_before(file, call), started_before(file, call)) {
                    (Some(call), _) => Wait::AfterCall { call },
                    (_, Some((start, kind))) => {
                        let release = match kind {
                            Started::Task => released_before_await(file, call),
                            Started::Spawn => released_by_send(file, call),
                            Started::Server => None,
                        };
                        let acts_on = blocked_in_shared_call(file, call);
                        Wait::AfterStart { start, kind, release, acts_on }
                    }
                    _ => waits_before(file, call),
                },
            },
        };
        let shown = &sleep.shown;
        let (message, anchor) = match &wait {
            Wait::Message { assertion } => {
                let waiting = if *assertion == "assert_received" {
                    "assert_receive"
                } else {
                    "refute_receive"
                };
                let ms = sleep.literal_ms.as_deref().unwrap_or("timeout");
                let message = if *assertion == "assert_received" {
                    format!(
                        "{shown} waits a fixed time before `{assertion}`; `{waiting} pattern, {ms}` returns as soon as the message arrives"
                    )
                } else {
                    // Nothing signals that nothing happened: the wait is the window of
                    // the check, and only where it is written is in question.
                    format!(
                        "{shown} is the window for the `{assertion}` after it, a check that nothing came; `{waiting} pattern, {ms}` waits as long and says so"
                    )
                };
                (message, "waiting-for-a-message")
            }
            Wait::Restart { stopper } => (
                format!(
                    "{shown} guesses how long a restart takes after `{stopper}`; monitor the old pid, `assert_receive {{:DOWN, ^ref, ...}}`, then poll for the new one"
                ),
                "waiting-for-a-restart",
            ),
            Wait::BlockedAfterSend { sent, pid, release } => (
                format!(
                    "{shown} guesses when `{pid}`, a process the test spawned, has handled `{sent}` and reached the `receive` it blocks in, before the test releases it (`{release}`): it runs no `:sys` loop to sync with, and what it sends comes only after the release, so wait until it is blocked (poll `Process.info({pid}, :status)` for `{{:status, :waiting}}`, or something its call registers, with a bounded retry)"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::NotAChild { stopper, pid } => (
                format!(
                    "{shown} follows `{stopper}`, but `{pid}` is the supervisor's own pid (from its `start_link` in this test), not one of its children: `terminate_child` returns `{{:error, :not_found}}` and stops nothing; pass the child's pid (from the call that started it), or stop the child directly, and then the sleep has nothing to wait for"
                ),
                "waiting-for-a-restart",
            ),
            Wait::Removed { stopper } => (
                format!(
                    "{shown} after `{stopper}` waits for no restart: `terminate_child` returns once the child has ended, and the supervisor does not start again a child it was told to stop; remove the sleep, or, if another process reacts to the child's end, wait for that reaction (a message, a monitor's `:DOWN`)"
                ),
                "waiting-for-a-restart",
            ),
            Wait::Nothing { stopper } => (
                format!(
                    "{shown} after `{stopper}` waits for nothing: the stop returns once the process has ended, and nothing restarts a process the test started with `start_link`; remove the sleep"
                ),
                "waiting-for-a-restart",
            ),
            Wait::Down { stopper } => (
                format!(
                    "{shown} after `{stopper}` waits for the killed process to go down (and for what reacts to it); nothing the test can see restarts it: monitor it and `assert_receive {{:DOWN, ^ref, ...}}`, then check the survivors"
                ),
                "waiting-for-a-restart",
            ),
            Wait::DownInTurn { stopper, victim } => (
                format!(
                    "{shown} after `{stopper}` guesses how long it takes to bring down {victim} in turn; monitor each before the stop (`ref = Process.monitor(pid)`) and `assert_receive {{:DOWN, ^ref, :process, _, _}}` for each in place of the sleep and the checks, then wait for whatever should come back (poll the public API with a bounded retry)"
                ),
                "waiting-for-a-restart",
            ),
            Wait::Reaction { stopper } => (
                format!(
                    "{shown} after `{stopper}` guesses how long other processes take to react to the stop (nothing in this test restarts the process it stopped); wait for that outcome instead: poll the public API with a bounded retry, or `assert_receive` a message the reaction sends"
                ),
                "waiting-for-a-restart",
            ),
            Wait::AfterCall { call } => (
                format!(
                    "{shown} follows `{call}`, which has already returned, so no reply is pending; if the call started work elsewhere, wait for its outcome (`assert_receive` a message it sends, or poll the public API), and if the test needs time to pass, let a clock the test controls move instead"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::AfterStart {
                start,
                kind: Started::Server,
                ..
            } => (
                format!(
                    "{shown} guesses when the server that `{start}` started has done what it begins after `init/1` (which has already returned); poll its public API until it has, with a bounded retry, or have it tell the test"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::AfterStart { start, kind: Started::Spawn, release: Some((pid, release)), .. } => (
                format!(
                    "{shown} guesses when the process `{start}` started has reached the `receive` it blocks in, before the test releases it (`{release}`): a start signal would come before that point, and waiting for its end would never return before the release, so wait until it is blocked (poll `Process.info({pid}, :status)` for `{{:status, :waiting}}`, or something its call registers, with a bounded retry)"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::AfterStart { start, release: Some((task, release)), .. } => (
                format!(
                    "{shown} guesses when the task `{start}` started has reached the call it blocks in, before the test releases that call (`{release}`) and awaits the task: a start signal would come before the call, and an await cannot return before the release, so wait until the task is blocked (poll `Process.info({task}.pid, :status)` for `{{:status, :waiting}}`, or the server's state until the request shows, with a bounded retry)"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::AfterStart { start, acts_on: Some((work, next)), .. } => (
                format!(
                    "{shown} guesses when the process `{start}` started is inside `{work}`, which the next statement acts on (`{next}`): a start signal sent before that call would come too early; wait until the call is under way instead: have the process send its result to the test and retry `{next}` with a bound until that result arrives (or poll, with a bound, something the call changes)"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::AfterStart { start, kind, .. } => {
                let finish = if *kind == Started::Task {
                    "wait for its result with `Task.await/2`"
                } else {
                    "monitor it and `assert_receive {:DOWN, ^ref, :process, _, _}`"
                };
                (
                    format!(
                        "{shown} guesses when the process `{start}` started gets to its work; have it tell the test (`send(parent, :started)`, then `assert_receive :started`), or, if it is meant to finish, {finish}"
                    ),
                    "waiting-for-a-state-change",
                )
            }
            Wait::InCapture { capture } => (
                format!(
                    "{shown} inside `{capture}` guesses when the output has been written (log handlers and devices write in their own time); wait for the event itself: `assert_receive` a message that a handler or the code under test sends, or retry the check on the captured output with a bound"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::AfterSocketWrite { capture, op } => (
                format!(
                    "{shown} inside `{capture}` after `{op}` guesses when the server's connection process has handled what the client did (and logged it), not when a log device has written; if the server closes the connection in answer, read from the socket instead of closing it first (`:gen_tcp.recv(client, 0)` returns `{{:error, :closed}}` once it has, and what it logged before closing is captured by then); otherwise monitor the connection process and `assert_receive {{:DOWN, ^ref, :process, _, _}}` before the capture ends"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::AfterClose { capture } => (
                format!(
                    "{shown} inside `{capture}` after the client saw the socket close waits for the connection's process: what it logged before closing is already captured, so if the checks are about that, drop the sleep; what it logs as it ends (a crash or exit report) comes after the close: for that, monitor the process and `assert_receive {{:DOWN, ^ref, :process, _, _}}` before the capture ends"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::Absence { next, sent } => {
                let message = match sent {
                    Some(sent) => format!(
                        "{shown} guesses how long another process needs to handle the earlier `{sent}` before `{next}`, which checks that something did not happen; sync with `_ = :sys.get_state(pid)` (it returns once the process has handled what was sent before it): a poll would pass at once and prove nothing"
                    ),
                    None => format!(
                        "{shown} waits a fixed time before `{next}`, which checks that something did not happen, where a poll or `assert_receive` would pass at once and prove nothing; make a synchronous call to the process the work would go through (its flush, or `_ = :sys.get_state(pid)`), which returns once it has handled what it was sent, then check"
                    ),
                };
                (message, "waiting-for-a-state-change")
            }
            Wait::Ends { next, pid } => (
                format!(
                    "{shown} guesses how long `{pid}` needs to end before `{next}`; monitor it before whatever ends it (`ref = Process.monitor({pid})`) and `assert_receive {{:DOWN, ^ref, :process, _, _}}` instead: the `:DOWN` comes once it is gone, which also proves it"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::InOrder { pid, sent, next } => (
                format!(
                    "{shown} sits between two messages the test sends to `{pid}` (`{sent}`, then `{next}`): messages from one process to another arrive in the order sent, so `{pid}` handles the second after the first without the sleep; delete it, and if handling the first starts work elsewhere (a timer, another process) that the second must come after, wait for that work's outcome instead"
                ),
                "waiting-for-a-state-change",
            ),
            Wait::Telemetry { next } => (
                format!(
                    "{shown} waits a fixed time before `{next}`, which reads telemetry; attach `:telemetry_test.attach_event_handlers/2` and `assert_receive` the event (`refute_receive` it, to check that none comes) instead"
                ),
                "waiting-for-telemetry",
            ),
            Wait::StateChange { next, sent } => {
                let before = next
                    .as_ref()
                    .map(|n| format!(" before `{n}`"))
                    .unwrap_or_default();
                let message = match sent {
                    Some(sent) => format!(
                        "{shown} guesses how long another process needs to handle the earlier `{sent}`{before}; sync with `_ = :sys.get_state(pid)` (it returns once the process has handled what was sent before it) or poll the public API instead"
                    ),
                    None => {
                        generic.push((call, shown.clone()));
                        format!(
                            "{shown} guesses how long another process needs{before}; wait for the outcome itself: poll the public API with a bounded retry, or `assert_receive` a message or telemetry event that the work sends"
                        )
                    }
                };
                (message, "waiting-for-a-state-change")
            }
        };
        let d = report
            .add(file, &call.ctx, call.expr.byte_range(), message)
            .anchor(anchor);
        if matches!(wait, Wait::Message { assertion: "refute_received" }) {
            d.severity(Severity::Info);
        }
        if let (Some(ms), Some(next)) = (&sleep.literal_ms, next)
            && let Some(fix) = receive_fix(file, call, next, ms)
        {
            d.fix(fix);
        }
    }
}

/// Recognise the sleep forms; `None` for anything else or an `:infinity` wait.
fn sleep_of(file: &File, call: &Call) -> Option<Sleep> {
    let src = file.src;
    if (call.is("Process", "sleep") || call.is(":timer", "sleep")) && call.arity == 1 {
        if call.arg(0).is_some_and(|a| is_infinity(file, a)) {
            return None;
        }
        let literal_ms = call
            .arg(0)
            .filter(|a| a.kind_id() == grammar().kinds.integer && !call.piped && !call.capture)
            .map(|a| file.text(a).to_string());
        let ms = call
            .arg(0)
            .filter(|_| !call.piped && !call.capture)
            .and_then(|a| duration_value(file, a, 0));
        return Some(Sleep {
            shown: format!("`{}`", call.display(src)),
            literal_ms,
            ms,
        });
    }
    if call.name == "receive" && call.local && call.module.is_none() && call.arguments.is_none() {
        let block = call.do_block?;
        let mut stmts = ast::statements(block);
        let after = stmts.next()?;
        if after.kind_id() != grammar().kinds.after_block || stmts.next().is_some() {
            return None;
        }
        let timeout = ast::statements(after)
            .find(|c| c.kind_id() == grammar().kinds.stab_clause)
            .and_then(|clause| ast::field(clause, grammar().fields.left))
            .and_then(|args| args.named_child(0))?;
        if is_infinity(file, timeout) {
            return None;
        }
        return Some(Sleep {
            shown: format!("empty `receive ... after {}`", one_line(file.text(timeout))),
            literal_ms: None,
            ms: None,
        });
    }
    None
}

/// Calls that start, stop or talk to another process: a sleep after one of them may
/// wait for that process.
const PROCESS_CALLS: &[&str] = &[
    "send", "cast", "call", "stop", "exit", "start", "start_link", "start_child",
    "start_supervised", "start_supervised!", "start_link_supervised!", "stop_supervised",
    "stop_supervised!", "spawn", "spawn_link", "spawn_monitor", "async", "async_stream",
    "broadcast", "broadcast!", "broadcast_from", "broadcast_from!", "subscribe", "publish",
    "notify", "execute", "monitor", "register",
];
const PROCESS_MODULES: &[&str] = &[
    "GenServer", "Agent", "Task", "Process", "Supervisor", "DynamicSupervisor", ":sys",
    ":gen_server", ":gen_statem", ":gen_event", ":telemetry", "Phoenix.PubSub", "Registry",
];

/// `Tracer.with_span "SELECT" do Process.sleep(1) end`, `:timer.tc(fn -> ... end)`:
/// the sleep is the work being measured, so that the span or timing has a duration;
/// it waits for no other process. The same for the body of a block given a budget of
/// time (`check all x <- gen, max_run_time: 100 do Process.sleep(25) ... end`): the
/// sleep is how long each run takes, and the test checks what the budget lets run.
fn inside_measured_block(file: &File, sleep: &Call) -> bool {
    let Some(test) = file.test(&sleep.ctx) else {
        return false;
    };
    let at = sleep.node.start_byte();
    file.calls_within(test.node).any(|c| {
        let measures = (c.name.ends_with("span") && c.do_block.is_some())
            || c.is(":timer", "tc")
            || c.do_block.is_some() && sets_time_budget(file, c);
        let body = c.do_block.or(c.arguments).filter(|_| measures);
        body.is_some_and(|b| b.byte_range().contains(&at)) && c.node.id() != sleep.node.id()
    })
}

/// `test "a dot after #{delay} ms" do :timer.sleep(unquote(delay)); nil end`: the
/// test calls nothing but the sleep, so it waits for no process; it takes time on
/// purpose (test/no-assertion speaks of its missing check).
fn sleep_is_the_test(file: &File, sleep: &Call) -> bool {
    let Some(body) = file.test(&sleep.ctx).filter(|t| t.kind == TestKind::Test).and_then(|t| t.body) else {
        return false;
    };
    file.calls_within(body).all(|c| c.node.id() == sleep.node.id() || sleep.node.byte_range().contains(&c.node.start_byte()))
}

/// `for _ <- 1..2000 do run(data); Process.sleep(10); :erlang.garbage_collect() end` in
/// a test that checks nothing (no `assert`, `refute`, `flunk`, no match on a pattern):
/// a soak or leak run watched from outside (R36 nx). The sleep paces the rounds; with
/// no check after it, no check can fail for want of waiting (test/no-assertion speaks
/// of the missing check).
fn paces_a_loop_that_checks_nothing(file: &File, sleep: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(body) = file.test(&sleep.ctx).filter(|t| t.kind == TestKind::Test).and_then(|t| t.body) else {
        return false;
    };
    if !sleep.parent.is_some_and(|block| is_loop_body(file, block)) {
        return false;
    }
    let checks = file.calls_within(body).any(|c| {
        c.local && c.module.is_none() && (c.name.starts_with("assert") || c.name.starts_with("refute") || c.name == "flunk")
    });
    let matches_pattern = file.nodes_within(k.binary_operator, body).any(|op| {
        ast::operator(op, file.src) == "=" && ast::field(op, grammar().fields.left).is_some_and(|l| l.kind_id() != k.identifier)
    });
    !checks && !matches_pattern
}

/// An option among the call's arguments that caps how long it runs (`max_run_time: 100`,
/// `max_time_ms: 50`).
fn sets_time_budget(file: &File, c: &Call) -> bool {
    c.arguments.is_some_and(|args| {
        file.nodes_within(grammar().kinds.pair, args).any(|pair| {
            ast::field(pair, grammar().fields.key)
                .map(|k| ast::keyword_name(k, file.src))
                .is_some_and(|key| key.starts_with("max_") && is_duration_key(key))
        })
    })
}

/// Is the sleep there to let wall-clock time pass (a TTL, a token's max age, two
/// timestamps that must differ), with no other process to wait for? It follows some
/// statement of the test; before it the test starts, stops or messages no process;
/// and the test speaks of time.
fn lets_the_clock_run(file: &File, sleep: &Call) -> bool {
    let Some(test) = file.test(&sleep.ctx) else {
        return false;
    };
    // Time passes since something: a sleep that opens the test waits for no value
    // the test made, so it waits for the application's processes.
    let opens_test = test
        .body
        .and_then(|b| ast::statements(b).find(|s| s.kind_id() != grammar().kinds.comment))
        .is_none_or(|first| first.byte_range().contains(&sleep.node.start_byte()));
    if opens_test {
        return false;
    }
    let before = test.node.start_byte()..sleep.node.start_byte();
    let touches_process = file
        .calls_within(test.node)
        .take_while(|c| c.node.start_byte() < before.end)
        .any(|c| {
            PROCESS_CALLS.contains(&c.name)
                || c.module.as_deref().is_some_and(|m| PROCESS_MODULES.contains(&m))
        });
    let mentions_pid = file.src[before.clone()].contains("pid") || file.src[before.clone()].contains("self()");
    // `test "...", %{cache: cache}`: what the setup started is unknown here.
    let takes_context = ast::call_arguments(test.node).is_some_and(|a| a.named_child_count() > 1);
    !touches_process && !mentions_pid && !takes_context && speaks_of_time(file.text(test.node))
}

/// `test "reports conn_max_idle_time_exceeded"` that sleeps 15 ms where the file
/// configures `conn_max_idle_time: 10`: the test's name names a duration the file sets
/// (in the test's options, or in a plug or handler function of the file), and the test
/// sleeps past it. Elapsed time is the subject of the test, not a guess at when another
/// process is done. The sleeps are summed: `put`, sleep 40, still there, sleep 40, gone,
/// against a TTL of 50, lets the TTL run out over both sleeps.
fn outlasts_configured_duration(file: &File, sleep: &Call, ms: Option<u64>) -> bool {
    let Some(ms) = ms else {
        return false;
    };
    let Some(test) = file.test(&sleep.ctx) else {
        return false;
    };
    // A sleep that ends the test checks nothing after the time has passed: it waits
    // for some process to finish.
    if is_statement_call(sleep) && ast::next_statement(sleep.expr).is_none() {
        return false;
    }
    // The name says what the test is about; the body may pass the same option only to
    // make a peer's background work fast (`sync_interval: 10`, then a sleep for it).
    let name = test.name.to_ascii_lowercase();
    let sleeps = literal_sleeps(file, test);
    configured_durations(file)
        .filter(|(key, _)| {
            names_configured_key(&name, key) || names_key_stem(&name, key) && sets_option(file, test, key)
        })
        .any(|(key, value)| {
            // A TTL counts from the write that sets it, so every sleep after the write
            // adds to the time it has to run out; other timeouts count from events the
            // sleeps do not show (a stop begun, a socket handed over).
            let ttl = key.rsplit('_').next() == Some("ttl");
            value < ms || ttl && runs_out_over_sleeps(&sleeps, value, sleep.node.start_byte())
        })
        || waits_out_named_window(file, &name, ms)
}

/// `run(["--delay-to-sigkill", "250", prog])` in `test "delaying the SIGKILL"`, then
/// `Port.close(port)` and sleeps: the test measures a delay it hands a program on its
/// command line, and its name names the flag. Each sleep after the close places a
/// check before or after that delay ("still running", then "gone"); a poll would
/// pass at once before the delay and prove nothing.
fn times_a_named_cli_delay(file: &File, sleep: &Call) -> bool {
    let Some(test) = file.test(&sleep.ctx) else {
        return false;
    };
    let name = test.name.to_ascii_lowercase();
    let literal = |n: Node| {
        let text = file.text(n);
        (n.kind_id() == grammar().kinds.string && !text.contains("#{"))
            .then(|| text.trim_matches('"'))
    };
    let names_flag = file.nodes_within(grammar().kinds.list, test.node).any(|list| {
        let items: Vec<Node> = ast::named_children(list).collect();
        items.windows(2).any(|pair| {
            let (Some(flag), Some(value)) = (literal(pair[0]).and_then(|f| f.strip_prefix("--")), literal(pair[1])) else {
                return false;
            };
            let words: Vec<String> = flag.split('-').filter(|w| w.len() >= 4).map(str::to_ascii_lowercase).collect();
            !value.is_empty()
                && value.bytes().all(|b| b.is_ascii_digit())
                && ["delay", "timeout", "interval", "ttl"].iter().any(|d| flag.contains(d))
                && !words.is_empty()
                && words.iter().all(|w| name_words(&name).any(|n| n.starts_with(w.as_str())))
        })
    });
    names_flag
        && file.calls_within(test.node).any(|c| {
            c.module.is_some() && matches!(c.name, "close" | "stop" | "exit") && c.node.end_byte() <= sleep.node.start_byte()
        })
}

/// `@tag config: [rate_limiting: [max_events: 2, interval: 150]]` in a test named
/// "rate limiting ...", then a sleep of 150: the duration sits under an option the
/// test's name names, and the sleep waits it out (a rate window, a back-off period)
/// so that the next action is allowed again.
fn waits_out_named_window(file: &File, name: &str, ms: u64) -> bool {
    let g = grammar();
    let k = &g.kinds;
    file.nodes_of(k.pair).iter().any(|&pair| {
        let Some(key) = ast::field(pair, g.fields.key).map(|n| ast::keyword_name(n, file.src)) else {
            return false;
        };
        let value = ast::field(pair, g.fields.value).and_then(|v| duration_value(file, v, 0));
        if !is_duration_key(key) || value.is_none_or(|v| v > ms) {
            return false;
        }
        // Up through the keyword list or map that holds the pair, to the option it is
        // the value of.
        let mut cur = pair;
        while let Some(parent) = file.parent(cur) {
            match parent.kind() {
                "keywords" | "list" | "map_content" | "map" => cur = parent,
                "pair" => {
                    let outer = ast::field(parent, g.fields.key).map(|n| ast::keyword_name(n, file.src));
                    return outer.is_some_and(|o| o.contains('_') && o.len() >= 6 && name.contains(&o.replace('_', " ")));
                }
                _ => return false,
            }
        }
        false
    })
}

/// `batch_timeout = 50`, the option `batch_timeout: batch_timeout`, then
/// `Process.sleep(batch_timeout - 5)`: the sleep is written in terms of a duration the
/// test itself hands to the code under test, to land just before or after it (an old
/// timer that must not fire yet, a timeout that must have passed). The time is the
/// subject of the test, not a guess at when another process is done. Also a field of
/// that name read back from a value the file built with the option.
fn timed_from_option_variable(file: &File, sleep: &Call) -> bool {
    let k = &grammar().kinds;
    let (Some(arg), Some(test)) = (sleep.arg(0), file.test(&sleep.ctx)) else {
        return false;
    };
    let vars: Vec<&str> = ast::descendants(arg)
        .chain(std::iter::once(arg))
        .filter(|n| n.kind_id() == k.identifier)
        .map(|n| file.text(n))
        .collect();
    if vars.is_empty() {
        return false;
    }
    // `Process.sleep(div(config.elect_ttl, 4) + 1)`, where the file's `setup` builds that
    // config with `elect_ttl: 100` and hands it to the test: the same, read back from
    // the value the option went into (R40 kiq's senator test).
    let fields: Vec<&str> = ast::descendants(arg)
        .chain(std::iter::once(arg))
        .filter_map(|n| ast::field_access(n, file.src))
        .filter(|f| is_duration_key(f))
        .collect();
    if configured_durations(file).any(|(key, _)| fields.contains(&key)) {
        return true;
    }
    file.nodes_within(k.pair, test.node).any(|pair| {
        let Some(key) = ast::field(pair, grammar().fields.key).map(|kn| ast::keyword_name(kn, file.src)) else {
            return false;
        };
        // The value is the variable, or the module attribute (`@period`, whose name
        // the sleep's `@period + 10` holds as an identifier too).
        let named = |v: Node| {
            let v = if v.kind_id() == k.unary_operator && ast::operator(v, file.src) == "@" {
                ast::field(v, grammar().fields.operand).unwrap_or(v)
            } else {
                v
            };
            v.kind_id() == k.identifier && vars.contains(&file.text(v))
        };
        is_duration_key(key)
            && pair.start_byte() < sleep.node.start_byte()
            && ast::field(pair, grammar().fields.value).is_some_and(named)
    })
}

/// `Process.sleep(interval * tries)`, then `assert_in_delta ticks, tries, 5`: the sleep
/// is the window over which the test counts what happened, so elapsed time is what the
/// test measures. The wall-clock exemption misses it when a process was started first.
/// Only a duration computed from variables, attributes or zero-arity settings (no
/// literal alone, no call with arguments) count, with an `assert_in_delta`, or an
/// assert that bounds a count ([`bounds_a_count`]), later in the same test.
fn is_measurement_window(file: &File, sleep: &Call) -> bool {
    let k = &grammar().kinds;
    let (Some(arg), Some(test)) = (sleep.arg(0), file.test(&sleep.ctx)) else {
        return false;
    };
    let later = |c: &&Call| c.node.start_byte() > sleep.node.end_byte() && c.local;
    // `Process.sleep(report_interval)` in a loop of sends, then `elapsed = tries *
    // report_interval` into an `assert_in_delta`: the paced interval is what the
    // clock under test sees (R37 membrane_core's ticking-pace test).
    if arg.kind_id() == k.identifier {
        let name = file.text(arg);
        let reused = ast::descendants(test.node)
            .any(|n| n.kind_id() == k.identifier && n.start_byte() > sleep.node.end_byte() && file.text(n) == name);
        return sleep.ctx.in_loop
            && reused
            && file.calls_within(test.node).filter(later).any(|c| c.name == "assert_in_delta");
    }
    if arg.kind_id() != k.binary_operator {
        return false;
    }
    let leaves: Vec<Node> = ast::descendants(arg).collect();
    // `100 * Source.sleep_time()`: a zero-arity function of a module is a setting too.
    let setting = |n: &Node| {
        n.kind_id() == k.call
            && ast::field(*n, grammar().fields.target).is_some_and(|t| t.kind_id() == k.dot)
            && ast::call_arguments(*n).is_none_or(|a| a.named_child_count() == 0)
    };
    let calls: Vec<&Node> = leaves.iter().filter(|n| n.kind_id() == k.call).collect();
    let computed = leaves.iter().any(|n| n.kind_id() == k.identifier) && calls.iter().all(|n| setting(n));
    computed
        && file.calls_within(test.node).filter(later).any(|c| {
            c.name == "assert_in_delta" || c.name == "assert" && c.arg(0).is_some_and(|a| bounds_a_count(file, a))
        })
}

/// `gap = 300`, `Process.sleep(gap)`, and later `assert elapsed < gap + config[:timeout]`
/// where the test reads a clock (`System.monotonic_time/1`): the sleep places the next
/// step late in a window on purpose, and the test measures the time that passed
/// against the same duration. Real time is the subject; a poll would not let it pass.
fn bounds_measured_elapsed_time(file: &File, sleep: &Call) -> bool {
    let k = &grammar().kinds;
    let (Some(arg), Some(test)) = (sleep.arg(0), file.test(&sleep.ctx)) else {
        return false;
    };
    let durations: Vec<&str> = std::iter::once(arg)
        .chain(ast::descendants(arg))
        .filter(|n| n.kind_id() == k.identifier || file.text(*n).starts_with('@') && n.kind_id() == k.unary_operator)
        .map(|n| file.text(n))
        .collect();
    let reads_clock = file
        .calls_within(test.node)
        .any(|c| matches!(c.name, "monotonic_time" | "system_time" | "os_time") && c.node.start_byte() < sleep.node.start_byte());
    reads_clock
        && !durations.is_empty()
        && file
            .calls_within(test.node)
            .filter(|c| c.local && c.name == "assert" && c.node.start_byte() > sleep.node.end_byte())
            .filter_map(|c| c.arg(0))
            .any(|cmp| {
                [">", "<", ">=", "<="].iter().any(|op| ast::is_binary_op(cmp, file.src, op))
                    && ast::descendants(cmp).any(|n| durations.contains(&file.text(n)))
            })
}

/// `buff_no > 65`, `received < 25`: a count held in a variable against a bound above
/// one, what a test asserts about how many things arrived in a window. (`n > 0` only
/// says that something did, which a wait for it says better.)
fn bounds_a_count(file: &File, cond: Node) -> bool {
    let g = grammar();
    if cond.kind_id() != g.kinds.binary_operator || !matches!(ast::operator(cond, file.src), ">" | "<" | ">=" | "<=") {
        return false;
    }
    let (Some(l), Some(r)) = (ast::field(cond, g.fields.left), ast::field(cond, g.fields.right)) else {
        return false;
    };
    let big = |n: Node| n.kind_id() == g.kinds.integer && file.text(n).replace('_', "").parse::<u64>().is_ok_and(|v| v > 1);
    (l.kind_id() == g.kinds.identifier && big(r)) || (r.kind_id() == g.kinds.identifier && big(l))
}

/// `Process.sleep(1200)`, then `Jobs.mark_stale(1000, :millisecond)`: the test lets
/// more time pass than the age it then hands to the code under test, which compares
/// recorded times against it. Or, before the sleep, a point in time shortly ahead
/// (`not_after = DateTime.utc_now() |> Timex.shift(seconds: 1)`, `DateTime.add(now, 1,
/// :second)`) that the sleep outlasts: a certificate or token must expire. Elapsed time
/// is the subject.
fn outlasts_age_given_later(file: &File, sleep: &Call, ms: Option<u64>) -> bool {
    let Some(ms) = ms else {
        return false;
    };
    let Some(test) = file.test(&sleep.ctx) else {
        return false;
    };
    file.calls_within(test.node)
        .filter(|c| in_test_process(c) && !c.capture)
        .any(|c| {
            let after = c.node.start_byte() > sleep.node.end_byte();
            let shifts_time = c.node.end_byte() < sleep.node.start_byte()
                && matches!(c.module.as_deref(), Some("DateTime" | "NaiveDateTime" | "Timex"));
            (after || shifts_time) && given_ages(file, c).any(|age| age < ms)
        })
}

/// `Process.sleep(50)`, then `assert Backoff.total_retry_time(b) >= 50`: the statement
/// after the sleep asserts that at least the slept time has passed. Elapsed time is
/// what the test checks; there is no process to wait for.
fn asserts_time_passed(file: &File, sleep: &Call, ms: Option<u64>) -> bool {
    let Some(ms) = ms else {
        return false;
    };
    if !is_statement_call(sleep) {
        return false;
    }
    let Some(next) = ast::next_statement(sleep.expr) else {
        return false;
    };
    let g = grammar();
    let Some(assert) = file.calls_within(next).find(|c| c.node == next && c.local && c.name == "assert") else {
        return false;
    };
    // The left side measures time (`total_retry_time(b)`, `elapsed_ms`), and the bound
    // is of the sleep's order: a count (`running_children(pid) >= 2`) is no clock.
    assert.arg(0).is_some_and(|cmp| {
        let measures_time = ast::field(cmp, g.fields.left).is_some_and(|l| {
            let text = file.text(l).to_ascii_lowercase();
            ["time", "elapsed", "duration", "_ms", "age", "since"].iter().any(|w| text.contains(w))
        });
        (ast::is_binary_op(cmp, file.src, ">=") || ast::is_binary_op(cmp, file.src, ">"))
            && measures_time
            && ast::field(cmp, g.fields.right)
                .filter(|r| r.kind_id() == g.kinds.integer)
                .and_then(|r| parse_ms(file.text(r)))
                .is_some_and(|n| n > 0 && n <= ms && n * 2 >= ms)
    })
}

/// `StackConfig.put(id, :flush_stall_grace_period, 20)`, then `Process.sleep(50)` and a
/// check: earlier in the test a call sets a duration (an atom naming one, followed by
/// a literal shorter than the sleep), and the sleep outlasts it so that something ages
/// past it. Elapsed time is the subject.
fn outlasts_duration_set_before(file: &File, sleep: &Call, ms: Option<u64>) -> bool {
    let k = &grammar().kinds;
    let (Some(ms), Some(test)) = (ms, file.test(&sleep.ctx)) else {
        return false;
    };
    if is_statement_call(sleep) && ast::next_statement(sleep.expr).is_none() {
        return false;
    }
    file.calls_within(test.node)
        .take_while(|c| c.node.start_byte() < sleep.node.start_byte())
        .any(|c| {
            c.args.windows(2).any(|w| {
                let names_duration = ast::atom_name(w[0], file.src).is_some_and(|key| {
                    is_duration_key(key) || ["period", "grace", "delay"].iter().any(|word| key.contains(word))
                });
                names_duration && w[1].kind_id() == k.integer && parse_ms(file.text(w[1])).is_some_and(|v| v < ms)
            })
        })
}

/// `Jobs.enqueue(q, job, unique_for: 1, unique_until: :expiry)`, the sleep, and the
/// same call again, in a test named for the expiry: the lifetime is an option of each
/// call (a lock a store with its own clock expires), so no start option or clock can
/// stand in for the wait. The option's key ends in `_for` or names an expiry or a TTL,
/// and its integer value, read as seconds or as milliseconds, is shorter than the sleep.
fn outlasts_expiry_given_before(file: &File, sleep: &Call, ms: Option<u64>) -> bool {
    let k = &grammar().kinds;
    let (Some(ms), Some(test)) = (ms, file.test(&sleep.ctx)) else {
        return false;
    };
    let name = test.name.to_ascii_lowercase();
    if !(name.contains("expir") || name_words(&name).any(|w| w == "ttl")) {
        return false;
    }
    // `assert_received` next: the sleep waits for a message, whatever expired meanwhile.
    if next_statement_call(file, sleep).is_some_and(|n| matches!(n.name, "assert_received" | "refute_received")) {
        return false;
    }
    file.calls_within(test.node)
        .take_while(|c| c.node.start_byte() < sleep.node.start_byte())
        .filter(|c| in_test_process(c))
        .filter_map(|c| c.arguments)
        .flat_map(|args| file.nodes_within(k.pair, args))
        .any(|pair| {
            let (Some(key), Some(value)) = (ast::field(pair, grammar().fields.key), ast::field(pair, grammar().fields.value)) else {
                return false;
            };
            let key = ast::keyword_name(key, file.src);
            let lifetime = key.ends_with("_for") || key.contains("expir") || key.contains("ttl");
            lifetime
                && value.kind_id() == k.integer
                && parse_ms(file.text(value)).is_some_and(|v| v < ms && (v.saturating_mul(1_000) < ms || v >= 10))
        })
}

/// `assert {:deny, retry_after} = Limiter.hit(table, key, 100, 1)`, then
/// `Process.sleep(retry_after)`: the code under test said how long to wait (a rate
/// window, a back-off), and the test waits exactly that before it checks the next
/// window. The sleep's argument is a variable bound in the test from a call's result.
fn waits_as_told(file: &File, sleep: &Call) -> bool {
    let k = &grammar().kinds;
    let (Some(arg), Some(test)) = (sleep.arg(0), file.test(&sleep.ctx)) else {
        return false;
    };
    if arg.kind_id() != k.identifier {
        return false;
    }
    let var = file.text(arg);
    file.nodes_within(k.binary_operator, test.node)
        .filter(|m| m.end_byte() < sleep.node.start_byte() && ast::operator(*m, file.src) == "=")
        .any(|m| {
            let left_binds = ast::field(m, grammar().fields.left)
                .is_some_and(|l| ast::descendants(l).any(|n| n.kind_id() == k.identifier && file.text(n) == var));
            let from_call = ast::field(m, grammar().fields.right).is_some_and(|r| {
                file.calls_within(r).any(|c| c.node == r && !c.local && c.module.is_some())
            });
            left_binds && from_call
        })
}

/// Durations a call is given with their unit, in ms: `1_000, :millisecond` as two
/// arguments, or `seconds: 1` in its keywords.
fn given_ages<'a>(file: &'a File, call: &'a Call) -> impl Iterator<Item = u64> + 'a {
    let k = &grammar().kinds;
    let unit_ms = |unit: &str| match unit.trim_end_matches('s') {
        "millisecond" => Some(1),
        "second" => Some(1_000),
        "minute" => Some(60_000),
        _ => None,
    };
    let positional = call.args.windows(2).filter_map(move |pair| {
        (pair[0].kind_id() == k.integer).then_some(())?;
        let unit = unit_ms(ast::atom_name(pair[1], file.src)?)?;
        parse_ms(file.text(pair[0]))?.checked_mul(unit)
    });
    let keywords = call
        .arguments
        .into_iter()
        .flat_map(move |args| file.nodes_within(k.pair, args))
        .filter_map(move |pair| {
            let unit = unit_ms(ast::keyword_name(ast::field(pair, grammar().fields.key)?, file.src))?;
            let value = ast::field(pair, grammar().fields.value).filter(|v| v.kind_id() == k.integer)?;
            parse_ms(file.text(value))?.checked_mul(unit)
        });
    positional.chain(keywords)
}

/// The statement after the sleep reads a socket with a timeout and expects nothing
/// (`assert :gen_tcp.recv(client, 0, 10) == {:error, :timeout}`): the read, as written.
fn reads_silence_next<'t>(file: &File<'t>, sleep: &Call) -> Option<&'t str> {
    let (next, read) = recv_next(file, sleep, 3)?;
    file.text(next).contains("{:error, :timeout}").then(|| read.written(file.src))
}

/// The statement after the sleep and a socket `recv/arity` call in it.
fn recv_next<'a, 't>(file: &'a File<'t>, sleep: &Call<'t>, arity: usize) -> Option<(Node<'t>, &'a Call<'t>)> {
    let next = is_statement_call(sleep).then(|| ast::next_statement(sleep.expr)).flatten()?;
    let read = file
        .calls_within(next)
        .find(|c| c.name == "recv" && c.arity == arity && c.module.is_some() && c.ctx.func == sleep.ctx.func)?;
    Some((next, read))
}

/// `:gen_tcp.recv(socket, 0)` or `:ssl.recv/2` in the statement after the sleep: a
/// passive read with no timeout, which waits for the data by itself.
fn blocking_read_next(file: &File, sleep: &Call) -> Option<String> {
    let (_, read) = recv_next(file, sleep, 2)?;
    (read.in_module(":gen_tcp") || read.in_module(":ssl")).then(|| one_line(file.text(read.node)))
}

/// A sleep between two calls of one function.
struct Separated {
    /// `Log.start_state`, as written.
    function: String,
    /// The sleep ends a loop body: it separates one round's call from the next.
    loop_rounds: bool,
    /// The test records or compares times (`start_date`, `DateTime.utc_now()`).
    stamps_time: bool,
}

/// `Log.start_state(car, :online)`, the sleep, `Log.start_state(car, :asleep)`; or a
/// loop body that writes and then sleeps: the sleep separates two calls of one
/// function. Calls that message, start or stop processes, and socket I/O, are not
/// counted: a pause between those is about the process on the other side.
fn separated_calls(file: &File, sleep: &Call) -> Option<Separated> {
    let test = file.test(&sleep.ctx)?;
    let before = plain_remote_calls(file, sleep, previous_statement(file, sleep)?);
    // The second call may come a few statements later, once its arguments are built
    // (`attrs_2 = Map.merge(attrs, ...)`, then `Fixtures.note_fixture(attrs_2)`).
    let later: Vec<Node> = std::iter::successors(ast::next_statement(sleep.expr), |n| ast::next_statement(*n)).take(3).collect();
    let mut shared = None;
    for next in &later {
        let after = plain_remote_calls(file, sleep, *next);
        shared = before.iter().find(|f| after.contains(f)).cloned();
        if shared.is_some() || !builds_data(file, *next) {
            break;
        }
    }
    // A round that ends with its value (`uuid`) after the sleep still ends there.
    let ends_round = later.iter().all(|n| file.calls_within(*n).next().is_none())
        && sleep.parent.is_some_and(|block| is_loop_body(file, block));
    let (function, loop_rounds) = match shared {
        Some(function) => (function, false),
        None if ends_round => (before.into_iter().next()?, true),
        None => return None,
    };
    // A loop's round makes its own timestamps (`"at" => DateTime.utc_now()`); a pair
    // of calls may compare what they recorded anywhere in the test. A test named for
    // an order (`"lists notes in desc order"`, `"ids are ordered"`) reads back what
    // the two calls made, sorted by when they were made.
    let region = if loop_rounds { sleep.parent? } else { test.node };
    let stamps_time = records_times(file.text(region)) || names_an_order(&test.name);
    // `Cache.put_async(cache, i, i)`: work handed to another process, which the sleep
    // may well wait for, unless the round stamps its own times.
    let hands_off = function.contains("async") || function.ends_with("_later");
    (stamps_time || !hands_off).then_some(Separated {
        function,
        loop_rounds,
        stamps_time,
    })
}

/// Remote calls of a statement, run where the sleep runs, that neither talk to a
/// process nor only compute: `Devices.Metrics.save_metric`, `Log.start_state`. In a
/// pipeline only its last stage counts: `req |> Client.put_conn(conn) |> Client.run()`
/// runs the request, and the stages before it build it.
fn plain_remote_calls(file: &File, sleep: &Call, stmt: Node) -> Vec<String> {
    // Calls in a fn the statement only hands on (`on_exit(fn -> Proxy.reset!() end)`)
    // do not run there.
    file.calls_within(stmt)
        .filter(|c| c.ctx.func == sleep.ctx.func)
        .filter(|c| !builds_for_next_stage(file, c.node))
        .filter(|c| !c.capture && !c.dynamic && !c.local && !PROCESS_CALLS.contains(&c.name))
        .filter_map(|c| {
            let module = c.module.as_deref()?;
            let talks = PROCESS_MODULES.contains(&module)
                || matches!(module, "Kernel" | ":gen_tcp" | ":ssl" | ":socket" | ":rpc" | ":erpc")
                || TIMELESS_MODULES.contains(&module);
            (!talks).then(|| c.written(file.src).to_string())
        })
        .collect()
}

/// `node` is a pipeline stage whose value the next stage takes: the left operand of a
/// `|>`, or the right one of a `|>` that is itself a left operand.
fn builds_for_next_stage(file: &File, node: Node) -> bool {
    let f = &grammar().fields;
    let pipe = |n: Node| ast::is_binary_op(n, file.src, "|>");
    file.parent(node).filter(|p| pipe(*p)).is_some_and(|p| {
        ast::field(p, f.left) == Some(node)
            || file.parent(p).is_some_and(|outer| pipe(outer) && ast::field(outer, f.left) == Some(p))
    })
}

/// The `do` block of a `for`, or the body of a fn given to `Enum` or `Stream`: what
/// runs again on the next round.
fn is_loop_body(file: &File, block: Node) -> bool {
    let k = &grammar().kinds;
    let Some(parent) = block.parent() else {
        return false;
    };
    if block.kind_id() == k.do_block {
        return parent.kind_id() == k.call && ast::local_call_name(parent, file.src) == Some("for");
    }
    let fun = parent.parent().filter(|n| block.kind_id() == k.body && n.kind_id() == k.anonymous_function);
    fun.is_some_and(|fun| {
        file.fns.iter().any(|f| {
            f.node == fun
                && f.called_by
                    .is_some_and(|by| matches!(file.call(by).module.as_deref(), Some("Enum" | "Stream")))
        })
    })
}

/// `attrs_2 = Map.merge(attrs, %{...})`: a statement that only binds data, built by
/// `Map`, `Keyword` or `Enum` (or a literal), and runs nothing else the test checks.
fn builds_data(file: &File, stmt: Node) -> bool {
    let k = &grammar().kinds;
    if stmt.kind_id() != k.binary_operator || crate::syntax::operator(stmt, file.src) != "=" {
        return false;
    }
    let Some(value) = ast::field(stmt, grammar().fields.right) else {
        return false;
    };
    match file.calls_within(value).find(|c| c.node == value) {
        Some(c) => matches!(c.module.as_deref(), Some("Map" | "Keyword" | "Enum")),
        None => value.kind_id() != k.call,
    }
}

/// A test's name that claims an order of records: `"in desc order"`, `"is ordered"`,
/// `"loads sorted relationships"`, `"newest first"`. Not `"creates an order"`.
fn names_an_order(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let words: Vec<&str> = name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    const ORDER_WORDS: &[&str] = &[
        "ordered", "sorted", "desc", "descending", "asc", "ascending", "newest", "oldest", "chronological",
        "chronologically",
    ];
    words.iter().any(|w| ORDER_WORDS.contains(w))
        || words.windows(2).any(|p| {
            p[1] == "order" && matches!(p[0], "in" | "proper" | "right" | "same" | "creation" | "insertion" | "sort" | "reverse")
        })
}

/// Words of code that records or compares points in time (not durations).
/// A sleep of at least a second right after an assertion, in a test that truncates
/// or stores times to the second (`DateTime.truncate(t, :second)`, `:utc_datetime`).
fn crosses_a_second(file: &File, sleep: &Call, ms: Option<u64>) -> bool {
    let (Some(ms), Some(test)) = (ms, file.test(&sleep.ctx)) else {
        return false;
    };
    let after_check = previous_statement(file, sleep)
        .and_then(|prev| file.calls_within(prev).find(|c| c.node == prev))
        .is_some_and(|c| c.local && c.module.is_none() && matches!(c.name, "assert" | "refute"));
    let text = file.text(test.node);
    let to_the_second = text.contains(":second)") && text.contains("truncate") || text.contains(":utc_datetime");
    (1_000..=2_000).contains(&ms) && after_check && to_the_second && records_times(text)
}

/// The statement before the sleep is a `receive` without `after` for one pinned
/// message (`{:last_message, ^id}`, not a `:DOWN`): the last of a stream the test
/// counted on, and something follows the sleep.
fn follows_awaited_message(file: &File, sleep: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(prev) = previous_statement(file, sleep) else {
        return false;
    };
    let awaited = file.calls_within(prev).any(|c| {
        c.node == prev
            && c.local
            && c.module.is_none()
            && c.name == "receive"
            && !super::no_raw_spawn::has_after(c)
            && c.do_block.is_some_and(|b| {
                ast::named_children(b)
                    .filter(|n| n.kind_id() == k.stab_clause)
                    .filter_map(|n| ast::field(n, grammar().fields.left))
                    .all(|p| file.text(p).contains('^') && !file.text(p).contains(":DOWN"))
            })
    });
    awaited && ast::next_statement(sleep.expr).is_some()
}

fn records_times(code: &str) -> bool {
    let code = code.to_ascii_lowercase();
    [
        "utc_now", "timestamp", "datetime", "naive", "system_time", "os_time", "_date", "_at:", "_at ",
        "_at)", "_at,",
    ]
    .iter()
    .any(|w| code.contains(w))
}

/// `Enum.reduce_while(1..30, nil, fn _, acc -> case lookup() do [] -> Process.sleep(100);
/// {:cont, acc}; [{pid, _}] -> {:halt, pid} end end)`: the sleep is the back-off of a
/// poll with a bounded number of rounds that stops on the value it looks for, which is
/// the fix the rule recommends. The fn is given to `Enum.reduce_while/3` and holds a
/// `{:halt, _}`, or to `Enum.find_value/2`, `find/2`, `find_index/2` or `any?/2`, which
/// stop on a truthy answer that the sleep (`:ok`) does not give; and it walks a range, a
/// list or a `take`n stream.
fn backs_off_in_bounded_poll(file: &File, sleep: &Call) -> bool {
    let g = grammar();
    let Some(f) = sleep.ctx.func else {
        return false;
    };
    let fun = &file.fns[f as usize];
    let Some(by) = fun.called_by.map(|id| file.call(id)) else {
        return false;
    };
    if by.module.as_deref() != Some("Enum") {
        return false;
    }
    let halts = match by.name {
        "reduce_while" => file.nodes_within(g.kinds.tuple, fun.node).any(|n| {
            n.named_child_count() == 2
                && n.named_child(0).and_then(|a| ast::atom_name(a, file.src)) == Some("halt")
        }),
        // `fn _ -> check(); Process.sleep(10) end` answers `:ok` at once.
        "find_value" | "find" | "find_index" | "any?" => !is_statement_call(sleep) || ast::next_statement(sleep.expr).is_some(),
        _ => false,
    };
    let take = |n: Node| {
        file.calls_within(n)
            .any(|c| c.node == n && c.name == "take" && matches!(c.module.as_deref(), Some("Enum" | "Stream")))
    };
    let bounded = by.arg(0).is_some_and(|e| {
        ast::is_binary_op(e, file.src, "..")
            || ast::is_binary_op(e, file.src, "//")
            || e.kind_id() == g.kinds.list
            || take(e)
            || ast::is_binary_op(e, file.src, "|>") && ast::field(e, g.fields.right).is_some_and(take)
    });
    halts && bounded
}

/// The sleep is the last statement of the test's own body, and the statement before
/// it (past any `Application.put_env`-style config writes) is a synchronous stop:
/// `Application.stop/1`, `GenServer.stop`, `Supervisor.stop`, `Agent.stop` or
/// `stop_supervised` (R46 nerves_ssh's application test). The stop, as written.
fn ends_the_test_after_stop(file: &File, sleep: &Call) -> Option<String> {
    let body = file.test(&sleep.ctx).filter(|t| t.kind == TestKind::Test).and_then(|t| t.body)?;
    if !is_statement_call(sleep) || ast::next_statement(sleep.expr).is_some() || file.parent(sleep.expr) != Some(body) {
        return None;
    }
    let statements: Vec<Node> = crate::syntax::statements(body).take_while(|s| *s != sleep.expr).collect();
    for stmt in statements.into_iter().rev() {
        let calls: Vec<&Call> = file.calls_within(stmt).collect();
        let config = calls.first().is_some_and(|c| c.is_any("Application", &["put_env", "put_all_env", "delete_env"]));
        if config {
            continue;
        }
        return calls
            .into_iter()
            .find(|c| {
                c.is("Application", "stop")
                    || c.is_any("GenServer", &["stop"])
                    || c.is_any("Supervisor", &["stop"])
                    || c.is_any("Agent", &["stop"])
                    || (c.local && matches!(c.name, "stop_supervised" | "stop_supervised!"))
            })
            .map(|c| c.display(file.src));
    }
    None
}

/// A comment in the test, before the sleep, that says the sleeps keep timestamps apart
/// (`# The sleeps are to ensure records get different timestamps`, R46 grizzly's trace
/// test): the comment, trimmed.
fn says_it_separates_timestamps(file: &File, sleep: &Call) -> Option<String> {
    let test = file.test(&sleep.ctx)?;
    let range = test.node.start_byte()..sleep.node.start_byte();
    file.comments
        .iter()
        .filter(|c| range.contains(&c.start_byte()))
        .map(|c| file.text(*c).trim_start_matches('#').trim())
        .find(|text| {
            let lower = text.to_lowercase();
            lower.contains("sleep") && (lower.contains("timestamp") || lower.contains("different time") || lower.contains("distinct time"))
        })
        .map(str::to_string)
}

/// `assert 0..4 |> Enum.map(fn _ -> Process.sleep(50); read() end) |> Enum.any?(...)`:
/// a bounded poll that collects every round's answer and asserts that one of them
/// matched (R45 k8s). It does wait for the outcome, only never stops early. The
/// range or list, as written.
fn polls_every_round<'s>(file: &File<'s>, sleep: &Call) -> Option<&'s str> {
    let g = grammar();
    let fun = &file.fns[sleep.ctx.func? as usize];
    let by = file.call(fun.called_by?);
    if !by.is("Enum", "map") {
        return None;
    }
    let rounds = by.arg(0).filter(|e| {
        ast::is_binary_op(*e, file.src, "..") || ast::is_binary_op(*e, file.src, "//") || e.kind_id() == g.kinds.list
    })?;
    // The map's answers reach an `assert` that asks whether any of them matched.
    let statement = file.statement_around(by.node);
    let assert = file.calls_within(statement).find(|c| c.node == statement && c.local && c.name == "assert")?;
    let asks_any = file
        .calls_within(assert.node)
        .any(|c| c.is_any("Enum", &["any?", "member?", "find", "find_value"]) && c.node.start_byte() > by.node.start_byte());
    // The answer of each round is the fn's value, read after the sleep.
    let reads_after = is_statement_call(sleep) && ast::next_statement(sleep.expr).is_some();
    (asks_any && reads_after).then(|| file.text(rounds))
}

/// The value of a duration written as an integer, a module attribute of the file
/// (`@interval` where it sets `@interval 50`), or `+`, `-` or `*` of those
/// (`@wait @interval + 30`).
fn duration_value(file: &File, node: Node, depth: u32) -> Option<u64> {
    let k = &grammar().kinds;
    if depth > 4 {
        return None;
    }
    if node.kind_id() == k.integer {
        return parse_ms(file.text(node));
    }
    if node.kind_id() == k.unary_operator {
        let name = file.text(node).strip_prefix('@')?;
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        // `@name value` at most once in the file: a value set twice depends on where
        // it is read.
        let mut sets = file
            .nodes_of(k.unary_operator)
            .iter()
            .filter(|n| file.text(**n).starts_with('@'))
            .filter_map(|n| n.named_child(0).filter(|c| c.kind_id() == k.call))
            .filter(|set| set.named_child(0).is_some_and(|t| file.text(t) == name));
        let (Some(set), None) = (sets.next(), sets.next()) else {
            return None;
        };
        let args = ast::call_arguments(set)?;
        if args.named_child_count() != 1 {
            return None;
        }
        return duration_value(file, args.named_child(0)?, depth + 1);
    }
    if node.kind_id() == k.binary_operator {
        let left = duration_value(file, ast::field(node, grammar().fields.left)?, depth + 1)?;
        let right = duration_value(file, ast::field(node, grammar().fields.right)?, depth + 1)?;
        return match ast::operator(node, file.src) {
            "+" => left.checked_add(right),
            "-" => left.checked_sub(right),
            "*" => left.checked_mul(right),
            _ => None,
        };
    }
    None
}

/// `10_000` → 10000.
fn parse_ms(text: &str) -> Option<u64> {
    text.replace('_', "").parse().ok()
}

/// Keyword options of the file whose key names a duration, with an integer value:
/// `global_ttl: 50`, `read_timeout: 10`, `max_idle_time: 20`.
fn configured_durations<'a>(file: &'a File) -> impl Iterator<Item = (&'a str, u64)> + 'a {
    let k = &grammar().kinds;
    file.nodes_of(k.pair)
        .iter()
        .filter_map(|&pair| {
            let key = ast::keyword_name(ast::field(pair, grammar().fields.key)?, file.src);
            let value = ast::field(pair, grammar().fields.value)?;
            Some((key, duration_value(file, value, 0)?))
        })
        .filter(|(key, _)| is_duration_key(key))
}

/// An option named like a duration: `read_timeout`, `global_ttl`, `max_idle_time`.
fn is_duration_key(key: &str) -> bool {
    // `period`: `sampling_target_period`, a sampler's cycle (R38 elixir_agent).
    ["_time", "timeout", "ttl", "interval", "idle", "_ms", "max_age", "period"]
        .iter()
        .any(|w| key.contains(w))
}

/// Words that end an option's name and say which duration it is: `read_timeout` is a
/// timeout, `global_ttl` a TTL.
const DURATION_WORDS: &[&str] = &["timeout", "ttl", "interval"];

/// Does the test's name name the option: all of it (`max_idle_time`, also with spaces),
/// or its last word when that says the kind of duration (`read_timeout` in "respects
/// the timeout option", `global_ttl` in "ttl 8")?
fn names_configured_key(name: &str, key: &str) -> bool {
    let whole = key.len() >= 6 && (name.contains(key) || name.contains(&key.replace('_', " ")));
    let kind = key.rsplit('_').next().filter(|w| DURATION_WORDS.contains(w));
    whole || kind.is_some_and(|w| name_words(name).any(|n| n == w))
}

/// Does the test's name hold the words of the option before its kind, as whole words
/// ("idle ping" for `idle_interval`, "a health check armed" for
/// `health_check_interval`)? Weaker than [`names_configured_key`]: it only counts for
/// an option the test sets itself.
fn names_key_stem(name: &str, key: &str) -> bool {
    if !key.rsplit('_').next().is_some_and(|w| DURATION_WORDS.contains(&w)) {
        return false;
    }
    let parts: Vec<&str> = key.split('_').filter(|w| !w.is_empty()).collect();
    let stem = &parts[..parts.len().saturating_sub(1)];
    let words: Vec<&str> = name_words(name).collect();
    // A stem of a few letters ("max") says too little to name the option.
    !stem.is_empty() && stem.iter().map(|w| w.len()).sum::<usize>() >= 4 && words.windows(stem.len()).any(|w| w == stem)
}

fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty())
}

/// Does the test itself pass the option (`idle_interval: 1` among its start options)?
fn sets_option(file: &File, test: &Test, key: &str) -> bool {
    let k = &grammar().kinds;
    file.nodes_within(k.pair, test.node).any(|pair| {
        ast::field(pair, grammar().fields.key).is_some_and(|kn| ast::keyword_name(kn, file.src) == key)
    })
}

/// The test's own sleeps with a literal duration, in order: (start byte, ms).
fn literal_sleeps(file: &File, test: &Test) -> Vec<(usize, u64)> {
    file.calls_within(test.node)
        .filter(|c| in_test_process(c))
        .filter_map(|c| {
            let ms = sleep_of(file, c)?.ms?;
            Some((c.node.start_byte(), ms))
        })
        .collect()
}

/// Do the sleeps up to the one at `at` belong to the run that lets `value` ms pass?
/// That is: their sum crosses `value` at this sleep or a later one.
fn runs_out_over_sleeps(sleeps: &[(usize, u64)], value: u64, at: usize) -> bool {
    let mut total = 0;
    sleeps
        .iter()
        .find(|(_, ms)| {
            total += ms;
            total > value
        })
        .is_some_and(|(crossing, _)| at <= *crossing)
}

/// What a sleep measures in a test that starts the code under test with a TTL.
enum TtlSleep {
    /// The test's sleeps add up past the TTL at this sleep or a later one, or this
    /// sleep alone outlasts it.
    Measured,
    /// The TTL (or the sleep) is no literal the sums can use: likely TTL time, shown
    /// with the option as written.
    Unclear(String),
}

/// `{:ok, cache} = Cache.start_link(global_ttl: 50)`, `put(cache, :a, 1)`, sleep 40,
/// a check of `:a`, sleep 40, a check of `:a`: whatever the test is called, the TTL it
/// starts the code with (in its own start call, or a `setup` of its describe) is what
/// the sleeps measure, as they run past it between a write and checks of the same key.
/// A sleep right after an async hand-off (`put_async`, a cast or send) waits for that.
fn measures_own_ttl(file: &File, sleep: &Call, ms: Option<u64>) -> Option<TtlSleep> {
    let test = file.test(&sleep.ctx).filter(|t| t.kind == TestKind::Test)?;
    if !is_statement_call(sleep) || ast::next_statement(sleep.expr).is_none() || follows_hand_off(file, sleep) {
        return None;
    }
    let options = ttl_start_options(file, test, sleep);
    if options.is_empty() || !checks_key_written_before(file, test, sleep) {
        return None;
    }
    let ttls: Vec<u64> = options.iter().filter_map(|(_, ttl)| *ttl).collect();
    match ms {
        Some(ms) if !ttls.is_empty() => {
            let sleeps = literal_sleeps(file, test);
            ttls.iter()
                .any(|&ttl| ttl < ms || runs_out_over_sleeps(&sleeps, ttl, sleep.node.start_byte()))
                .then_some(TtlSleep::Measured)
        }
        _ => Some(TtlSleep::Unclear(options[0].0.clone())),
    }
}

/// TTL options (`global_ttl: 50`, `ttl: @ttl`, `ttl_check_interval: 10`,
/// `expire_after: 100`) of the test's start calls before the sleep and of the start
/// calls in `setup`s of its describe: the option as written, and the TTL in ms when
/// the option is the TTL itself and a literal (a check interval names no TTL).
fn ttl_start_options(file: &File, test: &Test, sleep: &Call) -> Vec<(String, Option<u64>)> {
    let k = &grammar().kinds;
    let own = file
        .calls_within(test.node)
        .take_while(|c| c.node.start_byte() < sleep.node.start_byte())
        .filter(|c| in_test_process(c));
    let setups = file
        .tests
        .iter()
        .filter(|s| s.kind == TestKind::Setup && s.module == test.module && s.describe == test.describe)
        .flat_map(|s| file.calls_within(s.node).filter(|c| in_test_process(c)));
    own.chain(setups)
        .filter(|c| c.name.starts_with("start") && !c.capture)
        .filter_map(|c| c.arguments)
        .flat_map(|args| file.nodes_within(k.pair, args))
        .filter_map(|pair| {
            let key = ast::keyword_name(ast::field(pair, grammar().fields.key)?, file.src);
            (key.contains("ttl") || key.contains("expir")).then_some(())?;
            let is_ttl = key.rsplit('_').next() == Some("ttl") || key.contains("expir");
            let ttl = ast::field(pair, grammar().fields.value)
                .filter(|_| is_ttl)
                .and_then(|v| duration_value(file, v, 0));
            Some((one_line(file.text(pair)), ttl))
        })
        .collect()
}

/// An `assert`/`refute` after the sleep reads a key (the second argument of a remote
/// call, `Cache.get(cache, :a)`) that a call of the same module took before it
/// (`Cache.put(cache, :a, 1)`).
fn checks_key_written_before(file: &File, test: &Test, sleep: &Call) -> bool {
    let key_of = |c: &Call| {
        let module = c.module.as_deref().filter(|_| !c.local && !c.capture)?;
        Some((module.to_string(), file.text(c.arg(1)?)))
    };
    let before: Vec<_> = file
        .calls_within(test.node)
        .take_while(|c| c.node.start_byte() < sleep.node.start_byte())
        .filter(|c| in_test_process(c))
        .filter_map(key_of)
        .collect();
    file.calls_within(test.node)
        .filter(|c| c.node.start_byte() > sleep.node.end_byte() && in_test_process(c))
        .filter(|c| c.local && matches!(c.name, "assert" | "refute"))
        .any(|check| {
            file.calls_within(check.node)
                .filter_map(key_of)
                .any(|key| before.contains(&key))
        })
}

/// The statement before the sleep hands work to another process: an `*async*` or
/// `*_later` call, a cast or a send.
fn follows_hand_off(file: &File, sleep: &Call) -> bool {
    previous_statement(file, sleep).is_some_and(|prev| {
        file.calls_within(prev).any(|c| {
            c.name.contains("async") || c.name.ends_with("_later") || matches!(c.name, "cast" | "send")
        })
    })
}

/// `spawn(fn -> Lock.exec(lock, :a, fn -> :timer.sleep(100) end) end)` earlier in the
/// test, then `Lock.try_exec(...)`, the sleep, `Lock.try_exec(...)`: the spawned
/// process works through the module of the calls the sleep separates, so the sleep
/// waits for it to finish. The spawn, shortened.
fn blocker_started_before(file: &File, sleep: &Call, function: &str) -> Option<String> {
    let test = file.test(&sleep.ctx)?;
    let module = function.rsplit_once('.')?.0;
    let prev = previous_statement(file, sleep)?;
    file.calls_within(test.node)
        .take_while(|c| c.node.start_byte() < prev.start_byte())
        .filter(|c| in_test_process(c) && !c.capture)
        .filter(|c| matches!(c.name, "spawn" | "spawn_link") || c.is_any("Task", &["start", "start_link"]))
        .find(|spawn| {
            file.calls_within(spawn.node)
                .any(|c| c.node != spawn.node && c.written(file.src).rsplit_once('.').is_some_and(|(m, _)| m == module))
        })
        .map(|spawn| shortened(file.text(spawn.node)))
}

/// `:gen_tcp.send(client, "ping")`, `Process.sleep(100)`, `:gen_tcp.send(client, "pong")`
/// in a test named for a timeout, in a file that sets a timeout shorter than the
/// sleep: the client stays idle past the server's timeout on purpose. The pause
/// between two sends on one socket is the time the test is about.
fn idles_between_socket_sends(file: &File, sleep: &Call, ms: Option<u64>) -> bool {
    let Some(ms) = ms else {
        return false;
    };
    let Some(test) = file.test(&sleep.ctx).filter(|t| t.name.to_ascii_lowercase().contains("timeout")) else {
        return false;
    };
    let Some(socket) = next_statement_call(file, sleep).and_then(|n| socket_sent_to(file, n)) else {
        return false;
    };
    let sent_before = file
        .calls_within(test.node)
        .take_while(|c| c.node.start_byte() < sleep.node.start_byte())
        .any(|c| in_test_process(c) && socket_sent_to(file, c) == Some(socket));
    let shorter_timeout = configured_durations(file).any(|(key, value)| key.contains("timeout") && value < ms)
        || callback_timeouts(file).any(|value| value < ms);
    sent_before && shorter_timeout
}

/// `for _ <- 1..6 do :gen_tcp.send(client, "ping"); Process.sleep(50) end` in a test
/// named for a `read_timeout: 100` it configures: the client keeps the connection busy
/// with pauses shorter than the timeout, and the pacing is what the test checks (the
/// mirror of `idles_between_socket_sends`). The sleep follows a send on a socket and
/// repeats in a loop, or comes before another send on the same socket.
fn paces_socket_sends_within_timeout(file: &File, sleep: &Call, ms: Option<u64>) -> bool {
    let Some(ms) = ms else {
        return false;
    };
    let Some(test) = file.test(&sleep.ctx) else {
        return false;
    };
    let name = test.name.to_ascii_lowercase();
    let Some(socket) = previous_statement(file, sleep).and_then(|prev| sent_or_echoed_on(file, prev)) else {
        return false;
    };
    let sends_again = next_statement_call(file, sleep).and_then(|n| socket_sent_to(file, n)) == Some(socket);
    let repeats = in_loop(file, sleep, test.node);
    // "timer resets from the last client message": the read timer is the timeout.
    let names_idle_timer = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| matches!(w, "timer" | "idle" | "inactivity"));
    let longer_timeout = test_durations(file, test).any(|(key, value)| {
        (key.contains("timeout") || key.contains("idle"))
            && (names_configured_key(&name, key) || names_idle_timer)
            && ms < value
    });
    (sends_again || repeats) && longer_timeout
}

/// The socket that `stmt` writes to (`:gen_tcp.send(client, "ping")`), or reads the
/// echo from right after a write to it (`assert :gen_tcp.recv(client, 4) == {:ok, ~c"ping"}`
/// after `:gen_tcp.send(client, "ping")`).
fn sent_or_echoed_on<'t>(file: &File<'t>, stmt: Node<'t>) -> Option<&'t str> {
    let statement_call = |n: Node<'t>| file.calls_within(n).find(|c| c.node == n);
    if let Some(socket) = statement_call(stmt).and_then(|c| socket_sent_to(file, c)) {
        return Some(socket);
    }
    let read_from = file
        .calls_within(stmt)
        .find(|c| c.name.starts_with("recv") && c.module.is_some())
        .and_then(|c| c.arg(0))
        .map(|a| file.text(a))?;
    let mut prev = stmt.prev_named_sibling();
    while let Some(n) = prev.filter(|n| n.kind_id() == grammar().kinds.comment) {
        prev = n.prev_named_sibling();
    }
    prev.and_then(statement_call)
        .and_then(|c| socket_sent_to(file, c))
        .filter(|socket| *socket == read_from)
}

/// `ThousandIsland.stop(server)` begun in a `Task.async` (or `spawn`) in a test named
/// for the `shutdown_timeout: 500` it configures, then a shorter sleep before the
/// checks: the sleep places them inside the window in which the stop waits for open
/// connections. The timing is the subject; awaiting the stop would end the window.
fn waits_inside_shutdown_window(file: &File, sleep: &Call, ms: Option<u64>) -> bool {
    let Some(ms) = ms else {
        return false;
    };
    let Some(test) = file.test(&sleep.ctx) else {
        return false;
    };
    if !is_statement_call(sleep) || ast::next_statement(sleep.expr).is_none() {
        return false;
    }
    let name = test.name.to_ascii_lowercase();
    let stop_begun = file
        .calls_within(test.node)
        .take_while(|c| c.node.start_byte() < sleep.node.start_byte())
        .filter(|c| c.is_any("Task", &["async", "start", "start_link"]) || matches!(c.name, "spawn" | "spawn_link"))
        .any(|start| {
            file.calls_within(start.node)
                .any(|c| c.node != start.node && ["stop", "shutdown", "drain"].iter().any(|w| c.name.contains(w)))
        });
    let window = test_durations(file, test).any(|(key, value)| {
        ["shutdown", "grace", "drain"].iter().any(|w| key.contains(w)) && names_configured_key(&name, key) && ms < value
    });
    stop_begun && window
}

/// Duration options of the file (`configured_durations`), and those the test passes
/// from a variable it binds to an integer (`read_timeout = 100`, then
/// `read_timeout: read_timeout`).
fn test_durations<'a>(file: &'a File, test: &'a Test) -> impl Iterator<Item = (&'a str, u64)> + 'a {
    let k = &grammar().kinds;
    let bound = file
        .nodes_within(k.pair, test.node)
        .filter_map(move |pair| {
            let key = ast::keyword_name(ast::field(pair, grammar().fields.key)?, file.src);
            let value = ast::field(pair, grammar().fields.value)?;
            (value.kind_id() == k.identifier).then_some(())?;
            let var = file.text(value);
            let ms = file
                .nodes_within(k.binary_operator, test.node)
                .filter(|n| n.end_byte() <= pair.start_byte() && ast::is_binary_op(*n, file.src, "="))
                .filter(|n| ast::field(*n, grammar().fields.left).is_some_and(|l| file.text(l) == var))
                .filter_map(|n| ast::field(n, grammar().fields.right))
                .filter(|r| r.kind_id() == k.integer)
                .find_map(|r| parse_ms(file.text(r)))?;
            Some((key, ms))
        });
    configured_durations(file).chain(bound)
}

/// Is the call inside a loop of the test: a `for`, or a fn given to an `Enum` or
/// `Stream` function?
fn in_loop(file: &File, call: &Call, test: Node) -> bool {
    let k = &grammar().kinds;
    std::iter::successors(call.node.parent(), |n| n.parent())
        .take_while(|n| n.id() != test.id())
        .any(|n| {
            n.kind_id() == k.call && ast::local_call_name(n, file.src) == Some("for")
                || n.kind_id() == k.anonymous_function
                    && file.fns.iter().any(|f| {
                        f.node == n
                            && f.called_by
                                .is_some_and(|by| matches!(file.call(by).module.as_deref(), Some("Enum" | "Stream")))
                    })
        })
}

/// The statement before the sleep saw the peer close the socket:
/// `assert :gen_tcp.recv(client, 0) == {:error, :closed}`, or a `:tcp_closed` message.
fn follows_socket_close(file: &File, sleep: &Call) -> bool {
    previous_statement(file, sleep).is_some_and(|prev| {
        let text = file.text(prev);
        text.contains("{:error, :closed}") || text.contains(":tcp_closed") || text.contains(":ssl_closed")
    })
}

/// "no history is recorded when analytics is disabled", "does not notify": the test
/// is about something that must not happen, not about a value going away (an entry
/// that expires, a node that is forgotten), which a bounded poll does wait for.
fn names_something_not_happening(name: &str) -> bool {
    let name = name.to_ascii_lowercase().replace("n't", " not");
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| matches!(w, "no" | "not" | "never" | "nothing" | "none" | "without" | "skips" | "ignores"))
}

/// `refute ...`, `assert rows == []` (or `== %{}`, `== nil`, `== 0`),
/// `assert Enum.empty?(...)`, `assert is_nil(...)`: the statement checks that
/// something did not happen.
fn checks_absence(file: &File, stmt: Node) -> bool {
    let Some(check) = file.calls_within(stmt).find(|c| c.node == stmt && c.local && c.module.is_none()) else {
        return false;
    };
    match check.name {
        "refute" => true,
        "assert" => check.arg(0).is_some_and(|claim| {
            let empty_value = ast::is_binary_op(claim, file.src, "==")
                && ast::field(claim, grammar().fields.right)
                    .is_some_and(|r| matches!(file.text(r), "[]" | "%{}" | "nil" | "0"))
                && !seen_nonempty_before(file, check, claim);
            let empty_check = file.calls_within(claim).any(|c| {
                c.node == claim && (c.is("Enum", "empty?") || c.name == "is_nil" && c.module.as_deref().is_none_or(|m| m == "Kernel"))
            });
            empty_value || empty_check
        }),
        _ => false,
    }
}

/// `assert Process.alive?(pid)`: the process has not stopped. It was alive before the
/// sleep too, so a poll for it would pass at once: the check is an absence (R28 kino).
/// `Process.alive?(Process.whereis(name))` may wait for a restart, a change a poll can
/// wait for.
/// `refute Process.alive?(pid)`: the pid (a variable) the statement checks is dead.
/// After a kill, the statement right after the sleep checks that a process other
/// than the one killed is dead (`Process.exit(pid, :kill)`, then `refute
/// Process.alive?(chan.pid)`): that process, as written (R45 amqp).
fn killed_in_turn(file: &File, sleep: &Call) -> Option<String> {
    let k = &grammar().kinds;
    // `asserts_dead` takes a plain variable; a victim is often a field (`chan.pid`).
    let refuted_alive = |stmt: Node| -> Option<&str> {
        let check = file.calls_within(stmt).find(|c| c.node == stmt && c.local && c.name == "refute")?;
        let claim = check.arg(0)?;
        file.calls_within(claim)
            .find(|a| a.node == claim && a.is("Process", "alive?"))
            .and_then(|a| a.arg(0))
            .filter(|pid| pid.kind_id() == k.identifier || ast::field_access(*pid, file.src).is_some())
            .map(|pid| file.text(pid))
    };
    let test = file.test(&sleep.ctx)?;
    let stopped_directly = |victim: &str| {
        file.calls_within(test.node)
            .filter(|c| c.node.end_byte() <= sleep.node.start_byte())
            .filter(|c| c.is("Process", "exit") || c.is("GenServer", "stop") || c.is("Supervisor", "stop") || c.is("Agent", "stop"))
            .any(|c| c.arg(0).is_some_and(|a| file.text(a) == victim))
    };
    // The statement right after the sleep checks a victim; later checks of the same
    // kind in the block, before any other wait, name the rest of the chain (R45 amqp:
    // the channel, then the connection it takes down).
    let first = refuted_alive(ast::next_statement(sleep.expr)?)?;
    if stopped_directly(first) {
        return None;
    }
    let mut victims = vec![first];
    let mut cur = ast::next_statement(sleep.expr).and_then(ast::next_statement);
    while let Some(stmt) = cur {
        let waits = file.calls_within(stmt).any(|c| c.is("Process", "sleep") || c.is(":timer", "sleep"));
        if waits {
            break;
        }
        if let Some(v) = refuted_alive(stmt).filter(|v| !stopped_directly(v) && !victims.contains(v)) {
            victims.push(v);
        }
        cur = ast::next_statement(stmt);
    }
    Some(match victims.as_slice() {
        [one] => format!("`{one}`"),
        [init @ .., last] => format!("{} and `{last}`", init.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")),
        [] => return None,
    })
}

fn asserts_dead<'s>(file: &File<'s>, stmt: Node) -> Option<&'s str> {
    let k = &grammar().kinds;
    let check = file
        .calls_within(stmt)
        .find(|c| c.node == stmt && c.local && c.module.is_none() && c.name == "refute")?;
    let claim = check.arg(0)?;
    file.calls_within(claim)
        .find(|a| a.node == claim && a.is("Process", "alive?"))
        .and_then(|a| a.arg(0))
        .filter(|pid| pid.kind_id() == k.identifier)
        .map(|pid| file.text(pid))
}

fn asserts_still_alive(file: &File, stmt: Node) -> bool {
    file.calls_within(stmt).any(|c| {
        c.node == stmt
            && c.local
            && c.module.is_none()
            && c.name == "assert"
            && c.arg(0).is_some_and(|claim| {
                file.calls_within(claim).any(|a| {
                    a.node == claim
                        && a.is("Process", "alive?")
                        && a.arg(0).is_some_and(|pid| pid.kind_id() == grammar().kinds.identifier)
                })
            })
    })
}

/// `assert count(id) > 0`, then the action, then `assert count(id) == 0`: the same
/// value was checked non-empty earlier in the test, so the empty check is a change
/// the work makes (a pool drained), which a poll can wait for, not an absence.
fn seen_nonempty_before(file: &File, check: &Call, claim: Node) -> bool {
    let g = grammar();
    let Some(left) = ast::field(claim, g.fields.left).map(|l| file.text(l)) else {
        return false;
    };
    file.calls_named("assert").any(|c| {
        c.ctx.test == check.ctx.test
            && c.node.end_byte() < check.node.start_byte()
            && c.arg(0).is_some_and(|earlier| {
                [">", "!=", "!==", ">="].iter().any(|op| ast::is_binary_op(earlier, file.src, op))
                    && ast::field(earlier, g.fields.left).is_some_and(|l| file.text(l) == left)
            })
    })
}

/// The socket (or client) a `send*` call writes to: `:gen_tcp.send(client, data)`,
/// `Client.send_body(socket, ...)`. Not a message to a process.
fn socket_sent_to<'t>(file: &File<'t>, call: &Call<'t>) -> Option<&'t str> {
    let module = call.module.as_deref()?;
    let to_process = module == "Kernel" || PROCESS_MODULES.contains(&module);
    let first = call.arg(0).filter(|a| a.kind_id() == grammar().kinds.identifier)?;
    (call.name.starts_with("send") && !to_process).then(|| file.text(first))
}

/// Timeouts that callbacks of the file return: the last element of
/// `{:noreply, state, 50}`, `{:continue, state, {:persistent, 50}}`.
fn callback_timeouts<'a>(file: &'a File) -> impl Iterator<Item = u64> + 'a {
    let k = &grammar().kinds;
    file.nodes_of(k.tuple)
        .iter()
        .copied()
        .filter(|n| n.named_child_count() >= 3)
        .filter(|t| {
            t.named_child(0)
                .and_then(|tag| ast::atom_name(tag, file.src))
                .is_some_and(|tag| matches!(tag, "noreply" | "reply" | "continue" | "ok" | "keep_state" | "next_state"))
        })
        .filter_map(|t| {
            let last = t.named_child(t.named_child_count() as u32 - 1)?;
            let value = if last.kind_id() == k.tuple && last.named_child_count() == 2 {
                last.named_child(1)?
            } else {
                last
            };
            (value.kind_id() == k.integer).then(|| parse_ms(file.text(value))).flatten()
        })
}

/// Words of code about wall-clock time: expiry, ages, timeouts, timestamps.
fn speaks_of_time(code: &str) -> bool {
    let code = code.to_ascii_lowercase();
    [
        "expire", "expiry", "ttl", "max_age", "timeout", "_ms", "system_time", "monotonic_time",
        "os_time", "datetime", "utc_now", "timestamp", "_at:", "_at ", "_at)", "_at,",
        // Often only the test's name says it (two ids that must sort by creation
        // time "across milliseconds").
        "millisecond", "microsecond", "time-based", "clock", "elapsed",
        // Records read back in creation order (`NewsItem.newest_first()`): the sleep
        // makes their second-resolution timestamps differ.
        "newest", "oldest", "most_recent",
    ]
    .iter()
    .any(|w| code.contains(w))
        || names_milliseconds(&code)
}

/// A number of milliseconds written in text: `1000ms`, `500 ms` (R41 ex_rated's test
/// "on 1000ms bucket check with a sleep in the middle", a rate window). The `ms`
/// stands alone: not the start of a longer word (`msg`, `500 msgs`).
fn names_milliseconds(code: &str) -> bool {
    code.match_indices("ms").any(|(at, _)| {
        let number = code[..at].strip_suffix(' ').unwrap_or(&code[..at]);
        let ends_word = code[at + 2..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '_');
        ends_word && number.ends_with(|c: char| c.is_ascii_digit())
    })
}

/// What the sleep precedes: the next statement, named in the message; a telemetry
/// wait only when that statement itself reads telemetry (a mention elsewhere in the
/// module says nothing about this sleep).
fn waits_before<'s>(file: &File, call: &Call) -> Wait<'s> {
    if let Some((sent, pid, release)) = released_after_send(file, call) {
        return Wait::BlockedAfterSend { sent, pid, release };
    }
    let sent = sent_before(file, call);
    let Some(next) = is_statement_call(call)
        .then(|| ast::next_statement(call.expr))
        .flatten()
    else {
        return Wait::StateChange { next: None, sent };
    };
    if let Some((pid, first, second)) = sends_around(file, call, next) {
        return Wait::InOrder { pid, sent: first, next: second };
    }
    // A bare value (the setup's return map) is no check the sleep waits for, and
    // `on_exit(fn -> ... end)` only registers a cleanup.
    let registers_cleanup = file
        .calls_within(next)
        .next()
        .is_some_and(|c| c.node == next && c.local && c.name == "on_exit");
    if file.calls_within(next).next().is_none() || registers_cleanup {
        return Wait::StateChange { next: None, sent };
    }
    let k = &grammar().kinds;
    // Asked only of a module named with the word: no scan of the file per sleep.
    let uses_telemetry = || {
        file.calls
            .iter()
            .any(|c| matches!(c.module.as_deref(), Some(":telemetry" | ":telemetry_test")))
    };
    let reads_telemetry = file.calls_within(next).any(|c| {
        // `TelemetryRecorder.count([:my_app, :job, :stop])` is given an event name;
        // `TelemetryProcessor.buffer_size(:log)` (a buffer process named so) is not.
        let event_arg = || {
            c.args.iter().any(|a| {
                a.kind_id() == k.list && a.named_child_count() > 1 && ast::named_children(*a).all(|e| e.kind_id() == k.atom)
            })
        };
        matches!(c.module.as_deref(), Some(":telemetry" | ":telemetry_test"))
            || c.name.contains("telemetry")
            || c.module.as_deref().is_some_and(|m| {
                m.rsplit('.').next().is_some_and(|last| last.ends_with("Telemetry"))
                    || m.contains("Telemetry") && (event_arg() || uses_telemetry())
            })
    });
    if let Some(pid) = asserts_dead(file, next) {
        return Wait::Ends { next: shortened(file.text(next)), pid: pid.to_string() };
    }
    let absence = asserts_still_alive(file, next)
        || checks_absence(file, next) && file.test(&call.ctx).is_some_and(|t| names_something_not_happening(&t.name));
    let next = shortened(file.text(next));
    if absence {
        return Wait::Absence { next, sent };
    }
    if reads_telemetry {
        Wait::Telemetry { next }
    } else {
        Wait::StateChange { next: Some(next), sent }
    }
}

/// The last cast or send to another process before the sleep in the same test or
/// function (`GenServer.cast/2`, `send/2` not to `self()`): only then is there a
/// message in flight that `:sys.get_state/1` could wait for.
fn sent_before(file: &File, sleep: &Call) -> Option<String> {
    let scope = file
        .test(&sleep.ctx)
        .map(|t| t.node)
        .or_else(|| file.def(&sleep.ctx).map(|d| d.node))?;
    file.calls_within(scope)
        .filter(|c| c.node.end_byte() <= sleep.node.start_byte() && !c.capture && c.ctx.def == sleep.ctx.def)
        .filter(|c| {
            let send = c.is("Kernel", "send") || c.is(":erlang", "send") || c.is("Process", "send");
            let cast = c.name == "cast"
                && matches!(c.module.as_deref(), Some("GenServer" | ":gen_server" | ":gen_statem" | "GenStage"))
                || c.is("GenServer", "abcast");
            let to_self = c.arg(0).is_some_and(|to| {
                ast::is_self_call(to, file.src) || file.bound_from_self(&c.ctx, file.text(to), c.node.start_byte())
            });
            // A send written inside a `fn` may run in another process (a spawned
            // helper, a callback of the code under test): no barrier for the test.
            let in_fn = ast::parent_of_kind(c.node, grammar().kinds.anonymous_function, 64)
                .is_some_and(|f| f.start_byte() > scope.start_byte());
            (send || cast) && !to_self && !in_fn
        })
        .last()
        // A process the test spawned itself runs no `:sys` loop, so `:sys.get_state/1`
        // is no barrier for it: judge the sleep by what follows instead.
        .filter(|c| !c.arg(0).is_some_and(|to| spawned_bare(file, scope, file.text(to), c)))
        .filter(|c| {
            // `send(child, :continue)`, then `assert_receive {:DOWN, ^ref, ...}`: the
            // test has seen the receiver end, so the sleep waits for something else.
            !file.calls_within(scope).any(|a| {
                a.node.start_byte() > c.node.end_byte()
                    && a.node.end_byte() <= sleep.node.start_byte()
                    && matches!(a.name, "assert_receive" | "assert_received")
                    && a.arg(0).is_some_and(|p| matches!(file.text(p).split(',').next(), Some("{:DOWN" | "{:EXIT")))
            })
        })
        .map(|c| c.display(file.src))
}

/// `send(server, {:gun_error, ...})`, the sleep, `send(server, {:gun_down, ...})`: the
/// statements right around the sleep send to the same process from the test's own
/// process. Erlang keeps the order of messages between two processes, so the second
/// is handled after the first however long the sleep. The process, and both sends
/// as written.
fn sends_around(file: &File, sleep: &Call, next: Node) -> Option<(String, String, String)> {
    let prev = previous_statement(file, sleep)?;
    let send_to = |stmt: Node| {
        let c = file.calls_within(stmt).find(|c| c.node == stmt)?;
        let send = c.is("Kernel", "send") || c.is(":erlang", "send") || c.is("Process", "send");
        let to = c.arg(0).filter(|to| send && to.kind_id() == grammar().kinds.identifier)?;
        Some((file.text(to), c))
    };
    let cast_to = |stmt: Node| {
        let c = file.calls_within(stmt).find(|c| c.node == stmt && c.is("GenServer", "cast"))?;
        let to = c.arg(0).filter(|to| to.kind_id() == grammar().kinds.identifier)?;
        Some((file.text(to), c))
    };
    // `state = :sys.get_state(pool)` or `GenServer.call(pool, ...)` after a cast to
    // `pool` (R41 poolex): a request the process takes after the cast, like a send.
    let request_to = |stmt: Node| {
        let value = if ast::is_binary_op(stmt, file.src, "=") { ast::field(stmt, grammar().fields.right)? } else { stmt };
        let c = file.calls_within(value).find(|c| c.node == value)?;
        let request = c.is(":sys", "get_state") || c.is(":sys", "get_status") || c.is("GenServer", "call");
        let to = c.arg(0).filter(|to| request && to.kind_id() == grammar().kinds.identifier)?;
        Some((file.text(to), c))
    };
    let ((first_to, first), (second_to, second)) = match (send_to(prev), send_to(next)) {
        (Some(a), Some(b)) => (a, b),
        (a, _) => (a.or_else(|| cast_to(prev))?, request_to(next)?),
    };
    (first_to == second_to && in_test_process(first) && in_test_process(second)).then(|| {
        (first_to.to_string(), shortened(file.text(first.node)), shortened(file.text(second.node)))
    })
}

/// `send(subscriber, :retry)`, the sleep, and later `send(subscriber, {:connection,
/// conn})` with no check in between, where the test spawned `subscriber` itself: the
/// first send, the process's variable and the release.
fn released_after_send(file: &File, sleep: &Call) -> Option<(String, String, String)> {
    let test = file.test(&sleep.ctx)?;
    let is_send = |c: &&Call| (c.is("Kernel", "send") || c.is("Process", "send")) && !c.capture && c.ctx.def == sleep.ctx.def;
    let in_fn = |c: &Call| {
        ast::parent_of_kind(c.node, grammar().kinds.anonymous_function, 64).is_some_and(|f| f.start_byte() > test.node.start_byte())
    };
    let sent = file
        .calls_within(test.node)
        .filter(|c| c.node.end_byte() <= sleep.node.start_byte() && !in_fn(c))
        .filter(is_send)
        .last()?;
    let pid = sent.arg(0).filter(|d| d.kind_id() == grammar().kinds.identifier).map(|d| file.text(d))?;
    if !spawned_bare(file, test.node, pid, sent) {
        return None;
    }
    let release = file
        .calls_within(test.node)
        .filter(|c| c.node.start_byte() > sleep.node.end_byte() && !in_fn(c))
        .filter(is_send)
        .find(|c| c.arg(0).is_some_and(|d| file.text(d) == pid))?;
    (!checked_before_release(file, test.node, sleep, release))
        .then(|| (shortened(file.text(sent.node)), pid.to_string(), shortened(file.text(release.node))))
}

/// `var` was bound from `spawn/1`, `spawn_link/1` or `spawn_monitor/1` in `scope`
/// before `call` (`{var, ref} = spawn_monitor(...)` too): a bare process, which does
/// not answer `:sys` requests.
fn spawned_bare(file: &File, scope: Node, var: &str, call: &Call) -> bool {
    file.calls_within(scope)
        .filter(|s| s.node.end_byte() <= call.node.start_byte() && matches!(s.name, "spawn" | "spawn_link" | "spawn_monitor"))
        .filter(|s| s.module.is_none() || s.module.as_deref() == Some("Kernel"))
        .any(|s| {
            file.parent(s.node)
                .filter(|p| ast::is_binary_op(*p, file.src, "="))
                .and_then(|p| ast::field(p, grammar().fields.left))
                .is_some_and(|left| {
                    std::iter::once(left)
                        .chain(ast::named_children(left))
                        .any(|n| n.kind_id() == grammar().kinds.identifier && file.text(n) == var)
                })
        })
}

/// The statement right before the sleep, when it starts a process of the test's
/// own: `spawn(fn -> ... end)`, `task = Task.async(fn -> ... end)`.
fn started_before(file: &File, sleep: &Call) -> Option<(String, Started)> {
    let prev = previous_statement(file, sleep)?;
    let value = statement_value(file, prev)?;
    file.calls_within(value)
        .find(|c| c.node == value)
        .filter(|c| !c.capture)
        .and_then(|c| {
            let kind = if matches!(c.name, "spawn" | "spawn_link" | "spawn_monitor") {
                Started::Spawn
            } else if c.is_any("Task", &["async", "start", "start_link"]) {
                if c.name == "async" { Started::Task } else { Started::Spawn }
            } else if c.local
                && matches!(c.name, "start_supervised" | "start_supervised!" | "start_link_supervised!")
            {
                Started::Server
            } else {
                return None;
            };
            Some((shortened(file.text(prev)), kind))
        })
}

/// `spawn(fn -> :ok = Db.execute(conn, sql) end)`, the sleep, then
/// `:ok = Db.interrupt(conn)`: the process's work is a call that the statement after
/// the sleep acts on, through the same module and a value both hold. The sleep stands
/// for "the call is under way", which no message sent before it can say.
fn blocked_in_shared_call<'t>(file: &File<'t>, sleep: &Call<'t>) -> Option<(String, String)> {
    let k = &grammar().kinds;
    let start_value = statement_value(file, previous_statement(file, sleep)?)?;
    let start = file.calls_within(start_value).find(|c| c.node == start_value)?;
    let fun = start.args.iter().copied().find(|a| a.kind_id() == k.anonymous_function)?;
    let next = ast::next_statement(sleep.expr)?;
    let next_value = statement_value(file, next)?;
    let shared_work = |acting: &Call, same_call: bool| {
        let held: Vec<&str> = acting.args.iter().filter(|a| a.kind_id() == k.identifier).map(|a| file.text(*a)).collect();
        // The last such call: the one the process blocks in (`multi_step` after `prepare`).
        file.calls_within(fun)
            .filter(|c| {
                c.module == acting.module
                    && if same_call { file.text(c.node) == file.text(acting.node) } else { c.name != acting.name }
                    && c.args.iter().any(|a| a.kind_id() == k.identifier && held.contains(&file.text(*a)))
            })
            .last()
    };
    let direct = file.calls_within(next_value).find(|c| c.node == next_value && c.module.is_some());
    // `assert Api.request(op, config) == expected` making the very call the process
    // makes: two requests the sleep orders (the test's arrives while the process's is
    // under way).
    let asserted = || {
        let assert = file.calls_within(next_value).find(|c| c.node == next_value && c.local && c.name == "assert")?;
        let left = assert.arg(0).filter(|a| ast::is_binary_op(*a, file.src, "=="))?;
        let left = ast::field(left, grammar().fields.left)?;
        file.calls_within(left).find(|c| c.node == left && c.module.is_some())
    };
    let work = match direct {
        Some(acting) => shared_work(acting, false),
        None => asserted().and_then(|acting| shared_work(acting, true)),
    }?;
    Some((shortened(file.text(work.node)), shortened(file.text(next))))
}

/// `client = spawn_link(fn -> ... end)`, the sleep, and later `send(client, reply)`: the
/// process blocks in a `receive` that the test's send releases, so the sleep orders
/// that `receive` before the release. The process's variable and the send.
fn released_by_send(file: &File, sleep: &Call) -> Option<(String, String)> {
    let var = bound_just_before(file, sleep)?;
    let test = file.test(&sleep.ctx)?;
    let after = || file.calls_within(test.node).filter(|c| c.node.start_byte() > sleep.node.end_byte() && c.ctx.func == sleep.ctx.func);
    let release = after().find(|c| (c.is("Kernel", "send") || c.is("Process", "send")) && c.arg(0).is_some_and(|to| file.text(to) == var))?;
    (!checked_before_release(file, test.node, sleep, release)).then(|| (var.to_string(), shortened(file.text(release.node))))
}

/// The variable the statement before the sleep binds (`client = spawn_link(...)`).
fn bound_just_before<'s>(file: &File<'s>, sleep: &Call) -> Option<&'s str> {
    let prev = previous_statement(file, sleep)?;
    ast::is_binary_op(prev, file.src, "=")
        .then(|| ast::field(prev, grammar().fields.left))
        .flatten()
        .filter(|l| l.kind_id() == grammar().kinds.identifier)
        .map(|l| file.text(l))
}

/// A check between the sleep and the send that releases the process (`assert
/// Storage.all(owner) == []`): that is what the sleep waits for, the process's work up
/// to its `receive`, which it can report itself.
fn checked_before_release(file: &File, test: Node, sleep: &Call, release: &Call) -> bool {
    file.calls_within(test).any(|c| {
        c.node.start_byte() > sleep.node.end_byte()
            && c.node.end_byte() <= release.node.start_byte()
            && c.local
            && (c.name.starts_with("assert") || c.name.starts_with("refute"))
    })
}

/// After the sleep, the test sends a message (`send(pid, :go)`) and only then awaits
/// the task the statement before the sleep started: the task's variable and the send.
fn released_before_await(file: &File, sleep: &Call) -> Option<(String, String)> {
    let var = bound_just_before(file, sleep)?;
    let test = file.test(&sleep.ctx)?;
    let after: Vec<&Call> = file.calls_within(test.node).filter(|c| c.node.start_byte() > sleep.node.end_byte()).collect();
    let mentions = |n: Node| std::iter::once(n).chain(ast::descendants(n)).any(|d| d.kind_id() == grammar().kinds.identifier && file.text(d) == var);
    let awaited_at = after
        .iter()
        .find(|c| c.in_module("Task") && matches!(c.name, "await" | "await_many" | "yield" | "yield_many") && c.arg(0).is_some_and(mentions))?
        .node
        .start_byte();
    after
        .iter()
        .find(|c| c.node.start_byte() < awaited_at && (c.is("Kernel", "send") || c.is("Process", "send")))
        .map(|c| (var.to_string(), shortened(file.text(c.node))))
}

/// A send or cast to another process right before the sleep that ends the
/// `capture_log` function (it runs in the test process): the message the sleep waits
/// on. After anything else in between (a reply read back) the process has already
/// answered, and the sleep is judged as a wait for the output.
fn sent_in_capture(file: &File, sleep: &Call) -> Option<String> {
    let prev = previous_statement(file, sleep)?;
    file.calls_within(prev)
        .filter(|c| c.node == prev && !c.capture && c.ctx.func == sleep.ctx.func)
        .filter(|c| {
            let send = c.is("Kernel", "send") || c.is(":erlang", "send") || c.is("Process", "send");
            let cast = c.name == "cast" && matches!(c.module.as_deref(), Some("GenServer" | ":gen_server"));
            let to_self = c.arg(0).is_some_and(|to| {
                ast::is_self_call(to, file.src) || file.bound_from_self(&c.ctx, file.text(to), c.node.start_byte())
            });
            (send || cast) && !to_self
        })
        .last()
        .map(|c| c.display(file.src))
}

/// The last `:gen_tcp`/`:ssl` `send`, `close` or `shutdown` before the sleep in the
/// `capture_log` function: the test acted as the client of the server under test
/// (R37 thousand_island's handler test).
fn socket_write_in_capture(file: &File, sleep: &Call) -> Option<String> {
    let f = sleep.ctx.func?;
    let body = file.fns[f as usize].node;
    file.calls_within(body)
        .filter(|c| c.node.end_byte() < sleep.node.start_byte() && c.ctx.func == sleep.ctx.func)
        .filter(|c| (c.in_module(":gen_tcp") || c.in_module(":ssl")) && matches!(c.name, "send" | "close" | "shutdown"))
        .last()
        .map(|c| c.display(file.src))
}

/// A connection or disconnection of nodes right before the sleep that ends the
/// `capture_log` function (also matched: `true = Node.connect(node)`).
fn cluster_change_in_capture(file: &File, sleep: &Call) -> Option<String> {
    let prev = previous_statement(file, sleep)?;
    let expr = statement_value(file, prev)?;
    file.calls_within(prev)
        .find(|c| c.node == expr)
        .filter(|c| {
            c.is("Node", "connect")
                || c.is("Node", "disconnect")
                || c.is(":net_kernel", "connect_node")
                || c.is(":erlang", "disconnect_node")
        })
        .map(|c| c.display(file.src))
}

/// `capture_log(fn -> ...; Process.sleep(100) end)`: the capture the sleep ends.
/// A sleep followed by more of the fn's work (another send of a client) is a pause
/// in that work, not a wait for the output.
fn captured_by<'s>(file: &File<'s>, sleep: &Call) -> Option<&'s str> {
    if !ends_its_block(file, sleep) {
        return None;
    }
    let f = sleep.ctx.func?;
    let by = file.call(file.fns[f as usize].called_by?);
    matches!(by.name, "capture_log" | "capture_io" | "with_log").then_some(by.name)
}

/// Is the capture the sleep ends a statement whose value goes nowhere?
fn capture_discarded(file: &File, sleep: &Call) -> bool {
    sleep
        .ctx
        .func
        .and_then(|f| file.fns[f as usize].called_by)
        .is_some_and(|by| file.call(by).is_discarded_statement())
}

/// Is the sleep, with any sleeps after it, the end of its block?
fn ends_its_block(file: &File, sleep: &Call) -> bool {
    let mut next = is_statement_call(sleep).then(|| ast::next_statement(sleep.expr));
    while let Some(Some(stmt)) = next {
        let is_sleep = file
            .calls_within(stmt)
            .find(|c| c.node == stmt)
            .is_some_and(|c| sleep_of(file, c).is_some());
        if !is_sleep {
            return false;
        }
        next = Some(ast::next_statement(stmt));
    }
    true
}

/// The statement before the sleep in its block, skipping comments and Mox
/// expectations (`HttpMock |> expect(:request, fn ... end)`), which only record what
/// a mock answers and start nothing: a `spawn` above them is what the sleep follows.
fn previous_statement<'t>(file: &File, sleep: &Call<'t>) -> Option<Node<'t>> {
    if !is_statement_call(sleep) {
        return None;
    }
    let k = &grammar().kinds;
    let mut prev = sleep.expr.prev_named_sibling();
    while let Some(n) = prev.filter(|n| n.kind_id() == k.comment || is_mock_expectation(file, *n) || is_pure_binding(file, *n)) {
        prev = n.prev_named_sibling();
    }
    prev
}

/// `pid = self()`, `key = "foo"`, `ref = make_ref()`: a binding that starts no work,
/// so the statement before it is what the sleep follows (R37 horde: a sleep after a
/// synchronous call with `pid = self()` between them).
fn is_pure_binding(file: &File, stmt: Node) -> bool {
    let g = grammar();
    let k = &g.kinds;
    if !ast::is_binary_op(stmt, file.src, "=") {
        return false;
    }
    let (Some(left), Some(right)) = (ast::field(stmt, g.fields.left), ast::field(stmt, g.fields.right)) else {
        return false;
    };
    left.kind_id() == k.identifier && (ast::is_scalar_literal(right) || matches!(file.text(right), "self()" | "make_ref()"))
}

/// `expect(HttpMock, :request, fn ... end)`, `HttpMock |> stub(:get, ...)`, `Mox.allow(...)`.
fn is_mock_expectation(file: &File, stmt: Node) -> bool {
    let last = if ast::is_binary_op(stmt, file.src, "|>") {
        ast::field(stmt, grammar().fields.right)
    } else {
        Some(stmt)
    };
    last.is_some_and(|n| {
        file.calls_within(n).find(|c| c.node == n).is_some_and(|c| {
            matches!(c.name, "expect" | "stub" | "stub_with" | "allow")
                && (c.local || c.module.as_deref() == Some("Mox"))
                && c.args.iter().chain(ast::field(stmt, grammar().fields.left).iter()).any(|a| {
                    file.text(*a).ends_with("Mock") || a.kind_id() == grammar().kinds.alias
                })
        })
    })
}

/// The statement right before the sleep, when it is a synchronous call:
/// `GenServer.call(pid, req)`, `{:ok, _} = Server.call(pid, req)`.
fn called_before(file: &File, sleep: &Call) -> Option<String> {
    let prev = previous_statement(file, sleep)?;
    let value = statement_value(file, prev)?;
    file.calls_within(value)
        .find(|c| c.node == value)
        .filter(|c| c.name == "call" && c.module.is_some() && !c.capture)
        .map(|_| shortened(file.text(prev)))
}

/// A statement for a message: its first line, with the lines that continue it (a
/// binding's value after `=`, a pipeline's `|>` stages) joined on, so the message
/// names what runs, not just the value piped in; cut at 60 characters.
fn shortened(s: &str) -> String {
    let mut lines = s.lines().map(str::trim);
    let mut line = lines.next().unwrap_or("").to_string();
    let mut rest = lines.peekable();
    while let Some(next) = rest.next_if(|next| line.ends_with('=') || next.starts_with("|>")) {
        line.push(' ');
        line.push_str(next);
    }
    if rest.peek().is_some() || line.chars().count() > 60 {
        format!("{}…", line.chars().take(60).collect::<String>())
    } else {
        line
    }
}

fn is_infinity(file: &File, node: Node) -> bool {
    ast::atom_name(node, file.src) == Some("infinity")
}

/// What a stop before a sleep leaves the sleep waiting for.
enum Stopped {
    /// A process something may restart (a registered or supervised one).
    Restarts,
    /// A synchronous stop of a process the test started itself: nothing.
    Ended,
    /// A supervisor told to stop its child (`terminate_child`): no restart follows.
    Removed,
    /// `terminate_child` given the supervisor's own pid (named here): stops nothing.
    NotAChild(String),
    /// An exit signal to a process nothing the test can see restarts.
    GoesDown,
    /// A stop of a process the test reaches through its own data (`Enum.at(nodes,
    /// 1).beat`), in a test that starts no supervisor: what follows is other
    /// processes reacting, not a restart.
    Reacts,
}

/// The last call before `call`, run by the test itself (not in an `on_exit` callback),
/// that stops or kills a process; and what the sleep after it waits for.
fn stopped_before(file: &File, call: &Call) -> Option<(String, Stopped)> {
    let test = file.test(&call.ctx)?;
    let stop = file
        .calls_within(test.node)
        .take_while(|c| c.node.start_byte() < call.node.start_byte())
        .filter(|c| in_test_process(c))
        .filter(|c| {
            is_exit_signal(c)
                || c.is("GenServer", "stop")
                || c.is("Agent", "stop")
                || c.is("Supervisor", "terminate_child")
                || c.is("DynamicSupervisor", "terminate_child")
        })
        .last()?;
    // `Process.exit(server, :kill)`, then `assert_leave ...`: the test has already
    // seen the exit take effect, so a later sleep waits for something else.
    let seen_since = file
        .calls_within(test.node)
        .filter(|c| c.node.start_byte() > stop.node.end_byte() && c.node.start_byte() < call.node.start_byte())
        .any(|c| c.local && (c.name.starts_with("assert") || c.name.starts_with("refute")));
    if seen_since {
        return None;
    }
    let victim = stop.arg(0).map(|pid| file.text(pid));
    let stopped = match victim {
        _ if stop.name == "terminate_child" => match stop.arg(1).map(|child| file.text(child)) {
            Some(child) if supervisor_started_here(file, test.node, child, stop) => Stopped::NotAChild(child.to_string()),
            _ => Stopped::Removed,
        },
        Some(pid) if (stop.is("GenServer", "stop") || stop.is("Agent", "stop")) && started_linked_here(file, test.node, pid, stop) => {
            Stopped::Ended
        }
        Some(pid)
            if is_exit_signal(stop)
                && (spawned_here(file, test.node, pid, stop) || checked_dead_after(file, test.node, pid, call)) =>
        {
            Stopped::GoesDown
        }
        Some(_) if stop.arg(0).is_some_and(|victim| !may_be_restarted(file, test.node, victim)) => Stopped::Reacts,
        _ => Stopped::Restarts,
    };
    Some((stop.display(file.src), stopped))
}

/// A stopped process that a supervisor may bring back: one named by a module or an
/// atom, or any process in a test that looks processes up by name
/// (`Process.whereis`) or starts a supervisor or supervised children
/// (`start_supervised`, `Supervisor.start_link`).
fn may_be_restarted(file: &File, test: Node, victim: Node) -> bool {
    let k = &grammar().kinds;
    let text = file.text(victim);
    [k.alias, k.atom, k.tuple].contains(&victim.kind_id())
        || text.contains("whereis")
        || text.contains("via")
        || file.calls_within(test).any(|c| {
            // A process looked up by name, before or after: the name is what comes back.
            c.name == "whereis"
                || c.name.starts_with("start_supervised")
                || c.name.starts_with("start_link_supervised")
                || matches!(c.module.as_deref(), Some("Supervisor" | "DynamicSupervisor" | "PartitionSupervisor" | "Application"))
        })
        // A `setup` of the module may start the supervisor.
        || file.tests.iter().any(|t| {
            t.kind != TestKind::Test && file.calls_within(t.node).any(|c| c.name.starts_with("start_supervised"))
        })
}

fn is_exit_signal(c: &Call) -> bool {
    (c.is("Process", "exit") || c.is(":erlang", "exit")) && c.arity == 2
}

/// Was `pid` bound earlier in the test by `pid = spawn(...)` (or `spawn_link`), or by
/// `{:ok, pid} = X.start_link(...)`? Nothing the test can see restarts such a process.
fn spawned_here(file: &File, test: Node, pid: &str, before: &Call) -> bool {
    started_linked_here(file, test, pid, before)
        || file
            .calls_within(test)
            .take_while(|c| c.node.start_byte() < before.node.start_byte())
            .filter(|c| matches!(c.name, "spawn" | "spawn_link") && (c.local || c.is("Process", c.name) || c.is("Kernel", c.name)))
            .filter_map(|c| match_left(file, c))
            .any(|left| file.text(left) == pid)
}

/// After the sleep, does the test check that `pid` is dead
/// (`refute Process.alive?(pid)`, `assert Process.alive?(pid) == false`) without
/// looking a process up again (`Process.whereis`)? Then it waits for no restart.
fn checked_dead_after(file: &File, test: Node, pid: &str, sleep: &Call) -> bool {
    let mut after = file
        .calls_within(test)
        .filter(|c| c.node.start_byte() > sleep.node.end_byte());
    let mut alive_check = false;
    for c in after.by_ref() {
        if c.is("Process", "whereis") || c.name == "whereis_name" {
            return false;
        }
        if c.is("Process", "alive?") && c.arg(0).is_some_and(|a| file.text(a) == pid) {
            alive_check = true;
        }
    }
    alive_check
}

/// Was `pid` bound earlier in the test by `{:ok, pid} = X.start_link(...)`?
fn started_linked_here(file: &File, test: Node, pid: &str, before: &Call) -> bool {
    file.calls_within(test)
        .take_while(|c| c.node.start_byte() < before.node.start_byte())
        .filter(|c| c.name == "start_link" && !c.local)
        .filter_map(|c| match_left(file, c))
        .any(|left| {
            left.kind_id() == grammar().kinds.tuple
                && left.named_child(1).is_some_and(|p| file.text(p) == pid)
        })
}

/// `{:ok, pid} = DynamicSupervisor.start_link(...)` (or `Supervisor.start_link`) in
/// the test before `before`: `pid` is that supervisor.
fn supervisor_started_here(file: &File, test: Node, pid: &str, before: &Call) -> bool {
    file.calls_within(test)
        .take_while(|c| c.node.start_byte() < before.node.start_byte())
        .filter(|c| c.name == "start_link" && (c.is("DynamicSupervisor", "start_link") || c.is("Supervisor", "start_link")))
        .filter_map(|c| match_left(file, c))
        .any(|left| left.kind_id() == grammar().kinds.tuple && left.named_child(1).is_some_and(|p| file.text(p) == pid))
}

/// `typeerror!(receive do after x -> :ok end)`: code handed to a function or macro as
/// a value (often to a type checker or compiler under test), not a pause the test takes.
fn is_call_argument(call: &Call) -> bool {
    let k = &grammar().kinds;
    // `assert Process.sleep(0) == :ok`: the sleep's result is what the test is about.
    !call.capture
        && call
            .parent
            .is_some_and(|p| p.kind_id() == k.arguments || p.kind_id() == k.binary_operator)
}

/// `Process.sleep(100)` + `assert_received p` → `assert_receive p, 100`, keeping the
/// wait for every later statement of the test that relied on it.
///
/// A leading `refute_receive p, 100` waits the full 100 ms, so whatever follows sees the
/// mailbox and the world as late as after the sleep: safe. A leading `assert_receive`
/// returns as soon as its message arrives, so everything after it runs earlier than
/// before: each later `assert_received` becomes `assert_receive ..., 100` (it passes
/// whenever it passed before, as its message was already there); a later
/// `refute_received`, or a statement that looks at other processes, loses its wait,
/// and the fix is then offered as unsafe with a note saying which.
fn receive_fix(file: &File, sleep: &Call, next: &Call, ms: &str) -> Option<Fix> {
    let src = file.src;
    if !is_statement_call(sleep) || !is_message_check(next) {
        return None;
    }
    let line = whole_lines(src, sleep.expr.byte_range())?;
    let mut edits = vec![Edit::delete(line)];
    edits.extend(wait_in_check(next, ms)?);
    let new_name = waiting_name(next.name)?;
    let title = format!("Replace the sleep with `{new_name} ..., {ms}`");
    if next.name == "refute_received" {
        return Some(Fix::safe(title, edits));
    }
    let mut lost_wait: Option<String> = None;
    let mut checks = 1;
    let mut statement = ast::next_statement(next.expr);
    while let Some(stmt) = statement {
        let check = file.calls_within(stmt).find(|c| c.node == stmt);
        match check {
            Some(c) if c.name == "assert_received" && is_message_check(c) => {
                edits.extend(wait_in_check(c, ms)?);
                checks += 1;
            }
            _ if is_timeless(file, stmt) => {}
            _ => {
                lost_wait.get_or_insert_with(|| format!("`{}`", one_line(file.text(stmt))));
            }
        }
        statement = ast::next_statement(stmt);
    }
    // Code after the block (an enclosing `if`, a `setup` and its tests) waited too.
    let whole_test = file
        .test(&sleep.ctx)
        .is_some_and(|t| t.kind == TestKind::Test && t.body == sleep.parent);
    if !whole_test && lost_wait.is_none() {
        lost_wait = Some("the code after this block".to_string());
    }
    let title = if checks > 1 {
        format!("Replace the sleep with `assert_receive ..., {ms}` in each of the {checks} assertions")
    } else {
        title
    };
    Some(match lost_wait {
        None => Fix::safe(title, edits),
        Some(what) => Fix::unsafe_(
            format!(
                "{title} (review: {what} ran {ms} ms after the sleep began; now it runs as soon as the message arrives)"
            ),
            edits,
        ),
    })
}

/// A sleep followed by a run of message checks, the first an `assert_received` and a
/// later one a `refute_received`: the pattern of that refute, whether it can lead (it
/// pins nothing an earlier check binds), and the safe rewrite
/// (the sleep becomes `refute_receive pattern, ms`, the refute goes). The
/// `assert_received`s then read a mailbox exactly as late as before.
fn refute_window<'t>(file: &File<'t>, sleep: &Call<'t>, next: &Call<'t>, ms: Option<&str>) -> Option<(Node<'t>, bool, Option<Fix>)> {
    if next.name != "assert_received" || !is_message_check(next) {
        return None;
    }
    let k = &grammar().kinds;
    let names = |n: Node<'t>| ast::descendants(n).filter(move |d| d.kind_id() == k.identifier).map(|d| file.text(d));
    // Names the checks before the refute bind (`assert_received {:ok, ref}`): a refute
    // that pins one (`{:done, ^ref}`) cannot move above them.
    let mut bound: Vec<&str> = next.arg(0).map(|p| names(p).collect()).unwrap_or_default();
    let mut statement = ast::next_statement(next.expr);
    while let Some(stmt) = statement {
        let check = file.calls_within(stmt).find(|c| c.node == stmt && is_message_check(c))?;
        if check.name == "refute_received" {
            let pattern = check.arg(0)?;
            let movable = !names(pattern).any(|n| bound.contains(&n));
            let fix = ms.filter(|_| movable && is_statement_call(sleep)).and_then(|ms| {
                let line = whole_lines(file.src, check.expr.byte_range())?;
                Some(Fix::safe(
                    format!("Replace the sleep with `refute_receive ..., {ms}` and drop the later `refute_received`"),
                    vec![
                        Edit::replace(sleep.expr.byte_range(), format!("refute_receive {}, {ms}", file.text(pattern))),
                        Edit::delete(line),
                    ],
                ))
            });
            return Some((pattern, movable, fix));
        }
        bound.extend(check.arg(0).into_iter().flat_map(names));
        statement = ast::next_statement(stmt);
    }
    None
}

/// `assert_received p` or `refute_received p` (one with a failure message keeps its sleep),
/// written as a plain statement call.
fn is_message_check(call: &Call) -> bool {
    call.local
        && call.module.is_none()
        && matches!(call.name, "assert_received" | "refute_received")
        && !call.piped
        && call.do_block.is_none()
        && call.args.len() == 1
        && is_statement_call(call)
}

fn waiting_name(check: &str) -> Option<&'static str> {
    match check {
        "assert_received" => Some("assert_receive"),
        "refute_received" => Some("refute_receive"),
        _ => None,
    }
}

/// `assert_received p` → `assert_receive p, ms`.
fn wait_in_check(check: &Call, ms: &str) -> Option<Vec<Edit>> {
    let pattern = check.arg(0)?;
    Some(vec![
        Edit::replace(check.target.byte_range(), waiting_name(check.name)?),
        Edit::insert(pattern.end_byte(), format!(", {ms}")),
    ])
}

/// Local calls that only compute from values the test already holds.
const TIMELESS_LOCALS: &[&str] = &[
    "assert", "refute", "assert_receive", "match?", "length", "hd", "tl", "elem",
    "map_size", "tuple_size", "byte_size", "is_nil", "is_map", "is_list", "is_tuple",
    "is_pid", "is_reference", "is_atom", "is_binary", "is_integer", "inspect",
    "to_string", "abs", "div", "rem", "max", "min", "self",
];

/// Modules whose functions only compute from their arguments.
const TIMELESS_MODULES: &[&str] = &[
    "Map", "Keyword", "List", "Tuple", "String", "Enum", "MapSet", "Integer", "Atom",
];

/// Does the statement only look at values the test holds, so running it earlier
/// cannot change what it sees? (`assert x == 1`, `assert %{id: ^id} = event`.)
fn is_timeless(file: &File, stmt: Node) -> bool {
    file.calls_within(stmt).all(|c| {
        if c.local && c.module.is_none() {
            TIMELESS_LOCALS.contains(&c.name)
        } else {
            match c.module.as_deref() {
                Some("Kernel") => !matches!(c.name, "send" | "spawn" | "spawn_link" | "spawn_monitor" | "apply" | "exit"),
                Some(m) => TIMELESS_MODULES.contains(&m),
                None => false,
            }
        }
    })
}

/// The call that is the next statement after `call`, if `call` is a statement.
fn next_statement_call<'a, 't>(file: &'a File<'t>, call: &Call<'t>) -> Option<&'a Call<'t>> {
    if !is_statement_call(call) {
        return None;
    }
    let next = ast::next_statement(call.expr)?;
    file.calls_within(next).find(|c| c.node == next)
}

// ---------------------------------------------------------------------------------
// Helpers shared by the `test/*` rules.

/// Inside a test/setup/describe body and run by the test process itself (no fn
/// between them that another or an unknown process runs).
pub(crate) fn in_test_process(call: &Call) -> bool {
    call.ctx.test.is_some() && !call.ctx.other_process && !call.ctx.unknown_fn
}

/// A node whose children are statements.
pub(crate) fn is_block(node: Node) -> bool {
    let k = &grammar().kinds;
    let kind = node.kind_id();
    kind == k.do_block || kind == k.body || kind == k.block || kind == k.source
}

/// The call's whole expression stands alone as a statement.
pub(crate) fn is_statement_call(call: &Call) -> bool {
    call.parent.is_some_and(is_block)
}

/// The full lines of `range`, when nothing but indentation precedes it and nothing
/// but a comment follows it on its lines.
pub(crate) fn whole_lines(src: &str, range: Range<usize>) -> Option<Range<usize>> {
    let start = src[..range.start].rfind('\n').map_or(0, |i| i + 1);
    if !src[start..range.start].trim().is_empty() {
        return None;
    }
    let end = src[range.end..]
        .find('\n')
        .map_or(src.len(), |i| range.end + i + 1);
    let rest = src[range.end..end].trim();
    (rest.is_empty() || rest.starts_with('#')).then_some(start..end)
}

/// Indentation of the line holding byte `pos`.
pub(crate) fn indent_at(src: &str, pos: usize) -> &str {
    let start = src[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line = &src[start..];
    let n = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..n]
}

/// `{:ok, pid} = call`: the variable the start's pid is bound to.
pub(crate) fn ok_tuple_pid<'t>(file: &File<'t>, call: &Call<'t>) -> Option<&'t str> {
    let k = &grammar().kinds;
    match_left(file, call)
        .filter(|l| l.kind_id() == k.tuple)
        .and_then(|l| l.named_child(1))
        .filter(|p| p.kind_id() == k.identifier)
        .map(|p| file.text(p))
}

/// What a statement computes: the right side of a match (`{:ok, _} = Server.call(pid,
/// req)`), or the statement itself.
fn statement_value<'t>(file: &File, stmt: Node<'t>) -> Option<Node<'t>> {
    if ast::is_binary_op(stmt, file.src, "=") {
        ast::field(stmt, grammar().fields.right)
    } else {
        Some(stmt)
    }
}

/// `x = call(...)`: the left side of the match the call's value goes into.
pub(crate) fn match_left<'t>(file: &File<'t>, call: &Call<'t>) -> Option<Node<'t>> {
    let parent = call.parent?;
    if !ast::is_binary_op(parent, file.src, "=")
        || ast::field(parent, grammar().fields.right) != Some(call.expr)
    {
        return None;
    }
    ast::field(parent, grammar().fields.left)
}

/// The first line of a snippet, shortened for a message.
pub(crate) fn one_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    if line.len() < s.len() || line.chars().count() > 40 {
        format!("{}…", line.chars().take(40).collect::<String>())
    } else {
        line.to_string()
    }
}

/// An info finding at the sleep `call`, pointing at the guide's `anchor`.
fn report_info(report: &mut Report, file: &File, call: &Call, anchor: &'static str, message: String) {
    report
        .add(file, &call.ctx, call.expr.byte_range(), message)
        .anchor(anchor)
        .severity(Severity::Info);
}
