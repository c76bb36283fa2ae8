//! Text helpers the editor needs: UTF-16 offsets (what a `<textarea>` counts) to
//! UTF-8 byte offsets (what the engine counts) and back, the changed region between
//! two texts, and indentation of a selection.

/// UTF-16 code units from the start of `text` to the byte offset `byte` (clamped
/// down to a character boundary).
pub fn utf16_of_byte(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let prefix = &text[..byte];
    if prefix.is_ascii() {
        byte
    } else {
        prefix.chars().map(char::len_utf16).sum()
    }
}

/// Byte offset of the UTF-16 offset `units` (clamped to the text; a unit in the
/// middle of a surrogate pair maps to the start of its character).
pub fn byte_of_utf16(text: &str, units: usize) -> usize {
    if text.is_ascii() {
        return units.min(text.len());
    }
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16();
        if seen > units {
            return i;
        }
    }
    text.len()
}

// One definition of an edit's region, shared with the engine's incremental `Document`,
// so the highlighter and the engine always agree on what changed.
pub use otp_audit_engine::changed_region;

/// Map a byte offset of the old text through an edit described by [`changed_region`].
/// Offsets inside the replaced region move to its end.
pub fn shift_offset(offset: usize, (start, old_end, new_end): (usize, usize, usize)) -> usize {
    if offset <= start {
        offset
    } else if offset >= old_end {
        offset - old_end + new_end
    } else {
        new_end
    }
}

/// The indentation unit Tab inserts.
pub const INDENT: &str = "  ";

/// What Tab or Shift-Tab does to the text: replace bytes `start..end` with
/// `replacement`, then select `sel_start..sel_end` (bytes, in the new text).
#[derive(Debug, PartialEq, Eq)]
pub struct IndentEdit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
    pub sel_start: usize,
    pub sel_end: usize,
}

/// Tab (`outdent == false`) or Shift-Tab on the selection `sel_start..sel_end` (bytes).
/// A caret or a selection within one line gets spaces inserted to the next indent
/// stop on Tab; a selection over several lines, or Shift-Tab, (de)indents whole lines.
pub fn indent(text: &str, sel_start: usize, sel_end: usize, outdent: bool) -> Option<IndentEdit> {
    let (sel_start, sel_end) = (sel_start.min(sel_end), sel_start.max(sel_end));
    let line_start = text[..sel_start].rfind('\n').map_or(0, |i| i + 1);
    let multi_line = text[sel_start..sel_end].contains('\n');
    if !outdent && !multi_line {
        let column = text[line_start..sel_start].chars().count();
        let pad = INDENT.len() - column % INDENT.len();
        let spaces = " ".repeat(pad);
        let caret = sel_start + pad;
        return Some(IndentEdit {
            start: sel_start,
            end: sel_end,
            replacement: spaces,
            sel_start: caret,
            sel_end: caret,
        });
    }
    // Whole lines: from the start of the first line to the end of the last line that
    // the selection touches (a selection ending at a line start leaves that line alone).
    let last = if sel_end > sel_start && text[..sel_end].ends_with('\n') {
        sel_end - 1
    } else {
        sel_end
    };
    let block_end = text[last..].find('\n').map_or(text.len(), |i| last + i);
    let block = &text[line_start..block_end];
    let mut out = String::with_capacity(block.len() + 16);
    let mut first_delta: isize = 0;
    let mut total_delta: isize = 0;
    for (i, line) in block.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let delta = if outdent {
            let spaces = line
                .bytes()
                .take(INDENT.len())
                .take_while(|&b| b == b' ')
                .count();
            let removable = if spaces == 0 && line.starts_with('\t') {
                1
            } else {
                spaces
            };
            out.push_str(&line[removable..]);
            -(removable as isize)
        } else if line.is_empty() {
            0
        } else {
            out.push_str(INDENT);
            out.push_str(line);
            INDENT.len() as isize
        };
        if i == 0 {
            first_delta = delta;
        }
        total_delta += delta;
    }
    if out == block {
        return None;
    }
    let first_line_start = line_start as isize;
    let shift =
        |at: usize, delta: isize| -> usize { (at as isize + delta).max(first_line_start) as usize };
    let (new_start, new_end) = if multi_line || sel_end > sel_start {
        let start = if sel_start == line_start {
            line_start
        } else {
            shift(sel_start, first_delta)
        };
        (start, shift(sel_end, total_delta))
    } else {
        let c = shift(sel_start, first_delta);
        (c, c)
    };
    Some(IndentEdit {
        start: line_start,
        end: block_end,
        replacement: out,
        sel_start: new_start,
        sel_end: new_end,
    })
}

