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
        (&["check", "--select", "otp/no-raw-sned"][..], "otp/no-raw-send"),
        (&["check", "--ignore=test/no-slep"], "test/no-sleep"),
        (&["check", "--max-count", "otp/call-timout=3"], "otp/call-timeout"),
    ] {
        let o = p.run(args);
        assert_eq!(code(&o), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains(&format!("did you mean `{meant}`?")),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    for empty in [&["check", "--select", ""][..], &["check", "--select=,"], &["check", "--ignore="]] {
        let o = p.run(empty);
        assert_eq!(code(&o), Some(2), "{empty:?}: {}", stdout(&o));
        assert!(stderr(&o).contains("needs at least one rule id"), "{}", stderr(&o));
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
