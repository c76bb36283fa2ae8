//! `check --statistics`: findings per rule and per scope, and files per scope, so
//! two runs (before and after a change, two versions of a project) compare at a
//! glance. A table for people, a JSON object for tools.

use otp_audit_engine::{FileResult, FileScope};
use otp_audit_project::skipped::Skipped;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

const SCOPES: [FileScope; 4] = [
    FileScope::Lib,
    FileScope::Test,
    FileScope::TestSupport,
    FileScope::Other,
];

/// Counts per scope, in [`SCOPES`] order, and their total.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PerScope {
    pub lib: usize,
    pub test: usize,
    pub test_support: usize,
    pub other: usize,
    pub total: usize,
}

impl PerScope {
    fn add(&mut self, scope: FileScope, n: usize) {
        *match scope {
            FileScope::Lib => &mut self.lib,
            FileScope::Test => &mut self.test,
            FileScope::TestSupport => &mut self.test_support,
            FileScope::Other => &mut self.other,
        } += n;
        self.total += n;
    }

    fn get(&self, scope: FileScope) -> usize {
        match scope {
            FileScope::Lib => self.lib,
            FileScope::Test => self.test,
            FileScope::TestSupport => self.test_support,
            FileScope::Other => self.other,
        }
    }
}

/// The statistics of a run.
#[derive(Debug, Default, Serialize)]
pub struct Statistics {
    /// Files analysed per scope.
    pub files: PerScope,
    /// Findings per scope.
    pub findings: PerScope,
    /// Findings per rule id (rules without findings are left out), per scope.
    pub rules: BTreeMap<String, PerScope>,
    /// Files found and not analysed.
    pub skipped: usize,
}

impl Statistics {
    pub fn of(results: &[FileResult], skipped: &[Skipped]) -> Statistics {
        let mut stats = Statistics {
            skipped: skipped.len(),
            ..Statistics::default()
        };
        for r in results {
            stats.files.add(r.scope, 1);
            stats.findings.add(r.scope, r.findings.len());
            for f in &r.findings {
                stats
                    .rules
                    .entry(f.rule.clone())
                    .or_default()
                    .add(r.scope, 1);
            }
        }
        stats
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string(self).expect("statistics serialize");
        s.push('\n');
        s
    }

    /// One row per rule, then the totals and the files, columns per scope.
    pub fn to_text(&self) -> String {
        let width = self
            .rules
            .keys()
            .map(String::len)
            .chain(["findings".len()])
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        let _ = write!(out, "{:width$}", "rule");
        for scope in SCOPES {
            let _ = write!(out, "  {:>12}", scope.as_str());
        }
        let _ = writeln!(out, "  {:>8}", "total");
        let mut row = |name: &str, counts: &PerScope| {
            let _ = write!(out, "{name:width$}");
            for scope in SCOPES {
                let _ = write!(out, "  {:>12}", counts.get(scope));
            }
            let _ = writeln!(out, "  {:>8}", counts.total);
        };
        for (rule, counts) in &self.rules {
            row(rule, counts);
        }
        row("findings", &self.findings);
        row("files", &self.files);
        if self.skipped > 0 {
            let _ = writeln!(out, "skipped files: {}", self.skipped);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otp_audit_engine::Engine;

    #[test]
    fn counts_per_rule_and_scope() {
        let engine = Engine::default();
        let results = vec![
            engine.check("lib/a.ex", "defmodule A do\n  def f(p), do: send(p, :x)\nend\n"),
            engine.check("test/a_test.exs", "defmodule ATest do\n  use ExUnit.Case\n  test \"x\" do\n    Process.sleep(10)\n    assert true\n  end\nend\n"),
            engine.check("mix.exs", "defmodule A.MixProject do\nend\n"),
        ];
        let stats = Statistics::of(&results, &[]);
        assert_eq!(stats.files.total, 3);
        assert_eq!(stats.files.other, 1);
        assert_eq!(stats.rules["otp/no-raw-send"].lib, 1);
        assert_eq!(stats.rules["test/no-sleep"].test, 1);
        let text = stats.to_text();
        assert!(text.starts_with("rule"), "{text}");
        assert!(text.contains("otp/no-raw-send"), "{text}");
        let json: serde_json::Value = serde_json::from_str(&stats.to_json()).unwrap();
        assert_eq!(json["rules"]["test/no-sleep"]["test"], 1);
        assert_eq!(json["files"]["lib"], 1);
    }
}
