//! Properties of generated projects: determinism, planted lines, counts, and that
//! everything that is not planted is clean (checked with a small Elixir tokenizer
//! and line patterns that mirror otp-audit's rules).

use std::collections::{BTreeSet, HashSet};

use otp_audit_corpus::{Options, Project, generate, rules};

fn opts(seed: u64, files: usize, test_files: usize, rate: f64) -> Options {
    Options {
        seed,
        files,
        test_files,
        violation_rate: rate,
    }
}

/// A few differently shaped projects, shared by the checks below.
fn corpora() -> Vec<(Options, Project)> {
    [
        opts(1, 40, 50, 0.05),
        opts(2, 25, 60, 0.3),
        opts(3, 15, 10, 1.0),
        opts(4, 30, 30, 0.0),
        opts(5, 1, 3, 0.5),
        opts(6, 0, 4, 0.5),
    ]
    .into_iter()
    .map(|o| {
        let p = generate(&o);
        (o, p)
    })
    .collect()
}

fn is_lib(path: &str) -> bool {
    path.starts_with("lib/") && path.ends_with(".ex")
}

fn is_test(path: &str) -> bool {
    path.starts_with("test/") && path.ends_with("_test.exs")
}

// ---------------------------------------------------------------- tokenizer

#[derive(Debug, Clone, PartialEq)]
struct Tok {
    word: String,
    line: u32,
    /// `word:` keyword key (as in `do:`), not the keyword itself.
    key: bool,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Identifier tokens of Elixir source, skipping comments, strings, heredocs,
/// sigils, atoms and char literals.
fn tokens(src: &str) -> Vec<Tok> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1u32;
    let skip_to = |from: usize, pat: &[u8], line: &mut u32| -> usize {
        let mut j = from;
        while j < b.len() {
            if b[j] == b'\\' {
                j += 2;
                continue;
            }
            if b[j..].starts_with(pat) {
                return j + pat.len();
            }
            if b[j] == b'\n' {
                *line += 1;
            }
            j += 1;
        }
        panic!("unterminated literal");
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' if b[i..].starts_with(b"\"\"\"") => i = skip_to(i + 3, b"\"\"\"", &mut line),
            b'"' => i = skip_to(i + 1, b"\"", &mut line),
            b'\'' => i = skip_to(i + 1, b"'", &mut line),
            b'~' if i + 1 < b.len() && b[i + 1].is_ascii_alphabetic() => {
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_alphabetic() {
                    j += 1;
                }
                let close = match b[j] {
                    b'(' => b')',
                    b'[' => b']',
                    b'{' => b'}',
                    b'<' => b'>',
                    d => d,
                };
                j = skip_to(j + 1, &[close], &mut line);
                while j < b.len() && b[j].is_ascii_alphabetic() {
                    j += 1;
                }
                i = j;
            }
            b'?' if i == 0 || !is_ident(b[i - 1]) => i += 2,
            b':' if i + 1 < b.len() && is_ident_start(b[i + 1]) && (i == 0 || b[i - 1] != b':') => {
                let mut j = i + 1;
                while j < b.len() && (is_ident(b[j]) || b[j] == b'?' || b[j] == b'!') {
                    j += 1;
                }
                i = j;
            }
            c if is_ident_start(c) => {
                let start = i;
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'?' || b[i] == b'!') {
                    i += 1;
                }
                let preceded_by_dot = start > 0 && b[start - 1] == b'.';
                let key = i + 1 < b.len() && b[i] == b':' && b[i + 1] != b':';
                if !preceded_by_dot {
                    out.push(Tok {
                        word: src[start..i].to_string(),
                        line,
                        key,
                    });
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// `do` blocks and `fn`s are closed by exactly as many `end`s, never going negative.
fn balanced(src: &str) -> bool {
    let mut depth: i64 = 0;
    for t in tokens(src) {
        match t.word.as_str() {
            "do" if !t.key => depth += 1,
            "fn" => depth += 1,
            "end" => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

const CONSTRUCTS: &[&str] = &[
    "if",
    "unless",
    "case",
    "cond",
    "for",
    "with",
    "receive",
    "try",
    "def",
    "defp",
    "defmodule",
    "defmacro",
    "describe",
    "test",
    "setup",
    "quote",
];
const NESTING: &[&str] = &["if", "unless", "case", "cond", "fn", "for", "with"];

/// Deepest nesting of if/unless/case/cond/fn/for/with inside any def (Credo's
/// Refactor.Nesting counting), with the line where it occurs.
fn max_nesting(src: &str) -> (usize, u32) {
    let mut pending: Vec<String> = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut worst = (0, 0);
    for t in tokens(src) {
        let w = t.word.as_str();
        if t.key {
            if w == "do" {
                pending.pop();
            }
            continue;
        }
        match w {
            "do" => stack.push(pending.pop().unwrap_or_else(|| "other".to_string())),
            "fn" => stack.push("fn".to_string()),
            "end" => {
                stack.pop();
            }
            w if CONSTRUCTS.contains(&w) => pending.push(w.to_string()),
            _ => {}
        }
        if let Some(def) = stack.iter().rposition(|k| k == "def" || k == "defp") {
            let depth = stack[def + 1..]
                .iter()
                .filter(|k| NESTING.contains(&k.as_str()))
                .count();
            if depth > worst.0 {
                worst = (depth, t.line);
            }
        }
    }
    assert!(stack.is_empty(), "unbalanced blocks");
    worst
}

// ---------------------------------------------------------------- line patterns

/// Byte offsets where `name(` starts as a call of a bare (unqualified) function.
fn bare_calls(line: &str, name: &str) -> Vec<usize> {
    let pat = format!("{name}(");
    line.match_indices(&pat)
        .filter(|(i, _)| {
            *i == 0 || {
                let p = line.as_bytes()[i - 1];
                !(is_ident(p) || p == b'.' || p == b':')
            }
        })
        .map(|(i, _)| i)
        .collect()
}

/// Number of top-level arguments of the call whose `(` is at `open`; `None` if the
/// call does not close on this line.
fn arg_count(line: &str, open: usize) -> Option<usize> {
    let b = line.as_bytes();
    let mut depth = 0;
    let mut args = 1;
    let mut in_str = false;
    for (k, &c) in b.iter().enumerate().skip(open) {
        if in_str {
            if c == b'"' && b[k - 1] != b'\\' {
                in_str = false;
            }
            continue;
        }
        match c {
            b'"' => in_str = true,
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(args);
                }
            }
            b',' if depth == 1 => args += 1,
            _ => {}
        }
    }
    None
}

/// Rules whose pattern a line matches, given the file's scope. `next` is the next
/// non-blank line, `prev` the previous non-blank line.
fn line_rules(path: &str, prev: &str, line: &str, next: &str) -> Vec<&'static str> {
    let mut hits = Vec::new();
    let t = line.trim_start();
    let sends = bare_calls(line, "send")
        .into_iter()
        .any(|i| !line[i..].starts_with("send(self(),"));
    let spawns = ["spawn", "spawn_link", "spawn_monitor"]
        .iter()
        .any(|n| !bare_calls(line, n).is_empty());
    if is_lib(path) {
        if sends {
            hits.push(rules::NO_RAW_SEND);
        }
        for (i, _) in line.match_indices("GenServer.call(") {
            let n = arg_count(line, i + "GenServer.call".len())
                .unwrap_or_else(|| panic!("{path}: unclosed GenServer.call: {line}"));
            if n < 3 {
                hits.push(rules::CALL_TIMEOUT);
            }
        }
        if spawns {
            hits.push(rules::OTP_NO_RAW_SPAWN);
        }
        if line.contains("Process.put(") || line.contains("Process.get(") {
            hits.push(rules::NO_PROCESS_DICTIONARY);
        }
        // A complete call to a pure module as a statement that is not the last one.
        let pure = [
            "Enum.", "String.", "Map.", "List.", "Keyword.", "Tuple.", "Integer.",
        ];
        let p = prev.trim();
        let n = next.trim();
        let statement_start = p.ends_with(" do")
            || !(p.ends_with(',')
                || p.ends_with('(')
                || p.ends_with('[')
                || p.ends_with('{')
                || p.ends_with("->")
                || p.ends_with('=')
                || p.ends_with("|>")
                || p.ends_with("\\"));
        let not_last = !(n.starts_with("end")
            || n.starts_with("|>")
            || n.starts_with(')')
            || n.starts_with(']')
            || n.starts_with('}')
            || n.starts_with("else")
            || n.contains("->"));
        if pure.iter().any(|m| t.starts_with(m)) && t.ends_with(')') && statement_start && not_last
        {
            hits.push(rules::UNUSED_OPERATION);
        }
        assert!(!line.contains("Process.sleep"), "{path}: sleep in lib");
    }
    if is_test(path) {
        if line.contains("Process.sleep(") {
            assert!(
                n_is_plain_assert(next),
                "{path}: sleep not followed by a plain assert: {next}"
            );
            hits.push(rules::TEST_NO_SLEEP);
        }
        if spawns {
            hits.push(rules::TEST_NO_RAW_SPAWN);
        }
        assert!(!sends, "{path}: send to another process in a test: {line}");
        assert!(!line.contains("GenServer.call("), "{path}: call in a test");
    }
    for banned in [
        "String.to_atom",
        "Task.async",
        "Process.monitor",
        ":infinity",
        "Process.delete(",
        ":timer.sleep",
    ] {
        assert!(!line.contains(banned), "{path}: {banned} in {line}");
    }
    if t.starts_with('@') {
        assert!(
            !line.contains("Application.get_env") && !line.contains("Application.fetch_env"),
            "{path}: config read in a module attribute: {line}"
        );
    }
    hits
}

fn n_is_plain_assert(next: &str) -> bool {
    let n = next.trim_start();
    n.starts_with("assert ") && n.contains('(')
}

/// Every (rule, path, line) that the line patterns find.
fn found(project: &Project) -> BTreeSet<(String, String, u32)> {
    let mut out = BTreeSet::new();
    for f in &project.files {
        let lines: Vec<&str> = f.source.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let prev = lines[..i]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .copied()
                .unwrap_or("");
            let next = lines[i + 1..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .copied()
                .unwrap_or("");
            for rule in line_rules(&f.path, prev, line, next) {
                out.insert((rule.to_string(), f.path.clone(), i as u32 + 1));
            }
        }
    }
    out
}

// ---------------------------------------------------------------- tests

#[test]
fn same_seed_gives_same_bytes() {
    for o in [opts(42, 30, 30, 0.1), opts(7, 5, 12, 0.7)] {
        let a = generate(&o);
        let b = generate(&o);
        assert_eq!(a, b);
        assert_eq!(a.planted_json(), b.planted_json());
    }
    let a = generate(&opts(1, 20, 10, 0.1));
    let b = generate(&opts(2, 20, 10, 0.1));
    assert_ne!(a.files, b.files);
}

#[test]
fn planted_lines_hold_the_planted_call() {
    for (_, p) in corpora() {
        for pl in &p.planted {
            let file = p
                .files
                .iter()
                .find(|f| f.path == pl.path)
                .unwrap_or_else(|| panic!("no file {}", pl.path));
            let line = file
                .source
                .lines()
                .nth(pl.line as usize - 1)
                .unwrap_or_else(|| panic!("{}:{} past the end", pl.path, pl.line));
            let t = line.trim_start();
            let ok = match pl.rule.as_str() {
                r if r == rules::NO_RAW_SEND => {
                    t.starts_with("send(")
                        && !t.starts_with("send(self()")
                        && t.contains("{:event, ")
                }
                r if r == rules::CALL_TIMEOUT => {
                    line.contains("GenServer.call(server, ")
                        && arg_count(line, line.find("GenServer.call(").unwrap() + 14) == Some(2)
                }
                r if r == rules::OTP_NO_RAW_SPAWN => t.starts_with("spawn(fn -> do_work("),
                r if r == rules::NO_PROCESS_DICTIONARY => {
                    t.starts_with("Process.put({:last_seen, :")
                }
                r if r == rules::TEST_NO_SLEEP => t == "Process.sleep(50)",
                r if r == rules::TEST_NO_RAW_SPAWN => {
                    t.contains("spawn(fn -> receive do: (:stop -> :ok) end)")
                }
                r if r == rules::UNUSED_OPERATION => t == "Enum.map(items, &transform/1)",
                other => panic!("unknown rule {other}"),
            };
            assert!(ok, "{} at {}:{}: {line:?}", pl.rule, pl.path, pl.line);
        }
    }
}

#[test]
fn rules_are_planted_only_where_they_apply() {
    for (_, p) in corpora() {
        for pl in &p.planted {
            if rules::LIB.contains(&pl.rule.as_str()) {
                assert!(is_lib(&pl.path), "{pl:?}");
            } else {
                assert!(rules::TEST.contains(&pl.rule.as_str()), "{pl:?}");
                assert!(is_test(&pl.path), "{pl:?}");
            }
        }
    }
}

#[test]
fn counts_match_planted_list() {
    for (o, p) in corpora() {
        let counts = p.counts();
        assert_eq!(counts.values().sum::<usize>(), p.planted.len());
        for (rule, n) in &counts {
            assert!(rules::ALL.contains(&rule.as_str()), "{rule}");
            assert_eq!(*n, p.planted.iter().filter(|x| &x.rule == rule).count());
            assert!(*n > 0);
        }
        let json: serde_json::Value = serde_json::from_str(&p.planted_json()).unwrap();
        assert_eq!(json["planted"].as_array().unwrap().len(), p.planted.len());
        for (rule, n) in &counts {
            assert_eq!(json["counts"][rule].as_u64(), Some(*n as u64));
        }
        if o.violation_rate == 0.0 {
            assert!(p.planted.is_empty());
        }
    }
}

#[test]
fn every_rule_is_planted_in_a_violating_corpus() {
    let p = generate(&opts(9, 40, 40, 0.2));
    let counts = p.counts();
    for rule in rules::ALL {
        assert!(
            counts.get(rule).copied().unwrap_or(0) > 0,
            "{rule} never planted"
        );
    }
}

#[test]
fn planted_set_is_exactly_what_the_patterns_find() {
    for (o, p) in corpora() {
        let planted: BTreeSet<(String, String, u32)> = p
            .planted
            .iter()
            .map(|x| (x.rule.clone(), x.path.clone(), x.line))
            .collect();
        assert_eq!(planted.len(), p.planted.len(), "duplicate planted entries");
        let found = found(&p);
        let missing: Vec<_> = planted.difference(&found).collect();
        let extra: Vec<_> = found.difference(&planted).collect();
        assert!(
            missing.is_empty(),
            "{o:?}: planted but not found: {missing:?}"
        );
        assert!(extra.is_empty(), "{o:?}: found but not planted: {extra:?}");
    }
}

#[test]
fn do_end_is_balanced() {
    assert!(balanced(
        "def f(x), do: x\ndef g do\n  fn -> \"end\" end\nend\n"
    ));
    assert!(!balanced("def g do\n  x\n"));
    for (_, p) in corpora() {
        for f in &p.files {
            assert!(balanced(&f.source), "{} is unbalanced", f.path);
        }
    }
}

#[test]
fn nesting_stays_within_two_levels() {
    let deep = "def f(x) do\n  if x do\n    case x do\n      _ -> Enum.map(x, fn y -> y end)\n    end\n  end\nend\n";
    assert_eq!(max_nesting(deep).0, 3);
    for (_, p) in corpora() {
        for f in &p.files {
            let (depth, line) = max_nesting(&f.source);
            assert!(depth <= 2, "{}:{line} nests {depth} levels", f.path);
        }
    }
}

#[test]
fn servers_have_init_and_catch_all_and_tests_assert() {
    for (_, p) in corpora() {
        for f in &p.files {
            if f.source.contains("use GenServer") {
                assert!(f.source.contains("\n  def init(opts) do\n"), "{}", f.path);
                assert!(
                    f.source.contains("\n  def handle_info(_msg, state) do\n"),
                    "{}",
                    f.path
                );
            }
            if !is_test(&f.path) {
                continue;
            }
            assert!(f.source.contains("use ExUnit.Case, async: "), "{}", f.path);
            // Each `test ... do` block, up to the `end` at its indentation, asserts.
            let lines: Vec<&str> = f.source.lines().collect();
            for (i, l) in lines.iter().enumerate() {
                let t = l.trim_start();
                if !(t.starts_with("test \"") && t.ends_with(" do")) {
                    continue;
                }
                let indent = &l[..l.len() - t.len()];
                let close = format!("{indent}end");
                let body: Vec<&str> = lines[i + 1..]
                    .iter()
                    .take_while(|x| **x != close)
                    .copied()
                    .collect();
                assert!(
                    body.iter().any(|x| x.trim_start().starts_with("assert ")),
                    "{}:{} test without assert",
                    f.path,
                    i + 1
                );
            }
        }
    }
}

#[test]
fn paths_are_unique_and_sizes_are_realistic() {
    for (o, p) in corpora() {
        let mut seen = HashSet::new();
        for f in &p.files {
            assert!(seen.insert(f.path.clone()), "duplicate path {}", f.path);
            assert!(f.source.ends_with("end\n") || f.path == "test/test_helper.exs");
        }
        let libs: Vec<_> = p.files.iter().filter(|f| is_lib(&f.path)).collect();
        let tests: Vec<_> = p.files.iter().filter(|f| is_test(&f.path)).collect();
        assert_eq!(libs.len(), o.files);
        assert_eq!(tests.len(), o.test_files);
        for f in libs {
            if f.path == "lib/my_app/application.ex" {
                continue;
            }
            let n = f.source.lines().count();
            assert!((80..=480).contains(&n), "{} has {n} lines", f.path);
        }
    }
}

#[test]
fn benchmark_corpus_size() {
    let p = generate(&opts(1, 2000, 0, 0.02));
    let mb = p.total_bytes() as f64 / 1e6;
    assert!((10.0..=20.0).contains(&mb), "{mb:.1} MB");
}

#[test]
fn line_patterns_catch_violations() {
    let lib = "lib/my_app/x.ex";
    let rules_of = |prev: &str, line: &str, next: &str| line_rules(lib, prev, line, next);
    assert_eq!(
        rules_of("  def f(x) do", "    Enum.map(x, &g/1)", "    :ok"),
        vec![rules::UNUSED_OPERATION]
    );
    assert!(rules_of("  def f(x) do", "    Enum.map(x, &g/1)", "  end").is_empty());
    assert!(rules_of("    y =", "      Enum.map(x, &g/1)", "    y").is_empty());
    assert_eq!(
        rules_of("", "    send(pid, {:event, x})", ""),
        vec![rules::NO_RAW_SEND]
    );
    assert!(rules_of("", "    send(self(), :tick)", "").is_empty());
    assert_eq!(
        rules_of("", "    GenServer.call(server, {:put, key, value})", ""),
        vec![rules::CALL_TIMEOUT]
    );
    assert!(
        rules_of(
            "",
            "    GenServer.call(server, {:put, key, value}, 5_000)",
            ""
        )
        .is_empty()
    );
    assert_eq!(
        rules_of("", "    spawn(fn -> do_work(x) end)", ""),
        vec![rules::OTP_NO_RAW_SPAWN]
    );
    assert_eq!(
        rules_of("", "    Process.put(:last_seen, x)", ""),
        vec![rules::NO_PROCESS_DICTIONARY]
    );
    let test = "test/my_app/x_test.exs";
    assert_eq!(
        line_rules(
            test,
            "",
            "      Process.sleep(50)",
            "      assert X.f(pid) == 1"
        ),
        vec![rules::TEST_NO_SLEEP]
    );
    assert_eq!(
        line_rules(
            test,
            "",
            "      caller = spawn(fn -> receive do: (:stop -> :ok) end)",
            ""
        ),
        vec![rules::TEST_NO_RAW_SPAWN]
    );
    // Test rules do not apply to lib files and vice versa.
    assert!(line_rules(test, "", "    Process.put(:last_seen, x)", "").is_empty());
}

#[test]
#[should_panic(expected = "Task.async")]
fn banned_calls_are_rejected() {
    line_rules("lib/a.ex", "", "    Task.async(fn -> :ok end)", "");
}

#[test]
fn tests_of_failing_modules_check_a_failure() {
    // otp-audit's test/no-assertion wants every test module of a module that builds
    // `{:error, ...}` tuples to look at one.
    for (_, p) in corpora() {
        for t in p.files.iter().filter(|f| is_test(&f.path)) {
            let Some(alias) = t.source.lines().find_map(|l| l.strip_prefix("  alias ")) else {
                continue;
            };
            let header = format!("defmodule {alias} do\n");
            let lib = p
                .files
                .iter()
                .find(|f| is_lib(&f.path) && f.source.starts_with(&header))
                .unwrap_or_else(|| panic!("{}: no module {alias}", t.path));
            if lib.source.contains("{:error") {
                assert!(t.source.contains("{:error"), "{} checks no failure", t.path);
            }
        }
    }
}
