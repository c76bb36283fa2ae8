//! `test/telemetry-detach`: Telemetry handler attached in a test and never detached. See `telemetry_detach.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/telemetry-detach",
    title: "Telemetry handler attached in a test and never detached",
    severity: Severity::Info,
    scopes: TEST,
    fix: Fixability::Safe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("telemetry_detach.md"),
    check,
    project: None,
};

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named_any(&["attach", "attach_many", "attach_event_handlers"]) {
        let attaches = (call.is(":telemetry", "attach") || call.is(":telemetry", "attach_many"))
            && call.arity == 4
            || call.is(":telemetry_test", "attach_event_handlers") && call.arity == 2;
        if !attaches || call.capture {
            continue;
        }
        let Some(test) = file.test(&call.ctx) else {
            continue;
        };
        let id = handler_id(file, call);
        if detached(file, test, id) {
            continue;
        }
        let written = call.display(src);
        let effect = if call.name == "attach_event_handlers" {
            "leaves a global handler that keeps running on every later event"
        } else if call.arg(0).is_some_and(|id| unique_id(file, test, call, id)) {
            // No later attach can clash with an id of this test's own (a
            // `make_ref()`): what is left is a handler that runs for every later test.
            "leaves a global handler behind that keeps running on every matching event of the tests that follow"
        } else {
            "leaves a global handler behind, and the next attach of that id fails with `{:error, :already_exists}`"
        };
        let todo = match id {
            Some(id) => format!("add `on_exit(fn -> :telemetry.detach({id}) end)`"),
            None => "keep the handler id and detach it in `on_exit`".to_string(),
        };
        let d = report.add(
            file,
            &call.ctx,
            call.expr.byte_range(),
            format!("`{written}` {effect}; {todo}"),
        );
        if let Some(id) = id
            && let Some(fix) = detach_fix(file, call, test, id)
        {
            d.fix(fix);
        }
    }
}

/// A handler id made unique to the test: built from its name (`"#{test}"`, or the
/// name of the function ExUnit compiles the test into, `__ENV__.function`), a ref, a
/// unique integer or the test pid.
fn unique_per_test(id: &str) -> bool {
    ["#{", "make_ref", "unique_integer", "self()", "__ENV__.function"]
        .iter()
        .any(|w| id.contains(w))
}

/// The id as written is unique to the test, is the test's whole context map, or is
/// built from variables bound to such a value earlier in the same test or setup block (`ref = make_ref()`,
/// `{name, _arity} = __ENV__.function` and then `to_string(name)`).
fn unique_id(file: &File, test: &Test, call: &Call, id: Node) -> bool {
    let k = &grammar().kinds;
    if unique_per_test(file.text(id)) {
        return true;
    }
    // `:telemetry.attach(ctx, ...)` in `setup ctx`: the whole context map, which holds
    // the test's name, is the id.
    let whole_context = id.kind_id() == k.identifier
        && test.kind != TestKind::SetupAll
        && ast::call_arguments(test.node).is_some_and(|a| {
            ast::named_children(a).any(|p| p.kind_id() == k.identifier && file.text(p) == file.text(id))
        });
    if whole_context {
        return true;
    }
    let vars: Vec<&str> = ast::descendants(id)
        .chain(std::iter::once(id))
        .filter(|n| n.kind_id() == k.identifier)
        .map(|n| file.text(n))
        .collect();
    if vars.is_empty() {
        return false;
    }
    ast::descendants(test.node)
        .take_while(|d| d.start_byte() < call.node.start_byte())
        .filter(|d| ast::is_binary_op(*d, file.src, "="))
        .filter(|m| {
            ast::field(*m, grammar().fields.left).is_some_and(|l| {
                ast::descendants(l)
                    .chain(std::iter::once(l))
                    .any(|n| n.kind_id() == k.identifier && vars.contains(&file.text(n)))
            })
        })
        .last()
        .and_then(|m| ast::field(m, grammar().fields.right))
        .is_some_and(|r| unique_per_test(file.text(r)))
}

