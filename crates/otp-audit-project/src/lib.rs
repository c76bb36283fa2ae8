//! What the CLI and the web app both need beyond the engine, as pure functions over
//! findings: output formats (SARIF, Credo, flycheck, JSON lines), the remediation
//! report (Markdown, HTML), baselines and the ratchet, unified diffs, and reading a
//! project from a zip archive with limits. No I/O: bytes and strings in and out.

pub mod archive;
pub mod baseline;
pub mod diff;
pub mod formats;
pub mod report;
