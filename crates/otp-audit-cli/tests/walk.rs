//! The directory walk: what ignore files keep out, what is always skipped, and
//! symbolic links that lead out of the directory given (never read, never written).

mod common;

use common::*;
use serde_json::Value;

const MIX: &[u8] = b"defmodule Shop.MixProject do\n  use Mix.Project\nend\n";

/// The paths of the files analysed, in order.
fn files(doc: &Value) -> Vec<String> {
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// A project with a git-ignored `generated/` folder (and no `.git` folder: a zip
/// download or a copy keeps its `.gitignore` without one), a folder named by
/// `.ignore`, and the folders that are always skipped.
fn with_ignored_folders(git: bool) -> Project {
    let p = Project::new(
        "ignored",
        &[
            ("mix.exs", MIX),
            (".gitignore", b"/generated/\n*.tmp.ex\n"),
            (".ignore", b"vendor/\n"),
            ("lib/shop/worker.ex", WORKER),
            ("lib/shop/scratch.tmp.ex", WORKER),
            ("generated/schema.ex", WORKER),
            ("vendor/lib/vendored.ex", WORKER),
            ("deps/dep/lib/dep.ex", WORKER),
            ("_build/dev/lib/built.ex", WORKER),
            ("node_modules/pkg/pkg.ex", WORKER),
            (".git/hooks/hook.ex", WORKER),
        ],
    );
    if git {
        let o = std::process::Command::new("git")
            .args(["init", "-q"])
            .current_dir(&p.root)
            .output();
        assert!(o.is_ok_and(|o| o.status.success()), "git init");
    }
    p
}

#[test]
fn ignore_files_are_honoured_and_no_ignore_turns_them_off() {
    for git in [false, true] {
        let p = with_ignored_folders(git);
        let (code, doc) = p.json(&["check", "--format", "json"]);
        assert_eq!(code, Some(1));
        assert_eq!(files(&doc), ["lib/shop/worker.ex", "mix.exs"], "git: {git}");

        let (_, doc) = p.json(&["check", "--format", "json", "--no-ignore"]);
        assert_eq!(
            files(&doc),
            [
                "generated/schema.ex",
                "lib/shop/scratch.tmp.ex",
                "lib/shop/worker.ex",
                "mix.exs",
                "vendor/lib/vendored.ex",
            ],
            "deps/, _build/, node_modules/ and .git/ stay skipped (git: {git})"
        );
    }
}

#[test]
fn a_file_named_on_the_command_line_is_analysed_even_if_ignored() {
    let p = with_ignored_folders(false);
    let (_, doc) = p.json(&["check", "--format", "json", "generated/schema.ex"]);
    assert_eq!(files(&doc), ["generated/schema.ex"]);
}

#[cfg(unix)]
#[test]
fn links_out_of_the_directory_are_skipped_and_loops_end() {
    use std::os::unix::fs::symlink;
    let outside = Project::new(
        "outside",
        &[("worker.ex", WORKER), ("more/other.ex", WORKER)],
    );
    let p = Project::new(
        "linked",
        &[("mix.exs", MIX), ("lib/shop/worker.ex", WORKER)],
    );
    symlink(outside.path("worker.ex"), p.path("lib/shop/linked.ex")).unwrap();
    symlink(outside.path("more"), p.path("lib/more")).unwrap();
    symlink("..", p.path("lib/shop/up")).unwrap();
    symlink(p.path("lib"), p.path("lib/shop/again")).unwrap();
    symlink("nowhere.ex", p.path("lib/broken.ex")).unwrap();

    let (code, doc) = p.json(&["check", "--format", "json"]);
    assert_eq!(code, Some(1));
    assert_eq!(files(&doc), ["lib/shop/worker.ex", "mix.exs"]);
    assert_eq!(
        doc["skipped"],
        serde_json::json!([
            {"path": "lib/more", "reason": "symlink_outside"},
            {"path": "lib/shop/linked.ex", "reason": "symlink_outside"},
        ])
    );
    let o = p.run(&["check"]);
    assert!(
        stderr(&o).contains(
            "skipped `lib/shop/linked.ex`: a symbolic link that leads out of the project"
        ),
        "{}",
        stderr(&o)
    );

    // --fix over the whole directory: the linked files outside stay as they were.
    let o = p.run(&["check", "--fix"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("skipped `lib/shop/linked.ex`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(outside.read("worker.ex").as_bytes(), WORKER);
    assert_eq!(outside.read("more/other.ex").as_bytes(), WORKER);
    // The file inside was fixed (GenServer.call gets its timeout).
    assert_ne!(p.read("lib/shop/worker.ex").as_bytes(), WORKER);
}
