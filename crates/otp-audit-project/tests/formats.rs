//! Golden tests of the machine-readable formats, on the findings of the engine over a
//! small Mix project (`tests/golden/formats/project`), plus checks that each format
//! says exactly what the findings say: SARIF regions, snippets and fixes against the
//! real source, Credo's field names, flycheck lines, JSON lines.
//!
//! `BLESS=1 cargo test -p otp-audit-project --test formats` rewrites the goldens.
//! The SARIF log is also checked by Microsoft's validator (`@microsoft/sarif-multitool`
//! from npm, installed under `target/`); that test is skipped, with a notice, only
//! when `npm` is not installed.

use otp_audit_engine::{Engine, FileResult, Finding};
use otp_audit_project::formats::{credo, flycheck, jsonl, sarif};
use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/formats")
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v != "0")
}

/// The sample project: (project-relative path, text), sorted by path.
fn project() -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy();
                let rel = rel.replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let root = golden_dir().join("project");
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    files.sort();
    files
}

fn results() -> (Vec<(String, String)>, Vec<FileResult>) {
    let files = project();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, s)| (p.as_str(), s.as_str()))
        .collect();
    let results = Engine::default().check_project(&refs);
    (files, results)
}

fn findings(results: &[FileResult]) -> Vec<&Finding> {
    results.iter().flat_map(|r| &r.findings).collect()
}

