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
    project: Some(&PROJECT),
};

static PROJECT: ProjectPass = ProjectPass {
    collect,
    conclude,
    encode,
    decode,
    only_retracts: true,
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
}

fn check(file: &File, report: &mut Report) {
    let src = file.src;
    for call in file.calls_named("new") {
        let Some(options) = table_options(call) else {
            continue;
        };
        let has_atom = |name: &str| {
            options
                .iter()
                .any(|o| ast::atom_name(*o, src) == Some(name))
        };
        let named = has_atom("named_table");
        // A name no other test can build: no other module clashes on it or writes
        // to the table by name.
        let unique = unique_name(file, call).is_some_and(|needs| needs.is_empty());
        let reasons = reasons(file, call, &options, unique);
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
        };
        let d = report.add(file, &call.ctx, call.expr.byte_range(), message);
        let only_the_name = reasons
            .iter()
            .all(|r| matches!(r, Reason::AsyncName));
        if only_the_name && let Some(fix) = drop_named_table(file, call, &options) {
            d.fix(fix);
        }
    }
}

/// The option list of an `:ets.new/2` call in a test, setup or helper of a test file.
fn table_options<'t>(call: &Call<'t>) -> Option<Vec<Node<'t>>> {
    if !call.is(":ets", "new") || call.arity != 2 || call.capture {
        return None;
    }
    if call.ctx.test.is_none() && call.ctx.def.is_none() {
        return None;
    }
    let opts = call.arg(1).filter(|o| o.kind_id() == grammar().kinds.list)?;
    Some(ast::statements(opts).collect())
}

/// Why the table is a problem, given whether its name is unique to the test.
fn reasons(file: &File, call: &Call, options: &[Node], unique: bool) -> Vec<Reason> {
    let src = file.src;
    let has_atom = |name: &str| options.iter().any(|o| ast::atom_name(*o, src) == Some(name));
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
    let clashable = named && !unique;
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
    reasons
}

/// A function that builds a name from one of its arguments
/// (`def entries_table(scope), do: :"#{scope}_entries"`): module, name, arity and
/// the argument's index.
type Namer = (String, String, usize, usize);

/// Is the table's name a value no other test can have: built from
/// `System.unique_integer/1`, `make_ref()`, the test's name or (in a test module) the
/// module's own name `__MODULE__`, directly, through variables bound earlier in the
/// same test, setup or helper, or through functions that interpolate such a value
/// into the name? `Some(needs)`: unique if each of `needs` is such a function (the
/// project pass checks the ones defined elsewhere); `None`: not unique.
fn unique_name(file: &File, call: &Call) -> Option<Vec<Namer>> {
    let name = call.arg(0)?;
    let scope = file
        .test(&call.ctx)
        .map(|t| t.node)
        .or_else(|| file.def(&call.ctx).map(|d| d.node))?;
    let k = &grammar().kinds;
    if name.kind_id() == k.identifier
        && file.text(name) == "__MODULE__"
        && file.module(&call.ctx).is_some_and(|m| m.is_test_case && !parameterized(file, m))
    {
        // The tests of one module never run at the same time.
        return Some(Vec::new());
    }
    unique_value(file, scope, call.node.start_byte(), name, 0)
}

/// `use ExUnit.Case, parameterize: [...]`: the module's tests run once per
/// parameter, possibly at the same time.
fn parameterized(file: &File, module: &Module) -> bool {
    module
        .uses
        .iter()
        .any(|(_, opts)| opts.is_some_and(|o| ast::keyword_value(o, file.src, "parameterize").is_some()))
}

