//! The `otp-audit` binary end to end, on small projects written to a temp dir.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Project {
    root: PathBuf,
}

impl Project {
    fn new(name: &str, files: &[(&str, &[u8])]) -> Project {
        let root =
            std::env::temp_dir().join(format!("otp-audit-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (path, content) in files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, content).unwrap();
        }
        Project { root }
    }
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_otp-audit"))
            .args(args)
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

const WORKER: &[u8] = b"defmodule Shop.Worker do\n  def ping(pid), do: send(pid, :ping)\n\n  def get(server), do: GenServer.call(server, :get)\nend\n";
const SLEEPY_TEST: &[u8] = b"defmodule Shop.WorkerTest do\n  use ExUnit.Case\n\n  test \"pings\" do\n    Process.sleep(100)\n    assert true\n  end\nend\n";

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

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
    assert!(stderr(&o).contains("use `text` or `json`"));
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
