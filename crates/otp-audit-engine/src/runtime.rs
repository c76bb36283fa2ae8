//! Elixir's own runtime: the modules that implement tasks, supervisors, the
//! compiler, ExUnit, Mix and IEx out of raw processes.
//!
//! Rules that recommend an OTP abstraction over a primitive (`send`, `spawn`, the
//! process dictionary, an infinite wait...) do not apply there: those modules are
//! where the primitive is turned into the abstraction (`Task.Supervised` spawns so
//! that `Task.start` does not have to), and the rules' advice would point at them.

use crate::model::{Call, File};

/// Rules whose advice is "use the abstraction instead of the primitive".
pub const PRIMITIVE_RULES: &[&str] = &[
    "otp/no-raw-send",
    "otp/no-raw-spawn",
    "otp/no-erlang-send",
    "otp/unsupervised-start",
    "otp/no-process-dictionary",
    "otp/infinity-timeout",
    "otp/handle-info-catch-all",
    "otp/trap-exit-unhandled",
];

/// Top-level namespaces of Elixir's standard library and tools that build processes.
/// A project cannot define modules there without clashing with Elixir itself (Mix
/// tasks aside, which run from a developer's command line with no supervision tree).
const RUNTIME_NAMESPACES: &[&str] = &[
    "Agent",
    "Code",
    "Config",
    "DynamicSupervisor",
    "EEx",
    "ExUnit",
    "File",
    "GenEvent",
    "GenServer",
    "IEx",
    "Kernel",
    "Logger",
    "Mix",
    "Module",
    "Node",
    "PartitionSupervisor",
    "Port",
    "Process",
    "Registry",
    "Supervisor",
    "System",
    "Task",
];

/// Elixir's protocols: `defimpl Enumerable, for: File.Stream` defines the module
/// `Enumerable.File.Stream`, which belongs to the type it implements for.
const PROTOCOLS: &[&str] = &[
    "Collectable.",
    "Enumerable.",
    "Inspect.",
    "List.Chars.",
    "String.Chars.",
];

pub fn is_runtime_module(name: &str) -> bool {
    if let Some(for_type) = PROTOCOLS.iter().find_map(|p| name.strip_prefix(p)) {
        return is_runtime_module(for_type);
    }
    let top = name.split('.').next().unwrap_or(name);
    RUNTIME_NAMESPACES.contains(&top)
}

/// Top-level modules of Elixir's standard library that work on data, not processes:
/// a project cannot define them either, and their `fetch!`, `read` or `load` is a
/// lookup, not a wait on a store or a peer.
const DATA_MODULES: &[&str] = &[
    "Access",
    "Application",
    "Atom",
    "Base",
    "Bitwise",
    "Calendar",
    "Date",
    "DateTime",
    "Enum",
    "Exception",
    "Float",
    "Function",
    "IO",
    "Inspect",
    "Integer",
    "Keyword",
    "List",
    "Macro",
    "Map",
    "MapSet",
    "NaiveDateTime",
    "OptionParser",
    "Path",
    "Protocol",
    "Range",
    "Record",
    "Regex",
    "Stream",
    "String",
    "StringIO",
    "Time",
    "Tuple",
    "URI",
    "Version",
];

/// A module of Elixir itself: its runtime (see [`is_runtime_module`]) or its data modules.
pub fn is_elixir_module(name: &str) -> bool {
    let top = name.split('.').next().unwrap_or(name);
    DATA_MODULES.contains(&top) || is_runtime_module(name)
}

/// A call that ends the whole node: `System.halt/0,1`, `System.stop/0,1`,
/// `:init.stop/0,1` or `:erlang.halt/0,1,2`. Nothing runs after it, so there is no
/// orderly shutdown, reply or restart for the code around it to be part of.
pub(crate) fn ends_node(call: &Call) -> bool {
    call.is_any("System", &["halt", "stop"])
        || call.is(":init", "stop")
        || call.is(":erlang", "halt")
}

/// Is the byte inside a module (the innermost one around it) of Elixir's runtime, or
/// one that runs only under ExUnit?
pub fn in_runtime_module(file: &File, byte: usize) -> bool {
    file.modules
        .iter()
        .filter(|m| m.node.byte_range().contains(&byte))
        .min_by_key(|m| m.node.byte_range().len())
        .is_some_and(|m| is_runtime_module(&m.name) || runs_under_exunit(file, m))
}

/// A test helper shipped in `lib/` (`Phoenix.ChannelTest`, a library's `MyLib.Case`)
/// calls ExUnit's functions (`ExUnit.OnExitHandler`, `ExUnit.Callbacks.on_exit/1`,
/// `ExUnit.fetch_test_supervisor/0`): it only runs inside a test, whose process and
/// test supervisor own what it starts. It is ExUnit's machinery extended, like the
/// runtime above.
///
/// ExUnit's assertion macros spliced into a `quote` (`defmacro assert_ticked(id), do:
/// quote(do: assert_receive(...))`) count too: that code only compiles in a test. So
/// does `import ExUnit.Assertions`, whose `flunk/1` and `assert/1` then read as local calls.
pub(crate) fn runs_under_exunit(file: &File, module: &crate::model::Module) -> bool {
    in_test_namespace(file.path, &module.name)
        || file.calls_within(module.node).any(|c| {
            c.module
                .as_deref()
                .is_some_and(|m| m == "ExUnit" || m.starts_with("ExUnit."))
                || (c.ctx.quoted && c.module.is_none() && EXUNIT_MACROS.contains(&c.name))
                || (c.local
                    && c.name == "import"
                    && c.arg(0)
                        .is_some_and(|a| file.text(a).starts_with("ExUnit.")))
        })
}