fn unique_value(file: &File, scope: Node, before: usize, node: Node, depth: u8) -> Option<Vec<Namer>> {
    let k = &grammar().kinds;
    if depth > 8 {
        return None;
    }
    let marker = |d: Node| {
        let text = file.text(d);
        d.kind_id() == k.call
            && (text == "make_ref()"
                || text.starts_with("System.unique_integer(")
                || text == "__ENV__.function"
                || text.ends_with(".test") && !text.contains('('))
    };
    if marker(node) {
        return Some(Vec::new());
    }
    if node.kind_id() == k.identifier {
        // The latest binding of the variable before `before` in the same block.
        let var = file.text(node);
        let right = ast::descendants(scope)
            .take_while(|d| d.start_byte() < before)
            .filter(|d| ast::is_binary_op(*d, file.src, "="))
            .filter(|m| {
                ast::field(*m, grammar().fields.left).is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == var)
            })
            .last()
            .and_then(|m| ast::field(m, grammar().fields.right));
        let Some(right) = right else {
            // `setup %{test: name} do`: the test's name, taken from the context in the
            // head, is `ctx.test` by another spelling.
            let from_context = ast::descendants(scope).take_while(|d| d.start_byte() < before).any(|pair| {
                pair.kind_id() == k.pair
                    && ast::field(pair, grammar().fields.key).is_some_and(|key| ast::keyword_name(key, file.src) == "test")
                    && ast::field(pair, grammar().fields.value)
                        .is_some_and(|v| v.kind_id() == k.identifier && file.text(v) == var)
            });
            return from_context.then(Vec::new);
        };
        return unique_value(file, scope, right.start_byte(), right, depth + 1);
    }
    if node.kind_id() == k.quoted_atom || node.kind_id() == k.string {
        return ast::named_children(node)
            .filter(|n| n.kind_id() == k.interpolation)
            .flat_map(ast::named_children)
            .find_map(|e| unique_value(file, scope, before, e, depth + 1));
    }
    if node.kind_id() == k.call {
        let call = file.calls.iter().find(|c| c.node == node && !c.capture)?;
        // Conversions keep their argument's uniqueness.
        let converts = matches!(
            (call.module.as_deref(), call.name),
            (Some("String"), "to_atom" | "to_existing_atom")
                | (Some("Kernel") | None, "inspect" | "to_string")
                | (Some("Atom"), "to_string")
                | (Some("Module"), "concat")
        );
        if converts {
            return (0..call.arity).find_map(|i| unique_value(file, scope, before, call.arg(i)?, depth + 1));
        }
        let module = match call.module.as_deref() {
            Some(m) if !m.starts_with(':') && m != "Kernel" => m.to_string(),
            None if call.local && !call.dynamic => file.module(&call.ctx)?.name.clone(),
            _ => return None,
        };
        return (0..call.arity).find_map(|i| {
            let mut needs = unique_value(file, scope, before, call.arg(i)?, depth + 1)?;
            needs.push((module.clone(), call.name.to_string(), call.arity, i));
            Some(needs)
        });
    }
    None
}

/// The functions of the file that build a name from an argument: their last
/// expression is an atom or string that interpolates the argument
/// (`def entries_table(scope), do: :"#{scope}_entries"`).
fn namers(file: &File) -> Vec<Namer> {
    let k = &grammar().kinds;
    let mut found = Vec::new();
    for def in &file.defs {
        let (Some(body), Some(module)) = (def.body, def.module) else {
            continue;
        };
        let last = if body.kind_id() == k.do_block {
            match ast::statements(body).last() {
                Some(last) => last,
                None => continue,
            }
        } else {
            body
        };
        if last.kind_id() != k.quoted_atom && last.kind_id() != k.string {
            continue;
        }
        let interpolated: Vec<&str> = ast::descendants(last)
            .filter(|n| n.kind_id() == k.identifier)
            .filter(|n| file.parent(*n).is_some_and(|p| p.kind_id() == k.interpolation))
            .map(|n| file.text(n))
            .collect();
        for (i, param) in def.params.iter().enumerate() {
            if param.kind_id() == k.identifier && interpolated.contains(&file.text(*param)) {
                let module = file.modules[module as usize].name.clone();
                found.push((module, def.name.to_string(), def.arity, i));
            }
        }
    }
    found
}

/// What the project pass needs: the file's name-building functions, and the findings
/// its check made only because a name comes from project functions it cannot see
/// (each with the functions that make it unique).
struct NameFacts {
    namers: Vec<Namer>,
    pending: Vec<(usize, Vec<Namer>)>,
    /// Findings made only for a literal name in an `async: true` module
    /// (`:ets.new(:plug_session_test, [:named_table])`): where, and the name.
    literal_names: Vec<(usize, String)>,
    /// The atoms this file writes, unless it is a test file whose modules all run
    /// `async: false` (ExUnit runs those after every async module has finished).
    atoms: crate::hashed::NameSet,
}

