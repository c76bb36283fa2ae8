//! `test/ets-cleanup`: Shared or named ETS table in a test. See `ets_cleanup.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "test/ets-cleanup",
    title: "Shared or named ETS table in a test",
    severity: Severity::Warning,
    scopes: TEST,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("ets_cleanup.md"),
    check,
    project: None,
};

/// Why a table is a problem, most serious first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reason {
    /// `:named_table` in an `async: true` module: names clash across modules.
    AsyncName,
    /// A named or public table in `setup_all`: every test of the module shares it
    /// (a protected, unnamed one is read-only for the tests, so sharing is fine).
    SetupAll,
    /// `{:heir, ...}`: the table outlives the test process.
    Heir,
    /// Given away with `:ets.give_away/3`: someone else owns it now.
    GivenAway,
    /// `:public` + `:named_table` with no `on_exit` in the test.
    PublicName,
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named("new") {
        if !call.is(":ets", "new") || call.arity != 2 || call.capture {
            continue;
        }
        if call.ctx.test.is_none() && call.ctx.def.is_none() {
            continue;
        }
        let Some(opts) = call.arg(1).filter(|o| o.kind_id() == grammar().kinds.list) else {
            continue;
        };
        let options: Vec<Node> = ast::statements(opts).collect();
        let has_atom = |name: &str| {
            options
                .iter()
                .any(|o| ast::atom_name(*o, src) == Some(name))
        };
        let named = has_atom("named_table");
        let public = has_atom("public");
        let heir = options.iter().any(|o| {
            o.kind_id() == grammar().kinds.tuple
                && o.named_child(0)
                    .is_some_and(|a| ast::atom_name(a, src) == Some("heir"))
        });
        let test = file.test(&call.ctx);
        let async_module = file.module(&call.ctx).is_some_and(|m| m.async_tests);
        let mut reasons = Vec::new();
        // A name no other test can build: no other module clashes on it or writes
        // to the table by name.
        let clashable = named && !unique_name(file, call);
        if clashable && async_module {
            reasons.push(Reason::AsyncName);
        }
        if (named || public) && test.is_some_and(|t| t.kind == TestKind::SetupAll) {
            reasons.push(Reason::SetupAll);
        }
        if heir {
            reasons.push(Reason::Heir);
        }
        if given_away(file, call) {
            reasons.push(Reason::GivenAway);
        }
        if clashable
            && public
            && reasons.is_empty()
            && test.is_some_and(|t| {
                matches!(t.kind, TestKind::Test | TestKind::Setup)
                    && !file
                        .calls_within(t.node)
                        .any(|c| c.local && c.name == "on_exit")
            })
        {
            reasons.push(Reason::PublicName);
        }
        let Some(&first) = reasons.first() else {
            continue;
        };
        let written = call.display(src);
        let name = call
            .arg(0)
            .map(|a| super::no_sleep::one_line(file.text(a)))
            .unwrap_or_default();
        let message = match first {
            Reason::AsyncName => format!(
                "`{written}` creates the named table `{name}` in an `async: true` module, where another module running at the same time can clash on the name; drop `:named_table` and pass the table id through the test context"
            ),
            Reason::SetupAll => format!(
                "`{written}` creates the {} table `{name}` in `setup_all`, so every test of the module shares and can change it; create the table per test in `setup` and pass its id in the context",
                if named { "named" } else { "public" }
            ),
            Reason::Heir => format!(
                "`{written}` gives the table `{name}` an heir, so it outlives the test process; delete it in `on_exit`, or drop the `:heir` option"
            ),
            Reason::GivenAway => format!(
                "`{written}` creates the table `{name}` and then gives it away, so it outlives the test; delete it in `on_exit`"
            ),
            Reason::PublicName => format!(
                "`{written}` creates the public named table `{name}` that any process can write by name; drop `:named_table` and pass the table id, or clear the table in `on_exit`"
            ),
        };
        let d = report.add(file, &call.ctx, call.expr.byte_range(), message);
        let only_the_name = reasons
            .iter()
            .all(|r| matches!(r, Reason::AsyncName | Reason::PublicName));
        if only_the_name && let Some(fix) = drop_named_table(file, call, &options) {
            d.fix(fix);
        }
    }
}

