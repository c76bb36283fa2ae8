//! Where a file sits in a Mix project decides which rules apply to it. A file is
//! classified relative to the Mix project that holds it (the nearest folder above it
//! with a `mix.exs`), so nested projects (`installer/`, `integration_test/`,
//! umbrella `apps/*`, elixir-lang's `lib/<app>/`) get their own `lib/` and `test/`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileScope {
    /// `lib/**` of a Mix project: production code.
    Lib,
    /// `test/**/*_test.exs` of a Mix project, `test/support/` included (`mix test`
    /// runs them): ExUnit tests.
    Test,
    /// The rest of `test/`: `test_helper.exs`, `test/support/` helpers, fixtures;
    /// sleeps and sends are allowed there.
    TestSupport,
    /// Everything else: config, scripts, `mix.exs`.
    Other,
}

impl FileScope {
    pub fn as_str(self) -> &'static str {
        match self {
            FileScope::Lib => "lib",
            FileScope::Test => "test",
            FileScope::TestSupport => "test_support",
            FileScope::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<FileScope> {
        Some(match s {
            "lib" => FileScope::Lib,
            "test" => FileScope::Test,
            "test_support" | "test-support" => FileScope::TestSupport,
            "other" => FileScope::Other,
            _ => return None,
        })
    }

    /// Classify a path relative to the root of the Mix project that holds it (`/` or
    /// `\` separated). Without a `mix.exs` in view this is also the fallback: the
    /// first segment decides, and `apps/<name>/` (an umbrella child) is looked through.
    pub fn of_path(path: &str) -> FileScope {
        let norm = path.replace('\\', "/");
        let mut parts: Vec<&str> = norm
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .collect();
        // Umbrella children: apps/<name>/lib/... is an app's own lib.
        if parts.len() > 2 && parts[0] == "apps" {
            parts.drain(..2);
        }
        let file = parts.last().copied().unwrap_or("");
        let is_elixir = file.ends_with(".ex") || file.ends_with(".exs");
        match parts.first().copied() {
            Some("lib") if is_elixir => FileScope::Lib,
            // `mix test` runs every `*_test.exs` under `test/`, `test/support/` included.
            Some("test") if file.ends_with("_test.exs") => FileScope::Test,
            Some("test") => FileScope::TestSupport,
            _ => FileScope::Other,
        }
    }

    /// Classify a path given the folders (relative to the same place, `""` for the
    /// top) that hold a `mix.exs`: the path is taken relative to the nearest
    /// enclosing project. A `mix.exs` inside another project's `test/` folder is a
    /// test fixture, not a project of its own, so it does not count.
    pub fn classify(path: &str, mix_dirs: &[String]) -> FileScope {
        let norm = normalize(path);
        match project_root_of(&norm, mix_dirs) {
            Some(root) => FileScope::of_path(relative_to(&norm, root)),
            None => FileScope::of_path(&norm),
        }
    }
}

/// `/`-separated, without empty or `.` segments.
fn normalize(path: &str) -> String {
    path.replace('\\', "/")
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` without the folder `dir` in front (`dir` encloses it).
fn relative_to<'a>(path: &'a str, dir: &str) -> &'a str {
    if dir.is_empty() {
        path
    } else {
        &path[dir.len() + 1..]
    }
}

fn encloses(dir: &str, path: &str) -> bool {
    dir.is_empty()
        || (path.len() > dir.len() && path.starts_with(dir) && path.as_bytes()[dir.len()] == b'/')
}

/// The folder of the Mix project that holds `path`: the innermost enclosing
/// `mix.exs` folder that is not a fixture under an outer project's `test/`.
fn project_root_of<'a>(path: &str, mix_dirs: &'a [String]) -> Option<&'a str> {
    let mut enclosing: Vec<&str> = mix_dirs
        .iter()
        .map(|d| d.trim_matches('/'))
        .filter(|d| encloses(d, path))
        .collect();
    enclosing.sort_by_key(|d| d.len());
    let mut root: Option<&str> = None;
    for dir in enclosing {
        let inside_outer = root.map_or(dir, |r| relative_to(dir, r));
        let fixture = inside_outer == "test" || inside_outer.starts_with("test/");
        if !fixture {
            root = Some(dir);
        }
    }
    root
}

/// `apps/shop/lib/shop/cart.ex` -> `apps/shop/`: the Mix project a `lib/` or `test/`
/// file belongs to, read from its path alone (what a cross-file rule's facts carry,
/// without the engine's list of `mix.exs` folders).
pub(crate) fn mix_root(path: &str) -> Option<&str> {
    if path.starts_with("lib/") || path.starts_with("test/") {
        return Some("");
    }
    let at = path.find("/lib/").or_else(|| path.find("/test/"))?;
    Some(&path[..=at])
}

/// The folder of the Mix project that holds `path` (see [`FileScope::classify`]), or
/// `None` when no `mix.exs` encloses it.
pub fn project_root(path: &str, mix_dirs: &[String]) -> Option<String> {
    project_root_of(&normalize(path), mix_dirs).map(str::to_string)
}

/// The folders holding a `mix.exs`, from a project's file paths (`""` for the top).
pub fn mix_dirs<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut dirs: Vec<String> = paths
        .into_iter()
        .map(normalize)
        .filter_map(|p| match p.rsplit_once('/') {
            Some((dir, "mix.exs")) => Some(dir.to_string()),
            None if p == "mix.exs" => Some(String::new()),
            _ => None,
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

/// Does this `lib/` file hold only test tooling, so that it is judged as test
/// support? Every module of the file (a `defimpl` for one of them included) is
/// named for tests: `MyLib.Test`, `MyLib.Testing`, `MyLib.TestHelpers`; or named
/// `TestStore`, `FakeTest`-like (`Test` at either end of its last name) and says it
/// is for tests in a comment or its `@moduledoc` ("for test purposes only"), since a
/// product may well have a `TestRun` of its own.
pub(crate) fn holds_test_tooling(file: &crate::model::File) -> bool {
    let modules: Vec<&crate::model::Module> = file.modules.iter().filter(|m| !m.quoted).collect();
    let tooling: Vec<&str> = modules
        .iter()
        .filter(|m| module_is_test_tooling(file, m))
        .map(|m| m.name.as_str())
        .collect();
    // `defimpl Store, for: MyLib.TestStore` defines `Store.MyLib.TestStore`.
    let implements_tooling = |name: &str| tooling.iter().any(|t| name.ends_with(&format!(".{t}")));
    !modules.is_empty()
        && modules
            .iter()
            .all(|m| tooling.contains(&m.name.as_str()) || implements_tooling(&m.name))
}

fn module_is_test_tooling(file: &crate::model::File, module: &crate::model::Module) -> bool {
    let last = module.name.rsplit('.').next().unwrap_or("");
    if matches!(
        last,
        "Test" | "Testing" | "TestHelper" | "TestHelpers" | "TestUtils" | "TestSupport"
    ) {
        return true;
    }
    let test_named = last.len() > 4
        && (last
            .strip_prefix("Test")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
            || last.ends_with("Test"));
    if !test_named {
        return false;
    }
    // Its own words say so: a comment or a doc string inside the module.
    let range = module.node.byte_range();
    let says_test = |text: &str| {
        let text = text.to_lowercase();
        // Not "for testing": "messages for testing transforms" is a product feature.
        [
            "test purposes",
            "for tests",
            "in tests",
            "tests only",
            "testing only",
            "test double",
            "test helper",
        ]
        .iter()
        .any(|phrase| text.contains(phrase))
    };
    file.comments
        .iter()
        .filter(|c| range.contains(&c.start_byte()))
        .any(|c| says_test(file.text(*c)))
        || file
            .nodes_of(crate::syntax::grammar().kinds.string)
            .iter()
            .filter(|s| range.contains(&s.start_byte()))
            .take(3)
            .any(|s| says_test(file.text(*s)))
}

#[cfg(test)]
mod tests {
    use super::FileScope::*;
    use super::*;

    #[test]
    fn paths_map_to_scopes() {
        for (path, want) in [
            ("lib/my_app/worker.ex", Lib),
            ("apps/core/lib/core.ex", Lib),
            ("./lib/a.ex", Lib),
            ("test/worker_test.exs", Test),
            ("apps/core/test/core_test.exs", Test),
            ("test/support/helpers.ex", TestSupport),
            ("test/support/fake_repo_test.exs", Test),
            ("test/test_helper.exs", TestSupport),
            ("config/config.exs", Other),
            ("mix.exs", Other),
            ("priv/scripts/x.exs", Other),
        ] {
            assert_eq!(FileScope::of_path(path), want, "{path}");
        }
    }

    fn dirs(list: &[&str]) -> Vec<String> {
        list.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn nested_projects_scope_relative_to_their_mix_exs() {
        let mix = dirs(&["", "installer", "integration_test"]);
        for (path, want) in [
            ("lib/phoenix.ex", Lib),
            ("installer/lib/phx_new.ex", Lib),
            ("installer/test/phx_new_test.exs", Test),
            ("installer/templates/phx_web/router.ex", Other),
            ("integration_test/test/code_generation_test.exs", Test),
            ("integration_test/test/support/helpers.ex", TestSupport),
            ("installerx/lib/a.ex", Other),
        ] {
            assert_eq!(FileScope::classify(path, &mix), want, "{path}");
        }
    }

    #[test]
    fn projects_without_a_root_mix_exs_use_their_own() {
        // elixir-lang: every lib/<app>/ is a project; none at the top.
        let mix = dirs(&[
            "lib/elixir",
            "lib/ex_unit",
            "lib/mix",
            "lib/mix/test/fixtures/umbrella",
        ]);
        for (path, want) in [
            ("lib/elixir/lib/kernel.ex", Lib),
            ("lib/elixir/test/elixir/kernel_test.exs", Test),
            ("lib/ex_unit/test/test_helper.exs", TestSupport),
            ("lib/elixir/scripts/docs.exs", Other),
            // A project under another project's test/ is a fixture of its tests.
            (
                "lib/mix/test/fixtures/umbrella/apps/a/lib/a.ex",
                TestSupport,
            ),
            ("lib/mix/test/fixtures/umbrella/mix.exs", TestSupport),
            // No project in view: the first segment decides.
            ("lib/unowned.ex", Lib),
        ] {
            assert_eq!(FileScope::classify(path, &mix), want, "{path}");
        }
    }

    #[test]
    fn umbrella_children_are_projects() {
        let mix = dirs(&["", "apps/core", "apps/web"]);
        assert_eq!(FileScope::classify("apps/core/lib/core.ex", &mix), Lib);
        assert_eq!(
            FileScope::classify("apps/web/test/web_test.exs", &mix),
            Test
        );
        assert_eq!(FileScope::classify("apps/core/lib/core.ex", &[]), Lib);
        assert_eq!(FileScope::classify("./apps\\web\\lib\\w.ex", &mix), Lib);
    }

    #[test]
    fn mix_dirs_come_from_file_paths() {
        assert_eq!(
            mix_dirs([
                "mix.exs",
                "lib/a.ex",
                "installer/mix.exs",
                "installer/mix.exs",
                "lib/mix.exs.bak"
            ]),
            dirs(&["", "installer"])
        );
    }
}
