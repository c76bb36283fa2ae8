//! Fixture tests for every rule. Each rule `group/name` has a folder
//! `src/rules/<group>/<name>/` beside its source, holding Elixir files at their
//! virtual project paths (`lib/worker.ex`, `test/worker_test.exs`). In them:
//!
//! - a trailing comment `#~ rule/id` marks a line where a finding of that rule starts
//!   (`#~ a/b, c/d` for two); the owning rule's findings must match exactly, other
//!   rules' annotations must be present;
//! - `X.snap` records every finding of `X` (position, rule, severity, message, fixes);
//! - `X.fixed` is `X` after all safe fixes, `X.unsafe-fixed` after all fixes;
//! - an `otp-audit.toml` or `.credo.exs` in the folder configures the run.
//!
//! `BLESS=1 cargo test` rewrites snapshots and fixed files; review the diff.
//! Not insta: these 200 goldens sit beside each rule's fixtures, the CLI's fix test
//! reads them too, and `.fixed` files are Elixir; insta's files carry a header and
//! live in `snapshots/`, so it would be every reader at once or not at all.

use otp_audit_engine::{Config, Engine, FileResult, Safety, rules};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

mod common;
use common::annotations;

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules")
}

fn fixture_dir(rule_id: &str) -> PathBuf {
    rules_dir().join(rule_id.replace('-', "_"))
}

/// `RULES=otp/call-timeout,test/` limits the run to some rules while working on them.
fn selected_rules() -> Vec<&'static rules::Rule> {
    let filter = std::env::var("RULES").unwrap_or_default();
    let wanted: Vec<&str> = filter
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    rules::ALL
        .iter()
        .copied()
        .filter(|r| {
            wanted.is_empty()
                || wanted
                    .iter()
                    .any(|w| r.id == *w || (w.ends_with('/') && r.id.starts_with(w)))
        })
        .collect()
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v != "0")
}

fn elixir_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            elixir_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "ex" || e == "exs")
            && p.file_name().is_some_and(|n| n != ".credo.exs")
        {
            out.push(p);
        }
    }
}

/// Each file's path inside the fixture folder (`lib/my_app/cart.ex`) and its text.
fn load(dir: &Path, files: &[PathBuf]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|f| {
            let v = f
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (v, std::fs::read_to_string(f).unwrap())
        })
        .collect()
}