/// Compare with (or, under `BLESS=1`, write) `tests/golden/formats/<name>`.
fn golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if bless() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with BLESS=1 to create it", path.display()));
    // JSON goldens compare as values: key order may follow serde_json's features.
    let same_json = name.ends_with(".json")
        && serde_json::from_str::<Value>(&expected).ok()
            == serde_json::from_str::<Value>(actual).ok();
    if expected != actual && !same_json {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (BLESS=1 rewrites it; review the diff)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// The SARIF log with the crate version blanked, so a release does not churn the golden.
fn sarif_log(results: &[FileResult]) -> Value {
    let mut log = sarif::to_sarif(results);
    log["runs"][0]["tool"]["driver"]["semanticVersion"] = "0.0.0-test".into();
    log
}

#[test]
fn the_sample_project_has_findings_of_every_kind() {
    let (_, results) = results();
    let all = findings(&results);
    assert!(all.len() >= 15, "{} findings", all.len());
    for sev in ["error", "warning", "info"] {
        assert!(all.iter().any(|f| f.severity.as_str() == sev), "no {sev}");
    }
    assert!(
        all.iter().any(|f| f.end.line > f.start.line),
        "no multi-line span"
    );
    assert!(
        all.iter().any(|f| f.end.column != f.end.utf16_column),
        "no non-ASCII line"
    );
    assert!(all.iter().any(|f| f.path.starts_with("test/")));
}

#[test]
fn sarif_golden() {
    let (_, results) = results();
    let text = serde_json::to_string_pretty(&sarif_log(&results)).unwrap() + "\n";
    golden("expected.sarif.json", &text);
}

/// Byte offset of a SARIF (line, UTF-16 column) in `src`.
fn byte_of(src: &str, line: u64, utf16_col: u64) -> usize {
    let line_start: usize = src
        .split_inclusive('\n')
        .take(line as usize - 1)
        .map(str::len)
        .sum();
    let mut units = 0;
    for (i, c) in src[line_start..].char_indices() {
        if units + 1 >= utf16_col as usize {
            return line_start + i;
        }
        if c == '\n' {
            break;
        }
        units += c.len_utf16();
    }
    assert_eq!(
        units + 1,
        utf16_col as usize,
        "column past the end of line {line}"
    );
    line_start
        + src[line_start..]
            .find('\n')
            .unwrap_or(src.len() - line_start)
}

fn region_bytes(src: &str, region: &Value) -> (usize, usize) {
    let n = |k: &str| {
        region[k]
            .as_u64()
            .unwrap_or_else(|| panic!("no {k} in {region}"))
    };
    (
        byte_of(src, n("startLine"), n("startColumn")),
        byte_of(src, n("endLine"), n("endColumn")),
    )
}

#[test]
fn sarif_says_what_the_findings_say() {
    let (files, results) = results();
    let log = sarif::to_sarif(&results);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["$schema"], sarif::SCHEMA);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), otp_audit_engine::rules::ALL.len());
    for (rule, d) in otp_audit_engine::rules::ALL.iter().zip(rules) {
        assert_eq!(d["id"], rule.id);
        assert_eq!(d["help"]["markdown"], rule.guide);
        assert!(!d["help"]["text"].as_str().unwrap().contains("```"));
    }
    let out = run["results"].as_array().unwrap();
    let all = findings(&results);
    assert_eq!(out.len(), all.len());
    let (mut snippets, mut fixes, mut dropped) = (0, 0, 0);
    for (r, f) in out.iter().zip(&all) {
        let src = &files.iter().find(|(p, _)| *p == f.path).unwrap().1;
        assert_eq!(r["ruleId"], f.rule.as_str());
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], f.rule.as_str());
        assert_eq!(r["level"], sarif::level(f.severity));
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], f.path.as_str());
        assert_eq!(loc["artifactLocation"]["uriBaseId"], sarif::SRCROOT);
        // The region, read in UTF-16 units, is exactly the finding's byte span.
        let (start, end) = region_bytes(src, &loc["region"]);
        assert_eq!(
            (start, end),
            (f.start.byte as usize, f.end.byte as usize),
            "{f:?}"
        );
        if let Some(text) = loc["region"]["snippet"]["text"].as_str() {
            assert_eq!(text, &src[start..end]);
            snippets += 1;
        }
        if let Some(ctx) = loc.get("contextRegion") {
            let first = ctx["startLine"].as_u64().unwrap() as usize;
            let last = ctx["endLine"].as_u64().unwrap() as usize;
            let lines: Vec<&str> = src.lines().skip(first - 1).take(last - first + 1).collect();
            assert_eq!(ctx["snippet"]["text"], lines.join("\n"));
        }
        // Each SARIF fix, applied to the source, gives what the engine's edits give.
        let sarif_fixes = r["fixes"].as_array().cloned().unwrap_or_default();
        dropped += f.fixes.len() - sarif_fixes.len();
        for sx in &sarif_fixes {
            let title = sx["description"]["text"].as_str().unwrap();
            let fx = f
                .fixes
                .iter()
                .find(|x| title.starts_with(x.title.trim_end_matches('.')))
                .unwrap();
            let mut by_sarif = src.clone();
            let change = &sx["artifactChanges"][0];
            assert_eq!(change["artifactLocation"]["uri"], f.path.as_str());
            let mut reps: Vec<(usize, usize, String)> = change["replacements"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| {
                    let (s, e) = region_bytes(src, &x["deletedRegion"]);
                    let text = x["insertedContent"]["text"].as_str().unwrap_or("");
                    (s, e, text.to_string())
                })
                .collect();
            reps.sort();
            for (s, e, text) in reps.iter().rev() {
                by_sarif.replace_range(s..e, text);
            }
            let mut by_engine = src.clone();
            for e in fx.edits.iter().rev() {
                by_engine.replace_range(e.start_byte..e.end_byte, &e.replacement);
            }
            assert_eq!(by_sarif, by_engine, "fix {title:?} of {f:?}");
            assert_eq!(sx["properties"]["safety"], fx.safety.as_str());
            fixes += 1;
        }
    }
    assert!(snippets >= all.len() - 1, "{snippets} snippets");
    assert!(fixes >= 8, "{fixes} fixes");
    // The heartbeat's `init/1` and catch-all clause go to other lines of the module.
    assert!(dropped >= 2, "{dropped} fixes left out");
}

/// Credo's `--format json` issue, with exactly Credo's field names and types.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CredoIssue {
    category: String,
    check: String,
    column: Option<u32>,
    column_end: Option<u32>,
    filename: String,
    line_no: u32,
    message: String,
    priority: i64,
    scope: Option<String>,
    trigger: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CredoOutput {
    issues: Vec<CredoIssue>,
}

