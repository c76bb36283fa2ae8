//! The format for people: `path:line:col: severity rule: message`, a line of
//! context and the source with the span underlined, the fixes on offer, the guide;
//! then what a baseline or a count limit says, and a summary on stderr.

use super::{Extras, plural};
use otp_audit_engine::{FileResult, Finding, Severity};
use otp_audit_project::baseline::{Comparison, Entry};
use otp_audit_project::skipped::{SkipReason, Skipped};
use std::borrow::Cow;
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

/// Columns of a source line the code frame shows; a longer line is cut around the
/// flagged code, with `…` where it was cut.
const FRAME_WIDTH: usize = 120;
/// Columns kept before the flagged code on a cut line.
const FRAME_LEAD: usize = 40;

/// A character that must not reach the terminal raw, written as an Elixir escape:
/// control characters (a NUL, an escape sequence) and the invisible marks that
/// reorder text (bidirectional overrides). Tabs stay.
fn escaped(c: char) -> Option<String> {
    let hidden = c != '\t' && c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    hidden.then(|| format!("\\u{{{:x}}}", c as u32))
}

/// `text` with its control characters escaped.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| escaped(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| escaped(c).unwrap_or_else(|| c.to_string()))
            .collect(),
    )
}

/// One character of a framed line as shown, with where it starts in the source
/// line (UTF-16 units, as finding columns count).
struct Cell {
    shown: String,
    utf16: usize,
    tab: bool,
}

impl Cell {
    fn width(&self) -> usize {
        self.shown.chars().count()
    }
}

fn cells(line: &str) -> Vec<Cell> {
    let mut utf16 = 0;
    line.chars()
        .map(|c| {
            let cell = Cell {
                shown: escaped(c).unwrap_or_else(|| c.to_string()),
                utf16,
                tab: c == '\t',
            };
            utf16 += c.len_utf16();
            cell
        })
        .collect()
}

/// A framed line: the text shown and the underline below it (padding and carets).
struct Framed {
    text: String,
    pad: String,
    carets: usize,
}

/// Frame `line`, underlining UTF-16 columns `start..end` (0-based): control
/// characters escaped, and a long line cut to a window that shows the span.
fn frame(line: &str, start: usize, end: usize) -> Framed {
    let cells = cells(line);
    let mut at = Vec::with_capacity(cells.len() + 1);
    let mut column = 0;
    for c in &cells {
        at.push(column);
        column += c.width();
    }
    let total = column;
    let position = |utf16: usize| {
        cells
            .iter()
            .zip(&at)
            .find(|(c, _)| c.utf16 >= utf16)
            .map_or(total, |(_, &a)| a)
    };
    let (span_start, span_end) = (position(start), position(end).max(position(start)));
    let (mut from, mut to) = (0, total);
    if total > FRAME_WIDTH {
        from = span_start.saturating_sub(FRAME_LEAD);
        to = (from + FRAME_WIDTH).min(total);
        from = to.saturating_sub(FRAME_WIDTH).min(from);
    }
    let mut text = String::new();
    let mut pad = String::new();
    if from > 0 {
        text.push('…');
        pad.push(' ');
    }
    for (c, &a) in cells.iter().zip(&at) {
        if a < from || a + c.width() > to {
            continue;
        }
        text.push_str(&c.shown);
        if a < span_start {
            let blank = if c.tab { '\t' } else { ' ' };
            pad.extend(std::iter::repeat_n(blank, c.width()));
        }
    }
    if to < total {
        text.push('…');
    }
    let carets = span_end.min(to).saturating_sub(span_start.max(from)).max(1);
    Framed { text, pad, carets }
}

/// A line shown without an underline: escaped, cut at the frame's width.
fn plain(line: &str) -> String {
    frame(line, 0, 0).text
}

/// The whole source line that holds byte `at`, without its line break.
fn line_at(src: &str, at: usize) -> Option<&str> {
    if at > src.len() || !src.is_char_boundary(at) {
        return None;
    }
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    Some(src[start..end].trim_end_matches('\r'))
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
    Some(line)
}

/// One finding with its code frame; `source`, when given, adds a line of context
/// and lets a long line be framed around the flagged code.
pub fn write_finding(out: &mut String, style: &Style, f: &Finding, source: Option<&str>) {
    let _ = writeln!(
        out,
        "{}:{}:{}: {} {}: {}",
        style.paint("1", &printable(&f.path)),
        f.start.line,
        f.start.column,
        style.severity(f.severity),
        style.paint("2", &f.rule),
        printable(&f.message)
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
            style.paint("2", &plain(before))
        );
    }
    let flagged = source.and_then(|s| line_at(s, f.start.byte as usize));
    for (i, snippet_line) in f.snippet.lines().enumerate() {
        let n = first + i;
        let line = match (i, flagged) {
            (0, Some(whole)) => whole,
            _ => snippet_line,
        };
        if i == 0 {
            let start = (f.start.utf16_column as usize).saturating_sub(1);
            let end = if f.end.line == f.start.line {
                (f.end.utf16_column as usize).saturating_sub(1)
            } else {
                line.encode_utf16().count()
            };
            let framed = frame(line, start, end.max(start + 1));
            let _ = writeln!(
                out,
                "{:>gutter$} | {}",
                style.paint("34", &n.to_string()),
                framed.text
            );
            let _ = writeln!(
                out,
                "{:>gutter$} | {}{}",
                "",
                framed.pad,
                style.paint("1;31", &"^".repeat(framed.carets))
            );
        } else {
            let _ = writeln!(
                out,
                "{:>gutter$} | {}",
                style.paint("34", &n.to_string()),
                plain(line)
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
            printable(&fix.title)
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

    #[test]
    fn control_characters_are_escaped_and_the_underline_follows() {
        let framed = frame("a\0b = \u{1b}[2J send(p, 1)", 11, 21);
        assert_eq!(framed.text, "a\\u{0}b = \\u{1b}[2J send(p, 1)");
        assert_eq!(framed.pad.len(), "a\\u{0}b = \\u{1b}[2J ".len());
        assert_eq!(framed.carets, 10);
        assert_eq!(printable("tab\tstays"), "tab\tstays");
        assert_eq!(printable("\u{202e}x"), "\\u{202e}x");
    }

    #[test]
    fn a_long_line_is_framed_around_the_flagged_code() {
        let line = format!("{}send(pid, :ping){}", "x".repeat(300), "y".repeat(300));
        let framed = frame(&line, 300, 316);
        assert!(framed.text.starts_with('…') && framed.text.ends_with('…'));
        assert!(framed.text.contains("send(pid, :ping)"));
        assert_eq!(framed.text.chars().count(), FRAME_WIDTH + 2);
        let caret_at = framed.pad.chars().count();
        let shown: String = framed
            .text
            .chars()
            .skip(caret_at)
            .take(framed.carets)
            .collect();
        assert_eq!(shown, "send(pid, :ping)");
        // Short lines are not cut.
        let framed = frame("  send(pid, :ping)", 2, 18);
        assert_eq!(framed.text, "  send(pid, :ping)");
        assert_eq!((framed.pad.as_str(), framed.carets), ("  ", 16));
    }
}
