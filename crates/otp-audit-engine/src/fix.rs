//! Applying fixes: non-overlapping edits, and "fix all" to a fixpoint.

use crate::finding::{Edit, Finding, Fix, Safety};
use std::borrow::Cow;

/// Whether `src` ends its lines with `\r\n` (judged by its first line).
fn uses_crlf(src: &str) -> bool {
    src.find('\n')
        .is_some_and(|i| src.as_bytes().get(i.wrapping_sub(1)) == Some(&b'\r'))
}

/// Write a replacement's line breaks the way the file writes its own: rules build
/// replacements with `\n`, and a CRLF file must not end up with mixed endings.
fn in_line_endings(replacement: &str, crlf: bool) -> Cow<'_, str> {
    if !crlf || !replacement.contains('\n') {
        return Cow::Borrowed(replacement);
    }
    let mut out = String::with_capacity(replacement.len() + 8);
    let mut previous = '\0';
    for c in replacement.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    Cow::Owned(out)
}

/// Apply edits that do not overlap; edits that overlap an earlier one are skipped.
/// Line breaks in replacements follow the file's (`\n` or `\r\n`).
/// Returns the new text and how many edits were applied.
pub fn apply_edits(src: &str, edits: &[&Edit]) -> (String, usize) {
    let crlf = uses_crlf(src);
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.start_byte, e.end_byte));
    let mut out = String::with_capacity(src.len() + 64);
    let mut pos = 0;
    let mut applied = 0;
    for e in sorted {
        if e.start_byte < pos || e.end_byte > src.len() || e.start_byte > e.end_byte {
            continue;
        }
        if !src.is_char_boundary(e.start_byte) || !src.is_char_boundary(e.end_byte) {
            continue;
        }
        out.push_str(&src[pos..e.start_byte]);
        out.push_str(&in_line_endings(&e.replacement, crlf));
        pos = e.end_byte;
        applied += 1;
    }
    out.push_str(&src[pos..]);
    (out, applied)
}

/// Pick fixes of at most `max` safety whose edits do not overlap each other (the
/// first finding wins), and apply them. Returns the new text and the fixes applied.
///
/// Fixes are written for code that parses. A finding that touches a parse error gets
/// none of its fixes applied: its node may not be what the rule took it for. And
/// when the result still has more parse errors than `src`, only the fixes that add
/// none on their own are applied (none, if together they still do).
pub fn apply_fixes(src: &str, findings: &[Finding], max: Safety) -> (String, usize) {
    let damage = parse_damage(src);
    let sound: Vec<&Finding> = findings
        .iter()
        .filter(|f| !damage.iter().any(|r| touches(r, f)))
        .collect();
    let chosen = choose_fixes(&sound, max);
    if chosen.is_empty() {
        return (src.to_string(), 0);
    }
    let text = apply_all(src, &chosen);
    let before = damage.len();
    if parse_problems(&text) <= before {
        return (text, chosen.len());
    }
    let harmless: Vec<&Fix> = chosen
        .into_iter()
        .filter(|fix| parse_problems(&apply_all(src, &[fix])) <= before)
        .collect();
    let text = apply_all(src, &harmless);
    if harmless.is_empty() || parse_problems(&text) > before {
        return (src.to_string(), 0);
    }
    (text, harmless.len())
}

/// Whether a finding or one of its edits meets a parse problem's bytes (a MISSING
/// node is empty: meeting it means containing its position).
fn touches(problem: &std::ops::Range<usize>, f: &Finding) -> bool {
    let meets = |start: usize, end: usize| {
        if problem.is_empty() {
            start <= problem.start && problem.start <= end
        } else {
            start < problem.end && problem.start < end
        }
    };
    let range = f.range();
    meets(range.start, range.end)
        || f.fixes
            .iter()
            .flat_map(|x| &x.edits)
            .any(|e| meets(e.start_byte, e.end_byte))
}