#[test]
fn credo_golden_and_round_trip() {
    let (files, results) = results();
    let value = credo::to_credo(&results);
    golden(
        "expected.credo.json",
        &(serde_json::to_string_pretty(&value).unwrap() + "\n"),
    );
    let parsed: CredoOutput = serde_json::from_value(value).unwrap();
    let all = findings(&results);
    assert_eq!(parsed.issues.len(), all.len());
    for (issue, f) in parsed.issues.iter().zip(&all) {
        assert_eq!(issue.filename, f.path);
        assert_eq!(issue.line_no, f.start.line);
        assert_eq!(issue.message, f.message);
        assert!(
            [
                "consistency",
                "design",
                "readability",
                "refactor",
                "warning"
            ]
            .contains(&issue.category.as_str())
        );
        assert!(issue.check.contains('.'), "{}", issue.check);
        assert_eq!(issue.priority, credo::priority(f.severity));
        assert!(
            issue.priority >= 0,
            "Credo hides priorities below 0 by default"
        );
        // The column counts characters; the trigger is the source text at it.
        let src = &files.iter().find(|(p, _)| *p == f.path).unwrap().1;
        let line = src.lines().nth(f.start.line as usize - 1).unwrap();
        let column = issue.column.unwrap() as usize;
        let trigger = issue.trigger.as_deref().unwrap();
        let at: String = line.chars().skip(column - 1).collect();
        assert!(
            at.starts_with(trigger),
            "{trigger:?} not at {column} of {line:?}"
        );
        assert_eq!(
            issue.column_end.unwrap() as usize,
            column + trigger.chars().count()
        );
        match f.scope.as_str() {
            "" => assert_eq!(issue.scope, None),
            s => assert!(s.starts_with(issue.scope.as_deref().unwrap())),
        }
    }
    let by_check = |c: &str| parsed.issues.iter().find(|i| i.check == c);
    let nesting = by_check("Credo.Check.Refactor.Nesting").expect("nesting");
    assert_eq!(
        (nesting.trigger.as_deref(), nesting.category.as_str()),
        (Some("if"), "refactor")
    );
    let unused = by_check("Credo.Check.Warning.UnusedEnumOperation").expect("Enum.map");
    assert_eq!(unused.trigger.as_deref(), Some("Enum.map"));
    assert!(by_check("Foundation.CredoChecks.NoRawSend").is_some());
}

#[test]
fn flycheck_golden() {
    let (_, results) = results();
    let text = flycheck::to_flycheck(&results);
    golden("expected.flycheck", &text);
    let all = findings(&results);
    assert_eq!(text.lines().count(), all.len());
    for (line, f) in text.lines().zip(&all) {
        let (head, rest) = line.split_once(": ").unwrap();
        let mut parts = head.rsplitn(3, ':');
        let (col, lno, path) = (parts.next(), parts.next(), parts.next());
        assert_eq!(path, Some(f.path.as_str()));
        assert_eq!(lno, Some(f.start.line.to_string().as_str()));
        assert!(col.unwrap().parse::<u32>().unwrap() >= 1);
        let letter = flycheck::letter(f.severity);
        assert!(rest.starts_with(&format!("{letter}: ")), "{line}");
        assert!(rest.ends_with(&format!(" [{}]", f.rule)), "{line}");
    }
}

#[test]
fn jsonl_golden_and_round_trip() {
    let (_, results) = results();
    let text = jsonl::to_jsonl(&results);
    golden("expected.jsonl", &text);
    let all = findings(&results);
    assert_eq!(text.lines().count(), all.len());
    for (line, f) in text.lines().zip(&all) {
        let back: Finding = serde_json::from_str(line).unwrap();
        assert_eq!(&back, *f);
        // The same object `check --format json` lists under `findings`.
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v, serde_json::to_value(f).unwrap());
    }
}

/// Where the validator is installed: under `target/`, so a clean clone reinstalls.
fn multitool_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("sarif-multitool")
}

/// The pinned validator version.
const MULTITOOL: &str = "@microsoft/sarif-multitool@5.7.0";

/// npm's name for this platform, as in `@microsoft/sarif-multitool-<platform>`.
fn npm_platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

