//! The CLI's robustness: arguments spelled every usual way, fixes that write only
//! where they may and keep a file as it was (mode, owner, line endings), messages
//! that stay readable on odd input.

mod common;

use common::*;

fn code(o: &std::process::Output) -> Option<i32> {
    o.status.code()
}

#[test]
fn jobs_take_an_attached_or_inline_value() {
    let p = Project::new("jobs", &[("lib/shop/worker.ex", WORKER)]);
    for flag in [&["-j1"][..], &["-j", "1"], &["--jobs=1"], &["--jobs", "1"]] {
        let mut args = vec!["check"];
        args.extend_from_slice(flag);
        let o = p.run(&args);
        assert_eq!(code(&o), Some(1), "{flag:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("otp/no-raw-send"), "{flag:?}");
    }
    let o = p.run(&["check", "-j0"]);
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("positive"), "{}", stderr(&o));
}

#[test]
fn fix_with_diff_is_a_usage_error() {
    let p = Project::new("fixdiff", &[("lib/shop/worker.ex", WORKER)]);
    let o = p.run(&["check", "--fix", "--diff"]);
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("choose one"), "{}", stderr(&o));
    assert_eq!(p.read("lib/shop/worker.ex").as_bytes(), WORKER);
}

#[test]
fn rule_typos_in_flags_get_a_suggestion() {
    let p = Project::new("typos", &[("lib/shop/worker.ex", WORKER)]);
    for (args, meant) in [
        (
            &["check", "--select", "otp/no-raw-sned"][..],
            "otp/no-raw-send",
        ),
        (&["check", "--ignore=test/no-slep"], "test/no-sleep"),
        (
            &["check", "--max-count", "otp/call-timout=3"],
            "otp/call-timeout",
        ),
    ] {
        let o = p.run(args);
        assert_eq!(code(&o), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains(&format!("did you mean `{meant}`?")),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    for empty in [
        &["check", "--select", ""][..],
        &["check", "--select=,"],
        &["check", "--ignore="],
    ] {
        let o = p.run(empty);
        assert_eq!(code(&o), Some(2), "{empty:?}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("needs at least one rule id"),
            "{}",
            stderr(&o)
        );
    }
}

/// Every `\n` of `text` is preceded by `\r`.
fn all_crlf(text: &str) -> bool {
    text.match_indices('\n')
        .all(|(i, _)| i > 0 && text.as_bytes()[i - 1] == b'\r')
}

#[test]
fn fix_keeps_crlf_line_endings() {
    let ledger = "defmodule Billing.Ledger do\r\n  use GenServer\r\n\r\n  @impl true\r\n  def handle_call(:balance, _from, state) do\r\n    {:reply, state.balance, state}\r\n  end\r\nend\r\n";
    let p = Project::new("crlf", &[("lib/billing/ledger.ex", ledger.as_bytes())]);
    let o = p.run(&["check", "--fix"]);
    assert!(stderr(&o).contains("Fixed 1 finding"), "{}", stderr(&o));
    let fixed = p.read("lib/billing/ledger.ex");
    assert!(fixed.contains("def init("), "{fixed}");
    assert!(all_crlf(&fixed), "{fixed:?}");
}

#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // A file this process creates belongs to its user.
    let probe = std::env::temp_dir().join(format!("otp-audit-root-probe-{}", std::process::id()));
    std::fs::write(&probe, "").unwrap();
    let uid = std::fs::metadata(&probe).unwrap().uid();
    std::fs::remove_file(&probe).unwrap();
    uid == 0
}

#[cfg(unix)]
#[test]
fn fix_keeps_owner_group_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let p = Project::new("owner", &[("lib/shop/worker.ex", WORKER)]);
    let file = p.path("lib/shop/worker.ex");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let owner = if is_root() {
        std::os::unix::fs::chown(&file, Some(4321), Some(4322)).unwrap();
        (4321, 4322)
    } else {
        let m = std::fs::metadata(&file).unwrap();
        (m.uid(), m.gid())
    };
    let o = p.run(&["check", "--fix"]);
    assert!(stderr(&o).contains("Fixed 1 finding"), "{}", stderr(&o));
    assert!(
        p.read("lib/shop/worker.ex")
            .contains("GenServer.call(server, :get, ")
    );
    let m = std::fs::metadata(&file).unwrap();
    assert_eq!((m.uid(), m.gid()), owner);
    assert_eq!(m.permissions().mode() & 0o7777, 0o640);
}

