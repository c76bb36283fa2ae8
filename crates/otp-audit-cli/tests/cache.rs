//! The result cache end to end: where it lives, that cross-file rules see changed
//! helpers, that another configuration never reads it, that damage is repaired,
//! that concurrent runs leave it whole, and `clean`.

mod common;

use common::{Project, findings, stderr};
use std::path::PathBuf;

const MIX: &[u8] =
    b"defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop]\nend\n";

const HELPER_ASSERTS: &str = "defmodule Shop.Helpers do\n  import ExUnit.Assertions\n\n  def check_total(x), do: assert(x == 3)\nend\n";
const HELPER_DOES_NOT: &str = "defmodule Shop.Helpers do\n  def check_total(x), do: x == 3\nend\n";
const TOTAL_TEST: &[u8] = b"defmodule Shop.TotalTest do\n  use ExUnit.Case, async: true\n  import Shop.Helpers\n\n  test \"adds\" do\n    check_total(1 + 2)\n  end\nend\n";

fn shop(name: &str) -> Project {
    Project::new(
        name,
        &[
            ("mix.exs", MIX),
            ("lib/shop/worker.ex", common::WORKER),
            ("test/support/helpers.ex", HELPER_ASSERTS.as_bytes()),
            ("test/total_test.exs", TOTAL_TEST),
            ("test/shop/worker_test.exs", common::SLEEPY_TEST),
        ],
    )
}

/// The findings as `rule path:line` lines, and how many files the cache served
/// (from `--verbose`).
fn check(p: &Project, extra: &[&str]) -> (Vec<String>, Option<usize>) {
    let mut args = vec!["check", "--format", "json", "--verbose"];
    args.extend_from_slice(extra);
    let o = p.run(&args);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines = findings(&doc)
        .iter()
        .map(|f| format!("{} {}:{}", f["rule"], f["path"], f["start"]["line"]))
        .collect();
    let err = stderr(&o);
    let reused = err
        .lines()
        .find_map(|l| l.strip_prefix("otp-audit: cache: "))
        .and_then(|l| l.split(' ').next())
        .map(|n| n.parse().unwrap());
    (lines, reused)
}

fn no_assertion(lines: &[String]) -> Vec<&String> {
    lines
        .iter()
        .filter(|l| l.contains("test/no-assertion"))
        .collect()
}

fn cache_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "cache"));
    files
}

#[test]
fn a_warm_run_reuses_every_file_and_reports_the_same() {
    let p = shop("warm");
    let (fresh, _) = check(&p, &["--no-cache"]);
    assert!(!p.path(".otp-audit-cache").exists(), "--no-cache wrote");
    let (cold, reused) = check(&p, &[]);
    assert_eq!(reused, Some(0));
    let (warm, reused) = check(&p, &[]);
    assert_eq!(reused, Some(5));
    assert_eq!(fresh, cold);
    assert_eq!(fresh, warm);
    assert!(!fresh.is_empty());
    let dir = p.path(".otp-audit-cache");
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );
    assert_eq!(cache_files(&dir).len(), 1);
    // One file changed: only it is analysed again.
    p.write("lib/shop/worker.ex", b"defmodule Shop.Worker do\nend\n");
    let (after, reused) = check(&p, &[]);
    assert_eq!(reused, Some(4));
    assert_eq!(after, check(&p, &["--no-cache"]).0);
    assert!(!after.iter().any(|l| l.contains("lib/shop/worker.ex")));
}

