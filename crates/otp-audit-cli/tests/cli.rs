//! The `otp-audit` binary end to end, on small projects written to a temp dir.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn shop() -> Project {
    Project::new(
        "shop",
        &[
            ("lib/shop/worker.ex", WORKER),
            ("test/shop/worker_test.exs", SLEEPY_TEST),
            ("deps/other/lib/other.ex", WORKER),
            ("_build/dev/lib/x.ex", WORKER),
        ],
    )
}

#[test]
fn text_output_names_file_line_column_rule_and_underlines() {
    let p = shop();
    let o = p.run(&["check", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("lib/shop/worker.ex:2:22: warning otp/no-raw-send:"),
        "{out}"
    );
    assert!(
        out.contains("test/shop/worker_test.exs:5:5: warning test/no-sleep:"),
        "{out}"
    );
    assert!(
        out.contains(
            "  def ping(pid), do: send(pid, :ping)\n  |                      ^^^^^^^^^^^^^^^"
        ),
        "{out}"
    );
    assert!(
        !out.contains("deps/") && !out.contains("_build"),
        "vendored code is skipped: {out}"
    );
    assert!(stderr(&o).contains("in 2 of 2 files"), "{}", stderr(&o));
}

#[test]
fn json_output_follows_the_contract() {
    let p = shop();
    let o = p.run(&["check", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    for f in files {
        for key in ["path", "scope", "bytes", "lines"] {
            assert!(f.get(key).is_some(), "file lacks {key}: {f}");
        }
    }
    let findings = doc["findings"].as_array().unwrap();
    let send = findings
        .iter()
        .find(|f| f["rule"] == "otp/no-raw-send")
        .expect("a raw send finding");
    for key in [
        "rule", "severity", "message", "path", "scope", "start", "end", "guide", "fixes",
    ] {
        assert!(send.get(key).is_some(), "finding lacks {key}: {send}");
    }
    for key in ["line", "column", "utf16_column", "byte"] {
        assert!(send["start"].get(key).is_some() && send["end"].get(key).is_some());
    }
    assert_eq!(send["path"], "lib/shop/worker.ex");
    assert_eq!(send["scope"], "Shop.Worker.ping/1");
    let timeout = findings
        .iter()
        .find(|f| f["rule"] == "otp/call-timeout")
        .expect("call timeout finding");
    let edit = &timeout["fixes"][0]["edits"][0];
    assert!(
        edit["start_byte"].is_u64() && edit["replacement"].is_string(),
        "{timeout}"
    );
}

#[test]
fn paths_are_relative_to_the_directory_argument() {
    let p = shop();
    let o = Command::new(env!("CARGO_BIN_EXE_otp-audit"))
        .args(["check", "--format=json"])
        .arg(&p.root)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["lib/shop/worker.ex", "test/shop/worker_test.exs"]);
    // A single file keeps its project-relative path (found through mix.exs).
    std::fs::write(
        p.root.join("mix.exs"),
        "defmodule Shop.MixProject do\nend\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_otp-audit"))
        .args(["check", "--format=json"])
        .arg(p.root.join("lib/shop/worker.ex"))
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["files"][0]["path"], "lib/shop/worker.ex");
    assert_eq!(doc["files"][0]["scope"], "lib");
}

#[test]
fn clean_code_exits_zero() {
    let p = Project::new(
        "clean",
        &[("lib/ok.ex", b"defmodule Ok do\n  def hi, do: :hi\nend\n")],
    );
    let o = p.run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("No findings in 1 file."));
}

