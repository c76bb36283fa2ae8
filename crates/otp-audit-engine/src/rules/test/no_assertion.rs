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
    only_retracts: false,
};

/// Calls that make a test check something. In a PropCheck or QuickCheck property,
/// `forall x <- gen do ... end` fails the property when its body is `false`, and
/// `ensure/1` is QuickCheck's equality check.
fn is_assertion(name: &str, helpers: &[String]) -> bool {
    name.starts_with("assert")
        || name.starts_with("refute")
        || matches!(name, "flunk" | "expect" | "verify!" | "catch_exit" | "catch_error" | "catch_throw")
        || matches!(name, "forall" | "ensure")
        || helpers.iter().any(|h| h == name)
}

fn check(file: &File, report: &mut Report) {
    for (test, i) in unasserted_tests(file, report) {
        if external_helper_calls(file, test).is_empty() {
            let ctx = test_ctx(test, i);
            if let Some(name) = test.body.and_then(|body| only_builds_struct(file, body)) {
                report.add(file, &ctx, test.target.byte_range(), builds_struct_only(&test.name, name));
                continue;
            }
            let clicks = test.body.is_some_and(|body| clicks_elements(file, body));
            report.add(file, &ctx, test.target.byte_range(), asserts_nothing(&test.name, clicks));
        }
    }
}

/// Tests whose own file shows no assertion, with their index.
fn unasserted_tests<'a, 't>(file: &'a File<'t>, report: &Report) -> Vec<(&'a Test<'t>, usize)> {
    let helpers = report.param_list("assertion_helpers");
    let asserting = asserting_functions(file, &helpers);
    let compiling = compiling_functions(file);
    file.tests
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TestKind::Test)
        .filter(|(i, t)| !file.in_fixture_module(&test_ctx(t, *i)) && !in_macro(file, t))
        // `test "name"` without a body is ExUnit's "not implemented" marker.
        .filter(|(_, t)| t.body.is_some_and(|body| !checks_something(file, body, &asserting, &helpers)))
        .filter(|(_, t)| !t.body.is_some_and(|body| explained_placeholder(file, body)))
        .filter(|(_, t)| !t.body.is_some_and(|body| compiles_code(file, body, &compiling)))
        .filter(|(_, t)| !t.body.is_some_and(|body| ends_with_checked_start(file, body)))
        .filter(|(_, t)| !is_benchmark(file, t))
        // `@tag :skip`: ExUnit does not run it, so it cannot pass on anything.
        .filter(|(_, t)| !tags_of(file, t).any(|tag| tag == "skip"))
        // Last: it reads every other test of the module, and most tests assert.
        .filter(|(_, t)| !claims_no_failure(&t.name) && !negative_twin(file, t))
        .map(|(i, t)| (t, i))
        .collect()
}

/// A body that calls nothing (a literal such as `:ok`) and says why in a comment
/// (`# keeps "mix test --only fixture" from failing when no test matches`): a
/// placeholder on purpose. With no call, nothing in it can fail or be asserted on.
fn explained_placeholder(file: &File, body: Node) -> bool {
    let k = &grammar().kinds;
    // A comment on the `do` line itself (`do # TODO`) names no reason for the body.
    let first_line_end = file.src[body.start_byte()..body.end_byte()]
        .find('\n')
        .map_or(body.end_byte(), |i| body.start_byte() + i);
    file.calls_within(body).next().is_none()
        && ast::descendants(body).any(|n| n.kind_id() == k.comment && n.start_byte() > first_line_end)
}

/// A test whose name states that something merely does not fail ("does not raise",
/// "does not warn", "compiles", a "performance" check): a smoke test that says so,
/// which the guide calls fine.
fn claims_no_failure(name: &str) -> bool {
    let name = name.to_lowercase().replace("n't", " not");
    [
        "does not raise", "do not raise", "does not crash", "does not warn", "do not warn",
        "does not fail", "without error", "without crashing", "compiles", "performance",
    ]
    .iter()
    .any(|claim| name.contains(claim))
}

/// A benchmark written as a test: named so (with its `describe`), tagged `:benchmark`
/// (`@tag`, `@describetag`, `@moduletag`), or running `Benchee.run`. Its product is
/// timings, which nothing asserts.
fn is_benchmark(file: &File, test: &Test) -> bool {
    test.name.to_lowercase().contains("benchmark")
        || test.body.is_some_and(|body| {
            file.calls_within(body).any(|c| {
                c.name == "run" && matches!(c.module.as_deref(), Some("Benchee" | "BencheeAsync"))
            })
        })
        || tags_of(file, test).any(|tag| tag == "benchmark")
}

/// The atoms and true keys of the `@tag`s right above `test`, and of the
/// `@describetag`s and `@moduletag`s of the blocks around it.
fn tags_of<'a>(file: &'a File, test: &Test<'a>) -> impl Iterator<Item = &'a str> + 'a {
    let mut tags = Vec::new();
    // `@tag`s between the previous test (or other statement) and this one.
    let mut prev = test.node.prev_named_sibling();
    while let Some(p) = prev {
        match attribute(file, p) {
            Some(("tag", value)) => tags.extend(tag_names(file, value)),
            None if p.kind_id() == grammar().kinds.comment => {}
            _ => break,
        }
        prev = p.prev_named_sibling();
    }
    let mut block = test.node.parent();
    while let Some(b) = block {
        for stmt in ast::statements(b) {
            if let Some(("describetag" | "moduletag", value)) = attribute(file, stmt) {
                tags.extend(tag_names(file, value));
            }
        }
        block = b.parent();
    }
    tags.into_iter()
}

/// `@name value`: the name and the value node.
fn attribute<'t>(file: &File<'t>, node: Node<'t>) -> Option<(&'t str, Node<'t>)> {
    if node.kind_id() != grammar().kinds.unary_operator || !file.text(node).starts_with('@') {
        return None;
    }
    let call = node.child_by_field_name("operand")?;
    let name = ast::local_call_name(call, file.src)?;
    let value = ast::named_children(ast::call_arguments(call)?).next()?;
    Some((name, value))
}

/// `:benchmark`, `benchmark: true` and `[:benchmark, timeout: ...]` give `benchmark`;
/// `skip: "flaky on CI"` gives `skip` (a key with a string, ExUnit's skip reason).
fn tag_names<'t>(file: &File<'t>, value: Node<'t>) -> Vec<&'t str> {
    if let Some(atom) = ast::atom_name(value, file.src) {
        return vec![atom];
    }
    let mut names = Vec::new();
    for child in ast::descendants(value) {
        if let Some(atom) = ast::atom_name(child, file.src) {
            names.push(atom);
        } else if child.kind_id() == grammar().kinds.pair
            && child
                .child_by_field_name("value")
                .is_some_and(|v| file.text(v) == "true" || v.kind_id() == grammar().kinds.string)
            && let Some(key) = child.child_by_field_name("key")
        {
            names.push(ast::keyword_name(key, file.src));
        }
    }
    names
}

/// A `test` written by a macro (`defmacro my_test(...)`, inside its `quote`): its body
/// is the caller's, unknown here.
fn in_macro(file: &File, test: &Test) -> bool {
    file.defs.iter().any(|d| {
        d.kind.starts_with("defmacro")
            && d.node.start_byte() <= test.node.start_byte()
            && test.node.end_byte() <= d.node.end_byte()
    })
}

/// A test whose statements define a module or compile code (`defmodule`,
/// `Code.compile_string/1`, `Code.eval_string/1`), or are only `import`, `alias`
/// and `require`: what it checks is that the code compiles, and a compile error
/// fails it.
fn compiles_code(file: &File, body: Node, compiling: &[&str]) -> bool {
    let k = &grammar().kinds;
    let directives = ast::statements(body)
        .filter(|s| s.kind_id() != k.comment)
        .all(|stmt| {
            let mut calls = file.calls_within(stmt).peekable();
            calls.peek().is_some()
                && calls.all(|c| c.local && matches!(c.name, "import" | "alias" | "require"))
        });
    directives
        || ast::statements(body).any(|stmt| {
        file.calls_within(stmt).any(|c| {
            c.node == stmt
                && (c.local && c.name == "defmodule"
                    || c.local && c.module.is_none() && compiling.contains(&c.name)
                    || c.is("Module", "create")
                    || c.module.as_deref() == Some("Code")
                        && matches!(
                            c.name,
                            "compile_string" | "compile_quoted" | "eval_string" | "eval_quoted" | "require_file"
                        ))
        })
    })
}

/// Names of the file's functions and macros that compile code: `Code.eval_quoted`
/// of a `defmodule` and the like anywhere in them, or a call of another such function
/// (`infer config do ... end` expanding to `runtime_infer(...)`, which compiles).
fn compiling_functions<'s>(file: &File<'s>) -> Vec<&'s str> {
    let compiles = |c: &Call| {
        c.is("Module", "create")
            || c.module.as_deref() == Some("Code")
                && matches!(c.name, "compile_string" | "compile_quoted" | "eval_string" | "eval_quoted")
    };
    let mut names: Vec<&str> = Vec::new();
    loop {
        let before = names.len();
        for d in &file.defs {
            if !names.contains(&d.name)
                && file
                    .calls_within(d.node)
                    .any(|c| compiles(c) || c.local && c.module.is_none() && names.contains(&c.name))
            {
                names.push(d.name);
            }
        }
        if names.len() == before {
            return names;
        }
    }
}

