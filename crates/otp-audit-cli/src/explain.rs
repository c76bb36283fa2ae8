//! `otp-audit explain`: a rule's guide page, or the findings at `FILE:LINE[:COL]`
//! with their code frame and the guide of each rule found there.

use crate::args::Selection;
use crate::output::{self, text};
use crate::run;
use otp_audit_engine::Finding;
use std::path::PathBuf;

/// `FILE:LINE` or `FILE:LINE:COL` (1-based).
pub fn parse_location(arg: &str) -> Option<(String, u32, Option<u32>)> {
    let (rest, last) = arg.rsplit_once(':')?;
    let last: u32 = last.parse().ok()?;
    if let Some((path, line)) = rest.rsplit_once(':')
        && let Ok(line) = line.parse::<u32>()
        && !path.is_empty()
    {
        return Some((path.to_string(), line, Some(last)));
    }
    (!rest.is_empty()).then(|| (rest.to_string(), last, None))
}

/// Whether the finding covers the position (a whole line when `col` is `None`).
fn covers(f: &Finding, line: u32, col: Option<u32>) -> bool {
    match col {
        None => (f.start.line..=f.end.line).contains(&line),
        Some(c) => {
            let at = (line, c);
            (f.start.line, f.start.column) <= at && at <= (f.end.line, f.end.column)
        }
    }
}

/// Print the guide page of `arg`, or the findings at a position (a note on stderr
/// when there are none).
pub fn explain(arg: &str) -> Result<(), String> {
    if let Some(page) = otp_audit_engine::guide::page(arg) {
        return output::stdout(page);
    }
    let Some((path, line, col)) = parse_location(arg) else {
        return Err(format!(
            "no rule `{arg}`; run `otp-audit rules` to list them, or give a position as FILE:LINE:COL"
        ));
    };
    let file = PathBuf::from(&path);
    if !file.is_file() {
        return Err(format!("cannot read `{path}`: no such file"));
    }
    let (_, analysis) = run::open_and_analyse(
        std::slice::from_ref(&file),
        None,
        &Selection::default(),
        Some(1),
        &crate::cache::Choice::Off,
    )?;
    let color = output::color_by_default();
    let style = text::Style { on: color };
    let mut out = String::new();
    let mut rules: Vec<&str> = Vec::new();
    let mut on_line: Vec<u32> = Vec::new();
    for (r, frames) in analysis.results.iter().zip(&analysis.frames) {
        for f in &r.findings {
            on_line.push(f.start.line);
            if covers(f, line, col) {
                text::write_finding(&mut out, &style, f, frames.of(f));
                if !rules.contains(&f.rule.as_str()) {
                    rules.push(&f.rule);
                }
            }
        }
    }
    if rules.is_empty() {
        on_line.dedup();
        let lines: Vec<String> = on_line.iter().take(20).map(u32::to_string).collect();
        eprintln!(
            "No finding at {arg}.{}",
            if lines.is_empty() {
                " The file has no findings.".to_string()
            } else {
                format!(" Findings in this file start on line {}.", lines.join(", "))
            }
        );
        return Ok(());
    }
    for rule in rules {
        if let Some(page) = otp_audit_engine::guide::page(rule) {
            out.push_str(&"─".repeat(72));
            out.push('\n');
            out.push_str(page);
            if !page.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    output::stdout(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert_eq!(
            parse_location("lib/a.ex:12:5"),
            Some(("lib/a.ex".into(), 12, Some(5)))
        );
        assert_eq!(
            parse_location("lib/a.ex:12"),
            Some(("lib/a.ex".into(), 12, None))
        );
        assert_eq!(parse_location("otp/no-raw-send"), None);
        assert_eq!(parse_location(":3"), None);
    }
}
