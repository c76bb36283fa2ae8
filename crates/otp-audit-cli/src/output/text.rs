//! The format for people: `path:line:col: severity rule: message`, a line of
//! context and the source with the span underlined, the fixes on offer, the guide;
//! then what a baseline or a count limit says, and a summary on stderr.

use super::frame::{FRAME_WIDTH, Frame, Frames};
use super::{Extras, plural};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
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

/// Render the `reported` findings (`frames[i]` are the code frames of
/// `reported[i]`), then the baseline's fixed entries and the count limits passed.
pub fn render(reported: &[FileResult], frames: &[Frames], color: bool, extras: &Extras) -> String {
    let style = Style { on: color };
    let mut out = String::new();
    for (i, r) in reported.iter().enumerate() {
        let frames = frames.get(i);
        for f in &r.findings {
            write_finding(&mut out, &style, f, frames.and_then(|x| x.of(f)));
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

/// The source lines a frame shows and the flagged bytes among them.
struct Window {
    text: String,
    /// The number of the window's first line.
    first_line: usize,
    span: std::ops::Range<usize>,
}

impl Window {
    /// `raw` escaped (and without carriage returns), `span` moved to match.
    fn escape(raw: &str, first_line: usize, span: std::ops::Range<usize>) -> Window {
        let mut text = String::with_capacity(raw.len());
        let (mut start, mut end) = (None, None);
        let mut chars = raw.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if at >= span.start && start.is_none() {
                start = Some(text.len());
            }
            if at >= span.end && end.is_none() {
                end = Some(text.len());
            }
            let line_end = matches!(chars.peek(), None | Some((_, '\n')));
            match escaped(c) {
                _ if c == '\n' => text.push(c),
                Some(_) if c == '\r' && line_end => {}
                Some(e) => text.push_str(&e),
                None => text.push(c),
            }
        }
        let start = start.unwrap_or(text.len());
        let end = end.unwrap_or(text.len()).max(start);
        Window {
            text,
            first_line,
            span: start..end,
        }
    }

    /// From the frame cut from the file's text.
    fn in_frame(frame: &Frame) -> Window {
        Window::escape(&frame.text, frame.first_line, frame.span.clone())
    }

    /// From the finding's snippet alone (its flagged lines, as the engine cut them).
    fn in_snippet(f: &Finding) -> Window {
        let snippet = &f.snippet;
        let byte_at = |line: usize, utf16_column: u32| {
            let offset: usize = snippet.split('\n').take(line).map(|l| l.len() + 1).sum();
            let text = snippet
                .get(offset..)
                .unwrap_or("")
                .split('\n')
                .next()
                .unwrap_or("");
            let mut units = 0;
            let column = (utf16_column as usize).saturating_sub(1);
            let within = text
                .char_indices()
                .find(|(_, c)| {
                    let past = units >= column;
                    units += c.len_utf16();
                    past
                })
                .map_or(text.len(), |(i, _)| i);
            (offset + within).min(snippet.len())
        };
        let start = byte_at(0, f.start.utf16_column);
        let end = byte_at((f.end.line - f.start.line) as usize, f.end.utf16_column);
        Window::escape(snippet, f.start.line as usize, start..end.max(start))
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// One finding: a `path:line:col: severity rule: message` line that editors and
/// grep read, then the code frame as rustc draws it (annotate-snippets), with the
/// fixes on offer and the guide. `frame`, when given, adds a line of context.
pub fn write_finding(out: &mut String, style: &Style, f: &Finding, frame: Option<&Frame>) {
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
    let window = frame.map_or_else(|| Window::in_snippet(f), Window::in_frame);
    let snippet = Snippet::source(window.text.as_str())
        .line_start(window.first_line)
        .fold(false)
        .annotation(AnnotationKind::Primary.span(window.span.clone()));
    let mut group = Group::with_level(level(f.severity)).element(snippet);
    for fix in &f.fixes {
        let name = format!("fix ({})", fix.safety.as_str());
        group = group.element(Level::HELP.with_name(name).message(printable(&fix.title)));
    }
    group = group.element(
        Level::NOTE
            .with_name("guide")
            .message(format!("otp-audit explain {}", f.guide)),
    );
    let renderer = if style.on {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(FRAME_WIDTH);
    out.push_str(&renderer.render(&[group]));
    out.push_str("\n\n");
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
    fn the_window_starts_at_the_previous_non_blank_line() {
        let src = "defmodule A do\n  def f, do: 1\n\n  def g, do: send(p, 1)\nend\n";
        let at = src.find("send").unwrap();
        let w = Window::escape(src, 1, at..at + 4);
        assert_eq!(&w.text[w.span.clone()], "send");
        let frame = |src: &str, needle: &str| {
            let at = src.find(needle).unwrap();
            let line = src[..at].matches('\n').count() as u32 + 1;
            let mut f = finding(line, at, at + needle.len());
            f.snippet = needle.into();
            Window::in_frame(&Frame::cut(src, &f).unwrap())
        };
        let w = frame(src, "send(p, 1)");
        assert_eq!(
            (w.first_line, w.text.as_str()),
            (4, "  def g, do: send(p, 1)")
        );
        let w = frame(src, "def f");
        assert_eq!(w.first_line, 1);
        assert_eq!(w.text, "defmodule A do\n  def f, do: 1");
        assert_eq!(&w.text[w.span], "def f");
    }

    fn finding(line: u32, start: usize, end: usize) -> Finding {
        let json = serde_json::json!({
            "rule": "otp/no-raw-send", "severity": "warning", "message": "m",
            "path": "lib/a.ex", "scope": "A",
            "start": {"line": line, "column": 1, "utf16_column": 1, "byte": start},
            "end": {"line": line, "column": 1, "utf16_column": 1, "byte": end},
            "guide": "otp/no-raw-send", "fixes": [], "snippet": ""
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn control_characters_are_escaped_and_the_span_follows() {
        let raw = "a\0b = \u{1b}[2J send(p, 1)\r";
        let at = raw.find("send").unwrap();
        let w = Window::escape(raw, 1, at..at + 10);
        assert_eq!(w.text, "a\\u{0}b = \\u{1b}[2J send(p, 1)");
        assert_eq!(&w.text[w.span], "send(p, 1)");
        assert_eq!(printable("tab\tstays"), "tab\tstays");
        assert_eq!(printable("\u{202e}x"), "\\u{202e}x");
    }

    #[test]
    fn a_frame_underlines_the_span_and_lists_fixes_and_guide() {
        let src = "defmodule A do\n  def g(p), do: send(p, 1)\nend\n";
        let at = src.find("send").unwrap();
        let f = finding(2, at, at + 10);
        let mut out = String::new();
        write_finding(
            &mut out,
            &Style { on: false },
            &f,
            Frame::cut(src, &f).as_ref(),
        );
        assert!(
            out.ends_with(
                "1 | defmodule A do\n2 |   def g(p), do: send(p, 1)\n  |                 ^^^^^^^^^^\n  |\n  = guide: otp-audit explain otp/no-raw-send\n\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_multi_line_span_is_drawn_across_its_lines() {
        let src = "defmodule A do\n  def g(p) do\n    send(p,\n      1)\n  end\nend\n";
        let at = src.find("send").unwrap();
        let end = src.find("1)").unwrap() + 2;
        let mut f = finding(3, at, end);
        f.end.line = 4;
        let mut out = String::new();
        write_finding(
            &mut out,
            &Style { on: false },
            &f,
            Frame::cut(src, &f).as_ref(),
        );
        assert!(
            out.contains("3 | /     send(p,\n4 | |       1)\n  | |________^\n"),
            "{out}"
        );
        assert!(!out.contains("5 |"), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_flagged_code() {
        let line = format!("{}send(pid, :ping){}", "x".repeat(300), "y".repeat(300));
        let f = finding(1, 300, 316);
        let mut out = String::new();
        write_finding(
            &mut out,
            &Style { on: false },
            &f,
            Frame::cut(&line, &f).as_ref(),
        );
        let shown = out.lines().nth(2).unwrap();
        assert!(
            shown.contains("...") && shown.contains("send(pid, :ping)"),
            "{out}"
        );
        assert!(shown.chars().count() <= FRAME_WIDTH, "{out}");
        let carets = out.lines().nth(3).unwrap();
        let at = carets.find('^').unwrap();
        assert_eq!(&shown[at..at + 16], "send(pid, :ping)", "{out}");
    }
}
