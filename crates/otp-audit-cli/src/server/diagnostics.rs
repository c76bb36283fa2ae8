//! Findings as LSP diagnostics: the rule id as `code`, `source: "otp-audit"`, a
//! link to the guide page, ranges in UTF-16 units.

use otp_audit_engine::{Finding, Severity};
use serde_json::{Value, json};

pub const SOURCE: &str = "otp-audit";

/// Where the guide pages are linked from, unless the client names a base URL
/// (`initializationOptions.guideBaseUrl`): each page's source in the repository.
pub fn default_guide_base() -> String {
    format!(
        "{}/blob/main/crates/otp-audit-engine/src/rules/",
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// The guide URL of a finding's `guide` (`otp/no-raw-send#anchor`). Under the
/// default base, a rule's page is its `.md` file (`otp/no_raw_send.md`); under a
/// base the client gives, the rule id is appended (`{base}otp/no-raw-send`), as
/// SARIF's `helpUri` does.
pub fn guide_url(base: &str, guide: &str) -> String {
    let (id, anchor) = match guide.split_once('#') {
        Some((id, a)) => (id, Some(a)),
        None => (guide, None),
    };
    let page = if base == default_guide_base() {
        if id == "patterns" {
            format!(
                "{}/blob/main/crates/otp-audit-engine/src/guide/patterns.md",
                env!("CARGO_PKG_REPOSITORY")
            )
        } else {
            format!("{base}{}.md", id.replace('-', "_"))
        }
    } else {
        format!("{base}{id}")
    };
    match anchor {
        Some(a) => format!("{page}#{a}"),
        None => page,
    }
}

fn severity(s: Severity) -> lsp_types::DiagnosticSeverity {
    match s {
        Severity::Error => lsp_types::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp_types::DiagnosticSeverity::WARNING,
        Severity::Info => lsp_types::DiagnosticSeverity::INFORMATION,
    }
}

/// One finding as a diagnostic. Positions come from the engine, which counts
/// UTF-16 units too (`utf16_column`), 1-based.
pub fn diagnostic(f: &Finding, guide_base: &str) -> Value {
    let mut d = json!({
        "range": {
            "start": {"line": f.start.line - 1, "character": f.start.utf16_column - 1},
            "end": {"line": f.end.line - 1, "character": f.end.utf16_column - 1},
        },
        "severity": severity(f.severity),
        "code": f.rule,
        "codeDescription": {"href": guide_url(guide_base, &f.guide)},
        "source": SOURCE,
        "message": f.message,
    });
    if f.rule == "meta/unused-suppression" {
        // Editors grey out what is unnecessary.
        d["tags"] = json!([lsp_types::DiagnosticTag::UNNECESSARY]);
    }
    d
}

pub fn diagnostics(findings: &[Finding], guide_base: &str) -> Value {
    Value::Array(findings.iter().map(|f| diagnostic(f, guide_base)).collect())
}
