//! `code/unused-operation`: Result of a pure call is discarded. See `unused_operation.md`.
//!
//! Credo's `Unused{Enum,String,List,Keyword,Tuple,Map,Path,Regex,File}Operation`, plus
//! `Stream` (a discarded stream never runs). A call to one of these modules whose
//! value is thrown away: a statement that is not the last of its block (also when it
//! ends a pipe chain), anything in an `after` block, the last statement of a branch
//! of a construct whose value is thrown away, an element of a discarded literal, or
//! the last statement of a `test` body, which ExUnit ignores. Values that are used
//! stay quiet: arguments, matches, the last expression of a function, an fn or a
//! `setup`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "code/unused-operation",
    title: "Result of a pure call is discarded",
    severity: Severity::Warning,
    scopes: LIB_AND_TEST,
    fix: Fixability::Safe,
    default_enabled: true,
    params: &[ParamSpec {
        name: "modules",
        doc: "Modules whose discarded results are reported (Enum, Stream, String, List, Keyword, Tuple, Map, Path, Regex, File).",
        default: || ParamValue::List(MODULES.iter().map(|m| m.to_string()).collect()),
    }],
    credo: &[
        "Credo.Check.Warning.UnusedEnumOperation",
        "Credo.Check.Warning.UnusedStringOperation",
        "Credo.Check.Warning.UnusedListOperation",
        "Credo.Check.Warning.UnusedKeywordOperation",
        "Credo.Check.Warning.UnusedTupleOperation",
        "Credo.Check.Warning.UnusedMapOperation",
        "Credo.Check.Warning.UnusedPathOperation",
        "Credo.Check.Warning.UnusedRegexOperation",
        "Credo.Check.Warning.UnusedFileOperation",
    ],
    supersedes: &[],
    guide: include_str!("unused_operation.md"),
    check,
    project: None,
};

/// Every module the rule knows, the default of `modules`.
pub const MODULES: &[&str] = &[
    "Enum", "Stream", "String", "List", "Keyword", "Tuple", "Map", "Path", "Regex", "File",
];

/// `File` functions that only read: the others (`write`, `rm`, `mkdir_p`...) are
/// called for their effect.
const FILE_READERS: &[&str] = &[
    "exists?",
    "dir?",
    "regular?",
    "read",
    "stat",
    "lstat",
    "ls",
    "cwd",
    "read_link",
];

/// The functions of Elixir's `Map`, every one of them pure.
const MAP_FUNCTIONS: &[&str] = &[
    "delete", "drop", "equal?", "fetch", "fetch!", "filter", "from_keys", "from_struct",
    "get", "get_and_update", "get_and_update!", "get_lazy", "has_key?", "intersect", "keys",
    "merge", "new", "pop", "pop!", "pop_lazy", "put", "put_new", "put_new_lazy", "reject",
    "replace", "replace!", "replace_lazy", "split", "split_with", "take", "to_list", "update",
    "update!", "values",
];

