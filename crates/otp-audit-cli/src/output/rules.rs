//! `otp-audit rules`: the rule table, or the rules as JSON.

use otp_audit_engine::rules::ALL;
use serde_json::json;
use std::fmt::Write;

pub fn print(as_json: bool) -> Result<(), String> {
    super::stdout(&render(as_json))
}

fn fix_name(r: &otp_audit_engine::rules::Rule) -> String {
    serde_json::to_value(r.fix)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn render(as_json: bool) -> String {
    if as_json {
        let rows: Vec<_> = ALL
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "title": r.title,
                    "severity": r.severity,
                    "scopes": r.scopes,
                    "fix": r.fix,
                    "default_enabled": r.default_enabled,
                    "params": r.params.iter().map(|p| json!({"name": p.name, "doc": p.doc, "default": (p.default)()})).collect::<Vec<_>>(),
                    "credo": r.credo,
                    "summary": r.summary(),
                })
            })
            .collect();
        return format!("{}\n", serde_json::Value::Array(rows));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<28} {:<8} {:<28} {:<9} {:<3} title",
        "id", "severity", "scope", "fix", "on"
    );
    for r in ALL {
        let scopes: Vec<&str> = r.scopes.iter().map(|s| s.as_str()).collect();
        let _ = writeln!(
            out,
            "{:<28} {:<8} {:<28} {:<9} {:<3} {}",
            r.id,
            r.severity.as_str(),
            scopes.join(","),
            fix_name(r),
            if r.default_enabled { "on" } else { "off" },
            r.title,
        );
    }
    out
}
