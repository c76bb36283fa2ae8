//! Supervisor names in messages and fixes are ones the project defines: named when a
//! file of the project defines one, "your Task.Supervisor" otherwise, and the same
//! through the web app's per-worker facts.

use otp_audit_engine::{Config, Engine, FileFacts, FileResult, Safety};

const WORKER: &str = r#"defmodule Billing.Receipts do
  def send_later(invoice) do
    Task.async(fn -> Billing.Mailer.deliver(invoice) end)
    :ok
  end
end
"#;

const APPLICATION: &str = r#"defmodule Billing.Application do
  use Application

  def start(_type, _args) do
    children = [{Task.Supervisor, name: Billing.BackgroundTasks}]
    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
"#;

fn task_finding(result: &FileResult) -> &otp_audit_engine::Finding {
    result
        .findings
        .iter()
        .find(|f| f.rule == "otp/task-async-unawaited")
        .expect("the discarded task is reported")
}

fn no_markers(results: &[FileResult]) {
    for f in results.iter().flat_map(|r| &r.findings) {
        let texts = std::iter::once(&f.message)
            .chain(f.fixes.iter().map(|x| &x.title))
            .chain(
                f.fixes
                    .iter()
                    .flat_map(|x| x.edits.iter().map(|e| &e.replacement)),
            );
        for t in texts {
            assert!(!t.contains(['\u{1}', '\u{2}']), "a marker leaked: {t:?}");
        }
    }
}

#[test]
fn a_file_alone_says_your_task_supervisor_and_offers_no_fix_naming_one() {
    let result = Engine::default().check("lib/billing/receipts.ex", WORKER);
    no_markers(std::slice::from_ref(&result));
    let f = task_finding(&result);
    assert!(
        f.message.contains("under your Task.Supervisor"),
        "{}",
        f.message
    );
    assert!(
        !f.message.contains("Billing.TaskSupervisor"),
        "{}",
        f.message
    );
    assert!(f.fixes.is_empty(), "no supervisor to move the task under");
}

#[test]
fn the_project_s_task_supervisor_is_named_and_used_by_the_fix() {
    let files = [
        ("lib/billing/application.ex", APPLICATION),
        ("lib/billing/receipts.ex", WORKER),
    ];
    let engine = Engine::default();
    let results = engine.check_project(&files);
    no_markers(&results);
    let f = task_finding(&results[1]);
    assert!(
        f.message.contains("under `Billing.BackgroundTasks`"),
        "{}",
        f.message
    );
    assert_eq!(f.fixes.len(), 1);

    let project = engine.project_facts(&files);
    let fixed = engine.fix_in_project("lib/billing/receipts.ex", WORKER, Safety::Unsafe, &project);
    assert!(
        fixed
            .text
            .contains("Task.Supervisor.start_child(Billing.BackgroundTasks, fn ->"),
        "{}",
        fixed.text
    );

    // Files analysed by separate engines conclude to the same findings.
    let (mut split, facts): (Vec<_>, Vec<_>) = files
        .iter()
        .map(|(p, s)| {
            let (r, f) = Engine::new(Config::default()).check_with_facts(p, s);
            let json = serde_json::to_string(&f.to_json()).unwrap();
            (
                r,
                FileFacts::from_json(&serde_json::from_str(&json).unwrap()),
            )
        })
        .unzip();
    engine.conclude(&files, &mut split, facts);
    assert_eq!(split, results);
}

/// Two supervisors of the whole application: the one named for its kind serves any
/// module; `Billing.ReportTaskSupervisor` is the reports' own.
#[test]
fn the_application_s_general_task_supervisor_wins_a_tie() {
    let application = r#"defmodule Billing.Application do
  use Application

  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: Billing.ReportTaskSupervisor},
      {Task.Supervisor, name: Billing.TaskSupervisor}
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
"#;
    let files = [
        ("lib/billing/application.ex", application),
        ("lib/billing/receipts.ex", WORKER),
    ];
    let results = Engine::default().check_project(&files);
    let f = task_finding(&results[1]);
    assert!(
        f.message.contains("under `Billing.TaskSupervisor`"),
        "{}",
        f.message
    );
}