fn check(file: &File, report: &mut Report) {
    let modules = report.param_list("modules");
    let src = file.src;
    for call in &file.calls {
        let Some(module) = call.module.as_deref() else {
            continue;
        };
        if call.capture || !modules.iter().any(|m| m == module) || !is_pure(file, call, module) {
            continue;
        }
        let ctx = &call.ctx;
        if ctx.def.is_none() && ctx.test.is_none() && ctx.func.is_none() {
            // Module-body code: what it computes is not a function's value.
            continue;
        }
        if !is_discarded(file, call) {
            continue;
        }
        let written = call.display(src);
        if module == "Enum"
            && !function_argument(file, call).is_some_and(|f| has_effects(file, f))
            && let Some(source) = effectful_source(file, call)
        {
            // Enumerating starts processes or runs I/O: that is the statement's
            // action, not a pure value thrown away.
            report.add_info(file, ctx, call.node.byte_range(), run_only_message(src, &written, source));
            continue;
        }
        let enum_map = call.is("Enum", "map") && call.arity == 2;
        let effects = (module == "Enum" && !enum_map)
            .then(|| function_argument(file, call))
            .flatten()
            .filter(|f| has_effects(file, *f));
        if effects.is_some_and(|fun| threads_state(file, call, fun)) {
            // An effectful reduce that carries state between steps (a cache, a
            // counter) is "each with state": no Enum function says it better.
            continue;
        }
        let runs_a_stream = effects.is_none() && module == "Enum" && consumes_stream(file, call);
        let runs_a_made_stream = runs_a_stream && made_by_stream_function(file, call);
        let missing_assertion =
            module == "Enum" && file.scope == crate::FileScope::Test && ctx.test.is_some() && PREDICATES.contains(&call.name);
        // `Enum.all?(rows, fn row -> ...; assert ... end)`: the function checks each
        // element itself, and a passing `assert` returns its truthy value.
        let in_test = module == "Enum" && file.scope == crate::FileScope::Test && ctx.test.is_some();
        // `Enum.map` visits every element whatever its function returns, so a `refute`
        // checks each as well as an `assert` does.
        let checks: &[&str] = if enum_map { &["assert", "refute"] } else { &["assert"] };
        let asserts = (missing_assertion || in_test && enum_map) && ends_in_assert(file, call, checks);
        // `Enum.map(& &1.list_of_stuff)`: `Enum.each/2` would run nothing either. Making
        // atoms (`String.to_atom/1`, on purpose before `to_existing_atom` calls) or
        // raising on bad input (`Integer.parse!`-style names) is something.
        let computes_only = enum_map
            && !runs_a_stream
            && function_argument(file, call).is_some_and(|f| {
                !has_effects(file, f)
                    && !file.calls_within(f).any(|c| c.name.contains("to_atom") || c.name.contains("existing_atom") || c.name.ends_with('!'))
            });
        let message = if asserts && matches!(call.name, "any?" | "find") {
            format!(
                "`{written}` stops at the first element for which its function returns a truthy value, and its function ends in an `assert`, which returns one when it passes: only the first element is checked; use `Enum.each/2` so that every element is"
            )
        } else if asserts {
            let dropped = if enum_map { "the list it builds" } else { "the answer" };
            format!(
                "`{written}` runs its function for the assertions inside it, and {dropped} is discarded: every element is checked and nothing is lost, but `Enum.each/2` says that the checks are the point"
            )
        } else if missing_assertion {
            missing_assertion_message(&written, call.name)
        } else if enum_map && runs_a_made_stream {
            // The advice depends on whether the function checks each element: a head
            // that matches (`fn {:ok, _} -> ... end`) is lost with `Stream.run/1`; an
            // identity (`& &1`, R38 elixir_agent) checks nothing.
            match function_argument(file, call).and_then(|f| matching_head(file, f)) {
                Some(head) => format!(
                    "`{written}` consumes a lazy stream whose production does the work (what a `*stream*` function, or a call given `return_stream?: true`, returns) and drops the mapped results; `Enum.each/2` says that, and keeps the `fn`'s pattern match (`{head}`), which `Stream.run/1` would not check"
                ),
                None => format!(
                    "`{written}` consumes a lazy stream whose production does the work (what a `*stream*` function, or a call given `return_stream?: true`, returns) and drops the mapped results, and its function checks nothing; `Stream.run/1`, or `Enum.each/2` as the fix writes it, says that running it is the point"
                ),
            }
        } else if enum_map && computes_only {
            format!(
                "`{written}` builds a list that is discarded, and its function only computes: the call does nothing (what it is given still runs); remove it, or use the list (in a test, assert on it)"
            )
        } else if enum_map {
            format!(
                "`{written}` builds a result that is discarded; use `Enum.each/2` for side effects or use the result"
            )
        } else if effects.is_some() && module == "Enum" && SHORT_CIRCUITING.contains(&call.name) {
            // `Enum.each` would visit the elements after the one the function turns
            // down, which this call never does: a different program, so not the advice.
            format!(
                "`{written}` stops at the first element its function answers for, and that answer is discarded: the elements after it are skipped without a word; act on the answer (`... || raise ...`), or use `Enum.each/2` if every element must be visited"
            )
        } else if let Some(spelling) = effects.and(each_spelling(call)) {
            shaped_arguments_message(&written, spelling)
        } else if effects.is_some() {
            run_for_effects_message(&written)
        } else if runs_a_stream {
            format!(
                "`{written}` consumes a stream for what producing its elements does, and the result is discarded; end the pipeline with `Stream.run/1` (after `Stream.take/2` to limit it), or write `_ =` to show the result is dropped on purpose"
            )
        } else if module == "Stream" {
            format!(
                "`{written}` builds a lazy stream that is discarded, so it never runs; run it with `Stream.run/1` or use the result"
            )
        } else {
            format!("The result of `{written}` is discarded; use it or remove the call")
        };
        let d = report.add(file, ctx, call.node.byte_range(), message);
        if runs_a_made_stream && !missing_assertion {
            // Enumerating a stream made by a `*stream*` function runs whatever that
            // function does (requests, writes): the call works as written, and the
            // advice is only how to say so.
            d.severity(Severity::Info);
        }
        if asserts && call.target.kind_id() == grammar().kinds.dot
            && let Some(name) = ast::field(call.target, grammar().fields.right)
        {
            let edits = vec![Edit::replace(name.byte_range(), "each")];
            if matches!(call.name, "any?" | "find") {
                // Every element is then checked: a test that passed may fail, rightly.
                d.fix(Fix::unsafe_("Replace it with `Enum.each`, which checks every element", edits));
            } else {
                // Every element was already visited and checked: the same test.
                d.severity(Severity::Info);
                d.fix(Fix::safe("Replace it with `Enum.each`", edits));
            }
        }
        if effects.is_some() && each_spelling(call).is_some() && file.scope == crate::FileScope::Test {
            // Test code that works as written: the point is the spelling.
            d.severity(Severity::Info);
        }
        if enum_map
            && !asserts
            && !computes_only
            && !call.via_apply
            && !file.is_enclosing_function(ctx, "Enum", "each", 2)
            && call.target.kind_id() == grammar().kinds.dot
            && let Some(name) = ast::field(call.target, grammar().fields.right)
        {
            d.fix(Fix::safe(
                "Replace `Enum.map` with `Enum.each`",
                vec![Edit::replace(name.byte_range(), "each")],
            ));
        }
    }
}

