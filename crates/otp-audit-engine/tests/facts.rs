//! Cross-file facts survive a trip through JSON: files analysed by separate engines
//! (the web app's workers) conclude to the same findings as one engine.

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