/// `:ets.new(:"#{cluster}_slots", ...)` where the interpolation holds a value no other
/// test can have (`System.unique_integer/1`, `make_ref()`, the test's name), directly
/// or through a variable bound earlier in the same test or function: the name cannot
/// clash with another module's table.
fn unique_name(file: &File, call: &Call) -> bool {
    let k = &grammar().kinds;
    let Some(name) = call.arg(0).filter(|n| n.kind_id() == k.quoted_atom) else {
        return false;
    };
    let Some(scope) = file.test(&call.ctx).map(|t| t.node).or_else(|| file.def(&call.ctx).map(|d| d.node)) else {
        return false;
    };
    let unique_here = |n: Node| {
        std::iter::once(n).chain(ast::descendants(n)).any(|d| {
            let text = file.text(d);
            d.kind_id() == k.call
                && (text == "make_ref()"
                    || text.starts_with("System.unique_integer(")
                    || text == "__ENV__.function"
                    || text.ends_with(".test") && !text.contains('('))
        })
    };
    let interpolations: Vec<Node> = ast::descendants(name).filter(|n| n.kind_id() == k.interpolation).collect();
    let vars: Vec<&str> = interpolations
        .iter()
        .flat_map(|i| ast::descendants(*i))
        .filter(|n| n.kind_id() == k.identifier)
        .map(|n| file.text(n))
        .collect();
    interpolations.iter().any(|i| unique_here(*i))
        || ast::descendants(scope)
            .filter(|d| d.start_byte() < call.node.start_byte() && ast::is_binary_op(*d, file.src, "="))
            .any(|m| {
                ast::field(m, grammar().fields.left)
                    .is_some_and(|l| l.kind_id() == k.identifier && vars.contains(&file.text(l)))
                    && ast::field(m, grammar().fields.right).is_some_and(unique_here)
            })
}

/// `:ets.give_away(table, ...)` later in the same test or function, on the table
/// this call creates (by variable or by name).
fn given_away(file: &File, call: &Call) -> bool {
    let scope = file
        .test(&call.ctx)
        .map(|t| t.node)
        .or_else(|| file.def(&call.ctx).map(|d| d.node));
    let Some(scope) = scope else {
        return false;
    };
    let mut handles: Vec<&str> = call.arg(0).map(|a| file.text(a)).into_iter().collect();
    if let Some(left) = super::no_sleep::match_left(file, call) {
        handles.push(file.text(left));
    }
    file.calls_within(scope).any(|c| {
        c.is(":ets", "give_away")
            && c.node.start_byte() > call.node.end_byte()
            && c.arg(0).is_some_and(|t| handles.contains(&file.text(t)))
    })
}

/// Remove `:named_table` (and its comma) when the table id is kept in a variable,
/// so the test can pass that instead of the name.
fn drop_named_table(file: &File, call: &Call, options: &[Node]) -> Option<Fix> {
    let left = super::no_sleep::match_left(file, call)?;
    if left.kind_id() != grammar().kinds.identifier || file.text(left).starts_with('_') {
        return None;
    }
    let list = call.arg(1)?;
    if list.named_child_count() != options.len() {
        return None; // comments inside the list
    }
    let i = options
        .iter()
        .position(|o| ast::atom_name(*o, file.src) == Some("named_table"))?;
    let item = options[i];
    let range = if let Some(next) = options.get(i + 1) {
        item.start_byte()..next.start_byte()
    } else if i > 0 {
        options[i - 1].end_byte()..item.end_byte()
    } else {
        item.byte_range()
    };
    let var = file.text(left);
    let mut edits = vec![Edit::delete(range)];
    // Later `:ets.*(:name, ...)` calls in the same block now go through the variable.
    let name = call.arg(0)?;
    if name.kind_id() == grammar().kinds.atom
        && let Some(scope) = file
            .test(&call.ctx)
            .map(|t| t.node)
            .or_else(|| file.def(&call.ctx).map(|d| d.node))
    {
        for c in file.calls_within(scope) {
            if c.in_module(":ets")
                && c.node.start_byte() > call.node.end_byte()
                && let Some(t) = c.arg(0)
                && !c.piped
                && t.kind_id() == name.kind_id()
                && file.text(t) == file.text(name)
            {
                edits.push(Edit::replace(t.byte_range(), var));
            }
        }
    }
    Some(Fix::unsafe_(
        format!("Drop `:named_table` and use `{var}` instead of the name"),
        edits,
    ))
}