#[test]
fn a_supervisor_only_a_test_starts_is_not_suggested() {
    let test = r#"defmodule Billing.ReceiptsTest do
  use ExUnit.Case, async: true

  setup do
    start_supervised!({Task.Supervisor, name: :receipts_test_tasks})
    :ok
  end

  test "sends later", do: assert(:ok = Billing.Receipts.send_later(%{id: 1}))
end
"#;
    let files = [
        ("lib/billing/receipts.ex", WORKER),
        ("test/billing/receipts_test.exs", test),
    ];
    let results = Engine::default().check_project(&files);
    let f = task_finding(&results[0]);
    assert!(
        f.message.contains("under your Task.Supervisor"),
        "{}",
        f.message
    );
    assert!(f.fixes.is_empty());
}

/// A repository with two Mix projects: the top one defines a Task.Supervisor and a
/// DynamicSupervisor of its rate counters; `relay/` has its own `mix.exs` and none.
#[test]
fn names_come_from_the_file_s_own_mix_project_and_part_of_the_application() {
    let application = r#"defmodule Billing.Application do
  use Application

  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: Billing.BackgroundTasks},
      {DynamicSupervisor, name: Billing.RateLimits.DynamicSupervisor, strategy: :one_for_one}
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
"#;
    let relay = r#"defmodule Relay.Fanout do
  def push_later(msg) do
    Task.async(fn -> Relay.Wire.push(msg) end)
    :ok
  end
end
"#;
    let pools = r#"defmodule Billing.Ledger do
  def open_pool(opts) do
    {:ok, pid} = Billing.LedgerPool.start_link(opts)
    Billing.LedgerPool.checkout(pid)
  end
end
"#;
    let limits = r#"defmodule Billing.RateLimits.Bucket do
  def open(opts) do
    {:ok, pid} = Billing.RateLimits.Counter.start_link(opts)
    Billing.RateLimits.Counter.bump(pid)
  end
end
"#;
    let files = [
        ("mix.exs", "defmodule Billing.MixProject do\nend\n"),
        ("lib/billing/application.ex", application),
        ("lib/billing/receipts.ex", WORKER),
        ("lib/billing/ledger.ex", pools),
        ("lib/billing/rate_limits/bucket.ex", limits),
        ("relay/mix.exs", "defmodule Relay.MixProject do\nend\n"),
        ("relay/lib/relay/fanout.ex", relay),
    ];
    let paths: Vec<&str> = files.iter().map(|(p, _)| *p).collect();
    let engine =
        Engine::default().with_project_roots(otp_audit_engine::scope::mix_dirs(paths.clone()));
    let results = engine.check_project(&files);
    no_markers(&results);
    let message = |path: &str, rule: &str| {
        results
            .iter()
            .find(|r| r.path == path)
            .and_then(|r| r.findings.iter().find(|f| f.rule == rule))
            .map(|f| f.message.clone())
            .unwrap_or_else(|| panic!("{path}: no {rule} finding"))
    };
    // Same Mix project: named.
    let receipts = message("lib/billing/receipts.ex", "otp/task-async-unawaited");
    assert!(receipts.contains("`Billing.BackgroundTasks`"), "{receipts}");
    // Another Mix project that defines none: the generic words, and no fix naming one.
    let fanout = message("relay/lib/relay/fanout.ex", "otp/task-async-unawaited");
    assert!(fanout.contains("your Task.Supervisor"), "{fanout}");
    assert!(!fanout.contains("Billing"), "{fanout}");
    let relay_result = results
        .iter()
        .find(|r| r.path == "relay/lib/relay/fanout.ex")
        .unwrap();
    assert!(
        relay_result
            .findings
            .iter()
            .all(|f| f.fixes.iter().all(|x| !x.title.contains("Billing")))
    );
    // The rate limits' supervisor is theirs, not the ledger's.
    let ledger = message("lib/billing/ledger.ex", "otp/unsupervised-start");
    assert!(ledger.contains("your DynamicSupervisor"), "{ledger}");
    let bucket = message(
        "lib/billing/rate_limits/bucket.ex",
        "otp/unsupervised-start",
    );
    assert!(
        bucket.contains("`Billing.RateLimits.DynamicSupervisor`"),
        "{bucket}"
    );

    // One file checked in its project sees the same.
    let project = engine.project_facts(&files);
    let alone = engine.check_in_project("relay/lib/relay/fanout.ex", relay, &project);
    assert_eq!(&alone, relay_result);
}