/// `test "does not validate the version when disabled"` calling `Mix.Tasks.Compile.run/1`
/// where another test of the module asserts that the same call raises: not raising is
/// this test's whole point.
fn negative_twin(file: &File, test: &Test) -> bool {
    // Modules whose calls any two tests share without testing the same thing.
    const COMMON: &[&str] = &[
        "Kernel", "Enum", "Map", "List", "String", "Keyword", "Process", "File", "Path",
        "System", "Application", "IO", "Integer", "Tuple", "Stream", "MapSet", "Code",
    ];
    let Some(body) = test.body else {
        return false;
    };
    // A local call counts when it is one of the file's own helpers (`normalize(query)`
    // wrapping the planner) or an imported function or macro (`from(...)`, `join(...)`
    // of a query DSL): not one of Kernel's, which any two tests share.
    let twin_call = |c: &Call| match c.module.as_deref() {
        Some(m) => !(m.starts_with(':') || COMMON.contains(&m)),
        None => c.local && !c.dynamic && !KERNEL_LOCALS.contains(&c.name),
    };
    let raising: Vec<(Option<&str>, &str)> = file
        .tests
        .iter()
        .filter(|t| t.module == test.module && t.node != test.node)
        .flat_map(|t| file.calls_within(t.node))
        .filter(|c| c.name == "assert_raise")
        .flat_map(|a| file.calls_within(a.node))
        .filter(|c| c.name != "assert_raise" && twin_call(c))
        .map(|c| (c.module.as_deref(), c.name))
        .collect();
    file.calls_within(body)
        .any(|c| twin_call(c) && raising.contains(&(c.module.as_deref(), c.name)))
}

/// Kernel's functions and macros, and the special forms, that appear inside
/// `assert_raise` for reasons of their own: sharing one says nothing about what two
/// tests check.
const KERNEL_LOCALS: &[&str] = &[
    "fn", "apply", "elem", "put_elem", "hd", "tl", "div", "rem", "raise", "reraise", "throw",
    "exit", "send", "spawn", "self", "struct", "struct!", "put_in", "get_in", "update_in",
    "pop_in", "then", "tap", "to_string", "to_charlist", "inspect", "length", "abs", "round",
    "trunc", "max", "min", "byte_size", "binary_part", "binary_to_term", "term_to_binary",
    "is_nil", "is_atom", "is_binary", "is_list", "is_map", "if", "unless", "case", "cond",
    "with", "for", "try", "receive", "quote", "unquote", "__MODULE__", "defmodule", "def",
    "defp", "import", "alias", "require", "use", "assert", "refute", "flunk", "match?",
    "sigil_r", "sigil_s", "sigil_w", "sigil_c", "sigil_D", "sigil_U", "make_ref",
    "node", "spawn_link", "spawn_monitor", "function_exported?", "macro_exported?",
    "list_to_atom", "binary_to_atom", "binary_to_existing_atom", "integer_to_binary", "tuple_size",
    "map_size", "not", "and", "or", "in", "dbg", "var!",
];

fn test_ctx(test: &Test, i: usize) -> Ctx {
    Ctx {
        module: test.module,
        test: Some(i as u32),
        ..Ctx::default()
    }
}

fn asserts_nothing(name: &str, clicks: bool) -> String {
    if clicks {
        return format!(
            "test \"{name}\" asserts nothing but that the elements it clicks exist (`element/2` raises when none matches); assert on what the click changes: the rendered view, a patch or a side effect"
        );
    }
    format!(
        "test \"{name}\" asserts nothing: it passes as long as nothing raises; assert on the result, a message (`assert_receive`) or a side effect"
    )
}

/// `%MyApp.Invoice{}` alone, or bound (`invoice = %MyApp.Invoice{total: 0}`), next to
/// bindings of plain data, with nothing called: a missing module or field fails the compile, not the test, so the
/// test checks nothing at run time. Returns the struct's name as written.
fn only_builds_struct<'t>(file: &File<'t>, body: Node<'t>) -> Option<&'t str> {
    let g = grammar();
    if file.calls_within(body).next().is_some() {
        return None;
    }
    let mut name = None;
    for stmt in ast::statements(body) {
        let binding = ast::is_binary_op(stmt, file.src, "=");
        let value = if binding { ast::field(stmt, g.fields.right)? } else { stmt };
        // Bindings of plain data (`code = "JJD1"`) go with it; nothing is called.
        let Some(head) = value.named_child(0).filter(|h| value.kind_id() == g.kinds.map && h.kind() == "struct") else {
            if binding {
                continue;
            }
            return None;
        };
        // `%Label{label | code: c}` raises at run time when `label` is another struct.
        if file.text(value).contains('|') {
            return None;
        }
        name.get_or_insert(file.text(head));
    }
    name
}

fn builds_struct_only(name: &str, module: &str) -> String {
    format!(
        "test \"{name}\" only builds `%{module}{{}}`, which checks nothing a compile does not: a missing struct or field fails `mix test` before any test runs; delete it or assert on what the code does with the struct"
    )
}

/// Does the body of a test (or a helper) check anything: an assertion, a call to a
/// function of this file that asserts, or a match that can fail (`{:error, _} = f()`).
fn checks_something(file: &File, body: Node, asserting: &[u32], helpers: &[String]) -> bool {
    file.calls_within(body).any(|c| {
        is_assertion(c.name, helpers)
            || c.module.as_deref() == Some("Mox") && c.name == "expect"
            // Repatch's expectations are checked when the test ends (with
            // `use Repatch.ExUnit, assert_expectations: true`), as Mox's are.
            || c.module.as_deref().is_some_and(|m| m == "Repatch.Expectations" || m == "Expectations") && c.name == "expect"
            || is_mimic_expectation(file, c)
            || c.local && c.module.is_none() && calls_asserting_def(file, c, asserting)
            || c.is("Kernel", "raise")
            || c.local && c.name == "raise"
            || c.local && is_polling_helper(c.name)
            || awaits_a_message(c)
            || raises_when_missing(c)
            || library_test_helper(c)
            || starts_asserting_fixture(file, c, asserting)
            || checks_response_status(file, c)
    }) || checking_match(file, body)
        || switches_on_file_assertion(file, body, helpers)
        || hands_pinned_stub(file, body)
        || pipes_into_assertion(file, body, asserting, helpers)
}

/// `conn |> Utils.trace?() |> refute`, `:expect |> down_socket`: an assertion, or a
/// function of the file that asserts, written bare as a pipeline's last stage is a
/// call of it with the piped value (the parser sees a name, not a call).
fn pipes_into_assertion(file: &File, body: Node, asserting: &[u32], helpers: &[String]) -> bool {
    let g = grammar();
    let asserting_def = |name: &str, at: Node| {
        asserting.iter().any(|&d| {
            let def = &file.defs[d as usize];
            def.name == name
                && def.arity == 1
                && def.module.is_some_and(|m| file.modules[m as usize].node.byte_range().contains(&at.start_byte()))
        })
    };
    file.nodes_within(g.kinds.binary_operator, body).any(|op| {
        ast::is_binary_op(op, file.src, "|>")
            && ast::field(op, g.fields.right).is_some_and(|r| {
                r.kind_id() == g.kinds.identifier
                    && (is_assertion(file.text(r), helpers) || asserting_def(file.text(r), r))
            })
    })
}

/// `run(args, fn Repo, [^path1, ^path2], _opts -> [] end)`: a `fn` handed to the code
/// under test whose every clause pins a value of the test (`^path1`) in its head. A
/// call with other arguments matches no clause and raises `FunctionClauseError`,
/// which fails the test: the stub is the check.
fn hands_pinned_stub(file: &File, body: Node) -> bool {
    let k = &grammar().kinds;
    ast::descendants(body).filter(|n| n.kind_id() == k.anonymous_function).any(|f| {
        let handed = file.parent(f).is_some_and(|p| p.kind_id() == k.arguments);
        let clauses: Vec<Node> = ast::named_children(f).filter(|c| c.kind_id() == k.stab_clause).collect();
        handed
            && !clauses.is_empty()
            && clauses.iter().all(|c| {
                ast::field(*c, grammar().fields.left).is_some_and(|head| {
                    ast::descendants(head).any(|n| n.kind_id() == k.unary_operator && file.text(n).starts_with('^'))
                })
            })
    })
}

/// `Ash.load!(record, name: [assert_strict?: true])`, where a callback module of the
/// same file (a calculation, a change) runs `assert` when that option is set: the
/// test turns on an assertion that runs inside the code under test.
fn switches_on_file_assertion(file: &File, body: Node, helpers: &[String]) -> bool {
    let text = file.text(body);
    let switches: Vec<&str> = text
        .match_indices(": true")
        .filter_map(|(at, _)| {
            let start = text[..at].rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '?'))? + 1;
            let key = &text[start..at];
            key.starts_with("assert").then_some(key)
        })
        .collect();
    if switches.is_empty() {
        return false;
    }
    file.calls.iter().any(|c| {
        c.ctx.test.is_none()
            && is_assertion(c.name, helpers)
            && c.ctx
                .def
                .is_some_and(|d| switches.iter().any(|key| file.text(file.defs[d as usize].node).contains(key)))
    })
}

