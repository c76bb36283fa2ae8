//! The remediation report: golden Markdown, HTML and JSON for a small project analysed
//! by the engine; counts on a generated corpus checked against the findings; the HTML
//! self-contained and escaped; the report round-tripping through JSON.
//!
//! `BLESS=1 cargo test -p otp-audit-project --test report` rewrites the golden files.

use otp_audit_engine::source::Position;
use otp_audit_engine::{Engine, FileResult, FileScope, Finding, Fix, Severity};
use otp_audit_project::baseline::Baseline;
use otp_audit_project::report::{
    self, Area, BuildOptions, Efforts, MarkdownOptions, Report, StageKind,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/report")
}

/// The files of the golden project, project-relative, sorted.
fn project_files() -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, root, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let root = golden_dir().join("project");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out
}

fn analyse(files: &[(String, String)]) -> Vec<FileResult> {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, s)| (p.as_str(), s.as_str()))
        .collect();
    Engine::default().check_project(&refs)
}

fn golden_report() -> Report {
    let results = analyse(&project_files());
    let mut r = Report::build(&results, &Efforts::default(), None);
    // Keep the golden files stable across version bumps.
    r.tool_version = "0.0.0-test".to_string();
    r
}

fn check_golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with BLESS=1", path.display()));
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  expected: {:?}\n  actual:   {:?}\n(BLESS=1 rewrites it)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

#[test]
fn golden_markdown() {
    check_golden("expected.md", &report::to_markdown(&golden_report()));
}

#[test]
fn golden_markdown_with_a_guide_folder() {
    let md = report::to_markdown_with(
        &golden_report(),
        &MarkdownOptions {
            guide_base: Some("docs/rules".into()),
        },
    );
    assert!(
        md.contains("[`otp/no-raw-send`](docs/rules/otp/no-raw-send.md)"),
        "{md}"
    );
    assert!(!md.contains("](#"), "no in-document guide links are left");
}

#[test]
fn golden_html() {
    check_golden("expected.html", &report::to_html(&golden_report()));
}

#[test]
fn golden_json() {
    let mut json = serde_json::to_string_pretty(&golden_report()).unwrap();
    json.push('\n');
    check_golden("expected.report.json", &json);
}

#[test]
fn the_golden_project_covers_every_area_and_stage() {
    let r = golden_report();
    for area in Area::ALL {
        let a = r.areas.iter().find(|a| a.area == area).unwrap();
        assert!(
            a.findings > 0,
            "the golden project has findings in {area:?}"
        );
    }
    for kind in [StageKind::TestRemediation, StageKind::ProductionHardening] {
        let s = r.stages.iter().find(|s| s.kind == kind).unwrap();
        assert!(!s.rules.is_empty(), "{kind:?} has rules");
    }
    assert!(r.totals.safe_fixes > 0, "some finding has a safe fix");
    let e = r.stages[0].enforcement.as_ref().unwrap();
    assert!(!e.zero_today.is_empty() && !e.ratchet.is_empty());
}

// ---------------------------------------------------------------------------
// Counts on a generated corpus.

fn corpus_results() -> Vec<FileResult> {
    let project = otp_audit_corpus::generate(&otp_audit_corpus::Options {
        seed: 7,
        files: 60,
        test_files: 30,
        violation_rate: 0.2,
    });
    let files: Vec<(String, String)> = project
        .files
        .into_iter()
        .map(|f| (f.path, f.source))
        .collect();
    analyse(&files)
}

#[derive(Default, Debug)]
struct Direct {
    findings: usize,
    files: BTreeSet<String>,
}

