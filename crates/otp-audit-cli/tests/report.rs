//! `otp-audit report` on a synthetic corpus: the Markdown and HTML plans count what
//! `check --format json` finds, and the HTML needs no network.

mod common;

use common::*;
use std::collections::BTreeMap;

fn corpus() -> Project {
    let p = Project::new("report", &[]);
    let generated = otp_audit_corpus::generate(&otp_audit_corpus::Options {
        seed: 11,
        files: 60,
        test_files: 25,
        violation_rate: 0.08,
    });
    generated.write_to(&p.root).unwrap();
    p
}

/// The number in the first `<td class="n">` of the rule's row in the HTML rule table.
fn html_count(html: &str, rule: &str) -> Option<usize> {
    let row_start = format!(
        "<tr><td><a href=\"#guide-{}\"><code>{rule}</code></a>",
        rule.replace('/', "-")
    );
    let row = html.lines().find(|l| l.starts_with(&row_start))?;
    let cell = row.split("<td class=\"n\">").nth(1)?;
    cell.split('<').next()?.parse().ok()
}

/// The Findings column of the rule's row in the Markdown rule table.
fn markdown_count(md: &str, rule: &str) -> Option<usize> {
    let row_start = format!("| [`{rule}`]");
    let row = md.lines().find(|l| l.starts_with(&row_start))?;
    row.split('|').nth(3)?.trim().parse().ok()
}

#[test]
fn report_counts_equal_the_json_findings() {
    let p = corpus();
    let (code, doc) = p.json(&["check", "--format", "json", "."]);
    assert_eq!(code, Some(1));
    let all = findings(&doc);
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    for f in all {
        *per_rule
            .entry(f["rule"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert!(per_rule.len() >= 4, "{per_rule:?}");
    // The model inside the JSON agrees.
    assert_eq!(doc["report"]["totals"]["findings"], all.len());
    for r in doc["report"]["rules"].as_array().unwrap() {
        let rule = r["rule"].as_str().unwrap();
        assert_eq!(
            r["findings"],
            per_rule.get(rule).copied().unwrap_or(0),
            "{rule}"
        );
    }

    let o = p.run(&["report", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(
        md.contains(&format!("found {} findings", all.len())),
        "{md}"
    );
    let o = p.run(&["report", "--format", "html", "--output", "plan.html", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = p.read("plan.html");
    assert!(html.contains(&format!("found {} findings", all.len())));
    for (rule, n) in &per_rule {
        assert_eq!(markdown_count(&md, rule), Some(*n), "markdown, {rule}");
        assert_eq!(html_count(&html, rule), Some(*n), "html, {rule}");
    }
    // `check --format markdown|html` print the same plan.
    assert_eq!(stdout(&p.run(&["check", "--format", "markdown", "."])), md);
    assert_eq!(stdout(&p.run(&["check", "--format", "html", "."])), html);
}

#[test]
fn html_is_self_contained() {
    let p = corpus();
    let html = stdout(&p.run(&["report", "--format", "html"]));
    assert!(
        html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"),
        "{}",
        &html[..80]
    );
    let lower = html.to_ascii_lowercase();
    for needle in [
        "http://",
        "https://",
        "//cdn",
        "<script src",
        "<link",
        "@import",
        "url(",
    ] {
        assert!(!lower.contains(needle), "the report references `{needle}`");
    }
    assert!(lower.contains("<svg"), "inline charts");
}

#[test]
fn report_effort_comes_from_the_config() {
    let p = corpus();
    let base = stdout(&p.run(&["report"]));
    p.write(
        "otp-audit.toml",
        "[rules.\"code/nesting\"]\nmax_nesting = 3\n\n[report.effort]\n\"otp/no-raw-send\" = 600\n",
    );
    let o = p.run(&["report"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let configured = stdout(&o);
    assert_ne!(base, configured);
    let row = configured
        .lines()
        .find(|l| l.starts_with("| [`otp/no-raw-send`]"))
        .unwrap();
    assert!(row.ends_with(" h |"), "{row}");
    // A typo in the report table is an error that says so.
    p.write(
        "otp-audit.toml",
        "[report.effort]\n\"otp/no-raw-sand\" = 5\n",
    );
    let o = p.run(&["report"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("otp/no-raw-sand"), "{}", stderr(&o));
    // The JSON report carries the configured figure too.
    p.write(
        "otp-audit.toml",
        "[report.effort]\n\"otp/no-raw-send\" = 600\n",
    );
    let (_, doc) = p.json(&["check", "--format", "json"]);
    let send = doc["report"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "otp/no-raw-send")
        .unwrap();
    assert_eq!(send["minutes_per_finding"], 600);
}