#[test]
fn a_changed_helper_changes_the_findings_of_the_tests_that_use_it() {
    let p = shop("helper");
    let (before, _) = check(&p, &[]);
    assert!(no_assertion(&before).is_empty(), "{before:?}");
    p.write("test/support/helpers.ex", HELPER_DOES_NOT);
    let (after, reused) = check(&p, &[]);
    // The test file is served from the cache, and still reported.
    assert_eq!(reused, Some(4));
    assert_eq!(
        no_assertion(&after),
        [r#""test/no-assertion" "test/total_test.exs":5"#]
    );
    assert_eq!(after, check(&p, &["--no-cache"]).0);
    p.write("test/support/helpers.ex", HELPER_ASSERTS);
    let (back, reused) = check(&p, &[]);
    assert_eq!(reused, Some(4));
    assert_eq!(back, before);
}

#[test]
fn another_configuration_never_reads_it() {
    let p = shop("config");
    p.write(
        "otp-audit.toml",
        "[rules.\"otp/no-raw-send\"]\nenabled = false\n",
    );
    let (without, _) = check(&p, &[]);
    assert!(!without.iter().any(|l| l.contains("no-raw-send")));
    std::fs::remove_file(p.path("otp-audit.toml")).unwrap();
    let (with, reused) = check(&p, &[]);
    assert_eq!(reused, Some(0), "read a cache of another configuration");
    assert!(with.iter().any(|l| l.contains("no-raw-send")), "{with:?}");
    // A selection is a configuration too.
    let (selected, reused) = check(&p, &["--select", "test/no-sleep"]);
    assert_eq!(reused, Some(0));
    assert!(selected.iter().all(|l| l.contains("test/no-sleep")));
    // Each keeps its own file, so going back is warm.
    assert_eq!(check(&p, &[]), (with, Some(5)));
    assert_eq!(cache_files(&p.path(".otp-audit-cache")).len(), 3);
}

#[test]
fn a_damaged_cache_is_ignored_and_rewritten() {
    let p = shop("damaged");
    let (fresh, _) = check(&p, &[]);
    let dir = p.path(".otp-audit-cache");
    let [file] = cache_files(&dir).try_into().unwrap();
    let text = std::fs::read(&file).unwrap();
    // Cut short in the middle of the third file's line (after the header and two).
    let cut = text
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .unwrap()
        .0
        + 40;
    std::fs::write(&file, &text[..cut]).unwrap();
    let (lines, reused) = check(&p, &[]);
    assert_eq!((lines, reused), (fresh.clone(), Some(2)));
    assert_eq!(check(&p, &[]), (fresh.clone(), Some(5)), "not rewritten");
    std::fs::write(&file, b"\0\xff garbage").unwrap();
    assert_eq!(check(&p, &[]), (fresh.clone(), Some(0)));
    assert_eq!(check(&p, &[]), (fresh, Some(5)));
}

#[test]
fn concurrent_runs_leave_it_whole() {
    let p = shop("concurrent");
    let (fresh, _) = check(&p, &["--no-cache"]);
    let bin = env!("CARGO_BIN_EXE_otp-audit");
    for round in 0..6 {
        // Each round: an edit, then two runs at once that both write the cache.
        p.write(
            "lib/shop/worker.ex",
            format!(
                "{}# round {round}\n",
                String::from_utf8_lossy(common::WORKER)
            ),
        );
        let children: Vec<_> = (0..2)
            .map(|_| {
                std::process::Command::new(bin)
                    .args(["check", "--format", "json", "."])
                    .current_dir(&p.root)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().code().is_some_and(|c| c < 2));
        }
        let (lines, reused) = check(&p, &[]);
        assert_eq!(lines, fresh);
        assert_eq!(reused, Some(5), "round {round}: the cache was damaged");
    }
    let leftovers: Vec<_> = std::fs::read_dir(p.path(".otp-audit-cache"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn cache_dir_and_clean() {
    let p = shop("clean");
    let elsewhere = p.path("elsewhere");
    let (fresh, _) = check(&p, &["--cache-dir", "elsewhere"]);
    assert!(!p.path(".otp-audit-cache").exists());
    assert_eq!(cache_files(&elsewhere).len(), 1);
    assert_eq!(check(&p, &["--cache-dir", "elsewhere"]), (fresh, Some(5)));
    let o = p.run(&["check", "--cache-dir", "x", "--no-cache"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    check(&p, &[]);
    let o = p.run(&["clean"]);
    assert!(o.status.success());
    let said = stderr(&o);
    assert!(
        said.starts_with("Removed 2 files (") && said.contains(".otp-audit-cache"),
        "{said}"
    );
    assert!(!p.path(".otp-audit-cache").exists());
    let o = p.run(&["clean"]);
    assert!(stderr(&o).starts_with("No cache in"), "{}", stderr(&o));
    // A folder named with --cache-dir keeps what the cache did not write.
    p.write("elsewhere/notes.txt", "mine");
    let o = p.run(&["clean", "--cache-dir", "elsewhere"]);
    assert!(stderr(&o).starts_with("Removed 2 files"), "{}", stderr(&o));
    assert_eq!(p.read("elsewhere/notes.txt"), "mine");
    assert!(cache_files(&elsewhere).is_empty());
    // `clean` run from below the project root finds its cache.
    check(&p, &[]);
    let o = common::run_in(&p.path("lib"), &["clean"]);
    assert!(stderr(&o).starts_with("Removed"), "{}", stderr(&o));
}

#[test]
fn fixes_are_computed_from_the_text_on_disk() {
    let p = shop("fix");
    let call = "defmodule Shop.Api do\n  def get(s), do: GenServer.call(s, :get, :infinity)\nend\n";
    p.write("lib/shop/api.ex", call);
    check(&p, &[]);
    // The same finding, further down: a fix at the cached offset would land wrong.
    let moved = format!("# moved\n\n\n{call}");
    p.write("lib/shop/api.ex", &moved);
    let with = p.run(&["check", "--diff", "--unsafe-fixes"]);
    let without = p.run(&["check", "--diff", "--unsafe-fixes", "--no-cache"]);
    assert_eq!(common::stdout(&with), common::stdout(&without));
    let o = p.run(&["check", "--fix", "--unsafe-fixes"]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    let fixed = p.read("lib/shop/api.ex");
    assert!(fixed.starts_with("# moved\n"), "{fixed}");
    let fresh = Project::new(
        "fix-fresh",
        &[("mix.exs", MIX), ("lib/shop/api.ex", moved.as_bytes())],
    );
    fresh.run(&["check", "--fix", "--unsafe-fixes", "--no-cache"]);
    assert_eq!(fixed, fresh.read("lib/shop/api.ex"));
    // What remains is reported as a fresh run reports it.
    assert_eq!(check(&p, &[]).0, check(&p, &["--no-cache"]).0);
}

#[test]
fn an_archive_is_not_cached() {
    let p = shop("zip");
    let zip = otp_audit_project::archive::write_zip(&[("shop/lib/a.ex", common::WORKER)]);
    p.write("shop.zip", zip);
    let o = p.run(&["check", "shop.zip"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!p.path(".otp-audit-cache").exists());
}
