//! Baselines on real analyses: the issue's scenario (a baseline survives unrelated
//! edits, exactly the new finding is new and the fixed one is fixed), on a hand-written
//! project and on a generated corpus.

use otp_audit_corpus::{Options, generate};
use otp_audit_engine::{Engine, FileResult, Finding};
use otp_audit_project::baseline::{self, Baseline, check_counts, fingerprint};
use std::collections::BTreeMap;

fn analyse(files: &[(String, String)]) -> Vec<FileResult> {
    let inputs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, s)| (p.as_str(), s.as_str()))
        .collect();
    Engine::default().check_project(&inputs)
}

/// Write the baseline to JSON and read it back, as the CLI does with a file.
fn through_file(b: &Baseline) -> Baseline {
    Baseline::from_json(&b.to_json()).expect("a written baseline reads back")
}

fn findings(results: &[FileResult]) -> Vec<&Finding> {
    results.iter().flat_map(|r| r.findings.iter()).collect()
}

const WORKER: &str = r#"defmodule Shop.Worker do
  def ping(pid), do: send(pid, :ping)

  def pong(pid) do
    send(pid, :pong)
    send(pid, :pong)
  end

  def notify(pid, msg) do
    send(pid, {:notify, msg})
  end
end
"#;

const WORKER_TEST: &str = r#"defmodule Shop.WorkerTest do
  use ExUnit.Case

  test "waits for the worker" do
    Process.sleep(100)
    assert true
  end
end
"#;

fn shop(worker: &str) -> Vec<(String, String)> {
    vec![
        ("lib/shop/worker.ex".to_string(), worker.to_string()),
        (
            "test/shop/worker_test.exs".to_string(),
            WORKER_TEST.to_string(),
        ),
    ]
}

#[test]
fn the_issue_scenario_on_a_small_project() {
    let before = analyse(&shop(WORKER));
    let rules: Vec<&str> = findings(&before).iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules.iter().filter(|r| **r == "otp/no-raw-send").count(),
        4,
        "{rules:?}"
    );
    assert!(rules.contains(&"test/no-sleep"), "{rules:?}");
    let base = through_file(&Baseline::from_results(&before));
    assert_eq!(base.counts["otp/no-raw-send"], 4);

    // Lines inserted above every old finding, one new violation, one old one fixed.
    let edited = WORKER
        .replace(
            "defmodule Shop.Worker do\n",
            "defmodule Shop.Worker do\n  @moduledoc \"\"\"\n  Talks to the shop.\n  \"\"\"\n\n",
        )
        .replace(
            "    send(pid, {:notify, msg})\n",
            "    GenServer.cast(pid, {:notify, msg})\n",
        )
        .replace(
            "end\n\n  def notify",
            "end\n\n  def poke(pid), do: send(pid, :poke)\n\n  def notify",
        );
    let after = analyse(&shop(&edited));
    let cmp = base.compare(&after);

    assert_eq!(cmp.new.len(), 1, "{:#?}", cmp.new);
    assert_eq!(cmp.new[0].rule, "otp/no-raw-send");
    assert_eq!(cmp.new[0].scope, "Shop.Worker.poke/1");
    assert_eq!(cmp.fixed.len(), 1, "{:#?}", cmp.fixed);
    assert_eq!(cmp.fixed[0].scope, "Shop.Worker.notify/2");
    assert_eq!(cmp.fixed[0].line, 10);
    assert_eq!(cmp.unchanged, findings(&after).len() - 1);
    assert!(!cmp.passed());

    // The per-rule ratchet: one send more and one less is still four.
    assert!(base.ratchet().check(&after).is_empty());
    let worse = edited.replace(
        "  def poke(pid), do: send(pid, :poke)\n",
        "  def poke(pid), do: send(pid, :poke)\n  def prod(pid), do: send(pid, :prod)\n",
    );
    let violations = base.ratchet().check(&analyse(&shop(&worse)));
    assert_eq!(violations.len(), 1);
    assert_eq!(
        (
            violations[0].rule.as_str(),
            violations[0].limit,
            violations[0].actual
        ),
        ("otp/no-raw-send", 4, 5)
    );
}

#[test]
fn unchanged_code_compares_clean() {
    let results = analyse(&shop(WORKER));
    let base = through_file(&Baseline::from_results(&results));
    let cmp = base.compare(&results);
    assert!(cmp.passed() && cmp.fixed.is_empty());
    assert_eq!(cmp.unchanged, findings(&results).len());
}

#[test]
fn moving_a_function_or_reindenting_keeps_identity() {
    let base = Baseline::from_results(&analyse(&shop(WORKER)));
    let moved = r#"defmodule Shop.Worker do
  def notify(pid, msg) do
    send(pid, {:notify,
               msg})
  end

  def pong(pid) do
      send(pid,   :pong)
    send(pid, :pong)
  end

  def ping(pid), do: send(pid, :ping)
end
"#;
    let cmp = base.compare(&analyse(&shop(moved)));
    assert!(cmp.new.is_empty(), "{:#?}", cmp.new);
    assert!(cmp.fixed.is_empty(), "{:#?}", cmp.fixed);
}

