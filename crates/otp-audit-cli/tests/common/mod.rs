//! Shared by the end-to-end tests: a project in a temp dir of its own, and the
//! built binary run in it.
#![allow(dead_code)]

pub mod lsp;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

pub struct Project {
    pub root: PathBuf,
}

impl Project {
    /// A fresh directory, unique per process, test name and call.
    pub fn new(name: &str, files: &[(&str, &[u8])]) -> Project {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let root =
            std::env::temp_dir().join(format!("otp-audit-cli-{}-{name}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let p = Project { root };
        for (path, content) in files {
            p.write(path, content);
        }
        p
    }

    pub fn write(&self, path: &str, content: impl AsRef<[u8]>) {
        let p = self.root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        run_in(&self.root, args)
    }

    /// Run and parse stdout as one JSON document.
    pub fn json(&self, args: &[&str]) -> (Option<i32>, serde_json::Value) {
        let o = self.run(args);
        let doc = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&o), stderr(&o)));
        (o.status.code(), doc)
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_otp-audit"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // The JSON report's `generated_at`: a fixed time keeps goldens stable.
        .env("SOURCE_DATE_EPOCH", "1796270499")
        .env_remove("BLESS")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub const WORKER: &[u8] = b"defmodule Shop.Worker do\n  def ping(pid), do: send(pid, :ping)\n\n  def get(server), do: GenServer.call(server, :get)\nend\n";
pub const SLEEPY_TEST: &[u8] = b"defmodule Shop.WorkerTest do\n  use ExUnit.Case\n\n  test \"pings\" do\n    Process.sleep(100)\n    assert true\n  end\nend\n";

/// Copy a directory tree, skipping files whose name ends with one of `skip`.
pub fn copy_tree(from: &Path, to: &Path, skip: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let p = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&p, &to.join(&name), skip);
        } else if !skip.iter().any(|s| name.ends_with(s)) {
            std::fs::copy(&p, to.join(&name)).unwrap();
        }
    }
}

/// The findings of a `--format json` document.
pub fn findings(doc: &serde_json::Value) -> &Vec<serde_json::Value> {
    doc["findings"].as_array().expect("findings")
}
