//! The JSON report, `otp-audit check --format json`: one document,
//! `{"version": 1, "tool", "generated_at", "revision", "config", "files": [...],
//! "findings": [...], "report"}` (`generated_at` and `revision` only when known),
//! and with a baseline or count limits the comparison (`baseline`) and the counts
//! (`ratchet`). The CLI writes it, the web app writes and reads it. The field names
//! are a contract read by other tools: fields are added, never renamed; a change
//! that old readers would misread takes a new `version`.
//!
//! [`read`] is the reading side: it takes untrusted text (a file someone dropped on
//! the page) and returns a checked [`ReportFile`] or an error that says what is wrong
//! and what to do; it never panics.

use crate::baseline::{CountViolation, Entry};
use crate::report::{Efforts, Report};
use crate::skipped::Skipped;
use crate::stamp::Stamp;
use otp_audit_engine::config::ConfigSource;
use otp_audit_engine::{FileResult, FileScope, Finding, REPORT_VERSION};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    scope: FileScope,
    bytes: usize,
    lines: usize,
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    #[serde(flatten)]
    stamp: &'a Stamp,
    config: &'a ConfigSource,
    files: Vec<FileEntry<'a>>,
    /// Files found and not analysed, with the reason (`not_utf8`, ...).
    #[serde(skip_serializing_if = "<[Skipped]>::is_empty")]
    skipped: &'a [Skipped],
    /// Every finding in the code, new or in the baseline.
    findings: Vec<&'a Finding>,
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineDoc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratchet: Option<RatchetDoc<'a>>,
}

/// What wrote the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

/// The `baseline` object: how the findings compare with a baseline file.
#[derive(Serialize)]
pub struct BaselineDoc<'a> {
    pub file: String,
    /// Findings not in the baseline: what fails the run.
    pub new: &'a [Finding],
    /// Baseline entries no longer found.
    pub fixed: &'a [Entry],
    /// How many findings matched a baseline entry.
    pub unchanged: usize,
}

/// The `ratchet` object: count limits, the counts, and the limits exceeded.
#[derive(Serialize)]
pub struct RatchetDoc<'a> {
    pub limits: &'a BTreeMap<String, usize>,
    pub counts: BTreeMap<String, usize>,
    pub violations: &'a [CountViolation],
}

/// The document of `results` (every analysed file, in order) as one line of JSON
/// with a final newline.
pub fn render(
    results: &[FileResult],
    config: &ConfigSource,
    report: &Report,
    baseline: Option<BaselineDoc>,
    ratchet: Option<RatchetDoc>,
) -> String {
    render_with_skipped(
        results,
        &[],
        config,
        report,
        baseline,
        ratchet,
        &Stamp::default(),
    )
}

/// [`render`], listing the files that were found and not analysed as `skipped`,
/// with when and at which commit the run was made.
pub fn render_with_skipped(
    results: &[FileResult],
    skipped: &[Skipped],
    config: &ConfigSource,
    report: &Report,
    baseline: Option<BaselineDoc>,
    ratchet: Option<RatchetDoc>,
    stamp: &Stamp,
) -> String {
    let doc = Document {
        version: REPORT_VERSION,
        tool: Tool {
            name: "otp-audit".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        stamp,
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
        skipped,
        findings: results.iter().flat_map(|r| &r.findings).collect(),
        report,
        baseline,
        ratchet,
    };
    let mut s = serde_json::to_string(&doc).expect("the document serializes");
    s.push('\n');
    s
}

/// One analysed file of a report read back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    pub path: String,
    pub scope: FileScope,
    pub bytes: usize,
    pub lines: usize,
}

/// A report read back: what the viewer shows. Fields it does not need (`baseline`,
/// `ratchet`) are not kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportFile {
    pub version: u32,
    #[serde(default)]
    pub tool: Tool,
    /// When and at which commit the run was made; absent in older reports.
    #[serde(flatten)]
    pub stamp: Stamp,
    /// `{"kind": "defaults" | "toml" | "credo", "path": ...}`, kept as it is.
    #[serde(default)]
    pub config: serde_json::Value,
    pub files: Vec<FileInfo>,
    /// Files found and not analysed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
    pub findings: Vec<Finding>,
    /// The remediation plan; built from the findings when a report lacks it.
    #[serde(default)]
    pub report: Option<Report>,
}

