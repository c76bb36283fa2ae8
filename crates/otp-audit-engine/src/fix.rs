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
pub fn apply_fixes(src: &str, findings: &[Finding], max: Safety) -> (String, usize) {
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
    let edits: Vec<&Edit> = chosen.iter().flat_map(|f| f.edits.iter()).collect();
    let (text, _) = apply_edits(src, &edits);
    (text, chosen.len())
}

#[cfg(test)]
mod tests {
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
