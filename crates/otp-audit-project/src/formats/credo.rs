//! Credo's `mix credo --format json` shape, so that tools written for Credo (editor
//! plugins, CI annotators, dashboards) read otp-audit's findings unchanged:
//!
//! ```json
//! {"issues": [{"category": "warning", "check": "Foundation.CredoChecks.NoRawSend",
//!   "column": 35, "column_end": 39, "filename": "lib/shop/cart.ex", "line_no": 15,
//!   "message": "...", "priority": 10, "scope": "Shop.Cart.notify", "trigger": "send"}]}
//! ```
//!
//! Field by field:
//! - `check`: the Credo check the rule stands for ([`Rule::credo`]): the built-in check
//!   (`Credo.Check.Refactor.Nesting`) or the custom check of the audit plan
//!   (`Foundation.CredoChecks.NoRawSend`). `code/unused-operation` stands for several
//!   (`UnusedEnumOperation`, `UnusedStringOperation`, ...) and picks the one named
//!   after the module of the call. Rules with no Credo counterpart get a module name
//!   of their own: `otp/call-self` → `OtpAudit.Otp.CallSelf`.
//! - `category`: Credo's category of the mapped built-in check (the third segment of
//!   its name, lower-cased); otherwise by rule group: `code` → `refactor`, `meta` →
//!   `design` (where Credo files `RedundantConfigComments`), every other group →
//!   `warning`.
//! - `priority`: Credo's named priorities by severity: error → 20 (*higher*),
//!   warning → 10 (*high*), info → 1 (*normal*). All are at or above Credo's default
//!   `min_priority` of 0, so a consumer filtering like Credo shows every finding.
//!   (Credo adds a scope priority of 0..3 to a check's base; otp-audit does not.)
//! - `filename`, `line_no`: the project-relative path and 1-based line.
//! - `column`: 1-based, counted in Unicode scalar values like Elixir's own column
//!   metadata (falls back to UTF-16 units when the snippet cannot tell).
//! - `trigger`: the text the finding points at, on its first line and cut before the
//!   first `(` (Credo's convention: `Enum.map`, `if`, `Process.sleep`); `null` when
//!   empty. `column_end` is `column` plus the trigger's length, as Credo computes it,
//!   or `null` without a trigger.
//! - `scope`: the enclosing function without its arity (`Shop.Cart.notify`), or the
//!   test (`Shop.CartTest test "name"`); `null` at file level.
//! - `message`: the finding's message.

use super::sarif::{Frame, pascal_case};
use otp_audit_engine::rules::{self, Rule};
use otp_audit_engine::{FileResult, Finding, Severity};
use serde_json::{Value, json};

/// Credo's *higher* priority (`Credo.Priority`), used for errors.
pub const PRIORITY_HIGHER: i64 = 20;
/// Credo's *high* priority, used for warnings.
pub const PRIORITY_HIGH: i64 = 10;
/// Credo's *normal* priority, used for info findings.
pub const PRIORITY_NORMAL: i64 = 1;

/// `{"issues": [...]}`, one issue per finding, in the order of `results`.
pub fn to_credo(results: &[FileResult]) -> Value {
    let issues: Vec<Value> = results
        .iter()
        .flat_map(|r| &r.findings)
        .map(issue)
        .collect();
    json!({ "issues": issues })
}

/// One finding as a Credo issue object.
pub fn issue(f: &Finding) -> Value {
    let rule = rules::by_id(&f.rule);
    let trigger = trigger(f);
    let column = Frame::new(f)
        .map(|fr| fr.start_char_column())
        .unwrap_or(f.start.utf16_column);
    let column_end = trigger.as_ref().map(|t| column + t.chars().count() as u32);
    let check = match rule {
        Some(r) => check_name(r, trigger.as_deref().unwrap_or("")),
        None => own_check_name(&f.rule),
    };
    json!({
        "category": rule.map(category).unwrap_or("warning"),
        "check": check,
        "column": column,
        "column_end": column_end,
        "filename": f.path,
        "line_no": f.start.line,
        "message": f.message,
        "priority": priority(f.severity),
        "scope": scope(&f.scope),
        "trigger": trigger,
    })
}

/// Credo priority of a severity (see the module docs).
pub fn priority(severity: Severity) -> i64 {
    match severity {
        Severity::Error => PRIORITY_HIGHER,
        Severity::Warning => PRIORITY_HIGH,
        Severity::Info => PRIORITY_NORMAL,
    }
}