#[cfg(unix)]
#[test]
fn fix_leaves_read_only_files_and_directories_alone() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // Read-only means the mode grants write permission to nobody: root, whom the
    // system would let through, is held to it too.
    let p = Project::new("readonly", &[("lib/shop/worker.ex", WORKER)]);
    let file = p.path("lib/shop/worker.ex");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let inode = std::fs::metadata(&file).unwrap().ino();
    let o = p.run(&["check", "--fix", "."]);
    let err = stderr(&o);
    assert!(
        err.contains("warning: `lib/shop/worker.ex` is read-only; left it alone"),
        "{err}"
    );
    assert!(err.contains("Fixed 0 findings"), "{err}");
    assert_eq!(p.read("lib/shop/worker.ex").as_bytes(), WORKER);
    assert_eq!(std::fs::metadata(&file).unwrap().ino(), inode);

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let dir = p.path("lib/shop");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let o = p.run(&["check", "--fix", "."]);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&o);
    assert!(
        err.contains("cannot fix `lib/shop/worker.ex`: its directory `lib/shop` is read-only"),
        "{err}"
    );
    assert_eq!(p.read("lib/shop/worker.ex").as_bytes(), WORKER);
}

#[cfg(unix)]
#[test]
fn fix_never_writes_outside_the_directory_analysed() {
    let outside = Project::new("outside", &[("vendored/worker.ex", WORKER)]);
    let p = Project::new(
        "links",
        &[("mix.exs", b"defmodule Shop.MixProject do\nend\n")],
    );
    std::fs::create_dir_all(p.path("lib")).unwrap();
    std::os::unix::fs::symlink(outside.path("vendored/worker.ex"), p.path("lib/linked.ex"))
        .unwrap();
    std::os::unix::fs::symlink(outside.path("vendored"), p.path("lib/vendored")).unwrap();

    // A link named on the command line: skipped with a note.
    let o = p.run(&["check", "--fix", "lib/linked.ex"]);
    let err = stderr(&o);
    assert!(
        err.contains("note: `lib/linked.ex` is a symbolic link to `")
            && err.contains("outside the directory analysed"),
        "{err}"
    );
    // A file reached through a linked folder: left alone with a warning.
    let o = p.run(&["check", "--fix", "lib/vendored/worker.ex"]);
    let err = stderr(&o);
    assert!(
        err.contains("warning: `lib/vendored/worker.ex` is a symbolic link to `"),
        "{err}"
    );
    assert_eq!(outside.read("vendored/worker.ex").as_bytes(), WORKER);
    // Still analysed.
    assert!(stdout(&o).contains("otp/no-raw-send"), "{}", stdout(&o));
}

#[test]
fn fix_waits_until_the_file_parses() {
    let broken = "defmodule Shop.Worker do\n  def get(server), do: GenServer.call(server, :get)\n\n  def g( do\n    :ok\n  end\nend\n";
    let p = Project::new("broken", &[("lib/shop/worker.ex", broken.as_bytes())]);
    let o = p.run(&["check", "--fix"]);
    let err = stderr(&o);
    assert!(
        err.contains("`lib/shop/worker.ex` has syntax errors; its fixes wait until it parses"),
        "{err}"
    );
    assert_eq!(p.read("lib/shop/worker.ex"), broken);
    let o = p.run(&["check", "--diff"]);
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
}

#[test]
fn messages_name_files_as_findings_do() {
    let p = Project::new(
        "paths",
        &[
            ("lib/shop/worker.ex", WORKER),
            (
                "lib/shop/latin1.ex",
                b"defmodule Latin do\n  # caf\xe9\nend\n",
            ),
        ],
    );
    let o = p.run(&["check", "."]);
    let err = stderr(&o);
    assert!(err.contains("skipped `lib/shop/latin1.ex`"), "{err}");
    assert!(!err.contains("./lib"), "{err}");
    assert!(
        stdout(&o).starts_with("lib/shop/worker.ex:"),
        "{}",
        stdout(&o)
    );
}