/// A release task module (`MyApp.Release`, run with `bin/my_app eval
/// "MyApp.Release.migrate()"`): it runs in a one-off VM beside or instead of the
/// application, starts only what it needs, and ends with the command. Named `Release`
/// as the Phoenix and Mix release guides write it, or `ReleaseTasks` (with the task
/// modules nested in it), or driving `Ecto.Migrator`.
pub(crate) fn is_release_task(file: &File, module: &crate::model::Module) -> bool {
    // An application that migrates at boot drives `Ecto.Migrator` too, and runs for good.
    let application = module.uses.iter().any(|(m, _)| m == "Application");
    // `MyApp.ReleaseTasks` and the task modules nested in it (`MyApp.ReleaseTasks.Seeds`),
    // as Distillery-era projects name them.
    let task_namespace = module
        .name
        .split('.')
        .any(|s| matches!(s, "ReleaseTasks" | "ReleaseTask"));
    module.name.rsplit('.').next() == Some("Release")
        || task_namespace
        || !application
            && file.calls_within(module.node).any(|c| {
                c.module.as_deref() == Some("Ecto.Migrator")
                    && matches!(c.name, "with_repo" | "run")
            })
}

/// A module whose `@moduledoc` says it is meant for tests only (an in-memory adapter
/// "only designed for testing purposes", a fake "for tests only"): a library ships it
/// in `lib/` so that its users' test suites can start it, and there a 5 s exit is
/// the failure a test wants. Matched on a few plain phrases, not a guess at intent.
pub(crate) fn documented_for_tests(file: &File, module: &crate::model::Module) -> bool {
    moduledoc(file, module).is_some_and(says_for_tests)
}

/// Plain phrases that say code exists for tests only.
fn says_for_tests(text: &str) -> bool {
    const PHRASES: &[&str] = &[
        "for testing purposes",
        "for test purposes",
        "only for testing",
        "only for tests",
        "only in tests",
        "for tests only",
        "for testing only",
        "test-only",
        "only designed for testing",
        "only intended for testing",
        "only meant for testing",
        "only to be used in tests",
        "only meant to be used in tests",
        "only used in tests",
        "used only in tests",
        "made public for testing",
        "used internally by the test suite",
        "only by the test suite",
        "for testing/mocking",
        "for mocking",
        // The name for code a test suite forced into the design: there for tests.
        "test induced damage",
        "test-induced damage",
    ];
    let text = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    PHRASES.iter().any(|p| text.contains(p))
}

/// A function whose own comment or `@doc`, right above it, says it is for tests
/// only (`# Made public for testing. Only meant to be used in tests.`).
pub(crate) fn def_documented_for_tests(file: &File, def: &crate::model::Def) -> bool {
    let g = crate::syntax::grammar();
    let mut below = def.node;
    let mut node = def.node.prev_sibling();
    while let Some(n) = node {
        // Only what touches the def: a blank line ends its comment block.
        if n.end_position().row + 1 < below.start_position().row {
            return false;
        }
        let is_attribute =
            n.kind_id() == g.kinds.unary_operator && crate::syntax::operator(n, file.src) == "@";
        if n.kind_id() == g.kinds.comment || is_attribute && file.text(n).starts_with("@doc") {
            if says_for_tests(file.text(n)) {
                return true;
            }
        } else if !is_attribute {
            return false;
        }
        below = n;
        node = n.prev_sibling();
    }
    false
}

/// The text of the module's own `@moduledoc` (a direct statement of its body).
pub(crate) fn moduledoc<'t>(file: &File<'t>, module: &crate::model::Module<'t>) -> Option<&'t str> {
    module.moduledoc.map(|v| file.text(v))
}

/// A `@doc` or `@moduledoc` text, with the functions it documents.
pub(crate) struct Doc<'t> {
    pub(crate) text: &'t str,
    /// `@moduledoc`.
    pub(crate) of_module: bool,
    /// (name, arity) of the `def` that follows a `@doc`.
    pub(crate) functions: Vec<(&'t str, usize)>,
}

