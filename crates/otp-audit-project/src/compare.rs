//! Two runs of one project side by side: the findings fixed, new and unchanged,
//! overall and per rule, matched by the baseline's line-independent fingerprints
//! (so code that moved is not "fixed and new"). `otp-audit report --compare` prints
//! it for a pull request or a weekly email.

use crate::baseline::{Baseline, Entry};
use otp_audit_engine::{FileResult, FileScope, Finding};
use serde::Serialize;
use std::collections::BTreeMap;

/// Per rule: how many findings were fixed, are new, stayed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub fixed: usize,
    pub new: usize,
    pub unchanged: usize,
}

/// What changed between an older and a newer run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Delta {
    pub fixed: usize,
    pub new: usize,
    pub unchanged: usize,
    /// Every rule with a finding in either run.
    pub rules: BTreeMap<String, Counts>,
    /// The new findings, in the newer run's order.
    pub new_findings: Vec<Finding>,
    /// The older run's findings no longer found, by path and line.
    pub fixed_findings: Vec<Entry>,
}

/// Compare the findings of an older run with those of a newer one.
pub fn compare(old: &[Finding], new: &[Finding]) -> Delta {
    let as_results = |findings: &[Finding]| {
        vec![FileResult {
            path: String::new(),
            scope: FileScope::Lib,
            bytes: 0,
            lines: 0,
            findings: findings.to_vec(),
        }]
    };
    let then = Baseline::from_results(&as_results(old));
    let c = then.compare(&as_results(new));
    let mut rules: BTreeMap<String, Counts> = BTreeMap::new();
    for f in new {
        rules.entry(f.rule.clone()).or_default().unchanged += 1;
    }
    for f in &c.new {
        let r = rules.entry(f.rule.clone()).or_default();
        r.new += 1;
        r.unchanged -= 1;
    }
    for e in &c.fixed {
        rules.entry(e.rule.clone()).or_default().fixed += 1;
    }
    Delta {
        fixed: c.fixed.len(),
        new: c.new.len(),
        unchanged: c.unchanged,
        rules,
        new_findings: c.new,
        fixed_findings: c.fixed,
    }
}

impl Delta {
    /// `{"fixed", "new", "unchanged", "rules": {rule: {...}}, "new_findings",
    /// "fixed_findings"}`, with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("the comparison serializes");
        s.push('\n');
        s
    }

    /// A Markdown summary for a pull-request comment: the totals, a table per rule
    /// (rules that changed first), then the new and the fixed findings.
    pub fn to_markdown(&self, older: &str, newer: &str) -> String {
        let mut out = format!("# otp-audit: {older} → {newer}\n\n");
        out += &format!(
            "**{}** fixed, **{}** new, {} unchanged.\n\n",
            self.fixed, self.new, self.unchanged
        );
        if self.rules.is_empty() {
            out += "Neither run has findings.\n";
            return out;
        }
        out += "| rule | fixed | new | unchanged |\n|---|---:|---:|---:|\n";
        let mut rows: Vec<(&String, &Counts)> = self.rules.iter().collect();
        rows.sort_by_key(|(rule, c)| (c.fixed + c.new == 0, *rule));
        for (rule, c) in rows {
            out += &format!("| `{rule}` | {} | {} | {} |\n", c.fixed, c.new, c.unchanged);
        }
        if !self.new_findings.is_empty() {
            out += "\n## New\n\n";
            for f in &self.new_findings {
                out += &format!(
                    "- `{}:{}` `{}`: {}\n",
                    f.path, f.start.line, f.rule, f.message
                );
            }
        }
        if !self.fixed_findings.is_empty() {
            out += "\n## Fixed\n\n";
            for e in &self.fixed_findings {
                out += &format!("- `{}:{}` `{}`: {}\n", e.path, e.line, e.rule, e.message);
            }
        }
        out
    }
}