/// Install the validator (once) and return its executable. The executable is run
/// directly rather than through the npm shim, which passes arguments via a shell.
fn install_multitool() -> PathBuf {
    let dir = multitool_dir();
    let exe = dir.join(format!(
        "node_modules/@microsoft/sarif-multitool-{}/Sarif.Multitool{}",
        npm_platform(),
        std::env::consts::EXE_SUFFIX
    ));
    if !exe.exists() {
        // Install beside the final place, then rename: an interrupted install never
        // looks complete.
        let staging = dir.with_extension(format!("staging-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging).unwrap();
        let status = Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--prefix",
            ])
            .arg(&staging)
            .arg("--cache")
            .arg(staging.join(".npm-cache"))
            .arg(MULTITOOL)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm install {MULTITOOL} failed: {status}");
        let _ = std::fs::remove_dir_all(&dir);
        if std::fs::rename(&staging, &dir).is_err() {
            // A concurrent run installed it first.
            let _ = std::fs::remove_dir_all(&staging);
        }
        // The downloaded tarballs are not needed once unpacked.
        let _ = std::fs::remove_dir_all(dir.join(".npm-cache"));
    }
    assert!(
        exe.exists(),
        "{} is missing after npm install",
        exe.display()
    );
    // npm may skip the package's postinstall `chmod u+x`; do it here.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    exe
}

/// Run `sarif-multitool validate` with the SARIF and the GitHub rules on `log` and
/// return the error-level results, and the console output.
fn validate(exe: &Path, log: &Value, name: &str) -> (Vec<String>, String) {
    let work = multitool_dir().join("runs");
    std::fs::create_dir_all(&work).unwrap();
    let input = work.join(format!("{name}-{}.sarif", std::process::id()));
    let output = input.with_extension("validation.sarif");
    std::fs::write(&input, serde_json::to_string_pretty(log).unwrap()).unwrap();
    let run = Command::new(exe)
        .arg("validate")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .args(["--log", "ForceOverwrite", "--rule-kind", "Sarif;Gh"])
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .output()
        .expect("sarif-multitool runs");
    let console =
        String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    let text = std::fs::read_to_string(&output)
        .unwrap_or_else(|e| panic!("no validator output ({e}):\n{console}"));
    let out: Value = serde_json::from_str(&text).unwrap();
    let _ = std::fs::remove_file(&input);
    let _ = std::fs::remove_file(&output);
    (validator_errors(&out), console)
}

/// Errors in a validator log: results whose level (explicit, else the rule's default,
/// else `warning`) is `error`.
fn validator_errors(log: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    for run in log["runs"].as_array().into_iter().flatten() {
        let rules = run["tool"]["driver"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for r in run["results"].as_array().into_iter().flatten() {
            let default = r["ruleIndex"]
                .as_u64()
                .and_then(|i| rules.get(i as usize))
                .and_then(|d| d["defaultConfiguration"]["level"].as_str());
            let level = r["level"].as_str().or(default).unwrap_or("warning");
            if level == "error" {
                errors.push(r.to_string());
            }
        }
        for n in run["invocations"].as_array().into_iter().flatten() {
            for key in [
                "toolExecutionNotifications",
                "toolConfigurationNotifications",
            ] {
                for x in n[key].as_array().into_iter().flatten() {
                    if x["level"] == "error" {
                        errors.push(x.to_string());
                    }
                }
            }
        }
    }
    errors
}

#[test]
fn sarif_passes_microsofts_validator() {
    if Command::new("npm").arg("--version").output().is_err() {
        eprintln!("NOTICE: npm is not installed; skipping the SARIF validator test");
        return;
    }
    let exe = install_multitool();
    let (_, results) = results();
    let log = sarif::to_sarif_with(
        &results,
        &sarif::SarifOptions {
            root_uri: Some("file:///home/ci/shop".into()),
            help_base_uri: Some("https://example.invalid/otp-audit/guide/".into()),
            skipped: vec![otp_audit_project::skipped::Skipped {
                path: "lib/latin1.ex".into(),
                reason: otp_audit_project::skipped::SkipReason::NotUtf8,
            }],
        },
    );
    let (errors, console) = validate(&exe, &log, "otp-audit");
    assert!(
        errors.is_empty(),
        "validation errors:\n{}\n{console}",
        errors.join("\n")
    );
    eprintln!("{console}");
    // The harness sees errors when there are some: a column 0 and a result without
    // locations must be reported.
    let mut broken = sarif::to_sarif(&results);
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        0.into();
    broken["runs"][0]["results"][1]
        .as_object_mut()
        .unwrap()
        .remove("locations");
    let (errors, console) = validate(&exe, &broken, "broken");
    assert!(errors.len() >= 2, "the broken log passed:\n{console}");
}
