//! Effort figures: how long fixing one finding of a rule takes, and the other numbers
//! the report's estimates and schedule are computed from.
//!
//! The defaults are in [`DEFAULT_EFFORTS`], one row per rule with its rationale. They
//! are deliberately round figures for an engineer who knows the codebase: the time to
//! understand the site, make the change, adjust its callers or its test, and get the
//! change reviewed. A project overrides them in `otp-audit.toml`:
//!
//! ```toml
//! [report]
//! hours_per_week = 10        # remediation time per week, for the schedule
//! enforcement_minutes = 240  # stage 1: wiring otp-audit into CI
//! safe_fix_minutes = 2       # reviewing one automatic `--fix` edit
//!
//! [report.effort]            # minutes per finding
//! "otp/no-raw-send" = 45
//! "test/no-sleep" = 10
//! ```
//!
//! A finding that carries a *safe* fix costs `safe_fix_minutes` (or the rule's figure
//! if that is lower): `otp-audit check --fix` writes the change and a person only
//! reviews it. Every other finding costs its rule's minutes, except that a repeat of
//! a rule in a file it was already fixed in costs a quarter of that
//! ([`REPEAT_DIVISOR`]): the site is understood and the same change is made again, so
//! a file with 29 copies of one problem does not cost 29 first-time fixes.

use std::collections::BTreeMap;
use std::fmt;

/// Minutes per finding of a rule the defaults do not know (a rule newer than this
/// table): a quarter of an hour.
pub const FALLBACK_MINUTES: u32 = 15;

/// Default remediation time per week, in hours, for the schedule.
pub const DEFAULT_HOURS_PER_WEEK: u32 = 10;

/// Default time for stage 1: add otp-audit to CI, record the baseline, upload SARIF,
/// and walk the team through the guide pages (four hours).
pub const DEFAULT_ENFORCEMENT_MINUTES: u32 = 240;

/// A repeat of a rule's finding in the same file costs its figure divided by this
/// (rounded up, at least a minute).
pub const REPEAT_DIVISOR: u32 = 4;

/// Default time to review one edit written by `otp-audit check --fix`.
pub const DEFAULT_SAFE_FIX_MINUTES: u32 = 2;

/// The largest figure accepted for one finding (a full 40-hour week); larger values
/// are almost certainly hours or seconds typed as minutes.
pub const MAX_MINUTES: u32 = 2400;

/// One row of the default effort table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DefaultEffort {
    pub rule: &'static str,
    /// Minutes to fix one finding by hand.
    pub minutes: u32,
    /// Why the figure is what it is.
    pub rationale: &'static str,
}

const fn row(rule: &'static str, minutes: u32, rationale: &'static str) -> DefaultEffort {
    DefaultEffort {
        rule,
        minutes,
        rationale,
    }
}