/// Mimic's `reject(&Dep.fun/2)` or `reject(Dep, :fun, 2)` (and `Mimic.expect`): a call
/// of the rejected function raises in the test, so the rejection checks that the code
/// under test leaves it alone, like Mox's `expect(..., 0, ...)`. `Enum.reject/2` has
/// neither shape.
fn is_mimic_expectation(file: &File, c: &Call) -> bool {
    let mimic = c.module.as_deref() == Some("Mimic");
    let local = c.local && c.module.is_none();
    match c.name {
        "expect" => mimic,
        "reject" if mimic || local => match c.arity {
            // `&Dep.fun/2`: a remote function, as Mimic copies modules.
            1 => c.arg(0).is_some_and(|f| {
                let text = file.text(f);
                text.starts_with('&') && text.contains('.') && text.contains('/')
            }),
            3 => {
                c.arg(0).is_some_and(|m| m.kind_id() == grammar().kinds.alias)
                    && c.arg(1).is_some_and(|f| ast::atom_name(f, file.src).is_some())
            }
            _ => false,
        },
        _ => false,
    }
}

/// Phoenix.ConnTest's `response(conn, 403)`, `json_response/2`, `html_response/2`,
/// `text_response/2` and `redirected_to/1,2`: each raises unless the response has the
/// given status, so `conn |> get(path) |> response(403)` checks the status.
fn checks_response_status(file: &File, c: &Call) -> bool {
    let imported = c.module.as_deref() == Some("Phoenix.ConnTest")
        || c.local
            && c.module.is_none()
            && !c
                .ctx
                .module
                .is_some_and(|m| file.modules[m as usize].defines(c.name, c.arity));
    imported
        && match c.name {
            "response" | "json_response" | "html_response" | "text_response" => c.arity == 2,
            "redirected_to" => (1..=2).contains(&c.arity),
            _ => false,
        }
}

/// `view |> element("#open") |> render_click()`: LiveViewTest raises when the
/// selector matches no element (or several), so clicking checks that the element
/// is there, and nothing about what the click does.
fn clicks_elements(file: &File, body: Node) -> bool {
    file.calls_within(body).any(|c| {
        c.module.as_deref().is_none_or(|m| m == "Phoenix.LiveViewTest")
            && matches!(
                c.name,
                "render_click" | "render_submit" | "render_change" | "render_keydown" | "render_keyup"
                    | "render_blur" | "render_focus" | "render_hook"
            )
            && c.arg(0).is_some_and(|target| {
                file.calls_within(target)
                    .any(|e| (e.node == target || e.expr == target) && e.name == "element" && e.module.as_deref().is_none_or(|m| m == "Phoenix.LiveViewTest"))
            })
    })
}

/// `Pipeline.start_link_supervised!(module: OrderCheckingPipeline)` where the file
/// defines that module and its callbacks assert: the assertions run in a process
/// linked to the test, and a failing one takes the test down with it.
fn starts_asserting_fixture(file: &File, call: &Call, asserting: &[u32]) -> bool {
    let linked = call.name.contains("start_link") || call.name.starts_with("start_supervised");
    let Some(args) = call.arguments.filter(|_| linked) else {
        return false;
    };
    ast::descendants(args)
        .filter(|n| n.kind_id() == grammar().kinds.alias)
        .any(|alias| {
            let written = file.text(alias);
            file.modules.iter().enumerate().any(|(i, m)| {
                (m.name == written || m.name.strip_suffix(written).is_some_and(|head| head.ends_with('.')))
                    && asserting
                        .iter()
                        .any(|&d| file.defs[d as usize].module == Some(i as crate::model::Id))
            })
        })
}

/// Does the test end by `start_supervised!`/`start_link_supervised!` (possibly bound,
/// `pid = start_supervised!(...)`)? Both raise when the child has no spec or fails to
/// start, so the start is what the test checks ("defines a child spec"). Earlier in
/// the body the start is setup for what follows, which is still judged on its own.
fn ends_with_checked_start(file: &File, body: Node) -> bool {
    let k = &grammar().kinds;
    let Some(last) = ast::statements(body).filter(|n| n.kind_id() != k.comment).last() else {
        return false;
    };
    let started = if ast::is_binary_op(last, file.src, "=") {
        ast::field(last, grammar().fields.right)
    } else {
        Some(last)
    };
    started.is_some_and(|n| {
        file.calls_within(n).any(|c| {
            c.expr == n && c.module.is_none() && matches!(c.name, "start_supervised!" | "start_link_supervised!")
        })
    })
}

/// `wait_for_handler(...)`, `eventually(...)`: polling helpers, which fail the test
/// when what they wait for never happens.
fn is_polling_helper(name: &str) -> bool {
    ["wait_for", "wait_until", "eventually", "assert_eventually"]
        .iter()
        .any(|p| name.starts_with(p))
}

/// `Code.ensure_compiled!(MyApp.Generated.User)`: raises when the module is missing,
/// the check a test of generated modules makes.
fn raises_when_missing(c: &Call) -> bool {
    c.in_module("Code") && matches!(c.name, "ensure_compiled!" | "ensure_loaded!")
        // Pollers of test libraries that raise when the condition never holds
        // (R41 elsa's `Patiently.wait_for!/2`).
        || c.in_module("Patiently") && matches!(c.name, "wait_for!" | "wait_until!")
        || c.in_module("WaitForIt") && matches!(c.name, "wait!" | "case_wait!" | "cond_wait!")
}

/// `OctoFetch.Test.test_all_supported_downloads(Downloader)`: a checking function
/// (`test_*`, `assert*`, `verify*`, `check*`) of a library's test-helper module
/// (`*.Test`, `*.Testing`, `*.TestHelpers`, `*.Assertions`), which asserts inside.
fn library_test_helper(c: &Call) -> bool {
    let helper_module = c.module.as_deref().and_then(|m| m.rsplit('.').next()).is_some_and(|last| {
        matches!(last, "Test" | "Testing" | "TestHelpers" | "Assertions")
    });
    helper_module && ["test_", "assert", "verify", "check"].iter().any(|p| c.name.starts_with(p))
}

/// `RCPipeline.await_notification(pipeline, :b)`: a function of the code under test
/// that blocks until a message arrives, so the test fails (by its timeout) when it
/// never does. `Task.await_many/2` answers with results, checked or not.
fn awaits_a_message(c: &Call) -> bool {
    c.name.starts_with("await_") && !c.dynamic && !matches!(c.module.as_deref(), Some("Task" | "Kernel"))
}

fn calls_asserting_def(file: &File, call: &Call, asserting: &[u32]) -> bool {
    asserting.iter().any(|&d| {
        let def = &file.defs[d as usize];
        def.module == call.ctx.module
            && def.name == call.name
            && (def.arity == call.arity || call.arity < def.arity && fills_defaults(file, def, call.arity))
    })
}

/// `defp assert_event(event, expected \\ nil)`, written on a clause or on a head
/// without a body: a call with fewer arguments reaches the same clauses.
fn fills_defaults(file: &File, def: &crate::model::Def, arity: usize) -> bool {
    file.defs.iter().any(|head| {
        head.module == def.module
            && head.name == def.name
            && head.arity == def.arity
            && head.arity - head.params.iter().filter(|p| ast::is_binary_op(**p, file.src, "\\\\")).count() <= arity
    })
}

/// Functions of this file (def ids) that assert, flunk, raise or match a pattern that
/// can fail, directly or through other functions of the file (to a fixpoint).
fn asserting_functions(file: &File, helpers: &[String]) -> Vec<u32> {
    let mut asserting: Vec<u32> = Vec::new();
    loop {
        let before = asserting.len();
        for (id, def) in file.defs.iter().enumerate() {
            let id = id as u32;
            if asserting.contains(&id) {
                continue;
            }
            let raises = file.calls_within(def.node).any(|c| {
                c.is_any("Kernel", &["raise", "reraise"])
                    || c.local && c.module.is_none() && matches!(c.name, "raise" | "reraise")
            });
            let body = def.body.unwrap_or(def.node);
            if raises || checks_something(file, body, &asserting, helpers) {
                asserting.push(id);
            }
        }
        if asserting.len() == before {
            return asserting;
        }
    }
}

/// A match that is there to check, not to bind: `{:error, _} = f()`,
/// `%{ok: true} = g()`, `[_a, _b] = list`. Its pattern can fail and binds nothing
/// used later (only `_` names and pins), or it is the last expression of the body.
/// `{:ok, cart} = Cart.add(...)` followed by more code is setup. A `case` without a
/// catch-all clause checks the same way.
fn checking_match(file: &File, body: Node) -> bool {
    let k = &grammar().kinds;
    let last = ast::statements(body)
        .filter(|n| n.kind_id() != k.comment)
        .last();
    std::iter::once(body)
        .chain(ast::descendants(body))
        .any(|n| {
            if ast::is_binary_op(n, file.src, "=") {
                ast::field(n, grammar().fields.left).is_some_and(|pattern| {
                    pattern.kind_id() != k.identifier
                        && (binds_nothing(file, pattern) || Some(n) == last)
                })
            } else {
                n.kind_id() == k.call
                    && ast::local_call_name(n, file.src) == Some("case")
                    && case_without_catch_all(n)
            }
        })
}

/// Every clause of the `case` has a pattern that can fail to match.
fn case_without_catch_all(case: Node) -> bool {
    let k = &grammar().kinds;
    let Some(block) = ast::call_do_block(case) else {
        return false;
    };
    let clauses: Vec<Node> = ast::named_children(block)
        .filter(|c| c.kind_id() == k.stab_clause)
        .collect();
    !clauses.is_empty()
        && clauses.iter().all(|clause| {
            let pattern = ast::field(*clause, grammar().fields.left).and_then(|a| a.named_child(0));
            pattern.is_some_and(|p| p.kind_id() != k.identifier)
        })
}

