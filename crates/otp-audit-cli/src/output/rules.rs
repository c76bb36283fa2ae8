//! `otp-audit rules`: the rule table.

use otp_audit_engine::rules::ALL;
use serde_json::json;
use std::io::Write;

pub fn print(as_json: bool) {
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
                })
            })
            .collect();
        let _ = writeln!(std::io::stdout(), "{}", serde_json::Value::Array(rows));
        return;
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{:<28} {:<8} {:<28} {:<9} title",
        "id", "severity", "scope", "fix"
    );
    for r in ALL {
        let scopes: Vec<&str> = r.scopes.iter().map(|s| s.as_str()).collect();
        let fix = serde_json::to_value(r.fix)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<28} {:<8} {:<28} {:<9} {}{}",
            r.id,
            r.severity.as_str(),
            scopes.join(","),
            fix,
            r.title,
            if r.default_enabled {
                ""
            } else {
                " (off by default)"
            }
        );
    }
}