#[test]
fn counts_equal_the_findings_on_a_generated_corpus() {
    let results = corpus_results();
    let r = Report::build(&results, &Efforts::default(), None);
    let md = report::to_markdown(&r);
    let html = report::to_html(&r);

    // Directly from the findings.
    let all: Vec<&Finding> = results.iter().flat_map(|f| &f.findings).collect();
    assert!(
        all.len() > 50,
        "the corpus plants enough violations: {}",
        all.len()
    );
    let mut per_rule: BTreeMap<&str, Direct> = BTreeMap::new();
    let mut per_area_rule: BTreeMap<(Area, &str), Direct> = BTreeMap::new();
    let mut per_sev: BTreeMap<Severity, usize> = BTreeMap::new();
    for f in &all {
        let area = Area::of_scope(otp_audit_engine::FileScope::of_path(&f.path));
        for d in [
            per_rule.entry(&f.rule).or_default(),
            per_area_rule.entry((area, &f.rule)).or_default(),
        ] {
            d.findings += 1;
            d.files.insert(f.path.clone());
        }
        *per_sev.entry(f.severity).or_default() += 1;
    }

    assert_eq!(r.analysed.files, results.len());
    assert_eq!(
        r.analysed.lines,
        results.iter().map(|f| f.lines).sum::<usize>()
    );
    assert_eq!(
        r.analysed.bytes,
        results.iter().map(|f| f.bytes).sum::<usize>()
    );
    assert_eq!(
        r.analysed.files_with_findings,
        results.iter().filter(|f| !f.findings.is_empty()).count()
    );
    assert_eq!(r.totals.findings, all.len());
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        let n = per_sev.get(&s).copied().unwrap_or(0);
        assert_eq!(r.totals.by_severity.get(s), n, "{s}");
        assert!(
            md.contains(&format!("| {s} | {n} |")),
            "Markdown total for {s}"
        );
        assert!(
            html.contains(&format!(
                "<span class=\"sev {s}\">{s}</span></td><td class=\"n\">{n}</td>"
            )),
            "HTML total for {s}"
        );
    }
    assert!(md.contains(&format!("| **Total** | **{}** |", all.len())));
    assert!(html.contains(&format!("<td>Total</td><td class=\"n\">{}</td>", all.len())));

    // Per rule.
    assert_eq!(r.rules.len(), per_rule.len());
    for rule in &r.rules {
        let d = &per_rule[rule.rule.as_str()];
        assert_eq!(rule.findings, d.findings, "{}", rule.rule);
        assert_eq!(rule.files, d.files.len(), "{}", rule.rule);
        assert_eq!(rule.tests + rule.production + rule.other, rule.findings);
        let m = r.metrics.iter().find(|m| m.rule == rule.rule).unwrap();
        assert_eq!((m.today, m.target), (d.findings, 0));
        let row = format!("| {} | {} | {} |", rule.severity, rule.findings, rule.files);
        assert!(md.contains(&row), "Markdown row of {}: {row}", rule.rule);
        let cells = format!(
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            rule.findings, rule.files, rule.tests
        );
        assert!(html.contains(&cells), "HTML row of {}", rule.rule);
    }

    // Per area and rule: "N occurrences across M files".
    let mut area_rules = 0;
    for a in &r.areas {
        let direct_findings: usize = per_area_rule
            .iter()
            .filter(|((area, _), _)| *area == a.area)
            .map(|(_, d)| d.findings)
            .sum();
        assert_eq!(a.findings, direct_findings, "{:?}", a.area);
        for rc in &a.rules {
            area_rules += 1;
            let d = &per_area_rule[&(a.area, rc.rule.as_str())];
            assert_eq!((rc.findings, rc.files), (d.findings, d.files.len()));
            let line = format!(
                "{} occurrence{} across {} file{}",
                d.findings,
                if d.findings == 1 { "" } else { "s" },
                d.files.len(),
                if d.files.len() == 1 { "" } else { "s" }
            );
            assert!(md.contains(&line), "Markdown: {line}");
            assert!(html.contains(&line), "HTML: {line}");
        }
    }
    assert_eq!(area_rules, per_area_rule.len());

    // Every finding is in exactly one of stages 2 and 3.
    let stage_findings: usize = r.stages.iter().map(|s| s.findings).sum();
    assert_eq!(stage_findings, all.len());
    let tests = r
        .stages
        .iter()
        .find(|s| s.kind == StageKind::TestRemediation)
        .unwrap();
    assert_eq!(
        tests.findings,
        r.areas
            .iter()
            .find(|a| a.area == Area::Tests)
            .unwrap()
            .findings
    );
    for s in &r.stages[1..] {
        assert!(md.contains(&format!("| **Total** | | **{}** |", s.findings)));
    }

    // Files in priority order, each counted right.
    assert_eq!(r.files.len(), r.analysed.files_with_findings);
    for w in r.files.windows(2) {
        assert!(w[0].score >= w[1].score);
    }
    for f in &r.files {
        let direct = results.iter().find(|x| x.path == f.path).unwrap();
        assert_eq!(f.findings, direct.findings.len());
        assert_eq!(f.rules.iter().map(|t| t.count).sum::<usize>(), f.findings);
        let score: u64 = direct
            .findings
            .iter()
            .map(|x| r.scoring.weight(x.severity))
            .sum();
        assert_eq!(f.score, score);
    }

    // Effort adds up: per file, the first finding of a rule at full cost and its
    // repeats (fixed by hand) at a quarter.
    let efforts = Efforts::default();
    let mut effort: u64 = 0;
    for x in &results {
        let mut seen: std::collections::HashMap<&str, usize> = Default::default();
        for f in &x.findings {
            let nth = seen.entry(f.rule.as_str()).or_insert(0);
            let full = efforts.minutes_for(&f.rule, f.safe_fix().is_some());
            effort += u64::from(if *nth == 0 || f.safe_fix().is_some() {
                full
            } else {
                full.div_ceil(4).max(1)
            });
            *nth += 1;
        }
    }
    assert_eq!(r.totals.effort_minutes, effort);
    assert_eq!(
        r.schedule.total_minutes,
        effort + u64::from(efforts.enforcement_minutes)
    );

    assert_self_contained(&html);
}

