//! Golden output of every `check --format` on a small project.
//! `BLESS=1 cargo test -p otp-audit-cli --test formats` rewrites the files under
//! `tests/golden/`; review the diff.

mod common;

use common::*;
use std::path::Path;

const CACHE: &[u8] = b"defmodule Shop.Cache do\n  use GenServer\n\n  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)\n  def get(key), do: GenServer.call(__MODULE__, {:get, key})\n\n  @impl true\n  def init(opts), do: {:ok, Map.new(opts)}\n\n  @impl true\n  def handle_call({:get, key}, _from, state), do: {:reply, Map.get(state, key), state}\n\n  @impl true\n  def handle_info(:tick, state), do: {:noreply, state}\nend\n";

fn small() -> Project {
    Project::new(
        "formats",
        &[
            ("lib/shop/worker.ex", WORKER),
            ("lib/shop/cache.ex", CACHE),
            (
                "lib/shop/clean.ex",
                b"defmodule Shop.Clean do\n  def hi, do: :hi\nend\n",
            ),
            ("test/shop/worker_test.exs", SLEEPY_TEST),
        ],
    )
}

fn golden(name: &str, actual: &str) -> Option<String> {
    let actual = actual.replace(env!("CARGO_PKG_VERSION"), "{VERSION}");
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    (expected != actual).then(|| {
        format!(
            "{name} differs from its golden file (BLESS=1 to rewrite):\n{}",
            otp_audit_project::diff::unified(name, &expected, &actual)
        )
    })
}

#[test]
fn every_format_matches_its_golden_file() {
    let p = small();
    let mut failures = Vec::new();
    for (format, file) in [
        ("text", "check.txt"),
        ("json", "check.json"),
        ("jsonl", "check.jsonl"),
        ("sarif", "check.sarif"),
        ("credo", "check.credo.json"),
        ("flycheck", "check.flycheck"),
    ] {
        let o = p.run(&["check", "--format", format, "."]);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        let mut out = stdout(&o);
        if format == "text" {
            out.push_str("--- stderr ---\n");
            out.push_str(&stderr(&o));
        }
        if format == "json" {
            // Pretty, so that a change reads well in review.
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            out = serde_json::to_string_pretty(&v).unwrap() + "\n";
        }
        if format == "sarif" {
            // Every rule's help is its whole guide page: the formats' own tests
            // cover it; here it would only bloat the golden file.
            let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
            for rule in v["runs"][0]["tool"]["driver"]["rules"]
                .as_array_mut()
                .unwrap()
            {
                let rule = rule.as_object_mut().unwrap();
                for key in ["help", "fullDescription"] {
                    if rule.contains_key(key) {
                        rule.insert(key.into(), "(guide page)".into());
                    }
                }
            }
            out = serde_json::to_string_pretty(&v).unwrap() + "\n";
        }
        failures.extend(golden(file, &out));
    }
    for (format, file) in [("markdown", "report.md"), ("html", "report.html")] {
        let o = p.run(&["report", "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        failures.extend(golden(file, &stdout(&o)));
        // `check --format markdown|html` prints the same plan, and fails on findings.
        let check = p.run(&["check", "--format", format]);
        assert_eq!(check.status.code(), Some(1));
        assert_eq!(check.stdout, o.stdout, "{format}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn machine_formats_agree_on_the_findings() {
    let p = small();
    let (_, doc) = p.json(&["check", "--format", "json"]);
    let n = findings(&doc).len();
    assert!(n >= 4, "{doc}");
    let jsonl = stdout(&p.run(&["check", "--format", "jsonl"]));
    assert_eq!(jsonl.lines().count(), n);
    for line in jsonl.lines() {
        let f: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(f["rule"].is_string());
    }
    let flycheck = stdout(&p.run(&["check", "--format", "flycheck"]));
    assert_eq!(flycheck.lines().count(), n, "{flycheck}");
    let sarif: serde_json::Value =
        serde_json::from_str(&stdout(&p.run(&["check", "--format", "sarif"]))).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), n);
    let credo: serde_json::Value =
        serde_json::from_str(&stdout(&p.run(&["check", "--format", "credo"]))).unwrap();
    assert_eq!(credo["issues"].as_array().unwrap().len(), n);
    // JSON carries the report model.
    assert!(doc["report"].is_object(), "{}", doc["report"]);
}

#[test]
fn sarif_on_a_clean_project_is_valid_and_empty() {
    let p = Project::new("sarif-clean", &[("lib/ok.ex", b"defmodule Ok do\nend\n")]);
    let o = p.run(&["check", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(0));
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 0);
}
