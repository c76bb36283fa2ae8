//! `otp-audit check` and `otp-audit report`: analyse, compare with a baseline,
//! apply the ratchet, fix, and print in the chosen format.

use crate::args::{CheckOptions, Format, Selection};
use crate::output::{self, Extras};
use crate::run::{self, Analysis};
use crate::{fix, progress, write};
use otp_audit_engine::{FileResult, FileScope, Safety};
use otp_audit_project::baseline::{Baseline, Comparison, Ratchet};
use otp_audit_project::report::Report;
use otp_audit_project::skipped::{SkipReason, Skipped};
use std::collections::HashMap;
use std::path::Path;

fn read_baseline(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read the baseline `{}`: {e}; write one with `otp-audit check --write-baseline {}`",
            path.display(),
            path.display()
        )
    })?;
    Baseline::from_json(&text).map_err(|e| format!("`{}`: {e}", path.display()))
}

/// The part of a baseline that the selection can see: entries of other rules or
/// scopes would otherwise look fixed. `scopes` are the scopes of the files found;
/// an entry of a file that is gone is scoped by its path.
fn select_baseline(
    mut b: Baseline,
    sel: &Selection,
    scopes: &HashMap<&str, FileScope>,
) -> Baseline {
    if sel.select.is_empty() && sel.ignore.is_empty() && sel.scopes.is_empty() {
        return b;
    }
    let scope_of = |path: &str| {
        scopes
            .get(path)
            .copied()
            .unwrap_or_else(|| FileScope::of_path(path))
    };
    b.entries
        .retain(|e| sel.rule(&e.rule) && sel.scope(scope_of(&e.path)));
    b.counts.clear();
    for e in &b.entries {
        *b.counts.entry(e.rule.clone()).or_insert(0) += 1;
    }
    b
}

/// The findings of `results` that are in `new` (a subsequence, in the same order).
fn only_new(results: &[FileResult], comparison: &Comparison) -> Vec<FileResult> {
    let mut new = comparison.new.iter().peekable();
    results
        .iter()
        .map(|r| {
            let mut kept = r.clone();
            kept.findings.retain(|f| {
                if new.peek() == Some(&f) {
                    new.next();
                    true
                } else {
                    false
                }
            });
            kept
        })
        .collect()
}