#[test]
fn multiplicity_is_counted() {
    let base = Baseline::from_results(&analyse(&shop(WORKER)));
    // A third identical send in `pong/1` is one new finding; removing one of the two
    // is one fixed entry.
    let three = WORKER.replace(
        "    send(pid, :pong)\n    send(pid, :pong)\n",
        "    send(pid, :pong)\n    send(pid, :pong)\n    send(pid, :pong)\n",
    );
    let cmp = base.compare(&analyse(&shop(&three)));
    assert_eq!((cmp.new.len(), cmp.fixed.len()), (1, 0));
    assert_eq!(cmp.new[0].scope, "Shop.Worker.pong/1");
    let one = WORKER.replace(
        "    send(pid, :pong)\n    send(pid, :pong)\n",
        "    send(pid, :pong)\n",
    );
    let cmp = base.compare(&analyse(&shop(&one)));
    assert_eq!((cmp.new.len(), cmp.fixed.len()), (0, 1));
    assert_eq!(cmp.fixed[0].scope, "Shop.Worker.pong/1");
}

#[test]
fn renaming_the_file_or_the_function_makes_new_findings() {
    // Documented behaviour: the path and the scope are part of a finding's identity.
    let base = Baseline::from_results(&analyse(&shop(WORKER)));
    let mut renamed = shop(WORKER);
    renamed[0].0 = "lib/shop/courier.ex".to_string();
    let cmp = base.compare(&analyse(&renamed));
    assert_eq!(cmp.new.len(), 4);
    assert_eq!(cmp.fixed.len(), 4);
    assert!(cmp.fixed.iter().all(|e| e.path == "lib/shop/worker.ex"));
    assert_eq!(cmp.unchanged, 1); // the test file's sleep

    let cmp = base.compare(&analyse(&shop(&WORKER.replace("def ping(", "def knock("))));
    assert_eq!((cmp.new.len(), cmp.fixed.len()), (1, 1));
    assert_eq!(cmp.new[0].scope, "Shop.Worker.knock/1");
}

/// Replace a finding's source span by `:ok`, which fixes it without breaking syntax.
fn fix_by_hand(source: &str, f: &Finding) -> String {
    let mut s = source.to_string();
    s.replace_range(f.range(), ":ok");
    s
}

#[test]
fn the_issue_scenario_on_a_generated_corpus() {
    let project = generate(&Options {
        seed: 11,
        files: 24,
        test_files: 12,
        violation_rate: 0.3,
    });
    let files: Vec<(String, String)> = project
        .files
        .iter()
        .map(|f| (f.path.clone(), f.source.clone()))
        .collect();
    let before = analyse(&files);
    let all = findings(&before);
    assert!(
        all.len() > 20,
        "the corpus plants enough findings: {}",
        all.len()
    );
    let base = through_file(&Baseline::from_results(&before));
    assert_eq!(base.len(), all.len());
    assert_eq!(base.counts, baseline::count_by_rule(&before));

    // The finding to fix: a single-line call of a call rule, in a lib file.
    let target = all
        .iter()
        .find(|f| {
            f.path.starts_with("lib/") && f.rule == "otp/no-raw-send" && f.start.line == f.end.line
        })
        .expect("the corpus plants raw sends");
    let target_fp = fingerprint(target);
    let target_count = all.iter().filter(|f| fingerprint(f) == target_fp).count();

    // The file to receive a new violation: another lib file with a module.
    let host = files
        .iter()
        .position(|(p, s)| {
            p.starts_with("lib/") && p != &target.path && s.trim_end().ends_with("end")
        })
        .expect("a second lib file");

    let edited: Vec<(String, String)> = files
        .iter()
        .enumerate()
        .map(|(i, (path, source))| {
            let mut s = source.clone();
            if path == &target.path {
                s = fix_by_hand(&s, target);
            }
            if i == host {
                let end = s.trim_end().len() - "end".len();
                s.insert_str(
                    end,
                    "\n  def baseline_probe(pid), do: send(pid, :baseline_probe)\n",
                );
            }
            // Lines above every old finding.
            let s = format!("# Reviewed for the audit.\n# See the remediation plan.\n\n{s}");
            (path.clone(), s)
        })
        .collect();
    let after = analyse(&edited);
    let cmp = base.compare(&after);

    assert_eq!(cmp.new.len(), 1, "{:#?}", cmp.new);
    assert_eq!(cmp.new[0].rule, "otp/no-raw-send");
    assert!(
        cmp.new[0].scope.ends_with(".baseline_probe/1"),
        "{}",
        cmp.new[0].scope
    );
    assert_eq!(cmp.fixed.len(), 1, "{:#?}", cmp.fixed);
    assert_eq!(cmp.fixed[0].fingerprint, target_fp);
    if target_count == 1 {
        assert_eq!(cmp.fixed[0].line, target.start.line);
    }
    assert_eq!(cmp.unchanged, all.len() - 1);

    // The same runs through a count ratchet from `--max-count` flags.
    let mut limits = BTreeMap::new();
    limits.insert(
        "otp/no-raw-send".to_string(),
        base.counts["otp/no-raw-send"] - 1,
    );
    let v = check_counts(&after, &limits);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].actual, base.counts["otp/no-raw-send"]);
}
