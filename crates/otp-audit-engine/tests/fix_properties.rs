//! Safe fixes on code no one wrote by hand: generated projects (otp-audit-corpus) and
//! fixtures mutated in ways that keep them Elixir, or not. After all safe fixes the
//! tree-sitter parse has no error it did not have before, and fixing again changes
//! nothing.

use otp_audit_corpus::{Options, generate};
use otp_audit_engine::{Engine, Safety};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// ERROR and MISSING nodes in the tree-sitter parse of `src`.
fn parse_problems(src: &str) -> usize {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_elixir::LANGUAGE.into())
        .unwrap();
    let tree = parser.parse(src, None).unwrap();
    let mut cursor = tree.walk();
    let mut count = 0;
    loop {
        let node = cursor.node();
        count += usize::from(node.is_error() || node.is_missing());
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return count;
            }
        }
    }
}

/// Apply every safe fix; the result must parse as well as the input and be a fixed point.
fn check_safe_fixes(engine: &Engine, path: &str, src: &str) -> Result<(), TestCaseError> {
    let out = engine.fix(path, src, Safety::Safe);
    if out.applied == 0 {
        return Ok(());
    }
    let (before, after) = (parse_problems(src), parse_problems(&out.text));
    prop_assert!(
        after <= before,
        "{path}: safe fixes added parse errors ({before} -> {after})\n--- input\n{src}\n--- fixed\n{}",
        out.text
    );
    let again = engine.fix(path, &out.text, Safety::Safe);
    prop_assert!(
        again.applied == 0 && again.text == out.text,
        "{path}: fixing twice changes the text\n--- once\n{}\n--- twice\n{}",
        out.text,
        again.text
    );
    Ok(())
}

/// The fixtures that have a safe fix, at a virtual path of their scope.
fn fixable_fixtures() -> &'static [(String, String)] {
    static FIXTURES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let engine = Engine::default();
        let mut out = Vec::new();
        let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules")];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                if !p.extension().is_some_and(|x| x == "ex" || x == "exs")
                    || p.file_name().is_some_and(|n| n == ".credo.exs")
                {
                    continue;
                }
                let path = if p.to_string_lossy().ends_with("_test.exs") {
                    "test/x_test.exs"
                } else {
                    "lib/x.ex"
                };
                let src = std::fs::read_to_string(&p).unwrap();
                if engine.fix(path, &src, Safety::Safe).applied > 0 {
                    out.push((path.to_string(), src));
                }
            }
        }
        out.sort();
        assert!(out.len() >= 10, "fixable fixtures: {}", out.len());
        out
    })
}

/// Edits that keep Elixir valid (blank lines, comments, indentation, a repeated
/// line) or break it (a cut with some punctuation put in its place).
#[derive(Clone, Debug)]
enum Mutation {
    BlankLine(prop::sample::Index),
    Comment(prop::sample::Index, String),
    Indent(prop::sample::Index, usize),
    RepeatLine(prop::sample::Index),
    Cut(prop::sample::Index, usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::BlankLine),
        (any::<prop::sample::Index>(), "[a-z :~/]{0,12}")
            .prop_map(|(i, c)| Mutation::Comment(i, c)),
        (any::<prop::sample::Index>(), 0usize..6).prop_map(|(i, n)| Mutation::Indent(i, n)),
        any::<prop::sample::Index>().prop_map(Mutation::RepeatLine),
        (
            any::<prop::sample::Index>(),
            0usize..30,
            "[a-z(){}\\[\\]\\n ,.:|>&@%\"#]{0,6}"
        )
            .prop_map(|(i, n, s)| Mutation::Cut(i, n, s)),
    ]
}

fn mutate(src: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return src.to_string();
    }
    match m {
        Mutation::BlankLine(i) => lines.insert(i.index(lines.len() + 1), String::new()),
        Mutation::Comment(i, text) => {
            let at = i.index(lines.len() + 1);
            lines.insert(at, format!("# {text}"));
        }
        Mutation::Indent(i, n) => {
            let at = i.index(lines.len());
            lines[at] = format!("{}{}", " ".repeat(*n), lines[at].trim_start());
        }
        Mutation::RepeatLine(i) => {
            let at = i.index(lines.len());
            lines.insert(at, lines[at].clone());
        }
        Mutation::Cut(i, len, insert) => {
            let mut s = src.to_string();
            let mut start = i.index(s.len().max(1)).min(s.len());
            while !s.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + len).min(s.len());
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s.replace_range(start..end.max(start), insert);
            return s;
        }
    }
    lines.join("\n") + "\n"
}

proptest! {
    // Each case fixes a whole generated project; PROPTEST_CASES raises the count.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn safe_fixes_on_generated_projects_parse_and_converge(seed in any::<u64>(), rate in 0.05f64..0.6) {
        let project = generate(&Options { seed, files: 6, test_files: 3, violation_rate: rate });
        let engine = Engine::default();
        for file in &project.files {
            check_safe_fixes(&engine, &file.path, &file.source)?;
        }
    }

    #[test]
    fn safe_fixes_on_mutated_fixtures_parse_and_converge(
        pick in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..5),
    ) {
        let (path, src) = pick.get(fixable_fixtures());
        let mutated = mutations.iter().fold(src.clone(), |s, m| mutate(&s, m));
        check_safe_fixes(&Engine::default(), path, &mutated)?;
    }
}