/// `Enum` functions whose function answers yes or no about each element.
const PREDICATES: &[&str] = &["filter", "reject", "all?", "any?", "find"];

/// A discarded filter or check in a test: the answer is what the test is about, so
/// `Enum.each/2` would keep the calls and lose the check.
fn missing_assertion_message(written: &str, name: &str) -> String {
    let assert = match name {
        "all?" | "any?" => format!("`assert Enum.{name}(...)`"),
        "find" => "`assert Enum.find(...)`".to_string(),
        _ => "`assert [] = Enum.reject(...)`, or `assert Enum.all?(...)` for the elements that must pass".to_string(),
    };
    format!(
        "`{written}` answers a question about each element, and the answer is discarded: in a test that usually means a missing assertion; assert on it ({assert}), or use `Enum.each/2` if only what the function does matters"
    )
}

/// The `Enum` call's function is a one-clause `fn` whose last statement is one of
/// `checks` (`assert`), or a capture of one (`&assert(&1.name == "bob")`).
fn ends_in_assert(file: &File, call: &Call, checks: &[&str]) -> bool {
    let Some(fun) = function_argument(file, call) else {
        return false;
    };
    // `assert_received ^ref`, `refute_receive _`: ExUnit's other assertions check as
    // `assert` does (R32 bypass).
    let is_check = |n: Node| {
        ast::local_call_name(n, file.src).is_some_and(|name| {
            checks
                .iter()
                .any(|c| name == *c || name.strip_prefix(c).is_some_and(|rest| rest.starts_with('_')))
        })
    };
    if fun.kind_id() == grammar().kinds.unary_operator {
        return ast::field(fun, grammar().fields.operand).is_some_and(is_check);
    }
    ast::single_clause_body(fun)
        .and_then(|body| ast::statements(body).last())
        .is_some_and(is_check)
}

/// `Enum` functions that stop early, as soon as their function gives a deciding answer.
const SHORT_CIRCUITING: &[&str] = &["all?", "any?", "find", "find_value", "find_index", "take_while"];

/// The message for an `Enum` call whose function does something (sends, writes,
/// logs, calls code we cannot see): the call is there for that, so removing it is
/// never the advice.
fn run_for_effects_message(written: &str) -> String {
    format!(
        "`{written}` runs its function only for what it does, and the result is discarded; use `Enum.each/2`, which says so"
    )
}

