//! `test/no-assertion`: a test that asserts nothing, and a test module that never
//! tests the failure paths of the module it covers. See `no_assertion.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/no-assertion",
    title: "Test without an assertion",
    severity: Severity::Info,
    scopes: TEST,
    fix: Fixability::None,
    default_enabled: true,
    params: &[ParamSpec {
        name: "assertion_helpers",
        doc: "Extra function names that count as assertions (project helpers such as `assert_eventually`).",
        default: || ParamValue::List(Vec::new()),
    }],
    credo: &[],
    supersedes: &[],
    guide: include_str!("no_assertion.md"),
    check,
    project: Some(&PROJECT),
};

static PROJECT: ProjectPass = ProjectPass {
    collect,
    conclude,
    encode,
    decode,
};

/// Calls that make a test check something.
fn is_assertion(name: &str, helpers: &[String]) -> bool {
    name.starts_with("assert")
        || name.starts_with("refute")
        || matches!(name, "flunk" | "expect" | "verify!" | "catch_exit" | "catch_error" | "catch_throw")
        || helpers.iter().any(|h| h == name)
}

fn check(file: &File, report: &mut Report) {
    let helpers = report.param_list("assertion_helpers");
    for (i, test) in file.tests.iter().enumerate() {
        if test.kind != TestKind::Test {
            continue;
        }
        // `test "name"` without a body is ExUnit's "not implemented" marker.
        let Some(body) = test.body else { continue };
        let asserts = file.calls_within(body).any(|c| {
            is_assertion(c.name, &helpers) || c.module.as_deref() == Some("Mox") && c.name == "expect"
                // One level into the module's own helpers: `assert_valid(order)`.
                || c.local && c.module.is_none() && local_helper_asserts(file, test, c, &helpers)
        });
        if !asserts {
            let ctx = Ctx {
                module: test.module,
                test: Some(i as u32),
                ..Ctx::default()
            };
            report.add(
                file,
                &ctx,
                test.target.byte_range(),
                format!(
                    "test \"{}\" asserts nothing: it passes as long as nothing raises; assert on the result, a message (`assert_receive`) or a side effect",
                    test.name
                ),
            );
        }
    }
}

fn local_helper_asserts(file: &File, test: &Test, call: &Call, helpers: &[String]) -> bool {
    file.defs.iter().any(|d| {
        d.module == test.module
            && d.name == call.name
            && d.arity == call.arity
            && file.calls_within(d.node).any(|c| is_assertion(c.name, helpers))
    })
}

/// What a file tells the cross-file check.
enum Fact {
    /// A lib module with failure paths.
    Fails { module: String, how: &'static str },
    /// A test module, what it tests, and whether it checks a failure anywhere.
    Tests {
        tested: String,
        name: String,
        at: std::ops::Range<usize>,
        checks_failure: bool,
    },
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    let mut facts = Vec::new();
    match file.scope {
        crate::FileScope::Lib => {
            let mut how: Vec<Option<&'static str>> = vec![None; file.modules.len()];
            for c in &file.calls {
                if let (Some(m), Some(_)) = (c.ctx.module, c.ctx.def)
                    && (c.is("Kernel", "raise") || c.local && c.name == "raise")
                {
                    how[m as usize] = Some("raises");
                }
            }
            for (_, _, ctx) in file.tuples_tagged("error") {
                if let (Some(m), Some(_)) = (ctx.module, ctx.def) {
                    how[m as usize].get_or_insert("returns `{:error, _}`");
                }
            }
            for (m, how) in file.modules.iter().zip(how) {
                if let Some(how) = how {
                    facts.push(Fact::Fails {
                        module: m.name.clone(),
                        how,
                    });
                }
            }
        }
        crate::FileScope::Test => {
            for m in file.modules.iter().filter(|m| m.is_test_case) {
                let Some(tested) = m.name.strip_suffix("Test") else {
                    continue;
                };
                let range = m.node.byte_range();
                let checks_failure = file.calls_within(m.node).any(|c| {
                    matches!(
                        c.name,
                        "assert_raise" | "catch_exit" | "catch_error" | "catch_throw" | "assert_exit" | "refute"
                    )
                }) || file
                    .tagged_tuples
                    .iter()
                    .filter(|(_, n, _)| range.contains(&n.start_byte()))
                    .any(|(_, n, _)| is_error_tuple(file, *n));
                facts.push(Fact::Tests {
                    tested: tested.to_string(),
                    name: m.name.clone(),
                    at: m.name_node.byte_range(),
                    checks_failure,
                });
            }
        }
        _ => {}
    }
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// `{:error, ...}`, `{:EXIT, ...}` or `{:DOWN, ...}` with a non-normal reason: the
/// shapes a test uses to look at a failure.
fn is_error_tuple(file: &File, n: Node) -> bool {
    if n.kind_id() != grammar().kinds.tuple {
        return false;
    }
    match n.named_child(0).and_then(|a| ast::atom_name(a, file.src)) {
        Some("error" | "EXIT") => true,
        Some("DOWN") => n
            .named_child(4)
            .is_some_and(|reason| ast::atom_name(reason, file.src) != Some("normal")),
        _ => false,
    }
}

fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &Fact)> = facts
        .iter()
        .filter_map(|(i, f)| f.downcast_ref::<Vec<Fact>>().map(|v| (*i, v)))
        .flat_map(|(i, v)| v.iter().map(move |f| (i, f)))
        .collect();
    for (file, fact) in &all {
        let Fact::Tests {
            tested,
            name,
            at,
            checks_failure: false,
        } = fact
        else {
            continue;
        };
        let failing = all.iter().find_map(|(_, f)| match f {
            Fact::Fails { module, how } if module == tested => Some(*how),
            _ => None,
        });
        if let Some(how) = failing {
            report.add(
                *file,
                at.clone(),
                format!(
                    "`{tested}` {how}, but {name} never checks a failure (no `assert_raise`, no `{{:error, _}}` match); add a test for the error path"
                ),
                name.clone(),
            );
        }
    }
}

/// `[["fails", module, how], ["tests", tested, name, start, end, checks_failure]]`.
fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let facts = facts.downcast_ref::<Vec<Fact>>()?;
    Some(serde_json::Value::Array(
        facts
            .iter()
            .map(|f| match f {
                Fact::Fails { module, how } => serde_json::json!(["fails", module, how]),
                Fact::Tests {
                    tested,
                    name,
                    at,
                    checks_failure,
                } => serde_json::json!(["tests", tested, name, at.start, at.end, checks_failure]),
            })
            .collect(),
    ))
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let mut facts = Vec::new();
    for f in value.as_array()? {
        let f = f.as_array()?;
        let text = |i: usize| f.get(i).and_then(|v| v.as_str());
        let number = |i: usize| f.get(i).and_then(|v| v.as_u64()).map(|n| n as usize);
        facts.push(match text(0)? {
            "fails" => Fact::Fails {
                module: text(1)?.to_string(),
                // The two ways `collect` names, as static text again.
                how: ["raises", "returns `{:error, _}`"].into_iter().find(|h| Some(*h) == text(2))?,
            },
            "tests" => Fact::Tests {
                tested: text(1)?.to_string(),
                name: text(2)?.to_string(),
                at: number(3)?..number(4)?,
                checks_failure: f.get(5)?.as_bool()?,
            },
            _ => return None,
        });
    }
    Some(Box::new(facts))
}