/// The `@doc` and `@moduledoc` texts written directly in `module`'s body, in order,
/// each `@doc` with the `def` that follows it.
pub(crate) fn module_docs<'t>(file: &File<'t>, module: &crate::model::Module<'t>) -> Vec<Doc<'t>> {
    let g = crate::syntax::grammar();
    let Some(body) = module.body else {
        return Vec::new();
    };
    let mut out: Vec<Doc<'t>> = Vec::new();
    let mut open: Option<usize> = None;
    for n in crate::syntax::named_children(body) {
        let attribute = (n.kind_id() == g.kinds.unary_operator
            && crate::syntax::operator(n, file.src) == "@")
            .then(|| crate::syntax::field(n, g.fields.operand))
            .flatten();
        if let Some(op) = attribute {
            let name = crate::syntax::local_call_name(op, file.src);
            if matches!(name, Some("doc" | "moduledoc")) {
                let text = crate::syntax::call_arguments(op)
                    .and_then(|a| a.named_child(0))
                    .map(|v| file.text(v));
                // `@doc type: :backend` beside the text is metadata, not a new doc.
                if let Some(text) = text.filter(|t| t.starts_with('"') || t.starts_with('~')) {
                    let of_module = name == Some("moduledoc");
                    out.push(Doc {
                        text,
                        of_module,
                        functions: Vec::new(),
                    });
                    open = (!of_module).then_some(out.len() - 1);
                }
            }
            continue;
        }
        if let (Some(i), Some(def)) = (
            open,
            module
                .defs
                .iter()
                .map(|&d| &file.defs[d as usize])
                .find(|d| d.node == n),
        ) {
            if out[i]
                .functions
                .last()
                .is_some_and(|f| *f != (def.name, def.arity))
            {
                open = None;
                continue;
            }
            if out[i].functions.is_empty() {
                out[i].functions.push((def.name, def.arity));
            }
        }
    }
    out
}

/// A test double by its name: the last segment starts or ends with `Mock`, `Fake`,
/// `Stub` or `Dummy` (`Payments.FakeGateway`, `MyLib.Mock`).
pub(crate) fn named_as_test_double(module: &str) -> bool {
    const WORDS: &[&str] = &["Mock", "Fake", "Stub", "Dummy"];
    let last = module.rsplit('.').next().unwrap_or(module);
    WORDS
        .iter()
        .any(|w| last.starts_with(w) || last.ends_with(w))
}

/// ExUnit assertions no other library defines under the same name.
const EXUNIT_MACROS: &[&str] = &[
    "assert_receive",
    "assert_received",
    "refute_receive",
    "refute_received",
    "assert_raise",
];

/// The processes behind a library's test API (`Phoenix.LiveViewTest.ClientProxy` in
/// `lib/phoenix_live_view/test/`) call no ExUnit function themselves; the module that
/// does is the API's entry point in another file. Such a module is known by both of its
/// names: the folder (`test/` inside `lib/`) and the namespace (a `...Test` segment
/// before its own). Either alone is too weak: `MyApp.ABTest.Variant` is production code.
fn in_test_namespace(path: &str, module: &str) -> bool {
    let path = path.replace('\\', "/");
    let folders: Vec<&str> = path.split('/').collect();
    let in_lib_test = folders
        .iter()
        .position(|f| *f == "lib")
        .is_some_and(|lib| folders[lib + 1..folders.len().saturating_sub(1)].contains(&"test"));
    let segments: Vec<&str> = module.split('.').collect();
    in_lib_test
        && segments[..segments.len().saturating_sub(1)]
            .iter()
            .any(|s| s.ends_with("Test"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_rule_exists() {
        for id in PRIMITIVE_RULES {
            assert!(crate::rules::by_id(id).is_some(), "{id} is not a rule");
        }
    }

    #[test]
    fn a_protocol_implementation_belongs_to_its_type() {
        assert!(is_runtime_module("Enumerable.File.Stream"));
        assert!(is_runtime_module("Inspect.Task"));
        assert!(!is_runtime_module("Enumerable.MyApp.Page"));
        assert!(!is_runtime_module("String.Chars.MyApp.Money"));
    }

    #[test]
    fn a_test_api_process_is_known_by_folder_and_namespace() {
        assert!(in_test_namespace(
            "lib/phoenix_live_view/test/client_proxy.ex",
            "Phoenix.LiveViewTest.ClientProxy"
        ));
        assert!(in_test_namespace(
            "apps/web/lib/web/test/driver.ex",
            "Web.PageTest.Driver"
        ));
        // One of the two names is not enough.
        assert!(!in_test_namespace(
            "lib/my_app/ab_test/variant.ex",
            "MyApp.ABTest.Variant"
        ));
        assert!(!in_test_namespace(
            "lib/my_app/test/variant.ex",
            "MyApp.Experiments.Variant"
        ));
        // The entry point itself calls ExUnit, and is found by that.
        assert!(!in_test_namespace(
            "lib/phoenix_live_view/test/live_view_test.ex",
            "Phoenix.LiveViewTest"
        ));
        assert!(!in_test_namespace(
            "test/support/test/driver.ex",
            "Web.PageTest.Driver"
        ));
    }

    #[test]
    fn only_the_top_namespace_counts() {
        assert!(is_runtime_module("Task.Supervised"));
        assert!(is_runtime_module("Mix.Tasks.Compile"));
        assert!(is_runtime_module("Kernel"));
        assert!(is_runtime_module("File.Stream"));
        assert!(!is_runtime_module("MyApp.Task.Runner"));
        assert!(!is_runtime_module("TaskRunner"));
        assert!(!is_runtime_module("Inspect.MyApp.Money"));
    }
}