impl Delta {
    /// The same summary as a standalone HTML page, for a weekly email.
    pub fn to_html(&self, older: &str, newer: &str) -> String {
        use crate::report::html::escape;
        let mut out = format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>otp-audit: {o} → {n}</title></head><body>\n<h1>otp-audit: {o} → {n}</h1>\n<p><strong>{}</strong> fixed, <strong>{}</strong> new, {} unchanged.</p>\n",
            self.fixed,
            self.new,
            self.unchanged,
            o = escape(older),
            n = escape(newer),
        );
        if !self.rules.is_empty() {
            out += "<table>\n<thead><tr><th scope=\"col\">rule</th><th scope=\"col\">fixed</th><th scope=\"col\">new</th><th scope=\"col\">unchanged</th></tr></thead>\n<tbody>\n";
            for (rule, c) in &self.rules {
                out += &format!(
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    escape(rule),
                    c.fixed,
                    c.new,
                    c.unchanged
                );
            }
            out += "</tbody>\n</table>\n";
        }
        let list = |title: &str, items: Vec<(String, u32, String, String)>| {
            if items.is_empty() {
                return String::new();
            }
            let mut s = format!("<h2>{title}</h2>\n<ul>\n");
            for (path, line, rule, message) in items {
                s += &format!(
                    "<li><code>{}:{line}</code> <code>{}</code>: {}</li>\n",
                    escape(&path),
                    escape(&rule),
                    escape(&message)
                );
            }
            s + "</ul>\n"
        };
        out += &list(
            "New",
            self.new_findings
                .iter()
                .map(|f| {
                    (
                        f.path.clone(),
                        f.start.line,
                        f.rule.clone(),
                        f.message.clone(),
                    )
                })
                .collect(),
        );
        out += &list(
            "Fixed",
            self.fixed_findings
                .iter()
                .map(|e| (e.path.clone(), e.line, e.rule.clone(), e.message.clone()))
                .collect(),
        );
        out + "</body></html>\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otp_audit_engine::Engine;

    fn findings(path: &str, src: &str) -> Vec<Finding> {
        Engine::new(otp_audit_engine::Config::default())
            .check(path, src)
            .findings
    }

    const BEFORE: &str = "defmodule Shop.Cart do\n  def get(s), do: GenServer.call(s, :get)\n  def put(s, v), do: GenServer.call(s, {:put, v})\nend\n";
    // `get` fixed, `put` moved down two lines (unchanged), `clear` new.
    const AFTER: &str = "defmodule Shop.Cart do\n  def get(s), do: GenServer.call(s, :get, 5_000)\n\n\n  def put(s, v), do: GenServer.call(s, {:put, v})\n  def clear(s), do: GenServer.call(s, :clear)\nend\n";

    #[test]
    fn moved_code_is_unchanged_and_counts_go_per_rule() {
        let d = compare(
            &findings("lib/shop/cart.ex", BEFORE),
            &findings("lib/shop/cart.ex", AFTER),
        );
        assert_eq!((d.fixed, d.new, d.unchanged), (1, 1, 1));
        assert_eq!(
            d.rules["otp/call-timeout"],
            Counts {
                fixed: 1,
                new: 1,
                unchanged: 1
            }
        );
        assert_eq!(d.new_findings[0].start.line, 6);
        assert_eq!(d.fixed_findings[0].line, 2);
        let md = d.to_markdown("old.json", "new.json");
        assert!(md.contains("**1** fixed, **1** new, 1 unchanged."), "{md}");
        assert!(md.contains("| `otp/call-timeout` | 1 | 1 | 1 |"), "{md}");
        let json: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(json["rules"]["otp/call-timeout"]["new"], 1);
        let html = d.to_html("old.json", "<new>");
        assert!(
            html.contains("<td><code>otp/call-timeout</code></td><td>1</td><td>1</td><td>1</td>"),
            "{html}"
        );
        assert!(
            html.contains("&lt;new&gt;") && !html.contains("<new>"),
            "{html}"
        );
    }

    #[test]
    fn a_run_against_itself_changes_nothing() {
        let f = findings("lib/shop/cart.ex", AFTER);
        let d = compare(&f, &f);
        assert_eq!((d.fixed, d.new, d.unchanged), (0, 0, f.len()));
    }
}
