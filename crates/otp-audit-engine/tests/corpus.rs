//! Synthetic projects with planted violations (otp-audit-corpus): the engine must find
//! exactly what was planted, no more and no less, at the planted lines.

use otp_audit_corpus::{Options, generate};
use otp_audit_engine::Engine;
use std::collections::BTreeSet;

fn check(opts: Options) {
    let project = generate(&opts);
    let inputs: Vec<(&str, &str)> = project
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.source.as_str()))
        .collect();
    let results = Engine::default().check_project(&inputs);
    let found: BTreeSet<(String, String, u32)> = results
        .iter()
        .flat_map(|r| {
            r.findings
                .iter()
                .map(|f| (f.rule.clone(), f.path.clone(), f.start.line))
        })
        .collect();
    let planted: BTreeSet<(String, String, u32)> = project
        .planted
        .iter()
        .map(|p| (p.rule.clone(), p.path.clone(), p.line))
        .collect();
    let missed: Vec<_> = planted.difference(&found).collect();
    let extra: Vec<_> = found.difference(&planted).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "seed {}: missed {missed:?}\nunexpected {extra:?}",
        opts.seed
    );
    assert_eq!(
        found.len(),
        project.planted.len(),
        "one finding per planted violation"
    );
}

#[test]
fn planted_violations_are_found_exactly() {
    for seed in [1, 2, 3] {
        check(Options {
            seed,
            files: 40,
            test_files: 25,
            violation_rate: 0.2,
        });
    }
}

#[test]
fn clean_projects_have_no_findings() {
    check(Options {
        seed: 9,
        files: 30,
        test_files: 20,
        violation_rate: 0.0,
    });
}
