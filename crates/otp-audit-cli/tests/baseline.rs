//! Baselines and the count ratchet, end to end.

mod common;

use common::*;

const NOTIFIER: &str = "defmodule Shop.Notifier do
  def notify(pid), do: send(pid, :changed)

  def tell(pid, msg) do
    send(pid, {:msg, msg})
  end

  def ask(server), do: GenServer.call(server, :ask)
end
";

fn legacy() -> Project {
    Project::new(
        "legacy",
        &[
            ("lib/shop/notifier.ex", NOTIFIER.as_bytes()),
            ("lib/shop/worker.ex", WORKER),
            ("test/shop/worker_test.exs", SLEEPY_TEST),
        ],
    )
}

#[test]
fn only_new_findings_fail_and_fixed_ones_are_listed() {
    let p = legacy();
    let o = p.run(&["check", "--write-baseline", "otp-audit-baseline.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("Wrote the baseline"), "{}", stderr(&o));
    let baseline: serde_json::Value =
        serde_json::from_str(&p.read("otp-audit-baseline.json")).unwrap();
    assert_eq!(baseline["counts"]["otp/no-raw-send"], 3);

    // Unchanged code passes.
    let o = p.run(&["check", "--baseline", "otp-audit-baseline.json"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));

    // Insert lines above the old findings, add one new violation, fix one old one.
    let edited = NOTIFIER
        .replace(
            "defmodule Shop.Notifier do\n",
            "defmodule Shop.Notifier do\n  @moduledoc \"\"\"\n  Tells others.\n  \"\"\"\n\n",
        )
        .replace(
            "  def ask(server), do: GenServer.call(server, :ask)\n",
            "  def ask(server), do: GenServer.call(server, :ask, 5_000)\n\n  def poke(pid), do: send(pid, :poke)\n",
        );
    p.write("lib/shop/notifier.ex", &edited);
    let worker = String::from_utf8(WORKER.to_vec()).unwrap().replace(
        "defmodule Shop.Worker do\n",
        "defmodule Shop.Worker do\n  # moved down\n\n",
    );
    p.write("lib/shop/worker.ex", worker);

    let o = p.run(&["check", "--baseline", "otp-audit-baseline.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let reported: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("lib/") || l.starts_with("test/"))
        .collect();
    assert_eq!(reported.len(), 1, "exactly the new finding: {out}");
    assert!(
        reported[0].starts_with("lib/shop/notifier.ex:14:22: warning otp/no-raw-send:"),
        "{out}"
    );
    assert!(out.contains("Fixed since the baseline (1):"), "{out}");
    assert!(
        out.contains("lib/shop/notifier.ex:8 otp/call-timeout (Shop.Notifier.ask/1)"),
        "{out}"
    );
    assert!(
        stderr(&o).contains("1 new finding") && stderr(&o).contains("1 fixed"),
        "{}",
        stderr(&o)
    );

    // JSON: every finding, and the comparison.
    let (code, doc) = p.json(&[
        "check",
        "--format",
        "json",
        "--baseline",
        "otp-audit-baseline.json",
    ]);
    assert_eq!(code, Some(1));
    let b = &doc["baseline"];
    assert_eq!(b["new"].as_array().unwrap().len(), 1);
    assert_eq!(b["new"][0]["scope"], "Shop.Notifier.poke/1");
    assert_eq!(b["fixed"].as_array().unwrap().len(), 1);
    assert_eq!(b["fixed"][0]["rule"], "otp/call-timeout");
    assert_eq!(b["unchanged"], findings(&doc).len() - 1);

    // Machine formats report only the new finding.
    let o = p.run(&[
        "check",
        "--format",
        "flycheck",
        "--baseline",
        "otp-audit-baseline.json",
    ]);
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("fixed: lib/shop/notifier.ex:8 otp/call-timeout"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn max_count_ratchet() {
    let p = legacy();
    // Three raw sends: a cap of 3 passes for them, 2 fails.
    let o = p.run(&[
        "check",
        "--select",
        "otp/no-raw-send",
        "--max-count",
        "otp/no-raw-send=3",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = p.run(&[
        "check",
        "--select",
        "otp/no-raw-send",
        "--max-count",
        "otp/no-raw-send=2",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            "count over its limit: otp/no-raw-send: 3 findings, more than the limit of 2"
        ),
        "{}",
        stdout(&o)
    );
    // Findings of rules without a cap still fail.
    let o = p.run(&["check", "--max-count", "otp/no-raw-send=3"]);
    assert_eq!(o.status.code(), Some(1));
    // JSON carries the counts.
    let (_, doc) = p.json(&["check", "--format=json", "--max-count=otp/no-raw-send=2"]);
    assert_eq!(doc["ratchet"]["limits"]["otp/no-raw-send"], 2);
    assert_eq!(doc["ratchet"]["counts"]["otp/no-raw-send"], 3);
    assert_eq!(doc["ratchet"]["violations"][0]["actual"], 3);
}

#[test]
fn ratchet_on_baseline_counts() {
    let p = legacy();
    p.run(&["check", "--write-baseline", "b.json"]);
    // Rewriting a send keeps the count: a new finding by identity, but the count
    // ratchet lets it through.
    p.write(
        "lib/shop/notifier.ex",
        NOTIFIER.replace("send(pid, :changed)", "send(pid, :updated)"),
    );
    let o = p.run(&["check", "--baseline", "b.json"]);
    assert_eq!(o.status.code(), Some(1));
    let o = p.run(&["check", "--baseline", "b.json", "--ratchet"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // One more send: the count grows, the ratchet fails.
    p.write(
        "lib/shop/notifier.ex",
        format!("{NOTIFIER}\ndefmodule Shop.More do\n  def more(pid), do: send(pid, :more)\nend\n"),
    );
    let o = p.run(&["check", "--baseline", "b.json", "--ratchet"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("otp/no-raw-send: 4 findings, more than the limit of 3"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_selection_sees_only_its_part_of_the_baseline() {
    let p = legacy();
    p.run(&["check", "--write-baseline", "b.json"]);
    let o = p.run(&["check", "--baseline", "b.json", "--select", "test/"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("1 unchanged from the baseline, 0 fixed"),
        "{}",
        stderr(&o)
    );
    let o = p.run(&["check", "--baseline", "b.json", "--scope", "lib"]);
    assert!(stderr(&o).contains(", 0 fixed"), "{}", stderr(&o));
}

#[test]
fn a_bad_baseline_is_a_usage_error() {
    let p = legacy();
    let o = p.run(&["check", "--baseline", "missing.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--write-baseline missing.json"),
        "{}",
        stderr(&o)
    );
    p.write("bad.json", "{\"nope\": 1");
    let o = p.run(&["check", "--baseline", "bad.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not an otp-audit baseline"),
        "{}",
        stderr(&o)
    );
}
