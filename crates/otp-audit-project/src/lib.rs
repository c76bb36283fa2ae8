//! What the CLI and the web app both need beyond the engine, as pure functions over
//! findings: output formats (the JSON report written and read back, SARIF, Credo,
//! flycheck, JSON lines), the remediation report (Markdown, HTML), baselines and the
//! ratchet, unified diffs, the configuration file's text, reading a project from a
//! zip archive or a picked folder with limits, and the project pipeline (analyse,
//! fix, fixed archive). No I/O: bytes and strings in and out.

pub mod archive;
pub mod baseline;
pub mod compare;
pub mod config;
pub mod diff;
pub mod formats;
pub mod progress;
pub mod project;
pub mod report;
pub mod skipped;
pub mod stamp;
