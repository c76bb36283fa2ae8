//! What the audit shows: one project's report (analysed here, or read from a JSON
//! report), with the sources when they are at hand; its exports; and keeping the
//! last report across a reload.

use otp_audit_engine::config::ConfigSource;
use otp_audit_engine::{Engine, FileResult, Finding};
use otp_audit_project::formats::json::{self, ReportFile};
use otp_audit_project::formats::sarif;
use otp_audit_project::project::{self, FixedFile, Sources};
use otp_audit_project::report::{self, Efforts, Report};
use serde::{Deserialize, Serialize};

/// Where the report came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// A zip archive analysed here (its bytes, for the fixed copy).
    Zip,
    /// A picked folder analysed here.
    Folder,
    /// A JSON report written by the CLI (or exported here).
    Report,
    /// The last report, restored after a reload: sources and archive are gone.
    Restored,
}

pub struct Audit {
    /// The file or folder name.
    pub name: String,
    pub origin: Origin,
    pub file: ReportFile,
    pub plan: Report,
    /// The project's files, when analysed in this page (not after a reload).
    pub sources: Option<Sources>,
    /// The archive as dropped.
    pub zip: Option<Vec<u8>>,
    /// Milliseconds from the input to the report.
    pub ms: Option<f64>,
}

impl Audit {
    /// The audit of a project analysed here: `results` in the order of
    /// `sources.files` (cross-file rules already concluded).
    pub fn analysed(
        name: String,
        origin: Origin,
        sources: Sources,
        zip: Option<Vec<u8>>,
        results: Vec<FileResult>,
        config: &ConfigSource,
        efforts: &Efforts,
    ) -> Audit {
        let plan = Report::build(&results, efforts, None);
        let file = ReportFile::from_results(&results, config, plan.clone());
        Audit {
            name,
            origin,
            file,
            plan,
            sources: Some(sources),
            zip,
            ms: None,
        }
    }

    /// The audit of a JSON report's text.
    pub fn from_report(name: String, text: &str) -> Result<Audit, String> {
        let file = json::read(text).map_err(|e| {
            let s = e.to_string();
            format!("`{name}`: {}{}", s[..1].to_uppercase(), &s[1..])
        })?;
        let plan = file.plan();
        Ok(Audit {
            name,
            origin: Origin::Report,
            file,
            plan,
            sources: None,
            zip: None,
            ms: None,
        })
    }

    pub fn findings_in<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.file.findings.iter().filter(move |f| f.path == path)
    }

    pub fn source(&self, path: &str) -> Option<&str> {
        self.sources
            .as_ref()?
            .files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.as_str())
    }

    /// The files with a safe fix to apply, with their text.
    pub fn fixable_files(&self) -> Vec<(String, String)> {
        let Some(sources) = &self.sources else {
            return Vec::new();
        };
        sources
            .files
            .iter()
            .filter(|(p, _)| self.findings_in(p).any(|f| f.safe_fix().is_some()))
            .cloned()
            .collect()
    }

    /// The project with the fixes applied, as a zip: the dropped archive with only the
    /// fixed files replaced, or the folder's files.
    pub fn fixed_zip(&self, fixed: &[FixedFile]) -> Result<Vec<u8>, String> {
        match (&self.zip, &self.sources) {
            (Some(zip), _) => project::fixed_zip(zip, fixed, &project::browser_limits()),
            (None, Some(sources)) => Ok(project::fixed_folder_zip(sources, fixed)),
            (None, None) => Err(NO_SOURCE.into()),
        }
    }

    pub fn fixed_diff(&self, fixed: &[FixedFile]) -> Result<String, String> {
        let sources = self.sources.as_ref().ok_or(NO_SOURCE)?;
        Ok(project::diff(&sources.files, fixed))
    }

    /// The file name stem for downloads: `shop` for `shop.zip` or `shop/`.
    pub fn stem(&self) -> String {
        let n = self.name.trim_end_matches('/');
        let n = n.rsplit('/').next().unwrap_or(n);
        let stem = n
            .strip_suffix(".zip")
            .or_else(|| n.strip_suffix(".json"))
            .unwrap_or(n);
        let clean: String = stem
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if clean.is_empty() {
            "project".into()
        } else {
            clean
        }
    }

    /// `(file name, MIME type, content)` of an export: `markdown`, `html`, `json`, `sarif`.
    pub fn export(&self, kind: &str) -> Option<(String, &'static str, String)> {
        let stem = self.stem();
        Some(match kind {
            "markdown" => (
                format!("{stem}-otp-audit.md"),
                "text/markdown",
                report::to_markdown(&self.plan),
            ),
            "html" => (
                format!("{stem}-otp-audit.html"),
                "text/html",
                report::to_html(&self.plan),
            ),
            "json" => (
                format!("{stem}-otp-audit.json"),
                "application/json",
                self.file.to_json(),
            ),
            "sarif" => (
                format!("{stem}-otp-audit.sarif"),
                "application/sarif+json",
                serde_json::to_string_pretty(&sarif::to_sarif(&self.file.results()))
                    .expect("SARIF serializes")
                    + "\n",
            ),
            _ => return None,
        })
    }
}

