//! A long loop of parsing, then of the engine alone on parsed trees, for profilers:
//! `perf record`, or `valgrind --tool=callgrind --toggle-collect='*parse_all*'` (or
//! '*check_all*') to count the instructions of each phase.
//!
//! `cargo run --release -p otp-audit-engine --example profile [-- FILES]`

use otp_audit_corpus::{Options, generate};
use otp_audit_engine::{Engine, parse};

#[inline(never)]
fn parse_all(inputs: &[(&str, &str)]) -> Vec<tree_sitter::Tree> {
    inputs.iter().map(|(_, s)| parse(s)).collect()
}

#[inline(never)]
fn check_all(engine: &Engine, inputs: &[(&str, &str)], trees: &[tree_sitter::Tree]) {
    for ((path, src), tree) in inputs.iter().zip(trees) {
        std::hint::black_box(engine.check_tree(path, src, tree));
    }
}

fn main() {
    let files = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1500);
    let project = generate(&Options {
        seed: 7,
        files,
        test_files: files / 3,
        violation_rate: 0.05,
    });
    let inputs: Vec<(&str, &str)> = project
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.source.as_str()))
        .collect();
    let engine = Engine::default();
    let mut trees = Vec::new();
    for _ in 0..3 {
        trees = parse_all(&inputs);
    }
    for _ in 0..3 {
        check_all(&engine, &inputs, &trees);
    }
}