/// No script, no external reference of any kind, and every in-page link resolves.
/// Text cannot hide a tag: every `<` of a text is escaped, so whatever starts with
/// `<` is markup and is checked as such.
fn assert_self_contained(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    assert!(html.trim_end().ends_with("</html>"));
    let lower = html.to_ascii_lowercase();
    for bad in ["<script", "http:", "https:", "//", "@import", "url("] {
        assert!(!lower.contains(bad), "the HTML contains `{bad}`");
    }
    for tag in lower.split('<').skip(1).map(|t| &t[..t.find('>').unwrap()]) {
        let name = tag.split([' ', '/']).find(|s| !s.is_empty()).unwrap_or("");
        assert!(
            ![
                "script", "link", "iframe", "object", "embed", "img", "image", "use", "base",
                "form"
            ]
            .contains(&name),
            "the HTML has a <{name}> element"
        );
        for attr in [
            "src=",
            "srcset=",
            "action=",
            "xlink:href=",
            "javascript:",
            "data:",
            "on",
        ] {
            let hit = if attr == "on" {
                tag.split_whitespace()
                    .any(|w| w.starts_with("on") && w.contains('='))
            } else {
                tag.contains(attr)
            };
            assert!(!hit, "a tag has `{attr}`: <{tag}>");
        }
    }
    let ids: BTreeSet<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    for href in html
        .split("href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
    {
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("a link leaves the page: {href}"));
        assert!(ids.contains(target), "a link to a missing anchor: {href}");
    }
}

#[test]
fn the_golden_html_is_self_contained() {
    assert_self_contained(&report::to_html(&golden_report()));
}

// ---------------------------------------------------------------------------
// Escaping.

fn pos(line: u32, column: u32, byte: u32) -> Position {
    Position {
        line,
        column,
        utf16_column: column,
        byte,
    }
}

fn hostile_results() -> Vec<FileResult> {
    let path = "lib/<b>evil</b> \"quoted\" & 'single'.ex".to_string();
    let finding = Finding {
        rule: "otp/no-raw-send".into(),
        severity: Severity::Warning,
        message: "<script>alert(1)</script> \"double\" 'single' & ampersand | pipe `code <i>` //x"
            .into(),
        path: path.clone(),
        scope: "Evil.<img src=x onerror=alert(2)>/1".into(),
        start: pos(1, 1, 0),
        end: pos(1, 5, 4),
        guide: "otp/no-raw-send".into(),
        fixes: vec![Fix::safe("t", vec![])],
        snippet: "<script>".into(),
    };
    let mut second = finding.clone();
    second.rule = "<script>bad/rule</script>".into();
    second.severity = Severity::Error;
    vec![FileResult {
        path,
        scope: FileScope::Lib,
        bytes: 10,
        lines: 1,
        findings: vec![finding, second],
    }]
}

#[test]
fn every_string_is_escaped_in_html() {
    let r = Report::build(&hostile_results(), &Efforts::default(), None);
    let html = report::to_html(&r);
    assert_self_contained(&html);
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>evil"));
    assert!(!html.contains("<i>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;double&quot; &#39;single&#39; &amp; ampersand"));
    assert!(html.contains("<code>code &lt;i&gt;</code>"));
    assert!(
        html.contains("lib/&lt;b&gt;evil&lt;/b&gt; &quot;quoted&quot; &amp; &#39;single&#39;.ex")
    );
    // Ids made from hostile rule names stay inside their attribute.
    assert!(html.contains("id=\"guide--script-bad-rule--script-\""));
}

#[test]
fn every_string_is_escaped_in_markdown() {
    let r = Report::build(&hostile_results(), &Efforts::default(), None);
    let md = report::to_markdown(&r);
    // Outside code spans and blocks no tag survives; inside them `<` is shown literally.
    let mut fenced = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let outside: String = line.split('`').step_by(2).collect();
        assert!(!outside.contains('<'), "raw `<` outside code: {line}");
    }
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Table rows keep their column count: the pipe in the message is escaped.
    assert!(md.contains("\\|"));
    // A rule id that is not plain goes into no command line.
    assert!(!md.contains("--max-count <"));
}

