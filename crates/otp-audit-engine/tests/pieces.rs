//! A file over `PIECE_BYTES` is analysed piece by piece; its findings must be
//! exactly those of the whole file analysed at once. The tests cut at 16 KB, which
//! takes the same path as the default 1 MB on files a debug build checks quickly.

use otp_audit_engine::{Engine, parse};

const PIECE_BYTES: usize = 16 * 1024;

fn engine() -> Engine {
    Engine::default().with_piece_bytes(PIECE_BYTES)
}

fn worker(n: usize) -> String {
    format!(
        r#"defmodule Billing.Worker{n} do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def notify(pid, event), do: send(pid, {{:event, event}})
  def balance(server), do: GenServer.call(server, :balance)

  @impl true
  def init(opts), do: {{:ok, %{{balance: 0, opts: opts}}}}

  @impl true
  def handle_call(:balance, _from, state) do
    Process.put(:last_read, System.monotonic_time())
    {{:reply, state.balance, state}}
  end

  # otp-audit:disable-for-next-line otp/no-raw-spawn
  def audit(entries), do: Enum.map(entries, &IO.inspect/1)
end

"#
    )
}

/// `modules` workers after `header`, past `PIECE_BYTES` in size.
fn large_file(header: &str) -> String {
    let mut src = header.to_string();
    let mut n = 0;
    while src.len() < PIECE_BYTES * 5 / 2 {
        src.push_str(&worker(n));
        n += 1;
    }
    src
}

fn assert_same_as_whole(path: &str, src: &str) {
    let engine = engine();
    let in_pieces = engine.check(path, src);
    let whole = engine.check_tree(path, src, &parse(src));
    assert!(!whole.findings.is_empty());
    assert_eq!(in_pieces.findings.len(), whole.findings.len());
    assert_eq!(in_pieces, whole);
}

#[test]
fn a_large_file_in_pieces_reports_what_it_reports_whole() {
    // The file-wide suppression sits in the first piece and silences the others.
    let src = large_file("# otp-audit:disable-for-this-file otp/no-process-dictionary\n");
    let result = engine().check("lib/billing/workers.ex", &src);
    let rules: std::collections::BTreeSet<&str> =
        result.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(!rules.contains("otp/no-process-dictionary"), "{rules:?}");
    assert!(rules.contains("meta/unused-suppression"), "{rules:?}");
    assert!(rules.contains("otp/no-raw-send") && rules.contains("otp/call-timeout"));
    assert_same_as_whole("lib/billing/workers.ex", &src);
}

#[test]
fn a_cut_inside_a_string_falls_back_to_the_whole_file() {
    // A heredoc whose text has `end` at the left margin: a cut there would split
    // the string, so the file is analysed whole.
    let mut src = String::from("defmodule Billing.Docs do\n  @moduledoc \"\"\"\n");
    while src.len() < PIECE_BYTES + 1000 {
        src.push_str("Example:\n\n    def f do\n      :ok\nend\n\n");
    }
    src.push_str("\"\"\"\nend\n\n");
    src.push_str(&large_file(""));
    assert_same_as_whole("lib/billing/docs.ex", &src);
}

#[test]
fn syntax_errors_are_found_in_any_piece() {
    let engine = engine();
    let src = large_file("");
    assert!(engine.parses(&src));
    // In a piece after the first.
    let broken = src.replace(
        "defmodule Billing.Worker60 do\n",
        "defmodule Billing.Worker60 do\n  def broken(x do\n",
    );
    assert_ne!(broken, src);
    assert!(!engine.parses(&broken));
    let at_end = format!("{src}defmodule Billing.Broken do\n  def f(x do\nend\n");
    assert!(!engine.parses(&at_end));
}

#[test]
fn fixes_apply_across_pieces() {
    let src = large_file("");
    let outcome = engine().fix(
        "lib/billing/workers.ex",
        &src,
        otp_audit_engine::Safety::Safe,
    );
    let whole_fixes = engine()
        .check_tree("lib/billing/workers.ex", &src, &parse(&src))
        .findings
        .iter()
        .filter(|f| f.safe_fix().is_some())
        .count();
    assert!(whole_fixes > 0);
    assert_eq!(outcome.applied, whole_fixes);
    assert!(
        !outcome
            .after
            .findings
            .iter()
            .any(|f| f.safe_fix().is_some())
    );
}