/// Write the output to `--output` (atomically) or stdout.
fn emit(opts: &CheckOptions, text: &str) -> Result<(), String> {
    match &opts.output {
        Some(p) => write::atomic(p, text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", p.display())),
        None => output::stdout(text),
    }
}

/// `check`; returns whether the run fails (exit status 1).
pub fn check(opts: &CheckOptions) -> Result<bool, String> {
    let sel = &opts.selection;
    let project = run::open(&opts.paths, opts.config.as_deref(), sel, &opts.cache)?;
    let jobs = run::jobs(opts.jobs);
    let show = progress::enabled();

    let mut fix_summary = None;
    if opts.fix || opts.diff {
        let write = !opts.diff;
        if write && project.from_archive {
            return Err(
                "cannot write fixes into a zip archive; extract it and fix the directory, or use --diff"
                    .into(),
            );
        }
        let max = if opts.unsafe_fixes {
            Safety::Unsafe
        } else {
            Safety::Safe
        };
        let summary = fix::run(&project, sel, max, write, jobs, show)?;
        for l in &summary.left_alone {
            // A link the user named is skipped as asked; anything else is news.
            let named = l
                .disk
                .as_ref()
                .is_some_and(|d| opts.paths.contains(d) && d.is_symlink());
            eprintln!("otp-audit: {}", l.message(named));
        }
        if opts.diff {
            emit(opts, &summary.diff)?;
            eprintln!(
                "{} fix{} in {} file{} (not written; apply with `git apply` or `patch -p1`, or run with --fix).",
                summary.fixes,
                if summary.fixes == 1 { "" } else { "es" },
                summary.files,
                output::plural(summary.files)
            );
            return Ok(!summary.diff.is_empty());
        }
        fix_summary = Some(summary);
    }

    let mut analysis = run::analyse(
        &project.engine,
        &project.inputs,
        jobs,
        show,
        project.cache.as_ref(),
    )?;
    analysis.skipped.extend(project.skipped.iter().cloned());
    analysis.skipped.sort();
    analysis.select(sel);
    if let Some(s) = &fix_summary {
        eprintln!(
            "Fixed {} finding{} in {} file{}.",
            s.fixes,
            output::plural(s.fixes),
            s.files,
            output::plural(s.files)
        );
    }

    if let Some(path) = &opts.write_baseline {
        let baseline = Baseline::from_results(&analysis.results);
        write::atomic(path, baseline.to_json().as_bytes())
            .map_err(|e| format!("cannot write the baseline `{}`: {e}", path.display()))?;
        eprintln!(
            "Wrote the baseline `{}`: {} finding{} of {} rule{}.",
            path.display(),
            baseline.entries.len(),
            output::plural(baseline.entries.len()),
            baseline.counts.len(),
            output::plural(baseline.counts.len())
        );
        return Ok(false);
    }

    let baseline = opts
        .baseline
        .as_deref()
        .map(read_baseline)
        .transpose()?
        .map(|b| select_baseline(b, sel, &input_scopes(&project.inputs)));
    let comparison = baseline.as_ref().map(|b| b.compare(&analysis.results));
    let ratchet = match &baseline {
        Some(b) if opts.ratchet => b.ratchet(),
        _ => Ratchet::default(),
    }
    .with_max_counts(opts.max_count.iter().map(String::as_str))?;
    let violations = ratchet.check(&analysis.results);

    let reported: std::borrow::Cow<[FileResult]> = match &comparison {
        Some(c) => only_new(&analysis.results, c).into(),
        None => (&analysis.results[..]).into(),
    };
    // Findings of a rule under a count limit fail only through the count.
    let individually_failing = reported
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| !ratchet.limits.contains_key(&f.rule));
    let fails = individually_failing || !violations.is_empty();

    let extras = Extras {
        comparison: comparison.as_ref(),
        ratchet: (!ratchet.limits.is_empty()).then_some(&ratchet),
        violations: &violations,
        baseline_path: opts.baseline.as_deref(),
        // Only the JSON report carries it; no git process for the other formats.
        stamp: if opts.format == Format::Json && !opts.statistics {
            crate::stamp::stamp(opts.revision.as_deref(), &opts.paths, project.from_archive)
        } else {
            Default::default()
        },
    };
    if opts.statistics {
        let stats = output::statistics::Statistics::of(&analysis.results, &analysis.skipped);
        let text = match opts.format {
            Format::Json => stats.to_json(),
            _ => stats.to_text(),
        };
        emit(opts, &text)?;
    } else {
        print(
            opts,
            &project.engine.config().source,
            &project.efforts,
            baseline.as_ref(),
            &analysis,
            &reported,
            &extras,
        )?;
        report_to_stderr(opts.format, &extras);
    }
    report_skipped(&analysis.skipped, opts.format);
    if opts.strict && !analysis.skipped.is_empty() {
        return Err(format!(
            "{} file{} skipped (--strict)",
            analysis.skipped.len(),
            output::plural(analysis.skipped.len())
        ));
    }
    Ok(fails)
}

fn input_scopes(inputs: &[crate::files::Input]) -> HashMap<&str, FileScope> {
    inputs.iter().map(|i| (i.path.as_str(), i.scope)).collect()
}

/// Each skipped file on stderr (the text summary counts them too), so a run that
/// checked less than it was given says so.
fn report_skipped(skipped: &[Skipped], format: Format) {
    if format != Format::Text {
        print_skipped(skipped);
    }
}

fn print_skipped(skipped: &[Skipped]) {
    // Files over the size cap were named, with their size, when they were found.
    for s in skipped.iter().filter(|s| s.reason != SkipReason::TooLarge) {
        eprintln!("otp-audit: skipped `{}`: {}", s.path, s.reason.describe());
    }
}

/// Baseline and ratchet news on stderr for the machine formats (text prints them
/// with the findings).
fn report_to_stderr(format: Format, extras: &Extras) {
    if format == Format::Text {
        return;
    }
    if let Some(c) = extras.comparison {
        eprintln!("{}", output::text::baseline_summary(c));
        for e in &c.fixed {
            eprintln!("  fixed: {}", output::text::entry_line(e));
        }
    }
    for v in extras.violations {
        eprintln!("otp-audit: count over its limit: {v}");
    }
}