/// The Credo check name a finding of `rule` is reported under; `trigger` picks among
/// several mapped checks (the one whose name contains the call's module).
pub fn check_name(rule: &Rule, trigger: &str) -> String {
    match rule.credo {
        [] => own_check_name(rule.id),
        [one] => one.to_string(),
        many => {
            let module = trigger.split('.').next().unwrap_or("");
            let module = module.trim_start_matches(':');
            many.iter()
                .find(|c| {
                    let last = c.rsplit('.').next().unwrap_or(c);
                    !module.is_empty() && last.contains(&pascal_case(module))
                })
                .map(|c| c.to_string())
                .unwrap_or_else(|| own_check_name(rule.id))
        }
    }
}

/// `otp/call-self` → `OtpAudit.Otp.CallSelf`: the rule id as an Elixir module name.
pub fn own_check_name(id: &str) -> String {
    let mut name = String::from("OtpAudit");
    for part in id.split('/') {
        name.push('.');
        name.push_str(&pascal_case(part));
    }
    name
}

/// Credo category of a rule (see the module docs).
pub fn category(rule: &Rule) -> &'static str {
    const CATEGORIES: [&str; 5] = [
        "consistency",
        "design",
        "readability",
        "refactor",
        "warning",
    ];
    for check in rule.credo {
        if let Some(cat) = check.strip_prefix("Credo.Check.") {
            let cat = cat.split('.').next().unwrap_or("").to_ascii_lowercase();
            if let Some(c) = CATEGORIES.iter().find(|c| **c == cat) {
                return c;
            }
        }
    }
    match rule.id.split('/').next() {
        Some("code") => "refactor",
        Some("meta") => "design",
        _ => "warning",
    }
}

/// The text a finding points at, Credo-style (see the module docs).
pub fn trigger(f: &Finding) -> Option<String> {
    let frame = Frame::new(f)?;
    let text = match frame.span_text() {
        Some(t) => t,
        // The span runs past what the snippet holds: its first line will do.
        None => f.snippet.split('\n').next()?[f.start.column as usize - 1..].to_string(),
    };
    let first = text.lines().next().unwrap_or("");
    let cut = match first.find('(') {
        Some(i) if i > 0 => &first[..i],
        _ => first,
    };
    let cut = cut.trim_end();
    (!cut.is_empty()).then(|| cut.to_string())
}

/// Credo scopes name the function without arity: `Shop.Cart.add/3` → `Shop.Cart.add`.
fn scope(s: &str) -> Option<&str> {
    if s.is_empty() {
        return None;
    }
    match s.rsplit_once('/') {
        Some((head, arity)) if !arity.is_empty() && arity.bytes().all(|b| b.is_ascii_digit()) => {
            Some(head)
        }
        _ => Some(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otp_audit_engine::Engine;

    #[test]
    fn check_names() {
        let nesting = rules::by_id("code/nesting").unwrap();
        assert_eq!(check_name(nesting, "if"), "Credo.Check.Refactor.Nesting");
        assert_eq!(category(nesting), "refactor");
        let unused = rules::by_id("code/unused-operation").unwrap();
        assert_eq!(
            check_name(unused, "String.upcase"),
            "Credo.Check.Warning.UnusedStringOperation"
        );
        assert_eq!(
            check_name(unused, "Stream.map"),
            "OtpAudit.Code.UnusedOperation"
        );
        assert_eq!(category(unused), "warning");
        let call_self = rules::by_id("otp/call-self").unwrap();
        assert_eq!(
            check_name(call_self, "GenServer.call"),
            "OtpAudit.Otp.CallSelf"
        );
        let meta = rules::by_id("meta/unused-suppression").unwrap();
        assert_eq!(category(meta), "design");
    }

    #[test]
    fn scopes_drop_the_arity() {
        assert_eq!(scope("Shop.Cart.add/3"), Some("Shop.Cart.add"));
        assert_eq!(
            scope("Shop.CartTest test \"a/b\""),
            Some("Shop.CartTest test \"a/b\"")
        );
        assert_eq!(scope(""), None);
    }

    #[test]
    fn triggers_and_columns_follow_credo() {
        let src = "defmodule A do\n  def f(l), do: Enum.map(l, & &1) && :ok\n  def g(p), do: {\"é\", send(p, :x)}\nend\n";
        let r = Engine::default().check("lib/a.ex", src);
        let issues = to_credo(&[r]);
        let send = issues["issues"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["trigger"] == "send")
            .expect("the send");
        // `  def g(p), do: {"é", ` is 22 scalar values (23 bytes).
        assert_eq!(send["column"], 23);
        assert_eq!(send["column_end"], 27);
        assert_eq!(send["scope"], "A.g");
        assert_eq!(send["check"], "Foundation.CredoChecks.NoRawSend");
    }
}