pub const NO_SOURCE: &str = "the project's files are not at hand (a report opened from JSON, or restored after a reload); drop the project's zip or folder again to fix it";

/// Run the cross-file rules over the workers' results, on this thread.
pub fn conclude(
    config: Option<&(String, String)>,
    sources: &Sources,
    results: &mut [FileResult],
    facts: &[serde_json::Value],
) -> Result<(ConfigSource, Efforts), String> {
    let loaded = otp_audit_project::config::from_named(config)?;
    let source = loaded.config.source.clone();
    let engine = Engine::new(loaded.config);
    project::conclude(&engine, &sources.files, results, facts);
    Ok((source, loaded.efforts))
}

pub use crate::shared::last_report::{Kept, STORAGE_KEY, kept};

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Audit {
        let files = vec![
            (
                "lib/a.ex".to_string(),
                "defmodule A do\n  def f(p), do: send(p, :x)\nend\n".to_string(),
            ),
            (
                "test/a_test.exs".to_string(),
                "defmodule ATest do\n  use ExUnit.Case\n  test \"x\" do\n    send(self(), :done)\n    Process.sleep(10)\n    assert_received :done\n  end\nend\n"
                    .to_string(),
            ),
        ];
        let sources = Sources {
            files: files.clone(),
            ..Sources::default()
        };
        let engine = Engine::new(Default::default());
        let results = project::analyse(&engine, &files);
        let zip = otp_audit_project::archive::write_zip(&[
            ("shop/lib/a.ex", files[0].1.as_bytes()),
            ("shop/test/a_test.exs", files[1].1.as_bytes()),
        ]);
        Audit::analysed(
            "shop.zip".into(),
            Origin::Zip,
            sources,
            Some(zip),
            results,
            &ConfigSource::Defaults,
            &Efforts::default(),
        )
    }

    #[test]
    fn exports_and_report_round_trip() {
        let a = sample();
        assert_eq!(a.stem(), "shop");
        let (name, _, json) = a.export("json").unwrap();
        assert_eq!(name, "shop-otp-audit.json");
        let back = Audit::from_report(name, &json).unwrap();
        assert_eq!(back.file, a.file);
        assert_eq!(back.plan, a.plan);
        assert!(a.export("markdown").unwrap().2.contains("no-raw-send"));
        assert!(
            a.export("html").unwrap().2.starts_with("<!DOCTYPE html>")
                || a.export("html").unwrap().2.starts_with("<!doctype html>")
        );
        assert!(
            a.export("sarif")
                .unwrap()
                .2
                .contains("\"version\": \"2.1.0\"")
        );
        assert!(a.export("pdf").is_none());
        let e = Audit::from_report("r.json".into(), "{\"version\": 7}")
            .err()
            .unwrap();
        assert!(
            e.starts_with("`r.json`: This report has schema version 7"),
            "{e}"
        );
    }

    #[test]
    fn safe_fixes_make_a_fixed_zip() {
        let a = sample();
        let fixable = a.fixable_files();
        assert_eq!(fixable.len(), 1, "the sleep before assert_receive");
        let engine = Engine::new(Default::default());
        let fixed = project::fix(&engine, &fixable, otp_audit_engine::Safety::Safe);
        let zip = a.fixed_zip(&fixed).unwrap();
        let back = project::from_zip(&zip, &project::browser_limits()).unwrap();
        assert_eq!(back.root_stripped.as_deref(), Some("shop"));
        assert_eq!(back.files[1].1, fixed[0].text);
        assert!(
            a.fixed_diff(&fixed)
                .unwrap()
                .contains("-    Process.sleep(10)")
        );
    }
}
