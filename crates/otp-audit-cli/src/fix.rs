//! `check --fix` and `check --diff`: apply the fixes of each file (to a fixpoint),
//! then write the file atomically or print a unified diff.
//!
//! A file is left alone, with a message, when it does not parse (a fix computed on
//! a broken tree may land in the wrong place), when it resolves to a file outside
//! the directory analysed (a symbolic link), or when it may not be written.

use crate::args::Selection;
use crate::progress;
use crate::run::{self, par_map, text_of};
use crate::write::{self, Refusal, Written};
use otp_audit_engine::{Engine, FileScope, ProjectFacts, Safety};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Why a file with fixes was not changed.
pub enum Why {
    /// Its content changed while it was being fixed.
    ChangedMeanwhile,
    /// It has syntax errors.
    DoesNotParse,
    /// It resolves (through a symbolic link) to this file outside the directory
    /// analysed.
    Outside(PathBuf),
    Refused(Refusal),
}

/// A file with fixes that was left alone, and why.
pub struct LeftAlone {
    /// The file's project path.
    pub path: String,
    /// The file as named on disk.
    pub disk: Option<PathBuf>,
    pub why: Why,
}

impl LeftAlone {
    /// The message for stderr; `named` when the user named this symbolic link on
    /// the command line (skipping it is then a note, not a problem).
    pub fn message(&self, named: bool) -> String {
        let path = &self.path;
        match &self.why {
            Why::ChangedMeanwhile => format!(
                "warning: `{path}` changed while it was being fixed; left it alone (run again)"
            ),
            Why::DoesNotParse => format!(
                "warning: `{path}` has syntax errors; its fixes wait until it parses (see syntax/parse-error)"
            ),
            Why::Outside(target) => format!(
                "{}: `{path}` is a symbolic link to `{}`, outside the directory analysed; --fix writes only inside it, so it was left alone",
                if named { "note" } else { "warning" },
                target.display()
            ),
            Why::Refused(Refusal::ReadOnlyFile) => {
                format!("warning: `{path}` is read-only; left it alone")
            }
            Why::Refused(Refusal::ReadOnlyDir(dir)) => {
                // Named like the file, relative to the directory analysed.
                let dir = match Path::new(path).parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
                    Some(_) => ".".into(),
                    None => dir.display().to_string(),
                };
                format!(
                    "warning: cannot fix `{path}`: its directory `{dir}` is read-only (the fix writes a new file beside it); left it alone"
                )
            }
            Why::Refused(Refusal::Owner) => {
                format!("warning: cannot fix `{path}` and keep its owner and group; left it alone")
            }
        }
    }
}

/// What a fix run did.
#[derive(Default)]
pub struct Summary {
    /// Fixes applied (or, for a diff, that would be).
    pub fixes: usize,
    /// Files changed (or that would be).
    pub files: usize,
    /// Files with fixes that were left alone.
    pub left_alone: Vec<LeftAlone>,
    /// The unified diff of every file, in path order (`--diff`).
    pub diff: String,
}

/// Apply fixes of at most `max` safety to `source`, only those of selected
/// findings, until none applies. Returns the new text and the fixes applied.
/// `project`: the facts of every file, so that only findings `check` reports are
/// fixed and fixes name the supervisors the project defines.
pub fn fix_text(
    engine: &Engine,
    path: &str,
    scope: FileScope,
    source: &str,
    max: Safety,
    sel: &Selection,
    project: &ProjectFacts,
) -> (String, usize) {
    let everything = sel.select.is_empty() && sel.ignore.is_empty() && sel.min_severity.is_none();
    if everything {
        let outcome = engine.fix_in_project_as(path, scope, source, max, project);
        return (outcome.text, outcome.applied);
    }
    // The engine's loop, with the findings filtered.
    let mut text = source.to_string();
    let mut applied = 0;
    for _ in 0..10 {
        let mut result = engine.check_in_project_as(path, scope, &text, project);
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
    LeftAlone(LeftAlone),
}

/// The directory `disk` is named relative to: `disk` without the components of
/// its project path `rel`.
fn analysed_directory(disk: &Path, rel: &str) -> Option<PathBuf> {
    let abs = std::path::absolute(disk).ok()?;
    abs.ancestors()
        .nth(rel.split('/').count())
        .map(Path::to_path_buf)
}

/// The file `disk` resolves to, when that lies outside the directory analysed.
fn outside_target(disk: &Path, rel: &str) -> Option<PathBuf> {
    let root = std::fs::canonicalize(analysed_directory(disk, rel)?).ok()?;
    let target = std::fs::canonicalize(disk).ok()?;
    (!target.starts_with(&root)).then_some(target)
}

/// Fix every selected file; write them (`write`) or collect their diff.
pub fn run(
    project: &run::Project,
    sel: &Selection,
    max: Safety,
    write: bool,
    jobs: usize,
    show_progress: bool,
) -> Result<Summary, String> {
    let (engine, inputs) = (&project.engine, &project.inputs[..]);
    // Fix only the files whose findings, as `check` reports them, offer a fix.
    // Cached findings are those of the bytes read now; each fix is computed anew.
    let (analysis, project) =
        run::analyse_keeping_facts(engine, inputs, jobs, show_progress, project.cache.as_ref())?;
    let fixable: HashSet<&str> = analysis
        .results
        .iter()
        .filter(|r| {
            r.findings
                .iter()
                .any(|f| sel.finding(f) && f.fixes.iter().any(|x| x.safety <= max))
        })
        .map(|r| r.path.as_str())
        .collect();
    let outcomes = progress::run("fixing", inputs.len(), show_progress, |p| {
        par_map(inputs, jobs, p, |input| -> Result<FileOutcome, String> {
            if !sel.scope(input.scope) || !fixable.contains(input.path.as_str()) {
                return Ok(FileOutcome::Unchanged);
            }
            let bytes = input.read()?;
            let original = bytes.to_vec();
            let Some(source) = text_of(bytes) else {
                return Ok(FileOutcome::Unchanged);
            };
            let (fixed, fixes) = fix_text(
                engine,
                &input.path,
                input.scope,
                &source,
                max,
                sel,
                &project,
            );
            if fixed == source {
                return Ok(FileOutcome::Unchanged);
            }
            let left_alone = |why| {
                Ok(FileOutcome::LeftAlone(LeftAlone {
                    path: input.path.clone(),
                    disk: input.disk().map(Path::to_path_buf),
                    why,
                }))
            };
            if !engine.parses(&source) {
                return left_alone(Why::DoesNotParse);
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
            if let Some(target) = outside_target(disk, &input.path) {
                return left_alone(Why::Outside(target));
            }
            match write::replace_if_unchanged(disk, &original, fixed.as_bytes()) {
                Ok(Written::Yes) => Ok(FileOutcome::Fixed {
                    fixes,
                    diff: String::new(),
                }),
                Ok(Written::ChangedMeanwhile) => left_alone(Why::ChangedMeanwhile),
                Ok(Written::Refused(r)) => left_alone(Why::Refused(r)),
                Err(e) => Err(format!("cannot write `{}`: {e}", input.path)),
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
            FileOutcome::LeftAlone(l) => summary.left_alone.push(l),
        }
    }
    Ok(summary)
}
