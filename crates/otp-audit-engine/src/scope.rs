//! Where a file sits in a Mix project decides which rules apply to it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileScope {
    /// `lib/**` and `apps/*/lib/**`: production code.
    Lib,
    /// `test/**/*_test.exs` (and `apps/*/test/**`): ExUnit tests.
    Test,
    /// `test/support/**`: test helpers, where sleeps and sends are allowed.
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

    /// Classify a project-relative path (`/` or `\` separated).
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
        match parts.first().copied() {
            Some("lib") if file.ends_with(".ex") || file.ends_with(".exs") => FileScope::Lib,
            Some("test") if parts.get(1) == Some(&"support") => FileScope::TestSupport,
            Some("test") if file.ends_with("_test.exs") => FileScope::Test,
            Some("test") => FileScope::TestSupport,
            _ => FileScope::Other,
        }
    }
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
            ("test/test_helper.exs", TestSupport),
            ("config/config.exs", Other),
            ("mix.exs", Other),
            ("priv/scripts/x.exs", Other),
        ] {
            assert_eq!(FileScope::of_path(path), want, "{path}");
        }
    }
}
