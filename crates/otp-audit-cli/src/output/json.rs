//! `--format json`: one document, `{"version": 1, "files": [...], "findings": [...]}`.
//! The field names are a contract read by other tools and the web app.

use otp_audit_engine::config::ConfigSource;
use otp_audit_engine::{Config, FileResult, Finding, REPORT_VERSION};
use serde::Serialize;
use std::io::Write;

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
    findings: Vec<&'a Finding>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

pub fn print(results: &[FileResult], config: &Config) -> std::io::Result<()> {
    let doc = Document {
        version: REPORT_VERSION,
        tool: Tool {
            name: "otp-audit",
            version: env!("CARGO_PKG_VERSION"),
        },
        config: &config.source,
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
    };
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &doc)?;
    writeln!(out)
}
