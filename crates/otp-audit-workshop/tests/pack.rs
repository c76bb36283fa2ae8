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

/// The JSON Schema keywords the schema file may use; the validator below implements
/// exactly these, so the test cannot pass by ignoring a keyword.
const KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "minLength",
    "minimum",
    "pattern",
    "const",
    "oneOf",
];

fn keywords_used(schema: &Value, out: &mut Vec<String>) {
    if let Value::Object(m) = schema {
        for (k, v) in m {
            out.push(k.clone());
            match k.as_str() {
                "properties" => v
                    .as_object()
                    .unwrap()
                    .values()
                    .for_each(|s| keywords_used(s, out)),
                "items" => keywords_used(v, out),
                "oneOf" => v
                    .as_array()
                    .unwrap()
                    .iter()
                    .for_each(|s| keywords_used(s, out)),
                _ => {}
            }
        }
    }
}

/// Validate `v` against `schema` (the subset in KEYWORDS); errors carry the path.
fn validate(schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    let s = schema.as_object().unwrap();
    if let Some(t) = s.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            other => panic!("type {other} not handled"),
        };
        if !ok {
            errors.push(format!("{path}: not {t}"));
            return;
        }
    }
    if let Some(c) = s.get("const")
        && c != v
    {
        errors.push(format!("{path}: not {c}"));
    }
    if let Some(n) = s.get("minLength").and_then(Value::as_u64)
        && v.as_str().is_some_and(|x| (x.chars().count() as u64) < n)
    {
        errors.push(format!("{path}: shorter than {n}"));
    }
    if let Some(n) = s.get("minimum").and_then(Value::as_i64)
        && v.as_i64().is_some_and(|x| x < n)
    {
        errors.push(format!("{path}: below {n}"));
    }
    if let Some(p) = s.get("pattern").and_then(Value::as_str)
        && v.as_str()
            .is_some_and(|x| !regex::Regex::new(p).unwrap().is_match(x))
    {
        errors.push(format!("{path}: does not match {p}"));
    }
    if let Value::Object(m) = v {
        let props = s.get("properties").and_then(Value::as_object);
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !m.contains_key(r.as_str().unwrap()) {
                errors.push(format!("{path}.{}: required", r.as_str().unwrap()));
            }
        }
        for (k, x) in m {
            match props.and_then(|p| p.get(k)) {
                Some(sub) => validate(sub, x, &format!("{path}.{k}"), errors),
                None if s.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{path}.{k}: not allowed"))
                }
                None => {}
            }
        }
    }
    if let Value::Array(a) = v {
        if let Some(n) = s.get("minItems").and_then(Value::as_u64)
            && (a.len() as u64) < n
        {
            errors.push(format!("{path}: fewer than {n} items"));
        }
        if let Some(items) = s.get("items") {
            for (i, x) in a.iter().enumerate() {
                validate(items, x, &format!("{path}[{i}]"), errors);
            }
        }
    }
    if let Some(options) = s.get("oneOf").and_then(Value::as_array) {
        let passing = options
            .iter()
            .filter(|o| {
                let mut e = Vec::new();
                validate(o, v, path, &mut e);
                e.is_empty()
            })
            .count();
        if passing != 1 {
            errors.push(format!("{path}: matches {passing} of oneOf, not exactly 1"));
        }
    }
}

fn schema() -> Value {
    serde_json::from_str(SCHEMA).unwrap()
}

#[test]
fn the_schema_uses_only_checked_keywords_and_lists_every_check_kind() {
    let s = schema();
    let mut used = Vec::new();
    keywords_used(&s, &mut used);
    for k in &used {
        assert!(
            KEYWORDS.contains(&k.as_str()),
            "the schema uses {k}, which the test's validator does not check"
        );
    }
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
        let mut errors = Vec::new();
        validate(&s, &v, name, &mut errors);
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
        let mut errors = Vec::new();
        validate(&s, &v, "pack", &mut errors);
        assert!(!errors.is_empty(), "schema accepts a bad {field}");
        assert!(
            Pack::from_value(&v).is_err(),
            "parser accepts a bad {field}"
        );
    }
}
