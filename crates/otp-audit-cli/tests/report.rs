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

const CART_V1: &str = "defmodule Shop.Cart do\n  def get(s), do: GenServer.call(s, :get)\n  def put(s, v), do: GenServer.call(s, {:put, v})\nend\n";
// `get` fixed, `put` moved down (unchanged), `clear` new.
const CART_V2: &str = "defmodule Shop.Cart do\n  @moduledoc \"The cart.\"\n\n  def get(s), do: GenServer.call(s, :get, 5_000)\n  def put(s, v), do: GenServer.call(s, {:put, v})\n  def clear(s), do: GenServer.call(s, :clear)\nend\n";
const PINGER_V1: &str = "defmodule Shop.Pinger do\n  def ping(pid), do: send(pid, :ping)\nend\n";
// `ping` fixed, `pong` new.
const PINGER_V3: &str = "defmodule Shop.Pinger do\n  def ping(pid), do: GenServer.call(pid, :ping, 1_000)\n  def pong(pid), do: send(pid, :pong)\nend\n";

fn rule_counts(doc: &serde_json::Value, rule: &str) -> (u64, u64, u64) {
    let r = &doc["rules"][rule];
    (
        r["fixed"].as_u64().unwrap_or(0),
        r["new"].as_u64().unwrap_or(0),
        r["unchanged"].as_u64().unwrap_or(0),
    )
}

#[test]
fn compare_counts_planted_fixes_and_regressions_per_rule() {
    let p = Project::new(
        "compare",
        &[
            ("mix.exs", b"defmodule Shop.MixProject do\nend\n"),
            ("lib/shop/cart.ex", CART_V1.as_bytes()),
            ("lib/shop/pinger.ex", PINGER_V1.as_bytes()),
        ],
    );
    let o = p.run(&["check", "--format", "json", "-o", "v1.json", "lib"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    p.write("lib/shop/cart.ex", CART_V2);
    p.run(&["check", "--format", "json", "-o", "v2.json", "lib"]);

    // Two reports.
    let (code, doc) = p.json(&[
        "report",
        "--compare",
        "v1.json",
        "--format",
        "json",
        "v2.json",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(rule_counts(&doc, "otp/call-timeout"), (1, 1, 1), "{doc}");
    assert_eq!(rule_counts(&doc, "otp/no-raw-send"), (0, 0, 1), "{doc}");
    assert_eq!(
        (
            doc["fixed"].as_u64(),
            doc["new"].as_u64(),
            doc["unchanged"].as_u64()
        ),
        (Some(1), Some(1), Some(2))
    );
    assert_eq!(doc["new_findings"][0]["start"]["line"], 6, "{doc}");

    // A report and the code as it is now.
    p.write("lib/shop/pinger.ex", PINGER_V3);
    let (_, doc) = p.json(&["report", "--compare", "v2.json", "--format", "json", "lib"]);
    assert_eq!(rule_counts(&doc, "otp/call-timeout"), (0, 0, 2), "{doc}");
    assert_eq!(rule_counts(&doc, "otp/no-raw-send"), (1, 1, 0), "{doc}");

    // The selection applies to both sides: a rule left out is not "fixed".
    let (_, doc) = p.json(&[
        "report",
        "--compare",
        "v1.json",
        "--format",
        "json",
        "--ignore",
        "otp/no-raw-send",
        "lib",
    ]);
    assert!(doc["rules"].get("otp/no-raw-send").is_none(), "{doc}");
    assert_eq!(rule_counts(&doc, "otp/call-timeout"), (1, 1, 1), "{doc}");

    // Markdown by default, HTML on request.
    let md = stdout(&p.run(&["report", "--compare", "v1.json", "lib"]));
    assert!(md.contains("**2** fixed, **2** new, 1 unchanged."), "{md}");
    assert!(md.contains("| `otp/no-raw-send` | 1 | 1 | 0 |"), "{md}");
    assert!(
        md.contains("## New\n\n- `lib/shop/cart.ex:6` `otp/call-timeout`"),
        "{md}"
    );
    let html = stdout(&p.run(&["report", "--compare", "v1.json", "--format", "html", "lib"]));
    assert!(
        html.contains("<td><code>otp/call-timeout</code></td><td>1</td><td>1</td><td>1</td>"),
        "{html}"
    );

    // Errors say what to do.
    let o = p.run(&["check", "--compare", "v1.json", "lib"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`--compare` is an option of `report`"),
        "{}",
        stderr(&o)
    );
    let o = p.run(&["report", "--compare", "missing.json", "lib"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read the report `missing.json`"),
        "{}",
        stderr(&o)
    );
}

fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let o = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
    stdout(&o).trim().to_string()
}

#[test]
fn json_reports_say_when_and_at_which_commit() {
    let p = Project::new(
        "stamp",
        &[
            ("mix.exs", b"defmodule Shop.MixProject do\nend\n"),
            ("lib/shop/pinger.ex", PINGER_V1.as_bytes()),
        ],
    );
    // Not a checkout: no revision; the time is SOURCE_DATE_EPOCH's.
    let (_, doc) = p.json(&["check", "--format", "json", "lib"]);
    assert_eq!(doc["generated_at"], "2026-12-03T04:01:39Z", "{doc}");
    assert!(doc.get("revision").is_none(), "{doc}");
    assert_eq!(doc["version"], 1);

    // Without SOURCE_DATE_EPOCH, the clock: today, to the second, in UTC.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_otp-audit"))
        .args(["check", "--format", "json", "lib"])
        .current_dir(&p.root)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let at = doc["generated_at"].as_str().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let year = 1970 + now / 31_556_952;
    assert!(
        at.len() == 20 && at.starts_with(&year.to_string()) && at.ends_with('Z'),
        "{at}"
    );

    // A checkout: HEAD, from the project's folder whatever the working directory.
    git(&p.root, &["init", "-q"]);
    let (_, doc) = p.json(&["check", "--format", "json", "lib"]);
    assert!(doc.get("revision").is_none(), "no commit yet: {doc}");
    git(&p.root, &["add", "."]);
    git(&p.root, &["commit", "-q", "-m", "one"]);
    let head = git(&p.root, &["rev-parse", "HEAD"]);
    let (_, doc) = p.json(&["check", "--format", "json", "lib"]);
    assert_eq!(doc["revision"], head.as_str(), "{doc}");
    let elsewhere = run_in(
        &std::env::temp_dir(),
        &[
            "check",
            "--format",
            "json",
            p.path("lib/shop/pinger.ex").to_str().unwrap(),
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&elsewhere.stdout).unwrap();
    assert_eq!(doc["revision"], head.as_str(), "{doc}");

    // --revision wins; `report` refuses it.
    let (_, doc) = p.json(&["check", "--format", "json", "--revision", "v1.2", "lib"]);
    assert_eq!(doc["revision"], "v1.2", "{doc}");
    let o = p.run(&["report", "--revision", "v1.2", "lib"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`--revision` is an option of `check`"),
        "{}",
        stderr(&o)
    );

    // A report of before these fields (schema 1 all the same) still compares.
    p.run(&["check", "--format", "json", "-o", "new.json", "lib"]);
    let mut old = doc.clone();
    let o = old.as_object_mut().unwrap();
    o.remove("generated_at");
    o.remove("revision");
    p.write("old.json", old.to_string());
    let (code, doc) = p.json(&[
        "report",
        "--compare",
        "old.json",
        "--format",
        "json",
        "new.json",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(rule_counts(&doc, "otp/no-raw-send"), (0, 0, 1), "{doc}");
}
