//! Output formats the CLI renders itself (text, JSON, the rule table); the others
//! come from otp-audit-project.

pub mod frame;
pub mod json;
pub mod rules;
pub mod statistics;
pub mod text;

use otp_audit_project::baseline::{Comparison, CountViolation, Ratchet};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// `--verbose`: notes are listed in full. Set once, from the arguments.
static VERBOSE: AtomicBool = AtomicBool::new(false);

pub fn set_verbose(on: bool) {
    VERBOSE.store(on, Ordering::Relaxed);
}

pub fn verbose() -> bool {
    VERBOSE.load(Ordering::Relaxed)
}

/// Color when stdout is a terminal and `NO_COLOR` is not set (no-color.org).
pub fn color_by_default() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What a run adds to its findings: a baseline comparison, count limits.
pub struct Extras<'a> {
    pub comparison: Option<&'a Comparison>,
    pub ratchet: Option<&'a Ratchet>,
    pub violations: &'a [CountViolation],
    pub baseline_path: Option<&'a Path>,
    /// When and at which commit (the JSON report's `generated_at`, `revision`).
    pub stamp: otp_audit_project::stamp::Stamp,
}

/// Print to stdout; a closed pipe (`otp-audit check | head`) is not an error.
pub fn stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the output: {e}")),
        Ok(()) => Ok(()),
    }
}