/// No variable in the pattern is bound: each is `_`-prefixed or pinned. The name of a
/// call in a pattern (`resultset(rows: [[3]])`, a record macro) is not a variable.
fn binds_nothing(file: &File, pattern: Node) -> bool {
    let g = grammar();
    let k = &g.kinds;
    std::iter::once(pattern)
        .chain(ast::descendants(pattern))
        .filter(|n| n.kind_id() == k.identifier)
        .all(|n| {
            file.text(n).starts_with('_')
                || file.parent(n).is_some_and(|p| {
                    p.kind_id() == k.unary_operator && ast::operator(p, file.src) == "^"
                        || p.kind_id() == k.call && ast::field(p, g.fields.target) == Some(n)
                })
        })
}

/// Calls a test makes to functions this file cannot see: a local name that the
/// module does not define (imported from a case template or a helper module), or a
/// function of a non-standard module other than the one under test. The project pass
/// looks them up in the asserting helpers of `test/support/` and the test files.
fn external_helper_calls(file: &File, test: &Test) -> Vec<(Option<String>, String, usize)> {
    let Some(body) = test.body else {
        return Vec::new();
    };
    let module = test.module.map(|m| &file.modules[m as usize]);
    // `MyApp.CartTest` exercises `MyApp.Cart`, which is code under test, not a helper.
    let tested = module.and_then(|m| m.name.strip_suffix("Test"));
    let mut out: Vec<(Option<String>, String, usize)> = file
        .calls_within(body)
        .filter(|c| !c.dynamic && !c.via_apply)
        .filter_map(|c| match &c.module {
            None if c.local && !module.is_some_and(|m| m.defines(c.name, c.arity)) => {
                Some((None, c.name.to_string(), c.arity))
            }
            // A call the file imports by name (`import Helpers, only: [expect_calls: 2]`)
            // is written local but resolved to its module.
            Some(m)
                if (!c.local || !module.is_some_and(|own| own.defines(c.name, c.arity)))
                    && may_be_project_module(m)
                    && Some(m.as_str()) != tested =>
            {
                Some((Some(m.clone()), c.name.to_string(), c.arity))
            }
            _ => None,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Not Erlang, Elixir's standard library or ExUnit.
fn may_be_project_module(module: &str) -> bool {
    !module.starts_with(':')
        && !module.starts_with("ExUnit")
        && crate::resolve::EXPORTS.iter().all(|(m, _, _)| *m != module)
        && !STANDARD_MODULES.contains(&module)
}

const STANDARD_MODULES: &[&str] = &[
    "Kernel", "Enum", "Stream", "Map", "MapSet", "Keyword", "List", "String", "Integer",
    "Float", "Tuple", "Process", "Task", "Agent", "GenServer", "Supervisor",
    "DynamicSupervisor", "Registry", "Application", "System", "File", "Path", "IO",
    "Code", "Module", "Macro", "Atom", "Access", "Base", "Date", "DateTime",
    "NaiveDateTime", "Time", "Calendar", "Range", "Regex", "URI", "Version", "Node",
    "Port", "Function", "Logger", "Inspect", "Jason", "Mox",
];

/// What a file tells the cross-file check.
enum Fact {
    /// A lib module with failure paths (the hash of its name: every lib file's
    /// facts are held until the project is concluded), and the literal parts of its
    /// raise messages.
    Fails {
        module: u64,
        how: &'static str,
        messages: Vec<String>,
        /// Public functions that fail, themselves or through the module's own
        /// functions they call.
        functions: NameSet,
    },
    /// A test file's `assert_raise` expects a message with these literal parts: the
    /// failure it checks may belong to a module it reaches through another API.
    ExpectsRaise { parts: Vec<String> },
    /// A public function of a test or test-support file that asserts, flunks or raises.
    Helper {
        module: String,
        name: String,
        arities: std::ops::RangeInclusive<usize>,
    },
    /// A test with no assertion in its file that calls functions of other files.
    Unasserted {
        name: String,
        scope: String,
        at: std::ops::Range<usize>,
        calls: Vec<(Option<String>, String, usize)>,
        /// Its only checks are LiveViewTest's `element/2` finding what it clicks.
        clicks: bool,
    },
    /// A lib module (the hash of its name) whose docs show a doctest that expects a
    /// raise (`iex> Dur.parse!("x")` then `** (ArgumentError) ...`) or an error
    /// (`iex> Dur.parse("x")` then `{:error, :invalid}`).
    DocumentsFailure { module: u64 },
    /// A test module, what it tests, and whether it checks a failure anywhere.
    Tests {
        tested: String,
        name: String,
        at: std::ops::Range<usize>,
        checks_failure: bool,
        /// Functions of the tested module that the test module calls, and `doctest`
        /// when it runs the tested module's doctests.
        calls: Vec<String>,
    },
    /// A test module that does not call the module it is named after, and checks a
    /// failure (`Mint.UnsafeProxyOptsTest`, through `Mint.HTTP.connect/4`).
    ChecksFailures { name: String },
}

/// `try do ... raise "unable to autolink" ... rescue _ -> segment end` (or a `def`
/// with its own `rescue`): the raise is control flow inside the function, which
/// rescues it and returns a fallback; callers never see it.
fn rescued_around(file: &File, raise: Node) -> bool {
    let k = &grammar().kinds;
    let mut node = raise;
    while let Some(parent) = file.parent(node) {
        if parent.kind_id() == k.do_block {
            let rescue = ast::named_children(parent).find(|c| c.kind_id() == k.rescue_block);
            // Rescued when the raise is in the `do` part, before the `rescue` clauses.
            if rescue.is_some_and(|r| raise.end_byte() <= r.start_byte()) {
                return true;
            }
        }
        // Past the `def` (whose own `rescue` is the do_block just below it), the raise
        // has left the function.
        if parent.kind_id() == k.call && file.defs.iter().any(|d| d.node == parent) {
            return false;
        }
        node = parent;
    }
    false
}

/// Does a doctest in `text` expect a failure: an expected result, right under an
/// `iex>` (or `...>`) line, that is a raise (`** (ArgumentError) ...`) or an error
/// tuple (`{:error, "too large"}`, `:error`)?
fn documents_failure(text: &str) -> bool {
    let mut after_prompt = false;
    for line in text.lines().map(str::trim_start) {
        let prompt = line.starts_with("iex>") || line.starts_with("...>");
        if after_prompt && !prompt {
            let failure = line.starts_with("** (")
                || line.starts_with("{:error,")
                || line.starts_with("{:error}")
                || line.trim_end() == ":error";
            if failure {
                return true;
            }
        }
        after_prompt = prompt;
    }
    false
}

fn collect(file: &File, report: &Report) -> Option<Facts> {
    let mut facts = Vec::new();
    if matches!(file.scope, crate::FileScope::Test | crate::FileScope::TestSupport) {
        facts.extend(helper_facts(file, report));
    } else if file.scope == crate::FileScope::Lib {
        // Assertion helpers a library ships in lib for its users' tests
        // (`MyLib.Test.Assertions.assert_sent!/2`, which flunks): they run under ExUnit.
        let exunit: Vec<&str> = file
            .modules
            .iter()
            .filter(|m| crate::runtime::runs_under_exunit(file, m))
            .map(|m| m.name.as_str())
            .collect();
        if !exunit.is_empty() {
            facts.extend(
                helper_facts(file, report)
                    .into_iter()
                    .filter(|f| matches!(f, Fact::Helper { module, .. } if exunit.contains(&module.as_str()))),
            );
        }
    }
    if file.scope == crate::FileScope::Test {
        for (test, i) in unasserted_tests(file, report) {
            let calls = external_helper_calls(file, test);
            if !calls.is_empty() {
                facts.push(Fact::Unasserted {
                    name: test.name.clone(),
                    scope: file.scope_name(&test_ctx(test, i)),
                    at: test.target.byte_range(),
                    calls,
                    clicks: test.body.is_some_and(|body| clicks_elements(file, body)),
                });
            }
        }
    }
    match file.scope {
        crate::FileScope::Lib => {
            for m in &file.modules {
                let text = file.text(m.node);
                if text.contains("iex>") && documents_failure(text) {
                    facts.push(Fact::DocumentsFailure { module: hashed::hash(&m.name) });
                }
            }
            let mut how: Vec<Option<&'static str>> = vec![None; file.modules.len()];
            let mut messages: Vec<Vec<String>> = vec![Vec::new(); file.modules.len()];
            let mut failing_defs = std::collections::HashSet::new();
            let mut raising_defs = std::collections::HashSet::new();
            for c in &file.calls {
                if let (Some(m), Some(d)) = (c.ctx.module, c.ctx.def)
                    && (c.is("Kernel", "raise") || c.local && c.name == "raise")
                    && !reports_environment_fault(file, c.node, c.ctx.module)
                    && !rescued_around(file, c.node)
                    && !checks_invariant(file, c)
                {
                    how[m as usize] = Some("raises");
                    failing_defs.insert(d);
                    raising_defs.insert(d);
                    if let Some(message) = c.arg(c.arity.saturating_sub(1)) {
                        messages[m as usize].extend(literal_parts(file, message));
                    }
                }
            }
            for (_, node, ctx) in file.tuples_tagged("error") {
                if let (Some(m), Some(d)) = (ctx.module, ctx.def)
                    && !in_pattern(file, *node)
                    && !handed_to_call(file, *node)
                    && !reports_environment_fault(file, *node, ctx.module)
                {
                    how[m as usize].get_or_insert("returns `{:error, _}`");
                    failing_defs.insert(d);
                }
            }
            // A message built before the raise (`message = "unmatched closing tag ..."`,
            // returned in an `{:error, line, message}` that a `!` function raises)
            // is one too: the strings of the failing functions.
            for &d in &failing_defs {
                let def = &file.defs[d as usize];
                if let Some(m) = def.module {
                    messages[m as usize].extend(
                        file.nodes_within(grammar().kinds.string, def.node)
                            .flat_map(|n| literal_parts(file, n)),
                    );
                }
            }
            for list in &mut messages {
                list.sort();
                list.dedup();
            }
            // Raising and error-returning functions apart: the finding names the way
            // the functions a test module calls fail, not the module's worst.
            let raising: std::collections::BTreeSet<(u32, &str)> = failing_functions(file, raising_defs).into_iter().collect();
            let erroring: std::collections::BTreeSet<(u32, &str)> = error_returning_functions(file, failing_defs)
                .into_iter()
                .filter(|f| !raising.contains(f))
                .collect();
            for (i, ((m, how), messages)) in file.modules.iter().zip(how).zip(messages).enumerate() {
                if how.is_none() {
                    continue;
                }
                for (how, set) in [("raises", &raising), ("returns `{:error, _}`", &erroring)] {
                    let functions: Vec<&str> =
                        set.iter().filter(|(module, _)| *module == i as u32).map(|(_, name)| *name).collect();
                    if !functions.is_empty() {
                        facts.push(Fact::Fails {
                            module: hashed::hash(&m.name),
                            how,
                            messages: messages.clone(),
                            functions: functions.into_iter().collect(),
                        });
                    }
                }
            }
        }
        crate::FileScope::Test => {
            let parts: Vec<String> = file
                .calls_named("assert_raise")
                .filter(|c| c.arity == 3)
                .flat_map(|c| expected_message_parts(file, c))
                .collect();
            if !parts.is_empty() {
                facts.push(Fact::ExpectsRaise { parts });
            }
            for (id, m) in file.modules.iter().enumerate().filter(|(_, m)| m.is_test_case) {
                let Some(tested) = m.name.strip_suffix("Test") else {
                    continue;
                };
                // A module that never calls the one it is named after reaches it through
                // another API, whose tests may well cover the failures; and a fixture
                // module run by its own test checks nothing on purpose.
                if file.in_fixture_module(&module_ctx(id)) {
                    continue;
                }
                if !calls_module(file, m.node, tested) {
                    if module_checks_failure(file, m.node) {
                        facts.push(Fact::ChecksFailures { name: m.name.clone() });
                    }
                    continue;
                }
                // Test modules of the same file named after a part of the tested module
                // (`Kernel.CLI.ExecutableTest` beside `Kernel.CLITest`) test it too,
                // through another door (an executable, a compiler run).
                let prefix = format!("{tested}.");
                let checks_failure = module_checks_failure(file, m.node)
                    || expects_error_report(file, m.node)
                    || injects_failure(file, m.node)
                    || file.modules.iter().any(|other| {
                        other.is_test_case
                            && other.name.starts_with(&prefix)
                            && other.name.ends_with("Test")
                            && module_checks_failure(file, other.node)
                    });
                let mut calls: Vec<String> = file
                    .calls_within(m.node)
                    .filter(|c| !c.local && c.module.as_deref() == Some(tested))
                    .map(|c| c.name.to_string())
                    .collect();
                let runs_doctests = file.calls_within(m.node).any(|c| {
                    c.name == "doctest"
                        && c.arg(0).is_some_and(|a| file.module_at(file.text(a), a.start_byte()) == tested)
                });
                if runs_doctests {
                    calls.push("doctest".to_string());
                }
                calls.sort();
                calls.dedup();
                facts.push(Fact::Tests {
                    tested: tested.to_string(),
                    name: m.name.clone(),
                    at: m.name_node.byte_range(),
                    checks_failure,
                    calls,
                });
            }
        }
        _ => {}
    }
    (!facts.is_empty()).then(|| Box::new(facts) as Facts)
}

/// Does the test module check a failure: an `assert_raise`, a `catch_*`, a `refute`,
/// an assertion on an error, an `{:error, ...}`-like tuple anywhere in it, or a check
/// of the other channels an API reports failures through: a returned `warnings:` list
/// that is not just `[]` (`{_, %{warnings: [msg]}} = Importer.import(text)`), or an
/// assertion on what the code logged (`assert capture_log(fn -> ... end) =~ "Ignoring"`)?
fn module_checks_failure(file: &File, module: Node) -> bool {
    let range = module.byte_range();
    file.calls_within(module).any(|c| {
        matches!(
            c.name,
            "assert_raise" | "catch_exit" | "catch_error" | "catch_throw" | "assert_exit" | "refute"
        ) || c.name.starts_with("assert")
            && (mentions_error(file, c.node)
                || asserts_on_log(file, c)
                || compares_with_error(file, c)
                || checks_failed_message(file, c))
    }) || checks_warnings(file, module)
        || file
        .tagged_tuples
        .iter()
        .filter(|(_, n, _)| range.contains(&n.start_byte()))
        .any(|(_, n, _)| is_error_tuple(file, *n))
}

/// `expect(Sentry, :capture_message, fn ... end)` or `reject(&Tracker.report/2)`
/// (Mox or Mimic): the test checks the error tracker that the module reports its
/// failures to, which is how such a module's failure path is seen from outside.
fn expects_error_report(file: &File, module: Node) -> bool {
    const REPORTING: &[&str] = &[
        "capture_message", "capture_exception", "capture_error", "report", "report_error",
        "report_exception", "notify", "notify_error",
    ];
    file.calls_within(module)
        .filter(|c| matches!(c.name, "expect" | "reject") && c.module.as_deref().is_none_or(|m| m == "Mox" || m == "Mimic"))
        .any(|c| match c.arg(0) {
            Some(f) if file.text(f).starts_with('&') => {
                file.calls_within(f).any(|captured| !captured.local && REPORTING.contains(&captured.name))
            }
            _ => c.arg(1).and_then(|f| ast::atom_name(f, file.src)).is_some_and(|f| REPORTING.contains(&f)),
        })
}

/// `Mox.expect(ClientMock, :handle_message, fn _ -> raise "boom" end)`: a mock (Mox or
/// Mimic `expect`/`stub`) made to raise, exit or throw. The test drives the failure
/// path of the code that calls the mock, and what it asserts afterwards is how that
/// code takes the failure (R28 nerves_hub_link: "apply_wrap doesn't propagate failures").
fn injects_failure(file: &File, module: Node) -> bool {
    let k = &grammar().kinds;
    file.calls_within(module)
        .filter(|c| matches!(c.name, "expect" | "stub") && c.module.as_deref().is_none_or(|m| m == "Mox" || m == "Mimic"))
        .filter_map(|c| c.args.last().copied().filter(|f| f.kind_id() == k.anonymous_function))
        .any(|fun| {
            file.calls_within(fun).any(|c| {
                matches!(c.name, "raise" | "exit" | "throw") && c.module.as_deref().is_none_or(|m| m == "Kernel")
            })
        })
}

/// The public functions and macros of the file that assert (see `asserting_functions`).
fn helper_facts(file: &File, report: &Report) -> Vec<Fact> {
    let helpers = report.param_list("assertion_helpers");
    let mut out: Vec<Fact> = Vec::new();
    for d in asserting_functions(file, &helpers) {
        let def = &file.defs[d as usize];
        if !matches!(def.kind, "def" | "defmacro") {
            continue;
        }
        let Some(module) = file.modules.get(def.module.unwrap_or(u32::MAX) as usize) else {
            continue;
        };
        let arities = module
            .functions
            .iter()
            .find(|f| f.name == def.name && (f.min_arity..=f.max_arity).contains(&def.arity))
            .map_or(def.arity..=def.arity, |f| f.min_arity..=f.max_arity);
        let fact = Fact::Helper {
            module: module.name.clone(),
            name: def.name.to_string(),
            arities,
        };
        if !out.iter().any(|f| same_helper(f, &fact)) {
            out.push(fact);
        }
    }
    out
}

fn same_helper(a: &Fact, b: &Fact) -> bool {
    matches!((a, b), (
        Fact::Helper { module: m1, name: n1, arities: a1 },
        Fact::Helper { module: m2, name: n2, arities: a2 },
    ) if m1 == m2 && n1 == n2 && a1 == a2)
}

fn module_ctx(id: usize) -> Ctx {
    Ctx {
        module: Some(id as u32),
        ..Ctx::default()
    }
}

/// Does code inside `node` call a function of `module` (`MyApp.Cart.add/2`, also
/// through an alias)?
fn calls_module(file: &File, node: Node, module: &str) -> bool {
    file.calls_within(node)
        .any(|c| !c.local && c.module.as_deref() == Some(module))
}

/// `assert capture_log(fn -> ... end) =~ "Ignoring app"` (or `capture_io(:stderr, ...)`),
/// or the log bound first (`log = capture_log(fn -> ... end)`, `{_, log} =
/// with_log(...)`) and then `assert log =~ "unsupported"`: the test checks the warning
/// a failure was turned into.
fn asserts_on_log(file: &File, assertion: &Call) -> bool {
    assertion.local
        && assertion.arg(0).is_some_and(|a| {
            ast::is_binary_op(a, file.src, "=~")
                && ast::field(a, grammar().fields.left).is_some_and(|left| {
                    file.calls_within(left).any(|c| c.node == left && captures_log(file, c))
                        || left.kind_id() == grammar().kinds.identifier && log_bound_before(file, assertion, file.text(left))
                })
        })
}

fn captures_log(file: &File, c: &Call) -> bool {
    matches!(c.name, "capture_log" | "with_log")
        || c.name == "capture_io" && c.arg(0).and_then(|d| ast::atom_name(d, file.src)) == Some("stderr")
}

/// `log = capture_log(fn -> ... end)` (or `{_, log} = with_log(...)`) earlier in the
/// same test as `assertion`.
fn log_bound_before(file: &File, assertion: &Call, var: &str) -> bool {
    let Some(test) = file.test(&assertion.ctx) else {
        return false;
    };
    file.calls_within(test.node)
        .filter(|c| c.node.end_byte() < assertion.node.start_byte() && captures_log(file, c))
        .filter_map(|c| super::no_sleep::match_left(file, c))
        .any(|left| {
            let bound = if left.kind_id() == grammar().kinds.tuple { left.named_child(1) } else { Some(left) };
            bound.is_some_and(|b| file.text(b) == var)
        })
}

/// `assert Auth.login(user, "wrong") == :error` or `assert :error = Auth.login(...)`:
/// a bare `:error` is a failure result as much as `{:error, _}`.
fn compares_with_error(file: &File, assertion: &Call) -> bool {
    assertion.arg(0).is_some_and(|a| {
        ["==", "===", "="].iter().any(|op| ast::is_binary_op(a, file.src, op))
            && [grammar().fields.left, grammar().fields.right]
                .into_iter()
                .filter_map(|f| ast::field(a, f))
                .any(|side| ast::atom_name(side, file.src) == Some("error"))
    })
}

/// A message a pipeline failed: `assert %{status: {:failed, reason}} = handle(msg)`
/// (a `Broadway.Message` status), or the failed list of a test producer's
/// acknowledgement, not empty (`assert_receive {:ack, ^ref, [], [failed]}`).
fn checks_failed_message(file: &File, assertion: &Call) -> bool {
    let k = &grammar().kinds;
    ast::descendants(assertion.node).any(|n| {
        n.kind_id() == k.tuple
            && match n.named_child(0).and_then(|a| ast::atom_name(a, file.src)) {
                Some("failed") => true,
                Some("ack") => n
                    .named_child(3)
                    .is_some_and(|failed| failed.kind_id() == k.list && failed.named_child_count() > 0),
                _ => false,
            }
    })
}

/// A `warnings: value` pair in the module whose value is not `[]`: the test looks at
/// the warnings the API returns for bad input (a bound list it then checks, or the
/// expected messages in place).
fn checks_warnings(file: &File, module: Node) -> bool {
    let k = &grammar().kinds;
    ast::descendants(module)
        .filter(|n| n.kind_id() == k.pair)
        .any(|pair| {
            let key = pair.named_child(0).map(|key| file.text(key).trim().trim_end_matches(':').trim());
            key == Some("warnings")
                && pair
                    .named_child(1)
                    .is_some_and(|v| !(v.kind_id() == k.list && v.named_child_count() == 0))
        })
}

/// Does an assertion look at an `:error` anywhere in a tuple, such as a message about
/// a failure (`assert_received {:mix_shell, :error, [msg]}`)?
fn mentions_error(file: &File, assertion: Node) -> bool {
    ast::descendants(assertion).any(|n| {
        n.kind_id() == grammar().kinds.tuple
            && ast::named_children(n).any(|e| ast::atom_name(e, file.src) == Some("error"))
    })
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

/// `{:error, reason} -> ...`, `{:error, _} = result`, `def handle({:error, e})`,
/// `match?({:error, _}, r)`: a tuple the code matches is an error it handles, not one
/// it returns.
/// `FallbackController.call(conn, {:error, :too_many_requests, msg})`: the error goes
/// to another function (which answers with a 429, say), not back to the caller. A
/// reply (`GenServer.reply(from, {:error, _})`) does go back.
fn handed_to_call(file: &File, node: Node) -> bool {
    file.parent(node)
        .filter(|p| p.kind_id() == grammar().kinds.arguments)
        .and_then(|args| file.parent(args))
        .and_then(|call| file.calls_within(call).find(|c| c.node == call))
        .is_some_and(|c| c.name != "reply")
}

/// Is `node` inside a pattern: a clause head, the left of `=` or `<-`, `match?`'s
/// first argument, a `def`'s parameters?
pub(crate) fn in_pattern(file: &File, node: Node) -> bool {
    let k = &grammar().kinds;
    let f = &grammar().fields;
    let mut child = node;
    while let Some(parent) = file.parent(child) {
        let is_left = ast::field(parent, f.left).is_some_and(|l| l.id() == child.id());
        match parent.kind_id() {
            kind if kind == k.stab_clause => return is_left,
            kind if kind == k.binary_operator && matches!(ast::operator(parent, file.src), "=" | "<-") && is_left => {
                return true;
            }
            kind if kind == k.do_block || kind == k.body || kind == k.block => return false,
            // `match?({:error, _}, result)`.
            kind if kind == k.arguments
                && file.parent(parent).is_some_and(|c| ast::local_call_name(c, file.src) == Some("match?")) =>
            {
                return parent.named_child(0).is_some_and(|p| p.id() == child.id());
            }
            // The head of `def name(params)`, not its `do:` body.
            kind if kind == k.arguments
                && parent
                    .parent()
                    .is_some_and(|def| matches!(ast::local_call_name(def, file.src), Some("def" | "defp"))) =>
            {
                return parent.named_child(0).is_some_and(|head| head.id() == child.id() && head.kind_id() != k.keywords);
            }
            _ => {}
        }
        child = parent;
    }
    false
}

/// Modules that talk to the operating system: their `{:error, reason}` is a full
/// disk, a missing permission or a refused socket.
const OS_MODULES: &[&str] = &[
    "File", ":file", ":prim_file", ":filelib", ":gen_tcp", ":gen_udp", ":socket", ":inet", ":ssl",
];

/// `if not increasingly_narrowing?(ranges), do: raise "ranges are not narrowing"`: a
/// bare string raised when a predicate fails on data the function computed itself is
/// an assertion of an internal invariant, reached only by a bug, not a failure a test
/// can provoke (R38 elixir-ls's selection ranges).
fn checks_invariant(file: &File, raise: &Call) -> bool {
    let k = &grammar().kinds;
    if raise.arity != 1 || raise.arg(0).is_none_or(|a| a.kind_id() != k.string) {
        return false;
    }
    let Some(def) = file.def(&raise.ctx) else { return false };
    // The `if`/`unless` whose body is the raise, and its condition.
    let Some(branch) = std::iter::successors(file.parent(raise.node), |n| file.parent(*n))
        .take_while(|n| n.id() != def.node.id())
        .find(|n| n.kind_id() == k.call && matches!(ast::local_call_name(*n, file.src), Some("if" | "unless")))
    else {
        return false;
    };
    let Some(cond) = ast::call_arguments(branch).and_then(|a| a.named_child(0)) else { return false };
    let negated = ast::local_call_name(branch, file.src) == Some("unless");
    let pred = if negated {
        Some(cond)
    } else if cond.kind_id() == k.unary_operator && matches!(ast::operator(cond, file.src), "not" | "!") {
        ast::field(cond, grammar().fields.operand)
    } else {
        None
    };
    // A local (or imported) predicate over variables the function bound itself, not
    // over its parameters: `valid?(params)` checks the caller's input and stays.
    let params: Vec<&str> = def
        .params
        .iter()
        .flat_map(|p| std::iter::once(*p).chain(ast::descendants(*p)))
        .filter(|n| n.kind_id() == k.identifier)
        .map(|n| file.text(n))
        .collect();
    pred.filter(|p| p.kind_id() == k.call).is_some_and(|p| {
        let name = ast::local_call_name(p, file.src).unwrap_or("");
        let args: Vec<Node> = ast::call_arguments(p).map(|a| ast::named_children(a).collect()).unwrap_or_default();
        name.ends_with('?')
            && !args.is_empty()
            && args.iter().all(|a| a.kind_id() == k.identifier && !params.contains(&file.text(*a)))
    })
}

/// `{:error, reason} -> raise File.Error, ...` in a `case File.ls(path)`, or an
/// `{:error, reason}` passed on from a local helper around `:gen_tcp.accept/1`: the
/// failure comes from the operating system, which a unit test provokes only by faking
/// it. Such a failure is the module refusing to go on, not an error path its test
/// module is asked to cover.
fn reports_environment_fault(file: &File, failure: Node, module: Option<crate::model::Id>) -> bool {
    let k = &grammar().kinds;
    let Some(clause) = file.parent_of_kind(failure, k.stab_clause, 8) else {
        return false;
    };
    let is_error = ast::field(clause, grammar().fields.left)
        .and_then(|args| args.named_child(0))
        .is_some_and(|pattern| {
            pattern.kind_id() == k.tuple
                && pattern.named_child(0).and_then(|a| ast::atom_name(a, file.src)) == Some("error")
        });
    // `case subject do ... end`, or the `else` of `with ... <- subject do ... end`.
    let Some(block) = file.parent(clause) else {
        return false;
    };
    let Some(call) = file.parent(block).filter(|c| c.kind_id() == k.call) else {
        return false;
    };
    let construct = ast::local_call_name(call, file.src);
    let subject = match construct {
        Some("case") if block.kind_id() == k.do_block => ast::call_arguments(call),
        Some("with") if block.kind_id() == k.else_block => ast::call_arguments(call),
        _ => None,
    };
    is_error && subject.is_some_and(|subject| talks_to_os(file, subject, module, 3))
}

/// Whether the code under `node` calls the operating system, itself or through the
/// module's own functions (`depth` calls deep).
fn talks_to_os(file: &File, node: Node, module: Option<crate::model::Id>, depth: usize) -> bool {
    file.calls_within(node).any(|c| {
        c.module.as_deref().is_some_and(|m| OS_MODULES.contains(&m))
            || depth > 0
                && c.local
                && c.module.is_none()
                && file
                    .defs_named(c.name)
                    .filter(|d| d.module == module && d.arity == c.arity && d.node != node)
                    .any(|d| talks_to_os(file, d.node, module, depth - 1))
    })
}

/// (module, name) of the public functions that fail: those whose body raises or
/// returns an error, and those that call one of the module's failing functions.
fn failing_functions<'s>(
    file: &File<'s>,
    failing: std::collections::HashSet<crate::model::Id>,
) -> std::collections::BTreeSet<(u32, &'s str)> {
    public_callers_of(file, failing, false, |_| false, |_| false)
}

/// (module, name) of the public functions that may return an error: as
/// `failing_functions`, but an error stops at a function that only ever returns atoms
/// (`@spec start_all() :: :ok`, or `:ok` as every value each clause can end in).
/// `{:error, _}` passed between private helpers and ending in a log or an error
/// tracker report is handled inside the module, not returned.
fn error_returning_functions<'s>(
    file: &File<'s>,
    failing: std::collections::HashSet<crate::model::Id>,
) -> std::collections::BTreeSet<(u32, &'s str)> {
    // Local calls stay in their module: the specs of the failing functions' modules
    // are all that `returns_only_atoms` reads, so they are read once here.
    let specs: std::collections::HashMap<crate::model::Id, std::collections::HashSet<(&str, usize)>> = failing
        .iter()
        .filter_map(|&d| file.defs[d as usize].module)
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .map(|m| (m, atom_only_specs(file, m)))
        .collect();
    public_callers_of(file, failing, true, |d| returns_only_atoms(file, d, &specs), |c| handles_error(file, c))
}

/// `case helper(x) do {:ok, v} -> ...; {:error, v} -> retry(v) end`: the caller
/// matches the error (or drops whatever else came, `_ -> ...`) and goes on, so the
/// error stops here. A clause that returns
/// it again builds an `{:error, _}` of its own, which marks the caller failing.
fn handles_error(file: &File, call: &crate::model::Call) -> bool {
    let k = &grammar().kinds;
    // `{_result, buffer} = try_insert(buffer, packet)`: the status is dropped, and the
    // error with it (R47 ex_webrtc's jitter buffer).
    let drops_status = call
        .parent
        .filter(|p| ast::is_binary_op(*p, file.src, "=") && ast::field(*p, grammar().fields.right) == Some(call.expr))
        .and_then(|p| ast::field(p, grammar().fields.left))
        .filter(|l| l.kind_id() == k.tuple)
        .and_then(|l| l.named_child(0))
        .is_some_and(|first| first.kind_id() == k.identifier && file.text(first).starts_with('_'));
    drops_status
        || crate::rules::otp::unsupervised_start::case_patterns(file, call)
        .into_iter()
        .chain(with_else_patterns(file, call))
        // A clause's left side is its arguments, behind `when` when guarded.
        .map(|p| if ast::is_binary_op(p, file.src, "when") { ast::field(p, grammar().fields.left).unwrap_or(p) } else { p })
        .filter_map(|p| if p.kind_id() == k.arguments { p.named_child(0) } else { Some(p) })
        .any(|p| {
            p.kind_id() == k.tuple && p.named_child(0).and_then(|a| ast::atom_name(a, file.src)) == Some("error")
                // `_ -> skip(data)`: a catch-all that drops the value swallows the error too.
                || p.kind_id() == k.identifier && file.text(p).starts_with('_')
        })
}

/// `with {:ok, v} <- helper(x) do ... else _ -> acc end`: the patterns of the `else`
/// clauses of the `with` whose `<-` the call is the right side of. A `with` without
/// `else` passes the unmatched value on, so it gives none.
fn with_else_patterns<'t>(file: &File<'t>, call: &crate::model::Call<'t>) -> Vec<Node<'t>> {
    let g = grammar();
    let with = file
        .parent(call.expr)
        .filter(|p| ast::is_binary_op(*p, file.src, "<-") && ast::field(*p, g.fields.right) == Some(call.expr))
        .and_then(|arrow| file.parent(arrow))
        .filter(|args| args.kind_id() == g.kinds.arguments)
        .and_then(|args| file.parent(args));
    let Some(with) = with else {
        return Vec::new();
    };
    file.calls_named("with")
        .filter(|c| c.node == with)
        .filter_map(|c| c.do_block)
        .flat_map(ast::named_children)
        .filter(|b| b.kind_id() == g.kinds.else_block)
        .flat_map(ast::named_children)
        .filter(|c| c.kind_id() == g.kinds.stab_clause)
        .filter_map(|c| ast::field(c, g.fields.left))
        .collect()
}

/// Spreads `failing` over local calls until nothing changes (a module has few
/// functions), skipping the functions `stops` names, and returns the public ones as
/// (module, name). `by_arity` matches a call to a function by arity too; a call
/// that `handled` names does not pass the failure on to its caller.
fn public_callers_of<'s>(
    file: &File<'s>,
    failing: std::collections::HashSet<crate::model::Id>,
    by_arity: bool,
    stops: impl Fn(crate::model::Id) -> bool,
    handled: impl Fn(&crate::model::Call) -> bool,
) -> std::collections::BTreeSet<(u32, &'s str)> {
    // `stops` may read the module's specs: ask it once per function, not per call.
    let mut stopped = std::collections::HashMap::new();
    let mut stops = |d: crate::model::Id| *stopped.entry(d).or_insert_with(|| stops(d));
    let mut failing: std::collections::HashSet<crate::model::Id> = failing.into_iter().filter(|&d| !stops(d)).collect();
    let key = |module: Option<u32>, name: &'s str, arity: usize| (module, name, by_arity.then_some(arity));
    loop {
        let names: std::collections::HashSet<(Option<u32>, &str, Option<usize>)> = failing
            .iter()
            .map(|&d| &file.defs[d as usize])
            .map(|d| key(d.module, d.name, d.arity))
            .collect();
        let before = failing.len();
        for c in file.calls.iter().filter(|c| c.local && c.module.is_none()) {
            if let Some(d) = c.ctx.def
                && names.contains(&key(c.ctx.module, c.name, c.arity))
                && !stops(d)
                && !handled(c)
            {
                failing.insert(d);
            }
        }
        if failing.len() == before {
            break;
        }
    }
    failing
        .into_iter()
        .map(|d| &file.defs[d as usize])
        .filter(|d| matches!(d.kind, "def" | "defmacro"))
        .filter_map(|d| Some((d.module?, d.name)))
        .collect()
}

/// Does the function (all clauses of its name and arity) only return atoms: a
/// `@spec` whose return type is atoms (`:: :ok`, `:: :ok | :skipped`), or atoms as
/// every value ([`ast::tail_values`]) each clause can end in?
fn returns_only_atoms(
    file: &File,
    d: crate::model::Id,
    specs: &std::collections::HashMap<crate::model::Id, std::collections::HashSet<(&str, usize)>>,
) -> bool {
    let def = &file.defs[d as usize];
    let clauses: Vec<&crate::model::Def> = file
        .defs_of(def.module)
        .filter(|c| c.name == def.name && c.arity == def.arity)
        .collect();
    let atom_tails = clauses.iter().all(|c| {
        c.body.is_some_and(|body| {
            let mut tails = Vec::new();
            ast::tail_values(body, file.src, &mut tails) && tails.iter().all(|n| ast::atom_name(*n, file.src).is_some())
        })
    });
    atom_tails
        || def
            .module
            .and_then(|m| specs.get(&m))
            .is_some_and(|specs| specs.contains(&(def.name, def.arity)))
}

/// (name, arity) of each `@spec name(args) :: :ok` (or a union of atoms) in the
/// module.
fn atom_only_specs<'s>(file: &File<'s>, module: crate::model::Id) -> std::collections::HashSet<(&'s str, usize)> {
    let f = &grammar().fields;
    let Some(module) = file.modules.get(module as usize) else {
        return Default::default();
    };
    // Specs are not among the file's attributes (they are never executed).
    file.nodes_within(grammar().kinds.unary_operator, module.node)
        .filter(|n| ast::operator(*n, file.src) == "@")
        .filter_map(|n| ast::field(n, f.operand))
        .filter(|operand| ast::local_call_name(*operand, file.src) == Some("spec"))
        .filter_map(|operand| ast::call_arguments(operand)?.named_child(0))
        .filter_map(|value| {
            let spec = if ast::is_binary_op(value, file.src, "when") {
                ast::field(value, f.left)?
            } else {
                value
            };
            ast::is_binary_op(spec, file.src, "::").then_some(spec)
        })
        .filter(|spec| ast::field(*spec, f.right).is_some_and(|ret| atom_union(file, ret)))
        .filter_map(|spec| {
            let head = ast::field(spec, f.left)?;
            let name = ast::local_call_name(head, file.src)?;
            Some((name, ast::call_arguments(head).map_or(0, |a| a.named_child_count())))
        })
        .collect()
}

