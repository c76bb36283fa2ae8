//! The Done-when of the workshop: every built-in exercise is solvable by its model
//! solution and unsolved by its starting code, which has the targeted findings.

use otp_audit_workshop::{Checker, curriculum};
use std::time::Instant;

#[test]
fn every_model_solution_passes_and_every_start_fails_with_its_findings() {
    let packs = curriculum::packs().unwrap_or_else(|(f, e)| panic!("{f}: {e}"));
    let checker = Checker::new();
    let mut failures = Vec::new();
    let mut total = 0;
    let t0 = Instant::now();
    for pack in &packs {
        for ex in &pack.exercises {
            total += 1;
            let start = checker.check(ex, &ex.start);
            if start.solved {
                failures.push(format!("{}: the starting code already passes", ex.id));
            }
            for rule in &ex.rules {
                if !start.targeted.iter().any(|f| &f.rule == rule) {
                    failures.push(format!(
                        "{}: the starting code has no finding of {rule}; findings: {:?}",
                        ex.id,
                        start
                            .findings
                            .iter()
                            .map(|f| (&f.rule, f.start.line))
                            .collect::<Vec<_>>()
                    ));
                }
            }
            let solution = checker.check(ex, &ex.solution);
            if !solution.solved {
                failures.push(format!(
                    "{}: the model solution fails: {}",
                    ex.id,
                    solution.reason().unwrap_or_default()
                ));
            }
        }
    }
    let per = t0.elapsed().as_secs_f64() * 1000.0 / (2 * total) as f64;
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    eprintln!("{total} exercises, {per:.2} ms per check ({build} build)");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn deleting_the_code_never_solves_an_exercise() {
    let checker = Checker::new();
    for pack in curriculum::packs().unwrap() {
        for ex in &pack.exercises {
            for gutted in ["", "defmodule Empty do\nend\n"] {
                let v = checker.check(ex, gutted);
                assert!(!v.solved, "{}: empty code passes", ex.id);
                assert!(
                    v.reason().unwrap().starts_with("Behaviour check failed"),
                    "{}: {:?}",
                    ex.id,
                    v.reason()
                );
            }
        }
    }
}

#[test]
fn the_curriculum_has_twenty_exercises_in_tracks_with_guide_links() {
    let packs = curriculum::packs().unwrap();
    let n: usize = packs.iter().map(|p| p.exercises.len()).sum();
    assert!(n >= 20, "{n} exercises");
    let mut ids = std::collections::BTreeSet::new();
    for pack in &packs {
        for ex in &pack.exercises {
            assert!(ids.insert(ex.id.clone()), "{} is in two packs", ex.id);
            let last = ex.hints.last().unwrap();
            let guide = last
                .guide
                .as_deref()
                .unwrap_or_else(|| panic!("{}: last hint has no guide link", ex.id));
            assert!(
                otp_audit_engine::guide::resolves(guide),
                "{}: {guide}",
                ex.id
            );
            assert!(ex.hints.len() >= 2, "{}: hints are progressive", ex.id);
        }
    }
}

#[test]
fn the_example_trainer_pack_is_solvable_too() {
    let pack =
        otp_audit_workshop::Pack::from_json(include_str!("../packs/example-trainer-pack.json"))
            .unwrap();
    let checker = Checker::new();
    assert_eq!(checker.problems(&pack), Vec::<String>::new());
    let mut broken = pack.clone();
    broken.exercises[0].solution = broken.exercises[0].start.clone();
    broken.exercises[1].start = broken.exercises[1].solution.clone();
    let problems = checker.problems(&broken);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with(
        "warmup-assert-receive: the model solution does not pass: Still reported: test/no-sleep"
    ));
    assert_eq!(
        problems[1],
        "warmup-call-timeout: the starting code already passes"
    );
    for ex in &pack.exercises {
        assert!(!checker.check(ex, &ex.start).solved, "{}", ex.id);
        let v = checker.check(ex, &ex.solution);
        assert!(v.solved, "{}: {:?}", ex.id, v.reason());
    }
}

#[test]
fn removing_the_finding_but_breaking_behaviour_says_which_check_failed() {
    let packs = curriculum::packs().unwrap();
    let ex = packs[0].exercise("sleep-before-assert-received").unwrap();
    // The sleep is gone, but the test no longer waits for the message.
    let code = ex.start.replace("    Process.sleep(200)\n", "");
    let v = Checker::new().check(ex, &code);
    assert!(v.targeted.is_empty(), "{:?}", v.targeted);
    assert!(!v.solved);
    assert_eq!(
        v.failed_check(),
        Some("asserts that the {:delivered, :welcome, ...} message arrives")
    );
    assert_eq!(
        v.reason().unwrap(),
        "Behaviour check failed: the solution must keep this: asserts that the {:delivered, :welcome, ...} message arrives."
    );
    // Trading the finding for another one is not a fix either.
    let ex = packs[0].exercise("sleep-after-cast").unwrap();
    let code = ex.solution.replace(
        "    # count/2",
        "    spawn(fn -> RateCounter.hit(counter, \"api-key-2\"); receive(do: (:stop -> :ok)) end)\n    # count/2",
    );
    let v = Checker::new().check(ex, &code);
    assert!(!v.solved);
    assert!(
        v.reason()
            .unwrap()
            .starts_with("New finding: test/no-raw-spawn on line"),
        "{:?}",
        v.reason()
    );
}

#[test]
fn the_readme_example_pack_is_valid_and_solvable() {
    let readme = include_str!("../../../README.md");
    let section = &readme[readme
        .find("### Pack format")
        .expect("the README documents the format")..];
    let start = section.find("```json\n").unwrap() + "```json\n".len();
    let end = start + section[start..].find("```").unwrap();
    let pack = otp_audit_workshop::Pack::from_json(&section[start..end])
        .unwrap_or_else(|e| panic!("README pack: {e}"));
    assert_eq!(Checker::new().problems(&pack), Vec::<String>::new());
}
