//! The format for people: `path:line:col: severity rule: message`, the source line
//! with the span underlined, the fixes on offer, and a summary on stderr.

use otp_audit_engine::{FileResult, Finding, Severity};
use std::io::Write;

struct Style {
    on: bool,
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

pub fn print(results: &[FileResult], color: bool) -> std::io::Result<()> {
    let style = Style { on: color };
    let mut out = std::io::stdout().lock();
    let mut counts = [0usize; 3];
    let mut fixable = 0;
    for f in results.iter().flat_map(|r| &r.findings) {
        counts[f.severity as usize] += 1;
        fixable += usize::from(f.safe_fix().is_some());
        write_finding(&mut out, &style, f)?;
    }
    let total: usize = counts.iter().sum();
    let files = results.len();
    let summary = if total == 0 {
        format!("No findings in {files} file{}.", plural(files))
    } else {
        let affected = results.iter().filter(|r| !r.findings.is_empty()).count();
        format!(
            "{total} finding{} ({} error{}, {} warning{}, {} info) in {affected} of {files} file{}; {fixable} with a safe fix.",
            plural(total),
            counts[2],
            plural(counts[2]),
            counts[1],
            plural(counts[1]),
            counts[0],
            plural(files)
        )
    };
    out.flush()?;
    eprintln!("{summary}");
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn write_finding(out: &mut impl Write, style: &Style, f: &Finding) -> std::io::Result<()> {
    writeln!(
        out,
        "{}:{}:{}: {} {}: {}",
        style.paint("1", &f.path),
        f.start.line,
        f.start.column,
        style.severity(f.severity),
        style.paint("2", &f.rule),
        f.message
    )?;
    let gutter = f.start.line.to_string().len().max(
        (f.start.line as usize + f.snippet.lines().count())
            .to_string()
            .len(),
    );
    for (i, line) in f.snippet.lines().enumerate() {
        let n = f.start.line as usize + i;
        writeln!(
            out,
            "{:>gutter$} | {line}",
            style.paint("34", &n.to_string())
        )?;
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
                .take_while(|_| true)
                .scan(0usize, |acc, c| {
                    let was = *acc;
                    *acc += c.len_utf16();
                    (was < start).then_some(if c == '\t' { '\t' } else { ' ' })
                })
                .collect();
            writeln!(
                out,
                "{:>gutter$} | {pad}{}",
                "",
                style.paint("1;31", &"^".repeat(width))
            )?;
        }
        if i >= 2 {
            break;
        }
    }
    for fix in &f.fixes {
        writeln!(
            out,
            "{:>gutter$} = fix ({}): {}",
            "",
            fix.safety.as_str(),
            fix.title
        )?;
    }
    writeln!(
        out,
        "{:>gutter$} = guide: otp-audit explain {}",
        "", f.guide
    )?;
    writeln!(out)
}
