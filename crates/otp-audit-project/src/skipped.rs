//! Files a run found but did not analyse, and why. They are reported (text summary,
//! JSON `skipped`, SARIF notifications) so that a green run is never mistaken for a
//! run that checked everything.

use serde::{Deserialize, Serialize};

/// Why a file was not analysed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Elixir source must be UTF-8.
    NotUtf8,
    /// Reached through a symbolic link that leads out of the project.
    SymlinkOutside,
    /// Larger than the size cap.
    TooLarge,
}

impl SkipReason {
    /// The name in the JSON report and SARIF (`not_utf8`).
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NotUtf8 => "not_utf8",
            SkipReason::SymlinkOutside => "symlink_outside",
            SkipReason::TooLarge => "too_large",
        }
    }

    /// The reason in a sentence's words.
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::NotUtf8 => "not UTF-8 (Elixir source must be UTF-8)",
            SkipReason::SymlinkOutside => "a symbolic link that leads out of the project",
            SkipReason::TooLarge => "over the size limit",
        }
    }
}

/// A file that was not analysed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Skipped {
    /// As the findings' paths are written.
    pub path: String,
    pub reason: SkipReason,
}

/// `2 files (1 not UTF-8, 1 symbolic link out of the project)`-style counts per
/// reason, in reason order.
pub fn counts(skipped: &[Skipped]) -> Vec<(SkipReason, usize)> {
    let mut out: Vec<(SkipReason, usize)> = Vec::new();
    let mut reasons: Vec<SkipReason> = skipped.iter().map(|s| s.reason).collect();
    reasons.sort();
    for r in reasons {
        match out.last_mut() {
            Some((last, n)) if *last == r => *n += 1,
            _ => out.push((r, 1)),
        }
    }
    out
}
