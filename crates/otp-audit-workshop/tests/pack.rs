//! The pack format: errors name the field, the parser never panics, and the committed
//! JSON Schema agrees with the parser on the curriculum and the example pack.

use otp_audit_workshop::checks::KINDS;
use otp_audit_workshop::{Pack, curriculum};
use proptest::prelude::*;
use serde_json::{Value, json};

const SCHEMA: &str = include_str!("../pack.schema.json");
const EXAMPLE: &str = include_str!("../packs/example-trainer-pack.json");

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

fn error_of(v: &Value) -> String {
    Pack::from_value(v).unwrap_err().to_string()
}

#[test]
fn the_example_pack_parses() {
    let p = Pack::from_json(EXAMPLE).unwrap();
    assert_eq!(p.exercises.len(), 2);
    assert_eq!(p.tracks[0].id, "warm-up");
}

#[test]
fn errors_name_the_field() {
    let mut v = example();
    v["exercises"][1]["checks"][1]["kind"] = json!("foo");
    assert_eq!(
        error_of(&v),
        format!(
            "exercises[1].checks[1].kind: unknown check \"foo\"; expected one of {}",
            KINDS.join(", ")
        )
    );

    let mut v = example();
    v["exercises"][0]
        .as_object_mut()
        .unwrap()
        .remove("solution");
    assert_eq!(
        error_of(&v),
        "exercises[0].solution: missing; it is required"
    );

    let mut v = example();
    v["exercises"][0]["rules"][0] = json!("test/no-slep");
    assert!(error_of(&v).starts_with("exercises[0].rules[0]: unknown rule \"test/no-slep\""));

    let mut v = example();
    v["exercises"][0]["track"] = json!("nope");
    assert!(error_of(&v).starts_with("exercises[0].track: no track \"nope\""));

    let mut v = example();
    v["exercises"][0]["checks"][0]["cal"] = json!("x");
    assert!(error_of(&v).starts_with("exercises[0].checks[0].cal: unknown field"));

    let mut v = example();
    v["exercises"][0]["hints"][1]["guide"] = json!("test/no-sleep#no-such-heading");
    assert!(error_of(&v).starts_with("exercises[0].hints[1].guide: "));

    let mut v = example();
    v["exercises"][1]["checks"][1]["function"] = json!("available");
    assert!(
        error_of(&v)
            .starts_with("exercises[1].checks[1].function: \"available\" is not name/arity")
    );

    let mut v = example();
    v["exercises"][0]["checks"] = json!([]);
    assert!(error_of(&v).starts_with("exercises[0].checks: an exercise declares at least one"));

    let mut v = example();
    v["format"] = json!(2);
    assert!(error_of(&v).starts_with("format: version 2 is not supported"));

    let mut v = example();
    v["exercises"][1]["id"] = json!("warmup-assert-receive");
    assert!(
        error_of(&v)
            .starts_with("exercises[1].id: exercise \"warmup-assert-receive\" is defined twice")
    );

    assert!(
        Pack::from_json("{\"format\": 1,")
            .unwrap_err()
            .to_string()
            .starts_with("not valid JSON (line 1")
    );
    assert_eq!(
        Pack::from_json("[]").unwrap_err().to_string(),
        "expected an object, found an array"
    );
}

proptest! {
    #[test]
    fn the_parser_never_panics_on_text(s in "\\PC{0,300}") {
        let _ = Pack::from_json(&s);
    }

    #[test]
    fn the_parser_never_panics_on_mutated_packs(path in proptest::collection::vec(0usize..12, 1..5), replacement in prop_oneof![
        Just(json!(null)), Just(json!(1)), Just(json!(-1)), Just(json!("")), Just(json!("x")),
        Just(json!([])), Just(json!({})), Just(json!([{"kind": "calls"}])), Just(json!(1.5)),
    ]) {
        let mut v = example();
        // Walk down by index into objects (by key order) and arrays, then replace.
        let mut pointer = String::new();
        let mut cur = &v;
        for i in path {
            let (key, next) = match cur {
                Value::Object(m) if !m.is_empty() => {
                    let (k, x) = m.iter().nth(i % m.len()).unwrap();
                    (k.replace('~', "~0").replace('/', "~1"), x)
                }
                Value::Array(a) if !a.is_empty() => ((i % a.len()).to_string(), &a[i % a.len()]),
                _ => break,
            };
            pointer.push('/');
            pointer.push_str(&key);
            cur = next;
        }
        *v.pointer_mut(&pointer).unwrap() = replacement;
        if let Err(e) = Pack::from_value(&v) {
            prop_assert!(!e.to_string().is_empty());
        }
    }
}

/// Errors of `v` against the pack schema (a full draft 2020-12 validator), each with
/// the path of the value it is about.
fn validate(schema: &Value, v: &Value, name: &str) -> Vec<String> {
    let validator = jsonschema::draft202012::new(schema).expect("the schema is valid");
    validator
        .iter_errors(v)
        .map(|e| format!("{name}{}: {e}", e.instance_path()))
        .collect()
}

fn schema() -> Value {
    serde_json::from_str(SCHEMA).unwrap()
}

#[test]
fn the_schema_is_valid_and_lists_every_check_kind() {
    let s = schema();
    assert!(jsonschema::meta::is_valid(&s), "not a valid JSON Schema");
    let kinds: Vec<&str> =
        s["properties"]["exercises"]["items"]["properties"]["checks"]["items"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["properties"]["kind"]["const"].as_str().unwrap())
            .collect();
    assert_eq!(kinds, KINDS);
}

#[test]
fn the_curriculum_and_the_example_pack_satisfy_the_schema() {
    let s = schema();
    let mut files: Vec<(&str, &str)> = curriculum::FILES.to_vec();
    files.push(("example-trainer-pack.json", EXAMPLE));
    for (name, text) in files {
        let v: Value = serde_json::from_str(text).unwrap();
        let errors = validate(&s, &v, name);
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}

#[test]
fn the_schema_rejects_what_the_parser_rejects() {
    let s = schema();
    for (field, bad) in [
        ("kind", json!("foo")),
        ("call", json!("")),
        ("extra", json!(1)),
    ] {
        let mut v = example();
        v["exercises"][0]["checks"][0][field] = bad;
        let errors = validate(&s, &v, "pack");
        assert!(!errors.is_empty(), "schema accepts a bad {field}");
        assert!(
            Pack::from_value(&v).is_err(),
            "parser accepts a bad {field}"
        );
    }
}
