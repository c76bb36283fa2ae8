//! The format for people: `path:line:col: severity rule: message`, a line of
//! context and the source with the span underlined, the fixes on offer, the guide;
//! then what a baseline or a count limit says, and a summary on stderr.

use super::{Extras, plural};
use otp_audit_engine::{FileResult, Finding, Severity};
use otp_audit_project::baseline::{Comparison, Entry};
use otp_audit_project::skipped::{SkipReason, Skipped};
use std::fmt::Write;

pub struct Style {
    pub on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, s.as_str())
    }
}

/// Render the `reported` findings (`sources[i]` is the text of `reported[i]`), then
/// the baseline's fixed entries and the count limits passed.
pub fn render(reported: &[FileResult], sources: &[String], color: bool, extras: &Extras) -> String {
    let style = Style { on: color };
    let mut out = String::new();
    for (i, r) in reported.iter().enumerate() {
        let source = sources.get(i).map(String::as_str);
        for f in &r.findings {
            write_finding(&mut out, &style, f, source);
        }
    }
    if let Some(c) = extras.comparison
        && !c.fixed.is_empty()
    {
        let _ = writeln!(
            out,
            "{} ({}):",
            style.paint("1;32", "Fixed since the baseline"),
            c.fixed.len()
        );
        for e in &c.fixed {
            let _ = writeln!(out, "  {}", entry_line(e));
        }
        out.push('\n');
    }
    for v in extras.violations {
        let _ = writeln!(out, "{} {v}", style.paint("1;31", "count over its limit:"));
    }
    out
}

/// A baseline entry in one line: `path:line rule (scope): message`.
pub fn entry_line(e: &Entry) -> String {
    let scope = if e.scope.is_empty() {
        String::new()
    } else {
        format!(" ({})", e.scope)
    };
    format!("{}:{} {}{scope}: {}", e.path, e.line, e.rule, e.message)
}

pub fn baseline_summary(c: &Comparison) -> String {
    format!(
        "Baseline: {} new finding{}, {} unchanged, {} fixed.",
        c.new.len(),
        plural(c.new.len()),
        c.unchanged,
        c.fixed.len()
    )
}

/// The one-line summary for stderr.
pub fn summary(
    reported: &[FileResult],
    all: &[FileResult],
    skipped: &[Skipped],
    extras: &Extras,
) -> String {
    let mut counts = [0usize; 3];
    let mut fixable = 0;
    for f in reported.iter().flat_map(|r| &r.findings) {
        counts[f.severity as usize] += 1;
        fixable += usize::from(f.safe_fix().is_some());
    }
    let total: usize = counts.iter().sum();
    let files = all.len();
    let what = if extras.comparison.is_some() {
        "new finding"
    } else {
        "finding"
    };
    let mut line = if total == 0 {
        format!("No {what}s in {files} file{}.", plural(files))
    } else {
        let affected = reported.iter().filter(|r| !r.findings.is_empty()).count();
        format!(
            "{total} {what}{} ({} error{}, {} warning{}, {} info) in {affected} of {files} file{}; {fixable} with a safe fix{}.",
            plural(total),
            counts[2],
            plural(counts[2]),
            counts[1],
            plural(counts[1]),
            counts[0],
            plural(files),
            if fixable > 0 { " (run with --fix)" } else { "" }
        )
    };
    if !skipped.is_empty() {
        let reasons: Vec<String> = otp_audit_project::skipped::counts(skipped)
            .into_iter()
            .map(|(reason, n)| format!("{n} {}", reason_short(reason)))
            .collect();
        let _ = write!(
            line,
            " Skipped {} file{}: {}.",
            skipped.len(),
            plural(skipped.len()),
            reasons.join(", ")
        );
    }
    if let Some(c) = extras.comparison {
        let _ = write!(
            line,
            " {} unchanged from the baseline, {} fixed.",
            c.unchanged,
            c.fixed.len()
        );
    }
    if let Some(r) = extras.ratchet {
        let over = extras.violations.len();
        let _ = write!(
            line,
            " Count limits: {} of {} rule{} over.",
            over,
            r.limits.len(),
            plural(r.limits.len())
        );
    }
    line
}

/// The line before byte `at` in `src`, if there is one and it is not blank.
fn line_before(src: &str, at: usize) -> Option<&str> {
    let at = at.min(src.len());
    let start = src.get(..at)?.rfind('\n')?;
    let prev_start = src[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = src[prev_start..start].trim_end_matches('\r');
    if line.trim().is_empty() {
        return None;
    }
    let end = (0..=line.len().min(400))
        .rev()
        .find(|&i| line.is_char_boundary(i))
        .unwrap_or(0);
    Some(&line[..end])
}

/// One finding with its code frame; `source`, when given, adds a line of context.
pub fn write_finding(out: &mut String, style: &Style, f: &Finding, source: Option<&str>) {
    let _ = writeln!(
        out,
        "{}:{}:{}: {} {}: {}",
        style.paint("1", &f.path),
        f.start.line,
        f.start.column,
        style.severity(f.severity),
        style.paint("2", &f.rule),
        f.message
    );
    let first = f.start.line as usize;
    let gutter = (first + f.snippet.lines().count()).to_string().len();
    if let Some(before) = source.and_then(|s| line_before(s, f.start.byte as usize))
        && first > 1
    {
        let _ = writeln!(
            out,
            "{:>gutter$} | {}",
            style.paint("34", &(first - 1).to_string()),
            style.paint("2", before)
        );
    }
    for (i, line) in f.snippet.lines().enumerate() {
        let n = first + i;
        let _ = writeln!(
            out,
            "{:>gutter$} | {line}",
            style.paint("34", &n.to_string())
        );
        if i == 0 {
            let start = (f.start.utf16_column as usize).saturating_sub(1);
            let width = if f.end.line == f.start.line {
                (f.end.utf16_column as usize).saturating_sub(f.start.utf16_column as usize)
            } else {
                line.encode_utf16().count().saturating_sub(start)
            }
            .max(1);
            let pad: String = line
                .chars()
                .scan(0usize, |acc, c| {
                    let was = *acc;
                    *acc += c.len_utf16();
                    (was < start).then_some(if c == '\t' { '\t' } else { ' ' })
                })
                .collect();
            let _ = writeln!(
                out,
                "{:>gutter$} | {pad}{}",
                "",
                style.paint("1;31", &"^".repeat(width))
            );
        }
        if i >= 2 {
            break;
        }
    }
    for fix in &f.fixes {
        let _ = writeln!(
            out,
            "{:>gutter$} = {} ({}): {}",
            "",
            style.paint("32", "fix"),
            fix.safety.as_str(),
            fix.title
        );
    }
    let _ = writeln!(
        out,
        "{:>gutter$} = guide: otp-audit explain {}",
        "", f.guide
    );
    out.push('\n');
}

/// A skip reason in the summary's few words.
fn reason_short(reason: SkipReason) -> &'static str {
    match reason {
        SkipReason::NotUtf8 => "not UTF-8",
        SkipReason::SymlinkOutside => "symbolic link out of the project",
        SkipReason::TooLarge => "over the size limit",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_the_previous_non_blank_line() {
        let src = "defmodule A do\n  def f, do: 1\n\n  def g, do: send(p, 1)\nend\n";
        let at = src.find("send").unwrap();
        assert_eq!(line_before(src, at), None);
        let at = src.find("def f").unwrap();
        assert_eq!(line_before(src, at), Some("defmodule A do"));
        assert_eq!(line_before(src, 3), None);
    }
}
