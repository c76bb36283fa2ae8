//! The cache against a fresh analysis, over random edits to a generated project;
//! keys that differ never share lines.

use super::*;
use crate::args::Selection;
use crate::run;
use proptest::prelude::*;

/// A project on disk, removed when dropped.
struct TempProject(PathBuf);

impl TempProject {
    fn new(name: &str) -> TempProject {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root =
            std::env::temp_dir().join(format!("otp-audit-cache-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        TempProject(root)
    }

    fn write(&self, path: &str, bytes: &[u8]) {
        let p = self.0.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

impl Drop for TempProject {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Code that the cross-file rules read across files: a helper that asserts (or
/// not), a test that leans on it, a supervisor name, calls without a timeout.
const SNIPPETS: &[&str] = &[
    "defmodule Shop.Helpers do\n  import ExUnit.Assertions\n  def check_total(x), do: assert(x == 3)\nend\n",
    "defmodule Shop.Helpers do\n  def check_total(x), do: x == 3\nend\n",
    "defmodule Shop.TotalTest do\n  use ExUnit.Case, async: true\n  import Shop.Helpers\n  test \"adds\" do\n    check_total(1 + 2)\n  end\nend\n",
    "defmodule Shop.App do\n  def start(_, _) do\n    Supervisor.start_link([{Task.Supervisor, name: Shop.TaskSup}], strategy: :one_for_one)\n  end\nend\n",
    "defmodule Shop.Fire do\n  def go(x), do: Task.start(fn -> x end)\n  def get(s), do: GenServer.call(s, :get, :infinity)\nend\n",
    "defmodule Shop.StateTest do\n  use ExUnit.Case, async: true\n  test \"env\" do\n    Application.put_env(:shop, :k, 1)\n    assert :ok\n  end\nend\n",
    "\n# otp-audit-disable-next-line otp/no-raw-send\ndefmodule Extra do\n  def ping(p), do: send(p, :ping)\nend\n",
    "defmodule Broken do\n  def f(, do\n",
];

/// Where new files go, so that they land in every scope.
const NEW_PATHS: &[&str] = &[
    "test/support/helpers.ex",
    "test/shop/total_test.exs",
    "lib/shop/app.ex",
    "lib/shop/fire.ex",
    "test/shop/state_test.exs",
    "other/script.exs",
];

#[derive(Debug, Clone)]
enum Edit {
    /// Append a snippet to a file.
    Append(usize, usize),
    /// Write a snippet as a file at one of [`NEW_PATHS`].
    Create(usize, usize),
    /// Give a file the bytes of another.
    Copy(usize, usize),
    /// Cut a file in half.
    Truncate(usize),
    Delete(usize),
    /// Bytes that are not UTF-8.
    Latin1(usize),
    /// Back to what the generator wrote (what an earlier run cached).
    Restore(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = 64usize;
    prop_oneof![
        3 => (0..n, 0..SNIPPETS.len()).prop_map(|(f, s)| Edit::Append(f, s)),
        3 => (0..NEW_PATHS.len(), 0..SNIPPETS.len()).prop_map(|(p, s)| Edit::Create(p, s)),
        1 => (0..n, 0..n).prop_map(|(a, b)| Edit::Copy(a, b)),
        1 => (0..n).prop_map(Edit::Truncate),
        1 => (0..n).prop_map(Edit::Delete),
        1 => (0..n).prop_map(Edit::Latin1),
        2 => (0..n).prop_map(Edit::Restore),
    ]
}

/// The Elixir files now in the project, by path.
fn files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if crate::files::is_elixir(&p) {
                out.push(crate::files::slash_path(p.strip_prefix(root).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn apply(p: &TempProject, original: &[(String, String)], edit: &Edit) {
    let now = files(&p.0);
    let pick = |i: usize| now[i % now.len()].clone();
    let read = |path: &str| std::fs::read(p.0.join(path)).unwrap();
    match *edit {
        Edit::Append(f, s) => {
            let path = pick(f);
            let mut bytes = read(&path);
            bytes.extend_from_slice(SNIPPETS[s].as_bytes());
            p.write(&path, &bytes);
        }
        Edit::Create(at, s) => p.write(NEW_PATHS[at], SNIPPETS[s].as_bytes()),
        Edit::Copy(a, b) => p.write(&pick(a), &read(&pick(b))),
        Edit::Truncate(f) => {
            let path = pick(f);
            let bytes = read(&path);
            p.write(&path, &bytes[..bytes.len() / 2]);
        }
        Edit::Delete(f) if now.len() > 2 => std::fs::remove_file(p.0.join(pick(f))).unwrap(),
        Edit::Delete(_) => {}
        Edit::Latin1(f) => p.write(&pick(f), b"defmodule L do\n  # caf\xe9\nend\n"),
        Edit::Restore(f) => {
            let (path, source) = &original[f % original.len()];
            p.write(path, source.as_bytes());
        }
    }
}

/// Analyse the project as `check` does, with the cache in `choice`.
fn analyse(root: &Path, choice: &Choice) -> run::Analysis {
    let sel = Selection::default();
    let project = run::open(&[root.to_path_buf()], None, &sel, choice).unwrap();
    run::analyse(
        &project.engine,
        &project.inputs,
        2,
        false,
        project.cache.as_ref(),
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn results_with_and_without_the_cache_are_identical(
        seed in 0u64..1000,
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        let p = TempProject::new("edits");
        let generated = otp_audit_corpus::generate(&otp_audit_corpus::Options {
            seed,
            files: 6,
            test_files: 3,
            violation_rate: 0.3,
        });
        let original: Vec<(String, String)> =
            generated.files.into_iter().map(|f| (f.path, f.source)).collect();
        for (path, source) in &original {
            p.write(path, source.as_bytes());
        }
        let cached = Choice::AtRoot;
        analyse(&p.0, &cached);
        for edit in &edits {
            apply(&p, &original, edit);
            let fresh = analyse(&p.0, &Choice::Off);
            let first = analyse(&p.0, &cached);
            let again = analyse(&p.0, &cached);
            for run in [&first, &again] {
                prop_assert_eq!(&run.results, &fresh.results, "after {:?}", edit);
                prop_assert_eq!(&run.frames, &fresh.frames);
                prop_assert_eq!(&run.skipped, &fresh.skipped);
            }
        }
    }
}

#[test]
fn another_key_never_reads_a_line() {
    let p = TempProject::new("keys");
    p.write("mix.exs", b"defmodule M.MixProject do\nend\n");
    p.write(
        "lib/a.ex",
        b"defmodule A do\n  def ping(p), do: send(p, :x)\nend\n",
    );
    let dir = p.0.join(DIR_NAME);
    let engine = Engine::default();
    let project = run::open(
        std::slice::from_ref(&p.0),
        None,
        &Selection::default(),
        &Choice::Off,
    )
    .unwrap();
    let input = project
        .inputs
        .iter()
        .find(|i| i.path == "lib/a.ex")
        .unwrap();
    let bytes = input.read().unwrap().into_owned();
    let (result, facts) = engine.check_with_facts_as(
        &input.path,
        input.scope,
        std::str::from_utf8(&bytes).unwrap(),
    );
    let content = content_hash(&bytes);
    let line = line(input, input.disk().unwrap(), content, &result, &facts);

    let written = Cache::with_key(dir.clone(), "0.1.0 aaaa cccc".into());
    written
        .save(&Read::default(), &HashSet::new(), vec![Stored::Fresh(line)])
        .unwrap();
    let text = written.load();
    assert!(lookup(&written.read(&text), input, content).is_some());
    // Nor a hash of other bytes.
    assert!(lookup(&written.read(&text), input, content ^ 1).is_none());
    for other in ["0.1.1 aaaa cccc", "0.1.0 bbbb cccc", "0.1.0 aaaa dddd"] {
        let other = Cache::with_key(dir.clone(), other.into());
        let text = std::fs::read_to_string(written.file()).unwrap();
        let read = other.read(&text);
        assert!(read.lines.is_empty() && read.damaged);
        assert!(other.load().is_empty());
    }
}

#[test]
fn the_key_follows_the_rule_settings() {
    let dir = PathBuf::from("c");
    let key = |config: otp_audit_engine::Config| Cache::new(dir.clone(), &Engine::new(config)).key;
    let default = key(otp_audit_engine::Config::default());
    assert_eq!(default, key(otp_audit_engine::Config::default()));
    assert!(default.starts_with(env!("CARGO_PKG_VERSION")));
    let mut off = otp_audit_engine::Config::default();
    off.set_enabled("otp/no-raw-send", false).unwrap();
    let mut param = otp_audit_engine::Config::default();
    param
        .set_param(
            "test/no-assertion",
            "assertion_helpers",
            otp_audit_engine::config::ParamValue::List(vec!["check_total".into()]),
        )
        .unwrap();
    let keys = [default, key(off), key(param)];
    assert!(
        keys[0] != keys[1] && keys[1] != keys[2] && keys[0] != keys[2],
        "{keys:?}"
    );
}