/// Minutes per finding for every rule of the engine, with the reasoning.
pub const DEFAULT_EFFORTS: &[DefaultEffort] = &[
    row(
        "syntax/parse-error",
        10,
        "Usually a typo or an unfinished edit; the compiler points at it.",
    ),
    row(
        "otp/no-raw-send",
        30,
        "The receiving module needs a client function and a callback, and the callers change to use it.",
    ),
    row(
        "otp/no-erlang-send",
        5,
        "A mechanical rewrite to `send/2` or `Process.send/3`; often an automatic fix.",
    ),
    row(
        "otp/reply-via-send",
        30,
        "The callback returns `{:reply, ...}` or uses `GenServer.reply/2`, and the caller's receive goes away.",
    ),
    row(
        "otp/no-raw-spawn",
        30,
        "A `Task.Supervisor` joins the supervision tree and the work moves under it; failures need a decision.",
    ),
    row(
        "otp/no-process-dictionary",
        45,
        "The value moves into GenServer state or function arguments, and every reader must be threaded through.",
    ),
    row(
        "otp/call-timeout",
        5,
        "Choose a deliberate timeout; the automatic fix writes the configured value.",
    ),
    row(
        "otp/monitor-leak",
        30,
        "Add `:DOWN` handling or `demonitor(ref, [:flush])`, and a test that the monitor is released.",
    ),
    row(
        "otp/genserver-callbacks",
        15,
        "Add the missing `init/1` or handler; small and local.",
    ),
    row(
        "otp/unsupervised-start",
        30,
        "Write a child spec and move the start into a supervisor; callers look the process up instead.",
    ),
    row(
        "otp/blocking-in-callback",
        60,
        "A redesign: the blocking work moves to a task and the reply comes later through `GenServer.reply/2`.",
    ),
    row(
        "otp/handle-info-catch-all",
        10,
        "Add a catch-all clause that logs unexpected messages.",
    ),
    row(
        "otp/task-async-unawaited",
        20,
        "Await the task, or start it under a `Task.Supervisor` when nobody needs the result.",
    ),
    row(
        "otp/infinity-timeout",
        15,
        "Pick a bounded timeout and decide what the caller does when it fires.",
    ),
    row(
        "otp/call-self",
        45,
        "A deadlock to restructure: call the internal function directly or defer the work with a message to self.",
    ),
    row(
        "otp/trap-exit-unhandled",
        30,
        "Handle `{:EXIT, pid, reason}` or implement `terminate/2`, or stop trapping exits.",
    ),
    row(
        "test/no-sleep",
        20,
        "Wait on a message, a monitor or a polling helper instead; the code under test may have to signal.",
    ),
    row(
        "test/no-raw-spawn",
        15,
        "Start the process under the test supervisor (`start_supervised!`, `Task` in the test process).",
    ),
    row(
        "test/no-sys-state",
        20,
        "Assert through the public API; sometimes the API needs a query function first.",
    ),
    row(
        "test/no-global-process",
        45,
        "Start an isolated instance per test; the code under test may need a `:name` option first.",
    ),
    row(
        "test/start-supervised",
        5,
        "Replace `start_link` with `start_supervised!`; mostly mechanical.",
    ),
    row(
        "test/ets-cleanup",
        15,
        "Use an unnamed per-test table, or delete the table in `on_exit`.",
    ),
    row(
        "test/no-assertion",
        10,
        "Add the missing assertion, or a test of the failure case.",
    ),
    row(
        "test/async-global-state",
        20,
        "Isolate the global state per test, or make the module `async: false`.",
    ),
    row(
        "test/telemetry-detach",
        5,
        "Detach the handler in `on_exit`; often an automatic fix.",
    ),
    row(
        "code/nesting",
        20,
        "Extract the inner branches into named functions.",
    ),
    row(
        "code/unused-operation",
        5,
        "Delete the call or use its result; `Enum.map` to `Enum.each` is an automatic fix.",
    ),
    row(
        "sec/unsafe-atom",
        15,
        "Use `String.to_existing_atom/1` or an explicit mapping of the allowed values.",
    ),
    row(
        "config/compile-time-env",
        10,
        "Read the value at runtime, or declare it with `Application.compile_env/3`.",
    ),
    row(
        "meta/unused-suppression",
        2,
        "Delete the comment; an automatic fix.",
    ),
];

/// The effort figures a report is computed with. [`Efforts::default`] is the
/// documented table; [`Efforts::from_toml_table`] reads a project's overrides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Efforts {
    /// Minutes per finding, per rule id. Rules absent here cost [`FALLBACK_MINUTES`].
    minutes: BTreeMap<String, u32>,
    /// Remediation hours per week, for the schedule (at least 1).
    pub hours_per_week: u32,
    /// Minutes for stage 1 (enforcement in CI).
    pub enforcement_minutes: u32,
    /// Minutes to review one automatic safe fix.
    pub safe_fix_minutes: u32,
}

impl Default for Efforts {
    fn default() -> Self {
        Efforts {
            minutes: DEFAULT_EFFORTS
                .iter()
                .map(|d| (d.rule.to_string(), d.minutes))
                .collect(),
            hours_per_week: DEFAULT_HOURS_PER_WEEK,
            enforcement_minutes: DEFAULT_ENFORCEMENT_MINUTES,
            safe_fix_minutes: DEFAULT_SAFE_FIX_MINUTES,
        }
    }
}

/// A problem in the `[report]` table of an otp-audit.toml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffortsError {
    pub message: String,
}

impl fmt::Display for EffortsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EffortsError {}

fn error(message: impl Into<String>) -> EffortsError {
    EffortsError {
        message: message.into(),
    }
}

impl Efforts {
    /// Minutes to fix one finding of `rule` by hand.
    pub fn minutes(&self, rule: &str) -> u32 {
        self.minutes.get(rule).copied().unwrap_or(FALLBACK_MINUTES)
    }

    /// Minutes one finding costs: the review of its automatic fix when it has a safe
    /// one (never more than the rule's own figure), else the rule's figure.
    pub fn minutes_for(&self, rule: &str, has_safe_fix: bool) -> u32 {
        let by_hand = self.minutes(rule);
        if has_safe_fix {
            by_hand.min(self.safe_fix_minutes)
        } else {
            by_hand
        }
    }

    /// Minutes a finding costs when it is the `nth_in_file` (from 0) finding of `rule`
    /// in its file: the first as [`Efforts::minutes_for`], a repeat fixed by hand a
    /// [`REPEAT_DIVISOR`]th of that. Reviews of safe fixes do not get cheaper.
    pub fn minutes_for_nth(&self, rule: &str, has_safe_fix: bool, nth_in_file: usize) -> u32 {
        let first = self.minutes_for(rule, has_safe_fix);
        if nth_in_file == 0 || has_safe_fix {
            first
        } else {
            first.div_ceil(REPEAT_DIVISOR).max(1)
        }
    }

