//! `check --fix` and `check --diff`: apply the fixes of each file (to a fixpoint),
//! then write the file atomically or print a unified diff.

use crate::args::Selection;
use crate::files::Input;
use crate::progress;
use crate::run::{par_map, text_of};
use crate::write::{self, Written};
use otp_audit_engine::supervisors::Names;
use otp_audit_engine::{Engine, FileScope, Safety};

/// What a fix run did.
#[derive(Default)]
pub struct Summary {
    /// Fixes applied (or, for a diff, that would be).
    pub fixes: usize,
    /// Files changed (or that would be).
    pub files: usize,
    /// Files left alone because they changed while being fixed.
    pub skipped: Vec<String>,
    /// The unified diff of every file, in path order (`--diff`).
    pub diff: String,
}

/// Apply fixes of at most `max` safety to `source`, only those of selected
/// findings, until none applies. Returns the new text and the fixes applied.
/// `names`: the supervisors the project defines, which some fixes name.
pub fn fix_text(
    engine: &Engine,
    path: &str,
    scope: FileScope,
    source: &str,
    max: Safety,
    sel: &Selection,
    names: &Names,
) -> (String, usize) {
    let everything = sel.select.is_empty() && sel.ignore.is_empty() && sel.min_severity.is_none();
    if everything {
        let outcome = engine.fix_in_project_as(path, scope, source, max, names);
        return (outcome.text, outcome.applied);
    }
    // The engine's loop, with the findings filtered.
    let mut text = source.to_string();
    let mut applied = 0;
    for _ in 0..10 {
        let mut result = engine.check_in_project_as(path, scope, &text, names);
        result.findings.retain(|f| sel.finding(f));
        let (next, n) = otp_audit_engine::fix::apply_fixes(&text, &result.findings, max);
        if n == 0 || next == text {
            break;
        }
        applied += n;
        text = next;
    }
    (text, applied)
}

enum FileOutcome {
    Unchanged,
    Fixed { fixes: usize, diff: String },
    Skipped(String),
}

/// Fix every selected file; write them (`write`) or collect their diff.
pub fn run(
    engine: &Engine,
    inputs: &[Input],
    sel: &Selection,
    max: Safety,
    write: bool,
    jobs: usize,
    show_progress: bool,
) -> Result<Summary, String> {
    let names = supervisor_names(engine, inputs, jobs);
    let outcomes = progress::run("fixing", inputs.len(), show_progress, |p| {
        par_map(inputs, jobs, p, |input| -> Result<FileOutcome, String> {
            if !sel.scope(input.scope) {
                return Ok(FileOutcome::Unchanged);
            }
            let bytes = input.read()?;
            let original = bytes.to_vec();
            let Some(source) = text_of(bytes) else {
                return Ok(FileOutcome::Unchanged);
            };
            let (fixed, fixes) =
                fix_text(engine, &input.path, input.scope, &source, max, sel, &names);
            if fixed == source {
                return Ok(FileOutcome::Unchanged);
            }
            if !write {
                let diff = otp_audit_project::diff::unified(&input.path, &source, &fixed);
                return Ok(FileOutcome::Fixed { fixes, diff });
            }
            let Some(disk) = input.disk() else {
                return Err(format!(
                    "cannot write fixes into `{}`; extract the archive and fix the directory, or use --diff",
                    input.display()
                ));
            };
            match write::replace_if_unchanged(disk, &original, fixed.as_bytes()) {
                Ok(Written::Yes) => Ok(FileOutcome::Fixed {
                    fixes,
                    diff: String::new(),
                }),
                Ok(Written::ChangedMeanwhile) => Ok(FileOutcome::Skipped(input.display())),
                Err(e) => Err(format!("cannot write `{}`: {e}", disk.display())),
            }
        })
    });
    let mut summary = Summary::default();
    for outcome in outcomes {
        match outcome? {
            FileOutcome::Unchanged => {}
            FileOutcome::Fixed { fixes, diff } => {
                summary.fixes += fixes;
                summary.files += 1;
                summary.diff.push_str(&diff);
            }
            FileOutcome::Skipped(name) => summary.skipped.push(name),
        }
    }
    Ok(summary)
}

/// The supervisors every input defines (unreadable files define none).
fn supervisor_names(engine: &Engine, inputs: &[Input], jobs: usize) -> Names {
    let per_file = progress::run("reading", inputs.len(), false, |p| {
        par_map(inputs, jobs, p, |input| {
            let bytes = input.read().ok()?;
            let text = std::str::from_utf8(&bytes).ok()?;
            Some(engine.supervisor_names_as(&input.path, input.scope, text))
        })
    });
    let mut names = Names::default();
    for n in per_file.iter().flatten() {
        names.extend(n);
    }
    names
}