/// `Enum.with_index(list, fn x, i -> ... end)` and `Enum.zip_with(lists, fn [a, b] ->
/// ... end)`: maps that shape what their function is given, which `Enum.each/2` alone
/// cannot; how to say "for effects" and keep that shape.
fn each_spelling(call: &Call) -> Option<(&'static str, &'static str)> {
    match (call.name, call.arity) {
        ("with_index", 2) => Some(("`list |> Enum.with_index() |> Enum.each(fn {x, i} -> ... end)`", "the index")),
        ("zip_with", 2) => Some(("`lists |> Enum.zip() |> Enum.each(fn {a, b, ...} -> ... end)`", "the zipped elements")),
        ("zip_with", 3) => Some(("`Enum.zip(left, right) |> Enum.each(fn {a, b} -> ... end)`", "the zipped elements")),
        _ => None,
    }
}

/// `Enum.each/2` alone has no index (or zipped elements) to pass, so the advice names
/// the pair that has.
fn shaped_arguments_message(written: &str, (spelling, passes): (&str, &str)) -> String {
    format!("`{written}` runs its function only for what it does, and the result is discarded; {spelling} says so and still passes {passes}")
}

/// A reduce whose function reads its accumulator: the accumulator is state the
/// steps share, not a result.
fn threads_state(file: &File, call: &Call, fun: Node) -> bool {
    matches!(call.name, "reduce" | "reduce_while" | "map_reduce") && accumulator_is_used(file, fun)
}

/// The call that makes the enumerable of `call` process-backed or effectful, found
/// by following its pipe (or nested calls) back through `Stream` and `Flow` steps:
/// any `Flow` function, `GenStage.stream/1`, `Task.async_stream`, `File.stream!`,
/// `IO.stream`, `Stream.resource/3`, `Stream.interval/1`, `Stream.timer/1`, or a
/// `Stream.repeatedly`/`iterate`/`unfold` whose function does something.
fn effectful_source<'a, 't>(file: &'a File<'t>, call: &Call<'t>) -> Option<&'a Call<'t>> {
    let mut subject = enumerable(file, call)?;
    loop {
        let inner = call_of(file, subject)?;
        if is_effectful_source(file, inner) {
            return Some(inner);
        }
        if inner.module.as_deref() != Some("Stream") {
            return None;
        }
        subject = inner.arg(0)?;
    }
}

/// The enumerable an `Enum` call is given, seen through a variable bound just before
/// in the same function or test (`stream = Task.async_stream(...)`, then
/// `Enum.to_list(stream)`): what was bound is what gets enumerated.
fn enumerable<'t>(file: &File<'t>, call: &Call<'t>) -> Option<Node<'t>> {
    let g = grammar();
    let subject = call.arg(0)?;
    if subject.kind_id() != g.kinds.identifier {
        return Some(subject);
    }
    let var = file.text(subject);
    let region = file
        .test(&call.ctx)
        .map(|t| t.node)
        .or_else(|| file.def(&call.ctx).map(|d| d.node))?;
    let bound = file
        .nodes_within(g.kinds.binary_operator, region)
        .filter(|n| n.end_byte() <= call.node.start_byte() && ast::is_binary_op(*n, file.src, "="))
        .filter(|n| ast::field(*n, g.fields.left).is_some_and(|l| l.kind_id() == g.kinds.identifier && file.text(l) == var))
        .last()
        .and_then(|n| ast::field(n, g.fields.right));
    Some(bound.unwrap_or(subject))
}

/// The call that `node` is: the call itself, or the `|>` expression it ends.
fn call_of<'a, 't>(file: &'a File<'t>, node: Node<'t>) -> Option<&'a Call<'t>> {
    let piped = ast::is_binary_op(node, file.src, "|>");
    file.calls_within(node)
        .find(|c| !c.capture && (c.node == node || piped && c.expr == node))
}

fn is_effectful_source(file: &File, call: &Call) -> bool {
    match (call.module.as_deref(), call.name) {
        // A flow runs in stages (processes) it starts when enumerated.
        (Some("Flow"), _) => true,
        (Some("GenStage"), "stream") => true,
        (Some("Task" | "Task.Supervisor"), name) => name.starts_with("async_stream"),
        (Some("File"), "stream!") | (Some("IO"), "stream" | "binstream") => true,
        (Some("Stream"), "resource" | "interval" | "timer") => true,
        (Some("Stream"), "repeatedly" | "iterate" | "unfold") => {
            function_argument(file, call).is_some_and(|f| has_effects(file, f))
        }
        _ => false,
    }
}

