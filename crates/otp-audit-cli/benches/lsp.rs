//! `cargo bench -p otp-audit-cli --bench lsp`: figures of `otp-audit server`, run
//! as an editor runs it (a child process on stdio).
//!
//! 1. Latency: a generated 1,000-line lib file is open; each round sends one
//!    incremental didChange (a line with a raw `send` added near the end, then
//!    removed, so the diagnostics change every time) and times until the
//!    publishDiagnostics of that version arrives. Prints the median and p95.
//! 2. Memory: the 500-file generated corpus (otp-audit-corpus, seed 7: 375 lib and
//!    125 test files) as the workspace; prints the time to the workspace's
//!    diagnostics and the server's resident set (VmRSS, VmHWM from /proc), then
//!    the same latency with one of its files open.
//!
//! A benchmark prints figures; it asserts nothing about time. A plain loop, not
//! divan: it times round trips to a child process and reports their p95.

#[path = "../tests/common/lsp.rs"]
mod lsp;

use lsp::{Client, file_uri};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROUNDS: usize = 200;

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("otp-audit-lsp-bench-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn corpus(files: usize, test_files: usize) -> otp_audit_corpus::Project {
    otp_audit_corpus::generate(&otp_audit_corpus::Options {
        seed: 7,
        files,
        test_files,
        violation_rate: 0.05,
    })
}

/// Generated lib modules, whole, while they fit in `lines` lines, then a module
/// of one-line functions that makes the count exact.
fn file_of_lines(lines: usize) -> String {
    let project = corpus(200, 0);
    let mut text = String::new();
    for f in project.files.iter().filter(|f| f.path.starts_with("lib/")) {
        let source = f.source.trim_end();
        if text.lines().count() + source.lines().count() + 3 > lines {
            break;
        }
        text.push_str(source);
        text.push('\n');
    }
    let filler = lines - text.lines().count() - 2;
    text.push_str("defmodule Bench.Filler do\n");
    for n in 0..filler {
        text.push_str(&format!("  def f{n}(x), do: x + {n}\n"));
    }
    text.push_str("end\n");
    assert_eq!(text.lines().count(), lines);
    text
}

fn status_kb(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Time didChange → publishDiagnostics over `ROUNDS` edits of the open `uri`.
fn latency(c: &mut Client, uri: &str, text: &str) -> Vec<Duration> {
    // The line before the last `end` of the file: inside the last module.
    let last_end = text.trim_end().rfind("\nend").unwrap() + 1;
    let line = text[..last_end].matches('\n').count() as u64;
    let added = "  def bench_probe(pid), do: send(pid, :probe)\n";
    let mut times = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let version = round as i64 + 2;
        let change = if round % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": added})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}}, "text": ""})
        };
        let started = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        c.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
        .expect("diagnostics for each version");
        times.push(started.elapsed());
    }
    times.sort();
    times
}

fn open(c: &mut Client, path: &Path, text: &str) -> String {
    let uri = file_uri(path);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "elixir", "version": 1, "text": text}}),
    );
    c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    })
    .expect("diagnostics on open");
    uri
}

fn report_latency(what: &str, times: &[Duration]) {
    println!(
        "{what}: median {}, p95 {}, min {}, max {} ({} edits; goal: median <= 20 ms)",
        ms(percentile(times, 0.5)),
        ms(percentile(times, 0.95)),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn main() {
    let bin = Path::new(env!("CARGO_BIN_EXE_otp-audit"));

    // 1. One 1,000-line file.
    let dir = temp_dir("latency");
    std::fs::write(dir.join("mix.exs"), "defmodule Bench.MixProject do\nend\n").unwrap();
    let text = file_of_lines(1000);
    let path = dir.join("lib/bench/big.ex");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &text).unwrap();
    let mut c = Client::start(bin, &dir);
    c.initialize(&dir, json!({}));
    let uri = open(&mut c, &path, &text);
    let times = latency(&mut c, &uri, &text);
    println!(
        "otp-audit server, {} (`{}`)",
        env!("CARGO_PKG_VERSION"),
        bin.display()
    );
    report_latency(
        &format!(
            "didChange -> publishDiagnostics, one open file of {} lines ({} KB)",
            text.lines().count(),
            text.len() / 1024
        ),
        &times,
    );
    c.stop();
    let _ = std::fs::remove_dir_all(&dir);

    // 2. The 500-file corpus as the workspace.
    let dir = temp_dir("corpus");
    let project = corpus(375, 125);
    project.write_to(&dir).unwrap();
    let sources = project
        .files
        .iter()
        .filter(|f| f.path.ends_with(".ex") || f.path.ends_with(".exs"))
        .count();
    let bytes: usize = project.files.iter().map(|f| f.source.len()).sum();
    let started = Instant::now();
    let mut c = Client::start(bin, &dir);
    let pid = c.child.id();
    c.initialize(&dir, json!({}));
    c.wait(|m: &Value| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.starts_with("analysed the workspace"))
    })
    .expect("the workspace is analysed");
    let ready = started.elapsed();
    let rss = status_kb(pid, "VmRSS:").unwrap_or(0);
    let hwm = status_kb(pid, "VmHWM:").unwrap_or(0);
    println!(
        "workspace of {sources} generated files ({} KB; otp-audit-corpus seed 7, 375 lib + 125 test + support): diagnostics of every file in {}",
        bytes / 1024,
        ms(ready)
    );
    println!(
        "server memory: resident {:.1} MB once the workspace is analysed (peak {:.1} MB)",
        rss as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
    let file = project
        .files
        .iter()
        .filter(|f| f.path.starts_with("lib/"))
        .max_by_key(|f| f.source.len())
        .unwrap();
    let uri = open(&mut c, &dir.join(&file.path), &file.source);
    let times = latency(&mut c, &uri, &file.source);
    report_latency(
        &format!(
            "didChange -> publishDiagnostics in that workspace, `{}` ({} lines) open",
            file.path,
            file.source.lines().count()
        ),
        &times,
    );
    let rss = status_kb(pid, "VmRSS:").unwrap_or(0);
    println!(
        "server memory after {ROUNDS} edits: resident {:.1} MB",
        rss as f64 / 1024.0
    );
    c.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