/// A `:telemetry.detach` of this handler in the same test or setup (usually inside
/// `on_exit`), or in a `setup` that runs before this test; for an attach in a
/// `setup`, also a detach in every test that setup runs for. Ids are compared as
/// written; a detach of a computed id counts for any handler.
fn detached(file: &File, test: &Test, id: Option<&str>) -> bool {
    let k = &grammar().kinds;
    let detaches = |t: &Test| {
        file.calls_within(t.node).any(|c| {
            if !(c.is(":telemetry", "detach") || c.is(":telemetry", "detach_many")) {
                return false;
            }
            let Some(arg) = c.arg(0) else {
                return true;
            };
            let literal = arg.kind_id() == k.string || arg.kind_id() == k.atom;
            match id {
                Some(id) => file.text(arg) == id || !literal,
                None => true,
            }
        })
    };
    if detaches(test) {
        return true;
    }
    // A `setup` inside a `describe` runs for that describe's tests only.
    let covers = |setup: &Test, t: &Test| {
        t.module == setup.module && (setup.describe.is_none() || t.describe == setup.describe)
    };
    let in_setup = file
        .tests
        .iter()
        .any(|t| t.kind == TestKind::Setup && covers(t, test) && detaches(t));
    if in_setup {
        return true;
    }
    // Attached in a `setup`: each test it runs for detaches the handler itself.
    if test.kind != TestKind::Setup {
        return false;
    }
    let mut covered = file.tests.iter().filter(|t| t.kind == TestKind::Test && covers(test, t)).peekable();
    covered.peek().is_some() && covered.all(detaches)
}

/// The handler id as written: the variable bound from `attach_event_handlers`, or
/// the first argument of `attach`/`attach_many` when it is a literal or variable.
fn handler_id<'t>(file: &File<'t>, call: &Call<'t>) -> Option<&'t str> {
    let k = &grammar().kinds;
    if call.name == "attach_event_handlers" {
        let left = super::no_sleep::match_left(file, call)?;
        return (left.kind_id() == k.identifier && !file.text(left).starts_with('_'))
            .then(|| file.text(left));
    }
    let id = call.arg(0)?;
    let literal = id.kind_id() == k.identifier
        || id.kind_id() == k.atom
        || (id.kind_id() == k.string
            && !ast::named_children(id).any(|c| c.kind_id() == k.interpolation));
    (literal && !file.text(id).contains('\n')).then(|| file.text(id))
}

/// Insert `on_exit(fn -> :telemetry.detach(id) end)` on the line after the attach
/// statement (`ref = ...`, `:ok = ...` or the bare call).
fn detach_fix(file: &File, call: &Call, test: &Test, id: &str) -> Option<Fix> {
    if call.piped || !super::no_sleep::in_test_process(call) {
        return None;
    }
    let statement = if super::no_sleep::is_statement_call(call) {
        call.expr
    } else {
        super::no_sleep::match_left(file, call)?;
        let matched = call.parent?;
        matched
            .parent()
            .is_some_and(super::no_sleep::is_block)
            .then_some(matched)?
    };
    // The last expression of a setup is its result: appending would change it.
    if test.kind != TestKind::Test && ast::next_statement(statement).is_none() {
        return None;
    }
    let lines = super::no_sleep::whole_lines(file.src, statement.byte_range())?;
    let indent = super::no_sleep::indent_at(file.src, statement.start_byte());
    let line_end = if file.src[..lines.end].ends_with('\n') {
        lines.end - 1
    } else {
        lines.end
    };
    Some(Fix::safe(
        format!("Detach `{id}` in `on_exit`"),
        vec![Edit::insert(
            line_end,
            format!("\n{indent}on_exit(fn -> :telemetry.detach({id}) end)"),
        )],
    ))
}
