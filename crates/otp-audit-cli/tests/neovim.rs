//! A real client nobody here wrote: Neovim (Debian's package), headless, with its
//! built-in LSP client, runs `tests/neovim/session.lua` against `otp-audit
//! server`: it opens a file with a raw `send`, reads the diagnostics through
//! `vim.diagnostic.get()`, applies the quickfix for a `GenServer.call` without a
//! timeout and reports the buffer's text.
//!
//! Without `nvim` on PATH the test is skipped loudly, except under `CI`, where it
//! fails (`tools/test-all` installs Debian's `neovim` when it is missing).

mod common;

use common::Project;
use std::io::Write;
use std::process::Command;

const WORKER: &str = "defmodule Shop.Worker do\n  def ping(pid), do: (_ = \"é😀\"; send(pid, :ping))\n\n  def get(server),\n    do: GenServer.call(server, :get)\nend\n";

fn nvim_ready() -> bool {
    if Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    assert!(
        !ci,
        "CI is set but `nvim` is not on PATH; the Neovim session must run in CI \
         (tools/test-all installs Debian's `neovim`)"
    );
    let _ = writeln!(
        std::io::stderr(),
        "\n**********************************************************************\n\
         SKIPPED the Neovim session: `nvim` is not on PATH.\n\
         Install it (`apt-get install neovim`). Under CI=true this is a failure.\n\
         **********************************************************************"
    );
    false
}

#[test]
fn neovim_shows_the_diagnostics_and_applies_the_quickfix() {
    if !nvim_ready() {
        return;
    }
    let p = Project::new(
        "neovim",
        &[
            ("mix.exs", b"defmodule Shop.MixProject do\nend\n"),
            ("lib/shop/worker.ex", WORKER.as_bytes()),
        ],
    );
    let home = p.path("nvim-home");
    std::fs::create_dir_all(&home).unwrap();
    let result = p.path("result.json");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/neovim/session.lua");
    let out = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-u", "NONE"])
        .args(["-c", &format!("luafile {script}")])
        .current_dir(&p.root)
        .env("OTP_AUDIT_BIN", env!("CARGO_BIN_EXE_otp-audit"))
        .env("OTP_AUDIT_ROOT", &p.root)
        .env("OTP_AUDIT_FILE", p.path("lib/shop/worker.ex"))
        .env("OTP_AUDIT_RESULT", &result)
        // Neovim's log, state and swap files stay in the test's folder.
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("nvim runs");
    let report = std::fs::read_to_string(&result).unwrap_or_else(|_| {
        panic!(
            "the session wrote no result (status {:?})\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let r: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert!(r["failure"].is_null(), "the session failed: {r:#}");
    assert!(out.status.success(), "{:?}: {r:#}", out.status);

    // The raw send, as Neovim holds it: its column in bytes, converted by the
    // client from the server's UTF-16 column (the line has "é😀" before it).
    let diagnostics = r["diagnostics"].as_array().unwrap();
    let send = diagnostics
        .iter()
        .find(|d| d["code"] == "otp/no-raw-send")
        .unwrap_or_else(|| panic!("no raw-send diagnostic: {r:#}"));
    let line = WORKER.lines().nth(1).unwrap();
    assert_eq!(send["lnum"], 1);
    assert_eq!(send["col"], line.find("send(").unwrap() as u64, "{send}");
    assert_eq!(send["source"], "otp-audit");
    assert_eq!(send["severity"], 2, "vim.diagnostic.severity.WARN");

    let actions: Vec<&str> = r["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"Suppress otp/call-timeout on this line"),
        "{actions:?}"
    );
    assert_eq!(
        r["text"].as_str().unwrap(),
        WORKER
            .replace(
                "GenServer.call(server, :get)",
                "GenServer.call(server, :get, 5_000)"
            )
            .trim_end_matches('\n')
    );
    assert_eq!(r["after"], serde_json::json!(["otp/no-raw-send"]), "{r:#}");
}
