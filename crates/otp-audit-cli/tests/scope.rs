//! Where a file sits decides which rules apply: relative to the Mix project that
//! holds it, whatever path was typed; each file once; every file found is either
//! analysed or listed as skipped with its reason.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;

const MIX: &[u8] = b"defmodule Shop.MixProject do\n  use Mix.Project\nend\n";

fn shop(name: &str) -> Project {
    Project::new(
        name,
        &[
            ("shop/mix.exs", MIX),
            ("shop/lib/shop/worker.ex", WORKER),
            ("shop/test/shop/worker_test.exs", SLEEPY_TEST),
        ],
    )
}

/// `path -> scope` of the `files` of a JSON document.
fn scopes(doc: &Value) -> BTreeMap<String, String> {
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["scope"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn finding_paths(doc: &Value) -> Vec<String> {
    findings(doc)
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["path"].as_str().unwrap(),
                f["rule"].as_str().unwrap()
            )
        })
        .collect()
}

const EXPECTED: [&str; 3] = [
    "lib/shop/worker.ex otp/no-raw-send",
    "lib/shop/worker.ex otp/call-timeout",
    "test/shop/worker_test.exs test/no-sleep",
];

#[test]
fn folders_inside_a_project_are_scoped_by_its_mix_exs() {
    let p = shop("inside");
    let root = p.path("shop");

    // `otp-audit check lib test` from the project root.
    let o = run_in(&root, &["check", "--format", "json", "lib", "test"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(finding_paths(&doc), EXPECTED);
    assert_eq!(scopes(&doc)["lib/shop/worker.ex"], "lib");
    assert_eq!(scopes(&doc)["test/shop/worker_test.exs"], "test");

    // `otp-audit check shop/lib` from above the project: paths as typed.
    let (code, doc) = p.json(&["check", "--format", "json", "shop/lib"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        finding_paths(&doc),
        [
            "shop/lib/shop/worker.ex otp/no-raw-send",
            "shop/lib/shop/worker.ex otp/call-timeout"
        ]
    );
    assert_eq!(scopes(&doc)["shop/lib/shop/worker.ex"], "lib");

    // `cd lib && otp-audit check`: paths relative to where it ran.
    let o = run_in(&root.join("lib"), &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("shop/worker.ex:2:22: warning otp/no-raw-send"),
        "{}",
        stdout(&o)
    );

    // The project's configuration applies to a folder inside it.
    p.write(
        "shop/otp-audit.toml",
        "[rules.\"otp/call-timeout\"]\nenabled = false\n",
    );
    let o = run_in(&root, &["check", "--format", "json", "lib"]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(finding_paths(&doc), ["lib/shop/worker.ex otp/no-raw-send"]);
}

#[test]
fn a_project_root_keeps_paths_relative_to_it() {
    let p = shop("root");
    let (code, doc) = p.json(&["check", "--format", "json", "shop"]);
    assert_eq!(code, Some(1));
    assert_eq!(finding_paths(&doc), EXPECTED);
}

#[test]
fn nested_mix_projects_are_scoped_by_their_own_mix_exs() {
    let p = Project::new(
        "nested",
        &[
            ("mix.exs", MIX),
            ("lib/shop.ex", WORKER),
            ("installer/mix.exs", MIX),
            ("installer/lib/shop_new.ex", WORKER),
            ("installer/test/shop_new_test.exs", SLEEPY_TEST),
            ("installer/templates/worker.ex", WORKER),
            ("test/support/fake_server_test.exs", SLEEPY_TEST),
            // elixir-lang's layout: no mix.exs at the top, one per lib/<app>/.
            ("langs/lib/ex_unit/mix.exs", MIX),
            ("langs/lib/ex_unit/lib/ex_unit.ex", WORKER),
            ("langs/lib/ex_unit/test/ex_unit_test.exs", SLEEPY_TEST),
            // A Mix project under test/ is a fixture of the tests.
            ("langs/lib/ex_unit/test/fixtures/app/mix.exs", MIX),
            ("langs/lib/ex_unit/test/fixtures/app/lib/app.ex", WORKER),
        ],
    );
    let (_, doc) = p.json(&["check", "--format", "json"]);
    let want: BTreeMap<String, String> = [
        ("installer/lib/shop_new.ex", "lib"),
        ("installer/mix.exs", "other"),
        ("installer/templates/worker.ex", "other"),
        ("installer/test/shop_new_test.exs", "test"),
        ("langs/lib/ex_unit/lib/ex_unit.ex", "lib"),
        ("langs/lib/ex_unit/mix.exs", "other"),
        ("langs/lib/ex_unit/test/ex_unit_test.exs", "test"),
        (
            "langs/lib/ex_unit/test/fixtures/app/lib/app.ex",
            "test_support",
        ),
        (
            "langs/lib/ex_unit/test/fixtures/app/mix.exs",
            "test_support",
        ),
        ("lib/shop.ex", "lib"),
        ("mix.exs", "other"),
        ("test/support/fake_server_test.exs", "test"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(scopes(&doc), want);
    let paths = finding_paths(&doc);
    assert!(
        paths.contains(&"installer/lib/shop_new.ex otp/no-raw-send".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"installer/test/shop_new_test.exs test/no-sleep".to_string()),
        "{paths:?}"
    );
    assert!(
        !paths.iter().any(|p| p.starts_with("installer/templates/")),
        "{paths:?}"
    );

    // The same file typed directly, and `--scope` selects by the decided scope.
    let (_, doc) = p.json(&["check", "--format", "json", "--scope", "lib", "installer"]);
    assert_eq!(
        scopes(&doc).keys().collect::<Vec<_>>(),
        ["installer/lib/shop_new.ex"]
    );
}

#[test]
fn overlapping_arguments_analyse_each_file_once() {
    let p = shop("overlap");
    let root = p.path("shop");
    let o = run_in(
        &root,
        &[
            "check",
            "--format",
            "json",
            ".",
            "lib/shop/worker.ex",
            "./lib",
        ],
    );
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(finding_paths(&doc), EXPECTED);

    // The diff holds each hunk once, so `git apply` takes it.
    let o = run_in(&root, &["check", "--diff", ".", "lib/shop/worker.ex"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let diff = stdout(&o);
    assert_eq!(
        diff.matches("--- a/lib/shop/worker.ex").count(),
        1,
        "{diff}"
    );
    assert_eq!(diff.matches("@@ ").count(), 1, "{diff}");
    std::fs::write(root.join("fixes.patch"), &diff).unwrap();
    let applied = std::process::Command::new("git")
        .args(["apply", "fixes.patch"])
        .current_dir(&root)
        // Outside any repository, `git apply` works like `patch -p1`.
        .env("GIT_CEILING_DIRECTORIES", p.root.as_os_str())
        .output()
        .expect("git runs");
    assert!(applied.status.success(), "{}", stderr(&applied));
    assert!(
        std::fs::read_to_string(root.join("lib/shop/worker.ex"))
            .unwrap()
            .contains("GenServer.call(server, :get, 5_000)")
    );

    // The text output names each finding once.
    let o = run_in(&root, &["check", ".", "lib/shop/worker.ex"]);
    let out = stdout(&o);
    assert_eq!(out.matches("lib/shop/worker.ex:2:22:").count(), 1, "{out}");
}

#[test]
fn skipped_files_are_reported() {
    let p = shop("skipped");
    p.write(
        "shop/lib/shop/latin1.ex",
        b"defmodule L do\n  # caf\xe9\nend\n",
    );
    let root = p.path("shop");

    let o = run_in(&root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("skipped `lib/shop/latin1.ex`: not UTF-8"),
        "{err}"
    );
    assert!(err.contains("Skipped 1 file: 1 not UTF-8."), "{err}");

    let o = run_in(&root, &["check", "--format", "json"]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        doc["skipped"],
        serde_json::json!([{"path": "lib/shop/latin1.ex", "reason": "not_utf8"}])
    );

    let o = run_in(&root, &["check", "--format", "sarif"]);
    let log: Value = serde_json::from_slice(&o.stdout).unwrap();
    let notes = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["descriptor"]["id"], "not_utf8");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "lib/shop/latin1.ex"
    );

    // --strict: a run that skipped a file is not a clean run.
    let o = run_in(
        &root,
        &["check", "--strict", "--select", "otp/no-erlang-send"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 file skipped (--strict)"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(root.join("lib/shop/latin1.ex")).unwrap();
    let o = run_in(
        &root,
        &["check", "--strict", "--select", "otp/no-erlang-send"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_inside_the_project_only() {
    use std::os::unix::fs::symlink;
    let p = Project::new(
        "links",
        &[
            ("shop/mix.exs", MIX),
            ("shop/shared/lib/shop/worker.ex", WORKER),
            ("shop/test/shop/worker_test.exs", SLEEPY_TEST),
            ("elsewhere/other.ex", WORKER),
        ],
    );
    let root = p.path("shop");
    // A symlinked lib/ inside the project, a link out of it, and a loop.
    symlink("shared/lib", root.join("lib")).unwrap();
    symlink("../../elsewhere", root.join("test/vendored")).unwrap();
    symlink("..", root.join("test/shop/up")).unwrap();

    let o = run_in(&root, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        finding_paths(&doc),
        EXPECTED,
        "the linked lib/ is checked as lib, once"
    );
    assert_eq!(
        doc["skipped"],
        serde_json::json!([{"path": "test/vendored", "reason": "symlink_outside"}])
    );
    let o = run_in(&root, &["check"]);
    assert!(
        stderr(&o).contains("Skipped 1 file: 1 symbolic link out of the project."),
        "{}",
        stderr(&o)
    );
}

#[test]
fn statistics_count_findings_per_rule_and_scope() {
    let p = shop("stats");
    let root = p.path("shop");
    let o = run_in(&root, &["check", "--statistics"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let table = stdout(&o);
    let row = |name: &str| -> Vec<String> {
        table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no row {name}:\n{table}"))
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    assert_eq!(
        row("rule"),
        ["rule", "lib", "test", "test_support", "other", "total"]
    );
    assert_eq!(
        row("otp/no-raw-send"),
        ["otp/no-raw-send", "1", "0", "0", "0", "1"]
    );
    assert_eq!(
        row("test/no-sleep"),
        ["test/no-sleep", "0", "1", "0", "0", "1"]
    );
    assert_eq!(row("findings"), ["findings", "2", "1", "0", "0", "3"]);
    assert_eq!(row("files"), ["files", "1", "1", "0", "1", "3"]);

    let o = run_in(
        &root,
        &[
            "check",
            "--statistics",
            "--format",
            "json",
            "--scope",
            "lib",
        ],
    );
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["findings"]["lib"], 2);
    assert_eq!(doc["findings"]["total"], 2);
    assert_eq!(doc["rules"]["otp/call-timeout"]["lib"], 1);
    assert!(doc["rules"].get("test/no-sleep").is_none(), "{doc}");
    assert_eq!(doc["files"]["total"], 1);

    let o = run_in(&root, &["check", "--statistics", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_lib_folder_without_mix_exs_is_still_lib() {
    let p = Project::new(
        "loose",
        &[
            ("loose/lib/shop/worker.ex", WORKER),
            ("loose/test/shop/worker_test.exs", SLEEPY_TEST),
        ],
    );
    // From inside the folder and from above it: `lib/` stays in the names, and
    // decides the scope as it does for `check .`.
    for (dir, arg) in [("loose", "lib"), ("", "loose/lib")] {
        let o = run_in(&p.path(dir), &["check", "--format", "json", arg]);
        let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
        let expected = BTreeMap::from([("lib/shop/worker.ex".to_string(), "lib".to_string())]);
        assert_eq!(scopes(&doc), expected, "check {arg} in {dir:?}");
        assert!(
            !findings(&doc).is_empty(),
            "check {arg} in {dir:?} found nothing"
        );
    }
    let o = run_in(&p.path("loose"), &["check", "--format", "json", "test"]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let expected = BTreeMap::from([("test/shop/worker_test.exs".to_string(), "test".to_string())]);
    assert_eq!(scopes(&doc), expected);
}