    /// Whether `rule`'s figure differs from the documented default.
    pub fn is_overridden(&self, rule: &str) -> bool {
        let default = DEFAULT_EFFORTS
            .iter()
            .find(|d| d.rule == rule)
            .map_or(FALLBACK_MINUTES, |d| d.minutes);
        self.minutes(rule) != default
    }

    /// Why `rule` costs what it costs: the default's rationale, or a note that the
    /// project set the figure.
    pub fn rationale(&self, rule: &str) -> String {
        if self.is_overridden(rule) {
            return "Set in otp-audit.toml ([report.effort]).".to_string();
        }
        DEFAULT_EFFORTS.iter().find(|d| d.rule == rule).map_or_else(
            || "Default for rules without a documented figure.".to_string(),
            |d| d.rationale.to_string(),
        )
    }

    /// Set the minutes per finding of a rule of the engine.
    pub fn set(&mut self, rule: &str, minutes: u32) -> Result<(), EffortsError> {
        if otp_audit_engine::rules::by_id(rule).is_none() {
            return Err(unknown_rule(rule));
        }
        if minutes > MAX_MINUTES {
            return Err(error(format!(
                "`report.effort.\"{rule}\"` = {minutes} minutes is more than a 40-hour week \
                 ({MAX_MINUTES}); the figures are minutes per finding"
            )));
        }
        self.minutes.insert(rule.to_string(), minutes);
        Ok(())
    }

    /// Read the `[report]` table of an otp-audit.toml (the table itself, not the whole
    /// file): `hours_per_week`, `enforcement_minutes`, `safe_fix_minutes` and the
    /// `effort` table of `"rule/id" = minutes`. Anything not given keeps its default.
    /// Unknown keys, unknown rule ids and values that are not whole numbers are errors
    /// that say what was expected.
    pub fn from_toml_table(table: &toml::Table) -> Result<Efforts, EffortsError> {
        let mut efforts = Efforts::default();
        for (key, value) in table {
            match key.as_str() {
                "effort" => {
                    let rules = value.as_table().ok_or_else(|| {
                        error(
                            "`report.effort` must be a table of `\"rule/id\" = minutes`, \
                             e.g. [report.effort] with \"otp/no-raw-send\" = 30",
                        )
                    })?;
                    for (rule, minutes) in rules {
                        let what = format!("report.effort.\"{rule}\"");
                        // Name an unknown rule before complaining about its value.
                        if otp_audit_engine::rules::by_id(rule).is_none() {
                            return Err(unknown_rule(rule));
                        }
                        let minutes = whole_number(&what, minutes, "minutes per finding")?;
                        efforts.set(rule, minutes)?;
                    }
                }
                "hours_per_week" => {
                    let h = whole_number("report.hours_per_week", value, "hours")?;
                    if h == 0 || h > 168 {
                        return Err(error(format!(
                            "`report.hours_per_week` must be between 1 and 168, got {h}"
                        )));
                    }
                    efforts.hours_per_week = h;
                }
                "enforcement_minutes" => {
                    efforts.enforcement_minutes =
                        whole_number("report.enforcement_minutes", value, "minutes")?;
                }
                "safe_fix_minutes" => {
                    efforts.safe_fix_minutes =
                        whole_number("report.safe_fix_minutes", value, "minutes")?;
                }
                other if other.contains('/') => {
                    return Err(error(format!(
                        "`report.\"{other}\"`: per-rule minutes belong in the `[report.effort]` table, \
                         e.g. [report.effort] with \"{other}\" = 30"
                    )));
                }
                other => {
                    return Err(error(format!(
                        "unknown key `{other}` in [report]; expected `effort`, `hours_per_week`, \
                         `enforcement_minutes` or `safe_fix_minutes`"
                    )));
                }
            }
        }
        Ok(efforts)
    }
}

fn unknown_rule(rule: &str) -> EffortsError {
    let known: Vec<&str> = otp_audit_engine::rules::ALL
        .iter()
        .map(|r| r.id)
        .filter(|id| {
            // Suggest ids of the same group, or all of them when the group is unknown.
            let group = rule.split('/').next().unwrap_or("");
            id.starts_with(&format!("{group}/"))
        })
        .collect();
    let hint = if known.is_empty() {
        "see `otp-audit rules` for the rule ids".to_string()
    } else {
        format!("rules of this group: {}", known.join(", "))
    };
    error(format!("unknown rule `{rule}` in [report.effort]; {hint}"))
}

