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
    if !root.has_error() || is_fixture_data(file.path) || is_priv_template(file.path, file.src) {
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

/// A file in a fixtures folder (`test/fixtures/`, `test_fixtures/`, `fixture/`) that
/// is not under a `support/` folder: data a test reads or hands to a tool, which Mix
/// does not compile. Tools for Elixir (language servers, formatters, linters) keep
/// files there that are broken on purpose, to test what they say about them.
fn is_fixture_data(path: &str) -> bool {
    let mut seen_support = false;
    for segment in path.split(['/', '\\']) {
        if segment == "support" {
            seen_support = true;
        }
        let fixtures = matches!(segment, "fixture" | "fixtures") || segment.ends_with("_fixtures");
        if fixtures {
            return !seen_support;
        }
    }
    false
}

/// A file under `priv/` with EEx tags (`<%= ... %>`): a template that a Mix task
/// renders into the user's project (`priv/templates/...`, named `.ex` so that it
/// reads as Elixir). Mix compiles nothing under `priv/`, and the tags make any
/// template that names its module with them unparsable.
fn is_priv_template(path: &str, src: &str) -> bool {
    path.split(['/', '\\']).any(|segment| segment == "priv") && src.contains("<%")
}

/// Closing delimiters and the openers they close.
const PAIRS: &[(&str, &str)] = &[("(", ")"), ("[", "]"), ("{", "}"), ("<<", ">>")];

/// The opener a missing closer was inserted for: the nearest earlier sibling that
/// opens what `missing` closes.
fn opener_of_missing<'t>(missing: Node<'t>) -> Option<Node<'t>> {
    let (open, _) = PAIRS.iter().find(|(_, close)| *close == missing.kind())?;
    let mut sibling = missing.prev_sibling();
    while let Some(n) = sibling {
        if n.kind() == *open && !n.is_named() {
            return Some(n);
        }
        sibling = n.prev_sibling();
    }
    None
}

/// The first opening delimiter among an error node's own tokens that no later
/// token closes: an unclosed `(` swallows the rest of its block into the error,
/// which then starts far above the mistake (at the enclosing `do`).
fn unclosed_opener<'t>(error: Node<'t>) -> Option<Node<'t>> {
    let mut open: Vec<Node<'t>> = Vec::new();
    let mut cursor = error.walk();
    for child in error.children(&mut cursor) {
        let kind = child.kind();
        if child.is_named() || child.is_missing() {
            continue;
        }
        if PAIRS.iter().any(|(o, _)| *o == kind) {
            open.push(child);
        } else if let Some((o, _)) = PAIRS.iter().find(|(_, c)| *c == kind)
            && let Some(i) = open.iter().rposition(|n| n.kind() == *o)
        {
            open.truncate(i);
        }
    }
    open.first().copied()
}

fn report_unclosed(report: &mut Report, opener: Node) {
    let close = PAIRS
        .iter()
        .find(|(o, _)| *o == opener.kind())
        .map_or(")", |(_, c)| c);
    report.add_scoped(
        opener.byte_range(),
        format!(
            "syntax error: `{}` is never closed (a `{close}` is missing)",
            opener.kind()
        ),
        String::new(),
    );
}

fn report_node(file: &File, report: &mut Report, node: Node) {
    let range = node.byte_range();
    if node.is_missing()
        && let Some(opener) = opener_of_missing(node)
    {
        report_unclosed(report, opener);
        return;
    }
    if node.is_error()
        && let Some(opener) = unclosed_opener(node)
    {
        report_unclosed(report, opener);
        return;
    }
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