/// A `.credo.exs` as `mix credo gen.config` writes it, cut short: a few checks
/// otp-audit implements and many it leaves to Credo.
const STOCK_CREDO: &str = r#"%{
  configs: [
    %{
      name: "default",
      files: %{included: ["lib/", "test/"], excluded: [~r"/_build/", ~r"/deps/"]},
      strict: false,
      checks: %{
        enabled: [
          {Credo.Check.Consistency.ExceptionNames, []},
          {Credo.Check.Consistency.LineEndings, []},
          {Credo.Check.Consistency.SpaceAroundOperators, []},
          {Credo.Check.Design.AliasUsage, [priority: :low, if_nested_deeper_than: 2]},
          {Credo.Check.Readability.AliasOrder, []},
          {Credo.Check.Readability.FunctionNames, []},
          {Credo.Check.Readability.MaxLineLength, [priority: :low, max_length: 120]},
          {Credo.Check.Readability.ModuleDoc, []},
          {Credo.Check.Refactor.CyclomaticComplexity, []},
          {Credo.Check.Refactor.Nesting, [max_nesting: 3]},
          {Credo.Check.Warning.IoInspect, []},
          {Credo.Check.Warning.UnusedEnumOperation, []}
        ],
        disabled: [
          {Credo.Check.Readability.Specs, []}
        ]
      }
    }
  ]
}
"#;

#[test]
fn a_stock_credo_config_gets_one_summary_line() {
    let p = Project::new(
        "credo",
        &[
            ("lib/shop/worker.ex", WORKER),
            (".credo.exs", STOCK_CREDO.as_bytes()),
        ],
    );
    let o = p.run(&["check"]);
    let err = stderr(&o);
    assert_eq!(code(&o), Some(1), "{err}");
    assert!(
        err.contains("note: 10 Credo checks have no otp-audit equivalent; `--verbose` lists them"),
        "{err}"
    );
    assert!(
        !err.contains("Credo check Credo.Check.Readability.ModuleDoc"),
        "{err}"
    );
    let err = stderr(&p.run(&["check", "--verbose"]));
    assert!(
        err.contains("note: Credo check Credo.Check.Readability.ModuleDoc is left to Credo"),
        "{err}"
    );
    assert!(!err.contains("`--verbose` lists"), "{err}");
}

