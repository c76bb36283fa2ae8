//! Fixes keep a file's line endings: a CRLF file stays CRLF after a fix that
//! inserts lines.

use otp_audit_engine::{Engine, Safety};

/// Every `\n` of `text` is preceded by `\r`.
fn all_crlf(text: &str) -> bool {
    text.match_indices('\n')
        .all(|(i, _)| i > 0 && text.as_bytes()[i - 1] == b'\r')
}

#[test]
fn a_crlf_file_stays_crlf_after_an_inserted_init() {
    let lf = "defmodule Billing.Ledger do\n  use GenServer\n\n  @impl true\n  def handle_call(:balance, _from, state) do\n    {:reply, state.balance, state}\n  end\nend\n";
    let crlf = lf.replace('\n', "\r\n");
    let engine = Engine::default();
    let outcome = engine.fix("lib/billing/ledger.ex", &crlf, Safety::Safe);
    assert!(outcome.applied > 0, "the missing init/1 is added");
    assert!(outcome.text.contains("def init("), "{}", outcome.text);
    assert!(all_crlf(&outcome.text), "{:?}", outcome.text);
    // The same fix on the LF file gives the same text with LF endings.
    let on_lf = engine.fix("lib/billing/ledger.ex", lf, Safety::Safe);
    assert_eq!(on_lf.text.replace('\n', "\r\n"), outcome.text);
}

#[test]
fn a_crlf_file_stays_crlf_after_a_timeout_is_added() {
    let crlf = "defmodule Billing.Client do\r\n  def balance(server), do: GenServer.call(server, :balance)\r\nend\r\n";
    let outcome = Engine::default().fix("lib/billing/client.ex", crlf, Safety::Safe);
    assert!(outcome.applied > 0);
    assert!(all_crlf(&outcome.text), "{:?}", outcome.text);
}