fn config_for(dir: &Path) -> Config {
    if let Ok(t) = std::fs::read_to_string(dir.join("otp-audit.toml")) {
        return Config::from_toml(&t).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    if let Ok(t) = std::fs::read_to_string(dir.join(".credo.exs")) {
        return otp_audit_engine::credo_config::from_credo_exs(&t)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    Config::default()
}

fn snapshot(result: &FileResult) -> String {
    let mut s = String::new();
    for f in &result.findings {
        let _ = writeln!(
            s,
            "{}:{}-{}:{} {} [{}] {}{}",
            f.start.line,
            f.start.column,
            f.end.line,
            f.end.column,
            f.rule,
            f.severity,
            f.message,
            if f.scope.is_empty() {
                String::new()
            } else {
                format!("  (in {})", f.scope)
            }
        );
        for fix in &f.fixes {
            let _ = writeln!(s, "    fix ({}): {}", fix.safety.as_str(), fix.title);
        }
    }
    s
}

/// Compare with a golden file, or write it under BLESS. Returns a failure message.
fn golden(path: &Path, actual: &str) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => None,
        _ if bless() => {
            std::fs::write(path, actual).unwrap();
            None
        }
        Ok(expected) => Some(format!(
            "{} differs (run `BLESS=1 cargo test -p otp-audit-engine --test fixtures` and review):\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        )),
        Err(_) => Some(format!(
            "{} is missing; run `BLESS=1 cargo test -p otp-audit-engine --test fixtures`",
            path.display()
        )),
    }
}

fn check_rule(rule: &'static rules::Rule, failures: &mut Vec<String>) {
    let dir = fixture_dir(rule.id);
    let mut files = Vec::new();
    elixir_files(&dir, &mut files);
    if files.is_empty() {
        failures.push(format!("{}: no fixtures in {}", rule.id, dir.display()));
        return;
    }
    let engine = Engine::new(config_for(&dir));
    let (mut positives, mut negative_files) = (0, 0);
    let (mut offers_safe, mut offers_unsafe) = (false, false);
    // The folder is one project, so cross-file rules see all of it.
    let loaded = load(&dir, &files);
    let inputs: Vec<(&str, &str)> = loaded
        .iter()
        .map(|(p, s)| (p.as_str(), s.as_str()))
        .collect();
    let results = engine.check_project(&inputs);
    let project = engine.project_facts(&inputs);
    for ((file, (virtual_path, src)), result) in files.iter().zip(&loaded).zip(results) {
        let expected = annotations(src);
        let actual: Vec<(u32, String)> = {
            let mut v: Vec<_> = result
                .findings
                .iter()
                .map(|f| (f.start.line, f.rule.clone()))
                .collect();
            v.sort();
            v
        };
        let own = |v: &[(u32, String)]| -> Vec<(u32, String)> {
            v.iter().filter(|(_, r)| r == rule.id).cloned().collect()
        };
        if own(&expected) != own(&actual) {
            failures.push(format!(
                "{}: {virtual_path}: expected {} findings at lines {:?}, got {:?}\n{}",
                rule.id,
                rule.id,
                own(&expected).iter().map(|x| x.0).collect::<Vec<_>>(),
                own(&actual).iter().map(|x| x.0).collect::<Vec<_>>(),
                snapshot(&result)
            ));
        }
        for e in expected.iter().filter(|(_, r)| r != rule.id) {
            if !actual.contains(e) {
                failures.push(format!(
                    "{}: {virtual_path}:{}: expected a {} finding",
                    rule.id, e.0, e.1
                ));
            }
        }
        positives += own(&actual).len();
        for f in result.findings.iter().filter(|f| f.rule == rule.id) {
            offers_safe |= f.fixes.iter().any(|x| x.safety == Safety::Safe);
            offers_unsafe |= f.fixes.iter().any(|x| x.safety == Safety::Unsafe);
        }
        if own(&actual).is_empty() {
            negative_files += 1;
        }
        for f in &result.findings {
            if !otp_audit_engine::guide::resolves(&f.guide) {
                failures.push(format!(
                    "{}: {virtual_path}: guide link `{}` has no target",
                    rule.id, f.guide
                ));
            }
        }
        let snap_path = file.with_file_name(format!(
            "{}.snap",
            file.file_name().unwrap().to_string_lossy()
        ));
        failures.extend(golden(&snap_path, &snapshot(&result)));

        for (safety, suffix) in [(Safety::Safe, "fixed"), (Safety::Unsafe, "unsafe-fixed")] {
            let golden_path = file.with_file_name(format!(
                "{}.{suffix}",
                file.file_name().unwrap().to_string_lossy()
            ));
            let has_fix = result
                .findings
                .iter()
                .any(|f| f.fixes.iter().any(|x| x.safety <= safety));
            if !has_fix {
                if golden_path.exists() && bless() {
                    std::fs::remove_file(&golden_path).unwrap();
                } else if golden_path.exists() {
                    failures.push(format!("{}: stale {}", rule.id, golden_path.display()));
                }
                continue;
            }
            let out = engine.fix_in_project(virtual_path, src, safety, &project);
            failures.extend(golden(&golden_path, &out.text));
        }
    }
    failures.extend(guide_states_fix_safety(rule, offers_safe, offers_unsafe));
    if positives == 0 {
        failures.push(format!(
            "{}: no positive case (no `#~ {}` finding)",
            rule.id, rule.id
        ));
    }
    if negative_files == 0 && rule.id != "syntax/parse-error" {
        failures.push(format!(
            "{}: no negative fixture (a file where the rule finds nothing)",
            rule.id
        ));
    }
}

/// A reviewer reads the guide's "How to fix" to learn what an automatic fix does: each
/// kind of fix the fixtures show the rule offering must be named there, in bold, with
/// why it is safe or what to check.
fn guide_states_fix_safety(rule: &rules::Rule, safe: bool, unsafe_: bool) -> Vec<String> {
    let section = rule
        .guide
        .split("\n## ")
        .find(|s| s.starts_with("How to fix"))
        .unwrap_or("");
    let mut out = Vec::new();
    for (offered, word) in [(safe, "**safe**"), (unsafe_, "**unsafe**")] {
        if offered && !section.contains(word) {
            out.push(format!(
                "{}: its fixtures show a {} fix, but the guide's `## How to fix` never says {word}",
                rule.id,
                word.trim_matches('*')
            ));
        }
    }
    if !safe && !unsafe_ && section.contains("The automatic fix is") {
        out.push(format!(
            "{}: the guide describes an automatic fix that no fixture shows",
            rule.id
        ));
    }
    out
}

#[test]
fn every_rule_passes_its_fixtures() {
    let mut failures = Vec::new();
    for rule in selected_rules() {
        check_rule(rule, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} fixture failures:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Safe fixes are idempotent, do not break the parse, and remove what they fix.
#[test]
fn safe_fixes_converge_over_all_fixtures() {
    let mut failures = Vec::new();
    let mut fixed_files = 0;
    for rule in selected_rules() {
        let dir = fixture_dir(rule.id);
        let engine = Engine::new(config_for(&dir));
        let mut files = Vec::new();
        elixir_files(&dir, &mut files);
        for file in files {
            let path = file
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let src = std::fs::read_to_string(&file).unwrap();
            let before = engine.check(&path, &src);
            let out = engine.fix(&path, &src, Safety::Safe);
            if out.applied == 0 {
                continue;
            }
            fixed_files += 1;
            let again = engine.fix(&path, &out.text, Safety::Safe);
            if again.applied != 0 || again.text != out.text {
                failures.push(format!(
                    "{path} ({}): fixing twice changes the text",
                    rule.id
                ));
            }
            let errors = |r: &FileResult| {
                r.findings
                    .iter()
                    .filter(|f| f.rule == "syntax/parse-error")
                    .count()
            };
            if errors(&out.after) > errors(&before) {
                failures.push(format!(
                    "{path} ({}): safe fixes introduced a parse error:\n{}",
                    rule.id, out.text
                ));
            }
            let left: Vec<_> = out
                .after
                .findings
                .iter()
                .filter(|f| f.safe_fix().is_some())
                .collect();
            if !left.is_empty() {
                failures.push(format!(
                    "{path} ({}): safe-fixable findings remain after fixing: {left:?}",
                    rule.id
                ));
            }
        }
    }
    assert!(fixed_files > 0 || std::env::var_os("RULES").is_some());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Rule ids are unique, well formed, and their fixture folders exist.
#[test]
fn registry_is_consistent() {
    let mut seen = BTreeMap::new();
    for r in rules::ALL {
        assert!(
            seen.insert(r.id, ()).is_none(),
            "duplicate rule id {}",
            r.id
        );
        let (group, name) = r.id.split_once('/').expect("ids are group/name");
        assert!(!group.is_empty() && !name.is_empty());
        assert!(
            r.id.chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '/'),
            "{}",
            r.id
        );
        for s in r.supersedes {
            assert!(rules::by_id(s).is_some(), "{} supersedes unknown {s}", r.id);
        }
    }
}

/// Every cross-file rule's fixture folder concludes to the same findings when each
/// file is analysed by an engine of its own and its facts cross a JSON boundary (the
/// web app's workers), as when one engine checks the folder as a project.
#[test]
fn project_facts_survive_json_over_all_fixtures() {
    let mut failures = Vec::new();
    for rule in selected_rules().into_iter().filter(|r| r.project.is_some()) {
        let dir = fixture_dir(rule.id);
        let mut files = Vec::new();
        elixir_files(&dir, &mut files);
        let loaded = load(&dir, &files);
        let inputs: Vec<(&str, &str)> = loaded
            .iter()
            .map(|(p, s)| (p.as_str(), s.as_str()))
            .collect();
        let engine = Engine::new(config_for(&dir));
        let whole = engine.check_project(&inputs);
        let (mut results, facts): (Vec<_>, Vec<_>) = inputs
            .iter()
            .map(|(p, s)| {
                let (r, f) = Engine::new(config_for(&dir)).check_with_facts(p, s);
                let text = serde_json::to_string(&f.to_json()).unwrap();
                (
                    r,
                    otp_audit_engine::FileFacts::from_json(&serde_json::from_str(&text).unwrap()),
                )
            })
            .unzip();
        engine.conclude(&inputs, &mut results, facts);
        if results != whole {
            failures.push(format!(
                "{}: findings differ after the facts crossed JSON",
                rule.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
