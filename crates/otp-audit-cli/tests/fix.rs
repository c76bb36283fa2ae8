//! `check --fix`, `--unsafe-fixes` and `--diff`, end to end.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../otp-audit-engine/src/rules")
}

/// Every fixture folder, `group/name`.
fn fixture_dirs() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for group in std::fs::read_dir(rules_dir()).unwrap().flatten() {
        if !group.file_type().unwrap().is_dir() {
            continue;
        }
        for rule in std::fs::read_dir(group.path()).unwrap().flatten() {
            if rule.file_type().unwrap().is_dir() {
                let id = format!(
                    "{}/{}",
                    group.file_name().to_string_lossy(),
                    rule.file_name().to_string_lossy()
                );
                out.push((id, rule.path()));
            }
        }
    }
    out.sort();
    assert!(out.len() >= 25, "fixture folders: {}", out.len());
    out
}

fn elixir_files(dir: &Path, base: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            elixir_files(&p, base, out);
        } else if p.extension().is_some_and(|x| x == "ex" || x == "exs")
            && p.file_name().is_some_and(|n| n != ".credo.exs")
        {
            out.push(
                p.strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

const GOLDEN_SUFFIXES: &[&str] = &[".snap", ".fixed", ".unsafe-fixed"];

fn parse_errors(doc: &serde_json::Value) -> Vec<String> {
    let mut v: Vec<String> = findings(doc)
        .iter()
        .filter(|f| f["rule"] == "syntax/parse-error")
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    v.dedup();
    v
}

/// `--fix` on every engine fixture: the files parse as well as before, no finding
/// with a safe fix is left, and each file equals the fixture's `.fixed` golden
/// (`.unsafe-fixed` with `--unsafe-fixes`).
#[test]
fn fix_every_fixture() {
    let mut failures = Vec::new();
    let mut changed = 0;
    for (id, dir) in fixture_dirs() {
        for (flags, suffix) in [
            (&["--fix"][..], "fixed"),
            (&["--fix", "--unsafe-fixes"][..], "unsafe-fixed"),
        ] {
            let p = Project::new(&format!("fixture-{}", id.replace('/', "-")), &[]);
            copy_tree(&dir, &p.root, GOLDEN_SUFFIXES);
            let (_, before) = p.json(&["check", "--format", "json", "."]);
            let mut args = vec!["check", "--format", "json"];
            args.extend_from_slice(flags);
            args.push(".");
            let o = p.run(&args);
            let code = o.status.code();
            if code != Some(0) && code != Some(1) {
                failures.push(format!("{id} {flags:?}: exit {code:?}: {}", stderr(&o)));
                continue;
            }
            let after: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            let (was, is) = (parse_errors(&before), parse_errors(&after));
            if is.iter().any(|p| !was.contains(p)) {
                failures.push(format!("{id} {flags:?}: fixes broke the parse of {is:?}"));
            }
            let left: Vec<String> = findings(&after)
                .iter()
                .filter(|f| {
                    f["fixes"]
                        .as_array()
                        .is_some_and(|x| x.iter().any(|x| x["safety"] == "safe"))
                })
                .map(|f| format!("{}:{} {}", f["path"], f["start"]["line"], f["rule"]))
                .collect();
            if !left.is_empty() {
                failures.push(format!(
                    "{id} {flags:?}: safe-fixable findings remain: {left:?}"
                ));
            }
            let mut files = Vec::new();
            elixir_files(&dir, &dir, &mut files);
            for rel in files {
                let original = std::fs::read_to_string(dir.join(&rel)).unwrap();
                let golden = dir.join(format!("{rel}.{suffix}"));
                let expected = std::fs::read_to_string(&golden).unwrap_or(original.clone());
                let actual = p.read(&rel);
                if actual != expected {
                    failures.push(format!(
                        "{id} {flags:?}: {rel} differs from {}:\n{}",
                        golden.display(),
                        otp_audit_project::diff::unified(&rel, &expected, &actual)
                    ));
                }
                changed += usize::from(actual != original);
            }
        }
    }
    assert!(changed > 10, "fixes were applied: {changed}");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

const FIXABLE: &[u8] = b"defmodule Shop.Cache do\n  def get(server), do: GenServer.call(server, :get)\n\n  def put(server, v) do\n    :erlang.send(server, {:put, v})\n  end\nend\n";

#[test]
fn fix_writes_and_reports_what_remains() {
    let p = Project::new(
        "fix",
        &[
            ("lib/shop/cache.ex", FIXABLE),
            ("lib/shop/worker.ex", WORKER),
        ],
    );
    let o = p.run(&["check", "--fix"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the raw send has no fix: {}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("Fixed 3 findings in 2 files."),
        "{}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert!(
        out.contains("otp/no-raw-send") && !out.contains("otp/call-timeout"),
        "{out}"
    );
    assert!(
        p.read("lib/shop/cache.ex")
            .contains("GenServer.call(server, :get, ")
    );
    // Nothing left to fix: a second run changes nothing.
    let before = p.read("lib/shop/cache.ex");
    let o = p.run(&["check", "--fix"]);
    assert!(
        stderr(&o).contains("Fixed 0 findings in 0 files."),
        "{}",
        stderr(&o)
    );
    assert_eq!(p.read("lib/shop/cache.ex"), before);
    let leftovers: Vec<_> = std::fs::read_dir(p.path("lib/shop"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn fix_respects_the_selection() {
    let p = Project::new("fix-select", &[("lib/shop/cache.ex", FIXABLE)]);
    p.run(&["check", "--fix", "--select", "otp/no-erlang-send"]);
    let text = p.read("lib/shop/cache.ex");
    assert!(text.contains("GenServer.call(server, :get)\n"), "{text}");
    assert!(!text.contains(":erlang.send"), "{text}");
}

#[test]
fn diff_prints_a_patch_that_applies() {
    let files: &[(&str, &[u8])] = &[
        ("lib/shop/cache.ex", FIXABLE),
        ("lib/shop/worker.ex", WORKER),
        ("test/shop/worker_test.exs", SLEEPY_TEST),
    ];
    let shown = Project::new("diff", files);
    let o = shown.run(&["check", "--diff"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let patch = stdout(&o);
    assert!(
        patch.starts_with("--- a/lib/shop/cache.ex\n+++ b/lib/shop/cache.ex\n@@ "),
        "{patch}"
    );
    assert_eq!(
        shown.read("lib/shop/cache.ex").as_bytes(),
        FIXABLE,
        "--diff writes nothing"
    );

    let fixed = Project::new("diff-fixed", files);
    fixed.run(&["check", "--fix"]);
    shown.write("fixes.patch", &patch);
    let applied = std::process::Command::new("git")
        .args(["apply", "fixes.patch"])
        .current_dir(&shown.root)
        // Outside any repository, `git apply` works like `patch -p1`.
        .env("GIT_CEILING_DIRECTORIES", shown.root.parent().unwrap())
        .output()
        .expect("git runs");
    assert!(applied.status.success(), "{}", stderr(&applied));
    for (path, _) in files {
        assert_eq!(shown.read(path), fixed.read(path), "{path}");
    }
    // Nothing more to show.
    let o = shown.run(&["check", "--diff"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
}

#[test]
fn fixes_are_not_written_into_an_archive() {
    let p = Project::new("fix-zip", &[]);
    let zip = otp_audit_project::archive::write_zip(&[("lib/shop/cache.ex", FIXABLE)]);
    p.write("project.zip", zip);
    let o = p.run(&["check", "--fix", "project.zip"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("extract it"), "{}", stderr(&o));
    let o = p.run(&["check", "--diff", "project.zip"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("+++ b/lib/shop/cache.ex"));
}
