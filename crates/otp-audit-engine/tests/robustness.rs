//! Inputs no one writes by hand: deep nesting, random bytes, mangled fixtures. The
//! engine must answer every one of them without panicking or overflowing the stack.

use otp_audit_engine::{Engine, Safety};
use proptest::prelude::*;
use std::path::Path;

const DEPTH: usize = 10_000;

fn deep_inputs() -> Vec<(&'static str, String)> {
    let mut ifs = String::from("defmodule Deep do\n  def f(x) do\n");
    for _ in 0..DEPTH {
        ifs.push_str("if x do\n");
    }
    ifs.push_str("send(x, :deep)\n");
    for _ in 0..DEPTH {
        ifs.push_str("end\n");
    }
    ifs.push_str("  end\nend\n");
    vec![
        (
            "lists",
            format!(
                "defmodule L do\n def f, do: {}1{}\nend\n",
                "[".repeat(DEPTH),
                "]".repeat(DEPTH)
            ),
        ),
        ("ifs", ifs),
        (
            "fns",
            format!("x = {}1{}", "fn -> ".repeat(DEPTH), " end".repeat(DEPTH)),
        ),
        (
            "pipes",
            format!("def f(x), do: x{}", " |> send(:m)".repeat(DEPTH)),
        ),
        ("operators", format!("y = 1{}", " + 1".repeat(DEPTH))),
        (
            "parens",
            format!("z = {}1{}", "(".repeat(DEPTH), ")".repeat(DEPTH)),
        ),
        (
            "unclosed",
            format!(
                "defmodule U do\n{}",
                "def f do\n case x do\n".repeat(DEPTH / 2)
            ),
        ),
    ]
}

/// Run on a thread with a small stack, as the default test thread and wasm have.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .expect("the engine must not overflow a 1 MiB stack");
}

#[test]
fn ten_thousand_levels_of_nesting() {
    on_small_stack(|| {
        let engine = Engine::default();
        for (name, src) in deep_inputs() {
            let r = engine.check("lib/deep.ex", &src);
            let fixed = engine.fix("lib/deep.ex", &src, Safety::Unsafe);
            assert!(fixed.passes <= 10, "{name}");
            if name == "ifs" {
                assert!(
                    r.findings.iter().any(|f| f.rule == "otp/no-raw-send"),
                    "{name}: the deep send is found"
                );
            }
        }
    });
}

fn fixture_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "ex" || x == "exs") {
                let virtual_path = if p.to_string_lossy().contains("_test.exs") {
                    "test/x_test.exs"
                } else {
                    "lib/x.ex"
                };
                out.push((
                    virtual_path.to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// Check a source and its fixes; every finding must have sane positions.
fn exercise(engine: &Engine, path: &str, src: &str) {
    let r = engine.check(path, src);
    for f in &r.findings {
        assert!(
            f.start.byte <= f.end.byte && f.end.byte as usize <= src.len(),
            "{f:?}"
        );
        for fix in &f.fixes {
            for e in &fix.edits {
                assert!(
                    e.start_byte <= e.end_byte && e.end_byte <= src.len(),
                    "{fix:?}"
                );
            }
        }
    }
    let _ = engine.fix(path, src, Safety::Unsafe);
}

proptest! {
    // PROPTEST_CASES=100000 for a long run; CI runs the default.
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512), test_path in any::<bool>()) {
        let src = String::from_utf8_lossy(&bytes);
        let path = if test_path { "test/a_test.exs" } else { "lib/a.ex" };
        exercise(&Engine::default(), path, &src);
    }

    #[test]
    fn mutated_fixtures_never_panic(
        pick in any::<prop::sample::Index>(),
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40, "[a-z(){}\\[\\]\\n ,.:|>&@%\"#]{0,6}"), 1..6),
    ) {
        let sources = fixture_sources();
        let (path, src) = pick.get(&sources);
        let mut s = src.clone();
        for (at, len, insert) in cuts {
            if s.is_empty() { break; }
            let mut start = at.index(s.len());
            while !s.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(s.len());
            while !s.is_char_boundary(end) { end -= 1; }
            s.replace_range(start..end.max(start), &insert);
        }
        exercise(&Engine::default(), path, &s);
    }
}