fn whole_number(what: &str, value: &toml::Value, unit: &str) -> Result<u32, EffortsError> {
    let got = match value {
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::String(s) => format!("{s:?}"),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(_) => "a date".to_string(),
        toml::Value::Array(_) => "a list".to_string(),
        toml::Value::Table(_) => "a table".to_string(),
    };
    let bad = || {
        error(format!(
            "`{what}` must be a whole number of {unit} (0 or more), got {got}"
        ))
    };
    match value {
        toml::Value::Integer(i) => u32::try_from(*i).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_in_a_file_cost_less_than_the_first() {
        let e = Efforts::default();
        let rule = "otp/no-raw-send";
        let first = e.minutes(rule);
        assert!(first >= 8, "a by-hand figure worth discounting");
        assert_eq!(e.minutes_for_nth(rule, false, 0), first);
        assert_eq!(
            e.minutes_for_nth(rule, false, 1),
            first.div_ceil(REPEAT_DIVISOR)
        );
        // 29 copies of one fix: far below 29 first-time fixes.
        let total: u32 = (0..29).map(|n| e.minutes_for_nth(rule, false, n)).sum();
        assert_eq!(total, first + 28 * first.div_ceil(REPEAT_DIVISOR));
        assert!(total * 3 < 29 * first);
        // Reviewing automatic fixes does not get cheaper, and nothing costs 0.
        assert_eq!(e.minutes_for_nth(rule, true, 5), e.minutes_for(rule, true));
        let mut one = Efforts::default();
        one.set(rule, 1).unwrap();
        assert_eq!(one.minutes_for_nth(rule, false, 3), 1);
    }

    fn table(text: &str) -> toml::Table {
        text.parse().expect("test TOML parses")
    }

    #[test]
    fn the_default_table_covers_every_rule_once() {
        for rule in otp_audit_engine::rules::ALL {
            let rows: Vec<_> = DEFAULT_EFFORTS
                .iter()
                .filter(|d| d.rule == rule.id)
                .collect();
            assert_eq!(
                rows.len(),
                1,
                "{} needs exactly one default effort",
                rule.id
            );
            assert!(!rows[0].rationale.is_empty());
            assert!(rows[0].minutes <= MAX_MINUTES);
        }
        for d in DEFAULT_EFFORTS {
            assert!(
                otp_audit_engine::rules::by_id(d.rule).is_some(),
                "{} is not a rule",
                d.rule
            );
        }
    }

    #[test]
    fn overrides_are_read_from_the_report_table() {
        let e = Efforts::from_toml_table(&table(
            "hours_per_week = 20\nsafe_fix_minutes = 1\n[effort]\n\"otp/no-raw-send\" = 45\n",
        ))
        .unwrap();
        assert_eq!(e.minutes("otp/no-raw-send"), 45);
        assert!(e.is_overridden("otp/no-raw-send"));
        assert_eq!(e.minutes("test/no-sleep"), 20);
        assert!(!e.is_overridden("test/no-sleep"));
        assert_eq!(e.hours_per_week, 20);
        assert_eq!(e.enforcement_minutes, DEFAULT_ENFORCEMENT_MINUTES);
        assert_eq!(e.minutes_for("otp/call-timeout", true), 1);
        assert_eq!(e.minutes_for("otp/call-timeout", false), 5);
        assert_eq!(e.minutes("future/rule"), FALLBACK_MINUTES);
    }

    #[test]
    fn errors_name_the_problem() {
        let err = |text: &str| Efforts::from_toml_table(&table(text)).unwrap_err().message;
        let e = err("[effort]\n\"otp/no-such-rule\" = 3\n");
        assert!(e.contains("unknown rule `otp/no-such-rule`"), "{e}");
        assert!(e.contains("otp/no-raw-send"), "{e}");
        let e = err("[effort]\n\"bogus\" = 3\n");
        assert!(
            e.contains("unknown rule `bogus`") && e.contains("otp-audit rules"),
            "{e}"
        );
        let e = err("[effort]\n\"otp/no-raw-send\" = \"half an hour\"\n");
        assert!(e.contains("whole number of minutes"), "{e}");
        let e = err("[effort]\n\"otp/no-raw-send\" = -3\n");
        assert!(e.contains("whole number"), "{e}");
        let e = err("[effort]\n\"otp/no-raw-send\" = 2.5\n");
        assert!(e.contains("whole number"), "{e}");
        let e = err("[effort]\n\"otp/no-raw-send\" = 100000\n");
        assert!(e.contains("40-hour week"), "{e}");
        let e = err("hours_per_week = 0\n");
        assert!(e.contains("between 1 and 168"), "{e}");
        let e = err("\"otp/no-raw-send\" = 3\n");
        assert!(e.contains("[report.effort]"), "{e}");
        let e = err("effort = 3\n");
        assert!(e.contains("must be a table"), "{e}");
        let e = err("weeks = 3\n");
        assert!(e.contains("unknown key `weeks`"), "{e}");
    }
}
