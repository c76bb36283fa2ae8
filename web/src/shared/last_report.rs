//! The audit's last report, kept in localStorage across reloads; the workshop reads
//! it too (each track quotes the report's schedule).

use otp_audit_project::formats::json::ReportFile;
use serde::{Deserialize, Serialize};

/// What is kept across a reload: the report, not the sources.
#[derive(Serialize, Deserialize)]
pub struct Kept {
    pub name: String,
    pub file: ReportFile,
}

pub const STORAGE_KEY: &str = "otp-audit.audit.last";

/// The report kept for a reload, if any (the workshop quotes its schedule).
pub fn kept() -> Option<Kept> {
    serde_json::from_str(&super::dom::storage_get(STORAGE_KEY)?).ok()
}
