//! When is an exercise solved? When the code parses, no finding of a targeted rule is
//! left, every behaviour check holds, and no rule reports something the starting code
//! did not have (swapping a sleep for a raw spawn is not a fix).

use crate::pack::Exercise;
use otp_audit_engine::model::File;
use otp_audit_engine::{Engine, Finding};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// The rule the engine reports unparsable code under.
const PARSE_ERROR: &str = "syntax/parse-error";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckOutcome {
    pub label: String,
    pub passed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    pub solved: bool,
    /// Every finding in the code, for the findings panel.
    pub findings: Vec<Finding>,
    /// Findings of the exercise's rules that are still there.
    pub targeted: Vec<Finding>,
    /// Findings of rules the starting code had no finding of.
    pub introduced: Vec<Finding>,
    pub checks: Vec<CheckOutcome>,
    pub parse_error: Option<Finding>,
}

impl Verdict {
    /// Why the exercise is not solved yet, in the attendee's terms; `None` when solved.
    pub fn reason(&self) -> Option<String> {
        if let Some(p) = &self.parse_error {
            return Some(format!(
                "The code does not parse (line {}): fix the syntax first.",
                p.start.line
            ));
        }
        if let Some(f) = self.targeted.first() {
            let more = match self.targeted.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            return Some(format!(
                "Still reported: {} on line {}{more}.",
                f.rule, f.start.line
            ));
        }
        if let Some(c) = self.checks.iter().find(|c| !c.passed) {
            return Some(format!(
                "Behaviour check failed: the solution must keep this: {}.",
                c.label
            ));
        }
        if let Some(f) = self.introduced.first() {
            return Some(format!(
                "New finding: {} on line {} was not in the starting code; fix it another way.",
                f.rule, f.start.line
            ));
        }
        None
    }

    /// The first failed behaviour check, for the status line's test hook.
    pub fn failed_check(&self) -> Option<&str> {
        self.checks
            .iter()
            .find(|c| !c.passed)
            .map(|c| c.label.as_str())
    }
}

/// Checks exercises; keeps one engine and the rules each starting code reports.
pub struct Checker {
    engine: Engine,
    baselines: RefCell<HashMap<(String, String), BTreeSet<String>>>,
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new()
    }
}

impl Checker {
    pub fn new() -> Checker {
        Checker {
            engine: Engine::default(),
            baselines: RefCell::new(HashMap::new()),
        }
    }

    /// Every finding in one file, checked as the CLI checks a project of one file.
    pub fn findings(&self, path: &str, code: &str) -> Vec<Finding> {
        self.engine
            .check_project(&[(path, code)])
            .pop()
            .map(|r| r.findings)
            .unwrap_or_default()
    }

    fn baseline(&self, ex: &Exercise) -> BTreeSet<String> {
        let key = (ex.path.clone(), ex.start.clone());
        if let Some(b) = self.baselines.borrow().get(&key) {
            return b.clone();
        }
        let rules: BTreeSet<String> = self
            .findings(&ex.path, &ex.start)
            .into_iter()
            .map(|f| f.rule)
            .collect();
        self.baselines.borrow_mut().insert(key, rules.clone());
        rules
    }

    pub fn check(&self, ex: &Exercise, code: &str) -> Verdict {
        let findings = self.findings(&ex.path, code);
        let baseline = self.baseline(ex);
        let parse_error = findings.iter().find(|f| f.rule == PARSE_ERROR).cloned();
        let targeted: Vec<Finding> = findings
            .iter()
            .filter(|f| ex.rules.contains(&f.rule))
            .cloned()
            .collect();
        let introduced: Vec<Finding> = findings
            .iter()
            .filter(|f| f.rule != PARSE_ERROR && !baseline.contains(&f.rule))
            .cloned()
            .collect();
        let tree = otp_audit_engine::parse(code);
        let file = File::build(&ex.path, code, &tree);
        let checks: Vec<CheckOutcome> = ex
            .checks
            .iter()
            .map(|c| CheckOutcome {
                label: c.label(),
                passed: c.holds(&file),
            })
            .collect();
        let solved = parse_error.is_none()
            && targeted.is_empty()
            && introduced.is_empty()
            && checks.iter().all(|c| c.passed);
        Verdict {
            solved,
            findings,
            targeted,
            introduced,
            checks,
            parse_error,
        }
    }
}

impl Checker {
    /// What would make a pack's exercises unusable: a starting code that already
    /// passes, or a model solution that does not. Trainers see these on loading.
    pub fn problems(&self, pack: &crate::Pack) -> Vec<String> {
        let mut out = Vec::new();
        for ex in &pack.exercises {
            if self.check(ex, &ex.start).solved {
                out.push(format!("{}: the starting code already passes", ex.id));
            }
            if let Some(reason) = self.check(ex, &ex.solution).reason() {
                out.push(format!(
                    "{}: the model solution does not pass: {reason}",
                    ex.id
                ));
            }
        }
        out
    }
}