/// 0-based line and UTF-16 column of a byte offset.
pub fn line_col_utf16(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    (line, utf16_of_byte(&text[line_start..], byte - line_start))
}

/// Byte offset of a 0-based line and UTF-16 column, clamped to the line.
pub fn byte_of_line_col_utf16(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start + byte_of_utf16(&text[start..end], col)
}

/// `1 finding`, `2 findings`: a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `1 error`, `3 warnings`, `2 info`.
pub fn severity_count(n: usize, s: otp_audit_engine::Severity) -> String {
    use otp_audit_engine::Severity;
    match s {
        Severity::Error => count(n, "error", "errors"),
        Severity::Warning => count(n, "warning", "warnings"),
        Severity::Info => count(n, "info", "info"),
    }
}

/// `2 errors · 3 warnings`: the severities that occur, worst first.
pub fn severity_split(errors: usize, warnings: usize, info: usize) -> String {
    use otp_audit_engine::Severity;
    [
        (errors, Severity::Error),
        (warnings, Severity::Warning),
        (info, Severity::Info),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, s)| severity_count(n, s))
    .collect::<Vec<_>>()
    .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(count(1, "finding", "findings"), "1 finding");
        assert_eq!(count(0, "finding", "findings"), "0 findings");
        assert_eq!(count(2, "fix", "fixes"), "2 fixes");
        use otp_audit_engine::Severity;
        assert_eq!(severity_count(1, Severity::Error), "1 error");
        assert_eq!(severity_count(2, Severity::Warning), "2 warnings");
        assert_eq!(severity_split(2, 0, 1), "2 errors · 1 info");
        assert_eq!(severity_split(0, 1, 0), "1 warning");
        assert_eq!(severity_split(0, 0, 0), "");
    }

    #[test]
    fn utf16_round_trips() {
        let t = "a é 😀 b";
        for (byte, _) in t.char_indices() {
            assert_eq!(byte_of_utf16(t, utf16_of_byte(t, byte)), byte);
        }
        assert_eq!(utf16_of_byte(t, t.len()), 8);
        assert_eq!(byte_of_utf16(t, 100), t.len());
        // Inside the surrogate pair: the start of the emoji.
        assert_eq!(byte_of_utf16(t, 5), t.find('😀').unwrap());
    }

    #[test]
    fn changed_region_is_minimal_and_on_boundaries() {
        assert_eq!(changed_region("abc", "abc"), (3, 3, 3));
        assert_eq!(changed_region("abc", "abxc"), (2, 2, 3));
        assert_eq!(changed_region("aaa", "aa"), (2, 3, 2));
        assert_eq!(changed_region("é", "è"), (0, 2, 2));
        assert_eq!(changed_region("", "x"), (0, 0, 1));
    }

    #[test]
    fn offsets_shift_through_an_edit() {
        let edit = changed_region("hello world", "hello big world");
        assert_eq!(shift_offset(3, edit), 3);
        assert_eq!(shift_offset(6, edit), 6);
        assert_eq!(shift_offset(7, edit), 11);
    }

    #[test]
    fn tab_inserts_to_the_next_stop() {
        let e = indent("ab", 1, 1, false).unwrap();
        assert_eq!((e.start, e.end, e.replacement.as_str()), (1, 1, " "));
        assert_eq!((e.sel_start, e.sel_end), (2, 2));
        let e = indent("ab", 0, 0, false).unwrap();
        assert_eq!(e.replacement, "  ");
    }

    #[test]
    fn tab_and_shift_tab_on_lines() {
        let text = "a\n  b\n\nc\n";
        let e = indent(text, 0, 8, false).unwrap();
        assert_eq!(e.replacement, "  a\n    b\n\n  c");
        assert_eq!((e.start, e.end), (0, 8));
        assert_eq!((e.sel_start, e.sel_end), (0, 14));
        // A selection that ends at a line start leaves that line alone.
        let e = indent(text, 0, 7, false).unwrap();
        assert_eq!(e.replacement, "  a\n    b\n");
        let e = indent(text, 2, 5, true).unwrap();
        assert_eq!(e.replacement, "b");
        assert_eq!((e.start, e.end), (2, 5));
        assert_eq!((e.sel_start, e.sel_end), (2, 3));
        assert!(indent("a", 0, 0, true).is_none());
    }

    #[test]
    fn line_columns() {
        let t = "ab\né😀x\n";
        let x = t.find('x').unwrap();
        assert_eq!(line_col_utf16(t, x), (1, 3));
        assert_eq!(byte_of_line_col_utf16(t, 1, 3), x);
        assert_eq!(byte_of_line_col_utf16(t, 0, 99), 2);
        assert_eq!(byte_of_line_col_utf16(t, 9, 0), t.len());
    }
}