#[allow(clippy::too_many_arguments)]
fn print(
    opts: &CheckOptions,
    config: &otp_audit_engine::config::ConfigSource,
    efforts: &otp_audit_project::report::Efforts,
    baseline: Option<&Baseline>,
    analysis: &Analysis,
    reported: &[FileResult],
    extras: &Extras,
) -> Result<(), String> {
    use otp_audit_project::formats::{credo, flycheck, jsonl, sarif};
    let report = || Report::build(&analysis.results, efforts, baseline);
    let text = match opts.format {
        Format::Text => {
            let color = opts
                .color
                .unwrap_or_else(|| opts.output.is_none() && output::color_by_default());
            output::text::render(reported, &analysis.frames, color, extras)
        }
        Format::Json => output::json::render(
            &analysis.results,
            &analysis.skipped,
            config,
            &report(),
            extras,
        ),
        Format::Jsonl => jsonl::to_jsonl(reported),
        Format::Sarif => pretty(&sarif::to_sarif_with(
            reported,
            &sarif::SarifOptions {
                skipped: analysis.skipped.clone(),
                ..Default::default()
            },
        )),
        Format::Credo => pretty(&credo::to_credo(reported)),
        Format::Flycheck => flycheck::to_flycheck(reported),
        Format::Markdown => otp_audit_project::report::to_markdown(&report()),
        Format::Html => otp_audit_project::report::to_html(&report()),
    };
    emit(opts, &text)?;
    if opts.format == Format::Text {
        print_skipped(&analysis.skipped);
        eprintln!(
            "{}",
            output::text::summary(reported, &analysis.results, &analysis.skipped, extras)
        );
    }
    Ok(())
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values serialize");
    s.push('\n');
    s
}

/// A JSON report (`check --format json`) from disk.
fn read_report(path: &Path) -> Result<otp_audit_project::formats::json::ReportFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read the report `{}`: {e}; write one with `otp-audit check --format json -o {}`",
            path.display(),
            path.display()
        )
    })?;
    otp_audit_project::formats::json::read(&text).map_err(|e| format!("`{}`: {e}", path.display()))
}

/// `report --compare OLD.json [NEW.json | PATH]`: what changed between two runs.
/// The selection applies to both sides, so a rule left out is not "fixed".
fn compare(opts: &CheckOptions, old_path: &Path) -> Result<(), String> {
    let sel = &opts.selection;
    let keep = |f: &otp_audit_engine::Finding, scope: Option<otp_audit_engine::FileScope>| {
        sel.finding(f) && scope.is_none_or(|s| sel.scope(s))
    };
    let scoped = |report: otp_audit_project::formats::json::ReportFile| {
        let scope_of: std::collections::HashMap<String, otp_audit_engine::FileScope> = report
            .files
            .iter()
            .map(|f| (f.path.clone(), f.scope))
            .collect();
        report
            .findings
            .into_iter()
            .filter(|f| keep(f, scope_of.get(&f.path).copied()))
            .collect::<Vec<_>>()
    };
    let old = scoped(read_report(old_path)?);
    let (new, newer) = match opts.paths.as_slice() {
        [p] if p.is_file()
            && p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json")) =>
        {
            (scoped(read_report(p)?), p.display().to_string())
        }
        paths => {
            let (_, analysis) =
                run::open_and_analyse(paths, opts.config.as_deref(), sel, opts.jobs, &opts.cache)?;
            let label = paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" ");
            let findings = analysis
                .results
                .into_iter()
                .flat_map(|r| r.findings)
                .collect();
            (findings, label)
        }
    };
    let delta = otp_audit_project::compare::compare(&old, &new);
    let older = old_path.display().to_string();
    let text = match opts.format {
        Format::Json => delta.to_json(),
        Format::Html => delta.to_html(&older, &newer),
        _ => delta.to_markdown(&older, &newer),
    };
    emit(opts, &text)
}

/// `report`: the remediation plan. Always exits 0 unless something cannot be read.
pub fn report(opts: &CheckOptions) -> Result<(), String> {
    if let Some(old) = &opts.compare {
        return compare(opts, old);
    }
    let (project, analysis) = run::open_and_analyse(
        &opts.paths,
        opts.config.as_deref(),
        &opts.selection,
        opts.jobs,
        &opts.cache,
    )?;
    let baseline = opts
        .baseline
        .as_deref()
        .map(read_baseline)
        .transpose()?
        .map(|b| select_baseline(b, &opts.selection, &input_scopes(&project.inputs)));
    let report = Report::build(&analysis.results, &project.efforts, baseline.as_ref());
    let text = match opts.format {
        Format::Html => otp_audit_project::report::to_html(&report),
        _ => otp_audit_project::report::to_markdown(&report),
    };
    emit(opts, &text)?;
    if let Some(p) = &opts.output {
        eprintln!("Wrote the report to `{}`.", p.display());
    }
    Ok(())
}
