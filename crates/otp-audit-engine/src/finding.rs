//! What the engine reports: findings, their fixes, severities.

use crate::source::Position;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `safe`: behaviour provably unchanged. `unsafe`: a good suggestion that needs review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    Safe,
    Unsafe,
}

impl Safety {
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Edit {
    pub start_byte: usize,
    pub end_byte: usize,
    pub replacement: String,
}

impl Edit {
    pub fn replace(range: std::ops::Range<usize>, text: impl Into<String>) -> Edit {
        Edit {
            start_byte: range.start,
            end_byte: range.end,
            replacement: text.into(),
        }
    }
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit::replace(at..at, text)
    }
    pub fn delete(range: std::ops::Range<usize>) -> Edit {
        Edit::replace(range, "")
    }
}

/// A set of non-overlapping edits, applied together or not at all.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fix {
    pub title: String,
    pub safety: Safety,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, safety: Safety, mut edits: Vec<Edit>) -> Fix {
        edits.sort_by_key(|e| (e.start_byte, e.end_byte));
        Fix {
            title: title.into(),
            safety,
            edits,
        }
    }
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Safety::Safe, edits)
    }
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Safety::Unsafe, edits)
    }
    pub fn span(&self) -> (usize, usize) {
        let start = self.edits.iter().map(|e| e.start_byte).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.end_byte).max().unwrap_or(0);
        (start, end)
    }
}

/// One reported problem. Field names are the JSON contract read by the CLI's
/// consumers and the web app; add fields, never rename them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub path: String,
    /// Enclosing scope, `Mod.fun/2` or `ModTest test "name"`; empty at file level.
    pub scope: String,
    pub start: Position,
    pub end: Position,
    /// Guide page (`otp/no-raw-send`), with an anchor for a section (`test/no-sleep#waiting-for-a-restart`).
    pub guide: String,
    #[serde(default)]
    pub fixes: Vec<Fix>,
    /// The source lines of the finding, so that a report can show a code frame without the file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub snippet: String,
}

impl Finding {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start.byte as usize..self.end.byte as usize
    }
    pub fn safe_fix(&self) -> Option<&Fix> {
        self.fixes.iter().find(|f| f.safety == Safety::Safe)
    }
}