fn choose_fixes<'f>(findings: &[&'f Finding], max: Safety) -> Vec<&'f Fix> {
    let mut chosen: Vec<&Fix> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for f in findings {
        let Some(fix) = f.fixes.iter().find(|x| x.safety <= max) else {
            continue;
        };
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|&(s, t)| {
                // Two insertions at one point are ambiguous too.
                e.start_byte < t && s < e.end_byte || (e.start_byte == s && e.end_byte == t)
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.start_byte, e.end_byte)));
        chosen.push(fix);
    }
    chosen
}

fn apply_all(src: &str, fixes: &[&Fix]) -> String {
    let edits: Vec<&Edit> = fixes.iter().flat_map(|f| f.edits.iter()).collect();
    apply_edits(src, &edits).0
}

/// ERROR and MISSING nodes in the parse of `src`.
pub fn parse_problems(src: &str) -> usize {
    parse_damage(src).len()
}

/// The byte ranges of the ERROR and MISSING nodes in the parse of `src`.
fn parse_damage(src: &str) -> Vec<std::ops::Range<usize>> {
    let tree = crate::parse(src);
    let mut cursor = tree.walk();
    let mut damage = Vec::new();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            damage.push(node.byte_range());
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return damage;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    const SRC: &str = "defmodule Shop.Pinger do\n  def ping(pid), do: send(pid, :ping)\nend\n";

    /// A finding of `SRC` carrying a safe fix with `edits`.
    fn finding_with(edits: Vec<Edit>) -> Finding {
        let mut f = Engine::default().check("lib/shop/pinger.ex", SRC).findings[0].clone();
        f.fixes = vec![Fix::safe("test fix", edits)];
        f
    }

    #[test]
    fn a_fix_that_breaks_the_parse_is_left_out() {
        let comment = finding_with(vec![Edit::insert(0, "# pings\n")]);
        let unclosed = finding_with(vec![Edit::insert(SRC.rfind("end").unwrap(), "foo(")]);
        let (text, n) = apply_fixes(SRC, &[unclosed, comment], Safety::Safe);
        assert_eq!((text.as_str(), n), (format!("# pings\n{SRC}").as_str(), 1));
    }

    #[test]
    fn nothing_is_applied_when_every_fix_breaks_the_parse() {
        let unclosed = finding_with(vec![Edit::insert(SRC.rfind("end").unwrap(), "foo(")]);
        assert_eq!(
            apply_fixes(SRC, &[unclosed], Safety::Safe),
            (SRC.to_string(), 0)
        );
    }

    #[test]
    fn a_finding_that_touches_a_parse_error_gets_no_fix() {
        let src = "defmodule Shop.Cart do\n  def put(s, id), do: GenServer.call(s, {:put, id)\n\n  def get(s), do: GenServer.call(s, :get)\nend\n";
        let findings = Engine::default().check("lib/shop/cart.ex", src).findings;
        let (text, n) = apply_fixes(src, &findings, Safety::Safe);
        assert!(text.contains("GenServer.call(s, :get, 5_000)"), "{text}");
        assert!(text.contains("GenServer.call(s, {:put, id)\n"), "{text}");
        assert_eq!(n, 1);
    }

    #[test]
    fn broken_code_counts_its_parse_problems() {
        assert_eq!(parse_problems(SRC), 0);
        assert!(parse_problems("defmodule A do\n  def f(x), do: g(x\nend\n") > 0);
    }
}

#[cfg(test)]
mod line_ending_tests {
    use super::*;

    fn insert(at: usize, text: &str) -> Edit {
        Edit {
            start_byte: at,
            end_byte: at,
            replacement: text.into(),
        }
    }

    #[test]
    fn replacements_follow_the_files_line_endings() {
        let crlf = "a\r\nb\r\n";
        let (out, _) = apply_edits(crlf, &[&insert(3, "x\ny\r\n")]);
        assert_eq!(out, "a\r\nx\r\ny\r\nb\r\n");
        let lf = "a\nb\n";
        let (out, _) = apply_edits(lf, &[&insert(2, "x\ny\n")]);
        assert_eq!(out, "a\nx\ny\nb\n");
    }
}