// ---------------------------------------------------------------------------
// Model.

#[test]
fn the_report_round_trips_through_json() {
    let results = corpus_results();
    let r = Report::build(&results, &Efforts::default(), None);
    let json = serde_json::to_string(&r).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 1);
    assert!(
        v.get("baseline").is_none(),
        "no baseline key without a baseline"
    );

    let golden = golden_report();
    let back: Report = serde_json::from_str(&serde_json::to_string(&golden).unwrap()).unwrap();
    assert_eq!(back, golden);
}

#[test]
fn a_baseline_sets_limits_and_metrics() {
    let results = corpus_results();
    let baseline = Baseline::from_results(&results);
    // One finding fixed since the baseline.
    let mut now = results.clone();
    let file = now.iter_mut().find(|f| !f.findings.is_empty()).unwrap();
    let fixed = file.findings.remove(0);
    let r = Report::build(&now, &Efforts::default(), Some(&baseline));
    let b = r.baseline.as_ref().unwrap();
    assert_eq!((b.new, b.fixed), (0, 1));
    assert_eq!(
        b.recorded,
        results.iter().map(|f| f.findings.len()).sum::<usize>()
    );
    let rule = r.rules.iter().find(|x| x.rule == fixed.rule).unwrap();
    assert_eq!(rule.baseline, Some(rule.findings + 1));
    let ratchet = &r.stages[0].enforcement.as_ref().unwrap().ratchet;
    let rr = ratchet.iter().find(|x| x.rule == fixed.rule).unwrap();
    assert_eq!((rr.today, rr.limit), (rule.findings, rule.findings + 1));
    let md = report::to_markdown(&r);
    assert!(md.contains("Baseline (CI limit)"));
    assert!(md.contains("**0 new**, 1 fixed"));
    let back: Report = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(back, r);
}

#[test]
fn efforts_and_hours_per_week_drive_the_schedule() {
    let results = analyse(&project_files());
    let table: toml::Table =
        "hours_per_week = 1\nenforcement_minutes = 60\n[effort]\n\"test/no-sleep\" = 600\n"
            .parse()
            .unwrap();
    let efforts = Efforts::from_toml_table(&table).unwrap();
    let r = Report::build(&results, &efforts, None);
    let sleeps = r.rules.iter().find(|x| x.rule == "test/no-sleep").unwrap();
    assert_eq!(sleeps.minutes_per_finding, 600);
    assert!(sleeps.effort_rationale.contains("otp-audit.toml"));
    assert_eq!(r.schedule.hours_per_week, 1);
    let stage1 = &r.schedule.entries[0];
    assert_eq!(
        (stage1.weeks, stage1.first_week, stage1.last_week),
        (1, 1, 1)
    );
    let stage2 = &r.schedule.entries[1];
    assert_eq!(stage2.first_week, 2);
    assert_eq!(u64::from(stage2.weeks), stage2.effort_minutes.div_ceil(60));
    assert_eq!(
        r.schedule.total_weeks,
        r.schedule.entries.iter().map(|e| e.weeks).sum::<u32>()
    );
}

#[test]
fn nothing_found_is_a_short_plan() {
    let results = analyse(&[(
        "lib/ok.ex".to_string(),
        "defmodule Ok do\n  def ok, do: :ok\nend\n".to_string(),
    )]);
    let r = Report::build(&results, &Efforts::default(), None);
    assert_eq!(r.totals.findings, 0);
    assert!(r.rules.is_empty() && r.files.is_empty() && r.metrics.is_empty());
    assert_eq!(r.schedule.total_weeks, 1, "stage 1 still takes a week");
    let md = report::to_markdown(&r);
    assert!(md.contains("No file has findings."));
    assert!(md.contains("Every rule is at zero"));
    assert_self_contained(&report::to_html(&r));
}

#[test]
fn enabled_rules_decide_what_is_enforced_at_zero() {
    let results = analyse(&project_files());
    let r = Report::build_with(
        &results,
        &Efforts::default(),
        None,
        &BuildOptions {
            enabled_rules: Some(vec!["otp/no-raw-send".into(), "otp/call-self".into()]),
            ..BuildOptions::default()
        },
    );
    let e = r.stages[0].enforcement.as_ref().unwrap();
    assert_eq!(e.zero_today, vec!["otp/call-self".to_string()]);
}
