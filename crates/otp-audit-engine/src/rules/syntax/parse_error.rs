//! `syntax/parse-error`: Syntax error. See `parse_error.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "syntax/parse-error",
    title: "Syntax error",
    severity: Severity::Error,
    scopes: ALL_SCOPES,
    fix: Fixability::None,
    default_enabled: true,
    params: &[],
    credo: &[],
    supersedes: &[],
    guide: include_str!("parse_error.md"),
    check,
    project: None,
};

/// Enough to point at the problems without flooding a half-typed file.
const MAX_REPORTED: usize = 10;

fn check(file: &File, report: &mut Report) {
    let root = file.tree.root_node();
    if !root.has_error() {
        return;
    }
    let mut found = 0usize;
    let mut cursor = root.walk();
    // Descend only into subtrees that contain errors.
    'walk: loop {
        let node = cursor.node();
        let problem = node.is_error() || node.is_missing();
        if problem {
            found += 1;
            if found <= MAX_REPORTED {
                report_node(file, report, node);
            }
        }
        if !problem && node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    if found > MAX_REPORTED {
        let end = file.src.len();
        report.add_scoped(
            end..end,
            format!("{} more syntax errors not shown; fix the first ones and re-run", found - MAX_REPORTED),
            String::new(),
        );
    }
}

fn report_node(file: &File, report: &mut Report, node: Node) {
    let range = node.byte_range();
    if node.is_missing() {
        // Point after the last token before the gap, not at the next line's start.
        let at = file.src[..range.start].trim_end().len();
        let what = node.kind();
        report.add_scoped(at..at, format!("syntax error: missing `{what}`"), String::new());
        return;
    }
    // An error node can span the rest of the file; underline its first line only.
    let text = file.text(node);
    let first_line = text.lines().next().unwrap_or("").trim_end();
    let end = range.start + first_line.len().max(1).min(text.len());
    let shown: String = first_line.trim().chars().take(40).collect();
    let message = if shown.is_empty() {
        "syntax error: unexpected end of input".to_string()
    } else {
        format!("syntax error: unexpected `{shown}`; the rest of the file is still checked")
    };
    report.add_scoped(range.start..end, message, String::new());
}
