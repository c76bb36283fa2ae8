//! A `Document` edited keystroke by keystroke reports, after every edit, exactly what
//! a fresh analysis of its text reports: random edits (typing, deleting, pasting
//! code, opening strings and blocks) on the rule fixtures and on a generated file.

use otp_audit_corpus::{Options, generate};
use otp_audit_engine::{Document, Engine, parse};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::path::Path;
use std::sync::OnceLock;

/// Every rule fixture at a virtual path of its scope, and one generated file.
fn sources() -> &'static [(String, String)] {
    static SOURCES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let mut out = Vec::new();
        let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules")];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "ex" || x == "exs")
                    && p.file_name().is_some_and(|n| n != ".credo.exs")
                {
                    let path = if p.to_string_lossy().ends_with("_test.exs") {
                        "test/x_test.exs"
                    } else {
                        "lib/x.ex"
                    };
                    out.push((path.to_string(), std::fs::read_to_string(&p).unwrap()));
                }
            }
        }
        let project = generate(&Options {
            seed: 3,
            files: 2,
            test_files: 1,
            violation_rate: 0.3,
        });
        out.extend(project.files.into_iter().map(|f| (f.path, f.source)));
        out.sort();
        assert!(out.len() > 50, "sources: {}", out.len());
        out
    })
}

/// One keystroke-sized edit: what is typed (or pasted) over how many bytes.
#[derive(Clone, Debug)]
struct Keystroke {
    at: prop::sample::Index,
    delete: usize,
    insert: String,
}

fn keystroke() -> impl Strategy<Value = Keystroke> {
    let typed = prop_oneof![
        Just(String::new()),
        "[a-z_ (),.:\\n\"#{}\\[\\]%@|>=-]{1,3}",
        Just("end\n".to_string()),
        Just(" do\n".to_string()),
        Just("\"\"\"\n".to_string()),
        Just("send(pid, :x)\n".to_string()),
        Just("GenServer.call(s, :x)".to_string()),
        Just("Process.sleep(10)\n".to_string()),
        Just("# otp-audit:disable-next-line\n".to_string()),
        Just("defmodule B do\n  use GenServer\n".to_string()),
        Just("é".to_string()),
    ];
    (any::<prop::sample::Index>(), 0usize..12, typed).prop_map(|(at, delete, insert)| Keystroke {
        at,
        delete,
        insert,
    })
}

fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first keystroke that makes the document differ from a fresh analysis.
fn check(path: &str, src: &str, keys: &[Keystroke], by_text: bool) -> Result<(), TestCaseError> {
    let engine = Engine::default();
    let mut doc = Document::new(src);
    let mut text = src.to_string();
    for (n, k) in keys.iter().enumerate() {
        let start = floor(&text, k.at.index(text.len() + 1));
        let end = floor(&text, start + k.delete);
        text.replace_range(start..end, &k.insert);
        if by_text {
            doc.set_text(&text);
        } else {
            doc.edit(start, end, &k.insert);
        }
        prop_assert_eq!(doc.text(), text.as_str());
        let fresh = engine
            .check_project(&[(path, text.as_str())])
            .pop()
            .unwrap();
        let kept = doc.check(&engine, path);
        prop_assert!(
            kept == fresh,
            "{path}: after keystroke {n} ({k:?}) the document's findings differ\n--- text\n{text}\n--- kept\n{:#?}\n--- fresh\n{:#?}",
            kept.findings,
            fresh.findings
        );
        prop_assert_eq!(
            doc.tree().root_node().to_sexp(),
            parse(&text).root_node().to_sexp()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn edits_report_what_a_fresh_analysis_reports(
        which in any::<prop::sample::Index>(),
        keys in prop::collection::vec(keystroke(), 1..16),
        by_text in any::<bool>(),
    ) {
        let (path, src) = which.get(sources());
        check(path, src, &keys, by_text)?;
    }
}

/// Many keystrokes in a row on one larger file: trees edited many times over.
#[test]
fn a_long_session_on_a_generated_file() {
    let (path, src) = sources()
        .iter()
        .max_by_key(|(_, s)| s.len())
        .expect("sources");
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let keys = prop::collection::vec(keystroke(), 120)
        .new_tree(&mut runner)
        .unwrap()
        .current();
    check(path, src, &keys, true).unwrap();
}
