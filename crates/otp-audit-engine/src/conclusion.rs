//! The cross-file rules' conclusion in two steps, so that a host need not keep
//! every file's text until the end: [`Engine::conclude_pending`] runs the rules
//! over the facts alone (their retractions apply at once), then
//! [`Engine::place`] gives each new finding its position and snippet from the
//! text of its file, which the host reads again only for the files
//! [`Pending::files`] names; [`Pending::finish`] fills in supervisor names last.

use crate::engine::{Engine, FileFacts, FileResult};
use crate::model::File;
use crate::rule::{Draft, Facts, ProjectReport, Rule};
use crate::scope::FileScope;
use crate::source::LineIndex;
use crate::{supervisors, suppress, walk};

/// What the cross-file rules concluded, before the findings they add have
/// positions.
pub struct Pending {
    /// (file, rule, draft) by file; a file's in the order the rules made them.
    drafts: Vec<(usize, &'static Rule, Draft)>,
    /// The supervisor names each file defines.
    names: Vec<supervisors::Names>,
    /// The folders holding a `mix.exs`: a file gets the names of its own Mix project.
    mix_dirs: Vec<String>,
}

impl Pending {
    /// The files that get findings: the ones whose text [`Engine::place`] needs.
    pub fn files(&self) -> Vec<usize> {
        let mut files: Vec<usize> = self.drafts.iter().map(|(i, _, _)| *i).collect();
        files.dedup();
        files
    }

    /// Fill in the supervisor names of the project in every finding (after the
    /// last [`Engine::place`]): the names defined in the file's own Mix project.
    pub fn finish(&self, results: &mut [FileResult]) {
        let all: Vec<&supervisors::Names> = self.names.iter().collect();
        for result in results.iter_mut() {
            if result.findings.is_empty() {
                continue;
            }
            let names = supervisors::Names::of_project(&all, &result.path, &self.mix_dirs);
            for f in &mut result.findings {
                names.resolve(f);
            }
        }
    }
}

impl Engine {
    /// Run the cross-file rules over the facts of every file (`facts[i]` of file
    /// `i`): the findings they withdraw leave `results` now (file `i`'s are in
    /// `results[slot(i)]`, none when `None`); the findings they add wait in the
    /// returned [`Pending`].
    pub fn conclude_pending(
        &self,
        facts: &[&FileFacts],
        results: &mut [FileResult],
        slot: impl Fn(usize) -> Option<usize>,
    ) -> Pending {
        let names = facts.iter().map(|f| f.1.clone()).collect();
        let mut drafts = Vec::new();
        for (rule, _) in self.config().enabled_rules() {
            let Some(pass) = rule.project else { continue };
            let mine: Vec<(usize, &Facts)> = facts
                .iter()
                .enumerate()
                .flat_map(|(i, f)| {
                    f.0.iter()
                        .filter(|(id, _)| *id == rule.id)
                        .map(move |(_, x)| (i, x))
                })
                .collect();
            let mut report = ProjectReport::default();
            (pass.conclude)(&mine, &mut report);
            // A pass withdraws only its own rule's findings, which no other pass
            // adds: withdrawing them all before any is added changes nothing.
            for (i, at) in report.retracted {
                if let Some(result) = slot(i).and_then(|k| results.get_mut(k)) {
                    result
                        .findings
                        .retain(|f| f.rule != rule.id || f.start.byte as usize != at);
                }
            }
            drafts.extend(report.drafts.into_iter().map(|(i, d)| (i, rule, d)));
        }
        // By file, each file's in the order they were made (a stable sort).
        drafts.sort_by_key(|(i, _, _)| *i);
        Pending {
            drafts,
            names,
            mix_dirs: self.mix_dirs().to_vec(),
        }
    }

    /// Add the pending findings of file `file` to its `result`, placed in `src`
    /// (its text, as analysed); a finding a suppression comment silences is left
    /// out, and that comment is no longer reported unused.
    pub fn place(
        &self,
        pending: &Pending,
        file: usize,
        path: &str,
        src: &str,
        result: &mut FileResult,
    ) {
        let from = pending.drafts.partition_point(|(i, _, _)| *i < file);
        let to = pending.drafts.partition_point(|(i, _, _)| *i <= file);
        if from == to {
            return;
        }
        let lines = LineIndex::new(src);
        let comments = suppressions_of(path, src, &lines);
        for (_, rule, draft) in &pending.drafts[from..to] {
            let silencing = silencing(comments.clone(), rule, lines.line_of(draft.range.start));
            if !silencing.is_empty() {
                // The file's own check called these comments unused: it ran before this pass.
                result.findings.retain(|f| {
                    f.rule != "meta/unused-suppression"
                        || !silencing.contains(&(f.start.byte as usize))
                });
                continue;
            }
            result
                .findings
                .push(self.finish(rule, draft.clone(), path, src, &lines));
            result.findings.sort_by(|a, b| {
                (a.start.byte, &a.rule, a.end.byte).cmp(&(b.start.byte, &b.rule, b.end.byte))
            });
        }
    }
}

/// The suppression comments of a file, none of them used yet.
fn suppressions_of(path: &str, src: &str, lines: &LineIndex) -> suppress::Suppressions {
    let tree = crate::parse(src);
    let mut file = File::new(path, src, FileScope::of_path(path), &tree);
    walk::build(&mut file);
    suppress::parse(&file.comments, src, lines).0
}

/// Where the suppression comments start that silence a finding of `rule` on
/// `line0`.
fn silencing(mut comments: suppress::Suppressions, rule: &Rule, line0: usize) -> Vec<usize> {
    if !comments.suppresses(rule, line0) {
        return Vec::new();
    }
    comments
        .items
        .iter()
        .filter(|s| s.used)
        .map(|s| s.range.start)
        .collect()
}