/// For an `Enum` call that only runs an effectful enumerable: say what runs, and
/// point at the function that runs it without collecting anything.
fn run_only_message(src: &str, written: &str, source: &Call) -> String {
    if source.in_module("Flow") {
        format!(
            "`{written}` runs the flow (its stages are processes it starts) and drops the events it collects; if running the flow is the point, `Flow.run/1` says so"
        )
    } else {
        let origin = source.display(src);
        format!(
            "`{written}` runs the stream from `{origin}` for what producing its elements does and drops them; if running it is the point, `Stream.run/1` says so (after `Stream.take/2` to keep a limit)"
        )
    }
}

/// Is the enumerable an effectful stream (`File.stream!/1`, `IO.stream/2`, a
/// `Stream` pipeline, a function named `*stream*` of another module)? Enumerating
/// it runs those effects, which is often the point.
fn consumes_stream(file: &File, call: &Call) -> bool {
    let Some(subject) = enumerable(file, call) else {
        return false;
    };
    // The enumerable may itself end a pipe (`ticks() |> Stream.each(...) |> Enum.to_list()`).
    let Some(mut source) = call_of(file, subject) else {
        return false;
    };
    // Down the `Stream` steps to where the elements come from: a step whose function
    // acts (`Stream.each(&send(pid, &1))`) or an effectful origin runs something; a
    // `Stream` pipeline over plain data (`[1, 2] |> Stream.map(...)`) does not.
    for _ in 0..16 {
        if source.capture {
            return false;
        }
        match source.module.as_deref() {
            Some("Stream") => {
                if is_effectful_source(file, source) || function_argument(file, source).is_some_and(|f| has_effects(file, f)) {
                    return true;
                }
                match source.arg(0).and_then(|a| call_of(file, a)) {
                    Some(next) => source = next,
                    None => return false,
                }
            }
            _ => return is_effectful_source(file, source) || hands_out_working_stream(file, source),
        }
    }
    false
}

/// A call, other than a `Stream` step, whose stream does its work as it is consumed:
/// a function of another module named `*stream*`, a call told `return_stream?: true`,
/// or a local function named so or returning an effectful source.
fn hands_out_working_stream(file: &File, c: &Call) -> bool {
    match c.module.as_deref() {
        Some(m) => !PURE_MODULES.contains(&m) && (c.name.contains("stream") || asks_for_stream(file, c)),
        None => c.name.contains("stream") || asks_for_stream(file, c) || returns_effectful_source(file, c),
    }
}

/// A local function whose last expression is an effectful source (`defp ticks(_),
/// do: GenStage.stream([{stage, max_demand: 10}])`): calling it hands one on.
fn returns_effectful_source(file: &File, call: &Call) -> bool {
    let Some(module) = file.module(&call.ctx) else {
        return false;
    };
    module
        .defs
        .iter()
        .map(|&d| &file.defs[d as usize])
        .filter(|d| call.local && d.name == call.name && d.arity == call.arity)
        .filter_map(|d| d.body)
        .any(|body| {
            let last = if body.kind_id() == grammar().kinds.do_block {
                ast::statements(body).filter(|n| n.kind_id() != grammar().kinds.comment).last()
            } else {
                Some(body)
            };
            last.and_then(|n| call_of(file, n)).is_some_and(|c| is_effectful_source(file, c))
        })
}

/// `Ash.bulk_create!(rows, Post, :create, return_stream?: true)`: a call told by its
/// options to return a lazy stream, whose work runs as the stream is consumed.
fn asks_for_stream(file: &File, c: &Call) -> bool {
    let Some(args) = c.arguments else {
        return false;
    };
    let text = file.text(args);
    ["return_stream?: true", "stream?: true", "stream: true"]
        .iter()
        .any(|option| text.match_indices(option).any(|(i, _)| i == 0 || !text.as_bytes()[i - 1].is_ascii_alphanumeric() && text.as_bytes()[i - 1] != b'_'))
}

