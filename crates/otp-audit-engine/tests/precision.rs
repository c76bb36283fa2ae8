//! The precision review kept in the repository: `tests/precision/` holds realistic
//! Elixir written for this purpose (no code from other projects), laid out as a Mix
//! project. A trailing `#~ rule/id` comment marks a line where a finding of that rule
//! must start; every other line is a promise of silence from every rule. The folder
//! is analysed as one project, so cross-file rules see all of it, and each file is
//! scoped relative to the nearest folder holding a `mix.exs` (`installer/` is a Mix
//! project of its own), as the CLI and the web app scope them.

use otp_audit_engine::{Engine, FileResult, scope};
use std::path::{Path, PathBuf};

mod common;
use common::annotations;

fn precision_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/precision")
}

fn elixir_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            elixir_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "ex" || e == "exs") {
            out.push(p);
        }
    }
}

fn found(result: &FileResult) -> Vec<(u32, String)> {
    let mut v: Vec<_> = result
        .findings
        .iter()
        .map(|f| (f.start.line, f.rule.clone()))
        .collect();
    v.sort();
    v
}

#[test]
fn precision_review_holds() {
    let dir = precision_dir();
    let mut files = Vec::new();
    elixir_files(&dir, &mut files);
    assert!(files.len() >= 10, "tests/precision/ holds too few files");
    let loaded: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let rel = f
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(f).unwrap())
        })
        .collect();
    let inputs: Vec<(&str, &str)> = loaded
        .iter()
        .map(|(p, s)| (p.as_str(), s.as_str()))
        .collect();
    let mix_dirs = scope::mix_dirs(inputs.iter().map(|(p, _)| *p));
    assert!(
        mix_dirs.len() > 1,
        "tests/precision/ holds a nested Mix project"
    );
    let results = Engine::default()
        .with_project_roots(mix_dirs)
        .check_project(&inputs);
    let mut failures = Vec::new();
    let mut marked = 0;
    for ((path, src), result) in loaded.iter().zip(&results) {
        let want = annotations(src);
        marked += want.len();
        let got = found(result);
        let missed: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
        let extra: Vec<_> = result
            .findings
            .iter()
            .filter(|f| !want.contains(&(f.start.line, f.rule.clone())))
            .collect();
        for (line, rule) in missed {
            failures.push(format!("{path}:{line}: expected a {rule} finding (missed)"));
        }
        for f in extra {
            failures.push(format!(
                "{path}:{}:{}: unexpected {} finding: {}",
                f.start.line, f.start.column, f.rule, f.message
            ));
        }
    }
    assert!(marked > 0, "tests/precision/ marks no finding");
    assert!(
        failures.is_empty(),
        "{} precision failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
