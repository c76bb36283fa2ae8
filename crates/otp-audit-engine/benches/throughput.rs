//! Micro-benchmarks of the engine (divan), single thread, in bytes/s of Elixir: bare
//! tree-sitter parsing, the model and every rule on parsed trees, both together, and
//! each rule alone on parsed trees (the model walk included: compare with `model`).
//! The whole-run figures (threads, peak memory, the engine's cost over parsing) are
//! `otp-audit bench`'s; a profiler's loop is `--example profile`.
//!
//! `cargo bench -p otp-audit-engine --bench throughput [-- FILTER]`

use divan::{Bencher, black_box, counter::BytesCount};
use otp_audit_corpus::{Options, generate};
use otp_audit_engine::{Config, Engine, parse, rules};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

/// A generated project (seed 7: 200 lib and 66 test files, about 1.7 MB) and its
/// parsed trees.
struct Corpus {
    inputs: Vec<(String, String)>,
    trees: Vec<tree_sitter::Tree>,
    bytes: usize,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let project = generate(&Options {
        seed: 7,
        files: 200,
        test_files: 66,
        violation_rate: 0.05,
    });
    let inputs: Vec<(String, String)> = project
        .files
        .into_iter()
        .map(|f| (f.path, f.source))
        .collect();
    let trees = inputs.iter().map(|(_, s)| parse(s)).collect();
    let bytes = inputs.iter().map(|(_, s)| s.len()).sum();
    Corpus {
        inputs,
        trees,
        bytes,
    }
});

/// An engine with only `ids` enabled.
fn only(ids: &[&str]) -> Engine {
    let mut c = Config::default();
    for r in rules::ALL {
        c.set_enabled(r.id, ids.contains(&r.id))
            .expect("known rule");
    }
    Engine::new(c)
}

fn on_trees(b: Bencher, engine: &Engine) {
    let c = &*CORPUS;
    b.counter(BytesCount::new(c.bytes)).bench(|| {
        for ((path, src), tree) in c.inputs.iter().zip(&c.trees) {
            black_box(engine.check_tree(path, src, tree));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn parse_only(b: Bencher) {
    let c = &*CORPUS;
    b.counter(BytesCount::new(c.bytes)).bench(|| {
        for (_, src) in &c.inputs {
            black_box(parse(src));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn parse_and_all_rules(b: Bencher) {
    let c = &*CORPUS;
    let engine = Engine::default();
    b.counter(BytesCount::new(c.bytes)).bench(|| {
        for (path, src) in &c.inputs {
            black_box(engine.check(path, src));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn all_rules(b: Bencher) {
    on_trees(b, &Engine::default());
}

/// The model walk with no rule enabled: subtract from [`one_rule`] for a rule's cost.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn model(b: Bencher) {
    on_trees(b, &only(&[]));
}

#[divan::bench(sample_count = 10, sample_size = 1, args = rules::ALL.iter().map(|r| r.id))]
fn one_rule(b: Bencher, id: &str) {
    on_trees(b, &only(&[id]));
}
