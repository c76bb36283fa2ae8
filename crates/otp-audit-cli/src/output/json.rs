//! `--format json`: one document, `{"version": 1, "files": [...], "findings": [...]}`
//! plus the remediation report (`report`), and with `--baseline` or `--max-count`
//! the comparison (`baseline`) and the counts (`ratchet`). The field names are a
//! contract read by other tools and the web app: fields are added, never renamed.

use super::Extras;
use otp_audit_engine::config::ConfigSource;
use otp_audit_engine::{FileResult, Finding, REPORT_VERSION};
use otp_audit_project::baseline::{Entry, count_by_rule};
use otp_audit_project::report::Report;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    scope: otp_audit_engine::FileScope,
    bytes: usize,
    lines: usize,
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    config: &'a ConfigSource,
    files: Vec<FileEntry<'a>>,
    /// Every finding in the code, new or in the baseline.
    findings: Vec<&'a Finding>,
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineDoc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratchet: Option<RatchetDoc<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct BaselineDoc<'a> {
    file: String,
    /// Findings not in the baseline: what fails the run.
    new: &'a [Finding],
    /// Baseline entries no longer found.
    fixed: &'a [Entry],
    /// How many findings matched a baseline entry.
    unchanged: usize,
}

#[derive(Serialize)]
struct RatchetDoc<'a> {
    limits: &'a BTreeMap<String, usize>,
    counts: BTreeMap<String, usize>,
    violations: &'a [otp_audit_project::baseline::CountViolation],
}

pub fn render(
    results: &[FileResult],
    config: &ConfigSource,
    report: &Report,
    extras: &Extras,
) -> String {
    let doc = Document {
        version: REPORT_VERSION,
        tool: Tool {
            name: "otp-audit",
            version: env!("CARGO_PKG_VERSION"),
        },
        config,
        files: results
            .iter()
            .map(|r| FileEntry {
                path: &r.path,
                scope: r.scope,
                bytes: r.bytes,
                lines: r.lines,
            })
            .collect(),
        findings: results.iter().flat_map(|r| &r.findings).collect(),
        report,
        baseline: extras.comparison.map(|c| BaselineDoc {
            file: extras
                .baseline_path
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            new: &c.new,
            fixed: &c.fixed,
            unchanged: c.unchanged,
        }),
        ratchet: extras.ratchet.map(|r| RatchetDoc {
            limits: &r.limits,
            counts: count_by_rule(results)
                .into_iter()
                .filter(|(rule, _)| r.limits.contains_key(rule))
                .collect(),
            violations: extras.violations,
        }),
    };
    let mut s = serde_json::to_string(&doc).expect("the document serializes");
    s.push('\n');
    s
}
