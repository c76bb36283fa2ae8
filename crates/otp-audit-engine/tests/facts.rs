//! Cross-file facts survive a trip through JSON: files analysed by separate engines
//! (the web app's workers) conclude to the same findings as one engine.

use otp_audit_engine::hashed::hash;
use otp_audit_engine::{Config, Engine, FileFacts};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/test/no_assertion");

#[test]
fn facts_round_trip_through_json() {
    let paths = [
        "lib/my_app/cart.ex",
        "lib/my_app/inventory.ex",
        "test/my_app/cart_test.exs",
        "test/my_app/inventory_test.exs",
        "test/my_app/orders_test.exs",
        "test/support/order_helpers.ex",
    ];
    let sources: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(format!("{DIR}/{p}")).unwrap())
        .collect();
    let files: Vec<(&str, &str)> = paths
        .iter()
        .zip(&sources)
        .map(|(p, s)| (*p, s.as_str()))
        .collect();
    let engine = Engine::new(Config::default());
    let whole = engine.check_project(&files);
    assert!(
        whole
            .iter()
            .flat_map(|r| &r.findings)
            .any(|f| f.message.contains("never checks a failure")),
        "the fixture has a cross-file finding"
    );
    assert!(
        whole
            .iter()
            .flat_map(|r| &r.findings)
            .any(|f| f.message.contains("\"building only\" asserts nothing")),
        "the fixture has a test concluded unasserted across files"
    );

    let (mut results, facts): (Vec<_>, Vec<_>) = files
        .iter()
        .map(|(p, s)| {
            // A separate engine per file, as a worker would have.
            let (r, f) = Engine::new(Config::default()).check_with_facts(p, s);
            let text = serde_json::to_string(&f.to_json()).unwrap();
            (
                r,
                FileFacts::from_json(&serde_json::from_str(&text).unwrap()),
            )
        })
        .unzip();
    engine.conclude(&files, &mut results, facts);
    assert_eq!(results, whole);

    // Damaged facts are dropped, not trusted.
    let junk = serde_json::json!([["test/no-assertion", [["fails"]]], ["no/such", []], 3]);
    assert_eq!(FileFacts::from_json(&junk).to_json(), serde_json::json!([]));
}

/// A file checked alone still reports a test that only calls the module under test;
/// a test that calls a helper of another file waits for the project's facts.
#[test]
fn single_file_reports_what_it_can_decide() {
    let engine = Engine::new(Config::default());
    let read = |p: &str| std::fs::read_to_string(format!("{DIR}/{p}")).unwrap();
    let cart = engine.check(
        "test/my_app/cart_test.exs",
        &read("test/my_app/cart_test.exs"),
    );
    assert!(cart.findings.iter().any(|f| {
        f.message
            .contains("\"checkout of a full cart\" asserts nothing")
    }));
    let orders = engine.check(
        "test/my_app/orders_test.exs",
        &read("test/my_app/orders_test.exs"),
    );
    assert!(
        !orders
            .findings
            .iter()
            .any(|f| f.message.contains("\"building only\" asserts nothing"))
    );
}

/// Every file's facts are held until the project is concluded, so their size counts
/// at scale: `otp/infinity-timeout` keeps each call edge once, and none to a local
/// name the module does not define (a Kernel macro, an import), which can never lead
/// to a function with a finding; and it keeps names as hashes (caller, its module,
/// callee).
#[test]
fn call_edges_are_kept_once_and_only_where_they_can_matter() {
    let source = "defmodule MyApp.Cart do\n  import MyApp.Helpers\n\n  def total(items) do\n    if is_list(items) do\n      a = Map.get(items, :a)\n      b = Map.get(items, :b)\n      c = helper(a)\n      sum(a, b, c)\n    end\n  end\n\n  defp sum(a, b, c), do: sum(a, b) + c\n  defp sum(a, b), do: a + b\n\n  def get(s), do: GenServer.call(s, :get, :infinity)\nend\n";
    let (_, facts) = Engine::default().check_with_facts("lib/my_app/cart.ex", source);
    let json = facts.to_json();
    let edges: Vec<(u64, u64)> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e[0] == "otp/infinity-timeout")
        .flat_map(|e| e[1].as_array().unwrap().clone())
        .filter(|f| f[0] == "calls")
        .map(|f| (f[1].as_u64().unwrap(), f[3].as_u64().unwrap()))
        .collect();
    let edge = |a: &str, b: &str| (hash(&format!("MyApp.Cart.{a}")), hash(b));
    assert_eq!(
        edges,
        [
            edge("total/1", "Map.get/2"),
            edge("total/1", "MyApp.Cart.sum/3"),
            edge("sum/3", "MyApp.Cart.sum/2"),
        ]
    );
}