/// Does the enumerable come, through any `Stream` steps, from a function named
/// `*stream*` (`Client.stream(...)`, a local `defp stream(ctx, opts)`) rather than from
/// data (`[1, 2] |> Stream.map(...)`, `Stream.repeatedly(fn -> :tick end)`)? Such a
/// function does its work (requests, writes) as the stream is consumed.
fn made_by_stream_function(file: &File, call: &Call) -> bool {
    let Some(mut subject) = enumerable(file, call) else {
        return false;
    };
    while let Some(inner) = call_of(file, subject) {
        match inner.module.as_deref() {
            Some("Stream") => match inner.arg(0) {
                Some(next) => subject = next,
                None => return false,
            },
            _ => return hands_out_working_stream(file, inner),
        }
    }
    false
}

/// The pattern of a one-clause `fn` head that can fail to match (`{:ok, _}`), as
/// written; `None` for plain variables, `_`, and captures.
fn matching_head<'s>(file: &File<'s>, fun: Node) -> Option<&'s str> {
    let k = &grammar().kinds;
    if fun.kind_id() != k.anonymous_function {
        return None;
    }
    let clause = ast::named_children(fun).find(|c| c.kind_id() == k.stab_clause)?;
    let head = ast::field(clause, grammar().fields.left)?;
    let args: Vec<Node> = ast::named_children(head).collect();
    args.iter().any(|a| a.kind_id() != k.identifier).then(|| file.text(head))
}

/// The function argument of a call: an `fn` or a `&` capture, the last one written.
fn function_argument<'t>(file: &File, call: &Call<'t>) -> Option<Node<'t>> {
    let k = &grammar().kinds;
    call.args.iter().rev().copied().find(|a| {
        a.kind_id() == k.anonymous_function
            || (a.kind_id() == k.unary_operator && file.text(*a).starts_with('&'))
    })
}

/// Calls that only compute a value, inside an `Enum` function's function.
const PURE_MODULES: &[&str] = &[
    "Enum", "Stream", "String", "List", "Keyword", "Tuple", "Map", "MapSet", "Path", "Regex",
    "Integer", "Float", "Access", "Date", "DateTime", "NaiveDateTime", "Time",
];
const KERNEL_EFFECTS: &[&str] = &[
    "send", "spawn", "spawn_link", "spawn_monitor", "apply", "exit", "throw", "raise", "reraise",
];

/// Does the function do something besides computing a value? Any call outside the
/// pure modules counts, including local helpers and `fun.(x)`, which we cannot see.
fn has_effects(file: &File, fun: Node) -> bool {
    file.calls_within(fun).any(|c| match c.module.as_deref() {
        Some("Kernel") => KERNEL_EFFECTS.contains(&c.name),
        Some(m) => !PURE_MODULES.contains(&m),
        None => true,
    }) || has_anonymous_call(file, fun)
}

/// `fun.(x)`: a call of a function value, which the model does not list as a call.
fn has_anonymous_call(file: &File, fun: Node) -> bool {
    let k = &grammar().kinds;
    ast::descendants(fun).any(|n| {
        n.kind_id() == k.call
            && n.named_child(0).is_some_and(|t| {
                t.kind_id() == k.dot && file.text(t).ends_with('.') && !file.text(t).ends_with("..")
            })
    })
}

/// Is the accumulator (the last parameter of the fn) read in some clause's body?
fn accumulator_is_used(file: &File, fun: Node) -> bool {
    let k = &grammar().kinds;
    if fun.kind_id() != k.anonymous_function {
        // A capture of a named function: assume it uses what it is given.
        return true;
    }
    ast::named_children(fun)
        .filter(|c| c.kind_id() == k.stab_clause)
        .any(|clause| {
            let Some(mut params) = ast::field(clause, grammar().fields.left) else {
                return false;
            };
            // `fn x, acc when is_integer(x) -> ...`: the parameters are left of `when`;
            // a guard that reads the accumulator (`fn next, prev when prev < next`, a
            // pairwise order check) reads it as the body does.
            let mut guard = None;
            if ast::is_binary_op(params, file.src, "when") {
                guard = ast::field(params, grammar().fields.right);
                match ast::field(params, grammar().fields.left) {
                    Some(l) => params = l,
                    None => return false,
                }
            }
            let Some(acc) = ast::named_children(params)
                .filter(|p| p.kind_id() != k.comment)
                .last()
            else {
                return false;
            };
            let names: Vec<&str> = ast::descendants(acc)
                .chain(std::iter::once(acc))
                .filter(|n| n.kind_id() == k.identifier)
                .map(|n| file.text(n))
                .filter(|n| !n.starts_with('_'))
                .collect();
            let body = ast::field(clause, grammar().fields.right);
            body.into_iter().chain(guard).any(|b| {
                ast::descendants(b)
                    .chain(std::iter::once(b))
                    .any(|n| n.kind_id() == k.identifier && names.contains(&file.text(n)))
            })
        })
}

