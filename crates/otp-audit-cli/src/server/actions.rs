//! Code actions: each fix of a finding as a `quickfix` (an unsafe one says it
//! needs review), "fix all safe" as `source.fixAll.otp-audit`, and a suppression
//! comment for the rule on the finding's line.

use super::diagnostics;
use super::text::range_of;
use otp_audit_engine::source::LineIndex;
use otp_audit_engine::{Engine, FileScope, Finding, Fix, ProjectFacts, Safety};
use serde_json::{Value, json};

pub const FIX_ALL: &str = "source.fixAll.otp-audit";
pub const QUICKFIX: &str = "quickfix";

/// Rules whose findings a comment cannot (or should not) silence.
const NOT_SUPPRESSIBLE: &[&str] = &["syntax/parse-error", "meta/unused-suppression"];

/// The buffer the actions are for.
pub struct Buffer<'a> {
    pub uri: &'a str,
    pub text: &'a str,
    pub rel: &'a str,
    pub scope: FileScope,
    pub findings: &'a [Finding],
}

/// Whether an action of `kind` is wanted by `only` (absent: all). Kinds are
/// hierarchical: `source.fixAll` asks for `source.fixAll.otp-audit` too.
pub fn wanted(only: Option<&[String]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter()
            .any(|o| kind == o || kind.starts_with(&format!("{o}.")))
    })
}

/// Whether `src` ends its lines with `\r\n` (judged by its first line, as the
/// engine's fixer does).
fn crlf(src: &str) -> bool {
    src.find('\n')
        .is_some_and(|i| i > 0 && src.as_bytes()[i - 1] == b'\r')
}

/// A replacement with the file's line endings.
fn with_line_endings(replacement: &str, crlf: bool) -> String {
    if crlf {
        replacement.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        replacement.to_string()
    }
}

fn workspace_edit(uri: &str, edits: Vec<Value>) -> Value {
    json!({"changes": {uri: edits}})
}

fn text_edits(buffer: &Buffer, index: &LineIndex, fix: &Fix) -> Vec<Value> {
    let crlf = crlf(buffer.text);
    fix.edits
        .iter()
        .map(|e| {
            json!({
                "range": range_of(buffer.text, index, e.start_byte, e.end_byte),
                "newText": with_line_endings(&e.replacement, crlf),
            })
        })
        .collect()
}

/// The actions for the findings that meet the bytes `start..=end`, and the
/// file-wide ones.
pub fn actions(
    buffer: &Buffer,
    engine: &Engine,
    project: &ProjectFacts,
    start: usize,
    end: usize,
    only: Option<&[String]>,
    guide_base: &str,
) -> Vec<Value> {
    let index = LineIndex::new(buffer.text);
    let mut out = Vec::new();
    let here = buffer.findings.iter().filter(|f| {
        let (a, b) = (f.start.byte as usize, f.end.byte as usize);
        a <= end && start <= b
    });
    let mut suppressions: Vec<(usize, &str)> = Vec::new();
    for f in here {
        if wanted(only, QUICKFIX) {
            for (n, fix) in f.fixes.iter().enumerate() {
                let title = match fix.safety {
                    Safety::Safe => fix.title.clone(),
                    Safety::Unsafe => format!("{} (needs review)", fix.title),
                };
                out.push(json!({
                    "title": title,
                    "kind": QUICKFIX,
                    "diagnostics": [diagnostics::diagnostic(f, guide_base)],
                    "isPreferred": n == 0 && fix.safety == Safety::Safe,
                    "edit": workspace_edit(buffer.uri, text_edits(buffer, &index, fix)),
                }));
            }
        }
        let line0 = f.start.line as usize - 1;
        if wanted(only, QUICKFIX)
            && !NOT_SUPPRESSIBLE.contains(&f.rule.as_str())
            && !suppressions.contains(&(line0, f.rule.as_str()))
        {
            suppressions.push((line0, f.rule.as_str()));
            out.push(suppress(buffer, &index, f, line0, guide_base));
        }
    }
    if wanted(only, FIX_ALL)
        && let Some(action) = fix_all(buffer, engine, project, &index)
    {
        out.push(action);
    }
    out
}

/// "Suppress RULE on this line": `# otp-audit:disable-for-next-line RULE` above
/// the line where the finding starts, indented like it.
fn suppress(
    buffer: &Buffer,
    index: &LineIndex,
    f: &Finding,
    line0: usize,
    guide_base: &str,
) -> Value {
    let line_start = index.line_start(line0);
    let line = index.line_text(buffer.text, line0);
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let eol = if crlf(buffer.text) { "\r\n" } else { "\n" };
    let comment = format!("{indent}# otp-audit:disable-for-next-line {}{eol}", f.rule);
    json!({
        "title": format!("Suppress {} on this line", f.rule),
        "kind": QUICKFIX,
        "diagnostics": [diagnostics::diagnostic(f, guide_base)],
        "edit": workspace_edit(buffer.uri, vec![json!({
            "range": range_of(buffer.text, index, line_start, line_start),
            "newText": comment,
        })]),
    })
}

/// Every safe fix of the file, applied to a fixpoint as `check --fix` does, as
/// one edit over the part of the file that changes.
fn fix_all(
    buffer: &Buffer,
    engine: &Engine,
    project: &ProjectFacts,
    index: &LineIndex,
) -> Option<Value> {
    if !buffer.findings.iter().any(|f| f.safe_fix().is_some()) {
        return None;
    }
    let outcome =
        engine.fix_in_project_as(buffer.rel, buffer.scope, buffer.text, Safety::Safe, project);
    if outcome.applied == 0 || outcome.text == buffer.text {
        return None;
    }
    let (start, end_old, end_new) = changed_span(buffer.text, &outcome.text);
    Some(json!({
        "title": format!(
            "Fix all safe otp-audit findings in this file ({} fix{})",
            outcome.applied,
            if outcome.applied == 1 { "" } else { "es" }
        ),
        "kind": FIX_ALL,
        "edit": workspace_edit(buffer.uri, vec![json!({
            "range": range_of(buffer.text, index, start, end_old),
            "newText": &outcome.text[start..end_new],
        })]),
    }))
}

/// The bytes that differ between `old` and `new`: the common prefix and suffix
/// left out, cut on character boundaries. Returns (start, end in old, end in new).
pub fn changed_span(old: &str, new: &str) -> (usize, usize, usize) {
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let max_suffix = (old.len() - start).min(new.len() - start);
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (start, old.len() - suffix, new.len() - suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_span_is_minimal_and_on_char_boundaries() {
        let (old, new) = ("call(a, é)", "call(a, é, 5_000)");
        let (s, e_old, e_new) = changed_span(old, new);
        assert_eq!(
            format!("{}{}{}", &old[..s], &new[s..e_new], &old[e_old..]),
            new
        );
        assert_eq!(&new[s..e_new], ", 5_000");
        // é and è share their first byte.
        let (s, e_old, e_new) = changed_span("aé", "aè");
        assert_eq!((s, e_old, e_new), (1, 3, 3));
    }

    #[test]
    fn kinds_are_hierarchical() {
        let only = vec!["source.fixAll".to_string()];
        assert!(wanted(Some(&only), FIX_ALL));
        assert!(!wanted(Some(&only), QUICKFIX));
        assert!(wanted(None, QUICKFIX));
        assert!(!wanted(Some(&["source.fix".to_string()]), FIX_ALL));
    }
}