/// Why a file is not a report this version can show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Not JSON at all (the text says where it stops being JSON).
    NotJson(String),
    /// JSON, but not an otp-audit report.
    NotAReport(String),
    /// A report of another schema version.
    Version { found: String, supported: u32 },
    /// A report whose content is inconsistent or of the wrong shape.
    Invalid(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = "write one with `otp-audit check --format json -o report.json`";
        match self {
            ReadError::NotJson(e) => write!(f, "this file is not JSON ({e}); {how}"),
            ReadError::NotAReport(what) => {
                write!(f, "this is not an otp-audit report: {what}; {how}")
            }
            ReadError::Version { found, supported } => write!(
                f,
                "this report has schema version {found}, and this viewer reads version {supported}; \
                 write it again with this version of otp-audit (`otp-audit check --format json`)"
            ),
            ReadError::Invalid(what) => write!(f, "this report is damaged: {what}; {how}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Read a JSON report written by [`render`] (`otp-audit check --format json`).
pub fn read(text: &str) -> Result<ReportFile, ReadError> {
    let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| {
            ReadError::NotJson(format!("line {}, column {}: {}", e.line(), e.column(), e))
        })?;
    let Some(object) = value.as_object() else {
        return Err(ReadError::NotAReport(
            "it is not a JSON object with `version`, `files` and `findings`".into(),
        ));
    };
    let Some(version) = object.get("version") else {
        return Err(ReadError::NotAReport("it has no `version` field".into()));
    };
    if version.as_u64() != Some(u64::from(REPORT_VERSION)) {
        let mut found = version.to_string();
        if found.chars().count() > 40 {
            found = found.chars().take(40).collect::<String>() + "…";
        }
        return Err(ReadError::Version {
            found,
            supported: REPORT_VERSION,
        });
    }
    for field in ["files", "findings"] {
        if !object.contains_key(field) {
            return Err(ReadError::NotAReport(format!("it has no `{field}` field")));
        }
    }
    let file: ReportFile =
        serde_json::from_value(value).map_err(|e| ReadError::Invalid(e.to_string()))?;
    file.validate()?;
    Ok(file)
}

impl ReportFile {
    /// The document [`render`] writes for `results`, as a value (without baseline
    /// and ratchet): what the web app keeps, exports and reads back.
    pub fn from_results(
        results: &[FileResult],
        config: &ConfigSource,
        report: Report,
    ) -> ReportFile {
        ReportFile {
            version: REPORT_VERSION,
            tool: Tool {
                name: "otp-audit".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            stamp: Stamp::default(),
            config: config_value(config),
            skipped: Vec::new(),
            files: results
                .iter()
                .map(|r| FileInfo {
                    path: r.path.clone(),
                    scope: r.scope,
                    bytes: r.bytes,
                    lines: r.lines,
                })
                .collect(),
            findings: results
                .iter()
                .flat_map(|r| r.findings.iter().cloned())
                .collect(),
            report: Some(report),
        }
    }

    /// The document as JSON text, the same as [`render`] writes for its findings.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string(self).expect("reports serialize");
        s.push('\n');
        s
    }

    fn validate(&self) -> Result<(), ReadError> {
        let paths: HashMap<&str, FileScope> = self
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.scope))
            .collect();
        for (i, f) in self.findings.iter().enumerate() {
            let which = || {
                format!(
                    "finding {} (`{}`)",
                    i + 1,
                    f.rule.chars().take(80).collect::<String>()
                )
            };
            if !paths.contains_key(f.path.as_str()) {
                return Err(ReadError::Invalid(format!(
                    "{} is in a file the report does not list",
                    which()
                )));
            }
            if f.start.line == 0 || f.end.line < f.start.line || f.end.byte < f.start.byte {
                return Err(ReadError::Invalid(format!(
                    "{} has an impossible position",
                    which()
                )));
            }
        }
        if let Some(r) = &self.report
            && r.version != REPORT_VERSION
        {
            return Err(ReadError::Version {
                found: r.version.to_string(),
                supported: REPORT_VERSION,
            });
        }
        Ok(())
    }

    /// The files with their findings, in the report's order.
    pub fn results(&self) -> Vec<FileResult> {
        let mut by_path: HashMap<&str, Vec<Finding>> = HashMap::new();
        for f in &self.findings {
            by_path.entry(f.path.as_str()).or_default().push(f.clone());
        }
        self.files
            .iter()
            .map(|f| FileResult {
                path: f.path.clone(),
                scope: f.scope,
                bytes: f.bytes,
                lines: f.lines,
                findings: by_path.remove(f.path.as_str()).unwrap_or_default(),
            })
            .collect()
    }

    /// The report's plan, or one built from its findings with the default efforts.
    pub fn plan(&self) -> Report {
        self.report
            .clone()
            .unwrap_or_else(|| Report::build(&self.results(), &Efforts::default(), None))
    }

    /// The configuration the run used, in words: `otp-audit.toml`, `.credo.exs
    /// (imported)` or `the defaults`.
    pub fn config_label(&self) -> String {
        config_label_of(&self.config)
    }
}

/// [`ReportFile::config_label`] of a `config` value.
pub fn config_label_of(config: &serde_json::Value) -> String {
    let path = config.get("path").and_then(|p| p.as_str()).unwrap_or("");
    match config.get("kind").and_then(|k| k.as_str()) {
        Some("toml") => path.to_string(),
        Some("credo") => format!("{path} (imported from Credo)"),
        _ => "the defaults".to_string(),
    }
}

/// The `config` value of a [`ConfigSource`], as [`render`] writes it.
pub fn config_value(source: &ConfigSource) -> serde_json::Value {
    serde_json::to_value(source).expect("config sources serialize")
}