/// Functions of `module` that only compute a value.
fn is_pure(file: &File, call: &Call, module: &str) -> bool {
    match module {
        "Enum" => match call.name {
            "each" => false,
            // `Enum.into(lines, File.stream!(path))` writes; into a literal it only builds.
            "into" => call.arg(1).is_some_and(|c| is_plain_collectable(file, c)),
            _ => true,
        },
        "Stream" => call.name != "run",
        "File" => FILE_READERS.contains(&call.name),
        // `Keyword.validate!(opts, [...])` is called to raise on bad options.
        "Keyword" => call.name != "validate!",
        // Only functions `Map` has: an unknown name is someone else's problem.
        "Map" => MAP_FUNCTIONS.contains(&call.name),
        _ => true,
    }
}

/// `%{}`, `[]`, `%MapSet{}`/`MapSet.new()`: collecting into these has no effect.
fn is_plain_collectable(file: &File, node: Node) -> bool {
    let k = &grammar().kinds;
    let kind = node.kind_id();
    kind == k.map
        || kind == k.list
        || (kind == k.call && file.text(node).starts_with("MapSet.new("))
}

/// Is the value of the call's expression thrown away?
fn is_discarded(file: &File, call: &Call) -> bool {
    let expr = enclosing_literal(file, call.expr);
    if value_discarded(file, expr) {
        return true;
    }
    let Some(parent) = file.parent(expr) else {
        return false;
    };
    // ExUnit ignores what a test body returns.
    if let Some(test) = file.test(&call.ctx)
        && test.kind == TestKind::Test
        && let Some(body) = test.body
    {
        return body == expr || (body == parent && !has_later_statement(expr));
    }
    false
}

/// The outermost list, tuple or map literal that `node` is an element of (or `node`
/// itself): a literal passes on what happens to its value, so `[:tag, String.trim(s)]`
/// on a line of its own discards the trimmed string.
fn enclosing_literal<'t>(file: &File<'t>, node: Node<'t>) -> Node<'t> {
    let k = &grammar().kinds;
    let mut node = node;
    while let Some(parent) = file.parent(node) {
        let kind = parent.kind_id();
        let literal = kind == k.list || kind == k.tuple || kind == k.map || kind == k.map_content;
        // `[a: x]`, `%{a: x}`: a pair in keywords inside a literal (not a call's
        // keyword arguments, nor `do:`).
        let in_literal = |keywords: Option<Node>| {
            keywords
                .filter(|kw| kw.kind_id() == k.keywords)
                .and_then(|kw| file.parent(kw))
                .is_some_and(|p| p.kind_id() == k.list || p.kind_id() == k.map_content)
        };
        let element = (kind == k.pair
            && ast::field(parent, grammar().fields.value) == Some(node)
            && in_literal(file.parent(parent)))
            || (kind == k.keywords && in_literal(Some(parent)));
        if !(literal || element) {
            break;
        }
        node = parent;
    }
    node
}

/// Does the program drop the value of `node`? True for a statement followed by
/// another one, for anything in an `after` block (its value is always dropped), and
/// for the last statement of a branch (`if`/`else`, a `case`, `cond`, `receive`,
/// `with` or `try` clause, `rescue`, `catch`) of a construct whose own value is
/// dropped.
fn value_discarded(file: &File, node: Node) -> bool {
    let k = &grammar().kinds;
    let Some(parent) = file.parent(node) else {
        return false;
    };
    let kind = parent.kind_id();
    if kind == k.after_block {
        return true;
    }
    if kind == k.pair {
        // `if ok?, do: a, else: b`: the keyword form of the branches.
        return keyword_branch_of(file, parent)
            .is_some_and(|construct| value_discarded(file, enclosing_literal(file, construct)));
    }
    if ![k.do_block, k.body, k.block, k.source, k.else_block].contains(&kind) {
        return false;
    }
    if kind == k.block && file.parent(parent).is_some_and(|p| p.kind_id() == k.arguments) {
        // `check!((a; b))`: a block of statements as an argument is a macro's input
        // (quoted code), not code whose values are dropped.
        return false;
    }
    if has_later_statement_in_block(node) {
        return true;
    }
    branch_construct(file, parent)
        .is_some_and(|construct| value_discarded(file, enclosing_literal(file, construct)))
}

