//! `generated_at` and `revision` of the JSON report. The time is the clock's, or
//! `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention: a packaged
//! build or a golden test gets a fixed time). The revision is `--revision`, else
//! the commit checked out where the project is, else absent.

use otp_audit_project::stamp::{Stamp, rfc3339};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

pub fn stamp(revision: Option<&str>, paths: &[PathBuf], from_archive: bool) -> Stamp {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let revision = match revision {
        Some(r) => Some(r.to_string()),
        // A zip's folder is not a checkout of what the zip holds.
        None if from_archive => None,
        None => paths.first().and_then(|p| git_head(p)),
    };
    Stamp {
        generated_at: Some(rfc3339(secs)),
        revision,
    }
}

/// `git rev-parse HEAD` in the folder of `path`; `None` outside a checkout, in a
/// repository without commits, or without git.
fn git_head(path: &Path) -> Option<String> {
    let dir = match path.parent() {
        _ if path.is_dir() => path,
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--verify", "--quiet", "HEAD"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let head = String::from_utf8(out.stdout).ok()?.trim().to_string();
    let is_hash = matches!(head.len(), 40 | 64) && head.bytes().all(|b| b.is_ascii_hexdigit());
    (out.status.success() && is_hash).then_some(head)
}