/// `:ok`, or `:ok | :skipped | ...`.
fn atom_union(file: &File, node: Node) -> bool {
    let f = &grammar().fields;
    if ast::is_binary_op(node, file.src, "|") {
        return [f.left, f.right]
            .into_iter()
            .all(|side| ast::field(node, side).is_some_and(|n| atom_union(file, n)));
    }
    ast::atom_name(node, file.src).is_some()
}

/// The literal runs of a message or of an expected-message pattern (a string or a
/// `~r` sigil), long enough to name one failure: `"migrations have not been run"`.
/// The literal parts of an `assert_raise` message: written in place, or bound to a
/// variable first (`message = """ ... """`, then `assert_raise(Error, message, fn ...)`).
fn expected_message_parts(file: &File, assert_raise: &Call) -> Vec<String> {
    let k = &grammar().kinds;
    let Some(message) = assert_raise.arg(1) else {
        return Vec::new();
    };
    if message.kind_id() != k.identifier {
        return literal_parts(file, message);
    }
    let name = file.text(message);
    let Some(test) = file.test(&assert_raise.ctx) else {
        return Vec::new();
    };
    ast::descendants(test.node)
        .filter(|n| ast::is_binary_op(*n, file.src, "=") && n.end_byte() <= message.start_byte())
        .filter(|n| {
            ast::field(*n, grammar().fields.left)
                .is_some_and(|l| l.kind_id() == k.identifier && file.text(l) == name)
        })
        .filter_map(|n| ast::field(n, grammar().fields.right))
        .flat_map(|right| literal_parts(file, right))
        .collect()
}