#[test]
fn usage_and_io_errors_exit_two_with_advice() {
    let p = shop();
    let o = p.run(&["check", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("possible values: text, json, jsonl, sarif"),
        "{}",
        stderr(&o)
    );
    let o = p.run(&["check", "missing-dir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read `missing-dir`"));
}

#[test]
fn project_config_is_found_and_validated() {
    let p = shop();
    std::fs::write(
        p.root.join("otp-audit.toml"),
        "[rules.\"otp/no-raw-send\"]\nenabled = false\n",
    )
    .unwrap();
    let out = stdout(&p.run(&["check"]));
    assert!(
        !out.contains("otp/no-raw-send") && out.contains("test/no-sleep"),
        "{out}"
    );
    std::fs::write(
        p.root.join("otp-audit.toml"),
        "[rules.\"otp/no-raw-sand\"]\nenabled = false\n",
    )
    .unwrap();
    let o = p.run(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `otp/no-raw-send`"),
        "{}",
        stderr(&o)
    );
    let o = p.run(&["check", "--config", "nope.toml"]);
    assert!(stderr(&o).contains("cannot read `nope.toml`"));
}

#[test]
fn non_utf8_files_are_skipped_with_a_warning() {
    let p = Project::new(
        "latin1",
        &[
            ("lib/a.ex", b"defmodule A do\n  # caf\xe9\nend\n"),
            ("lib/b.ex", WORKER),
        ],
    );
    let o = p.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("skipping `./lib/a.ex`: not UTF-8")
            || stderr(&o).contains("lib/a.ex`: not UTF-8"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("lib/b.ex"));
}

#[test]
fn one_thread_and_many_give_the_same_output() {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..40 {
        files.push((format!("lib/w{i}.ex"), WORKER.to_vec()));
        files.push((format!("test/w{i}_test.exs"), SLEEPY_TEST.to_vec()));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    let p = Project::new("many", &refs);
    let one = p.run(&["check", "--format=json", "-j", "1"]);
    let many = p.run(&["check", "--format=json", "-j", "8"]);
    assert_eq!(one.stdout, many.stdout);
    assert!(Path::new(&p.root).exists());
}

#[test]
fn explain_and_rules() {
    let p = shop();
    let o = p.run(&["explain", "test/no-sleep"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("# test/no-sleep"));
    let o = p.run(&["explain", "otp/nope"]);
    assert_eq!(o.status.code(), Some(2));
    let o = p.run(&["rules", "--format=json"]);
    let rules: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(rules.as_array().unwrap().len() >= 30);
}

#[test]
fn selection_by_rule_scope_and_severity() {
    let p = shop();
    let rules_of = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        let (_, doc) = p.json(&all);
        findings(&doc)
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let all = rules_of(&[]);
    assert!(all.contains(&"otp/no-raw-send".into()) && all.contains(&"test/no-sleep".into()));
    assert_eq!(rules_of(&["--select", "test/"]), ["test/no-sleep"]);
    assert!(!rules_of(&["--ignore", "otp/no-raw-send"]).contains(&"otp/no-raw-send".into()));
    let lib = rules_of(&["--scope", "lib"]);
    assert!(
        !lib.is_empty() && lib.iter().all(|r| r.starts_with("otp/")),
        "{lib:?}"
    );
    assert!(rules_of(&["--severity", "error"]).is_empty());
    // Clean after selection: exit 0.
    let o = p.run(&["check", "--select", "sec/"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = p.run(&["check", "--select", "otp/nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such rule"), "{}", stderr(&o));
}

#[test]
fn text_output_shows_context_fixes_and_guide() {
    let p = shop();
    let out = stdout(&p.run(&["check"]));
    // The line before the finding, the frame, the fix on offer, the guide.
    assert!(
        out.contains("1 | defmodule Shop.Worker do\n2 |   def ping(pid), do: send(pid, :ping)"),
        "{out}"
    );
    assert!(out.contains("= fix (safe): "), "{out}");
    assert!(
        out.contains("= guide: otp-audit explain otp/call-timeout"),
        "{out}"
    );
    assert!(
        !out.contains('\x1b'),
        "no color when NO_COLOR is set: {out}"
    );
    let colored = stdout(&p.run(&["check", "--color", "always"]));
    assert!(colored.contains("\x1b[1;33mwarning\x1b[0m"), "{colored}");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..200 {
        files.push((format!("lib/w{i}.ex"), WORKER.to_vec()));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    let p = Project::new("quiet", &refs);
    let o = p.run(&["check", "-j", "1"]);
    let err = stderr(&o);
    assert!(!err.contains('\r') && !err.contains("files]"), "{err}");
    assert_eq!(err.lines().count(), 1, "only the summary: {err}");
}

#[test]
fn explain_a_position() {
    let p = shop();
    let o = p.run(&["explain", "lib/shop/worker.ex:2:25"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("lib/shop/worker.ex:2:22: warning otp/no-raw-send:"),
        "{out}"
    );
    assert!(out.contains("^^^^"), "{out}");
    assert!(
        out.contains("# otp/no-raw-send"),
        "the guide page follows: {out}"
    );
    // A whole line.
    let out = stdout(&p.run(&["explain", "lib/shop/worker.ex:4"]));
    assert!(out.contains("otp/call-timeout"), "{out}");
    // Nothing there.
    let o = p.run(&["explain", "lib/shop/worker.ex:1:1"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("No finding at") && stderr(&o).contains("line 2, 4"),
        "{}",
        stderr(&o)
    );
    let o = p.run(&["explain", "lib/nope.ex:1:1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read `lib/nope.ex`"));
}

#[test]
fn rules_as_a_table_and_as_json() {
    let p = shop();
    let table = stdout(&p.run(&["rules"]));
    assert!(table.starts_with("id "), "{table}");
    assert!(
        table.contains("otp/call-timeout") && table.contains(" safe "),
        "{table}"
    );
    let (code, doc) = p.json(&["rules", "--format", "json"]);
    assert_eq!(code, Some(0));
    let send = doc
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "otp/no-raw-send")
        .unwrap();
    for key in ["severity", "scopes", "fix", "default_enabled", "summary"] {
        assert!(send.get(key).is_some(), "{key}: {send}");
    }
}

#[test]
fn output_to_a_file() {
    let p = shop();
    let o = p.run(&["check", "--format", "sarif", "--output", "out.sarif"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let doc: serde_json::Value = serde_json::from_str(&p.read("out.sarif")).unwrap();
    assert_eq!(doc["version"], "2.1.0");
}

#[test]
fn bench_prints_every_figure() {
    let p = Project::new("bench", &[]);
    let o = p.run(&["bench", "--files", "6", "--rounds", "1", "--jobs", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "bytes",
        "files",
        "parse only (tree-sitter), 1 thread",
        "full analysis, 1 thread",
        "full analysis, 2 threads",
        "peak RSS",
        "speedup on 2 threads",
    ] {
        assert!(out.contains(needle), "{needle}: {out}");
    }
}

#[test]
fn completions_for_each_shell_name_the_commands_and_flags() {
    let p = shop();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef otp-audit"),
        ("fish", "complete -c otp-audit"),
    ] {
        let o = p.run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains(marker), "{shell}: {script}");
        for word in ["check", "report", "no-ignore", "max-file-size", "sarif"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let o = p.run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_is_grouped_and_typos_get_a_suggestion() {
    let p = shop();
    let o = p.run(&["check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    let headings = [
        "Output:",
        "Selection:",
        "Baselines and the ratchet:",
        "Fixes:",
        "Statistics:",
        "Other:",
        "Exit status:",
    ];
    let at: Vec<usize> = headings
        .iter()
        .map(|h| help.find(h).unwrap_or_else(|| panic!("no {h} in {help}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{help}");
    // `report` does not offer what it refuses.
    let report = stdout(&p.run(&["report", "--help"]));
    assert!(
        !report.contains("--fix") && report.contains("--select"),
        "{report}"
    );

    let o = p.run(&["check", "--fromat", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("a similar argument exists: '--format'"),
        "{}",
        stderr(&o)
    );
    let o = p.run(&["chek"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'check'"), "{}", stderr(&o));
    // `otp-audit` alone prints the help and succeeds; so does `otp-audit help check`.
    assert_eq!(p.run(&[]).status.code(), Some(0));
    assert!(stdout(&p.run(&["help", "check"])).contains("Selection:"));
}

#[test]
fn the_man_page_is_roff() {
    let o = shop().run(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(".TH otp-audit 1"), "{}", stdout(&o));
}