/// Constructs whose value is the value of the branch that ran.
const BRANCHING: &[&str] = &["if", "unless", "case", "cond", "receive", "with", "try"];

/// The construct whose branch `block` (a `do_block`, `else_block`, clause `body` or
/// parenthesized `block`) is, when its value is the branch's value.
fn branch_construct<'t>(file: &File<'t>, block: Node<'t>) -> Option<Node<'t>> {
    let k = &grammar().kinds;
    let kind = block.kind_id();
    if kind == k.block {
        return Some(block);
    }
    let mut container = block;
    if kind == k.body {
        let clause = file.parent(block).filter(|p| p.kind_id() == k.stab_clause)?;
        // A fn's clause: its last statement is the fn's return value.
        container = clause
            .parent()
            .filter(|p| p.kind_id() != k.anonymous_function)?;
    }
    let branch_blocks = [k.else_block, k.rescue_block, k.catch_block];
    if branch_blocks.contains(&container.kind_id()) {
        container = file.parent(container)?;
    }
    if container.kind_id() != k.do_block {
        return None;
    }
    let construct = file.parent(container).filter(|p| p.kind_id() == k.call)?;
    let name = ast::local_call_name(construct, file.src)?;
    BRANCHING.contains(&name).then_some(construct)
}

/// `do:`/`else:` of an `if`/`unless` written with keywords: that call.
fn keyword_branch_of<'t>(file: &File<'t>, pair: Node<'t>) -> Option<Node<'t>> {
    let key = ast::field(pair, grammar().fields.key)?;
    if !matches!(ast::keyword_name(key, file.src), "do" | "else") {
        return None;
    }
    let construct = file.parent(pair)?.parent()?.parent()?;
    let name = ast::local_call_name(construct, file.src)?;
    matches!(name, "if" | "unless").then_some(construct)
}

/// Is a statement (not a clause block) written after `node` in its block?
fn has_later_statement_in_block(node: Node) -> bool {
    let k = &grammar().kinds;
    let not_statements = [
        k.comment,
        k.after_block,
        k.rescue_block,
        k.catch_block,
        k.else_block,
    ];
    let mut next = node.next_named_sibling();
    while let Some(n) = next {
        if !not_statements.contains(&n.kind_id()) {
            return true;
        }
        next = n.next_named_sibling();
    }
    false
}

fn has_later_statement(node: Node) -> bool {
    let comment = grammar().kinds.comment;
    let mut next = node.next_named_sibling();
    while let Some(n) = next {
        if n.kind_id() != comment {
            return true;
        }
        next = n.next_named_sibling();
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::config::ParamValue;
    use crate::{Config, Engine};

    const SRC: &str = "defmodule A do\n  def f(s, xs) do\n    String.trim(s)\n    Enum.map(xs, &g/1)\n    Stream.map(xs, &g/1)\n    :ok\n  end\n  def g(x), do: x\nend\n";

    fn lines(config: Config) -> Vec<u32> {
        Engine::new(config)
            .check("lib/a.ex", SRC)
            .findings
            .iter()
            .filter(|f| f.rule == "code/unused-operation")
            .map(|f| f.start.line)
            .collect()
    }

    #[test]
    fn only_functions_map_has_are_reported() {
        let src = "defmodule A do\n  def f(m) do\n    Map.from_struct!(m)\n    Map.keys(m)\n    m\n  end\nend\n";
        let lines: Vec<u32> = Engine::new(Config::default())
            .check("lib/a.ex", src)
            .findings
            .iter()
            .filter(|f| f.rule == "code/unused-operation")
            .map(|f| f.start.line)
            .collect();
        assert_eq!(lines, [4]);
    }

    #[test]
    fn modules_param_narrows_the_rule() {
        assert_eq!(lines(Config::default()), [3, 4, 5]);
        let mut config = Config::default();
        config
            .set_param(
                "code/unused-operation",
                "modules",
                ParamValue::List(vec!["Stream".into()]),
            )
            .unwrap();
        assert_eq!(lines(config), [5]);
    }
}
