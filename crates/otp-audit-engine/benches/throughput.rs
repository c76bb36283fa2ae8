//! Analysis throughput against bare tree-sitter parsing of the same files.
//!
//! `cargo bench -p otp-audit-engine --bench throughput [-- --files N]`
//!
//! Generates a synthetic project (otp-audit-corpus), then times, on one thread and
//! best of several rounds: parsing alone; parsing plus the whole engine (model walk,
//! every rule, suppressions, positions). Prints MB/s for each and the engine's cost
//! over parsing. The goal is that all rules together cost at most 25% over parsing.

use otp_audit_corpus::{Options, generate};
use otp_audit_engine::{Engine, parse};
use std::time::{Duration, Instant};

fn best_of(rounds: usize, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .expect("at least one round")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let files = args
        .iter()
        .position(|a| a == "--files")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1500);
    let rounds = 5;
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
    let bytes: usize = inputs.iter().map(|(_, s)| s.len()).sum();
    let mb = bytes as f64 / 1e6;
    let engine = Engine::default();

    if args.iter().any(|a| a == "--profile") {
        // A long loop of the engine alone on parsed trees, for `perf record`.
        // `valgrind --tool=callgrind --toggle-collect='*parse_all*'` (or '*check_all*')
        // counts the instructions of each phase.
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
        let mut trees = Vec::new();
        for _ in 0..3 {
            trees = parse_all(&inputs);
        }
        for _ in 0..3 {
            check_all(&engine, &inputs, &trees);
        }
        return;
    }
    let parse_only = best_of(rounds, || {
        for (_, src) in &inputs {
            std::hint::black_box(parse(src));
        }
    });
    let mut findings = 0;
    let full = best_of(rounds, || {
        findings = 0;
        for (path, src) in &inputs {
            findings += std::hint::black_box(engine.check(path, src)).findings.len();
        }
    });
    let trees: Vec<_> = inputs.iter().map(|(_, s)| parse(s)).collect();
    let rules_only = best_of(rounds, || {
        for ((path, src), tree) in inputs.iter().zip(&trees) {
            std::hint::black_box(engine.check_tree(path, src, tree));
        }
    });

    let rate = |d: Duration| mb / d.as_secs_f64();
    let only = |ids: &[&str]| {
        let mut c = otp_audit_engine::Config::default();
        for r in otp_audit_engine::rules::ALL {
            c.set_enabled(r.id, ids.contains(&r.id))
                .expect("known rule");
        }
        Engine::new(c)
    };
    let on_trees = |engine: &Engine| {
        best_of(rounds, || {
            for ((path, src), tree) in inputs.iter().zip(&trees) {
                std::hint::black_box(engine.check_tree(path, src, tree));
            }
        })
    };
    let model_only = on_trees(&only(&[]));
    println!(
        "corpus: {} files, {:.1} MB, {} findings (seed 7, single thread, best of {rounds})",
        inputs.len(),
        mb,
        findings
    );
    println!("{:<34} {:>9} {:>10}", "", "time", "MB/s");
    println!(
        "{:<34} {:>7.0}ms {:>10.1}",
        "tree-sitter parse only",
        parse_only.as_secs_f64() * 1e3,
        rate(parse_only)
    );
    println!(
        "{:<34} {:>7.0}ms {:>10.1}",
        "model + all rules (tree given)",
        rules_only.as_secs_f64() * 1e3,
        rate(rules_only)
    );
    println!(
        "{:<34} {:>7.0}ms {:>10.1}",
        "parse + model + all rules",
        full.as_secs_f64() * 1e3,
        rate(full)
    );
    if args.iter().any(|a| a == "--per-rule") {
        println!("\nper rule (model walk subtracted):");
        let mut costs: Vec<(f64, &str)> = otp_audit_engine::rules::ALL
            .iter()
            .map(|r| {
                (
                    (on_trees(&only(&[r.id])).as_secs_f64() - model_only.as_secs_f64()) * 1e3,
                    r.id,
                )
            })
            .collect();
        costs.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ms, id) in costs {
            println!("  {id:<32} {ms:>7.1}ms");
        }
    }
    println!(
        "engine cost over parsing: {:+.1}% (goal: at most +25%)",
        (full.as_secs_f64() / parse_only.as_secs_f64() - 1.0) * 100.0
    );
}