fn literal_parts(file: &File, node: Node) -> Vec<String> {
    const REGEX_SYNTAX: &[char] = &['.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$', '\\'];
    ast::descendants(node)
        .filter(|n| n.kind() == "quoted_content")
        .flat_map(|n| file.text(n).split(REGEX_SYNTAX))
        .map(str::trim)
        .filter(|part| part.len() >= 12)
        .map(str::to_string)
        .collect()
}

fn conclude(facts: &[(usize, &Facts)], report: &mut ProjectReport) {
    let all: Vec<(usize, &Fact)> = each_fact(facts);
    for (file, fact) in &all {
        let Fact::Unasserted {
            name,
            scope,
            at,
            calls,
            clicks,
        } = fact
        else {
            continue;
        };
        if !calls.iter().any(|call| asserting_helper(&all, call)) {
            report.add(*file, at.clone(), asserts_nothing(name, *clicks), scope.clone());
        }
    }
    for (file, fact) in &all {
        let Fact::Tests {
            tested,
            name,
            at,
            checks_failure: false,
            calls,
        } = fact
        else {
            continue;
        };
        // Only the failures of functions the test module calls are its to check.
        let failing = all.iter().find_map(|(_, f)| match f {
            Fact::Fails {
                module,
                how,
                messages,
                functions,
            } if *module == hashed::hash(tested) && calls.iter().any(|c| functions.contains(c)) => {
                Some((*how, messages))
            }
            _ => None,
        });
        // Another test file expects one of its raise messages: the failure is checked
        // where the API that reaches it is tested.
        let checked_elsewhere = |messages: &Vec<String>| {
            all.iter().any(|(_, f)| match f {
                Fact::ExpectsRaise { parts } => {
                    // Either way round: the test may expect a message with the
                    // interpolations filled in, around a literal piece of the raise;
                    // a piece that short ("invalid state") would match by chance.
                    parts.iter().any(|p| {
                        messages
                            .iter()
                            .any(|m| m.contains(p.as_str()) || m.len() >= 20 && p.contains(m.as_str()))
                    })
                }
                _ => false,
            })
        };
        // The doctests it runs expect a raise of the tested module.
        let doctested = calls.iter().any(|c| c == "doctest")
            && all.iter().any(|(_, f)| matches!(f, Fact::DocumentsFailure { module } if *module == hashed::hash(tested)));
        // A sibling suite whose name extends the module's last part
        // (`Mint.UnsafeProxyOptsTest` beside `Mint.UnsafeProxyTest`) checks a failure:
        // the error paths have a test module of their own (R32 mint). A module under
        // it (`Ecto.ChangesetTest` for `Ecto`) tests another module.
        let sibling = |other: &String| {
            other != name
                && other
                    .strip_prefix(tested.as_str())
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
        };
        let sibling_checks = all.iter().any(|(_, f)| match f {
            Fact::Tests { name: other, checks_failure: true, .. } | Fact::ChecksFailures { name: other } => sibling(other),
            _ => false,
        });
        if let Some((how, messages)) = failing
            && !checked_elsewhere(messages)
            && !doctested
            && !sibling_checks
        {
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

/// Is `(module, name, arity)` an asserting helper of the project? A call without a
/// module (imported by a case template's `using`) matches a helper of that name in
/// any test or test-support module.
fn asserting_helper(all: &[(usize, &Fact)], (module, name, arity): &(Option<String>, String, usize)) -> bool {
    all.iter().any(|(_, f)| match f {
        Fact::Helper { module: m, name: n, arities } => {
            n == name && arities.contains(arity) && module.as_ref().is_none_or(|module| module == m)
        }
        _ => false,
    })
}

/// `[["fails", module hash, how, [message part, ...], [function hash, ...]], ["expects_raise",
/// [part, ...]], ["tests", tested, name, start, end, checks_failure, [function, ...]],
/// ["helper", module, name, min, max], ["unasserted", name, scope, start, end,
/// [[module|null, name, arity], ...], clicks]]`.
fn encode(facts: &Facts) -> Option<serde_json::Value> {
    let facts = facts.downcast_ref::<Vec<Fact>>()?;
    Some(serde_json::Value::Array(
        facts
            .iter()
            .map(|f| match f {
                Fact::Fails {
                    module,
                    how,
                    messages,
                    functions,
                } => serde_json::json!(["fails", module, how, messages, functions]),
                Fact::ExpectsRaise { parts } => serde_json::json!(["expects_raise", parts]),
                Fact::DocumentsFailure { module } => serde_json::json!(["documents_failure", module]),
                Fact::Tests {
                    tested,
                    name,
                    at,
                    checks_failure,
                    calls,
                } => serde_json::json!(["tests", tested, name, at.start, at.end, checks_failure, calls]),
                Fact::Helper {
                    module,
                    name,
                    arities,
                } => serde_json::json!(["helper", module, name, arities.start(), arities.end()]),
                Fact::Unasserted {
                    name,
                    scope,
                    at,
                    calls,
                    clicks,
                } => serde_json::json!(["unasserted", name, scope, at.start, at.end, calls, clicks]),
                Fact::ChecksFailures { name } => serde_json::json!(["checks_failures", name]),
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
                module: f.get(1)?.as_u64()?,
                // The two ways `collect` names, as static text again.
                how: ["raises", "returns `{:error, _}`"].into_iter().find(|h| Some(*h) == text(2))?,
                messages: strings(f.get(3)?)?,
                functions: serde_json::from_value(f.get(4)?.clone()).ok()?,
            },
            "expects_raise" => Fact::ExpectsRaise {
                parts: strings(f.get(1)?)?,
            },
            "documents_failure" => Fact::DocumentsFailure {
                module: f.get(1)?.as_u64()?,
            },
            "tests" => Fact::Tests {
                tested: text(1)?.to_string(),
                name: text(2)?.to_string(),
                at: number(3)?..number(4)?,
                checks_failure: f.get(5)?.as_bool()?,
                calls: strings(f.get(6)?)?,
            },
            "helper" => Fact::Helper {
                module: text(1)?.to_string(),
                name: text(2)?.to_string(),
                arities: number(3)?..=number(4)?,
            },
            "unasserted" => Fact::Unasserted {
                name: text(1)?.to_string(),
                scope: text(2)?.to_string(),
                at: number(3)?..number(4)?,
                calls: decode_calls(f.get(5)?)?,
                clicks: f.get(6).and_then(|v| v.as_bool()).unwrap_or(false),
            },
            "checks_failures" => Fact::ChecksFailures {
                name: text(1)?.to_string(),
            },
            _ => return None,
        });
    }
    Some(Box::new(facts))
}

fn strings(value: &serde_json::Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|s| s.as_str().map(str::to_string))
        .collect()
}

/// `[[module|null, name, arity], ...]`.
fn decode_calls(value: &serde_json::Value) -> Option<Vec<(Option<String>, String, usize)>> {
    value
        .as_array()?
        .iter()
        .map(|c| {
            let c = c.as_array()?;
            let module = match c.first()? {
                serde_json::Value::Null => None,
                m => Some(m.as_str()?.to_string()),
            };
            Some((module, c.get(1)?.as_str()?.to_string(), c.get(2)?.as_u64()? as usize))
        })
        .collect()
}