/// Many `.credo.exs` files include only `lib/`; otp-audit honours that, and says
/// once that the test rules saw none of the tests, instead of an empty test column.
#[test]
fn a_credo_filter_that_leaves_out_tests_says_so() {
    let credo = |included: &str| {
        format!("%{{configs: [%{{name: \"default\", files: %{{included: {included}}}}}]}}\n")
    };
    let test = "defmodule Shop.WorkerTest do\n  use ExUnit.Case\n  test \"x\" do\n    Process.sleep(100)\n    assert true\n  end\nend\n";
    let p = Project::new(
        "credo-files",
        &[
            ("lib/shop/worker.ex", WORKER),
            ("test/shop/worker_test.exs", test.as_bytes()),
            ("test/test_helper.exs", b"ExUnit.start()\n"),
        ],
    );
    p.write(".credo.exs", credo(r#"["lib/"]"#));
    let o = p.run(&["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("note: `.credo.exs` (files.included/excluded) leaves out 1 test file, so the test/ rules do not see them"),
        "{err}"
    );
    assert!(!stdout(&o).contains("test/no-sleep"), "{}", stdout(&o));
    // Named on the command line, the file is checked.
    let o = p.run(&["check", "test/shop/worker_test.exs"]);
    assert!(stdout(&o).contains("test/no-sleep"), "{}", stdout(&o));

    p.write(".credo.exs", credo(r#"["lib/", "test/"]"#));
    let o = p.run(&["check"]);
    assert!(!stderr(&o).contains("leaves out"), "{}", stderr(&o));
    assert!(stdout(&o).contains("test/no-sleep"), "{}", stdout(&o));

    // Path.wildcard's alternatives, as umbrella projects write them.
    p.write(".credo.exs", credo(r#"["{lib,test}/**/*.{ex,exs}"]"#));
    let o = p.run(&["check"]);
    assert!(!stderr(&o).contains("leaves out"), "{}", stderr(&o));
    assert!(stdout(&o).contains("test/no-sleep"), "{}", stdout(&o));
}

#[test]
fn config_errors_name_the_file_once() {
    let p = Project::new("configs", &[("lib/shop/worker.ex", WORKER)]);
    p.write("ci/strict.toml", "[rules\nx = 1\n");
    let o = p.run(&["check", "--config", "ci/strict.toml"]);
    let err = stderr(&o);
    assert_eq!(code(&o), Some(2));
    assert!(err.contains("ci/strict.toml: not valid TOML"), "{err}");
    assert!(!err.contains("otp-audit.toml"), "{err}");

    p.write(
        ".credo.exs",
        "%{configs: [%{name: \"default\", checks: [{Credo.Check.Foo, [}]}]}\n",
    );
    let o = p.run(&["check", "."]);
    let err = stderr(&o);
    assert_eq!(code(&o), Some(2));
    assert!(err.contains("otp-audit: .credo.exs: line 1: "), "{err}");
    assert_eq!(err.matches(".credo.exs").count(), 1, "{err}");
}

#[test]
fn sarif_has_no_placeholder_home() {
    let p = Project::new("sarif", &[("lib/shop/worker.ex", WORKER)]);
    let (_, doc) = p.json(&["check", "--format", "sarif"]);
    let driver = &doc["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "otp-audit");
    assert!(driver.get("informationUri").is_none(), "{driver}");
    assert!(!doc.to_string().contains("example.invalid"));
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let src = b"defmodule Shop.Worker do\n  # \x1b[2J\x07 pasted from a terminal\n  def ping(pid), do: send(pid, {:ping, \"\x00\x1b]0;owned\x07\"})\nend\n";
    let p = Project::new("controls", &[("lib/shop/worker.ex", src)]);
    let o = p.run(&["check"]);
    let out = stdout(&o);
    assert!(out.contains("otp/no-raw-send"), "{out}");
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    assert!(
        out.contains(r#"{:ping, "\u{0}\u{1b}]0;owned\u{7}"})"#),
        "{out}"
    );
    assert!(out.contains(r"# \u{1b}[2J\u{7} pasted"), "{out}");
}

#[test]
fn a_long_line_is_framed_around_the_flagged_code() {
    let filler = format!("[{}]", vec![":padding"; 60].join(", "));
    let src = format!(
        "defmodule Shop.Worker do\n  def ping(pid), do: {{{filler}, send(pid, :ping), {filler}}}\nend\n"
    );
    let p = Project::new("longline", &[("lib/shop/worker.ex", src.as_bytes())]);
    let out = stdout(&p.run(&["check", "--select", "otp/no-raw-send"]));
    let frame: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("2 | "))
        .take(2)
        .collect();
    assert!(frame[0].contains("send(pid, :ping)"), "{out}");
    // Cut on both sides, and the cuts are marked.
    let shown = frame[0].split_once(" | ").unwrap().1;
    assert!(shown.starts_with("...") && shown.ends_with("..."), "{out}");
    assert!(
        !out.contains("1 | ..."),
        "no context line cut to nothing: {out}"
    );
    assert!(frame[0].chars().count() < 140, "{out}");
    // The carets sit under the call.
    let code = frame[0].split_once(" | ").unwrap().1;
    let marks = frame[1].split_once(" | ").unwrap().1;
    let at = marks.chars().position(|c| c == '^').unwrap();
    let under: String = code
        .chars()
        .skip(at)
        .take(marks.matches('^').count())
        .collect();
    assert_eq!(under, "send(pid, :ping)", "{out}");
}

#[test]
fn files_over_the_size_limit_are_skipped_with_a_note() {
    let p = Project::new(
        "sizes",
        &[
            ("lib/shop/worker.ex", WORKER),
            ("test/shop/worker_test.exs", SLEEPY_TEST),
        ],
    );
    // A generated file just over the default 10 MB limit.
    let mut big = String::from("defmodule Shop.Generated do\n");
    while big.len() <= 10 * 1024 * 1024 {
        big.push_str("  def ping(pid), do: send(pid, :ping)\n");
    }
    big.push_str("end\n");
    p.write("lib/shop/generated.ex", &big);
    let o = p.run(&["check", "--format", "json"]);
    let err = stderr(&o);
    assert!(
        err.contains("skipped `lib/shop/generated.ex`: 10 MB, over the 10 MB limit for one file (`--max-file-size`)"),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["lib/shop/worker.ex", "test/shop/worker_test.exs"]);
    assert_eq!(
        doc["skipped"],
        serde_json::json!([{"path": "lib/shop/generated.ex", "reason": "too_large"}])
    );
    assert_eq!(
        err.matches("lib/shop/generated.ex").count(),
        1,
        "named once: {err}"
    );

    // The limit takes units; small files against a small limit.
    let small = Project::new("small", &[("lib/shop/worker.ex", WORKER)]);
    let err = stderr(&small.run(&["check", "--max-file-size=100B"]));
    assert!(err.contains("skipped `lib/shop/worker.ex`: "), "{err}");
    assert!(
        err.contains("Skipped 1 file: 1 over the size limit."),
        "the text summary counts it: {err}"
    );
    let (_, log) = small.json(&["check", "--max-file-size=100B", "--format", "sarif"]);
    let notes = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["descriptor"]["id"], "too_large", "{log}");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "lib/shop/worker.ex"
    );
    let o = small.run(&["check", "--max-file-size=100B", "--strict"]);
    assert_eq!(code(&o), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 file skipped (--strict)"),
        "{}",
        stderr(&o)
    );
    let o = small.run(&["check", "--max-file-size", "1KB"]);
    assert!(!stderr(&o).contains("skipping"), "{}", stderr(&o));
    assert!(stdout(&o).contains("otp/no-raw-send"));
    let o = p.run(&["check", "--max-file-size", "lots"]);
    assert_eq!(code(&o), Some(2));
    assert!(
        stderr(&o).contains("expected a size like 10MB"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bench_measures_one_large_file() {
    let o = run_in(
        &std::env::temp_dir(),
        &["bench", "--large-file", "1", "--rounds", "1", "-j1"],
    );
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains("one generated file of 1 MB"), "{out}");
    assert!(out.contains("x the largest file"), "{out}");
}

#[test]
fn a_parse_error_is_reported_where_the_parser_found_it() {
    // The unclosed `(` is on line 5, inside a module that opens on line 1.
    let src = "defmodule Shop.Worker do\n  def f, do: 1\n\n  def h, do: 2\n  def g( do\n    :ok\n  end\nend\n";
    let p = Project::new("parse-line", &[("lib/shop/worker.ex", src.as_bytes())]);
    let (code, doc) = p.json(&["check", "--format", "json"]);
    assert_eq!(code, Some(1));
    let at: Vec<(u64, u64)> = findings(&doc)
        .iter()
        .filter(|f| f["rule"] == "syntax/parse-error")
        .map(|f| {
            (
                f["start"]["line"].as_u64().unwrap(),
                f["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(at, [(5, 8)], "{doc}");
    let out = stdout(&p.run(&["check"]));
    assert!(
        out.starts_with("lib/shop/worker.ex:5:8: error syntax/parse-error: "),
        "{out}"
    );
}

/// Run the binary in `dir` as a user without root's power to read any file:
/// itself when it is not root, else `nobody` through `setpriv`. `None` when root
/// cannot drop its rights here.
#[cfg(unix)]
fn run_unprivileged(dir: &std::path::Path, args: &[&str]) -> Option<std::process::Output> {
    if !is_root() {
        return Some(run_in(dir, args));
    }
    std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_otp-audit"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .ok()
        .filter(|o| !stderr(o).contains("setpriv:"))
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_keeps_its_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new(
        "unreadable",
        &[
            ("mix.exs", b"defmodule Shop.MixProject do\nend\n"),
            ("lib/shop/worker.ex", WORKER),
        ],
    );
    p.write("lib/shop/secret.ex", WORKER);
    std::fs::set_permissions(
        p.path("lib/shop/secret.ex"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    // A world-readable place for `nobody`: the project's folders are 0755.
    for args in [&["check", "./lib"][..], &["check", "--fix", "."]] {
        let Some(o) = run_unprivileged(&p.root, args) else {
            eprintln!(
                "an_unreadable_file_keeps_its_clear_error: skipped, root cannot drop its rights here (no setpriv)"
            );
            return;
        };
        let err = stderr(&o);
        assert_eq!(code(&o), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("otp-audit: cannot read `lib/shop/secret.ex`: Permission denied"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("skipped"), "not a skip: {err}");
    }
    assert_eq!(p.read("lib/shop/worker.ex").as_bytes(), WORKER);
}