fn collect(file: &File, _report: &Report) -> Option<Facts> {
    let namers = namers(file);
    let mut pending = Vec::new();
    if file.scope == crate::FileScope::Test {
        for call in file.calls_named("new") {
            let Some(options) = table_options(call) else {
                continue;
            };
            let Some(needs) = unique_name(file, call).filter(|n| !n.is_empty()) else {
                continue;
            };
            if !reasons(file, call, &options, false).is_empty() && reasons(file, call, &options, true).is_empty() {
                pending.push((call.expr.start_byte(), needs));
            }
        }
    }
    let mut literal_names = Vec::new();
    if file.scope == crate::FileScope::Test {
        for call in file.calls_named("new") {
            let Some(options) = table_options(call) else {
                continue;
            };
            let only_the_name = reasons(file, call, &options, false) == [Reason::AsyncName];
            if let Some(name) = call.arg(0).and_then(|a| literal_atom(file, call, a)).filter(|_| only_the_name) {
                literal_names.push((call.expr.start_byte(), name.to_string()));
            }
        }
    }
    let runs_alone = file.scope == crate::FileScope::Test
        && file.modules.iter().any(|m| m.is_test_case)
        && !file.modules.iter().any(|m| m.async_tests);
    // Hashed, as `test/async-global-state` keeps its mentions: every file's set is held
    // until the project is concluded.
    let atoms: crate::hashed::NameSet = if runs_alone {
        crate::hashed::NameSet::default()
    } else {
        file.nodes_of(grammar().kinds.atom).iter().filter_map(|n| ast::atom_name(*n, file.src)).collect()
    };
    if namers.is_empty() && pending.is_empty() && literal_names.is_empty() && atoms == crate::hashed::NameSet::default() {
        return None;
    }
    Some(Box::new(NameFacts { namers, pending, literal_names, atoms }))
}

/// The table's name as a literal atom, written out or through a module attribute of
/// the call's module (`@ets_table :plug_session_test`).
fn literal_atom<'s>(file: &File<'s>, call: &Call, name: Node) -> Option<&'s str> {
    let name = match file.text(name).strip_prefix('@') {
        Some(attr) => file.attributes.iter().find(|a| a.0 == attr && a.2.module == call.ctx.module)?.1,
        None => name,
    };
    ast::atom_name(name, file.src)
}

/// A table named by project functions that each interpolate a unique value into the
/// name is as unique as a name built in the test itself.
fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &NameFacts)> = facts
        .iter()
        .filter_map(|(i, f)| f.downcast_ref::<NameFacts>().map(|f| (*i, f)))
        .collect();
    let namers: std::collections::HashSet<&Namer> = all.iter().flat_map(|(_, f)| &f.namers).collect();
    for (file, f) in &all {
        for (at, needs) in &f.pending {
            if needs.iter().all(|n| namers.contains(n)) {
                report.retract(*file, *at);
            }
        }
    }
    // A literal name that no other file writes: only this module's tests use it, and
    // they never run at the same time, as with a table named `__MODULE__`. One file
    // alone (the playground, a workshop exercise) says nothing about the others.
    if all.len() < 2 {
        return;
    }
    for (file, f) in &all {
        for (at, name) in &f.literal_names {
            if !all.iter().any(|(other, g)| other != file && g.atoms.contains(name)) {
                report.retract(*file, *at);
            }
        }
    }
}

fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let f = facts.downcast_ref::<NameFacts>()?;
    Some(serde_json::json!({ "namers": f.namers, "pending": f.pending, "literal_names": f.literal_names, "atoms": f.atoms }))
}

fn decode(value: &serde_json::Value) -> Option<Facts> {
    let namers = serde_json::from_value(value.get("namers")?.clone()).ok()?;
    let pending = serde_json::from_value(value.get("pending")?.clone()).ok()?;
    let literal_names = serde_json::from_value(value.get("literal_names")?.clone()).ok()?;
    let atoms = serde_json::from_value(value.get("atoms")?.clone()).ok()?;
    Some(Box::new(NameFacts { namers, pending, literal_names, atoms }))
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
